/*
 * Coordinates of devices.md §3.1: a JSON number, or a decimal or
 * degrees-minutes-seconds string with an optional hemisphere letter.
 * Values are kept as signed millionths of a degree ("micro-degrees"),
 * which is exactly the 6-decimal form the API stores and returns.
 */
#ifndef DOMAIN_COORDS_H
#define DOMAIN_COORDS_H

#include <stddef.h>
#include <stdint.h>

#define DOM_COORD_LAT_MAX	INT64_C(90000000)	/* 90 degrees */
#define DOM_COORD_LON_MAX	INT64_C(180000000)	/* 180 degrees */
#define DOM_COORD_FMT_SIZE	16

/*
 * Parses the string form of §3.1 (s of len bytes, trimmed here of space,
 * tab, CR and LF) for a latitude (is_latitude != 0: N/S, -90..90) or a
 * longitude (E/W, -180..180).  Returns 0 and stores the value rounded
 * half away from zero to 6 decimals in *micro, or returns -1 and points
 * *why at a static phrase such as "is out of range; -90 to 90".
 * The value is computed exactly in integers: no binary floating point.
 */
int	dom_coord_parse(const char *s, size_t len, int is_latitude,
	    int64_t *micro, const char **why);
/*
 * The same for a JSON number: v must be finite.  v is first written as
 * its shortest decimal that reads back as v (what the client most likely
 * sent), and that decimal is rounded exactly as dom_coord_parse does.
 */
int	dom_coord_from_number(double v, int is_latitude, int64_t *micro,
	    const char **why);
/*
 * Writes micro as a decimal with exactly 6 decimals ("-19.347492") into
 * out, NUL-terminated.  Magnitudes of 10^7 degrees or more (never produced
 * by the parsers) are clamped to 9999999.999999.
 */
void	dom_coord_format(int64_t micro, char out[DOM_COORD_FMT_SIZE]);

#endif
