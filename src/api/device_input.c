/*
 * Device input decoding (devices.md §3, §3.1, §3.2): two field tables
 * (POST: required fields required; PATCH: every field optional, null
 * clears an optional field and is refused for a required one) over one
 * struct, with a check per field that normalises into struct dev_input.
 * Errors come in table order, which is the order of devices.md §3.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "core/jsonw.h"
#include "core/timeutil.h"
#include "domain/codes.h"
#include "domain/coords.h"
#include "domain/user_rules.h"
#include "api/api.h"
#include "api/device_input.h"
#include "api/fields.h"
#include "api/inputs.h"

#define MAX_CAPACITY_KW	10000000.0
#define MIN_COMMISSION	(-2208988800000LL)	/* 1900-01-01T00:00:00Z */
#define YIELD_DEFAULT	2000

/* devices.md §3 (with clients.md §2's amendments): route literals. */
static const char *const reserved_ids[] = { "my", "fuel-type", "device-type",
    "ungrouped", "certifiedlog", "externalId", "bulk-upload", "addByAdmin",
    "time-zones", NULL };

/* The body as decoded, member i of the table at index DF_i. */
struct dev_body {
	struct jstr		 external_id;
	struct jstr		 project_name;
	struct jstr		 address;
	struct jstr		 latitude;	/* a number as its text */
	struct jstr		 longitude;
	struct jstr		 country;
	struct jstr		 fuel;
	struct jstr		 type;
	struct jnum		 capacity;
	struct jstr		 commissioning;
	struct jbool		 grid;
	struct jstr		 off_taker;
	struct jnum		 yield;
	struct jstr		 impact;
	struct jarr		 images;	/* of struct dev_image */
	struct jstr		 description;
	struct jbool		 storage;
	struct jnum		 esc;
	struct jstr		 quality;
	struct jone		 sdg;
	struct jstr		 timezone;
	struct jint		 org;		/* an Admin's organizationId */
	struct dev_input	 out;
};

struct dev_image {
	struct jstr	v;
};

#define B(m)	((struct dev_body *)d)->m
#define OUT	((struct dev_body *)d)->out

/* A string as sent, shown in a message (or "?" when not printable). */
static const char *
shown(const char *s, size_t maxc)
{
	return dom_check_text(s, strlen(s), 0, maxc) == DOM_TEXT_OK ? s : "?";
}

/* Trimmed text of 1..2000 characters; "" is null for an optional field. */
static const char *
text(struct arena *a, struct jstr *js, int required, const char **dst)
{
	const char *why;

	dom_trim((char *)js->v);
	js->len = strlen(js->v);
	if (js->v[0] == '\0' && !required) {
		*dst = NULL;
		return NULL;
	}
	if ((why = api_fld_text(a, js, 2000)) != NULL)
		return why;
	*dst = js->v;
	return NULL;
}

static const char *
c_project(struct arena *a, void *d, void *x)
{
	(void)x;
	return text(a, &B(project_name), 0, &OUT.v.project_name);
}

static const char *
c_address(struct arena *a, void *d, void *x)
{
	(void)x;
	return text(a, &B(address), 1, &OUT.v.address);
}

static const char *
c_impact(struct arena *a, void *d, void *x)
{
	(void)x;
	return text(a, &B(impact), 0, &OUT.v.impact_story);
}

static const char *
c_quality(struct arena *a, void *d, void *x)
{
	(void)x;
	return text(a, &B(quality), 0, &OUT.v.quality_labels);
}

static const char *
c_external_id(struct arena *a, void *d, void *x)
{
	char	*s = (char *)B(external_id).v;
	size_t	 n;

	(void)x;
	dom_trim(s);
	n = strlen(s);
	if (n < 1 || n > 128 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789 -_.:") != n)
		return arena_printf(a, "\"%.140s\" is not allowed; 1-128 "
		    "characters of ASCII letters, digits, space, '-', '_', "
		    "'.', ':'", dom_check_text(s, n, 0, 200) == DOM_TEXT_OK ?
		    s : "?");
	if (dom_canonical(s, reserved_ids) != NULL)
		return arena_printf(a, "\"%s\" is reserved for a route; use "
		    "another value than my, fuel-type, device-type, ungrouped, "
		    "certifiedlog, externalId, bulk-upload, addByAdmin or "
		    "time-zones", s);
	OUT.v.external_id = s;
	return NULL;
}

/* A coordinate: a number, or a string in decimal degrees or DMS. */
static const char *
coordinate(struct arena *a, const struct jstr *js, int lat, const char **dst)
{
	const char	*why = NULL;
	int64_t		 micro;
	char		*out;
	int		 rc;

	if (js->was_number)
		rc = dom_coord_from_number(strtod(js->v, NULL), lat, &micro,
		    &why);
	else
		rc = dom_coord_parse(js->v, js->len, lat, &micro, &why);
	if (rc != 0)
		return arena_printf(a, "%s; %s in decimal degrees or "
		    "degrees-minutes-seconds", why, lat ? "-90 to 90" :
		    "-180 to 180");
	out = arena_alloc(a, 16);
	dom_coord_format(micro, out);
	*dst = out;
	return NULL;
}

static const char *
c_latitude(struct arena *a, void *d, void *x)
{
	(void)x;
	return coordinate(a, &B(latitude), 1, &OUT.v.latitude);
}

static const char *
c_longitude(struct arena *a, void *d, void *x)
{
	(void)x;
	return coordinate(a, &B(longitude), 0, &OUT.v.longitude);
}

static const char *
c_country(struct arena *a, void *d, void *x)
{
	const struct country *ct;

	(void)x;
	if ((ct = dom_codes_country(B(country).v)) == NULL)
		return arena_printf(a, "\"%.16s\" is not an ISO 3166-1 country "
		    "code; use an alpha-2 or alpha-3 code (IN or IND)",
		    shown(B(country).v, 16));
	OUT.country = ct;
	OUT.v.country_code = ct->alpha3;
	return NULL;
}

/* A code of list (canonical value into *dst), with the allowed list. */
static const char *
code(struct arena *a, const struct jstr *js, enum codes_list list,
    const char *what, const char **dst)
{
	const struct code_entry	*e = NULL;
	const char		*canon = NULL;
	char			 all[1024];

	switch (list) {
	case CODES_FUEL:
		e = dom_codes_fuel(js->v);
		break;
	case CODES_DEVICE_TYPE:
		e = dom_codes_device_type(js->v);
		break;
	case CODES_OFFTAKER:
		canon = dom_codes_offtaker(js->v);
		break;
	default:
		canon = dom_codes_device_description(js->v);
		break;
	}
	if (e != NULL)
		canon = e->code;
	if (canon == NULL) {
		dom_codes_list_text(list, all, sizeof(all));
		return arena_printf(a, "\"%.64s\" is not %s; allowed: %s",
		    shown(js->v, 64), what, all);
	}
	*dst = canon;
	return NULL;
}

static const char *
c_fuel(struct arena *a, void *d, void *x)
{
	(void)x;
	return code(a, &B(fuel), CODES_FUEL, "an I-REC energy source code",
	    &OUT.v.fuel_code);
}

static const char *
c_type(struct arena *a, void *d, void *x)
{
	(void)x;
	return code(a, &B(type), CODES_DEVICE_TYPE, "an I-REC technology code",
	    &OUT.v.device_type_code);
}

static const char *
c_off_taker(struct arena *a, void *d, void *x)
{
	(void)x;
	return code(a, &B(off_taker), CODES_OFFTAKER, "an off-taker",
	    &OUT.v.off_taker);
}

static const char *
c_description(struct arena *a, void *d, void *x)
{
	(void)x;
	return code(a, &B(description), CODES_DESCRIPTION,
	    "a device description", &OUT.v.device_description);
}

static const char *
c_capacity(struct arena *a, void *d, void *x)
{
	double v = B(capacity).v;

	(void)a;
	(void)x;
	if (!(v > 0 && v <= MAX_CAPACITY_KW))
		return "is out of range; a number of kW greater than 0 and at "
		    "most 10000000";
	OUT.v.capacity = v;
	return NULL;
}

/* x: the struct api_call (its effective now). */
static const char *
c_commissioning(struct arena *a, void *d, void *x)
{
	const struct api_call	*c = x;
	int64_t			 ms;

	(void)a;
	if (time_parse_instant_or_date(dom_trim((char *)B(commissioning).v), 1,
	    &ms, NULL) != 0)
		return "is not a date; YYYY-MM-DD or "
		    "YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]";
	if (ms > c->now || ms < MIN_COMMISSION)
		return "is out of range; from 1900-01-01 to now (no future "
		    "dates)";
	OUT.v.commissioning = ms;
	return NULL;
}

static const char *
c_yield(struct arena *a, void *d, void *x)
{
	double v = B(yield).v;

	(void)a;
	(void)x;
	if (v != floor(v) || v < 0 || v > 10000)
		return "is not allowed; an integer from 0 to 10000 (kWh per kW "
		    "per year; 0 means 2000)";
	OUT.v.yield_value = v == 0 ? YIELD_DEFAULT : (int)v;
	OUT.yield_default = v == 0;
	return NULL;
}

/* images: at most 50 strings of 1-2000 characters, stored as JSON text. */
static const char *
c_images(struct arena *a, void *d, void *x)
{
	const struct jarr	*ja = &B(images);
	const struct dev_image	*e = ja->v;
	struct strbuf		 sb;
	struct jw		 w;
	size_t			 i;

	(void)x;
	for (i = 0; i < ja->n; i++)
		if (ja->bad == i + 1 || dom_check_text(e[i].v.v, e[i].v.len, 1,
		    2000) != DOM_TEXT_OK)
			return arena_printf(a, "element %zu is not allowed; "
			    "strings of 1-2000 characters", i);
	strbuf_init_arena(&sb, a);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < ja->n; i++)
		jw_str(&w, e[i].v.v);
	jw_arr_close(&w);
	OUT.v.images = sb.buf;
	return NULL;
}

static const char *
c_esc(struct arena *a, void *d, void *x)
{
	(void)a;
	(void)x;
	if (!(B(esc).v >= 0))
		return "is out of range; a number of kWh of 0 or more";
	OUT.v.has_esc = 1;
	OUT.v.esc = B(esc).v;
	return NULL;
}

/*
 * SDGBenefits (devices.md §3, clients.md §5.6): an integer 1-17, or an
 * array of at most 50 elements, each an integer 1-17, a string
 * (SDG1-SDG17 or a name), or the web client's Angular FormControl
 * {"status": "<string>", "value": [...], ...} standing for the elements
 * of value (at most 50 integers or strings; its other keys ignored).
 * The tables take the shapes; c_sdg() the values, with one sentence for
 * any failure.
 */
#define SDG_BAD	"is not allowed; an integer 1-17, or an array of at most 50 " \
	"integers 1-17, SDG1-SDG17 or SDG names"

/* An SDG given as an integer or a string. */
static const struct jfield sdg_code_alts[] = {
	{ .type = JT_INT64 },
	{ .type = JT_STRING },
};
static const struct jfield sdg_code_fields[] = {
	{ .type = JT_ONEOF, .required = 1, .alts = sdg_code_alts,
	    .nalts = 2 },
};
static const struct jtable sdg_code_table = JTABLE(sdg_code_fields,
    struct jone);

struct sdg_form {
	struct jval	status;
	struct jarr	value;		/* of struct jone (sdg_code_table) */
};
static const struct jfield sdg_form_fields[] = {
	{ .name = "status", .type = JT_VALUE, .required = 1,
	    .offset = offsetof(struct sdg_form, status),
	    .doc = "A string (any; c_sdg checks the kind)" },
	{ .name = "value", .type = JT_ARRAY, .required = 1,
	    .offset = offsetof(struct sdg_form, value), .flags = JF_ITEMS_QUIET,
	    .items = &sdg_code_table, .max_items = 50 },
};
static const struct jtable sdg_form_table = JTABLE(sdg_form_fields,
    struct sdg_form);

/* An element: an integer, a string or a FormControl. */
static const struct jfield sdg_elem_alts[] = {
	{ .type = JT_INT64 },
	{ .type = JT_STRING },
	{ .type = JT_OBJECT, .items = &sdg_form_table },
};
static const struct jfield sdg_elem_fields[] = {
	{ .type = JT_ONEOF, .required = 1, .alts = sdg_elem_alts,
	    .nalts = 3 },
};
static const struct jtable sdg_elem_table = JTABLE(sdg_elem_fields,
    struct jone);

/* The field: an integer or an array of elements. */
static const struct jfield sdg_alts[] = {
	{ .type = JT_INT64 },
	{ .type = JT_ARRAY, .flags = JF_ITEMS_QUIET, .items = &sdg_elem_table,
	    .max_items = 50 },
};

/* An integer or string SDG (which: 0 or 1 of sdg_code_alts) → 1..17, or 0. */
static int
sdg_one(const struct jone *e)
{
	const struct jint	*i = e->v;
	const struct jstr	*s = e->v;

	if (e->which == 0)
		return (i->v >= 1 && i->v <= CODES_SDG_MAX) ? (int)i->v : 0;
	return dom_codes_sdg_from_text(s->v);
}

/* A FormControl's values added to *mask: 0, or -1 when one is not allowed. */
static int
sdg_form_control(const struct sdg_form *fc, uint32_t *mask)
{
	const struct jone	*e = fc->value.v;
	uint32_t		 m = 0;
	size_t			 i;
	int			 k;

	if (fc->status.kind != JK_STRING || fc->value.bad != 0)
		return -1;
	for (i = 0; i < fc->value.n; i++) {
		if ((k = sdg_one(&e[i])) == 0)
			return -1;
		m |= 1u << (k - 1);
	}
	*mask |= m;
	return 0;
}

static const char *
c_sdg(struct arena *a, void *d, void *x)
{
	const struct jone	*v = &B(sdg), *e;
	const struct jarr	*arr = v->v;
	uint32_t		 mask = 0;
	size_t			 i;
	int			 k;

	(void)a;
	(void)x;
	if (v->which == 0) {
		if ((k = sdg_one(v)) == 0)
			return SDG_BAD;
		mask = 1u << (k - 1);
	} else {
		if (arr->bad != 0)
			return SDG_BAD;
		for (i = 0, e = arr->v; i < arr->n; i++, e++) {
			if (e->which == 2) {
				if (sdg_form_control(((const struct jobj *)
				    e->v)->v, &mask) != 0)
					return SDG_BAD;
				continue;
			}
			if ((k = sdg_one(e)) == 0)
				return SDG_BAD;
			mask |= 1u << (k - 1);
		}
	}
	OUT.v.sdg = mask;
	return NULL;
}

/* The sentence for a zone that country ct does not list, or NULL. */
static const char *
zone_check(struct arena *a, struct dev_input *in, const struct country *ct)
{
	const char *canon;

	if (!dom_codes_country_has_zone(ct, in->timezone_raw, &canon))
		return arena_printf(a, "\"%.64s\" is not a zone of %s; "
		    "allowed: %s%s", shown(in->timezone_raw, 64), ct->alpha3,
		    ct->ntimezones ? ct->timezones[0] : "none",
		    ct->ntimezones > 1 ? " and the other zones of the country" :
		    "");
	in->v.timezone = canon;
	return NULL;
}

static const char *
c_timezone(struct arena *a, void *d, void *x)
{
	(void)x;
	OUT.timezone_raw = dom_trim((char *)B(timezone).v);
	/* POST, or PATCH with a country: checked now (field order). */
	return OUT.country != NULL ? zone_check(a, &OUT, OUT.country) : NULL;
}

int
api_dev_input_check_zone(struct api_call *c, struct dev_input *in,
    const struct country *ct, struct field_errors *fe)
{
	const char *msg;

	if (in->timezone_raw == NULL)
		return 0;
	if ((msg = zone_check(c->a, in, ct)) != NULL) {
		http_field_error(c->a, fe, "timezone", "%s", msg);
		return -1;
	}
	return 0;
}

#define IMAGES_BAD	"is not allowed; an array of at most 50 strings"

static const struct jfield image_fields[] = {
	JF(NULL, JT_STRING, 1, offsetof(struct dev_image, v), NULL),
};
static const struct jtable image_table = JTABLE(image_fields,
    struct dev_image);

#define NOCTL	"must not contain control characters; printable text"
#define COORD(l) "; " l " in decimal degrees or degrees-minutes-seconds"

/*
 * One table per method from one list: F(name, type, member, check,
 * required, flags, more...).  A required field is required on POST ("is
 * required", null too) and refuses null on PATCH; an optional one takes
 * null (it clears).
 */
#define DEV_FIELDS(F)							\
	F("externalId", JT_STRING, external_id, c_external_id, 1, 0,	\
	    .doc = "The owner's id of the device: 1-128 characters of "	\
	    "ASCII letters, digits, space, -_.:", .msg_nul = NOCTL)	\
	F("projectName", JT_STRING, project_name, c_project, 0, 0,	\
	    .doc = "Project name (text, 1-2000 characters)",		\
	    .msg_nul = NOCTL)						\
	F("address", JT_STRING, address, c_address, 1, 0,			\
	    .doc = "Address (text, 1-2000 characters)", .msg_nul = NOCTL) \
	F("latitude", JT_STRING_OR_NUMBER, latitude, c_latitude, 1, 0,	\
	    .doc = "-90 to 90: decimal degrees or degrees-minutes-seconds", \
	    .msg_type = "must be a number or a string" COORD("-90 to 90"), \
	    .msg_nul = "must not contain U+0000 (NUL)" COORD("-90 to 90")) \
	F("longitude", JT_STRING_OR_NUMBER, longitude, c_longitude, 1, 0,	\
	    .doc = "-180 to 180: decimal degrees or degrees-minutes-seconds", \
	    .msg_type = "must be a number or a string" COORD("-180 to 180"), \
	    .msg_nul = "must not contain U+0000 (NUL)" COORD("-180 to 180")) \
	F("countryCode", JT_STRING, country, c_country, 1, 0,		\
	    .doc = "ISO 3166-1 alpha-2 or alpha-3 code", .msg_nul = NOCTL) \
	F("fuelCode", JT_STRING, fuel, c_fuel, 1, 0,			\
	    .doc = "I-REC energy source code", .msg_nul = NOCTL)	\
	F("deviceTypeCode", JT_STRING, type, c_type, 1, 0,			\
	    .doc = "I-REC technology code", .msg_nul = NOCTL)		\
	F("capacity", JT_NUMBER, capacity, c_capacity, 1, 0,		\
	    .doc = "kW, greater than 0 and at most 10000000")		\
	F("commissioningDate", JT_STRING, commissioning, c_commissioning, 1, 0, \
	    .doc = "YYYY-MM-DD or an instant, from 1900-01-01 to now",	\
	    .msg_nul = NOCTL)						\
	F("gridInterconnection", JT_BOOL, grid, NULL, 0, 0,		\
	    .doc = "Connected to the grid")				\
	F("offTaker", JT_STRING, off_taker, c_off_taker, 0, 0,		\
	    .doc = "Off-taker (codes list)", .msg_nul = NOCTL)		\
	F("yieldValue", JT_NUMBER, yield, c_yield, 0, 0,			\
	    .doc = "kWh per kW per year, an integer 0-10000; 0 or null: the " \
	    "country's default")					\
	F("impactStory", JT_STRING, impact, c_impact, 0, 0,		\
	    .doc = "Text, 1-2000 characters", .msg_nul = NOCTL)	\
	F("images", JT_ARRAY, images, c_images, 0, JF_ITEMS_QUIET,	\
	    .doc = "At most 50 strings of 1-2000 characters",		\
	    .items = &image_table,					\
	    .max_items = 50, .msg_type = IMAGES_BAD, .msg_value = IMAGES_BAD) \
	F("deviceDescription", JT_STRING, description, c_description, 0, 0, \
	    .doc = "Device description (codes list)", .msg_nul = NOCTL)	\
	F("energyStorage", JT_BOOL, storage, NULL, 0, 0,			\
	    .doc = "Has energy storage")				\
	F("energyStorageCapacity", JT_NUMBER, esc, c_esc, 0, 0,		\
	    .doc = "kWh, 0 or more")					\
	F("qualityLabels", JT_STRING, quality, c_quality, 0, 0,		\
	    .doc = "Text, 1-2000 characters", .msg_nul = NOCTL)	\
	F("SDGBenefits", JT_ONEOF, sdg, c_sdg, 0, 0,			\
	    .doc = "An integer 1-17, or an array of at most 50 integers "	\
	    "1-17, SDG1-SDG17 or SDG names (or the web client's "	\
	    "FormControl {status, value}: clients.md 5.6)",		\
	    .alts = sdg_alts, .nalts = 2, .msg_type = SDG_BAD)		\
	F("timezone", JT_STRING, timezone, c_timezone, 0, 0,		\
	    .doc = "An IANA zone of the device's country",		\
	    .msg_nul = NOCTL)

#define F_POST(n, t, m, ck, req, fl, ...)				\
	{ .name = (n), .type = (t), .required = (req),			\
	    .offset = offsetof(struct dev_body, m), .check = (ck),	\
	    .flags = ((req) ? 0 : JF_NULLABLE) | (fl),			\
	    .msg_required = "is required", __VA_ARGS__ },
#define F_PATCH(n, t, m, ck, req, fl, ...)				\
	{ .name = (n), .type = (t), .required = 0,			\
	    .offset = offsetof(struct dev_body, m), .check = (ck),	\
	    .flags = ((req) ? 0 : JF_NULLABLE) | (fl),			\
	    .msg_null = (req) ? "must not be null; it is required" : NULL, \
	    __VA_ARGS__ },

static const struct jfield post_fields[] = { DEV_FIELDS(F_POST) };
static const struct jfield patch_fields[] = { DEV_FIELDS(F_PATCH) };

/* Table index i is DF_i (device_input.h). */
_Static_assert(sizeof(post_fields) / sizeof(post_fields[0]) == DF__MAX,
    "one device field per enum dev_field");

/* An Admin's organizationId on POST (after the device's fields). */
static const struct jfield org_fields[] = {
	{ "organizationId", JT_INT64, 1, offsetof(struct dev_body, org), NULL,
	    .flags = JF_MIN, .min = 1,
	    .doc = "Admin: the Developer organization the device is for",
	    .msg_required = "is required for an Admin; the id of a Developer "
	    "organization",
	    .msg_type = "must be a positive integer; the id of a Developer "
	    "organization",
	    .msg_value = "must be a positive integer; the id of a Developer "
	    "organization" },
};

/* What the tables leave open: presence, defaults (device_input.h). */
static void
finish(struct dev_body *b, const struct jfield *t)
{
	struct dev_input	*in = &b->out;
	int			 i;

	for (i = 0; i < DF__MAX; i++)
		in->set[i] = *(const int *)((const char *)b + t[i].offset);
	in->v.grid = b->grid.present && !b->grid.null ? b->grid.v : -1;
	in->v.energy_storage = b->storage.present && !b->storage.null ?
	    b->storage.v : -1;
	if (in->v.images == NULL)
		in->v.images = "[]";
	if (!b->yield.present || b->yield.null) {
		in->v.yield_value = YIELD_DEFAULT;
		in->yield_default = 1;	/* integrators.md §7 resolves it */
	}
}

static int
post_check(struct api_call *c, void *d, struct field_errors *fe)
{
	if (c->role_bit & ROLE_ADMIN)
		http_json_decode_fields(c->a, c->body, org_fields, 1, d, c, fe);
	finish(d, post_fields);
	return 0;
}

static int
patch_check(struct api_call *c, void *d, struct field_errors *fe)
{
	(void)c;
	(void)fe;
	finish(d, patch_fields);
	return 0;
}

const struct api_input api_in_device_post = {
	.size = sizeof(struct dev_body),
	.body = JTABLE(post_fields, struct dev_body),
	.check = post_check,
	.doc = "Registers a device (devices.md §3.1)",
};

const struct api_input api_in_device_patch = {
	.size = sizeof(struct dev_body),
	.body = JTABLE(patch_fields, struct dev_body),
	.check = patch_check,
	.doc = "Changes a device's fields; null clears an optional one "
	    "(devices.md §3.2)",
};

struct dev_input *
api_dev_input_of(struct api_call *c)
{
	return &((struct dev_body *)c->in)->out;
}

int64_t
api_dev_input_org(struct api_call *c)
{
	const struct dev_body *b = c->in;

	return (c->role_bit & ROLE_ADMIN) ? b->org.v : c->user.org.id;
}

void
api_dev_input_decode(struct api_call *c, int patch, struct dev_input *in,
    struct field_errors *fe)
{
	const struct jtable	 post = JTABLE(post_fields, struct dev_body);
	const struct jtable	 pat = JTABLE(patch_fields, struct dev_body);
	struct dev_body		*b = arena_alloc(c->a, sizeof(*b));

	memset(b, 0, sizeof(*b));
	http_json_decode_table(c->a, c->body, patch ? &pat : &post, b, c, fe);
	finish(b, patch ? patch_fields : post_fields);
	*in = b->out;
}
