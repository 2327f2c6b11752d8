/*
 * The tables of the error catalogue, expanded from core/ecode.def.
 */
#include <stddef.h>
#include <string.h>

#include "core/ecode.h"

static const struct {
	const char	*code;
	int		 status;
	const char	*message;
	const char	*meaning;
} rows[E__ITEM_MAX] = {
	[E_NONE] = { NULL, 0, NULL, NULL },
	[E__MAX] = { NULL, 0, NULL, NULL },
#define E(name, code, status, msg, meaning)	\
	[E_##name] = { code, status, msg, meaning },
#define I(name, code, msg, meaning)	\
	[E_##name] = { code, 0, msg, meaning },
#include "core/ecode.def"
#undef E
#undef I
};

/* A response row. */
static int
valid(enum ecode e)
{
	return (unsigned)e < E__MAX && e != E_NONE;
}

/* A response row or an item-only row. */
static int
any(enum ecode e)
{
	return (unsigned)e < E__ITEM_MAX && e != E_NONE && e != E__MAX;
}

int
ecode_status(enum ecode e)
{
	return valid(e) ? rows[e].status : 500;
}

const char *
ecode_code(enum ecode e)
{
	return any(e) ? rows[e].code : "INTERNAL_ERROR";
}

const char *
ecode_message(enum ecode e)
{
	return any(e) ? rows[e].message : "Internal error";
}

const char *
ecode_meaning(enum ecode e)
{
	return any(e) ? rows[e].meaning : "";
}

enum ecode
ecode_find(const char *code, int status)
{
	int	i;

	for (i = 1; i < E__MAX; i++)
		if (rows[i].status == status && strcmp(rows[i].code, code) == 0)
			return (enum ecode)i;
	return E_NONE;
}
