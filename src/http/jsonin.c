/*
 * Strict JSON request bodies (CONVENTIONS §1, §2, §7): validation by
 * jsonscan, then a json-c tree owned by the arena, then typed decoding
 * through a field table.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "core/arena.h"
#include "http/jsonin.h"
#include "http/jsonscan.h"

static void
put_tree(void *obj)
{
	json_object_put(obj);
}

/*
 * A copy of buf in which every integer token outside the int64 range
 * (ends at o->wide) is followed by ".0": json-c then builds a double and
 * keeps the token's text, where it would have saturated the integer
 * (9300000000000000000 read as 9223372036854775807).  http_json_number_text()
 * gives the text back without the mark.
 */
static char *
widen(struct arena *a, const char *buf, size_t *len, const struct jsonscan *o)
{
	char	*out = arena_alloc(a, *len + 2 * o->nwide + 1), *p = out;
	size_t	 i, from = 0;

	for (i = 0; i < o->nwide; i++) {
		memcpy(p, buf + from, o->wide[i] - from);
		p += o->wide[i] - from;
		memcpy(p, ".0", 2);
		p += 2;
		from = o->wide[i];
	}
	memcpy(p, buf + from, *len - from);
	p += *len - from;
	*p = '\0';
	*len = (size_t)(p - out);
	return out;
}

int
http_json_parse_strict(struct arena *a, const char *buf, size_t len,
    int max_depth, struct json_object **root, const char **why)
{
	struct jsonscan	o;

	memset(&o, 0, sizeof(o));
	o.max_depth = max_depth;
	return http_json_parse_bounded(a, buf, len, &o, root, why);
}

int
http_json_parse_bounded(struct arena *a, const char *buf, size_t len,
    struct jsonscan *o, struct json_object **root, const char **why)
{
	struct json_tokener	*tok;
	struct json_object	*obj;
	int			 depth, max_depth = o->max_depth;

	*root = NULL;
	if (http_jsonscan_run(buf, len, o, why, a) == -1)
		return -1;
	if (o->nwide > 0)
		buf = widen(a, buf, &len, o);
	/*
	 * json-c counts an object's levels differently (one extra slot per
	 * object), so give it room: the scanner has enforced max_depth.
	 */
	depth = max_depth > 0 && max_depth < 10000 ? 2 * max_depth + 2 : 20002;
	if (len > INT_MAX) {	/* json_tokener_parse_ex() takes an int */
		*why = "body too large";
		return -1;
	}
	if ((tok = json_tokener_new_ex(depth)) == NULL) {
		*why = "out of memory";
		return -1;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
	obj = json_tokener_parse_ex(tok, buf, (int)len);
	if (obj == NULL || json_tokener_get_error(tok) != json_tokener_success ||
	    !json_object_is_type(obj, o->top_array ? json_type_array :
	    json_type_object)) {
		/* Unreachable when the scanner and json-c agree. */
		*why = arena_printf(a, "json-c: %s", json_tokener_error_desc(
		    json_tokener_get_error(tok)));
		json_object_put(obj);
		json_tokener_free(tok);
		return -1;
	}
	json_tokener_free(tok);
	arena_defer(a, put_tree, obj);
	*root = obj;
	return 0;
}

void
http_field_error(struct arena *a, struct field_errors *fe, const char *field,
    const char *fmt, ...)
{
	char	*msg;
	va_list	 ap;
	int	 n;

	if (fe->n >= FIELD_ERRORS_MAX)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	msg = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	va_end(ap);
	fe->field[fe->n] = arena_strdup(a, field);
	fe->message[fe->n] = arena_printf(a, "%s: %s", field, msg);
	fe->n++;
}

int
http_field_has_error(const struct field_errors *fe, const char *field)
{
	int	i;

	for (i = 0; i < fe->n; i++)
		if (strcmp(fe->field[i], field) == 0)
			return 1;
	return 0;
}

const char *
http_json_text(struct json_object *v, size_t *len)
{
	const char	*s;
	size_t		 n;

	if (v == NULL || !json_object_is_type(v, json_type_string))
		return NULL;
	s = json_object_get_string(v);
	n = (size_t)json_object_get_string_len(v);
	if (strlen(s) != n)
		return NULL;
	if (len != NULL)
		*len = n;
	return s;
}

int
http_json_has_nul(struct json_object *v)
{
	return v != NULL && json_object_is_type(v, json_type_string) &&
	    http_json_text(v, NULL) == NULL;
}

int
http_json_int64_from_text(const char *t, int64_t *out)
{
	const char	*p = t;
	char		*end;
	long long	 v;

	/* RFC 8259 §6 int: -?(0|[1-9][0-9]*) */
	if (t == NULL)
		return -1;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9' || (*p == '0' && p[1] != '\0'))
		return -1;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p != '\0')
		return -1;
	errno = 0;
	v = strtoll(t, &end, 10);
	if (errno == ERANGE || *end != '\0')
		return -1;
	*out = v;
	return 0;
}

/* What a field of type t allows, for "<name>: is required; <allowed>". */
static const char *const allowed[JT__MAX] = {
	"a string",		/* JT_STRING */
	"an integer",		/* JT_INT64 */
	"a number",		/* JT_NUMBER */
	"true or false",	/* JT_BOOL */
	"a string or a number",	/* JT_STRING_OR_NUMBER */
	"a value",		/* JT_ANY */
	"an array",		/* JT_ARRAY */
	"a value",		/* JT_VALUE */
	"an object",		/* JT_OBJECT */
	"a value",		/* JT_ONEOF: see oneof_allowed() */
};

static const char nul_msg[] = "must not contain U+0000 (NUL)";

/* The wrong-type sentence after "<name>: ". */
static const char *const musttype[JT__MAX] = {
	"must be a string",
	"must be an integer",
	"must be a number",
	"must be true or false",
	"must be a string or a number",
	"must be a value",
	"must be an array",
	"must be a value",
	"must be an object",
	"must be a value",
};

static const size_t dstsize[JT__MAX] = {
	sizeof(struct jstr),
	sizeof(struct jint),
	sizeof(struct jnum),
	sizeof(struct jbool),
	sizeof(struct jstr),
	sizeof(struct jany),
	sizeof(struct jarr),
	sizeof(struct jval),
	sizeof(struct jobj),
	sizeof(struct jone),
};

const char *
http_json_type_allowed(enum jtype t)
{
	return (unsigned)t < JT__MAX ? allowed[t] : "a value";
}

static int
is_number(struct json_object *v)
{
	return json_object_is_type(v, json_type_int) ||
	    json_object_is_type(v, json_type_double);
}

/* 1 when t is "<integer outside int64>.0", the mark of widen(). */
static int
widened(const char *t, size_t n)
{
	char	buf[32];
	int64_t	v;

	if (n < 3 || strcmp(t + n - 2, ".0") != 0 || strchr(t, 'e') ||
	    strchr(t, 'E') || memchr(t, '.', n - 2) != NULL)
		return 0;
	if (n - 2 >= sizeof(buf))
		return 1;	/* more than 30 digits */
	memcpy(buf, t, n - 2);
	buf[n - 2] = '\0';
	return http_json_int64_from_text(buf, &v) == -1;
}

const char *
http_json_number_text(struct arena *a, struct json_object *v)
{
	const char	*t;
	size_t		 n;

	if (!json_object_is_type(v, json_type_int) &&
	    !json_object_is_type(v, json_type_double))
		return NULL;
	t = json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN);
	n = strlen(t);
	return widened(t, n) ? arena_strndup(a, t, n - 2) : arena_strdup(a, t);
}

static const char *
number_text(struct arena *a, struct json_object *v)
{
	return http_json_number_text(a, v);
}

/* A JT_VALUE: kind and text of v (never a failure). */
static const char *
decode_value(struct arena *a, struct json_object *v, struct jval *jv)
{
	switch (json_object_get_type(v)) {
	case json_type_string:
		jv->kind = JK_STRING;
		jv->text = json_object_get_string(v);
		jv->len = (size_t)json_object_get_string_len(v);
		break;
	case json_type_int:
	case json_type_double:
		jv->kind = JK_NUMBER;
		jv->text = number_text(a, v);
		jv->len = strlen(jv->text);
		break;
	default:
		jv->kind = json_object_is_type(v, json_type_boolean) ?
		    JK_BOOL : json_object_is_type(v, json_type_object) ?
		    JK_OBJECT : JK_ARRAY;
		jv->text = json_object_to_json_string_ext(v,
		    JSON_C_TO_STRING_PLAIN);
		jv->len = strlen(jv->text);
		break;
	}
	jv->present = 1;
	return NULL;
}

int
http_json_val_text(const struct jval *v)
{
	return v->present && v->kind == JK_STRING && strlen(v->text) == v->len;
}

/*
 * Decodes v into the member p of type t.  Returns NULL when fine, or the
 * wrong-type sentence.
 */
static const char *
decode_one(struct arena *a, struct json_object *v, enum jtype t, void *p)
{
	struct jstr	*js = p;
	struct jint	*ji = p;
	struct jnum	*jn = p;
	struct jbool	*jb = p;
	struct jany	*ja = p;
	const char	*s;

	switch (t) {
	case JT_STRING_OR_NUMBER:
		if (is_number(v)) {
			js->v = number_text(a, v);
			js->len = strlen(js->v);
			js->was_number = 1;
			js->present = 1;
			return NULL;
		}
		/* FALLTHROUGH */
	case JT_STRING:
		if (!json_object_is_type(v, json_type_string))
			return musttype[t];
		if ((s = http_json_text(v, &js->len)) == NULL)
			return nul_msg;
		js->v = arena_strndup(a, s, js->len);
		js->present = 1;
		return NULL;
	case JT_INT64:
		/* Integers outside int64 arrive as doubles (widen()). */
		if (json_object_is_type(v, json_type_double) &&
		    (s = json_object_to_json_string_ext(v,
		    JSON_C_TO_STRING_PLAIN)) != NULL && widened(s, strlen(s)))
			return "is outside the signed 64-bit integer range";
		if (!json_object_is_type(v, json_type_int) ||
		    http_json_int64_from_text(json_object_to_json_string_ext(v,
		    JSON_C_TO_STRING_PLAIN), &ji->v) == -1)
			return musttype[t];
		ji->present = 1;
		return NULL;
	case JT_NUMBER:
		if (!is_number(v))
			return musttype[t];
		jn->v = json_object_get_double(v);
		if (!isfinite(jn->v))
			return "must be a finite number";
		jn->text = number_text(a, v);
		jn->present = 1;
		return NULL;
	case JT_BOOL:
		if (!json_object_is_type(v, json_type_boolean))
			return musttype[t];
		jb->v = json_object_get_boolean(v) ? 1 : 0;
		jb->present = 1;
		return NULL;
	case JT_ANY:
		ja->v = v;
		ja->present = 1;
		return NULL;
	case JT_ARRAY:
		if (!json_object_is_type(v, json_type_array))
			return musttype[t];
		((struct jarr *)p)->present = 1;
		return NULL;	/* elements: decode_array() */
	case JT_VALUE:
		return decode_value(a, v, p);
	default:
		abort();	/* a bad field table */
	}
}

/* The leading members every destination struct shares (jsonin.h). */
struct jhead { int present; int null; };

/* The bounds of f (max_len, values, min, max) on a decoded p; NULL ok. */
static const char *
bounds(struct arena *a, const struct jfield *f, const void *p)
{
	const struct jstr	*js = p;
	const struct jint	*ji = p;
	size_t			 i;

	if (f->type == JT_STRING || f->type == JT_STRING_OR_NUMBER) {
		if (f->max_len > 0 && js->len > f->max_len)
			return f->msg_value ? f->msg_value : arena_printf(a,
			    "is longer than %zu characters", f->max_len);
		if (f->values != NULL) {
			for (i = 0; f->values[i] != NULL; i++)
				if (strcmp(f->values[i], js->v) == 0)
					return NULL;
			return f->msg_value ? f->msg_value :
			    "is not one of the allowed values";
		}
	}
	if (f->type == JT_INT64 && (((f->flags & JF_MIN) && ji->v < f->min) ||
	    ((f->flags & JF_MAX) && ji->v > f->max)))
		return f->msg_value ? f->msg_value : "is out of range";
	return NULL;
}

/* An element's error: field name with the whole sentence msg. */
static void
elem_error(struct field_errors *fe, const char *name, const char *msg)
{
	if (fe->n >= FIELD_ERRORS_MAX)
		return;
	fe->field[fe->n] = name;
	fe->message[fe->n] = msg;
	fe->n++;
}

static int decode_array(struct arena *, struct json_object *,
    const struct jfield *, struct jarr *, void *, struct field_errors *);
static const char *decode_field(struct arena *, struct json_object *, int,
    const struct jfield *, void *, void *);

/* A JT_OBJECT: its members per f->items; the first member error, or NULL. */
static const char *
decode_object(struct arena *a, struct json_object *v, const struct jfield *f,
    struct jobj *jo, void *ctx)
{
	struct field_errors	 sub;
	void			*m;

	if (f->items == NULL)
		abort();	/* a JT_OBJECT without .items */
	if (!json_object_is_type(v, json_type_object))
		return musttype[JT_OBJECT];
	m = arena_alloc(a, f->items->size + 1);
	memset(m, 0, f->items->size + 1);
	sub.n = 0;
	if (http_json_decode_table(a, v, f->items, m, ctx, &sub) > 0 ||
	    sub.n > 0)
		return sub.message[0];
	jo->v = m;
	jo->present = 1;
	return NULL;
}

/* "must be <allowed> or <allowed> ..." of f's alternatives. */
static const char *
oneof_allowed(struct arena *a, const struct jfield *f)
{
	const char	*s = "must be";
	size_t		 i;

	for (i = 0; i < f->nalts; i++)
		s = arena_printf(a, "%s%s %s", s, i > 0 ? " or" : "",
		    allowed[f->alts[i].type]);
	return s;
}

/* A JT_ONEOF: the first alternative that decodes without an error. */
static const char *
decode_oneof(struct arena *a, struct json_object *v, const struct jfield *f,
    struct jone *jo, void *ctx)
{
	const struct jfield	*alt;
	struct field_errors	 sub;
	void			*p;
	size_t			 i;

	if (f->alts == NULL || f->nalts == 0)
		abort();	/* a JT_ONEOF without .alts */
	for (i = 0; i < f->nalts; i++) {
		alt = &f->alts[i];
		if ((unsigned)alt->type >= JT__MAX)
			abort();
		p = arena_alloc(a, dstsize[alt->type]);
		if (decode_field(a, v, 1, alt, p, ctx) != NULL)
			continue;
		sub.n = 0;
		if (alt->type == JT_ARRAY &&
		    (decode_array(a, v, alt, p, ctx, &sub) > 0 || sub.n > 0))
			continue;
		jo->which = (int)i;
		jo->v = p;
		jo->present = 1;
		return NULL;
	}
	return f->msg_type ? f->msg_type : oneof_allowed(a, f);
}

/*
 * Decodes the member v (NULL: absent) of field f into p; the sentence of
 * the first failure, or NULL.  sent: the member exists (v NULL: null).
 */
static const char *
decode_field(struct arena *a, struct json_object *v, int sent,
    const struct jfield *f, void *p, void *ctx)
{
	const char	*msg;

	if ((unsigned)f->type >= JT__MAX)
		abort();
	memset(p, 0, dstsize[f->type]);
	if (sent && v == NULL && (f->flags & JF_NULLABLE)) {
		((struct jhead *)p)->present = 1;	/* leading members alike */
		((struct jhead *)p)->null = 1;
		return NULL;
	}
	if (v != NULL && (f->flags & JF_EMPTY_ABSENT) &&
	    json_object_is_type(v, json_type_string) &&
	    json_object_get_string_len(v) == 0)
		v = NULL;
	if (sent && v == NULL && f->msg_null != NULL)
		return f->msg_null;
	if (v == NULL)		/* absent or JSON null */
		return f->required ? (f->msg_required ? f->msg_required :
		    arena_printf(a, "is required; %s", allowed[f->type])) :
		    NULL;
	if (f->type == JT_ONEOF)
		return decode_oneof(a, v, f, p, ctx);
	if (f->type == JT_OBJECT) {
		msg = decode_object(a, v, f, p, ctx);
		if (msg == musttype[JT_OBJECT] && f->msg_type != NULL)
			msg = f->msg_type;
		return msg;
	}
	if ((msg = decode_one(a, v, f->type, p)) != NULL) {
		if (msg == nul_msg && f->msg_nul != NULL)
			return f->msg_nul;
		return f->msg_type ? f->msg_type : msg;
	}
	return bounds(a, f, p);
}

/* Field f of dst from v (sent: the member exists); errors added. */
static int
decode_member(struct arena *a, struct json_object *v, int sent,
    const struct jfield *f, void *dst, void *ctx, struct field_errors *fe)
{
	const char	*msg;
	void		*p = (char *)dst + f->offset;
	int		 nerr = 0;

	if ((msg = decode_field(a, sent ? v : NULL, sent, f, p, ctx)) ==
	    NULL && ((struct jhead *)p)->present &&
	    !((struct jhead *)p)->null) {
		if (f->type == JT_ARRAY) {
			nerr += decode_array(a, v, f, p, ctx, fe);
			if (((struct jhead *)p)->present == 0)
				return nerr;	/* element errors */
			if (((struct jarr *)p)->bad != 0 && f->check == NULL)
				msg = "holds an element that is not allowed";
		}
		if (f->check != NULL)
			msg = f->check(a, dst, ctx);
	}
	if (msg != NULL) {
		http_field_error(a, fe, f->name, "%s", msg);
		nerr++;
	}
	return nerr;
}

int
http_json_decode_fields(struct arena *a, struct json_object *obj,
    const struct jfield *f, size_t nfields, void *dst, void *ctx,
    struct field_errors *fe)
{
	struct json_object	*v;
	size_t			 i;
	int			 nerr = 0, sent;

	for (i = 0; i < nfields; i++) {
		v = NULL;
		sent = obj != NULL && json_object_is_type(obj,
		    json_type_object) &&
		    json_object_object_get_ex(obj, f[i].name, &v);
		nerr += decode_member(a, v, sent, &f[i], dst, ctx, fe);
	}
	return nerr;
}

int
http_json_decode_value(struct arena *a, struct json_object *v,
    const struct jfield *f, void *dst, void *ctx, struct field_errors *fe)
{
	return decode_member(a, v, 1, f, dst, ctx, fe);
}

int
http_json_decode_table(struct arena *a, struct json_object *obj,
    const struct jtable *t, void *dst, void *ctx, struct field_errors *fe)
{
	return http_json_decode_fields(a, obj, t->f, t->n, dst, ctx, fe);
}

/*
 * The elements of array v per f->items into an arena array.  Element
 * errors report as field f->name ("<name>[i]: ..." or "<name>[i].<member>:
 * ..."); with any of them, *ja is left not present.  Returns the number of
 * errors added.
 */
static int
decode_array(struct arena *a, struct json_object *v, const struct jfield *f,
    struct jarr *ja, void *ctx, struct field_errors *fe)
{
	const struct jtable	*t = f->items;
	struct field_errors	 sub;
	struct json_object	*e;
	const char		*msg;
	char			*item;
	size_t			 i, n = json_object_array_length(v);
	int			 j, nerr = 0;

	if (t == NULL)
		abort();	/* a JT_ARRAY without .items */
	if (f->max_items > 0 && n > f->max_items) {
		http_field_error(a, fe, f->name, "%s", f->msg_value ? f->msg_value :
		    arena_printf(a, "holds %zu elements; at most %zu", n,
		    f->max_items));
		ja->present = 0;
		return 1;
	}
	ja->n = n;
	ja->v = item = arena_alloc(a, n * t->size + 1);
	memset(item, 0, n * t->size + 1);
	for (i = 0; i < n; i++, item += t->size) {
		e = json_object_array_get_idx(v, i);
		if (t->n == 1 && t->f[0].name == NULL) {
			/* The element itself. */
			msg = decode_field(a, e, 1, &t->f[0],
			    item + t->f[0].offset, ctx);
			if (msg == NULL && t->f[0].check != NULL &&
			    ((struct jhead *)(item + t->f[0].offset))->present)
				msg = t->f[0].check(a, item, ctx);
			if (msg != NULL && (f->flags & JF_ITEMS_QUIET)) {
				if (ja->bad == 0)
					ja->bad = i + 1;
			} else if (msg != NULL) {
				elem_error(fe, f->name, arena_printf(a,
				    "%s[%zu]: %s", f->name, i, msg));
				nerr++;
			}
			continue;
		}
		if ((f->flags & JF_ITEMS_QUIET) && (e == NULL ||
		    !json_object_is_type(e, json_type_object) ||
		    (sub.n = 0, http_json_decode_table(a, e, t, item, ctx, &sub)) > 0)) {
			if (ja->bad == 0)
				ja->bad = i + 1;
			continue;
		}
		if ((f->flags & JF_ITEMS_QUIET))
			continue;
		if (e == NULL || !json_object_is_type(e, json_type_object)) {
			elem_error(fe, f->name, arena_printf(a,
			    "%s[%zu]: must be an object", f->name, i));
			nerr++;
			continue;
		}
		sub.n = 0;
		http_json_decode_table(a, e, t, item, ctx, &sub);
		for (j = 0; j < sub.n; j++) {
			elem_error(fe, f->name, arena_printf(a, "%s[%zu].%s",
			    f->name, i, sub.message[j]));
			nerr++;
		}
	}
	if (nerr > 0)
		ja->present = 0;
	return nerr;
}
