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
#include "core/ecode.def"
#undef E
	E__MAX
};

/* The HTTP status of e (400 ... 503); 500 for E_NONE or out of range. */
int		 ecode_status(enum ecode e);
/* The stable code of e ("DEVICE_NOT_FOUND"); "INTERNAL_ERROR" likewise. */
const char	*ecode_code(enum ecode e);
/* The default message of e (a sentence, never NULL). */
const char	*ecode_message(enum ecode e);
/* The one-line meaning of e, for docs/errors.md. */
const char	*ecode_meaning(enum ecode e);
/*
 * The constant of code with status (a code answered with two statuses
 * has two), or E_NONE when the catalogue has no such row.
 */
enum ecode	 ecode_find(const char *code, int status);

#endif
