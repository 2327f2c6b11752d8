/*
 * multipart/form-data request bodies (RFC 7578 on RFC 2046 §5.1): the
 * parts of a body with their form names and file names.  Pure: the parts
 * point into the body.
 */
#ifndef HTTP_MULTIPART_H
#define HTTP_MULTIPART_H

#include <stddef.h>

struct arena;

struct mp_part {
	const char	*name;		/* form field name (arena), or NULL */
	const char	*filename;	/* file name (arena), or NULL */
	const char	*data;		/* into the body */
	size_t		 len;
};

/*
 * The boundary of a Content-Type "multipart/form-data; boundary=..."
 * (quoted or not, 1-70 characters) into out (>= 71 bytes): 0, or -1.
 */
int	http_multipart_boundary(const char *ct, char *out);
/*
 * Parses body[0..len) with boundary into parts[0..max): *n parts.
 * Returns 0, or -1 with a sentence in *why (malformed, or more than max
 * parts).
 */
int	http_multipart_parse(struct arena *, const char *boundary,
	    const char *body, size_t len, struct mp_part *parts, int max,
	    int *n, const char **why);

#endif
