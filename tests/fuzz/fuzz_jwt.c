/*
 * libFuzzer harness: the JWT parser and verifier (src/crypto/jwt.c,
 * CONVENTIONS §3) and the bearer-token path of api_authenticate
 * (src/api/auth.c, compiled in here for its static claims reader).
 *
 * Input: byte 0 picks the mode, byte 1 a length, the rest is material.
 *  0  the material is an Authorization header value: api_authenticate
 *     must answer 401 UNAUTHORIZED with the one message of §2 (the
 *     effective now is the end of time, so every token is expired and the
 *     database is never reached), and crypto_jwt_verify must refuse the
 *     bare token (it cannot carry our MAC).
 *  1  the first byte-1 bytes are a JOSE header, the rest a payload; the
 *     harness signs them with the secret, so verification reaches the
 *     header and payload parsing: it must succeed exactly when the header
 *     is one JSON object with "alg" exactly "HS256" and no "crit" and the
 *     payload is non-empty without NUL, and then return the payload bytes.
 *  2  the material (cut at NUL) is a payload for crypto_jwt_sign, with a
 *     secret of byte-1 % 48 bytes: the token verifies and returns it.
 * In modes 1 and 2 a verified token is then changed in one byte (position
 * and value from the input) and must be refused, and the token goes
 * through api_authenticate (401, never a crash, never the database).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/arena.h"
#include "core/config.h"
#include "crypto/crypto.h"
#include "api/api.h"
#include "http_stub.h"

#include "api/auth.c"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char secret[] = "fuzz-secret-0123456789abcdef0123456789-fuzz-secret-0123456789ab";

/* api_authenticate on header h: always 401, with the §2 message. */
static void
check_auth(struct arena *a, const char *h)
{
	static struct config	 cfg;
	static struct api_ctx	 actx;
	struct http_req		 req;
	struct api_call		 c;
	struct json_object	*o, *v;

	if (actx.cfg == NULL) {
		config_defaults(&cfg);
		snprintf(cfg.jwt_secret, sizeof(cfg.jwt_secret), "%s", secret);
		actx.cfg = &cfg;
	}
	fuzz_resp_reset();
	http_req_init(&req, NULL, a);
	req.authorization = h;
	memset(&c, 0, sizeof(c));
	c.req = &req;
	c.ctx = &actx;
	c.a = a;
	c.now = INT64_MAX;	/* every exp is past: no database lookup */
	if (api_authenticate(&c) != -1 || fuzz_resp.status != 401 ||
	    fuzz_resp.calls != 1 || c.authed)
		abort();
	if ((o = json_tokener_parse(fuzz_resp.body)) == NULL ||
	    !json_object_object_get_ex(o, "code", &v) ||
	    strcmp(json_object_get_string(v), "UNAUTHORIZED") != 0 ||
	    !json_object_object_get_ex(o, "message", &v) ||
	    strcmp(json_object_get_string(v), MSG_UNAUTHORIZED) != 0)
		abort();
	json_object_put(o);
}

/* The header verification must accept: what jwt.c promises. */
static int
header_acceptable(const uint8_t *h, size_t n)
{
	struct json_tokener	*tk;
	struct json_object	*o, *alg;
	int			 ok = 0;

	if (n == 0 || n > 4096 || (tk = json_tokener_new()) == NULL)
		return 0;
	o = json_tokener_parse_ex(tk, (const char *)h, (int)n);
	if (o != NULL && json_tokener_get_error(tk) == json_tokener_success &&
	    (size_t)json_tokener_get_parse_end(tk) == n &&
	    json_object_is_type(o, json_type_object) &&
	    !json_object_object_get_ex(o, "crit", NULL) &&
	    json_object_object_get_ex(o, "alg", &alg) &&
	    json_object_is_type(alg, json_type_string) &&
	    json_object_get_string_len(alg) == 5 &&
	    memcmp(json_object_get_string(alg), "HS256", 5) == 0)
		ok = 1;
	json_object_put(o);
	json_tokener_free(tk);
	return ok;
}

/* A verified token changed in one byte is refused; then the auth path. */
static void
tamper(struct arena *a, const char *key, size_t klen, const char *tok,
    uint8_t pos, uint8_t val)
{
	char	*t, *h, *out = NULL;
	size_t	 n = strlen(tok), i = pos % n;

	t = arena_strdup(a, tok);
	t[i] = (char)(val == 0 || val == (uint8_t)t[i] ? t[i] ^ 1 : val);
	if (t[i] == '\0')
		t[i] = 'A' == tok[i] ? 'B' : 'A';
	if (crypto_jwt_verify(key, klen, t, &out) == 0)
		abort();	/* a changed token verified */
	if (out != NULL)
		abort();
	h = arena_printf(a, "Bearer %s", tok);
	check_auth(a, h);
}

static void
mode_raw(struct arena *a, const uint8_t *m, size_t n)
{
	char	*h = arena_strndup(a, (const char *)m, n), *out = NULL, *p;

	check_auth(a, h);
	p = strncasecmp(h, "Bearer ", 7) == 0 ? h + 7 : h;
	if (crypto_jwt_verify(secret, sizeof(secret) - 1, p, &out) == 0)
		abort();	/* forged without the secret */
	if (out != NULL)
		abort();
}

static void
mode_signed(struct arena *a, const uint8_t *m, size_t n, uint8_t hl,
    uint8_t pos, uint8_t val)
{
	unsigned char	 mac[32];
	unsigned int	 mlen = sizeof(mac);
	size_t		 h = hl < n ? hl : n, p = n - h, o;
	char		*tok, *out = NULL;
	int		 rc, want;

	tok = arena_alloc(a, 4 * (h / 3 + 1) + 4 * (p / 3 + 1) + 48 + 3);
	o = crypto_b64url_encode(m, h, tok);
	tok[o++] = '.';
	o += crypto_b64url_encode(m + h, p, tok + o);
	if (HMAC(EVP_sha256(), secret, (int)sizeof(secret) - 1,
	    (unsigned char *)tok, o, mac, &mlen) == NULL)
		abort();
	tok[o++] = '.';
	crypto_b64url_encode(mac, sizeof(mac), tok + o);
	want = header_acceptable(m, h) && p > 0 && memchr(m + h, 0, p) == NULL;
	rc = crypto_jwt_verify(secret, sizeof(secret) - 1, tok, &out);
	if ((rc == 0) != want)
		abort();
	if (rc == 0) {
		if (out == NULL || strlen(out) != p || memcmp(out, m + h, p) != 0)
			abort();
		free(out);
		tamper(a, secret, sizeof(secret) - 1, tok, pos, val);
	} else if (out != NULL)
		abort();
}

static void
mode_sign(struct arena *a, const uint8_t *m, size_t n, uint8_t k,
    uint8_t pos, uint8_t val)
{
	char	*pay = arena_strndup(a, (const char *)m, n), *tok, *out = NULL;
	size_t	 klen = k % 48;	/* secret + 1 has 62 bytes */

	if ((tok = crypto_jwt_sign(secret, klen, pay)) == NULL)
		abort();
	if (pay[0] == '\0') {
		/* An empty payload part is refused by verification. */
		if (crypto_jwt_verify(secret, klen, tok, &out) == 0)
			abort();
		free(tok);
		return;
	}
	if (crypto_jwt_verify(secret, klen, tok, &out) != 0 || out == NULL ||
	    strcmp(out, pay) != 0)
		abort();
	free(out);
	out = NULL;
	if (klen > 0 && crypto_jwt_verify(secret + 1, klen, tok, &out) == 0)
		abort();	/* another key of the same length */
	tamper(a, secret, klen, tok, pos, val);
	free(tok);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	uint8_t			 pos, val;

	if (size < 4)
		return 0;
	if (a == NULL && (a = arena_new()) == NULL)
		abort();
	pos = data[2];
	val = data[3];
	switch (data[0] % 3) {
	case 0:
		mode_raw(a, data + 4, size - 4);
		break;
	case 1:
		mode_signed(a, data + 4, size - 4, data[1], pos, val);
		break;
	default:
		mode_sign(a, data + 4, size - 4, data[1], pos, val);
		break;
	}
	arena_reset(a);
	return 0;
}
