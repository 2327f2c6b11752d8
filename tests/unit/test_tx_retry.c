/*
 * db_tx_retry (src/db/tx.c) against a scripted connection: the stubs of
 * db_begin, db_commit and db_rollback below stand in for exec.c, so the
 * loop's contract is checked without a server: a deadlock or a
 * certification failure (ERR_DEADLOCK) runs the transaction again, at most
 * DB_TX_TRIES times in all; any other error stops at once; every failed
 * attempt is rolled back.  Its own program: it links tx.c alone.
 */
#include <stdio.h>
#include <string.h>

#include <CUnit/Basic.h>

#include "db/db.h"

/* What each call of the fake connection answers, in order. */
static struct script {
	enum err	begin[8], body[8], commit[8];
	int		nbegin, nbody, ncommit, nrollback;
} s;

enum err
db_begin(struct db_conn *c)
{
	(void)c;
	return s.begin[s.nbegin++];
}

enum err
db_commit(struct db_conn *c)
{
	(void)c;
	return s.commit[s.ncommit++];
}

void
db_rollback(struct db_conn *c)
{
	(void)c;
	s.nrollback++;
}

static enum err
body(struct db_conn *c, void *arg)
{
	(void)c;
	(*(int *)arg)++;
	return s.body[s.nbody++];
}

static struct db_conn *
conn(void)
{
	static int	fake;

	return (struct db_conn *)(void *)&fake;
}

static void
test_commits_first_time(void)
{
	int	runs = 0;

	memset(&s, 0, sizeof(s));
	CU_ASSERT_EQUAL(db_tx_retry(conn(), body, &runs), ERR_OK);
	CU_ASSERT_EQUAL(runs, 1);
	CU_ASSERT_EQUAL(s.ncommit, 1);
	CU_ASSERT_EQUAL(s.nrollback, 0);
}

static void
test_deadlock_retried(void)
{
	int	runs = 0;

	/* The body deadlocks, then the COMMIT fails certification, then ok. */
	memset(&s, 0, sizeof(s));
	s.body[0] = ERR_DEADLOCK;
	s.commit[0] = ERR_DEADLOCK;
	CU_ASSERT_EQUAL(db_tx_retry(conn(), body, &runs), ERR_OK);
	CU_ASSERT_EQUAL(runs, 3);
	CU_ASSERT_EQUAL(s.nbegin, 3);
	CU_ASSERT_EQUAL(s.ncommit, 2);
	CU_ASSERT_EQUAL(s.nrollback, 2);
}

static void
test_bounded(void)
{
	int	runs = 0, i;

	memset(&s, 0, sizeof(s));
	for (i = 0; i < 8; i++)
		s.body[i] = ERR_DEADLOCK;
	CU_ASSERT_EQUAL(db_tx_retry(conn(), body, &runs), ERR_DEADLOCK);
	CU_ASSERT_EQUAL(runs, DB_TX_TRIES);
	CU_ASSERT_EQUAL(s.nrollback, DB_TX_TRIES);
	CU_ASSERT_EQUAL(s.ncommit, 0);
}

static void
test_other_errors_not_retried(void)
{
	int	runs = 0;

	memset(&s, 0, sizeof(s));
	s.body[0] = ERR_CONFLICT;
	CU_ASSERT_EQUAL(db_tx_retry(conn(), body, &runs), ERR_CONFLICT);
	CU_ASSERT_EQUAL(runs, 1);
	CU_ASSERT_EQUAL(s.nrollback, 1);

	/* A lost COMMIT has an unknown outcome: never run twice. */
	runs = 0;
	memset(&s, 0, sizeof(s));
	s.commit[0] = ERR_UNAVAILABLE;
	CU_ASSERT_EQUAL(db_tx_retry(conn(), body, &runs), ERR_UNAVAILABLE);
	CU_ASSERT_EQUAL(runs, 1);

	/* BEGIN failing: the body does not run. */
	runs = 0;
	memset(&s, 0, sizeof(s));
	s.begin[0] = ERR_UNAVAILABLE;
	CU_ASSERT_EQUAL(db_tx_retry(conn(), body, &runs), ERR_UNAVAILABLE);
	CU_ASSERT_EQUAL(runs, 0);
}

int
main(void)
{
	CU_pSuite	 su;
	unsigned int	 failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	su = CU_add_suite("db_tx_retry", NULL, NULL);
	CU_add_test(su, "commits the first time", test_commits_first_time);
	CU_add_test(su, "deadlock and certification failure retried",
	    test_deadlock_retried);
	CU_add_test(su, "at most DB_TX_TRIES attempts", test_bounded);
	CU_add_test(su, "other errors not retried",
	    test_other_errors_not_retried);
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
