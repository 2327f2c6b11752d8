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
