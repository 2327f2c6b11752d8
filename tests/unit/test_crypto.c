/*
 * Unit tests for src/crypto: random/hex/uuid, base64url, bcrypt, JWT HS256.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypt.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "unit.h"

#include "crypto/crypto.h"

static void
test_random_hex(void)
{
	unsigned char	a[32], b[32];
	char		hex[65], j1[33], j2[33], u[37];
	const unsigned char in[] = { 0x00, 0x01, 0xab, 0xff };
	int		i, ok;

	crypto_hex(in, sizeof(in), hex);
	CU_ASSERT_STRING_EQUAL(hex, "0001abff");
	CU_ASSERT_EQUAL(crypto_random(a, sizeof(a)), 0);
	CU_ASSERT_EQUAL(crypto_random(b, sizeof(b)), 0);
	CU_ASSERT(memcmp(a, b, sizeof(a)) != 0);
	CU_ASSERT_EQUAL(crypto_random_hex128(j1), 0);
	CU_ASSERT_EQUAL(crypto_random_hex128(j2), 0);
	CU_ASSERT_EQUAL(strlen(j1), 32);
	CU_ASSERT_EQUAL(strspn(j1, "0123456789abcdef"), 32);
	CU_ASSERT(strcmp(j1, j2) != 0);
	for (i = 0; i < 50; i++) {
		CU_ASSERT_EQUAL_FATAL(crypto_uuid_v4(u), 0);
		ok = strlen(u) == 36 && u[8] == '-' && u[13] == '-' &&
		    u[18] == '-' && u[23] == '-' && u[14] == '4' &&
		    strchr("89ab", u[19]) != NULL &&
		    strspn(u, "0123456789abcdef-") == 36;
		CU_ASSERT(ok);
	}
	CU_ASSERT_EQUAL(crypto_memeq("abcd", "abcd", 4), 1);
	CU_ASSERT_EQUAL(crypto_memeq("abcd", "abce", 4), 0);
	CU_ASSERT_EQUAL(crypto_memeq("abcd", "xbcd", 0), 1);
	memset(a, 0x55, sizeof(a));
	crypto_wipe(a, sizeof(a));
	memset(b, 0, sizeof(b));
	CU_ASSERT(memcmp(a, b, sizeof(a)) == 0);
}

static void
test_sha256(void)
{
	unsigned char	d[32];
	char		hex[65];

	crypto_sha256("abc", 3, d);
	crypto_hex(d, 32, hex);
	CU_ASSERT_STRING_EQUAL(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
}

static void
test_b64url(void)
{
	static const char *const vec[][2] = {
		{ "", "" }, { "f", "Zg" }, { "fo", "Zm8" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg" }, { "fooba", "Zm9vYmE" },
		{ "foobar", "Zm9vYmFy" },
	};
	unsigned char	bin[256], back[256 * 3 / 4 + 300];
	char		enc[4 * 86 + 1];
	size_t		i, n;
	long		r;

	for (i = 0; i < sizeof(vec) / sizeof(vec[0]); i++) {
		n = crypto_b64url_encode((const unsigned char *)vec[i][0],
		    strlen(vec[i][0]), enc);
		CU_ASSERT_STRING_EQUAL(enc, vec[i][1]);
		CU_ASSERT_EQUAL(n, strlen(vec[i][1]));
		r = crypto_b64url_decode(vec[i][1], strlen(vec[i][1]), back);
		CU_ASSERT_EQUAL(r, (long)strlen(vec[i][0]));
		CU_ASSERT(memcmp(back, vec[i][0], strlen(vec[i][0])) == 0);
	}
	for (i = 0; i < sizeof(bin); i++)
		bin[i] = (unsigned char)(255 - i);
	for (n = 0; n <= sizeof(bin); n += 17) {
		crypto_b64url_encode(bin, n, enc);
		CU_ASSERT(strpbrk(enc, "+/=") == NULL);
		r = crypto_b64url_decode(enc, strlen(enc), back);
		CU_ASSERT_EQUAL(r, (long)n);
		CU_ASSERT(memcmp(back, bin, n) == 0);
	}
	/* "-_" are the url-safe digits 62 and 63. */
	CU_ASSERT_EQUAL(crypto_b64url_decode("-_8", 3, back), 2);
	CU_ASSERT(back[0] == 0xfb && back[1] == 0xff);
	CU_ASSERT_EQUAL(crypto_b64url_decode("Zg==", 4, back), -1);
	CU_ASSERT_EQUAL(crypto_b64url_decode("Zm8=", 4, back), -1);
	CU_ASSERT_EQUAL(crypto_b64url_decode("+/8", 3, back), -1);
	CU_ASSERT_EQUAL(crypto_b64url_decode("Zm 9v", 5, back), -1);
	CU_ASSERT_EQUAL(crypto_b64url_decode("Zm9vY", 5, back), -1);
	CU_ASSERT_EQUAL(crypto_b64url_decode("Zh", 2, back), -1);
}

static void
test_password(void)
{
	struct crypt_data	*cd;
	char			 h[128], h2[128], yh[64], pw73[74];
	const char		*d1, *d2, *r;

	CU_ASSERT_EQUAL_FATAL(crypto_password_hash("correct horse", 4, h,
	    sizeof(h)), 0);
	CU_ASSERT(strncmp(h, "$2b$04$", 7) == 0);
	CU_ASSERT_EQUAL(strlen(h), 60);
	CU_ASSERT_EQUAL(crypto_password_verify("correct horse", h), 1);
	CU_ASSERT_EQUAL(crypto_password_verify("correct horsf", h), 0);
	CU_ASSERT_EQUAL(crypto_password_verify("", h), 0);
	CU_ASSERT_EQUAL(crypto_password_hash("correct horse", 4, h2,
	    sizeof(h2)), 0);
	CU_ASSERT(strcmp(h, h2) != 0);		/* random salt */
	CU_ASSERT_EQUAL(crypto_password_hash("x", 3, h2, sizeof(h2)), -1);
	CU_ASSERT_EQUAL(crypto_password_hash("x", 4, h2, 40), -1);

	/* crypt_blowfish test vector ($2a$). */
	CU_ASSERT_EQUAL(crypto_password_verify("U*U",
	    "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"), 1);
	CU_ASSERT_EQUAL(crypto_password_verify("U*V",
	    "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"), 0);
	/* A $2y$ hash generated with a fixed salt. */
	CU_ASSERT_FATAL((cd = calloc(1, sizeof(*cd))) != NULL);
	r = crypt_r("secret pw", "$2y$04$abcdefghijklmnopqrstuu", cd);
	CU_ASSERT_FATAL(r != NULL && strncmp(r, "$2y$04$", 7) == 0);
	snprintf(yh, sizeof(yh), "%s", r);
	free(cd);
	CU_ASSERT_EQUAL(crypto_password_verify("secret pw", yh), 1);
	CU_ASSERT_EQUAL(crypto_password_verify("secret pX", yh), 0);

	/* bcrypt reads 72 bytes; a 73-byte password never matches. */
	memset(pw73, 'p', 73);
	pw73[72] = '\0';
	CU_ASSERT_EQUAL_FATAL(crypto_password_hash(pw73, 4, h, sizeof(h)), 0);
	CU_ASSERT_EQUAL(crypto_password_verify(pw73, h), 1);
	pw73[72] = 'q';
	pw73[73] = '\0';
	CU_ASSERT_EQUAL(crypto_password_verify(pw73, h), 0);
	CU_ASSERT_EQUAL(crypto_password_hash(pw73, 4, h2, sizeof(h2)), -1);

	/* Malformed hashes. */
	CU_ASSERT_EQUAL(crypto_password_verify("x", ""), 0);
	CU_ASSERT_EQUAL(crypto_password_verify("x", "$1$abc$def"), 0);
	CU_ASSERT_EQUAL(crypto_password_verify("x", "*0"), 0);
	CU_ASSERT_EQUAL(crypto_password_verify("x", NULL), 0);

	d1 = crypto_password_dummy_hash(4);
	d2 = crypto_password_dummy_hash(4);
	CU_ASSERT_PTR_EQUAL(d1, d2);
	CU_ASSERT(strncmp(d1, "$2b$04$", 7) == 0);
	CU_ASSERT_EQUAL(strlen(d1), 60);
	CU_ASSERT_EQUAL(crypto_password_verify("", d1), 0);
}

/*
 * Builds header.payload.MAC from raw JSON texts, computing HMAC-SHA256
 * independently of the code under test.  Returns a malloc'd token.
 */
static char *
mkjwt(const char *hdr, const char *pay, const char *key)
{
	unsigned char	 mac[32];
	unsigned int	 ml = sizeof(mac);
	char		*t;
	size_t		 o;

	t = malloc(4 * (strlen(hdr) + strlen(pay)) / 3 + 64);
	if (t == NULL)
		return NULL;
	o = crypto_b64url_encode((const unsigned char *)hdr, strlen(hdr), t);
	t[o++] = '.';
	o += crypto_b64url_encode((const unsigned char *)pay, strlen(pay),
	    t + o);
	HMAC(EVP_sha256(), key, (int)strlen(key), (unsigned char *)t, o, mac,
	    &ml);
	t[o++] = '.';
	crypto_b64url_encode(mac, sizeof(mac), t + o);
	return t;
}

static void
test_jwt(void)
{
	const char	*key = "0123456789abcdef0123456789abcdef";
	const char	*pay = "{\"id\":7,\"role\":\"admin\"}";
	char		*tok, *out, *t2;
	char		 enc[256], tampered[512];

	tok = crypto_jwt_sign(key, strlen(key), pay);
	CU_ASSERT_FATAL(tok != NULL);
	CU_ASSERT(strncmp(tok, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.", 37) == 0);
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, strlen(key), tok, &out), 0);
	CU_ASSERT_STRING_EQUAL(out, pay);
	free(out);
	/* Wrong key. */
	CU_ASSERT_EQUAL(crypto_jwt_verify("other", 5, tok, &out), -1);
	CU_ASSERT_PTR_NULL(out);
	/* Tampered signature and tampered payload. */
	snprintf(tampered, sizeof(tampered), "%s", tok);
	tampered[strlen(tampered) - 2] ^= 1;
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, strlen(key), tampered, &out), -1);
	snprintf(tampered, sizeof(tampered), "%s", tok);
	tampered[40] = tampered[40] == 'A' ? 'B' : 'A';
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, strlen(key), tampered, &out), -1);
	/* Two parts, four parts, empty parts. */
	snprintf(tampered, sizeof(tampered), "%s", tok);
	*strrchr(tampered, '.') = '\0';
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, strlen(key), tampered, &out), -1);
	snprintf(tampered, sizeof(tampered), "%s.", tok);
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, strlen(key), tampered, &out), -1);
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, strlen(key), "..", &out), -1);
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, strlen(key), "", &out), -1);
	free(tok);

	/* alg none with an empty signature. */
	crypto_b64url_encode((const unsigned char *)"{\"alg\":\"none\"}", 14,
	    enc);
	tok = mkjwt("{\"alg\":\"HS256\"}", pay, key);
	CU_ASSERT_FATAL(tok != NULL);
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, strlen(key), tok, &out), 0);
	free(out);
	t2 = strchr(tok, '.') + 1;
	*strchr(t2, '.') = '\0';
	snprintf(tampered, sizeof(tampered), "%s.%s.", enc, t2);
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, strlen(key), tampered, &out), -1);
	free(tok);
}

static void
test_jwt_alg(void)
{
	/* Correctly MACed tokens whose header must still be refused. */
	static const char *const bad[] = {
		"{\"alg\":\"none\"}",
		"{\"alg\":\"HS512\",\"typ\":\"JWT\"}",
		"{\"typ\":\"JWT\"}",
		"{\"alg\":\"hs256\"}",
		"{\"alg\":\"HS256 \"}",
		"{\"alg\":null}",
		"{\"alg\":[\"HS256\"]}",
		"[\"HS256\"]",
		"\"HS256\"",
		"{\"alg\":\"HS256\"}x",
		"{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
		"not json",
	};
	const char	*key = "k";
	char		*t, *out;
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		t = mkjwt(bad[i], "{}", key);
		CU_ASSERT_FATAL(t != NULL);
		out = (char *)1;
		CU_ASSERT_EQUAL(crypto_jwt_verify(key, 1, t, &out), -1);
		CU_ASSERT_PTR_NULL(out);
		free(t);
	}
	t = mkjwt("{\"typ\":\"JWT\", \"alg\" : \"HS256\"}", "{\"a\":1}", key);
	CU_ASSERT_FATAL(t != NULL);
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, 1, t, &out), 0);
	CU_ASSERT_STRING_EQUAL(out, "{\"a\":1}");
	free(out);
	free(t);
}

static void
test_jwt_rfc7515(void)
{
	const char	*jwk = "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0"
	    "gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
	const char	*tok = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9."
	    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
	    "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ."
	    "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
	unsigned char	 key[128];
	char		*out;
	long		 kl;

	kl = crypto_b64url_decode(jwk, strlen(jwk), key);
	CU_ASSERT_EQUAL_FATAL(kl, 64);
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, (size_t)kl, tok, &out), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_STRING_EQUAL(out, "{\"iss\":\"joe\",\r\n \"exp\":1300819380,"
	    "\r\n \"http://example.com/is_root\":true}");
	free(out);
	key[0] ^= 1;
	CU_ASSERT_EQUAL(crypto_jwt_verify(key, (size_t)kl, tok, &out), -1);
}

void
register_crypto_tests(void)
{
	CU_pSuite	s;

	s = CU_add_suite("crypto", NULL, NULL);
	CU_add_test(s, "random/hex/uuid/memeq", test_random_hex);
	CU_add_test(s, "sha256", test_sha256);
	CU_add_test(s, "base64url", test_b64url);
	CU_add_test(s, "bcrypt", test_password);
	CU_add_test(s, "jwt sign/verify", test_jwt);
	CU_add_test(s, "jwt alg", test_jwt_alg);
	CU_add_test(s, "jwt rfc7515 A.1", test_jwt_rfc7515);
}
