/*
 * Strict JSON validator (RFC 8259) run on a request body before json-c
 * sees it; see jsonin.h for why.
 */
#ifndef HTTP_JSONSCAN_H
#define HTTP_JSONSCAN_H

#include <stddef.h>

struct arena;

/*
 * Validates buf[0..len) as one JSON object (RFC 8259 grammar, RFC 3629
 * UTF-8) with nesting at most max_depth (the top-level object is depth 1).
 * Also refuses a key holding U+0000, a key repeated within one object
 * (decoded keys compared by their full length),
 * integers outside the signed 64-bit range (on the text), numbers whose
 * value is not finite, and lone surrogate escapes.
 * Returns 0, or -1 with a short reason in *why (static or arena string).
 * Scratch memory comes from the arena.
 */
int	jsonscan_validate(const char *buf, size_t len, int max_depth,
	    const char **why, struct arena *a);

#endif
