/*
 * Meter-read rules (meter-reads.md §1.4-1.9).  Pure: no I/O, the caller
 * passes the device facts and the stored state in and stores the results.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "core/tz.h"
#include "domain/reads.h"

#define HOUR_MS		3600000.0
#define DAY_MS		86400000LL
#define DEFAULT_YIELD	2000

static const char *const type_names[READ__MAX] = { "History", "Delta",
    "Aggregate" };
static const char *const unit_names[UNIT__MAX] = { "Wh", "kWh", "MWh", "GWh" };

const char *
dom_read_type_name(enum read_type t)
{
	return (t >= 0 && t < READ__MAX) ? type_names[t] : "?";
}

int
dom_read_type_parse(const char *s)
{
	int i;

	for (i = 0; i < READ__MAX; i++)
		if (strcasecmp(s, type_names[i]) == 0)
			return i;
	return -1;
}

int
dom_read_unit_parse(const char *s)
{
	int i;

	for (i = 0; i < UNIT__MAX; i++)
		if (strcasecmp(s, unit_names[i]) == 0)
			return i;
	return -1;
}

/*
 * Exact decimal conversion (§1.4): the number is read as its digit string
 * D, sign and a power of ten P (fraction digits and exponent folded in,
 * plus 3 per unit step), so value = ±D × 10^P.  For P >= 0 the digits are
 * scaled up with overflow checks; for P < 0 the last -P digits are dropped
 * and the first dropped digit rounds (a tie rounds away from zero: the
 * value is exact, so "5 followed by anything" is at least half).
 */
enum value_status
dom_value_wh(const char *s, enum read_unit unit, int64_t *wh)
{
	char		 digits[64];
	size_t		 nd = 0, keep, i;
	long		 exp10 = 0, e = 0;
	int		 neg = 0, esign = 1, any = 0, round_up;
	uint64_t	 v = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	/*
	 * At most 64 significant digits are kept: a result fits in 19, and
	 * rounding looks at one more, so later fraction digits cannot matter;
	 * a later integer digit only scales the value up (exp10++).
	 */
	for (; *s >= '0' && *s <= '9'; s++, any = 1)
		if (nd == sizeof(digits))
			exp10++;
		else if (nd > 0 || *s != '0')
			digits[nd++] = *s;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++, any = 1) {
			if (nd == sizeof(digits))
				continue;
			if (nd > 0 || *s != '0')
				digits[nd++] = *s;
			exp10--;
		}
	}
	if (!any)
		return VALUE_NOT_NUMBER;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			esign = *s++ == '-' ? -1 : 1;
		if (*s < '0' || *s > '9')
			return VALUE_NOT_NUMBER;
		for (; *s >= '0' && *s <= '9'; s++)
			if ((e = e * 10 + (*s - '0')) > 100000)
				e = 100000;	/* saturate: decided below */
	}
	if (*s != '\0')
		return VALUE_NOT_NUMBER;
	exp10 += esign * e + 3 * (long)unit;
	if (nd == 0) {
		*wh = 0;
		return VALUE_OK;
	}
	if (exp10 >= 0) {
		if ((long)nd + exp10 > 19)
			return VALUE_OVERFLOW;
		keep = nd;
	} else {
		if ((long)nd + exp10 <= 0) {
			/* Every digit is a fraction of a Wh. */
			round_up = (long)nd + exp10 == 0 && digits[0] >= '5';
			*wh = round_up ? (neg ? -1 : 1) : 0;
			return VALUE_OK;
		}
		keep = (size_t)((long)nd + exp10);
	}
	for (i = 0; i < keep; i++) {
		if (v > (UINT64_MAX - 9) / 10)
			return VALUE_OVERFLOW;
		v = v * 10 + (uint64_t)(digits[i] - '0');
	}
	for (; exp10 > 0; exp10--) {
		if (v > UINT64_MAX / 10)
			return VALUE_OVERFLOW;
		v *= 10;
	}
	if (keep < nd && digits[keep] >= '5')
		v++;
	if (v > (uint64_t)INT64_MAX)
		return VALUE_OVERFLOW;
	*wh = neg ? -(int64_t)v : (int64_t)v;
	return VALUE_OK;
}

int64_t
dom_add_years(int64_t ms, int n)
{
	/* 12n months: only 29 Feb can need the clamp (to 28 Feb). */
	return time_add_months(ms, 12 * (int64_t)n);
}

/* Fractional years from commissioning to end, at least 1 (§1.9). */
static double
age_years(int64_t commissioning, int64_t end)
{
	int64_t	a, b;
	int	n = 0;

	if (end <= commissioning)
		return 1.0;
	/* Largest n with commissioning + n years <= end. */
	n = (int)((end - commissioning) / (366 * DAY_MS));
	while (dom_add_years(commissioning, n + 1) <= end)
		n++;
	while (n > 0 && dom_add_years(commissioning, n) > end)
		n--;
	a = dom_add_years(commissioning, n);
	b = dom_add_years(commissioning, n + 1);
	return fmax(1.0, n + (double)(end - a) / (double)(b - a));
}

int64_t
dom_plausible_max(double cap, int yield, int64_t commissioning, int64_t start,
    int64_t end, double *hours_out)
{
	double	hours, age, d, max_wh, y;

	hours = (double)(end - start) / HOUR_MS;
	y = yield > 0 ? yield : DEFAULT_YIELD;
	age = age_years(commissioning, end);
	/* As written in §1.9, left to right, in IEEE double. */
	d = fmax(hours, 24) * y * pow(0.995, age - 1) / 8760 * 1.2;
	max_wh = cap * 1000 * fmin(hours, d);
	if (hours_out != NULL)
		*hours_out = hours;
	return (int64_t)floor(max_wh + 1e-6);
}

int
dom_read_timestamp(const char *s, const struct tz *zone, int64_t *ms)
{
	char	buf[64];
	size_t	n = strlen(s), i;
	int	offset;

	if (n < 19 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n + 1);
	if (buf[10] == ' ')
		buf[10] = 'T';
	/* After "YYYY-MM-DDTHH:MM:SS" and a fraction comes the offset. */
	i = 19;
	if (buf[i] == '.')
		for (i++; buf[i] >= '0' && buf[i] <= '9'; i++)
			;
	offset = buf[i] != '\0';
	if (time_parse_instant(buf, ms) != 0)
		return -1;
	if (!offset && zone != NULL)
		*ms = tz_local_to_utc(zone, *ms);
	/* Wall-clock time can leave the range too (timeutil.h). */
	if (*ms < TIME_MIN_MS || *ms > TIME_MAX_MS)
		return -1;
	return 0;
}
