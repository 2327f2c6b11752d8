/*
 * Security primitives (the only place that includes OpenSSL and crypt.h):
 * random bytes, constant-time comparison, wiping, base64url, bcrypt, JWT HS256.
 */
#ifndef CRYPTO_CRYPTO_H
#define CRYPTO_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

/* Fills buf with n cryptographically random bytes; 0 ok, -1 failure. */
int	 crypto_random(void *buf, size_t n);
/* Writes 2n lower-case hex chars + NUL into out. */
void	 crypto_hex(const unsigned char *in, size_t n, char *out);
/* Random 128-bit value as 32 lower-case hex chars + NUL (a jti). */
int	 crypto_random_hex128(char out[33]);
/* Random UUID v4, lower-case, 36 chars + NUL. */
int	 crypto_uuid_v4(char out[37]);
/* Constant-time equality of n bytes: 1 equal, 0 different. */
int	 crypto_memeq(const void *, const void *, size_t n);
/* Wipes memory so the compiler cannot elide it (OPENSSL_cleanse). */
void	 crypto_wipe(void *, size_t);

/*
 * base64url without padding (RFC 4648 §5).  encode: out needs
 * 4*ceil(n/3)+1 bytes; returns length.  decode: returns decoded length or
 * -1 on bad input (padding, invalid chars); out needs 3*len/4+3 bytes.
 */
size_t	 crypto_b64url_encode(const unsigned char *, size_t, char *out);
long	 crypto_b64url_decode(const char *, size_t, unsigned char *out);

/*
 * bcrypt through crypt_r.  hash: $2b$ with the given cost (4-31) and a random
 * salt; writes into out (>= 64 bytes); 0 ok, -1 failure.  verify: 1 when pw
 * matches a $2a$/$2b$/$2y$ hash, else 0 (also for malformed hashes and for
 * passwords longer than 72 bytes).  Time does not depend on which failed.
 */
int	 crypto_password_hash(const char *pw, int cost, char *out, size_t outlen);
int	 crypto_password_verify(const char *pw, const char *hash);
/* A valid $2b$ hash of a random password at the given cost, for dummy checks. */
const char *crypto_password_dummy_hash(int cost);

/*
 * JWT HS256 (RFC 7519).  sign: returns a malloc'd token for the given
 * payload JSON text (header {"alg":"HS256","typ":"JWT"}); NULL on failure.
 * verify: checks structure, that the header's alg is exactly "HS256" (none
 * and every other alg refused) and the HMAC in constant time; on success
 * returns 0 and a malloc'd NUL-terminated payload JSON in *payload (caller
 * frees).  -1 for anything wrong.  Claims (exp, jti) are checked by callers.
 */
char	*crypto_jwt_sign(const void *secret, size_t secretlen, const char *payload);
int	 crypto_jwt_verify(const void *secret, size_t secretlen, const char *token,
	    char **payload);

/*
 * SHA-256 of buf into out (32 bytes).
 */
void	 crypto_sha256(const void *buf, size_t n, unsigned char out[32]);

#endif
