/*
 * Shared by the meter-read handlers (meter-reads.md).
 */
#ifndef API_READS_H
#define API_READS_H

#include "db/db.h"

struct api_call;

/*
 * Resolves the device of a meter-read route (§1.1, §3): the caller's
 * organization's externalId (org_hint's for addByAdmin), internalExternalId,
 * numeric id.  write: only the device's organization (and Admin) may see
 * it; else buyers with a membership of it too.  lock: FOR UPDATE.
 * Returns 0, or -1 after answering.
 */
int	reads_device(struct api_call *, int write, int64_t org_hint, int lock,
	    struct db_device *);
/*
 * reads_device for the ingest (write, lock) in the open transaction, with
 * the device's row_version bumped.  By externalId: the lock, the bump and
 * the previous ongoing read in two round trips (db_device_bump_by_external,
 * prev->loaded = 1); other references: reads_device and db_device_bump
 * (prev->loaded = 0).  Returns 0; -1 after answering; 1 with a database
 * error in *ep, nothing answered.
 */
int	reads_device_bump(struct api_call *, int64_t org_hint,
	    struct db_device *, struct db_prev_read *prev, enum err *ep);

struct jw;
struct dom_read_fail;
/*
 * The details keys of a batch failure (meter-reads.md §7): conflicting
 * interval, previous end, counters, plausibility.  rows (may be NULL) maps
 * batch indexes to file rows (bulk uploads: "conflictingRow").
 */
void	reads_fail_details(struct jw *, const struct dom_read_fail *,
	    const int *rows);

#endif
