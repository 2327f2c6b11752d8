/*
 * Accounts (accounts.md): the checks and replies shared by the
 * confirmation, reset, invitation, member and admin-organization routes.
 * Account creation, tokens and outgoing mail are the account/ layer's
 * (account/account.h), shared with drecctl.
 */
#ifndef API_ACCOUNTS_H
#define API_ACCOUNTS_H

#include <stdint.h>

#include "api/api.h"

#include "account/account.h"

/* 1 when u may hold a session (Active or live Pending; organization Active). */
int	 api_acct_user_live(const struct db_user *, int64_t now);
/* 1 when the caller manages organization org (CONVENTIONS §4). */
int	 api_acct_is_manager(const struct api_call *, int64_t org);
/* Answers 400 TOKEN_INVALID. */
void	 api_acct_token_invalid(struct api_call *);
/* Answers 400 TOKEN_EXPIRED for a token that expired at ms. */
void	 api_acct_token_expired(struct api_call *, int64_t ms);
/* "{\"success\": true, \"message\": msg}" with status. */
void	 api_acct_reply_message(struct api_call *, int status, const char *msg);
/*
 * Opens {"success": true[, "message": msg]} in w over sb, a buffer in the
 * request's arena (msg NULL: no message); the caller adds its keys, then
 * api_acct_success_send answers.
 */
void	 api_acct_success_open(struct api_call *, struct jw *, struct strbuf *,
	    const char *msg);
void	 api_acct_success_send(struct api_call *, int status, struct jw *,
	    struct strbuf *);

/*
 * A new password hash for u with its effects (accounts.md §4.2-4.3): its
 * password_reset tokens deleted, its sessions but keep_jti (NULL: all)
 * deleted, password_changed enqueued; in the caller's transaction.
 */
enum err api_acct_password_set(struct api_call *, const struct db_user *u,
	    const char *pw_hash, const char *keep_jti);

/* Invitation object (accounts.md §5.1). */
void	 api_render_invitation(struct jw *, const struct db_invitation *,
	    int64_t now);
/* The organization object plus its invitations (§6.2); 0 or answered. */
void	 api_acct_reply_org(struct api_call *, const struct db_org *, int with_inv);

#endif

/*
 * The error envelope with message msg and "details": details_json, a JSON
 * object the caller built from its own values (numbers, fixed words).
 */
void	 api_acct_error_details(struct api_call *, enum ecode e, const char *msg,
	    const char *details_json);
/* 429 RATE_LIMITED with Retry-After and details.retryAfterSeconds. */
void	 api_acct_rate_limited(struct api_call *, int64_t retry_ms, const char *what);

/* 1 when role fits a Developer or Buyer organization of type. */
int	 api_acct_role_fits(const char *role, const char *type);
/*
 * Ends open invitation v with status (Revoked, Rejected, Expired): its
 * token deleted, a Pending invitee it created deleted (sessions and
 * tokens with it).  In the caller's transaction.
 */
enum err api_acct_invitation_close(struct db_conn *, const struct db_invitation *,
	    const char *status, int64_t now);
/* The read status of v (§5.1). */
const char *api_acct_invitation_status(const struct db_invitation *, int64_t now);
/* {"success": true, "invitation": v [, "user": user id's view]} */
void	 api_acct_reply_invitation(struct api_call *, int status, int64_t inv_id,
	    int64_t user_id);
/*
 * u becomes Deleted and loses its sessions and tokens (organization row
 * locked); mail: removed_from_organization.  In the caller's transaction.
 */
enum err api_acct_user_remove(struct api_call *, const struct db_user *u, int mail);
