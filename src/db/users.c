/*
 * Users, organizations and sessions (users.md §3).  Row readers index the
 * fixed column lists of stmt.c: USER_COLS (11) then ORG_COLS (10).
 */
#include <string.h>

#include "core/arena.h"
#include "core/nelem.h"
#include "core/timeutil.h"
#include "db/db.h"

void
db_read_org(const struct db_result *r, int row, int col, struct db_org *o)
{
	o->id = db_cell_int(r, row, col);
	o->name = db_cell(r, row, col + 1);
	o->type = db_cell(r, row, col + 2);
	o->address = db_cell(r, row, col + 3);
	o->org_email = db_cell(r, row, col + 4);
	o->status = db_cell(r, row, col + 5);
	o->created_at = db_cell(r, row, col + 6);
	o->updated_at = db_cell(r, row, col + 7);
	o->managing_api_user_id = db_cell_int(r, row, col + 8);
	o->api_user_uid = db_cell(r, row, col + 9);
}

void
db_read_user(const struct db_result *r, int row, struct db_user *u)
{
	u->id = db_cell_int(r, row, 0);
	u->email = db_cell(r, row, 1);
	u->password_hash = db_cell(r, row, 2);
	u->first_name = db_cell(r, row, 3);
	u->last_name = db_cell(r, row, 4);
	u->role = db_cell(r, row, 5);
	u->status = db_cell(r, row, 6);
	u->created_at = db_cell(r, row, 7);
	u->updated_at = db_cell(r, row, 8);
	u->email_confirmed_at = db_cell(r, row, 9);
	u->pending_until = db_cell_ms(r, row, 10);
	db_read_org(r, row, 11, &u->org);
}

static enum err
user_one(struct db_conn *c, struct arena *a, enum stmt_id id,
    struct db_param p, struct db_user *u)
{
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, id, &p, 1, &r, NULL, NULL)) != ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	db_read_user(&r, 0, u);
	return ERR_OK;
}

enum err
db_user_by_id(struct db_conn *c, struct arena *a, int64_t id, struct db_user *u)
{
	return user_one(c, a, ST_USER_BY_ID, db_p_int(id), u);
}

enum err
db_user_by_email(struct db_conn *c, struct arena *a, const char *email,
    struct db_user *u)
{
	return user_one(c, a, ST_USER_BY_EMAIL, db_p_str(email), u);
}

/* ERR_OK when statement id returns a row for the one string param. */
static enum err
exists(struct db_conn *c, enum stmt_id id, const char *s)
{
	struct arena		*a;
	struct db_result	 r;
	struct db_param		 p = db_p_str(s);
	enum err		 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, id, &p, 1, &r, NULL, NULL);
	if (e == ERR_OK && r.nrows == 0)
		e = ERR_NOTFOUND;
	arena_free(a);
	return e;
}

enum err
db_user_email_exists(struct db_conn *c, const char *email)
{
	return exists(c, ST_USER_EMAIL_EXISTS, email);
}

enum err
db_org_name_exists(struct db_conn *c, const char *name)
{
	return exists(c, ST_ORG_NAME_EXISTS, name);
}

enum err
db_org_by_id(struct db_conn *c, struct arena *a, int64_t id, struct db_org *o)
{
	struct db_result	r;
	struct db_param		p = db_p_int(id);
	enum err		e;

	if ((e = db_exec(c, a, ST_ORG_BY_ID, &p, 1, &r, NULL, NULL)) != ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	db_read_org(&r, 0, 0, o);
	return ERR_OK;
}

enum err
db_org_insert(struct db_conn *c, const char *name, const char *type,
    const char *address, const char *org_email, int64_t now, int64_t *id)
{
	struct db_param	p[] = { db_p_str(name), db_p_str(type),
	    db_p_str(address), db_p_str(org_email), db_p_time(now),
	    db_p_time(now) };
	uint64_t	iid = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_ORG_INSERT, p, NP(p), NULL, NULL, &iid);
	*id = (int64_t)iid;
	return e;
}

enum err
db_user_insert(struct db_conn *c, int64_t org_id, const char *email,
    const char *hash, const char *first, const char *last, const char *role,
    int64_t now, int64_t *id)
{
	struct db_param	p[] = { db_p_int(org_id), db_p_str(email),
	    db_p_str(hash), db_p_str(first), db_p_str(last), db_p_str(role),
	    db_p_time(now), db_p_time(now) };
	uint64_t	iid = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_USER_INSERT, p, NP(p), NULL, NULL, &iid);
	*id = (int64_t)iid;
	return e;
}

/* Runs an UPDATE; ERR_NOTFOUND when it matched no row. */
static enum err
update(struct db_conn *c, enum stmt_id id, const struct db_param *p, int n)
{
	uint64_t	aff = 0;
	enum err	e;

	/* updated_at always changes in practice; see ARCHITECTURE §3 SQL. */
	e = db_exec(c, NULL, id, p, n, NULL, &aff, NULL);
	return e;
}

enum err
db_user_set_password(struct db_conn *c, int64_t id, const char *hash,
    int64_t now)
{
	struct db_param p[] = { db_p_str(hash), db_p_time(now), db_p_int(id) };

	return update(c, ST_USER_SET_PASSWORD, p, NP(p));
}

enum err
db_user_set_profile(struct db_conn *c, int64_t id, const char *first,
    const char *last, const char *email, int64_t now)
{
	struct db_param p[] = { db_p_str(first), db_p_str(last),
	    db_p_str(email), db_p_time(now), db_p_int(id) };

	return update(c, ST_USER_SET_PROFILE, p, NP(p));
}

enum err
db_user_set_status(struct db_conn *c, int64_t id, const char *status,
    int64_t now)
{
	struct db_param p[] = { db_p_str(status), db_p_time(now), db_p_int(id) };

	return update(c, ST_USER_SET_STATUS, p, NP(p));
}

enum err
db_session_insert(struct db_conn *c, const char *jti, int64_t user_id,
    int64_t now, int64_t expires)
{
	struct db_param p[] = { db_p_str(jti), db_p_int(user_id),
	    db_p_time(now), db_p_time(expires) };

	return db_exec(c, NULL, ST_SESSION_INSERT, p, NP(p), NULL, NULL, NULL);
}

enum err
db_session_get(struct db_conn *c, const char *jti, int64_t *user_id,
    int64_t *expires)
{
	struct arena		*a;
	struct db_result	 r;
	struct db_param		 p = db_p_str(jti);
	enum err		 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, ST_SESSION_GET, &p, 1, &r, NULL, NULL);
	if (e == ERR_OK && r.nrows == 0)
		e = ERR_NOTFOUND;
	if (e == ERR_OK) {
		*user_id = db_cell_int(&r, 0, 0);
		if (time_parse_instant(db_cell(&r, 0, 1), expires) != 0)
			e = ERR_DB;
	}
	arena_free(a);
	return e;
}

/*
 * ST_SESSION_USER leaves pending_until out (its subquery is a third of
 * the statement's cost); only a Pending user's check reads it, so for
 * one the row is read again, whole, by ST_SESSION_USER_PENDING: one
 * statement, one snapshot, the same answer as before.
 */
enum err
db_session_user(struct db_conn *c, struct arena *a, const char *jti,
    int64_t *user_id, int64_t *expires, int64_t *cred_id, struct db_user *u)
{
	struct db_result	 r;
	struct db_param		 p = db_p_str(jti);
	enum err		 e;

	if ((e = db_exec(c, a, ST_SESSION_USER, &p, 1, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	db_read_user(&r, 0, u);
	if (strcmp(u->status, "Pending") == 0) {
		if ((e = db_exec(c, a, ST_SESSION_USER_PENDING, &p, 1, &r,
		    NULL, NULL)) != ERR_OK)
			return e;
		if (r.nrows == 0)
			return ERR_NOTFOUND;
		db_read_user(&r, 0, u);
	}
	*user_id = db_cell_int(&r, 0, 21);
	*cred_id = db_cell_int(&r, 0, 23);
	if (time_parse_instant(db_cell(&r, 0, 22), expires) != 0)
		return ERR_DB;
	return ERR_OK;
}

enum err
db_session_delete(struct db_conn *c, const char *jti)
{
	struct db_param p = db_p_str(jti);

	return db_exec(c, NULL, ST_SESSION_DELETE, &p, 1, NULL, NULL, NULL);
}

enum err
db_session_delete_user(struct db_conn *c, int64_t user_id, const char *keep)
{
	struct db_param p[] = { db_p_int(user_id), db_p_str(keep) };

	if (keep == NULL)
		return db_exec(c, NULL, ST_SESSION_DELETE_USER, p, 1, NULL,
		    NULL, NULL);
	return db_exec(c, NULL, ST_SESSION_DELETE_OTHERS, p, 2, NULL, NULL,
	    NULL);
}

enum err
db_session_prune(struct db_conn *c, int64_t user_id, int64_t now, int max)
{
	struct db_param	p[] = { db_p_int(user_id), db_p_time(now) };
	struct db_param	q[] = { db_p_int(user_id), db_p_int(user_id),
	    db_p_int(max) };
	enum err	e;

	e = db_exec(c, NULL, ST_SESSION_DELETE_EXPIRED, p, NP(p), NULL, NULL,
	    NULL);
	if (e != ERR_OK)
		return e;
	return db_exec(c, NULL, ST_SESSION_DELETE_OLDEST, q, NP(q), NULL, NULL,
	    NULL);
}

/* Builds the parameter list of USER_FILTER (stmt.c) into p; returns count. */
static int
user_filter_params(const struct db_user_filter *f, struct db_param *p)
{
	int n = 0;

	p[n++] = db_p_int(f->org_id);
	p[n++] = db_p_int(f->org_id);
	p[n++] = db_p_int(f->hide_deleted);
	p[n++] = db_p_str(f->org_name_like);
	p[n++] = db_p_str(f->org_name_like);
	p[n++] = db_p_str(f->status);
	p[n++] = db_p_str(f->status);
	p[n++] = db_p_int(f->hide_pending);
	p[n++] = db_p_time(f->now);
	return n;
}

enum err
db_user_list(struct db_conn *c, struct arena *a, const struct db_user_filter *f,
    int64_t limit, int64_t offset, struct db_user **users, int *n,
    int64_t *total)
{
	struct db_param		p[16];
	struct db_result	r;
	enum err		e;
	int			np, i;

	np = user_filter_params(f, p);
	if ((e = db_exec(c, a, ST_USER_COUNT, p, np, &r, NULL, NULL)) != ERR_OK)
		return e;
	*total = db_cell_int(&r, 0, 0);
	p[np++] = db_p_int(limit);
	p[np++] = db_p_int(offset);
	if ((e = db_exec(c, a, ST_USER_LIST, p, np, &r, NULL, NULL)) != ERR_OK)
		return e;
	*n = r.nrows;
	*users = arena_alloc(a, sizeof(**users) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		db_read_user(&r, i, &(*users)[i]);
	return ERR_OK;
}

enum err
db_org_list(struct db_conn *c, struct arena *a, const struct db_user_filter *f,
    int64_t limit, int64_t offset, struct db_org **orgs, int *n,
    int64_t *total)
{
	struct db_param		p[8];
	struct db_result	r;
	enum err		e;
	int			np = 0, i;

	p[np++] = db_p_str(f->org_name_like);
	p[np++] = db_p_str(f->org_name_like);
	p[np++] = db_p_str(f->org_type);
	p[np++] = db_p_str(f->org_type);
	if ((e = db_exec(c, a, ST_ORG_COUNT, p, np, &r, NULL, NULL)) != ERR_OK)
		return e;
	*total = db_cell_int(&r, 0, 0);
	p[np++] = db_p_int(limit);
	p[np++] = db_p_int(offset);
	if ((e = db_exec(c, a, ST_ORG_LIST, p, np, &r, NULL, NULL)) != ERR_OK)
		return e;
	*n = r.nrows;
	*orgs = arena_alloc(a, sizeof(**orgs) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		db_read_org(&r, i, 0, &(*orgs)[i]);
	return ERR_OK;
}
