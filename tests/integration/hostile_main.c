/*
 * itest_hostile: the black-box hostile stage of scripts/test (issues 7 and
 * 13), against the real stack (nginx, drecd — under ASan+UBSan with
 * --sanitize — and MariaDB), on the fixture of test_authz.c:
 *  - test_hostile.c: SQL injection and traversal, malformed and oversized
 *    bodies, out-of-range instants, slow clients;
 *  - test_hostile_bb.c: the statement table's ASCII keys against MariaDB,
 *    the named regressions of issue 13, every field at its maximum, and
 *    the walk of the route table (encodings, NUL, overlong values, wrong
 *    types, extreme numbers; < 500, refusals change nothing);
 *  - test_memory.c: worst-case bodies on every body route, 8 at once.
 */
#include "hostile.h"

static void
register_all(void)
{
	az_register_hostile();
	az_register_hostile_bb();
	az_register_memory();
}

int
main(int argc, char **argv)
{
	return itest_main(argc, argv, register_all);
}
