/*
 * Field checks shared by the user routes (users.md §4.1): each takes the
 * decoded string, normalises it in place where the spec says so (trim,
 * lower-case) and returns NULL or the sentence after "<field>: ".
 */
#ifndef API_FIELDS_H
#define API_FIELDS_H

#include "http/jsonin.h"

struct arena;

/* Trimmed text of 1..maxc characters without control characters. */
const char	*api_fld_text(struct arena *, struct jstr *, size_t maxc);
/* Trimmed, lower-cased e-mail per users.md §4.1. */
const char	*api_fld_email(struct arena *, struct jstr *);
/* Password policy (never echoes the value). */
const char	*api_fld_password(struct arena *, struct jstr *);
/* Canonical spelling among choices (any case) stored back into s->v. */
const char	*api_fld_choice(struct arena *, struct jstr *,
		    const char *const *choices, const char *allowed);
/* Escapes %, _ and ! with '!' for a LIKE ... ESCAPE '!' substring. */
char		*api_fld_like_escape(struct arena *, const char *);

#endif
