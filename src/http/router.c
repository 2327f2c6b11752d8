/*
 * Path router (CONVENTIONS §1, clients.md §2).  Paths are split on '/'
 * first and each segment is then percent-decoded (RFC 3986 §2.1), so "%2F"
 * stays inside its segment.  Patterns are matched segment by segment; a
 * ":name" segment matches any non-empty segment and keeps its case; a
 * literal segment matches ignoring ASCII case, except the first ("api"),
 * which is exact as nginx's case-sensitive "location /api" is.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "http/router.h"

/* http_router_split()'s failures, told apart for http_router_match(). */
#define SPLIT_BADENC	(-1)	/* bad %-escape or decoded NUL: 400 */
#define SPLIT_NOMATCH	(-2)	/* empty segment, too many, no '/': 404 */

/* ASCII lower case only: no locale, no Unicode folding (clients.md §2). */
static unsigned char
lower(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
http_url_decode(struct arena *a, const char *src, size_t len, int plus_is_space)
{
	char	*out, *o;
	size_t	 i;
	int	 hi, lo;

	o = out = arena_alloc(a, len + 1);
	for (i = 0; i < len; i++) {
		if (src[i] == '\0')
			return NULL;
		if (src[i] == '+' && plus_is_space)
			*o++ = ' ';
		else if (src[i] != '%')
			*o++ = src[i];
		else {
			if (len - i < 3 ||
			    (hi = hexval(src[i + 1])) < 0 ||
			    (lo = hexval(src[i + 2])) < 0 ||
			    (hi | lo) == 0)
				return NULL;
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		}
	}
	*o = '\0';
	return out;
}

/*
 * Splits path into at most max decoded segments.  One trailing slash is
 * tolerated; "/" has no segment.  Returns the count or a SPLIT_* value;
 * the first problem from the left decides which.
 */
static int
split(struct arena *a, const char *path, char **segs, int max)
{
	const char	*p, *q;
	int		 n = 0;

	if (path == NULL || *path != '/')
		return SPLIT_NOMATCH;
	p = path + 1;
	if (*p == '\0')
		return 0;
	for (;;) {
		q = strchr(p, '/');
		if (q == NULL)
			q = p + strlen(p);
		if (q == p)
			return SPLIT_NOMATCH;	/* "//", or "/" after "x/" */
		if (n >= max)
			return SPLIT_NOMATCH;
		if ((segs[n++] = http_url_decode(a, p, q - p, 0)) == NULL)
			return SPLIT_BADENC;
		if (*q == '\0' || q[1] == '\0')
			return n;	/* end, or the tolerated trailing '/' */
		p = q + 1;
	}
}

int
http_router_split(struct arena *a, const char *path, char **segs, int max)
{
	int	n;

	n = split(a, path, segs, max);
	return n < 0 ? -1 : n;
}

/*
 * Segment i of a pattern: sets *s and *len; returns 0, or -1 past the end.
 * Patterns are trusted program text ("/api/device/:id").
 */
static int
pat_seg(const char *pat, int i, const char **s, size_t *len)
{
	const char	*p = pat, *q;

	if (*p == '/')
		p++;
	for (;;) {
		if (*p == '\0')
			return -1;
		q = strchr(p, '/');
		if (q == NULL)
			q = p + strlen(p);
		if (i-- == 0) {
			*s = p;
			*len = q - p;
			return 0;
		}
		p = *q ? q + 1 : q;
	}
}

/*
 * 1 when pattern pat matches the nseg decoded segments.  One pass over the
 * pattern, stopping at the first differing character: this runs for every
 * route of the table on every request.
 */
static int
pat_matches(const char *pat, char **segs, int nseg)
{
	const char	*p = pat, *s;
	int		 i;

	if (*p == '/')
		p++;
	for (i = 0; i < nseg; i++) {
		if (*p == '\0')
			return 0;	/* the pattern has fewer segments */
		if (*p == ':') {
			while (*p != '/' && *p != '\0')
				p++;
		} else if (i == 0) {	/* "api": exact */
			for (s = segs[i]; *p != '/' && *p != '\0' && *p == *s;
			    p++, s++)
				;
			if (*s != '\0' || (*p != '/' && *p != '\0'))
				return 0;
		} else {
			for (s = segs[i]; *p != '/' && *p != '\0' &&
			    lower((unsigned char)*p) == lower((unsigned char)*s);
			    p++, s++)
				;
			if (*s != '\0' || (*p != '/' && *p != '\0'))
				return 0;
		}
		if (*p == '/')
			p++;
	}
	return *p == '\0';
}

/*
 * A summary of every pattern of table r (n routes), computed once per
 * thread and table, so that http_router_match skips most patterns with two
 * comparisons: [i][0] is the segment count of pattern i, [i][1] the first
 * character of its second segment, lower-cased, when that is a literal,
 * else 0.  NULL
 * for a table of more than ROUTER_CACHE_ROUTES routes (then every pattern
 * is compared).
 */
#define ROUTER_CACHE_ROUTES 256

static const unsigned char (*
pat_summary(const struct route *r, size_t n))[2]
{
	static __thread const struct route	*table;
	static __thread size_t			 table_n;
	static __thread unsigned char		 sum[ROUTER_CACHE_ROUTES][2];
	const char				*p;
	size_t					 i;
	int					 k;

	if (n > ROUTER_CACHE_ROUTES)
		return NULL;
	if (table == r && table_n == n)
		return (const unsigned char (*)[2])sum;
	for (i = 0; i < n; i++) {
		p = r[i].pattern;
		if (*p == '/')
			p++;
		sum[i][1] = 0;
		for (k = *p != '\0'; *p != '\0'; p++)
			if (*p == '/' && p[1] != '\0') {
				if (++k == 2 && p[1] != ':')
					sum[i][1] = lower((unsigned char)p[1]);
			}
		sum[i][0] = (unsigned char)(k > 255 ? 255 : k);
	}
	table = r;
	table_n = n;
	return (const unsigned char (*)[2])sum;
}

/*
 * 1 when pattern a is more specific than b (both match the same path):
 * at the first segment where one is literal and the other a parameter,
 * the literal wins.
 */
static int
pat_better(const char *a, const char *b, int nseg)
{
	const char	*sa, *sb;
	size_t		 la, lb;
	int		 i, pa, pb;

	for (i = 0; i < nseg; i++) {
		pat_seg(a, i, &sa, &la);
		pat_seg(b, i, &sb, &lb);
		pa = la > 0 && sa[0] == ':';
		pb = lb > 0 && sb[0] == ':';
		if (pa != pb)
			return pb;
	}
	return 0;
}

/* Appends method to the Allow list unless it is there or does not fit. */
static void
allow_add(char *allow, size_t size, const char *method)
{
	const char	*p = allow;
	size_t		 n = strlen(method), have = strlen(allow);

	while ((p = strstr(p, method)) != NULL) {
		if ((p == allow || p[-1] == ' ') && (p[n] == ',' || p[n] == '\0'))
			return;
		p += n;
	}
	if (have + (have ? 2 : 0) + n + 1 > size)
		return;
	snprintf(allow + have, size - have, "%s%s", have ? ", " : "", method);
}

void
http_router_match(struct arena *a, const struct route *r, size_t n,
    const char *method, const char *path, struct route_match *m)
{
	char			*segs[ROUTE_MAX_SEGS];
	const char		*s;
	const unsigned char	(*sum)[2];
	unsigned char		 c1;
	size_t			 i, best = n, len;
	int			 nseg, k;

	memset(m, 0, sizeof(*m));
	nseg = split(a, path, segs, ROUTE_MAX_SEGS);
	if (nseg < 0) {
		m->status = nseg == SPLIT_BADENC ? 400 : 404;
		return;
	}
	sum = pat_summary(r, n);
	c1 = nseg >= 2 ? lower((unsigned char)segs[1][0]) : 0;
	for (i = 0; i < n; i++)
		if ((sum == NULL || (sum[i][0] == nseg &&
		    (sum[i][1] == 0 || sum[i][1] == c1))) &&
		    pat_matches(r[i].pattern, segs, nseg) &&
		    (best == n || pat_better(r[i].pattern, r[best].pattern,
		    nseg)))
			best = i;
	if (best == n) {
		m->status = 404;
		return;
	}
	/* Among the routes of the winning pattern, the method decides. */
	for (i = best; i < n; i++) {
		if (strcmp(r[i].pattern, r[best].pattern) != 0)
			continue;
		if (strcmp(r[i].method, method) == 0) {
			m->route = &r[i];
			break;
		}
	}
	m->pattern = r[best].pattern;
	if (m->route == NULL) {
		m->status = 405;
		for (i = best; i < n; i++)
			if (strcmp(r[i].pattern, r[best].pattern) == 0)
				allow_add(m->allow, sizeof(m->allow),
				    r[i].method);
		return;
	}
	for (k = 0; k < nseg; k++) {
		pat_seg(m->route->pattern, k, &s, &len);
		if (len == 0 || s[0] != ':' || m->nparams >= ROUTE_MAX_PARAMS)
			continue;
		m->param_name[m->nparams] = arena_strndup(a, s + 1, len - 1);
		m->param[m->nparams++] = segs[k];
	}
}
