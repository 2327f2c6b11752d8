/*
 * Worker threads on FCGX_Accept_r.  Stopping: http_server_stop() sets
 * libfcgi's shutdown flag; the supervising thread then interrupts every
 * idle thread with SIGUSR1 (installed without SA_RESTART), all at once and
 * again every 20 ms until each has left.  A thread busy with a request is
 * not interrupted (an EINTR could cut its reads): it finishes the request
 * before it looks at the flag: that is the drain of a reload (SIGHUP),
 * whose new workers accept on the same socket.
 *
 * Kept connections (nginx fastcgi_keep_conn on, issue 19).  drecd never
 * closes an idle kept connection while nginx may use it: nginx may be
 * sending a request on it at that moment, and it never retries a POST it
 * has sent (a 502).  A thread waits for the next request on its kept
 * connection in ppoll() (kept_wait), not inside libfcgi, so that the
 * interrupt only wakes it: stopping, it goes on serving the connection
 * until nginx closes it (upstream keepalive_timeout when idle,
 * keepalive_time when busy: nginx/drec.conf), then leaves.  Only a kept
 * connection idle for KEPT_IDLE_MS (longer than nginx's keepalive_timeout)
 * or still busy KEPT_MAX_MS after the stop is closed by drecd: then nginx
 * does not follow the documented settings.
 *
 * A final stop (SIGTERM) of a self-bound unix socket goes further: the
 * master has shut the socket down (http_listen_close, listen.c), so no
 * new connection arrives and every accept returns a queued connection,
 * then EINVAL.  The threads keep accepting until that EINVAL ends their
 * loops, so that every connection nginx made is served, and no signal is
 * sent (one that hits a thread that has just accepted a connection makes
 * libfcgi close it unread: a 502).  Once every thread has either left or
 * stayed idle for DRAIN_IDLE_MS (waiting on a kept connection), the stop
 * goes on as above.
 */
#include <errno.h>
#include <malloc.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

#include <fcgiapp.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/timeutil.h"
#include "http/request.h"
#include "http/server.h"

#define SERVER_MAX_THREADS 256
#define DRAIN_IDLE_MS	1000
#define KEPT_POLL_MS	20	/* stopping: kept_wait's look at the clock */
#define KEPT_IDLE_MS	3000	/* > nginx's upstream keepalive_timeout (1s) */
#define KEPT_MAX_MS	10000	/* > nginx's upstream keepalive_time (1s) */
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
static int64_t			 stop_ms;	/* when a thread first saw it */
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

/* ms since the stop was first seen by a thread (0 before the stop). */
static int64_t
since_stop(void)
{
	int64_t now = time_mono_us() / 1000, t = 0;

	if (!stopping)
		return 0;
	__atomic_compare_exchange_n(&stop_ms, &t, now, 0, __ATOMIC_SEQ_CST,
	    __ATOMIC_SEQ_CST);
	return now - __atomic_load_n(&stop_ms, __ATOMIC_SEQ_CST);
}

/*
 * Waits on the kept connection fd for nginx's next request (see the top
 * of the file), with the signal mask waking (SIGUSR1 unblocked: the
 * thread's own mask blocks it everywhere else).  Returns 1 when bytes of
 * a request are there, 0 when nginx closed the connection, or when drecd
 * must close it: stopping, after KEPT_IDLE_MS without a request.
 */
static int
kept_wait(int fd, const sigset_t *waking)
{
	struct timespec	slice = { 0, KEPT_POLL_MS * 1000000L };
	struct pollfd	p;
	int64_t		idle_from = -1, now;
	char		c;
	int		n;

	p.fd = fd;
	p.events = POLLIN | POLLRDHUP;
	for (;;) {
		p.revents = 0;
		n = ppoll(&p, 1, stopping ? &slice : NULL, waking);
		if (n > 0) {
			if ((p.revents & (POLLRDHUP | POLLHUP | POLLERR)) == 0)
				return 1;
			/* Closed: serve a request sent before the close. */
			return recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) > 0;
		}
		if (n < 0 && errno != EINTR)
			return 0;
		if (stopping) {
			now = time_mono_us() / 1000;
			if (idle_from < 0)
				idle_from = now;
			else if (now - idle_from >= KEPT_IDLE_MS)
				return 0;
		}
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
	sigset_t		 usr1, waking;
	int			 rc;

	if ((a = arena_new()) == NULL)
		return NULL;
	tctx = tinit != NULL ? tinit(targ) : targ;
	/*
	 * SIGUSR1 reaches this thread only while it waits for a request: in
	 * FCGX_Accept_r without a kept connection (accept) or in kept_wait;
	 * never while it reads a request on a kept connection or serves one.
	 */
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &usr1, &waking);
	sigdelset(&waking, SIGUSR1);
	FCGX_InitRequest(&f, listen_fd, 0);
	for (;;) {
		if (f.ipcFd >= 0) {	/* kept: libfcgi reads it next */
			if (!kept_wait(f.ipcFd, &waking)) {
				FCGX_Free(&f, 1);
				continue;
			}
			rc = FCGX_Accept_r(&f);
		} else if (stopping)
			break;
		else {
			pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
			rc = FCGX_Accept_r(&f);
			pthread_sigmask(SIG_BLOCK, &usr1, NULL);
		}
		if (rc != 0)
			break;
		st->busy = 1;
		http_req_init(&r, &f, a);
		handler(&r, tctx);
		if (r.status == 0)
			http_respond(&r, 500, NULL, NULL, 0);
		log_access(r.rid, r.method, r.route, r.status,
		    time_mono_us() - r.start_us);
		FCGX_Finish_r(&f);
		if (f.ipcFd >= 0 && since_stop() >= KEPT_MAX_MS)
			FCGX_Free(&f, 1);
		trim_after(&r, arena_reset(a));
		st->served++;
		st->busy = 0;
	}
	FCGX_Free(&f, 1);
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
	/* Wake every waiting thread (accept, kept_wait) until all have left. */
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
