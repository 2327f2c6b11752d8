/*
 * Organization members (accounts.md §6.2-6.4): an organization with its
 * invitations, role changes under the last-manager rule, removal.
 */
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "api/accounts.h"
#include "api/inputs.h"
#include "api/fields.h"

void
api_org_me(struct api_call *c)
{
	api_acct_reply_org(c, &c->user.org, api_acct_is_manager(c, c->user.org.id));
}

void
api_org_get(struct api_call *c)
{
	struct db_org	o;
	int64_t		id;
	enum err	e;

	if (api_path_id(c, "id", &id) != 0)
		return;
	if (!(c->role_bit & ROLE_ADMIN) && id != c->user.org.id)
		e = ERR_NOTFOUND;
	else
		e = db_org_by_id(c->db, c->a, id, &o);
	if (e == ERR_NOTFOUND) {
		api_failf(c, E_ORGANIZATION_NOT_FOUND, "No organization "
		    "%lld of yours", (long long)id);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	api_acct_reply_org(c, &o, api_acct_is_manager(c, id));
}

/* 1 when u is a member of org (Active or Suspended; §2.1). */
static int
member_of(const struct db_user *u, int64_t org)
{
	return u->org.id == org && (strcmp(u->status, "Active") == 0 ||
	    strcmp(u->status, "Suspended") == 0);
}

struct role_body {
	struct jstr role;
	int64_t uid;		/* the path's userId (role_check) */
};

static const char *
r_role(struct arena *a, void *d, void *x)
{
	(void)x;
	return api_fld_choice(a, &((struct role_body *)d)->role, dom_role_names,
	    DOM_ROLE_NAMES_TEXT);
}

static const struct jfield role_fields[] = {
	{ "role", JT_STRING, 1, offsetof(struct role_body, role), r_role,
	    .doc = "The new role; it must fit the organization's type" },
};

/* The second path id, userId, answers before the body's field errors. */
static int
role_check(struct api_call *c, void *in, struct field_errors *fe)
{
	(void)fe;
	return api_path_id(c, "userId", &((struct role_body *)in)->uid);
}

const struct api_input api_in_org_change_role = {
	.size = sizeof(struct role_body),
	.path_id = "id",
	.body = JTABLE(role_fields, struct role_body),
	.check = role_check,
	.doc = "Changes a member's role",
};

enum cr_out { CR_OK, CR_ORG, CR_USER, CR_SELF, CR_FIT, CR_LAST };

struct cr {
	int64_t		 org, uid;
	const char	*role;
	enum cr_out	 out;
	const char	*type;
};

static enum err
cr_tx(struct api_call *c, void *arg)
{
	struct cr	*x = arg;
	struct db_org	 o;
	struct db_user	 u;
	const char	*mr;
	int64_t		 others;
	enum err	 e;

	x->out = CR_ORG;
	if ((!(c->role_bit & ROLE_ADMIN) && x->org != c->user.org.id) ||
	    (e = db_org_lock(c->db, x->org)) == ERR_NOTFOUND)
		return ERR_NOTFOUND;
	if (e != ERR_OK || (e = db_org_by_id(c->db, c->a, x->org, &o)) != ERR_OK)
		return e;
	x->type = o.type;
	x->out = CR_USER;
	if ((e = db_user_by_id(c->db, c->a, x->uid, &u)) != ERR_OK)
		return e;
	if (!member_of(&u, x->org))
		return ERR_NOTFOUND;
	x->out = u.id == c->user.id ? CR_SELF : !api_acct_role_fits(x->role,
	    o.type) ? CR_FIT : CR_OK;
	if (x->out != CR_OK)
		return ERR_NOTFOUND;
	if (strcmp(u.role, x->role) == 0)
		return ERR_OK;		/* same role: no write, no mail */
	mr = dom_role_manager(o.type);
	if (mr != NULL && strcmp(u.role, mr) == 0 &&
	    strcmp(u.status, "Active") == 0) {
		if ((e = db_user_count_role(c->db, o.id, mr, u.id, &others)) !=
		    ERR_OK)
			return e;
		if (others == 0) {
			x->out = CR_LAST;
			return ERR_NOTFOUND;
		}
	}
	{
		struct account_mail m = { .tpl = "role_changed", .to = u.email,
		    .user_id = u.id, .org_name = o.name, .role = x->role };

		if ((e = db_user_set_role(c->db, u.id, x->role, c->now)) !=
		    ERR_OK)
			return e;
		return account_mail(c->db, c->ctx->cfg, c->now, &m);
	}
}

void
api_org_change_role(struct api_call *c)
{
	const struct role_body	*b = c->in;
	struct cr		 x;
	struct db_user		 u;
	struct strbuf		 sb;
	struct jw		 w;
	enum err		 e;

	memset(&x, 0, sizeof(x));
	x.org = c->path_id;
	x.uid = b->uid;
	x.role = b->role.v;
	e = api_acct_tx(c, cr_tx, &x);
	if (e != ERR_OK && e != ERR_NOTFOUND) {
		api_db_error(c, e);
		return;
	}
	if (e == ERR_OK && (e = db_user_by_id(c->db, c->a, x.uid, &u)) !=
	    ERR_OK) {
		api_db_error(c, e == ERR_NOTFOUND ? ERR_DB : e);
		return;
	}
	switch (e == ERR_OK ? CR_OK : x.out) {
	case CR_ORG:
		api_failf(c, E_ORGANIZATION_NOT_FOUND, "No organization "
		    "%lld of yours", (long long)x.org);
		return;
	case CR_USER:
		api_failf(c, E_USER_NOT_FOUND, "No member %lld in "
		    "organization %lld", (long long)x.uid, (long long)x.org);
		return;
	case CR_SELF:
		api_fail(c, E_CANNOT_CHANGE_OWN_ROLE);
		return;
	case CR_FIT:
		api_failf(c, E_ROLE_NOT_ALLOWED_FOR_ORGANIZATION, "Role %s "
		    "cannot belong to %s organization %lld", x.role, x.type,
		    (long long)x.org);
		return;
	case CR_LAST:
		api_failf(c, E_LAST_ORGANIZATION_MANAGER, "Organization "
		    "%lld must keep an active %s", (long long)x.org,
		    dom_role_manager(x.type));
		return;
	case CR_OK:
		break;
	}
	api_acct_success_open(c, &w, &sb, arena_printf(c->a,
	    "User %lld now has role %s", (long long)u.id, u.role));
	jw_key(&w, "user");
	api_render_user(&w, &u);
	api_acct_success_send(c, 200, &w, &sb);
}

/*
 * The target becomes Deleted, loses every session and token; with mail
 * (a manager's removal, §6.4) it gets removed_from_organization.
 */
enum err
api_acct_user_remove(struct api_call *c, const struct db_user *u, int mail)
{
	struct account_mail	m = { .tpl = "removed_from_organization",
	    .to = u->email, .user_id = u->id, .org_name = u->org.name };
	enum err		e;

	if ((e = db_org_lock(c->db, u->org.id)) != ERR_OK ||
	    (e = db_user_set_status(c->db, u->id, "Deleted", c->now)) !=
	    ERR_OK ||
	    (e = db_session_delete_user(c->db, u->id, NULL)) != ERR_OK ||
	    (e = db_token_delete(c->db, u->id, NULL, 0)) != ERR_OK)
		return e;
	return mail ? account_mail(c->db, c->ctx->cfg, c->now, &m) : ERR_OK;
}

enum rm_out { RM_OK, RM_NOTFOUND, RM_SELF };

struct rm {
	int64_t		 id;
	enum rm_out	 out;
};

/* §6.4, the checks under the organization row lock (§6.1). */
static enum err
remove_tx(struct api_call *c, void *arg)
{
	struct rm	*x = arg;
	struct db_user	 u;
	enum err	 e;

	x->out = RM_NOTFOUND;
	if ((e = db_org_lock(c->db, c->user.org.id)) != ERR_OK)
		return e;
	if ((e = db_user_by_id(c->db, c->a, x->id, &u)) != ERR_OK)
		return e;
	if (!member_of(&u, c->user.org.id))
		return ERR_NOTFOUND;
	if (u.id == c->user.id) {
		x->out = RM_SELF;
		return ERR_NOTFOUND;
	}
	x->out = RM_OK;
	return api_acct_user_remove(c, &u, 1);
}

void
api_org_remove_user(struct api_call *c)
{
	struct rm	x;
	enum err	e;

	memset(&x, 0, sizeof(x));
	if (api_path_id(c, "id", &x.id) != 0)
		return;
	e = api_acct_tx(c, remove_tx, &x);
	if (e != ERR_OK && e != ERR_NOTFOUND)
		api_db_error(c, e);
	else if (x.out == RM_NOTFOUND)
		api_failf(c, E_USER_NOT_FOUND, "No member %lld in your "
		    "organization", (long long)x.id);
	else if (x.out == RM_SELF)
		api_failf(c, E_CANNOT_CHANGE_OWN_STATUS, "Nobody removes "
		    "themselves; ask another manager or the Admin");
	else
		api_acct_reply_message(c, 200, arena_printf(c->a, "User %lld "
		    "removed from organization %lld", (long long)x.id,
		    (long long)c->user.org.id));
}
