/*
 * The in-memory issuer of the unit tests (see issue_sim.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "issue_sim.h"

int64_t
sim_ts(const char *s)
{
	char	buf[40];
	int64_t	ms = 0;
	size_t	n = strlen(s);

	if (n == 16)		/* YYYY-MM-DDTHH:MM */
		snprintf(buf, sizeof(buf), "%s:00Z", s);
	else if (n == 19)	/* YYYY-MM-DDTHH:MM:SS */
		snprintf(buf, sizeof(buf), "%sZ", s);
	else
		snprintf(buf, sizeof(buf), "%s", s);
	if (time_parse_instant_or_date(buf, 1, &ms, NULL) != 0) {
		fprintf(stderr, "bad test instant %s\n", s);
		abort();
	}
	return ms;
}

void
sim_init(struct sim *s, int64_t id, enum dom_frequency freq, int64_t start,
    int64_t end, int64_t expiry, int64_t target_wh, int ate)
{
	memset(s, 0, sizeof(*s));
	s->resv.id = id;
	s->resv.period.freq = freq;
	s->resv.period.start = start;
	s->resv.period.end = end;
	s->resv.expiry = expiry;
	s->resv.target_wh = target_wh;
	s->resv.authority_to_exceed = ate;
	s->resv.state.status = RESV_ACTIVE;
	s->resv.state.issued_through = DOM_NO_TIME;
	s->resv.state.closed_at = DOM_NO_TIME;
	s->settle_s = 300;
	s->until = DOM_NO_TIME;
}

struct dom_device_facts *
sim_device(struct sim *s, int64_t id, const char *country)
{
	size_t			 i = s->ndev++;
	struct dom_device_facts	*d = &s->dev[i];

	if (i >= SIM_MAX_DEVICES)
		abort();
	snprintf(s->ext[i], sizeof(s->ext[i]), "dev-%lld", (long long)id);
	snprintf(s->uid[i], sizeof(s->uid[i]),
	    "00000000-0000-4000-8000-%012lld", (long long)id);
	snprintf(s->cc[i], sizeof(s->cc[i]), "%s", country);
	d->id = id;
	d->external_id = s->ext[i];
	d->internal_external_id = s->uid[i];
	d->country_code = s->cc[i];
	s->mem[s->nmem].device_id = id;
	s->mem[s->nmem].from = s->resv.period.start;
	s->mem[s->nmem].to = s->resv.period.end;
	s->nmem++;
	return d;
}

static const struct dom_device_facts *
find_device(const struct sim *s, int64_t id)
{
	size_t i;

	for (i = 0; i < s->ndev; i++)
		if (s->dev[i].id == id)
			return &s->dev[i];
	abort();
}

struct dom_issue_read *
sim_read(struct sim *s, int64_t id, int64_t device_id, enum read_type type,
    int64_t start, int64_t end, int64_t wh, int64_t created_at)
{
	struct dom_issue_read *r = &s->reads[s->nreads++];

	if (s->nreads > SIM_MAX_READS)
		abort();
	memset(r, 0, sizeof(*r));
	r->id = id;
	r->device = find_device(s, device_id);
	r->type = type;
	r->start = start;
	r->end = end;
	r->wh = wh;
	r->created_at = created_at;
	return r;
}

const struct dom_issue_read *
sim_find_read(const struct sim *s, int64_t id)
{
	size_t i;

	for (i = 0; i < s->nreads; i++)
		if (s->reads[i].id == id)
			return &s->reads[i];
	return NULL;
}

const struct sim_cert *
sim_cert(const struct sim *s, int64_t id)
{
	return id >= 1 && (size_t)id <= s->ncerts ? &s->certs[id - 1] : NULL;
}

static int
state_equal(const struct dom_resv_state *a, const struct dom_resv_state *b)
{
	return a->status == b->status && a->issued_wh == b->issued_wh &&
	    a->certificate_count == b->certificate_count &&
	    a->issued_through == b->issued_through &&
	    a->closed_at == b->closed_at;
}

/* Inserts the certificate of a step and certifies its reads. */
static void
apply_certificate(struct sim *s, const struct dom_issue_step *st)
{
	const struct dom_planned_cert	*c = &st->cert;
	struct sim_cert			*sc = &s->certs[s->ncerts];
	size_t				 i;

	if (s->ncerts >= SIM_MAX_CERTS || c->nreads > SIM_MAX_CERT_READS)
		abort();
	memset(sc, 0, sizeof(*sc));
	sc->id = (int64_t)++s->ncerts;
	sc->kind = c->kind;
	sc->late = c->late;
	sc->window_start = c->window_start;
	sc->window_end = c->window_end;
	sc->grid_start = c->window.start;
	sc->grid_end = c->window.end;
	snprintf(sc->country, sizeof(sc->country), "%s", c->country_code);
	sc->generation_start = c->generation_start;
	sc->generation_end = c->generation_end;
	sc->energy_wh = c->energy_wh;
	sc->excess_wh = c->excess_wh;
	sc->completing = (st->events & DOM_EV_COMPLETED) != 0;
	for (i = 0; i < c->nparts; i++) {
		sc->parts_wh += c->parts[i].wh;
		sc->parts_reads += c->parts[i].read_count;
	}
	sc->nparts = c->nparts;
	for (i = 0; i < c->nreads; i++) {
		struct dom_issue_read *r = (struct dom_issue_read *)
		    sim_find_read(s, c->read_ids[i]);

		if (r == NULL || r->certificate_id != 0)
			abort();	/* the driver's "exactly the unit's reads" */
		r->certificate_id = sc->id;
		sc->read_ids[i] = r->id;
	}
	sc->nreads = c->nreads;
}

static void
lower_memberships(struct sim *s, int64_t through)
{
	size_t i;

	for (i = 0; i < s->nmem; i++)
		s->mem[i].to = dom_membership_lowered_end(&s->mem[i], through);
}

struct sim_pass_result
sim_pass(struct sim *s, int64_t now)
{
	struct sim_pass_result	 res;
	struct dom_issue_input	 in;
	struct dom_issue_plan	 plan;
	struct dom_issue_read	*arrived;
	struct arena		*a = arena_new();
	size_t			 i, n = 0;

	memset(&res, 0, sizeof(res));
	arrived = arena_alloc(a, (s->nreads + 1) * sizeof(*arrived));
	for (i = 0; i < s->nreads; i++)
		if (s->reads[i].created_at <= now)
			arrived[n++] = s->reads[i];
	memset(&in, 0, sizeof(in));
	in.reservation = &s->resv;
	in.memberships = s->mem;
	in.nmemberships = s->nmem;
	in.reads = arrived;
	in.nreads = n;
	in.now = now;
	in.settle_s = s->settle_s;
	in.until = s->until;
	res.rc = dom_issue_plan(a, &in, &plan);
	for (i = 0; res.rc == 0 && i < plan.nsteps; i++) {
		const struct dom_issue_step *st = &plan.steps[i];

		if (!state_equal(&st->before, &s->resv.state))
			res.stale = 1;
		if (st->kind == STEP_CERTIFICATE) {
			apply_certificate(s, st);
			res.certificates++;
		}
		s->resv.state = st->after;
		if (st->lower_memberships_to != DOM_NO_TIME)
			lower_memberships(s, st->lower_memberships_to);
		res.windows_issued += st->windows_issued;
		res.events |= st->events;
	}
	res.steps = res.rc == 0 ? plan.nsteps : 0;
	arena_free(a);
	return res;
}

static int
sorted_members(const struct sim *s, struct dom_membership *out)
{
	size_t i, j;

	memcpy(out, s->mem, s->nmem * sizeof(*out));
	for (i = 1; i < s->nmem; i++)
		for (j = i; j > 0 && out[j - 1].device_id > out[j].device_id; j--) {
			struct dom_membership t = out[j];

			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return (int)s->nmem;
}

/* P1 and P2 for one certificate. */
static int
check_cert(const struct sim *s, const struct dom_membership *ms,
    const struct sim_cert *c, char *why, size_t len)
{
	const struct dom_issue_read	*r;
	struct dom_window		 w;
	int64_t				 wh = 0, count = 0;
	size_t				 i;

	for (i = 0; i < s->nreads; i++) {
		r = &s->reads[i];
		if (r->certificate_id != c->id)
			continue;
		wh += r->wh;
		count++;
		if (!dom_read_belongs(r, ms, s->nmem) ||
		    dom_read_window(&s->resv.period, r, &w) == -1 ||
		    w.start != c->grid_start || strcmp(r->device->country_code,
		    c->country) != 0 || (c->kind == CERT_HISTORY &&
		    c->nreads != 1)) {
			snprintf(why, len, "P2: read %lld in certificate %lld",
			    (long long)r->id, (long long)c->id);
			return 2;
		}
	}
	if (c->energy_wh + c->excess_wh != wh || wh != c->parts_wh ||
	    count != c->parts_reads || (size_t)count != c->nreads) {
		snprintf(why, len, "P1: certificate %lld: %lld + %lld vs reads "
		    "%lld, parts %lld", (long long)c->id, (long long)c->energy_wh,
		    (long long)c->excess_wh, (long long)wh, (long long)c->parts_wh);
		return 1;
	}
	return 0;
}

int
sim_check_properties(const struct sim *s, char *why, size_t len)
{
	struct dom_membership	 ms[SIM_MAX_DEVICES];
	const struct dom_issue_read *r;
	int64_t			 certified = 0, left = 0, eligible = 0, issued = 0;
	size_t			 i;
	int			 rc;

	sorted_members(s, ms);
	for (i = 0; i < s->ncerts; i++) {
		if ((rc = check_cert(s, ms, &s->certs[i], why, len)) != 0)
			return rc;
		certified += s->certs[i].energy_wh + s->certs[i].excess_wh;
		issued += s->certs[i].energy_wh;
		if (s->certs[i].excess_wh > 0 && !s->certs[i].completing) {
			snprintf(why, len, "P5: excess on certificate %zu", i + 1);
			return 5;
		}
	}
	for (i = 0; i < s->nreads; i++) {
		r = &s->reads[i];
		if (!dom_read_eligible(r, ms, s->nmem, s->resv.expiry))
			continue;
		eligible += r->wh;
		if (r->certificate_id == 0)
			left += r->wh;
	}
	if (certified + left != eligible) {
		snprintf(why, len, "P3: %lld certified + %lld left != %lld",
		    (long long)certified, (long long)left, (long long)eligible);
		return 3;
	}
	if (issued != s->resv.state.issued_wh ||
	    (int64_t)s->ncerts != s->resv.state.certificate_count ||
	    (!s->resv.authority_to_exceed && issued > s->resv.target_wh)) {
		snprintf(why, len, "P5: issuedWh %lld (state %lld), target %lld",
		    (long long)issued, (long long)s->resv.state.issued_wh,
		    (long long)s->resv.target_wh);
		return 5;
	}
	return 0;
}

int
sim_check_p4(const struct sim *s, int64_t now)
{
	struct dom_membership	 ms[SIM_MAX_DEVICES];
	const struct dom_issue_read *r;
	struct dom_window	 w;
	size_t			 i;

	if (s->resv.state.status == RESV_COMPLETED)
		return 0;
	sorted_members(s, ms);
	for (i = 0; i < s->nreads; i++) {
		r = &s->reads[i];
		if (r->created_at > now || r->certificate_id != 0 ||
		    !dom_read_eligible(r, ms, s->nmem, s->resv.expiry))
			continue;
		if (dom_read_window(&s->resv.period, r, &w) == 0 &&
		    dom_window_due(&w, now, s->settle_s))
			return 4;
	}
	return 0;
}
