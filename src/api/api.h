/*
 * The API layer: route table, the request pipeline of CONVENTIONS §1 and
 * one handler file per resource.  Handlers get a struct api_call with the
 * request already routed, authenticated, role-checked and (for body routes)
 * parsed into a JSON object; they answer with api_json, errors with
 * api_fail and a row of the catalogue (core/ecode.h, docs/errors.md).
 */
#ifndef API_API_H
#define API_API_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "core/config.h"
#include "core/ecode.h"
#include "core/err.h"
#include "core/jsonw.h"
#include "core/strbuf.h"
#include "domain/roles.h"
#include "db/db.h"
#include "account/account.h"
#include "http/jsonin.h"
#include "http/query.h"
#include "http/request.h"
#include "http/router.h"
#include "issuer/issuer.h"

/* Per-worker state shared by its threads. */
struct api_ctx {
	const struct config	*cfg;
	struct db_pool		*pool;
	struct issuer_key	 issuer;	/* loaded at worker start */
};

/* BODY_OPTIONAL: an empty body is allowed (c->body NULL), else as JSON. */
/* BODY_RAW: read (limit applies), never parsed; the handler checks it. */
enum api_body { BODY_NONE, BODY_JSON, BODY_IGNORED, BODY_OPTIONAL, BODY_RAW };

/*
 * How an ApiUser finds its acting organization (integrators.md §4.2)
 * before the handler runs; the call then runs as that organization's top
 * role.
 */
enum api_act {
	ACT_NONE,
	ACT_DEV_BODY,		/* body organizationId, Developer, required */
	ACT_DEV_BODY_Q,		/* the same, query organizationId an alias */
	ACT_DEV_UNION,		/* query organizationId, else the union */
	ACT_DEV_OBJECT,		/* query organizationId, else the device's owner */
	ACT_DEV_QUERY,		/* query organizationId, Developer, required */
	ACT_BUY_BODY,		/* body organizationId (?orgId=), Buyer, required */
	ACT_BUY_UNION,		/* query organizationId, else the Buyer union */
	ACT_RES_OBJECT,		/* the reservation's buyer organization */
	ACT_CERT_OBJECT,	/* the certificate's buyer organization */
	ACT_QUERY_ANY,		/* query organizationId (either type), required */
	ACT_CATALOGUE,		/* no organization: as a Buyer */
};
/* api_route.api: an ApiUser may use the route without a scope. */
#define API_OWN		0x100u

struct api_call;
typedef void	(*api_handler_fn)(struct api_call *);

/* Nesting of a JSON request body (CONVENTIONS §1). */
#define JSON_MAX_DEPTH	32

/*
 * A route's input (docs/hacking.md): the typed struct the pipeline
 * decodes into before the handler runs, in the check order of CONVENTIONS
 * §1: path id (400 INVALID_ID), query (400 INVALID_QUERY), body fields
 * (400 code, INVALID_FIELD by default), all errors of a step at once.
 * The handler reads c->in and never json-c.  The tables also declare what
 * the route reads (the hostile stage, the body fuzzer, OpenAPI).
 */
struct api_input {
	size_t		 size;		/* sizeof the typed input struct */
	const char	*path_id;	/* a path parameter checked as an id
					 * (api_path_id), into c->path_id */
	/* The path parameters' own check (NULL: none): 0, or answered 400
	 * and -1; after path_id. */
	int		(*path)(struct api_call *);
	struct jtable	 query;		/* query parameters (text values) */
	struct jtable	 body;		/* top-level body members */
	/*
	 * A body that is one JSON array instead (a BODY_RAW route whose
	 * raw_type is application/json; .type JT_ARRAY, else unused): the
	 * bytes are parsed as the pipeline's (depth JSON_MAX_DEPTH, strict
	 * keys and UTF-8) with a top-level array, answering msg_json as
	 * 400 INVALID_JSON when they are not one; then decoded as this
	 * field (http_json_decode_value), its errors named array.name.
	 */
	struct jfield	 array;
	const char	*msg_json;
	enum ecode	 code;		/* field errors; E_NONE: E_INVALID_FIELD */
	/*
	 * Checks across fields after the body table (NULL: none): adds to
	 * fe, which is answered with code when not empty.  May answer
	 * itself and return -1 (no other answer follows); else 0.
	 */
	int		(*check)(struct api_call *, void *in,
			    struct field_errors *fe);
	const char	*doc;		/* one-line summary of the body */
};

/* What a route needs; the router's struct route.data points at one. */
struct api_route {
	api_handler_fn	 fn;
	unsigned	 roles;		/* 0: public, no authentication */
	enum api_body	 body;
	int		 no_db;		/* 1: never touches the database */
	size_t		 body_limit;	/* 0: config body_limit */
	int		 test_only;	/* 404 in the production profile */
	int		 big_body;	/* body_limit_reads applies */
	unsigned	 api;		/* ApiUser: SCOPE_* bits, API_OWN, 0 no */
	enum api_act	 act;		/* ApiUser: acting organization */
	int		 pw_session;	/* 1: a client session gets 403 */
	const char	*raw_type;	/* BODY_RAW: required media type */
	unsigned	 restricted_ok;	/* ACCT_* of accounts.md §2.2 */
	const char	*log_name;	/* drecd's log: NULL, the route's pattern */
	const char	*query;		/* query parameters read, space-separated */
	const char	*fields;	/* top-level body members read, likewise */
	/* The decoded input (NULL: the handler reads the request itself);
	 * its tables' names are declared as if in .query and .fields. */
	const struct api_input *in;
};
#define ACCT_PENDING_OK		1	/* a Pending user may call it */
#define ACCT_UNCONFIRMED_OK	2	/* an unconfirmed user may call it */

struct api_call {
	struct http_req		*req;
	struct api_ctx		*ctx;
	struct arena		*a;
	const struct api_route	*route;
	struct route_match	 m;
	struct db_conn		*db;	/* borrowed for the request, or NULL */
	int64_t			 now;	/* effective now (CONVENTIONS §11) */
	int			 authed;
	struct db_user		 user;	/* the caller, when authed */
	unsigned		 role_bit;
	char			 jti[33];
	struct json_object	*body;	/* BODY_JSON routes: the object */
	const char		*raw_body;	/* its bytes (BODY_RAW too) */
	size_t			 raw_len;
	struct query		 query;
	int64_t			 cred_id;	/* client session: its credential */
	struct db_apiuser	 au;		/* ApiUser callers: their row */
	const char		*undeclared;	/* a body member not in .fields */
	void			*in;	/* route->in: the decoded input (arena) */
	const char		*body_names;	/* api_route_body_names, lazily */
	/* api_error_details: the next error's details */
	void			(*details_fn)(struct jw *, const void *);
	const void		*details_arg;
	const char		*at_field;	/* api_error_at */
	int			 at_index;
	int64_t			 path_id;	/* route->in->path_id's value */
};

/* The bounds of a request body's JSON (dispatch.c). */
void	 api_json_bounds(const struct config *, struct jsonscan *);
/*
 * Decodes c->route->in into a new arena struct c->in (path id, query,
 * body, check hook).  0, or answered 400 and -1.  The pipeline calls it
 * before the handler; the body fuzzer too.
 */
int	 api_input_decode(struct api_call *);
/*
 * The names route r reads, space-separated (arena string): its .in
 * tables' names plus .query (query) or .fields (body).  The hostile stage
 * and the undeclared-read log use these.
 */
const char *api_route_query_names(struct arena *, const struct api_route *);
const char *api_route_body_names(struct arena *, const struct api_route *);
/* Pipeline entry point (http_handler_fn); tctx is the struct api_ctx. */
void	 api_handle(struct http_req *, void *tctx);
/* The route table (routes.c). */
const struct route *api_routes(size_t *n);
/* The route's descriptor, after the two-form choice of accounts.md §4.2. */
const struct api_route *api_route_pick(const struct route_match *);

/* ---- responses (dispatch.c) ---- */

/* Sends sb's JSON text with status. */
void	 api_json(struct api_call *, int status, const struct strbuf *);
/*
 * Errors (CONVENTIONS §2, docs/errors.md): e is a row of the catalogue
 * (core/ecode.h), which gives the status and the code.
 */
/* The envelope of e with e's default message. */
void	 api_fail(struct api_call *, enum ecode e);
/* The envelope of e with the message fmt. */
void	 api_failf(struct api_call *, enum ecode e, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* e (INVALID_FIELD, INVALID_QUERY) with the message array and
 * details.fields of fe. */
void	 api_fail_fields(struct api_call *, enum ecode e,
	    const struct field_errors *fe);
/*
 * For a body with details: opens e's envelope in w (statusCode, error,
 * success, code); the caller adds "message" and "details", closes it and
 * sends it with api_fail_send.
 */
void	 api_envelope(struct jw *w, enum ecode e);
/* Sends the envelope text sb with e's status. */
void	 api_fail_send(struct api_call *, enum ecode e, const struct strbuf *sb);
/*
 * Gives the next api_fail/api_failf on c a "details" object: fn writes its members
 * (keys and values, with arg) after "message".  Used once, then cleared.
 */
void	 api_error_details(struct api_call *,
	    void (*fn)(struct jw *, const void *arg), const void *arg);
/* The details {"field": field[, "index": index when >= 0]} likewise. */
void	 api_error_at(struct api_call *, const char *field, int index);
/*
 * The Idempotency-Key header (meter-reads.md §1.10): *key NULL when
 * absent; 0, or answered 400 INVALID_IDEMPOTENCY_KEY and -1.
 */
int	 api_idem_key(struct api_call *, const char **key);
/* {"success": true, "message": message} with status. */
void	 api_success(struct api_call *, int status, const char *message);
/* 503 DB_UNAVAILABLE / 500 INTERNAL_ERROR for a failed db call. */
void	 api_db_error(struct api_call *, enum err);
/* Path parameter by name (decoded), or NULL. */
const char *api_param(const struct api_call *, const char *name);
/*
 * Parses a path id per CONVENTIONS §6 (1-19 digits, 1..2^63-1); answers
 * 400 INVALID_ID and returns -1 when malformed.
 */
int	 api_path_id(struct api_call *, const char *name, int64_t *id);
/*
 * The organization an Admin acts for (CONVENTIONS §4): 0 when organization
 * id exists and has type; else answers 404 ORGANIZATION_NOT_FOUND or e
 * (E_ORGANIZATION_NOT_BUYER, ...) and returns -1.
 */
int	 api_org_of_type(struct api_call *, int64_t id, const char *type,
	    enum ecode e);
/* 1 when s is a UUID (8-4-4-4-12 hex, any case), lower-cased in place. */
int	 api_uuid_text(char *s);
/* The id rule of api_path_id for any text: 0 and *id set, or -1. */
int	 api_id_text(const char *s, int64_t *id);
/*
 * Paging (users.md §1): pageNumber|pagenumber (integer >= 1, default 1)
 * and, when maxlimit > 0, limit (1..maxlimit, default deflimit).  Problems
 * are added to fe (the caller answers INVALID_QUERY with all of them).
 * *page is at most INT64_MAX / *limit, so (*page - 1) * *limit fits.
 */
void	 api_paging(struct api_call *, int64_t deflimit, int64_t maxlimit,
	    int64_t *page, int64_t *limit, struct field_errors *fe);
/*
 * The paging parameters of a declared query table (API_QPAGE, API_QLIMIT
 * into a struct api_pageq member) and api_paging over their values, for
 * a route's check (struct api_input).
 */
struct api_pageq {
	struct jstr	page, page2, limit;	/* pageNumber pagenumber limit */
};
void	 api_paging_of(struct api_call *, const struct api_pageq *,
	    int64_t deflimit, int64_t maxlimit, int64_t *page, int64_t *limit,
	    struct field_errors *fe);
#define API_QPAGE(type, m)						\
	{ "pageNumber", JT_STRING, 0, offsetof(type, m.page), NULL,	\
	    .doc = "The page, an integer of 1 or more (default 1)" },	\
	{ "pagenumber", JT_STRING, 0, offsetof(type, m.page2), NULL,	\
	    .doc = "pageNumber under another spelling (the same value)" }
#define API_QLIMIT(type, m, text)					\
	{ "limit", JT_STRING, 0, offsetof(type, m.limit), NULL, .doc = (text) }
/*
 * The top-level member key of the request body (json_object_object_get_ex
 * semantics: 1 and *v, NULL for JSON null; 0 when absent).  A member the
 * route does not declare (.fields) is logged (and still read), and the
 * hostile stage fails on such a line in drecd.log: the declaration, which
 * it walks, stays complete.
 */
int	 api_body_get(struct api_call *, const char *key,
	    struct json_object **v);
/*
 * The pipeline's own look at a body member before the declared input is
 * decoded (the ApiUser gate): the token text of key when it is a JSON
 * integer; else NULL, with *other 1 when key holds another non-null value.
 */
const char *api_body_integer_text(struct api_call *, const char *key,
	    int *other);
/* A query parameter's value, treating an empty value as absent. */
const char *api_query(const struct api_call *, const char *name);
/*
 * Every value of a query parameter sent more than once, comma-joined
 * (arena; "" when sent empty), or NULL when it is not sent (JF_QUERY_ALL).
 */
const char *api_query_all(const struct api_call *, const char *name);
/*
 * api_query for an instant: an unencoded "+HH:MM" offset arrives as
 * " HH:MM" after form decoding and is read as "+HH:MM" again.
 */
const char *api_query_instant(const struct api_call *, const char *name);
/* The same for a decoded query value v (NULL stays NULL). */
const char *api_instant_text(struct arena *, const char *v);
/* Writes "currentPage", "totalPages", "totalCount" keys. */
void	 api_page_keys(struct jw *, int64_t page, int64_t limit, int64_t total);
/* Writes "totalItems", "currentPage", "totalPages" (pages of size). */
void	 api_items_page_keys(struct jw *, int64_t page, int64_t size,
	    int64_t total);

/* 1 when ct is application/json (charset utf-8 optional). */
int	 api_ct_json(const char *ct);
/* 1 when ct is type (any case; charset utf-8 optional). */
int	 api_ct_is(const char *ct, const char *type);

/*
 * accounts.md §2.2: a restricted session (Pending user, or unconfirmed
 * while email_confirmation_required) on a route that does not allow it
 * is answered 403 and -1; else 0.  Before the role step (dispatch.c).
 */
int	 api_restricted(struct api_call *);

/* ---- ApiUsers (apiuser_gate.c) ---- */

/*
 * The role step for an ApiUser (integrators.md §4.3): route allowed,
 * scopes; 0 to go on, else answered 403 and -1.
 */
int	 api_apiuser_gate(struct api_call *);
/* 403 API_USER_NOT_APPROVED / SCOPE_NOT_GRANTED unless a scope of
 * scopes is granted; 0 when one is. */
int	 api_apiuser_scope(struct api_call *, unsigned scopes);
/*
 * Resolves the acting organization of the route's act kind (§4.2) and
 * turns the call into one by that organization's top role; 0, or
 * answered and -1.
 */
int	 api_apiuser_act(struct api_call *);
/*
 * A named acting organization (§4.2 step 1): text s of field (answered
 * with code, INVALID_FIELD or INVALID_QUERY, when not an id); type NULL
 * takes Developer and Buyer.  0 and acting as it, or answered and -1.
 */
int	 api_apiuser_named(struct api_call *, const char *s, const char *field,
	    enum ecode code, const char *type);
/* Writes the user view, the ApiUser view when au is not NULL. */
void	 api_render_user_au(struct jw *, const struct db_user *,
	    const struct db_apiuser *);

/* ---- rendering (render.c) ---- */
/* A SCOPE_* mask as a JSON array of names in the spec's order. */
void	 api_render_scopes(struct jw *, unsigned mask);
void	 api_render_org(struct jw *, const struct db_org *);
/* The organization object's keys, inside an object the caller opened. */
void	 api_render_org_keys(struct jw *, const struct db_org *);
void	 api_render_user(struct jw *, const struct db_user *);
/* The claim record of a claimed certificate (certificates.md §9.7). */
void	 api_render_claim(struct jw *, const struct db_certificate *);
/* Responds with the user view of user id (re-read from the database). */
void	 api_reply_user(struct api_call *, int status, int64_t id);

/*
 * Runs fn(c, arg) as one transaction on c->db with db_tx_retry (bounded
 * deadlock / certification-failure retries): ERR_OK from fn commits,
 * anything else rolls back and is returned (arg says why).
 * (accounts_common.c)
 */
enum err api_acct_tx(struct api_call *, enum err (*fn)(struct api_call *, void *),
	    void *arg);



/* ---- handlers ---- */
void	 api_confirm_email(struct api_call *);
void	 api_resend_confirm_email(struct api_call *);
void	 api_forget_password(struct api_call *);
void	 api_reset_password(struct api_call *);
void	 api_reset_password_own(struct api_call *);
void	 api_test_outbox(struct api_call *);
void	 api_invitation_create(struct api_call *);
void	 api_invitation_list(struct api_call *);
void	 api_invitation_mine(struct api_call *);
void	 api_invitation_answer(struct api_call *);
void	 api_invitation_revoke(struct api_call *);
void	 api_org_get(struct api_call *);
void	 api_org_change_role(struct api_call *);
void	 api_org_remove_user(struct api_call *);
void	 api_admin_org_get(struct api_call *);
void	 api_admin_org_patch(struct api_call *);
void	 api_admin_org_delete(struct api_call *);
void	 api_admin_org_users(struct api_call *);
void	 api_admin_user_delete(struct api_call *);
void	 api_health(struct api_call *);
void	 api_health_live(struct api_call *);
void	 api_register(struct api_call *);
void	 api_login(struct api_call *);
void	 api_logout(struct api_call *);
void	 api_user_me(struct api_call *);
void	 api_user_password(struct api_call *);
void	 api_user_profile(struct api_call *);
void	 api_org_me(struct api_call *);
void	 api_org_users(struct api_call *);
void	 api_admin_users(struct api_call *);
void	 api_admin_orgs(struct api_call *);
void	 api_admin_user_status(struct api_call *);
void	 api_admin_user_create(struct api_call *);
void	 api_clock_get(struct api_call *);
void	 api_clock_put(struct api_call *);
void	 api_device_create(struct api_call *);
void	 api_device_my(struct api_call *);
void	 api_device_catalogue(struct api_call *);
void	 api_device_get(struct api_call *);
void	 api_device_patch(struct api_call *);
void	 api_device_delete(struct api_call *);
void	 api_codes_fuel(struct api_call *);
void	 api_codes_device_type(struct api_call *);
void	 api_codes_countries(struct api_call *);
void	 api_codes_sdg(struct api_call *);
void	 api_reads_post(struct api_call *);
void	 api_reads_post_admin(struct api_call *);
void	 api_reads_list(struct api_call *);
void	 api_reads_new(struct api_call *);
void	 api_reads_latest(struct api_call *);
void	 api_time_zones(struct api_call *);
/* reservations.md (reservation_*.c, reservations.c) */
void	 api_res_create(struct api_call *);
void	 api_res_my(struct api_call *);
void	 api_res_of_my_devices(struct api_call *);
void	 api_res_get(struct api_call *);
void	 api_res_patch(struct api_call *);
void	 api_res_end(struct api_call *);
void	 api_res_cancel(struct api_call *);
/* certificates.md §9 (issuer_routes.c, certificates.c, claims.c) */
void	 api_issuer_run(struct api_call *);
void	 api_issuer_public_key(struct api_call *);
void	 api_ledger(struct api_call *);
void	 api_cert_certified(struct api_call *);
void	 api_cert_by_reservation(struct api_call *);
void	 api_cert_of_devices(struct api_call *);
void	 api_cert_claim(struct api_call *);
/*
 * The issuer's current public key (issuer_routes.c): the worker's when it
 * has one, else the newest recorded.  Returns 1 with *key_id and *hex set
 * (borrowed from *keys, n of them), 0 when no key is recorded, -1 after
 * answering a database error.
 */
int	 api_issuer_current_key(struct api_call *, struct db_issuer_key **keys,
	    int *n, const char **key_id, const char **hex);

/*
 * The ROWs of reservation res_id (certificates.md §9.5), by certificate
 * id then device id, each passed to fn with arg; dev_org > 0 keeps that
 * organization's devices.  *rows counts them.  ERR_OK or a db error.
 */
enum err api_cert_res_rows(struct api_call *, int64_t res_id, int64_t dev_org,
	    void (*fn)(void *, const struct db_certificate *,
	    const struct db_cert_device *), void *arg, int *rows);

/* Paged user list {"users": [...], currentPage, ...} (orgs.c); f NULL:
 * the calling ApiUser's managed organizations' users. */
void	 api_users_page(struct api_call *, const struct db_user_filter *,
	    int64_t page, int64_t limit);
/* organizationName query filter v (users.md §4.9): LIKE-escaped, or
 * NULL (absent, or an error added to fe). */
const char *api_name_filter(struct api_call *, const struct jstr *v,
	    struct field_errors *);
/* The query value v of name among choices (any case) → canonical, or
 * NULL (absent, or an error added to fe). */
const char *api_choice_filter(struct api_call *, const char *name,
	    const struct jstr *v, const char *const *choices,
	    const char *allowed, struct field_errors *);
/* {"organizations": [...], paging keys}, or the error e (admin.c). */
void	 api_reply_orgs(struct api_call *, enum err e, const struct db_org *,
	    int n, int64_t page, int64_t limit, int64_t total);

/* Authenticates the bearer token (auth.c); 0 ok, else responded 401/503. */
int	 api_authenticate(struct api_call *);
/*
 * Creates a session of user u (a client session of credential cred_id
 * with JWT claim cid when cred_id != 0) valid ttl_s seconds and signs its
 * token (malloc'd; the caller wipes and frees it).  NULL after answering
 * an error.
 */
char	*api_token_issue(struct api_call *, const struct db_user *u,
	    int64_t cred_id, const char *cid, long ttl_s);

#endif
