/*
 * docs/errors.md as generated from the error catalogue (errdoc.c).
 */
#ifndef TESTS_ERRDOC_H
#define TESTS_ERRDOC_H

#include "core/strbuf.h"

/* Appends the whole text of docs/errors.md to sb. */
void	errdoc_render(struct strbuf *sb);

#endif
