/*
 * The certificate issuer (certificates.md §4, §6, §8): one pass against
 * the database, the issuer key, and `ledger verify`.  Used by drecd
 * (POST /api/drec-issuer/run, GET /api/issuer/public-key) and drecctl.
 * The computation is domain/issuance.h's; this layer loads its inputs,
 * applies its steps in bounded transactions under the lease, and seals
 * certificates with crypto/ledger.h.
 */
#ifndef ISSUER_ISSUER_H
#define ISSUER_ISSUER_H

#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/err.h"

struct arena;
struct db_conn;
struct jw;
struct crypto_issuer_key;
struct db_certificate;
struct db_cert_device;
struct dom_cert_record;

/* The signing key with its id. */
struct issuer_key {
	struct crypto_issuer_key	*key;		/* NULL: none readable */
	char				 key_id[17];
};

/*
 * Loads cfg->issuer_key_file into k (k->key NULL when the file is not set
 * or not readable; -1 and a message in err when it is readable but not an
 * Ed25519 PKCS#8 key) and, when conn is not NULL, records its public key
 * in issuer_key if new (§8).  Never logs key material.
 */
int		 issuer_key_load(const struct config *, struct db_conn *,
		    int64_t now, struct issuer_key *k, char *err, size_t errlen);
void		 issuer_key_free(struct issuer_key *);

/* What a pass did (§9.1). */
struct issuer_summary {
	int64_t		 started_at;
	int64_t		*cert_ids;	/* malloc'd */
	size_t		 ncerts, cap_certs;
	int64_t		 energy_wh, excess_wh, reads_certified;
	int64_t		 windows_issued;
	int64_t		*ended, *completed;	/* reservation ids, malloc'd */
	size_t		 nended, ncompleted, cap_ended, cap_completed;
};

enum issuer_result {
	ISSUER_OK,
	ISSUER_BUSY,		/* the lease is held elsewhere (409 / exit 3) */
	ISSUER_KEY_MISSING,	/* no signing key (503 / exit 4) */
	ISSUER_PARTIAL,		/* aborted after committing some (503 / exit 5) */
	ISSUER_FAILED		/* aborted before committing anything */
};

/*
 * Runs one pass at now (the effective now, resolved once by the caller):
 * acquires the lease (waiting up to wait_s seconds), works every
 * processable reservation in id order, releases the lease.  *e gets the
 * database error of an aborted pass.  The summary must be released with
 * issuer_summary_free.
 */
enum issuer_result issuer_pass(struct db_conn *, const struct config *,
		    const struct issuer_key *, int64_t now, int wait_s,
		    struct issuer_summary *, enum err *e);
void		 issuer_summary_free(struct issuer_summary *);
/* Writes the summary object of §9.1. */
void		 issuer_summary_json(struct jw *, const struct issuer_summary *);

/*
 * `drecctl ledger verify` (§8): walks every certificate in id order.
 * Returns 0 with "OK <n> certificates, head <id> <hash>" in out, 1 with
 * "BROKEN at certificate <id>: <reason>", or -1 with a database error.
 */
int		 issuer_ledger_verify(struct db_conn *, char *out,
		    size_t outlen);

/*
 * The hashed record (§8) of a stored certificate c and its n
 * certificate_device rows d (by device id); strings borrowed, devices in
 * a.  Returns 0, or -1 when out of memory.
 */
int		 issuer_record_of(struct arena *, const struct db_certificate *c,
		    const struct db_cert_device *d, int n,
		    struct dom_cert_record *rec);

#endif
