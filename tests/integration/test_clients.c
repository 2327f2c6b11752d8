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
 *	v27-v38		§4: accounts.md's organization, admin and
 *			password routes as the web client spells them
 *
 * Vector 7's 429 half needs a burst over the stack's login allowance
 * (the test profile: 50 r/s, burst 200) from an address no other suite
 * uses: itest_ops sends it (t08, from 127.0.0.5, /api/Auth/LOGIN among
 * the spellings), and tests/check-nginx-site.sh runs the vector as
 * written on nginx/drec.conf's production numbers (1 r/s, burst 10).
 * Here the suite checks that 250 preflights in a row are all 204.
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

/* ================================================================ helpers */

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

/* The first line of drecd's log (DREC_VAR_DIR/log/drecd.log) containing
 * s, malloc'd, or NULL. */
char *
drecd_log_line(const char *s)
{
	char	*path, *line = NULL;
	size_t	 cap = 0;
	FILE	*f;
	int	 found = 0;

	path = itest_fmt("%s/log/drecd.log", itest_env("DREC_VAR_DIR", "."));
	if ((f = fopen(path, "r")) != NULL) {
		while (!found && getline(&line, &cap, f) > 0)
			found = strstr(line, s) != NULL;
		fclose(f);
	}
	free(path);
	if (!found) {
		free(line);
		line = NULL;
	}
	return line;
}

/* 1 when drecd's log mentions s. */
int
drecd_log_has(const char *s)
{
	char	*l = drecd_log_line(s);

	free(l);
	return l != NULL;
}

/* GET path as tok: 200, the response in *r. */
void
get200_at(const char *file, unsigned line, const char *path, const char *tok,
    struct itest_resp *r)
{
	itest_get(path, tok, r);
	itest_check_status(r, 200, 0, file, line);
}

/* Adds the n tests t to suite s, in order. */
void
cl_add_tests(CU_pSuite s, const struct ct_test *t, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		itest_add(s, t[i].name, t[i].fn);
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
	st.admin = ct.admin = itest_admin_token();
	ITEST_REQUIRE(st.admin != NULL);
	ct_clock_clear();
	ct_party_named(&st.oa1, "Developer", "RooftopSolar", "oa1");
	ct_party_add(&st.do1, st.oa1.org, "DeviceOwner", "do1");
	ct_party_add(&st.du1, st.oa1.org, "User", "du1");
	st.dev1 = ct_device(st.oa1.tok, "{\"externalId\":\"Dev-1\"}");
	st.dev2 = ct_device(st.oa1.tok, "{\"externalId\":\"Dev-2\"}");
	ct_party_new(&st.oa2, "Developer", "oa2");
	st.other1 = ct_device(st.oa2.tok, "{\"externalId\":\"Other-1\"}");
	ct_party_named(&st.bu1, "Buyer", "B1", "bu1");
	ct_party_new(&st.bu2, "Buyer", "bu2");
	st.ready = 1;
}

/* ================================================================ main */

static void
register_all(void)
{
	cl_vectors_register(itest_suite("clients.md: CORS, paths, routes"));
	cl_examples_register(itest_suite("clients.md: reservations and "
	    "certificates (certificates.md §10 examples)"));
	cl_accounts_register(itest_suite("clients.md: organization, admin "
	    "and password routes (accounts.md)"));
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}
