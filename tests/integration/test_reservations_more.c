/*
 * Buyer reservations, part 2 (see test_reservations.c for the fixture,
 * the isolation rules and the issuer probe): reservations.md §11 vectors
 * 35-55 (PATCH, end early, cancel, the two races, list filters), then
 * checks beyond §11 (cross-organization visibility, routes and aliases,
 * field rules, check order, derived fields, PATCH/end/cancel details),
 * then the seed's reservation requests (seed.md §1 #8-#10, §2 steps
 * 13-15) on the test clock.  A test that moves the clock puts it back to
 * the fixture's now at its end (rs_fresh does it too after a fatal
 * failure; itest_main clears it after the run).
 */
#define RS_DECLARATIONS_ONLY
#include "test_reservations.c"

/* ---- helpers ---- */

#define R2_END		"2025-08-01T00:00:00.000Z"
#define R2_EXPIRY	"2025-09-30T00:00:00.000Z"
#define ENDP(id)	itest_fmt(BR "/endreservation/%lld", (id))

/* One request (path and body freed) answered 200. */
static void
ok_at(const char *file, unsigned int line, const char *m, char *path,
    const char *tok, char *body)
{
	struct itest_resp	 r;

	rs_send(m, path, tok, body, &r);
	itest_check_status(&r, 200, 0, file, line);
	itest_resp_free(&r);
}
#define EXPECT_OK(m, p, t, b)	ok_at(__FILE__, __LINE__, (m), (p), (t), (b))

/* Cancels reservation id as Admin: 200. */
#define cancel(id) \
	EXPECT_OK("DELETE", itest_fmt(BR "/%lld", (long long)(id)), rs.admin, \
	    NULL)

/* PATCH reservation id as tok with body (freed); r holds the answer. */
static void
patch(long long id, const char *tok, char *body, struct itest_resp *r)
{
	rs_send("PATCH", itest_fmt(BR "/%lld", id), tok, body, r);
}

/* GET reservation id as b1: 200 asserted. */
static void
get_r(long long id, struct itest_resp *r)
{
	rs_get(itest_fmt(BR "/%lld", id), rs.b1, r);
	ITEST_ASSERT_STATUS(r, 200);
}

/* Whether two objects are equal except for the key skip. */
static int
same_except(struct json_object *a, struct json_object *b, const char *skip)
{
	struct json_object	*bv;

	if (!json_object_is_type(a, json_type_object) ||
	    !json_object_is_type(b, json_type_object) ||
	    json_object_object_length(a) != json_object_object_length(b))
		return 0;
	json_object_object_foreach(a, k, v) {
		if (strcmp(k, skip) == 0)
			continue;
		if (!json_object_object_get_ex(b, k, &bv) ||
		    !json_object_equal(v, bv)) {
			printf("\n  (key %s differs)\n", k);
			return 0;
		}
	}
	return 1;
}

/* A string array at path of r holds s. */
static int
has_str(const struct itest_resp *r, const char *path, const char *s)
{
	struct json_object	*a = itest_jget(r, path);
	size_t			 i;

	for (i = 0; json_object_is_type(a, json_type_array) &&
	    i < json_object_array_length(a); i++)
		if (strcmp(json_object_get_string(json_object_array_get_idx(a,
		    i)), s) == 0)
			return 1;
	return 0;
}

/* ---- concurrency ---- */

struct job {
	const char		*method, *path, *tok, *body;
	pthread_barrier_t	*bar;
	long			 status;
	char			*resp;
};

static void *
job_run(void *arg)
{
	struct job	*j = arg;

	pthread_barrier_wait(j->bar);
	j->status = rs_raw(j->method, j->path, j->tok, j->body, &j->resp);
	return NULL;
}

/* Runs a and b at once (released together by a barrier). */
static void
race(struct job *a, struct job *b)
{
	pthread_barrier_t	 bar;
	pthread_t		 ta, tb;

	pthread_barrier_init(&bar, NULL, 2);
	a->bar = b->bar = &bar;
	pthread_create(&ta, NULL, job_run, a);
	pthread_create(&tb, NULL, job_run, b);
	pthread_join(ta, NULL);
	pthread_join(tb, NULL);
	pthread_barrier_destroy(&bar);
}

/* A key of a raw JSON body: the string (static buffer) or integer. */
static const char *
code_of(const char *body)
{
	static char		 buf[64];
	struct json_object	*o = json_tokener_parse(body);

	snprintf(buf, sizeof(buf), "%s", itest_ostr(o, "code") ?
	    itest_ostr(o, "code") : "");
	json_object_put(o);
	return buf;
}

static long long
int_of(const char *body, const char *path)
{
	struct json_object	*o = json_tokener_parse(body);
	long long		 v = itest_oint(o, path);

	json_object_put(o);
	return v;
}

/* ---- §11 vectors 35-55 ---- */

/* #35: after #3: PATCH it name "R", "r": 200; R2 to "R": 409. */
static void
v35_patch_name(void)
{
	struct itest_resp	 r;
	long long		 id, r2;

	rs_fresh();
	id = rs_make_v3();
	r2 = rs_make_r2(NULL);
	patch(id, rs.b1, strdup("{\"name\":\"R\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "name", "R");
	RS_FULL(&r, r.json);
	itest_resp_free(&r);
	patch(id, rs.b1, strdup("{\"name\":\"r\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "name", "r");
	itest_resp_free(&r);
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"name\":\"R\"}"), 409, "RESERVATION_NAME_TAKEN");
	get_r(r2, &r);
	ITEST_ASSERT_JSTR(&r, "name", "R2");
	itest_resp_free(&r);
}

/* #36: target, frequency: never updatable; the stored target: 200. */
static void
v36_fixed_fields(void)
{
	struct itest_resp	 r;
	long long		 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"targetCapacityInMegaWattHour\":5}"), 400,
	    "FIELD_NOT_UPDATABLE");
	patch(r2, rs.b1, strdup("{\"targetCapacityInMegaWattHour\":0.1}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "targetVolumeInWattHour", 100000);
	itest_resp_free(&r);
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"frequency\":\"daily\"}"), 400, "FIELD_NOT_UPDATABLE");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"frequency\":\"Daily\"}"), 400, "FIELD_NOT_UPDATABLE");
}

/* #37: PATCH R2 end 2025-05-30: 400 END_DATE_IN_PAST. */
static void
v37_end_in_past(void)
{
	struct itest_resp	 r;
	long long		 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"reservationEndDate\":\"2025-05-30T00:00:00Z\"}"), 400,
	    "END_DATE_IN_PAST");
	get_r(r2, &r);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", R2_END);
	itest_resp_free(&r);
}

/* #38 (first half): PATCH R2 end = now: 200, still active, #3's
 * membership ends 06-01 (its groupId is null from now). */
static long long
end_r2_at_now(void)
{
	struct itest_resp	 r;
	long long		 r2;

	r2 = rs_make_r2(NULL);
	CU_ASSERT_EQUAL(rs_group_id(rs.d3, rs.dev1), r2);
	patch(r2, rs.b1, strdup("{\"reservationEndDate\":\"" FIX_NOW "\"}"),
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	RS_FULL(&r, r.json);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", FIX_NOW);
	ITEST_ASSERT_JSTR(&r, "status", "active");
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipEnd", FIX_NOW);
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipStart",
	    "2025-05-01T00:00:00.000Z");
	itest_resp_free(&r);
	CU_ASSERT_EQUAL(rs_group_id(rs.d3, rs.dev1), 0);
	return r2;
}

static void
v38_end_now(void)
{
	rs_fresh();
	end_r2_at_now();
}

/* #38 (second half, needs the issuer): a pass at 00:05 issues
 * [05-31, 06-01): ended; authorityToExceed false: 409; true: 200. */
static void
v38b_after_pass(void)
{
	struct itest_resp	 r;
	long long		 r2;

	rs_fresh();
	r2 = end_r2_at_now();
	rs_clock("2025-06-01T00:05:00.000Z");
	rs_issuer_run(&r);
	ITEST_ASSERT_R(&r, itest_find_int(itest_jget(&r, "reservationsEnded"),
	    "", r2) >= 0);
	itest_resp_free(&r);
	get_r(r2, &r);
	ITEST_ASSERT_JSTR(&r, "status", "ended");
	ITEST_ASSERT_JSTR(&r, "issuedThrough", FIX_NOW);
	RS_JEQ(&r, "reservationActive", "false");
	itest_resp_free(&r);
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"authorityToExceed\":false}"), 409,
	    "RESERVATION_NOT_ACTIVE");
	patch(r2, rs.b1, strdup("{\"authorityToExceed\":true}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	RS_JEQ(&r, "authorityToExceed", "true");
	ITEST_ASSERT_JSTR(&r, "status", "ended");
	itest_resp_free(&r);
	rs_clock(FIX_NOW);
}

/* #39: a later end overlapping #3's next reservation: 409
 * DEVICE_ALREADY_RESERVED; without a new expiry: 409
 * RESERVATION_EXPIRY_BEFORE_END (against the stored expiry). */
static void
v39_later_end(void)
{
	struct itest_resp	 r;
	long long		 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	RS_CREATE(rs.b2, rs_v("{\"name\":\"Else\",\"deviceIds\":[%lld],"
	    "\"reservationStartDate\":\"2026-01-01T00:00:00.000Z\","
	    "\"reservationEndDate\":\"2026-02-01T00:00:00.000Z\"}", rs.d3));
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"reservationEndDate\":\"2026-03-01T00:00:00.000Z\","
	    "\"reservationExpiryDate\":\"2026-05-01T00:00:00.000Z\"}"), 409,
	    "DEVICE_ALREADY_RESERVED");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"reservationEndDate\":\"2026-03-01T00:00:00.000Z\"}"),
	    409, "RESERVATION_EXPIRY_BEFORE_END");
	/* Nothing was written. */
	get_r(r2, &r);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", R2_END);
	ITEST_ASSERT_JSTR(&r, "reservationExpiryDate", R2_EXPIRY);
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipEnd", R2_END);
	itest_resp_free(&r);
	/* Up to the other reservation's start is free. */
	patch(r2, rs.b1, strdup("{\"reservationEndDate\":"
	    "\"2026-01-01T00:00:00.000Z\",\"reservationExpiryDate\":"
	    "\"2026-03-01T00:00:00.000Z\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2026-01-01T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipEnd",
	    "2026-01-01T00:00:00.000Z");
	itest_resp_free(&r);
}

/* The facts of an end at now (#40, seed step 15's shape). */
static void
ended_at_now(const struct itest_resp *r)
{
	ITEST_ASSERT_STATUS(r, 200);
	RS_FULL(r, r->json);
	ITEST_ASSERT_JSTR(r, "reservationEndDate", FIX_NOW);
	ITEST_ASSERT_JSTR(r, "devices.0.membershipEnd", FIX_NOW);
	ITEST_ASSERT_JSTR(r, "status", "active");
	RS_JEQ(r, "closed", "false");
}

/* #40: the seed's alias with {"endresavationdate":""}, or no body:
 * end = now; #3's groupId null. */
static void
v40_end_now(void)
{
	struct itest_resp	 r;
	long long		 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	CU_ASSERT_EQUAL(rs_group_id(rs.d3, rs.b1), r2);
	rs_send("DELETE", itest_fmt(DG "/endresavation/%lld", r2), rs.b1,
	    strdup("{\"endresavationdate\":\"\"}"), &r);
	ended_at_now(&r);
	itest_resp_free(&r);
	CU_ASSERT_EQUAL(rs_group_id(rs.d3, rs.b1), 0);
	cancel(r2);

	r2 = rs_make_r2(NULL);
	rs_send("DELETE", itest_fmt(DG "/endresavation/%lld", r2), rs.b1,
	    NULL, &r);
	ended_at_now(&r);
	itest_resp_free(&r);
	CU_ASSERT_EQUAL(rs_group_id(rs.d3, rs.dev1), 0);
}

/* #41: 6 min before now: 400; 4 min before: 200, end = that instant. */
static void
v41_end_skew(void)
{
	struct itest_resp	 r;
	long long		 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	RS_EXPECT("DELETE", ENDP(r2), rs.b1, strdup("{\"endresavationdate\":"
	    "\"2025-05-31T23:54:00.000Z\"}"), 400, "END_DATE_IN_PAST");
	rs_send("DELETE", ENDP(r2), rs.b1, strdup("{\"endresavationdate\":"
	    "\"2025-05-31T23:56:00.000Z\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2025-05-31T23:56:00.000Z");
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipEnd",
	    "2025-05-31T23:56:00.000Z");
	itest_resp_free(&r);
}

/* #42: a later end: 409; 5 and "soon": 400 INVALID_FIELD. */
static void
v42_end_bad(void)
{
	struct itest_resp	 r;
	long long		 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	RS_EXPECT("DELETE", ENDP(r2), rs.b1, strdup("{\"endresavationdate\":"
	    "\"2025-09-01T00:00:00.000Z\"}"), 409, "END_DATE_AFTER_CURRENT_END");
	RS_EXPECT_FIELDS("DELETE", ENDP(r2), rs.b1,
	    strdup("{\"endresavationdate\":5}"), "INVALID_FIELD",
	    "endresavationdate");
	RS_EXPECT_FIELDS("DELETE", ENDP(r2), rs.b1,
	    strdup("{\"endresavationdate\":\"soon\"}"), "INVALID_FIELD",
	    "endresavationdate");
	get_r(r2, &r);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", R2_END);
	itest_resp_free(&r);
}

/* #43: end at 07-01 (still active), then "" (now). */
static void
v43_end_twice(void)
{
	struct itest_resp	 r;
	long long		 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	rs_send("DELETE", ENDP(r2), rs.b1, strdup("{\"endresavationdate\":"
	    "\"2025-07-01T00:00:00.000Z\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2025-07-01T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "status", "active");
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipEnd",
	    "2025-07-01T00:00:00.000Z");
	itest_resp_free(&r);
	rs_send("DELETE", ENDP(r2), rs.b1, strdup("{\"endresavationdate\":"
	    "\"\"}"), &r);
	ended_at_now(&r);
	itest_resp_free(&r);
}

/* #44: end R2 after #40: 409 RESERVATION_ALREADY_ENDED. */
static void
v44_already_ended(void)
{
	long long	 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	EXPECT_OK("DELETE", itest_fmt(DG "/endresavation/%lld", r2), rs.b1,
	    strdup("{\"endresavationdate\":\"\"}"));
	RS_EXPECT("DELETE", itest_fmt(DG "/endresavation/%lld", r2), rs.b1,
	    strdup("{\"endresavationdate\":\"\"}"), 409,
	    "RESERVATION_ALREADY_ENDED");
}

/* #45: ending a reservation not begun: end := start, ended, empty
 * memberships (the device is then free for that period). */
static void
v45_not_begun(void)
{
	struct itest_resp	 r;
	long long		 id;

	rs_fresh();
	id = RS_CREATE(rs.b1, rs_v("{\"reservationStartDate\":"
	    "\"2025-07-01T00:00:00.000Z\",\"reservationEndDate\":"
	    "\"2025-08-01T00:00:00.000Z\"}"));
	rs_send("DELETE", ENDP(id), rs.b1, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	RS_FULL(&r, r.json);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2025-07-01T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "status", "ended");
	RS_JEQ(&r, "reservationActive", "false");
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipStart",
	    "2025-07-01T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipEnd",
	    "2025-07-01T00:00:00.000Z");
	itest_resp_free(&r);
	RS_CREATE(rs.b2, rs_v("{\"reservationStartDate\":"
	    "\"2025-07-01T00:00:00.000Z\",\"reservationEndDate\":"
	    "\"2025-08-01T00:00:00.000Z\"}"));
}

/* #46: end R2 as b2: 404; as sb1: 403 (bu, dev1 too). */
static void
v46_end_roles(void)
{
	long long	 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	RS_EXPECT("DELETE", ENDP(r2), rs.b2, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	RS_EXPECT("DELETE", ENDP(r2), rs.sb1, NULL, 403, "FORBIDDEN");
	RS_EXPECT("DELETE", ENDP(r2), rs.bu, NULL, 403, "FORBIDDEN");
	RS_EXPECT("DELETE", ENDP(r2), rs.dev1, NULL, 403, "FORBIDDEN");
	RS_EXPECT("DELETE", ENDP(r2), NULL, NULL, 401, "UNAUTHORIZED");
	/* Still active, end unchanged. */
	{
		struct itest_resp	 r;

		get_r(r2, &r);
		ITEST_ASSERT_JSTR(&r, "reservationEndDate", R2_END);
		itest_resp_free(&r);
	}
}

/* #47: after #3: cancel: 200; GET 404; #1 (and the name) free again. */
static void
v47_cancel(void)
{
	struct itest_resp	 r;
	long long		 id;
	char			*uid;

	rs_fresh();
	id = rs_make_v3();
	get_r(id, &r);
	uid = strdup(itest_jstr(&r, "devicegroup_uid") ?
	    itest_jstr(&r, "devicegroup_uid") : "");
	itest_resp_free(&r);
	rs_send("DELETE", itest_fmt(BR "/%lld", id), rs.b1, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	RS_JEQ(&r, "", "{\"id\":%lld,\"devicegroup_uid\":\"%s\",\"deleted\":"
	    "true}", id, uid);
	itest_resp_free(&r);
	RS_EXPECT("GET", itest_fmt(BR "/%lld", id), rs.b1, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	RS_EXPECT("GET", itest_fmt(BR "/%s", uid), rs.b1, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(BR "/my")), 0);
	rs_make_v3();
	free(uid);
}

/* #48 (needs the issuer): a reservation with a certificate cannot be
 * cancelled (own organizations: it can never be cleaned up). */
static void
v48_has_certificate(void)
{
	struct itest_resp	 r;
	long long		 xorg, yorg, dev, id;
	char			*xdev, *ybuy, *b;

	rs_fresh();
	xdev = rs_register("developer", "rs48d", &xorg, NULL, NULL);
	ybuy = rs_register("buyer", "rs48b", &yorg, NULL, NULL);
	dev = rs_device(xdev, "{\"externalId\":\"Cert-1\"}");
	b = itest_fmt("{\"name\":\"C\",\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":0.001,\"reservationStartDate\":"
	    "\"2025-06-01T00:00:00.000Z\",\"reservationEndDate\":"
	    "\"2025-06-01T03:00:00.000Z\",\"authorityToExceed\":true,"
	    "\"frequency\":\"hourly\"}", dev);
	itest_post(BR, ybuy, b, &r);	/* not tracked: it stays */
	free(b);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	id = itest_jint(&r, "id");
	itest_resp_free(&r);
	rs_clock("2025-06-01T01:10:00.000Z");
	itest_post("/api/meter-reads/new/Cert-1", xdev, "{\"type\":\"Delta\","
	    "\"unit\":\"Wh\",\"reads\":[{\"endtimestamp\":"
	    "\"2025-06-01T00:30:00.000Z\",\"value\":1000}]}", &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	itest_resp_free(&r);
	rs_issuer_run(&r);
	ITEST_ASSERT_R(&r, itest_jint(&r, "certificatesIssued") >= 1);
	itest_resp_free(&r);
	rs_get(itest_fmt(BR "/%lld", id), ybuy, &r);
	ITEST_ASSERT_JINT(&r, "certificateCount", 1);
	ITEST_ASSERT_JINT(&r, "issuedWh", 1000);
	ITEST_ASSERT_JSTR(&r, "issuedThrough", "2025-06-01T01:00:00.000Z");
	itest_resp_free(&r);
	RS_EXPECT("DELETE", itest_fmt(BR "/%lld", id), ybuy, NULL, 409,
	    "RESERVATION_HAS_CERTIFICATES");
	RS_EXPECT("DELETE", itest_fmt(BR "/%lld", id), rs.admin, NULL, 409,
	    "RESERVATION_HAS_CERTIFICATES");
	/* It still exists; ending it early (§7) is the way. */
	rs_send("DELETE", ENDP(id), ybuy, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate",
	    "2025-06-01T01:10:00.000Z");
	ITEST_ASSERT_JINT(&r, "certificateCount", 1);
	itest_resp_free(&r);
	free(xdev);
	free(ybuy);
	rs_clock(FIX_NOW);
}

/* #49 (and the brief's race): b1 and b2 (two Buyer organizations)
 * create reservations of #4 for overlapping periods at once: one 201,
 * one 409 DEVICE_ALREADY_RESERVED; the loser's reservation does not
 * exist at all.  Three rounds. */
static void
v49_race_create(void)
{
	struct itest_resp	 r;
	struct job		 a, b, *win, *lose;
	const char		*ltok, *wtok;
	char			 what[512], *q, *ba, *bb;
	long long		 wid, worg;
	int			 round;

	for (round = 1; round <= 3; round++) {
		rs_fresh();
		ba = rs_v("{\"name\":\"Race%d\",\"deviceIds\":[%lld]}", round,
		    rs.d4);
		bb = rs_v("{\"name\":\"Race%d\",\"deviceIds\":[%lld],"
		    "\"reservationStartDate\":\"2025-02-02T00:00:00.000Z\","
		    "\"reservationEndDate\":\"2025-02-04T00:00:00.000Z\"}",
		    round, rs.d4);
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		a.method = b.method = "POST";
		a.path = b.path = BR;
		a.tok = rs.b1;
		a.body = ba;
		b.tok = rs.b2;
		b.body = bb;
		race(&a, &b);
		win = a.status == 201 ? &a : &b;
		lose = win == &a ? &b : &a;
		wtok = win == &a ? rs.b1 : rs.b2;
		ltok = win == &a ? rs.b2 : rs.b1;
		worg = win == &a ? rs.org3 : rs.org5;
		wid = win->status == 201 ? int_of(win->resp, "id") : -1;
		rs_track(wid);
		snprintf(what, sizeof(what), "round %d: exactly one 201 (%ld, "
		    "%ld)", round, a.status, b.status);
		itest_check(win->status == 201 && lose->status != 201, NULL,
		    what, __FILE__, __LINE__, 0);
		snprintf(what, sizeof(what), "round %d: the other 409 "
		    "DEVICE_ALREADY_RESERVED naming #4 (got %ld %s: %.300s)",
		    round, lose->status, code_of(lose->resp), lose->resp);
		itest_check(lose->status == 409 && !strcmp(code_of(lose->resp),
		    "DEVICE_ALREADY_RESERVED") && int_of(lose->resp,
		    "details.deviceIds.0") == rs.d4, NULL, what, __FILE__,
		    __LINE__, 0);
		/* The loser has no such reservation; there is exactly one. */
		q = itest_fmt(BR "/my?name=Race%d", round);
		CU_ASSERT_EQUAL(RS_COUNT(ltok, strdup(q)), 0);
		CU_ASSERT_EQUAL(RS_COUNT(wtok, strdup(q)), 1);
		itest_get(q, rs.admin, &r);
		RS_PAGE(&r, 1, 1);
		ITEST_ASSERT_JINT(&r, "groupedData.0.id", wid);
		ITEST_ASSERT_JINT(&r, "groupedData.0.organizationId", worg);
		RS_JEQ(&r, "groupedData.0.deviceIds", "[%lld]", rs.d4);
		itest_resp_free(&r);
		free(q);
		/* No membership of the loser is left: once the winner is
		 * cancelled, the loser's own request succeeds. */
		if (wid > 0) {
			cancel(wid);
			RS_CREATE(ltok, strdup(lose->body));
		}
		free(a.resp);
		free(b.resp);
		free(ba);
		free(bb);
	}
}

/* #50 (needs the issuer): R2 after a pass past its expiry: ended and
 * closed; its expiry is frozen (409), its name is not. */
static void
v50_closed(void)
{
	struct itest_resp	 r;
	long long		 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	rs_clock("2025-10-01T00:00:00.000Z");
	rs_issuer_run(&r);
	itest_resp_free(&r);
	get_r(r2, &r);
	ITEST_ASSERT_JSTR(&r, "status", "ended");
	RS_JEQ(&r, "closed", "true");
	RS_JEQ(&r, "reservationActive", "false");
	ITEST_ASSERT_JSTR(&r, "issuedThrough", R2_END);
	itest_resp_free(&r);
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"reservationExpiryDate\":\"2025-12-31T00:00:00.000Z\"}"),
	    409, "RESERVATION_CLOSED");
	patch(r2, rs.b1, strdup("{\"name\":\"R2b\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "name", "R2b");
	RS_JEQ(&r, "closed", "true");
	ITEST_ASSERT_JSTR(&r, "reservationExpiryDate", R2_EXPIRY);
	itest_resp_free(&r);
	rs_clock(FIX_NOW);
}

/* #51: expiry in the past: 400; before the stored end: 409. */
static void
v51_expiry(void)
{
	long long	 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"reservationExpiryDate\":\"2025-05-31T00:00:00.000Z\"}"),
	    400, "RESERVATION_EXPIRY_IN_PAST");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"reservationExpiryDate\":\"2025-07-01T00:00:00.000Z\"}"),
	    409, "RESERVATION_EXPIRY_BEFORE_END");
}

/* #52: target 0.0079195 MWh = 7920 Wh exactly; PATCH 0.00792: same. */
static void
v52_exact_target(void)
{
	struct itest_resp	 r;
	long long		 id;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1,
	    rs_v("{\"targetCapacityInMegaWattHour\":0.0079195}"), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	ITEST_ASSERT_JINT(&r, "targetVolumeInWattHour", 7920);
	RS_NUM_TEXT(&r, "targetVolumeInMegaWattHour", "0.00792");
	id = itest_jint(&r, "id");
	itest_resp_free(&r);
	patch(id, rs.b1, strdup("{\"targetCapacityInMegaWattHour\":0.00792}"),
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "targetVolumeInWattHour", 7920);
	itest_resp_free(&r);
	/* 7920.4 Wh rounds to the same; 7920.5 (half away) does not. */
	patch(id, rs.b1, strdup("{\"targetCapacityInMegaWattHour\":0.0079204}"),
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", id), rs.b1,
	    strdup("{\"targetCapacityInMegaWattHour\":0.0079205}"), 400,
	    "FIELD_NOT_UPDATABLE");
}

/* #53: b2 creates a reservation of #4 from 2026-01-01 while b1 moves
 * R4's end (#4, [2025-06-01, 2025-12-01)) to 2026-01-15: exactly one
 * 2xx, the other 409 DEVICE_ALREADY_RESERVED.  Three rounds. */
static void
v53_race_patch(void)
{
	struct itest_resp	 r;
	struct job		 a, b;
	char			 what[512], *pp, *bb;
	long long		 r4, cid;
	int			 round, ok_a, ok_b;

	for (round = 1; round <= 3; round++) {
		rs_fresh();
		r4 = RS_CREATE(rs.b1, rs_v("{\"name\":\"R4\",\"deviceIds\":"
		    "[%lld],\"reservationStartDate\":\"2025-06-01T00:00:00.000Z"
		    "\",\"reservationEndDate\":\"2025-12-01T00:00:00.000Z\"}",
		    rs.d4));
		pp = itest_fmt(BR "/%lld", r4);
		bb = rs_v("{\"name\":\"Race53\",\"deviceIds\":[%lld],"
		    "\"reservationStartDate\":\"2026-01-01T00:00:00.000Z\","
		    "\"reservationEndDate\":\"2026-02-01T00:00:00.000Z\"}",
		    rs.d4);
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		a.method = "PATCH";
		a.path = pp;
		a.tok = rs.b1;
		a.body = "{\"reservationEndDate\":\"2026-01-15T00:00:00.000Z\"}";
		b.method = "POST";
		b.path = BR;
		b.tok = rs.b2;
		b.body = bb;
		race(&a, &b);
		ok_a = a.status == 200;
		ok_b = b.status == 201;
		cid = ok_b ? int_of(b.resp, "id") : -1;
		rs_track(cid);
		snprintf(what, sizeof(what), "round %d: exactly one 2xx (PATCH "
		    "%ld, create %ld)", round, a.status, b.status);
		itest_check(ok_a != ok_b, NULL, what, __FILE__, __LINE__, 0);
		snprintf(what, sizeof(what), "round %d: the other 409 "
		    "DEVICE_ALREADY_RESERVED (got %.300s)", round,
		    ok_a ? b.resp : a.resp);
		itest_check((ok_a && b.status == 409 && !strcmp(code_of(b.resp),
		    "DEVICE_ALREADY_RESERVED")) || (ok_b && a.status == 409 &&
		    !strcmp(code_of(a.resp), "DEVICE_ALREADY_RESERVED")), NULL,
		    what, __FILE__, __LINE__, 0);
		/* The stored state is the winner's only. */
		get_r(r4, &r);
		ITEST_ASSERT_JSTR(&r, "reservationEndDate", ok_a ?
		    "2026-01-15T00:00:00.000Z" : "2025-12-01T00:00:00.000Z");
		ITEST_ASSERT_JSTR(&r, "devices.0.membershipEnd", ok_a ?
		    "2026-01-15T00:00:00.000Z" : "2025-12-01T00:00:00.000Z");
		itest_resp_free(&r);
		CU_ASSERT_EQUAL(RS_COUNT(rs.b2, strdup(BR "/my?name=Race53")),
		    ok_b ? 1 : 0);
		free(a.resp);
		free(b.resp);
		free(pp);
		free(bb);
	}
}

/* #54: after #3: /my filters (AND across, OR within, any case). */
static void
v54_filters(void)
{
	static const struct {
		const char	*q;
		long long	 n;
	} t[] = {
		{ "country=IN", 1 },
		{ "start_date=2025-02-02&end_date=2025-02-02", 1 },
		{ "reservationActive=active", 1 },
		{ "reservationActive=All", 1 },
		{ "reservationActive=DEACTIVE", 0 },
		{ "country=KEN,IND", 1 },
		{ "country=KEN&country=IND", 1 },
		{ "country=IND&fuelCode=ES200", 0 },
		{ "fuelCode=es100", 1 },
		{ "name=r", 1 },
		{ "name=zz", 0 },
		{ "offTaker=school", 1 },
		{ "offTaker=Residential", 0 },
		{ "SDGBenefits=SDG7", 1 },
		{ "sdgbenefit=7", 1 },
		{ "SDGBenefits=SDG1", 0 },
		{ "end_date=2025-01-31", 0 },
		{ "start_date=2025-02-04", 0 },
		{ "country=", 1 },
	};
	size_t	 i;

	rs_fresh();
	rs_make_v3();
	for (i = 0; i < NELEM(t); i++) {
		long long	 n = RS_COUNT(rs.b1, itest_fmt(BR "/my?%s",
		    t[i].q));

		if (n != t[i].n)
			printf("\n  >> /my?%s: totalCount %lld, want %lld\n",
			    t[i].q, n, t[i].n);
		CU_ASSERT_EQUAL(n, t[i].n);
	}
	RS_EXPECT_FIELDS("GET", strdup(BR "/my?start_date=2025-02-03"
	    "&end_date=2025-02-01"), rs.b1, NULL, "INVALID_QUERY",
	    "start_date", "end_date");
	RS_EXPECT("GET", strdup(BR "/my?reservationActive=maybe"), rs.b1,
	    NULL, 400, "INVALID_QUERY");
	RS_EXPECT("GET", strdup(BR "/my?fuelCode=ES999"), rs.b1, NULL, 400,
	    "INVALID_QUERY");
}

/* #55: after #3: bu lists it; bu may not change it (sb1 neither). */
static void
v55_org_user(void)
{
	struct itest_resp	 r;
	long long		 id;

	rs_fresh();
	id = rs_make_v3();
	CU_ASSERT_EQUAL(RS_COUNT(rs.bu, strdup(BR "/my")), 1);
	CU_ASSERT_EQUAL(RS_COUNT(rs.sb1, strdup(BR "/my")), 1);
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", id), rs.bu,
	    strdup("{\"name\":\"X\"}"), 403, "FORBIDDEN");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", id), rs.sb1,
	    strdup("{\"name\":\"X\"}"), 403, "FORBIDDEN");
	RS_EXPECT("DELETE", itest_fmt(BR "/%lld", id), rs.bu, NULL, 403,
	    "FORBIDDEN");
	RS_EXPECT("DELETE", itest_fmt(BR "/%lld", id), rs.sb1, NULL, 403,
	    "FORBIDDEN");
	rs_get(itest_fmt(BR "/%lld", id), rs.bu, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	RS_FULL(&r, r.json);
	ITEST_ASSERT_JSTR(&r, "name", "R");
	itest_resp_free(&r);
}

/* ---- beyond §11 ---- */

/* Another buyer organization can neither see nor change org 3's
 * reservation: 404 on every route, by id and by uid, under both
 * prefixes; nothing changes. */
static void
x_cross_org(void)
{
	static const char *const pre[] = { BR, DG };
	struct itest_resp	 r;
	long long		 id;
	char			*uid;
	size_t			 i;

	rs_fresh();
	id = rs_make_v3();
	get_r(id, &r);
	uid = strdup(itest_jstr(&r, "devicegroup_uid") ?
	    itest_jstr(&r, "devicegroup_uid") : "");
	itest_resp_free(&r);
	for (i = 0; i < NELEM(pre); i++) {
		RS_EXPECT("GET", itest_fmt("%s/%s", pre[i], uid), rs.b2, NULL,
		    404, "RESERVATION_NOT_FOUND");
		RS_EXPECT("PATCH", itest_fmt("%s/%lld", pre[i], id), rs.b2,
		    strdup("{\"name\":\"Hijack\"}"), 404,
		    "RESERVATION_NOT_FOUND");
		RS_EXPECT("PATCH", itest_fmt("%s/%s", pre[i], uid), rs.b2,
		    strdup("{\"name\":\"Hijack\"}"), 404,
		    "RESERVATION_NOT_FOUND");
		RS_EXPECT("DELETE", itest_fmt("%s/endreservation/%lld", pre[i],
		    id), rs.b2, NULL, 404, "RESERVATION_NOT_FOUND");
		RS_EXPECT("DELETE", itest_fmt("%s/endresavation/%s", pre[i],
		    uid), rs.b2, NULL, 404, "RESERVATION_NOT_FOUND");
		RS_EXPECT("DELETE", itest_fmt("%s/%lld", pre[i], id), rs.b2,
		    NULL, 404, "RESERVATION_NOT_FOUND");
		RS_EXPECT("DELETE", itest_fmt("%s/%s", pre[i], uid), rs.b2,
		    NULL, 404, "RESERVATION_NOT_FOUND");
	}
	itest_get(BR "/my", rs.b2, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, rs_item(itest_jget(&r, "groupedData"), id) == NULL &&
	    rs_item(itest_jget(&r, "groupedData"), rs.r9) != NULL);
	itest_resp_free(&r);
	get_r(id, &r);
	ITEST_ASSERT_JSTR(&r, "name", "R");
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2025-02-03T00:00:00.000Z");
	itest_resp_free(&r);
	/* b1 cannot reach reservation 9 either. */
	RS_EXPECT("GET", itest_fmt(BR "/%lld", rs.r9), rs.b1, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", rs.r9), rs.b1,
	    strdup("{\"name\":\"Hijack\"}"), 404, "RESERVATION_NOT_FOUND");
	RS_EXPECT("DELETE", itest_fmt(BR "/%lld", rs.r9), rs.b1, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	/* Admin changes any organization's. */
	patch(id, rs.admin, strdup("{\"name\":\"ByAdmin\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "name", "ByAdmin");
	ITEST_ASSERT_JINT(&r, "organizationId", rs.org3);
	itest_resp_free(&r);
	free(uid);
}

/* Developers see, read-only, the reservations holding their own
 * devices, cut to those devices. */
static void
x_developers(void)
{
	struct itest_resp	 r;
	struct json_object	*it;
	long long		 v, m;

	rs_fresh();
	v = rs_make_v3();
	m = RS_CREATE(rs.b1, rs_v("{\"name\":\"Mixed\",\"deviceIds\":[%lld,"
	    "%lld],\"reservationStartDate\":\"2026-01-01T00:00:00.000Z\","
	    "\"reservationEndDate\":\"2026-02-01T00:00:00.000Z\"}", rs.d1,
	    rs.d2));
	itest_get(BR "/of-my-devices", rs.dev1, &r);
	RS_PAGE(&r, 1, 2);
	ITEST_ASSERT_R(&r, rs_item(itest_jget(&r, "groupedData"), v) != NULL);
	it = rs_item(itest_jget(&r, "groupedData"), m);
	ITEST_ASSERT_R(&r, it != NULL);
	RS_RESTRICTED(&r, it);
	RS_OEQ(&r, it, "deviceIds", "[%lld]", rs.d1);
	itest_resp_free(&r);
	itest_get(BR "/of-my-devices", rs.dev2, &r);
	RS_PAGE(&r, 1, 2);
	ITEST_ASSERT_R(&r, rs_item(itest_jget(&r, "groupedData"), rs.r9) !=
	    NULL && rs_item(itest_jget(&r, "groupedData"), v) == NULL);
	it = rs_item(itest_jget(&r, "groupedData"), m);
	RS_OEQ(&r, it, "deviceIds", "[%lld]", rs.d2);
	RS_OEQ(&r, it, "devices.0.id", "%lld", rs.d2);
	itest_resp_free(&r);
	rs_get(itest_fmt(BR "/%lld", m), rs.dev2, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	RS_RESTRICTED(&r, r.json);
	RS_JEQ(&r, "deviceIds", "[%lld]", rs.d2);
	itest_resp_free(&r);
	RS_EXPECT("GET", itest_fmt(BR "/%lld", v), rs.dev2, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	RS_EXPECT("GET", itest_fmt(BR "/%lld", rs.r9), rs.dev1, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	/* Read-only. */
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", m), rs.dev1,
	    strdup("{\"name\":\"Dev\"}"), 403, "FORBIDDEN");
	RS_EXPECT("DELETE", ENDP(m), rs.dev1, NULL, 403, "FORBIDDEN");
	RS_EXPECT("DELETE", itest_fmt(BR "/%lld", m), rs.dev1, NULL, 403,
	    "FORBIDDEN");
	/* The list is for developer-organization users only. */
	RS_EXPECT("GET", strdup(BR "/of-my-devices"), rs.b1, NULL, 403,
	    "FORBIDDEN");
	RS_EXPECT("GET", strdup(BR "/of-my-devices"), rs.admin, NULL, 403,
	    "FORBIDDEN");
	/* Its filters. */
	CU_ASSERT_EQUAL(RS_COUNT(rs.dev1, strdup(BR "/of-my-devices?"
	    "country=KEN")), 0);
	CU_ASSERT_EQUAL(RS_COUNT(rs.dev1, strdup(BR "/of-my-devices?"
	    "name=mix")), 1);
}

/* Literal segments, 405s, the id grammar, the four end routes, and the
 * check order 401 > 403 > 400 INVALID_ID > 404. */
static void
x_routes(void)
{
	static const char *const endp[] = { BR "/endreservation",
	    BR "/endresavation", DG "/endreservation", DG "/endresavation" };
	static const char *const bad[] = { "0", "-1", "1.5", "abc",
	    "9223372036854775808", "c87208a2-1f4e-4d3b-8a6c-9e0f1b2c3d4g" };
	struct itest_resp	 r;
	long long		 r2;
	size_t			 i;

	rs_fresh();
	rs_send("PATCH", strdup(BR "/my"), rs.b1, strdup("{\"name\":\"x\"}"),
	    &r);
	ITEST_ASSERT_ERROR(&r, 405, "METHOD_NOT_ALLOWED");
	ITEST_ASSERT_R(&r, r.allow != NULL && strcmp(r.allow, "GET") == 0);
	itest_resp_free(&r);
	rs_send("DELETE", strdup(DG "/of-my-devices"), rs.b1, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 405, "METHOD_NOT_ALLOWED");
	ITEST_ASSERT_R(&r, r.allow != NULL && strcmp(r.allow, "GET") == 0);
	itest_resp_free(&r);
	rs_send("POST", strdup(BR "/123"), rs.b1, strdup("{}"), &r);
	ITEST_ASSERT_ERROR(&r, 405, "METHOD_NOT_ALLOWED");
	ITEST_ASSERT_R(&r, r.allow != NULL && strstr(r.allow, "GET") &&
	    strstr(r.allow, "PATCH") && strstr(r.allow, "DELETE"));
	itest_resp_free(&r);
	rs_send("GET", strdup(BR "/endreservation/123"), rs.b1, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 405, "METHOD_NOT_ALLOWED");
	ITEST_ASSERT_R(&r, r.allow != NULL && strcmp(r.allow, "DELETE") == 0);
	itest_resp_free(&r);
	/* The id grammar, on every route with an id. */
	for (i = 0; i < NELEM(bad); i++) {
		RS_EXPECT("GET", itest_fmt(BR "/%s", bad[i]), rs.b1, NULL, 400,
		    "INVALID_ID");
		RS_EXPECT("PATCH", itest_fmt(DG "/%s", bad[i]), rs.b1,
		    strdup("{}"), 400, "INVALID_ID");
		RS_EXPECT("DELETE", itest_fmt(BR "/%s", bad[i]), rs.b1, NULL,
		    400, "INVALID_ID");
		RS_EXPECT("DELETE", itest_fmt(BR "/endreservation/%s", bad[i]),
		    rs.b1, NULL, 400, "INVALID_ID");
	}
	RS_EXPECT("GET", strdup(BR "/9223372036854775807"), rs.b1, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	RS_EXPECT("GET", strdup(BR "/c87208a2-1f4e-4d3b-8a6c-9e0f1b2c3d4e"),
	    rs.b1, NULL, 404, "RESERVATION_NOT_FOUND");
	/* 401 before 403 before INVALID_ID before the body. */
	RS_EXPECT("DELETE", strdup(DG "/endresavation/abc"), NULL,
	    strdup("{"), 401, "UNAUTHORIZED");
	RS_EXPECT("DELETE", strdup(DG "/endresavation/abc"), rs.sb1, NULL,
	    403, "FORBIDDEN");
	RS_EXPECT("PATCH", strdup(BR "/abc"), rs.b1, strdup("{\"name\":\"\"}"),
	    400, "INVALID_ID");
	/* A trailing slash is tolerated. */
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(BR "/my/")), 0);
	/* The four end routes. */
	for (i = 0; i < NELEM(endp); i++) {
		r2 = rs_make_r2(NULL);
		rs_send("DELETE", itest_fmt("%s/%lld", endp[i], r2), rs.b1,
		    NULL, &r);
		ITEST_ASSERT_STATUS(&r, 200);
		ITEST_ASSERT_JSTR(&r, "reservationEndDate", FIX_NOW);
		itest_resp_free(&r);
		cancel(r2);
	}
	/* PATCH and cancel under the alias. */
	r2 = rs_make_r2(NULL);
	rs_send("PATCH", itest_fmt(DG "/%lld", r2), rs.b1,
	    strdup("{\"name\":\"Alias\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "name", "Alias");
	itest_resp_free(&r);
	rs_send("DELETE", itest_fmt(DG "/%lld", r2), rs.b1, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	RS_JEQ(&r, "deleted", "true");
	itest_resp_free(&r);
}

/* §3.1: every field error at once, in table order; then the rules of
 * single fields. */
static void
x_fields(void)
{
	struct itest_resp	 r;
	char			 longs[140];

	rs_fresh();
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1, strdup("{\"name\":\"\","
	    "\"deviceIds\":[],\"targetCapacityInMegaWattHour\":0,"
	    "\"reservationStartDate\":\"x\",\"reservationEndDate\":\"y\","
	    "\"reservationExpiryDate\":\"z\",\"frequency\":\"yearly\","
	    "\"authorityToExceed\":\"yes\",\"continueWithReservationIfOneOr"
	    "MoreDevicesUnavailableForReservation\":1,\"continueWith"
	    "ReservationIfTargetCapacityIsLessThanDeviceTotalCapacityBetween"
	    "Duration\":\"no\",\"blockchainAddress\":\"org:3\"}"),
	    "INVALID_FIELD", "name", "deviceIds",
	    "targetCapacityInMegaWattHour", "reservationStartDate",
	    "reservationEndDate", "reservationExpiryDate", "frequency",
	    "authorityToExceed",
	    "continueWithReservationIfOneOrMoreDevicesUnavailableFor"
	    "Reservation",
	    "continueWithReservationIfTargetCapacityIsLessThanDeviceTotal"
	    "CapacityBetweenDuration", "blockchainAddress");
	/* name */
	memset(longs, 'n', 129);
	longs[129] = '\0';
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1, rs_v("{\"name\":\"%s\"}",
	    longs), "INVALID_FIELD", "name");
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"name\":\"a\\u0001b\"}"), "INVALID_FIELD", "name");
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1, rs_v("{\"name\":\"   \"}"),
	    "INVALID_FIELD", "name");
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1, rs_v("{\"name\":5}"),
	    "INVALID_FIELD", "name");
	longs[128] = '\0';
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"name\":\"  %s \"}", longs),
	    &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "name", longs);
	cancel(itest_jint(&r, "id"));
	itest_resp_free(&r);
	/* blockchainAddress: 1-128 of 0x21-0x7E, not org:; null absent */
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"blockchainAddress\":\"\"}"), "INVALID_FIELD",
	    "blockchainAddress");
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"blockchainAddress\":\"0x a\"}"), "INVALID_FIELD",
	    "blockchainAddress");
	longs[128] = 'b';	/* 129 characters */
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"blockchainAddress\":\"%s\"}", longs), "INVALID_FIELD",
	    "blockchainAddress");
	longs[128] = '\0';	/* 128: allowed */
	rs_send("POST", strdup(BR), rs.b1,
	    rs_v("{\"blockchainAddress\":\"%s\"}", longs), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "buyerAddress", longs);
	cancel(itest_jint(&r, "id"));
	itest_resp_free(&r);
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"blockchainAddress\":\"org:5\"}"), "INVALID_FIELD",
	    "blockchainAddress");
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"blockchainAddress\":null,"
	    "\"secretKey\":\"ignored\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	RS_JEQ(&r, "blockchainAddress", "null");
	RS_JEQ(&r, "buyerAddress", "\"org:%lld\"", rs.org3);
	cancel(itest_jint(&r, "id"));
	itest_resp_free(&r);
	/* authorityToExceed defaults to false. */
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"authorityToExceed\":null}"),
	    &r);
	ITEST_ASSERT_STATUS(&r, 201);
	RS_JEQ(&r, "authorityToExceed", "false");
	cancel(itest_jint(&r, "id"));
	itest_resp_free(&r);
	/* target: <= 10^9, >= 1 Wh after rounding (halves away). */
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"targetCapacityInMegaWattHour\":1000000001}"),
	    "INVALID_FIELD", "targetCapacityInMegaWattHour");
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"targetCapacityInMegaWattHour\":0.0000004}"),
	    "INVALID_FIELD", "targetCapacityInMegaWattHour");
	/* Not finite: valid JSON (RFC 8259 §6), so the field's own 400
	 * (CONVENTIONS §7; issue 13). */
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"targetCapacityInMegaWattHour\":1e400}"),
	    "INVALID_FIELD", "targetCapacityInMegaWattHour");
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1,
	    rs_v("{\"targetCapacityInMegaWattHour\":9300000000000000000}"),
	    "INVALID_FIELD", "targetCapacityInMegaWattHour");
	rs_send("POST", strdup(BR), rs.b1,
	    rs_v("{\"targetCapacityInMegaWattHour\":0.0000005}"), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JINT(&r, "targetVolumeInWattHour", 1);
	cancel(itest_jint(&r, "id"));
	itest_resp_free(&r);
	rs_send("POST", strdup(BR), rs.b1,
	    rs_v("{\"targetCapacityInMegaWattHour\":1000000000,\"continueWith"
	    "ReservationIfTargetCapacityIsLessThanDeviceTotalCapacityBetween"
	    "Duration\":true}"), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JINT(&r, "targetVolumeInWattHour", 1000000000000000LL);
	cancel(itest_jint(&r, "id"));
	itest_resp_free(&r);
	/* Body syntax and media type. */
	RS_EXPECT("POST", strdup(BR), rs.b1, strdup("{"), 400, "INVALID_JSON");
	RS_EXPECT("POST", strdup(BR), rs.b1, strdup("[]"), 400,
	    "INVALID_JSON");
	RS_EXPECT("POST", strdup(BR), rs.b1, strdup("{\"name\":\"a\","
	    "\"name\":\"b\"}"), 400, "INVALID_JSON");
	itest_request("POST", BR, rs.b1, "text/plain", "{}", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
	itest_resp_free(&r);
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(BR "/my")), 0);
}

/* CONVENTIONS §5 instants: offsets, date-only, fraction truncation. */
static void
x_dates(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"reservationStartDate\":"
	    "\"2025-02-01T05:30:00+05:30\",\"reservationEndDate\":"
	    "\"2025-02-03T00:00:00.9999999Z\",\"reservationExpiryDate\":"
	    "\"2025-08-01\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "reservationStartDate",
	    "2025-02-01T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2025-02-03T00:00:00.999Z");
	ITEST_ASSERT_JSTR(&r, "reservationExpiryDate",
	    "2025-08-01T00:00:00.000Z");
	cancel(itest_jint(&r, "id"));
	itest_resp_free(&r);
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"reservationStartDate\":"
	    "\"2025-03-01\",\"reservationEndDate\":\"2025-03-03T00:00:00\"}"),
	    &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "reservationStartDate",
	    "2025-03-01T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2025-03-03T00:00:00.000Z");
	itest_resp_free(&r);
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1, rs_v("{\"reservationEnd"
	    "Date\":\"2025-02-03T24:00:00Z\"}"), "INVALID_FIELD",
	    "reservationEndDate");
	RS_EXPECT_FIELDS("POST", strdup(BR), rs.b1, rs_v("{\"reservationExpiry"
	    "Date\":\"2025-13-01\"}"), "INVALID_FIELD",
	    "reservationExpiryDate");
}

/* §3.2-§3.6: which check answers first. */
static void
x_check_order(void)
{
	rs_fresh();
	/* Cross-field checks before the devices (seed #8: device 60). */
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld],"
	    "\"reservationEndDate\":\"2025-01-01T00:00:00.000Z\"}", NO_DEV_A),
	    400, "RESERVATION_END_BEFORE_START");
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld],"
	    "\"reservationStartDate\":\"2022-01-01T00:00:00.000Z\"}",
	    NO_DEV_A), 400, "RESERVATION_DATE_TOO_OLD");
	/* 2 before 3, 3 before 4. */
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"reservationStartDate\":"
	    "\"2022-01-01T00:00:00.000Z\",\"reservationEndDate\":"
	    "\"2036-01-01T00:00:00.000Z\"}"), 400, "RESERVATION_DATE_TOO_OLD");
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"reservationEndDate\":"
	    "\"2036-01-01T00:00:00.000Z\",\"reservationExpiryDate\":"
	    "\"2025-03-01T00:00:00.000Z\"}"), 400, "RESERVATION_DATE_TOO_FAR");
	/* Field errors before everything. */
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld],"
	    "\"frequency\":\"yearly\"}", NO_DEV_A), 400, "INVALID_FIELD");
	/* The organization (§3.3) before the devices. */
	RS_EXPECT("POST", strdup(BR), rs.admin, rs_v("{\"deviceIds\":[%lld],"
	    "\"organizationId\":999999999}", NO_DEV_A), 404,
	    "ORGANIZATION_NOT_FOUND");
	RS_EXPECT("POST", strdup(BR), rs.admin, rs_v("{\"deviceIds\":[%lld],"
	    "\"organizationId\":%lld}", NO_DEV_A, rs.org11), 400,
	    "ORGANIZATION_NOT_BUYER");
	/* Unknown devices (3.4.1) before reserved ones (3.4.2). */
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld,"
	    "%lld]}", rs.d2, NO_DEV_A), 404, "DEVICE_NOT_FOUND");
	/* Reserved devices (3.4) before feasibility (3.5). */
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":100000}", rs.d2), 409,
	    "DEVICE_ALREADY_RESERVED");
	/* Feasibility (3.5) and devices before the name (3.6). */
	rs_make_v3();
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":100}", rs.d4), 400,
	    "TARGET_NOT_REACHABLE");
	RS_EXPECT("POST", strdup(BR), rs.b1, rs_v("{\"deviceIds\":[%lld]}",
	    rs.d2), 409, "DEVICE_ALREADY_RESERVED");
	/* Authentication and role before the body. */
	RS_EXPECT("POST", strdup(BR), NULL, strdup("{"), 401, "UNAUTHORIZED");
	RS_EXPECT("POST", strdup(BR), rs.sb1, strdup("{"), 403, "FORBIDDEN");
}

/* §3.7: the derived fields over several devices. */
static void
x_derived(void)
{
	struct itest_resp	 r;

	rs_fresh();
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"name\":\"Mix\","
	    "\"deviceIds\":[%lld,%lld,%lld],\"reservationStartDate\":"
	    "\"2026-03-01T00:00:00.000Z\",\"reservationEndDate\":"
	    "\"2026-04-01T00:00:00.000Z\"}", rs.d4, rs.d3, rs.d1), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	RS_REPR(&r, r.json);
	RS_JEQ(&r, "deviceIds", "[%lld,%lld,%lld]", rs.d1, rs.d3, rs.d4);
	RS_JEQ(&r, "fuelCode", "[\"ES100\",\"ES200\"]");
	RS_JEQ(&r, "countryCode", "[\"IND\",\"KEN\"]");
	RS_JEQ(&r, "deviceTypeCodes", "[\"TC110\",\"TC120\",\"TC210\"]");
	RS_JEQ(&r, "offTakers", "[\"Health Facility\",\"School\"]");
	RS_JEQ(&r, "SDGBenefits", "[\"Affordable and Clean Energy\","
	    "\"No Poverty\"]");
	RS_JEQ(&r, "gridInterconnection", "false");
	RS_JEQ(&r, "aggregatedCapacity", "17.5");
	ITEST_ASSERT_JSTR(&r, "capacityRange", "1.01kW - 50kW");
	/* #3 (2025-02-20): 3 months: Q2; #1: year 3; #4 (2010): 15+. */
	RS_JEQ(&r, "commissioningDateRange", "[\"Year 1 - Q2\",\"Year 3\","
	    "\"15 years+\"]");
	itest_resp_free(&r);
}

/* §3.7: capacityRange bounds and commissioningDateRange labels, on a
 * developer organization of their own. */
static void
x_ranges(void)
{
	static const struct {
		const char	*cap, *agg, *range;
	} caps[] = {
		{ "1", "1", "0.1W - 1kW" },
		{ "50", "50", "1.01kW - 50kW" },
		{ "500", "500", "51kW - 500kW" },
		{ "5000", "5000", "500kW - 5MW" },
		{ "5000.25", "5000.25", "5MW+" },
	};
	static const char *const comm[] = { "2024-06-01T00:00:00.001Z",
	    "2024-06-01", "2020-06-02", "2020-06-01", "2010-06-02",
	    "2010-06-01" };
	struct itest_resp	 r;
	long long		 org, ids[6], one, fifty = 0;
	char			*tok;
	size_t			 i;

	rs_fresh();
	tok = rs_register("developer", "rsx", &org, NULL, NULL);
	for (i = 0; i < NELEM(comm); i++)
		ids[i] = rs_device(tok, "{\"externalId\":\"L%zu\",\"capacity\":1,"
		    "\"commissioningDate\":\"%s\"}", i, comm[i]);
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"name\":\"Labels\","
	    "\"deviceIds\":[%lld,%lld,%lld,%lld,%lld,%lld],"
	    "\"reservationStartDate\":\"2026-01-01T00:00:00.000Z\","
	    "\"reservationEndDate\":\"2026-02-01T00:00:00.000Z\"}", ids[0],
	    ids[1], ids[2], ids[3], ids[4], ids[5]), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	RS_JEQ(&r, "commissioningDateRange", "[\"Year 1 - Q4\",\"Year 2\","
	    "\"Year 5\",\"6 - 10 years\",\"11 - 15 years\",\"15 years+\"]");
	RS_JEQ(&r, "aggregatedCapacity", "6");
	itest_resp_free(&r);
	for (i = 0; i < NELEM(caps); i++) {
		one = i == 0 ? ids[0] : rs_device(tok, "{\"externalId\":"
		    "\"C%zu\",\"capacity\":%s}", i, caps[i].cap);
		if (i == 1)
			fifty = one;
		rs_send("POST", strdup(BR), rs.b1, rs_v("{\"name\":\"Cap%zu\","
		    "\"deviceIds\":[%lld],\"reservationStartDate\":"
		    "\"2026-03-01T00:00:00.000Z\",\"reservationEndDate\":"
		    "\"2026-04-01T00:00:00.000Z\"}", i, one), &r);
		ITEST_ASSERT_STATUS(&r, 201);
		ITEST_ASSERT_JSTR(&r, "capacityRange", caps[i].range);
		RS_JEQ(&r, "aggregatedCapacity", "%s", caps[i].agg);
		itest_resp_free(&r);
	}
	/* 1 + 50 = 51 kW: the next range. */
	rs_send("POST", strdup(BR), rs.b1, rs_v("{\"name\":\"Cap51\","
	    "\"deviceIds\":[%lld,%lld],\"reservationStartDate\":"
	    "\"2026-05-01T00:00:00.000Z\",\"reservationEndDate\":"
	    "\"2026-06-01T00:00:00.000Z\"}", ids[0], fifty), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "capacityRange", "51kW - 500kW");
	RS_JEQ(&r, "aggregatedCapacity", "51");
	itest_resp_free(&r);
	free(tok);
}

/* §6: PATCH details on R2. */
static void
x_patch_more(void)
{
	struct itest_resp	 g, r;
	struct json_object	*o;
	long long		 r2;
	char			*b;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	get_r(r2, &g);
	/* {} changes nothing. */
	patch(r2, rs.b1, strdup("{}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, same_except(g.json, r.json, "updatedAt"));
	itest_resp_free(&r);
	/* The GET body sent back: frequency refused; without it, 200. */
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1, strdup(g.body),
	    400, "FIELD_NOT_UPDATABLE");
	o = json_tokener_parse(g.body);
	json_object_object_del(o, "frequency");
	b = strdup(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	patch(r2, rs.b1, b, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, same_except(g.json, r.json, "updatedAt"));
	itest_resp_free(&r);
	itest_resp_free(&g);
	/* null is absent; equal values are no change. */
	patch(r2, rs.b1, strdup("{\"frequency\":null,\"blockchainAddress\":"
	    "null,\"reservationStartDate\":\"2025-05-01T05:30:00+05:30\","
	    "\"reservationEndDate\":\"2025-08-01T00:00:00Z\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "frequency", "daily");
	itest_resp_free(&r);
	patch(r2, rs.b1, itest_fmt("{\"deviceIds\":[%lld,%lld]}", rs.d3,
	    rs.d3), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	/* Fixed fields changed. */
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"reservationStartDate\":\"2025-05-02T00:00:00Z\"}"), 400,
	    "FIELD_NOT_UPDATABLE");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    itest_fmt("{\"deviceIds\":[%lld]}", rs.d1), 400,
	    "FIELD_NOT_UPDATABLE");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"blockchainAddress\":\"0x1\"}"), 400,
	    "FIELD_NOT_UPDATABLE");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.admin,
	    itest_fmt("{\"organizationId\":%lld}", rs.org5), 400,
	    "FIELD_NOT_UPDATABLE");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"name\":\"N\",\"frequency\":\"weekly\"}"), 400,
	    "FIELD_NOT_UPDATABLE");
	/* End rules (400s, in order). */
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"reservationEndDate\":\"2025-05-01T00:00:00.000Z\"}"),
	    400, "RESERVATION_END_BEFORE_START");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"reservationEndDate\":\"2035-06-01T00:00:00.001Z\"}"),
	    400, "RESERVATION_DATE_TOO_FAR");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"reservationEndDate\":\"2025-09-01T00:00:00.000Z\","
	    "\"reservationExpiryDate\":\"2025-08-15T00:00:00.000Z\"}"), 400,
	    "RESERVATION_EXPIRY_BEFORE_END");
	/* Field syntax first, then the 404. */
	RS_EXPECT_FIELDS("PATCH", itest_fmt(BR "/%lld", NO_DEV_B), rs.b1,
	    strdup("{\"name\":\"\"}"), "INVALID_FIELD", "name");
	RS_EXPECT_FIELDS("PATCH", itest_fmt(BR "/%lld", r2), rs.b1,
	    strdup("{\"authorityToExceed\":\"no\"}"), "INVALID_FIELD",
	    "authorityToExceed");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", NO_DEV_B), rs.b1,
	    strdup("{\"name\":\"ok\"}"), 404, "RESERVATION_NOT_FOUND");
	/* A later end: the membership follows. */
	patch(r2, rs.b1, strdup("{\"reservationEndDate\":"
	    "\"2025-09-15T00:00:00.000Z\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2025-09-15T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "reservationExpiryDate", R2_EXPIRY);
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipEnd",
	    "2025-09-15T00:00:00.000Z");
	itest_resp_free(&r);
	patch(r2, rs.b1, strdup("{\"reservationEndDate\":"
	    "\"2025-10-15T00:00:00.000Z\",\"reservationExpiryDate\":"
	    "\"2025-11-01\",\"authorityToExceed\":false}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2025-10-15T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "reservationExpiryDate",
	    "2025-11-01T00:00:00.000Z");
	RS_JEQ(&r, "authorityToExceed", "false");
	ITEST_ASSERT_JSTR(&r, "status", "active");
	itest_resp_free(&r);
	/* And GET agrees. */
	get_r(r2, &r);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2025-10-15T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "devices.0.membershipEnd",
	    "2025-10-15T00:00:00.000Z");
	itest_resp_free(&r);
}

/* §7: the body keys. */
static void
x_end_more(void)
{
	struct itest_resp	 r;
	long long		 r2;

	rs_fresh();
	r2 = rs_make_r2(NULL);
	rs_send("DELETE", ENDP(r2), rs.b1, strdup("{\"endreservationdate\":"
	    "\"2025-07-01T00:00:00.000Z\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2025-07-01T00:00:00.000Z");
	itest_resp_free(&r);
	/* Both keys, different values: 400 naming both. */
	rs_send("DELETE", ENDP(r2), rs.b1, strdup("{\"endresavationdate\":"
	    "\"2025-06-20T00:00:00.000Z\",\"endreservationdate\":"
	    "\"2025-06-21T00:00:00.000Z\"}"), &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	ITEST_ASSERT_R(&r, itest_jlen(&r, "details.fields") == 2 &&
	    has_str(&r, "details.fields", "endresavationdate") &&
	    has_str(&r, "details.fields", "endreservationdate"));
	itest_resp_free(&r);
	/* The same value twice is fine. */
	rs_send("DELETE", ENDP(r2), rs.b1, strdup("{\"endresavationdate\":"
	    "\"2025-06-20T00:00:00.000Z\",\"endreservationdate\":"
	    "\"2025-06-20T00:00:00Z\"}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2025-06-20T00:00:00.000Z");
	itest_resp_free(&r);
	/* null = now; by Admin. */
	rs_send("DELETE", ENDP(r2), rs.admin, strdup("{\"endresavationdate\":"
	    "null}"), &r);
	ended_at_now(&r);
	itest_resp_free(&r);
	/* A reservation whose end has passed: already ended. */
	RS_EXPECT("DELETE", ENDP(rs_make_v3()), rs.b1, NULL, 409,
	    "RESERVATION_ALREADY_ENDED");
}

/* §8: cancel by uid, under the alias, by role. */
static void
x_cancel_more(void)
{
	struct itest_resp	 r;
	long long		 id;
	char			*uid;

	rs_fresh();
	id = rs_make_v3();
	get_r(id, &r);
	uid = strdup(itest_jstr(&r, "devicegroup_uid") ?
	    itest_jstr(&r, "devicegroup_uid") : "");
	itest_resp_free(&r);
	RS_EXPECT("DELETE", itest_fmt(DG "/%s", uid), rs.dev1, NULL, 403,
	    "FORBIDDEN");
	RS_EXPECT("DELETE", itest_fmt(DG "/%s", uid), NULL, NULL, 401,
	    "UNAUTHORIZED");
	rs_send("DELETE", itest_fmt(DG "/%s", uid), rs.b1, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "id", id);
	ITEST_ASSERT_JSTR(&r, "devicegroup_uid", uid);
	RS_JEQ(&r, "deleted", "true");
	itest_resp_free(&r);
	RS_EXPECT("DELETE", itest_fmt(DG "/%s", uid), rs.b1, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	RS_EXPECT("DELETE", ENDP(id), rs.b1, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	RS_EXPECT("PATCH", itest_fmt(BR "/%lld", id), rs.b1,
	    strdup("{\"name\":\"Gone\"}"), 404, "RESERVATION_NOT_FOUND");
	free(uid);
}

/* /my: 10 per page, by id ascending. */
static void
x_paging(void)
{
	struct itest_resp	 r;
	long long		 ids[11];
	int			 i, ok = 1;

	rs_fresh();
	for (i = 0; i < 11; i++)
		ids[i] = RS_CREATE(rs.b1, rs_v("{\"name\":\"P%02d\","
		    "\"reservationStartDate\":\"2025-03-%02dT00:00:00.000Z\","
		    "\"reservationEndDate\":\"2025-03-%02dT00:00:00.000Z\"}",
		    i, i + 1, i + 2));
	itest_get(BR "/my", rs.b1, &r);
	RS_PAGE(&r, 1, 11);
	for (i = 0; i < 10; i++)
		ok &= itest_oint(json_object_array_get_idx(itest_jget(&r,
		    "groupedData"), i), "id") == ids[i];
	ITEST_ASSERT_R(&r, ok);
	itest_resp_free(&r);
	itest_get(BR "/my?pageNumber=2", rs.b1, &r);
	RS_PAGE(&r, 2, 11);
	ITEST_ASSERT_JINT(&r, "groupedData.0.id", ids[10]);
	itest_resp_free(&r);
	CU_ASSERT_EQUAL(RS_COUNT(rs.b1, strdup(BR "/my?name=P0")), 10);
}

/*
 * groupId of device dev in tok's GET /api/device/my (as rs_group_id): the
 * list's statement reads held_until first (db/stmt.c DEVICE_COLS).
 */
static long long
my_group_id(long long dev, const char *tok)
{
	struct itest_resp	 r;
	struct json_object	*o = NULL;
	long long		 g = -2;
	size_t			 i;

	itest_get("/api/device/my", tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	for (i = 0; r.json != NULL && json_object_is_type(r.json,
	    json_type_array) && i < json_object_array_length(r.json); i++) {
		o = json_object_array_get_idx(r.json, i);
		if (itest_oint(o, "id") == dev)
			break;
		o = NULL;
	}
	if (o != NULL)
		g = itest_oisnull(o, "groupId") ? 0 : itest_otype(o,
		    "groupId") == json_type_int ? itest_oint(o, "groupId") : -1;
	itest_resp_free(&r);
	return g;
}

/* device.groupId and the buyer catalogue follow the memberships. */
static void
x_catalogue(void)
{
	struct itest_resp	 r;
	long long		 r2;
	char			*q;

	rs_fresh();
	q = itest_fmt("/api/device/ungrouped/buyerreservation?organizationId="
	    "%lld", rs.org10);
	itest_get(q, rs.b1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "totalCount", 3);
	itest_resp_free(&r);
	r2 = rs_make_r2(NULL);
	itest_get(q, rs.b1, &r);
	ITEST_ASSERT_JINT(&r, "totalCount", 2);
	ITEST_ASSERT_R(&r, itest_find_int(itest_jget(&r, "devices"), "id",
	    rs.d3) < 0);
	itest_resp_free(&r);
	/* b2 no longer sees #3 (not in the catalogue, not its own). */
	RS_EXPECT("GET", itest_fmt("/api/device/%lld", rs.d3), rs.b2, NULL,
	    404, "DEVICE_NOT_FOUND");
	CU_ASSERT_EQUAL(rs_group_id(rs.d3, rs.b1), r2);
	CU_ASSERT_EQUAL(my_group_id(rs.d3, rs.dev1), r2);
	EXPECT_OK("DELETE", ENDP(r2), rs.b1, NULL);
	itest_get(q, rs.b1, &r);
	ITEST_ASSERT_JINT(&r, "totalCount", 3);
	itest_resp_free(&r);
	CU_ASSERT_EQUAL(rs_group_id(rs.d3, rs.b2), 0);
	/* held_until stays after now (an upper bound): the probe says null. */
	CU_ASSERT_EQUAL(my_group_id(rs.d3, rs.dev1), 0);
	free(q);
}

/* ---- the seed's reservation requests (seed.md §1, §2 steps 13-15) ---- */

/* The seed's 'Register Device' body with ES100 / TC120 (seed.md §2). */
static const char seed_device[] =
    "{\r\n"
    "    \"externalId\": \"uatDeviceId14\",\r\n"
    "    \"projectName\": \"RoofSolarTopProject1\",\r\n"
    "    \"address\": \"nexus\",\r\n"
    "    \"latitude\": \"19\xEF\xBF\xBD" "20'50.97\\\"S\",\r\n"
    "    \"longitude\": \"46\xEF\xBF\xBD" " 3'3.21\\\"W\",\r\n"
    "    \"countryCode\": \"IN\",\r\n"
    "    \"fuelCode\": \"ES100\",\r\n"
    "    \"deviceTypeCode\": \"TC120\",\r\n"
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

static long long
seed_device_as(const char *tok, const char *ext)
{
	struct itest_resp	 r;
	char			*b, *p, *j = itest_json_str(ext);
	long long		 id;

	p = strstr(seed_device, "\"uatDeviceId14\"");
	b = itest_fmt("%.*s%s%s", (int)(p - seed_device), seed_device, j,
	    p + strlen("\"uatDeviceId14\""));
	itest_post("/api/device", tok, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	id = itest_jint(&r, "id");
	itest_resp_free(&r);
	free(b);
	free(j);
	return id;
}

/* Buyer Reservation (as given, then fixed), List Devices For
 * Reservation, End Reservation, on the seed flow's clock. */
static void
s01_seed_flow(void)
{
	struct itest_resp	 r;
	long long		 sorg, borg, buid, d12, d13, d14, dxm, id;
	char			*sdev, *sbuy, *b, *p, *q;
	size_t			 i;

	rs_fresh();
	rs_clock("2022-09-08T11:00:00.000Z");
	sdev = rs_register("developer", "rsseedd", &sorg, NULL, NULL);
	sbuy = rs_register("buyer", "rsseedb", &borg, &buid, NULL);
	d13 = seed_device_as(sdev, "uatDeviceId13");
	d14 = seed_device_as(sdev, "uatDeviceId14");
	dxm = seed_device_as(sdev, "Xion Mall");
	rs_clock("2022-09-08T14:00:00.000Z");
	d12 = seed_device_as(sdev, "uatDeviceId12");

	/* [8] as given: the end is before the start. */
	itest_post(DG, sbuy, rs_seed_reservation, &r);
	ITEST_ASSERT_ERROR(&r, 400, "RESERVATION_END_BEFORE_START");
	itest_resp_free(&r);
	/* Step 13: dates swapped, deviceIds [4, 1, 2] (here 12, 13, 14). */
	b = strdup(rs_seed_reservation);
	p = strstr(b, "2022-09-22T08:44:30.519Z");
	memcpy(p, "2021-09-28T09:44:30.519Z", 24);
	p = strstr(p + 24, "2021-09-28T09:44:30.519Z");
	memcpy(p, "2022-09-22T08:44:30.519Z", 24);
	p = strstr(b, "60\r\n");
	q = itest_fmt("%.*s%lld, %lld, %lld%s", (int)(p - b), b, d12, d13,
	    d14, p + 2);
	free(b);
	rs_send("POST", strdup(DG), sbuy, q, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	RS_REPR(&r, r.json);
	id = itest_jint(&r, "id");
	ITEST_ASSERT_JSTR(&r, "name", "UAT_Reservation_2");
	ITEST_ASSERT_JINT(&r, "organizationId", borg);
	ITEST_ASSERT_JINT(&r, "buyerId", buid);
	RS_JEQ(&r, "buyerAddress", "\"org:%lld\"", borg);
	RS_JEQ(&r, "blockchainAddress", "null");
	RS_JEQ(&r, "deviceIds", "[%lld,%lld,%lld]", d13, d14, d12);
	RS_JEQ(&r, "fuelCode", "[\"ES100\"]");
	RS_JEQ(&r, "countryCode", "[\"IND\"]");
	RS_JEQ(&r, "deviceTypeCodes", "[\"TC120\"]");
	RS_JEQ(&r, "offTakers", "[\"School\"]");
	RS_JEQ(&r, "SDGBenefits", "[\"No Poverty\"]");
	RS_JEQ(&r, "gridInterconnection", "true");
	RS_JEQ(&r, "aggregatedCapacity", "75");
	ITEST_ASSERT_JSTR(&r, "capacityRange", "51kW - 500kW");
	RS_JEQ(&r, "commissioningDateRange", "[\"Year 1 - Q1\"]");
	ITEST_ASSERT_JSTR(&r, "frequency", "hourly");
	ITEST_ASSERT_JSTR(&r, "reservationStartDate",
	    "2021-09-28T09:44:30.519Z");
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2022-09-22T08:44:30.519Z");
	ITEST_ASSERT_JSTR(&r, "reservationExpiryDate",
	    "2022-11-21T08:44:30.519Z");
	RS_JEQ(&r, "targetVolumeInMegaWattHour", "100");
	ITEST_ASSERT_JINT(&r, "targetVolumeInWattHour", 100000000);
	RS_JEQ(&r, "authorityToExceed", "true");
	ITEST_ASSERT_JSTR(&r, "status", "active");
	RS_JEQ(&r, "reservationActive", "true");
	RS_JEQ(&r, "closed", "false");
	ITEST_ASSERT_JINT(&r, "issuedWh", 0);
	ITEST_ASSERT_JINT(&r, "certificateCount", 0);
	RS_JEQ(&r, "issuedThrough", "null");
	RS_JEQ(&r, "skippedDeviceIds", "[]");
	ITEST_ASSERT_JSTR(&r,
	    "unavailableDeviceIDsDueToAreIncludedInBuyerReservation", "");
	itest_resp_free(&r);

	/* [9] without a token; step 14 with the buyer's. */
	RS_EXPECT("GET", strdup("/api/device/ungrouped/buyerreservation"),
	    NULL, NULL, 401, "UNAUTHORIZED");
	q = itest_fmt("/api/device/ungrouped/buyerreservation?organizationId="
	    "%lld", sorg);
	itest_get(q, sbuy, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "devices") == 1);
	ITEST_ASSERT_JINT(&r, "devices.0.id", dxm);
	ITEST_ASSERT_JSTR(&r, "devices.0.externalId", "Xion Mall");
	ITEST_ASSERT_JINT(&r, "currentPage", 1);
	ITEST_ASSERT_JINT(&r, "totalPages", 1);
	ITEST_ASSERT_JINT(&r, "totalCount", 1);
	itest_resp_free(&r);

	/* [10] without a token; with one but the literal {id}. */
	RS_EXPECT("DELETE", strdup(DG "/endresavation/%7Bid%7D"), NULL,
	    strdup("{\r\n    \"endresavationdate\": \"\"\r\n}"), 401,
	    "UNAUTHORIZED");
	RS_EXPECT("DELETE", strdup(DG "/endresavation/%7Bid%7D"), sbuy,
	    strdup("{\r\n    \"endresavationdate\": \"\"\r\n}"), 400,
	    "INVALID_ID");
	/* Step 15. */
	rs_send("DELETE", itest_fmt(DG "/endresavation/%lld", id), sbuy,
	    strdup("{\r\n    \"endresavationdate\": \"\"\r\n}"), &r);
	ITEST_ASSERT_STATUS(&r, 200);
	RS_FULL(&r, r.json);
	ITEST_ASSERT_JSTR(&r, "reservationEndDate", "2022-09-08T14:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "status", "active");
	RS_JEQ(&r, "closed", "false");
	RS_JEQ(&r, "issuedThrough", "null");
	for (i = 0; i < 3; i++) {
		char	 path[32];

		snprintf(path, sizeof(path), "devices.%zu.membershipEnd", i);
		ITEST_ASSERT_JSTR(&r, path, "2022-09-08T14:00:00.000Z");
	}
	itest_resp_free(&r);
	/* Every device is back in the catalogue from now. */
	itest_get(q, sbuy, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "totalCount", 4);
	itest_resp_free(&r);
	free(q);
	free(sdev);
	free(sbuy);
	rs_clock(FIX_NOW);
}

/* ---- registration ---- */

static const struct rs_test vectors[] = {
	T(v35_patch_name), T(v36_fixed_fields), T(v37_end_in_past),
	T(v38_end_now), T(v39_later_end), T(v40_end_now), T(v41_end_skew),
	T(v42_end_bad), T(v43_end_twice), T(v44_already_ended),
	T(v45_not_begun), T(v46_end_roles), T(v47_cancel),
	T(v49_race_create), T(v51_expiry), T(v52_exact_target),
	T(v53_race_patch), T(v54_filters), T(v55_org_user),
}, issuer_vectors[] = {
	T(v38b_after_pass), T(v48_has_certificate), T(v50_closed),
}, extras[] = {
	T(x_cross_org), T(x_developers), T(x_routes), T(x_fields),
	T(x_dates), T(x_check_order), T(x_derived), T(x_ranges),
	T(x_patch_more), T(x_end_more), T(x_cancel_more), T(x_paging),
	T(x_catalogue),
}, seed[] = {
	T(s01_seed_flow),
};

void
rs_more_register(void)
{
	CU_pSuite	 s;
	size_t		 i;

	s = itest_suite("reservations.md section 11 vectors 35-55");
	for (i = 0; i < NELEM(vectors); i++)
		itest_add(s, vectors[i].name, vectors[i].fn);
	if (rs.issuer) {
		s = itest_suite("reservations.md section 11 vectors that run "
		    "the issuer (38 second half, 48, 50)");
		for (i = 0; i < NELEM(issuer_vectors); i++)
			itest_add(s, issuer_vectors[i].name,
			    issuer_vectors[i].fn);
	} else {
		itest_skip("reservations.md section 11 #38 (second half: "
		    "the pass at 00:05, RESERVATION_NOT_ACTIVE)",
		    "needs an issuer pass: POST /api/drec-issuer/run is not "
		    "routed");
		itest_skip("reservations.md section 11 #48 "
		    "(RESERVATION_HAS_CERTIFICATES)",
		    "needs certificate issuance: POST /api/drec-issuer/run is "
		    "not routed");
		itest_skip("reservations.md section 11 #50 (closed after "
		    "expiry, RESERVATION_CLOSED)",
		    "needs an issuer pass: POST /api/drec-issuer/run is not "
		    "routed");
	}
	s = itest_suite("reservations: beyond section 11");
	for (i = 0; i < NELEM(extras); i++)
		itest_add(s, extras[i].name, extras[i].fn);
	s = itest_suite("reservations: the seed requests (seed.md 8-10, "
	    "flow steps 13-15)");
	for (i = 0; i < NELEM(seed); i++)
		itest_add(s, seed[i].name, seed[i].fn);
}
