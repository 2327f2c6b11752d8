/*
 * JSON Web Tokens, HS256 only (RFC 7519, JWS compact form of RFC 7515
 * §7.1): BASE64URL(header) "." BASE64URL(payload) "." BASE64URL(HMAC).
 * Verification refuses any header whose "alg" is not exactly "HS256"
 * (RFC 8725 §3.1: no "none", no algorithm switching) and compares the
 * MAC in constant time.  Claims are left to the caller.
 */
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "crypto/crypto.h"

#define MAC_LEN		32
/* base64url of {"alg":"HS256","typ":"JWT"} */
#define JWT_HEADER	"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"

/* HMAC-SHA256 of n bytes of msg; 0 ok, -1 failure. */
static int
jwt_mac(const void *key, size_t keylen, const char *msg, size_t n,
    unsigned char mac[MAC_LEN])
{
	unsigned int	len = MAC_LEN;
	static const unsigned char empty;

	/* OpenSSL treats a NULL key as "reuse": pass a real pointer. */
	if (key == NULL || keylen == 0) {
		key = &empty;
		keylen = 0;
	}
	if (keylen > 0x7fffffff)
		return -1;
	if (HMAC(EVP_sha256(), key, (int)keylen, (const unsigned char *)msg, n,
	    mac, &len) == NULL || len != MAC_LEN)
		return -1;
	return 0;
}

char *
crypto_jwt_sign(const void *secret, size_t secretlen, const char *payload)
{
	unsigned char	 mac[MAC_LEN];
	size_t		 hl, pl, o;
	char		*tok;

	if (payload == NULL)
		return NULL;
	hl = sizeof(JWT_HEADER) - 1;
	pl = strlen(payload);
	/* header "." payload "." mac NUL */
	tok = malloc(hl + 1 + 4 * ((pl + 2) / 3) + 1 + 44 + 1);
	if (tok == NULL)
		return NULL;
	memcpy(tok, JWT_HEADER ".", hl + 1);
	o = hl + 1;
	o += crypto_b64url_encode((const unsigned char *)payload, pl, tok + o);
	if (jwt_mac(secret, secretlen, tok, o, mac) == -1) {
		free(tok);
		return NULL;
	}
	tok[o++] = '.';
	crypto_b64url_encode(mac, MAC_LEN, tok + o);
	crypto_wipe(mac, sizeof(mac));
	return tok;
}

/*
 * Checks the decoded JOSE header: a JSON object (nothing after it) with
 * "alg" exactly "HS256" and no "crit" (RFC 7515 §4.1.11).  1 ok, else 0.
 */
static int
jwt_header_ok(const char *text, size_t len)
{
	struct json_tokener	*tk;
	struct json_object	*obj, *alg;
	int			 ok = 0;

	if (len > 4096 || (tk = json_tokener_new()) == NULL)
		return 0;
	obj = json_tokener_parse_ex(tk, text, (int)len);
	if (obj == NULL || json_tokener_get_error(tk) != json_tokener_success ||
	    (size_t)json_tokener_get_parse_end(tk) != len)
		goto out;
	if (!json_object_is_type(obj, json_type_object))
		goto out;
	if (json_object_object_get_ex(obj, "crit", NULL))
		goto out;
	if (!json_object_object_get_ex(obj, "alg", &alg) ||
	    !json_object_is_type(alg, json_type_string))
		goto out;
	ok = json_object_get_string_len(alg) == 5 &&
	    memcmp(json_object_get_string(alg), "HS256", 5) == 0;
out:
	json_object_put(obj);
	json_tokener_free(tk);
	return ok;
}

int
crypto_jwt_verify(const void *secret, size_t secretlen, const char *token,
    char **payload)
{
	unsigned char	 mac[MAC_LEN], sig[MAC_LEN + 3];
	unsigned char	*hdr = NULL, *pay = NULL;
	const char	*d1, *d2;
	size_t		 hlen, plen, slen;
	long		 n;
	int		 rc = -1;

	*payload = NULL;
	if (token == NULL)
		return -1;
	/* Exactly three parts: two dots, none of the parts empty. */
	if ((d1 = strchr(token, '.')) == NULL ||
	    (d2 = strchr(d1 + 1, '.')) == NULL || strchr(d2 + 1, '.') != NULL)
		return -1;
	hlen = (size_t)(d1 - token);
	plen = (size_t)(d2 - d1 - 1);
	slen = strlen(d2 + 1);
	if (hlen == 0 || plen == 0 || slen != 43)	/* 32 bytes -> 43 chars */
		return -1;

	/* Signature first: nothing unauthenticated is parsed before it. */
	if (crypto_b64url_decode(d2 + 1, slen, sig) != MAC_LEN)
		return -1;
	if (jwt_mac(secret, secretlen, token, (size_t)(d2 - token), mac) == -1)
		return -1;
	if (!crypto_memeq(mac, sig, MAC_LEN))
		return -1;

	if ((hdr = malloc(3 * hlen / 4 + 3)) == NULL ||
	    (pay = malloc(3 * plen / 4 + 3)) == NULL)
		goto out;
	if ((n = crypto_b64url_decode(token, hlen, hdr)) <= 0 ||
	    !jwt_header_ok((const char *)hdr, (size_t)n))
		goto out;
	if ((n = crypto_b64url_decode(d1 + 1, plen, pay)) <= 0 ||
	    memchr(pay, '\0', (size_t)n) != NULL)
		goto out;
	pay[n] = '\0';
	*payload = (char *)pay;
	pay = NULL;
	rc = 0;
out:
	free(hdr);
	free(pay);
	crypto_wipe(mac, sizeof(mac));
	return rc;
}
