/*
 * itest_integrators, continued: §11 #22, #23, #39 (yield configuration),
 * #40, #42, #43 and checks beyond the
 * vectors (GET /api/user/:id, organization users of an ApiUser, reads
 * for a managed organization).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "itest.h"
#include "test_integrators.h"

void
v22_yield(void)
{
	struct itest_resp	 r;
	const char		*b = "{\"countryCode\":\"KH\",\"yieldValue\":1450}";

	itest_expect_error("POST", "/api/yield/config", tOA1, b, NULL, 403,
	    "FORBIDDEN");
	itest_post("/api/yield/config", tA, b, &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "countryCode", "KHM");
	ITEST_ASSERT_JSTR(&r, "countryName", "Cambodia");
	ITEST_ASSERT_JSTR(&r, "status", "Y");
	ITEST_ASSERT_JINT(&r, "yieldValue", 1450);
	itest_resp_free(&r);
	itest_expect_error("POST", "/api/yield/config", tA, b, NULL, 409,
	    "YIELD_CONFIG_EXISTS");
	itest_post("/api/yield/config", tA, "{\"countryCode\":\"KE\","
	    "\"yieldValue\":0}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "yieldValue", NULL);
	itest_resp_free(&r);
}

/* POST /api/device by OA1 in country cc with extra; its yieldValue. */
long long
yield_of_new(const char *ext, const char *cc, const char *extra)
{
	struct itest_resp	 r;
	char			*b;
	long long		 y;

	b = itest_fmt("{\"externalId\":\"%s\",\"address\":\"a\",\"latitude\":"
	    "\"11.5\",\"longitude\":\"104.9\",\"countryCode\":\"%s\","
	    "\"fuelCode\":\"ES100\",\"deviceTypeCode\":\"TC120\","
	    "\"capacity\":1,\"commissioningDate\":\"2021-05-30\"%s}", ext, cc,
	    extra ? extra : "");
	itest_post("/api/device", tOA1, b, &r);
	ITEST_ASSERT_STATUS(&r, 201);
	y = itest_jint(&r, "yieldValue");
	itest_resp_free(&r);
	free(b);
	return y;
}

void
v23_yield_default(void)
{
	CU_ASSERT_EQUAL(yield_of_new("y1", "KH", ",\"yieldValue\":0"), 1450);
	CU_ASSERT_EQUAL(yield_of_new("y2", "IN", NULL), 2000);
}

void
v39_yield_off(void)
{
	struct itest_resp	 r;
	char			*p;
	long long		 id;

	itest_get("/api/yield/config", tA, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_JSTR(&r, "0.countryCode", "KHM");
	id = itest_jint(&r, "0.id");
	itest_resp_free(&r);
	p = itest_fmt("/api/yield/config/update/%lld", id);
	itest_request("PATCH", p, tA, NULL, "{\"status\":\"N\","
	    "\"countryName\":\"x\"}", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "status", "N");
	ITEST_ASSERT_JSTR(&r, "countryName", "Cambodia");
	itest_resp_free(&r);
	free(p);
	CU_ASSERT_EQUAL(yield_of_new("y3", "KH", NULL), 2000);
	itest_expect_error("GET", "/api/yield/config/999999", tOA1, NULL,
	    NULL, 404, "YIELD_CONFIG_NOT_FOUND");
}

void
v40_deactivate(void)
{
	struct itest_resp	 r;
	char			*p = itest_fmt(ADMIN_AU "%s", U);
	long			 st;

	itest_put(p, tA, "{\"status\":\"inactive\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "permission_status", "Deactive");
	ITEST_ASSERT_R(&r, arr_is(&r, "grantedScopes", "[]"));
	itest_resp_free(&r);
	free(p);
	tc3 = get_access(C2, S2, &st);
	ITEST_ASSERT_R(NULL, st == 200 && tc3 != NULL);
	itest_expect_error("GET", "/api/device/my", tc3, NULL, NULL, 403,
	    "API_USER_NOT_APPROVED");
	itest_get("/api/user/me", tc3, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	itest_put("/api/apiuser/scopes", tc3, "{\"scopes\":[\"devices\"]}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "permission_status", "Request");
	ITEST_ASSERT_R(&r, arr_is(&r, "pendingScopes", "[\"devices\"]"));
	itest_resp_free(&r);
}

void
v42_export_closed(void)
{
	struct itest_resp	 r;
	char			*b, *p;
	long long		 uid;

	tOps2 = fx_reg("ops2@paygo.io", "apiuser", "PayGo2", NULL, &uid);
	itest_get("/api/user/me", tOps2, &r);
	snprintf(U2, sizeof(U2), "%s", itest_jstr(&r, "api_user_id") ?
	    itest_jstr(&r, "api_user_id") : "");
	itest_resp_free(&r);
	itest_put("/api/apiuser/scopes", tOps2, "{\"scopes\":"
	    "[\"organizations\"]}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	p = itest_fmt(ADMIN_AU "%s", U2);
	itest_put(p, tA, "{\"status\":\"Active\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(p);
	b = reg_body("k2@x.io", "developer", "K2", NULL);
	itest_post("/api/apiuser/organizations", tOps2, b, &r);
	ITEST_ASSERT_STATUS(&r, 201);
	itest_resp_free(&r);
	free(b);
	p = itest_fmt("/api/user/export-accesskey/%s", U2);
	itest_get(p, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 409, "ACCESS_KEY_EXPORT_CLOSED");
	ITEST_ASSERT_R(&r, itest_message_has(&r, U2));
	itest_resp_free(&r);
	free(p);
	itest_post("/api/apiuser/credentials", tOps2, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 201);
	itest_resp_free(&r);
}

void
v43_client_session_limits(void)
{
	struct itest_resp	 r;
	char			*t;

	itest_expect_error("PUT", "/api/user/password", tc3,
	    "{\"oldPassword\":\"" PW "\",\"newPassword\":\"Ops98765\"}", NULL,
	    403, "PASSWORD_SESSION_REQUIRED");
	/* clients.md §4.1: the own-e-mail reset, whatever the body (a
	 * valid one, bad JSON, another address, the wrong media type). */
	itest_expect_error("PUT", "/api/user/reset/password/ops@paygo.io",
	    tc3, "{\"newPassword\":\"Ops98765\",\"confirmPassword\":"
	    "\"Ops98765\",\"oldPassword\":\"" PW "\"}", NULL, 403,
	    "PASSWORD_SESSION_REQUIRED");
	itest_expect_error("PUT", "/api/user/reset/password/OPS@paygo.io",
	    tc3, "{\"newPassword\":", NULL, 403, "PASSWORD_SESSION_REQUIRED");
	itest_expect_error("PUT", "/api/user/reset/password/okra@x.io", tc3,
	    "{}", NULL, 403, "PASSWORD_SESSION_REQUIRED");
	itest_request("PUT", "/api/user/reset/password/ops@paygo.io", tc3,
	    "text/plain", "x", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 403, "PASSWORD_SESSION_REQUIRED");
	itest_resp_free(&r);
	itest_put("/api/user/profile", tc3, "{\"email\":\"ops9@paygo.io\","
	    "\"oldPassword\":\"" PW "\"}", &r);
	ITEST_ASSERT_ERROR(&r, 403, "PASSWORD_SESSION_REQUIRED");
	itest_resp_free(&r);
	itest_put("/api/user/profile", tc3, "{\"firstName\":\"Ops\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "firstName", "Ops");
	ITEST_ASSERT_JSTR(&r, "email", "ops@paygo.io");
	itest_resp_free(&r);
	t = itest_login("ops@paygo.io", PW);
	ITEST_ASSERT_R(NULL, t != NULL);
	free(t);
}

/* Beyond §11: GET /api/user/:id visibility, org users of an ApiUser. */
void
x_user_get(void)
{
	struct itest_resp	 r;
	char			*p;
	long long		 okra;

	itest_get("/api/organization/users", tOps, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	okra = itest_jint(&r, "users.1.id");
	ITEST_ASSERT_JSTR(&r, "users.1.email", "okra@x.io");
	ITEST_ASSERT_JSTR(&r, "users.0.email", "sun@x.io");
	itest_resp_free(&r);
	p = itest_fmt("/api/user/%lld", okra);
	itest_get(p, tOps, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "email", "okra@x.io");
	itest_resp_free(&r);
	itest_expect_error("GET", p, tOA1, NULL, NULL, 404, "USER_NOT_FOUND");
	itest_expect_error("GET", p, tOA2, NULL, NULL, 404, "USER_NOT_FOUND");
	free(p);
	p = itest_fmt("/api/user/%lld", ops_id);
	itest_get(p, tA, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "api_user_id", U);
	itest_resp_free(&r);
	free(p);
}

/* POST /api/meter-reads/new/:id for K with organizationId in the query. */
void
x_reads_alias(void)
{
	struct itest_resp	 r;
	char			*p;
	const char		*b = "{\"type\":\"Delta\",\"unit\":\"Wh\",\"reads\":"
				    "[{\"endtimestamp\":\"2025-03-01T10:04:00Z\","
				    "\"value\":1}]}";

	p = itest_fmt("/api/meter-reads/new/%lld?organizationId=%lld", dev_it,
	    orgK);
	itest_post(p, tc2, b, &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JINT(&r, "stored", 1);
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api/meter-reads/new/%lld?organizationId=%lld", dev_it,
	    d1);
	itest_expect_error("POST", p, tc2, b, NULL, 404,
	    "ORGANIZATION_NOT_FOUND");
	free(p);
	p = itest_fmt("/api/meter-reads/new/%lld", dev_it);
	itest_post(p, tc2, b, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_detail_fields(&r, "organizationId", NULL);
	itest_resp_free(&r);
	free(p);
}

/* The number of outbox messages to address (GET /api/test/outbox). */
static int
outbox_count(const char *to)
{
	struct itest_resp	 r;
	char			*p = itest_fmt("/api/test/outbox?limit=100&to=%s",
	    to);
	int			 n;

	itest_get(p, tA, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	n = itest_jlen(&r, "messages");
	itest_resp_free(&r);
	free(p);
	return n;
}

/* 1 when the Admin's organization list of type ApiUser names name. */
static int
admin_lists_apiuser_org(const char *name)
{
	struct itest_resp	 r;
	char			*p;
	int			 i, n, found = 0;

	itest_get("/api/admin/organizations?organizationType=apiuser&limit=100",
	    tA, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	n = itest_jlen(&r, "organizations");
	for (i = 0; i < n; i++) {
		p = itest_fmt("organizations.%d.name", i);
		if (itest_jstr(&r, p) && strcmp(itest_jstr(&r, p), name) == 0)
			found = 1;
		free(p);
		p = itest_fmt("organizations.%d.organizationType", i);
		ITEST_ASSERT_JSTR(&r, p, "ApiUser");
		free(p);
	}
	itest_resp_free(&r);
	return found;
}

/*
 * accounts.md §7.3 with integrators.md: an ApiUser organization managing
 * one is not empty (409 managedOrganizations); its managed organization
 * (a bulk job of the ApiUser in it) goes first, then the ApiUser's
 * organization with its api_user row, credential and client session.
 * accounts.md §3.1: the public registration is mailed, the managed
 * organization's user neither mailed nor confirmed (integrators.md §4.1).
 */
void
x_delete_orgs(void)
{
	struct itest_resp	 r;
	char			*t, *tc, *b, *p, cid[40], sec[80];
	long long		 org_au, uid_au, org_m, job;
	long			 st;
	int			 i;

	t = fx_reg("del@au.io", "apiuser", "DelAU", &org_au, &uid_au);
	ITEST_ASSERT_R(NULL, outbox_count("del@au.io") == 1);
	ITEST_ASSERT_R(NULL, admin_lists_apiuser_org("DelAU"));
	itest_put("/api/apiuser/scopes", t, "{\"scopes\":[\"organizations\","
	    "\"devices\"]}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	p = itest_fmt(ADMIN_AU "%lld", uid_au);
	itest_put(p, tA, "{\"status\":\"Active\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(p);
	b = reg_body("delm@x.io", "developer", "DelManaged", NULL);
	itest_post("/api/apiuser/organizations", t, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	org_m = itest_jint(&r, "organization.id");
	ITEST_ASSERT_R(&r, itest_jget(&r, "emailConfirmed") != NULL &&
	    !json_object_get_boolean(itest_jget(&r, "emailConfirmed")));
	itest_resp_free(&r);
	free(b);
	ITEST_ASSERT_R(NULL, outbox_count("delm@x.io") == 0);
	itest_post("/api/apiuser/credentials", t, NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	snprintf(cid, sizeof(cid), "%s", itest_jstr(&r, "client_id"));
	snprintf(sec, sizeof(sec), "%s", itest_jstr(&r, "client_secret"));
	itest_resp_free(&r);
	tc = get_access(cid, sec, &st);
	ITEST_ASSERT_R(NULL, st == 200 && tc != NULL);
	ITEST_REQUIRE(tc != NULL);
	/* A job of the ApiUser in the managed organization (no device). */
	p = itest_fmt("/api/device/bulk-upload?organizationId=%lld", org_m);
	itest_request("POST", p, tc, "text/csv", "externalId,address,latitude,"
	    "longitude,countryCode,fuelCode,deviceTypeCode,capacity,"
	    "commissioningDate\nDEL-1,a,11.5,104.9,KH,ES100,TC120,x,"
	    "2021-05-30\n", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 202);
	job = itest_jint(&r, "jobId");
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api/bulk-upload/jobs/%lld", job);
	for (i = 0; i < 100; i++) {
		itest_get(p, tA, &r);
		if (itest_jstr(&r, "status") != NULL &&
		    strcmp(itest_jstr(&r, "status"), "Completed") == 0)
			break;
		itest_resp_free(&r);
		usleep(100000);
	}
	ITEST_ASSERT_JSTR(&r, "status", "Completed");
	ITEST_ASSERT_JINT(&r, "failed", 1);
	itest_resp_free(&r);
	/* The ApiUser's organization manages one: not empty. */
	b = itest_fmt("/api/admin/organizations/%lld", org_au);
	itest_request("DELETE", b, tA, NULL, NULL, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 409, "ORGANIZATION_NOT_EMPTY");
	ITEST_ASSERT_JINT(&r, "details.managedOrganizations", 1);
	itest_resp_free(&r);
	/* The managed organization, its job with it. */
	free(p);
	p = itest_fmt("/api/admin/organizations/%lld", org_m);
	itest_request("DELETE", p, tA, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "deletedUsers", 1);
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api/bulk-upload/jobs/%lld", job);
	itest_expect_error("GET", p, tA, NULL, NULL, 404, "JOB_NOT_FOUND");
	free(p);
	/* Now the ApiUser's: api_user, credential, client session go. */
	itest_request("DELETE", b, tA, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "deletedUsers", 1);
	itest_resp_free(&r);
	free(b);
	itest_get("/api/user/me", tc, &r);
	ITEST_ASSERT_STATUS(&r, 401);
	itest_resp_free(&r);
	free(tc);
	tc = get_access(cid, sec, &st);
	ITEST_ASSERT_R(NULL, st == 401 && tc == NULL);
	free(tc);
	ITEST_ASSERT_R(NULL, !admin_lists_apiuser_org("DelAU"));
	free(t);
	/* Name and e-mail are free again; the Admin deletes the user. */
	t = fx_reg("del@au.io", "apiuser", "DelAU", &org_au, &uid_au);
	free(t);
	p = itest_fmt("/api/admin/user/%lld", uid_au);
	itest_request("DELETE", p, tA, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(p);
	t = itest_login("del@au.io", PW);
	ITEST_ASSERT_R(NULL, t == NULL);
	free(t);
}
