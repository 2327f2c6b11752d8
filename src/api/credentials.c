/*
 * Client credentials and client sessions (integrators.md §3): creation,
 * listing, revocation, the first credential's public export and
 * POST /api/auth/getAccess.  Secrets come from RAND_bytes, are shown
 * once, stored as SHA-256 and compared with CRYPTO_memcmp; never logged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "crypto/crypto.h"
#include "domain/user_rules.h"
#include "api/api.h"
#include "api/apiusers.h"
#include "api/inputs.h"

#define CRED_MAX		2	/* at a time, to rotate (§3.1) */
#define CT_TEXT			"text/plain; charset=utf-8"

/* A new client_id (32 hex), secret (64 hex) and its SHA-256 (64 HEX). */
static int
cred_new(char id[33], char secret[65], char hash[65])
{
	unsigned char	raw[32], sum[32];
	size_t		i;

	if (crypto_random_hex128(id) != 0 || crypto_random(raw, 32) != 0)
		return -1;
	crypto_hex(raw, 32, secret);
	crypto_wipe(raw, sizeof(raw));
	crypto_sha256(secret, 64, sum);
	crypto_hex(sum, 32, hash);
	for (i = 0; i < 64; i++)	/* MariaDB's HEX() is upper-case */
		if (hash[i] >= 'a' && hash[i] <= 'f')
			hash[i] = (char)(hash[i] - 'a' + 'A');
	return 0;
}

/* A credential to mint (cred_mint_tx) and the 409 code it met. */
struct mint {
	int64_t		 au_id;
	int		 export;
	const char	*id, *hash;
	enum ecode	 code;		/* out: a 409, or E_NONE */
};

/*
 * One transaction minting a credential for ApiUser au_id (creation: at
 * most CRED_MAX; export: first_credential_at must be set now and no
 * managed organization exist).  m->code names a 409.
 */
static enum err
cred_mint_tx(struct api_call *c, void *arg)
{
	struct mint	*m = arg;
	int64_t		 au_id = m->au_id, n = 0;
	int		 changed = 0;
	enum err	 e;
	enum ecode	*code = &m->code;

	*code = E_NONE;
	if (m->export) {
		if ((e = db_apiuser_first_cred(c->db, au_id, c->now,
		    &changed)) == ERR_OK && changed != 1)
			e = ERR_NOTFOUND;
		if (e == ERR_OK && (e = db_apiuser_managed_count(c->db, au_id,
		    &n)) == ERR_OK && n > 0) {
			*code = E_ACCESS_KEY_EXPORT_CLOSED;
			e = ERR_CONFLICT;
		}
	} else {
		if ((e = db_apiuser_bump(c->db, au_id)) == ERR_OK &&
		    (e = db_cred_count(c->db, au_id, &n)) == ERR_OK &&
		    n >= CRED_MAX) {
			*code = E_CREDENTIAL_LIMIT;
			e = ERR_CONFLICT;
		}
		if (e == ERR_OK)
			e = db_apiuser_first_cred(c->db, au_id, c->now,
			    &changed);
	}
	if (e == ERR_OK)
		e = db_cred_insert(c->db, au_id, m->id, m->hash, c->now);
	return e;
}

/* cred_mint_tx in one transaction with deadlock retries. */
static enum err
cred_mint(struct api_call *c, int64_t au_id, int export,
    const char *id, const char *hash, enum ecode *code)
{
	struct mint	m = { au_id, export, id, hash, E_NONE };
	enum err	e;

	e = api_acct_tx(c, cred_mint_tx, &m);
	*code = m.code;
	return e;
}

void
api_cred_create(struct api_call *c)
{
	struct strbuf	 sb;
	struct jw	 w;
	char		 id[33], secret[65], hash[65], at[32];
	enum ecode	 code;
	enum err	 e;

	if (cred_new(id, secret, hash) != 0) {
		api_db_error(c, ERR_CRYPTO);
		return;
	}
	e = cred_mint(c, c->au.id, 0, id, hash, &code);
	if (e == ERR_CONFLICT && code != E_NONE) {
		crypto_wipe(secret, sizeof(secret));
		api_failf(c, code, "ApiUser %lld already holds %d client "
		    "credentials; revoke one (DELETE /api/apiuser/credentials/"
		    ":clientId) first", (long long)c->user.id, CRED_MAX);
		return;
	}
	if (e != ERR_OK) {
		crypto_wipe(secret, sizeof(secret));
		api_db_error(c, e);
		return;
	}
	time_format_iso(c->now, at);
	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "client_id");
	jw_str(&w, id);
	jw_key(&w, "client_secret");
	jw_str(&w, secret);
	jw_key(&w, "createdAt");
	jw_str(&w, at);
	jw_obj_close(&w);
	crypto_wipe(secret, sizeof(secret));
	http_add_header(c->req, "Cache-Control", "no-store");
	api_json(c, 201, &sb);
	crypto_wipe(sb.buf, sb.len);
	strbuf_cleanup(&sb);
}

void
api_cred_list(struct api_call *c)
{
	struct db_cred_row	*r;
	struct strbuf		 sb;
	struct jw		 w;
	int			 n, i;
	enum err		 e;

	if ((e = db_cred_list(c->db, c->a, c->au.id, &r, &n)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_key(&w, "client_id");
		jw_str(&w, r[i].client_id);
		jw_key(&w, "createdAt");
		jw_str(&w, r[i].created_at);
		jw_key(&w, "lastUsedAt");
		jw_str(&w, r[i].last_used_at);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	api_json(c, 200, &sb);
}

/* 32 hex characters, lower-cased in place; 0 ok. */
static int
client_id_text(char *s)
{
	if (s == NULL || strlen(s) != 32 ||
	    strspn(s, "0123456789abcdefABCDEF") != 32)
		return -1;
	dom_ascii_lower(s);
	return 0;
}

void
api_cred_delete(struct api_call *c)
{
	const char	*ref = api_param(c, "clientId");
	char		*id = arena_strdup(c->a, ref ? ref : "");
	enum err	 e;

	if (client_id_text(id) != 0) {
		api_failf(c, E_INVALID_ID, "clientId: \"%.64s\" is not a "
		    "client_id; 32 hexadecimal characters", ref ? ref : "");
		return;
	}
	/* Its sessions go by ON DELETE CASCADE. */
	if ((e = db_cred_delete(c->db, id, c->au.id)) == ERR_NOTFOUND) {
		api_failf(c, E_CREDENTIAL_NOT_FOUND, "No client credential "
		    "%s of yours", id);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	api_success(c, 200, arena_printf(c->a, "Client credential %s revoked",
	    id));
}

void
api_cred_export(struct api_call *c)
{
	struct db_apiuser	 au;
	struct db_user		 u;
	const char		*ref = api_param(c, "id");
	enum ecode		 code = E_NONE;
	char			*uid = arena_strdup(c->a, ref ? ref : "");
	char			 id[33], secret[65], hash[65], body[128];
	enum err		 e;
	int			 n;

	if (!api_uuid_text(uid)) {
		api_failf(c, E_INVALID_ID, "api_user_id: \"%.64s\" is not "
		    "a UUID", ref ? ref : "");
		return;
	}
	e = db_apiuser_by_uid(c->db, c->a, uid, &au);
	if (e == ERR_OK)
		e = db_user_by_id(c->db, c->a, au.user_id, &u);
	if (e == ERR_OK && (strcmp(u.status, "Active") != 0 ||
	    au.first_cred_at != 0 ||
	    c->now - au.created_at >=
	    (int64_t)c->ctx->cfg->api_user_export_window_s * 1000))
		e = ERR_NOTFOUND;
	if (e == ERR_OK && cred_new(id, secret, hash) != 0)
		e = ERR_CRYPTO;
	if (e == ERR_OK)
		e = cred_mint(c, au.id, 1, id, hash, &code);
	if (e == ERR_NOTFOUND) {
		api_failf(c, E_API_USER_NOT_FOUND, "No ApiUser credential "
		    "can be exported for %s", uid);
		return;
	}
	if (e == ERR_CONFLICT && code != E_NONE) {
		crypto_wipe(secret, sizeof(secret));
		api_failf(c, code, "The first credential of ApiUser %s "
		    "can no longer be exported: it manages an organization; "
		    "log in and use POST /api/apiuser/credentials", uid);
		return;
	}
	if (e != ERR_OK) {
		crypto_wipe(secret, sizeof(secret));
		api_db_error(c, e);
		return;
	}
	n = snprintf(body, sizeof(body), "client_id=%s\nclient_secret=%s\n",
	    id, secret);
	crypto_wipe(secret, sizeof(secret));
	http_add_header(c->req, "Content-Disposition",
	    "attachment; filename=\"drec-client-credentials.txt\"");
	http_add_header(c->req, "Cache-Control", "no-store");
	http_respond(c->req, 200, CT_TEXT, body, (size_t)n);
	crypto_wipe(body, sizeof(body));
}

struct access_body {
	struct jstr	id, secret;
};

static const struct jfield access_fields[] = {
	{ "client_id", JT_STRING, 1, offsetof(struct access_body, id), NULL,
	    .doc = "The client id (32 hexadecimal digits, any case)" },
	{ "client_secret", JT_STRING, 1,
	    offsetof(struct access_body, secret), NULL,
	    .doc = "The client secret" },
};

const struct api_input api_in_get_access = {
	.size = sizeof(struct access_body),
	.body = JTABLE(access_fields, struct access_body),
	.doc = "Exchanges client credentials for an access token",
};

void
api_get_access(struct api_call *c)
{
	static const char	 dummy[65] =
	    "0000000000000000000000000000000000000000000000000000000000000000";
	const struct access_body *b = c->in;
	struct db_cred		 cr;
	struct db_user		 u;
	struct strbuf		 sb;
	struct jw		 w;
	unsigned char		 sum[32];
	char			 hex[65], *id, *tok;
	size_t			 i;
	enum err		 e;
	int			 match;

	id = arena_strdup(c->a, b->id.v);
	dom_ascii_lower(id);
	e = (strlen(id) == 32) ? db_cred_by_client(c->db, c->a, id, &cr) :
	    ERR_NOTFOUND;
	if (e != ERR_OK && e != ERR_NOTFOUND) {
		api_db_error(c, e);
		return;
	}
	/* The same work for an unknown id: compare with a dummy hash. */
	crypto_sha256(b->secret.v, b->secret.len, sum);
	crypto_hex(sum, 32, hex);
	for (i = 0; i < 64; i++)
		if (hex[i] >= 'a' && hex[i] <= 'f')
			hex[i] = (char)(hex[i] - 'a' + 'A');
	match = crypto_memeq(hex, e == ERR_OK && strlen(cr.secret_hex) == 64 ?
	    cr.secret_hex : dummy, 64);
	if (e != ERR_OK || !match || strcmp(cr.user_status, "Active") != 0 ||
	    strcmp(cr.org_status, "Active") != 0 ||
	    db_user_by_id(c->db, c->a, cr.user_id, &u) != ERR_OK) {
		api_fail(c, E_INVALID_CLIENT);
		return;
	}
	if ((tok = api_token_issue(c, &u, cr.id, id,
	    c->ctx->cfg->client_token_ttl_s)) == NULL)
		return;
	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "accessToken");
	jw_str(&w, tok);
	jw_key(&w, "tokenType");
	jw_str(&w, "Bearer");
	jw_key(&w, "expiresIn");
	jw_int(&w, c->ctx->cfg->client_token_ttl_s);
	jw_obj_close(&w);
	crypto_wipe(tok, strlen(tok));
	free(tok);
	http_add_header(c->req, "Cache-Control", "no-store");
	api_json(c, 200, &sb);
	crypto_wipe(sb.buf, sb.len);
	strbuf_cleanup(&sb);
}
