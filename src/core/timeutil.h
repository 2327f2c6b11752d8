/*
 * Instants as int64 milliseconds since the Unix epoch, UTC.
 * Parsing follows CONVENTIONS §5 (RFC 3339 / ISO 8601 extended): real
 * calendar checks, fraction of 1-9 digits truncated to milliseconds,
 * 'Z' or ±HH:MM, no offset = UTC.  libc only, no time zone database.
 */
#ifndef CORE_TIMEUTIL_H
#define CORE_TIMEUTIL_H

#include <stdint.h>

#define TIME_ISO_LEN 25	/* "2024-06-01T10:00:00.000Z" + NUL */
/* The instants a parser accepts: 0001-01-01T00:00:00.000Z ... */
#define TIME_MIN_MS	(-62135596800000LL)
/* ... 9999-12-31T23:59:59.999Z, after applying the offset. */
#define TIME_MAX_MS	253402300799999LL

/*
 * Parses an instant; returns 0 and sets *ms, or -1 when malformed/invalid
 * or outside TIME_MIN_MS..TIME_MAX_MS once the offset is applied.
 */
int	 time_parse_instant(const char *, int64_t *ms);
/*
 * Parses an instant or, if allow_date, a date-only YYYY-MM-DD (00:00 UTC).
 * *date_only (may be NULL) is set to 1 for the date form.  0 ok, -1 invalid.
 */
int	 time_parse_instant_or_date(const char *, int allow_date, int64_t *ms,
	    int *date_only);
/* Writes "YYYY-MM-DDTHH:MM:SS.mmmZ" into out (TIME_ISO_LEN bytes). */
void	 time_format_iso(int64_t ms, char *out);
/* Days since 1970-01-01 of a proleptic Gregorian date (m 1-12, d 1-31). */
int64_t	 time_days_from_civil(int64_t y, unsigned m, unsigned d);
/* Inverse of time_days_from_civil. */
void	 time_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
/*
 * ms plus n calendar months (n may be negative), UTC: the time of day is
 * kept and the day clamped to the target month's length (2024-01-31 + 1 =
 * 2024-02-29).  Compute every step from the same origin (origin + n
 * months), never by repeated steps, or the clamp accumulates
 * (certificates.md §2: 01-31 -> 02-28 -> 03-31).
 */
int64_t	 time_add_months(int64_t ms, int64_t n);
/* Days in month m of year y. */
unsigned time_days_in_month(int64_t y, unsigned m);
/* The system clock, ms since epoch. */
int64_t	 time_now_ms(void);
/* Monotonic clock in microseconds (for durations). */
int64_t	 time_mono_us(void);

#endif
