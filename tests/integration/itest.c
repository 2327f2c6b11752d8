/*
 * Black-box integration test harness; see itest.h.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <sys/wait.h>

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <CUnit/Basic.h>

#include "itest.h"

int			 itest_checks = ITEST_CHECK_ALL;

static const char	*base_url;
static unsigned int	 unique_counter;
static unsigned int	 nskipped;
static int		 clock_touched;

struct buf {
	char	*p;
	size_t	 len;
};

static void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n ? n : 1)) == NULL) {
		fprintf(stderr, "itest: out of memory\n");
		exit(2);
	}
	return p;
}

static char *
xstrdup(const char *s)
{
	size_t	 n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

const char *
itest_env(const char *name, const char *def)
{
	const char	*v = getenv(name);

	return (v != NULL && *v != '\0') ? v : def;
}

const char *
itest_base_url(void)
{
	return base_url;
}

const char *
itest_admin_email(void)
{
	return itest_env("DREC_ADMIN_EMAIL", "admin@drec.test");
}

const char *
itest_admin_password(void)
{
	return itest_env("DREC_ADMIN_PASSWORD", "Adm1nPass");
}

/* ---- HTTP ---- */

static size_t
on_body(char *data, size_t size, size_t n, void *arg)
{
	struct buf	*b = arg;
	size_t		 len = size * n;
	char		*p;

	if ((p = realloc(b->p, b->len + len + 1)) == NULL)
		return 0;
	memcpy(p + b->len, data, len);
	b->p = p;
	b->len += len;
	b->p[b->len] = '\0';
	return len;
}

static size_t
on_header(char *data, size_t size, size_t n, void *arg)
{
	struct buf	*b = arg;

	/* A new status line (after 100 Continue) starts a new block. */
	if (size * n >= 5 && strncmp(data, "HTTP/", 5) == 0)
		b->len = 0;
	return on_body(data, size, n, arg);
}

const char *
itest_header(const struct itest_resp *r, const char *name, size_t *lenp)
{
	const char	*line, *end, *v;
	size_t		 nlen = strlen(name);

	for (line = r->headers; line != NULL && *line != '\0'; line = end) {
		if ((end = strchr(line, '\n')) == NULL)
			end = line + strlen(line);
		else
			end++;
		if (strncasecmp(line, name, nlen) != 0 || line[nlen] != ':')
			continue;
		for (v = line + nlen + 1; *v == ' ' || *v == '\t'; v++)
			;
		*lenp = end - v;
		while (*lenp > 0 && isspace((unsigned char)v[*lenp - 1]))
			(*lenp)--;
		return v;
	}
	return NULL;
}

static char *
header_dup(const struct itest_resp *r, const char *name)
{
	const char	*v;
	size_t		 len;
	char		*s;

	if ((v = itest_header(r, name, &len)) == NULL)
		return NULL;
	s = xmalloc(len + 1);
	memcpy(s, v, len);
	s[len] = '\0';
	return s;
}

static void
report(const struct itest_resp *r, const char *what, const char *file,
    unsigned int line)
{
	printf("\n  >> FAILED %s:%u: %s\n", file, line, what);
	if (r == NULL)
		return;
	printf("     %s %s -> %ld%s%s\n", r->method, r->path ? r->path : "",
	    r->status, r->status == 0 ? ": " : "", r->status == 0 ?
	    r->errbuf : "");
	printf("     X-Request-Id: %s\n     body: %.*s%s\n",
	    r->request_id ? r->request_id : "(none)",
	    (int)(r->len > 2000 ? 2000 : r->len), r->body,
	    r->len > 2000 ? " [...]" : "");
	fflush(stdout);
}

int
itest_check(int ok, const struct itest_resp *r, const char *what,
    const char *file, unsigned int line, int fatal)
{
	if (!ok)
		report(r, what, file, line);
	CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, line, what, file,
	    "", fatal ? CU_TRUE : CU_FALSE);
	return ok;
}

static int
is_json_type(const char *ct)
{
	return ct != NULL && strncasecmp(ct, "application/json", 16) == 0 &&
	    (ct[16] == '\0' || ct[16] == ';' || ct[16] == ' ');
}

static const char *
envelope_problem(const struct itest_resp *r, long st)
{
	static char	 msg[160];
	struct json_object *m;
	const char	*err, *alt;
	size_t		 i;

	if (!is_json_type(r->content_type))
		return "error Content-Type is not application/json";
	if (r->json == NULL || !json_object_is_type(r->json, json_type_object))
		return "error body is not a JSON object";
	if (itest_jint(r, "statusCode") != st) {
		snprintf(msg, sizeof(msg), "statusCode is not %ld", st);
		return msg;
	}
	err = itest_jstr(r, "error");
	if (err == NULL || (strcmp(err, itest_reason(st, &alt)) != 0 &&
	    (alt == NULL || strcmp(err, alt) != 0))) {
		snprintf(msg, sizeof(msg), "error is not \"%s\"",
		    itest_reason(st, &alt));
		return msg;
	}
	if (itest_jbool(r, "success") != 0)
		return "success is not false";
	if (itest_jstr(r, "code") == NULL || *itest_jstr(r, "code") == '\0')
		return "code missing";
	if ((m = itest_jget(r, "message")) == NULL)
		return "message missing";
	if (json_object_is_type(m, json_type_string))
		return json_object_get_string_len(m) > 0 ? NULL :
		    "message empty";
	if (!json_object_is_type(m, json_type_array) ||
	    json_object_array_length(m) == 0)
		return "message is neither a string nor a non-empty array";
	for (i = 0; i < json_object_array_length(m); i++)
		if (!json_object_is_type(json_object_array_get_idx(m, i),
		    json_type_string))
			return "message array holds a non-string";
	return NULL;
}

static void
auto_checks(const struct itest_resp *r)
{
	const char	*why;
	int		 csv;

	if ((itest_checks & ITEST_CHECK_REQUEST_ID) != 0)
		itest_check(r->request_id != NULL && *r->request_id != '\0',
		    r, "X-Request-Id present on the response", __FILE__,
		    __LINE__, 0);
	csv = r->content_type != NULL &&
	    strncasecmp(r->content_type, "text/csv", 8) == 0;
	if ((itest_checks & ITEST_CHECK_JSON) != 0 && r->status != 204 &&
	    !csv) {
		itest_check(is_json_type(r->content_type), r,
		    "Content-Type application/json", __FILE__, __LINE__, 0);
		itest_check(r->json != NULL, r, "body is valid JSON",
		    __FILE__, __LINE__, 0);
	}
	if ((itest_checks & ITEST_CHECK_ENVELOPE) != 0 && r->status >= 400 &&
	    strncmp(r->path, "/api/health", 11) != 0) {
		why = envelope_problem(r, r->status);
		itest_check(why == NULL, r, why ? why : "error envelope",
		    __FILE__, __LINE__, 0);
	}
}

static int
do_request(const char *method, const char *path, const char *token,
    const char *ctype, const void *body, size_t bodylen,
    const char *const *extra, struct itest_resp *r, int record)
{
	CURL			*c;
	CURLcode		 rc;
	struct curl_slist	*hl = NULL;
	struct buf		 bb = { NULL, 0 }, hb = { NULL, 0 };
	struct json_tokener	*tok;
	char			*url, *h;
	size_t			 i;

	memset(r, 0, sizeof(*r));
	snprintf(r->method, sizeof(r->method), "%s", method);
	r->path = xstrdup(path);
	if (strncmp(path, "/api/test/clock", 15) == 0)
		clock_touched = 1;
	url = itest_fmt("%s%s", base_url, path);
	if ((c = curl_easy_init()) == NULL) {
		fprintf(stderr, "itest: curl_easy_init failed\n");
		exit(2);
	}
	if (token != NULL) {
		h = itest_fmt("Authorization: Bearer %s", token);
		hl = curl_slist_append(hl, h);
		free(h);
	}
	if (body != NULL || ctype != NULL) {
		h = itest_fmt("Content-Type: %s", ctype ? ctype :
		    "application/json");
		hl = curl_slist_append(hl, h);
		free(h);
	} else
		hl = curl_slist_append(hl, "Content-Type:");
	for (i = 0; extra != NULL && extra[i] != NULL; i++)
		hl = curl_slist_append(hl, extra[i]);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &bb);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &hb);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, r->errbuf);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (strcmp(method, "GET") == 0)
		curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
	else if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	else {
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
		if (body != NULL || strcmp(method, "DELETE") != 0) {
			curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
			    (curl_off_t)(body ? bodylen : 0));
			curl_easy_setopt(c, CURLOPT_POSTFIELDS,
			    body ? body : "");
		}
	}
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
		curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &r->elapsed);
	} else {
		r->status = 0;
		if (r->errbuf[0] == '\0')
			snprintf(r->errbuf, sizeof(r->errbuf), "%s",
			    curl_easy_strerror(rc));
	}
	curl_easy_cleanup(c);
	curl_slist_free_all(hl);
	free(url);
	r->body = bb.p ? bb.p : xstrdup("");
	r->len = bb.len;
	r->headers = hb.p ? hb.p : xstrdup("");
	r->content_type = header_dup(r, "Content-Type");
	r->request_id = header_dup(r, "X-Request-Id");
	r->allow = header_dup(r, "Allow");
	if (r->len > 0) {
		tok = json_tokener_new_ex(64);
		r->json = json_tokener_parse_ex(tok, r->body, (int)r->len);
		if (json_tokener_get_error(tok) != json_tokener_success ||
		    (size_t)json_tokener_get_parse_end(tok) != r->len) {
			json_object_put(r->json);
			r->json = NULL;
		}
		json_tokener_free(tok);
	}
	if (!record)
		return r->status ? 0 : -1;
	if (!itest_check(r->status != 0, r, "HTTP exchange (transport)",
	    __FILE__, __LINE__, 0))
		return -1;
	auto_checks(r);
	return 0;
}

int
itest_request_len(const char *method, const char *path, const char *token,
    const char *ctype, const void *body, size_t len,
    const char *const *extra, struct itest_resp *r)
{
	return do_request(method, path, token, ctype, body, len, extra, r, 1);
}

int
itest_request(const char *method, const char *path, const char *token,
    const char *ctype, const char *body, const char *const *extra,
    struct itest_resp *r)
{
	return do_request(method, path, token, ctype, body,
	    body ? strlen(body) : 0, extra, r, 1);
}

void
itest_resp_free(struct itest_resp *r)
{
	json_object_put(r->json);
	free(r->body);
	free(r->headers);
	free(r->content_type);
	free(r->request_id);
	free(r->allow);
	free(r->path);
	memset(r, 0, sizeof(*r));
}

static char *
login(const char *email, const char *password, int record)
{
	struct itest_resp	 r;
	struct json_object	*o;
	const char		*t, *body;
	char			*tok = NULL;

	o = json_object_new_object();
	json_object_object_add(o, "username", json_object_new_string(email));
	json_object_object_add(o, "password",
	    json_object_new_string(password));
	body = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
	do_request("POST", "/api/auth/login", NULL, NULL, body, strlen(body),
	    NULL, &r, record);
	json_object_put(o);
	if (r.status == 200 && (t = itest_jstr(&r, "accessToken")) != NULL)
		tok = xstrdup(t);
	else
		printf("\n  (login as %s: %ld %s)\n", email, r.status, r.body);
	itest_resp_free(&r);
	return tok;
}

char *
itest_login(const char *email, const char *password)
{
	return login(email, password, 1);
}

char *
itest_admin_token(void)
{
	return login(itest_admin_email(), itest_admin_password(), 1);
}

/* ---- JSON ---- */

struct json_object *
itest_oget(struct json_object *o, const char *path)
{
	const char	*p = path, *dot;
	char		 key[256], *end;
	size_t		 n;
	long		 idx;

	while (o != NULL && *p != '\0') {
		dot = strchr(p, '.');
		if ((n = dot ? (size_t)(dot - p) : strlen(p)) >= sizeof(key))
			return NULL;
		memcpy(key, p, n);
		key[n] = '\0';
		if (json_object_is_type(o, json_type_array)) {
			idx = strtol(key, &end, 10);
			if (*end != '\0' || idx < 0 ||
			    (size_t)idx >= json_object_array_length(o))
				return NULL;
			o = json_object_array_get_idx(o, idx);
		} else if (!json_object_is_type(o, json_type_object) ||
		    !json_object_object_get_ex(o, key, &o))
			return NULL;
		p += n + (dot != NULL);
	}
	return o;
}

const char *
itest_ostr(struct json_object *o, const char *path)
{
	o = itest_oget(o, path);
	return json_object_is_type(o, json_type_string) ?
	    json_object_get_string(o) : NULL;
}

int
itest_oisint(struct json_object *o, const char *path)
{
	return json_object_is_type(itest_oget(o, path), json_type_int);
}

long long
itest_oint(struct json_object *o, const char *path)
{
	o = itest_oget(o, path);
	return json_object_is_type(o, json_type_int) ?
	    json_object_get_int64(o) : -1;
}

int
itest_obool(struct json_object *o, const char *path)
{
	o = itest_oget(o, path);
	return json_object_is_type(o, json_type_boolean) ?
	    json_object_get_boolean(o) : -1;
}

int
itest_ohas(struct json_object *o, const char *path)
{
	const char	*dot = strrchr(path, '.');
	char		*pp;

	if (dot != NULL) {
		pp = strndup(path, dot - path);
		o = itest_oget(o, pp);
		free(pp);
		path = dot + 1;
	}
	return json_object_is_type(o, json_type_object) &&
	    json_object_object_get_ex(o, path, NULL);
}

int
itest_oisnull(struct json_object *o, const char *path)
{
	return itest_ohas(o, path) && itest_oget(o, path) == NULL;
}

size_t
itest_olen(struct json_object *o, const char *path)
{
	o = itest_oget(o, path);
	return json_object_is_type(o, json_type_array) ?
	    json_object_array_length(o) : 0;
}

int
itest_okeys(struct json_object *o, const char *path)
{
	o = itest_oget(o, path);
	return json_object_is_type(o, json_type_object) ?
	    json_object_object_length(o) : -1;
}

/* ---- strings ---- */

char *
itest_fmt(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		fprintf(stderr, "itest: out of memory\n");
		exit(2);
	}
	va_end(ap);
	return s;
}

char *
itest_unique(const char *prefix)
{
	return itest_fmt("%s%ldt%lldn%u", prefix, (long)getpid(),
	    (long long)time(NULL) % 100000, ++unique_counter);
}

char *
itest_unique_email(const char *prefix)
{
	return itest_fmt("%s.%ld.%lld.%u@itest.example", prefix,
	    (long)getpid(), (long long)time(NULL) % 100000, ++unique_counter);
}

char *
itest_urlencode(const char *s)
{
	char	*e, *r;

	e = curl_easy_escape(NULL, s, 0);
	r = xstrdup(e);
	curl_free(e);
	return r;
}

char *
itest_json_str(const char *s)
{
	struct json_object	*o = json_object_new_string(s);
	char			*r;

	r = xstrdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return r;
}

long long
itest_parse_instant(const char *s)
{
	struct tm	 tm;
	const char	*pat = "dddd-dd-ddTdd:dd:dd.dddZ";
	size_t		 i;

	if (s == NULL || strlen(s) != strlen(pat))
		return -1;
	for (i = 0; pat[i] != '\0'; i++)
		if (pat[i] == 'd' ? !isdigit((unsigned char)s[i]) :
		    s[i] != pat[i])
			return -1;
	memset(&tm, 0, sizeof(tm));
	if (strptime(s, "%Y-%m-%dT%H:%M:%S", &tm) == NULL)
		return -1;
	return (long long)timegm(&tm);
}

int
itest_is_instant(const char *s)
{
	return itest_parse_instant(s) >= 0;
}

const char *
itest_reason(long st, const char **alt)
{
	*alt = NULL;
	switch (st) {
	case 200: return "OK";
	case 201: return "Created";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: *alt = "Request Entity Too Large"; return "Payload Too Large";
	case 414: *alt = "Request-URI Too Large"; return "URI Too Long";
	case 415: return "Unsupported Media Type";
	case 429: return "Too Many Requests";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 502: return "Bad Gateway";
	case 503: return "Service Unavailable";
	case 504: *alt = "Gateway Time-out"; return "Gateway Timeout";
	default: return "?";
	}
}

/* ---- base64url, SHA-256, JWT ---- */

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

char *
itest_b64url_encode(const void *data, size_t len)
{
	const unsigned char	*p = data;
	char			*s = xmalloc(len * 4 / 3 + 4), *o = s;
	uint32_t		 acc = 0;
	size_t			 i;
	int			 bits = 0;

	for (i = 0; i < len; i++) {
		acc = acc << 8 | p[i];
		for (bits += 8; bits >= 6; bits -= 6)
			*o++ = b64[(acc >> (bits - 6)) & 63];
	}
	if (bits > 0)
		*o++ = b64[(acc << (6 - bits)) & 63];
	*o = '\0';
	return s;
}

unsigned char *
itest_b64url_decode(const char *s, size_t len, size_t *outlen)
{
	unsigned char	*out = xmalloc(len * 3 / 4 + 3);
	const char	*q;
	uint32_t	 acc = 0;
	size_t		 i, n = 0;
	int		 bits = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '=')
			break;
		if (s[i] == '\0' || (q = strchr(b64, s[i])) == NULL) {
			free(out);
			return NULL;
		}
		acc = acc << 6 | (uint32_t)(q - b64);
		if ((bits += 6) >= 8) {
			bits -= 8;
			out[n++] = (acc >> bits) & 0xff;
		}
	}
	out[n] = '\0';
	*outlen = n;
	return out;
}

static const uint32_t sha_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

#define ROR(x, n)	((x) >> (n) | (x) << (32 - (n)))

static void
sha256_block(uint32_t h[8], const unsigned char *p)
{
	uint32_t	 w[64], s[8], t1, t2;
	int		 i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (; i < 64; i++)
		w[i] = w[i - 16] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^
		    (w[i - 15] >> 3)) + w[i - 7] + (ROR(w[i - 2], 17) ^
		    ROR(w[i - 2], 19) ^ (w[i - 2] >> 10));
	memcpy(s, h, sizeof(s));
	for (i = 0; i < 64; i++) {
		t1 = s[7] + (ROR(s[4], 6) ^ ROR(s[4], 11) ^ ROR(s[4], 25)) +
		    ((s[4] & s[5]) ^ (~s[4] & s[6])) + sha_k[i] + w[i];
		t2 = (ROR(s[0], 2) ^ ROR(s[0], 13) ^ ROR(s[0], 22)) +
		    ((s[0] & s[1]) ^ (s[0] & s[2]) ^ (s[1] & s[2]));
		memmove(s + 1, s, 7 * sizeof(s[0]));
		s[4] += t1;
		s[0] = t1 + t2;
	}
	for (i = 0; i < 8; i++)
		h[i] += s[i];
}

/* SHA-256 of a || b. */
static void
sha256_2(const void *a, size_t alen, const void *b, size_t blen,
    unsigned char out[32])
{
	uint32_t	 h[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
	unsigned char	*m;
	size_t		 len = alen + blen, n, i;
	uint64_t	 bits = (uint64_t)len * 8;

	n = (len + 9 + 63) / 64 * 64;
	m = calloc(1, n);
	if (m == NULL)
		exit(2);
	memcpy(m, a, alen);
	memcpy(m + alen, b, blen);
	m[len] = 0x80;
	for (i = 0; i < 8; i++)
		m[n - 1 - i] = (bits >> (8 * i)) & 0xff;
	for (i = 0; i < n; i += 64)
		sha256_block(h, m + i);
	free(m);
	for (i = 0; i < 32; i++)
		out[i] = (h[i / 4] >> (24 - 8 * (i % 4))) & 0xff;
}

void
itest_hmac_sha256(const void *key, size_t klen, const void *msg, size_t mlen,
    unsigned char out[32])
{
	unsigned char	 k[64], pad[64], inner[32];
	size_t		 i;

	memset(k, 0, sizeof(k));
	if (klen > 64)
		sha256_2(key, klen, "", 0, k);
	else
		memcpy(k, key, klen);
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	sha256_2(pad, 64, msg, mlen, inner);
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	sha256_2(pad, 64, inner, 32, out);
}

static struct json_object *
jwt_part(const char *token, int part)
{
	const char		*p = token, *e;
	unsigned char		*raw;
	size_t			 n;
	struct json_object	*o;

	for (; part > 0 && p != NULL; part--)
		if ((p = strchr(p, '.')) != NULL)
			p++;
	if (p == NULL)
		return NULL;
	e = strchr(p, '.');
	if ((raw = itest_b64url_decode(p, e ? (size_t)(e - p) : strlen(p),
	    &n)) == NULL)
		return NULL;
	o = json_tokener_parse((char *)raw);
	free(raw);
	return o;
}

struct json_object *
itest_jwt_header(const char *token)
{
	return jwt_part(token, 0);
}

struct json_object *
itest_jwt_payload(const char *token)
{
	return jwt_part(token, 1);
}

static char *
jwt_sign(const char *alg, const char *payload, const char *key, size_t klen)
{
	unsigned char	 mac[32];
	char		*h, *p, *in, *sig, *tok, *hdr;

	hdr = itest_fmt("{\"alg\":\"%s\",\"typ\":\"JWT\"}", alg);
	h = itest_b64url_encode(hdr, strlen(hdr));
	p = itest_b64url_encode(payload, strlen(payload));
	in = itest_fmt("%s.%s", h, p);
	if (key != NULL) {
		itest_hmac_sha256(key, klen, in, strlen(in), mac);
		sig = itest_b64url_encode(mac, sizeof(mac));
	} else
		sig = xstrdup("");
	tok = itest_fmt("%s.%s", in, sig);
	free(hdr);
	free(h);
	free(p);
	free(in);
	free(sig);
	return tok;
}

char *
itest_jwt_forge_none(const char *payload)
{
	return jwt_sign("none", payload, NULL, 0);
}

char *
itest_jwt_forge_hs256(const char *payload, const char *key, size_t klen)
{
	return jwt_sign("HS256", payload, key, klen);
}

/* Changes the first signature character, which carries real bits. */
char *
itest_jwt_tamper(const char *token)
{
	char	*t = xstrdup(token), *dot = strrchr(t, '.');

	if (dot != NULL && dot[1] != '\0')
		dot[1] = dot[1] == 'A' ? 'B' : 'A';
	return t;
}

/* ---- drecctl ---- */

int
itest_drecctl(char **out, const char *const *argv)
{
	const char	*prefix = itest_env("DREC_DRECCTL", NULL), *p;
	char		*cmd = NULL, line[512];
	struct buf	 b = { NULL, 0 };
	size_t		 cmdlen;
	FILE		*f, *m;
	int		 st;

	if (out != NULL)
		*out = NULL;
	if (prefix == NULL) {
		printf("\n  (DREC_DRECCTL is not set)\n");
		return -1;
	}
	if ((m = open_memstream(&cmd, &cmdlen)) == NULL)
		return -1;
	fputs(prefix, m);
	for (; *argv != NULL; argv++) {
		fputs(" '", m);
		for (p = *argv; *p != '\0'; p++)
			fputs(*p == '\'' ? "'\\''" : (char []){ *p, 0 }, m);
		fputc('\'', m);
	}
	fputs(" 2>&1 </dev/null", m);
	fclose(m);
	fflush(stdout);
	if ((f = popen(cmd, "r")) == NULL) {
		free(cmd);
		return -1;
	}
	while (fgets(line, sizeof(line), f) != NULL)
		on_body(line, 1, strlen(line), &b);
	st = pclose(f);
	st = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	printf("\n  ($ %s -> %d)\n  %s", cmd, st, b.p ? b.p : "");
	free(cmd);
	if (out != NULL)
		*out = b.p ? b.p : xstrdup("");
	else
		free(b.p);
	return st;
}

/* ---- assertions ---- */

int
itest_check_status(const struct itest_resp *r, long want, int fatal,
    const char *file, unsigned int line)
{
	char	 what[64];

	snprintf(what, sizeof(what), "status %ld", want);
	return itest_check(r->status == want, r, what, file, line, fatal);
}

int
itest_check_error(const struct itest_resp *r, long st, const char *code,
    const char *file, unsigned int line)
{
	char		 what[192];
	const char	*why = NULL, *got;

	if (r->status != st)
		why = "status";
	else if ((why = envelope_problem(r, st)) == NULL && code != NULL &&
	    ((got = itest_jstr(r, "code")) == NULL || strcmp(got, code) != 0))
		why = "code";
	snprintf(what, sizeof(what), "error %ld %s (%s)", st,
	    code ? code : "", why ? why : "ok");
	return itest_check(why == NULL, r, what, file, line, 0);
}

int
itest_check_fields(const struct itest_resp *r, int want_array,
    const char *file, unsigned int line, ...)
{
	va_list			 ap;
	struct json_object	*f, *m;
	const char		*name, *got, *sentence;
	size_t			 n = 0;
	int			 ok = 1;
	char			 what[256];

	f = itest_jget(r, "details.fields");
	m = itest_jget(r, "message");
	ok = json_object_is_type(f, json_type_array);
	snprintf(what, sizeof(what), "details.fields [");
	va_start(ap, line);
	while ((name = va_arg(ap, const char *)) != NULL) {
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
		    "%s\"%s\"", n ? "," : "", name);
		got = ok && n < json_object_array_length(f) ?
		    json_object_get_string(json_object_array_get_idx(f, n)) :
		    NULL;
		if (got == NULL || strcmp(got, name) != 0)
			ok = 0;
		if (want_array) {
			sentence = json_object_is_type(m, json_type_array) ?
			    json_object_get_string(
			    json_object_array_get_idx(m, n)) : NULL;
			if (sentence == NULL || strstr(sentence, name) == NULL)
				ok = 0;
		}
		n++;
	}
	va_end(ap);
	if (ok && json_object_array_length(f) != n)
		ok = 0;
	if (want_array && (!json_object_is_type(m, json_type_array) ||
	    json_object_array_length(m) != n))
		ok = 0;
	snprintf(what + strlen(what), sizeof(what) - strlen(what), "]%s",
	    want_array ? ", message an array of as many sentences naming "
	    "them" : "");
	return itest_check(ok, r, what, file, line, 0);
}

int
itest_check_str(const struct itest_resp *r, const char *path,
    const char *want, const char *file, unsigned int line)
{
	const char	*got = itest_jstr(r, path);
	char		 what[256];

	snprintf(what, sizeof(what), "%s == \"%s\" (got %s%s%s)", path, want,
	    got ? "\"" : "", got ? got : "nothing", got ? "\"" : "");
	return itest_check(got != NULL && strcmp(got, want) == 0, r, what,
	    file, line, 0);
}

int
itest_check_int(const struct itest_resp *r, const char *path, long long want,
    const char *file, unsigned int line)
{
	int	 have = itest_oisint(r->json, path);
	char	 what[160];

	snprintf(what, sizeof(what), "%s == %lld (got %s%lld)", path, want,
	    have ? "" : "no integer ", have ? itest_jint(r, path) : 0);
	return itest_check(have && itest_jint(r, path) == want, r, what, file,
	    line, 0);
}

/* ---- runner ---- */

CU_pSuite
itest_suite(const char *name)
{
	CU_pSuite	 s;

	if ((s = CU_add_suite(name, NULL, NULL)) == NULL) {
		fprintf(stderr, "itest: CU_add_suite %s: %s\n", name,
		    CU_get_error_msg());
		exit(2);
	}
	return s;
}

void
itest_add(CU_pSuite s, const char *name, CU_TestFunc fn)
{
	if (CU_add_test(s, name, fn) == NULL) {
		fprintf(stderr, "itest: CU_add_test %s: %s\n", name,
		    CU_get_error_msg());
		exit(2);
	}
}

void
itest_skip(const char *name, const char *why)
{
	printf("SKIP %s: %s\n", name, why);
	nskipped++;
}

/* Safety net after a run that moved the test clock: clear it. */
static void
clock_reset(void)
{
	struct itest_resp	 r;
	char			*tok;

	if ((tok = login(itest_admin_email(), itest_admin_password(), 0)) ==
	    NULL)
		return;
	do_request("PUT", "/api/test/clock", tok, NULL, "{\"now\":null}", 12,
	    NULL, &r, 0);
	itest_resp_free(&r);
	free(tok);
}

static int
hmac_selftest(void)
{
	static const char	*want = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM";
	unsigned char		 mac[32];
	char			*got;
	int			 ok;

	/* RFC 4231 test case 2. */
	itest_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, mac);
	got = itest_b64url_encode(mac, sizeof(mac));
	ok = strcmp(got, want) == 0;
	free(got);
	return ok;
}

int
itest_main(int argc, char **argv, itest_register_fn reg)
{
	unsigned int	 run, failed;

	if ((base_url = itest_env("DREC_BASE_URL", NULL)) == NULL) {
		fprintf(stderr, "%s: DREC_BASE_URL is not set; the integration "
		    "tests need a running stack (see scripts/test)\n",
		    argc > 0 ? argv[0] : "itest");
		return 2;
	}
	if (!hmac_selftest()) {
		fprintf(stderr, "itest: HMAC-SHA256 self-test failed\n");
		return 2;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "itest: initialization failed\n");
		return 2;
	}
	printf("itest: %s against %s\n", argc > 0 ? argv[0] : "", base_url);
	reg();
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	run = CU_get_number_of_tests_run();
	failed = CU_get_number_of_tests_failed();
	if (clock_touched)
		clock_reset();
	CU_cleanup_registry();
	curl_global_cleanup();
	if (nskipped > 0)
		printf("%u skipped (not counted as passed)\n", nskipped);
	printf("%u passed, %u failed\n", run - failed, failed);
	return (failed > 0 || run == 0) ? 1 : 0;
}
