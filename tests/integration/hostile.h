/*
 * itest_hostile: what the hostile-input suites share.  test_hostile.c
 * (SQL injection, traversal, malformed bodies, slow clients) owns the
 * route body templates; test_hostile_bb.c (the black-box stage of issue
 * 13: encodings, NUL, overlong values, wrong types, extreme numbers on
 * every path parameter, query parameter and body member of the route
 * table, and the named regressions) and test_memory.c (worst-case bodies
 * on every body route, worker RSS) reuse them.  All run on the fixture of
 * test_authz.c (authz.h).
 */
#ifndef HOSTILE_H
#define HOSTILE_H

#include <json-c/json.h>

#include "authz.h"

/*
 * One route body: who sends it where, a valid body, its string fields
 * (dotted paths) and which of them are free text stored as sent.  A
 * field "a+b" sets both a and b (password and its confirmation).
 */
struct tmpl {
	const char	*method;
	const char	*pattern;
	int		 role;
	char		*(*path)(const struct tmpl *);
	char		*(*body)(const struct tmpl *);
	const char	*fields;	/* space-separated */
	const char	*echo;		/* space-separated, subset */
};

/* The template of a JSON-body route, or NULL. */
const struct tmpl *tmpl_for(const char *method, const char *pattern);
/* The token a template's requests carry (NULL: none). */
const char	*tmpl_token(const struct tmpl *);
/* t's pattern with its one parameter replaced by v (malloc'd). */
char		*path_with(const struct tmpl *t, const char *v);
/* The query a route needs before it looks its parameter up ("" or "?..."). */
const char	*param_query(const char *pattern);
/* Sets a dotted path ("reads.0.endtimestamp") of o to the string v. */
void		 set_path(struct json_object *o, const char *path, const char *v);
/* The hostile suites' extra fixture (a device, 40 certificates); once. */
void		 hostile_setup(void);
/* The next unclaimed certificate of the pool; a 201 claim uses it up. */
extern int	 cert_next;

/* The suites. */
void		 az_register_hostile_bb(void);
void		 az_register_memory(void);

#endif
