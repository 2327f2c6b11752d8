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
#include "api/reservations.h"
#include "api/inputs.h"

static const char *const frequencies[] = {
	"hourly", "daily", "weekly", "monthly", "quarterly", NULL
};

static const char *
c_name(struct arena *a, void *dst, void *ctx)
{
	(void)ctx;
	return api_fld_text(a, &((struct res_input *)dst)->name, 128);
}

static int
cmp_id(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;

	return (a > b) - (a < b);
}

#define IDS_BAD "must be a non-empty array of at most 10000 device ids " \
	"(integers >= 1)"

/* deviceIds: ascending with duplicates collapsed into in->ids. */
static const char *
c_ids(struct arena *a, void *dst, void *ctx)
{
	struct res_input	*in = dst;
	const struct res_id	*e = in->device_ids.v;
	size_t			 n = in->device_ids.n, i, k;

	(void)ctx;
	if (n == 0)
		return IDS_BAD;
	if (in->device_ids.bad != 0)
		return arena_printf(a, "[%zu] is not a device id; integers >= 1",
		    in->device_ids.bad - 1);
	in->ids = arena_alloc(a, n * sizeof(int64_t));
	for (i = 0; i < n; i++)
		in->ids[i] = e[i].id.v;
	qsort(in->ids, n, sizeof(int64_t), cmp_id);
	for (i = 1, k = 1; i < n; i++)
		if (in->ids[i] != in->ids[k - 1])
			in->ids[k++] = in->ids[i];
	in->nids = (int)k;
	return NULL;
}

static const struct jfield id_fields[] = {
	{ NULL, JT_INT64, 1, offsetof(struct res_id, id), NULL,
	    .flags = JF_MIN, .min = 1 },
};
static const struct jtable id_table = JTABLE(id_fields, struct res_id);

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
	return api_fld_choice(a, &in->frequency, frequencies,
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
	in->org_id = in->org.v;
	return NULL;
}

#define ORG_BAD	"must be a positive integer; the id of a Buyer organization"
/*
 * §3.1 in table order, one list for two tables: F(name, type, required on
 * create, member, check, more...).  PATCH: every field optional, frequency
 * only type-checked (PATCH refuses any frequency: patch_400s in
 * reservation_change.c).
 */
#define RES_FIELDS(F, FREQ_CHECK)					\
	F("name", JT_STRING, 1, name, c_name,				\
	    .doc = "1-128 characters")					\
	F("deviceIds", JT_ARRAY, 1, device_ids, c_ids,			\
	    .doc = "Device ids (integers >= 1), at most 10000",		\
	    .flags = JF_ITEMS_QUIET, .items = &id_table,		\
	    .max_items = RES_MAX_DEVICES, .msg_type = IDS_BAD,		\
	    .msg_value = IDS_BAD)					\
	F("targetCapacityInMegaWattHour", JT_NUMBER, 1, target, c_target, \
	    .doc = "MWh, above 0 and at most 1000000000 (exact decimal)") \
	F("reservationStartDate", JT_STRING, 1, start_s, c_start,	\
	    .doc = "An instant or YYYY-MM-DD")				\
	F("reservationEndDate", JT_STRING, 1, end_s, c_end,		\
	    .doc = "An instant or YYYY-MM-DD")				\
	F("reservationExpiryDate", JT_STRING, 0, expiry_s, c_expiry,	\
	    .doc = "An instant or YYYY-MM-DD, not before the end")	\
	F("frequency", JT_STRING, 1, frequency, FREQ_CHECK,		\
	    .doc = "hourly, daily, weekly, monthly or quarterly (any case)") \
	F("authorityToExceed", JT_BOOL, 0, authority, NULL,		\
	    .doc = "May the issued energy exceed the target")		\
	F("continueWithReservationIfOneOrMoreDevicesUnavailableForReservation", \
	    JT_BOOL, 0, skip, NULL,					\
	    .doc = "Skip devices that are not available")		\
	F("continueWithReservationIfTargetCapacityIsLessThanDeviceTotalCapacityBetweenDuration", \
	    JT_BOOL, 0, feasible, NULL,					\
	    .doc = "Go on when the devices cannot reach the target")	\
	F("blockchainAddress", JT_STRING, 0, blockchain, c_blockchain,	\
	    .doc = "1-128 printable ASCII characters, not org:...")

#define F_CREATE(n, t, r, m, ck, ...)					\
	{ .name = (n), .type = (t), .required = (r),			\
	    .offset = offsetof(struct res_input, m), .check = (ck),	\
	    __VA_ARGS__ },
#define F_PATCH(n, t, r, m, ck, ...)					\
	{ .name = (n), .type = (t), .required = 0,			\
	    .offset = offsetof(struct res_input, m), .check = (ck),	\
	    __VA_ARGS__ },

/* organizationId: an Admin's on create, anyone's on PATCH (type only). */
#define ORG_FIELD							\
	{ .name = "organizationId", .type = JT_INT64,			\
	    .offset = offsetof(struct res_input, org), .check = c_org,	\
	    .flags = JF_MIN, .min = 1, .msg_type = ORG_BAD,		\
	    .msg_value = ORG_BAD,					\
	    .doc = "Admin: the Buyer organization (or ?orgId=)" }

static const struct jfield create_fields[] = {
	RES_FIELDS(F_CREATE, c_frequency)
};
static const struct jfield org_fields[] = { ORG_FIELD };
static const struct jfield patch_fields[] = {
	RES_FIELDS(F_PATCH, NULL)
	ORG_FIELD,
};

/* Admin create: organizationId required, ?orgId= an alias (§3.1). */
static void
admin_org(struct api_call *c, struct res_input *in, struct field_errors *fe)
{
	const char	*q = api_query(c, "orgId");
	int64_t		 qid = 0;

	if (http_field_has_error(fe, "organizationId"))
		return;
	if (q != NULL && api_id_text(q, &qid) != 0) {
		http_field_error(c->a, fe, "organizationId", "?orgId=\"%.32s\" is not "
		    "a positive integer; the id of a Buyer organization", q);
		return;
	}
	if (in->org.present && q != NULL && qid != in->org_id) {
		http_field_error(c->a, fe, "organizationId", "%lld differs from "
		    "?orgId=%lld; send one value", (long long)in->org_id,
		    (long long)qid);
		return;
	}
	if (!in->org.present && q == NULL) {
		http_field_error(c->a, fe, "organizationId", "is required for an "
		    "Admin; the id of a Buyer organization");
		return;
	}
	if (!in->org.present) {
		in->org.present = 1;
		in->org_id = qid;
	}
}

/* Create: an Admin's organizationId (or ?orgId=) after the fields. */
static int
create_check(struct api_call *c, void *dst, struct field_errors *fe)
{
	if (c->role_bit & ROLE_ADMIN) {
		http_json_decode_fields(c->a, c->body, org_fields, 1, dst, c, fe);
		admin_org(c, dst, fe);
	}
	return 0;
}

const struct api_input api_in_res_create = {
	.size = sizeof(struct res_input),
	.body = JTABLE(create_fields, struct res_input),
	.check = create_check,
	.doc = "Reserves devices for a Buyer organization (reservations.md "
	    "§3.1)",
};

const struct api_input api_in_res_patch = {
	.size = sizeof(struct res_input),
	.path = api_res_check_ref,
	.body = JTABLE(patch_fields, struct res_input),
	.doc = "Changes a reservation (reservations.md §6)",
};

/* DELETE .../endreservation/:id (§7): the optional end date. */
struct res_end_input {
	struct jstr	 d[2];	/* endresavationdate, endreservationdate */
	int64_t		 t[2];
	int		 have[2];
	int64_t		 end;	/* the decoded end, or now */
};

static const char *
end_instant(struct res_end_input *in, int i)
{
	if (in->d[i].v[0] == '\0')
		return NULL;
	if (time_parse_instant(in->d[i].v, &in->t[i]) != 0)
		return "";	/* worded by end_word() */
	in->have[i] = 1;
	return NULL;
}

static const char *
c_end0(struct arena *a, void *dst, void *ctx)
{
	struct res_end_input *in = dst;

	(void)ctx;
	return end_instant(in, 0) == NULL ? NULL : arena_printf(a, "\"%.40s\" "
	    "is not a valid instant; YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]",
	    in->d[0].v);
}

static const char *
c_end1(struct arena *a, void *dst, void *ctx)
{
	struct res_end_input *in = dst;

	(void)ctx;
	return end_instant(in, 1) == NULL ? NULL : arena_printf(a, "\"%.40s\" "
	    "is not a valid instant; YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]",
	    in->d[1].v);
}

#define END_BAD	"must be an instant string, \"\" or null (= now)"

static const struct jfield end_fields[] = {
	{ "endresavationdate", JT_STRING, 0,
	    offsetof(struct res_end_input, d[0]), c_end0,
	    .doc = "The new end (an instant; \"\" or null: now)",
	    .msg_type = END_BAD },
	{ "endreservationdate", JT_STRING, 0,
	    offsetof(struct res_end_input, d[1]), c_end1,
	    .doc = "The same, spelled right; send one of them",
	    .msg_type = END_BAD },
};

/* Both spellings sent (not null) must agree; then the end (or now). */
static int
end_check(struct api_call *c, void *dst, struct field_errors *fe)
{
	struct res_end_input *in = dst;

	if (fe->n == 0 && in->d[0].present && in->d[1].present &&
	    (in->have[0] != in->have[1] || (in->have[0] &&
	    in->t[0] != in->t[1]))) {
		http_field_error(c->a, fe, end_fields[0].name, "differs from %s; "
		    "send one", end_fields[1].name);
		http_field_error(c->a, fe, end_fields[1].name, "differs from %s; "
		    "send one", end_fields[0].name);
	}
	in->end = in->have[0] ? in->t[0] : in->have[1] ? in->t[1] : c->now;
	return 0;
}

const struct api_input api_in_res_end = {
	.size = sizeof(struct res_end_input),
	.path = api_res_check_ref,
	.body = JTABLE(end_fields, struct res_end_input),
	.check = end_check,
	.doc = "Ends a reservation early (reservations.md §7)",
};

int64_t
api_res_end_of(const struct api_call *c)
{
	return ((const struct res_end_input *)c->in)->end;
}

void
api_res_input_decode(struct api_call *c, int create, struct res_input *in,
    struct field_errors *fe)
{
	const struct jtable	 ct = JTABLE(create_fields, struct res_input);
	const struct jtable	 pt = JTABLE(patch_fields, struct res_input);

	memset(in, 0, sizeof(*in));
	http_json_decode_table(c->a, c->body, create ? &ct : &pt, in, c, fe);
	if (create)
		(void)create_check(c, in, fe);
}
