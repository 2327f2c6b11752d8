/*
 * Growable byte buffer (heap).  Always NUL-terminated after any append.
 */
#ifndef CORE_STRBUF_H
#define CORE_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char	*buf;	/* NUL-terminated, or NULL before the first append */
	size_t	 len;
	size_t	 cap;
};

void	 strbuf_init(struct strbuf *);
/* Frees the storage and re-initialises. */
void	 strbuf_cleanup(struct strbuf *);
/* Sets len to 0, keeps the storage. */
void	 strbuf_reset(struct strbuf *);
/* Append helpers; abort() on allocation failure (a programmer/OOM error). */
void	 strbuf_append(struct strbuf *, const char *, size_t);
void	 strbuf_puts(struct strbuf *, const char *);
void	 strbuf_putc(struct strbuf *, char);
void	 strbuf_printf(struct strbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
