/*
 * The device object of devices.md §4: every key always present.
 */
#include "domain/codes.h"
#include "core/timeutil.h"
#include "api/api.h"
#include "api/devices.h"

static void
tri(struct jw *w, int v)
{
	if (v < 0)
		jw_null(w);
	else
		jw_bool(w, v);
}

const char *
api_device_zone(const struct db_device *d)
{
	const struct country *ct;

	if (d->timezone != NULL)
		return d->timezone;
	if ((ct = dom_codes_country(d->country_code)) == NULL)
		return "UTC";
	return dom_codes_country_main_zone(ct);
}

void
api_render_device_keys(struct jw *w, const struct db_device *d)
{
	int n;

	jw_key(w, "id");
	jw_int(w, d->id);
	jw_key(w, "externalId");
	jw_str(w, d->external_id);
	jw_key(w, "internalExternalId");
	jw_str(w, d->internal_external_id);
	jw_key(w, "organizationId");
	jw_int(w, d->org_id);
	jw_key(w, "projectName");
	jw_str(w, d->project_name);
	jw_key(w, "address");
	jw_str(w, d->address);
	jw_key(w, "latitude");
	jw_str(w, d->latitude);
	jw_key(w, "longitude");
	jw_str(w, d->longitude);
	jw_key(w, "countryCode");
	jw_str(w, d->country_code);
	jw_key(w, "fuelCode");
	jw_str(w, d->fuel_code);
	jw_key(w, "deviceTypeCode");
	jw_str(w, d->device_type_code);
	jw_key(w, "capacity");
	jw_double(w, d->capacity);
	jw_key(w, "commissioningDate");
	jw_instant(w, d->commissioning);
	jw_key(w, "gridInterconnection");
	tri(w, d->grid);
	jw_key(w, "offTaker");
	jw_str(w, d->off_taker);
	jw_key(w, "yieldValue");
	jw_int(w, d->yield_value);
	jw_key(w, "impactStory");
	jw_str(w, d->impact_story);
	jw_key(w, "images");
	jw_raw(w, d->images ? d->images : "[]");
	jw_key(w, "deviceDescription");
	jw_str(w, d->device_description);
	jw_key(w, "energyStorage");
	tri(w, d->energy_storage);
	jw_key(w, "energyStorageCapacity");
	if (d->has_esc)
		jw_double(w, d->esc);
	else
		jw_null(w);
	jw_key(w, "qualityLabels");
	jw_str(w, d->quality_labels);
	jw_key(w, "SDGBenefits");
	jw_arr_open(w);
	for (n = 1; n <= CODES_SDG_MAX; n++)
		if (d->sdg & (1u << (n - 1)))
			jw_str(w, dom_codes_sdg_name(n));
	jw_arr_close(w);
	jw_key(w, "timezone");
	jw_str(w, api_device_zone(d));
	jw_key(w, "meterReadtype");
	jw_str(w, d->meter_read_type);
	jw_key(w, "groupId");
	if (d->group_id > 0)
		jw_int(w, d->group_id);
	else
		jw_null(w);
	jw_key(w, "createdAt");
	jw_instant(w, d->created);
	jw_key(w, "updatedAt");
	jw_instant(w, d->updated);
	/* clients.md §5.1: the web client's spellings, output only. */
	jw_key(w, "developerExternalId");
	jw_str(w, d->external_id);
	jw_key(w, "internalexternalId");
	jw_str(w, d->internal_external_id);
}

void
api_render_device(struct jw *w, const struct db_device *d)
{
	jw_obj_open(w);
	api_render_device_keys(w, d);
	jw_obj_close(w);
}
