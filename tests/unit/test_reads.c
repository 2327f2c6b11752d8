/*
 * Unit tests for the pure meter-read rules (meter-reads.md §1.2-1.9, §9):
 * exact unit conversion (dom_value_wh), calendar years (dom_add_years),
 * the plausibility limit (dom_plausible_max) and the in-order batch
 * validation (dom_reads_check) of src/domain/reads.c and read_check.c.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "core/arena.h"
#include "core/timeutil.h"
#include "core/tz.h"
#include "domain/reads.h"
#include "unit.h"

#define MIN	(60000LL)

/* Asserts cond with a formatted description (CUnit copies the text). */
static void check(int, int, const char *, ...)
    __attribute__((format(printf, 3, 4)));

static void
check(int cond, int line, const char *fmt, ...)
{
	char	buf[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	CU_assertImplementation(cond ? CU_TRUE : CU_FALSE, (unsigned)line, buf,
	    __FILE__, "", CU_FALSE);
}

/* An instant from "YYYY-MM-DDTHH:MM:SS[.mmm]Z"; aborts the test if bad. */
static int64_t
ts(const char *s)
{
	int64_t ms = 0;

	if (time_parse_instant(s, &ms) != 0) {
		check(0, __LINE__, "bad test instant %s", s);
		return 0;
	}
	return ms;
}

/* ------------------------------------------------------------------ */
/* dom_value_wh (§1.4)                                                 */

struct value_case {
	const char		*text;
	enum read_unit		 unit;
	enum value_status	 want;
	int64_t			 wh;
};

static const struct value_case value_cases[] = {
	/* §1.4 examples. */
	{ "0.5005", UNIT_KWH, VALUE_OK, 501 },
	{ "2.5", UNIT_WH, VALUE_OK, 3 },
	{ "0.0005", UNIT_KWH, VALUE_OK, 1 },
	{ "0.0004", UNIT_KWH, VALUE_OK, 0 },
	{ "5e3", UNIT_WH, VALUE_OK, 5000 },
	{ "5", UNIT_KWH, VALUE_OK, 5000 },
	{ "123456", UNIT_KWH, VALUE_OK, 123456000 },
	{ "123500", UNIT_KWH, VALUE_OK, 123500000 },
	{ "0.0079195", UNIT_MWH, VALUE_OK, 7920 },
	{ "1", UNIT_GWH, VALUE_OK, 1000000000 },
	{ "0.000000001", UNIT_GWH, VALUE_OK, 1 },
	{ "0.0000000005", UNIT_GWH, VALUE_OK, 1 },
	{ "0.0000000004999", UNIT_GWH, VALUE_OK, 0 },
	/* Rounding: halves away from zero, decided by the exact digits. */
	{ "2.4999999999999999999", UNIT_WH, VALUE_OK, 2 },
	{ "2.5000000000000000001", UNIT_WH, VALUE_OK, 3 },
	{ "0.5", UNIT_WH, VALUE_OK, 1 },
	{ "0.49", UNIT_WH, VALUE_OK, 0 },
	{ "0.05", UNIT_WH, VALUE_OK, 0 },
	{ "9.5", UNIT_WH, VALUE_OK, 10 },
	{ "99.5", UNIT_WH, VALUE_OK, 100 },
	{ "0.4999999", UNIT_KWH, VALUE_OK, 500 },
	{ "0.0004999", UNIT_KWH, VALUE_OK, 0 },
	{ "-1", UNIT_WH, VALUE_OK, -1 },
	{ "-2.5", UNIT_WH, VALUE_OK, -3 },
	{ "-2.4", UNIT_WH, VALUE_OK, -2 },
	{ "-0.5", UNIT_WH, VALUE_OK, -1 },
	{ "-0.0005", UNIT_KWH, VALUE_OK, -1 },
	{ "-5e3", UNIT_WH, VALUE_OK, -5000 },
	{ "0", UNIT_WH, VALUE_OK, 0 },
	{ "0", UNIT_GWH, VALUE_OK, 0 },
	{ "-0", UNIT_WH, VALUE_OK, 0 },
	{ "0.0", UNIT_KWH, VALUE_OK, 0 },
	{ "0e999999", UNIT_WH, VALUE_OK, 0 },
	{ "10", UNIT_WH, VALUE_OK, 10 },
	{ "100.000", UNIT_WH, VALUE_OK, 100 },
	/* Exponents. */
	{ "1E2", UNIT_WH, VALUE_OK, 100 },
	{ "1e+2", UNIT_WH, VALUE_OK, 100 },
	{ "1e-2", UNIT_WH, VALUE_OK, 0 },
	{ "5e-1", UNIT_WH, VALUE_OK, 1 },
	{ "1e-3", UNIT_KWH, VALUE_OK, 1 },
	{ "1.5e-3", UNIT_KWH, VALUE_OK, 2 },
	{ "12.345e1", UNIT_WH, VALUE_OK, 123 },
	{ "0.00012345e4", UNIT_KWH, VALUE_OK, 1235 },
	{ "1e18", UNIT_WH, VALUE_OK, 1000000000000000000LL },
	{ "1e15", UNIT_KWH, VALUE_OK, 1000000000000000000LL },
	{ "1e9", UNIT_GWH, VALUE_OK, 1000000000000000000LL },
	{ "1e-400", UNIT_WH, VALUE_OK, 0 },
	{ "1e-99999999999999999999", UNIT_GWH, VALUE_OK, 0 },
	/* Limits: 2^63-1 Wh. */
	{ "9223372036854775807", UNIT_WH, VALUE_OK, INT64_MAX },
	{ "9223372036854775808", UNIT_WH, VALUE_OVERFLOW, 0 },
	{ "9223372036854775807.4", UNIT_WH, VALUE_OK, INT64_MAX },
	{ "9223372036854775807.5", UNIT_WH, VALUE_OVERFLOW, 0 },
	{ "9223372036854775.807", UNIT_KWH, VALUE_OK, INT64_MAX },
	{ "9223372036854775.808", UNIT_KWH, VALUE_OVERFLOW, 0 },
	{ "9223372036.854775807", UNIT_GWH, VALUE_OK, INT64_MAX },
	{ "9.223372036854775807e18", UNIT_WH, VALUE_OK, INT64_MAX },
	{ "9.223372036854775808e18", UNIT_WH, VALUE_OVERFLOW, 0 },
	{ "-9223372036854775807", UNIT_WH, VALUE_OK, -INT64_MAX },
	{ "-9223372036854775808", UNIT_WH, VALUE_OVERFLOW, 0 },
	{ "18446744073709551616", UNIT_WH, VALUE_OVERFLOW, 0 },
	{ "99999999999999999999", UNIT_WH, VALUE_OVERFLOW, 0 },
	{ "1e19", UNIT_WH, VALUE_OVERFLOW, 0 },
	{ "1e16", UNIT_KWH, VALUE_OVERFLOW, 0 },
	{ "1e10", UNIT_GWH, VALUE_OVERFLOW, 0 },
	{ "1e400", UNIT_WH, VALUE_OVERFLOW, 0 },
	{ "1E400", UNIT_KWH, VALUE_OVERFLOW, 0 },
	{ "-1e400", UNIT_WH, VALUE_OVERFLOW, 0 },
	{ "1e99999999999999999999", UNIT_WH, VALUE_OVERFLOW, 0 },
	/* Not numbers. */
	{ "abc", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "-", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "+1", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "1e", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "1e+", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "1e-", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "e5", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ ".", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "-.", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "1x", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "1 ", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ " 1", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "1.2.3", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "1e5.5", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "--1", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "NaN", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "Infinity", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "0x10", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	{ "\"7\"", UNIT_WH, VALUE_NOT_NUMBER, 0 },
	/*
	 * Lenient forms outside the JSON grammar: the function's input is the
	 * text json-c already validated as a number, so these never reach it
	 * from a request; the contract is that "1." and ".5" are read as
	 * 1.0 and 0.5 (".5" rounds to 1 Wh).
	 */
	{ "1.", UNIT_WH, VALUE_OK, 1 },
	{ ".5", UNIT_WH, VALUE_OK, 1 },
	{ "1.", UNIT_KWH, VALUE_OK, 1000 },
};

static const char *const status_names[] = { "OK", "NOT_NUMBER", "OVERFLOW" };
static const char *const unit_names[] = { "Wh", "kWh", "MWh", "GWh" };

static void
test_value_cases(void)
{
	size_t	i;
	char	desc[128];

	for (i = 0; i < sizeof(value_cases) / sizeof(value_cases[0]); i++) {
		const struct value_case	*c = &value_cases[i];
		int64_t			 wh = 4242;
		enum value_status	 got;

		got = dom_value_wh(c->text, c->unit, &wh);
		snprintf(desc, sizeof(desc), "\"%s\" %s", c->text,
		    unit_names[c->unit]);
		check(got == c->want, __LINE__,
		    "dom_value_wh(%s): status %s, want %s", desc,
		    status_names[got], status_names[c->want]);
		if (got == VALUE_OK && c->want == VALUE_OK)
			check(wh == c->wh, __LINE__,
			    "dom_value_wh(%s) = %lld Wh, want %lld", desc,
			    (long long)wh, (long long)c->wh);
	}
}

/* A 65-significant-digit number: the value is exact and small. */
static void
test_value_long_digits(void)
{
	char		buf[256];
	int64_t		wh = -7;
	enum value_status st;

	/* "1." + 80 zeros = 1 Wh exactly (a valid JSON number, §1.4). */
	strcpy(buf, "1.");
	memset(buf + 2, '0', 80);
	buf[82] = '\0';
	st = dom_value_wh(buf, UNIT_WH, &wh);
	check(st == VALUE_OK, __LINE__,
	    "dom_value_wh(\"1.<80 zeros>\" Wh): status %s, want OK",
	    status_names[st]);
	if (st == VALUE_OK)
		CU_ASSERT_EQUAL(wh, 1);

	/* "0.5" + 80 zeros + "1" kWh = 500.000...1 Wh -> 500. */
	strcpy(buf, "0.5");
	memset(buf + 3, '0', 80);
	strcpy(buf + 83, "1");
	wh = -7;
	st = dom_value_wh(buf, UNIT_KWH, &wh);
	check(st == VALUE_OK, __LINE__,
	    "dom_value_wh(\"0.5<80 zeros>1\" kWh): status %s, want OK",
	    status_names[st]);
	if (st == VALUE_OK)
		CU_ASSERT_EQUAL(wh, 500);

	/* Leading zeros of the fraction are not significant digits. */
	strcpy(buf, "0.");
	memset(buf + 2, '0', 100);
	strcpy(buf + 102, "5e100");
	wh = -7;
	CU_ASSERT_EQUAL(dom_value_wh(buf, UNIT_WH, &wh), VALUE_OK);
	CU_ASSERT_EQUAL(wh, 1);	/* 0.5 Wh */
}

static void
test_unit_and_type_names(void)
{
	CU_ASSERT_EQUAL(dom_read_unit_parse("kwh"), UNIT_KWH);
	CU_ASSERT_EQUAL(dom_read_unit_parse("Wh"), UNIT_WH);
	CU_ASSERT_EQUAL(dom_read_unit_parse("MWH"), UNIT_MWH);
	CU_ASSERT_EQUAL(dom_read_unit_parse("gWh"), UNIT_GWH);
	CU_ASSERT_EQUAL(dom_read_unit_parse("kW"), -1);
	CU_ASSERT_EQUAL(dom_read_type_parse("delta"), READ_DELTA);
	CU_ASSERT_EQUAL(dom_read_type_parse("HISTORY"), READ_HISTORY);
	CU_ASSERT_EQUAL(dom_read_type_parse("Aggregate"), READ_AGGREGATE);
	CU_ASSERT_EQUAL(dom_read_type_parse("Hourly"), -1);
	CU_ASSERT_STRING_EQUAL(dom_read_type_name(READ_DELTA), "Delta");
	CU_ASSERT_STRING_EQUAL(dom_read_type_name(READ_HISTORY), "History");
	CU_ASSERT_STRING_EQUAL(dom_read_type_name(READ_AGGREGATE),
	    "Aggregate");
}

/* ------------------------------------------------------------------ */
/* dom_add_years (§1.5 B4, §1.9)                                       */

static void
test_add_years(void)
{
	CU_ASSERT_EQUAL(dom_add_years(ts("2024-02-29T00:00:00Z"), 1),
	    ts("2025-02-28T00:00:00Z"));
	CU_ASSERT_EQUAL(dom_add_years(ts("2024-02-29T00:00:00Z"), -3),
	    ts("2021-02-28T00:00:00Z"));
	CU_ASSERT_EQUAL(dom_add_years(ts("2024-02-29T12:34:56.789Z"), -3),
	    ts("2021-02-28T12:34:56.789Z"));
	CU_ASSERT_EQUAL(dom_add_years(ts("2020-02-29T00:00:00Z"), 4),
	    ts("2024-02-29T00:00:00Z"));
	CU_ASSERT_EQUAL(dom_add_years(ts("2020-02-29T23:59:59.999Z"), 4),
	    ts("2024-02-29T23:59:59.999Z"));
	CU_ASSERT_EQUAL(dom_add_years(ts("2024-01-01T00:00:00Z"), -3),
	    ts("2021-01-01T00:00:00Z"));
	CU_ASSERT_EQUAL(dom_add_years(ts("2023-07-15T06:30:00.250Z"), 1),
	    ts("2024-07-15T06:30:00.250Z"));
	CU_ASSERT_EQUAL(dom_add_years(ts("2020-07-01T00:00:00Z"), 3),
	    ts("2023-07-01T00:00:00Z"));
	CU_ASSERT_EQUAL(dom_add_years(ts("2023-03-01T00:00:00Z"), 1),
	    ts("2024-03-01T00:00:00Z"));
	CU_ASSERT_EQUAL(dom_add_years(ts("2024-12-31T23:59:59.999Z"), 0),
	    ts("2024-12-31T23:59:59.999Z"));
	CU_ASSERT_EQUAL(dom_add_years(ts("2000-02-29T00:00:00Z"), 100),
	    ts("2100-02-28T00:00:00Z"));
	/* Before the epoch (negative ms): time of day still kept. */
	CU_ASSERT_EQUAL(dom_add_years(ts("1969-12-31T12:00:00Z"), 1),
	    ts("1970-12-31T12:00:00Z"));
	CU_ASSERT_EQUAL(dom_add_years(ts("1970-06-01T01:00:00Z"), -1),
	    ts("1969-06-01T01:00:00Z"));
}

/* ------------------------------------------------------------------ */
/* dom_plausible_max (§1.9)                                            */

#define D1_COMM	"2020-07-01T00:00:00Z"

static void
test_plausible_examples(void)
{
	double h = -1;

	/* Example 1: D1 Delta (2024-06-01T00Z, 06-02T00Z]. */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2024-06-01T00:00:00Z"), ts("2024-06-02T00:00:00Z"), &h), 64797);
	CU_ASSERT_DOUBLE_EQUAL(h, 24.0, 1e-9);
	/* Example 2: 2.5 kW, yield 1500, commissioned 2021-06-01, 48 h. */
	CU_ASSERT_EQUAL(dom_plausible_max(2.5, 1500, ts("2021-06-01T00:00:00Z"),
	    ts("2022-01-01T00:00:00Z"), ts("2022-01-03T00:00:00Z"), &h), 24657);
	CU_ASSERT_DOUBLE_EQUAL(h, 48.0, 1e-9);
	/* Example 3: 1 kW, yield null (0 -> 2000), 10 h ending 2023-07-01. */
	CU_ASSERT_EQUAL(dom_plausible_max(1, 0, ts(D1_COMM),
	    ts("2023-06-30T14:00:00Z"), ts("2023-07-01T00:00:00Z"), &h), 6509);
	CU_ASSERT_DOUBLE_EQUAL(h, 10.0, 1e-9);
	CU_ASSERT_EQUAL(dom_plausible_max(1, -5, ts(D1_COMM),
	    ts("2023-06-30T14:00:00Z"), ts("2023-07-01T00:00:00Z"), NULL),
	    6509);
	/* Example 4: 1 h at noon: nameplate x 1 h. */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2024-06-02T06:30:00Z"), ts("2024-06-02T07:30:00Z"), &h), 10000);
	CU_ASSERT_DOUBLE_EQUAL(h, 1.0, 1e-9);
}

static void
test_plausible_vectors(void)
{
	double h = -1;

	/* #17: History 1 h, 2023-11-01T00 -> 01:00. */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2023-11-01T00:00:00Z"), ts("2023-11-01T01:00:00Z"), &h), 10000);
	/* #19: Delta from onboarding to 2024-06-01, 3648 h. */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2024-01-01T00:00:00Z"), ts("2024-06-01T00:00:00Z"), &h),
	    9849397);
	CU_ASSERT_DOUBLE_EQUAL(h, 3648.0, 1e-9);
	/* #21: 64797 (example 1); #46: the next day, a little older. */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2024-06-02T00:00:00Z"), ts("2024-06-03T00:00:00Z"), &h), 64796);
	/* #68: 15 min at nameplate. */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2024-07-01T00:00:00Z"), ts("2024-07-01T00:15:00Z"), &h), 2500);
	CU_ASSERT_DOUBLE_EQUAL(h, 0.25, 1e-12);
	/* #69: 11.75 h capped at one day's yield, age 4.001370. */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2024-07-01T00:15:00Z"), ts("2024-07-01T12:00:00Z"), &h), 64771);
	CU_ASSERT_DOUBLE_EQUAL(h, 11.75, 1e-12);
	/* #71: 672 h, energy 200000 accepted. */
	CU_ASSERT(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2024-06-03T00:00:00Z"), ts("2024-07-01T00:00:00Z"), &h) >=
	    200000);
	CU_ASSERT_DOUBLE_EQUAL(h, 672.0, 1e-9);
	/* #70: History noon hour 2023-11-03T06:30 -> 07:30: 8000 fits. */
	CU_ASSERT(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2023-11-03T06:30:00Z"), ts("2023-11-03T07:30:00Z"), NULL) >=
	    8000);
	/* Age below 1 counts as 1: end before commissioning + 1 year. */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2020-07-02T00:00:00Z"), ts("2020-07-03T00:00:00Z"), NULL),
	    dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2021-06-30T00:00:00Z"), ts("2021-07-01T00:00:00Z"), NULL));
	/* 24 h at age exactly 1: 10000 * 24 * 2000 / 8760 * 1.2 = 65753.4 */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2021-06-30T00:00:00Z"), ts("2021-07-01T00:00:00Z"), NULL),
	    65753);
	/* Empty interval: 0. */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2024-06-01T00:00:00Z"), ts("2024-06-01T00:00:00Z"), &h), 0);
	CU_ASSERT_DOUBLE_EQUAL(h, 0.0, 1e-12);
	/* 1 ms at 10 kW: 1/360 Wh -> 0. */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2024-06-01T00:00:00Z"), ts("2024-06-01T00:00:00.001Z"), NULL),
	    0);
	/* 36 s at 10 kW = 100 Wh exactly. */
	CU_ASSERT_EQUAL(dom_plausible_max(10, 2000, ts(D1_COMM),
	    ts("2024-06-01T00:00:00Z"), ts("2024-06-01T00:00:36Z"), NULL),
	    100);
}

/* ------------------------------------------------------------------ */
/* dom_reads_check (§1.2 step 7, §1.5-1.7, §1.9)                       */

/* The §9 fixture: D1/D2. */
static struct dom_read_state
fixture(void)
{
	struct dom_read_state st;

	memset(&st, 0, sizeof(st));
	st.onboarding = ts("2024-01-01T00:00:00Z");
	st.commissioning = ts(D1_COMM);
	st.capacity_kw = 10;
	st.yield = 2000;
	st.now = ts("2024-07-01T12:00:00Z");
	st.skew_ms = 5 * MIN;
	return st;
}

static struct dom_read
rd(int has_start, int64_t start, int64_t end, int64_t value)
{
	struct dom_read r;

	memset(&r, 0, sizeof(r));
	r.has_start = has_start;
	r.start = start;
	r.end = end;
	r.value_wh = value;
	r.out_start = r.out_end = r.energy_wh = r.counter_wh = -99;
	return r;
}

/* History read s -> e. */
static struct dom_read
hr(const char *s, const char *e, int64_t v)
{
	return rd(1, ts(s), ts(e), v);
}

/* Ongoing read ending at e (no start). */
static struct dom_read
er(const char *e, int64_t v)
{
	return rd(0, 0, ts(e), v);
}

static struct arena *A;

static int
suite_init(void)
{
	A = arena_new();
	return A == NULL;
}

static int
suite_clean(void)
{
	arena_free(A);
	A = NULL;
	return 0;
}

/* Runs a batch; returns the check's result. */
static int
run(enum read_type t, const struct dom_read_state *st, struct dom_read *r,
    size_t n, struct dom_read_fail *f)
{
	memset(f, 0x5a, sizeof(*f));
	return dom_reads_check(A, t, st, r, n, f);
}

/* Expects failure (status, code, index, field) of a batch. */
static void
expect_fail(int line, int rc, const struct dom_read_fail *f, int status,
    const char *code, int index, const char *field)
{
	check(rc == -1, line, "want %s: rc %d", code, rc);
	if (rc != -1)
		return;
	check(f->code != NULL && strcmp(f->code, code) == 0, line,
	    "code %s, want %s", f->code ? f->code : "(null)", code);
	/* The domain returns a catalogue row; its status is the API's. */
	check(ecode_status(f->err) == status, line, "%s: status %d, want %d",
	    code, ecode_status(f->err), status);
	check(f->index == index, line, "%s: index %d, want %d", code,
	    f->index, index);
	check(f->field != NULL && strcmp(f->field, field) == 0, line,
	    "%s: field %s, want %s", code, f->field ? f->field : "(null)",
	    field);
	check(f->message != NULL, line, "%s: message NULL", code);
}

#define FAILS(rc, f, st, code, idx, field) \
	expect_fail(__LINE__, rc, f, st, code, idx, field)

static int
contains(const char *s, const char *sub)
{
	return s != NULL && strstr(s, sub) != NULL;
}

/* --- History --- */

static void
test_history_b1_b2(void)
{
	struct dom_read_state	st = fixture();
	struct dom_read_fail	f;
	struct dom_read		r[2];
	int			rc;

	/* A: no start (#11). */
	r[0] = er("2023-12-02T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "TIMESTAMP_REQUIRED", 0, "starttimestamp");
	CU_ASSERT(contains(f.message, "reads[0].starttimestamp is required"));

	/* B1: equal timestamps (#12). */
	r[0] = hr("2023-11-05T00:00:00Z", "2023-11-05T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "START_NOT_BEFORE_END", 0, "starttimestamp");
	CU_ASSERT_EQUAL(f.details, 0);
	CU_ASSERT_EQUAL(f.conflict_index, -1);
	CU_ASSERT_STRING_EQUAL(f.message, "reads[0].starttimestamp "
	    "2023-11-05T00:00:00.000Z must be before endtimestamp "
	    "2023-11-05T00:00:00.000Z");
	/* start after end. */
	r[0] = hr("2023-11-06T00:00:00Z", "2023-11-05T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "START_NOT_BEFORE_END", 0, "starttimestamp");
	/* 1 ms long is fine. */
	r[0] = hr("2023-11-05T00:00:00Z", "2023-11-05T00:00:00.001Z", 0);
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 1, &f), 0);

	/* B2: end = onboarding ok (#14); +1 ms rejected (#13). */
	r[0] = hr("2023-12-31T23:00:00Z", "2024-01-01T00:00:00Z", 2000);
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].out_start, ts("2023-12-31T23:00:00Z"));
	CU_ASSERT_EQUAL(r[0].out_end, st.onboarding);
	CU_ASSERT_EQUAL(r[0].energy_wh, 2000);
	r[0] = hr("2023-12-31T23:00:00Z", "2024-01-01T00:00:00.001Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "HISTORY_AFTER_ONBOARDING", 0, "endtimestamp");
	CU_ASSERT_STRING_EQUAL(f.message, "reads[0].endtimestamp "
	    "2024-01-01T00:00:00.001Z is after onboarding "
	    "2024-01-01T00:00:00.000Z");
	/* B1 is checked before B2. */
	r[0] = hr("2024-02-01T00:00:00Z", "2024-02-01T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "START_NOT_BEFORE_END", 0, "starttimestamp");
}

static void
test_history_b3_b4(void)
{
	struct dom_read_state	st = fixture();
	struct dom_read_fail	f;
	struct dom_read		r[1];
	int			rc;

	/* B3 (#15): before commissioning (also before the 3-year limit). */
	r[0] = hr("2020-06-30T00:00:00Z", "2020-07-02T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "BEFORE_COMMISSIONING", 0, "starttimestamp");
	CU_ASSERT_STRING_EQUAL(f.message, "reads[0].starttimestamp "
	    "2020-06-30T00:00:00.000Z is before commissioning "
	    "2020-07-01T00:00:00.000Z");

	/* B4 (#16): the limit is 2021-01-01T00. */
	r[0] = hr("2020-12-31T00:00:00Z", "2021-01-02T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "HISTORY_TOO_OLD", 0, "starttimestamp");
	CU_ASSERT(contains(f.message, "is before 2021-01-01T00:00:00.000Z, "
	    "3 years before onboarding"));
	r[0] = hr("2021-01-01T00:00:00Z", "2021-01-02T00:00:00Z", 1);
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 1, &f), 0);
	r[0] = hr("2020-12-31T23:59:59.999Z", "2021-01-02T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "HISTORY_TOO_OLD", 0, "starttimestamp");

	/* B3 boundary with commissioning inside the 3-year window. */
	st.commissioning = ts("2022-03-15T10:00:00Z");
	r[0] = hr("2022-03-15T10:00:00Z", "2022-03-16T00:00:00Z", 1);
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 1, &f), 0);
	r[0] = hr("2022-03-15T09:59:59.999Z", "2022-03-16T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "BEFORE_COMMISSIONING", 0, "starttimestamp");

	/* Leap day: onboarding 2024-02-29 -> limit 2021-02-28. */
	st = fixture();
	st.onboarding = ts("2024-02-29T00:00:00Z");
	r[0] = hr("2021-02-28T00:00:00Z", "2021-03-01T00:00:00Z", 1);
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 1, &f), 0);
	r[0] = hr("2021-02-27T23:59:59.999Z", "2021-03-01T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "HISTORY_TOO_OLD", 0, "starttimestamp");
	CU_ASSERT(contains(f.message, "2021-02-28T00:00:00.000Z"));
	/* Onboarding time of day is kept. */
	st.onboarding = ts("2024-02-29T18:45:00Z");
	r[0] = hr("2021-02-28T18:44:59.999Z", "2021-03-01T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "HISTORY_TOO_OLD", 0, "starttimestamp");
	r[0] = hr("2021-02-28T18:45:00Z", "2021-03-01T00:00:00Z", 1);
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 1, &f), 0);

	/* A History read on 2024-02-29 itself. */
	st = fixture();
	st.onboarding = ts("2024-03-01T00:00:00Z");
	r[0] = hr("2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z", 5000);
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].out_start, ts("2024-02-29T00:00:00Z"));
	CU_ASSERT_EQUAL(r[0].out_end, ts("2024-03-01T00:00:00Z"));
	CU_ASSERT_EQUAL(r[0].energy_wh, 5000);
}

static void
test_history_overlap_stored(void)
{
	struct dom_read_state	st = fixture();
	struct dom_read_fail	f;
	struct dom_read		r[3];
	struct dom_interval	hist[3];
	int			rc;

	hist[0].start = ts("2023-11-01T00:00:00Z");
	hist[0].end = ts("2023-11-01T01:00:00Z");
	hist[0].index = 7;	/* ignored: stored reads report -1 */
	hist[1].start = ts("2023-12-01T00:00:00Z");
	hist[1].end = ts("2023-12-02T00:00:00Z");
	hist[1].index = 7;
	hist[2].start = ts("2023-12-02T00:00:00Z");
	hist[2].end = ts("2023-12-03T00:00:00Z");
	hist[2].index = 7;
	st.history = hist;
	st.nhistory = 3;

	/* #9: the same interval again. */
	r[0] = hr("2023-12-01T00:00:00Z", "2023-12-02T00:00:00Z", 5000);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 409, "HISTORY_OVERLAP", 0, "starttimestamp");
	CU_ASSERT_EQUAL(f.details, DF_CONFLICT);
	CU_ASSERT_EQUAL(f.conflict_index, -1);
	CU_ASSERT_EQUAL(f.t1, hist[1].start);
	CU_ASSERT_EQUAL(f.t2, hist[1].end);
	CU_ASSERT_STRING_EQUAL(f.message, "reads[0] [2023-12-01T00:00:00.000Z, "
	    "2023-12-02T00:00:00.000Z] overlaps History read "
	    "[2023-12-01T00:00:00.000Z, 2023-12-02T00:00:00.000Z]");
	/* Partial overlap at the end of a stored interval. */
	r[0] = hr("2023-11-30T00:00:00Z", "2023-12-01T00:00:00.001Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 409, "HISTORY_OVERLAP", 0, "starttimestamp");
	CU_ASSERT_EQUAL(f.conflict_index, -1);
	CU_ASSERT_EQUAL(f.t1, hist[1].start);
	CU_ASSERT_EQUAL(f.t2, hist[1].end);
	/* Overlap of the last stored interval, starting inside it. */
	r[0] = hr("2023-12-02T23:59:59.999Z", "2023-12-04T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 409, "HISTORY_OVERLAP", 0, "starttimestamp");
	CU_ASSERT_EQUAL(f.t1, hist[2].start);
	CU_ASSERT_EQUAL(f.t2, hist[2].end);
	/* Containing a stored interval. */
	r[0] = hr("2023-10-31T00:00:00Z", "2023-11-02T00:00:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 409, "HISTORY_OVERLAP", 0, "starttimestamp");
	CU_ASSERT_EQUAL(f.t1, hist[0].start);
	CU_ASSERT_EQUAL(f.t2, hist[0].end);
	/* Inside a stored interval. */
	r[0] = hr("2023-11-01T00:10:00Z", "2023-11-01T00:20:00Z", 1);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 409, "HISTORY_OVERLAP", 0, "starttimestamp");
	CU_ASSERT_EQUAL(f.t1, hist[0].start);

	/* Touching (#10) on either side, and filling a gap exactly. */
	r[0] = hr("2023-12-03T00:00:00Z", "2023-12-04T00:00:00Z", 4000);
	r[1] = hr("2023-11-30T00:00:00Z", "2023-12-01T00:00:00Z", 4000);
	r[2] = hr("2023-11-01T01:00:00Z", "2023-11-30T00:00:00Z", 4000);
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 3, &f), 0);
	CU_ASSERT_EQUAL(r[2].out_start, hist[0].end);
	/* ...then overlapping a read of the same batch, not a stored one. */
	r[0] = hr("2023-12-03T00:00:00Z", "2023-12-04T00:00:00Z", 4000);
	r[1] = hr("2023-12-03T12:00:00Z", "2023-12-05T00:00:00Z", 4000);
	rc = run(READ_HISTORY, &st, r, 2, &f);
	FAILS(rc, &f, 409, "HISTORY_OVERLAP", 1, "starttimestamp");
	CU_ASSERT_EQUAL(f.conflict_index, 0);
	CU_ASSERT_EQUAL(f.t1, ts("2023-12-03T00:00:00Z"));
	CU_ASSERT_EQUAL(f.t2, ts("2023-12-04T00:00:00Z"));

	/* The state's stored array is not modified by a check. */
	CU_ASSERT_EQUAL(hist[1].start, ts("2023-12-01T00:00:00Z"));
	CU_ASSERT_EQUAL(hist[2].end, ts("2023-12-03T00:00:00Z"));
}

static void
test_history_overlap_batch(void)
{
	struct dom_read_state	st = fixture();
	struct dom_read_fail	f;
	struct dom_read		r[4];
	int			rc;

	/* #18. */
	r[0] = hr("2023-10-01T00:00:00Z", "2023-10-02T00:00:00Z", 1000);
	r[1] = hr("2023-10-01T12:00:00Z", "2023-10-03T00:00:00Z", 1000);
	r[2] = hr("2023-10-05T00:00:00Z", "2023-10-06T00:00:00Z", 1000);
	rc = run(READ_HISTORY, &st, r, 3, &f);
	FAILS(rc, &f, 409, "HISTORY_OVERLAP", 1, "starttimestamp");
	CU_ASSERT_EQUAL(f.details, DF_CONFLICT);
	CU_ASSERT_EQUAL(f.conflict_index, 0);
	CU_ASSERT_EQUAL(f.t1, ts("2023-10-01T00:00:00Z"));
	CU_ASSERT_EQUAL(f.t2, ts("2023-10-02T00:00:00Z"));
	CU_ASSERT_STRING_EQUAL(f.message, "reads[1] [2023-10-01T12:00:00.000Z, "
	    "2023-10-03T00:00:00.000Z] overlaps History read "
	    "[2023-10-01T00:00:00.000Z, 2023-10-02T00:00:00.000Z]");

	/* Touching within the batch. */
	r[0] = hr("2023-10-01T00:00:00Z", "2023-10-02T00:00:00Z", 1000);
	r[1] = hr("2023-10-02T00:00:00Z", "2023-10-03T00:00:00Z", 1000);
	r[2] = hr("2023-09-30T00:00:00Z", "2023-10-01T00:00:00Z", 1000);
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 3, &f), 0);

	/* Reverse chronological and disjoint: accepted. */
	r[0] = hr("2023-10-07T00:00:00Z", "2023-10-08T00:00:00Z", 1000);
	r[1] = hr("2023-10-05T00:00:00Z", "2023-10-06T00:00:00Z", 1000);
	r[2] = hr("2023-10-03T00:00:00Z", "2023-10-04T00:00:00Z", 1000);
	r[3] = hr("2023-10-01T00:00:00Z", "2023-10-02T00:00:00Z", 1000);
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 4, &f), 0);
	CU_ASSERT_EQUAL(r[3].out_start, ts("2023-10-01T00:00:00Z"));
	CU_ASSERT_EQUAL(r[3].energy_wh, 1000);

	/* Out of order: the conflict is the earlier read it overlaps. */
	r[0] = hr("2023-10-05T00:00:00Z", "2023-10-06T00:00:00Z", 1000);
	r[1] = hr("2023-10-01T00:00:00Z", "2023-10-02T00:00:00Z", 1000);
	r[2] = hr("2023-10-05T12:00:00Z", "2023-10-07T00:00:00Z", 1000);
	rc = run(READ_HISTORY, &st, r, 3, &f);
	FAILS(rc, &f, 409, "HISTORY_OVERLAP", 2, "starttimestamp");
	CU_ASSERT_EQUAL(f.conflict_index, 0);
	CU_ASSERT_EQUAL(f.t1, ts("2023-10-05T00:00:00Z"));
	/* Inserted in the middle of the accepted ones, then overlapped. */
	r[0] = hr("2023-10-01T00:00:00Z", "2023-10-02T00:00:00Z", 1000);
	r[1] = hr("2023-10-05T00:00:00Z", "2023-10-06T00:00:00Z", 1000);
	r[2] = hr("2023-10-03T00:00:00Z", "2023-10-04T00:00:00Z", 1000);
	r[3] = hr("2023-10-02T12:00:00Z", "2023-10-03T00:00:00.001Z", 1000);
	rc = run(READ_HISTORY, &st, r, 4, &f);
	FAILS(rc, &f, 409, "HISTORY_OVERLAP", 3, "starttimestamp");
	CU_ASSERT_EQUAL(f.conflict_index, 2);
	CU_ASSERT_EQUAL(f.t1, ts("2023-10-03T00:00:00Z"));
	CU_ASSERT_EQUAL(f.t2, ts("2023-10-04T00:00:00Z"));
	/* The same but fitting the gap exactly: accepted. */
	r[3] = hr("2023-10-02T00:00:00Z", "2023-10-03T00:00:00Z", 1000);
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 4, &f), 0);
}

static void
test_history_plausibility(void)
{
	struct dom_read_state	st = fixture();
	struct dom_read_fail	f;
	struct dom_read		r[1];
	int			rc;

	/* #17: 10001 rejected, maxWh 10000; 10000 accepted. */
	r[0] = hr("2023-11-01T00:00:00Z", "2023-11-01T01:00:00Z", 10001);
	rc = run(READ_HISTORY, &st, r, 1, &f);
	FAILS(rc, &f, 400, "ENERGY_IMPLAUSIBLE", 0, "value");
	CU_ASSERT_EQUAL(f.details, DF_PLAUSIBLE);
	CU_ASSERT_EQUAL(f.energy, 10001);
	CU_ASSERT_EQUAL(f.max, 10000);
	CU_ASSERT_DOUBLE_EQUAL(f.hours, 1.0, 1e-12);
	CU_ASSERT_EQUAL(f.istart, ts("2023-11-01T00:00:00Z"));
	CU_ASSERT_EQUAL(f.iend, ts("2023-11-01T01:00:00Z"));
	CU_ASSERT_EQUAL(f.conflict_index, -1);
	CU_ASSERT(contains(f.message, "reads[0]: 10001 Wh in "));
	CU_ASSERT(contains(f.message, " h exceeds the plausible maximum "
	    "10000 Wh"));
	r[0].value_wh = 10000;
	CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 1, &f), 0);

	/* Leap-day History: L over 2024-02-29 (age at the end). */
	st.onboarding = ts("2024-03-01T00:00:00Z");
	{
		int64_t L = dom_plausible_max(10, 2000, st.commissioning,
		    ts("2024-02-29T00:00:00Z"), ts("2024-03-01T00:00:00Z"),
		    NULL);

		CU_ASSERT(L > 60000 && L < 66000);
		r[0] = hr("2024-02-29T00:00:00Z", "2024-03-01T00:00:00Z", L);
		CU_ASSERT_EQUAL(run(READ_HISTORY, &st, r, 1, &f), 0);
		r[0].value_wh = L + 1;
		rc = run(READ_HISTORY, &st, r, 1, &f);
		FAILS(rc, &f, 400, "ENERGY_IMPLAUSIBLE", 0, "value");
		CU_ASSERT_EQUAL(f.max, L);
	}
}

/* --- Delta --- */

static void
test_delta_interval_start(void)
{
	struct dom_read_state	st = fixture();
	struct dom_read_fail	f;
	struct dom_read		r[3];
	int			rc;

	/* #19: first read, no start: from onboarding, 3648 h. */
	r[0] = er("2024-06-01T00:00:00Z", 999999999);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "ENERGY_IMPLAUSIBLE", 0, "value");
	CU_ASSERT_EQUAL(f.max, 9849397);
	CU_ASSERT_EQUAL(f.energy, 999999999);
	CU_ASSERT_DOUBLE_EQUAL(f.hours, 3648.0, 1e-9);
	CU_ASSERT_EQUAL(f.istart, st.onboarding);
	CU_ASSERT_EQUAL(f.iend, ts("2024-06-01T00:00:00Z"));
	r[0] = er("2024-06-01T00:00:00Z", 9849397);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].out_start, st.onboarding);
	CU_ASSERT_EQUAL(r[0].out_end, ts("2024-06-01T00:00:00Z"));
	CU_ASSERT_EQUAL(r[0].energy_wh, 9849397);
	r[0].value_wh = 9849398;
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "ENERGY_IMPLAUSIBLE", 0, "value");

	/* #20: first read with a start later than onboarding. */
	r[0] = hr("2024-05-31T00:00:00Z", "2024-06-01T00:00:00Z", 5000);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].out_start, ts("2024-05-31T00:00:00Z"));
	CU_ASSERT_EQUAL(r[0].energy_wh, 5000);
	/* A start before onboarding: max(start, onboarding). */
	r[0] = hr("2023-12-31T00:00:00Z", "2024-01-02T00:00:00Z", 5000);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].out_start, st.onboarding);

	/* With P, no start: from P.end (#21, L 64797 at +-1 Wh). */
	st.has_prev = 1;
	st.prev_end = ts("2024-06-01T00:00:00Z");
	r[0] = er("2024-06-02T00:00:00Z", 60000);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].out_start, st.prev_end);
	CU_ASSERT_EQUAL(r[0].out_end, ts("2024-06-02T00:00:00Z"));
	r[0] = er("2024-06-02T00:00:00Z", 64797);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 1, &f), 0);
	r[0] = er("2024-06-02T00:00:00Z", 64798);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "ENERGY_IMPLAUSIBLE", 0, "value");
	CU_ASSERT_EQUAL(f.max, 64797);
	CU_ASSERT_EQUAL(f.istart, st.prev_end);
	CU_ASSERT_DOUBLE_EQUAL(f.hours, 24.0, 1e-12);

	/* With P and a start >= P.end: the gap stays unmetered (#25). */
	st.prev_end = ts("2024-06-02T00:00:00Z");
	r[0] = hr("2024-06-02T12:00:00Z", "2024-06-02T13:00:00Z", 2000);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].out_start, ts("2024-06-02T12:00:00Z"));
	/* start = P.end exactly is allowed. */
	r[0] = hr("2024-06-02T00:00:00Z", "2024-06-02T01:00:00Z", 10000);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].out_start, st.prev_end);

	/* Chained in one batch (#30): each starts at the previous end. */
	st.prev_end = ts("2024-06-02T14:00:00Z");
	r[0] = er("2024-06-03T00:00:00Z", 501);
	r[1] = er("2024-06-03T01:00:00Z", 1);
	r[2] = er("2024-06-03T02:00:00Z", 1000);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 3, &f), 0);
	CU_ASSERT_EQUAL(r[0].out_start, ts("2024-06-02T14:00:00Z"));
	CU_ASSERT_EQUAL(r[1].out_start, ts("2024-06-03T00:00:00Z"));
	CU_ASSERT_EQUAL(r[2].out_start, ts("2024-06-03T01:00:00Z"));
	CU_ASSERT_EQUAL(r[2].out_end, ts("2024-06-03T02:00:00Z"));
	CU_ASSERT_EQUAL(r[0].energy_wh + r[1].energy_wh + r[2].energy_wh,
	    1502);
	/* The state itself is not changed by a check. */
	CU_ASSERT_EQUAL(st.prev_end, ts("2024-06-02T14:00:00Z"));

	/* First read of a batch without P, second without start. */
	st.has_prev = 0;
	r[0] = hr("2024-05-31T00:00:00Z", "2024-06-01T00:00:00Z", 5000);
	r[1] = er("2024-06-02T00:00:00Z", 64797);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 2, &f), 0);
	CU_ASSERT_EQUAL(r[1].out_start, ts("2024-06-01T00:00:00Z"));
}

static void
test_delta_rules(void)
{
	struct dom_read_state	st = fixture();
	struct dom_read_fail	f;
	struct dom_read		r[3];
	int			rc;

	st.has_prev = 1;
	st.prev_end = ts("2024-06-02T00:00:00Z");

	/* #22: C1. */
	r[0] = er("2024-06-02T00:00:00Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 409, "READ_NOT_NEWER", 0, "endtimestamp");
	CU_ASSERT_EQUAL(f.details, DF_PREV_END);
	CU_ASSERT_EQUAL(f.t1, ts("2024-06-02T00:00:00Z"));
	CU_ASSERT_EQUAL(f.t2, st.prev_end);
	CU_ASSERT_STRING_EQUAL(f.message, "reads[0].endtimestamp "
	    "2024-06-02T00:00:00.000Z equals the previous end "
	    "2024-06-02T00:00:00.000Z");
	r[0] = er("2024-06-01T12:00:00Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 409, "READ_OLDER_THAN_LAST", 0, "endtimestamp");
	CU_ASSERT_EQUAL(f.details, DF_PREV_END);
	CU_ASSERT_EQUAL(f.t1, ts("2024-06-01T12:00:00Z"));
	CU_ASSERT_EQUAL(f.t2, st.prev_end);
	CU_ASSERT_STRING_EQUAL(f.message, "reads[0].endtimestamp "
	    "2024-06-01T12:00:00.000Z is before the previous end "
	    "2024-06-02T00:00:00.000Z");
	r[0] = er("2024-06-01T23:59:59.999Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 409, "READ_OLDER_THAN_LAST", 0, "endtimestamp");
	/* 1 ms after P.end (L = 0 for 1 ms, so 0 Wh). */
	r[0] = er("2024-06-02T00:00:00.001Z", 0);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].out_start, st.prev_end);
	r[0] = er("2024-06-02T00:00:00.001Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "ENERGY_IMPLAUSIBLE", 0, "value");
	CU_ASSERT_EQUAL(f.max, 0);

	/* #23: B2 before C1. */
	r[0] = er("2023-12-31T00:00:00Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "READ_BEFORE_ONBOARDING", 0, "endtimestamp");
	CU_ASSERT_STRING_EQUAL(f.message, "reads[0].endtimestamp "
	    "2023-12-31T00:00:00.000Z must be after onboarding "
	    "2024-01-01T00:00:00.000Z");

	/* #24: C2. */
	r[0] = hr("2024-06-01T23:00:00Z", "2024-06-02T06:00:00Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 409, "READ_OVERLAPS_PREVIOUS", 0, "starttimestamp");
	CU_ASSERT_STRING_EQUAL(f.message, "reads[0].starttimestamp "
	    "2024-06-01T23:00:00.000Z is before the previous end "
	    "2024-06-02T00:00:00.000Z");
	r[0] = hr("2024-06-01T23:59:59.999Z", "2024-06-02T06:00:00Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 409, "READ_OVERLAPS_PREVIOUS", 0, "starttimestamp");
	/* C1 before C2. */
	r[0] = hr("2024-06-01T00:00:00Z", "2024-06-01T06:00:00Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 409, "READ_OLDER_THAN_LAST", 0, "endtimestamp");

	/* B1 for Delta, before B2. */
	r[0] = hr("2023-12-31T00:00:00Z", "2023-12-31T00:00:00Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "START_NOT_BEFORE_END", 0, "starttimestamp");

	/* B2 boundary (no P): end = onboarding rejected, +1 ms ok. */
	st.has_prev = 0;
	r[0] = er("2024-01-01T00:00:00Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "READ_BEFORE_ONBOARDING", 0, "endtimestamp");
	r[0] = er("2024-01-01T00:00:00.001Z", 0);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].out_start, st.onboarding);

	/* B4: end = now + skew ok, +1 ms rejected (#35). */
	r[0] = er("2024-07-01T12:05:00Z", 1);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 1, &f), 0);
	r[0] = er("2024-07-01T12:05:00.001Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "READ_IN_FUTURE", 0, "endtimestamp");
	CU_ASSERT_STRING_EQUAL(f.message, "reads[0].endtimestamp "
	    "2024-07-01T12:05:00.001Z is in the future (now "
	    "2024-07-01T12:00:00.000Z)");
	r[0] = er("2024-07-02T12:00:00Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "READ_IN_FUTURE", 0, "endtimestamp");
	/* B4 before C1. */
	st.has_prev = 1;
	st.prev_end = ts("2024-07-01T13:00:00Z");
	r[0] = er("2024-07-01T12:30:00Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "READ_IN_FUTURE", 0, "endtimestamp");

	/* B3: commissioning after onboarding. */
	st = fixture();
	st.onboarding = ts("2020-01-01T00:00:00Z");
	st.commissioning = ts("2020-07-01T00:00:00Z");
	r[0] = er("2020-07-01T00:00:00Z", 1);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "BEFORE_COMMISSIONING", 0, "endtimestamp");
	CU_ASSERT_STRING_EQUAL(f.message, "reads[0].endtimestamp "
	    "2020-07-01T00:00:00.000Z is before commissioning "
	    "2020-07-01T00:00:00.000Z");
	r[0] = er("2020-07-01T00:00:00.001Z", 0);
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 1, &f), 0);

	/* #28: in-batch order; P of read 1 is read 0. */
	st = fixture();
	st.has_prev = 1;
	st.prev_end = ts("2024-06-02T14:00:00Z");
	r[0] = er("2024-06-03T00:00:00Z", 100);
	r[1] = er("2024-06-02T23:00:00Z", 100);
	r[2] = er("2024-06-03T02:00:00Z", 100);
	rc = run(READ_DELTA, &st, r, 3, &f);
	FAILS(rc, &f, 409, "READ_OLDER_THAN_LAST", 1, "endtimestamp");
	CU_ASSERT_EQUAL(f.t1, ts("2024-06-02T23:00:00Z"));
	CU_ASSERT_EQUAL(f.t2, ts("2024-06-03T00:00:00Z"));
	CU_ASSERT(contains(f.message, "reads[1].endtimestamp"));
	/* Equal ends within a batch. */
	r[1] = er("2024-06-03T00:00:00Z", 100);
	rc = run(READ_DELTA, &st, r, 3, &f);
	FAILS(rc, &f, 409, "READ_NOT_NEWER", 1, "endtimestamp");

	/* #68, #69: sub-day plausibility at +-1 Wh. */
	st.prev_end = ts("2024-07-01T00:00:00Z");
	r[0] = er("2024-07-01T00:15:00Z", 2501);
	rc = run(READ_DELTA, &st, r, 1, &f);
	FAILS(rc, &f, 400, "ENERGY_IMPLAUSIBLE", 0, "value");
	CU_ASSERT_EQUAL(f.max, 2500);
	CU_ASSERT_DOUBLE_EQUAL(f.hours, 0.25, 1e-12);
	r[0].value_wh = 2500;
	r[1] = er("2024-07-01T12:00:00Z", 64772);
	rc = run(READ_DELTA, &st, r, 2, &f);
	FAILS(rc, &f, 400, "ENERGY_IMPLAUSIBLE", 1, "value");
	CU_ASSERT_EQUAL(f.max, 64771);
	CU_ASSERT_EQUAL(f.istart, ts("2024-07-01T00:15:00Z"));
	CU_ASSERT_DOUBLE_EQUAL(f.hours, 11.75, 1e-12);
	r[1].value_wh = 64771;
	CU_ASSERT_EQUAL(run(READ_DELTA, &st, r, 2, &f), 0);
}

/* --- Aggregate --- */

static void
test_aggregate(void)
{
	struct dom_read_state	st = fixture();
	struct dom_read_fail	f;
	struct dom_read		r[3];
	int			rc;

	/* #42: baseline, no plausibility. */
	r[0] = er("2024-06-01T00:00:00Z", 123456000);
	CU_ASSERT_EQUAL(run(READ_AGGREGATE, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].baseline, 1);
	CU_ASSERT_EQUAL(r[0].energy_wh, 0);
	CU_ASSERT_EQUAL(r[0].counter_wh, 123456000);
	CU_ASSERT_EQUAL(r[0].out_start, ts("2024-06-01T00:00:00Z"));
	CU_ASSERT_EQUAL(r[0].out_end, ts("2024-06-01T00:00:00Z"));
	r[0] = er("2024-01-01T00:00:00.001Z", INT64_MAX);
	CU_ASSERT_EQUAL(run(READ_AGGREGATE, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].baseline, 1);
	/* The baseline still gets phase B. */
	r[0] = er("2024-01-01T00:00:00Z", 1);
	rc = run(READ_AGGREGATE, &st, r, 1, &f);
	FAILS(rc, &f, 400, "READ_BEFORE_ONBOARDING", 0, "endtimestamp");
	r[0] = er("2024-07-01T12:05:00.001Z", 1);
	rc = run(READ_AGGREGATE, &st, r, 1, &f);
	FAILS(rc, &f, 400, "READ_IN_FUTURE", 0, "endtimestamp");
	r[0] = er("2024-07-01T12:05:00Z", 0);
	CU_ASSERT_EQUAL(run(READ_AGGREGATE, &st, r, 1, &f), 0);

	st.has_prev = 1;
	st.prev_end = ts("2024-06-01T00:00:00Z");
	st.prev_counter = 123456000;
	/* #44: equal counter = zero production, not a baseline. */
	r[0] = er("2024-06-02T00:00:00Z", 123456000);
	CU_ASSERT_EQUAL(run(READ_AGGREGATE, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].baseline, 0);
	CU_ASSERT_EQUAL(r[0].energy_wh, 0);
	CU_ASSERT_EQUAL(r[0].counter_wh, 123456000);
	CU_ASSERT_EQUAL(r[0].out_start, st.prev_end);
	CU_ASSERT_EQUAL(r[0].out_end, ts("2024-06-02T00:00:00Z"));

	st.prev_end = ts("2024-06-02T00:00:00Z");
	/* #45: counter decreased. */
	r[0] = er("2024-06-03T00:00:00Z", 123400000);
	rc = run(READ_AGGREGATE, &st, r, 1, &f);
	FAILS(rc, &f, 409, "AGGREGATE_COUNTER_DECREASED", 0, "value");
	CU_ASSERT_EQUAL(f.details, DF_COUNTER);
	CU_ASSERT_EQUAL(f.counter, 123400000);
	CU_ASSERT_EQUAL(f.prev_counter, 123456000);
	CU_ASSERT_STRING_EQUAL(f.message, "reads[0].value 123400000 Wh is "
	    "below the previous counter 123456000 Wh");
	r[0] = er("2024-06-03T00:00:00Z", 123455999);
	rc = run(READ_AGGREGATE, &st, r, 1, &f);
	FAILS(rc, &f, 409, "AGGREGATE_COUNTER_DECREASED", 0, "value");
	/* C1 before C2: equal end and decreased counter. */
	r[0] = er("2024-06-02T00:00:00Z", 1);
	rc = run(READ_AGGREGATE, &st, r, 1, &f);
	FAILS(rc, &f, 409, "READ_NOT_NEWER", 0, "endtimestamp");
	CU_ASSERT_EQUAL(f.details, DF_PREV_END);
	r[0] = er("2024-06-01T00:00:00Z", 1);
	rc = run(READ_AGGREGATE, &st, r, 1, &f);
	FAILS(rc, &f, 409, "READ_OLDER_THAN_LAST", 0, "endtimestamp");
	/* B2 before C. */
	r[0] = er("2023-06-01T00:00:00Z", 1);
	rc = run(READ_AGGREGATE, &st, r, 1, &f);
	FAILS(rc, &f, 400, "READ_BEFORE_ONBOARDING", 0, "endtimestamp");

	/* #46: energy = counter - P.counter over (P.end, end], L 64796. */
	r[0] = er("2024-06-03T00:00:00Z", 123500000);
	CU_ASSERT_EQUAL(run(READ_AGGREGATE, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].energy_wh, 44000);
	CU_ASSERT_EQUAL(r[0].counter_wh, 123500000);
	CU_ASSERT_EQUAL(r[0].out_start, ts("2024-06-02T00:00:00Z"));
	CU_ASSERT_EQUAL(r[0].baseline, 0);
	r[0] = er("2024-06-03T00:00:00Z", 123456000 + 64796);
	CU_ASSERT_EQUAL(run(READ_AGGREGATE, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].energy_wh, 64796);
	r[0] = er("2024-06-03T00:00:00Z", 123456000 + 64797);
	rc = run(READ_AGGREGATE, &st, r, 1, &f);
	FAILS(rc, &f, 400, "ENERGY_IMPLAUSIBLE", 0, "value");
	CU_ASSERT_EQUAL(f.max, 64796);
	CU_ASSERT_EQUAL(f.energy, 64797);
	CU_ASSERT_EQUAL(f.istart, ts("2024-06-02T00:00:00Z"));
	CU_ASSERT_EQUAL(f.iend, ts("2024-06-03T00:00:00Z"));
	CU_ASSERT_DOUBLE_EQUAL(f.hours, 24.0, 1e-12);

	/* #46 then #47, #48 in one batch. */
	r[0] = er("2024-06-03T00:00:00Z", 123500000);
	r[1] = er("2024-06-03T01:00:00Z", 123600000);
	rc = run(READ_AGGREGATE, &st, r, 2, &f);
	FAILS(rc, &f, 400, "ENERGY_IMPLAUSIBLE", 1, "value");
	CU_ASSERT_EQUAL(f.energy, 100000);
	CU_ASSERT_EQUAL(f.max, 10000);
	CU_ASSERT_EQUAL(f.istart, ts("2024-06-03T00:00:00Z"));
	r[1] = er("2024-06-03T00:00:00Z", 123600000);
	rc = run(READ_AGGREGATE, &st, r, 2, &f);
	FAILS(rc, &f, 409, "READ_NOT_NEWER", 1, "endtimestamp");
	CU_ASSERT_EQUAL(f.t2, ts("2024-06-03T00:00:00Z"));
	/* P.counter of read 1 is read 0's counter. */
	r[1] = er("2024-06-03T01:00:00Z", 123499999);
	rc = run(READ_AGGREGATE, &st, r, 2, &f);
	FAILS(rc, &f, 409, "AGGREGATE_COUNTER_DECREASED", 1, "value");
	CU_ASSERT_EQUAL(f.prev_counter, 123500000);

	/* #71: 672 h, 200000 Wh. */
	st.prev_end = ts("2024-06-03T00:00:00Z");
	st.prev_counter = 123500000;
	r[0] = er("2024-07-01T00:00:00Z", 123700000);
	CU_ASSERT_EQUAL(run(READ_AGGREGATE, &st, r, 1, &f), 0);
	CU_ASSERT_EQUAL(r[0].energy_wh, 200000);

	/* Baseline then a read in the same batch. */
	st = fixture();
	r[0] = er("2024-06-01T00:00:00Z", 1000);
	r[1] = er("2024-06-02T00:00:00Z", 3000);
	r[2] = er("2024-06-02T00:00:00.001Z", 3000);
	CU_ASSERT_EQUAL(run(READ_AGGREGATE, &st, r, 3, &f), 0);
	CU_ASSERT_EQUAL(r[0].baseline, 1);
	CU_ASSERT_EQUAL(r[0].energy_wh, 0);
	CU_ASSERT_EQUAL(r[1].baseline, 0);
	CU_ASSERT_EQUAL(r[1].energy_wh, 2000);
	CU_ASSERT_EQUAL(r[1].out_start, ts("2024-06-01T00:00:00Z"));
	CU_ASSERT_EQUAL(r[2].energy_wh, 0);
	CU_ASSERT_EQUAL(r[2].out_start, ts("2024-06-02T00:00:00Z"));
}

/* --- Phase order across reads (§1.2 step 7) --- */

static void
test_phase_order(void)
{
	struct dom_read_state	st = fixture();
	struct dom_read_fail	f;
	struct dom_read		r[3];
	int			rc;

	st.has_prev = 1;
	st.prev_end = ts("2024-06-02T14:00:00Z");

	/* A failure at index 2, reads 0 and 1 pass: reported as such. */
	r[0] = er("2024-06-03T00:00:00Z", 100);
	r[1] = er("2024-06-03T01:00:00Z", 100);
	r[2] = er("2024-06-03T02:00:00Z", 100);
	r[2].a_code = "INVALID_VALUE";
	r[2].a_field = "value";
	r[2].a_message = "reads[2].value must be a number > 0 (got \"7\")";
	rc = run(READ_DELTA, &st, r, 3, &f);
	FAILS(rc, &f, 400, "INVALID_VALUE", 2, "value");
	CU_ASSERT_STRING_EQUAL(f.message,
	    "reads[2].value must be a number > 0 (got \"7\")");
	CU_ASSERT_EQUAL(f.details, 0);
	CU_ASSERT_EQUAL(f.conflict_index, -1);

	/* A B failure at index 1 wins over the A failure at index 2. */
	r[1] = er("2024-07-02T00:00:00Z", 100);
	rc = run(READ_DELTA, &st, r, 3, &f);
	FAILS(rc, &f, 400, "READ_IN_FUTURE", 1, "endtimestamp");
	/* A C failure at index 1 too. */
	r[1] = er("2024-06-02T23:00:00Z", 100);
	rc = run(READ_DELTA, &st, r, 3, &f);
	FAILS(rc, &f, 409, "READ_OLDER_THAN_LAST", 1, "endtimestamp");
	/* A D failure at index 0 wins over everything after it. */
	r[0] = er("2024-06-03T00:00:00Z", 10000000);
	rc = run(READ_DELTA, &st, r, 3, &f);
	FAILS(rc, &f, 400, "ENERGY_IMPLAUSIBLE", 0, "value");

	/* An A failure at index 0 is reported even if the read is fine. */
	r[0] = er("2024-06-03T00:00:00Z", 100);
	r[0].a_code = "INVALID_TIMESTAMP";
	r[0].a_field = "endtimestamp";
	r[0].a_message = "reads[0].endtimestamp \"x\" is not a valid date-time";
	r[1] = er("2024-07-02T00:00:00Z", 100);
	rc = run(READ_DELTA, &st, r, 3, &f);
	FAILS(rc, &f, 400, "INVALID_TIMESTAMP", 0, "endtimestamp");

	/* History and Aggregate run phase A in order too. */
	r[0] = hr("2023-10-01T00:00:00Z", "2023-10-02T00:00:00Z", 1000);
	r[1] = hr("2023-10-01T12:00:00Z", "2023-10-03T00:00:00Z", 1000);
	r[2] = hr("2023-10-05T00:00:00Z", "2023-10-06T00:00:00Z", 1000);
	r[2].a_code = "INVALID_VALUE";
	r[2].a_field = "value";
	r[2].a_message = "m";
	rc = run(READ_HISTORY, &st, r, 3, &f);
	FAILS(rc, &f, 409, "HISTORY_OVERLAP", 1, "starttimestamp");
	r[1] = hr("2023-10-02T00:00:00Z", "2023-10-03T00:00:00Z", 1000);
	rc = run(READ_HISTORY, &st, r, 3, &f);
	FAILS(rc, &f, 400, "INVALID_VALUE", 2, "value");

	st.prev_counter = 5000;
	r[0] = er("2024-06-03T00:00:00Z", 5100);
	r[1] = er("2024-06-03T01:00:00Z", 5000);
	r[2] = er("2024-06-03T02:00:00Z", 5200);
	r[2].a_code = "INVALID_VALUE";
	r[2].a_field = "value";
	r[2].a_message = "m";
	rc = run(READ_AGGREGATE, &st, r, 3, &f);
	FAILS(rc, &f, 409, "AGGREGATE_COUNTER_DECREASED", 1, "value");
	CU_ASSERT_EQUAL(f.counter, 5000);
	CU_ASSERT_EQUAL(f.prev_counter, 5100);
	r[1].value_wh = 5100;
	rc = run(READ_AGGREGATE, &st, r, 3, &f);
	FAILS(rc, &f, 400, "INVALID_VALUE", 2, "value");
}


/* A wall-clock time converted in a zone must stay printable (fuzz_time). */
static void
test_read_timestamp_range(void)
{
	const struct tz	*ny = tz_get("America/New_York");
	const struct tz	*tokyo = tz_get("Asia/Tokyo");	/* LMT +09:18:59 */
	int64_t		 ms = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(ny);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tokyo);
	CU_ASSERT_EQUAL(dom_read_timestamp("9999-12-31T23:59:59", NULL, &ms), 0);
	CU_ASSERT_EQUAL(ms, TIME_MAX_MS - 999);
	CU_ASSERT_EQUAL(dom_read_timestamp("9999-12-31 23:59:59", ny, &ms), -1);
	CU_ASSERT_EQUAL(dom_read_timestamp("9999-12-31T23:59:59Z", ny, &ms), 0);
	CU_ASSERT_EQUAL(dom_read_timestamp("0001-01-01T00:00:00", tokyo, &ms), -1);
	CU_ASSERT_EQUAL(dom_read_timestamp("0001-01-01T00:00:00", ny, &ms), 0);
	CU_ASSERT(ms > TIME_MIN_MS);
	CU_ASSERT_EQUAL(dom_read_timestamp("9999-12-31T23:59:59.999-00:01",
	    NULL, &ms), -1);
	CU_ASSERT_EQUAL(dom_read_timestamp("2024-06-01 10:00:00", ny, &ms), 0);
	CU_ASSERT_EQUAL(ms, 1717250400000LL);
}

void
register_reads_tests(void)
{
	CU_pSuite s = CU_add_suite("domain/reads values", NULL, NULL);

	CU_add_test(s, "read timestamps stay in years 1-9999",
	    test_read_timestamp_range);
	CU_add_test(s, "dom_value_wh cases", test_value_cases);
	CU_add_test(s, "dom_value_wh long digit strings",
	    test_value_long_digits);
	CU_add_test(s, "unit and type names", test_unit_and_type_names);
	CU_add_test(s, "dom_add_years", test_add_years);
	CU_add_test(s, "plausibility examples 1.9", test_plausible_examples);
	CU_add_test(s, "plausibility vectors 9", test_plausible_vectors);
	s = CU_add_suite("domain/reads check", suite_init, suite_clean);
	CU_add_test(s, "history B1 B2", test_history_b1_b2);
	CU_add_test(s, "history B3 B4", test_history_b3_b4);
	CU_add_test(s, "history overlap stored", test_history_overlap_stored);
	CU_add_test(s, "history overlap batch", test_history_overlap_batch);
	CU_add_test(s, "history plausibility", test_history_plausibility);
	CU_add_test(s, "delta interval start", test_delta_interval_start);
	CU_add_test(s, "delta rules", test_delta_rules);
	CU_add_test(s, "aggregate", test_aggregate);
	CU_add_test(s, "phase order", test_phase_order);
}
