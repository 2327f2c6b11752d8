/*
 * JSON shapes of users.md §2: the organization object and the user view.
 * The user view never contains a password, a hash or session data.
 */
#include <string.h>

#include "domain/scopes.h"
#include "api/api.h"

void
api_render_org(struct jw *w, const struct db_org *o)
{
	jw_obj_open(w);
	api_render_org_keys(w, o);
	jw_obj_close(w);
}

void
api_render_org_keys(struct jw *w, const struct db_org *o)
{
	jw_key(w, "id");
	jw_int(w, o->id);
	jw_key(w, "name");
	jw_str(w, o->name);
	jw_key(w, "address");
	jw_str(w, o->address);
	jw_key(w, "organizationType");
	jw_str(w, o->type);
	jw_key(w, "orgEmail");
	jw_str(w, o->org_email);
	jw_key(w, "status");
	jw_str(w, o->status);
	jw_key(w, "api_user_id");
	jw_str(w, o->api_user_uid);
	jw_key(w, "createdAt");
	jw_str(w, o->created_at);
	jw_key(w, "updatedAt");
	jw_str(w, o->updated_at);
}

void
api_render_user(struct jw *w, const struct db_user *u)
{
	api_render_user_au(w, u, NULL);
}

void
api_render_scopes(struct jw *w, unsigned mask)
{
	int i;

	jw_arr_open(w);
	for (i = 0; dom_scope_name(i) != NULL; i++)
		if (mask & (1u << i))
			jw_str(w, dom_scope_name(i));
	jw_arr_close(w);
}

void
api_render_user_au(struct jw *w, const struct db_user *u,
    const struct db_apiuser *au)
{
	jw_obj_open(w);
	jw_key(w, "id");
	jw_int(w, u->id);
	jw_key(w, "firstName");
	jw_str(w, u->first_name);
	jw_key(w, "lastName");
	jw_str(w, u->last_name);
	jw_key(w, "email");
	jw_str(w, u->email);
	jw_key(w, "role");
	jw_str(w, u->role);
	jw_key(w, "status");
	jw_str(w, u->status);
	jw_key(w, "emailConfirmed");
	jw_bool(w, u->email_confirmed_at != NULL);
	jw_key(w, "organization");
	api_render_org(w, &u->org);
	jw_key(w, "createdAt");
	jw_str(w, u->created_at);
	jw_key(w, "updatedAt");
	jw_str(w, u->updated_at);
	if (au != NULL) {
		jw_key(w, "api_user_id");
		jw_str(w, au->uid);
		jw_key(w, "permission_status");
		jw_str(w, au->status);
		jw_key(w, "grantedScopes");
		api_render_scopes(w, au->granted);
		jw_key(w, "pendingScopes");
		api_render_scopes(w, au->pending);
	}
	jw_obj_close(w);
}

void
api_reply_user(struct api_call *c, int status, int64_t id)
{
	struct db_user		u;
	struct db_apiuser	au;
	struct strbuf		sb;
	struct jw		w;
	enum err		e;

	if ((e = db_user_by_id(c->db, c->a, id, &u)) != ERR_OK ||
	    (strcmp(u.role, "ApiUser") == 0 &&
	    (e = db_apiuser_by_user(c->db, c->a, id, &au)) != ERR_OK)) {
		api_db_error(c, e == ERR_NOTFOUND ? ERR_DB : e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_render_user_au(&w, &u, strcmp(u.role, "ApiUser") == 0 ? &au : NULL);
	api_json(c, status, &sb);
}
