/*
 * Devices (devices.md §5).  Row reader indexes DEVICE_COLS of stmt.c.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/nelem.h"
#include "core/timeutil.h"
#include "db/db.h"
#include "db/clients.h"
#include "db/conn.h"

#define ALL_ROWS ((int64_t)1 << 62)

static int
tri(const char *s)
{
	return s == NULL ? -1 : atoi(s) != 0;
}

static void
read_device(const struct db_result *r, int i, struct db_device *d)
{
	const char *esc;

	memset(d, 0, sizeof(*d));
	d->id = db_cell_int(r, i, 0);
	d->org_id = db_cell_int(r, i, 1);
	d->group_id = db_cell_int(r, i, 2);
	d->internal_external_id = db_cell(r, i, 3);
	d->external_id = db_cell(r, i, 4);
	d->project_name = db_cell(r, i, 5);
	d->quality_labels = db_cell(r, i, 6);
	d->address = db_cell(r, i, 7);
	d->latitude = db_cell(r, i, 8);
	d->longitude = db_cell(r, i, 9);
	d->country_code = db_cell(r, i, 10);
	d->fuel_code = db_cell(r, i, 11);
	d->device_type_code = db_cell(r, i, 12);
	d->capacity = strtod(db_cell(r, i, 13), NULL);
	d->commissioning = db_cell_ms(r, i, 14);
	d->grid = tri(db_cell(r, i, 15));
	d->energy_storage = tri(db_cell(r, i, 16));
	d->off_taker = db_cell(r, i, 17);
	d->device_description = db_cell(r, i, 18);
	d->yield_value = (int)db_cell_int(r, i, 19);
	d->impact_story = db_cell(r, i, 20);
	d->images = db_cell(r, i, 21);
	if ((esc = db_cell(r, i, 22)) != NULL) {
		d->has_esc = 1;
		d->esc = strtod(esc, NULL);
	}
	d->sdg = (uint32_t)db_cell_int(r, i, 23);
	d->timezone = db_cell(r, i, 24);
	d->meter_read_type = db_cell(r, i, 25);
	d->created = db_cell_ms(r, i, 26);
	d->updated = db_cell_ms(r, i, 27);
}

/* conn.h: row i of a result selecting DEVICE_COLS. */
void
db_device_read_row(const struct db_result *r, int i, struct db_device *d)
{
	read_device(r, i, d);
}

/* Runs a single-device SELECT whose params are (now, now, now, rest...). */
static enum err
device_one(struct db_conn *c, struct arena *a, enum stmt_id id,
    struct db_param *p, int n, struct db_device *d)
{
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, id, p, n, &r, NULL, NULL)) != ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	read_device(&r, 0, d);
	return ERR_OK;
}

enum err
db_device_get(struct db_conn *c, struct arena *a, int64_t id, int64_t now,
    int lock, struct db_device *d)
{
	struct db_param p[] = { db_p_time(now), db_p_time(now), db_p_time(now),
	    db_p_int(id) };

	return device_one(c, a, lock ? ST_DEVICE_GET_LOCK : ST_DEVICE_GET, p,
	    NP(p), d);
}

enum err
db_device_by_external(struct db_conn *c, struct arena *a, int64_t org_id,
    const char *ext, int64_t now, int lock, struct db_device *d)
{
	struct db_param p[] = { db_p_time(now), db_p_time(now), db_p_time(now),
	    db_p_int(org_id), db_p_str(ext) };

	return device_one(c, a, lock ? ST_DEVICE_BY_EXT_LOCK : ST_DEVICE_BY_EXT,
	    p, NP(p), d);
}

enum err
db_device_by_internal(struct db_conn *c, struct arena *a, const char *uuid,
    int64_t now, int lock, struct db_device *d)
{
	struct db_param p[] = { db_p_time(now), db_p_time(now), db_p_time(now),
	    db_p_str(uuid) };

	return device_one(c, a, lock ? ST_DEVICE_BY_UUID_LOCK :
	    ST_DEVICE_BY_UUID, p, NP(p), d);
}

static struct db_param
tri_param(int v)
{
	return v < 0 ? db_p_null() : db_p_int(v);
}

/* DEVICE_SET's parameters (stmt.c) from d. */
static int
set_params(const struct db_device *d, struct db_param *p, int n)
{
	p[n++] = db_p_str(d->external_id);
	p[n++] = db_p_str(d->project_name);
	p[n++] = db_p_str(d->quality_labels);
	p[n++] = db_p_str(d->address);
	p[n++] = db_p_str(d->latitude);
	p[n++] = db_p_str(d->longitude);
	p[n++] = db_p_str(d->country_code);
	p[n++] = db_p_str(d->fuel_code);
	p[n++] = db_p_str(d->device_type_code);
	p[n++] = db_p_double(d->capacity);
	p[n++] = db_p_time(d->commissioning);
	p[n++] = tri_param(d->grid);
	p[n++] = tri_param(d->energy_storage);
	p[n++] = db_p_str(d->off_taker);
	p[n++] = db_p_str(d->device_description);
	p[n++] = db_p_int(d->yield_value);
	p[n++] = db_p_str(d->impact_story);
	p[n++] = db_p_str(d->images);
	p[n++] = d->has_esc ? db_p_double(d->esc) : db_p_null();
	p[n++] = db_p_int(d->sdg);
	p[n++] = db_p_str(d->timezone);
	p[n++] = db_p_time(d->updated);
	return n;
}

enum err
db_device_insert(struct db_conn *c, const struct db_device *d, int64_t *id)
{
	struct db_param	p[32];
	uint64_t	iid = 0;
	int		n = 0;
	enum err	e;

	p[n++] = db_p_str(d->internal_external_id);
	p[n++] = db_p_int(d->org_id);
	p[n++] = db_p_time(d->created);
	n = set_params(d, p, n);
	e = db_exec(c, NULL, ST_DEVICE_INSERT, p, n, NULL, NULL, &iid);
	*id = (int64_t)iid;
	return e;
}

enum err
db_device_update(struct db_conn *c, const struct db_device *d)
{
	struct db_param	p[32];
	int		n;

	n = set_params(d, p, 0);
	p[n++] = db_p_int(d->id);
	return db_exec(c, NULL, ST_DEVICE_UPDATE, p, n, NULL, NULL, NULL);
}

enum err
db_device_delete(struct db_conn *c, int64_t id)
{
	static const enum stmt_id steps[] = { ST_DEVICE_DEL_READS,
	    ST_DEVICE_DEL_BATCHES, ST_DEVICE_DEL_MEMBERS, ST_DEVICE_DELETE };
	struct db_param	p = db_p_int(id);
	enum err	e = ERR_OK;
	size_t		i;

	for (i = 0; i < NELEM(steps) && e == ERR_OK; i++)
		e = db_exec(c, NULL, steps[i], &p, 1, NULL, NULL, NULL);
	return e;
}

enum err
db_device_held(struct db_conn *c, int64_t id, int *yes)
{
	struct db_param p = db_p_int(id);

	return db_any_row(c, ST_DEVICE_HELD, &p, 1, yes);
}

enum err
db_device_has_reads(struct db_conn *c, int64_t id, int *yes)
{
	struct db_param p = db_p_int(id);

	return db_any_row(c, ST_DEVICE_HAS_READS, &p, 1, yes);
}

enum err
db_device_has_certified(struct db_conn *c, int64_t id, int lock, int *yes)
{
	struct db_param p = db_p_int(id);

	return db_any_row(c, lock ? ST_DEVICE_HAS_CERT_LOCK : ST_DEVICE_HAS_CERT,
	    &p, 1, yes);
}

enum err
db_device_buyer_visible(struct db_conn *c, int64_t id, int64_t org,
    int64_t now, int *yes)
{
	struct db_param p[] = { db_p_int(id), db_p_time(now), db_p_time(now),
	    db_p_int(org) };

	return db_any_row(c, ST_DEVICE_BUYER_VISIBLE, p, NP(p), yes);
}

enum err
db_device_external_taken(struct db_conn *c, int64_t org, const char *ext,
    int64_t *id)
{
	struct arena		*a;
	struct db_result	 r;
	struct db_param		 p[] = { db_p_int(org), db_p_str(ext) };
	enum err		 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, ST_DEVICE_EXT_TAKEN, p, NP(p), &r, NULL, NULL);
	*id = (e == ERR_OK && r.nrows > 0) ? db_cell_int(&r, 0, 0) : 0;
	arena_free(a);
	return e;
}

/* The device of row i of a result selecting DEVICE_COLS (db/clients.h). */
void
db_device_row(const struct db_result *r, int i, struct db_device *d)
{
	read_device(r, i, d);
}
