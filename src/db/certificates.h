/*
 * The issuer lease, the ledger and certificates (certificates.md §6, §8,
 * §9).  Included by db/db.h; see its error contract.
 */
#ifndef DB_CERTIFICATES_H
#define DB_CERTIFICATES_H

#include <stdint.h>

struct arena;
struct db_conn;

/* ---- the lease (database clock, never the test clock) ---- */

/* Takes the expired lease for holder: *got 1 and *token, or *got 0. */
enum err	db_lease_acquire(struct db_conn *, const char *holder,
		    int seconds, int *got, int64_t *token);
/* Renews a held lease: *ok 0 when it was lost (expired or taken). */
enum err	db_lease_renew(struct db_conn *, const char *holder,
		    int64_t token, int seconds, int *ok);
/* Releases it (expires_at in the past). */
enum err	db_lease_release(struct db_conn *, const char *holder,
		    int64_t token);

/* ---- the ledger head ---- */

/*
 * ledger_head: the last id and its hash (64 '0' at first); lock: FOR
 * UPDATE, else a plain (snapshot) read.
 */
enum err	db_ledger_head(struct db_conn *, struct arena *, int lock,
		    int64_t *last_id, const char **last_hash);
enum err	db_ledger_head_set(struct db_conn *, int64_t last_id,
		    const char *last_hash);

/* ---- certificates ---- */

struct db_claim {
	int64_t		 certificate_id;
	const char	*beneficiary;
	const char	*purpose;		/* NULL: none */
	int64_t		 claimed_at, recorded_at;
	int64_t		 user_id, org_id;
	const char	*key_id, *hash, *signature;
};

/* A certificate row (§6) with its claim, if any. */
struct db_certificate {
	int64_t		 id;
	int64_t		 reservation_id;
	const char	*reservation_uid;
	int64_t		 buyer_org_id;
	const char	*transaction_uid;
	const char	*country_code;
	const char	*kind;			/* window | history */
	int		 late;
	int64_t		 energy_wh, excess_wh;
	int64_t		 generation_start, generation_end;
	int64_t		 window_start, window_end;
	int64_t		 issued_at;
	const char	*owner;
	int		 version;
	const char	*key_id, *prev_hash, *hash, *signature;
	int		 claimed;
	struct db_claim	 claim;
};

/* A certificate_device row (+ the device's organization when read). */
struct db_cert_device {
	int64_t		 certificate_id;
	int64_t		 device_id;
	const char	*external_id;
	const char	*internal_external_id;
	int64_t		 read_count;
	int64_t		 wh;
	int64_t		 start, end;
	int64_t		 org_id;
};

enum err	db_cert_insert(struct db_conn *, const struct db_certificate *);
enum err	db_cert_device_insert(struct db_conn *,
		    const struct db_cert_device *);
/* Inserts v[0..n) with multi-row statements of at most 1000 rows. */
enum err	db_cert_devices_insert(struct db_conn *,
		    const struct db_cert_device *v, size_t n);
/*
 * Locks the uncertified reads among ids[0..n) (FOR UPDATE, id IN-lists
 * of at most 1000): *found = how many of them are still uncertified.
 * ids must be distinct.
 */
enum err	db_cert_reads_lock(struct db_conn *, const int64_t *ids,
		    size_t n, int64_t *found);
/* Sets certificate_id on the uncertified ones; *changed rows. */
enum err	db_cert_reads_mark(struct db_conn *, int64_t cert_id,
		    const int64_t *ids, size_t n, int64_t *changed);
/* Writes the issuer's reservation columns (through/closed 0: NULL). */
enum err	db_res_issue_state(struct db_conn *, int64_t res_id,
		    int64_t issued_wh, int64_t count, int has_through,
		    int64_t through, const char *status, int has_closed,
		    int64_t closed_at, int64_t now);
/* Ids of the reservations a pass works on (§4 step 2), ascending. */
enum err	db_res_processable(struct db_conn *, struct arena *,
		    int64_t **ids, int *n);

/* A candidate read of a reservation (ST_ISSUE_READS). */
struct db_issue_read {
	int64_t		 id, device_id;
	const char	*type;
	int64_t		 start, end, wh;
	int		 baseline;
	int64_t		 created;
	const char	*external_id, *internal_external_id, *country_code;
};

/*
 * The uncertified, non-baseline, positive reads of member devices whose
 * end lies in a non-empty membership and is <= upto, received <= expiry;
 * in no particular order (the planner sorts its candidates itself: an
 * ORDER BY made MariaDB sort every candidate of the reservation, and with
 * 360 000 of them the sort outlasted the 5 s read timeout).  Only those
 * ending in [from, before), at most limit of them (a chunk of a pass).
 */
enum err	db_issue_reads(struct db_conn *, struct arena *, int64_t res_id,
		    int64_t upto, int64_t expiry, int64_t from, int64_t before,
		    int64_t limit, struct db_issue_read **, int *n);

/* ---- issuer keys ---- */

struct db_issuer_key {
	const char	*key_id;
	const char	*public_key;	/* hex */
	int64_t		 created;
};

/* Records a public key if new. */
enum err	db_issuer_key_add(struct db_conn *, const char *key_id,
		    const char *public_hex, int64_t now);
enum err	db_issuer_keys(struct db_conn *, struct arena *,
		    struct db_issuer_key **, int *n);

/* ---- reading certificates ---- */

enum err	db_cert_get(struct db_conn *, struct arena *, int64_t id,
		    struct db_certificate *);
/* Certificates with id > after, ascending, at most limit. */
enum err	db_cert_range(struct db_conn *, struct arena *, int64_t after,
		    int64_t limit, struct db_certificate **, int *n);
/* Its certificate_device rows by device id. */
enum err	db_cert_devices(struct db_conn *, struct arena *, int64_t id,
		    struct db_cert_device **, int *n);
/* Number and Wh of the reads carrying certificate id. */
enum err	db_cert_read_sum(struct db_conn *, int64_t id, int64_t *count,
		    int64_t *wh);
/* A reservation's certificates, newest first; *total counts all. */
enum err	db_cert_by_res(struct db_conn *, struct arena *, int64_t res_id,
		    int64_t limit, int64_t offset, struct db_certificate **,
		    int *n, int64_t *total);

/* certifiedlogOfdevices filters (§9.6); zero/NULL filter nothing. */
struct db_cert_filter {
	int64_t		 buyer_org_id;
	int64_t		 dev_org_id;
	const char	*reservation_uid;
	const char	*countries;	/* comma-joined alpha-3 */
	int		 has_start, has_end;
	int64_t		 start, end;
};

enum err	db_cert_list(struct db_conn *, struct arena *,
		    const struct db_cert_filter *, int64_t limit, int64_t offset,
		    struct db_certificate **, int *n, int64_t *total);
/* Inserts a claim; ERR_CONFLICT when the certificate is claimed. */
enum err	db_claim_insert(struct db_conn *, const struct db_claim *);

#endif
