/*
 * Reservation views (reservations.md §3.8, §4, §5).
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "api/api.h"
#include "api/devices.h"
#include "api/reservations.h"

/* Wh as MWh, exactly Wh / 10^6 (the shortest double naming it). */
static void
mwh(struct jw *w, const char *key, int64_t wh)
{
	jw_key(w, key);
	jw_double(w, (double)wh / 1e6);
}

static void
raw_list(struct jw *w, const char *key, const char *json)
{
	jw_key(w, key);
	jw_raw(w, json != NULL && *json != '\0' ? json : "[]");
}

static void
device_ids(struct jw *w, const struct db_member *m, int n)
{
	int i;

	jw_key(w, "deviceIds");
	jw_arr_open(w);
	for (i = 0; i < n; i++)
		jw_int(w, m[i].device_id);
	jw_arr_close(w);
}

struct members_out {
	struct jw		*w;
	const struct db_member	*m;
	int			 n, i;
};

/* One member device: its object plus membershipStart/End. */
static void
member_device(void *arg, const struct db_device *d)
{
	struct members_out *o = arg;

	while (o->i < o->n && o->m[o->i].device_id < d->id)
		o->i++;
	if (o->i == o->n || o->m[o->i].device_id != d->id)
		return;
	jw_obj_open(o->w);
	api_render_device_keys(o->w, d);
	jw_key_instant(o->w, "membershipStart", o->m[o->i].from);
	jw_key_instant(o->w, "membershipEnd", o->m[o->i].to);
	jw_obj_close(o->w);
	o->i++;
}

/*
 * §5: per member device its object plus membershipStart/End.  m is sorted
 * by device id, and so are the rows of one query for all the devices (the
 * same membership filter), rendered as they are read; a device deleted
 * meanwhile has no row.
 */
static enum err
devices(struct api_call *c, struct jw *w, const struct db_member *m, int n,
    int64_t res, int64_t org)
{
	struct members_out	o = { w, m, n, 0 };
	enum err		e;

	jw_key(w, "devices");
	jw_arr_open(w);
	if ((e = db_res_member_devices_each(c->db, res, org, c->now,
	    member_device, &o)) != ERR_OK)
		return e;
	jw_arr_close(w);
	return ERR_OK;
}

static void
head(struct jw *w, const struct db_reservation *r)
{
	jw_key(w, "id");
	jw_int(w, r->id);
	jw_key(w, "devicegroup_uid");
	jw_str(w, r->uid);
	jw_key(w, "name");
	jw_str(w, r->name);
	jw_key(w, "organizationId");
	jw_int(w, r->org_id);
}

static void
status(struct jw *w, const struct db_reservation *r)
{
	jw_key(w, "status");
	jw_str(w, r->status);
	jw_key(w, "reservationActive");
	jw_bool(w, strcmp(r->status, "active") == 0);
	jw_key(w, "closed");
	jw_bool(w, r->closed);
}

static void
dates(struct jw *w, const struct db_reservation *r)
{
	jw_key_instant(w, "reservationStartDate", r->start);
	jw_key_instant(w, "reservationEndDate", r->end);
	jw_key_instant(w, "reservationExpiryDate", r->expiry);
}

static void
restricted(struct jw *w, const struct db_reservation *r,
    const struct db_member *m, int n)
{
	head(w, r);
	jw_key(w, "frequency");
	jw_str(w, r->frequency);
	dates(w, r);
	status(w, r);
	device_ids(w, m, n);
}

static void
representation(struct jw *w, const struct db_reservation *r,
    const struct db_member *m, int n)
{
	char addr[40];

	head(w, r);
	jw_key(w, "buyerId");
	jw_int(w, r->buyer_id);
	jw_key(w, "buyerAddress");
	if (r->blockchain != NULL)
		jw_str(w, r->blockchain);
	else {
		snprintf(addr, sizeof(addr), "org:%lld", (long long)r->org_id);
		jw_str(w, addr);
	}
	jw_key(w, "blockchainAddress");
	jw_str(w, r->blockchain);
	device_ids(w, m, n);
	raw_list(w, "fuelCode", r->fuel_codes);
	raw_list(w, "countryCode", r->country_codes);
	raw_list(w, "deviceTypeCodes", r->device_type_codes);
	raw_list(w, "offTakers", r->off_takers);
	raw_list(w, "SDGBenefits", r->sdg_benefits);
	jw_key(w, "gridInterconnection");
	jw_bool(w, r->grid);
	jw_key(w, "aggregatedCapacity");
	jw_double(w, r->aggregated_capacity);
	jw_key(w, "capacityRange");
	jw_str(w, r->capacity_range);
	raw_list(w, "commissioningDateRange", r->commissioning_range);
	jw_key(w, "frequency");
	jw_str(w, r->frequency);
	dates(w, r);
	mwh(w, "targetVolumeInMegaWattHour", r->target_wh);
	jw_key(w, "targetVolumeInWattHour");
	jw_int(w, r->target_wh);
	jw_key(w, "authorityToExceed");
	jw_bool(w, r->authority);
	mwh(w, "targetVolumeCertificateGenerationRequestedInMegaWattHour",
	    r->issued_wh);
	mwh(w, "targetVolumeCertificateGenerationSucceededInMegaWattHour",
	    r->issued_wh);
	mwh(w, "targetVolumeCertificateGenerationFailedInMegaWattHour", 0);
	jw_key(w, "issuedWh");
	jw_int(w, r->issued_wh);
	jw_key(w, "certificateCount");
	jw_int(w, r->cert_count);
	jw_key(w, "issuedThrough");
	if (r->has_issued_through)
		jw_instant(w, r->issued_through);
	else
		jw_null(w);
	status(w, r);
	/* Compatibility constants, never stored (§3.8). */
	jw_key(w, "yieldValue");
	jw_int(w, 1000);
	jw_key(w, "leftoverReads");
	jw_int(w, 0);
	jw_key(w, "leftoverReadsByCountryCode");
	jw_raw(w, "{}");
	/* integrators.md §2.1: the buyer organization's ApiUser. */
	jw_key(w, "api_user_id");
	jw_str(w, r->api_user_uid);
	jw_key_instant(w, "createdAt", r->created);
	jw_key_instant(w, "updatedAt", r->updated);
}

enum err
api_res_render_open(struct api_call *c, struct jw *w,
    const struct db_reservation *r, enum res_view v)
{
	struct db_member	*m;
	int			 n;
	enum err		 e;

	e = db_res_members(c->db, c->a, r->id,
	    v == RES_RESTRICTED ? c->user.org.id : 0, &m, &n);
	if (e != ERR_OK)
		return e;
	jw_obj_open(w);
	if (v == RES_RESTRICTED) {
		restricted(w, r, m, n);
		return devices(c, w, m, n, r->id, c->user.org.id);
	}
	representation(w, r, m, n);
	if (v == RES_FULL) {
		jw_key(w, "organization");
		jw_obj_open(w);
		jw_key(w, "id");
		jw_int(w, r->org_id);
		jw_key(w, "name");
		jw_str(w, r->org_name);
		jw_obj_close(w);
		return devices(c, w, m, n, r->id, 0);
	}
	return ERR_OK;
}

void
api_res_reply(struct api_call *c, int status_code, int64_t id, enum res_view v)
{
	struct db_reservation	r;
	struct strbuf		sb;
	struct jw		w;
	enum err		e;

	if ((e = db_res_get(c->db, c->a, id, 0, &r)) != ERR_OK) {
		api_db_error(c, e == ERR_NOTFOUND ? ERR_DB : e);
		return;
	}
	strbuf_init_arena(&sb, c->a);
	jw_init(&w, &sb);
	if ((e = api_res_render_open(c, &w, &r, v)) != ERR_OK) {
		api_db_error(c, e);
		return;
	}
	jw_obj_close(&w);
	api_json(c, status_code, &sb);
}
