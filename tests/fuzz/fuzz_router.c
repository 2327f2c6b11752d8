/*
 * libFuzzer harness: http_router_match on a sample table and http_query_parse.
 * Input: first byte picks the method, the rest is "path[?query]".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "http/query.h"
#include "http/router.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const struct route routes[] = {
	{ "GET", "/api/device/my", NULL },
	{ "GET", "/api/device/:id", NULL },
	{ "PATCH", "/api/device/:id", NULL },
	{ "DELETE", "/api/device/:id", NULL },
	{ "GET", "/api/user/me", NULL },
	{ "PUT", "/api/user/me", NULL },
	{ "GET", "/api/meter-reads/:externalId", NULL },
	{ "POST", "/api/meter-reads/:externalId", NULL },
	{ "GET", "/api/:x/users/list", NULL },
	{ "GET", "/api/org/:id/:what", NULL },
	{ "GET", "/api/org/:id/users", NULL },
	{ "GET", "/api/a/:p1/:p2/:p3/:p4/:p5", NULL },
	{ "GET", "/", NULL },
};

static const char *const methods[] = {
	"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "get",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct arena	*a;
	struct route_match	 m;
	struct query		 q;
	char			*path, *qs, *segs[ROUTE_MAX_SEGS];
	int			 i, n;

	if (size == 0)
		return 0;
	if (a == NULL && (a = arena_new()) == NULL)
		abort();
	path = arena_strndup(a, (const char *)data + 1, size - 1);
	if ((qs = strchr(path, '?')) != NULL)
		*qs++ = '\0';
	http_router_match(a, routes, sizeof(routes) / sizeof(routes[0]),
	    methods[data[0] % 8], path, &m);
	if ((m.status == 0) != (m.route != NULL) ||
	    (m.status == 405 && m.allow[0] == '\0') ||
	    m.nparams < 0 || m.nparams > ROUTE_MAX_PARAMS)
		abort();
	for (i = 0; i < m.nparams; i++)
		if (m.param[i] == NULL || m.param_name[i] == NULL)
			abort();
	n = http_router_split(a, path, segs, ROUTE_MAX_SEGS);
	if ((n < 0 && m.status != 400 && m.status != 404) ||
	    (n >= 0 && m.status == 400))
		abort();
	for (i = 0; i < n; i++)
		if (segs[i] == NULL || segs[i][0] == '\0')
			abort();
	if (http_query_parse(a, qs, &q) == 0) {
		for (i = 0; i < q.n; i++)
			if (http_query_count(&q, q.name[i]) < 1 ||
			    http_query_get(&q, q.name[i]) == NULL)
				abort();
	}
	arena_reset(a);
	return 0;
}
