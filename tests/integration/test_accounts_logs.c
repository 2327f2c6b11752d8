/*
 * itest_accounts: no path token in a log (CONVENTIONS §9, accounts.md
 * §2.4).  Row 47 of accounts.md §13, then the spellings of the token
 * routes that nginx or drecd read as them (letter case, %-escapes, %2F,
 * doubled slashes, dot segments, a query string, the own-e-mail form, an
 * nginx error page), sent byte for byte through the stack's nginx: neither
 * VAR/log/nginx-access.log nor VAR/log/drecd.log holds the token, and each
 * request's access line (found by its X-Request-Id) shows the redacted URI.
 * Then the error log (docs/operations.md §5.3): after a 413 in every
 * spelling and a 429 of zone account on a token route, with fake tokens and
 * a real one, VAR/log/nginx-error.log holds none, while it holds the 413 of
 * another route (the log is the one nginx writes these events to).
 */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_accounts.h"

char *
acc_slurp(const char *path)
{
	FILE	*f = fopen(path, "r");
	char	*b = NULL;
	size_t	 n = 0;

	if (f == NULL)
		return strdup("");
	if (getdelim(&b, &n, '\0', f) < 0) {
		free(b);
		b = strdup("");
	}
	fclose(f);
	return b;
}

/* VAR/log/name's text (malloc'd). */
static char *
stack_log(const char *name)
{
	char	*p = itest_fmt("%s/log/%s", itest_env("DREC_VAR_DIR", "."), name);
	char	*t = acc_slurp(p);

	free(p);
	return t;
}

void
acc_t47_logs(void)
{
	struct itest_resp	 r;
	char			*t, *t2, *p, *ng, *dd;

	acc_register("l@x.io", "Log00000", "LCo", "Developer", "L", "L", NULL);
	t = acc_token("l@x.io", "confirm_email", 0);
	p = itest_fmt("/api/user/confirm-email/%s", t);
	itest_request("PUT", p, NULL, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(p);
	itest_post("/api/user/forget-password", NULL, "{\"email\":\"l@x.io\"}",
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	t2 = acc_token("l@x.io", "password_reset", 0);
	rp_ok(t2, "Log12345", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	usleep(300000);		/* nginx writes its line after the answer */
	ng = stack_log("nginx-access.log");
	dd = stack_log("drecd.log");
	ITEST_ASSERT_R(NULL, strlen(ng) > 0 && strlen(dd) > 0);
	ITEST_ASSERT_R(NULL, strstr(ng, t) == NULL && strstr(ng, t2) == NULL);
	ITEST_ASSERT_R(NULL, strstr(dd, t) == NULL && strstr(dd, t2) == NULL);
	ITEST_ASSERT_R(NULL, strstr(ng,
	    "\"PUT /api/user/confirm-email/… HTTP/1.1\"") != NULL);
	ITEST_ASSERT_R(NULL, strstr(ng,
	    "\"PUT /api/user/reset/password/… HTTP/1.1\"") != NULL);
	free(ng);
	free(dd);
	free(t);
	free(t2);
}

static size_t
discard(char *d, size_t s, size_t n, void *a)
{
	(void)d;
	(void)a;
	return s * n;
}

/*
 * PUT path exactly as written (CURLOPT_PATH_AS_IS: curl keeps dot segments
 * and slashes) with X-Request-Id rid and a JSON body of body_len bytes
 * ("{}" when 0); the status, 0 on a transport failure.
 */
static long
put_as_is(const char *path, const char *rid, size_t body_len)
{
	CURL			*c;
	struct curl_slist	*hl = NULL;
	char			*url, *h, *body;
	long			 code = 0;

	if (body_len == 0)
		body = strdup("{}");
	else {
		body = malloc(body_len);
		memset(body, ' ', body_len);
	}
	if ((c = curl_easy_init()) == NULL || body == NULL) {
		free(body);
		return 0;
	}
	hl = curl_slist_append(hl, "Content-Type: application/json");
	hl = curl_slist_append(hl, h = itest_fmt("X-Request-Id: %s", rid));
	free(h);
	curl_easy_setopt(c, CURLOPT_URL, url = itest_fmt("%s%s", itest_base,
	    path));
	curl_easy_setopt(c, CURLOPT_PATH_AS_IS, 1L);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, hl);
	curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, "PUT");
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE,
	    (curl_off_t)(body_len ? body_len : 2));
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_easy_cleanup(c);
	curl_slist_free_all(hl);
	free(url);
	free(body);
	return code;
}

/* The line of log text ending in " id=rid" (malloc'd), or NULL. */
static char *
line_of(const char *text, const char *rid)
{
	char		*key = itest_fmt(" id=%s\n", rid), *line = NULL;
	const char	*e = strstr(text, key), *s;

	if (e != NULL) {
		for (s = e; s > text && s[-1] != '\n'; s--)
			;
		line = strndup(s, (size_t)(e - s) + strlen(key) - 1);
	}
	free(key);
	return line;
}

/* drecd's access line of request rid (malloc'd), or NULL. */
static char *
drecd_line(const char *text, const char *rid)
{
	char		*key = itest_fmt("] access id=%s ", rid), *line = NULL;
	const char	*e = strstr(text, key), *s, *end;

	if (e != NULL) {
		for (s = e; s > text && s[-1] != '\n'; s--)
			;
		end = strchr(e, '\n');
		line = end ? strndup(s, (size_t)(end - s)) : strdup(s);
	}
	free(key);
	return line;
}

/* 1 when drecd's access line names route (" route=ROUTE "). */
static int
names_route(const char *line, const char *route)
{
	char	*want = itest_fmt(" route=%s ", route);
	int	 ok = line != NULL && strstr(line, want) != NULL;

	free(want);
	return ok;
}

/*
 * The spellings.  TOK in path is replaced by the case's token; status is
 * what the stack answers (400 TOKEN_INVALID or 401 show that drecd routed
 * the spelling to the token route, 404 that it did not); logged is the
 * URI of the access line, method the method it shows (nginx's own error
 * page is a GET); route is drecd's route name, NULL when drecd does not
 * see the request.
 */
static const struct spelling {
	const char	*path, *logged;
	long		 status;
	size_t		 body;
	const char	*method, *route;
} spellings[] = {
	{ "/api/user/confirm-email/TOK", "/api/user/confirm-email/…",
	  400, 0, "PUT", "/api/user/confirm-email/:token" },
	{ "/api/user/confirm-email/TOK?x=1", "/api/user/confirm-email/…?x=1",
	  400, 0, "PUT", "/api/user/confirm-email/:token" },
	{ "/api/USER/Confirm-EMAIL/TOK/", "/api/USER/Confirm-EMAIL/…/",
	  400, 0, "PUT", "/api/user/confirm-email/:token" },
	{ "/api/user/%63onfirm-email/TOK", "/api/user/%63onfirm-email/…",
	  400, 0, "PUT", "/api/user/confirm-email/:token" },
	{ "/%61pi/%55ser/%43ONFIRM%2demail/TOK",
	  "/%61pi/%55ser/%43ONFIRM%2demail/…",
	  400, 0, "PUT", "/api/user/confirm-email/:token" },
	{ "/api/user/confirm-email/%66%65TOK", "/api/user/confirm-email/…",
	  400, 0, "PUT", "/api/user/confirm-email/:token" },
	{ "/api/user/confirm-email%2FTOK", "/api/user/confirm-email%2F…",
	  405, 0, "PUT", "(405)" },	/* GET /api/user/:id */
	{ "/api/user/reset%2fpassword/TOK", "/api/user/reset%2fpassword/…",
	  404, 0, "PUT", "(404)" },
	{ "/api//user/confirm-email/TOK", "/api//user/confirm-email/…",
	  404, 0, "PUT", "(404)" },
	{ "/api/user/confirm-email//TOK", "/api/user/confirm-email//…",
	  404, 0, "PUT", "(404)" },
	{ "/api/user/./confirm-email/./TOK", "/api/user/./confirm-email/…",
	  404, 0, "PUT", "(404)" },
	{ "/api/user/confirm-email/x/../TOK", "/api/user/confirm-email/…",
	  404, 0, "PUT", "(404)" },
	{ "/api/user/reset/password/TOK", "/api/user/reset/password/…",
	  400, 0, "PUT", "/api/user/reset/password/:token" },
	{ "/api/user/Reset/%50assword/TOK?z", "/api/user/Reset/%50assword/…?z",
	  400, 0, "PUT", "/api/user/reset/password/:token" },
	{ "/api/user/reset/password/TOK%40x.io",
	  "/api/user/reset/password/…",
	  401, 0, "PUT", "/api/user/reset/password/:email" },
	{ "/api/user/reset/PASSWORD/TOK@x.io/", "/api/user/reset/PASSWORD/…/",
	  401, 0, "PUT", "/api/user/reset/password/:email" },
	/* nginx's own 413 (body over 1 MiB): error_page changes $uri. */
	{ "/api/user/%63onfirm-email/TOK", "/api/user/%63onfirm-email/…",
	  413, 1100000, "GET", NULL },
};

/*
 * Checks the access line of request rid: present, with "METHOD logged
 * HTTP/1.1" status.
 */
static void
check_line(const char *ng, const char *rid, const char *method,
    const char *logged, long status)
{
	char	*line = line_of(ng, rid);
	char	*want = itest_fmt("\"%s %s HTTP/1.1\" %ld ", method, logged,
	    status);
	char	*what = itest_fmt("access line of %s shows %s (line: %s)", rid,
	    want, line ? line : "none");

	itest_check(line != NULL && strstr(line, want) != NULL, NULL, what,
	    __FILE__, __LINE__, 0);
	free(what);
	free(want);
	free(line);
}

void
acc_log_spellings(void)
{
	struct itest_resp	 r;
	char			*rid[NELEM(spellings) + 2], *tok[NELEM(spellings)];
	char			*path, *ng, *dd, *real, *what, *line;
	const char		*s, *hdr[2] = { NULL, NULL };
	size_t			 i, k;
	long			 st;

	for (i = 0; i < NELEM(spellings); i++) {
		/* A recognisable fake token (64 hex digits) per case. */
		tok[i] = itest_fmt("%08zx%s", i, "feedc0defeedc0defeedc0de"
		    "feedc0defeedc0defeedc0defeedc0de");
		rid[i] = itest_fmt("logredact-%ld-%zu", (long)getpid(), i);
		path = strdup(spellings[i].path);
		while ((s = strstr(path, "TOK")) != NULL) {
			char *n = itest_fmt("%.*s%s%s", (int)(s - path), path,
			    tok[i], s + 3);

			free(path);
			path = n;
		}
		st = put_as_is(path, rid[i], spellings[i].body);
		what = itest_fmt("PUT %s answers %ld (got %ld)", path,
		    spellings[i].status, st);
		itest_check(st == spellings[i].status, NULL, what, __FILE__,
		    __LINE__, 0);
		free(what);
		free(path);
	}
	/* A real token through an escaped, mixed-case spelling: confirmed. */
	acc_register("lr@x.io", "Log00000", "LRCo", "Developer", "L", "R",
	    NULL);
	real = acc_token("lr@x.io", "confirm_email", 0);
	rid[i] = itest_fmt("logredact-%ld-real", (long)getpid());
	path = itest_fmt("/api/user/%%43onfirm-Email/%s/", real);
	ITEST_ASSERT_R(NULL, put_as_is(path, rid[i], 0) == 200);
	free(path);
	/* A plain request: its URI and query string as sent. */
	rid[i + 1] = itest_fmt("logredact-%ld-plain", (long)getpid());
	path = itest_fmt("/api/health/live?probe=%s&x=%%2F", rid[i + 1]);
	hdr[0] = line = itest_fmt("X-Request-Id: %s", rid[i + 1]);
	itest_request("GET", path, NULL, NULL, NULL, hdr, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(line);
	free(path);

	usleep(300000);	/* nginx writes after answering; drecd every 50 ms */
	ng = stack_log("nginx-access.log");
	dd = stack_log("drecd.log");
	for (k = 0; k < NELEM(spellings); k++) {
		check_line(ng, rid[k], spellings[k].method,
		    spellings[k].logged, spellings[k].status);
		what = itest_fmt("no token of case %zu (%s) in the logs", k,
		    spellings[k].path);
		itest_check(strstr(ng, tok[k]) == NULL &&
		    strstr(dd, tok[k]) == NULL, NULL, what, __FILE__,
		    __LINE__, 0);
		free(what);
		line = drecd_line(dd, rid[k]);
		if (spellings[k].route == NULL)
			what = itest_fmt("drecd has no line of %s (nginx "
			    "answered): %s", rid[k], line ? line : "");
		else
			what = itest_fmt("drecd's line of %s names route=%s: "
			    "%s", rid[k], spellings[k].route, line ? line :
			    "none");
		itest_check(spellings[k].route == NULL ? line == NULL :
		    names_route(line, spellings[k].route), NULL, what,
		    __FILE__, __LINE__, 0);
		free(what);
		free(line);
	}
	/* Nor a part of one (all share their last 56 digits). */
	ITEST_ASSERT_R(NULL, strstr(ng, "feedc0defeedc0de") == NULL &&
	    strstr(dd, "feedc0defeedc0de") == NULL);
	check_line(ng, rid[k], "PUT", "/api/user/%43onfirm-Email/…", 200);
	ITEST_ASSERT_R(NULL, strstr(ng, real) == NULL &&
	    strstr(dd, real) == NULL);
	path = itest_fmt("/api/health/live?probe=%s&x=%%2F", rid[k + 1]);
	check_line(ng, rid[k + 1], "GET", path, 200);
	free(path);
	for (k = 0; k < NELEM(spellings); k++) {
		free(tok[k]);
		free(rid[k]);
	}
	free(rid[k]);
	free(rid[k + 1]);
	free(real);
	free(ng);
	free(dd);
}

/*
 * GETs to path (a token route: drecd answers 405 without the database), 16
 * at a time, until one answers 429 or 1600 were sent; the number sent up
 * to the batch with the 429, or 0 without one.
 */
static int
get_until_429(const char *path)
{
	CURLM		*m = curl_multi_init();
	CURL		*c[16];
	char		*url = itest_fmt("%s%s", itest_base, path);
	long		 code;
	int		 i, running, batch, limited = 0;

	for (batch = 0; batch < 100 && !limited; batch++) {
		for (i = 0; i < 16; i++) {
			c[i] = curl_easy_init();
			curl_easy_setopt(c[i], CURLOPT_URL, url);
			curl_easy_setopt(c[i], CURLOPT_WRITEFUNCTION, discard);
			curl_easy_setopt(c[i], CURLOPT_TIMEOUT, 30L);
			curl_easy_setopt(c[i], CURLOPT_NOSIGNAL, 1L);
			curl_multi_add_handle(m, c[i]);
		}
		do {
			curl_multi_perform(m, &running);
			if (running)
				curl_multi_poll(m, NULL, 0, 1000, NULL);
		} while (running);
		for (i = 0; i < 16; i++) {
			code = 0;
			curl_easy_getinfo(c[i], CURLINFO_RESPONSE_CODE, &code);
			if (code == 429)
				limited = (batch + 1) * 16;
			curl_multi_remove_handle(m, c[i]);
			curl_easy_cleanup(c[i]);
		}
	}
	curl_multi_cleanup(m);
	free(url);
	return limited;
}

void
acc_log_errors(void)
{
	char		*tok[NELEM(spellings)], *path, *s, *real, *el, *what;
	char		*t429;
	const char	*rid = "logredact-errors";
	size_t		 i;
	long		 st;
	int		 n;

	/* A 413 in each spelling (nginx answers; drecd never sees them). */
	for (i = 0; i < NELEM(spellings); i++) {
		tok[i] = itest_fmt("%08zx%s", i + 100, "feedc0defeedc0defeedc0de"
		    "feedc0defeedc0defeedc0defeedc0de");
		path = strdup(spellings[i].path);
		while ((s = strstr(path, "TOK")) != NULL) {
			char *x = itest_fmt("%.*s%s%s", (int)(s - path), path,
			    tok[i], s + 3);

			free(path);
			path = x;
		}
		st = put_as_is(path, rid, 1100000);
		what = itest_fmt("PUT %s with 1.1 MB answers 413 (got %ld)",
		    path, st);
		itest_check(st == 413, NULL, what, __FILE__, __LINE__, 0);
		free(what);
		free(path);
	}
	/* A real token too (not consumed: nginx answers). */
	acc_register("le@x.io", "Log00000", "LECo", "Developer", "L", "E",
	    NULL);
	real = acc_token("le@x.io", "confirm_email", 0);
	path = itest_fmt("/api/user/confirm-email/%s", real);
	ITEST_ASSERT_R(NULL, put_as_is(path, rid, 1100000) == 413);
	free(path);
	/* The control: another route's 413 is in the error log. */
	ITEST_ASSERT_R(NULL, put_as_is("/api/user/profile", rid, 1100000) == 413);
	/* Zone account's 429 on a token route (test profile: burst 200). */
	t429 = itest_fmt("00000429%s", "feedc0defeedc0defeedc0de"
	    "feedc0defeedc0defeedc0defeedc0de");
	path = itest_fmt("/api/USER/confirm-email/%s", t429);
	n = get_until_429(path);
	what = itest_fmt("GET %s: a 429 (zone account) within 1600 requests "
	    "(at %d)", path, n);
	itest_check(n > 0, NULL, what, __FILE__, __LINE__, 0);
	free(what);
	free(path);
	usleep(300000);
	el = stack_log("nginx-error.log");
	ITEST_ASSERT_R(NULL, strstr(el, "client intended to send too large body") !=
	    NULL && strstr(el, "request: \"PUT /api/user/profile HTTP/1.1\"")
	    != NULL);
	for (i = 0; i < NELEM(spellings); i++) {
		what = itest_fmt("no token of %s in nginx-error.log",
		    spellings[i].path);
		itest_check(strstr(el, tok[i]) == NULL, NULL, what, __FILE__,
		    __LINE__, 0);
		free(what);
		free(tok[i]);
	}
	ITEST_ASSERT_R(NULL, strstr(el, t429) == NULL);
	ITEST_ASSERT_R(NULL, strstr(el, "feedc0defeedc0de") == NULL);
	ITEST_ASSERT_R(NULL, strstr(el, real) == NULL);
	free(el);
	free(real);
	free(t429);
	sleep(5);	/* zone account refills its burst (50 r/s) */
}
