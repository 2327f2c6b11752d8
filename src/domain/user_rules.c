/*
 * Pure rules of users.md §1 (text) and §4.1 (e-mail, password).
 */
#include <string.h>
#include <strings.h>

#include "domain/user_rules.h"

static int
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

char *
dom_trim(char *s)
{
	size_t n;
	char *p = s;

	while (is_ws(*p))
		p++;
	n = strlen(p);
	while (n > 0 && is_ws(p[n - 1]))
		n--;
	memmove(s, p, n);
	s[n] = '\0';
	return s;
}

size_t
dom_utf8_len(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

enum dom_text
dom_check_text(const char *s, size_t len, size_t minc, size_t maxc)
{
	size_t i, n;

	if (strlen(s) != len)
		return DOM_TEXT_CONTROL;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return DOM_TEXT_CONTROL;
	}
	n = dom_utf8_len(s);
	if (n < minc)
		return DOM_TEXT_SHORT;
	if (n > maxc)
		return DOM_TEXT_LONG;
	return DOM_TEXT_OK;
}

static int
local_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || strchr("!#$%&'*+/=?^_`{|}~-", c) != NULL;
}

static int
label_ok(const char *l, size_t n)
{
	size_t i;

	if (n < 1 || n > 63 || l[0] == '-' || l[n - 1] == '-')
		return 0;
	for (i = 0; i < n; i++) {
		char c = l[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-'))
			return 0;
	}
	return 1;
}

const char *
dom_check_email(const char *s, size_t len)
{
	static const char bad[] = "is not a valid e-mail address; "
	    "use local@domain with an ASCII domain of two or more labels";
	const char	*at, *d, *dot, *last;
	size_t		 ll, dl, i;
	int		 labels = 0, alldigits;

	if (strlen(s) != len || len > 254 || (at = strchr(s, '@')) == NULL ||
	    strchr(at + 1, '@') != NULL)
		return bad;
	ll = (size_t)(at - s);
	if (ll < 1 || ll > 64 || s[0] == '.' || s[ll - 1] == '.')
		return bad;
	for (i = 0; i < ll; i++) {
		if (s[i] == '.' && s[i + 1] == '.')
			return bad;
		if (s[i] != '.' && !local_char(s[i]))
			return bad;
	}
	d = at + 1;
	dl = strlen(d);
	if (dl < 1 || dl > 253)
		return bad;
	last = d;
	for (;;) {
		dot = strchr(d, '.');
		i = dot ? (size_t)(dot - d) : strlen(d);
		if (!label_ok(d, i))
			return bad;
		labels++;
		last = d;
		if (dot == NULL)
			break;
		d = dot + 1;
	}
	if (labels < 2)
		return bad;
	alldigits = 1;
	for (i = 0; last[i] != '\0'; i++)
		if (!(last[i] >= '0' && last[i] <= '9'))
			alldigits = 0;
	if (alldigits)
		return bad;
	return NULL;
}

const char *
dom_check_password(const char *s, size_t len)
{
	int	letter = 0, digit = 0;
	size_t	i;

	if (strlen(s) != len)
		return "must not contain U+0000; 6-72 bytes with at least one "
		    "ASCII letter and one ASCII digit";
	if (len < 6)
		return "is too short; 6-72 bytes with at least one ASCII letter "
		    "and one ASCII digit";
	if (len > 72)
		return "is too long; 6-72 bytes with at least one ASCII letter "
		    "and one ASCII digit";
	for (i = 0; i < len; i++) {
		char c = s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			letter = 1;
		if (c >= '0' && c <= '9')
			digit = 1;
	}
	if (!letter || !digit)
		return "must contain at least one ASCII letter and one ASCII "
		    "digit; 6-72 bytes";
	return NULL;
}

char *
dom_ascii_lower(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

const char *
dom_canonical(const char *s, const char *const *choices)
{
	for (; *choices != NULL; choices++)
		if (strcasecmp(s, *choices) == 0)
			return *choices;
	return NULL;
}
