/*
 * A route's input, decoded before its handler runs (api.h struct
 * api_input; docs/hacking.md): path id → query → body fields → the
 * route's check across fields, in the order of CONVENTIONS §1, each step
 * answering all of its errors at once (§2).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "api/api.h"

/*
 * Decodes the query parameter of field f (its text: empty is absent, as
 * api_query) into p.  NULL when fine, else the sentence after "<name>: ".
 */
static const char *
query_one(struct api_call *c, const struct jfield *f, void *p)
{
	const char	*s = (f->flags & JF_QUERY_ALL) ?
			    api_query_all(c, f->name) : api_query(c, f->name);
	struct jstr	*js = p;
	struct jint	*ji = p;
	size_t		 i;

	memset(p, 0, f->type == JT_INT64 ? sizeof(*ji) : sizeof(*js));
	if (s == NULL)
		return f->required ? (f->msg_required ? f->msg_required :
		    arena_printf(c->a, "is required; %s",
		    http_json_type_allowed(f->type))) : NULL;
	switch (f->type) {
	case JT_STRING:
		js->v = s;
		js->len = strlen(s);
		js->present = 1;
		if (f->max_len > 0 && js->len > f->max_len)
			return f->msg_value ? f->msg_value : arena_printf(c->a,
			    "is longer than %zu characters", f->max_len);
		if (f->values == NULL)
			return NULL;
		for (i = 0; f->values[i] != NULL; i++)
			if (strcmp(f->values[i], s) == 0)
				return NULL;
		return f->msg_value ? f->msg_value :
		    "is not one of the allowed values";
	case JT_INT64:
		if (http_json_int64_from_text(s, &ji->v) != 0)
			return f->msg_type ? f->msg_type : arena_printf(c->a,
			    "\"%.32s\" is not an integer", s);
		ji->present = 1;
		if (((f->flags & JF_MIN) && ji->v < f->min) ||
		    ((f->flags & JF_MAX) && ji->v > f->max))
			return f->msg_value ? f->msg_value : "is out of range";
		return NULL;
	default:
		abort();	/* a query table takes strings and integers */
	}
}

/*
 * The body of a route whose input is one JSON array (api_input.array):
 * 0 and its errors in fe, or -1 answered (not one well-formed array).
 */
static int
array_body(struct api_call *c, const struct api_input *in,
    struct field_errors *fe)
{
	struct json_object	*v;
	struct jsonscan		 b;
	const char		*why;

	memset(&b, 0, sizeof(b));
	b.max_depth = JSON_MAX_DEPTH;
	b.top_array = 1;
	if (http_json_parse_bounded(c->a, c->raw_body, c->raw_len, &b, &v,
	    &why) != 0) {
		api_failf(c, E_INVALID_JSON, "%s", in->msg_json);
		return -1;
	}
	http_json_decode_value(c->a, v, &in->array, c->in, c, fe);
	return 0;
}

int
api_input_decode(struct api_call *c)
{
	const struct api_input	*in = c->route->in;
	struct field_errors	 fe;
	const char		*msg;
	size_t			 i;

	if (in == NULL)
		return 0;
	c->in = arena_alloc(c->a, in->size);
	memset(c->in, 0, in->size);
	if (in->path_id != NULL && api_path_id(c, in->path_id,
	    &c->path_id) != 0)
		return -1;
	if (in->path != NULL && in->path(c) != 0)
		return -1;
	fe.n = 0;
	for (i = 0; i < in->query.n; i++) {
		msg = query_one(c, &in->query.f[i],
		    (char *)c->in + in->query.f[i].offset);
		if (msg == NULL && in->query.f[i].check != NULL &&
		    *(int *)((char *)c->in + in->query.f[i].offset))
			msg = in->query.f[i].check(c->a, c->in, c);
		if (msg != NULL)
			http_field_error(c->a, &fe, in->query.f[i].name, "%s", msg);
	}
	if (fe.n > 0) {
		api_fail_fields(c, E_INVALID_QUERY, &fe);
		return -1;
	}
	if (in->body.n > 0)
		http_json_decode_table(c->a, c->body, &in->body, c->in, c, &fe);
	if (in->array.type == JT_ARRAY && array_body(c, in, &fe) != 0)
		return -1;
	if (in->check != NULL && in->check(c, c->in, &fe) != 0)
		return -1;
	if (fe.n > 0) {
		api_fail_fields(c, in->code != E_NONE ? in->code : E_INVALID_FIELD, &fe);
		return -1;
	}
	return 0;
}

/* The names of t plus the words of extra, space-separated. */
static const char *
names(struct arena *a, const struct jtable *t, const char *extra)
{
	size_t	 i, n = extra ? strlen(extra) + 1 : 1;
	char	*s, *p;

	for (i = 0; i < t->n; i++)
		n += strlen(t->f[i].name) + 1;
	p = s = arena_alloc(a, n);
	for (i = 0; i < t->n; i++)
		p += sprintf(p, "%s%s", p == s ? "" : " ", t->f[i].name);
	if (extra != NULL && extra[0] != '\0')
		p += sprintf(p, "%s%s", p == s ? "" : " ", extra);
	*p = '\0';
	return s;
}

const char *
api_route_query_names(struct arena *a, const struct api_route *r)
{
	static const struct jtable none;

	return names(a, r->in ? &r->in->query : &none, r->query);
}

const char *
api_route_body_names(struct arena *a, const struct api_route *r)
{
	static const struct jtable none;

	return names(a, r->in ? &r->in->body : &none, r->fields);
}
