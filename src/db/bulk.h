/*
 * Bulk-upload jobs and their items (integrators.md §5-6, §8).  Included
 * by db/db.h.
 */
#ifndef DB_BULK_H
#define DB_BULK_H

#include <stdint.h>

struct db_job {
	int64_t		 id;
	const char	*kind;		/* devices | reads */
	int64_t		 org_id;
	int64_t		 user_id;
	const char	*status;
	const char	*file_name;	/* NULL */
	const char	*file_id;	/* NULL */
	int64_t		 rows, items, succeeded, skipped, failed, reads_stored;
	const char	*created_at, *started_at, *finished_at, *updated_at;
	const char	*read_type, *read_unit, *read_timezone;	/* NULL */
	int64_t		 attempts, lease_token;
	const char	*columns_csv;
};

/* A new job's facts (db_job_insert). */
struct db_job_new {
	const char	*kind;
	int64_t		 org_id, user_id;
	const char	*file_name, *file_id, *columns_csv;
	const char	*read_type, *read_unit, *read_timezone;
	int64_t		 rows, items;
	const char	*idem_key;	/* NULL */
	const char	*fingerprint_hex;	/* 64 hex or NULL */
};

/* One item to insert. */
struct db_item_new {
	int64_t		 seq, first_row, last_row;
	const char	*external_id;	/* NULL */
	const char	*input;		/* JSON text */
	size_t		 input_len;
};

/* An item as read back. */
struct db_item {
	int64_t		 id, seq, first_row, last_row, device_id;
	const char	*external_id, *status, *input, *result;
};

struct db_job_filter {
	int64_t		 org_id;	/* 0: any */
	int64_t		 managed_by;	/* api_user.id: its organizations; 0 */
	const char	*kind, *status;	/* NULL: any */
};

enum err	 db_job_insert(struct db_conn *, const struct db_job_new *,
		    int64_t now, int64_t *id);
/* Inserts items[0..n) of job in multi-row statements. */
enum err	 db_items_insert(struct db_conn *, int64_t job,
		    const struct db_item_new *, size_t n);
/* The job of (user, key): id, fingerprint hex, created (ms). */
enum err	 db_job_by_idem(struct db_conn *, struct arena *, int64_t user,
		    const char *key, int64_t *id, const char **fp_hex,
		    int64_t *created);
enum err	 db_job_clear_idem(struct db_conn *, int64_t id);
enum err	 db_job_open_count(struct db_conn *, int64_t org, int64_t *n);
enum err	 db_job_get(struct db_conn *, struct arena *, int64_t id,
		    struct db_job *);
enum err	 db_job_list(struct db_conn *, struct arena *,
		    const struct db_job_filter *, int64_t limit, int64_t offset,
		    struct db_job **, int *n, int64_t *total);
enum err	 db_items_page(struct db_conn *, struct arena *, int64_t job,
		    const char *status, int64_t limit, int64_t offset,
		    struct db_item **, int *n, int64_t *total);

/* Job execution (§6). */
/* The oldest claimable job's id, or ERR_NOTFOUND. */
enum err	 db_job_candidate(struct db_conn *, int64_t *id);
/* Claims job id for holder; *held = 1 when this call took the lease. */
enum err	 db_job_claim(struct db_conn *, int64_t id, const char *holder,
		    int lease_s, int64_t now, int *held);
/* Renews the lease (in the chunk's transaction); *held as above. */
enum err	 db_job_renew(struct db_conn *, int64_t id, const char *holder,
		    int64_t token, int lease_s, int *held);
enum err	 db_items_pending(struct db_conn *, struct arena *, int64_t job,
		    int limit, struct db_item **, int *n);
/* An item's outcome for db_item_results. */
struct db_item_result {
	int64_t		 id, device_id;	/* device_id 0: NULL */
	const char	*status, *result;
};
/* Writes n item outcomes in multi-row statements. */
enum err	 db_item_results(struct db_conn *, const struct db_item_result *,
		    size_t n);
enum err	 db_job_counters(struct db_conn *, int64_t job, int64_t ok,
		    int64_t skipped, int64_t failed, int64_t reads, int64_t now);
/* Fails every pending item with result; *n = how many. */
enum err	 db_items_abort(struct db_conn *, int64_t job, const char *result,
		    int64_t *n);
/* Completed or Failed (adding failed), releasing the lease. */
enum err	 db_job_finish(struct db_conn *, int64_t job, int64_t token,
		    const char *status, int64_t failed, int64_t now);
/* Expires the lease (drain). */
enum err	 db_job_release(struct db_conn *, int64_t job, int64_t token);
/* Housekeeping: up to 1000 finished jobs before t / files before t. */
enum err	 db_job_purge(struct db_conn *, int64_t before, int64_t *n);
enum err	 db_file_purge(struct db_conn *, int64_t before, int64_t *n);

/* Uploaded files (§5.6). */
enum err	 db_file_insert(struct db_conn *, const char *id, int64_t user,
		    const char *name, const char *data, size_t len, int64_t now);
/*
 * The caller's file id: its name, bytes (*len; a file holding a NUL byte
 * is cut just after the first one) and creation (ms).
 */
enum err	 db_file_get(struct db_conn *, struct arena *, const char *id,
		    int64_t user, const char **name, const char **data,
		    size_t *len, int64_t *created);
enum err	 db_file_delete(struct db_conn *, const char *id);

/* A stored read with an end in [lo, hi] (duplicate checks, §5.4). */
struct db_read_key {
	int64_t		 start, end, energy, counter;	/* counter -1: none */
	const char	*type;
};
enum err	 db_reads_same_end(struct db_conn *, struct arena *,
		    int64_t device, int64_t lo, int64_t hi,
		    struct db_read_key **, int *n);

#endif
