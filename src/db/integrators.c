/*
 * ApiUsers, client credentials, managed organizations and yield
 * configuration (integrators.md §8).  read_apiuser() indexes AU_COLS of
 * stmt_integrators.inc; USER_COLS ORG_COLS readers come from users.c.
 */
#include <string.h>

#include "core/arena.h"
#include "core/nelem.h"
#include "core/timeutil.h"
#include "domain/scopes.h"
#include "db/db.h"

#define USER_ORG_NCOLS 21	/* USER_COLS (11) + ORG_COLS (10) */

static void
read_apiuser(const struct db_result *r, int row, int col,
    struct db_apiuser *u)
{
	u->id = db_cell_int(r, row, col);
	u->uid = db_cell(r, row, col + 1);
	u->user_id = db_cell_int(r, row, col + 2);
	u->org_id = db_cell_int(r, row, col + 3);
	u->status = db_cell(r, row, col + 4);
	u->granted = dom_scope_parse_set(db_cell(r, row, col + 5));
	u->pending = dom_scope_parse_set(db_cell(r, row, col + 6));
	u->first_cred_at = db_cell_ms(r, row, col + 7);
	u->created_at = db_cell_ms(r, row, col + 8);
}

/* One ApiUser row by statement id and its one parameter. */
static enum err
apiuser_one(struct db_conn *c, struct arena *a, enum stmt_id id,
    struct db_param p, struct db_apiuser *u)
{
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, id, &p, 1, &r, NULL, NULL)) != ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	read_apiuser(&r, 0, 0, u);
	return ERR_OK;
}

enum err
db_int_one(struct db_conn *c, enum stmt_id id, struct db_param *p, int np,
    int64_t *n)
{
	struct arena		*a;
	struct db_result	 r;
	enum err		 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, id, p, np, &r, NULL, NULL);
	if (e == ERR_OK && r.nrows == 0)
		e = ERR_NOTFOUND;
	else if (e == ERR_OK)
		*n = db_cell_int(&r, 0, 0);
	arena_free(a);
	return e;
}

enum err
db_apiuser_insert(struct db_conn *c, const char *uid, int64_t user_id,
    int64_t org_id, int64_t now)
{
	struct db_param p[] = { db_p_str(uid), db_p_int(user_id),
	    db_p_int(org_id), db_p_time(now), db_p_time(now) };

	return db_exec(c, NULL, ST_APIUSER_INSERT, p, NP(p), NULL, NULL, NULL);
}

enum err
db_apiuser_by_user(struct db_conn *c, struct arena *a, int64_t user_id,
    struct db_apiuser *u)
{
	return apiuser_one(c, a, ST_APIUSER_BY_USER, db_p_int(user_id), u);
}

enum err
db_apiuser_by_uid(struct db_conn *c, struct arena *a, const char *uid,
    struct db_apiuser *u)
{
	return apiuser_one(c, a, ST_APIUSER_BY_UID, db_p_str(uid), u);
}

enum err
db_apiuser_lock(struct db_conn *c, struct arena *a, int64_t id,
    struct db_apiuser *u)
{
	return apiuser_one(c, a, ST_APIUSER_LOCK, db_p_int(id), u);
}

enum err
db_apiuser_set(struct db_conn *c, int64_t id, unsigned granted,
    unsigned pending, const char *status, int64_t now)
{
	char		g[80], pe[80];
	struct db_param	p[5];

	dom_scope_set_text(granted, g, sizeof(g));
	dom_scope_set_text(pending, pe, sizeof(pe));
	p[0] = db_p_str(g);
	p[1] = db_p_str(pe);
	p[2] = db_p_str(status);
	p[3] = db_p_time(now);
	p[4] = db_p_int(id);
	return db_exec(c, NULL, ST_APIUSER_SET_SCOPES, p, 5, NULL, NULL, NULL);
}

enum err
db_apiuser_bump(struct db_conn *c, int64_t id)
{
	struct db_param p = db_p_int(id);

	return db_exec(c, NULL, ST_APIUSER_BUMP, &p, 1, NULL, NULL, NULL);
}

enum err
db_apiuser_first_cred(struct db_conn *c, int64_t id, int64_t now,
    int *changed)
{
	struct db_param	p[] = { db_p_time(now), db_p_int(id) };
	uint64_t	n = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_APIUSER_FIRST_CRED, p, NP(p), NULL, &n, NULL);
	*changed = (int)n;
	return e;
}

enum err
db_apiuser_managed_count(struct db_conn *c, int64_t id, int64_t *n)
{
	struct db_param p = db_p_int(id);

	return db_int_one(c, ST_APIUSER_MANAGED_COUNT, &p, 1, n);
}

enum err
db_org_managed_count(struct db_conn *c, int64_t org_id, int64_t *n)
{
	struct db_param p = db_p_int(org_id);

	return db_int_one(c, ST_ORG_MANAGED_COUNT, &p, 1, n);
}

enum err
db_apiuser_list(struct db_conn *c, struct arena *a, const char *like,
    const char *status, int64_t limit, int64_t offset, struct db_user **users,
    struct db_apiuser **aus, int *n, int64_t *total)
{
	struct db_param		p[6] = { db_p_str(like), db_p_str(like),
	    db_p_str(status), db_p_str(status), db_p_int(limit),
	    db_p_int(offset) };
	struct db_result	r;
	enum err		e;
	int			i;

	if ((e = db_int_one(c, ST_APIUSER_COUNT, p, 4, total)) != ERR_OK)
		return e;
	if ((e = db_exec(c, a, ST_APIUSER_LIST, p, 6, &r, NULL, NULL)) != ERR_OK)
		return e;
	*n = r.nrows;
	*users = arena_alloc(a, sizeof(**users) * (size_t)(r.nrows + 1));
	*aus = arena_alloc(a, sizeof(**aus) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++) {
		db_read_user(&r, i, &(*users)[i]);
		read_apiuser(&r, i, USER_ORG_NCOLS, &(*aus)[i]);
	}
	return ERR_OK;
}

enum err
db_cred_insert(struct db_conn *c, int64_t api_user_id, const char *client_id,
    const char *secret_hex, int64_t now)
{
	struct db_param p[] = { db_p_int(api_user_id), db_p_str(client_id),
	    db_p_str(secret_hex), db_p_time(now) };

	return db_exec(c, NULL, ST_CRED_INSERT, p, NP(p), NULL, NULL, NULL);
}

enum err
db_cred_count(struct db_conn *c, int64_t api_user_id, int64_t *n)
{
	struct db_param p = db_p_int(api_user_id);

	return db_int_one(c, ST_CRED_COUNT, &p, 1, n);
}

enum err
db_cred_list(struct db_conn *c, struct arena *a, int64_t api_user_id,
    struct db_cred_row **rows, int *n)
{
	struct db_param		p = db_p_int(api_user_id);
	struct db_result	r;
	enum err		e;
	int			i;

	if ((e = db_exec(c, a, ST_CRED_LIST, &p, 1, &r, NULL, NULL)) != ERR_OK)
		return e;
	*n = r.nrows;
	*rows = arena_alloc(a, sizeof(**rows) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++) {
		(*rows)[i].client_id = db_cell(&r, i, 0);
		(*rows)[i].created_at = db_cell(&r, i, 1);
		(*rows)[i].last_used_at = db_cell(&r, i, 2);
	}
	return ERR_OK;
}

enum err
db_cred_delete(struct db_conn *c, const char *client_id, int64_t api_user_id)
{
	struct db_param	p[] = { db_p_str(client_id), db_p_int(api_user_id) };
	uint64_t	n = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_CRED_DELETE, p, NP(p), NULL, &n, NULL);
	return (e == ERR_OK && n == 0) ? ERR_NOTFOUND : e;
}

enum err
db_cred_by_client(struct db_conn *c, struct arena *a, const char *client_id,
    struct db_cred *cr)
{
	struct db_param		p = db_p_str(client_id);
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, ST_CRED_BY_CLIENT, &p, 1, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	cr->id = db_cell_int(&r, 0, 0);
	cr->secret_hex = db_cell(&r, 0, 1);
	cr->user_id = db_cell_int(&r, 0, 2);
	cr->permission_status = db_cell(&r, 0, 3);
	cr->user_status = db_cell(&r, 0, 4);
	cr->org_status = db_cell(&r, 0, 5);
	return ERR_OK;
}

enum err
db_cred_session(struct db_conn *c, int64_t cred_id, int64_t user_id,
    const char *jti, int64_t now, int64_t expires, int max)
{
	struct db_param	touch[] = { db_p_time(now), db_p_int(cred_id) };
	struct db_param	exp[] = { db_p_int(cred_id), db_p_time(now) };
	struct db_param	old[] = { db_p_int(cred_id), db_p_int(cred_id),
	    db_p_int(max - 1) };
	struct db_param	ins[] = { db_p_str(jti), db_p_int(user_id),
	    db_p_time(now), db_p_time(expires), db_p_int(cred_id) };
	enum err	e;

	if ((e = db_exec(c, NULL, ST_CRED_TOUCH, touch, NP(touch), NULL, NULL,
	    NULL)) != ERR_OK ||
	    (e = db_exec(c, NULL, ST_SESSION_CRED_EXPIRED, exp, NP(exp), NULL,
	    NULL, NULL)) != ERR_OK ||
	    (e = db_exec(c, NULL, ST_SESSION_CRED_OLDEST, old, NP(old), NULL,
	    NULL, NULL)) != ERR_OK)
		return e;
	return db_exec(c, NULL, ST_SESSION_INSERT_CRED, ins, NP(ins), NULL,
	    NULL, NULL);
}

enum err
db_org_insert_managed(struct db_conn *c, const char *name, const char *type,
    const char *address, const char *org_email, int64_t api_user_id,
    int64_t now, int64_t *id)
{
	struct db_param	p[] = { db_p_str(name), db_p_str(type),
	    db_p_str(address), db_p_str(org_email), db_p_time(now),
	    db_p_time(now), db_p_int(api_user_id) };
	uint64_t	iid = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_ORG_INSERT_MANAGED, p, NP(p), NULL, NULL, &iid);
	*id = (int64_t)iid;
	return e;
}

enum err
db_managed_org_list(struct db_conn *c, struct arena *a, int64_t api_user_id,
    const char *like, const char *type, int64_t limit, int64_t offset,
    struct db_org **orgs, int *n, int64_t *total)
{
	struct db_param		p[7] = { db_p_int(api_user_id), db_p_str(like),
	    db_p_str(like), db_p_str(type), db_p_str(type), db_p_int(limit),
	    db_p_int(offset) };
	struct db_result	r;
	enum err		e;
	int			i;

	if ((e = db_int_one(c, ST_MANAGED_ORG_COUNT, p, 5, total)) != ERR_OK)
		return e;
	if ((e = db_exec(c, a, ST_MANAGED_ORG_LIST, p, 7, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	*n = r.nrows;
	*orgs = arena_alloc(a, sizeof(**orgs) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		db_read_org(&r, i, 0, &(*orgs)[i]);
	return ERR_OK;
}

enum err
db_managed_user_list(struct db_conn *c, struct arena *a, int64_t api_user_id,
    int64_t limit, int64_t offset, struct db_user **users, int *n,
    int64_t *total)
{
	struct db_param		p[3] = { db_p_int(api_user_id), db_p_int(limit),
	    db_p_int(offset) };
	struct db_result	r;
	enum err		e;
	int			i;

	if ((e = db_int_one(c, ST_MANAGED_USER_COUNT, p, 1, total)) != ERR_OK)
		return e;
	if ((e = db_exec(c, a, ST_MANAGED_USER_LIST, p, 3, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	*n = r.nrows;
	*users = arena_alloc(a, sizeof(**users) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		db_read_user(&r, i, &(*users)[i]);
	return ERR_OK;
}

static void
read_yield(const struct db_result *r, int row, struct db_yield *y)
{
	y->id = db_cell_int(r, row, 0);
	y->country_code = db_cell(r, row, 1);
	y->yield_value = db_cell_int(r, row, 2);
	y->status = db_cell(r, row, 3);
	y->created_at = db_cell(r, row, 4);
	y->updated_at = db_cell(r, row, 5);
}

enum err
db_yield_insert(struct db_conn *c, const char *cc, int64_t value,
    const char *status, int64_t now, int64_t *id)
{
	struct db_param	p[] = { db_p_str(cc), db_p_int(value),
	    db_p_str(status), db_p_time(now), db_p_time(now) };
	uint64_t	iid = 0;
	enum err	e;

	e = db_exec(c, NULL, ST_YIELD_INSERT, p, NP(p), NULL, NULL, &iid);
	*id = (int64_t)iid;
	return e;
}

enum err
db_yield_list(struct db_conn *c, struct arena *a, struct db_yield **ys,
    int *n)
{
	struct db_result	r;
	enum err		e;
	int			i;

	if ((e = db_exec(c, a, ST_YIELD_LIST, NULL, 0, &r, NULL, NULL)) !=
	    ERR_OK)
		return e;
	*n = r.nrows;
	*ys = arena_alloc(a, sizeof(**ys) * (size_t)(r.nrows + 1));
	for (i = 0; i < r.nrows; i++)
		read_yield(&r, i, &(*ys)[i]);
	return ERR_OK;
}

enum err
db_yield_get(struct db_conn *c, struct arena *a, int64_t id,
    struct db_yield *y)
{
	struct db_param		p = db_p_int(id);
	struct db_result	r;
	enum err		e;

	if ((e = db_exec(c, a, ST_YIELD_GET, &p, 1, &r, NULL, NULL)) != ERR_OK)
		return e;
	if (r.nrows == 0)
		return ERR_NOTFOUND;
	read_yield(&r, 0, y);
	return ERR_OK;
}

enum err
db_yield_update(struct db_conn *c, int64_t id, int64_t value,
    const char *status, int64_t now)
{
	struct db_param p[] = { value < 0 ? db_p_null() : db_p_int(value),
	    db_p_str(status), db_p_time(now), db_p_int(id) };

	return db_exec(c, NULL, ST_YIELD_UPDATE, p, NP(p), NULL, NULL, NULL);
}

enum err
db_yield_default(struct db_conn *c, const char *cc, int64_t dflt,
    int64_t *value)
{
	struct arena		*a;
	struct db_result	 r;
	struct db_param		 p = db_p_str(cc);
	enum err		 e;

	*value = dflt;
	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, ST_YIELD_OF_COUNTRY, &p, 1, &r, NULL, NULL);
	if (e == ERR_OK && r.nrows > 0)
		*value = db_cell_int(&r, 0, 0);
	arena_free(a);
	return e;
}
