/*
 * Pure rules of users.md §1 and §4.1: text, e-mail, password policy.
 * Each check returns NULL when the value is fine, else a static phrase
 * "<what is wrong>; <what is allowed>" for the field's error sentence.
 */
#ifndef DOMAIN_USER_RULES_H
#define DOMAIN_USER_RULES_H

#include <stddef.h>

/* Trims space, tab, CR, LF at both ends in place; returns s. */
char		*dom_trim(char *s);
/* Number of code points of valid UTF-8 s. */
size_t		 dom_utf8_len(const char *s);
enum dom_text { DOM_TEXT_OK, DOM_TEXT_CONTROL, DOM_TEXT_SHORT, DOM_TEXT_LONG };
/*
 * A (trimmed) text field of minc..maxc characters without control chars
 * (U+0000-U+001F, U+007F).  len is the byte length (embedded NUL check).
 */
enum dom_text	 dom_check_text(const char *s, size_t len, size_t minc,
		    size_t maxc);
/* users.md §4.1 e-mail grammar, on the trimmed value. */
const char	*dom_check_email(const char *s, size_t len);
/* Password: 6-72 bytes, an ASCII letter and an ASCII digit, no NUL. */
const char	*dom_check_password(const char *s, size_t len);
/* Lower-cases ASCII letters in place; returns s. */
char		*dom_ascii_lower(char *s);
/*
 * Canonical spelling of s among the NULL-terminated choices compared
 * ASCII-case-insensitively, or NULL.
 */
const char	*dom_canonical(const char *s, const char *const *choices);

#endif
