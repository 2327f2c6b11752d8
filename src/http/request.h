/*
 * One FastCGI request as the API layer sees it: CGI parameters already
 * extracted, the body read on demand, and a single response writer.
 * Handlers never touch FastCGI directly (ARCHITECTURE §3).
 */
#ifndef HTTP_REQUEST_H
#define HTTP_REQUEST_H

#include <stddef.h>
#include <stdint.h>

struct arena;

#define HTTP_RID_MAX 128

struct http_req {
	struct arena	*arena;		/* per request; reset after finish */
	void		*fcgi;		/* FCGX_Request * (opaque) */
	const char	*method;	/* "GET" */
	const char	*path;		/* raw path of REQUEST_URI, no query */
	const char	*query;		/* raw query string ("" if none) */
	const char	*content_type;	/* NULL if absent */
	long long	 content_length; /* -1 if absent */
	const char	*authorization;	/* NULL if absent */
	char		 rid[HTTP_RID_MAX + 1];
	int64_t		 start_us;
	const char	*route;		/* pattern for the access log */
	int		 status;	/* 0 until a response is sent */
	const char	*extra_name[4];	/* additional response headers */
	const char	*extra_value[4];
	int		 nextra;
	int		 heavy;		/* built much on the heap: trim after */
};

/*
 * Marks req as one that built much on the heap (a large JSON body): the
 * server gives free memory back to the kernel once the last such request
 * of the process has finished (server.c).
 */
void	http_req_mark_heavy(struct http_req *);
/*
 * Fills req from the FastCGI request fcgi (params only; no body read).
 * The request id is the client's X-Request-Id when it is 1-128 chars of
 * [A-Za-z0-9._:-], else a new one (CONVENTIONS §1).
 */
void	http_req_init(struct http_req *, void *fcgi, struct arena *);
/*
 * Reads the whole body, at most limit bytes.  Returns 0 with *buf (arena,
 * NUL-terminated) and *len, or 413 when the body is larger than limit.
 */
int	http_read_body(struct http_req *, size_t limit, char **buf, size_t *len);
/*
 * A request header by its CGI name ("HTTP_IDEMPOTENCY_KEY"), or NULL.
 */
const char *http_param(struct http_req *, const char *cgi_name);
/* Adds a response header (at most 4; names and values are static/arena). */
void	http_add_header(struct http_req *, const char *name, const char *value);
/*
 * Sends the response: status line, Content-Type (NULL: none), the extra
 * headers, X-Request-Id, Cache-Control: no-store, then the body.  Only the
 * first call per request has an effect.
 */
void	http_respond(struct http_req *, int status, const char *content_type,
	    const char *body, size_t len);

#endif
