/*
 * Forward-only migrations: sql_dir/NNN_name.sql applied in numeric order,
 * each recorded in schema_migration (version, name, applied_at).
 *
 * MariaDB commits DDL implicitly, so a file of CREATE TABLEs cannot be
 * rolled back; each file is therefore applied and then recorded in one
 * transaction for its DML, and files are written so that a half-applied
 * one is detectable (drecctl migrate refuses to continue past a failure
 * and names the file).  Trusted SQL text: the files ship with drec.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysql.h>

#include "core/arena.h"
#include "db/db.h"
#include "db/conn.h"

#define MIGRATE_MAX 512

static const char create_table[] =
    "CREATE TABLE IF NOT EXISTS schema_migration ("
    " version INT UNSIGNED NOT NULL PRIMARY KEY,"
    " name VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,"
    " applied_at DATETIME(3) NOT NULL"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads a whole file into a malloc'd NUL-terminated buffer. */
static char *
slurp(const char *path)
{
	FILE	*f;
	char	*buf;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (buf = malloc((size_t)n + 1)) == NULL) {
		fclose(f);
		return NULL;
	}
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return NULL;
	}
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* 1 when version is recorded, 0 not, -1 error. */
static int
applied(struct db_conn *c, unsigned v)
{
	char		 q[128];
	MYSQL_RES	*r;
	int		 n;

	snprintf(q, sizeof(q),
	    "SELECT 1 FROM schema_migration WHERE version = %u", v);
	if (mysql_query(c->my, q) != 0 || (r = mysql_store_result(c->my)) == NULL)
		return -1;
	n = (int)mysql_num_rows(r);
	mysql_free_result(r);
	return n > 0;
}

int
db_migrate(struct db_conn *c, const char *dir, void *out, char *err,
    size_t errlen)
{
	DIR		*d;
	struct dirent	*de;
	char		*names[MIGRATE_MAX], path[1024], rec[600], *sql;
	int		 n = 0, i, rc = -1, done;
	unsigned	 v;

	if (db_exec_trusted(c, create_table) != ERR_OK) {
		snprintf(err, errlen, "cannot create schema_migration: %s",
		    mysql_error(c->my));
		return -1;
	}
	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "cannot open sql_dir %s", dir);
		return -1;
	}
	while ((de = readdir(d)) != NULL && n < MIGRATE_MAX) {
		size_t l = strlen(de->d_name);

		if (l > 8 && de->d_name[0] >= '0' && de->d_name[0] <= '9' &&
		    strcmp(de->d_name + l - 4, ".sql") == 0 && l < 200)
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof(names[0]), cmp_names);
	for (i = 0; i < n; i++) {
		v = (unsigned)strtoul(names[i], NULL, 10);
		if ((done = applied(c, v)) < 0) {
			snprintf(err, errlen, "cannot read schema_migration: %s",
			    mysql_error(c->my));
			goto out;
		}
		if (done)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if ((sql = slurp(path)) == NULL) {
			snprintf(err, errlen, "cannot read %s", path);
			goto out;
		}
		if (db_exec_trusted(c, "START TRANSACTION") != ERR_OK ||
		    db_exec_trusted(c, sql) != ERR_OK) {
			snprintf(err, errlen, "migration %s failed: %s", names[i],
			    mysql_error(c->my));
			free(sql);
			db_rollback(c);
			goto out;
		}
		free(sql);
		snprintf(rec, sizeof(rec), "INSERT INTO schema_migration"
		    " (version, name, applied_at) VALUES (%u, '%s', UTC_TIMESTAMP(3))",
		    v, names[i]);
		if (strchr(names[i], '\'') != NULL ||
		    db_exec_trusted(c, rec) != ERR_OK ||
		    db_exec_trusted(c, "COMMIT") != ERR_OK) {
			snprintf(err, errlen, "cannot record migration %s: %s",
			    names[i], mysql_error(c->my));
			goto out;
		}
		if (out != NULL)
			fprintf((FILE *)out, "applied %s\n", names[i]);
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	return rc;
}
