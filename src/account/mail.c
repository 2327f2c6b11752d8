/*
 * Account tokens and outgoing mail (accounts.md §2.4, §8.1-8.2): tokens
 * are 32 CSPRNG bytes as 64 hex digits, stored only as their SHA-256;
 * every mail is rendered here (the raw token exists only now) and
 * inserted into the outbox in the caller's transaction.
 */
#include <stdio.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/timeutil.h"
#include "crypto/crypto.h"
#include "account/account.h"

int
account_token_new(char tok[ACCOUNT_TOKEN_HEX + 1], char hash[ACCOUNT_TOKEN_HEX + 1])
{
	unsigned char	raw[32];

	if (crypto_random(raw, sizeof(raw)) != 0)
		return -1;
	crypto_hex(raw, sizeof(raw), tok);
	crypto_wipe(raw, sizeof(raw));
	account_token_hash(tok, hash);
	return 0;
}

void
account_token_hash(const char *tok, char hash[ACCOUNT_TOKEN_HEX + 1])
{
	unsigned char	sha[32];

	crypto_sha256(tok, strlen(tok), sha);
	crypto_hex(sha, sizeof(sha), hash);
}

int
account_token_syntax(char *s)
{
	size_t	i;

	if (s == NULL || strlen(s) != ACCOUNT_TOKEN_HEX)
		return -1;
	for (i = 0; i < ACCOUNT_TOKEN_HEX; i++) {
		if (s[i] >= 'A' && s[i] <= 'F')
			s[i] = (char)(s[i] - 'A' + 'a');
		if (strchr("0123456789abcdef", s[i]) == NULL)
			return -1;
	}
	return 0;
}

/* "2025-01-01 00:00 UTC" (accounts.md §8.2) into out[24]. */
static void
mail_instant(int64_t ms, char out[24])
{
	char	iso[TIME_ISO_LEN];

	time_format_iso(ms, iso);
	snprintf(out, 24, "%.10s %.5s UTC", iso, iso + 11);
}

/* Appends the application/x-www-form-urlencoded form of s. */
static void
put_urlenc(struct strbuf *sb, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr("-._~", ch) != NULL)
			strbuf_putc(sb, (char)ch);
		else {
			strbuf_putc(sb, '%');
			strbuf_putc(sb, hex[ch >> 4]);
			strbuf_putc(sb, hex[ch & 15]);
		}
	}
}

/* The link to the web client's page with the token (and address). */
static void
put_link(struct strbuf *sb, const struct config *cfg, const char *page,
    const struct account_mail *m, int with_email)
{
	strbuf_printf(sb, "%s/%s?token=%s", cfg->ui_base_url, page, m->token);
	if (with_email) {
		strbuf_puts(sb, "&email=");
		put_urlenc(sb, m->to);
	}
	strbuf_puts(sb, "\n\n");
}

/* Subject and body of m into subj / body; -1 for an unknown template. */
static int
render(const struct config *cfg, int64_t now, const struct account_mail *m,
    struct strbuf *subj, struct strbuf *body)
{
	char	when[24], exp[24];

	mail_instant(now, when);
	mail_instant(m->expires, exp);
	strbuf_puts(body, "Hello,\n\n");
	if (strcmp(m->tpl, "confirm_email") == 0) {
		strbuf_puts(subj, "[D-REC] Confirm your e-mail address");
		strbuf_puts(body, "please confirm that this is your e-mail "
		    "address for D-REC by opening this link:\n\n");
		put_link(body, cfg, "confirm-email", m, 0);
		strbuf_printf(body, "The link expires at %s.\n", exp);
	} else if (strcmp(m->tpl, "password_reset") == 0) {
		strbuf_puts(subj, "[D-REC] Reset your password");
		strbuf_puts(body, "someone asked to reset the password of your "
		    "D-REC account. To choose a new password, open this "
		    "link:\n\n");
		put_link(body, cfg, "reset-password", m, 1);
		strbuf_printf(body, "The link expires at %s.\n\nIf you did not "
		    "ask for this, ignore this e-mail.\n", exp);
	} else if (strcmp(m->tpl, "password_changed") == 0) {
		strbuf_puts(subj, "[D-REC] Your password was changed");
		strbuf_printf(body, "the password of your D-REC account was "
		    "changed at %s. Every session of your account was ended "
		    "(a change from the profile page keeps only the session "
		    "that made it).\n\nIf this was not you, reset your "
		    "password at %s/forgot-password\n", when, cfg->ui_base_url);
	} else if (strcmp(m->tpl, "email_changed") == 0) {
		strbuf_puts(subj, "[D-REC] Your e-mail address was changed");
		strbuf_printf(body, "the e-mail address of your D-REC account "
		    "was changed from %s to %s at %s.\n\nIf this was not you, "
		    "contact your administrator.\n", m->to, m->other, when);
	} else if (strcmp(m->tpl, "invitation") == 0) {
		strbuf_printf(subj, "[D-REC] %s invited you to %s", m->sender,
		    m->org_name);
		strbuf_printf(body, "%s invited you to join %s on D-REC with "
		    "the role %s.\n\nTo accept, choose your password:\n\n",
		    m->sender, m->org_name, m->role);
		put_link(body, cfg, "reset-password", m, 1);
		strbuf_printf(body, "The invitation expires at %s. Then log in "
		    "at %s/login\n\nIf you do not want to join, ignore this "
		    "e-mail.\n", exp, cfg->ui_base_url);
	} else if (strcmp(m->tpl, "role_changed") == 0) {
		strbuf_printf(subj, "[D-REC] Your role in %s changed",
		    m->org_name);
		strbuf_printf(body, "your role in %s on D-REC is now %s "
		    "(since %s).\n", m->org_name, m->role, when);
	} else if (strcmp(m->tpl, "removed_from_organization") == 0) {
		strbuf_printf(subj, "[D-REC] You were removed from %s",
		    m->org_name);
		strbuf_printf(body, "you were removed from %s on D-REC at %s; "
		    "your account can no longer log in.\n", m->org_name, when);
	} else
		return -1;
	strbuf_puts(body, "\n-- \nD-REC (this message was sent automatically)\n");
	return 0;
}

enum err
account_mail(struct db_conn *db, const struct config *cfg, int64_t now,
    const struct account_mail *m)
{
	struct strbuf	subj, body;
	char		addr[CONFIG_STR], mid[CONFIG_STR + 48], rnd[33];
	const char	*dom;
	enum err	e = ERR_DB;

	if (config_mail_address(cfg->mail_from, addr, sizeof(addr)) != 0)
		return ERR_DB;
	if (crypto_random_hex128(rnd) != 0)
		return ERR_CRYPTO;
	dom = strchr(addr, '@') + 1;
	snprintf(mid, sizeof(mid), "<%s@%s>", rnd, dom);
	strbuf_init(&subj);
	strbuf_init(&body);
	if (render(cfg, now, m, &subj, &body) == 0 && subj.buf != NULL &&
	    body.buf != NULL)
		e = db_mail_insert(db, mid, m->tpl, m->to, subj.buf, body.buf,
		    m->user_id, now);
	crypto_wipe(body.buf, body.len);
	strbuf_cleanup(&subj);
	strbuf_cleanup(&body);
	return e;
}

enum err
account_token_mail(struct db_conn *db, const struct config *cfg, int64_t now,
    const char *purpose, int64_t uid, const char *email, int64_t inv,
    long ttl_s, struct account_mail *m)
{
	char		tok[ACCOUNT_TOKEN_HEX + 1], hash[ACCOUNT_TOKEN_HEX + 1];
	enum err	e;

	if (account_token_new(tok, hash) != 0)
		return ERR_CRYPTO;
	m->token = tok;
	m->expires = now + (int64_t)ttl_s * 1000;
	e = db_token_insert(db, purpose, hash, uid, email, inv, now, m->expires);
	if (e == ERR_OK)
		e = account_mail(db, cfg, now, m);
	crypto_wipe(tok, sizeof(tok));
	m->token = NULL;
	return e;
}
