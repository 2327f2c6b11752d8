/*
 * Bulk jobs as clients see them (integrators.md §5.5): the job object,
 * GET /api/bulk-upload/jobs and /jobs/:id with its items.  Visibility:
 * the job's organization's users, an Admin, an ApiUser for its managed
 * organizations and the kinds its scopes cover; else 404 JOB_NOT_FOUND.
 */
#include <string.h>

#include "core/arena.h"
#include "domain/scopes.h"
#include "api/api.h"
#include "api/bulk.h"

void
bulk_render_job(struct jw *w, const struct db_job *j)
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
bulk_reply_job(struct api_call *c, int status, int64_t id, int replayed)
{
	struct db_job	j;
	struct strbuf	sb;
	struct jw	w;
	enum err	e;

	if ((e = db_job_get(c->db, c->a, id, &j)) != ERR_OK) {
		api_db_error(c, e == ERR_NOTFOUND ? ERR_DB : e);
		return;
	}
	strbuf_init(&sb);
	jw_init(&w, &sb);
	bulk_render_job(&w, &j);
	jw_obj_close(&w);
	if (replayed)
		http_add_header(c->req, "Idempotent-Replayed", "true");
	if (status == 202)
		http_add_header(c->req, "Location", arena_printf(c->a,
		    "/api/bulk-upload/jobs/%lld", (long long)id));
	api_json(c, status, &sb);
	strbuf_cleanup(&sb);
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

void
api_bulk_jobs(struct api_call *c)
{
	static const char *const kinds[] = { "devices", "reads", NULL };
	static const char *const sts[] = { "Added", "Running", "Completed",
	    "Failed", NULL };
	struct field_errors	 fe = { 0 };
	struct db_job_filter	 f;
	struct db_job		*j;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*o;
	int64_t			 page, limit, total;
	int			 n, i;
	enum err		 e;

	memset(&f, 0, sizeof(f));
	api_paging(c, 20, 100, &page, &limit, &fe);
	f.kind = api_choice_filter(c, "kind", kinds, "devices or reads", &fe);
	f.status = api_choice_filter(c, "status", sts, "Added, Running, "
	    "Completed or Failed", &fe);
	o = api_query(c, "organizationId");
	if (o != NULL && (c->role_bit & (ROLE_ADMIN | ROLE_APIUSER)) &&
	    api_id_text(o, &f.org_id) != 0)
		field_error(c->a, &fe, "organizationId", "\"%.32s\" is not "
		    "allowed; a positive integer", o);
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_QUERY, &fe);
		return;
	}
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
	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "jobs");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		bulk_render_job(&w, &j[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	api_page_keys(&w, page, limit, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
	strbuf_cleanup(&sb);
}

int
bulk_job_visible(struct api_call *c, int64_t id, struct db_job *j)
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

void
api_bulk_job(struct api_call *c)
{
	static const char *const sts[] = { "Pending", "Succeeded", "Skipped",
	    "Failed", NULL };
	struct field_errors	 fe = { 0 };
	struct db_job		 j;
	struct db_item		*x;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*st;
	int64_t			 id, page, limit, total;
	int			 n, i;
	enum err		 e;

	if (api_path_id(c, "id", &id) != 0)
		return;
	api_paging(c, 100, 1000, &page, &limit, &fe);
	st = api_choice_filter(c, "status", sts, "Pending, Succeeded, "
	    "Skipped or Failed", &fe);
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_QUERY, &fe);
		return;
	}
	if (bulk_job_visible(c, id, &j) != 0)
		return;
	if ((e = db_items_page(c->db, c->a, id, st, limit, (page - 1) * limit,
	    &x, &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init(&sb);
	jw_init(&w, &sb);
	bulk_render_job(&w, &j);
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
	strbuf_cleanup(&sb);
}
