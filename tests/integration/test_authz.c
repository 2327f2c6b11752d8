/*
 * The authorization matrix (issue 7): every route of the route table x
 * every caller x own vs another organization's object -> the status the
 * spec gives (CONVENTIONS §2-4, users.md §4, devices.md §1, meter-reads.md
 * §1.1, §3-6, reservations.md §2, certificates.md §9).
 *
 * Completeness.  The program links libdrec.a and reads the route table the
 * server itself uses (api_routes(), src/api/routes.c): a route of the table
 * without a row here fails the suite, and so does a row naming no route.
 * This is the one place where an integration suite looks inside drec; it
 * compiles the table in rather than parsing routes.c (macros such as
 * RES_ROUTES would need a C preprocessor) or asking the server for it (a
 * route listing would be one more route to protect).  Only the method and
 * pattern are taken from it: the expected statuses below come from the
 * spec, so a wrong roles entry in routes.c shows up as a mismatch.
 *
 * Callers (columns): no token, Admin, OrganizationAdmin, DeviceOwner and
 * User of Developer organization A, Buyer, SubBuyer and User of Buyer
 * organization X.  Objects: "own" are A's device dA (a member of X's
 * reservation R_X, so buyers of X see it too), R_X and its certificate;
 * "other" are B's device dB, Y's reservation R_Y (holding dB) and its
 * certificate.  For an Admin both are visible.  Routes that change or
 * delete their object get a new one per request (a new device, a new
 * reservation); logout uses a new token per caller.
 *
 * Fixture (fresh database per suite, real clock): organizations A and B
 * (Developer), X and Y (Buyer) registered, the other users created by the
 * Admin; dA and dB created (commissioned 2020-01-01, 10 kW) each with a
 * History read of the third day before onboarding and a Delta read one
 * minute after it; R_X [dA] and R_Y [dB] from 7 days ago to 30
 * days ahead, daily; one issuer pass certifies the History reads.
 *
 * Every cell also checks the generic codes: 401 UNAUTHORIZED, 403
 * FORBIDDEN, a 404 that is a visibility 404 (not ROUTE_NOT_FOUND), and
 * never a 5xx.
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

const char *const az_role_name[AZ__N] = {
	"(no token)", "Admin", "OrganizationAdmin", "DeviceOwner",
	"User (Developer)", "Buyer", "SubBuyer", "User (Buyer)",
};

struct az_fixture az;

#define DAY		86400LL

/* ================================================================ fixture */

const char *
az_iso(long long t)
{
	static char	buf[4][32];
	static int	k;
	time_t		tt = (time_t)t;
	struct tm	tm;

	k = (k + 1) % 4;
	gmtime_r(&tt, &tm);
	strftime(buf[k], sizeof(buf[k]), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return buf[k];
}

/* A request whose status must be want; the response stays in *r. */
static int
az_do(const char *m, const char *path, const char *tok, const char *body,
    long want, struct itest_resp *r, const char *file, unsigned line)
{
	itest_request(m, path, tok, NULL, body, NULL, r);
	return itest_check_status(r, want, 1, file, line);
}
#define AZ_DO(m, p, t, b, st, r)	az_do((m), (p), (t), (b), (st), (r), \
	__FILE__, __LINE__)

/* Registers a new organization of type; its OrganizationAdmin/Buyer. */
static char *
reg(const char *type, long long *org, long long *uid, char **email)
{
	struct itest_resp	 r;
	char			*body, *tok, *name = itest_unique("AuthzOrg");

	*email = itest_unique_email(type);
	body = itest_fmt("{\"firstName\":\"Az\",\"lastName\":\"Matrix\","
	    "\"email\":\"%s\",\"organizationType\":\"%s\",\"password\":\""
	    AZ_PASSWORD "\",\"confirmPassword\":\"" AZ_PASSWORD "\","
	    "\"orgName\":\"%s\"}", *email, type, name);
	AZ_DO("POST", "/api/user/register", NULL, body, 201, &r);
	*org = itest_jint(&r, "organization.id");
	*uid = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(body);
	free(name);
	tok = itest_login(*email, AZ_PASSWORD);
	ITEST_REQUIRE(tok != NULL);
	return tok;
}

/* A user of role in org created by the Admin; logged in. */
static char *
add_user(long long org, const char *role, long long *uid, char **email)
{
	struct itest_resp	 r;
	char			*body, *tok;

	*email = itest_unique_email(role);
	body = itest_fmt("{\"firstName\":\"Az\",\"lastName\":\"%s\","
	    "\"email\":\"%s\",\"password\":\"" AZ_PASSWORD "\","
	    "\"confirmPassword\":\"" AZ_PASSWORD "\",\"role\":\"%s\","
	    "\"organizationId\":%lld}", role, *email, role, org);
	AZ_DO("POST", "/api/admin/users", az.tok[AZ_ADMIN], body, 201, &r);
	if (uid != NULL)
		*uid = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(body);
	tok = itest_login(*email, AZ_PASSWORD);
	ITEST_REQUIRE(tok != NULL);
	return tok;
}

char *
az_device_body(long long org)
{
	char	*ext = itest_unique("authz-dev-"), *b;

	b = itest_fmt("{\"externalId\":\"%s\",\"address\":\"1 Matrix Road\","
	    "\"latitude\":\"12.9716\",\"longitude\":\"77.5946\","
	    "\"countryCode\":\"IN\",\"fuelCode\":\"ES100\","
	    "\"deviceTypeCode\":\"TC110\",\"capacity\":10,"
	    "\"commissioningDate\":\"2020-01-01\"%s}", ext,
	    org ? itest_fmt(",\"organizationId\":%lld", org) : "");
	free(ext);
	return b;
}

long long
az_device(int scope, long long *onb)
{
	struct itest_resp	 r;
	char			*body = az_device_body(0);
	long long		 id;

	AZ_DO("POST", "/api/device", scope == AZ_OWN ? az.tok[AZ_ORGADMIN] :
	    az.tok_oa_b, body, 201, &r);
	id = itest_jint(&r, "id");
	if (onb != NULL)
		*onb = itest_parse_instant(itest_jstr(&r, "createdAt"));
	itest_resp_free(&r);
	free(body);
	ITEST_REQUIRE(id > 0);
	return id;
}

char *
az_reservation_body(long long d, long long org)
{
	char	*name = itest_unique("AuthzRes"), *b;

	b = itest_fmt("{\"name\":\"%s\",\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":1,"
	    "\"reservationStartDate\":\"%s\",\"reservationEndDate\":\"%s\","
	    "\"frequency\":\"daily\",\"authorityToExceed\":true,"
	    "\"continueWithReservationIfTargetCapacityIsLessThanDeviceTotalCapacityBetweenDuration\":true%s}",
	    name, d, az_iso(az.now - 7 * DAY), az_iso(az.now + 30 * DAY),
	    org ? itest_fmt(",\"organizationId\":%lld", org) : "");
	free(name);
	return b;
}

long long
az_reservation(int scope, char **uid)
{
	struct itest_resp	 r;
	char			*body;
	long long		 id;

	body = az_reservation_body(az_device(scope, NULL), 0);
	AZ_DO("POST", "/api/buyer-reservation", scope == AZ_OWN ?
	    az.tok[AZ_BUYER] : az.tok_buyer_y, body, 201, &r);
	id = itest_jint(&r, "id");
	if (uid != NULL)
		*uid = itest_jstr(&r, "devicegroup_uid") ?
		    strdup(itest_jstr(&r, "devicegroup_uid")) : NULL;
	itest_resp_free(&r);
	free(body);
	ITEST_REQUIRE(id > 0);
	return id;
}

/*
 * dX's History read [onb-3d, onb-2d] (its daily window of the reservation
 * ended a day ago, so the issuer's pass finds it due) and Delta read
 * (onb, onb+60s].
 */
static void
fixture_reads(int scope)
{
	struct itest_resp	 r;
	char			*p, *b;
	long long		 onb = az.onb[scope];
	const char		*tok = scope == AZ_OWN ? az.tok[AZ_ORGADMIN] :
				    az.tok_oa_b;

	p = itest_fmt("/api/meter-reads/new/%lld", az.dev[scope]);
	b = itest_fmt("{\"type\":\"History\",\"unit\":\"Wh\",\"reads\":"
	    "[{\"starttimestamp\":\"%s\",\"endtimestamp\":\"%s\","
	    "\"value\":1000}]}", az_iso(onb - 3 * DAY), az_iso(onb - 2 * DAY));
	AZ_DO("POST", p, tok, b, 201, &r);
	itest_resp_free(&r);
	free(b);
	b = itest_fmt("{\"type\":\"Delta\",\"unit\":\"Wh\",\"reads\":"
	    "[{\"endtimestamp\":\"%s\",\"value\":100}]}", az_iso(onb + 60));
	AZ_DO("POST", p, tok, b, 201, &r);
	itest_resp_free(&r);
	free(b);
	free(p);
}

/* The first certificate of reservation uid, as its Buyer sees it. */
static long long
first_cert(const char *tok, const char *uid)
{
	struct itest_resp	 r;
	char			*p;
	long long		 id;

	p = itest_fmt("/api/certificate-log/issuer/certified/%s", uid);
	AZ_DO("GET", p, tok, NULL, 200, &r);
	id = itest_jint(&r, "certificatelog.0.id");
	itest_resp_free(&r);
	free(p);
	return id;
}

void
az_fixture(void)
{
	struct itest_resp	 r;
	char			*e, *body;
	long long		 u, id;

	static int	tried;

	if (az.ready)
		return;
	/* Built once: a failed fixture fails every test that needs it. */
	ITEST_REQUIRE(!tried);
	tried = 1;
	az.now = (long long)time(NULL);
	az.tok[AZ_ADMIN] = itest_admin_token();
	ITEST_REQUIRE(az.tok[AZ_ADMIN] != NULL);
	az.email[AZ_ADMIN] = strdup(itest_admin_email());
	AZ_DO("GET", "/api/user/me", az.tok[AZ_ADMIN], NULL, 200, &r);
	az.uid[AZ_ADMIN] = itest_jint(&r, "id");
	az.org_admin = itest_jint(&r, "organization.id");
	itest_resp_free(&r);
	/* The clock must be the real one (a fresh database has none). */
	AZ_DO("PUT", "/api/test/clock", az.tok[AZ_ADMIN], "{\"now\":null}",
	    200, &r);
	itest_resp_free(&r);

	az.tok[AZ_ORGADMIN] = reg("Developer", &az.org_a, &az.uid[AZ_ORGADMIN],
	    &az.email[AZ_ORGADMIN]);
	az.tok[AZ_BUYER] = reg("Buyer", &az.org_x, &az.uid[AZ_BUYER],
	    &az.email[AZ_BUYER]);
	az.tok_oa_b = reg("Developer", &az.org_b, &u, &e);
	free(e);
	az.tok_buyer_y = reg("Buyer", &az.org_y, &u, &e);
	free(e);
	az.tok[AZ_DEVOWNER] = add_user(az.org_a, "DeviceOwner",
	    &az.uid[AZ_DEVOWNER], &az.email[AZ_DEVOWNER]);
	az.tok[AZ_DEVUSER] = add_user(az.org_a, "User", &az.uid[AZ_DEVUSER],
	    &az.email[AZ_DEVUSER]);
	az.tok[AZ_SUBBUYER] = add_user(az.org_x, "SubBuyer",
	    &az.uid[AZ_SUBBUYER], &az.email[AZ_SUBBUYER]);
	az.tok[AZ_BUYUSER] = add_user(az.org_x, "User", &az.uid[AZ_BUYUSER],
	    &az.email[AZ_BUYUSER]);
	/* Targets of the user routes. */
	free(add_user(az.org_a, "User", &az.spare_user, &e));
	free(e);
	free(add_user(az.org_x, "User", &u, &az.login_email));
	az.tok_profile = add_user(az.org_x, "User", &u, &e);
	free(e);

	/* Devices, reads, reservations, certificates. */
	az.dev[AZ_OWN] = az_device(AZ_OWN, &az.onb[AZ_OWN]);
	az.dev[AZ_OTHER] = az_device(AZ_OTHER, &az.onb[AZ_OTHER]);
	fixture_reads(AZ_OWN);
	fixture_reads(AZ_OTHER);
	body = az_reservation_body(az.dev[AZ_OWN], 0);
	AZ_DO("POST", "/api/buyer-reservation", az.tok[AZ_BUYER], body, 201, &r);
	az.res[AZ_OWN] = itest_jint(&r, "id");
	az.ruid[AZ_OWN] = strdup(itest_jstr(&r, "devicegroup_uid"));
	itest_resp_free(&r);
	free(body);
	body = az_reservation_body(az.dev[AZ_OTHER], 0);
	AZ_DO("POST", "/api/buyer-reservation", az.tok_buyer_y, body, 201, &r);
	az.res[AZ_OTHER] = itest_jint(&r, "id");
	az.ruid[AZ_OTHER] = strdup(itest_jstr(&r, "devicegroup_uid"));
	itest_resp_free(&r);
	free(body);
	AZ_DO("POST", "/api/drec-issuer/run", az.tok[AZ_ADMIN], NULL, 200, &r);
	itest_resp_free(&r);
	az.cert[AZ_OWN] = first_cert(az.tok[AZ_BUYER], az.ruid[AZ_OWN]);
	az.cert[AZ_OTHER] = first_cert(az.tok_buyer_y, az.ruid[AZ_OTHER]);
	ITEST_REQUIRE(az.cert[AZ_OWN] > 0 && az.cert[AZ_OTHER] > 0);
	id = az_reservation(AZ_OWN, NULL);
	az.res_h = id;
	az_fixture_apiuser();
	az.ready = 1;
}

static void
test_fixture(void)
{
	az_fixture();
	printf("\n  fixture: orgs A=%lld B=%lld X=%lld Y=%lld, devices %lld %lld,"
	    " reservations %lld %lld, certificates %lld %lld\n", az.org_a,
	    az.org_b, az.org_x, az.org_y, az.dev[0], az.dev[1], az.res[0],
	    az.res[1], az.cert[0], az.cert[1]);
}

/* ================================================================ matrix */

/* What the path parameter names. */
enum param {
	P_NONE,
	P_DEV,		/* dA / dB */
	P_DEV_NEW,	/* a new device of A / B */
	P_RES,		/* R_X / R_Y by id */
	P_RES_NEW,	/* a new reservation of X / Y */
	P_RES_UID,	/* R_X / R_Y by devicegroup_uid */
	P_CERT,		/* a certificate of R_X / R_Y */
	P_USER,		/* the spare user (Admin routes) */
	/* accounts.md */
	P_TOKEN,	/* a well-formed account token nobody was mailed */
	P_ORG,		/* organization A / B */
	P_ORG_MEMBER,	/* A and its User / B and its OrganizationAdmin */
	P_MEMBER_NEW,	/* a new User of A / B */
	P_INV,		/* an invitation into A / B */
	P_INV_NEW,	/* a new invitation into A / B */
};

/* The body. */
enum body {
	B_NONE,
	B_REGISTER,	/* a new Developer organization */
	B_LOGIN,	/* the login user's credentials */
	B_PASSWORD,	/* a wrong current password */
	B_PROFILE,	/* a last name */
	B_ADMIN_USER,	/* a new User of A */
	B_STATUS,	/* status Active */
	B_CLOCK,	/* {"now": null} */
	B_DEVICE,	/* a new device (Admin: of A) */
	B_PATCH,	/* a project name */
	B_HISTORY,	/* a new History read of the target device */
	B_RESERVE,	/* a new reservation of a new device of A (Admin: X) */
	B_EMPTY,	/* {} */
	B_CLAIM,	/* a beneficiary */
	/* accounts.md */
	B_FORGET,	/* an address nobody has */
	B_RESET,	/* a new password */
	B_INVITE,	/* a new address, role User */
	B_ANSWER,	/* status Accepted */
	B_ROLE_SAME,	/* the target's own role: no write */
};

#define F_FRESH_TOKEN	0x01	/* log in again for this request */
#define F_CSV		0x02	/* a 200 is text/csv, not JSON */

/*
 * One row: the route, what its parameter and body are, and the status per
 * caller (no token, Admin, OrganizationAdmin, DeviceOwner, User of A,
 * Buyer, SubBuyer, User of X) for the own object and, when the route names
 * one, for the other organization's.  The query may hold %O (the own or
 * other Developer organization's id), %R (the reservation id) and %U
 * (its uid).
 */
struct row {
	const char	*method;
	const char	*pattern;
	enum param	 param;
	const char	*query;
	enum body	 body;
	int		 flags;
	const char	*own;
	const char	*other;		/* NULL: the route names no object */
};

#define READS_Q	"?readType=meterReads&start=2000-01-01T00:00:00Z&end=2100-01-01T00:00:00Z"
#define LIST_Q	"?start=2000-01-01T00:00:00Z&end=2100-01-01T00:00:00Z"

/*                                       -   A   OA  DO  DU  B   SB  BU */
#define ALL200		"200 200 200 200 200 200 200 200"
#define AUTH200		"401 200 200 200 200 200 200 200"
#define ADMIN_ONLY(s)	"401 " s " 403 403 403 403 403 403"
#define APIUSER_ONLY	"401 403 403 403 403 403 403 403"
#define RES_ROWS(pre) \
	{ "POST", pre, P_NONE, NULL, B_RESERVE, 0, \
	  "401 201 403 403 403 201 403 403", NULL }, \
	{ "GET", pre, P_NONE, NULL, B_NONE, 0, ADMIN_ONLY("200"), NULL }, \
	{ "GET", pre "/my", P_NONE, NULL, B_NONE, 0, \
	  "401 200 403 403 403 200 200 200", NULL }, \
	{ "GET", pre "/of-my-devices", P_NONE, NULL, B_NONE, 0, \
	  "401 403 200 200 200 403 403 403", NULL }, \
	{ "DELETE", pre "/endreservation/:id", P_RES_NEW, NULL, B_NONE, 0, \
	  "401 200 403 403 403 200 403 403", \
	  "401 200 403 403 403 404 403 403" }, \
	{ "DELETE", pre "/endresavation/:id", P_RES_NEW, NULL, B_NONE, 0, \
	  "401 200 403 403 403 200 403 403", \
	  "401 200 403 403 403 404 403 403" }, \
	{ "GET", pre "/:id", P_RES, NULL, B_NONE, 0, AUTH200, \
	  "401 200 404 404 404 404 404 404" }, \
	{ "PATCH", pre "/:id", P_RES, NULL, B_EMPTY, 0, \
	  "401 200 403 403 403 200 403 403", \
	  "401 200 403 403 403 404 403 403" }, \
	{ "DELETE", pre "/:id", P_RES_NEW, NULL, B_NONE, 0, \
	  "401 200 403 403 403 200 403 403", \
	  "401 200 403 403 403 404 403 403" }, \
	{ "GET", pre "/current-information/:id", P_RES_UID, NULL, B_NONE, 0, \
	  AUTH200, "401 200 404 404 404 404 404 404" }

/* integrators.md §5.6 under both reservation prefixes. */
#define CSV_ROWS(pre) \
	{ "POST", pre "/process-creation-bulk-devices-csv", P_NONE, NULL, \
	  B_EMPTY, 0, "401 403 400 400 403 403 403 403", NULL }, \
	{ "GET", pre "/bulk-upload/get-all-csv-jobs-of-organization", P_NONE, \
	  NULL, B_NONE, 0, "401 200 200 200 200 403 403 403", NULL }, \
	{ "GET", pre "/bulk-upload-status/:id", P_NONE, NULL, B_NONE, 0, \
	  "401 400 400 400 400 403 403 403", NULL }

static const struct row rows[] = {
	/* CONVENTIONS §10: public. */
	{ "GET", "/api/health", P_NONE, NULL, B_NONE, 0, ALL200, NULL },
	{ "GET", "/api/health/live", P_NONE, NULL, B_NONE, 0, ALL200, NULL },
	/* users.md §4: registration and login are public, any token ignored. */
	{ "POST", "/api/user/register", P_NONE, NULL, B_REGISTER, 0,
	  "201 201 201 201 201 201 201 201", NULL },
	{ "POST", "/api/user/registerWithOrganization", P_NONE, NULL,
	  B_REGISTER, 0, "201 201 201 201 201 201 201 201", NULL },
	{ "POST", "/api/auth/login", P_NONE, NULL, B_LOGIN, 0, ALL200, NULL },
	{ "POST", "/api/auth/logout", P_NONE, NULL, B_NONE, F_FRESH_TOKEN,
	  AUTH200, NULL },
	{ "GET", "/api/user/me", P_NONE, NULL, B_NONE, 0, AUTH200, NULL },
	{ "PUT", "/api/user/password", P_NONE, NULL, B_PASSWORD, 0,
	  "401 400 400 400 400 400 400 400", NULL },
	{ "PUT", "/api/user/profile", P_NONE, NULL, B_PROFILE, 0, AUTH200,
	  NULL },
	{ "GET", "/api/organization/me", P_NONE, NULL, B_NONE, 0, AUTH200,
	  NULL },
	{ "GET", "/api/organization/users", P_NONE, NULL, B_NONE, 0, AUTH200,
	  NULL },
	{ "GET", "/api/admin/users", P_NONE, NULL, B_NONE, 0,
	  ADMIN_ONLY("200"), NULL },
	{ "POST", "/api/admin/users", P_NONE, NULL, B_ADMIN_USER, 0,
	  ADMIN_ONLY("201"), NULL },
	{ "PUT", "/api/admin/users/:id", P_USER, NULL, B_STATUS, 0,
	  ADMIN_ONLY("200"), NULL },
	{ "GET", "/api/admin/organizations", P_NONE, NULL, B_NONE, 0,
	  ADMIN_ONLY("200"), NULL },
	/* CONVENTIONS §11: the test clock, Admin only. */
	{ "GET", "/api/test/clock", P_NONE, NULL, B_NONE, 0,
	  ADMIN_ONLY("200"), NULL },
	{ "PUT", "/api/test/clock", P_NONE, NULL, B_CLOCK, 0,
	  ADMIN_ONLY("200"), NULL },
	/* devices.md §1. */
	{ "POST", "/api/device", P_NONE, NULL, B_DEVICE, 0,
	  "401 201 201 201 403 403 403 403", NULL },
	{ "GET", "/api/device/my", P_NONE, NULL, B_NONE, 0,
	  "401 200 200 200 200 403 403 403", NULL },
	{ "GET", "/api/device/fuel-type", P_NONE, NULL, B_NONE, 0, ALL200,
	  NULL },
	{ "GET", "/api/device/device-type", P_NONE, NULL, B_NONE, 0, ALL200,
	  NULL },
	{ "GET", "/api/device/ungrouped/buyerreservation", P_NONE, NULL,
	  B_NONE, 0, "401 200 403 403 403 200 200 200", NULL },
	{ "GET", "/api/device/:id", P_DEV, NULL, B_NONE, 0, AUTH200,
	  "401 200 404 404 404 404 404 404" },
	{ "PATCH", "/api/device/:id", P_DEV, NULL, B_PATCH, 0,
	  "401 200 200 200 403 403 403 403",
	  "401 200 404 404 403 403 403 403" },
	{ "DELETE", "/api/device/:id", P_DEV_NEW, NULL, B_NONE, 0,
	  "401 200 200 200 403 403 403 403",
	  "401 200 404 404 403 403 403 403" },
	{ "GET", "/api/countrycode/list", P_NONE, NULL, B_NONE, 0, ALL200,
	  NULL },
	{ "GET", "/api/sdgbenefit/code", P_NONE, NULL, B_NONE, 0, ALL200,
	  NULL },
	/* meter-reads.md §1.1, §3-6. */
	{ "POST", "/api/meter-reads/new/:id", P_DEV, NULL, B_HISTORY, 0,
	  "401 201 201 201 403 403 403 403",
	  "401 201 404 404 403 403 403 403" },
	{ "GET", "/api/meter-reads/new/:id", P_DEV, READS_Q, B_NONE, 0,
	  AUTH200, "401 200 404 404 404 404 404 404" },
	{ "POST", "/api/meter-reads/addByAdmin/new/:id", P_DEV,
	  "?organizationId=%O", B_HISTORY, 0, ADMIN_ONLY("201"),
	  ADMIN_ONLY("201") },
	{ "GET", "/api/meter-reads/latestread/:id", P_DEV, NULL, B_NONE, 0,
	  AUTH200, "401 200 404 404 404 404 404 404" },
	{ "GET", "/api/meter-reads/time-zones", P_NONE, NULL, B_NONE, 0,
	  AUTH200, NULL },
	{ "GET", "/api/meter-reads/:id", P_DEV, LIST_Q, B_NONE, 0, AUTH200,
	  "401 200 404 404 404 404 404 404" },
	/* reservations.md §2, under both prefixes. */
	RES_ROWS("/api/buyer-reservation"),
	RES_ROWS("/api/device-group"),
	/* certificates.md §9. */
	{ "POST", "/api/drec-issuer/run", P_NONE, NULL, B_NONE, 0,
	  ADMIN_ONLY("200"), NULL },
	{ "GET", "/api/issuer/public-key", P_NONE, NULL, B_NONE, 0, ALL200,
	  NULL },
	{ "GET", "/api/certificate-log/ledger", P_NONE, NULL, B_NONE, 0,
	  ALL200, NULL },
	{ "GET", "/api/certificate-log/issuer/certified/:id", P_RES_UID, NULL,
	  B_NONE, 0, "401 200 404 404 404 200 200 200",
	  "401 200 404 404 404 404 404 404" },
	{ "GET", "/api/certificate-log/issuer/certified/new/:id", P_RES_UID,
	  NULL, B_NONE, 0, "401 200 404 404 404 200 200 200",
	  "401 200 404 404 404 404 404 404" },
	{ "GET", "/api/certificate-log/issuer/certifiedlogOfdevices", P_NONE,
	  "?groupUid=%U", B_NONE, 0, AUTH200, AUTH200 },
	{ "GET", "/api/certificate-log/by-reservation-groupId", P_NONE,
	  "?groupId=%R", B_NONE, 0, AUTH200,
	  "401 200 404 404 404 404 404 404" },
	{ "POST", "/api/certificate-log/:id/claim", P_CERT, NULL, B_CLAIM, 0,
	  "401 403 403 403 403 201 403 403",
	  "401 403 403 403 403 404 403 403" },
	/* integrators.md §2-4, §7 (ApiUser callers: test_authz_apiuser.c). */
	{ "POST", "/api/auth/getAccess", P_NONE, NULL, B_EMPTY, 0,
	  "400 400 400 400 400 400 400 400", NULL },
	{ "GET", "/api/user/export-accesskey/:id", P_NONE, NULL, B_NONE, 0,
	  "400 400 400 400 400 400 400 400", NULL },
	{ "GET", "/api/user/:id", P_USER, NULL, B_NONE, 0,
	  "401 200 404 404 404 404 404 404", NULL },
	{ "PUT", "/api/apiuser/scopes", P_NONE, NULL, B_EMPTY, 0,
	  APIUSER_ONLY, NULL },
	{ "GET", "/api/apiuser/credentials", P_NONE, NULL, B_NONE, 0,
	  APIUSER_ONLY, NULL },
	{ "POST", "/api/apiuser/credentials", P_NONE, NULL, B_NONE, 0,
	  APIUSER_ONLY, NULL },
	{ "DELETE", "/api/apiuser/credentials/:clientId", P_NONE, NULL, B_NONE,
	  0, APIUSER_ONLY, NULL },
	{ "GET", "/api/apiuser/organizations", P_NONE, NULL, B_NONE, 0,
	  APIUSER_ONLY, NULL },
	{ "POST", "/api/apiuser/organizations", P_NONE, NULL, B_REGISTER, 0,
	  APIUSER_ONLY, NULL },
	{ "GET", "/api/organization/apiuser/all_organization", P_NONE, NULL,
	  B_NONE, 0, APIUSER_ONLY, NULL },
	{ "GET", "/api/admin/apiusers", P_NONE, NULL, B_NONE, 0,
	  ADMIN_ONLY("200"), NULL },
	{ "PUT", "/api/admin/apiusers/:id", P_USER, NULL, B_STATUS, 0,
	  ADMIN_ONLY("404"), NULL },
	{ "PUT", "/api/permission/module/verify/ByAdmin/:id", P_USER, NULL,
	  B_STATUS, 0, ADMIN_ONLY("404"), NULL },
	{ "GET", "/api/access-control-layer-module-service", P_NONE, NULL,
	  B_NONE, 0, AUTH200, NULL },
	{ "POST", "/api/permission/module/apiuser/request", P_NONE, NULL,
	  B_EMPTY, 0, APIUSER_ONLY, NULL },
	{ "GET", "/api/permission/user/:id", P_USER, NULL, B_NONE, 0,
	  ADMIN_ONLY("404"), NULL },
	{ "GET", "/api/yield/config", P_NONE, NULL, B_NONE, 0, AUTH200, NULL },
	{ "POST", "/api/yield/config", P_NONE, NULL, B_EMPTY, 0,
	  ADMIN_ONLY("400"), NULL },
	{ "GET", "/api/yield/config/:id", P_USER, NULL, B_NONE, 0,
	  "401 404 404 404 404 404 404 404", NULL },
	{ "PATCH", "/api/yield/config/update/:id", P_USER, NULL, B_EMPTY, 0,
	  ADMIN_ONLY("404"), NULL },
	{ "POST", "/api/meter-reads/bulk-upload", P_NONE, NULL, B_NONE, 0,
	  "401 415 415 415 403 403 403 403", NULL },
	{ "POST", "/api/device/bulk-upload", P_NONE, NULL, B_NONE, 0,
	  "401 415 415 415 403 403 403 403", NULL },
	{ "GET", "/api/bulk-upload/jobs", P_NONE, NULL, B_NONE, 0,
	  "401 200 200 200 200 403 403 403", NULL },
	{ "GET", "/api/bulk-upload/jobs/:id", P_NONE, NULL, B_NONE, 0,
	  "401 400 400 400 400 403 403 403", NULL },
	{ "POST", "/api/file", P_NONE, NULL, B_NONE, 0,
	  "401 415 415 415 403 403 403 403", NULL },
	{ "POST", "/api/device/addByAdmin/process-creation-bulk-devices-csv/:orgId",
	  P_NONE, NULL, B_EMPTY, 0, ADMIN_ONLY("400"), NULL },
	CSV_ROWS("/api/buyer-reservation"),
	CSV_ROWS("/api/device-group"),
	/* ---- accounts.md §1 (managers: OrganizationAdmin, Buyer).  The
	 * registered OrganizationAdmin and Buyer are unconfirmed: resend
	 * answers 200, or 429 within a minute of their registration mail. */
	{ "PUT", "/api/user/confirm-email/:token", P_TOKEN, NULL, B_NONE, 0,
	  "400 400 400 400 400 400 400 400", NULL },
	{ "PUT", "/api/user/resend-confirm-email", P_NONE, NULL, B_NONE, 0,
	  "401 409 200|429 409 409 200|429 409 409", NULL },
	{ "POST", "/api/user/forget-password", P_NONE, NULL, B_FORGET, 0,
	  ALL200, NULL },
	{ "PUT", "/api/user/reset/password/:token", P_TOKEN, NULL, B_RESET, 0,
	  "400 400 400 400 400 400 400 400", NULL },
	{ "GET", "/api/test/outbox", P_NONE, NULL, B_NONE, 0,
	  ADMIN_ONLY("200"), NULL },
	{ "GET", "/api/organization/:id", P_ORG, NULL, B_NONE, 0,
	  "401 200 200 200 200 404 404 404",
	  "401 200 404 404 404 404 404 404" },
	{ "PUT", "/api/organization/:id/change-role/:userId", P_ORG_MEMBER,
	  NULL, B_ROLE_SAME, 0, "401 200 200 403 403 404 403 403",
	  "401 200 404 403 403 404 403 403" },
	{ "DELETE", "/api/organization/user/:id", P_MEMBER_NEW, NULL, B_NONE,
	  0, "401 403 200 403 403 404 403 403",
	  "401 403 404 403 403 404 403 403" },
	{ "POST", "/api/invitation", P_NONE, "?organizationId=%O", B_INVITE, 0,
	  "401 201 201 403 403 201 403 403", NULL },
	{ "GET", "/api/invitation", P_NONE, NULL, B_NONE, 0,
	  "401 200 200 403 403 200 403 403", NULL },
	{ "GET", "/api/invitation/By_email", P_NONE, NULL, B_NONE, 0,
	  "401 404 404 404 404 404 404 404", NULL },
	{ "PUT", "/api/invitation/:id", P_INV, NULL, B_ANSWER, 0,
	  "401 404 404 404 404 404 404 404",
	  "401 404 404 404 404 404 404 404" },
	{ "DELETE", "/api/invitation/:id", P_INV_NEW, NULL, B_NONE, 0,
	  "401 200 200 403 403 404 403 403",
	  "401 200 404 403 403 404 403 403" },
	{ "GET", "/api/admin/organizations/:id", P_ORG, NULL, B_NONE, 0,
	  ADMIN_ONLY("200"), ADMIN_ONLY("200") },
	{ "PATCH", "/api/admin/organizations/:id", P_ORG, NULL, B_EMPTY, 0,
	  ADMIN_ONLY("200"), ADMIN_ONLY("200") },
	{ "DELETE", "/api/admin/organizations/:id", P_ORG, NULL, B_NONE, 0,
	  ADMIN_ONLY("409"), ADMIN_ONLY("409") },
	{ "GET", "/api/admin/organizations/user/:id", P_ORG, NULL, B_NONE, 0,
	  ADMIN_ONLY("200"), ADMIN_ONLY("200") },
	{ "DELETE", "/api/admin/user/:id", P_MEMBER_NEW, NULL, B_NONE, 0,
	  ADMIN_ONLY("200"), ADMIN_ONLY("200") },
	/* clients.md §3: routes for existing clients. */
	{ "GET", "/api/blockchain-properties", P_NONE, NULL, B_NONE, 0, ALL200,
	  NULL },
	{ "GET", "/api/device", P_NONE, NULL, B_NONE, 0, ADMIN_ONLY("200"),
	  NULL },
	{ "GET", "/api/device/externalId/:externalId", P_DEV, NULL, B_NONE, 0,
	  AUTH200, "401 200 404 404 404 404 404 404" },
	{ "GET", "/api/device/my/autocomplete", P_NONE, "?externalId=authz",
	  B_NONE, 0, "401 200 200 200 200 403 403 403", NULL },
	{ "GET", "/api/admin/devices/autocomplete", P_NONE,
	  "?externalId=authz&organizationId=%O", B_NONE, 0, ADMIN_ONLY("200"),
	  ADMIN_ONLY("200") },
	{ "GET", "/api/device/certifiedlog/first&lastdate", P_NONE,
	  "?groupUid=%U", B_NONE, 0, AUTH200, AUTH200 },
	{ "GET", "/api/certificate-log/redemption-report", P_NONE, NULL, B_NONE,
	  0, "401 200 403 403 403 200 200 200", NULL },
	{ "GET", "/api/certificate-log/expoert_perdevice/:id", P_RES_UID, NULL,
	  B_NONE, F_CSV, AUTH200, "401 200 404 404 404 404 404 404" },
};

/* ---- accounts.md objects of the matrix ---- */

/* A new User of Developer organization A (own) or B; its id. */
static long long
az_member_new(int scope)
{
	struct itest_resp	 r;
	char			*e = itest_unique_email("member"), *b;
	long long		 id;

	b = itest_fmt("{\"firstName\":\"M\",\"lastName\":\"N\",\"email\":"
	    "\"%s\",\"password\":\"" AZ_PASSWORD "\",\"confirmPassword\":\""
	    AZ_PASSWORD "\",\"role\":\"User\",\"organizationId\":%lld}", e,
	    scope == AZ_OWN ? az.org_a : az.org_b);
	itest_post("/api/admin/users", az.tok[AZ_ADMIN], b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	id = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(b);
	free(e);
	return id;
}

/* A new invitation into A (own) or B, made by the Admin; its id. */
static long long
az_invitation_new(int scope)
{
	struct itest_resp	 r;
	char			*e = itest_unique_email("invitee"), *b, *p;
	long long		 id;

	b = itest_fmt("{\"email\":\"%s\",\"role\":\"User\"}", e);
	p = itest_fmt("/api/invitation?organizationId=%lld", scope == AZ_OWN ?
	    az.org_a : az.org_b);
	itest_post(p, az.tok[AZ_ADMIN], b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	id = itest_jint(&r, "invitation.id");
	itest_resp_free(&r);
	free(b);
	free(e);
	free(p);
	return id;
}

/* The id of B's OrganizationAdmin (the change-role target of "other"). */
static long long
az_oa_b_id(void)
{
	static long long	 id;
	struct itest_resp	 r;

	if (id == 0) {
		itest_get("/api/user/me", az.tok_oa_b, &r);
		ITEST_ASSERT_STATUS_FATAL(&r, 200);
		id = itest_jint(&r, "id");
		itest_resp_free(&r);
	}
	return id;
}

static long long	 read_hour;	/* History reads of the matrix */
static int		 cells, routes_checked, mismatches;

/* The status of caller role in one expectation string. */
static long
expected(const char *s, int role)
{
	int	i;

	for (i = 0; i < role; i++) {
		s = strchr(s, ' ');
		if (s == NULL)
			return -1;
		s++;
	}
	return strtol(s, NULL, 10);
}

/* The path of row for scope and caller (a new object where it says). */
static char *
row_path(const struct row *w, int scope)
{
	char		*param = NULL, *path, *q, *out;
	const char	*p, *colon;
	size_t		 n;

	switch (w->param) {
	case P_DEV:
		param = itest_fmt("%lld", az.dev[scope]);
		break;
	case P_DEV_NEW:
		param = itest_fmt("%lld", az_device(scope, NULL));
		break;
	case P_RES:
		param = itest_fmt("%lld", az.res[scope]);
		break;
	case P_RES_NEW:
		param = itest_fmt("%lld", az_reservation(scope, NULL));
		break;
	case P_RES_UID:
		param = strdup(az.ruid[scope]);
		break;
	case P_CERT:
		param = itest_fmt("%lld", az.cert[scope]);
		break;
	case P_USER:
		param = itest_fmt("%lld", az.spare_user);
		break;
	case P_TOKEN:
		param = strdup("5f0c6a3e2b1d4c7f8e9a0b1c2d3e4f5a"
		    "6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e");
		break;
	case P_ORG:
		param = itest_fmt("%lld", scope == AZ_OWN ? az.org_a : az.org_b);
		break;
	case P_ORG_MEMBER:
		return itest_fmt("/api/organization/%lld/change-role/%lld",
		    scope == AZ_OWN ? az.org_a : az.org_b, scope == AZ_OWN ?
		    az.uid[AZ_DEVUSER] : az_oa_b_id());
	case P_MEMBER_NEW:
		param = itest_fmt("%lld", az_member_new(scope));
		break;
	case P_INV: {
		static long long inv[2];

		if (inv[scope] == 0)
			inv[scope] = az_invitation_new(scope);
		param = itest_fmt("%lld", inv[scope]);
		break;
	}
	case P_INV_NEW:
		param = itest_fmt("%lld", az_invitation_new(scope));
		break;
	case P_NONE:
		break;
	}
	if (param != NULL && (colon = strchr(w->pattern, ':')) != NULL) {
		n = strcspn(colon, "/");
		path = itest_fmt("%.*s%s%s", (int)(colon - w->pattern),
		    w->pattern, param, colon + n);
	} else
		path = strdup(w->pattern);
	free(param);
	if (w->query == NULL)
		return path;
	/* %O, %R, %U */
	q = strdup("");
	for (p = w->query; *p != '\0'; p++) {
		char *t;

		if (p[0] == '%' && (p[1] == 'O' || p[1] == 'R' || p[1] == 'U')) {
			t = p[1] == 'O' ? itest_fmt("%s%lld", q, scope == AZ_OWN ?
			    az.org_a : az.org_b) : p[1] == 'R' ?
			    itest_fmt("%s%lld", q, az.res[scope]) :
			    itest_fmt("%s%s", q, az.ruid[scope]);
			p++;
		} else
			t = itest_fmt("%s%c", q, *p);
		free(q);
		q = t;
	}
	out = itest_fmt("%s%s", path, q);
	free(path);
	free(q);
	return out;
}

static char *
row_body(const struct row *w, int scope, int role)
{
	char		*e, *n, *b;
	long long	 d, onb, k;

	switch (w->body) {
	case B_NONE:
		return NULL;
	case B_REGISTER:
		e = itest_unique_email("reg");
		n = itest_unique("AuthzReg");
		b = itest_fmt("{\"firstName\":\"R\",\"lastName\":\"M\","
		    "\"email\":\"%s\",\"organizationType\":\"developer\","
		    "\"password\":\"" AZ_PASSWORD "\",\"confirmPassword\":\""
		    AZ_PASSWORD "\",\"orgName\":\"%s\"}", e, n);
		free(e);
		free(n);
		return b;
	case B_LOGIN:
		return itest_fmt("{\"username\":\"%s\",\"password\":\""
		    AZ_PASSWORD "\"}", az.login_email);
	case B_PASSWORD:
		return strdup("{\"oldPassword\":\"Wr0ngpass\","
		    "\"newPassword\":\"Newpass12\"}");
	case B_PROFILE:
		return strdup("{\"lastName\":\"Matrix\"}");
	case B_ADMIN_USER:
		e = itest_unique_email("adm");
		b = itest_fmt("{\"firstName\":\"A\",\"lastName\":\"U\","
		    "\"email\":\"%s\",\"password\":\"" AZ_PASSWORD "\","
		    "\"confirmPassword\":\"" AZ_PASSWORD "\",\"role\":\"User\","
		    "\"organizationId\":%lld}", e, az.org_a);
		free(e);
		return b;
	case B_STATUS:
		return strdup("{\"status\":\"Active\"}");
	case B_CLOCK:
		return strdup("{\"now\":null}");
	case B_DEVICE:
		return az_device_body(role == AZ_ADMIN ? az.org_a : 0);
	case B_PATCH:
		return strdup("{\"projectName\":\"Matrix project\"}");
	case B_HISTORY:
		/* One hour each, from 3 days before onboarding back. */
		onb = az.onb[scope];
		k = ++read_hour;
		return itest_fmt("{\"type\":\"History\",\"unit\":\"Wh\","
		    "\"reads\":[{\"starttimestamp\":\"%s\",\"endtimestamp\":"
		    "\"%s\",\"value\":10}]}", az_iso(onb - 3 * DAY - (k + 1) *
		    3600), az_iso(onb - 3 * DAY - k * 3600));
	case B_RESERVE:
		d = az_device(AZ_OWN, NULL);
		return az_reservation_body(d, role == AZ_ADMIN ? az.org_x : 0);
	case B_EMPTY:
		return strdup("{}");
	case B_CLAIM:
		return strdup("{\"beneficiary\":\"Matrix school\"}");
	case B_FORGET:
		return strdup("{\"email\":\"nobody-matrix@x.io\"}");
	case B_RESET:
		return strdup("{\"newPassword\":\"Passw0rd9\"}");
	case B_INVITE:
		e = itest_unique_email("matrix-inv");
		b = itest_fmt("{\"email\":\"%s\",\"role\":\"User\"}", e);
		free(e);
		return b;
	case B_ANSWER:
		return strdup("{\"status\":\"Accepted\"}");
	case B_ROLE_SAME:
		return strdup(scope == AZ_OWN ? "{\"role\":\"User\"}" :
		    "{\"role\":\"OrganizationAdmin\"}");
	}
	return NULL;
}

/*
 * A 403's message, "Role R may not use M P; allowed: A, B", lists the
 * allowed roles: 1 when it does, and none of them would admit role (a
 * User of a Developer organization refused by a Buyer-only route must not
 * read "User" there; issue 13).
 */
static int
allowed_list_ok(const char *msg, int role)
{
	static const char *const admits[AZ__N][2] = {
		{ NULL, NULL }, { "Admin", NULL },
		{ "OrganizationAdmin", NULL }, { "DeviceOwner", NULL },
		{ "User", "User of a Developer organization" },
		{ "Buyer", NULL }, { "SubBuyer", NULL },
		{ "User", "User of a Buyer organization" },
	};
	const char	*p, *e;
	size_t		 n, k;

	if (msg == NULL || (p = strstr(msg, "; allowed: ")) == NULL)
		return 0;
	for (p += 11; *p != '\0'; p = *e ? e + 2 : e) {
		if ((e = strstr(p, ", ")) == NULL)
			e = p + strlen(p);
		n = (size_t)(e - p);
		for (k = 0; k < 2; k++)
			if (admits[role][k] != NULL &&
			    strlen(admits[role][k]) == n &&
			    strncmp(p, admits[role][k], n) == 0)
				return 0;
	}
	return 1;
}

/* One cell: request, compare, and the generic checks of its status. */
static void
cell(const struct row *w, int scope, int role, const char *exp)
{
	struct itest_resp	 r;
	char			*path, *body, *tok = NULL;
	const char		*code;
	long			 want = expected(exp, role), alt = 0;
	const char		*bar;
	int			 ok, k;

	path = row_path(w, scope);
	body = row_body(w, scope, role);
	if (role != AZ_NONE)
		tok = (w->flags & F_FRESH_TOKEN) ?
		    itest_login(az.email[role], role == AZ_ADMIN ?
		    itest_admin_password() : AZ_PASSWORD) : strdup(az.tok[role]);
	if (w->flags & F_CSV)	/* its errors are JSON, checked below */
		itest_checks = ITEST_CHECK_REQUEST_ID;
	itest_request(w->method, path, tok, NULL, body, NULL, &r);
	itest_checks = ITEST_CHECK_ALL;
	code = itest_jstr(&r, "code");
	/* "200|429": either (a time-dependent limit, see the row). */
	bar = exp;
	for (k = 0; k < role && bar != NULL; k++)
		if ((bar = strchr(bar, ' ')) != NULL)
			bar++;
	if (bar != NULL && bar[strcspn(bar, " |")] == '|')
		alt = strtol(bar + strcspn(bar, "|") + 1, NULL, 10);
	if (alt > 0 && r.status == alt)
		want = alt;
	ok = r.status == want;
	if (ok && want == 401)
		ok = code != NULL && strcmp(code, "UNAUTHORIZED") == 0;
	if (ok && want == 403)
		ok = code != NULL && strcmp(code, "FORBIDDEN") == 0 &&
		    allowed_list_ok(itest_jstr(&r, "message"), role);
	if (ok && want == 404)
		ok = code != NULL && strcmp(code, "ROUTE_NOT_FOUND") != 0;
	if (!ok) {
		mismatches++;
		printf("\n  MATRIX %s %s [%s] as %s: expected %ld, got %ld %s%s",
		    w->method, w->pattern, scope == AZ_OWN ? "own" : "other",
		    az_role_name[role], want, r.status, code ? code : "",
		    r.status == 403 && want == 403 ? " (its allowed roles "
		    "admit the caller, or are missing)" : "");
	}
	itest_check(ok, &r, "authorization matrix cell", __FILE__, __LINE__, 0);
	itest_check(r.status < 500, &r, "never a 5xx", __FILE__, __LINE__, 0);
	cells++;
	itest_resp_free(&r);
	free(path);
	free(body);
	free(tok);
}

/* Every route of the server's table has a row, and every row a route. */
static void
test_complete(void)
{
	const struct route	*t;
	size_t			 n, i, k;
	int			 seen[NELEM(rows)] = { 0 }, ok;

	t = api_routes(&n);
	for (i = 0; i < n; i++) {
		for (k = 0; k < NELEM(rows); k++)
			if (strcmp(rows[k].method, t[i].method) == 0 &&
			    strcmp(rows[k].pattern, t[i].pattern) == 0)
				break;
		ok = k < NELEM(rows);
		if (!ok)
			printf("\n  route %s %s has no row in the authorization "
			    "matrix (tests/integration/test_authz.c)",
			    t[i].method, t[i].pattern);
		else
			seen[k]++;
		CU_ASSERT(ok);
	}
	for (k = 0; k < NELEM(rows); k++) {
		if (seen[k] != 1)
			printf("\n  matrix row %s %s matches %d routes of "
			    "src/api/routes.c", rows[k].method, rows[k].pattern,
			    seen[k]);
		CU_ASSERT(seen[k] == 1);
	}
	printf("\n  %zu routes in the table, %zu rows\n", n, NELEM(rows));
}

static void
test_matrix(void)
{
	size_t	i;
	int	role, scope;

	az_fixture();
	cells = mismatches = routes_checked = 0;
	for (i = 0; i < NELEM(rows); i++) {
		for (scope = AZ_OWN; scope <= AZ_OTHER; scope++) {
			const char *exp = scope == AZ_OWN ? rows[i].own :
			    rows[i].other;

			if (exp == NULL)
				continue;
			for (role = 0; role < AZ__N; role++)
				cell(&rows[i], scope, role, exp);
		}
		routes_checked++;
	}
	printf("\n  authorization matrix: %d routes, %d cells, %d mismatches\n",
	    routes_checked, cells, mismatches);
}

/* Logout of one token leaves the caller's other sessions working. */
static void
test_tokens_still_valid(void)
{
	struct itest_resp	r;
	int			role;

	for (role = AZ_ADMIN; role < AZ__N; role++) {
		itest_get("/api/user/me", az.tok[role], &r);
		ITEST_ASSERT_STATUS(&r, 200);
		itest_resp_free(&r);
	}
}

void
az_register_matrix(void)
{
	CU_pSuite s = itest_suite("authorization matrix");

	itest_add(s, "fixture", test_fixture);
	itest_add(s, "every route of src/api/routes.c has a row", test_complete);
	itest_add(s, "routes x callers x own/other", test_matrix);
	itest_add(s, "the callers' tokens survive the matrix",
	    test_tokens_still_valid);
}
