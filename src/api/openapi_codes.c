/*
 * Error code → HTTP status, for docs/openapi.json: a lookup in the error
 * catalogue (src/core/ecode.def).  nginx answers RATE_LIMITED itself, so
 * that one code is named here beside the catalogue.
 */
#include <string.h>

#include "core/ecode.h"
#include "api/openapi.h"

int
api_openapi_code_status(const char *code)
{
	int	e;

	if (strcmp(code, "RATE_LIMITED") == 0)
		return 429;
	for (e = E_NONE + 1; e < E__MAX; e++)
		if (strcmp(ecode_code((enum ecode)e), code) == 0)
			return ecode_status((enum ecode)e);
	return 0;
}

int
api_openapi_code_at(const char *code, int status)
{
	if (strcmp(code, "RATE_LIMITED") == 0)
		return status == 429;
	return ecode_find(code, status) != E_NONE;
}
