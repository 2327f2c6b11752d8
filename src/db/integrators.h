/*
 * ApiUsers, client credentials, managed organizations and yield
 * configuration (integrators.md §2-4, §7, §8).  Included by db/db.h.
 */
#ifndef DB_INTEGRATORS_H
#define DB_INTEGRATORS_H

#include <stdint.h>

struct db_apiuser {
	int64_t		 id;
	const char	*uid;		/* api_user_id (UUID v4) */
	int64_t		 user_id;
	int64_t		 org_id;
	const char	*status;	/* Request | Active | Deactive */
	unsigned	 granted;	/* SCOPE_* bits */
	unsigned	 pending;
	int64_t		 first_cred_at;	/* ms, 0: never */
	int64_t		 created_at;	/* ms */
};

/* A credential row as getAccess needs it. */
struct db_cred {
	int64_t		 id;
	const char	*secret_hex;	/* SHA-256, 64 upper-case hex */
	int64_t		 user_id;
	const char	*permission_status;
	const char	*user_status;
	const char	*org_status;
};

struct db_cred_row {
	const char	*client_id;
	const char	*created_at;
	const char	*last_used_at;	/* NULL: never */
};

struct db_yield {
	int64_t		 id;
	const char	*country_code;
	int64_t		 yield_value;
	const char	*status;
	const char	*created_at;
	const char	*updated_at;
};

/* The first cell of a one-row query as an integer; ERR_NOTFOUND: none. */
enum err	 db_int_one(struct db_conn *, enum stmt_id, struct db_param *,
		    int np, int64_t *n);

enum err	 db_apiuser_insert(struct db_conn *, const char *uid,
		    int64_t user_id, int64_t org_id, int64_t now);
/* By user id / by api_user_id; ERR_NOTFOUND when none. */
enum err	 db_apiuser_by_user(struct db_conn *, struct arena *,
		    int64_t user_id, struct db_apiuser *);
enum err	 db_apiuser_by_uid(struct db_conn *, struct arena *,
		    const char *uid, struct db_apiuser *);
/* The row by id, locked FOR UPDATE (in a transaction). */
enum err	 db_apiuser_lock(struct db_conn *, struct arena *, int64_t id,
		    struct db_apiuser *);
/* Sets scopes and status, bumping row_version. */
enum err	 db_apiuser_set(struct db_conn *, int64_t id, unsigned granted,
		    unsigned pending, const char *status, int64_t now);
/* row_version + 1 (Galera conflict point, integrators.md §3.1, §4.1). */
enum err	 db_apiuser_bump(struct db_conn *, int64_t id);
/* Marks the first credential; *changed = rows changed (0 or 1). */
enum err	 db_apiuser_first_cred(struct db_conn *, int64_t id, int64_t now,
		    int *changed);
/* Organizations managed by organization org_id's ApiUser (0 when it has
 * none: not an ApiUser organization). */
enum err	 db_org_managed_count(struct db_conn *, int64_t org_id, int64_t *n);
enum err	 db_apiuser_managed_count(struct db_conn *, int64_t id,
		    int64_t *n);
/* ApiUsers' users newest first, with their api_user rows. */
enum err	 db_apiuser_list(struct db_conn *, struct arena *,
		    const char *org_name_like, const char *status, int64_t limit,
		    int64_t offset, struct db_user **, struct db_apiuser **,
		    int *n, int64_t *total);

enum err	 db_cred_insert(struct db_conn *, int64_t api_user_id,
		    const char *client_id, const char *secret_hex, int64_t now);
enum err	 db_cred_count(struct db_conn *, int64_t api_user_id, int64_t *n);
enum err	 db_cred_list(struct db_conn *, struct arena *, int64_t api_user_id,
		    struct db_cred_row **, int *n);
/* ERR_NOTFOUND when client_id is not this ApiUser's. */
enum err	 db_cred_delete(struct db_conn *, const char *client_id,
		    int64_t api_user_id);
enum err	 db_cred_by_client(struct db_conn *, struct arena *,
		    const char *client_id, struct db_cred *);
/*
 * A client session: marks the credential used, prunes its expired and
 * oldest-beyond-(max-1) sessions and inserts jti.  In the caller's
 * transaction.
 */
enum err	 db_cred_session(struct db_conn *, int64_t cred_id,
		    int64_t user_id, const char *jti, int64_t now,
		    int64_t expires, int max);

enum err	 db_org_insert_managed(struct db_conn *, const char *name,
		    const char *type, const char *address, const char *org_email,
		    int64_t api_user_id, int64_t now, int64_t *id);
/* Managed organizations, id desc; type NULL = any. */
enum err	 db_managed_org_list(struct db_conn *, struct arena *,
		    int64_t api_user_id, const char *name_like, const char *type,
		    int64_t limit, int64_t offset, struct db_org **, int *n,
		    int64_t *total);
/* Users of the managed organizations, newest first. */
enum err	 db_managed_user_list(struct db_conn *, struct arena *,
		    int64_t api_user_id, int64_t limit, int64_t offset,
		    struct db_user **, int *n, int64_t *total);

/* Yield configuration (§7); conflicts: ERR_CONFLICT. */
enum err	 db_yield_insert(struct db_conn *, const char *cc, int64_t value,
		    const char *status, int64_t now, int64_t *id);
enum err	 db_yield_list(struct db_conn *, struct arena *,
		    struct db_yield **, int *n);
enum err	 db_yield_get(struct db_conn *, struct arena *, int64_t id,
		    struct db_yield *);
/* value < 0 / status NULL: unchanged. */
enum err	 db_yield_update(struct db_conn *, int64_t id, int64_t value,
		    const char *status, int64_t now);
/* The country's active default, else dflt. */
enum err	 db_yield_default(struct db_conn *, const char *cc, int64_t dflt,
		    int64_t *value);

#endif
