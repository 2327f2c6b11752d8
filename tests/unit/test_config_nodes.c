/*
 * Unit tests for the db_nodes list (core/config_nodes.c) and its place in
 * config_load (a Galera cluster, docs/cluster.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "core/config.h"

static void
test_nodes_parse(void)
{
	struct config_node	n[CONFIG_MAX_NODES];
	char			err[256];

	CU_ASSERT_EQUAL(config_nodes_parse("db1:3400, db2:3401,db3", 3306,
	    n, CONFIG_MAX_NODES, err, sizeof(err)), 3);
	CU_ASSERT_STRING_EQUAL(n[0].host, "db1");
	CU_ASSERT_EQUAL(n[0].port, 3400);
	CU_ASSERT_STRING_EQUAL(n[1].host, "db2");
	CU_ASSERT_EQUAL(n[1].port, 3401);
	CU_ASSERT_STRING_EQUAL(n[2].host, "db3");
	CU_ASSERT_EQUAL(n[2].port, 3306);	/* the default port */

	/* White space alone separates too; IPv6 in brackets. */
	CU_ASSERT_EQUAL(config_nodes_parse("  10.0.0.1\t[::1]:3307 [fe80::2] ",
	    3306, n, CONFIG_MAX_NODES, err, sizeof(err)), 3);
	CU_ASSERT_STRING_EQUAL(n[0].host, "10.0.0.1");
	CU_ASSERT_STRING_EQUAL(n[1].host, "::1");
	CU_ASSERT_EQUAL(n[1].port, 3307);
	CU_ASSERT_STRING_EQUAL(n[2].host, "fe80::2");
	CU_ASSERT_EQUAL(n[2].port, 3306);
	CU_ASSERT_EQUAL(config_nodes_parse("only", 1, n, 1, err, sizeof(err)),
	    1);
}

static void
test_nodes_refused(void)
{
	struct config_node	n[CONFIG_MAX_NODES];
	char			err[256], big[400];
	static const struct {
		const char	*text;
		const char	*in_err;
	} bad[] = {
		{ "", "no node" },
		{ " , ,", "no node" },
		{ "db1:0", "port" },
		{ "db1:65536", "port" },
		{ "db1:34x", "port" },
		{ "db1:", "port" },
		{ ":3306", "host" },
		{ "::1", "IPv6" },
		{ "[::1", "]" },
		{ "[::1]3306", ":port" },
		{ "[]:3306", "host" },
		{ "db1:3400,db1:3400", "twice" },
		{ "a,b,c", "more than 2" },
	};
	size_t			i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		CU_ASSERT_EQUAL(config_nodes_parse(bad[i].text, 3306, n, 2, err,
		    sizeof(err)), -1);
		if (strstr(err, bad[i].in_err) == NULL)
			fprintf(stderr, "\"%s\": %s\n", bad[i].text, err);
		CU_ASSERT(strstr(err, bad[i].in_err) != NULL);
	}
	/* The same host on two ports is two nodes. */
	CU_ASSERT_EQUAL(config_nodes_parse("h:1 h:2", 3306, n, 2, err,
	    sizeof(err)), 2);
	memset(big, 'h', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CU_ASSERT_EQUAL(config_nodes_parse(big, 3306, n, 2, err, sizeof(err)),
	    -1);
	CU_ASSERT(strstr(err, "host") != NULL);
}

static void
test_nodes_config_load(void)
{
	struct config	c;
	char		err[512], path[] = "/tmp/drec-unit-nodes-XXXXXX";
	FILE		*f;
	int		 fd;

	CU_ASSERT_FATAL((fd = mkstemp(path)) != -1);
	CU_ASSERT_FATAL((f = fdopen(fd, "w")) != NULL);
	fprintf(f, "db_port = 3410\ndb_nodes = 127.0.0.1:3400, "
	    "127.0.0.1:3401 127.0.0.1\ndb_sync_wait = 3\n");
	fclose(f);
	unsetenv("DREC_DB_NODES");
	CU_ASSERT_EQUAL(config_load(&c, path, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.db_nnodes, 3);
	CU_ASSERT_EQUAL(c.db_node[1].port, 3401);
	CU_ASSERT_EQUAL(c.db_node[2].port, 3410);	/* db_port */
	CU_ASSERT_EQUAL(c.db_sync_wait, 3);

	/* No list: one server as before; a bad list names the key. */
	setenv("DREC_DB_NODES", "", 1);
	CU_ASSERT_EQUAL(config_load(&c, path, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(c.db_nnodes, 0);
	setenv("DREC_DB_NODES", "db1:99999", 1);
	CU_ASSERT_EQUAL(config_load(&c, path, err, sizeof(err)), -1);
	CU_ASSERT(strstr(err, "db_nodes") != NULL);
	unsetenv("DREC_DB_NODES");
	config_defaults(&c);
	CU_ASSERT_EQUAL(c.db_nnodes, 0);
	CU_ASSERT_EQUAL(c.db_sync_wait, 1);
	CU_ASSERT_EQUAL(config_set(&c, "db_sync_wait", "16", err,
	    sizeof(err)), -1);
	unlink(path);
}

void
register_config_nodes_tests(void)
{
	CU_pSuite	s;

	s = CU_add_suite("config_nodes", NULL, NULL);
	CU_add_test(s, "db_nodes parse", test_nodes_parse);
	CU_add_test(s, "db_nodes refused", test_nodes_refused);
	CU_add_test(s, "db_nodes in config_load", test_nodes_config_load);
}
