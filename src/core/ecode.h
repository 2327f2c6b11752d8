/*
 * The error catalogue (src/core/ecode.def): one enum constant per error
 * the API answers, with its HTTP status, stable code and default message.
 * Lower layers return these as results (the domain's meter-read checks);
 * the API layer alone turns them into responses (api_fail).  The list and
 * its meanings are in docs/errors.md, generated from the table.
 */
#ifndef CORE_ECODE_H
#define CORE_ECODE_H

enum ecode {
	E_NONE = 0,		/* no error; not in the catalogue */
#define E(name, code, status, msg, meaning)	E_##name,
#define I(name, code, msg, meaning)
#include "core/ecode.def"
#undef E
#undef I
	E__MAX,			/* the end of the response rows */
#define E(name, code, status, msg, meaning)
#define I(name, code, msg, meaning)	E_##name,
#include "core/ecode.def"
#undef E
#undef I
	E__ITEM_MAX		/* the end of the item-only rows */
};

/*
 * The HTTP status of e (400 ... 503); 500 for E_NONE, an item-only row
 * (never a response) or out of range.
 */
int		 ecode_status(enum ecode e);
/*
 * The stable code of e ("DEVICE_NOT_FOUND"), of a response row or an
 * item-only row; "INTERNAL_ERROR" for E_NONE or out of range.
 */
const char	*ecode_code(enum ecode e);
/* The default message of e (a sentence, never NULL); item rows too. */
const char	*ecode_message(enum ecode e);
/* The one-line meaning of e, for docs/errors.md; item rows too. */
const char	*ecode_meaning(enum ecode e);
/*
 * The constant of code with status (a code answered with two statuses
 * has two), or E_NONE when the catalogue has no such response row.
 */
enum ecode	 ecode_find(const char *code, int status);

#endif
