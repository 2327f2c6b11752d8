/*
 * The error catalogue (src/core/ecode.def): every row complete and
 * distinct, and docs/errors.md exactly what the catalogue renders.
 */
#include <ctype.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "errdoc.h"

#include "core/ecode.h"
#include "core/err.h"
#include "core/strbuf.h"

static int
upper_snake(const char *s)
{
	if (!isupper((unsigned char)*s))
		return 0;
	for (; *s != '\0'; s++)
		if (!isupper((unsigned char)*s) && !isdigit((unsigned char)*s) &&
		    !(*s == '_' && s[1] != '_' && s[1] != '\0'))
			return 0;
	return 1;
}

/* The first row with code (a response row first), or E_NONE. */
static int
code_row(const char *code)
{
	int	e;

	for (e = 1; e < E__ITEM_MAX; e++)
		if (e != E__MAX && strcmp(ecode_code(e), code) == 0)
			return e;
	return E_NONE;
}

static void
t_rows_complete(void)
{
	int	e;

	CU_ASSERT(E__MAX > 100);
	for (e = 1; e < E__MAX; e++) {
		int st = ecode_status(e);

		CU_ASSERT(st >= 400 && st <= 599);
		CU_ASSERT(strcmp(err_http_reason(st), "Unknown") != 0);
		CU_ASSERT(upper_snake(ecode_code(e)));
		CU_ASSERT(ecode_message(e)[0] != '\0');
		/* Sent as is, never as a format (api_fail). */
		CU_ASSERT(strchr(ecode_message(e), '%') == NULL);
		CU_ASSERT(ecode_meaning(e)[0] != '\0');
		if (st < 400 || st > 599 || !upper_snake(ecode_code(e)))
			fprintf(stderr, "bad catalogue row %d: %s %d\n", e,
			    ecode_code(e), st);
	}
	/* The item-only rows: no status, and no response row's code. */
	CU_ASSERT(E__ITEM_MAX > E__MAX + 1);
	CU_ASSERT(ecode_status(E__MAX) == 500);
	CU_ASSERT_STRING_EQUAL(ecode_code(E__MAX), "INTERNAL_ERROR");
	for (e = E__MAX + 1; e < E__ITEM_MAX; e++) {
		CU_ASSERT(ecode_status(e) == 500);
		CU_ASSERT(upper_snake(ecode_code(e)));
		CU_ASSERT(ecode_message(e)[0] != '\0');
		CU_ASSERT(strchr(ecode_message(e), '%') == NULL);
		CU_ASSERT(ecode_meaning(e)[0] != '\0');
		CU_ASSERT(e == E__MAX + 1 ||
		    strcmp(ecode_code(e - 1), ecode_code(e)) < 0);
		CU_ASSERT(code_row(ecode_code(e)) == e);
	}
}

/* A code appears once, or twice with two statuses; the lookup agrees. */
static void
t_codes_unique(void)
{
	int	e, f;

	for (e = 1; e < E__MAX; e++) {
		CU_ASSERT(ecode_find(ecode_code(e), ecode_status(e)) ==
		    (enum ecode)e);
		/* Rows sorted by code (the doc's order). */
		if (e > 1)
			CU_ASSERT(strcmp(ecode_code(e - 1), ecode_code(e)) <= 0);
		for (f = e + 1; f < E__MAX; f++)
			if (strcmp(ecode_code(e), ecode_code(f)) == 0) {
				CU_ASSERT(ecode_status(e) != ecode_status(f));
				if (ecode_status(e) == ecode_status(f))
					fprintf(stderr, "catalogue: %s twice "
					    "with %d\n", ecode_code(e),
					    ecode_status(e));
			}
	}
	CU_ASSERT(ecode_find("NO_SUCH_CODE", 400) == E_NONE);
	CU_ASSERT(ecode_find("DEVICE_NOT_FOUND", 400) == E_NONE);
	CU_ASSERT(ecode_find("DEVICE_NOT_FOUND", 404) == E_DEVICE_NOT_FOUND);
	/* The parse failures the API hands the meter-read checks (a_code). */
	CU_ASSERT(ecode_find("INVALID_TIMESTAMP", 400) == E_INVALID_TIMESTAMP);
	CU_ASSERT(ecode_find("TIMESTAMP_REQUIRED", 400) ==
	    E_TIMESTAMP_REQUIRED);
	CU_ASSERT(ecode_find("INVALID_VALUE", 400) == E_INVALID_VALUE);
	CU_ASSERT(ecode_find("INVALID_UNIT", 400) == E_INVALID_UNIT);
	CU_ASSERT(ecode_status(E_NONE) == 500);
	CU_ASSERT(ecode_status(E__ITEM_MAX) == 500);
	CU_ASSERT_STRING_EQUAL(ecode_code(E_NONE), "INTERNAL_ERROR");
	CU_ASSERT_STRING_EQUAL(ecode_code(E__ITEM_MAX), "INTERNAL_ERROR");
	CU_ASSERT(ecode_find("JOB_ABORTED", 500) == E_NONE);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* The codes of the doc's table rows ("| `CODE` | 404 ..."), in order. */
static int
doc_has(const char *doc, const char *code, int status)
{
	char	row[160];

	snprintf(row, sizeof(row), "\n| `%s` | %d ", code, status);
	return strstr(doc, row) != NULL;
}

static void
t_doc_matches(void)
{
	const char	*top = getenv("top_srcdir");
	char		 path[4096];
	struct strbuf	 want;
	char		*doc, *p;
	size_t		 len = 0;
	int		 e, rows = 0;

	snprintf(path, sizeof(path), "%s/docs/errors.md", top ? top : ".");
	doc = slurp(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	/* Each catalogue row is in the doc ... */
	for (e = 1; e < E__MAX; e++) {
		CU_ASSERT(doc_has(doc, ecode_code(e), ecode_status(e)));
		if (!doc_has(doc, ecode_code(e), ecode_status(e)))
			fprintf(stderr, "docs/errors.md lacks %s %d\n",
			    ecode_code(e), ecode_status(e));
	}
	for (e = E__MAX + 1; e < E__ITEM_MAX; e++) {
		char	row[160];

		snprintf(row, sizeof(row), "\n| `%s` | ", ecode_code(e));
		CU_ASSERT(strstr(doc, row) != NULL);
	}
	/* ... and the doc has no other row. */
	for (p = doc; (p = strstr(p, "\n| `")) != NULL; p++)
		rows++;
	CU_ASSERT_EQUAL(rows, E__ITEM_MAX - 2);
	/* Byte for byte: messages, meanings, order (make errors-doc). */
	strbuf_init(&want);
	errdoc_render(&want);
	CU_ASSERT(want.len == len && memcmp(want.buf, doc, len) == 0);
	if (want.len != len || memcmp(want.buf, doc, len) != 0)
		fprintf(stderr, "docs/errors.md differs from the catalogue; "
		    "run make errors-doc\n");
	strbuf_cleanup(&want);
	free(doc);
}

/*
 * Every code a bulk job's item result can carry is a row of the
 * catalogue: each UPPER_SNAKE string literal of src/api/bulk_*.c (item
 * results are written there) is the code of a response row or of an
 * item-only row.
 */
static void
t_item_codes(void)
{
	const char	*top = getenv("top_srcdir");
	char		 pat[4096], code[128];
	glob_t		 g;
	size_t		 i, len, n;
	char		*src, *p, *q;
	int		 found = 0;

	snprintf(pat, sizeof(pat), "%s/src/api/bulk_*.c", top ? top : ".");
	CU_ASSERT_FATAL(glob(pat, 0, NULL, &g) == 0);
	CU_ASSERT(g.gl_pathc >= 5);
	for (i = 0; i < g.gl_pathc; i++) {
		src = slurp(g.gl_pathv[i], &len);
		CU_ASSERT_PTR_NOT_NULL_FATAL(src);
		for (p = src; (p = strchr(p, '"')) != NULL; p = q + 1) {
			q = ++p;
			while (isupper((unsigned char)*q) ||
			    isdigit((unsigned char)*q) || *q == '_')
				q++;
			n = (size_t)(q - p);
			/* "CODE" or, inside a literal of JSON, \"CODE\" */
			if ((*q != '"' && (*q != '\\' || q[1] != '"')) ||
			    n < 3 || n >= sizeof(code) ||
			    memchr(p, '_', n) == NULL || !isupper((unsigned char)*p))
				continue;
			memcpy(code, p, n);
			code[n] = '\0';
			found++;
			CU_ASSERT(code_row(code) != E_NONE);
			if (code_row(code) == E_NONE)
				fprintf(stderr, "%s: item code %s is not in "
				    "src/core/ecode.def\n", g.gl_pathv[i], code);
		}
		free(src);
	}
	CU_ASSERT(found > 0);
	globfree(&g);
}

void
register_ecode_tests(void)
{
	CU_pSuite s = CU_add_suite("ecode", NULL, NULL);

	CU_add_test(s, "catalogue rows complete", t_rows_complete);
	CU_add_test(s, "codes unique per status", t_codes_unique);
	CU_add_test(s, "docs/errors.md matches", t_doc_matches);
	CU_add_test(s, "bulk item codes in the catalogue", t_item_codes);
}
