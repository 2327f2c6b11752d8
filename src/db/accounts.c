/*
 * Account tables (accounts.md §9): tokens, forget-password attempts,
 * invitations and the organization / user writes of the account routes.
 * The outbox is in mail.c.  Row readers index INV_COLS of
 * stmt_accounts.inc.
 */
#include <string.h>

#include "core/arena.h"
#include "core/nelem.h"
#include "db/db.h"

#define WEEK_MS	(7LL * 86400 * 1000)
#define DAY_MS	(86400LL * 1000)

/* Runs a statement without results. */
static enum err
run(struct db_conn *c, enum stmt_id id, const struct db_param *p, int n)
{
	return db_exec(c, NULL, id, p, n, NULL, NULL, NULL);
}

/* Runs a statement; *aff rows changed. */
static enum err
run_n(struct db_conn *c, enum stmt_id id, const struct db_param *p, int n,
    int *aff)
{
	uint64_t	a = 0;
	enum err	e;

	e = db_exec(c, NULL, id, p, n, NULL, &a, NULL);
	if (aff != NULL)
		*aff = (int)a;
	return e;
}

/* A one-row statement's first n integer cells (0 when no row). */
static enum err
ints(struct db_conn *c, enum stmt_id id, const struct db_param *p, int np,
    int64_t *out, int n, int *found)
{
	struct arena		*a;
	struct db_result	 r;
	enum err		 e;
	int			 i;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, id, p, np, &r, NULL, NULL);
	if (found != NULL)
		*found = e == ERR_OK && r.nrows > 0;
	for (i = 0; i < n; i++)
		out[i] = (e == ERR_OK && r.nrows > 0) ? db_cell_int(&r, 0, i) : 0;
	arena_free(a);
	return e;
}

enum err
db_token_insert(struct db_conn *c, const char *purpose, const char *hash,
    int64_t user_id, const char *email, int64_t inv, int64_t now,
    int64_t expires)
{
	struct db_param p[] = { db_p_str(purpose), db_p_str(hash),
	    db_p_int(user_id), db_p_str(email),
	    inv > 0 ? db_p_int(inv) : db_p_null(), db_p_time(now),
	    db_p_time(expires) };

	return run(c, ST_TOKEN_INSERT, p, NP(p));
}

enum err
db_token_lock(struct db_conn *c, struct arena *a, const char *hash,
    struct db_token *t)
{
	struct db_result	r;
	struct db_param		p = db_p_str(hash);
	enum err		e;

	if ((e = db_exec(c, a, ST_TOKEN_BY_HASH_LOCK, &p, 1, &r, NULL,
	    NULL)) != ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	t->id = db_cell_int(&r, 0, 0);
	t->purpose = db_cell(&r, 0, 1);
	t->user_id = db_cell_int(&r, 0, 2);
	t->email = db_cell(&r, 0, 3);
	t->invitation_id = db_cell_int(&r, 0, 4);
	t->expires_at = db_cell_ms(&r, 0, 5);
	t->used = db_cell(&r, 0, 6) != NULL;
	return ERR_OK;
}

enum err
db_token_use(struct db_conn *c, int64_t id, int64_t now)
{
	struct db_param p[] = { db_p_time(now), db_p_int(id) };

	return run(c, ST_TOKEN_USE, p, NP(p));
}

enum err
db_token_delete(struct db_conn *c, int64_t user_id, const char *purpose,
    int64_t keep)
{
	struct db_param p[] = { db_p_int(user_id), db_p_str(purpose),
	    db_p_int(keep) };

	if (purpose == NULL)
		return run(c, ST_TOKEN_DEL_USER, p, 1);
	return run(c, ST_TOKEN_DEL_OTHERS, p, NP(p));
}

enum err
db_token_delete_invitation(struct db_conn *c, int64_t inv)
{
	struct db_param p = db_p_int(inv);

	return run(c, ST_TOKEN_DEL_INVITATION, &p, 1);
}

enum err
db_reset_attempts(struct db_conn *c, const unsigned char sha[32],
    int64_t since, int64_t *count)
{
	struct db_param p[] = { db_p_strn((const char *)sha, 32),
	    db_p_time(since) };

	return ints(c, ST_PRA_COUNT, p, NP(p), count, 1, NULL);
}

enum err
db_reset_attempt_insert(struct db_conn *c, const unsigned char sha[32],
    int64_t now)
{
	struct db_param p[] = { db_p_strn((const char *)sha, 32),
	    db_p_time(now) };

	return run(c, ST_PRA_INSERT, p, NP(p));
}

static void
read_invitation(const struct db_result *r, int row, struct db_invitation *v)
{
	v->id = db_cell_int(r, row, 0);
	v->org_id = db_cell_int(r, row, 1);
	v->email = db_cell(r, row, 2);
	v->role = db_cell(r, row, 3);
	v->status = db_cell(r, row, 4);
	v->silent = (int)db_cell_int(r, row, 5);
	v->sender = db_cell(r, row, 6);
	v->sender_user_id = db_cell_int(r, row, 7);
	v->invitee_user_id = db_cell_int(r, row, 8);
	v->created_user = (int)db_cell_int(r, row, 9);
	v->created_at = db_cell(r, row, 10);
	v->updated_at = db_cell(r, row, 11);
	v->expires_at = db_cell_ms(r, row, 12);
	v->org_name = db_cell(r, row, 13);
	v->org_type = db_cell(r, row, 14);
}

enum err
db_invitation_insert(struct db_conn *c, const struct db_invitation_new *v,
    int64_t now, int64_t *id)
{
	struct db_param	p[] = { db_p_int(v->org_id), db_p_str(v->email),
	    db_p_str(v->role), db_p_int(v->silent), db_p_str(v->sender),
	    v->sender_user_id > 0 ? db_p_int(v->sender_user_id) : db_p_null(),
	    v->invitee_user_id > 0 ? db_p_int(v->invitee_user_id) : db_p_null(),
	    db_p_int(v->created_user), db_p_time(now), db_p_time(now),
	    db_p_time(v->expires_at) };
	uint64_t	iid = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_INV_INSERT, p, NP(p), NULL, NULL, &iid);
	*id = (int64_t)iid;
	return e;
}

/* One invitation row of statement id with params p. */
static enum err
invitation_one(struct db_conn *c, struct arena *a, enum stmt_id id,
    const struct db_param *p, int n, struct db_invitation *v)
{
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, id, p, n, &r, NULL, NULL)) != ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	read_invitation(&r, 0, v);
	return ERR_OK;
}

enum err
db_invitation_get(struct db_conn *c, struct arena *a, int64_t id, int lock,
    struct db_invitation *v)
{
	struct db_param p = db_p_int(id);

	return invitation_one(c, a, lock ? ST_INV_GET_LOCK : ST_INV_GET, &p, 1,
	    v);
}

enum err
db_invitation_of_invitee(struct db_conn *c, struct arena *a, int64_t uid,
    int64_t org, struct db_invitation *v)
{
	struct db_param p[] = { db_p_int(uid), db_p_int(org) };

	return invitation_one(c, a, ST_INV_OF_INVITEE, p, NP(p), v);
}

enum err
db_invitation_list(struct db_conn *c, struct arena *a, int64_t org,
    const char *statuses, int64_t now, int64_t limit, int64_t offset,
    struct db_invitation **out, int *n, int64_t *total)
{
	struct db_param		p[8];
	struct db_result	r;
	enum err		e;
	int			np = 0, i;

	p[np++] = db_p_int(org);
	p[np++] = db_p_int(org);
	p[np++] = db_p_str(statuses);
	p[np++] = db_p_time(now);
	p[np++] = db_p_str(statuses);
	if ((e = ints(c, ST_INV_COUNT, p, np, total, 1, NULL)) != ERR_OK)
		return e;
	p[np++] = db_p_int(limit);
	p[np++] = db_p_int(offset);
	if ((e = db_exec(c, a, ST_INV_LIST, p, np, &r, NULL, NULL)) != ERR_OK)
		return e;
	*n = r.nrows;
	*out = arena_alloc(a, sizeof(**out) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		read_invitation(&r, i, &(*out)[i]);
	return ERR_OK;
}

enum err
db_invitation_open_in_org(struct db_conn *c, int64_t org, const char *email,
    int64_t now, int64_t *id)
{
	struct db_param p[] = { db_p_int(org), db_p_str(email), db_p_time(now) };

	return ints(c, ST_INV_OPEN_IN_ORG, p, NP(p), id, 1, NULL);
}

enum err
db_invitation_open_real(struct db_conn *c, const char *email, int64_t now,
    int64_t *org)
{
	struct db_param p[] = { db_p_str(email), db_p_time(now) };

	return ints(c, ST_INV_OPEN_REAL, p, NP(p), org, 1, NULL);
}

enum err
db_invitation_counts(struct db_conn *c, int64_t org, int64_t now,
    int64_t since, int64_t *open, int64_t *recent)
{
	struct db_param	p[] = { db_p_int(org), db_p_time(now) };
	struct db_param	q[] = { db_p_int(org), db_p_time(since) };
	enum err	e;

	if ((e = ints(c, ST_INV_COUNT_OPEN, p, NP(p), open, 1, NULL)) != ERR_OK)
		return e;
	return ints(c, ST_INV_COUNT_SINCE, q, NP(q), recent, 1, NULL);
}

enum err
db_invitation_expire_lapsed(struct db_conn *c, const char *email, int64_t now)
{
	struct db_param	p[] = { db_p_str(email), db_p_time(now) };
	struct db_param	q[] = { db_p_time(now), db_p_str(email), db_p_time(now) };
	enum err	e;

	if ((e = run(c, ST_INV_LAPSED_TOKENS_DEL, p, NP(p))) != ERR_OK)
		return e;
	return run(c, ST_INV_LAPSED_EXPIRE, q, NP(q));
}

enum err
db_invitation_set_status(struct db_conn *c, int64_t id, const char *status,
    int64_t now)
{
	struct db_param p[] = { db_p_str(status), db_p_time(now), db_p_int(id) };

	return run(c, ST_INV_SET_STATUS, p, NP(p));
}

enum err
db_invitation_open_ids(struct db_conn *c, struct arena *a, int64_t org,
    int64_t now, int64_t **ids, int *n)
{
	struct db_param		p[] = { db_p_int(org), db_p_time(now) };
	struct db_result	r;
	enum err		e;
	int			i;

	if ((e = db_exec(c, a, ST_INV_OPEN_OF_ORG, p, NP(p), &r, NULL,
	    NULL)) != ERR_OK)
		return e;
	*n = r.nrows;
	*ids = arena_alloc(a, sizeof(**ids) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		(*ids)[i] = db_cell_int(&r, i, 0);
	return ERR_OK;
}

enum err
db_user_delete_stale(struct db_conn *c, const char *email, int64_t now,
    int *n)
{
	struct arena		*a;
	struct db_result	 r;
	struct db_param		 p[] = { db_p_str(email), db_p_str(email),
	    db_p_time(now) };
	struct db_param		 q[2];
	enum err		 e;
	int			 i;

	*n = 0;
	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, ST_USER_STALE, p, NP(p), &r, NULL, NULL);
	for (i = 0; e == ERR_OK && i < r.nrows; i++) {
		q[0] = db_p_time(now);
		q[1] = db_p_int(db_cell_int(&r, i, 0));
		if ((e = run(c, ST_INV_OF_USER_EXPIRE, q, 2)) == ERR_OK &&
		    (e = run(c, ST_USER_DELETE, &q[1], 1)) == ERR_OK)
			(*n)++;
	}
	arena_free(a);
	return e;
}

enum err
db_user_delete(struct db_conn *c, int64_t id)
{
	struct db_param p = db_p_int(id);

	return run(c, ST_USER_DELETE, &p, 1);
}

enum err
db_user_set_confirmed(struct db_conn *c, int64_t id, int64_t at)
{
	struct db_param p[] = { at > 0 ? db_p_time(at) : db_p_null(),
	    db_p_int(id) };

	return run(c, ST_USER_SET_CONFIRMED, p, NP(p));
}

enum err
db_user_set_role(struct db_conn *c, int64_t id, const char *role, int64_t now)
{
	struct db_param p[] = { db_p_str(role), db_p_time(now), db_p_int(id) };

	return run(c, ST_USER_SET_ROLE, p, NP(p));
}

enum err
db_user_join(struct db_conn *c, int64_t id, int64_t org, const char *role,
    const char *hash, int64_t now)
{
	struct db_param p[] = { db_p_int(org), db_p_str(role), db_p_str(hash),
	    db_p_time(now), db_p_time(now), db_p_int(id) };

	return run(c, ST_USER_JOIN, p, NP(p));
}

enum err
db_user_insert_pending(struct db_conn *c, int64_t org, const char *email,
    const char *hash, const char *first, const char *last, const char *role,
    int64_t now, int64_t *id)
{
	struct db_param	p[] = { db_p_int(org), db_p_str(email), db_p_str(hash),
	    db_p_str(first), db_p_str(last), db_p_str(role), db_p_time(now),
	    db_p_time(now) };
	uint64_t	iid = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_USER_INSERT_PENDING, p, NP(p), NULL, NULL,
	    &iid);
	*id = (int64_t)iid;
	return e;
}

enum err
db_user_count_role(struct db_conn *c, int64_t org, const char *role,
    int64_t except, int64_t *n)
{
	struct db_param p[] = { db_p_int(org), db_p_str(role), db_p_int(except) };

	return ints(c, ST_USER_MANAGERS, p, NP(p), n, 1, NULL);
}

enum err
db_org_lock(struct db_conn *c, int64_t id)
{
	struct db_param	p = db_p_int(id);
	int		aff = 0;
	enum err	e;

	if ((e = run_n(c, ST_ORG_LOCK, &p, 1, &aff)) == ERR_OK && aff == 0)
		e = ERR_NOTFOUND;
	return e;
}

enum err
db_org_update(struct db_conn *c, int64_t id, const char *name,
    const char *address, const char *org_email, const char *status,
    int64_t now)
{
	struct db_param p[] = { db_p_str(name), db_p_str(address),
	    db_p_str(org_email), db_p_str(status), db_p_time(now), db_p_int(id) };

	return run(c, ST_ORG_UPDATE, p, NP(p));
}

enum err
db_org_name_other(struct db_conn *c, const char *name, int64_t id)
{
	struct db_param	p[] = { db_p_str(name), db_p_int(id) };
	int64_t		v;
	int		found = 0;
	enum err	e;

	if ((e = ints(c, ST_ORG_NAME_OTHER, p, NP(p), &v, 1, &found)) != ERR_OK)
		return e;
	return found ? ERR_OK : ERR_NOTFOUND;
}

enum err
db_org_holdings(struct db_conn *c, int64_t id, int64_t *devices,
    int64_t *reservations)
{
	struct db_param	p[] = { db_p_int(id), db_p_int(id) };
	int64_t		v[2] = { 0, 0 };
	enum err	e;

	e = ints(c, ST_ORG_HOLDINGS, p, NP(p), v, 2, NULL);
	*devices = v[0];
	*reservations = v[1];
	return e;
}

enum err
db_org_delete_part(struct db_conn *c, int64_t id, const char *what)
{
	static const struct { const char *what; enum stmt_id st; } t[] = {
		{ "sessions", ST_ORG_SESSIONS_DEL },
		{ "tokens", ST_TOKEN_DEL_ORG },
		{ "pending", ST_ORG_PENDING_DEL },
		{ "users", ST_ORG_USERS_DEL },
		{ "invitations", ST_INV_DEL_ORG },
		{ "organization", ST_ORG_DELETE },
		/* integrators.md: its jobs, its users' jobs, its api_user
		 * (credentials and client sessions cascade). */
		{ "jobs", ST_ORG_JOBS_DEL },
		{ "user_jobs", ST_ORG_USER_JOBS_DEL },
		{ "apiuser", ST_ORG_APIUSER_DEL },
	};
	struct db_param	p = db_p_int(id);
	size_t		i;

	for (i = 0; i < NELEM(t); i++)
		if (strcmp(t[i].what, what) == 0)
			return run(c, t[i].st, &p, 1);
	return ERR_DB;
}

struct reap {
	int64_t		 now;
	int		 days;
	struct db_reap	*out;
};

/* The housekeeping's deletes; re-run whole by db_tx_retry on a deadlock. */
static enum err
reap_tx(struct db_conn *c, void *arg)
{
	struct reap	*x = arg;
	struct db_reap	*out = x->out;
	struct db_param	inv[] = { db_p_time(x->now), db_p_time(x->now) };
	struct db_param	tok = db_p_time(x->now - WEEK_MS);
	struct db_param	att = db_p_time(x->now - DAY_MS);
	struct db_param	mail = db_p_time(x->now - (int64_t)x->days * DAY_MS);
	enum err	e;

	memset(out, 0, sizeof(*out));
	if ((e = db_user_delete_stale(c, NULL, x->now, &out->stale_users)) !=
	    ERR_OK ||
	    (e = run_n(c, ST_INV_REAP, inv, NP(inv), &out->invitations)) !=
	    ERR_OK ||
	    (e = run_n(c, ST_TOKEN_REAP, &tok, 1, &out->tokens)) != ERR_OK ||
	    (e = run_n(c, ST_PRA_REAP, &att, 1, &out->attempts)) != ERR_OK ||
	    (e = run_n(c, ST_MAIL_REAP, &mail, 1, &out->mails)) != ERR_OK)
		return e;
	return ERR_OK;
}

enum err
db_accounts_reap(struct db_conn *c, int64_t now, int days, struct db_reap *out)
{
	struct reap	x = { now, days, out };
	enum err	e;

	if ((e = db_tx_retry(c, reap_tx, &x)) != ERR_OK)
		memset(out, 0, sizeof(*out));
	return e;
}
