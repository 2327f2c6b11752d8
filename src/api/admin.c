/*
 * Admin routes (users.md §4.9-4.12): user and organization lists, user
 * status changes, creating users in existing organizations.
 */
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "domain/user_rules.h"
#include "api/api.h"
#include "api/fields.h"

static const char *const statuses[] = { "Active", "Suspended", "Deleted", NULL };
static const char *const list_statuses[] = { "Active", "Suspended", "Deleted",
    "Pending", NULL };
static const char *const org_types[] = { "Developer", "Buyer", "ApiUser",
    "Admin", NULL };
static const char *const roles[] = { "OrganizationAdmin", "DeviceOwner",
    "Buyer", "SubBuyer", "User", NULL };

/* organizationName filter: at most 255 characters, matched literally. */
const char *
api_name_filter(struct api_call *c, struct field_errors *fe)
{
	const char *v = api_query(c, "organizationName");

	if (v == NULL)
		return NULL;
	if (dom_utf8_len(v) > 255) {
		field_error(c->a, fe, "organizationName", "is too long; at "
		    "most 255 characters");
		return NULL;
	}
	return fld_like_escape(c->a, v);
}

/* A query value among choices (any case) → canonical, or an error. */
const char *
api_choice_filter(struct api_call *c, const char *name, const char *const *choices,
    const char *allowed, struct field_errors *fe)
{
	const char *v = api_query(c, name), *canon;

	if (v == NULL)
		return NULL;
	if ((canon = dom_canonical(v, choices)) == NULL)
		field_error(c->a, fe, name, "\"%.64s\" is not allowed; use %s",
		    v, allowed);
	return canon;
}

void
api_admin_users(struct api_call *c)
{
	struct db_user_filter	f = { 0 };
	struct field_errors	fe = { 0 };
	int64_t			page, limit;

	api_paging(c, 20, 100, &page, &limit, &fe);
	f.org_name_like = api_name_filter(c, &fe);
	f.status = api_choice_filter(c, "status", list_statuses,
	    "Active, Suspended, Deleted or Pending", &fe);
	f.now = c->now;
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_QUERY, &fe);
		return;
	}
	api_users_page(c, &f, page, limit);
}

void
api_admin_orgs(struct api_call *c)
{
	struct db_user_filter	 f = { 0 };
	struct field_errors	 fe = { 0 };
	struct db_org		*o;
	int64_t			 page, limit, total;
	int			 n;
	enum err		 e;

	api_paging(c, 20, 100, &page, &limit, &fe);
	f.org_name_like = api_name_filter(c, &fe);
	f.org_type = api_choice_filter(c, "organizationType", org_types,
	    "Developer, Buyer, ApiUser or Admin", &fe);
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_QUERY, &fe);
		return;
	}
	e = db_org_list(c->db, c->a, &f, limit, (page - 1) * limit, &o, &n,
	    &total);
	api_reply_orgs(c, e, o, n, page, limit, total);
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
	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "organizations");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		render_org(&w, &o[i]);
	jw_arr_close(&w);
	api_page_keys(&w, page, limit, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
	strbuf_cleanup(&sb);
}

struct status_body {
	struct jstr status;
};

static const char *
c_status(struct arena *a, void *d, void *x)
{
	return fld_choice(a, &((struct status_body *)d)->status, statuses,
	    "Active, Suspended or Deleted");
}

static const struct jfield status_fields[] = {
	{ "status", JT_STRING, 1, offsetof(struct status_body, status), c_status },
};

void
api_admin_user_status(struct api_call *c)
{
	struct status_body	b;
	struct field_errors	fe = { 0 };
	struct db_user		u;
	int64_t			id;
	enum err		e;

	if (api_path_id(c, "id", &id) != 0)
		return;
	memset(&b, 0, sizeof(b));
	if (api_decode_body(c, status_fields, 1, &b, NULL,
	    &fe) > 0) {
		api_fail_fields(c, E_INVALID_FIELD, &fe);
		return;
	}
	if (id == c->user.id) {
		api_fail(c, E_CANNOT_CHANGE_OWN_STATUS);
		return;
	}
	if ((e = db_begin(c->db)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	e = db_user_by_id(c->db, c->a, id, &u);
	if (e == ERR_OK && strcmp(u.status, "Pending") == 0) {
		db_rollback(c->db);
		if (u.pending_until > c->now)
			api_failf(c, E_USER_PENDING, "User %lld is an invitee; "
			    "revoke its invitation instead (DELETE "
			    "/api/invitation/:id)", (long long)id);
		else
			api_failf(c, E_USER_NOT_FOUND, "No user with id %lld",
			    (long long)id);
		return;
	}
	if (e == ERR_OK && strcmp(u.status, b.status.v) != 0)
		e = db_user_set_status(c->db, id, b.status.v, c->now);
	if (e == ERR_OK && strcmp(b.status.v, "Active") != 0 &&
	    (e = db_session_delete_user(c->db, id, NULL)) == ERR_OK)
		e = db_token_delete(c->db, id, NULL, 0);
	if (e == ERR_OK)
		e = db_commit(c->db);
	if (e != ERR_OK) {
		db_rollback(c->db);
		if (e == ERR_NOTFOUND)
			api_failf(c, E_USER_NOT_FOUND, "No user with id %lld",
			    (long long)id);
		else
			api_db_error(c, e);
		return;
	}
	api_reply_user(c, 200, id);
}

struct create_body {
	struct jstr	first, last, email, password, confirm, role;
	struct jint	org;
};

#define CRB(f) (&((struct create_body *)d)->f)
static const char *a_first(struct arena *a, void *d, void *x) { return fld_text(a, CRB(first), 255); }
static const char *a_last(struct arena *a, void *d, void *x) { return fld_text(a, CRB(last), 255); }
static const char *a_email(struct arena *a, void *d, void *x) { return fld_email(a, CRB(email)); }
static const char *a_pass(struct arena *a, void *d, void *x) { return fld_password(a, CRB(password)); }

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
	return fld_choice(a, CRB(role), roles, "OrganizationAdmin, DeviceOwner, "
	    "Buyer, SubBuyer or User");
}

static const char *
a_org(struct arena *a, void *d, void *x)
{
	return CRB(org)->v >= 1 ? NULL : "must be positive; an organization id";
}

static const struct jfield create_fields[] = {
	{ "firstName", JT_STRING, 1, offsetof(struct create_body, first), a_first },
	{ "lastName", JT_STRING, 1, offsetof(struct create_body, last), a_last },
	{ "email", JT_STRING, 1, offsetof(struct create_body, email), a_email },
	{ "password", JT_STRING, 1, offsetof(struct create_body, password), a_pass },
	{ "confirmPassword", JT_STRING, 1, offsetof(struct create_body, confirm), a_confirm },
	{ "role", JT_STRING, 1, offsetof(struct create_body, role), a_role },
	{ "organizationId", JT_INT64, 1, offsetof(struct create_body, org), a_org },
};

int
api_role_fits(const char *role, const char *type)
{
	if (strcmp(role, "User") == 0)
		return strcmp(type, "Admin") != 0;
	if (strcmp(type, "Developer") == 0)
		return strcmp(role, "OrganizationAdmin") == 0 ||
		    strcmp(role, "DeviceOwner") == 0;
	if (strcmp(type, "Buyer") == 0)
		return strcmp(role, "Buyer") == 0 || strcmp(role, "SubBuyer") == 0;
	return 0;
}

void
api_admin_user_create(struct api_call *c)
{
	struct create_body	 b;
	struct field_errors	 fe = { 0 };
	struct account_new	 n;
	struct db_org		 o;
	enum ecode		 code;
	int64_t			 uid = 0;
	enum err		 e;

	memset(&b, 0, sizeof(b));
	if (api_decode_body(c, create_fields,
	    sizeof(create_fields) / sizeof(create_fields[0]), &b, NULL, &fe) > 0) {
		api_fail_fields(c, E_INVALID_FIELD, &fe);
		return;
	}
	if ((e = db_org_by_id(c->db, c->a, b.org.v, &o)) == ERR_NOTFOUND) {
		api_failf(c, E_ORGANIZATION_NOT_FOUND, "No organization "
		    "with id %lld", (long long)b.org.v);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	if (!api_role_fits(b.role.v, o.type)) {
		api_failf(c, E_ROLE_NOT_ALLOWED_FOR_ORGANIZATION, "Role %s "
		    "cannot belong to %s organization %lld", b.role.v, o.type,
		    (long long)o.id);
		return;
	}
	memset(&n, 0, sizeof(n));
	n.first_name = b.first.v;
	n.last_name = b.last.v;
	n.email = b.email.v;
	n.password = b.password.v;
	n.role = b.role.v;
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
