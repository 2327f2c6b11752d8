/*
 * POST /api/meter-reads/bulk-upload and /api/device/bulk-upload
 * (integrators.md §5.1-5.4): checks in §5.1's order, the CSV parsed at
 * once into items (a device row each; a device's reads grouped in file
 * order), then one transaction for idempotency, the open-job limit and
 * the job with its items.  202 means the job is durable.
 */
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

#define TRIES 3

struct item {
	char		*key;		/* hashed: the externalId, or a row key */
	char		*ext;		/* as in the file (first row), or NULL */
	int		 first_row, last_row;
	struct strbuf	 in;		/* JSON input */
	int		 n;
};

struct upload {
	struct api_call	*c;
	enum bulk_kind	 kind;
	int		 map[CSV_MAX_FIELDS];
	int		 need_start;
	int		 max_rows, rows;
	const char	*code;		/* the CSV failure, when one */
	int		 err_row;
	char		 msg[700];
	struct item	*items;
	size_t		 nitems, cap;
	int		*slots;		/* hash of lower(ext) → item + 1 */
	size_t		 nslots;
	char		 cols[1000];	/* columns_csv */
};

static uint32_t
hash_ci(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch >= 'A' && ch <= 'Z')
			ch += 32;
		h = (h ^ ch) * 16777619u;
	}
	return h;
}

/* The item of ext (ignoring case), or a new one; NULL on no memory. */
static struct item *
item_for(struct upload *u, const char *ext, int row, int *is_new)
{
	size_t	i, k;
	int	*ns;

	if (u->nitems * 2 >= u->nslots) {
		k = u->nslots ? u->nslots * 2 : 1024;
		if ((ns = calloc(k, sizeof(*ns))) == NULL)
			return NULL;
		for (i = 0; i < u->nitems; i++) {
			size_t h = hash_ci(u->items[i].key) & (k - 1);

			while (ns[h] != 0)
				h = (h + 1) & (k - 1);
			ns[h] = (int)i + 1;
		}
		free(u->slots);
		u->slots = ns;
		u->nslots = k;
	}
	for (i = hash_ci(ext) & (u->nslots - 1); u->slots[i] != 0;
	    i = (i + 1) & (u->nslots - 1))
		if (strcasecmp(u->items[u->slots[i] - 1].key, ext) == 0) {
			*is_new = 0;
			return &u->items[u->slots[i] - 1];
		}
	if (u->nitems == u->cap) {
		struct item *ni;

		k = u->cap ? u->cap * 2 : 256;
		if ((ni = realloc(u->items, k * sizeof(*ni))) == NULL)
			return NULL;
		u->items = ni;
		u->cap = k;
	}
	u->slots[i] = (int)u->nitems + 1;
	memset(&u->items[u->nitems], 0, sizeof(struct item));
	u->items[u->nitems].key = arena_strdup(u->c->a, ext);
	u->items[u->nitems].ext = u->items[u->nitems].key;
	u->items[u->nitems].first_row = row;
	strbuf_init(&u->items[u->nitems].in);
	*is_new = 1;
	return &u->items[u->nitems++];
}

static void
upload_cleanup(struct upload *u)
{
	size_t i;

	for (i = 0; i < u->nitems; i++)
		strbuf_cleanup(&u->items[i].in);
	free(u->items);
	free(u->slots);
}

/* The header (row 1): columns. */
static int
on_header(struct upload *u, char **f, int nf)
{
	size_t	o = 0;
	int	i;

	if ((u->code = dom_bulk_header(u->kind, f, nf, u->map, u->need_start,
	    u->msg, sizeof(u->msg))) != NULL) {
		u->err_row = 1;
		return -1;
	}
	for (i = 0; i < nf && o < sizeof(u->cols); i++)
		o += (size_t)snprintf(u->cols + o, sizeof(u->cols) - o, "%s%s",
		    i ? "," : "", dom_bulk_col_name(u->kind, u->map[i]));
	return 0;
}

/* A read row: [row, end, value, start, unit] into its device's item. */
static int
on_read(struct upload *u, int row, char **f, int nf)
{
	const char	*cell[RC__N] = { NULL };
	struct item	*it;
	struct jw	 w;
	int		 i, is_new;

	for (i = 0; i < nf; i++)
		cell[u->map[i]] = f[i][0] != '\0' ? f[i] : NULL;
	if (cell[RC_EXTERNAL_ID] == NULL) {
		u->code = "CSV_MALFORMED";
		u->err_row = row;
		snprintf(u->msg, sizeof(u->msg), "row %d has no externalId", row);
		return -1;
	}
	if ((it = item_for(u, cell[RC_EXTERNAL_ID], row, &is_new)) == NULL)
		return -1;
	jw_init(&w, &it->in);
	strbuf_putc(&it->in, is_new ? '[' : ',');
	jw_arr_open(&w);
	jw_int(&w, row);
	for (i = RC_END; i < RC__N; i++)
		jw_str(&w, cell[i]);
	jw_arr_close(&w);
	it->last_row = row;
	it->n++;
	return 0;
}

/* A device row: {"_row": r, "<column>": "<cell>", ...}; "_dup": earlier. */
static int
on_device(struct upload *u, int row, char **f, int nf)
{
	struct item	*it, *first;
	struct jw	 w;
	const char	*ext = NULL;
	char		 key[32];
	int		 i, is_new;

	for (i = 0; i < nf; i++)
		if (u->map[i] == 0 && f[i][0] != '\0')
			ext = f[i];
	/* No externalId: an item of its own, judged by the job. */
	snprintf(key, sizeof(key), "\x01row%d", row);
	if ((first = item_for(u, ext ? ext : key, row, &is_new)) == NULL)
		return -1;
	it = first;
	if (!is_new) {
		/* A duplicate: an item of its own keyed by its row. */
		if ((it = item_for(u, key, row, &is_new)) == NULL)
			return -1;
		it->ext = arena_strdup(u->c->a, ext);
	}
	jw_init(&w, &it->in);
	jw_obj_open(&w);
	jw_key(&w, "_row");
	jw_int(&w, row);
	if (it != first) {
		jw_key(&w, "_dup");
		jw_int(&w, first->first_row);
	}
	for (i = 0; i < nf; i++)
		if (f[i][0] != '\0') {
			jw_key(&w, dom_bulk_col_name(BULK_DEVICES, u->map[i]));
			jw_str(&w, f[i]);
		}
	jw_obj_close(&w);
	it->last_row = row;
	it->n = 1;
	if (ext == NULL)
		it->ext = NULL;
	return 0;
}

static int
on_record(void *ctx, int row, char **f, int nf)
{
	struct upload *u = ctx;

	if (row == 1)
		return on_header(u, f, nf);
	if (++u->rows > u->max_rows) {
		u->code = "CSV_TOO_MANY_ROWS";
		u->err_row = row;
		snprintf(u->msg, sizeof(u->msg), "the file has more than %d data "
		    "rows; split it", u->max_rows);
		return -1;
	}
	return u->kind == BULK_READS ? on_read(u, row, f, nf) :
	    on_device(u, row, f, nf);
}

/* 400 with the CSV failure, details.row when one. */
static void
csv_fail(struct api_call *c, const char *code, int row, const char *msg)
{
	struct strbuf	sb;
	struct jw	w;
	char		m[900];

	if (row > 0)
		snprintf(m, sizeof(m), "row %d: %s", row, msg);
	else
		snprintf(m, sizeof(m), "%s", msg);
	strbuf_init(&sb);
	jw_init(&w, &sb);
	api_envelope_open(&w, 400, code);
	jw_key(&w, "message");
	jw_str(&w, m);
	if (row > 0) {
		jw_key(&w, "details");
		jw_obj_open(&w);
		jw_key(&w, "row");
		jw_int(&w, row);
		jw_obj_close(&w);
	}
	jw_obj_close(&w);
	api_json(c, 400, &sb);
	strbuf_cleanup(&sb);
}

/* Parses the body; 0, or answered 400 and -1. */
static int
parse_csv(struct upload *u)
{
	struct api_call		*c = u->c;
	struct csv_error	 e;
	enum csv_status		 st;
	char			*buf;
	int			 n;

	buf = arena_alloc(c->a, c->raw_len + 1);
	memcpy(buf, c->raw_body ? c->raw_body : "", c->raw_len);
	st = dom_csv_parse(buf, c->raw_len, on_record, u, &e, &n);
	if (st == CSV_OK)
		return 0;
	if (st == CSV_STOPPED && u->code != NULL)
		csv_fail(c, u->code, u->err_row, u->msg);
	else if (st == CSV_STOPPED)
		api_db_error(c, ERR_NOMEM);
	else
		csv_fail(c, st == CSV_ENCODING ? "CSV_INVALID_ENCODING" :
		    st == CSV_SYNTAX ? "CSV_MALFORMED" : "CSV_EMPTY", e.row,
		    st == CSV_ENCODING ? "invalid UTF-8 or a NUL byte; save the "
		    "file as UTF-8" : e.msg);
	return -1;
}

/* SHA-256 hex of method, path, the sorted query and the body (§1.10). */
static void
fingerprint(struct api_call *c, char hex[65])
{
	struct strbuf	sb;
	unsigned char	sum[32];

	strbuf_init(&sb);
	strbuf_puts(&sb, c->req->path);
	strbuf_putc(&sb, '\0');
	strbuf_puts(&sb, c->req->query ? c->req->query : "");
	strbuf_putc(&sb, '\0');
	strbuf_append(&sb, c->raw_body ? c->raw_body : "", c->raw_len);
	crypto_sha256(sb.buf, sb.len, sum);
	crypto_hex(sum, 32, hex);
	strbuf_cleanup(&sb);
}

/* The transaction of §5.1; *replay set when the key answered. */
static enum err
write_job(struct upload *u, struct db_job_new *j, int64_t *id,
    const char **code, int *replay)
{
	struct api_call		*c = u->c;
	struct db_item_new	*it;
	const char		*fp;
	int64_t			 created, n;
	size_t			 i;
	enum err		 e;

	*code = NULL;
	*replay = 0;
	if ((e = db_begin(c->db)) != ERR_OK)
		return e;
	if (j->idem_key != NULL) {
		e = db_job_by_idem(c->db, c->a, c->user.id, j->idem_key, id, &fp,
		    &created);
		if (e == ERR_OK && created > c->now -
		    c->ctx->cfg->idempotency_ttl_s * 1000) {
			db_rollback(c->db);
			if (fp != NULL && strcasecmp(fp, j->fingerprint_hex) == 0) {
				*replay = 1;
				return ERR_OK;
			}
			*code = "IDEMPOTENCY_KEY_REUSED";
			return ERR_CONFLICT;
		}
		if (e == ERR_OK)
			e = db_job_clear_idem(c->db, *id);
		if (e != ERR_OK && e != ERR_NOTFOUND)
			goto out;
	}
	if ((e = db_job_open_count(c->db, j->org_id, &n)) != ERR_OK)
		goto out;
	if (n >= c->ctx->cfg->bulk_max_open_jobs) {
		*code = "TOO_MANY_OPEN_JOBS";
		e = ERR_CONFLICT;
		goto out;
	}
	if ((e = db_job_insert(c->db, j, c->now, id)) != ERR_OK)
		goto out;
	it = arena_alloc(c->a, sizeof(*it) * (u->nitems + 1));
	for (i = 0; i < u->nitems; i++) {
		it[i].seq = (int64_t)i + 1;
		it[i].first_row = u->items[i].first_row;
		it[i].last_row = u->items[i].last_row;
		it[i].external_id = u->items[i].ext;
		it[i].input = u->items[i].in.buf;
		it[i].input_len = u->items[i].in.len;
	}
	if ((e = db_items_insert(c->db, *id, it, u->nitems)) == ERR_OK)
		e = db_commit(c->db);
out:
	if (e != ERR_OK)
		db_rollback(c->db);
	return e;
}

/* The Idempotency-Key header: 0 (absent or set), -1 answered. */
static int
idem_key(struct api_call *c, const char **key)
{
	const char	*k = http_param(c->req, "HTTP_IDEMPOTENCY_KEY");
	size_t		 i, n;

	*key = NULL;
	if (k == NULL)
		return 0;
	n = strlen(k);
	for (i = 0; i < n; i++)
		if ((unsigned char)k[i] < 0x21 || (unsigned char)k[i] > 0x7e)
			break;
	if (n < 1 || n > 128 || i < n) {
		api_error(c, 400, "INVALID_IDEMPOTENCY_KEY", "Idempotency-Key "
		    "must be 1-128 printable ASCII characters");
		return -1;
	}
	*key = k;
	return 0;
}

/*
 * Query checks of §5.1 (all at once): organizationId for an Admin or an
 * ApiUser, fileName, and for reads type, unit, timezone.
 */
static int
query_checks(struct upload *u, struct db_job_new *j, int64_t *org)
{
	struct api_call		*c = u->c;
	struct field_errors	 fe = { 0 };
	const char		*s;
	int			 k;

	*org = c->user.org.id;
	s = api_query(c, "organizationId");
	if (c->role_bit & (ROLE_ADMIN | ROLE_APIUSER)) {
		if (api_id_text(s, org) != 0)
			field_error(c->a, &fe, "organizationId", s == NULL ?
			    "required for %s; the id of a Developer organization" :
			    "\"%.32s\" is not allowed; a positive integer",
			    s == NULL ? (c->role_bit & ROLE_ADMIN ? "an Admin" :
			    "ApiUser") : s);
	}
	if ((s = api_query(c, "fileName")) != NULL) {
		if (dom_utf8_len(s) > 255)
			field_error(c->a, &fe, "fileName", "is too long; 1 to 255 "
			    "characters");
		j->file_name = s;
	}
	if (u->kind == BULK_READS) {
		s = api_query(c, "type");
		if (s == NULL || (k = dom_read_type_parse(s)) < 0)
			field_error(c->a, &fe, "type", "%s%.32s%s is not allowed; "
			    "History, Delta or Aggregate", s ? "\"" : "",
			    s ? s : "absent", s ? "\"" : "");
		else {
			j->read_type = dom_read_type_name((enum read_type)k);
			u->need_start = k == READ_HISTORY;
		}
		if ((s = api_query(c, "unit")) != NULL &&
		    (k = dom_read_unit_parse(s)) < 0)
			field_error(c->a, &fe, "unit", "\"%.32s\" is not allowed; "
			    "Wh, kWh, MWh or GWh", s);
		j->read_unit = s;
		if ((s = api_query(c, "timezone")) != NULL && tz_get(s) == NULL)
			field_error(c->a, &fe, "timezone", "\"%.64s\" is not a "
			    "known IANA time zone", s);
		j->read_timezone = s;
	}
	if (fe.n > 0) {
		api_field_errors(c, "INVALID_QUERY", &fe);
		return -1;
	}
	return 0;
}

/* The organization step (§4.2 for an ApiUser, Admin's CONVENTIONS §4). */
static int
org_check(struct api_call *c, int64_t org)
{
	char s[24];

	if (c->role_bit & ROLE_ADMIN)
		return api_org_of_type(c, org, "Developer",
		    "ORGANIZATION_NOT_DEVELOPER");
	if (c->role_bit & ROLE_APIUSER) {
		snprintf(s, sizeof(s), "%lld", (long long)org);
		return api_apiuser_named(c, s, "organizationId",
		    "INVALID_QUERY", "Developer");
	}
	return 0;
}

static void
upload(struct api_call *c, enum bulk_kind kind)
{
	struct upload		 u;
	struct db_job_new	 j;
	const char		*key, *code;
	char			 fp[65];
	int64_t			 org, id = 0;
	enum err		 e = ERR_DB;
	int			 t, replay = 0, apiuser = c->role_bit & ROLE_APIUSER;

	memset(&u, 0, sizeof(u));
	memset(&j, 0, sizeof(j));
	u.c = c;
	u.kind = kind;
	u.max_rows = kind == BULK_READS ? c->ctx->cfg->bulk_reads_max_rows :
	    c->ctx->cfg->bulk_max_rows;
	if (query_checks(&u, &j, &org) != 0 || idem_key(c, &key) != 0 ||
	    parse_csv(&u) != 0 || org_check(c, org) != 0)
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
	for (t = 0; t < TRIES; t++)
		if ((e = write_job(&u, &j, &id, &code, &replay)) != ERR_DEADLOCK)
			break;
	if (e == ERR_CONFLICT && code != NULL && strcmp(code,
	    "TOO_MANY_OPEN_JOBS") == 0)
		api_error(c, 409, code, "Organization %lld already has %d "
		    "bulk jobs Added or Running; wait for one to finish",
		    (long long)org, c->ctx->cfg->bulk_max_open_jobs);
	else if (e == ERR_CONFLICT && code != NULL)
		api_error(c, 409, code, "Idempotency-Key \"%s\" was used for a "
		    "different upload", key);
	else if (e != ERR_OK)
		api_db_error(c, e);
	else
		bulk_reply_job(c, 202, id, replay);
out:
	upload_cleanup(&u);
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
