/*
 * E-mail confirmation (accounts.md §3.2-3.3) and the test profile's view
 * of the outbox (§8.5).
 */
#include <stddef.h>
#include <string.h>

#include "core/arena.h"
#include "domain/user_rules.h"
#include "api/accounts.h"
#include "api/inputs.h"

#define MIN_MS	(60LL * 1000)
#define DAY_MS	(86400LL * 1000)

enum confirm_out { CF_OK, CF_AGAIN, CF_INVALID, CF_EXPIRED };

struct confirm {
	const char		*hash;
	enum confirm_out	 out;
	int64_t			 expired_at;
};

static enum err
confirm_tx(struct api_call *c, void *arg)
{
	struct confirm	*x = arg;
	struct db_token	 t;
	struct db_user	 u;
	enum err	 e;

	x->out = CF_INVALID;
	if ((e = db_token_lock(c->db, c->a, x->hash, &t)) != ERR_OK)
		return e;
	if (strcmp(t.purpose, "confirm_email") != 0)
		return ERR_NOTFOUND;
	if ((e = db_user_by_id(c->db, c->a, t.user_id, &u)) != ERR_OK)
		return e;
	if (strcmp(t.email, u.email) != 0 || !api_acct_user_live(&u, c->now))
		return ERR_NOTFOUND;
	if (t.used) {
		if (u.email_confirmed_at != NULL)
			x->out = CF_AGAIN;
		return ERR_NOTFOUND;
	}
	if (t.expires_at <= c->now) {
		x->out = CF_EXPIRED;
		x->expired_at = t.expires_at;
		return ERR_NOTFOUND;
	}
	if ((e = db_user_set_confirmed(c->db, u.id, c->now)) != ERR_OK ||
	    (e = db_token_use(c->db, t.id, c->now)) != ERR_OK ||
	    (e = db_token_delete(c->db, u.id, "confirm_email", t.id)) != ERR_OK)
		return e;
	x->out = CF_OK;
	return ERR_OK;
}

void
api_confirm_email(struct api_call *c)
{
	struct confirm	 x;
	char		*tok, hash[ACCOUNT_TOKEN_HEX + 1];
	enum err	 e;

	tok = arena_strdup(c->a, api_param(c, "token"));
	if (account_token_syntax(tok) != 0) {
		api_acct_token_invalid(c);
		return;
	}
	account_token_hash(tok, hash);
	memset(&x, 0, sizeof(x));
	x.hash = hash;
	e = api_acct_tx(c, confirm_tx, &x);
	if (e != ERR_OK && e != ERR_NOTFOUND) {
		api_db_error(c, e);
		return;
	}
	switch (x.out) {
	case CF_OK:
		api_acct_reply_message(c, 200, "Email confirmed successfully");
		break;
	case CF_AGAIN:
		api_acct_reply_message(c, 200, "Email already confirmed");
		break;
	case CF_EXPIRED:
		api_acct_token_expired(c, x.expired_at);
		break;
	default:
		api_acct_token_invalid(c);
	}
}

static enum err
resend_tx(struct api_call *c, void *arg)
{
	struct account_mail m = { .tpl = "confirm_email", .to = c->user.email,
	    .user_id = c->user.id };

	(void)arg;
	return account_token_mail(c->db, c->ctx->cfg, c->now, "confirm_email",
	    c->user.id, c->user.email, 0, c->ctx->cfg->email_confirm_ttl_s, &m);
}

void
api_resend_confirm_email(struct api_call *c)
{
	int64_t		at[5], retry = 0;
	int		n;
	enum err	e;

	if (c->user.email_confirmed_at != NULL) {
		api_failf(c, E_EMAIL_ALREADY_CONFIRMED, "The e-mail address "
		    "%s is already confirmed", c->user.email);
		return;
	}
	/* §3.3: one a minute, five a day, per address. */
	if ((e = db_mail_since(c->db, c->user.email, "confirm_email",
	    c->now - DAY_MS, at, 5, &n)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	if (n > 0 && at[0] > c->now - MIN_MS)
		retry = at[0] + MIN_MS - c->now;
	if (n >= 5 && at[4] + DAY_MS - c->now > retry)
		retry = at[4] + DAY_MS - c->now;
	if (retry > 0) {
		api_acct_rate_limited(c, retry, "confirmation e-mails to this address");
		return;
	}
	if ((e = api_acct_tx(c, resend_tx, NULL)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	api_acct_reply_message(c, 200, arena_printf(c->a, "Confirmation e-mail "
	    "sent to %s", c->user.email));
}

static const char *const templates[] = { "confirm_email", "password_reset",
    "password_changed", "email_changed", "invitation", "role_changed",
    "removed_from_organization", NULL };

/* GET /api/test/outbox's query. */
struct outbox_in {
	struct api_pageq	 pq;
	struct jstr		 to, tpl;
	char			*addr;		/* trimmed, lower-case */
	const char		*template;	/* canonical */
	int64_t			 page, limit;
};

static const struct jfield outbox_query[] = {
	{ "to", JT_STRING, 0, offsetof(struct outbox_in, to), NULL,
	    .doc = "Only messages to this e-mail address" },
	{ "template", JT_STRING, 0, offsetof(struct outbox_in, tpl), NULL,
	    .doc = "Only messages of this template (any case)" },
	API_QPAGE(struct outbox_in, pq),
	API_QLIMIT(struct outbox_in, pq, "At most this many, 1-100 "
	    "(default 20)"),
};

static int
outbox_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct outbox_in	*q = in;
	const char		*t = q->tpl.present ? q->tpl.v : NULL;

	api_paging_of(c, &q->pq, 20, 100, &q->page, &q->limit, fe);
	if (q->to.present) {
		q->addr = arena_strdup(c->a, q->to.v);
		dom_trim(q->addr);
		if (dom_check_email(q->addr, strlen(q->addr)) != NULL)
			http_field_error(c->a, fe, "to", "is not an e-mail address");
		dom_ascii_lower(q->addr);
	}
	if (t != NULL && (q->template = dom_canonical(t, templates)) == NULL)
		http_field_error(c->a, fe, "template", "\"%.40s\" is not allowed; "
		    "one of confirm_email, password_reset, password_changed, "
		    "email_changed, invitation, role_changed, "
		    "removed_from_organization", t);
	return 0;
}

const struct api_input api_in_test_outbox = {
	.size = sizeof(struct outbox_in),
	.query = JTABLE(outbox_query, struct outbox_in),
	.code = E_INVALID_QUERY,
	.check = outbox_check,
	.doc = "Lists the test outbox's messages",
};

void
api_test_outbox(struct api_call *c)
{
	const struct outbox_in	*q = c->in;
	struct db_mail		*m;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*tpl = q->template;
	int64_t			 limit = q->limit;
	char			*addr = q->addr;
	int			 n, i;
	enum err		 e;

	if ((e = db_mail_list(c->db, c->a, addr, tpl, limit, &m, &n)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "messages");
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		jw_obj_open(&w);
		jw_key(&w, "id");
		jw_int(&w, m[i].id);
		jw_key(&w, "messageId");
		jw_str(&w, m[i].message_id);
		jw_key(&w, "template");
		jw_str(&w, m[i].template);
		jw_key(&w, "to");
		jw_str(&w, m[i].recipient);
		jw_key(&w, "subject");
		jw_str(&w, m[i].subject);
		jw_key(&w, "body");
		jw_str(&w, m[i].body);
		jw_key(&w, "status");
		jw_str(&w, m[i].status);
		jw_key(&w, "attempts");
		jw_int(&w, m[i].attempts);
		jw_key(&w, "lastError");
		jw_str(&w, m[i].last_error);
		jw_key(&w, "createdAt");
		jw_str(&w, m[i].created_at);
		jw_key(&w, "sentAt");
		jw_str(&w, m[i].sent_at);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}
