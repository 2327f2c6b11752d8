/*
 * JSON Schemas of a route's typed input tables (openapi_ops.h): the
 * struct jtable of its body and query (docs/hacking.md) as the decoder
 * applies them, so the document says what http_json_decode_table() checks:
 * type, required, null, byte length, allowed values, range, array items,
 * an object's members, alternatives (anyOf).
 * A check function's further rule is not expressible; the field's doc
 * line and the route's spec section say it.
 */
#include <stdint.h>
#include <string.h>

#include "api/api.h"
#include "api/openapi_ops.h"

#define J_STR(s)	json_object_new_string(s)

/* The JSON Schema type of each enum jtype; NULL: any JSON value. */
static const char *const jtype_schema[JT__MAX] = {
	[JT_STRING] = "string",
	[JT_INT64] = "integer",
	[JT_NUMBER] = "number",
	[JT_BOOL] = "boolean",
	[JT_STRING_OR_NUMBER] = NULL,	/* below: string or number */
	[JT_ANY] = NULL,
	[JT_ARRAY] = "array",
	[JT_OBJECT] = "object",
	[JT_ONEOF] = NULL,	/* below: anyOf its alternatives, tried
				 * in order (the first that decodes) */
};

/* "type": t, or [t, "null"] when nullable; two types for STRING_OR_NUMBER. */
static void
add_type(struct json_object *s, const struct jfield *f)
{
	struct json_object	*a;
	int			 null = (f->flags & JF_NULLABLE) != 0;

	if (f->type == JT_STRING_OR_NUMBER) {
		a = json_object_new_array();
		json_object_array_add(a, J_STR("string"));
		json_object_array_add(a, J_STR("number"));
		if (null)
			json_object_array_add(a, J_STR("null"));
		json_object_object_add(s, "type", a);
		return;
	}
	if (f->type >= JT__MAX || jtype_schema[f->type] == NULL)
		return;
	if (!null) {
		json_object_object_add(s, "type", J_STR(jtype_schema[f->type]));
		return;
	}
	a = json_object_new_array();
	json_object_array_add(a, J_STR(jtype_schema[f->type]));
	json_object_array_add(a, J_STR("null"));
	json_object_object_add(s, "type", a);
}

struct json_object *
api_oa_field_schema(const struct jfield *f)
{
	struct json_object	*s, *a;
	size_t			 i;

	if (f->type == JT_OBJECT && f->items != NULL)
		s = api_oa_table_schema(f->items);
	else
		s = json_object_new_object();
	add_type(s, f);
	if (f->type == JT_ONEOF) {
		a = json_object_new_array();
		for (i = 0; i < f->nalts; i++)
			json_object_array_add(a,
			    api_oa_field_schema(&f->alts[i]));
		if (f->flags & JF_NULLABLE) {
			json_object_array_add(a, json_object_new_object());
			json_object_object_add(json_object_array_get_idx(a,
			    f->nalts), "type", J_STR("null"));
		}
		json_object_object_add(s, "anyOf", a);
	}
	if (f->doc != NULL)
		json_object_object_add(s, "description", J_STR(f->doc));
	if (f->max_len > 0 && (f->type == JT_STRING ||
	    f->type == JT_STRING_OR_NUMBER)) {
		/* bytes of UTF-8: never more characters than that */
		json_object_object_add(s, "maxLength",
		    json_object_new_int64((int64_t)f->max_len));
		json_object_object_add(s, "x-max-bytes",
		    json_object_new_int64((int64_t)f->max_len));
	}
	if (f->values != NULL) {
		a = json_object_new_array();
		for (i = 0; f->values[i] != NULL; i++)
			json_object_array_add(a, J_STR(f->values[i]));
		if (f->flags & JF_NULLABLE)
			json_object_array_add(a, NULL);
		json_object_object_add(s, "enum", a);
	}
	if (f->type == JT_INT64 || f->type == JT_NUMBER) {
		if (f->flags & JF_MIN)
			json_object_object_add(s, "minimum",
			    json_object_new_int64(f->min));
		if (f->flags & JF_MAX)
			json_object_object_add(s, "maximum",
			    json_object_new_int64(f->max));
	}
	if (f->type == JT_STRING && (f->flags & JF_EMPTY_ABSENT))
		json_object_object_add(s, "x-empty-is-absent",
		    json_object_new_boolean(1));
	if (f->type == JT_ARRAY) {
		if (f->items != NULL)
			json_object_object_add(s, "items",
			    api_oa_table_schema(f->items));
		if (f->max_items > 0)
			json_object_object_add(s, "maxItems",
			    json_object_new_int64((int64_t)f->max_items));
	}
	return s;
}

struct json_object *
api_oa_table_schema(const struct jtable *t)
{
	struct json_object	*s, *props, *req;
	size_t			 i;

	/* An .items table of one unnamed field: the element itself. */
	if (t->n == 1 && t->f[0].name == NULL)
		return api_oa_field_schema(&t->f[0]);
	s = json_object_new_object();
	json_object_object_add(s, "type", J_STR("object"));
	props = json_object_new_object();
	req = json_object_new_array();
	for (i = 0; i < t->n; i++) {
		if (t->f[i].name == NULL)
			continue;
		json_object_object_add(props, t->f[i].name,
		    api_oa_field_schema(&t->f[i]));
		if (t->f[i].required)
			json_object_array_add(req, J_STR(t->f[i].name));
	}
	json_object_object_add(s, "properties", props);
	if (json_object_array_length(req) > 0)
		json_object_object_add(s, "required", req);
	else
		json_object_put(req);
	return s;
}
