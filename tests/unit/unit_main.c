/*
 * CUnit runner for the pure parts (core, crypto, http parsing, domain).
 * Exit status: 0 when every test passed, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>

#include <CUnit/Basic.h>

#include "unit.h"

int
main(void)
{
	unsigned int failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	register_core_tests();
	register_tz_tests();
	register_crypto_tests();
	register_http_tests();
	register_domain_tests();
	register_device_domain_tests();
	register_reads_tests();
	register_reservation_rules_tests();
	register_issue_window_tests();
	register_issue_plan_tests();
	register_issue_example_tests();
	register_ledger_tests();
	register_csv_tests();
	register_listen_tests();
	register_config_nodes_tests();
	register_openapi_tests();
	register_ecode_tests();
	CU_basic_set_mode(CU_BRM_NORMAL);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	if (CU_get_number_of_tests_run() == 0)
		failed = 1;
	printf("%u passed, %u failed\n",
	    CU_get_number_of_tests_run() - CU_get_number_of_tests_failed(),
	    CU_get_number_of_tests_failed());
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
