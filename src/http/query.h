/*
 * Query-string parsing (application/x-www-form-urlencoded, RFC 3986 §3.4).
 */
#ifndef HTTP_QUERY_H
#define HTTP_QUERY_H

struct arena;

#define QUERY_MAX_PARAMS 64

struct query {
	int		 n;
	const char	*name[QUERY_MAX_PARAMS];
	const char	*value[QUERY_MAX_PARAMS];
};

/* Parses qs (may be NULL/empty); 0 ok, -1 bad encoding or too many pairs. */
int		 query_parse(struct arena *, const char *qs, struct query *);
/* First value of name, or NULL. */
const char	*query_get(const struct query *, const char *name);
/* Number of occurrences of name. */
int		 query_count(const struct query *, const char *name);

#endif
