/*
 * drecctl's issuer commands (drecctl_issuer.h).  Exit statuses of
 * `issue` (certificates.md §4): 0 done (or skipped: a test-clock override
 * is set and --force was not given), 1 database error, 3 the lease is
 * held elsewhere, 4 no issuer key, 5 aborted after committing some work.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/jsonw.h"
#include "core/strbuf.h"
#include "core/timeutil.h"
#include "crypto/ledger.h"
#include "db/db.h"
#include "issuer/issuer.h"
#include "drecctl_issuer.h"

static struct db_conn *
open_db(const struct config *cfg)
{
	struct db_conn	*c;
	char		 err[512];

	if ((c = db_connect_one(cfg, 0, err, sizeof(err))) == NULL)
		fprintf(stderr, "drecctl: %s\n", err);
	return c;
}

/* One pass; prints the summary.  Returns the exit status. */
static int
one_pass(const struct config *cfg, int force)
{
	struct issuer_summary	 sum;
	struct issuer_key	 key;
	struct db_conn		*c;
	struct strbuf		 sb;
	struct jw		 w;
	enum issuer_result	 r;
	enum err		 e;
	int64_t			 now;
	int			 overridden = 0, rc;
	char			 err[512];

	if ((c = open_db(cfg)) == NULL)
		return 1;
	if ((e = db_clock_now(c, cfg->profile, &now, &overridden)) != ERR_OK) {
		fprintf(stderr, "drecctl: reading the clock: %s\n", err_name(e));
		db_close_one(c);
		return 1;
	}
	if (overridden && !force) {
		printf("test clock override set: no pass (use --force)\n");
		db_close_one(c);
		return 0;
	}
	if (issuer_key_load(cfg, c, now, &key, err, sizeof(err)) != 0) {
		fprintf(stderr, "drecctl: %s\n", err);
		db_close_one(c);
		return 4;
	}
	r = issuer_pass(c, cfg, &key, now, 0, &sum, &e);
	switch (r) {
	case ISSUER_BUSY:
		fprintf(stderr, "drecctl: ISSUER_BUSY: another issuer holds "
		    "the lease\n");
		rc = 3;
		break;
	case ISSUER_KEY_MISSING:
		fprintf(stderr, "drecctl: ISSUER_KEY_MISSING: no readable "
		    "issuer_key_file (drecctl issuer-key init)\n");
		rc = 4;
		break;
	case ISSUER_FAILED:
		fprintf(stderr, "drecctl: %s: %s\n", e == ERR_CRYPTO ?
		    "signing or random bytes failed" : "database error",
		    err_name(e));
		rc = 1;
		break;
	default:
		strbuf_init(&sb);
		jw_init(&w, &sb);
		issuer_summary_json(&w, &sum);
		printf("%s\n", sb.buf);
		strbuf_cleanup(&sb);
		rc = r == ISSUER_OK ? 0 : 5;
		if (r == ISSUER_PARTIAL)
			fprintf(stderr, "drecctl: ISSUER_PARTIAL: pass aborted "
			    "(%s); committed work kept\n", err_name(e));
	}
	issuer_summary_free(&sum);
	issuer_key_free(&key);
	db_close_one(c);
	return rc;
}

int
cmd_issue(const struct config *cfg, int argc, char *argv[])
{
	static struct option opts[] = {
		{ "every", required_argument, NULL, 'e' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 } };
	long	every = 0;
	int	ch, force = 0, rc;

	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			if (config_parse_long(optarg, 1, 86400, &every) != 0) {
				fprintf(stderr, "drecctl: --every: expected a "
				    "number of seconds from 1 to 86400, got "
				    "\"%s\"\n", optarg);
				return 2;
			}
			break;
		case 'f': force = 1; break;
		case 'h':
			printf("usage: drecctl issue [--every SECONDS] "
			    "[--force]\n");
			return 0;
		default: return 2;
		}
	}
	if (every == 0)
		return one_pass(cfg, force);
	for (;;) {	/* the local stack's timer; stopped by a signal */
		rc = one_pass(cfg, force);
		if (rc != 0 && rc != 3)
			fprintf(stderr, "drecctl: pass exited %d\n", rc);
		fflush(stdout);
		sleep((unsigned)every);
	}
}

int
cmd_issuer_key(const struct config *cfg, int argc, char *argv[])
{
	static struct option opts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 } };
	struct crypto_issuer_key	*k;
	unsigned char			 pub[CRYPTO_ED25519_KEY_LEN];
	char				 id[DOM_KEY_ID_LEN + 1];
	const char			*path = cfg->issuer_key_file;
	int				 ch;

	if (argc < 2 || strcmp(argv[1], "init") != 0) {
		fprintf(stderr, "usage: drecctl issuer-key init [--file PATH]\n");
		return 2;
	}
	optind = 2;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (ch != 'f')
			return 2;
		path = optarg;
	}
	if (path == NULL || *path == '\0') {
		fprintf(stderr, "drecctl: no issuer_key_file configured; use "
		    "--file PATH\n");
		return 2;
	}
	if ((k = crypto_issuer_key_generate()) == NULL) {
		fprintf(stderr, "drecctl: key generation failed\n");
		return 1;
	}
	if (crypto_issuer_key_write_file(k, path) != 0) {
		fprintf(stderr, "drecctl: %s: %s\n", path, errno == EEXIST ?
		    "exists; an issuer key is never replaced" : strerror(errno));
		crypto_issuer_key_free(k);
		return 1;
	}
	crypto_issuer_key_public(k, pub);
	crypto_ed25519_key_id(pub, id);
	crypto_issuer_key_free(k);
	printf("issuer key %s written to %s (mode 0600)\n", id, path);
	return 0;
}

int
cmd_ledger(const struct config *cfg, int argc, char *argv[])
{
	struct db_conn	*c;
	char		 out[512];
	int		 rc;

	if (argc < 2 || strcmp(argv[1], "verify") != 0) {
		fprintf(stderr, "usage: drecctl ledger verify\n");
		return 2;
	}
	if ((c = open_db(cfg)) == NULL)
		return 1;
	rc = issuer_ledger_verify(c, out, sizeof(out));
	printf("%s\n", out);
	db_close_one(c);
	return rc < 0 ? 2 : rc;
}
