/*
 * Several database nodes (db_nodes, a Galera cluster): a connection goes to
 * the first node in the list that accepts it and is Primary and Synced
 * (wsrep_ready ON, wsrep_local_state 4).  A node that refused, timed out or
 * was not Synced is skipped by this process's next connections for
 * NODES_BACKOFF_S, unless every node is; a broken connection reconnects
 * from the top of the list, so connections return to the preferred node.
 * The session then sets wsrep_sync_wait (db_sync_wait): a read waits until
 * the node has applied every write the cluster committed before it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <mysql.h>

#include "core/log.h"
#include "db/db.h"
#include "db/conn.h"

#define NODES_BACKOFF_S	5
#define WSREP_SYNCED	4

static pthread_mutex_t	nodes_mu = PTHREAD_MUTEX_INITIALIZER;
static time_t		nodes_down_until[CONFIG_MAX_NODES];

static int
nodes_is_down(int i, time_t now)
{
	int down;

	pthread_mutex_lock(&nodes_mu);
	down = nodes_down_until[i] > now;
	pthread_mutex_unlock(&nodes_mu);
	return down;
}

/* Marks node i down (why != NULL: logged once per back-off) or up. */
static void
nodes_mark(struct db_conn *c, int i, const char *why)
{
	time_t	now = time(NULL);
	int	was_down;

	pthread_mutex_lock(&nodes_mu);
	was_down = nodes_down_until[i] > now;
	nodes_down_until[i] = why != NULL ? now + NODES_BACKOFF_S : 0;
	pthread_mutex_unlock(&nodes_mu);
	if (why != NULL && !was_down)
		log_warn(c->rid, "database node %s:%d skipped for %d s: %s",
		    c->cfg->db_node[i].host, c->cfg->db_node[i].port,
		    NODES_BACKOFF_S, why);
}

int
db_conn_node_healthy(MYSQL *my, char *why, size_t whylen)
{
	static const char q[] = "SHOW GLOBAL STATUS WHERE Variable_name IN "
	    "('wsrep_ready', 'wsrep_local_state')";
	MYSQL_RES	*r;
	MYSQL_ROW	 row;
	int		 ready = 0, state = -1;

	if (mysql_real_query(my, q, sizeof(q) - 1) != 0 ||
	    (r = mysql_store_result(my)) == NULL) {
		snprintf(why, whylen, "status query failed: %s", mysql_error(my));
		return 0;
	}
	while ((row = mysql_fetch_row(r)) != NULL) {
		if (row[0] == NULL || row[1] == NULL)
			continue;
		if (strcasecmp(row[0], "wsrep_ready") == 0)
			ready = strcasecmp(row[1], "ON") == 0;
		else if (strcasecmp(row[0], "wsrep_local_state") == 0)
			state = (int)strtol(row[1], NULL, 10);
	}
	mysql_free_result(r);
	if (ready && state == WSREP_SYNCED)
		return 1;
	snprintf(why, whylen, "not Primary and Synced (wsrep_ready %s, "
	    "wsrep_local_state %d)", ready ? "ON" : "OFF", state);
	return 0;
}

/* Node i on handle my: connected, healthy, session set; 0 or -1. */
static int
nodes_try(struct db_conn *c, MYSQL *my, int i, unsigned long flags,
    char *why, size_t whylen)
{
	const struct config_node	*nd = &c->cfg->db_node[i];
	char				 q[64];

	if (mysql_real_connect(my, nd->host, c->cfg->db_user,
	    c->cfg->db_password, c->cfg->db_name, (unsigned int)nd->port,
	    NULL, flags) == NULL) {
		snprintf(why, whylen, "%s", mysql_error(my));
		return -1;
	}
	if (!db_conn_node_healthy(my, why, whylen))
		return -1;
	snprintf(q, sizeof(q), "SET SESSION wsrep_sync_wait = %d",
	    c->cfg->db_sync_wait);
	if (mysql_real_query(my, q, strlen(q)) != 0) {
		snprintf(why, whylen, "%s", mysql_error(my));
		return -1;
	}
	return 0;
}

int
db_conn_nodes_connect(struct db_conn *c, unsigned long flags, char *err,
    size_t errlen)
{
	char	 why[256] = "";
	time_t	 now = time(NULL);
	int	 pass, i, tried[CONFIG_MAX_NODES] = { 0 };
	MYSQL	*my;

	/* Pass 0: the nodes not backed off; pass 1: the others. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < c->cfg->db_nnodes; i++) {
			if (tried[i] || (pass == 0 && nodes_is_down(i, now)))
				continue;
			tried[i] = 1;
			if ((my = db_conn_handle_new(c)) == NULL) {
				snprintf(err, errlen, "mysql_init failed");
				return -1;
			}
			if (nodes_try(c, my, i, flags, why, sizeof(why)) == 0) {
				c->my = my;
				c->node = i;
				nodes_mark(c, i, NULL);
				return 0;
			}
			mysql_close(my);
			nodes_mark(c, i, why);
		}
	snprintf(err, errlen, "cannot connect to any of the %d database "
	    "nodes (last: %s)", c->cfg->db_nnodes, why);
	return -1;
}
