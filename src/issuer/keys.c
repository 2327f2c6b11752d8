/*
 * The issuer key (certificates.md §8): loaded from issuer_key_file, its
 * public key recorded in issuer_key.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "crypto/crypto.h"
#include "crypto/ledger.h"
#include "db/db.h"
#include "issuer/issuer.h"

int
issuer_key_load(const struct config *cfg, struct db_conn *db, int64_t now,
    struct issuer_key *k, char *err, size_t errlen)
{
	unsigned char		pub[CRYPTO_ED25519_KEY_LEN];
	char			hex[2 * CRYPTO_ED25519_KEY_LEN + 1];
	unsigned		mode = 0;
	enum crypto_key_file	r;
	enum err		e;

	memset(k, 0, sizeof(*k));
	if (cfg->issuer_key_file[0] == '\0')
		return 0;
	r = crypto_issuer_key_load_file(cfg->issuer_key_file, &k->key, &mode);
	if (r == KEY_FILE_UNREADABLE) {
		k->key = NULL;
		return 0;
	}
	if (r == KEY_FILE_INVALID) {
		k->key = NULL;
		snprintf(err, errlen, "issuer_key_file %s is not an Ed25519 "
		    "PKCS#8 PEM private key", cfg->issuer_key_file);
		return -1;
	}
	if (mode & 077)
		log_warn(NULL, "issuer_key_file %s is readable by group or "
		    "others (mode %03o); use 0600", cfg->issuer_key_file, mode);
	crypto_issuer_key_public(k->key, pub);
	crypto_ed25519_key_id(pub, k->key_id);
	if (db != NULL) {
		crypto_hex(pub, sizeof(pub), hex);
		if ((e = db_issuer_key_add(db, k->key_id, hex, now)) != ERR_OK) {
			snprintf(err, errlen, "recording the issuer public key: "
			    "%s", err_name(e));
			return -1;
		}
	}
	return 0;
}

void
issuer_key_free(struct issuer_key *k)
{
	crypto_issuer_key_free(k->key);
	memset(k, 0, sizeof(*k));
}
