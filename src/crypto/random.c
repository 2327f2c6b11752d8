/*
 * Random bytes, identifiers, constant-time comparison, wiping and SHA-256,
 * all through OpenSSL's libcrypto.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "crypto/crypto.h"

int
crypto_random(void *buf, size_t n)
{
	unsigned char	*p = buf;
	int		 chunk;

	/* RAND_bytes takes an int length. */
	while (n > 0) {
		chunk = n > INT_MAX ? INT_MAX : (int)n;
		if (RAND_bytes(p, chunk) != 1)
			return -1;
		p += chunk;
		n -= (size_t)chunk;
	}
	return 0;
}

void
crypto_hex(const unsigned char *in, size_t n, char *out)
{
	static const char	hex[] = "0123456789abcdef";
	size_t			i;

	for (i = 0; i < n; i++) {
		out[2 * i] = hex[in[i] >> 4];
		out[2 * i + 1] = hex[in[i] & 0xf];
	}
	out[2 * n] = '\0';
}

int
crypto_random_hex128(char out[33])
{
	unsigned char	b[16];

	if (crypto_random(b, sizeof(b)) == -1)
		return -1;
	crypto_hex(b, sizeof(b), out);
	return 0;
}

/* RFC 9562 §5.4: version 4 in the high nibble of byte 6, variant 10xx. */
int
crypto_uuid_v4(char out[37])
{
	unsigned char	b[16];
	char		h[33];
	size_t		i, o;

	if (crypto_random(b, sizeof(b)) == -1)
		return -1;
	b[6] = (b[6] & 0x0f) | 0x40;
	b[8] = (b[8] & 0x3f) | 0x80;
	crypto_hex(b, sizeof(b), h);
	for (i = 0, o = 0; i < 32; i++) {
		if (i == 8 || i == 12 || i == 16 || i == 20)
			out[o++] = '-';
		out[o++] = h[i];
	}
	out[o] = '\0';
	return 0;
}

int
crypto_memeq(const void *a, const void *b, size_t n)
{
	return CRYPTO_memcmp(a, b, n) == 0;
}

void
crypto_wipe(void *p, size_t n)
{
	if (p != NULL && n > 0)
		OPENSSL_cleanse(p, n);
}

void
crypto_sha256(const void *buf, size_t n, unsigned char out[32])
{
	unsigned int	len = 32;

	/* EVP_Digest only fails on allocation failure: treat as fatal. */
	if (EVP_Digest(buf, n, out, &len, EVP_sha256(), NULL) != 1)
		abort();
}
