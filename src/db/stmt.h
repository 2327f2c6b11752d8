/*
 * The statement table: every SQL statement the server runs, by id.
 * Prepared once per connection on first use (stmt.c holds the text).
 */
#ifndef DB_STMT_H
#define DB_STMT_H

enum stmt_id {
	ST_CLOCK_GET,
	ST_CLOCK_SET,
	ST_CLOCK_CLEAR,
	ST_USER_BY_ID,
	ST_USER_BY_EMAIL,
	ST_USER_EMAIL_EXISTS,
	ST_ORG_NAME_EXISTS,
	ST_ORG_BY_ID,
	ST_ORG_INSERT,
	ST_USER_INSERT,
	ST_USER_SET_PASSWORD,
	ST_USER_SET_PROFILE,
	ST_USER_SET_STATUS,
	ST_SESSION_INSERT,
	ST_SESSION_GET,
	ST_SESSION_DELETE,
	ST_SESSION_DELETE_USER,
	ST_SESSION_DELETE_OTHERS,
	ST_SESSION_DELETE_EXPIRED,
	ST_SESSION_DELETE_OLDEST,
	ST_USER_LIST,
	ST_USER_COUNT,
	ST_ORG_LIST,
	ST_ORG_COUNT,
	ST_PING,
	STMT__MAX
};

/* SQL text of a statement. */
const char	*stmt_sql(enum stmt_id);
/* Short name for logs ("ST_USER_BY_ID"). */
const char	*stmt_name(enum stmt_id);

#endif
