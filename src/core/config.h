/*
 * drecd / drecctl configuration: defaults, then a "key = value" file
 * ('#' comments, blank lines), then environment overrides DREC_<KEY>
 * (key upper-cased, e.g. DREC_DB_PASSWORD).  See docs/configuration.md.
 */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include <stddef.h>

enum profile { PROFILE_DEVELOPMENT, PROFILE_TEST, PROFILE_PRODUCTION, PROFILE__MAX };

#define CONFIG_STR 256

struct config {
	enum profile	profile;
	char	listen[CONFIG_STR];	/* "unix:/path" or "tcp:host:port" or ":port" */
	char	pid_file[CONFIG_STR];
	int	workers;		/* worker processes */
	int	threads;		/* FCGX_Accept_r threads per worker */
	char	db_host[CONFIG_STR];
	int	db_port;
	char	db_socket[CONFIG_STR];
	char	db_user[CONFIG_STR];
	char	db_password[CONFIG_STR];
	char	db_name[CONFIG_STR];
	int	db_pool_size;		/* connections per worker */
	int	db_wait_ms;		/* bounded wait for a pooled connection */
	int	db_timeout_s;		/* connect/read/write timeout */
	char	jwt_secret[CONFIG_STR];
	long	jwt_lifetime_s;
	int	bcrypt_cost;
	size_t	body_limit;		/* bytes, ordinary routes */
	size_t	body_limit_reads;	/* bytes, meter-read routes */
	int	skew_s;			/* future-timestamp allowance */
	int	meter_reads_max_batch;	/* reads per request */
	long	idempotency_ttl_s;	/* Idempotency-Key lifetime */
	int	reservation_expiry_days;	/* default expiry after the end */
	int	issuer_settle_seconds;	/* a window is due this long after its end */
	int	issuer_lease_seconds;	/* the issuer lease's lifetime */
	char	issuer_key_file[CONFIG_STR];	/* Ed25519 PEM private key */
	char	sql_dir[CONFIG_STR];	/* migrations for drecctl */
	char	log_level[16];
	/* integrators.md (§3, §5, §6) */
	long	client_token_ttl_s;	/* client sessions */
	long	api_user_export_window_s;	/* first credential export */
	int	jobs_enabled;		/* a bulk-job thread per worker */
	int	jobs_poll_ms;		/* idle claim interval */
	int	job_lease_s;		/* bulk-job lease lifetime */
	size_t	bulk_max_bytes;		/* upload body limit */
	int	bulk_max_rows;		/* device file rows */
	int	bulk_reads_max_rows;	/* read file rows */
	int	bulk_max_open_jobs;	/* Added or Running per organization */
	int	bulk_retention_days;	/* finished jobs kept */
	long	upload_file_ttl_s;	/* POST /api/file files kept */
};

/* The default secret: refused by the production profile. */
#define CONFIG_DEFAULT_JWT_SECRET "development-secret-change-me"

/* Fills defaults. */
void	 config_defaults(struct config *);
/*
 * Sets one key from text; returns 0, or -1 with a message in err naming the
 * key and what is allowed.  Unknown keys are errors.
 */
int	 config_set(struct config *, const char *key, const char *value,
	    char *err, size_t errlen);
/*
 * Defaults, then the file at path (NULL: none), then the environment, then
 * validation (production refuses a missing/default jwt_secret).
 * Returns 0 or -1 with err set.
 */
int	 config_load(struct config *, const char *path, char *err, size_t errlen);
const char *config_profile_name(enum profile);

#endif
