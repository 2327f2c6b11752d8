/*
 * Lookups over the code tables of devices.md §2 (data in codes_data.c).
 * The tables are small (at most 249 entries), so every lookup is a
 * linear scan; "any case" means ASCII case folding.
 */
#include <string.h>
#include <strings.h>

#include "domain/codes.h"

/*
 * Points *p and *n at the part of s without leading and trailing space,
 * tab, CR and LF.
 */
static void
trim_span(const char *s, const char **p, size_t *n)
{
	size_t len;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	*p = s;
	*n = len;
}

/*
 * 1 when the span p[0..n) equals want, ignoring ASCII case.  The first
 * bytes are compared first (| 0x20 folds ASCII letters; a false match is
 * settled by strncasecmp): most entries of a ~250-entry table differ
 * there, and rendering 10 000 devices looks codes up 10 000 times.
 */
static int
span_eq(const char *p, size_t n, const char *want)
{
	if (n > 0 && (p[0] | 0x20) != (want[0] | 0x20))
		return 0;
	return strlen(want) == n && strncasecmp(p, want, n) == 0;
}

static const struct code_entry *
find_code(const struct code_entry *t, size_t nt, const char *s)
{
	const char *p;
	size_t i, n;

	if (s == NULL)
		return NULL;
	trim_span(s, &p, &n);
	for (i = 0; i < nt; i++)
		if (span_eq(p, n, t[i].code))
			return &t[i];
	return NULL;
}

static const char *
find_string(const char *const *t, size_t nt, const char *s)
{
	const char *p;
	size_t i, n;

	if (s == NULL)
		return NULL;
	trim_span(s, &p, &n);
	for (i = 0; i < nt; i++)
		if (span_eq(p, n, t[i]))
			return t[i];
	return NULL;
}

const struct code_entry *
dom_codes_fuel_list(size_t *n)
{
	*n = dom_codes_nfuel_types;
	return dom_codes_fuel_types;
}

const struct code_entry *
dom_codes_device_type_list(size_t *n)
{
	*n = dom_codes_ndevice_types;
	return dom_codes_device_types;
}

const struct country *
dom_codes_country_list(size_t *n)
{
	*n = dom_codes_ncountries;
	return dom_codes_countries;
}

const struct sdg_entry *
dom_codes_sdg_list(size_t *n)
{
	*n = dom_codes_nsdgs;
	return dom_codes_sdgs;
}

const struct code_entry *
dom_codes_fuel(const char *s)
{
	return find_code(dom_codes_fuel_types, dom_codes_nfuel_types, s);
}

const struct code_entry *
dom_codes_device_type(const char *s)
{
	return find_code(dom_codes_device_types, dom_codes_ndevice_types, s);
}

/* The i-th value of list l; NULL past its end. */
static const char *
list_item(enum codes_list l, size_t i)
{
	switch (l) {
	case CODES_FUEL:
		return i < dom_codes_nfuel_types ? dom_codes_fuel_types[i].code : NULL;
	case CODES_DEVICE_TYPE:
		return i < dom_codes_ndevice_types ? dom_codes_device_types[i].code :
		    NULL;
	case CODES_OFFTAKER:
		return i < dom_codes_nofftakers ? dom_codes_offtakers[i] : NULL;
	case CODES_DESCRIPTION:
		return i < dom_codes_ndevice_descriptions ?
		    dom_codes_device_descriptions[i] : NULL;
	case CODES_SDG:
		return i < dom_codes_nsdgs ? dom_codes_sdgs[i].name : NULL;
	default:
		return NULL;
	}
}

/* Appends part to buf (truncating, NUL-terminated) and counts it in *len. */
static void
append(char *buf, size_t size, size_t *len, const char *part)
{
	size_t add = strlen(part), room, m;

	if (size > 0 && *len < size - 1) {
		room = size - 1 - *len;
		m = add < room ? add : room;
		memcpy(buf + *len, part, m);
		buf[*len + m] = '\0';
	}
	*len += add;
}

size_t
dom_codes_list_text(enum codes_list l, char *buf, size_t size)
{
	const char *item;
	size_t i, len = 0;

	if (size > 0)
		buf[0] = '\0';
	for (i = 0; (item = list_item(l, i)) != NULL; i++) {
		if (i > 0)
			append(buf, size, &len, ", ");
		append(buf, size, &len, item);
	}
	return len;
}

const struct country *
dom_codes_country(const char *s)
{
	/*
	 * The codes looked up last on this thread, direct-mapped by their
	 * bytes: a device list renders a few codes again and again, often
	 * alternating (a scan of ~250 entries each).  An entry is the exact
	 * string asked for, so a hit answers what the scan would.
	 */
	static __thread struct {
		char			 code[4];
		const struct country	*ct;
	} cache[32];
	const char *p;
	size_t i, n, len, slot;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	slot = len < 4 ? ((unsigned char)s[0] * 7u +
	    (len > 1 ? (unsigned char)s[1] * 3u : 0) +
	    (len > 2 ? (unsigned char)s[2] : 0)) % 32 : 0;
	if (len < 4 && cache[slot].ct != NULL &&
	    strcmp(s, cache[slot].code) == 0)
		return cache[slot].ct;
	trim_span(s, &p, &n);
	if (n != 2 && n != 3)
		return NULL;
	for (i = 0; i < dom_codes_ncountries; i++)
		if (span_eq(p, n, n == 2 ? dom_codes_countries[i].alpha2 :
		    dom_codes_countries[i].alpha3)) {
			if (len < 4) {
				memcpy(cache[slot].code, s, len + 1);
				cache[slot].ct = &dom_codes_countries[i];
			}
			return &dom_codes_countries[i];
		}
	return NULL;
}

const char *
dom_codes_country_main_zone(const struct country *c)
{
	if (c == NULL || c->ntimezones == 0)
		return "UTC";
	return c->timezones[0];
}

int
dom_codes_country_has_zone(const struct country *c, const char *zone,
    const char **canonical)
{
	const char *z;

	if (c == NULL || zone == NULL)
		return 0;
	z = find_string(c->timezones, c->ntimezones, zone);
	if (z == NULL)
		return 0;
	if (canonical != NULL)
		*canonical = z;
	return 1;
}

const char *
dom_codes_offtaker(const char *s)
{
	return find_string(dom_codes_offtakers, dom_codes_nofftakers, s);
}

const char *
dom_codes_device_description(const char *s)
{
	return find_string(dom_codes_device_descriptions,
	    dom_codes_ndevice_descriptions, s);
}

/*
 * The number 1..17 written as p[0..n) in canonical decimal (no sign, no
 * leading zero), else 0.
 */
static int
sdg_number(const char *p, size_t n)
{
	int v;

	if (n < 1 || n > 2 || p[0] < '1' || p[0] > '9')
		return 0;
	v = p[0] - '0';
	if (n == 2) {
		if (p[1] < '0' || p[1] > '9')
			return 0;
		v = v * 10 + (p[1] - '0');
	}
	return v <= CODES_SDG_MAX ? v : 0;
}

/* Shared by both SDG parsers; bare numbers only when bare is set. */
static int
sdg_parse(const char *s, int bare)
{
	const char *p;
	size_t i, n;

	if (s == NULL)
		return 0;
	trim_span(s, &p, &n);
	if (n > 3 && strncasecmp(p, "SDG", 3) == 0)
		return sdg_number(p + 3, n - 3);
	if (bare && n > 0 && p[0] >= '0' && p[0] <= '9')
		return sdg_number(p, n);
	for (i = 0; i < dom_codes_nsdgs; i++)
		if (span_eq(p, n, dom_codes_sdgs[i].value))
			return dom_codes_sdgs[i].number;
	return 0;
}

int
dom_codes_sdg_from_text(const char *s)
{
	return sdg_parse(s, 0);
}

int
dom_codes_sdg_from_filter(const char *s)
{
	return sdg_parse(s, 1);
}

const char *
dom_codes_sdg_name(int n)
{
	if (n < 1 || (size_t)n > dom_codes_nsdgs)
		return NULL;
	return dom_codes_sdgs[n - 1].value;
}

const char *
dom_codes_sdg_code(int n)
{
	if (n < 1 || (size_t)n > dom_codes_nsdgs)
		return NULL;
	return dom_codes_sdgs[n - 1].name;
}
