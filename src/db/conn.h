/*
 * Private to db/: a pooled connection and its prepared-statement cache.
 */
#ifndef DB_CONN_H
#define DB_CONN_H

#include <mysql.h>
#include <stdint.h>
#include <time.h>

#include "core/config.h"
#include "db/stmt.h"

#define DB_SHAPE_SLOTS 16

struct db_conn {
	MYSQL		*my;		/* NULL while disconnected */
	MYSQL_STMT	*stmt[STMT__MAX];	/* prepared lazily */
	int		 broken;	/* close and reconnect before reuse */
	time_t		 last_used;
	const char	*rid;		/* request id for log lines */
	char		 conflict_key[64];
	const struct config *cfg;
	int		 multi;		/* CLIENT_MULTI_STATEMENTS (drecctl) */
	int		 in_tx;		/* a transaction is open */
	int		 read_committed; /* session level is READ COMMITTED */
	int		 node;		/* index in cfg->db_node (db_nodes) */
	/* Bind buffers of statements with more than EXEC_MAX_PARAMS
	 * parameters (multi-row inserts), kept for the connection's life. */
	MYSQL_BIND	*big_bind;
	MYSQL_TIME	*big_time;
	int		 big_cap;
	/* Composed statements (db_exec_shape), by shape key. */
	MYSQL_STMT	*shape[DB_SHAPE_SLOTS];
	uint64_t	 shape_key[DB_SHAPE_SLOTS];
	int		 shape_next;
};

struct db_result;
struct db_device;
/* Reads row i of a result whose columns are DEVICE_COLS (devices.c). */
void	db_device_read_row(const struct db_result *, int i, struct db_device *);

/* Connects c (closing any old handle); 0 ok, -1 with err set. */
int	db_conn_open(struct db_conn *, char *err, size_t errlen);
/* A new handle with the pool's options (timeouts, charset, UTC), or NULL. */
MYSQL	*db_conn_handle_new(const struct db_conn *);
/* db_nodes: connects c->my to the first usable node (nodes.c); 0 or -1. */
int	db_conn_nodes_connect(struct db_conn *, unsigned long flags, char *err,
	    size_t errlen);
/* 1 when the node of my is Primary and Synced, else 0 with why set. */
int	db_conn_node_healthy(MYSQL *my, char *why, size_t whylen);
/* Closes the handle and every prepared statement. */
void	db_conn_close(struct db_conn *);
/* Maps a MySQL error number to enum err, marking c broken when fatal. */
int	db_conn_map_error(struct db_conn *, unsigned int myerrno, const char *msg,
	    const char *what);

#endif
