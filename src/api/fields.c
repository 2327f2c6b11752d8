/*
 * Field checks shared by the user routes (api/fields.h).
 */
#include <string.h>

#include "core/arena.h"
#include "domain/user_rules.h"
#include "api/fields.h"

const char *
api_fld_text(struct arena *a, struct jstr *s, size_t maxc)
{
	char *v = (char *)s->v;

	if (strlen(v) != s->len)	/* an embedded U+0000 */
		return "must not contain control characters; printable text";
	dom_trim(v);
	switch (dom_check_text(v, strlen(v), 1, maxc)) {
	case DOM_TEXT_OK:
		s->len = strlen(v);
		return NULL;
	case DOM_TEXT_CONTROL:
		return "must not contain control characters; printable text";
	case DOM_TEXT_SHORT:
		return arena_printf(a, "must not be empty; 1-%zu characters "
		    "after trimming", maxc);
	default:
		return arena_printf(a, "is too long (%zu characters); at most "
		    "%zu", dom_utf8_len(v), maxc);
	}
}

const char *
api_fld_email(struct arena *a, struct jstr *s)
{
	char		*v = (char *)s->v;
	const char	*why;

	if (strlen(v) != s->len)
		return "must not contain control characters; an e-mail address";
	dom_trim(v);
	if ((why = dom_check_email(v, strlen(v))) != NULL) {
		/* Echo only short, printable values. */
		if (strlen(v) <= 254 && dom_check_text(v, strlen(v), 0, 254) ==
		    DOM_TEXT_OK)
			return arena_printf(a, "\"%s\" %s", v, why);
		return why;
	}
	dom_ascii_lower(v);
	s->len = strlen(v);
	return NULL;
}

const char *
api_fld_password(struct arena *a, struct jstr *s)
{
	(void)a;
	return dom_check_password(s->v, s->len);
}

const char *
api_fld_choice(struct arena *a, struct jstr *s, const char *const *choices,
    const char *allowed)
{
	const char *canon = dom_canonical(s->v, choices);

	if (canon == NULL) {
		if (strlen(s->v) <= 64 &&
		    dom_check_text(s->v, s->len, 0, 64) == DOM_TEXT_OK)
			return arena_printf(a, "\"%s\" is not allowed; use %s",
			    s->v, allowed);
		return arena_printf(a, "is not allowed; use %s", allowed);
	}
	s->v = canon;
	s->len = strlen(canon);
	return NULL;
}

char *
api_fld_like_escape(struct arena *a, const char *s)
{
	char	*out = arena_alloc(a, strlen(s) * 2 + 1), *p = out;

	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '!')
			*p++ = '!';
		*p++ = *s;
	}
	*p = '\0';
	return out;
}
