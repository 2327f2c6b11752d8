/*
 * Authentication (CONVENTIONS §3, users.md §1, §4.2-4.3): bearer token
 * verification, login and logout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/log.h"
#include "crypto/crypto.h"
#include "domain/user_rules.h"
#include "api/api.h"
#include "api/inputs.h"
#include "api/accounts.h"

#define SESSIONS_MAX 50		/* password sessions (users.md §4.2) */
#define CLIENT_SESSIONS_MAX 100	/* per credential (integrators.md §3.2) */
#define MSG_UNAUTHORIZED "Missing, invalid or expired access token"

static int
unauthorized(struct api_call *c)
{
	api_failf(c, E_UNAUTHORIZED, MSG_UNAUTHORIZED);
	return -1;
}

/* Integer claim name of o, or -1 when absent or not an integer. */
static int64_t
claim_int(struct json_object *o, const char *name)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, name, &v) ||
	    !json_object_is_type(v, json_type_int))
		return -1;
	return json_object_get_int64(v);
}

/* Reads the claims we need from a verified payload; 0 ok. */
static int
claims_read(struct api_call *c, const char *payload, int64_t *uid,
    int64_t *exp, char jti[33])
{
	struct json_object	*o, *v;
	const char		*s;

	if (http_json_parse_strict(c->a, payload, strlen(payload), 4, &o, &s) != 0)
		return -1;
	*uid = claim_int(o, "id");
	*exp = claim_int(o, "exp");
	if (*uid < 1 || *exp < 0 || !json_object_object_get_ex(o, "jti", &v) ||
	    !json_object_is_type(v, json_type_string))
		return -1;
	s = json_object_get_string(v);
	if (strlen(s) != 32 || strspn(s, "0123456789abcdef") != 32)
		return -1;
	memcpy(jti, s, 33);
	return 0;
}

int
api_authenticate(struct api_call *c)
{
	const char	*h = c->req->authorization, *tok;
	const char	*sec = c->ctx->cfg->jwt_secret;
	char		*payload = NULL, jti[33];
	int64_t		 uid = 0, exp = 0, suid, sexp;
	enum err	 e;
	int		 ok;

	if (h == NULL || strncasecmp(h, "Bearer ", 7) != 0)
		return unauthorized(c);
	for (tok = h + 7; *tok == ' '; tok++)
		;
	if (crypto_jwt_verify(sec, strlen(sec), tok, &payload) != 0)
		return unauthorized(c);
	ok = claims_read(c, payload, &uid, &exp, jti) == 0;
	free(payload);
	/* exp is in seconds; it must be later than the effective now. */
	if (!ok || exp > INT64_MAX / 1000 || exp * 1000 <= c->now)
		return unauthorized(c);
	/* The session and its user in one round trip. */
	e = db_session_user(c->db, c->a, jti, &suid, &sexp, &c->cred_id,
	    &c->user);
	if (e == ERR_NOTFOUND || (e == ERR_OK && (suid != uid ||
	    sexp <= c->now || !api_acct_user_live(&c->user, c->now))))
		return unauthorized(c);
	if (e != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	c->authed = 1;
	c->role_bit = dom_role_bit(c->user.role, c->user.org.type);
	memcpy(c->jti, jti, sizeof(jti));
	if (c->role_bit == ROLE_APIUSER && (e = db_apiuser_by_user(c->db, c->a,
	    c->user.id, &c->au)) != ERR_OK) {
		api_db_error(c, e == ERR_NOTFOUND ? ERR_DB : e);
		return -1;
	}
	return 0;
}

struct login_body {
	struct jstr	username;
	struct jstr	email;
	struct jstr	password;
};

static const struct jfield login_fields[] = {
	{ "username", JT_STRING, 0, offsetof(struct login_body, username),
	    NULL, .doc = "The e-mail address (or send it as email)" },
	{ "email", JT_STRING, 0, offsetof(struct login_body, email), NULL,
	    .doc = "The e-mail address, when username is not sent" },
	{ "password", JT_STRING, 1, offsetof(struct login_body, password),
	    NULL, .doc = "The password" },
};

/* username or email is required; the error goes first (field order). */
static int
login_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct login_body *b = in;

	(void)c;
	if (b->username.present || b->email.present ||
	    http_field_has_error(fe, "username") || http_field_has_error(fe, "email") ||
	    fe->n >= FIELD_ERRORS_MAX)
		return 0;
	memmove(&fe->field[1], &fe->field[0], sizeof(fe->field[0]) * fe->n);
	memmove(&fe->message[1], &fe->message[0],
	    sizeof(fe->message[0]) * fe->n);
	fe->field[0] = "username";
	fe->message[0] = "username: is required; a string (the e-mail "
	    "address)";
	fe->n++;
	return 0;
}

const struct api_input api_in_login = {
	.size = sizeof(struct login_body),
	.body = JTABLE(login_fields, struct login_body),
	.check = login_check,
	.doc = "Signs in with an e-mail address and a password",
};

/* The session row a new token gets (session_tx). */
struct session {
	int64_t		 user_id, cred_id, exp_ms;
	const char	*jti;
};

/* A client credential's session (capped per credential), else a user's. */
static enum err
session_tx(struct api_call *c, void *arg)
{
	struct session	*s = arg;
	enum err	 e;

	if (s->cred_id != 0)
		return db_cred_session(c->db, s->cred_id, s->user_id, s->jti,
		    c->now, s->exp_ms, CLIENT_SESSIONS_MAX);
	if ((e = db_session_prune(c->db, s->user_id, c->now,
	    SESSIONS_MAX - 1)) != ERR_OK)
		return e;
	return db_session_insert(c->db, s->jti, s->user_id, c->now, s->exp_ms);
}

char *
api_token_issue(struct api_call *c, const struct db_user *u, int64_t cred_id,
    const char *cid, long ttl_s)
{
	const struct config	*cfg = c->ctx->cfg;
	struct strbuf		 sb;
	struct jw		 w;
	char			 jti[33], *tok = NULL;
	int64_t			 iat = c->now / 1000, exp;
	struct session		 s;
	enum err		 e;

	exp = iat + ttl_s;
	if (crypto_random_hex128(jti) != 0) {
		api_db_error(c, ERR_CRYPTO);
		return NULL;
	}
	s.user_id = u->id;
	s.cred_id = cred_id;
	s.exp_ms = exp * 1000;
	s.jti = jti;
	if ((e = api_acct_tx(c, session_tx, &s)) != ERR_OK) {
		api_db_error(c, e);
		return NULL;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "email");
	jw_str(&w, u->email);
	jw_key(&w, "id");
	jw_int(&w, u->id);
	jw_key(&w, "role");
	jw_str(&w, u->role);
	jw_key(&w, "iat");
	jw_int(&w, iat);
	jw_key(&w, "exp");
	jw_int(&w, exp);
	jw_key(&w, "jti");
	jw_str(&w, jti);
	if (cid != NULL) {
		jw_key(&w, "cid");
		jw_str(&w, cid);
	}
	jw_obj_close(&w);
	tok = crypto_jwt_sign(cfg->jwt_secret, strlen(cfg->jwt_secret), sb.buf);
	if (tok == NULL)
		api_db_error(c, ERR_CRYPTO);
	return tok;
}

void
api_login(struct api_call *c)
{
	const struct login_body	*b = c->in;
	struct db_user		 u;
	struct strbuf		 sb;
	struct jw		 w;
	char			*email, *tok;
	const char		*hash;
	enum err		 e;
	int			 match;

	email = arena_strdup(c->a, b->username.present ? b->username.v : b->email.v);
	dom_ascii_lower(dom_trim(email));
	e = db_user_by_email(c->db, c->a, email, &u);
	if (e != ERR_OK && e != ERR_NOTFOUND) {
		api_db_error(c, e);
		return;
	}
	/* Same work for an unknown user: verify against a dummy hash. */
	/* A Pending user's marker ('!' + hex, accounts.md §2.1) never
	 * verifies: it costs the dummy comparison too. */
	hash = (e == ERR_OK && u.password_hash[0] != '!') ? u.password_hash :
	    crypto_password_dummy_hash(c->ctx->cfg->bcrypt_cost);
	match = crypto_password_verify(b->password.v, hash);
	if (strlen(b->password.v) != b->password.len)
		match = 0;
	if (e != ERR_OK || !match || u.password_hash[0] == '!' ||
	    !api_acct_user_live(&u, c->now)) {
		api_fail(c, E_INVALID_CREDENTIALS);
		return;
	}
	if ((tok = api_token_issue(c, &u, 0, NULL,
	    c->ctx->cfg->jwt_lifetime_s)) == NULL)
		return;
	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "accessToken");
	jw_str(&w, tok);
	jw_obj_close(&w);
	crypto_wipe(tok, strlen(tok));
	free(tok);
	api_json(c, 200, &sb);
	crypto_wipe(sb.buf, sb.len);
	strbuf_cleanup(&sb);
}

void
api_logout(struct api_call *c)
{
	enum err	e;

	if ((e = db_session_delete(c->db, c->jti)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	api_success(c, 200, "Logout successful");
}
