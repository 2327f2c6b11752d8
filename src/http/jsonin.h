/*
 * Strict JSON request-body decoding (CONVENTIONS §1, §2, §7).
 *
 * http_json_parse_strict() validates the raw bytes first with our own scanner
 * (UTF-8, depth, value count, duplicate keys, trailing bytes, top level
 * must be an object) and only then builds a json-c tree, so json-c's
 * lenient habits (last duplicate wins, saturating integers) never show
 * and it never builds more objects than the bounds allow.
 *
 * http_json_decode_fields() then fills a caller struct from a field table, in
 * table order, collecting one sentence per offending field.
 */
#ifndef HTTP_JSONIN_H
#define HTTP_JSONIN_H

#include <stddef.h>
#include <stdint.h>

#include <json-c/json.h>

#include "http/jsonscan.h"

struct arena;

/*
 * Parses buf[0..len) strictly with nesting at most max_depth.
 * Returns 0 and a tree in *root (owned by the arena: freed at reset), or -1
 * with a static/arena reason in *why ("duplicate key \"username\"", ...).
 */
int	http_json_parse_strict(struct arena *, const char *buf, size_t len,
	    int max_depth, struct json_object **root, const char **why);
/*
 * http_json_parse_strict with the bounds of b (depth, values, objects, string
 * length; see jsonscan.h), checked before json-c allocates anything; b's
 * counts are filled in.  An integer outside the int64 range becomes a
 * json-c double whose text http_json_number_text() gives back as sent
 * (JT_INT64 fields refuse it as out of range).  With b->top_array the
 * tree is an array.
 */
int	http_json_parse_bounded(struct arena *, const char *buf, size_t len,
	    struct jsonscan *b, struct json_object **root, const char **why);
/* The token text of the number v as sent (arena), or NULL if v is not a
 * number. */
const char *http_json_number_text(struct arena *, struct json_object *v);

/* Field errors, reported together in field-table order (CONVENTIONS §2). */
#define FIELD_ERRORS_MAX 64
struct field_errors {
	int		 n;
	const char	*field[FIELD_ERRORS_MAX];
	const char	*message[FIELD_ERRORS_MAX];	/* "<field>: <wrong>; <allowed>" */
};

/* Adds a sentence for field (printf format); ignores overflow past MAX. */
void	http_field_error(struct arena *, struct field_errors *, const char *field,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* 1 when field already has an error. */
int	http_field_has_error(const struct field_errors *, const char *field);

/* Destination types (the struct member at 'offset' has the given C type). */
enum jtype {
	JT_STRING,	/* struct jstr */
	JT_INT64,	/* struct jint   (JSON integer, range on the text) */
	JT_NUMBER,	/* struct jnum   (finite JSON number, text kept) */
	JT_BOOL,	/* struct jbool */
	JT_STRING_OR_NUMBER,	/* struct jstr: a number is kept as its text */
	JT_ANY,		/* struct jany   (raw json_object, for custom checks) */
	JT_ARRAY,	/* struct jarr   (elements decoded by .items) */
	JT_VALUE,	/* struct jval   (any value, with its kind and text) */
	JT_OBJECT,	/* struct jobj   (members decoded by .items) */
	JT_ONEOF,	/* struct jone   (the first of .alts that decodes) */
	JT__MAX
};

/*
 * Every destination starts with present (the member was sent, not null)
 * and null (it was sent as JSON null: only for JF_NULLABLE fields, which
 * then have present 1 too).
 */
struct jstr  { int present; int null; const char *v; size_t len;
	       int was_number; };
struct jint  { int present; int null; int64_t v; };
struct jnum  { int present; int null; double v; const char *text; };
struct jbool { int present; int null; int v; };
struct jany  { int present; int null; struct json_object *v; };
/* n elements of .items->size bytes each at v (arena); bad: with
 * JF_ITEMS_QUIET, 1 + the index of the first element that failed its
 * table (0: none). */
struct jarr  { int present; int null; size_t n; void *v; size_t bad; };
/* A JSON object whose members .items decoded into the arena struct v
 * (.items->size bytes); other members are ignored. */
struct jobj  { int present; int null; void *v; };
/*
 * One of several shapes: .alts[which] was the first alternative that
 * decoded without an error (its type, bounds and, for an array or object,
 * its elements or members), into the arena destination v of that
 * alternative's type (struct jint for a JT_INT64 alternative, ...).
 */
struct jone  { int present; int null; int which; void *v; };

/* The kind of a JT_VALUE. */
enum jkind { JK_STRING, JK_NUMBER, JK_BOOL, JK_OBJECT, JK_ARRAY };
/*
 * Any JSON value: text is a string's bytes (len of them: more than
 * strlen(text) when they hold U+0000, see http_json_val_text), a number's token
 * as sent, or the compact JSON of another value.  Borrowed from the tree
 * (or the arena): valid until the arena's reset.  A string's bytes are
 * not read while decoding (a 10 000-read batch reads each once, later).
 */
struct jval  { int present; int null; enum jkind kind; const char *text;
	       size_t len; };
/* 1 when v is a string without U+0000 (its text is then all of it). */
int	http_json_val_text(const struct jval *v);

/*
 * A check runs after the type check succeeded and the value is present.
 * It gets the whole destination struct (earlier fields are decoded) and
 * returns NULL when fine, or the sentence after "<field>: " (arena string).
 */
typedef const char *(*jcheck_fn)(struct arena *, void *dst, void *ctx);

/* jfield.flags */
#define JF_NULLABLE	0x01	/* JSON null is a value (PATCH clears) */
#define JF_EMPTY_ABSENT	0x02	/* a string "" counts as absent */
#define JF_MIN		0x04	/* .min applies (JT_INT64, JT_NUMBER) */
#define JF_MAX		0x08	/* .max applies */
#define JF_ITEMS_QUIET	0x10	/* JT_ARRAY: an element's failure is not
				 * reported but kept in .bad, and .check
				 * runs to word it */
#define JF_QUERY_ALL	0x20	/* a query JT_STRING: every occurrence,
				 * comma-joined, present when sent at all
				 * (even empty): a list filter */

struct jtable;

/*
 * One member of a JSON object (or, with name NULL in an .items table, the
 * array element itself).  Set members by name (JF() for the first five);
 * all but name, type and offset are optional.  Checks run in
 * this order, the first failure reporting: presence (required), type,
 * max_len, values, min/max, check.  Everything here is introspectable:
 * docs/openapi.json and the fuzzers read the same tables.
 */
struct jfield {
	const char	*name;
	enum jtype	 type;
	int		 required;
	size_t		 offset;
	jcheck_fn	 check;		/* may be NULL */
	unsigned	 flags;		/* JF_* */
	const char	*doc;		/* one-line description */
	size_t		 max_len;	/* strings: at most this many bytes */
	const char *const *values;	/* strings: one of these, NULL-ended */
	int64_t		 min, max;	/* with JF_MIN / JF_MAX */
	const struct jtable *items;	/* JT_ARRAY: how each element decodes;
					 * JT_OBJECT: its members */
	size_t		 max_items;	/* JT_ARRAY: at most this many, 0 any */
	/*
	 * JT_ONEOF: the alternatives, tried in order (name and offset
	 * unused; their checks never run: the field's .check words the
	 * rule).  None decoding → msg_type, or "must be <a> or <b> ...".
	 */
	const struct jfield *alts;
	size_t		 nalts;
	/* Sentences after "<name>: " replacing the defaults (NULL: default) */
	const char	*msg_required;	/* absent (or null when not nullable) */
	const char	*msg_type;	/* wrong type (and U+0000 unless msg_nul) */
	const char	*msg_nul;	/* a string holding U+0000 */
	const char	*msg_null;	/* null sent for a field that is not
					 * JF_NULLABLE (NULL: as if absent) */
	const char	*msg_value;	/* max_len, values, min or max failed */
};

/* A field with only the first five members, in their order. */
#define JF(n, t, r, o, c) \
	{ .name = (n), .type = (t), .required = (r), .offset = (o), .check = (c) }

/* A table: fields decoded into a struct of size bytes. */
struct jtable {
	const struct jfield	*f;
	size_t			 n;
	size_t			 size;
};
#define JTABLE(fields, type) \
	{ (fields), sizeof(fields) / sizeof((fields)[0]), sizeof(type) }

/*
 * Decodes fields of obj per table into dst.  JSON null counts as absent
 * unless the field is JF_NULLABLE.  Missing required → "<name>: is
 * required; <type>"; wrong type → "<name>: must be a string" etc.  An
 * element of a JT_ARRAY reports as field <name> with "<name>[i]: ..." or
 * "<name>[i].<member>: ...".  A JT_OBJECT reports its first member error
 * as "<name>: <member>: ...".  Returns the number of errors added.
 */
int	http_json_decode_fields(struct arena *, struct json_object *obj,
	    const struct jfield *, size_t nfields, void *dst, void *ctx,
	    struct field_errors *);
/* http_json_decode_fields over a struct jtable. */
int	http_json_decode_table(struct arena *, struct json_object *obj,
	    const struct jtable *, void *dst, void *ctx,
	    struct field_errors *);
/*
 * Decodes the value v (a whole body that is not an object: an array) as
 * the member f of dst, as http_json_decode_fields would have decoded a
 * member f->name holding v (errors name f->name).  Returns the number of
 * errors added.
 */
int	http_json_decode_value(struct arena *, struct json_object *v,
	    const struct jfield *f, void *dst, void *ctx,
	    struct field_errors *);
/* What a field of type t allows ("a string", ...), for messages and docs. */
const char	*http_json_type_allowed(enum jtype t);

/*
 * The shared string decoder: the bytes of the JSON string v (length in
 * *len when len is not NULL), or NULL when v is not a string or when it
 * holds U+0000.  C code stops at the first NUL, so a string whose length
 * differs from its strlen would be read as a shorter one than was sent
 * ("Buyer\u0000x" as "Buyer"): every reader of a string field goes
 * through here and answers 400 for that field (CONVENTIONS §7).
 */
const char	*http_json_text(struct json_object *v, size_t *len);
/* 1 when v is a JSON string holding U+0000 (for the field's message). */
int	http_json_has_nul(struct json_object *v);

/*
 * Checks the text of a JSON integer token against the int64 range.
 * Returns 0 and *out, or -1 (not an integer or out of range).
 */
int	http_json_int64_from_text(const char *, int64_t *out);

#endif
