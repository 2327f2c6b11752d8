/*
 * IANA time zones from the host's tz database (TZif files, RFC 8536),
 * for meter-read timestamps given as wall-clock time (meter-reads.md §1.3)
 * and local calendar buckets (§4).  Zones are loaded on first use and kept
 * for the life of the process; every function is thread-safe.
 */
#ifndef CORE_TZ_H
#define CORE_TZ_H

#include <stddef.h>
#include <stdint.h>

struct tz;

/*
 * Sets the database directory (default /usr/share/zoneinfo, or $TZDIR)
 * before first use.  Returns 0, or -1 when the directory has no zones.
 */
int		 tz_init(const char *dir);
/*
 * The zone or link named name, matched case-insensitively ("asia/kolkata",
 * "Asia/Calcutta", "UTC", "Etc/GMT+5"); NULL when unknown or unreadable.
 * The result is shared and never freed.
 */
const struct tz	*tz_get(const char *name);
/* The zone's name as spelled in the database ("Asia/Kolkata"). */
const char	*tz_name(const struct tz *);
/* UTC offset in seconds in force at the instant utc_ms. */
int32_t		 tz_offset_at(const struct tz *, int64_t utc_ms);
/*
 * The instant of a wall-clock time (local_ms = the local date-time's
 * milliseconds as if it were UTC).  In a gap (nonexistent local time) and
 * in an overlap (ambiguous local time) the offset in force before the
 * transition is used: Berlin 2023-03-26 02:30 → 01:30Z; 2023-10-29 02:30
 * → 00:30Z (Python zoneinfo fold=0).
 */
int64_t		 tz_local_to_utc(const struct tz *, int64_t local_ms);
/*
 * Every zone and link name of the database, sorted by byte order, no
 * duplicates (static storage).  *n gets the count.
 */
const char *const *tz_names(size_t *n);

#endif
