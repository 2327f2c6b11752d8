/*
 * Canonical form drec-c14n-1 of certificate and claim records
 * (certificates.md §8, §9.7), written with the project's JSON writer:
 * jsonw emits no whitespace, integers in plain decimal, and escapes in
 * strings exactly `"`, `\` and U+0000-U+001F (\b \t \n \f \r, else
 * \u00xx lower-case), leaving `/` and non-ASCII UTF-8 literal, as §8
 * requires.  Keys are written in byte-wise sorted order by hand; the
 * order of each function's calls is the canonical order.
 */
#include <stdio.h>
#include <string.h>

#include "core/arena.h"
#include "core/jsonw.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "domain/ledger.h"

const char dom_ledger_genesis_hash[DOM_HASH_HEX_LEN + 1] =
    "0000000000000000000000000000000000000000000000000000000000000000";

static const char *const break_names[LEDGER__MAX] = { "ok", "id gap",
    "prevHash mismatch", "hash mismatch", "unknown key", "bad signature",
    "reads mismatch", "head mismatch" };

const char *
dom_ledger_break_name(enum dom_ledger_break b)
{
	return (b >= 0 && b < LEDGER__MAX) ? break_names[b] : "?";
}

void
dom_cert_owner(const char *blockchain_address, int64_t organization_id,
    char out[DOM_OWNER_MAX])
{
	if (blockchain_address != NULL)
		snprintf(out, DOM_OWNER_MAX, "%s", blockchain_address);
	else
		snprintf(out, DOM_OWNER_MAX, "org:%lld",
		    (long long)organization_id);
}

void
dom_cert_record_from_plan(struct arena *a, const struct dom_planned_cert *c,
    struct dom_cert_record *rec)
{
	struct dom_cert_record_device	*devs;
	size_t				 i;

	memset(rec, 0, sizeof(*rec));
	devs = arena_alloc(a, (c->nparts + 1) * sizeof(*devs));
	for (i = 0; i < c->nparts; i++) {
		devs[i].device_id = c->parts[i].device->id;
		devs[i].external_id = c->parts[i].device->external_id;
		devs[i].internal_external_id =
		    c->parts[i].device->internal_external_id;
		devs[i].read_count = c->parts[i].read_count;
		devs[i].wh = c->parts[i].wh;
	}
	rec->devices = devs;
	rec->ndevices = c->nparts;
	rec->country_code = c->country_code;
	rec->energy_wh = c->energy_wh;
	rec->excess_wh = c->excess_wh;
	rec->generation_start = c->generation_start;
	rec->generation_end = c->generation_end;
	rec->kind = c->kind;
	rec->late = c->late;
	rec->version = DOM_LEDGER_VERSION;
	rec->window_start = c->window_start;
	rec->window_end = c->window_end;
}

static void
key_int(struct jw *w, const char *key, int64_t v)
{
	jw_key(w, key);
	jw_int(w, v);
}

static void
key_str(struct jw *w, const char *key, const char *v)
{
	jw_key(w, key);
	jw_str(w, v);
}

static int
record_writable(const struct dom_cert_record *r)
{
	size_t i;

	if (r->transaction_uid == NULL || r->country_code == NULL ||
	    r->key_id == NULL || r->owner == NULL || r->prev_hash == NULL ||
	    r->reservation_uid == NULL || (r->ndevices > 0 && r->devices == NULL))
		return 0;
	for (i = 0; i < r->ndevices; i++) {
		if (r->devices[i].external_id == NULL ||
		    r->devices[i].internal_external_id == NULL)
			return 0;
		if (i > 0 && r->devices[i].device_id <= r->devices[i - 1].device_id)
			return 0;
	}
	return 1;
}

static void
write_devices(struct jw *w, const struct dom_cert_record *r)
{
	const struct dom_cert_record_device	*d;
	size_t					 i;

	jw_key(w, "devices");
	jw_arr_open(w);
	for (i = 0; i < r->ndevices; i++) {
		d = &r->devices[i];
		jw_obj_open(w);
		key_int(w, "deviceId", d->device_id);
		key_str(w, "externalId", d->external_id);
		key_str(w, "internalExternalId", d->internal_external_id);
		key_int(w, "readCount", d->read_count);
		key_int(w, "wh", d->wh);
		jw_obj_close(w);
	}
	jw_arr_close(w);
}

int
dom_cert_canonical(const struct dom_cert_record *r, struct strbuf *out)
{
	struct jw w;

	if (!record_writable(r))
		return -1;
	jw_init(&w, out);
	jw_obj_open(&w);
	key_int(&w, "buyerOrganizationId", r->buyer_organization_id);
	key_str(&w, "certificateTransactionUID", r->transaction_uid);
	key_str(&w, "countryCode", r->country_code);
	write_devices(&w, r);
	key_int(&w, "energyWh", r->energy_wh);
	key_int(&w, "excessWh", r->excess_wh);
	jw_key_instant(&w, "generationEndTime", r->generation_end);
	jw_key_instant(&w, "generationStartTime", r->generation_start);
	key_int(&w, "id", r->id);
	jw_key_instant(&w, "issuedAt", r->issued_at);
	key_str(&w, "keyId", r->key_id);
	key_str(&w, "kind", dom_cert_kind_name(r->kind));
	jw_key(&w, "late");
	jw_bool(&w, r->late);
	key_str(&w, "owner", r->owner);
	key_str(&w, "prevHash", r->prev_hash);
	key_int(&w, "reservationId", r->reservation_id);
	key_str(&w, "reservationUid", r->reservation_uid);
	key_int(&w, "version", r->version);
	jw_key_instant(&w, "windowEnd", r->window_end);
	jw_key_instant(&w, "windowStart", r->window_start);
	jw_obj_close(&w);
	return 0;
}

int
dom_claim_canonical(const struct dom_claim_record *c, struct strbuf *out)
{
	struct jw w;

	if (c->beneficiary == NULL || c->certificate_hash == NULL ||
	    c->key_id == NULL)
		return -1;
	jw_init(&w, out);
	jw_obj_open(&w);
	key_str(&w, "beneficiary", c->beneficiary);
	key_str(&w, "certificateHash", c->certificate_hash);
	key_int(&w, "certificateId", c->certificate_id);
	jw_key_instant(&w, "claimedAt", c->claimed_at);
	key_int(&w, "claimedByUserId", c->claimed_by_user_id);
	key_str(&w, "keyId", c->key_id);
	key_int(&w, "organizationId", c->organization_id);
	key_str(&w, "purpose", c->purpose);	/* NULL: null */
	jw_key_instant(&w, "recordedAt", c->recorded_at);
	jw_obj_close(&w);
	return 0;
}
