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
