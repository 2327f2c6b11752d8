/*
 * Internal result codes of functions below the API layer, and the HTTP
 * reason phrase table.  The errors the API answers (EMAIL_TAKEN, ...) are
 * the catalogue of core/ecode.h; see docs/errors.md.
 */
#ifndef CORE_ERR_H
#define CORE_ERR_H

enum err {
	ERR_OK = 0,
	ERR_NOTFOUND,		/* no row */
	ERR_CONFLICT,		/* duplicate key */
	ERR_INVALID,		/* bad input to the function */
	ERR_UNAVAILABLE,	/* database unreachable / timed out: 503 */
	ERR_DEADLOCK,		/* 1213/1205: retry the transaction */
	ERR_DB,			/* any other database error: 500 */
	ERR_NOMEM,
	ERR_CRYPTO,		/* no random bytes, password hash or signature: 500 */
	ERR__MAX
};

/* Stable name of an enum err ("ERR_CONFLICT"). */
const char	*err_name(enum err);
/* RFC 9110 reason phrase for an HTTP status ("Payload Too Large"). */
const char	*err_http_reason(int status);

#endif
