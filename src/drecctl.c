/*
 * drecctl: administration from the command line (users.md §5).
 *   drecctl [-c config] migrate
 *   drecctl [-c config] create-admin --email E --password P|- [--org-name N]
 *   drecctl [-c config] create-user --org-id N --role R --email E
 *           --password P|- [--first-name F] [--last-name L]
 *   drecctl [-c config] wait-db [--timeout S]
 *   drecctl [-c config] issue [--every S] [--force]	(drecctl_issuer.c)
 *   drecctl [-c config] issuer-key init [--file PATH]
 *   drecctl [-c config] ledger verify
 *   drecctl [-c config] mail [--every S] [--flush] | status | retry ID
 *           (drecctl_mail.c)
 *   drecctl openapi	(docs/openapi.json on stdout; no configuration)
 * Exit 0 on success, 1 on a refused operation (the error's code printed),
 * 2 on usage errors.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/config.h"
#include "core/nelem.h"
#include "core/timeutil.h"
#include "crypto/crypto.h"
#include "db/db.h"
#include "domain/roles.h"
#include "domain/user_rules.h"
#include "account/account.h"
#include "api/api.h"
#include "api/openapi.h"
#include "drecctl_issuer.h"
#include "drecctl_mail.h"

static struct config	 cfg;

static void usage(void) __attribute__((noreturn));

/*
 * A whole decimal integer in [min, max] (no sign, space or trailing
 * text: "--org-id 12abc" is an error, not 12); exits 2 naming the option
 * otherwise.
 */
static long
int_arg(const char *opt, const char *v, long min, long max)
{
	long	n;

	if (v == NULL || config_parse_long(v, min, max, &n) != 0) {
		fprintf(stderr, "drecctl: %s: expected an integer from %ld to "
		    "%ld, got \"%s\"\n", opt, min, max, v ? v : "");
		exit(2);
	}
	return n;
}

static struct db_conn *
connect_or_die(int multi)
{
	struct db_conn	*c;
	char		 err[512];

	if ((c = db_connect_one(&cfg, multi, err, sizeof(err))) == NULL) {
		fprintf(stderr, "drecctl: %s\n", err);
		exit(1);
	}
	return c;
}

/* "-" reads one line from standard input (kept out of process listings). */
static char *
password_arg(const char *v)
{
	static char	line[1024];
	size_t		n;

	if (v == NULL || strcmp(v, "-") != 0)
		return (char *)v;
	if (fgets(line, sizeof(line), stdin) == NULL)
		return NULL;
	n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static int
fail(const char *code, const char *msg)
{
	fprintf(stderr, "drecctl: %s: %s\n", code, msg);
	return 1;
}

/* Validates e-mail (normalised in place) and password per users.md §4.1. */
static int
check_credentials(char *email, const char *pw)
{
	const char *why;

	dom_ascii_lower(dom_trim(email));
	if ((why = dom_check_email(email, strlen(email))) != NULL)
		return fail("INVALID_FIELD", why);
	if (pw == NULL)
		return fail("INVALID_FIELD", "password: is required");
	if ((why = dom_check_password(pw, strlen(pw))) != NULL)
		return fail("INVALID_FIELD", why);
	return 0;
}

/*
 * Creates the account and reports the outcome.  org_hint: what to say when
 * the organization name is taken (create-admin), or NULL.
 */
static int
create(struct db_conn *c, struct account_new *n, const char *org_hint)
{
	enum ecode	 code;
	char		 msg[512];
	int64_t		 uid, now;
	enum err	 e;

	if ((e = db_clock_now(c, cfg.profile, &now, NULL)) != ERR_OK)
		return fail("DB_UNAVAILABLE", err_name(e));
	e = account_create(c, cfg.bcrypt_cost, now, n, &uid, &code);
	if (e == ERR_CONFLICT && code == E_ORGANIZATION_NAME_TAKEN) {
		snprintf(msg, sizeof(msg), "an organization named \"%s\" "
		    "exists%s", n->org_name, org_hint ? org_hint : "");
		return fail(ecode_code(code), msg);
	}
	if (e == ERR_CONFLICT) {
		snprintf(msg, sizeof(msg), "a user with e-mail %s exists",
		    n->email);
		return fail(ecode_code(code), msg);
	}
	if (e != ERR_OK)
		return fail(e == ERR_CRYPTO ? "INTERNAL_ERROR" : "DB_ERROR",
		    err_name(e));
	printf("created user %lld (%s, %s)\n", (long long)uid, n->email, n->role);
	return 0;
}

static int
cmd_create_admin(const struct config *conf, int argc, char *argv[])
{
	static struct option	 opts[] = {
		{ "email", required_argument, NULL, 'e' },
		{ "password", required_argument, NULL, 'p' },
		{ "org-name", required_argument, NULL, 'o' },
		{ NULL, 0, NULL, 0 } };
	struct account_new	 n;
	struct db_user		 u;
	struct arena		*a;
	struct db_conn		*c;
	char			*email = NULL, *pw = NULL, *org = "Admin";
	int			 ch, rc, org_given = 0;
	enum err		 e;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch == 'e')
			email = optarg;		/* normalised in place */
		else if (ch == 'p')
			pw = optarg;
		else if (ch == 'o') {
			org = dom_trim(optarg);
			org_given = 1;
		}
		else
			usage();
	}
	if (email == NULL || pw == NULL)
		usage();
	pw = password_arg(pw);
	if ((rc = check_credentials(email, pw)) != 0)
		return rc;
	if (org[0] == '\0' || strlen(org) > 255)
		return fail("INVALID_FIELD", "--org-name: 1-255 characters");
	c = connect_or_die(0);
	a = arena_new();
	e = db_user_by_email(c, a, email, &u);
	if (e == ERR_OK) {
		rc = strcmp(u.role, "Admin") == 0 ? 0 :
		    fail("EMAIL_TAKEN", "the e-mail belongs to a non-Admin user");
		if (rc == 0)
			printf("admin %s exists (user %lld); unchanged\n", email,
			    (long long)u.id);
	} else if (e != ERR_NOTFOUND) {
		rc = fail("DB_ERROR", err_name(e));
	} else {
		memset(&n, 0, sizeof(n));
		n.first_name = "Admin";
		n.last_name = "Admin";
		n.email = email;
		n.password = pw;
		n.role = "Admin";
		n.org_name = org;
		n.org_type = "Admin";
		/* users.md §5: each Admin has an organization of its own. */
		rc = create(c, &n, org_given ? "; each Admin gets an "
		    "organization of its own: pass --org-name with a name no "
		    "organization has" : " (\"Admin\" is the default when "
		    "--org-name is omitted); each Admin gets an organization of its own: pass "
		    "--org-name NAME with a name no organization has, e.g. "
		    "--org-name \"Admin 2\"");
	}
	arena_free(a);
	db_close_one(c);
	return rc;
}

static int
cmd_create_user(const struct config *conf, int argc, char *argv[])
{
	static struct option	 opts[] = {
		{ "org-id", required_argument, NULL, 'g' },
		{ "role", required_argument, NULL, 'r' },
		{ "email", required_argument, NULL, 'e' },
		{ "password", required_argument, NULL, 'p' },
		{ "first-name", required_argument, NULL, 'f' },
		{ "last-name", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 } };
	struct account_new	 n;
	struct db_org		 o;
	struct arena		*a;
	struct db_conn		*c;
	char			*email = NULL, *pw = NULL, *first = NULL,
				*last = NULL, *at, local[256];
	const char		*role = NULL;
	long			 org_id = 0;
	int			 ch, rc;
	enum err		 e;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'g': org_id = int_arg("--org-id", optarg, 1, LONG_MAX); break;
		case 'r': role = dom_canonical(optarg, dom_role_names); break;
		case 'e': email = optarg; break;	/* normalised in place */
		case 'p': pw = optarg; break;
		case 'f': first = dom_trim(optarg); break;
		case 'l': last = dom_trim(optarg); break;
		default: usage();
		}
	}
	if (email == NULL || pw == NULL || org_id < 1)
		usage();
	if (role == NULL)
		return fail("INVALID_FIELD", "--role: use OrganizationAdmin, "
		    "DeviceOwner, Buyer, SubBuyer or User");
	pw = password_arg(pw);
	if ((rc = check_credentials(email, pw)) != 0)
		return rc;
	if (first == NULL) {
		/* The local part (at most 64 octets: check_credentials). */
		snprintf(local, sizeof(local), "%s", email);
		if ((at = strchr(local, '@')) != NULL)
			*at = '\0';
		first = local;
	}
	if (last == NULL)
		last = first;
	c = connect_or_die(0);
	a = arena_new();
	if ((e = db_org_by_id(c, a, (int64_t)org_id, &o)) == ERR_NOTFOUND)
		rc = fail("ORGANIZATION_NOT_FOUND", "no such organization");
	else if (e != ERR_OK)
		rc = fail("DB_ERROR", err_name(e));
	else if (!dom_role_fits(role, o.type))
		rc = fail("ROLE_NOT_ALLOWED_FOR_ORGANIZATION",
		    "the role does not fit the organization's type");
	else {
		memset(&n, 0, sizeof(n));
		n.first_name = first;
		n.last_name = last;
		n.email = email;
		n.password = pw;
		n.role = role;
		n.org_id = o.id;
		rc = create(c, &n, NULL);
	}
	arena_free(a);
	db_close_one(c);
	return rc;
}

/*
 * The migration user's credentials into *mc (a copy of cfg): user
 * migrate_db_user, password the first line of migrate_db_password_file
 * (none when unset).  Without migrate_db_user, db_user's.  0, or -1 with a
 * message on standard error.
 */
static int
migrate_credentials(struct config *mc)
{
	FILE	*f;
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 n;

	*mc = cfg;
	if (cfg.migrate_db_user[0] == '\0')
		return 0;
	memcpy(mc->db_user, cfg.migrate_db_user, sizeof(mc->db_user));
	explicit_bzero(mc->db_password, sizeof(mc->db_password));
	if (cfg.migrate_db_password_file[0] == '\0')
		return 0;
	if ((f = fopen(cfg.migrate_db_password_file, "r")) == NULL) {
		fprintf(stderr, "drecctl: migrate_db_password_file %s: %s\n",
		    cfg.migrate_db_password_file, strerror(errno));
		return -1;
	}
	n = getline(&line, &cap, f);
	fclose(f);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	if (n < 0 || (size_t)n >= sizeof(mc->db_password)) {
		fprintf(stderr, "drecctl: migrate_db_password_file %s: expected "
		    "one line of 1-%zu bytes\n", cfg.migrate_db_password_file,
		    sizeof(mc->db_password) - 1);
		if (line != NULL)
			explicit_bzero(line, cap);
		free(line);
		return -1;
	}
	memcpy(mc->db_password, line, (size_t)n + 1);
	explicit_bzero(line, cap);
	free(line);
	return 0;
}

/* Migrations run as the migration user (docs/operations.md §3). */
static int
cmd_migrate(const struct config *conf, int argc, char *argv[])
{
	struct config	 mc;
	struct db_conn	*c;
	char		 err[1024];
	int		 rc;

	if (migrate_credentials(&mc) != 0)
		return 1;
	c = db_connect_one(&mc, 1, err, sizeof(err));
	explicit_bzero(mc.db_password, sizeof(mc.db_password));
	if (c == NULL) {
		fprintf(stderr, "drecctl: migrate as %s: %s\n", mc.db_user, err);
		return 1;
	}
	rc = db_migrate(c, cfg.sql_dir, stdout, err, sizeof(err));
	if (rc != 0)
		fprintf(stderr, "drecctl: migrate as %s: %s\n", mc.db_user, err);
	else
		printf("migrations up to date\n");
	db_close_one(c);
	return rc == 0 ? 0 : 1;
}

static int
cmd_wait_db(const struct config *conf, int argc, char *argv[])
{
	struct db_conn	*c;
	char		 err[512];
	int64_t		 deadline;
	int		 timeout = 30;

	if (argc == 3 && strcmp(argv[1], "--timeout") == 0)
		timeout = (int)int_arg("--timeout", argv[2], 0, 86400);
	else if (argc != 1)
		usage();
	deadline = time_mono_us() + (int64_t)timeout * 1000000;
	for (;;) {
		if ((c = db_connect_one(&cfg, 0, err, sizeof(err))) != NULL) {
			db_close_one(c);
			return 0;
		}
		if (time_mono_us() > deadline) {
			fprintf(stderr, "drecctl: %s\n", err);
			return 1;
		}
		usleep(200000);
	}
}

/*
 * Prints the OpenAPI document of the route table (docs/openapi.md); 1
 * when a route lacks its description or the table has another problem
 * (each named on stderr).
 */
static int
cmd_openapi(const struct config *conf, int argc, char *argv[])
{
	struct json_object	*doc;
	int			 problems;

	(void)conf;
	(void)argv;
	if (argc != 1)
		usage();
	if ((doc = api_openapi(stderr, &problems)) == NULL) {
		fprintf(stderr, "drecctl: out of memory\n");
		return 1;
	}
	printf("%s\n", json_object_to_json_string_ext(doc,
	    JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
	    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(doc);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("drecctl: stdout");
		return 1;
	}
	return problems > 0;
}

/*
 * The subcommands (users.md §5, certificates.md §4, §8).  Each gets the
 * loaded configuration and its own argv (argv[0] is its name) and returns
 * the exit status.
 */
static const struct command {
	const char	*name;
	int		(*fn)(const struct config *, int, char *[]);
	const char	*args;
} commands[] = {
	{ "migrate", cmd_migrate, "" },
	{ "create-admin", cmd_create_admin,
	    " --email E --password P|- [--org-name N]" },
	{ "create-user", cmd_create_user, " --org-id N --role R --email E "
	    "--password P|-\n               [--first-name F] [--last-name L]" },
	{ "wait-db", cmd_wait_db, " [--timeout S]" },
	{ "issue", cmd_issue, " [--every S] [--force]" },
	{ "issuer-key", cmd_issuer_key, " init [--file PATH]" },
	{ "ledger", cmd_ledger, " verify" },
	{ "mail", cmd_mail, " [--every S] [--flush] | status | retry ID" },
	{ "openapi", cmd_openapi, "" },
};

static void
usage(void)
{
	size_t	i;

	for (i = 0; i < NELEM(commands); i++)
		fprintf(stderr, "%s drecctl [-c config] %s%s\n",
		    i ? "      " : "usage:", commands[i].name, commands[i].args);
	exit(2);
}

int
main(int argc, char *argv[])
{
	const char	*path = getenv("DREC_CONFIG");
	char		 err[512];
	size_t		 i;
	int		 ch;

	while ((ch = getopt(argc, argv, "+c:")) != -1) {
		if (ch == 'c')
			path = optarg;
		else
			usage();
	}
	argc -= optind;
	argv += optind;
	if (argc < 1)
		usage();
	for (i = 0; i < NELEM(commands); i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			break;
	if (i == NELEM(commands)) {
		fprintf(stderr, "drecctl: unknown command \"%s\"\n", argv[0]);
		usage();
	}
	/* The document depends on the build alone, never on a config. */
	if (commands[i].fn == cmd_openapi)
		return cmd_openapi(NULL, argc, argv);
	if (config_load(&cfg, path, err, sizeof(err)) != 0) {
		fprintf(stderr, "drecctl: %s\n", err);
		/* accounts.md §8.3: the mailer's configuration errors are 2. */
		return strcmp(argv[0], "mail") == 0 ? 2 : 1;
	}
	optind = 1;
	return commands[i].fn(&cfg, argc, argv);
}
