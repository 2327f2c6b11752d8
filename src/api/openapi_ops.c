/*
 * One Operation Object of docs/openapi.json (openapi_ops.h): parameters,
 * request body, security and roles from the route's struct api_route,
 * responses from its description and flags.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/scopes.h"
#include "api/api.h"
#include "api/openapi.h"
#include "api/openapi_ops.h"

#define J_STR(s)	json_object_new_string(s)
#define MAX_CODES	64

/* The names of the role bits (api.h), for x-roles. */
static const char *const role_name[] = {
	"Admin", "OrganizationAdmin", "DeviceOwner", "Buyer", "SubBuyer",
	"User (Developer organization)", "User (Buyer organization)",
	"ApiUser",
};

/* How an ApiUser names its acting organization (api.h enum api_act). */
static const char *const act_text[] = {
	[ACT_NONE] = NULL,
	[ACT_DEV_BODY] = "body organizationId (a managed Developer "
	    "organization), required",
	[ACT_DEV_BODY_Q] = "body organizationId (or query organizationId), "
	    "a managed Developer organization, required",
	[ACT_DEV_UNION] = "query organizationId, else all managed "
	    "organizations",
	[ACT_DEV_OBJECT] = "query organizationId, else the device's owner",
	[ACT_DEV_QUERY] = "query organizationId (a managed Developer "
	    "organization), required",
	[ACT_BUY_BODY] = "body organizationId (query orgId), a managed Buyer "
	    "organization, required",
	[ACT_BUY_UNION] = "query organizationId, else all managed Buyer "
	    "organizations",
	[ACT_RES_OBJECT] = "the reservation's buyer organization",
	[ACT_CERT_OBJECT] = "the certificate's buyer organization",
	[ACT_QUERY_ANY] = "query organizationId (Developer or Buyer), "
	    "required",
	[ACT_CATALOGUE] = "none: the catalogue, as a Buyer",
};

/*
 * The error codes of one operation, in the order added, each once: a code,
 * or "CODE@STATUS" for a status other than its usual one (openapi_codes.c).
 */
struct codes {
	const char	*code[MAX_CODES];
	int		 n;
};

static void
codes_add(struct codes *c, const char *code)
{
	int	i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->code[i], code) == 0)
			return;
	if (c->n < MAX_CODES)
		c->code[c->n++] = code;
}

/* Adds the space-separated codes of list (static storage) to c. */
static void
codes_add_list(struct codes *c, const char *list, char *store,
    size_t storelen)
{
	char	*p, *save = NULL;

	if (list == NULL || strlen(list) >= storelen)
		return;
	strcpy(store, list);
	for (p = strtok_r(store, " ", &save); p != NULL;
	    p = strtok_r(NULL, " ", &save))
		codes_add(c, p);
}

/* 1 when an ApiUser may call the route (apiuser_gate.c). */
static int
apiuser_ok(const struct api_route *ar)
{
	return (ar->roles & ROLE_APIUSER) != 0 || ar->api != 0;
}

/*
 * The query parameter that names an ApiUser's acting organization on the
 * route (api_apiuser_act), or NULL.
 */
static const char *
gate_query(const struct api_route *ar)
{
	if (!apiuser_ok(ar))
		return NULL;
	switch (ar->act) {
	case ACT_DEV_BODY_Q:
	case ACT_DEV_UNION:
	case ACT_DEV_OBJECT:
	case ACT_DEV_QUERY:
	case ACT_BUY_UNION:
	case ACT_QUERY_ANY:
		return "organizationId";
	case ACT_BUY_BODY:
		return "orgId";
	default:
		return NULL;
	}
}

/* The body member that names it, or NULL. */
static const char *
gate_body(const struct api_route *ar)
{
	if (!apiuser_ok(ar))
		return NULL;
	switch (ar->act) {
	case ACT_DEV_BODY:
	case ACT_DEV_BODY_Q:
	case ACT_BUY_BODY:
		return "organizationId";
	default:
		return NULL;
	}
}

/*
 * The codes the pipeline answers on this route (CONVENTIONS §1-2,
 * dispatch.c, apiuser_gate.c), in check order.
 */
static void
pipeline_codes(const struct api_route *ar, const struct api_route *alt,
    struct codes *c)
{
	const struct api_input *in = ar->in;
	unsigned	scopes = ar->api & SCOPES_ALL;

	codes_add(c, "RATE_LIMITED");
	if (!ar->no_db)
		codes_add(c, "DB_UNAVAILABLE");
	if (ar->roles != 0 || (alt != NULL && alt->roles != 0)) {
		if (alt != NULL && alt->roles != 0)
			ar = alt;
		codes_add(c, "UNAUTHORIZED");
		if ((ar->restricted_ok & ACCT_PENDING_OK) == 0)
			codes_add(c, "ACCOUNT_PENDING");
		if (ar->restricted_ok == 0)
			codes_add(c, "EMAIL_NOT_CONFIRMED");
		if ((ar->roles & ROLES_ANY) != ROLES_ANY || !apiuser_ok(ar))
			codes_add(c, "FORBIDDEN");
		if (apiuser_ok(ar) && !(ar->api & API_OWN) && scopes != 0) {
			codes_add(c, "API_USER_NOT_APPROVED");
			codes_add(c, "SCOPE_NOT_GRANTED");
		}
		if (ar->pw_session)
			codes_add(c, "PASSWORD_SESSION_REQUIRED");
	}
	if (ar->body == BODY_JSON || ar->body == BODY_OPTIONAL ||
	    ar->body == BODY_RAW) {
		codes_add(c, "UNSUPPORTED_MEDIA_TYPE");
		codes_add(c, "PAYLOAD_TOO_LARGE");
	}
	if (ar->body == BODY_JSON || ar->body == BODY_OPTIONAL)
		codes_add(c, "INVALID_JSON");
	/* the typed input's steps (input.c), then the handler's reads */
	if (in != NULL && in->path_id != NULL)
		codes_add(c, "INVALID_ID");
	if (ar->query != NULL || (in != NULL && in->query.n > 0) ||
	    gate_query(ar) != NULL)
		codes_add(c, "INVALID_QUERY");
	if (in != NULL && in->body.n > 0 && in->code != NULL)
		codes_add(c, in->code);
	if ((ar->body == BODY_JSON || ar->body == BODY_OPTIONAL) &&
	    (in == NULL || in->code == NULL || ar->fields != NULL))
		codes_add(c, "INVALID_FIELD");
	if (apiuser_ok(ar) && ar->act != ACT_NONE) {
		/* integrators.md §4.2: a named organization */
		switch (ar->act) {
		case ACT_DEV_BODY:
			codes_add(c, "INVALID_FIELD");
			/* FALLTHROUGH */
		case ACT_DEV_BODY_Q:
		case ACT_DEV_QUERY:
			codes_add(c, "ORGANIZATION_NOT_FOUND");
			codes_add(c, "ORGANIZATION_NOT_DEVELOPER");
			break;
		case ACT_BUY_BODY:
			codes_add(c, "ORGANIZATION_NOT_FOUND");
			codes_add(c, "ORGANIZATION_NOT_BUYER");
			break;
		case ACT_DEV_UNION:
		case ACT_DEV_OBJECT:
		case ACT_BUY_UNION:
		case ACT_QUERY_ANY:
			codes_add(c, "ORGANIZATION_NOT_FOUND");
			break;
		default:
			break;
		}
	}
	codes_add(c, "INTERNAL_ERROR");
}

/* Adds to a the names of the space-separated list (borrowed text). */
static void
add_names(struct json_object *a, const char *list, int (*fn)(
    struct json_object *, const char *, size_t, void *), void *arg)
{
	const char	*p, *e;

	if (list == NULL)
		return;
	for (p = list; *p != '\0'; p = e) {
		while (*p == ' ')
			p++;
		for (e = p; *e != '\0' && *e != ' '; e++)
			;
		if (e > p)
			fn(a, p, (size_t)(e - p), arg);
	}
}

/*
 * A query parameter (a string on the wire: no further type known), with
 * description arg when not NULL; nothing when a has it already.
 */
static int
query_param(struct json_object *a, const char *name, size_t len, void *arg)
{
	struct json_object	*p, *s;
	size_t			 i;

	for (i = 0; i < json_object_array_length(a); i++) {
		json_object_object_get_ex(json_object_array_get_idx(a, i),
		    "name", &s);
		if (strlen(json_object_get_string(s)) == len &&
		    strncmp(json_object_get_string(s), name, len) == 0)
			return 0;
	}
	p = json_object_new_object();
	json_object_object_add(p, "name", json_object_new_string_len(name,
	    (int)len));
	json_object_object_add(p, "in", J_STR("query"));
	if (arg != NULL)
		json_object_object_add(p, "description", J_STR(arg));
	s = json_object_new_object();
	json_object_object_add(s, "type", J_STR("string"));
	json_object_object_add(p, "schema", s);
	json_object_array_add(a, p);
	return 0;
}

/*
 * A body member by name only (the route declares no type for it), unless
 * its typed table has it.
 */
static int
body_member(struct json_object *props, const char *name, size_t len,
    void *arg)
{
	char	buf[128];

	(void)arg;
	if (len >= sizeof(buf))
		return 0;
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (!json_object_object_get_ex(props, buf, NULL))
		json_object_object_add(props, buf, json_object_new_object());
	return 0;
}

/* The query parameters of a typed query table. */
static void
typed_query(struct json_object *a, const struct jtable *t)
{
	struct json_object	*p;
	size_t			 i;

	for (i = 0; i < t->n; i++) {
		p = json_object_new_object();
		json_object_object_add(p, "name", J_STR(t->f[i].name));
		json_object_object_add(p, "in", J_STR("query"));
		if (t->f[i].doc != NULL)
			json_object_object_add(p, "description",
			    J_STR(t->f[i].doc));
		if (t->f[i].required)
			json_object_object_add(p, "required",
			    json_object_new_boolean(1));
		json_object_object_add(p, "schema", oa_field_schema(&t->f[i]));
		json_object_array_add(a, p);
	}
}

static struct json_object *
parameters(const struct route *r, const struct api_route *ar)
{
	struct json_object	*a, *p, *s;
	const char		*x, *e;
	char			 name[64];

	a = json_object_new_array();
	for (x = strchr(r->pattern, ':'); x != NULL; x = strchr(e, ':')) {
		for (e = x + 1; *e != '\0' && *e != '/'; e++)
			;
		snprintf(name, sizeof(name), "%.*s", (int)(e - x - 1), x + 1);
		p = json_object_new_object();
		json_object_object_add(p, "name", J_STR(name));
		json_object_object_add(p, "in", J_STR("path"));
		json_object_object_add(p, "required",
		    json_object_new_boolean(1));
		s = json_object_new_object();
		if (ar->in != NULL && ar->in->path_id != NULL &&
		    strcmp(ar->in->path_id, name) == 0) {
			/* CONVENTIONS §6, else 400 INVALID_ID */
			json_object_object_add(p, "description",
			    J_STR("an id: 1-19 digits, 1 to 2^63-1"));
			json_object_object_add(s, "type", J_STR("integer"));
			json_object_object_add(s, "format", J_STR("int64"));
			json_object_object_add(s, "minimum",
			    json_object_new_int64(1));
			json_object_object_add(s, "maximum",
			    json_object_new_int64(INT64_MAX));
		} else
			json_object_object_add(s, "type", J_STR("string"));
		json_object_object_add(p, "schema", s);
		json_object_array_add(a, p);
	}
	if (ar->in != NULL)
		typed_query(a, &ar->in->query);
	add_names(a, ar->query, query_param, NULL);
	if ((x = gate_query(ar)) != NULL)
		query_param(a, x, strlen(x), (void *)(uintptr_t)"ApiUser: "
		    "names the acting organization (integrators.md §4.2)");
	if (json_object_array_length(a) == 0) {
		json_object_put(a);
		return NULL;
	}
	return a;
}

/*
 * The request body of a JSON route: an object (the pipeline refuses any
 * other top-level value, CONVENTIONS §1) whose members are those of the
 * route's typed body table, then any other it declares by name only;
 * unknown members are ignored, so additionalProperties stays open.
 */
static struct json_object *
json_body_schema(const struct api_route *ar)
{
	struct json_object	*s, *props, *m;
	const char		*x;

	if (ar->in != NULL && ar->in->body.n > 0) {
		s = oa_table_schema(&ar->in->body);
		if (ar->in->doc != NULL)
			json_object_object_add(s, "description",
			    J_STR(ar->in->doc));
	} else {
		s = json_object_new_object();
		json_object_object_add(s, "type", J_STR("object"));
	}
	if (!json_object_object_get_ex(s, "properties", &props)) {
		props = json_object_new_object();
		json_object_object_add(s, "properties", props);
	}
	add_names(props, ar->fields, body_member, NULL);
	if ((x = gate_body(ar)) != NULL &&
	    !json_object_object_get_ex(props, x, NULL)) {
		m = json_object_new_object();
		json_object_object_add(m, "description", J_STR("ApiUser: "
		    "names the acting organization (integrators.md §4.2)"));
		json_object_object_add(props, x, m);
	}
	if (json_object_object_length(props) == 0)
		json_object_object_del(s, "properties");
	return s;
}

static struct json_object *
request_body(const struct api_route *ar)
{
	struct json_object	*rb, *content, *mt, *s;
	const char		*type = "application/json";

	switch (ar->body) {
	case BODY_JSON:
	case BODY_OPTIONAL:
		s = json_body_schema(ar);
		break;
	case BODY_RAW:
		type = ar->raw_type;
		s = json_object_new_object();
		if (strcmp(type, "text/csv") == 0)
			json_object_object_add(s, "type", J_STR("string"));
		else if (strcmp(type, "multipart/form-data") == 0)
			json_object_object_add(s, "type", J_STR("object"));
		break;
	default:
		return NULL;
	}
	rb = json_object_new_object();
	json_object_object_add(rb, "required",
	    json_object_new_boolean(ar->body != BODY_OPTIONAL));
	content = json_object_new_object();
	mt = json_object_new_object();
	json_object_object_add(mt, "schema", s);
	json_object_object_add(content, type, mt);
	json_object_object_add(rb, "content", content);
	return rb;
}

static const char *
status_text(int status)
{
	switch (status) {
	case 200: return "OK";
	case 201: return "Created";
	case 202: return "Accepted";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return "Error";
	}
}

/*
 * The error responses: one per status, its codes in x-error-codes; a
 * status with a single code refers to shared's response of that code
 * (components/responses), made on first use.
 */
static void
error_responses(struct json_object *resp, const struct codes *c,
    struct json_object *shared, FILE *err, const struct route *r,
    int *problems)
{
	struct json_object	*o, *content, *mt, *ref, *list;
	char			 key[8], desc[1024];
	int			 st[MAX_CODES], i, s, len, one;

	int			 nlen[MAX_CODES];
	const char		*at;
	char			 name[128];

	for (i = 0; i < c->n; i++) {
		at = strchr(c->code[i], '@');
		nlen[i] = at != NULL ? (int)(at - c->code[i]) :
		    (int)strlen(c->code[i]);
		snprintf(name, sizeof(name), "%.*s", nlen[i], c->code[i]);
		st[i] = api_openapi_code_status(name);
		if (st[i] != 0 && at != NULL)
			st[i] = (int)strtol(at + 1, NULL, 10);
		if (st[i] < 400 || st[i] > 599) {
			fprintf(err, "openapi: %s %s: unknown error code %s "
			    "(src/api/openapi_codes.c)\n", r->method,
			    r->pattern, c->code[i]);
			(*problems)++;
			st[i] = 0;
		}
	}
	for (s = 400; s < 600; s++) {
		list = NULL;
		len = snprintf(desc, sizeof(desc), "%s:", status_text(s));
		for (i = 0, one = -1; i < c->n; i++) {
			if (st[i] != s)
				continue;
			one = one == -1 ? i : -2;
			if (list == NULL)
				list = json_object_new_array();
			json_object_array_add(list, json_object_new_string_len(
			    c->code[i], nlen[i]));
			if (len > 0 && (size_t)len < sizeof(desc))
				len += snprintf(desc + len, sizeof(desc) - len,
				    "%s `%.*s`", json_object_array_length(list) >
				    1 ? "," : "", nlen[i], c->code[i]);
		}
		if (list == NULL)
			continue;
		snprintf(key, sizeof(key), "%d", s);
		/* its usual status: shareable */
		if (one >= 0 && strchr(c->code[one], '@') == NULL) {
			const char *code = json_object_get_string(
			    json_object_array_get_idx(list, 0));
			char ref_text[128];

			snprintf(ref_text, sizeof(ref_text),
			    "#/components/responses/%s", code);
			o = json_object_new_object();
			json_object_object_add(o, "$ref", J_STR(ref_text));
			json_object_object_add(resp, key, o);
			if (json_object_object_get_ex(shared, code, NULL)) {
				json_object_put(list);
				continue;
			}
			o = json_object_new_object();
			json_object_object_add(shared, code, o);
		} else {
			o = json_object_new_object();
			json_object_object_add(resp, key, o);
		}
		json_object_object_add(o, "description", J_STR(desc));
		content = json_object_new_object();
		mt = json_object_new_object();
		ref = json_object_new_object();
		json_object_object_add(ref, "$ref",
		    J_STR("#/components/schemas/Error"));
		json_object_object_add(mt, "schema", ref);
		json_object_object_add(content, "application/json", mt);
		json_object_object_add(o, "content", content);
		json_object_object_add(o, "x-error-codes", list);
	}
}

static struct json_object *
responses(const struct route *r, const struct route_doc *d,
    const struct api_route *alt, struct json_object *shared, FILE *err,
    int *problems)
{
	const struct api_route	*ar = r->data;
	struct json_object	*resp, *o, *content;
	struct codes		 c = { .n = 0 };
	char			 key[8], store[2048];

	resp = json_object_new_object();
	o = json_object_new_object();
	json_object_object_add(o, "description", J_STR(status_text(
	    d->status)));
	content = json_object_new_object();
	json_object_object_add(content, d->media != NULL ? d->media :
	    "application/json", json_object_new_object());
	json_object_object_add(o, "content", content);
	snprintf(key, sizeof(key), "%d", d->status);
	json_object_object_add(resp, key, o);

	pipeline_codes(ar, alt, &c);
	codes_add_list(&c, d->errors, store, sizeof(store));
	if (d->errors != NULL && strlen(d->errors) >= sizeof(store)) {
		fprintf(err, "openapi: %s %s: error list too long\n",
		    r->method, r->pattern);
		(*problems)++;
	}
	error_responses(resp, &c, shared, err, r, problems);
	return resp;
}

/* x-roles: the role names of the route's bits (ApiUser by x-apiuser). */
static struct json_object *
roles(const struct api_route *ar)
{
	struct json_object	*a = json_object_new_array();
	size_t			 i;

	for (i = 0; i < sizeof(role_name) / sizeof(role_name[0]); i++)
		if (ar->roles & (1u << i))
			json_object_array_add(a, J_STR(role_name[i]));
	if (apiuser_ok(ar) && !(ar->roles & ROLE_APIUSER))
		json_object_array_add(a, J_STR("ApiUser"));
	return a;
}

/* x-apiuser: whether and how an ApiUser may call the route (§4.3). */
static struct json_object *
apiuser(const struct api_route *ar)
{
	struct json_object	*o, *a;
	int			 i;

	o = json_object_new_object();
	json_object_object_add(o, "allowed",
	    json_object_new_boolean(apiuser_ok(ar)));
	if (!apiuser_ok(ar))
		return o;
	a = json_object_new_array();
	if (!(ar->api & API_OWN))
		for (i = 0; dom_scope_name(i) != NULL; i++)
			if (ar->api & (1u << i))
				json_object_array_add(a,
				    J_STR(dom_scope_name(i)));
	json_object_object_add(o, "scopes", a);
	if (ar->act != ACT_NONE && act_text[ar->act] != NULL)
		json_object_object_add(o, "actingOrganization",
		    J_STR(act_text[ar->act]));
	return o;
}

/*
 * The other descriptor of a two-form route (api_route_pick, accounts.md
 * §4.2 with clients.md §4.1: a path parameter holding '@'), or NULL.
 */
static const struct api_route *
alternative(const struct route *r)
{
	struct route_match	 m;
	const struct api_route	*alt;
	const char		*x;
	static char		 names[ROUTE_MAX_PARAMS][64];

	memset(&m, 0, sizeof(m));
	m.route = r;
	m.pattern = r->pattern;
	for (x = strchr(r->pattern, ':'); x != NULL && m.nparams <
	    ROUTE_MAX_PARAMS; x = strchr(x + 1, ':')) {
		snprintf(names[m.nparams], sizeof(names[0]), "%.*s",
		    (int)strcspn(x + 1, "/"), x + 1);
		m.param_name[m.nparams] = names[m.nparams];
		m.param[m.nparams++] = "user@example.com";
	}
	alt = api_route_pick(&m);
	return alt != r->data ? alt : NULL;
}

struct json_object *
oa_operation(const struct route *r, const struct route_doc *d,
    const char *id, struct json_object *shared, FILE *err, int *problems)
{
	const struct api_route	*ar = r->data, *alt = alternative(r);
	struct json_object	*op, *a, *o, *x;
	char			 desc[512];

	op = json_object_new_object();
	a = json_object_new_array();
	json_object_array_add(a, J_STR(d->tag));
	json_object_object_add(op, "tags", a);
	json_object_object_add(op, "summary", J_STR(d->summary));
	snprintf(desc, sizeof(desc), "Specification: %s.%s", d->spec,
	    alt != NULL ? "  With an e-mail address in the path the route "
	    "needs a session (x-alternative)." : "");
	json_object_object_add(op, "description", J_STR(desc));
	json_object_object_add(op, "operationId", J_STR(id));
	if ((x = parameters(r, ar)) != NULL)
		json_object_object_add(op, "parameters", x);
	if ((x = request_body(ar)) != NULL)
		json_object_object_add(op, "requestBody", x);
	json_object_object_add(op, "responses", responses(r, d, alt, shared,
	    err, problems));
	/* [] public; [{}, bearer] public with an authenticated form */
	a = json_object_new_array();
	if (ar->roles == 0 && alt != NULL && alt->roles != 0)
		json_object_array_add(a, json_object_new_object());
	if (ar->roles != 0 || (alt != NULL && alt->roles != 0)) {
		o = json_object_new_object();
		json_object_object_add(o, "bearerAuth",
		    json_object_new_array());
		json_object_array_add(a, o);
	}
	json_object_object_add(op, "security", a);
	json_object_object_add(op, "x-roles", roles(ar));
	json_object_object_add(op, "x-apiuser", apiuser(ar));
	if (alt != NULL) {
		o = json_object_new_object();
		json_object_object_add(o, "when", J_STR("a path parameter "
		    "holds an e-mail address ('@')"));
		json_object_object_add(o, "x-roles", roles(alt));
		json_object_object_add(o, "x-apiuser", apiuser(alt));
		json_object_object_add(op, "x-alternative", o);
	}
	return op;
}

void
oa_unique_ids(struct json_object *paths, FILE *err, int *problems)
{
	struct json_object	*seen = json_object_new_object(), *id;

	json_object_object_foreach(paths, path, item) {
		json_object_object_foreach(item, method, op) {
			json_object_object_get_ex(op, "operationId", &id);
			if (json_object_object_get_ex(seen,
			    json_object_get_string(id), NULL)) {
				fprintf(err, "openapi: operationId %s of %s %s "
				    "is taken\n", json_object_get_string(id),
				    method, path);
				(*problems)++;
			}
			json_object_object_add(seen,
			    json_object_get_string(id), NULL);
		}
	}
	json_object_put(seen);
}
