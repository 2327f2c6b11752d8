/*
 * Request arena: bump allocator with registered cleanups.
 * Everything allocated per request comes from here and is released at once
 * by arena_reset() after the response has been sent.  libc only.
 */
#ifndef CORE_ARENA_H
#define CORE_ARENA_H

#include <stddef.h>

struct arena;

/* Returns a new empty arena (heap); NULL on allocation failure. */
struct arena	*arena_new(void);
/* Releases every chunk and runs pending cleanups; NULL is a no-op. */
void		 arena_free(struct arena *);
/*
 * Runs cleanups (last registered first), keeps the first chunk for reuse.
 * Returns the bytes of the chunks it freed (how large the request was).
 */
size_t		 arena_reset(struct arena *);
/* Returns zeroed memory aligned for any type, valid until reset; aborts on OOM. */
void		*arena_alloc(struct arena *, size_t);
/*
 * Resizes p (NULL, or a block of oldn bytes from this arena) to n >= oldn
 * bytes and returns it; its first oldn bytes are kept, the rest is not
 * zeroed.  The last block of the current chunk, and a block alone in its
 * own chunk (a large one), grow in place (realloc: glibc remaps a large
 * block instead of copying it); any other is copied to a new block and
 * the old one is left until the reset.  Aborts on OOM.
 */
void		*arena_realloc(struct arena *, void *p, size_t oldn, size_t n);
/* Copies a NUL-terminated string (NULL in, NULL out). */
char		*arena_strdup(struct arena *, const char *);
/* Copies n bytes and appends a NUL. */
char		*arena_strndup(struct arena *, const char *, size_t);
/* printf into the arena. */
char		*arena_printf(struct arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* Registers fn(arg) to run at reset/free (e.g. json_object_put). */
void		 arena_defer(struct arena *, void (*fn)(void *), void *arg);

#endif
