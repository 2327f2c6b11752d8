/*
 * itest_clients: clients.md §8 vectors 1-17 (CORS, paths, the device
 * routes, blockchain-properties, SDGBenefits).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_clients.h"

/* ================================================================ §1 CORS */

/* §1's headers of an allowed preflight. */
static void
preflight_ok_at(const char *file, unsigned line, const struct itest_resp *r,
    const char *origin)
{
	itest_check_status(r, 204, 0, file, line);
	itest_check(r->len == 0, r, "no body", file, line, 0);
	hdr_at(file, line, r, "Access-Control-Allow-Origin", origin);
	hdr_at(file, line, r, "Access-Control-Allow-Methods", METHODS);
	hdr_at(file, line, r, "Access-Control-Allow-Headers", HEADERS);
	hdr_at(file, line, r, "Access-Control-Max-Age", "7200");
	hdr_at(file, line, r, "Access-Control-Expose-Headers", EXPOSE);
	hdr_at(file, line, r, "Vary", "Origin");
	hdr_at(file, line, r, "Access-Control-Allow-Credentials", NULL);
	itest_check(r->request_id != NULL, r, "X-Request-Id", file, line, 0);
}
#define PREFLIGHT_OK(r, o)	preflight_ok_at(__FILE__, __LINE__, (r), (o))

/* Vector 1: the preflight is nginx's 204; drecd never sees it. */
static void
v01_preflight(void)
{
	struct itest_resp	 r;
	char			*id = itest_unique("pf1"), *h, *id2;
	int			 i;

	h = itest_fmt("X-Request-Id: %s", id);
	itest_request("OPTIONS", "/api/device/my", NULL, NULL, NULL,
	    ITEST_HDRS(O_UI, ACRM_GET, "Access-Control-Request-Headers: "
	    "authorization", h), &r);
	PREFLIGHT_OK(&r, "http://localhost:4200");
	HDR(&r, "X-Request-Id", id);
	itest_resp_free(&r);
	free(h);
	/* A request that reaches drecd is logged with its id (the control),
	 * the preflight's id never. */
	id2 = itest_unique("pf1ctl");
	h = itest_fmt("X-Request-Id: %s", id2);
	itest_request("GET", "/api/device/my", NULL, NULL, NULL,
	    ITEST_HDRS(O_UI, h), &r);
	ITEST_ASSERT_ERROR(&r, 401, "UNAUTHORIZED");
	itest_resp_free(&r);
	/* drecd writes access lines every 50 ms: wait for the control's,
	 * then a little longer for any other worker's. */
	for (i = 0; i < 100 && !drecd_log_has(id2); i++)
		usleep(50000);
	ITEST_ASSERT_R(NULL, drecd_log_has(id2));
	usleep(300000);
	ITEST_ASSERT_R(NULL, !drecd_log_has(id));
	free(h);
	free(id);
	free(id2);
	/* The origin compares ignoring ASCII case and is echoed as sent. */
	itest_request("OPTIONS", "/api/device/my", NULL, NULL, NULL,
	    ITEST_HDRS("Origin: HTTP://LocalHost:4200", ACRM_GET), &r);
	PREFLIGHT_OK(&r, "HTTP://LocalHost:4200");
	itest_resp_free(&r);
}

/* Vector 2: another origin, and "null": 204, no Access-Control-*. */
static void
v02_preflight_other_origin(void)
{
	const char		*o[] = { "Origin: https://evil.example",
				    "Origin: null", "Origin: http://localhost:4201",
				    "Origin: http://localhost:4200/" };
	struct itest_resp	 r;
	size_t			 i;

	for (i = 0; i < NELEM(o); i++) {
		itest_request("OPTIONS", "/api/device/my", NULL, NULL, NULL,
		    ITEST_HDRS(o[i], ACRM_GET), &r);
		ITEST_ASSERT_STATUS(&r, 204);
		NO_ACAH(&r);
		HDR(&r, "Vary", "Origin");
		itest_resp_free(&r);
	}
}

/* Vector 3: any path under /api, any method asked. */
static void
v03_preflight_any_path(void)
{
	static const char *const own[] = { "/api/file",
	    "/api/device/bulk-upload", "/api/auth/getAccess",
	    "/api/user/export-accesskey/x" };
	struct itest_resp	 r;
	size_t			 i;

	itest_request("OPTIONS", "/api/no/such/route", NULL, NULL, NULL,
	    ITEST_HDRS(O_UI, "Access-Control-Request-Method: DELETE"), &r);
	PREFLIGHT_OK(&r, "http://localhost:4200");
	itest_resp_free(&r);
	itest_request("OPTIONS", "/api/meter-reads/new/x", NULL, NULL, NULL,
	    ITEST_HDRS(O_UI, "Access-Control-Request-Method: POST"), &r);
	PREFLIGHT_OK(&r, "http://localhost:4200");
	itest_resp_free(&r);
	/* integrators.md's own nginx locations answer it too. */
	for (i = 0; i < NELEM(own); i++) {
		itest_request("OPTIONS", own[i], NULL, NULL, NULL,
		    ITEST_HDRS(O_UI, "Access-Control-Request-Method: POST"),
		    &r);
		PREFLIGHT_OK(&r, "http://localhost:4200");
		itest_resp_free(&r);
	}
}

/* Vector 4: drecd's answer gets the headers from nginx. */
static void
v04_cors_on_drecd_answer(void)
{
	struct itest_resp r;

	itest_request("GET", "/api/user/me", NULL, NULL, NULL,
	    ITEST_HDRS(O_UI), &r);
	ITEST_ASSERT_ERROR(&r, 401, "UNAUTHORIZED");
	HDR(&r, "Access-Control-Allow-Origin", "http://localhost:4200");
	HDR(&r, "Access-Control-Expose-Headers", EXPOSE);
	HDR(&r, "Access-Control-Allow-Methods", NULL);
	HDR(&r, "Access-Control-Max-Age", NULL);
	HDR(&r, "Vary", "Origin");
	itest_resp_free(&r);
	/* Without Origin: only Vary. */
	itest_get("/api/countrycode/list", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	NO_ACAH(&r);
	HDR(&r, "Vary", "Origin");
	itest_resp_free(&r);
}

/* Vector 5: nginx's own 413 (and 404) carry the headers too. */
static void
v05_cors_on_nginx_errors(void)
{
	struct itest_resp	 r;
	size_t			 n = 2 << 20;
	char			*b = malloc(n + 32);

	fixture();
	ITEST_REQUIRE(b != NULL);
	memset(b, ' ', n);
	memcpy(b, "{\"externalId\":\"big\"", 19);
	strcpy(b + n, "}");
	itest_request("POST", "/api/device", st.oa1.tok, NULL, b,
	    ITEST_HDRS(O_UI), &r);
	ITEST_ASSERT_ERROR(&r, 413, "PAYLOAD_TOO_LARGE");
	HDR(&r, "Access-Control-Allow-Origin", "http://localhost:4200");
	HDR(&r, "Access-Control-Expose-Headers", EXPOSE);
	HDR(&r, "Vary", "Origin");
	itest_resp_free(&r);
	free(b);
	itest_request("GET", "/nothing", NULL, NULL, NULL, ITEST_HDRS(O_UI),
	    &r);
	ITEST_ASSERT_ERROR(&r, 404, "ROUTE_NOT_FOUND");
	HDR(&r, "Access-Control-Allow-Origin", "http://localhost:4200");
	HDR(&r, "Vary", "Origin");
	itest_resp_free(&r);
}

/* Vector 6: OPTIONS without Access-Control-Request-Method is drecd's. */
static void
v06_options_plain(void)
{
	struct itest_resp r;

	fixture();
	itest_request("OPTIONS", "/api/device/my", st.oa1.tok, NULL, NULL,
	    ITEST_HDRS(O_UI), &r);
	ITEST_ASSERT_ERROR(&r, 405, "METHOD_NOT_ALLOWED");
	ITEST_ASSERT_R(&r, r.allow != NULL && strcmp(r.allow, "GET") == 0);
	HDR(&r, "Access-Control-Allow-Origin", "http://localhost:4200");
	HDR(&r, "Access-Control-Allow-Methods", NULL);
	itest_resp_free(&r);
}

/*
 * Vector 7 (what this stack's 50 r/s, burst 200 allows): 250 preflights
 * to the login route in a row are all 204; were they counted against
 * the login zone, the last ones would be 429.
 */
static void
v07_preflights_not_rate_limited(void)
{
	char	*out = NULL;
	long	 st7;
	int	 i, bad = 0;

	for (i = 0; i < 250; i++) {
		st7 = itest_raw("OPTIONS", "/api/auth/login", NULL, NULL,
		    "Access-Control-Request-Method: POST", &out, NULL);
		free(out);
		out = NULL;
		if (st7 != 204 && bad++ == 0)
			printf("\n  preflight %d answered %ld", i, st7);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* ================================================================ §2 paths */

/* Vector 8: the UI's Organization/me and Organization/users. */
static void
v08_organization_any_case(void)
{
	struct itest_resp	 r, lo;

	fixture();
	itest_get("/api/organization/me", st.oa1.tok, &lo);
	ITEST_ASSERT_STATUS(&lo, 200);
	itest_get("/api/Organization/me", st.oa1.tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, strcmp(r.body, lo.body) == 0);
	itest_resp_free(&r);
	itest_get("/api/%4Frganization/ME/", st.oa1.tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, strcmp(r.body, lo.body) == 0);
	itest_resp_free(&r);
	itest_resp_free(&lo);
	itest_get("/api/ORGANIZATION/Users?pageNumber=1&limit=20", st.oa1.tok,
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "totalCount", 3);
	itest_resp_free(&r);
}

/* Vector 9: precedence ignores case; time-zones is reserved. */
static void
v09_precedence(void)
{
	struct itest_resp	 r;
	char			*b;

	fixture();
	itest_request("PATCH", "/api/Device/MY", st.oa1.tok, NULL, "{}", NULL,
	    &r);
	ITEST_ASSERT_ERROR(&r, 405, "METHOD_NOT_ALLOWED");
	ITEST_ASSERT_R(&r, r.allow != NULL && strcmp(r.allow, "GET") == 0);
	/* 405 names the route as the spec spells it. */
	ITEST_ASSERT_R(&r, itest_message_has(&r, "/api/device/my"));
	itest_resp_free(&r);
	itest_get("/api/DEVICE/my", st.oa1.tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	EXTS(&r, "", "Dev-2,Dev-1");
	itest_resp_free(&r);
	b = strdup("{\"externalId\":\"Time-Zones\",\"address\":\"x\","
	    "\"latitude\":\"1\",\"longitude\":\"1\",\"countryCode\":\"IN\","
	    "\"fuelCode\":\"ES100\",\"deviceTypeCode\":\"TC120\","
	    "\"capacity\":25,\"commissioningDate\":\"2022-08-09T19:00:00\"}");
	itest_post("/api/device", st.oa1.tok, b, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "externalId", NULL);
	itest_resp_free(&r);
	free(b);
	/* A parameter keeps its case: the device's own externalId. */
	itest_get("/api/Meter-Reads/LatestRead/DEV-1", st.oa1.tok, &r);
	ITEST_ASSERT_R(&r, r.status != 404 || strcmp(itest_jstr(&r, "code"),
	    "ROUTE_NOT_FOUND") != 0);
	itest_resp_free(&r);
}

/* Vector 10: /api is exact; an empty segment matches nothing. */
static void
v10_exact_api(void)
{
	fixture();
	itest_expect_error("GET", "/API/device/my", st.oa1.tok, NULL, NULL,
	    404, "ROUTE_NOT_FOUND");
	itest_expect_error("GET", "/api//organization/me", st.oa1.tok, NULL,
	    NULL, 404, "ROUTE_NOT_FOUND");
	itest_expect_error("GET", "/api//Organization/1/change-role/2",
	    st.oa1.tok, NULL, NULL, 404, "ROUTE_NOT_FOUND");
}

/* ======================================================== §5, §6.2 routes */

/* Vector 11: blockchain-properties, public, the issuer's key. */
static void
v11_blockchain_properties(void)
{
	struct itest_resp	 r, k;
	int			 i;

	itest_get("/api/issuer/public-key", NULL, &k);
	for (i = 0; i < 2; i++) {
		itest_get("/api/blockchain-properties", i ? "x" : NULL, &r);
		ITEST_ASSERT_STATUS(&r, 200);
		JEQ(&r, "netId", "0");
		ITEST_ASSERT_JSTR(&r, "registry", "drec-ledger");
		ITEST_ASSERT_JSTR(&r, "issuer", "drec-issuer");
		ITEST_ASSERT_JSTR(&r, "rpcNode", "");
		ITEST_ASSERT_JSTR(&r, "rpcNodeFallback", "");
		ITEST_ASSERT_JSTR(&r, "ledgerPath",
		    "/api/certificate-log/ledger");
		ITEST_ASSERT_JSTR(&r, "publicKeyPath", "/api/issuer/public-key");
		ITEST_ASSERT_JSTR(&r, "algorithm", "Ed25519");
		if (k.status == 200) {
			ITEST_ASSERT_JSTR(&r, "keyId", itest_jstr(&k, "keyId"));
			ITEST_ASSERT_JSTR(&r, "publicKey",
			    itest_jstr(&k, "publicKey"));
		} else {
			ITEST_ASSERT_R(&r, itest_jisnull(&r, "keyId"));
			ITEST_ASSERT_R(&r, itest_jisnull(&r, "publicKey"));
		}
		itest_resp_free(&r);
	}
	itest_resp_free(&k);
}

/* Vector 12 (and §5.1's compatibility keys). */
static void
v12_by_external_id(void)
{
	struct itest_resp	 r;
	char			*p;

	fixture();
	itest_get("/api/device/externalId/dev-1", st.oa1.tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "externalId", "Dev-1");
	ITEST_ASSERT_JSTR(&r, "developerExternalId", "Dev-1");
	ITEST_ASSERT_JSTR(&r, "internalexternalId", st.dev1.iid);
	ITEST_ASSERT_JSTR(&r, "internalExternalId", st.dev1.iid);
	itest_resp_free(&r);
	itest_expect_error("GET", "/api/device/externalId/dev-1", st.oa2.tok,
	    NULL, NULL, 404, "DEVICE_NOT_FOUND");
	p = itest_fmt("/api/device/externalId/%s", st.dev1.iid);
	itest_get(p, st.bu2.tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "id", st.dev1.id);
	itest_resp_free(&r);
	free(p);
	itest_expect_error("GET", "/api/device/externalId/nope", st.oa1.tok,
	    NULL, NULL, 404, "DEVICE_NOT_FOUND");
	/* The keys on every device object: /device/my's items too. */
	itest_get("/api/device/my", st.oa1.tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "0.developerExternalId", "Dev-2");
	ITEST_ASSERT_JSTR(&r, "0.internalexternalId", st.dev2.iid);
	itest_resp_free(&r);
}

/* Vector 13: /device/my/autocomplete. */
static void
v13_autocomplete_my(void)
{
	struct itest_resp r;

	fixture();
	itest_get("/api/device/my/autocomplete?externalId=DEV", st.oa1.tok,
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	EXTS(&r, "", "Dev-1,Dev-2");
	ITEST_ASSERT_JSTR(&r, "0.developerExternalId", "Dev-1");
	itest_resp_free(&r);
	itest_get("/api/device/my/autocomplete?externalId=%20dev-2%20",
	    st.do1.tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	EXTS(&r, "", "Dev-2");
	itest_resp_free(&r);
	/* '%' and '_' are literal, not LIKE wildcards. */
	itest_get("/api/device/my/autocomplete?externalId=Dev_", st.oa1.tok,
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	EXTS(&r, "", "");
	itest_resp_free(&r);
	itest_get("/api/device/my/autocomplete?externalId=%25", st.oa1.tok,
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	EXTS(&r, "", "");
	itest_resp_free(&r);
	itest_request("GET", "/api/device/my/autocomplete?externalId=",
	    st.oa1.tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_QUERY");
	itest_assert_fields(&r, "externalId", NULL);
	itest_resp_free(&r);
	itest_expect_error("GET", "/api/device/my/autocomplete?externalId=DEV",
	    st.bu1.tok, NULL, NULL, 403, "FORBIDDEN");
	/* Another organization's devices never show. */
	itest_get("/api/device/my/autocomplete?externalId=o", st.oa1.tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	EXTS(&r, "", "");
	itest_resp_free(&r);
}

/* Vector 14: /admin/devices/autocomplete. */
static void
v14_autocomplete_admin(void)
{
	struct itest_resp	 r;
	char			*p;

	fixture();
	p = itest_fmt("/api/admin/devices/autocomplete?externalId=o&"
	    "organizationId=%lld", st.oa2.org);
	itest_get(p, st.admin, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	EXTS(&r, "", "Other-1");
	itest_resp_free(&r);
	itest_expect_error("GET", p, st.oa1.tok, NULL, NULL, 403, "FORBIDDEN");
	free(p);
	itest_get("/api/admin/devices/autocomplete?externalId=o", st.admin, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_QUERY");
	itest_assert_fields(&r, "organizationId", NULL);
	itest_resp_free(&r);
}

/* Vector 15: GET /api/device (Admin). */
static void
v15_device_admin(void)
{
	struct itest_resp	 r;
	char			*p;

	fixture();
	p = itest_fmt("/api/device?OrganizationId=%lld", st.oa1.org);
	itest_get(p, st.admin, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	EXTS(&r, "devices", "Dev-2,Dev-1");
	ITEST_ASSERT_JINT(&r, "currentPage", 1);
	ITEST_ASSERT_JINT(&r, "totalPages", 1);
	ITEST_ASSERT_JINT(&r, "totalCount", 2);
	ITEST_ASSERT_JSTR(&r, "devices.0.organizationname", "RooftopSolar");
	ITEST_ASSERT_JSTR(&r, "devices.1.organizationname", "RooftopSolar");
	ITEST_ASSERT_JSTR(&r, "devices.0.developerExternalId", "Dev-2");
	itest_resp_free(&r);
	itest_expect_error("GET", p, st.oa1.tok, NULL, NULL, 403, "FORBIDDEN");
	free(p);
	p = itest_fmt("/api/device?pagenumber=1&organizationId=%lld",
	    st.oa1.org);
	itest_get(p, st.admin, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	EXTS(&r, "devices", "Dev-2,Dev-1");
	ITEST_ASSERT_JINT(&r, "totalPages", 1);
	ITEST_ASSERT_JINT(&r, "totalCount", 2);
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api/device?OrganizationId=%lld&organizationId=%lld",
	    st.oa1.org, st.oa2.org);
	itest_get(p, st.admin, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_QUERY");
	itest_assert_fields(&r, "OrganizationId", NULL);
	itest_resp_free(&r);
	free(p);
	/* An unknown parameter name filters nothing. */
	p = itest_fmt("/api/device?organizationid=%lld", st.oa2.org);
	itest_get(p, st.admin, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jint(&r, "totalCount") >= 3 &&
	    itest_jint(&r, "totalCount") == (long long)itest_jlen(&r,
	    "devices"));
	itest_resp_free(&r);
	free(p);
	/* Naming a Buyer organization or none: nothing matches. */
	p = itest_fmt("/api/device?organizationId=%lld", st.bu1.org);
	itest_get(p, st.admin, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "totalCount", 0);
	ITEST_ASSERT_JINT(&r, "totalPages", 0);
	itest_resp_free(&r);
	free(p);
}

/* Vectors 16-17: the SDGBenefits FormControl of the UI's device form. */
static void
v16_17_sdg_form_control(void)
{
	static const char fc[] = "[{\"_pendingDirty\":false,"
	    "\"_hasOwnPendingAsyncValidator\":false,\"_pendingTouched\":false,"
	    "\"_onCollectionChange\":null,\"_onDisabledChange\":[],"
	    "\"_rawValidators\":null,\"_rawAsyncValidators\":null,"
	    "\"value\":[],\"validator\":null,\"asyncValidator\":null,"
	    "\"pristine\":true,\"touched\":false,\"_onChange\":[],"
	    "\"defaultValue\":null,\"status\":\"VALID\",\"errors\":null,"
	    "\"valueChanges\":{},\"statusChanges\":{}}]";
	static const struct {
		const char	*ext, *sdg, *want;
	} v[] = {
		{ "UI-1", fc, "[]" },
		{ "UI-2", "[{\"status\":\"VALID\",\"value\":[\"SDG7\"]}]",
		  "[\"Affordable and Clean Energy\"]" },
		{ "UI-3", "[{\"value\":[]}]", NULL },
		{ "UI-4", "[{\"status\":\"VALID\",\"value\":[{\"status\":"
		  "\"VALID\",\"value\":[]}]}]", NULL },
		{ "UI-5", "[{\"status\":1,\"value\":[]}]", NULL },
		{ "UI-6", "[{\"status\":\"VALID\",\"value\":[\"SDG99\"]}]",
		  NULL },
	};
	struct itest_resp	 r;
	char			*b, *patch;
	size_t			 i;

	fixture();
	for (i = 0; i < NELEM(v); i++) {
		patch = itest_fmt("{\"externalId\":\"%s\",\"SDGBenefits\":%s}",
		    v[i].ext, v[i].sdg);
		b = itest_json_merge("{\"address\":\"x\",\"latitude\":\"1\","
		    "\"longitude\":\"1\",\"countryCode\":\"IN\",\"fuelCode\":"
		    "\"ES100\",\"deviceTypeCode\":\"TC120\",\"capacity\":25,"
		    "\"commissioningDate\":\"2022-08-09T19:00:00\"}", patch);
		itest_post("/api/device", st.oa1.tok, b, &r);
		if (v[i].want != NULL) {
			ITEST_ASSERT_STATUS(&r, 201);
			JEQ(&r, "SDGBenefits", v[i].want);
		} else {
			ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
			itest_assert_fields(&r, "SDGBenefits", NULL);
		}
		itest_resp_free(&r);
		free(b);
		free(patch);
	}
}

static const struct ct_test tests[] = {
	{ "1: preflight 204 from nginx, drecd not reached", v01_preflight },
	{ "2: preflight from another origin", v02_preflight_other_origin },
	{ "3: preflight to any /api path", v03_preflight_any_path },
	{ "4: CORS headers on drecd's 401", v04_cors_on_drecd_answer },
	{ "5: CORS headers on nginx's 413, 404", v05_cors_on_nginx_errors },
	{ "6: OPTIONS without the preflight header", v06_options_plain },
	{ "7: preflights do not count against limits",
	  v07_preflights_not_rate_limited },
	{ "8: Organization/me, ORGANIZATION/Users", v08_organization_any_case },
	{ "9: precedence in any case, time-zones reserved", v09_precedence },
	{ "10: /API and // are 404", v10_exact_api },
	{ "11: blockchain-properties", v11_blockchain_properties },
	{ "12: device/externalId/:externalId", v12_by_external_id },
	{ "13: device/my/autocomplete", v13_autocomplete_my },
	{ "14: admin/devices/autocomplete", v14_autocomplete_admin },
	{ "15: GET /api/device (Admin)", v15_device_admin },
	{ "16-17: SDGBenefits FormControl", v16_17_sdg_form_control },
};

void
cl_vectors_register(CU_pSuite s)
{
	cl_add_tests(s, tests, NELEM(tests));
}
