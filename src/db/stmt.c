/*
 * SQL text of every statement (db/stmt.h).  Only bound parameters; column
 * lists are fixed so that the row readers in users.c can index them.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/nelem.h"
#include "db/stmt.h"

/* USER_COLS and ORG_COLS without their last (computed) column. */
#define USER_COLS_PLAIN \
	"u.id, u.email, u.password_hash, u.first_name, u.last_name, u.role, " \
	"u.status, u.created_at, u.updated_at, u.email_confirmed_at, "
#define ORG_COLS_PLAIN \
	"o.id, o.name, o.organization_type, o.address, o.org_email, o.status, " \
	"o.created_at, o.updated_at, o.managing_api_user_id, "
#define USER_COLS USER_COLS_PLAIN \
	"(SELECT MAX(pi.expires_at) FROM invitation pi WHERE" \
	" pi.invitee_user_id = u.id AND pi.status = 'Pending'), "
#define ORG_COLS ORG_COLS_PLAIN \
	"COALESCE((SELECT ma.uid FROM api_user ma WHERE ma.id = " \
	"o.managing_api_user_id), (SELECT oa.uid FROM api_user oa WHERE " \
	"oa.organization_id = o.id))"
#define USER_FROM " FROM user u JOIN organization o ON o.id = u.organization_id "

/* Admin / organization user-list filter: each ? pair is (value, value). */
#define USER_FILTER \
	" WHERE (? = 0 OR u.organization_id = ?)" \
	" AND (? = 0 OR u.status <> 'Deleted')" \
	" AND (? IS NULL OR o.name_key LIKE CONCAT('%', LOWER(?), '%') ESCAPE '!')" \
	" AND (? IS NULL OR u.status = ?)" \
	" AND (u.status <> 'Pending' OR (? = 0 AND EXISTS (SELECT 1 FROM" \
	"  invitation li WHERE li.invitee_user_id = u.id AND" \
	"  li.status = 'Pending' AND li.expires_at > ?)))"
#define ORG_FILTER \
	" WHERE (? IS NULL OR o.name_key LIKE CONCAT('%', LOWER(?), '%') ESCAPE '!')" \
	" AND (? IS NULL OR o.organization_type = ?)"

/*
 * devices.md §4: every column plus groupId at now (params: now, now, now).
 * held_until (160_perf.sql) is the latest member_to the device ever had,
 * so a device whose held_until is null or not after now has no membership
 * at now: its groupId is null without the membership probe, which runs
 * only for held devices (as a scalar subquery for every row it was about
 * 40 % of device/my's statement, bench/RESULTS.md §2.8).
 */
#define DEVICE_COLS \
	"d.id, d.organization_id, CASE WHEN d.held_until > ? THEN" \
	" (SELECT rd.reservation_id FROM reservation_device rd" \
	" WHERE rd.device_id = d.id AND rd.member_from <= ? AND rd.member_to > ?" \
	" ORDER BY rd.member_from LIMIT 1) END," DEVICE_COLS_REST
/* DEVICE_COLS with a null groupId: no parameter, no membership probe. */
#define DEVICE_COLS_NO_GROUP "d.id, d.organization_id, NULL," DEVICE_COLS_REST
#define DEVICE_COLS_REST \
	" d.internal_external_id, d.external_id," \
	" d.project_name, d.quality_labels, d.address, d.latitude, d.longitude," \
	" d.country_code, d.fuel_code, d.device_type_code, d.capacity_kw," \
	" d.commissioning_date, d.grid_interconnection, d.energy_storage," \
	" d.off_taker, d.device_description, d.yield_value, d.impact_story," \
	" d.images, d.energy_storage_capacity, d.sdg_benefits, d.timezone," \
	" d.meter_read_type, d.created_at, d.updated_at FROM device d "
#define DEVICE_SET \
	" external_id = ?, project_name = ?, quality_labels = ?, address = ?," \
	" latitude = ?, longitude = ?, country_code = ?, fuel_code = ?," \
	" device_type_code = ?, capacity_kw = ?, commissioning_date = ?," \
	" grid_interconnection = ?, energy_storage = ?, off_taker = ?," \
	" device_description = ?, yield_value = ?, impact_story = ?, images = ?," \
	" energy_storage_capacity = ?, sdg_benefits = ?, timezone = ?," \
	" updated_at = ?"

/*
 * The third member of an entry: its ASCII keys (db_stmt_ascii_keys), P(i)
 * for parameter i.  db_stmt_probe verifies them against MariaDB: a
 * parameter is listed exactly when a non-ASCII value makes MariaDB raise
 * 1267 (tests/integration/test_hostile_bb.c).
 */
#define P(i)	(UINT64_C(1) << (i))

static const struct {
	const char	*name;
	const char	*sql;
	uint64_t	 ascii;		/* db_stmt_ascii_keys() */
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
	    "SELECT " USER_COLS ORG_COLS USER_FROM "WHERE u.email = ?",
	    P(0) },
	[ST_USER_EMAIL_EXISTS] = { "ST_USER_EMAIL_EXISTS",
	    "SELECT id FROM user WHERE email = ?",
	    P(0) },
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
	    " updated_at = ? WHERE id = ?",
	    P(2) },
	[ST_USER_SET_STATUS] = { "ST_USER_SET_STATUS",
	    "UPDATE user SET status = ?, updated_at = ? WHERE id = ?" },
	[ST_SESSION_INSERT] = { "ST_SESSION_INSERT",
	    "INSERT INTO user_session (jti, user_id, created_at, expires_at)"
	    " VALUES (?, ?, ?, ?)" },
	[ST_SESSION_GET] = { "ST_SESSION_GET",
	    "SELECT user_id, expires_at FROM user_session WHERE jti = ?",
	    P(0) },
	/*
	 * Every authenticated request (api_authenticate): the columns of
	 * ST_SESSION_USER_PENDING without its three scalar subqueries, which
	 * MariaDB sets up on every execution (about half of the statement's
	 * CPU, bench/RESULTS.md §2.8).  The api_user uid comes from two LEFT
	 * JOINs on unique keys (at most one row each: the same value as
	 * ORG_COLS' COALESCE); pending_until is NULL (a Pending user's is
	 * read by ST_SESSION_USER_PENDING, db_session_user).
	 */
	[ST_SESSION_USER] = { "ST_SESSION_USER",
	    "SELECT " USER_COLS_PLAIN "NULL, " ORG_COLS_PLAIN
	    "COALESCE(ma.uid, oa.uid), s.user_id, s.expires_at"
	    ", s.client_credential_id FROM user_session s"
	    " JOIN user u ON u.id = s.user_id"
	    " JOIN organization o ON o.id = u.organization_id"
	    " LEFT JOIN api_user ma ON ma.id = o.managing_api_user_id"
	    " LEFT JOIN api_user oa ON oa.organization_id = o.id"
	    " WHERE s.jti = ?",
	    P(0) },
	/* The same row with USER_COLS and ORG_COLS, for a Pending user. */
	[ST_SESSION_USER_PENDING] = { "ST_SESSION_USER_PENDING",
	    "SELECT " USER_COLS ORG_COLS ", s.user_id, s.expires_at"
	    ", s.client_credential_id FROM user_session s"
	    " JOIN user u ON u.id = s.user_id"
	    " JOIN organization o ON o.id = u.organization_id"
	    " WHERE s.jti = ?",
	    P(0) },
	[ST_SESSION_DELETE] = { "ST_SESSION_DELETE",
	    "DELETE FROM user_session WHERE jti = ?",
	    P(0) },
	[ST_SESSION_DELETE_USER] = { "ST_SESSION_DELETE_USER",
	    "DELETE FROM user_session WHERE user_id = ?" },
	[ST_SESSION_DELETE_OTHERS] = { "ST_SESSION_DELETE_OTHERS",
	    "DELETE FROM user_session WHERE user_id = ? AND jti <> ?",
	    P(1) },
	[ST_SESSION_DELETE_EXPIRED] = { "ST_SESSION_DELETE_EXPIRED",
	    "DELETE FROM user_session WHERE user_id = ? AND expires_at <= ?" },
	[ST_SESSION_DELETE_OLDEST] = { "ST_SESSION_DELETE_OLDEST",
	    "DELETE FROM user_session WHERE user_id = ?"
	    " AND client_credential_id IS NULL AND id NOT IN"
	    " (SELECT id FROM (SELECT id FROM user_session WHERE user_id = ?"
	    " AND client_credential_id IS NULL ORDER BY id DESC LIMIT ?) AS keep)" },
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
	/* The unfiltered list of one organization (GET /api/device/my):
	 * a plain condition the optimizer can use an index for. */
	[ST_DEVICE_LIST_ORG] = { "ST_DEVICE_LIST_ORG", "SELECT " DEVICE_COLS
	    "WHERE d.organization_id = ?"
	    " ORDER BY d.created_at DESC, d.id DESC LIMIT ? OFFSET ?" },
	[ST_DEVICE_GET] = { "ST_DEVICE_GET", "SELECT " DEVICE_COLS "WHERE d.id = ?" },
	[ST_DEVICE_GET_LOCK] = { "ST_DEVICE_GET_LOCK",
	    "SELECT " DEVICE_COLS "WHERE d.id = ? FOR UPDATE" },
	[ST_DEVICE_BY_EXT] = { "ST_DEVICE_BY_EXT", "SELECT " DEVICE_COLS
	    "WHERE d.organization_id = ? AND d.external_id = ?",
	    P(4) },
	[ST_DEVICE_BY_EXT_LOCK] = { "ST_DEVICE_BY_EXT_LOCK", "SELECT " DEVICE_COLS
	    "WHERE d.organization_id = ? AND d.external_id = ? FOR UPDATE",
	    P(4) },
	[ST_DEVICE_BY_UUID] = { "ST_DEVICE_BY_UUID", "SELECT " DEVICE_COLS
	    "WHERE d.internal_external_id = ?",
	    P(3) },
	[ST_DEVICE_BY_UUID_LOCK] = { "ST_DEVICE_BY_UUID_LOCK", "SELECT " DEVICE_COLS
	    "WHERE d.internal_external_id = ? FOR UPDATE",
	    P(3) },
	[ST_DEVICE_INSERT] = { "ST_DEVICE_INSERT", "INSERT INTO device SET"
	    " internal_external_id = ?, organization_id = ?, created_at = ?,"
	    DEVICE_SET },
	[ST_DEVICE_UPDATE] = { "ST_DEVICE_UPDATE", "UPDATE device SET"
	    " row_version = row_version + 1," DEVICE_SET " WHERE id = ?" },
	[ST_DEVICE_DEL_READS] = { "ST_DEVICE_DEL_READS",
	    "DELETE FROM meter_read WHERE device_id = ?" },
	[ST_DEVICE_DEL_BATCHES] = { "ST_DEVICE_DEL_BATCHES",
	    "DELETE FROM meter_read_batch WHERE device_id = ?" },
	[ST_DEVICE_DEL_MEMBERS] = { "ST_DEVICE_DEL_MEMBERS",
	    "DELETE FROM reservation_device WHERE device_id = ?" },
	[ST_DEVICE_DELETE] = { "ST_DEVICE_DELETE", "DELETE FROM device WHERE id = ?" },
	[ST_DEVICE_HELD] = { "ST_DEVICE_HELD",
	    "SELECT 1 FROM reservation_device rd JOIN reservation r"
	    " ON r.id = rd.reservation_id WHERE rd.device_id = ?"
	    " AND rd.member_from < rd.member_to AND (r.status = 'active'"
	    " OR (r.status = 'ended' AND r.closed_at IS NULL)) LIMIT 1" },
	[ST_DEVICE_HAS_READS] = { "ST_DEVICE_HAS_READS",
	    "SELECT 1 FROM meter_read WHERE device_id = ? LIMIT 1" },
	[ST_DEVICE_HAS_CERT] = { "ST_DEVICE_HAS_CERT",
	    "SELECT 1 FROM meter_read WHERE device_id = ?"
	    " AND certificate_id IS NOT NULL LIMIT 1" },
	[ST_DEVICE_HAS_CERT_LOCK] = { "ST_DEVICE_HAS_CERT_LOCK",
	    "SELECT COUNT(certificate_id) FROM meter_read WHERE device_id = ?"
	    " FOR UPDATE" },
	[ST_DEVICE_BUYER_VISIBLE] = { "ST_DEVICE_BUYER_VISIBLE",
	    "SELECT 1 FROM device d WHERE d.id = ? AND (NOT EXISTS"
	    " (SELECT 1 FROM reservation_device rc WHERE rc.device_id = d.id"
	    " AND rc.member_from <= ? AND rc.member_to > ?) OR EXISTS"
	    " (SELECT 1 FROM reservation_device rm JOIN reservation r"
	    " ON r.id = rm.reservation_id WHERE rm.device_id = d.id"
	    " AND rm.member_from < rm.member_to AND r.organization_id = ?))" },
	[ST_DEVICE_EXT_TAKEN] = { "ST_DEVICE_EXT_TAKEN",
	    "SELECT id FROM device WHERE organization_id = ? AND external_id = ?",
	    P(1) },
	[ST_DEVICE_BUMP] = { "ST_DEVICE_BUMP",
	    "UPDATE device SET row_version = row_version + 1 WHERE id = ?" },
	[ST_DEVICE_SET_READ_TYPE] = { "ST_DEVICE_SET_READ_TYPE",
	    "UPDATE device SET meter_read_type = ? WHERE id = ?"
	    " AND meter_read_type IS NULL" },
	[ST_DEVICE_BUYER_MEMBER] = { "ST_DEVICE_BUYER_MEMBER",
	    "SELECT 1 FROM reservation_device rm JOIN reservation r"
	    " ON r.id = rm.reservation_id WHERE rm.device_id = ?"
	    " AND rm.member_from < rm.member_to AND r.organization_id = ? LIMIT 1" },
	[ST_READ_PREV] = { "ST_READ_PREV",
	    "SELECT end_ts, counter_wh FROM meter_read WHERE device_id = ?"
	    " AND ongoing_end_ts IS NOT NULL ORDER BY ongoing_end_ts DESC LIMIT 1" },
	[ST_READ_HISTORY_NEAR] = { "ST_READ_HISTORY_NEAR",
	    "SELECT start_ts, end_ts FROM meter_read WHERE device_id = ?"
	    " AND read_type = 'History' AND start_ts < ? AND end_ts > ?"
	    " ORDER BY start_ts" },
	[ST_BATCH_BY_KEY] = { "ST_BATCH_BY_KEY",
	    "SELECT id, fingerprint = ?, response, created_at FROM meter_read_batch"
	    " WHERE idem_user_id = ? AND idem_key = ?",
	    P(2) },
	[ST_BATCH_BY_TOKEN] = { "ST_BATCH_BY_TOKEN",
	    "SELECT response FROM meter_read_batch WHERE token = ?" },
	[ST_BATCH_CLEAR_KEY] = { "ST_BATCH_CLEAR_KEY",
	    "UPDATE meter_read_batch SET idem_key = NULL WHERE id = ?" },
	[ST_BATCH_INSERT] = { "ST_BATCH_INSERT",
	    "INSERT INTO meter_read_batch (token, device_id, user_id, idem_key,"
	    " fingerprint, response, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)" },
	[ST_READS_RANGE] = { "ST_READS_RANGE",
	    "SELECT end_ts, energy_wh FROM meter_read WHERE device_id = ?"
	    " AND end_ts >= ? AND end_ts <= ? AND is_baseline = 0"
	    " ORDER BY end_ts, id LIMIT ? OFFSET ?" },
	[ST_READS_HISTORY_PAGE] = { "ST_READS_HISTORY_PAGE",
	    "SELECT start_ts, end_ts, energy_wh FROM meter_read WHERE device_id = ?"
	    " AND read_type = 'History' AND start_ts <= ? AND end_ts >= ?"
	    " ORDER BY start_ts, id LIMIT ? OFFSET ?" },
	[ST_READS_HISTORY_COUNT] = { "ST_READS_HISTORY_COUNT",
	    "SELECT COUNT(*) FROM meter_read WHERE device_id = ?"
	    " AND read_type = 'History' AND start_ts <= ? AND end_ts >= ?" },
	[ST_READS_ONGOING_PAGE] = { "ST_READS_ONGOING_PAGE",
	    "SELECT start_ts, end_ts, energy_wh FROM meter_read WHERE device_id = ?"
	    " AND ongoing_end_ts >= ? AND ongoing_end_ts <= ? AND is_baseline = 0"
	    " ORDER BY ongoing_end_ts, id LIMIT ? OFFSET ?" },
	[ST_READS_ONGOING_COUNT] = { "ST_READS_ONGOING_COUNT",
	    "SELECT COUNT(*) FROM meter_read WHERE device_id = ?"
	    " AND ongoing_end_ts >= ? AND ongoing_end_ts <= ? AND is_baseline = 0" },
	[ST_READS_ENERGY_SPAN] = { "ST_READS_ENERGY_SPAN",
	    "SELECT end_ts, energy_wh FROM meter_read WHERE device_id = ?"
	    " AND end_ts >= ? AND end_ts < ? AND is_baseline = 0 ORDER BY end_ts" },
	[ST_READ_LATEST] = { "ST_READ_LATEST",
	    "SELECT end_ts, energy_wh FROM meter_read WHERE device_id = ?"
	    " AND ongoing_end_ts IS NOT NULL AND is_baseline = 0"
	    " ORDER BY ongoing_end_ts DESC LIMIT 1" },
#include "db/stmt_reservations.inc"
#include "db/stmt_certificates.inc"
#include "db/stmt_integrators.inc"
#include "db/stmt_accounts.inc"
#include "db/stmt_clients.inc"
};

/*
 * Bulk statements, built once: multi-row read inserts (meter-reads.md §2:
 * no per-read round trip), id IN-lists for certifying reads
 * (certificates.md §6) and multi-row certificate_device inserts (one
 * statement per certificate, not one per device).  Each family has sizes 1, 10, 100 and 1000.
 */
struct bulk_family {
	enum stmt_id	 first;		/* the 1-row id; the next three follow */
	const char	*name;
	const char	*head;
	const char	*row;
	const char	*tail;
};

static const struct bulk_family families[] = {
	{ ST_READ_INSERT_1, "ST_READ_INSERT_N",
	    "INSERT INTO meter_read (device_id, batch_id, read_type, start_ts,"
	    " end_ts, energy_wh, counter_wh, is_baseline, created_at) VALUES ",
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?)", "" },
	{ ST_CERT_READS_LOCK_1, "ST_CERT_READS_LOCK_N",
	    "SELECT id FROM meter_read WHERE certificate_id IS NULL AND id IN (",
	    "?", ") FOR UPDATE" },
	{ ST_CERT_READS_MARK_1, "ST_CERT_READS_MARK_N",
	    "UPDATE meter_read SET certificate_id = ? WHERE certificate_id IS"
	    " NULL AND id IN (", "?", ")" },
	{ ST_ITEM_INSERT_1, "ST_ITEM_INSERT_N",
	    "INSERT INTO bulk_job_item (job_id, seq, first_row, last_row,"
	    " external_id, input) VALUES ", "(?, ?, ?, ?, ?, ?)", "" },
	/* Item results of a chunk in one statement: every item exists, so
	 * each row updates (input '' is never written). */
	{ ST_ITEM_RESULT_1, "ST_ITEM_RESULT_N",
	    "INSERT INTO bulk_job_item (id, job_id, seq, first_row, last_row,"
	    " input, status, device_id, result) VALUES ",
	    "(?, 0, 0, 0, 0, '', ?, ?, ?)",
	    " ON DUPLICATE KEY UPDATE status = VALUES(status),"
	    " device_id = VALUES(device_id), result = VALUES(result)" },
	{ ST_CERT_DEVICE_INSERT_1, "ST_CERT_DEVICE_INSERT_N",
	    "INSERT INTO certificate_device (certificate_id, device_id,"
	    " external_id, internal_external_id, read_count, wh, start_ts,"
	    " end_ts) VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?)", "" },
};
#define NFAMILIES (NELEM(families))

static const int	 bulk_rows[4] = { 1, 10, 100, 1000 };
static char		*bulk_sql[NFAMILIES][4];
static pthread_once_t	 bulk_once = PTHREAD_ONCE_INIT;

static void
bulk_build(void)
{
	const struct bulk_family *f;
	size_t	i, n, len, k;
	int	j;

	for (k = 0; k < NFAMILIES; k++) {
		f = &families[k];
		for (j = 0; j < 4; j++) {
			n = (size_t)bulk_rows[j];
			len = strlen(f->head) + n * (strlen(f->row) + 2) +
			    strlen(f->tail) + 1;
			if ((bulk_sql[k][j] = malloc(len)) == NULL)
				abort();
			strcpy(bulk_sql[k][j], f->head);
			for (i = 0; i < n; i++) {
				if (i > 0)
					strcat(bulk_sql[k][j], ",");
				strcat(bulk_sql[k][j], f->row);
			}
			strcat(bulk_sql[k][j], f->tail);
		}
	}
}

/* The family of a bulk statement id, or NULL. */
static const struct bulk_family *
family_of(enum stmt_id id, int *size)
{
	size_t k;

	for (k = 0; k < NFAMILIES; k++)
		if (id >= families[k].first && id <= families[k].first + 3) {
			*size = (int)(id - families[k].first);
			return &families[k];
		}
	return NULL;
}

const char *
db_stmt_sql(enum stmt_id id)
{
	const struct bulk_family	*f;
	int				 j;

	if ((f = family_of(id, &j)) != NULL) {
		pthread_once(&bulk_once, bulk_build);
		return bulk_sql[f - families][j];
	}
	return (id >= 0 && id < STMT__MAX) ? stmts[id].sql : "";
}

const char *
db_stmt_name(enum stmt_id id)
{
	const struct bulk_family	*f;
	int				 j;

	if ((f = family_of(id, &j)) != NULL)
		return f->name;
	return (id >= 0 && id < STMT__MAX) ? stmts[id].name : "?";
}

uint64_t
db_stmt_ascii_keys(enum stmt_id id)
{
	int j;

	if (family_of(id, &j) != NULL)
		return 0;
	return (id >= 0 && id < STMT__MAX) ? stmts[id].ascii : 0;
}

int
db_stmt_bulk_rows(enum stmt_id id)
{
	int j;

	return family_of(id, &j) != NULL ? bulk_rows[j] : 0;
}

const char *
db_stmt_device_cols(void)
{
	return DEVICE_COLS;
}
