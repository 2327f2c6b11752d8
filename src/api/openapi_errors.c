/*
 * The responses of one operation of docs/openapi.json (openapi_ops.h):
 * the success status of its description, and one response per error
 * status listing its codes — the pipeline's, derived from the route's
 * flags (CONVENTIONS §1-2), then the route's own.
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
		if ((ar->roles & ROLES_ANY) != ROLES_ANY || !api_oa_apiuser_ok(ar))
			codes_add(c, "FORBIDDEN");
		if (api_oa_apiuser_ok(ar) && !(ar->api & API_OWN) && scopes != 0) {
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
	    api_oa_gate_query(ar) != NULL)
		codes_add(c, "INVALID_QUERY");
	if (in != NULL && in->body.n > 0 && in->code != E_NONE)
		codes_add(c, ecode_code(in->code));
	if ((ar->body == BODY_JSON || ar->body == BODY_OPTIONAL) &&
	    (in == NULL || in->code == E_NONE || ar->fields != NULL))
		codes_add(c, "INVALID_FIELD");
	if (api_oa_apiuser_ok(ar) && ar->act != ACT_NONE) {
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
		if (st[i] != 0 && at != NULL) {
			st[i] = (int)strtol(at + 1, NULL, 10);
			if (!api_openapi_code_at(name, st[i]))
				st[i] = 0;
		}
		if (st[i] < 400 || st[i] > 599) {
			fprintf(err, "openapi: %s %s: unknown error code %s "
			    "(src/core/ecode.def)\n", r->method,
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

struct json_object *
api_oa_responses(const struct route *r, const struct route_doc *d,
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
