/*
 * Users, organizations, authentication: the test vectors of the spec's
 * users.md §7, in order, on a fresh database holding only Admin A.  The
 * rows share state (the ids and tokens earlier rows produced).  Rows
 * with one request and an error answer are table entries run by
 * row_test(); the others are functions.  Checks beyond §7 are in
 * test_users_admin.c; both run in this one program.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/nelem.h"
#include "itest.h"

#define SEED_EMAIL	"uattesting_ricky@gmail.com"
#define REG		"/api/user/register"
#define REG_ORG		"/api/user/registerWithOrganization"
#define LOGIN		"/api/auth/login"
#define ME		"/api/user/me"
#define ADMIN_USERS	"/api/admin/users"
#define NO_TOKEN_MSG	"Missing, invalid or expired access token"
#define XS67		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" \
			"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"

void	users_extra_register(CU_pSuite);

/* The seed's 'Register Developer' body, and #41's body. */
static const char seed_json[] = "{\"firstName\":\"UAT\",\"lastName\":"
    "\"Testing\",\"email\":\"" SEED_EMAIL "\",\"organizationType\":"
    "\"developer\",\"password\":\"DEF123\",\"confirmPassword\":\"DEF123\","
    "\"orgName\":\"RooftopSolar\",\"orgAddress\":\"Hyderabad\","
    "\"secretKey\":\"SET007\"}";
static const char user_json[] = "{\"firstName\":\"Ann\",\"lastName\":\"Own\","
    "\"email\":\"own@x.io\",\"password\":\"DEF123\",\"confirmPassword\":"
    "\"DEF123\",\"role\":\"deviceowner\",\"organizationId\":{devorg}}";

static struct {
	char		*admin_tok;
	long long	 admin_id, admin_org;
	long long	 dev_id, dev_org, buyer_id, buyer_org;
	const char	*dev_pw;	/* DEF123, NEW456 after #23 */
	char		*dev_tok;	/* a live token of the #1 user */
	char		*buyer_tok;
	char		*v15_body;
	int		 missing;	/* expand() met an unknown id */
} st = { .dev_pw = "DEF123" };

/* Replaces {dev} {admin} {devorg} {buyerorg} {adminorg} by the ids. */
static char *
expand(const char *t)
{
	static const char	*names[] = { "{dev}", "{admin}", "{devorg}",
	    "{buyerorg}", "{adminorg}" };
	long long		 v[] = { st.dev_id, st.admin_id, st.dev_org,
	    st.buyer_org, st.admin_org };
	char			*s = NULL;
	size_t			 len, i;
	FILE			*m = open_memstream(&s, &len);

	while (*t != '\0') {
		for (i = 0; i < NELEM(names); i++)
			if (!strncmp(t, names[i], strlen(names[i])))
				break;
		if (i == NELEM(names)) {
			fputc(*t++, m);
			continue;
		}
		st.missing |= v[i] <= 0;
		fprintf(m, "%lld", v[i]);
		t += strlen(names[i]);
	}
	fclose(m);
	return s;
}

/*
 * A request body: "seed:<patch>" is the seed body, "user:<patch>" #41's
 * body, changed by the top-level keys of the JSON patch (null removes a
 * key, as in RFC 7386); anything else is sent as it is.  Ids expanded.
 */
static char *
body_of(const char *spec)
{
	struct json_object	*o, *p;
	char			*base, *patch, *s;

	if (strncmp(spec, "seed:", 5) != 0 && strncmp(spec, "user:", 5) != 0)
		return expand(spec);
	base = expand(spec[0] == 's' ? seed_json : user_json);
	patch = expand(spec + 5);
	o = json_tokener_parse(base);
	p = json_tokener_parse(patch);
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
	free(base);
	free(patch);
	return s;
}

/* POSTs body (freed) to path into r. */
static void
post(const char *path, const char *tok, char *body, struct itest_resp *r)
{
	itest_post(path, tok, body, r);
	free(body);
}

/* The user view of users.md §2. */
static void
check_user_view(const struct itest_resp *r)
{
	ITEST_ASSERT_R(r, itest_jint(r, "id") > 0);
	ITEST_ASSERT_R(r, itest_jint(r, "organization.id") > 0);
	ITEST_ASSERT_R(r, itest_jstr(r, "firstName") != NULL &&
	    itest_jstr(r, "lastName") != NULL);
	ITEST_ASSERT_R(r, itest_jstr(r, "email") != NULL &&
	    itest_jstr(r, "role") != NULL && itest_jstr(r, "status") != NULL);
	ITEST_ASSERT_R(r, itest_jstr(r, "organization.name") != NULL &&
	    itest_jstr(r, "organization.organizationType") != NULL);
	ITEST_ASSERT_R(r, itest_jhas(r, "organization.address"));
	ITEST_ASSERT_R(r, itest_jstr(r, "organization.orgEmail") != NULL);
	ITEST_ASSERT_R(r, itest_is_instant(itest_jstr(r, "createdAt")) &&
	    itest_is_instant(itest_jstr(r, "updatedAt")));
	ITEST_ASSERT_R(r, itest_is_instant(itest_jstr(r,
	    "organization.createdAt")));
	ITEST_ASSERT_R(r, strstr(r->body, "\"password") == NULL);
	ITEST_ASSERT_R(r, strstr(r->body, "$2b$") == NULL &&
	    strstr(r->body, "$2a$") == NULL && strstr(r->body, "$2y$") == NULL);
	ITEST_ASSERT_R(r, !itest_jhas(r, "roleId"));
}

/* A login answer: 401 INVALID_CREDENTIALS. */
static void
login_fails(const char *email, const char *password, struct itest_resp *r)
{
	char	*e = itest_json_str(email), *p = itest_json_str(password);

	post(LOGIN, NULL, itest_fmt("{\"username\":%s,\"password\":%s}", e, p),
	    r);
	ITEST_ASSERT_ERROR(r, 401, "INVALID_CREDENTIALS");
	ITEST_ASSERT_JSTR(r, "message", "Invalid username or password");
	free(e);
	free(p);
}

/* GET path with tok: 401 UNAUTHORIZED. */
static void
get_unauthorized(const char *path, const char *tok)
{
	struct itest_resp	 r;

	itest_get(path, tok, &r);
	ITEST_ASSERT_ERROR(&r, 401, "UNAUTHORIZED");
	itest_resp_free(&r);
}

/* PUT /api/admin/users/<id> {"status":"<status>"} as Admin A. */
static void
put_status(long long id, const char *status, struct itest_resp *r)
{
	char	*path = itest_fmt(ADMIN_USERS "/%lld", id);
	char	*body = itest_fmt("{\"status\":\"%s\"}", status);

	itest_put(path, st.admin_tok, body, r);
	free(path);
	free(body);
}

static void
v00_admin_a(void)
{
	struct itest_resp	 r;

	st.admin_tok = itest_admin_token();
	ITEST_REQUIRE(st.admin_tok != NULL);
	itest_get(ME, st.admin_tok, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	check_user_view(&r);
	ITEST_ASSERT_JSTR(&r, "role", "Admin");
	ITEST_ASSERT_JSTR(&r, "organization.name", "SuperOrg");
	ITEST_ASSERT_JSTR(&r, "organization.organizationType", "Admin");
	st.admin_id = itest_jint(&r, "id");
	st.admin_org = itest_jint(&r, "organization.id");
	itest_resp_free(&r);
}

static void
v01_register_developer(void)
{
	struct itest_resp	 r;

	post(REG_ORG, NULL, body_of("seed:{}"), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	check_user_view(&r);
	ITEST_ASSERT_JSTR(&r, "role", "OrganizationAdmin");
	ITEST_ASSERT_JSTR(&r, "organization.organizationType", "Developer");
	ITEST_ASSERT_JSTR(&r, "organization.name", "RooftopSolar");
	ITEST_ASSERT_R(&r, !itest_jhas(&r, "password"));
	ITEST_ASSERT_JSTR(&r, "firstName", "UAT");
	ITEST_ASSERT_JSTR(&r, "lastName", "Testing");
	ITEST_ASSERT_JSTR(&r, "email", SEED_EMAIL);
	ITEST_ASSERT_JSTR(&r, "status", "Active");
	ITEST_ASSERT_JSTR(&r, "organization.address", "Hyderabad");
	ITEST_ASSERT_JSTR(&r, "organization.orgEmail", SEED_EMAIL);
	ITEST_ASSERT_JSTR(&r, "organization.status", "Active");
	ITEST_ASSERT_R(&r, strstr(r.body, "SET007") == NULL);
	st.dev_id = itest_jint(&r, "id");
	st.dev_org = itest_jint(&r, "organization.id");
	ITEST_ASSERT_R(&r, st.dev_org != st.admin_org);
	itest_resp_free(&r);
}

static void
v05_register_buyer(void)
{
	struct itest_resp	 r;

	post(REG, NULL, body_of("seed:{\"email\":\"buyer@x.io\","
	    "\"organizationType\":\"BUYER\",\"orgName\":\"B1\"}"), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	check_user_view(&r);
	ITEST_ASSERT_JSTR(&r, "role", "Buyer");
	ITEST_ASSERT_JSTR(&r, "organization.organizationType", "Buyer");
	ITEST_ASSERT_JSTR(&r, "organization.name", "B1");
	ITEST_ASSERT_JSTR(&r, "email", "buyer@x.io");
	st.buyer_id = itest_jint(&r, "id");
	st.buyer_org = itest_jint(&r, "organization.id");
	ITEST_ASSERT_R(&r, st.buyer_org != st.dev_org);
	itest_resp_free(&r);
}

static void
v13_ignored_fields(void)
{
	struct itest_resp	 r;
	char			*e, *o, *je, *jo, *p;

	e = itest_unique_email("v13");
	o = itest_unique("V13Org");	/* no "roof": see #32 */
	je = itest_json_str(e);
	jo = itest_json_str(o);
	p = itest_fmt("seed:{\"email\":%s,\"orgName\":%s,\"orgAddress\":null,"
	    "\"secretKey\":\"12345\",\"orgid\":1}", je, jo);
	post(REG, NULL, body_of(p), &r);
	free(p);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	check_user_view(&r);
	ITEST_ASSERT_R(&r, itest_jisnull(&r, "organization.address"));
	ITEST_ASSERT_R(&r, itest_jint(&r, "organization.id") != 1 &&
	    itest_jint(&r, "organization.id") != st.admin_org);
	ITEST_ASSERT_JSTR(&r, "organization.name", o);
	ITEST_ASSERT_JSTR(&r, "role", "OrganizationAdmin");
	itest_resp_free(&r);
	free(e);
	free(o);
	free(je);
	free(jo);
}

static void
v14_login(void)
{
	struct itest_resp	 r;
	struct json_object	*p, *h;
	const char		*tok, *jti;

	itest_post(LOGIN, NULL, "{\"username\":\"UATtesting_ricky@gmail.com\","
	    "\"password\":\"DEF123\"}", &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "") == 1);
	tok = itest_jstr(&r, "accessToken");
	ITEST_ASSERT_R_FATAL(&r, tok != NULL);
	p = itest_jwt_payload(tok);
	h = itest_jwt_header(tok);
	ITEST_ASSERT_R(&r, itest_ostr(h, "alg") != NULL &&
	    strcmp(itest_ostr(h, "alg"), "HS256") == 0);
	ITEST_ASSERT_R(&r, itest_ostr(p, "email") != NULL &&
	    strcmp(itest_ostr(p, "email"), SEED_EMAIL) == 0);
	ITEST_ASSERT_R(&r, itest_oint(p, "id") == st.dev_id);
	ITEST_ASSERT_R(&r, itest_ostr(p, "role") != NULL);
	ITEST_ASSERT_R(&r, itest_otype(p, "iat") == json_type_int);
	ITEST_ASSERT_R(&r, itest_otype(p, "exp") == json_type_int &&
	    itest_oint(p, "exp") > itest_oint(p, "iat"));
	jti = itest_ostr(p, "jti");
	ITEST_ASSERT_R(&r, jti != NULL && strlen(jti) == 32 &&
	    strspn(jti, "0123456789abcdefABCDEF") == 32);
	json_object_put(p);
	json_object_put(h);
	itest_resp_free(&r);
}

static void
v15_wrong_password(void)
{
	struct itest_resp	 r;

	login_fails(SEED_EMAIL, "DEF12", &r);
	st.v15_body = strdup(r.body);
	itest_resp_free(&r);
}

static void
v16_seed_login(void)
{
	struct itest_resp	 r;

	itest_post(LOGIN, NULL, "{\n    \"username\": \"ricky@powertrust.com\","
	    "\n    \"password\": \"!\"\n}", &r);
	ITEST_ASSERT_ERROR(&r, 401, "INVALID_CREDENTIALS");
	ITEST_ASSERT_R(&r, st.v15_body != NULL &&
	    strcmp(r.body, st.v15_body) == 0);
	itest_resp_free(&r);
}

static void
v18_me(void)
{
	struct itest_resp	 r;
	char			*t = itest_login(SEED_EMAIL, "DEF123");

	ITEST_REQUIRE(t != NULL);
	itest_get(ME, t, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	check_user_view(&r);
	ITEST_ASSERT_JSTR(&r, "email", SEED_EMAIL);
	ITEST_ASSERT_JINT(&r, "id", st.dev_id);
	ITEST_ASSERT_JINT(&r, "organization.id", st.dev_org);
	ITEST_ASSERT_R(&r, !itest_jhas(&r, "password"));
	itest_resp_free(&r);
	free(t);
}

static void
v21_alg_none(void)
{
	struct itest_resp	 r;
	char			*t, *forged, *dot;
	unsigned char		*payload;
	size_t			 n;

	t = itest_login(SEED_EMAIL, "DEF123");
	ITEST_REQUIRE(t != NULL && (dot = strchr(t, '.')) != NULL);
	itest_get(ME, t, &r);		/* the payload itself is good */
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	payload = itest_b64url_decode(dot + 1, strcspn(dot + 1, "."), &n);
	ITEST_REQUIRE(payload != NULL);
	forged = itest_jwt_forge_none((char *)payload);
	get_unauthorized(ME, forged);
	free(forged);
	free(payload);
	free(t);
}

static void
v22_logout(void)
{
	struct itest_resp	 r;
	char			*t = itest_login(SEED_EMAIL, "DEF123");

	ITEST_REQUIRE(t != NULL);
	itest_request("POST", "/api/auth/logout", t, NULL, NULL, NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_R(&r, itest_jbool(&r, "success") == 1);
	ITEST_ASSERT_JSTR(&r, "message", "Logout successful");
	itest_resp_free(&r);
	get_unauthorized(ME, t);
	free(t);
}

static void
v23_password_change(void)
{
	struct itest_resp	 r;
	char			*t1, *t2;

	t1 = itest_login(SEED_EMAIL, "DEF123");
	t2 = itest_login(SEED_EMAIL, "DEF123");
	ITEST_REQUIRE(t1 != NULL && t2 != NULL);
	itest_put("/api/user/password", t1, "{\"oldPassword\":\"DEF123\","
	    "\"newPassword\":\"NEW456\"}", &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	check_user_view(&r);
	ITEST_ASSERT_R(&r, strstr(r.body, "NEW456") == NULL);
	st.dev_pw = "NEW456";
	st.dev_tok = t1;
	itest_resp_free(&r);
	itest_get(ME, t1, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	get_unauthorized(ME, t2);
	free(t2);
}

static void
v26_profile_first_name(void)
{
	struct itest_resp	 r;

	ITEST_REQUIRE(st.dev_tok != NULL);
	itest_put("/api/user/profile", st.dev_tok, "{\"firstName\":\"  Ann \"}",
	    &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "firstName", "Ann");
	ITEST_ASSERT_JSTR(&r, "lastName", "Testing");
	ITEST_ASSERT_JSTR(&r, "email", SEED_EMAIL);
	itest_resp_free(&r);
}

static void
v29_buyer_organization(void)
{
	struct itest_resp	 r;

	st.buyer_tok = itest_login("buyer@x.io", "DEF123");
	ITEST_REQUIRE(st.buyer_tok != NULL);
	itest_get("/api/organization/me", st.buyer_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "name", "B1");
	ITEST_ASSERT_JSTR(&r, "organizationType", "Buyer");
	ITEST_ASSERT_JINT(&r, "id", st.buyer_org);
	ITEST_ASSERT_JSTR(&r, "orgEmail", "buyer@x.io");
	/* users.md §4.7: no users, and the invitations (accounts.md §6.2). */
	ITEST_ASSERT_R(&r, !itest_jhas(&r, "users") &&
	    itest_jtype(&r, "invitations") == json_type_array &&
	    itest_jlen(&r, "invitations") == 0);
	itest_resp_free(&r);
}

static void
v30_buyer_org_users(void)
{
	struct itest_resp	 r;

	ITEST_REQUIRE(st.buyer_tok != NULL);
	itest_get("/api/organization/users", st.buyer_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "totalCount", 1);
	ITEST_ASSERT_JSTR(&r, "users.0.email", "buyer@x.io");
	ITEST_ASSERT_JINT(&r, "currentPage", 1);
	ITEST_ASSERT_JINT(&r, "totalPages", 1);
	ITEST_ASSERT_R(&r, itest_jlen(&r, "users") == 1);
	itest_resp_free(&r);
}

static void
v32_admin_users_filter(void)
{
	struct itest_resp	 r;
	struct json_object	*u;

	ITEST_REQUIRE(st.admin_tok != NULL);
	itest_get(ADMIN_USERS "?organizationName=ROOF&status=active",
	    st.admin_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JINT(&r, "totalPages", 1);
	u = itest_jget(&r, "users");
	ITEST_ASSERT_R(&r, itest_count_str(u, "organization.name",
	    "RooftopSolar") == itest_jlen(&r, "users"));
	ITEST_ASSERT_R(&r, itest_find_int(u, "id", st.dev_id) >= 0);
	ITEST_ASSERT_JINT(&r, "totalCount", (long long)itest_jlen(&r, "users"));
	itest_resp_free(&r);
}

static void
v34_admin_orgs_buyer(void)
{
	struct itest_resp	 r;
	struct json_object	*o;

	ITEST_REQUIRE(st.admin_tok != NULL);
	itest_get("/api/admin/organizations?organizationType=buyer",
	    st.admin_tok, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	o = itest_jget(&r, "organizations");
	ITEST_ASSERT_R(&r, itest_count_str(o, "organizationType", "Buyer") ==
	    itest_jlen(&r, "organizations"));
	ITEST_ASSERT_R(&r, itest_find_int(o, "id", st.buyer_org) >= 0);
	ITEST_ASSERT_JINT(&r, "currentPage", 1);
	itest_resp_free(&r);
}

static void
v35_suspend(void)
{
	struct itest_resp	 r;

	ITEST_REQUIRE(st.admin_tok != NULL && st.dev_tok != NULL);
	put_status(st.dev_id, "suspended", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	check_user_view(&r);
	ITEST_ASSERT_JINT(&r, "id", st.dev_id);
	ITEST_ASSERT_JSTR(&r, "status", "Suspended");
	itest_resp_free(&r);
	get_unauthorized(ME, st.dev_tok);
	login_fails(SEED_EMAIL, st.dev_pw, &r);
	itest_resp_free(&r);
}

static void
v36_reactivate(void)
{
	struct itest_resp	 r;
	char			*t;

	ITEST_REQUIRE(st.admin_tok != NULL && st.dev_tok != NULL);
	put_status(st.dev_id, "Active", &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "status", "Active");
	itest_resp_free(&r);
	t = itest_login(SEED_EMAIL, st.dev_pw);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	get_unauthorized(ME, st.dev_tok);
	itest_get(ME, t, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	free(st.dev_tok);
	st.dev_tok = t;
}

static void
v41_admin_creates_owner(void)
{
	struct itest_resp	 r;

	ITEST_REQUIRE(st.admin_tok != NULL && st.dev_org > 0);
	post(ADMIN_USERS, st.admin_tok, body_of("user:{}"), &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	check_user_view(&r);
	ITEST_ASSERT_JSTR(&r, "role", "DeviceOwner");
	ITEST_ASSERT_JINT(&r, "organization.id", st.dev_org);
	ITEST_ASSERT_JSTR(&r, "email", "own@x.io");
	ITEST_ASSERT_JSTR(&r, "status", "Active");
	itest_resp_free(&r);
}

static void
v42_sub_buyer_then_misfit(void)
{
	struct itest_resp	 r;

	ITEST_REQUIRE(st.admin_tok != NULL && st.buyer_org > 0);
	post(ADMIN_USERS, st.admin_tok, body_of("user:{\"email\":\"sub@x.io\","
	    "\"role\":\"SubBuyer\",\"organizationId\":{buyerorg}}"), &r);
	ITEST_ASSERT_STATUS(&r, 201);
	ITEST_ASSERT_JSTR(&r, "role", "SubBuyer");
	ITEST_ASSERT_JINT(&r, "organization.id", st.buyer_org);
	itest_resp_free(&r);
	post(ADMIN_USERS, st.admin_tok, body_of("user:{\"email\":\"b2@x.io\","
	    "\"role\":\"Buyer\",\"organizationId\":{devorg}}"), &r);
	ITEST_ASSERT_ERROR(&r, 400, "ROLE_NOT_ALLOWED_FOR_ORGANIZATION");
	itest_resp_free(&r);
}

static void
v48_owner_login(void)
{
	struct itest_resp	 r;
	char			*t = itest_login("own@x.io", "DEF123");

	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	itest_get(ME, t, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	ITEST_ASSERT_JSTR(&r, "role", "DeviceOwner");
	ITEST_ASSERT_JSTR(&r, "email", "own@x.io");
	ITEST_ASSERT_JINT(&r, "organization.id", st.dev_org);
	itest_resp_free(&r);
	free(t);
}

enum who { NOBODY, ADMIN, DEV, BUYER };

struct row {
	const char	*name;
	CU_TestFunc	 fn;		/* NULL: run by row_test */
	const char	*m, *path;	/* method (default POST), path */
	enum who	 who;		/* whose token */
	const char	*tok;		/* or this literal token */
	const char	*body, *ctype;	/* see body_of() */
	long		 st;
	const char	*code;
	const char	*f[4];		/* details.fields */
	int		 fonly;		/* message need not be an array */
	const char	*has, *hasnot;	/* message has; body has not */
	const char	*allow;		/* Allow header */
};

#define FN(n, f)	{ .name = (n), .fn = (f) }

static const struct row rows[] = {
	FN("v00 Admin A: role Admin, organization SuperOrg", v00_admin_a),
	FN("v01 register the seed developer: 201", v01_register_developer),
	{ .name = "v02 the same again: 409 EMAIL_TAKEN", .path = REG_ORG,
	  .body = "seed:{}", .st = 409, .code = "EMAIL_TAKEN",
	  .has = SEED_EMAIL },
	{ .name = "v03 e-mail in upper case: 409 EMAIL_TAKEN", .path = REG,
	  .body = "seed:{\"email\":\"UATTESTING_RICKY@GMAIL.COM\","
	  "\"orgName\":\"Other\"}", .st = 409, .code = "EMAIL_TAKEN" },
	{ .name = "v04 org name trimmed, any case: 409", .path = REG,
	  .body = "seed:{\"email\":\"b@x.io\",\"orgName\":\" rooftopsolar \"}",
	  .st = 409, .code = "ORGANIZATION_NAME_TAKEN" },
	FN("v05 register a buyer (type BUYER): 201", v05_register_buyer),
	/* An ApiUser registers (integrators.md §2.1): the e-mail is checked. */
	{ .name = "v06 type ApiUser, bad e-mail: INVALID_FIELD email",
	  .path = REG, .body = "seed:{\"organizationType\":\"ApiUser\","
	  "\"email\":\"bad\"}", .st = 400, .code = "INVALID_FIELD",
	  .f = { "email" } },
	{ .name = "v07 organizationType absent: INVALID_FIELD", .path = REG,
	  .body = "seed:{\"organizationType\":null}", .st = 400,
	  .code = "INVALID_FIELD", .f = { "organizationType" } },
	{ .name = "v08 organizationType Seller: INVALID_FIELD", .path = REG,
	  .body = "seed:{\"organizationType\":\"Seller\"}", .st = 400,
	  .code = "INVALID_FIELD", .f = { "organizationType" },
	  .has = "Seller" },
	{ .name = "v09 password without a digit: INVALID_FIELD", .path = REG,
	  .body = "seed:{\"password\":\"abcdef\",\"confirmPassword\":"
	  "\"abcdef\"}", .st = 400, .code = "INVALID_FIELD",
	  .f = { "password" }, .hasnot = "abcdef" },
	{ .name = "v10 password of 73 bytes: INVALID_FIELD", .path = REG,
	  .body = "seed:{\"password\":\"Abc123" XS67 "\",\"confirmPassword\":"
	  "\"Abc123" XS67 "\"}", .st = 400, .code = "INVALID_FIELD",
	  .f = { "password" } },
	{ .name = "v11 confirmPassword differs: INVALID_FIELD", .path = REG,
	  .body = "seed:{\"confirmPassword\":\"DEF124\"}", .st = 400,
	  .code = "INVALID_FIELD", .f = { "confirmPassword" },
	  .hasnot = "DEF124" },
	{ .name = "v12 e-mail a@b and blank orgName: two fields", .path = REG,
	  .body = "seed:{\"email\":\"a@b\",\"orgName\":\"   \"}", .st = 400,
	  .code = "INVALID_FIELD", .f = { "email", "orgName" } },
	FN("v13 ignored fields, no address: 201", v13_ignored_fields),
	FN("v14 login: only accessToken; JWT claims", v14_login),
	FN("v15 login, wrong password: 401", v15_wrong_password),
	FN("v16 seed 'Login' body: 401, the same body", v16_seed_login),
	{ .name = "v17 login without password: INVALID_FIELD", .path = LOGIN,
	  .body = "{\"username\":\"x@y.io\"}", .st = 400,
	  .code = "INVALID_FIELD", .f = { "password" } },
	FN("v18 GET /api/user/me", v18_me),
	{ .name = "v19 /me without Authorization: 401", .m = "GET",
	  .path = ME, .st = 401, .code = "UNAUTHORIZED", .has = NO_TOKEN_MSG },
	{ .name = "v20 /me with Bearer undefined: 401", .m = "GET",
	  .path = ME, .tok = "undefined", .st = 401, .code = "UNAUTHORIZED",
	  .has = NO_TOKEN_MSG },
	FN("v21 token with alg none: 401", v21_alg_none),
	FN("v22 logout, then the token: 401", v22_logout),
	FN("v23 password change revokes other sessions", v23_password_change),
	{ .name = "v24 wrong current password", .m = "PUT",
	  .path = "/api/user/password", .who = DEV, .body = "{\"oldPassword\":"
	  "\"wrong1\",\"newPassword\":\"NEW456\"}", .st = 400,
	  .code = "INCORRECT_CURRENT_PASSWORD", .hasnot = "wrong1" },
	{ .name = "v25 new password too short: INVALID_FIELD", .m = "PUT",
	  .path = "/api/user/password", .who = DEV, .body = "{\"oldPassword\":"
	  "\"DEF123\",\"newPassword\":\"short\"}", .st = 400,
	  .code = "INVALID_FIELD", .f = { "newPassword" } },
	FN("v26 profile: firstName trimmed", v26_profile_first_name),
	{ .name = "v27 profile: another user's e-mail: 409", .m = "PUT",
	  .path = "/api/user/profile", .who = DEV,
	  .body = "{\"email\":\"buyer@x.io\",\"oldPassword\":\"NEW456\"}",
	  .st = 409,
	  .code = "EMAIL_TAKEN" },
	{ .name = "v28 profile: empty body: INVALID_FIELD", .m = "PUT",
	  .path = "/api/user/profile", .who = DEV, .body = "{}", .st = 400,
	  .code = "INVALID_FIELD", .f = { "firstName", "lastName", "email" },
	  .fonly = 1,
	  .has = "at least one of firstName, lastName, email is required" },
	FN("v29 buyer: GET /api/organization/me", v29_buyer_organization),
	FN("v30 buyer: GET /api/organization/users", v30_buyer_org_users),
	{ .name = "v31 buyer: GET /api/admin/users: 403", .m = "GET",
	  .path = ADMIN_USERS, .who = BUYER, .st = 403, .code = "FORBIDDEN",
	  .has = "Buyer" },
	FN("v32 admin users: organizationName=ROOF, active",
	  v32_admin_users_filter),
	{ .name = "v33 admin users: limit=101: INVALID_QUERY", .m = "GET",
	  .path = ADMIN_USERS "?limit=101", .who = ADMIN, .st = 400,
	  .code = "INVALID_QUERY", .f = { "limit" } },
	FN("v34 admin organizations: type buyer", v34_admin_orgs_buyer),
	FN("v35 suspend the #1 user", v35_suspend),
	FN("v36 reactivate the #1 user", v36_reactivate),
	{ .name = "v37 admin changes own status: 400", .m = "PUT",
	  .path = ADMIN_USERS "/{admin}", .who = ADMIN,
	  .body = "{\"status\":\"Deleted\"}", .st = 400,
	  .code = "CANNOT_CHANGE_OWN_STATUS" },
	{ .name = "v38 status of user 999999: 404", .m = "PUT",
	  .path = ADMIN_USERS "/999999", .who = ADMIN,
	  .body = "{\"status\":\"Active\"}", .st = 404,
	  .code = "USER_NOT_FOUND" },
	{ .name = "v39 status of user abc: INVALID_ID", .m = "PUT",
	  .path = ADMIN_USERS "/abc", .who = ADMIN,
	  .body = "{\"status\":\"Pending\"}", .st = 400, .code = "INVALID_ID" },
	{ .name = "v40 status Pending: INVALID_FIELD", .m = "PUT",
	  .path = ADMIN_USERS "/{dev}", .who = ADMIN,
	  .body = "{\"status\":\"Pending\"}", .st = 400,
	  .code = "INVALID_FIELD", .f = { "status" } },
	FN("v41 admin creates a DeviceOwner: 201", v41_admin_creates_owner),
	FN("v42 SubBuyer in the buyer org; Buyer in a developer org",
	  v42_sub_buyer_then_misfit),
	{ .name = "v43 a user in the Admin organization: 400",
	  .path = ADMIN_USERS, .who = ADMIN, .body = "user:{\"email\":"
	  "\"u@x.io\",\"organizationId\":{adminorg}}", .st = 400,
	  .code = "ROLE_NOT_ALLOWED_FOR_ORGANIZATION" },
	{ .name = "v44a admin user without organizationId",
	  .path = ADMIN_USERS, .who = ADMIN,
	  .body = "user:{\"organizationId\":null}", .st = 400,
	  .code = "INVALID_FIELD", .f = { "organizationId" } },
	{ .name = "v44b admin user with role ApiUser", .path = ADMIN_USERS,
	  .who = ADMIN, .body = "user:{\"role\":\"ApiUser\"}", .st = 400,
	  .code = "INVALID_FIELD", .f = { "role" } },
	{ .name = "v44c admin user with role Admin", .path = ADMIN_USERS,
	  .who = ADMIN, .body = "user:{\"role\":\"Admin\"}", .st = 400,
	  .code = "INVALID_FIELD", .f = { "role" } },
	{ .name = "v45 admin user in organization 999999: 404",
	  .path = ADMIN_USERS, .who = ADMIN, .body = "user:{\"email\":"
	  "\"n@x.io\",\"organizationId\":999999}", .st = 404,
	  .code = "ORGANIZATION_NOT_FOUND" },
	{ .name = "v46 #41 again: 409 EMAIL_TAKEN", .path = ADMIN_USERS,
	  .who = ADMIN, .body = "user:{}", .st = 409, .code = "EMAIL_TAKEN" },
	{ .name = "v47 #41 with the buyer's token: 403", .path = ADMIN_USERS,
	  .who = BUYER, .body = "user:{}", .st = 403, .code = "FORBIDDEN" },
	FN("v48 the DeviceOwner logs in", v48_owner_login),
	{ .name = "v49a GET /api/nope: 404", .m = "GET", .path = "/api/nope",
	  .st = 404, .code = "ROUTE_NOT_FOUND" },
	{ .name = "v49b PATCH /api/device/my: 405, Allow: GET", .m = "PATCH",
	  .path = "/api/device/my", .who = ADMIN, .st = 405,
	  .code = "METHOD_NOT_ALLOWED", .allow = "GET" },
	{ .name = "v50a POST /api/device text/plain, no token: 401",
	  .path = "/api/device", .body = "x", .ctype = "text/plain",
	  .st = 401, .code = "UNAUTHORIZED" },
	{ .name = "v50b login with text/plain: 415", .path = LOGIN,
	  .body = "{\"username\":\"a@b.io\",\"password\":\"x\"}",
	  .ctype = "text/plain", .st = 415, .code = "UNSUPPORTED_MEDIA_TYPE" },
	{ .name = "v51 login body with a repeated key: INVALID_JSON",
	  .path = LOGIN, .body = "{\"username\":\"a@b.io\",\"username\":"
	  "\"c@d.io\",\"password\":\"x\"}", .st = 400, .code = "INVALID_JSON" },
};

static void
row_test(void)
{
	const struct row	*v = NULL;
	struct itest_resp	 r;
	const char		*tok, *toks[] = { NULL, st.admin_tok,
	    st.dev_tok, st.buyer_tok };
	char			*path, *body;
	size_t			 i;

	for (i = 0; i < NELEM(rows); i++)
		if (!strcmp(rows[i].name, CU_get_current_test()->pName))
			v = &rows[i];
	ITEST_REQUIRE(v != NULL);
	tok = v->tok ? v->tok : toks[v->who];
	ITEST_REQUIRE(v->who == NOBODY || tok != NULL);
	st.missing = 0;
	path = expand(v->path);
	body = v->body ? body_of(v->body) : NULL;
	ITEST_REQUIRE(!st.missing);
	itest_request(v->m ? v->m : "POST", path, tok, v->ctype, body, NULL,
	    &r);
	ITEST_ASSERT_ERROR(&r, v->st, v->code);
	if (v->f[0] != NULL)
		itest_check_fields(&r, !v->fonly, __FILE__, __LINE__, v->f[0],
		    v->f[1], v->f[2], v->f[3], NULL);
	if (v->has != NULL)
		ITEST_ASSERT_R(&r, itest_message_has(&r, v->has));
	if (v->hasnot != NULL)
		ITEST_ASSERT_R(&r, strstr(r.body, v->hasnot) == NULL);
	if (v->allow != NULL)
		ITEST_ASSERT_R(&r, r.allow && !strcmp(r.allow, v->allow));
	itest_resp_free(&r);
	free(path);
	free(body);
}

static void
register_all(void)
{
	CU_pSuite	 s = itest_suite("users.md section 7 test vectors");
	size_t		 i;

	for (i = 0; i < NELEM(rows); i++)
		itest_add(s, rows[i].name, rows[i].fn ? rows[i].fn : row_test);
	users_extra_register(itest_suite("users: beyond section 7"));
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}
