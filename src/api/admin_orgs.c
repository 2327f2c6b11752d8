/*
 * The Admin's organization routes (accounts.md §7): read, users, edit
 * (suspension included), delete an empty organization, delete a user.
 */
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/nelem.h"
#include "domain/user_rules.h"
#include "api/accounts.h"
#include "api/inputs.h"
#include "api/fields.h"

/* The organization of :id into *o; 0, or answered (400 / 404). */
static int
org_of_path(struct api_call *c, struct db_org *o)
{
	int64_t		id;
	enum err	e;

	if (api_path_id(c, "id", &id) != 0)
		return -1;
	if ((e = db_org_by_id(c->db, c->a, id, o)) == ERR_NOTFOUND) {
		api_failf(c, E_ORGANIZATION_NOT_FOUND, "No organization "
		    "with id %lld", (long long)id);
		return -1;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return -1;
	}
	return 0;
}

void
api_admin_org_get(struct api_call *c)
{
	struct db_org o;

	if (org_of_path(c, &o) == 0)
		api_acct_reply_org(c, &o, 1);
}

static const char *const statuses[] = { "Active", "Suspended", "Deleted",
    "Pending", NULL };

/* GET /api/admin/organizations/user/:id's query, checked after the
 * organization's 404 (accounts.md §7.1). */
struct org_users_q {
	struct api_pageq	pq;
	struct jstr		status;
};

static const struct jfield org_users_query[] = {
	API_QPAGE(struct org_users_q, pq),
	API_QLIMIT(struct org_users_q, pq, "Per page, 1-100 (default 20)"),
	{ "status", JT_STRING, 0, offsetof(struct org_users_q, status), NULL,
	    .doc = "Active, Suspended, Deleted or Pending (any case)" },
};

const struct api_input api_in_admin_org_users = {
	.size = sizeof(struct org_users_q),
	.query = JTABLE(org_users_query, struct org_users_q),
	.doc = "Lists an organization's users",
};

void
api_admin_org_users(struct api_call *c)
{
	const struct org_users_q *q = c->in;
	struct db_user_filter	 f = { 0 };
	struct field_errors	 fe = { 0 };
	struct db_org		 o;
	int64_t			 page, limit;

	if (org_of_path(c, &o) != 0)
		return;
	api_paging_of(c, &q->pq, 20, 100, &page, &limit, &fe);
	if (q->status.present &&
	    (f.status = dom_canonical(q->status.v, statuses)) == NULL)
		http_field_error(c->a, &fe, "status", "\"%.40s\" is not allowed; "
		    "Active, Suspended, Deleted or Pending", q->status.v);
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_QUERY, &fe);
		return;
	}
	f.org_id = o.id;
	f.now = c->now;
	api_users_page(c, &f, page, limit);
}

struct patch_body {
	struct jstr	name, address, email, status, type;
};

#define PB(f) (&((struct patch_body *)d)->f)
static const char *o_name(struct arena *a, void *d, void *x) { (void)x; return api_fld_text(a, PB(name), 255); }
static const char *o_email(struct arena *a, void *d, void *x) { (void)x; return api_fld_email(a, PB(email)); }

static const char *
o_address(struct arena *a, void *d, void *x)
{
	struct jstr	*s = PB(address);
	const char	*why;

	(void)x;
	dom_trim((char *)s->v);
	s->len = strlen(s->v);
	if (s->len == 0)
		return NULL;		/* empty becomes null */
	if ((why = api_fld_text(a, s, 2000)) != NULL)
		return why;
	return NULL;
}

static const char *const org_statuses[] = { "Active", "Suspended", NULL };

static const char *
o_status(struct arena *a, void *d, void *x)
{
	(void)x;
	return api_fld_choice(a, PB(status), org_statuses, "Active or Suspended");
}

static const struct jfield patch_fields[] = {
	{ "name", JT_STRING, 0, offsetof(struct patch_body, name), o_name,
	    .doc = "A new name (1-255 characters, unique)" },
	{ "address", JT_STRING, 0, offsetof(struct patch_body, address),
	    o_address, .flags = JF_NULLABLE,
	    .doc = "A new address (up to 2000 characters); empty or null "
	    "clears it" },
	{ "orgEmail", JT_STRING, 0, offsetof(struct patch_body, email),
	    o_email, .doc = "A new contact e-mail address" },
	{ "status", JT_STRING, 0, offsetof(struct patch_body, status),
	    o_status, .doc = "Active or Suspended (any case)" },
	{ "organizationType", JT_STRING, 0, offsetof(struct patch_body, type),
	    NULL, .doc = "Accepted only when it is the current type (any "
	    "case)" },
};

const struct api_input api_in_admin_org_patch = {
	.size = sizeof(struct patch_body),
	.path_id = "id",
	.body = JTABLE(patch_fields, struct patch_body),
	.doc = "Edits an organization (suspension included)",
};

struct patch {
	struct db_org	*o;		/* stored */
	struct db_org	 n;		/* wanted */
	int		 suspend;
};

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    strcmp(a, b) == 0);
}

/* §7.2: suspension ends sessions, tokens and open invitations. */
static enum err
suspend(struct api_call *c, int64_t org)
{
	struct db_invitation	 v;
	int64_t			*ids;
	int			 n, i;
	enum err		 e;

	if ((e = db_invitation_open_ids(c->db, c->a, org, c->now, &ids, &n)) !=
	    ERR_OK)
		return e;
	for (i = 0; i < n; i++)
		if ((e = db_invitation_get(c->db, c->a, ids[i], 1, &v)) !=
		    ERR_OK ||
		    (e = api_acct_invitation_close(c->db, &v, "Revoked", c->now)) !=
		    ERR_OK)
			return e;
	if ((e = db_org_delete_part(c->db, org, "sessions")) != ERR_OK)
		return e;
	return db_org_delete_part(c->db, org, "tokens");
}

static enum err
patch_tx(struct api_call *c, void *arg)
{
	struct patch	*x = arg;
	enum err	 e;

	if ((e = db_org_lock(c->db, x->o->id)) != ERR_OK ||
	    (e = db_org_update(c->db, x->o->id, x->n.name, x->n.address,
	    x->n.org_email, x->n.status, c->now)) != ERR_OK)
		return e;
	return x->suspend ? suspend(c, x->o->id) : ERR_OK;
}

void
api_admin_org_patch(struct api_call *c)
{
	const struct patch_body	*b = c->in;
	struct db_org		 o;
	struct patch		 x;
	struct strbuf		 sb;
	struct jw		 w;
	enum err		 e;

	if (org_of_path(c, &o) != 0)
		return;
	if (b->type.present && strcasecmp(b->type.v, o.type) != 0) {
		api_failf(c, E_FIELD_NOT_UPDATABLE, "organizationType "
		    "cannot change (it fixes the users' roles); it is %s",
		    o.type);
		return;
	}
	memset(&x, 0, sizeof(x));
	x.o = &o;
	x.n = o;
	if (b->name.present)
		x.n.name = b->name.v;
	if (b->address.present)		/* null or empty: none */
		x.n.address = !b->address.null && b->address.len ?
		    b->address.v : NULL;
	if (b->email.present)
		x.n.org_email = b->email.v;
	if (b->status.present)
		x.n.status = b->status.v;
	if (strcmp(x.n.status, "Suspended") == 0 &&
	    strcmp(o.type, "Admin") == 0) {
		api_fail(c, E_CANNOT_SUSPEND_ADMIN_ORGANIZATION);
		return;
	}
	if (b->name.present && strcmp(b->name.v, o.name) != 0 &&
	    (e = db_org_name_other(c->db, b->name.v, o.id)) != ERR_NOTFOUND) {
		if (e == ERR_OK)
			api_failf(c, E_ORGANIZATION_NAME_TAKEN, "Organization "
			    "name \"%s\" is already taken", b->name.v);
		else
			api_db_error(c, e);
		return;
	}
	x.suspend = strcmp(x.n.status, "Suspended") == 0 &&
	    strcmp(o.status, "Suspended") != 0;
	if (!same(x.n.name, o.name) || !same(x.n.address, o.address) ||
	    !same(x.n.org_email, o.org_email) || !same(x.n.status, o.status)) {
		e = api_acct_tx(c, patch_tx, &x);
		if (e == ERR_CONFLICT) {
			api_failf(c, E_ORGANIZATION_NAME_TAKEN, "Organization "
			    "name \"%s\" is already taken", x.n.name);
			return;
		}
		if (e != ERR_OK || (e = db_org_by_id(c->db, c->a, o.id, &o)) !=
		    ERR_OK) {
			api_db_error(c, e);
			return;
		}
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_render_org(&w, &o);
	api_json(c, 200, &sb);
}

struct del {
	struct db_org	*o;
	int64_t		 devices, reservations, users, managed;
	int		 busy;
};

static enum err
del_tx(struct api_call *c, void *arg)
{
	static const char *const parts[] = { "invitations", "jobs",
	    "user_jobs", "sessions", "apiuser", "users", "organization" };
	struct del		*x = arg;
	struct db_user_filter	 f = { 0 };
	struct db_user		*u;
	int			 n;
	size_t			 i;
	enum err		 e;

	if ((e = db_org_lock(c->db, x->o->id)) != ERR_OK ||
	    (e = db_org_holdings(c->db, x->o->id, &x->devices,
	    &x->reservations)) != ERR_OK)
		return e;
	if (x->devices > 0 || x->reservations > 0) {
		x->busy = 1;
		return ERR_NOTFOUND;
	}
	/* An ApiUser organization managing others (integrators.md §4.1). */
	if ((e = db_org_managed_count(c->db, x->o->id, &x->managed)) != ERR_OK)
		return e;
	if (x->managed > 0) {
		x->busy = 1;
		return ERR_NOTFOUND;
	}
	f.org_id = x->o->id;
	f.now = 0;		/* every Pending user invited once counts */
	if ((e = db_user_list(c->db, c->a, &f, 1, 0, &u, &n, &x->users)) !=
	    ERR_OK)
		return e;
	for (i = 0; i < NELEM(parts); i++)
		if ((e = db_org_delete_part(c->db, x->o->id, parts[i])) !=
		    ERR_OK)
			return e;
	return ERR_OK;
}

void
api_admin_org_delete(struct api_call *c)
{
	struct db_org	 o;
	struct del	 x;
	struct strbuf	 sb;
	struct jw	 w;
	enum err	 e;

	if (org_of_path(c, &o) != 0)
		return;
	if (strcmp(o.type, "Admin") == 0) {
		api_fail(c, E_ADMIN_ORGANIZATION_PROTECTED);
		return;
	}
	memset(&x, 0, sizeof(x));
	x.o = &o;
	e = api_acct_tx(c, del_tx, &x);
	if (e != ERR_OK && !x.busy && e != ERR_DB && e != ERR_CONFLICT) {
		api_db_error(c, e);
		return;
	}
	if (e != ERR_OK && x.managed > 0) {
		api_acct_error_details(c, E_ORGANIZATION_NOT_EMPTY,
		    arena_printf(c->a, "Organization %lld manages %lld "
		    "organizations; suspend it instead", (long long)o.id,
		    (long long)x.managed), arena_printf(c->a,
		    "{\"managedOrganizations\":%lld}", (long long)x.managed));
		return;
	}
	if (e != ERR_OK) {
		/* Holdings, or a foreign key a concurrent write added. */
		api_acct_error_details(c, E_ORGANIZATION_NOT_EMPTY,
		    arena_printf(c->a, "Organization %lld owns devices or "
		    "reservations; suspend it instead", (long long)o.id),
		    arena_printf(c->a, "{\"devices\":%lld,\"reservations\":%lld}",
		    (long long)x.devices, (long long)x.reservations));
		return;
	}
	api_acct_success_open(c, &w, &sb, arena_printf(c->a,
	    "Organization %lld (%s) deleted", (long long)o.id, o.name));
	jw_key(&w, "deletedUsers");
	jw_int(&w, x.users);
	api_acct_success_send(c, 200, &w, &sb);
}

struct udel {
	const struct db_user	*u;
};

static enum err
udel_tx(struct api_call *c, void *arg)
{
	const struct db_user	*u = ((struct udel *)arg)->u;
	struct db_invitation	 v;
	enum err		 e;

	if (strcmp(u->status, "Pending") != 0)
		return api_acct_user_remove(c, u, 0);
	/* A live invitee: its invitation is revoked (§5.6, §7.1). */
	if ((e = db_org_lock(c->db, u->org.id)) != ERR_OK ||
	    (e = db_invitation_of_invitee(c->db, c->a, u->id, u->org.id,
	    &v)) != ERR_OK)
		return e;
	return api_acct_invitation_close(c->db, &v, "Revoked", c->now);
}

void
api_admin_user_delete(struct api_call *c)
{
	struct db_user	u;
	struct udel	x;
	int64_t		id;
	enum err	e;

	if (api_path_id(c, "id", &id) != 0)
		return;
	if (id == c->user.id) {
		api_failf(c, E_CANNOT_CHANGE_OWN_STATUS, "An Admin cannot "
		    "delete themselves");
		return;
	}
	e = db_user_by_id(c->db, c->a, id, &u);
	if (e == ERR_NOTFOUND || (e == ERR_OK &&
	    strcmp(u.status, "Pending") == 0 && u.pending_until <= c->now)) {
		api_failf(c, E_USER_NOT_FOUND, "No user with id %lld",
		    (long long)id);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	x.u = &u;
	if (strcmp(u.status, "Deleted") != 0 &&
	    (e = api_acct_tx(c, udel_tx, &x)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	api_acct_reply_message(c, 200, arena_printf(c->a, "User %lld deleted",
	    (long long)id));
}
