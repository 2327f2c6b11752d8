/*
 * libFuzzer harness: the timestamp parsers (CONVENTIONS §5, meter-reads.md
 * §1.3) and the wall-clock conversion behind them.
 *
 * Input: byte 0 picks a time zone (or none), the rest is the text (cut at
 * the first NUL, as the parsers take C strings).  Checked:
 *  - time_parse_instant: an accepted instant lies within years 0001-9999
 *    in UTC (TIME_MIN_MS..TIME_MAX_MS: an offset must not push it out) and
 *    prints (time_format_iso) as a text that parses back to the same
 *    millisecond;
 *  - time_parse_instant_or_date agrees with it when dates are not allowed,
 *    and when they are, accepts a superset; a date-only text is midnight
 *    UTC and has 10 characters;
 *  - dom_read_timestamp agrees with time_parse_instant on every text that
 *    has an explicit offset, and with the same text with ' ' for 'T'; a
 *    text without an offset read in a zone lies within 26 hours of UTC,
 *    and every accepted read timestamp is within the same years;
 *  - tz_local_to_utc / tz_offset_at on the first 8 bytes as milliseconds:
 *    offsets within +-26 h, and local -> UTC -> local moves at most the
 *    largest jump of the database (25 h: Apia and Kiritimati skipped a
 *    whole day when they crossed the date line).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/tz.h"
#include "domain/reads.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define DAY_MS		86400000LL
#define H26_MS		(26 * 3600000LL)
#define MIN_MS		(-62135596800000LL - DAY_MS)	/* 0001-01-01 - 1 day */
#define MAX_MS		(253402300799999LL + DAY_MS)	/* 9999-12-31T23:59:59.999 + 1 day */

static const char *const zones[] = {
	NULL, "UTC", "Asia/Kolkata", "America/New_York", "Europe/Berlin",
	"Australia/Lord_Howe", "Pacific/Chatham", "America/Sao_Paulo",
	"Asia/Kathmandu", "Pacific/Kiritimati", "America/St_Johns",
	"Africa/Casablanca", "Antarctica/Troll", "Pacific/Apia",
};

static void
check_zone(const struct tz *z, const uint8_t *data, size_t size)
{
	int64_t	ms, u, back;
	int32_t	off;

	if (z == NULL || size < sizeof(ms))
		return;
	memcpy(&ms, data, sizeof(ms));
	/* Keep to the years the parsers produce. */
	if (ms < MIN_MS || ms > MAX_MS)
		ms = MIN_MS + (int64_t)((uint64_t)ms % (uint64_t)(MAX_MS - MIN_MS));
	off = tz_offset_at(z, ms);
	if (off < -26 * 3600 || off > 26 * 3600)
		abort();
	u = tz_local_to_utc(z, ms);
	if (u < ms - H26_MS || u > ms + H26_MS)
		abort();
	back = u + (int64_t)tz_offset_at(z, u) * 1000;
	if (back < ms - 25 * 3600000LL || back > ms + 25 * 3600000LL)
		abort();
}

/* The instant s (accepted) ends in Z or +-HH:MM. */
static int
has_offset(const char *s)
{
	size_t i = 19;

	if (s[i] == '.')
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			;
	return s[i] != '\0';
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 s[128], t[128], iso[TIME_ISO_LEN];
	const struct tz	*z = NULL;
	int64_t		 a = 0, b = 0, c = 0, d = 0;
	int		 ra, rb, rc, rd, date_only = -1;
	size_t		 n;

	if (size < 1)
		return 0;
	if (zones[data[0] % (sizeof(zones) / sizeof(zones[0]))] != NULL &&
	    (z = tz_get(zones[data[0] % (sizeof(zones) / sizeof(zones[0]))])) ==
	    NULL)
		abort();	/* the zone exists in every tzdata */
	n = size - 1 < sizeof(s) - 1 ? size - 1 : sizeof(s) - 1;
	memcpy(s, data + 1, n);
	s[n] = '\0';
	n = strlen(s);

	ra = time_parse_instant(s, &a);
	if (ra == 0) {
		/* The instant itself is in years 0001-9999 (UTC). */
		if (a < TIME_MIN_MS || a > TIME_MAX_MS)
			abort();
		time_format_iso(a, iso);
		if (time_parse_instant(iso, &b) != 0 || b != a)
			abort();	/* no round trip */
	}
	rb = time_parse_instant_or_date(s, 0, &b, NULL);
	if (rb != ra || (rb == 0 && b != a))
		abort();
	rc = time_parse_instant_or_date(s, 1, &c, &date_only);
	if (ra == 0 && (rc != 0 || c != a || date_only != 0))
		abort();
	if (rc == 0 && ra != 0 && (date_only != 1 || n != 10 ||
	    c % DAY_MS != 0))
		abort();

	/* Read timestamps: an explicit offset wins over the zone. */
	rd = dom_read_timestamp(s, z, &d);
	if (rd == 0 && (d < TIME_MIN_MS || d > TIME_MAX_MS))
		abort();
	rb = dom_read_timestamp(s, NULL, &b);
	/* The zone decides nothing about the syntax, only the range. */
	if (rb != rd && !(rd != 0 && rb == 0 && z != NULL && !has_offset(s) &&
	    (b < TIME_MIN_MS + H26_MS || b > TIME_MAX_MS - H26_MS)))
		abort();
	if (ra == 0 && rd != 0 && rb == 0)
		return 0;	/* out of range in the zone (checked above) */
	if (ra == 0) {
		/* Every instant is a read timestamp. */
		if (rd != 0)
			abort();
		if ((z == NULL || has_offset(s)) && d != a)
			abort();
		if (d < a - H26_MS || d > a + H26_MS)
			abort();
		if (n >= 11 && s[10] == 'T') {
			memcpy(t, s, n + 1);
			t[10] = ' ';
			if (dom_read_timestamp(t, z, &b) != 0 || b != d)
				abort();
		}
	}
	check_zone(z, data + 1, size - 1);
	return 0;
}
