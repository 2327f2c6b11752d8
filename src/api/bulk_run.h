/*
 * Bulk-job execution internals (integrators.md §5.3-5.4, §6), shared by
 * bulk_run.c (the thread, claims, chunks) and the item processors.
 */
#ifndef API_BULK_RUN_H
#define API_BULK_RUN_H

#include "api/api.h"

/* What a chunk knows while it processes items. */
struct job_run {
	struct api_ctx		*ctx;
	struct db_conn		*db;
	struct arena		*a;	/* reset per item */
	const struct db_job	*job;
	int64_t			 now;	/* the chunk's effective now */
	const char		*yield_cc;	/* cached yield default: country */
	int			 yield_value;	/* ... and its value */
};

/* An item's outcome. */
struct item_out {
	const char	*status;	/* Succeeded | Skipped | Failed */
	int64_t		 device_id;
	int64_t		 reads_stored;
	struct strbuf	 result;	/* a JSON object */
};

/*
 * Process one item in the open transaction, filling *out.  ERR_OK when
 * the item is decided (any status); another error leaves the chunk to be
 * rolled back and retried.
 */
enum err	api_bulk_read_item(struct job_run *, const struct db_item *,
		    struct item_out *);
enum err	api_bulk_device_item(struct job_run *, const struct db_item *,
		    struct item_out *);

/*
 * Writes {"errors":[{field, code, message}]} into out (Failed): code is
 * ecode_code(e), a response row or an item-only row of the catalogue
 * (src/core/ecode.def); message NULL: its default message.
 */
void		api_bulk_item_fail(struct item_out *, const char *field,
		    enum ecode e, const char *message);

#endif
