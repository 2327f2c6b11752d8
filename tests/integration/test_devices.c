/*
 * Devices and code tables: the test vectors of the spec's devices.md §8,
 * in order, then checks beyond §8.  The vectors share state (the ids and
 * tokens that earlier vectors produced).
 *
 * Not written here: vectors 29, 30, 31, 32, 40 and 48 need meter reads,
 * reservations or certificates; they are covered by the meter-reads /
 * reservations / certificates suites.
 *
 * Fixtures.  The database may hold other organizations' devices (the
 * suite must not assume a fresh one), so every fixture is created here:
 * Developer organizations D1 (OrganizationAdmin OA1) and D2 (OA2), Buyer
 * organizations B1 (BU1) and B2 (BU2), all registered through
 * POST /api/user/register with unique e-mails and organization names; a
 * User of B1 and a User of D1 through POST /api/admin/users as Admin A.
 * The devices keep the spec's exact externalIds (uatDeviceId14, Dev-2,
 * ...): externalIds are unique only within an organization.
 *
 * Catalogue counts (vectors 34, 37, 38, 46, 47): the buyer list spans
 * every organization, so its totals are asserted through the
 * `organizationId` filter on D1 and on D2 and summed.  Because the
 * reservation of vector 30 is not made here, Dev-4 stays in the
 * catalogue: vector 34 expects D1 3 + D2 2 (the spec's 4 plus Dev-4),
 * vector 37 D1 2 + D2 2 = 4 as in the spec (Dev-4's commissioning date
 * is outside the range anyway), vector 38 D1 1 (Dev-4 only) + D2 0 (the
 * spec's 0 counts Dev-4 as reserved).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/nelem.h"
#include "itest.h"

#define DEV		"/api/device"
#define MY		"/api/device/my"
#define BUYER_LIST	"/api/device/ungrouped/buyerreservation"
#define REG		"/api/user/register"
#define ADMIN_USERS	"/api/admin/users"
#define PASSWORD	"Passw0rd1"

/*
 * The seed's 'Register Device' body, byte for byte (U+FFFD as UTF-8,
 * CR LF line ends).  The string literals are split after \xBD so that
 * the following digits are not read as part of the hex escape.
 */
static const char seed_body[] =
    "{\r\n"
    "    \"externalId\": \"uatDeviceId14\",\r\n"
    "    \"projectName\": \"RoofSolarTopProject1\",\r\n"
    "    \"address\": \"nexus\",\r\n"
    "    \"latitude\": \"19\xEF\xBF\xBD" "20'50.97\\\"S\",\r\n"
    "    \"longitude\": \"46\xEF\xBF\xBD" " 3'3.21\\\"W\",\r\n"
    "    \"countryCode\": \"IN\",\r\n"
    "    \"fuelCode\": \"fuel8\",\r\n"
    "    \"deviceTypeCode\": \"type3\",\r\n"
    "    \"capacity\": 25,\r\n"
    "    \"commissioningDate\": \"2022-08-09T19:00:00\",\r\n"
    "    \"gridInterconnection\": true,\r\n"
    "    \"offTaker\": \"School\",\r\n"
    "    \"yieldValue\": 0,\r\n"
    "    \"labels\": \"demoo\",\r\n"
    "    \"impactStory\": \"Demo impact story\",\r\n"
    "    \"data\": \"\",\r\n"
    "    \"images\": [\r\n"
    "        \"string\"\r\n"
    "    ],\r\n"
    "    \"deviceDescription\": \"Rooftop Solar\",\r\n"
    "    \"energyStorage\": true,\r\n"
    "    \"energyStorageCapacity\": 0,\r\n"
    "    \"qualityLabels\": \"quality labels\",\r\n"
    "    \"groupId\": 0,\r\n"
    "    \"SDGBenefits\": 1\r\n"
    "}";

/* The keys of the device object (§4), all always present. */
static const char *const device_keys[] = {
	"id", "externalId", "internalExternalId", "organizationId",
	"projectName", "address", "latitude", "longitude", "countryCode",
	"fuelCode", "deviceTypeCode", "capacity", "commissioningDate",
	"gridInterconnection", "offTaker", "yieldValue", "impactStory",
	"images", "deviceDescription", "energyStorage",
	"energyStorageCapacity", "qualityLabels", "SDGBenefits", "timezone",
	"meterReadtype", "groupId", "createdAt", "updatedAt"
};

static struct {
	char		*admin;			/* tokens */
	char		*oa1, *oa2, *bu1, *bu2, *buser, *duser;
	long long	 d1, d2, b1, b2;	/* organization ids */
	long long	 uat1, uat2, dev2, dev4, adm1;	/* device ids */
	char		*uat1_uuid;
} st;

/* ---- helpers ---- */

/* The fixed body (§8): the seed body with ES100 and TC120, byte-exact. */
static char *
fixed_raw(void)
{
	char	*s = strdup(seed_body), *p;

	p = strstr(s, "\"fuel8\"");
	memcpy(p + 1, "ES100", 5);
	p = strstr(s, "\"type3\"");
	memcpy(p + 1, "TC120", 5);
	return s;
}

/*
 * The fixed body changed by the top-level keys of the JSON object patch
 * (a JSON null removes the key, as in RFC 7386).
 */
static char *
fixed_body(const char *patch)
{
	struct json_object	*o, *p;
	char			*raw = fixed_raw(), *s;

	o = json_tokener_parse(raw);
	p = json_tokener_parse(patch);
	if (o == NULL || p == NULL) {
		fprintf(stderr, "bad test JSON: %s\n", patch);
		exit(2);
	}
	json_object_object_foreach(p, k, v) {
		if (v == NULL)
			json_object_object_del(o, k);
		else
			json_object_object_add(o, k, json_object_get(v));
	}
	s = strdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	json_object_put(p);
	free(raw);
	return s;
}

/* Sends body (freed) with method to path (freed). */
static void
send_f(const char *m, char *path, const char *tok, char *body,
    struct itest_resp *r)
{
	itest_request(m, path, tok, NULL, body, NULL, r);
	free(path);
	free(body);
}

static void
get_f(char *path, const char *tok, struct itest_resp *r)
{
	itest_get(path, tok, r);
	free(path);
}

/* POST /api/device with body (freed). */
static void
post_device(const char *tok, char *body, struct itest_resp *r)
{
	itest_post(DEV, tok, body, r);
	free(body);
}

/* The device object of §4: every key, the types, the instants. */
static void
check_device(const struct itest_resp *r, struct json_object *o)
{
	size_t	 i;
	char	 what[96];
	const char *u;

	for (i = 0; i < NELEM(device_keys); i++) {
		snprintf(what, sizeof(what), "device key %s present",
		    device_keys[i]);
		itest_check(itest_ohas(o, device_keys[i]), r, what, __FILE__,
		    __LINE__, 0);
	}
	ITEST_ASSERT_R(r, itest_otype(o, "id") == json_type_int &&
	    itest_oint(o, "id") > 0);
	ITEST_ASSERT_R(r, itest_otype(o, "organizationId") == json_type_int);
	u = itest_ostr(o, "internalExternalId");
	ITEST_ASSERT_R(r, u != NULL && strlen(u) == 36 && u[14] == '4' &&
	    strspn(u, "0123456789abcdef-") == 36);
	ITEST_ASSERT_R(r, itest_otype(o, "images") == json_type_array);
	ITEST_ASSERT_R(r, itest_otype(o, "SDGBenefits") == json_type_array);
	ITEST_ASSERT_R(r, itest_is_instant(itest_ostr(o, "commissioningDate")));
	ITEST_ASSERT_R(r, itest_is_instant(itest_ostr(o, "createdAt")) &&
	    itest_is_instant(itest_ostr(o, "updatedAt")));
	ITEST_ASSERT_R(r, !itest_ohas(o, "labels") && !itest_ohas(o, "data") &&
	    !itest_ohas(o, "version"));
	/* clients.md §5.1: the web client's spellings, copies of the two. */
	ITEST_ASSERT_R(r, itest_ostr(o, "developerExternalId") != NULL &&
	    itest_ostr(o, "externalId") != NULL &&
	    strcmp(itest_ostr(o, "developerExternalId"),
	    itest_ostr(o, "externalId")) == 0);
	ITEST_ASSERT_R(r, itest_ostr(o, "internalexternalId") != NULL &&
	    strcmp(itest_ostr(o, "internalexternalId"), u) == 0);
}

/* The externalId of item i of array a, or "". */
static const char *
ext_at(struct json_object *a, size_t i)
{
	const char	*s;

	if (!json_object_is_type(a, json_type_array) ||
	    i >= json_object_array_length(a))
		return "";
	s = itest_ostr(json_object_array_get_idx(a, i), "externalId");
	return s ? s : "";
}

/* Whether the array a holds a device with this id. */
static int
has_id(struct json_object *a, long long id)
{
	return itest_find_int(a, "id", id) >= 0;
}

/* A paged device list (§6.2, §6.6) with the given page; returns totalCount. */
static long long
check_paged(const struct itest_resp *r, long long page)
{
	long long	 total = itest_jint(r, "totalCount");
	size_t		 n = itest_jlen(r, "devices"), want;

	ITEST_ASSERT_R(r, itest_jtype(r, "devices") == json_type_array);
	ITEST_ASSERT_JINT(r, "currentPage", page);
	ITEST_ASSERT_R(r, itest_jtype(r, "totalCount") == json_type_int &&
	    total >= 0);
	ITEST_ASSERT_JINT(r, "totalPages", (total + 19) / 20);
	want = total - (page - 1) * 20 > 20 ? 20 : total - (page - 1) * 20 > 0 ?
	    (size_t)(total - (page - 1) * 20) : 0;
	ITEST_ASSERT_R(r, n == want);
	return total;
}

/* The buyer list as tok with query q (may be ""), status 200. */
static long long
buyer_list(const char *tok, const char *q, struct itest_resp *r)
{
	get_f(itest_fmt(BUYER_LIST "%s", q), tok, r);
	if (!ITEST_ASSERT_STATUS(r, 200))
		return -1;
	return check_paged(r, 1);
}

/* Registers a user with an organization of type; the token, org id. */
static char *
register_org(const char *type, const char *tag, long long *org)
{
	struct itest_resp	 r;
	char			*email = itest_unique_email(tag);
	char			*name = itest_unique(tag);
	char			*tok;

	send_f("POST", strdup(REG), NULL, itest_fmt("{\"firstName\":\"Dev\","
	    "\"lastName\":\"Test\",\"email\":\"%s\",\"organizationType\":"
	    "\"%s\",\"password\":\"" PASSWORD "\",\"confirmPassword\":\""
	    PASSWORD "\",\"orgName\":\"%s\"}", email, type, name), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	*org = itest_jint(&r, "organization.id");
	ITEST_ASSERT_R(&r, *org > 0);
	itest_resp_free(&r);
	tok = itest_login(email, PASSWORD);
	ITEST_REQUIRE(tok != NULL);
	free(email);
	free(name);
	return tok;
}

/* Creates a User of organization org as Admin A; the token. */
static char *
admin_user(long long org, const char *tag)
{
	struct itest_resp	 r;
	char			*email = itest_unique_email(tag), *tok;

	send_f("POST", strdup(ADMIN_USERS), st.admin, itest_fmt(
	    "{\"firstName\":\"Usr\",\"lastName\":\"Test\",\"email\":\"%s\","
	    "\"password\":\"" PASSWORD "\",\"confirmPassword\":\"" PASSWORD
	    "\",\"role\":\"User\",\"organizationId\":%lld}", email, org), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_JSTR(&r, "role", "User");
	ITEST_ASSERT_JINT(&r, "organization.id", org);
	itest_resp_free(&r);
	tok = itest_login(email, PASSWORD);
	ITEST_REQUIRE(tok != NULL);
	free(email);
	return tok;
}

/* One request answered by a field error naming exactly f0 (and f1). */
static void
expect_fields(const char *m, char *path, const char *tok, char *body,
    const char *code, const char *f0, const char *f1)
{
	struct itest_resp	 r;

	send_f(m, path, tok, body, &r);
	ITEST_ASSERT_ERROR(&r, 400, code);
	itest_check_fields(&r, 1, __FILE__, __LINE__, f0, f1, NULL);
	itest_resp_free(&r);
}

/* One request answered by an error envelope with status and code. */
static void
expect_error(const char *m, char *path, const char *tok, char *body, long s,
    const char *code)
{
	struct itest_resp	 r;

	send_f(m, path, tok, body, &r);
	ITEST_ASSERT_ERROR(&r, s, code);
	itest_resp_free(&r);
}

/* ---- fixtures ---- */

static void
v00_fixtures(void)
{
	st.admin = itest_admin_token();
	ITEST_REQUIRE(st.admin != NULL);
	st.oa1 = register_org("developer", "d1", &st.d1);
	st.oa2 = register_org("developer", "d2", &st.d2);
	st.bu1 = register_org("buyer", "b1", &st.b1);
	st.bu2 = register_org("buyer", "b2", &st.b2);
	CU_ASSERT(st.d1 != st.d2 && st.b1 != st.b2 && st.d1 != st.b1);
	st.buser = admin_user(st.b1, "b1user");
	st.duser = admin_user(st.d1, "d1user");
}

/* ---- §8 vectors ---- */

static void
v01_seed_body(void)
{
	struct itest_resp	 r;
	const char		*m;

	ITEST_REQUIRE(st.oa1 != NULL);
	itest_post(DEV, st.oa1, seed_body, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "fuelCode", "deviceTypeCode", NULL);
	m = itest_jstr(&r, "message.0");
	ITEST_ASSERT_R(&r, m != NULL && strstr(m, "fuel8") != NULL &&
	    strstr(m, "ES100") != NULL && strstr(m, "ES990") != NULL);
	itest_resp_free(&r);
}

static void
v02_fixed_body(void)
{
	struct itest_resp	 r;
	char			*loc, *want;

	ITEST_REQUIRE(st.oa1 != NULL);
	itest_post(DEV, st.oa1, fixed_raw(), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	check_device(&r, r.json);
	ITEST_ASSERT_JSTR(&r, "externalId", "uatDeviceId14");
	ITEST_ASSERT_JSTR(&r, "countryCode", "IND");
	ITEST_ASSERT_JSTR(&r, "latitude", "-19.347492");
	ITEST_ASSERT_JSTR(&r, "longitude", "-46.050892");
	ITEST_ASSERT_JSTR(&r, "commissioningDate", "2022-08-09T19:00:00.000Z");
	ITEST_ASSERT_R(&r, itest_jlen(&r, "SDGBenefits") == 1);
	ITEST_ASSERT_JSTR(&r, "SDGBenefits.0", "No Poverty");
	ITEST_ASSERT_JSTR(&r, "timezone", "Asia/Kolkata");
	ITEST_ASSERT_JINT(&r, "yieldValue", 2000);
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "groupId"));
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "meterReadtype"));
	ITEST_ASSERT_JINT(&r, "organizationId", st.d1);
	ITEST_ASSERT_R(&r, !itest_jhas(&r, "labels"));
	/* The rest of §4's example. */
	ITEST_ASSERT_JSTR(&r, "projectName", "RoofSolarTopProject1");
	ITEST_ASSERT_JSTR(&r, "address", "nexus");
	ITEST_ASSERT_JSTR(&r, "fuelCode", "ES100");
	ITEST_ASSERT_JSTR(&r, "deviceTypeCode", "TC120");
	ITEST_ASSERT_JINT(&r, "capacity", 25);
	ITEST_ASSERT_R(&r, strstr(r.body, "\"capacity\":25,") != NULL ||
	    strstr(r.body, "\"capacity\": 25,") != NULL);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "gridInterconnection") == 1);
	ITEST_ASSERT_JSTR(&r, "offTaker", "School");
	ITEST_ASSERT_JSTR(&r, "impactStory", "Demo impact story");
	ITEST_ASSERT_R(&r, itest_jlen(&r, "images") == 1);
	ITEST_ASSERT_JSTR(&r, "images.0", "string");
	ITEST_ASSERT_JSTR(&r, "deviceDescription", "Rooftop Solar");
	ITEST_ASSERT_R(&r, itest_jbool(&r, "energyStorage") == 1);
	ITEST_ASSERT_JINT(&r, "energyStorageCapacity", 0);
	ITEST_ASSERT_JSTR(&r, "qualityLabels", "quality labels");
	ITEST_ASSERT_R(&r, itest_jstr(&r, "createdAt") != NULL &&
	    itest_jstr(&r, "updatedAt") != NULL && !strcmp(itest_jstr(&r,
	    "createdAt"), itest_jstr(&r, "updatedAt")));
	st.uat1 = itest_jint(&r, "id");
	st.uat1_uuid = itest_jstr(&r, "internalExternalId") ?
	    strdup(itest_jstr(&r, "internalExternalId")) : NULL;
	loc = itest_header(&r, "Location");
	want = itest_fmt(DEV "/%lld", st.uat1);
	ITEST_ASSERT_R(&r, loc != NULL && strcmp(loc, want) == 0);
	free(loc);
	free(want);
	itest_resp_free(&r);
}

static void
v03_taken(void)
{
	struct itest_resp	 r;
	char			*s;

	post_device(st.oa1, fixed_body("{\"externalId\":\" UATDEVICEID14 \"}"),
	    &r);
	ITEST_ASSERT_ERROR(&r, 409, "DEVICE_EXTERNAL_ID_TAKEN");
	s = itest_fmt("used by device %lld", st.uat1);
	ITEST_ASSERT_R(&r, itest_message_has(&r, s));
	free(s);
	itest_resp_free(&r);
}

static void
v04_other_org(void)
{
	struct itest_resp	 r;

	ITEST_REQUIRE(st.oa2 != NULL);
	itest_post(DEV, st.oa2, fixed_raw(), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	check_device(&r, r.json);
	ITEST_ASSERT_JINT(&r, "organizationId", st.d2);
	ITEST_ASSERT_JSTR(&r, "externalId", "uatDeviceId14");
	st.uat2 = itest_jint(&r, "id");
	ITEST_ASSERT_R(&r, st.uat2 != st.uat1);
	itest_resp_free(&r);
}

static void
v05_buyer_forbidden(void)
{
	struct itest_resp	 r;

	itest_post(DEV, st.bu1, fixed_raw(), &r);
	ITEST_ASSERT_ERROR(&r, 403, "FORBIDDEN");
	ITEST_ASSERT_R(&r, itest_message_has(&r, "Buyer") &&
	    itest_message_has(&r, "OrganizationAdmin"));
	itest_resp_free(&r);
}

static void
v06_coordinates(void)
{
	struct itest_resp	 r;

	post_device(st.oa1, fixed_body("{\"externalId\":\"Dev-2\","
	    "\"countryCode\":\"ind\",\"latitude\":12.9716,"
	    "\"longitude\":\"E 77\xC2\xB0" "35'40\\\"\"}"), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	check_device(&r, r.json);
	ITEST_ASSERT_JSTR(&r, "externalId", "Dev-2");
	ITEST_ASSERT_JSTR(&r, "countryCode", "IND");
	ITEST_ASSERT_JSTR(&r, "latitude", "12.971600");
	ITEST_ASSERT_JSTR(&r, "longitude", "77.594444");
	st.dev2 = itest_jint(&r, "id");
	itest_resp_free(&r);
}

static void
v07_country_uk(void)
{
	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(
	    "{\"externalId\":\"Dev-3\",\"countryCode\":\"UK\"}"),
	    "INVALID_FIELD", "countryCode", NULL);
}

static void
v08_bad_coordinates(void)
{
	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(
	    "{\"externalId\":\"Dev-3\",\"latitude\":\"91\","
	    "\"longitude\":\"12\xC2\xB0" "58'19\\\"N\"}"),
	    "INVALID_FIELD", "latitude", "longitude");
}

static void
v09_external_id_slash(void)
{
	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(
	    "{\"externalId\":\"a/b\"}"), "INVALID_FIELD", "externalId", NULL);
}

static void
v10_capacity(void)
{
	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(
	    "{\"externalId\":\"Dev-3\",\"capacity\":0,"
	    "\"energyStorageCapacity\":-1}"), "INVALID_FIELD", "capacity",
	    "energyStorageCapacity");
}

static void
v11_tomorrow(void)
{
	time_t		 t = time(NULL) + 86400;
	struct tm	 tm;
	char		 d[16];

	gmtime_r(&t, &tm);
	strftime(d, sizeof(d), "%Y-%m-%d", &tm);
	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(itest_fmt(
	    "{\"externalId\":\"Dev-3\",\"commissioningDate\":\"%s\"}", d)),
	    "INVALID_FIELD", "commissioningDate", NULL);
}

static void
v12_timezone(void)
{
	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(
	    "{\"externalId\":\"Dev-3\",\"timezone\":\"America/New_York\"}"),
	    "INVALID_FIELD", "timezone", NULL);
}

static void
v13_dev4(void)
{
	struct itest_resp	 r;

	post_device(st.oa1, fixed_body("{\"externalId\":\"Dev-4\","
	    "\"commissioningDate\":\"2021-03-01\",\"capacity\":10,"
	    "\"offTaker\":\"health facility\",\"SDGBenefits\":"
	    "[\"SDG7\",\"sdg1\",7,\"climate action\"]}"), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	check_device(&r, r.json);
	ITEST_ASSERT_JSTR(&r, "commissioningDate", "2021-03-01T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "offTaker", "Health Facility");
	ITEST_ASSERT_R(&r, itest_jlen(&r, "SDGBenefits") == 3);
	ITEST_ASSERT_JSTR(&r, "SDGBenefits.0", "No Poverty");
	ITEST_ASSERT_JSTR(&r, "SDGBenefits.1", "Affordable and Clean Energy");
	ITEST_ASSERT_JSTR(&r, "SDGBenefits.2", "Climate Action");
	ITEST_ASSERT_JINT(&r, "capacity", 10);
	st.dev4 = itest_jint(&r, "id");
	itest_resp_free(&r);
}

static void
v14_admin_no_org(void)
{
	expect_fields("POST", strdup(DEV), st.admin, fixed_body(
	    "{\"externalId\":\"Adm-1\"}"), "INVALID_FIELD", "organizationId",
	    NULL);
}

static void
v15_admin_buyer_org(void)
{
	ITEST_REQUIRE(st.b1 > 0);
	expect_error("POST", strdup(DEV), st.admin, fixed_body(itest_fmt(
	    "{\"externalId\":\"Adm-1\",\"organizationId\":%lld}", st.b1)), 400,
	    "ORGANIZATION_NOT_DEVELOPER");
}

static void
v16_admin_no_such_org(void)
{
	expect_error("POST", strdup(DEV), st.admin, fixed_body(
	    "{\"externalId\":\"Adm-1\",\"organizationId\":999999}"), 404,
	    "ORGANIZATION_NOT_FOUND");
}

static void
v17_admin_d2(void)
{
	struct itest_resp	 r;
	char			*b;

	ITEST_REQUIRE(st.d2 > 0);
	b = itest_fmt("{\"externalId\":\"Adm-1\",\"organizationId\":%lld}",
	    st.d2);
	post_device(st.admin, fixed_body(b), &r);
	free(b);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	check_device(&r, r.json);
	ITEST_ASSERT_JINT(&r, "organizationId", st.d2);
	ITEST_ASSERT_JSTR(&r, "externalId", "Adm-1");
	st.adm1 = itest_jint(&r, "id");
	itest_resp_free(&r);
}

static void
v18_my(void)
{
	struct itest_resp	 r;
	size_t			 i;

	itest_get(MY, st.oa1, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, json_object_is_type(r.json, json_type_array));
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 3);
	ITEST_ASSERT_R(&r, !strcmp(ext_at(r.json, 0), "Dev-4") &&
	    !strcmp(ext_at(r.json, 1), "Dev-2") &&
	    !strcmp(ext_at(r.json, 2), "uatDeviceId14"));
	for (i = 0; i < itest_jlen(&r, ""); i++)
		check_device(&r, json_object_array_get_idx(r.json, i));
	itest_resp_free(&r);
}

static void
v19_my_paged(void)
{
	struct itest_resp	 r;

	itest_get(MY "?pagenumber=1", st.oa1, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "devices") == 3);
	ITEST_ASSERT_JINT(&r, "currentPage", 1);
	ITEST_ASSERT_JINT(&r, "totalPages", 1);
	ITEST_ASSERT_JINT(&r, "totalCount", 3);
	ITEST_ASSERT_R(&r, !strcmp(ext_at(itest_jget(&r, "devices"), 0),
	    "Dev-4"));
	itest_resp_free(&r);
}

static void
v20_my_page0(void)
{
	expect_fields("GET", strdup(MY "?pagenumber=0"), st.oa1, NULL,
	    "INVALID_QUERY", "pagenumber", NULL);
}

static void
v21_my_filters(void)
{
	struct itest_resp	 r;

	itest_get(MY "?offTaker=health%20facility&country=IN", st.oa1, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, json_object_is_type(r.json, json_type_array));
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 1 &&
	    !strcmp(ext_at(r.json, 0), "Dev-4"));
	itest_resp_free(&r);
}

static void
v22_other_org_device(void)
{
	struct itest_resp	 r;

	ITEST_REQUIRE(st.uat2 > 0);
	get_f(itest_fmt(DEV "/%lld", st.uat2), st.oa1, &r);
	ITEST_ASSERT_ERROR(&r, 404, "DEVICE_NOT_FOUND");
	ITEST_ASSERT_R(&r, itest_message_has(&r, "visible to you"));
	itest_resp_free(&r);
}

static void
v23_bad_id(void)
{
	expect_error("GET", strdup(DEV "/abc"), st.oa1, NULL, 400,
	    "INVALID_ID");
}

static void
v24_buyer_sees_catalogue(void)
{
	struct itest_resp	 r;

	ITEST_REQUIRE(st.dev2 > 0);
	get_f(itest_fmt(DEV "/%lld", st.dev2), st.bu1, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	check_device(&r, r.json);
	ITEST_ASSERT_JINT(&r, "id", st.dev2);
	ITEST_ASSERT_JSTR(&r, "externalId", "Dev-2");
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "groupId"));
	itest_resp_free(&r);
}

/* Every key of a equals b's except those listed (NULL-terminated). */
static int
same_except(struct json_object *a, struct json_object *b,
    const char *const *skip)
{
	const char *const	*s;
	struct json_object	*bv;

	if (!json_object_is_type(a, json_type_object) ||
	    !json_object_is_type(b, json_type_object) ||
	    json_object_object_length(a) != json_object_object_length(b))
		return 0;
	json_object_object_foreach(a, k, v) {
		for (s = skip; *s != NULL && strcmp(*s, k) != 0; s++)
			;
		if (*s != NULL)
			continue;
		if (!json_object_object_get_ex(b, k, &bv) ||
		    !json_object_equal(v, bv)) {
			printf("\n  (key %s differs)\n", k);
			return 0;
		}
	}
	return 1;
}

static void
v25_patch_project(void)
{
	static const char *const skip[] = { "projectName", "updatedAt", NULL };
	struct itest_resp	 before, r;

	ITEST_REQUIRE(st.uat1 > 0);
	get_f(itest_fmt(DEV "/%lld", st.uat1), st.oa1, &before);
	ITEST_ASSERT_STATUS_FATAL(&before, 200);
	usleep(20000);
	itest_request("PATCH", DEV "/uatdeviceid14", st.oa1, NULL,
	    "{\"projectName\":\"P2\"}", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	check_device(&r, r.json);
	ITEST_ASSERT_JSTR(&r, "projectName", "P2");
	ITEST_ASSERT_JINT(&r, "id", st.uat1);
	ITEST_ASSERT_R(&r, same_except(before.json, r.json, skip));
	ITEST_ASSERT_R(&r, itest_parse_instant(itest_jstr(&r, "updatedAt")) >=
	    itest_parse_instant(itest_jstr(&before, "updatedAt")) &&
	    strcmp(itest_jstr(&r, "updatedAt"), itest_jstr(&before,
	    "updatedAt")) != 0);
	itest_resp_free(&r);
	/* And GET agrees. */
	get_f(itest_fmt(DEV "/%lld", st.uat1), st.oa1, &r);
	ITEST_ASSERT_JSTR(&r, "projectName", "P2");
	itest_resp_free(&r);
	itest_resp_free(&before);
}

static void
v26_patch_taken(void)
{
	expect_error("PATCH", strdup(DEV "/Dev-2"), st.oa1,
	    strdup("{\"externalId\":\"dev-4\"}"), 409,
	    "DEVICE_EXTERNAL_ID_TAKEN");
}

static void
v27_patch_case(void)
{
	struct itest_resp	 r;

	itest_request("PATCH", DEV "/Dev-2", st.oa1, NULL,
	    "{\"externalId\":\"DEV-2\"}", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_JSTR(&r, "externalId", "DEV-2");
	ITEST_ASSERT_JINT(&r, "id", st.dev2);
	itest_resp_free(&r);
}

static void
v28_patch_roundtrip(void)
{
	struct itest_resp	 g, r;

	ITEST_REQUIRE(st.dev2 > 0);
	get_f(itest_fmt(DEV "/%lld", st.dev2), st.oa1, &g);
	ITEST_ASSERT_STATUS_FATAL(&g, 200);
	usleep(20000);
	itest_request("PATCH", DEV "/DEV-2", st.oa1, NULL, g.body, NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, json_object_equal(g.json, r.json));
	ITEST_ASSERT_R(&r, itest_jstr(&r, "updatedAt") != NULL &&
	    itest_jstr(&g, "updatedAt") != NULL &&
	    !strcmp(itest_jstr(&r, "updatedAt"), itest_jstr(&g, "updatedAt")));
	itest_resp_free(&r);
	itest_resp_free(&g);
}

static void
v33_buyer_list_no_token(void)
{
	expect_error("GET", strdup(BUYER_LIST), NULL, NULL, 401,
	    "UNAUTHORIZED");
}

static void
v34_buyer_list(void)
{
	struct itest_resp	 r;
	char			*q;
	long long		 n;

	/* Unfiltered: the paged object, whatever else the catalogue holds. */
	buyer_list(st.bu1, "", &r);
	itest_resp_free(&r);

	/* D1: Dev-4 (not reserved in this suite), DEV-2, uatDeviceId14. */
	q = itest_fmt("?organizationId=%lld", st.d1);
	n = buyer_list(st.bu1, q, &r);
	free(q);
	ITEST_ASSERT_R(&r, n == 3);
	ITEST_ASSERT_R(&r, !strcmp(ext_at(itest_jget(&r, "devices"), 0),
	    "Dev-4") && !strcmp(ext_at(itest_jget(&r, "devices"), 1),
	    "DEV-2") && !strcmp(ext_at(itest_jget(&r, "devices"), 2),
	    "uatDeviceId14"));
	if (itest_jlen(&r, "devices") > 0)
		check_device(&r, itest_jget(&r, "devices.0"));
	itest_resp_free(&r);

	/* D2: Adm-1, uatDeviceId14; 3 + 2 = the spec's 4 plus Dev-4. */
	q = itest_fmt("?organizationId=%lld", st.d2);
	n = buyer_list(st.bu1, q, &r);
	free(q);
	ITEST_ASSERT_R(&r, n == 2);
	ITEST_ASSERT_R(&r, has_id(itest_jget(&r, "devices"), st.adm1) &&
	    has_id(itest_jget(&r, "devices"), st.uat2));
	itest_resp_free(&r);
}

/* docs/api.md: after=<device id> lists the matches after that device. */
static void
v34b_buyer_list_after(void)
{
	struct itest_resp	 r;
	char			*q;
	long long		 n, first, last;

	q = itest_fmt("?organizationId=%lld", st.d1);
	n = buyer_list(st.bu1, q, &r);
	free(q);
	ITEST_ASSERT_R(&r, n == 3);
	first = itest_jint(&r, "devices.0.id");
	last = itest_jint(&r, "devices.2.id");
	itest_resp_free(&r);

	/* After the newest of D1: its two others, counted from there. */
	q = itest_fmt("?organizationId=%lld&after=%lld&pagenumber=3", st.d1,
	    first);
	n = buyer_list(st.bu1, q, &r);
	free(q);
	ITEST_ASSERT_R(&r, n == 2);
	ITEST_ASSERT_R(&r, !strcmp(ext_at(itest_jget(&r, "devices"), 0),
	    "DEV-2") && !strcmp(ext_at(itest_jget(&r, "devices"), 1),
	    "uatDeviceId14"));
	itest_resp_free(&r);

	/* After the oldest: nothing. */
	q = itest_fmt("?organizationId=%lld&after=%lld", st.d1, last);
	n = buyer_list(st.bu1, q, &r);
	free(q);
	ITEST_ASSERT_R(&r, n == 0);
	itest_resp_free(&r);

	expect_fields("GET", strdup(BUYER_LIST "?after=x1"), st.bu1, NULL,
	    "INVALID_QUERY", "after", NULL);
}

static void
v35_buyer_list_developer(void)
{
	expect_error("GET", strdup(BUYER_LIST), st.oa1, NULL, 403,
	    "FORBIDDEN");
}

static void
v36_buyer_list_min_max(void)
{
	expect_fields("GET", strdup(BUYER_LIST "?minCapacity=10&maxCapacity=5"),
	    st.admin, NULL, "INVALID_QUERY", "minCapacity", "maxCapacity");
}

static void
v37_buyer_list_dates(void)
{
	struct itest_resp	 r;
	char			*q;
	long long		 n1, n2;

	q = itest_fmt("?start_date=2022-08-09&end_date=2022-08-09"
	    "&organizationId=%lld", st.d1);
	n1 = buyer_list(st.bu1, q, &r);
	free(q);
	ITEST_ASSERT_R(&r, has_id(itest_jget(&r, "devices"), st.uat1) &&
	    has_id(itest_jget(&r, "devices"), st.dev2));
	itest_resp_free(&r);
	q = itest_fmt("?start_date=2022-08-09&end_date=2022-08-09"
	    "&organizationId=%lld", st.d2);
	n2 = buyer_list(st.bu1, q, &r);
	free(q);
	itest_resp_free(&r);
	CU_ASSERT_EQUAL(n1, 2);
	CU_ASSERT_EQUAL(n2, 2);
	CU_ASSERT_EQUAL(n1 + n2, 4);
}

static void
v38_buyer_list_capacity(void)
{
	struct itest_resp	 r;
	char			*q;
	long long		 n;

	/* Only Dev-4 (10 kW) is <= 20; it is not reserved in this suite. */
	q = itest_fmt("?capacity=20&organizationId=%lld", st.d1);
	n = buyer_list(st.bu1, q, &r);
	free(q);
	ITEST_ASSERT_R(&r, n == 1 && !strcmp(ext_at(itest_jget(&r, "devices"),
	    0), "Dev-4"));
	itest_resp_free(&r);
	q = itest_fmt("?capacity=20&organizationId=%lld", st.d2);
	n = buyer_list(st.bu1, q, &r);
	free(q);
	ITEST_ASSERT_R(&r, n == 0 && itest_jlen(&r, "devices") == 0);
	itest_resp_free(&r);
}

static void
v39_delete(void)
{
	struct itest_resp	 r;
	char			*m;

	ITEST_REQUIRE(st.dev2 > 0);
	send_f("DELETE", itest_fmt(DEV "/%lld", st.dev2), st.oa1, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "success") == 1);
	m = itest_fmt("Device %lld (DEV-2) deleted", st.dev2);
	ITEST_ASSERT_JSTR(&r, "message", m);
	free(m);
	itest_resp_free(&r);
	expect_error("GET", itest_fmt(DEV "/%lld", st.dev2), st.oa1, NULL, 404,
	    "DEVICE_NOT_FOUND");
	/* Its externalId is free again (and the device is gone from /my). */
	itest_get(MY, st.oa1, &r);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 2 &&
	    !has_id(r.json, st.dev2));
	itest_resp_free(&r);
}

static void
v41_fuel_types(void)
{
	struct itest_resp	 r;

	itest_get(DEV "/fuel-type", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, json_object_is_type(r.json, json_type_array) &&
	    itest_jlen(&r, "") == 38);
	ITEST_ASSERT_JSTR(&r, "0.code", "ES100");
	ITEST_ASSERT_JSTR(&r, "0.name", "Solar");
	ITEST_ASSERT_R(&r, itest_olen(itest_jget(&r, "0"), "") == 2);
	ITEST_ASSERT_JSTR(&r, "37.code", "ES990");
	itest_resp_free(&r);
}

/* Whether s contains k, ignoring ASCII case. */
static int
contains_ci(const char *s, const char *k)
{
	return s != NULL && strcasestr(s, k) != NULL;
}

/* Every entry of a country list: shape, countryCode = alpha3, keyword. */
static void
check_countries(const struct itest_resp *r, const char *kw)
{
	struct json_object	*e;
	size_t			 i;
	int			 ok = 1, shape = 1;

	for (i = 0; i < itest_jlen(r, ""); i++) {
		e = json_object_array_get_idx(r->json, i);
		if (itest_ostr(e, "countryCode") == NULL ||
		    itest_ostr(e, "alpha3") == NULL ||
		    strcmp(itest_ostr(e, "countryCode"),
		    itest_ostr(e, "alpha3")) != 0 ||
		    itest_ostr(e, "alpha2") == NULL ||
		    itest_ostr(e, "numeric") == NULL ||
		    itest_otype(e, "timezones") != json_type_array)
			shape = 0;
		if (!contains_ci(itest_ostr(e, "country"), kw) &&
		    !contains_ci(itest_ostr(e, "alpha2"), kw) &&
		    !contains_ci(itest_ostr(e, "alpha3"), kw))
			ok = 0;
	}
	ITEST_ASSERT_R(r, shape);
	ITEST_ASSERT_R(r, ok);
}

/* The index of the entry whose country is name, or -1. */
static long
country_at(const struct itest_resp *r, const char *name)
{
	size_t	 i;

	for (i = 0; i < itest_jlen(r, ""); i++)
		if (itest_ostr(json_object_array_get_idx(r->json, i),
		    "country") != NULL && !strcmp(itest_ostr(
		    json_object_array_get_idx(r->json, i), "country"), name))
			return (long)i;
	return -1;
}

static void
v42_countries_ind(void)
{
	struct itest_resp	 r;

	itest_get("/api/countrycode/list?searchKeyWord=ind", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, json_object_is_type(r.json, json_type_array));
	ITEST_ASSERT_R(&r, country_at(&r, "India") >= 0 &&
	    country_at(&r, "Indonesia") >= 0);
	check_countries(&r, "ind");
	itest_resp_free(&r);
}

static void
v43_sdg(void)
{
	struct itest_resp	 r;

	itest_get("/api/sdgbenefit/code", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, json_object_is_type(r.json, json_type_array) &&
	    itest_jlen(&r, "") == 17);
	ITEST_ASSERT_JSTR(&r, "8.value",
	    "Industry, Innovation and Infrastructure");
	ITEST_ASSERT_JSTR(&r, "8.name", "SDG9");
	itest_resp_free(&r);
}

static void
v44_literal_segment(void)
{
	struct itest_resp	 r;

	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(
	    "{\"externalId\":\"My\"}"), "INVALID_FIELD", "externalId", NULL);
	itest_request("PATCH", MY, st.oa1, NULL, "{\"projectName\":\"x\"}",
	    NULL, &r);
	ITEST_ASSERT_ERROR(&r, 405, "METHOD_NOT_ALLOWED");
	ITEST_ASSERT_R(&r, r.allow != NULL && strcmp(r.allow, "GET") == 0);
	itest_resp_free(&r);
}

static void
v45_countries_bra(void)
{
	struct itest_resp	 r;
	long			 i;
	char			*p;

	/*
	 * The vector says "one entry", but the rule (a case-insensitive
	 * substring of country, alpha2 or alpha3) also keeps Gibraltar;
	 * the rule is asserted.
	 */
	itest_get("/api/countrycode/list?searchKeyWord=BRA", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, (i = country_at(&r, "Brazil")) >= 0);
	if (i >= 0) {
		p = itest_fmt("%ld.timezones.0.name", i);
		ITEST_ASSERT_JSTR(&r, p, "America/Sao_Paulo");
		free(p);
		p = itest_fmt("%ld.alpha3", i);
		ITEST_ASSERT_JSTR(&r, p, "BRA");
		free(p);
		p = itest_fmt("%ld.timezones.0", i);
		ITEST_ASSERT_R(&r, itest_olen(itest_jget(&r, p), "") == 1);
		free(p);
	}
	check_countries(&r, "bra");
	itest_resp_free(&r);
}

static void
v46_org_filters(void)
{
	struct itest_resp	 r;
	char			*q;

	itest_get(MY "?organizationId=999999", st.admin, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, json_object_is_type(r.json, json_type_array) &&
	    itest_jlen(&r, "") == 0);
	itest_resp_free(&r);
	q = itest_fmt("?organizationId=%lld", st.b1);
	ITEST_ASSERT_R(&r, buyer_list(st.bu1, q, &r) == 0);
	free(q);
	itest_resp_free(&r);
}

static void
v47_org_users(void)
{
	struct itest_resp	 r;
	char			*q;

	ITEST_REQUIRE(st.buser != NULL && st.duser != NULL && st.uat1 > 0);
	get_f(itest_fmt(DEV "/%lld", st.uat1), st.buser, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "id", st.uat1);
	itest_resp_free(&r);
	q = itest_fmt("?organizationId=%lld", st.d1);
	ITEST_ASSERT_R(&r, buyer_list(st.buser, q, &r) == 2);
	ITEST_ASSERT_R(&r, has_id(itest_jget(&r, "devices"), st.uat1));
	free(q);
	itest_resp_free(&r);
	expect_error("GET", strdup(BUYER_LIST), st.duser, NULL, 403,
	    "FORBIDDEN");
}

/* ---- beyond §8 ---- */

static void
x_patch_null_required(void)
{
	struct itest_resp	 r;

	expect_fields("PATCH", strdup(DEV "/Dev-4"), st.oa1,
	    strdup("{\"address\":null}"), "INVALID_FIELD", "address", NULL);
	expect_fields("PATCH", strdup(DEV "/Dev-4"), st.oa1,
	    strdup("{\"capacity\":null,\"address\":null}"), "INVALID_FIELD",
	    "address", "capacity");
	/* Nothing was written. */
	get_f(itest_fmt(DEV "/%lld", st.dev4), st.oa1, &r);
	ITEST_ASSERT_JSTR(&r, "address", "nexus");
	ITEST_ASSERT_JINT(&r, "capacity", 10);
	itest_resp_free(&r);
}

static void
x_patch_null_optional(void)
{
	struct itest_resp	 r;

	itest_request("PATCH", DEV "/Dev-4", st.oa1, NULL,
	    "{\"projectName\":null}", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "projectName"));
	ITEST_ASSERT_JSTR(&r, "address", "nexus");
	itest_resp_free(&r);
	get_f(itest_fmt(DEV "/%lld", st.dev4), st.oa1, &r);
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "projectName"));
	itest_resp_free(&r);
}

static void
x_patch_main_timezone(void)
{
	struct itest_resp	 g, r;

	ITEST_REQUIRE(st.dev4 > 0);
	get_f(itest_fmt(DEV "/%lld", st.dev4), st.oa1, &g);
	ITEST_ASSERT_STATUS_FATAL(&g, 200);
	ITEST_ASSERT_JSTR(&g, "timezone", "Asia/Kolkata");
	usleep(20000);
	itest_request("PATCH", DEV "/Dev-4", st.oa1, NULL,
	    "{\"timezone\":\"Asia/Kolkata\"}", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_JSTR(&r, "timezone", "Asia/Kolkata");
	ITEST_ASSERT_R(&r, itest_jstr(&r, "updatedAt") != NULL &&
	    itest_jstr(&g, "updatedAt") != NULL &&
	    !strcmp(itest_jstr(&r, "updatedAt"), itest_jstr(&g, "updatedAt")));
	ITEST_ASSERT_R(&r, json_object_equal(g.json, r.json));
	itest_resp_free(&r);
	itest_resp_free(&g);
}

static void
x_admin_patch(void)
{
	struct itest_resp	 r;

	ITEST_REQUIRE(st.uat1_uuid != NULL && st.dev4 > 0);
	send_f("PATCH", itest_fmt(DEV "/%s", st.uat1_uuid), st.admin,
	    strdup("{\"projectName\":\"ByUuid\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "id", st.uat1);
	ITEST_ASSERT_JSTR(&r, "projectName", "ByUuid");
	ITEST_ASSERT_JINT(&r, "organizationId", st.d1);
	itest_resp_free(&r);
	/* Upper-case UUID: compared lower-cased. */
	{
		char	*u = strdup(st.uat1_uuid), *p;

		for (p = u; *p != '\0'; p++)
			if (*p >= 'a' && *p <= 'f')
				*p -= 'a' - 'A';
		send_f("PATCH", itest_fmt(DEV "/%s", u), st.admin,
		    strdup("{\"projectName\":\"ByUUID\"}"), &r);
		ITEST_ASSERT_STATUS(&r, 200);
		ITEST_ASSERT_JINT(&r, "id", st.uat1);
		ITEST_ASSERT_JSTR(&r, "projectName", "ByUUID");
		itest_resp_free(&r);
		free(u);
	}
	send_f("PATCH", itest_fmt(DEV "/%lld", st.dev4), st.admin,
	    strdup("{\"qualityLabels\":\"by id\",\"organizationId\":1}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "id", st.dev4);
	ITEST_ASSERT_JSTR(&r, "qualityLabels", "by id");
	ITEST_ASSERT_JINT(&r, "organizationId", st.d1);
	itest_resp_free(&r);
	/* An Admin's own organization owns no devices. */
	expect_error("PATCH", strdup(DEV "/Dev-4"), st.admin,
	    strdup("{\"projectName\":\"x\"}"), 404, "DEVICE_NOT_FOUND");
}

static void
x_cross_organization(void)
{
	struct itest_resp	 r;

	ITEST_REQUIRE(st.dev4 > 0 && st.uat1_uuid != NULL);
	expect_error("GET", itest_fmt(DEV "/%lld", st.dev4), st.oa2, NULL, 404,
	    "DEVICE_NOT_FOUND");
	expect_error("PATCH", itest_fmt(DEV "/%lld", st.dev4), st.oa2,
	    strdup("{\"projectName\":\"hijack\"}"), 404, "DEVICE_NOT_FOUND");
	expect_error("PATCH", strdup(DEV "/Dev-4"), st.oa2,
	    strdup("{\"projectName\":\"hijack\"}"), 404, "DEVICE_NOT_FOUND");
	expect_error("PATCH", itest_fmt(DEV "/%s", st.uat1_uuid), st.oa2,
	    strdup("{\"projectName\":\"hijack\"}"), 404, "DEVICE_NOT_FOUND");
	expect_error("DELETE", itest_fmt(DEV "/%lld", st.dev4), st.oa2, NULL,
	    404, "DEVICE_NOT_FOUND");
	/* D1's devices are untouched. */
	get_f(itest_fmt(DEV "/%lld", st.dev4), st.oa1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "projectName"));
	itest_resp_free(&r);
	get_f(itest_fmt(DEV "/%lld", st.uat1), st.oa1, &r);
	ITEST_ASSERT_JSTR(&r, "projectName", "ByUUID");
	itest_resp_free(&r);
	/* D2's own uatDeviceId14 is what OA2 names by that externalId. */
	itest_request("PATCH", DEV "/uatDeviceId14", st.oa2, NULL,
	    "{\"projectName\":\"D2 own\"}", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "id", st.uat2);
	itest_resp_free(&r);
}

static void
x_buyer_forbidden(void)
{
	expect_error("GET", strdup(MY), st.bu1, NULL, 403, "FORBIDDEN");
	expect_error("DELETE", itest_fmt(DEV "/%lld", st.dev4), st.bu1, NULL,
	    403, "FORBIDDEN");
	expect_error("PATCH", strdup(DEV "/Dev-4"), st.bu1,
	    strdup("{\"projectName\":\"x\"}"), 403, "FORBIDDEN");
	/* A buyer-organization User may not write either. */
	expect_error("DELETE", itest_fmt(DEV "/%lld", st.dev4), st.buser, NULL,
	    403, "FORBIDDEN");
}

static void
x_content_type(void)
{
	struct itest_resp	 r;
	char			*b = fixed_body("{\"externalId\":\"Ct-1\"}");

	itest_request("POST", DEV, NULL, "text/plain", b, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 401, "UNAUTHORIZED");
	itest_resp_free(&r);
	itest_request("POST", DEV, st.oa1, "text/plain", b, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
	itest_resp_free(&r);
	/* Nothing was created. */
	itest_get(MY, st.oa1, &r);
	ITEST_ASSERT_R(&r, itest_count_str(r.json, "externalId", "Ct-1") == 0);
	itest_resp_free(&r);
	free(b);
}

static void
x_sql_injection(void)
{
	static const char addr[] = "x'); DROP TABLE device; --";
	static const char proj[] = "' OR '1'='1' -- \" ; SELECT * FROM user #";
	struct itest_resp	 r;
	char			*ja = itest_json_str(addr), *jp = itest_json_str(proj);
	char			*b;
	long long		 id;

	b = itest_fmt("{\"externalId\":\"Sqli-1\",\"address\":%s,"
	    "\"projectName\":%s}", ja, jp);
	post_device(st.oa1, fixed_body(b), &r);
	free(b);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_JSTR(&r, "address", addr);
	ITEST_ASSERT_JSTR(&r, "projectName", proj);
	id = itest_jint(&r, "id");
	itest_resp_free(&r);
	get_f(itest_fmt(DEV "/%lld", id), st.oa1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "address", addr);
	ITEST_ASSERT_JSTR(&r, "projectName", proj);
	itest_resp_free(&r);
	/* An injection attempt in a path and a filter is just a value. */
	send_f("PATCH", itest_fmt(DEV "/%s", "x'%20OR%20'1'='1"), st.oa1,
	    strdup("{\"projectName\":\"y\"}"), &r);
	ITEST_ASSERT_ERROR(&r, 404, "DEVICE_NOT_FOUND");
	itest_resp_free(&r);
	itest_get(MY "?country=IND'%20OR%20'1'='1", st.oa1, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_QUERY");
	itest_resp_free(&r);
	/* The table is still there. */
	itest_get(MY, st.oa1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, has_id(r.json, id));
	itest_resp_free(&r);
	free(ja);
	free(jp);
}

static void
x_field_types(void)
{
	struct itest_resp	 r;
	char			*imgs, *b, *ext;
	FILE			*m;
	size_t			 len;
	int			 i;

	m = open_memstream(&imgs, &len);
	fputc('[', m);
	for (i = 0; i < 51; i++)
		fprintf(m, "%s\"img%d\"", i ? "," : "", i);
	fputc(']', m);
	fclose(m);
	b = itest_fmt("{\"externalId\":\"Ft-1\",\"images\":%s}", imgs);
	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(b),
	    "INVALID_FIELD", "images", NULL);
	free(b);
	free(imgs);
	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(
	    "{\"externalId\":\"Ft-1\",\"SDGBenefits\":\"1\"}"),
	    "INVALID_FIELD", "SDGBenefits", NULL);
	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(
	    "{\"externalId\":\"Ft-1\",\"yieldValue\":1.5}"),
	    "INVALID_FIELD", "yieldValue", NULL);
	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(
	    "{\"externalId\":\"Ft-1\",\"capacity\":\"25\"}"),
	    "INVALID_FIELD", "capacity", NULL);
	ext = malloc(130);
	memset(ext, 'a', 129);
	ext[129] = '\0';
	b = itest_fmt("{\"externalId\":\"%s\"}", ext);
	expect_fields("POST", strdup(DEV), st.oa1, fixed_body(b),
	    "INVALID_FIELD", "externalId", NULL);
	free(b);
	/* 128 characters are allowed. */
	ext[128] = '\0';
	b = itest_fmt("{\"externalId\":\"%s\"}", ext);
	post_device(st.oa1, fixed_body(b), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "externalId", ext);
	itest_resp_free(&r);
	free(b);
	free(ext);
	/* None of the refused bodies created Ft-1. */
	itest_get(MY, st.oa1, &r);
	ITEST_ASSERT_R(&r, itest_count_str(r.json, "externalId", "Ft-1") == 0);
	itest_resp_free(&r);
}

static void
x_filter_errors(void)
{
	static const char *const routes[] = { MY, BUYER_LIST };
	const char	*tok[] = { st.oa1, st.bu1 };
	size_t		 i;

	for (i = 0; i < NELEM(routes); i++) {
		expect_fields("GET", itest_fmt("%s?country=XX", routes[i]),
		    tok[i], NULL, "INVALID_QUERY", "country", NULL);
		expect_fields("GET", itest_fmt("%s?gridInterconnection=maybe",
		    routes[i]), tok[i], NULL, "INVALID_QUERY",
		    "gridInterconnection", NULL);
		expect_fields("GET", itest_fmt("%s?start_date=2023-01-01"
		    "&end_date=2022-01-01", routes[i]), tok[i], NULL,
		    "INVALID_QUERY", "start_date", "end_date");
	}
}

static void
x_device_types(void)
{
	struct itest_resp	 r;

	/* Public: a bad token is ignored. */
	itest_get(DEV "/device-type", "not-a-token", &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, json_object_is_type(r.json, json_type_array) &&
	    itest_jlen(&r, "") == 31);
	ITEST_ASSERT_JSTR(&r, "0.code", "TC110");
	ITEST_ASSERT_JSTR(&r, "0.name", "PV Ground mounted");
	ITEST_ASSERT_JSTR(&r, "30.code", "T020001");
	itest_resp_free(&r);
}

static void
x_sdg_first(void)
{
	struct itest_resp	 r;

	itest_get("/api/sdgbenefit/code", NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_JSTR(&r, "0.name", "SDG1");
	ITEST_ASSERT_JSTR(&r, "0.value", "No Poverty");
	ITEST_ASSERT_R(&r, itest_olen(itest_jget(&r, "0"), "") == 2);
	ITEST_ASSERT_JSTR(&r, "16.name", "SDG17");
	itest_resp_free(&r);
}

/* ---- registration ---- */

static const struct {
	const char	*name;
	CU_TestFunc	 fn;
} vectors[] = {
	{ "v00 fixtures: D1, D2, B1, B2, a User of B1 and of D1",
	  v00_fixtures },
	{ "v01 seed body: 400 fuelCode, deviceTypeCode", v01_seed_body },
	{ "v02 fixed body: 201, the object of section 4", v02_fixed_body },
	{ "v03 \" UATDEVICEID14 \": 409 DEVICE_EXTERNAL_ID_TAKEN", v03_taken },
	{ "v04 fixed body as OA2: 201 in D2", v04_other_org },
	{ "v05 fixed body as BU1: 403", v05_buyer_forbidden },
	{ "v06 Dev-2: ind, 12.9716, E 77 35 40: 201", v06_coordinates },
	{ "v07 countryCode UK: 400", v07_country_uk },
	{ "v08 latitude 91, longitude ...N: 400", v08_bad_coordinates },
	{ "v09 externalId a/b: 400", v09_external_id_slash },
	{ "v10 capacity 0, energyStorageCapacity -1: 400", v10_capacity },
	{ "v11 commissioningDate tomorrow: 400", v11_tomorrow },
	{ "v12 timezone America/New_York for IND: 400", v12_timezone },
	{ "v13 Dev-4: date, offTaker, SDGBenefits normalised", v13_dev4 },
	{ "v14 Admin without organizationId: 400", v14_admin_no_org },
	{ "v15 Admin, organizationId B1: ORGANIZATION_NOT_DEVELOPER",
	  v15_admin_buyer_org },
	{ "v16 Admin, organizationId 999999: 404", v16_admin_no_such_org },
	{ "v17 Admin, organizationId D2: 201", v17_admin_d2 },
	{ "v18 GET /my: bare array, newest first", v18_my },
	{ "v19 GET /my?pagenumber=1: paged", v19_my_paged },
	{ "v20 GET /my?pagenumber=0: 400", v20_my_page0 },
	{ "v21 GET /my offTaker and country filters", v21_my_filters },
	{ "v22 GET D2's device as OA1: 404", v22_other_org_device },
	{ "v23 GET /api/device/abc: 400 INVALID_ID", v23_bad_id },
	{ "v24 BU1 sees the catalogue device Dev-2", v24_buyer_sees_catalogue },
	{ "v25 PATCH uatdeviceid14 projectName P2", v25_patch_project },
	{ "v26 PATCH Dev-2 externalId dev-4: 409", v26_patch_taken },
	{ "v27 PATCH Dev-2 externalId DEV-2: 200", v27_patch_case },
	{ "v28 PATCH DEV-2 with its GET body: unchanged", v28_patch_roundtrip },
	{ "v33 buyer list without a token: 401", v33_buyer_list_no_token },
	{ "v34 buyer list as BU1 (per organization)", v34_buyer_list },
	{ "v34b buyer list after a device (keyset cursor)",
	    v34b_buyer_list_after },
	{ "v35 buyer list as OA1: 403", v35_buyer_list_developer },
	{ "v36 buyer list min > max: 400", v36_buyer_list_min_max },
	{ "v37 buyer list, date-only range covers the day",
	  v37_buyer_list_dates },
	{ "v38 buyer list capacity=20", v38_buyer_list_capacity },
	{ "v39 DELETE DEV-2; then GET: 404", v39_delete },
	{ "v41 fuel types: 38, ES100 Solar first", v41_fuel_types },
	{ "v42 countries ?searchKeyWord=ind", v42_countries_ind },
	{ "v43 SDG benefits: 17, [8] SDG9", v43_sdg },
	{ "v44 externalId My: 400; PATCH /my: 405 Allow GET",
	  v44_literal_segment },
	{ "v45 countries ?searchKeyWord=BRA: Brazil, substring rule",
	  v45_countries_bra },
	{ "v46 organizationId matching nothing: empty", v46_org_filters },
	{ "v47 organization Users: buyer sees, developer 403", v47_org_users },
};

static const struct {
	const char	*name;
	CU_TestFunc	 fn;
} extras[] = {
	{ "PATCH null for required fields: 400 naming them",
	  x_patch_null_required },
	{ "PATCH projectName null clears it", x_patch_null_optional },
	{ "PATCH timezone = the main zone: updatedAt unchanged",
	  x_patch_main_timezone },
	{ "Admin PATCH by internalExternalId and by id", x_admin_patch },
	{ "OA2 on D1's device: GET/PATCH/DELETE 404", x_cross_organization },
	{ "buyer: GET /my, DELETE, PATCH: 403", x_buyer_forbidden },
	{ "POST text/plain: 401 without token, 415 with", x_content_type },
	{ "SQL-injection strings stored verbatim", x_sql_injection },
	{ "field types and limits: images, SDGBenefits, yield, capacity, "
	  "externalId", x_field_types },
	{ "list filter errors: country, gridInterconnection, dates",
	  x_filter_errors },
	{ "device types: 31, TC110 first, T020001 last", x_device_types },
	{ "SDG benefits [0]: SDG1 No Poverty", x_sdg_first },
};

static void
register_all(void)
{
	CU_pSuite	 s = itest_suite("devices.md section 8 test vectors");
	size_t		 i;

	for (i = 0; i < NELEM(vectors); i++)
		itest_add(s, vectors[i].name, vectors[i].fn);
	s = itest_suite("devices: beyond section 8");
	for (i = 0; i < NELEM(extras); i++)
		itest_add(s, extras[i].name, extras[i].fn);
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}
