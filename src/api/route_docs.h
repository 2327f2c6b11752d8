/*
 * The description of each route for its users (docs/openapi.json, issue
 * 14): what the route table (routes.c) does not say.  Keyed by method and
 * pattern; `drecctl openapi` fails when a route of api_routes() has no
 * entry or an entry matches no route.
 */
#ifndef API_ROUTE_DOCS_H
#define API_ROUTE_DOCS_H

#include <stddef.h>

struct route_doc {
	const char	*method;	/* as in routes.c */
	const char	*pattern;	/* as in routes.c */
	const char	*tag;		/* the group it is listed under */
	int		 status;	/* the success status */
	const char	*summary;	/* one line */
	const char	*spec;		/* the spec section, e.g. "devices.md §6.1" */
	/*
	 * The error codes the route itself may answer, space-separated,
	 * beyond those its route table entry implies (the pipeline's:
	 * authentication, roles, media type, body, query, ApiUser gate).
	 * "CODE@409": the code with another status than its usual one
	 * (openapi_codes.c) on this route.
	 */
	const char	*errors;
	/* The success body's media type; NULL: application/json. */
	const char	*media;
};

/* The table (route_docs.c), n entries. */
const struct route_doc *api_route_docs(size_t *n);

#endif
