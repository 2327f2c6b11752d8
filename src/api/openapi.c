/*
 * docs/openapi.json from the route table (openapi.h, docs/openapi.md).
 * Each route of api_routes() but the test-only ones becomes one
 * operation: its path and query parameters, request body, security, roles
 * and ApiUser scopes come from its struct api_route; its summary, tag,
 * success status and own error codes from api_route_docs(); the pipeline's
 * common errors (CONVENTIONS §1-2) are derived from the route's flags.
 * Nothing here guesses a type: a member whose route declares no type is
 * listed by name only (an empty schema).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "api/api.h"
#include "api/openapi.h"
#include "api/openapi_ops.h"
#include "api/route_docs.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "dev"
#endif

#define J_STR(s)	json_object_new_string(s)

static const char *const tag_order[] = {
	"Operations", "Users and sessions", "Accounts", "Organizations",
	"Administration", "Devices", "Code lists", "Meter reads",
	"Reservations", "Certificates", "Routes for existing clients",
	"Integrators", "Bulk uploads", "Yield configuration",
};

static const char info_text[] =
    "The D-REC platform API as drec implements it, generated from its "
    "route table (`drecctl openapi`, docs/openapi.md).  The normative text "
    "is the specification (CONVENTIONS.md and one file per area; each "
    "operation names its section).\n\n"
    "Every error has one body, the `Error` schema (CONVENTIONS §2); its "
    "`code` is stable.  Each operation lists the codes it may answer under "
    "their status (`x-error-codes`).  Besides them, any path may answer "
    "404 `ROUTE_NOT_FOUND` (no route has it) or 405 `METHOD_NOT_ALLOWED` "
    "(the path exists for other methods, `Allow` lists them), and nginx "
    "400 `BAD_REQUEST`, 414 `URI_TOO_LONG`, 431 `HEADERS_TOO_LARGE`, "
    "502/504 `UPSTREAM_UNAVAILABLE`.  Checks run in the order of "
    "CONVENTIONS §1; the first failure answers.\n\n"
    "Literal path segments match ignoring ASCII case; query parameter "
    "names are case-sensitive.  Roles: `x-roles` lists those that may "
    "call an operation (`User` counts by its organization's type); an "
    "ApiUser may call it when `x-apiuser` says so, with one of the "
    "scopes listed (integrators.md §4.3).  The test-clock and outbox "
    "routes of the test profile are not listed.";

static struct json_object *
str_array(const char *const *v, size_t n)
{
	struct json_object	*a = json_object_new_array();
	size_t			 i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, J_STR(v[i]));
	return a;
}

static struct json_object *
security(void)
{
	struct json_object	*schemes, *bearer;

	schemes = json_object_new_object();
	bearer = json_object_new_object();
	json_object_object_add(bearer, "type", J_STR("http"));
	json_object_object_add(bearer, "scheme", J_STR("bearer"));
	json_object_object_add(bearer, "bearerFormat", J_STR("JWT"));
	json_object_object_add(bearer, "description", J_STR(
	    "A session token (CONVENTIONS §3): a password session from POST "
	    "/api/auth/login, or an ApiUser's client session from POST "
	    "/api/auth/getAccess with its client credentials (integrators.md "
	    "§3.2).  The role used is the one stored, not the token's claim."));
	json_object_object_add(schemes, "bearerAuth", bearer);
	return schemes;
}

/* The error envelope of CONVENTIONS §2. */
static struct json_object *
error_schema(void)
{
	struct json_object	*s, *p, *v, *alt, *arr;
	static const char *const req[] = { "statusCode", "error", "success",
	    "code", "message" };

	s = json_object_new_object();
	json_object_object_add(s, "type", J_STR("object"));
	json_object_object_add(s, "description", J_STR("The error envelope of "
	    "CONVENTIONS §2, for every status (GET /api/health's 503 aside)."));
	json_object_object_add(s, "required", str_array(req, 5));
	p = json_object_new_object();
	v = json_object_new_object();
	json_object_object_add(v, "type", J_STR("integer"));
	json_object_object_add(v, "description", J_STR("the HTTP status"));
	json_object_object_add(p, "statusCode", v);
	v = json_object_new_object();
	json_object_object_add(v, "type", J_STR("string"));
	json_object_object_add(v, "description", J_STR("the reason phrase"));
	json_object_object_add(p, "error", v);
	v = json_object_new_object();
	json_object_object_add(v, "const", json_object_new_boolean(0));
	json_object_object_add(p, "success", v);
	v = json_object_new_object();
	json_object_object_add(v, "type", J_STR("string"));
	json_object_object_add(v, "pattern", J_STR("^[A-Z][A-Z0-9_]*$"));
	json_object_object_add(p, "code", v);
	v = json_object_new_object();
	alt = json_object_new_array();
	arr = json_object_new_object();
	json_object_object_add(arr, "type", J_STR("string"));
	json_object_array_add(alt, arr);
	arr = json_object_new_object();
	json_object_object_add(arr, "type", J_STR("array"));
	json_object_object_add(arr, "items", json_object_get(
	    json_object_array_get_idx(alt, 0)));
	json_object_array_add(alt, arr);
	json_object_object_add(v, "oneOf", alt);
	json_object_object_add(v, "description", J_STR("a sentence, or one "
	    "per offending field (field errors, CONVENTIONS §2)"));
	json_object_object_add(p, "message", v);
	v = json_object_new_object();
	json_object_object_add(v, "type", J_STR("object"));
	json_object_object_add(v, "description", J_STR("machine-readable "
	    "context, e.g. {\"fields\": [\"email\"]}"));
	json_object_object_add(p, "details", v);
	json_object_object_add(s, "properties", p);
	return s;
}

/* The description entry of route r, or NULL; marks it used. */
static const struct route_doc *
doc_of(const struct route *r, const struct route_doc *d, size_t n,
    unsigned char *used)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(d[i].method, r->method) == 0 &&
		    strcmp(d[i].pattern, r->pattern) == 0) {
			used[i] = 1;
			return &d[i];
		}
	return NULL;
}

/* "/api/device/:id" → "/api/device/{id}" into buf. */
static void
oa_path(const char *pattern, char *buf, size_t len)
{
	size_t	o = 0;
	int	param = 0;

	for (; *pattern != '\0' && o + 2 < len; pattern++) {
		if (*pattern == ':' && pattern[-1] == '/') {
			buf[o++] = '{';
			param = 1;
		} else if (*pattern == '/' && param) {
			buf[o++] = '}';
			buf[o++] = '/';
			param = 0;
		} else
			buf[o++] = *pattern;
	}
	if (param && o + 1 < len)
		buf[o++] = '}';
	buf[o] = '\0';
}

/*
 * operationId: the method, then each path segment after /api in
 * CamelCase with other characters dropped ("By" + name for a parameter):
 * GET /api/device/:id → getDeviceById.
 */
static void
op_id(const char *method, const char *pattern, char *buf, size_t len)
{
	size_t	o = 0;
	int	up = 0;

	for (; *method != '\0' && o + 1 < len; method++)
		buf[o++] = (char)tolower((unsigned char)*method);
	if (strncmp(pattern, "/api", 4) == 0)
		pattern += 4;
	for (; *pattern != '\0' && o + 3 < len; pattern++) {
		if (*pattern == ':') {
			buf[o++] = 'B';
			buf[o++] = 'y';
			up = 1;
		} else if (!isalnum((unsigned char)*pattern))
			up = 1;
		else {
			buf[o++] = up ? (char)toupper((unsigned char)*pattern) :
			    *pattern;
			up = 0;
		}
	}
	buf[o] = '\0';
}

struct json_object *
api_openapi(FILE *err, int *problems)
{
	const struct route	*routes;
	const struct route_doc	*docs;
	struct json_object	*doc, *info, *paths, *item, *op, *comp, *o, *a;
	struct json_object	*shared;
	unsigned char		 used[512];
	char			 path[256], id[256];
	size_t			 nr, nd, i;

	*problems = 0;
	routes = api_routes(&nr);
	docs = api_route_docs(&nd);
	if (nd > sizeof(used)) {
		fprintf(err, "openapi: more than %zu route descriptions\n",
		    sizeof(used));
		(*problems)++;
		nd = sizeof(used);
	}
	memset(used, 0, sizeof(used));

	doc = json_object_new_object();
	json_object_object_add(doc, "openapi", J_STR("3.1.0"));
	info = json_object_new_object();
	json_object_object_add(info, "title", J_STR("drec: the D-REC "
	    "platform API"));
	json_object_object_add(info, "version", J_STR(PACKAGE_VERSION));
	json_object_object_add(info, "description", J_STR(info_text));
	json_object_object_add(doc, "info", info);
	a = json_object_new_array();
	o = json_object_new_object();
	json_object_object_add(o, "url", J_STR("http://127.0.0.1:8080"));
	json_object_object_add(o, "description", J_STR("the local stack of "
	    "scripts/run; every path starts with /api"));
	json_object_array_add(a, o);
	json_object_object_add(doc, "servers", a);
	a = json_object_new_array();
	for (i = 0; i < sizeof(tag_order) / sizeof(tag_order[0]); i++) {
		o = json_object_new_object();
		json_object_object_add(o, "name", J_STR(tag_order[i]));
		json_object_array_add(a, o);
	}
	json_object_object_add(doc, "tags", a);

	paths = json_object_new_object();
	shared = json_object_new_object();
	for (i = 0; i < nr; i++) {
		const struct api_route	*ar = routes[i].data;
		const struct route_doc	*d;
		char			 m[8];
		size_t			 k;

		if (ar->test_only)
			continue;
		if ((d = doc_of(&routes[i], docs, nd, used)) == NULL) {
			fprintf(err, "openapi: %s %s has no description in "
			    "src/api/route_docs.c\n", routes[i].method,
			    routes[i].pattern);
			(*problems)++;
			continue;
		}
		oa_path(routes[i].pattern, path, sizeof(path));
		op_id(routes[i].method, routes[i].pattern, id, sizeof(id));
		if (!json_object_object_get_ex(paths, path, &item)) {
			item = json_object_new_object();
			json_object_object_add(paths, path, item);
		}
		for (k = 0; routes[i].method[k] != '\0' && k + 1 < sizeof(m);
		    k++)
			m[k] = (char)tolower((unsigned char)routes[i].method[k]);
		m[k] = '\0';
		op = api_oa_operation(&routes[i], d, id, shared, err, problems);
		json_object_object_add(item, m, op);
	}
	for (i = 0; i < nd; i++)
		if (!used[i]) {
			fprintf(err, "openapi: the description of %s %s "
			    "matches no route of api_routes()\n",
			    docs[i].method, docs[i].pattern);
			(*problems)++;
		}
	api_oa_unique_ids(paths, err, problems);
	json_object_object_add(doc, "paths", paths);

	comp = json_object_new_object();
	o = json_object_new_object();
	json_object_object_add(o, "Error", error_schema());
	json_object_object_add(comp, "schemas", o);
	json_object_object_add(comp, "responses", shared);
	json_object_object_add(comp, "securitySchemes", security());
	json_object_object_add(doc, "components", comp);
	return doc;
}
