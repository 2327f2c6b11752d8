/*
 * Renders docs/errors.md from the catalogue of src/core/ecode.def: the
 * unit tests compare the file with it, `make errors-doc` writes it
 * (tests/unit/errdoc_main.c).
 */
#include "core/ecode.h"
#include "core/err.h"
#include "errdoc.h"

static const char head[] =
"# Errors\n"
"\n"
"Every error the API answers, generated from the catalogue in\n"
"`src/core/ecode.def` by `make errors-doc`; `make check` fails when this\n"
"file and the catalogue differ, so edit the catalogue, not this file.\n"
"\n"
"Every error body is the envelope of spec CONVENTIONS §2, its members in\n"
"this order: `statusCode`, `error` (the reason phrase), `success` (false),\n"
"`code`, `message`, then `details` where a route gives some.  `message` is\n"
"usually a sentence naming the offending value; the default message below\n"
"is sent when a handler has nothing to add.  A field error (400\n"
"`INVALID_FIELD` or `INVALID_QUERY`) has an array of sentences as `message`\n"
"and `details.fields`.  A code answered with two statuses has two rows.\n"
"\n"
"In the code, one enum constant `E_<NAME>` stands for each row\n"
"(`src/core/ecode.h`); handlers answer with `api_fail(c, E_X)` (the\n"
"default message) or `api_failf(c, E_X, fmt, ...)`, field errors with\n"
"`api_fail_fields`, and bodies with details open the same envelope with\n"
"`api_envelope` and send it with `api_fail_send` (`src/api/api.h`).  The\n"
"domain layer returns the constants, never HTTP statuses.\n"
"\n"
"nginx answers its own errors with the same envelope (spec CONVENTIONS §9,\n"
"`nginx/errors/`): 400 `BAD_REQUEST`, 413 `PAYLOAD_TOO_LARGE`, 414\n"
"`URI_TOO_LONG`, 429 `RATE_LIMITED`, 431 `HEADERS_TOO_LARGE`, 502 and 504\n"
"`UPSTREAM_UNAVAILABLE`; those are not drecd's and not listed below.\n"
"Nor is `GET /api/health`'s 503 body (CONVENTIONS §10).  The item codes\n"
"of a bulk job's results (integrators.md §9) are the codes of these rows\n"
"and those of the last table, which no response carries.\n"
"\n"
"| code | status | default message | meaning |\n"
"|---|---|---|---|\n";

static const char items[] =
"\n"
"## Item codes of bulk jobs\n"
"\n"
"The codes a bulk job's item result carries (`errors[].code`,\n"
"integrators.md §9) that are no response code: the item-only rows at\n"
"the end of `src/core/ecode.def`.\n"
"\n"
"| code | default message | meaning |\n"
"|---|---|---|\n";

void
errdoc_render(struct strbuf *sb)
{
	int	e;

	strbuf_puts(sb, head);
	for (e = 1; e < E__MAX; e++)
		strbuf_printf(sb, "| `%s` | %d %s | %s | %s |\n",
		    ecode_code(e), ecode_status(e),
		    err_http_reason(ecode_status(e)), ecode_message(e),
		    ecode_meaning(e));
	strbuf_puts(sb, items);
	for (e = E__MAX + 1; e < E__ITEM_MAX; e++)
		strbuf_printf(sb, "| `%s` | %s | %s |\n", ecode_code(e),
		    ecode_message(e), ecode_meaning(e));
}
