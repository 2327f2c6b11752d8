/*
 * Certificates: the §12 vectors beyond the worked examples, the ledger
 * under concurrency and attack, and the invariant.
 *
 *	edges			vectors 1, 4, 5, 8, 9, 11; a read stamped at E
 *				goes to whoever holds the device from E
 *	frequencies		vectors 2, 3 (quarterly half)
 *	history_bounds		vector 6; device delete rules after closing
 *	paging			vector 27 (25 certificates), paging rules
 *	random_invariant	vector 32: a randomized scenario (fixed seed,
 *				printed; DREC_CT_SEED overrides it) with Delta,
 *				Aggregate and History devices in two countries,
 *				five frequencies, late reads, an early end, a
 *				cancellation, authorityToExceed true and false
 *				and a short expiry; P1-P6 (§7) through SQL and
 *				`drecctl ledger verify` after every pass
 *	lease_busy		the lease held elsewhere: exit 3, 409
 *				ISSUER_BUSY after the 10 s wait, a lease
 *				expiring within the wait taken over
 *	key_missing		no readable key: `drecctl issue` exits 4
 *	lease_race		vector 18: two `drecctl issue --force` at once
 *				over a workload big enough to overlap
 *	lease_lost		vector 34: the lease row expired by hand while
 *				an HTTP pass runs: 503 ISSUER_PARTIAL, the
 *				next pass goes on
 *	lease_lost_cli		the same for `drecctl issue`: exit 5
 *	cancel_during_pass	§6: a reservation cancelled while a pass
 *				works on another is skipped (gone)
 *	ledger_walk		vectors 20-21 over HTTP: every entry's hash is
 *				the SHA-256 of its drec-c14n-1 form, its
 *				signature verifies, the chain links, ids are
 *				contiguous, the head is the last entry
 *	tamper_*		vectors 22-23 and the other `ledger verify`
 *				reasons, each tampering restored afterwards so
 *				that the database ends consistent; last
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <sys/wait.h>

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "test_certificates.h"

#define A1(hm)	"2025-04-01T" hm ":00.000Z"

#define H	3600000LL
#define DAY	(24 * H)
#define MIN	60000LL

/* ============================================================== edges */

/* Vectors 1 (hourly [10:00, 12:30)), 4, 5, 8, 9 and 11. */
static void
edges(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 x, g;
	struct ct_res		 r;
	struct json_object	*s;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("edges");
	ct_party_new(&b, "buyer", "edb");
	ct_party_new(&d, "developer", "edd");
	ct_clock(A1("08:00"));
	x = ct_device(d.tok, "{}");
	g = ct_device(d.tok, KEN, "");
	ct_clock(A1("09:00"));
	r = CT_RESERVE(b.tok, "{\"name\":\"Edges\",\"deviceIds\":[%lld,%lld],"
	    "\"targetCapacityInMegaWattHour\":0.01,\"reservationStartDate\":"
	    "\"" A1("10:00") "\",\"reservationEndDate\":\"" A1("12:30") "\","
	    "\"reservationExpiryDate\":\"" A1("14:00") "\","
	    "\"authorityToExceed\":true,\"frequency\":\"hourly\"}", x.id, g.id);
	h = ct_head(NULL);
	/* Vector 8: a baseline counter inside window 10-11. */
	ct_clock(A1("10:11"));
	CT_READS(d.tok, &g, "Aggregate", RE(A1("10:10"), 1000));
	ct_clock(A1("10:41"));
	CT_READS(d.tok, &g, "Aggregate", RE(A1("10:40"), 1500));
	s = CT_PASS(A1("11:05"));
	CT_SUM_IDS(s, h + 1, 1);
	CT_JEQ(s, "readsCertified", "1");
	json_object_put(s);
	CT_CERT(h + 1, &r, NULL, WANT(A1("10:00"), A1("11:00"), "KEN", 500, 0,
	    A1("10:10"), A1("10:40"), 0, "window", 1, 1));
	CT_CHECK(ct_sql_ll("SELECT COUNT(*) FROM meter_read WHERE device_id ="
	    " %lld AND is_baseline = 1 AND certificate_id IS NULL", g.id) == 1,
	    "vector 8: the baseline is not certified");
	/* Vector 4: ends exactly at 11:00 -> window 11-12; vector 5: ends
	 * exactly at the end -> not certified. */
	ct_clock(A1("12:31"));
	CT_READS(d.tok, &x, "Delta", RD(A1("09:40"), A1("10:30"), 100) ","
	    RE(A1("11:00"), 200) "," RE(A1("12:30"), 300));
	s = CT_PASS("2025-04-01T12:34:59.999Z");
	CT_SUM_IDS(s, h + 2, 2);
	/* Window 12-12:30 is not due before 12:35. */
	CT_JEQ(s, "windowsIssued", "1");
	json_object_put(s);
	CT_CERT(h + 2, &r, NULL, WANT(A1("10:00"), A1("11:00"), "IND", 100, 0,
	    A1("09:40"), A1("10:30"), 1, "window", 1, 1));
	CT_CERT(h + 3, &r, NULL, WANT(A1("11:00"), A1("12:00"), "IND", 200, 0,
	    A1("10:30"), A1("11:00"), 0, "window", 1, 1));
	RES_STATE(&r, "active", 800, 3, A1("12:00"), 0);
	/* Vectors 1 and 11: the last window [12:00, 12:30) has no read: no
	 * certificate, issuedThrough moves past it. */
	s = CT_PASS(A1("12:35"));
	CT_SUM_IDS(s, h + 4, 0);
	CT_JEQ(s, "windowsIssued", "1");
	CT_INTS(s, "reservationsEnded", r.id);
	json_object_put(s);
	RES_STATE(&r, "ended", 800, 3, A1("12:30"), 0);
	CT_CHECK(ct_read_cert(&x, A1("12:30")) == 0,
	    "vector 5: the read ending at the end is not certified");
	/* Vector 9: a read received at the expiry is eligible (late), one
	 * received 1 ms after it never is. */
	ct_clock(A1("14:00"));
	CT_READS(d.tok, &g, "Aggregate", RE(A1("12:10"), 1550));
	ct_clock("2025-04-01T14:00:00.001Z");
	CT_READS(d.tok, &g, "Aggregate", RE(A1("12:20"), 1600));
	s = CT_PASS(A1("14:05"));
	CT_SUM_IDS(s, h + 4, 1);
	json_object_put(s);
	CT_CERT(h + 4, &r, NULL, WANT(A1("12:00"), A1("12:30"), "KEN", 50, 0,
	    A1("10:40"), A1("12:10"), 1, "window", 1, 1));
	CT_CHECK(ct_read_cert(&g, A1("12:20")) == 0,
	    "vector 9: the read received "
	    "1 ms after the expiry is never certified");
	RES_STATE(&r, "ended", 850, 4, A1("12:30"), 1);
	CT_PROPS(&r.id, 1, ct_ms(A1("14:05")));
	/* A read stamped at E belongs to whoever holds the device from E,
	 * whole (a read is indivisible). */
	{
		struct ct_res r2;

		ct_clock(A1("14:10"));
		r2 = CT_RESERVE(b.tok, "{\"name\":\"Edges after\","
		    "\"deviceIds\":[%lld],\"targetCapacityInMegaWattHour\":"
		    "0.001,\"reservationStartDate\":\"" A1("12:30") "\","
		    "\"reservationEndDate\":\"" A1("13:30") "\","
		    "\"authorityToExceed\":true,\"frequency\":\"hourly\"}",
		    x.id);
		h = ct_head(NULL);
		s = CT_PASS(A1("14:15"));
		CT_SUM_IDS(s, h + 1, 1);
		json_object_put(s);
		CT_CERT(h + 1, &r2, NULL, WANT(A1("12:30"), A1("13:30"), "IND",
		    300, 0, A1("11:00"), A1("12:30"), 0, "window", 1, 1));
		CT_PROPS(&r2.id, 1, ct_ms(A1("14:15")));
		CT_CLOSE("2025-06-30T00:00:00.000Z", &r2, 1);
	}
}

/* =========================================================== frequencies */

/* Vectors 2 (weekly) and 3 (quarterly). */
static void
frequencies(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 w, q;
	struct ct_res		 rw, rq, both[2];
	struct json_object	*s;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("frequencies");
	ct_party_new(&b, "buyer", "frb");
	ct_party_new(&d, "developer", "frd");
	ct_clock(D24("11-29", "00:00"));
	w = ct_device(d.tok, "{}");
	q = ct_device(d.tok, KEN, "");
	ct_clock(D24("11-29", "12:00"));
	rw = CT_RESERVE(b.tok, "{\"name\":\"Weekly\",\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":0.1,\"reservationStartDate\":"
	    "\"2025-03-03\",\"reservationEndDate\":\"2025-03-20\","
	    "\"authorityToExceed\":true,\"frequency\":\"weekly\"}", w.id);
	rq = CT_RESERVE(b.tok, "{\"name\":\"Quarterly\",\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":0.1,\"reservationStartDate\":"
	    "\"2024-11-30T06:00:00Z\",\"reservationEndDate\":"
	    "\"2025-06-30T06:00:00Z\",\"authorityToExceed\":true,"
	    "\"frequency\":\"quarterly\"}", q.id);
	h = ct_head(NULL);
	ct_clock(D25("01-15", "00:01"));
	CT_READS(d.tok, &q, "Delta", RD(D24("12-01", "00:00"),
	    D25("01-15", "00:00"), 5000));
	ct_clock(D25("03-05", "00:01"));
	CT_READS(d.tok, &w, "Delta", RD(D25("03-04", "00:00"),
	    D25("03-05", "00:00"), 1000));
	ct_clock(D25("03-12", "00:01"));
	CT_READS(d.tok, &w, "Delta", RE(D25("03-12", "00:00"), 2000));
	ct_clock(D25("03-15", "00:01"));
	CT_READS(d.tok, &q, "Delta", RE(D25("03-15", "00:00"), 6000));
	ct_clock(D25("03-19", "00:01"));
	CT_READS(d.tok, &w, "Delta", RE(D25("03-19", "00:00"), 3000));
	ct_clock(D25("06-15", "00:01"));
	CT_READS(d.tok, &q, "Delta", RE(D25("06-15", "00:00"), 7000));
	s = CT_PASS(D25("06-30", "06:05"));
	CT_SUM_IDS(s, h + 1, 6);
	json_object_put(s);
	CT_CERT(h + 1, &rw, NULL, WANT(D25("03-03", "00:00"),
	    D25("03-10", "00:00"), "IND", 1000, 0, D25("03-04", "00:00"),
	    D25("03-05", "00:00"), 0, "window", 1, 1));
	CT_CERT(h + 2, &rw, NULL, WANT(D25("03-10", "00:00"),
	    D25("03-17", "00:00"), "IND", 2000, 0, D25("03-05", "00:00"),
	    D25("03-12", "00:00"), 0, "window", 1, 1));
	CT_CERT(h + 3, &rw, NULL, WANT(D25("03-17", "00:00"),
	    D25("03-20", "00:00"), "IND", 3000, 0, D25("03-12", "00:00"),
	    D25("03-19", "00:00"), 0, "window", 1, 1));
	CT_CERT(h + 4, &rq, NULL, WANT(D24("11-30", "06:00"),
	    D25("02-28", "06:00"), "KEN", 5000, 0, D24("12-01", "00:00"),
	    D25("01-15", "00:00"), 0, "window", 1, 1));
	CT_CERT(h + 5, &rq, NULL, WANT(D25("02-28", "06:00"),
	    D25("05-30", "06:00"), "KEN", 6000, 0, D25("01-15", "00:00"),
	    D25("03-15", "00:00"), 0, "window", 1, 1));
	CT_CERT(h + 6, &rq, NULL, WANT(D25("05-30", "06:00"),
	    D25("06-30", "06:00"), "KEN", 7000, 0, D25("03-15", "00:00"),
	    D25("06-15", "00:00"), 0, "window", 1, 1));
	/* The weekly one's default expiry (05-19) has passed: closed. */
	RES_STATE(&rw, "ended", 6000, 3, D25("03-20", "00:00"), 1);
	RES_STATE(&rq, "ended", 18000, 3, D25("06-30", "06:00"), 0);
	both[0] = rw;
	both[1] = rq;
	CT_PROPS(&rw.id, 1, ct_ms(D25("06-30", "06:05")));
	CT_PROPS(&rq.id, 1, ct_ms(D25("06-30", "06:05")));
	CT_CLOSE("2025-09-01T00:00:00.000Z", both, 2);
}

/* Vector 6: History read [start + 1 day, end] certified; [start - 1 ms,
 * end - 1 day] never. */
static void
history_bounds(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 h1, h2;
	struct ct_res		 r;
	struct json_object	*s;
	long long		 h;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("history_bounds");
	ct_party_new(&b, "buyer", "hbb");
	ct_party_new(&d, "developer", "hbd");
	ct_clock(D25("05-10", "00:00"));
	h1 = ct_device(d.tok, "{}");
	h2 = ct_device(d.tok, "{}");
	CT_READS(d.tok, &h1, "History", RD(D25("05-02", "00:00"),
	    D25("05-08", "00:00"), 500));
	CT_READS(d.tok, &h2, "History", RD("2025-04-30T23:59:59.999Z",
	    D25("05-07", "00:00"), 400));
	ct_clock(D25("05-10", "01:00"));
	r = CT_RESERVE(b.tok, "{\"name\":\"History bounds\",\"deviceIds\":"
	    "[%lld,%lld],\"targetCapacityInMegaWattHour\":0.1,"
	    "\"reservationStartDate\":\"2025-05-01\",\"reservationEndDate\":"
	    "\"2025-05-08\",\"authorityToExceed\":true,\"frequency\":"
	    "\"daily\"}", h1.id, h2.id);
	h = ct_head(NULL);
	s = CT_PASS(D25("05-10", "01:05"));
	CT_SUM_IDS(s, h + 1, 1);
	CT_JEQ(s, "windowsIssued", "7");
	CT_INTS(s, "reservationsEnded", r.id);
	json_object_put(s);
	CT_CERT(h + 1, &r, NULL, WANT(D25("05-02", "00:00"),
	    D25("05-08", "00:00"), "IND", 500, 0, D25("05-02", "00:00"),
	    D25("05-08", "00:00"), 0, "history", 1, 1));
	CT_CHECK(ct_certified_reads(&h2) == 0, "vector 6: the History read "
	    "starting 1 ms before the start is never certified");
	CT_PROPS(&r.id, 1, ct_ms(D25("05-10", "01:05")));
	CT_CLOSE("2025-07-20T00:00:00.000Z", &r, 1);
	/* devices.md §6.5 after closing: the certified device stays, the
	 * other goes with its reads. */
	{
		struct itest_resp	 resp;
		char			*p;

		p = itest_fmt("/api/device/%lld", h1.id);

		itest_expect_error("DELETE", p, d.tok, NULL, NULL, 409,
		    "DEVICE_CERTIFIED");
		free(p);
		p = itest_fmt("/api/device/%lld", h2.id);
		itest_request("DELETE", p, d.tok, NULL, NULL, NULL, &resp);
		ITEST_ASSERT_STATUS(&resp, 200);
		CT_JEQ(resp.json, "success", "true");
		itest_resp_free(&resp);
		itest_expect_error("GET", p, d.tok, NULL, NULL, 404,
		    "DEVICE_NOT_FOUND");
		free(p);
		CT_CHECK(ct_sql_ll("SELECT COUNT(*) FROM meter_read WHERE"
		    " device_id = %lld", h2.id) == 0, "its reads are gone");
		CT_VERIFY_OK(-1);
	}
}

/* Vector 27: 25 certificates, 20 per page, newest first; paging. */
static void
paging(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 x;
	struct ct_res		 r;
	struct json_object	*s, *o;
	char			*p, reads[25 * 80] = "";
	long long		 h;
	int			 i;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("paging");
	ct_party_new(&b, "buyer", "pgb");
	ct_party_new(&d, "developer", "pgd");
	ct_clock(D25("05-31", "00:00"));
	x = ct_device(d.tok, "{}");
	r = CT_RESERVE(b.tok, "{\"name\":\"Paging\",\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":0.1,\"reservationStartDate\":"
	    "\"2025-06-01\",\"reservationEndDate\":\"2025-06-02T01:00:00Z\","
	    "\"authorityToExceed\":true,\"frequency\":\"hourly\"}", x.id);
	for (i = 0; i < 25; i++) {
		char *rd = ct_rd(i == 0 ? "2025-06-01T00:00:00.000Z" : NULL,
		    ct_iso(ct_ms("2025-06-01T00:30:00Z") + i * 3600000LL),
		    100 + i);

		snprintf(reads + strlen(reads), sizeof(reads) - strlen(reads),
		    "%s%s", i ? "," : "", rd);
		free(rd);
	}
	ct_clock(D25("06-02", "01:00"));
	CT_READS(d.tok, &x, "Delta", "%s", reads);
	h = ct_head(NULL);
	s = CT_PASS(D25("06-02", "01:05"));
	CT_SUM_IDS(s, h + 1, 25);
	json_object_put(s);
	p = itest_fmt(CT_CERTIFIED "new/%s?pageNumber=2", r.uid);
	o = GET_JSON(p, b.tok);
	free(p);
	ITEM_IDS(o, "certificatelog", h + 5, h + 4, h + 3, h + 2, h + 1);
	CT_JEQ(o, "totalItems", "25");
	CT_JEQ(o, "currentPage", "2");
	CT_JEQ(o, "totalPages", "2");
	json_object_put(o);
	p = itest_fmt(CT_CERTIFIED "%s", r.uid);
	o = GET_JSON(p, b.tok);
	free(p);
	CT_CHECK(itest_olen(o, "certificatelog") == 20 && itest_oint(o,
	    "certificatelog.0.id") == h + 25 && itest_oint(o,
	    "certificatelog.19.id") == h + 6, "page 1: 20 items, %lld..%lld",
	    h + 25, h + 6);
	json_object_put(o);
	p = itest_fmt(CT_CERTIFIED "%s?pagenumber=2", r.uid);
	o = GET_JSON(p, b.tok);
	free(p);
	CT_CHECK(itest_olen(o, "certificatelog") == 5, "pagenumber=2: 5 items");
	json_object_put(o);
	p = itest_fmt(CT_CERTIFIED "%s?pageNumber=3", r.uid);
	o = GET_JSON(p, b.tok);
	free(p);
	CT_JEQ(o, "certificatelog", "[]");
	CT_JEQ(o, "totalItems", "25");
	CT_JEQ(o, "currentPage", "3");
	CT_JEQ(o, "totalPages", "2");
	json_object_put(o);
	p = itest_fmt(CT_CERTIFIED "%s?pageNumber=1&pagenumber=2", r.uid);
	itest_expect_error("GET", p, b.tok, NULL, NULL, 400, "INVALID_QUERY");
	free(p);
	p = itest_fmt(CT_CERTIFIED "%s?pageNumber=x", r.uid);
	itest_expect_error("GET", p, b.tok, NULL, NULL, 400, "INVALID_QUERY");
	free(p);
	/* §9.6: 10 per page. */
	o = GET_JSON(CT_OFDEV "?pageNumber=3", b.tok);
	ITEM_IDS(o, "certificatelog", h + 5, h + 4, h + 3, h + 2, h + 1);
	CT_JEQ(o, "currentpage", "3");
	CT_JEQ(o, "totalPages", "3");
	CT_JEQ(o, "totalCount", "25");
	json_object_put(o);
	o = GET_JSON(CT_OFDEV "?pagenumber=4", b.tok);
	CT_JEQ(o, "certificatelog", "[]");
	CT_JEQ(o, "totalCount", "25");
	json_object_put(o);
	CT_PROPS(&r.id, 1, ct_ms(D25("06-02", "01:05")));
	CT_CLOSE("2025-09-01T00:00:00.000Z", &r, 1);
}

/* ====================================================== shared helpers */



/* The certificate ids of a summary, checked contiguous from first. */
static long long
sum_count_contiguous(struct json_object *s, long long first, int *ok)
{
	struct json_object	*a = itest_oget(s, "certificateIds");
	size_t			 i, n;

	*ok = json_object_is_type(a, json_type_array);
	n = *ok ? json_object_array_length(a) : 0;
	for (i = 0; *ok && i < n; i++)
		*ok = json_object_get_int64(json_object_array_get_idx(a, i)) ==
		    first + (long long)i;
	if (*ok)
		*ok = itest_oint(s, "certificatesIssued") == (long long)n;
	return (long long)n;
}

/* Hourly Delta reads for a device: one per hour from start, ending at
 * :30; as a JSON list (malloc'd). */
static char *
hourly_reads(int64_t start, int n, int salt)
{
	char	*buf = NULL, *rd;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);
	int	 i;

	for (i = 0; i < n; i++) {
		rd = ct_rd(i == 0 ? ct_iso(start) : NULL, ct_iso(start +
		    30 * MIN + (int64_t)i * H), 100 + (i * 7 + salt) % 400);
		fprintf(f, "%s%s", i ? "," : "", rd);
		free(rd);
	}
	fclose(f);
	return buf;
}

/* The developer token of the last workload. */
static char	*w_dev_tok;

/* A big workload: two devices (IND, KEN), one hourly reservation over n
 * hours from start with a read per device and hour: 2n certificates. */
static struct ct_res
workload(const char *tag, int64_t start, int n, struct ct_dev *x,
    struct ct_dev *y)
{
	struct ct_party	 b, d;
	struct ct_res	 r;
	char		*t = itest_fmt("%sb", tag), *u = itest_fmt("%sd", tag);
	char		*rx, *ry;

	ct_scenario(tag);
	ct_party_new(&b, "buyer", t);
	ct_party_new(&d, "developer", u);
	free(t);
	free(u);
	ct_clock(ct_iso(start - DAY));
	*x = ct_device(d.tok, "{}");
	*y = ct_device(d.tok, "{\"countryCode\":\"KEN\"}");
	r = CT_RESERVE(b.tok, "{\"name\":\"Workload %s\",\"deviceIds\":"
	    "[%lld,%lld],\"targetCapacityInMegaWattHour\":1,"
	    "\"reservationStartDate\":\"%s\",\"reservationEndDate\":\"%s\","
	    "\"authorityToExceed\":true,\"frequency\":\"hourly\","
	    "\"continueWithReservationIfTargetCapacityIsLessThanDevice"
	    "TotalCapacityBetweenDuration\":true}", tag, x->id, y->id,
	    ct_iso(start), ct_iso(start + (int64_t)n * H));
	ct_clock(ct_iso(start + (int64_t)n * H + MIN));
	w_dev_tok = d.tok;
	rx = hourly_reads(start, n, 1);
	ry = hourly_reads(start, n, 2);
	CT_READS(d.tok, x, "Delta", "%s", rx);
	CT_READS(d.tok, y, "Delta", "%s", ry);
	free(rx);
	free(ry);
	return r;
}

/* ================================================= vector 32: random */

static uint64_t	 rng_state;

static uint64_t
rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

/* [0, n) */
static long long
rnd(long long n)
{
	return n <= 1 ? 0 : (long long)(rng() % (uint64_t)n);
}

struct rdev {
	struct ct_dev	 d;
	const char	*tok;
	const char	*type;		/* Delta, Aggregate, History */
	int64_t		 last;		/* P.end, 0: none */
	long long	 counter;
	int		 lag;		/* reporting lags (late reads) */
	int		 first;		/* no read posted yet */
};

struct rres {
	const char	*name;
	struct ct_res	 r;
	int		 live;		/* created and not cancelled */
};

#define NDEV	7

static struct {
	struct ct_party	 b1, b2, d1, d2;
	struct rdev	 dev[NDEV], hist[2];
	struct rres	 res[9];	/* RA RB RC RD RE RF RD2 RH */
	size_t		 nres;
	int64_t		 base;
	long long	 passes, certs;
} rs;

/* Energy for an interval (Wh), never above the plausible maximum. */
static long long
energy_for(int64_t from, int64_t to)
{
	return (long long)((to - from) / MIN * (50 + rnd(650)) / 60) + 1;
}

/* Posts this device's reads up to about t. */
static void
rand_reads(struct rdev *v, int64_t t)
{
	char		*buf = NULL, *rd;
	size_t		 len = 0;
	FILE		*f;
	int64_t		 upto, end, start;
	long long	 e;
	int		 k, i, n = 0;

	if (v->lag && rnd(3) != 0)
		upto = t - (4 + rnd(16)) * H;	/* a backlog: late reads */
	else
		upto = t - rnd(30) * MIN;
	if (v->last == 0 && strcmp(v->type, "Aggregate") == 0) {
		/* The baseline, sometimes inside a window. */
		v->counter = 1000000 + rnd(1000);
		end = rs.base - H + rnd(180) * MIN;
		if (end > t)
			end = t;
		rd = ct_rd(NULL, ct_iso(end), v->counter);
		CT_READS(v->tok, &v->d, "Aggregate", "%s", rd);
		free(rd);
		v->last = end;
	}
	if (v->last == 0)		/* a Delta device's first read */
		v->last = rs.base - 2 * H - rnd(60) * MIN;
	if (upto <= v->last + MIN)
		return;
	f = open_memstream(&buf, &len);
	k = 1 + (int)rnd(3);
	for (i = 1; i <= k; i++) {
		end = v->last + (upto - v->last) * i / k;
		end -= end % MIN;
		if (end <= v->last)
			continue;
		start = 0;
		if (strcmp(v->type, "Delta") == 0 && (v->first ||
		    rnd(4) == 0)) {
			/* An explicit start (the first read's interval starts
			 * at onboarding without one); after a gap sometimes. */
			start = v->first ? v->last : v->last +
			    rnd((end - v->last) / MIN / 2 + 1) * MIN;
			if (start >= end)
				start = v->last;
			v->first = 0;
		}
		e = energy_for(start ? start : v->last, end);
		if (strcmp(v->type, "Aggregate") == 0) {
			if (rnd(10) == 0)
				e = 0;		/* zero production */
			v->counter += e;
			rd = ct_rd(NULL, ct_iso(end), v->counter);
		} else
			rd = ct_rd(start ? ct_iso(start) : NULL, ct_iso(end),
			    e);
		fprintf(f, "%s%s", n++ ? "," : "", rd);
		free(rd);
		v->last = end;
	}
	fclose(f);
	if (n > 0)
		CT_READS(v->tok, &v->d, v->type, "%s", buf);
	free(buf);
}

static const char *const freqs[] = { "hourly", "daily", "weekly", "monthly",
    "quarterly" };

/* Creates reservation i of the scenario. */
static void
rand_reserve(size_t i, const char *name, const struct ct_party *b,
    const long long *devs, size_t ndevs, int64_t from, int64_t to,
    const char *freq, int ate, long long target_wh, int64_t expiry)
{
	char	 ids[128] = "", exp[96] = "";
	size_t	 k;

	for (k = 0; k < ndevs; k++)
		snprintf(ids + strlen(ids), sizeof(ids) - strlen(ids), "%s%lld",
		    k ? "," : "", devs[k]);
	if (expiry > 0)
		snprintf(exp, sizeof(exp), ",\"reservationExpiryDate\":\"%s\"",
		    ct_iso(expiry));
	rs.res[i].name = name;
	rs.res[i].r = CT_RESERVE(b->tok, "{\"name\":\"%s\",\"deviceIds\":[%s],"
	    "\"targetCapacityInMegaWattHour\":%lld.%06lld,"
	    "\"reservationStartDate\":\"%s\",\"reservationEndDate\":\"%s\","
	    "\"authorityToExceed\":%s,\"frequency\":\"%s\","
	    "\"continueWithReservationIfTargetCapacityIsLessThanDevice"
	    "TotalCapacityBetweenDuration\":true%s}", name, ids,
	    target_wh / 1000000, target_wh % 1000000, ct_iso(from), ct_iso(to),
	    ate ? "true" : "false", freq, exp);
	rs.res[i].live = 1;
	printf("\n  (random: %s = reservation %lld, %s, [%s, %s), "
	    "authorityToExceed %s, target %lld Wh)\n", name, rs.res[i].r.id,
	    freq, ct_iso(from), ct_iso(to), ate ? "true" : "false", target_wh);
	if (i >= rs.nres)
		rs.nres = i + 1;
}

/* One pass at t and the properties; the summary's ids and energy are
 * checked against the ledger. */
static void
rand_pass(int64_t t)
{
	struct json_object	*s;
	long long		 ids[9], h0, h1, n, e;
	size_t			 i, k = 0;
	int			 ok;

	h0 = ct_head(NULL);
	s = CT_PASS(ct_iso(t));
	h1 = ct_head(NULL);
	n = sum_count_contiguous(s, h0 + 1, &ok);
	CT_CHECK(ok && n == h1 - h0, "pass at %s: certificateIds %lld..%lld "
	    "contiguous (got %.300s)", ct_iso(t), h0 + 1, h1,
	    json_object_to_json_string(itest_oget(s, "certificateIds")));
	if (n > 0) {
		e = ct_sql_ll("SELECT SUM(energy_wh) FROM certificate WHERE"
		    " id > %lld AND id <= %lld", h0, h1);
		CT_CHECK(itest_oint(s, "energyWh") == e, "summary energyWh = "
		    "Σ energyWh of its certificates (%lld)", e);
		e = ct_sql_ll("SELECT COUNT(*) FROM meter_read WHERE"
		    " certificate_id > %lld AND certificate_id <= %lld", h0,
		    h1);
		CT_CHECK(itest_oint(s, "readsCertified") == e, "summary "
		    "readsCertified = the reads they certified (%lld)", e);
	}
	json_object_put(s);
	rs.passes++;
	rs.certs += h1 - h0;
	for (i = 0; i < rs.nres; i++)
		if (rs.res[i].live)
			ids[k++] = rs.res[i].r.id;
	CT_PROPS(ids, k, t);
}

/* History reads of a device in three slots, some sticking out of [B,
 * B + 5 days). */
static void
rand_history(struct rdev *v)
{
	const int64_t	 B = rs.base;
	const int64_t	 slot[3][2] = { { B - 6 * H, B + DAY },
	    { B + DAY + 6 * H, B + 3 * DAY }, { B + 3 * DAY + 6 * H,
	    B + 5 * DAY + H } };
	char		*buf = NULL, *rd;
	size_t		 len = 0;
	FILE		*f = open_memstream(&buf, &len);
	int64_t		 s, e, span;
	int		 i;

	for (i = 0; i < 3; i++) {
		span = (slot[i][1] - slot[i][0]) / MIN;
		s = slot[i][0] + rnd(span / 2) * MIN;
		e = s + (60 + rnd(span / 2 - 60)) * MIN;
		if (e > slot[i][1])
			e = slot[i][1];
		rd = ct_rd(ct_iso(s), ct_iso(e), (e - s) / MIN * 5 + 1);
		fprintf(f, "%s%s", i ? "," : "", rd);
		free(rd);
	}
	fclose(f);
	CT_READS(v->tok, &v->d, "History", "%s", buf);
	free(buf);
}

static void
random_once(uint64_t seed)
{
	int64_t		 B, t;
	long long	 devs[3];
	int		 cancelled = 0, ended = 0, retro = 0, late_hist = 0;
	size_t		 i;
	char		*p;

	ITEST_REQUIRE(ct.admin != NULL);
	printf("\n  random scenario seed %llu (DREC_CT_SEED=%llu reruns it)\n",
	    (unsigned long long)seed, (unsigned long long)seed);
	rng_state = seed ? seed : 1;
	memset(&rs, 0, sizeof(rs));
	ct_scenario("random_invariant");
	B = rs.base = ct_ms("2025-12-01T00:00:00Z");
	ct_party_new(&rs.b1, "buyer", "rnb1");
	ct_party_new(&rs.b2, "buyer", "rnb2");
	ct_party_new(&rs.d1, "developer", "rnd1");
	ct_party_new(&rs.d2, "developer", "rnd2");
	ct_clock(ct_iso(B - DAY));
	{
		static const struct {
			int		 org2;
			const char	*type, *country;
		} spec[NDEV] = { { 0, "Delta", "IND" }, { 0, "Delta", "KEN" },
		    { 1, "Aggregate", "IND" }, { 1, "Aggregate", "KEN" },
		    { 1, "Delta", "IND" }, { 0, "Aggregate", "KEN" },
		    { 1, "Delta", "KEN" } };

		for (i = 0; i < NDEV; i++) {
			rs.dev[i].tok = spec[i].org2 ? rs.d2.tok : rs.d1.tok;
			rs.dev[i].type = spec[i].type;
			rs.dev[i].d = ct_device(rs.dev[i].tok,
			    "{\"countryCode\":\"%s\"}", spec[i].country);
			rs.dev[i].lag = rnd(3) == 0;
			rs.dev[i].first = 1;
		}
	}
	ct_clock(ct_iso(B - DAY + H));
	devs[0] = rs.dev[0].d.id;
	devs[1] = rs.dev[1].d.id;
	devs[2] = rs.dev[2].d.id;
	rand_reserve(0, "RA", &rs.b1, devs, 3, B, B + 2 * DAY,
	    freqs[rnd(2)], 1, 1000000, 0);
	devs[0] = rs.dev[3].d.id;
	devs[1] = rs.dev[4].d.id;
	rand_reserve(1, "RB", &rs.b2, devs, 2, B, B + 4 * DAY, "daily", 0,
	    3000 + rnd(12000), 0);
	devs[0] = rs.dev[5].d.id;
	rand_reserve(2, "RC", &rs.b1, devs, 1, B, B + 5 * DAY, "weekly",
	    (int)rnd(2), 5000 + rnd(25000), 0);
	devs[0] = rs.dev[6].d.id;
	rand_reserve(3, "RD", &rs.b2, devs, 1, B + DAY, B + 3 * DAY, "daily",
	    1, 100000, 0);
	devs[0] = rs.dev[0].d.id;
	devs[1] = rs.dev[1].d.id;
	rand_reserve(4, "RE", &rs.b2, devs, 2, B + 2 * DAY, B + 5 * DAY,
	    rnd(2) ? "monthly" : "quarterly", (int)rnd(2), 5000 + rnd(30000),
	    0);
	devs[0] = rs.dev[2].d.id;
	rand_reserve(5, "RF", &rs.b1, devs, 1, B + 2 * DAY, B + 5 * DAY,
	    "hourly", 0, 5000 + rnd(15000), B + 5 * DAY + 6 * H);

	for (t = B + (1 + rnd(8)) * H; t < B + 6 * DAY; t += (1 + rnd(8)) * H) {
		ct_clock(ct_iso(t));
		/* A cancellation before any certificate, the device then
		 * reserved again. */
		if (!cancelled && t >= B + 6 * H) {
			struct itest_resp r;

			p = itest_fmt(CT_BR "/%lld", rs.res[3].r.id);
			itest_request("DELETE", p, rs.b2.tok, NULL, NULL, NULL,
			    &r);
			ITEST_ASSERT_STATUS(&r, 200);
			ITEST_ASSERT_R(&r, itest_jbool(&r, "deleted") == 1);
			itest_resp_free(&r);
			free(p);
			rs.res[3].live = 0;
			devs[0] = rs.dev[6].d.id;
			rand_reserve(6, "RD2", &rs.b1, devs, 1, B + DAY,
			    B + 4 * DAY, "hourly", 1, 100000, 0);
			cancelled = 1;
		}
		/* An early end (now). */
		if (!ended && t >= B + 3 * DAY + rnd(12) * H) {
			struct itest_resp r;

			p = itest_fmt(CT_BR "/endreservation/%lld",
			    rs.res[4].r.id);
			itest_request("DELETE", p, rs.b2.tok, NULL, NULL, NULL,
			    &r);
			ITEST_ASSERT_STATUS(&r, 200);
			ITEST_ASSERT_JSTR(&r, "reservationEndDate", ct_iso(t));
			itest_resp_free(&r);
			free(p);
			ended = 1;
		}
		/* History devices onboarded now, reserved after the fact. */
		if (!retro && t >= B + 5 * DAY + 2 * H) {
			for (i = 0; i < 2; i++) {
				rs.hist[i].tok = i ? rs.d2.tok : rs.d1.tok;
				rs.hist[i].type = "History";
				rs.hist[i].d = ct_device(rs.hist[i].tok,
				    "{\"countryCode\":\"%s\"}", i ? "KEN" :
				    "IND");
				rand_history(&rs.hist[i]);
			}
			devs[0] = rs.hist[0].d.id;
			devs[1] = rs.hist[1].d.id;
			rand_reserve(7, "RH", &rs.b2, devs, 2, B, B + 5 * DAY,
			    "daily", 1, 2000 + rnd(40000), 0);
			retro = 1;
			/* Its windows issued now: the next History reads are
			 * late. */
			rand_pass(t);
		} else if (retro && !late_hist) {
			/* A late History read, in the slot kept free. */
			for (i = 0; i < 2; i++) {
				char *rd = ct_rd(ct_iso(B + DAY + H +
				    rnd(60) * MIN), ct_iso(B + DAY + 5 * H),
				    1000 + rnd(500));

				CT_READS(rs.hist[i].tok, &rs.hist[i].d,
				    "History", "%s", rd);
				free(rd);
			}
			late_hist = 1;
		}
		for (i = 0; i < NDEV; i++)
			if (rnd(10) < 7)
				rand_reads(&rs.dev[i], t);
		if (rnd(10) < 6)
			rand_pass(t);
	}
	/* Everything reported, then passes until every reservation is
	 * closed or completed. */
	t = B + 6 * DAY + H;
	ct_clock(ct_iso(t));
	for (i = 0; i < NDEV; i++) {
		rs.dev[i].lag = 0;
		rand_reads(&rs.dev[i], t);
	}
	rand_pass(t);
	rand_pass(t + 10 * MIN);
	t = B + 70 * DAY;
	rand_pass(t);
	for (i = 0; i < rs.nres; i++) {
		struct json_object *g;

		if (!rs.res[i].live)
			continue;
		g = ct_res_get(rs.res[i].r.id, NULL);
		CT_CHECK(itest_obool(g, "closed") == 1 || (itest_ostr(g,
		    "status") != NULL && strcmp(itest_ostr(g, "status"),
		    "completed") == 0), "random: %s closed or completed after "
		    "the pass past every expiry (status %s)", rs.res[i].name,
		    itest_ostr(g, "status") ? itest_ostr(g, "status") : "?");
		printf("\n  (random: %s ended as %s, issuedWh %lld, %lld "
		    "certificate(s))\n", rs.res[i].name, itest_ostr(g,
		    "status") ? itest_ostr(g, "status") : "?",
		    itest_oint(g, "issuedWh"), itest_oint(g,
		    "certificateCount"));
		json_object_put(g);
	}
	/* The cancelled reservation is gone. */
	p = itest_fmt(CT_BR "/%lld", rs.res[3].r.id);
	itest_expect_error("GET", p, ct.admin, NULL, NULL, 404,
	    "RESERVATION_NOT_FOUND");
	free(p);
	/* The scenario exercised what it should. */
	CT_CHECK(rs.certs > 20, "random: %lld certificates in %lld passes",
	    rs.certs, rs.passes);
	CT_CHECK(ct_sql_ll("SELECT COUNT(*) FROM certificate WHERE late = 1"
	    " AND reservation_id IN (%lld,%lld,%lld,%lld,%lld,%lld,%lld)",
	    rs.res[0].r.id, rs.res[1].r.id, rs.res[2].r.id, rs.res[4].r.id,
	    rs.res[5].r.id, rs.res[6].r.id, rs.res[7].r.id) > 0,
	    "random: some certificates are late");
	CT_CHECK(ct_sql_ll("SELECT COUNT(*) FROM certificate WHERE kind ="
	    " 'history' AND reservation_id = %lld", rs.res[7].r.id) > 0,
	    "random: History certificates");
	printf("\n  random scenario seed %llu: %lld passes, %lld "
	    "certificates\n", (unsigned long long)seed, rs.passes, rs.certs);
}

/* DREC_CT_SEED: the first seed; DREC_CT_RANDOM_RUNS: how many scenarios
 * (seeds from the first on; default 1). */
static void
random_invariant(void)
{
	const char	*env = getenv("DREC_CT_SEED");
	const char	*runs = getenv("DREC_CT_RANDOM_RUNS");
	uint64_t	 seed = env ? strtoull(env, NULL, 10) : 20251201;
	long		 i, n = runs ? strtol(runs, NULL, 10) : 1;

	for (i = 0; i < (n < 1 ? 1 : n); i++)
		random_once(seed + (uint64_t)i);
}

/* ========================================= the lease held elsewhere */

/*
 * §4 step 1 and §6: the lease row held by another holder (set by hand):
 * `drecctl issue` exits 3 at once; the HTTP run waits up to 10 s, then
 * 409 ISSUER_BUSY; a lease that expires within the wait is taken over
 * (200).  A pass releases the lease (expires_at in the past).
 */
static void
lease_busy(void)
{
	struct itest_resp	 r;
	struct timespec		 t0, t1;
	double			 secs;
	char			*out;
	int			 st;

	ITEST_REQUIRE(ct.admin != NULL);
	ct_scenario("lease_busy");
	ct_clock("2025-08-01T00:00:00.000Z");
	ITEST_REQUIRE(ct_sql(NULL, "UPDATE issuer_lease SET holder ="
	    " 'itest:1:busy', token = token + 1, renewals = 0, expires_at ="
	    " NOW(3) + INTERVAL 13 SECOND WHERE name = 'issuer'") == 0);
	st = ct_drecctl_sh("issue --force", &out);
	CT_CHECK(st == 3 && out != NULL && strstr(out, "ISSUER_BUSY") != NULL,
	    "drecctl issue while the lease is held: exit 3, ISSUER_BUSY (got "
	    "%d)", st);
	free(out);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	itest_post(CT_RUN, ct.admin, "{}", &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) /
	    1e9;
	ITEST_ASSERT_ERROR(&r, 409, "ISSUER_BUSY");
	CT_CHECK(secs > 9 && secs < 20, "the run waited about 10 s before "
	    "409 (%.1f s)", secs);
	itest_resp_free(&r);
	CT_CHECK(ct_sql_ll("SELECT COUNT(*) FROM issuer_lease WHERE holder ="
	    " 'itest:1:busy'") == 1, "the other holder keeps the lease");
	/* Held for 2 s more: the run waits and takes it over. */
	ct_sql(NULL, "UPDATE issuer_lease SET expires_at = NOW(3) + INTERVAL"
	    " 2 SECOND WHERE name = 'issuer'");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	itest_post(CT_RUN, ct.admin, "{}", &r);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) /
	    1e9;
	ITEST_ASSERT_STATUS(&r, 200);
	CT_CHECK(secs > 1 && secs < 9, "the run waited for the lease to "
	    "expire (%.1f s)", secs);
	itest_resp_free(&r);
	CT_CHECK(ct_sql_ll("SELECT COUNT(*) FROM issuer_lease WHERE name ="
	    " 'issuer' AND holder <> 'itest:1:busy' AND expires_at < NOW(3)")
	    == 1, "the pass took the lease (new holder) and released it");
	st = ct_drecctl_sh("issue --force", &out);
	CT_CHECK(st == 0, "drecctl issue --force with the lease free: exit 0 "
	    "(got %d)", st);
	free(out);
}

/* No readable issuer key: `drecctl issue` exits 4 (§8). */
static void
key_missing(void)
{
	const char	*pre = itest_env("DREC_DRECCTL", NULL);
	const char	*c;
	char		*bin, *conf, *cmd, line[1024], path[] =
			    "/tmp/ct_confXXXXXX";
	FILE		*in, *out, *f;
	int		 fd, st;
	size_t		 n;

	ITEST_REQUIRE(pre != NULL && (c = strstr(pre, " -c ")) != NULL);
	bin = strndup(pre, (size_t)(c - pre));
	conf = strdup(c + 4);
	conf[strcspn(conf, " ")] = '\0';
	ITEST_REQUIRE((in = fopen(conf, "r")) != NULL);
	ITEST_REQUIRE((fd = mkstemp(path)) >= 0 &&
	    (out = fdopen(fd, "w")) != NULL);
	while (fgets(line, sizeof(line), in) != NULL) {
		n = strspn(line, " \t");
		if (strncmp(line + n, "issuer_key_file", 15) != 0)
			fputs(line, out);
	}
	fputs("issuer_key_file = /nonexistent/ct-issuer.key\n", out);
	fclose(in);
	fclose(out);
	cmd = itest_fmt("%s -c %s issue --force 2>&1 </dev/null", bin, path);
	ITEST_REQUIRE((f = popen(cmd, "r")) != NULL);
	line[0] = '\0';
	n = fread(line, 1, sizeof(line) - 1, f);
	line[n] = '\0';
	st = pclose(f);
	st = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	printf("\n  ($ drecctl (no key) issue --force -> %d) %s", st, line);
	CT_CHECK(st == 4 && strstr(line, "ISSUER_KEY_MISSING") != NULL,
	    "drecctl issue without a readable key: exit 4, ISSUER_KEY_MISSING "
	    "(got %d)", st);
	unlink(path);
	free(cmd);
	free(bin);
	free(conf);
}

/* ================================================= vector 18: the lease */

#define RACE_HOURS	300

/* Starts "$DREC_DRECCTL issue --force" in n children released together;
 * their exit statuses and outputs. */
static void
race_issue(int n, int *st, char **out)
{
	const char	*prefix = itest_env("DREC_DRECCTL", NULL);
	char		 path[2][32];
	pid_t		 pid[2];
	int		 go[2], i, w;
	char		 c;
	FILE		*f;
	size_t		 len;

	ITEST_REQUIRE(prefix != NULL && n <= 2 && pipe(go) == 0);
	fflush(stdout);
	for (i = 0; i < n; i++) {
		snprintf(path[i], sizeof(path[i]), "/tmp/ct_race%d_%ld", i,
		    (long)getpid());
		if ((pid[i] = fork()) == 0) {
			char *cmd = itest_fmt("exec %s issue --force >%s 2>&1 "
			    "</dev/null", prefix, path[i]);

			close(go[1]);
			/* Released when the parent closes its end. */
			while (read(go[0], &c, 1) > 0)
				;
			execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
			_exit(127);
		}
		ITEST_REQUIRE(pid[i] > 0);
	}
	close(go[0]);
	usleep(100 * 1000);
	close(go[1]);
	for (i = 0; i < n; i++) {
		waitpid(pid[i], &w, 0);
		st[i] = WIFEXITED(w) ? WEXITSTATUS(w) : -1;
		out[i] = NULL;
		if ((f = fopen(path[i], "r")) != NULL) {
			len = 0;
			if (getdelim(&out[i], &len, '\0', f) < 0) {
				free(out[i]);
				out[i] = NULL;
			}
			fclose(f);
		}
		if (out[i] == NULL)
			out[i] = strdup("");
		unlink(path[i]);
		printf("\n  (drecctl issue --force #%d -> %d: %.200s%s)\n", i,
		    st[i], out[i], strlen(out[i]) > 200 ? " [...]" : "");
	}
}

static void
lease_race(void)
{
	struct ct_dev		 x, y;
	struct ct_res		 r;
	struct json_object	*s;
	int64_t			 start = ct_ms("2025-10-01T00:00:00Z"), t;
	long long		 h0, h1, n;
	char			*out[2], *js;
	int			 st[2], win, ok, tries;

	ITEST_REQUIRE(ct.admin != NULL);
	h0 = ct_head(NULL);
	r = workload("race", start, RACE_HOURS, &x, &y);
	t = start + RACE_HOURS * H + 10 * MIN;
	ct_clock(ct_iso(t));
	race_issue(2, st, out);
	h1 = ct_head(NULL);
	if (st[0] == 0 && st[1] == 0) {
		itest_skip("certificates.md section 12 #18 (the loser exits 3)",
		    "the two drecctl issue did not overlap");
		win = strstr(out[0], "certificateIds") != NULL ? 0 : 1;
	} else {
		CT_CHECK((st[0] == 0 && st[1] == 3) || (st[0] == 3 &&
		    st[1] == 0), "vector 18: one drecctl issue exits 0, the "
		    "other 3 (got %d and %d)", st[0], st[1]);
		win = st[0] == 0 ? 0 : 1;
		CT_CHECK(strstr(out[1 - win], "ISSUER_BUSY") != NULL,
		    "the loser says ISSUER_BUSY (got %s)", out[1 - win]);
		CT_CHECK(strstr(out[1 - win], "certificateIds") == NULL,
		    "the loser issued nothing");
	}
	/* The winner's summary: ids contiguous from the head. */
	js = strchr(out[win], '{');
	s = js ? json_tokener_parse(js) : NULL;
	CT_CHECK(s != NULL, "the winner prints the summary JSON");
	n = sum_count_contiguous(s, h0 + 1, &ok);
	CT_CHECK(ok && n == h1 - h0 && n == 2 * RACE_HOURS, "vector 18: the "
	    "winner issued certificates %lld..%lld, contiguous (%lld)", h0 + 1,
	    h0 + 2 * RACE_HOURS, n);
	CT_CHECK(s != NULL && strcmp(itest_ostr(s, "startedAt") ?
	    itest_ostr(s, "startedAt") : "", ct_iso(t)) == 0, "drecctl issue "
	    "--force runs at the frozen instant");
	json_object_put(s);
	CT_CHECK(ct_sql_ll("SELECT COUNT(*) FROM certificate WHERE id > %lld",
	    h0) == h1 - h0 && ct_sql_ll("SELECT MAX(id) - MIN(id) + 1 FROM"
	    " certificate WHERE id > %lld", h0) == h1 - h0, "ids contiguous");
	CT_VERIFY_OK(h1);
	CT_PROPS(&r.id, 1, t);
	free(out[0]);
	free(out[1]);
	/* The lease is free again: a lone run works. */
	for (tries = 0; tries < 1; tries++) {
		race_issue(1, st, out);
		CT_CHECK(st[0] == 0, "a lone drecctl issue --force after the "
		    "race exits 0");
		free(out[0]);
	}
	CT_CLOSE(ct_iso(t + 70 * DAY), &r, 1);
}

/* ============================================ vector 34: the lease lost */

#define LOST_HOURS	300

struct run_job {
	long		 status;
	char		*body;
};

static void *
run_thread(void *arg)
{
	struct run_job	*j = arg;

	j->status = ct_raw("POST", CT_RUN, ct.admin, "{}", &j->body);
	return NULL;
}

/* The ledger head id through the public route (no CUnit). */
static long long
raw_head(void)
{
	struct json_object	*o;
	char			*b = NULL;
	long long		 id = -1;

	if (ct_raw("GET", CT_LEDGER "?afterId=1000000000000&limit=1", NULL,
	    NULL, &b) == 200 && (o = json_tokener_parse(b)) != NULL) {
		id = itest_oint(o, "headId");
		json_object_put(o);
	}
	free(b);
	return id;
}

/* One attempt: 1 when the pass was cut (503), 0 when it finished first. */
static int
lease_lost_once(const char *tag, int64_t start, int hours)
{
	struct ct_dev		 x, y;
	struct ct_res		 r;
	struct run_job		 job = { 0, NULL };
	struct json_object	*o, *s;
	pthread_t		 th;
	int64_t			 t;
	long long		 h0, h, last = -1, n;
	int			 i, ok, cut = 0;

	r = workload(tag, start, hours, &x, &y);
	t = start + (int64_t)hours * H + 10 * MIN;
	ct_clock(ct_iso(t));
	h0 = ct_head(NULL);
	ITEST_REQUIRE(pthread_create(&th, NULL, run_thread, &job) == 0);
	/* After certificate 2 of the run, expire the lease by hand. */
	for (i = 0; i < 6000; i++) {
		if ((h = raw_head()) >= h0 + 2)
			break;
		usleep(5 * 1000);
	}
	ct_sql(NULL, "UPDATE issuer_lease SET expires_at = '1970-01-01"
	    " 00:00:01.000' WHERE name = 'issuer'");
	pthread_join(th, NULL);
	o = job.body ? json_tokener_parse(job.body) : NULL;
	if (job.status == 503) {
		cut = 1;
		CT_CHECK(o != NULL && strcmp(itest_ostr(o, "code") ?
		    itest_ostr(o, "code") : "", "ISSUER_PARTIAL") == 0 &&
		    itest_oint(o, "statusCode") == 503 && itest_obool(o,
		    "success") == 0 && strcmp(itest_ostr(o, "error") ?
		    itest_ostr(o, "error") : "", "Service Unavailable") == 0,
		    "vector 34: 503 ISSUER_PARTIAL in the "
		    "error envelope (got %.300s)", job.body ? job.body : "");
		n = sum_count_contiguous(itest_oget(o, "details"), h0 + 1, &ok);
		last = h0 + n;
		CT_CHECK(ok && n >= 2, "vector 34: details.certificateIds "
		    "%lld..%lld, contiguous, at least 2 (got %lld)", h0 + 1,
		    last, n);
		CT_CHECK(n < 2 * hours, "the pass stopped before the end of "
		    "the workload");
		CT_CHECK(strcmp(itest_ostr(o, "details.startedAt") ?
		    itest_ostr(o, "details.startedAt") : "", ct_iso(t)) == 0,
		    "details is the summary (startedAt)");
		CT_CHECK(ct_head(NULL) == last, "vector 34: the committed "
		    "certificates stay, nothing after them");
		CT_VERIFY_OK(last);
		s = CT_PASS(ct_iso(t));
		n = sum_count_contiguous(s, last + 1, &ok);
		CT_CHECK(ok && last + n == h0 + 2 * hours, "vector 34: the "
		    "next pass goes on from %lld to %lld (got %lld)",
		    last + 1, h0 + 2 * hours, n);
		json_object_put(s);
	} else {
		CT_CHECK(job.status == 200, "the run answered 200 or 503 (got "
		    "%ld %.300s)", job.status, job.body ? job.body : "");
		CT_CHECK(ct_head(NULL) == h0 + 2 * hours, "the uncut pass "
		    "issued the whole workload");
	}
	json_object_put(o);
	free(job.body);
	CT_VERIFY_OK(h0 + 2 * hours);
	CT_PROPS(&r.id, 1, t);
	CT_CLOSE(ct_iso(t + 70 * DAY), &r, 1);
	return cut;
}

static void
lease_lost(void)
{
	ITEST_REQUIRE(ct.admin != NULL);
	if (lease_lost_once("lost", ct_ms("2025-11-01T00:00:00Z"),
	    LOST_HOURS))
		return;
	/* The pass won the race against the UPDATE: once more, bigger. */
	printf("\n  (vector 34: the pass finished before the lease was "
	    "expired; again with %d hours)\n", 3 * LOST_HOURS);
	if (!lease_lost_once("lost2", ct_ms("2025-11-20T00:00:00Z"),
	    3 * LOST_HOURS))
		itest_skip("certificates.md section 12 #34 (ISSUER_PARTIAL)",
		    "the pass finished before the lease row was expired, "
		    "twice");
}

/* Vector 34 for the CLI: `drecctl issue` losing its lease exits 5 and
 * prints the partial summary (§4 step 3). */
static void
lease_lost_cli(void)
{
	const char	*prefix = itest_env("DREC_DRECCTL", NULL);
	struct ct_dev	 x, y;
	struct ct_res	 r;
	struct json_object *o;
	int64_t		 start = ct_ms("2026-02-01T00:00:00Z"), t;
	long long	 h0, n;
	char		 path[48], *out = NULL, *js;
	size_t		 len = 0;
	pid_t		 pid;
	FILE		*f;
	int		 i, w, st, ok;

	ITEST_REQUIRE(ct.admin != NULL && prefix != NULL);
	r = workload("lostcli", start, 200, &x, &y);
	t = start + 200 * H + 10 * MIN;
	ct_clock(ct_iso(t));
	h0 = ct_head(NULL);
	snprintf(path, sizeof(path), "/tmp/ct_lostcli_%ld", (long)getpid());
	fflush(stdout);
	if ((pid = fork()) == 0) {
		char *cmd = itest_fmt("exec %s issue --force >%s 2>&1 "
		    "</dev/null", prefix, path);

		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	ITEST_REQUIRE(pid > 0);
	for (i = 0; i < 6000 && raw_head() < h0 + 2; i++)
		usleep(5 * 1000);
	ct_sql(NULL, "UPDATE issuer_lease SET expires_at = '1970-01-01"
	    " 00:00:01.000' WHERE name = 'issuer'");
	waitpid(pid, &w, 0);
	st = WIFEXITED(w) ? WEXITSTATUS(w) : -1;
	if ((f = fopen(path, "r")) != NULL) {
		if (getdelim(&out, &len, '\0', f) < 0) {
			free(out);
			out = NULL;
		}
		fclose(f);
	}
	unlink(path);
	printf("\n  (drecctl issue --force, lease expired -> %d: %.300s)\n",
	    st, out ? out : "");
	if (st == 0) {
		itest_skip("certificates.md section 4 (drecctl issue exit 5)",
		    "the pass finished before the lease row was expired");
	} else {
		CT_CHECK(st == 5 && out != NULL && strstr(out,
		    "ISSUER_PARTIAL") != NULL, "drecctl issue whose lease is "
		    "lost: exit 5, ISSUER_PARTIAL (got %d)", st);
		js = out ? strchr(out, '{') : NULL;
		o = js ? json_tokener_parse(js) : NULL;
		n = sum_count_contiguous(o, h0 + 1, &ok);
		CT_CHECK(o != NULL && ok && n >= 2 && n < 400 && ct_head(NULL)
		    == h0 + n, "it prints the partial summary: certificates "
		    "%lld.. (got %lld), all kept", h0 + 1, n);
		json_object_put(o);
		CT_VERIFY_OK(h0 + n);
		o = CT_PASS(ct_iso(t));
		CT_SUM_IDS(o, h0 + n + 1, 400 - n);
		json_object_put(o);
	}
	free(out);
	CT_CHECK(ct_head(NULL) == h0 + 400, "the workload is certified in "
	    "the end (%lld certificates)", h0 + 400);
	CT_VERIFY_OK(h0 + 400);
	CT_PROPS(&r.id, 1, t);
	CT_CLOSE(ct_iso(t + 70 * DAY), &r, 1);
}

/* ==================================== §6: cancelled during a pass */

/*
 * A reservation cancelled while a pass works on another (lower id) one:
 * the cancel succeeds (no certificate yet), the pass skips it (gone).
 */
static void
cancel_during_pass(void)
{
	struct ct_party		 b, d;
	struct ct_dev		 x, y, z;
	struct ct_res		 w, rc;
	struct run_job		 job = { 0, NULL };
	struct json_object	*o;
	struct itest_resp	 r;
	pthread_t		 th;
	int64_t			 start = ct_ms("2026-01-01T00:00:00Z"), t;
	long long		 h0, n;
	char			*p, *rd;
	int			 i, ok;

	ITEST_REQUIRE(ct.admin != NULL);
	w = workload("cancel", start, 150, &x, &y);
	ct_party_new(&b, "buyer", "cnb");
	ct_party_new(&d, "developer", "cnd");
	ct_clock(ct_iso(start - DAY));
	z = ct_device(d.tok, "{}");
	rc = CT_RESERVE(b.tok, "{\"name\":\"Cancelled\",\"deviceIds\":[%lld],"
	    "\"targetCapacityInMegaWattHour\":0.01,\"reservationStartDate\":"
	    "\"%s\",\"reservationEndDate\":\"%s\",\"authorityToExceed\":true,"
	    "\"frequency\":\"daily\"}", z.id, ct_iso(start),
	    ct_iso(start + 2 * DAY));
	ITEST_REQUIRE(rc.id > w.id);
	t = start + 150 * H + 10 * MIN;
	ct_clock(ct_iso(t));
	rd = ct_rd(ct_iso(start), ct_iso(start + 6 * H), 3000);
	CT_READS(d.tok, &z, "Delta", "%s", rd);
	free(rd);
	h0 = ct_head(NULL);
	ITEST_REQUIRE(pthread_create(&th, NULL, run_thread, &job) == 0);
	for (i = 0; i < 6000 && raw_head() < h0 + 2; i++)
		usleep(5 * 1000);
	p = itest_fmt(CT_BR "/%lld", rc.id);
	itest_request("DELETE", p, b.tok, NULL, NULL, NULL, &r);
	free(p);
	/* Ingestion goes on while the pass works (a read after the
	 * workload's end, on one of its devices). */
	{
		struct itest_resp	 ri;
		char			*b2, *path;

		path = itest_fmt("/api/meter-reads/new/%s", x.iid);
		b2 = itest_fmt("{\"type\":\"Delta\",\"unit\":\"Wh\",\"reads\":"
		    "[{\"endtimestamp\":\"%s\",\"value\":10}]}",
		    ct_iso(start + 150 * H + 5 * MIN));
		itest_post(path, w_dev_tok, b2, &ri);
		ITEST_ASSERT_STATUS(&ri, 201);
		itest_resp_free(&ri);
		free(path);
		free(b2);
	}
	pthread_join(th, NULL);
	o = job.body ? json_tokener_parse(job.body) : NULL;
	CT_CHECK(job.status == 200, "the pass answers 200 (got %ld)",
	    job.status);
	n = sum_count_contiguous(o, h0 + 1, &ok);
	if (r.status == 200) {
		CT_CHECK(ok && n == 300, "the pass issued the workload only "
		    "(300 certificates; got %lld)", n);
		CT_CHECK(ct_certified_reads(&z) == 0, "the cancelled "
		    "reservation's device: no read certified");
	} else {
		ITEST_ASSERT_ERROR(&r, 409, "RESERVATION_HAS_CERTIFICATES");
		itest_skip("cancel during a pass (section 6, gone: skip)",
		    "the pass reached the reservation before the cancel");
	}
	itest_resp_free(&r);
	json_object_put(o);
	free(job.body);
	CT_VERIFY_OK(-1);
	CT_PROPS(&w.id, 1, t);
	CT_CLOSE(ct_iso(t + 70 * DAY), &w, 1);
}

/* ===================================== vectors 20-21: the whole ledger */

/* Entry e follows the entry with id after and hash prev: its id, its
 * prevHash, its hash and signature, the current key. */
static int
entry_follows(struct json_object *e, long long after, const char *prev)
{
	const char	*ph = itest_ostr(e, "prevHash");
	const char	*kid = itest_ostr(e, "keyId");

	return itest_oint(e, "id") == after + 1 && ph != NULL &&
	    strcmp(ph, prev) == 0 && kid != NULL &&
	    strcmp(kid, ct.key_id) == 0 && ct_entry_sealed(e, ct.pub_hex);
}

static void
ledger_walk(void)
{
	struct itest_resp	 r;
	struct json_object	*e;
	const char		*hh;
	char			*p, prev[65] = CT_ZEROS;
	long long		 after = 0, id, n = 0, bad = 0, head;
	size_t			 i;

	ITEST_REQUIRE(ct.pub_hex[0] != '\0');
	for (;;) {
		p = itest_fmt(CT_LEDGER "?afterId=%lld&limit=1000", after);
		itest_get(p, NULL, &r);
		free(p);
		ITEST_ASSERT_STATUS_FATAL(&r, 200);
		head = itest_jint(&r, "headId");
		for (i = 0; i < itest_jlen(&r, "entries"); i++) {
			e = json_object_array_get_idx(itest_jget(&r, "entries"),
			    i);
			id = itest_oint(e, "id");
			if (!entry_follows(e, after, prev) && bad++ < 5)
				CT_CHECK(0, "ledger entry %lld: id contiguous, "
				    "prevHash = the previous hash, hash and "
				    "signature check out", id);
			hh = itest_ostr(e, "hash");
			snprintf(prev, sizeof(prev), "%s", hh ? hh : "");
			after = id;
			n++;
		}
		if (itest_jisnull(&r, "nextAfterId")) {
			CT_CHECK(head == after && strcmp(itest_jstr(&r,
			    "headHash") ? itest_jstr(&r, "headHash") : "",
			    prev) == 0, "the head is the last entry (%lld)",
			    after);
			itest_resp_free(&r);
			break;
		}
		CT_CHECK(itest_jint(&r, "nextAfterId") == after, "nextAfterId "
		    "is the last entry of the page");
		itest_resp_free(&r);
	}
	{
		struct json_object *o = GET_JSON(CT_OFDEV, ct.admin);

		CT_CHECK(itest_oint(o, "totalCount") == n && itest_oint(o,
		    "certificatelog.0.id") == n, "Admin's "
		    "certifiedlogOfdevices lists every certificate, newest "
		    "first (%lld)", n);
		json_object_put(o);
	}
	CT_CHECK(bad == 0 && n > 0, "vectors 20-21: all %lld ledger entries "
	    "sealed and chained (%lld bad)", n, bad);
	CT_VERIFY_OK(n);
}

/* ============================================ vectors 22-23: tampering */

/* Runs verify: exit 1 and exactly want. */
static void
broken_at(const char *file, unsigned int line, const char *want)
{
	char	 out[512];
	int	 st = ct_verify(out);

	ct_check_at(file, line, st == 1 && strcmp(out, want) == 0,
	    "drecctl ledger verify: exit 1, \"%s\" (got %d \"%s\")", want, st,
	    out);
}
#define BROKEN(w)	broken_at(__FILE__, __LINE__, (w))

static long long
tamper_head(void)
{
	long long	 n = ct_head(NULL);

	ITEST_REQUIRE(n >= 4);
	CT_VERIFY_OK(n);
	return n;
}

/* Vector 22. */
static void
tamper_energy(void)
{
	long long	 n = tamper_head();

	ct_sql(NULL, "UPDATE certificate SET energy_wh = energy_wh + 1 WHERE"
	    " id = 3");
	BROKEN("BROKEN at certificate 3: hash mismatch");
	ct_sql(NULL, "UPDATE certificate SET energy_wh = energy_wh - 1 WHERE"
	    " id = 3");
	CT_VERIFY_OK(n);
}

/* Vector 23, first half: certificate 2 deleted. */
static void
tamper_delete(void)
{
	long long	 n = tamper_head();

	ct_sql(NULL, "DROP TABLE IF EXISTS ct_bak; CREATE TABLE ct_bak AS"
	    " SELECT * FROM certificate WHERE id = 2; SET FOREIGN_KEY_CHECKS ="
	    " 0; DELETE FROM certificate WHERE id = 2");
	CT_CHECK(ct_sql_ll("SELECT COUNT(*) FROM certificate WHERE id = 2") ==
	    0, "certificate 2 deleted");
	BROKEN("BROKEN at certificate 3: id gap");
	ct_sql(NULL, "SET FOREIGN_KEY_CHECKS = 0; INSERT INTO certificate"
	    " SELECT * FROM ct_bak; DROP TABLE ct_bak");
	CT_VERIFY_OK(n);
}

/* Vector 23, second half: a certified read's certificate_id nulled. */
static void
tamper_read(void)
{
	long long	 n = tamper_head(), rid;

	long long	 res;
	int64_t		 far = ct_ms("2030-01-01T00:00:00Z");
	int		 bad;

	rid = ct_sql_ll("SELECT MIN(id) FROM meter_read WHERE certificate_id ="
	    " 3");
	res = ct_sql_ll("SELECT reservation_id FROM certificate WHERE id = 3");
	ITEST_REQUIRE(rid > 0 && res > 0);
	CT_CHECK(ct_props_probe(&res, 1, far) == 0, "the property checker "
	    "finds nothing wrong with certificate 3's reservation");
	ct_sql(NULL, "UPDATE meter_read SET certificate_id = NULL WHERE id ="
	    " %lld", rid);
	BROKEN("BROKEN at certificate 3: reads mismatch");
	/* The checker of vector 32 sees it too (P1, P3, P4, P6). */
	bad = ct_props_probe(&res, 1, far);
	CT_CHECK((bad & (CT_P1 | CT_P3 | CT_P4 | CT_P6)) == (CT_P1 | CT_P3 |
	    CT_P4 | CT_P6), "the property checker finds the uncertified read: "
	    "P1, P3, P4, P6 (got 0x%x)", bad);
	ct_sql(NULL, "UPDATE meter_read SET certificate_id = 3 WHERE id ="
	    " %lld", rid);
	CT_VERIFY_OK(n);
	/* A counter of the reservation: P5. */
	ct_sql(NULL, "UPDATE reservation SET issued_wh = issued_wh + 1 WHERE"
	    " id = %lld", res);
	bad = ct_props_probe(&res, 1, far);
	CT_CHECK(bad == CT_P5, "the property checker finds issuedWh off: P5 "
	    "(got 0x%x)", bad);
	ct_sql(NULL, "UPDATE reservation SET issued_wh = issued_wh - 1 WHERE"
	    " id = %lld", res);
	/* A certified read moved out of its certificate's window: P1 (the
	 * device row's end) and P2. */
	ct_sql(NULL, "UPDATE meter_read SET end_ts = end_ts + INTERVAL 1 DAY"
	    " WHERE id = %lld", rid);
	bad = ct_props_probe(&res, 1, far);
	CT_CHECK((bad & CT_P2) != 0, "the property checker finds a read out "
	    "of its window: P2 (got 0x%x)", bad);
	ct_sql(NULL, "UPDATE meter_read SET end_ts = end_ts - INTERVAL 1 DAY"
	    " WHERE id = %lld", rid);
	CT_CHECK(ct_props_probe(&res, 1, far) == 0, "restored");
	/* A read's energy changed: also a reads mismatch. */
	ct_sql(NULL, "UPDATE meter_read SET energy_wh = energy_wh + 1 WHERE"
	    " id = %lld", rid);
	BROKEN("BROKEN at certificate 3: reads mismatch");
	ct_sql(NULL, "UPDATE meter_read SET energy_wh = energy_wh - 1 WHERE"
	    " id = %lld", rid);
	CT_VERIFY_OK(n);
}

/* The other reasons of §8. */
static void
tamper_others(void)
{
	long long	 n = tamper_head();
	char		*want;

	ct_sql(NULL, "DROP TABLE IF EXISTS ct_bak; CREATE TABLE ct_bak AS"
	    " SELECT * FROM certificate WHERE id = 3");
	ct_sql(NULL, "UPDATE certificate SET prev_hash = REPEAT('f', 64)"
	    " WHERE id = 3");
	BROKEN("BROKEN at certificate 3: prevHash mismatch");
	ct_sql(NULL, "UPDATE certificate c JOIN ct_bak b ON b.id = c.id SET"
	    " c.prev_hash = b.prev_hash");
	CT_VERIFY_OK(n);
	/* Another certificate's signature. */
	ct_sql(NULL, "UPDATE certificate c JOIN certificate o ON o.id = 2 SET"
	    " c.signature = o.signature WHERE c.id = 3");
	BROKEN("BROKEN at certificate 3: bad signature");
	ct_sql(NULL, "UPDATE certificate c JOIN ct_bak b ON b.id = c.id SET"
	    " c.signature = b.signature");
	CT_VERIFY_OK(n);
	/* The hash recomputed by a forger without the key. */
	ct_sql(NULL, "UPDATE certificate SET hash = REPEAT('a', 64) WHERE id ="
	    " 3");
	BROKEN("BROKEN at certificate 3: hash mismatch");
	ct_sql(NULL, "UPDATE certificate c JOIN ct_bak b ON b.id = c.id SET"
	    " c.hash = b.hash; DROP TABLE ct_bak");
	CT_VERIFY_OK(n);
	/* The signing key unknown. */
	ct_sql(NULL, "SET FOREIGN_KEY_CHECKS = 0; UPDATE issuer_key SET key_id"
	    " = 'ffffffffffffffff' WHERE key_id = '%s'", ct.key_id);
	want = itest_fmt("BROKEN at certificate 1: unknown key %s", ct.key_id);
	BROKEN(want);
	free(want);
	ct_sql(NULL, "SET FOREIGN_KEY_CHECKS = 0; UPDATE issuer_key SET key_id"
	    " = '%s' WHERE key_id = 'ffffffffffffffff'", ct.key_id);
	CT_VERIFY_OK(n);
	/* The head. */
	ct_sql(NULL, "UPDATE ledger_head SET last_id = last_id - 1");
	{
		char	 out[512];
		int	 st = ct_verify(out);

		/* Which id a head mismatch names is not specified. */
		CT_CHECK(st == 1 && strncmp(out, "BROKEN at certificate ",
		    22) == 0 && strlen(out) > 15 && strcmp(out + strlen(out) -
		    15, ": head mismatch") == 0, "drecctl ledger verify: exit "
		    "1, \"BROKEN at certificate <id>: head mismatch\" (got %d "
		    "\"%s\")", st, out);
	}
	ct_sql(NULL, "UPDATE ledger_head SET last_id = last_id + 1");
	CT_VERIFY_OK(n);
	/* The ledger route still serves the restored chain. */
	CT_CHECK(ct_head(NULL) == n, "head restored");
}

static const struct ct_test vectors[] = {
	T(edges), T(frequencies), T(history_bounds), T(paging),
}, ledger_tests[] = {
	T(random_invariant), T(lease_busy), T(key_missing), T(lease_race),
	T(lease_lost), T(lease_lost_cli), T(cancel_during_pass), T(ledger_walk),
	T(tamper_energy), T(tamper_delete), T(tamper_read), T(tamper_others),
};

void
ct_more_register(void)
{
	CU_pSuite	 s;
	size_t		 i;

	if ((s = CU_add_suite("certificates.md section 12 vectors beyond the "
	    "examples (1-6, 8, 9, 11, 27)", NULL, ct_suite_cleanup)) == NULL)
		exit(2);
	for (i = 0; i < NELEM(vectors); i++)
		itest_add(s, vectors[i].name, vectors[i].fn);

	if ((s = CU_add_suite("certificates: the invariant (32), the lease "
	    "(18, 34), the sealed ledger (20-21) and tampering (22-23)", NULL,
	    ct_suite_cleanup)) == NULL)
		exit(2);
	for (i = 0; i < NELEM(ledger_tests); i++)
		itest_add(s, ledger_tests[i].name, ledger_tests[i].fn);
}
