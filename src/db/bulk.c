/*
 * Bulk jobs and items (integrators.md §8).  read_job() indexes JOB_COLS
 * of stmt_integrators.inc.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/nelem.h"
#include "db/db.h"

static void
read_job(const struct db_result *r, int row, struct db_job *j)
{
	j->id = db_cell_int(r, row, 0);
	j->kind = db_cell(r, row, 1);
	j->org_id = db_cell_int(r, row, 2);
	j->user_id = db_cell_int(r, row, 3);
	j->status = db_cell(r, row, 4);
	j->file_name = db_cell(r, row, 5);
	j->file_id = db_cell(r, row, 6);
	j->rows = db_cell_int(r, row, 7);
	j->items = db_cell_int(r, row, 8);
	j->succeeded = db_cell_int(r, row, 9);
	j->skipped = db_cell_int(r, row, 10);
	j->failed = db_cell_int(r, row, 11);
	j->reads_stored = db_cell_int(r, row, 12);
	j->created_at = db_cell(r, row, 13);
	j->started_at = db_cell(r, row, 14);
	j->finished_at = db_cell(r, row, 15);
	j->updated_at = db_cell(r, row, 16);
	j->read_type = db_cell(r, row, 17);
	j->read_unit = db_cell(r, row, 18);
	j->read_timezone = db_cell(r, row, 19);
	j->attempts = db_cell_int(r, row, 20);
	j->lease_token = db_cell_int(r, row, 21);
	j->columns_csv = db_cell(r, row, 22);
}

/* Runs a statement; *n = its changed-row count. */
static enum err
changed(struct db_conn *c, enum stmt_id id, struct db_param *p, int np,
    int64_t *n)
{
	uint64_t	a = 0;
	enum err	e;

	e = db_exec(c, NULL, id, p, np, NULL, &a, NULL);
	if (n != NULL)
		*n = (int64_t)a;
	return e;
}

enum err
db_job_insert(struct db_conn *c, const struct db_job_new *j, int64_t now,
    int64_t *id)
{
	struct db_param	p[] = { db_p_str(j->kind), db_p_int(j->org_id),
	    db_p_int(j->user_id), db_p_str(j->file_name), db_p_str(j->file_id),
	    db_p_str(j->columns_csv), db_p_str(j->read_type),
	    db_p_str(j->read_unit), db_p_str(j->read_timezone),
	    db_p_int(j->rows), db_p_int(j->items), db_p_str(j->idem_key),
	    db_p_str(j->fingerprint_hex), db_p_time(now), db_p_time(now) };
	uint64_t	iid = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_JOB_INSERT, p, NP(p), NULL, NULL, &iid);
	*id = (int64_t)iid;
	return e;
}

/* Fills the parameters of row i of a multi-row statement. */
typedef void	(*fill_fn)(struct db_param *, const void *rows, size_t i,
		    int64_t arg);

/*
 * Runs the multi-row family starting at first (sizes 1, 10, 100, 1000)
 * over n rows of cols parameters, largest statements first.
 */
static enum err
multi_rows(struct db_conn *c, enum stmt_id first, int cols, const void *rows,
    size_t n, fill_fn fill, int64_t arg)
{
	struct db_param	*p;
	size_t		 done = 0, rn = 0, i;
	enum stmt_id	 id = first;
	int		 k;
	enum err	 e = ERR_OK;

	if ((p = calloc(1000 * (size_t)cols, sizeof(*p))) == NULL)
		return ERR_NOMEM;
	while (done < n && e == ERR_OK) {
		for (k = 3; k >= 0; k--) {
			id = (enum stmt_id)(first + k);
			if ((rn = (size_t)db_stmt_bulk_rows(id)) <= n - done)
				break;
		}
		for (i = 0; i < rn; i++)
			fill(&p[i * (size_t)cols], rows, done + i, arg);
		e = db_exec(c, NULL, id, p, (int)(rn * (size_t)cols), NULL, NULL,
		    NULL);
		done += rn;
	}
	free(p);
	return e;
}

static void
fill_item(struct db_param *q, const void *rows, size_t i, int64_t job)
{
	const struct db_item_new *x = (const struct db_item_new *)rows + i;

	q[0] = db_p_int(job);
	q[1] = db_p_int(x->seq);
	q[2] = db_p_int(x->first_row);
	q[3] = db_p_int(x->last_row);
	q[4] = db_p_str(x->external_id);
	q[5] = db_p_strn(x->input, (unsigned long)x->input_len);
}

enum err
db_items_insert(struct db_conn *c, int64_t job, const struct db_item_new *it,
    size_t n)
{
	return multi_rows(c, ST_ITEM_INSERT_1, STMT_ITEM_COLS, it, n, fill_item,
	    job);
}

enum err
db_job_by_idem(struct db_conn *c, struct arena *a, int64_t user,
    const char *key, int64_t *id, const char **fp, int64_t *created)
{
	struct db_param		p[] = { db_p_int(user), db_p_str(key) };
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, ST_JOB_BY_IDEM, p, NP(p), &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	*id = db_cell_int(&r, 0, 0);
	*fp = db_cell(&r, 0, 1);
	*created = db_cell_ms(&r, 0, 2);
	return ERR_OK;
}

enum err
db_job_clear_idem(struct db_conn *c, int64_t id)
{
	struct db_param p = db_p_int(id);

	return changed(c, ST_JOB_CLEAR_IDEM, &p, 1, NULL);
}

enum err
db_job_open_count(struct db_conn *c, int64_t org, int64_t *n)
{
	struct db_param p = db_p_int(org);

	return db_int_one(c, ST_JOB_OPEN_COUNT, &p, 1, n);
}

enum err
db_job_get(struct db_conn *c, struct arena *a, int64_t id, struct db_job *j)
{
	struct db_param		p = db_p_int(id);
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, ST_JOB_GET, &p, 1, &r, NULL, NULL)) != ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	read_job(&r, 0, j);
	return ERR_OK;
}

enum err
db_job_list(struct db_conn *c, struct arena *a, const struct db_job_filter *f,
    int64_t limit, int64_t offset, struct db_job **jobs, int *n,
    int64_t *total)
{
	struct db_param		p[] = { db_p_int(f->org_id), db_p_int(f->org_id),
	    db_p_int(f->managed_by), db_p_int(f->managed_by),
	    db_p_str(f->kind), db_p_str(f->kind), db_p_str(f->status),
	    db_p_str(f->status), db_p_int(limit), db_p_int(offset) };
	struct db_result	r;
	enum err		e;
	int			i;

	if ((e = db_int_one(c, ST_JOB_COUNT, p, 8, total)) != ERR_OK)
		return e;
	if ((e = db_exec(c, a, ST_JOB_LIST, p, NP(p), &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	*n = r.nrows;
	*jobs = arena_alloc(a, sizeof(**jobs) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		read_job(&r, i, &(*jobs)[i]);
	return ERR_OK;
}

/* Items of a result: seq, first, last, ext, status, device, result. */
enum err
db_items_page(struct db_conn *c, struct arena *a, int64_t job,
    const char *status, int64_t limit, int64_t offset, struct db_item **items,
    int *n, int64_t *total)
{
	struct db_param		p[] = { db_p_int(job), db_p_str(status),
	    db_p_str(status), db_p_int(limit), db_p_int(offset) };
	struct db_result	r;
	enum err		e;
	int			i;

	if ((e = db_int_one(c, ST_ITEMS_COUNT, p, 3, total)) != ERR_OK)
		return e;
	if ((e = db_exec(c, a, ST_ITEMS_PAGE, p, NP(p), &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	*n = r.nrows;
	*items = arena_alloc(a, sizeof(**items) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++) {
		struct db_item *x = &(*items)[i];

		memset(x, 0, sizeof(*x));
		x->seq = db_cell_int(&r, i, 0);
		x->first_row = db_cell_int(&r, i, 1);
		x->last_row = db_cell_int(&r, i, 2);
		x->external_id = db_cell(&r, i, 3);
		x->status = db_cell(&r, i, 4);
		x->device_id = db_cell_int(&r, i, 5);
		x->result = db_cell(&r, i, 6);
	}
	return ERR_OK;
}

enum err
db_job_candidate(struct db_conn *c, int64_t *id)
{
	return db_int_one(c, ST_JOB_CANDIDATE, NULL, 0, id);
}

enum err
db_job_claim(struct db_conn *c, int64_t id, const char *holder, int lease_s,
    int64_t now, int *held)
{
	struct db_param	p[] = { db_p_str(holder), db_p_int(lease_s),
	    db_p_time(now), db_p_time(now), db_p_int(id) };
	int64_t		n = 0;
	enum err	e;

	e = changed(c, ST_JOB_CLAIM, p, NP(p), &n);
	*held = n == 1;
	return e;
}

enum err
db_job_renew(struct db_conn *c, int64_t id, const char *holder, int64_t token,
    int lease_s, int *held)
{
	struct db_param	p[] = { db_p_int(lease_s), db_p_int(id),
	    db_p_str(holder), db_p_int(token) };
	int64_t		n = 0;
	enum err	e;

	e = changed(c, ST_JOB_RENEW, p, NP(p), &n);
	*held = n == 1;
	return e;
}

enum err
db_items_pending(struct db_conn *c, struct arena *a, int64_t job, int limit,
    struct db_item **items, int *n)
{
	struct db_param		p[] = { db_p_int(job), db_p_int(limit) };
	struct db_result	r;
	enum err		e;
	int			i;

	if ((e = db_exec(c, a, ST_ITEMS_PENDING, p, NP(p), &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	*n = r.nrows;
	*items = arena_alloc(a, sizeof(**items) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++) {
		struct db_item *x = &(*items)[i];

		memset(x, 0, sizeof(*x));
		x->id = db_cell_int(&r, i, 0);
		x->seq = db_cell_int(&r, i, 1);
		x->first_row = db_cell_int(&r, i, 2);
		x->last_row = db_cell_int(&r, i, 3);
		x->external_id = db_cell(&r, i, 4);
		x->input = db_cell(&r, i, 5);
	}
	return ERR_OK;
}

static void
fill_result(struct db_param *q, const void *rows, size_t i, int64_t unused)
{
	const struct db_item_result *r = (const struct db_item_result *)rows +
	    i;

	(void)unused;
	q[0] = db_p_int(r->id);
	q[1] = db_p_str(r->status);
	q[2] = r->device_id > 0 ? db_p_int(r->device_id) : db_p_null();
	q[3] = db_p_str(r->result);
}

enum err
db_item_results(struct db_conn *c, const struct db_item_result *x, size_t n)
{
	return multi_rows(c, ST_ITEM_RESULT_1, STMT_RESULT_COLS, x, n,
	    fill_result, 0);
}

enum err
db_job_counters(struct db_conn *c, int64_t job, int64_t ok, int64_t skipped,
    int64_t failed, int64_t reads, int64_t now)
{
	struct db_param p[] = { db_p_int(ok), db_p_int(skipped),
	    db_p_int(failed), db_p_int(reads), db_p_time(now), db_p_int(job) };

	return changed(c, ST_JOB_COUNTERS, p, NP(p), NULL);
}

enum err
db_items_abort(struct db_conn *c, int64_t job, const char *result,
    int64_t *n)
{
	struct db_param p[] = { db_p_str(result), db_p_int(job) };

	return changed(c, ST_ITEMS_ABORT, p, NP(p), n);
}

enum err
db_job_finish(struct db_conn *c, int64_t job, int64_t token,
    const char *status, int64_t failed, int64_t now)
{
	struct db_param p[] = { db_p_str(status), db_p_int(failed),
	    db_p_time(now), db_p_time(now), db_p_int(job), db_p_int(token) };

	return changed(c, ST_JOB_FINISH, p, NP(p), NULL);
}

enum err
db_job_release(struct db_conn *c, int64_t job, int64_t token)
{
	struct db_param p[] = { db_p_int(job), db_p_int(token) };

	return changed(c, ST_JOB_RELEASE, p, NP(p), NULL);
}

enum err
db_job_purge(struct db_conn *c, int64_t before, int64_t *n)
{
	struct db_param p = db_p_time(before);

	return changed(c, ST_JOB_PURGE, &p, 1, n);
}

enum err
db_file_purge(struct db_conn *c, int64_t before, int64_t *n)
{
	struct db_param p = db_p_time(before);

	return changed(c, ST_FILE_PURGE, &p, 1, n);
}

enum err
db_reads_same_end(struct db_conn *c, struct arena *a, int64_t device,
    int64_t lo, int64_t hi, struct db_read_key **keys, int *n)
{
	struct db_param		p[] = { db_p_int(device), db_p_time(lo),
	    db_p_time(hi) };
	struct db_result	r;
	enum err		e;
	int			i;

	if ((e = db_exec(c, a, ST_READS_SAME_END, p, NP(p), &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	*n = r.nrows;
	*keys = arena_alloc(a, sizeof(**keys) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++) {
		(*keys)[i].start = db_cell_ms(&r, i, 0);
		(*keys)[i].end = db_cell_ms(&r, i, 1);
		(*keys)[i].energy = db_cell_int(&r, i, 2);
		(*keys)[i].counter = db_cell(&r, i, 3) ? db_cell_int(&r, i, 3) :
		    -1;
		(*keys)[i].type = db_cell(&r, i, 4);
	}
	return ERR_OK;
}

enum err
db_file_insert(struct db_conn *c, const char *id, int64_t user,
    const char *name, const char *data, size_t len, int64_t now)
{
	struct db_param p[] = { db_p_str(id), db_p_int(user), db_p_str(name),
	    db_p_strn(data, (unsigned long)len), db_p_time(now) };

	return changed(c, ST_FILE_INSERT, p, NP(p), NULL);
}

enum err
db_file_get(struct db_conn *c, struct arena *a, const char *id, int64_t user,
    const char **name, const char **data, size_t *len, int64_t *created)
{
	struct db_param		p[] = { db_p_str(id), db_p_int(user) };
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, ST_FILE_GET, p, NP(p), &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	*name = db_cell(&r, 0, 0);
	*data = db_cell(&r, 0, 1);
	*len = (size_t)db_cell_int(&r, 0, 3);
	*created = db_cell_ms(&r, 0, 2);
	/* Cells are C strings: a NUL byte ends the copy.  Keep the bytes
	 * up to it and the NUL itself, which the CSV parser refuses. */
	if (*data != NULL && strlen(*data) < *len)
		*len = strlen(*data) + 1;
	return ERR_OK;
}

enum err
db_file_delete(struct db_conn *c, const char *id)
{
	struct db_param p = db_p_str(id);

	return changed(c, ST_FILE_DELETE, &p, 1, NULL);
}
