/*
 * libFuzzer harness: dom_coord_parse (devices.md §3.1) on arbitrary bytes,
 * as a latitude and as a longitude, and dom_coord_from_number on the first
 * 8 bytes read as a double.  Aborts when a failure has no reason, when an
 * accepted value is out of its axis's range, or when the 6-decimal form of
 * an accepted value does not parse back to the same value.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/coords.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check(int rc, int64_t v, const char *why, int is_latitude)
{
	int64_t max = is_latitude ? DOM_COORD_LAT_MAX : DOM_COORD_LON_MAX;
	char out[DOM_COORD_FMT_SIZE];
	const char *why2 = NULL;
	int64_t v2 = 0;

	if (rc != 0) {
		if (rc != -1 || why == NULL || *why == '\0')
			abort();
		return;
	}
	if (v < -max || v > max)
		abort();
	dom_coord_format(v, out);
	if (dom_coord_parse(out, strlen(out), is_latitude, &v2, &why2) != 0 ||
	    v2 != v)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *why;
	int64_t v;
	double d;
	int axis, rc;

	for (axis = 0; axis < 2; axis++) {
		why = NULL;
		v = 0;
		rc = dom_coord_parse(s, size, axis, &v, &why);
		check(rc, v, why, axis);
		if (size >= sizeof(d)) {
			memcpy(&d, data, sizeof(d));
			why = NULL;
			v = 0;
			rc = dom_coord_from_number(d, axis, &v, &why);
			check(rc, v, why, axis);
		}
	}
	return 0;
}
