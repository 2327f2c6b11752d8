/*
 * Growable byte buffer.  Always NUL-terminated after any append.
 * Its storage is on the heap (strbuf_init: strbuf_cleanup frees it) or in
 * an arena (strbuf_init_arena: the arena's reset frees it, no cleanup).
 */
#ifndef CORE_STRBUF_H
#define CORE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct strbuf {
	char		*buf;	/* NUL-terminated, or NULL before the first append */
	size_t		 len;
	size_t		 cap;
	struct arena	*a;	/* the storage's owner, NULL for the heap */
};

/* An empty buffer whose storage is on the heap. */
void	 strbuf_init(struct strbuf *);
/*
 * An empty buffer whose storage comes from a (a request's body: valid
 * until arena_reset, which frees it; strbuf_cleanup is not needed).
 * Growth doubles the capacity; a buffer that is the arena's last block
 * grows in place, else the old block is left to the reset.
 */
void	 strbuf_init_arena(struct strbuf *, struct arena *a);
/* Frees heap storage (arena storage: forgets it) and empties the buffer. */
void	 strbuf_cleanup(struct strbuf *);
/* Sets len to 0, keeps the storage. */
void	 strbuf_reset(struct strbuf *);
/* Append helpers; abort() on allocation failure (a programmer/OOM error). */
void	 strbuf_append(struct strbuf *, const char *, size_t);
void	 strbuf_puts(struct strbuf *, const char *);
void	 strbuf_putc(struct strbuf *, char);
/*
 * Appends n bytes the caller writes: returns where they go (valid until
 * the next append), the buffer's length already counting them and its NUL
 * after them.
 */
char	*strbuf_extend(struct strbuf *, size_t n);
void	 strbuf_printf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
