/*
 * The request pipeline, in the check order of CONVENTIONS §1:
 * route (404) → method (405) → authentication (401) → role (403) →
 * content type (415) → length (413) → JSON (400 INVALID_JSON) → the
 * route's declared input (path id, query, body fields: input.c) →
 * handler (existence, state, write).
 * Also the response helpers shared by every handler.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "http/multipart.h"
#include "api/api.h"

#define CT_JSON "application/json; charset=utf-8"
#define HEAVY_BODY	(32 * 1024)	/* json-c: up to ~270 B a body byte */

/*
 * The bounds of a request body, checked by the pre-scan before json-c
 * builds its tree: json-c spends ~70 bytes on a number, ~800 on an object
 * and twice a string's length while reading it (16 MiB of [0,0,...] took
 * a worker from 25 MB to 630 MB).  The largest valid request is a
 * meter-read batch of B = meter_reads_max_batch reads, an object of three
 * values each: 4B + 3 values, B + 1 objects (40 003 and 10 001 for the
 * default 10 000).  5B values and 1.25B objects leave room for optional
 * fields and let a batch of up to 1.25B reads still get its own 400
 * TOO_MANY_READS (meter-reads.md vector 5: B + 1).  No text field of the
 * spec exceeds 2000 characters (24 000 bytes of JSON even as \u escapes):
 * 64 KiB a string.  docs/reliability.md has the memory figures.
 */
void
api_json_bounds(const struct config *cfg, struct jsonscan *b)
{
	size_t n = (size_t)cfg->meter_reads_max_batch;

	memset(b, 0, sizeof(*b));
	b->max_depth = JSON_MAX_DEPTH;
	b->max_values = n * 5 < 10000 ? 10000 : n * 5;
	b->max_objects = n * 5 / 4 < 2500 ? 2500 : n * 5 / 4;
	b->max_string = 64 * 1024;
}

void
api_json(struct api_call *c, int status, const struct strbuf *sb)
{
	http_respond(c->req, status, CT_JSON, sb->buf ? sb->buf : "",
	    sb->len);
}

/*
 * The one writer of CONVENTIONS §2's envelope: statusCode, error,
 * success, code, in that order; the caller adds message (and details).
 */
static void
envelope(struct jw *w, int status, const char *code)
{
	jw_obj_open(w);
	jw_key(w, "statusCode");
	jw_int(w, status);
	jw_key(w, "error");
	jw_str(w, err_http_reason(status));
	jw_key(w, "success");
	jw_bool(w, 0);
	jw_key(w, "code");
	jw_str(w, code);
}

/* The envelope with one message, sent. */
static void
message_send(struct api_call *c, int status, const char *code,
    const char *msg)
{
	struct strbuf	 sb;
	struct jw	 w;

	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	envelope(&w, status, code);
	jw_key(&w, "message");
	jw_str(&w, msg);
	if (c->details_fn != NULL) {
		jw_key(&w, "details");
		jw_obj_open(&w);
		c->details_fn(&w, c->details_arg);
		jw_obj_close(&w);
		c->details_fn = NULL;
	}
	jw_obj_close(&w);
	api_json(c, status, &sb);
}

void
api_error_details(struct api_call *c, void (*fn)(struct jw *, const void *),
    const void *arg)
{
	c->details_fn = fn;
	c->details_arg = arg;
}

static void
at_details(struct jw *w, const void *arg)
{
	const struct api_call *c = arg;

	if (c->at_field != NULL) {
		jw_key(w, "field");
		jw_str(w, c->at_field);
	}
	if (c->at_index >= 0) {
		jw_key(w, "index");
		jw_int(w, c->at_index);
	}
}

void
api_error_at(struct api_call *c, const char *field, int index)
{
	c->at_field = field;
	c->at_index = index;
	if (field != NULL || index >= 0)
		api_error_details(c, at_details, c);
}

/* The envelope with the message array and details.fields, sent. */
static void
fields_send(struct api_call *c, int status, const char *code,
    const struct field_errors *fe)
{
	struct strbuf	sb;
	struct jw	w;
	int		i;

	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	envelope(&w, status, code);
	jw_key(&w, "message");
	jw_arr_open(&w);
	for (i = 0; i < fe->n; i++)
		if (fe->message[i] != NULL)	/* one sentence may cover several */
			jw_str(&w, fe->message[i]);
	jw_arr_close(&w);
	jw_key(&w, "details");
	jw_obj_open(&w);
	jw_key(&w, "fields");
	jw_arr_open(&w);
	for (i = 0; i < fe->n; i++)
		jw_str(&w, fe->field[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	api_json(c, status, &sb);
}

void
api_envelope(struct jw *w, enum ecode e)
{
	envelope(w, ecode_status(e), ecode_code(e));
}

void
api_fail_send(struct api_call *c, enum ecode e, const struct strbuf *sb)
{
	api_json(c, ecode_status(e), sb);
}

void
api_fail(struct api_call *c, enum ecode e)
{
	message_send(c, ecode_status(e), ecode_code(e), ecode_message(e));
}

void
api_failf(struct api_call *c, enum ecode e, const char *fmt, ...)
{
	char	 msg[2048];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	message_send(c, ecode_status(e), ecode_code(e), msg);
}

void
api_fail_fields(struct api_call *c, enum ecode e,
    const struct field_errors *fe)
{
	fields_send(c, ecode_status(e), ecode_code(e), fe);
}

int
api_idem_key(struct api_call *c, const char **key)
{
	const char	*k = http_param(c->req, "HTTP_IDEMPOTENCY_KEY");
	struct strbuf	 sb;
	struct jw	 w;
	size_t		 i, n;

	*key = NULL;
	if (k == NULL)
		return 0;
	n = strlen(k);
	for (i = 0; i < n; i++)
		if ((unsigned char)k[i] < 0x21 || (unsigned char)k[i] > 0x7e)
			break;
	if (n >= 1 && n <= 128 && i == n) {
		*key = k;
		return 0;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_envelope(&w, E_INVALID_IDEMPOTENCY_KEY);
	jw_key(&w, "message");
	jw_str(&w, "Idempotency-Key must be 1-128 printable ASCII characters");
	jw_key(&w, "details");
	jw_obj_open(&w);
	jw_key(&w, "field");
	jw_str(&w, "Idempotency-Key");
	jw_obj_close(&w);
	jw_obj_close(&w);
	api_fail_send(c, E_INVALID_IDEMPOTENCY_KEY, &sb);
	return -1;
}

void
api_success(struct api_call *c, int status, const char *message)
{
	struct strbuf	sb;
	struct jw	w;

	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "success");
	jw_bool(&w, 1);
	jw_key(&w, "message");
	jw_str(&w, message);
	jw_obj_close(&w);
	api_json(c, status, &sb);
}

void
api_db_error(struct api_call *c, enum err e)
{
	if (e == ERR_UNAVAILABLE || e == ERR_DEADLOCK)
		api_fail(c, E_DB_UNAVAILABLE);
	else if (e == ERR_CRYPTO) {
		log_error(c->req->rid, "internal error: random bytes, a "
		    "password hash or a signature could not be made "
		    "(ERR_CRYPTO)");
		api_failf(c, E_INTERNAL_ERROR,
		    "Internal error; quote request id %s", c->req->rid);
	} else {
		log_error(c->req->rid, "internal error: %s", err_name(e));
		api_failf(c, E_INTERNAL_ERROR,
		    "Internal error; quote request id %s", c->req->rid);
	}
}

const char *
api_param(const struct api_call *c, const char *name)
{
	int i;

	for (i = 0; i < c->m.nparams; i++)
		if (strcmp(c->m.param_name[i], name) == 0)
			return c->m.param[i];
	return NULL;
}

int
api_id_text(const char *s, int64_t *id)
{
	size_t		 n;
	int64_t		 v;

	if (s != NULL && (n = strlen(s)) >= 1 && n <= 19 &&
	    strspn(s, "0123456789") == n &&
	    (n < 19 || strcmp(s, "9223372036854775807") <= 0)) {
		v = strtoll(s, NULL, 10);
		if (v >= 1) {
			*id = v;
			return 0;
		}
	}
	return -1;
}

int
api_org_of_type(struct api_call *c, int64_t id, const char *type,
    enum ecode not_type)
{
	struct db_org	o;
	enum err	e;

	if ((e = db_org_by_id(c->db, c->a, id, &o)) == ERR_NOTFOUND) {
		api_failf(c, E_ORGANIZATION_NOT_FOUND, "No organization %lld",
		    (long long)id);
		return -1;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	if (strcmp(o.type, type) != 0) {
		api_failf(c, not_type, "organizationId %lld is not a %s "
		    "organization (it is a %s organization)", (long long)id,
		    type, o.type);
		return -1;
	}
	return 0;
}

int
api_uuid_text(char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (s[i] != '-')
				return 0;
		} else if (strchr("0123456789abcdefABCDEF", s[i]) == NULL)
			return 0;
	}
	for (i = 0; i < 36; i++)
		if (s[i] >= 'A' && s[i] <= 'F')
			s[i] = (char)(s[i] - 'A' + 'a');
	return 1;
}

int
api_path_id(struct api_call *c, const char *name, int64_t *id)
{
	const char	*s = api_param(c, name);

	if (api_id_text(s, id) == 0)
		return 0;
	api_failf(c, E_INVALID_ID, "%s: \"%s\" is not a valid id; "
	    "use 1-19 digits with a value from 1 to 9223372036854775807",
	    name, s ? s : "");
	return -1;
}

/*
 * 1 when the route declares body member key (else noted, see api.h).  A
 * handler called without a route (the body fuzzer) sees every member.
 */
static int
body_declared(struct api_call *c, const char *key)
{
	if (c->route == NULL)
		return 1;
	if (c->body_names == NULL)
		c->body_names = api_route_body_names(c->a, c->route);
	if (http_query_word_in(c->body_names, key))
		return 1;
	if (c->undeclared == NULL)
		c->undeclared = key;
	return 0;
}

int
api_body_get(struct api_call *c, const char *key, struct json_object **v)
{
	*v = NULL;
	(void)body_declared(c, key);
	if (c->body == NULL)
		return 0;
	return json_object_object_get_ex(c->body, key, v);
}

const char *
api_body_integer_text(struct api_call *c, const char *key, int *other)
{
	struct json_object *v;

	*other = 0;
	if (c->body == NULL || !json_object_object_get_ex(c->body, key, &v) ||
	    v == NULL)
		return NULL;
	if (!json_object_is_type(v, json_type_int)) {
		*other = 1;
		return NULL;
	}
	return json_object_to_json_string(v);
}

const char *
api_query(const struct api_call *c, const char *name)
{
	const char	*v = http_query_get(&c->query, name);

	return (v == NULL || v[0] == '\0') ? NULL : v;
}

const char *
api_query_all(const struct api_call *c, const char *name)
{
	const struct query	*q = &c->query;
	size_t			 len = 1, n;
	char			*out, *p;
	int			 i;

	if (http_query_count(q, name) == 0)	/* also: is name declared? */
		return NULL;
	for (i = 0; i < q->n; i++)
		if (strcmp(q->name[i], name) == 0)
			len += strlen(q->value[i]) + 1;
	p = out = arena_alloc(c->a, len);
	for (i = 0; i < q->n; i++)
		if (strcmp(q->name[i], name) == 0) {
			if (p != out)
				*p++ = ',';
			n = strlen(q->value[i]);
			memcpy(p, q->value[i], n);
			p += n;
		}
	*p = '\0';
	return out;
}

const char *
api_query_instant(const struct api_call *c, const char *name)
{
	return api_instant_text(c->a, api_query(c, name));
}

const char *
api_instant_text(struct arena *a, const char *v)
{
	size_t		 n = v ? strlen(v) : 0;
	char		*t;

	if (n < 7 || v[n - 6] != ' ' || v[n - 3] != ':')
		return v;
	t = arena_strdup(a, v);
	t[n - 6] = '+';
	return t;
}

/* Parses a positive decimal integer of at most 18 digits; -1 if not. */
static int64_t
parse_posint(const char *s)
{
	size_t n = strlen(s);

	if (n < 1 || n > 18 || strspn(s, "0123456789") != n)
		return -1;
	return strtoll(s, NULL, 10);
}

void
api_paging(struct api_call *c, int64_t deflimit, int64_t maxlimit,
    int64_t *page, int64_t *limit, struct field_errors *fe)
{
	struct api_pageq	 q;
	const char		*v[3];
	struct jstr		*d[3] = { &q.page, &q.page2, &q.limit };
	int			 i;

	memset(&q, 0, sizeof(q));
	v[0] = api_query(c, "pageNumber");
	v[1] = api_query(c, "pagenumber");
	v[2] = maxlimit > 0 ? api_query(c, "limit") : NULL;
	for (i = 0; i < 3; i++)
		if (v[i] != NULL) {
			d[i]->present = 1;
			d[i]->v = v[i];
			d[i]->len = strlen(v[i]);
		}
	api_paging_of(c, &q, deflimit, maxlimit, page, limit, fe);
}

void
api_paging_of(struct api_call *c, const struct api_pageq *q,
    int64_t deflimit, int64_t maxlimit, int64_t *page, int64_t *limit,
    struct field_errors *fe)
{
	const char	*p1 = q->page.present ? q->page.v : NULL;
	const char	*p2 = q->page2.present ? q->page2.v : NULL;
	const char	*l = maxlimit > 0 && q->limit.present ? q->limit.v : NULL;
	const char	*p = p1 ? p1 : p2;

	*page = 1;
	*limit = deflimit;
	if (p1 != NULL && p2 != NULL && strcmp(p1, p2) != 0)
		http_field_error(c->a, fe, "pageNumber", "\"%s\" and pagenumber "
		    "\"%s\" differ; send one of them", p1, p2);
	else if (p != NULL && (*page = parse_posint(p)) < 1)
		http_field_error(c->a, fe, p1 ? "pageNumber" : "pagenumber",
		    "\"%.32s\" is not allowed; an integer of 1 or more", p);
	if (maxlimit > 0 && l != NULL && ((*limit = parse_posint(l)) < 1 ||
	    *limit > maxlimit))
		http_field_error(c->a, fe, "limit", "\"%.32s\" is not allowed; "
		    "an integer from 1 to %lld", l, (long long)maxlimit);
	if (*page < 1)
		*page = 1;
	if (*limit < 1)
		*limit = deflimit;
	/*
	 * The offset (page - 1) * limit must fit int64 (signed overflow is
	 * undefined behaviour; issue 13: pageNumber=100000000000000001 with
	 * limit=100 wrapped).  Any page past the last one is empty, so a page
	 * beyond INT64_MAX / limit is answered as that page.
	 */
	if (*page > INT64_MAX / *limit)
		*page = INT64_MAX / *limit;
}

void
api_page_keys(struct jw *w, int64_t page, int64_t limit, int64_t total)
{
	jw_key(w, "currentPage");
	jw_int(w, page);
	jw_key(w, "totalPages");
	jw_int(w, (total + limit - 1) / limit);
	jw_key(w, "totalCount");
	jw_int(w, total);
}

void
api_items_page_keys(struct jw *w, int64_t page, int64_t size, int64_t total)
{
	jw_key(w, "totalItems");
	jw_int(w, total);
	jw_key(w, "currentPage");
	jw_int(w, page);
	jw_key(w, "totalPages");
	jw_int(w, (total + size - 1) / size);
}


/*
 * Names of the roles in mask, for the 403 message, in the role table's
 * order (domain/roles.h; ApiUser is never named).  The role User is two
 * bits (its organization's type decides): both bits read "User", one
 * alone names the organization type, so that a User the route refuses
 * never reads "User" among the allowed roles (issue 13).
 */
static void
role_names(unsigned mask, char *out, size_t len)
{
	const struct dom_role	*r;
	const char		*name;
	unsigned		 left = mask, i;
	size_t			 n = 0;

	out[0] = '\0';
	for (i = 0; i < dom_nroles; i++) {
		r = &dom_roles[i];
		if ((left & r->bit) == 0 || r->label == NULL)
			continue;
		if ((r->bit & ROLES_USER) && (left & ROLES_USER) == ROLES_USER) {
			name = r->name;
			left &= ~ROLES_USER;
		} else {
			name = r->label;
			left &= ~r->bit;
		}
		n += (size_t)snprintf(out + n, n < len ? len - n : 0, "%s%s",
		    n ? ", " : "", name);
	}
}

int
api_ct_json(const char *ct)
{
	return api_ct_is(ct, "application/json");
}

int
api_ct_is(const char *ct, const char *type)
{
	const char	*semi, *p;
	size_t		 n;

	if (ct == NULL)
		return 0;
	while (*ct == ' ')
		ct++;
	semi = strchr(ct, ';');
	n = semi ? (size_t)(semi - ct) : strlen(ct);
	while (n > 0 && ct[n - 1] == ' ')
		n--;
	if (n != strlen(type) || strncasecmp(ct, type, n) != 0)
		return 0;
	if (semi == NULL)
		return 1;
	for (p = semi + 1; *p == ' '; p++)
		;
	if (*p == '\0')
		return 1;
	return strncasecmp(p, "charset=", 8) == 0 &&
	    (strcasecmp(p + 8, "utf-8") == 0 ||
	    strcasecmp(p + 8, "\"utf-8\"") == 0);
}

int
api_restricted(struct api_call *c)
{
	unsigned ok = c->route->restricted_ok;

	if (strcmp(c->user.status, "Pending") == 0 &&
	    (ok & ACCT_PENDING_OK) == 0) {
		api_fail(c, E_ACCOUNT_PENDING);
		return -1;
	}
	if (c->ctx->cfg->email_confirmation_required &&
	    c->user.email_confirmed_at == NULL &&
	    (ok & (ACCT_PENDING_OK | ACCT_UNCONFIRMED_OK)) == 0) {
		api_failf(c, E_EMAIL_NOT_CONFIRMED, "Confirm your e-mail "
		    "address first (the link mailed to %s; PUT "
		    "/api/user/resend-confirm-email sends a new one)",
		    c->user.email);
		return -1;
	}
	return 0;
}

/* Steps after routing: auth, role, body.  0 when the handler may run. */
static int
pipeline_checks(struct api_call *c)
{
	const struct api_route	*r = c->route;
	struct jsonscan		 bounds;
	char			 names[256], *buf;
	size_t			 len, limit;
	const char		*why;
	int			 rc;

	if (r->roles != 0) {
		if (api_authenticate(c) != 0)
			return -1;
		/* accounts.md §2.2 before the ApiUser role step */
		if (api_restricted(c) != 0)
			return -1;
		if (c->role_bit == ROLE_APIUSER) {
			if (api_apiuser_gate(c) != 0)
				return -1;
		} else if ((c->role_bit & r->roles) == 0) {
			role_names(r->roles, names, sizeof(names));
			api_failf(c, E_FORBIDDEN,
			    "Role %s may not use %s %s; allowed: %s",
			    c->user.role, c->req->method, c->m.route->pattern,
			    names);
			return -1;
		}
		if (r->pw_session && c->cred_id != 0) {
			api_failf(c, E_PASSWORD_SESSION_REQUIRED,
			    "%s %s needs a password session (POST /api/auth/"
			    "login); a client session may not use it",
			    c->req->method, c->m.route->pattern);
			return -1;
		}
	}
	if (r->body == BODY_RAW) {
		if (r->raw_type != NULL && (strncmp(r->raw_type, "multipart/",
		    10) == 0 ? http_multipart_boundary(c->req->content_type,
		    names) != 0 : !api_ct_is(c->req->content_type,
		    r->raw_type))) {
			api_failf(c, E_UNSUPPORTED_MEDIA_TYPE,
			    "Content-Type must be %s", r->raw_type);
			return -1;
		}
		limit = r->body_limit ? r->body_limit : r->big_body ?
		    c->ctx->cfg->bulk_max_bytes : c->ctx->cfg->body_limit;
		if (http_read_body(c->req, limit, &buf, &len) != 0) {
			api_failf(c, E_PAYLOAD_TOO_LARGE,
			    "The request body is larger than %zu bytes", limit);
			return -1;
		}
		c->raw_body = buf;
		c->raw_len = len;
	}
	if (r->body == BODY_JSON || r->body == BODY_OPTIONAL) {
		limit = r->body_limit ? r->body_limit : r->big_body ?
		    c->ctx->cfg->body_limit_reads : c->ctx->cfg->body_limit;
		if (r->body == BODY_JSON &&
		    !api_ct_json(c->req->content_type)) {
			api_fail(c, E_UNSUPPORTED_MEDIA_TYPE);
			return -1;
		}
		if ((rc = http_read_body(c->req, limit, &buf, &len)) != 0) {
			api_failf(c, E_PAYLOAD_TOO_LARGE,
			    "The request body is larger than %zu bytes", limit);
			return -1;
		}
		c->raw_body = buf;
		c->raw_len = len;
		if (r->body == BODY_OPTIONAL && len == 0)
			goto query;
		if (!api_ct_json(c->req->content_type)) {
			api_fail(c, E_UNSUPPORTED_MEDIA_TYPE);
			return -1;
		}
		api_json_bounds(c->ctx->cfg, &bounds);
		/* json-c's tree lives on the heap: give it back after. */
		if (len >= HEAVY_BODY)
			http_req_mark_heavy(c->req);
		if (http_json_parse_bounded(c->a, buf, len, &bounds, &c->body,
		    &why) != 0) {
			api_failf(c, E_INVALID_JSON,
			    "The request body is not one well-formed JSON object: %s",
			    why);
			return -1;
		}
	}
query:
	if (http_query_parse(c->a, c->req->query, &c->query) != 0) {
		api_failf(c, E_INVALID_QUERY,
		    "The query string is malformed (bad percent-encoding or "
		    "more than %d parameters)", QUERY_MAX_PARAMS);
		return -1;
	}
	c->query.declared = api_route_query_names(c->a, r);
	return 0;
}

void
api_handle(struct http_req *req, void *tctx)
{
	struct api_call		 c;
	const struct route	*routes;
	size_t			 n;
	enum err		 e;

	memset(&c, 0, sizeof(c));
	c.req = req;
	c.ctx = tctx;
	c.a = req->arena;
	routes = api_routes(&n);
	http_router_match(c.a, routes, n, req->method, req->path, &c.m);
	if (c.m.status == 405) {
		req->route = "(405)";
		http_add_header(req, "Allow", arena_strdup(c.a, c.m.allow));
		api_failf(&c, E_METHOD_NOT_ALLOWED,
		    "Method %s is not allowed on %s; allowed: %s", req->method,
		    c.m.pattern, c.m.allow);
		return;
	}
	if (c.m.status != 0 || c.m.route == NULL ||
	    (api_route_pick(&c.m)->test_only &&
	    c.ctx->cfg->profile == PROFILE_PRODUCTION)) {
		req->route = "(404)";
		api_failf(&c, E_ROUTE_NOT_FOUND, "No route for %s %s",
		    req->method, req->path);
		return;
	}
	c.route = api_route_pick(&c.m);
	req->route = c.route->log_name != NULL ? c.route->log_name :
	    c.m.route->pattern;
	c.now = time_now_ms();
	if (!c.route->no_db) {
		if ((c.db = db_pool_get(c.ctx->pool)) == NULL) {
			api_db_error(&c, ERR_UNAVAILABLE);
			return;
		}
		db_conn_set_rid(c.db, req->rid);
		if ((e = db_clock_now(c.db, c.ctx->cfg->profile, &c.now,
		    NULL)) != ERR_OK) {
			api_db_error(&c, e);
			goto out;
		}
	}
	if (pipeline_checks(&c) == 0 && (c.role_bit != ROLE_APIUSER ||
	    c.route->act == ACT_NONE || api_apiuser_act(&c) == 0) &&
	    api_input_decode(&c) == 0) {
		c.route->fn(&c);
		if (c.query.undeclared != NULL)
			log_error(req->rid, "%s %s read query parameter \"%s\", "
			    "which its entry in src/api/routes.c does not "
			    "declare (.query)",
			    req->method, c.m.route->pattern, c.query.undeclared);
		if (c.undeclared != NULL)
			log_error(req->rid, "%s %s read body member \"%s\", "
			    "which its entry in src/api/routes.c does not "
			    "declare (.fields)", req->method, c.m.route->pattern,
			    c.undeclared);
	}
out:
	if (c.db != NULL)
		db_pool_put(c.ctx->pool, c.db);
}
