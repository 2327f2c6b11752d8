/*
 * The bulk-job thread (integrators.md §6): one per worker process, with a
 * database connection of its own outside the request pool.  It claims the
 * oldest claimable job with a lease (database clock), runs its pending
 * items in chunks (100 device rows, or one read item, per transaction,
 * the lease renewed first), and completes it.  A worker that dies leaves
 * its lease to lapse; the next claim resumes after the last committed
 * chunk; five claims in a row without a committed chunk fail the job.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/log.h"
#include "api/api.h"
#include "api/bulk.h"
#include "api/bulk_run.h"

#define DEVICE_CHUNK	100
#define TRIES		3
#define MAX_ATTEMPTS	5	/* claims without a committed chunk */
#define HOUSEKEEP_MS	3600000LL

static pthread_t		 thread;
static int			 started;
static volatile sig_atomic_t	 stopping;
static struct api_ctx		*jctx;
static char			 holder[128];

/* Sleeps ms in short steps, returning early when stopping. */
static void
nap(int ms)
{
	struct timespec ts = { 0, 50 * 1000000L };

	for (; ms > 0 && !stopping; ms -= 50)
		nanosleep(&ts, NULL);
}

struct abort {
	const struct db_job	*j;
	int64_t			 now;
	const char		*result;	/* of each undecided item */
};

/* The abort's writes; re-run whole by db_tx_retry on a deadlock. */
static enum err
abort_tx(struct db_conn *db, void *arg)
{
	struct abort	*x = arg;
	int64_t		 n = 0;
	enum err	 e;

	if ((e = db_items_abort(db, x->j->id, x->result, &n)) != ERR_OK)
		return e;
	return db_job_finish(db, x->j->id, x->j->lease_token, "Failed", n,
	    x->now);
}

/* Fails the job visibly: undecided items JOB_ABORTED (§6). */
static void
abort_job(struct db_conn *db, const struct db_job *j, int64_t now)
{
	struct item_out	out;
	struct abort	x = { j, now, NULL };

	/* {"errors":[{"field":null,"code":"JOB_ABORTED","message":...}]} */
	memset(&out, 0, sizeof(out));
	strbuf_init(&out.result);
	api_bulk_item_fail(&out, NULL, E_JOB_ABORTED, NULL);
	x.result = out.result.buf;
	(void)db_tx_retry(db, abort_tx, &x);
	strbuf_cleanup(&out.result);
	log_warn(NULL, "bulk job %lld failed after %d claims without progress",
	    (long long)j->id, MAX_ATTEMPTS);
}

/* One item; ERR_OK when decided. */
static enum err
one_item(struct job_run *x, const struct db_item *it, struct item_out *out,
    int devices)
{
	out->status = NULL;
	out->device_id = 0;
	out->reads_stored = 0;
	strbuf_reset(&out->result);
	if (!devices)
		return api_bulk_read_item(x, it, out);
	/* A device row's only write is its INSERT (bulk_devices.c). */
	return api_bulk_device_item(x, it, out);
}

/*
 * One chunk in a transaction.  Returns 1 when items were decided, 0 when
 * none was pending (the job is completed), -1 when the lease is lost,
 * or -2 with *ep on a database error (rolled back).
 */
static int
chunk(struct db_conn *db, struct arena *a, const struct db_job *j,
    enum err *ep)
{
	struct job_run	 x;
	struct item_out	 out;
	struct db_item	*items;
	struct db_item_result *res;
	int64_t		 ok = 0, sk = 0, fl = 0, reads = 0;
	int		 n, i, held, devices = strcmp(j->kind, "devices") == 0;
	enum err	 e;

	memset(&x, 0, sizeof(x));
	x.ctx = jctx;
	x.db = db;
	x.a = a;
	x.job = j;
	strbuf_init(&out.result);
	e = devices ? db_begin(db) : db_begin_read_committed(db);
	if (e == ERR_OK && (e = db_job_renew(db, j->id, holder, j->lease_token,
	    jctx->cfg->job_lease_s, &held)) == ERR_OK && !held) {
		db_rollback(db);
		strbuf_cleanup(&out.result);
		return -1;
	}
	if (e == ERR_OK)
		e = db_clock_now(db, jctx->cfg->profile, &x.now, NULL);
	if (e == ERR_OK)
		e = db_items_pending(db, a, j->id, devices ? DEVICE_CHUNK : 1,
		    &items, &n);
	if (e == ERR_OK && n == 0) {
		if ((e = db_job_finish(db, j->id, j->lease_token, "Completed", 0,
		    x.now)) == ERR_OK && (e = db_commit(db)) == ERR_OK) {
			strbuf_cleanup(&out.result);
			return 0;
		}
	}
	res = arena_alloc(a, sizeof(*res) * (size_t)(n + 1));
	for (i = 0; e == ERR_OK && i < n; i++) {
		if ((e = one_item(&x, &items[i], &out, devices)) != ERR_OK)
			break;
		ok += strcmp(out.status, "Succeeded") == 0;
		sk += strcmp(out.status, "Skipped") == 0;
		fl += strcmp(out.status, "Failed") == 0;
		reads += out.reads_stored;
		res[i].id = items[i].id;
		res[i].status = out.status;
		res[i].device_id = out.device_id;
		res[i].result = arena_strdup(a, out.result.buf ? out.result.buf :
		    "{}");
	}
	if (e == ERR_OK && n > 0)
		e = db_item_results(db, res, (size_t)n);
	if (e == ERR_OK)
		e = db_job_counters(db, j->id, ok, sk, fl, reads, x.now);
	if (e == ERR_OK)
		e = db_commit(db);
	strbuf_cleanup(&out.result);
	if (e != ERR_OK) {
		db_rollback(db);
		*ep = e;
		return -2;
	}
	return 1;
}

/* Runs a held job until done, the lease is lost, or the thread stops. */
static void
run_job(struct db_conn *db, struct arena *a, int64_t id, int64_t now)
{
	struct db_job	j;
	enum err	e = ERR_OK;
	int		rc = 1, t;

	arena_reset(a);
	if (db_job_get(db, a, id, &j) != ERR_OK)
		return;
	if (j.attempts > MAX_ATTEMPTS) {
		abort_job(db, &j, now);
		return;
	}
	while (!stopping && rc == 1) {
		for (t = 0; t < TRIES; t++) {
			arena_reset(a);
			/* The job row, in a itself: re-read each chunk. */
			if ((e = db_job_get(db, a, id, &j)) != ERR_OK) {
				rc = -2;
				break;
			}
			if ((rc = chunk(db, a, &j, &e)) != -2 ||
			    e != ERR_DEADLOCK)
				break;
		}
		if (rc == -2) {
			log_warn(NULL, "bulk job %lld: chunk failed (%s); left to "
			    "a later claim", (long long)id, err_name(e));
			return;
		}
	}
	if (stopping && rc == 1)	/* drain: let the next claim resume */
		db_job_release(db, id, j.lease_token);
}

/* Hourly: finished jobs past retention, files past their lifetime. */
static void
housekeep(struct db_conn *db, int64_t now)
{
	const struct config	*cfg = jctx->cfg;
	int64_t			 n = 0;

	do
		if (db_job_purge(db, now - (int64_t)cfg->bulk_retention_days *
		    86400000LL, &n) != ERR_OK)
			break;
	while (n == 1000 && !stopping);
	do
		if (db_file_purge(db, now - cfg->upload_file_ttl_s * 1000,
		    &n) != ERR_OK)
			break;
	while (n == 1000 && !stopping);
}

static void *
job_main(void *arg)
{
	const struct config	*cfg = jctx->cfg;
	struct db_conn		*db = NULL;
	struct arena		*a = arena_new();
	char			 err[256];
	int64_t			 id, now, last_hk = 0;
	int			 held;
	enum err		 e;

	(void)arg;
	while (!stopping && a != NULL) {
		if (db == NULL && (db = db_connect_one(cfg, 0, err,
		    sizeof(err))) == NULL) {
			nap(cfg->jobs_poll_ms);
			continue;
		}
		if ((e = db_clock_now(db, cfg->profile, &now, NULL)) == ERR_OK &&
		    now - last_hk > HOUSEKEEP_MS) {
			housekeep(db, now);
			last_hk = now;
		}
		if (e == ERR_OK)
			e = db_job_candidate(db, &id);
		if (e == ERR_NOTFOUND) {
			nap(cfg->jobs_poll_ms);
			continue;
		}
		if (e == ERR_OK && (e = db_job_claim(db, id, holder,
		    cfg->job_lease_s, now, &held)) == ERR_OK && held)
			run_job(db, a, id, now);
		if (e != ERR_OK) {
			db_close_one(db);
			db = NULL;
			nap(cfg->jobs_poll_ms);
		}
	}
	if (db != NULL)
		db_close_one(db);
	if (a != NULL)
		arena_free(a);
	return NULL;
}

int
api_jobs_start(struct api_ctx *ctx)
{
	sigset_t	set, old;
	char		host[64];
	int		rc;

	if (!ctx->cfg->jobs_enabled)
		return 0;
	jctx = ctx;
	if (gethostname(host, sizeof(host)) != 0)
		snprintf(host, sizeof(host), "host");
	host[sizeof(host) - 1] = '\0';
	snprintf(holder, sizeof(holder), "%s:%d", host, (int)getpid());
	/* The signals the worker's main thread waits for stay blocked here. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	rc = pthread_create(&thread, NULL, job_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	started = rc == 0;
	return rc == 0 ? 0 : -1;
}

void
api_jobs_stop(void)
{
	stopping = 1;
	if (started)
		pthread_join(thread, NULL);
	started = 0;
}
