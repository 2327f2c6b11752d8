/*
 * Strict JSON validator (RFC 8259) run on a request body before json-c
 * sees it; see jsonin.h for why.
 */
#ifndef HTTP_JSONSCAN_H
#define HTTP_JSONSCAN_H

#include <stddef.h>

struct arena;

/* The bounds of one scan and what it found. */
struct jsonscan {
	int	 max_depth;	/* in: nesting; the top-level object is 1 */
	size_t	 max_values;	/* in: values of any kind, 0: unbounded */
	size_t	 max_objects;	/* in: objects (json-c: ~800 bytes each) */
	size_t	 max_string;	/* in: bytes between a string's quotes */
	int	 top_array;	/* in: 1: the top level is an array instead
				 * of an object (one route's body) */
	size_t	 nvalues;	/* out: values seen (on failure, so far) */
	size_t	 nobjects;	/* out: objects seen */
	size_t	*wide;		/* out (arena): the offset just past each */
	size_t	 nwide;		/*  integer token outside the int64 range */
};

/*
 * Validates buf[0..len) as one JSON object (RFC 8259 grammar, RFC 3629
 * UTF-8) with nesting at most o->max_depth, at most o->max_values values
 * (objects, arrays, strings, numbers and literals; keys are not values),
 * at most o->max_objects objects and no string (key or value) longer
 * than o->max_string bytes of JSON text; a bound of 0 is no bound.  These
 * bound what json-c allocates afterwards.  Also refuses a key holding U+0000, a key repeated within one
 * object (decoded keys compared by their full length) and lone surrogate
 * escapes.  Any number the grammar allows is valid, however large.
 * Returns 0, or -1 with a short reason in *why (static or arena string).
 * Scratch memory comes from the arena.
 */
int	http_jsonscan_run(const char *buf, size_t len, struct jsonscan *o,
	    const char **why, struct arena *a);
/* http_jsonscan_run with a nesting bound only. */
int	http_jsonscan_validate(const char *buf, size_t len, int max_depth,
	    const char **why, struct arena *a);

#endif
