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

/* The value of envp entry e when it is "NAME=value" (name of n chars). */
static const char *
env_value(const char *e, const char *name, size_t n)
{
	return strncmp(e, name, n) == 0 && e[n] == '=' ? e + n + 1 : NULL;
}

void
http_req_init(struct http_req *r, void *fcgi, struct arena *a)
{
	FCGX_Request	*f = fcgi;
	const char	*uri = NULL, *q, *cl = NULL, *xrid = NULL, *v;
	char		**e;

	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->fcgi = fcgi;
	r->start_us = time_mono_us();
	/*
	 * One pass over the parameters (FCGX_GetParam would scan them once
	 * per name).  The first occurrence of a name wins, as there.
	 */
	for (e = f->envp; e != NULL && *e != NULL; e++) {
		switch ((*e)[0]) {
		case 'R':
			if (r->method == NULL &&
			    (v = env_value(*e, "REQUEST_METHOD", 14)) != NULL)
				r->method = v;
			else if (uri == NULL &&
			    (v = env_value(*e, "REQUEST_URI", 11)) != NULL)
				uri = v;
			break;
		case 'C':
			if (r->content_type == NULL &&
			    (v = env_value(*e, "CONTENT_TYPE", 12)) != NULL)
				r->content_type = v;
			else if (cl == NULL &&
			    (v = env_value(*e, "CONTENT_LENGTH", 14)) != NULL)
				cl = v;
			break;
		case 'H':
			if (r->authorization == NULL && (v = env_value(*e,
			    "HTTP_AUTHORIZATION", 18)) != NULL)
				r->authorization = v;
			else if (xrid == NULL && (v = env_value(*e,
			    "HTTP_X_REQUEST_ID", 17)) != NULL)
				xrid = v;
			break;
		}
	}
	if (r->method == NULL)
		r->method = "GET";
	if (uri == NULL)
		uri = "/";
	if ((q = strchr(uri, '?')) != NULL) {
		r->path = arena_strndup(a, uri, (size_t)(q - uri));
		r->query = q + 1;
	} else {
		r->path = uri;
		r->query = "";	/* REQUEST_URI is authoritative */
	}
	if (r->content_type != NULL && r->content_type[0] == '\0')
		r->content_type = NULL;
	r->content_length = (cl != NULL && cl[0] != '\0') ?
	    strtoll(cl, NULL, 10) : -1;
	if (rid_valid(xrid))
		memcpy(r->rid, xrid, strlen(xrid) + 1);
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

/* Appends s to b at *n (the caller keeps within the buffer). */
static void
put(char *b, size_t *n, const char *s, size_t len)
{
	memcpy(b + *n, s, len);
	*n += len;
}

static void
put_num(char *b, size_t *n, unsigned long long v)
{
	char	d[24];
	int	k = 0;

	do {
		d[k++] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (k > 0)
		b[(*n)++] = d[--k];
}

void
http_respond(struct http_req *r, int status, const char *ctype,
    const char *body, size_t len)
{
	FCGX_Request	*f = r->fcgi;
	char		 head[2048];
	const char	*reason;
	size_t		 n = 0, need, ln[4][2], lc, lr;
	int		 i;

	if (r->status != 0)
		return;
	r->status = status;
	/*
	 * Built by hand (no printf: it runs once per request).  The header
	 * names and values are ours, and short; check the total first.
	 */
	reason = err_http_reason(status);
	lr = strlen(reason);
	lc = ctype != NULL ? strlen(ctype) : 0;
	need = 8 + 3 + 1 + lr + 2 + (ctype ? 14 + lc + 2 : 0) +
	    14 + strlen(r->rid) + 2 + 25 + 16 + 20 + 4;
	for (i = 0; i < r->nextra; i++) {
		ln[i][0] = strlen(r->extra_name[i]);
		ln[i][1] = strlen(r->extra_value[i]);
		need += ln[i][0] + 2 + ln[i][1] + 2;
	}
	if (need >= sizeof(head) || status < 100 || status > 999)
		abort();	/* headers are ours and short */
	put(head, &n, "Status: ", 8);
	put_num(head, &n, (unsigned)status);
	head[n++] = ' ';
	put(head, &n, reason, lr);
	put(head, &n, "\r\n", 2);
	if (ctype != NULL) {
		put(head, &n, "Content-Type: ", 14);
		put(head, &n, ctype, lc);
		put(head, &n, "\r\n", 2);
	}
	for (i = 0; i < r->nextra; i++) {
		put(head, &n, r->extra_name[i], ln[i][0]);
		put(head, &n, ": ", 2);
		put(head, &n, r->extra_value[i], ln[i][1]);
		put(head, &n, "\r\n", 2);
	}
	put(head, &n, "X-Request-Id: ", 14);
	put(head, &n, r->rid, strlen(r->rid));
	put(head, &n, "\r\nCache-Control: no-store\r\nContent-Length: ", 43);
	put_num(head, &n, len);
	put(head, &n, "\r\n\r\n", 4);
	FCGX_PutStr(head, (int)n, f->out);
	if (len > 0)
		FCGX_PutStr(body, (int)len, f->out);
}
