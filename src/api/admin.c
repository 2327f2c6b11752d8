/*
 * Admin routes (users.md §4.9-4.12): user and organization lists, user
 * status changes, creating users in existing organizations.
 */
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "domain/user_rules.h"
#include "api/api.h"
#include "api/inputs.h"
#include "api/fields.h"

static const char *const statuses[] = { "Active", "Suspended", "Deleted", NULL };
static const char *const list_statuses[] = { "Active", "Suspended", "Deleted",
    "Pending", NULL };
static const char *const org_types[] = { "Developer", "Buyer", "ApiUser",
    "Admin", NULL };

/* organizationName filter: at most 255 characters, matched literally. */
const char *
api_name_filter(struct api_call *c, const struct jstr *q,
    struct field_errors *fe)
{
	const char *v = q->present ? q->v : NULL;

	if (v == NULL)
		return NULL;
	if (dom_utf8_len(v) > 255) {
		http_field_error(c->a, fe, "organizationName", "is too long; at "
		    "most 255 characters");
		return NULL;
	}
	return api_fld_like_escape(c->a, v);
}

/* A query value among choices (any case) → canonical, or an error. */
const char *
api_choice_filter(struct api_call *c, const char *name, const struct jstr *q,
    const char *const *choices, const char *allowed, struct field_errors *fe)
{
	const char *v = q->present ? q->v : NULL, *canon;

	if (v == NULL)
		return NULL;
	if ((canon = dom_canonical(v, choices)) == NULL)
		http_field_error(c->a, fe, name, "\"%.64s\" is not allowed; use %s",
		    v, allowed);
	return canon;
}

/* GET /api/admin/users and /api/admin/organizations (users.md §4.9). */
struct admin_list_in {
	struct api_pageq	 pq;
	struct jstr		 name, status, type;
	struct db_user_filter	 f;
	int64_t			 page, limit;
};

#define ADMIN_LIST_QUERY(what)						\
	API_QPAGE(struct admin_list_in, pq),				\
	API_QLIMIT(struct admin_list_in, pq, "Per page, 1-100 (default 20)"), \
	{ "organizationName", JT_STRING, 0,				\
	    offsetof(struct admin_list_in, name), NULL,			\
	    .doc = "Only " what " whose organization's name contains it " \
	    "(at most 255 characters)" }

static const struct jfield users_query[] = {
	ADMIN_LIST_QUERY("users"),
	{ "status", JT_STRING, 0, offsetof(struct admin_list_in, status),
	    NULL, .doc = "Active, Suspended, Deleted or Pending (any case)" },
};

static int
users_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct admin_list_in *q = in;

	api_paging_of(c, &q->pq, 20, 100, &q->page, &q->limit, fe);
	q->f.org_name_like = api_name_filter(c, &q->name, fe);
	q->f.status = api_choice_filter(c, "status", &q->status,
	    list_statuses, "Active, Suspended, Deleted or Pending", fe);
	q->f.now = c->now;
	return 0;
}

const struct api_input api_in_admin_users = {
	.size = sizeof(struct admin_list_in),
	.query = JTABLE(users_query, struct admin_list_in),
	.code = E_INVALID_QUERY,
	.check = users_check,
	.doc = "Lists users",
};

void
api_admin_users(struct api_call *c)
{
	const struct admin_list_in *q = c->in;

	api_users_page(c, &q->f, q->page, q->limit);
}

static const struct jfield orgs_query[] = {
	ADMIN_LIST_QUERY("organizations"),
	{ "organizationType", JT_STRING, 0,
	    offsetof(struct admin_list_in, type), NULL,
	    .doc = "Developer, Buyer, ApiUser or Admin (any case)" },
};

static int
orgs_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct admin_list_in *q = in;

	api_paging_of(c, &q->pq, 20, 100, &q->page, &q->limit, fe);
	q->f.org_name_like = api_name_filter(c, &q->name, fe);
	q->f.org_type = api_choice_filter(c, "organizationType", &q->type,
	    org_types, "Developer, Buyer, ApiUser or Admin", fe);
	return 0;
}

const struct api_input api_in_admin_orgs = {
	.size = sizeof(struct admin_list_in),
	.query = JTABLE(orgs_query, struct admin_list_in),
	.code = E_INVALID_QUERY,
	.check = orgs_check,
	.doc = "Lists organizations",
};

void
api_admin_orgs(struct api_call *c)
{
	const struct admin_list_in *q = c->in;
	struct db_org		*o;
	int64_t			 total;
	int			 n;
	enum err		 e;

	e = db_org_list(c->db, c->a, &q->f, q->limit, (q->page - 1) * q->limit,
	    &o, &n, &total);
	api_reply_orgs(c, e, o, n, q->page, q->limit, total);
}

void
api_reply_orgs(struct api_call *c, enum err e, const struct db_org *o, int n,
    int64_t page, int64_t limit, int64_t total)
{
	struct strbuf	sb;
	struct jw	w;
	int		i;

	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "organizations");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		api_render_org(&w, &o[i]);
	jw_arr_close(&w);
	api_page_keys(&w, page, limit, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

struct status_body {
	struct jstr status;
};

static const char *
c_status(struct arena *a, void *d, void *x)
{
	return api_fld_choice(a, &((struct status_body *)d)->status, statuses,
	    "Active, Suspended or Deleted");
}

static const struct jfield status_fields[] = {
	{ "status", JT_STRING, 1, offsetof(struct status_body, status),
	    c_status, .doc = "Active, Suspended or Deleted (any case)" },
};

const struct api_input api_in_admin_user_status = {
	.size = sizeof(struct status_body),
	.path_id = "id",
	.body = JTABLE(status_fields, struct status_body),
	.doc = "Sets a user's status",
};

struct ustatus {
	int64_t		 id;
	const char	*status;
	int		 pending;	/* the user is Pending: no change */
	int64_t		 pending_until;
};

/* The status change, re-run whole by api_acct_tx on a deadlock. */
static enum err
status_tx(struct api_call *c, void *arg)
{
	struct ustatus	*x = arg;
	struct db_user	 u;
	enum err	 e;

	x->pending = 0;
	if ((e = db_user_by_id(c->db, c->a, x->id, &u)) != ERR_OK)
		return e;
	if (strcmp(u.status, "Pending") == 0) {
		x->pending = 1;
		x->pending_until = u.pending_until;
		return ERR_CONFLICT;
	}
	if (strcmp(u.status, x->status) != 0 &&
	    (e = db_user_set_status(c->db, x->id, x->status, c->now)) != ERR_OK)
		return e;
	if (strcmp(x->status, "Active") != 0 &&
	    ((e = db_session_delete_user(c->db, x->id, NULL)) != ERR_OK ||
	    (e = db_token_delete(c->db, x->id, NULL, 0)) != ERR_OK))
		return e;
	return ERR_OK;
}

void
api_admin_user_status(struct api_call *c)
{
	const struct status_body *b = c->in;
	struct ustatus		x = { .id = c->path_id, .status = b->status.v };
	enum err		e;

	if (x.id == c->user.id) {
		api_fail(c, E_CANNOT_CHANGE_OWN_STATUS);
		return;
	}
	e = api_acct_tx(c, status_tx, &x);
	if (x.pending && x.pending_until > c->now)
		api_failf(c, E_USER_PENDING, "User %lld is an invitee; "
		    "revoke its invitation instead (DELETE "
		    "/api/invitation/:id)", (long long)x.id);
	else if (x.pending || e == ERR_NOTFOUND)
		api_failf(c, E_USER_NOT_FOUND, "No user with id %lld",
		    (long long)x.id);
	else if (e != ERR_OK)
		api_db_error(c, e);
	else
		api_reply_user(c, 200, x.id);
}

struct create_body {
	struct jstr	first, last, email, password, confirm, role;
	struct jint	org;
};

#define CRB(f) (&((struct create_body *)d)->f)
static const char *a_first(struct arena *a, void *d, void *x) { return api_fld_text(a, CRB(first), 255); }
static const char *a_last(struct arena *a, void *d, void *x) { return api_fld_text(a, CRB(last), 255); }
static const char *a_email(struct arena *a, void *d, void *x) { return api_fld_email(a, CRB(email)); }
static const char *a_pass(struct arena *a, void *d, void *x) { return api_fld_password(a, CRB(password)); }

static const char *
a_confirm(struct arena *a, void *d, void *x)
{
	struct create_body *b = d;

	if (b->password.present && (b->password.len != b->confirm.len ||
	    memcmp(b->password.v, b->confirm.v, b->confirm.len) != 0))
		return "does not match password; repeat the password exactly";
	return NULL;
}

static const char *
a_role(struct arena *a, void *d, void *x)
{
	return api_fld_choice(a, CRB(role), dom_role_names, DOM_ROLE_NAMES_TEXT);
}

static const char *
a_org(struct arena *a, void *d, void *x)
{
	return CRB(org)->v >= 1 ? NULL : "must be positive; an organization id";
}

static const struct jfield create_fields[] = {
	{ "firstName", JT_STRING, 1, offsetof(struct create_body, first),
	    a_first, .doc = "The user's first name (1-255 characters)" },
	{ "lastName", JT_STRING, 1, offsetof(struct create_body, last),
	    a_last, .doc = "The user's last name (1-255 characters)" },
	{ "email", JT_STRING, 1, offsetof(struct create_body, email), a_email,
	    .doc = "The user's e-mail address (trimmed, lower-cased)" },
	{ "password", JT_STRING, 1, offsetof(struct create_body, password),
	    a_pass, .doc = "The password (the password policy)" },
	{ "confirmPassword", JT_STRING, 1,
	    offsetof(struct create_body, confirm), a_confirm,
	    .doc = "The password again, exactly" },
	{ "role", JT_STRING, 1, offsetof(struct create_body, role), a_role,
	    .doc = "The user's role; it must fit the organization's type" },
	{ "organizationId", JT_INT64, 1, offsetof(struct create_body, org),
	    a_org, .doc = "The organization's id (positive)" },
};

const struct api_input api_in_admin_user_create = {
	.size = sizeof(struct create_body),
	.body = JTABLE(create_fields, struct create_body),
	.doc = "Creates a user in an existing organization",
};


void
api_admin_user_create(struct api_call *c)
{
	const struct create_body *b = c->in;
	struct account_new	 n;
	struct db_org		 o;
	enum ecode		 code;
	int64_t			 uid = 0;
	enum err		 e;

	if ((e = db_org_by_id(c->db, c->a, b->org.v, &o)) == ERR_NOTFOUND) {
		api_failf(c, E_ORGANIZATION_NOT_FOUND, "No organization "
		    "with id %lld", (long long)b->org.v);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	if (!dom_role_fits(b->role.v, o.type)) {
		api_failf(c, E_ROLE_NOT_ALLOWED_FOR_ORGANIZATION, "Role %s "
		    "cannot belong to %s organization %lld", b->role.v, o.type,
		    (long long)o.id);
		return;
	}
	memset(&n, 0, sizeof(n));
	n.first_name = b->first.v;
	n.last_name = b->last.v;
	n.email = b->email.v;
	n.password = b->password.v;
	n.role = b->role.v;
	n.org_id = o.id;
	e = account_create(c->db, c->ctx->cfg->bcrypt_cost, c->now, &n, &uid,
	    &code);
	if (e == ERR_OK)
		api_reply_user(c, 201, uid);
	else if (e == ERR_CONFLICT)
		api_failf(c, E_EMAIL_TAKEN, "A user with e-mail %s already "
		    "exists", n.email);
	else
		api_db_error(c, e);
}
