/*
 * ApiUsers in the pipeline (integrators.md §4.2-4.3): the role step
 * (allowed route, granted scope) and the acting organization, after which
 * the call runs exactly as one by that organization's top role: the
 * caller's organization becomes O and its role bit O's managers' role;
 * the user (the actor recorded in the database) stays the ApiUser.
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "domain/scopes.h"
#include "api/api.h"
#include "api/devices.h"
#include "api/reservations.h"

int
api_apiuser_scope(struct api_call *c, unsigned scopes)
{
	int i;

	if (c->au.granted == 0) {
		api_failf(c, E_API_USER_NOT_APPROVED, "ApiUser %lld has "
		    "no approved scope; permission_status %s",
		    (long long)c->user.id, c->au.status);
		return -1;
	}
	if ((c->au.granted & scopes) != 0)
		return 0;
	for (i = 0; dom_scope_name(i) != NULL; i++)
		if (scopes & (1u << i))
			break;
	api_failf(c, E_SCOPE_NOT_GRANTED, "%s %s needs scope %s",
	    c->req->method, c->m.route ? c->m.route->pattern : c->req->path,
	    dom_scope_name(i) ? dom_scope_name(i) : "?");
	return -1;
}

int
api_apiuser_gate(struct api_call *c)
{
	const struct api_route	*r = c->route;
	unsigned		 scopes = r->api & SCOPES_ALL;

	if (!(r->roles & ROLE_APIUSER) && r->api == 0) {
		api_failf(c, E_FORBIDDEN, "Role ApiUser may not use %s %s",
		    c->req->method, c->m.route->pattern);
		return -1;
	}
	if ((r->api & API_OWN) || scopes == 0)
		return 0;
	return api_apiuser_scope(c, scopes);
}

/* Becomes O's top role (integrators.md §1); O already checked. */
static void
act_as(struct api_call *c, const struct db_org *o)
{
	c->user.org = *o;
	c->role_bit = dom_role_bit(dom_role_manager(o->type), o->type);
}

/*
 * A named O (§4.2 step 1) of text s in field (body: INVALID_FIELD, query:
 * INVALID_QUERY); type NULL accepts Developer and Buyer.  0 and acting, or
 * answered and -1.
 */
int
api_apiuser_named(struct api_call *c, const char *s, const char *field,
    enum ecode code, const char *type)
{
	struct field_errors	fe = { 0 };
	struct db_org		o;
	int64_t			id;
	enum err		e;

	if (api_id_text(s, &id) != 0) {
		http_field_error(c->a, &fe, field, "\"%.32s\" is not allowed; the "
		    "id of one of your managed organizations", s ? s : "");
		api_fail_fields(c, code, &fe);
		return -1;
	}
	e = db_org_by_id(c->db, c->a, id, &o);
	if (e == ERR_NOTFOUND || (e == ERR_OK &&
	    o.managing_api_user_id != c->au.id)) {
		api_failf(c, E_ORGANIZATION_NOT_FOUND, "No organization "
		    "%lld among your managed organizations", (long long)id);
		return -1;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	if (type != NULL && strcmp(o.type, type) != 0) {
		api_failf(c, strcmp(type, "Developer") == 0 ?
		    E_ORGANIZATION_NOT_DEVELOPER : E_ORGANIZATION_NOT_BUYER,
		    "organizationId %lld is not a %s organization (it is a %s "
		    "organization)", (long long)id, type, o.type);
		return -1;
	}
	act_as(c, &o);
	return 0;
}

/* §4.2 step 4: no O found. */
static int
act_required(struct api_call *c, enum ecode code)
{
	struct field_errors fe = { 0 };

	http_field_error(c->a, &fe, "organizationId", "required for ApiUser");
	api_fail_fields(c, code, &fe);
	return -1;
}

/* The body's organizationId as text (a JSON integer), or NULL. */
static const char *
body_org(struct api_call *c)
{
	const char	*t;
	int		 other;

	t = api_body_integer_text(c, "organizationId", &other);
	return other ? "x" : t;		/* "x": refused by act_named */
}

/*
 * The union (§4.2 step 3): every managed Developer organization.  The
 * caller's organization id becomes -(api_user.id), which the device list
 * filter reads as that union (stmt.c DEVICE_FILTER).
 */
static int
act_union(struct api_call *c, const char *type)
{
	struct db_org none;

	memset(&none, 0, sizeof(none));
	none.id = -c->au.id;
	none.type = type;
	act_as(c, &none);
	return 0;
}

/*
 * §4.2 step 2's common end: e is the lookup of an object whose owner is
 * organization org_id.  0 and acting when that owner is of type and this
 * ApiUser manages it; -1 after answering a database error; 1 when the
 * object is not visible (the caller answers its own 404).
 */
static int
act_owner(struct api_call *c, enum err e, int64_t org_id, const char *type)
{
	struct db_org	o;

	if (e == ERR_OK)
		e = db_org_by_id(c->db, c->a, org_id, &o);
	if (e == ERR_OK && o.managing_api_user_id == c->au.id &&
	    strcmp(o.type, type) == 0) {
		act_as(c, &o);
		return 0;
	}
	if (e != ERR_OK && e != ERR_NOTFOUND) {
		api_db_error(c, e);
		return -1;
	}
	return 1;
}

/* §4.2 step 2 for a reservation (by id or devicegroup_uid). */
static int
act_reservation(struct api_call *c)
{
	const char		*ref = api_param(c, "id");
	char			*uid = arena_strdup(c->a, ref ? ref : "");
	struct db_reservation	 r;
	int64_t			 id;
	enum err		 e;
	int			 rc;

	if (api_res_check_ref(c) != 0)
		return -1;
	e = api_uuid_text(uid) ? db_res_by_uid(c->db, c->a, uid, 0, &r) :
	    api_id_text(ref, &id) == 0 ? db_res_get(c->db, c->a, id, 0, &r) :
	    ERR_NOTFOUND;
	if ((rc = act_owner(c, e, e == ERR_OK ? r.org_id : 0, "Buyer")) <= 0)
		return rc;
	api_failf(c, E_RESERVATION_NOT_FOUND, "No reservation %.64s is "
	    "visible to you", ref ? ref : "");
	return -1;
}

/* §4.2 step 2 for a device: by internal id or id, among all. */
static int
act_device(struct api_call *c)
{
	const char		*ref = api_param(c, "id");
	char			*copy = arena_strdup(c->a, ref ? ref : "");
	struct db_device	 d;
	int64_t			 id;
	enum err		 e = ERR_NOTFOUND;
	int			 rc;

	if (api_uuid_text(copy))
		e = db_device_by_internal(c->db, c->a, copy, c->now, 0, &d);
	else if (api_id_text(ref, &id) == 0)
		e = db_device_get(c->db, c->a, id, c->now, 0, &d);
	if ((rc = act_owner(c, e, e == ERR_OK ? d.org_id : 0, "Developer")) <= 0)
		return rc;
	api_device_not_found(c, ref ? ref : "");
	return -1;
}

/* §4.2 step 2 for a certificate (claims). */
static int
act_certificate(struct api_call *c)
{
	struct db_certificate	 ct;
	int64_t			 id;
	enum err		 e;
	int			 rc;

	if (api_path_id(c, "id", &id) != 0)
		return -1;
	e = db_cert_get(c->db, c->a, id, &ct);
	if ((rc = act_owner(c, e, e == ERR_OK ? ct.buyer_org_id : 0, "Buyer")) <= 0)
		return rc;
	api_failf(c, E_CERTIFICATE_NOT_FOUND, "No certificate %lld is "
	    "visible to you", (long long)id);
	return -1;
}

/*
 * A query parameter of the gate, which guards many routes: not subject to
 * a route's .query declaration (api_query's rule), which names what the
 * route's own handler reads.
 */
static const char *
gate_query(const struct api_call *c, const char *name)
{
	struct query	q = c->query;
	const char	*v;

	q.declared = NULL;
	v = http_query_get(&q, name);
	return (v == NULL || v[0] == '\0') ? NULL : v;
}

int
api_apiuser_act(struct api_call *c)
{
	struct field_errors	 fe = { 0 };
	const char		*q = gate_query(c, "organizationId"), *b;

	switch (c->route->act) {
	case ACT_DEV_BODY:
		if (body_org(c) == NULL)
			return act_required(c, E_INVALID_FIELD);
		return api_apiuser_named(c, body_org(c), "organizationId",
		    E_INVALID_FIELD, "Developer");
	case ACT_DEV_BODY_Q:
		b = body_org(c);
		if (b != NULL && q != NULL && strcmp(b, q) != 0) {
			http_field_error(c->a, &fe, "organizationId", "the body's %s "
			    "and the query's %.32s differ; send one", b, q);
			api_fail_fields(c, E_INVALID_FIELD, &fe);
			return -1;
		}
		if (b == NULL && q == NULL)
			return act_required(c, E_INVALID_FIELD);
		return api_apiuser_named(c, b ? b : q, "organizationId",
		    b ? E_INVALID_FIELD : E_INVALID_QUERY, "Developer");
	case ACT_DEV_UNION:
		if (q != NULL)
			return api_apiuser_named(c, q, "organizationId", E_INVALID_QUERY,
			    "Developer");
		return act_union(c, "Developer");
	case ACT_DEV_OBJECT:
		if (q != NULL)
			return api_apiuser_named(c, q, "organizationId", E_INVALID_QUERY,
			    strcmp(c->req->method, "GET") == 0 ? NULL :
			    "Developer");
		return act_device(c);
	case ACT_DEV_QUERY:
		if (q == NULL)
			return act_required(c, E_INVALID_QUERY);
		return api_apiuser_named(c, q, "organizationId", E_INVALID_QUERY,
		    "Developer");
	case ACT_BUY_BODY:
		b = body_org(c);
		q = gate_query(c, "orgId");
		if (b == NULL && q == NULL)
			return act_required(c, E_INVALID_FIELD);
		return api_apiuser_named(c, b ? b : q, "organizationId",
		    E_INVALID_FIELD, "Buyer");
	case ACT_BUY_UNION:
		if (q != NULL)
			return api_apiuser_named(c, q, "organizationId",
			    E_INVALID_QUERY, "Buyer");
		return act_union(c, "Buyer");
	case ACT_RES_OBJECT:
		return act_reservation(c);
	case ACT_CERT_OBJECT:
		return act_certificate(c);
	case ACT_QUERY_ANY:
		if (q == NULL)
			return act_required(c, E_INVALID_QUERY);
		return api_apiuser_named(c, q, "organizationId", E_INVALID_QUERY,
		    NULL);
	case ACT_CATALOGUE:
		c->role_bit = ROLE_BUYER;
		return 0;
	default:
		return 0;
	}
}
