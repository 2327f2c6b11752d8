/*
 * Worker threads on FCGX_Accept_r.  Stopping: http_server_stop() sets
 * libfcgi's shutdown flag; the supervising thread then interrupts every
 * idle thread (in accept(), or waiting for the next request on a kept
 * connection) with SIGUSR1 (installed without SA_RESTART, so libfcgi's
 * EINTR loop sees the flag and returns), all at once and again every
 * 20 ms until each has left.  A thread busy with a request is not
 * interrupted (an EINTR could cut its reads): it finishes the request
 * before it looks at the flag: that is the drain of a reload (SIGHUP),
 * whose new workers accept on the same socket.
 *
 * A final stop (SIGTERM) of a self-bound unix socket goes further: the
 * master has shut the socket down (http_listen_close, listen.c), so no
 * new connection arrives and every accept returns a queued connection,
 * then EINVAL.  The threads keep accepting until that EINVAL ends their
 * loops, so that every connection nginx made is served, and no signal is
 * sent (one that hits a thread that has just accepted a connection makes
 * libfcgi close it unread: a 502).  Only a thread idle for DRAIN_IDLE_MS
 * without serving anything (waiting on a kept connection) is interrupted
 * as above.
 *
 * A thread that leaves its loop closes its kept connection (nginx
 * fastcgi_keep_conn) at once.  Left open until the process exited, after
 * the slowest request of the drain, it received requests from nginx that
 * nobody read, each answered 502 when the process exited.  Closing an
 * idle kept connection still races with nginx sending a POST on it, which
 * nginx does not retry (docs/reliability-faults.md).
 */
#include <errno.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "http/request.h"
#include "http/server.h"

#define SERVER_MAX_THREADS 256
#define DRAIN_IDLE_MS	1000
/*
 * Memory given back after large requests (issue 13; docs/reliability.md).
 * glibc raises its mmap threshold to the size of any mmapped block freed
 * (a 16 MiB body: 16 MiB) and its trim threshold to twice that, after
 * which every thread's heap kept up to 32 MiB of freed top: 8 worst-case
 * bodies left two workers 190 MB resident.  Fixed thresholds stop that
 * (blocks of 256 KiB and more are mmapped and unmapped when freed; a
 * heap's free top beyond 128 KiB is trimmed), and after a request that was
 * large (its arena grew past SERVER_TRIM_AFTER, or it was marked heavy:
 * a large JSON body) malloc_trim returns the free pages inside the heaps
 * too, where json-c's many small blocks were.  Heavy requests of one
 * worker finish together in a burst; a trim that runs while another
 * thread is still freeing its tree misses that memory, so the last heavy
 * request to finish trims (heavy_inflight).  malloc_trim leaves the top
 * of a thread's own heap alone (glibc trims it only in free() of a block
 * of 64 KiB or more), where a freed tree of small blocks ends up: each
 * thread frees such a block after its own large request (trim_own).
 */
#define SERVER_MMAP_THRESHOLD	(256 * 1024)
#define SERVER_HEAP_TRIM	(128 * 1024)
#define SERVER_TRIM_AFTER	(256 * 1024)
#define SERVER_TRIM_POKE	(64 * 1024)	/* FASTBIN_CONSOLIDATION_THRESHOLD */

struct serve_thread {
	pthread_t		tid;
	volatile sig_atomic_t	busy;	/* between a request's accept and finish */
	volatile sig_atomic_t	served;	/* requests finished (wraps) */
	int			joined;
	int			seen;	/* served at idle_since */
	int64_t			idle_since;	/* ms */
};

static volatile sig_atomic_t	 stopping;
static int			 heavy_inflight;	/* atomic */
static http_handler_fn		 handler;
static http_thread_init_fn	 tinit;
static http_thread_fini_fn	 tfini;
static void			*targ;
static int			 listen_fd;

static void
on_usr1(int sig)
{
	(void)sig;
}

void
http_server_stop(void)
{
	stopping = 1;
	FCGX_ShutdownPending();
}

void
http_req_mark_heavy(struct http_req *r)
{
	if (!r->heavy) {
		r->heavy = 1;
		__atomic_add_fetch(&heavy_inflight, 1, __ATOMIC_SEQ_CST);
	}
}

/* Trims the top of the calling thread's heap (see above). */
static void
trim_own(void)
{
	void *volatile p = malloc(SERVER_TRIM_POKE);

	free(p);
}

/* After a request's arena was reset (freed bytes): trim when it was big. */
static void
trim_after(const struct http_req *r, size_t freed)
{
	if (r->heavy) {
		trim_own();
		if (__atomic_sub_fetch(&heavy_inflight, 1, __ATOMIC_SEQ_CST) == 0)
			malloc_trim(0);
	} else if (freed >= SERVER_TRIM_AFTER) {
		trim_own();
		malloc_trim(0);
	}
}

static void *
serve_thread(void *arg)
{
	struct serve_thread	*st = arg;
	FCGX_Request		 f;
	struct http_req		 r;
	struct arena		*a;
	void			*tctx;

	if ((a = arena_new()) == NULL)
		return NULL;
	tctx = tinit != NULL ? tinit(targ) : targ;
	FCGX_InitRequest(&f, listen_fd, 0);
	while (!stopping && FCGX_Accept_r(&f) == 0) {
		st->busy = 1;
		http_req_init(&r, &f, a);
		handler(&r, tctx);
		if (r.status == 0)
			http_respond(&r, 500, NULL, NULL, 0);
		log_access(r.rid, r.method, r.route, r.status,
		    time_mono_us() - r.start_us);
		FCGX_Finish_r(&f);
		trim_after(&r, arena_reset(a));
		st->served++;
		st->busy = 0;
	}
	FCGX_Free(&f, 1);	/* a kept connection: closed now */
	if (tfini != NULL)
		tfini(tctx);
	arena_free(a);
	return NULL;
}

/* 1 when t has ended (joined now or before). */
static int
thread_done(struct serve_thread *t)
{
	if (!t->joined && pthread_tryjoin_np(t->tid, NULL) == 0)
		t->joined = 1;
	return t->joined;
}

/*
 * The socket is shut down (http_listen_close): each thread's accept
 * returns the queued connections, then EINVAL, which ends its loop.
 * Returns when all threads have ended, or when one has stayed idle for
 * DRAIN_IDLE_MS without finishing a request (on a kept connection; the
 * caller interrupts it).
 */
static void
drain_closed(struct serve_thread *th, int n)
{
	int64_t	now;
	int	i, left;

	now = time_mono_us() / 1000;
	for (i = 0; i < n; i++) {
		th[i].seen = th[i].served;
		th[i].idle_since = now;
	}
	for (;;) {
		now = time_mono_us() / 1000;
		left = 0;
		for (i = 0; i < n; i++) {
			if (thread_done(&th[i]))
				continue;
			left++;
			if (th[i].busy || th[i].served != th[i].seen) {
				th[i].seen = th[i].served;
				th[i].idle_since = now;
			} else if (now - th[i].idle_since >= DRAIN_IDLE_MS)
				return;
		}
		if (left == 0)
			return;
		usleep(20000);
	}
}

int
http_serve(int fd, int nthreads, http_handler_fn h, http_thread_init_fn ti,
    http_thread_fini_fn tf, void *arg)
{
	static struct serve_thread th[SERVER_MAX_THREADS];
	struct sigaction	 sa;
	sigset_t		 set, old;
	int			 i, n = 0, sig, left;

	handler = h;
	tinit = ti;
	tfini = tf;
	targ = arg;
	listen_fd = fd;
	if (nthreads > SERVER_MAX_THREADS)
		nthreads = SERVER_MAX_THREADS;
	FCGX_Init();
	mallopt(M_MMAP_THRESHOLD, SERVER_MMAP_THRESHOLD);
	mallopt(M_TRIM_THRESHOLD, SERVER_HEAP_TRIM);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;	/* no SA_RESTART: accept() returns EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	/* Workers take SIGTERM/SIGHUP/SIGINT synchronously in this thread. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	memset(th, 0, sizeof(th));
	for (i = 0; i < nthreads; i++)
		if (pthread_create(&th[n].tid, NULL, serve_thread, &th[n]) == 0)
			n++;
	if (n == 0)
		return -1;
	while (!stopping) {
		if (sigwait(&set, &sig) != 0 ||
		    (sig != SIGTERM && sig != SIGINT && sig != SIGHUP))
			continue;
		if (sig != SIGHUP && http_listen_closed(listen_fd)) {
			drain_closed(th, n);
			log_info(NULL, "drained the queue of the closed socket");
		}
		http_server_stop();
	}
	/* Interrupt every idle thread's accept() until all have left. */
	do {
		left = 0;
		for (i = 0; i < n; i++) {
			if (thread_done(&th[i]))
				continue;
			left++;
			if (!th[i].busy)
				pthread_kill(th[i].tid, SIGUSR1);
		}
		if (left > 0)
			usleep(20000);
	} while (left > 0);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return 0;
}
