/*
 * Queries of the routes for existing clients (clients.md §5-6); see
 * db/db.h for the error contract.
 */
#ifndef DB_CLIENTS_H
#define DB_CLIENTS_H

#include <stdint.h>

#include "db/db.h"

struct arena;
struct db_conn;

/* The device of row i of a result selecting DEVICE_COLS (devices.c). */
void		 db_device_row(const struct db_result *, int i,
		    struct db_device *);

/*
 * clients.md §5.4: at most 50 devices (org_id 0: any organization) whose
 * externalId starts with prefix ignoring ASCII case (LIKE metacharacters
 * taken literally), by externalId ignoring case, then id.
 */
enum err	 db_cl_autocomplete(struct db_conn *, struct arena *,
		    int64_t org_id, const char *prefix, int64_t now,
		    struct db_device **, int *n);

/* One device's certified span in a reservation (clients.md §5.5). */
struct db_cl_span {
	int64_t		 device_id;
	const char	*external_id;		/* the device's current one */
	const char	*internal_external_id;
	int64_t		 first_start, last_end;	/* ms */
	int64_t		 wh;
};

/*
 * The devices with certificate_device rows in reservation res_id, by
 * device id (dev_org > 0: that organization's devices; device > 0: that
 * device only); limit/offset page them; *total counts all.
 */
enum err	 db_cl_cert_spans(struct db_conn *, struct arena *,
		    int64_t res_id, int64_t dev_org, int64_t device,
		    int64_t limit, int64_t offset, struct db_cl_span **, int *n,
		    int64_t *total);

/* One claim of the redemption report (clients.md §6.4). */
struct db_cl_redemption {
	int64_t		 certificate_id;
	int64_t		 reservation_id;
	const char	*reservation_uid;
	int64_t		 energy_wh;
	const char	*country_code;
	const char	*beneficiary;
	const char	*purpose;		/* NULL: none */
	int64_t		 claimed_at, recorded_at;
};

/*
 * Claims of the certificates of buyer_org (0: all) with claimedAt in the
 * closed range (has_*: bound present), by claimedAt desc, certificate id
 * desc.
 */
enum err	 db_cl_redemptions(struct db_conn *, struct arena *,
		    int64_t buyer_org, int has_start, int64_t start,
		    int has_end, int64_t end, struct db_cl_redemption **,
		    int *n);

#endif
