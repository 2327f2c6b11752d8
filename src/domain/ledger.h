/*
 * The certificate record and its canonical form drec-c14n-1
 * (certificates.md §8), the claim record's canonical form (§9.7) and the
 * reasons `drecctl ledger verify` reports.  Pure: hashing and signing are
 * in crypto/ledger.h.
 */
#ifndef DOMAIN_LEDGER_H
#define DOMAIN_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "domain/issuance.h"

struct arena;
struct strbuf;

#define DOM_LEDGER_VERSION	1
#define DOM_HASH_HEX_LEN	64	/* SHA-256, lower-case hex */
#define DOM_SIG_HEX_LEN		128	/* Ed25519, lower-case hex */
#define DOM_KEY_ID_LEN		16	/* first 16 hex of SHA-256(public key) */
#define DOM_OWNER_MAX		136	/* "org:" + 19 digits, or 128 characters */

/* prevHash of certificate 1: 64 × '0'. */
extern const char dom_ledger_genesis_hash[DOM_HASH_HEX_LEN + 1];

/* One element of the record's `devices` (strings borrowed). */
struct dom_cert_record_device {
	int64_t		 device_id;
	const char	*external_id;
	const char	*internal_external_id;
	int64_t		 read_count;
	int64_t		 wh;
};

/* Every hashed field of a certificate (§8); strings borrowed. */
struct dom_cert_record {
	int64_t				 id;
	int64_t				 buyer_organization_id;
	const char			*transaction_uid;	/* UUID v4 */
	const char			*country_code;
	const struct dom_cert_record_device *devices;	/* by device_id, ascending */
	size_t				 ndevices;
	int64_t				 energy_wh;
	int64_t				 excess_wh;
	int64_t				 generation_start;
	int64_t				 generation_end;
	int64_t				 issued_at;
	const char			*key_id;
	enum dom_cert_kind		 kind;
	int				 late;
	const char			*owner;
	const char			*prev_hash;
	int64_t				 reservation_id;
	const char			*reservation_uid;
	int				 version;		/* DOM_LEDGER_VERSION */
	int64_t				 window_start;
	int64_t				 window_end;
};

/*
 * The certificate owner (§8): blockchain_address when not NULL, else
 * "org:<organization id>".  Writes into out (DOM_OWNER_MAX bytes, NUL
 * terminated, truncating an over-long address).
 */
void		 dom_cert_owner(const char *blockchain_address,
		    int64_t organization_id, char out[DOM_OWNER_MAX]);

/*
 * Fills rec's unit fields from a planned certificate (kind, late,
 * country, energy, generation and recorded window) and allocates its
 * devices in a from the plan's parts.  The caller sets the rest (id,
 * buyer organization, transaction UID, issuedAt, keyId, owner, prevHash,
 * reservation id and UID); version is set to DOM_LEDGER_VERSION.
 */
void		 dom_cert_record_from_plan(struct arena *a,
		    const struct dom_planned_cert *, struct dom_cert_record *rec);

/*
 * Appends the canonical bytes of the record (drec-c14n-1, §8: keys
 * sorted byte-wise, no whitespace, instants as YYYY-MM-DDTHH:MM:SS.mmmZ)
 * to out.  Returns 0, or -1 (nothing appended) when a string is NULL or
 * devices are not strictly ascending by device_id.
 */
int		 dom_cert_canonical(const struct dom_cert_record *,
		    struct strbuf *out);

/* The fields of a claim's canonical form (§9.7); strings borrowed. */
struct dom_claim_record {
	const char	*beneficiary;
	const char	*certificate_hash;
	int64_t		 certificate_id;
	int64_t		 claimed_at;
	int64_t		 claimed_by_user_id;
	const char	*key_id;
	int64_t		 organization_id;
	const char	*purpose;	/* NULL: JSON null */
	int64_t		 recorded_at;
};

/*
 * Appends the claim's canonical bytes (§9.7, drec-c14n-1) to out.
 * Returns 0, or -1 (nothing appended) when a required string is NULL.
 */
int		 dom_claim_canonical(const struct dom_claim_record *,
		    struct strbuf *out);

/* Why `ledger verify` stops (§8), in check order per certificate. */
enum dom_ledger_break {
	LEDGER_OK,
	LEDGER_ID_GAP,
	LEDGER_PREV_HASH_MISMATCH,
	LEDGER_HASH_MISMATCH,
	LEDGER_UNKNOWN_KEY,
	LEDGER_BAD_SIGNATURE,
	LEDGER_READS_MISMATCH,
	LEDGER_HEAD_MISMATCH,
	LEDGER__MAX
};

/*
 * The reason text of §8: "id gap", "prevHash mismatch", "hash mismatch",
 * "unknown key" (the caller appends " <keyId>"), "bad signature", "reads
 * mismatch", "head mismatch"; "ok" for LEDGER_OK.
 */
const char	*dom_ledger_break_name(enum dom_ledger_break);

#endif
