/*
 * The one transaction-retry loop (ARCHITECTURE.md §1: Galera-safe code
 * retries a transaction on deadlock or certification failure a bounded
 * number of times).  MariaDB answers a deadlock with 1213, a lock wait
 * timeout with 1205 and a Galera certification failure (a write set that
 * lost against a concurrent one on another node) with 1213 too; exec.c
 * maps all three to ERR_DEADLOCK.
 */
#include "db/db.h"

enum err
db_tx_retry(struct db_conn *c, enum err (*fn)(struct db_conn *, void *),
    void *arg)
{
	enum err	e = ERR_DEADLOCK;
	int		i;

	for (i = 0; i < DB_TX_TRIES && e == ERR_DEADLOCK; i++) {
		if ((e = db_begin(c)) == ERR_OK &&
		    (e = fn(c, arg)) == ERR_OK &&
		    (e = db_commit(c)) == ERR_OK)
			return ERR_OK;
		db_rollback(c);
	}
	return e;
}
