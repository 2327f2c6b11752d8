/*
 * Unit tests for src/core/tz: the host's tz database (meter-reads.md §1.3
 * wall-clock rules, §6 time-zones list) and every zone the country table
 * names (ARCHITECTURE.md §4).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

#include "core/timeutil.h"
#include "core/tz.h"
#include "domain/codes.h"

#define H	3600
#define MIN	60

/* Milliseconds of a civil date-time read as UTC. */
static int64_t
civ(int64_t y, unsigned mo, unsigned d, int h, int mi, int s, int ms)
{
	return time_days_from_civil(y, mo, d) * 86400000LL +
	    (int64_t)h * 3600000 + (int64_t)mi * 60000 + (int64_t)s * 1000 +
	    ms;
}

static const struct tz *
must_get(const char *name)
{
	const struct tz	*z = tz_get(name);

	CU_ASSERT_PTR_NOT_NULL_FATAL(z);
	return z;
}

static void
test_tz_berlin(void)
{
	const struct tz	*z = must_get("Europe/Berlin");

	CU_ASSERT_STRING_EQUAL(tz_name(z), "Europe/Berlin");
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2023, 1, 15, 12, 0, 0, 0)), 1 * H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2023, 7, 15, 12, 0, 0, 0)), 2 * H);
	/* The transitions themselves, to the second. */
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2023, 3, 26, 0, 59, 59, 999)), H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2023, 3, 26, 1, 0, 0, 0)), 2 * H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2023, 10, 29, 0, 59, 59, 0)),
	    2 * H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2023, 10, 29, 1, 0, 0, 0)), H);
	/* §1.3 gap: moved forward, 02:30 → 01:30Z (= 03:30 CEST). */
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2023, 3, 26, 2, 30, 0, 0)),
	    civ(2023, 3, 26, 1, 30, 0, 0));
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2023, 3, 26, 2, 0, 0, 0)),
	    civ(2023, 3, 26, 1, 0, 0, 0));
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2023, 3, 26, 1, 59, 59, 999)),
	    civ(2023, 3, 26, 0, 59, 59, 999));
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2023, 3, 26, 3, 0, 0, 0)),
	    civ(2023, 3, 26, 1, 0, 0, 0));
	/* §1.3 overlap: the earlier instant, 02:30 → 00:30Z. */
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2023, 10, 29, 2, 30, 0, 0)),
	    civ(2023, 10, 29, 0, 30, 0, 0));
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2023, 10, 29, 2, 0, 0, 0)),
	    civ(2023, 10, 29, 0, 0, 0, 0));
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2023, 10, 29, 3, 0, 0, 0)),
	    civ(2023, 10, 29, 2, 0, 0, 0));
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2023, 10, 29, 1, 59, 59, 0)),
	    civ(2023, 10, 28, 23, 59, 59, 0));
	/* Before 1970 and before the first transition (LMT +0:53:28). */
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(1850, 1, 1, 0, 0, 0, 0)),
	    53 * MIN + 28);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(1945, 5, 30, 12, 0, 0, 0)),
	    3 * H);			/* Berlin double summer time */
}

static void
test_tz_kolkata(void)
{
	const struct tz	*z = must_get("Asia/Kolkata");

	/* §1.3: milliseconds kept. */
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2024, 6, 4, 5, 30, 0, 250)),
	    civ(2024, 6, 4, 0, 0, 0, 250));
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2024, 6, 4, 5, 29, 59, 999)),
	    civ(2024, 6, 3, 23, 59, 59, 999));
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2024, 6, 4, 0, 0, 0, 0)),
	    5 * H + 30 * MIN);
	/* Negative instants round toward minus infinity. */
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(1969, 12, 31, 23, 59, 59,
	    500)), civ(1969, 12, 31, 23, 59, 59, 500) - 19800000LL);
}

static void
test_tz_lookup(void)
{
	const struct tz	*z, *z2;

	z = must_get("asia/kolkata");
	CU_ASSERT_STRING_EQUAL(tz_name(z), "Asia/Kolkata");
	CU_ASSERT_PTR_EQUAL(z, tz_get("ASIA/KOLKATA"));
	CU_ASSERT_PTR_EQUAL(z, tz_get("Asia/Kolkata"));
	z2 = must_get("Asia/Calcutta");
	CU_ASSERT_STRING_EQUAL(tz_name(z2), "Asia/Calcutta");
	CU_ASSERT_EQUAL(tz_offset_at(z2, 0), 5 * H + 30 * MIN);
	z = must_get("utc");
	CU_ASSERT_STRING_EQUAL(tz_name(z), "UTC");
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2024, 6, 1, 0, 0, 0, 0)), 0);
	CU_ASSERT_EQUAL(tz_local_to_utc(z, 1234567), 1234567);
	z = must_get("Etc/GMT+5");
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2024, 6, 1, 0, 0, 0, 0)), -5 * H);
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2024, 6, 1, 0, 0, 0, 0)),
	    civ(2024, 6, 1, 5, 0, 0, 0));
	z = must_get("etc/gmt-14");
	CU_ASSERT_EQUAL(tz_offset_at(z, 0), 14 * H);
	CU_ASSERT_PTR_NULL(tz_get("Mars/Base"));
	CU_ASSERT_PTR_NULL(tz_get(""));
	CU_ASSERT_PTR_NULL(tz_get(NULL));
	CU_ASSERT_PTR_NULL(tz_get("Asia/Kolkata "));
	CU_ASSERT_PTR_NULL(tz_get("Asia"));
	CU_ASSERT_PTR_NULL(tz_get("../zoneinfo/UTC"));
	CU_ASSERT_PTR_NULL(tz_get("/usr/share/zoneinfo/UTC"));
	CU_ASSERT_PTR_NULL(tz_get("posix/UTC"));
	CU_ASSERT_PTR_NULL(tz_get("right/UTC"));
	CU_ASSERT_PTR_NULL(tz_get("posixrules"));
	CU_ASSERT_PTR_NULL(tz_get("localtime"));
	CU_ASSERT_PTR_NULL(tz_get("zone.tab"));
	CU_ASSERT_PTR_NULL(tz_get("tzdata.zi"));
	/* A later init keeps the database already read. */
	CU_ASSERT_EQUAL(tz_init(NULL), 0);
}

/* Beyond the transition table: the footer's TZ rule. */
static void
test_tz_footer(void)
{
	const struct tz	*z = must_get("America/New_York");

	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2050, 7, 1, 12, 0, 0, 0)), -4 * H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2050, 1, 15, 12, 0, 0, 0)),
	    -5 * H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2400, 7, 1, 12, 0, 0, 0)), -4 * H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2400, 12, 1, 12, 0, 0, 0)),
	    -5 * H);
	/* 2050-03-13 is the second Sunday of March: gap 02:00-03:00. */
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2050, 3, 13, 6, 59, 59, 0)),
	    -5 * H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2050, 3, 13, 7, 0, 0, 0)), -4 * H);
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2050, 3, 13, 2, 30, 0, 0)),
	    civ(2050, 3, 13, 7, 30, 0, 0));
	/* 2050-11-06, first Sunday of November: 01:30 twice, earlier. */
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2050, 11, 6, 1, 30, 0, 0)),
	    civ(2050, 11, 6, 5, 30, 0, 0));
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2050, 11, 6, 2, 0, 0, 0)),
	    civ(2050, 11, 6, 7, 0, 0, 0));
	/* Southern hemisphere, DST across the new year. */
	z = must_get("America/Santiago");
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2060, 1, 1, 0, 0, 0, 0)), -3 * H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2060, 7, 1, 0, 0, 0, 0)), -4 * H);
}

static void
test_tz_lord_howe_dublin(void)
{
	const struct tz	*z = must_get("Australia/Lord_Howe");

	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2024, 7, 1, 0, 0, 0, 0)),
	    10 * H + 30 * MIN);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2024, 1, 1, 0, 0, 0, 0)), 11 * H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2055, 1, 1, 0, 0, 0, 0)), 11 * H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2055, 7, 1, 0, 0, 0, 0)),
	    10 * H + 30 * MIN);
	/* Gap 2024-10-06 02:00-02:30, overlap 2024-04-07 01:30-02:00. */
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2024, 10, 6, 2, 15, 0, 0)),
	    civ(2024, 10, 5, 15, 45, 0, 0));
	CU_ASSERT_EQUAL(tz_local_to_utc(z, civ(2024, 4, 7, 1, 45, 0, 0)),
	    civ(2024, 4, 6, 14, 45, 0, 0));
	z = must_get("Europe/Dublin");
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2024, 1, 15, 0, 0, 0, 0)), 0);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2024, 7, 15, 0, 0, 0, 0)), H);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2070, 1, 15, 0, 0, 0, 0)), 0);
	CU_ASSERT_EQUAL(tz_offset_at(z, civ(2070, 7, 15, 0, 0, 0, 0)), H);
}

static int
has_name(const char *const *v, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], s) == 0)
			return 1;
	return 0;
}

static void
test_tz_names(void)
{
	const char *const	*v;
	size_t			 n, i, bad = 0;

	v = tz_names(&n);
	CU_ASSERT_FATAL(n > 300);
	for (i = 1; i < n; i++)
		if (strcmp(v[i - 1], v[i]) >= 0)
			bad++;
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT(has_name(v, n, "Asia/Kolkata"));
	CU_ASSERT(has_name(v, n, "Asia/Calcutta"));
	CU_ASSERT(has_name(v, n, "US/Eastern"));
	CU_ASSERT(has_name(v, n, "UTC"));
	CU_ASSERT(has_name(v, n, "Etc/GMT+5"));
	CU_ASSERT(!has_name(v, n, "zone.tab"));
	CU_ASSERT(!has_name(v, n, "zone1970.tab"));
	CU_ASSERT(!has_name(v, n, "tzdata.zi"));
	CU_ASSERT(!has_name(v, n, "posixrules"));
	CU_ASSERT(!has_name(v, n, "localtime"));
	for (i = 0; i < n; i++)
		if (strncmp(v[i], "posix/", 6) == 0 ||
		    strncmp(v[i], "right/", 6) == 0 || v[i][0] == '/' ||
		    strchr(v[i], '.') != NULL)
			bad++;
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_PTR_EQUAL(tz_names(&i), v);
}

/*
 * Every listed zone loads, and wall-clock conversion inverts the offset:
 * for instants u through 1850..2150, local = u + offset(u) converts back
 * to an instant u' <= u with u' + offset(u') = local (u' < u only when
 * local occurs twice).
 */
static void
test_tz_all_zones_roundtrip(void)
{
	const char *const	*v;
	const struct tz		*z;
	size_t			 n, i, missing = 0, bad = 0;
	int64_t			 u, l, b, hi;

	v = tz_names(&n);
	hi = civ(2150, 1, 1, 0, 0, 0, 0);
	for (i = 0; i < n; i++) {
		if ((z = tz_get(v[i])) == NULL) {
			missing++;
			continue;
		}
		for (u = civ(1850, 1, 1, 0, 0, 0, 0); u < hi;
		    u += 97 * 86400000LL + 3723456) {
			l = u + tz_offset_at(z, u) * 1000LL;
			b = tz_local_to_utc(z, l);
			if (b > u || b + tz_offset_at(z, b) * 1000LL != l) {
				if (bad++ < 5)
					printf("\n%s: %lld -> %lld", v[i],
					    (long long)u, (long long)b);
			}
		}
	}
	CU_ASSERT_EQUAL(missing, 0);
	CU_ASSERT_EQUAL(bad, 0);
}

/* ARCHITECTURE.md §4: every zone of spec/data/countries.json loads. */
static void
test_tz_country_zones(void)
{
	const struct tz	*z;
	size_t		 i, j, total = 0, bad = 0;
	int32_t		 o;
	int64_t		 t = civ(2025, 6, 1, 0, 0, 0, 0);

	for (i = 0; i < dom_codes_ncountries; i++) {
		for (j = 0; j < dom_codes_countries[i].ntimezones; j++) {
			total++;
			z = tz_get(dom_codes_countries[i].timezones[j]);
			if (z == NULL) {
				printf("\nzone %s (%s) does not load",
				    dom_codes_countries[i].timezones[j],
				    dom_codes_countries[i].alpha2);
				bad++;
				continue;
			}
			o = tz_offset_at(z, t);
			if (o < -14 * H || o > 14 * H)
				bad++;
		}
	}
	CU_ASSERT(total > 300);
	CU_ASSERT_EQUAL(bad, 0);
}

void
register_tz_tests(void)
{
	CU_pSuite s = CU_add_suite("core/tz", NULL, NULL);

	CU_add_test(s, "Berlin gap and overlap", test_tz_berlin);
	CU_add_test(s, "Kolkata milliseconds", test_tz_kolkata);
	CU_add_test(s, "lookup case, links, unknown", test_tz_lookup);
	CU_add_test(s, "footer rule after the table", test_tz_footer);
	CU_add_test(s, "Lord Howe and Dublin", test_tz_lord_howe_dublin);
	CU_add_test(s, "tz_names sorted and clean", test_tz_names);
	CU_add_test(s, "every zone round-trips", test_tz_all_zones_roundtrip);
	CU_add_test(s, "every country zone loads", test_tz_country_zones);
}
