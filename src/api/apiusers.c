/*
 * ApiUser scopes (integrators.md §2.3): the ApiUser's request, the
 * Admin's list and decision.  Each state change locks the api_user row
 * and bumps its row_version (Galera conflict point, §8).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "domain/scopes.h"
#include "domain/user_rules.h"
#include "api/api.h"
#include "api/apiusers.h"
#include "api/inputs.h"

#define SCOPE_LIST "organizations, devices, reads, reservations, certificates"

/* One element of a scope list: a scope name. */
struct scope_item {
	struct jstr	name;
};

static const char *
c_scope_item(struct arena *a, void *d, void *x)
{
	(void)a;
	(void)x;
	return dom_scope_bit(((struct scope_item *)d)->name.v) ? NULL :
	    "is not a scope";
}

static const struct jfield scope_item_field[] = {
	{ NULL, JT_STRING, 1, offsetof(struct scope_item, name), c_scope_item,
	    .doc = "A scope name: " SCOPE_LIST },
};

static const struct jtable scope_items = JTABLE(scope_item_field,
    struct scope_item);

#define SCOPES_MSG	"must be an array of 1 to 5 scope names; use " SCOPE_LIST

/*
 * The scopes of a decoded list v (JF_ITEMS_QUIET: v->bad names the first
 * element that is not a scope name) into *mask; NULL or the sentence.
 */
static const char *
scope_list(struct arena *a, const struct jarr *v, unsigned *mask)
{
	const struct scope_item	*it = v->v;
	size_t			 i;

	*mask = 0;
	if (v->n < 1)
		return SCOPES_MSG;
	if (v->bad != 0)
		return arena_printf(a, "item %zu is not a scope; use "
		    SCOPE_LIST, v->bad - 1);
	for (i = 0; i < v->n; i++)
		*mask |= dom_scope_bit(it[i].name.v);
	return NULL;
}

/* A "scopes" member: 1 to 5 scope names. */
#define SCOPES_FIELD(req, type, chk, text)				\
	{ "scopes", JT_ARRAY, (req), offsetof(type, scopes), (chk),	\
	    .flags = JF_ITEMS_QUIET, .items = &scope_items,		\
	    .max_items = 5, .msg_required = "is required; a value",	\
	    .msg_type = SCOPES_MSG, .msg_value = SCOPES_MSG, .doc = (text) }

struct scopes_body {
	struct jarr	scopes;
	unsigned	mask;
};

static const char *
c_scopes(struct arena *a, void *d, void *x)
{
	struct scopes_body *b = d;

	(void)x;
	return scope_list(a, &b->scopes, &b->mask);
}

static const struct jfield scopes_fields[] = {
	SCOPES_FIELD(1, struct scopes_body, c_scopes,
	    "The scopes wanted (1 to 5 names)"),
};

const struct api_input api_in_apiuser_scopes = {
	.size = sizeof(struct scopes_body),
	.body = JTABLE(scopes_fields, struct scopes_body),
	.doc = "Asks for scopes (the granted ones stay)",
};

/* What a state change computes from the locked row. */
struct decision {
	int		 kind;		/* 0 ask, 1 approve, 2 deny */
	unsigned	 scopes;	/* ask: S; approve: A (0 = G ∪ P) */
	enum ecode	 code;		/* a 409, or E_NONE */
	int64_t		 id;		/* the ApiUser */
};

/* One transaction: lock, decide, write.  ERR_CONFLICT: d->code is set. */
static enum err
decide_tx(struct api_call *c, void *arg)
{
	struct decision		*d = arg;
	struct db_apiuser	 u;
	unsigned		 g, p, all;
	const char		*st;
	enum err		 e;

	d->code = E_NONE;
	if ((e = db_apiuser_lock(c->db, c->a, d->id, &u)) != ERR_OK)
		return e;
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
		if (d->code != E_NONE)
			return ERR_CONFLICT;
		g = d->scopes ? d->scopes : all;
		p = 0;
		st = "Active";
	} else {
		g = p = 0;
		st = "Deactive";
	}
	return db_apiuser_set(c->db, d->id, g, p, st, c->now);
}

/* Runs a decision with deadlock retries; answers errors; 0 ok. */
static int
decide(struct api_call *c, int64_t id, struct decision *d)
{
	enum err	e;

	d->id = id;
	e = api_acct_tx(c, decide_tx, d);
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
	const struct scopes_body *b = c->in;
	struct decision		 d = { 0, 0, E_NONE, 0 };

	d.scopes = b->mask;
	if (decide(c, c->au.id, &d) == 0)
		api_reply_user(c, 200, c->user.id);
}

unsigned
api_apiuser_request_more(const struct api_call *c, unsigned more)
{
	return c->au.granted | c->au.pending | more;
}

int
api_apiuser_ask(struct api_call *c, unsigned scopes)
{
	struct decision d = { 0, 0, E_NONE, 0 };

	d.scopes = scopes;
	return decide(c, c->au.id, &d);
}

static const char *const au_statuses[] = { "Request", "Active", "Deactive",
    NULL };

/* GET /api/admin/apiusers (integrators.md §2.3). */
struct apiusers_in {
	struct api_pageq	 pq;
	struct jstr		 name, status;
	const char		*like, *st;
	int64_t			 page, limit;
};

static const struct jfield apiusers_query[] = {
	API_QPAGE(struct apiusers_in, pq),
	API_QLIMIT(struct apiusers_in, pq, "Per page, 1-100 (default 20)"),
	{ "organizationName", JT_STRING, 0, offsetof(struct apiusers_in, name),
	    NULL, .doc = "Only ApiUsers whose organization's name contains "
	    "it (at most 255 characters)" },
	{ "status", JT_STRING, 0, offsetof(struct apiusers_in, status), NULL,
	    .doc = "Request, Active, Deactive or Inactive (any case)" },
};

static int
apiusers_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct apiusers_in *q = in;

	api_paging_of(c, &q->pq, 20, 100, &q->page, &q->limit, fe);
	q->like = api_name_filter(c, &q->name, fe);
	if (q->status.present && strcasecmp(q->status.v, "Inactive") == 0)
		q->st = "Deactive";
	else
		q->st = api_choice_filter(c, "status", &q->status,
		    au_statuses, "Request, Active, Deactive or Inactive", fe);
	return 0;
}

const struct api_input api_in_admin_apiusers = {
	.size = sizeof(struct apiusers_in),
	.query = JTABLE(apiusers_query, struct apiusers_in),
	.code = E_INVALID_QUERY,
	.check = apiusers_check,
	.doc = "Lists ApiUsers and their scopes",
};

void
api_admin_apiusers(struct api_call *c)
{
	const struct apiusers_in *q = c->in;
	struct db_user		*u;
	struct db_apiuser	*au;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*like = q->like, *st = q->st;
	int64_t			 page = q->page, limit = q->limit, total;
	int			 n, i;
	enum err		 e;

	if ((e = db_apiuser_list(c->db, c->a, like, st, limit,
	    (page - 1) * limit, &u, &au, &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "users");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		api_render_user_au(&w, &u[i], &au[i]);
	jw_arr_close(&w);
	api_page_keys(&w, page, limit, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

int
api_apiuser_by_ref(struct api_call *c, const char *ref, struct db_apiuser *u)
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
	struct jarr	scopes;
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

	(void)x;
	if (b->kind == 2)
		return "only with status Active";
	return scope_list(a, &b->scopes, &b->mask);
}

static const struct jfield decide_fields[] = {
	{ "status", JT_STRING, 1, offsetof(struct decide_body, status),
	    c_dstatus, .doc = "Active (approve), or Deactive (alias Inactive, "
	    "Deny, Denied)" },
	SCOPES_FIELD(0, struct decide_body, c_dscopes, "With Active: the "
	    "scopes approved (1 to 5 names; default all requested)"),
};

/*
 * The path's id (a user id or an api_user_id) answers before the body;
 * scopes of any kind with a denial: "only with status Active".
 */
static int
decide_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct decide_body	*b = in;
	const char		*ref = api_param(c, "id");
	char			*copy = arena_strdup(c->a, ref ? ref : "");
	int64_t			 id;
	int			 i;

	if (!api_uuid_text(copy) && api_id_text(ref, &id) != 0) {
		api_failf(c, E_INVALID_ID, "id: \"%.64s\" is neither a "
		    "user id nor an api_user_id (UUID)", ref ? ref : "");
		return -1;
	}
	if (b->kind != 2)
		return 0;
	for (i = 0; i < fe->n; i++)
		if (strcmp(fe->field[i], "scopes") == 0)
			fe->message[i] = "scopes: only with status Active";
	return 0;
}

const struct api_input api_in_apiuser_decide = {
	.size = sizeof(struct decide_body),
	.body = JTABLE(decide_fields, struct decide_body),
	.check = decide_check,
	.doc = "Approves or denies an ApiUser's scopes",
};

void
api_admin_apiuser_decide(struct api_call *c)
{
	const struct decide_body *b = c->in;
	struct db_apiuser	 u;
	struct decision		 d = { 0, 0, E_NONE, 0 };

	if (api_apiuser_by_ref(c, api_param(c, "id"), &u) != 0)
		return;
	d.kind = b->kind;
	d.scopes = b->mask;
	if (decide(c, u.id, &d) == 0)
		api_reply_user(c, 200, u.user_id);
}
