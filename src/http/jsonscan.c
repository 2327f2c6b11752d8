/*
 * Strict JSON validator: the grammar of RFC 8259, UTF-8 per RFC 3629 §4,
 * plus the project's rules of CONVENTIONS §1 (top level is an object, no
 * key repeated within an object) and two bounds on what json-c will build
 * afterwards: the nesting depth and the number of values.  Numbers are
 * only checked against the grammar: a huge or non-finite one (1e400,
 * 9300000000000000000) is valid JSON and is judged by the field that
 * receives it (CONVENTIONS §7); the integers outside the signed 64-bit
 * range are reported (jsonscan.wide) because json-c would saturate them.
 *
 * Recursive descent; the recursion is bounded by max_depth.  The keys of
 * the objects currently open live on one stack (struct jkey entries, with
 * their decoded bytes on a byte stack), and an object's keys are popped when
 * it closes, so scratch memory is bounded by the keys of the open objects.
 * The first LINEAR_MAX keys of an object are checked for duplicates as they
 * arrive; an object with more keys is sorted once when it closes, so a huge
 * object costs O(n log n), never O(n^2).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "http/jsonscan.h"

#define LINEAR_MAX	64	/* keys per object checked linearly */
#define WHY_KEY_MAX	64	/* bytes of a duplicate key quoted in *why */

struct jkey {
	size_t	off;		/* into scan.kb */
	size_t	len;
};

struct kref {			/* a key as seen by the closing sort */
	const char	*p;
	size_t		 len;
};

struct scan {
	const unsigned char	*p;	/* next byte */
	const unsigned char	*start;
	const unsigned char	*end;
	int			 max_depth;
	struct jsonscan		*o;	/* limits in, findings out */
	size_t			 capwide;
	struct arena		*a;
	const char		*why;
	struct jkey		*keys;	/* keys of the open objects */
	size_t			 nkeys, capkeys;
	char			*kb;	/* their decoded bytes */
	size_t			 nkb, capkb;
};

static int	scan_value(struct scan *, int);

static int
fail(struct scan *s, const char *fmt, ...)
{
	char	buf[160];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	s->why = arena_strdup(s->a, buf);
	return -1;
}

static int
fail_at(struct scan *s, const char *what, const unsigned char *at)
{
	if (at >= s->end)
		return fail(s, "unexpected end of input");
	return fail(s, "%s at byte %zu", what, (size_t)(at - s->start));
}

static void
skip_ws(struct scan *s)
{
	/* RFC 8259 §2: ws = space, tab, line feed, carriage return. */
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' ||
	    *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

/* Grows an arena array to hold at least need elements of size sz. */
static void *
grow(struct arena *a, void *old, size_t n, size_t *cap, size_t need,
    size_t sz)
{
	void	*nw;
	size_t	 c = *cap ? *cap : 16;

	if (need <= *cap)
		return old;
	while (c < need)
		c *= 2;
	nw = arena_alloc(a, c * sz);
	if (n)
		memcpy(nw, old, n * sz);
	*cap = c;
	return nw;
}

static void
kb_push(struct scan *s, const void *b, size_t n)
{
	s->kb = grow(s->a, s->kb, s->nkb, &s->capkb, s->nkb + n, 1);
	memcpy(s->kb + s->nkb, b, n);
	s->nkb += n;
}

/*
 * Length of the well-formed UTF-8 sequence at p (RFC 3629 §4), or 0.
 * Refuses overlongs, UTF-16 surrogates and code points above U+10FFFF.
 */
static size_t
utf8_len(const unsigned char *p, const unsigned char *end)
{
	size_t		 n, i;
	unsigned char	 lo = 0x80, hi = 0xbf;

	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2;
	else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		n = 3;
		if (p[0] == 0xe0)
			lo = 0xa0;
		else if (p[0] == 0xed)
			hi = 0x9f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		n = 4;
		if (p[0] == 0xf0)
			lo = 0x90;
		else if (p[0] == 0xf4)
			hi = 0x8f;
	} else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	if (p[1] < lo || p[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

/* Four hex digits at p (bounded by end), or -1. */
static long
hex4(const unsigned char *p, const unsigned char *end)
{
	long	v = 0;
	int	i;

	if (end - p < 4)
		return -1;
	for (i = 0; i < 4; i++) {
		v <<= 4;
		if (p[i] >= '0' && p[i] <= '9')
			v |= p[i] - '0';
		else if (p[i] >= 'a' && p[i] <= 'f')
			v |= p[i] - 'a' + 10;
		else if (p[i] >= 'A' && p[i] <= 'F')
			v |= p[i] - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* Appends code point cp as UTF-8 to the key bytes. */
static void
kb_push_cp(struct scan *s, long cp)
{
	unsigned char	b[4];
	size_t		n;

	if (cp < 0x80) {
		b[0] = cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = 0xc0 | (cp >> 6);
		b[1] = 0x80 | (cp & 0x3f);
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = 0xe0 | (cp >> 12);
		b[1] = 0x80 | ((cp >> 6) & 0x3f);
		b[2] = 0x80 | (cp & 0x3f);
		n = 3;
	} else {
		b[0] = 0xf0 | (cp >> 18);
		b[1] = 0x80 | ((cp >> 12) & 0x3f);
		b[2] = 0x80 | ((cp >> 6) & 0x3f);
		b[3] = 0x80 | (cp & 0x3f);
		n = 4;
	}
	kb_push(s, b, n);
}

/*
 * One escape sequence at s->p (the backslash), RFC 8259 §7.  A high
 * surrogate (\uD800-\uDBFF) must be followed at once by a low one
 * (\uDC00-\uDFFF); a low one alone is refused too.
 */
static int
scan_escape(struct scan *s, int decode)
{
	static const char	 from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const unsigned char	*at = s->p;
	const char		*e;
	long			 cp, lo;

	if (s->end - s->p < 2)
		return fail_at(s, "", s->end);
	if (s->p[1] != 'u') {
		if (s->p[1] == '\0' || (e = strchr(from, s->p[1])) == NULL)
			return fail_at(s, "invalid escape", at);
		if (decode)
			kb_push(s, &to[e - from], 1);
		s->p += 2;
		return 0;
	}
	if ((cp = hex4(s->p + 2, s->end)) < 0)
		return fail_at(s, "invalid escape", at);
	s->p += 6;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return fail_at(s, "unpaired surrogate escape", at);
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u' ||
		    (lo = hex4(s->p + 2, s->end)) < 0xdc00 || lo > 0xdfff)
			return fail_at(s, "unpaired surrogate escape", at);
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		s->p += 6;
	}
	if (decode)
		kb_push_cp(s, cp);
	return 0;
}

/*
 * A string at s->p (the opening quote), RFC 8259 §7.  With decode, its
 * decoded bytes are appended to the key byte stack.
 */
static int
scan_string(struct scan *s, int decode)
{
	const unsigned char	*run, *open = s->p;
	size_t			 n;

	s->p++;
	for (;;) {
		/* A run of plain ASCII is copied at once. */
		run = s->p;
		while (s->p < s->end && *s->p >= 0x20 && *s->p < 0x80 &&
		    *s->p != '"' && *s->p != '\\')
			s->p++;
		if (s->o->max_string > 0 &&
		    (size_t)(s->p - open - 1) > s->o->max_string)
			return fail(s, "a string longer than %zu bytes at byte %zu",
			    s->o->max_string, (size_t)(open - s->start));
		if (decode && s->p > run)
			kb_push(s, run, s->p - run);
		if (s->p >= s->end)
			return fail_at(s, "", s->end);
		if (*s->p == '"') {
			s->p++;
			return 0;
		}
		if (*s->p < 0x20)
			return fail_at(s, "control character in a string",
			    s->p);
		if (*s->p == '\\') {
			if (scan_escape(s, decode) == -1)
				return -1;
			continue;
		}
		if ((n = utf8_len(s->p, s->end)) == 0)
			return fail_at(s, "invalid UTF-8", s->p);
		if (decode)
			kb_push(s, s->p, n);
		s->p += n;
	}
}

static int
is_digit(const struct scan *s, const unsigned char *q)
{
	return q < s->end && *q >= '0' && *q <= '9';
}

/*
 * A number at s->p, RFC 8259 §6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
 * An integer (no fraction, no exponent) outside the int64 range, decided
 * on its digits, is recorded in s->o->wide (the offset just past it).
 */
static int
scan_number(struct scan *s)
{
	static const char	 max[] = "9223372036854775807";
	static const char	 min[] = "9223372036854775808";
	const unsigned char	*q = s->p, *digits;
	size_t			 n;
	int			 is_int = 1;

	if (*q == '-')
		q++;
	digits = q;
	if (!is_digit(s, q))
		return fail_at(s, "invalid number", s->p);
	if (*q == '0') {
		if (is_digit(s, ++q))
			return fail_at(s, "invalid number", s->p);
	} else
		while (is_digit(s, q))
			q++;
	if (q < s->end && *q == '.') {
		is_int = 0;
		if (!is_digit(s, ++q))
			return fail_at(s, "invalid number", s->p);
		while (is_digit(s, q))
			q++;
	}
	if (q < s->end && (*q == 'e' || *q == 'E')) {
		is_int = 0;
		q++;
		if (q < s->end && (*q == '+' || *q == '-'))
			q++;
		if (!is_digit(s, q))
			return fail_at(s, "invalid number", s->p);
		while (is_digit(s, q))
			q++;
	}
	if (is_int) {
		/* No leading zeros, so the digit count orders magnitudes. */
		n = q - digits;
		if (n > 19 || (n == 19 && memcmp(digits,
		    digits > s->p ? min : max, 19) > 0)) {
			s->o->wide = grow(s->a, s->o->wide, s->o->nwide,
			    &s->capwide, s->o->nwide + 1, sizeof(size_t));
			s->o->wide[s->o->nwide++] = (size_t)(q - s->start);
		}
	}
	s->p = q;
	return 0;
}

static int
scan_literal(struct scan *s, const char *lit)
{
	size_t	n = strlen(lit);

	if ((size_t)(s->end - s->p) < n || memcmp(s->p, lit, n) != 0)
		return fail_at(s, "unexpected character", s->p);
	s->p += n;
	return 0;
}

/* Sets *why to `duplicate key "k"`, k truncated on a character boundary. */
static int
fail_dup(struct scan *s, const char *k, size_t len)
{
	char	buf[WHY_KEY_MAX + 4];
	size_t	i, n = len;

	if (n > WHY_KEY_MAX) {
		n = WHY_KEY_MAX;
		while (n > 0 && ((unsigned char)k[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		buf[i] = (unsigned char)k[i] < 0x20 || k[i] == 0x7f ?
		    '?' : k[i];
	buf[n] = '\0';
	if (n < len)
		strcpy(buf + n, "...");
	return fail(s, "duplicate key \"%s\"", buf);
}

static int
kref_cmp(const void *va, const void *vb)
{
	const struct kref	*a = va, *b = vb;
	int			 c;

	c = memcmp(a->p, b->p, a->len < b->len ? a->len : b->len);
	if (c != 0)
		return c;
	return (a->len > b->len) - (a->len < b->len);
}

/* Sorts the keys from base on and refuses neighbours that are equal. */
static int
check_sorted(struct scan *s, size_t base)
{
	struct kref	*r;
	size_t		 i, n = s->nkeys - base;

	r = arena_alloc(s->a, n * sizeof(*r));
	for (i = 0; i < n; i++) {
		r[i].p = s->kb + s->keys[base + i].off;
		r[i].len = s->keys[base + i].len;
	}
	qsort(r, n, sizeof(*r), kref_cmp);
	for (i = 1; i < n; i++)
		if (kref_cmp(&r[i - 1], &r[i]) == 0)
			return fail_dup(s, r[i].p, r[i].len);
	return 0;
}

/* Pushes the key just decoded at koff and checks it against its object's. */
static int
key_add(struct scan *s, size_t base, size_t koff)
{
	struct jkey	*k;
	size_t		 i, len = s->nkb - koff;

	s->keys = grow(s->a, s->keys, s->nkeys, &s->capkeys, s->nkeys + 1,
	    sizeof(*s->keys));
	k = &s->keys[s->nkeys++];
	k->off = koff;
	k->len = len;
	if (s->nkeys - base > LINEAR_MAX)
		return 0;	/* left to check_sorted() */
	for (i = base; i < s->nkeys - 1; i++)
		if (s->keys[i].len == len &&
		    memcmp(s->kb + s->keys[i].off, s->kb + koff, len) == 0)
			return fail_dup(s, s->kb + koff, len);
	return 0;
}

/* An object at s->p (the '{'), RFC 8259 §4, at nesting depth depth. */
static int
scan_object(struct scan *s, int depth)
{
	size_t			 base = s->nkeys, kbase = s->nkb, koff;
	const unsigned char	*at;

	if (depth > s->max_depth)
		return fail(s, "nesting deeper than %d", s->max_depth);
	if (++s->o->nobjects > s->o->max_objects && s->o->max_objects > 0)
		return fail(s, "more than %zu JSON objects", s->o->max_objects);
	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		return 0;
	}
	for (;;) {
		skip_ws(s);
		if (s->p >= s->end || *s->p != '"')
			return fail_at(s, "expected a string key", s->p);
		koff = s->nkb;
		at = s->p;
		if (scan_string(s, 1) == -1)
			return -1;
		/*
		 * json-c keeps keys as C strings: "a\u0000b" would be key "a",
		 * equal to a later "a" for json-c but not for key_add(), which
		 * compares the full length.  No key may hold U+0000.
		 */
		if (memchr(s->kb + koff, '\0', s->nkb - koff) != NULL)
			return fail_at(s, "a key holds U+0000", at);
		if (key_add(s, base, koff) == -1)
			return -1;
		skip_ws(s);
		if (s->p >= s->end || *s->p != ':')
			return fail_at(s, "expected ':'", s->p);
		s->p++;
		if (scan_value(s, depth) == -1)
			return -1;
		skip_ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		if (s->p < s->end && *s->p == '}')
			break;
		return fail_at(s, "expected ',' or '}'", s->p);
	}
	s->p++;
	if (s->nkeys - base > LINEAR_MAX && check_sorted(s, base) == -1)
		return -1;
	s->nkeys = base;
	s->nkb = kbase;
	return 0;
}

/* An array at s->p (the '['), RFC 8259 §5. */
static int
scan_array(struct scan *s, int depth)
{
	if (depth > s->max_depth)
		return fail(s, "nesting deeper than %d", s->max_depth);
	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		return 0;
	}
	for (;;) {
		if (scan_value(s, depth) == -1)
			return -1;
		skip_ws(s);
		if (s->p < s->end && *s->p == ',') {
			s->p++;
			continue;
		}
		if (s->p < s->end && *s->p == ']')
			break;
		return fail_at(s, "expected ',' or ']'", s->p);
	}
	s->p++;
	return 0;
}

/* Any value, RFC 8259 §3; depth is that of the enclosing container. */
static int
scan_value(struct scan *s, int depth)
{
	if (++s->o->nvalues > s->o->max_values && s->o->max_values > 0)
		return fail(s, "more than %zu JSON values", s->o->max_values);
	skip_ws(s);
	if (s->p >= s->end)
		return fail_at(s, "", s->end);
	switch (*s->p) {
	case '{':
		return scan_object(s, depth + 1);
	case '[':
		return scan_array(s, depth + 1);
	case '"':
		return scan_string(s, 0);
	case 't':
		return scan_literal(s, "true");
	case 'f':
		return scan_literal(s, "false");
	case 'n':
		return scan_literal(s, "null");
	case '-': case '+': case '.':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return scan_number(s);
	default:
		return fail_at(s, "unexpected character", s->p);
	}
}

int
http_jsonscan_validate(const char *buf, size_t len, int max_depth,
    const char **why, struct arena *a)
{
	struct jsonscan	o;

	memset(&o, 0, sizeof(o));
	o.max_depth = max_depth;
	return http_jsonscan_run(buf, len, &o, why, a);
}

int
http_jsonscan_run(const char *buf, size_t len, struct jsonscan *o,
    const char **why, struct arena *a)
{
	struct scan	s;

	memset(&s, 0, sizeof(s));
	s.start = s.p = (const unsigned char *)buf;
	s.end = s.start + len;
	s.max_depth = o->max_depth;
	s.o = o;
	o->nvalues = 0;
	o->nobjects = 0;
	o->wide = NULL;
	o->nwide = 0;
	s.a = a;
	/* Never NULL, even for an empty key: memcmp() wants real pointers. */
	s.kb = grow(a, NULL, 0, &s.capkb, 256, 1);
	s.keys = grow(a, NULL, 0, &s.capkeys, 16, sizeof(*s.keys));
	*why = NULL;
	skip_ws(&s);
	if (buf == NULL || s.p == s.end) {
		*why = "empty body";
		return -1;
	}
	if (*s.p != (o->top_array ? '[' : '{')) {
		*why = o->top_array ? "the top-level value must be an array" :
		    "the top-level value must be an object";
		return -1;
	}
	o->nvalues = 1;		/* the top-level object or array */
	if ((o->top_array ? scan_array(&s, 1) : scan_object(&s, 1)) == -1) {
		*why = s.why;
		return -1;
	}
	skip_ws(&s);
	if (s.p != s.end) {
		*why = "trailing bytes after the JSON value";
		return -1;
	}
	return 0;
}
