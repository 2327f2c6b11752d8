/*
 * Per-worker connection pool: a fixed array of lazily opened connections,
 * a mutex and a condition variable.  A borrower waits at most db_wait_ms.
 * Idle connections are pinged before reuse; a broken one is reopened, and
 * its statements are re-prepared on first use (exec.c).
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mysql.h>
#include <errmsg.h>

#include "core/log.h"
#include "db/db.h"
#include "db/conn.h"

#define POOL_PING_IDLE_S 5

struct db_pool {
	pthread_mutex_t	  mu;
	pthread_cond_t	  cv;
	struct config	  cfg;
	int		  size;
	int		  nfree;
	struct db_conn	 *conns;
	struct db_conn	**free;		/* stack of available connections */
};

MYSQL *
db_conn_handle_new(const struct db_conn *c)
{
	unsigned int	 t = (unsigned int)c->cfg->db_timeout_s;
	my_bool		 off = 0;
	MYSQL		*my;

	if ((my = mysql_init(NULL)) == NULL)
		return NULL;
	mysql_options(my, MYSQL_OPT_CONNECT_TIMEOUT, &t);
	mysql_options(my, MYSQL_OPT_READ_TIMEOUT, &t);
	mysql_options(my, MYSQL_OPT_WRITE_TIMEOUT, &t);
	mysql_options(my, MYSQL_OPT_RECONNECT, &off);
	mysql_options(my, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	mysql_options(my, MYSQL_INIT_COMMAND, "SET time_zone='+00:00'");
	return my;
}

int
db_conn_open(struct db_conn *c, char *err, size_t errlen)
{
	unsigned long	 flags = 0;
	const char	*host, *sock;

	db_conn_close(c);
	if (c->multi)
		flags |= CLIENT_MULTI_STATEMENTS;
	if (c->cfg->db_nnodes > 0) {
		if (db_conn_nodes_connect(c, flags, err, errlen) != 0)
			return -1;
	} else {
		if ((c->my = db_conn_handle_new(c)) == NULL) {
			snprintf(err, errlen, "mysql_init failed");
			return -1;
		}
		sock = c->cfg->db_socket[0] ? c->cfg->db_socket : NULL;
		host = sock ? "localhost" : c->cfg->db_host;
		if (mysql_real_connect(c->my, host, c->cfg->db_user,
		    c->cfg->db_password, c->cfg->db_name,
		    (unsigned int)c->cfg->db_port, sock, flags) == NULL) {
			snprintf(err, errlen, "cannot connect to MariaDB: %s",
			    mysql_error(c->my));
			mysql_close(c->my);
			c->my = NULL;
			return -1;
		}
	}
	c->broken = 0;
	c->read_committed = 0;	/* a new session has the server's default */
	c->last_used = time(NULL);
	return 0;
}

void
db_conn_close(struct db_conn *c)
{
	int i;

	for (i = 0; i < STMT__MAX; i++)
		if (c->stmt[i] != NULL) {
			mysql_stmt_close(c->stmt[i]);
			c->stmt[i] = NULL;
		}
	for (i = 0; i < DB_SHAPE_SLOTS; i++)
		if (c->shape[i] != NULL) {
			mysql_stmt_close(c->shape[i]);
			c->shape[i] = NULL;
		}
	if (c->my != NULL)
		mysql_close(c->my);
	c->my = NULL;
	free(c->big_bind);
	free(c->big_time);
	c->big_bind = NULL;
	c->big_time = NULL;
	c->big_cap = 0;
}

struct db_pool *
db_pool_new(const struct config *cfg)
{
	struct db_pool	*p;
	int		 i;

	if ((p = calloc(1, sizeof(*p))) == NULL)
		return NULL;
	p->cfg = *cfg;
	p->size = cfg->db_pool_size;
	p->conns = calloc((size_t)p->size, sizeof(*p->conns));
	p->free = calloc((size_t)p->size, sizeof(*p->free));
	if (p->conns == NULL || p->free == NULL) {
		free(p->conns);
		free(p->free);
		free(p);
		return NULL;
	}
	for (i = 0; i < p->size; i++) {
		p->conns[i].cfg = &p->cfg;
		p->conns[i].broken = 1;
		p->free[p->nfree++] = &p->conns[i];
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	return p;
}

void
db_pool_free(struct db_pool *p)
{
	int i;

	if (p == NULL)
		return;
	for (i = 0; i < p->size; i++)
		db_conn_close(&p->conns[i]);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->cv);
	free(p->conns);
	free(p->free);
	free(p);
}

/* Makes c usable: reconnects when broken, pings when idle for a while. */
static int
pool_ready(struct db_conn *c)
{
	char err[256];

	/* Idle for a while: still there (db_nodes: and still Synced)? */
	if (!c->broken && c->my != NULL &&
	    time(NULL) - c->last_used >= POOL_PING_IDLE_S &&
	    (c->cfg->db_nnodes > 0 ? !db_conn_node_healthy(c->my, err,
	    sizeof(err)) : mysql_ping(c->my) != 0))
		c->broken = 1;
	if (c->broken || c->my == NULL) {
		if (db_conn_open(c, err, sizeof(err)) != 0) {
			log_warn(c->rid, "%s", err);
			return -1;
		}
	}
	return 0;
}

struct db_conn *
db_pool_get(struct db_pool *p)
{
	struct timespec	 deadline;
	struct db_conn	*c = NULL;
	int		 rc = 0;

	clock_gettime(CLOCK_REALTIME, &deadline);
	deadline.tv_sec += p->cfg.db_wait_ms / 1000;
	deadline.tv_nsec += (long)(p->cfg.db_wait_ms % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_sec++;
		deadline.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&p->mu);
	while (p->nfree == 0 && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&p->cv, &p->mu, &deadline);
	if (p->nfree > 0)
		c = p->free[--p->nfree];
	pthread_mutex_unlock(&p->mu);
	if (c == NULL)
		return NULL;
	c->rid = NULL;
	if (pool_ready(c) != 0) {
		db_pool_put(p, c);
		return NULL;
	}
	return c;
}

void
db_pool_put(struct db_pool *p, struct db_conn *c)
{
	if (c == NULL)
		return;
	if (c->in_tx)		/* a handler forgot: never leak a transaction */
		db_rollback(c);
	if (c->broken)
		db_conn_close(c);
	c->last_used = time(NULL);
	c->rid = NULL;
	pthread_mutex_lock(&p->mu);
	p->free[p->nfree++] = c;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

struct db_conn *
db_connect_one(const struct config *cfg, int multi, char *err, size_t errlen)
{
	struct db_conn	*c;
	struct config	*copy;

	c = calloc(1, sizeof(*c));
	copy = malloc(sizeof(*copy));
	if (c == NULL || copy == NULL) {
		free(c);
		free(copy);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	*copy = *cfg;
	c->cfg = copy;
	c->multi = multi;
	if (db_conn_open(c, err, errlen) != 0) {
		free(copy);
		free(c);
		return NULL;
	}
	return c;
}

void
db_close_one(struct db_conn *c)
{
	if (c == NULL)
		return;
	db_conn_close(c);
	free((void *)c->cfg);
	free(c);
}

void
db_conn_set_rid(struct db_conn *c, const char *rid)
{
	c->rid = rid;
}
