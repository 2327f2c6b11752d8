/*
 * Buyer reservations (device groups): the test vectors of the spec's
 * reservations.md §11.  This file holds the shared fixture and helpers
 * and vectors 1-34 (create, lists, GET); test_reservations_more.c holds
 * vectors 35-55 (PATCH, end, cancel, the races), the checks beyond §11
 * and the seed requests.  Both files are one program (itest_reservations);
 * test_reservations_more.c includes this file's declaration part
 * (RS_DECLARATIONS_ONLY) so that the declarations exist only once.
 *
 * Fixture (§11), built with unique names, so the suite does not assume a
 * fresh database: every user is registered and logged in at the real
 * clock first (tokens then expire 30 days after the real now, later than
 * every instant the tests move the test clock to, so a login under a
 * later override never deletes them as expired sessions); then the test
 * clock is frozen at 2025-06-01T00:00:00.000Z and the devices and
 * reservation 9 are created.
 *   org 3  (Buyer): b1 (Buyer), sb1 (SubBuyer), bu (User)
 *   org 5  (Buyer): b2 (Buyer)
 *   org 10 (Developer): dev1 (OrganizationAdmin), du (User); devices
 *          #1 IND 10 kW, #3 KEN 5 kW, #4 IND 2.5 kW
 *   org 11 (Developer): dev2; device #2 IND 20 kW, member of reservation
 *          9 (org 5, named "Res9") for [2025-01-01, 2025-12-31)
 * Device ids are the server's; the spec's absent ids 998/999 are
 * 999999998/999999999 here.
 *
 * Isolation: each vector starts from the fixture ("after #3" rows create
 * #3 themselves).  Every reservation a test creates is recorded and
 * cancelled (as Admin) at the start of the next test, and the test clock
 * is put back to the fixture's now, so a failed test does not leak state.
 *
 * Issuer: R2 is "after one issuer pass at now".  POST /api/drec-issuer/run
 * is probed (without a token: 401 when routed, 404 when not) when the
 * tests are registered.  Without it R2 is used without the pass (no
 * vector run without the issuer depends on issuedThrough), and the
 * vectors that need a pass (#38's second half, #50) or a certificate
 * (#48) are not registered: they are reported through itest_skip, never
 * counted as passed.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "core/nelem.h"
#include "itest.h"

/* ================= declarations shared with test_reservations_more.c */

#define BR		"/api/buyer-reservation"
#define DG		"/api/device-group"
#define CLOCK		"/api/test/clock"
#define ISSUER_RUN	"/api/drec-issuer/run"
#define FIX_NOW		"2025-06-01T00:00:00.000Z"
#define PASSWORD	"Passw0rd1"
#define NO_DEV_A	999999998LL	/* ids of no device */
#define NO_DEV_B	999999999LL
#define T(f)		{ #f, f }

struct rs_test {
	const char	*name;
	CU_TestFunc	 fn;
};

struct rs_state {
	char		*admin, *b1, *sb1, *bu, *b2, *dev1, *du, *dev2;
	long long	 org3, org5, org10, org11;
	char		*org3_name;
	long long	 b1_id, admin_id;
	long long	 d1, d2, d3, d4;	/* the spec's #1 .. #4 */
	long long	 r9;			/* reservation 9 (org 5, #2) */
	char		*r9_uid;
	int		 issuer;		/* the issuer route exists */
	long		 issuer_probe;		/* what the probe answered */
};
extern struct rs_state rs;

/* The seed's 'Buyer Reservation' body, byte for byte. */
extern const char rs_seed_reservation[];

/* HTTP without CUnit (threads, probes): the status, 0 on a transport
 * failure; *out (if not NULL) the body, malloc'd. */
long	 rs_raw(const char *, const char *, const char *, const char *,
	    char **);

/* JSON bodies. */
char	*rs_merge(const char *, const char *);
char	*rs_v(const char *, ...) __attribute__((format(printf, 1, 2)));
#define V0	rs_v("{}")

/* Requests; path and body are freed.  A POST answered 201 is recorded
 * for cancelling. */
void	 rs_send(const char *, char *, const char *, char *,
	    struct itest_resp *);
void	 rs_get(char *, const char *, struct itest_resp *);
long long rs_create_at(const char *, unsigned int, const char *, const char *,
	    char *);
#define RS_CREATE(tok, body) \
	rs_create_at(__FILE__, __LINE__, BR, (tok), (body))
void	 rs_expect_at(const char *, unsigned int, const char *, char *,
	    const char *, char *, long, const char *);
#define RS_EXPECT(m, p, t, b, st, code) \
	rs_expect_at(__FILE__, __LINE__, (m), (p), (t), (b), (st), (code))
/* 400 with code, details.fields exactly the names, one sentence each. */
#define RS_EXPECT_FIELDS(m, p, t, b, code, ...) do {			\
	struct itest_resp rf_;						\
	rs_send((m), (p), (t), (b), &rf_);				\
	itest_check_error(&rf_, 400, (code), __FILE__, __LINE__);	\
	itest_check_fields(&rf_, 1, __FILE__, __LINE__, __VA_ARGS__, NULL); \
	itest_resp_free(&rf_);						\
} while (0)

/* State. */
void	 rs_track(long long);
void	 rs_fresh(void);
void	 rs_clock(const char *);
void	 rs_issuer_run(struct itest_resp *);
char	*rs_register(const char *, const char *, long long *, long long *,
	    char **);
char	*rs_add_user(long long, const char *, const char *);
long long rs_device(const char *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
long long rs_make_v3(void);
long long rs_make_r2(char **);
long long rs_group_id(long long, const char *);

/* Checks. */
int	 rs_jeq_at(const char *, unsigned int, const struct itest_resp *,
	    struct json_object *, const char *, const char *, ...)
	    __attribute__((format(printf, 6, 7)));
/* The value at path equals the JSON text (printf format). */
#define RS_JEQ(r, path, ...) \
	rs_jeq_at(__FILE__, __LINE__, (r), (r)->json, (path), __VA_ARGS__)
#define RS_OEQ(r, o, path, ...) \
	rs_jeq_at(__FILE__, __LINE__, (r), (o), (path), __VA_ARGS__)
int	 rs_num_text_at(const char *, unsigned int, const struct itest_resp *,
	    const char *, const char *);
/* The body prints key's number exactly as text. */
#define RS_NUM_TEXT(r, key, text) \
	rs_num_text_at(__FILE__, __LINE__, (r), (key), (text))
void	 rs_repr_at(const char *, unsigned int, const struct itest_resp *,
	    struct json_object *);
void	 rs_full_at(const char *, unsigned int, const struct itest_resp *,
	    struct json_object *);
void	 rs_restricted_at(const char *, unsigned int,
	    const struct itest_resp *, struct json_object *);
#define RS_REPR(r, o)		rs_repr_at(__FILE__, __LINE__, (r), (o))
#define RS_FULL(r, o)		rs_full_at(__FILE__, __LINE__, (r), (o))
#define RS_RESTRICTED(r, o)	rs_restricted_at(__FILE__, __LINE__, (r), (o))
void	 rs_page_at(const char *, unsigned int, const struct itest_resp *,
	    long long, long long);
/* A list envelope of §4: page p, totalCount c, the page's items. */
#define RS_PAGE(r, p, c)	rs_page_at(__FILE__, __LINE__, (r), (p), (c))
long long rs_count_at(const char *, unsigned int, const char *, char *);
/* GET path (freed) as tok: 200 and the list envelope; totalCount. */
#define RS_COUNT(tok, path)	rs_count_at(__FILE__, __LINE__, (tok), (path))
/* The item of array a whose id is id, or NULL. */
struct json_object *rs_item(struct json_object *, long long);

/* test_reservations_more.c */
void	 rs_more_register(void);

#ifndef RS_DECLARATIONS_ONLY
/* ======================================================= definitions */

struct rs_state	 rs;

const char rs_seed_reservation[] =
    "{\r\n"
    "    \"name\": \"UAT_Reservation_2\",\r\n"
    "    \"deviceIds\": [\r\n"
    "        60\r\n"
    "    ],\r\n"
    "    \"targetCapacityInMegaWattHour\": 100,\r\n"
    "    \"reservationStartDate\": \"2022-09-22T08:44:30.519Z\",\r\n"
    "    \"reservationEndDate\": \"2021-09-28T09:44:30.519Z\",\r\n"
    "    \"continueWithReservationIfOneOrMoreDevicesUnavailableForReservation"
    "\": false,\r\n"
    "    \"continueWithReservationIfTargetCapacityIsLessThanDeviceTotal"
    "CapacityBetweenDuration\": false,\r\n"
    "    \"authorityToExceed\": true,\r\n"
    "    \"frequency\": \"hourly\"\r\n"
    "}";

/* V of §11, deviceIds [#1]. */
static const char v_fmt[] =
    "{\"name\":\"R\",\"deviceIds\":[%lld],\"targetCapacityInMegaWattHour\":"
    "0.1,\"reservationStartDate\":\"2025-02-01T00:00:00.000Z\","
    "\"reservationEndDate\":\"2025-02-03T00:00:00.000Z\","
    "\"authorityToExceed\":true,\"frequency\":\"daily\"}";

/* The keys of the representation (§3.8). */
static const char *const repr_keys[] = {
	"id", "devicegroup_uid", "name", "organizationId", "buyerId",
	"buyerAddress", "blockchainAddress", "deviceIds", "fuelCode",
	"countryCode", "deviceTypeCodes", "offTakers", "SDGBenefits",
	"gridInterconnection", "aggregatedCapacity", "capacityRange",
	"commissioningDateRange", "frequency", "reservationStartDate",
	"reservationEndDate", "reservationExpiryDate",
	"targetVolumeInMegaWattHour", "targetVolumeInWattHour",
	"authorityToExceed",
	"targetVolumeCertificateGenerationRequestedInMegaWattHour",
	"targetVolumeCertificateGenerationSucceededInMegaWattHour",
	"targetVolumeCertificateGenerationFailedInMegaWattHour", "issuedWh",
	"certificateCount", "issuedThrough", "status", "reservationActive",
	"closed", "yieldValue", "leftoverReads", "leftoverReadsByCountryCode",
	"api_user_id", "createdAt", "updatedAt"
};

/* The restricted view (§4), exactly these keys. */
static const char *const restricted_keys[] = {
	"id", "devicegroup_uid", "name", "organizationId", "frequency",
	"reservationStartDate", "reservationEndDate", "reservationExpiryDate",
	"status", "reservationActive", "closed", "deviceIds", "devices"
};

/* The device object of devices.md §4. */
static const char *const device_keys[] = {
	"id", "externalId", "internalExternalId", "organizationId",
	"projectName", "address", "latitude", "longitude", "countryCode",
	"fuelCode", "deviceTypeCode", "capacity", "commissioningDate",
	"gridInterconnection", "offTaker", "yieldValue", "impactStory",
	"images", "deviceDescription", "energyStorage",
	"energyStorageCapacity", "qualityLabels", "SDGBenefits", "timezone",
	"meterReadtype", "groupId", "createdAt", "updatedAt"
};

static long long	 tracked[256];
static size_t		 ntracked;
static char		 clock_now[40];		/* "" = not set by us */

/* ---- raw HTTP ---- */

long
rs_raw(const char *method, const char *path, const char *tok,
    const char *body, char **out)
{
	return itest_raw(method, path, tok, body, NULL, out, NULL);
}

/* ---- JSON bodies ---- */

/* base with the top-level keys of patch set (a JSON null deletes). */
char *
rs_merge(const char *base, const char *patch)
{
	return itest_json_merge(base, patch);
}

/* V (deviceIds [#1]) changed by the patch (a printf format). */
char *
rs_v(const char *fmt, ...)
{
	va_list	 ap;
	char	*patch, *base, *s;

	va_start(ap, fmt);
	if (vasprintf(&patch, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	base = itest_fmt(v_fmt, rs.d1);
	s = rs_merge(base, patch);
	free(base);
	free(patch);
	return s;
}

/* ---- requests ---- */

void
rs_track(long long id)
{
	if (id > 0 && ntracked < NELEM(tracked))
		tracked[ntracked++] = id;
}

void
rs_send(const char *m, char *path, const char *tok, char *body,
    struct itest_resp *r)
{
	itest_request(m, path, tok, NULL, body, NULL, r);
	if (strcmp(m, "POST") == 0 && r->status == 201)
		rs_track(itest_jint(r, "id"));
	free(path);
	free(body);
}

void
rs_get(char *path, const char *tok, struct itest_resp *r)
{
	rs_send("GET", path, tok, NULL, r);
}

long long
rs_create_at(const char *file, unsigned int line, const char *path,
    const char *tok, char *body)
{
	struct itest_resp	 r;
	long long		 id;

	rs_send("POST", strdup(path), tok, body, &r);
	itest_check_status(&r, 201, 1, file, line);
	id = itest_jint(&r, "id");
	itest_check(id > 0, &r, "created reservation has an id", file, line,
	    1);
	itest_resp_free(&r);
	return id;
}

void
rs_expect_at(const char *file, unsigned int line, const char *m, char *path,
    const char *tok, char *body, long st, const char *code)
{
	struct itest_resp	 r;

	rs_send(m, path, tok, body, &r);
	itest_check_error(&r, st, code, file, line);
	itest_resp_free(&r);
}

/* ---- state ---- */

void
rs_clock(const char *now)
{
	struct itest_resp	 r;
	char			*b;

	ITEST_REQUIRE(rs.admin != NULL);
	b = itest_fmt("{\"now\":\"%s\"}", now);
	itest_put(CLOCK, rs.admin, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_JSTR(&r, "now", now);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "overridden") == 1);
	itest_resp_free(&r);
	free(b);
	snprintf(clock_now, sizeof(clock_now), "%s", now);
}

/*
 * The start of every test: the clock at the fixture's now, every
 * reservation that earlier tests created cancelled.
 */
void
rs_fresh(void)
{
	struct itest_resp	 r;
	size_t			 i;
	char			 what[96];

	ITEST_REQUIRE(rs.b1 != NULL && rs.b2 != NULL && rs.dev1 != NULL &&
	    rs.dev2 != NULL && rs.d1 > 0 && rs.d4 > 0 && rs.r9 > 0);
	if (strcmp(clock_now, FIX_NOW) != 0)
		rs_clock(FIX_NOW);
	for (i = 0; i < ntracked; i++) {
		rs_send("DELETE", itest_fmt(BR "/%lld", tracked[i]), rs.admin,
		    NULL, &r);
		snprintf(what, sizeof(what), "cleanup: cancel reservation "
		    "%lld (200, or 404 when already gone)", tracked[i]);
		itest_check(r.status == 200 || r.status == 404, &r, what,
		    __FILE__, __LINE__, 0);
		itest_resp_free(&r);
	}
	ntracked = 0;
}

void
rs_issuer_run(struct itest_resp *r)
{
	itest_post(ISSUER_RUN, rs.admin, "{}", r);
	ITEST_ASSERT_STATUS_FATAL(r, 200);
}

/* Registers a user with a new organization (at the current clock) and
 * logs in; the token, organization id, user id, organization name. */
char *
rs_register(const char *type, const char *tag, long long *org,
    long long *uid, char **orgname)
{
	struct itest_resp	 r;
	char			*email = itest_unique_email(tag);
	char			*name = itest_unique(tag), *b, *tok;

	b = itest_fmt("{\"firstName\":\"Res\",\"lastName\":\"Test\","
	    "\"email\":\"%s\",\"organizationType\":\"%s\",\"password\":\""
	    PASSWORD "\",\"confirmPassword\":\"" PASSWORD "\",\"orgName\":"
	    "\"%s\"}", email, type, name);
	itest_post("/api/user/register", NULL, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	*org = itest_jint(&r, "organization.id");
	ITEST_ASSERT_R(&r, *org > 0);
	if (uid != NULL)
		*uid = itest_jint(&r, "id");
	itest_resp_free(&r);
	tok = itest_login(email, PASSWORD);
	ITEST_REQUIRE(tok != NULL);
	if (orgname != NULL)
		*orgname = name;
	else
		free(name);
	free(email);
	free(b);
	return tok;
}

/* Admin A creates a user of role in org (users.md §4.12); the token. */
char *
rs_add_user(long long org, const char *role, const char *tag)
{
	struct itest_resp	 r;
	char			*email = itest_unique_email(tag), *b, *tok;

	b = itest_fmt("{\"firstName\":\"Res\",\"lastName\":\"Test\","
	    "\"email\":\"%s\",\"password\":\"" PASSWORD "\","
	    "\"confirmPassword\":\"" PASSWORD "\",\"role\":\"%s\","
	    "\"organizationId\":%lld}", email, role, org);
	itest_post("/api/admin/users", rs.admin, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_JSTR(&r, "role", role);
	itest_resp_free(&r);
	tok = itest_login(email, PASSWORD);
	ITEST_REQUIRE(tok != NULL);
	free(email);
	free(b);
	return tok;
}

/* A device of the caller's organization: a base body changed by the
 * patch (a printf format); its id. */
long long
rs_device(const char *tok, const char *fmt, ...)
{
	static const char base[] = "{\"externalId\":\"Res-Dev\",\"address\":"
	    "\"1 Test Road\",\"latitude\":\"12.9716\",\"longitude\":"
	    "\"77.5946\",\"countryCode\":\"IND\",\"fuelCode\":\"ES100\","
	    "\"deviceTypeCode\":\"TC110\",\"capacity\":10,\"commissioningDate\""
	    ":\"2022-08-15\",\"gridInterconnection\":true,\"offTaker\":"
	    "\"School\"}";
	struct itest_resp	 r;
	va_list			 ap;
	char			*patch, *b;
	long long		 id;

	va_start(ap, fmt);
	if (vasprintf(&patch, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	b = rs_merge(base, patch);
	itest_post("/api/device", tok, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	id = itest_jint(&r, "id");
	ITEST_ASSERT_R(&r, id > 0);
	itest_resp_free(&r);
	free(b);
	free(patch);
	return id;
}

/* Vector 3: b1 creates V; its id. */
long long
rs_make_v3(void)
{
	return RS_CREATE(rs.b1, V0);
}

/*
 * R2 (§11): org 3's daily reservation of #3 for [2025-05-01,
 * 2025-08-01), target 0.1, authorityToExceed true, default expiry
 * 2025-09-30, after one issuer pass at now when the issuer exists.
 */
long long
rs_make_r2(char **uid)
{
	struct itest_resp	 r;
	long long		 id;
	char			*b;

	b = itest_fmt("{\"name\":\"R2\",\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":0.1,\"reservationStartDate\":"
	    "\"2025-05-01T00:00:00.000Z\",\"reservationEndDate\":"
	    "\"2025-08-01T00:00:00.000Z\",\"authorityToExceed\":true,"
	    "\"frequency\":\"daily\"}", rs.d3);
	rs_send("POST", strdup(BR), rs.b1, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	id = itest_jint(&r, "id");
	ITEST_ASSERT_R_FATAL(&r, id > 0);
	ITEST_ASSERT_JSTR(&r, "reservationExpiryDate",
	    "2025-09-30T00:00:00.000Z");
	if (uid != NULL)
		*uid = strdup(itest_jstr(&r, "devicegroup_uid") ?
		    itest_jstr(&r, "devicegroup_uid") : "");
	itest_resp_free(&r);
	if (rs.issuer) {
		rs_issuer_run(&r);
		itest_resp_free(&r);
		rs_get(itest_fmt(BR "/%lld", id), rs.b1, &r);
		ITEST_ASSERT_STATUS(&r, 200);
		ITEST_ASSERT_JSTR(&r, "issuedThrough",
		    "2025-05-31T00:00:00.000Z");
		ITEST_ASSERT_JSTR(&r, "status", "active");
		ITEST_ASSERT_JINT(&r, "certificateCount", 0);
		itest_resp_free(&r);
	}
	return id;
}

/* The device's groupId as tok sees it: 0 for null, -1 if not a number. */
long long
rs_group_id(long long dev, const char *tok)
{
	struct itest_resp	 r;
	long long		 g;

	rs_get(itest_fmt("/api/device/%lld", dev), tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	g = itest_jisnull(&r, "groupId") ? 0 : itest_jtype(&r, "groupId") ==
	    json_type_int ? itest_jint(&r, "groupId") : -1;
	itest_resp_free(&r);
	return g;
}

/* ---- checks ---- */

int
rs_jeq_at(const char *file, unsigned int line, const struct itest_resp *r,
    struct json_object *o, const char *path, const char *fmt, ...)
{
	struct json_object	*want, *got;
	va_list			 ap;
	char			*text, what[512];
	int			 ok;

	va_start(ap, fmt);
	if (vasprintf(&text, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	if ((want = json_tokener_parse(text)) == NULL &&
	    strcmp(text, "null") != 0) {
		fprintf(stderr, "bad test JSON: %s\n", text);
		exit(2);
	}
	got = itest_oget(o, path);
	ok = itest_otype(o, path) >= 0 && json_object_equal(got, want);
	snprintf(what, sizeof(what), "%s == %s (got %s)", path, text,
	    itest_otype(o, path) < 0 ? "nothing" :
	    json_object_to_json_string_ext(got, JSON_C_TO_STRING_PLAIN));
	itest_check(ok, r, what, file, line, 0);
	json_object_put(want);
	free(text);
	return ok;
}

int
rs_num_text_at(const char *file, unsigned int line,
    const struct itest_resp *r, const char *key, const char *text)
{
	char		*k = itest_fmt("\"%s\":", key), what[160];
	const char	*p = strstr(r->body, k);
	size_t		 n = strlen(text);
	int		 ok = 0;

	if (p != NULL) {
		for (p += strlen(k); *p == ' '; p++)
			;
		ok = strncmp(p, text, n) == 0 && strchr(",} \r\n", p[n]) !=
		    NULL && p[n] != '\0';
	}
	snprintf(what, sizeof(what), "the body prints %s as %s", key, text);
	free(k);
	return itest_check(ok, r, what, file, line, 0);
}

/* A number (integer or not) at path; 0 if it is not one. */
static int
num_at(struct json_object *o, const char *path, double *v)
{
	o = itest_oget(o, path);
	if (!json_object_is_type(o, json_type_int) &&
	    !json_object_is_type(o, json_type_double))
		return 0;
	*v = json_object_get_double(o);
	return 1;
}

/* An array of distinct strings in byte order. */
static int
sorted_strings(struct json_object *a)
{
	size_t	 i;

	if (!json_object_is_type(a, json_type_array))
		return 0;
	for (i = 0; i < json_object_array_length(a); i++) {
		if (!json_object_is_type(json_object_array_get_idx(a, i),
		    json_type_string))
			return 0;
		if (i > 0 && strcmp(json_object_get_string(
		    json_object_array_get_idx(a, i - 1)),
		    json_object_get_string(json_object_array_get_idx(a, i))) >=
		    0)
			return 0;
	}
	return 1;
}

/* A non-empty array of integers in ascending order, no duplicates. */
static int
ascending_ids(struct json_object *a)
{
	size_t	 i;

	if (!json_object_is_type(a, json_type_array) ||
	    json_object_array_length(a) == 0)
		return 0;
	for (i = 0; i < json_object_array_length(a); i++) {
		if (!json_object_is_type(json_object_array_get_idx(a, i),
		    json_type_int) || json_object_get_int64(
		    json_object_array_get_idx(a, i)) < 1)
			return 0;
		if (i > 0 && json_object_get_int64(json_object_array_get_idx(a,
		    i - 1)) >= json_object_get_int64(
		    json_object_array_get_idx(a, i)))
			return 0;
	}
	return 1;
}

/* A UUID v4 in lower case. */
static int
is_uuid4(const char *u)
{
	return u != NULL && strlen(u) == 36 && u[8] == '-' && u[13] == '-' &&
	    u[18] == '-' && u[23] == '-' && u[14] == '4' &&
	    strspn(u, "0123456789abcdef-") == 36;
}

#define CHK(cond, what)	itest_check(!!(cond), r, (what), file, line, 0)

void
rs_repr_at(const char *file, unsigned int line, const struct itest_resp *r,
    struct json_object *o)
{
	static const char *const lists[] = { "fuelCode", "countryCode",
	    "deviceTypeCodes", "offTakers", "SDGBenefits" };
	static const char *const ranges[] = { "0.1W - 1kW", "1.01kW - 50kW",
	    "51kW - 500kW", "500kW - 5MW", "5MW+" };
	const char	*s, *st, *ba, *bc;
	char		 what[160], *want;
	double		 d, wh;
	size_t		 i;
	int		 ok;

	for (i = 0; i < NELEM(repr_keys); i++) {
		snprintf(what, sizeof(what), "representation key %s present",
		    repr_keys[i]);
		CHK(itest_ohas(o, repr_keys[i]), what);
	}
	CHK(itest_otype(o, "id") == json_type_int && itest_oint(o, "id") > 0,
	    "id is a positive integer");
	CHK(is_uuid4(itest_ostr(o, "devicegroup_uid")),
	    "devicegroup_uid is a lower-case UUID v4");
	CHK(itest_otype(o, "organizationId") == json_type_int &&
	    itest_otype(o, "buyerId") == json_type_int,
	    "organizationId, buyerId integers");
	CHK(ascending_ids(itest_oget(o, "deviceIds")),
	    "deviceIds ascending integers");
	for (i = 0; i < NELEM(lists); i++) {
		snprintf(what, sizeof(what), "%s: distinct strings in byte "
		    "order", lists[i]);
		CHK(sorted_strings(itest_oget(o, lists[i])), what);
	}
	CHK(itest_otype(o, "gridInterconnection") == json_type_boolean,
	    "gridInterconnection boolean");
	CHK(num_at(o, "aggregatedCapacity", &d) && d > 0,
	    "aggregatedCapacity a positive number");
	s = itest_ostr(o, "capacityRange");
	for (ok = 0, i = 0; s != NULL && i < NELEM(ranges); i++)
		ok |= strcmp(s, ranges[i]) == 0;
	CHK(ok, "capacityRange one of the five labels");
	CHK(itest_otype(o, "commissioningDateRange") == json_type_array &&
	    itest_olen(o, "commissioningDateRange") > 0,
	    "commissioningDateRange a non-empty array");
	s = itest_ostr(o, "frequency");
	CHK(s != NULL && (!strcmp(s, "hourly") || !strcmp(s, "daily") ||
	    !strcmp(s, "weekly") || !strcmp(s, "monthly") ||
	    !strcmp(s, "quarterly")), "frequency lower-case, one of five");
	CHK(itest_is_instant(itest_ostr(o, "reservationStartDate")) &&
	    itest_is_instant(itest_ostr(o, "reservationEndDate")) &&
	    itest_is_instant(itest_ostr(o, "reservationExpiryDate")) &&
	    itest_is_instant(itest_ostr(o, "createdAt")) &&
	    itest_is_instant(itest_ostr(o, "updatedAt")),
	    "dates are instants with milliseconds, UTC");
	CHK(itest_ostr(o, "reservationStartDate") != NULL &&
	    itest_ostr(o, "reservationEndDate") != NULL &&
	    itest_ostr(o, "reservationExpiryDate") != NULL &&
	    strcmp(itest_ostr(o, "reservationStartDate"),
	    itest_ostr(o, "reservationEndDate")) <= 0 &&
	    strcmp(itest_ostr(o, "reservationEndDate"),
	    itest_ostr(o, "reservationExpiryDate")) <= 0,
	    "start <= end <= expiry");
	CHK(itest_otype(o, "targetVolumeInWattHour") == json_type_int &&
	    itest_oint(o, "targetVolumeInWattHour") >= 1,
	    "targetVolumeInWattHour an integer >= 1");
	CHK(num_at(o, "targetVolumeInMegaWattHour", &d) &&
	    fabs(d - itest_oint(o, "targetVolumeInWattHour") / 1e6) < 1e-9,
	    "targetVolumeInMegaWattHour = targetVolumeInWattHour / 10^6");
	CHK(itest_otype(o, "authorityToExceed") == json_type_boolean,
	    "authorityToExceed boolean");
	CHK(itest_otype(o, "issuedWh") == json_type_int &&
	    itest_oint(o, "issuedWh") >= 0, "issuedWh an integer");
	wh = (double)itest_oint(o, "issuedWh") / 1e6;
	CHK(num_at(o, "targetVolumeCertificateGenerationRequestedInMegaWatt"
	    "Hour", &d) && fabs(d - wh) < 1e-9 && num_at(o,
	    "targetVolumeCertificateGenerationSucceededInMegaWattHour", &d) &&
	    fabs(d - wh) < 1e-9, "Requested = Succeeded = issuedWh / 10^6");
	CHK(num_at(o, "targetVolumeCertificateGenerationFailedInMegaWattHour",
	    &d) && d == 0, "Failed = 0");
	CHK(itest_otype(o, "certificateCount") == json_type_int &&
	    itest_oint(o, "certificateCount") >= 0, "certificateCount");
	CHK(itest_oisnull(o, "issuedThrough") ||
	    itest_is_instant(itest_ostr(o, "issuedThrough")),
	    "issuedThrough null or an instant");
	st = itest_ostr(o, "status");
	CHK(st != NULL && (!strcmp(st, "active") || !strcmp(st, "ended") ||
	    !strcmp(st, "completed")), "status active, ended or completed");
	CHK(itest_obool(o, "reservationActive") == (st != NULL &&
	    !strcmp(st, "active")), "reservationActive = (status = active)");
	CHK(itest_otype(o, "closed") == json_type_boolean, "closed boolean");
	CHK(itest_otype(o, "yieldValue") == json_type_int &&
	    itest_oint(o, "yieldValue") == 1000, "yieldValue 1000 (integer)");
	CHK(itest_otype(o, "leftoverReads") == json_type_int &&
	    itest_oint(o, "leftoverReads") == 0, "leftoverReads 0");
	CHK(itest_otype(o, "leftoverReadsByCountryCode") ==
	    json_type_object && itest_olen(o, "leftoverReadsByCountryCode") ==
	    0, "leftoverReadsByCountryCode {}");
	CHK(itest_oisnull(o, "api_user_id"), "api_user_id null");
	ba = itest_ostr(o, "buyerAddress");
	bc = itest_ostr(o, "blockchainAddress");
	want = bc != NULL ? strdup(bc) : itest_fmt("org:%lld",
	    itest_oint(o, "organizationId"));
	CHK((bc != NULL || itest_oisnull(o, "blockchainAddress")) &&
	    ba != NULL && strcmp(ba, want) == 0,
	    "buyerAddress = blockchainAddress, else org:<organizationId>");
	free(want);
}

/* A device object of devices.md §4 plus membershipStart/End. */
static void
member_device_at(const char *file, unsigned int line,
    const struct itest_resp *r, struct json_object *d, long long id)
{
	char		 what[96];
	const char	*ms = itest_ostr(d, "membershipStart");
	const char	*me = itest_ostr(d, "membershipEnd");
	size_t		 i;

	for (i = 0; i < NELEM(device_keys); i++) {
		snprintf(what, sizeof(what), "device key %s present",
		    device_keys[i]);
		CHK(itest_ohas(d, device_keys[i]), what);
	}
	snprintf(what, sizeof(what), "device id %lld", id);
	CHK(itest_oint(d, "id") == id, what);
	CHK(itest_is_instant(ms) && itest_is_instant(me) && strcmp(ms, me) <=
	    0, "membershipStart <= membershipEnd, instants");
}

/* devices: one per deviceIds entry, in that order. */
static void
devices_at(const char *file, unsigned int line, const struct itest_resp *r,
    struct json_object *o)
{
	struct json_object	*ids = itest_oget(o, "deviceIds");
	size_t			 i, n = itest_olen(o, "deviceIds");

	if (!CHK(itest_otype(o, "devices") == json_type_array &&
	    itest_olen(o, "devices") == n, "devices: one per deviceIds entry"))
		return;
	for (i = 0; i < n; i++)
		member_device_at(file, line, r, json_object_array_get_idx(
		    itest_oget(o, "devices"), i), json_object_get_int64(
		    json_object_array_get_idx(ids, i)));
}

void
rs_full_at(const char *file, unsigned int line, const struct itest_resp *r,
    struct json_object *o)
{
	rs_repr_at(file, line, r, o);
	CHK(itest_otype(o, "organization") == json_type_object &&
	    itest_oint(o, "organization.id") == itest_oint(o,
	    "organizationId") && itest_ostr(o, "organization.name") != NULL,
	    "organization {id, name}");
	devices_at(file, line, r, o);
}

void
rs_restricted_at(const char *file, unsigned int line,
    const struct itest_resp *r, struct json_object *o)
{
	char	 what[96];
	size_t	 i;

	for (i = 0; i < NELEM(restricted_keys); i++) {
		snprintf(what, sizeof(what), "restricted key %s present",
		    restricted_keys[i]);
		CHK(itest_ohas(o, restricted_keys[i]), what);
	}
	CHK(json_object_is_type(o, json_type_object) &&
	    (size_t)json_object_object_length(o) == NELEM(restricted_keys),
	    "the restricted view has exactly its 13 keys (no target, owner "
	    "address or buyer user)");
	CHK(!itest_ohas(o, "targetVolumeInMegaWattHour") &&
	    !itest_ohas(o, "buyerAddress") && !itest_ohas(o, "buyerId") &&
	    !itest_ohas(o, "blockchainAddress"),
	    "no target, buyerAddress, buyerId, blockchainAddress");
	CHK(ascending_ids(itest_oget(o, "deviceIds")),
	    "deviceIds ascending integers");
	devices_at(file, line, r, o);
}

void
rs_page_at(const char *file, unsigned int line, const struct itest_resp *r,
    long long page, long long total)
{
	long long	 left = total - (page - 1) * 10;
	size_t		 want = left > 10 ? 10 : left > 0 ? (size_t)left : 0;
	char		 what[160];

	snprintf(what, sizeof(what), "envelope: pageNumber %lld, totalPages "
	    "%lld, totalCount %lld, %zu item(s) in groupedData", page,
	    (total + 9) / 10, total, want);
	CHK(r->status == 200 && itest_jtype(r, "groupedData") ==
	    json_type_array && itest_jlen(r, "groupedData") == want &&
	    itest_jtype(r, "pageNumber") == json_type_int &&
	    itest_jint(r, "pageNumber") == page &&
	    itest_jtype(r, "totalPages") == json_type_int &&
	    itest_jint(r, "totalPages") == (total + 9) / 10 &&
	    itest_jtype(r, "totalCount") == json_type_int &&
	    itest_jint(r, "totalCount") == total, what);
}

#undef CHK

long long
rs_count_at(const char *file, unsigned int line, const char *tok,
    char *path)
{
	struct itest_resp	 r;
	long long		 n;

	rs_get(path, tok, &r);
	itest_check_status(&r, 200, 0, file, line);
	n = itest_jtype(&r, "totalCount") == json_type_int ?
	    itest_jint(&r, "totalCount") : -1;
	itest_check(n >= 0 && itest_jtype(&r, "groupedData") ==
	    json_type_array && itest_jtype(&r, "pageNumber") == json_type_int &&
	    itest_jint(&r, "totalPages") == (n + 9) / 10, &r,
	    "list envelope: groupedData, pageNumber, totalPages, totalCount",
	    file, line, 0);
	itest_resp_free(&r);
	return n;
}

struct json_object *
rs_item(struct json_object *a, long long id)
{
	long	 i = itest_find_int(a, "id", id);

	return i < 0 ? NULL : json_object_array_get_idx(a, (size_t)i);
}

/* ---- fixture ---- */

static void
t00_fixture(void)
{
	struct itest_resp	 r;
	struct json_object	*p;
	long long		 exp;
	char			*b;

	/* Admin A at the real clock (a leftover override cleared). */
	rs.admin = itest_admin_token();
	ITEST_REQUIRE(rs.admin != NULL);
	itest_put(CLOCK, rs.admin, "{\"now\":null}", &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	itest_resp_free(&r);
	free(rs.admin);
	rs.admin = itest_admin_token();
	ITEST_REQUIRE(rs.admin != NULL);
	itest_get("/api/user/me", rs.admin, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	rs.admin_id = itest_jint(&r, "id");
	itest_resp_free(&r);

	rs.b1 = rs_register("buyer", "rsb1", &rs.org3, &rs.b1_id,
	    &rs.org3_name);
	rs.b2 = rs_register("buyer", "rsb2", &rs.org5, NULL, NULL);
	rs.dev1 = rs_register("developer", "rsd1", &rs.org10, NULL, NULL);
	rs.dev2 = rs_register("developer", "rsd2", &rs.org11, NULL, NULL);
	rs.sb1 = rs_add_user(rs.org3, "SubBuyer", "rssb1");
	rs.bu = rs_add_user(rs.org3, "User", "rsbu");
	rs.du = rs_add_user(rs.org10, "User", "rsdu");
	/* The tokens outlive every instant the tests move the clock to. */
	p = itest_jwt_payload(rs.b1);
	exp = json_object_get_int64(itest_oget(p, "exp"));
	json_object_put(p);
	ITEST_REQUIRE(exp > itest_parse_instant("2025-10-02T00:00:00.000Z"));

	rs_clock(FIX_NOW);
	rs.d1 = rs_device(rs.dev1, "{\"externalId\":\"Res-1\",\"capacity\":10,"
	    "\"commissioningDate\":\"2022-08-15\",\"SDGBenefits\":[\"SDG7\"]}");
	rs.d3 = rs_device(rs.dev1, "{\"externalId\":\"Res-3\",\"countryCode\":"
	    "\"KEN\",\"capacity\":5,\"fuelCode\":\"ES200\",\"deviceTypeCode\":"
	    "\"TC210\",\"offTaker\":\"Health Facility\",\"commissioningDate\":"
	    "\"2025-02-20\",\"SDGBenefits\":[\"SDG1\"],\"latitude\":\"-1.29\","
	    "\"longitude\":\"36.82\"}");
	rs.d4 = rs_device(rs.dev1, "{\"externalId\":\"Res-4\",\"capacity\":2.5,"
	    "\"deviceTypeCode\":\"TC120\",\"gridInterconnection\":false,"
	    "\"commissioningDate\":\"2010-01-01\"}");
	rs.d2 = rs_device(rs.dev2, "{\"externalId\":\"Res-2\",\"capacity\":20,"
	    "\"commissioningDate\":\"2020-01-01\"}");
	CU_ASSERT(rs.d1 < rs.d3 && rs.d3 < rs.d4);

	/* Reservation 9: org 5's, of #2, [2025-01-01, 2025-12-31). */
	b = itest_fmt("{\"name\":\"Res9\",\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":0.1,\"reservationStartDate\":"
	    "\"2025-01-01T00:00:00.000Z\",\"reservationEndDate\":"
	    "\"2025-12-31T00:00:00.000Z\",\"authorityToExceed\":true,"
	    "\"frequency\":\"daily\"}", rs.d2);
	itest_post(BR, rs.b2, b, &r);
	free(b);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	rs.r9 = itest_jint(&r, "id");
	rs.r9_uid = strdup(itest_jstr(&r, "devicegroup_uid") ?
	    itest_jstr(&r, "devicegroup_uid") : "");
	ITEST_ASSERT_JINT(&r, "organizationId", rs.org5);
	itest_resp_free(&r);
	ITEST_REQUIRE(rs.r9 > 0);
}

/* ---- §11 vectors 1-34 ---- */

/* #1: create V, no token: 401. */
static void
v01_no_token(void)
{
	rs_fresh();
	RS_EXPECT("POST", strdup(BR), NULL, V0, 401, "UNAUTHORIZED");
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(BR "/my")), 0);
}

/* #2: create V as sb1; as dev1: 403 (also bu and du). */
static void
v02_roles(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.sb1, V0, &r);
	ITEST_ASSERT_ERROR(&r, 403, "FORBIDDEN");
	ITEST_ASSERT_R(&r, itest_message_has(&r, "SubBuyer"));
	itest_resp_free(&r);
	rs_send("POST", strdup(BR), rs.dev1, V0, &r);
	ITEST_ASSERT_ERROR(&r, 403, "FORBIDDEN");
	ITEST_ASSERT_R(&r, itest_message_has(&r, "OrganizationAdmin"));
	itest_resp_free(&r);
	RS_EXPECT("POST", strdup(BR), rs.bu, V0, 403, "FORBIDDEN");
	RS_EXPECT("POST", strdup(BR), rs.du, V0, 403, "FORBIDDEN");
	/* The role check precedes the body's. */
	RS_EXPECT("POST", strdup(BR), rs.sb1, strdup("{}"), 403, "FORBIDDEN");
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(BR "/my")), 0);
}

/* Vector 3's facts about V's 201 (also #4). */
static void
check_v(const struct itest_resp *r)
{
	RS_REPR(r, r->json);
	ITEST_ASSERT_JSTR(r, "name", "R");
	ITEST_ASSERT_JINT(r, "organizationId", rs.org3);
	ITEST_ASSERT_JINT(r, "buyerId", rs.b1_id);
	RS_JEQ(r, "deviceIds", "[%lld]", rs.d1);
	RS_JEQ(r, "countryCode", "[\"IND\"]");
	RS_JEQ(r, "fuelCode", "[\"ES100\"]");
	RS_JEQ(r, "deviceTypeCodes", "[\"TC110\"]");
	RS_JEQ(r, "offTakers", "[\"School\"]");
	RS_JEQ(r, "SDGBenefits", "[\"Affordable and Clean Energy\"]");
	RS_JEQ(r, "gridInterconnection", "true");
	RS_JEQ(r, "aggregatedCapacity", "10");
	ITEST_ASSERT_JSTR(r, "capacityRange", "1.01kW - 50kW");
	/* 2022-08-15 + 33 months <= now < + 34 months: operating year 3. */
	RS_JEQ(r, "commissioningDateRange", "[\"Year 3\"]");
	ITEST_ASSERT_JSTR(r, "frequency", "daily");
	ITEST_ASSERT_JSTR(r, "reservationStartDate",
	    "2025-02-01T00:00:00.000Z");
	ITEST_ASSERT_JSTR(r, "reservationEndDate", "2025-02-03T00:00:00.000Z");
	/* max(end, now) + 60 days */
	ITEST_ASSERT_JSTR(r, "reservationExpiryDate",
	    "2025-07-31T00:00:00.000Z");
	RS_JEQ(r, "targetVolumeInMegaWattHour", "0.1");
	ITEST_ASSERT_JINT(r, "targetVolumeInWattHour", 100000);
	RS_JEQ(r, "authorityToExceed", "true");
	ITEST_ASSERT_JSTR(r, "status", "active");
	RS_JEQ(r, "reservationActive", "true");
	RS_JEQ(r, "closed", "false");
	RS_JEQ(r, "buyerAddress", "\"org:%lld\"", rs.org3);
	RS_JEQ(r, "blockchainAddress", "null");
	ITEST_ASSERT_JINT(r, "issuedWh", 0);
	ITEST_ASSERT_JINT(r, "certificateCount", 0);
	RS_JEQ(r, "issuedThrough", "null");
	ITEST_ASSERT_JSTR(r, "createdAt", FIX_NOW);
	ITEST_ASSERT_JSTR(r, "updatedAt", FIX_NOW);
	RS_JEQ(r, "skippedDeviceIds", "[]");
	ITEST_ASSERT_JSTR(r,
	    "unavailableDeviceIDsDueToAreIncludedInBuyerReservation", "");
}

/* #3: create V: 201 and the representation of §3.8. */
static void
v03_create(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1, V0, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	check_v(&r);
	itest_resp_free(&r);
}

/* #4: POST /api/device-group with V: 201, as #3. */
static void
v04_alias(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(DG), rs.b1, V0, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	check_v(&r);
	itest_resp_free(&r);
}

/* #5: the seed's Buyer Reservation body to /api/device-group: 400
 * RESERVATION_END_BEFORE_START, the message naming both values (before
 * device 60 is looked up, before the age check). */
static void
v05_seed_body(void)
{
	struct itest_resp	 r;

	rs_fresh();
	itest_post(DG, rs.b1, rs_seed_reservation, &r);
	ITEST_ASSERT_ERROR(&r, 400, "RESERVATION_END_BEFORE_START");
	ITEST_ASSERT_R(&r, itest_message_has(&r, "2022-09-22T08:44:30.519Z") &&
	    itest_message_has(&r, "2021-09-28T09:44:30.519Z"));
	itest_resp_free(&r);
}

/* #6: V with end = start. */
static void
v06_end_equals_start(void)
{
	rs_fresh();
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"reservationEndDate\":"
	    "\"2025-02-01T00:00:00.000Z\"}"), 400,
	    "RESERVATION_END_BEFORE_START");
}

/* #7: {}: the 6 required fields, in table order. */
static void
v07_empty(void)
{
	rs_fresh();
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1, strdup("{}"),
	    "INVALID_FIELD", "name", "deviceIds",
	    "targetCapacityInMegaWattHour", "reservationStartDate",
	    "reservationEndDate", "frequency");
}

/* #8: start absent; 2025-02-30; a number. */
static void
v08_bad_start(void)
{
	rs_fresh();
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"reservationStartDate\":null}"), "INVALID_FIELD",
	    "reservationStartDate");
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"reservationStartDate\":\"2025-02-30T00:00:00Z\"}"),
	    "INVALID_FIELD", "reservationStartDate");
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"reservationStartDate\":1738368000000}"), "INVALID_FIELD",
	    "reservationStartDate");
}

/* #9: frequency "Monthly": 201, stored "monthly"; "yearly": 400. */
static void
v09_frequency(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"frequency\":\"Monthly\"}"),
	    &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "frequency", "monthly");
	itest_resp_free(&r);
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"frequency\":\"yearly\"}"), "INVALID_FIELD", "frequency");
}

/* #10: target 0, -1, "5" or absent. */
static void
v10_target(void)
{
	static const char *const bad[] = { "0", "-1", "\"5\"", "null" };
	size_t	 i;

	rs_fresh();
	for (i = 0; i < NELEM(bad); i++)
		RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
		    rs_v("{\"targetCapacityInMegaWattHour\":%s}", bad[i]),
		    "INVALID_FIELD", "targetCapacityInMegaWattHour");
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(BR "/my")), 0);
}

/* #11: deviceIds [], [0], [1.5], ["1"] or 5. */
static void
v11_device_ids(void)
{
	static const char *const bad[] = { "[]", "[0]", "[1.5]", "[\"1\"]",
	    "5" };
	size_t	 i;

	rs_fresh();
	for (i = 0; i < NELEM(bad); i++)
		RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
		    rs_v("{\"deviceIds\":%s}", bad[i]), "INVALID_FIELD",
		    "deviceIds");
}

/* #12: deviceIds [1,1,1]: 201, deviceIds [1]. */
static void
v12_duplicates(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld,%lld,"
	    "%lld]}", rs.d1, rs.d1, rs.d1), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	RS_JEQ(&r, "deviceIds", "[%lld]", rs.d1);
	RS_JEQ(&r, "aggregatedCapacity", "10");
	itest_resp_free(&r);
}

/* #13: start 1 ms before now - 3 years: 400 TOO_OLD; at it: 201. */
static void
v13_too_old(void)
{
	struct itest_resp	 r;

	rs_fresh();
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"reservationStartDate\":"
	    "\"2022-05-31T23:59:59.999Z\"}"), 400, "RESERVATION_DATE_TOO_OLD");
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"reservationStartDate\":"
	    "\"2022-06-01T00:00:00.000Z\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "reservationStartDate",
	    "2022-06-01T00:00:00.000Z");
	itest_resp_free(&r);
}

/* #14: end 1 ms after now + 10 years: 400 TOO_FAR (at it: 201). */
static void
v14_too_far(void)
{
	struct itest_resp	 r;

	rs_fresh();
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"reservationEndDate\":"
	    "\"2035-06-01T00:00:00.001Z\"}"), 400, "RESERVATION_DATE_TOO_FAR");
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"reservationEndDate\":"
	    "\"2035-06-01T00:00:00.000Z\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2035-06-01T00:00:00.000Z");
	/* max(end, now) + 60 days */
	ITEST_ASSERT_JSTR(&r, "reservationExpiryDate",
	    "2035-07-31T00:00:00.000Z");
	itest_resp_free(&r);
}

/* #15: expiry before end: 400; expiry = end: 201. */
static void
v15_expiry(void)
{
	struct itest_resp	 r;

	rs_fresh();
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"reservationExpiryDate\":"
	    "\"2025-02-02T00:00:00Z\"}"), 400, "RESERVATION_EXPIRY_BEFORE_END");
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"reservationExpiryDate\":"
	    "\"2025-02-03T00:00:00.000Z\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "reservationExpiryDate",
	    "2025-02-03T00:00:00.000Z");
	itest_resp_free(&r);
}

/* #16: unknown devices: 404 DEVICE_NOT_FOUND, details.deviceIds
 * ascending, whatever the flags. */
static void
v16_unknown_devices(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld,%lld,"
	    "%lld],\"continueWithReservationIfOneOrMoreDevicesUnavailableFor"
	    "Reservation\":true}", rs.d1, NO_DEV_B, NO_DEV_A), &r);
	ITEST_ASSERT_ERROR(&r, 404, "DEVICE_NOT_FOUND");
	RS_JEQ(&r, "details.deviceIds", "[%lld,%lld]", NO_DEV_A, NO_DEV_B);
	itest_resp_free(&r);
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld,%lld]}",
	    NO_DEV_B, rs.d1), &r);
	ITEST_ASSERT_ERROR(&r, 404, "DEVICE_NOT_FOUND");
	RS_JEQ(&r, "details.deviceIds", "[%lld]", NO_DEV_B);
	itest_resp_free(&r);
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(BR "/my")), 0);
}

/* #17: #2 reserved by reservation 9: 409 naming the device, never the
 * other reservation; the device itself is not visible to b1. */
static void
v17_reserved(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld]}",
	    rs.d2), &r);
	ITEST_ASSERT_ERROR(&r, 409, "DEVICE_ALREADY_RESERVED");
	RS_JEQ(&r, "details.deviceIds", "[%lld]", rs.d2);
	ITEST_ASSERT_R(&r, strstr(r.body, rs.r9_uid) == NULL &&
	    strstr(r.body, "Res9") == NULL);
	itest_resp_free(&r);
	RS_EXPECT("GET", itest_fmt("/api/device/%lld", rs.d2), rs.b1, NULL,
	    404, "DEVICE_NOT_FOUND");
	/* All or nothing: #1 of a refused [#1, #2] stays free. */
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld,"
	    "%lld]}", rs.d1, rs.d2), 409, "DEVICE_ALREADY_RESERVED");
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(BR "/my")), 0);
	RS_CREATE(rs.b1, V0);
}

/* #18: [#1, #2] with the skip flag: 201 with #1, #2 skipped. */
static void
v18_skip(void)
{
	struct itest_resp	 r;
	char			*s;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld,%lld],"
	    "\"continueWithReservationIfOneOrMoreDevicesUnavailableFor"
	    "Reservation\":true}", rs.d1, rs.d2), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	RS_REPR(&r, r.json);
	RS_JEQ(&r, "deviceIds", "[%lld]", rs.d1);
	RS_JEQ(&r, "skippedDeviceIds", "[%lld]", rs.d2);
	s = itest_fmt("%lld", rs.d2);
	ITEST_ASSERT_JSTR(&r,
	    "unavailableDeviceIDsDueToAreIncludedInBuyerReservation", s);
	free(s);
	RS_JEQ(&r, "aggregatedCapacity", "10");
	itest_resp_free(&r);
}

/* #19: [#2] with the skip flag: none remain, 409. */
static void
v19_skip_none_left(void)
{
	rs_fresh();
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld],"
	    "\"continueWithReservationIfOneOrMoreDevicesUnavailableFor"
	    "Reservation\":true}", rs.d2), 409, "DEVICE_ALREADY_RESERVED");
}

/* #20: [#2] for [2025-12-31, 2026-02-01): no overlap, 201. */
static void
v20_no_overlap(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld],"
	    "\"reservationStartDate\":\"2025-12-31T00:00:00.000Z\","
	    "\"reservationEndDate\":\"2026-02-01T00:00:00.000Z\"}", rs.d2), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	RS_JEQ(&r, "deviceIds", "[%lld]", rs.d2);
	itest_resp_free(&r);
	/* #2 is now visible to b1 (a membership of its organization's
	 * reservation); its groupId is still reservation 9. */
	CU_ASSERT_EQUAL(rs_group_id(rs.d2, rs.b1), rs.r9);
	/* Touching the new period from the other side overlaps nothing
	 * either: [2026-02-01, 2026-03-01) for b2. */
	RS_CREATE(rs.b2, rs_v("{\"deviceIds\":[%lld],\"reservationStartDate\""
	    ":\"2026-02-01T00:00:00.000Z\",\"reservationEndDate\":"
	    "\"2026-03-01T00:00:00.000Z\",\"name\":\"After\"}", rs.d2));
	/* But one overlapping it by 1 ms is refused. */
	RS_EXPECT("POST", strdup(BR), rs.b2, rs_v("{\"deviceIds\":[%lld],"
	    "\"reservationStartDate\":\"2026-01-31T23:59:59.999Z\","
	    "\"reservationEndDate\":\"2026-02-01T00:00:00.000Z\",\"name\":"
	    "\"Overlap\"}", rs.d2), 409, "DEVICE_ALREADY_RESERVED");
	/* #2 now has [2025-01-01, 2025-12-31), [2025-12-31, 2026-02-01) and
	 * [2026-02-01, 2026-03-01).  The overlap read probes only each
	 * device's latest membership starting before the end: one overlapped
	 * from behind two that start at or after the end is still found, as
	 * are two overlapped at once; ending exactly at the start of a new
	 * period after all of them is free (bench/RESULTS.md §5.10). */
	RS_EXPECT("POST", strdup(BR), rs.b2, rs_v("{\"deviceIds\":[%lld],"
	    "\"reservationStartDate\":\"2025-12-30T00:00:00.000Z\","
	    "\"reservationEndDate\":\"2025-12-31T00:00:00.000Z\",\"name\":"
	    "\"Behind\"}", rs.d2), 409, "DEVICE_ALREADY_RESERVED");
	RS_EXPECT("POST", strdup(BR), rs.b2, rs_v("{\"deviceIds\":[%lld],"
	    "\"reservationStartDate\":\"2026-01-15T00:00:00.000Z\","
	    "\"reservationEndDate\":\"2026-02-15T00:00:00.000Z\",\"name\":"
	    "\"Across\"}", rs.d2), 409, "DEVICE_ALREADY_RESERVED");
	RS_CREATE(rs.b2, rs_v("{\"deviceIds\":[%lld],\"reservationStartDate\""
	    ":\"2026-03-01T00:00:00.000Z\",\"reservationEndDate\":"
	    "\"2026-04-01T00:00:00.000Z\",\"name\":\"Later\"}", rs.d2));
}

/* #21: target 1 MWh on 10 kW for 48 h: 400 TARGET_NOT_REACHABLE with
 * details; the feasibility flag: 201. */
static void
v21_feasibility(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1,
	    rs_v("{\"targetCapacityInMegaWattHour\":1}"), &r);
	ITEST_ASSERT_ERROR(&r, 400, "TARGET_NOT_REACHABLE");
	RS_JEQ(&r, "details", "{\"meteredTimePeriodInHours\":48,"
	    "\"targetCapacityInMegaWattHour\":1,"
	    "\"probablyAchievableCapacityInMegaWattHour\":0.48}");
	itest_resp_free(&r);
	rs_send("POST", strdup(BR), rs.b1,
	    rs_v("{\"targetCapacityInMegaWattHour\":1,\"continueWithReservation"
	    "IfTargetCapacityIsLessThanDeviceTotalCapacityBetweenDuration\":"
	    "true}"), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JINT(&r, "targetVolumeInWattHour", 1000000);
	itest_resp_free(&r);
}

/* #22: after #3: V with [#4]; named "r": 409 RESERVATION_NAME_TAKEN. */
static void
v22_name_taken(void)
{
	rs_fresh();
	rs_make_v3();
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld]}",
	    rs.d4), 409, "RESERVATION_NAME_TAKEN");
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld],"
	    "\"name\":\"r\"}", rs.d4), 409, "RESERVATION_NAME_TAKEN");
	/* Trimmed before comparing. */
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld],"
	    "\"name\":\"  R \"}", rs.d4), 409, "RESERVATION_NAME_TAKEN");
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(BR "/my")), 1);
}

/* #23: after #3, b2: V with [#3]: 201 (names are per organization). */
static void
v23_other_org_same_name(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_make_v3();
	rs_send("POST", strdup(BR), rs.b2, rs_v("{\"deviceIds\":[%lld]}",
	    rs.d3), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "name", "R");
	ITEST_ASSERT_JINT(&r, "organizationId", rs.org5);
	RS_JEQ(&r, "countryCode", "[\"KEN\"]");
	itest_resp_free(&r);
}

/* #24: Admin and organizationId. */
static void
v24_admin(void)
{
	struct itest_resp	 r;

	rs_fresh();
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.admin, V0, "INVALID_FIELD",
	    "organizationId");
	RS_EXPECT("POST", strdup(BR), rs.admin, rs_v("{\"organizationId\":"
	    "%lld}", rs.org10), 400, "ORGANIZATION_NOT_BUYER");
	RS_EXPECT("POST", strdup(BR), rs.admin, rs_v("{\"organizationId\":"
	    "999999999}"), 404, "ORGANIZATION_NOT_FOUND");
	rs_send("POST", strdup(BR), rs.admin, rs_v("{\"organizationId\":%lld}",
	    rs.org3), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JINT(&r, "organizationId", rs.org3);
	ITEST_ASSERT_JINT(&r, "buyerId", rs.admin_id);
	RS_JEQ(&r, "buyerAddress", "\"org:%lld\"", rs.org3);
	itest_resp_free(&r);
	RS_EXPECT_FIELDS("POST", itest_fmt(BR "?orgId=%lld", rs.org5),
	    rs.admin, rs_v("{\"organizationId\":%lld}", rs.org3),
	    "INVALID_FIELD", "organizationId");
	/* The query alias alone names the organization. */
	rs_send("POST", itest_fmt(BR "?orgId=%lld", rs.org5), rs.admin,
	    rs_v("{\"deviceIds\":[%lld]}", rs.d4), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JINT(&r, "organizationId", rs.org5);
	itest_resp_free(&r);
}

/* #25: a Buyer's organizationId (and ?orgId=) is ignored. */
static void
v25_buyer_org_ignored(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"organizationId\":%lld}",
	    rs.org5), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JINT(&r, "organizationId", rs.org3);
	ITEST_ASSERT_JINT(&r, "buyerId", rs.b1_id);
	itest_resp_free(&r);
	rs_send("POST", itest_fmt(BR "?orgId=%lld", rs.org5), rs.b1,
	    rs_v("{\"deviceIds\":[%lld],\"name\":\"Q\"}", rs.d4), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JINT(&r, "organizationId", rs.org3);
	itest_resp_free(&r);
	CU_ASSERT_EQUAL(RS_COUNT(rs.b2, strdup(BR "/my?name=Q")), 0);
}

/* #26: blockchainAddress "0xAb12": the owner address. */
static void
v26_blockchain_address(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1,
	    rs_v("{\"blockchainAddress\":\"0xAb12\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "buyerAddress", "0xAb12");
	ITEST_ASSERT_JSTR(&r, "blockchainAddress", "0xAb12");
	itest_resp_free(&r);
}

/* #27: after #3: GET /my: one item. */
static void
v27_my(void)
{
	struct itest_resp	 r;
	long long		 id;

	rs_fresh();
	id = rs_make_v3();
	itest_get(BR "/my", rs.b1, &r);
	RS_PAGE(&r, 1, 1);
	ITEST_ASSERT_JINT(&r, "groupedData.0.id", id);
	if (itest_jlen(&r, "groupedData") == 1)
		RS_REPR(&r, itest_jget(&r, "groupedData.0"));
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 4);
	itest_resp_free(&r);
}

/* #28: after #3: a page past the end. */
static void
v28_page_past_end(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_make_v3();
	itest_get(BR "/my?pagenumber=4", rs.b1, &r);
	RS_PAGE(&r, 4, 1);
	itest_resp_free(&r);
	/* pageNumber is the same parameter. */
	itest_get(BR "/my?pageNumber=1", rs.b1, &r);
	RS_PAGE(&r, 1, 1);
	itest_resp_free(&r);
}

/* #29: pagenumber=0; country=XXX: 400 INVALID_QUERY. */
static void
v29_bad_query(void)
{
	rs_fresh();
	RS_EXPECT_FIELDS("GET", strdup(BR "/my?pagenumber=0"), rs.b1, NULL,
	    "INVALID_QUERY", "pagenumber");
	RS_EXPECT("GET", strdup(BR "/my?country=XXX"), rs.b1, NULL, 400,
	    "INVALID_QUERY");
	RS_EXPECT("GET", strdup(BR "/my?pagenumber=1&pageNumber=2"), rs.b1,
	    NULL, 400, "INVALID_QUERY");
}

/* #30: after #3: /api/device-group/my?country=KEN: none. */
static void
v30_alias_country(void)
{
	rs_fresh();
	rs_make_v3();
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(DG "/my?country=KEN")), 0);
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(DG "/my?country=IND")), 1);
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(DG "/my")), 1);
}

/* #31: /my as dev1: 403; after #23 as Admin: both organizations'. */
static void
v31_my_roles(void)
{
	static const char *const paths[] = { BR "/my", BR, DG "/my", DG };
	struct itest_resp	 r;
	long long		 a, b;
	size_t			 i;
	char			*q;

	rs_fresh();
	RS_EXPECT("GET", strdup(BR "/my"), rs.dev1, NULL, 403, "FORBIDDEN");
	RS_EXPECT("GET", strdup(BR "/my"), rs.du, NULL, 403, "FORBIDDEN");
	/* GET /api/buyer-reservation is Admin's only. */
	RS_EXPECT("GET", strdup(BR), rs.b1, NULL, 403, "FORBIDDEN");
	a = rs_make_v3();
	b = RS_CREATE(rs.b2, rs_v("{\"deviceIds\":[%lld]}", rs.d3));
	for (i = 0; i < NELEM(paths); i++) {
		itest_get(paths[i], rs.admin, &r);
		ITEST_ASSERT_STATUS(&r, 200);
		ITEST_ASSERT_R(&r, itest_jint(&r, "totalCount") >= 3 &&
		    rs_item(itest_jget(&r, "groupedData"), a) != NULL &&
		    rs_item(itest_jget(&r, "groupedData"), b) != NULL &&
		    rs_item(itest_jget(&r, "groupedData"), rs.r9) != NULL);
		itest_resp_free(&r);
	}
	/* The organizationId filter. */
	q = itest_fmt(BR "/my?organizationId=%lld", rs.org5);
	itest_get(q, rs.admin, &r);
	free(q);
	RS_PAGE(&r, 1, 2);
	ITEST_ASSERT_R(&r, rs_item(itest_jget(&r, "groupedData"), b) != NULL &&
	    rs_item(itest_jget(&r, "groupedData"), rs.r9) != NULL);
	itest_resp_free(&r);
}

/* #32: after #3: /of-my-devices as dev1 and du: R in the restricted
 * view, devices [#1] with membershipStart/End. */
static void
v32_of_my_devices(void)
{
	const char		*tok[] = { rs.dev1, rs.du };
	struct itest_resp	 r;
	struct json_object	*it;
	long long		 id;
	size_t			 i;

	rs_fresh();
	id = rs_make_v3();
	for (i = 0; i < NELEM(tok); i++) {
		itest_get(BR "/of-my-devices", tok[i], &r);
		RS_PAGE(&r, 1, 1);
		it = itest_jget(&r, "groupedData.0");
		ITEST_ASSERT_R(&r, itest_oint(it, "id") == id);
		RS_RESTRICTED(&r, it);
		RS_OEQ(&r, it, "deviceIds", "[%lld]", rs.d1);
		RS_OEQ(&r, it, "name", "\"R\"");
		RS_OEQ(&r, it, "organizationId", "%lld", rs.org3);
		RS_OEQ(&r, it, "devices.0.membershipStart",
		    "\"2025-02-01T00:00:00.000Z\"");
		RS_OEQ(&r, it, "devices.0.membershipEnd",
		    "\"2025-02-03T00:00:00.000Z\"");
		RS_OEQ(&r, it, "devices.0.externalId", "\"Res-1\"");
		itest_resp_free(&r);
	}
	/* The alias. */
	CU_ASSERT_EQUAL(RS_COUNT(rs.dev1, strdup(DG "/of-my-devices")), 1);
}

/* #33: GET #3 as b2; as dev2: 404 RESERVATION_NOT_FOUND. */
static void
v33_not_visible(void)
{
	long long	 id;

	rs_fresh();
	id = rs_make_v3();
	RS_EXPECT("GET", itest_fmt(BR "/%lld", id), rs.b2, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	RS_EXPECT("GET", itest_fmt(BR "/%lld", id), rs.dev2, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	RS_EXPECT("GET", itest_fmt(DG "/%lld", id), rs.b2, NULL, 404,
	    "RESERVATION_NOT_FOUND");
}

/* #34: GET #3 as sb1: full view; as dev1: restricted; /abc: 400. */
static void
v34_get(void)
{
	struct itest_resp	 r;
	long long		 id;
	char			*uid;

	rs_fresh();
	id = rs_make_v3();
	rs_get(itest_fmt(BR "/%lld", id), rs.sb1, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	RS_FULL(&r, r.json);
	ITEST_ASSERT_JINT(&r, "id", id);
	ITEST_ASSERT_JINT(&r, "organization.id", rs.org3);
	ITEST_ASSERT_JSTR(&r, "organization.name", rs.org3_name);
	RS_JEQ(&r, "deviceIds", "[%lld]", rs.d1);
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipStart",
	    "2025-02-01T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipEnd",
	    "2025-02-03T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "devices.0.externalId", "Res-1");
	ITEST_ASSERT_JSTR(&r, "reservationExpiryDate",
	    "2025-07-31T00:00:00.000Z");
	uid = strdup(itest_jstr(&r, "devicegroup_uid") ?
	    itest_jstr(&r, "devicegroup_uid") : "x");
	itest_resp_free(&r);
	rs_get(itest_fmt(BR "/%lld", id), rs.dev1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	RS_RESTRICTED(&r, r.json);
	ITEST_ASSERT_JINT(&r, "id", id);
	itest_resp_free(&r);
	RS_EXPECT("GET", strdup(BR "/abc"), rs.b1, NULL, 400, "INVALID_ID");
	/* By devicegroup_uid, any case; under the alias too. */
	rs_get(itest_fmt(BR "/%s", uid), rs.b1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "id", id);
	itest_resp_free(&r);
	for (char *p = uid; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'f')
			*p -= 'a' - 'A';
	rs_get(itest_fmt(DG "/%s", uid), rs.b1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "id", id);
	itest_resp_free(&r);
	/* Admin sees it in full. */
	rs_get(itest_fmt(BR "/%lld", id), rs.admin, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	RS_FULL(&r, r.json);
	itest_resp_free(&r);
	free(uid);
}

/* ---- registration ---- */

static const struct rs_test vectors[] = {
	T(t00_fixture),
	T(v01_no_token), T(v02_roles), T(v03_create), T(v04_alias),
	T(v05_seed_body), T(v06_end_equals_start), T(v07_empty),
	T(v08_bad_start), T(v09_frequency), T(v10_target),
	T(v11_device_ids), T(v12_duplicates), T(v13_too_old),
	T(v14_too_far), T(v15_expiry), T(v16_unknown_devices),
	T(v17_reserved), T(v18_skip), T(v19_skip_none_left),
	T(v20_no_overlap), T(v21_feasibility), T(v22_name_taken),
	T(v23_other_org_same_name), T(v24_admin), T(v25_buyer_org_ignored),
	T(v26_blockchain_address), T(v27_my), T(v28_page_past_end),
	T(v29_bad_query), T(v30_alias_country), T(v31_my_roles),
	T(v32_of_my_devices), T(v33_not_visible), T(v34_get),
};

static void
register_all(void)
{
	CU_pSuite	 s;
	size_t		 i;

	/* Is the issuer routed?  401 without a token if it is. */
	rs.issuer_probe = rs_raw("POST", ISSUER_RUN, NULL, "{}", NULL);
	rs.issuer = rs.issuer_probe == 401;
	printf("itest: POST " ISSUER_RUN " without a token -> %ld: issuer %s\n",
	    rs.issuer_probe, rs.issuer ? "present" : "absent");
	s = itest_suite("reservations.md section 11 vectors 1-34");
	for (i = 0; i < NELEM(vectors); i++)
		itest_add(s, vectors[i].name, vectors[i].fn);
	rs_more_register();
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}

#endif /* !RS_DECLARATIONS_ONLY */
