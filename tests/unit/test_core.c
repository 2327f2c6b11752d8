/*
 * Unit tests for src/core: arena, strbuf, jsonw, timeutil, err, config.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

#include "core/arena.h"
#include "core/config.h"
#include "core/err.h"
#include "core/jsonw.h"
#include "core/strbuf.h"
#include "core/timeutil.h"

/* ---- arena ---- */

static char	defer_log[16];

static void
defer_mark(void *arg)
{
	size_t	n = strlen(defer_log);

	defer_log[n] = *(const char *)arg;
	defer_log[n + 1] = '\0';
}

static void
test_arena_alloc(void)
{
	struct arena	*a;
	unsigned char	*p, *big;
	char		*s;
	size_t		 i;
	int		 zero = 1;

	CU_ASSERT_FATAL((a = arena_new()) != NULL);
	for (i = 1; i < 200; i += 7) {
		p = arena_alloc(a, i);
		CU_ASSERT(((uintptr_t)p & 15) == 0);
		memset(p, 0xab, i);
	}
	big = arena_alloc(a, 100000);
	for (i = 0; i < 100000; i++)
		if (big[i] != 0)
			zero = 0;
	CU_ASSERT(zero);
	CU_ASSERT(((uintptr_t)big & 15) == 0);
	/* Many small allocations spill into new chunks. */
	for (i = 0; i < 5000; i++)
		CU_ASSERT_PTR_NOT_NULL(arena_alloc(a, 24));
	s = arena_strdup(a, "hello");
	CU_ASSERT_STRING_EQUAL(s, "hello");
	CU_ASSERT_PTR_NULL(arena_strdup(a, NULL));
	s = arena_strndup(a, "abcdef", 3);
	CU_ASSERT_STRING_EQUAL(s, "abc");
	s = arena_printf(a, "%s-%d", "x", 42);
	CU_ASSERT_STRING_EQUAL(s, "x-42");
	arena_free(a);
	arena_free(NULL);
}

static void
test_arena_defer(void)
{
	struct arena	*a;
	static char	 c1 = '1', c2 = '2', c3 = '3';

	CU_ASSERT_FATAL((a = arena_new()) != NULL);
	defer_log[0] = '\0';
	arena_defer(a, defer_mark, &c1);
	arena_defer(a, defer_mark, &c2);
	arena_defer(a, defer_mark, &c3);
	arena_reset(a);
	CU_ASSERT_STRING_EQUAL(defer_log, "321");
	/* After reset the arena is usable and cleanups do not run again. */
	CU_ASSERT_STRING_EQUAL(arena_strdup(a, "again"), "again");
	arena_reset(a);
	CU_ASSERT_STRING_EQUAL(defer_log, "321");
	defer_log[0] = '\0';
	arena_defer(a, defer_mark, &c1);
	arena_alloc(a, 50000);
	arena_defer(a, defer_mark, &c2);
	arena_free(a);
	CU_ASSERT_STRING_EQUAL(defer_log, "21");
}

/* ---- strbuf ---- */

static void
test_strbuf(void)
{
	struct strbuf	sb;
	int		i;

	strbuf_init(&sb);
	CU_ASSERT_PTR_NULL(sb.buf);
	strbuf_puts(&sb, "ab");
	strbuf_putc(&sb, 'c');
	strbuf_append(&sb, "dxyz", 1);
	strbuf_printf(&sb, "%d:%s", 12, "z");
	CU_ASSERT_STRING_EQUAL(sb.buf, "abcd12:z");
	CU_ASSERT_EQUAL(sb.len, 8);
	strbuf_reset(&sb);
	CU_ASSERT_EQUAL(sb.len, 0);
	CU_ASSERT_STRING_EQUAL(sb.buf, "");
	for (i = 0; i < 1000; i++)
		strbuf_printf(&sb, "%04d", i);
	CU_ASSERT_EQUAL(sb.len, 4000);
	CU_ASSERT(strncmp(sb.buf + 3996, "0999", 4) == 0);
	CU_ASSERT_EQUAL(strlen(sb.buf), 4000);
	strbuf_cleanup(&sb);
	CU_ASSERT_PTR_NULL(sb.buf);
}

/* Every byte of sb is the pattern fill() wrote. */
static int
pattern_ok(const struct strbuf *sb, char seed)
{
	size_t	i;

	for (i = 0; i < sb->len; i++)
		if (sb->buf[i] != (char)(seed + i % 61))
			return 0;
	return sb->buf[sb->len] == '\0';
}

static void
fill(struct strbuf *sb, char seed, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		strbuf_putc(sb, (char)(seed + sb->len % 61));
}

static void
test_strbuf_arena(void)
{
	struct arena	*a;
	struct strbuf	 x, y, big;
	char		*p, *q;
	size_t		 freed;

	CU_ASSERT_FATAL((a = arena_new()) != NULL);
	/* The current chunk's last block grows in place. */
	p = arena_alloc(a, 40);
	memcpy(p, "0123456789", 11);
	q = arena_realloc(a, p, 40, 400);
	CU_ASSERT_PTR_EQUAL(q, p);
	CU_ASSERT_STRING_EQUAL(q, "0123456789");
	/* Two buffers growing in turn: each growth copies, content kept. */
	strbuf_init_arena(&x, a);
	strbuf_init_arena(&y, a);
	CU_ASSERT_PTR_NULL(x.buf);
	while (x.len < 300000) {
		fill(&x, 'A', 1000);
		fill(&y, 'a', 333);
		(void)arena_strdup(a, "between");
	}
	CU_ASSERT(x.cap >= x.len + 1 && x.cap <= 2 * (x.len + 1));
	CU_ASSERT(pattern_ok(&x, 'A'));
	CU_ASSERT(pattern_ok(&y, 'a'));
	CU_ASSERT_EQUAL(strlen(x.buf), x.len);
	strbuf_printf(&y, "%s", "-end");
	CU_ASSERT(strcmp(y.buf + y.len - 4, "-end") == 0);
	/* A large body alone in its chunk: 12 MB, the pattern intact. */
	strbuf_init_arena(&big, a);
	fill(&big, '0', 12 * 1024 * 1024);
	CU_ASSERT_EQUAL(big.len, (size_t)12 * 1024 * 1024);
	CU_ASSERT(pattern_ok(&big, '0'));
	CU_ASSERT(pattern_ok(&x, 'A'));
	/* Cleanup forgets the storage and keeps the arena. */
	strbuf_cleanup(&x);
	CU_ASSERT_PTR_NULL(x.buf);
	CU_ASSERT_PTR_EQUAL(x.a, a);
	strbuf_puts(&x, "again");
	CU_ASSERT_STRING_EQUAL(x.buf, "again");
	/* The reset frees the large blocks (at most twice the bodies). */
	freed = arena_reset(a);
	CU_ASSERT(freed >= big.len);
	CU_ASSERT(freed <= 2 * (big.len + 300000 + 200000) + 64 * 1024);
	arena_free(a);
}

/* ---- jsonw ---- */

/* strbuf_extend: the caller's bytes, then the NUL; growth keeps them. */
static void
test_strbuf_extend(void)
{
	struct strbuf	 sb;
	char		*o;
	int		 i;

	strbuf_init(&sb);
	o = strbuf_extend(&sb, 3);
	memcpy(o, "abc", 3);
	CU_ASSERT_EQUAL(sb.len, 3);
	CU_ASSERT_STRING_EQUAL(sb.buf, "abc");
	CU_ASSERT_PTR_NOT_NULL(strbuf_extend(&sb, 0));
	CU_ASSERT_STRING_EQUAL(sb.buf, "abc");
	for (i = 0; i < 100; i++) {
		o = strbuf_extend(&sb, 7);
		memcpy(o, "0123456", 7);
	}
	CU_ASSERT_EQUAL(sb.len, 703);
	CU_ASSERT_EQUAL(strlen(sb.buf), 703);
	CU_ASSERT(strncmp(sb.buf, "abc0123456", 10) == 0);
	CU_ASSERT(strcmp(sb.buf + 696, "0123456") == 0);
	strbuf_cleanup(&sb);
}

/* Keys and strings that need no escape (one append) and that do. */
static void
test_jsonw_keys(void)
{
	struct strbuf	sb;
	struct jw	w;

	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "");
	jw_str(&w, "");
	jw_key(&w, "plain key");
	jw_str(&w, "plain value ~!");
	jw_key(&w, "q\"k");
	jw_str(&w, "tab\tend");
	jw_key(&w, "caf\xc3\xa9");
	jw_strn(&w, "ab\"", 2);
	jw_key(&w, "bad\xff");
	jw_str(&w, "\\");
	jw_obj_close(&w);
	CU_ASSERT_STRING_EQUAL(sb.buf, "{\"\":\"\",\"plain key\":"
	    "\"plain value ~!\",\"q\\\"k\":\"tab\\tend\",\"caf\xc3\xa9\":\"ab\","
	    "\"bad\\ufffd\":\"\\\\\"}");
	strbuf_cleanup(&sb);
}

static void
test_jsonw_struct(void)
{
	struct strbuf	sb;
	struct jw	w;

	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "a");
	jw_int(&w, -7);
	jw_key(&w, "b");
	jw_arr_open(&w);
	jw_uint(&w, UINT64_MAX);
	jw_bool(&w, 1);
	jw_bool(&w, 0);
	jw_null(&w);
	jw_obj_open(&w);
	jw_obj_close(&w);
	jw_arr_open(&w);
	jw_arr_close(&w);
	jw_str(&w, NULL);
	jw_arr_close(&w);
	jw_key(&w, "c");
	jw_raw(&w, "{\"x\":1}");
	jw_key(&w, "d");
	jw_obj_open(&w);
	jw_key(&w, "e");
	jw_str(&w, "f");
	jw_obj_close(&w);
	jw_obj_close(&w);
	CU_ASSERT_STRING_EQUAL(sb.buf, "{\"a\":-7,\"b\":[18446744073709551615,"
	    "true,false,null,{},[],null],\"c\":{\"x\":1},\"d\":{\"e\":\"f\"}}");
	strbuf_cleanup(&sb);
}

/* Instants: the canonical UTC string, with and without a key. */
static void
test_jsonw_instant(void)
{
	struct strbuf	sb;
	struct jw	w;

	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key_instant(&w, "at", 1717236000123LL);
	jw_key(&w, "list");
	jw_arr_open(&w);
	jw_instant(&w, 0);
	jw_arr_close(&w);
	jw_obj_close(&w);
	CU_ASSERT_STRING_EQUAL(sb.buf, "{\"at\":\"2024-06-01T10:00:00.123Z\","
	    "\"list\":[\"1970-01-01T00:00:00.000Z\"]}");
	strbuf_cleanup(&sb);
}

static void
test_jsonw_escape(void)
{
	struct strbuf	sb;
	struct jw	w;

	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	jw_str(&w, "q\"b\\n\nr\rt\tb\bf\f\x01\x1f\x7f");
	jw_str(&w, "caf\xc3\xa9 \xe2\x82\xac");
	jw_strn(&w, "a\0b", 3);
	jw_arr_close(&w);
	CU_ASSERT_STRING_EQUAL(sb.buf, "[\"q\\\"b\\\\n\\nr\\rt\\tb\\bf\\f"
	    "\\u0001\\u001f\x7f\",\"caf\xc3\xa9 \xe2\x82\xac\",\"a\\u0000b\"]");
	strbuf_reset(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "k\"");
	jw_double(&w, 0.1);
	jw_obj_close(&w);
	CU_ASSERT_STRING_EQUAL(sb.buf, "{\"k\\\"\":0.1}");
	/* Keys take a one-append path when plain and short (jw_key): the
	 * longest plain key it takes (61 bytes), one byte longer, an escape
	 * at the end, and UTF-8 must come out as jw_str would write them. */
	strbuf_reset(&sb);
	jw_init(&w, &sb);
	jw_obj_open(&w);
	jw_key(&w, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz012345678");
	jw_int(&w, 1);
	jw_key(&w, "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz0123456789");
	jw_int(&w, 2);
	jw_key(&w, "tab\t");
	jw_int(&w, 3);
	jw_key(&w, "caf\xc3\xa9\xff");
	jw_int(&w, 4);
	jw_key(&w, "");
	jw_int(&w, 5);
	jw_obj_close(&w);
	CU_ASSERT_STRING_EQUAL(sb.buf, "{\"abcdefghijklmnopqrstuvwxyzabcdefghij"
	    "klmnopqrstuvwxyz012345678\":1,\"abcdefghijklmnopqrstuvwxyzabcdefghij"
	    "klmnopqrstuvwxyz0123456789\":2,\"tab\\t\":3,\"caf\xc3\xa9\\ufffd\":4,"
	    "\"\":5}");
	strbuf_cleanup(&sb);
}

static void
test_jsonw_double(void)
{
	static const struct {
		double		 v;
		const char	*s;
	} t[] = {
		{ 25, "25" }, { 0.1, "0.1" }, { 1e-7, "1e-7" },
		{ 123.456, "123.456" }, { -0.5, "-0.5" },
		{ 9007199254740992.0, "9007199254740992" },
		{ 0.000123, "0.000123" }, { 1e-6, "0.000001" },
		{ 1e21, "1e+21" }, { 1e20, "100000000000000000000" },
		{ 0, "0" }, { -3, "-3" }, { 1.5e300, "1.5e+300" },
		{ 0.30000000000000004, "0.30000000000000004" },
		{ 5e-324, "5e-324" }, { 1.7976931348623157e308,
		    "1.7976931348623157e+308" }, { 100, "100" },
		{ 2.5e-8, "2.5e-8" },
		/* integers: the fast path below 2^53, the loop above */
		{ 9007199254740991.0, "9007199254740991" },
		{ -9007199254740991.0, "-9007199254740991" },
		{ 9007199254740994.0, "9007199254740994" },
		{ 1234567, "1234567" }, { -1000, "-1000" }, { 1e15, "1000000000000000" },
	};
	char	buf[40];
	size_t	i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		jw_format_double(t[i].v, buf, sizeof(buf));
		if (strcmp(buf, t[i].s) != 0)
			fprintf(stderr, "\n  double %s -> %s\n", t[i].s, buf);
		CU_ASSERT_STRING_EQUAL(buf, t[i].s);
		CU_ASSERT(strtod(buf, NULL) == t[i].v);
	}
	jw_format_double(0.0 / 0.0, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "null");
	jw_format_double(1.0 / 0.0, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "null");
}

/* ---- timeutil ---- */

static void
test_time_parse(void)
{
	static const struct {
		const char	*s;
		int		 ok;
		int64_t		 ms;
	} t[] = {
		{ "1970-01-01T00:00:00Z", 1, 0 },
		{ "1970-01-01T00:00:00", 1, 0 },
		{ "2024-06-01T10:00:00Z", 1, 1717236000000LL },
		{ "2024-06-01T10:00:00.5Z", 1, 1717236000500LL },
		{ "2024-06-01T10:00:00.12Z", 1, 1717236000120LL },
		{ "2024-06-01T10:00:00.123Z", 1, 1717236000123LL },
		{ "2024-06-01T10:00:00.1239Z", 1, 1717236000123LL },
		{ "2024-06-01T10:00:00.123999999Z", 1, 1717236000123LL },
		{ "2024-06-01T10:00:00.9999999999Z", 0, 0 },
		{ "2024-06-01T10:00:00.Z", 0, 0 },
		{ "2024-06-01T12:30:00+02:30", 1, 1717236000000LL },
		{ "2024-06-01T05:00:00-05:00", 1, 1717236000000LL },
		{ "2024-06-01T10:00:00+00:00", 1, 1717236000000LL },
		{ "2024-06-01T10:00:00.250-00:00", 1, 1717236000250LL },
		{ "2024-02-29T00:00:00Z", 1, 1709164800000LL },
		{ "2000-02-29T00:00:00Z", 1, 951782400000LL },
		{ "2023-02-29T00:00:00Z", 0, 0 },
		{ "1900-02-29T00:00:00Z", 0, 0 },
		{ "2022-13-01T00:00:00Z", 0, 0 },
		{ "2022-00-01T00:00:00Z", 0, 0 },
		{ "2022-04-31T00:00:00Z", 0, 0 },
		{ "2022-04-00T00:00:00Z", 0, 0 },
		{ "2024-06-01T24:00:00Z", 0, 0 },
		{ "2024-06-01T23:60:00Z", 0, 0 },
		{ "2016-12-31T23:59:60Z", 0, 0 },
		{ "2024-06-01T10:00:00Zjunk", 0, 0 },
		{ "2024-06-01T10:00:00 ", 0, 0 },
		{ "2024-06-01t10:00:00Z", 0, 0 },
		{ "2024-06-01T10:00:00z", 0, 0 },
		{ "2024-06-01 10:00:00Z", 0, 0 },
		{ "2024-06-01T10:00Z", 0, 0 },
		{ "2024-06-01T10:00:00+24:00", 0, 0 },
		{ "2024-06-01T10:00:00+01:60", 0, 0 },
		{ "2024-06-01T10:00:00+0100", 0, 0 },
		{ "2024-06-01T10:00:00+01", 0, 0 },
		{ "+2024-06-01T10:00:00Z", 0, 0 },
		{ "0000-01-01T00:00:00Z", 0, 0 },
		{ "0001-01-01T00:00:00Z", 1, -62135596800000LL },
		{ "9999-12-31T23:59:59.999Z", 1, 253402300799999LL },
		/* The instant, not only its text, must be in years 1-9999
		 * (fuzz_time; a 500 and a stuck test clock before). */
		{ "0001-01-01T00:00:00+23:59", 0, 0 },
		{ "0001-01-01T00:00:00+00:01", 0, 0 },
		{ "0001-01-01T00:00:00.000+00:00", 1, -62135596800000LL },
		{ "0001-01-01T00:00:00-00:01", 1, -62135596740000LL },
		{ "9999-12-31T23:59:59.999-23:59", 0, 0 },
		{ "9999-12-31T23:59:59.999-00:01", 0, 0 },
		{ "9999-12-31T23:59:59.999+00:01", 1, 253402300739999LL },
		{ "9999-12-31T23:59:59.999999999Z", 1, 253402300799999LL },
		{ "1969-12-31T23:59:59.999Z", 1, -1 },
		{ "24-06-01T10:00:00Z", 0, 0 },
		{ "2024-6-01T10:00:00Z", 0, 0 },
		{ "", 0, 0 },
		{ "2024-06-01", 0, 0 },
	};
	size_t	i;
	int64_t	ms;
	int	rc;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ms = 12345;
		rc = time_parse_instant(t[i].s, &ms);
		if ((rc == 0) != t[i].ok || (t[i].ok && ms != t[i].ms))
			fprintf(stderr, "\n  time case %s: rc %d ms %lld\n",
			    t[i].s, rc, (long long)ms);
		CU_ASSERT_EQUAL(rc == 0, t[i].ok);
		if (t[i].ok)
			CU_ASSERT_EQUAL(ms, t[i].ms);
	}
	CU_ASSERT_EQUAL(time_parse_instant(NULL, &ms), -1);
}

static void
test_time_date(void)
{
	int64_t	ms;
	int	d = -1;

	CU_ASSERT_EQUAL(time_parse_instant_or_date("2024-06-01", 0, &ms, &d),
	    -1);
	CU_ASSERT_EQUAL(time_parse_instant_or_date("2024-06-01", 1, &ms, &d), 0);
	CU_ASSERT_EQUAL(ms, 1717200000000LL);
	CU_ASSERT_EQUAL(d, 1);
	CU_ASSERT_EQUAL(time_parse_instant_or_date("2024-06-01T00:00:00Z", 1,
	    &ms, &d), 0);
	CU_ASSERT_EQUAL(d, 0);
	CU_ASSERT_EQUAL(time_parse_instant_or_date("2023-02-29", 1, &ms, NULL),
	    -1);
	CU_ASSERT_EQUAL(time_parse_instant_or_date("2024-06-01Z", 1, &ms, NULL),
	    -1);
	CU_ASSERT_EQUAL(time_parse_instant_or_date("2024-06-01T", 1, &ms, NULL),
	    -1);
	CU_ASSERT_EQUAL(time_parse_instant_or_date("2024-06-01", 1, &ms, NULL),
	    0);
}

static void
test_time_format(void)
{
	char	buf[TIME_ISO_LEN];
	int64_t	ms, v, y;
	unsigned m, d;
	int64_t	vals[] = { 0, -1, -86400000, 1717236000123LL,
	    -62135596800000LL, 253402300799999LL, 951782400000LL, -999,
	    -1000, 1 };
	size_t	i;

	time_format_iso(0, buf);
	CU_ASSERT_STRING_EQUAL(buf, "1970-01-01T00:00:00.000Z");
	time_format_iso(-1, buf);
	CU_ASSERT_STRING_EQUAL(buf, "1969-12-31T23:59:59.999Z");
	time_format_iso(-86400001, buf);
	CU_ASSERT_STRING_EQUAL(buf, "1969-12-30T23:59:59.999Z");
	time_format_iso(1717236000123LL, buf);
	CU_ASSERT_STRING_EQUAL(buf, "2024-06-01T10:00:00.123Z");
	time_format_iso(-62135596800000LL, buf);
	CU_ASSERT_STRING_EQUAL(buf, "0001-01-01T00:00:00.000Z");
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		time_format_iso(vals[i], buf);
		CU_ASSERT_EQUAL(strlen(buf), TIME_ISO_LEN - 1);
		CU_ASSERT_EQUAL_FATAL(time_parse_instant(buf, &ms), 0);
		CU_ASSERT_EQUAL(ms, vals[i]);
	}
	/* civil <-> days round trip over a wide range. */
	for (v = -800000; v <= 800000; v += 997) {
		time_civil_from_days(v, &y, &m, &d);
		CU_ASSERT_EQUAL(time_days_from_civil(y, m, d), v);
		CU_ASSERT(d >= 1 && d <= time_days_in_month(y, m));
	}
	CU_ASSERT_EQUAL(time_days_in_month(2024, 2), 29);
	CU_ASSERT_EQUAL(time_days_in_month(2100, 2), 28);
	CU_ASSERT_EQUAL(time_days_in_month(2000, 2), 29);
	CU_ASSERT_EQUAL(time_days_in_month(2023, 11), 30);
	CU_ASSERT(time_now_ms() > 1700000000000LL);
	CU_ASSERT(time_mono_us() > 0);
}

/* ---- err ---- */

static void
test_err(void)
{
	CU_ASSERT_STRING_EQUAL(err_name(ERR_CONFLICT), "ERR_CONFLICT");
	CU_ASSERT_STRING_EQUAL(err_name(ERR_NOMEM), "ERR_NOMEM");
	/* A crypto failure is not a database error (issue 14). */
	CU_ASSERT_STRING_EQUAL(err_name(ERR_CRYPTO), "ERR_CRYPTO");
	CU_ASSERT_STRING_EQUAL(err_name(ERR__MAX), "ERR_UNKNOWN");
	CU_ASSERT_STRING_EQUAL(err_http_reason(413), "Payload Too Large");
	CU_ASSERT_STRING_EQUAL(err_http_reason(431),
	    "Request Header Fields Too Large");
	CU_ASSERT_STRING_EQUAL(err_http_reason(504), "Gateway Timeout");
	CU_ASSERT_STRING_EQUAL(err_http_reason(200), "OK");
	CU_ASSERT_STRING_EQUAL(err_http_reason(299), "Unknown");
}

/* ---- config ---- */

static void
test_config_defaults(void)
{
	struct config	c;
	char		err[256];

	config_defaults(&c);
	CU_ASSERT_EQUAL(c.profile, PROFILE_DEVELOPMENT);
	CU_ASSERT_STRING_EQUAL(c.listen, "unix:/run/drecd/drecd.sock");
	CU_ASSERT_EQUAL(c.workers, 2);
	CU_ASSERT_EQUAL(c.db_port, 3306);
	CU_ASSERT_EQUAL(c.jwt_lifetime_s, 2592000);
	CU_ASSERT_EQUAL(c.body_limit_reads, 16777216);
	CU_ASSERT_STRING_EQUAL(c.jwt_secret, CONFIG_DEFAULT_JWT_SECRET);
	CU_ASSERT_STRING_EQUAL(c.log_level, "info");
	CU_ASSERT(strstr(c.sql_dir, "/sql") != NULL);
	CU_ASSERT_STRING_EQUAL(config_profile_name(PROFILE_PRODUCTION),
	    "production");

	CU_ASSERT_EQUAL(config_set(&c, "workers", "8", err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.workers, 8);
	CU_ASSERT_EQUAL(config_set(&c, "workers", "0", err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(config_set(&c, "workers", "8x", err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(config_set(&c, "workers", "+8", err, sizeof(err)), -1);
	{
		long	v = 0;

		/* Strict integers (drecctl's options too; issue 14). */
		CU_ASSERT_EQUAL(config_parse_long("12abc", 1, 99, &v), -1);
		CU_ASSERT_EQUAL(config_parse_long(" 12", 1, 99, &v), -1);
		CU_ASSERT_EQUAL(config_parse_long("12 ", 1, 99, &v), -1);
		CU_ASSERT_EQUAL(config_parse_long("", 1, 99, &v), -1);
		CU_ASSERT_EQUAL(config_parse_long("100", 1, 99, &v), -1);
		CU_ASSERT_EQUAL(config_parse_long("99999999999999999999", 1,
		    LONG_MAX, &v), -1);
		CU_ASSERT_EQUAL(v, 0);
		CU_ASSERT_EQUAL(config_parse_long("-3", -5, 5, &v), 0);
		CU_ASSERT_EQUAL(v, -3);
		CU_ASSERT_EQUAL(config_parse_long("12", 1, 99, &v), 0);
		CU_ASSERT_EQUAL(v, 12);
	}
	CU_ASSERT_EQUAL(config_set(&c, "workers", "", err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(config_set(&c, "db_port", "99999999999999999999",
	    err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(c.workers, 8);
	CU_ASSERT_EQUAL(config_set(&c, "bogus", "1", err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "bogus") != NULL);
	CU_ASSERT_EQUAL(config_set(&c, "profile", "staging", err,
	    sizeof(err)), -1);
	CU_ASSERT_EQUAL(config_set(&c, "body_limit", "2048", err,
	    sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.body_limit, 2048);
	CU_ASSERT_EQUAL(config_set(&c, "jwt_lifetime_s", "59", err,
	    sizeof(err)), -1);
	{
		char	longv[CONFIG_STR + 1];

		memset(longv, 'a', CONFIG_STR);
		longv[CONFIG_STR] = '\0';
		CU_ASSERT_EQUAL(config_set(&c, "db_password", longv, err,
		    sizeof(err)), -1);
		CU_ASSERT(strstr(err, "aaaa") == NULL);
		longv[CONFIG_STR - 1] = '\0';
		CU_ASSERT_EQUAL(config_set(&c, "db_password", longv, err,
		    sizeof(err)), 0);
	}
}

/* Writes text to a temporary file; returns its malloc'd path. */
static char *
write_tmp(const char *text)
{
	char	*path;
	int	 fd;

	path = strdup("/tmp/drec-unit-XXXXXX");
	if (path == NULL || (fd = mkstemp(path)) == -1)
		return path;
	if (write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		path[0] = '\0';
	close(fd);
	return path;
}

static void
test_config_file(void)
{
	struct config	 c;
	char		 err[512], *p;

	unsetenv("DREC_WORKERS");
	unsetenv("DREC_PROFILE");
	unsetenv("DREC_JWT_SECRET");
	p = write_tmp("# comment\n\n  workers = 6  \ndb_user=\"alice\"\n"
	    "db_password = s3cret # not a comment\n\tlisten\t=\t:9000\n");
	CU_ASSERT_EQUAL_FATAL(config_load(&c, p, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.workers, 6);
	CU_ASSERT_STRING_EQUAL(c.db_user, "alice");
	CU_ASSERT_STRING_EQUAL(c.db_password, "s3cret # not a comment");
	CU_ASSERT_STRING_EQUAL(c.listen, ":9000");
	CU_ASSERT_EQUAL(c.threads, 4);

	/* Environment overrides the file. */
	setenv("DREC_WORKERS", "9", 1);
	CU_ASSERT_EQUAL(config_load(&c, p, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.workers, 9);
	setenv("DREC_WORKERS", "x", 1);
	CU_ASSERT_EQUAL(config_load(&c, p, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "DREC_WORKERS") != NULL);
	unsetenv("DREC_WORKERS");
	unlink(p);
	free(p);

	p = write_tmp("workers = 2\nthreads = lots\n");
	CU_ASSERT_EQUAL(config_load(&c, p, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, ":2:") != NULL);
	CU_ASSERT(strstr(err, "threads") != NULL);
	unlink(p);
	free(p);

	p = write_tmp("\nnosuchkey = 1\n");
	CU_ASSERT_EQUAL(config_load(&c, p, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, ":2:") != NULL);
	CU_ASSERT(strstr(err, "nosuchkey") != NULL);
	unlink(p);
	free(p);

	p = write_tmp("just words\n");
	CU_ASSERT_EQUAL(config_load(&c, p, err, sizeof(err)), -1);
	unlink(p);
	free(p);
	CU_ASSERT_EQUAL(config_load(&c, "/nonexistent/drec.conf", err,
	    sizeof(err)), -1);
}

static void
test_config_production(void)
{
	struct config	 c;
	char		 err[512], *p;

	unsetenv("DREC_JWT_SECRET");
	setenv("DREC_PROFILE", "production", 1);
	CU_ASSERT_EQUAL(config_load(&c, NULL, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "jwt_secret") != NULL);
	CU_ASSERT(strstr(err, CONFIG_DEFAULT_JWT_SECRET) == NULL);
	setenv("DREC_JWT_SECRET", "", 1);
	CU_ASSERT_EQUAL(config_load(&c, NULL, err, sizeof(err)), -1);
	setenv("DREC_JWT_SECRET", "short-secret", 1);
	CU_ASSERT_EQUAL(config_load(&c, NULL, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "short-secret") == NULL);
	setenv("DREC_JWT_SECRET", "0123456789abcdef0123456789abcdef", 1);
	/* accounts.md §8.4: production needs ui_base_url and mail_from. */
	CU_ASSERT_EQUAL(config_load(&c, NULL, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "ui_base_url") != NULL);
	setenv("DREC_UI_BASE_URL", "https://drec.example/", 1);
	CU_ASSERT_EQUAL(config_load(&c, NULL, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "mail_from") != NULL);
	setenv("DREC_MAIL_FROM", "not an address", 1);
	CU_ASSERT_EQUAL(config_load(&c, NULL, err, sizeof(err)), -1);
	setenv("DREC_MAIL_FROM", "D-REC <no-reply@drec.example>", 1);
	CU_ASSERT_EQUAL(config_load(&c, NULL, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.profile, PROFILE_PRODUCTION);
	CU_ASSERT_STRING_EQUAL(c.ui_base_url, "https://drec.example");
	CU_ASSERT_STRING_EQUAL(c.smtp_tls, "required");
	setenv("DREC_UI_BASE_URL", "https://drec.example/?x=1", 1);
	CU_ASSERT_EQUAL(config_load(&c, NULL, err, sizeof(err)), -1);
	unsetenv("DREC_UI_BASE_URL");
	unsetenv("DREC_MAIL_FROM");
	unsetenv("DREC_JWT_SECRET");
	unsetenv("DREC_PROFILE");

	p = write_tmp("profile = production\n");
	CU_ASSERT_EQUAL(config_load(&c, p, err, sizeof(err)), -1);
	unlink(p);
	free(p);
	/* Only development may sign with the built-in secret (issue 13). */
	p = write_tmp("profile = test\n");
	CU_ASSERT_EQUAL(config_load(&c, p, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "jwt_secret") != NULL);
	CU_ASSERT(strstr(err, "test profile") != NULL);
	CU_ASSERT(strstr(err, CONFIG_DEFAULT_JWT_SECRET) == NULL);
	setenv("DREC_JWT_SECRET", "any-other-secret", 1);
	CU_ASSERT_EQUAL(config_load(&c, p, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.profile, PROFILE_TEST);
	setenv("DREC_JWT_SECRET", CONFIG_DEFAULT_JWT_SECRET, 1);
	CU_ASSERT_EQUAL(config_load(&c, p, err, sizeof(err)), -1);
	unlink(p);
	free(p);
	p = write_tmp("profile = development\n");
	CU_ASSERT_EQUAL(config_load(&c, p, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(c.jwt_secret, CONFIG_DEFAULT_JWT_SECRET);
	setenv("DREC_JWT_SECRET", "", 1);
	CU_ASSERT_EQUAL(config_load(&c, p, err, sizeof(err)), -1);
	unsetenv("DREC_JWT_SECRET");
	unlink(p);
	free(p);
}

/* Invalid UTF-8 is replaced by U+FFFD; valid multi-byte text passes. */
static void
test_jsonw_utf8(void)
{
	struct strbuf	sb;
	struct jw	w;

	strbuf_init(&sb);
	jw_init(&w, &sb);
	jw_arr_open(&w);
	jw_str(&w, "a\xff" "b");		/* stray byte */
	jw_str(&w, "\xc3\xa9");		/* é */
	jw_str(&w, "\xed\xa0\x80");	/* a UTF-8 encoded surrogate */
	jw_str(&w, "\xc0\xaf");		/* overlong '/' */
	jw_str(&w, "\xe2\x82");		/* truncated */
	jw_arr_close(&w);
	CU_ASSERT_STRING_EQUAL(sb.buf, "[\"a\\ufffdb\",\"\xc3\xa9\","
	    "\"\\ufffd\\ufffd\\ufffd\",\"\\ufffd\\ufffd\",\"\\ufffd\\ufffd\"]");
	strbuf_cleanup(&sb);
}

void
register_core_tests(void)
{
	CU_pSuite	s;

	s = CU_add_suite("core", NULL, NULL);
	CU_add_test(s, "arena alloc", test_arena_alloc);
	CU_add_test(s, "arena defer", test_arena_defer);
	CU_add_test(s, "strbuf", test_strbuf);
	CU_add_test(s, "strbuf in an arena", test_strbuf_arena);
	CU_add_test(s, "jsonw structure", test_jsonw_struct);
	CU_add_test(s, "jsonw escaping", test_jsonw_escape);
	CU_add_test(s, "strbuf_extend", test_strbuf_extend);
	CU_add_test(s, "jsonw keys and plain strings", test_jsonw_keys);
	CU_add_test(s, "jsonw instants", test_jsonw_instant);
	CU_add_test(s, "jsonw doubles", test_jsonw_double);
	CU_add_test(s, "jsonw invalid UTF-8", test_jsonw_utf8);
	CU_add_test(s, "time parse", test_time_parse);
	CU_add_test(s, "time date-only", test_time_date);
	CU_add_test(s, "time format", test_time_format);
	CU_add_test(s, "err tables", test_err);
	CU_add_test(s, "config defaults/set", test_config_defaults);
	CU_add_test(s, "config file/env", test_config_file);
	CU_add_test(s, "config production", test_config_production);
}
