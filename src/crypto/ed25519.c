/*
 * The issuer's Ed25519 key through OpenSSL EVP (certificates.md §8,
 * §9.3): generation, raw seeds, PKCS#8 PEM in and out (never encrypted,
 * never prompting), the key file, raw public keys and their keyId and
 * SubjectPublicKeyInfo PEM, signing and verifying (RFC 8032 pure:
 * EVP_DigestSign / EVP_DigestVerify with a NULL digest).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "crypto/crypto.h"
#include "crypto/ledger.h"

#define KEY_FILE_MAX	(64 * 1024)	/* a PEM key is a few hundred bytes */

struct crypto_issuer_key {
	EVP_PKEY	*pkey;
};

/* Wraps an Ed25519 EVP_PKEY (taking it over); NULL if it is not one. */
static struct crypto_issuer_key *
key_wrap(EVP_PKEY *pkey)
{
	struct crypto_issuer_key *k;

	if (pkey == NULL)
		return NULL;
	if (EVP_PKEY_id(pkey) != EVP_PKEY_ED25519 ||
	    (k = malloc(sizeof(*k))) == NULL) {
		EVP_PKEY_free(pkey);
		return NULL;
	}
	k->pkey = pkey;
	return k;
}

struct crypto_issuer_key *
crypto_issuer_key_generate(void)
{
	EVP_PKEY_CTX	*ctx;
	EVP_PKEY	*pkey = NULL;

	if ((ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL)) == NULL)
		return NULL;
	if (EVP_PKEY_keygen_init(ctx) != 1 || EVP_PKEY_keygen(ctx, &pkey) != 1)
		pkey = NULL;
	EVP_PKEY_CTX_free(ctx);
	return key_wrap(pkey);
}

struct crypto_issuer_key *
crypto_issuer_key_from_seed(const unsigned char seed[CRYPTO_ED25519_KEY_LEN])
{
	return key_wrap(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL,
	    seed, CRYPTO_ED25519_KEY_LEN));
}

/* A passphrase callback that refuses: an encrypted key never prompts. */
static int
no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

struct crypto_issuer_key *
crypto_issuer_key_from_pem(const char *pem, size_t len)
{
	BIO		*bio;
	EVP_PKEY	*pkey;

	if (len > KEY_FILE_MAX || (bio = BIO_new_mem_buf(pem, (int)len)) == NULL)
		return NULL;
	pkey = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL);
	BIO_free(bio);
	return key_wrap(pkey);
}

/* Reads at most KEY_FILE_MAX bytes of fd into buf; the length or -1. */
static ssize_t
read_all(int fd, char *buf, size_t cap)
{
	size_t	n = 0;
	ssize_t	r;

	while (n < cap) {
		r = read(fd, buf + n, cap - n);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1)
			return -1;
		if (r == 0)
			break;
		n += (size_t)r;
	}
	return (ssize_t)n;
}

enum crypto_key_file
crypto_issuer_key_load_file(const char *path, struct crypto_issuer_key **key,
    unsigned *mode)
{
	struct stat	st;
	char		*buf;
	ssize_t		 n;
	int		 fd, saved;

	*key = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY)) == -1)
		return KEY_FILE_UNREADABLE;
	if (fstat(fd, &st) == -1 || (buf = malloc(KEY_FILE_MAX)) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		return KEY_FILE_UNREADABLE;
	}
	n = read_all(fd, buf, KEY_FILE_MAX);
	saved = errno;
	close(fd);
	if (n >= 0)
		*key = crypto_issuer_key_from_pem(buf, (size_t)n);
	crypto_wipe(buf, KEY_FILE_MAX);
	free(buf);
	if (n < 0) {
		errno = saved;
		return KEY_FILE_UNREADABLE;
	}
	if (mode != NULL)
		*mode = (unsigned)(st.st_mode & 07777);
	return *key != NULL ? KEY_FILE_OK : KEY_FILE_INVALID;
}

int
crypto_issuer_key_private_pem(const struct crypto_issuer_key *k, char **pem,
    size_t *len)
{
	BIO	*bio;
	char	*data;
	long	 n;
	int	 rc = -1;

	*pem = NULL;
	*len = 0;
	/* A secure-heap memory BIO: its buffer is wiped when freed. */
	if ((bio = BIO_new(BIO_s_secmem())) == NULL)
		return -1;
	if (PEM_write_bio_PrivateKey(bio, k->pkey, NULL, NULL, 0, NULL,
	    NULL) == 1 && (n = BIO_get_mem_data(bio, &data)) > 0 &&
	    (*pem = malloc((size_t)n + 1)) != NULL) {
		memcpy(*pem, data, (size_t)n);
		(*pem)[n] = '\0';
		*len = (size_t)n;
		rc = 0;
	}
	BIO_free(bio);
	return rc;
}

void
crypto_pem_free(char *pem, size_t len)
{
	if (pem == NULL)
		return;
	crypto_wipe(pem, len);
	free(pem);
}

/* Writes all of buf to fd; 0 or -1. */
static int
write_all(int fd, const char *buf, size_t len)
{
	ssize_t w;

	while (len > 0) {
		w = write(fd, buf, len);
		if (w == -1 && errno == EINTR)
			continue;
		if (w == -1)
			return -1;
		buf += w;
		len -= (size_t)w;
	}
	return 0;
}

int
crypto_issuer_key_write_file(const struct crypto_issuer_key *k,
    const char *path)
{
	char	*pem;
	size_t	 len;
	int	 fd, rc, saved;

	if (crypto_issuer_key_private_pem(k, &pem, &len) == -1) {
		errno = EINVAL;
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY,
	    0600);
	if (fd == -1) {
		saved = errno;
		crypto_pem_free(pem, len);
		errno = saved;
		return -1;
	}
	/* The umask cannot widen 0600, but an odd one could narrow it. */
	rc = fchmod(fd, 0600) == 0 && write_all(fd, pem, len) == 0 &&
	    fsync(fd) == 0 ? 0 : -1;
	saved = errno;
	if (close(fd) == -1 && rc == 0) {
		rc = -1;
		saved = errno;
	}
	crypto_pem_free(pem, len);
	if (rc == -1) {
		unlink(path);
		errno = saved;
	}
	return rc;
}

void
crypto_issuer_key_free(struct crypto_issuer_key *k)
{
	if (k == NULL)
		return;
	EVP_PKEY_free(k->pkey);
	free(k);
}

void
crypto_issuer_key_public(const struct crypto_issuer_key *k,
    unsigned char pub[CRYPTO_ED25519_KEY_LEN])
{
	size_t len = CRYPTO_ED25519_KEY_LEN;

	/* Cannot fail for an Ed25519 key with a 32-byte buffer. */
	if (EVP_PKEY_get_raw_public_key(k->pkey, pub, &len) != 1 ||
	    len != CRYPTO_ED25519_KEY_LEN)
		abort();
}

void
crypto_ed25519_key_id(const unsigned char pub[CRYPTO_ED25519_KEY_LEN],
    char out[DOM_KEY_ID_LEN + 1])
{
	unsigned char	digest[32];

	crypto_sha256(pub, CRYPTO_ED25519_KEY_LEN, digest);
	crypto_hex(digest, DOM_KEY_ID_LEN / 2, out);
}

char *
crypto_ed25519_public_pem(const unsigned char pub[CRYPTO_ED25519_KEY_LEN])
{
	EVP_PKEY	*pkey;
	BIO		*bio;
	char		*data, *pem = NULL;
	long		 n;

	pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub,
	    CRYPTO_ED25519_KEY_LEN);
	if (pkey == NULL)
		return NULL;
	if ((bio = BIO_new(BIO_s_mem())) != NULL &&
	    PEM_write_bio_PUBKEY(bio, pkey) == 1 &&
	    (n = BIO_get_mem_data(bio, &data)) > 0 &&
	    (pem = malloc((size_t)n + 1)) != NULL) {
		memcpy(pem, data, (size_t)n);
		pem[n] = '\0';
	}
	BIO_free(bio);
	EVP_PKEY_free(pkey);
	return pem;
}

int
crypto_ed25519_sign(const struct crypto_issuer_key *k, const void *msg,
    size_t len, unsigned char sig[CRYPTO_ED25519_SIG_LEN])
{
	EVP_MD_CTX	*ctx;
	size_t		 siglen = CRYPTO_ED25519_SIG_LEN;
	int		 ok;

	if ((ctx = EVP_MD_CTX_new()) == NULL)
		return -1;
	ok = EVP_DigestSignInit(ctx, NULL, NULL, NULL, k->pkey) == 1 &&
	    EVP_DigestSign(ctx, sig, &siglen, msg, len) == 1 &&
	    siglen == CRYPTO_ED25519_SIG_LEN;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

int
crypto_ed25519_verify(const unsigned char pub[CRYPTO_ED25519_KEY_LEN],
    const void *msg, size_t len, const unsigned char sig[CRYPTO_ED25519_SIG_LEN])
{
	EVP_PKEY	*pkey;
	EVP_MD_CTX	*ctx;
	int		 ok = 0;

	pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pub,
	    CRYPTO_ED25519_KEY_LEN);
	if (pkey == NULL)
		return 0;
	if ((ctx = EVP_MD_CTX_new()) != NULL)
		ok = EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pkey) == 1 &&
		    EVP_DigestVerify(ctx, sig, CRYPTO_ED25519_SIG_LEN, msg,
		    len) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	return ok;
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
crypto_hex_decode(const char *s, unsigned char *out, size_t n)
{
	size_t	i;
	int	hi, lo;

	if (s == NULL || strlen(s) != 2 * n)
		return -1;
	for (i = 0; i < n; i++) {
		if ((hi = hex_value(s[2 * i])) < 0 ||
		    (lo = hex_value(s[2 * i + 1])) < 0)
			return -1;
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}
