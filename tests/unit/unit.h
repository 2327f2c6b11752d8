/*
 * Unit test runner: each test_*.c registers its CUnit suites here.
 */
#ifndef TESTS_UNIT_H
#define TESTS_UNIT_H

#include <CUnit/CUnit.h>

void	register_core_tests(void);
void	register_tz_tests(void);
void	register_crypto_tests(void);
void	register_http_tests(void);
void	register_domain_tests(void);
void	register_device_domain_tests(void);
void	register_reads_tests(void);
void	register_reservation_rules_tests(void);
void	register_issue_window_tests(void);
void	register_issue_plan_tests(void);
void	register_issue_example_tests(void);
void	register_ledger_tests(void);
void	register_csv_tests(void);
void	register_listen_tests(void);
void	register_config_nodes_tests(void);
void	register_openapi_tests(void);
void	register_ecode_tests(void);

#endif
