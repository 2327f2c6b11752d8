/*
 * Path router (CONVENTIONS §1, clients.md §2): patterns such as
 * "/api/device/:id".  Each path segment is percent-decoded before
 * matching; a literal segment after the first matches ignoring ASCII case
 * (the first, "api", is exact); a parameter keeps its value and case; one
 * trailing slash is tolerated.  Among patterns that
 * match the path, the most specific wins (at the first segment where two
 * differ, a literal beats a parameter), for every method: if the winning
 * pattern has no route for the method the answer is 405 with Allow.
 */
#ifndef HTTP_ROUTER_H
#define HTTP_ROUTER_H

#include <stddef.h>

struct arena;

#define ROUTE_MAX_SEGS	16
#define ROUTE_MAX_PARAMS 4

struct route {
	const char	*method;	/* "GET", "POST", ... */
	const char	*pattern;	/* "/api/user/me" */
	void		*data;		/* caller's per-route descriptor */
};

struct route_match {
	const struct route	*route;		/* NULL: see status */
	int			 status;	/* 0 matched, 404 no path, 405 method, 400 bad encoding */
	char			 allow[128];	/* for 405: "GET, PATCH" */
	const char		*pattern;	/* matched pattern (also for 405) */
	int			 nparams;
	const char		*param_name[ROUTE_MAX_PARAMS];
	const char		*param[ROUTE_MAX_PARAMS];	/* decoded, arena */
};

/*
 * Splits a raw path (no query) into percent-decoded segments in the arena.
 * Returns the count, or -1 for a bad %-escape, a decoded NUL, or more than
 * ROUTE_MAX_SEGS segments.  "/a/b/" → ["a","b"]; "//" twice → -1.
 */
int	http_router_split(struct arena *, const char *path, char **segs, int max);

/* Matches method + raw path against n routes.  Fills *m (see above). */
void	http_router_match(struct arena *, const struct route *, size_t n,
	    const char *method, const char *path, struct route_match *m);

/*
 * Percent-decodes src[0..len) into the arena ('+' is literal in paths,
 * a space in queries when plus_is_space).  Returns NULL on a bad escape
 * or a decoded NUL.
 */
char	*http_url_decode(struct arena *, const char *src, size_t len, int plus_is_space);

#endif
