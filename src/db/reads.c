/*
 * Meter reads and read batches (meter-reads.md §2).
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/nelem.h"
#include "core/timeutil.h"
#include "db/db.h"

enum err
db_read_prev(struct db_conn *c, int64_t dev, struct db_prev_read *p)
{
	struct arena		*a;
	struct db_result	 r;
	struct db_param		 q = db_p_int(dev);
	enum err		 e;

	memset(p, 0, sizeof(*p));
	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, ST_READ_PREV, &q, 1, &r, NULL, NULL);
	if (e == ERR_OK && r.nrows > 0) {
		p->have = 1;
		p->end = db_cell_ms(&r, 0, 0);
		p->counter = db_cell_int(&r, 0, 1);
	}
	arena_free(a);
	return e;
}

enum err
db_read_history_near(struct db_conn *c, struct arena *a, int64_t dev,
    int64_t from, int64_t to, struct dom_interval **out, size_t *n)
{
	struct db_result	 r;
	struct db_param		 p[] = { db_p_int(dev), db_p_time(to),
				    db_p_time(from) };
	enum err		 e;
	int			 i;

	*n = 0;
	if ((e = db_exec(c, a, ST_READ_HISTORY_NEAR, p, NP(p), &r, NULL,
	    NULL)) != ERR_OK)
		return e;
	*out = arena_alloc(a, sizeof(**out) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++) {
		(*out)[i].start = db_cell_ms(&r, i, 0);
		(*out)[i].end = db_cell_ms(&r, i, 1);
		(*out)[i].index = -1;
	}
	*n = (size_t)r.nrows;
	return ERR_OK;
}

enum err
db_batch_by_key(struct db_conn *c, struct arena *a, int64_t user,
    const char *key, const unsigned char *fp, struct db_batch *b)
{
	struct db_result	r;
	struct db_param		p[] = { db_p_strn((const char *)fp, 32),
				    db_p_int(user), db_p_str(key) };
	enum err		e;

	if ((e = db_exec(c, a, ST_BATCH_BY_KEY, p, NP(p), &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	b->id = db_cell_int(&r, 0, 0);
	b->same_fingerprint = db_cell_int(&r, 0, 1) == 1;
	b->response = db_cell(&r, 0, 2);
	b->created = db_cell_ms(&r, 0, 3);
	return ERR_OK;
}

enum err
db_batch_clear_key(struct db_conn *c, int64_t id)
{
	struct db_param p = db_p_int(id);

	return db_exec(c, NULL, ST_BATCH_CLEAR_KEY, &p, 1, NULL, NULL, NULL);
}

enum err
db_batch_insert(struct db_conn *c, const unsigned char *token, int64_t dev,
    int64_t user, const char *key, const unsigned char *fp,
    const char *response, int64_t now, int64_t *batch)
{
	struct db_param	p[] = { db_p_strn((const char *)token, 16),
	    db_p_int(dev), db_p_int(user), db_p_str(key),
	    fp ? db_p_strn((const char *)fp, 32) : db_p_null(),
	    db_p_str(response), db_p_time(now) };
	uint64_t	id = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_BATCH_INSERT, p, NP(p), NULL, NULL, &id);
	*batch = (int64_t)id;
	return e;
}

enum err
db_batch_by_token(struct db_conn *c, struct arena *a,
    const unsigned char *token, const char **response)
{
	struct db_result	r;
	struct db_param		p = db_p_strn((const char *)token, 16);
	enum err		e;

	if ((e = db_exec(c, a, ST_BATCH_BY_TOKEN, &p, 1, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	*response = db_cell(&r, 0, 0);
	return ERR_OK;
}

enum err
db_reads_insert(struct db_conn *c, int64_t dev, int64_t batch,
    enum read_type type, const struct dom_read *reads, size_t n, int64_t now)
{
	static const enum stmt_id sizes[] = { ST_READ_INSERT_1000,
	    ST_READ_INSERT_100, ST_READ_INSERT_10, ST_READ_INSERT_1 };
	struct db_param	*p;
	const char	*tname = dom_read_type_name(type);
	size_t		 done = 0, rows, i, k;
	enum err	 e = ERR_OK;
	int		 np;

	/* Sized to the largest statement this batch uses: a 1-read request
	 * must not zero the 9 000 parameters of a 1 000-row statement. */
	if ((p = calloc((n < 1000 ? n : 1000) * STMT_READ_COLS,
	    sizeof(*p))) == NULL)
		return ERR_NOMEM;
	while (done < n && e == ERR_OK) {
		for (k = 0; (size_t)db_stmt_bulk_rows(sizes[k]) > n - done; k++)
			;
		rows = (size_t)db_stmt_bulk_rows(sizes[k]);
		np = 0;
		for (i = done; i < done + rows; i++) {
			const struct dom_read *r = &reads[i];

			p[np++] = db_p_int(dev);
			p[np++] = db_p_int(batch);
			p[np++] = db_p_str(tname);
			p[np++] = db_p_time(r->out_start);
			p[np++] = db_p_time(r->out_end);
			p[np++] = db_p_int(r->energy_wh);
			p[np++] = type == READ_AGGREGATE ?
			    db_p_int(r->counter_wh) : db_p_null();
			p[np++] = db_p_int(r->baseline);
			p[np++] = db_p_time(now);
		}
		e = db_exec(c, NULL, sizes[k], p, np, NULL, NULL, NULL);
		done += rows;
	}
	free(p);
	return e;
}

enum err
db_device_bump(struct db_conn *c, int64_t dev)
{
	struct db_param p = db_p_int(dev);

	return db_exec(c, NULL, ST_DEVICE_BUMP, &p, 1, NULL, NULL, NULL);
}

enum err
db_device_set_read_type(struct db_conn *c, int64_t dev, const char *type)
{
	struct db_param p[] = { db_p_str(type), db_p_int(dev) };

	return db_exec(c, NULL, ST_DEVICE_SET_READ_TYPE, p, NP(p), NULL, NULL,
	    NULL);
}

enum err
db_device_buyer_member(struct db_conn *c, int64_t dev, int64_t org, int *yes)
{
	struct arena		*a;
	struct db_result	 r;
	struct db_param		 p[] = { db_p_int(dev), db_p_int(org) };
	enum err		 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, ST_DEVICE_BUYER_MEMBER, p, NP(p), &r, NULL, NULL);
	*yes = e == ERR_OK && r.nrows > 0;
	arena_free(a);
	return e;
}

/*
 * Runs statement id, whose rows are (start?, end, energy), into an arena
 * array: integers and instants fetched as such (db_exec_ints).
 */
static enum err
read_rows(struct db_conn *c, struct arena *a, enum stmt_id id,
    const struct db_param *p, int np, int has_start,
    struct db_read_row **out, int *n)
{
	int64_t		*v;
	int		 i, w = has_start ? 3 : 2;
	enum err	 e;

	*n = 0;
	if ((e = db_exec_ints(c, a, id, p, np, &v, n)) != ERR_OK)
		return e;
	*out = arena_alloc(a, sizeof(**out) * (size_t)(*n + 1));
	for (i = 0; i < *n; i++, v += w) {
		(*out)[i].start = has_start ? v[0] : 0;
		(*out)[i].end = v[w - 2];
		(*out)[i].energy = v[w - 1];
	}
	return ERR_OK;
}

enum err
db_reads_range(struct db_conn *c, struct arena *a, int64_t dev, int64_t from,
    int64_t to, int64_t limit, int64_t offset, struct db_read_row **out, int *n)
{
	struct db_param		p[] = { db_p_int(dev), db_p_time(from),
				    db_p_time(to), db_p_int(limit),
				    db_p_int(offset) };

	return read_rows(c, a, ST_READS_RANGE, p, NP(p), 0, out, n);
}

enum err
db_reads_page(struct db_conn *c, struct arena *a, int64_t dev, int history,
    int64_t from, int64_t to, int64_t limit, int64_t offset,
    struct db_read_row **out, int *n, int64_t *total)
{
	struct db_result	r;
	struct db_param		p[5];
	enum err		e;

	/* History: start <= to AND end >= from; ongoing: end in [from, to]. */
	p[0] = db_p_int(dev);
	p[1] = db_p_time(history ? to : from);
	p[2] = db_p_time(history ? from : to);
	if ((e = db_exec(c, a, history ? ST_READS_HISTORY_COUNT :
	    ST_READS_ONGOING_COUNT, p, 3, &r, NULL, NULL)) != ERR_OK)
		return e;
	*total = db_cell_int(&r, 0, 0);
	p[3] = db_p_int(limit);
	p[4] = db_p_int(offset);
	return read_rows(c, a, history ? ST_READS_HISTORY_PAGE :
	    ST_READS_ONGOING_PAGE, p, 5, 1, out, n);
}

enum err
db_reads_span(struct db_conn *c, struct arena *a, int64_t dev, int64_t from,
    int64_t to, struct db_read_row **out, int *n)
{
	struct db_param		p[] = { db_p_int(dev), db_p_time(from),
				    db_p_time(to) };

	return read_rows(c, a, ST_READS_ENERGY_SPAN, p, NP(p), 0, out, n);
}

enum err
db_read_latest(struct db_conn *c, int64_t dev, struct db_read_row *row)
{
	struct arena		*a;
	struct db_result	 r;
	struct db_param		 p = db_p_int(dev);
	enum err		 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, ST_READ_LATEST, &p, 1, &r, NULL, NULL);
	if (e == ERR_OK && r.nrows == 0)
		e = ERR_NOTFOUND;
	if (e == ERR_OK) {
		row->start = 0;
		row->end = db_cell_ms(&r, 0, 0);
		row->energy = db_cell_int(&r, 0, 1);
	}
	arena_free(a);
	return e;
}
