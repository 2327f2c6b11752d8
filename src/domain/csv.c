/*
 * CSV parsing for bulk uploads (integrators.md §5.2, RFC 4180 §2 with the
 * upload's rules).  One pass over the bytes; fields are unescaped in
 * place (the output of a field never outruns its input) and terminated
 * where their delimiter was.
 */
#include <stdio.h>
#include <string.h>

#include "domain/csv.h"

size_t
dom_utf8_bad(const char *s, size_t n)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, k, len;
	unsigned		 c, min;

	while (i < n) {
		c = p[i];
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			len = 2;
			min = 0x80;
			c &= 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			min = 0x800;
			c &= 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			min = 0x10000;
			c &= 0x07;
		} else
			return i;
		if (i + len > n)
			return i;
		for (k = 1; k < len; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return i;
			c = (c << 6) | (p[i + k] & 0x3f);
		}
		if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			return i;
		i += len;
	}
	return n;
}

int
dom_csv_formula(const char *s)
{
	return s != NULL && s[0] != '\0' && strchr("=+-@", s[0]) != NULL;
}

static enum csv_status
fail(struct csv_error *err, enum csv_status st, int row, const char *msg)
{
	err->status = st;
	err->row = row;
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
	return st;
}

/* 1 at a record end: LF, CRLF, or a CR ending the file. */
static int
line_end(const char *buf, size_t i, size_t len)
{
	return buf[i] == '\n' || (buf[i] == '\r' && (i + 1 == len ||
	    buf[i + 1] == '\n'));
}

/* Trims spaces and tabs of f[0..*n) in place; the new start. */
static char *
trim(char *f, size_t *n)
{
	while (*n > 0 && (f[*n - 1] == ' ' || f[*n - 1] == '\t'))
		(*n)--;
	while (*n > 0 && (*f == ' ' || *f == '\t')) {
		f++;
		(*n)--;
	}
	return f;
}

enum csv_status
dom_csv_parse(char *buf, size_t len, csv_record_fn fn, void *ctx,
    struct csv_error *err, int *records)
{
	char		*fields[CSV_MAX_FIELDS];
	char		 msg[160];
	size_t		 i = 0, bad, out, n;
	char		*start;
	int		 nf, row = 0, header = 0, all_empty, end;

	memset(err, 0, sizeof(*err));
	*records = 0;
	bad = dom_utf8_bad(buf, len);
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len) {
		row++;
		nf = 0;
		all_empty = 1;
		/* One record: fields until LF, CRLF or the end. */
		for (end = 0; !end; ) {
			start = buf + i;
			out = i;
			while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
				i++;
			if (i < len && buf[i] == '"') {
				out = ++i;
				start = buf + out;
				for (;;) {
					if (i >= bad && i < len)
						return fail(err, CSV_ENCODING, row,
						    "invalid UTF-8 or a NUL byte");
					if (i >= len)
						return fail(err, CSV_SYNTAX, row,
						    "a quoted field is not closed");
					if (buf[i] == '"') {
						if (i + 1 < len && buf[i + 1] == '"') {
							buf[out++] = '"';
							i += 2;
							continue;
						}
						i++;
						break;
					}
					buf[out++] = buf[i++];
				}
				n = out - (size_t)(start - buf);
				while (i < len && (buf[i] == ' ' || buf[i] == '\t'))
					i++;
				if (i < len && buf[i] != ',' && !line_end(buf, i,
				    len))
					return fail(err, CSV_SYNTAX, row, "text "
					    "after a closing quote; quote the whole "
					    "field and write a quote inside as \"\"");
			} else {
				for (;;) {
					if (i >= bad && i < len)
						return fail(err, CSV_ENCODING, row,
						    "invalid UTF-8 or a NUL byte");
					if (i >= len || buf[i] == ',' ||
					    line_end(buf, i, len))
						break;
					if (buf[i] == '"')
						return fail(err, CSV_SYNTAX, row,
						    "a quote inside an unquoted "
						    "field; quote the whole field and "
						    "write a quote inside as \"\"");
					i++;
				}
				n = i - (size_t)(start - buf);
			}
			/* The delimiter: ',' goes on, a line end ends. */
			if (i >= len)
				end = 1;
			else if (buf[i] == ',')
				i++;
			else {
				i += (buf[i] == '\r' && i + 1 < len) ? 2 : 1;
				end = 1;
			}
			if (nf == CSV_MAX_FIELDS)
				return fail(err, CSV_SYNTAX, row, "more than 64 "
				    "fields");
			start = trim(start, &n);
			start[n] = '\0';
			if (n > 0)
				all_empty = 0;
			fields[nf++] = start;
		}
		if (all_empty)
			continue;	/* an empty line or record */
		if (!header) {
			header = nf;
			if (row != 1)
				row = 1;	/* leading empty lines */
		} else if (nf != header) {
			snprintf(msg, sizeof(msg), "row %d has %d fields; the "
			    "header has %d (is a comma unquoted?)", row, nf,
			    header);
			return fail(err, CSV_SYNTAX, row, msg);
		} else
			(*records)++;
		if (fn != NULL && fn(ctx, row, fields, nf) != 0)
			return fail(err, CSV_STOPPED, row, "stopped");
	}
	if (bad < len)	/* a NUL or bad byte in trailing empty records */
		return fail(err, CSV_ENCODING, row, "invalid UTF-8 or a NUL byte");
	if (header == 0 || *records == 0)
		return fail(err, CSV_EMPTY_FILE, 0, header ? "the file has a "
		    "header but no data record" : "the file is empty");
	return CSV_OK;
}
