/*
 * Checks and shapes shared by the account routes (accounts.md §2, §5.1,
 * §6.2).
 */
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "api/accounts.h"

int
api_acct_user_live(const struct db_user *u, int64_t now)
{
	if (u->org.status == NULL || strcmp(u->org.status, "Active") != 0)
		return 0;
	if (strcmp(u->status, "Active") == 0)
		return 1;
	return strcmp(u->status, "Pending") == 0 && u->pending_until > now;
}

int
api_acct_is_manager(const struct api_call *c, int64_t org)
{
	const char *mr;

	if (c->role_bit & ROLE_ADMIN)
		return 1;
	mr = dom_role_manager(c->user.org.type);
	return org == c->user.org.id && mr != NULL &&
	    strcmp(c->user.role, mr) == 0;
}

void
api_acct_token_invalid(struct api_call *c)
{
	api_fail(c, E_TOKEN_INVALID);
}

void
api_acct_token_expired(struct api_call *c, int64_t ms)
{
	char iso[TIME_ISO_LEN];

	time_format_iso(ms, iso);
	api_failf(c, E_TOKEN_EXPIRED, "This link expired at %s; request "
	    "a new one", iso);
}

void
api_acct_success_open(struct api_call *c, struct jw *w, struct strbuf *sb,
    const char *msg)
{
	strbuf_init_arena(sb, c->a);
	jw_init(w, sb);
	jw_obj_open(w);
	jw_key(w, "success");
	jw_bool(w, 1);
	if (msg != NULL) {
		jw_key(w, "message");
		jw_str(w, msg);
	}
}

void
api_acct_success_send(struct api_call *c, int status, struct jw *w,
    struct strbuf *sb)
{
	jw_obj_close(w);
	api_json(c, status, sb);
}

void
api_acct_reply_message(struct api_call *c, int status, const char *msg)
{
	struct strbuf	sb;
	struct jw	w;

	api_acct_success_open(c, &w, &sb, msg);
	api_acct_success_send(c, status, &w, &sb);
}

void
api_render_invitation(struct jw *w, const struct db_invitation *v, int64_t now)
{
	char	exp[TIME_ISO_LEN];
	int	lapsed = strcmp(v->status, "Pending") == 0 && v->expires_at <= now;

	time_format_iso(v->expires_at, exp);
	jw_obj_open(w);
	jw_key(w, "id");
	jw_int(w, v->id);
	jw_key(w, "email");
	jw_str(w, v->email);
	jw_key(w, "role");
	jw_str(w, v->role);
	jw_key(w, "status");
	jw_str(w, lapsed ? "Expired" : v->status);
	jw_key(w, "sender");
	jw_str(w, v->sender);
	jw_key(w, "organization");
	jw_obj_open(w);
	jw_key(w, "id");
	jw_int(w, v->org_id);
	jw_key(w, "name");
	jw_str(w, v->org_name);
	jw_key(w, "organizationType");
	jw_str(w, v->org_type);
	jw_obj_close(w);
	jw_key(w, "createdAt");
	jw_str(w, v->created_at);
	jw_key(w, "updatedAt");
	jw_str(w, v->updated_at);
	jw_key(w, "expiresAt");
	jw_str(w, exp);
	jw_obj_close(w);
}

void
api_acct_reply_org(struct api_call *c, const struct db_org *o, int with_inv)
{
	struct db_invitation	*v = NULL;
	struct strbuf		 sb;
	struct jw		 w;
	int64_t			 total;
	int			 n = 0, i;
	enum err		 e;

	if (with_inv && (e = db_invitation_list(c->db, c->a, o->id, NULL,
	    c->now, 100, 0, &v, &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	api_render_org_keys(&w, o);
	jw_key(&w, "invitations");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		api_render_invitation(&w, &v[i], c->now);
	jw_arr_close(&w);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

struct call_tx {
	struct api_call	 *c;
	enum err	(*fn)(struct api_call *, void *);
	void		 *arg;
};

static enum err
call_tx_body(struct db_conn *db, void *p)
{
	struct call_tx	*t = p;

	(void)db;
	return t->fn(t->c, t->arg);
}

enum err
api_acct_tx(struct api_call *c, enum err (*fn)(struct api_call *, void *),
    void *arg)
{
	struct call_tx	t = { c, fn, arg };

	return db_tx_retry(c->db, call_tx_body, &t);
}

void
api_acct_error_details(struct api_call *c, enum ecode e, const char *msg,
    const char *details)
{
	struct strbuf	sb;
	struct jw	w;

	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_envelope(&w, e);
	jw_key(&w, "message");
	jw_str(&w, msg);
	jw_key(&w, "details");
	jw_raw(&w, details);
	jw_obj_close(&w);
	api_fail_send(c, e, &sb);
}

void
api_acct_rate_limited(struct api_call *c, int64_t retry_ms, const char *what)
{
	int64_t s = (retry_ms + 999) / 1000;

	if (s < 1)
		s = 1;
	http_add_header(c->req, "Retry-After", arena_printf(c->a, "%lld",
	    (long long)s));
	api_acct_error_details(c, E_RATE_LIMITED, arena_printf(c->a,
	    "Too many %s; retry in %lld seconds", what, (long long)s),
	    arena_printf(c->a, "{\"retryAfterSeconds\":%lld}", (long long)s));
}

int
api_acct_role_fits(const char *role, const char *type)
{
	if (strcmp(type, "Developer") != 0 && strcmp(type, "Buyer") != 0)
		return 0;
	return dom_role_fits(role, type);
}

const char *
api_acct_invitation_status(const struct db_invitation *v, int64_t now)
{
	if (strcmp(v->status, "Pending") == 0 && v->expires_at <= now)
		return "Expired";
	return v->status;
}

enum err
api_acct_invitation_close(struct db_conn *db, const struct db_invitation *v,
    const char *status, int64_t now)
{
	struct arena	*a;
	struct db_user	 u;
	enum err	 e;

	if ((e = db_invitation_set_status(db, v->id, status, now)) != ERR_OK ||
	    (e = db_token_delete_invitation(db, v->id)) != ERR_OK)
		return e;
	if (!v->created_user || v->invitee_user_id <= 0)
		return ERR_OK;
	if ((a = arena_new()) == NULL)
		return ERR_NOMEM;
	e = db_user_by_id(db, a, v->invitee_user_id, &u);
	if (e == ERR_OK && strcmp(u.status, "Pending") == 0)
		e = db_user_delete(db, u.id);	/* sessions, tokens cascade */
	else if (e == ERR_NOTFOUND)
		e = ERR_OK;
	arena_free(a);
	return e;
}

void
api_acct_reply_invitation(struct api_call *c, int status, int64_t id, int64_t uid)
{
	struct db_invitation	v;
	struct db_user		u;
	struct strbuf		sb;
	struct jw		w;
	enum err		e;

	if ((e = db_invitation_get(c->db, c->a, id, 0, &v)) != ERR_OK ||
	    (uid > 0 && (e = db_user_by_id(c->db, c->a, uid, &u)) != ERR_OK)) {
		api_db_error(c, e == ERR_NOTFOUND ? ERR_DB : e);
		return;
	}
	api_acct_success_open(c, &w, &sb, NULL);
	jw_key(&w, "invitation");
	api_render_invitation(&w, &v, c->now);
	if (uid > 0) {
		jw_key(&w, "user");
		api_render_user(&w, &u);
	}
	api_acct_success_send(c, status, &w, &sb);
}
