/*
 * Invitations (accounts.md §5.2-5.6): create (real or silent), list, the
 * invitee's own, accept / reject, revoke.  Every write locks the
 * organization row first (§6.1).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "crypto/crypto.h"
#include "domain/user_rules.h"
#include "api/accounts.h"
#include "api/inputs.h"
#include "api/fields.h"

#define DAY_MS	(86400LL * 1000)

struct inv_body {
	struct jstr	email, role, first, last;
	struct jstr	org_q;		/* ?organizationId= */
	int64_t		org;		/* inv_check: the organization */
};

#define IB(f) (&((struct inv_body *)d)->f)
static const char *i_email(struct arena *a, void *d, void *x) { (void)x; return api_fld_email(a, IB(email)); }
static const char *i_first(struct arena *a, void *d, void *x) { (void)x; return api_fld_text(a, IB(first), 255); }
static const char *i_last(struct arena *a, void *d, void *x) { (void)x; return api_fld_text(a, IB(last), 255); }

static const char *
i_role(struct arena *a, void *d, void *x)
{
	(void)x;
	return api_fld_choice(a, IB(role), dom_role_names, DOM_ROLE_NAMES_TEXT);
}

static const struct jfield inv_fields[] = {
	{ "email", JT_STRING, 1, offsetof(struct inv_body, email), i_email,
	    .doc = "The invitee's e-mail address" },
	{ "role", JT_STRING, 1, offsetof(struct inv_body, role), i_role,
	    .doc = "The invitee's role; it must fit the organization's type" },
	{ "firstName", JT_STRING, 0, offsetof(struct inv_body, first),
	    i_first, .doc = "The invitee's first name (1-255 characters)" },
	{ "lastName", JT_STRING, 0, offsetof(struct inv_body, last), i_last,
	    .doc = "The invitee's last name (1-255 characters)" },
};

static const struct jfield inv_query[] = {
	{ "organizationId", JT_STRING, 0, offsetof(struct inv_body, org_q),
	    NULL, .doc = "Admin only, required: the organization to invite "
	    "into (an id); others invite into their own" },
};

/*
 * An Admin names the organization in the query (400 INVALID_QUERY, which
 * answers before the body's field errors); others invite into their own.
 */
static int
inv_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct inv_body		*b = in;
	struct field_errors	 qe = { 0 };

	(void)fe;
	b->org = c->user.org.id;
	if (!(c->role_bit & ROLE_ADMIN))
		return 0;
	if (!b->org_q.present || api_id_text(b->org_q.v, &b->org) != 0) {
		http_field_error(c->a, &qe, "organizationId", "%s; an Admin "
		    "names the organization to invite into (an id)",
		    !b->org_q.present ? "is required" : "is not a valid id");
		api_fail_fields(c, E_INVALID_QUERY, &qe);
		return -1;
	}
	return 0;
}

const struct api_input api_in_invitation_create = {
	.size = sizeof(struct inv_body),
	.query = JTABLE(inv_query, struct inv_body),
	.body = JTABLE(inv_fields, struct inv_body),
	.check = inv_check,
	.doc = "Invites a user into an organization",
};

enum inv_out { IV_OK, IV_SUSPENDED, IV_MEMBER, IV_PENDING, IV_LIMIT_OPEN,
    IV_LIMIT_DAY };

struct inv {
	struct inv_body	*b;
	struct db_org	*o;
	enum inv_out	 out;
	int64_t		 id;		/* the new (or the pending) invitation */
};

/* The real invitation's invitee, token and mail (§5.2). */
static enum err
inv_real(struct api_call *c, struct inv *x, struct db_invitation_new *n,
    const struct db_user *u, int have_user)
{
	const struct config	*cfg = c->ctx->cfg;
	struct account_mail	 m = { .tpl = "invitation", .to = n->email,
	    .sender = n->sender, .org_name = x->o->name, .role = n->role };
	char			 marker[34], local[256], *at;
	const char		*first, *last;
	int64_t			*at_ms;
	int			 sent = 0;
	enum err		 e;

	if (have_user) {		/* a Deleted user: untouched until it accepts */
		n->invitee_user_id = u->id;
		n->created_user = 0;
	} else {
		marker[0] = '!';
		if (crypto_random_hex128(marker + 1) != 0)
			return ERR_CRYPTO;
		snprintf(local, sizeof(local), "%s", n->email);
		if ((at = strchr(local, '@')) != NULL)
			*at = '\0';
		first = x->b->first.present ? x->b->first.v : local;
		last = x->b->last.present ? x->b->last.v : local;
		if ((e = db_user_insert_pending(c->db, x->o->id, n->email,
		    marker, first, last, n->role, c->now,
		    &n->invitee_user_id)) != ERR_OK)
			return e;
		n->created_user = 1;
	}
	if ((e = db_invitation_insert(c->db, n, c->now, &x->id)) != ERR_OK)
		return e;
	at_ms = arena_alloc(c->a, sizeof(*at_ms) *
	    (size_t)cfg->invitation_max_mails_per_address);
	if ((e = db_mail_since(c->db, n->email, "invitation", c->now - DAY_MS,
	    at_ms, cfg->invitation_max_mails_per_address, &sent)) != ERR_OK)
		return e;
	if (sent >= cfg->invitation_max_mails_per_address)
		return ERR_OK;		/* recorded, not mailed */
	m.user_id = n->invitee_user_id;
	return account_token_mail(c->db, cfg, c->now, "invitation",
	    n->invitee_user_id, n->email, x->id, cfg->invitation_ttl_s, &m);
}

static enum err
inv_create_tx(struct api_call *c, void *arg)
{
	const struct config	*cfg = c->ctx->cfg;
	struct inv		*x = arg;
	struct db_invitation_new n;
	struct db_user		 u;
	int64_t			 open_id, open, recent, other_org;
	int			 stale, have_user;
	enum err		 e;

	x->out = IV_OK;
	if ((e = db_org_lock(c->db, x->o->id)) != ERR_OK ||
	    (e = db_org_by_id(c->db, c->a, x->o->id, x->o)) != ERR_OK)
		return e;
	if (strcmp(x->o->status, "Active") != 0) {	/* suspended meanwhile */
		x->out = IV_SUSPENDED;
		return ERR_NOTFOUND;
	}
	if ((e = db_invitation_expire_lapsed(c->db, x->b->email.v, c->now)) !=
	    ERR_OK ||
	    (e = db_user_delete_stale(c->db, x->b->email.v, c->now, &stale)) !=
	    ERR_OK)
		return e;
	e = db_user_by_email(c->db, c->a, x->b->email.v, &u);
	if (e != ERR_OK && e != ERR_NOTFOUND)
		return e;
	have_user = e == ERR_OK;
	if (have_user && u.org.id == x->o->id &&
	    (strcmp(u.status, "Active") == 0 ||
	    strcmp(u.status, "Suspended") == 0)) {
		x->out = IV_MEMBER;
		return ERR_NOTFOUND;
	}
	if ((e = db_invitation_open_in_org(c->db, x->o->id, x->b->email.v,
	    c->now, &open_id)) != ERR_OK)
		return e;
	if (open_id > 0) {
		x->out = IV_PENDING;
		x->id = open_id;
		return ERR_NOTFOUND;
	}
	if ((e = db_invitation_counts(c->db, x->o->id, c->now, c->now - DAY_MS,
	    &open, &recent)) != ERR_OK)
		return e;
	if (open >= cfg->invitation_max_open || recent >=
	    cfg->invitation_max_per_day) {
		x->out = open >= cfg->invitation_max_open ? IV_LIMIT_OPEN :
		    IV_LIMIT_DAY;
		return ERR_NOTFOUND;
	}
	if ((e = db_invitation_open_real(c->db, x->b->email.v, c->now,
	    &other_org)) != ERR_OK)
		return e;
	memset(&n, 0, sizeof(n));
	n.org_id = x->o->id;
	n.email = x->b->email.v;
	n.role = x->b->role.v;
	n.sender = arena_printf(c->a, "%s %s", c->user.first_name,
	    c->user.last_name);
	n.sender_user_id = c->user.id;
	n.expires_at = c->now + (int64_t)cfg->invitation_ttl_s * 1000;
	/* Silent (§5.2): the address is someone else's member or invitee. */
	n.silent = other_org > 0 || (have_user &&
	    strcmp(u.status, "Deleted") != 0);
	if (n.silent)
		return db_invitation_insert(c->db, &n, c->now, &x->id);
	return inv_real(c, x, &n, &u, have_user);
}

void
api_invitation_create(struct api_call *c)
{
	struct inv_body		*b = c->in;
	struct db_org		 o;
	struct inv		 x;
	int64_t			 org = b->org;
	enum err		 e = ERR_DB;
	int			 i;

	if ((e = db_org_by_id(c->db, c->a, org, &o)) == ERR_NOTFOUND) {
		api_failf(c, E_ORGANIZATION_NOT_FOUND, "No organization "
		    "with id %lld", (long long)org);
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	if (!api_acct_role_fits(b->role.v, o.type)) {
		api_failf(c, E_ROLE_NOT_ALLOWED_FOR_ORGANIZATION, "Role %s "
		    "cannot belong to %s organization %lld", b->role.v, o.type,
		    (long long)o.id);
		return;
	}
	memset(&x, 0, sizeof(x));
	if (strcmp(o.status, "Active") != 0)
		x.out = IV_SUSPENDED;
	x.b = b;
	x.o = &o;
	/* A concurrent real invitation elsewhere (uq_invitation_open_email):
	 * run again, it is then silent. */
	for (i = 0; x.out == IV_OK && (e = api_acct_tx(c, inv_create_tx, &x)) ==
	    ERR_CONFLICT && i < 2; i++)
		;
	if (x.out == IV_SUSPENDED)
		e = ERR_NOTFOUND;
	if (e == ERR_OK) {
		api_acct_reply_invitation(c, 201, x.id, 0);
		return;
	}
	if (e != ERR_NOTFOUND) {
		api_db_error(c, e == ERR_CONFLICT ? ERR_DEADLOCK : e);
		return;
	}
	switch (x.out) {
	case IV_OK:
		api_db_error(c, ERR_DB);	/* not reached */
		break;
	case IV_SUSPENDED:
		api_failf(c, E_ORGANIZATION_SUSPENDED, "Organization %lld "
		    "is suspended; reactivate it first", (long long)o.id);
		break;
	case IV_MEMBER:
		api_failf(c, E_ALREADY_MEMBER, "%s is already a member of "
		    "organization %lld", b->email.v, (long long)o.id);
		break;
	case IV_PENDING:
		api_acct_error_details(c, E_INVITATION_PENDING, arena_printf(c->a,
		    "%s already has an open invitation to organization %lld",
		    b->email.v, (long long)o.id), arena_printf(c->a,
		    "{\"invitationId\":%lld}", (long long)x.id));
		break;
	default: {
		int	open = x.out == IV_LIMIT_OPEN;
		int	lim = open ? c->ctx->cfg->invitation_max_open :
		    c->ctx->cfg->invitation_max_per_day;

		api_acct_error_details(c, E_INVITATION_LIMIT_REACHED,
		    arena_printf(c->a, "Organization %lld has reached %d %s; "
		    "revoke some or wait", (long long)o.id, lim, open ?
		    "open invitations" : "invitations in 24 hours"),
		    arena_printf(c->a, "{\"limit\":%d,\"window\":\"%s\"}", lim,
		    open ? "open" : "day"));
	}
	}
}

static const char *const inv_statuses[] = { "Pending", "Accepted",
    "Rejected", "Revoked", "Expired", NULL };

/* GET /api/invitation's query. */
struct inv_list_in {
	struct api_pageq	 pq;
	struct jstr		 status, org_q;
	const char		*st;		/* canonical comma list */
	int64_t			 org, page, limit;
};

static const struct jfield inv_list_query[] = {
	{ "status", JT_STRING, 0, offsetof(struct inv_list_in, status), NULL,
	    .doc = "A comma list of Pending, Accepted, Rejected, Revoked, "
	    "Expired (any case)" },
	{ "organizationId", JT_STRING, 0, offsetof(struct inv_list_in, org_q),
	    NULL, .doc = "Admin only: one organization's invitations (an id; "
	    "default all)" },
	API_QPAGE(struct inv_list_in, pq),
	API_QLIMIT(struct inv_list_in, pq, "Per page, 1-100 (default 20)"),
};

/*
 * status filter: a comma list of read statuses (any case) → the canonical
 * list, in the request's arena; NULL when the query has no status.
 */
static const char *
status_filter(struct api_call *c, const struct jstr *q,
    struct field_errors *fe)
{
	const char	*v = q->present ? q->v : NULL, *canon;
	char		*copy, *tok, *save = NULL;
	struct strbuf	 sb;

	if (v == NULL)
		return NULL;
	copy = arena_strdup(c->a, v);
	strbuf_init_arena(&sb, c->a);
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		dom_trim(tok);
		if ((canon = dom_canonical(tok, inv_statuses)) == NULL) {
			http_field_error(c->a, fe, "status", "\"%.40s\" is not "
			    "allowed; Pending, Accepted, Rejected, Revoked or "
			    "Expired (a comma list)", tok);
			break;
		}
		strbuf_printf(&sb, "%s%s", sb.len ? "," : "", canon);
	}
	return sb.buf != NULL ? sb.buf : "";	/* the arena owns sb.buf */
}

static int
inv_list_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct inv_list_in *q = in;

	api_paging_of(c, &q->pq, 20, 100, &q->page, &q->limit, fe);
	q->st = status_filter(c, &q->status, fe);
	q->org = c->user.org.id;
	if (c->role_bit & ROLE_ADMIN) {
		q->org = 0;
		if (q->org_q.present && api_id_text(q->org_q.v, &q->org) != 0)
			http_field_error(c->a, fe, "organizationId", "is not a "
			    "valid id");
	}
	return 0;
}

const struct api_input api_in_invitation_list = {
	.size = sizeof(struct inv_list_in),
	.query = JTABLE(inv_list_query, struct inv_list_in),
	.code = E_INVALID_QUERY,
	.check = inv_list_check,
	.doc = "Lists invitations",
};

void
api_invitation_list(struct api_call *c)
{
	const struct inv_list_in *q = c->in;
	struct db_invitation	*v;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*st = q->st;
	int64_t			 page = q->page, limit = q->limit, total;
	int64_t			 org = q->org;
	int			 n, i;
	enum err		 e;

	if ((e = db_invitation_list(c->db, c->a, org, st, c->now, limit,
	    (page - 1) * limit, &v, &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "invitations");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		api_render_invitation(&w, &v[i], c->now);
	jw_arr_close(&w);
	api_page_keys(&w, page, limit, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

static void
not_found(struct api_call *c, int64_t id)
{
	api_failf(c, E_INVITATION_NOT_FOUND, "No invitation %lld for you",
	    (long long)id);
}

void
api_invitation_mine(struct api_call *c)
{
	struct db_invitation	v;
	struct strbuf		sb;
	struct jw		w;
	enum err		e;

	e = db_invitation_of_invitee(c->db, c->a, c->user.id, c->user.org.id,
	    &v);
	if (e == ERR_NOTFOUND) {
		api_failf(c, E_INVITATION_NOT_FOUND, "No invitation "
		    "addressed to you");
		return;
	}
	if (e != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_render_invitation(&w, &v, c->now);
	api_json(c, 200, &sb);
}

enum act_out { AC_OK, AC_NOTFOUND, AC_NOT_OPEN };

struct act {
	int64_t		 id;
	const char	*status;	/* Accepted, Rejected, Revoked */
	enum act_out	 out;
	const char	*read_status;
	int64_t		 user_id;	/* Accepted: the user to show */
};

static enum err
act_tx(struct api_call *c, void *arg)
{
	struct act		*x = arg;
	struct db_invitation	 v;
	enum err		 e;

	x->out = AC_NOTFOUND;
	if ((e = db_invitation_get(c->db, c->a, x->id, 0, &v)) != ERR_OK)
		return e;
	if (strcmp(x->status, "Revoked") == 0 ? !api_acct_is_manager(c, v.org_id) :
	    v.invitee_user_id != c->user.id || v.org_id != c->user.org.id)
		return ERR_NOTFOUND;
	if ((e = db_org_lock(c->db, v.org_id)) != ERR_OK ||
	    (e = db_invitation_get(c->db, c->a, x->id, 1, &v)) != ERR_OK)
		return e;
	x->read_status = api_acct_invitation_status(&v, c->now);
	if (strcmp(x->read_status, "Pending") != 0) {
		x->out = AC_NOT_OPEN;
		return ERR_NOTFOUND;
	}
	x->out = AC_OK;
	if (strcmp(x->status, "Accepted") != 0)
		return api_acct_invitation_close(c->db, &v, x->status, c->now);
	if (strcmp(c->user.status, "Pending") != 0) {
		x->out = AC_NOTFOUND;
		return ERR_NOTFOUND;
	}
	x->user_id = c->user.id;
	if ((e = db_user_set_status(c->db, c->user.id, "Active", c->now)) !=
	    ERR_OK ||
	    (e = db_invitation_set_status(c->db, v.id, "Accepted", c->now)) !=
	    ERR_OK)
		return e;
	return db_token_delete_invitation(c->db, v.id);
}

/* Runs act for :id with status; answers. */
static void
act(struct api_call *c, int64_t id, const char *status)
{
	struct act	x;
	enum err	e;

	memset(&x, 0, sizeof(x));
	x.id = id;
	x.status = status;
	e = api_acct_tx(c, act_tx, &x);
	if (e != ERR_OK && e != ERR_NOTFOUND) {
		api_db_error(c, e);
		return;
	}
	if (x.out == AC_NOTFOUND) {
		not_found(c, id);
		return;
	}
	if (x.out == AC_NOT_OPEN) {
		/* read_status is one of the fixed words of §5.1. */
		api_acct_error_details(c, E_INVITATION_NOT_OPEN,
		    arena_printf(c->a, "Invitation %lld is %s, not open",
		    (long long)id, x.read_status), arena_printf(c->a,
		    "{\"status\":\"%s\"}", x.read_status));
		return;
	}
	api_acct_reply_invitation(c, 200, id, x.user_id);
}

struct answer_body {
	struct jstr status;
};

static const char *const answers[] = { "Accepted", "Rejected", NULL };

static const char *
a_status(struct arena *a, void *d, void *x)
{
	(void)x;
	return api_fld_choice(a, &((struct answer_body *)d)->status, answers,
	    "Accepted or Rejected");
}

static const struct jfield answer_fields[] = {
	{ "status", JT_STRING, 1, offsetof(struct answer_body, status),
	    a_status, .doc = "Accepted or Rejected (any case)" },
};

const struct api_input api_in_invitation_answer = {
	.size = sizeof(struct answer_body),
	.path_id = "id",
	.body = JTABLE(answer_fields, struct answer_body),
	.doc = "Accepts or rejects an invitation",
};

void
api_invitation_answer(struct api_call *c)
{
	const struct answer_body *b = c->in;

	act(c, c->path_id, b->status.v);
}

void
api_invitation_revoke(struct api_call *c)
{
	int64_t id;

	if (api_path_id(c, "id", &id) == 0)
		act(c, id, "Revoked");
}
