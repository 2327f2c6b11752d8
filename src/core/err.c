/*
 * Names of internal result codes and RFC 9110 §15 reason phrases.
 */
#include <stddef.h>

#include "core/err.h"
#include "core/nelem.h"

static const char *const err_names[ERR__MAX] = {
	"ERR_OK",
	"ERR_NOTFOUND",
	"ERR_CONFLICT",
	"ERR_INVALID",
	"ERR_UNAVAILABLE",
	"ERR_DEADLOCK",
	"ERR_DB",
	"ERR_NOMEM",
	"ERR_CRYPTO",
};

const char *
err_name(enum err e)
{
	if ((unsigned)e >= ERR__MAX || err_names[e] == NULL)
		return "ERR_UNKNOWN";
	return err_names[e];
}

static const struct {
	int		 status;
	const char	*reason;
} reasons[] = {
	{ 200, "OK" },
	{ 201, "Created" },
	{ 204, "No Content" },
	{ 400, "Bad Request" },
	{ 401, "Unauthorized" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 409, "Conflict" },
	{ 413, "Payload Too Large" },
	{ 414, "URI Too Long" },
	{ 415, "Unsupported Media Type" },
	{ 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" },
	{ 431, "Request Header Fields Too Large" },
	{ 500, "Internal Server Error" },
	{ 502, "Bad Gateway" },
	{ 503, "Service Unavailable" },
	{ 504, "Gateway Timeout" },
};

const char *
err_http_reason(int status)
{
	size_t	i;

	for (i = 0; i < NELEM(reasons); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Unknown";
}
