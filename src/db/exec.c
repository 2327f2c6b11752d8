/*
 * Prepared-statement execution with typed parameters and fully buffered,
 * string-typed results (db/db.h), or rows handed out one at a time as they
 * arrive (db_exec_each).  Error mapping:
 *   1062 duplicate key                  → ERR_CONFLICT (key name kept)
 *   1213 deadlock, 1205 lock wait       → ERR_DEADLOCK
 *   client errors 2000-2999 (lost, gone, timeout) → ERR_UNAVAILABLE, broken
 *   1047 (a Galera node not Primary/Synced), 1180 (error during COMMIT)
 *                                       → ERR_UNAVAILABLE, broken: the next
 *                                         connection goes to another node
 *   anything else                       → ERR_DB (logged with the request id)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <mysqld_error.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "db/db.h"
#include "db/conn.h"

#define EXEC_MAX_PARAMS	64
#define EXEC_MAX_COLS	48
#define EXEC_INT_COLS	4	/* db_exec_ints */
#define EXEC_CELL_INIT	128

struct db_param db_p_int(int64_t v) { struct db_param p = { DBP_INT, v, NULL, 0, 0, 0 }; return p; }
struct db_param db_p_null(void) { struct db_param p = { DBP_NULL, 0, NULL, 0, 0, 0 }; return p; }
struct db_param db_p_time(int64_t ms) { struct db_param p = { DBP_TIME, ms, NULL, 0, 0, 0 }; return p; }
struct db_param db_p_double(double d) { struct db_param p = { DBP_DOUBLE, 0, NULL, 0, d, 0 }; return p; }

struct db_param
db_p_str(const char *s)
{
	return s == NULL ? db_p_null() : db_p_strn(s, (unsigned long)strlen(s));
}

struct db_param
db_p_strn(const char *s, unsigned long len)
{
	struct db_param p = { DBP_STR, 0, s, len, 0, 0 };

	if (s == NULL)
		p.type = DBP_NULL;
	return p;
}

struct db_param
db_p_key(const char *s)
{
	struct db_param p = db_p_str(s);

	p.ascii = 1;
	return p;
}

int
db_conn_map_error(struct db_conn *c, unsigned int no, const char *msg,
    const char *what)
{
	const char *k, *e;

	c->conflict_key[0] = '\0';
	if (no == ER_DUP_ENTRY) {
		/* "Duplicate entry 'x' for key 'uq_user_email'" */
		if ((k = strstr(msg, "for key '")) != NULL) {
			k += 9;
			if ((e = strchr(k, '\'')) != NULL &&
			    (size_t)(e - k) < sizeof(c->conflict_key)) {
				memcpy(c->conflict_key, k, (size_t)(e - k));
				c->conflict_key[e - k] = '\0';
			}
		}
		return ERR_CONFLICT;
	}
	if (no == ER_LOCK_DEADLOCK || no == ER_LOCK_WAIT_TIMEOUT)
		return ERR_DEADLOCK;
	if ((no >= 2000 && no < 3000) || no == ER_UNKNOWN_COM_ERROR ||
	    no == ER_ERROR_DURING_COMMIT) {
		c->broken = 1;
		log_warn(c->rid, "database unavailable in %s: %u %s", what, no, msg);
		return ERR_UNAVAILABLE;
	}
	log_error(c->rid, "database error in %s: %u %s", what, no, msg);
	return ERR_DB;
}

const char *
db_conflict_key(const struct db_conn *c)
{
	return c->conflict_key;
}

static enum err	exec_simple(struct db_conn *, const char *, const char *);

/* Returns the prepared statement for id, preparing it on first use. */
static MYSQL_STMT *
exec_prepare(struct db_conn *c, enum stmt_id id, enum err *e)
{
	MYSQL_STMT	*st;
	const char	*sql = db_stmt_sql(id);

	if (c->stmt[id] != NULL)
		return c->stmt[id];
	if ((st = mysql_stmt_init(c->my)) == NULL) {
		*e = db_conn_map_error(c, mysql_errno(c->my), mysql_error(c->my),
		    db_stmt_name(id));
		return NULL;
	}
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0) {
		*e = db_conn_map_error(c, mysql_stmt_errno(st), mysql_stmt_error(st),
		    db_stmt_name(id));
		mysql_stmt_close(st);
		return NULL;
	}
	c->stmt[id] = st;
	return st;
}

static void
exec_ms_to_mytime(int64_t ms, MYSQL_TIME *t)
{
	int64_t		days, y, rem;
	unsigned	m, d;

	days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
	rem = ms - days * 86400000;
	time_civil_from_days(days, &y, &m, &d);
	memset(t, 0, sizeof(*t));
	t->year = (unsigned)y;
	t->month = m;
	t->day = d;
	t->hour = (unsigned)(rem / 3600000);
	t->minute = (unsigned)(rem / 60000 % 60);
	t->second = (unsigned)(rem / 1000 % 60);
	t->second_part = (unsigned long)(rem % 1000) * 1000;
	t->time_type = MYSQL_TIMESTAMP_DATETIME;
}

/* DATETIME t as milliseconds since the epoch (the session is UTC). */
static int64_t
exec_mytime_ms(const MYSQL_TIME *t)
{
	return time_days_from_civil(t->year, t->month, t->day) * 86400000 +
	    (int64_t)t->hour * 3600000 + (int64_t)t->minute * 60000 +
	    (int64_t)t->second * 1000 + (int64_t)(t->second_part / 1000);
}

static char *
exec_mytime_to_iso(struct arena *a, const MYSQL_TIME *t)
{
	char	*out = arena_alloc(a, TIME_ISO_LEN);

	time_format_iso(exec_mytime_ms(t), out);
	return out;
}

/*
 * v as "%.17g" text (strtod reads it back exactly).  An integral value
 * below 1e15 in magnitude but 0 (whose -0 keeps printf; NaN and the
 * infinities fail the range test first) prints as its integer digits, the
 * same text, without printf: device capacities are mostly whole kW.
 */
static char *
exec_double_text(struct arena *a, double v)
{
	char		 d[24], *out;
	uint64_t	 u;
	int		 k = (int)sizeof(d);

	if (!(v > -1e15 && v < 1e15) || v == 0 || v != (double)(int64_t)v)
		return arena_printf(a, "%.17g", v);
	u = v < 0 ? (uint64_t)-(int64_t)v : (uint64_t)(int64_t)v;
	d[--k] = '\0';
	do {
		d[--k] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		d[--k] = '-';
	out = arena_alloc(a, sizeof(d) - (size_t)k);
	memcpy(out, d + k, sizeof(d) - (size_t)k);
	return out;
}

/*
 * The result bindings of one statement: every column as text, except
 * DATETIME/TIMESTAMP (MYSQL_TIME) and DOUBLE/FLOAT (binary), each
 * converted to its cell text by fetch_cells.
 */
struct fetch {
	MYSQL_BIND	 b[EXEC_MAX_COLS];
	MYSQL_TIME	 tm[EXEC_MAX_COLS];
	double		 dbl[EXEC_MAX_COLS];
	char		 buf[EXEC_MAX_COLS][EXEC_CELL_INIT];
	unsigned long	 len[EXEC_MAX_COLS];
	my_bool		 isnull[EXEC_MAX_COLS], trunc[EXEC_MAX_COLS];
	int		 isdt[EXEC_MAX_COLS];
	int		 ncols;	/* 0: the statement returns no result set */
};

/*
 * Binds the columns of st into f; with store, receives the whole result
 * into the client library first (mysql_stmt_store_result), so that every
 * error is known before the first row is read.  Without, rows are read
 * from the server as they are fetched (an error can come after some rows).
 */
static enum err
fetch_bind(struct db_conn *c, MYSQL_STMT *st, const char *name,
    struct fetch *f, int store)
{
	MYSQL_RES	*meta;
	MYSQL_FIELD	*fl;
	int		 i;

	f->ncols = 0;
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		return ERR_OK;
	f->ncols = (int)mysql_num_fields(meta);
	fl = mysql_fetch_fields(meta);
	if (f->ncols > EXEC_MAX_COLS)
		abort();
	memset(f->b, 0, sizeof(f->b));
	for (i = 0; i < f->ncols; i++) {
		f->isdt[i] = fl[i].type == MYSQL_TYPE_DATETIME ||
		    fl[i].type == MYSQL_TYPE_TIMESTAMP;
		f->isdt[i] |= (fl[i].type == MYSQL_TYPE_DOUBLE ||
		    fl[i].type == MYSQL_TYPE_FLOAT) << 1;
		if (f->isdt[i] == 1) {
			f->b[i].buffer_type = MYSQL_TYPE_DATETIME;
			f->b[i].buffer = &f->tm[i];
			f->b[i].buffer_length = sizeof(f->tm[i]);
		} else if (f->isdt[i] == 2) {
			/* Doubles as %.17g text: strtod gives the value back. */
			f->b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			f->b[i].buffer = &f->dbl[i];
		} else {
			f->b[i].buffer_type = MYSQL_TYPE_STRING;
			f->b[i].buffer = f->buf[i];
			f->b[i].buffer_length = EXEC_CELL_INIT;
		}
		f->b[i].length = &f->len[i];
		f->b[i].is_null = &f->isnull[i];
		f->b[i].error = &f->trunc[i];
	}
	mysql_free_result(meta);
	if (mysql_stmt_bind_result(st, f->b) != 0 ||
	    (store && mysql_stmt_store_result(st) != 0))
		return db_conn_map_error(c, mysql_stmt_errno(st),
		    mysql_stmt_error(st), name);
	return ERR_OK;
}

/*
 * Fetches the next row of st into cells[0..ncols) (arena strings).
 * Returns 1 for a row, 0 at the end, -1 on error (*e set).
 */
static int
fetch_cells(struct db_conn *c, struct arena *a, MYSQL_STMT *st,
    const char *name, struct fetch *f, char **cells, enum err *e)
{
	int rc, i;

	rc = mysql_stmt_fetch(st);
	if (rc == MYSQL_NO_DATA)
		return 0;
	if (rc == 1) {
		*e = db_conn_map_error(c, mysql_stmt_errno(st),
		    mysql_stmt_error(st), name);
		return -1;
	}
	for (i = 0; i < f->ncols; i++) {
		char **cell = &cells[i];

		if (f->isnull[i])
			*cell = NULL;
		else if (f->isdt[i] == 1)
			*cell = exec_mytime_to_iso(a, &f->tm[i]);
		else if (f->isdt[i] == 2)
			*cell = exec_double_text(a, f->dbl[i]);
		else if (f->len[i] < EXEC_CELL_INIT)
			*cell = arena_strndup(a, f->buf[i], f->len[i]);
		else {
			/* Truncated: fetch the whole value. */
			MYSQL_BIND one;
			char *big = arena_alloc(a, f->len[i] + 1);

			memset(&one, 0, sizeof(one));
			one.buffer_type = MYSQL_TYPE_STRING;
			one.buffer = big;
			one.buffer_length = f->len[i] + 1;
			mysql_stmt_fetch_column(st, &one, (unsigned)i, 0);
			big[f->len[i]] = '\0';
			*cell = big;
		}
	}
	return 1;
}

/* Fetches every row of st into res (arena strings). */
static enum err
exec_fetch(struct db_conn *c, struct arena *a, MYSQL_STMT *st,
    const char *name, struct db_result *res)
{
	struct fetch	 f;
	int		 r, rc, cap = 16;
	char		**cells;
	enum err	 e = ERR_OK;

	memset(res, 0, sizeof(*res));
	if ((e = fetch_bind(c, st, name, &f, 1)) != ERR_OK || f.ncols == 0)
		return e;
	res->ncols = f.ncols;
	cells = arena_alloc(a, sizeof(char *) * (size_t)(cap * f.ncols));
	for (r = 0; ; r++) {
		if (r == cap) {
			char **n = arena_alloc(a, sizeof(char *) *
			    (size_t)(cap * 2 * f.ncols));
			memcpy(n, cells, sizeof(char *) * (size_t)(cap *
			    f.ncols));
			cells = n;
			cap *= 2;
		}
		if ((rc = fetch_cells(c, a, st, name, &f, &cells[r * f.ncols],
		    &e)) <= 0)
			break;
	}
	res->nrows = r;
	res->cells = cells;
	mysql_stmt_free_result(st);
	return e;
}

/* Binds p[0..n) into b (and tm for times). */
static void
exec_bind(const struct db_param *p, int n, MYSQL_BIND *b, MYSQL_TIME *tm)
{
	static my_bool	isnull = 1;
	int		i;

	memset(b, 0, sizeof(*b) * (size_t)n);
	for (i = 0; i < n; i++) {
		switch (p[i].type) {
		case DBP_NULL:
			b[i].buffer_type = MYSQL_TYPE_NULL;
			b[i].is_null = &isnull;
			break;
		case DBP_INT:
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = (void *)&p[i].i;
			break;
		case DBP_STR:
			b[i].buffer_type = MYSQL_TYPE_STRING;
			b[i].buffer = (void *)p[i].s;
			b[i].buffer_length = p[i].len;
			b[i].length = (unsigned long *)&p[i].len;
			break;
		case DBP_DOUBLE:
			b[i].buffer_type = MYSQL_TYPE_DOUBLE;
			b[i].buffer = (void *)&p[i].d;
			break;
		case DBP_TIME:
			exec_ms_to_mytime(p[i].i, &tm[i]);
			b[i].buffer_type = MYSQL_TYPE_DATETIME;
			b[i].buffer = &tm[i];
			break;
		}
	}
}

/*
 * 1 when a parameter that is compared with an ASCII column (a bit of mask,
 * from db_stmt_ascii_keys, or marked by db_p_key) holds a byte outside
 * US-ASCII: no such text can equal an ASCII value, and MariaDB would
 * refuse the comparison (error 1267, illegal mix of collations: the
 * utf8mb4 parameter cannot be converted to ascii).
 */
static int
exec_ascii_unmatchable(const struct db_param *p, int n, uint64_t mask)
{
	unsigned long	k;
	int		i;

	for (i = 0; i < n; i++) {
		if (!p[i].ascii && (i >= 64 || !(mask & (UINT64_C(1) << i))))
			continue;
		if (p[i].type != DBP_STR)
			continue;
		for (k = 0; k < p[i].len; k++)
			if ((unsigned char)p[i].s[k] >= 0x80)
				return 1;
	}
	return 0;
}

/*
 * A key that cannot match: the statement's answer is known without asking
 * MariaDB (no row, nothing changed).  db_stmt_probe checks that the masks
 * of the statement table are exactly the parameters for which MariaDB
 * raises 1267.  1 when answered so.
 */
static int
exec_no_match(const struct db_param *p, int n, uint64_t mask,
    struct db_result *res, uint64_t *affected, uint64_t *insert_id)
{
	if (!exec_ascii_unmatchable(p, n, mask))
		return 0;
	if (res != NULL)
		memset(res, 0, sizeof(*res));
	if (affected != NULL)
		*affected = 0;
	if (insert_id != NULL)
		*insert_id = 0;
	return 1;
}

/* Binds p[0..n) and executes st. */
static enum err
exec_execute(struct db_conn *c, MYSQL_STMT *st, const char *name,
    const struct db_param *p, int n)
{
	MYSQL_BIND	 sb[EXEC_MAX_PARAMS], *b = sb;
	MYSQL_TIME	 stm[EXEC_MAX_PARAMS], *tm = stm;

	if ((unsigned long)n != mysql_stmt_param_count(st))
		abort();	/* programmer error: table and call disagree */
	if (n > EXEC_MAX_PARAMS) {
		/*
		 * Multi-row inserts: one pair of buffers per connection,
		 * grown to the largest statement.  Allocating ~1 MB ten times
		 * per 10 000-read batch made glibc consolidate its heap.
		 */
		if (n > c->big_cap) {
			free(c->big_bind);
			free(c->big_time);
			c->big_bind = malloc(sizeof(*b) * (size_t)n);
			c->big_time = malloc(sizeof(*tm) * (size_t)n);
			if (c->big_bind == NULL || c->big_time == NULL)
				abort();
			c->big_cap = n;
		}
		b = c->big_bind;
		tm = c->big_time;
	}
	exec_bind(p, n, b, tm);
	if (mysql_stmt_bind_param(st, b) != 0 || mysql_stmt_execute(st) != 0)
		return db_conn_map_error(c, mysql_stmt_errno(st),
		    mysql_stmt_error(st), name);
	return ERR_OK;
}

/* Binds p[0..n), executes st and fetches into res (when non-NULL). */
static enum err
exec_run(struct db_conn *c, struct arena *a, MYSQL_STMT *st, const char *name,
    const struct db_param *p, int n, struct db_result *res,
    uint64_t *affected, uint64_t *insert_id)
{
	enum err	 e;

	if ((e = exec_execute(c, st, name, p, n)) != ERR_OK)
		return e;
	if (affected != NULL)
		*affected = mysql_stmt_affected_rows(st);
	if (insert_id != NULL)
		*insert_id = mysql_stmt_insert_id(st);
	if (res != NULL)
		return exec_fetch(c, a, st, name, res);
	mysql_stmt_free_result(st);
	return ERR_OK;
}

enum err
db_exec(struct db_conn *c, struct arena *a, enum stmt_id id,
    const struct db_param *p, int n, struct db_result *res,
    uint64_t *affected, uint64_t *insert_id)
{
	MYSQL_STMT	*st;
	enum err	 e = ERR_DB;

	if (exec_no_match(p, n, db_stmt_ascii_keys(id), res, affected, insert_id))
		return ERR_OK;
	if (c->my == NULL || c->broken)
		return ERR_UNAVAILABLE;
	if ((st = exec_prepare(c, id, &e)) == NULL)
		return e;
	return exec_run(c, a, st, db_stmt_name(id), p, n, res, affected,
	    insert_id);
}

/*
 * The start of a statement whose rows the caller fetches itself: ERR_OK
 * with *st NULL when a parameter can match no row (exec_no_match: no
 * statement runs), ERR_OK with *st executed, or the error.
 */
static enum err
exec_open(struct db_conn *c, enum stmt_id id, const struct db_param *p,
    int n, MYSQL_STMT **st)
{
	enum err	 e = ERR_DB;

	*st = NULL;
	if (exec_no_match(p, n, db_stmt_ascii_keys(id), NULL, NULL, NULL))
		return ERR_OK;
	if (c->my == NULL || c->broken)
		return ERR_UNAVAILABLE;
	if ((*st = exec_prepare(c, id, &e)) == NULL)
		return e;
	if ((e = exec_execute(c, *st, db_stmt_name(id), p, n)) != ERR_OK)
		*st = NULL;
	return e;
}

enum err
db_exec_each(struct db_conn *c, enum stmt_id id, const struct db_param *p,
    int n, void (*fn)(void *, const struct db_result *), void *arg)
{
	MYSQL_STMT	*st;
	struct fetch	*f = NULL;
	struct arena	*row = NULL;
	struct db_result one;
	char		*cells[EXEC_MAX_COLS];
	enum err	 e = ERR_DB;

	if ((e = exec_open(c, id, p, n, &st)) != ERR_OK || st == NULL)
		return e;
	if ((f = malloc(sizeof(*f))) == NULL)
		abort();
	row = arena_new();
	if ((e = fetch_bind(c, st, db_stmt_name(id), f, 0)) != ERR_OK ||
	    f->ncols == 0)
		goto out;
	one.nrows = 1;
	one.ncols = f->ncols;
	one.cells = cells;
	while (fetch_cells(c, row, st, db_stmt_name(id), f, cells, &e) > 0) {
		fn(arg, &one);
		arena_reset(row);
	}
out:
	/* After an error, rows may still be pending: reset drops them. */
	if (e != ERR_OK)
		mysql_stmt_reset(st);
	mysql_stmt_free_result(st);
	arena_free(row);
	free(f);
	return e;
}

enum err
db_exec_ints(struct db_conn *c, struct arena *a, enum stmt_id id,
    const struct db_param *p, int n, int64_t **out, int *nrows)
{
	MYSQL_STMT	*st;
	MYSQL_RES	*meta;
	MYSQL_FIELD	*fl;
	MYSQL_BIND	 b[EXEC_INT_COLS];
	MYSQL_TIME	 tm[EXEC_INT_COLS];
	int64_t		 v[EXEC_INT_COLS], *rows;
	my_bool		 isnull[EXEC_INT_COLS];
	int		 ncols, i, r, rc, cap;
	enum err	 e = ERR_DB;

	*out = NULL;
	*nrows = 0;
	if ((e = exec_open(c, id, p, n, &st)) != ERR_OK || st == NULL)
		return e;
	if ((meta = mysql_stmt_result_metadata(st)) == NULL)
		abort();	/* programmer error: no result set */
	ncols = (int)mysql_num_fields(meta);
	fl = mysql_fetch_fields(meta);
	if (ncols > EXEC_INT_COLS)
		abort();
	memset(b, 0, sizeof(b));
	for (i = 0; i < ncols; i++) {
		if (fl[i].type == MYSQL_TYPE_DATETIME ||
		    fl[i].type == MYSQL_TYPE_TIMESTAMP) {
			b[i].buffer_type = MYSQL_TYPE_DATETIME;
			b[i].buffer = &tm[i];
			b[i].buffer_length = sizeof(tm[i]);
		} else {
			b[i].buffer_type = MYSQL_TYPE_LONGLONG;
			b[i].buffer = &v[i];
		}
		b[i].is_null = &isnull[i];
	}
	mysql_free_result(meta);
	if (mysql_stmt_bind_result(st, b) != 0 ||
	    mysql_stmt_store_result(st) != 0) {
		e = db_conn_map_error(c, mysql_stmt_errno(st),
		    mysql_stmt_error(st), db_stmt_name(id));
		mysql_stmt_free_result(st);
		return e;
	}
	/* The stored result knows its row count: one allocation. */
	cap = (int)mysql_stmt_num_rows(st);
	rows = arena_alloc(a, sizeof(*rows) * (size_t)((cap + 1) * ncols));
	for (r = 0; r < cap && (rc = mysql_stmt_fetch(st)) != MYSQL_NO_DATA;
	    r++) {
		if (rc == 1) {
			e = db_conn_map_error(c, mysql_stmt_errno(st),
			    mysql_stmt_error(st), db_stmt_name(id));
			mysql_stmt_free_result(st);
			return e;
		}
		for (i = 0; i < ncols; i++)
			rows[r * ncols + i] = isnull[i] ? 0 :
			    b[i].buffer_type == MYSQL_TYPE_DATETIME ?
			    exec_mytime_ms(&tm[i]) : v[i];
	}
	mysql_stmt_free_result(st);
	*out = rows;
	*nrows = r;
	return ERR_OK;
}

/*
 * Composed statements: the prepared statement of shape key, from the
 * connection's small cache (slots replaced round-robin), else prepared from
 * sql(arg) and cached.
 */
static MYSQL_STMT *
exec_prepare_shape(struct db_conn *c, uint64_t key,
    const char *(*sql)(struct arena *, uint64_t), struct arena *a,
    enum err *e)
{
	MYSQL_STMT	*st;
	const char	*text;
	int		 i;

	for (i = 0; i < DB_SHAPE_SLOTS; i++)
		if (c->shape[i] != NULL && c->shape_key[i] == key)
			return c->shape[i];
	text = sql(a, key);
	if ((st = mysql_stmt_init(c->my)) == NULL) {
		*e = db_conn_map_error(c, mysql_errno(c->my), mysql_error(c->my),
		    "composed statement");
		return NULL;
	}
	if (mysql_stmt_prepare(st, text, strlen(text)) != 0) {
		*e = db_conn_map_error(c, mysql_stmt_errno(st), mysql_stmt_error(st),
		    "composed statement");
		mysql_stmt_close(st);
		return NULL;
	}
	i = c->shape_next;
	c->shape_next = (c->shape_next + 1) % DB_SHAPE_SLOTS;
	if (c->shape[i] != NULL)
		mysql_stmt_close(c->shape[i]);
	c->shape[i] = st;
	c->shape_key[i] = key;
	return st;
}

enum err
db_exec_shape(struct db_conn *c, struct arena *a, uint64_t key,
    const char *(*sql)(struct arena *, uint64_t), const struct db_param *p,
    int n, struct db_result *res)
{
	MYSQL_STMT	*st;
	enum err	 e = ERR_DB;

	if (exec_no_match(p, n, 0, res, NULL, NULL))
		return ERR_OK;
	if (c->my == NULL || c->broken)
		return ERR_UNAVAILABLE;
	if ((st = exec_prepare_shape(c, key, sql, a, &e)) == NULL)
		return e;
	return exec_run(c, a, st, "composed statement", p, n, res, NULL, NULL);
}

unsigned
db_stmt_probe(struct db_conn *c, enum stmt_id id, uint64_t nonascii,
    int *nparams)
{
	static const char	 text[] = "\xc3\xa9t\xc3\xa9 \xf0\x9f\x8c\x9e";
	MYSQL_STMT		*st;
	MYSQL_BIND		*b;
	unsigned long		*len;
	unsigned		 no = 0;
	enum err		 e;
	int			 i, n;

	*nparams = -1;
	if (c->my == NULL || c->broken || (st = exec_prepare(c, id, &e)) == NULL)
		return 2000;	/* CR_UNKNOWN_ERROR: no answer at all */
	n = (int)mysql_stmt_param_count(st);
	*nparams = n;
	b = calloc((size_t)n + 1, sizeof(*b));
	len = calloc((size_t)n + 1, sizeof(*len));
	if (b == NULL || len == NULL)
		abort();
	for (i = 0; i < n; i++) {
		int bad = i < 64 && (nonascii & (UINT64_C(1) << i));

		b[i].buffer_type = MYSQL_TYPE_STRING;
		b[i].buffer = (void *)(bad ? text : "0");
		len[i] = bad ? sizeof(text) - 1 : 1;
		b[i].buffer_length = len[i];
		b[i].length = &len[i];
	}
	if (exec_simple(c, "START TRANSACTION", "probe") != ERR_OK)
		no = 2000;
	else {
		if (mysql_stmt_bind_param(st, b) != 0 ||
		    mysql_stmt_execute(st) != 0)
			no = mysql_stmt_errno(st);
		else
			mysql_stmt_free_result(st);
		mysql_stmt_reset(st);
		db_rollback(c);
	}
	free(b);
	free(len);
	return no;
}

const char *
db_cell(const struct db_result *r, int row, int col)
{
	if (row < 0 || row >= r->nrows || col < 0 || col >= r->ncols)
		return NULL;
	return r->cells[row * r->ncols + col];
}

/* dd: the two decimal digits at s, or -1. */
static int
two_digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * The exact form exec_fetch writes for a DATETIME cell,
 * "YYYY-MM-DDTHH:MM:SS.mmmZ", read by position; 0 ok, -1 any other text
 * (then the general parser decides).  Read lists parse one per row.
 */
static int
cell_iso_fast(const char *s, int64_t *ms)
{
	int	y1, y2, mo, d, h, mi, se, f1, f2;

	if (strlen(s) != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
	    s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' ||
	    (y1 = two_digits(s)) < 0 || (y2 = two_digits(s + 2)) < 0 ||
	    (mo = two_digits(s + 5)) < 1 || mo > 12 ||
	    (d = two_digits(s + 8)) < 1 || d > 31 ||
	    (h = two_digits(s + 11)) < 0 || h > 23 ||
	    (mi = two_digits(s + 14)) < 0 || mi > 59 ||
	    (se = two_digits(s + 17)) < 0 || se > 59 ||
	    (f1 = two_digits(s + 20)) < 0 || s[22] < '0' || s[22] > '9')
		return -1;
	f2 = s[22] - '0';
	*ms = time_days_from_civil(y1 * 100 + y2, (unsigned)mo, (unsigned)d) *
	    86400000 + (int64_t)h * 3600000 + (int64_t)mi * 60000 +
	    (int64_t)se * 1000 + f1 * 10 + f2;
	return 0;
}

int64_t
db_cell_ms(const struct db_result *r, int row, int col)
{
	const char	*s = db_cell(r, row, col);
	int64_t		 v = 0;

	if (s != NULL && cell_iso_fast(s, &v) != 0)
		time_parse_instant(s, &v);
	return v;
}

int64_t
db_cell_int(const struct db_result *r, int row, int col)
{
	const char *s = db_cell(r, row, col);

	return s == NULL ? 0 : strtoll(s, NULL, 10);
}

static enum err
exec_simple(struct db_conn *c, const char *sql, const char *what)
{
	if (c->my == NULL || c->broken)
		return ERR_UNAVAILABLE;
	if (mysql_real_query(c->my, sql, strlen(sql)) != 0)
		return db_conn_map_error(c, mysql_errno(c->my), mysql_error(c->my),
		    what);
	return ERR_OK;
}

enum err
db_begin(struct db_conn *c)
{
	enum err e = ERR_OK;

	/* The server's default level, unless ingestion changed it. */
	if (c->read_committed && (e = exec_simple(c, "SET SESSION TRANSACTION "
	    "ISOLATION LEVEL REPEATABLE READ", "BEGIN")) == ERR_OK)
		c->read_committed = 0;
	if (e == ERR_OK)
		e = exec_simple(c, "START TRANSACTION", "BEGIN");
	c->in_tx = e == ERR_OK;
	return e;
}

enum err
db_begin_read_committed(struct db_conn *c)
{
	enum err e = ERR_OK;

	if (!c->read_committed && (e = exec_simple(c, "SET SESSION TRANSACTION "
	    "ISOLATION LEVEL READ COMMITTED", "BEGIN")) == ERR_OK)
		c->read_committed = 1;
	if (e == ERR_OK)
		e = exec_simple(c, "START TRANSACTION", "BEGIN");
	c->in_tx = e == ERR_OK;
	return e;
}

enum err
db_commit(struct db_conn *c)
{
	c->in_tx = 0;
	return exec_simple(c, "COMMIT", "COMMIT");
}

void
db_rollback(struct db_conn *c)
{
	c->in_tx = 0;
	if (c->my != NULL && !c->broken &&
	    mysql_real_query(c->my, "ROLLBACK", 8) != 0)
		c->broken = 1;
}

enum err
db_exec_trusted(struct db_conn *c, const char *sql)
{
	MYSQL_RES	*r;
	enum err	 e;
	int		 st;

	if ((e = exec_simple(c, sql, "trusted SQL")) != ERR_OK)
		return e;
	/* Drain every result of a multi-statement batch. */
	do {
		if ((r = mysql_store_result(c->my)) != NULL)
			mysql_free_result(r);
		if ((st = mysql_next_result(c->my)) > 0)
			return db_conn_map_error(c, mysql_errno(c->my),
			    mysql_error(c->my), "trusted SQL");
	} while (st == 0);
	return ERR_OK;
}

enum err
db_ping(struct db_conn *c)
{
	if (c->my == NULL || c->broken || mysql_ping(c->my) != 0) {
		c->broken = 1;
		return ERR_UNAVAILABLE;
	}
	return ERR_OK;
}

/* *yes = statement id (params p) returns a row (or a non-zero count). */
enum err
db_any_row(struct db_conn *c, enum stmt_id id, struct db_param *p, int n,
    int *yes)
{
	struct arena		*a;
	struct db_result	 r;
	enum err		 e;

	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_exec(c, a, id, p, n, &r, NULL, NULL);
	*yes = e == ERR_OK && r.nrows > 0 && db_cell_int(&r, 0, 0) != 0;
	arena_free(a);
	return e;
}
