/*
 * itest_clients: clients.md §8 vectors 27-38, accounts.md's organization,
 * admin and password routes as the web client spells them (§2: literal
 * segments in any case; §4.1: the own-e-mail form of PUT
 * /api/user/reset/password/:x).  They run after vectors 1-26, on §8's
 * state, in order: each changes what the next sees (DO1 becomes User,
 * DU1 and DO1 are removed, D1 is renamed, BU1's password changes).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_clients.h"

/* What vectors 36-38 carry from one to the next. */
static struct {
	char	*bu1_email;
	char	*t1;		/* BU1's first session of vector 36 */
	char	*t1_at;		/* the effective now just after its login */
} pw;

/* One request with a JSON body (may be NULL), the response in *r. */
#define REQ(m, p, t, b, r)	itest_request((m), (p), (t), NULL, (b), NULL, \
	(r))

/* A string field of GET path (as tok), malloc'd, or NULL. */
static char *
get_str(const char *path, const char *tok, const char *key)
{
	struct itest_resp	 r;
	const char		*v;
	char			*out;

	GET200(path, tok, &r);
	v = itest_jstr(&r, key);
	out = v != NULL ? strdup(v) : NULL;
	itest_resp_free(&r);
	return out;
}

/* An integer of the Admin's GET /api/user/me (id, organization.id). */
static long long
admin_me(const char *key)
{
	struct itest_resp	 r;
	long long		 v;

	GET200("/api/user/me", st.admin, &r);
	v = itest_jint(&r, key);
	itest_resp_free(&r);
	return v;
}

/* ================================================ §4.2, accounts.md §6 */

/* Vector 27: GET /api/organization/:id, members and the Admin. */
static void
v27_organization_get(void)
{
	struct itest_resp	 r;
	char			*p;

	fixture();
	p = itest_fmt("/api/Organization/%lld", st.oa1.org);
	GET200(p, st.du1.tok, &r);
	ITEST_ASSERT_JSTR(&r, "name", "RooftopSolar");
	ITEST_ASSERT_JSTR(&r, "organizationType", "Developer");
	ITEST_ASSERT_JSTR(&r, "status", "Active");
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api/organization/%lld", st.bu1.org);
	itest_expect_error("GET", p, st.oa1.tok, NULL, NULL, 404,
	    "ORGANIZATION_NOT_FOUND");
	GET200(p, st.admin, &r);
	ITEST_ASSERT_JSTR(&r, "name", "B1");
	itest_resp_free(&r);
	free(p);
	itest_expect_error("GET", "/api/ORGANIZATION/abc", st.oa1.tok, NULL,
	    NULL, 400, "INVALID_ID");
}

/* Vector 28: PUT /api/Organization/:id/change-role/:userId. */
static void
v28_change_role(void)
{
	struct itest_resp	 r;
	char			*p;
	long			 i;

	fixture();
	p = itest_fmt("/api/Organization/%lld/change-role/%lld", st.oa1.org,
	    st.do1.uid);
	itest_put(p, st.oa1.tok, "{\"role\":\"user\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "success") == 1);
	ITEST_ASSERT_R(&r, itest_jstr(&r, "message") != NULL);
	ITEST_ASSERT_JINT(&r, "user.id", st.do1.uid);
	ITEST_ASSERT_JSTR(&r, "user.role", "User");
	itest_resp_free(&r);
	itest_expect_error("PUT", p, st.oa1.tok, "{\"role\":\"Buyer\"}", NULL,
	    400, "ROLE_NOT_ALLOWED_FOR_ORGANIZATION");
	itest_put(p, st.oa1.tok, "{\"role\":\"Admin\"}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "role", NULL);
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api/Organization/%lld/Change-Role/%lld", st.oa1.org,
	    st.oa1.uid);
	itest_expect_error("PUT", p, st.oa1.tok,
	    "{\"role\":\"DeviceOwner\"}", NULL, 400, "CANNOT_CHANGE_OWN_ROLE");
	free(p);
	p = itest_fmt("/api/Organization/%lld/change-role/%lld", st.bu1.org,
	    st.do1.uid);
	itest_expect_error("PUT", p, st.oa1.tok, "{\"role\":\"user\"}", NULL,
	    404, "ORGANIZATION_NOT_FOUND");
	free(p);
	/* Nothing of the refused ones changed the role. */
	p = itest_fmt("/api/admin/organizations/user/%lld", st.oa1.org);
	GET200(p, st.admin, &r);
	i = itest_find_int(itest_jget(&r, "users"), "id", st.do1.uid);
	ITEST_ASSERT_R(&r, i >= 0 && strcmp(itest_ostr(
	    json_object_array_get_idx(itest_jget(&r, "users"), (size_t)i),
	    "role"), "User") == 0);
	itest_resp_free(&r);
	free(p);
}

/* Vector 29: GET on it is 405; the UI's GET with '//' is 404. */
static void
v29_change_role_get(void)
{
	struct itest_resp	 r;
	char			*p;

	fixture();
	p = itest_fmt("/api/organization/%lld/change-role/%lld", st.oa1.org,
	    st.do1.uid);
	itest_get(p, st.oa1.tok, &r);
	ITEST_ASSERT_ERROR(&r, 405, "METHOD_NOT_ALLOWED");
	ITEST_ASSERT_R(&r, r.allow != NULL && strcmp(r.allow, "PUT") == 0);
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api//Organization/%lld/change-role/%lld", st.oa1.org,
	    st.do1.uid);
	itest_expect_error("GET", p, st.oa1.tok, NULL, NULL, 404,
	    "ROUTE_NOT_FOUND");
	free(p);
}

/* Vector 30: DELETE /api/Organization/user/:id. */
static void
v30_remove_member(void)
{
	struct itest_resp	 r;
	char			*p;

	fixture();
	p = itest_fmt("/api/Organization/user/%lld", st.du1.uid);
	REQ("DELETE", p, st.oa1.tok, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "success") == 1);
	ITEST_ASSERT_R(&r, itest_jstr(&r, "message") != NULL);
	itest_resp_free(&r);
	itest_expect_error("GET", "/api/user/me", st.du1.tok, NULL, NULL, 401,
	    "UNAUTHORIZED");
	itest_expect_error("DELETE", p, st.oa1.tok, NULL, NULL, 404,
	    "USER_NOT_FOUND");
	free(p);
	p = itest_fmt("/api/ORGANIZATION/User/%lld", st.oa1.uid);
	itest_expect_error("DELETE", p, st.oa1.tok, NULL, NULL, 400,
	    "CANNOT_CHANGE_OWN_STATUS");
	/* DO1 is a User now (vector 28): not a manager. */
	itest_expect_error("DELETE", p, st.do1.tok, NULL, NULL, 403,
	    "FORBIDDEN");
	free(p);
}

/* ================================================== accounts.md §7 */

/* Vector 31: GET /api/admin/organizations/:id. */
static void
v31_admin_org_get(void)
{
	struct itest_resp	 r;
	char			*p;

	fixture();
	p = itest_fmt("/api/Admin/Organizations/%lld", st.oa1.org);
	GET200(p, st.admin, &r);
	ITEST_ASSERT_JINT(&r, "id", st.oa1.org);
	ITEST_ASSERT_JSTR(&r, "name", "RooftopSolar");
	itest_resp_free(&r);
	itest_expect_error("GET", p, st.oa1.tok, NULL, NULL, 403, "FORBIDDEN");
	free(p);
	itest_expect_error("GET", "/api/admin/organizations/999999", st.admin,
	    NULL, NULL, 404, "ORGANIZATION_NOT_FOUND");
}

/* Vector 32: PATCH /api/admin/organizations/:id (the edit form's extra
 * keys ignored). */
static void
v32_admin_org_patch(void)
{
	struct itest_resp	 r;
	char			*p, *upd;

	fixture();
	p = itest_fmt("/api/admin/organizations/%lld", st.oa1.org);
	REQ("PATCH", p, st.admin, "{\"name\":\"  Rooftop Two \","
	    "\"address\":\"\",\"zipCode\":\"1\",\"city\":\"X\","
	    "\"signatoryFullName\":\"S\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "name", "Rooftop Two");
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "address"));
	upd = itest_jstr(&r, "updatedAt") ? strdup(itest_jstr(&r,
	    "updatedAt")) : NULL;
	itest_resp_free(&r);
	itest_expect_error("PATCH", p, st.admin, "{\"name\":\"b1\"}", NULL,
	    409, "ORGANIZATION_NAME_TAKEN");
	itest_expect_error("PATCH", p, st.admin,
	    "{\"organizationType\":\"Buyer\"}", NULL, 400,
	    "FIELD_NOT_UPDATABLE");
	REQ("PATCH", p, st.admin, "{\"organizationType\":\"developer\","
	    "\"status\":\"active\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "name", "Rooftop Two");
	ITEST_ASSERT_JSTR(&r, "status", "Active");
	ITEST_ASSERT_R(&r, upd != NULL);
	if (upd != NULL)
		ITEST_ASSERT_JSTR(&r, "updatedAt", upd);
	itest_resp_free(&r);
	free(upd);
	free(p);
}

/* Vector 33: DELETE /api/admin/organizations/:id, empty ones only. */
static void
v33_admin_org_delete(void)
{
	struct itest_resp	 r;
	char			*p, *email, *name, *body;
	long long		 e;

	fixture();
	p = itest_fmt("/api/admin/organizations/%lld", st.oa1.org);
	REQ("DELETE", p, st.admin, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 409, "ORGANIZATION_NOT_EMPTY");
	ITEST_ASSERT_JINT(&r, "details.reservations", 0);
	ITEST_ASSERT_R(&r, itest_jint(&r, "details.devices") >= 2);
	itest_resp_free(&r);
	free(p);
	/* E: registered, deleted, registered again (name, e-mail freed). */
	email = itest_unique_email("cle");
	name = itest_unique("cle");
	body = itest_fmt("{\"firstName\":\"E\",\"lastName\":\"E\","
	    "\"email\":\"%s\",\"organizationType\":\"Developer\","
	    "\"password\":\"" PW "\",\"confirmPassword\":\"" PW "\","
	    "\"orgName\":\"%s\"}", email, name);
	itest_post("/api/user/register", NULL, body, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	e = itest_jint(&r, "organization.id");
	itest_resp_free(&r);
	p = itest_fmt("/api/Admin/Organizations/%lld", e);
	REQ("DELETE", p, st.admin, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "success") == 1);
	ITEST_ASSERT_JINT(&r, "deletedUsers", 1);
	itest_resp_free(&r);
	itest_expect_error("GET", p, st.admin, NULL, NULL, 404,
	    "ORGANIZATION_NOT_FOUND");
	free(p);
	itest_post("/api/user/register", NULL, body, &r);
	ITEST_ASSERT_STATUS(&r, 201);
	itest_resp_free(&r);
	free(body);
	free(name);
	free(email);
	/* The Admin's own organization. */
	p = itest_fmt("/api/admin/organizations/%lld",
	    admin_me("organization.id"));
	itest_expect_error("DELETE", p, st.admin, NULL, NULL, 400,
	    "ADMIN_ORGANIZATION_PROTECTED");
	free(p);
}

/* Vector 34: DELETE /api/admin/user/:id. */
static void
v34_admin_user_delete(void)
{
	struct itest_resp	 r;
	char			*p;
	int			 i;

	fixture();
	p = itest_fmt("/api/Admin/User/%lld", st.do1.uid);
	for (i = 0; i < 2; i++) {	/* again: already Deleted, 200 */
		REQ("DELETE", p, st.admin, NULL, &r);
		ITEST_ASSERT_STATUS(&r, 200);
		ITEST_ASSERT_R(&r, itest_jbool(&r, "success") == 1);
		itest_resp_free(&r);
	}
	free(p);
	itest_expect_error("GET", "/api/user/me", st.do1.tok, NULL, NULL, 401,
	    "UNAUTHORIZED");
	p = itest_fmt("/api/admin/user/%lld", admin_me("id"));
	itest_expect_error("DELETE", p, st.admin, NULL, NULL, 400,
	    "CANNOT_CHANGE_OWN_STATUS");
	free(p);
	itest_expect_error("DELETE", "/api/admin/user/999999", st.admin, NULL,
	    NULL, 404, "USER_NOT_FOUND");
	itest_expect_error("DELETE", "/api/admin/user/abc", st.admin, NULL,
	    NULL, 400, "INVALID_ID");
}

/* Vector 35: GET /api/admin/organizations/user/:id. */
static void
v35_admin_org_users(void)
{
	struct itest_resp	 r;
	char			*p;

	fixture();
	p = itest_fmt("/api/admin/organizations/user/%lld?pageNumber=1&"
	    "limit=20", st.oa1.org);
	GET200(p, st.admin, &r);
	ITEST_ASSERT_JINT(&r, "totalCount", 3);
	ITEST_ASSERT_JINT(&r, "users.0.id", st.du1.uid);
	ITEST_ASSERT_JSTR(&r, "users.0.status", "Deleted");
	ITEST_ASSERT_JINT(&r, "users.1.id", st.do1.uid);
	ITEST_ASSERT_JSTR(&r, "users.1.status", "Deleted");
	ITEST_ASSERT_JINT(&r, "users.2.id", st.oa1.uid);
	ITEST_ASSERT_JSTR(&r, "users.2.status", "Active");
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api/Admin/Organizations/User/%lld?pageNumber=1&"
	    "limit=20&status=active", st.oa1.org);
	GET200(p, st.admin, &r);
	ITEST_ASSERT_JINT(&r, "totalCount", 1);
	ITEST_ASSERT_JINT(&r, "users.0.id", st.oa1.uid);
	itest_resp_free(&r);
	free(p);
	itest_expect_error("GET", "/api/admin/organizations/user/999999",
	    st.admin, NULL, NULL, 404, "ORGANIZATION_NOT_FOUND");
	p = itest_fmt("/api/admin/organizations/user/%lld?limit=0",
	    st.oa1.org);
	itest_expect_error("GET", p, st.admin, NULL, NULL, 400,
	    "INVALID_QUERY");
	free(p);
}

/* ======================================= §4.1 reset by own e-mail */

/* PUT /api/user/reset/password/<e-mail> as tok with body. */
static void
reset_own(const char *email, const char *tok, const char *body,
    struct itest_resp *r)
{
	char *p = itest_fmt("/api/User/Reset/Password/%s", email);

	itest_put(p, tok, body, r);
	free(p);
}

/* BU1's e-mail, and a fresh login of it with password. */
static char *
bu1_login(const char *password)
{
	if (pw.bu1_email == NULL)
		pw.bu1_email = get_str("/api/user/me", st.bu1.tok, "email");
	ITEST_REQUIRE(pw.bu1_email != NULL);
	return itest_login(pw.bu1_email, password);
}

/* Vector 36: two sessions; T1 changes the password by e-mail at once. */
static void
v36_reset_own(void)
{
	struct itest_resp	 r;
	char			*t2, *up, *tok, *id, *h, *p, *line = NULL;
	size_t			 i;

	fixture();
	pw.t1 = bu1_login(PW);
	pw.t1_at = get_str(CT_CLOCK, st.admin, "now");
	t2 = bu1_login(PW);
	ITEST_REQUIRE(pw.t1 != NULL && pw.t1_at != NULL && t2 != NULL);
	up = strdup(pw.bu1_email);
	for (i = 0; up[i] != '\0'; i++)
		up[i] = (char)toupper((unsigned char)up[i]);
	id = itest_unique("reset-own");
	h = itest_fmt("X-Request-Id: %s", id);
	p = itest_fmt("/api/User/Reset/Password/%s", up);
	itest_request("PUT", p, pw.t1, NULL, "{\"newPassword\":\"NEW456\","
	    "\"confirmPassword\":\"NEW456\"}", ITEST_HDRS(h), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "email", pw.bu1_email);
	ITEST_ASSERT_R(&r, itest_jstr(&r, "firstName") != NULL);
	ITEST_ASSERT_R(&r, !itest_jhas(&r, "password"));
	itest_resp_free(&r);
	/* drecd logs the route's template, never the address
	 * (CONVENTIONS §9); it writes access lines every 50 ms. */
	for (i = 0; i < 100 && (line = drecd_log_line(id)) == NULL; i++)
		usleep(50000);
	ITEST_ASSERT_R(NULL, line != NULL && strstr(line,
	    "/api/user/reset/password/:email") != NULL &&
	    strcasestr(line, pw.bu1_email) == NULL);
	free(line);
	free(p);
	free(h);
	free(id);
	free(up);
	itest_expect_error("GET", "/api/user/me", t2, NULL, NULL, 401,
	    "UNAUTHORIZED");
	free(t2);
	/* T1 stays; the new password logs in, the old one no more. */
	GET200("/api/user/me", pw.t1, &r);
	itest_resp_free(&r);
	tok = bu1_login("NEW456");
	ITEST_ASSERT_R(NULL, tok != NULL);
	free(tok);
	tok = itest_fmt("{\"username\":\"%s\",\"password\":\"" PW "\"}",
	    pw.bu1_email);
	itest_expect_error("POST", "/api/auth/login", NULL, tok, NULL, 401,
	    "INVALID_CREDENTIALS");
	free(tok);
}

/* Vector 37: another's e-mail, no token, confirmPassword differs. */
static void
v37_reset_own_refused(void)
{
	struct itest_resp	 r;
	char			*bu2, *p;

	fixture();
	ITEST_REQUIRE(pw.t1 != NULL);
	bu2 = get_str("/api/user/me", st.bu2.tok, "email");
	ITEST_REQUIRE(bu2 != NULL);
	reset_own(bu2, pw.t1, "{\"newPassword\":\"NEW457\","
	    "\"confirmPassword\":\"NEW457\"}", &r);
	ITEST_ASSERT_ERROR(&r, 404, "USER_NOT_FOUND");
	itest_resp_free(&r);
	free(bu2);
	/* '@' percent-encoded: the same form, authenticated. */
	p = itest_urlencode(pw.bu1_email);
	reset_own(p, NULL, "{\"newPassword\":\"NEW457\","
	    "\"confirmPassword\":\"NEW457\"}", &r);
	ITEST_ASSERT_ERROR(&r, 401, "UNAUTHORIZED");
	itest_resp_free(&r);
	free(p);
	reset_own(pw.bu1_email, pw.t1, "{\"newPassword\":\"NEW456\","
	    "\"confirmPassword\":\"NEW457\"}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "confirmPassword", NULL);
	itest_resp_free(&r);
	/* The address is trimmed: its own again, so the old password is
	 * checked (and is wrong: nothing changes). */
	p = itest_fmt("%%20%s%%20", pw.bu1_email);
	reset_own(p, pw.t1, "{\"newPassword\":\"NEW457\","
	    "\"confirmPassword\":\"NEW457\",\"oldPassword\":\"wrong1\"}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INCORRECT_CURRENT_PASSWORD");
	itest_resp_free(&r);
	free(p);
}

/* Vector 38: 16 minutes after T1's login, only with oldPassword. */
static void
v38_reset_own_stale(void)
{
	static const char *const b[] = {
	    "{\"newPassword\":\"NEW789\",\"confirmPassword\":\"NEW789\"}",
	    "{\"newPassword\":\"NEW789\",\"confirmPassword\":\"NEW789\","
	    "\"oldPassword\":\"wrong1\"}",
	    "{\"newPassword\":\"NEW789\",\"confirmPassword\":\"NEW789\","
	    "\"oldPassword\":\"NEW456\"}" };
	struct itest_resp	 r;
	char			*tok;

	fixture();
	ITEST_REQUIRE(pw.t1 != NULL && pw.t1_at != NULL);
	ct_clock(ct_iso(ct_ms(pw.t1_at) + 16 * 60 * 1000));
	reset_own(pw.bu1_email, pw.t1, b[0], &r);
	ITEST_ASSERT_ERROR(&r, 400, "REAUTHENTICATION_REQUIRED");
	ITEST_ASSERT_R(&r, itest_message_has(&r, "15 minutes"));
	itest_resp_free(&r);
	reset_own(pw.bu1_email, pw.t1, b[1], &r);
	ITEST_ASSERT_ERROR(&r, 400, "INCORRECT_CURRENT_PASSWORD");
	itest_resp_free(&r);
	reset_own(pw.bu1_email, pw.t1, b[2], &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	ct_clock_clear();
	tok = bu1_login("NEW789");
	ITEST_ASSERT_R(NULL, tok != NULL);
	free(tok);
}

static const struct ct_test tests[] = {
	{ "27: GET /api/Organization/:id", v27_organization_get },
	{ "28: PUT /api/Organization/:id/change-role/:userId",
	  v28_change_role },
	{ "29: change-role by GET: 405; with //: 404", v29_change_role_get },
	{ "30: DELETE /api/Organization/user/:id", v30_remove_member },
	{ "31: GET /api/admin/organizations/:id", v31_admin_org_get },
	{ "32: PATCH /api/admin/organizations/:id", v32_admin_org_patch },
	{ "33: DELETE /api/admin/organizations/:id", v33_admin_org_delete },
	{ "34: DELETE /api/admin/user/:id", v34_admin_user_delete },
	{ "35: GET /api/admin/organizations/user/:id", v35_admin_org_users },
	{ "36: PUT /api/user/reset/password/<own e-mail>", v36_reset_own },
	{ "37: reset by e-mail: another's, no token, mismatch",
	  v37_reset_own_refused },
	{ "38: reset by e-mail 16 min after login", v38_reset_own_stale },
};

void
cl_accounts_register(CU_pSuite s)
{
	cl_add_tests(s, tests, NELEM(tests));
}
