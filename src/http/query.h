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
	/*
	 * The names a reader declared it asks for, space-separated (NULL:
	 * any).  Asking for another one records the name in undeclared
	 * (the value is still given), so that a parameter missing from a
	 * route's declaration is logged and fails the hostile stage.
	 */
	const char	*declared;
	const char	*undeclared;
};

/* Parses qs (may be NULL/empty); 0 ok, -1 bad encoding or too many pairs.
 * Any name may be asked for until the caller sets q->declared. */
int		 http_query_parse(struct arena *, const char *qs, struct query *);
/* 1 when name is one of the space-separated words of list. */
int		 http_query_word_in(const char *list, const char *name);
/* First value of name, or NULL. */
const char	*http_query_get(const struct query *, const char *name);
/* Number of occurrences of name. */
int		 http_query_count(const struct query *, const char *name);

#endif
