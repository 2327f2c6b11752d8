/*
 * Registration and the caller's own account (users.md §4.1, §4.4-4.6).
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "crypto/crypto.h"
#include "domain/scopes.h"
#include "api/api.h"
#include "api/accounts.h"
#include "api/fields.h"
#include "api/apiusers.h"

static const char *const org_types[] = { "Developer", "Buyer", "ApiUser",
    NULL };

struct reg_body {
	struct jstr first, last, email, type, password, confirm, org, address;
};

#define REG(f) (&((struct reg_body *)d)->f)
static const char *c_first(struct arena *a, void *d, void *x) { return fld_text(a, REG(first), 255); }
static const char *c_last(struct arena *a, void *d, void *x) { return fld_text(a, REG(last), 255); }
static const char *c_email(struct arena *a, void *d, void *x) { return fld_email(a, REG(email)); }
static const char *c_pass(struct arena *a, void *d, void *x) { return fld_password(a, REG(password)); }
static const char *c_org(struct arena *a, void *d, void *x) { return fld_text(a, REG(org), 255); }

static const char *
c_type(struct arena *a, void *d, void *x)
{
	return fld_choice(a, REG(type), org_types, "Developer, Buyer or ApiUser");
}

static const char *
c_confirm(struct arena *a, void *d, void *x)
{
	struct reg_body *b = d;

	if (b->password.present && (b->password.len != b->confirm.len ||
	    memcmp(b->password.v, b->confirm.v, b->confirm.len) != 0))
		return "does not match password; repeat the password exactly";
	return NULL;
}

static const char *
c_address(struct arena *a, void *d, void *x)
{
	struct reg_body	*b = d;
	const char	*why;

	if ((why = fld_text(a, &b->address, 2000)) != NULL &&
	    b->address.v[0] != '\0')
		return why;
	if (b->address.v[0] == '\0')
		b->address.present = 0;		/* empty becomes null */
	return NULL;
}

static const struct jfield reg_fields[] = {
	{ "firstName", JT_STRING, 1, offsetof(struct reg_body, first), c_first },
	{ "lastName", JT_STRING, 1, offsetof(struct reg_body, last), c_last },
	{ "email", JT_STRING, 1, offsetof(struct reg_body, email), c_email },
	{ "organizationType", JT_STRING, 1, offsetof(struct reg_body, type), c_type },
	{ "password", JT_STRING, 1, offsetof(struct reg_body, password), c_pass },
	{ "confirmPassword", JT_STRING, 1, offsetof(struct reg_body, confirm), c_confirm },
	{ "orgName", JT_STRING, 1, offsetof(struct reg_body, org), c_org },
	{ "orgAddress", JT_STRING, 0, offsetof(struct reg_body, address), c_address },
};

/* Sends the result of account_create (201 user view, or the error). */
static void
reply_created(struct api_call *c, enum err e, int64_t uid, enum ecode code,
    const char *email, const char *org_name)
{
	if (e == ERR_OK)
		api_reply_user(c, 201, uid);
	else if (e == ERR_CONFLICT && code == E_ORGANIZATION_NAME_TAKEN)
		api_failf(c, code, "Organization name \"%s\" is already taken",
		    org_name);
	else if (e == ERR_CONFLICT)
		api_failf(c, E_EMAIL_TAKEN, "A user with e-mail %s already "
		    "exists", email);
	else
		api_db_error(c, e);
}

/*
 * Registration (users.md §4.1) and managed organizations (integrators.md
 * §4.1).  managed: 0 public; 1 with api_user_id (checked); 2 the
 * ApiUser's own route (api_user_id ignored).
 */
/* The body of register_as: b decoded, errors into fe (no database). */
static void
reg_decode(struct api_call *c, int managed, struct reg_body *b,
    struct field_errors *fe)
{
	struct json_object	*t;
	const char		*uid;
	char			*lc;

	memset(b, 0, sizeof(*b));
	api_decode_body(c, reg_fields,
	    sizeof(reg_fields) / sizeof(reg_fields[0]), b, NULL, fe);
	if (managed && b->type.present && strcmp(b->type.v, "ApiUser") == 0 &&
	    !field_has_error(fe, "organizationType"))
		field_error(c->a, fe, "organizationType", "\"ApiUser\" is not "
		    "allowed for a managed organization; use Developer or Buyer");
	if (managed == 1) {
		api_body_get(c, "api_user_id", &t);
		uid = json_object_is_type(t, json_type_string) ?
		    json_object_get_string(t) : NULL;
		lc = uid ? arena_strdup(c->a, uid) : NULL;
		if (lc == NULL || !api_uuid_text(lc) ||
		    strcmp(lc, c->au.uid) != 0)
			field_error(c->a, fe, "api_user_id", "must be your own "
			    "api_user_id (%s) or null", c->au.uid);
	}
}

static void
register_as(struct api_call *c, int managed)
{
	struct reg_body		 b;
	struct field_errors	 fe = { 0 };
	struct account_new	 n;
	enum ecode		 code;
	int64_t			 id = 0;
	enum err		 e;

	reg_decode(c, managed, &b, &fe);
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_FIELD, &fe);
		return;
	}
	memset(&n, 0, sizeof(n));
	n.first_name = b.first.v;
	n.last_name = b.last.v;
	n.email = b.email.v;
	n.password = b.password.v;
	n.org_type = b.type.v;
	n.role = strcmp(b.type.v, "Developer") == 0 ? "OrganizationAdmin" :
	    strcmp(b.type.v, "ApiUser") == 0 ? "ApiUser" : "Buyer";
	n.org_name = b.org.v;
	n.org_address = b.address.present ? b.address.v : NULL;
	n.managing_api_user_id = managed ? c->au.id : 0;
	/* accounts.md §3.1: a public registration is mailed; a managed
	 * organization's user stays unconfirmed, unmailed (integrators §4.1). */
	if (managed)
		n.unconfirmed = 1;
	else
		n.mail_cfg = c->ctx->cfg;
	e = account_create(c->db, c->ctx->cfg->bcrypt_cost, c->now, &n, &id,
	    &code);
	reply_created(c, e, id, code, n.email, n.org_name);
}

void
api_register(struct api_call *c)
{
	struct json_object *t;

	/* users.md §4.1 check 1: a managed organization (integrators §4.1). */
	if (api_body_get(c, "api_user_id", &t) &&
	    t != NULL) {
		if (api_authenticate(c) != 0 || api_restricted(c) != 0)
			return;
		if (c->role_bit != ROLE_APIUSER) {
			api_failf(c, E_FORBIDDEN, "Only an ApiUser may "
			    "register an organization under an api_user_id");
			return;
		}
		if (api_apiuser_scope(c, SCOPE_ORGANIZATIONS) != 0)
			return;
		register_as(c, 1);
		return;
	}
	register_as(c, 0);
}

void
api_apiuser_org_create(struct api_call *c)
{
	register_as(c, 2);
}

void
api_user_me(struct api_call *c)
{
	struct strbuf	sb;
	struct jw	w;

	strbuf_init(&sb);
	jw_init(&w, &sb);
	render_user_au(&w, &c->user, c->role_bit == ROLE_APIUSER ? &c->au :
	    NULL);
	api_json(c, 200, &sb);
	strbuf_cleanup(&sb);
}

struct pw_body {
	struct jstr old, new, confirm;
};

static const char *c_new(struct arena *a, void *d, void *x)
{
	return fld_password(a, &((struct pw_body *)d)->new);
}

static const char *
c_new_confirm(struct arena *a, void *d, void *x)
{
	struct pw_body *b = d;

	if (b->new.present && (b->new.len != b->confirm.len ||
	    memcmp(b->new.v, b->confirm.v, b->new.len) != 0))
		return "does not match newPassword; repeat it exactly";
	return NULL;
}

static const struct jfield pw_fields[] = {
	{ "oldPassword", JT_STRING, 1, offsetof(struct pw_body, old), NULL },
	{ "newPassword", JT_STRING, 1, offsetof(struct pw_body, new), c_new },
	{ "confirmPassword", JT_STRING, 0, offsetof(struct pw_body, confirm),
	    c_new_confirm },
};

void
api_user_password(struct api_call *c)
{
	struct pw_body		b;
	struct field_errors	fe = { 0 };
	char			hash[128];
	enum err		e;

	memset(&b, 0, sizeof(b));
	if (api_decode_body(c, pw_fields, 3, &b, NULL, &fe) > 0) {
		api_fail_fields(c, E_INVALID_FIELD, &fe);
		return;
	}
	if (strlen(b.old.v) != b.old.len ||
	    !crypto_password_verify(b.old.v, c->user.password_hash)) {
		api_fail(c, E_INCORRECT_CURRENT_PASSWORD);
		return;
	}
	if (crypto_password_hash(b.new.v, c->ctx->cfg->bcrypt_cost, hash,
	    sizeof(hash)) != 0) {
		api_db_error(c, ERR_CRYPTO);
		return;
	}
	if ((e = db_begin(c->db)) != ERR_OK ||
	    (e = acct_password_set(c, &c->user, hash, c->jti)) != ERR_OK ||
	    (e = db_commit(c->db)) != ERR_OK) {
		db_rollback(c->db);
		crypto_wipe(hash, sizeof(hash));
		api_db_error(c, e);
		return;
	}
	crypto_wipe(hash, sizeof(hash));
	api_reply_user(c, 200, c->user.id);
}

struct profile_body {
	struct jstr first, last, email, old;
};

#define PRO(f) (&((struct profile_body *)d)->f)
static const char *p_first(struct arena *a, void *d, void *x) { return fld_text(a, PRO(first), 255); }
static const char *p_last(struct arena *a, void *d, void *x) { return fld_text(a, PRO(last), 255); }
static const char *p_email(struct arena *a, void *d, void *x) { return fld_email(a, PRO(email)); }

static const struct jfield profile_fields[] = {
	{ "firstName", JT_STRING, 0, offsetof(struct profile_body, first), p_first },
	{ "lastName", JT_STRING, 0, offsetof(struct profile_body, last), p_last },
	{ "email", JT_STRING, 0, offsetof(struct profile_body, email), p_email },
	{ "oldPassword", JT_STRING, 0, offsetof(struct profile_body, old), NULL },
};

struct profile_tx {
	struct profile_body	*b;
	const char		*email;		/* the new address, or NULL */
};

/* users.md §4.6 with accounts.md §3.1: the change, its tokens and mails. */
static enum err
profile_write(struct api_call *c, void *arg)
{
	struct profile_tx	*x = arg;
	struct profile_body	*b = x->b;
	int			 stale;
	enum err		 e;

	if (x->email != NULL) {
		if ((e = db_user_delete_stale(c->db, x->email, c->now,
		    &stale)) != ERR_OK)
			return e;
		if ((e = db_user_email_exists(c->db, x->email)) == ERR_OK)
			return ERR_CONFLICT;
		if (e != ERR_NOTFOUND)
			return e;
	}
	e = db_user_set_profile(c->db, c->user.id,
	    b->first.present ? b->first.v : NULL,
	    b->last.present ? b->last.v : NULL, x->email, c->now);
	if (e == ERR_OK && x->email != NULL) {
		struct acct_mail conf = { .tpl = "confirm_email", .to = x->email,
		    .user_id = c->user.id };
		struct acct_mail old = { .tpl = "email_changed",
		    .to = c->user.email, .user_id = c->user.id,
		    .other = x->email };

		if ((e = db_user_set_confirmed(c->db, c->user.id, 0)) != ERR_OK ||
		    (e = db_token_delete(c->db, c->user.id, NULL, 0)) != ERR_OK ||
		    (e = acct_token_mail(c->db, c->ctx->cfg, c->now,
		    "confirm_email", c->user.id, x->email, 0,
		    c->ctx->cfg->email_confirm_ttl_s, &conf)) != ERR_OK ||
		    (e = acct_mail(c->db, c->ctx->cfg, c->now, &old)) != ERR_OK)
			return e;
	}
	return e;
}

void
api_user_profile(struct api_call *c)
{
	struct profile_body	 b;
	struct profile_tx	 x;
	struct field_errors	 fe = { 0 };
	const char		*email = NULL;
	enum err		 e;

	memset(&b, 0, sizeof(b));
	api_decode_body(c, profile_fields, 4, &b, NULL, &fe);
	if (b.email.present && !field_has_error(&fe, "email") &&
	    strcmp(b.email.v, c->user.email) != 0 && !b.old.present &&
	    !field_has_error(&fe, "oldPassword"))
		field_error(c->a, &fe, "oldPassword", "missing; the current "
		    "password is required to change email");
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_FIELD, &fe);
		return;
	}
	if (!b.first.present && !b.last.present && !b.email.present) {
		struct field_errors one = { 0 };

		/* One sentence for the three fields (users.md §4.6). */
		one.field[0] = "firstName";
		one.field[1] = "lastName";
		one.field[2] = "email";
		one.message[0] = "at least one of firstName, lastName, email "
		    "is required";
		one.n = 3;
		api_fail_fields(c, E_INVALID_FIELD, &one);
		return;
	}
	if (b.email.present && strcmp(b.email.v, c->user.email) != 0 &&
	    c->cred_id != 0) {
		/* integrators.md §3.2: after the field checks. */
		api_failf(c, E_PASSWORD_SESSION_REQUIRED, "Changing the "
		    "e-mail needs a password session (POST /api/auth/login)");
		return;
	}
	if (b.email.present && strcmp(b.email.v, c->user.email) != 0) {
		email = b.email.v;
		if (strlen(b.old.v) != b.old.len ||
		    !crypto_password_verify(b.old.v, c->user.password_hash)) {
			api_fail(c, E_INCORRECT_CURRENT_PASSWORD);
			return;
		}
	}
	x.b = &b;
	x.email = email;
	e = acct_tx(c, profile_write, &x);
	if (e == ERR_CONFLICT) {
		api_failf(c, E_EMAIL_TAKEN, "A user with e-mail %s already "
		    "exists", email);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	api_reply_user(c, 200, c->user.id);
}
