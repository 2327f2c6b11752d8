/*
 * The plan of one issuer pass for one reservation (certificates.md §4
 * step 2 and §5).
 *
 * The candidates (eligible, uncertified reads whose window is due) are
 * sorted into unit order: window, then Delta/Aggregate before History,
 * then countryCode for the former and (end, id) for the latter.  A walk
 * over them cuts the units, caps each certificate by the target and
 * records the reservation state after every step, issuing windows in
 * order: a run of unit-less due windows is marked just before the next
 * unit's window, a window with units by the certificate of its last unit.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "domain/issuance.h"

/* An eligible, uncertified read with a due window. */
struct candidate {
	const struct dom_issue_read	*read;
	struct dom_window		 window;
};

struct planner {
	struct arena			*a;
	const struct dom_issue_input	*in;
	const struct dom_issue_reservation *resv;
	struct dom_resv_state		 state;	/* after the last planned step */
	int64_t				 pass_issued_through;	/* for `late` */
	int64_t				 next_window;	/* first unissued window */
	int64_t				 due_windows;	/* windows [0, n) are due */
	struct candidate		*cands;
	size_t				 ncands;
	struct dom_issue_step		*steps;
	size_t				 nsteps;
	size_t				 ncerts;
};

static const char *
country_of(const struct dom_issue_read *r)
{
	return r->device->country_code != NULL ? r->device->country_code : "";
}

static int
cmp_i64(int64_t a, int64_t b)
{
	return a < b ? -1 : a > b;
}

/* Unit order (§4 step 2a), then device and read id inside a group. */
static int
candidate_cmp(const void *pa, const void *pb)
{
	const struct candidate	*a = pa, *b = pb;
	int			 ha = a->read->type == READ_HISTORY;
	int			 hb = b->read->type == READ_HISTORY;
	int			 c;

	if ((c = cmp_i64(a->window.index, b->window.index)) != 0)
		return c;
	if (ha != hb)
		return ha - hb;
	if (ha)
		c = cmp_i64(a->read->end, b->read->end);
	else if ((c = strcmp(country_of(a->read), country_of(b->read))) == 0)
		c = cmp_i64(a->read->device->id, b->read->device->id);
	return c != 0 ? c : cmp_i64(a->read->id, b->read->id);
}

static int
membership_cmp(const void *pa, const void *pb)
{
	const struct dom_membership *a = pa, *b = pb;

	return cmp_i64(a->device_id, b->device_id);
}

static int
id_cmp(const void *pa, const void *pb)
{
	return cmp_i64(*(const int64_t *)pa, *(const int64_t *)pb);
}

/* Checks the input's own consistency (E >= S, known frequency, issuedThrough). */
static int
input_valid(const struct dom_issue_reservation *r)
{
	const struct dom_period	*p = &r->period;
	struct dom_window	 w;

	if (p->freq < 0 || p->freq >= FREQ__MAX || p->end < p->start)
		return 0;
	if (r->state.issued_through == DOM_NO_TIME)
		return 1;
	return dom_window_ending_at(p, r->state.issued_through, &w) == 0;
}

/* The number of windows due at now (and ending <= until): a prefix. */
static int64_t
due_window_count(const struct dom_issue_input *in)
{
	const struct dom_period	*p = &in->reservation->period;
	int64_t			 limit = in->now - in->settle_s * 1000;
	struct dom_window	 w;

	if (in->until != DOM_NO_TIME && in->until < limit)
		limit = in->until;
	if (limit >= p->end)
		return dom_window_count(p);
	if (dom_window_containing(p, limit, &w) == -1)
		return 0;	/* limit before S */
	return w.index;		/* windows before the one containing limit */
}

static int64_t
first_unissued_window(const struct dom_issue_reservation *r)
{
	struct dom_window w;

	if (r->state.issued_through == DOM_NO_TIME ||
	    dom_window_ending_at(&r->period, r->state.issued_through, &w) == -1)
		return 0;
	return w.index + 1;
}

/* Collects and sorts the candidates of the pass. */
static void
collect_candidates(struct planner *pl)
{
	const struct dom_issue_input	*in = pl->in;
	struct dom_membership		*ms;
	struct candidate		*c;
	size_t				 i, n = 0;

	ms = arena_alloc(pl->a, (in->nmemberships + 1) * sizeof(*ms));
	if (in->nmemberships > 0)
		memcpy(ms, in->memberships, in->nmemberships * sizeof(*ms));
	qsort(ms, in->nmemberships, sizeof(*ms), membership_cmp);
	pl->cands = arena_alloc(pl->a, (in->nreads + 1) * sizeof(*pl->cands));
	for (i = 0; i < in->nreads; i++) {
		c = &pl->cands[n];
		c->read = &in->reads[i];
		if (c->read->certificate_id != 0 ||
		    !dom_read_eligible(c->read, ms, in->nmemberships,
		    pl->resv->expiry) ||
		    dom_read_window(&pl->resv->period, c->read, &c->window) == -1 ||
		    c->window.index >= pl->due_windows)
			continue;
		n++;
	}
	qsort(pl->cands, n, sizeof(*pl->cands), candidate_cmp);
	pl->ncands = n;
}

/* Appends a step starting from the current state; the caller fills it. */
static struct dom_issue_step *
step_new(struct planner *pl, enum dom_step_kind kind)
{
	struct dom_issue_step *s = &pl->steps[pl->nsteps++];

	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->before = pl->state;
	s->after = pl->state;
	s->lower_memberships_to = DOM_NO_TIME;
	return s;
}

/* Ends the step: its `after` becomes the current state. */
static void
step_done(struct planner *pl, struct dom_issue_step *s)
{
	pl->state = s->after;
}

/* Marks windows [next_window, upto) issued in step s. */
static void
mark_windows(struct planner *pl, struct dom_issue_step *s, int64_t upto)
{
	struct dom_window w;

	if (upto <= pl->next_window)
		return;
	dom_window_at(&pl->resv->period, upto - 1, &w);
	s->after.issued_through = w.end;
	s->windows_issued += upto - pl->next_window;
	pl->next_window = upto;
}

/* Active and every window issued (or an empty period): ended (§5). */
static void
maybe_end(struct planner *pl, struct dom_issue_step *s)
{
	const struct dom_period *p = &pl->resv->period;

	if (s->after.status == RESV_ACTIVE &&
	    (p->end == p->start || s->after.issued_through == p->end)) {
		s->after.status = RESV_ENDED;
		s->events |= DOM_EV_ENDED;
	}
}

/* Completion (§5): completed, memberships lowered to issuedThrough. */
static void
complete(struct planner *pl, struct dom_issue_step *s)
{
	int64_t through = s->after.issued_through;

	s->after.status = RESV_COMPLETED;
	s->events |= DOM_EV_COMPLETED;
	s->lower_memberships_to = through != DOM_NO_TIME ? through :
	    pl->resv->period.start;
}

/*
 * Fills the certificate of the unit cands[first, last): parts by device,
 * read ids, generation and recorded window, W.  -1 when W overflows.
 */
static int
build_unit(struct planner *pl, size_t first, size_t last,
    struct dom_planned_cert *c)
{
	const struct dom_issue_read	*r = pl->cands[first].read;
	struct dom_cert_part		*parts, *part = NULL;
	int64_t				*ids;
	size_t				 i, nparts = 0;

	parts = arena_alloc(pl->a, (last - first) * sizeof(*parts));
	ids = arena_alloc(pl->a, (last - first) * sizeof(*ids));
	c->kind = r->type == READ_HISTORY ? CERT_HISTORY : CERT_WINDOW;
	c->window = pl->cands[first].window;
	c->late = dom_window_issued(&c->window, pl->pass_issued_through);
	c->country_code = country_of(r);
	c->generation_start = r->start;
	c->generation_end = r->end;
	for (i = first; i < last; i++) {
		r = pl->cands[i].read;
		/* Candidates are grouped by device inside a unit. */
		if (part == NULL || part->device->id != r->device->id) {
			part = &parts[nparts++];
			part->device = r->device;
			part->start = r->start;
			part->end = r->end;
		}
		part->read_count++;
		if (__builtin_add_overflow(part->wh, r->wh, &part->wh) ||
		    __builtin_add_overflow(c->total_wh, r->wh, &c->total_wh))
			return -1;
		part->start = r->start < part->start ? r->start : part->start;
		part->end = r->end > part->end ? r->end : part->end;
		if (r->start < c->generation_start)
			c->generation_start = r->start;
		if (r->end > c->generation_end)
			c->generation_end = r->end;
		ids[i - first] = r->id;
	}
	qsort(ids, last - first, sizeof(*ids), id_cmp);
	c->read_ids = ids;
	c->nreads = last - first;
	c->parts = parts;
	c->nparts = nparts;
	c->window_start = c->kind == CERT_HISTORY ? r->start : c->window.start;
	c->window_end = c->kind == CERT_HISTORY ? r->end : c->window.end;
	return 0;
}

/* The end of the unit starting at cands[first]. */
static size_t
unit_end(const struct planner *pl, size_t first)
{
	const struct candidate	*a = &pl->cands[first];
	size_t			 i;

	if (a->read->type == READ_HISTORY)
		return first + 1;
	for (i = first + 1; i < pl->ncands; i++) {
		const struct candidate *b = &pl->cands[i];

		if (b->window.index != a->window.index ||
		    b->read->type == READ_HISTORY ||
		    strcmp(country_of(a->read), country_of(b->read)) != 0)
			break;
	}
	return i;
}

/* Caps the certificate by the target (§4 step 2b); 1 when it completes. */
static int
apply_cap(struct planner *pl, struct dom_planned_cert *c,
    struct dom_resv_state *after)
{
	int64_t remaining = pl->resv->target_wh - after->issued_wh;

	c->energy_wh = c->total_wh;
	if (!pl->resv->authority_to_exceed && c->total_wh > remaining)
		c->energy_wh = remaining;
	c->excess_wh = c->total_wh - c->energy_wh;
	if (__builtin_add_overflow(after->issued_wh, c->energy_wh,
	    &after->issued_wh))
		return -1;
	after->certificate_count++;
	return !pl->resv->authority_to_exceed &&
	    after->issued_wh >= pl->resv->target_wh;
}

/*
 * Plans the unit cands[first, last): a mark of the unit-less due windows
 * before its window, then its certificate.  Returns 1 when the
 * certificate completes the reservation, 0 if not, -1 on overflow.
 */
static int
plan_unit(struct planner *pl, size_t first, size_t last)
{
	struct dom_issue_step	*s;
	int64_t			 k = pl->cands[first].window.index;
	int			 completes, last_of_window;

	if (k > pl->next_window) {
		s = step_new(pl, STEP_STATE);
		mark_windows(pl, s, k);
		step_done(pl, s);
	}
	s = step_new(pl, STEP_CERTIFICATE);
	if (build_unit(pl, first, last, &s->cert) == -1 ||
	    (completes = apply_cap(pl, &s->cert, &s->after)) == -1)
		return -1;
	pl->ncerts++;
	last_of_window = last == pl->ncands ||
	    pl->cands[last].window.index != k;
	if (k >= pl->next_window && (last_of_window || completes))
		mark_windows(pl, s, k + 1);
	if (completes)
		complete(pl, s);
	else
		maybe_end(pl, s);
	step_done(pl, s);
	return completes;
}

/*
 * The last step: unit-less due windows, the end, and the close when the
 * plan covers every due window (a chunked call must not close early).
 */
static void
plan_tail(struct planner *pl)
{
	const struct dom_issue_input	*in = pl->in;
	struct dom_issue_step		*s;
	int				 covers_all;

	s = step_new(pl, STEP_STATE);
	mark_windows(pl, s, pl->due_windows);
	maybe_end(pl, s);
	covers_all = in->until == DOM_NO_TIME ||
	    in->until >= in->now - in->settle_s * 1000;
	if (covers_all && in->now > pl->resv->expiry &&
	    s->after.closed_at == DOM_NO_TIME) {
		s->after.closed_at = in->now;
		s->events |= DOM_EV_CLOSED;
	}
	if (s->windows_issued == 0 && s->events == 0) {
		pl->nsteps--;	/* nothing to write */
		return;
	}
	step_done(pl, s);
}

/* A target already met without authorityToExceed: complete at once (§5). */
static void
plan_target_met(struct planner *pl)
{
	struct dom_issue_step *s = step_new(pl, STEP_STATE);

	complete(pl, s);
	step_done(pl, s);
}

static size_t
count_units(const struct planner *pl)
{
	size_t i, n = 0;

	for (i = 0; i < pl->ncands; i = unit_end(pl, i))
		n++;
	return n;
}

static int
plan_units(struct planner *pl)
{
	size_t	i, j;
	int	rc;

	for (i = 0; i < pl->ncands; i = j) {
		j = unit_end(pl, i);
		if ((rc = plan_unit(pl, i, j)) != 0)
			return rc;
	}
	return 0;
}

int
dom_issue_plan(struct arena *a, const struct dom_issue_input *in,
    struct dom_issue_plan *out)
{
	const struct dom_issue_reservation	*r = in->reservation;
	struct planner				 pl;
	int					 rc;

	memset(out, 0, sizeof(*out));
	if (!input_valid(r))
		return -1;
	if (!dom_resv_processable(&r->state))
		return 0;
	memset(&pl, 0, sizeof(pl));
	pl.a = a;
	pl.in = in;
	pl.resv = r;
	pl.state = r->state;
	pl.pass_issued_through = r->state.issued_through;
	pl.next_window = first_unissued_window(r);
	pl.due_windows = due_window_count(in);
	collect_candidates(&pl);
	/* At most a mark and a certificate per unit, plus one last step. */
	pl.steps = arena_alloc(a, (2 * count_units(&pl) + 1) *
	    sizeof(*pl.steps));
	if (!r->authority_to_exceed && r->state.issued_wh >= r->target_wh) {
		plan_target_met(&pl);
		rc = 1;
	} else if ((rc = plan_units(&pl)) == -1)
		return -1;
	if (rc == 0)
		plan_tail(&pl);
	out->steps = pl.steps;
	out->nsteps = pl.nsteps;
	out->ncertificates = pl.ncerts;
	return 0;
}
