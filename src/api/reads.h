/*
 * Shared by the meter-read handlers (meter-reads.md).
 */
#ifndef API_READS_H
#define API_READS_H

#include <stddef.h>

#include "db/db.h"

struct api_call;

/*
 * Resolves the device of a meter-read route (§1.1, §3): the caller's
 * organization's externalId (org_hint's for addByAdmin), internalExternalId,
 * numeric id.  write: only the device's organization (and Admin) may see
 * it; else buyers with a membership of it too.  lock: FOR UPDATE.
 * Returns 0, or -1 after answering.
 */
int	api_reads_device(struct api_call *, int write, int64_t org_hint, int lock,
	    struct db_device *);

struct jw;
struct dom_read_fail;
/*
 * The details keys of a batch failure (meter-reads.md §7): conflicting
 * interval, previous end, counters, plausibility.  rows (may be NULL) maps
 * batch indexes to file rows (bulk uploads: "conflictingRow").
 */
void	api_reads_fail_details(struct jw *, const struct dom_read_fail *,
	    const int *rows);

struct dom_read;
struct dom_read_state;
/*
 * The batch checks of an ingestion without a database (the body fuzzer):
 * phase A of each read of the decoded body c->in (*r, *n of them), then
 * dom_reads_check against st for device dev (st's previous read only for
 * Delta and Aggregate).  Answers as the route does: the failure (-1, *f
 * set) or the 201 body (0).
 */
int	api_reads_dry_run(struct api_call *, const struct dom_read_state *st,
	    const struct db_device *dev, struct dom_read **r, size_t *n,
	    struct dom_read_fail *f);

#endif
