/*
 * Stand-in for src/http/request.c in the fuzz build (tests/fuzz/run.sh):
 * no FastCGI.  http_respond() records the first response of a request in
 * fuzz_resp so that a harness can check what a decoder answered; the body
 * is kept in a buffer owned here (reset by fuzz_resp_reset()).
 */
#include <stdlib.h>
#include <string.h>

#include "http/request.h"
#include "http_stub.h"

struct fuzz_resp	fuzz_resp;
static char		*buf;
static size_t		 cap;

void
fuzz_resp_reset(void)
{
	fuzz_resp.status = 0;
	fuzz_resp.body = NULL;
	fuzz_resp.len = 0;
	fuzz_resp.calls = 0;
}

void
http_req_init(struct http_req *r, void *fcgi, struct arena *a)
{
	memset(r, 0, sizeof(*r));
	r->arena = a;
	r->fcgi = fcgi;
	r->method = "POST";
	r->path = "/";
	r->query = "";
	r->content_length = -1;
	memcpy(r->rid, "fuzz", 5);
}

int
http_read_body(struct http_req *r, size_t limit, char **b, size_t *len)
{
	(void)r;
	(void)limit;
	*b = NULL;
	*len = 0;
	return 0;
}

const char *
http_param(struct http_req *r, const char *name)
{
	(void)r;
	(void)name;
	return NULL;
}

/* server.c's: no trimming here. */
void
http_req_mark_heavy(struct http_req *r)
{
	r->heavy = 1;
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
	(void)ctype;
	fuzz_resp.calls++;
	if (r->status != 0)
		return;		/* only the first call counts, as in request.c */
	r->status = status;
	if (len + 1 > cap) {
		free(buf);
		cap = len + 1;
		if ((buf = malloc(cap)) == NULL)
			abort();
	}
	memcpy(buf, body, len);
	buf[len] = '\0';
	fuzz_resp.status = status;
	fuzz_resp.body = buf;
	fuzz_resp.len = len;
}
