/*
 * Certificate listings (certificates.md §9.4-9.6).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "api/api.h"
#include "api/inputs.h"
#include "api/devices.h"
#include "api/reservations.h"

#define CERTIFIED_PAGE 20
#define OF_DEVICES_PAGE 10

/* ⌊ms / 1000⌋ (compatibility Unix seconds, §9.4). */
static int64_t
unix_s(int64_t ms)
{
	return ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
}

static void
id_text(struct jw *w, const char *key, int64_t id)
{
	char t[24];

	snprintf(t, sizeof(t), "%lld", (long long)id);
	jw_key(w, key);
	jw_str(w, t);
}

void
api_render_claim(struct jw *w, const struct db_certificate *c)
{
	jw_obj_open(w);
	jw_key(w, "certificateId");
	jw_int(w, c->id);
	jw_key(w, "beneficiary");
	jw_str(w, c->claim.beneficiary);
	jw_key_instant(w, "claimedAt", c->claim.claimed_at);
	jw_key(w, "purpose");
	jw_str(w, c->claim.purpose);
	jw_key_instant(w, "recordedAt", c->claim.recorded_at);
	jw_key(w, "claimedByUserId");
	jw_int(w, c->claim.user_id);
	jw_key(w, "organizationId");
	jw_int(w, c->claim.org_id);
	jw_key(w, "certificateHash");
	jw_str(w, c->hash);
	jw_key(w, "keyId");
	jw_str(w, c->claim.key_id);
	jw_key(w, "hash");
	jw_str(w, c->claim.hash);
	jw_key(w, "signature");
	jw_str(w, c->claim.signature);
	jw_obj_close(w);
}

/* ROW of §9.4: one certificate_device row. */
static void
render_row(struct jw *w, const struct db_certificate *c,
    const struct db_cert_device *d)
{
	jw_obj_open(w);
	jw_key(w, "certificateId");
	jw_int(w, c->id);
	jw_key(w, "deviceId");
	jw_int(w, d->device_id);
	jw_key(w, "externalId");
	jw_str(w, d->external_id);
	jw_key(w, "internalExternalId");
	jw_str(w, d->internal_external_id);
	id_text(w, "groupId", c->reservation_id);
	jw_key(w, "countryCode");
	jw_str(w, c->country_code);
	jw_key(w, "certificateTransactionUID");
	jw_str(w, c->transaction_uid);
	jw_key_instant(w, "certificate_issuance_startdate", d->start);
	jw_key_instant(w, "certificate_issuance_enddate", d->end);
	jw_key(w, "readvalue_watthour");
	jw_int(w, d->wh);
	jw_key(w, "readCount");
	jw_int(w, d->read_count);
	jw_key(w, "status");
	jw_str(w, "Succeeded");
	if (strcmp(c->kind, "history") == 0) {
		jw_key(w, "ongoing_start_date");
		jw_null(w);
		jw_key(w, "ongoing_end_date");
		jw_null(w);
	} else {
		jw_key_instant(w, "ongoing_start_date", c->window_start);
		jw_key_instant(w, "ongoing_end_date", c->window_end);
	}
	jw_obj_close(w);
}

/* {owner: "<energyWh>"} */
static void
volume(struct jw *w, const char *key, const struct db_certificate *c, int on)
{
	char t[24];

	jw_key(w, key);
	jw_obj_open(w);
	if (on) {
		snprintf(t, sizeof(t), "%lld", (long long)c->energy_wh);
		jw_key(w, c->owner);
		jw_str(w, t);
	}
	jw_obj_close(w);
}

/*
 * The item of §9.4.  dev_org > 0: the developer's cut (§9.6): its
 * devices only, no owners/claimers/claims/claim/energyWh/excessWh, plus
 * ownDevicesWh.  Loads the certificate_device rows.
 */
static enum err
render_item(struct api_call *c, struct jw *w, const struct db_certificate *ct,
    int64_t dev_org)
{
	struct db_cert_device	*d;
	int64_t			 own = 0;
	int			 n, i;
	enum err		 e;

	if ((e = db_cert_devices(c->db, c->a, ct->id, &d, &n)) != ERR_OK)
		return e;
	jw_obj_open(w);
	jw_key(w, "id");
	jw_int(w, ct->id);
	jw_key(w, "internalCertificateId");
	jw_int(w, ct->id);
	id_text(w, "deviceId", ct->reservation_id);
	jw_key(w, "generationStartTime");
	jw_int(w, unix_s(ct->generation_start));
	jw_key(w, "generationEndTime");
	jw_int(w, unix_s(ct->generation_end));
	jw_key(w, "creationTime");
	jw_int(w, unix_s(ct->issued_at));
	jw_key_instant(w, "certificateStartDate", ct->generation_start);
	jw_key_instant(w, "certificateEndDate", ct->generation_end);
	if (dev_org == 0) {
		volume(w, "owners", ct, !ct->claimed);
		volume(w, "claimers", ct, ct->claimed);
		jw_key(w, "claims");
		jw_arr_open(w);
		if (ct->claimed) {
			jw_obj_open(w);
			jw_key(w, "beneficiary");
			jw_str(w, ct->claim.beneficiary);
			jw_key_instant(w, "claimedAt", ct->claim.claimed_at);
			jw_key(w, "purpose");
			jw_str(w, ct->claim.purpose);
			jw_obj_close(w);
		}
		jw_arr_close(w);
		jw_key(w, "claim");
		if (ct->claimed)
			api_render_claim(w, ct);
		else
			jw_null(w);
	}
	jw_key(w, "metadata");
	jw_obj_open(w);
	jw_key(w, "version");
	jw_str(w, "v1.0");
	jw_key(w, "buyerReservationId");
	jw_str(w, ct->reservation_uid);
	jw_key(w, "isStandardIssuanceRequested");
	jw_str(w, "I-REC");
	jw_key(w, "type");
	jw_str(w, "REC");
	jw_key(w, "deviceIds");
	jw_arr_open(w);
	for (i = 0; i < n; i++)
		if (dev_org == 0 || d[i].org_id == dev_org)
			jw_str(w, d[i].internal_external_id);
	jw_arr_close(w);
	id_text(w, "groupId", ct->reservation_id);
	jw_key(w, "certificateTransactionUID");
	jw_str(w, ct->transaction_uid);
	jw_obj_close(w);
	if (dev_org == 0) {
		jw_key(w, "energyWh");
		jw_int(w, ct->energy_wh);
		jw_key(w, "excessWh");
		jw_int(w, ct->excess_wh);
	}
	jw_key(w, "countryCode");
	jw_str(w, ct->country_code);
	jw_key(w, "kind");
	jw_str(w, ct->kind);
	jw_key(w, "late");
	jw_bool(w, ct->late);
	jw_key_instant(w, "windowStart", ct->window_start);
	jw_key_instant(w, "windowEnd", ct->window_end);
	jw_key_instant(w, "issuedAt", ct->issued_at);
	jw_key(w, "prevHash");
	jw_str(w, ct->prev_hash);
	jw_key(w, "hash");
	jw_str(w, ct->hash);
	jw_key(w, "signature");
	jw_str(w, ct->signature);
	jw_key(w, "keyId");
	jw_str(w, ct->key_id);
	/* clients.md §6.3: no chain, so no block hash and no transactions. */
	jw_key(w, "creationBlockHash");
	jw_str(w, "");
	jw_key(w, "transactions");
	jw_arr_open(w);
	jw_arr_close(w);
	jw_key(w, "perDeviceCertificateLog");
	jw_arr_open(w);
	for (i = 0; i < n; i++)
		if (dev_org == 0 || d[i].org_id == dev_org) {
			render_row(w, ct, &d[i]);
			own += d[i].wh;
		}
	jw_arr_close(w);
	if (dev_org != 0) {
		jw_key(w, "ownDevicesWh");
		jw_int(w, own);
	}
	jw_obj_close(w);
	return ERR_OK;
}

/* §9.4's query: the page; the path's groupUid answers first. */
struct certified_in {
	struct api_pageq	pq;
	int64_t			page, limit;
};

static const struct jfield certified_query[] = {
	API_QPAGE(struct certified_in, pq),
};

static int
certified_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct certified_in	*q = in;
	const char		*uid = api_param(c, "id");

	/* A UUID only (§9.4); api_res_resolve also takes numeric ids. */
	if (uid == NULL || strlen(uid) != 36) {
		api_failf(c, E_INVALID_ID, "groupUid: \"%.64s\" is not a "
		    "reservation devicegroup_uid (a UUID)", uid ? uid : "");
		return -1;
	}
	api_paging_of(c, &q->pq, CERTIFIED_PAGE, 0, &q->page, &q->limit, fe);
	return 0;
}

const struct api_input api_in_cert_certified = {
	.size = sizeof(struct certified_in),
	.query = JTABLE(certified_query, struct certified_in),
	.code = E_INVALID_QUERY,
	.check = certified_check,
	.doc = "A reservation's certificates, newest first",
};

/* §9.4: certified[/new]/:groupUid, 20 per page, newest first. */
void
api_cert_certified(struct api_call *c)
{
	struct db_reservation	 r;
	struct db_certificate	*certs;
	const struct certified_in *q = c->in;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*uid = api_param(c, "id");
	int64_t			 page = q->page, total;
	int			 n, i, full;
	enum err		 e;

	if (api_res_resolve(c, 0, &r, &full) != 0)
		return;
	if (!full) {
		api_failf(c, E_RESERVATION_NOT_FOUND, "No reservation "
		    "%.64s is visible to you", uid);
		return;
	}
	if ((e = db_cert_by_res(c->db, c->a, r.id, CERTIFIED_PAGE,
	    (page - 1) * CERTIFIED_PAGE, &certs, &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "certificatelog");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		if ((e = render_item(c, &w, &certs[i], 0)) != ERR_OK) {
			api_db_error(c, e);
			return;
		}
	jw_arr_close(&w);
	api_items_page_keys(&w, page, CERTIFIED_PAGE, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}

enum err
api_cert_res_rows(struct api_call *c, int64_t res_id, int64_t dev_org,
    void (*fn)(void *, const struct db_certificate *,
    const struct db_cert_device *), void *arg, int *rows)
{
	struct db_certificate	*certs;
	struct db_cert_device	*d;
	int64_t			 total;
	int			 n, nd, i, k;
	enum err		 e;

	*rows = 0;
	if ((e = db_cert_by_res(c->db, c->a, res_id, INT32_MAX, 0, &certs, &n,
	    &total)) != ERR_OK)
		return e;
	for (i = n - 1; i >= 0; i--) {	/* ascending ids */
		if ((e = db_cert_devices(c->db, c->a, certs[i].id, &d, &nd)) !=
		    ERR_OK)
			return e;
		for (k = 0; k < nd; k++)
			if (dev_org == 0 || d[k].org_id == dev_org) {
				fn(arg, &certs[i], &d[k]);
				(*rows)++;
			}
	}
	return ERR_OK;
}

static void
json_row(void *w, const struct db_certificate *ct,
    const struct db_cert_device *d)
{
	render_row(w, ct, d);
}

/* §9.5's query: groupId, a reservation id (one message, 400). */
struct by_res_in {
	struct api_pageq	pq;		/* declared; one page */
	struct jstr		group;
	int64_t			id;
};

static const struct jfield by_res_query[] = {
	{ "groupId", JT_STRING, 0, offsetof(struct by_res_in, group), NULL,
	    .doc = "Required: the reservation's id (1-19 digits)" },
	API_QPAGE(struct by_res_in, pq),
};

static int
by_res_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct by_res_in	*q = in;
	const char		*g = q->group.present ? q->group.v : NULL;

	(void)fe;
	if (api_id_text(g, &q->id) != 0) {
		api_failf(c, E_INVALID_QUERY, "groupId: \"%.32s\" is not a "
		    "reservation id (1-19 digits)", g ? g : "");
		return -1;
	}
	return 0;
}

const struct api_input api_in_cert_by_reservation = {
	.size = sizeof(struct by_res_in),
	.query = JTABLE(by_res_query, struct by_res_in),
	.code = E_INVALID_QUERY,
	.check = by_res_check,
	.doc = "A reservation's certificate rows by certificate and device",
};

/* §9.5: the reservation's ROWs by (certificateId, deviceId). */
void
api_cert_by_reservation(struct api_call *c)
{
	struct db_reservation	 r;
	struct strbuf		 sb;
	struct jw		 w;
	const struct by_res_in	*q = c->in;
	int64_t			 id = q->id, dev_org = 0;
	int			 vis, rows;
	enum err		 e;

	if ((e = db_res_get(c->db, c->a, id, 0, &r)) == ERR_NOTFOUND ||
	    (e == ERR_OK && (vis = api_res_visibility(c, &r)) == -1)) {
		api_failf(c, E_RESERVATION_NOT_FOUND, "No reservation %lld "
		    "is visible to you", (long long)id);
		return;
	}
	if (e != ERR_OK || vis == -2) {
		if (e != ERR_OK)
			api_db_error(c, e);
		return;
	}
	if (vis == 0)
		dev_org = c->user.org.id;
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	if ((e = api_cert_res_rows(c, r.id, dev_org, json_row, &w, &rows)) !=
	    ERR_OK) {
		api_db_error(c, e);
		return;
	}
	jw_arr_close(&w);
	if (dev_org != 0 && rows == 0) {
		api_failf(c, E_RESERVATION_NOT_FOUND, "No certificate of "
		    "reservation %lld contains your devices", (long long)id);
		return;
	}
	api_json(c, 200, &sb);
}

/* §9.6's query. */
struct of_devices_in {
	struct api_pageq	pq;
	struct list_filter_q	lq;
	struct jstr		group;
	struct db_device_filter	df;
	int64_t			page, limit;
};

static const struct jfield of_devices_query[] = {
	{ "groupUid", JT_STRING, 0, offsetof(struct of_devices_in, group),
	    NULL, .doc = "Only this reservation's certificates (its "
	    "devicegroup_uid, a UUID)" },
	LIST_COMMON_QUERY(struct of_devices_in, lq),
	API_QPAGE(struct of_devices_in, pq),
};

static int
of_devices_check(struct api_call *c, void *in, struct field_errors *fe)
{
	struct of_devices_in	*q = in;
	const char		*uid = q->group.present ? q->group.v : NULL;

	api_paging_of(c, &q->pq, OF_DEVICES_PAGE, 0, &q->page, &q->limit, fe);
	api_list_common_filters_of(c, &q->lq, &q->df, fe);
	if (uid != NULL && strlen(uid) != 36)
		http_field_error(c->a, fe, "groupUid", "\"%.40s\" is not a "
		    "devicegroup_uid (a UUID)", uid);
	return 0;
}

const struct api_input api_in_cert_of_devices = {
	.size = sizeof(struct of_devices_in),
	.query = JTABLE(of_devices_query, struct of_devices_in),
	.code = E_INVALID_QUERY,
	.check = of_devices_check,
	.doc = "Certificates of devices, filtered",
};

/* §9.6: certifiedlogOfdevices. */
void
api_cert_of_devices(struct api_call *c)
{
	const struct of_devices_in *q = c->in;
	const struct db_device_filter *df = &q->df;
	struct db_cert_filter	 f;
	struct db_certificate	*certs;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*uid = q->group.present ? q->group.v : NULL;
	int64_t			 page = q->page, total, dev_org = 0;
	int			 n, i;
	enum err		 e;

	memset(&f, 0, sizeof(f));
	f.reservation_uid = uid;
	f.countries = df->countries;
	f.has_start = df->has_start;
	f.start = df->start;
	f.has_end = df->has_end;
	f.end = df->end;
	if (c->role_bit & ROLES_DEVELOPER)
		f.dev_org_id = dev_org = c->user.org.id;
	else if (c->role_bit & ROLES_BUYER)
		f.buyer_org_id = c->user.org.id;
	if ((e = db_cert_list(c->db, c->a, &f, OF_DEVICES_PAGE,
	    (page - 1) * OF_DEVICES_PAGE, &certs, &n, &total)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "certificatelog");
	jw_arr_open(&w);
	for (i = 0; i < n; i++)
		if ((e = render_item(c, &w, &certs[i], dev_org)) != ERR_OK) {
			api_db_error(c, e);
			return;
		}
	jw_arr_close(&w);
	jw_key(&w, "currentpage");
	jw_int(&w, page);
	jw_key(&w, "totalPages");
	jw_int(&w, (total + OF_DEVICES_PAGE - 1) / OF_DEVICES_PAGE);
	jw_key(&w, "totalCount");
	jw_int(&w, total);
	jw_obj_close(&w);
	api_json(c, 200, &sb);
}
