/*
 * Shared by bench/ingest_http.c and bench/ingest_direct.c: the synthetic
 * Delta reads both programs write, so that the HTTP runs and the direct
 * baseline store the same rows.
 *
 * Read j (0-based, counted per device over the whole phase) of a device
 * ends at start_ms + (j + 1) * step_ms and carries bench_value(j) Wh.
 * With the bench's 10 kW devices and a 5-minute step the plausibility cap
 * of meter-reads.md §1.9 is 10 kW x 5 min = 833 Wh; values stay in
 * 50..449 Wh.
 */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline int64_t
bench_end(int64_t start_ms, int64_t step_ms, int64_t j)
{
	return start_ms + (j + 1) * step_ms;
}

static inline int
bench_value(int64_t j)
{
	return 50 + (int)((j * 7919) % 400);
}

/* Civil date from days since 1970-01-01 (H. Hinnant's algorithm). */
static inline void
bench_civil(int64_t z, int *y, unsigned *m, unsigned *d)
{
	int64_t		era, yy;
	unsigned	doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = (int64_t)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)(yy + (*m <= 2));
}

/* Splits ms since the epoch (>= 0) into civil fields. */
static inline void
bench_split(int64_t ms, int *y, unsigned *mo, unsigned *d, unsigned *h,
    unsigned *mi, unsigned *s, unsigned *frac)
{
	int64_t days = ms / 86400000, rem = ms % 86400000;

	bench_civil(days, y, mo, d);
	*h = (unsigned)(rem / 3600000);
	*mi = (unsigned)(rem / 60000 % 60);
	*s = (unsigned)(rem / 1000 % 60);
	*frac = (unsigned)(rem % 1000);
}

/* "2024-06-01T00:05:00.000Z" into out (25 bytes used; give it 80 so
 * that -Wformat-truncation sees room for any unsigned). */
static inline void
bench_iso(int64_t ms, char *out, size_t len)
{
	int		y;
	unsigned	mo, d, h, mi, s, f;

	bench_split(ms, &y, &mo, &d, &h, &mi, &s, &f);
	snprintf(out, len, "%04d-%02u-%02uT%02u:%02u:%02u.%03uZ", y, mo, d, h,
	    mi, s, f);
}

static inline double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A strictly parsed integer argument, else exit 2. */
static inline int64_t
bench_arg(const char *s, const char *what)
{
	char		*end;
	long long	 v;

	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < 0) {
		fprintf(stderr, "bad %s: %s\n", what, s);
		exit(2);
	}
	return (int64_t)v;
}

#endif
