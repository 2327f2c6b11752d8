/*
 * The authorization matrix for ApiUser callers (integrators.md §4.3):
 * every route of the route table, called by ApiUser AU1 (all five scopes
 * granted, a password session) for its own managed organization M1, for
 * another ApiUser's managed organization M2 and for an unmanaged
 * organization (A of test_authz.c).  Like the main matrix it reads the
 * server's route table: a route without a row fails the suite.
 *
 * A route that names an organization or device gets three statuses
 * (own, another ApiUser's, unmanaged); others one ("200|429": either).  403 cells must be
 * FORBIDDEN (the route is not an ApiUser's), 404 cells a visibility 404.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/nelem.h"
#include "api/api.h"
#include "authz.h"

#define ALL_SCOPES	"{\"scopes\":[\"organizations\",\"devices\"," \
	"\"reads\",\"reservations\",\"certificates\"]}"

enum { S_OWN, S_OTHER, S_UNMANAGED, S__N };

/* ================================================================ fixture */

/* Registers an ApiUser with every scope approved; its token. */
static char *
apiuser(long long *uid, char **email)
{
	struct itest_resp	 r;
	char			*e = itest_unique_email("au"), *n, *b, *tok, *p;

	n = itest_unique("AuthzApiUser");
	b = itest_fmt("{\"firstName\":\"Api\",\"lastName\":\"User\","
	    "\"email\":\"%s\",\"organizationType\":\"apiuser\",\"password\":\""
	    AZ_PASSWORD "\",\"confirmPassword\":\"" AZ_PASSWORD "\","
	    "\"orgName\":\"%s\"}", e, n);
	itest_post("/api/user/register", NULL, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	*uid = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(b);
	free(n);
	tok = itest_login(e, AZ_PASSWORD);
	ITEST_REQUIRE(tok != NULL);
	itest_put("/api/apiuser/scopes", tok, ALL_SCOPES, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	itest_resp_free(&r);
	p = itest_fmt("/api/admin/apiusers/%lld", *uid);
	itest_put(p, az.tok[AZ_ADMIN], "{\"status\":\"Active\"}", &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	itest_resp_free(&r);
	free(p);
	if (email != NULL)
		*email = e;
	else
		free(e);
	return tok;
}

/* A managed organization of type, created by ApiUser tok; its id. */
static long long
managed(const char *tok, const char *type)
{
	struct itest_resp	 r;
	char			*e = itest_unique_email("m"), *n, *b;
	long long		 id;

	n = itest_unique("AuthzManaged");
	b = itest_fmt("{\"firstName\":\"M\",\"lastName\":\"O\",\"email\":"
	    "\"%s\",\"organizationType\":\"%s\",\"password\":\"" AZ_PASSWORD
	    "\",\"confirmPassword\":\"" AZ_PASSWORD "\",\"orgName\":\"%s\"}",
	    e, type, n);
	itest_post("/api/apiuser/organizations", tok, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	id = itest_jint(&r, "organization.id");
	itest_resp_free(&r);
	free(b);
	free(n);
	free(e);
	return id;
}

long long
az_device_managed(const char *tok, long long org)
{
	struct itest_resp	 r;
	char			*b = az_device_body(org);
	long long		 id;

	itest_post("/api/device", tok, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	id = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(b);
	return id;
}

/* A reservation of managed Buyer buyer holding a new device of dev_org. */
static long long
reserve_managed(const char *tok, long long dev_org, long long buyer)
{
	struct itest_resp	 r;
	char			*b;
	long long		 id;

	b = az_reservation_body(az_device_managed(tok, dev_org), buyer);
	itest_post("/api/buyer-reservation", tok, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	id = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(b);
	return id;
}

void
az_fixture_apiuser(void)
{
	long long u;

	az.tok_au1 = apiuser(&az.uid_au1, &az.email_au1);
	az.tok_au2 = apiuser(&u, NULL);
	az.org_m1 = managed(az.tok_au1, "developer");
	az.org_mb1 = managed(az.tok_au1, "buyer");
	az.org_m2 = managed(az.tok_au2, "developer");
	az.org_mb2 = managed(az.tok_au2, "buyer");
	az.dev_m1 = az_device_managed(az.tok_au1, az.org_m1);
	az.dev_m2 = az_device_managed(az.tok_au2, az.org_m2);
	az.res_m[0] = reserve_managed(az.tok_au1, az.org_m1, az.org_mb1);
	az.res_m[1] = reserve_managed(az.tok_au2, az.org_m2, az.org_mb2);
}

/* ================================================================ matrix */

enum ap {
	AP_NONE,	/* the pattern as it is (":id" literally) */
	AP_DEV,		/* dev_m1 / dev_m2 / dA */
	AP_DEV_NEW,	/* a new device of M1 / M2 / A */
	AP_USER,	/* the spare user of A */
	AP_SELF,	/* AU1's user id */
	AP_RES,		/* MB1's / MB2's reservation / R_X */
};

enum ab {
	AB_NONE, AB_EMPTY, AB_REGISTER, AB_LOGIN, AB_PASSWORD, AB_PROFILE,
	AB_DEVICE,	/* a new device with organizationId of the scope */
	AB_PATCH, AB_DELTA, AB_SCOPES,
	AB_RESERVE,	/* a reservation of a new M1 device for the scope's buyer */
};

#define AF_FRESH	0x01	/* a new login of AU1 for this request */
#define AF_ORGQ		0x02	/* ?organizationId=<the scope's> */
#define AF_READSQ	0x04	/* READS_Q */
#define AF_LISTQ	0x08	/* LIST_Q */
#define AF_BUYER	0x10	/* the scope's organizations are MB1 / MB2 / X */

struct arow {
	const char	*method;
	const char	*pattern;
	enum ap		 param;
	enum ab		 body;
	int		 flags;
	const char	*want;	/* one status, or own other unmanaged */
};

#define READS_Q	"?readType=meterReads&start=2000-01-01T00:00:00Z&end=2100-01-01T00:00:00Z"
#define LIST_Q	"?start=2000-01-01T00:00:00Z&end=2100-01-01T00:00:00Z"
#define SCOPED	"200 404 404"
#define RES_AROWS(pre) \
	{ "POST", pre, AP_NONE, AB_RESERVE, AF_BUYER, "201 404 404" }, \
	{ "GET", pre, AP_NONE, AB_NONE, AF_ORGQ | AF_BUYER, SCOPED }, \
	{ "GET", pre "/my", AP_NONE, AB_NONE, AF_ORGQ | AF_BUYER, SCOPED }, \
	{ "GET", pre "/of-my-devices", AP_NONE, AB_NONE, AF_ORGQ, SCOPED }, \
	{ "DELETE", pre "/endreservation/:id", AP_NONE, AB_NONE, 0, "400" }, \
	{ "DELETE", pre "/endresavation/:id", AP_NONE, AB_NONE, 0, "400" }, \
	{ "GET", pre "/:id", AP_RES, AB_NONE, 0, SCOPED }, \
	{ "PATCH", pre "/:id", AP_RES, AB_EMPTY, 0, SCOPED }, \
	{ "DELETE", pre "/:id", AP_NONE, AB_NONE, 0, "400" }, \
	{ "GET", pre "/current-information/:id", AP_RES, AB_NONE, 0, "403" }

#define CSV_AROWS(pre) \
	{ "POST", pre "/process-creation-bulk-devices-csv", AP_NONE, AB_EMPTY, \
	  0, "403" }, \
	{ "GET", pre "/bulk-upload/get-all-csv-jobs-of-organization", AP_NONE, \
	  AB_NONE, 0, "200" }, \
	{ "GET", pre "/bulk-upload-status/:id", AP_NONE, AB_NONE, 0, "400" }

static const struct arow arows[] = {
	{ "GET", "/api/health", AP_NONE, AB_NONE, 0, "200" },
	{ "GET", "/api/health/live", AP_NONE, AB_NONE, 0, "200" },
	{ "POST", "/api/user/register", AP_NONE, AB_REGISTER, 0, "201" },
	{ "POST", "/api/user/registerWithOrganization", AP_NONE, AB_REGISTER,
	  0, "201" },
	{ "POST", "/api/auth/login", AP_NONE, AB_LOGIN, 0, "200" },
	{ "POST", "/api/auth/logout", AP_NONE, AB_NONE, AF_FRESH, "200" },
	{ "GET", "/api/user/me", AP_NONE, AB_NONE, 0, "200" },
	{ "PUT", "/api/user/password", AP_NONE, AB_PASSWORD, 0, "400" },
	{ "PUT", "/api/user/profile", AP_NONE, AB_PROFILE, 0, "200" },
	{ "GET", "/api/organization/me", AP_NONE, AB_NONE, 0, "200" },
	{ "GET", "/api/organization/users", AP_NONE, AB_NONE, 0, "200" },
	{ "GET", "/api/admin/users", AP_NONE, AB_NONE, 0, "403" },
	{ "POST", "/api/admin/users", AP_NONE, AB_EMPTY, 0, "403" },
	{ "PUT", "/api/admin/users/:id", AP_USER, AB_EMPTY, 0, "403" },
	{ "GET", "/api/admin/organizations", AP_NONE, AB_NONE, 0, "403" },
	{ "GET", "/api/test/clock", AP_NONE, AB_NONE, 0, "403" },
	{ "PUT", "/api/test/clock", AP_NONE, AB_EMPTY, 0, "403" },
	/* devices.md §1 with integrators.md §4.2. */
	{ "POST", "/api/device", AP_NONE, AB_DEVICE, 0, "201 404 404" },
	{ "GET", "/api/device/my", AP_NONE, AB_NONE, AF_ORGQ, SCOPED },
	{ "GET", "/api/device/fuel-type", AP_NONE, AB_NONE, 0, "200" },
	{ "GET", "/api/device/device-type", AP_NONE, AB_NONE, 0, "200" },
	{ "GET", "/api/device/ungrouped/buyerreservation", AP_NONE, AB_NONE,
	  0, "200" },
	{ "GET", "/api/device/:id", AP_DEV, AB_NONE, 0, SCOPED },
	{ "PATCH", "/api/device/:id", AP_DEV, AB_PATCH, 0, SCOPED },
	{ "DELETE", "/api/device/:id", AP_DEV_NEW, AB_NONE, 0, SCOPED },
	{ "GET", "/api/countrycode/list", AP_NONE, AB_NONE, 0, "200" },
	{ "GET", "/api/sdgbenefit/code", AP_NONE, AB_NONE, 0, "200" },
	/* meter-reads.md */
	{ "POST", "/api/meter-reads/new/:id", AP_DEV, AB_DELTA, 0,
	  "201 404 404" },
	{ "GET", "/api/meter-reads/new/:id", AP_DEV, AB_NONE, AF_READSQ,
	  SCOPED },
	{ "POST", "/api/meter-reads/addByAdmin/new/:id", AP_DEV, AB_EMPTY, 0,
	  "403 403 403" },
	{ "GET", "/api/meter-reads/latestread/:id", AP_DEV, AB_NONE, 0,
	  SCOPED },
	{ "GET", "/api/meter-reads/time-zones", AP_NONE, AB_NONE, 0, "200" },
	{ "GET", "/api/meter-reads/:id", AP_DEV, AB_NONE, AF_LISTQ, SCOPED },
	/* reservations.md with integrators.md §4.2. */
	RES_AROWS("/api/buyer-reservation"),
	RES_AROWS("/api/device-group"),
	{ "POST", "/api/drec-issuer/run", AP_NONE, AB_NONE, 0, "403" },
	{ "GET", "/api/issuer/public-key", AP_NONE, AB_NONE, 0, "200" },
	{ "GET", "/api/certificate-log/ledger", AP_NONE, AB_NONE, 0, "200" },
	/* certificates: the path or the organizationId is missing. */
	{ "GET", "/api/certificate-log/issuer/certified/:id", AP_NONE,
	  AB_NONE, 0, "400" },
	{ "GET", "/api/certificate-log/issuer/certified/new/:id", AP_NONE,
	  AB_NONE, 0, "400" },
	{ "GET", "/api/certificate-log/issuer/certifiedlogOfdevices", AP_NONE,
	  AB_NONE, 0, "400" },
	{ "GET", "/api/certificate-log/by-reservation-groupId", AP_NONE,
	  AB_NONE, 0, "400" },
	{ "POST", "/api/certificate-log/:id/claim", AP_NONE, AB_EMPTY, 0,
	  "400" },
	/* integrators.md */
	{ "POST", "/api/auth/getAccess", AP_NONE, AB_EMPTY, 0, "400" },
	{ "GET", "/api/user/export-accesskey/:id", AP_NONE, AB_NONE, 0,
	  "400" },
	{ "GET", "/api/user/:id", AP_USER, AB_NONE, 0, "404" },
	{ "PUT", "/api/apiuser/scopes", AP_NONE, AB_SCOPES, 0, "200" },
	{ "GET", "/api/apiuser/credentials", AP_NONE, AB_NONE, 0, "200" },
	{ "POST", "/api/apiuser/credentials", AP_NONE, AB_NONE, 0, "201" },
	{ "DELETE", "/api/apiuser/credentials/:clientId", AP_NONE, AB_NONE, 0,
	  "400" },
	{ "GET", "/api/apiuser/organizations", AP_NONE, AB_NONE, 0, "200" },
	{ "POST", "/api/apiuser/organizations", AP_NONE, AB_REGISTER, 0,
	  "201" },
	{ "GET", "/api/organization/apiuser/all_organization", AP_NONE,
	  AB_NONE, 0, "200" },
	{ "GET", "/api/admin/apiusers", AP_NONE, AB_NONE, 0, "403" },
	{ "PUT", "/api/admin/apiusers/:id", AP_SELF, AB_EMPTY, 0, "403" },
	{ "PUT", "/api/permission/module/verify/ByAdmin/:id", AP_SELF,
	  AB_EMPTY, 0, "403" },
	{ "GET", "/api/access-control-layer-module-service", AP_NONE, AB_NONE,
	  0, "200" },
	{ "POST", "/api/permission/module/apiuser/request", AP_NONE, AB_EMPTY,
	  0, "400" },
	{ "GET", "/api/permission/user/:id", AP_SELF, AB_NONE, 0, "200" },
	{ "GET", "/api/yield/config", AP_NONE, AB_NONE, 0, "200" },
	{ "POST", "/api/yield/config", AP_NONE, AB_EMPTY, 0, "403" },
	{ "GET", "/api/yield/config/:id", AP_USER, AB_NONE, 0, "404" },
	{ "PATCH", "/api/yield/config/update/:id", AP_USER, AB_EMPTY, 0,
	  "403" },
	{ "POST", "/api/meter-reads/bulk-upload", AP_NONE, AB_NONE, 0, "415" },
	{ "POST", "/api/device/bulk-upload", AP_NONE, AB_NONE, 0, "415" },
	{ "GET", "/api/bulk-upload/jobs", AP_NONE, AB_NONE, 0, "200" },
	{ "GET", "/api/bulk-upload/jobs/:id", AP_NONE, AB_NONE, 0, "400" },
	{ "POST", "/api/file", AP_NONE, AB_NONE, 0, "415" },
	{ "POST", "/api/device/addByAdmin/process-creation-bulk-devices-csv/:orgId",
	  AP_NONE, AB_EMPTY, 0, "400" },
	CSV_AROWS("/api/buyer-reservation"),
	CSV_AROWS("/api/device-group"),
	/*
	 * accounts.md: the own-account routes of integrators.md §2.2
	 * (resend: AU1 registered seconds ago, so 429 within its minute);
	 * public token routes; the rest is not an ApiUser's (§4.3).
	 */
	{ "PUT", "/api/user/confirm-email/:token", AP_NONE, AB_NONE, 0,
	  "400" },
	{ "PUT", "/api/user/resend-confirm-email", AP_NONE, AB_NONE, 0,
	  "200|429" },
	{ "POST", "/api/user/forget-password", AP_NONE, AB_EMPTY, 0, "400" },
	{ "PUT", "/api/user/reset/password/:token", AP_NONE, AB_EMPTY, 0,
	  "400" },
	{ "GET", "/api/test/outbox", AP_NONE, AB_NONE, 0, "403" },
	{ "GET", "/api/organization/:id", AP_NONE, AB_NONE, 0, "403" },
	{ "PUT", "/api/organization/:id/change-role/:userId", AP_NONE,
	  AB_EMPTY, 0, "403" },
	{ "DELETE", "/api/organization/user/:id", AP_USER, AB_NONE, 0, "403" },
	{ "POST", "/api/invitation", AP_NONE, AB_EMPTY, 0, "403" },
	{ "GET", "/api/invitation", AP_NONE, AB_NONE, 0, "403" },
	{ "GET", "/api/invitation/By_email", AP_NONE, AB_NONE, 0, "403" },
	{ "PUT", "/api/invitation/:id", AP_NONE, AB_EMPTY, 0, "403" },
	{ "DELETE", "/api/invitation/:id", AP_NONE, AB_NONE, 0, "403" },
	{ "GET", "/api/admin/organizations/:id", AP_NONE, AB_NONE, 0, "403" },
	{ "PATCH", "/api/admin/organizations/:id", AP_NONE, AB_EMPTY, 0,
	  "403" },
	{ "DELETE", "/api/admin/organizations/:id", AP_NONE, AB_NONE, 0,
	  "403" },
	{ "GET", "/api/admin/organizations/user/:id", AP_NONE, AB_NONE, 0,
	  "403" },
	{ "DELETE", "/api/admin/user/:id", AP_USER, AB_NONE, 0, "403" },
	/* clients.md §3: public, or not an ApiUser's (§4.3). */
	{ "GET", "/api/blockchain-properties", AP_NONE, AB_NONE, 0, "200" },
	{ "GET", "/api/device", AP_NONE, AB_NONE, 0, "403" },
	{ "GET", "/api/device/externalId/:externalId", AP_NONE, AB_NONE, 0,
	  "403" },
	{ "GET", "/api/device/my/autocomplete", AP_NONE, AB_NONE, 0, "403" },
	{ "GET", "/api/admin/devices/autocomplete", AP_NONE, AB_NONE, 0,
	  "403" },
	{ "GET", "/api/device/certifiedlog/first&lastdate", AP_NONE, AB_NONE,
	  0, "403" },
	{ "GET", "/api/certificate-log/redemption-report", AP_NONE, AB_NONE, 0,
	  "403" },
	{ "GET", "/api/certificate-log/expoert_perdevice/:id", AP_RES, AB_NONE,
	  0, "403" },
};

static long long
scope_org(int s)
{
	return s == S_OWN ? az.org_m1 : s == S_OTHER ? az.org_m2 : az.org_a;
}

static long long
scope_buyer(int s)
{
	return s == S_OWN ? az.org_mb1 : s == S_OTHER ? az.org_mb2 : az.org_x;
}

static char *
apath(const struct arow *w, int s)
{
	char		*param = NULL, *path, *out;
	const char	*colon, *q = "";
	long long	 d;
	size_t		 n;

	switch (w->param) {
	case AP_DEV:
		d = s == S_OWN ? az.dev_m1 : s == S_OTHER ? az.dev_m2 :
		    az.dev[AZ_OWN];
		param = itest_fmt("%lld", d);
		break;
	case AP_DEV_NEW:
		d = s == S_OWN ? az_device_managed(az.tok_au1, az.org_m1) :
		    s == S_OTHER ? az_device_managed(az.tok_au2, az.org_m2) :
		    az_device(AZ_OWN, NULL);
		param = itest_fmt("%lld", d);
		break;
	case AP_USER:
		param = itest_fmt("%lld", az.spare_user);
		break;
	case AP_SELF:
		param = itest_fmt("%lld", az.uid_au1);
		break;
	case AP_RES:
		param = itest_fmt("%lld", s == S_UNMANAGED ? az.res[AZ_OWN] :
		    az.res_m[s]);
		break;
	case AP_NONE:
		break;
	}
	if (param != NULL && (colon = strchr(w->pattern, ':')) != NULL) {
		n = strcspn(colon, "/");
		path = itest_fmt("%.*s%s%s", (int)(colon - w->pattern),
		    w->pattern, param, colon + n);
	} else
		path = strdup(w->pattern);
	free(param);
	if (w->flags & AF_READSQ)
		q = READS_Q;
	if (w->flags & AF_LISTQ)
		q = LIST_Q;
	if (w->flags & AF_ORGQ)
		out = itest_fmt("%s?organizationId=%lld", path,
		    (w->flags & AF_BUYER) ? scope_buyer(s) : scope_org(s));
	else
		out = itest_fmt("%s%s", path, q);
	free(path);
	return out;
}

static char *
abody(const struct arow *w, int s)
{
	char	*e, *n, *b;

	switch (w->body) {
	case AB_NONE:
		return NULL;
	case AB_EMPTY:
		return strdup("{}");
	case AB_REGISTER:
		e = itest_unique_email("areg");
		n = itest_unique("AuthzAReg");
		b = itest_fmt("{\"firstName\":\"R\",\"lastName\":\"M\","
		    "\"email\":\"%s\",\"organizationType\":\"developer\","
		    "\"password\":\"" AZ_PASSWORD "\",\"confirmPassword\":\""
		    AZ_PASSWORD "\",\"orgName\":\"%s\"}", e, n);
		free(e);
		free(n);
		return b;
	case AB_LOGIN:
		return itest_fmt("{\"username\":\"%s\",\"password\":\""
		    AZ_PASSWORD "\"}", az.email_au1);
	case AB_PASSWORD:
		return strdup("{\"oldPassword\":\"Wr0ngpass\","
		    "\"newPassword\":\"Newpass12\"}");
	case AB_PROFILE:
		return strdup("{\"lastName\":\"Matrix\"}");
	case AB_DEVICE:
		return az_device_body(scope_org(s));
	case AB_PATCH:
		return strdup("{\"projectName\":\"ApiUser matrix\"}");
	case AB_DELTA:
		/* 1 Wh since onboarding (the fixture, seconds ago). */
		return itest_fmt("{\"type\":\"Delta\",\"unit\":\"Wh\","
		    "\"organizationId\":%lld,\"reads\":[{\"endtimestamp\":"
		    "\"%s\",\"value\":1}]}", scope_org(s),
		    az_iso((long long)time(NULL)));
	case AB_SCOPES:
		return strdup(ALL_SCOPES);
	case AB_RESERVE:
		return az_reservation_body(az_device_managed(az.tok_au1,
		    az.org_m1), scope_buyer(s));
	}
	return NULL;
}

static int	acells, amismatches;

static void
acell(const struct arow *w, int s, const char *cell)
{
	char			*end;
	long			 want = strtol(cell, &end, 10);
	long			 alt = *end == '|' ? strtol(end + 1, NULL, 10) : 0;
	struct itest_resp	 r;
	char			*path = apath(w, s), *body = abody(w, s), *tok;
	const char		*code;
	int			 ok;

	tok = (w->flags & AF_FRESH) ? itest_login(az.email_au1, AZ_PASSWORD) :
	    strdup(az.tok_au1);
	itest_request(w->method, path, tok, NULL, body, NULL, &r);
	code = itest_jstr(&r, "code");
	if (alt != 0 && r.status == alt)
		want = alt;
	ok = r.status == want;
	if (ok && want == 403)
		ok = code != NULL && strcmp(code, "FORBIDDEN") == 0;
	if (ok && want == 404)
		ok = code != NULL && strcmp(code, "ROUTE_NOT_FOUND") != 0;
	if (!ok) {
		amismatches++;
		printf("\n  APIUSER %s %s [%s]: expected %ld, got %ld %s",
		    w->method, w->pattern, s == S_OWN ? "own managed" :
		    s == S_OTHER ? "another ApiUser's" : "unmanaged", want,
		    r.status, code ? code : "");
	}
	itest_check(ok, &r, "ApiUser matrix cell", __FILE__, __LINE__, 0);
	itest_check(r.status < 500, &r, "never a 5xx", __FILE__, __LINE__, 0);
	acells++;
	itest_resp_free(&r);
	free(path);
	free(body);
	free(tok);
}

static void
test_acomplete(void)
{
	const struct route	*t;
	size_t			 n, i, k;
	int			 seen[NELEM(arows)] = { 0 };

	t = api_routes(&n);
	for (i = 0; i < n; i++) {
		for (k = 0; k < NELEM(arows); k++)
			if (strcmp(arows[k].method, t[i].method) == 0 &&
			    strcmp(arows[k].pattern, t[i].pattern) == 0)
				break;
		if (k == NELEM(arows))
			printf("\n  route %s %s has no row in the ApiUser matrix "
			    "(tests/integration/test_authz_apiuser.c)",
			    t[i].method, t[i].pattern);
		else
			seen[k]++;
		CU_ASSERT(k < NELEM(arows));
	}
	for (k = 0; k < NELEM(arows); k++)
		CU_ASSERT(seen[k] == 1);
}

static void
test_amatrix(void)
{
	size_t		 i;
	int		 s, ns;
	const char	*p;

	az_fixture();
	acells = amismatches = 0;
	for (i = 0; i < NELEM(arows); i++) {
		p = arows[i].want;
		ns = strchr(p, ' ') != NULL ? S__N : 1;
		for (s = 0; s < ns; s++) {
			acell(&arows[i], s, p);
			if ((p = strchr(p, ' ')) != NULL)
				p++;
		}
	}
	printf("\n  ApiUser matrix: %zu routes, %d cells, %d mismatches\n",
	    NELEM(arows), acells, amismatches);
}

/* Scope checks: an ApiUser without the route's scope, none at all. */
static void
test_ascopes(void)
{
	struct itest_resp	 r;
	char			*b, *p;
	long long		 uid;
	char			*tok;

	az_fixture();
	tok = apiuser(&uid, NULL);
	itest_put("/api/apiuser/scopes", tok, "{\"scopes\":[\"organizations\"]}",
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	b = az_device_body(az.org_m1);
	itest_post("/api/device", tok, b, &r);
	ITEST_ASSERT_ERROR(&r, 403, "SCOPE_NOT_GRANTED");
	itest_resp_free(&r);
	p = itest_fmt("/api/admin/apiusers/%lld", uid);
	itest_put(p, az.tok[AZ_ADMIN], "{\"status\":\"Deny\"}", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	itest_post("/api/device", tok, b, &r);
	ITEST_ASSERT_ERROR(&r, 403, "API_USER_NOT_APPROVED");
	itest_resp_free(&r);
	/* Scope before role-specific refusals; FORBIDDEN for others. */
	itest_get("/api/admin/users", tok, &r);
	ITEST_ASSERT_ERROR(&r, 403, "FORBIDDEN");
	itest_resp_free(&r);
	free(p);
	free(b);
	free(tok);
}

/* Union lists (§4.2 step 3): every managed organization, no other. */
static void
test_aunion(void)
{
	struct itest_resp	 r;
	char			*p;

	az_fixture();
	itest_get("/api/device/my", az.tok_au1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_find_int(r.json, "id", az.dev_m1) >= 0);
	ITEST_ASSERT_R(&r, itest_find_int(r.json, "id", az.dev_m2) < 0 &&
	    itest_find_int(r.json, "id", az.dev[AZ_OWN]) < 0);
	itest_resp_free(&r);
	itest_get("/api/buyer-reservation/my", az.tok_au1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_find_int(itest_jget(&r, "groupedData"), "id",
	    az.res_m[0]) >= 0);
	ITEST_ASSERT_R(&r, itest_find_int(itest_jget(&r, "groupedData"), "id",
	    az.res_m[1]) < 0 && itest_find_int(itest_jget(&r, "groupedData"),
	    "id", az.res[AZ_OWN]) < 0);
	itest_resp_free(&r);
	/* A managed buyer's reservation shows its ApiUser (§2.1). */
	p = itest_fmt("/api/buyer-reservation/%lld", az.res_m[0]);
	itest_get(p, az.tok_au1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jstr(&r, "api_user_id") != NULL &&
	    strlen(itest_jstr(&r, "api_user_id")) == 36);
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api/buyer-reservation/%lld", az.res[AZ_OWN]);
	itest_get(p, az.tok[AZ_BUYER], &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "api_user_id"));
	itest_resp_free(&r);
	free(p);
}

void
az_register_apiuser(void)
{
	CU_pSuite s = itest_suite("ApiUser authorization matrix");

	itest_add(s, "every route of src/api/routes.c has an ApiUser row",
	    test_acomplete);
	itest_add(s, "routes x own managed / another ApiUser's / unmanaged",
	    test_amatrix);
	itest_add(s, "union lists: devices and reservations", test_aunion);
	itest_add(s, "no scope, no approval", test_ascopes);
}
