/*
 * Routes kept for the reference web client's permission views
 * (integrators.md §2.3), GET /api/user/:id and the ApiUser's managed
 * organization list (§4.1).
 */
#include <stdio.h>
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "domain/scopes.h"
#include "api/api.h"
#include "api/apiusers.h"
#include "api/inputs.h"

#define NMODULES 10
#define PERM_ALL 15	/* Read 1, Write 2, Update 4, Delete 8 */
#define PERM_READ 1

static const char *const module_names[NMODULES + 1] = { NULL,
	"USER", "ORGANIZATION", "FILE", "DEVICE", "BUYER_RESERVATION",
	"DEVICE_BULK", "READS", "CERTIFICATE_LOG", "INVITATION",
	"ADMIN_APIUSER_ORGANIZATION",
};
static const char *const module_desc[NMODULES + 1] = { NULL,
	"Users of managed organizations", "Managed organizations",
	"CSV files for bulk uploads", "Devices", "Buyer reservations",
	"Bulk device uploads", "Meter reads", "Certificates and claims",
	"Invitations", "Organizations of an ApiUser",
};
static const char *const perm_names[4] = { "Read", "Write", "Update",
    "Delete" };

static int
module_perms(int m)
{
	return m == 8 ? PERM_READ : PERM_ALL;
}

static void
perm_array(struct jw *w, int mask)
{
	int i;

	jw_arr_open(w);
	for (i = 0; i < 4; i++)
		if (mask & (1 << i))
			jw_str(w, perm_names[i]);
	jw_arr_close(w);
}

static void
module_name(int m, char *buf, size_t len)
{
	snprintf(buf, len, "%s_MANAGEMENT_CRUDL", module_names[m]);
}

void
api_acl_modules(struct api_call *c)
{
	struct strbuf	sb;
	struct jw	w;
	char		name[64];
	int		m;

	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (m = 1; m <= NMODULES; m++) {
		module_name(m, name, sizeof(name));
		jw_obj_open(&w);
		jw_key(&w, "id");
		jw_int(&w, m);
		jw_key(&w, "name");
		jw_str(&w, name);
		jw_key(&w, "description");
		jw_str(&w, module_desc[m]);
		jw_key(&w, "status");
		jw_str(&w, "Enable");
		jw_key(&w, "permissions");
		perm_array(&w, module_perms(m));
		jw_key(&w, "permissionsValue");
		jw_int(&w, module_perms(m));
		jw_key(&w, "scope");
		jw_str(&w, dom_scope_name(__builtin_ctz(dom_scope_of_module(m))));
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	api_json(c, 200, &sb);
}

/*
 * The body of POST /api/permission/module/apiuser/request (integrators.md):
 * a JSON array of 1-10 {"aclmodulesId", "permissions"} objects.  The
 * tables take any value (an element that is not an object, a member of
 * any type) and req_check() words each item's rule, as the route always
 * has: one error per item, "[i].aclmodulesId" or "[i].permissions".
 */
struct req_item {
	struct jval	module;		/* aclmodulesId */
	struct jone	perms;		/* permissions: an array of values
					 * (which 0), or another value */
};
struct req_in {
	struct jarr	items;		/* of struct jone: an object (which 0,
					 * a struct req_item), or a value */
	unsigned	more;		/* the scopes asked (req_check) */
};

static const struct jfield req_perm_fields[] = {
	{ .type = JT_VALUE, .doc = "Read, Write, Update or Delete" },
};
static const struct jtable req_perm_table = JTABLE(req_perm_fields,
    struct jval);
static const struct jfield req_perms_alts[] = {
	{ .type = JT_ARRAY, .items = &req_perm_table },
	{ .type = JT_VALUE },
};
static const struct jfield req_item_fields[] = {
	{ .name = "aclmodulesId", .type = JT_VALUE,
	    .offset = offsetof(struct req_item, module),
	    .doc = "A module id from 1 to 10 "
	    "(GET /api/access-control-layer-module-service)" },
	{ .name = "permissions", .type = JT_ONEOF,
	    .offset = offsetof(struct req_item, perms),
	    .alts = req_perms_alts, .nalts = 2,
	    .doc = "A non-empty array of Read, Write, Update, Delete "
	    "(module 8: Read)" },
};
static const struct jtable req_item_table = JTABLE(req_item_fields,
    struct req_item);
static const struct jfield req_elem_alts[] = {
	{ .type = JT_OBJECT, .items = &req_item_table },
	{ .type = JT_VALUE },
};
static const struct jfield req_elem_fields[] = {
	{ .type = JT_ONEOF, .alts = req_elem_alts, .nalts = 2 },
};
static const struct jtable req_elem_table = JTABLE(req_elem_fields,
    struct jone);

/* Scopes of one request item i, or 0 with an error added. */
static unsigned
request_item(struct api_call *c, const struct jone *e, size_t i,
    struct field_errors *fe)
{
	const struct req_item	*o;
	const struct jarr	*p;
	const struct jval	*it;
	char			 f[48];
	int64_t			 mod = 0;
	size_t			 k;
	int			 bit, ok = 1, j;

	snprintf(f, sizeof(f), "[%zu].aclmodulesId", i);
	o = e->present && e->which == 0 ? ((const struct jobj *)e->v)->v :
	    NULL;
	if (o == NULL || !o->module.present || o->module.kind != JK_NUMBER ||
	    http_json_int64_from_text(o->module.text, &mod) != 0 ||
	    mod < 1 || mod > NMODULES) {
		http_field_error(c->a, fe, f, "must be a module id from 1 to 10 "
		    "(GET /api/access-control-layer-module-service)");
		return 0;
	}
	snprintf(f, sizeof(f), "[%zu].permissions", i);
	p = o->perms.present && o->perms.which == 0 ? o->perms.v : NULL;
	if (p == NULL || p->n < 1)
		ok = 0;
	for (k = 0, it = p ? p->v : NULL; ok && k < p->n; k++, it++) {
		bit = 0;
		for (j = 0; j < 4 && it->present && it->kind == JK_STRING; j++)
			if (strcmp(it->text, perm_names[j]) == 0)
				bit = 1 << j;
		if ((bit & module_perms((int)mod)) == 0)
			ok = 0;
	}
	if (!ok) {
		http_field_error(c->a, fe, f, "must be a non-empty array of %s",
		    mod == 8 ? "Read (module 8 is read-only)" :
		    "Read, Write, Update, Delete");
		return 0;
	}
	return dom_scope_of_module((int)mod);
}

/* The items' count, then each item's rule; the scopes asked in more. */
static int
req_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct req_in		*r = in;
	const struct jone	*e = r->items.v;
	size_t			 i;

	if (!r->items.present)
		return 0;	/* more than 10: the table said so */
	if (r->items.n < 1) {
		http_field_error(c->a, fe, "body", "must hold 1 to 10 items");
		return 0;
	}
	for (i = 0; i < r->items.n; i++)
		r->more |= request_item(c, &e[i], i, fe);
	return 0;
}

const struct api_input api_in_permission_request = {
	.size = sizeof(struct req_in),
	.array = { .name = "body", .type = JT_ARRAY,
	    .offset = offsetof(struct req_in, items), .items = &req_elem_table,
	    .max_items = NMODULES, .msg_value = "must hold 1 to 10 items",
	    .doc = "1 to 10 {aclmodulesId, permissions} objects" },
	.msg_json = "The request body must be one well-formed JSON array of "
	    "{\"aclmodulesId\", \"permissions\"} objects",
	.check = req_check,
	.doc = "The modules and permissions asked (integrators.md)",
};

void
api_permission_request(struct api_call *c)
{
	const struct req_in	*in = c->in;
	struct db_apiuser	 au;
	struct strbuf		 sb;
	struct jw		 w;
	enum err		 e;

	/* The route's raw_type checked the media type, its input the body. */
	if (api_apiuser_ask(c, api_apiuser_request_more(c, in->more)) != 0)
		return;
	if ((e = db_apiuser_by_user(c->db, c->a, c->user.id, &au)) != ERR_OK) {
		api_db_error(c, e == ERR_NOTFOUND ? ERR_DB : e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "success");
	jw_bool(&w, 1);
	jw_key(&w, "message");
	jw_str(&w, "Your permission request send successfully");
	jw_key(&w, "permission_status");
	jw_str(&w, au.status);
	jw_key(&w, "grantedScopes");
	api_render_scopes(&w, au.granted);
	jw_key(&w, "pendingScopes");
	api_render_scopes(&w, au.pending);
	jw_obj_close(&w);
	api_json(c, 201, &sb);
}

/* One row of GET /api/permission/user/:id for scope index i. */
static void
permission_row(struct jw *w, int64_t user_id, int i, int granted)
{
	int	m = dom_scope_module(1u << i);
	char	name[64];

	module_name(m, name, sizeof(name));
	jw_obj_open(w);
	jw_key(w, "id");
	jw_int(w, m);
	jw_key(w, "aclmodulesId");
	jw_int(w, m);
	jw_key(w, "entityType");
	jw_str(w, "User");
	jw_key(w, "entityId");
	jw_int(w, user_id);
	jw_key(w, "permissions");
	perm_array(w, module_perms(m));
	jw_key(w, "status");
	jw_int(w, granted);
	jw_key(w, "scope");
	jw_str(w, dom_scope_name(i));
	jw_key(w, "aclmodules");
	jw_obj_open(w);
	jw_key(w, "id");
	jw_int(w, m);
	jw_key(w, "name");
	jw_str(w, name);
	jw_key(w, "description");
	jw_str(w, module_desc[m]);
	jw_key(w, "permissions");
	perm_array(w, module_perms(m));
	jw_obj_close(w);
	jw_obj_close(w);
}

void
api_permission_user(struct api_call *c)
{
	struct db_apiuser	 au;
	struct strbuf		 sb;
	struct jw		 w;
	int64_t			 id;
	enum err		 e;
	int			 i;

	if (api_path_id(c, "id", &id) != 0)
		return;
	e = db_apiuser_by_user(c->db, c->a, id, &au);
	if (e == ERR_NOTFOUND || (e == ERR_OK && !(c->role_bit & ROLE_ADMIN) &&
	    id != c->user.id)) {
		api_failf(c, E_API_USER_NOT_FOUND, "No ApiUser with user "
		    "id %lld", (long long)id);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; dom_scope_name(i) != NULL; i++)
		if ((au.granted | au.pending) & (1u << i))
			permission_row(&w, id, i, (au.granted >> i) & 1);
	jw_arr_close(&w);
	api_json(c, 200, &sb);
}

void
api_user_get(struct api_call *c)
{
	struct db_user	u;
	int64_t		id;
	enum err	e;
	int		ok;

	if (api_path_id(c, "id", &id) != 0)
		return;
	e = db_user_by_id(c->db, c->a, id, &u);
	if (e != ERR_OK && e != ERR_NOTFOUND) {
		api_db_error(c, e);
		return;
	}
	ok = e == ERR_OK && ((c->role_bit & ROLE_ADMIN) || id == c->user.id ||
	    (c->role_bit == ROLE_APIUSER &&
	    u.org.managing_api_user_id == c->au.id));
	if (!ok) {
		api_failf(c, E_USER_NOT_FOUND, "No user %lld",
		    (long long)id);
		return;
	}
	api_reply_user(c, 200, id);
}

/* GET /api/apiuser/organizations (integrators.md §4.1). */
struct au_orgs_in {
	struct api_pageq	 pq;
	struct jstr		 name, type;
	const char		*like, *otype;
	int64_t			 page, limit;
};

static const char *const managed_types[] = { "Developer", "Buyer", NULL };

static const struct jfield au_orgs_query[] = {
	API_QPAGE(struct au_orgs_in, pq),
	API_QLIMIT(struct au_orgs_in, pq, "Per page, 1-100 (default 20)"),
	{ "organizationName", JT_STRING, 0, offsetof(struct au_orgs_in, name),
	    NULL, .doc = "Only organizations whose name contains it (at most "
	    "255 characters)" },
	{ "organizationType", JT_STRING, 0, offsetof(struct au_orgs_in, type),
	    NULL, .doc = "Developer or Buyer (any case)" },
};

static int
au_orgs_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct au_orgs_in *q = in;

	api_paging_of(c, &q->pq, 20, 100, &q->page, &q->limit, fe);
	q->like = api_name_filter(c, &q->name, fe);
	q->otype = api_choice_filter(c, "organizationType", &q->type,
	    managed_types, "Developer or Buyer", fe);
	return 0;
}

const struct api_input api_in_apiuser_orgs = {
	.size = sizeof(struct au_orgs_in),
	.query = JTABLE(au_orgs_query, struct au_orgs_in),
	.code = E_INVALID_QUERY,
	.check = au_orgs_check,
	.doc = "Lists the organizations the calling ApiUser manages",
};

void
api_apiuser_orgs(struct api_call *c)
{
	const struct au_orgs_in	*q = c->in;
	struct db_org		*o = NULL;
	int64_t			 total = 0;
	int			 n = 0;
	enum err		 e;

	e = db_managed_org_list(c->db, c->a, c->au.id, q->like, q->otype,
	    q->limit, (q->page - 1) * q->limit, &o, &n, &total);
	api_reply_orgs(c, e, o, n, q->page, q->limit, total);
}
