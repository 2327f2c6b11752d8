/*
 * CSV for bulk uploads (integrators.md §5.2): RFC 4180 records with the
 * upload rules — UTF-8 (a leading BOM dropped; invalid UTF-8 or NUL
 * refused), CRLF or LF record ends, ',' only, quoted fields with "" for a
 * quote, fields trimmed of spaces and tabs, empty and all-empty records
 * skipped (their numbers stay used), every other record as wide as the
 * header.  Pure: no I/O, no allocation; the parser works in place.
 */
#ifndef DOMAIN_CSV_H
#define DOMAIN_CSV_H

#include <stddef.h>

#define CSV_MAX_FIELDS	64

enum csv_status {
	CSV_OK,
	CSV_ENCODING,		/* invalid UTF-8 or NUL: CSV_INVALID_ENCODING */
	CSV_SYNTAX,		/* quotes, field counts: CSV_MALFORMED */
	CSV_EMPTY_FILE,		/* no header or no data record: CSV_EMPTY */
	CSV_STOPPED,		/* the callback returned non-zero */
};

struct csv_error {
	enum csv_status	 status;
	int		 row;		/* record number, header = 1; 0 none */
	char		 msg[160];	/* a sentence, without the row */
};

/*
 * Called for the header (row 1) and each data record that is not empty:
 * the fields (NUL-terminated, trimmed, unescaped, in the caller's buffer)
 * and their count.  Non-zero stops the parse (CSV_STOPPED).
 */
typedef int	(*csv_record_fn)(void *ctx, int row, char **fields, int nf);

/*
 * Parses buf[0..len), which it rewrites; buf must have room for len + 1
 * bytes.  Returns the status (CSV_OK after the last record) with *err
 * describing the first failure; *records is the number of data records
 * passed to fn.
 */
enum csv_status	dom_csv_parse(char *buf, size_t len, csv_record_fn fn,
		    void *ctx, struct csv_error *err, int *records);

/*
 * Offset of the first invalid UTF-8 sequence or NUL byte in s[0..n), or
 * n when there is none (RFC 3629: no overlongs, no surrogates, at most
 * U+10FFFF).
 */
size_t		dom_utf8_bad(const char *s, size_t n);

/*
 * 1 when a cell would be read as a formula by a spreadsheet (it starts
 * with =, +, - or @, clients.md §6.5), so an export prefixes it with '.
 */
int		dom_csv_formula(const char *s);

#endif
