/*
 * drecd: the master process.  Loads the configuration, binds the FastCGI
 * socket (or takes it from systemd socket activation), forks the worker
 * processes and supervises them:
 *   - a worker that dies is restarted, with exponential back-off when it
 *     dies young (crash loops do not spin);
 *   - SIGHUP re-reads the configuration, starts a new generation of
 *     workers on the same socket, then drains the old one (no request is
 *     dropped: the socket never closes);
 *   - SIGTERM/SIGINT closes a self-bound socket for new connections,
 *     drains every worker (in-flight and queued requests complete) and
 *     exits.
 * Workers run http_serve() with the API handler and their own DB pool.
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "db/db.h"
#include "http/server.h"
#include "api/api.h"
#include "api/bulk.h"

#define MAX_WORKERS	256
#define BACKOFF_MIN_MS	100
#define BACKOFF_MAX_MS	5000
#define YOUNG_MS	2000
#define DRAIN_MAX_S	30

struct worker {
	pid_t	pid;		/* 0: slot free */
	int	gen;
	int64_t	started_ms;
	int64_t	respawn_at_ms;	/* > 0: restart this slot then */
	int	backoff_ms;
};

static struct worker	workers[MAX_WORKERS];
static struct config	cfg;
static const char	*config_path;
static int		 listen_fd = -1;
static int		 generation;

static void
usage(void)
{
	fprintf(stderr, "usage: drecd [-c config-file] [-t]\n"
	    "  -t  check the configuration and exit\n");
	exit(2);
}

/* systemd socket activation (sd_listen_fds(3)): fd 3 when passed to us. */
static int
inherited_socket(void)
{
	const char	*pid = getenv("LISTEN_PID"), *fds = getenv("LISTEN_FDS");

	if (pid == NULL || fds == NULL || (pid_t)atol(pid) != getpid() ||
	    atoi(fds) < 1)
		return -1;
	unsetenv("LISTEN_PID");
	unsetenv("LISTEN_FDS");
	unsetenv("LISTEN_FDNAMES");
	return 3;
}

static void
worker_main(void)
{
	struct api_ctx	ctx;
	sigset_t	set;
	char		err[256];

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	log_set_ident("drecd-worker");
	memset(&ctx, 0, sizeof(ctx));
	ctx.cfg = &cfg;
	if (issuer_key_load(&cfg, NULL, 0, &ctx.issuer, err, sizeof(err)) != 0)
		log_error(NULL, "%s; issuing and claiming are disabled", err);
	if ((ctx.pool = db_pool_new(&cfg)) == NULL) {
		log_error(NULL, "cannot allocate the connection pool");
		_exit(1);
	}
	if (log_access_buffered() != 0)
		log_warn(NULL, "access lines are written unbuffered");
	/* integrators.md §6: the bulk-job thread, drained after requests. */
	if (api_jobs_start(&ctx) != 0)
		log_error(NULL, "cannot start the bulk-job thread");
	if (http_serve(listen_fd, cfg.threads, api_handle, NULL, NULL, &ctx) != 0) {
		log_error(NULL, "cannot start worker threads");
		log_flush();
		_exit(1);
	}
	api_jobs_stop();
	log_flush();
	db_pool_free(ctx.pool);
	issuer_key_free(&ctx.issuer);
	_exit(0);
}

static void
spawn(struct worker *w)
{
	pid_t pid = fork();

	if (pid < 0) {
		log_error(NULL, "fork: %s", strerror(errno));
		w->respawn_at_ms = time_mono_us() / 1000 + BACKOFF_MAX_MS;
		return;
	}
	if (pid == 0)
		worker_main();
	w->pid = pid;
	w->gen = generation;
	w->started_ms = time_mono_us() / 1000;
	w->respawn_at_ms = 0;
}

/* Starts cfg.workers workers of the current generation in free slots. */
static void
spawn_generation(void)
{
	int i, n = 0;

	for (i = 0; i < MAX_WORKERS && n < cfg.workers; i++)
		if (workers[i].pid == 0 && workers[i].respawn_at_ms == 0) {
			workers[i].backoff_ms = 0;
			spawn(&workers[i]);
			n++;
		}
}

static void
signal_generation(int gen_below, int sig)
{
	int i;

	for (i = 0; i < MAX_WORKERS; i++)
		if (workers[i].pid > 0 && workers[i].gen < gen_below)
			kill(workers[i].pid, sig);
}

/* Reaps exited workers; schedules restarts for the current generation. */
static void
reap(int shutting_down)
{
	int64_t	now = time_mono_us() / 1000;
	pid_t	pid;
	int	status, i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < MAX_WORKERS; i++)
			if (workers[i].pid == pid)
				break;
		if (i == MAX_WORKERS)
			continue;
		workers[i].pid = 0;
		if (shutting_down || workers[i].gen != generation)
			continue;
		log_warn(NULL, "worker %d exited (%s %d); restarting", (int)pid,
		    WIFSIGNALED(status) ? "signal" : "status",
		    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		if (now - workers[i].started_ms < YOUNG_MS)
			workers[i].backoff_ms = workers[i].backoff_ms ?
			    workers[i].backoff_ms * 2 : BACKOFF_MIN_MS;
		else
			workers[i].backoff_ms = 0;
		if (workers[i].backoff_ms > BACKOFF_MAX_MS)
			workers[i].backoff_ms = BACKOFF_MAX_MS;
		workers[i].respawn_at_ms = now + workers[i].backoff_ms;
	}
}

static void
respawn_due(void)
{
	int64_t	now = time_mono_us() / 1000;
	int	i;

	for (i = 0; i < MAX_WORKERS; i++)
		if (workers[i].pid == 0 && workers[i].respawn_at_ms > 0 &&
		    workers[i].respawn_at_ms <= now)
			spawn(&workers[i]);
}

static int
alive(void)
{
	int i, n = 0;

	for (i = 0; i < MAX_WORKERS; i++)
		n += workers[i].pid > 0;
	return n;
}

static void
reload(void)
{
	struct config	next;
	char		err[512];
	int		i;

	if (config_load(&next, config_path, err, sizeof(err)) != 0) {
		log_error(NULL, "reload refused, keeping the old configuration: %s",
		    err);
		return;
	}
	cfg = next;
	generation++;
	for (i = 0; i < MAX_WORKERS; i++)
		workers[i].respawn_at_ms = 0;
	spawn_generation();
	signal_generation(generation, SIGTERM);
	log_info(NULL, "reloaded: generation %d, %d workers", generation,
	    cfg.workers);
}

/* Drains every worker; SIGKILL after DRAIN_MAX_S. */
static void
drain(sigset_t *set)
{
	struct timespec	ts = { 0, 100000000L };
	int64_t		deadline = time_mono_us() / 1000 + DRAIN_MAX_S * 1000;

	signal_generation(generation + 1, SIGTERM);
	while (alive() > 0) {
		sigtimedwait(set, NULL, &ts);
		reap(1);
		if (time_mono_us() / 1000 > deadline) {
			log_warn(NULL, "drain timed out; killing workers");
			signal_generation(generation + 1, SIGKILL);
			deadline = INT64_MAX;
		}
	}
}

static void
warn_stored_clock(void)
{
	struct db_conn	*c;
	char		 err[256];
	int		 exists = 0;

	if (cfg.profile != PROFILE_PRODUCTION)
		return;
	if ((c = db_connect_one(&cfg, 0, err, sizeof(err))) == NULL)
		return;
	if (db_clock_stored(c, &exists) == ERR_OK && exists)
		log_warn(NULL, "a test clock override is stored in the database; "
		    "the production profile ignores it");
	db_close_one(c);
}

int
main(int argc, char *argv[])
{
	struct timespec	 ts = { 0, 100000000L };
	sigset_t	 set;
	char		 err[512];
	int		 ch, check = 0, sig;
	FILE		*pf;

	config_path = getenv("DREC_CONFIG");
	while ((ch = getopt(argc, argv, "c:t")) != -1) {
		if (ch == 'c')
			config_path = optarg;
		else if (ch == 't')
			check = 1;
		else
			usage();
	}
	log_set_ident("drecd");
	if (config_load(&cfg, config_path, err, sizeof(err)) != 0) {
		fprintf(stderr, "drecd: %s\n", err);
		return 1;
	}
	if (check) {
		printf("drecd: configuration ok (profile %s)\n",
		    config_profile_name(cfg.profile));
		return 0;
	}
	if ((listen_fd = inherited_socket()) < 0 &&
	    (listen_fd = http_listen(cfg.listen, cfg.listen_group, err,
	    sizeof(err))) < 0) {
		fprintf(stderr, "drecd: %s\n", err);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, NULL);
	warn_stored_clock();
	if (cfg.pid_file[0] && (pf = fopen(cfg.pid_file, "w")) != NULL) {
		fprintf(pf, "%d\n", (int)getpid());
		fclose(pf);
	}
	log_info(NULL, "starting: profile %s, %d workers x %d threads, pool %d",
	    config_profile_name(cfg.profile), cfg.workers, cfg.threads,
	    cfg.db_pool_size);
	spawn_generation();
	for (;;) {
		sig = sigtimedwait(&set, NULL, &ts);
		if (sig == SIGTERM || sig == SIGINT)
			break;
		if (sig == SIGHUP)
			reload();
		reap(0);
		respawn_due();
	}
	/*
	 * Refuse new connections (nginx gets a clean connection error, never
	 * a reset of a request it has sent); the workers serve the queued
	 * ones, then end (listen.c, server.c).
	 */
	if (http_listen_close(listen_fd))
		log_info(NULL, "draining: socket closed, serving its queue");
	else
		log_info(NULL, "draining");
	drain(&set);
	if (cfg.pid_file[0])
		unlink(cfg.pid_file);
	log_info(NULL, "stopped");
	return 0;
}
