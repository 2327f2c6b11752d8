/*
 * itest_accounts: accounts.md §13's vectors, in order, on one fresh
 * database (the rows share state).  test_accounts.c holds the helpers and
 * rows 1-14 (confirmation, reset); test_accounts_inv.c the invitation,
 * member and admin rows; test_accounts_mail.c the delivery rows against a
 * real SMTP sink (tests/mail/sink.py); test_accounts_logs.c row 47 and
 * the token routes' spellings in the logs.
 */
#ifndef TEST_ACCOUNTS_H
#define TEST_ACCOUNTS_H

#include "core/nelem.h"
#include "itest.h"


/* Shared state of the rows. */
struct acc {
	char		*a_tok;			/* Admin A */
	long long	 a_id, super_org;
	char		*d_tok, *d_tok2, *b_tok, *c_tok, *p_tok, *own_tok;
	long long	 d_id, devco, b_id, buyco, c_id, p_id, own_id;
	long long	 now;			/* the frozen clock, epoch s */
	const char	*d_pw;
	long long	 inv_new, inv_b;		/* #15, #17 */
};
extern struct acc acc;

/* Sets the test clock to epoch seconds t. */
void	 acc_clock(long long t);
#define acc_advance(s)	acc_clock(acc.now + (s))
/* Registers a user of a new organization; 201 expected; its id. */
long long acc_register(const char *email, const char *pw, const char *org,
	    const char *type, const char *first, const char *last,
	    long long *org_id);
/*
 * OB(to, tpl): the outbox's messages (newest first) as A, malloc'd JSON
 * array holder (free with json_object_put); wait_ms > 0 polls until at
 * least min messages are there.
 */
struct json_object *acc_outbox(const char *to, const char *tpl, int min,
	    int wait_ms);
/* The 64 hex digits after "token=" in the newest message to/tpl, malloc'd. */
char	*acc_token(const char *to, const char *tpl, int index);
/* The number of messages to/tpl. */
int	 acc_outbox_count(const char *to, const char *tpl);
/* One request answered with status and code. */
#define ACC_ERR(m, p, t, b, st, code) \
	itest_expect_error((m), (p), (t), (b), NULL, (st), (code))

/* The invitation rows' state (test_accounts_inv.c). */
struct acc_inv {
	long long	 new_id, inv_new, inv_b, inv_p, p_id, own_id, r_inv;
	long long	 w_id, w_inv, d_inv;
	char		*p_tok, *own_tok, *new_tok;
};
extern struct acc_inv inv_st;
/* INV email role [extra JSON members] as tok, query appended. */
void	 inv(const char *tok, const char *query, const char *email,
	    const char *role, const char *extra, struct itest_resp *r);
/* INV expecting 201 with §5.1's object into org (name); its id. */
long long inv_ok(const char *tok, const char *query, const char *email,
	    const char *role, const char *org);
/* RP token {newPassword: pw}. */
void	 rp_ok(const char *tok, const char *pw, struct itest_resp *r);
/* CR org user {role} as tok, expecting st (and code when not NULL). */
void	 cr(const char *tok, long long org, long long uid, const char *role,
	    long st, const char *code);

void	 acc_inv_register(CU_pSuite);
/* Rows 36-39 (test_accounts_more.c), after acc_inv_register's. */
void	 acc_admin_register(CU_pSuite);
void	 acc_mail_register(CU_pSuite);
void	 acc_inv_later_register(CU_pSuite);
/* A file's text (malloc'd, "" when unreadable). */
char	*acc_slurp(const char *path);
/* Row 47 and the token routes' spellings (test_accounts_logs.c). */
void	 acc_t47_logs(void);
void	 acc_log_spellings(void);
void	 acc_log_errors(void);
/* Puts the stack's drec.conf back after #44 (also on a failure). */
void	 acc_conf_restore(void);

#endif
