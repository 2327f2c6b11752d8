/*
 * In-order validation of a meter-read batch (meter-reads.md §1.2 step 7,
 * §1.5-1.7, §1.9): read i goes through phases A (shape, found by the
 * parser), B (device facts, 400), C (stored state plus reads 0..i-1, 409)
 * and D (plausibility, 400) before read i+1.
 *
 * History overlap keeps the accepted intervals (stored + batch) in one
 * array sorted by start; they are disjoint, so a new interval [s, e]
 * overlaps one iff the last interval starting before e ends after s.
 * Chronological batches append at the end (O(1) per read).
 */
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "domain/reads.h"

#define HISTORY_YEARS	3	/* §1.5 B4 */

struct checker {
	struct arena			*a;
	enum read_type			 type;
	const struct dom_read_state	*st;
	struct dom_read_fail		*f;
	int				 has_prev;
	int64_t				 prev_end;
	int64_t				 prev_counter;
	struct dom_interval		*hist;	/* accepted, by start */
	size_t				 nhist;
};

static const char *
iso(struct arena *a, int64_t ms)
{
	char *s = arena_alloc(a, TIME_ISO_LEN);

	time_format_iso(ms, s);
	return s;
}

/* Records the failure of read i and returns -1. */
static int
fail(struct checker *k, int i, enum ecode e, const char *field,
    const char *msg)
{
	struct dom_read_fail *f = k->f;

	f->err = e;
	f->code = ecode_code(e);
	f->index = i;
	f->field = field;
	f->message = msg;
	return -1;
}

static int
plausible(struct checker *k, int i, int64_t s, int64_t e, int64_t energy)
{
	const struct dom_read_state	*st = k->st;
	struct dom_read_fail		*f = k->f;
	double				 hours;
	int64_t				 max;

	max = dom_plausible_max(st->capacity_kw, st->yield, st->commissioning,
	    s, e, &hours);
	if (energy <= max)
		return 0;
	f->details = DF_PLAUSIBLE;
	f->energy = energy;
	f->max = max;
	f->hours = hours;
	f->istart = s;
	f->iend = e;
	return fail(k, i, E_ENERGY_IMPLAUSIBLE, "value",
	    arena_printf(k->a, "reads[%d]: %lld Wh in %.6f h exceeds the "
	    "plausible maximum %lld Wh", i, (long long)energy, hours,
	    (long long)max));
}

/* Index of the last accepted interval with start < e, or -1. */
static long
hist_before(const struct checker *k, int64_t e)
{
	long lo = 0, hi = (long)k->nhist - 1, ans = -1;

	while (lo <= hi) {
		long mid = lo + (hi - lo) / 2;

		if (k->hist[mid].start < e) {
			ans = mid;
			lo = mid + 1;
		} else
			hi = mid - 1;
	}
	return ans;
}

static int
check_history(struct checker *k, int i, struct dom_read *r)
{
	const struct dom_read_state	*st = k->st;
	int64_t				 limit;
	long				 p;

	if (!r->has_start)
		return fail(k, i, E_TIMESTAMP_REQUIRED, "starttimestamp",
		    arena_printf(k->a, "reads[%d].starttimestamp is required for "
		    "History reads", i));
	if (r->start >= r->end)
		return fail(k, i, E_START_NOT_BEFORE_END, "starttimestamp",
		    arena_printf(k->a, "reads[%d].starttimestamp %s must be before "
		    "endtimestamp %s", i, iso(k->a, r->start), iso(k->a, r->end)));
	if (r->end > st->onboarding)
		return fail(k, i, E_HISTORY_AFTER_ONBOARDING, "endtimestamp",
		    arena_printf(k->a, "reads[%d].endtimestamp %s is after "
		    "onboarding %s", i, iso(k->a, r->end), iso(k->a, st->onboarding)));
	if (r->start < st->commissioning)
		return fail(k, i, E_BEFORE_COMMISSIONING, "starttimestamp",
		    arena_printf(k->a, "reads[%d].starttimestamp %s is before "
		    "commissioning %s", i, iso(k->a, r->start),
		    iso(k->a, st->commissioning)));
	limit = dom_add_years(st->onboarding, -HISTORY_YEARS);
	if (r->start < limit)
		return fail(k, i, E_HISTORY_TOO_OLD, "starttimestamp",
		    arena_printf(k->a, "reads[%d].starttimestamp %s is before %s, "
		    "3 years before onboarding", i, iso(k->a, r->start),
		    iso(k->a, limit)));
	p = hist_before(k, r->end);
	if (p >= 0 && k->hist[p].end > r->start) {
		struct dom_read_fail *f = k->f;

		f->details = DF_CONFLICT;
		f->t1 = k->hist[p].start;
		f->t2 = k->hist[p].end;
		f->conflict_index = k->hist[p].index;
		return fail(k, i, E_HISTORY_OVERLAP, "starttimestamp",
		    arena_printf(k->a, "reads[%d] [%s, %s] overlaps History read "
		    "[%s, %s]", i, iso(k->a, r->start), iso(k->a, r->end),
		    iso(k->a, f->t1), iso(k->a, f->t2)));
	}
	if (plausible(k, i, r->start, r->end, r->value_wh) != 0)
		return -1;
	/* Accept: insert after p (the array stays sorted and disjoint). */
	memmove(&k->hist[p + 2], &k->hist[p + 1],
	    sizeof(k->hist[0]) * (k->nhist - (size_t)(p + 1)));
	k->hist[p + 1].start = r->start;
	k->hist[p + 1].end = r->end;
	k->hist[p + 1].index = i;
	k->nhist++;
	r->out_start = r->start;
	r->out_end = r->end;
	r->energy_wh = r->value_wh;
	return 0;
}

/* Phase B2-B4 and C1, shared by Delta and Aggregate. */
static int
check_ongoing_common(struct checker *k, int i, const struct dom_read *r)
{
	const struct dom_read_state	*st = k->st;
	struct dom_read_fail		*f = k->f;

	if (r->end <= st->onboarding)
		return fail(k, i, E_READ_BEFORE_ONBOARDING, "endtimestamp",
		    arena_printf(k->a, "reads[%d].endtimestamp %s must be after "
		    "onboarding %s", i, iso(k->a, r->end), iso(k->a, st->onboarding)));
	if (r->end <= st->commissioning)
		return fail(k, i, E_BEFORE_COMMISSIONING, "endtimestamp",
		    arena_printf(k->a, "reads[%d].endtimestamp %s is before "
		    "commissioning %s", i, iso(k->a, r->end),
		    iso(k->a, st->commissioning)));
	if (r->end > st->now + st->skew_ms)
		return fail(k, i, E_READ_IN_FUTURE, "endtimestamp",
		    arena_printf(k->a, "reads[%d].endtimestamp %s is in the future "
		    "(now %s)", i, iso(k->a, r->end), iso(k->a, st->now)));
	if (k->has_prev && r->end <= k->prev_end) {
		f->details = DF_PREV_END;
		f->t1 = r->end;
		f->t2 = k->prev_end;
		if (r->end < k->prev_end)
			return fail(k, i, E_READ_OLDER_THAN_LAST, "endtimestamp",
			    arena_printf(k->a, "reads[%d].endtimestamp %s is before "
			    "the previous end %s", i, iso(k->a, r->end),
			    iso(k->a, k->prev_end)));
		return fail(k, i, E_READ_NOT_NEWER, "endtimestamp",
		    arena_printf(k->a, "reads[%d].endtimestamp %s equals the "
		    "previous end %s", i, iso(k->a, r->end), iso(k->a, k->prev_end)));
	}
	return 0;
}

static int
check_delta(struct checker *k, int i, struct dom_read *r)
{
	int64_t s;

	if (r->has_start && r->start >= r->end)
		return fail(k, i, E_START_NOT_BEFORE_END, "starttimestamp",
		    arena_printf(k->a, "reads[%d].starttimestamp %s must be before "
		    "endtimestamp %s", i, iso(k->a, r->start), iso(k->a, r->end)));
	if (check_ongoing_common(k, i, r) != 0)
		return -1;
	if (k->has_prev && r->has_start && r->start < k->prev_end)
		return fail(k, i, E_READ_OVERLAPS_PREVIOUS, "starttimestamp",
		    arena_printf(k->a, "reads[%d].starttimestamp %s is before the "
		    "previous end %s", i, iso(k->a, r->start), iso(k->a, k->prev_end)));
	if (!k->has_prev)
		s = (r->has_start && r->start > k->st->onboarding) ? r->start :
		    k->st->onboarding;
	else
		s = r->has_start ? r->start : k->prev_end;
	if (plausible(k, i, s, r->end, r->value_wh) != 0)
		return -1;
	r->out_start = s;
	r->out_end = r->end;
	r->energy_wh = r->value_wh;
	k->has_prev = 1;
	k->prev_end = r->end;
	return 0;
}

static int
check_aggregate(struct checker *k, int i, struct dom_read *r)
{
	struct dom_read_fail *f = k->f;

	if (check_ongoing_common(k, i, r) != 0)
		return -1;
	r->counter_wh = r->value_wh;
	r->out_end = r->end;
	if (!k->has_prev) {
		/* The baseline: energy 0, start = end, no plausibility. */
		r->baseline = 1;
		r->out_start = r->end;
		r->energy_wh = 0;
	} else {
		if (r->value_wh < k->prev_counter) {
			f->details = DF_COUNTER;
			f->counter = r->value_wh;
			f->prev_counter = k->prev_counter;
			return fail(k, i, E_AGGREGATE_COUNTER_DECREASED, "value",
			    arena_printf(k->a, "reads[%d].value %lld Wh is below the "
			    "previous counter %lld Wh", i, (long long)r->value_wh,
			    (long long)k->prev_counter));
		}
		r->energy_wh = r->value_wh - k->prev_counter;
		r->out_start = k->prev_end;
		if (plausible(k, i, k->prev_end, r->end, r->energy_wh) != 0)
			return -1;
	}
	k->has_prev = 1;
	k->prev_end = r->end;
	k->prev_counter = r->value_wh;
	return 0;
}

int
dom_reads_check(struct arena *a, enum read_type type,
    const struct dom_read_state *st, struct dom_read *reads, size_t n,
    struct dom_read_fail *f)
{
	struct checker	k;
	size_t		i;
	int		rc = 0;

	memset(f, 0, sizeof(*f));
	f->conflict_index = -1;
	memset(&k, 0, sizeof(k));
	k.a = a;
	k.type = type;
	k.st = st;
	k.f = f;
	k.has_prev = st->has_prev;
	k.prev_end = st->prev_end;
	k.prev_counter = st->prev_counter;
	if (type == READ_HISTORY) {
		k.hist = arena_alloc(a, sizeof(*k.hist) * (st->nhistory + n + 1));
		if (st->nhistory > 0)
			memcpy(k.hist, st->history,
			    sizeof(*k.hist) * st->nhistory);
		for (i = 0; i < st->nhistory; i++)
			k.hist[i].index = -1;
		k.nhist = st->nhistory;
	}
	for (i = 0; i < n && rc == 0; i++) {
		struct dom_read *r = &reads[i];

		if (r->a_code != NULL)
			rc = fail(&k, (int)i, ecode_find(r->a_code, 400),
			    r->a_field, r->a_message);
		else if (type == READ_HISTORY)
			rc = check_history(&k, (int)i, r);
		else if (type == READ_DELTA)
			rc = check_delta(&k, (int)i, r);
		else
			rc = check_aggregate(&k, (int)i, r);
	}
	return rc;
}
