/*
 * Device input decoding (devices.md §3, §3.1, §3.2).
 */
#include <math.h>
#include <stddef.h>
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

#define MAX_CAPACITY_KW	10000000.0
#define MIN_COMMISSION	(-2208988800000LL)	/* 1900-01-01T00:00:00Z */
#define YIELD_DEFAULT	2000

/* devices.md §3 (with clients.md §2's amendments): route literals. */
static const char *const reserved_ids[] = { "my", "fuel-type", "device-type",
    "ungrouped", "certifiedlog", "externalId", "bulk-upload", "addByAdmin",
    "time-zones", NULL };

struct ctx {
	struct api_call		*c;
	struct dev_input	*in;
	struct field_errors	*fe;
	int			 patch;
};

static void
err(struct ctx *x, const char *field, const char *msg)
{
	field_error(x->c->a, x->fe, field, "%s", msg);
}

/* Fetches key: 0 absent, 1 null, 2 value. */
static int
get(struct ctx *x, const char *key, struct json_object **v)
{
	if (!api_body_get(x->c, key, v))
		return 0;
	return *v == NULL ? 1 : 2;
}

/*
 * Common presence handling: returns 1 when a value must be checked,
 * 0 when done (absent, or null handled).
 */
static int
present(struct ctx *x, enum dev_field f, const char *key, int required,
    struct json_object **v)
{
	int g = get(x, key, v);

	if (g == 0) {
		if (required && !x->patch)
			err(x, key, "is required");
		return 0;
	}
	if (g == 1) {
		if (required)
			err(x, key, x->patch ? "must not be null; it is required" :
			    "is required");
		else
			x->in->set[f] = 1;	/* null clears */
		return 0;
	}
	x->in->set[f] = 1;
	return 1;
}

/* A string field; returns the arena copy or NULL after an error. */
static char *
string_of(struct ctx *x, const char *key, struct json_object *v)
{
	const char	*s;
	size_t		 len;

	if (!json_object_is_type(v, json_type_string)) {
		err(x, key, "must be a string");
		return NULL;
	}
	if ((s = json_text(v, &len)) == NULL) {
		err(x, key, "must not contain control characters; printable text");
		return NULL;
	}
	return arena_strndup(x->c->a, s, len);
}

/* Optional/required trimmed text of at most maxc characters. */
static void
text(struct ctx *x, enum dev_field f, const char *key, int required,
    size_t maxc, const char **dst)
{
	struct json_object	*v;
	struct jstr		 js;
	const char		*why;
	char			*s;

	if (!present(x, f, key, required, &v) || (s = string_of(x, key, v)) == NULL)
		return;
	dom_trim(s);
	js.present = 1;
	js.v = s;
	js.len = strlen(s);
	if (s[0] == '\0' && !required) {
		*dst = NULL;		/* empty optional text is null */
		return;
	}
	if ((why = fld_text(x->c->a, &js, maxc)) != NULL) {
		err(x, key, why);
		return;
	}
	*dst = js.v;
}

static void
external_id(struct ctx *x)
{
	struct json_object	*v;
	char			*s;
	size_t			 n;

	if (!present(x, DF_EXTERNAL_ID, "externalId", 1, &v) ||
	    (s = string_of(x, "externalId", v)) == NULL)
		return;
	dom_trim(s);
	n = strlen(s);
	if (n < 1 || n > 128 || strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789 -_.:") != n) {
		err(x, "externalId", arena_printf(x->c->a, "\"%.140s\" is not "
		    "allowed; 1-128 characters of ASCII letters, digits, space, "
		    "'-', '_', '.', ':'", dom_check_text(s, n, 0, 200) ==
		    DOM_TEXT_OK ? s : "?"));
		return;
	}
	if (dom_canonical(s, reserved_ids) != NULL) {
		err(x, "externalId", arena_printf(x->c->a, "\"%s\" is reserved "
		    "for a route; use another value than my, fuel-type, "
		    "device-type, ungrouped, certifiedlog, externalId, "
		    "bulk-upload, addByAdmin or time-zones", s));
		return;
	}
	x->in->v.external_id = s;
}

static void
coordinate(struct ctx *x, enum dev_field f, const char *key, int lat)
{
	struct json_object	*v;
	const char		*why = NULL, *s;
	int64_t			 micro;
	char			*out;
	int			 rc;

	if (!present(x, f, key, 1, &v))
		return;
	if (json_object_is_type(v, json_type_string)) {
		size_t n;

		if ((s = json_text(v, &n)) == NULL) {
			rc = -1;
			why = "must not contain U+0000 (NUL)";
		} else
			rc = dom_coord_parse(s, n, lat, &micro, &why);
	} else if (json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double))
		rc = dom_coord_from_number(json_object_get_double(v), lat,
		    &micro, &why);
	else {
		rc = -1;
		why = "must be a number or a string";
	}
	if (rc != 0) {
		err(x, key, arena_printf(x->c->a, "%s; %s in decimal degrees or "
		    "degrees-minutes-seconds", why, lat ? "-90 to 90" :
		    "-180 to 180"));
		return;
	}
	out = arena_alloc(x->c->a, 16);
	dom_coord_format(micro, out);
	if (lat)
		x->in->v.latitude = out;
	else
		x->in->v.longitude = out;
}

/* A code looked up by fn (canonical value), with the allowed list. */
static void
code(struct ctx *x, enum dev_field f, const char *key, int required,
    enum codes_list list, const char *what, const char **dst)
{
	struct json_object	*v;
	const struct code_entry	*e = NULL;
	const char		*canon = NULL;
	char			*s, all[1024];

	if (!present(x, f, key, required, &v) || (s = string_of(x, key, v)) == NULL)
		return;
	switch (list) {
	case CODES_FUEL:
		e = codes_fuel(s);
		break;
	case CODES_DEVICE_TYPE:
		e = codes_device_type(s);
		break;
	case CODES_OFFTAKER:
		canon = codes_offtaker(s);
		break;
	default:
		canon = codes_device_description(s);
		break;
	}
	if (e != NULL)
		canon = e->code;
	if (canon == NULL) {
		codes_list_text(list, all, sizeof(all));
		err(x, key, arena_printf(x->c->a, "\"%.64s\" is not %s; "
		    "allowed: %s", dom_check_text(s, strlen(s), 0, 64) ==
		    DOM_TEXT_OK ? s : "?", what, all));
		return;
	}
	*dst = canon;
}

static void
country(struct ctx *x)
{
	struct json_object	*v;
	const struct country	*ct;
	char			*s;

	if (!present(x, DF_COUNTRY, "countryCode", 1, &v) ||
	    (s = string_of(x, "countryCode", v)) == NULL)
		return;
	if ((ct = codes_country(s)) == NULL) {
		err(x, "countryCode", arena_printf(x->c->a, "\"%.16s\" is not an "
		    "ISO 3166-1 country code; use an alpha-2 or alpha-3 code "
		    "(IN or IND)", dom_check_text(s, strlen(s), 0, 16) ==
		    DOM_TEXT_OK ? s : "?"));
		return;
	}
	x->in->country = ct;
	x->in->v.country_code = ct->alpha3;
}

/* A JSON number (finite); returns 1 with *d, or 0 after an error. */
static int
number(struct ctx *x, const char *key, struct json_object *v, double *d)
{
	if (!json_object_is_type(v, json_type_int) &&
	    !json_object_is_type(v, json_type_double)) {
		err(x, key, "must be a number");
		return 0;
	}
	*d = json_object_get_double(v);
	if (!isfinite(*d)) {		/* 1e400 is valid JSON (CONVENTIONS §7) */
		err(x, key, "must be a finite number");
		return 0;
	}
	return 1;
}

static void
capacity(struct ctx *x)
{
	struct json_object	*v;
	double			 d;

	if (!present(x, DF_CAPACITY, "capacity", 1, &v) ||
	    !number(x, "capacity", v, &d))
		return;
	if (!(d > 0 && d <= MAX_CAPACITY_KW)) {
		err(x, "capacity", "is out of range; a number of kW greater "
		    "than 0 and at most 10000000");
		return;
	}
	x->in->v.capacity = d;
}

static void
commissioning(struct ctx *x)
{
	struct json_object	*v;
	int64_t			 ms;
	char			*s;

	if (!present(x, DF_COMMISSIONING, "commissioningDate", 1, &v) ||
	    (s = string_of(x, "commissioningDate", v)) == NULL)
		return;
	if (time_parse_instant_or_date(dom_trim(s), 1, &ms, NULL) != 0) {
		err(x, "commissioningDate", "is not a date; YYYY-MM-DD or "
		    "YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]");
		return;
	}
	if (ms > x->c->now || ms < MIN_COMMISSION) {
		err(x, "commissioningDate", "is out of range; from 1900-01-01 "
		    "to now (no future dates)");
		return;
	}
	x->in->v.commissioning = ms;
}

static void
boolean(struct ctx *x, enum dev_field f, const char *key, int *dst)
{
	struct json_object *v;

	*dst = -1;
	if (!present(x, f, key, 0, &v))
		return;
	if (!json_object_is_type(v, json_type_boolean)) {
		err(x, key, "must be true or false");
		return;
	}
	*dst = json_object_get_boolean(v) ? 1 : 0;
}

static void
yield(struct ctx *x)
{
	struct json_object	*v;
	double			 d;

	x->in->v.yield_value = YIELD_DEFAULT;
	x->in->yield_default = 1;	/* integrators.md §7 resolves it */
	if (!present(x, DF_YIELD, "yieldValue", 0, &v) ||
	    !number(x, "yieldValue", v, &d))
		return;
	if (d != floor(d) || d < 0 || d > 10000) {
		err(x, "yieldValue", "is not allowed; an integer from 0 to 10000 "
		    "(kWh per kW per year; 0 means 2000)");
		return;
	}
	x->in->v.yield_value = d == 0 ? YIELD_DEFAULT : (int)d;
	x->in->yield_default = d == 0;
}

static void
images(struct ctx *x)
{
	struct json_object	*v, *e;
	struct strbuf		 sb;
	struct jw		 w;
	const char		*s;
	size_t			 i, n, len;

	x->in->v.images = "[]";
	if (!present(x, DF_IMAGES, "images", 0, &v))
		return;
	if (!json_object_is_type(v, json_type_array) ||
	    (n = json_object_array_length(v)) > 50) {
		err(x, "images", "is not allowed; an array of at most 50 strings");
		return;
	}
	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	for (i = 0; i < n; i++) {
		e = json_object_array_get_idx(v, i);
		if ((s = json_text(e, &len)) == NULL ||
		    dom_check_text(s, len, 1, 2000) != DOM_TEXT_OK) {
			err(x, "images", arena_printf(x->c->a, "element %zu is not "
			    "allowed; strings of 1-2000 characters", i));
			strbuf_cleanup(&sb);
			return;
		}
		jw_str(&w, s);
	}
	jw_arr_close(&w);
	x->in->v.images = arena_strdup(x->c->a, sb.buf);
	strbuf_cleanup(&sb);
}

static void
storage_capacity(struct ctx *x)
{
	struct json_object	*v;
	double			 d;

	if (!present(x, DF_ESC, "energyStorageCapacity", 0, &v) ||
	    !number(x, "energyStorageCapacity", v, &d))
		return;
	if (!(d >= 0)) {
		err(x, "energyStorageCapacity", "is out of range; a number of "
		    "kWh of 0 or more");
		return;
	}
	x->in->v.has_esc = 1;
	x->in->v.esc = d;
}

/* One SDGBenefits element → 1..17, or 0. */
static int
sdg_one(struct json_object *e)
{
	int64_t n;

	if (json_object_is_type(e, json_type_int)) {
		n = json_object_get_int64(e);
		return (n >= 1 && n <= CODES_SDG_MAX) ? (int)n : 0;
	}
	if (json_text(e, NULL) != NULL)
		return codes_sdg_from_text(json_text(e, NULL));
	return 0;
}

/*
 * clients.md §5.6: the web client posts an Angular FormControl,
 * {"status": "VALID", "value": [...], ...}, for its SDG picker.  Such an
 * element (a string status and an array value) stands for the elements of
 * value, each checked as sdg_one (an object there is an error); its other
 * keys are ignored.  Returns 0 with their bits added to *mask, -1 when e
 * is not such an object or one of its values is not allowed.
 */
static int
sdg_form_control(struct json_object *e, uint32_t *mask)
{
	struct json_object	*st, *val;
	uint32_t		 m = 0;
	size_t			 i, n;
	int			 k;

	if (!json_object_is_type(e, json_type_object) ||
	    !json_object_object_get_ex(e, "status", &st) ||
	    !json_object_is_type(st, json_type_string) ||
	    !json_object_object_get_ex(e, "value", &val) ||
	    !json_object_is_type(val, json_type_array) ||
	    (n = json_object_array_length(val)) > 50)
		return -1;
	for (i = 0; i < n; i++) {
		if ((k = sdg_one(json_object_array_get_idx(val, i))) == 0)
			return -1;
		m |= 1u << (k - 1);
	}
	*mask |= m;
	return 0;
}

static void
sdg(struct ctx *x)
{
	struct json_object	*v, *e;
	uint32_t		 mask = 0;
	size_t			 i, n;
	int			 k;

	if (!present(x, DF_SDG, "SDGBenefits", 0, &v))
		return;
	if (json_object_is_type(v, json_type_int)) {
		if ((k = sdg_one(v)) == 0)
			goto bad;
		mask = 1u << (k - 1);
	} else if (json_object_is_type(v, json_type_array) &&
	    (n = json_object_array_length(v)) <= 50) {
		for (i = 0; i < n; i++) {
			e = json_object_array_get_idx(v, i);
			if (e != NULL && sdg_form_control(e, &mask) == 0)
				continue;
			if (e == NULL || (k = sdg_one(e)) == 0)
				goto bad;
			mask |= 1u << (k - 1);
		}
	} else
		goto bad;
	x->in->v.sdg = mask;
	return;
bad:
	err(x, "SDGBenefits", "is not allowed; an integer 1-17, or an array of "
	    "at most 50 integers 1-17, SDG1-SDG17 or SDG names");
}

static void
timezone(struct ctx *x)
{
	struct json_object	*v;
	char			*s;

	if (!present(x, DF_TIMEZONE, "timezone", 0, &v) ||
	    (s = string_of(x, "timezone", v)) == NULL)
		return;
	x->in->timezone_raw = dom_trim(s);
	/* POST, or PATCH with a country: check now (field order). */
	if (x->in->country != NULL)
		dev_input_check_zone(x->c, x->in, x->in->country, x->fe);
}

int
dev_input_check_zone(struct api_call *c, struct dev_input *in,
    const struct country *ct, struct field_errors *fe)
{
	const char *canon;

	if (in->timezone_raw == NULL)
		return 0;
	if (!codes_country_has_zone(ct, in->timezone_raw, &canon)) {
		field_error(c->a, fe, "timezone", "\"%.64s\" is not a zone of %s; "
		    "allowed: %s%s", dom_check_text(in->timezone_raw,
		    strlen(in->timezone_raw), 0, 64) == DOM_TEXT_OK ?
		    in->timezone_raw : "?", ct->alpha3,
		    ct->ntimezones ? ct->timezones[0] : "none",
		    ct->ntimezones > 1 ? " and the other zones of the country" : "");
		return -1;
	}
	in->v.timezone = canon;
	return 0;
}

void
dev_input_decode(struct api_call *c, int patch, struct dev_input *in,
    struct field_errors *fe)
{
	struct ctx x = { c, in, fe, patch };

	memset(in, 0, sizeof(*in));
	in->v.grid = in->v.energy_storage = -1;
	external_id(&x);
	text(&x, DF_PROJECT_NAME, "projectName", 0, 2000, &in->v.project_name);
	text(&x, DF_ADDRESS, "address", 1, 2000, &in->v.address);
	coordinate(&x, DF_LATITUDE, "latitude", 1);
	coordinate(&x, DF_LONGITUDE, "longitude", 0);
	country(&x);
	code(&x, DF_FUEL, "fuelCode", 1, CODES_FUEL, "an I-REC energy source "
	    "code", &in->v.fuel_code);
	code(&x, DF_TYPE, "deviceTypeCode", 1, CODES_DEVICE_TYPE, "an I-REC "
	    "technology code", &in->v.device_type_code);
	capacity(&x);
	commissioning(&x);
	boolean(&x, DF_GRID, "gridInterconnection", &in->v.grid);
	code(&x, DF_OFFTAKER, "offTaker", 0, CODES_OFFTAKER, "an off-taker",
	    &in->v.off_taker);
	yield(&x);
	text(&x, DF_IMPACT, "impactStory", 0, 2000, &in->v.impact_story);
	images(&x);
	code(&x, DF_DESCRIPTION, "deviceDescription", 0, CODES_DESCRIPTION,
	    "a device description", &in->v.device_description);
	boolean(&x, DF_STORAGE, "energyStorage", &in->v.energy_storage);
	storage_capacity(&x);
	text(&x, DF_QUALITY, "qualityLabels", 0, 2000, &in->v.quality_labels);
	sdg(&x);
	timezone(&x);
}
