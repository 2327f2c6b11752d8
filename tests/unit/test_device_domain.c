/*
 * Unit tests for the device domain: the coordinate parser of devices.md
 * §3.1 (src/domain/coords.c) and the code tables of §2 and §3.2
 * (src/domain/codes.c, codes_data.c).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "domain/codes.h"
#include "domain/coords.h"
#include "unit.h"

#define FFFD	"\xEF\xBF\xBD"		/* U+FFFD, the seed's mark */
#define DEG	"\xC2\xB0"		/* ° */
#define ORD	"\xC2\xBA"		/* º */
#define PRIME	"\xE2\x80\xB2"		/* ′ */
#define DPRIME	"\xE2\x80\xB3"		/* ″ */

enum axis { LON = 0, LAT = 1 };

struct coord_case {
	const char	*in;
	enum axis	 axis;
	const char	*want;	/* formatted value, or NULL for an error */
	const char	*why;	/* part of the error phrase, or NULL */
};

static const struct coord_case coord_cases[] = {
	/* devices.md §3.1 and §8 examples. */
	{ "19" FFFD "20'50.97\"S", LAT, "-19.347492", NULL },
	{ "46" FFFD " 3'3.21\"W", LON, "-46.050892", NULL },
	{ "12.9716", LAT, "12.971600", NULL },
	{ "N 12" DEG "58.32'", LAT, "12.972000", NULL },
	{ "E 77" DEG "35'40\"", LON, "77.594444", NULL },
	{ "91", LAT, NULL, "-90 to 90" },
	{ "12" DEG "58'19\"E", LAT, NULL, "other axis" },
	{ "12" DEG "58'19\"N", LON, NULL, "other axis" },
	{ "19.5" DEG "30'", LAT, NULL, "fraction before" },
	{ "12,97", LAT, NULL, "minutes" },
	{ "", LAT, NULL, "not a coordinate" },
	{ " \t\r\n", LAT, NULL, "not a coordinate" },
	{ "N", LAT, NULL, "not a coordinate" },
	{ "N  ", LAT, NULL, "not a coordinate" },
	{ "-", LAT, NULL, "not a coordinate" },
	{ "--1", LAT, NULL, "not a coordinate" },
	{ "+N1", LAT, NULL, "sign" },
	{ "1 2 3 4", LAT, NULL, "three numbers" },
	{ "12" DEG "60'", LAT, NULL, "minutes" },
	/* Hemisphere letters: first or last, any case, spaced or not. */
	{ "n12.5", LAT, "12.500000", NULL },
	{ "12.5 s", LAT, "-12.500000", NULL },
	{ "12.5s", LAT, "-12.500000", NULL },
	{ "w 77.5", LON, "-77.500000", NULL },
	{ "77.5e", LON, "77.500000", NULL },
	{ "s12" DEG "20'", LAT, "-12.333333", NULL },
	{ "12 " DEG " N", LAT, "12.000000", NULL },
	{ "N12S", LAT, NULL, "two hemisphere" },
	{ "E12 30W", LON, NULL, "two hemisphere" },
	{ "12 N 30", LAT, NULL, "not a coordinate" },
	{ "W12", LAT, NULL, "other axis" },
	/* Signs. */
	{ "-12.5", LAT, "-12.500000", NULL },
	{ "+12.5", LAT, "12.500000", NULL },
	{ "-12.5 S", LAT, NULL, "sign" },
	{ "N-12", LAT, NULL, "sign" },
	{ "- 12", LAT, NULL, "not a coordinate" },
	{ "-0", LAT, "0.000000", NULL },
	{ "-0.0000004", LAT, "0.000000", NULL },
	{ "0.0000005", LAT, "0.000001", NULL },
	{ "S 0.0000005", LAT, "-0.000001", NULL },
	/* Minutes, seconds, fractions. */
	{ "12" DEG "30'15.5\"", LAT, "12.504306", NULL },
	{ "12 30 15.123456789012", LAT, "12.504201", NULL },
	{ "12 30 15.1234567890123", LAT, NULL, "12 digits" },
	{ "12 30.5 15", LAT, NULL, "fraction before" },
	{ "12 59.99999", LAT, "13.000000", NULL },
	{ "12 3 60", LAT, NULL, "seconds" },
	{ "12 3 59.999999999999", LAT, "12.066667", NULL },
	{ "0 0 0.0018", LAT, "0.000001", NULL },
	{ "0 0 0.0017", LAT, "0.000000", NULL },
	{ "12 05 07", LAT, "12.085278", NULL },
	{ "12.", LAT, NULL, "not a coordinate" },
	{ ".5", LAT, NULL, "not a coordinate" },
	{ "12..5", LAT, NULL, "not a coordinate" },
	{ "1234", LON, NULL, "3 digits" },
	{ "0012", LON, NULL, "3 digits" },
	{ "012.5", LON, "12.500000", NULL },
	/* Separators and marks. */
	{ "12" DEG "30'", LAT, "12.500000", NULL },
	{ "12" DEG, LAT, "12.000000", NULL },
	{ "12" DEG "58''30", LAT, "12.975000", NULL },
	{ "12" PRIME "30" DPRIME, LAT, "12.500000", NULL },
	{ "12" ORD "30", LAT, "12.500000", NULL },
	{ "12d30m", LAT, "12.500000", NULL },
	{ "12:30:00", LAT, "12.500000", NULL },
	{ "12abc", LAT, "12.000000", NULL },
	{ "12 x 30 y 0 z", LAT, "12.500000", NULL },
	{ "12" FFFD FFFD FFFD "30", LAT, "12.500000", NULL },
	{ "12" FFFD FFFD FFFD FFFD "30", LAT, NULL, "3 marks" },
	{ "12''''30", LAT, NULL, "3 marks" },
	{ "12abcd", LAT, NULL, "3 marks" },
	{ "12-30", LAT, NULL, "not a coordinate" },
	{ "12+30", LAT, NULL, "not a coordinate" },
	{ "1e2", LON, NULL, "not a coordinate" },
	{ "abc", LAT, NULL, "not a coordinate" },
	{ "'12", LAT, NULL, "not a coordinate" },
	{ " \t 12.5 \r\n", LAT, "12.500000", NULL },
	/* Ranges and their exact boundaries. */
	{ "90", LAT, "90.000000", NULL },
	{ "-90", LAT, "-90.000000", NULL },
	{ "S 90", LAT, "-90.000000", NULL },
	{ "90.0000004", LAT, "90.000000", NULL },
	{ "90.0000005", LAT, NULL, "-90 to 90" },
	{ "-90.0000005", LAT, NULL, "-90 to 90" },
	{ "89 59 59.9999", LAT, "90.000000", NULL },
	{ "90 0 0.01", LAT, NULL, "-90 to 90" },
	{ "180", LON, "180.000000", NULL },
	{ "W 180", LON, "-180.000000", NULL },
	{ "180.000001", LON, NULL, "-180 to 180" },
	{ "-180.0000005", LON, NULL, "-180 to 180" },
	{ "999.999999999999", LON, NULL, "-180 to 180" },
	{ "120", LAT, NULL, "-90 to 90" },
	/* Invalid UTF-8. */
	{ "12\xFF" "30", LAT, NULL, "UTF-8" },
	{ "12\xC0\xAF" "30", LAT, NULL, "UTF-8" },
	{ "12\xED\xA0\x80" "30", LAT, NULL, "UTF-8" },
	{ "12\xEF\xBF", LAT, NULL, "UTF-8" },
	{ NULL, LAT, NULL, NULL }
};

static void
test_coord_cases(void)
{
	const struct coord_case *c;
	char out[DOM_COORD_FMT_SIZE];
	const char *why;
	int64_t v;
	int rc, n = 0;

	for (c = coord_cases; c->in != NULL; c++, n++) {
		why = NULL;
		v = 12345;
		rc = dom_coord_parse(c->in, strlen(c->in), c->axis == LAT, &v,
		    &why);
		if (c->want != NULL) {
			CU_ASSERT_EQUAL(rc, 0);
			if (rc != 0)
				fprintf(stderr, "\n%s: %s\n", c->in, why);
			dom_coord_format(v, out);
			CU_ASSERT_STRING_EQUAL(out, c->want);
			if (strcmp(out, c->want) != 0)
				fprintf(stderr, "\n%s: %s\n", c->in, out);
		} else {
			CU_ASSERT_EQUAL(rc, -1);
			CU_ASSERT_PTR_NOT_NULL(why);
			if (rc == 0 || why == NULL)
				fprintf(stderr, "\n%s: accepted\n", c->in);
			else if (c->why != NULL) {
				CU_ASSERT_PTR_NOT_NULL(strstr(why, c->why));
				if (strstr(why, c->why) == NULL)
					fprintf(stderr, "\n%s: %s\n", c->in,
					    why);
			}
		}
	}
	CU_ASSERT(n >= 40);
}

static void
test_coord_len(void)
{
	const char *why = NULL;
	int64_t v = 0;

	/* Only len bytes count; a NUL inside is a mark character. */
	CU_ASSERT_EQUAL(dom_coord_parse("12.5xyz", 4, 1, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 12500000);
	CU_ASSERT_EQUAL(dom_coord_parse("12\0" "30", 5, 1, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 12500000);
	CU_ASSERT_EQUAL(dom_coord_parse("12", 0, 1, &v, &why), -1);
}

static void
test_coord_number(void)
{
	const char *why = NULL;
	int64_t v = 0;

	CU_ASSERT_EQUAL(dom_coord_from_number(12.9716, 1, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 12971600);
	CU_ASSERT_EQUAL(dom_coord_from_number(-19.3474925, 1, &v, &why), 0);
	CU_ASSERT_EQUAL(v, -19347493);
	CU_ASSERT_EQUAL(dom_coord_from_number(0.0000005, 1, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 1);
	CU_ASSERT_EQUAL(dom_coord_from_number(-0.0000004, 1, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(dom_coord_from_number(-0.0, 1, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(dom_coord_from_number(1e-300, 0, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 0);
	CU_ASSERT_EQUAL(dom_coord_from_number(90, 1, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 90000000);
	CU_ASSERT_EQUAL(dom_coord_from_number(-180, 0, &v, &why), 0);
	CU_ASSERT_EQUAL(v, -180000000);
	CU_ASSERT_EQUAL(dom_coord_from_number(-180.0000004, 0, &v, &why), 0);
	CU_ASSERT_EQUAL(v, -180000000);
	CU_ASSERT_EQUAL(dom_coord_from_number(77.594444, 0, &v, &why), 0);
	CU_ASSERT_EQUAL(v, 77594444);
	CU_ASSERT_EQUAL(dom_coord_from_number(90.0000005, 1, &v, &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "is out of range; -90 to 90");
	CU_ASSERT_EQUAL(dom_coord_from_number(91, 1, &v, &why), -1);
	CU_ASSERT_EQUAL(dom_coord_from_number(180.000001, 0, &v, &why), -1);
	CU_ASSERT_STRING_EQUAL(why, "is out of range; -180 to 180");
	CU_ASSERT_EQUAL(dom_coord_from_number(1e300, 0, &v, &why), -1);
	CU_ASSERT_EQUAL(dom_coord_from_number(NAN, 0, &v, &why), -1);
	CU_ASSERT_EQUAL(dom_coord_from_number(INFINITY, 1, &v, &why), -1);
	CU_ASSERT_EQUAL(dom_coord_from_number(-INFINITY, 1, &v, &why), -1);
}

static void
test_coord_format(void)
{
	char out[DOM_COORD_FMT_SIZE];

	dom_coord_format(0, out);
	CU_ASSERT_STRING_EQUAL(out, "0.000000");
	dom_coord_format(-1, out);
	CU_ASSERT_STRING_EQUAL(out, "-0.000001");
	dom_coord_format(180000000, out);
	CU_ASSERT_STRING_EQUAL(out, "180.000000");
	dom_coord_format(-19347492, out);
	CU_ASSERT_STRING_EQUAL(out, "-19.347492");
	dom_coord_format(INT64_MIN, out);
	CU_ASSERT_STRING_EQUAL(out, "-9999999.999999");
}

static void
test_codes_fuel_type(void)
{
	const struct code_entry *e;
	char buf[512], small[8];
	size_t n, len;

	e = dom_codes_fuel_list(&n);
	CU_ASSERT_EQUAL(n, 38);
	CU_ASSERT_STRING_EQUAL(e[0].code, "ES100");
	CU_ASSERT_STRING_EQUAL(e[0].name, "Solar");
	CU_ASSERT_STRING_EQUAL(e[n - 1].code, "ES990");
	CU_ASSERT_PTR_EQUAL(dom_codes_fuel(" es100\t"), &e[0]);
	CU_ASSERT_PTR_NULL(dom_codes_fuel("fuel8"));
	CU_ASSERT_PTR_NULL(dom_codes_fuel("ES10"));
	CU_ASSERT_PTR_NULL(dom_codes_fuel(""));
	e = dom_codes_device_type_list(&n);
	CU_ASSERT_EQUAL(n, 31);
	CU_ASSERT_STRING_EQUAL(e[0].code, "TC110");
	CU_ASSERT_STRING_EQUAL(e[0].name, "PV Ground mounted");
	CU_ASSERT_STRING_EQUAL(e[n - 1].code, "T020001");
	e = dom_codes_device_type("tc120 ");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_STRING_EQUAL(e->code, "TC120");
	CU_ASSERT_PTR_NULL(dom_codes_device_type("ES100"));

	len = dom_codes_list_text(CODES_FUEL, buf, sizeof(buf));
	CU_ASSERT_EQUAL(len, strlen(buf));
	CU_ASSERT_EQUAL(strncmp(buf, "ES100, ES200, ", 14), 0);
	CU_ASSERT_EQUAL(len, 38 * 5 + 37 * 2);
	CU_ASSERT_STRING_EQUAL(buf + len - 7, ", ES990");
	CU_ASSERT_EQUAL(dom_codes_list_text(CODES_FUEL, small, sizeof(small)),
	    len);
	CU_ASSERT_STRING_EQUAL(small, "ES100, ");
	dom_codes_list_text(CODES_SDG, buf, sizeof(buf));
	CU_ASSERT_EQUAL(strncmp(buf, "SDG1, SDG2,", 11), 0);
	dom_codes_list_text(CODES_DESCRIPTION, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "Solar Lantern, Solar Home System, "
	    "Mini Grid, Rooftop Solar, Ground Mount Solar");
	dom_codes_list_text(CODES_DEVICE_TYPE, buf, sizeof(buf));
	CU_ASSERT_EQUAL(strncmp(buf, "TC110, TC120", 12), 0);
	CU_ASSERT_EQUAL(dom_codes_list_text(CODES__MAX, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
}

static void
test_codes_country(void)
{
	const struct country *c, *all;
	const char *z = NULL;
	size_t n;

	all = dom_codes_country_list(&n);
	CU_ASSERT_EQUAL(n, 249);
	CU_ASSERT_STRING_EQUAL(all[1].name, "\xC3\x85land Islands");
	c = dom_codes_country("IN");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->alpha3, "IND");
	CU_ASSERT_STRING_EQUAL(c->numeric, "356");
	CU_ASSERT_STRING_EQUAL(c->name, "India");
	CU_ASSERT_PTR_EQUAL(dom_codes_country(" ind "), c);
	CU_ASSERT_STRING_EQUAL(dom_codes_country_main_zone(c), "Asia/Kolkata");
	CU_ASSERT_EQUAL(dom_codes_country_has_zone(c, "asia/kolkata", &z), 1);
	CU_ASSERT_STRING_EQUAL(z, "Asia/Kolkata");
	CU_ASSERT_EQUAL(dom_codes_country_has_zone(c, "America/New_York", &z), 0);
	CU_ASSERT_PTR_NULL(dom_codes_country("UK"));
	CU_ASSERT_PTR_NULL(dom_codes_country("I"));
	CU_ASSERT_PTR_NULL(dom_codes_country("INDI"));
	CU_ASSERT_PTR_NULL(dom_codes_country(""));
	c = dom_codes_country("bv");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(c->ntimezones, 0);
	CU_ASSERT_STRING_EQUAL(dom_codes_country_main_zone(c), "UTC");
	CU_ASSERT_EQUAL(dom_codes_country_has_zone(c, "UTC", NULL), 0);
	c = dom_codes_country("BRA");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(dom_codes_country_main_zone(c),
	    "America/Sao_Paulo");
	CU_ASSERT_EQUAL(dom_codes_country_has_zone(c, " AMERICA/MANAUS ", &z), 1);
	CU_ASSERT_STRING_EQUAL(z, "America/Manaus");
	c = dom_codes_country("us");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->alpha3, "USA");
	/* Lookups go through a per-thread cache: every code, both spellings,
	 * twice in an interleaved order (each slot shared by several codes)
	 * must still name its own entry, and a miss stays a miss. */
	{
		size_t i, k, pass;

		for (pass = 0; pass < 2; pass++)
			for (k = 0; k < n; k++) {
				i = (k * 7 + pass) % n;
				CU_ASSERT_PTR_EQUAL(dom_codes_country(all[i].alpha3),
				    &all[i]);
				CU_ASSERT_PTR_EQUAL(dom_codes_country(all[i].alpha2),
				    &all[i]);
			}
		CU_ASSERT_PTR_NULL(dom_codes_country("UK"));
		CU_ASSERT_PTR_NULL(dom_codes_country("UK"));
		CU_ASSERT_PTR_EQUAL(dom_codes_country("ind"), dom_codes_country("IND"));
		CU_ASSERT_PTR_EQUAL(dom_codes_country(" IN"), dom_codes_country("IN"));
	}
}

static void
test_codes_sdg(void)
{
	const struct sdg_entry *s;
	size_t n;

	s = dom_codes_sdg_list(&n);
	CU_ASSERT_EQUAL(n, 17);
	CU_ASSERT_STRING_EQUAL(s[0].name, "SDG1");
	CU_ASSERT_STRING_EQUAL(s[0].value, "No Poverty");
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text("SDG7"), 7);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text("sdg1"), 1);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text(" Sdg17 "), 17);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text("climate action"), 13);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text("NO POVERTY"), 1);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text(
	    "industry, innovation and infrastructure"), 9);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text("SDG0"), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text("SDG18"), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text("SDG01"), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text("SDG"), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text("SDG+1"), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text("7"), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text("Climate"), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_text(""), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_filter("9"), 9);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_filter("17"), 17);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_filter("SDG9"), 9);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_filter("zero hunger"), 2);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_filter("0"), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_filter("18"), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_filter("09"), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_filter("-1"), 0);
	CU_ASSERT_EQUAL(dom_codes_sdg_from_filter("1.0"), 0);
	CU_ASSERT_STRING_EQUAL(dom_codes_sdg_name(1), "No Poverty");
	CU_ASSERT_STRING_EQUAL(dom_codes_sdg_name(7),
	    "Affordable and Clean Energy");
	CU_ASSERT_STRING_EQUAL(dom_codes_sdg_code(17), "SDG17");
	CU_ASSERT_PTR_NULL(dom_codes_sdg_name(0));
	CU_ASSERT_PTR_NULL(dom_codes_sdg_code(18));
}

static void
test_codes_values(void)
{
	CU_ASSERT_STRING_EQUAL(dom_codes_offtaker("health facility"),
	    "Health Facility");
	CU_ASSERT_STRING_EQUAL(dom_codes_offtaker(" OFF-GRID COMMUNITY\n"),
	    "Off-Grid Community");
	CU_ASSERT_PTR_NULL(dom_codes_offtaker("Health"));
	CU_ASSERT_PTR_NULL(dom_codes_offtaker(""));
	CU_ASSERT_EQUAL(dom_codes_nofftakers, 10);
	CU_ASSERT_STRING_EQUAL(dom_codes_device_description("solar home system"),
	    "Solar Home System");
	CU_ASSERT_STRING_EQUAL(dom_codes_device_description("\tMINI GRID "),
	    "Mini Grid");
	CU_ASSERT_PTR_NULL(dom_codes_device_description("Mini-Grid"));
	CU_ASSERT_EQUAL(dom_codes_ndevice_descriptions, 5);
}

void
register_device_domain_tests(void)
{
	CU_pSuite s = CU_add_suite("domain/coords", NULL, NULL);

	CU_add_test(s, "cases", test_coord_cases);
	CU_add_test(s, "length", test_coord_len);
	CU_add_test(s, "number", test_coord_number);
	CU_add_test(s, "format", test_coord_format);
	s = CU_add_suite("domain/codes", NULL, NULL);
	CU_add_test(s, "fuel and device types", test_codes_fuel_type);
	CU_add_test(s, "countries", test_codes_country);
	CU_add_test(s, "SDG benefits", test_codes_sdg);
	CU_add_test(s, "off-takers and descriptions", test_codes_values);
}
