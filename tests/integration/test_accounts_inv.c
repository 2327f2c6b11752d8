/*
 * itest_accounts: invitations, members and the Admin's organization
 * routes (accounts.md §13 rows 15-39, 45-48).
 */
#include "test_accounts.h"

void
acc_inv_register(CU_pSuite s)
{
	(void)s;
}
