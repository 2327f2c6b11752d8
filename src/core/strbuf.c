/*
 * Growable, always NUL-terminated byte buffer on the heap or in an arena.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/strbuf.h"

void
strbuf_init(struct strbuf *sb)
{
	sb->buf = NULL;
	sb->len = 0;
	sb->cap = 0;
	sb->a = NULL;
}

void
strbuf_init_arena(struct strbuf *sb, struct arena *a)
{
	strbuf_init(sb);
	sb->a = a;
}

void
strbuf_cleanup(struct strbuf *sb)
{
	struct arena	*a = sb->a;

	if (a == NULL)
		free(sb->buf);
	strbuf_init_arena(sb, a);
}

void
strbuf_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->buf != NULL)
		sb->buf[0] = '\0';
}

/* Ensures room for n more bytes plus the NUL; aborts on OOM/overflow. */
static void
strbuf_grow(struct strbuf *sb, size_t n)
{
	size_t	 need, ncap;
	char	*p;

	if (n > SIZE_MAX - sb->len - 1)
		abort();
	need = sb->len + n + 1;
	if (need <= sb->cap)
		return;
	ncap = sb->cap ? sb->cap : 64;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2) {
			ncap = need;
			break;
		}
		ncap *= 2;
	}
	if (sb->a != NULL)
		p = arena_realloc(sb->a, sb->buf, sb->cap, ncap);
	else if ((p = realloc(sb->buf, ncap)) == NULL)
		abort();
	sb->buf = p;
	sb->cap = ncap;
}

void
strbuf_append(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_grow(sb, n);
	if (n > 0)
		memcpy(sb->buf + sb->len, s, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

char *
strbuf_extend(struct strbuf *sb, size_t n)
{
	char	*at;

	strbuf_grow(sb, n);
	at = sb->buf + sb->len;
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return at;
}

void
strbuf_puts(struct strbuf *sb, const char *s)
{
	strbuf_append(sb, s, strlen(s));
}

void
strbuf_putc(struct strbuf *sb, char c)
{
	/* Room for c and the NUL: no call (JSON writes many commas). */
	if (sb->len + 2 <= sb->cap) {
		sb->buf[sb->len++] = c;
		sb->buf[sb->len] = '\0';
		return;
	}
	strbuf_append(sb, &c, 1);
}

void
strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	strbuf_grow(sb, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb->len += (size_t)n;
}
