/*
 * Prints docs/errors.md from the error catalogue (make errors-doc).
 */
#include <stdio.h>

#include "core/strbuf.h"
#include "errdoc.h"

int
main(void)
{
	struct strbuf	sb;

	strbuf_init(&sb);
	errdoc_render(&sb);
	fwrite(sb.buf, 1, sb.len, stdout);
	strbuf_cleanup(&sb);
	return ferror(stdout) ? 1 : 0;
}
