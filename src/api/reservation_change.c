/*
 * Changing a reservation (reservations.md §6-8): PATCH, end early, cancel.
 * Each runs in one transaction that starts by locking the reservation row;
 * a deadlock retries the whole transaction (3 tries, then 503).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "domain/reads.h"
#include "api/api.h"
#include "api/reservation_input.h"
#include "api/reservations.h"


/* A step's result inside the transaction. */
enum step { STEP_COMMIT, STEP_ANSWERED, STEP_DBERR };

typedef enum step (*tx_fn)(struct api_call *, struct db_reservation *,
    void *ctx, enum err *);

/* One change (change_tx): its step, context and outcome. */
struct change {
	tx_fn			 fn;
	void			*ctx;
	struct db_reservation	 r;
	int			 answered;	/* out: a response was sent */
};

/* Locks the visible reservation and runs the step; ERR_OK commits. */
static enum err
change_tx(struct api_call *c, void *arg)
{
	struct change	*x = arg;
	enum err	 e = ERR_DB;

	if (api_res_resolve(c, 1, &x->r, NULL) != 0) {
		x->answered = 1;
		return ERR_NOTFOUND;
	}
	switch (x->fn(c, &x->r, x->ctx, &e)) {
	case STEP_COMMIT:
		return ERR_OK;
	case STEP_ANSWERED:
		x->answered = 1;
		return ERR_NOTFOUND;
	default:
		return e == ERR_OK ? ERR_DB : e;
	}
}

/*
 * Runs fn in a transaction on the locked, visible reservation; commits on
 * STEP_COMMIT and then answers 200 with the full view (or cancel's own
 * body when reply is 0).
 */
static void
run_tx(struct api_call *c, tx_fn fn, void *ctx, int reply_full)
{
	struct change	x;
	enum err	e;

	memset(&x, 0, sizeof(x));
	x.fn = fn;
	x.ctx = ctx;
	e = api_acct_tx(c, change_tx, &x);
	if (x.answered)
		return;
	if (e != ERR_OK)
		api_db_error(c, e);
	else if (reply_full)
		api_res_reply(c, 200, x.r.id, RES_FULL);
}

static void
iso(int64_t ms, char *out)
{
	time_format_iso(ms, out);
}

static int
end_in_past(struct api_call *c, int64_t end)
{
	char a[TIME_ISO_LEN], b[TIME_ISO_LEN];

	if (end >= c->now - (int64_t)c->ctx->cfg->skew_s * 1000)
		return 0;
	iso(end, a);
	iso(c->now, b);
	api_failf(c, E_END_DATE_IN_PAST, "reservationEndDate %s is in the "
	    "past (now is %s; at most %d s earlier is accepted)", a, b,
	    c->ctx->cfg->skew_s);
	return 1;
}

/*
 * A later end (§6): the member devices are locked (ascending, bumped),
 * then no other reservation may hold one of them in [from, to).  The same
 * three statements whatever the number of devices (reservations.h).
 * Returns STEP_COMMIT when free.
 */
static enum step
extend_members(struct api_call *c, const struct db_reservation *r,
    int64_t from, int64_t to, enum err *ep)
{
	struct db_member	*m;
	struct db_device	*d;
	int64_t			*busy, *ids;
	int			 n, i, k = 0, nd, nbusy = 0;

	if ((*ep = db_res_members(c->db, c->a, r->id, 0, &m, &n)) != ERR_OK)
		return STEP_DBERR;
	if ((ids = arena_alloc(c->a, sizeof(int64_t) * (size_t)(n + 1))) ==
	    NULL) {
		*ep = ERR_NOMEM;
		return STEP_DBERR;
	}
	for (i = 0; i < n; i++)		/* by device id: sorted, distinct */
		if (m[i].from < m[i].to)
			ids[k++] = m[i].device_id;
	if (k == 0)
		return STEP_COMMIT;
	if ((*ep = db_res_devices_lock(c->db, c->a, ids, k, &d, &nd)) !=
	    ERR_OK ||
	    (*ep = db_res_devices_bump(c->db, c->a, ids, k, to)) != ERR_OK ||
	    (*ep = db_res_overlaps_lock(c->db, c->a, ids, k, r->id, from, to,
	    &busy, &nbusy)) != ERR_OK)
		return STEP_DBERR;
	if (nbusy == 0)
		return STEP_COMMIT;
	{
		struct strbuf	sb;
		struct jw	w;

		strbuf_init_arena(&sb, c->a);
		jw_init(&w, &sb);
		api_envelope(&w, E_DEVICE_ALREADY_RESERVED);
		jw_key(&w, "message");
		jw_str(&w, arena_printf(c->a, "%d device(s) of this reservation "
		    "are reserved elsewhere for part of the longer period",
		    nbusy));
		jw_key(&w, "details");
		jw_obj_open(&w);
		jw_key(&w, "deviceIds");
		jw_arr_open(&w);
		for (i = 0; i < nbusy; i++)
			jw_int(&w, busy[i]);
		jw_arr_close(&w);
		jw_obj_close(&w);
		jw_obj_close(&w);
		api_fail_send(c, E_DEVICE_ALREADY_RESERVED, &sb);
	}
	return STEP_ANSWERED;
}

/* ---- PATCH (§6) ---- */

static int
same_ids(const struct res_input *in, const struct db_member *m, int n)
{
	int i;

	if (in->nids != n)
		return 0;
	for (i = 0; i < n; i++)	/* both ascending */
		if (in->ids[i] != m[i].device_id)
			return 0;
	return 1;
}

static void
not_updatable(struct api_call *c, const char *field)
{
	api_failf(c, E_FIELD_NOT_UPDATABLE, "%s cannot be changed after "
	    "a reservation is created; updatable: name, reservationEndDate, "
	    "reservationExpiryDate, authorityToExceed", field);
}

/* The 400s of §6 after the reservation is found. */
static int
patch_400s(struct api_call *c, const struct db_reservation *r,
    const struct res_input *in, int end_chg, int exp_chg)
{
	struct db_member	*m;
	int			 n;
	char			 a[TIME_ISO_LEN], b[TIME_ISO_LEN];

	if (in->frequency.present)
		return not_updatable(c, "frequency"), 1;
	if (in->target.present && in->target_wh != r->target_wh)
		return not_updatable(c, "targetCapacityInMegaWattHour"), 1;
	if (in->start_s.present && in->start != r->start)
		return not_updatable(c, "reservationStartDate"), 1;
	if (in->device_ids.present) {
		if (db_res_members(c->db, c->a, r->id, 0, &m, &n) != ERR_OK)
			n = -1;
		if (n < 0 || !same_ids(in, m, n))
			return not_updatable(c, "deviceIds"), 1;
	}
	if (in->org.present && in->org_id != r->org_id)
		return not_updatable(c, "organizationId"), 1;
	if (in->blockchain.present && (r->blockchain == NULL ||
	    strcmp(in->blockchain.v, r->blockchain) != 0))
		return not_updatable(c, "blockchainAddress"), 1;
	if (end_chg) {
		iso(in->end, a);
		iso(r->start, b);
		if (in->end <= r->start) {
			api_failf(c, E_RESERVATION_END_BEFORE_START,
			    "reservationEndDate %s must be after "
			    "reservationStartDate %s", a, b);
			return 1;
		}
		if (end_in_past(c, in->end))
			return 1;
		if (in->end > dom_add_years(c->now, 10)) {
			iso(dom_add_years(c->now, 10), b);
			api_failf(c, E_RESERVATION_DATE_TOO_FAR,
			    "reservationEndDate %s is more than 10 years ahead; "
			    "the latest allowed is %s", a, b);
			return 1;
		}
	}
	if (exp_chg && in->expiry < c->now) {
		iso(in->expiry, a);
		iso(c->now, b);
		api_failf(c, E_RESERVATION_EXPIRY_IN_PAST,
		    "reservationExpiryDate %s is before now (%s)", a, b);
		return 1;
	}
	if (in->end_s.present && in->expiry_s.present && in->expiry < in->end) {
		iso(in->expiry, a);
		iso(in->end, b);
		api_failf(c, E_RESERVATION_EXPIRY_BEFORE_END,
		    "reservationExpiryDate %s must not be before "
		    "reservationEndDate %s", a, b);
		return 1;
	}
	return 0;
}

static enum step
patch_step(struct api_call *c, struct db_reservation *r, void *ctx,
    enum err *ep)
{
	struct res_input	*in = ctx;
	int			 end_chg, exp_chg, auth_chg, active;
	int64_t			 old_end = r->end, end, expiry;
	char			 a[TIME_ISO_LEN], b[TIME_ISO_LEN];
	enum step		 s;

	end_chg = in->end_s.present && in->end != r->end;
	exp_chg = in->expiry_s.present && in->expiry != r->expiry;
	auth_chg = in->authority.present && (in->authority.v != 0) !=
	    (r->authority != 0);
	active = strcmp(r->status, "active") == 0;
	if (patch_400s(c, r, in, end_chg, exp_chg))
		return STEP_ANSWERED;
	end = end_chg ? in->end : r->end;
	expiry = exp_chg ? in->expiry : r->expiry;
	if ((end_chg || auth_chg) && !active) {
		api_failf(c, E_RESERVATION_NOT_ACTIVE, "Reservation %lld is "
		    "%s; its end and authorityToExceed can no longer change",
		    (long long)r->id, r->status);
		return STEP_ANSWERED;
	}
	if (exp_chg && r->closed) {
		api_failf(c, E_RESERVATION_CLOSED, "Reservation %lld is "
		    "closed; its expiry can no longer change", (long long)r->id);
		return STEP_ANSWERED;
	}
	if (end_chg && r->has_issued_through && end < r->issued_through) {
		iso(end, a);
		iso(r->issued_through, b);
		api_failf(c, E_END_BEFORE_ISSUED_WINDOW, "reservationEndDate "
		    "%s is before the end of the last issued window %s", a, b);
		return STEP_ANSWERED;
	}
	if ((in->end_s.present || in->expiry_s.present) && expiry < end) {
		iso(expiry, a);
		iso(end, b);
		api_failf(c, E_RESERVATION_EXPIRY_BEFORE_STORED_END,
		    "reservationExpiryDate %s would be before reservationEndDate "
		    "%s", a, b);
		return STEP_ANSWERED;
	}
	if (in->name.present)
		r->name = in->name.v;
	r->end = end;
	r->expiry = expiry;
	if (in->authority.present)
		r->authority = in->authority.v != 0;
	if (end_chg && r->has_issued_through && end == r->issued_through)
		r->status = "ended";
	if (auth_chg && !r->authority && r->issued_wh >= r->target_wh)
		r->status = "completed";
	r->updated = c->now;
	*ep = db_res_update(c->db, r);
	if (*ep == ERR_CONFLICT &&
	    strcmp(db_conflict_key(c->db), "uq_reservation_org_name") == 0) {
		api_failf(c, E_RESERVATION_NAME_TAKEN, "name \"%s\" is "
		    "already used by another reservation of this organization",
		    r->name);
		return STEP_ANSWERED;
	}
	if (*ep != ERR_OK)
		return STEP_DBERR;
	if (end_chg && end > old_end &&
	    (s = extend_members(c, r, old_end, end, ep)) != STEP_COMMIT)
		return s;
	if (end_chg && (*ep = db_res_member_set_end(c->db, r->id, end)) !=
	    ERR_OK)
		return STEP_DBERR;
	if (strcmp(r->status, "completed") == 0 && r->has_issued_through &&
	    (*ep = db_res_member_lower(c->db, r->id, r->issued_through)) !=
	    ERR_OK)
		return STEP_DBERR;
	return STEP_COMMIT;
}

void
api_res_patch(struct api_call *c)
{
	run_tx(c, patch_step, c->in, 1);
}

/* ---- end early (§7) ---- */

static enum step
end_step(struct api_call *c, struct db_reservation *r, void *ctx,
    enum err *ep)
{
	int64_t	end = *(int64_t *)ctx;
	char	a[TIME_ISO_LEN], b[TIME_ISO_LEN];

	if (end_in_past(c, end))
		return STEP_ANSWERED;
	if (strcmp(r->status, "active") != 0 || r->end <= c->now) {
		iso(r->end, a);
		api_failf(c, E_RESERVATION_ALREADY_ENDED, "Reservation %lld "
		    "has already ended (%s, end %s)", (long long)r->id,
		    r->status, a);
		return STEP_ANSWERED;
	}
	iso(end, a);
	if (end > r->end) {
		iso(r->end, b);
		api_failf(c, E_END_DATE_AFTER_CURRENT_END, "End date %s is "
		    "after the current end %s; use PATCH to extend", a, b);
		return STEP_ANSWERED;
	}
	if (r->has_issued_through && end < r->issued_through) {
		iso(r->issued_through, b);
		api_failf(c, E_END_BEFORE_ISSUED_WINDOW, "End date %s is "
		    "before the end of the last issued window %s", a, b);
		return STEP_ANSWERED;
	}
	if (end <= r->start) {	/* not begun: an empty period */
		r->end = r->start;
		r->status = "ended";
	} else {
		r->end = end;
		if (r->has_issued_through && r->issued_through == end)
			r->status = "ended";
	}
	r->updated = c->now;
	if ((*ep = db_res_update(c->db, r)) != ERR_OK ||
	    (*ep = db_res_member_set_end(c->db, r->id, r->end)) != ERR_OK)
		return STEP_DBERR;
	return STEP_COMMIT;
}

void
api_res_end(struct api_call *c)
{
	int64_t end = api_res_end_of(c);

	run_tx(c, end_step, &end, 1);
}

/* ---- cancel (§8) ---- */

static enum step
cancel_step(struct api_call *c, struct db_reservation *r, void *ctx,
    enum err *ep)
{
	struct strbuf	sb;
	struct jw	w;

	(void)ctx;
	if (r->cert_count > 0) {
		api_failf(c, E_RESERVATION_HAS_CERTIFICATES, "Reservation "
		    "%lld has %lld certificate(s) and cannot be cancelled; end "
		    "it instead (DELETE .../endreservation/%lld)",
		    (long long)r->id, (long long)r->cert_count,
		    (long long)r->id);
		return STEP_ANSWERED;
	}
	if ((*ep = db_res_delete(c->db, r->id)) != ERR_OK)
		return STEP_DBERR;
	if ((*ep = db_commit(c->db)) != ERR_OK)
		return STEP_DBERR;
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "id");
	jw_int(&w, r->id);
	jw_key(&w, "devicegroup_uid");
	jw_str(&w, r->uid);
	jw_key(&w, "deleted");
	jw_bool(&w, 1);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
	return STEP_ANSWERED;	/* committed above; the rollback is a no-op */
}

void
api_res_cancel(struct api_call *c)
{
	run_tx(c, cancel_step, NULL, 0);
}
