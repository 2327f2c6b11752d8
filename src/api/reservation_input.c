/*
 * Reservation bodies (reservations.md §3.1).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "domain/reads.h"
#include "api/api.h"
#include "api/fields.h"
#include "api/reservation_input.h"

static const char *const frequencies[] = {
	"hourly", "daily", "weekly", "monthly", "quarterly", NULL
};

static const char *
c_name(struct arena *a, void *dst, void *ctx)
{
	(void)ctx;
	return fld_text(a, &((struct res_input *)dst)->name, 128);
}

static int
cmp_id(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

static const char *
c_ids(struct arena *a, void *dst, void *ctx)
{
	struct res_input	*in = dst;
	struct json_object	*v = in->device_ids.v, *e;
	size_t			 n, i, k;
	int64_t			 id;

	(void)ctx;
	if (!json_object_is_type(v, json_type_array) ||
	    (n = json_object_array_length(v)) == 0 || n > RES_MAX_DEVICES)
		return "must be a non-empty array of at most 10000 device ids "
		    "(integers >= 1)";
	if ((in->ids = arena_alloc(a, n * sizeof(int64_t))) == NULL)
		return "is too large";
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(v, i);
		if (!json_object_is_type(e, json_type_int) ||
		    json_int64_from_text(json_object_to_json_string(e), &id) != 0 ||
		    id < 1)
			return arena_printf(a, "[%zu] is not a device id; "
			    "integers >= 1", i);
		in->ids[i] = id;
	}
	qsort(in->ids, n, sizeof(int64_t), cmp_id);
	for (i = 1, k = 1; i < n; i++)
		if (in->ids[i] != in->ids[k - 1])
			in->ids[k++] = in->ids[i];
	in->nids = (int)k;
	return NULL;
}

static const char *
c_target(struct arena *a, void *dst, void *ctx)
{
	struct res_input	*in = dst;
	enum value_status	 vs;

	(void)a;
	(void)ctx;
	if (!(in->target.v > 0) || in->target.v > 1e9)
		return "must be a number of MWh above 0 and at most 1000000000";
	vs = dom_value_wh(in->target.text, UNIT_MWH, &in->target_wh);
	if (vs != VALUE_OK || in->target_wh < 1)
		return "must give at least 1 Wh (0.000001 MWh)";
	return NULL;
}

static const char *
instant(struct arena *a, struct jstr *s, int64_t *ms)
{
	if (time_parse_instant_or_date(s->v, 1, ms, NULL) != 0)
		return arena_printf(a, "\"%.40s\" is not a valid instant; "
		    "YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM] or YYYY-MM-DD", s->v);
	return NULL;
}

static const char *
c_start(struct arena *a, void *dst, void *ctx)
{
	struct res_input *in = dst;

	(void)ctx;
	return instant(a, &in->start_s, &in->start);
}

static const char *
c_end(struct arena *a, void *dst, void *ctx)
{
	struct res_input *in = dst;

	(void)ctx;
	return instant(a, &in->end_s, &in->end);
}

static const char *
c_expiry(struct arena *a, void *dst, void *ctx)
{
	struct res_input *in = dst;

	(void)ctx;
	return instant(a, &in->expiry_s, &in->expiry);
}

static const char *
c_frequency(struct arena *a, void *dst, void *ctx)
{
	struct res_input *in = dst;

	(void)ctx;
	return fld_choice(a, &in->frequency, frequencies,
	    "hourly, daily, weekly, monthly or quarterly");
}

static const char *
c_blockchain(struct arena *a, void *dst, void *ctx)
{
	const char	*v = ((struct res_input *)dst)->blockchain.v;
	size_t		 n = ((struct res_input *)dst)->blockchain.len, i;

	(void)a;
	(void)ctx;
	if (n < 1 || n > 128)
		return "must be 1-128 printable ASCII characters";
	for (i = 0; i < n; i++)
		if (v[i] < 0x21 || v[i] > 0x7e)
			return "must be 1-128 printable ASCII characters "
			    "(0x21-0x7E, no spaces)";
	if (strncmp(v, "org:", 4) == 0)
		return "must not start with \"org:\" (reserved for "
		    "organization addresses)";
	return NULL;
}

static const char *
c_org(struct arena *a, void *dst, void *ctx)
{
	struct res_input *in = dst;

	(void)a;
	(void)ctx;
	if (!json_object_is_type(in->org.v, json_type_int) ||
	    json_int64_from_text(json_object_to_json_string(in->org.v),
	    &in->org_id) != 0 || in->org_id < 1)
		return "must be a positive integer; the id of a Buyer "
		    "organization";
	return NULL;
}

#define F(n, t, r, m, ck) JF(n, t, r, offsetof(struct res_input, m), ck)

/* §3.1 in table order; required flags apply to create. */
static const struct jfield res_fields[] = {
	F("name", JT_STRING, 1, name, c_name),
	F("deviceIds", JT_ANY, 1, device_ids, c_ids),
	F("targetCapacityInMegaWattHour", JT_NUMBER, 1, target, c_target),
	F("reservationStartDate", JT_STRING, 1, start_s, c_start),
	F("reservationEndDate", JT_STRING, 1, end_s, c_end),
	F("reservationExpiryDate", JT_STRING, 0, expiry_s, c_expiry),
	F("frequency", JT_STRING, 1, frequency, c_frequency),
	F("authorityToExceed", JT_BOOL, 0, authority, NULL),
	F("continueWithReservationIfOneOrMoreDevicesUnavailableForReservation",
	    JT_BOOL, 0, skip, NULL),
	F("continueWithReservationIfTargetCapacityIsLessThanDeviceTotalCapacityBetweenDuration",
	    JT_BOOL, 0, feasible, NULL),
	F("blockchainAddress", JT_STRING, 0, blockchain, c_blockchain),
	F("organizationId", JT_ANY, 0, org, c_org),
};
#define NFIELDS (sizeof(res_fields) / sizeof(res_fields[0]))

/* Admin create: organizationId required, ?orgId= an alias (§3.1). */
static void
admin_org(struct api_call *c, struct res_input *in, struct field_errors *fe)
{
	const char	*q = api_query(c, "orgId");
	int64_t		 qid = 0;

	if (field_has_error(fe, "organizationId"))
		return;
	if (q != NULL && api_id_text(q, &qid) != 0) {
		field_error(c->a, fe, "organizationId", "?orgId=\"%.32s\" is not "
		    "a positive integer; the id of a Buyer organization", q);
		return;
	}
	if (in->org.present && q != NULL && qid != in->org_id) {
		field_error(c->a, fe, "organizationId", "%lld differs from "
		    "?orgId=%lld; send one value", (long long)in->org_id,
		    (long long)qid);
		return;
	}
	if (!in->org.present && q == NULL) {
		field_error(c->a, fe, "organizationId", "is required for an "
		    "Admin; the id of a Buyer organization");
		return;
	}
	if (!in->org.present) {
		in->org.present = 1;
		in->org_id = qid;
	}
}

void
res_input_decode(struct api_call *c, int create, struct res_input *in,
    struct field_errors *fe)
{
	struct jfield	 t[NFIELDS];
	size_t		 i;

	memset(in, 0, sizeof(*in));
	memcpy(t, res_fields, sizeof(t));
	for (i = 0; i < NFIELDS; i++) {
		if (!create)
			t[i].required = 0;
		/* PATCH refuses any frequency: its value is not checked. */
		if (!create && strcmp(t[i].name, "frequency") == 0)
			t[i].check = NULL;
	}
	/* A non-Admin's organizationId is ignored on create (CONVENTIONS §4). */
	api_decode_body(c, t, create &&
	    !(c->role_bit & ROLE_ADMIN) ? NFIELDS - 1 : NFIELDS, in, c, fe);
	if (create && (c->role_bit & ROLE_ADMIN))
		admin_org(c, in, fe);
}
