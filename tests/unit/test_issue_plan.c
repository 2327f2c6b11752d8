/*
 * Unit tests for dom_issue_plan() (certificates.md §4-§5): the steps a
 * driver applies, unit order, parts, the cap, completion, end and close,
 * chunked passes, bad input, and randomized runs checking P1-P5 (§7,
 * §12 vector 32) and that one pass or many give the same certificates.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "core/arena.h"
#include "domain/issuance.h"
#include "issue_sim.h"
#include "unit.h"

#define T(s)	sim_ts(s)
#define HOUR	3600000LL

static struct arena *arena;

static int
suite_init(void)
{
	return (arena = arena_new()) == NULL;
}

static int
suite_clean(void)
{
	arena_free(arena);
	return 0;
}

/* Plans a pass at now over every read of s (no arrival filter). */
static int
plan(const struct sim *s, int64_t now, struct dom_issue_plan *p)
{
	struct dom_issue_input in;

	memset(&in, 0, sizeof(in));
	in.reservation = &s->resv;
	in.memberships = s->mem;
	in.nmemberships = s->nmem;
	in.reads = s->reads;
	in.nreads = s->nreads;
	in.now = now;
	in.settle_s = s->settle_s;
	in.until = s->until;
	return dom_issue_plan(arena, &in, p);
}

/* §10.4's shape: unit-less runs are marked before each unit's window. */
static void
test_steps_chain(void)
{
	static struct sim	s;
	struct dom_issue_plan	p;
	const struct dom_issue_step *st;
	size_t			i;
	int64_t			marked = 0;

	sim_init(&s, 1, FREQ_DAILY, T("2025-01-01"), T("2025-01-11"),
	    T("2025-03-01"), 1000, 1);
	sim_device(&s, 1, "IND");
	sim_read(&s, 1, 1, READ_HISTORY, T("2025-01-02"), T("2025-01-03T12:00"),
	    10, T("2025-01-20"));
	sim_read(&s, 2, 1, READ_HISTORY, T("2025-01-05"), T("2025-01-06"),
	    20, T("2025-01-20"));
	CU_ASSERT_EQUAL_FATAL(plan(&s, T("2025-01-20"), &p), 0);
	/* mark [0,2), cert (window 2), mark [3,5), cert (5), mark [6,10). */
	CU_ASSERT_EQUAL_FATAL(p.nsteps, 5);
	CU_ASSERT_EQUAL(p.ncertificates, 2);
	CU_ASSERT_EQUAL(p.steps[0].kind, STEP_STATE);
	CU_ASSERT_EQUAL(p.steps[0].windows_issued, 2);
	CU_ASSERT_EQUAL(p.steps[0].after.issued_through, T("2025-01-03"));
	CU_ASSERT_EQUAL(p.steps[1].kind, STEP_CERTIFICATE);
	CU_ASSERT_EQUAL(p.steps[1].windows_issued, 1);
	CU_ASSERT_EQUAL(p.steps[1].after.issued_through, T("2025-01-04"));
	CU_ASSERT_EQUAL(p.steps[1].cert.window.start, T("2025-01-03"));
	CU_ASSERT_EQUAL(p.steps[1].cert.window_start, T("2025-01-02"));
	CU_ASSERT_EQUAL(p.steps[1].cert.window_end, T("2025-01-03T12:00"));
	CU_ASSERT_EQUAL(p.steps[2].kind, STEP_STATE);
	CU_ASSERT_EQUAL(p.steps[2].windows_issued, 2);
	/* History read ending on a boundary: the later window (01-06). */
	CU_ASSERT_EQUAL(p.steps[3].cert.window.start, T("2025-01-06"));
	CU_ASSERT_EQUAL(p.steps[4].kind, STEP_STATE);
	CU_ASSERT_EQUAL(p.steps[4].events, DOM_EV_ENDED);
	CU_ASSERT_EQUAL(p.steps[4].after.status, RESV_ENDED);
	CU_ASSERT_EQUAL(p.steps[4].after.issued_through, T("2025-01-11"));
	CU_ASSERT_EQUAL(p.steps[4].after.issued_wh, 30);
	CU_ASSERT_EQUAL(p.steps[4].after.certificate_count, 2);
	for (i = 0; i < p.nsteps; i++) {
		st = &p.steps[i];
		marked += st->windows_issued;
		CU_ASSERT_EQUAL(st->lower_memberships_to, DOM_NO_TIME);
		if (i > 0)
			CU_ASSERT_EQUAL(memcmp(&st->before,
			    &p.steps[i - 1].after, sizeof(st->before)), 0);
	}
	CU_ASSERT_EQUAL(marked, 10);
}

/* §12 vector 11, an empty period, and plans that do nothing. */
static void
test_empty_windows_and_nothing(void)
{
	static struct sim	s;
	struct dom_issue_plan	p;

	sim_init(&s, 1, FREQ_HOURLY, T("2025-03-01T10:00"),
	    T("2025-03-01T13:00"), T("2025-04-01"), 1000, 0);
	sim_device(&s, 1, "IND");
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-01T09:00"), &p), 0);
	CU_ASSERT_EQUAL(p.nsteps, 0);
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-01T12:05"), &p), 0);
	CU_ASSERT_EQUAL_FATAL(p.nsteps, 1);
	CU_ASSERT_EQUAL(p.steps[0].windows_issued, 2);
	CU_ASSERT_EQUAL(p.steps[0].after.issued_through, T("2025-03-01T12:00"));
	CU_ASSERT_EQUAL(p.steps[0].events, 0);
	CU_ASSERT_EQUAL(p.ncertificates, 0);

	/* An empty period (ended early before its start) ends at once. */
	s.resv.period.end = s.resv.period.start;
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-01T09:00"), &p), 0);
	CU_ASSERT_EQUAL_FATAL(p.nsteps, 1);
	CU_ASSERT_EQUAL(p.steps[0].events, DOM_EV_ENDED);
	CU_ASSERT_EQUAL(p.steps[0].after.issued_through, DOM_NO_TIME);

	/* Not processable: completed; ended and closed. */
	s.resv.period.end = T("2025-03-01T13:00");
	s.resv.state.status = RESV_COMPLETED;
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-02"), &p), 0);
	CU_ASSERT_EQUAL(p.nsteps, 0);
	s.resv.state.status = RESV_ENDED;
	s.resv.state.issued_through = s.resv.period.end;
	s.resv.state.closed_at = T("2025-04-02");
	CU_ASSERT_EQUAL(plan(&s, T("2025-04-03"), &p), 0);
	CU_ASSERT_EQUAL(p.nsteps, 0);
}

static void
test_bad_input(void)
{
	static struct sim	s;
	struct dom_issue_plan	p;
	struct dom_issue_read	*r;

	sim_init(&s, 1, FREQ_HOURLY, T("2025-03-01T10:00"),
	    T("2025-03-01T13:00"), T("2025-04-01"), 1000, 1);
	sim_device(&s, 1, "IND");
	s.resv.state.issued_through = T("2025-03-01T11:30");
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-02"), &p), -1);
	CU_ASSERT_EQUAL(p.nsteps, 0);
	s.resv.state.issued_through = T("2025-03-01T11:00");
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-02"), &p), 0);
	s.resv.period.freq = FREQ__MAX;
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-02"), &p), -1);
	s.resv.period.freq = FREQ_HOURLY;
	s.resv.period.end = s.resv.period.start - 1;
	s.resv.state.issued_through = DOM_NO_TIME;
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-02"), &p), -1);
	/* Σ wh above INT64_MAX. */
	s.resv.period.end = T("2025-03-01T13:00");
	r = sim_read(&s, 1, 1, READ_DELTA, T("2025-03-01T10:00"),
	    T("2025-03-01T10:10"), INT64_MAX, T("2025-03-01T10:10"));
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-02"), &p), 0);
	sim_read(&s, 2, 1, READ_DELTA, T("2025-03-01T10:10"),
	    T("2025-03-01T10:20"), 1, T("2025-03-01T10:20"));
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-02"), &p), -1);
	CU_ASSERT_EQUAL(p.nsteps, 0);
	(void)r;
}

/* Unit order: window, countries byte-wise, then History by (end, id). */
static void
test_unit_order_and_parts(void)
{
	static struct sim	s;
	struct dom_issue_plan	p;
	const struct dom_planned_cert *c;
	static const char *const want_country[] = { "BRA", "IND", "KEN", "IND",
	    "IND", "KEN" };
	static const int64_t want_first_read[] = { 5, 1, 4, 6, 7, 9 };
	size_t			i, k = 0;

	sim_init(&s, 1, FREQ_HOURLY, T("2025-03-01T10:00"),
	    T("2025-03-01T12:00"), T("2025-04-01"), 1000, 1);
	sim_device(&s, 3, "IND");
	sim_device(&s, 1, "IND");
	sim_device(&s, 2, "KEN");
	sim_device(&s, 4, "BRA");
	sim_read(&s, 1, 1, READ_DELTA, T("2025-03-01T10:00"),
	    T("2025-03-01T10:20"), 5, 0);
	sim_read(&s, 2, 3, READ_DELTA, T("2025-03-01T09:00"),
	    T("2025-03-01T10:10"), 7, 0);
	sim_read(&s, 3, 1, READ_DELTA, T("2025-03-01T10:20"),
	    T("2025-03-01T10:40"), 11, 0);
	sim_read(&s, 4, 2, READ_AGGREGATE, T("2025-03-01T10:00"),
	    T("2025-03-01T10:30"), 13, 0);
	sim_read(&s, 5, 4, READ_DELTA, T("2025-03-01T10:00"),
	    T("2025-03-01T10:50"), 17, 0);
	/* Two History reads of window 0 with the same end: by id. */
	sim_read(&s, 7, 3, READ_HISTORY, T("2025-03-01T10:00"),
	    T("2025-03-01T10:30"), 19, 0);
	sim_read(&s, 6, 1, READ_HISTORY, T("2025-03-01T10:05"),
	    T("2025-03-01T10:30"), 23, 0);
	sim_read(&s, 9, 2, READ_DELTA, T("2025-03-01T10:30"),
	    T("2025-03-01T11:30"), 29, 0);
	CU_ASSERT_EQUAL_FATAL(plan(&s, T("2025-03-01T12:05"), &p), 0);
	CU_ASSERT_EQUAL_FATAL(p.ncertificates, 6);
	for (i = 0; i < p.nsteps; i++) {
		if (p.steps[i].kind != STEP_CERTIFICATE)
			continue;
		c = &p.steps[i].cert;
		CU_ASSERT_STRING_EQUAL(c->country_code, want_country[k]);
		CU_ASSERT_EQUAL(c->read_ids[0], want_first_read[k]);
		k++;
	}
	/* The IND unit of window 0: devices 1 (2 reads) and 3, by id. */
	c = &p.steps[1].cert;
	CU_ASSERT_EQUAL_FATAL(c->nparts, 2);
	CU_ASSERT_EQUAL(c->parts[0].device->id, 1);
	CU_ASSERT_EQUAL(c->parts[0].read_count, 2);
	CU_ASSERT_EQUAL(c->parts[0].wh, 16);
	CU_ASSERT_EQUAL(c->parts[0].start, T("2025-03-01T10:00"));
	CU_ASSERT_EQUAL(c->parts[0].end, T("2025-03-01T10:40"));
	CU_ASSERT_EQUAL(c->parts[1].device->id, 3);
	CU_ASSERT_EQUAL(c->parts[1].wh, 7);
	CU_ASSERT_EQUAL(c->nreads, 3);
	CU_ASSERT_EQUAL(c->read_ids[0], 1);
	CU_ASSERT_EQUAL(c->read_ids[1], 2);
	CU_ASSERT_EQUAL(c->read_ids[2], 3);
	CU_ASSERT_EQUAL(c->generation_start, T("2025-03-01T09:00"));
	CU_ASSERT_EQUAL(c->generation_end, T("2025-03-01T10:40"));
	CU_ASSERT_EQUAL(c->total_wh, 23);
	/* Only the last unit of window 0 marks it. */
	CU_ASSERT_EQUAL(p.steps[0].windows_issued, 0);
	CU_ASSERT_EQUAL(p.steps[4].windows_issued, 1);
	CU_ASSERT_EQUAL(p.steps[4].after.issued_through, T("2025-03-01T11:00"));
	CU_ASSERT_EQUAL(p.steps[3].after.issued_through, DOM_NO_TIME);
}

/* A late unit comes first (earlier window), then new windows. */
static void
test_late_units_first(void)
{
	static struct sim	s;
	struct sim_pass_result	r;

	sim_init(&s, 1, FREQ_HOURLY, T("2025-03-01T10:00"),
	    T("2025-03-01T13:00"), T("2025-04-01"), 1000, 1);
	sim_device(&s, 1, "IND");
	sim_device(&s, 2, "KEN");
	sim_read(&s, 1, 1, READ_DELTA, T("2025-03-01T10:00"),
	    T("2025-03-01T10:30"), 5, T("2025-03-01T10:30"));
	sim_read(&s, 2, 2, READ_DELTA, T("2025-03-01T10:00"),
	    T("2025-03-01T10:40"), 7, T("2025-03-01T11:30"));
	sim_read(&s, 3, 1, READ_DELTA, T("2025-03-01T10:30"),
	    T("2025-03-01T11:30"), 11, T("2025-03-01T11:30"));
	r = sim_pass(&s, T("2025-03-01T11:05"));
	CU_ASSERT_EQUAL(r.certificates, 1);
	r = sim_pass(&s, T("2025-03-01T12:05"));
	CU_ASSERT_EQUAL(r.certificates, 2);
	CU_ASSERT_EQUAL(sim_cert(&s, 2)->late, 1);
	CU_ASSERT_STRING_EQUAL(sim_cert(&s, 2)->country, "KEN");
	CU_ASSERT_EQUAL(sim_cert(&s, 3)->late, 0);
	CU_ASSERT_EQUAL(sim_cert(&s, 3)->read_ids[0], 3);
	CU_ASSERT_FALSE(r.stale);
}

/* A late read of an ended reservation reaching the target completes it. */
static void
test_late_completion(void)
{
	static struct sim	s;
	struct sim_pass_result	r;

	sim_init(&s, 1, FREQ_HOURLY, T("2025-03-01T10:00"),
	    T("2025-03-01T11:00"), T("2025-04-01"), 100, 0);
	sim_device(&s, 1, "IND");
	sim_read(&s, 1, 1, READ_DELTA, T("2025-03-01T10:00"),
	    T("2025-03-01T10:30"), 60, T("2025-03-01T10:30"));
	sim_read(&s, 2, 1, READ_HISTORY, T("2025-03-01T10:10"),
	    T("2025-03-01T10:20"), 70, T("2025-03-01T12:00"));
	r = sim_pass(&s, T("2025-03-01T11:05"));
	CU_ASSERT_EQUAL(r.events, DOM_EV_ENDED);
	r = sim_pass(&s, T("2025-03-01T12:05"));
	CU_ASSERT_EQUAL(r.certificates, 1);
	CU_ASSERT_EQUAL(r.events, DOM_EV_COMPLETED);
	CU_ASSERT_EQUAL(sim_cert(&s, 2)->late, 1);
	CU_ASSERT_EQUAL(sim_cert(&s, 2)->kind, CERT_HISTORY);
	CU_ASSERT_EQUAL(sim_cert(&s, 2)->energy_wh, 40);
	CU_ASSERT_EQUAL(sim_cert(&s, 2)->excess_wh, 30);
	CU_ASSERT_EQUAL(s.resv.state.status, RESV_COMPLETED);
	CU_ASSERT_EQUAL(s.resv.state.issued_through, T("2025-03-01T11:00"));
	CU_ASSERT_EQUAL(s.mem[0].to, T("2025-03-01T11:00"));
}

/* Defensive: a target already met without authorityToExceed completes. */
static void
test_target_already_met(void)
{
	static struct sim	s;
	struct dom_issue_plan	p;

	sim_init(&s, 1, FREQ_HOURLY, T("2025-03-01T10:00"),
	    T("2025-03-01T13:00"), T("2025-04-01"), 100, 0);
	sim_device(&s, 1, "IND");
	s.resv.state.issued_wh = 100;
	s.resv.state.certificate_count = 1;
	s.resv.state.issued_through = T("2025-03-01T11:00");
	sim_read(&s, 1, 1, READ_DELTA, T("2025-03-01T11:00"),
	    T("2025-03-01T11:30"), 60, 0);
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-01T12:05"), &p), 0);
	CU_ASSERT_EQUAL_FATAL(p.nsteps, 1);
	CU_ASSERT_EQUAL(p.ncertificates, 0);
	CU_ASSERT_EQUAL(p.steps[0].events, DOM_EV_COMPLETED);
	CU_ASSERT_EQUAL(p.steps[0].lower_memberships_to, T("2025-03-01T11:00"));
}

/* Certified and foreign reads are ignored; active + closed still works. */
static void
test_ignored_reads_and_closed_active(void)
{
	static struct sim	s;
	struct dom_issue_plan	p;
	struct dom_issue_read	*r;

	sim_init(&s, 1, FREQ_HOURLY, T("2025-03-01T10:00"),
	    T("2025-03-01T12:00"), T("2025-03-01T12:02"), 1000, 1);
	sim_device(&s, 1, "IND");
	r = sim_read(&s, 1, 1, READ_DELTA, T("2025-03-01T10:00"),
	    T("2025-03-01T10:30"), 5, 0);
	r->certificate_id = 99;
	sim_read(&s, 2, 1, READ_DELTA, T("2025-03-01T11:00"),
	    T("2025-03-01T11:30"), 7, T("2025-03-01T12:03"));
	/* 12:03: after the expiry, window 11-12 not yet due: closed, active. */
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-01T12:03"), &p), 0);
	CU_ASSERT_EQUAL_FATAL(p.nsteps, 1);
	CU_ASSERT_EQUAL(p.steps[0].windows_issued, 1);
	CU_ASSERT_EQUAL(p.steps[0].events, DOM_EV_CLOSED);
	CU_ASSERT_EQUAL(p.steps[0].after.status, RESV_ACTIVE);
	s.resv.state = p.steps[0].after;
	/* Still processed: the last window is issued, without read 2. */
	CU_ASSERT_EQUAL(plan(&s, T("2025-03-01T12:05"), &p), 0);
	CU_ASSERT_EQUAL_FATAL(p.nsteps, 1);
	CU_ASSERT_EQUAL(p.ncertificates, 0);
	CU_ASSERT_EQUAL(p.steps[0].events, DOM_EV_ENDED);
	CU_ASSERT_EQUAL(p.steps[0].after.closed_at, T("2025-03-01T12:03"));
}

/* A pass in chunks (until) gives the plan of one call, closes last. */
static void
test_chunked_pass(void)
{
	static struct sim	one, chunked;
	struct sim_pass_result	r;
	size_t			i;

	sim_init(&one, 1, FREQ_DAILY, T("2025-01-01"), T("2025-01-10"),
	    T("2025-01-12"), 1000000, 1);
	sim_device(&one, 1, "IND");
	sim_device(&one, 2, "KEN");
	for (i = 0; i < 18; i++)
		sim_read(&one, (int64_t)i + 1, 1 + (int64_t)(i % 2), READ_DELTA,
		    T("2025-01-01") + (int64_t)i * 12 * HOUR,
		    T("2025-01-01") + (int64_t)(i + 1) * 12 * HOUR,
		    100 + (int64_t)i, 0);
	chunked = one;
	/* Window 0: 1 unit; windows 1-8: IND and KEN; the last read is at E. */
	r = sim_pass(&one, T("2025-02-01"));
	CU_ASSERT_EQUAL(r.certificates, 17);
	CU_ASSERT_EQUAL(r.events, DOM_EV_ENDED | DOM_EV_CLOSED);

	chunked.until = T("2025-01-04");
	r = sim_pass(&chunked, T("2025-02-01"));
	CU_ASSERT_EQUAL(r.certificates, 5);	/* windows 0-2 */
	CU_ASSERT_EQUAL(r.events, 0);		/* no close before the end */
	CU_ASSERT_EQUAL(chunked.resv.state.issued_through, T("2025-01-04"));
	chunked.until = T("2025-01-08");
	sim_pass(&chunked, T("2025-02-01"));
	chunked.until = DOM_NO_TIME;
	r = sim_pass(&chunked, T("2025-02-01"));
	CU_ASSERT_EQUAL(r.events, DOM_EV_ENDED | DOM_EV_CLOSED);
	CU_ASSERT_EQUAL_FATAL(chunked.ncerts, one.ncerts);
	for (i = 0; i < one.ncerts; i++) {
		CU_ASSERT_EQUAL(chunked.certs[i].energy_wh,
		    one.certs[i].energy_wh);
		CU_ASSERT_EQUAL(chunked.certs[i].grid_start,
		    one.certs[i].grid_start);
	}
	CU_ASSERT_EQUAL(memcmp(&chunked.resv.state, &one.resv.state,
	    sizeof(one.resv.state)), 0);
}

/* ------------------------------------------------------------------ */
/* Randomized runs (§12 vector 32)                                     */

static uint64_t rng_state;

static uint64_t
rng(uint64_t n)
{
	rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
	return n == 0 ? 0 : (rng_state >> 33) % n;
}

static const char *const countries[] = { "BRA", "IND", "KEN" };

/* A random reservation with ongoing and History reads. */
static void
random_scenario(struct sim *s, int arrive_on_time)
{
	static const int64_t max_windows[FREQ__MAX] = { 30, 20, 8, 8, 4 };
	enum dom_frequency	f = (enum dom_frequency)rng(FREQ__MAX);
	struct dom_period	p;
	int64_t			start, end, t, len, ndev, d, i, id = 1;

	p.freq = f;
	p.start = T("2024-01-31T06:00") + (int64_t)rng(400) * HOUR;
	p.end = p.start;
	end = dom_grid_point(&p, 1 + (int64_t)rng((uint64_t)max_windows[f]));
	end -= rng(3) == 0 ? (int64_t)rng(HOUR) : 0;	/* a cut last window */
	start = p.start;
	sim_init(s, 1, f, start, end, end + (int64_t)rng(100) * HOUR,
	    1 + (int64_t)rng(20000), (int)rng(2));
	len = end - start;
	ndev = 1 + (int64_t)rng(4);
	for (d = 1; d <= ndev; d++) {
		struct dom_issue_read *r;

		sim_device(s, d, countries[rng(3)]);
		t = start - (int64_t)rng((uint64_t)len / 4 + 1);
		for (i = 0; i < 30 && t < end + len / 4; i++) {
			int64_t e = t + 1 + (int64_t)rng((uint64_t)len / 12 + 1);
			enum read_type ty = rng(8) == 0 ? READ_HISTORY :
			    (d % 2 ? READ_DELTA : READ_AGGREGATE);

			r = sim_read(s, id++, d, ty, t, e,
			    (int64_t)rng(1000) + (ty == READ_AGGREGATE ? 0 : 1),
			    arrive_on_time ? e : e + (int64_t)rng(60) * HOUR);
			if (i == 0 && ty == READ_AGGREGATE) {
				r->baseline = 1;
				r->wh = 0;
				r->start = r->end;
			}
			t = e;
		}
	}
}

static void
check_all(const struct sim *s, int64_t now, int seed)
{
	char	why[200] = "";
	int	p;

	p = sim_check_properties(s, why, sizeof(why));
	if (p == 0 && sim_check_p4(s, now) != 0) {
		p = 4;
		snprintf(why, sizeof(why), "P4 at %lld", (long long)now);
	}
	if (p != 0) {
		char msg[300];

		snprintf(msg, sizeof(msg), "seed %d: %s", seed, why);
		CU_FAIL(msg);
	}
}

static void
test_random_properties(void)
{
	static struct sim	s;
	struct sim_pass_result	r;
	int64_t			now, len;
	int			seed, bad = 0;

	for (seed = 1; seed <= 300; seed++) {
		rng_state = (uint64_t)seed;
		random_scenario(&s, 0);
		now = s.resv.period.start;
		len = s.resv.period.end - s.resv.period.start;
		while (now < s.resv.expiry + 80 * HOUR) {
			now += 1 + (int64_t)rng((uint64_t)len / 8 + 2 * HOUR);
			r = sim_pass(&s, now);
			if (r.rc != 0 || r.stale)
				bad++;
			check_all(&s, now, seed);
		}
		/* After the last pass nothing more happens. */
		if (sim_pass(&s, now + HOUR).steps != 0)
			bad++;
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* If every read arrives before its window is due, one pass = many (§4). */
static void
test_one_pass_or_many(void)
{
	static struct sim	many, once;
	int64_t			now, last;
	size_t			i;
	int			seed, diff = 0;

	for (seed = 1; seed <= 200; seed++) {
		rng_state = (uint64_t)seed * 7919;
		random_scenario(&many, 1);
		once = many;
		last = many.resv.period.end + 400 * HOUR;
		for (now = many.resv.period.start; now < last;
		    now += 1 + (int64_t)rng((uint64_t)(last - now) / 8 + HOUR))
			sim_pass(&many, now);
		sim_pass(&many, last);
		sim_pass(&once, last);
		check_all(&once, last, seed);
		if (many.ncerts != once.ncerts) {
			diff++;
			continue;
		}
		for (i = 0; i < once.ncerts; i++)
			if (many.certs[i].energy_wh != once.certs[i].energy_wh ||
			    many.certs[i].excess_wh != once.certs[i].excess_wh ||
			    many.certs[i].grid_start != once.certs[i].grid_start ||
			    many.certs[i].late != once.certs[i].late ||
			    many.certs[i].nreads != once.certs[i].nreads ||
			    memcmp(many.certs[i].read_ids, once.certs[i].read_ids,
			    once.certs[i].nreads * sizeof(int64_t)) != 0 ||
			    strcmp(many.certs[i].country, once.certs[i].country))
				diff++;
		if (many.resv.state.issued_wh != once.resv.state.issued_wh ||
		    many.resv.state.status != once.resv.state.status)
			diff++;
	}
	CU_ASSERT_EQUAL(diff, 0);
}

void
register_issue_plan_tests(void)
{
	CU_pSuite s = CU_add_suite("domain/issuance plan", suite_init,
	    suite_clean);

	CU_add_test(s, "steps chain (marks, certificates, end)",
	    test_steps_chain);
	CU_add_test(s, "unit-less windows (vector 11), no-op plans",
	    test_empty_windows_and_nothing);
	CU_add_test(s, "bad input", test_bad_input);
	CU_add_test(s, "unit order and parts", test_unit_order_and_parts);
	CU_add_test(s, "late units first", test_late_units_first);
	CU_add_test(s, "late completion of an ended reservation",
	    test_late_completion);
	CU_add_test(s, "target already met", test_target_already_met);
	CU_add_test(s, "ignored reads; closed while active",
	    test_ignored_reads_and_closed_active);
	CU_add_test(s, "chunked pass", test_chunked_pass);
	CU_add_test(s, "random runs keep P1-P5 (vector 32)",
	    test_random_properties);
	CU_add_test(s, "one pass or many", test_one_pass_or_many);
}
