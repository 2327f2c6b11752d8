/*
 * multipart/form-data (RFC 7578, RFC 2046 §5.1.1): delimiters are CRLF
 * "--" boundary, the first may open the body; part headers end at an
 * empty line; only Content-Disposition is read (name, filename).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "core/arena.h"
#include "http/multipart.h"

int
http_multipart_boundary(const char *ct, char *out)
{
	const char	*p, *e;
	size_t		 n;

	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return -1;
	for (p = ct + 19; (p = strchr(p, ';')) != NULL; ) {
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (strncasecmp(p, "boundary=", 9) != 0)
			continue;
		p += 9;
		if (*p == '"') {
			p++;
			if ((e = strchr(p, '"')) == NULL)
				return -1;
		} else
			e = p + strcspn(p, "; \t");
		n = (size_t)(e - p);
		if (n < 1 || n > 70)
			return -1;
		memcpy(out, p, n);
		out[n] = '\0';
		return 0;
	}
	return -1;
}

/* The value of param in a header line (name="x"), arena copy or NULL. */
static const char *
param(struct arena *a, const char *h, size_t hn, const char *name)
{
	size_t		 k = strlen(name), i;
	const char	*v, *e;

	for (i = 0; i + k + 2 <= hn; i++) {
		if ((i == 0 || h[i - 1] == ' ' || h[i - 1] == ';' ||
		    h[i - 1] == '\t') && strncasecmp(h + i, name, k) == 0 &&
		    h[i + k] == '=') {
			v = h + i + k + 1;
			if (v < h + hn && *v == '"') {
				v++;
				e = memchr(v, '"', (size_t)(h + hn - v));
			} else {
				e = v;
				while (e < h + hn && *e != ';' && *e != ' ')
					e++;
			}
			if (e == NULL)
				return NULL;
			return arena_strndup(a, v, (size_t)(e - v));
		}
	}
	return NULL;
}

int
http_multipart_parse(struct arena *a, const char *boundary, const char *body,
    size_t len, struct mp_part *parts, int max, int *n, const char **why)
{
	char		 delim[80];
	size_t		 dl, off, he, lstart;
	const char	*p, *end = body + len, *hdr, *next;

	*n = 0;
	dl = (size_t)snprintf(delim, sizeof(delim), "--%s", boundary);
	/* The first delimiter: at the start or after a preamble's CRLF. */
	if (len >= dl && memcmp(body, delim, dl) == 0)
		p = body + dl;
	else {
		snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
		if ((p = memmem(body, len, delim, dl + 2)) == NULL) {
			*why = "no boundary delimiter in the body";
			return -1;
		}
		p += dl + 2;
	}
	snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	dl += 2;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0;	/* the close delimiter */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n') {
			*why = "a boundary delimiter is not followed by CRLF";
			return -1;
		}
		p += 2;
		if (*n == max) {
			*why = "too many parts";
			return -1;
		}
		memset(&parts[*n], 0, sizeof(parts[*n]));
		/* Headers up to the empty line. */
		if ((hdr = memmem(p, (size_t)(end - p), "\r\n\r\n", 4)) == NULL &&
		    !(end - p >= 2 && p[0] == '\r' && p[1] == '\n')) {
			*why = "a part's headers do not end";
			return -1;
		}
		he = hdr ? (size_t)(hdr - p) : 0;
		for (off = 0; off < he; off = lstart) {
			const char *l = p + off, *le;

			le = memmem(l, he - off, "\r\n", 2);
			lstart = le ? (size_t)(le - p) + 2 : he;
			if (le == NULL)
				le = p + he;
			if ((size_t)(le - l) > 20 &&
			    strncasecmp(l, "Content-Disposition:", 20) == 0) {
				parts[*n].name = param(a, l, (size_t)(le - l),
				    "name");
				parts[*n].filename = param(a, l, (size_t)(le - l),
				    "filename");
			}
		}
		p += hdr ? he + 4 : 2;
		if ((next = memmem(p, (size_t)(end - p), delim, dl)) == NULL) {
			*why = "a part is not closed by a boundary delimiter";
			return -1;
		}
		parts[*n].data = p;
		parts[*n].len = (size_t)(next - p);
		(*n)++;
		p = next + dl;
	}
}
