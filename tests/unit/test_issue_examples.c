/*
 * The worked examples of certificates.md §10, run through the in-memory
 * issuer (issue_sim.c), and the §12 vectors built on them (10, 12-17,
 * 35).  After every pass the properties P1-P5 of §7 are checked too.
 */
#include <stdint.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "domain/issuance.h"
#include "issue_sim.h"
#include "unit.h"

#define T(s)	sim_ts(s)

/* One pass at now, then P1-P5; returns the pass result. */
static struct sim_pass_result
pass(struct sim *s, const char *now)
{
	struct sim_pass_result	r = sim_pass(s, T(now));
	char			why[200] = "";

	CU_ASSERT_EQUAL(r.rc, 0);
	CU_ASSERT_FALSE(r.stale);
	CU_ASSERT_EQUAL(sim_check_properties(s, why, sizeof(why)), 0);
	if (why[0] != '\0')
		CU_FAIL(why);
	CU_ASSERT_EQUAL(sim_check_p4(s, T(now)), 0);
	return r;
}

struct want_cert {
	enum dom_cert_kind	 kind;
	const char		*window_start, *window_end;
	const char		*country;
	int64_t			 energy_wh, excess_wh;
	const char		*gen_start, *gen_end;
	int			 late;
	size_t			 nreads;
	size_t			 nparts;
};

static void
expect_cert(const struct sim *s, int64_t id, const struct want_cert *w)
{
	const struct sim_cert *c = sim_cert(s, id);

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->kind, w->kind);
	CU_ASSERT_EQUAL(c->window_start, T(w->window_start));
	CU_ASSERT_EQUAL(c->window_end, T(w->window_end));
	CU_ASSERT_STRING_EQUAL(c->country, w->country);
	CU_ASSERT_EQUAL(c->energy_wh, w->energy_wh);
	CU_ASSERT_EQUAL(c->excess_wh, w->excess_wh);
	CU_ASSERT_EQUAL(c->generation_start, T(w->gen_start));
	CU_ASSERT_EQUAL(c->generation_end, T(w->gen_end));
	CU_ASSERT_EQUAL(c->late, w->late);
	CU_ASSERT_EQUAL(c->nreads, w->nreads);
	CU_ASSERT_EQUAL(c->nparts, w->nparts);
}

/* Example 1's reservation and reads; r6 received at r6_created. */
static void
example1(struct sim *s, const char *expiry, const char *r6_created)
{
	sim_init(s, 12, FREQ_HOURLY, T("2025-03-01T10:00"),
	    T("2025-03-01T13:00"), T(expiry), 50000, 1);
	sim_device(s, 1, "IND");
	sim_read(s, 1, 1, READ_DELTA, T("2025-03-01T09:50"),
	    T("2025-03-01T10:15"), 1200, T("2025-03-01T10:16"));
	sim_read(s, 2, 1, READ_DELTA, T("2025-03-01T10:15"),
	    T("2025-03-01T10:45"), 1800, T("2025-03-01T10:46"));
	sim_read(s, 3, 1, READ_DELTA, T("2025-03-01T10:45"),
	    T("2025-03-01T11:30"), 2500, T("2025-03-01T11:31"));
	sim_read(s, 4, 1, READ_DELTA, T("2025-03-01T11:30"),
	    T("2025-03-01T12:10"), 900, T("2025-03-01T12:11"));
	sim_read(s, 5, 1, READ_DELTA, T("2025-03-01T12:10"),
	    T("2025-03-01T12:40"), 1100, T("2025-03-01T12:41"));
	sim_read(s, 6, 1, READ_DELTA, T("2025-03-01T12:40"),
	    T("2025-03-01T12:55"), 700, T(r6_created));
	sim_read(s, 7, 1, READ_DELTA, T("2025-03-01T12:55"),
	    T("2025-03-01T13:30"), 600, T(r6_created) + 1000);
}

/* §10.1, §12 vectors 7, 10 and 12. */
static void
test_example1_hourly_late(void)
{
	static struct sim	s;
	struct sim_pass_result	r;
	const struct want_cert	w[4] = {
		{ CERT_WINDOW, "2025-03-01T10:00", "2025-03-01T11:00", "IND",
		    3000, 0, "2025-03-01T09:50", "2025-03-01T10:45", 0, 2, 1 },
		{ CERT_WINDOW, "2025-03-01T11:00", "2025-03-01T12:00", "IND",
		    2500, 0, "2025-03-01T10:45", "2025-03-01T11:30", 0, 1, 1 },
		{ CERT_WINDOW, "2025-03-01T12:00", "2025-03-01T13:00", "IND",
		    2000, 0, "2025-03-01T11:30", "2025-03-01T12:40", 0, 2, 1 },
		{ CERT_WINDOW, "2025-03-01T12:00", "2025-03-01T13:00", "IND",
		    700, 0, "2025-03-01T12:40", "2025-03-01T12:55", 1, 1, 1 },
	};
	int i;

	example1(&s, "2025-04-30T13:00", "2025-03-01T15:20");
	r = pass(&s, "2025-03-01T11:04:59.999Z");
	CU_ASSERT_EQUAL(r.certificates, 0);
	CU_ASSERT_EQUAL(r.steps, 0);
	r = pass(&s, "2025-03-01T11:05");
	CU_ASSERT_EQUAL(r.certificates, 1);
	CU_ASSERT_EQUAL(r.windows_issued, 1);
	CU_ASSERT_EQUAL(s.resv.state.issued_through, T("2025-03-01T11:00"));
	/* Vector 10: a second pass with no new reads changes nothing. */
	r = pass(&s, "2025-03-01T11:06");
	CU_ASSERT_EQUAL(r.certificates, 0);
	CU_ASSERT_EQUAL(r.steps, 0);
	r = pass(&s, "2025-03-01T12:05");
	CU_ASSERT_EQUAL(r.certificates, 1);
	r = pass(&s, "2025-03-01T13:05");
	CU_ASSERT_EQUAL(r.certificates, 1);
	CU_ASSERT_EQUAL(r.events, DOM_EV_ENDED);
	CU_ASSERT_EQUAL(s.resv.state.status, RESV_ENDED);
	CU_ASSERT_EQUAL(s.resv.state.issued_through, T("2025-03-01T13:00"));
	r = pass(&s, "2025-03-01T15:21");
	CU_ASSERT_EQUAL(r.certificates, 1);
	CU_ASSERT_EQUAL(r.windows_issued, 0);
	CU_ASSERT_EQUAL(s.ncerts, 4);
	for (i = 0; i < 4; i++)
		expect_cert(&s, i + 1, &w[i]);
	CU_ASSERT_EQUAL(sim_cert(&s, 1)->read_ids[0], 1);
	CU_ASSERT_EQUAL(sim_cert(&s, 1)->read_ids[1], 2);
	/* r7 ends after E: never; r1-r6: all 8 200 Wh certified. */
	CU_ASSERT_EQUAL(sim_find_read(&s, 7)->certificate_id, 0);
	CU_ASSERT_EQUAL(s.resv.state.issued_wh, 8200);
	CU_ASSERT_EQUAL(s.resv.state.certificate_count, 4);
	CU_ASSERT_EQUAL(s.resv.state.closed_at, DOM_NO_TIME);
	/* After the expiry: closed, then left alone. */
	r = pass(&s, "2025-04-30T13:00:00.001Z");
	CU_ASSERT_EQUAL(r.events, DOM_EV_CLOSED);
	CU_ASSERT_EQUAL(s.resv.state.closed_at, T("2025-04-30T13:00:00.001Z"));
	r = pass(&s, "2025-05-01T00:00");
	CU_ASSERT_EQUAL(r.steps, 0);
}

/* §12 vector 35: expiry 15:00, the pass at 15:21 closes instead. */
static void
test_example1_expiry_closes(void)
{
	static struct sim	s;
	struct sim_pass_result	r;

	example1(&s, "2025-03-01T15:00", "2025-03-01T15:20");
	pass(&s, "2025-03-01T11:05");
	pass(&s, "2025-03-01T12:05");
	pass(&s, "2025-03-01T13:05");
	r = pass(&s, "2025-03-01T15:21");
	CU_ASSERT_EQUAL(r.certificates, 0);
	CU_ASSERT_EQUAL(r.events, DOM_EV_CLOSED);
	CU_ASSERT_EQUAL(s.resv.state.closed_at, T("2025-03-01T15:21"));
	CU_ASSERT_EQUAL(s.resv.state.status, RESV_ENDED);
	CU_ASSERT_EQUAL(sim_find_read(&s, 6)->certificate_id, 0);
	CU_ASSERT_EQUAL(pass(&s, "2025-03-01T16:00").steps, 0);
}

/* §12 vector 17: Example 1 ended early at 11:40. */
static void
test_example1_ended_early(void)
{
	static struct sim	s;
	struct sim_pass_result	r;
	const struct want_cert	w = { CERT_WINDOW, "2025-03-01T11:00",
	    "2025-03-01T11:40", "IND", 2500, 0, "2025-03-01T10:45",
	    "2025-03-01T11:30", 0, 1, 1 };

	example1(&s, "2025-04-30T13:00", "2025-03-01T15:20");
	pass(&s, "2025-03-01T11:05");
	/* The early end at 11:40 moves E and the memberships (resv. §7). */
	s.resv.period.end = T("2025-03-01T11:40");
	s.mem[0].to = T("2025-03-01T11:40");
	r = pass(&s, "2025-03-01T11:44:59.999Z");
	CU_ASSERT_EQUAL(r.steps, 0);
	r = pass(&s, "2025-03-01T11:45");
	CU_ASSERT_EQUAL(r.certificates, 1);
	CU_ASSERT_EQUAL(r.events, DOM_EV_ENDED);
	expect_cert(&s, 2, &w);
	CU_ASSERT_EQUAL(s.resv.state.issued_through, T("2025-03-01T11:40"));
	pass(&s, "2025-03-01T15:21");
	CU_ASSERT_EQUAL(s.ncerts, 2);
	CU_ASSERT_EQUAL(sim_find_read(&s, 4)->certificate_id, 0);
	CU_ASSERT_EQUAL(sim_find_read(&s, 5)->certificate_id, 0);
}

/* §10.2 and §12 vector 13: daily, two countries. */
static void
test_example2_daily_countries(void)
{
	static struct sim	s;
	struct sim_pass_result	r;
	struct dom_issue_read	*b0;
	const struct want_cert	w[4] = {
		{ CERT_WINDOW, "2025-02-01", "2025-02-02", "IND", 4160, 0,
		    "2025-01-31T18:00", "2025-02-01T23:59:59.999Z", 0, 3, 2 },
		{ CERT_WINDOW, "2025-02-01", "2025-02-02", "KEN", 4000, 0,
		    "2025-01-31T00:00", "2025-02-01T12:00", 0, 1, 1 },
		{ CERT_WINDOW, "2025-02-02", "2025-02-03", "IND", 2134, 0,
		    "2025-02-01T18:00", "2025-02-02T18:00", 0, 2, 1 },
		{ CERT_WINDOW, "2025-02-02", "2025-02-03", "KEN", 5334, 0,
		    "2025-02-01T12:00", "2025-02-02T12:00", 0, 2, 1 },
	};
	int i;

	sim_init(&s, 20, FREQ_DAILY, T("2025-02-01"), T("2025-02-03"),
	    T("2025-04-04"), 100000, 1);
	sim_device(&s, 1, "IND");
	sim_device(&s, 2, "KEN");
	sim_device(&s, 3, "IND");
	sim_read(&s, 1, 1, READ_DELTA, T("2025-01-31T18:00"),
	    T("2025-02-01T06:00"), 1500, T("2025-02-01T06:00"));
	sim_read(&s, 2, 1, READ_DELTA, T("2025-02-01T06:00"),
	    T("2025-02-01T18:00"), 2650, T("2025-02-01T18:00"));
	sim_read(&s, 3, 1, READ_DELTA, T("2025-02-01T18:00"),
	    T("2025-02-02T06:00"), 900, T("2025-02-02T06:00"));
	sim_read(&s, 4, 1, READ_DELTA, T("2025-02-02T06:00"),
	    T("2025-02-02T18:00"), 1234, T("2025-02-02T18:00"));
	b0 = sim_read(&s, 5, 2, READ_AGGREGATE, T("2025-01-31T00:00"),
	    T("2025-01-31T00:00"), 0, T("2025-01-31T00:00"));
	b0->baseline = 1;
	sim_read(&s, 6, 2, READ_AGGREGATE, T("2025-01-31T00:00"),
	    T("2025-02-01T12:00"), 4000, T("2025-02-01T12:00"));
	sim_read(&s, 7, 2, READ_AGGREGATE, T("2025-02-01T12:00"),
	    T("2025-02-02T00:00"), 3333, T("2025-02-02T00:00"));
	sim_read(&s, 8, 2, READ_AGGREGATE, T("2025-02-02T00:00"),
	    T("2025-02-02T12:00"), 2001, T("2025-02-02T12:00"));
	sim_read(&s, 9, 3, READ_DELTA, T("2025-02-01T12:00"),
	    T("2025-02-01T23:59:59.999Z"), 10, T("2025-02-02T00:00"));
	r = pass(&s, "2025-02-02T00:05");
	CU_ASSERT_EQUAL(r.certificates, 2);
	r = pass(&s, "2025-02-03T00:05");
	CU_ASSERT_EQUAL(r.certificates, 2);
	CU_ASSERT_EQUAL(s.ncerts, 4);
	for (i = 0; i < 4; i++)
		expect_cert(&s, i + 1, &w[i]);
	CU_ASSERT_EQUAL(sim_cert(&s, 1)->parts_reads, 3);
	CU_ASSERT_EQUAL(s.resv.state.issued_wh, 15628);
	CU_ASSERT_EQUAL(s.resv.state.status, RESV_ENDED);
	CU_ASSERT_EQUAL(b0->certificate_id, 0);
}

/* §10.3: monthly, calendar windows; the read at E. */
static void
test_example3_monthly(void)
{
	static struct sim	s;
	const struct want_cert	w[4] = {
		{ CERT_WINDOW, "2025-01-31", "2025-02-28", "IND", 30000, 0,
		    "2025-01-31", "2025-02-14", 0, 1, 1 },
		{ CERT_WINDOW, "2025-02-28", "2025-03-31", "IND", 89000, 0,
		    "2025-02-14", "2025-03-30T12:00", 0, 2, 1 },
		{ CERT_WINDOW, "2025-03-31", "2025-04-30", "IND", 59500, 0,
		    "2025-03-30T12:00", "2025-04-29", 0, 1, 1 },
		{ CERT_WINDOW, "2025-04-30", "2025-05-15", "IND", 31000, 0,
		    "2025-04-29", "2025-05-14T23:00", 0, 1, 1 },
	};
	static const char *const ends[] = { "2025-02-14", "2025-02-28",
	    "2025-03-30T12:00", "2025-04-29", "2025-05-14T23:00", "2025-05-15" };
	static const int64_t wh[] = { 30000, 28000, 61000, 59500, 31000, 150 };
	int64_t	start = T("2025-01-31");
	int	i;

	sim_init(&s, 30, FREQ_MONTHLY, T("2025-01-31"), T("2025-05-15"),
	    T("2025-07-14"), 1000000, 1);
	sim_device(&s, 4, "IND");
	for (i = 0; i < 6; i++) {
		sim_read(&s, i + 1, 4, READ_DELTA, start, T(ends[i]), wh[i],
		    T(ends[i]));
		start = T(ends[i]);
	}
	CU_ASSERT_EQUAL(pass(&s, "2025-02-28T00:05").certificates, 1);
	CU_ASSERT_EQUAL(pass(&s, "2025-03-31T00:05").certificates, 1);
	CU_ASSERT_EQUAL(pass(&s, "2025-04-30T00:05").certificates, 1);
	CU_ASSERT_EQUAL(pass(&s, "2025-05-15T00:05").certificates, 1);
	for (i = 0; i < 4; i++)
		expect_cert(&s, i + 1, &w[i]);
	CU_ASSERT_EQUAL(sim_find_read(&s, 6)->certificate_id, 0);
	CU_ASSERT_EQUAL(s.resv.state.status, RESV_ENDED);
}

/* §10.4: History reads, 214 daily windows in one pass, a late one. */
static void
test_example4_history(void)
{
	static struct sim	s;
	struct sim_pass_result	r;
	const struct want_cert	w[4] = {
		{ CERT_HISTORY, "2024-07-01", "2024-07-31", "IND", 30000, 0,
		    "2024-07-01", "2024-07-31", 0, 1, 1 },
		{ CERT_HISTORY, "2024-08-01", "2024-08-31", "IND", 800, 0,
		    "2024-08-01", "2024-08-31", 0, 1, 1 },
		{ CERT_HISTORY, "2024-09-01", "2024-09-30", "IND", 25500, 0,
		    "2024-09-01", "2024-09-30", 0, 1, 1 },
		{ CERT_HISTORY, "2024-10-01", "2024-10-31", "IND", 21000, 0,
		    "2024-10-01", "2024-10-31", 1, 1, 1 },
	};
	int64_t	posted = T("2025-01-15");
	int	i;

	sim_init(&s, 40, FREQ_DAILY, T("2024-06-01"), T("2025-01-01"),
	    T("2025-06-30"), 1000000, 0);
	sim_device(&s, 7, "IND");
	sim_read(&s, 1, 7, READ_HISTORY, T("2024-05-01"), T("2024-06-30"),
	    40000, posted);
	sim_read(&s, 2, 7, READ_HISTORY, T("2024-07-01"), T("2024-07-31"),
	    30000, posted);
	sim_read(&s, 3, 7, READ_HISTORY, T("2024-08-01"), T("2024-08-31"),
	    800, posted);
	sim_read(&s, 4, 7, READ_HISTORY, T("2024-09-01"), T("2024-09-30"),
	    25500, posted);
	sim_read(&s, 5, 7, READ_HISTORY, T("2024-12-15"), T("2025-01-05"),
	    12000, posted);
	sim_read(&s, 6, 7, READ_HISTORY, T("2024-10-01"), T("2024-10-31"),
	    21000, T("2025-02-15T10:00"));
	r = pass(&s, "2025-01-20T08:05");
	CU_ASSERT_EQUAL(r.certificates, 3);
	CU_ASSERT_EQUAL(r.windows_issued, 214);
	CU_ASSERT_EQUAL(r.events, DOM_EV_ENDED);
	CU_ASSERT_EQUAL(s.resv.state.issued_through, T("2025-01-01"));
	r = pass(&s, "2025-02-15T10:05");
	CU_ASSERT_EQUAL(r.certificates, 1);
	CU_ASSERT_EQUAL(r.windows_issued, 0);
	for (i = 0; i < 4; i++)
		expect_cert(&s, i + 1, &w[i]);
	/* The unit's grid window is the day containing the read's end. */
	CU_ASSERT_EQUAL(sim_cert(&s, 1)->grid_start, T("2024-07-31"));
	CU_ASSERT_EQUAL(sim_find_read(&s, 1)->certificate_id, 0);
	CU_ASSERT_EQUAL(sim_find_read(&s, 5)->certificate_id, 0);
}

/* Example 5's reservation (target Wh, authorityToExceed) and reads. */
static void
example5(struct sim *s, int64_t target, int ate)
{
	struct dom_issue_read *b;

	sim_init(s, 50, FREQ_HOURLY, T("2025-03-01T10:00"),
	    T("2025-03-01T13:00"), T("2025-04-30T13:00"), target, ate);
	sim_device(s, 1, "IND");
	sim_device(s, 2, "KEN");
	sim_read(s, 1, 1, READ_DELTA, T("2025-03-01T10:00"),
	    T("2025-03-01T10:20"), 1300, T("2025-03-01T10:20"));
	sim_read(s, 2, 1, READ_DELTA, T("2025-03-01T10:20"),
	    T("2025-03-01T10:50"), 700, T("2025-03-01T10:50"));
	sim_read(s, 3, 1, READ_DELTA, T("2025-03-01T10:50"),
	    T("2025-03-01T11:40"), 1500, T("2025-03-01T11:40"));
	sim_read(s, 4, 1, READ_DELTA, T("2025-03-01T11:40"),
	    T("2025-03-01T12:30"), 800, T("2025-03-01T12:30"));
	b = sim_read(s, 5, 2, READ_AGGREGATE, T("2025-03-01T09:30"),
	    T("2025-03-01T09:30"), 0, T("2025-03-01T09:30"));
	b->baseline = 1;
	sim_read(s, 6, 2, READ_AGGREGATE, T("2025-03-01T09:30"),
	    T("2025-03-01T10:30"), 1800, T("2025-03-01T10:30"));
	sim_read(s, 7, 2, READ_AGGREGATE, T("2025-03-01T10:30"),
	    T("2025-03-01T11:30"), 2200, T("2025-03-01T11:30"));
	sim_read(s, 8, 2, READ_AGGREGATE, T("2025-03-01T11:30"),
	    T("2025-03-01T12:30"), 1000, T("2025-03-01T12:30"));
}

/* §10.5 and §12 vector 14: the cap, completion. */
static void
test_example5_cap(void)
{
	static struct sim	s;
	struct sim_pass_result	r;
	const struct want_cert	w = { CERT_WINDOW, "2025-03-01T11:00",
	    "2025-03-01T12:00", "IND", 1200, 300, "2025-03-01T10:50",
	    "2025-03-01T11:40", 0, 1, 1 };

	example5(&s, 5000, 0);
	r = pass(&s, "2025-03-01T13:05");
	CU_ASSERT_EQUAL(r.certificates, 3);
	CU_ASSERT_EQUAL(r.events, DOM_EV_COMPLETED);
	CU_ASSERT_EQUAL(sim_cert(&s, 1)->energy_wh, 2000);
	CU_ASSERT_STRING_EQUAL(sim_cert(&s, 1)->country, "IND");
	CU_ASSERT_EQUAL(sim_cert(&s, 2)->energy_wh, 1800);
	CU_ASSERT_STRING_EQUAL(sim_cert(&s, 2)->country, "KEN");
	expect_cert(&s, 3, &w);
	CU_ASSERT_EQUAL(s.resv.state.status, RESV_COMPLETED);
	CU_ASSERT_EQUAL(s.resv.state.issued_wh, 5000);
	CU_ASSERT_EQUAL(s.resv.state.issued_through, T("2025-03-01T12:00"));
	CU_ASSERT_EQUAL(s.mem[0].to, T("2025-03-01T12:00"));
	CU_ASSERT_EQUAL(s.mem[1].to, T("2025-03-01T12:00"));
	/* B's 11:30 read stays; the 12:30 reads are outside. */
	CU_ASSERT_EQUAL(sim_find_read(&s, 7)->certificate_id, 0);
	CU_ASSERT_EQUAL(sim_find_read(&s, 4)->certificate_id, 0);
	CU_ASSERT_EQUAL(sim_find_read(&s, 8)->certificate_id, 0);
	/* Completed: never processed again. */
	CU_ASSERT_EQUAL(pass(&s, "2025-03-01T14:05").steps, 0);
}

/* §12 vector 15: Example 5 with authorityToExceed true. */
static void
test_example5_exceed(void)
{
	static struct sim	s;
	struct sim_pass_result	r;
	size_t			i;

	example5(&s, 5000, 1);
	r = pass(&s, "2025-03-01T13:05");
	CU_ASSERT_EQUAL(r.certificates, 6);
	CU_ASSERT_EQUAL(r.events, DOM_EV_ENDED);
	CU_ASSERT_EQUAL(s.resv.state.issued_wh, 9300);
	CU_ASSERT_EQUAL(s.resv.state.status, RESV_ENDED);
	for (i = 1; i <= 6; i++)
		CU_ASSERT_EQUAL(sim_cert(&s, (int64_t)i)->excess_wh, 0);
	CU_ASSERT_STRING_EQUAL(sim_cert(&s, 5)->country, "IND");
	CU_ASSERT_EQUAL(sim_cert(&s, 5)->energy_wh, 800);
	CU_ASSERT_STRING_EQUAL(sim_cert(&s, 6)->country, "KEN");
	CU_ASSERT_EQUAL(sim_cert(&s, 6)->energy_wh, 1000);
}

/* §12 vector 16: the remaining volume exactly equals W. */
static void
test_remaining_equals_w(void)
{
	static struct sim	s;
	struct sim_pass_result	r;

	example5(&s, 2000, 0);
	r = pass(&s, "2025-03-01T13:05");
	CU_ASSERT_EQUAL(r.certificates, 1);
	CU_ASSERT_EQUAL(sim_cert(&s, 1)->energy_wh, 2000);
	CU_ASSERT_EQUAL(sim_cert(&s, 1)->excess_wh, 0);
	CU_ASSERT_EQUAL(s.resv.state.status, RESV_COMPLETED);
	/* Its window is issued although the KEN unit of it is not. */
	CU_ASSERT_EQUAL(s.resv.state.issued_through, T("2025-03-01T11:00"));
	CU_ASSERT_EQUAL(s.mem[0].to, T("2025-03-01T11:00"));
	CU_ASSERT_EQUAL(sim_find_read(&s, 6)->certificate_id, 0);
}

void
register_issue_example_tests(void)
{
	CU_pSuite s = CU_add_suite("domain/issuance examples 10", NULL, NULL);

	CU_add_test(s, "10.1 hourly, late read (vectors 7, 10, 12)",
	    test_example1_hourly_late);
	CU_add_test(s, "10.1 expiry closes (vector 35)",
	    test_example1_expiry_closes);
	CU_add_test(s, "10.1 ended early (vector 17)", test_example1_ended_early);
	CU_add_test(s, "10.2 daily, two countries (vector 13)",
	    test_example2_daily_countries);
	CU_add_test(s, "10.3 monthly calendar windows", test_example3_monthly);
	CU_add_test(s, "10.4 History reads", test_example4_history);
	CU_add_test(s, "10.5 cap and completion (vector 14)", test_example5_cap);
	CU_add_test(s, "10.5 authorityToExceed (vector 15)",
	    test_example5_exceed);
	CU_add_test(s, "remaining equals W (vector 16)", test_remaining_equals_w);
}
