/*
 * CSV parsing for bulk uploads (integrators.md §5.2) and the scope
 * helpers of §2.2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "domain/csv.h"
#include "domain/scopes.h"
#include "http/multipart.h"
#include "unit.h"

/* The records seen, as "row:f1|f2|...;" text. */
struct seen {
	char	text[2048];
};

static int
collect(void *ctx, int row, char **f, int nf)
{
	struct seen	*s = ctx;
	size_t		 n = strlen(s->text);
	int		 i;

	n += (size_t)snprintf(s->text + n, sizeof(s->text) - n, "%d:", row);
	for (i = 0; i < nf; i++)
		n += (size_t)snprintf(s->text + n, sizeof(s->text) - n, "%s%s",
		    i ? "|" : "", f[i]);
	snprintf(s->text + n, sizeof(s->text) - n, ";");
	return 0;
}

/* Parses a copy of in; the status, records and the collected text. */
static enum csv_status
parse(const char *in, size_t len, struct seen *s, struct csv_error *e,
    int *records)
{
	char		*buf = malloc(len + 1);
	enum csv_status	 st;

	memcpy(buf, in, len);
	memset(s, 0, sizeof(*s));
	st = dom_csv_parse(buf, len, collect, s, e, records);
	free(buf);
	return st;
}
#define PARSE(lit, s, e, n)	parse((lit), sizeof(lit) - 1, (s), (e), (n))

static void
csv_basic(void)
{
	struct seen		s;
	struct csv_error	e;
	int			n;

	CU_ASSERT_EQUAL(PARSE("id,timestamp,value\nA,1, 2 \n", &s, &e, &n),
	    CSV_OK);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(s.text, "1:id|timestamp|value;2:A|1|2;");
	/* The last record without a line end; CRLF; a BOM. */
	CU_ASSERT_EQUAL(PARSE("\xef\xbb\xbf" "a,b\r\n1,2\r\n3,4", &s, &e, &n),
	    CSV_OK);
	CU_ASSERT_STRING_EQUAL(s.text, "1:a|b;2:1|2;3:3|4;");
	/* Quotes: commas, line breaks and "" inside; rows count records. */
	CU_ASSERT_EQUAL(PARSE("a,b\n\"Siem Reap, Road 6\",\"x\ny\"\n"
	    "\"say \"\"hi\"\"\",\"\"\n", &s, &e, &n), CSV_OK);
	CU_ASSERT_STRING_EQUAL(s.text, "1:a|b;2:Siem Reap, Road 6|x\ny;"
	    "3:say \"hi\"|;");
	/* Empty and all-empty records are skipped, numbers kept. */
	CU_ASSERT_EQUAL(PARSE("a,b\n\n,\n1,2\n\n", &s, &e, &n), CSV_OK);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(s.text, "1:a|b;4:1|2;");
}

static void
csv_errors(void)
{
	struct seen		s;
	struct csv_error	e;
	int			n;

	/* #29: a quote in an unquoted field, row 2. */
	CU_ASSERT_EQUAL(PARSE("a,b\nKH-9,\"Phnom \"Penh\",x\n", &s, &e, &n),
	    CSV_SYNTAX);
	CU_ASSERT_EQUAL(e.row, 2);
	CU_ASSERT_EQUAL(PARSE("a,b\nx,Phnom \"Penh\n", &s, &e, &n),
	    CSV_SYNTAX);
	CU_ASSERT_EQUAL(e.row, 2);
	/* A field too many. */
	CU_ASSERT_EQUAL(PARSE("a,b\n1,2\n1,2,3\n", &s, &e, &n), CSV_SYNTAX);
	CU_ASSERT_EQUAL(e.row, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "row 3 has 3 fields; the header "
	    "has 2"));
	/* Unterminated quote. */
	CU_ASSERT_EQUAL(PARSE("a,b\n1,\"2\n3,4\n", &s, &e, &n), CSV_SYNTAX);
	CU_ASSERT_EQUAL(e.row, 2);
	/* Invalid UTF-8 in row 3; NUL; overlong; surrogate. */
	CU_ASSERT_EQUAL(PARSE("a,b\n1,2\n\xff,4\n", &s, &e, &n), CSV_ENCODING);
	CU_ASSERT_EQUAL(e.row, 3);
	CU_ASSERT_EQUAL(PARSE("a,b\n1,2\0\n", &s, &e, &n), CSV_ENCODING);
	CU_ASSERT_EQUAL(e.row, 2);
	CU_ASSERT_EQUAL(PARSE("a,b\n\xc0\xaf,1\n", &s, &e, &n), CSV_ENCODING);
	CU_ASSERT_EQUAL(PARSE("a,b\n\xed\xa0\x80,1\n", &s, &e, &n),
	    CSV_ENCODING);
	/* Valid multi-byte text passes. */
	CU_ASSERT_EQUAL(PARSE("a\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\n", &s,
	    &e, &n), CSV_OK);
	/* Header only; nothing. */
	CU_ASSERT_EQUAL(PARSE("a,b\n", &s, &e, &n), CSV_EMPTY_FILE);
	CU_ASSERT_EQUAL(PARSE("", &s, &e, &n), CSV_EMPTY_FILE);
	CU_ASSERT_EQUAL(PARSE("\n\n", &s, &e, &n), CSV_EMPTY_FILE);
	/* Text after a closing quote. */
	CU_ASSERT_EQUAL(PARSE("a,b\n\"x\"y,1\n", &s, &e, &n), CSV_SYNTAX);
}

static void
csv_formula(void)
{
	CU_ASSERT_TRUE(dom_csv_formula("=1+2"));
	CU_ASSERT_TRUE(dom_csv_formula("+1"));
	CU_ASSERT_TRUE(dom_csv_formula("-1"));
	CU_ASSERT_TRUE(dom_csv_formula("@SUM(A1)"));
	CU_ASSERT_FALSE(dom_csv_formula("\tx"));
	CU_ASSERT_FALSE(dom_csv_formula("KH-001"));
	CU_ASSERT_FALSE(dom_csv_formula(""));
}

static void
scopes(void)
{
	char buf[80];

	CU_ASSERT_EQUAL(dom_scope_bit("READS"), SCOPE_READS);
	CU_ASSERT_EQUAL(dom_scope_bit("billing"), 0);
	CU_ASSERT_EQUAL(dom_scope_parse_set("devices,organizations"),
	    SCOPE_DEVICES | SCOPE_ORGANIZATIONS);
	dom_scope_set_text(SCOPE_READS | SCOPE_ORGANIZATIONS, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "organizations,reads");
	CU_ASSERT_EQUAL(dom_scope_of_module(7), SCOPE_READS);
	CU_ASSERT_EQUAL(dom_scope_of_module(11), 0);
	CU_ASSERT_EQUAL(dom_scope_module(SCOPE_RESERVATIONS), 5);
}

static void
multipart(void)
{
	static const char body[] = "preamble\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"files\"; "
	    "filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n"
	    "x,y\r\n1,2\r\n--XyZ\r\nContent-Disposition: form-data; "
	    "name=other\r\n\r\n\r\n--XyZ--\r\n";
	struct arena	*a = arena_new();
	struct mp_part	 p[4];
	const char	*why;
	char		 b[80];
	int		 n;

	CU_ASSERT_EQUAL(http_multipart_boundary("multipart/form-data; "
	    "boundary=\"XyZ\"", b), 0);
	CU_ASSERT_STRING_EQUAL(b, "XyZ");
	CU_ASSERT_EQUAL(http_multipart_boundary("multipart/form-data", b), -1);
	CU_ASSERT_EQUAL(http_multipart_boundary("text/csv; boundary=x", b), -1);
	CU_ASSERT_EQUAL(http_multipart_parse(a, "XyZ", body, sizeof(body) - 1,
	    p, 4, &n, &why), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_STRING_EQUAL(p[0].name, "files");
	CU_ASSERT_STRING_EQUAL(p[0].filename, "a.csv");
	CU_ASSERT_EQUAL(p[0].len, 8);	/* the CRLF before a delimiter is its own */
	CU_ASSERT_EQUAL(memcmp(p[0].data, "x,y\r\n1,2", 8), 0);
	CU_ASSERT_STRING_EQUAL(p[1].name, "other");
	CU_ASSERT_PTR_NULL(p[1].filename);
	CU_ASSERT_EQUAL(p[1].len, 0);
	/* Unclosed part, too many parts, no delimiter. */
	CU_ASSERT_EQUAL(http_multipart_parse(a, "XyZ", "--XyZ\r\n\r\nabc", 12,
	    p, 4, &n, &why), -1);
	CU_ASSERT_EQUAL(http_multipart_parse(a, "XyZ", body, sizeof(body) - 1,
	    p, 1, &n, &why), -1);
	CU_ASSERT_EQUAL(http_multipart_parse(a, "XyZ", "abc", 3, p, 4, &n,
	    &why), -1);
	arena_free(a);
}

void
register_csv_tests(void)
{
	CU_pSuite s = CU_add_suite("csv and scopes", NULL, NULL);

	CU_add_test(s, "records, quotes, BOM, CRLF, empty rows", csv_basic);
	CU_add_test(s, "malformed, encodings, empty files", csv_errors);
	CU_add_test(s, "formula cells", csv_formula);
	CU_add_test(s, "scope names, sets, modules", scopes);
	CU_add_test(s, "multipart/form-data parts", multipart);
}
