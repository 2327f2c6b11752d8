/*
 * Which reads a reservation certifies, and in which window
 * (certificates.md §3); the reservation status names and the small
 * reservation rules the pass needs (§4 step 2, §5).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/issuance.h"

static const char *const status_names[RESV__MAX] = { "active", "ended",
    "completed" };
static const char *const kind_names[CERT__MAX] = { "window", "history" };

const char *
dom_resv_status_name(enum dom_resv_status s)
{
	return (s >= 0 && s < RESV__MAX) ? status_names[s] : "?";
}

int
dom_resv_status_parse(const char *s)
{
	int i;

	for (i = 0; i < RESV__MAX; i++)
		if (strcmp(s, status_names[i]) == 0)
			return i;
	return -1;
}

const char *
dom_cert_kind_name(enum dom_cert_kind k)
{
	return (k >= 0 && k < CERT__MAX) ? kind_names[k] : "?";
}

int
dom_resv_processable(const struct dom_resv_state *s)
{
	return s->status == RESV_ACTIVE ||
	    (s->status == RESV_ENDED && s->closed_at == DOM_NO_TIME);
}

int64_t
dom_membership_lowered_end(const struct dom_membership *m, int64_t through)
{
	int64_t to = m->to < through ? m->to : through;

	return to > m->from ? to : m->from;
}

int
dom_read_in_membership(const struct dom_issue_read *r,
    const struct dom_membership *m)
{
	if (r->type == READ_HISTORY)
		return m->from <= r->start && r->end <= m->to;
	return m->from <= r->end && r->end < m->to;
}

static int
membership_cmp_key(const void *key, const void *elem)
{
	int64_t				 id = *(const int64_t *)key;
	const struct dom_membership	*m = elem;

	return id < m->device_id ? -1 : id > m->device_id;
}

int
dom_read_belongs(const struct dom_issue_read *r,
    const struct dom_membership *ms, size_t n)
{
	const struct dom_membership *m;

	if (r->baseline || r->wh <= 0 || r->device == NULL || n == 0)
		return 0;
	m = bsearch(&r->device->id, ms, n, sizeof(*ms), membership_cmp_key);
	return m != NULL && dom_read_in_membership(r, m);
}

int
dom_read_eligible(const struct dom_issue_read *r,
    const struct dom_membership *ms, size_t n, int64_t expiry)
{
	return r->created_at <= expiry && dom_read_belongs(r, ms, n);
}

int
dom_read_window(const struct dom_period *p, const struct dom_issue_read *r,
    struct dom_window *w)
{
	/* A History read ending at E is in the last window (§3). */
	if (r->type == READ_HISTORY && r->end == p->end)
		return dom_window_ending_at(p, p->end, w);
	return dom_window_containing(p, r->end, w);
}
