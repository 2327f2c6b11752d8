/*
 * The account layer (ARCHITECTURE.md §2, docs/architecture.md): what creates
 * and mails accounts, shared by drecd's routes (api/) and drecctl.  It
 * stands on core/, domain/, db/ and crypto/ and includes neither http/ nor
 * api/: every function takes a db_conn (and a config where mail is
 * rendered) and works inside the caller's transaction unless it says
 * otherwise.
 *   create.c  account creation: registration (users.md §4.1), the Admin
 *             route (§4.12), a managed organization's first user
 *             (integrators.md §4.1), drecctl create-admin / create-user
 *   mail.c    account tokens and outgoing mail (accounts.md §2.4, §8)
 */
#ifndef ACCOUNT_ACCOUNT_H
#define ACCOUNT_ACCOUNT_H

#include <stdint.h>

#include "core/config.h"
#include "core/err.h"
#include "db/db.h"

#define ACCOUNT_TOKEN_HEX	64

/* A new token (64 lower-case hex from the CSPRNG) and its stored hash. */
int	 account_token_new(char tok[ACCOUNT_TOKEN_HEX + 1], char hash[ACCOUNT_TOKEN_HEX + 1]);
/* The stored hash (hex SHA-256) of a token's text. */
void	 account_token_hash(const char *tok, char hash[ACCOUNT_TOKEN_HEX + 1]);
/* Lower-cases s in place; 0 when it is 64 hex digits, else -1. */
int	 account_token_syntax(char *s);

/* What a template needs beyond the recipient (unused fields NULL / 0). */
struct account_mail {
	const char	*tpl;		/* accounts.md §8.2 name */
	const char	*to;
	int64_t		 user_id;	/* 0: none */
	const char	*token;		/* raw token text for the link */
	int64_t		 expires;	/* the link's expiry, ms */
	const char	*other;		/* email_changed: the new address */
	const char	*sender;	/* invitation */
	const char	*org_name;	/* invitation, role_changed, removed */
	const char	*role;		/* invitation, role_changed */
};

/*
 * Renders m (subject, plain-text body, Message-ID) and inserts its
 * outbox row with created_at now, in the caller's transaction.
 */
enum err account_mail(struct db_conn *, const struct config *, int64_t now,
	    const struct account_mail *m);
/*
 * A new token of purpose for user (mailed to email, expiring now + ttl)
 * and its mail m (m->token and m->expires are filled), in the caller's
 * transaction.
 */
enum err account_token_mail(struct db_conn *, const struct config *, int64_t now,
	    const char *purpose, int64_t user_id, const char *email,
	    int64_t invitation_id, long ttl_s, struct account_mail *m);

/* An account to create (account_create); strings borrowed. */
struct account_new {
	const char	*first_name;
	const char	*last_name;
	const char	*email;		/* trimmed, lower-cased */
	const char	*password;
	const char	*role;		/* canonical */
	int64_t		 org_id;	/* existing organization, or 0: */
	int64_t		 managing_api_user_id;	/* managed org (§4.1), or 0 */
	const char	*org_name;	/* ... create this one */
	const char	*org_type;
	const char	*org_address;
	/* Registration (accounts.md §3.1): unconfirmed, with a confirm_email
	 * token and mail; NULL: confirmed (Admin-made accounts), unless
	 * unconfirmed is set. */
	const struct config *mail_cfg;
	/* With mail_cfg NULL: unconfirmed and unmailed (a managed
	 * organization's first user, integrators.md §4.1). */
	int		 unconfirmed;
};

/*
 * Creates the account n (its organization too unless n->org_id; the
 * password hashed with bcrypt_cost) in one transaction of its own, with
 * db_tx_retry's deadlock retries; *user_id is the new user's id.  On
 * ERR_CONFLICT *code is E_EMAIL_TAKEN or E_ORGANIZATION_NAME_TAKEN.
 */
enum err account_create(struct db_conn *, int bcrypt_cost, int64_t now,
	    const struct account_new *, int64_t *user_id, enum ecode *code);

#endif
