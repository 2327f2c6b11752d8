/*
 * ApiUser scopes (integrators.md §2.3): the ApiUser's request, the
 * Admin's list and decision.  Each state change locks the api_user row
 * and bumps its row_version (Galera conflict point, §8).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "domain/scopes.h"
#include "domain/user_rules.h"
#include "api/api.h"
#include "api/apiusers.h"

#define TRIES 3
#define SCOPE_LIST "organizations, devices, reads, reservations, certificates"

const char *
apiuser_scope_list(struct arena *a, struct json_object *v, unsigned *mask)
{
	struct json_object	*it;
	size_t			 n, i;
	unsigned		 bit;

	*mask = 0;
	if (!json_object_is_type(v, json_type_array) ||
	    (n = json_object_array_length(v)) < 1 || n > 5)
		return "must be an array of 1 to 5 scope names; "
		    "use " SCOPE_LIST;
	for (i = 0; i < n; i++) {
		it = json_object_array_get_idx(v, i);
		if (!json_object_is_type(it, json_type_string) ||
		    (bit = dom_scope_bit(json_object_get_string(it))) == 0)
			return arena_printf(a, "item %zu is not a scope; use "
			    SCOPE_LIST, i);
		*mask |= bit;
	}
	return NULL;
}

struct scopes_body {
	struct jany	scopes;
	unsigned	mask;
};

static const char *
c_scopes(struct arena *a, void *d, void *x)
{
	struct scopes_body *b = d;

	return apiuser_scope_list(a, b->scopes.v, &b->mask);
}

static const struct jfield scopes_fields[] = {
	{ "scopes", JT_ANY, 1, offsetof(struct scopes_body, scopes), c_scopes },
};

/* What a state change computes from the locked row. */
struct decision {
	int		 kind;		/* 0 ask, 1 approve, 2 deny */
	unsigned	 scopes;	/* ask: S; approve: A (0 = G ∪ P) */
	enum ecode	 code;		/* a 409, or E_NONE */
};

/* One attempt: lock, decide, write.  ERR_CONFLICT: d->code is set. */
static enum err
decide_once(struct api_call *c, int64_t id, struct decision *d)
{
	struct db_apiuser	 u;
	unsigned		 g, p, all;
	const char		*st;
	enum err		 e;

	if ((e = db_begin(c->db)) != ERR_OK ||
	    (e = db_apiuser_lock(c->db, c->a, id, &u)) != ERR_OK)
		goto out;
	all = u.granted | u.pending;
	if (d->kind == 0) {
		g = u.granted & d->scopes;
		p = d->scopes & ~u.granted;
		st = p ? "Request" : "Active";
	} else if (d->kind == 1) {
		if (all == 0)
			d->code = E_NOTHING_REQUESTED;
		else if (d->scopes != 0 && (d->scopes & ~all) != 0)
			d->code = E_SCOPE_NOT_REQUESTED;
		if (d->code != E_NONE) {
			e = ERR_CONFLICT;
			goto out;
		}
		g = d->scopes ? d->scopes : all;
		p = 0;
		st = "Active";
	} else {
		g = p = 0;
		st = "Deactive";
	}
	if ((e = db_apiuser_set(c->db, id, g, p, st, c->now)) == ERR_OK)
		e = db_commit(c->db);
out:
	if (e != ERR_OK)
		db_rollback(c->db);
	return e;
}

/* Runs a decision with deadlock retries; answers errors; 0 ok. */
static int
decide(struct api_call *c, int64_t id, struct decision *d)
{
	enum err	e = ERR_DB;
	int		i;

	for (i = 0; i < TRIES; i++) {
		d->code = E_NONE;
		if ((e = decide_once(c, id, d)) != ERR_DEADLOCK)
			break;
	}
	if (e == ERR_CONFLICT && d->code != E_NONE) {
		api_failf(c, d->code, d->code == E_NOTHING_REQUESTED ?
		    "The ApiUser has requested no scope" :
		    "Only requested or granted scopes can be approved");
		return -1;
	}
	if (e != ERR_OK) {
		api_db_error(c, e == ERR_NOTFOUND ? ERR_DB : e);
		return -1;
	}
	return 0;
}

void
api_apiuser_scopes(struct api_call *c)
{
	struct scopes_body	 b;
	struct field_errors	 fe = { 0 };
	struct decision		 d = { 0, 0, E_NONE };

	memset(&b, 0, sizeof(b));
	if (json_decode_fields(c->a, c->body, scopes_fields, 1, &b, NULL,
	    &fe) > 0) {
		api_fail_fields(c, E_INVALID_FIELD, &fe);
		return;
	}
	d.scopes = b.mask;
	if (decide(c, c->au.id, &d) == 0)
		api_reply_user(c, 200, c->user.id);
}

unsigned
apiuser_request_more(const struct api_call *c, unsigned more)
{
	return c->au.granted | c->au.pending | more;
}

int
apiuser_ask(struct api_call *c, unsigned scopes)
{
	struct decision d = { 0, 0, E_NONE };

	d.scopes = scopes;
	return decide(c, c->au.id, &d);
}

static const char *const au_statuses[] = { "Request", "Active", "Deactive",
    NULL };

void
api_admin_apiusers(struct api_call *c)
{
	struct field_errors	 fe = { 0 };
	struct db_user		*u;
	struct db_apiuser	*au;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*like, *st = NULL, *q;
	int64_t			 page, limit, total;
	int			 n, i;
	enum err		 e;

	api_paging(c, 20, 100, &page, &limit, &fe);
	like = api_name_filter(c, &fe);
	if ((q = api_query(c, "status")) != NULL && strcasecmp(q,
	    "Inactive") == 0)
		st = "Deactive";
	else
		st = api_choice_filter(c, "status", au_statuses,
		    "Request, Active, Deactive or Inactive", &fe);
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_QUERY, &fe);
		return;
	}
	if ((e = db_apiuser_list(c->db, c->a, like, st, limit,
	    (page - 1) * limit, &u, &au, &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "users");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		render_user_au(&w, &u[i], &au[i]);
	jw_arr_close(&w);
	api_page_keys(&w, page, limit, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
	strbuf_cleanup(&sb);
}

int
apiuser_by_ref(struct api_call *c, const char *ref, struct db_apiuser *u)
{
	char		*copy = arena_strdup(c->a, ref ? ref : "");
	int64_t		 id;
	enum err	 e;

	if (api_uuid_text(copy))
		e = db_apiuser_by_uid(c->db, c->a, copy, u);
	else if (api_id_text(ref, &id) == 0)
		e = db_apiuser_by_user(c->db, c->a, id, u);
	else {
		api_failf(c, E_INVALID_ID, "id: \"%.64s\" is neither a "
		    "user id nor an api_user_id (UUID)", ref ? ref : "");
		return -1;
	}
	if (e == ERR_NOTFOUND) {
		api_failf(c, E_API_USER_NOT_FOUND, "No ApiUser %.64s", ref);
		return -1;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	return 0;
}

struct decide_body {
	struct jstr	status;
	struct jany	scopes;
	unsigned	mask;
	int		kind;
};

static const char *
c_dstatus(struct arena *a, void *d, void *x)
{
	static const char *const approve[] = { "Active", NULL };
	static const char *const deny[] = { "Deactive", "Inactive", "Deny",
	    "Denied", NULL };
	struct decide_body *b = d;

	if (dom_canonical(b->status.v, approve) != NULL)
		b->kind = 1;
	else if (dom_canonical(b->status.v, deny) != NULL)
		b->kind = 2;
	else
		return "must be Active, or Deactive (alias Inactive, Deny, "
		    "Denied)";
	return NULL;
}

static const char *
c_dscopes(struct arena *a, void *d, void *x)
{
	struct decide_body *b = d;

	if (b->kind == 2)
		return "only with status Active";
	return apiuser_scope_list(a, b->scopes.v, &b->mask);
}

static const struct jfield decide_fields[] = {
	{ "status", JT_STRING, 1, offsetof(struct decide_body, status),
	    c_dstatus },
	{ "scopes", JT_ANY, 0, offsetof(struct decide_body, scopes),
	    c_dscopes },
};

void
api_admin_apiuser_decide(struct api_call *c)
{
	struct decide_body	 b;
	struct field_errors	 fe = { 0 };
	struct db_apiuser	 u;
	struct decision		 d = { 0, 0, E_NONE };
	const char		*ref = api_param(c, "id");
	char			*copy = arena_strdup(c->a, ref ? ref : "");
	int64_t			 id;

	if (!api_uuid_text(copy) && api_id_text(ref, &id) != 0) {
		api_failf(c, E_INVALID_ID, "id: \"%.64s\" is neither a "
		    "user id nor an api_user_id (UUID)", ref ? ref : "");
		return;
	}
	memset(&b, 0, sizeof(b));
	if (json_decode_fields(c->a, c->body, decide_fields, 2, &b, NULL,
	    &fe) > 0) {
		api_fail_fields(c, E_INVALID_FIELD, &fe);
		return;
	}
	if (apiuser_by_ref(c, ref, &u) != 0)
		return;
	d.kind = b.kind;
	d.scopes = b.mask;
	if (decide(c, u.id, &d) == 0)
		api_reply_user(c, 200, u.user_id);
}
