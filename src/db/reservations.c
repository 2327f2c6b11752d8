/*
 * Reservations and memberships (reservations.md §9).  The row reader
 * indexes RES_COLS of stmt_reservations.inc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/nelem.h"
#include "core/strbuf.h"
#include "db/db.h"
#include "db/conn.h"

static void
read_reservation(const struct db_result *r, int i, struct db_reservation *v)
{
	memset(v, 0, sizeof(*v));
	v->id = db_cell_int(r, i, 0);
	v->uid = db_cell(r, i, 1);
	v->org_id = db_cell_int(r, i, 2);
	v->buyer_id = db_cell_int(r, i, 3);
	v->name = db_cell(r, i, 4);
	v->frequency = db_cell(r, i, 5);
	v->start = db_cell_ms(r, i, 6);
	v->end = db_cell_ms(r, i, 7);
	v->expiry = db_cell_ms(r, i, 8);
	v->target_wh = db_cell_int(r, i, 9);
	v->authority = db_cell_int(r, i, 10) != 0;
	v->blockchain = db_cell(r, i, 11);
	v->status = db_cell(r, i, 12);
	v->issued_wh = db_cell_int(r, i, 13);
	v->cert_count = db_cell_int(r, i, 14);
	if (db_cell(r, i, 15) != NULL) {
		v->has_issued_through = 1;
		v->issued_through = db_cell_ms(r, i, 15);
	}
	if (db_cell(r, i, 16) != NULL) {
		v->closed = 1;
		v->closed_at = db_cell_ms(r, i, 16);
	}
	v->fuel_codes = db_cell(r, i, 17);
	v->country_codes = db_cell(r, i, 18);
	v->device_type_codes = db_cell(r, i, 19);
	v->off_takers = db_cell(r, i, 20);
	v->sdg_benefits = db_cell(r, i, 21);
	v->commissioning_range = db_cell(r, i, 22);
	v->grid = db_cell_int(r, i, 23) != 0;
	v->aggregated_capacity = strtod(db_cell(r, i, 24), NULL);
	v->capacity_range = db_cell(r, i, 25);
	v->created = db_cell_ms(r, i, 26);
	v->updated = db_cell_ms(r, i, 27);
	v->org_name = db_cell(r, i, 28);
	v->api_user_uid = db_cell(r, i, 29);
}

enum err
db_res_insert(struct db_conn *c, const struct db_reservation *v, int64_t *id)
{
	struct db_param p[] = {
		db_p_str(v->uid), db_p_int(v->org_id), db_p_int(v->buyer_id),
		db_p_str(v->name), db_p_str(v->frequency), db_p_time(v->start),
		db_p_time(v->end), db_p_time(v->expiry), db_p_int(v->target_wh),
		db_p_int(v->authority), db_p_str(v->blockchain),
		db_p_str(v->fuel_codes), db_p_str(v->country_codes),
		db_p_str(v->device_type_codes), db_p_str(v->off_takers),
		db_p_str(v->sdg_benefits), db_p_str(v->commissioning_range),
		db_p_int(v->grid), db_p_double(v->aggregated_capacity),
		db_p_str(v->capacity_range), db_p_time(v->created),
		db_p_time(v->updated)
	};
	uint64_t	 ins = 0;
	enum err	 e;

	e = db_exec(c, NULL, ST_RES_INSERT, p, NP(p), NULL, NULL, &ins);
	*id = (int64_t)ins;
	return e;
}

enum err
db_res_member_insert(struct db_conn *c, int64_t res, int64_t dev,
    int64_t from, int64_t to)
{
	struct db_param p[] = { db_p_int(res), db_p_int(dev), db_p_time(from),
	    db_p_time(to) };

	struct db_param h[] = { db_p_time(to), db_p_time(to), db_p_int(dev) };
	enum err	e;

	if ((e = db_exec(c, NULL, ST_RES_MEMBER_INSERT, p, NP(p), NULL, NULL,
	    NULL)) != ERR_OK)
		return e;
	return db_exec(c, NULL, ST_DEVICE_HOLD_ONE, h, NP(h), NULL, NULL, NULL);
}

static enum err
res_one(struct db_conn *c, struct arena *a, enum stmt_id id,
    struct db_param *p, struct db_reservation *v)
{
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, id, p, 1, &r, NULL, NULL)) != ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	read_reservation(&r, 0, v);
	return ERR_OK;
}

enum err
db_res_get(struct db_conn *c, struct arena *a, int64_t id, int lock,
    struct db_reservation *v)
{
	struct db_param p = db_p_int(id);

	return res_one(c, a, lock ? ST_RES_GET_LOCK : ST_RES_GET, &p, v);
}

enum err
db_res_by_uid(struct db_conn *c, struct arena *a, const char *uid, int lock,
    struct db_reservation *v)
{
	struct db_param p = db_p_str(uid);

	return res_one(c, a, lock ? ST_RES_BY_UID_LOCK : ST_RES_BY_UID, &p, v);
}

enum err
db_res_members(struct db_conn *c, struct arena *a, int64_t res,
    int64_t org, struct db_member **out, int *n)
{
	struct db_param		 p[] = { db_p_int(res), db_p_int(org) };
	struct db_result	 r;
	struct db_member	*m;
	enum err		 e;
	int			 i;

	*out = NULL;
	*n = 0;
	e = db_exec(c, a, org > 0 ? ST_RES_MEMBERS_OF_ORG : ST_RES_MEMBERS, p,
	    org > 0 ? 2 : 1, &r, NULL, NULL);
	if (e != ERR_OK)
		return e;
	if ((m = arena_alloc(a, sizeof(*m) * (size_t)(r.nrows + 1))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++) {
		m[i].device_id = db_cell_int(&r, i, 0);
		m[i].from = db_cell_ms(&r, i, 1);
		m[i].to = db_cell_ms(&r, i, 2);
	}
	*out = m;
	*n = r.nrows;
	return ERR_OK;
}

enum err
db_res_overlap_lock(struct db_conn *c, int64_t dev, int64_t except,
    int64_t from, int64_t to, int *yes)
{
	struct db_param p[] = { db_p_int(dev), db_p_int(except), db_p_time(to),
	    db_p_time(from) };

	return db_any_row(c, ST_RES_OVERLAP_LOCK, p, NP(p), yes);
}

enum err
db_res_update(struct db_conn *c, const struct db_reservation *v)
{
	struct db_param p[] = { db_p_str(v->name), db_p_time(v->end),
	    db_p_time(v->expiry), db_p_int(v->authority), db_p_str(v->status),
	    db_p_time(v->updated), db_p_int(v->id) };

	return db_exec(c, NULL, ST_RES_UPDATE, p, NP(p), NULL, NULL, NULL);
}

enum err
db_res_member_set_end(struct db_conn *c, int64_t res, int64_t end)
{
	struct db_param p[] = { db_p_time(end), db_p_int(res) };
	enum err	e;

	if ((e = db_exec(c, NULL, ST_RES_MEMBER_SET_END, p, NP(p), NULL, NULL,
	    NULL)) != ERR_OK)
		return e;
	return db_exec(c, NULL, ST_RES_HOLD_RAISE, &p[1], 1, NULL, NULL, NULL);
}

enum err
db_res_member_lower(struct db_conn *c, int64_t res, int64_t t)
{
	struct db_param p[] = { db_p_time(t), db_p_int(res) };

	return db_exec(c, NULL, ST_RES_MEMBER_LOWER, p, NP(p), NULL, NULL,
	    NULL);
}

enum err
db_res_delete(struct db_conn *c, int64_t id)
{
	struct db_param p = db_p_int(id);

	return db_exec(c, NULL, ST_RES_DELETE, &p, 1, NULL, NULL, NULL);
}

enum err
db_res_dev_visible(struct db_conn *c, int64_t res, int64_t org, int *yes)
{
	struct db_param p[] = { db_p_int(res), db_p_int(org) };

	return db_any_row(c, ST_RES_DEV_VISIBLE, p, NP(p), yes);
}

/* Appends RES_FILTER's parameters; returns the new count. */
static int
filter_params(const struct db_res_filter *f, struct db_param *p)
{
	int n = 0;

	p[n++] = db_p_int(f->org_id);
	p[n++] = db_p_int(f->org_id);
	p[n++] = db_p_int(f->org_id);
	p[n++] = db_p_int(f->org_id);
	p[n++] = db_p_int(f->dev_org_id);
	p[n++] = db_p_int(f->dev_org_id);
	p[n++] = db_p_str(f->name_like);
	p[n++] = db_p_str(f->name_like);
	p[n++] = db_p_str(f->countries);
	p[n++] = db_p_str(f->countries);
	p[n++] = db_p_str(f->fuels);
	p[n++] = db_p_str(f->fuels);
	p[n++] = db_p_str(f->offtakers);
	p[n++] = db_p_str(f->offtakers);
	p[n++] = db_p_str(f->sdgs);
	p[n++] = db_p_str(f->sdgs);
	p[n++] = f->has_start ? db_p_time(f->start) : db_p_null();
	p[n++] = f->has_start ? db_p_time(f->start) : db_p_null();
	p[n++] = f->has_end ? db_p_time(f->end) : db_p_null();
	p[n++] = f->has_end ? db_p_time(f->end) : db_p_null();
	p[n++] = db_p_int(f->active);
	p[n++] = db_p_int(f->active);
	return n;
}

enum err
db_res_list(struct db_conn *c, struct arena *a, const struct db_res_filter *f,
    int64_t limit, int64_t offset, struct db_reservation **out, int *n,
    int64_t *total)
{
	struct db_param		 p[32];
	struct db_result	 r;
	struct db_reservation	*v;
	enum err		 e;
	int			 k, i;

	*out = NULL;
	*n = 0;
	k = filter_params(f, p);
	if ((e = db_exec(c, a, ST_RES_COUNT, p, k, &r, NULL, NULL)) != ERR_OK)
		return e;
	*total = db_cell_int(&r, 0, 0);
	p[k++] = db_p_int(limit);
	p[k++] = db_p_int(offset);
	if ((e = db_exec(c, a, ST_RES_LIST, p, k, &r, NULL, NULL)) != ERR_OK)
		return e;
	if ((v = arena_alloc(a, sizeof(*v) * (size_t)(r.nrows + 1))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++)
		read_reservation(&r, i, &v[i]);
	*out = v;
	*n = r.nrows;
	return ERR_OK;
}

/* ---- sets of devices, one statement each (issue 19) ---- */

/* ids as a JSON array in the arena ("[]" for none). */
static const char *
ids_json(struct arena *a, const int64_t *ids, int n)
{
	struct strbuf	 sb;
	const char	*out;
	char		 num[24];
	int		 i;

	strbuf_init(&sb);
	strbuf_putc(&sb, '[');
	for (i = 0; i < n; i++) {
		snprintf(num, sizeof(num), "%s%lld", i ? "," : "",
		    (long long)ids[i]);
		strbuf_puts(&sb, num);
	}
	strbuf_putc(&sb, ']');
	out = arena_strdup(a, sb.buf);
	strbuf_cleanup(&sb);
	return out;
}

static int
cmp_device_id(const void *x, const void *y)
{
	const struct db_device *a = x, *b = y;

	return a->id < b->id ? -1 : a->id > b->id;
}

static int
cmp_int64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return a < b ? -1 : a > b;
}

/* Row i of ST_RES_DEVICES_LOCK: the facts of reservations.md §3.5, §3.7. */
static void
read_facts(const struct db_result *r, int i, struct db_device *d)
{
	const char *grid = db_cell(r, i, 3);

	memset(d, 0, sizeof(*d));
	d->id = db_cell_int(r, i, 0);
	d->capacity = strtod(db_cell(r, i, 1), NULL);
	d->commissioning = db_cell_ms(r, i, 2);
	d->grid = grid == NULL ? -1 : atoi(grid) != 0;
	d->sdg = (uint32_t)db_cell_int(r, i, 4);
	d->country_code = db_cell(r, i, 5);
	d->fuel_code = db_cell(r, i, 6);
	d->device_type_code = db_cell(r, i, 7);
	d->off_taker = db_cell(r, i, 8);
}

enum err
db_res_devices_lock(struct db_conn *c, struct arena *a, const int64_t *ids,
    int nids, struct db_device **out, int *n)
{
	struct db_param		 p[] = { db_p_str(ids_json(a, ids, nids)) };
	struct db_result	 r;
	struct db_device	*d;
	enum err		 e;
	int			 i, sorted = 1;

	if ((e = db_exec(c, a, ST_RES_DEVICES_LOCK, p, NP(p), &r, NULL,
	    NULL)) != ERR_OK)
		return e;
	if ((d = arena_alloc(a, sizeof(*d) * (size_t)(r.nrows + 1))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++) {
		read_facts(&r, i, &d[i]);
		if (i > 0 && d[i - 1].id >= d[i].id)
			sorted = 0;
	}
	if (!sorted)
		qsort(d, (size_t)r.nrows, sizeof(*d), cmp_device_id);
	*out = d;
	*n = r.nrows;
	return ERR_OK;
}

enum err
db_res_devices_bump(struct db_conn *c, struct arena *a, const int64_t *ids,
    int nids, int64_t until)
{
	struct db_param p[] = { db_p_str(ids_json(a, ids, nids)),
	    db_p_time(until), db_p_time(until) };

	return db_exec(c, NULL, ST_RES_DEVICES_BUMP, p, NP(p), NULL, NULL,
	    NULL);
}

enum err
db_res_overlaps_lock(struct db_conn *c, struct arena *a, const int64_t *ids,
    int nids, int64_t except, int64_t from, int64_t to, int64_t **busy,
    int *nbusy)
{
	struct db_param		p[] = { db_p_str(ids_json(a, ids, nids)),
	    db_p_time(from), db_p_int(except), db_p_time(to) };
	struct db_result	r;
	enum err		e;
	int64_t			id;
	int			i, k = 0;

	if ((e = db_exec(c, a, ST_RES_OVERLAPS_LOCK, p, NP(p), &r, NULL,
	    NULL)) != ERR_OK)
		return e;
	if ((*busy = arena_alloc(a, sizeof(int64_t) * (size_t)(r.nrows +
	    1))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++)
		(*busy)[i] = db_cell_int(&r, i, 0);
	qsort(*busy, (size_t)r.nrows, sizeof(int64_t), cmp_int64);
	for (i = 0; i < r.nrows; i++) {	/* one entry per device */
		id = (*busy)[i];
		if (k == 0 || (*busy)[k - 1] != id)
			(*busy)[k++] = id;
	}
	*nbusy = k;
	return ERR_OK;
}

enum err
db_res_members_insert(struct db_conn *c, struct arena *a, int64_t res,
    const int64_t *ids, int nids, int64_t from, int64_t to)
{
	struct db_param p[] = { db_p_int(res), db_p_time(from), db_p_time(to),
	    db_p_str(ids_json(a, ids, nids)) };

	return db_exec(c, NULL, ST_RES_MEMBERS_INSERT, p, NP(p), NULL, NULL,
	    NULL);
}

struct member_walk {
	void	(*fn)(void *, const struct db_device *);
	void	 *arg;
};

static void
member_row(void *arg, const struct db_result *row)
{
	struct member_walk	*w = arg;
	struct db_device	 d;

	db_device_read_row(row, 0, &d);
	w->fn(w->arg, &d);
}

enum err
db_res_member_devices_each(struct db_conn *c, int64_t res, int64_t org,
    int64_t now, void (*fn)(void *, const struct db_device *), void *arg)
{
	struct db_param		p[] = { db_p_time(now), db_p_time(now),
	    db_p_int(res), db_p_int(org) };
	struct member_walk	w = { fn, arg };

	return db_exec_each(c, org > 0 ? ST_RES_MEMBER_DEVICES_OF_ORG :
	    ST_RES_MEMBER_DEVICES, p, org > 0 ? 4 : 3, member_row, &w);
}
