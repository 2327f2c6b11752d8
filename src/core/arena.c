/*
 * Request arena: a chunked bump allocator with LIFO cleanups.
 *
 * Small allocations are carved out of chunks of ARENA_CHUNK bytes; a
 * request larger than a quarter chunk gets a chunk of its own so that it
 * does not waste the tail of the current one.  Every pointer handed out is
 * aligned to ARENA_ALIGN bytes.  arena_reset() keeps the first chunk (the
 * common case is one chunk per request) and frees the rest.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"

#define ARENA_ALIGN	16
#define ARENA_CHUNK	(16 * 1024)

struct chunk {
	struct chunk	*next;
	size_t		 size;	/* usable bytes after the header */
	size_t		 used;
	/* followed by data, aligned */
};

/* Header size rounded up so that data starts aligned. */
#define CHUNK_HDR	((sizeof(struct chunk) + ARENA_ALIGN - 1) & \
			    ~(size_t)(ARENA_ALIGN - 1))

struct cleanup {
	struct cleanup	*next;
	void		(*fn)(void *);
	void		*arg;
};

struct arena {
	struct chunk	*head;		/* current chunk, list of all chunks */
	struct chunk	*first;		/* the chunk kept across resets */
	struct cleanup	*cleanups;	/* LIFO */
};

static struct chunk *
chunk_new(size_t size)
{
	struct chunk	*c;

	if (size > SIZE_MAX - CHUNK_HDR)
		abort();
	if ((c = malloc(CHUNK_HDR + size)) == NULL)
		abort();
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

static unsigned char *
chunk_data(struct chunk *c)
{
	return (unsigned char *)c + CHUNK_HDR;
}

struct arena *
arena_new(void)
{
	struct arena	*a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return NULL;
	if ((a->first = malloc(CHUNK_HDR + ARENA_CHUNK)) == NULL) {
		free(a);
		return NULL;
	}
	a->first->next = NULL;
	a->first->size = ARENA_CHUNK;
	a->first->used = 0;
	a->head = a->first;
	return a;
}

static void
arena_run_cleanups(struct arena *a)
{
	struct cleanup	*c;

	/* Cleanups live in the arena's chunks: run them all before freeing. */
	while ((c = a->cleanups) != NULL) {
		a->cleanups = c->next;
		c->fn(c->arg);
	}
}

size_t
arena_reset(struct arena *a)
{
	struct chunk	*c, *next;
	size_t		 freed = 0;

	if (a == NULL)
		return 0;
	arena_run_cleanups(a);
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		if (c != a->first) {
			freed += c->size;
			free(c);
		}
	}
	a->first->next = NULL;
	a->first->used = 0;
	a->head = a->first;
	return freed;
}

void
arena_free(struct arena *a)
{
	if (a == NULL)
		return;
	arena_reset(a);
	free(a->first);
	free(a);
}

/* n rounded up to ARENA_ALIGN (0 counts as 1); aborts on overflow. */
static size_t
arena_round(size_t n)
{
	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ARENA_ALIGN)
		abort();
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

/* need (rounded) bytes, not zeroed. */
static void *
arena_take(struct arena *a, size_t need)
{
	struct chunk	*c;
	void		*p;

	c = a->head;
	if (c->size - c->used < need) {
		if (need > ARENA_CHUNK / 4) {
			/*
			 * Large: own chunk, linked behind the current one so
			 * the current chunk's free tail stays usable.
			 */
			c = chunk_new(need);
			c->next = a->head->next;
			a->head->next = c;
		} else {
			c = chunk_new(ARENA_CHUNK);
			c->next = a->head;
			a->head = c;
		}
	}
	p = chunk_data(c) + c->used;
	c->used += need;
	return p;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	void	*p;

	p = arena_take(a, arena_round(n));
	memset(p, 0, n);
	return p;
}

void *
arena_realloc(struct arena *a, void *p, size_t oldn, size_t n)
{
	struct chunk	*c, **prev;
	size_t		 old, need;
	void		*q;

	if (p == NULL)
		return arena_take(a, arena_round(n));
	old = arena_round(oldn);
	need = arena_round(n);
	if (need <= old)
		return p;
	/* The current chunk's last block: take more of its free tail. */
	c = a->head;
	if ((unsigned char *)p + old == chunk_data(c) + c->used &&
	    need - old <= c->size - c->used) {
		c->used += need - old;
		return p;
	}
	/*
	 * A large block (its own chunk, see arena_take) alone in its chunk:
	 * resize the chunk.  Small ones are copied: no list walk for them.
	 */
	for (prev = &a->head; old > ARENA_CHUNK / 4 && (c = *prev) != NULL;
	    prev = &c->next) {
		if (chunk_data(c) != p)
			continue;
		if (c == a->first || c->used != old)
			break;
		if (need > SIZE_MAX - CHUNK_HDR)
			abort();
		if ((c = realloc(c, CHUNK_HDR + need)) == NULL)
			abort();
		c->size = need;
		c->used = need;
		*prev = c;
		return chunk_data(c);
	}
	q = arena_take(a, need);
	memcpy(q, p, oldn);
	return q;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	if (n == SIZE_MAX)
		abort();
	p = arena_alloc(a, n + 1);
	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	if (s == NULL)
		return NULL;
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*p;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
	struct cleanup	*c;

	c = arena_alloc(a, sizeof(*c));
	c->fn = fn;
	c->arg = arg;
	c->next = a->cleanups;
	a->cleanups = c;
}
