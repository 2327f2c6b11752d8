/*
 * libFuzzer harness: http_jsonscan_validate, http_json_parse_strict and
 * http_json_decode_fields on arbitrary bytes.  Aborts when the scanner and
 * http_json_parse_strict disagree, when a failure has no reason, or when
 * json-c's serialization of an accepted tree is not itself accepted.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "http/jsonin.h"
#include "http/jsonscan.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct sample {
	struct jstr	name;
	struct jint	count;
	struct jnum	capacity;
	struct jbool	active;
	struct jstr	id;
	struct jany	extra;
};

static const char *
check_name(struct arena *a, void *dst, void *ctx)
{
	struct sample	*s = dst;

	if (s->name.len != strlen(s->name.v))
		return "must not contain NUL characters";
	return s->name.len > 8 ? arena_printf(a, "is %zu long", s->name.len) :
	    NULL;
}

static const struct jfield fields[] = {
	JF("name", JT_STRING, 1, offsetof(struct sample, name), check_name),
	JF("count", JT_INT64, 0, offsetof(struct sample, count), NULL),
	JF("capacity", JT_NUMBER, 0, offsetof(struct sample, capacity), NULL),
	JF("active", JT_BOOL, 1, offsetof(struct sample, active), NULL),
	JF("id", JT_STRING_OR_NUMBER, 0, offsetof(struct sample, id), NULL),
	JF("extra", JT_ANY, 0, offsetof(struct sample, extra), NULL),
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	struct json_object	*root;
	struct field_errors	 fe;
	struct sample		 s;
	const char		*why, *text;
	int			 r1, r2, i;

	if (a == NULL && (a = arena_new()) == NULL)
		abort();
	r1 = http_jsonscan_validate((const char *)data, size, 32, &why, a);
	if (r1 == -1 && why == NULL)
		abort();
	r2 = http_json_parse_strict(a, (const char *)data, size, 32, &root, &why);
	if (r1 != r2 || (r2 == -1 && why == NULL) || (r2 == 0 && root == NULL))
		abort();	/* the scanner and json-c disagree */
	if (r2 == 0) {
		memset(&fe, 0, sizeof(fe));
		http_json_decode_fields(a, root, fields,
		    sizeof(fields) / sizeof(fields[0]), &s, NULL, &fe);
		for (i = 0; i < fe.n; i++)
			if (fe.message[i] == NULL || fe.field[i] == NULL)
				abort();
		if (s.capacity.present && s.capacity.text == NULL)
			abort();
		text = json_object_to_json_string_ext(root,
		    JSON_C_TO_STRING_PLAIN);
		if (http_jsonscan_validate(text, strlen(text), 32, &why, a) != 0)
			abort();	/* json-c wrote what we refuse */
	}
	arena_reset(a);
	return 0;
}
