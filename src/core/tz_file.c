/*
 * TZif files (RFC 8536 §3): a version 2+ file is read from its 64-bit
 * block, the version 1 block skipped; a version 1 file from its 32-bit one.
 *
 * The footer's POSIX TZ string (RFC 8536 §3.3; POSIX.1-2017 §8.3):
 *
 *	std offset [dst [offset] [, start[/time], end[/time]]]
 *
 * A name is three or more letters, or <...> of letters, digits, '+' and
 * '-' ("<+0530>", "<-03>").  An offset is [+-]hh[:mm[:ss]] west of
 * Greenwich (so "CET-1" is UTC+1); the DST offset defaults to one hour
 * east of standard time.  A date is Jn (1..365, 29 February never
 * counted), n (0..365, counted) or Mm.w.d (weekday d of week w of month m,
 * w = 5 the last); the time defaults to 02:00:00 and, per RFC 8536 §3.3.1,
 * may be negative or up to 167 hours.  A DST name without rule dates gets
 * the US rule M3.2.0,M11.1.0, as glibc does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/tz_int.h"

#define SEC_PER_DAY	86400

static int
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Reads up to max digits (at least one) into *v; NULL when none. */
static const char *
num(const char *s, int max, int *v)
{
	int	n = 0, r = 0;

	while (n < max && is_digit(s[n])) {
		r = r * 10 + (s[n] - '0');
		n++;
	}
	if (n == 0)
		return NULL;
	*v = r;
	return s + n;
}

/* Skips a zone abbreviation; NULL when there is none. */
static const char *
name(const char *s)
{
	const char	*p = s;

	if (*p == '<') {
		for (p++; is_alpha(*p) || is_digit(*p) || *p == '+' ||
		    *p == '-'; p++)
			;
		if (*p != '>' || p - s < 2)
			return NULL;
		return p + 1;
	}
	while (is_alpha(*p))
		p++;
	return p - s >= 3 ? p : NULL;
}

/*
 * Reads [+-]hh[:mm[:ss]] with hh at most maxh into *secs (sign applied,
 * as written); NULL when malformed.
 */
static const char *
hms(const char *s, int maxh, int32_t *secs)
{
	int	sign = 1, h, m = 0, sec = 0;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	if ((s = num(s, 3, &h)) == NULL || h > maxh)
		return NULL;
	if (*s == ':') {
		if ((s = num(s + 1, 2, &m)) == NULL || m > 59)
			return NULL;
		if (*s == ':') {
			if ((s = num(s + 1, 2, &sec)) == NULL || sec > 59)
				return NULL;
		}
	}
	*secs = sign * (h * 3600 + m * 60 + sec);
	return s;
}

/* Reads a rule date with its optional /time; NULL when malformed. */
static const char *
rdate(const char *s, struct tz_rdate *d)
{
	memset(d, 0, sizeof(*d));
	if (*s == 'J') {
		d->kind = 'J';
		if ((s = num(s + 1, 3, &d->n)) == NULL || d->n < 1 ||
		    d->n > 365)
			return NULL;
	} else if (*s == 'M') {
		d->kind = 'M';
		if ((s = num(s + 1, 2, &d->m)) == NULL || d->m < 1 ||
		    d->m > 12 || *s != '.')
			return NULL;
		if ((s = num(s + 1, 1, &d->w)) == NULL || d->w < 1 ||
		    d->w > 5 || *s != '.')
			return NULL;
		if ((s = num(s + 1, 1, &d->d)) == NULL || d->d > 6)
			return NULL;
	} else {
		d->kind = 'N';
		if ((s = num(s, 3, &d->n)) == NULL || d->n > 365)
			return NULL;
	}
	d->time = 2 * 3600;
	if (*s == '/')
		s = hms(s + 1, 167, &d->time);
	return s;
}

int
tz_rule_parse(const char *s, struct tz_rule *r)
{
	int32_t	off;

	memset(r, 0, sizeof(*r));
	if ((s = name(s)) == NULL || (s = hms(s, 24, &off)) == NULL)
		return -1;
	r->std_off = -off;
	r->dst_off = r->std_off;
	if (*s == '\0')
		return 0;
	if ((s = name(s)) == NULL)
		return -1;
	r->has_dst = 1;
	r->dst_off = r->std_off + 3600;
	if (*s != ',' && *s != '\0') {
		if ((s = hms(s, 24, &off)) == NULL)
			return -1;
		r->dst_off = -off;
	}
	if (*s == '\0') {
		/* No dates: the US rule since 2007, as glibc assumes. */
		(void)rdate("M3.2.0", &r->start);
		(void)rdate("M11.1.0", &r->end);
		return 0;
	}
	if (*s != ',' || (s = rdate(s + 1, &r->start)) == NULL ||
	    *s != ',' || (s = rdate(s + 1, &r->end)) == NULL || *s != '\0')
		return -1;
	return 0;
}

/* Days since 1970-01-01 of the rule date in year y. */
static int64_t
rdate_days(const struct tz_rdate *d, int64_t y)
{
	int64_t		jan1 = time_days_from_civil(y, 1, 1), first;
	unsigned	mdays, day, wd;
	int		leap;

	switch (d->kind) {
	case 'J':
		leap = time_days_in_month(y, 2) == 29;
		return jan1 + d->n - 1 + (leap && d->n >= 60);
	case 'N':
		return jan1 + d->n;
	default:
		break;
	}
	first = time_days_from_civil(y, (unsigned)d->m, 1);
	/* 1970-01-01 was a Thursday (4); d counts from Sunday = 0. */
	wd = (unsigned)(((first % 7) + 7 + 4) % 7);
	day = 1 + ((unsigned)d->d + 7 - wd) % 7 + 7 * (unsigned)(d->w - 1);
	mdays = time_days_in_month(y, (unsigned)d->m);
	while (day > mdays)
		day -= 7;
	return first + day - 1;
}

void
tz_rule_events(const struct tz_rule *r, int64_t year, int64_t ev[2])
{
	/* Each time is local time of the offset in force before it. */
	ev[0] = rdate_days(&r->start, year) * SEC_PER_DAY + r->start.time -
	    r->std_off;
	ev[1] = rdate_days(&r->end, year) * SEC_PER_DAY + r->end.time -
	    r->dst_off;
}

int64_t
tz_rule_year(int64_t t, int32_t off)
{
	int64_t		s = t + off, days, y;
	unsigned	m, d;

	days = s / SEC_PER_DAY - (s % SEC_PER_DAY < 0);
	time_civil_from_days(days, &y, &m, &d);
	return y;
}

int32_t
tz_rule_offset(const struct tz_rule *r, int64_t t)
{
	int64_t	y, yr, ev[2], best = INT64_MIN;
	int32_t	off = r->std_off;
	int	i;

	if (!r->has_dst)
		return r->std_off;
	/*
	 * The latest event at or before t decides.  Years are walked in
	 * order, so of two events at one instant (permanent DST written as
	 * "J0/0,J365/25") the later year's wins.
	 */
	y = tz_rule_year(t, r->std_off);
	for (yr = y - 2; yr <= y + 1; yr++) {
		tz_rule_events(r, yr, ev);
		for (i = 0; i < 2; i++) {
			if (ev[i] <= t && ev[i] >= best) {
				best = ev[i];
				off = i == 0 ? r->dst_off : r->std_off;
			}
		}
	}
	return off;
}

/* ---- TZif (RFC 8536 §3) ---- */

struct tzif_hdr {
	int		 version;	/* 0 for version 1, else '2', '3' */
	uint32_t	 isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static int64_t
be_time(const unsigned char *p, size_t size)
{
	uint64_t	v;

	if (size == 4)
		return (int32_t)be32(p);
	v = (uint64_t)be32(p) << 32 | be32(p + 4);
	return (int64_t)v;
}

/* Reads the header at p (len bytes left); -1 when short or not TZif. */
static int
tzif_hdr(const unsigned char *p, size_t len, struct tzif_hdr *h)
{
	if (len < TZ_HDR_LEN || memcmp(p, "TZif", 4) != 0)
		return -1;
	h->version = p[4];
	h->isutcnt = be32(p + 20);
	h->isstdcnt = be32(p + 24);
	h->leapcnt = be32(p + 28);
	h->timecnt = be32(p + 32);
	h->typecnt = be32(p + 36);
	h->charcnt = be32(p + 40);
	/* §3.1: typecnt and charcnt nonzero, the indicators 0 or typecnt. */
	if (h->typecnt == 0 || h->typecnt > 256 || h->charcnt == 0 ||
	    (h->isutcnt != 0 && h->isutcnt != h->typecnt) ||
	    (h->isstdcnt != 0 && h->isstdcnt != h->typecnt) ||
	    h->timecnt > 1000000 || h->leapcnt > 100000 ||
	    h->charcnt > 100000)
		return -1;
	return 0;
}

/* The size of the data block after h, with times of tsize bytes. */
static size_t
tzif_body(const struct tzif_hdr *h, size_t tsize)
{
	return (size_t)h->timecnt * (tsize + 1) + (size_t)h->typecnt * 6 +
	    h->charcnt + (size_t)h->leapcnt * (tsize + 4) + h->isstdcnt +
	    h->isutcnt;
}

int
tz_tzif_parse(const unsigned char *p, size_t len, struct tz *z)
{
	struct tzif_hdr		 h;
	const unsigned char	*times, *idx, *types, *end, *nl;
	size_t			 tsize = 4, body, i;
	int64_t			 t, prev = INT64_MIN;
	int32_t			 o, cur;
	char			 footer[256];

	if (tzif_hdr(p, len, &h) == -1)
		return -1;
	body = tzif_body(&h, 4);
	if (h.version >= '2') {
		if (len - TZ_HDR_LEN < body)
			return -1;
		p += TZ_HDR_LEN + body;
		len -= TZ_HDR_LEN + body;
		if (tzif_hdr(p, len, &h) == -1)
			return -1;
		tsize = 8;
		body = tzif_body(&h, 8);
	}
	if (len - TZ_HDR_LEN < body)
		return -1;
	times = p + TZ_HDR_LEN;
	idx = times + (size_t)h.timecnt * tsize;
	types = idx + h.timecnt;
	end = times + body;
	if ((z->at = calloc(h.timecnt + 1, sizeof(*z->at))) == NULL ||
	    (z->off = calloc(h.timecnt + 1, sizeof(*z->off))) == NULL)
		return -1;
	/* §3.2: time type 0 for instants before the first transition. */
	z->off0 = cur = (int32_t)be32(types);
	for (i = 0; i < h.timecnt; i++) {
		t = be_time(times + i * tsize, tsize);
		if (idx[i] >= h.typecnt || t <= prev)
			return -1;
		prev = t;
		o = (int32_t)be32(types + (size_t)idx[i] * 6);
		if (o == cur)
			continue;
		z->at[z->n] = t;
		z->off[z->n++] = cur = o;
	}
	z->rule_from = h.timecnt ? prev : INT64_MIN;
	/* §3.3: the footer, "\n" TZ-string "\n", in version 2+ only. */
	if (tsize == 8 && (size_t)(p + len - end) >= 2 && *end == '\n' &&
	    (nl = memchr(end + 1, '\n', (size_t)(p + len - end - 1))) != NULL &&
	    nl > end + 1 && (size_t)(nl - end - 1) < sizeof(footer)) {
		memcpy(footer, end + 1, (size_t)(nl - end - 1));
		footer[nl - end - 1] = '\0';
		/* A footer we cannot read leaves the last type in force. */
		z->has_rule = tz_rule_parse(footer, &z->rule) == 0;
	}
	return 0;
}
