/*
 * Reservation and certificate routes for existing clients (clients.md
 * §6.1, §6.2, §6.4): current-information, blockchain-properties and the
 * redemption report.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "db/clients.h"
#include "domain/issuance.h"
#include "api/api.h"
#include "api/inputs.h"
#include "api/clients.h"
#include "api/devices.h"
#include "api/reservations.h"

#define HISTORY_PAGE	10

/*
 * GET /api/blockchain-properties (public, §6.2): drec's issuer identity
 * in the reference's shape; netId 0 and registry/issuer names that are
 * not EVM addresses, so that no wallet builds a contract from them.
 */
void
api_cl_blockchain_properties(struct api_call *c)
{
	struct db_issuer_key	*keys;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*kid = NULL, *hex = NULL;
	int			 n;

	if (api_issuer_current_key(c, &keys, &n, &kid, &hex) < 0)
		return;
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "netId");
	jw_int(&w, 0);
	jw_key(&w, "registry");
	jw_str(&w, "drec-ledger");
	jw_key(&w, "issuer");
	jw_str(&w, "drec-issuer");
	jw_key(&w, "rpcNode");
	jw_str(&w, "");
	jw_key(&w, "rpcNodeFallback");
	jw_str(&w, "");
	jw_key(&w, "ledgerPath");
	jw_str(&w, "/api/certificate-log/ledger");
	jw_key(&w, "publicKeyPath");
	jw_str(&w, "/api/issuer/public-key");
	jw_key(&w, "algorithm");
	jw_str(&w, "Ed25519");
	jw_key(&w, "keyId");
	jw_str(&w, kid);	/* NULL → null */
	jw_key(&w, "publicKey");
	jw_str(&w, hex);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

/* One entry of the history list of §6.1. */
struct hist {
	const struct db_device	*d;
	int64_t			 from, to;
};

/* ongoing_next_issuance of §6.1: the first unissued window, or null. */
static void
ongoing(struct api_call *c, struct jw *w, const struct db_reservation *r)
{
	struct dom_period	p;
	struct dom_window	win;
	int			f, rc;

	jw_key(w, "ongoing_next_issuance");
	if (strcmp(r->status, "active") != 0 ||
	    (f = dom_frequency_parse(r->frequency)) < 0) {
		jw_null(w);
		return;
	}
	p.freq = (enum dom_frequency)f;
	p.start = r->start;
	p.end = r->end;
	rc = r->has_issued_through ?
	    dom_window_containing(&p, r->issued_through, &win) :
	    dom_window_at(&p, 0, &win);
	if (rc != 0) {
		jw_null(w);
		return;
	}
	jw_obj_open(w);
	jw_key(w, "groupId");
	jw_int(w, r->id);
	jw_key_instant(w, "start_date", win.start);
	jw_key_instant(w, "end_date", win.end);
	jw_key_instant(w, "dueAt", win.end +
	    (int64_t)c->ctx->cfg->issuer_settle_seconds * 1000);
	jw_obj_close(w);
}

/* current-information/:id's query: the page, after the path's id. */
struct current_in {
	struct api_pageq	pq;
	int64_t			page, limit;
};

static const struct jfield current_query[] = {
	API_QPAGE(struct current_in, pq),
};

static int
current_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct current_in *q = in;

	if (api_res_check_ref(c) != 0)
		return -1;
	api_paging_of(c, &q->pq, HISTORY_PAGE, 0, &q->page, &q->limit, fe);
	return 0;
}

const struct api_input api_in_cl_current = {
	.size = sizeof(struct current_in),
	.query = JTABLE(current_query, struct current_in),
	.code = E_INVALID_QUERY,
	.check = current_check,
	.doc = "A reservation's devices with their certified history",
};

/*
 * GET /api/buyer-reservation/current-information/:id (§6.1): the member
 * devices onboarded after their membership started (whose History reads
 * count for it), and the next window to issue.  Every status answers 200.
 */
void
api_cl_current_information(struct api_call *c)
{
	struct db_reservation	 r;
	struct db_member	*m;
	struct db_device	*devs;
	struct hist		*h;
	struct strbuf		 sb;
	struct jw		 w;
	const struct current_in	*q = c->in;
	int64_t			 page = q->page, k;
	int			 n, i, nh = 0, full;
	enum err		 e;

	if (api_res_resolve(c, 0, &r, &full) != 0)
		return;
	if ((e = db_res_members(c->db, c->a, r.id, full ? 0 : c->user.org.id,
	    &m, &n)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	h = arena_alloc(c->a, sizeof(*h) * (size_t)(n + 1));
	devs = arena_alloc(c->a, sizeof(*devs) * (size_t)(n + 1));
	if (h == NULL || devs == NULL) {
		api_db_error(c, ERR_NOMEM);
		return;
	}
	for (i = 0; i < n; i++) {
		if (m[i].from >= m[i].to)
			continue;	/* empty membership */
		if ((e = db_device_get(c->db, c->a, m[i].device_id, c->now, 0,
		    &devs[i])) == ERR_NOTFOUND)
			continue;
		if (e != ERR_OK) {
			api_db_error(c, e);
			return;
		}
		if (m[i].from >= devs[i].created)
			continue;
		h[nh].d = &devs[i];
		h[nh].from = m[i].from;
		h[nh].to = m[i].to < devs[i].created ? m[i].to :
		    devs[i].created;
		nh++;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "historynextissuansinfo");
	jw_obj_open(&w);
	jw_key(&w, "AllDeviceshistnextissuansinfo");
	jw_arr_open(&w);
	for (k = (page - 1) * HISTORY_PAGE; k < nh && k < page * HISTORY_PAGE;
	    k++) {
		jw_obj_open(&w);
		jw_key(&w, "deviceId");
		jw_int(&w, h[k].d->id);
		jw_key(&w, "externalId");
		jw_str(&w, h[k].d->external_id);
		jw_key(&w, "device_externalid");
		jw_str(&w, h[k].d->external_id);
		jw_key_instant(&w, "reservationStartDate", h[k].from);
		jw_key_instant(&w, "reservationEndDate", h[k].to);
		jw_key_instant(&w, "device_createdAt", h[k].d->created);
		jw_key(&w, "status");
		jw_str(&w, r.has_issued_through && r.issued_through >= h[k].to ?
		    "Completed" : "Pending");
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	api_items_page_keys(&w, page, HISTORY_PAGE, nh);
	jw_obj_close(&w);
	ongoing(c, &w, &r);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

static void
raw_list(struct jw *w, const char *key, const char *json)
{
	jw_key(w, key);
	jw_raw(w, json != NULL && *json != '\0' ? json : "[]");
}

/* The redemption report's query (§5.3). */
struct redemption_in {
	struct jstr		 start, end, org_q;
	struct db_device_filter	 f;
	int64_t			 org;
};

static const struct jfield redemption_query[] = {
	{ "start_date", JT_STRING, 0, offsetof(struct redemption_in, start),
	    NULL, .doc = "Only claims from this instant or date (YYYY-MM-DD)" },
	{ "end_date", JT_STRING, 0, offsetof(struct redemption_in, end), NULL,
	    .doc = "Only claims up to this instant or date (the whole day)" },
	{ "organizationId", JT_STRING, 0,
	    offsetof(struct redemption_in, org_q), NULL,
	    .doc = "Admin only: one buyer organization (an id; default all)" },
};

static int
redemption_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct redemption_in	*q = in;
	const char		*o = q->org_q.present ? q->org_q.v : NULL;

	api_list_date_filters_of(c, &q->start, &q->end, &q->f, fe);
	q->org = c->user.org.id;
	if (c->role_bit & ROLE_ADMIN) {
		q->org = 0;
		if (o != NULL && api_id_text(o, &q->org) != 0)
			http_field_error(c->a, fe, "organizationId", "\"%.32s\" is "
			    "not allowed; a positive integer", o);
	}
	return 0;
}

const struct api_input api_in_cl_redemption = {
	.size = sizeof(struct redemption_in),
	.query = JTABLE(redemption_query, struct redemption_in),
	.code = E_INVALID_QUERY,
	.check = redemption_check,
	.doc = "The claims of buyer organizations in a window",
};

/*
 * GET /api/certificate-log/redemption-report (§6.4): one item per claim
 * of the caller's organization's certificates (Admin: all, or
 * organizationId's), claimedAt in [start_date, end_date].
 */
void
api_cl_redemption_report(struct api_call *c)
{
	const struct redemption_in	*q = c->in;
	const struct db_device_filter	*f = &q->f;
	struct db_cl_redemption		*v;
	struct db_reservation		 r;
	struct strbuf			 sb;
	struct jw			 w;
	int64_t				 org = q->org;
	int				 n, i;
	enum err			 e;

	if ((e = db_cl_redemptions(c->db, c->a, org, f->has_start, f->start,
	    f->has_end, f->end, &v, &n)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	memset(&r, 0, sizeof(r));
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		if (r.id != v[i].reservation_id && (e = db_res_get(c->db, c->a,
		    v[i].reservation_id, 0, &r)) != ERR_OK) {
			api_db_error(c, e);
			return;
		}
		jw_obj_open(&w);
		jw_key(&w, "certificateId");
		jw_int(&w, v[i].certificate_id);
		jw_key(&w, "reservationId");
		jw_int(&w, v[i].reservation_id);
		jw_key(&w, "reservationUid");
		jw_str(&w, v[i].reservation_uid);
		jw_key(&w, "reservationName");
		jw_str(&w, r.name);
		jw_key_instant(&w, "redemptionDate", v[i].claimed_at);
		jw_key_instant(&w, "claimedAt", v[i].claimed_at);
		jw_key_instant(&w, "recordedAt", v[i].recorded_at);
		/* Exactly Wh / 10^6, as reservations.md's MWh values. */
		jw_key(&w, "certifiedEnergy");
		jw_double(&w, (double)v[i].energy_wh / 1e6);
		jw_key(&w, "energyWh");
		jw_int(&w, v[i].energy_wh);
		jw_key(&w, "compliance");
		jw_str(&w, "I-REC");
		jw_key(&w, "country");
		jw_arr_open(&w);
		jw_str(&w, v[i].country_code);
		jw_arr_close(&w);
		raw_list(&w, "fuelCode", r.fuel_codes);
		jw_key(&w, "capacityRange");
		jw_str(&w, r.capacity_range);
		raw_list(&w, "offTakers", r.off_takers);
		raw_list(&w, "commissioningDateRange", r.commissioning_range);
		jw_key(&w, "beneficiary");
		jw_str(&w, v[i].beneficiary);
		jw_key(&w, "beneficiary_address");
		jw_null(&w);
		jw_key(&w, "claimCoiuntryCode");
		jw_null(&w);
		jw_key(&w, "purpose");
		jw_str(&w, v[i].purpose);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	api_json(c, 200, &sb);
}
