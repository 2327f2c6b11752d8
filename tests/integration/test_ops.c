/*
 * itest_ops: operations defects of issue 13 (items 7 and 8) against the
 * real stack.
 *
 * Rate limits (docs/operations.md §5): PUT /api/user/password, PUT
 * /api/user/profile and POST /api/admin/users are limited by nginx per
 * client address (zone credential) and per access token (zone
 * credential_token), login and register per address (zones login and
 * register; CORS preflights never counted, clients.md §8 vector 7), all
 * in any letter case, with nginx's JSON 429.  Each
 * burst comes from its own loopback source address (127.0.0.x, bound with
 * CURLOPT_INTERFACE), so the suites' 127.0.0.1 never meets a limit this
 * suite provoked, and the per-token test can tell the two zones apart.
 * The bursts are sent concurrently (curl multi), so they reach nginx well
 * inside the burst allowance's refill time whatever the stack's numbers
 * (the test stack: 50 r/s, burst 200): N_BURST requests are more than the
 * burst, and the test asserts only that some of them were refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "test_ops.h"

#define N_BURST		320	/* > the test stack's burst (200) */

struct shot {
	long	 status;
	char	*body;
	size_t	 len;
	char	*ctype;
};

#define MAXV	4	/* paths or headers of one burst */

struct burst {
	int	n;
	int	n429;		/* nginx's rate limit */
	int	n429_bad;	/* a 429 without the JSON envelope */
	int	n5xx;
	int	nother;		/* answered by drecd */
	long	last;		/* the status of the last request */
	int	g429[MAXV][MAXV];	/* 429s by path and header */
};

/*
 * What a burst sends: request i comes from srcs[i % ns], goes to
 * paths[(i / ns) % np] with the header line hdrs[(i / (ns * np)) % nh]
 * (hdrs NULL: none), so that every combination is spread over the whole
 * burst.
 */
struct mix {
	const char *const	*srcs;
	size_t			 ns;
	const char *const	*paths;
	size_t			 np;
	const char *const	*hdrs;
	size_t			 nh;
};

static size_t
shot_write(char *p, size_t sz, size_t nm, void *arg)
{
	struct shot	*s = arg;
	char		*n;

	if ((n = realloc(s->body, s->len + sz * nm + 1)) == NULL)
		return 0;
	memcpy(n + s->len, p, sz * nm);
	s->body = n;
	s->len += sz * nm;
	s->body[s->len] = '\0';
	return sz * nm;
}

/* 1 when body is nginx's 429 envelope (CONVENTIONS §9). */
static int
is_rate_limited(const struct shot *s)
{
	struct json_object	*o;
	int			 ok;

	if (s->ctype == NULL || strncmp(s->ctype, "application/json", 16) != 0 ||
	    s->body == NULL || (o = json_tokener_parse(s->body)) == NULL)
		return 0;
	ok = itest_oint(o, "statusCode") == 429 &&
	    itest_obool(o, "success") == 0 &&
	    itest_ostr(o, "code") != NULL &&
	    strcmp(itest_ostr(o, "code"), "RATE_LIMITED") == 0 &&
	    itest_ostr(o, "error") != NULL &&
	    strcmp(itest_ostr(o, "error"), "Too Many Requests") == 0 &&
	    itest_ostr(o, "message") != NULL;
	json_object_put(o);
	return ok;
}

/*
 * n requests (method, body: may be NULL) sent at once as mix says; the
 * tally in *b.
 */
static void
burst_mix(const struct mix *x, const char *method, const char *body, int n,
    struct burst *b)
{
	CURLM			*m = curl_multi_init();
	CURL			**e = calloc((size_t)n, sizeof(*e));
	struct shot		*s = calloc((size_t)n, sizeof(*s));
	struct curl_slist	*h[MAXV];
	char			*url, *iface;
	const char		*ct;
	size_t			 pi, hi, nh = x->hdrs ? x->nh : 1;
	int			 i, running = 1;

	ITEST_REQUIRE(m != NULL && e != NULL && s != NULL);
	ITEST_REQUIRE(x->np <= MAXV && nh <= MAXV);
	memset(b, 0, sizeof(*b));
	for (hi = 0; hi < nh; hi++) {
		h[hi] = curl_slist_append(NULL, "Content-Type: application/json");
		if (x->hdrs != NULL)
			h[hi] = curl_slist_append(h[hi], x->hdrs[hi]);
	}
	curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, 0L);
	for (i = 0; i < n; i++) {
		pi = ((size_t)i / x->ns) % x->np;
		hi = ((size_t)i / (x->ns * x->np)) % nh;
		url = itest_fmt("%s%s", itest_base, x->paths[pi]);
		iface = itest_fmt("host!%s", x->srcs[(size_t)i % x->ns]);
		e[i] = curl_easy_init();
		ITEST_REQUIRE(e[i] != NULL);
		curl_easy_setopt(e[i], CURLOPT_URL, url);
		curl_easy_setopt(e[i], CURLOPT_INTERFACE, iface);
		curl_easy_setopt(e[i], CURLOPT_CUSTOMREQUEST, method);
		if (body != NULL)
			curl_easy_setopt(e[i], CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(e[i], CURLOPT_HTTPHEADER, h[hi]);
		curl_easy_setopt(e[i], CURLOPT_WRITEFUNCTION, shot_write);
		curl_easy_setopt(e[i], CURLOPT_WRITEDATA, &s[i]);
		curl_easy_setopt(e[i], CURLOPT_TIMEOUT, 60L);
		curl_easy_setopt(e[i], CURLOPT_NOPROXY, "*");
		curl_easy_setopt(e[i], CURLOPT_FORBID_REUSE, 1L);
		curl_multi_add_handle(m, e[i]);
		free(url);
		free(iface);	/* libcurl keeps a copy */
	}
	while (running) {
		if (curl_multi_perform(m, &running) != CURLM_OK)
			break;
		if (running)
			curl_multi_poll(m, NULL, 0, 1000, NULL);
	}
	b->n = n;
	for (i = 0; i < n; i++) {
		curl_easy_getinfo(e[i], CURLINFO_RESPONSE_CODE, &s[i].status);
		b->last = s[i].status;
		ct = NULL;
		curl_easy_getinfo(e[i], CURLINFO_CONTENT_TYPE, &ct);
		s[i].ctype = ct != NULL ? strdup(ct) : NULL;
		if (s[i].status == 429) {
			b->n429++;
			b->g429[((size_t)i / x->ns) % x->np]
			    [((size_t)i / (x->ns * x->np)) % nh]++;
			if (!is_rate_limited(&s[i]) && b->n429_bad++ == 0)
				printf("\n  429 not nginx's envelope: %s",
				    s[i].body ? s[i].body : "");
		} else if (s[i].status >= 500 || s[i].status == 0) {
			if (b->n5xx++ == 0)
				printf("\n  %ld: %s", s[i].status,
				    s[i].body ? s[i].body : "");
		} else
			b->nother++;
		curl_multi_remove_handle(m, e[i]);
		curl_easy_cleanup(e[i]);
		free(s[i].body);
		free(s[i].ctype);
	}
	printf("\n  %s %s x %d from %s%s: %d x 429, %d answered by drecd, "
	    "%d failed", method, x->paths[0], n, x->srcs[0],
	    x->ns > 1 ? "..." : "", b->n429, b->nother, b->n5xx);
	curl_multi_cleanup(m);
	for (hi = 0; hi < nh; hi++)
		curl_slist_free_all(h[hi]);
	free(e);
	free(s);
}

/*
 * One request from source address src with header line hdr (may be
 * NULL); its status (0: no answer).  A 429 is nginx's envelope.
 */
static long
one(const char *src, const char *method, const char *path, const char *hdr,
    const char *body)
{
	struct burst	b;
	struct mix	x = { &src, 1, &path, 1, hdr ? &hdr : NULL, 1 };

	burst_mix(&x, method, body, 1, &b);
	CU_ASSERT(b.n429_bad == 0);
	return b.last;
}

static struct {
	char	*email;
	char	*tok;
	char	*auth;		/* "Authorization: Bearer <tok>" */
	char	*admin;
} st;

static void
t00_fixtures(void)
{
	struct itest_resp	 r;
	char			*name = itest_unique("ops"), *body;

	st.email = itest_unique_email("ops");
	body = itest_fmt("{\"firstName\":\"Op\",\"lastName\":\"Test\","
	    "\"email\":\"%s\",\"organizationType\":\"developer\","
	    "\"password\":\"" PASSWORD "\",\"confirmPassword\":\"" PASSWORD
	    "\",\"orgName\":\"%s\"}", st.email, name);
	itest_post("/api/user/register", NULL, body, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	itest_resp_free(&r);
	st.tok = itest_login(st.email, PASSWORD);
	st.admin = itest_admin_token();
	ITEST_REQUIRE(st.tok != NULL && st.admin != NULL);
	st.auth = itest_fmt("Authorization: Bearer %s", st.tok);
	free(name);
	free(body);
}

/*
 * A burst on one rate-limited route from one address, spelled in several
 * letter cases and with or without the trailing slash (drecd answers
 * each, nginx counts it anyway): some of every spelling are refused with
 * nginx's JSON 429 (one key for all: the burst is sized so that a
 * spelling counted apart would stay under the burst allowance), none
 * fails.
 */
static void
limited_route(const char *src, const char *method, const char *const *paths,
    size_t npaths, const char *body)
{
	struct burst	b;
	struct mix	x = { &src, 1, paths, npaths, NULL, 1 };
	size_t		i;

	burst_mix(&x, method, body, N_BURST, &b);
	CU_ASSERT(b.n429 > 0);
	CU_ASSERT(b.n429_bad == 0);
	CU_ASSERT(b.n5xx == 0);
	CU_ASSERT(b.nother > 0);
	for (i = 0; i < npaths; i++) {
		if (b.g429[i][0] == 0)
			printf("\n  no 429 for %s %s", method, paths[i]);
		CU_ASSERT(b.g429[i][0] > 0);
	}
}

/*
 * limited_route on a credential route, without a token (drecd answers
 * 401); the route's other method and login stay open for that address.
 */
static void
credential_route(const char *src, const char *method, const char *const *paths,
    size_t npaths, const char *body, const char *other_method,
    long other_status)
{
	limited_route(src, method, paths, npaths, body);
	/* Not the other method of the same path (drecd answers), nor login. */
	CU_ASSERT_EQUAL(one(src, other_method, paths[0], NULL, NULL),
	    other_status);
	CU_ASSERT_EQUAL(one(src, "POST", "/api/auth/login", NULL,
	    "{\"username\":\"nobody@itest.example\",\"password\":\"x\"}"), 401);
}

static void
t01_password_per_address(void)
{
	const char *const p[] = { "/api/user/password", "/api/User/PASSWORD",
	    "/api/user/password/", "/api/USER/Password/" };

	credential_route("127.0.0.2", "PUT", p, NELEM(p),
	    "{\"oldPassword\":\"wrong1\",\"newPassword\":\"Other123\"}", "GET",
	    405);
}

static void
t02_profile_per_address(void)
{
	const char *const p[] = { "/api/user/profile", "/api/user/PROFILE/",
	    "/api/User/Profile" };

	credential_route("127.0.0.3", "PUT", p, NELEM(p),
	    "{\"email\":\"taken@itest.example\",\"oldPassword\":\"wrong1\"}",
	    "GET", 405);
}

static void
t03_admin_users_per_address(void)
{
	const char *const p[] = { "/api/admin/users", "/api/Admin/USERS/",
	    "/api/admin/Users" };

	/* GET /api/admin/users without a token: drecd's 401. */
	credential_route("127.0.0.4", "POST", p, NELEM(p), "{}", "GET", 401);
}

/*
 * One token from four addresses at once, each far below the per-address
 * burst, on both PUT credential routes, with the header spelled two ways
 * drecd accepts ("Bearer X", "bearer   X"): the token's own zone refuses
 * some of every route and spelling (a key per spelling would stay under
 * the burst allowance); the token works elsewhere; the refused password
 * changes changed nothing.
 */
static void
t04_per_token(void)
{
	static const char *const src[] = { "127.0.0.11", "127.0.0.12",
	    "127.0.0.13", "127.0.0.14" };
	static const char *const p[] = { "/api/user/password",
	    "/api/User/Profile/" };
	const char	*h[2];
	const char	*wrong = "{\"oldPassword\":\"wrong1\","
	    "\"newPassword\":\"Other123\"}";
	struct burst	 b;
	struct mix	 x = { src, NELEM(src), p, NELEM(p), h, 2 };
	char		*tok, *alt;
	size_t		 i, k;

	ITEST_REQUIRE(st.auth != NULL);
	alt = itest_fmt("Authorization: bearer   %s", st.tok);
	h[0] = st.auth;
	h[1] = alt;
	burst_mix(&x, "PUT", wrong, N_BURST, &b);
	CU_ASSERT(b.n429 > 0);
	CU_ASSERT_EQUAL(b.n429_bad, 0);
	CU_ASSERT_EQUAL(b.n5xx, 0);
	for (i = 0; i < NELEM(p); i++)
		for (k = 0; k < 2; k++) {
			if (b.g429[i][k] == 0)
				printf("\n  no 429 for PUT %s with %.28s...",
				    p[i], h[k]);
			CU_ASSERT(b.g429[i][k] > 0);
		}
	free(alt);
	/* Other routes: the token works. */
	CU_ASSERT_EQUAL(one("127.0.0.15", "GET", "/api/user/me", st.auth,
	    NULL), 200);
	CU_ASSERT_EQUAL(one("127.0.0.15", "PUT", "/api/user/profile", NULL,
	    "{}"), 401);
	/* Nothing changed: the password is the old one. */
	tok = itest_login(st.email, PASSWORD);
	CU_ASSERT_PTR_NOT_NULL(tok);
	free(tok);
}

/*
 * Zone login in any letter case (clients.md §2 item 7, §8 vector 7): a
 * burst of CORS preflights to the login route from one address is all
 * 204 (answered before the limits, never counted); then a burst of POSTs
 * spelled as the web client's framework allows, from that address (drecd
 * answers 400 to "{}"), is refused in every spelling; other routes stay
 * open for it.
 */
static void
t08_login_any_case(void)
{
	static const char *const p[] = { "/api/Auth/LOGIN", "/api/auth/login",
	    "/api/AUTH/Login/", "/api/auth/GetAccess" };
	const char	*src = "127.0.0.5";
	const char	*acrm = "Access-Control-Request-Method: POST";
	struct mix	 x = { &src, 1, p, 1, &acrm, 1 };
	struct burst	 b;

	burst_mix(&x, "OPTIONS", NULL, N_BURST, &b);
	CU_ASSERT_EQUAL(b.n429, 0);
	CU_ASSERT_EQUAL(b.nother, N_BURST);
	CU_ASSERT_EQUAL(b.last, 204);
	limited_route(src, "POST", p, NELEM(p), "{}");
	CU_ASSERT_EQUAL(one(src, "POST", "/api/auth/logout", NULL, NULL), 401);
	CU_ASSERT_EQUAL(one(src, "POST", "/api/user/register", NULL, "{}"),
	    400);
}

/* Zone register, shared by its routes, in any letter case. */
static void
t09_register_any_case(void)
{
	static const char *const p[] = { "/api/User/Register",
	    "/api/user/registerWithOrganization",
	    "/api/USER/REGISTERWITHORGANIZATION/", "/api/user/register/" };
	const char *src = "127.0.0.6";

	limited_route(src, "POST", p, NELEM(p), "{}");
	CU_ASSERT_EQUAL(one(src, "POST", "/api/auth/login", NULL, "{}"), 400);
}

static void
register_all(void)
{
	CU_pSuite	s = itest_suite("operations (issue 13, items 7-8)");

	itest_add(s, "fixtures", t00_fixtures);
	itest_add(s, "rate limit: PUT /api/user/password per address",
	    t01_password_per_address);
	itest_add(s, "rate limit: PUT /api/user/profile per address",
	    t02_profile_per_address);
	itest_add(s, "rate limit: POST /api/admin/users per address",
	    t03_admin_users_per_address);
	itest_add(s, "rate limit: per access token", t04_per_token);
	itest_add(s, "rate limit: login in any case, preflights not counted",
	    t08_login_any_case);
	itest_add(s, "rate limit: register in any case", t09_register_any_case);
	ops_tools_register(s);
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}
