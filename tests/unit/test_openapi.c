/*
 * docs/openapi.json's request schemas (src/api/openapi_schema.c): each
 * property of a typed input table (docs/hacking.md) becomes the JSON
 * Schema of what http_json_decode_table() checks, and nothing more.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <json-c/json.h>

#include "api/api.h"
#include "api/openapi_ops.h"
#include "unit.h"

struct item_in {
	struct jint	id;
	struct jstr	note;
};

struct every_in {
	struct jstr	s;
	struct jint	i;
	struct jnum	n;
	struct jbool	b;
	struct jstr	sn;
	struct jany	any;
	struct jarr	ids;
	struct jarr	items;
};

static const char *const colours[] = { "Red", "Blue", NULL };

static const struct jfield id_item[] = {
	{ NULL, JT_INT64, 1, 0, NULL, .flags = JF_MIN, .min = 1 },
};
static const struct jfield item_fields[] = {
	JF("id", JT_INT64, 1, offsetof(struct item_in, id), NULL),
	{ "note", JT_STRING, 0, offsetof(struct item_in, note), NULL,
	    .max_len = 10, .doc = "A note" },
};
static const struct jtable id_items = JTABLE(id_item, struct jint);
static const struct jtable item_table = JTABLE(item_fields, struct item_in);

static const struct jfield every_fields[] = {
	{ "s", JT_STRING, 1, offsetof(struct every_in, s), NULL,
	    .flags = JF_NULLABLE, .values = colours, .max_len = 4 },
	{ "i", JT_INT64, 0, offsetof(struct every_in, i), NULL,
	    .flags = JF_MIN | JF_MAX, .min = -5, .max = 5 },
	JF("n", JT_NUMBER, 0, offsetof(struct every_in, n), NULL),
	JF("b", JT_BOOL, 1, offsetof(struct every_in, b), NULL),
	JF("sn", JT_STRING_OR_NUMBER, 0, offsetof(struct every_in, sn), NULL),
	JF("any", JT_ANY, 0, offsetof(struct every_in, any), NULL),
	{ "ids", JT_ARRAY, 0, offsetof(struct every_in, ids), NULL,
	    .items = &id_items, .max_items = 3 },
	{ "items", JT_ARRAY, 0, offsetof(struct every_in, items), NULL,
	    .items = &item_table },
};
static const struct jtable every = JTABLE(every_fields, struct every_in);

/* The schema of table t as compact JSON text equals want. */
static void
expect_table(const struct jtable *t, const char *want)
{
	struct json_object	*s = api_oa_table_schema(t);
	const char		*got = json_object_to_json_string_ext(s,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE);

	if (strcmp(got, want) != 0)
		fprintf(stderr, "\n got: %s\nwant: %s\n", got, want);
	CU_ASSERT_STRING_EQUAL(got, want);
	json_object_put(s);
}

static void
openapi_table(void)
{
	expect_table(&every, "{\"type\":\"object\",\"properties\":{"
	    "\"s\":{\"type\":[\"string\",\"null\"],\"maxLength\":4,"
	    "\"x-max-bytes\":4,\"enum\":[\"Red\",\"Blue\",null]},"
	    "\"i\":{\"type\":\"integer\",\"minimum\":-5,\"maximum\":5},"
	    "\"n\":{\"type\":\"number\"},"
	    "\"b\":{\"type\":\"boolean\"},"
	    "\"sn\":{\"type\":[\"string\",\"number\"]},"
	    "\"any\":{},"
	    "\"ids\":{\"type\":\"array\",\"items\":{\"type\":\"integer\","
	    "\"minimum\":1},\"maxItems\":3},"
	    "\"items\":{\"type\":\"array\",\"items\":{\"type\":\"object\","
	    "\"properties\":{\"id\":{\"type\":\"integer\"},"
	    "\"note\":{\"type\":\"string\",\"description\":\"A note\","
	    "\"maxLength\":10,\"x-max-bytes\":10}},\"required\":[\"id\"]}}},"
	    "\"required\":[\"s\",\"b\"]}");
}

void
register_openapi_tests(void)
{
	CU_pSuite s = CU_add_suite("openapi schemas", NULL, NULL);

	CU_add_test(s, "typed input table to JSON Schema", openapi_table);
}
