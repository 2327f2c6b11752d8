/*
 * Configuration: defaults, a "key = value" file, DREC_<KEY> environment
 * overrides, then validation.  Keys are the member names of struct config
 * plus "profile".  Values are never echoed in messages (some are secrets).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"
#include "core/nelem.h"

#ifndef DREC_PKGDATADIR
#define DREC_PKGDATADIR "/usr/share/drec"
#endif

#define MIN_PROD_SECRET	32

enum ctype { C_STR, C_INT, C_LONG, C_SIZE, C_PROFILE, C_LOGLEVEL, C_BOOL };

struct ckey {
	const char	*name;
	enum ctype	 type;
	size_t		 off;
	size_t		 size;	/* C_STR: buffer size */
	long		 min, max;
};

#define S(m)		{ #m, C_STR, offsetof(struct config, m), \
			    sizeof(((struct config *)0)->m), 0, 0 }
#define I(m, lo, hi)	{ #m, C_INT, offsetof(struct config, m), 0, lo, hi }
#define L(m, lo, hi)	{ #m, C_LONG, offsetof(struct config, m), 0, lo, hi }
#define Z(m, lo, hi)	{ #m, C_SIZE, offsetof(struct config, m), 0, lo, hi }

static const struct ckey keys[] = {
	{ "profile", C_PROFILE, offsetof(struct config, profile), 0, 0, 0 },
	S(listen),
	S(listen_group),
	S(pid_file),
	I(workers, 1, 256),
	I(threads, 1, 256),
	S(db_host),
	I(db_port, 0, 65535),
	S(db_socket),
	S(db_user),
	S(db_password),
	S(db_name),
	S(migrate_db_user),
	S(migrate_db_password_file),
	I(db_pool_size, 1, 256),
	I(db_wait_ms, 1, 600000),
	I(db_timeout_s, 1, 3600),
	S(db_nodes),
	I(db_sync_wait, 0, 15),
	S(jwt_secret),
	L(jwt_lifetime_s, 60, 31536000),
	I(bcrypt_cost, 4, 31),
	Z(body_limit, 1024, 1073741824),
	Z(body_limit_reads, 1024, 1073741824),
	I(skew_s, 0, 86400),
	I(meter_reads_max_batch, 1, 1000000),
	L(idempotency_ttl_s, 1, 31536000),
	I(reservation_expiry_days, 0, 3650),
	I(issuer_settle_seconds, 0, 86400),
	I(issuer_lease_seconds, 5, 3600),
	S(issuer_key_file),
	S(sql_dir),
	{ "log_level", C_LOGLEVEL, offsetof(struct config, log_level),
	    sizeof(((struct config *)0)->log_level), 0, 0 },
	L(client_token_ttl_s, 60, 86400),
	L(api_user_export_window_s, 0, 86400),
	I(jobs_enabled, 0, 1),
	I(jobs_poll_ms, 10, 60000),
	I(job_lease_s, 2, 3600),
	Z(bulk_max_bytes, 1024, 1073741824),
	I(bulk_max_rows, 1, 1000000),
	I(bulk_reads_max_rows, 1, 10000000),
	I(bulk_max_open_jobs, 1, 1000),
	I(bulk_retention_days, 1, 3650),
	L(upload_file_ttl_s, 60, 31536000),
	S(ui_base_url),
	S(mail_from),
	S(mail_reply_to),
	S(smtp_url),
	S(smtp_tls),
	S(smtp_ca_file),
	S(smtp_credentials_file),
	I(smtp_timeout_s, 1, 600),
	I(mail_max_attempts, 1, 1000),
	I(mail_retention_days, 1, 3650),
	{ "email_confirmation_required", C_BOOL,
	    offsetof(struct config, email_confirmation_required), 0, 0, 1 },
	L(email_confirm_ttl_s, 60, 31536000),
	L(password_reset_ttl_s, 60, 31536000),
	L(invitation_ttl_s, 60, 31536000),
	I(invitation_max_open, 1, 1000000),
	I(invitation_max_per_day, 1, 1000000),
	I(invitation_max_mails_per_address, 1, 1000000),
	L(password_reset_fresh_s, 0, 31536000),
};

static const char *const profile_names[PROFILE__MAX] = {
	"development", "test", "production"
};

static const char *const log_levels[] = { "debug", "info", "warn", "error" };

const char *
config_profile_name(enum profile p)
{
	if ((unsigned)p >= PROFILE__MAX)
		return "unknown";
	return profile_names[p];
}

void
config_defaults(struct config *c)
{
	memset(c, 0, sizeof(*c));
	c->profile = PROFILE_DEVELOPMENT;
	snprintf(c->listen, sizeof(c->listen), "unix:/run/drecd/drecd.sock");
	c->workers = 2;
	c->threads = 4;
	snprintf(c->db_host, sizeof(c->db_host), "127.0.0.1");
	c->db_port = 3306;
	snprintf(c->db_user, sizeof(c->db_user), "drec");
	snprintf(c->db_name, sizeof(c->db_name), "drec");
	c->db_pool_size = 4;
	c->db_wait_ms = 2000;
	c->db_timeout_s = 5;
	c->db_sync_wait = 1;
	snprintf(c->jwt_secret, sizeof(c->jwt_secret), "%s",
	    CONFIG_DEFAULT_JWT_SECRET);
	c->jwt_lifetime_s = 2592000;
	c->bcrypt_cost = 10;
	c->body_limit = 1048576;
	c->body_limit_reads = 16777216;
	c->skew_s = 300;
	c->meter_reads_max_batch = 10000;
	c->idempotency_ttl_s = 86400;
	c->reservation_expiry_days = 60;
	c->issuer_settle_seconds = 300;
	c->issuer_lease_seconds = 60;
	snprintf(c->sql_dir, sizeof(c->sql_dir), "%s", DREC_PKGDATADIR "/sql");
	snprintf(c->log_level, sizeof(c->log_level), "info");
	c->client_token_ttl_s = 3600;
	c->api_user_export_window_s = 900;
	c->jobs_enabled = 1;
	c->jobs_poll_ms = 500;
	c->job_lease_s = 30;
	c->bulk_max_bytes = 16777216;
	c->bulk_max_rows = 10000;
	c->bulk_reads_max_rows = 200000;
	c->bulk_max_open_jobs = 5;
	c->bulk_retention_days = 30;
	c->upload_file_ttl_s = 86400;
	snprintf(c->smtp_url, sizeof(c->smtp_url), "smtp://127.0.0.1:25");
	c->smtp_timeout_s = 30;
	c->mail_max_attempts = 30;
	c->mail_retention_days = 30;
	c->email_confirm_ttl_s = 172800;
	c->password_reset_ttl_s = 3600;
	c->invitation_ttl_s = 604800;
	c->invitation_max_open = 50;
	c->invitation_max_per_day = 100;
	c->invitation_max_mails_per_address = 3;
	c->password_reset_fresh_s = 900;
}

int
config_parse_long(const char *s, long min, long max, long *out)
{
	char	*end;
	long	 v;

	if (*s == '\0' || isspace((unsigned char)*s) || *s == '+')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int
config_set(struct config *c, const char *key, const char *value,
    char *err, size_t errlen)
{
	const struct ckey	*k = NULL;
	char			*p;
	size_t			 i;
	long			 v;

	for (i = 0; i < NELEM(keys); i++)
		if (strcmp(keys[i].name, key) == 0) {
			k = &keys[i];
			break;
		}
	if (k == NULL) {
		snprintf(err, errlen, "unknown configuration key \"%s\"", key);
		return -1;
	}
	p = (char *)c + k->off;
	switch (k->type) {
	case C_STR:
		if (strlen(value) >= k->size) {
			snprintf(err, errlen, "%s: value longer than %zu bytes",
			    key, k->size - 1);
			return -1;
		}
		memcpy(p, value, strlen(value) + 1);
		return 0;
	case C_PROFILE:
		for (i = 0; i < PROFILE__MAX; i++)
			if (strcmp(value, profile_names[i]) == 0) {
				c->profile = (enum profile)i;
				return 0;
			}
		snprintf(err, errlen,
		    "%s: must be development, test or production", key);
		return -1;
	case C_LOGLEVEL:
		for (i = 0; i < NELEM(log_levels); i++)
			if (strcmp(value, log_levels[i]) == 0) {
				snprintf(p, k->size, "%s", value);
				return 0;
			}
		snprintf(err, errlen, "%s: must be debug, info, warn or error",
		    key);
		return -1;
	case C_BOOL:
		if (strcmp(value, "true") == 0 || strcmp(value, "1") == 0)
			*(int *)(void *)p = 1;
		else if (strcmp(value, "false") == 0 || strcmp(value, "0") == 0)
			*(int *)(void *)p = 0;
		else {
			snprintf(err, errlen, "%s: must be true or false", key);
			return -1;
		}
		return 0;
	case C_INT:
	case C_LONG:
	case C_SIZE:
		if (config_parse_long(value, k->min, k->max, &v) == -1) {
			snprintf(err, errlen,
			    "%s: must be an integer from %ld to %ld",
			    key, k->min, k->max);
			return -1;
		}
		if (k->type == C_INT)
			*(int *)(void *)p = (int)v;
		else if (k->type == C_LONG)
			*(long *)(void *)p = v;
		else
			*(size_t *)(void *)p = (size_t)v;
		return 0;
	}
	abort();
}

/* Trims leading and trailing white space in place; returns the start. */
static char *
trim(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Reads "key = value" lines from path; 0 ok, -1 with "file:line: ..." */
static int
config_file(struct config *c, const char *path, char *err, size_t errlen)
{
	FILE	*f;
	char	*line = NULL, *key, *val, *eq, msg[512];
	size_t	 cap = 0, len, lineno = 0;
	int	 rc = -1;

	if ((f = fopen(path, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) != -1) {
		lineno++;
		key = trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		if ((eq = strchr(key, '=')) == NULL) {
			snprintf(err, errlen, "%s:%zu: expected \"key = value\"",
			    path, lineno);
			goto out;
		}
		*eq = '\0';
		key = trim(key);
		val = trim(eq + 1);
		len = strlen(val);
		if (len >= 2 && val[0] == '"' && val[len - 1] == '"') {
			val[len - 1] = '\0';
			val++;
		}
		if (config_set(c, key, val, msg, sizeof(msg)) == -1) {
			snprintf(err, errlen, "%s:%zu: %s", path, lineno, msg);
			goto out;
		}
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error", path);
		goto out;
	}
	rc = 0;
out:
	if (line != NULL) {
		/* The buffer may have held a secret. */
		memset(line, 0, cap);
		free(line);
	}
	fclose(f);
	return rc;
}

/* Applies DREC_<KEY> environment overrides. */
static int
config_env(struct config *c, char *err, size_t errlen)
{
	char		 name[64], msg[512];
	const char	*v;
	size_t		 i, j;

	for (i = 0; i < NELEM(keys); i++) {
		snprintf(name, sizeof(name), "DREC_");
		for (j = 0; keys[i].name[j] != '\0' && j + 6 < sizeof(name);
		    j++)
			name[5 + j] =
			    (char)toupper((unsigned char)keys[i].name[j]);
		name[5 + j] = '\0';
		if ((v = getenv(name)) == NULL)
			continue;
		if (config_set(c, keys[i].name, v, msg, sizeof(msg)) == -1) {
			snprintf(err, errlen, "environment %s: %s", name, msg);
			return -1;
		}
	}
	return 0;
}

/*
 * Under systemd the issuer key arrives as a credential (LoadCredential=
 * issuer.key:...): with no issuer_key_file configured, use
 * $CREDENTIALS_DIRECTORY/issuer.key.
 */
static void
credentials_key(struct config *c)
{
	const char *dir = getenv("CREDENTIALS_DIRECTORY");

	if (c->issuer_key_file[0] == '\0' && dir != NULL && *dir == '/')
		snprintf(c->issuer_key_file, sizeof(c->issuer_key_file),
		    "%s/issuer.key", dir);
	/* accounts.md §8.4: LoadCredential=smtp:... for the mailer. */
	if (c->smtp_credentials_file[0] == '\0' && dir != NULL && *dir == '/') {
		char	path[CONFIG_STR + 16];
		FILE	*f;

		snprintf(path, sizeof(path), "%s/smtp", dir);
		if (strlen(path) < sizeof(c->smtp_credentials_file) &&
		    (f = fopen(path, "r")) != NULL) {
			fclose(f);
			snprintf(c->smtp_credentials_file,
			    sizeof(c->smtp_credentials_file), "%s", path);
		}
	}
}

int
config_mail_address(const char *from, char *out, size_t outlen)
{
	const char	*lt = strrchr(from, '<'), *gt;
	size_t		 n;

	if (lt != NULL) {
		if ((gt = strchr(lt, '>')) == NULL || gt[1] != '\0')
			return -1;
		from = lt + 1;
		n = (size_t)(gt - from);
	} else
		n = strlen(from);
	if (n < 3 || n >= outlen || memchr(from, '@', n) == NULL)
		return -1;
	memcpy(out, from, n);
	out[n] = '\0';
	for (; *out != '\0'; out++)
		if ((unsigned char)*out <= ' ' || *out == '<' || *out == '>' ||
		    (unsigned char)*out >= 0x7f)
			return -1;
	return 0;
}

/* accounts.md §8.4: profile defaults and the shape of the mail keys. */
static int
config_mail(struct config *c, char *err, size_t errlen)
{
	const char	*p;
	char		 addr[CONFIG_STR];
	size_t		 n;
	int		 prod = c->profile == PROFILE_PRODUCTION;

	if (prod && (c->ui_base_url[0] == '\0' || c->mail_from[0] == '\0')) {
		snprintf(err, errlen, "%s: the production profile requires it "
		    "(accounts.md §8.4)", c->ui_base_url[0] == '\0' ?
		    "ui_base_url" : "mail_from");
		return -1;
	}
	if (c->ui_base_url[0] == '\0')
		snprintf(c->ui_base_url, sizeof(c->ui_base_url),
		    "http://localhost:4200");
	if (c->mail_from[0] == '\0')
		snprintf(c->mail_from, sizeof(c->mail_from),
		    "D-REC <no-reply@drec.test>");
	if (c->smtp_tls[0] == '\0')
		snprintf(c->smtp_tls, sizeof(c->smtp_tls), "%s",
		    prod ? "required" : "off");
	p = c->ui_base_url;
	if ((strncmp(p, "http://", 7) != 0 && strncmp(p, "https://", 8) != 0) ||
	    strpbrk(p, "?# \t\r\n") != NULL) {
		snprintf(err, errlen, "ui_base_url: must be an http(s) URL "
		    "without query or fragment");
		return -1;
	}
	n = strlen(c->ui_base_url);
	while (n > 0 && c->ui_base_url[n - 1] == '/')
		c->ui_base_url[--n] = '\0';
	for (p = c->mail_from; *p != '\0'; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f)
			break;
	if (*p != '\0' || config_mail_address(c->mail_from, addr,
	    sizeof(addr)) != 0) {
		snprintf(err, errlen, "mail_from: must be \"Name <a@b>\" or "
		    "\"a@b\"");
		return -1;
	}
	for (p = c->mail_reply_to; *p != '\0'; p++)
		if ((unsigned char)*p < ' ' || *p == 0x7f) {
			snprintf(err, errlen, "mail_reply_to: control "
			    "characters are not allowed");
			return -1;
		}
	if (strcmp(c->smtp_tls, "off") != 0 && strcmp(c->smtp_tls, "try") != 0 &&
	    strcmp(c->smtp_tls, "required") != 0) {
		snprintf(err, errlen, "smtp_tls: must be off, try or required");
		return -1;
	}
	return 0;
}

int
config_load(struct config *c, const char *path, char *err, size_t errlen)
{
	char	msg[300];

	config_defaults(c);
	if (path != NULL && config_file(c, path, err, errlen) == -1)
		return -1;
	if (config_env(c, err, errlen) == -1)
		return -1;
	credentials_key(c);
	/*
	 * The built-in secret is public (it is in this file): only the
	 * development profile may sign tokens with it.  An empty key never.
	 */
	if (c->jwt_secret[0] == '\0' ||
	    (c->profile != PROFILE_DEVELOPMENT &&
	    strcmp(c->jwt_secret, CONFIG_DEFAULT_JWT_SECRET) == 0)) {
		snprintf(err, errlen, "jwt_secret: the %s profile requires a "
		    "secret of its own (set jwt_secret or DREC_JWT_SECRET; "
		    "only the development profile may use the built-in one)",
		    config_profile_name(c->profile));
		return -1;
	}
	c->db_nnodes = 0;
	if (c->db_nodes[0] != '\0' && (c->db_nnodes = config_nodes_parse(
	    c->db_nodes, c->db_port, c->db_node, CONFIG_MAX_NODES, msg,
	    sizeof(msg))) == -1) {
		snprintf(err, errlen, "db_nodes: %s", msg);
		return -1;
	}
	if (c->profile == PROFILE_PRODUCTION) {
		if (strlen(c->jwt_secret) < MIN_PROD_SECRET) {
			snprintf(err, errlen, "jwt_secret: the production "
			    "profile requires at least %d bytes",
			    MIN_PROD_SECRET);
			return -1;
		}
	}
	return config_mail(c, err, errlen);
}
