/*
 * drecd / drecctl configuration: defaults, then a "key = value" file
 * ('#' comments, blank lines), then environment overrides DREC_<KEY>
 * (key upper-cased, e.g. DREC_DB_PASSWORD).  See docs/operations.md §4.
 */
#ifndef CORE_CONFIG_H
#define CORE_CONFIG_H

#include <stddef.h>

enum profile { PROFILE_DEVELOPMENT, PROFILE_TEST, PROFILE_PRODUCTION, PROFILE__MAX };

#define CONFIG_STR 256
#define CONFIG_MAX_NODES 8	/* database nodes in db_nodes */

/* One database node of db_nodes: TCP host and port. */
struct config_node {
	char	host[CONFIG_STR];
	int	port;
};

struct config {
	enum profile	profile;
	char	listen[CONFIG_STR];	/* "unix:/path" or "tcp:host:port" or ":port" */
	char	listen_group[CONFIG_STR];	/* unix socket's group; "": ours */
	char	pid_file[CONFIG_STR];
	int	workers;		/* worker processes */
	int	threads;		/* FCGX_Accept_r threads per worker */
	char	db_host[CONFIG_STR];
	int	db_port;
	char	db_socket[CONFIG_STR];
	char	db_user[CONFIG_STR];
	char	db_password[CONFIG_STR];
	char	db_name[CONFIG_STR];
	/* drecctl migrate only: the user that may change the schema. */
	char	migrate_db_user[CONFIG_STR];	/* "": db_user */
	char	migrate_db_password_file[CONFIG_STR];	/* "": no password */
	int	db_pool_size;		/* connections per worker */
	int	db_wait_ms;		/* bounded wait for a pooled connection */
	int	db_timeout_s;		/* connect/read/write timeout */
	/* A Galera cluster: "host[:port], ..." in order of preference
	 * (replaces db_host, db_port and db_socket when set), parsed by
	 * config_load into db_node[0..db_nnodes). */
	char	db_nodes[CONFIG_STR * 2];
	struct config_node db_node[CONFIG_MAX_NODES];
	int	db_nnodes;
	int	db_sync_wait;		/* wsrep_sync_wait of db_nodes sessions */
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
	/* accounts.md §8.4: links, outgoing mail, token lifetimes, limits */
	char	ui_base_url[CONFIG_STR];	/* no trailing '/' */
	char	mail_from[CONFIG_STR];		/* "Name <addr>" or "addr" */
	char	mail_reply_to[CONFIG_STR];	/* "" = none */
	char	smtp_url[CONFIG_STR];
	char	smtp_tls[16];			/* off | try | required */
	char	smtp_ca_file[CONFIG_STR];	/* "" = system store */
	char	smtp_credentials_file[CONFIG_STR];	/* "" = no AUTH */
	int	smtp_timeout_s;
	int	mail_max_attempts;
	int	mail_retention_days;
	int	email_confirmation_required;	/* 0 | 1 */
	long	email_confirm_ttl_s;
	long	password_reset_ttl_s;
	long	invitation_ttl_s;
	int	invitation_max_open;
	int	invitation_max_per_day;
	int	invitation_max_mails_per_address;
	long	password_reset_fresh_s;		/* clients.md §4.1 */
};

/* The address part of mail_from ("a@b" of "Name <a@b>"), into out. */
int	 config_mail_address(const char *from, char *out, size_t outlen);

/* The default secret: only the development profile accepts it. */
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
 * validation (an empty jwt_secret is refused; the built-in one is refused
 * by every profile but development; production needs >= 32 bytes).
 * Returns 0 or -1 with err set.
 */
int	 config_load(struct config *, const char *path, char *err, size_t errlen);
const char *config_profile_name(enum profile);
/*
 * Parses s as a whole decimal integer in [min, max]: an optional '-', then
 * digits only (no space, no '+', no trailing text).  0 with *out set, or
 * -1.
 */
int	 config_parse_long(const char *s, long min, long max, long *out);
/*
 * Parses a node list, "host[:port]" items separated by commas and/or
 * white space ("[v6]:port" for IPv6), into out[0..max); a missing port is
 * defport.  Returns the number of nodes (>= 1), or -1 with err set (empty
 * list, empty or too long host, bad port, more than max nodes, the same
 * node twice).
 */
int	 config_nodes_parse(const char *text, int defport,
	    struct config_node *out, int max, char *err, size_t errlen);

#endif
