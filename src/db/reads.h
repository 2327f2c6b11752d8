/*
 * Meter reads and read batches (meter-reads.md §2).  Included by db/db.h.
 */
#ifndef DB_READS_H
#define DB_READS_H

#include <stddef.h>
#include <stdint.h>

#include "domain/reads.h"

struct arena;
struct db_conn;

/* P: the device's stored ongoing read with the greatest end. */
struct db_prev_read {
	int	have;
	int64_t	end;
	int64_t	counter;	/* Aggregate only */
};

/* A recorded batch found by Idempotency-Key. */
struct db_batch {
	int64_t		 id;
	int		 same_fingerprint;
	const char	*response;	/* the exact 201 body */
	int64_t		 created;
};

/* A listed read. */
struct db_read_row {
	int64_t	start;
	int64_t	end;
	int64_t	energy;
};

enum err	db_read_prev(struct db_conn *, int64_t device,
		    struct db_prev_read *);
/*
 * Stored History reads of device that overlap (from, to), by start, as an
 * arena array of dom_interval (index -1).
 */
enum err	db_read_history_near(struct db_conn *, struct arena *,
		    int64_t device, int64_t from, int64_t to,
		    struct dom_interval **, size_t *n);
/* ERR_NOTFOUND when the user never recorded key. fp: 32 bytes. */
enum err	db_batch_by_key(struct db_conn *, struct arena *, int64_t user,
		    const char *key, const unsigned char *fp, struct db_batch *);
enum err	db_batch_clear_key(struct db_conn *, int64_t batch);
/*
 * token: 16 bytes; key and fp may be NULL.  A keyless batch is outside
 * uq_meter_read_batch_idem (sql/170: idem_user_id is NULL with the key), so
 * on Galera it conflicts with no other batch.
 */
enum err	db_batch_insert(struct db_conn *, const unsigned char *token,
		    int64_t device, int64_t user, const char *key,
		    const unsigned char *fp, const char *response, int64_t now,
		    int64_t *batch);
/* The recorded response of the batch with token, or ERR_NOTFOUND. */
enum err	db_batch_by_token(struct db_conn *, struct arena *,
		    const unsigned char *token, const char **response);
/* Inserts the accepted reads with multi-row statements (1000 per trip). */
enum err	db_reads_insert(struct db_conn *, int64_t device, int64_t batch,
		    enum read_type, const struct dom_read *, size_t n,
		    int64_t now);
/* Bumps device.row_version (a write every concurrent writer conflicts on). */
enum err	db_device_bump(struct db_conn *, int64_t device);
/* Sets meter_read_type when still null. */
enum err	db_device_set_read_type(struct db_conn *, int64_t device,
		    const char *type);
/* *yes = a reservation of org has a non-empty membership of device. */
enum err	db_device_buyer_member(struct db_conn *, int64_t device,
		    int64_t org, int *yes);
/* Non-baseline reads with end in [from, to], by end then id. */
enum err	db_reads_range(struct db_conn *, struct arena *, int64_t device,
		    int64_t from, int64_t to, int64_t limit, int64_t offset,
		    struct db_read_row **, int *n);
/* §4 pages: History overlapping [from, to] / ongoing ending in it. */
enum err	db_reads_page(struct db_conn *, struct arena *, int64_t device,
		    int history, int64_t from, int64_t to, int64_t limit,
		    int64_t offset, struct db_read_row **, int *n,
		    int64_t *total);
/* Non-baseline reads with end in [from, to), by end. */
enum err	db_reads_span(struct db_conn *, struct arena *, int64_t device,
		    int64_t from, int64_t to, struct db_read_row **, int *n);
/* The latest non-baseline ongoing read; ERR_NOTFOUND when none. */
enum err	db_read_latest(struct db_conn *, int64_t device,
		    struct db_read_row *);

#endif
