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
#include "api/inputs.h"
#include "api/accounts.h"
#include "api/fields.h"
#include "api/apiusers.h"

static const char *const org_types[] = { "Developer", "Buyer", "ApiUser",
    NULL };

struct reg_body {
	struct jstr first, last, email, type, password, confirm, org, address;
	struct jstr api_user_id;	/* only its presence and text count */
	int managed;	/* 0 public; 1 with api_user_id; 2 the ApiUser's route */
};

#define REG(f) (&((struct reg_body *)d)->f)
static const char *c_first(struct arena *a, void *d, void *x) { return api_fld_text(a, REG(first), 255); }
static const char *c_last(struct arena *a, void *d, void *x) { return api_fld_text(a, REG(last), 255); }
static const char *c_email(struct arena *a, void *d, void *x) { return api_fld_email(a, REG(email)); }
static const char *c_pass(struct arena *a, void *d, void *x) { return api_fld_password(a, REG(password)); }
static const char *c_org(struct arena *a, void *d, void *x) { return api_fld_text(a, REG(org), 255); }

static const char *
c_type(struct arena *a, void *d, void *x)
{
	return api_fld_choice(a, REG(type), org_types, "Developer, Buyer or ApiUser");
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

	if ((why = api_fld_text(a, &b->address, 2000)) != NULL &&
	    b->address.v[0] != '\0')
		return why;
	if (b->address.v[0] == '\0')
		b->address.present = 0;		/* empty becomes null */
	return NULL;
}

#define REG_FIELDS(uid_doc)						\
	{ "firstName", JT_STRING, 1, offsetof(struct reg_body, first),	\
	    c_first, .doc = "The user's first name (1-255 characters)" }, \
	{ "lastName", JT_STRING, 1, offsetof(struct reg_body, last),	\
	    c_last, .doc = "The user's last name (1-255 characters)" },	\
	{ "email", JT_STRING, 1, offsetof(struct reg_body, email),	\
	    c_email, .doc = "The user's e-mail address (trimmed, "	\
	    "lower-cased)" },						\
	{ "organizationType", JT_STRING, 1,				\
	    offsetof(struct reg_body, type), c_type,			\
	    .doc = "Developer, Buyer or ApiUser (any case)" },		\
	{ "password", JT_STRING, 1, offsetof(struct reg_body, password), \
	    c_pass, .doc = "The password (the password policy)" },	\
	{ "confirmPassword", JT_STRING, 1,				\
	    offsetof(struct reg_body, confirm), c_confirm,		\
	    .doc = "The password again, exactly" },			\
	{ "orgName", JT_STRING, 1, offsetof(struct reg_body, org), c_org, \
	    .doc = "The new organization's name (1-255 characters)" },	\
	{ "orgAddress", JT_STRING, 0, offsetof(struct reg_body, address), \
	    c_address, .doc = "The organization's address (up to 2000 "	\
	    "characters; empty means none)" },				\
	{ "api_user_id", JT_STRING, 0,					\
	    offsetof(struct reg_body, api_user_id), NULL,		\
	    .flags = JF_NULLABLE, .doc = uid_doc }

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

/* Drops the errors of field name from fe (a field whose type is ignored). */
static int
fe_drop(struct field_errors *fe, const char *name)
{
	int	i, j, n = 0;

	for (i = j = 0; i < fe->n; i++) {
		if (strcmp(fe->field[i], name) == 0) {
			n++;
			continue;
		}
		fe->field[j] = fe->field[i];
		fe->message[j++] = fe->message[i];
	}
	fe->n = j;
	return n;
}

/*
 * Registration (users.md §4.1) and managed organizations (integrators.md
 * §4.1).  managed: 0 public; 1 with api_user_id (checked); 2 the
 * ApiUser's own route (api_user_id ignored).  The checks after the table
 * that need the caller, errors appended in this order.
 */
static void
reg_more(struct api_call *c, struct reg_body *b, int bad_uid,
    struct field_errors *fe)
{
	const char	*uid;
	char		*lc;

	if (b->managed && b->type.present && strcmp(b->type.v, "ApiUser") == 0 &&
	    !http_field_has_error(fe, "organizationType"))
		http_field_error(c->a, fe, "organizationType", "\"ApiUser\" is not "
		    "allowed for a managed organization; use Developer or Buyer");
	if (b->managed == 1) {
		uid = !bad_uid && b->api_user_id.present &&
		    !b->api_user_id.null ? b->api_user_id.v : NULL;
		lc = uid ? arena_strdup(c->a, uid) : NULL;
		if (lc == NULL || !api_uuid_text(lc) ||
		    strcmp(lc, c->au.uid) != 0)
			http_field_error(c->a, fe, "api_user_id", "must be your own "
			    "api_user_id (%s) or null", c->au.uid);
	}
}

/*
 * users.md §4.1 check 1: a non-null api_user_id makes a managed
 * organization (integrators §4.1): the caller authenticates as an ApiUser
 * with the organizations scope before the field errors answer.
 */
static int
register_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct reg_body	*b = in;
	int		 bad = fe_drop(fe, "api_user_id") > 0;

	if (bad || (b->api_user_id.present && !b->api_user_id.null)) {
		if (api_authenticate(c) != 0 || api_restricted(c) != 0)
			return -1;
		if (c->role_bit != ROLE_APIUSER) {
			api_failf(c, E_FORBIDDEN, "Only an ApiUser may "
			    "register an organization under an api_user_id");
			return -1;
		}
		if (api_apiuser_scope(c, SCOPE_ORGANIZATIONS) != 0)
			return -1;
		b->managed = 1;
	}
	reg_more(c, b, bad, fe);
	return 0;
}

/* An ApiUser's new organization: api_user_id is ignored. */
static int
au_org_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct reg_body	*b = in;

	fe_drop(fe, "api_user_id");
	b->managed = 2;
	reg_more(c, b, 0, fe);
	return 0;
}

static const struct jfield reg_fields[] = {
	REG_FIELDS("With an ApiUser's token: the caller's own api_user_id "
	    "(a managed organization); else absent or null"),
};

static const struct jfield au_org_fields[] = {
	REG_FIELDS("Ignored"),
};

const struct api_input api_in_register = {
	.size = sizeof(struct reg_body),
	.body = JTABLE(reg_fields, struct reg_body),
	.check = register_check,
	.doc = "Registers a user with a new organization",
};

const struct api_input api_in_apiuser_org = {
	.size = sizeof(struct reg_body),
	.body = JTABLE(au_org_fields, struct reg_body),
	.check = au_org_check,
	.doc = "Registers an organization managed by the calling ApiUser",
};

static void
register_as(struct api_call *c)
{
	const struct reg_body	*b = c->in;
	struct account_new	 n;
	enum ecode		 code;
	int64_t			 id = 0;
	enum err		 e;

	memset(&n, 0, sizeof(n));
	n.first_name = b->first.v;
	n.last_name = b->last.v;
	n.email = b->email.v;
	n.password = b->password.v;
	n.org_type = b->type.v;
	/* The top role of the type (org_types: Developer, Buyer, ApiUser). */
	n.role = strcmp(b->type.v, "ApiUser") == 0 ? "ApiUser" :
	    dom_role_manager(b->type.v);
	n.org_name = b->org.v;
	n.org_address = b->address.present ? b->address.v : NULL;
	n.managing_api_user_id = b->managed ? c->au.id : 0;
	/* accounts.md §3.1: a public registration is mailed; a managed
	 * organization's user stays unconfirmed, unmailed (integrators §4.1). */
	if (b->managed)
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
	register_as(c);
}

void
api_apiuser_org_create(struct api_call *c)
{
	register_as(c);
}

void
api_user_me(struct api_call *c)
{
	struct strbuf	sb;
	struct jw	w;

	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_render_user_au(&w, &c->user, c->role_bit == ROLE_APIUSER ? &c->au :
	    NULL);
	api_json(c, 200, &sb);
}

struct pw_body {
	struct jstr old, new, confirm;
};

static const char *c_new(struct arena *a, void *d, void *x)
{
	return api_fld_password(a, &((struct pw_body *)d)->new);
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
	{ "oldPassword", JT_STRING, 1, offsetof(struct pw_body, old), NULL,
	    .doc = "The current password" },
	{ "newPassword", JT_STRING, 1, offsetof(struct pw_body, new), c_new,
	    .doc = "The new password (the password policy)" },
	{ "confirmPassword", JT_STRING, 0, offsetof(struct pw_body, confirm),
	    c_new_confirm, .doc = "The new password again, exactly" },
};

const struct api_input api_in_password = {
	.size = sizeof(struct pw_body),
	.body = JTABLE(pw_fields, struct pw_body),
	.doc = "Changes the caller's password",
};

/* The new password's writes (hash in arg), re-run whole on a deadlock. */
static enum err
password_tx(struct api_call *c, void *arg)
{
	return api_acct_password_set(c, &c->user, arg, c->jti);
}

void
api_user_password(struct api_call *c)
{
	const struct pw_body	*b = c->in;
	char			 hash[128];
	enum err		 e;

	if (strlen(b->old.v) != b->old.len ||
	    !crypto_password_verify(b->old.v, c->user.password_hash)) {
		api_fail(c, E_INCORRECT_CURRENT_PASSWORD);
		return;
	}
	if (crypto_password_hash(b->new.v, c->ctx->cfg->bcrypt_cost, hash,
	    sizeof(hash)) != 0) {
		api_db_error(c, ERR_CRYPTO);
		return;
	}
	e = api_acct_tx(c, password_tx, hash);
	crypto_wipe(hash, sizeof(hash));
	if (e != ERR_OK)
		api_db_error(c, e);
	else
		api_reply_user(c, 200, c->user.id);
}

struct profile_body {
	struct jstr first, last, email, old;
};

#define PRO(f) (&((struct profile_body *)d)->f)
static const char *p_first(struct arena *a, void *d, void *x) { return api_fld_text(a, PRO(first), 255); }
static const char *p_last(struct arena *a, void *d, void *x) { return api_fld_text(a, PRO(last), 255); }
static const char *p_email(struct arena *a, void *d, void *x) { return api_fld_email(a, PRO(email)); }

static const struct jfield profile_fields[] = {
	{ "firstName", JT_STRING, 0, offsetof(struct profile_body, first),
	    p_first, .doc = "A new first name (1-255 characters)" },
	{ "lastName", JT_STRING, 0, offsetof(struct profile_body, last),
	    p_last, .doc = "A new last name (1-255 characters)" },
	{ "email", JT_STRING, 0, offsetof(struct profile_body, email),
	    p_email, .doc = "A new e-mail address (needs oldPassword and a "
	    "password session)" },
	{ "oldPassword", JT_STRING, 0, offsetof(struct profile_body, old),
	    NULL, .doc = "The current password, when email changes" },
};

/*
 * oldPassword when the e-mail changes; then at least one of the three
 * (users.md §4.6), one sentence for them, answered alone.
 */
static int
profile_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct profile_body	*b = in;
	struct field_errors	 one = { 0 };

	if (b->email.present && !http_field_has_error(fe, "email") &&
	    strcmp(b->email.v, c->user.email) != 0 && !b->old.present &&
	    !http_field_has_error(fe, "oldPassword"))
		http_field_error(c->a, fe, "oldPassword", "missing; the current "
		    "password is required to change email");
	if (fe->n > 0 || b->first.present || b->last.present ||
	    b->email.present)
		return 0;
	one.field[0] = "firstName";
	one.field[1] = "lastName";
	one.field[2] = "email";
	one.message[0] = "at least one of firstName, lastName, email "
	    "is required";
	one.n = 3;
	api_fail_fields(c, E_INVALID_FIELD, &one);
	return -1;
}

const struct api_input api_in_profile = {
	.size = sizeof(struct profile_body),
	.body = JTABLE(profile_fields, struct profile_body),
	.check = profile_check,
	.doc = "Changes the caller's names or e-mail address",
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
		struct account_mail conf = { .tpl = "confirm_email", .to = x->email,
		    .user_id = c->user.id };
		struct account_mail old = { .tpl = "email_changed",
		    .to = c->user.email, .user_id = c->user.id,
		    .other = x->email };

		if ((e = db_user_set_confirmed(c->db, c->user.id, 0)) != ERR_OK ||
		    (e = db_token_delete(c->db, c->user.id, NULL, 0)) != ERR_OK ||
		    (e = account_token_mail(c->db, c->ctx->cfg, c->now,
		    "confirm_email", c->user.id, x->email, 0,
		    c->ctx->cfg->email_confirm_ttl_s, &conf)) != ERR_OK ||
		    (e = account_mail(c->db, c->ctx->cfg, c->now, &old)) != ERR_OK)
			return e;
	}
	return e;
}

void
api_user_profile(struct api_call *c)
{
	struct profile_body	*b = c->in;
	struct profile_tx	 x;
	const char		*email = NULL;
	enum err		 e;

	if (b->email.present && strcmp(b->email.v, c->user.email) != 0 &&
	    c->cred_id != 0) {
		/* integrators.md §3.2: after the field checks. */
		api_failf(c, E_PASSWORD_SESSION_REQUIRED, "Changing the "
		    "e-mail needs a password session (POST /api/auth/login)");
		return;
	}
	if (b->email.present && strcmp(b->email.v, c->user.email) != 0) {
		email = b->email.v;
		if (strlen(b->old.v) != b->old.len ||
		    !crypto_password_verify(b->old.v, c->user.password_hash)) {
			api_fail(c, E_INCORRECT_CURRENT_PASSWORD);
			return;
		}
	}
	x.b = b;
	x.email = email;
	e = api_acct_tx(c, profile_write, &x);
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
