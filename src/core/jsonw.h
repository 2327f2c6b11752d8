/*
 * Streaming JSON writer onto a strbuf.  Handles commas and escaping; numbers
 * are printed in their shortest round-trip form (CONVENTIONS §7).
 * Usage: jw_obj_open(w); jw_key(w, "id"); jw_int(w, 7); jw_obj_close(w);
 */
#ifndef CORE_JSONW_H
#define CORE_JSONW_H

#include <stdint.h>

#include "core/strbuf.h"

#define JW_MAX_DEPTH 64

struct jw {
	struct strbuf	*sb;
	int		 depth;
	unsigned char	 count[JW_MAX_DEPTH];	/* items written per level (saturating) */
	int		 after_key;
};

void	jw_init(struct jw *, struct strbuf *);
void	jw_obj_open(struct jw *);
void	jw_obj_close(struct jw *);
void	jw_arr_open(struct jw *);
void	jw_arr_close(struct jw *);
void	jw_key(struct jw *, const char *);
/* A NULL string writes null. */
void	jw_str(struct jw *, const char *);
void	jw_strn(struct jw *, const char *, size_t);
void	jw_int(struct jw *, int64_t);
void	jw_uint(struct jw *, uint64_t);
/* Shortest round-trip (%.17g search); non-finite values write null. */
void	jw_double(struct jw *, double);
void	jw_bool(struct jw *, int);
void	jw_null(struct jw *);
/*
 * An instant (ms since the epoch, UTC) as its canonical string
 * "YYYY-MM-DDTHH:MM:SS.mmmZ" (time_format_iso, CONVENTIONS §3).
 */
void	jw_instant(struct jw *, int64_t ms);
/* key, then jw_instant: the one way an instant is written under a key. */
void	jw_key_instant(struct jw *, const char *key, int64_t ms);
/* Writes already-valid JSON text verbatim as one value. */
void	jw_raw(struct jw *, const char *);
/* Formats a double in shortest round-trip form into out (>= 32 bytes). */
void	jw_format_double(double, char *out, size_t outlen);

#endif
