/*
 * POST /api/buyer-reservation (reservations.md §3).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "crypto/crypto.h"
#include "domain/codes.h"
#include "domain/reads.h"
#include "domain/reservation_rules.h"
#include "api/api.h"
#include "api/reservation_input.h"
#include "api/reservations.h"

struct res_new {
	struct api_call		*c;
	struct res_input	 in;
	int64_t			 org;
	struct db_device	*devs;		/* the reserved devices */
	int			 ndevs;
	int64_t			*skipped;
	int			 nskipped;
	int64_t			 id;		/* out: the new reservation */
	int			 answered;	/* out: a response was sent */
};

static void
iso(int64_t ms, char *out)
{
	time_format_iso(ms, out);
}

/* §3.2, in order; 0, or -1 after answering 400. */
static int
cross_checks(struct api_call *c, struct res_input *in)
{
	char	a[TIME_ISO_LEN], b[TIME_ISO_LEN];

	iso(in->start, a);
	iso(in->end, b);
	if (in->start >= in->end) {
		api_failf(c, E_RESERVATION_END_BEFORE_START,
		    "reservationEndDate %s must be after reservationStartDate %s",
		    b, a);
		return -1;
	}
	if (in->start < dom_add_years(c->now, -3)) {
		iso(dom_add_years(c->now, -3), b);
		api_failf(c, E_RESERVATION_DATE_TOO_OLD,
		    "reservationStartDate %s is more than 3 years ago; the "
		    "earliest allowed is %s", a, b);
		return -1;
	}
	if (in->end > dom_add_years(c->now, 10)) {
		iso(in->end, a);
		iso(dom_add_years(c->now, 10), b);
		api_failf(c, E_RESERVATION_DATE_TOO_FAR,
		    "reservationEndDate %s is more than 10 years ahead; the "
		    "latest allowed is %s", a, b);
		return -1;
	}
	if (!in->expiry_s.present)
		in->expiry = (in->end > c->now ? in->end : c->now) +
		    (int64_t)c->ctx->cfg->reservation_expiry_days * 86400000LL;
	else if (in->expiry < in->end) {
		iso(in->expiry, a);
		iso(in->end, b);
		api_failf(c, E_RESERVATION_EXPIRY_BEFORE_END,
		    "reservationExpiryDate %s must not be before "
		    "reservationEndDate %s", a, b);
		return -1;
	}
	return 0;
}

/* §3.3; 0, or -1 after answering. */
static int
org_check(struct res_new *g)
{
	if (!(g->c->role_bit & ROLE_ADMIN)) {
		g->org = g->c->user.org.id;
		return 0;
	}
	g->org = g->in.org_id;
	return api_org_of_type(g->c, g->org, "Buyer", E_ORGANIZATION_NOT_BUYER);
}

/* A 4xx/409 naming device ids, with details.deviceIds. */
static void
reply_ids(struct api_call *c, enum ecode e, const char *what,
    const int64_t *ids, int n)
{
	struct strbuf	sb, msg;
	struct jw	w;
	int		i;

	strbuf_init_arena(&msg, c->a);
	strbuf_puts(&msg, what);
	for (i = 0; i < n; i++) {
		char num[24];

		snprintf(num, sizeof(num), "%s%lld", i ? ", " : " ",
		    (long long)ids[i]);
		strbuf_puts(&msg, num);
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_envelope(&w, e);
	jw_key(&w, "message");
	jw_str(&w, msg.buf);
	jw_key(&w, "details");
	jw_obj_open(&w);
	jw_key(&w, "deviceIds");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		jw_int(&w, ids[i]);
	jw_arr_close(&w);
	jw_obj_close(&w);
	jw_obj_close(&w);
	api_fail_send(c, e, &sb);
}

/*
 * §3.4: lock the devices, find the missing and the unavailable ones.  A
 * fixed number of statements whatever the number of devices: one locking
 * read of the devices (only the columns §3.5 and §3.7 need), one UPDATE
 * bumping every device's row_version (the write that makes concurrent
 * reservations of a device conflict across Galera nodes, ARCHITECTURE §1),
 * one locking read of the overlaps.  ids are sorted and distinct
 * (reservation_input.c), and so are the results.
 */
static enum err
lock_devices(struct res_new *g, int *answered)
{
	struct api_call	*c = g->c;
	struct res_input *in = &g->in;
	struct db_device *found;
	int64_t		*missing, *busy;
	int		 nfound, nmiss = 0, nbusy, i, k;
	enum err	 e;

	if ((e = db_res_devices_lock(c->db, c->a, in->ids, in->nids, &found,
	    &nfound)) != ERR_OK)
		return e;
	if ((e = db_res_devices_bump(c->db, c->a, in->ids, in->nids,
	    in->end)) != ERR_OK)
		return e;
	if (nfound < in->nids) {
		missing = arena_alloc(c->a, sizeof(int64_t) *
		    (size_t)in->nids);
		if (missing == NULL)
			return ERR_NOMEM;
		for (i = 0, k = 0; i < in->nids; i++) {
			if (k < nfound && found[k].id == in->ids[i])
				k++;
			else
				missing[nmiss++] = in->ids[i];
		}
		reply_ids(c, E_DEVICE_NOT_FOUND, "No device with id",
		    missing, nmiss);
		*answered = 1;
		return ERR_OK;
	}
	if ((e = db_res_overlaps_lock(c->db, c->a, in->ids, in->nids, 0,
	    in->start, in->end, &busy, &nbusy)) != ERR_OK)
		return e;
	g->devs = found;
	g->ndevs = 0;
	for (i = 0, k = 0; i < nfound; i++) {
		if (k < nbusy && busy[k] == found[i].id)
			k++;
		else
			g->devs[g->ndevs++] = found[i];
	}
	if (nbusy > 0 && (!in->skip.v || g->ndevs == 0)) {
		reply_ids(c, E_DEVICE_ALREADY_RESERVED, "Already reserved "
		    "for an overlapping period: device", busy, nbusy);
		*answered = 1;
		return ERR_OK;
	}
	g->skipped = busy;
	g->nskipped = nbusy;
	return ERR_OK;
}

/* §3.5; 0, or -1 after answering. */
static int
feasibility(struct res_new *g)
{
	struct api_call	*c = g->c;
	double		 hours, cap = 0, reach;
	struct strbuf	 sb;
	struct jw	 w;
	int		 i;

	if (g->in.feasible.v)
		return 0;
	hours = (double)(g->in.end - g->in.start) / 3.6e6;
	for (i = 0; i < g->ndevs; i++)
		cap += g->devs[i].capacity;
	if (cap * hours * 1000 >= (double)g->in.target_wh)
		return 0;
	reach = round(cap * hours / 1000 * 1e6) / 1e6;
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	api_envelope(&w, E_TARGET_NOT_REACHABLE);
	jw_key(&w, "message");
	jw_str(&w, arena_printf(c->a, "targetCapacityInMegaWattHour %s is "
	    "more than the devices can produce in %g hours (%g MWh)",
	    g->in.target.text, round(hours * 1e6) / 1e6, reach));
	jw_key(&w, "details");
	jw_obj_open(&w);
	jw_key(&w, "meteredTimePeriodInHours");
	jw_double(&w, round(hours * 1e6) / 1e6);
	jw_key(&w, "targetCapacityInMegaWattHour");
	jw_double(&w, (double)g->in.target_wh / 1e6);
	jw_key(&w, "probablyAchievableCapacityInMegaWattHour");
	jw_double(&w, reach);
	jw_obj_close(&w);
	jw_obj_close(&w);
	api_fail_send(c, E_TARGET_NOT_REACHABLE, &sb);
	return -1;
}

static int
cmp_str(const void *x, const void *y)
{
	const char *a = *(const char *const *)x, *b = *(const char *const *)y;

	return strcmp(a ? a : "", b ? b : "");
}

/* The distinct, trimmed, non-empty values, sorted, as a JSON array. */
static const char *
distinct_json(struct arena *a, const char **v, int n)
{
	struct strbuf	 sb;
	struct jw	 w;
	int		 i;

	qsort(v, (size_t)n, sizeof(*v), cmp_str);
	strbuf_init_arena(&sb, a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		if (v[i] != NULL && *v[i] != '\0' &&
		    (i == 0 || v[i - 1] == NULL || strcmp(v[i], v[i - 1]) != 0))
			jw_str(&w, v[i]);
	jw_arr_close(&w);
	return sb.buf;
}

/* Trimmed copy, NULL for NULL. */
static const char *
trimmed(struct arena *a, const char *s)
{
	const char	*e;

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return arena_strndup(a, s, (size_t)(e - s));
}

/* §3.7: the derived fields over the reserved devices. */
static void
derive(struct res_new *g, struct db_reservation *r)
{
	struct arena	*a = g->c->a;
	const char	**fuel, **ctry, **type, **offt, **sdg, **comm;
	int		 n = g->ndevs, i, k, nsdg = 0, ncomm = 0;
	int		 label[DOM_COMMISSIONING_LABELS] = { 0 };
	double		 cap = 0;
	uint32_t	 mask = 0;

	fuel = arena_alloc(a, sizeof(char *) * (size_t)n);
	ctry = arena_alloc(a, sizeof(char *) * (size_t)n);
	type = arena_alloc(a, sizeof(char *) * (size_t)n);
	offt = arena_alloc(a, sizeof(char *) * (size_t)n);
	sdg = arena_alloc(a, sizeof(char *) * CODES_SDG_MAX);
	comm = arena_alloc(a, sizeof(char *) * DOM_COMMISSIONING_LABELS);
	r->grid = 1;
	for (i = 0; i < n; i++) {
		const struct db_device *d = &g->devs[i];

		fuel[i] = trimmed(a, d->fuel_code);
		ctry[i] = trimmed(a, d->country_code);
		type[i] = trimmed(a, d->device_type_code);
		offt[i] = trimmed(a, d->off_taker);
		mask |= d->sdg;
		if (d->grid != 1)
			r->grid = 0;
		cap += d->capacity;
		label[dom_commissioning_index(d->commissioning, g->c->now)] = 1;
	}
	for (k = 1; k <= CODES_SDG_MAX; k++)
		if (mask & (1u << (k - 1)))
			sdg[nsdg++] = dom_codes_sdg_name(k);
	r->fuel_codes = distinct_json(a, fuel, n);
	r->country_codes = distinct_json(a, ctry, n);
	r->device_type_codes = distinct_json(a, type, n);
	r->off_takers = distinct_json(a, offt, n);
	r->sdg_benefits = distinct_json(a, sdg, nsdg);
	for (k = 0; k < DOM_COMMISSIONING_LABELS; k++)	/* listed order */
		if (label[k])
			comm[ncomm++] = dom_commissioning_label(k);
	{
		struct strbuf	sb;
		struct jw	w;

		strbuf_init_arena(&sb, a);
		jw_init(&w, &sb);
		jw_arr_open(&w);
		for (k = 0; k < ncomm; k++)
			jw_str(&w, comm[k]);
		jw_arr_close(&w);
		r->commissioning_range = sb.buf;
	}
	r->aggregated_capacity = round(cap * 1000) / 1000;
	r->capacity_range = dom_capacity_range(cap);
}

static void
reply_created(struct res_new *g, int64_t id)
{
	struct api_call		*c = g->c;
	struct db_reservation	 r;
	struct strbuf		 sb, list;
	struct jw		 w;
	enum err		 e;
	int			 i;

	if ((e = db_res_get(c->db, c->a, id, 0, &r)) != ERR_OK) {
		api_db_error(c, e == ERR_NOTFOUND ? ERR_DB : e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	strbuf_init_arena(&list, c->a);
	jw_init(&w, &sb);
	if ((e = api_res_render_open(c, &w, &r, RES_REPRESENTATION)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	jw_key(&w, "skippedDeviceIds");
	jw_arr_open(&w);
	for (i = 0; i < g->nskipped; i++) {
		char num[24];

		jw_int(&w, g->skipped[i]);
		snprintf(num, sizeof(num), "%s%lld", i ? " , " : "",
		    (long long)g->skipped[i]);
		strbuf_puts(&list, num);
	}
	jw_arr_close(&w);
	jw_key(&w, "unavailableDeviceIDsDueToAreIncludedInBuyerReservation");
	jw_str(&w, list.buf ? list.buf : "");
	jw_obj_close(&w);
	api_json(c, 201, &sb);
}

/* The create transaction; ERR_OK commits, g->answered: a 4xx was sent. */
static enum err
create_tx(struct api_call *c, void *arg)
{
	struct res_new		*g = arg;
	struct db_reservation	 r;
	char			 uid[37];
	int64_t			 id, *ids;
	int			 i;
	enum err		 e;

	if ((e = lock_devices(g, &g->answered)) != ERR_OK)
		return e;
	if (g->answered)
		return ERR_NOTFOUND;
	if (feasibility(g) != 0) {
		g->answered = 1;
		return ERR_NOTFOUND;
	}
	memset(&r, 0, sizeof(r));
	if (crypto_uuid_v4(uid) != 0)
		return ERR_CRYPTO;
	r.uid = uid;
	r.org_id = g->org;
	r.buyer_id = c->user.id;
	r.name = g->in.name.v;
	r.frequency = g->in.frequency.v;
	r.start = g->in.start;
	r.end = g->in.end;
	r.expiry = g->in.expiry;
	r.target_wh = g->in.target_wh;
	r.authority = g->in.authority.present && g->in.authority.v;
	r.blockchain = g->in.blockchain.present ? g->in.blockchain.v : NULL;
	r.created = r.updated = c->now;
	derive(g, &r);
	e = db_res_insert(c->db, &r, &id);
	if (e == ERR_CONFLICT &&
	    strcmp(db_conflict_key(c->db), "uq_reservation_org_name") == 0) {
		api_failf(c, E_RESERVATION_NAME_TAKEN, "name \"%s\" is "
		    "already used by a reservation of this organization",
		    g->in.name.v);
		g->answered = 1;
		return ERR_CONFLICT;
	}
	if (e != ERR_OK)
		return e;
	if ((ids = arena_alloc(c->a, sizeof(int64_t) * (size_t)g->ndevs)) ==
	    NULL)
		return ERR_NOMEM;
	for (i = 0; i < g->ndevs; i++)
		ids[i] = g->devs[i].id;
	g->id = id;
	return db_res_members_insert(c->db, c->a, id, ids, g->ndevs,
	    g->in.start, g->in.end);
}

void
api_res_create(struct api_call *c)
{
	struct res_new		 g;
	enum err		 e;

	memset(&g, 0, sizeof(g));
	g.c = c;
	g.in = *(const struct res_input *)c->in;
	if (cross_checks(c, &g.in) != 0 || org_check(&g) != 0)
		return;
	e = api_acct_tx(c, create_tx, &g);
	if (g.answered)
		return;
	if (e != ERR_OK)
		api_db_error(c, e);
	else
		reply_created(&g, g.id);
}
