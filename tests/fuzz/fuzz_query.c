/*
 * libFuzzer harness: the percent-decoder and the query-string parser
 * (src/http/router.c http_url_decode, src/http/query.c; CONVENTIONS §1, §8)
 * against reference implementations written here, plus the query helpers
 * every list route uses (api_query, api_query_instant, api_paging and the
 * id grammar api_id_text of CONVENTIONS §6).
 *
 * Input: byte 0 holds flags (bit 0: '+' is a space), the rest is the text
 * (cut at the first NUL for the C-string parsers; http_url_decode also sees the
 * raw bytes, NULs included).  Checked:
 *  - http_url_decode equals the reference decoder byte for byte, refusing
 *    exactly a bad escape, "%00" and a raw NUL; its output is never longer
 *    than its input; encoding the output again and decoding gives it back;
 *  - http_query_parse equals the reference split of '&'-separated name=value
 *    pairs (empty pairs skipped, a name without '=' gets "", at most 64
 *    pairs), and http_query_get / http_query_count agree with the pairs;
 *  - api_paging reports an error exactly when a sent value is not allowed,
 *    and otherwise yields a page of 1 or more and a limit in 1..100;
 *  - api_query_instant only ever turns " HH:MM" at the end into "+HH:MM";
 *  - api_query_all joins every occurrence of a name in order with commas
 *    (JF_QUERY_ALL list filters) and is NULL only for a name not sent;
 *  - api_id_text accepts exactly 1-19 digits with a value 1..2^63-1.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "http/query.h"
#include "http/router.h"
#include "api/api.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Reference percent-decoder: out (len + 1 bytes) or -1. */
static long
ref_decode(const char *s, size_t len, int plus, char *out)
{
	size_t	i;
	long	o = 0;
	int	v;

	for (i = 0; i < len; i++) {
		if (s[i] == '\0')
			return -1;
		if (s[i] == '%') {
			if (i + 2 >= len)
				return -1;
			if (hex((unsigned char)s[i + 1]) < 0 ||
			    hex((unsigned char)s[i + 2]) < 0)
				return -1;
			v = hex((unsigned char)s[i + 1]) * 16 +
			    hex((unsigned char)s[i + 2]);
			if (v == 0)
				return -1;
			out[o++] = (char)v;
			i += 2;
		} else
			out[o++] = (plus && s[i] == '+') ? ' ' : s[i];
	}
	out[o] = '\0';
	return o;
}

static char *
encode(struct arena *a, const char *s)
{
	static const char	 hx[] = "0123456789ABCDEF";
	char			*out = arena_alloc(a, strlen(s) * 3 + 1), *o = out;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_')
			*o++ = (char)c;
		else {
			*o++ = '%';
			*o++ = hx[c >> 4];
			*o++ = hx[c & 15];
		}
	}
	*o = '\0';
	return out;
}

static void
check_decode(struct arena *a, const char *s, size_t len, int plus)
{
	char	*got, *ref = arena_alloc(a, len + 1), *back;
	long	 n;

	got = http_url_decode(a, s, len, plus);
	n = ref_decode(s, len, plus, ref);
	if ((got == NULL) != (n < 0))
		abort();
	if (got == NULL)
		return;
	if (strlen(got) != (size_t)n || memcmp(got, ref, (size_t)n) != 0 ||
	    (size_t)n > len)
		abort();
	back = encode(a, got);
	if ((got = http_url_decode(a, back, strlen(back), plus)) == NULL ||
	    strcmp(got, ref) != 0)
		abort();
}

/* Reference query split; -1 where http_query_parse must fail. */
static int
ref_query(struct arena *a, const char *qs, const char **nm, const char **vl)
{
	const char	*p = qs, *amp, *eq;
	char		*buf;
	int		 n = 0;

	while (*p != '\0') {
		amp = strchr(p, '&');
		if (amp == NULL)
			amp = p + strlen(p);
		if (amp > p) {
			eq = memchr(p, '=', (size_t)(amp - p));
			if (eq == NULL)
				eq = amp;
			buf = arena_alloc(a, (size_t)(eq - p) + 1);
			if (ref_decode(p, (size_t)(eq - p), 1, buf) < 0)
				return -1;
			if (n < QUERY_MAX_PARAMS)
				nm[n] = buf;
			if (eq == amp)
				buf = arena_strdup(a, "");
			else {
				buf = arena_alloc(a, (size_t)(amp - eq));
				if (ref_decode(eq + 1, (size_t)(amp - eq - 1), 1,
				    buf) < 0)
					return -1;
			}
			if (n >= QUERY_MAX_PARAMS)
				return -1;
			vl[n++] = buf;
		}
		p = *amp ? amp + 1 : amp;
	}
	return n;
}

/* What api_paging must make of one value (CONVENTIONS §8). */
static int
posint(const char *s, int64_t *v)
{
	size_t n = s ? strlen(s) : 0;

	if (n < 1 || n > 18 || strspn(s, "0123456789") != n)
		return -1;
	*v = strtoll(s, NULL, 10);
	return *v >= 1 ? 0 : -1;
}

/*
 * The value of api_query_all(name) against a reference: the joined
 * text's commas and pieces are those of the occurrences in order, each
 * occurrence followed by one comma but the last (an empty first one adds
 * none).
 */
static void
check_all(struct arena *a, struct api_call *c, const struct query *q,
    const char *name)
{
	const char	*v = api_query_all(c, name);
	char		*want, *p;
	size_t		 len = 1;
	int		 i;

	if (v == NULL)
		abort();
	for (i = 0; i < q->n; i++)
		if (strcmp(q->name[i], name) == 0)
			len += strlen(q->value[i]) + 1;
	p = want = arena_alloc(a, len);
	for (i = 0; i < q->n; i++)
		if (strcmp(q->name[i], name) == 0) {
			if (p != want)
				*p++ = ',';
			strcpy(p, q->value[i]);
			p += strlen(q->value[i]);
		}
	*p = '\0';
	if (strcmp(v, want) != 0)
		abort();
}

static void
check_api(struct arena *a, const struct query *q)
{
	struct api_call		 c;
	struct field_errors	 fe = { 0 };
	const char		*p1, *p2, *l, *v, *w;
	int64_t			 page, limit, x;
	int			 want = 0, i, rc;
	size_t			 n;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.query = *q;
	api_paging(&c, 20, 100, &page, &limit, &fe);
	/* The values count only when nothing was refused (INVALID_QUERY). */
	if (page < 1 || (fe.n == 0 && (limit < 1 || limit > 100)))
		abort();
	p1 = api_query(&c, "pageNumber");
	p2 = api_query(&c, "pagenumber");
	l = api_query(&c, "limit");
	if (p1 != NULL && p2 != NULL && strcmp(p1, p2) != 0)
		want++;
	else if ((p1 || p2) && posint(p1 ? p1 : p2, &x) != 0)
		want++;
	if (l != NULL && (posint(l, &x) != 0 || x > 100))
		want++;
	if (fe.n != want)
		abort();
	for (i = 0; i < fe.n; i++)
		if (fe.field[i] == NULL || fe.message[i] == NULL)
			abort();
	/* api_query: an empty value is absent. */
	for (i = 0; i < q->n; i++) {
		v = api_query(&c, q->name[i]);
		w = http_query_get(q, q->name[i]);
		if ((v == NULL) != (w == NULL || w[0] == '\0'))
			abort();
		if (v == NULL)
			continue;
		w = api_query_instant(&c, q->name[i]);
		if (strlen(w) != strlen(v))
			abort();
		n = strlen(v);
		if (strcmp(w, v) != 0 && (n < 7 || v[n - 6] != ' ' ||
		    w[n - 6] != '+' || memcmp(w, v, n - 6) != 0 ||
		    strcmp(w + n - 5, v + n - 5) != 0))
			abort();
		/* The id grammar of CONVENTIONS §6 on every value. */
		x = 0;
		rc = api_id_text(v, &x);
		want = n >= 1 && n <= 19 && strspn(v, "0123456789") == n &&
		    (n < 19 || strcmp(v, "9223372036854775807") <= 0) &&
		    strtoull(v, NULL, 10) >= 1;
		if ((rc == 0) != want || (rc == 0 &&
		    (uint64_t)x != strtoull(v, NULL, 10)))
			abort();
	}
	/*
	 * api_query_all (JF_QUERY_ALL list filters): every occurrence in
	 * order, comma-joined; NULL only when the name is not sent.
	 */
	if (http_query_count(q, "not sent") == 0 &&
	    api_query_all(&c, "not sent") != NULL)
		abort();
	for (i = 0; i < q->n; i++)
		check_all(a, &c, q, q->name[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	const char		*nm[QUERY_MAX_PARAMS], *vl[QUERY_MAX_PARAMS];
	struct query		 q;
	char			*s;
	int			 plus, n, rc, i;

	if (size < 1)
		return 0;
	if (a == NULL && (a = arena_new()) == NULL)
		abort();
	plus = data[0] & 1;
	/* The raw bytes, NULs included. */
	check_decode(a, (const char *)data + 1, size - 1, plus);
	s = arena_strndup(a, (const char *)data + 1, size - 1);
	check_decode(a, s, strlen(s), plus);

	rc = http_query_parse(a, s, &q);
	n = ref_query(a, s, nm, vl);
	if ((rc == 0) != (n >= 0))
		abort();
	if (rc == 0) {
		if (q.n != n)
			abort();
		for (i = 0; i < n; i++) {
			if (strcmp(q.name[i], nm[i]) != 0 ||
			    strcmp(q.value[i], vl[i]) != 0)
				abort();
			if (http_query_count(&q, nm[i]) < 1 ||
			    http_query_get(&q, nm[i]) == NULL)
				abort();
		}
		check_api(a, &q);
	}
	arena_reset(a);
	return 0;
}
