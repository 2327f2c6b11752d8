/*
 * The database layer: connection pool, prepared-statement execution and one
 * function family per table.  The only layer that includes <mysql.h>.
 *
 * Every function taking a struct db_conn returns an enum err:
 * ERR_OK, ERR_NOTFOUND (no row), ERR_CONFLICT (duplicate key; see
 * db_conflict_key()), ERR_UNAVAILABLE (connection lost / timed out → 503),
 * ERR_DEADLOCK (retry the transaction), ERR_DB (anything else → 500, logged).
 * Strings in results are allocated in the caller's arena.
 */
#ifndef DB_DB_H
#define DB_DB_H

#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "db/stmt.h"

struct arena;
struct db_pool;
struct db_conn;

/* ---- pool (pool.c) ---- */

/*
 * Creates a pool of cfg->db_pool_size lazily-opened connections (copied
 * settings; nothing connects yet).  Returns NULL on allocation failure.
 */
struct db_pool	*db_pool_new(const struct config *cfg);
/* Closes every connection and frees the pool (no connection may be out). */
void		 db_pool_free(struct db_pool *);
/*
 * Borrows a connected, health-checked connection, waiting at most
 * cfg->db_wait_ms for a free one; connects/reconnects (and re-prepares
 * lazily) as needed.  Returns NULL when none can be had in time (→ 503).
 */
struct db_conn	*db_pool_get(struct db_pool *);
/* Returns a connection; a broken one is closed and reopened on next get. */
void		 db_pool_put(struct db_pool *, struct db_conn *);
/* Opens a single unpooled connection (drecctl); NULL with err set. */
struct db_conn	*db_connect_one(const struct config *, int multi_statements,
		    char *err, size_t errlen);
void		 db_close_one(struct db_conn *);
/* Sets the request id used in this connection's log lines (may be NULL). */
void		 db_conn_set_rid(struct db_conn *, const char *rid);

/* ---- execution (exec.c) ---- */

enum dbp_type { DBP_NULL, DBP_INT, DBP_STR, DBP_TIME, DBP_DOUBLE };

struct db_param {
	enum dbp_type	 type;
	int64_t		 i;	/* DBP_INT value, DBP_TIME ms since epoch */
	const char	*s;	/* DBP_STR bytes (NULL → SQL NULL) */
	unsigned long	 len;
	double		 d;	/* DBP_DOUBLE value */
	int		 ascii;	/* compared with an ASCII column (db_p_key) */
};

struct db_param	db_p_int(int64_t);
struct db_param	db_p_str(const char *);		/* NULL → SQL NULL */
struct db_param	db_p_strn(const char *, unsigned long);
/*
 * A string compared with an ASCII column, for a composed statement
 * (db_exec_shape): a value holding a non-ASCII byte can match no row, so
 * the statement is answered without MariaDB (which would raise 1267).
 * The statement table marks such parameters itself (db_stmt_ascii_keys).
 */
struct db_param	db_p_key(const char *);
struct db_param	db_p_time(int64_t ms);
struct db_param	db_p_null(void);
struct db_param	db_p_double(double);

/*
 * A result set, fully buffered in the arena.  Cells are NUL-terminated
 * strings or NULL for SQL NULL; DATETIME columns are rendered as
 * "YYYY-MM-DDTHH:MM:SS.mmmZ".
 */
struct db_result {
	int		  nrows;
	int		  ncols;
	char		**cells;	/* nrows * ncols, row-major */
};

/* Cell (r, c), or NULL for SQL NULL / out of range. */
const char	*db_cell(const struct db_result *, int r, int c);
/* DATETIME cell as ms since the epoch (0 for NULL). */
int64_t		 db_cell_ms(const struct db_result *, int r, int c);
/* Cell parsed as int64 (0 for NULL). */
int64_t		 db_cell_int(const struct db_result *, int r, int c);

/*
 * Executes statement id with n params.  When res is non-NULL the rows are
 * fetched into it.  affected / insert_id may be NULL.
 */
enum err	 db_exec(struct db_conn *, struct arena *, enum stmt_id,
		    const struct db_param *, int n, struct db_result *res,
		    uint64_t *affected, uint64_t *insert_id);
/*
 * Executes statement id like db_exec, for results whose every column is an
 * integer or a DATETIME (at most 4 columns; read lists): *out gets
 * nrows x ncols values row by row (arena a), a DATETIME as milliseconds
 * since the epoch, NULL as 0.  No text per cell: a 10 000-read list is
 * one allocation and no formatting or parsing.
 */
enum err	 db_exec_ints(struct db_conn *, struct arena *, enum stmt_id,
		    const struct db_param *, int n, int64_t **out, int *nrows);
/*
 * Executes statement id like db_exec and hands its rows to fn(arg, row)
 * one at a time as they arrive from the server (mysql_stmt_fetch without
 * mysql_stmt_store_result), row a one-row result whose cells live until fn
 * returns: a result of any size costs one row of memory, and the caller's
 * work on a row overlaps the server's on the next.  An error can come
 * after some rows were handed out (the walk ends and returns it): the
 * caller must buffer what it makes of the rows until the call returns
 * ERR_OK.  fn must not use the connection.
 */
enum err	 db_exec_each(struct db_conn *, enum stmt_id,
		    const struct db_param *, int n,
		    void (*fn)(void *, const struct db_result *), void *arg);
/*
 * Executes a composed statement: one whose text depends on which optional
 * conditions a request uses (list filters), so that each shape is a plain
 * indexable WHERE instead of "(? IS NULL OR ...)".  key names the shape;
 * sql(a, key) returns its text (only placeholders for values, never client
 * text) the first time the connection meets the key; the prepared
 * statement is cached per connection.  res may be NULL.
 */
enum err	 db_exec_shape(struct db_conn *, struct arena *, uint64_t key,
		    const char *(*sql)(struct arena *, uint64_t),
		    const struct db_param *, int n, struct db_result *res);
/*
 * Test support for the ASCII-key masks of the statement table
 * (db_stmt_ascii_keys): executes statement id once, bypassing that guard,
 * with every parameter bound as the text "0" except those whose bit is
 * set in nonascii (bit i: parameter i), bound as non-ASCII UTF-8 text,
 * inside a transaction that is rolled back.  Returns MariaDB's error
 * number (0: none; 2000 when nothing could run) and the statement's
 * parameter count in *nparams.
 */
unsigned	 db_stmt_probe(struct db_conn *, enum stmt_id, uint64_t nonascii,
		    int *nparams);
/* The unique key named by the last ERR_CONFLICT ("uq_user_email"), or "". */
const char	*db_conflict_key(const struct db_conn *);

/* Runs a one-row query: *yes = a row came back with a non-zero first cell. */
enum err	 db_any_row(struct db_conn *, enum stmt_id, struct db_param *,
		    int n, int *yes);

enum err	 db_begin(struct db_conn *);
/*
 * START TRANSACTION at READ COMMITTED (meter-read ingestion).  The level is
 * set for the session and remembered, so that a connection that ingests
 * again needs no extra statement; db_begin sets REPEATABLE READ back first.
 */
enum err	 db_begin_read_committed(struct db_conn *);
enum err	 db_commit(struct db_conn *);
/* Rolls back; safe to call after a failure (errors are ignored). */
void		 db_rollback(struct db_conn *);

/* Attempts of one transaction in db_tx_retry (the first one included). */
#define DB_TX_TRIES	3
/*
 * Runs fn(c, arg) in a transaction: db_begin, fn, db_commit; ERR_OK from
 * fn commits, anything else rolls back and is returned as fn gave it
 * (its arg says why; ERR_CONFLICT with a code, say).  ERR_DEADLOCK from
 * begin, fn or commit (deadlock 1213, lock wait timeout 1205, a Galera
 * certification failure) rolls back and runs the whole transaction
 * again, DB_TX_TRIES attempts in all, so fn must reset what it writes into
 * arg before anything else.  Returns ERR_OK once committed, else the last
 * attempt's error (ERR_DEADLOCK when every attempt deadlocked).  An
 * ERR_UNAVAILABLE from COMMIT is not retried: the outcome is unknown.
 */
enum err	 db_tx_retry(struct db_conn *,
		    enum err (*fn)(struct db_conn *, void *arg), void *arg);
/* Runs trusted SQL text (migrations, fixed control statements only). */
enum err	 db_exec_trusted(struct db_conn *, const char *sql);
/* Pings the server; ERR_OK or ERR_UNAVAILABLE. */
enum err	 db_ping(struct db_conn *);

/* ---- clock (clock.c) ---- */

/*
 * The effective now (CONVENTIONS §11): the test clock's frozen instant when
 * a row exists and the profile is not production, else the system clock.
 * *overridden (may be NULL) tells which.
 */
enum err	 db_clock_now(struct db_conn *, enum profile, int64_t *ms,
		    int *overridden);
/* Sets (have_value) or clears the override. */
enum err	 db_clock_set(struct db_conn *, int have_value, int64_t ms);
/* 1 when an override row exists (for the production start-up warning). */
enum err	 db_clock_stored(struct db_conn *, int *exists);

/* ---- users, organizations, sessions (users.c) ---- */

struct db_org {
	int64_t		 id;
	const char	*name;
	const char	*type;		/* Developer | Buyer | Admin */
	const char	*address;	/* may be NULL */
	const char	*org_email;
	const char	*status;
	const char	*created_at;	/* ISO */
	const char	*updated_at;
	int64_t		 managing_api_user_id;	/* 0: none */
	const char	*api_user_uid;	/* managing or own ApiUser's, or NULL */
};

struct db_user {
	int64_t		 id;
	const char	*email;
	const char	*password_hash;
	const char	*first_name;
	const char	*last_name;
	const char	*role;
	const char	*status;
	const char	*created_at;
	const char	*updated_at;
	const char	*email_confirmed_at;	/* NULL: unconfirmed */
	int64_t		 pending_until;	/* latest open-or-lapsed Pending
					   invitation's expiry, ms; 0 none */
	struct db_org	 org;
};

enum err	 db_user_by_id(struct db_conn *, struct arena *, int64_t id,
		    struct db_user *);
enum err	 db_user_by_email(struct db_conn *, struct arena *, const char *email,
		    struct db_user *);
/* ERR_OK if a user (any status) has this e-mail, ERR_NOTFOUND if none. */
enum err	 db_user_email_exists(struct db_conn *, const char *email);
/* ERR_OK if an organization has this (trimmed) name case-insensitively. */
enum err	 db_org_name_exists(struct db_conn *, const char *name);
enum err	 db_org_by_id(struct db_conn *, struct arena *, int64_t id,
		    struct db_org *);
enum err	 db_org_insert(struct db_conn *, const char *name, const char *type,
		    const char *address, const char *org_email, int64_t now,
		    int64_t *id);
enum err	 db_user_insert(struct db_conn *, int64_t org_id, const char *email,
		    const char *hash, const char *first, const char *last,
		    const char *role, int64_t now, int64_t *id);
enum err	 db_user_set_password(struct db_conn *, int64_t id, const char *hash,
		    int64_t now);
/* NULL fields are left unchanged. */
enum err	 db_user_set_profile(struct db_conn *, int64_t id, const char *first,
		    const char *last, const char *email, int64_t now);
enum err	 db_user_set_status(struct db_conn *, int64_t id, const char *status,
		    int64_t now);
/* A user row id holding role Admin with this e-mail: ERR_OK / ERR_NOTFOUND. */

enum err	 db_session_insert(struct db_conn *, const char *jti, int64_t user_id,
		    int64_t now, int64_t expires);
/* Looks up a session by jti: its user id and expiry. */
enum err	 db_session_get(struct db_conn *, const char *jti, int64_t *user_id,
		    int64_t *expires);
/*
 * The session jti with its user and organization in one statement (every
 * authenticated request; two for a Pending user): its user id, expiry,
 * and the user (*u, arena).  u->pending_until is set only when u->status
 * is "Pending" (0 otherwise).
 */
enum err	 db_session_user(struct db_conn *, struct arena *, const char *jti,
		    int64_t *user_id, int64_t *expires, int64_t *cred_id,
		    struct db_user *u);
enum err	 db_session_delete(struct db_conn *, const char *jti);
/* Deletes every session of user except keep_jti (NULL: all). */
enum err	 db_session_delete_user(struct db_conn *, int64_t user_id,
		    const char *keep_jti);
/* Deletes expired sessions and all but the newest max live ones. */
enum err	 db_session_prune(struct db_conn *, int64_t user_id, int64_t now,
		    int max);

/* Paged user list filters; NULL = no filter. */
struct db_user_filter {
	int64_t		 org_id;	/* 0 = any */
	int		 hide_deleted;
	const char	*org_name_like;	/* lower-cased substring, matched literally */
	const char	*status;	/* canonical */
	const char	*org_type;	/* canonical, organizations only */
	int		 hide_pending;	/* 1: no Pending users at all */
	int64_t		 now;		/* stale Pending users are never listed */
};

/* Row readers of USER_COLS ORG_COLS (col 0) / ORG_COLS at col. */
struct db_result;
void		 db_read_user(const struct db_result *, int row, struct db_user *);
void		 db_read_org(const struct db_result *, int row, int col,
		    struct db_org *);

/* Users newest first; *users is an arena array of n. */
enum err	 db_user_list(struct db_conn *, struct arena *,
		    const struct db_user_filter *, int64_t limit, int64_t offset,
		    struct db_user **users, int *n, int64_t *total);
/* Organizations, id desc. */
enum err	 db_org_list(struct db_conn *, struct arena *,
		    const struct db_user_filter *, int64_t limit, int64_t offset,
		    struct db_org **orgs, int *n, int64_t *total);

#include "db/accounts.h"
#include "db/devices.h"
#include "db/reads.h"
#include "db/reservations.h"
#include "db/certificates.h"
#include "db/integrators.h"
#include "db/bulk.h"

/* ---- migrations (migrate.c) ---- */

/*
 * Applies the pending sql_dir/NNN_*.sql files in order, recording each in
 * schema_migration.  Prints one line per applied file to out (may be NULL).
 * Returns 0, or -1 with err set.  Idempotent.
 */
int		 db_migrate(struct db_conn *, const char *sql_dir, void *out,
		    char *err, size_t errlen);

#endif
