/*
 * POST /api/meter-reads/bulk-upload and /api/device/bulk-upload
 * (integrators.md §5.1-5.4): checks in §5.1's order, the CSV parsed at
 * once into items (a device row each; a device's reads grouped in file
 * order), then one transaction for idempotency, the open-job limit and
 * the job with its items.  202 means the job is durable.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/tz.h"
#include "crypto/crypto.h"
#include "domain/bulk_cols.h"
#include "domain/csv.h"
#include "domain/reads.h"
#include "domain/user_rules.h"
#include "api/api.h"
#include "api/bulk.h"
#include "api/inputs.h"
#include "api/bulk_parse.h"


/* SHA-256 hex of method, path, the sorted query and the body (§1.10). */
static void
fingerprint(struct api_call *c, char hex[65])
{
	struct strbuf	sb;
	unsigned char	sum[32];

	strbuf_init_arena(&sb, c->a);
	strbuf_puts(&sb, c->req->path);
	strbuf_putc(&sb, '\0');
	strbuf_puts(&sb, c->req->query ? c->req->query : "");
	strbuf_putc(&sb, '\0');
	strbuf_append(&sb, c->raw_body ? c->raw_body : "", c->raw_len);
	crypto_sha256(sb.buf, sb.len, sum);
	crypto_hex(sum, 32, hex);
}

/* api_bulk_write_job's arguments, for its transaction. */
struct job_write {
	struct upload		*u;
	struct db_job_new	*j;
	int64_t			*id;
	enum ecode		*code;
	int			*replay;
	const char		*delete_file;
};

/* The transaction of §5.1; a replay only reads (its commit is a no-op). */
static enum err
write_job_tx(struct api_call *c, void *arg)
{
	struct job_write	*w = arg;
	struct upload		*u = w->u;
	struct db_job_new	*j = w->j;
	int64_t			*id = w->id;
	struct db_item_new	*it;
	const char		*fp;
	int64_t			 created, n;
	size_t			 i;
	enum err		 e;

	*w->code = E_NONE;
	*w->replay = 0;
	if (j->idem_key != NULL) {
		e = db_job_by_idem(c->db, c->a, c->user.id, j->idem_key, id, &fp,
		    &created);
		if (e == ERR_OK && created > c->now -
		    c->ctx->cfg->idempotency_ttl_s * 1000) {
			if (fp != NULL && strcasecmp(fp, j->fingerprint_hex) == 0) {
				*w->replay = 1;
				return ERR_OK;
			}
			*w->code = E_IDEMPOTENCY_KEY_REUSED;
			return ERR_CONFLICT;
		}
		if (e == ERR_OK)
			e = db_job_clear_idem(c->db, *id);
		if (e != ERR_OK && e != ERR_NOTFOUND)
			return e;
	}
	if ((e = db_job_open_count(c->db, j->org_id, &n)) != ERR_OK)
		return e;
	if (n >= c->ctx->cfg->bulk_max_open_jobs) {
		*w->code = E_TOO_MANY_OPEN_JOBS;
		return ERR_CONFLICT;
	}
	if ((e = db_job_insert(c->db, j, c->now, id)) != ERR_OK)
		return e;
	it = arena_alloc(c->a, sizeof(*it) * (u->nitems + 1));
	for (i = 0; i < u->nitems; i++) {
		it[i].seq = (int64_t)i + 1;
		it[i].first_row = u->items[i].first_row;
		it[i].last_row = u->items[i].last_row;
		it[i].external_id = u->items[i].ext;
		it[i].input = u->items[i].in.buf;
		it[i].input_len = u->items[i].in.len;
	}
	if ((e = db_items_insert(c->db, *id, it, u->nitems)) == ERR_OK &&
	    w->delete_file != NULL)
		e = db_file_delete(c->db, w->delete_file);
	return e;
}

enum err
api_bulk_write_job(struct upload *u, struct db_job_new *j, int64_t *id,
    enum ecode *code, int *replay, const char *delete_file)
{
	struct job_write	w = { u, j, id, code, replay, delete_file };

	return api_acct_tx(u->c, write_job_tx, &w);
}

int
api_bulk_write_fail(struct api_call *c, enum err e, enum ecode code, int64_t org,
    const char *key)
{
	if (e == ERR_OK)
		return 0;
	if (e == ERR_CONFLICT && code == E_TOO_MANY_OPEN_JOBS)
		api_failf(c, code, "Organization %lld already has %d "
		    "bulk jobs Added or Running; wait for one to finish",
		    (long long)org, c->ctx->cfg->bulk_max_open_jobs);
	else if (e == ERR_CONFLICT && code != E_NONE)
		api_failf(c, code, "Idempotency-Key \"%s\" was used for a "
		    "different upload", key ? key : "");
	else
		api_db_error(c, e);
	return -1;
}

/* The query of the CSV uploads (§5.1). */
struct upload_q {
	struct jstr	 org_q, file, type, unit, tz;
	int64_t		 org;
	const char	*file_name, *read_type, *read_unit, *read_tz;
	int		 need_start;	/* a History upload */
};

static const struct jfield upload_query[] = {
	{ "organizationId", JT_STRING, 0, offsetof(struct upload_q, org_q),
	    NULL, .doc = "Admin and ApiUser, required: the Developer "
	    "organization (an id); others upload for their own" },
	{ "fileName", JT_STRING, 0, offsetof(struct upload_q, file), NULL,
	    .doc = "The file's name, kept with the job (1-255 characters)" },
	{ "type", JT_STRING, 0, offsetof(struct upload_q, type), NULL,
	    .doc = "Reads, required: History, Delta or Aggregate" },
	{ "unit", JT_STRING, 0, offsetof(struct upload_q, unit), NULL,
	    .doc = "Reads: Wh, kWh, MWh or GWh" },
	{ "timezone", JT_STRING, 0, offsetof(struct upload_q, tz), NULL,
	    .doc = "Reads: the IANA time zone of local timestamps" },
};

/*
 * Query checks of §5.1 (all at once): organizationId for an Admin or an
 * ApiUser, fileName, and for reads type, unit, timezone.
 */
static void
query_checks(struct api_call *c, struct upload_q *q, int reads,
    struct field_errors *fe)
{
	const char	*s = q->org_q.present ? q->org_q.v : NULL;
	int		 k;

	q->org = c->user.org.id;
	if (c->role_bit & (ROLE_ADMIN | ROLE_APIUSER)) {
		if (api_id_text(s, &q->org) != 0)
			http_field_error(c->a, fe, "organizationId", s == NULL ?
			    "required for %s; the id of a Developer organization" :
			    "\"%.32s\" is not allowed; a positive integer",
			    s == NULL ? (c->role_bit & ROLE_ADMIN ? "an Admin" :
			    "ApiUser") : s);
	}
	if ((s = q->file.present ? q->file.v : NULL) != NULL) {
		if (dom_utf8_len(s) > 255)
			http_field_error(c->a, fe, "fileName", "is too long; 1 to 255 "
			    "characters");
		q->file_name = s;
	}
	if (reads) {
		s = q->type.present ? q->type.v : NULL;
		if (s == NULL)
			http_field_error(c->a, fe, "type", "is required; History, "
			    "Delta or Aggregate");
		else if ((k = dom_read_type_parse(s)) < 0)
			http_field_error(c->a, fe, "type", "\"%.32s\" is not allowed; "
			    "History, Delta or Aggregate", s);
		else {
			q->read_type = dom_read_type_name((enum read_type)k);
			q->need_start = k == READ_HISTORY;
		}
		if ((s = q->unit.present ? q->unit.v : NULL) != NULL &&
		    (k = dom_read_unit_parse(s)) < 0)
			http_field_error(c->a, fe, "unit", "\"%.32s\" is not allowed; "
			    "Wh, kWh, MWh or GWh", s);
		q->read_unit = s;
		if ((s = q->tz.present ? q->tz.v : NULL) != NULL &&
		    tz_get(s) == NULL)
			http_field_error(c->a, fe, "timezone", "\"%.64s\" is not a "
			    "known IANA time zone", s);
		q->read_tz = s;
	}
}

static int
reads_query(struct api_call *c, void *in, struct field_errors *fe)
{
	query_checks(c, in, 1, fe);
	return 0;
}

static int
devices_query(struct api_call *c, void *in, struct field_errors *fe)
{
	query_checks(c, in, 0, fe);
	return 0;
}

const struct api_input api_in_bulk_reads_upload = {
	.size = sizeof(struct upload_q),
	.query = JTABLE(upload_query, struct upload_q),
	.code = E_INVALID_QUERY,
	.check = reads_query,
	.doc = "Uploads meter reads as CSV (a job)",
};

const struct api_input api_in_bulk_devices_upload = {
	.size = sizeof(struct upload_q),
	.query = JTABLE(upload_query, struct upload_q),
	.code = E_INVALID_QUERY,
	.check = devices_query,
	.doc = "Uploads devices as CSV (a job)",
};

/* The organization step (§4.2 for an ApiUser, Admin's CONVENTIONS §4). */
static int
org_check(struct api_call *c, int64_t org)
{
	char s[24];

	if (c->role_bit & ROLE_ADMIN)
		return api_org_of_type(c, org, "Developer",
		    E_ORGANIZATION_NOT_DEVELOPER);
	if (c->role_bit & ROLE_APIUSER) {
		snprintf(s, sizeof(s), "%lld", (long long)org);
		return api_apiuser_named(c, s, "organizationId",
		    E_INVALID_QUERY, "Developer");
	}
	return 0;
}

static void
upload(struct api_call *c, enum bulk_kind kind)
{
	const struct upload_q	*q = c->in;
	struct upload		 u;
	struct db_job_new	 j;
	const char		*key;
	enum ecode		 code;
	char			 fp[65];
	int64_t			 org = q->org, id = 0;
	enum err		 e = ERR_DB;
	int			 t, replay = 0, apiuser = c->role_bit & ROLE_APIUSER;

	memset(&u, 0, sizeof(u));
	memset(&j, 0, sizeof(j));
	u.c = c;
	u.kind = kind;
	u.max_rows = kind == BULK_READS ? c->ctx->cfg->bulk_reads_max_rows :
	    c->ctx->cfg->bulk_max_rows;
	j.file_name = q->file_name;
	j.read_type = q->read_type;
	j.read_unit = q->read_unit;
	j.read_timezone = q->read_tz;
	u.need_start = q->need_start;
	if (api_idem_key(c, &key) != 0 ||
	    api_bulk_parse_csv(&u, c->raw_body, c->raw_len) != 0 || org_check(c, org) != 0)
		goto out;
	if (apiuser)	/* api_apiuser_named acted as O */
		org = c->user.org.id;
	if (kind == BULK_READS)
		for (t = 0; t < (int)u.nitems; t++)
			strbuf_putc(&u.items[t].in, ']');
	fingerprint(c, fp);
	j.kind = kind == BULK_READS ? "reads" : "devices";
	j.org_id = org;
	j.user_id = c->user.id;
	j.columns_csv = u.cols;
	j.rows = u.rows;
	j.items = (int64_t)u.nitems;
	j.idem_key = key;
	j.fingerprint_hex = key ? fp : NULL;
	e = api_bulk_write_job(&u, &j, &id, &code, &replay, NULL);
	if (api_bulk_write_fail(c, e, code, org, key) == 0)
		api_bulk_reply_job(c, 202, id, replay);
out:
	api_bulk_upload_cleanup(&u);
}

void
api_bulk_reads_upload(struct api_call *c)
{
	upload(c, BULK_READS);
}

void
api_bulk_devices_upload(struct api_call *c)
{
	upload(c, BULK_DEVICES);
}
