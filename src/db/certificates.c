/*
 * The issuer lease, the ledger and certificates (db/certificates.h).
 * read_certificate() indexes CERT_COLS of stmt_certificates.inc.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/nelem.h"
#include "db/db.h"

/* ---- lease ---- */

enum err
db_lease_acquire(struct db_conn *c, const char *holder, int seconds, int *got,
    int64_t *token)
{
	struct db_param		 p[] = { db_p_str(holder), db_p_int(seconds) };
	struct db_param		 q = db_p_str(holder);
	struct db_result	 r;
	struct arena		*a;
	uint64_t		 n = 0;
	enum err		 e;

	*got = 0;
	if ((e = db_exec(c, NULL, ST_LEASE_ACQUIRE, p, NP(p), NULL, &n,
	    NULL)) != ERR_OK || n != 1)
		return e;
	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	if ((e = db_exec(c, a, ST_LEASE_TOKEN, &q, 1, &r, NULL, NULL)) ==
	    ERR_OK && r.nrows == 1) {
		*token = db_cell_int(&r, 0, 0);
		*got = 1;
	}
	arena_free(a);
	return e;
}

enum err
db_lease_renew(struct db_conn *c, const char *holder, int64_t token,
    int seconds, int *ok)
{
	struct db_param	p[] = { db_p_int(seconds), db_p_str(holder),
	    db_p_int(token) };
	uint64_t	n = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_LEASE_RENEW, p, NP(p), NULL, &n, NULL);
	*ok = e == ERR_OK && n == 1;
	return e;
}

enum err
db_lease_release(struct db_conn *c, const char *holder, int64_t token)
{
	struct db_param p[] = { db_p_str(holder), db_p_int(token) };

	return db_exec(c, NULL, ST_LEASE_RELEASE, p, NP(p), NULL, NULL, NULL);
}

/* ---- ledger head ---- */

enum err
db_ledger_head(struct db_conn *c, struct arena *a, int lock, int64_t *last_id,
    const char **last_hash)
{
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, lock ? ST_LEDGER_HEAD_LOCK : ST_LEDGER_HEAD_GET,
	    NULL, 0, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if (r.nrows != 1)
		return ERR_DB;
	*last_id = db_cell_int(&r, 0, 0);
	*last_hash = db_cell(&r, 0, 1);
	return ERR_OK;
}

enum err
db_ledger_head_set(struct db_conn *c, int64_t id, const char *hash)
{
	struct db_param p[] = { db_p_int(id), db_p_str(hash) };

	return db_exec(c, NULL, ST_LEDGER_HEAD_SET, p, NP(p), NULL, NULL, NULL);
}

/* ---- writing certificates ---- */

enum err
db_cert_insert(struct db_conn *c, const struct db_certificate *v)
{
	struct db_param p[] = {
		db_p_int(v->id), db_p_int(v->reservation_id),
		db_p_str(v->reservation_uid), db_p_int(v->buyer_org_id),
		db_p_str(v->transaction_uid), db_p_str(v->country_code),
		db_p_str(v->kind), db_p_int(v->late), db_p_int(v->energy_wh),
		db_p_int(v->excess_wh), db_p_time(v->generation_start),
		db_p_time(v->generation_end), db_p_time(v->window_start),
		db_p_time(v->window_end), db_p_time(v->issued_at),
		db_p_str(v->owner), db_p_int(v->version), db_p_str(v->key_id),
		db_p_str(v->prev_hash), db_p_str(v->hash),
		db_p_str(v->signature)
	};

	return db_exec(c, NULL, ST_CERT_INSERT, p, NP(p), NULL, NULL, NULL);
}

enum err
db_cert_device_insert(struct db_conn *c, const struct db_cert_device *v)
{
	struct db_param p[] = {
		db_p_int(v->certificate_id), db_p_int(v->device_id),
		db_p_str(v->external_id), db_p_str(v->internal_external_id),
		db_p_int(v->read_count), db_p_int(v->wh), db_p_time(v->start),
		db_p_time(v->end)
	};

	return db_exec(c, NULL, ST_CERT_DEVICE_INSERT, p, NP(p), NULL, NULL,
	    NULL);
}

enum err
db_cert_devices_insert(struct db_conn *c, const struct db_cert_device *v,
    size_t n)
{
	static const enum stmt_id sizes[] = { ST_CERT_DEVICE_INSERT_1000,
	    ST_CERT_DEVICE_INSERT_100, ST_CERT_DEVICE_INSERT_10,
	    ST_CERT_DEVICE_INSERT_1 };
	struct db_param	*p;
	size_t		 done = 0, rows, i, k;
	enum err	 e = ERR_OK;
	int		 np;

	if (n == 0)
		return ERR_OK;
	if ((p = calloc((n < 1000 ? n : 1000) * 8, sizeof(*p))) == NULL)
		return ERR_NOMEM;
	while (done < n && e == ERR_OK) {
		for (k = 0; (size_t)db_stmt_bulk_rows(sizes[k]) > n - done; k++)
			;
		rows = (size_t)db_stmt_bulk_rows(sizes[k]);
		np = 0;
		for (i = done; i < done + rows; i++) {
			p[np++] = db_p_int(v[i].certificate_id);
			p[np++] = db_p_int(v[i].device_id);
			p[np++] = db_p_str(v[i].external_id);
			p[np++] = db_p_str(v[i].internal_external_id);
			p[np++] = db_p_int(v[i].read_count);
			p[np++] = db_p_int(v[i].wh);
			p[np++] = db_p_time(v[i].start);
			p[np++] = db_p_time(v[i].end);
		}
		e = db_exec(c, NULL, sizes[k], p, np, NULL, NULL, NULL);
		done += rows;
	}
	free(p);
	return e;
}

/*
 * Runs an id IN-list family over ids in chunks of 1000/100/10/1, padding
 * a chunk by repeating its last id.  lead (may be NULL) is bound first.
 * lock: count the rows returned; else the rows changed.
 */
static enum err
in_lists(struct db_conn *c, enum stmt_id first, const struct db_param *lead,
    const int64_t *ids, size_t n, int64_t *count)
{
	static const int	 offs[4] = { 3, 2, 1, 0 };	/* 1000..1 */
	struct db_param		*p;
	struct db_result	 r;
	struct arena		*a = NULL;
	size_t			 done = 0, rows, i, k, base;
	uint64_t		 changed;
	enum err		 e = ERR_OK;
	int			 j;

	*count = 0;
	if ((p = calloc(1001, sizeof(*p))) == NULL)
		return ERR_NOMEM;
	if (first == ST_CERT_READS_LOCK_1 && (a = arena_new()) == NULL) {
		free(p);
		return ERR_NOMEM;
	}
	base = lead != NULL;
	if (lead != NULL)
		p[0] = *lead;
	while (done < n && e == ERR_OK) {
		for (j = 0; j < 3 && (size_t)db_stmt_bulk_rows(first + offs[j]) >
		    n - done; j++)
			;
		rows = (size_t)db_stmt_bulk_rows(first + offs[j]);
		k = rows <= n - done ? rows : n - done;
		for (i = 0; i < rows; i++)
			p[base + i] = db_p_int(ids[done + (i < k ? i : k - 1)]);
		if (a != NULL) {
			e = db_exec(c, a, first + offs[j], p, (int)(base + rows),
			    &r, NULL, NULL);
			if (e == ERR_OK)
				*count += r.nrows;
			arena_reset(a);
		} else {
			e = db_exec(c, NULL, first + offs[j], p,
			    (int)(base + rows), NULL, &changed, NULL);
			if (e == ERR_OK)
				*count += (int64_t)changed;
		}
		done += k;
	}
	if (a != NULL)
		arena_free(a);
	free(p);
	return e;
}

enum err
db_cert_reads_lock(struct db_conn *c, const int64_t *ids, size_t n,
    int64_t *found)
{
	return in_lists(c, ST_CERT_READS_LOCK_1, NULL, ids, n, found);
}

enum err
db_cert_reads_mark(struct db_conn *c, int64_t cert, const int64_t *ids,
    size_t n, int64_t *changed)
{
	struct db_param lead = db_p_int(cert);

	return in_lists(c, ST_CERT_READS_MARK_1, &lead, ids, n, changed);
}

enum err
db_res_issue_state(struct db_conn *c, int64_t res, int64_t issued_wh,
    int64_t count, int has_through, int64_t through, const char *status,
    int has_closed, int64_t closed_at, int64_t now)
{
	struct db_param p[] = {
		db_p_int(issued_wh), db_p_int(count),
		has_through ? db_p_time(through) : db_p_null(),
		db_p_str(status),
		has_closed ? db_p_time(closed_at) : db_p_null(),
		db_p_time(now), db_p_int(res)
	};

	return db_exec(c, NULL, ST_RES_ISSUE_STATE, p, NP(p), NULL, NULL, NULL);
}

enum err
db_res_processable(struct db_conn *c, struct arena *a, int64_t **ids, int *n)
{
	struct db_result	r;
	enum err		e;
	int			i;

	*n = 0;
	if ((e = db_exec(c, a, ST_RES_PROCESSABLE, NULL, 0, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if ((*ids = arena_alloc(a, sizeof(int64_t) * (size_t)(r.nrows + 1))) ==
	    NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++)
		(*ids)[i] = db_cell_int(&r, i, 0);
	*n = r.nrows;
	return ERR_OK;
}

enum err
db_issue_reads(struct db_conn *c, struct arena *a, int64_t res, int64_t upto,
    int64_t expiry, int64_t from, int64_t before, int64_t limit,
    struct db_issue_read **out, int *n)
{
	struct db_param		 p[] = { db_p_time(upto), db_p_int(res),
	    db_p_time(expiry), db_p_time(from), db_p_time(before),
	    db_p_int(limit) };
	struct db_result	 r;
	struct db_issue_read	*v;
	enum err		 e;
	int			 i;

	*n = 0;
	if ((e = db_exec(c, a, ST_ISSUE_READS, p, NP(p), &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if ((v = arena_alloc(a, sizeof(*v) * (size_t)(r.nrows + 1))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++) {
		v[i].id = db_cell_int(&r, i, 0);
		v[i].device_id = db_cell_int(&r, i, 1);
		v[i].type = db_cell(&r, i, 2);
		v[i].start = db_cell_ms(&r, i, 3);
		v[i].end = db_cell_ms(&r, i, 4);
		v[i].wh = db_cell_int(&r, i, 5);
		v[i].baseline = db_cell_int(&r, i, 6) != 0;
		v[i].created = db_cell_ms(&r, i, 7);
		v[i].external_id = db_cell(&r, i, 8);
		v[i].internal_external_id = db_cell(&r, i, 9);
		v[i].country_code = db_cell(&r, i, 10);
	}
	*out = v;
	*n = r.nrows;
	return ERR_OK;
}

/* ---- issuer keys ---- */

enum err
db_issuer_key_add(struct db_conn *c, const char *key_id, const char *pub,
    int64_t now)
{
	struct db_param p[] = { db_p_str(key_id), db_p_str(pub),
	    db_p_time(now) };

	return db_exec(c, NULL, ST_ISSUER_KEY_ADD, p, NP(p), NULL, NULL, NULL);
}

enum err
db_issuer_keys(struct db_conn *c, struct arena *a, struct db_issuer_key **out,
    int *n)
{
	struct db_result	 r;
	struct db_issuer_key	*k;
	enum err		 e;
	int			 i;

	*n = 0;
	if ((e = db_exec(c, a, ST_ISSUER_KEYS, NULL, 0, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if ((k = arena_alloc(a, sizeof(*k) * (size_t)(r.nrows + 1))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++) {
		k[i].key_id = db_cell(&r, i, 0);
		k[i].public_key = db_cell(&r, i, 1);
		k[i].created = db_cell_ms(&r, i, 2);
	}
	*out = k;
	*n = r.nrows;
	return ERR_OK;
}

/* ---- reading certificates ---- */

static void
read_certificate(const struct db_result *r, int i, struct db_certificate *v)
{
	memset(v, 0, sizeof(*v));
	v->id = db_cell_int(r, i, 0);
	v->reservation_id = db_cell_int(r, i, 1);
	v->reservation_uid = db_cell(r, i, 2);
	v->buyer_org_id = db_cell_int(r, i, 3);
	v->transaction_uid = db_cell(r, i, 4);
	v->country_code = db_cell(r, i, 5);
	v->kind = db_cell(r, i, 6);
	v->late = db_cell_int(r, i, 7) != 0;
	v->energy_wh = db_cell_int(r, i, 8);
	v->excess_wh = db_cell_int(r, i, 9);
	v->generation_start = db_cell_ms(r, i, 10);
	v->generation_end = db_cell_ms(r, i, 11);
	v->window_start = db_cell_ms(r, i, 12);
	v->window_end = db_cell_ms(r, i, 13);
	v->issued_at = db_cell_ms(r, i, 14);
	v->owner = db_cell(r, i, 15);
	v->version = (int)db_cell_int(r, i, 16);
	v->key_id = db_cell(r, i, 17);
	v->prev_hash = db_cell(r, i, 18);
	v->hash = db_cell(r, i, 19);
	v->signature = db_cell(r, i, 20);
	if (db_cell(r, i, 21) != NULL) {
		v->claimed = 1;
		v->claim.certificate_id = v->id;
		v->claim.beneficiary = db_cell(r, i, 21);
		v->claim.purpose = db_cell(r, i, 22);
		v->claim.claimed_at = db_cell_ms(r, i, 23);
		v->claim.recorded_at = db_cell_ms(r, i, 24);
		v->claim.user_id = db_cell_int(r, i, 25);
		v->claim.org_id = db_cell_int(r, i, 26);
		v->claim.key_id = db_cell(r, i, 27);
		v->claim.hash = db_cell(r, i, 28);
		v->claim.signature = db_cell(r, i, 29);
	}
}

static enum err
cert_rows(struct db_conn *c, struct arena *a, enum stmt_id id,
    struct db_param *p, int np, struct db_certificate **out, int *n)
{
	struct db_result	 r;
	struct db_certificate	*v;
	enum err		 e;
	int			 i;

	*n = 0;
	*out = NULL;
	if ((e = db_exec(c, a, id, p, np, &r, NULL, NULL)) != ERR_OK)
		return e;
	if ((v = arena_alloc(a, sizeof(*v) * (size_t)(r.nrows + 1))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++)
		read_certificate(&r, i, &v[i]);
	*out = v;
	*n = r.nrows;
	return ERR_OK;
}

enum err
db_cert_get(struct db_conn *c, struct arena *a, int64_t id,
    struct db_certificate *v)
{
	struct db_param		 p = db_p_int(id);
	struct db_certificate	*rows;
	int			 n;
	enum err		 e;

	if ((e = cert_rows(c, a, ST_CERT_GET, &p, 1, &rows, &n)) != ERR_OK)
		return e;
	if (n == 0)
		return ERR_NOTFOUND;
	*v = rows[0];
	return ERR_OK;
}

enum err
db_cert_range(struct db_conn *c, struct arena *a, int64_t after,
    int64_t limit, struct db_certificate **out, int *n)
{
	struct db_param p[] = { db_p_int(after), db_p_int(limit) };

	return cert_rows(c, a, ST_CERT_RANGE, p, NP(p), out, n);
}

enum err
db_cert_devices(struct db_conn *c, struct arena *a, int64_t id,
    struct db_cert_device **out, int *n)
{
	struct db_param		 p = db_p_int(id);
	struct db_result	 r;
	struct db_cert_device	*v;
	enum err		 e;
	int			 i;

	*n = 0;
	if ((e = db_exec(c, a, ST_CERT_DEVICES, &p, 1, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if ((v = arena_alloc(a, sizeof(*v) * (size_t)(r.nrows + 1))) == NULL)
		return ERR_NOMEM;
	for (i = 0; i < r.nrows; i++) {
		v[i].certificate_id = db_cell_int(&r, i, 0);
		v[i].device_id = db_cell_int(&r, i, 1);
		v[i].external_id = db_cell(&r, i, 2);
		v[i].internal_external_id = db_cell(&r, i, 3);
		v[i].read_count = db_cell_int(&r, i, 4);
		v[i].wh = db_cell_int(&r, i, 5);
		v[i].start = db_cell_ms(&r, i, 6);
		v[i].end = db_cell_ms(&r, i, 7);
		v[i].org_id = db_cell_int(&r, i, 8);
	}
	*out = v;
	*n = r.nrows;
	return ERR_OK;
}

enum err
db_cert_read_sum(struct db_conn *c, int64_t id, int64_t *count, int64_t *wh)
{
	struct db_param		 p = db_p_int(id);
	struct db_result	 r;
	struct arena		*a;
	enum err		 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	if ((e = db_exec(c, a, ST_CERT_READ_SUM, &p, 1, &r, NULL, NULL)) ==
	    ERR_OK) {
		*count = db_cell_int(&r, 0, 0);
		*wh = db_cell_int(&r, 0, 1);
	}
	arena_free(a);
	return e;
}

enum err
db_cert_by_res(struct db_conn *c, struct arena *a, int64_t res, int64_t limit,
    int64_t offset, struct db_certificate **out, int *n, int64_t *total)
{
	struct db_param		p[] = { db_p_int(res), db_p_int(limit),
	    db_p_int(offset) };
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, ST_CERT_BY_RES_COUNT, p, 1, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	*total = db_cell_int(&r, 0, 0);
	return cert_rows(c, a, ST_CERT_BY_RES_PAGE, p, NP(p), out, n);
}

enum err
db_cert_list(struct db_conn *c, struct arena *a, const struct db_cert_filter *f,
    int64_t limit, int64_t offset, struct db_certificate **out, int *n,
    int64_t *total)
{
	struct db_param		p[20];
	struct db_result	r;
	enum err		e;
	int			k = 0;

	p[k++] = db_p_int(f->buyer_org_id);
	p[k++] = db_p_int(f->buyer_org_id);
	p[k++] = db_p_int(f->dev_org_id);
	p[k++] = db_p_int(f->dev_org_id);
	p[k++] = db_p_str(f->reservation_uid);
	p[k++] = db_p_str(f->reservation_uid);
	p[k++] = db_p_str(f->countries);
	p[k++] = db_p_str(f->countries);
	p[k++] = f->has_start ? db_p_time(f->start) : db_p_null();
	p[k++] = f->has_start ? db_p_time(f->start) : db_p_null();
	p[k++] = f->has_end ? db_p_time(f->end) : db_p_null();
	p[k++] = f->has_end ? db_p_time(f->end) : db_p_null();
	if ((e = db_exec(c, a, ST_CERT_LIST_COUNT, p, k, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	*total = db_cell_int(&r, 0, 0);
	p[k++] = db_p_int(limit);
	p[k++] = db_p_int(offset);
	return cert_rows(c, a, ST_CERT_LIST_PAGE, p, k, out, n);
}

enum err
db_claim_insert(struct db_conn *c, const struct db_claim *v)
{
	struct db_param p[] = {
		db_p_int(v->certificate_id), db_p_str(v->beneficiary),
		db_p_str(v->purpose), db_p_time(v->claimed_at),
		db_p_time(v->recorded_at), db_p_int(v->user_id),
		db_p_int(v->org_id), db_p_str(v->key_id), db_p_str(v->hash),
		db_p_str(v->signature)
	};

	return db_exec(c, NULL, ST_CLAIM_INSERT, p, NP(p), NULL, NULL, NULL);
}
