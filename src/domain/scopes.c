/*
 * ApiUser scopes (integrators.md §2.2).
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "domain/scopes.h"

static const char *const names[SCOPE__COUNT] = {
	"organizations", "devices", "reads", "reservations", "certificates",
};

/* Reference ACL modules 1..10 → scope (§2.2's table). */
static const unsigned module_scope[11] = {
	0, SCOPE_ORGANIZATIONS, SCOPE_ORGANIZATIONS, SCOPE_DEVICES,
	SCOPE_DEVICES, SCOPE_RESERVATIONS, SCOPE_DEVICES, SCOPE_READS,
	SCOPE_CERTIFICATES, SCOPE_ORGANIZATIONS, SCOPE_ORGANIZATIONS,
};

/* The module shown per scope by GET /api/permission/user/:id. */
static const int scope_module[SCOPE__COUNT] = { 2, 4, 7, 5, 8 };

const char *
dom_scope_name(int i)
{
	return (i >= 0 && i < SCOPE__COUNT) ? names[i] : NULL;
}

unsigned
dom_scope_bit(const char *name)
{
	int i;

	for (i = 0; name != NULL && i < SCOPE__COUNT; i++)
		if (strcasecmp(name, names[i]) == 0)
			return 1u << i;
	return 0;
}

unsigned
dom_scope_parse_set(const char *set)
{
	unsigned	 m = 0;
	char		 buf[128], *p, *tok, *save = NULL;

	if (set == NULL || strlen(set) >= sizeof(buf))
		return 0;
	strcpy(buf, set);
	for (p = buf; (tok = strtok_r(p, ",", &save)) != NULL; p = NULL)
		m |= dom_scope_bit(tok);
	return m;
}

void
dom_scope_set_text(unsigned mask, char *buf, unsigned len)
{
	unsigned	n = 0;
	int		i;

	if (len == 0)
		return;
	buf[0] = '\0';
	for (i = 0; i < SCOPE__COUNT; i++)
		if (mask & (1u << i))
			n += (unsigned)snprintf(buf + n, n < len ? len - n : 0,
			    "%s%s", n ? "," : "", names[i]);
}

unsigned
dom_scope_of_module(int module)
{
	return (module >= 1 && module <= 10) ? module_scope[module] : 0;
}

int
dom_scope_module(unsigned bit)
{
	int i;

	for (i = 0; i < SCOPE__COUNT; i++)
		if (bit == (1u << i))
			return scope_module[i];
	return 0;
}
