/*
 * itest_clients: clients.md §8 vectors 18-26 on certificates.md §10's
 * examples, with §8's parties: Example 1 with B1 as its buyer and Xion
 * Mall a device of D2; Example 2 with B1 as its buyer and two new
 * Developer organizations (10 and 11); Example 4's reservation 40.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_clients.h"

#define CURINFO		"/api/buyer-reservation/current-information/"
#define SPANS		"/api/device/certifiedlog/first&lastdate"
#define EXPORT		"/api/certificate-log/expoert_perdevice/"
#define REPORT		"/api/certificate-log/redemption-report"

static struct {
	struct ct_dev	 x;
	struct ct_res	 r;
} e1;

static const char e1_res[] = "{\"name\":\"Example 1\",\"deviceIds\":[%lld],"
    "\"targetCapacityInMegaWattHour\":0.05,\"reservationStartDate\":\""
    M1("10:00") "\",\"reservationEndDate\":\"" M1("13:00") "\","
    "\"reservationExpiryDate\":\"2025-04-30T13:00:00.000Z\","
    "\"authorityToExceed\":true,\"frequency\":\"hourly\","
    "\"continueWithReservationIfTargetCapacityIsLessThanDeviceTotalCapacity"
    "BetweenDuration\":true}";

/* Vector 18: Example 1 at 11:30, after the 11:05 pass. */
static void
ex1_current_information(void)
{
	struct itest_resp	 r;
	char			*p, *w;

	fixture();
	ct_clock("2025-02-28T00:00:00.000Z");
	e1.x = ct_device(st.oa2.tok, "%s", "{\"externalId\":\"Xion Mall\"}");
	ct_clock(M1("09:00"));
	e1.r = CT_RESERVE(st.bu1.tok, e1_res, e1.x.id);
	ct_clock(M1("10:16"));
	READS(st.oa2.tok, &e1.x, "Delta", RD(M1("09:50"), M1("10:15"), 1200));
	ct_clock(M1("10:46"));
	READS(st.oa2.tok, &e1.x, "Delta", RE(M1("10:45"), 1800));
	json_object_put(CT_PASS(M1("11:05")));
	ct_clock(M1("11:30"));
	p = itest_fmt(CURINFO "%s?pagenumber=1", e1.r.uid);
	GET200(p, st.bu1.tok, &r);
	w = itest_fmt("{\"groupId\":%lld,\"start_date\":\"" M1("11:00")
	    "\",\"end_date\":\"" M1("12:00") "\",\"dueAt\":\"" M1("12:05")
	    "\"}", e1.r.id);
	JEQ(&r, "ongoing_next_issuance", w);
	JEQ(&r, "historynextissuansinfo", "{\"AllDeviceshistnextissuansinfo\":"
	    "[],\"totalItems\":0,\"currentPage\":1,\"totalPages\":0}");
	itest_resp_free(&r);
	free(w);
	free(p);
}

/* Vector 19: after 13:05; other callers. */
static void
ex1_after_end(void)
{
	struct itest_resp	 r;
	char			*p;

	ITEST_REQUIRE(e1.r.uid != NULL);
	ct_clock(M1("11:31"));
	READS(st.oa2.tok, &e1.x, "Delta", RD(M1("10:45"), M1("11:30"), 2500));
	json_object_put(CT_PASS(M1("12:05")));
	ct_clock(M1("12:11"));
	READS(st.oa2.tok, &e1.x, "Delta", RE(M1("12:10"), 900));
	ct_clock(M1("12:41"));
	READS(st.oa2.tok, &e1.x, "Delta", RE(M1("12:40"), 1100));
	json_object_put(CT_PASS(M1("13:05")));
	p = itest_fmt(CURINFO "%s", e1.r.uid);
	GET200(p, st.bu1.tok, &r);
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "ongoing_next_issuance"));
	ITEST_ASSERT_JINT(&r, "historynextissuansinfo.totalItems", 0);
	itest_resp_free(&r);
	itest_expect_error("GET", p, st.bu2.tok, NULL, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	itest_expect_error("GET", p, st.oa1.tok, NULL, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	free(p);
	itest_expect_error("GET", CURINFO "abc", st.bu1.tok, NULL, NULL, 400,
	    "INVALID_ID");
	p = itest_fmt("/api/device-group/current-information/%s", e1.r.uid);
	GET200(p, st.oa2.tok, &r);
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "ongoing_next_issuance"));
	itest_resp_free(&r);
	free(p);
	/* By id too, and the page parameter is checked. */
	p = itest_fmt(CURINFO "%lld?pageNumber=0", e1.r.id);
	itest_expect_error("GET", p, st.bu1.tok, NULL, NULL, 400,
	    "INVALID_QUERY");
	free(p);
}

/* Vectors 21-23: Example 1 after its 15:21 pass. */
static void
ex1_spans_and_items(void)
{
	struct itest_resp	 r;
	char			*p, *w;
	size_t			 i, n;

	ITEST_REQUIRE(e1.r.uid != NULL);
	ct_clock(M1("15:20"));
	READS(st.oa2.tok, &e1.x, "Delta", RE(M1("12:55"), 700));
	ct_clock("2025-03-01T15:20:30.000Z");
	READS(st.oa2.tok, &e1.x, "Delta", RE(M1("13:30"), 600));
	json_object_put(CT_PASS(M1("15:21")));
	w = itest_fmt("{\"certifieddevices_startToend\":[{\"deviceId\":%lld,"
	    "\"externalId\":\"Xion Mall\",\"internalExternalId\":\"%s\","
	    "\"firstcertifiedstartdate\":\"" M1("09:50") "\","
	    "\"lastcertifiedenddate\":\"" M1("12:55") "\",\"certifiedWh\":"
	    "8200}],\"totalItems\":1,\"currentPage\":1,\"totalPages\":1}",
	    e1.x.id, e1.x.iid);
	/* 21, and 22: %26 decodes to the literal segment. */
	p = itest_fmt(SPANS "?groupUid=%s&pagenumber=1", e1.r.uid);
	GET200(p, st.bu1.tok, &r);
	JEQ(&r, "", w);
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api/device/certifiedlog/first%%26lastdate?groupUid=%s",
	    e1.r.uid);
	GET200(p, st.bu1.tok, &r);
	JEQ(&r, "", w);
	itest_resp_free(&r);
	/* The developer of the device, by externalId; the Admin. */
	GET200(p, st.oa2.tok, &r);
	JEQ(&r, "", w);
	itest_resp_free(&r);
	GET200(p, st.admin, &r);
	JEQ(&r, "", w);
	itest_resp_free(&r);
	free(p);
	p = itest_fmt(SPANS "?groupUid=%s&externalId=Xion%%20Mall", e1.r.uid);
	GET200(p, st.oa2.tok, &r);
	JEQ(&r, "", w);
	itest_resp_free(&r);
	free(p);
	p = itest_fmt(SPANS "?groupUid=%s&externalId=%s", e1.r.uid, e1.x.iid);
	GET200(p, st.bu1.tok, &r);
	JEQ(&r, "", w);
	itest_resp_free(&r);
	free(p);
	free(w);
	/* Naming nothing visible: the empty list. */
	w = strdup("{\"certifieddevices_startToend\":[],\"totalItems\":0,"
	    "\"currentPage\":1,\"totalPages\":0}");
	p = itest_fmt(SPANS "?groupUid=%s&externalId=nope", e1.r.uid);
	GET200(p, st.bu1.tok, &r);
	JEQ(&r, "", w);
	itest_resp_free(&r);
	free(p);
	p = itest_fmt(SPANS "?groupUid=%s", e1.r.uid);
	GET200(p, st.bu2.tok, &r);
	JEQ(&r, "", w);
	itest_resp_free(&r);
	GET200(p, st.oa1.tok, &r);	/* a developer without its devices */
	JEQ(&r, "", w);
	itest_resp_free(&r);
	free(p);
	GET200(SPANS "?groupUid=00000000-0000-4000-8000-000000000000",
	    st.bu1.tok, &r);
	JEQ(&r, "", w);
	itest_resp_free(&r);
	free(w);
	itest_request("GET", SPANS "?groupUid=abc", st.bu1.tok, NULL, NULL,
	    NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_QUERY");
	itest_assert_fields(&r, "groupUid", NULL);
	itest_resp_free(&r);
	itest_request("GET", SPANS, st.bu1.tok, NULL, NULL, NULL, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_QUERY");
	itest_assert_fields(&r, "groupUid", NULL);
	itest_resp_free(&r);
	/* 23: every certificate item has the two constant keys. */
	p = itest_fmt("/api/certificate-log/issuer/certified/new/%s",
	    e1.r.uid);
	GET200(p, st.bu1.tok, &r);
	n = itest_jlen(&r, "certificatelog");
	ITEST_ASSERT_R(&r, n == 4);
	for (i = 0; i < n; i++) {
		char *k = itest_fmt("certificatelog.%zu.creationBlockHash", i);

		JEQ(&r, k, "\"\"");
		free(k);
		k = itest_fmt("certificatelog.%zu.transactions", i);
		JEQ(&r, k, "[]");
		free(k);
	}
	itest_resp_free(&r);
	free(p);
}

/* ================================================================ Ex 4 */

/* Reservation 40's history list: device 7 with status. */
static char *
hist_want(long long id, const char *status)
{
	return itest_fmt("[{\"deviceId\":%lld,\"externalId\":\"Dev-7\","
	    "\"device_externalid\":\"Dev-7\",\"reservationStartDate\":"
	    "\"2024-06-01T00:00:00.000Z\",\"reservationEndDate\":"
	    "\"2025-01-01T00:00:00.000Z\",\"device_createdAt\":"
	    "\"2025-01-10T00:00:00.000Z\",\"status\":\"%s\"}]", id,
	    status);
}

/* Vector 20: reservation 40's history list, before and after a pass. */
static void
ex4_history_list(void)
{
	struct itest_resp	 r;
	struct ct_party		 b, d;
	struct ct_dev		 x;
	struct ct_res		 res;
	char			*p, *w;

	fixture();
	ct_party_new(&b, "Buyer", "cl");
	ct_party_new(&d, "Developer", "cl");
	ct_clock("2025-01-10T00:00:00.000Z");
	x = ct_device(d.tok, "%s", "{\"externalId\":\"Dev-7\"}");
	ct_clock(D25("01-20", "07:00"));
	READS(d.tok, &x, "History",
	    RD(D24("07-01", "00:00"), D24("07-31", "00:00"), 30000) ","
	    RD(D24("08-01", "00:00"), D24("08-31", "00:00"), 800));
	ct_clock(D25("01-20", "08:00"));
	res = CT_RESERVE(b.tok, "{\"name\":\"Example 4\",\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":0.1,\"reservationStartDate\":"
	    "\"2024-06-01\",\"reservationEndDate\":\"2025-01-01\","
	    "\"reservationExpiryDate\":\"2025-06-30\",\"authorityToExceed\":"
	    "true,\"frequency\":\"daily\"}", x.id);
	p = itest_fmt(CURINFO "%s", res.uid);
	w = hist_want(x.id, "Pending");
	GET200(p, b.tok, &r);
	JEQ(&r, "historynextissuansinfo.AllDeviceshistnextissuansinfo", w);
	free(w);
	ITEST_ASSERT_JINT(&r, "historynextissuansinfo.totalItems", 1);
	ITEST_ASSERT_JINT(&r, "historynextissuansinfo.totalPages", 1);
	ITEST_ASSERT_JSTR(&r, "ongoing_next_issuance.start_date",
	    "2024-06-01T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "ongoing_next_issuance.end_date",
	    "2024-06-02T00:00:00.000Z");
	ITEST_ASSERT_JSTR(&r, "ongoing_next_issuance.dueAt",
	    "2024-06-02T00:05:00.000Z");
	itest_resp_free(&r);
	/* The developer of the device sees its entry too. */
	GET200(p, d.tok, &r);
	ITEST_ASSERT_JINT(&r, "historynextissuansinfo.totalItems", 1);
	itest_resp_free(&r);
	json_object_put(CT_PASS(D25("01-20", "08:05")));
	w = hist_want(x.id, "Completed");
	GET200(p, b.tok, &r);
	JEQ(&r, "historynextissuansinfo.AllDeviceshistnextissuansinfo", w);
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "ongoing_next_issuance"));
	itest_resp_free(&r);
	free(p);
	free(w);
}

/* ================================================================ Ex 2 */

static struct {
	struct ct_party	 d10, d11;
	struct ct_dev	 a, b, c;
	struct ct_res	 r;
	long long	 base;
} e2;

#define KEN_B	"{\"countryCode\":\"KEN\",\"latitude\":\"-1.29\"," \
		"\"longitude\":\"36.82\",\"externalId\":\"B\"}"

/* The body of a CSV response, or NULL when not a 200 CSV. */
static char *
csv_get(const char *path, const char *tok, struct itest_resp *r)
{
	itest_checks = ITEST_CHECK_REQUEST_ID;
	itest_get(path, tok, r);
	itest_checks = ITEST_CHECK_ALL;
	if (r->status != 200 || r->content_type == NULL ||
	    strcmp(r->content_type, "text/csv; charset=utf-8") != 0)
		return NULL;
	return r->body;
}

/* One CSV line of Example 2 (certificate base + k). */
static char *
e2_line(int k, const struct ct_dev *d, long long wh, const char *s,
    const char *e, const char *tuid)
{
	return itest_fmt("%s,Example 2,%s,%s,%lld,%s,%lld\n", d->ext, s, e, wh,
	    tuid, e2.base + k);
}

/* The transaction UID of certificate id (ledger). */
static char *
tx_uid(long long id)
{
	struct itest_resp	 r;
	char			*p, *t;

	p = itest_fmt("/api/certificate-log/ledger?afterId=%lld&limit=1",
	    id - 1);
	itest_get(p, NULL, &r);
	t = strdup(itest_jstr(&r, "entries.0.certificateTransactionUID") ?
	    itest_jstr(&r, "entries.0.certificateTransactionUID") : "?");
	itest_resp_free(&r);
	free(p);
	return t;
}

/* Vectors 24-25: the per-device CSV. */
static void
ex2_export(void)
{
	struct itest_resp	 r;
	struct ct_dev		 nc;
	struct ct_res		 empty;
	char			*p, *body, *want, *l[5], *t[5], *cd;
	int			 i;

	fixture();
	ct_party_new(&e2.d10, "Developer", "cl");
	ct_party_new(&e2.d11, "Developer", "cl");
	ct_clock(D25("01-30", "00:00"));
	e2.a = ct_device(e2.d10.tok, "%s", "{\"externalId\":\"A\"}");
	e2.b = ct_device(e2.d10.tok, "%s", KEN_B);
	e2.c = ct_device(e2.d11.tok, "%s", "{\"externalId\":\"C\"}");
	ct_clock(D25("01-30", "12:00"));
	e2.r = CT_RESERVE(st.bu1.tok, "{\"name\":\"Example 2\",\"deviceIds\":"
	    "[%lld,%lld,%lld],\"targetCapacityInMegaWattHour\":0.1,"
	    "\"reservationStartDate\":\"2025-02-01T00:00:00Z\","
	    "\"reservationEndDate\":\"2025-02-03T00:00:00Z\","
	    "\"authorityToExceed\":true,\"frequency\":\"daily\"}", e2.a.id,
	    e2.b.id, e2.c.id);
	e2.base = ct_head(NULL);
	ct_clock(D25("01-31", "00:01"));
	READS(e2.d10.tok, &e2.b, "Aggregate", RE(D25("01-31", "00:00"), 100000));
	ct_clock(D25("02-01", "06:01"));
	READS(e2.d10.tok, &e2.a, "Delta", RD(D25("01-31", "18:00"),
	    D25("02-01", "06:00"), 1500));
	ct_clock(D25("02-01", "12:01"));
	READS(e2.d10.tok, &e2.b, "Aggregate", RE(D25("02-01", "12:00"), 104000));
	ct_clock(D25("02-01", "18:01"));
	READS(e2.d10.tok, &e2.a, "Delta", RE(D25("02-01", "18:00"), 2650));
	ct_clock("2025-02-02T00:00:30.000Z");
	READS(e2.d11.tok, &e2.c, "Delta", RD(D25("02-01", "12:00"),
	    "2025-02-01T23:59:59.999Z", 10));
	ct_clock(D25("02-02", "00:01"));
	READS(e2.d10.tok, &e2.b, "Aggregate", RE(D25("02-02", "00:00"), 107333));
	json_object_put(CT_PASS(D25("02-02", "00:05")));
	ct_clock(D25("02-02", "06:01"));
	READS(e2.d10.tok, &e2.a, "Delta", RE(D25("02-02", "06:00"), 900));
	ct_clock(D25("02-02", "12:01"));
	READS(e2.d10.tok, &e2.b, "Aggregate", RE(D25("02-02", "12:00"), 109334));
	ct_clock(D25("02-02", "18:01"));
	READS(e2.d10.tok, &e2.a, "Delta", RE(D25("02-02", "18:00"), 1234));
	json_object_put(CT_PASS(D25("02-03", "00:05")));
	ITEST_REQUIRE(ct_head(NULL) == e2.base + 4);

	for (i = 0; i < 4; i++)
		t[i] = tx_uid(e2.base + 1 + i);
	l[0] = e2_line(1, &e2.a, 4150, D25("01-31", "18:00"),
	    D25("02-01", "18:00"), t[0]);
	l[1] = e2_line(1, &e2.c, 10, D25("02-01", "12:00"),
	    "2025-02-01T23:59:59.999Z", t[0]);
	l[2] = e2_line(2, &e2.b, 4000, D25("01-31", "00:00"),
	    D25("02-01", "12:00"), t[1]);
	l[3] = e2_line(3, &e2.a, 2134, D25("02-01", "18:00"),
	    D25("02-02", "18:00"), t[2]);
	l[4] = e2_line(4, &e2.b, 5334, D25("02-01", "12:00"),
	    D25("02-02", "12:00"), t[3]);
	/* 24: the buyer; by uid and by id. */
	want = itest_fmt(CSV_HEAD "%s%s%s%s%s", l[0], l[1], l[2], l[3], l[4]);
	p = itest_fmt(EXPORT "%s", e2.r.uid);
	body = csv_get(p, st.bu1.tok, &r);
	ITEST_ASSERT_R(&r, body != NULL && strcmp(body, want) == 0);
	HDR(&r, "Cache-Control", "no-store");
	cd = itest_fmt("attachment; filename=\"Example 2_%s.csv\"; "
	    "filename*=UTF-8''Example%%202_%s.csv", "2025-02-03",
	    "2025-02-03");
	HDR(&r, "Content-Disposition", cd);
	free(cd);
	itest_resp_free(&r);
	free(p);
	p = itest_fmt(EXPORT "%lld", e2.r.id);
	body = csv_get(p, st.admin, &r);
	ITEST_ASSERT_R(&r, body != NULL && strcmp(body, want) == 0);
	itest_resp_free(&r);
	free(want);
	/* 25: organization 11 sees its row; BU2 and organization 11's
	 * neighbours nothing. */
	want = itest_fmt(CSV_HEAD "%s", l[1]);
	body = csv_get(p, e2.d11.tok, &r);
	ITEST_ASSERT_R(&r, body != NULL && strcmp(body, want) == 0);
	itest_resp_free(&r);
	free(want);
	itest_expect_error("GET", p, st.bu2.tok, NULL, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	itest_expect_error("GET", p, st.oa1.tok, NULL, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	free(p);
	itest_expect_error("GET", EXPORT "abc", st.bu1.tok, NULL, NULL, 400,
	    "INVALID_ID");
	/* A reservation of B1 without certificates. */
	ct_clock(D25("04-01", "00:00"));
	nc = ct_device(st.oa1.tok, "%s", "{\"externalId\":\"No-Cert-1\"}");
	empty = CT_RESERVE(st.bu1.tok, "{\"name\":\"=Empty, \\\"quoted\\\"\","
	    "\"deviceIds\":[%lld],\"targetCapacityInMegaWattHour\":0.1,"
	    "\"reservationStartDate\":\"2025-04-02T00:00:00Z\","
	    "\"reservationEndDate\":\"2025-04-03T00:00:00Z\","
	    "\"authorityToExceed\":true,\"frequency\":\"daily\"}", nc.id);
	p = itest_fmt(EXPORT "%s", empty.uid);
	body = csv_get(p, st.bu1.tok, &r);
	ITEST_ASSERT_R(&r, body != NULL && strcmp(body, CSV_HEAD) == 0);
	/* The name's '=' '"' ',' are filename-safe characters no more. */
	HDR(&r, "Content-Disposition", "attachment; filename=\"_Empty_ "
	    "_quoted__2025-04-01.csv\"; filename*=UTF-8''%3DEmpty%2C%20%22"
	    "quoted%22_2025-04-01.csv");
	itest_resp_free(&r);
	body = csv_get(p, st.admin, &r);
	ITEST_ASSERT_R(&r, body != NULL && strcmp(body, CSV_HEAD) == 0);
	itest_resp_free(&r);
	itest_expect_error("GET", p, st.oa1.tok, NULL, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	free(p);
	for (i = 0; i < 5; i++)
		free(l[i]);
	for (i = 0; i < 4; i++)
		free(t[i]);
}

/* Vector 26: the redemption report after a claim of certificate 1. */
static void
ex2_redemption_report(void)
{
	struct itest_resp	 r;
	long long		 id = e2.base + 1;
	char			*p, *w, *lists;

	ITEST_REQUIRE(e2.r.uid != NULL);
	ct_clock(D25("02-05", "00:00"));
	p = itest_fmt("/api/certificate-log/%lld/claim", id);
	itest_post(p, st.bu1.tok, "{\"beneficiary\":\"School X\"}", &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	itest_resp_free(&r);
	free(p);
	/* The reservation's §3.7 lists, as it shows them. */
	p = itest_fmt("/api/buyer-reservation/%lld", e2.r.id);
	GET200(p, st.bu1.tok, &r);
	free(p);
	ITEST_REQUIRE(itest_jhas(&r, "commissioningDateRange"));
	lists = itest_fmt("\"fuelCode\":%s,\"capacityRange\":%s,"
	    "\"offTakers\":%s,\"commissioningDateRange\":%s",
	    json_object_to_json_string(itest_jget(&r, "fuelCode")),
	    json_object_to_json_string(itest_jget(&r, "capacityRange")),
	    json_object_to_json_string(itest_jget(&r, "offTakers")),
	    json_object_to_json_string(itest_jget(&r, "commissioningDateRange")));
	ITEST_ASSERT_JSTR(&r, "capacityRange", "1.01kW - 50kW");
	JEQ(&r, "fuelCode", "[\"ES100\"]");
	itest_resp_free(&r);
	GET200(REPORT, st.bu1.tok, &r);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 1);
	w = itest_fmt("{\"certificateId\":%lld,\"reservationId\":%lld,"
	    "\"reservationUid\":\"%s\",\"reservationName\":\"Example 2\","
	    "\"redemptionDate\":\"" D25("02-05", "00:00") "\",\"claimedAt\":\""
	    D25("02-05", "00:00") "\",\"recordedAt\":\"" D25("02-05", "00:00")
	    "\",\"certifiedEnergy\":0.00416,\"energyWh\":4160,\"compliance\":"
	    "\"I-REC\",\"country\":[\"IND\"],%s,\"beneficiary\":"
	    "\"School X\",\"beneficiary_address\":null,\"claimCoiuntryCode\":"
	    "null,\"purpose\":null}", id, e2.r.id, e2.r.uid, lists);
	free(lists);
	JEQ(&r, "0", w);
	/* certifiedEnergy is the exact decimal text. */
	ITEST_ASSERT_R(&r, strstr(r.body, "\"certifiedEnergy\":0.00416,") !=
	    NULL);
	itest_resp_free(&r);
	itest_expect_error("GET", REPORT, e2.d10.tok, NULL, NULL, 403,
	    "FORBIDDEN");
	GET200(REPORT, st.bu2.tok, &r);
	JEQ(&r, "", "[]");
	itest_resp_free(&r);
	GET200(REPORT, st.admin, &r);
	JEQ(&r, "0", w);
	itest_resp_free(&r);
	/* The claimedAt range. */
	GET200(REPORT "?start_date=2025-02-06", st.bu1.tok, &r);
	JEQ(&r, "", "[]");
	itest_resp_free(&r);
	GET200(REPORT "?end_date=2025-02-05", st.bu1.tok, &r);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 1);
	itest_resp_free(&r);
	itest_expect_error("GET", REPORT "?start_date=x", st.bu1.tok, NULL,
	    NULL, 400, "INVALID_QUERY");
	p = itest_fmt(REPORT "?organizationId=%lld", st.bu2.org);
	GET200(p, st.admin, &r);
	JEQ(&r, "", "[]");
	itest_resp_free(&r);
	free(p);
	p = itest_fmt(REPORT "?organizationId=%lld", st.bu1.org);
	GET200(p, st.admin, &r);
	JEQ(&r, "0", w);
	itest_resp_free(&r);
	free(p);
	free(w);
	ct_clock_clear();
}

/*
 * clients.md §6.5's formula guard (dom_csv_formula): a reservation name
 * starting with '+' or '@' is exported with a leading "'", quoted when
 * it holds a comma; the name is restored afterwards.
 */
static void
ex2_export_formula(void)
{
	static const struct {
		const char *name, *cell;
	} v[] = {
		{ "+Formula, 1", ",\"'+Formula, 1\"," },
		{ "@cmd", ",'@cmd," },
		{ "Example 2", ",Example 2," },
	};
	struct itest_resp	 r;
	char			*p, *x, *b, *body, *line;
	size_t			 i;
	int			 lines;

	ITEST_REQUIRE(e2.r.uid != NULL);
	p = itest_fmt("/api/buyer-reservation/%lld", e2.r.id);
	x = itest_fmt(EXPORT "%s", e2.r.uid);
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		b = itest_fmt("{\"name\":\"%s\"}", v[i].name);
		itest_request("PATCH", p, st.bu1.tok, NULL, b, NULL, &r);
		ITEST_ASSERT_STATUS_FATAL(&r, 200);
		itest_resp_free(&r);
		free(b);
		body = csv_get(x, st.bu1.tok, &r);
		ITEST_ASSERT_R(&r, body != NULL && strncmp(body, CSV_HEAD,
		    strlen(CSV_HEAD)) == 0);
		/* Every data line carries the name as the guarded cell. */
		lines = 0;
		for (line = body ? body + strlen(CSV_HEAD) : NULL;
		    line != NULL && *line != '\0'; line = strchr(line, '\n') + 1) {
			ITEST_ASSERT_R(&r, strstr(line, v[i].cell) != NULL &&
			    strstr(line, v[i].cell) < strchr(line, '\n'));
			lines++;
		}
		ITEST_ASSERT_R(&r, lines == 5);
		itest_resp_free(&r);
	}
	free(x);
	free(p);
}

static const struct ct_test tests[] = {
	{ "18: current-information, Example 1 at 11:30",
	  ex1_current_information },
	{ "19: current-information after the end; other callers",
	  ex1_after_end },
	{ "21-23: first&lastdate; creationBlockHash, transactions",
	  ex1_spans_and_items },
	{ "20: the history list of reservation 40", ex4_history_list },
	{ "24-25: expoert_perdevice CSV", ex2_export },
	{ "26: redemption-report", ex2_redemption_report },
	{ "§6.5: formula guard in the CSV export", ex2_export_formula },
};

void
cl_examples_register(CU_pSuite s)
{
	cl_add_tests(s, tests, NELEM(tests));
}
