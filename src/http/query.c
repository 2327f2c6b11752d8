/*
 * Query strings: '&'-separated name=value pairs, each side percent-decoded
 * with '+' as a space (application/x-www-form-urlencoded; RFC 3986 §3.4).
 * Empty pairs ("a=1&&b=2") are skipped; a name without '=' has value "".
 */
#include <string.h>

#include "core/arena.h"
#include "http/query.h"
#include "http/router.h"

int
http_query_parse(struct arena *a, const char *qs, struct query *q)
{
	const char	*p, *amp, *eq;
	char		*name, *value;

	q->n = 0;
	q->declared = NULL;
	q->undeclared = NULL;
	if (qs == NULL)
		return 0;
	for (p = qs; *p != '\0'; p = *amp ? amp + 1 : amp) {
		if ((amp = strchr(p, '&')) == NULL)
			amp = p + strlen(p);
		if (amp == p)
			continue;
		if ((eq = memchr(p, '=', amp - p)) == NULL)
			eq = amp;
		if ((name = http_url_decode(a, p, eq - p, 1)) == NULL)
			return -1;
		if (eq == amp)
			value = arena_strdup(a, "");
		else if ((value = http_url_decode(a, eq + 1, amp - eq - 1, 1)) == NULL)
			return -1;
		if (q->n >= QUERY_MAX_PARAMS)
			return -1;
		q->name[q->n] = name;
		q->value[q->n++] = value;
	}
	return 0;
}

int
http_query_word_in(const char *list, const char *name)
{
	size_t		 n = strlen(name), k;
	const char	*p = list;

	while (*p != '\0') {
		while (*p == ' ')
			p++;
		k = strcspn(p, " ");
		if (k == n && strncmp(p, name, n) == 0)
			return 1;
		p += k;
	}
	return 0;
}

/* Notes name in q->undeclared when q's declaration lacks it. */
static void
declared(const struct query *q, const char *name)
{
	if (q->declared == NULL || http_query_word_in(q->declared, name))
		return;
	if (q->undeclared == NULL)
		((struct query *)q)->undeclared = name;
}

const char *
http_query_get(const struct query *q, const char *name)
{
	int	i;

	declared(q, name);
	for (i = 0; i < q->n; i++)
		if (strcmp(q->name[i], name) == 0)
			return q->value[i];
	return NULL;
}

int
http_query_count(const struct query *q, const char *name)
{
	int	i, n = 0;

	declared(q, name);
	for (i = 0; i < q->n; i++)
		if (strcmp(q->name[i], name) == 0)
			n++;
	return n;
}
