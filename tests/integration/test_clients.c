/*
 * itest_clients: existing clients run unchanged (clients.md).  The §8 test
 * vectors through the real stack (nginx, drecd, MariaDB):
 *
 *	cors_*		§1: preflights answered by nginx (1-3, 7), CORS
 *			headers on drecd's answers (4) and on nginx's own
 *			413 (5); OPTIONS without Access-Control-Request-
 *			Method is an ordinary request (6)
 *	paths_*		§2: literal segments ignore case (8, 9), /api and
 *			empty segments exact (10)
 *	v11-v17		§5, §6.2: blockchain-properties, the device routes,
 *			the SDGBenefits FormControl
 *	ex1_*		§6.1, §5.5, §6.3 on certificates.md §10.1 (18-23)
 *	ex4_*		§6.1's history list on §10.4's reservation 40 (20)
 *	ex2_*		§6.5 CSV and §6.4 redemption report on §10.2
 *			(24-26)
 *
 * Vectors 27-38 are accounts.md's routes (another suite).  Vector 7's
 * 429 half needs STACK_LOGIN_RATE=1r/s; here the stack runs the test
 * profile's 50 r/s, burst 200, so the suite checks that 250 preflights in
 * a row are all 204 (counted, some would be 429).
 *
 * The database is fresh (scripts/test); certificate ids are the ledger's
 * and are checked relative to the head each scenario starts from.  Users
 * log in at the real clock, before the test clock is moved.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_clients.h"

struct cl_state st;

static char	 clock_now[32];

/* ================================================================ helpers */

void
clock_set(const char *now)
{
	struct itest_resp	 r;
	char			*b;

	if (strcmp(clock_now, now) == 0)
		return;
	b = itest_fmt("{\"now\":\"%s\"}", now);
	itest_put("/api/test/clock", st.admin, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	itest_resp_free(&r);
	free(b);
	snprintf(clock_now, sizeof(clock_now), "%s", now);
}

void
clock_clear(void)
{
	struct itest_resp r;

	itest_put("/api/test/clock", st.admin, "{\"now\":null}", &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	itest_resp_free(&r);
	clock_now[0] = '\0';
}

/* Registers a user with a new organization (name NULL: unique); logs in. */
void
party_new(struct party *p, const char *type, const char *name)
{
	struct itest_resp	 r;
	char			*n = name ? strdup(name) : itest_unique("Cl");
	char			*b;

	if (clock_now[0] != '\0')
		clock_clear();
	p->email = itest_unique_email(type);
	b = itest_fmt("{\"firstName\":\"Cl\",\"lastName\":\"Ient\","
	    "\"email\":\"%s\",\"organizationType\":\"%s\",\"password\":\"" PW
	    "\",\"confirmPassword\":\"" PW "\",\"orgName\":\"%s\"}", p->email,
	    type, n);
	itest_post("/api/user/register", NULL, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	p->org = itest_jint(&r, "organization.id");
	p->uid = itest_jint(&r, "id");
	itest_resp_free(&r);
	p->tok = itest_login(p->email, PW);
	ITEST_REQUIRE(p->tok != NULL);
	free(b);
	free(n);
}

/* A user of role in org, created by the Admin; logs in. */
void
party_add(struct party *p, long long org, const char *role)
{
	struct itest_resp	 r;
	char			*b;

	if (clock_now[0] != '\0')
		clock_clear();
	p->email = itest_unique_email(role);
	b = itest_fmt("{\"firstName\":\"Cl\",\"lastName\":\"Ient\","
	    "\"email\":\"%s\",\"password\":\"" PW "\",\"confirmPassword\":\""
	    PW "\",\"role\":\"%s\",\"organizationId\":%lld}", p->email, role,
	    org);
	itest_post("/api/admin/users", st.admin, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	p->uid = itest_jint(&r, "id");
	p->org = org;
	itest_resp_free(&r);
	p->tok = itest_login(p->email, PW);
	ITEST_REQUIRE(p->tok != NULL);
	free(b);
}

/* A device (10 kW, yield 2000, IND, commissioned 2024-01-01) + patch. */
struct dev
device(const char *tok, const char *patch)
{
	static const char base[] = "{\"address\":\"1 Client Road\","
	    "\"latitude\":\"12.9716\",\"longitude\":\"77.5946\","
	    "\"countryCode\":\"IND\",\"fuelCode\":\"ES100\",\"deviceTypeCode\":"
	    "\"TC110\",\"capacity\":10,\"yieldValue\":2000,"
	    "\"commissioningDate\":\"2024-01-01\",\"gridInterconnection\":true,"
	    "\"offTaker\":\"School\"}";
	struct itest_resp	 r;
	struct dev		 d;
	char			*b = itest_json_merge(base, patch);

	itest_post("/api/device", tok, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	d.id = itest_jint(&r, "id");
	d.iid = strdup(itest_jstr(&r, "internalExternalId"));
	d.ext = strdup(itest_jstr(&r, "externalId"));
	itest_resp_free(&r);
	free(b);
	return d;
}

void
reads_at(const char *file, unsigned line, const char *tok,
    const struct dev *d, const char *type, const char *reads)
{
	struct itest_resp	 r;
	char			*b, *p;

	b = itest_fmt("{\"type\":\"%s\",\"unit\":\"Wh\",\"reads\":[%s]}", type,
	    reads);
	p = itest_fmt("/api/meter-reads/new/%s", d->iid);
	itest_post(p, tok, b, &r);
	itest_check_status(&r, 201, 1, file, line);
	itest_resp_free(&r);
	free(b);
	free(p);
}

struct res
reserve(const char *tok, const char *fmt, ...)
{
	struct itest_resp	 r;
	struct res		 x;
	va_list			 ap;
	char			*b;

	va_start(ap, fmt);
	if (vasprintf(&b, fmt, ap) < 0)
		exit(2);
	va_end(ap);
	itest_post("/api/buyer-reservation", tok, b, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 201);
	x.id = itest_jint(&r, "id");
	x.uid = strdup(itest_jstr(&r, "devicegroup_uid"));
	itest_resp_free(&r);
	free(b);
	return x;
}

/* An issuer pass at t (test clock). */
void
pass(const char *t)
{
	struct itest_resp r;

	clock_set(t);
	itest_post("/api/drec-issuer/run", st.admin, "{}", &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	itest_resp_free(&r);
}

/* The ledger head id. */
long long
head(void)
{
	struct itest_resp	 r;
	long long		 id;

	itest_get("/api/certificate-log/ledger?afterId=1000000000000&limit=1",
	    NULL, &r);
	ITEST_ASSERT_STATUS_FATAL(&r, 200);
	id = itest_jint(&r, "headId");
	itest_resp_free(&r);
	return id;
}

/* A response header equals want (NULL: absent). */
int
hdr_at(const char *file, unsigned line, const struct itest_resp *r,
    const char *name, const char *want)
{
	char	*v = itest_header(r, name);
	int	 ok = want == NULL ? v == NULL : v != NULL && !strcmp(v, want);
	char	 what[200];

	snprintf(what, sizeof(what), "header %s is %s (got %s)", name,
	    want ? want : "absent", v ? v : "none");
	free(v);
	return itest_check(ok, r, what, file, line, 0);
}


/* The value at path of a response is the JSON text want. */
int
jeq_at(const char *file, unsigned line, const struct itest_resp *r,
    const char *path, const char *want)
{
	struct json_object	*v = itest_jget(r, path), *w;
	char			 what[300];
	int			 ok;

	w = json_tokener_parse(want);
	ok = (v == NULL && w == NULL) || (v != NULL && w != NULL &&
	    json_object_equal(v, w));
	snprintf(what, sizeof(what), "%s == %s (got %s)", path, want,
	    v ? json_object_to_json_string(v) : "null/missing");
	json_object_put(w);
	return itest_check(ok, r, what, file, line, 0);
}

/* The externalIds of the array at path (of a response) in order, joined
 * by ','. */
static char *
ext_list(const struct itest_resp *r, const char *path)
{
	struct json_object	*a = itest_jget(r, path);
	char			*out = strdup(""), *t;
	size_t			 i;

	for (i = 0; a != NULL && i < json_object_array_length(a); i++) {
		t = itest_fmt("%s%s%s", out, i ? "," : "", itest_ostr(
		    json_object_array_get_idx(a, i), "externalId"));
		free(out);
		out = t;
	}
	return out;
}

int
ext_is_at(const char *file, unsigned line, const struct itest_resp *r,
    const char *path, const char *want)
{
	char	*got = ext_list(r, path), what[300];
	int	 ok = strcmp(got, want) == 0;

	snprintf(what, sizeof(what), "externalIds of %s: %s (got %s)",
	    path[0] ? path : "the array", want, got);
	free(got);
	return itest_check(ok, r, what, file, line, 0);
}

/* ================================================================ state */

void
fixture(void)
{
	static int tried;

	if (st.ready)
		return;
	ITEST_REQUIRE(!tried);
	tried = 1;
	st.admin = itest_admin_token();
	ITEST_REQUIRE(st.admin != NULL);
	clock_clear();
	party_new(&st.oa1, "Developer", "RooftopSolar");
	party_add(&st.do1, st.oa1.org, "DeviceOwner");
	party_add(&st.du1, st.oa1.org, "User");
	st.dev1 = device(st.oa1.tok, "{\"externalId\":\"Dev-1\"}");
	st.dev2 = device(st.oa1.tok, "{\"externalId\":\"Dev-2\"}");
	party_new(&st.oa2, "Developer", NULL);
	st.other1 = device(st.oa2.tok, "{\"externalId\":\"Other-1\"}");
	party_new(&st.bu1, "Buyer", "B1");
	party_new(&st.bu2, "Buyer", NULL);
	st.ready = 1;
}

/* ================================================================ main */

static void
register_all(void)
{
	cl_vectors_register(itest_suite("clients.md: CORS, paths, routes"));
	cl_examples_register(itest_suite("clients.md: reservations and "
	    "certificates (certificates.md §10 examples)"));
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}
