/*
 * FastCGI request glue: CGI parameters (RFC 3875 §4.1) in, one response out.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/timeutil.h"
#include "http/request.h"

static atomic_ullong rid_counter;

/* 1 when s is 1-128 characters of [A-Za-z0-9._:-] (CONVENTIONS §1). */
static int
rid_valid(const char *s)
{
	size_t n = 0;

	if (s == NULL)
		return 0;
	for (; s[n] != '\0'; n++) {
		char c = s[n];

		if (n >= HTTP_RID_MAX)
			return 0;
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		    c == ':' || c == '-'))
			return 0;
	}
	return n > 0;
}

void
http_req_init(struct http_req *r, void *fcgi, struct arena *a)
{
	FCGX_Request	*f = fcgi;
	const char	*uri, *q, *cl, *xrid;

	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->fcgi = fcgi;
	r->start_us = time_mono_us();
	r->method = FCGX_GetParam("REQUEST_METHOD", f->envp);
	if (r->method == NULL)
		r->method = "GET";
	uri = FCGX_GetParam("REQUEST_URI", f->envp);
	if (uri == NULL)
		uri = "/";
	if ((q = strchr(uri, '?')) != NULL) {
		r->path = arena_strndup(a, uri, (size_t)(q - uri));
		r->query = q + 1;
	} else {
		r->path = uri;
		r->query = "";	/* REQUEST_URI is authoritative */
	}
	r->content_type = FCGX_GetParam("CONTENT_TYPE", f->envp);
	if (r->content_type != NULL && r->content_type[0] == '\0')
		r->content_type = NULL;
	cl = FCGX_GetParam("CONTENT_LENGTH", f->envp);
	r->content_length = (cl != NULL && cl[0] != '\0') ?
	    strtoll(cl, NULL, 10) : -1;
	r->authorization = FCGX_GetParam("HTTP_AUTHORIZATION", f->envp);
	xrid = FCGX_GetParam("HTTP_X_REQUEST_ID", f->envp);
	if (rid_valid(xrid))
		snprintf(r->rid, sizeof(r->rid), "%s", xrid);
	else
		snprintf(r->rid, sizeof(r->rid), "%x-%llx-%llx",
		    (unsigned)getpid(), (unsigned long long)time_now_ms(),
		    (unsigned long long)atomic_fetch_add(&rid_counter, 1));
	r->route = "-";
}

int
http_read_body(struct http_req *r, size_t limit, char **buf, size_t *len)
{
	FCGX_Request	*f = r->fcgi;
	size_t		 cap, n = 0;
	int		 got;
	char		*b;

	if (r->content_length > (long long)limit)
		return 413;
	cap = r->content_length > 0 ? (size_t)r->content_length + 1 : 4096;
	b = arena_alloc(r->arena, cap + 1);
	for (;;) {
		if (n == cap) {
			char *nb;

			if (cap > limit)
				return 413;
			nb = arena_alloc(r->arena, cap * 2 + 1);
			memcpy(nb, b, n);
			b = nb;
			cap *= 2;
		}
		got = FCGX_GetStr(b + n, (int)(cap - n), f->in);
		if (got <= 0)
			break;
		n += (size_t)got;
		if (n > limit)
			return 413;
	}
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
}

const char *
http_param(struct http_req *r, const char *name)
{
	return FCGX_GetParam(name, ((FCGX_Request *)r->fcgi)->envp);
}

void
http_add_header(struct http_req *r, const char *name, const char *value)
{
	if (r->nextra < 4) {
		r->extra_name[r->nextra] = name;
		r->extra_value[r->nextra++] = value;
	}
}

void
http_respond(struct http_req *r, int status, const char *ctype,
    const char *body, size_t len)
{
	FCGX_Request	*f = r->fcgi;
	char		 head[2048];
	size_t		 n;
	int		 i;

	if (r->status != 0)
		return;
	r->status = status;
	/* libfcgi's own printf lacks %zu and friends: format with libc. */
	n = (size_t)snprintf(head, sizeof(head), "Status: %d %s\r\n", status,
	    http_reason(status));
	if (ctype != NULL && n < sizeof(head))
		n += (size_t)snprintf(head + n, sizeof(head) - n,
		    "Content-Type: %s\r\n", ctype);
	for (i = 0; i < r->nextra && n < sizeof(head); i++)
		n += (size_t)snprintf(head + n, sizeof(head) - n, "%s: %s\r\n",
		    r->extra_name[i], r->extra_value[i]);
	if (n < sizeof(head))
		n += (size_t)snprintf(head + n, sizeof(head) - n,
		    "X-Request-Id: %s\r\nCache-Control: no-store\r\n"
		    "Content-Length: %zu\r\n\r\n", r->rid, len);
	if (n >= sizeof(head))
		abort();	/* headers are ours and short */
	FCGX_PutStr(head, (int)n, f->out);
	if (len > 0)
		FCGX_PutStr(body, (int)len, f->out);
}
