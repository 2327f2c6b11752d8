/*
 * The reference web client's upload flow (integrators.md §5.6): files
 * kept unparsed (POST /api/file), a device job started by file id, the
 * organization's CSV jobs and a job's status in the client's shapes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "crypto/crypto.h"
#include "domain/scopes.h"
#include "http/multipart.h"
#include "api/api.h"
#include "api/inputs.h"
#include "api/bulk.h"
#include "api/bulk_parse.h"

#define MAX_FILES	10
/* The files of one upload (files_tx). */
struct files {
	const struct mp_part	*parts;
	const int		*idx;
	int			 k;
	char			(*ids)[37];	/* out: their new UUIDs */
};

/* Inserts the k upload_file rows, each under a new UUID. */
static enum err
files_tx(struct api_call *c, void *arg)
{
	struct files	*f = arg;
	enum err	 e = ERR_OK;
	int		 i;

	for (i = 0; e == ERR_OK && i < f->k; i++)
		e = crypto_uuid_v4(f->ids[i]) != 0 ? ERR_DB :
		    db_file_insert(c->db, f->ids[i], c->user.id,
		    f->parts[f->idx[i]].filename, f->parts[f->idx[i]].data,
		    f->parts[f->idx[i]].len, c->now);
	return e;
}

void
api_file_upload(struct api_call *c)
{
	struct mp_part		 parts[64];
	struct field_errors	 fe = { 0 };
	struct strbuf		 sb;
	struct jw		 w;
	const char		*why;
	char			 boundary[80], ids[MAX_FILES][37];
	size_t			 n;
	int			 np, i, k = 0, idx[MAX_FILES];
	struct files		 fl;
	enum err		 e;

	if (http_multipart_boundary(c->req->content_type, boundary) != 0) {
		api_failf(c, E_UNSUPPORTED_MEDIA_TYPE, "Content-Type must be "
		    "multipart/form-data with a boundary");
		return;
	}
	if (http_multipart_parse(c->a, boundary, c->raw_body ? c->raw_body :
	    "", c->raw_len, parts, 64, &np, &why) != 0) {
		http_field_error(c->a, &fe, "files", "the multipart body is malformed "
		    "(%s)", why);
		api_fail_fields(c, E_INVALID_FIELD, &fe);
		return;
	}
	for (i = 0; i < np; i++) {
		if (parts[i].name == NULL || strcmp(parts[i].name, "files") != 0)
			continue;
		if (k == MAX_FILES) {
			k++;
			break;
		}
		idx[k++] = i;
	}
	if (k < 1 || k > MAX_FILES) {
		http_field_error(c->a, &fe, "files", "send 1 to %d parts named files",
		    MAX_FILES);
		api_fail_fields(c, E_INVALID_FIELD, &fe);
		return;
	}
	for (i = 0; i < k; i++) {
		const char *f = parts[idx[i]].filename;

		if (f == NULL || (n = strlen(f)) < 4 || n > 255 ||
		    strcasecmp(f + n - 4, ".csv") != 0) {
			api_failf(c, E_UNSUPPORTED_MEDIA_TYPE, "files: \"%.64s\" "
			    "is not a .csv file", f ? f : "");
			return;
		}
	}
	fl.parts = parts;
	fl.idx = idx;
	fl.k = k;
	fl.ids = ids;
	if ((e = api_acct_tx(c, files_tx, &fl)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < k; i++)
		jw_str(&w, ids[i]);
	jw_arr_close(&w);
	api_json(c, 201, &sb);
}

struct process_body {
	struct jstr file;
};

static const char *
c_file(struct arena *a, void *d, void *x)
{
	struct process_body *b = d;
	char *s = arena_strdup(a, b->file.v);

	(void)x;
	if (!api_uuid_text(s))
		return "must be a file id returned by POST /api/file";
	b->file.v = s;
	return NULL;
}

static const struct jfield process_fields[] = {
	{ "fileName", JT_STRING, 1, offsetof(struct process_body, file),
	    c_file, .doc = "A file id returned by POST /api/file (a UUID)" },
};

const struct api_input api_in_file_process = {
	.size = sizeof(struct process_body),
	.body = JTABLE(process_fields, struct process_body),
	.doc = "Starts a device CSV job from an uploaded file",
};

const struct api_input api_in_file_process_admin = {
	.size = sizeof(struct process_body),
	.path_id = "orgId",
	.body = JTABLE(process_fields, struct process_body),
	.doc = "Starts a device CSV job for the organization of the path",
};

/* The 201 of §5.6's process routes. */
static void
reply_process(struct api_call *c, int64_t id)
{
	struct db_job	j;
	struct strbuf	sb;
	struct jw	w;
	enum err	e;

	if ((e = db_job_get(c->db, c->a, id, &j)) != ERR_OK) {
		api_db_error(c, e == ERR_NOTFOUND ? ERR_DB : e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "jobId");
	jw_int(&w, j.id);
	jw_key(&w, "fileId");
	jw_str(&w, j.file_id);
	jw_key(&w, "userId");
	jw_int(&w, j.user_id);
	jw_key(&w, "organizationId");
	jw_int(&w, j.org_id);
	jw_key(&w, "status");
	jw_str(&w, j.status);
	jw_key(&w, "createdAt");
	jw_str(&w, j.created_at);
	jw_key(&w, "updatedAt");
	jw_str(&w, j.updated_at);
	jw_obj_close(&w);
	api_json(c, 201, &sb);
}

/* Both process routes; by_path: the Admin's / ApiUser's :orgId. */
static void
process(struct api_call *c, int by_path)
{
	const struct process_body *b = c->in;
	struct upload		 u;
	struct db_job_new	 j;
	const char		*name, *data;
	enum ecode		 code;
	size_t			 len;
	int64_t			 org = c->user.org.id, created, id = 0;
	enum err		 e;
	int			 replay;

	if (by_path)
		org = c->path_id;
	if (by_path && (c->role_bit & ROLE_ADMIN) && api_org_of_type(c, org,
	    "Developer", E_ORGANIZATION_NOT_DEVELOPER) != 0)
		return;
	if (by_path && c->role_bit == ROLE_APIUSER) {
		if (api_apiuser_named(c, api_param(c, "orgId"), "orgId",
		    E_INVALID_FIELD, "Developer") != 0)
			return;
		org = c->user.org.id;
	}
	e = db_file_get(c->db, c->a, b->file.v, c->user.id, &name, &data, &len,
	    &created);
	if (e == ERR_OK && created <= c->now -
	    c->ctx->cfg->upload_file_ttl_s * 1000)
		e = ERR_NOTFOUND;
	if (e == ERR_NOTFOUND) {
		api_failf(c, E_FILE_NOT_FOUND, "No file %s of yours (files "
		    "are kept %ld s)", b->file.v, c->ctx->cfg->upload_file_ttl_s);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	memset(&u, 0, sizeof(u));
	memset(&j, 0, sizeof(j));
	u.c = c;
	u.kind = BULK_DEVICES;
	u.max_rows = c->ctx->cfg->bulk_max_rows;
	if (api_bulk_parse_csv(&u, data, len) != 0)
		goto out;
	j.kind = "devices";
	j.org_id = org;
	j.user_id = c->user.id;
	j.columns_csv = u.cols;
	j.rows = u.rows;
	j.items = (int64_t)u.nitems;
	j.file_id = b->file.v;
	j.file_name = name;
	e = api_bulk_write_job(&u, &j, &id, &code, &replay, b->file.v);
	if (api_bulk_write_fail(c, e, code, org, NULL) == 0)
		reply_process(c, id);
out:
	api_bulk_upload_cleanup(&u);
}

void
api_file_process(struct api_call *c)
{
	process(c, 0);
}

void
api_file_process_admin(struct api_call *c)
{
	process(c, 1);
}

/* GET .../bulk-upload/get-all-csv-jobs-of-organization's query. */
struct csv_jobs_in {
	struct api_pageq	pq;
	struct jstr		org;
	int64_t			org_id, page, limit;
};

static const struct jfield csv_jobs_query[] = {
	{ "orgId", JT_STRING, 0, offsetof(struct csv_jobs_in, org), NULL,
	    .doc = "Only this organization's jobs (an id); others than Admins "
	    "see their own only" },
	API_QPAGE(struct csv_jobs_in, pq),
	API_QLIMIT(struct csv_jobs_in, pq, "Per page, 1-100 (default 100)"),
};

static int
csv_jobs_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct csv_jobs_in	*q = in;
	const char		*o = q->org.present ? q->org.v : NULL;

	api_paging_of(c, &q->pq, 100, 100, &q->page, &q->limit, fe);
	if (o != NULL && api_id_text(o, &q->org_id) != 0)
		http_field_error(c->a, fe, "orgId", "\"%.32s\" is not allowed; a "
		    "positive integer", o);
	return 0;
}

const struct api_input api_in_csv_jobs = {
	.size = sizeof(struct csv_jobs_in),
	.query = JTABLE(csv_jobs_query, struct csv_jobs_in),
	.code = E_INVALID_QUERY,
	.check = csv_jobs_check,
	.doc = "Lists device CSV jobs",
};

void
api_csv_jobs(struct api_call *c)
{
	const struct csv_jobs_in *q = c->in;
	struct db_job_filter	 f;
	struct db_job		*j;
	struct db_org		 o;
	struct strbuf		 sb;
	struct jw		 w;
	int64_t			 page = q->page, limit = q->limit, total;
	int			 n, i;
	enum err		 e;

	memset(&f, 0, sizeof(f));
	f.org_id = q->org_id;
	f.kind = "devices";
	if (c->role_bit == ROLE_APIUSER) {
		f.managed_by = c->au.id;
		if (!(c->au.granted & SCOPE_DEVICES))
			f.org_id = -1;
	} else if (!(c->role_bit & ROLE_ADMIN))
		f.org_id = (f.org_id == 0 || f.org_id == c->user.org.id) ?
		    c->user.org.id : -1;
	if ((e = db_job_list(c->db, c->a, &f, limit, (page - 1) * limit, &j,
	    &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "csvJobs");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_key(&w, "jobId");
		jw_int(&w, j[i].id);
		jw_key(&w, "fileId");
		jw_str(&w, j[i].file_id ? j[i].file_id : j[i].file_name);
		jw_key(&w, "userId");
		jw_int(&w, j[i].user_id);
		jw_key(&w, "organizationId");
		jw_int(&w, j[i].org_id);
		jw_key(&w, "status");
		jw_str(&w, j[i].status);
		jw_key(&w, "createdAt");
		jw_str(&w, j[i].created_at);
		jw_key(&w, "updatedAt");
		jw_str(&w, j[i].updated_at);
		jw_key(&w, "organization");
		jw_obj_open(&w);
		jw_key(&w, "name");
		jw_str(&w, db_org_by_id(c->db, c->a, j[i].org_id, &o) == ERR_OK ?
		    o.name : NULL);
		jw_obj_close(&w);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	api_page_keys(&w, page, limit, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

/* One errorDetails entry of the client's status view. */
static void
status_entry(struct api_call *c, struct jw *w, const struct db_item *x)
{
	static const char *const st[][2] = { { "Succeeded", "Success" },
	    { "Skipped", "Skipped" }, { "Failed", "Failed" },
	    { "Pending", "Pending" } };
	struct json_object	*res, *errs, *er, *v;
	size_t			 i;
	const char		*s = x->status;

	for (i = 0; i < 4; i++)
		if (strcmp(x->status, st[i][0]) == 0)
			s = st[i][1];
	jw_obj_open(w);
	jw_key(w, "externalId");
	jw_str(w, x->external_id);
	jw_key(w, "rowNumber");
	jw_int(w, x->first_row);
	jw_key(w, "isError");
	jw_bool(w, strcmp(x->status, "Failed") == 0);
	jw_key(w, "errorsList");
	jw_arr_open(w);
	res = x->result ? json_tokener_parse(x->result) : NULL;
	if (res != NULL && json_object_object_get_ex(res, "errors", &errs))
		for (i = 0; i < json_object_array_length(errs); i++) {
			er = json_object_array_get_idx(errs, i);
			jw_obj_open(w);
			jw_key(w, "property");
			jw_str(w, json_object_object_get_ex(er, "field", &v) ?
			    json_object_get_string(v) : NULL);
			jw_key(w, "value");
			jw_null(w);
			jw_key(w, "constraints");
			jw_obj_open(w);
			jw_key(w, json_object_object_get_ex(er, "code", &v) ?
			    json_object_get_string(v) : "INVALID_FIELD");
			jw_str(w, json_object_object_get_ex(er, "message", &v) ?
			    json_object_get_string(v) : "");
			jw_obj_close(w);
			jw_obj_close(w);
		}
	json_object_put(res);
	(void)c;
	jw_arr_close(w);
	jw_key(w, "status");
	jw_str(w, s);
	jw_obj_close(w);
}

void
api_csv_job_status(struct api_call *c)
{
	struct db_job	 j;
	struct db_item	*x;
	struct strbuf	 sb;
	struct jw	 w;
	int64_t		 id, total;
	int		 n, i;
	enum err	 e;

	if (api_path_id(c, "id", &id) != 0 || api_bulk_job_visible(c, id, &j) != 0)
		return;
	if ((e = db_items_page(c->db, c->a, id, NULL, c->ctx->cfg->bulk_max_rows,
	    0, &x, &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "id");
	jw_int(&w, j.id);
	jw_key(&w, "jobId");
	jw_int(&w, j.id);
	jw_key(&w, "createdAt");
	jw_str(&w, j.created_at);
	jw_key(&w, "updatedAt");
	jw_str(&w, j.updated_at);
	jw_key(&w, "errorDetails");
	jw_obj_open(&w);
	jw_key(&w, "log");
	jw_obj_open(&w);
	jw_key(&w, "errorDetails");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		status_entry(c, &w, &x[i]);
	jw_arr_close(&w);
	jw_key(&w, "successfullyAddedRowsAndExternalIds");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		if (strcmp(x[i].status, "Succeeded") == 0) {
			jw_obj_open(&w);
			jw_key(&w, "rowNumber");
			jw_int(&w, x[i].first_row);
			jw_key(&w, "externalId");
			jw_str(&w, x[i].external_id);
			jw_obj_close(&w);
		}
	jw_arr_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}
