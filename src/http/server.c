/*
 * Worker threads on FCGX_Accept_r.  Stopping: http_server_stop() sets
 * libfcgi's shutdown flag; the supervising thread then interrupts every
 * idle thread (in accept(), or waiting for the next request on a kept
 * connection) with SIGUSR1 (installed without SA_RESTART, so libfcgi's
 * EINTR loop sees the flag and returns), all at once and again every
 * 20 ms until each has left.  A thread busy with a request is not
 * interrupted (an EINTR could cut its reads): it finishes the request
 * before it looks at the flag: that is the drain.
 *
 * A thread that leaves its loop closes its kept connection (nginx
 * fastcgi_keep_conn) at once.  Left open until the process exited, after
 * the slowest request of the drain, it received requests from nginx that
 * nobody read, each answered 502 when the process exited.  Closing an
 * idle kept connection still races with nginx sending a POST on it, which
 * nginx does not retry (docs/reliability-faults.md).
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
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

struct serve_thread {
	pthread_t		tid;
	volatile sig_atomic_t	busy;	/* between a request's accept and finish */
	int			joined;
};

static volatile sig_atomic_t	 stopping;
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
		arena_reset(a);
		st->busy = 0;
	}
	FCGX_Free(&f, 1);	/* a kept connection: closed now */
	if (tfini != NULL)
		tfini(tctx);
	arena_free(a);
	return NULL;
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
		if (sigwait(&set, &sig) == 0 &&
		    (sig == SIGTERM || sig == SIGINT || sig == SIGHUP))
			http_server_stop();
	}
	/* Interrupt every idle thread's accept() until all have left. */
	do {
		left = 0;
		for (i = 0; i < n; i++) {
			if (th[i].joined)
				continue;
			if (pthread_tryjoin_np(th[i].tid, NULL) == 0) {
				th[i].joined = 1;
				continue;
			}
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

/* Binds a unix socket at path, replacing a stale file. */
static int
listen_unix(const char *path, char *err, size_t errlen)
{
	struct sockaddr_un	sun;
	int			fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		snprintf(err, errlen, "socket path too long: %s", path);
		return -1;
	}
	strcpy(sun.sun_path, path);
	if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) < 0) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0 ||
	    chmod(path, 0666) != 0 || listen(fd, 1024) != 0) {
		snprintf(err, errlen, "cannot listen on %s: %s", path,
		    strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* Binds host:port (TCP). */
static int
listen_tcp(const char *hostport, char *err, size_t errlen)
{
	struct addrinfo	 hints, *res = NULL;
	char		 host[256];
	const char	*colon = strrchr(hostport, ':');
	int		 fd, one = 1;

	if (colon == NULL || (size_t)(colon - hostport) >= sizeof(host)) {
		snprintf(err, errlen, "listen: expected tcp:host:port");
		return -1;
	}
	memcpy(host, hostport, (size_t)(colon - hostport));
	host[colon - hostport] = '\0';
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	if (getaddrinfo(host[0] ? host : NULL, colon + 1, &hints, &res) != 0) {
		snprintf(err, errlen, "listen: cannot resolve %s", hostport);
		return -1;
	}
	fd = socket(res->ai_family, SOCK_STREAM, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
	    sizeof(one)) != 0 || bind(fd, res->ai_addr, res->ai_addrlen) != 0 ||
	    listen(fd, 1024) != 0) {
		snprintf(err, errlen, "cannot listen on %s: %s", hostport,
		    strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

int
http_listen(const char *spec, char *err, size_t errlen)
{
	if (strncmp(spec, "unix:", 5) == 0)
		return listen_unix(spec + 5, err, errlen);
	if (strncmp(spec, "tcp:", 4) == 0)
		return listen_tcp(spec + 4, err, errlen);
	snprintf(err, errlen, "listen: expected unix:/path or tcp:host:port, got %s",
	    spec);
	return -1;
}
