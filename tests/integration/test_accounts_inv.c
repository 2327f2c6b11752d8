/*
 * itest_accounts: invitations, members and the Admin's organization
 * routes (accounts.md §13 rows 15-39, then 45-48 after the mail rows),
 * and #47 (no token in a log).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_accounts.h"

#define INV	"/api/invitation"

static struct {
	long long	 new_id, inv_new, inv_b, inv_p, p_id, own_id, r_inv;
	long long	 w_id, w_inv, d_inv;
	char		*p_tok, *own_tok, *new_tok;
} s;

/* INV email role [extra JSON members] as tok (query appended to the path). */
static void
inv(const char *tok, const char *query, const char *email, const char *role,
    const char *extra, struct itest_resp *r)
{
	char *p = itest_fmt(INV "%s", query ? query : "");
	char *b = itest_fmt("{\"email\":\"%s\",\"role\":\"%s\"%s%s}", email, role,
	    extra ? "," : "", extra ? extra : "");

	itest_post(p, tok, b, r);
	free(p);
	free(b);
}

/* INV expecting 201 with §5.1's object; its id. */
static long long
inv_ok(const char *tok, const char *query, const char *email,
    const char *role, const char *org)
{
	struct itest_resp	r;
	long long		id, c, e;

	inv(tok, query, email, role, NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "success") == 1);
	ITEST_ASSERT_JSTR(&r, "invitation.status", "Pending");
	ITEST_ASSERT_JSTR(&r, "invitation.organization.name", org);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "invitation") == 9);
	c = itest_parse_instant(itest_jstr(&r, "invitation.createdAt"));
	e = itest_parse_instant(itest_jstr(&r, "invitation.expiresAt"));
	ITEST_ASSERT_R(&r, e - c == 7 * 86400);
	id = itest_jint(&r, "invitation.id");
	itest_resp_free(&r);
	return id;
}

static void
rp_ok(const char *tok, const char *pw, struct itest_resp *r)
{
	char *p = itest_fmt("/api/user/reset/password/%s", tok);
	char *b = itest_fmt("{\"newPassword\":\"%s\"}", pw);

	itest_put(p, NULL, b, r);
	free(p);
	free(b);
}

static void
cr(const char *tok, long long org, long long uid, const char *role,
    long st, const char *code)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/organization/%lld/change-role/"
	    "%lld", org, uid);
	char			*b = itest_fmt("{\"role\":\"%s\"}", role);

	itest_put(p, tok, b, &r);
	if (code != NULL)
		ITEST_ASSERT_ERROR(&r, st, code);
	else
		ITEST_ASSERT_STATUS(&r, st);
	itest_resp_free(&r);
	free(p);
	free(b);
}

static void
t15_invite(void)
{
	struct itest_resp	 r;
	struct json_object	*m;

	inv(acc.d_tok, NULL, "New@x.io", "deviceowner", "\"firstName\":\"Nia\"",
	    &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_JSTR(&r, "invitation.email", "new@x.io");
	ITEST_ASSERT_JSTR(&r, "invitation.role", "DeviceOwner");
	ITEST_ASSERT_JSTR(&r, "invitation.status", "Pending");
	ITEST_ASSERT_JSTR(&r, "invitation.sender", "Dana Dev");
	ITEST_ASSERT_JSTR(&r, "invitation.organization.name", "DevCo");
	ITEST_ASSERT_R(&r, itest_parse_instant(itest_jstr(&r,
	    "invitation.expiresAt")) - itest_parse_instant(itest_jstr(&r,
	    "invitation.createdAt")) == 7 * 86400);
	s.inv_new = itest_jint(&r, "invitation.id");
	itest_resp_free(&r);
	m = acc_outbox("new@x.io", "invitation", 1, 0);
	ITEST_ASSERT_R(NULL, json_object_array_length(m) == 1 &&
	    strcmp(itest_ostr(m, "0.subject"),
	    "[D-REC] Dana Dev invited you to DevCo") == 0);
	json_object_put(m);
}

static void
t16_lists(void)
{
	struct itest_resp r;

	itest_get("/api/organization/users", acc.d_tok, &r);
	ITEST_ASSERT_JINT(&r, "totalCount", 1);
	ITEST_ASSERT_JINT(&r, "users.0.id", acc.d_id);
	itest_resp_free(&r);
	itest_get(INV, acc.d_tok, &r);
	ITEST_ASSERT_JSTR(&r, "invitations.0.email", "new@x.io");
	ITEST_ASSERT_JSTR(&r, "invitations.0.status", "Pending");
	itest_resp_free(&r);
	itest_get("/api/organization/me", acc.d_tok, &r);
	ITEST_ASSERT_JSTR(&r, "invitations.0.email", "new@x.io");
	ITEST_ASSERT_JSTR(&r, "name", "DevCo");
	itest_resp_free(&r);
	itest_get("/api/organization/me", acc.b_tok, &r);
	ITEST_ASSERT_R(&r, itest_jtype(&r, "invitations") == json_type_array &&
	    itest_jlen(&r, "invitations") == 0);
	itest_resp_free(&r);
}

static void
t17_conflicts_silent(void)
{
	struct itest_resp r;

	inv(acc.d_tok, NULL, "New@x.io", "deviceowner", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 409, "INVITATION_PENDING");
	ITEST_ASSERT_JINT(&r, "details.invitationId", s.inv_new);
	itest_resp_free(&r);
	inv(acc.d_tok, NULL, "d2@x.io", "User", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 409, "ALREADY_MEMBER");
	itest_resp_free(&r);
	s.inv_b = inv_ok(acc.d_tok, NULL, "b@x.io", "User", "DevCo");
	itest_get("/api/user/me", acc.b_tok, &r);
	ITEST_ASSERT_JSTR(&r, "organization.name", "BuyCo");
	ITEST_ASSERT_JSTR(&r, "role", "Buyer");
	itest_resp_free(&r);
	ITEST_ASSERT_R(NULL, acc_outbox_count("b@x.io", "invitation") == 0);
	itest_get(INV, acc.d_tok, &r);
	ITEST_ASSERT_R(&r, itest_find_int(itest_jget(&r, "invitations"), "id",
	    s.inv_b) >= 0);
	itest_resp_free(&r);
	inv(acc.d_tok, NULL, "x@y", "Admin", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "email", "role", NULL);
	itest_resp_free(&r);
}

static void
t18_roles(void)
{
	struct itest_resp	 r;
	char			*b;

	inv(acc.d_tok, NULL, "z@x.io", "Buyer", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "ROLE_NOT_ALLOWED_FOR_ORGANIZATION");
	itest_resp_free(&r);
	b = itest_fmt("{\"firstName\":\"Own\",\"lastName\":\"Er\",\"email\":"
	    "\"own@x.io\",\"password\":\"Own12345\",\"confirmPassword\":"
	    "\"Own12345\",\"role\":\"DeviceOwner\",\"organizationId\":%lld}",
	    acc.devco);
	itest_post("/api/admin/users", acc.a_tok, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "emailConfirmed") == 1);
	s.own_id = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(b);
	s.own_tok = itest_login("own@x.io", "Own12345");
	ITEST_REQUIRE(s.own_tok != NULL);
	inv(s.own_tok, NULL, "z@x.io", "User", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 403, "FORBIDDEN");
	itest_resp_free(&r);
	inv(acc.a_tok, NULL, "z@x.io", "User", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_QUERY");
	itest_resp_free(&r);
	inv(acc.a_tok, "?organizationId=999999", "z@x.io", "User", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 404, "ORGANIZATION_NOT_FOUND");
	itest_resp_free(&r);
}

static void
t19_taken(void)
{
	struct itest_resp r;

	itest_post("/api/user/register", NULL, "{\"firstName\":\"N\","
	    "\"lastName\":\"N\",\"email\":\"new@x.io\",\"organizationType\":"
	    "\"Developer\",\"password\":\"Nnnn1234\",\"confirmPassword\":"
	    "\"Nnnn1234\",\"orgName\":\"NCo\"}", &r);
	ITEST_ASSERT_ERROR(&r, 409, "EMAIL_TAKEN");
	itest_resp_free(&r);
	ITEST_ASSERT_R(NULL, itest_login("new@x.io", "x1234567") == NULL);
}

static void
t20_accept_link(void)
{
	struct itest_resp	 r;
	char			*t = acc_token("new@x.io", "invitation", 0);

	rp_ok(t, "Join1234", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "status", "Active");
	ITEST_ASSERT_JSTR(&r, "role", "DeviceOwner");
	ITEST_ASSERT_JSTR(&r, "organization.name", "DevCo");
	ITEST_ASSERT_JSTR(&r, "firstName", "Nia");
	ITEST_ASSERT_R(&r, itest_jbool(&r, "emailConfirmed") == 1);
	s.new_id = itest_jint(&r, "id");
	itest_resp_free(&r);
	itest_get(INV "?status=accepted", acc.d_tok, &r);
	ITEST_ASSERT_R(&r, itest_find_int(itest_jget(&r, "invitations"), "id",
	    s.inv_new) >= 0);
	itest_resp_free(&r);
	/* The link is single use. */
	rp_ok(t, "Join5678", &r);
	ITEST_ASSERT_ERROR(&r, 400, "TOKEN_INVALID");
	itest_resp_free(&r);
	free(t);
}

static void
t21_by_email(void)
{
	struct itest_resp	 r;
	char			*p;

	s.new_tok = itest_login("new@x.io", "Join1234");
	ITEST_REQUIRE(s.new_tok != NULL);
	itest_get(INV "/By_email", s.new_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "status", "Accepted");
	itest_resp_free(&r);
	p = itest_fmt(INV "/%lld", s.inv_new);
	itest_put(p, s.new_tok, "{\"status\":\"Rejected\"}", &r);
	ITEST_ASSERT_ERROR(&r, 409, "INVITATION_NOT_OPEN");
	ITEST_ASSERT_JSTR(&r, "details.status", "Accepted");
	itest_resp_free(&r);
	free(p);
	ACC_ERR("PUT", INV "/By_email", s.new_tok, "{}", 405,
	    "METHOD_NOT_ALLOWED");
}

/* INV e User T(D), FP e, RP → the Pending invitee's token. */
static char *
pending_invitee(const char *email, const char *pw, long long *inv_id,
    long long *uid)
{
	struct itest_resp	 r;
	char			*t, *b = itest_fmt("{\"email\":\"%s\"}", email);

	*inv_id = inv_ok(acc.d_tok, NULL, email, "User", "DevCo");
	itest_post("/api/user/forget-password", NULL, b, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(b);
	t = acc_token(email, "password_reset", 0);
	rp_ok(t, pw, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "status", "Pending");
	*uid = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(t);
	return itest_login(email, pw);
}

static void
t22_pending(void)
{
	s.p_tok = pending_invitee("p@x.io", "Pend1234", &s.inv_p, &s.p_id);
	ITEST_REQUIRE(s.p_tok != NULL);
	ACC_ERR("GET", "/api/device/my", s.p_tok, NULL, 403, "ACCOUNT_PENDING");
	ACC_ERR("GET", "/api/organization/users", s.p_tok, NULL, 403,
	    "ACCOUNT_PENDING");
}

static void
t23_accept(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt(INV "/%lld", s.inv_p);

	itest_get(INV "/By_email", s.p_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "role", "User");
	ITEST_ASSERT_JSTR(&r, "status", "Pending");
	itest_resp_free(&r);
	itest_put(p, s.p_tok, "{\"email\":\"p@x.io\",\"status\":\"Accepted\"}",
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "user.status", "Active");
	ITEST_ASSERT_JSTR(&r, "invitation.status", "Accepted");
	itest_resp_free(&r);
	itest_get("/api/device/my", s.p_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(p);
}

static void
t24_reject(void)
{
	struct itest_resp	 r;
	long long		 id, uid;
	char			*tok = pending_invitee("r@x.io", "Rrrr1234", &id,
	    &uid);
	char			*p = itest_fmt(INV "/%lld", id);

	ITEST_REQUIRE(tok != NULL);
	itest_put(p, acc.d_tok, "{\"status\":\"Accepted\"}", &r);
	ITEST_ASSERT_ERROR(&r, 404, "INVITATION_NOT_FOUND");
	itest_resp_free(&r);
	itest_put(p, tok, "{\"status\":\"rejected\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "invitation.status", "Rejected");
	itest_resp_free(&r);
	ACC_ERR("GET", "/api/user/me", tok, NULL, 401, "UNAUTHORIZED");
	acc_register("r@x.io", "Rrrr1234", "RCo", "Developer", "R", "R", NULL);
	free(p);
	free(tok);
}

static void
t25_revoke(void)
{
	struct itest_resp	 r;
	long long		 id = inv_ok(acc.d_tok, NULL, "v@x.io", "User",
	    "DevCo");
	char			*p = itest_fmt(INV "/%lld", id);
	char			*t = acc_token("v@x.io", "invitation", 0);

	ACC_ERR("DELETE", p, acc.b_tok, NULL, 404, "INVITATION_NOT_FOUND");
	itest_request("DELETE", p, acc.d_tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "invitation.status", "Revoked");
	itest_resp_free(&r);
	rp_ok(t, "Vvvv1234", &r);
	ITEST_ASSERT_ERROR(&r, 400, "TOKEN_INVALID");
	itest_resp_free(&r);
	ACC_ERR("DELETE", p, acc.d_tok, NULL, 409, "INVITATION_NOT_OPEN");
	free(p);
	free(t);
}

static void
t26_expire(void)
{
	struct itest_resp	 r;
	long long		 id = inv_ok(acc.d_tok, NULL, "x@x.io", "User",
	    "DevCo");
	char			*t = acc_token("x@x.io", "invitation", 0);

	acc_advance(7 * 86400 + 1);
	itest_get(INV "?status=Expired", acc.d_tok, &r);
	ITEST_ASSERT_R(&r, itest_find_int(itest_jget(&r, "invitations"), "id",
	    id) >= 0);
	itest_resp_free(&r);
	rp_ok(t, "Xxxx1234", &r);
	ITEST_ASSERT_ERROR(&r, 400, "TOKEN_EXPIRED");
	itest_resp_free(&r);
	acc_register("x@x.io", "Xxxx1234", "XCo", "Buyer", "X", "X", NULL);
	free(t);
}

static void
t27_role(void)
{
	struct itest_resp r;

	cr(acc.d_tok, acc.devco, s.p_id, "deviceowner", 200, NULL);
	ITEST_ASSERT_R(NULL, acc_outbox_count("p@x.io", "role_changed") == 1);
	itest_get("/api/user/me", s.p_tok, &r);
	ITEST_ASSERT_JSTR(&r, "role", "DeviceOwner");
	itest_resp_free(&r);
}

static void
t28_role_checks(void)
{
	cr(acc.d_tok, acc.buyco, s.p_id, "User", 404, "ORGANIZATION_NOT_FOUND");
	cr(acc.d_tok, acc.devco, acc.b_id, "User", 404, "USER_NOT_FOUND");
	cr(acc.d_tok, acc.devco, s.p_id, "SubBuyer", 400,
	    "ROLE_NOT_ALLOWED_FOR_ORGANIZATION");
	cr(acc.d_tok, acc.devco, acc.d_id, "User", 400, "CANNOT_CHANGE_OWN_ROLE");
	ACC_ERR("PUT", "/api/organization/abc/change-role/1", acc.d_tok,
	    "{\"role\":\"User\"}", 400, "INVALID_ID");
	cr(s.own_tok, acc.devco, s.p_id, "User", 403, "FORBIDDEN");
	cr(acc.d_tok, acc.devco, s.p_id, "Admin", 400, "INVALID_FIELD");
}

static void
t29_last_manager(void)
{
	struct itest_resp	 r;
	char			*p, *want;

	cr(acc.a_tok, acc.devco, acc.d_id, "User", 409,
	    "LAST_ORGANIZATION_MANAGER");
	cr(acc.d_tok, acc.devco, s.p_id, "OrganizationAdmin", 200, NULL);
	p = itest_fmt("/api/organization/%lld/change-role/%lld", acc.devco,
	    acc.d_id);
	itest_put(p, s.p_tok, "{\"role\":\"User\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	want = itest_fmt("User %lld now has role User", acc.d_id);
	ITEST_ASSERT_JSTR(&r, "message", want);
	itest_resp_free(&r);
	cr(acc.d_tok, acc.devco, s.p_id, "User", 403, "FORBIDDEN");
	free(p);
	free(want);
}

static void
t30_remove(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/organization/user/%lld",
	    acc.d_id);

	itest_request("DELETE", p, s.p_tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "success") == 1);
	itest_resp_free(&r);
	ITEST_ASSERT_R(NULL, acc_outbox_count("d2@x.io",
	    "removed_from_organization") == 1);
	ACC_ERR("GET", "/api/user/me", acc.d_tok, NULL, 401, "UNAUTHORIZED");
	ITEST_ASSERT_R(NULL, itest_login("d2@x.io", acc.d_pw) == NULL);
	free(p);
}

static void
t31_remove_checks(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/organization/user/%lld", s.p_id);
	char			*q = itest_fmt("/api/organization/user/%lld",
	    acc.b_id);

	ACC_ERR("DELETE", p, s.p_tok, NULL, 400, "CANNOT_CHANGE_OWN_STATUS");
	ACC_ERR("DELETE", q, s.p_tok, NULL, 404, "USER_NOT_FOUND");
	itest_get(p, s.p_tok, &r);
	ITEST_ASSERT_ERROR(&r, 405, "METHOD_NOT_ALLOWED");
	ITEST_ASSERT_R(&r, r.allow != NULL && strcmp(r.allow, "DELETE") == 0);
	itest_resp_free(&r);
	free(p);
	free(q);
}

static void
t32_back(void)
{
	struct itest_resp	 r;
	char			*t;

	inv_ok(acc.b_tok, NULL, "d2@x.io", "SubBuyer", "BuyCo");
	t = acc_token("d2@x.io", "invitation", 0);
	rp_ok(t, "Back1234", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "id", acc.d_id);
	ITEST_ASSERT_JSTR(&r, "organization.name", "BuyCo");
	ITEST_ASSERT_JSTR(&r, "role", "SubBuyer");
	ITEST_ASSERT_JSTR(&r, "status", "Active");
	itest_resp_free(&r);
	free(t);
}

static void
t33_limit(void)
{
	struct itest_resp	 r;
	char			 e[32];
	int			 i, ok = 0;

	for (i = 1; i <= 50; i++) {
		snprintf(e, sizeof(e), "s%d@x.io", i);
		inv(acc.b_tok, NULL, e, "SubBuyer", NULL, &r);
		ok += r.status == 201;
		itest_resp_free(&r);
	}
	ITEST_ASSERT_R(NULL, ok == 50);
	inv(acc.b_tok, NULL, "s51@x.io", "SubBuyer", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 409, "INVITATION_LIMIT_REACHED");
	ITEST_ASSERT_JINT(&r, "details.limit", 50);
	ITEST_ASSERT_JSTR(&r, "details.window", "open");
	itest_resp_free(&r);
}

static void
t34_list(void)
{
	struct itest_resp r;

	itest_get(INV, acc.b_tok, &r);
	ITEST_ASSERT_JINT(&r, "totalCount", 51);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "invitations") == 20);
	itest_resp_free(&r);
	ACC_ERR("GET", INV "?limit=101", acc.b_tok, NULL, 400, "INVALID_QUERY");
	ACC_ERR("GET", INV, s.own_tok, NULL, 403, "FORBIDDEN");
}

static void
t35_org_get(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/Organization/%lld", acc.devco);
	char			*q = itest_fmt("/api/organization/%lld", acc.buyco);

	ACC_ERR("GET", q, s.p_tok, NULL, 404, "ORGANIZATION_NOT_FOUND");
	free(p);
	p = itest_fmt("/api/organization/%lld", acc.devco);
	itest_get(p, s.p_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "invitations") > 0);
	ITEST_ASSERT_JSTR(&r, "organizationType", "Developer");
	itest_resp_free(&r);
	itest_get(p, s.own_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jtype(&r, "invitations") == json_type_array &&
	    itest_jlen(&r, "invitations") == 0);
	itest_resp_free(&r);
	free(p);
	free(q);
}

static void
t36_admin_patch(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/admin/organizations/%lld",
	    acc.devco), *upd;

	itest_get(p, acc.a_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jhas(&r, "invitations"));
	itest_resp_free(&r);
	itest_request("PATCH", p, acc.a_tok, NULL,
	    "{\"name\":\"DevCo2\",\"address\":\"\",\"zipCode\":\"1\"}", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "name", "DevCo2");
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "address"));
	upd = strdup(itest_jstr(&r, "updatedAt"));
	itest_resp_free(&r);
	ACC_ERR("PATCH", p, acc.a_tok, "{\"organizationType\":\"Buyer\"}", 400,
	    "FIELD_NOT_UPDATABLE");
	acc_advance(1);
	itest_request("PATCH", p, acc.a_tok, NULL, "{}", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "updatedAt", upd);
	itest_resp_free(&r);
	ACC_ERR("PATCH", p, acc.a_tok, "{\"name\":\" buyco \"}", 409,
	    "ORGANIZATION_NAME_TAKEN");
	ACC_ERR("PATCH", "/api/admin/organizations/999999", acc.a_tok,
	    "{\"name\":\"Z\"}", 404, "ORGANIZATION_NOT_FOUND");
	ACC_ERR("PATCH", p, acc.b_tok, "{\"name\":\"Z\"}", 403, "FORBIDDEN");
	free(p);
	free(upd);
}

static void
t37_suspend(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/admin/organizations/%lld",
	    acc.devco), *q = itest_fmt("?organizationId=%lld", acc.devco);

	itest_request("PATCH", p, acc.a_tok, NULL, "{\"status\":\"suspended\"}",
	    NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "status", "Suspended");
	itest_resp_free(&r);
	ACC_ERR("GET", "/api/user/me", s.p_tok, NULL, 401, "UNAUTHORIZED");
	ITEST_ASSERT_R(NULL, itest_login("p@x.io", "Pend1234") == NULL);
	inv(acc.a_tok, q, "q@x.io", "User", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 409, "ORGANIZATION_SUSPENDED");
	itest_resp_free(&r);
	itest_request("PATCH", p, acc.a_tok, NULL, "{\"status\":\"Active\"}",
	    NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(s.p_tok);
	s.p_tok = itest_login("p@x.io", "Pend1234");
	ITEST_ASSERT_R(NULL, s.p_tok != NULL);
	free(p);
	free(q);
}

static void
t38_admin_org(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/admin/organizations/%lld",
	    acc.super_org), *q = itest_fmt("?organizationId=%lld", acc.super_org);

	ACC_ERR("PATCH", p, acc.a_tok, "{\"status\":\"Suspended\"}", 400,
	    "CANNOT_SUSPEND_ADMIN_ORGANIZATION");
	inv(acc.a_tok, q, "q@x.io", "User", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "ROLE_NOT_ALLOWED_FOR_ORGANIZATION");
	itest_resp_free(&r);
	ACC_ERR("DELETE", p, acc.a_tok, NULL, 400, "ADMIN_ORGANIZATION_PROTECTED");
	free(p);
	free(q);
}

static void
t39_admin_users(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/admin/user/%lld", s.own_id);
	char			*q = itest_fmt("/api/admin/user/%lld", acc.a_id);
	char			*u = itest_fmt("/api/admin/organizations/user/%lld"
	    "?status=pending&limit=100", acc.buyco), *v;
	long long		 s1 = -1;
	size_t			 i;
	struct json_object	*a;

	itest_request("DELETE", p, acc.a_tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "success") == 1);
	itest_resp_free(&r);
	ITEST_ASSERT_R(NULL, itest_login("own@x.io", "Own12345") == NULL);
	ACC_ERR("DELETE", q, acc.a_tok, NULL, 400, "CANNOT_CHANGE_OWN_STATUS");
	itest_get(u, acc.a_tok, &r);
	a = itest_jget(&r, "users");
	for (i = 0; a != NULL && i < json_object_array_length(a); i++)
		if (strcmp(itest_ostr(json_object_array_get_idx(a, i), "email"),
		    "s1@x.io") == 0)
			s1 = itest_oint(json_object_array_get_idx(a, i), "id");
	ITEST_ASSERT_JINT(&r, "totalCount", 50);
	itest_resp_free(&r);
	ITEST_REQUIRE(s1 > 0);
	v = itest_fmt("/api/admin/users/%lld", s1);
	ACC_ERR("PUT", v, acc.a_tok, "{\"status\":\"Active\"}", 409,
	    "USER_PENDING");
	free(u);
	u = itest_fmt("/api/admin/organizations/user/%lld", acc.buyco);
	itest_get(u, acc.a_tok, &r);
	ITEST_ASSERT_JINT(&r, "totalCount", 52);
	itest_resp_free(&r);
	free(p);
	free(q);
	free(u);
	free(v);
}

/* ---- after the mail rows ---- */

static void
t45_silent(void)
{
	struct itest_resp	 r;
	long long		 id;
	char			*p;

	id = inv_ok(s.p_tok, NULL, "b@x.io", "User", "DevCo2");
	ITEST_ASSERT_R(NULL, acc_outbox_count("b@x.io", "invitation") == 0);
	inv(s.p_tok, NULL, "b@x.io", "User", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 409, "INVITATION_PENDING");
	itest_resp_free(&r);
	p = itest_fmt(INV "/%lld", id);
	ACC_ERR("PUT", p, acc.b_tok, "{\"status\":\"Accepted\"}", 404,
	    "INVITATION_NOT_FOUND");
	itest_request("DELETE", p, s.p_tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "invitation.status", "Revoked");
	itest_resp_free(&r);
	free(p);
}

static void
t46_mail_cap(void)
{
	struct itest_resp	 r;
	long long		 id = 0;
	char			*p;
	int			 i;

	for (i = 0; i < 4; i++) {
		id = inv_ok(s.p_tok, NULL, "m@x.io", "User", "DevCo2");
		if (i == 3)
			break;
		p = itest_fmt(INV "/%lld", id);
		itest_request("DELETE", p, s.p_tok, NULL, NULL, NULL, &r);
		ITEST_ASSERT_STATUS(&r, 200);
		itest_resp_free(&r);
		free(p);
	}
	ITEST_ASSERT_R(NULL, acc_outbox_count("m@x.io", "invitation") == 3);
	itest_get(INV "?status=Pending", s.p_tok, &r);
	ITEST_ASSERT_R(&r, itest_find_int(itest_jget(&r, "invitations"), "id",
	    id) >= 0);
	itest_resp_free(&r);
}

/* A file's text (malloc'd, "" when unreadable). */
static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	*b = NULL;
	size_t	 n = 0;

	if (f == NULL)
		return strdup("");
	if (getdelim(&b, &n, '\0', f) < 0) {
		free(b);
		b = strdup("");
	}
	fclose(f);
	return b;
}

static void
t47_logs(void)
{
	struct itest_resp	 r;
	char			*t, *t2, *p, *ng, *dd, *lp;

	acc_register("l@x.io", "Log00000", "LCo", "Developer", "L", "L", NULL);
	t = acc_token("l@x.io", "confirm_email", 0);
	p = itest_fmt("/api/user/confirm-email/%s", t);
	itest_request("PUT", p, NULL, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(p);
	itest_post("/api/user/forget-password", NULL, "{\"email\":\"l@x.io\"}",
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	t2 = acc_token("l@x.io", "password_reset", 0);
	rp_ok(t2, "Log12345", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	usleep(300000);		/* nginx writes its line after the answer */
	lp = itest_fmt("%s/log/nginx-access.log", itest_env("DREC_VAR_DIR", "."));
	ng = slurp(lp);
	free(lp);
	lp = itest_fmt("%s/log/drecd.log", itest_env("DREC_VAR_DIR", "."));
	dd = slurp(lp);
	free(lp);
	ITEST_ASSERT_R(NULL, strlen(ng) > 0 && strlen(dd) > 0);
	ITEST_ASSERT_R(NULL, strstr(ng, t) == NULL && strstr(ng, t2) == NULL);
	ITEST_ASSERT_R(NULL, strstr(dd, t) == NULL && strstr(dd, t2) == NULL);
	ITEST_ASSERT_R(NULL, strstr(ng,
	    "\"PUT /api/user/confirm-email/… HTTP/1.1\"") != NULL);
	ITEST_ASSERT_R(NULL, strstr(ng,
	    "\"PUT /api/user/reset/password/… HTTP/1.1\"") != NULL);
	free(ng);
	free(dd);
	free(t);
	free(t2);
}

static void
t48_invitees_unseen(void)
{
	struct itest_resp	 r;
	struct json_object	*a;
	long long		 w_inv, b_inv, w_id = -1;
	size_t			 i;
	char			*p;

	w_inv = inv_ok(s.p_tok, NULL, "w@x.io", "User", "DevCo2");
	b_inv = inv_ok(s.p_tok, NULL, "b@x.io", "User", "DevCo2");
	itest_get(INV "?status=pending", s.p_tok, &r);
	a = itest_jget(&r, "invitations");
	ITEST_ASSERT_R(&r, itest_find_int(a, "id", w_inv) >= 0 &&
	    itest_find_int(a, "id", b_inv) >= 0);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "invitations.0") == 9 &&
	    itest_jlen(&r, "invitations.1") == 9);
	itest_resp_free(&r);
	itest_get("/api/organization/users", s.p_tok, &r);
	ITEST_ASSERT_JINT(&r, "totalCount", 2);
	itest_resp_free(&r);
	p = itest_fmt("/api/admin/organizations/user/%lld?status=pending",
	    acc.devco);
	itest_get(p, acc.a_tok, &r);
	a = itest_jget(&r, "users");
	for (i = 0; a != NULL && i < json_object_array_length(a); i++) {
		struct json_object *u = json_object_array_get_idx(a, i);

		if (strcmp(itest_ostr(u, "email"), "w@x.io") == 0)
			w_id = itest_oint(u, "id");
		ITEST_ASSERT_R(&r, strcmp(itest_ostr(u, "email"), "b@x.io") != 0);
	}
	itest_resp_free(&r);
	free(p);
	ITEST_REQUIRE(w_id > 0);
	cr(s.p_tok, acc.devco, w_id, "DeviceOwner", 404, "USER_NOT_FOUND");
	p = itest_fmt("/api/organization/user/%lld", w_id);
	ACC_ERR("DELETE", p, s.p_tok, NULL, 404, "USER_NOT_FOUND");
	free(p);
	p = itest_fmt(INV "/%lld", w_inv);
	itest_request("DELETE", p, s.p_tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "invitation.status", "Revoked");
	itest_resp_free(&r);
	free(p);
}

/* §7.3: an empty organization is deleted, one with devices is not. */
static void
t_org_delete(void)
{
	struct itest_resp	 r;
	long long		 org;
	char			*p;

	acc_register("e@x.io", "Eee12345", "EmptyCo", "Buyer", "E", "E", &org);
	p = itest_fmt("/api/admin/organizations/%lld", org);
	itest_request("DELETE", p, acc.a_tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "deletedUsers", 1);
	itest_resp_free(&r);
	ACC_ERR("GET", p, acc.a_tok, NULL, 404, "ORGANIZATION_NOT_FOUND");
	ITEST_ASSERT_R(NULL, itest_login("e@x.io", "Eee12345") == NULL);
	free(p);
	/* The name and the e-mail are free again. */
	acc_register("e@x.io", "Eee12345", "EmptyCo", "Buyer", "E", "E", NULL);
}

/* ---- #44: a stack with email_confirmation_required = true ---- */

static char	*conf_saved;	/* the stack's drec.conf before #44 */

/* SIGHUP to the stack's drecd master (it re-reads its configuration). */
static int
drecd_reload(void)
{
	char	*p = itest_fmt("%s/run/drecd.pid", itest_env("DREC_VAR_DIR",
	    "."));
	FILE	*f = fopen(p, "r");
	long	 pid = 0;

	free(p);
	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld", &pid) != 1)
		pid = 0;
	fclose(f);
	return pid > 1 ? kill((pid_t)pid, SIGHUP) : -1;
}

static int
conf_write(const char *text)
{
	char	*p = itest_fmt("%s/drec.conf", itest_env("DREC_VAR_DIR", "."));
	FILE	*f = fopen(p, "w");
	int	 ok = f != NULL && fputs(text, f) >= 0;

	if (f != NULL && fclose(f) != 0)
		ok = 0;
	free(p);
	return ok ? drecd_reload() : -1;
}

/* Polls GET path as tok until it answers want (at most 15 s). */
static int
await_status(const char *path, const char *tok, long want)
{
	long	st = 0;
	int	i;

	for (i = 0; i < 150; i++) {
		if ((st = itest_raw("GET", path, tok, NULL, NULL, NULL, NULL)) ==
		    want)
			return 1;
		usleep(100000);
	}
	printf("\n  (GET %s kept answering %ld, not %ld)", path, st, want);
	return 0;
}

void
acc_conf_restore(void)
{
	if (conf_saved != NULL) {
		conf_write(conf_saved);
		free(conf_saved);
		conf_saved = NULL;
	}
}

static void
t44_confirmation_required(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("%s/drec.conf",
	    itest_env("DREC_VAR_DIR", ".")), *t, *g, *h, *on;

	conf_saved = slurp(p);
	free(p);
	ITEST_REQUIRE(strlen(conf_saved) > 0);
	acc_register("g@x.io", "Ggg12345", "GCo", "Developer", "G", "G", NULL);
	g = itest_login("g@x.io", "Ggg12345");
	ITEST_REQUIRE(g != NULL);
	on = itest_fmt("%semail_confirmation_required = true\n", conf_saved);
	ITEST_REQUIRE(conf_write(on) == 0);
	free(on);
	ITEST_ASSERT_R(NULL, await_status("/api/device/my", g, 403));
	itest_get("/api/device/my", g, &r);
	ITEST_ASSERT_ERROR(&r, 403, "EMAIL_NOT_CONFIRMED");
	itest_resp_free(&r);
	itest_get("/api/user/me", g, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	t = acc_token("g@x.io", "confirm_email", 0);
	p = itest_fmt("/api/user/confirm-email/%s", t);
	itest_request("PUT", p, NULL, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	itest_get("/api/device/my", g, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	/* Back to the default: an unconfirmed user is not restricted. */
	acc_register("h@x.io", "Hhh12345", "HCo", "Developer", "H", "H", NULL);
	h = itest_login("h@x.io", "Hhh12345");
	ITEST_REQUIRE(h != NULL);
	acc_conf_restore();
	ITEST_ASSERT_R(NULL, await_status("/api/device/my", h, 200));
	free(p);
	free(t);
	free(g);
	free(h);
}

/* ---- §6.1: two managers demoting each other at once ---- */

struct demote {
	const char	*tok;
	char		*path;
	long		 status;
};

static void *
demote_run(void *arg)
{
	struct demote *d = arg;

	d->status = itest_raw("PUT", d->path, d->tok, "{\"role\":\"User\"}",
	    NULL, NULL, NULL);
	return NULL;
}

static void
t_concurrent_demotion(void)
{
	struct demote		 d[2];
	struct itest_resp	 r;
	pthread_t		 th[2];
	long long		 org, x, y;
	char			*b, *e, *tx, *ty, *p;
	int			 round, ok, i, left;

	for (round = 0; round < 5; round++) {
		e = itest_fmt("mx%d@x.io", round);
		b = itest_fmt("MCo%d", round);
		x = acc_register(e, "Mgr12345", b, "Developer", "M", "X", &org);
		tx = itest_login(e, "Mgr12345");
		free(e);
		free(b);
		e = itest_fmt("my%d@x.io", round);
		b = itest_fmt("{\"firstName\":\"M\",\"lastName\":\"Y\","
		    "\"email\":\"%s\",\"password\":\"Mgr12345\","
		    "\"confirmPassword\":\"Mgr12345\",\"role\":"
		    "\"OrganizationAdmin\",\"organizationId\":%lld}", e, org);
		itest_post("/api/admin/users", acc.a_tok, b, &r);
		ITEST_ASSERT_STATUS_FATAL(&r, 201);
		y = itest_jint(&r, "id");
		itest_resp_free(&r);
		ty = itest_login(e, "Mgr12345");
		ITEST_REQUIRE(tx != NULL && ty != NULL);
		d[0].tok = tx;
		d[0].path = itest_fmt("/api/organization/%lld/change-role/%lld",
		    org, y);
		d[1].tok = ty;
		d[1].path = itest_fmt("/api/organization/%lld/change-role/%lld",
		    org, x);
		for (i = 0; i < 2; i++)
			pthread_create(&th[i], NULL, demote_run, &d[i]);
		for (i = 0; i < 2; i++)
			pthread_join(th[i], NULL);
		ok = (d[0].status == 200) + (d[1].status == 200);
		ITEST_ASSERT_R(NULL, ok == 1);
		ITEST_ASSERT_R(NULL, (d[0].status == 200 || d[0].status == 409 ||
		    d[0].status == 403) && (d[1].status == 200 ||
		    d[1].status == 409 || d[1].status == 403));
		/* One OrganizationAdmin is left. */
		p = itest_fmt("/api/admin/organizations/user/%lld?status=Active",
		    org);
		itest_get(p, acc.a_tok, &r);
		left = (int)itest_count_str(itest_jget(&r, "users"), "role",
		    "OrganizationAdmin");
		ITEST_ASSERT_R(&r, left == 1);
		itest_resp_free(&r);
		free(p);
		free(d[0].path);
		free(d[1].path);
		free(tx);
		free(ty);
		free(e);
		free(b);
	}
}

static const struct { const char *name; CU_TestFunc fn; } rows[] = {
	{ "#15 invite: object and mail", t15_invite },
	{ "#16 invitees are not members", t16_lists },
	{ "#17 pending, member, silent, fields", t17_conflicts_silent },
	{ "#18 roles and organizations", t18_roles },
	{ "#19 a live invitee's e-mail is taken", t19_taken },
	{ "#20 accept through the link", t20_accept_link },
	{ "#21 By_email, not open", t21_by_email },
	{ "#22 a Pending session is restricted", t22_pending },
	{ "#23 accept through the route", t23_accept },
	{ "#24 reject frees the address", t24_reject },
	{ "#25 revoke", t25_revoke },
	{ "#26 an invitation lapses", t26_expire },
	{ "#27 role change keeps the session", t27_role },
	{ "#28 role change checks", t28_role_checks },
	{ "#29 last manager", t29_last_manager },
	{ "#30 removal ends access", t30_remove },
	{ "#31 removal checks, 405", t31_remove_checks },
	{ "#32 a removed user invited elsewhere", t32_back },
	{ "#33 50 open invitations", t33_limit },
	{ "#34 invitation list paging and roles", t34_list },
	{ "#35 GET /api/organization/:id", t35_org_get },
	{ "#36 Admin PATCH organization", t36_admin_patch },
	{ "#37 suspension blocks the organization's users", t37_suspend },
	{ "#38 Admin organization protected", t38_admin_org },
	{ "#39 Admin user deletion, USER_PENDING", t39_admin_users },
};

static const struct { const char *name; CU_TestFunc fn; } later[] = {
	{ "#45 silent invitations", t45_silent },
	{ "#46 three invitation mails a day per address", t46_mail_cap },
	{ "#47 no token in nginx's or drecd's log", t47_logs },
	{ "#48 an invitee is seen only as its invitation", t48_invitees_unseen },
	{ "§7.3 delete an empty organization", t_org_delete },
	{ "§6.1 two managers demote each other at once (5 rounds)",
	  t_concurrent_demotion },
	{ "#44 email_confirmation_required = true (drecd reloaded)",
	  t44_confirmation_required },
};

void
acc_inv_register(CU_pSuite su)
{
	size_t i;

	for (i = 0; i < nitems(rows); i++)
		itest_add(su, rows[i].name, rows[i].fn);
}

void
acc_inv_later_register(CU_pSuite su)
{
	size_t i;

	for (i = 0; i < nitems(later); i++)
		itest_add(su, later[i].name, later[i].fn);
}
