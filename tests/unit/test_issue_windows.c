/*
 * Unit tests for the issuance window grid (certificates.md §2,
 * time_add_months) and the read rules of §3 (belongs, eligible, window),
 * including the pure rows of §12 (vectors 1-9).
 */
#include <stdint.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "core/timeutil.h"
#include "domain/issuance.h"
#include "issue_sim.h"
#include "unit.h"

#define T(s)	sim_ts(s)

static struct dom_period
period(enum dom_frequency f, const char *s, const char *e)
{
	struct dom_period p;

	p.freq = f;
	p.start = T(s);
	p.end = T(e);
	return p;
}

/* Asserts that window n of p is [s, e). */
static void
assert_window(const struct dom_period *p, int64_t n, const char *s,
    const char *e)
{
	struct dom_window w;

	CU_ASSERT_EQUAL_FATAL(dom_window_at(p, n, &w), 0);
	CU_ASSERT_EQUAL(w.index, n);
	CU_ASSERT_EQUAL(w.start, T(s));
	CU_ASSERT_EQUAL(w.end, T(e));
}

/* The index of the window containing t, or -1. */
static int64_t
index_at(const struct dom_period *p, int64_t t)
{
	struct dom_window w;

	return dom_window_containing(p, t, &w) == 0 ? w.index : -1;
}

static void
test_frequency_names(void)
{
	CU_ASSERT_EQUAL(dom_frequency_parse("hourly"), FREQ_HOURLY);
	CU_ASSERT_EQUAL(dom_frequency_parse("Monthly"), FREQ_MONTHLY);
	CU_ASSERT_EQUAL(dom_frequency_parse("QUARTERLY"), FREQ_QUARTERLY);
	CU_ASSERT_EQUAL(dom_frequency_parse("yearly"), -1);
	CU_ASSERT_STRING_EQUAL(dom_frequency_name(FREQ_WEEKLY), "weekly");
	CU_ASSERT_STRING_EQUAL(dom_frequency_name(FREQ__MAX), "?");
	CU_ASSERT_EQUAL(dom_resv_status_parse("ended"), RESV_ENDED);
	CU_ASSERT_EQUAL(dom_resv_status_parse("Ended"), -1);
	CU_ASSERT_STRING_EQUAL(dom_resv_status_name(RESV_COMPLETED),
	    "completed");
	CU_ASSERT_STRING_EQUAL(dom_cert_kind_name(CERT_HISTORY), "history");
	CU_ASSERT_STRING_EQUAL(dom_cert_kind_name(CERT_WINDOW), "window");
}

static void
test_add_months(void)
{
	int64_t s = T("2025-01-31T10:15:30.250Z");

	/* Always from the origin: 01-31 -> 02-28 -> 03-31 -> 04-30. */
	CU_ASSERT_EQUAL(time_add_months(s, 1), T("2025-02-28T10:15:30.250Z"));
	CU_ASSERT_EQUAL(time_add_months(s, 2), T("2025-03-31T10:15:30.250Z"));
	CU_ASSERT_EQUAL(time_add_months(s, 3), T("2025-04-30T10:15:30.250Z"));
	CU_ASSERT_EQUAL(time_add_months(s, 0), s);
	/* Leap years. */
	CU_ASSERT_EQUAL(time_add_months(T("2024-01-31"), 1), T("2024-02-29"));
	CU_ASSERT_EQUAL(time_add_months(T("2024-02-29"), 12), T("2025-02-28"));
	CU_ASSERT_EQUAL(time_add_months(T("2024-02-29"), 48), T("2028-02-29"));
	CU_ASSERT_EQUAL(time_add_months(T("2100-01-31"), 1), T("2100-02-28"));
	CU_ASSERT_EQUAL(time_add_months(T("2000-01-31"), 1), T("2000-02-29"));
	/* Year wrap, negative n, before 1970. */
	CU_ASSERT_EQUAL(time_add_months(T("2024-11-30T06:00"), 3),
	    T("2025-02-28T06:00"));
	CU_ASSERT_EQUAL(time_add_months(T("2025-03-31"), -1), T("2025-02-28"));
	CU_ASSERT_EQUAL(time_add_months(T("2025-01-15T08:00"), -1),
	    T("2024-12-15T08:00"));
	CU_ASSERT_EQUAL(time_add_months(T("2025-01-15"), -25), T("2022-12-15"));
	CU_ASSERT_EQUAL(time_add_months(T("1969-12-31T23:00"), 2),
	    T("1970-02-28T23:00"));
	CU_ASSERT_EQUAL(time_add_months(T("1970-03-31T01:00"), -1),
	    T("1970-02-28T01:00"));
	/* dom_add_years is 12n months. */
	CU_ASSERT_EQUAL(dom_add_years(T("2024-02-29T12:00"), 1),
	    T("2025-02-28T12:00"));
	CU_ASSERT_EQUAL(dom_add_years(T("2024-02-29T12:00"), -3),
	    T("2021-02-28T12:00"));
}

/* §12 vectors 1-3. */
static void
test_vectors_1_to_3(void)
{
	struct dom_period	p = period(FREQ_HOURLY, "2025-03-01T10:00",
				    "2025-03-01T12:30");
	struct dom_window	w;

	CU_ASSERT_EQUAL(dom_window_count(&p), 3);
	assert_window(&p, 0, "2025-03-01T10:00", "2025-03-01T11:00");
	assert_window(&p, 1, "2025-03-01T11:00", "2025-03-01T12:00");
	assert_window(&p, 2, "2025-03-01T12:00", "2025-03-01T12:30");
	CU_ASSERT_EQUAL(dom_window_at(&p, 3, &w), -1);
	CU_ASSERT_EQUAL(dom_window_at(&p, -1, &w), -1);

	p = period(FREQ_WEEKLY, "2025-03-03", "2025-03-20");
	CU_ASSERT_EQUAL(dom_window_count(&p), 3);
	assert_window(&p, 0, "2025-03-03", "2025-03-10");
	assert_window(&p, 1, "2025-03-10", "2025-03-17");
	assert_window(&p, 2, "2025-03-17", "2025-03-20");

	p = period(FREQ_MONTHLY, "2025-01-31", "2025-12-31");
	CU_ASSERT_EQUAL(dom_grid_point(&p, 1), T("2025-02-28"));
	CU_ASSERT_EQUAL(dom_grid_point(&p, 2), T("2025-03-31"));
	CU_ASSERT_EQUAL(dom_grid_point(&p, 3), T("2025-04-30"));
	CU_ASSERT_EQUAL(dom_grid_point(&p, 4), T("2025-05-31"));
	p = period(FREQ_QUARTERLY, "2024-11-30T06:00", "2025-12-31");
	CU_ASSERT_EQUAL(dom_grid_point(&p, 1), T("2025-02-28T06:00"));
	CU_ASSERT_EQUAL(dom_grid_point(&p, 2), T("2025-05-30T06:00"));
	CU_ASSERT_EQUAL(dom_grid_point(&p, 3), T("2025-08-30T06:00"));
}

/* Example 3's windows, leap months, the cut at E. */
static void
test_calendar_windows(void)
{
	struct dom_period p = period(FREQ_MONTHLY, "2025-01-31", "2025-05-15");

	CU_ASSERT_EQUAL(dom_window_count(&p), 4);
	assert_window(&p, 0, "2025-01-31", "2025-02-28");
	assert_window(&p, 1, "2025-02-28", "2025-03-31");
	assert_window(&p, 2, "2025-03-31", "2025-04-30");
	assert_window(&p, 3, "2025-04-30", "2025-05-15");
	CU_ASSERT_EQUAL(index_at(&p, T("2025-02-27T23:59:59.999Z")), 0);
	CU_ASSERT_EQUAL(index_at(&p, T("2025-02-28")), 1);
	CU_ASSERT_EQUAL(index_at(&p, T("2025-03-30T12:00")), 1);
	CU_ASSERT_EQUAL(index_at(&p, T("2025-05-14T23:59:59.999Z")), 3);
	CU_ASSERT_EQUAL(index_at(&p, T("2025-05-15")), -1);
	CU_ASSERT_EQUAL(index_at(&p, T("2025-01-30T23:59:59.999Z")), -1);

	p = period(FREQ_MONTHLY, "2024-01-31T12:00", "2024-04-30T12:00");
	CU_ASSERT_EQUAL(dom_window_count(&p), 3);
	assert_window(&p, 0, "2024-01-31T12:00", "2024-02-29T12:00");
	assert_window(&p, 1, "2024-02-29T12:00", "2024-03-31T12:00");
	assert_window(&p, 2, "2024-03-31T12:00", "2024-04-30T12:00");

	p = period(FREQ_QUARTERLY, "2024-11-30T06:00", "2025-04-01");
	CU_ASSERT_EQUAL(dom_window_count(&p), 2);
	assert_window(&p, 0, "2024-11-30T06:00", "2025-02-28T06:00");
	assert_window(&p, 1, "2025-02-28T06:00", "2025-04-01");

	/* E on a grid point: no empty window after it. */
	p = period(FREQ_MONTHLY, "2025-01-31", "2025-03-31");
	CU_ASSERT_EQUAL(dom_window_count(&p), 2);
	/* An empty period has no window. */
	p = period(FREQ_DAILY, "2025-01-31", "2025-01-31");
	CU_ASSERT_EQUAL(dom_window_count(&p), 0);
	CU_ASSERT_EQUAL(index_at(&p, T("2025-01-31")), -1);
}

/* containing(g_n) = n and containing(g_n - 1 ms) = n - 1, for years. */
static void
test_calendar_index_sweep(void)
{
	static const char *const starts[] = { "2024-01-31T12:00",
	    "2023-08-31T00:00", "2024-02-29T23:59:59.999Z", "2023-12-30T06:00" };
	struct dom_period	p;
	size_t			i;
	int64_t			n, bad = 0;

	for (i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		p.start = T(starts[i]);
		p.end = time_add_months(p.start, 12 * 20);
		for (p.freq = FREQ_MONTHLY; p.freq <= FREQ_QUARTERLY; p.freq++) {
			for (n = 1; n < 80; n++) {
				int64_t g = dom_grid_point(&p, n);

				if (index_at(&p, g) != n ||
				    index_at(&p, g - 1) != n - 1)
					bad++;
			}
			CU_ASSERT_EQUAL(dom_window_count(&p),
			    p.freq == FREQ_MONTHLY ? 240 : 80);
		}
	}
	CU_ASSERT_EQUAL(bad, 0);
}

static void
test_fixed_windows(void)
{
	struct dom_period	p = period(FREQ_DAILY, "2024-06-01", "2025-01-01");
	struct dom_window	w;

	/* Example 4: 214 daily windows. */
	CU_ASSERT_EQUAL(dom_window_count(&p), 214);
	assert_window(&p, 213, "2024-12-31", "2025-01-01");
	CU_ASSERT_EQUAL(index_at(&p, T("2024-07-31")), 60);

	p = period(FREQ_HOURLY, "2025-01-01", "2035-01-01");
	CU_ASSERT_EQUAL(dom_window_count(&p), 87648);
	CU_ASSERT_EQUAL(index_at(&p, p.end - 1), 87647);

	/* dom_window_ending_at: grid points inside, and E. */
	p = period(FREQ_HOURLY, "2025-03-01T10:00", "2025-03-01T12:30");
	CU_ASSERT_EQUAL(dom_window_ending_at(&p, T("2025-03-01T11:00"), &w), 0);
	CU_ASSERT_EQUAL(w.index, 0);
	CU_ASSERT_EQUAL(dom_window_ending_at(&p, T("2025-03-01T12:30"), &w), 0);
	CU_ASSERT_EQUAL(w.index, 2);
	CU_ASSERT_EQUAL(dom_window_ending_at(&p, T("2025-03-01T11:30"), &w), -1);
	CU_ASSERT_EQUAL(dom_window_ending_at(&p, T("2025-03-01T10:00"), &w), -1);
	CU_ASSERT_EQUAL(dom_window_ending_at(&p, T("2025-03-01T13:00"), &w), -1);
}

/* §12 vector 7, and issued. */
static void
test_due_and_issued(void)
{
	struct dom_period	p = period(FREQ_HOURLY, "2025-03-01T10:00",
				    "2025-03-01T13:00");
	struct dom_window	w;

	dom_window_at(&p, 0, &w);
	CU_ASSERT_FALSE(dom_window_due(&w, T("2025-03-01T11:04:59.999Z"), 300));
	CU_ASSERT_TRUE(dom_window_due(&w, T("2025-03-01T11:05"), 300));
	CU_ASSERT_TRUE(dom_window_due(&w, T("2025-03-01T11:00"), 0));
	CU_ASSERT_FALSE(dom_window_issued(&w, DOM_NO_TIME));
	CU_ASSERT_FALSE(dom_window_issued(&w, T("2025-03-01T10:00")));
	CU_ASSERT_TRUE(dom_window_issued(&w, T("2025-03-01T11:00")));
	CU_ASSERT_TRUE(dom_window_issued(&w, T("2025-03-01T12:00")));
}

static struct dom_device_facts dev1 = { 1, "A", "u1", "IND" };
static struct dom_device_facts dev2 = { 2, "B", "u2", "KEN" };
static struct dom_device_facts dev9 = { 9, "Z", "u9", "IND" };

static struct dom_issue_read
rd(const struct dom_device_facts *d, enum read_type t, const char *s,
    const char *e, int64_t wh)
{
	struct dom_issue_read r;

	memset(&r, 0, sizeof(r));
	r.id = 1;
	r.device = d;
	r.type = t;
	r.start = T(s);
	r.end = T(e);
	r.wh = wh;
	r.created_at = r.end;
	return r;
}

/* §12 vectors 4-6, 8, 9; boundaries and membership rules of §3. */
static void
test_read_rules(void)
{
	struct dom_period	p = period(FREQ_HOURLY, "2025-03-01T10:00",
				    "2025-03-01T13:00");
	struct dom_membership	ms[2] = {
		{ 1, T("2025-03-01T10:00"), T("2025-03-01T13:00") },
		{ 2, T("2025-03-01T10:00"), T("2025-03-01T13:00") },
	};
	struct dom_issue_read	r;
	struct dom_window	w;
	int64_t			expiry = T("2025-04-30T13:00");

	/* 4: a read ending on a boundary is in the later window. */
	r = rd(&dev1, READ_DELTA, "2025-03-01T10:30", "2025-03-01T11:00", 5);
	CU_ASSERT_TRUE(dom_read_belongs(&r, ms, 2));
	CU_ASSERT_EQUAL(dom_read_window(&p, &r, &w), 0);
	CU_ASSERT_EQUAL(w.start, T("2025-03-01T11:00"));
	/* A Delta read starting before S, ending inside, belongs. */
	r = rd(&dev1, READ_DELTA, "2025-03-01T09:50", "2025-03-01T10:15", 5);
	CU_ASSERT_TRUE(dom_read_belongs(&r, ms, 2));
	CU_ASSERT_EQUAL(dom_read_window(&p, &r, &w), 0);
	CU_ASSERT_EQUAL(w.index, 0);
	/* ...but one ending at S does belong too (from <= end). */
	r = rd(&dev1, READ_DELTA, "2025-03-01T09:50", "2025-03-01T10:00", 5);
	CU_ASSERT_TRUE(dom_read_belongs(&r, ms, 2));
	/* 5: ending exactly at E: not in the reservation. */
	r = rd(&dev2, READ_AGGREGATE, "2025-03-01T12:30", "2025-03-01T13:00", 5);
	CU_ASSERT_FALSE(dom_read_belongs(&r, ms, 2));
	CU_ASSERT_EQUAL(dom_read_window(&p, &r, &w), -1);
	/* 6: History [start + 1 h, E]: certified, in the last window. */
	r = rd(&dev1, READ_HISTORY, "2025-03-01T11:00", "2025-03-01T13:00", 5);
	CU_ASSERT_TRUE(dom_read_belongs(&r, ms, 2));
	CU_ASSERT_EQUAL(dom_read_window(&p, &r, &w), 0);
	CU_ASSERT_EQUAL(w.index, 2);
	/* 6: History [S - 1 ms, ...]: sticks out, never. */
	r = rd(&dev1, READ_HISTORY, "2025-03-01T09:59:59.999Z",
	    "2025-03-01T12:00", 5);
	CU_ASSERT_FALSE(dom_read_belongs(&r, ms, 2));
	r = rd(&dev1, READ_HISTORY, "2025-03-01T12:00",
	    "2025-03-01T13:00:00.001Z", 5);
	CU_ASSERT_FALSE(dom_read_belongs(&r, ms, 2));
	/* History exactly [S, E]. */
	r = rd(&dev1, READ_HISTORY, "2025-03-01T10:00", "2025-03-01T13:00", 5);
	CU_ASSERT_TRUE(dom_read_belongs(&r, ms, 2));
	/* 8: a baseline, a zero read: not certified, not eligible. */
	r = rd(&dev2, READ_AGGREGATE, "2025-03-01T10:30", "2025-03-01T10:30", 0);
	r.baseline = 1;
	CU_ASSERT_FALSE(dom_read_belongs(&r, ms, 2));
	CU_ASSERT_FALSE(dom_read_eligible(&r, ms, 2, expiry));
	r.baseline = 0;
	r.start = T("2025-03-01T10:00");
	CU_ASSERT_FALSE(dom_read_belongs(&r, ms, 2));
	/* 9: received 1 ms after expiry: belongs, not eligible. */
	r = rd(&dev1, READ_DELTA, "2025-03-01T10:30", "2025-03-01T10:40", 5);
	r.created_at = expiry + 1;
	CU_ASSERT_TRUE(dom_read_belongs(&r, ms, 2));
	CU_ASSERT_FALSE(dom_read_eligible(&r, ms, 2, expiry));
	r.created_at = expiry;
	CU_ASSERT_TRUE(dom_read_eligible(&r, ms, 2, expiry));
	/* Not a member; an empty membership reserves nothing. */
	r = rd(&dev9, READ_DELTA, "2025-03-01T10:30", "2025-03-01T10:40", 5);
	CU_ASSERT_FALSE(dom_read_belongs(&r, ms, 2));
	CU_ASSERT_FALSE(dom_read_belongs(&r, ms, 0));
	ms[0].to = ms[0].from;
	r = rd(&dev1, READ_DELTA, "2025-03-01T10:30", "2025-03-01T10:40", 5);
	CU_ASSERT_FALSE(dom_read_belongs(&r, ms, 2));
	/* After completion: a History read is cut by the lowered end. */
	ms[0].to = T("2025-03-01T12:00");
	r = rd(&dev1, READ_HISTORY, "2025-03-01T11:00", "2025-03-01T12:00", 5);
	CU_ASSERT_TRUE(dom_read_in_membership(&r, &ms[0]));
	r.end = T("2025-03-01T12:00:00.001Z");
	CU_ASSERT_FALSE(dom_read_in_membership(&r, &ms[0]));
}

static void
test_reservation_rules(void)
{
	struct dom_resv_state	s;
	struct dom_membership	m = { 1, 1000, 5000 };

	memset(&s, 0, sizeof(s));
	s.closed_at = DOM_NO_TIME;
	s.status = RESV_ACTIVE;
	CU_ASSERT_TRUE(dom_resv_processable(&s));
	s.status = RESV_ENDED;
	CU_ASSERT_TRUE(dom_resv_processable(&s));
	s.closed_at = 7;
	CU_ASSERT_FALSE(dom_resv_processable(&s));
	s.status = RESV_ACTIVE;		/* closed before its last window */
	CU_ASSERT_TRUE(dom_resv_processable(&s));
	s.status = RESV_COMPLETED;
	s.closed_at = DOM_NO_TIME;
	CU_ASSERT_FALSE(dom_resv_processable(&s));

	CU_ASSERT_EQUAL(dom_membership_lowered_end(&m, 3000), 3000);
	CU_ASSERT_EQUAL(dom_membership_lowered_end(&m, 9000), 5000);
	CU_ASSERT_EQUAL(dom_membership_lowered_end(&m, 500), 1000);
}

void
register_issue_window_tests(void)
{
	CU_pSuite s = CU_add_suite("domain/issuance windows", NULL, NULL);

	CU_add_test(s, "frequency, status and kind names", test_frequency_names);
	CU_add_test(s, "time_add_months clamping", test_add_months);
	CU_add_test(s, "vectors 1-3", test_vectors_1_to_3);
	CU_add_test(s, "calendar windows", test_calendar_windows);
	CU_add_test(s, "calendar index sweep", test_calendar_index_sweep);
	CU_add_test(s, "fixed-step windows", test_fixed_windows);
	CU_add_test(s, "due and issued (vector 7)", test_due_and_issued);
	CU_add_test(s, "read rules (vectors 4-6, 8, 9)", test_read_rules);
	CU_add_test(s, "reservation rules", test_reservation_rules);
}
