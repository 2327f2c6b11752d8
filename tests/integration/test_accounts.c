/*
 * itest_accounts (see test_accounts.h): helpers, and accounts.md §13 rows
 * 1-14: e-mail confirmation and forgotten-password reset.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test_accounts.h"

#define T0		1735689600LL	/* 2025-01-01T00:00:00Z */
#define FP		"/api/user/forget-password"
#define ME		"/api/user/me"
#define RESEND		"/api/user/resend-confirm-email"
#define FORGET_MSG	"{\"success\":true,\"message\":\"If this address " \
			"belongs to an account, a password reset link has " \
			"been sent to it\"}"

struct acc acc = { .d_pw = "Dev12345" };

void
acc_clock(long long t)
{
	struct itest_resp	r;
	char			body[64], iso[32];
	time_t			tt = (time_t)t;
	struct tm		tm;

	gmtime_r(&tt, &tm);
	strftime(iso, sizeof(iso), "%Y-%m-%dT%H:%M:%SZ", &tm);
	snprintf(body, sizeof(body), "{\"now\":\"%s\"}", iso);
	itest_put("/api/test/clock", acc.a_tok, body, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	itest_resp_free(&r);
	acc.now = t;
}

long long
acc_register(const char *email, const char *pw, const char *org,
    const char *type, const char *first, const char *last, long long *org_id)
{
	struct itest_resp	 r;
	char			*b;
	long long		 id;

	b = itest_fmt("{\"firstName\":\"%s\",\"lastName\":\"%s\",\"email\":"
	    "\"%s\",\"organizationType\":\"%s\",\"password\":\"%s\","
	    "\"confirmPassword\":\"%s\",\"orgName\":\"%s\"}", first, last,
	    email, type, pw, pw, org);
	itest_post("/api/user/register", NULL, b, &r);
	free(b);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "emailConfirmed") == 0);
	id = itest_jint(&r, "id");
	if (org_id != NULL)
		*org_id = itest_jint(&r, "organization.id");
	itest_resp_free(&r);
	return id;
}

struct json_object *
acc_outbox(const char *to, const char *tpl, int min, int wait_ms)
{
	struct itest_resp	 r;
	struct json_object	*m = NULL;
	char			*p, *e = itest_urlencode(to);
	int			 waited = 0;

	p = itest_fmt("/api/test/outbox?limit=100&to=%s%s%s", e,
	    tpl ? "&template=" : "", tpl ? tpl : "");
	free(e);
	for (;;) {
		itest_get(p, acc.a_tok, &r);
		ITEST_ASSERT_STATUS_FATAL(&r, 200);
		m = json_object_get(itest_jget(&r, "messages"));
		itest_resp_free(&r);
		if ((int)json_object_array_length(m) >= min || waited >= wait_ms)
			break;
		json_object_put(m);
		usleep(100000);
		waited += 100;
	}
	free(p);
	return m;
}

int
acc_outbox_count(const char *to, const char *tpl)
{
	struct json_object	*m = acc_outbox(to, tpl, 0, 0);
	int			 n = (int)json_object_array_length(m);

	json_object_put(m);
	return n;
}

char *
acc_token(const char *to, const char *tpl, int index)
{
	struct json_object	*m = acc_outbox(to, tpl, index + 1, 2000);
	const char		*body, *t;
	char			*tok = NULL;

	if ((int)json_object_array_length(m) > index &&
	    (body = itest_ostr(json_object_array_get_idx(m, (size_t)index),
	    "body")) != NULL && (t = strstr(body, "token=")) != NULL &&
	    strspn(t + 6, "0123456789abcdef") >= 64)
		tok = strndup(t + 6, 64);
	json_object_put(m);
	ITEST_REQUIRE(tok != NULL);
	return tok;
}

/* CF t */
static void
cf(const char *tok, long st, const char *code_or_msg)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/user/confirm-email/%s", tok);

	/* A token route ignores Authorization (accounts.md §1). */
	itest_request("PUT", p, "not-a-token", NULL, "{}", NULL, &r);
	ITEST_ASSERT_STATUS(&r, st);
	if (st == 200)
		ITEST_ASSERT_JSTR(&r, "message", code_or_msg);
	else
		ITEST_ASSERT_JSTR(&r, "code", code_or_msg);
	itest_resp_free(&r);
	free(p);
}

/* RP t {p} (confirm NULL: not sent); the response (caller frees). */
static void
rp(const char *tok, const char *pw, const char *confirm,
    struct itest_resp *r)
{
	char	*p = itest_fmt("/api/user/reset/password/%s", tok);
	char	*b = confirm ? itest_fmt("{\"newPassword\":\"%s\","
	    "\"confirmPassword\":\"%s\"}", pw, confirm) :
	    itest_fmt("{\"newPassword\":\"%s\"}", pw);

	itest_put(p, NULL, b, r);
	free(p);
	free(b);
}

static void
fp(const char *body)
{
	struct itest_resp r;

	itest_post(FP, NULL, body, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, strcmp(r.body, FORGET_MSG) == 0);
	itest_resp_free(&r);
}

static void
t_fixture(void)
{
	struct itest_resp r;

	acc.a_tok = itest_admin_token();
	ITEST_REQUIRE(acc.a_tok != NULL);
	itest_get(ME, acc.a_tok, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	acc.a_id = itest_jint(&r, "id");
	acc.super_org = itest_jint(&r, "organization.id");
	ITEST_ASSERT_R(&r, itest_jbool(&r, "emailConfirmed") == 1);
	itest_resp_free(&r);
	acc_clock(T0);
}

static void
t01_register(void)
{
	struct json_object	*m;
	struct itest_resp	 r;
	const char		*body;

	acc.d_id = acc_register("d@x.io", "Dev12345", "DevCo", "Developer",
	    "Dana", "Dev", &acc.devco);
	m = acc_outbox("d@x.io", "confirm_email", 1, 0);
	ITEST_REQUIRE(json_object_array_length(m) == 1);
	ITEST_ASSERT_R(NULL, strcmp(itest_ostr(m, "0.status"), "pending") == 0);
	ITEST_ASSERT_R(NULL, strcmp(itest_ostr(m, "0.subject"),
	    "[D-REC] Confirm your e-mail address") == 0);
	body = itest_ostr(m, "0.body");
	ITEST_ASSERT_R(NULL, body && strstr(body,
	    "http://localhost:4200/confirm-email?token=") != NULL);
	json_object_put(m);
	acc.d_tok = itest_login("d@x.io", "Dev12345");
	ITEST_REQUIRE(acc.d_tok != NULL);
	itest_get("/api/device/my", acc.d_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
}

static void
t02_confirm(void)
{
	struct itest_resp	 r;
	char			*t = acc_token("d@x.io", "confirm_email", 0);
	char			 up[65];
	size_t			 i;

	cf(t, 200, "Email confirmed successfully");
	itest_get(ME, acc.d_tok, &r);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "emailConfirmed") == 1);
	itest_resp_free(&r);
	/* Upper case is the same token (lower-cased, §2.4). */
	for (i = 0; i < 64; i++)
		up[i] = (char)(t[i] >= 'a' && t[i] <= 'f' ? t[i] - 32 : t[i]);
	up[64] = '\0';
	cf(up, 200, "Email already confirmed");
	free(t);
}

static void
t03_bad_tokens(void)
{
	cf("xyz", 400, "TOKEN_INVALID");
	cf("0000000000000000000000000000000000000000000000000000000000000000",
	    400, "TOKEN_INVALID");
	ACC_ERR("PUT", RESEND, acc.d_tok, NULL, 409, "EMAIL_ALREADY_CONFIRMED");
}

static void
t04_resend_limit(void)
{
	struct itest_resp	 r;
	char			*older, *newer, *ra;

	acc.b_id = acc_register("b@x.io", "Buy12345", "BuyCo", "Buyer",
	    "Bo", "Buyer", &acc.buyco);
	acc.b_tok = itest_login("b@x.io", "Buy12345");
	ITEST_REQUIRE(acc.b_tok != NULL);
	itest_request("PUT", RESEND, acc.b_tok, NULL, "{}", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 429, "RATE_LIMITED");
	ra = itest_header(&r, "Retry-After");
	ITEST_ASSERT_R(&r, ra != NULL && strcmp(ra, "60") == 0);
	ITEST_ASSERT_JINT(&r, "details.retryAfterSeconds", 60);
	free(ra);
	itest_resp_free(&r);
	acc_advance(61);
	itest_request("PUT", RESEND, acc.b_tok, NULL, "{}", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "message", "Confirmation e-mail sent to b@x.io");
	itest_resp_free(&r);
	newer = acc_token("b@x.io", "confirm_email", 0);
	older = acc_token("b@x.io", "confirm_email", 1);
	cf(older, 200, "Email confirmed successfully");
	cf(newer, 400, "TOKEN_INVALID");
	free(older);
	free(newer);
}

static void
t05_expired(void)
{
	struct itest_resp	 r;
	char			*t, *t2;

	acc.c_id = acc_register("c@x.io", "Cee12345", "CeeCo", "Developer",
	    "Cy", "Cee", NULL);
	acc.c_tok = itest_login("c@x.io", "Cee12345");
	ITEST_REQUIRE(acc.c_tok != NULL);
	t = acc_token("c@x.io", "confirm_email", 0);
	acc_advance(48 * 3600 + 1);
	cf(t, 400, "TOKEN_EXPIRED");
	ACC_ERR("PUT", RESEND, NULL, NULL, 401, "UNAUTHORIZED");
	itest_request("PUT", RESEND, acc.c_tok, NULL, "{}", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	t2 = acc_token("c@x.io", "confirm_email", 0);
	cf(t2, 200, "Email confirmed successfully");
	free(t);
	free(t2);
}

static void
t06_email_change(void)
{
	struct itest_resp	 r;
	struct json_object	*m;
	const char		*body;
	char			*old;

	old = acc_token("d@x.io", "confirm_email", 0);
	itest_put("/api/user/profile", acc.d_tok,
	    "{\"email\":\"d2@x.io\",\"oldPassword\":\"Dev12345\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "emailConfirmed") == 0);
	ITEST_ASSERT_JSTR(&r, "email", "d2@x.io");
	itest_resp_free(&r);
	ITEST_ASSERT_R(NULL, acc_outbox_count("d2@x.io", "confirm_email") == 1);
	m = acc_outbox("d@x.io", "email_changed", 1, 0);
	body = itest_ostr(m, "0.body");
	ITEST_ASSERT_R(NULL, body != NULL && strstr(body, "d2@x.io") != NULL);
	json_object_put(m);
	/* The confirmed token of the former address is no longer honoured. */
	cf(old, 400, "TOKEN_INVALID");
	free(old);
}

static void
t07_forget(void)
{
	struct json_object *m;

	fp("{\"email\":\"d2@x.io\"}");
	fp("{\"email\":\"nobody@x.io\"}");
	fp("{\"email\":\" D2@X.IO \",\"clientid\":null}");
	ITEST_ASSERT_R(NULL, json_object_array_length(m = acc_outbox("d2@x.io",
	    "password_reset", 2, 2000)) == 2);
	json_object_put(m);
	ITEST_ASSERT_R(NULL, acc_outbox_count("nobody@x.io", NULL) == 0);
}

static void
t08_forget_bad(void)
{
	struct itest_resp r;

	itest_post(FP, NULL, "{\"email\":\"bad\"}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "email", NULL);
	itest_resp_free(&r);
	itest_post(FP, NULL, "{}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "email", NULL);
	itest_resp_free(&r);
	itest_request("POST", FP, NULL, "text/plain", "{\"email\":\"d2@x.io\"}",
	    NULL, &r);
	ITEST_ASSERT_ERROR(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
	itest_resp_free(&r);
}

static void
t09_forget_window(void)
{
	fp("{\"email\":\"d2@x.io\"}");
	fp("{\"email\":\"d2@x.io\"}");
	usleep(300000);
	ITEST_ASSERT_R(NULL, acc_outbox_count("d2@x.io", "password_reset") == 3);
}

static void
t10_reset(void)
{
	struct itest_resp	 r;
	char			*t1 = acc_token("d2@x.io", "password_reset", 2);
	char			*tk;

	acc.d_tok2 = itest_login("d2@x.io", "Dev12345");
	ITEST_REQUIRE(acc.d_tok2 != NULL);
	rp(t1, "Fresh123", "Fresh123", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "firstName", "Dana");
	ITEST_ASSERT_R(&r, itest_jbool(&r, "emailConfirmed") == 1);
	ITEST_ASSERT_R(&r, strstr(r.body, "Fresh123") == NULL);
	itest_resp_free(&r);
	ACC_ERR("GET", ME, acc.d_tok, NULL, 401, "UNAUTHORIZED");
	ACC_ERR("GET", ME, acc.d_tok2, NULL, 401, "UNAUTHORIZED");
	ITEST_ASSERT_R(NULL, itest_login("d2@x.io", "Dev12345") == NULL);
	tk = itest_login("d2@x.io", "Fresh123");
	ITEST_ASSERT_R(NULL, tk != NULL);
	free(acc.d_tok);
	acc.d_tok = tk;
	acc.d_pw = "Fresh123";
	ITEST_ASSERT_R(NULL, acc_outbox_count("d2@x.io", "password_changed") == 1);
	free(t1);
}

static void
t11_reused(void)
{
	struct itest_resp	 r;
	char			*t1 = acc_token("d2@x.io", "password_reset", 2);
	char			*t2 = acc_token("d2@x.io", "password_reset", 1);

	rp(t1, "Other123", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "TOKEN_INVALID");
	itest_resp_free(&r);
	rp(t2, "Other123", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "TOKEN_INVALID");
	itest_resp_free(&r);
	rp("xyz", "a", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "TOKEN_INVALID");
	itest_resp_free(&r);
	free(t1);
	free(t2);
}

static void
t12_reset_fields_expiry(void)
{
	struct itest_resp	 r;
	char			*t;

	acc_advance(3600);
	fp("{\"email\":\"d2@x.io\"}");
	usleep(200000);
	t = acc_token("d2@x.io", "password_reset", 0);
	rp(t, "abcdef", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "newPassword", NULL);
	itest_resp_free(&r);
	rp(t, "Again123", "Again124", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "confirmPassword", NULL);
	itest_resp_free(&r);
	acc_advance(3601);
	rp(t, "Again123", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "TOKEN_EXPIRED");
	itest_resp_free(&r);
	free(t);
}

static void
t13_change_ends_reset(void)
{
	struct itest_resp	 r;
	char			*t, *b;

	acc_advance(3600);
	fp("{\"email\":\"d2@x.io\"}");
	usleep(200000);
	t = acc_token("d2@x.io", "password_reset", 0);
	b = itest_fmt("{\"oldPassword\":\"%s\",\"newPassword\":\"Other123\"}",
	    acc.d_pw);
	itest_put("/api/user/password", acc.d_tok, b, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	acc.d_pw = "Other123";
	rp(t, "Again123", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "TOKEN_INVALID");
	itest_resp_free(&r);
	/* Another user's token sets nothing for D: B's token is B's. */
	free(t);
	free(b);
}

static void
t14_suspended(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/admin/users/%lld", acc.c_id);
	int			 before = acc_outbox_count("c@x.io",
	    "password_reset");

	itest_put(p, acc.a_tok, "{\"status\":\"Suspended\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	fp("{\"email\":\"c@x.io\"}");
	usleep(300000);
	ITEST_ASSERT_R(NULL, acc_outbox_count("c@x.io", "password_reset") ==
	    before);
	itest_put(p, acc.a_tok, "{\"status\":\"Active\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(p);
}

/* Tokens of another user: B's reset link never changes D's password. */
static void
t14b_other_user(void)
{
	struct itest_resp	 r;
	char			*t, *tk;

	fp("{\"email\":\"b@x.io\"}");
	t = acc_token("b@x.io", "password_reset", 0);
	rp(t, "Bnew1234", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "id", acc.b_id);
	itest_resp_free(&r);
	ITEST_ASSERT_R(NULL, itest_login("d2@x.io", "Bnew1234") == NULL);
	tk = itest_login("d2@x.io", acc.d_pw);
	ITEST_ASSERT_R(NULL, tk != NULL);
	free(tk);
	free(acc.b_tok);
	acc.b_tok = itest_login("b@x.io", "Bnew1234");
	ITEST_REQUIRE(acc.b_tok != NULL);
	free(t);
}

/* clients.md §4.1: PUT /api/user/reset/password/<own e-mail>. */
static void
t_reset_own(void)
{
	struct itest_resp	 r;
	const char		*p = "/api/user/reset/password/b%40x.io";
	char			*tk;

	ACC_ERR("PUT", p, NULL, "{\"newPassword\":\"Bown1234\","
	    "\"confirmPassword\":\"Bown1234\"}", 401, "UNAUTHORIZED");
	ACC_ERR("PUT", "/api/user/reset/password/d2%40x.io", acc.b_tok,
	    "{\"newPassword\":\"Bown1234\",\"confirmPassword\":\"Bown1234\"}",
	    404, "USER_NOT_FOUND");
	itest_put(p, acc.b_tok, "{\"newPassword\":\"Bown1234\"}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "confirmPassword", NULL);
	itest_resp_free(&r);
	ACC_ERR("PUT", p, acc.b_tok, "{\"newPassword\":\"Bown1234\","
	    "\"confirmPassword\":\"Bown1234\",\"oldPassword\":\"Wrong123\"}",
	    400, "INCORRECT_CURRENT_PASSWORD");
	/* A login of the last 15 minutes needs no oldPassword. */
	itest_put("/api/user/reset/password/%20B%40X.IO%20", acc.b_tok,
	    "{\"newPassword\":\"Bown1234\",\"confirmPassword\":\"Bown1234\"}",
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "firstName", "Bo");
	itest_resp_free(&r);
	tk = itest_login("b@x.io", "Bown1234");
	ITEST_ASSERT_R(NULL, tk != NULL);
	free(tk);
	acc_advance(901);
	ACC_ERR("PUT", p, acc.b_tok, "{\"newPassword\":\"Bnew1234\","
	    "\"confirmPassword\":\"Bnew1234\"}", 400,
	    "REAUTHENTICATION_REQUIRED");
	itest_put(p, acc.b_tok, "{\"newPassword\":\"Bnew1234\","
	    "\"confirmPassword\":\"Bnew1234\",\"oldPassword\":\"Bown1234\"}",
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	itest_get("/api/user/me", acc.b_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);	/* the calling session stays */
	itest_resp_free(&r);
}

static void
t40_outbox_route(void)
{
	ACC_ERR("GET", "/api/test/outbox", acc.b_tok, NULL, 403, "FORBIDDEN");
	ACC_ERR("GET", "/api/test/outbox?template=nope", acc.a_tok, NULL, 400,
	    "INVALID_QUERY");
	ACC_ERR("GET", "/api/test/outbox", NULL, NULL, 401, "UNAUTHORIZED");
	ACC_ERR("GET", "/api/test/outbox?limit=101", acc.a_tok, NULL, 400,
	    "INVALID_QUERY");
}

static int
suite_cleanup(void)
{
	acc_conf_restore();
	itest_raw("PUT", "/api/test/clock", acc.a_tok, "{\"now\":null}", NULL,
	    NULL, NULL);
	return 0;
}

static const struct { const char *name; CU_TestFunc fn; } rows[] = {
	{ "fixture: Admin A, clock 2025-01-01", t_fixture },
	{ "#1 registration enqueues confirm_email", t01_register },
	{ "#2 confirm, confirm again", t02_confirm },
	{ "#3 bad tokens, already confirmed", t03_bad_tokens },
	{ "#4 resend: 1 a minute, older token still valid", t04_resend_limit },
	{ "#5 expired confirmation token", t05_expired },
	{ "#6 e-mail change: unconfirmed, both addresses mailed", t06_email_change },
	{ "#7 forget-password: same answer for every address", t07_forget },
	{ "#8 forget-password: bad input", t08_forget_bad },
	{ "#9 forget-password: 3 an hour per address", t09_forget_window },
	{ "#10 reset: sessions end, new password", t10_reset },
	{ "#11 reset tokens: used, invalidated, malformed", t11_reused },
	{ "#12 reset: fields, then expiry", t12_reset_fields_expiry },
	{ "#13 a password change ends reset tokens", t13_change_ends_reset },
	{ "#14 suspended user: no reset mail", t14_suspended },
	{ "token for another user", t14b_other_user },
	{ "clients.md §4.1 own-e-mail password form", t_reset_own },
	{ "#40 outbox route: roles, query", t40_outbox_route },
};

static void
register_all(void)
{
	CU_pSuite	s;
	size_t		i;

	if ((s = CU_add_suite("accounts: confirmation, reset (accounts.md §13 "
	    "1-14, 40)", NULL, suite_cleanup)) == NULL)
		exit(2);
	for (i = 0; i < NELEM(rows); i++)
		itest_add(s, rows[i].name, rows[i].fn);
	acc_inv_register(s);
	acc_mail_register(s);
	acc_inv_later_register(s);
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}
