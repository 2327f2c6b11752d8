/*
 * Reservation rules (reservations.md §3.7) and calendar months.
 */
#include <string.h>

#include "core/timeutil.h"
#include "domain/reservation_rules.h"
#include "unit.h"

static int64_t
at(const char *s)
{
	int64_t ms = 0;

	CU_ASSERT_EQUAL_FATAL(time_parse_instant(s, &ms), 0);
	return ms;
}

static void
add_months_clamps(void)
{
	static const struct { const char *from; int n; const char *want; } v[] = {
		{ "2024-01-31T10:00:00Z", 1, "2024-02-29T10:00:00.000Z" },
		{ "2023-01-31T00:00:00Z", 1, "2023-02-28T00:00:00.000Z" },
		{ "2023-01-31T00:00:00Z", 2, "2023-03-31T00:00:00.000Z" },
		{ "2023-01-31T00:00:00Z", 3, "2023-04-30T00:00:00.000Z" },
		{ "2023-11-30T23:59:59.999Z", 3, "2024-02-29T23:59:59.999Z" },
		{ "2024-02-29T00:00:00Z", 12, "2025-02-28T00:00:00.000Z" },
		{ "2024-02-29T00:00:00Z", 48, "2028-02-29T00:00:00.000Z" },
		{ "2025-06-15T12:00:00Z", 0, "2025-06-15T12:00:00.000Z" },
		{ "1969-12-31T23:00:00Z", 1, "1970-01-31T23:00:00.000Z" },
	};
	char	out[TIME_ISO_LEN];
	size_t	i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		time_format_iso(time_add_months(at(v[i].from), v[i].n), out);
		CU_ASSERT_STRING_EQUAL(out, v[i].want);
	}
}

static void
capacity_range_bounds(void)
{
	CU_ASSERT_STRING_EQUAL(dom_capacity_range(0.0001), "0.1W - 1kW");
	CU_ASSERT_STRING_EQUAL(dom_capacity_range(1), "0.1W - 1kW");
	CU_ASSERT_STRING_EQUAL(dom_capacity_range(1.001), "1.01kW - 50kW");
	CU_ASSERT_STRING_EQUAL(dom_capacity_range(50), "1.01kW - 50kW");
	CU_ASSERT_STRING_EQUAL(dom_capacity_range(50.5), "51kW - 500kW");
	CU_ASSERT_STRING_EQUAL(dom_capacity_range(500), "51kW - 500kW");
	CU_ASSERT_STRING_EQUAL(dom_capacity_range(500.001), "500kW - 5MW");
	CU_ASSERT_STRING_EQUAL(dom_capacity_range(5000), "500kW - 5MW");
	CU_ASSERT_STRING_EQUAL(dom_capacity_range(5000.1), "5MW+");
}

static const char *
label(const char *commissioning, const char *now)
{
	return dom_commissioning_label(dom_commissioning_index(at(commissioning),
	    at(now)));
}

static void
commissioning_labels(void)
{
	const char *now = "2025-06-01T00:00:00Z";

	CU_ASSERT_STRING_EQUAL(label("2026-01-01T00:00:00Z", now), "Year 1 - Q1");
	CU_ASSERT_STRING_EQUAL(label("2025-06-01T00:00:00Z", now), "Year 1 - Q1");
	CU_ASSERT_STRING_EQUAL(label("2025-03-01T00:00:00Z", now), "Year 1 - Q2");
	CU_ASSERT_STRING_EQUAL(label("2025-03-01T00:00:00.001Z", now),
	    "Year 1 - Q1");
	CU_ASSERT_STRING_EQUAL(label("2024-06-01T00:00:01Z", now), "Year 1 - Q4");
	CU_ASSERT_STRING_EQUAL(label("2024-06-01T00:00:00Z", now), "Year 2");
	CU_ASSERT_STRING_EQUAL(label("2022-06-01T00:00:00Z", now), "Year 4");
	CU_ASSERT_STRING_EQUAL(label("2020-06-01T00:00:01Z", now), "Year 5");
	CU_ASSERT_STRING_EQUAL(label("2020-06-01T00:00:00Z", now), "6 - 10 years");
	CU_ASSERT_STRING_EQUAL(label("2015-06-01T00:00:01Z", now), "6 - 10 years");
	CU_ASSERT_STRING_EQUAL(label("2015-06-01T00:00:00Z", now), "11 - 15 years");
	CU_ASSERT_STRING_EQUAL(label("2010-06-01T00:00:00Z", now), "15 years+");
	/* The clamp rule: 01-31 plus one month is 02-29 in 2024. */
	CU_ASSERT_STRING_EQUAL(label("2024-01-31T00:00:00Z",
	    "2024-04-29T23:59:59Z"), "Year 1 - Q1");
	CU_ASSERT_STRING_EQUAL(label("2024-01-31T00:00:00Z",
	    "2024-04-30T00:00:00Z"), "Year 1 - Q2");
}

void
register_reservation_rules_tests(void)
{
	CU_pSuite s = CU_add_suite("reservation_rules", NULL, NULL);

	CU_add_test(s, "add months clamps the day", add_months_clamps);
	CU_add_test(s, "capacityRange bounds", capacity_range_bounds);
	CU_add_test(s, "commissioningDateRange labels", commissioning_labels);
}
