/*
 * The columns of bulk-upload files (integrators.md §5.3, §5.4) and the
 * header check of §5.2.  Pure.
 */
#ifndef DOMAIN_BULK_COLS_H
#define DOMAIN_BULK_COLS_H

#include <stddef.h>

#include "core/ecode.h"

enum bulk_kind { BULK_DEVICES, BULK_READS };

/* Read file columns. */
enum { RC_EXTERNAL_ID, RC_END, RC_VALUE, RC_START, RC_UNIT, RC__N };
#define DC__MAX 21	/* device file columns */

/* Canonical name of column col of kind. */
const char	*dom_bulk_col_name(enum bulk_kind, int col);
/* Number of columns of kind. */
int		 dom_bulk_ncols(enum bulk_kind);

/*
 * Maps header fields f[0..nf) to columns: map[i] = column of field i.
 * need_start: the read file's starttimestamp is required (History).
 * Returns E_NONE, or the failure (E_CSV_UNKNOWN_COLUMN,
 * E_CSV_DUPLICATE_COLUMN, E_CSV_MISSING_COLUMN) with a sentence in msg.
 */
enum ecode	 dom_bulk_header(enum bulk_kind, char **f, int nf, int *map,
		    int need_start, char *msg, size_t msglen);

#endif
