/*
 * itest_ops: drecctl (create-admin, strict integer options) and the
 * database grants of drecd's user (issue 13, item 8).
 */
#include <sys/wait.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_ops.h"

/* 1 when text contains s (NULL text: no). */
static int
has(const char *text, const char *s)
{
	return text != NULL && strstr(text, s) != NULL;
}

/*
 * A second create-admin without --org-name (users.md §5: default name
 * Admin, each Admin in an organization of its own): exit 1 with
 * ORGANIZATION_NAME_TAKEN and a message that says what to pass; nothing
 * is created; with --org-name it works; a repeat is idempotent.
 */
static void
t05_create_admin_twice(void)
{
	char	*a1 = itest_unique_email("adm1"), *a2 = itest_unique_email("adm2");
	char	*org = itest_unique("Admins"), *out, *tok;
	int	 rc;

	rc = itest_drecctl(&out, (const char *[]){ "create-admin", "--email",
	    a1, "--password", PASSWORD, NULL });
	CU_ASSERT_EQUAL(rc, 0);
	free(out);
	rc = itest_drecctl(&out, (const char *[]){ "create-admin", "--email",
	    a2, "--password", PASSWORD, NULL });
	CU_ASSERT_EQUAL(rc, 1);
	CU_ASSERT(has(out, "ORGANIZATION_NAME_TAKEN"));
	CU_ASSERT(has(out, "--org-name"));
	CU_ASSERT(has(out, "\"Admin\""));
	free(out);
	tok = itest_login(a2, PASSWORD);
	CU_ASSERT_PTR_NULL(tok);
	free(tok);
	rc = itest_drecctl(&out, (const char *[]){ "create-admin", "--email",
	    a2, "--password", PASSWORD, "--org-name", org, NULL });
	CU_ASSERT_EQUAL(rc, 0);
	free(out);
	tok = itest_login(a2, PASSWORD);
	CU_ASSERT_PTR_NOT_NULL(tok);
	free(tok);
	/* Repeats: unchanged, exit 0, with or without --org-name. */
	rc = itest_drecctl(&out, (const char *[]){ "create-admin", "--email",
	    a2, "--password", PASSWORD, NULL });
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT(has(out, "unchanged"));
	free(out);
	/* A taken name given explicitly: the message says so too. */
	rc = itest_drecctl(&out, (const char *[]){ "create-admin", "--email",
	    a1 + 1, "--password", PASSWORD, "--org-name", org, NULL });
	CU_ASSERT_EQUAL(rc, 1);
	CU_ASSERT(has(out, "ORGANIZATION_NAME_TAKEN"));
	CU_ASSERT(has(out, org));
	free(out);
	free(a1);
	free(a2);
	free(org);
}

/* The value of key in the stack's drec.conf, malloc'd, or NULL. */
static char *
conf_value(const char *key)
{
	char	*path, line[1024], *v = NULL;
	size_t	 n = strlen(key);
	FILE	*f;

	path = itest_fmt("%s/drec.conf", itest_env("DREC_VAR_DIR", "."));
	if ((f = fopen(path, "r")) != NULL) {
		while (v == NULL && fgets(line, sizeof(line), f) != NULL)
			if (strncmp(line, key, n) == 0 &&
			    strncmp(line + n, " = ", 3) == 0) {
				line[strcspn(line, "\n")] = '\0';
				v = strdup(line + n + 3);
			}
		fclose(f);
	}
	free(path);
	return v;
}

/* Runs cmd with sh (output and errors in *out); its exit status. */
static int
run(const char *cmd, char **out)
{
	char	 buf[512];
	size_t	 len = 0, k;
	FILE	*f;
	int	 status;

	*out = calloc(1, 1);
	if ((f = popen(cmd, "r")) == NULL)
		return -1;
	while ((k = fread(buf, 1, sizeof(buf), f)) > 0) {
		*out = realloc(*out, len + k + 1);
		memcpy(*out + len, buf, k);
		len += k;
		(*out)[len] = '\0';
	}
	status = pclose(f);
	printf("\n  $ %.60s... -> %d\n  %s", cmd, WEXITSTATUS(status),
	    *out);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/*
 * One statement through the client command cli; its output.  It must
 * fail (exit status not 0) when refused is 1, succeed otherwise.
 */
static char *
sql_as(const char *cli, const char *stmt, int refused)
{
	char	*cmd = itest_fmt("%s -e '%s' 2>&1", cli, stmt), *out;
	int	 rc = run(cmd, &out);

	CU_ASSERT(refused ? rc != 0 : rc == 0);
	free(cmd);
	return out;
}

/*
 * The database user of drecd and drecctl holds DML only (issue 13,
 * docs/operations.md §3): it reads and writes the tables, it cannot
 * change the schema; drecctl migrate runs as migrate_db_user, and as
 * db_user (which then fails) when that is unset.
 */
static void
t06_db_grants(void)
{
	char	*user = conf_value("db_user"), *pw = conf_value("db_password");
	char	*sock = conf_value("db_socket"), *db = conf_value("db_name");
	char	*mig = conf_value("migrate_db_user"), *cli, *out;
	int	 rc;

	ITEST_REQUIRE(user != NULL && pw != NULL && sock != NULL && db != NULL);
	CU_ASSERT(mig != NULL && mig[0] != '\0' && strcmp(mig, user) != 0);
	cli = itest_fmt("MYSQL_PWD='%s' mariadb --no-defaults --socket='%s' "
	    "-u'%s' -N -B '%s'", pw, sock, user, db);
	out = sql_as(cli, "SHOW GRANTS", 0);
	CU_ASSERT(has(out, "GRANT SELECT, INSERT, UPDATE, DELETE ON"));
	CU_ASSERT(!has(out, "ALL PRIVILEGES"));
	CU_ASSERT(!has(out, "CREATE") && !has(out, "ALTER") &&
	    !has(out, "DROP") && !has(out, "GRANT OPTION"));
	free(out);
	out = sql_as(cli, "CREATE TABLE ops_probe (i INT PRIMARY KEY)", 1);
	CU_ASSERT(has(out, "denied"));
	free(out);
	out = sql_as(cli, "ALTER TABLE user ADD COLUMN ops_probe INT", 1);
	CU_ASSERT(has(out, "denied"));
	free(out);
	out = sql_as(cli, "SELECT COUNT(*) > 0 FROM schema_migration", 0);
	CU_ASSERT(has(out, "1"));
	free(out);
	/* drecctl migrate: as the migration user it works... */
	rc = itest_drecctl(&out, (const char *[]){ "migrate", NULL });
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT(has(out, "up to date"));
	free(out);
	/* ...as drecd's user (migrate_db_user empty) it may not. */
	setenv("DREC_MIGRATE_DB_USER", "", 1);
	rc = itest_drecctl(&out, (const char *[]){ "migrate", NULL });
	unsetenv("DREC_MIGRATE_DB_USER");
	CU_ASSERT_EQUAL(rc, 1);
	CU_ASSERT(has(out, "denied"));
	CU_ASSERT(has(out, user));
	free(out);
	setenv("DREC_MIGRATE_DB_PASSWORD_FILE", "/nonexistent/ops-pw", 1);
	rc = itest_drecctl(&out, (const char *[]){ "migrate", NULL });
	unsetenv("DREC_MIGRATE_DB_PASSWORD_FILE");
	CU_ASSERT_EQUAL(rc, 1);
	CU_ASSERT(has(out, "/nonexistent/ops-pw"));
	free(out);
	free(cli);
	free(user);
	free(pw);
	free(sock);
	free(db);
	free(mig);
}

/*
 * drecctl's integer options are whole numbers (issue 14): "--org-id
 * 12abc" is a usage error (exit 2) naming the option, not organization
 * 12; nothing is created.
 */
static void
t07_drecctl_integers(void)
{
	char	*email = itest_unique_email("cli"), *out, *tok;
	int	 rc;

	rc = itest_drecctl(&out, (const char *[]){ "create-user", "--org-id",
	    "1abc", "--role", "User", "--email", email, "--password", PASSWORD,
	    NULL });
	CU_ASSERT_EQUAL(rc, 2);
	CU_ASSERT(has(out, "--org-id") && has(out, "\"1abc\""));
	free(out);
	tok = itest_login(email, PASSWORD);
	CU_ASSERT_PTR_NULL(tok);
	free(tok);
	rc = itest_drecctl(&out, (const char *[]){ "wait-db", "--timeout",
	    "5s", NULL });
	CU_ASSERT_EQUAL(rc, 2);
	CU_ASSERT(has(out, "--timeout"));
	free(out);
	rc = itest_drecctl(&out, (const char *[]){ "issue", "--every", "0x1",
	    NULL });
	CU_ASSERT_EQUAL(rc, 2);
	CU_ASSERT(has(out, "--every"));
	free(out);
	rc = itest_drecctl(&out, (const char *[]){ "no-such-command", NULL });
	CU_ASSERT_EQUAL(rc, 2);
	CU_ASSERT(has(out, "unknown command") && has(out, "create-admin"));
	free(out);
	/* The same options, well-formed: they work. */
	rc = itest_drecctl(&out, (const char *[]){ "wait-db", "--timeout",
	    "5", NULL });
	CU_ASSERT_EQUAL(rc, 0);
	free(out);
	free(email);
}

void
ops_tools_register(CU_pSuite s)
{
	itest_add(s, "drecctl create-admin twice without --org-name",
	    t05_create_admin_twice);
	itest_add(s, "database grants: drecd's user has DML only",
	    t06_db_grants);
	itest_add(s, "drecctl: strict integer options, unknown command",
	    t07_drecctl_integers);
}
