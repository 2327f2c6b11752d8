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

struct acc_inv inv_st;

/* INV email role [extra JSON members] as tok (query appended to the path). */
void
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
long long
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

void
rp_ok(const char *tok, const char *pw, struct itest_resp *r)
{
	char *p = itest_fmt("/api/user/reset/password/%s", tok);
	char *b = itest_fmt("{\"newPassword\":\"%s\"}", pw);

	itest_put(p, NULL, b, r);
	free(p);
	free(b);
}

void
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
	inv_st.inv_new = itest_jint(&r, "invitation.id");
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
	ITEST_ASSERT_JINT(&r, "details.invitationId", inv_st.inv_new);
	itest_resp_free(&r);
	inv(acc.d_tok, NULL, "d2@x.io", "User", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 409, "ALREADY_MEMBER");
	itest_resp_free(&r);
	inv_st.inv_b = inv_ok(acc.d_tok, NULL, "b@x.io", "User", "DevCo");
	itest_get("/api/user/me", acc.b_tok, &r);
	ITEST_ASSERT_JSTR(&r, "organization.name", "BuyCo");
	ITEST_ASSERT_JSTR(&r, "role", "Buyer");
	itest_resp_free(&r);
	ITEST_ASSERT_R(NULL, acc_outbox_count("b@x.io", "invitation") == 0);
	itest_get(INV, acc.d_tok, &r);
	ITEST_ASSERT_R(&r, itest_find_int(itest_jget(&r, "invitations"), "id",
	    inv_st.inv_b) >= 0);
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
	inv_st.own_id = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(b);
	inv_st.own_tok = itest_login("own@x.io", "Own12345");
	ITEST_REQUIRE(inv_st.own_tok != NULL);
	inv(inv_st.own_tok, NULL, "z@x.io", "User", NULL, &r);
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
	inv_st.new_id = itest_jint(&r, "id");
	itest_resp_free(&r);
	itest_get(INV "?status=accepted", acc.d_tok, &r);
	ITEST_ASSERT_R(&r, itest_find_int(itest_jget(&r, "invitations"), "id",
	    inv_st.inv_new) >= 0);
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

	inv_st.new_tok = itest_login("new@x.io", "Join1234");
	ITEST_REQUIRE(inv_st.new_tok != NULL);
	itest_get(INV "/By_email", inv_st.new_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "status", "Accepted");
	itest_resp_free(&r);
	p = itest_fmt(INV "/%lld", inv_st.inv_new);
	itest_put(p, inv_st.new_tok, "{\"status\":\"Rejected\"}", &r);
	ITEST_ASSERT_ERROR(&r, 409, "INVITATION_NOT_OPEN");
	ITEST_ASSERT_JSTR(&r, "details.status", "Accepted");
	itest_resp_free(&r);
	free(p);
	ACC_ERR("PUT", INV "/By_email", inv_st.new_tok, "{}", 405,
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
	inv_st.p_tok = pending_invitee("p@x.io", "Pend1234", &inv_st.inv_p, &inv_st.p_id);
	ITEST_REQUIRE(inv_st.p_tok != NULL);
	ACC_ERR("GET", "/api/device/my", inv_st.p_tok, NULL, 403, "ACCOUNT_PENDING");
	ACC_ERR("GET", "/api/organization/users", inv_st.p_tok, NULL, 403,
	    "ACCOUNT_PENDING");
}

static void
t23_accept(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt(INV "/%lld", inv_st.inv_p);

	itest_get(INV "/By_email", inv_st.p_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "role", "User");
	ITEST_ASSERT_JSTR(&r, "status", "Pending");
	itest_resp_free(&r);
	itest_put(p, inv_st.p_tok, "{\"email\":\"p@x.io\",\"status\":\"Accepted\"}",
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "user.status", "Active");
	ITEST_ASSERT_JSTR(&r, "invitation.status", "Accepted");
	itest_resp_free(&r);
	itest_get("/api/device/my", inv_st.p_tok, &r);
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

	cr(acc.d_tok, acc.devco, inv_st.p_id, "deviceowner", 200, NULL);
	ITEST_ASSERT_R(NULL, acc_outbox_count("p@x.io", "role_changed") == 1);
	itest_get("/api/user/me", inv_st.p_tok, &r);
	ITEST_ASSERT_JSTR(&r, "role", "DeviceOwner");
	itest_resp_free(&r);
}

static void
t28_role_checks(void)
{
	cr(acc.d_tok, acc.buyco, inv_st.p_id, "User", 404, "ORGANIZATION_NOT_FOUND");
	cr(acc.d_tok, acc.devco, acc.b_id, "User", 404, "USER_NOT_FOUND");
	cr(acc.d_tok, acc.devco, inv_st.p_id, "SubBuyer", 400,
	    "ROLE_NOT_ALLOWED_FOR_ORGANIZATION");
	cr(acc.d_tok, acc.devco, acc.d_id, "User", 400, "CANNOT_CHANGE_OWN_ROLE");
	ACC_ERR("PUT", "/api/organization/abc/change-role/1", acc.d_tok,
	    "{\"role\":\"User\"}", 400, "INVALID_ID");
	cr(inv_st.own_tok, acc.devco, inv_st.p_id, "User", 403, "FORBIDDEN");
	cr(acc.d_tok, acc.devco, inv_st.p_id, "Admin", 400, "INVALID_FIELD");
	{	/* clients.md §4.2: the web client's role dialog. */
		char *p = itest_fmt("/api//Organization/%lld/change-role/%lld",
		    acc.devco, inv_st.p_id);

		ACC_ERR("GET", p, acc.d_tok, NULL, 404, "ROUTE_NOT_FOUND");
		free(p);
	}
}

static void
t29_last_manager(void)
{
	struct itest_resp	 r;
	char			*p, *want;

	cr(acc.a_tok, acc.devco, acc.d_id, "User", 409,
	    "LAST_ORGANIZATION_MANAGER");
	cr(acc.d_tok, acc.devco, inv_st.p_id, "OrganizationAdmin", 200, NULL);
	p = itest_fmt("/api/organization/%lld/change-role/%lld", acc.devco,
	    acc.d_id);
	itest_put(p, inv_st.p_tok, "{\"role\":\"User\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	want = itest_fmt("User %lld now has role User", acc.d_id);
	ITEST_ASSERT_JSTR(&r, "message", want);
	itest_resp_free(&r);
	cr(acc.d_tok, acc.devco, inv_st.p_id, "User", 403, "FORBIDDEN");
	free(p);
	free(want);
}

static void
t30_remove(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/organization/user/%lld",
	    acc.d_id);

	itest_request("DELETE", p, inv_st.p_tok, NULL, NULL, NULL, &r);
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
	char			*p = itest_fmt("/api/organization/user/%lld", inv_st.p_id);
	char			*q = itest_fmt("/api/organization/user/%lld",
	    acc.b_id);

	ACC_ERR("DELETE", p, inv_st.p_tok, NULL, 400, "CANNOT_CHANGE_OWN_STATUS");
	ACC_ERR("DELETE", q, inv_st.p_tok, NULL, 404, "USER_NOT_FOUND");
	itest_get(p, inv_st.p_tok, &r);
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
	ACC_ERR("GET", INV, inv_st.own_tok, NULL, 403, "FORBIDDEN");
}

static void
t35_org_get(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/Organization/%lld", acc.devco);
	char			*q = itest_fmt("/api/organization/%lld", acc.buyco);

	ACC_ERR("GET", q, inv_st.p_tok, NULL, 404, "ORGANIZATION_NOT_FOUND");
	free(p);
	p = itest_fmt("/api/organization/%lld", acc.devco);
	itest_get(p, inv_st.p_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "invitations") > 0);
	ITEST_ASSERT_JSTR(&r, "organizationType", "Developer");
	itest_resp_free(&r);
	itest_get(p, inv_st.own_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jtype(&r, "invitations") == json_type_array &&
	    itest_jlen(&r, "invitations") == 0);
	itest_resp_free(&r);
	free(p);
	free(q);
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
};

void
acc_inv_register(CU_pSuite su)
{
	size_t i;

	for (i = 0; i < NELEM(rows); i++)
		itest_add(su, rows[i].name, rows[i].fn);
	acc_admin_register(su);
}
