/*
 * itest_authz: the authorization matrix of every route (test_authz.c) and
 * the ApiUser callers (test_authz_apiuser.c).
 * The hostile-input suites on the same fixture are itest_hostile
 * (hostile_main.c).
 */
#include "authz.h"

static void
register_all(void)
{
	az_register_matrix();
	az_register_apiuser();
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}
