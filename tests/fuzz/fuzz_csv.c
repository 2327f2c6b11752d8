/*
 * libFuzzer harness: dom_csv_parse (integrators.md §5.2) on arbitrary
 * bytes.  Aborts when a failure has no row or sentence, when an accepted
 * file held invalid UTF-8 or a NUL, when a record's width differs from
 * the header's, or when a field is not valid UTF-8 afterwards.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/csv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct state {
	int	width;
	int	last_row;
};

static int
record(void *ctx, int row, char **f, int nf)
{
	struct state	*s = ctx;
	int		 i;

	if (nf < 1 || nf > CSV_MAX_FIELDS || row <= s->last_row)
		abort();
	if (s->width == 0)
		s->width = nf;
	else if (nf != s->width)
		abort();
	s->last_row = row;
	for (i = 0; i < nf; i++)
		if (dom_utf8_bad(f[i], strlen(f[i])) != strlen(f[i]))
			abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct state		 s = { 0, 0 };
	struct csv_error	 e;
	enum csv_status		 st;
	char			*buf = malloc(size + 1);
	int			 n;

	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	st = dom_csv_parse(buf, size, record, &s, &e, &n);
	if (st == CSV_OK && (n < 1 || dom_utf8_bad((const char *)data, size) !=
	    size))
		abort();
	if (st != CSV_OK && (e.msg[0] == '\0' || (st != CSV_EMPTY_FILE &&
	    e.row < 1)))
		abort();
	free(buf);
	return 0;
}
