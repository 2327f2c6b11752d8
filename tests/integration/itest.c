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
const char		*itest_base;

static unsigned int	 unique_counter, nskipped;
static int		 clock_touched;

struct buf {
	char	*p;
	size_t	 len;
};

const char *
itest_env(const char *name, const char *def)
{
	const char	*v = getenv(name);

	return (v != NULL && *v != '\0') ? v : def;
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
	/* A new status line (after 100 Continue) starts a new block. */
	if (size * n >= 5 && strncmp(data, "HTTP/", 5) == 0)
		((struct buf *)arg)->len = 0;
	return on_body(data, size, n, arg);
}

char *
itest_header(const struct itest_resp *r, const char *name)
{
	const char	*line, *end, *v;
	size_t		 nlen = strlen(name), len;

	for (line = r->headers; line != NULL && *line != '\0'; line = end) {
		end = line + strcspn(line, "\n");
		end += *end == '\n';
		if (strncasecmp(line, name, nlen) != 0 || line[nlen] != ':')
			continue;
		for (v = line + nlen + 1; *v == ' ' || *v == '\t'; v++)
			;
		for (len = end - v; len > 0 &&
		    isspace((unsigned char)v[len - 1]); len--)
			;
		return strndup(v, len);
	}
	return NULL;
}

int
itest_check(int ok, const struct itest_resp *r, const char *what,
    const char *file, unsigned int line, int fatal)
{
	if (!ok) {
		printf("\n  >> FAILED %s:%u: %s\n", file, line, what);
		if (r != NULL)
			printf("     %s %s -> %ld %s\n     X-Request-Id: %s\n"
			    "     body: %.*s%s\n", r->method, r->path,
			    r->status, r->status ? "" : r->errbuf,
			    r->request_id ? r->request_id : "(none)",
			    (int)(r->len > 2000 ? 2000 : r->len), r->body,
			    r->len > 2000 ? " [...]" : "");
		fflush(stdout);
	}
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
	static char		 msg[160];
	struct json_object	*m;
	const char		*err, *alt, *want = itest_reason(st, &alt);
	size_t			 i;

	if (!is_json_type(r->content_type))
		return "error Content-Type is not application/json";
	if (!json_object_is_type(r->json, json_type_object))
		return "error body is not a JSON object";
	snprintf(msg, sizeof(msg), "statusCode is not %ld", st);
	if (itest_jint(r, "statusCode") != st)
		return msg;
	snprintf(msg, sizeof(msg), "error is not \"%s\"", want);
	if ((err = itest_jstr(r, "error")) == NULL || (strcmp(err, want) != 0 &&
	    (alt == NULL || strcmp(err, alt) != 0)))
		return msg;
	if (itest_jbool(r, "success") != 0)
		return "success is not false";
	if (itest_jstr(r, "code") == NULL || *itest_jstr(r, "code") == '\0')
		return "code missing";
	if (strcmp(itest_jstr(r, "code"), "UNAUTHORIZED") == 0 &&
	    !itest_message_has(r, ITEST_UNAUTHORIZED_MSG))
		return "message is not \"" ITEST_UNAUTHORIZED_MSG "\"";
	m = itest_jget(r, "message");
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

	if ((itest_checks & ITEST_CHECK_REQUEST_ID) != 0)
		itest_check(r->request_id != NULL && *r->request_id != '\0',
		    r, "X-Request-Id present", __FILE__, __LINE__, 0);
	if ((itest_checks & ITEST_CHECK_JSON) != 0 && r->status != 204 &&
	    (r->content_type == NULL ||
	    strncasecmp(r->content_type, "text/csv", 8) != 0)) {
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

	memset(r, 0, sizeof(*r));
	snprintf(r->method, sizeof(r->method), "%s", method);
	r->path = strdup(path);
	clock_touched |= strncmp(path, "/api/test/clock", 15) == 0;
	if ((c = curl_easy_init()) == NULL)
		exit(2);
	if (token != NULL) {
		hl = curl_slist_append(hl, h = itest_fmt(
		    "Authorization: Bearer %s", token));
		free(h);
	}
	hl = curl_slist_append(hl, h = (body != NULL || ctype != NULL) ?
	    itest_fmt("Content-Type: %s", ctype ? ctype : "application/json") :
	    strdup("Content-Type:"));
	free(h);
	for (; extra != NULL && *extra != NULL; extra++)
		hl = curl_slist_append(hl, *extra);
	curl_easy_setopt(c, CURLOPT_URL, url = itest_fmt("%s%s", itest_base,
	    path));
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
	else {
		curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
		if (body != NULL || strcmp(method, "DELETE") != 0) {
			curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
			    (curl_off_t)(body ? bodylen : 0));
			curl_easy_setopt(c, CURLOPT_POSTFIELDS,
			    body ? body : "");
		}
	}
	if ((rc = curl_easy_perform(c)) == CURLE_OK) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &r->status);
		curl_easy_getinfo(c, CURLINFO_TOTAL_TIME, &r->elapsed);
	} else if (r->errbuf[0] == '\0')
		snprintf(r->errbuf, sizeof(r->errbuf), "%s",
		    curl_easy_strerror(rc));
	curl_easy_cleanup(c);
	curl_slist_free_all(hl);
	free(url);
	r->body = bb.p ? bb.p : strdup("");
	r->len = bb.len;
	r->headers = hb.p ? hb.p : strdup("");
	r->content_type = itest_header(r, "Content-Type");
	r->request_id = itest_header(r, "X-Request-Id");
	r->allow = itest_header(r, "Allow");
	if (r->len > 0) {
		tok = json_tokener_new_ex(64);
		r->json = json_tokener_parse_ex(tok, r->body, (int)r->len);
		if (json_tokener_get_error(tok) != json_tokener_success ||
		    json_tokener_get_parse_end(tok) != r->len) {
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
itest_request(const char *method, const char *path, const char *token,
    const char *ctype, const char *body, const char *const *extra,
    struct itest_resp *r)
{
	return do_request(method, path, token, ctype, body,
	    body ? strlen(body) : 0, extra, r, 1);
}

void
itest_expect_error_at(const char *file, unsigned int line, const char *m,
    const char *path, const char *tok, const char *body,
    const char *const *hdrs, long st, const char *code)
{
	struct itest_resp	 r;

	itest_request(m, path, tok, NULL, body, hdrs, &r);
	itest_check_error(&r, st, code, file, line);
	itest_resp_free(&r);
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
		tok = strdup(t);
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

/* ---- JSON ---- */

/* The value at path; *found tells a JSON null from a missing key. */
static struct json_object *
lookup(struct json_object *o, const char *path, int *found)
{
	const char	*p = path;
	char		 key[256], *end;
	size_t		 n;
	long		 idx;

	*found = 1;
	while (*p != '\0') {
		if ((n = strcspn(p, ".")) >= sizeof(key))
			break;
		memcpy(key, p, n);
		key[n] = '\0';
		if (json_object_is_type(o, json_type_array)) {
			idx = strtol(key, &end, 10);
			if (*end != '\0' || idx < 0 ||
			    (size_t)idx >= json_object_array_length(o))
				break;
			o = json_object_array_get_idx(o, idx);
		} else if (!json_object_is_type(o, json_type_object) ||
		    !json_object_object_get_ex(o, key, &o))
			break;
		p += n + (p[n] == '.');
	}
	if (*p != '\0')
		*found = 0;
	return *found ? o : NULL;
}

struct json_object *
itest_oget(struct json_object *o, const char *path)
{
	int	 found;

	return lookup(o, path, &found);
}

int
itest_otype(struct json_object *o, const char *path)
{
	int	 found;

	o = lookup(o, path, &found);
	return found ? (int)json_object_get_type(o) : -1;
}

const char *
itest_ostr(struct json_object *o, const char *path)
{
	o = itest_oget(o, path);
	return json_object_is_type(o, json_type_string) ?
	    json_object_get_string(o) : NULL;
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

size_t
itest_olen(struct json_object *o, const char *path)
{
	o = itest_oget(o, path);
	if (json_object_is_type(o, json_type_array))
		return json_object_array_length(o);
	return json_object_is_type(o, json_type_object) ?
	    (size_t)json_object_object_length(o) : 0;
}

/* How many items of array a have the string want (any: NULL) at path. */
size_t
itest_count_str(struct json_object *a, const char *path, const char *want)
{
	const char	*v;
	size_t		 i, n = 0;

	for (i = 0; json_object_is_type(a, json_type_array) &&
	    i < json_object_array_length(a); i++)
		if ((v = itest_ostr(json_object_array_get_idx(a, i), path)) !=
		    NULL && (want == NULL || strcmp(v, want) == 0))
			n++;
	return n;
}

/* The index of the first item of array a with integer v at path, or -1. */
long
itest_find_int(struct json_object *a, const char *path, long long v)
{
	size_t	 i;

	for (i = 0; json_object_is_type(a, json_type_array) &&
	    i < json_object_array_length(a); i++)
		if (itest_otype(json_object_array_get_idx(a, i), path) ==
		    json_type_int && itest_oint(json_object_array_get_idx(a, i),
		    path) == v)
			return (long)i;
	return -1;
}

/* The message (a string, or any sentence of an array) contains s. */
int
itest_message_has(const struct itest_resp *r, const char *s)
{
	const char	*m;
	char		 p[32];
	size_t		 i;

	if ((m = itest_jstr(r, "message")) != NULL)
		return strstr(m, s) != NULL;
	for (i = 0; i < itest_jlen(r, "message"); i++) {
		snprintf(p, sizeof(p), "message.%zu", i);
		if ((m = itest_jstr(r, p)) != NULL && strstr(m, s) != NULL)
			return 1;
	}
	return 0;
}

/* ---- strings ---- */

char *
itest_fmt(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 rc;

	va_start(ap, fmt);
	rc = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (rc < 0)
		exit(2);
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
	char	*e = curl_easy_escape(NULL, s, 0), *r = strdup(e);

	curl_free(e);
	return r;
}

char *
itest_json_str(const char *s)
{
	struct json_object	*o = json_object_new_string(s);
	char			*r;

	r = strdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	return r;
}

long long
itest_parse_instant(const char *s)
{
	const char	*pat = "dddd-dd-ddTdd:dd:dd.dddZ";
	struct tm	 tm;
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

const char *
itest_reason(long st, const char **alt)
{
	static const struct {
		long		 st;
		const char	*phrase, *alt;
	} t[] = {
		{ 200, "OK", NULL }, { 201, "Created", NULL },
		{ 400, "Bad Request", NULL }, { 401, "Unauthorized", NULL },
		{ 403, "Forbidden", NULL }, { 404, "Not Found", NULL },
		{ 405, "Method Not Allowed", NULL }, { 409, "Conflict", NULL },
		{ 413, "Payload Too Large", "Request Entity Too Large" },
		{ 414, "URI Too Long", "Request-URI Too Large" },
		{ 415, "Unsupported Media Type", NULL },
		{ 429, "Too Many Requests", NULL },
		{ 431, "Request Header Fields Too Large", NULL },
		{ 500, "Internal Server Error", NULL },
		{ 502, "Bad Gateway", NULL },
		{ 503, "Service Unavailable", NULL },
		{ 504, "Gateway Timeout", "Gateway Time-out" }
	};
	size_t	 i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].st == st) {
			*alt = t[i].alt;
			return t[i].phrase;
		}
	*alt = NULL;
	return "?";
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
	if (prefix == NULL || (m = open_memstream(&cmd, &cmdlen)) == NULL) {
		printf("\n  (DREC_DRECCTL is not set)\n");
		return -1;
	}
	fputs(prefix, m);
	for (; *argv != NULL; argv++) {
		fputs(" '", m);
		for (p = *argv; *p != '\0'; p++)
			*p == '\'' ? fputs("'\\''", m) : fputc(*p, m);
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
		*out = b.p ? b.p : strdup("");
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
	int			 ok;
	char			 what[256] = "details.fields [";

	f = itest_jget(r, "details.fields");
	m = itest_jget(r, "message");
	ok = json_object_is_type(f, json_type_array);
	if (want_array && !json_object_is_type(m, json_type_array))
		ok = 0;
	va_start(ap, line);
	while ((name = va_arg(ap, const char *)) != NULL) {
		snprintf(what + strlen(what), sizeof(what) - strlen(what),
		    "%s\"%s\"", n ? "," : "", name);
		got = ok && n < json_object_array_length(f) ?
		    json_object_get_string(json_object_array_get_idx(f, n)) :
		    NULL;
		sentence = ok && want_array &&
		    n < json_object_array_length(m) ? json_object_get_string(
		    json_object_array_get_idx(m, n)) : NULL;
		if (got == NULL || strcmp(got, name) != 0 ||
		    (want_array && (sentence == NULL ||
		    strstr(sentence, name) == NULL)))
			ok = 0;
		n++;
	}
	va_end(ap);
	if (ok && (json_object_array_length(f) != n ||
	    (want_array && json_object_array_length(m) != n)))
		ok = 0;
	snprintf(what + strlen(what), sizeof(what) - strlen(what), "]%s",
	    want_array ? ", message: one sentence naming each" : "");
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
	int	 have = itest_otype(r->json, path) == json_type_int;
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

	const char	*only = getenv("ITEST_SUITE");

	if ((s = CU_add_suite(name, NULL, NULL)) == NULL) {
		fprintf(stderr, "itest: suite %s: %s\n", name,
		    CU_get_error_msg());
		exit(2);
	}
	/* ITEST_SUITE=text runs only the suites whose name holds it. */
	if (only != NULL && *only != '\0' && strstr(name, only) == NULL)
		CU_set_suite_active(s, CU_FALSE);
	return s;
}

void
itest_add(CU_pSuite s, const char *name, CU_TestFunc fn)
{
	if (CU_add_test(s, name, fn) == NULL) {
		fprintf(stderr, "itest: test %s: %s\n", name,
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

int
itest_main(int argc, char **argv, itest_register_fn reg)
{
	unsigned char	 mac[32];
	unsigned int	 run, failed;
	char		*kat;

	if ((itest_base = itest_env("DREC_BASE_URL", NULL)) == NULL) {
		fprintf(stderr, "%s: DREC_BASE_URL is not set; the integration "
		    "tests need a running stack (see scripts/test)\n",
		    argc > 0 ? argv[0] : "itest");
		return 2;
	}
	/* RFC 4231 test case 2, so that forged tokens are real HS256. */
	itest_hmac_sha256("Jefe", 4, "what do ya want for nothing?", 28, mac);
	kat = itest_b64url_encode(mac, sizeof(mac));
	if (strcmp(kat, "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM") != 0 ||
	    curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK ||
	    CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "itest: initialization failed\n");
		return 2;
	}
	free(kat);
	printf("itest: %s against %s\n", argc > 0 ? argv[0] : "", itest_base);
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
		printf("\n%u skipped (not counted as passed)\n", nskipped);
	printf("%u passed, %u failed\n", run - failed, failed);
	return (failed > 0 || run == 0) ? 1 : 0;
}

/* ---- raw HTTP without CUnit (threads, cleanups) ---- */

struct rbuf {
	char	*p;
	size_t	 n;
};

static size_t
rb_write(char *d, size_t s, size_t n, void *a)
{
	struct rbuf	*b = a;
	char		*p;

	if ((p = realloc(b->p, b->n + s * n + 1)) == NULL)
		return 0;
	memcpy(p + b->n, d, s * n);
	b->p = p;
	b->n += s * n;
	p[b->n] = '\0';
	return s * n;
}

long
itest_raw(const char *method, const char *path, const char *tok,
    const char *body, const char *hdr, char **out, char **hout)
{
	CURL			*c;
	struct curl_slist	*hl = NULL;
	struct rbuf		 b = { NULL, 0 }, h = { NULL, 0 };
	char			*s;
	long			 code = 0;

	if ((c = curl_easy_init()) == NULL)
		return 0;
	if (tok != NULL) {
		hl = curl_slist_append(hl, s = itest_fmt(
		    "Authorization: Bearer %s", tok));
		free(s);
	}
	hl = curl_slist_append(hl, "Content-Type: application/json");
	if (hdr != NULL)
		hl = curl_slist_append(hl, hdr);
	curl_easy_setopt(c, CURLOPT_URL, s = itest_fmt("%s%s", itest_base,
	    path));
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, rb_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, rb_write);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &h);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
	if (body != NULL)
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(c);
	curl_slist_free_all(hl);
	free(s);
	if (out != NULL)
		*out = b.p ? b.p : strdup("");
	else
		free(b.p);
	if (hout != NULL)
		*hout = h.p ? h.p : strdup("");
	else
		free(h.p);
	return code;
}

char *
itest_json_merge(const char *base, const char *patch)
{
	struct json_object	*o, *p;
	char			*s;

	o = json_tokener_parse(base);
	p = json_tokener_parse(patch);
	if (!json_object_is_type(o, json_type_object) ||
	    !json_object_is_type(p, json_type_object)) {
		fprintf(stderr, "bad test JSON: %s / %s\n", base, patch);
		exit(2);
	}
	json_object_object_foreach(p, k, v) {
		if (v == NULL)
			json_object_object_del(o, k);
		else
			json_object_object_add(o, k, json_object_get(v));
	}
	s = strdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
	json_object_put(p);
	return s;
}
