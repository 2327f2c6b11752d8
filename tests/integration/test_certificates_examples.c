/*
 * Certificates: the worked examples of certificates.md §10 run through
 * the server (test clock, real meter-read ingestion, reservations, and
 * passes with POST /api/drec-issuer/run as Admin at the spec's instants),
 * and the §12 vectors built on them:
 *
 *	ex1		§10.1; vectors 7, 10, 12, 19 (Admin), 21, 33; r7
 *			free for another reservation; 24 (ledger paging,
 *			with the 5 certificates this makes); §9.4 item shape
 *	ex1_early_end	vector 17
 *	ex1_expiry	vector 35
 *	ex2		§10.2; vectors 13, 26, 28, 29, 37, then 30-31
 *			(claims), more roles and claim rules, and 36
 *			(device delete rules)
 *	ex3		§10.3 (monthly, calendar windows, owner 0xAb12);
 *			vector 3 (monthly half)
 *	ex4		§10.4 (History reads)
 *	ex4_history_target	R15: History counted and capped
 *	ex5		§10.5; vector 14; ex5_exceed vector 15; ex5_exact
 *			vector 16; ex5_patch_false: §5's PATCH completion
 *
 * The spec's ids (reservation 12, organization 3, device 1) are the
 * server's here; certificate ids are the ledger's (scripts/test gives the
 * suite an empty ledger, so example 1 gets certificates 1-4 as in §10.1;
 * later scenarios check ids relative to the ledger head they start from).
 * Every scenario ends with a pass past its reservations' expiry.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_certificates.h"

#define M1(hm)		"2025-03-01T" hm ":00.000Z"

/* ================================================================ §10.1 */

static struct {
	struct ct_party	 b, d;
	struct ct_dev	 x;
	struct ct_res	 r, r7;
	long long	 base;
	int		 done;
} e1;

static const char e1_res[] = "{\"name\":\"%s\",\"deviceIds\":[%lld],"
    "\"targetCapacityInMegaWattHour\":0.05,\"reservationStartDate\":\""
    M1("10:00") "\",\"reservationEndDate\":\"" M1("13:00") "\","
    "\"reservationExpiryDate\":\"%s\",\"authorityToExceed\":true,"
    "\"frequency\":\"hourly\",\"continueWithReservationIfTargetCapacity"
    "IsLessThanDeviceTotalCapacityBetweenDuration\":true}";

static void
ex1_hourly_late(void)
{
	struct json_object	*s, *e;
	char			*own, *out, h0[65], h1[65];
	long long		 b;
	int			 st;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("ex1_hourly_late");
	ct_party_new(&e1.b, "buyer", "e1b");
	ct_party_new(&e1.d, "developer", "e1d");
	own = ct_owner_of(&e1.b);
	ct_clock("2025-02-28T00:00:00.000Z");
	e1.x = ct_device(e1.d.tok, "{\"externalId\":\"Xion Mall\"}");
	ct_clock(M1("09:00"));
	e1.r = CT_RESERVE(e1.b.tok, e1_res, "Example 1", e1.x.id,
	    "2025-04-30T13:00:00.000Z");
	b = e1.base = ct_head(NULL);
	ct_clock(M1("10:16"));
	CT_READS(e1.d.tok, &e1.x, "Delta", RD(M1("09:50"), M1("10:15"), 1200));
	ct_clock(M1("10:46"));
	CT_READS(e1.d.tok, &e1.x, "Delta", RD(M1("10:15"), M1("10:45"), 1800));

	/* Vector 7: window 10-11 is due at 11:05, not at 11:04:59.999. */
	s = CT_PASS("2025-03-01T11:04:59.999Z");
	CT_SUM_IDS(s, b + 1, 0);
	CT_JEQ(s, "windowsIssued", "0");
	CT_JEQ(s, "readsCertified", "0");
	json_object_put(s);
	CT_CHECK(ct_head(NULL) == b, "vector 7: no certificate at "
	    "11:04:59.999");

	/* Vector 33: with an override set, the timer's `drecctl issue` does
	 * nothing (exit 0); the HTTP run uses the frozen instant. */
	ct_clock(M1("11:05"));
	st = ct_drecctl_sh("issue", &out);
	CT_CHECK(st == 0, "vector 33: drecctl issue with an override exits 0 "
	    "(got %d)", st);
	CT_CHECK(out != NULL && strstr(out, "no pass") != NULL &&
	    strstr(out, "certificateIds") == NULL, "vector 33: drecctl issue "
	    "reports that it ran no pass (got %s)", out ? out : "");
	free(out);
	CT_CHECK(ct_head(NULL) == b, "vector 33: drecctl issue issued nothing");
	CT_CHECK(ct_sql_ll("SELECT COUNT(*) FROM meter_read WHERE device_id = "
	    "%lld AND certificate_id IS NOT NULL", e1.x.id) == 0,
	    "vector 33: no read certified by drecctl issue");

	s = CT_PASS(M1("11:05"));
	CT_SUM_IDS(s, b + 1, 1);
	CT_JEQ(s, "energyWh", "3000");
	CT_JEQ(s, "excessWh", "0");
	CT_JEQ(s, "readsCertified", "2");
	CT_JEQ(s, "windowsIssued", "1");
	CT_JEQ(s, "reservationsEnded", "[]");
	CT_JEQ(s, "reservationsCompleted", "[]");
	json_object_put(s);
	CT_CERT(b + 1, &e1.r, own, WANT(M1("10:00"), M1("11:00"), "IND", 3000,
	    0, M1("09:50"), M1("10:45"), 0, "window", 2, 1));
	if ((e = ct_entry(b + 1)) != NULL) {
		/* The record of §8's test vector, with this server's ids. */
		CT_JEQ(e, "devices", "[{\"deviceId\":%lld,\"externalId\":"
		    "\"Xion Mall\",\"internalExternalId\":\"%s\","
		    "\"readCount\":2,\"wh\":3000}]", e1.x.id, e1.x.iid);
		CT_JEQ(e, "buyerOrganizationId", "%lld", e1.b.org);
		CT_JEQ(e, "issuedAt", "\"" M1("11:05") "\"");
		CT_CHECK(itest_ostr(e, "certificateTransactionUID") != NULL &&
		    strlen(itest_ostr(e, "certificateTransactionUID")) == 36 &&
		    itest_ostr(e, "certificateTransactionUID")[14] == '4',
		    "certificateTransactionUID a UUID v4");
		if (b == 0)	/* vector 21 */
			CT_JEQ(e, "prevHash", "\"" CT_ZEROS "\"");
		json_object_put(e);
	}
	RES_STATE(&e1.r, "active", 3000, 1, M1("11:00"), 0);

	/* Vector 10: a second pass with no new reads changes nothing. */
	ct_head(h0);
	s = CT_PASS(M1("11:06"));
	CT_SUM_IDS(s, b + 2, 0);
	CT_JEQ(s, "windowsIssued", "0");
	json_object_put(s);
	CT_CHECK(ct_head(h1) == b + 1 && strcmp(h0, h1) == 0,
	    "vector 10: the ledger is unchanged");

	ct_clock(M1("11:31"));
	CT_READS(e1.d.tok, &e1.x, "Delta", RD(M1("10:45"), M1("11:30"), 2500));
	s = CT_PASS(M1("12:05"));
	CT_SUM_IDS(s, b + 2, 1);
	json_object_put(s);
	CT_CERT(b + 2, &e1.r, own, WANT(M1("11:00"), M1("12:00"), "IND", 2500,
	    0, M1("10:45"), M1("11:30"), 0, "window", 1, 1));

	ct_clock(M1("12:11"));
	CT_READS(e1.d.tok, &e1.x, "Delta", RE(M1("12:10"), 900));
	ct_clock(M1("12:41"));
	CT_READS(e1.d.tok, &e1.x, "Delta", RE(M1("12:40"), 1100));
	s = CT_PASS(M1("13:05"));
	CT_SUM_IDS(s, b + 3, 1);
	CT_INTS(s, "reservationsEnded", e1.r.id);
	json_object_put(s);
	CT_CERT(b + 3, &e1.r, own, WANT(M1("12:00"), M1("13:00"), "IND", 2000,
	    0, M1("11:30"), M1("12:40"), 0, "window", 2, 1));
	RES_STATE(&e1.r, "ended", 7500, 3, M1("13:00"), 0);

	/* r6 received 15:20, r7 after it. */
	ct_clock(M1("15:20"));
	CT_READS(e1.d.tok, &e1.x, "Delta", RE(M1("12:55"), 700));
	ct_clock("2025-03-01T15:20:30.000Z");
	CT_READS(e1.d.tok, &e1.x, "Delta", RE(M1("13:30"), 600));
	s = CT_PASS(M1("15:21"));
	CT_SUM_IDS(s, b + 4, 1);
	CT_JEQ(s, "energyWh", "700");
	CT_JEQ(s, "windowsIssued", "0");
	CT_JEQ(s, "reservationsEnded", "[]");
	json_object_put(s);
	/* Vector 12: certificate 4 is late. */
	CT_CERT(b + 4, &e1.r, own, WANT(M1("12:00"), M1("13:00"), "IND", 700,
	    0, M1("12:40"), M1("12:55"), 1, "window", 1, 1));
	RES_STATE(&e1.r, "ended", 8200, 4, M1("13:00"), 0);
	CT_CHECK(ct_certified_reads(&e1.x) == 6, "r1-r6 certified (8 200 Wh)");
	CT_CHECK(ct_read_cert(&e1.x, M1("13:30")) == 0,
	    "r7 ends after 13:00: not in the reservation");
	CT_PROPS(&e1.r.id, 1, ct_ms(M1("15:21")));

	/* r7 is free for another reservation from 13:00. */
	ct_clock(M1("15:22"));
	e1.r7 = CT_RESERVE(e1.b.tok, "{\"name\":\"Example 1 r7\","
	    "\"deviceIds\":[%lld],\"targetCapacityInMegaWattHour\":0.001,"
	    "\"reservationStartDate\":\"" M1("13:00") "\","
	    "\"reservationEndDate\":\"" M1("14:00") "\",\"authorityToExceed\":"
	    "true,\"frequency\":\"hourly\"}", e1.x.id);
	s = CT_PASS(M1("15:25"));
	CT_SUM_IDS(s, b + 5, 1);
	CT_INTS(s, "reservationsEnded", e1.r7.id);
	json_object_put(s);
	CT_CERT(b + 5, &e1.r7, own, WANT(M1("13:00"), M1("14:00"), "IND", 600,
	    0, M1("12:55"), M1("13:30"), 0, "window", 1, 1));
	CT_VERIFY_OK(b + 5);
	e1.done = 1;
	free(own);
}

/* Vector 24: the public ledger, paged (5 certificates after ex1). */
static void
ex1_v24_ledger_route(void)
{
	struct itest_resp	 r;
	char			*p;
	long long		 b = e1.base;

	ITEST_REQUIRE(e1.done);
	p = itest_fmt(CT_LEDGER "?afterId=%lld&limit=2", b + 2);
	itest_get(p, NULL, &r);
	free(p);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "entries") == 2 &&
	    itest_jint(&r, "entries.0.id") == b + 3 &&
	    itest_jint(&r, "entries.1.id") == b + 4);
	ITEST_ASSERT_JINT(&r, "nextAfterId", b + 4);
	ITEST_ASSERT_JINT(&r, "headId", b + 5);
	ITEST_ASSERT_R(&r, itest_jstr(&r, "headHash") != NULL &&
	    strlen(itest_jstr(&r, "headHash")) == 64);
	/* Entries: every hashed field plus hash and signature. */
	{
		static const char *const keys[] = { "buyerOrganizationId",
		    "certificateTransactionUID", "countryCode", "devices",
		    "energyWh", "excessWh", "generationEndTime",
		    "generationStartTime", "id", "issuedAt", "keyId", "kind",
		    "late", "owner", "prevHash", "reservationId",
		    "reservationUid", "version", "windowEnd", "windowStart",
		    "hash", "signature" };
		struct json_object *e = itest_jget(&r, "entries.0");
		size_t i;

		for (i = 0; i < NELEM(keys); i++)
			CT_CHECK(itest_ohas(e, keys[i]), "ledger entry key %s",
			    keys[i]);
		CT_CHECK(json_object_object_length(e) == (int)NELEM(keys),
		    "a ledger entry has exactly the 20 hashed fields, hash "
		    "and signature");
		CT_CHECK(strcmp(itest_ostr(e, "prevHash"), itest_ostr(
		    itest_jget(&r, "entries.1"), "prevHash")) != 0 &&
		    strcmp(itest_ostr(e, "hash"), itest_ostr(itest_jget(&r,
		    "entries.1"), "prevHash")) == 0, "entry 4's prevHash is "
		    "entry 3's hash");
	}
	itest_resp_free(&r);
	p = itest_fmt(CT_LEDGER "?afterId=%lld&limit=2", b + 4);
	itest_get(p, NULL, &r);
	free(p);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "entries") == 1 &&
	    itest_jint(&r, "entries.0.id") == b + 5);
	CT_JEQ(r.json, "nextAfterId", "null");
	itest_resp_free(&r);
	/* Defaults: afterId 0, limit 100. */
	itest_get(CT_LEDGER, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jint(&r, "entries.0.id") == 1 &&
	    (long long)itest_jlen(&r, "entries") == (b + 5 < 100 ? b + 5 :
	    100));
	itest_resp_free(&r);
	itest_expect_error("GET", CT_LEDGER "?afterId=2&limit=1001", NULL, NULL,
	    NULL, 400, "INVALID_QUERY");
	itest_expect_error("GET", CT_LEDGER "?limit=0", NULL, NULL, NULL, 400,
	    "INVALID_QUERY");
	itest_expect_error("GET", CT_LEDGER "?afterId=-1", NULL, NULL, NULL,
	    400, "INVALID_QUERY");
	itest_expect_error("GET", CT_LEDGER "?afterId=abc", NULL, NULL, NULL,
	    400, "INVALID_QUERY");
	/* afterId: any id (CONVENTIONS §6: up to 2^63-1). */
	itest_get(CT_LEDGER "?afterId=9223372036854775807", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	CT_JEQ(r.json, "entries", "[]");
	CT_JEQ(r.json, "nextAfterId", "null");
	itest_resp_free(&r);
	/* limit 1000 is allowed. */
	itest_get(CT_LEDGER "?limit=1000", NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
}

/* §9.4: the buyer's listing of example 1, item by item. */
static void
ex1_buyer_listing(void)
{
	struct json_object	*o, *it, *c1;
	char			*p, *own;
	long long		 b = e1.base;
	size_t			 i;

	ITEST_REQUIRE(e1.done);
	own = ct_owner_of(&e1.b);
	p = itest_fmt(CT_CERTIFIED "%s", e1.r.uid);
	o = GET_JSON(p, e1.b.tok);
	free(p);
	ITEM_IDS(o, "certificatelog", b + 4, b + 3, b + 2, b + 1);
	CT_JEQ(o, "totalItems", "4");
	CT_JEQ(o, "currentPage", "1");
	CT_JEQ(o, "totalPages", "1");
	for (i = 0; i < itest_olen(o, "certificatelog"); i++)
		CT_ITEM(json_object_array_get_idx(itest_oget(o,
		    "certificatelog"), i), 1);
	c1 = itest_oget(o, "certificatelog.3");
	/* §9.4's example item. */
	CT_JEQ(c1, "deviceId", "\"%lld\"", e1.r.id);
	CT_JEQ(c1, "generationStartTime", "1740822600");
	CT_JEQ(c1, "generationEndTime", "1740825900");
	CT_JEQ(c1, "creationTime", "1740827100");
	CT_JEQ(c1, "certificateStartDate", "\"" M1("09:50") "\"");
	CT_JEQ(c1, "certificateEndDate", "\"" M1("10:45") "\"");
	CT_JEQ(c1, "owners", "{\"%s\":\"3000\"}", own);
	CT_JEQ(c1, "claimers", "{}");
	CT_JEQ(c1, "claims", "[]");
	CT_JEQ(c1, "claim", "null");
	CT_JEQ(c1, "metadata", "{\"version\":\"v1.0\",\"buyerReservationId\":"
	    "\"%s\",\"isStandardIssuanceRequested\":\"I-REC\",\"type\":\"REC\","
	    "\"deviceIds\":[\"%s\"],\"groupId\":\"%lld\","
	    "\"certificateTransactionUID\":\"%s\"}", e1.r.uid, e1.x.iid,
	    e1.r.id, itest_ostr(c1, "metadata.certificateTransactionUID") ?
	    itest_ostr(c1, "metadata.certificateTransactionUID") : "?");
	CT_JEQ(c1, "energyWh", "3000");
	CT_JEQ(c1, "excessWh", "0");
	CT_JEQ(c1, "countryCode", "\"IND\"");
	CT_JEQ(c1, "kind", "\"window\"");
	CT_JEQ(c1, "late", "false");
	CT_JEQ(c1, "windowStart", "\"" M1("10:00") "\"");
	CT_JEQ(c1, "windowEnd", "\"" M1("11:00") "\"");
	CT_JEQ(c1, "issuedAt", "\"" M1("11:05") "\"");
	CT_JEQ(c1, "keyId", "\"%s\"", ct.key_id);
	it = itest_oget(c1, "perDeviceCertificateLog.0");
	CT_JEQ(it, "deviceId", "%lld", e1.x.id);
	CT_JEQ(it, "externalId", "\"Xion Mall\"");
	CT_JEQ(it, "internalExternalId", "\"%s\"", e1.x.iid);
	CT_JEQ(it, "countryCode", "\"IND\"");
	CT_JEQ(it, "certificate_issuance_startdate", "\"" M1("09:50") "\"");
	CT_JEQ(it, "certificate_issuance_enddate", "\"" M1("10:45") "\"");
	CT_JEQ(it, "readvalue_watthour", "3000");
	CT_JEQ(it, "readCount", "2");
	CT_JEQ(it, "ongoing_start_date", "\"" M1("10:00") "\"");
	CT_JEQ(it, "ongoing_end_date", "\"" M1("11:00") "\"");
	/* Certificate 4 is late. */
	CT_JEQ(itest_oget(o, "certificatelog.0"), "late", "true");
	json_object_put(o);
	/* The /new/ path serves the same. */
	p = itest_fmt(CT_CERTIFIED "new/%s?pageNumber=1", e1.r.uid);
	o = GET_JSON(p, e1.b.tok);
	free(p);
	ITEM_IDS(o, "certificatelog", b + 4, b + 3, b + 2, b + 1);
	json_object_put(o);
	/* Admin sees it as well. */
	p = itest_fmt(CT_CERTIFIED "%s", e1.r.uid);
	o = GET_JSON(p, ct.admin);
	free(p);
	CT_JEQ(o, "totalItems", "4");
	json_object_put(o);
	free(own);
}

static void
ex1_close(void)
{
	struct ct_res	 rr[2];

	ITEST_REQUIRE(e1.done);
	rr[0] = e1.r;
	rr[1] = e1.r7;
	CT_CLOSE("2025-05-01T00:00:00.000Z", rr, 2);
	RES_STATE(&e1.r, "ended", 8200, 4, M1("13:00"), 1);
	CT_PROPS(&e1.r.id, 1, ct_ms("2025-05-01T00:00:00.000Z"));
}

/* Vector 17: example 1 ended early at 11:40 (request at 11:40). */
static void
ex1_early_end(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 x;
	struct ct_res		 r;
	struct json_object	*s;
	struct itest_resp	 resp;
	char			*own, *p;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("ex1_early_end");
	ct_party_new(&b, "buyer", "e17b");
	ct_party_new(&d, "developer", "e17d");
	own = ct_owner_of(&b);
	ct_clock("2025-02-28T00:00:00.000Z");
	x = ct_device(d.tok, "{}");
	ct_clock(M1("09:00"));
	r = CT_RESERVE(b.tok, e1_res, "Example 1 early", x.id,
	    "2025-04-30T13:00:00.000Z");
	h = ct_head(NULL);
	ct_clock(M1("10:46"));
	CT_READS(d.tok, &x, "Delta", RD(M1("09:50"), M1("10:15"), 1200) ","
	    RE(M1("10:45"), 1800));
	s = CT_PASS(M1("11:05"));
	CT_SUM_IDS(s, h + 1, 1);
	json_object_put(s);
	ct_clock(M1("11:31"));
	CT_READS(d.tok, &x, "Delta", RE(M1("11:30"), 2500));
	ct_clock(M1("11:40"));
	p = itest_fmt(CT_BR "/endreservation/%lld", r.id);
	itest_request("DELETE", p, b.tok, NULL, NULL, NULL, &resp);
	free(p);
	ITEST_ASSERT_STATUS(&resp, 200);
	ITEST_ASSERT_JSTR(&resp, "reservationEndDate", M1("11:40"));
	ITEST_ASSERT_JSTR(&resp, "status", "active");
	itest_resp_free(&resp);
	s = CT_PASS(M1("11:45"));
	CT_SUM_IDS(s, h + 2, 1);
	CT_INTS(s, "reservationsEnded", r.id);
	json_object_put(s);
	CT_CERT(h + 1, &r, own, WANT(M1("10:00"), M1("11:00"), "IND", 3000, 0,
	    M1("09:50"), M1("10:45"), 0, "window", 2, 1));
	CT_CERT(h + 2, &r, own, WANT(M1("11:00"), M1("11:40"), "IND", 2500, 0,
	    M1("10:45"), M1("11:30"), 0, "window", 1, 1));
	RES_STATE(&r, "ended", 5500, 2, M1("11:40"), 0);
	ct_clock(M1("12:11"));
	CT_READS(d.tok, &x, "Delta", RE(M1("12:10"), 900));
	ct_clock(M1("12:41"));
	CT_READS(d.tok, &x, "Delta", RE(M1("12:40"), 1100));
	s = CT_PASS(M1("13:05"));
	json_object_put(s);
	CT_CHECK(ct_read_cert(&x, M1("12:10")) == 0 &&
	    ct_read_cert(&x, M1("12:40")) == 0, "vector 17: r4, r5 never "
	    "certified");
	RES_STATE(&r, "ended", 5500, 2, M1("11:40"), 0);
	CT_PROPS(&r.id, 1, ct_ms(M1("13:05")));
	CT_CLOSE("2025-05-01T00:00:00.000Z", &r, 1);
	free(own);
}

/* Vector 35: example 1 with expiry 15:00: r6 (received 15:20) is never
 * certified; the pass at 15:21 closes the reservation. */
static void
ex1_expiry(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 x;
	struct ct_res		 r;
	struct json_object	*s, *g;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("ex1_expiry");
	ct_party_new(&b, "buyer", "e35b");
	ct_party_new(&d, "developer", "e35d");
	ct_clock("2025-02-28T00:00:00.000Z");
	x = ct_device(d.tok, "{}");
	ct_clock(M1("09:00"));
	r = CT_RESERVE(b.tok, e1_res, "Example 1 expiry", x.id,
	    M1("15:00"));
	h = ct_head(NULL);
	ct_clock(M1("12:41"));
	CT_READS(d.tok, &x, "Delta", RD(M1("09:50"), M1("10:15"), 1200) ","
	    RE(M1("10:45"), 1800) "," RE(M1("11:30"), 2500) ","
	    RE(M1("12:10"), 900) "," RE(M1("12:40"), 1100));
	s = CT_PASS(M1("13:05"));
	CT_SUM_IDS(s, h + 1, 3);
	CT_JEQ(s, "energyWh", "7500");
	json_object_put(s);
	ct_clock(M1("15:20"));
	CT_READS(d.tok, &x, "Delta", RE(M1("12:55"), 700));
	s = CT_PASS(M1("15:21"));
	CT_SUM_IDS(s, h + 4, 0);
	json_object_put(s);
	CT_CHECK(ct_read_cert(&x, M1("12:55")) == 0, "vector 35: r6 never "
	    "certified");
	RES_STATE(&r, "ended", 7500, 3, M1("13:00"), 1);
	CT_CHECK(ct_sql_ll("SELECT COUNT(*) FROM reservation WHERE id = %lld"
	    " AND closed_at = '2025-03-01 15:21:00.000'", r.id) == 1,
	    "vector 35: closed_at 15:21");
	g = ct_res_get(r.id, b.tok);
	CT_JEQ(g, "closed", "true");
	json_object_put(g);
	/* Closed: a later pass certifies nothing more. */
	s = CT_PASS(M1("16:00"));
	json_object_put(s);
	CT_CHECK(ct_read_cert(&x, M1("12:55")) == 0, "still not certified");
	CT_PROPS(&r.id, 1, ct_ms(M1("16:00")));
}

/* ================================================================ §10.2 */

static struct {
	struct ct_party	 b, bx, d10, d11, u11;
	struct ct_dev	 a, bb, c;
	struct ct_res	 r;
	long long	 base;
	int		 done;
} e2;

static void
ex2_daily_two_countries(void)
{
	struct json_object	*s;
	char			*p, *own;
	long long		 b;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("ex2_daily_two_countries");
	ct_party_new(&e2.b, "buyer", "e2b");
	ct_party_new(&e2.bx, "buyer", "e2bx");
	ct_party_new(&e2.d10, "developer", "e2d10");
	ct_party_new(&e2.d11, "developer", "e2d11");
	ct_party_add(&e2.u11, e2.d11.org, "User", "e2u11");
	own = ct_owner_of(&e2.b);
	ct_clock(D25("01-30", "00:00"));
	e2.a = ct_device(e2.d10.tok, "{\"externalId\":\"A\"}");
	e2.bb = ct_device(e2.d10.tok, KEN, ",\"externalId\":\"B\"");
	e2.c = ct_device(e2.d11.tok, "{\"externalId\":\"C\"}");
	ITEST_REQUIRE(e2.a.id < e2.bb.id && e2.bb.id < e2.c.id);
	ct_clock(D25("01-30", "12:00"));
	e2.r = CT_RESERVE(e2.b.tok, "{\"name\":\"Example 2\",\"deviceIds\":"
	    "[%lld,%lld,%lld],\"targetCapacityInMegaWattHour\":0.1,"
	    "\"reservationStartDate\":\"2025-02-01T00:00:00Z\","
	    "\"reservationEndDate\":\"2025-02-03T00:00:00Z\","
	    "\"authorityToExceed\":true,\"frequency\":\"daily\"}", e2.a.id,
	    e2.bb.id, e2.c.id);

	/* Vector 26 (before any certificate). */
	p = itest_fmt(CT_CERTIFIED "%s", e2.r.uid);
	s = GET_JSON(p, e2.b.tok);
	CT_JEQ(s, "", "{\"certificatelog\":[],\"totalItems\":0,"
	    "\"currentPage\":1,\"totalPages\":0}");
	json_object_put(s);
	itest_expect_error("GET", p, e2.bx.tok, NULL, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	itest_expect_error("GET", p, e2.d10.tok, NULL, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	itest_expect_error("GET", p, NULL, NULL, NULL, 401, "UNAUTHORIZED");
	free(p);
	itest_expect_error("GET", CT_CERTIFIED "abc", e2.b.tok, NULL, NULL, 400,
	    "INVALID_ID");
	itest_expect_error("GET", CT_CERTIFIED "new/abc", e2.b.tok, NULL, NULL,
	    400, "INVALID_ID");
	p = itest_fmt(CT_CERTIFIED "new/%s?pageNumber=0", e2.r.uid);
	itest_expect_error("GET", p, e2.b.tok, NULL, NULL, 400,
	    "INVALID_QUERY");
	free(p);
	/* An unknown, well-formed uid. */
	itest_expect_error("GET", CT_CERTIFIED
	    "00000000-0000-4000-8000-000000000000", e2.b.tok, NULL, NULL, 404,
	    "RESERVATION_NOT_FOUND");

	b = e2.base = ct_head(NULL);
	ct_clock(D25("01-31", "00:01"));
	CT_READS(e2.d10.tok, &e2.bb, "Aggregate", RE(D25("01-31", "00:00"),
	    100000));
	ct_clock(D25("02-01", "06:01"));
	CT_READS(e2.d10.tok, &e2.a, "Delta", RD(D25("01-31", "18:00"),
	    D25("02-01", "06:00"), 1500));
	ct_clock(D25("02-01", "12:01"));
	CT_READS(e2.d10.tok, &e2.bb, "Aggregate", RE(D25("02-01", "12:00"),
	    104000));
	ct_clock(D25("02-01", "18:01"));
	CT_READS(e2.d10.tok, &e2.a, "Delta", RE(D25("02-01", "18:00"), 2650));
	ct_clock("2025-02-02T00:00:30.000Z");
	CT_READS(e2.d11.tok, &e2.c, "Delta", RD(D25("02-01", "12:00"),
	    "2025-02-01T23:59:59.999Z", 10));
	ct_clock(D25("02-02", "00:01"));
	CT_READS(e2.d10.tok, &e2.bb, "Aggregate", RE(D25("02-02", "00:00"),
	    107333));
	s = CT_PASS(D25("02-02", "00:05"));
	CT_SUM_IDS(s, b + 1, 2);
	CT_JEQ(s, "energyWh", "8160");
	CT_JEQ(s, "readsCertified", "4");
	CT_JEQ(s, "windowsIssued", "1");
	json_object_put(s);
	ct_clock(D25("02-02", "06:01"));
	CT_READS(e2.d10.tok, &e2.a, "Delta", RE(D25("02-02", "06:00"), 900));
	ct_clock(D25("02-02", "12:01"));
	CT_READS(e2.d10.tok, &e2.bb, "Aggregate", RE(D25("02-02", "12:00"),
	    109334));
	ct_clock(D25("02-02", "18:01"));
	CT_READS(e2.d10.tok, &e2.a, "Delta", RE(D25("02-02", "18:00"), 1234));
	s = CT_PASS(D25("02-03", "00:05"));
	CT_SUM_IDS(s, b + 3, 2);
	CT_JEQ(s, "energyWh", "7468");
	CT_INTS(s, "reservationsEnded", e2.r.id);
	json_object_put(s);

	/* Vector 13. */
	CT_CERT(b + 1, &e2.r, own, WANT(D25("02-01", "00:00"),
	    D25("02-02", "00:00"), "IND", 4160, 0, D25("01-31", "18:00"),
	    "2025-02-01T23:59:59.999Z", 0, "window", 3, 2));
	CT_CERT(b + 2, &e2.r, own, WANT(D25("02-01", "00:00"),
	    D25("02-02", "00:00"), "KEN", 4000, 0, D25("01-31", "00:00"),
	    D25("02-01", "12:00"), 0, "window", 1, 1));
	CT_CERT(b + 3, &e2.r, own, WANT(D25("02-02", "00:00"),
	    D25("02-03", "00:00"), "IND", 2134, 0, D25("02-01", "18:00"),
	    D25("02-02", "18:00"), 0, "window", 2, 1));
	CT_CERT(b + 4, &e2.r, own, WANT(D25("02-02", "00:00"),
	    D25("02-03", "00:00"), "KEN", 5334, 0, D25("02-01", "12:00"),
	    D25("02-02", "12:00"), 0, "window", 2, 1));
	s = ct_entry(b + 1);
	CT_JEQ(s, "devices", "[{\"deviceId\":%lld,\"externalId\":\"A\","
	    "\"internalExternalId\":\"%s\",\"readCount\":2,\"wh\":4150},"
	    "{\"deviceId\":%lld,\"externalId\":\"C\",\"internalExternalId\":"
	    "\"%s\",\"readCount\":1,\"wh\":10}]", e2.a.id, e2.a.iid, e2.c.id,
	    e2.c.iid);
	json_object_put(s);
	RES_STATE(&e2.r, "ended", 15628, 4, D25("02-03", "00:00"), 0);
	CT_CHECK(ct_sql_ll("SELECT COUNT(*) FROM meter_read WHERE device_id ="
	    " %lld AND is_baseline = 1 AND certificate_id IS NULL",
	    e2.bb.id) == 1, "B's baseline counter is never certified");
	CT_PROPS(&e2.r.id, 1, ct_ms(D25("02-03", "00:05")));
	e2.done = 1;
	free(own);
}

/* Vectors 28, 29, 37 and the §9.6 filters. */
static void
ex2_listings(void)
{
	struct json_object	*o, *rows, *it;
	char			*p, *q;
	long long		 b = e2.base;
	size_t			 i;

	ITEST_REQUIRE(e2.done);
	/* Vector 28. */
	itest_expect_error("GET", CT_BYRES "?groupId=abc", e2.b.tok, NULL, NULL,
	    400, "INVALID_QUERY");
	itest_expect_error("GET", CT_BYRES, e2.b.tok, NULL, NULL, 400,
	    "INVALID_QUERY");
	p = itest_fmt(CT_BYRES "?groupId=%lld", e2.r.id);
	rows = GET_JSON(p, e2.b.tok);
	CT_CHECK(json_object_is_type(rows, json_type_array) &&
	    json_object_array_length(rows) == 5, "vector 28: 5 rows for the "
	    "buyer (got %s)", json_object_to_json_string(rows));
	{
		const long long want[5][3] = { { b + 1, e2.a.id, 4150 },
		    { b + 1, e2.c.id, 10 }, { b + 2, e2.bb.id, 4000 },
		    { b + 3, e2.a.id, 2134 }, { b + 4, e2.bb.id, 5334 } };

		for (i = 0; i < 5 && i < json_object_array_length(rows); i++) {
			it = json_object_array_get_idx(rows, i);
			CT_ROW(it);
			CT_CHECK(itest_oint(it, "certificateId") == want[i][0]
			    && itest_oint(it, "deviceId") == want[i][1] &&
			    itest_oint(it, "readvalue_watthour") == want[i][2],
			    "row %zu: certificate %lld, device %lld, %lld Wh "
			    "(by certificateId, deviceId)", i, want[i][0],
			    want[i][1], want[i][2]);
		}
	}
	json_object_put(rows);
	rows = GET_JSON(p, ct.admin);
	CT_CHECK(json_object_array_length(rows) == 5, "Admin: 5 rows");
	json_object_put(rows);
	rows = GET_JSON(p, e2.d11.tok);
	CT_CHECK(json_object_array_length(rows) == 1 && itest_oint(
	    json_object_array_get_idx(rows, 0), "deviceId") == e2.c.id &&
	    itest_oint(json_object_array_get_idx(rows, 0), "certificateId") ==
	    b + 1, "vector 28: organization 11 sees 1 row (device C)");
	json_object_put(rows);
	rows = GET_JSON(p, e2.d10.tok);
	CT_CHECK(json_object_array_length(rows) == 4, "organization 10: its "
	    "4 rows (A, B)");
	json_object_put(rows);
	itest_expect_error("GET", p, e2.bx.tok, NULL, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	free(p);
	/* A developer without a certified device in it: 404. */
	p = itest_fmt(CT_BYRES "?groupId=%lld", e2.r.id);
	{
		struct ct_party dz;

		ct_party_new(&dz, "developer", "e2dz");
		itest_expect_error("GET", p, dz.tok, NULL, NULL, 404,
		    "RESERVATION_NOT_FOUND");
	}
	free(p);

	/* Vector 29. */
	o = GET_JSON(CT_OFDEV, e2.d11.tok);
	ITEM_IDS(o, "certificatelog", b + 1);
	CT_JEQ(o, "totalCount", "1");
	CT_JEQ(o, "currentpage", "1");
	CT_JEQ(o, "totalPages", "1");
	it = itest_oget(o, "certificatelog.0");
	if (it != NULL) {
		CT_ITEM(it, 0);
		CT_JEQ(it, "ownDevicesWh", "10");
		CT_JEQ(it, "metadata.deviceIds", "[\"%s\"]", e2.c.iid);
		CT_CHECK(itest_olen(it, "perDeviceCertificateLog") == 1 &&
		    itest_oint(it, "perDeviceCertificateLog.0.deviceId") ==
		    e2.c.id, "the cut: device C's row only");
	}
	json_object_put(o);
	/* Vector 37. */
	o = GET_JSON(CT_OFDEV "?country=KE", e2.b.tok);
	ITEM_IDS(o, "certificatelog", b + 4, b + 2);
	CT_JEQ(o, "totalCount", "2");
	for (i = 0; i < itest_olen(o, "certificatelog"); i++)
		CT_ITEM(json_object_array_get_idx(itest_oget(o,
		    "certificatelog"), i), 1);
	json_object_put(o);
	o = GET_JSON(CT_OFDEV, e2.u11.tok);
	ITEM_IDS(o, "certificatelog", b + 1);
	CT_JEQ(o, "certificatelog.0.ownDevicesWh", "10");
	CT_CHECK(!itest_ohas(o, "certificatelog.0.owners"), "no owners");
	json_object_put(o);
	/* The buyer: its organization's 4, newest first. */
	o = GET_JSON(CT_OFDEV, e2.b.tok);
	ITEM_IDS(o, "certificatelog", b + 4, b + 3, b + 2, b + 1);
	CT_JEQ(o, "totalCount", "4");
	json_object_put(o);
	o = GET_JSON(CT_OFDEV "?country=IND,KEN", e2.b.tok);
	CT_JEQ(o, "totalCount", "4");
	json_object_put(o);
	o = GET_JSON(CT_OFDEV "?country=IN&country=ke", e2.b.tok);
	CT_JEQ(o, "totalCount", "4");
	json_object_put(o);
	o = GET_JSON(CT_OFDEV "?country=IN", e2.b.tok);
	ITEM_IDS(o, "certificatelog", b + 3, b + 1);
	json_object_put(o);
	p = itest_fmt(CT_OFDEV "?groupUid=%s", e2.r.uid);
	o = GET_JSON(p, e2.b.tok);
	CT_JEQ(o, "totalCount", "4");
	json_object_put(o);
	/* Another organization's uid matches nothing. */
	o = GET_JSON(p, e2.bx.tok);
	CT_JEQ(o, "totalCount", "0");
	CT_JEQ(o, "certificatelog", "[]");
	CT_JEQ(o, "totalPages", "0");
	json_object_put(o);
	free(p);
	/* Generation interval overlaps [02-02, 02-02 23:59:59.999]. */
	o = GET_JSON(CT_OFDEV "?start_date=2025-02-02&end_date=2025-02-02",
	    e2.b.tok);
	ITEM_IDS(o, "certificatelog", b + 4, b + 3);
	json_object_put(o);
	o = GET_JSON(CT_OFDEV "?end_date=2025-02-01T11:00:00Z", e2.b.tok);
	ITEM_IDS(o, "certificatelog", b + 2, b + 1);
	json_object_put(o);
	itest_expect_error("GET", CT_OFDEV "?country=XX", e2.b.tok, NULL, NULL,
	    400, "INVALID_QUERY");
	itest_expect_error("GET", CT_OFDEV "?groupUid=abc", e2.b.tok, NULL,
	    NULL, 400, "INVALID_QUERY");
	itest_expect_error("GET", CT_OFDEV "?start_date=2025-02-03&end_date="
	    "2025-02-01", e2.b.tok, NULL, NULL, 400, "INVALID_QUERY");
	itest_expect_error("GET", CT_OFDEV "?pageNumber=0", e2.b.tok, NULL,
	    NULL, 400, "INVALID_QUERY");
	itest_expect_error("GET", CT_OFDEV, NULL, NULL, NULL, 401,
	    "UNAUTHORIZED");
	/* Organization 10: its devices' cut of all four. */
	o = GET_JSON(CT_OFDEV, e2.d10.tok);
	ITEM_IDS(o, "certificatelog", b + 4, b + 3, b + 2, b + 1);
	CT_JEQ(o, "certificatelog.3.ownDevicesWh", "4150");
	CT_JEQ(o, "certificatelog.3.metadata.deviceIds", "[\"%s\"]",
	    e2.a.iid);
	json_object_put(o);
	/* The buyer's §9.4 listing; the developer gets 404 for every uid. */
	q = itest_fmt(CT_CERTIFIED "%s", e2.r.uid);
	o = GET_JSON(q, e2.b.tok);
	ITEM_IDS(o, "certificatelog", b + 4, b + 3, b + 2, b + 1);
	json_object_put(o);
	itest_expect_error("GET", q, e2.d11.tok, NULL, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	free(q);
}

/* Vectors 30-31: claims. */
static void
ex2_claims(void)
{
	struct itest_resp	 r;
	struct json_object	*o, *canon, *rec = NULL, *e;
	char			*p, *p2, *c, h[65], *own, *big;
	long long		 b = e2.base, head;
	char			 hh0[65], hh1[65];
	size_t			 i;

	ITEST_REQUIRE(e2.done);
	/* Claims at the test clock (now = 02-03 00:05). */
	ct_clock(D25("02-03", "00:05"));
	own = ct_owner_of(&e2.b);
	head = ct_head(hh0);
	p = itest_fmt("/api/certificate-log/%lld/claim", b + 1);
	itest_post(p, e2.b.tok, "{\"beneficiary\":\"School X\"}", &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	{
		static const char *const keys[] = { "certificateId",
		    "beneficiary", "claimedAt", "purpose", "recordedAt",
		    "claimedByUserId", "organizationId", "certificateHash",
		    "keyId", "hash", "signature" };

		for (i = 0; i < NELEM(keys); i++)
			ITEST_ASSERT_R(&r, itest_jhas(&r, keys[i]));
		ITEST_ASSERT_R(&r, json_object_object_length(r.json) ==
		    (int)NELEM(keys));
	}
	ITEST_ASSERT_JINT(&r, "certificateId", b + 1);
	ITEST_ASSERT_JSTR(&r, "beneficiary", "School X");
	CT_JEQ(r.json, "purpose", "null");
	ITEST_ASSERT_JINT(&r, "organizationId", e2.b.org);
	ITEST_ASSERT_JINT(&r, "claimedByUserId", e2.b.uid);
	ITEST_ASSERT_JSTR(&r, "claimedAt", D25("02-03", "00:05"));
	ITEST_ASSERT_JSTR(&r, "recordedAt", D25("02-03", "00:05"));
	ITEST_ASSERT_JSTR(&r, "keyId", ct.key_id);
	if ((e = ct_entry(b + 1)) != NULL) {
		ITEST_ASSERT_JSTR(&r, "certificateHash", itest_ostr(e, "hash"));
		json_object_put(e);
	}
	/* Its hash and signature over the canonical claim (§9.7). */
	canon = json_object_new_object();
	{
		static const char *const ck[] = { "beneficiary",
		    "certificateHash", "certificateId", "claimedAt",
		    "claimedByUserId", "keyId", "organizationId", "purpose",
		    "recordedAt" };

		for (i = 0; i < NELEM(ck); i++)
			json_object_object_add(canon, ck[i], json_object_get(
			    itest_jget(&r, ck[i])));
	}
	c = ct_canonical(canon);
	ct_sha256_hex(c, strlen(c), h);
	ITEST_ASSERT_R(&r, itest_jstr(&r, "hash") != NULL &&
	    strcmp(h, itest_jstr(&r, "hash")) == 0);
	ITEST_ASSERT_R(&r, ct_ed25519_ok(ct.pub_hex, h,
	    itest_jstr(&r, "signature")));
	free(c);
	json_object_put(canon);
	rec = json_object_get(r.json);
	itest_resp_free(&r);
	/* Claims are not chained: the ledger is unchanged. */
	CT_CHECK(ct_head(hh1) == head && strcmp(hh0, hh1) == 0,
	    "a claim leaves the ledger head as it was");

	/* The listing (vector 30). */
	p2 = itest_fmt(CT_CERTIFIED "%s", e2.r.uid);
	o = GET_JSON(p2, e2.b.tok);
	free(p2);
	e = itest_oget(o, "certificatelog.3");
	CT_JEQ(e, "id", "%lld", b + 1);
	CT_JEQ(e, "owners", "{}");
	CT_JEQ(e, "claimers", "{\"%s\":\"4160\"}", own);
	CT_CHECK(json_object_equal(itest_oget(e, "claim"), rec),
	    "claim = the 201 record (got %s)", json_object_to_json_string(
	    itest_oget(e, "claim")));
	CT_JEQ(e, "claims", "[{\"beneficiary\":\"School X\",\"claimedAt\":\""
	    D25("02-03", "00:05") "\",\"purpose\":null}]");
	CT_ITEM(e, 1);
	/* The others are unclaimed. */
	CT_JEQ(itest_oget(o, "certificatelog.2"), "claim", "null");
	json_object_put(o);
	o = GET_JSON(CT_OFDEV "?country=IN", e2.b.tok);
	CT_JEQ(itest_oget(o, "certificatelog.1"), "owners", "{}");
	CT_CHECK(json_object_equal(itest_oget(o, "certificatelog.1.claim"),
	    rec), "certifiedlogOfdevices shows the claim too");
	json_object_put(o);

	/* Vector 31. */
	itest_expect_error("POST", p, e2.b.tok, "{\"beneficiary\":\"School "
	    "X\"}", NULL, 409, "CERTIFICATE_ALREADY_CLAIMED");
	itest_expect_error("POST", p, e2.bx.tok, "{\"beneficiary\":\"School "
	    "X\"}", NULL, 404, "CERTIFICATE_NOT_FOUND");
	itest_expect_error("POST", p, e2.d10.tok, "{\"beneficiary\":\"School "
	    "X\"}", NULL, 403, "FORBIDDEN");
	itest_expect_error("POST", p, ct.admin, "{\"beneficiary\":\"School "
	    "X\"}", NULL, 403, "FORBIDDEN");
	itest_expect_error("POST", p, NULL, "{\"beneficiary\":\"School X\"}",
	    NULL, 401, "UNAUTHORIZED");
	free(p);
	/* The field errors, on the unclaimed certificate 2. */
	p = itest_fmt("/api/certificate-log/%lld/claim", b + 2);
	itest_post(p, e2.b.tok, "{\"beneficiary\":\"School X\",\"claimedAt\":"
	    "\"" D25("02-04", "00:05") "\"}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "claimedAt", NULL);
	itest_resp_free(&r);
	big = malloc(1002);
	memset(big, 'b', 256);
	big[256] = '\0';
	p2 = itest_fmt("{\"beneficiary\":\"%s\"}", big);
	itest_post(p, e2.b.tok, p2, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "beneficiary", NULL);
	itest_resp_free(&r);
	free(p2);
	memset(big, 'p', 1001);
	big[1001] = '\0';
	p2 = itest_fmt("{\"beneficiary\":\"School Y\",\"purpose\":\"%s\"}",
	    big);
	itest_post(p, e2.b.tok, p2, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "purpose", NULL);
	itest_resp_free(&r);
	free(p2);
	itest_post(p, e2.b.tok, "{}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "beneficiary", NULL);
	itest_resp_free(&r);
	itest_post(p, e2.b.tok, "{\"beneficiary\":\"   \"}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_resp_free(&r);
	itest_post(p, e2.b.tok, "{\"beneficiary\":5}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_resp_free(&r);
	/* 255 characters, 1000 of purpose, a past claimedAt: 201. */
	memset(big, 'b', 255);
	big[255] = '\0';
	{
		char *pur = malloc(1001);

		memset(pur, 'p', 1000);
		pur[1000] = '\0';
		p2 = itest_fmt("{\"beneficiary\":\"  %s  \",\"purpose\":\"%s\","
		    "\"claimedAt\":\"2025-02-02T12:00:00+05:30\"}", big, pur);
		free(pur);
	}
	itest_post(p, e2.b.tok, p2, &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "beneficiary", big);
	ITEST_ASSERT_JSTR(&r, "claimedAt", "2025-02-02T06:30:00.000Z");
	ITEST_ASSERT_R(&r, itest_jstr(&r, "purpose") != NULL &&
	    strlen(itest_jstr(&r, "purpose")) == 1000);
	itest_resp_free(&r);
	free(p2);
	free(big);
	free(p);
	itest_expect_error("POST", "/api/certificate-log/999999999/claim",
	    e2.b.tok, "{\"beneficiary\":\"X\"}", NULL, 404,
	    "CERTIFICATE_NOT_FOUND");
	itest_expect_error("POST", "/api/certificate-log/abc/claim", e2.b.tok,
	    "{\"beneficiary\":\"X\"}", NULL, 400, "INVALID_ID");
	CT_VERIFY_OK(-1);
	json_object_put(rec);
	free(own);
}

/* Beyond §12 on example 2: the other buyer-organization roles, uid
 * grammar, claim check order, claimedAt's skew, text in code points. */
static void
ex2_more(void)
{
	struct ct_party		 sb, bu;
	struct json_object	*o;
	struct itest_resp	 r;
	char			*p, *up, *body, *e255, *e256;
	long long		 b = e2.base;
	size_t			 i;

	ITEST_REQUIRE(e2.done);
	ct_party_add(&sb, e2.b.org, "SubBuyer", "e2sb");
	ct_party_add(&bu, e2.b.org, "User", "e2bu");
	ct_clock(D25("02-03", "00:05"));
	p = itest_fmt(CT_CERTIFIED "%s", e2.r.uid);
	o = GET_JSON(p, sb.tok);
	CT_JEQ(o, "totalItems", "4");
	json_object_put(o);
	o = GET_JSON(p, bu.tok);
	CT_JEQ(o, "totalItems", "4");
	json_object_put(o);
	free(p);
	/* A UUID in upper case names the same reservation (CONVENTIONS §6). */
	up = strdup(e2.r.uid);
	for (i = 0; up[i] != '\0'; i++)
		if (up[i] >= 'a' && up[i] <= 'f')
			up[i] = (char)(up[i] - 'a' + 'A');
	p = itest_fmt(CT_CERTIFIED "new/%s", up);
	o = GET_JSON(p, e2.b.tok);
	CT_JEQ(o, "totalItems", "4");
	json_object_put(o);
	free(p);
	free(up);
	itest_expect_error("GET", CT_CERTIFIED
	    "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", e2.b.tok, NULL, NULL, 400,
	    "INVALID_ID");
	p = itest_fmt(CT_CERTIFIED "%lld", e2.r.id);
	itest_expect_error("GET", p, e2.b.tok, NULL, NULL, 400, "INVALID_ID");
	free(p);
	p = itest_fmt(CT_BYRES "?groupId=%lld", e2.r.id);
	o = GET_JSON(p, sb.tok);
	CT_CHECK(json_object_array_length(o) == 5, "SubBuyer: 5 rows");
	json_object_put(o);
	o = GET_JSON(p, bu.tok);
	CT_CHECK(json_object_array_length(o) == 5, "buyer-organization User: "
	    "5 rows");
	json_object_put(o);
	free(p);
	itest_expect_error("GET", CT_BYRES "?groupId=0", e2.b.tok, NULL, NULL,
	    400, "INVALID_QUERY");
	itest_expect_error("GET", CT_BYRES "?groupId=999999999", e2.b.tok,
	    NULL, NULL, 404, "RESERVATION_NOT_FOUND");
	o = GET_JSON(CT_OFDEV, bu.tok);
	CT_JEQ(o, "totalCount", "4");
	CT_ITEM(itest_oget(o, "certificatelog.0"), 1);
	json_object_put(o);
	p = itest_fmt(CT_OFDEV "?groupUid=%s", e2.r.uid);
	o = GET_JSON(p, ct.admin);
	ITEM_IDS(o, "certificatelog", b + 4, b + 3, b + 2, b + 1);
	CT_ITEM(itest_oget(o, "certificatelog.0"), 1);
	json_object_put(o);
	free(p);

	/* Claims: only the owning organization's Buyer. */
	p = itest_fmt("/api/certificate-log/%lld/claim", b + 3);
	itest_expect_error("POST", p, sb.tok, "{\"beneficiary\":\"X\"}", NULL,
	    403, "FORBIDDEN");
	itest_expect_error("POST", p, bu.tok, "{\"beneficiary\":\"X\"}", NULL,
	    403, "FORBIDDEN");
	/* Body fields (400) come before existence (404). */
	itest_expect_error("POST", "/api/certificate-log/999999999/claim",
	    e2.b.tok, "{}", NULL, 400, "INVALID_FIELD");
	itest_expect_error("POST", "/api/certificate-log/0/claim", e2.b.tok,
	    "{\"beneficiary\":\"X\"}", NULL, 400, "INVALID_ID");
	itest_expect_error("POST", p, e2.b.tok, "{\"beneficiary\":\"X\","
	    "\"purpose\":\"a\\u0007b\"}", NULL, 400, "INVALID_FIELD");
	itest_expect_error("POST", p, e2.b.tok, "{\"beneficiary\":\"X\","
	    "\"claimedAt\":\"2025-02-30T00:00:00Z\"}", NULL, 400,
	    "INVALID_FIELD");
	itest_expect_error("POST", p, e2.b.tok, "not json", NULL, 400,
	    "INVALID_JSON");
	itest_request("POST", p, e2.b.tok, "text/plain", "{\"beneficiary\":"
	    "\"X\"}", NULL, &r);
	ITEST_ASSERT_ERROR(&r, 415, "UNSUPPORTED_MEDIA_TYPE");
	itest_resp_free(&r);
	/* "In the future" = later than now + the 5-minute skew (CONVENTIONS
	 * §5): 4 minutes ahead is accepted. */
	itest_post(p, e2.b.tok, "{\"beneficiary\":\"Skew\",\"claimedAt\":"
	    "\"2025-02-03T00:09:00Z\"}", &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "claimedAt", "2025-02-03T00:09:00.000Z");
	ITEST_ASSERT_JSTR(&r, "recordedAt", D25("02-03", "00:05"));
	itest_resp_free(&r);
	free(p);
	p = itest_fmt("/api/certificate-log/%lld/claim", b + 4);
	itest_post(p, e2.b.tok, "{\"beneficiary\":\"Skew\",\"claimedAt\":"
	    "\"2025-02-03T00:10:00.001Z\"}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "claimedAt", NULL);
	itest_resp_free(&r);
	/* 255 code points of two bytes each: allowed; 256: not. */
	e255 = calloc(1, 2 * 256 + 1);
	e256 = calloc(1, 2 * 256 + 1);
	for (i = 0; i < 256; i++) {
		if (i < 255)
			memcpy(e255 + 2 * i, "\xc3\xa9", 2);
		memcpy(e256 + 2 * i, "\xc3\xa9", 2);
	}
	body = itest_fmt("{\"beneficiary\":\"%s\"}", e256);
	itest_post(p, e2.b.tok, body, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "beneficiary", NULL);
	itest_resp_free(&r);
	free(body);
	body = itest_fmt("{\"beneficiary\":\"%s\",\"purpose\":null}", e255);
	itest_post(p, e2.b.tok, body, &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "beneficiary", e255);
	CT_JEQ(r.json, "purpose", "null");
	itest_resp_free(&r);
	free(body);
	free(e255);
	free(e256);
	free(p);
	/* Every certificate of example 2 is now claimed. */
	o = GET_JSON(CT_OFDEV "?country=KEN", e2.b.tok);
	for (i = 0; i < itest_olen(o, "certificatelog"); i++) {
		struct json_object *it = json_object_array_get_idx(itest_oget(o,
		    "certificatelog"), i);

		CT_JEQ(it, "owners", "{}");
		CT_CHECK(itest_olen(it, "claimers") == 1 && itest_olen(it,
		    "claims") == 1 && itest_otype(it, "claim") ==
		    json_type_object, "claimed: one claimer, one claim");
	}
	json_object_put(o);
	CT_VERIFY_OK(-1);
}

/* Vector 36: organization 11 deletes device C: held while ended and not
 * closed; certified once closed. */
static void
ex2_device_delete(void)
{
	char	*p;

	ITEST_REQUIRE(e2.done);
	p = itest_fmt("/api/device/%lld", e2.c.id);
	itest_expect_error("DELETE", p, e2.d11.tok, NULL, NULL, 409,
	    "DEVICE_RESERVED");
	CT_CLOSE("2025-04-05T00:00:00.000Z", &e2.r, 1);
	itest_expect_error("DELETE", p, e2.d11.tok, NULL, NULL, 409,
	    "DEVICE_CERTIFIED");
	free(p);
	p = itest_fmt("/api/device/%lld", e2.a.id);
	itest_expect_error("DELETE", p, e2.d10.tok, NULL, NULL, 409,
	    "DEVICE_CERTIFIED");
	free(p);
	CT_PROPS(&e2.r.id, 1, ct_ms("2025-04-05T00:00:00.000Z"));
}

/* ================================================================ §10.3 */

static void
ex3_monthly(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 x;
	struct ct_res		 r;
	struct json_object	*s, *o;
	char			*p;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("ex3_monthly");
	ct_party_new(&b, "buyer", "e3b");
	ct_party_new(&d, "developer", "e3d");
	ct_clock(D25("01-30", "00:00"));
	x = ct_device(d.tok, "{}");
	ct_clock(D25("01-30", "12:00"));
	r = CT_RESERVE(b.tok, "{\"name\":\"Example 3\",\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":1,\"reservationStartDate\":"
	    "\"2025-01-31\",\"reservationEndDate\":\"2025-05-15\","
	    "\"authorityToExceed\":true,\"frequency\":\"monthly\","
	    "\"blockchainAddress\":\"0xAb12\"}", x.id);
	h = ct_head(NULL);
	ct_clock(D25("02-14", "00:01"));
	CT_READS(d.tok, &x, "Delta", RD(D25("01-31", "00:00"),
	    D25("02-14", "00:00"), 30000));
	ct_clock(D25("02-28", "00:01"));
	CT_READS(d.tok, &x, "Delta", RE(D25("02-28", "00:00"), 28000));
	s = CT_PASS(D25("02-28", "00:05"));
	CT_SUM_IDS(s, h + 1, 1);
	json_object_put(s);
	ct_clock(D25("03-30", "12:01"));
	CT_READS(d.tok, &x, "Delta", RE(D25("03-30", "12:00"), 61000));
	s = CT_PASS(D25("03-31", "00:05"));
	CT_SUM_IDS(s, h + 2, 1);
	json_object_put(s);
	ct_clock(D25("04-29", "00:01"));
	CT_READS(d.tok, &x, "Delta", RE(D25("04-29", "00:00"), 59500));
	s = CT_PASS(D25("04-30", "00:05"));
	CT_SUM_IDS(s, h + 3, 1);
	json_object_put(s);
	ct_clock(D25("05-14", "23:01"));
	CT_READS(d.tok, &x, "Delta", RE(D25("05-14", "23:00"), 31000));
	ct_clock(D25("05-15", "00:01"));
	CT_READS(d.tok, &x, "Delta", RE(D25("05-15", "00:00"), 150));
	s = CT_PASS(D25("05-15", "00:05"));
	CT_SUM_IDS(s, h + 4, 1);
	CT_INTS(s, "reservationsEnded", r.id);
	json_object_put(s);
	CT_CERT(h + 1, &r, "0xAb12", WANT(D25("01-31", "00:00"),
	    D25("02-28", "00:00"), "IND", 30000, 0, D25("01-31", "00:00"),
	    D25("02-14", "00:00"), 0, "window", 1, 1));
	CT_CERT(h + 2, &r, "0xAb12", WANT(D25("02-28", "00:00"),
	    D25("03-31", "00:00"), "IND", 89000, 0, D25("02-14", "00:00"),
	    D25("03-30", "12:00"), 0, "window", 2, 1));
	CT_CERT(h + 3, &r, "0xAb12", WANT(D25("03-31", "00:00"),
	    D25("04-30", "00:00"), "IND", 59500, 0, D25("03-30", "12:00"),
	    D25("04-29", "00:00"), 0, "window", 1, 1));
	CT_CERT(h + 4, &r, "0xAb12", WANT(D25("04-30", "00:00"),
	    D25("05-15", "00:00"), "IND", 31000, 0, D25("04-29", "00:00"),
	    D25("05-14", "23:00"), 0, "window", 1, 1));
	CT_CHECK(ct_read_cert(&x, D25("05-15", "00:00")) == 0,
	    "the 150 Wh read "
	    "ends exactly at the end: not in the reservation (vector 5)");
	p = itest_fmt(CT_CERTIFIED "%s", r.uid);
	o = GET_JSON(p, b.tok);
	free(p);
	CT_JEQ(o, "certificatelog.3.owners", "{\"0xAb12\":\"30000\"}");
	CT_JEQ(o, "certificatelog.2.owners", "{\"0xAb12\":\"89000\"}");
	json_object_put(o);
	RES_STATE(&r, "ended", 209500, 4, D25("05-15", "00:00"), 0);
	CT_PROPS(&r.id, 1, ct_ms(D25("05-15", "00:05")));
	CT_CLOSE("2025-07-20T00:00:00.000Z", &r, 1);
}

/* ================================================================ §10.4 */

static void
ex4_history(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 x;
	struct ct_res		 r;
	struct json_object	*s;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("ex4_history");
	ct_party_new(&b, "buyer", "e4b");
	ct_party_new(&d, "developer", "e4d");
	ct_clock("2025-01-10T00:00:00.000Z");
	x = ct_device(d.tok, "{}");
	ct_clock(D25("01-20", "07:00"));
	CT_READS(d.tok, &x, "History",
	    RD(D24("05-01", "00:00"), D24("06-30", "00:00"), 40000) ","
	    RD(D24("07-01", "00:00"), D24("07-31", "00:00"), 30000) ","
	    RD(D24("08-01", "00:00"), D24("08-31", "00:00"), 800) ","
	    RD(D24("09-01", "00:00"), D24("09-30", "00:00"), 25500) ","
	    RD(D24("12-15", "00:00"), D25("01-05", "00:00"), 12000));
	ct_clock(D25("01-20", "08:00"));
	r = CT_RESERVE(b.tok, "{\"name\":\"Example 4\",\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":0.1,\"reservationStartDate\":"
	    "\"2024-06-01\",\"reservationEndDate\":\"2025-01-01\","
	    "\"reservationExpiryDate\":\"2025-06-30\",\"authorityToExceed\":"
	    "true,\"frequency\":\"daily\"}", x.id);
	h = ct_head(NULL);
	s = CT_PASS(D25("01-20", "08:05"));
	CT_SUM_IDS(s, h + 1, 3);
	CT_JEQ(s, "windowsIssued", "214");
	CT_JEQ(s, "energyWh", "56300");
	CT_INTS(s, "reservationsEnded", r.id);
	json_object_put(s);
	CT_CERT(h + 1, &r, NULL, WANT(D24("07-01", "00:00"),
	    D24("07-31", "00:00"), "IND", 30000, 0, D24("07-01", "00:00"),
	    D24("07-31", "00:00"), 0, "history", 1, 1));
	CT_CERT(h + 2, &r, NULL, WANT(D24("08-01", "00:00"),
	    D24("08-31", "00:00"), "IND", 800, 0, D24("08-01", "00:00"),
	    D24("08-31", "00:00"), 0, "history", 1, 1));
	CT_CERT(h + 3, &r, NULL, WANT(D24("09-01", "00:00"),
	    D24("09-30", "00:00"), "IND", 25500, 0, D24("09-01", "00:00"),
	    D24("09-30", "00:00"), 0, "history", 1, 1));
	RES_STATE(&r, "ended", 56300, 3, "2025-01-01T00:00:00.000Z", 0);
	ct_clock(D25("02-15", "00:00"));
	CT_READS(d.tok, &x, "History", RD(D24("10-01", "00:00"),
	    D24("10-31", "00:00"), 21000));
	s = CT_PASS(D25("02-15", "00:05"));
	CT_SUM_IDS(s, h + 4, 1);
	CT_JEQ(s, "windowsIssued", "0");
	json_object_put(s);
	CT_CERT(h + 4, &r, NULL, WANT(D24("10-01", "00:00"),
	    D24("10-31", "00:00"), "IND", 21000, 0, D24("10-01", "00:00"),
	    D24("10-31", "00:00"), 1, "history", 1, 1));
	CT_CHECK(ct_read_cert(&x, D24("06-30", "00:00")) == 0 &&
	    ct_read_cert(&x, D25("01-05", "00:00")) == 0,
	    "R1 and R5 stick out: never certified");
	/* §9.4: History ROWs have null ongoing dates. */
	{
		char *p = itest_fmt(CT_CERTIFIED "%s", r.uid);
		struct json_object *o = GET_JSON(p, b.tok);

		CT_JEQ(o, "certificatelog.0.perDeviceCertificateLog.0."
		    "ongoing_start_date", "null");
		CT_JEQ(o, "certificatelog.0.kind", "\"history\"");
		CT_ITEM(itest_oget(o, "certificatelog.0"), 1);
		json_object_put(o);
		free(p);
	}
	RES_STATE(&r, "ended", 77300, 4, "2025-01-01T00:00:00.000Z", 0);
	CT_PROPS(&r.id, 1, ct_ms(D25("02-15", "00:05")));
	CT_CLOSE("2025-07-01T00:00:00.000Z", &r, 1);
}

/* R15: History counts toward the target and is capped by it: example 4
 * with authorityToExceed false and a 40 000 Wh target. */
static void
ex4_history_target(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 x;
	struct ct_res		 r;
	struct json_object	*s;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("ex4_history_target");
	ct_party_new(&b, "buyer", "e4tb");
	ct_party_new(&d, "developer", "e4td");
	ct_clock("2025-01-10T00:00:00.000Z");
	x = ct_device(d.tok, "{}");
	ct_clock(D25("01-20", "07:00"));
	CT_READS(d.tok, &x, "History",
	    RD(D24("07-01", "00:00"), D24("07-31", "00:00"), 30000) ","
	    RD(D24("08-01", "00:00"), D24("08-31", "00:00"), 800) ","
	    RD(D24("09-01", "00:00"), D24("09-30", "00:00"), 25500) ","
	    RD(D24("10-01", "00:00"), D24("10-31", "00:00"), 21000));
	ct_clock(D25("01-20", "08:00"));
	r = CT_RESERVE(b.tok, "{\"name\":\"Example 4 target\",\"deviceIds\":"
	    "[%lld],\"targetCapacityInMegaWattHour\":0.04,"
	    "\"reservationStartDate\":\"2024-06-01\",\"reservationEndDate\":"
	    "\"2025-01-01\",\"reservationExpiryDate\":\"2025-06-30\","
	    "\"authorityToExceed\":false,\"frequency\":\"daily\"}", x.id);
	h = ct_head(NULL);
	s = CT_PASS(D25("01-20", "08:05"));
	CT_SUM_IDS(s, h + 1, 3);
	CT_JEQ(s, "energyWh", "40000");
	CT_JEQ(s, "excessWh", "16300");
	CT_INTS(s, "reservationsCompleted", r.id);
	json_object_put(s);
	CT_CERT(h + 3, &r, NULL, WANT(D24("09-01", "00:00"),
	    D24("09-30", "00:00"), "IND", 9200, 16300, D24("09-01", "00:00"),
	    D24("09-30", "00:00"), 0, "history", 1, 1));
	/* R4 ends 09-30 00:00: in window [09-30, 10-01), which completes
	 * the reservation; memberships end at 10-01. */
	RES_STATE(&r, "completed", 40000, 3, D24("10-01", "00:00"), 0);
	CT_CHECK(ct_read_cert(&x, D24("10-31", "00:00")) == 0,
	    "the October read is left: the target is met");
	CT_PROPS(&r.id, 1, ct_ms(D25("01-20", "08:05")));
}

/* ================================================================ §10.5 */

/* Example 5's devices, reservation (target Wh, authorityToExceed) and
 * reads; the pass at 13:05 is the caller's. */
static void
ex5_setup(const char *tag, long long target_wh, int ate,
    struct ct_party *b, struct ct_party *d, struct ct_dev *a,
    struct ct_dev *bb, struct ct_res *r)
{
	char	*t = itest_fmt("%stb", tag), *u = itest_fmt("%std", tag);

	ct_scenario(tag);
	ct_party_new(b, "buyer", t);
	ct_party_new(d, "developer", u);
	free(t);
	free(u);
	ct_clock("2025-02-28T00:00:00.000Z");
	*a = ct_device(d->tok, "{}");
	*bb = ct_device(d->tok, KEN, "");
	ct_clock(M1("09:00"));
	*r = CT_RESERVE(b->tok, "{\"name\":\"Example 5\",\"deviceIds\":"
	    "[%lld,%lld],\"targetCapacityInMegaWattHour\":%lld.%06lld,"
	    "\"reservationStartDate\":\"" M1("10:00") "\","
	    "\"reservationEndDate\":\"" M1("13:00") "\","
	    "\"authorityToExceed\":%s,\"frequency\":\"hourly\"}", a->id,
	    bb->id, target_wh / 1000000, target_wh % 1000000,
	    ate ? "true" : "false");
	ct_clock(M1("09:31"));
	CT_READS(d->tok, bb, "Aggregate", RE(M1("09:30"), 50000));
	ct_clock(M1("12:35"));
	CT_READS(d->tok, a, "Delta", RD(M1("10:00"), M1("10:20"), 1300) ","
	    RE(M1("10:50"), 700) "," RE(M1("11:40"), 1500) ","
	    RE(M1("12:30"), 800));
	CT_READS(d->tok, bb, "Aggregate", RE(M1("10:30"), 51800) ","
	    RE(M1("11:30"), 54000) "," RE(M1("12:30"), 55000));
}

/* §10.5 and vector 14. */
static void
ex5_target(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 a, bb;
	struct ct_res		 r;
	struct json_object	*s, *g;
	char			*p;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ex5_setup("e5", 5000, 0, &b, &d, &a, &bb, &r);
	h = ct_head(NULL);
	s = CT_PASS(M1("13:05"));
	CT_SUM_IDS(s, h + 1, 3);
	CT_JEQ(s, "energyWh", "5000");
	CT_JEQ(s, "excessWh", "300");
	CT_JEQ(s, "readsCertified", "4");
	CT_JEQ(s, "windowsIssued", "2");
	CT_INTS(s, "reservationsCompleted", r.id);
	CT_JEQ(s, "reservationsEnded", "[]");
	json_object_put(s);
	CT_CERT(h + 1, &r, NULL, WANT(M1("10:00"), M1("11:00"), "IND", 2000, 0,
	    M1("10:00"), M1("10:50"), 0, "window", 2, 1));
	CT_CERT(h + 2, &r, NULL, WANT(M1("10:00"), M1("11:00"), "KEN", 1800, 0,
	    M1("09:30"), M1("10:30"), 0, "window", 1, 1));
	CT_CERT(h + 3, &r, NULL, WANT(M1("11:00"), M1("12:00"), "IND", 1200,
	    300, M1("10:50"), M1("11:40"), 0, "window", 1, 1));
	RES_STATE(&r, "completed", 5000, 3, M1("12:00"), 0);
	g = ct_res_get(r.id, b.tok);
	CT_JEQ(g, "devices.0.membershipEnd", "\"" M1("12:00") "\"");
	CT_JEQ(g, "devices.1.membershipEnd", "\"" M1("12:00") "\"");
	json_object_put(g);
	CT_CHECK(ct_read_cert(&bb, M1("11:30")) == 0, "B's 11:30 read (2 200) "
	    "stays uncertified");
	CT_CHECK(ct_read_cert(&a, M1("12:30")) == 0 &&
	    ct_read_cert(&bb, M1("12:30")) == 0, "the 12:30 reads are outside "
	    "the memberships");
	/* P3: 2 000 + 1 800 + (1 200 + 300) + 2 200 = 7 500 = Σ eligible. */
	CT_CHECK(ct_sql_ll("SELECT SUM(mr.energy_wh) FROM meter_read mr JOIN"
	    " reservation_device m ON m.device_id = mr.device_id AND"
	    " m.reservation_id = %lld WHERE mr.is_baseline = 0 AND"
	    " m.member_from <= mr.end_ts AND mr.end_ts < m.member_to",
	    r.id) == 7500, "Σ eligible 7 500 Wh");
	CT_PROPS(&r.id, 1, ct_ms(M1("13:05")));
	/* A completed reservation is no longer processed. */
	s = CT_PASS(M1("14:05"));
	json_object_put(s);
	RES_STATE(&r, "completed", 5000, 3, M1("12:00"), 0);
	/* Its devices are free from 12:00: another reservation takes the
	 * 12:30 reads. */
	{
		struct ct_res r2;

		ct_clock(M1("14:10"));
		r2 = CT_RESERVE(b.tok, "{\"name\":\"Example 5 after\","
		    "\"deviceIds\":[%lld,%lld],\"targetCapacityInMegaWattHour\""
		    ":1,\"reservationStartDate\":\"" M1("12:00") "\","
		    "\"reservationEndDate\":\"" M1("13:00") "\","
		    "\"authorityToExceed\":true,\"frequency\":\"hourly\","
		    "\"continueWithReservationIfTargetCapacityIsLessThanDevice"
		    "TotalCapacityBetweenDuration\":true}", a.id, bb.id);
		h = ct_head(NULL);
		s = CT_PASS(M1("14:15"));
		CT_SUM_IDS(s, h + 1, 2);
		CT_JEQ(s, "energyWh", "1800");
		json_object_put(s);
		CT_PROPS(&r2.id, 1, ct_ms(M1("14:15")));
		CT_CLOSE("2025-05-01T00:00:00.000Z", &r2, 1);
		p = itest_fmt("/api/device/%lld", bb.id);
		itest_expect_error("DELETE", p, d.tok, NULL, NULL, 409,
		    "DEVICE_CERTIFIED");
		free(p);
	}
}

/* §5: a PATCH setting authorityToExceed false once issuedWh >= target
 * completes the reservation at once, memberships lowered to
 * issuedThrough. */
static void
ex5_patch_false(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 a, bb;
	struct ct_res		 r;
	struct json_object	*s;
	struct itest_resp	 resp;
	char			*p;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ex5_setup("e5p", 5000, 1, &b, &d, &a, &bb, &r);
	h = ct_head(NULL);
	s = CT_PASS(M1("12:40"));
	CT_SUM_IDS(s, h + 1, 4);
	CT_JEQ(s, "energyWh", "7500");
	json_object_put(s);
	RES_STATE(&r, "active", 7500, 4, M1("12:00"), 0);
	ct_clock(M1("12:45"));
	p = itest_fmt(CT_BR "/%lld", r.id);
	itest_request("PATCH", p, b.tok, NULL, "{\"authorityToExceed\":false}",
	    NULL, &resp);
	ITEST_ASSERT_STATUS(&resp, 200);
	ITEST_ASSERT_JSTR(&resp, "status", "completed");
	CT_JEQ(resp.json, "authorityToExceed", "false");
	CT_JEQ(resp.json, "reservationActive", "false");
	CT_JEQ(resp.json, "devices.0.membershipEnd", "\"" M1("12:00") "\"");
	CT_JEQ(resp.json, "devices.1.membershipEnd", "\"" M1("12:00") "\"");
	itest_resp_free(&resp);
	free(p);
	s = CT_PASS(M1("13:05"));
	json_object_put(s);
	CT_CHECK(ct_head(NULL) == h + 4, "a completed reservation gets no "
	    "more certificates");
	CT_CHECK(ct_read_cert(&a, M1("12:30")) == 0 && ct_read_cert(&bb,
	    M1("12:30")) == 0, "the 12:30 reads stay uncertified");
	RES_STATE(&r, "completed", 7500, 4, M1("12:00"), 0);
	CT_VERIFY_OK(-1);
}

/* Vector 15: example 5 with authorityToExceed true. */
static void
ex5_exceed(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 a, bb;
	struct ct_res		 r;
	struct json_object	*s;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ex5_setup("e15", 5000, 1, &b, &d, &a, &bb, &r);
	h = ct_head(NULL);
	s = CT_PASS(M1("13:05"));
	CT_SUM_IDS(s, h + 1, 6);
	CT_JEQ(s, "energyWh", "9300");
	CT_JEQ(s, "excessWh", "0");
	CT_JEQ(s, "windowsIssued", "3");
	CT_INTS(s, "reservationsEnded", r.id);
	CT_JEQ(s, "reservationsCompleted", "[]");
	json_object_put(s);
	CT_CERT(h + 3, &r, NULL, WANT(M1("11:00"), M1("12:00"), "IND", 1500, 0,
	    M1("10:50"), M1("11:40"), 0, "window", 1, 1));
	CT_CERT(h + 4, &r, NULL, WANT(M1("11:00"), M1("12:00"), "KEN", 2200, 0,
	    M1("10:30"), M1("11:30"), 0, "window", 1, 1));
	CT_CERT(h + 6, &r, NULL, WANT(M1("12:00"), M1("13:00"), "KEN", 1000, 0,
	    M1("11:30"), M1("12:30"), 0, "window", 1, 1));
	RES_STATE(&r, "ended", 9300, 6, M1("13:00"), 0);
	CT_PROPS(&r.id, 1, ct_ms(M1("13:05")));
	CT_CLOSE("2025-05-01T00:00:00.000Z", &r, 1);
}

/* Vector 16: the remaining target exactly equal to W. */
static void
ex5_exact(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 a, bb;
	struct ct_res		 r;
	struct json_object	*s;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ex5_setup("e16", 5300, 0, &b, &d, &a, &bb, &r);
	h = ct_head(NULL);
	s = CT_PASS(M1("13:05"));
	CT_SUM_IDS(s, h + 1, 3);
	CT_JEQ(s, "energyWh", "5300");
	CT_JEQ(s, "excessWh", "0");
	CT_INTS(s, "reservationsCompleted", r.id);
	json_object_put(s);
	CT_CERT(h + 3, &r, NULL, WANT(M1("11:00"), M1("12:00"), "IND", 1500, 0,
	    M1("10:50"), M1("11:40"), 0, "window", 1, 1));
	RES_STATE(&r, "completed", 5300, 3, M1("12:00"), 0);
	CT_PROPS(&r.id, 1, ct_ms(M1("13:05")));
}

static const struct ct_test examples[] = {
	T(ex1_hourly_late), T(ex1_v24_ledger_route), T(ex1_buyer_listing),
	T(ex1_close), T(ex1_early_end), T(ex1_expiry),
	T(ex2_daily_two_countries), T(ex2_listings), T(ex2_claims),
	T(ex2_more),
	T(ex2_device_delete), T(ex3_monthly), T(ex4_history),
	T(ex4_history_target), T(ex5_target),
	T(ex5_exceed), T(ex5_exact), T(ex5_patch_false),
};

void
ct_examples_register(void)
{
	CU_pSuite	 s;
	size_t		 i;

	if ((s = CU_add_suite("certificates.md section 10 worked examples "
	    "and section 12 vectors on them", NULL, ct_suite_cleanup)) == NULL)
		exit(2);
	for (i = 0; i < NELEM(examples); i++)
		itest_add(s, examples[i].name, examples[i].fn);
}
