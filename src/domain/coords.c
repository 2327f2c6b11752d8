/*
 * Coordinate parser of devices.md §3.1.
 *
 * Grammar of the trimmed string (whitespace is space, tab, CR, LF):
 *
 *	coord	= [hemi *ws] body [*ws hemi]	(at most one hemi)
 *		| [sign] body
 *	body	= number *2(sep number) [sep]
 *	number	= 1*DIGIT ["." 1*12DIGIT]	(fraction on the last only)
 *	sep	= *ws *3mark *ws		(never empty)
 *	mark	= any code point but DIGIT . + - ws N S E W n s e w
 *
 * Method: each number is read into an integer part and a fraction scaled
 * to 12 digits.  The total is then an exact integer count of 1e-12
 * arcseconds, T = (D * 3600 + M * 60 + S) * 10^12, which stays below
 * 3.7e18 (degrees have at most 3 digits) and so fits a uint64_t.  One
 * micro-degree is 3.6e9 such units, so the rounded value is
 * (T + 1.8e9) / 3.6e9 in integer arithmetic: half away from zero on the
 * magnitude, with the sign applied afterwards (so -0 cannot arise).
 */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/coords.h"

#define FRAC_DIGITS	12
#define FRAC_ONE	UINT64_C(1000000000000)		/* 10^12 */
#define UNITS_PER_MICRO	UINT64_C(3600000000)		/* 3.6e9 */

static const char E_NOT[] = "is not a coordinate";
static const char E_UTF8[] = "is not valid UTF-8";
static const char E_LAT[] = "is out of range; -90 to 90";
static const char E_LON[] = "is out of range; -180 to 180";
static const char E_AXIS[] = "has a hemisphere letter for the other axis";
static const char E_SIGN[] = "combines a sign with a hemisphere letter";
static const char E_TWO[] = "has two hemisphere letters";
static const char E_FRAC[] = "has a fraction before the last number";
static const char E_FRAC12[] = "has a fraction of more than 12 digits";
static const char E_DEG3[] = "has degrees of more than 3 digits";
static const char E_MIN[] = "minutes must be below 60";
static const char E_SEC[] = "seconds must be below 60";
static const char E_MANY[] = "has more than three numbers";
static const char E_MARKS[] = "has a separator of more than 3 marks";
static const char E_NUMBER[] = "is not a finite number";

static int
is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

/* 'N' or 'S' for a latitude letter, 'E' or 'W' for a longitude one, or 0. */
static int
hemi_letter(unsigned char c)
{
	switch (c) {
	case 'N': case 'n':
		return 'N';
	case 'S': case 's':
		return 'S';
	case 'E': case 'e':
		return 'E';
	case 'W': case 'w':
		return 'W';
	default:
		return 0;
	}
}

/*
 * Length of the UTF-8 sequence at p (p < e), or 0 when it is invalid:
 * RFC 3629, no overlong forms, no surrogates, nothing above U+10FFFF.
 */
static size_t
utf8_seq(const unsigned char *p, const unsigned char *e)
{
	size_t n, i;
	uint32_t cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		n = 2;
		cp = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		n = 3;
		cp = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		n = 4;
		cp = p[0] & 0x07;
	} else
		return 0;
	if ((size_t)(e - p) < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	return n;
}

/* 1 when the character at p (valid UTF-8) is a separator mark. */
static int
is_mark(unsigned char c)
{
	if (c >= 0x80)
		return 1;
	return !is_ws(c) && !is_digit(c) && c != '.' && c != '+' &&
	    c != '-' && hemi_letter(c) == 0;
}

struct number {
	uint64_t	ip;	/* integer part, capped at 1000 */
	uint64_t	frac;	/* fraction in units of 10^-12 */
	int		has_frac;
};

/*
 * Reads a number at *pp (before e) as the k-th number (0 degrees,
 * 1 minutes, 2 seconds) and advances *pp.  Returns NULL or the error.
 */
static const char *
read_number(const unsigned char **pp, const unsigned char *e, int k,
    struct number *num)
{
	const unsigned char *p = *pp;
	size_t nd = 0, nf = 0;

	memset(num, 0, sizeof(*num));
	for (; p < e && is_digit(*p); p++, nd++)
		if (num->ip < 1000)
			num->ip = num->ip * 10 + (*p - '0');
	if (nd == 0)
		return E_NOT;
	if (k == 0 && nd > 3)
		return E_DEG3;
	if (p < e && *p == '.') {
		p++;
		num->has_frac = 1;
		for (; p < e && is_digit(*p); p++, nf++)
			if (nf < FRAC_DIGITS)
				num->frac = num->frac * 10 + (*p - '0');
		if (nf == 0)
			return E_NOT;
		if (nf > FRAC_DIGITS)
			return E_FRAC12;
		for (; nf < FRAC_DIGITS; nf++)
			num->frac *= 10;
	}
	if (k == 1 && num->ip >= 60)
		return E_MIN;
	if (k == 2 && num->ip >= 60)
		return E_SEC;
	*pp = p;
	return NULL;
}

/*
 * Skips a separator at *pp: *ws *3mark *ws.  Returns NULL or the error;
 * *empty tells whether nothing was skipped.
 */
static const char *
skip_separator(const unsigned char **pp, const unsigned char *e, int *empty)
{
	const unsigned char *p = *pp;
	int marks = 0;

	while (p < e && is_ws(*p))
		p++;
	while (p < e && is_mark(*p)) {
		if (++marks > 3)
			return E_MARKS;
		p += utf8_seq(p, e);	/* valid: checked up front */
	}
	while (p < e && is_ws(*p))
		p++;
	*empty = p == *pp;
	*pp = p;
	return NULL;
}

/* Applies the sign, checks the range and stores the result. */
static int
finish(uint64_t mag, int negative, int is_latitude, int64_t *micro,
    const char **why)
{
	uint64_t max = is_latitude ? DOM_COORD_LAT_MAX : DOM_COORD_LON_MAX;

	if (mag > max) {
		*why = is_latitude ? E_LAT : E_LON;
		return -1;
	}
	*micro = negative ? -(int64_t)mag : (int64_t)mag;
	return 0;
}

/* Checks that letter h suits the axis; returns NULL or the error. */
static const char *
check_axis(int h, int is_latitude)
{
	if (is_latitude ? (h == 'E' || h == 'W') : (h == 'N' || h == 'S'))
		return E_AXIS;
	return NULL;
}

static const char *
parse(const unsigned char *b, const unsigned char *e, int is_latitude,
    uint64_t *mag, int *negative)
{
	const unsigned char *p;
	struct number num[3];
	uint64_t t;
	const char *err;
	size_t n;
	int hemi = 0, sign = 0, k, empty;

	/* Trim, then refuse invalid UTF-8 anywhere. */
	while (b < e && is_ws(*b))
		b++;
	while (e > b && is_ws(e[-1]))
		e--;
	for (p = b; p < e; p += n)
		if ((n = utf8_seq(p, e)) == 0)
			return E_UTF8;
	if (b == e)
		return E_NOT;

	/* Rules 1 and 2: a leading letter or sign, a trailing letter. */
	if ((hemi = hemi_letter(*b)) != 0) {
		if ((err = check_axis(hemi, is_latitude)) != NULL)
			return err;
		b++;
		while (b < e && is_ws(*b))
			b++;
		if (b < e && (*b == '+' || *b == '-'))
			return E_SIGN;
	} else if (*b == '+' || *b == '-') {
		sign = *b++;
		if (b < e && hemi_letter(*b) != 0)
			return E_SIGN;
	}
	if (b < e && hemi_letter(e[-1]) != 0) {
		if (sign != 0)
			return E_SIGN;
		if (hemi != 0)
			return E_TWO;
		hemi = hemi_letter(e[-1]);
		if ((err = check_axis(hemi, is_latitude)) != NULL)
			return err;
		e--;
		while (e > b && is_ws(e[-1]))
			e--;
	}
	if (b == e)
		return E_NOT;

	/* Rules 3 and 4: numbers and separators. */
	memset(num, 0, sizeof(num));
	for (k = 0;; k++) {
		if (k == 3)
			return E_MANY;
		if (k > 0 && num[k - 1].has_frac)
			return E_FRAC;
		if ((err = read_number(&b, e, k, &num[k])) != NULL)
			return err;
		if ((err = skip_separator(&b, e, &empty)) != NULL)
			return err;
		if (b == e)
			break;
		if (empty)
			return E_NOT;
	}

	/* Rule 5: exact total in 1e-12 arcseconds, then round. */
	t = (num[0].ip * FRAC_ONE + num[0].frac) * 3600 +
	    (num[1].ip * FRAC_ONE + num[1].frac) * 60 +
	    num[2].ip * FRAC_ONE + num[2].frac;
	*mag = (t + UNITS_PER_MICRO / 2) / UNITS_PER_MICRO;
	*negative = *mag != 0 && (sign == '-' || hemi == 'S' || hemi == 'W');
	return NULL;
}

int
dom_coord_parse(const char *s, size_t len, int is_latitude, int64_t *micro,
    const char **why)
{
	const unsigned char *b = (const unsigned char *)s;
	const char *err;
	uint64_t mag = 0;
	int negative = 0;

	if (s == NULL)
		len = 0;
	if ((err = parse(b, b + len, is_latitude, &mag, &negative)) != NULL) {
		*why = err;
		return -1;
	}
	return finish(mag, negative, is_latitude, micro, why);
}

int
dom_coord_from_number(double v, int is_latitude, int64_t *micro,
    const char **why)
{
	char buf[40], *exp;
	uint64_t digits = 0, pow10 = 1, q, r;
	int prec, e, shift, i, negative;

	if (!isfinite(v)) {
		*why = E_NUMBER;
		return -1;
	}
	negative = v < 0;
	if (v <= -1000 || v >= 1000) {
		*why = is_latitude ? E_LAT : E_LON;
		return -1;
	}
	/* The shortest "d.ddde+xx" that reads back as v (at most 17). */
	for (prec = 0; prec < 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	/* value = digits * 10^(e - prec); in micro-degrees shift by 6. */
	exp = strchr(buf, 'e');
	if (exp == NULL)
		abort();
	e = atoi(exp + 1);
	for (i = 0; buf + i < exp; i++)
		if (is_digit((unsigned char)buf[i]))
			digits = digits * 10 + (buf[i] - '0');
	shift = e - prec + 6;
	if (shift >= 0) {
		/* |v| < 1000, so digits * 10^shift < 10^9. */
		for (i = 0; i < shift; i++)
			digits *= 10;
		q = digits;
	} else if (-shift > 18)
		q = 0;		/* digits < 10^18: below half a unit */
	else {
		for (i = 0; i < -shift; i++)
			pow10 *= 10;
		q = digits / pow10;
		r = digits % pow10;
		if (r >= pow10 - r)
			q++;
	}
	return finish(q, negative && q != 0, is_latitude, micro, why);
}

void
dom_coord_format(int64_t micro, char out[DOM_COORD_FMT_SIZE])
{
	uint64_t m = micro < 0 ? -(uint64_t)micro : (uint64_t)micro;

	if (m > UINT64_C(9999999999999))	/* 7 integer digits fit */
		m = UINT64_C(9999999999999);
	snprintf(out, DOM_COORD_FMT_SIZE, "%s%" PRIu64 ".%06" PRIu64,
	    micro < 0 ? "-" : "", m / 1000000, m % 1000000);
}
