/*
 * SQL text of every statement (db/stmt.h).  Only bound parameters; column
 * lists are fixed so that the row readers in users.c can index them.
 */
#include "db/stmt.h"

#define USER_COLS \
	"u.id, u.email, u.password_hash, u.first_name, u.last_name, u.role, " \
	"u.status, u.created_at, u.updated_at, "
#define ORG_COLS \
	"o.id, o.name, o.organization_type, o.address, o.org_email, o.status, " \
	"o.created_at, o.updated_at"
#define USER_FROM " FROM user u JOIN organization o ON o.id = u.organization_id "

/* Admin / organization user-list filter: each ? pair is (value, value). */
#define USER_FILTER \
	" WHERE (? = 0 OR u.organization_id = ?)" \
	" AND (? = 0 OR u.status <> 'Deleted')" \
	" AND (? IS NULL OR o.name_key LIKE CONCAT('%', LOWER(?), '%') ESCAPE '!')" \
	" AND (? IS NULL OR u.status = ?)"
#define ORG_FILTER \
	" WHERE (? IS NULL OR o.name_key LIKE CONCAT('%', LOWER(?), '%') ESCAPE '!')" \
	" AND (? IS NULL OR o.organization_type = ?)"

static const struct {
	const char *name;
	const char *sql;
} stmts[STMT__MAX] = {
	[ST_CLOCK_GET] = { "ST_CLOCK_GET",
	    "SELECT frozen_at FROM test_clock WHERE id = 1" },
	[ST_CLOCK_SET] = { "ST_CLOCK_SET",
	    "INSERT INTO test_clock (id, frozen_at) VALUES (1, ?)"
	    " ON DUPLICATE KEY UPDATE frozen_at = VALUES(frozen_at)" },
	[ST_CLOCK_CLEAR] = { "ST_CLOCK_CLEAR",
	    "DELETE FROM test_clock WHERE id = 1" },
	[ST_USER_BY_ID] = { "ST_USER_BY_ID",
	    "SELECT " USER_COLS ORG_COLS USER_FROM "WHERE u.id = ?" },
	[ST_USER_BY_EMAIL] = { "ST_USER_BY_EMAIL",
	    "SELECT " USER_COLS ORG_COLS USER_FROM "WHERE u.email = ?" },
	[ST_USER_EMAIL_EXISTS] = { "ST_USER_EMAIL_EXISTS",
	    "SELECT id FROM user WHERE email = ?" },
	[ST_ORG_NAME_EXISTS] = { "ST_ORG_NAME_EXISTS",
	    "SELECT id FROM organization WHERE name_key = LOWER(?)" },
	[ST_ORG_BY_ID] = { "ST_ORG_BY_ID",
	    "SELECT " ORG_COLS " FROM organization o WHERE o.id = ?" },
	[ST_ORG_INSERT] = { "ST_ORG_INSERT",
	    "INSERT INTO organization (name, organization_type, address,"
	    " org_email, status, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, 'Active', ?, ?)" },
	[ST_USER_INSERT] = { "ST_USER_INSERT",
	    "INSERT INTO user (organization_id, email, password_hash,"
	    " first_name, last_name, role, status, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, 'Active', ?, ?)" },
	[ST_USER_SET_PASSWORD] = { "ST_USER_SET_PASSWORD",
	    "UPDATE user SET password_hash = ?, updated_at = ? WHERE id = ?" },
	[ST_USER_SET_PROFILE] = { "ST_USER_SET_PROFILE",
	    "UPDATE user SET first_name = COALESCE(?, first_name),"
	    " last_name = COALESCE(?, last_name), email = COALESCE(?, email),"
	    " updated_at = ? WHERE id = ?" },
	[ST_USER_SET_STATUS] = { "ST_USER_SET_STATUS",
	    "UPDATE user SET status = ?, updated_at = ? WHERE id = ?" },
	[ST_SESSION_INSERT] = { "ST_SESSION_INSERT",
	    "INSERT INTO user_session (jti, user_id, created_at, expires_at)"
	    " VALUES (?, ?, ?, ?)" },
	[ST_SESSION_GET] = { "ST_SESSION_GET",
	    "SELECT user_id, expires_at FROM user_session WHERE jti = ?" },
	[ST_SESSION_DELETE] = { "ST_SESSION_DELETE",
	    "DELETE FROM user_session WHERE jti = ?" },
	[ST_SESSION_DELETE_USER] = { "ST_SESSION_DELETE_USER",
	    "DELETE FROM user_session WHERE user_id = ?" },
	[ST_SESSION_DELETE_OTHERS] = { "ST_SESSION_DELETE_OTHERS",
	    "DELETE FROM user_session WHERE user_id = ? AND jti <> ?" },
	[ST_SESSION_DELETE_EXPIRED] = { "ST_SESSION_DELETE_EXPIRED",
	    "DELETE FROM user_session WHERE user_id = ? AND expires_at <= ?" },
	[ST_SESSION_DELETE_OLDEST] = { "ST_SESSION_DELETE_OLDEST",
	    "DELETE FROM user_session WHERE user_id = ? AND id NOT IN"
	    " (SELECT id FROM (SELECT id FROM user_session WHERE user_id = ?"
	    " ORDER BY id DESC LIMIT ?) AS keep)" },
	[ST_USER_LIST] = { "ST_USER_LIST",
	    "SELECT " USER_COLS ORG_COLS USER_FROM USER_FILTER
	    " ORDER BY u.created_at DESC, u.id DESC LIMIT ? OFFSET ?" },
	[ST_USER_COUNT] = { "ST_USER_COUNT",
	    "SELECT COUNT(*)" USER_FROM USER_FILTER },
	[ST_ORG_LIST] = { "ST_ORG_LIST",
	    "SELECT " ORG_COLS " FROM organization o" ORG_FILTER
	    " ORDER BY o.id DESC LIMIT ? OFFSET ?" },
	[ST_ORG_COUNT] = { "ST_ORG_COUNT",
	    "SELECT COUNT(*) FROM organization o" ORG_FILTER },
	[ST_PING] = { "ST_PING", "SELECT 1" },
};

const char *
stmt_sql(enum stmt_id id)
{
	return (id >= 0 && id < STMT__MAX) ? stmts[id].sql : "";
}

const char *
stmt_name(enum stmt_id id)
{
	return (id >= 0 && id < STMT__MAX) ? stmts[id].name : "?";
}
