/*
 * The mail outbox (accounts.md §8.1, §8.3): rows inserted in the
 * transaction of the change they report, read by the test route, and
 * claimed one at a time by `drecctl mail` under a lease.  Row readers
 * index MAIL_COLS of stmt_accounts.inc.
 */
#include <string.h>

#include "core/arena.h"
#include "core/nelem.h"
#include "db/db.h"

static void
read_mail(const struct db_result *r, int row, struct db_mail *m)
{
	m->id = db_cell_int(r, row, 0);
	m->message_id = db_cell(r, row, 1);
	m->template = db_cell(r, row, 2);
	m->recipient = db_cell(r, row, 3);
	m->subject = db_cell(r, row, 4);
	m->body = db_cell(r, row, 5);
	m->status = db_cell(r, row, 6);
	m->attempts = db_cell_int(r, row, 7);
	m->last_error = db_cell(r, row, 8);
	m->created_at = db_cell(r, row, 9);
	m->sent_at = db_cell(r, row, 10);
	m->user_id = db_cell_int(r, row, 11);
}

enum err
db_mail_insert(struct db_conn *c, const char *mid, const char *tpl,
    const char *to, const char *subject, const char *body, int64_t uid,
    int64_t now)
{
	struct db_param p[] = { db_p_str(mid), db_p_str(tpl), db_p_str(to),
	    db_p_str(subject), db_p_str(body),
	    uid > 0 ? db_p_int(uid) : db_p_null(), db_p_time(now) };

	return db_exec(c, NULL, ST_MAIL_INSERT, p, NP(p), NULL, NULL, NULL);
}

enum err
db_mail_list(struct db_conn *c, struct arena *a, const char *to,
    const char *tpl, int64_t limit, struct db_mail **out, int *n)
{
	struct db_param		p[] = { db_p_str(to), db_p_str(to),
	    db_p_str(tpl), db_p_str(tpl), db_p_int(limit) };
	struct db_result	r;
	enum err		e;
	int			i;

	if ((e = db_exec(c, a, ST_MAIL_LIST, p, NP(p), &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	*n = r.nrows;
	*out = arena_alloc(a, sizeof(**out) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		read_mail(&r, i, &(*out)[i]);
	return ERR_OK;
}

enum err
db_mail_since(struct db_conn *c, const char *to, const char *tpl,
    int64_t since, int64_t *at, int max, int *n)
{
	struct arena		*a;
	struct db_param		 p[] = { db_p_str(to), db_p_str(tpl),
	    db_p_time(since) };
	struct db_result	 r;
	enum err		 e;
	int			 i;

	*n = 0;
	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, ST_MAIL_SINCE, p, NP(p), &r, NULL, NULL);
	for (i = 0; e == ERR_OK && i < r.nrows && i < max; i++)
		at[(*n)++] = db_cell_ms(&r, i, 0);
	arena_free(a);
	return e;
}

/* A one-row statement's first cell as ms (DATETIME) or int. */
static enum err
one(struct db_conn *c, enum stmt_id id, const struct db_param *p, int n,
    int64_t *out, int is_time, int *found)
{
	struct arena		*a;
	struct db_result	 r;
	enum err		 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, id, p, n, &r, NULL, NULL);
	*found = e == ERR_OK && r.nrows > 0;
	if (*found)
		*out = is_time ? db_cell_ms(&r, 0, 0) : db_cell_int(&r, 0, 0);
	arena_free(a);
	return e;
}

enum err
db_mail_db_now(struct db_conn *c, int64_t *ms)
{
	int found;

	return one(c, ST_MAIL_DB_NOW, NULL, 0, ms, 1, &found);
}

enum err
db_mail_next(struct db_conn *c, int flush, int64_t pass_start, int64_t *id)
{
	struct db_param	p[] = { db_p_int(flush), db_p_time(pass_start) };
	int		found = 0;
	enum err	e;

	if ((e = one(c, ST_MAIL_NEXT, p, NP(p), id, 0, &found)) != ERR_OK)
		return e;
	return found ? ERR_OK : ERR_NOTFOUND;
}

enum err
db_mail_claim(struct db_conn *c, int64_t id, const char *holder, int lease_s,
    int flush, int *claimed)
{
	struct db_param	p[] = { db_p_str(holder), db_p_int(lease_s),
	    db_p_int(id), db_p_int(flush) };
	uint64_t	aff = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_MAIL_CLAIM, p, NP(p), NULL, &aff, NULL);
	*claimed = e == ERR_OK && aff == 1;
	return e;
}

enum err
db_mail_get(struct db_conn *c, struct arena *a, int64_t id,
    const char *holder, struct db_mail *m)
{
	struct db_param		p[] = { db_p_int(id), db_p_str(holder) };
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, ST_MAIL_GET, p, NP(p), &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	read_mail(&r, 0, m);
	return ERR_OK;
}

enum err
db_mail_sent(struct db_conn *c, int64_t id, const char *holder)
{
	struct db_param p[] = { db_p_int(id), db_p_str(holder) };

	return db_exec(c, NULL, ST_MAIL_SENT, p, NP(p), NULL, NULL, NULL);
}

enum err
db_mail_retry(struct db_conn *c, int64_t id, const char *holder,
    const char *error, int delay_s, int max_attempts)
{
	struct db_param p[] = { db_p_str(error), db_p_int(delay_s),
	    db_p_int(max_attempts), db_p_int(id), db_p_str(holder) };

	return db_exec(c, NULL, ST_MAIL_RETRY, p, NP(p), NULL, NULL, NULL);
}

enum err
db_mail_fail(struct db_conn *c, int64_t id, const char *holder,
    const char *error)
{
	struct db_param p[] = { db_p_str(error), db_p_int(id), db_p_str(holder) };

	return db_exec(c, NULL, ST_MAIL_FAIL, p, NP(p), NULL, NULL, NULL);
}

enum err
db_mail_status(struct db_conn *c, int64_t now, int64_t *pending,
    int64_t *failed, int64_t *oldest)
{
	struct arena		*a;
	struct db_param		 p = db_p_time(now);
	struct db_result	 r;
	enum err		 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, ST_MAIL_STATUS, &p, 1, &r, NULL, NULL);
	if (e == ERR_OK && r.nrows > 0) {
		*pending = db_cell_int(&r, 0, 0);
		*failed = db_cell_int(&r, 0, 1);
		*oldest = db_cell_int(&r, 0, 2);
	}
	arena_free(a);
	return e;
}

enum err
db_mail_requeue(struct db_conn *c, int64_t id)
{
	struct db_param	p = db_p_int(id);
	uint64_t	aff = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_MAIL_REQUEUE, &p, 1, NULL, &aff, NULL);
	if (e == ERR_OK && aff == 0)
		e = ERR_NOTFOUND;
	return e;
}

enum err
db_session_created(struct db_conn *c, const char *jti, int64_t *ms)
{
	struct db_param	p = db_p_str(jti);
	int		found = 0;
	enum err	e;

	if ((e = one(c, ST_SESSION_CREATED, &p, 1, ms, 1, &found)) != ERR_OK)
		return e;
	return found ? ERR_OK : ERR_NOTFOUND;
}
