/*
 * One Operation Object of docs/openapi.json (openapi_ops.h): parameters,
 * request body, security and roles from the route's struct api_route,
 * responses from its description and flags.
 */
#include <stdint.h>
#include <string.h>

#include "domain/scopes.h"
#include "api/api.h"
#include "api/openapi.h"
#include "api/openapi_ops.h"

#define J_STR(s)	json_object_new_string(s)

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

int
api_oa_apiuser_ok(const struct api_route *ar)
{
	return (ar->roles & ROLE_APIUSER) != 0 || ar->api != 0;
}

const char *
api_oa_gate_query(const struct api_route *ar)
{
	if (!api_oa_apiuser_ok(ar))
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

const char *
api_oa_gate_body(const struct api_route *ar)
{
	if (!api_oa_apiuser_ok(ar))
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
		json_object_object_add(p, "schema", api_oa_field_schema(&t->f[i]));
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
	if ((x = api_oa_gate_query(ar)) != NULL)
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
		s = api_oa_table_schema(&ar->in->body);
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
	if ((x = api_oa_gate_body(ar)) != NULL &&
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
		if (ar->in != NULL && ar->in->array.type == JT_ARRAY) {
			s = api_oa_field_schema(&ar->in->array);
			break;
		}
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

/* x-roles: the role names of the route's bits (ApiUser by x-apiuser). */
static struct json_object *
roles(const struct api_route *ar)
{
	struct json_object	*a = json_object_new_array();
	size_t			 i;

	for (i = 0; i < sizeof(role_name) / sizeof(role_name[0]); i++)
		if (ar->roles & (1u << i))
			json_object_array_add(a, J_STR(role_name[i]));
	if (api_oa_apiuser_ok(ar) && !(ar->roles & ROLE_APIUSER))
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
	    json_object_new_boolean(api_oa_apiuser_ok(ar)));
	if (!api_oa_apiuser_ok(ar))
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
api_oa_operation(const struct route *r, const struct route_doc *d,
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
	json_object_object_add(op, "responses", api_oa_responses(r, d, alt, shared,
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
api_oa_unique_ids(struct json_object *paths, FILE *err, int *problems)
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
