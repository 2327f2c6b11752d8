/*
 * Forgotten passwords (accounts.md §4.1-4.3, §5.7) and the own-e-mail
 * password form of clients.md §4.1.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "crypto/crypto.h"
#include "domain/user_rules.h"
#include "api/accounts.h"
#include "api/inputs.h"
#include "api/fields.h"

#define HOUR_MS		(3600LL * 1000)
#define RESET_MAX	3	/* attempts per address and hour (§4.1) */
#define FORGET_MSG	"If this address belongs to an account, a password " \
			"reset link has been sent to it"

struct forget_body {
	struct jstr email;
};

static const char *
f_email(struct arena *a, void *d, void *x)
{
	(void)x;
	return api_fld_email(a, &((struct forget_body *)d)->email);
}

static const struct jfield forget_fields[] = {
	{ "email", JT_STRING, 1, offsetof(struct forget_body, email), f_email,
	    .doc = "The e-mail address of the account" },
};

const struct api_input api_in_forget = {
	.size = sizeof(struct forget_body),
	.body = JTABLE(forget_fields, struct forget_body),
	.doc = "Asks for a password reset link by e-mail",
};

struct forget {
	const unsigned char	*sha;
	const struct db_user	*u;
};

static enum err
attempt_tx(struct api_call *c, void *arg)
{
	return db_reset_attempt_insert(c->db, ((struct forget *)arg)->sha,
	    c->now);
}

static enum err
forget_mail_tx(struct api_call *c, void *arg)
{
	const struct db_user	*u = ((struct forget *)arg)->u;
	struct account_mail	 m = { .tpl = "password_reset", .to = u->email,
	    .user_id = u->id };

	return account_token_mail(c->db, c->ctx->cfg, c->now, "password_reset",
	    u->id, u->email, 0, c->ctx->cfg->password_reset_ttl_s, &m);
}

void
api_forget_password(struct api_call *c)
{
	const struct forget_body *b = c->in;
	struct forget		 x;
	struct db_user		 u;
	unsigned char		 sha[32];
	int64_t			 count = 0;
	enum err		 e, ue;
	int			 recorded = 0;

	/* The same work for every address (§4.1). */
	crypto_sha256(b->email.v, strlen(b->email.v), sha);
	ue = db_user_by_email(c->db, c->a, b->email.v, &u);
	if (ue != ERR_OK && ue != ERR_NOTFOUND) {
		api_db_error(c, ue);
		return;
	}
	if ((e = db_reset_attempts(c->db, sha, c->now - HOUR_MS, &count)) !=
	    ERR_OK) {
		api_db_error(c, e);
		return;
	}
	x.sha = sha;
	x.u = &u;
	if (count < RESET_MAX) {
		if ((e = api_acct_tx(c, attempt_tx, &x)) != ERR_OK) {
			api_db_error(c, e);
			return;
		}
		recorded = 1;
	}
	api_acct_reply_message(c, 200, FORGET_MSG);
	/* After the answer: the token and its mail (lost if we die now). */
	if (recorded && ue == ERR_OK && api_acct_user_live(&u, c->now) &&
	    (e = api_acct_tx(c, forget_mail_tx, &x)) != ERR_OK)
		api_db_error(c, e);	/* logged; the answer is already sent */
}

struct pw_body {
	struct jstr	neu, confirm, old;
	char		*token;		/* reset_check: the path's, lower-case */
};

static const char *
p_new(struct arena *a, void *d, void *x)
{
	(void)x;
	return api_fld_password(a, &((struct pw_body *)d)->neu);
}

static const char *
p_confirm(struct arena *a, void *d, void *x)
{
	struct pw_body *b = d;

	(void)a;
	(void)x;
	if (b->neu.present && (b->neu.len != b->confirm.len ||
	    memcmp(b->neu.v, b->confirm.v, b->neu.len) != 0))
		return "does not match newPassword; repeat it exactly";
	return NULL;
}

static const struct jfield reset_fields[] = {
	{ "newPassword", JT_STRING, 1, offsetof(struct pw_body, neu), p_new,
	    .doc = "The new password (the password policy)" },
	{ "confirmPassword", JT_STRING, 0, offsetof(struct pw_body, confirm),
	    p_confirm, .doc = "The new password again, exactly" },
};

/* The token's syntax (a path parameter) answers before the body. */
static int
reset_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct pw_body *b = in;

	(void)fe;
	b->token = arena_strdup(c->a, api_param(c, "token"));
	if (account_token_syntax(b->token) != 0) {
		api_acct_token_invalid(c);
		return -1;
	}
	return 0;
}

const struct api_input api_in_reset = {
	.size = sizeof(struct pw_body),
	.body = JTABLE(reset_fields, struct pw_body),
	.check = reset_check,
	.doc = "Sets a new password with a reset (or invitation) token",
};

/* clients.md §4.1: confirmPassword required; oldPassword optional. */
static const struct jfield own_fields[] = {
	{ "newPassword", JT_STRING, 1, offsetof(struct pw_body, neu), p_new,
	    .doc = "The new password (the password policy)" },
	{ "confirmPassword", JT_STRING, 1, offsetof(struct pw_body, confirm),
	    p_confirm, .doc = "The new password again, exactly" },
	{ "oldPassword", JT_STRING, 0, offsetof(struct pw_body, old), NULL,
	    .doc = "The current password (else a login within "
	    "password_reset_fresh_s)" },
};

const struct api_input api_in_reset_own = {
	.size = sizeof(struct pw_body),
	.body = JTABLE(own_fields, struct pw_body),
	.doc = "Sets the caller's own password (the path names its e-mail)",
};

enum reset_out { RS_OK, RS_INVALID, RS_EXPIRED };

struct reset {
	const char	*hash;		/* the token's */
	const char	*pw_hash;	/* bcrypt of the new password */
	enum reset_out	 out;
	int64_t		 expired_at;
	int64_t		 user_id;
};

/* §5.7: the invitation behind a token, accepted with the new password. */
static enum err
reset_invitation(struct api_call *c, struct reset *x, const struct db_token *t,
    const struct db_user *u)
{
	struct db_invitation	v;
	struct db_org		o;
	enum err		e;

	if ((e = db_invitation_get(c->db, c->a, t->invitation_id, 1, &v)) !=
	    ERR_OK)
		return e;
	if (strcmp(v.status, "Pending") != 0 || v.expires_at <= c->now ||
	    v.invitee_user_id != u->id)
		return ERR_NOTFOUND;
	if (v.created_user ? strcmp(u->status, "Pending") != 0 ||
	    u->org.id != v.org_id : strcmp(u->status, "Deleted") != 0)
		return ERR_NOTFOUND;
	if ((e = db_org_lock(c->db, v.org_id)) != ERR_OK ||
	    (e = db_org_by_id(c->db, c->a, v.org_id, &o)) != ERR_OK)
		return e;
	if (strcmp(o.status, "Active") != 0)
		return ERR_NOTFOUND;
	if ((e = db_user_join(c->db, u->id, v.org_id, v.role, x->pw_hash,
	    c->now)) != ERR_OK ||
	    (e = db_invitation_set_status(c->db, v.id, "Accepted", c->now)) !=
	    ERR_OK ||
	    (e = db_token_use(c->db, t->id, c->now)) != ERR_OK ||
	    (e = db_token_delete(c->db, u->id, "password_reset", 0)) != ERR_OK)
		return e;
	x->out = RS_OK;
	return ERR_OK;
}

/* The effects of a new password shared by §4.2, §4.3 and clients §4.1:
 * keep_jti NULL ends every session. */
enum err
api_acct_password_set(struct api_call *c, const struct db_user *u,
    const char *pw_hash, const char *keep_jti)
{
	struct account_mail	m = { .tpl = "password_changed", .to = u->email,
	    .user_id = u->id };
	enum err		e;

	if ((e = db_user_set_password(c->db, u->id, pw_hash, c->now)) !=
	    ERR_OK ||
	    (e = db_token_delete(c->db, u->id, "password_reset", 0)) != ERR_OK ||
	    (e = db_session_delete_user(c->db, u->id, keep_jti)) != ERR_OK)
		return e;
	return account_mail(c->db, c->ctx->cfg, c->now, &m);
}

static enum err
reset_tx(struct api_call *c, void *arg)
{
	struct reset	*x = arg;
	struct db_token	 t;
	struct db_user	 u;
	enum err	 e;

	x->out = RS_INVALID;
	if ((e = db_token_lock(c->db, c->a, x->hash, &t)) != ERR_OK)
		return e;
	if ((strcmp(t.purpose, "password_reset") != 0 &&
	    strcmp(t.purpose, "invitation") != 0) || t.used)
		return ERR_NOTFOUND;
	if ((e = db_user_by_id(c->db, c->a, t.user_id, &u)) != ERR_OK)
		return e;
	if (strcmp(t.email, u.email) != 0)
		return ERR_NOTFOUND;
	if (t.expires_at <= c->now) {
		x->out = RS_EXPIRED;
		x->expired_at = t.expires_at;
		return ERR_NOTFOUND;
	}
	x->user_id = u.id;
	if (strcmp(t.purpose, "invitation") == 0)
		return reset_invitation(c, x, &t, &u);
	if (!api_acct_user_live(&u, c->now))
		return ERR_NOTFOUND;
	if ((e = db_token_use(c->db, t.id, c->now)) != ERR_OK ||
	    (e = api_acct_password_set(c, &u, x->pw_hash, NULL)) != ERR_OK)
		return e;
	if (u.email_confirmed_at == NULL &&
	    (e = db_user_set_confirmed(c->db, u.id, c->now)) != ERR_OK)
		return e;
	x->out = RS_OK;
	return ERR_OK;
}

/* bcrypt of b->neu into out; 0, or answered. */
static int
pw_hash(struct api_call *c, const struct pw_body *b, char *out, size_t len)
{
	if (crypto_password_hash(b->neu.v, c->ctx->cfg->bcrypt_cost, out,
	    len) != 0) {
		api_db_error(c, ERR_DB);
		return -1;
	}
	return 0;
}

void
api_reset_password(struct api_call *c)
{
	const struct pw_body *b = c->in;
	struct reset	 x;
	char		 hash[ACCOUNT_TOKEN_HEX + 1], pw[128];
	enum err	 e;

	/* The token's syntax was checked before the body (reset_check). */
	if (pw_hash(c, b, pw, sizeof(pw)) != 0)
		return;
	account_token_hash(b->token, hash);
	memset(&x, 0, sizeof(x));
	x.hash = hash;
	x.pw_hash = pw;
	e = api_acct_tx(c, reset_tx, &x);
	crypto_wipe(pw, sizeof(pw));
	if (e != ERR_OK && e != ERR_NOTFOUND)
		api_db_error(c, e);
	else if (x.out == RS_OK)
		api_reply_user(c, 200, x.user_id);
	else if (x.out == RS_EXPIRED)
		api_acct_token_expired(c, x.expired_at);
	else
		api_acct_token_invalid(c);
}

struct own {
	const char	*pw_hash;
};

static enum err
own_tx(struct api_call *c, void *arg)
{
	return api_acct_password_set(c, &c->user, ((struct own *)arg)->pw_hash,
	    c->jti);
}

void
api_reset_password_own(struct api_call *c)
{
	const struct pw_body *b = c->in;
	struct own	 x;
	char		*email, pw[128];
	int64_t		 created;
	enum err	 e;

	/* A client session was answered 403 PASSWORD_SESSION_REQUIRED in
	 * the role step, before the body (route pw_session, integrators.md
	 * §3.2): only a password session gets here. */
	email = arena_strdup(c->a, api_param(c, "token"));
	dom_trim(email);
	if (strcasecmp(email, c->user.email) != 0) {
		api_failf(c, E_USER_NOT_FOUND, "%s is not your e-mail "
		    "address; use PUT /api/user/password for your own account",
		    "The address in the path");
		return;
	}
	if (b->old.present) {
		if (strlen(b->old.v) != b->old.len ||
		    !crypto_password_verify(b->old.v, c->user.password_hash)) {
			api_fail(c, E_INCORRECT_CURRENT_PASSWORD);
			return;
		}
	} else {
		if ((e = db_session_created(c->db, c->jti, &created)) != ERR_OK) {
			api_db_error(c, e);
			return;
		}
		if (created < c->now - (int64_t)c->ctx->cfg->password_reset_fresh_s
		    * 1000) {
			api_failf(c, E_REAUTHENTICATION_REQUIRED, "Changing "
			    "the password without oldPassword needs a login "
			    "within the last %ld minutes; log in again or send "
			    "oldPassword", c->ctx->cfg->password_reset_fresh_s / 60);
			return;
		}
	}
	if (pw_hash(c, b, pw, sizeof(pw)) != 0)
		return;
	x.pw_hash = pw;
	e = api_acct_tx(c, own_tx, &x);
	crypto_wipe(pw, sizeof(pw));
	if (e != ERR_OK)
		api_db_error(c, e);
	else
		api_reply_user(c, 200, c->user.id);
}
