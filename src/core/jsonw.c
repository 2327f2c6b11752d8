/*
 * Streaming JSON writer (RFC 8259) onto a strbuf.
 *
 * The writer tracks, per nesting level, whether an item has already been
 * written so that commas are placed automatically.  Strings are escaped per
 * RFC 8259 §7; bytes >= 0x80 (UTF-8) pass through unchanged.  Doubles are
 * printed in their shortest round-trip form (CONVENTIONS §7).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonw.h"
#include "core/timeutil.h"

void
jw_init(struct jw *w, struct strbuf *sb)
{
	memset(w, 0, sizeof(*w));
	w->sb = sb;
}

/* Emits the separator needed before a value or key at the current level. */
static void
jw_sep(struct jw *w)
{
	if (w->after_key) {
		w->after_key = 0;
		return;
	}
	if (w->count[w->depth] > 0)
		strbuf_putc(w->sb, ',');
	if (w->count[w->depth] < 255)
		w->count[w->depth]++;
}

static void
jw_open(struct jw *w, char c)
{
	jw_sep(w);
	strbuf_putc(w->sb, c);
	if (w->depth + 1 >= JW_MAX_DEPTH)
		abort();	/* programmer error: nesting too deep */
	w->depth++;
	w->count[w->depth] = 0;
}

static void
jw_close(struct jw *w, char c)
{
	if (w->depth <= 0)
		abort();	/* programmer error: unbalanced close */
	w->depth--;
	w->after_key = 0;
	strbuf_putc(w->sb, c);
}

void
jw_obj_open(struct jw *w)
{
	jw_open(w, '{');
}

void
jw_obj_close(struct jw *w)
{
	jw_close(w, '}');
}

void
jw_arr_open(struct jw *w)
{
	jw_open(w, '[');
}

void
jw_arr_close(struct jw *w)
{
	jw_close(w, ']');
}

/*
 * Length of the valid UTF-8 sequence at p (at most n bytes; RFC 3629 §4:
 * no overlongs, no surrogates, nothing above U+10FFFF), or 0 if invalid.
 */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	size_t	len, i;
	unsigned cp;

	if (p[0] < 0xC2 || p[0] > 0xF4)
		return 0;
	len = p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;
	if (n < len)
		return 0;
	cp = p[0] & (0x7F >> len);
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return len;
}

/* The length of the prefix of s (n bytes) that needs no escape. */
static size_t
jw_plain_len(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < n && p[i] >= 0x20 && p[i] < 0x80 && p[i] != '"' &&
	    p[i] != '\\'; i++)
		;
	return i;
}

/*
 * Quotes s (n bytes, none needing an escape) and appends tail (0: none):
 * one append, for the keys and most values a response holds.
 */
static void
jw_quote_plain(struct strbuf *sb, const char *s, size_t n, char tail)
{
	char	*o = strbuf_extend(sb, n + 2 + (tail != 0));

	o[0] = '"';
	memcpy(o + 1, s, n);
	o[n + 1] = '"';
	if (tail != 0)
		o[n + 2] = tail;
}

/*
 * Writes s (n bytes) as a quoted, escaped JSON string (RFC 8259 §7).
 * Invalid UTF-8 (e.g. raw bytes of a path echoed in a message) becomes
 * U+FFFD, so every response is valid JSON text.
 */
static void
jw_quote(struct strbuf *sb, const char *s, size_t n)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, run;
	char			 esc[7];

	if (jw_plain_len(s, n) == n) {
		jw_quote_plain(sb, s, n, 0);
		return;
	}
	strbuf_putc(sb, '"');
	run = 0;
	for (i = 0; i < n; i++) {
		/* Plain ASCII needs nothing: skip it fast. */
		while (i < n && p[i] >= 0x20 && p[i] < 0x80 && p[i] != '"' &&
		    p[i] != '\\')
			i++;
		if (i == n)
			break;
		if (p[i] >= 0x80) {
			size_t k = utf8_seq(p + i, n - i);

			if (k > 0) {
				i += k - 1;
				continue;
			}
			strbuf_append(sb, s + run, i - run);
			strbuf_append(sb, "\\ufffd", 6);
			run = i + 1;
			continue;
		}
		if (p[i] >= 0x20 && p[i] != '"' && p[i] != '\\')
			continue;
		/* Flush the plain run before this byte. */
		strbuf_append(sb, s + run, i - run);
		run = i + 1;
		switch (p[i]) {
		case '"':
			strbuf_append(sb, "\\\"", 2);
			break;
		case '\\':
			strbuf_append(sb, "\\\\", 2);
			break;
		case '\n':
			strbuf_append(sb, "\\n", 2);
			break;
		case '\r':
			strbuf_append(sb, "\\r", 2);
			break;
		case '\t':
			strbuf_append(sb, "\\t", 2);
			break;
		case '\b':
			strbuf_append(sb, "\\b", 2);
			break;
		case '\f':
			strbuf_append(sb, "\\f", 2);
			break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[p[i] >> 4];
			esc[5] = hex[p[i] & 0xf];
			strbuf_append(sb, esc, 6);
			break;
		}
	}
	strbuf_append(sb, s + run, n - run);
	strbuf_putc(sb, '"');
}

void
jw_key(struct jw *w, const char *k)
{
	size_t	n = strlen(k);

	jw_sep(w);
	if (jw_plain_len(k, n) == n)
		jw_quote_plain(w->sb, k, n, ':');
	else {
		jw_quote(w->sb, k, n);
		strbuf_putc(w->sb, ':');
	}
	w->after_key = 1;
}

void
jw_str(struct jw *w, const char *s)
{
	if (s == NULL) {
		jw_null(w);
		return;
	}
	jw_strn(w, s, strlen(s));
}

void
jw_strn(struct jw *w, const char *s, size_t n)
{
	jw_sep(w);
	jw_quote(w->sb, s, n);
}

/* Appends the decimal digits of v, after a '-' when neg. */
static void
jw_digits(struct strbuf *sb, uint64_t v, int neg)
{
	char	d[24];
	int	k = (int)sizeof(d);

	do {
		d[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	if (neg)
		d[--k] = '-';
	strbuf_append(sb, d + k, sizeof(d) - (size_t)k);
}

void
jw_int(struct jw *w, int64_t v)
{
	jw_sep(w);
	jw_digits(w->sb, v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0);
}

void
jw_uint(struct jw *w, uint64_t v)
{
	jw_sep(w);
	jw_digits(w->sb, v, 0);
}

void
jw_bool(struct jw *w, int v)
{
	jw_sep(w);
	strbuf_puts(w->sb, v ? "true" : "false");
}

void
jw_null(struct jw *w)
{
	jw_sep(w);
	strbuf_puts(w->sb, "null");
}

void
jw_instant(struct jw *w, int64_t ms)
{
	char	iso[TIME_ISO_LEN];

	time_format_iso(ms, iso);
	jw_str(w, iso);
}

void
jw_key_instant(struct jw *w, const char *key, int64_t ms)
{
	jw_key(w, key);
	jw_instant(w, ms);
}

void
jw_raw(struct jw *w, const char *json)
{
	jw_sep(w);
	strbuf_puts(w->sb, json);
}

/*
 * Shortest round trip: the fewest significant digits (1..17) whose %e
 * rendering reads back as exactly v.  The digits and decimal exponent are
 * then laid out as plain decimal for 1e-6 <= |v| < 1e21 (as JavaScript
 * does), else as d[.ddd]e±x.
 */
void
jw_format_double(double v, char *out, size_t outlen)
{
	char	 buf[40], digits[20], *o;
	size_t	 nd, i;
	int	 prec, exp10, neg;
	char	*e;

	if (outlen == 0)
		return;
	if (!isfinite(v)) {
		snprintf(out, outlen, "null");
		return;
	}
	if (v == 0) {
		snprintf(out, outlen, "0");
		return;
	}
	/*
	 * An integer below 2^53 in magnitude: its digits are the shortest
	 * round trip (doubles there are at most 1 apart, and a shorter
	 * decimal differs by at least 1 unless it is v itself), printed
	 * without an exponent (< 1e21) as the loop below would.
	 */
	if (fabs(v) < 9007199254740992.0 && v == (double)(int64_t)v) {
		snprintf(out, outlen, "%lld", (long long)v);
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec - 1, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	/* buf is "[-]d[.ddd]e±xx": collect the digits and the exponent. */
	neg = buf[0] == '-';
	nd = 0;
	for (o = buf + neg; *o != 'e'; o++)
		if (*o != '.')
			digits[nd++] = *o;
	e = o + 1;
	exp10 = (int)strtol(e, NULL, 10);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';

	o = buf;
	if (neg)
		*o++ = '-';
	if (exp10 >= -6 && exp10 < 21) {
		if (exp10 < 0) {
			/* 0.000ddd */
			*o++ = '0';
			*o++ = '.';
			for (i = 0; i < (size_t)(-exp10 - 1); i++)
				*o++ = '0';
			memcpy(o, digits, nd);
			o += nd;
		} else if ((size_t)exp10 + 1 >= nd) {
			/* ddd000: an integer */
			memcpy(o, digits, nd);
			o += nd;
			for (i = nd; i < (size_t)exp10 + 1; i++)
				*o++ = '0';
		} else {
			/* dd.ddd */
			memcpy(o, digits, (size_t)exp10 + 1);
			o += exp10 + 1;
			*o++ = '.';
			memcpy(o, digits + exp10 + 1, nd - (size_t)exp10 - 1);
			o += nd - (size_t)exp10 - 1;
		}
		*o = '\0';
	} else {
		*o++ = digits[0];
		if (nd > 1) {
			*o++ = '.';
			memcpy(o, digits + 1, nd - 1);
			o += nd - 1;
		}
		snprintf(o, sizeof(buf) - (size_t)(o - buf), "e%c%d",
		    exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
	}
	snprintf(out, outlen, "%s", buf);
}

void
jw_double(struct jw *w, double v)
{
	char	buf[40];

	jw_format_double(v, buf, sizeof(buf));
	jw_sep(w);
	strbuf_puts(w->sb, buf);
}
