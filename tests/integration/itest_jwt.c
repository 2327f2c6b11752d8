/*
 * Integration test harness, JWT part: base64url, SHA-256, HMAC-SHA256
 * (tests forge tokens, and the test programs link neither OpenSSL nor
 * libdrec), decoding and forging tokens.  See itest.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "itest.h"

static void *
checked(size_t n)
{
	void	*p;

	if ((p = malloc(n)) == NULL) {
		fprintf(stderr, "itest: out of memory\n");
		exit(2);
	}
	return p;
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

char *
itest_b64url_encode(const void *data, size_t len)
{
	const unsigned char	*p = data;
	char			*s = checked(len * 4 / 3 + 4), *o = s;
	uint32_t		 acc = 0;
	size_t			 i;
	int			 bits = 0;

	for (i = 0; i < len; i++) {
		acc = acc << 8 | p[i];
		for (bits += 8; bits >= 6; bits -= 6)
			*o++ = b64[(acc >> (bits - 6)) & 63];
	}
	if (bits > 0)
		*o++ = b64[(acc << (6 - bits)) & 63];
	*o = '\0';
	return s;
}

/* Decodes base64url (padding optional); NULL on a foreign character. */
unsigned char *
itest_b64url_decode(const char *s, size_t len, size_t *outlen)
{
	unsigned char	*out = checked(len * 3 / 4 + 3);
	const char	*q;
	uint32_t	 acc = 0;
	size_t		 i, n = 0;
	int		 bits = 0;

	for (i = 0; i < len && s[i] != '='; i++) {
		if (s[i] == '\0' || (q = strchr(b64, s[i])) == NULL) {
			free(out);
			return NULL;
		}
		acc = acc << 6 | (uint32_t)(q - b64);
		if ((bits += 6) >= 8)
			out[n++] = (acc >> (bits -= 8)) & 0xff;
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}

static const uint32_t sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n)	((x) >> (n) | (x) << (32 - (n)))

/* SHA-256 of a || b (enough for HMAC). */
static void
sha256_2(const void *a, size_t alen, const void *b, size_t blen,
    unsigned char out[32])
{
	uint32_t	 h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372,
	    0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	uint32_t	 w[64], s[8], t1;
	size_t		 len = alen + blen, n = (len + 9 + 63) / 64 * 64, i, j;
	unsigned char	*m = calloc(1, n), *p;

	if (m == NULL)
		exit(2);
	memcpy(m, a, alen);
	memcpy(m + alen, b, blen);
	m[len] = 0x80;
	for (i = 0; i < 8; i++)
		m[n - 1 - i] = ((uint64_t)len * 8 >> (8 * i)) & 0xff;
	for (p = m; p < m + n; p += 64) {
		for (i = 0; i < 16; i++)
			w[i] = (uint32_t)p[4 * i] << 24 |
			    (uint32_t)p[4 * i + 1] << 16 |
			    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
		for (; i < 64; i++)
			w[i] = w[i - 16] + (ROR(w[i - 15], 7) ^
			    ROR(w[i - 15], 18) ^ (w[i - 15] >> 3)) + w[i - 7] +
			    (ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^
			    (w[i - 2] >> 10));
		memcpy(s, h, sizeof(s));
		for (i = 0; i < 64; i++) {
			t1 = s[7] + (ROR(s[4], 6) ^ ROR(s[4], 11) ^
			    ROR(s[4], 25)) + ((s[4] & s[5]) ^ (~s[4] & s[6])) +
			    sha_k[i] + w[i];
			memmove(s + 1, s, 7 * sizeof(s[0]));
			s[4] += t1;
			s[0] = t1 + (ROR(s[1], 2) ^ ROR(s[1], 13) ^
			    ROR(s[1], 22)) + ((s[1] & s[2]) ^ (s[1] & s[3]) ^
			    (s[2] & s[3]));
		}
		for (j = 0; j < 8; j++)
			h[j] += s[j];
	}
	free(m);
	for (i = 0; i < 32; i++)
		out[i] = (h[i / 4] >> (24 - 8 * (i % 4))) & 0xff;
}

void
itest_hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen,
    unsigned char out[32])
{
	unsigned char	 k[64], pad[64], inner[32];
	size_t		 i;

	memset(k, 0, sizeof(k));
	if (klen > 64)
		sha256_2(key, klen, "", 0, k);
	else
		memcpy(k, key, klen);
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	sha256_2(pad, 64, msg, mlen, inner);
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	sha256_2(pad, 64, inner, 32, out);
}

/* Part 0 (header) or 1 (payload) of a JWT, parsed; NULL if it is not. */
struct json_object *
itest_jwt_part(const char *token, int part)
{
	const char		*p = token;
	unsigned char		*raw;
	size_t			 n;
	struct json_object	*o;

	if (part == 1 && (p = strchr(token, '.')) != NULL)
		p++;
	if (p == NULL || (raw = itest_b64url_decode(p, strcspn(p, "."),
	    &n)) == NULL)
		return NULL;
	o = json_tokener_parse((char *)raw);
	free(raw);
	return o;
}

/* header.payload.signature; no signature when key is NULL. */
char *
itest_jwt_forge(const char *alg, const char *payload, const char *key,
    size_t klen)
{
	unsigned char	 mac[32];
	char		*hdr, *h, *p, *in, *sig, *tok;

	hdr = itest_fmt("{\"alg\":\"%s\",\"typ\":\"JWT\"}", alg);
	h = itest_b64url_encode(hdr, strlen(hdr));
	p = itest_b64url_encode(payload, strlen(payload));
	in = itest_fmt("%s.%s", h, p);
	if (key != NULL) {
		itest_hmac_sha256(key, klen, in, strlen(in), mac);
		sig = itest_b64url_encode(mac, sizeof(mac));
	} else
		sig = strdup("");
	tok = itest_fmt("%s.%s", in, sig);
	free(hdr);
	free(h);
	free(p);
	free(in);
	free(sig);
	return tok;
}

/* Changes the first signature character, which carries real bits. */
char *
itest_jwt_tamper(const char *token)
{
	char	*t = strdup(token), *dot = strrchr(t, '.');

	if (dot != NULL && dot[1] != '\0')
		dot[1] = dot[1] == 'A' ? 'B' : 'A';
	return t;
}
