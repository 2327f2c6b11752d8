/*
 * itest_ops: operations defects of issue 13 (items 7 and 8) against the
 * real stack.
 *
 * Rate limits (docs/operations.md §5): PUT /api/user/password, PUT
 * /api/user/profile and POST /api/admin/users are limited by nginx per
 * client address (zone credential) and per access token (zone
 * credential_token), in any letter case, with nginx's JSON 429.  Each
 * burst comes from its own loopback source address (127.0.0.x, bound with
 * CURLOPT_INTERFACE), so the suites' 127.0.0.1 never meets a limit this
 * suite provoked, and the per-token test can tell the two zones apart.
 * The bursts are sent concurrently (curl multi), so they reach nginx well
 * inside the burst allowance's refill time whatever the stack's numbers
 * (the test stack: 50 r/s, burst 200): N_BURST requests are more than the
 * burst, and the test asserts only that some of them were refused.
 */
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "itest.h"

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))
#define PASSWORD	"Passw0rd1"
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
 * A burst on one credential route from one address, spelled in several
 * letter cases and with or without the trailing slash, without a token
 * (drecd answers 401; nginx counts it anyway): some of every spelling
 * are refused with nginx's JSON 429 (one key for all: the burst is sized
 * so that a spelling counted apart would stay under the burst allowance),
 * none fails; the route's other method and login stay open for that
 * address.
 */
static void
credential_route(const char *src, const char *method, const char *const *paths,
    size_t npaths, const char *body, const char *other_method,
    long other_status)
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

	credential_route("127.0.0.2", "PUT", p, nitems(p),
	    "{\"oldPassword\":\"wrong1\",\"newPassword\":\"Other123\"}", "GET",
	    405);
}

static void
t02_profile_per_address(void)
{
	const char *const p[] = { "/api/user/profile", "/api/user/PROFILE/",
	    "/api/User/Profile" };

	credential_route("127.0.0.3", "PUT", p, nitems(p),
	    "{\"email\":\"taken@itest.example\",\"oldPassword\":\"wrong1\"}",
	    "GET", 405);
}

static void
t03_admin_users_per_address(void)
{
	const char *const p[] = { "/api/admin/users", "/api/Admin/USERS/",
	    "/api/admin/Users" };

	/* GET /api/admin/users without a token: drecd's 401. */
	credential_route("127.0.0.4", "POST", p, nitems(p), "{}", "GET", 401);
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
	struct mix	 x = { src, nitems(src), p, nitems(p), h, 2 };
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
	for (i = 0; i < nitems(p); i++)
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

/* 1 when text contains s (NULL text: no). */
static int
has(const char *text, const char *s)
{
	return text != NULL && strstr(text, s) != NULL;
}

/*
 * A second create-admin without --org-name (users.md §5: default name
 * Admin, each Admin in an organization of its own): exit 1 with
 * ORGANIZATION_NAME_TAKEN and a message that says what to pass; nothing
 * is created; with --org-name it works; a repeat is idempotent.
 */
static void
t05_create_admin_twice(void)
{
	char	*a1 = itest_unique_email("adm1"), *a2 = itest_unique_email("adm2");
	char	*org = itest_unique("Admins"), *out, *tok;
	int	 rc;

	rc = itest_drecctl(&out, (const char *[]){ "create-admin", "--email",
	    a1, "--password", PASSWORD, NULL });
	CU_ASSERT_EQUAL(rc, 0);
	free(out);
	rc = itest_drecctl(&out, (const char *[]){ "create-admin", "--email",
	    a2, "--password", PASSWORD, NULL });
	CU_ASSERT_EQUAL(rc, 1);
	CU_ASSERT(has(out, "ORGANIZATION_NAME_TAKEN"));
	CU_ASSERT(has(out, "--org-name"));
	CU_ASSERT(has(out, "\"Admin\""));
	free(out);
	tok = itest_login(a2, PASSWORD);
	CU_ASSERT_PTR_NULL(tok);
	free(tok);
	rc = itest_drecctl(&out, (const char *[]){ "create-admin", "--email",
	    a2, "--password", PASSWORD, "--org-name", org, NULL });
	CU_ASSERT_EQUAL(rc, 0);
	free(out);
	tok = itest_login(a2, PASSWORD);
	CU_ASSERT_PTR_NOT_NULL(tok);
	free(tok);
	/* Repeats: unchanged, exit 0, with or without --org-name. */
	rc = itest_drecctl(&out, (const char *[]){ "create-admin", "--email",
	    a2, "--password", PASSWORD, NULL });
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT(has(out, "unchanged"));
	free(out);
	/* A taken name given explicitly: the message says so too. */
	rc = itest_drecctl(&out, (const char *[]){ "create-admin", "--email",
	    a1 + 1, "--password", PASSWORD, "--org-name", org, NULL });
	CU_ASSERT_EQUAL(rc, 1);
	CU_ASSERT(has(out, "ORGANIZATION_NAME_TAKEN"));
	CU_ASSERT(has(out, org));
	free(out);
	free(a1);
	free(a2);
	free(org);
}

/* The value of key in the stack's drec.conf, malloc'd, or NULL. */
static char *
conf_value(const char *key)
{
	char	*path, line[1024], *v = NULL;
	size_t	 n = strlen(key);
	FILE	*f;

	path = itest_fmt("%s/drec.conf", itest_env("DREC_VAR_DIR", "."));
	if ((f = fopen(path, "r")) != NULL) {
		while (v == NULL && fgets(line, sizeof(line), f) != NULL)
			if (strncmp(line, key, n) == 0 &&
			    strncmp(line + n, " = ", 3) == 0) {
				line[strcspn(line, "\n")] = '\0';
				v = strdup(line + n + 3);
			}
		fclose(f);
	}
	free(path);
	return v;
}

/* Runs cmd with sh (output and errors in *out); its exit status. */
static int
run(const char *cmd, char **out)
{
	char	 buf[512];
	size_t	 len = 0, k;
	FILE	*f;
	int	 status;

	*out = calloc(1, 1);
	if ((f = popen(cmd, "r")) == NULL)
		return -1;
	while ((k = fread(buf, 1, sizeof(buf), f)) > 0) {
		*out = realloc(*out, len + k + 1);
		memcpy(*out + len, buf, k);
		len += k;
		(*out)[len] = '\0';
	}
	status = pclose(f);
	printf("\n  $ %.60s... -> %d\n  %s", cmd, WEXITSTATUS(status),
	    *out);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/*
 * One statement through the client command cli; its output.  It must
 * fail (exit status not 0) when refused is 1, succeed otherwise.
 */
static char *
sql_as(const char *cli, const char *stmt, int refused)
{
	char	*cmd = itest_fmt("%s -e '%s' 2>&1", cli, stmt), *out;
	int	 rc = run(cmd, &out);

	CU_ASSERT(refused ? rc != 0 : rc == 0);
	free(cmd);
	return out;
}

/*
 * The database user of drecd and drecctl holds DML only (issue 13,
 * docs/operations.md §3): it reads and writes the tables, it cannot
 * change the schema; drecctl migrate runs as migrate_db_user, and as
 * db_user (which then fails) when that is unset.
 */
static void
t06_db_grants(void)
{
	char	*user = conf_value("db_user"), *pw = conf_value("db_password");
	char	*sock = conf_value("db_socket"), *db = conf_value("db_name");
	char	*mig = conf_value("migrate_db_user"), *cli, *out;
	int	 rc;

	ITEST_REQUIRE(user != NULL && pw != NULL && sock != NULL && db != NULL);
	CU_ASSERT(mig != NULL && mig[0] != '\0' && strcmp(mig, user) != 0);
	cli = itest_fmt("MYSQL_PWD='%s' mariadb --no-defaults --socket='%s' "
	    "-u'%s' -N -B '%s'", pw, sock, user, db);
	out = sql_as(cli, "SHOW GRANTS", 0);
	CU_ASSERT(has(out, "GRANT SELECT, INSERT, UPDATE, DELETE ON"));
	CU_ASSERT(!has(out, "ALL PRIVILEGES"));
	CU_ASSERT(!has(out, "CREATE") && !has(out, "ALTER") &&
	    !has(out, "DROP") && !has(out, "GRANT OPTION"));
	free(out);
	out = sql_as(cli, "CREATE TABLE ops_probe (i INT PRIMARY KEY)", 1);
	CU_ASSERT(has(out, "denied"));
	free(out);
	out = sql_as(cli, "ALTER TABLE user ADD COLUMN ops_probe INT", 1);
	CU_ASSERT(has(out, "denied"));
	free(out);
	out = sql_as(cli, "SELECT COUNT(*) > 0 FROM schema_migration", 0);
	CU_ASSERT(has(out, "1"));
	free(out);
	/* drecctl migrate: as the migration user it works... */
	rc = itest_drecctl(&out, (const char *[]){ "migrate", NULL });
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT(has(out, "up to date"));
	free(out);
	/* ...as drecd's user (migrate_db_user empty) it may not. */
	setenv("DREC_MIGRATE_DB_USER", "", 1);
	rc = itest_drecctl(&out, (const char *[]){ "migrate", NULL });
	unsetenv("DREC_MIGRATE_DB_USER");
	CU_ASSERT_EQUAL(rc, 1);
	CU_ASSERT(has(out, "denied"));
	CU_ASSERT(has(out, user));
	free(out);
	setenv("DREC_MIGRATE_DB_PASSWORD_FILE", "/nonexistent/ops-pw", 1);
	rc = itest_drecctl(&out, (const char *[]){ "migrate", NULL });
	unsetenv("DREC_MIGRATE_DB_PASSWORD_FILE");
	CU_ASSERT_EQUAL(rc, 1);
	CU_ASSERT(has(out, "/nonexistent/ops-pw"));
	free(out);
	free(cli);
	free(user);
	free(pw);
	free(sock);
	free(db);
	free(mig);
}

/*
 * drecctl's integer options are whole numbers (issue 14): "--org-id
 * 12abc" is a usage error (exit 2) naming the option, not organization
 * 12; nothing is created.
 */
static void
t07_drecctl_integers(void)
{
	char	*email = itest_unique_email("cli"), *out, *tok;
	int	 rc;

	rc = itest_drecctl(&out, (const char *[]){ "create-user", "--org-id",
	    "1abc", "--role", "User", "--email", email, "--password", PASSWORD,
	    NULL });
	CU_ASSERT_EQUAL(rc, 2);
	CU_ASSERT(has(out, "--org-id") && has(out, "\"1abc\""));
	free(out);
	tok = itest_login(email, PASSWORD);
	CU_ASSERT_PTR_NULL(tok);
	free(tok);
	rc = itest_drecctl(&out, (const char *[]){ "wait-db", "--timeout",
	    "5s", NULL });
	CU_ASSERT_EQUAL(rc, 2);
	CU_ASSERT(has(out, "--timeout"));
	free(out);
	rc = itest_drecctl(&out, (const char *[]){ "issue", "--every", "0x1",
	    NULL });
	CU_ASSERT_EQUAL(rc, 2);
	CU_ASSERT(has(out, "--every"));
	free(out);
	rc = itest_drecctl(&out, (const char *[]){ "no-such-command", NULL });
	CU_ASSERT_EQUAL(rc, 2);
	CU_ASSERT(has(out, "unknown command") && has(out, "create-admin"));
	free(out);
	/* The same options, well-formed: they work. */
	rc = itest_drecctl(&out, (const char *[]){ "wait-db", "--timeout",
	    "5", NULL });
	CU_ASSERT_EQUAL(rc, 0);
	free(out);
	free(email);
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
	itest_add(s, "drecctl create-admin twice without --org-name",
	    t05_create_admin_twice);
	itest_add(s, "database grants: drecd's user has DML only",
	    t06_db_grants);
	itest_add(s, "drecctl: strict integer options, unknown command",
	    t07_drecctl_integers);
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}
