/*
 * Account tables (accounts.md §9): account tokens, the mail outbox,
 * forget-password attempts, invitations, and the organization / user
 * writes of the account routes.  Included by db/db.h.
 */
#ifndef DB_ACCOUNTS_H
#define DB_ACCOUNTS_H

#include <stdint.h>

struct arena;
struct db_conn;

/* ---- account tokens (§2.4) ---- */

struct db_token {
	int64_t		 id;
	const char	*purpose;	/* confirm_email | password_reset | invitation */
	int64_t		 user_id;
	const char	*email;
	int64_t		 invitation_id;	/* 0: none */
	int64_t		 expires_at;	/* ms */
	int		 used;
};

/* Inserts a token row; hash is the 64 hex digits of SHA-256(token text). */
enum err	 db_token_insert(struct db_conn *, const char *purpose,
		    const char *hash, int64_t user_id, const char *email,
		    int64_t invitation_id, int64_t now, int64_t expires);
/* The token row of hash, locked (FOR UPDATE); ERR_NOTFOUND when none. */
enum err	 db_token_lock(struct db_conn *, struct arena *, const char *hash,
		    struct db_token *);
/* Marks token id used at now. */
enum err	 db_token_use(struct db_conn *, int64_t id, int64_t now);
/* Deletes user's tokens of purpose but keep_id (0: all of purpose);
 * purpose NULL: every token of the user. */
enum err	 db_token_delete(struct db_conn *, int64_t user_id,
		    const char *purpose, int64_t keep_id);
/* Deletes the token(s) of an invitation. */
enum err	 db_token_delete_invitation(struct db_conn *, int64_t inv_id);

/* ---- the outbox (§8) ---- */

struct db_mail {
	int64_t		 id;
	const char	*message_id;
	const char	*template;
	const char	*recipient;
	const char	*subject;
	const char	*body;		/* NULL once sent */
	const char	*status;
	int64_t		 attempts;
	const char	*last_error;
	const char	*created_at;	/* ISO */
	const char	*sent_at;	/* ISO or NULL */
	int64_t		 user_id;
};

/* Inserts an outbox row (pending, due now by the database clock). */
enum err	 db_mail_insert(struct db_conn *, const char *message_id,
		    const char *tpl, const char *to, const char *subject,
		    const char *body, int64_t user_id, int64_t now);
/* Newest first, filtered by to / tpl (NULL: any); arena array of *n. */
enum err	 db_mail_list(struct db_conn *, struct arena *, const char *to,
		    const char *tpl, int64_t limit, struct db_mail **, int *n);
/*
 * created_at (ms) of the mails of tpl to an address after since, newest
 * first, into at[0..max); *n how many (up to max).
 */
enum err	 db_mail_since(struct db_conn *, const char *to, const char *tpl,
		    int64_t since, int64_t *at, int max, int *n);

/* The mailer (§8.3, mail.c).  Times here are the database's real clock. */

/* The database's NOW(3), ms. */
enum err	 db_mail_db_now(struct db_conn *, int64_t *ms);
/*
 * The next due pending row (flush: ignoring next_attempt_at) whose lease
 * ended before pass_start; ERR_NOTFOUND when none.
 */
enum err	 db_mail_next(struct db_conn *, int flush, int64_t pass_start,
		    int64_t *id);
/* Claims row id for holder (autocommit); *claimed 1 or 0. */
enum err	 db_mail_claim(struct db_conn *, int64_t id, const char *holder,
		    int lease_s, int flush, int *claimed);
/* The claimed row. */
enum err	 db_mail_get(struct db_conn *, struct arena *, int64_t id,
		    const char *holder, struct db_mail *);
/* Outcomes, written only while holder holds the row. */
enum err	 db_mail_sent(struct db_conn *, int64_t id, const char *holder);
enum err	 db_mail_retry(struct db_conn *, int64_t id, const char *holder,
		    const char *error, int delay_s, int max_attempts);
enum err	 db_mail_fail(struct db_conn *, int64_t id, const char *holder,
		    const char *error);
/* Pending and failed counts, age of the oldest pending (s, vs now). */
enum err	 db_mail_status(struct db_conn *, int64_t now, int64_t *pending,
		    int64_t *failed, int64_t *oldest_s);
/* Requeues failed row id; ERR_NOTFOUND when no failed row has it. */
enum err	 db_mail_requeue(struct db_conn *, int64_t id);

/* ---- forget-password attempts (§4.1) ---- */

enum err	 db_reset_attempts(struct db_conn *, const unsigned char sha[32],
		    int64_t since, int64_t *count);
enum err	 db_reset_attempt_insert(struct db_conn *,
		    const unsigned char sha[32], int64_t now);

/* ---- invitations (§5) ---- */

struct db_invitation {
	int64_t		 id;
	int64_t		 org_id;
	const char	*email;
	const char	*role;
	const char	*status;	/* stored */
	int		 silent;
	const char	*sender;
	int64_t		 sender_user_id;
	int64_t		 invitee_user_id;	/* 0: none */
	int		 created_user;
	const char	*created_at;
	const char	*updated_at;
	int64_t		 expires_at;	/* ms */
	const char	*org_name;
	const char	*org_type;
};

struct db_invitation_new {
	int64_t		 org_id;
	const char	*email;
	const char	*role;
	int		 silent;
	const char	*sender;
	int64_t		 sender_user_id;
	int64_t		 invitee_user_id;	/* 0: none */
	int		 created_user;
	int64_t		 expires_at;
};

enum err	 db_invitation_insert(struct db_conn *,
		    const struct db_invitation_new *, int64_t now, int64_t *id);
/* lock: SELECT ... FOR UPDATE. */
enum err	 db_invitation_get(struct db_conn *, struct arena *, int64_t id,
		    int lock, struct db_invitation *);
/* org_id 0: all; statuses: comma list of read statuses or NULL. */
enum err	 db_invitation_list(struct db_conn *, struct arena *,
		    int64_t org_id, const char *statuses, int64_t now,
		    int64_t limit, int64_t offset, struct db_invitation **,
		    int *n, int64_t *total);
/* The newest invitation whose invitee is user into org. */
enum err	 db_invitation_of_invitee(struct db_conn *, struct arena *,
		    int64_t user_id, int64_t org_id, struct db_invitation *);
/* An open invitation (silent included) of org for email: *id or 0. */
enum err	 db_invitation_open_in_org(struct db_conn *, int64_t org_id,
		    const char *email, int64_t now, int64_t *id);
/* The organization of an open real invitation of email, or 0. */
enum err	 db_invitation_open_real(struct db_conn *, const char *email,
		    int64_t now, int64_t *org_id);
/* Open invitations of org; invitations of org created after since. */
enum err	 db_invitation_counts(struct db_conn *, int64_t org_id,
		    int64_t now, int64_t since, int64_t *open, int64_t *recent);
/* Stores Expired on the lapsed Pending invitations of email (tokens too). */
enum err	 db_invitation_expire_lapsed(struct db_conn *, const char *email,
		    int64_t now);
enum err	 db_invitation_set_status(struct db_conn *, int64_t id,
		    const char *status, int64_t now);
/* Ids of org's open invitations, arena array of *n. */
enum err	 db_invitation_open_ids(struct db_conn *, struct arena *,
		    int64_t org_id, int64_t now, int64_t **ids, int *n);

/* ---- users and organizations ---- */

/*
 * Deletes stale Pending users (§2.1) — of email, or any (email NULL, at
 * most 100 per call) — storing Expired on their invitations; *n deleted.
 */
enum err	 db_user_delete_stale(struct db_conn *, const char *email,
		    int64_t now, int *n);
enum err	 db_user_delete(struct db_conn *, int64_t id);
/* email_confirmed_at := at (0: NULL). */
enum err	 db_user_set_confirmed(struct db_conn *, int64_t id, int64_t at);
enum err	 db_user_set_role(struct db_conn *, int64_t id, const char *role,
		    int64_t now);
/* Organization, role, Active, password hash, confirmed at now. */
enum err	 db_user_join(struct db_conn *, int64_t id, int64_t org_id,
		    const char *role, const char *hash, int64_t now);
enum err	 db_user_insert_pending(struct db_conn *, int64_t org_id,
		    const char *email, const char *hash, const char *first,
		    const char *last, const char *role, int64_t now, int64_t *id);
/* Active users of org with role, other than except_id. */
enum err	 db_user_count_role(struct db_conn *, int64_t org_id,
		    const char *role, int64_t except_id, int64_t *n);
/* Locks the organization row and bumps member_version (§6.1). */
enum err	 db_org_lock(struct db_conn *, int64_t id);
enum err	 db_org_update(struct db_conn *, int64_t id, const char *name,
		    const char *address, const char *org_email,
		    const char *status, int64_t now);
/* ERR_OK when another organization than id has this name (any case). */
enum err	 db_org_name_other(struct db_conn *, const char *name, int64_t id);
enum err	 db_org_holdings(struct db_conn *, int64_t id, int64_t *devices,
		    int64_t *reservations);
/*
 * Organization-wide deletions: what = "sessions" (its users' sessions),
 * "tokens", "pending" (its Pending users), "users", "invitations",
 * "organization"; integrators.md: "jobs" (its bulk jobs), "user_jobs" (jobs
 * its users made elsewhere), "apiuser" (its api_user row, with credentials
 * and client sessions).
 */
enum err	 db_org_delete_part(struct db_conn *, int64_t id, const char *what);

/* The creation instant (ms) of session jti. */
enum err	 db_session_created(struct db_conn *, const char *jti, int64_t *ms);

/* ---- housekeeping (§8.3), effective now ---- */

struct db_reap {
	int	stale_users, tokens, attempts, mails, invitations;
};
enum err	 db_accounts_reap(struct db_conn *, int64_t now,
		    int retention_days, struct db_reap *);

#endif
