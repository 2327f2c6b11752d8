/*
 * Bulk jobs as clients see them (integrators.md §5.5): the job object,
 * GET /api/bulk-upload/jobs and /jobs/:id with its items.  Visibility:
 * the job's organization's users, an Admin, an ApiUser for its managed
 * organizations and the kinds its scopes cover; else 404 JOB_NOT_FOUND.
 */
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "domain/scopes.h"
#include "api/api.h"
#include "api/bulk.h"
#include "api/inputs.h"

void
api_bulk_render_job(struct jw *w, const struct db_job *j)
{
	jw_obj_open(w);
	jw_key(w, "jobId");
	jw_int(w, j->id);
	jw_key(w, "kind");
	jw_str(w, j->kind);
	jw_key(w, "organizationId");
	jw_int(w, j->org_id);
	jw_key(w, "userId");
	jw_int(w, j->user_id);
	jw_key(w, "status");
	jw_str(w, j->status);
	jw_key(w, "fileName");
	jw_str(w, j->file_name);
	jw_key(w, "rows");
	jw_int(w, j->rows);
	jw_key(w, "items");
	jw_int(w, j->items);
	jw_key(w, "succeeded");
	jw_int(w, j->succeeded);
	jw_key(w, "skipped");
	jw_int(w, j->skipped);
	jw_key(w, "failed");
	jw_int(w, j->failed);
	jw_key(w, "pending");
	jw_int(w, j->items - j->succeeded - j->skipped - j->failed);
	jw_key(w, "readsStored");
	jw_int(w, j->reads_stored);
	jw_key(w, "createdAt");
	jw_str(w, j->created_at);
	jw_key(w, "startedAt");
	jw_str(w, j->started_at);
	jw_key(w, "finishedAt");
	jw_str(w, j->finished_at);
	jw_key(w, "updatedAt");
	jw_str(w, j->updated_at);
}

void
api_bulk_reply_job(struct api_call *c, int status, int64_t id, int replayed)
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
	api_bulk_render_job(&w, &j);
	jw_obj_close(&w);
	if (replayed)
		http_add_header(c->req, "Idempotent-Replayed", "true");
	if (status == 202)
		http_add_header(c->req, "Location", arena_printf(c->a,
		    "/api/bulk-upload/jobs/%lld", (long long)id));
	api_json(c, status, &sb);
}

/* The job kinds an ApiUser's scopes cover (NULL: both). */
static int
kind_visible(const struct api_call *c, const char *kind)
{
	if (c->role_bit != ROLE_APIUSER)
		return 1;
	return (strcmp(kind, "devices") == 0 &&
	    (c->au.granted & SCOPE_DEVICES)) || (strcmp(kind, "reads") == 0 &&
	    (c->au.granted & SCOPE_READS));
}

/* GET /api/bulk-upload/jobs (integrators.md §5). */
static const char *const job_kinds[] = { "devices", "reads", NULL };
static const char *const job_statuses[] = { "Added", "Running", "Completed",
    "Failed", NULL };

struct jobs_in {
	struct api_pageq	 pq;
	struct jstr		 kind, status, org;
	struct db_job_filter	 f;
	int64_t			 page, limit;
};

static const struct jfield jobs_query[] = {
	API_QPAGE(struct jobs_in, pq),
	API_QLIMIT(struct jobs_in, pq, "Per page, 1-100 (default 20)"),
	{ "kind", JT_STRING, 0, offsetof(struct jobs_in, kind), NULL,
	    .doc = "devices or reads (any case)" },
	{ "status", JT_STRING, 0, offsetof(struct jobs_in, status), NULL,
	    .doc = "Added, Running, Completed or Failed (any case)" },
	{ "organizationId", JT_STRING, 0, offsetof(struct jobs_in, org), NULL,
	    .doc = "Admin and ApiUser: only this organization's jobs (an "
	    "id); ignored for others" },
};

static int
jobs_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct jobs_in	*q = in;
	const char	*o = q->org.present ? q->org.v : NULL;

	api_paging_of(c, &q->pq, 20, 100, &q->page, &q->limit, fe);
	q->f.kind = api_choice_filter(c, "kind", &q->kind, job_kinds,
	    "devices or reads", fe);
	q->f.status = api_choice_filter(c, "status", &q->status,
	    job_statuses, "Added, Running, Completed or Failed", fe);
	if (o != NULL && (c->role_bit & (ROLE_ADMIN | ROLE_APIUSER)) &&
	    api_id_text(o, &q->f.org_id) != 0)
		http_field_error(c->a, fe, "organizationId", "\"%.32s\" is not "
		    "allowed; a positive integer", o);
	return 0;
}

const struct api_input api_in_bulk_jobs = {
	.size = sizeof(struct jobs_in),
	.query = JTABLE(jobs_query, struct jobs_in),
	.code = E_INVALID_QUERY,
	.check = jobs_check,
	.doc = "Lists bulk-upload jobs",
};

void
api_bulk_jobs(struct api_call *c)
{
	struct jobs_in		*q = c->in;
	struct db_job_filter	 f = q->f;
	struct db_job		*j;
	struct strbuf		 sb;
	struct jw		 w;
	int64_t			 page = q->page, limit = q->limit, total;
	int			 n, i;
	enum err		 e;

	if (c->role_bit == ROLE_APIUSER) {
		f.managed_by = c->au.id;
		if (f.kind == NULL && !kind_visible(c, "devices"))
			f.kind = "reads";
		else if (f.kind == NULL && !kind_visible(c, "reads"))
			f.kind = "devices";
		else if (f.kind != NULL && !kind_visible(c, f.kind))
			f.org_id = -1;	/* matches nothing */
	} else if (!(c->role_bit & ROLE_ADMIN))
		f.org_id = c->user.org.id;
	if ((e = db_job_list(c->db, c->a, &f, limit, (page - 1) * limit, &j,
	    &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "jobs");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		api_bulk_render_job(&w, &j[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	api_page_keys(&w, page, limit, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

int
api_bulk_job_visible(struct api_call *c, int64_t id, struct db_job *j)
{
	struct db_org	o;
	enum err	e;
	int		ok;

	e = db_job_get(c->db, c->a, id, j);
	if (e == ERR_OK && c->role_bit == ROLE_APIUSER)
		e = db_org_by_id(c->db, c->a, j->org_id, &o);
	if (e != ERR_OK && e != ERR_NOTFOUND) {
		api_db_error(c, e);
		return -1;
	}
	ok = e == ERR_OK && ((c->role_bit & ROLE_ADMIN) ||
	    (c->role_bit == ROLE_APIUSER ? o.managing_api_user_id == c->au.id &&
	    kind_visible(c, j->kind) : j->org_id == c->user.org.id));
	if (!ok) {
		api_failf(c, E_JOB_NOT_FOUND, "No bulk job %lld",
		    (long long)id);
		return -1;
	}
	return 0;
}

/* One item of a job (§5.5); result is the stored JSON object. */
static void
render_item(struct jw *w, const struct db_job *j, const struct db_item *x)
{
	size_t n;

	jw_obj_open(w);
	jw_key(w, "row");
	jw_int(w, x->first_row);
	if (strcmp(j->kind, "reads") == 0) {
		jw_key(w, "lastRow");
		jw_int(w, x->last_row);
	}
	jw_key(w, "externalId");
	jw_str(w, x->external_id);
	jw_key(w, "status");
	jw_str(w, x->status);
	jw_key(w, "deviceId");
	if (x->device_id > 0)
		jw_int(w, x->device_id);
	else
		jw_null(w);
	/* The stored result's keys (errors, counters) go in as they are. */
	if (x->result != NULL && (n = strlen(x->result)) > 2) {
		strbuf_putc(w->sb, ',');
		strbuf_append(w->sb, x->result + 1, n - 2);
	} else {
		jw_key(w, "errors");
		jw_arr_open(w);
		jw_arr_close(w);
	}
	jw_obj_close(w);
}

/* GET /api/bulk-upload/jobs/:id: the job and a page of its items. */
static const char *const item_statuses[] = { "Pending", "Succeeded",
    "Skipped", "Failed", NULL };

struct job_in {
	struct api_pageq	 pq;
	struct jstr		 status;
	const char		*st;
	int64_t			 page, limit;
};

static const struct jfield job_query[] = {
	API_QPAGE(struct job_in, pq),
	API_QLIMIT(struct job_in, pq, "Items per page, 1-1000 (default 100)"),
	{ "status", JT_STRING, 0, offsetof(struct job_in, status), NULL,
	    .doc = "Only items Pending, Succeeded, Skipped or Failed (any "
	    "case)" },
};

static int
job_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct job_in *q = in;

	api_paging_of(c, &q->pq, 100, 1000, &q->page, &q->limit, fe);
	q->st = api_choice_filter(c, "status", &q->status, item_statuses,
	    "Pending, Succeeded, Skipped or Failed", fe);
	return 0;
}

const struct api_input api_in_bulk_job = {
	.size = sizeof(struct job_in),
	.path_id = "id",
	.query = JTABLE(job_query, struct job_in),
	.code = E_INVALID_QUERY,
	.check = job_check,
	.doc = "Reads a bulk-upload job with a page of its items",
};

void
api_bulk_job(struct api_call *c)
{
	const struct job_in	*q = c->in;
	struct db_job		 j;
	struct db_item		*x;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*st = q->st;
	int64_t			 id = c->path_id, page = q->page;
	int64_t			 limit = q->limit, total;
	int			 n, i;
	enum err		 e;

	if (api_bulk_job_visible(c, id, &j) != 0)
		return;
	if ((e = db_items_page(c->db, c->a, id, st, limit, (page - 1) * limit,
	    &x, &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_bulk_render_job(&w, &j);
	jw_key(&w, "itemsPage");
	jw_obj_open(&w);
	jw_key(&w, "items");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		render_item(&w, &j, &x[i]);
	jw_arr_close(&w);
	api_page_keys(&w, page, limit, total);
	jw_obj_close(&w);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}
