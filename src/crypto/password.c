/*
 * bcrypt through libxcrypt's crypt_r (CONVENTIONS §3).  New hashes are
 * "$2b$"; verification accepts the "$2a$", "$2b$" and "$2y$" variants
 * imported from the reference implementation.  bcrypt only reads the first
 * 72 bytes of a password, so longer passwords are refused outright (after
 * doing the same work, so that timing does not tell why).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <crypt.h>

#include "crypto/crypto.h"

#define BCRYPT_LEN	60	/* "$2b$10$" + 22 salt + 31 hash chars */
#define BCRYPT_MAXPW	72

/* Returns 1 when h looks like a bcrypt hash we accept, else 0. */
static int
bcrypt_wellformed(const char *h)
{
	if (strlen(h) != BCRYPT_LEN)
		return 0;
	if (h[0] != '$' || h[1] != '2' ||
	    (h[2] != 'a' && h[2] != 'b' && h[2] != 'y') || h[3] != '$')
		return 0;
	if (h[4] < '0' || h[4] > '3' || h[5] < '0' || h[5] > '9' ||
	    h[6] != '$')
		return 0;
	return 1;
}

int
crypto_password_hash(const char *pw, int cost, char *out, size_t outlen)
{
	struct crypt_data	*cd;
	unsigned char		 rnd[16];
	char			 salt[CRYPT_GENSALT_OUTPUT_SIZE];
	const char		*h;
	int			 rc = -1;

	if (pw == NULL || cost < 4 || cost > 31 || outlen <= BCRYPT_LEN ||
	    strlen(pw) > BCRYPT_MAXPW)
		return -1;
	if (crypto_random(rnd, sizeof(rnd)) == -1)
		return -1;
	if (crypt_gensalt_rn("$2b$", (unsigned long)cost, (const char *)rnd,
	    sizeof(rnd), salt, sizeof(salt)) == NULL)
		goto out;
	/* struct crypt_data is ~32 KiB: keep it off small thread stacks. */
	if ((cd = calloc(1, sizeof(*cd))) == NULL)
		goto out;
	h = crypt_r(pw, salt, cd);
	if (h != NULL && strncmp(h, "$2b$", 4) == 0 &&
	    strlen(h) == BCRYPT_LEN) {
		memcpy(out, h, BCRYPT_LEN + 1);
		rc = 0;
	}
	crypto_wipe(cd, sizeof(*cd));
	free(cd);
out:
	crypto_wipe(rnd, sizeof(rnd));
	return rc;
}

int
crypto_password_verify(const char *pw, const char *hash)
{
	struct crypt_data	*cd;
	const char		*h;
	int			 ok = 0, toolong;

	if (pw == NULL || hash == NULL || !bcrypt_wellformed(hash))
		return 0;
	toolong = strlen(pw) > BCRYPT_MAXPW;
	if ((cd = calloc(1, sizeof(*cd))) == NULL)
		return 0;
	/* Do the full bcrypt work even for an over-long password. */
	h = crypt_r(pw, hash, cd);
	if (h != NULL && strlen(h) == BCRYPT_LEN)
		ok = crypto_memeq(h, hash, BCRYPT_LEN);
	crypto_wipe(cd, sizeof(*cd));
	free(cd);
	return ok && !toolong;
}

/*
 * The dummy hash is computed once per process.  pthread_once cannot pass
 * an argument, so the cost travels in a thread-local: the initialiser runs
 * in the thread that called crypto_password_dummy_hash().
 */
static pthread_once_t		 dummy_once = PTHREAD_ONCE_INIT;
static char			 dummy_hash[BCRYPT_LEN + 1];
static _Thread_local int	 dummy_cost;

static void
dummy_init(void)
{
	unsigned char	rnd[18];
	char		pw[25];

	if (crypto_random(rnd, sizeof(rnd)) == 0) {
		crypto_b64url_encode(rnd, sizeof(rnd), pw);
		if (crypto_password_hash(pw, dummy_cost, dummy_hash,
		    sizeof(dummy_hash)) == 0) {
			crypto_wipe(pw, sizeof(pw));
			return;
		}
	}
	/* No randomness: fall back to a hash nobody knows the password of. */
	snprintf(dummy_hash, sizeof(dummy_hash), "%s",
	    "$2b$10$3euPcmQFCiblsZeEu5s7p.9OVHgeHWFDk9nhMqZ0m/3pd/lhwZgES");
}

const char *
crypto_password_dummy_hash(int cost)
{
	dummy_cost = cost < 4 || cost > 31 ? 10 : cost;
	pthread_once(&dummy_once, dummy_init);
	return dummy_hash;
}
