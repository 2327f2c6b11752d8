/*
 * integrators.md §11's test vectors that this branch implements (#1-#23,
 * #39's yield part, #40-#43), in order, on a fresh database under the
 * test clock 2025-03-01T10:00:00Z.  The bulk-upload vectors (#24-#38)
 * are not registered: their routes do not exist yet (see
 * docs/integrators.md, "Not yet built").
 *
 * State: Admin A; Developer organizations D1 (OA1), D2 (OA2); Buyer B1
 * (BU1).  Names follow the spec: U (api_user_id of ops@paygo.io), C1/S1
 * (exported credential), TC1 (its client session), K (Okra KH), S
 * (SunBuy), C2/S2, TC2, TC3.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/nelem.h"
#include "itest.h"
#include "test_integrators.h"

#define GETACCESS	"/api/auth/getAccess"

char		*tA, *tOA1, *tOA2, *tBU1, *tOps, *tOps2;
char		*tc1, *tc2, *tc3;
long long	 d1, d2, b1, ops_id, orgK, orgS, dev_it;
char		 U[64], U2[64], C1[40], S1[80], C2[40], S2[80];

/* users.md §7's seed body with e-mail e, type t, organization o (+ x). */
char *
reg_body(const char *e, const char *t, const char *o, const char *extra)
{
	return itest_fmt("{\"firstName\":\"UAT\",\"lastName\":\"Testing\","
	    "\"email\":\"%s\",\"organizationType\":\"%s\",\"password\":\""
	    PW "\",\"confirmPassword\":\"" PW "\",\"orgName\":\"%s\","
	    "\"orgAddress\":\"Hyderabad\"%s}", e, t, o, extra ? extra : "");
}

/* devices.md §8's fixed body (externalId e), plus extra keys. */
char *
dev_body(const char *e, const char *extra)
{
	return itest_fmt("{\"externalId\":\"%s\",\"projectName\":\"Roof\","
	    "\"address\":\"nexus\",\"latitude\":\"12.9716\",\"longitude\":"
	    "\"77.5946\",\"countryCode\":\"IN\",\"fuelCode\":\"ES100\","
	    "\"deviceTypeCode\":\"TC110\",\"capacity\":25,"
	    "\"commissioningDate\":\"2022-08-09T19:00:00Z\"%s}", e,
	    extra ? extra : "");
}

/* Registers and logs in; org and user ids. */
char *
fx_reg(const char *e, const char *t, const char *o, long long *org,
    long long *uid)
{
	struct itest_resp	 r;
	char			*b = reg_body(e, t, o, NULL), *tok;

	itest_post("/api/user/register", NULL, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	if (org)
		*org = itest_jint(&r, "organization.id");
	if (uid)
		*uid = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(b);
	tok = itest_login(e, PW);
	ITEST_REQUIRE(tok != NULL);
	return tok;
}

/* getAccess; the token or NULL, and the status in *st. */
char *
get_access(const char *id, const char *secret, long *st)
{
	struct itest_resp	 r;
	char			*b, *tok = NULL;

	b = itest_fmt("{\"client_id\":\"%s\",\"client_secret\":\"%s\","
	    "\"privateKey\":\"ignored\"}", id, secret);
	itest_post(GETACCESS, NULL, b, &r);
	*st = r.status;
	if (r.status == 200 && itest_jstr(&r, "accessToken"))
		tok = strdup(itest_jstr(&r, "accessToken"));
	itest_resp_free(&r);
	free(b);
	return tok;
}

/* A JSON array of strings, compared as text ("[\"a\",\"b\"]"). */
int
arr_is(const struct itest_resp *r, const char *path, const char *want)
{
	struct json_object *o = itest_jget(r, path);

	return o != NULL && strcmp(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN), want) == 0;
}

static void
v0_fixture(void)
{
	struct itest_resp r;

	tA = itest_admin_token();
	ITEST_REQUIRE(tA != NULL);
	itest_put("/api/test/clock", tA, "{\"now\":\"2025-03-01T10:00:00Z\"}",
	    &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	itest_resp_free(&r);
	tOA1 = fx_reg("oa1@d1.io", "developer", "D1", &d1, NULL);
	tOA2 = fx_reg("oa2@d2.io", "developer", "D2", &d2, NULL);
	tBU1 = fx_reg("bu1@b1.io", "buyer", "B1", &b1, NULL);
}

static void
v01_register(void)
{
	struct itest_resp	 r;
	char			*b = reg_body("ops@paygo.io", "apiuser", "PayGo",
				    NULL);

	itest_post("/api/user/register", NULL, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_JSTR(&r, "role", "ApiUser");
	ITEST_ASSERT_JSTR(&r, "organization.organizationType", "ApiUser");
	ITEST_ASSERT_JSTR(&r, "permission_status", "Request");
	ITEST_ASSERT_R(&r, arr_is(&r, "grantedScopes", "[]"));
	ITEST_ASSERT_R(&r, arr_is(&r, "pendingScopes", "[]"));
	ITEST_ASSERT_R_FATAL(&r, itest_jstr(&r, "api_user_id") != NULL &&
	    strlen(itest_jstr(&r, "api_user_id")) == 36);
	snprintf(U, sizeof(U), "%s", itest_jstr(&r, "api_user_id"));
	ITEST_ASSERT_JSTR(&r, "organization.api_user_id", U);
	ops_id = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(b);
	tOps = itest_login("ops@paygo.io", PW);
	ITEST_REQUIRE(tOps != NULL);
}

static void
v02_export(void)
{
	struct itest_resp	 r, r2;
	char			*p = itest_fmt("/api/user/export-accesskey/%s", U);
	char			*cd;
	const char		*s;

	itest_checks = ITEST_CHECK_REQUEST_ID;
	itest_get(p, NULL, &r);
	itest_checks = ITEST_CHECK_ALL;
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, r.content_type != NULL &&
	    strncmp(r.content_type, "text/plain", 10) == 0);
	cd = itest_header(&r, "Content-Disposition");
	ITEST_ASSERT_R(&r, cd != NULL && strstr(cd,
	    "drec-client-credentials.txt") != NULL);
	free(cd);
	cd = itest_header(&r, "Cache-Control");
	ITEST_ASSERT_R(&r, cd != NULL && strstr(cd, "no-store") != NULL);
	free(cd);
	ITEST_ASSERT_R_FATAL(&r, sscanf(r.body,
	    "client_id=%32[0-9a-f]\nclient_secret=%64[0-9a-f]\n", C1, S1) == 2);
	ITEST_ASSERT_R(&r, strlen(C1) == 32 && strlen(S1) == 64);
	itest_resp_free(&r);
	/* Again, and an unknown UUID: one 404 body. */
	itest_get(p, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 404, "API_USER_NOT_FOUND");
	itest_get("/api/user/export-accesskey/"
	    "3f1c2a44-9b1e-4c55-8d0e-2b7f7a8a9c01", NULL, &r2);
	ITEST_ASSERT_ERROR(&r2, 404, "API_USER_NOT_FOUND");
	s = itest_jstr(&r, "message");
	ITEST_ASSERT_R(&r2, s != NULL && itest_jstr(&r2, "message") != NULL &&
	    strncmp(s, itest_jstr(&r2, "message"), 40) == 0);
	itest_resp_free(&r);
	itest_resp_free(&r2);
	itest_expect_error("GET", "/api/user/export-accesskey/abc", NULL,
	    NULL, NULL, 400, "INVALID_ID");
	free(p);
}

static void
v03_get_access(void)
{
	struct itest_resp	 r;
	struct json_object	*pl;
	char			*b;

	b = itest_fmt("{\"client_id\":\"%s\",\"client_secret\":\"%s\"}", C1,
	    S1);
	itest_post(GETACCESS, NULL, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_JSTR(&r, "tokenType", "Bearer");
	ITEST_ASSERT_JINT(&r, "expiresIn", 3600);
	tc1 = strdup(itest_jstr(&r, "accessToken"));
	pl = itest_jwt_payload(tc1);
	ITEST_ASSERT_R(&r, pl != NULL && itest_ostr(pl, "cid") != NULL &&
	    strcmp(itest_ostr(pl, "cid"), C1) == 0);
	ITEST_ASSERT_R(&r, pl != NULL && itest_oint(pl, "id") == ops_id);
	json_object_put(pl);
	itest_resp_free(&r);
	free(b);
}

static void
v04_get_access_bad(void)
{
	struct itest_resp	 r1, r2;
	char			*q1, *q2, bad[80];

	snprintf(bad, sizeof(bad), "%s", S1);
	bad[0] = bad[0] == '0' ? '1' : '0';
	q1 = itest_fmt("{\"client_id\":\"%s\",\"client_secret\":\"%s\"}", C1,
	    bad);
	q2 = itest_fmt("{\"client_id\":\"%032d\",\"client_secret\":\"%s\"}", 7,
	    S1);
	itest_post(GETACCESS, NULL, q1, &r1);
	itest_post(GETACCESS, NULL, q2, &r2);
	ITEST_ASSERT_ERROR(&r1, 401, "INVALID_CLIENT");
	ITEST_ASSERT_ERROR(&r2, 401, "INVALID_CLIENT");
	ITEST_ASSERT_R(&r2, strcmp(r1.body, r2.body) == 0);
	itest_resp_free(&r1);
	itest_resp_free(&r2);
	itest_post(GETACCESS, NULL, "{\"username\":\"ops@paygo.io\","
	    "\"password\":\"" PW "\"}", &r1);
	ITEST_ASSERT_ERROR(&r1, 400, "INVALID_FIELD");
	itest_assert_fields(&r1, "client_id", "client_secret", NULL);
	itest_resp_free(&r1);
	free(q1);
	free(q2);
}

static void
v05_not_approved(void)
{
	struct itest_resp	 r;
	char			*b;

	itest_get("/api/user/me", tc1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "api_user_id", U);
	itest_resp_free(&r);
	b = dev_body("x-1", itest_fmt(",\"organizationId\":%lld", d1));
	itest_expect_error("POST", "/api/device", tc1, b, NULL, 403,
	    "API_USER_NOT_APPROVED");
	free(b);
}

static void
v06_scopes(void)
{
	struct itest_resp r;

	itest_put("/api/apiuser/scopes", tc1, "{\"scopes\":[\"READS\","
	    "\"devices\",\"organizations\",\"devices\"]}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, arr_is(&r, "pendingScopes",
	    "[\"organizations\",\"devices\",\"reads\"]"));
	ITEST_ASSERT_R(&r, arr_is(&r, "grantedScopes", "[]"));
	ITEST_ASSERT_JSTR(&r, "permission_status", "Request");
	itest_resp_free(&r);
	itest_put("/api/apiuser/scopes", tc1, "{\"scopes\":[\"billing\"]}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "scopes", NULL);
	itest_resp_free(&r);
	itest_put("/api/apiuser/scopes", tc1, "{\"scopes\":[]}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_resp_free(&r);
}

static void
v07_admin_list(void)
{
	struct itest_resp r;

	itest_expect_error("GET", "/api/admin/apiusers?status=request", tBU1,
	    NULL, NULL, 403, "FORBIDDEN");
	itest_get("/api/admin/apiusers?status=request", tA, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "totalCount", 1);
	ITEST_ASSERT_JSTR(&r, "users.0.api_user_id", U);
	itest_resp_free(&r);
}

static void
v08_not_requested(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt(ADMIN_AU "%s", U);

	itest_put(p, tA, "{\"status\":\"Active\",\"scopes\":[\"devices\","
	    "\"reservations\"]}", &r);
	ITEST_ASSERT_ERROR(&r, 409, "SCOPE_NOT_REQUESTED");
	itest_resp_free(&r);
	itest_get("/api/user/me", tOps, &r);
	ITEST_ASSERT_JSTR(&r, "permission_status", "Request");
	ITEST_ASSERT_R(&r, arr_is(&r, "grantedScopes", "[]"));
	itest_resp_free(&r);
	free(p);
}

static void
v09_verify(void)
{
	struct itest_resp	 r;
	char			*p;

	p = itest_fmt("/api/permission/module/verify/ByAdmin/%s", U);
	itest_put(p, tA, "{\"status\":\"active\",\"scopes\":[\"organizations\","
	    "\"devices\"]}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "permission_status", "Active");
	ITEST_ASSERT_R(&r, arr_is(&r, "grantedScopes",
	    "[\"organizations\",\"devices\"]"));
	ITEST_ASSERT_R(&r, arr_is(&r, "pendingScopes", "[]"));
	itest_resp_free(&r);
	free(p);
}

static void
v10_scope_missing(void)
{
	struct itest_resp r;

	itest_post("/api/meter-reads/new/x", tc1, "{\"organizationId\":1,"
	    "\"type\":\"Delta\",\"reads\":[]}", &r);
	ITEST_ASSERT_ERROR(&r, 403, "SCOPE_NOT_GRANTED");
	ITEST_ASSERT_R(&r, itest_message_has(&r, "reads"));
	itest_resp_free(&r);
}

static void
v11_managed_org(void)
{
	struct itest_resp	 r;
	char			*b = reg_body("okra@x.io", "developer", "Okra KH",
				    ",\"api_user_id\":\"ignored\"");

	itest_post("/api/apiuser/organizations", tc1, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_JSTR(&r, "role", "OrganizationAdmin");
	ITEST_ASSERT_JSTR(&r, "organization.api_user_id", U);
	orgK = itest_jint(&r, "organization.id");
	itest_resp_free(&r);
	free(b);
}

static void
v12_register_under(void)
{
	struct itest_resp	 r;
	char			*b, *x;

	x = itest_fmt(",\"api_user_id\":\"%s\"", U);
	b = reg_body("sun@x.io", "buyer", "SunBuy", x);
	itest_post("/api/user/register", tOps, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_JSTR(&r, "organization.api_user_id", U);
	orgS = itest_jint(&r, "organization.id");
	itest_resp_free(&r);
	free(b);
	b = reg_body("sun2@x.io", "buyer", "SunBuy2", x);
	itest_expect_error("POST", "/api/user/register", NULL, b, NULL, 401,
	    "UNAUTHORIZED");
	free(b);
	free(x);
	b = reg_body("sun3@x.io", "buyer", "SunBuy3", ",\"api_user_id\":"
	    "\"3f1c2a44-9b1e-4c55-8d0e-2b7f7a8a9c01\"");
	itest_post("/api/user/register", tOps, b, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "api_user_id", NULL);
	itest_resp_free(&r);
	free(b);
	/* The spec spells it so (the router ignores literal case). */
	itest_get("/api/Organization/apiuser/all_organization", tOps, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "totalCount", 2);
	ITEST_ASSERT_JSTR(&r, "organizations.0.name", "SunBuy");
	ITEST_ASSERT_JSTR(&r, "organizations.1.name", "Okra KH");
	itest_resp_free(&r);
}

static void
v13_device_for(void)
{
	struct itest_resp	 r;
	char			*b;

	b = dev_body("uatDeviceId14", NULL);
	itest_post("/api/device", tc1, b, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_detail_fields(&r, "organizationId", NULL);
	itest_resp_free(&r);
	free(b);
	b = dev_body("uatDeviceId14", itest_fmt(",\"organizationId\":%lld", d1));
	itest_expect_error("POST", "/api/device", tc1, b, NULL, 404,
	    "ORGANIZATION_NOT_FOUND");
	free(b);
	b = dev_body("uatDeviceId14", itest_fmt(",\"organizationId\":%lld",
	    orgS));
	itest_expect_error("POST", "/api/device", tc1, b, NULL, 400,
	    "ORGANIZATION_NOT_DEVELOPER");
	free(b);
	b = dev_body("uatDeviceId14", itest_fmt(",\"organizationId\":%lld",
	    orgK));
	itest_post("/api/device", tc1, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_JINT(&r, "organizationId", orgK);
	dev_it = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(b);
}

static void
v14_lists(void)
{
	struct itest_resp	 r;
	char			*p, *t;

	itest_get("/api/device/my", tc1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_find_int(r.json, "id", dev_it) >= 0);
	itest_resp_free(&r);
	p = itest_fmt("/api/device/my?organizationId=%lld", d1);
	itest_expect_error("GET", p, tc1, NULL, NULL, 404,
	    "ORGANIZATION_NOT_FOUND");
	free(p);
	p = itest_fmt("/api/device/%lld", dev_it);
	itest_expect_error("GET", p, tOA1, NULL, NULL, 404, "DEVICE_NOT_FOUND");
	itest_get(p, tc1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(p);
	t = itest_login("okra@x.io", PW);
	ITEST_REQUIRE(t != NULL);
	itest_get("/api/device/my", t, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_find_int(r.json, "id", dev_it) >= 0);
	itest_resp_free(&r);
	free(t);
}

static void
v15_patch(void)
{
	struct itest_resp	 r;
	char			*p;

	itest_expect_error("PATCH", "/api/device/uatDeviceId14", tc1,
	    "{\"projectName\":\"P\"}", NULL, 404, "DEVICE_NOT_FOUND");
	p = itest_fmt("/api/device/uatDeviceId14?organizationId=%lld", orgK);
	itest_request("PATCH", p, tc1, NULL, "{\"projectName\":\"P\"}", NULL,
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "projectName", "P");
	itest_resp_free(&r);
	free(p);
}

static void
v16_credentials(void)
{
	struct itest_resp	 r;
	char			*cc;

	itest_expect_error("POST", "/api/apiuser/credentials", tc1, NULL,
	    NULL, 403, "PASSWORD_SESSION_REQUIRED");
	itest_post("/api/apiuser/credentials", tOps, NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	snprintf(C2, sizeof(C2), "%s", itest_jstr(&r, "client_id"));
	snprintf(S2, sizeof(S2), "%s", itest_jstr(&r, "client_secret"));
	ITEST_ASSERT_R(&r, strlen(C2) == 32 && strlen(S2) == 64);
	cc = itest_header(&r, "Cache-Control");
	ITEST_ASSERT_R(&r, cc != NULL && strstr(cc, "no-store") != NULL);
	free(cc);
	itest_resp_free(&r);
	itest_expect_error("POST", "/api/apiuser/credentials", tOps, NULL,
	    NULL, 409, "CREDENTIAL_LIMIT");
	itest_get("/api/apiuser/credentials", tOps, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 2);
	ITEST_ASSERT_JSTR(&r, "0.client_id", C2);
	ITEST_ASSERT_JSTR(&r, "1.client_id", C1);
	ITEST_ASSERT_R(&r, strstr(r.body, "secret") == NULL &&
	    strstr(r.body, S2) == NULL);
	ITEST_ASSERT_R(&r, itest_jstr(&r, "1.lastUsedAt") != NULL);
	itest_resp_free(&r);
}

static void
v17_revoke(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/apiuser/credentials/%s", C1);
	char			*t;
	long			 st;

	itest_request("DELETE", p, tOps, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_message_has(&r, C1));
	itest_resp_free(&r);
	itest_expect_error("DELETE", p, tOps, NULL, NULL, 404,
	    "CREDENTIAL_NOT_FOUND");
	itest_expect_error("DELETE", "/api/apiuser/credentials/xyz", tOps,
	    NULL, NULL, 400, "INVALID_ID");
	itest_expect_error("GET", "/api/user/me", tc1, NULL, NULL, 401,
	    "UNAUTHORIZED");
	t = get_access(C1, S1, &st);
	ITEST_ASSERT_R(NULL, st == 401 && t == NULL);
	tc2 = get_access(C2, S2, &st);
	ITEST_ASSERT_R(NULL, st == 200 && tc2 != NULL);
	free(p);
}

static void
v18_modules(void)
{
	struct itest_resp r;

	itest_get("/api/access-control-layer-module-service", tOA1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 10);
	ITEST_ASSERT_JINT(&r, "3.id", 4);
	ITEST_ASSERT_JSTR(&r, "3.scope", "devices");
	ITEST_ASSERT_JSTR(&r, "3.name", "DEVICE_MANAGEMENT_CRUDL");
	ITEST_ASSERT_R(&r, arr_is(&r, "7.permissions", "[\"Read\"]"));
	ITEST_ASSERT_JINT(&r, "7.permissionsValue", 1);
	itest_resp_free(&r);
}

static void
v19_request(void)
{
	struct itest_resp	 r;
	char			*b;

	itest_post("/api/permission/module/apiuser/request", tc2,
	    "[{\"aclmodulesId\":7,\"permissions\":[\"Read\",\"Write\"]}]", &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "permission_status", "Request");
	ITEST_ASSERT_R(&r, arr_is(&r, "pendingScopes", "[\"reads\"]"));
	ITEST_ASSERT_R(&r, arr_is(&r, "grantedScopes",
	    "[\"organizations\",\"devices\"]"));
	itest_resp_free(&r);
	/* Grants stay in force. */
	b = dev_body("dev-19", itest_fmt(",\"organizationId\":%lld", orgK));
	itest_post("/api/device", tc2, b, &r);
	ITEST_ASSERT_STATUS(&r, 201);
	itest_resp_free(&r);
	free(b);
}

static void
v20_request_bad(void)
{
	struct itest_resp r;

	itest_post("/api/permission/module/apiuser/request", tc2,
	    "[{\"aclmodulesId\":11,\"permissions\":[\"Read\"]}]", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "[0].aclmodulesId", NULL);
	itest_resp_free(&r);
	itest_post("/api/permission/module/apiuser/request", tc2,
	    "[{\"aclmodulesId\":8,\"permissions\":[\"Write\"]}]", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "[0].permissions", NULL);
	itest_resp_free(&r);
	itest_expect_error("POST", "/api/permission/module/apiuser/request",
	    tc2, "{}", NULL, 400, "INVALID_JSON");
}

static void
v21_approve_all(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt(ADMIN_AU "%lld", ops_id);

	itest_put(p, tA, "{\"status\":\"Active\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, arr_is(&r, "grantedScopes",
	    "[\"organizations\",\"devices\",\"reads\"]"));
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api/permission/user/%lld", ops_id);
	itest_get(p, tA, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 3);
	ITEST_ASSERT_JINT(&r, "0.aclmodulesId", 2);
	ITEST_ASSERT_JINT(&r, "1.aclmodulesId", 4);
	ITEST_ASSERT_JINT(&r, "2.aclmodulesId", 7);
	ITEST_ASSERT_JINT(&r, "2.status", 1);
	ITEST_ASSERT_JSTR(&r, "2.entityType", "User");
	itest_resp_free(&r);
	/* Another user's permissions are not an ApiUser's. */
	itest_get(p, tOA1, &r);
	ITEST_ASSERT_ERROR(&r, 403, "FORBIDDEN");
	itest_resp_free(&r);
	free(p);
}

static const struct {
	const char	*name;
	CU_TestFunc	 fn;
} vectors[] = {
	{ "fixture: A, D1 (OA1), D2 (OA2), B1 (BU1), clock", v0_fixture },
	{ "#1 register an ApiUser", v01_register },
	{ "#2 export-accesskey once; 404 x2 one body; 400", v02_export },
	{ "#3 getAccess C1/S1: Bearer, 3600, cid", v03_get_access },
	{ "#4 getAccess wrong secret, unknown id, password body",
	  v04_get_access_bad },
	{ "#5 /me 200; POST /api/device 403 API_USER_NOT_APPROVED",
	  v05_not_approved },
	{ "#6 PUT /api/apiuser/scopes", v06_scopes },
	{ "#7 GET /api/admin/apiusers?status=request", v07_admin_list },
	{ "#8 approve unrequested: 409 SCOPE_NOT_REQUESTED", v08_not_requested },
	{ "#9 verify/ByAdmin active organizations, devices", v09_verify },
	{ "#10 reads without scope: 403 SCOPE_NOT_GRANTED", v10_scope_missing },
	{ "#11 POST /api/apiuser/organizations", v11_managed_org },
	{ "#12 register with api_user_id; 401; 400", v12_register_under },
	{ "#13 POST /api/device acting: 400, 404, 400, 201", v13_device_for },
	{ "#14 lists and visibility", v14_lists },
	{ "#15 PATCH by externalId needs a named O", v15_patch },
	{ "#16 credentials: 403, 201, 409, list", v16_credentials },
	{ "#17 revoke C1: sessions go, getAccess fails", v17_revoke },
	{ "#18 access-control-layer-module-service", v18_modules },
	{ "#19 permission request module 7", v19_request },
	{ "#20 permission request errors", v20_request_bad },
	{ "#21 approve all requested; permission/user", v21_approve_all },
	{ "reads for a managed organization: query alias", x_reads_alias },
	{ "#22 POST /api/yield/config", v22_yield },
	{ "#23 yield defaults on device create", v23_yield_default },
	BULK_VECTORS,
	{ "#39 yield entry N: default 2000 again", v39_yield_off },
	{ "#41 PATCH keeps yieldValue; null takes the default", v41_yield_patch },
	{ "GET /api/user/:id and organization users of an ApiUser",
	  x_user_get },
	{ "#40 Deactive: data 403, /me 200, re-request", v40_deactivate },
	{ "#42 export closed once an organization is managed",
	  v42_export_closed },
	{ "#43 client session: no password or e-mail change",
	  v43_client_session_limits },
	{ "deleting ApiUser and managed organizations (accounts.md §7.3)",
	  x_delete_orgs },
};

static void
register_all(void)
{
	CU_pSuite	s = itest_suite("integrators.md section 11 vectors");
	size_t		i;

	for (i = 0; i < NELEM(vectors); i++)
		itest_add(s, vectors[i].name, vectors[i].fn);
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}
