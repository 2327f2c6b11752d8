/*
 * Instants as int64 milliseconds since 1970-01-01T00:00:00Z.
 *
 * The parser accepts exactly the CONVENTIONS §5 grammar (a strict subset of
 * RFC 3339 §5.6):
 *
 *	date     = YYYY "-" MM "-" DD			(year 0001-9999)
 *	time     = HH ":" MM ":" SS [ "." 1*9DIGIT ]
 *	offset   = "Z" / ( "+" / "-" ) HH ":" MM	(HH 00-23, MM 00-59)
 *	instant  = date "T" time [ offset ]		(no offset: UTC)
 *
 * and the instant, in UTC, must lie in years 0001-9999 too (TIME_MIN_MS to
 * TIME_MAX_MS), so that it prints in the output form and fits DATETIME.
 * Upper-case 'T' and 'Z' only, no leap second, no hour 24.  Fraction digits
 * beyond the third are truncated.  Calendar arithmetic uses Howard
 * Hinnant's days_from_civil / civil_from_days (proleptic Gregorian).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/timeutil.h"

#define MS_PER_DAY	86400000LL

/*
 * Reads exactly n decimal digits at s into *v; returns 0, or -1 when a
 * non-digit is found (which includes the terminating NUL).
 */
static int
digits(const char *s, int n, int *v)
{
	int	i, r = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		r = r * 10 + (s[i] - '0');
	}
	*v = r;
	return 0;
}

int64_t
time_days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t		era;
	unsigned	yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);			/* [0, 399] */
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;	/* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;		/* [0, 146096] */
	return era * 146097 + (int64_t)doe - 719468;
}

void
time_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t		era;
	unsigned	doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

unsigned
time_days_in_month(int64_t y, unsigned m)
{
	static const unsigned char	 dim[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int				 leap;

	if (m < 1 || m > 12)
		return 0;
	if (m != 2)
		return dim[m - 1];
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return leap ? 29 : 28;
}

/* Parses "YYYY-MM-DD" at s into days since epoch; 0 ok, -1 invalid. */
static int
parse_date(const char *s, int64_t *days)
{
	int	y, m, d;

	if (digits(s, 4, &y) == -1 || s[4] != '-' ||
	    digits(s + 5, 2, &m) == -1 || s[7] != '-' ||
	    digits(s + 8, 2, &d) == -1)
		return -1;
	if (y < 1 || m < 1 || m > 12 || d < 1 ||
	    (unsigned)d > time_days_in_month(y, (unsigned)m))
		return -1;
	*days = time_days_from_civil(y, (unsigned)m, (unsigned)d);
	return 0;
}

int
time_parse_instant_or_date(const char *s, int allow_date, int64_t *ms,
    int *date_only)
{
	int64_t		 days, t;
	int		 hh, mi, ss, oh, om, frac, n, sign;
	const char	*p;

	if (s == NULL || parse_date(s, &days) == -1)
		return -1;
	if (s[10] == '\0') {
		if (!allow_date)
			return -1;
		*ms = days * MS_PER_DAY;
		if (date_only != NULL)
			*date_only = 1;
		return 0;
	}
	/* "THH:MM:SS" */
	if (s[10] != 'T' || digits(s + 11, 2, &hh) == -1 || s[13] != ':' ||
	    digits(s + 14, 2, &mi) == -1 || s[16] != ':' ||
	    digits(s + 17, 2, &ss) == -1)
		return -1;
	if (hh > 23 || mi > 59 || ss > 59)
		return -1;
	p = s + 19;

	/* Optional fraction: 1-9 digits, kept to milliseconds (truncated). */
	frac = 0;
	if (*p == '.') {
		p++;
		for (n = 0; *p >= '0' && *p <= '9'; n++, p++) {
			if (n < 3)
				frac = frac * 10 + (*p - '0');
		}
		if (n < 1 || n > 9)
			return -1;
		for (; n < 3; n++)
			frac *= 10;
	}

	t = days * MS_PER_DAY + ((int64_t)hh * 3600 + mi * 60 + ss) * 1000 +
	    frac;

	/* Optional offset; local = UTC + offset, so UTC = local - offset. */
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '+' ? 1 : -1;
		if (digits(p + 1, 2, &oh) == -1 || p[3] != ':' ||
		    digits(p + 4, 2, &om) == -1)
			return -1;
		if (oh > 23 || om > 59)
			return -1;
		t -= sign * ((int64_t)oh * 3600 + om * 60) * 1000;
		p += 6;
	}
	if (*p != '\0')
		return -1;
	/*
	 * The instant itself must lie in years 0001-9999 (UTC): an offset can
	 * push "0001-01-01T00:00:00+23:59" into year 0 and
	 * "9999-12-31T23:59:59-23:59" into year 10000, which the output form
	 * cannot print and a DATETIME column cannot hold (MariaDB stores a
	 * zero date, or a CHECK fails: 500s).
	 */
	if (t < TIME_MIN_MS || t > TIME_MAX_MS)
		return -1;
	*ms = t;
	if (date_only != NULL)
		*date_only = 0;
	return 0;
}

int
time_parse_instant(const char *s, int64_t *ms)
{
	return time_parse_instant_or_date(s, 0, ms, NULL);
}

/* Writes v as exactly n decimal digits (zero-padded) at out. */
static void
iso_digits(char *out, unsigned v, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
time_format_iso(int64_t ms, char *out)
{
	int64_t		days, rem, y;
	unsigned	m, d;
	int		sec;

	/* Floor division so that instants before 1970 format correctly. */
	days = ms / MS_PER_DAY;
	rem = ms % MS_PER_DAY;
	if (rem < 0) {
		rem += MS_PER_DAY;
		days--;
	}
	time_civil_from_days(days, &y, &m, &d);
	sec = (int)(rem / 1000);
	if (y < 0 || y > 9999) {
		snprintf(out, TIME_ISO_LEN, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
		    (long long)y, m, d, sec / 3600, sec / 60 % 60, sec % 60,
		    (int)(rem % 1000));
		return;
	}
	/* The common case by hand: this runs for every instant rendered. */
	iso_digits(out, (unsigned)y, 4);
	out[4] = '-';
	iso_digits(out + 5, m, 2);
	out[7] = '-';
	iso_digits(out + 8, d, 2);
	out[10] = 'T';
	iso_digits(out + 11, (unsigned)(sec / 3600), 2);
	out[13] = ':';
	iso_digits(out + 14, (unsigned)(sec / 60 % 60), 2);
	out[16] = ':';
	iso_digits(out + 17, (unsigned)(sec % 60), 2);
	out[19] = '.';
	iso_digits(out + 20, (unsigned)(rem % 1000), 3);
	out[23] = 'Z';
	out[24] = '\0';
}

int64_t
time_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
time_mono_us(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int64_t
time_add_months(int64_t ms, int64_t n)
{
	const int64_t	day = 86400000LL;
	int64_t		days, rem, y, mi;
	unsigned	m, d, dim;

	days = ms >= 0 ? ms / day : -((-ms + day - 1) / day);
	rem = ms - days * day;
	time_civil_from_days(days, &y, &m, &d);
	mi = (int64_t)m - 1 + n;
	y += mi >= 0 ? mi / 12 : -((-mi + 11) / 12);
	m = (unsigned)(((mi % 12) + 12) % 12) + 1;
	if (d > (dim = time_days_in_month(y, m)))
		d = dim;
	return time_days_from_civil(y, m, d) * day + rem;
}
