/*
 * A device row of a bulk job (integrators.md §5.3): its cells become the
 * fields of POST /api/device (devices.md §3) and are checked by the same
 * decoder; the row is inserted, skipped when the organization holds the
 * same device, or fails with every field error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "crypto/crypto.h"
#include "domain/bulk_cols.h"
#include "api/api.h"
#include "api/bulk_run.h"
#include "api/device_input.h"

/* Device columns by kind of JSON value (§5.3). */
static const char *const numbers[] = { "capacity", "energyStorageCapacity",
    "yieldValue", NULL };
static const char *const booleans[] = { "gridInterconnection",
    "energyStorage", NULL };
static const char *const lists[] = { "SDGBenefits", "images", NULL };

static int
in_set(const char *const *set, const char *k)
{
	for (; *set != NULL; set++)
		if (strcmp(*set, k) == 0)
			return 1;
	return 0;
}

/* A JSON number literal (no sign but '-', no separators), else NULL. */
static struct json_object *
number(const char *s)
{
	struct json_object	*o;
	size_t			 n = strlen(s);

	if (n == 0 || n > 40 || strspn(s, "-0123456789.eE+") != n ||
	    s[0] == '+' || (o = json_tokener_parse(s)) == NULL)
		return NULL;
	if (!json_object_is_type(o, json_type_int) &&
	    !json_object_is_type(o, json_type_double)) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

static struct json_object *
boolean(const char *s)
{
	if (!strcasecmp(s, "true") || !strcasecmp(s, "yes") || !strcmp(s, "1"))
		return json_object_new_boolean(1);
	if (!strcasecmp(s, "false") || !strcasecmp(s, "no") || !strcmp(s, "0"))
		return json_object_new_boolean(0);
	return NULL;
}

/* "a | b||c" → ["a","b","c"]; numbers: digit items as integers (SDGs). */
static struct json_object *
list(const char *s, int ints)
{
	struct json_object	*a = json_object_new_array();
	const char		*p = s, *q;
	size_t			 n;

	for (;;) {
		q = strchr(p, '|');
		n = q ? (size_t)(q - p) : strlen(p);
		while (n > 0 && (*p == ' ' || *p == '\t')) {
			p++;
			n--;
		}
		while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		if (n > 0 && ints && n <= 2 && strspn(p, "0123456789") >= n)
			json_object_array_add(a, json_object_new_int(
			    (int)strtol(p, NULL, 10)));
		else if (n > 0)
			json_object_array_add(a, json_object_new_string_len(p,
			    (int)n));
		if (q == NULL)
			break;
		p = q + 1;
	}
	return a;
}

/* The POST /api/device body of a row's cells. */
static struct json_object *
body_of(struct json_object *cells)
{
	struct json_object	*b = json_object_new_object(), *v;
	const char		*s;

	json_object_object_foreach(cells, k, cv) {
		if (k[0] == '_' || !json_object_is_type(cv, json_type_string))
			continue;
		s = json_object_get_string(cv);
		v = NULL;
		if (in_set(numbers, k))
			v = number(s);
		else if (in_set(booleans, k))
			v = boolean(s);
		else if (in_set(lists, k))
			v = list(s, strcmp(k, "SDGBenefits") == 0);
		/* Anything else, or a cell of the wrong form, as text: the
		 * decoder names the field and what it allows. */
		json_object_object_add(b, k, v ? v : json_object_new_string(s));
	}
	return b;
}

static int
str_eq(const char *a, const char *b)
{
	return (a == NULL || b == NULL) ? a == b : strcmp(a, b) == 0;
}

/* The first column whose cell differs from the stored device, or NULL. */
static const char *
first_difference(const struct dev_input *in, const struct db_device *d)
{
	const struct db_device *v = &in->v;

#define S(f, m, name) if (in->set[f] && !str_eq(v->m, d->m)) return name;
#define N(f, m, name) if (in->set[f] && v->m != d->m) return name;
	S(DF_ADDRESS, address, "address");
	S(DF_LATITUDE, latitude, "latitude");
	S(DF_LONGITUDE, longitude, "longitude");
	S(DF_COUNTRY, country_code, "countryCode");
	S(DF_FUEL, fuel_code, "fuelCode");
	S(DF_TYPE, device_type_code, "deviceTypeCode");
	N(DF_CAPACITY, capacity, "capacity");
	N(DF_COMMISSIONING, commissioning, "commissioningDate");
	S(DF_PROJECT_NAME, project_name, "projectName");
	N(DF_GRID, grid, "gridInterconnection");
	S(DF_OFFTAKER, off_taker, "offTaker");
	N(DF_YIELD, yield_value, "yieldValue");
	S(DF_IMPACT, impact_story, "impactStory");
	S(DF_IMAGES, images, "images");
	S(DF_DESCRIPTION, device_description, "deviceDescription");
	N(DF_STORAGE, energy_storage, "energyStorage");
	if (in->set[DF_ESC] && (v->has_esc != d->has_esc ||
	    (v->has_esc && v->esc != d->esc)))
		return "energyStorageCapacity";
	S(DF_QUALITY, quality_labels, "qualityLabels");
	N(DF_SDG, sdg, "SDGBenefits");
	S(DF_TIMEZONE, timezone, "timezone");
#undef S
#undef N
	return NULL;
}

/* Field errors as the item's errors (INVALID_FIELD each). */
static void
fail_fields(struct item_out *out, const struct field_errors *fe)
{
	struct jw	w;
	int		i;

	out->status = "Failed";
	strbuf_reset(&out->result);
	jw_init(&w, &out->result);
	jw_obj_open(&w);
	jw_key(&w, "errors");
	jw_arr_open(&w);
	for (i = 0; i < fe->n; i++) {
		jw_obj_open(&w);
		jw_key(&w, "field");
		jw_str(&w, fe->field[i]);
		jw_key(&w, "code");
		jw_str(&w, "INVALID_FIELD");
		jw_key(&w, "message");
		jw_str(&w, fe->message[i] ? fe->message[i] : fe->field[i]);
		jw_obj_close(&w);
	}
	jw_arr_close(&w);
	jw_obj_close(&w);
}

/* An existing device of the same externalId: Skipped or Failed. */
static enum err
judge_existing(struct job_run *x, const struct dev_input *in, int64_t other,
    struct item_out *out)
{
	struct db_device	 d;
	const char		*col;
	enum err		 e;

	if ((e = db_device_get(x->db, x->a, other, x->now, 0, &d)) != ERR_OK)
		return e;
	out->device_id = other;
	if ((col = first_difference(in, &d)) == NULL) {
		out->status = "Skipped";
		strbuf_reset(&out->result);
		strbuf_puts(&out->result, "{\"errors\":[]}");
		return ERR_OK;
	}
	api_bulk_item_fail(out, "externalId", E_DEVICE_EXTERNAL_ID_TAKEN,
	    arena_printf(x->a, "externalId \"%s\" is device %lld of this "
	    "organization, whose %s differs", d.external_id, (long long)other,
	    col));
	return ERR_OK;
}

enum err
api_bulk_device_item(struct job_run *x, const struct db_item *it,
    struct item_out *out)
{
	struct json_object	*cells, *v, *body;
	struct field_errors	 fe = { 0 };
	struct api_call		 fc;
	struct dev_input	 in;
	struct db_device	 d;
	char			 uuid[37];
	int64_t			 other = 0, id;
	enum err		 e;

	if ((cells = json_tokener_parse(it->input)) == NULL)
		return ERR_DB;
	if (json_object_object_get_ex(cells, "_dup", &v)) {
		api_bulk_item_fail(out, "externalId", E_DUPLICATE_IN_FILE,
		    arena_printf(x->a, "externalId \"%s\" already appears in row "
		    "%d", it->external_id ? it->external_id : "",
		    json_object_get_int(v)));
		json_object_put(cells);
		return ERR_OK;
	}
	body = body_of(cells);
	json_object_put(cells);
	memset(&fc, 0, sizeof(fc));
	fc.ctx = x->ctx;
	fc.a = x->a;
	fc.db = x->db;
	fc.now = x->now;
	fc.body = body;
	api_dev_input_decode(&fc, 0, &in, &fe);
	if (fe.n > 0) {
		fail_fields(out, &fe);
		json_object_put(body);
		return ERR_OK;
	}
	json_object_put(body);
	d = in.v;
	/* The chunk reads each country's default once (§7). */
	if (in.yield_default && (x->yield_cc == NULL ||
	    strcmp(x->yield_cc, d.country_code) != 0)) {
		if ((e = db_yield_default(x->db, d.country_code, 2000, &id)) !=
		    ERR_OK)
			return e;
		x->yield_cc = arena_strdup(x->a, d.country_code);
		x->yield_value = (int)id;
	}
	if (in.yield_default)
		d.yield_value = x->yield_value;
	in.v.yield_value = d.yield_value;
	d.org_id = x->job->org_id;
	d.created = d.updated = x->now;
	if (crypto_uuid_v4(uuid) != 0)
		return ERR_CRYPTO;
	d.internal_external_id = uuid;
	/*
	 * Insert first: new rows (the common case) cost one statement.  A
	 * clash on (organization, externalId) undoes that statement alone
	 * (InnoDB statement rollback, what §6's SAVEPOINT is for); the row is
	 * then judged against the device that holds the externalId.
	 */
	if ((e = db_device_insert(x->db, &d, &id)) == ERR_CONFLICT) {
		if ((e = db_device_external_taken(x->db, x->job->org_id,
		    d.external_id, &other)) != ERR_OK)
			return e;
		return other > 0 ? judge_existing(x, &in, other, out) : ERR_DB;
	}
	if (e != ERR_OK)
		return e;
	out->status = "Succeeded";
	out->device_id = id;
	strbuf_reset(&out->result);
	strbuf_puts(&out->result, "{\"errors\":[]}");
	return ERR_OK;
}
