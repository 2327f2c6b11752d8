/*
 * itest_ops (issue 13, items 7-8): declarations shared by its files.
 *
 *	test_ops.c		nginx's rate limits (docs/operations.md §5), main
 *	test_ops_tools.c	drecctl and the database grants
 */
#ifndef TEST_OPS_H
#define TEST_OPS_H

#include "core/nelem.h"
#include "itest.h"

#define PASSWORD	"Passw0rd1"

/* Adds test_ops_tools.c's tests to s (after the rate limits). */
void	ops_tools_register(CU_pSuite s);

#endif
