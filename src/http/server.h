/*
 * The worker side of drecd: T threads per process, each looping on
 * FCGX_Accept_r on an inherited listening socket.
 */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H

struct http_req;

/* Called once per request, on a worker thread; must call http_respond. */
typedef void	(*http_handler_fn)(struct http_req *, void *thread_ctx);
/* Creates/destroys per-thread context (e.g. nothing, or caches). */
typedef void	*(*http_thread_init_fn)(void *arg);
typedef void	(*http_thread_fini_fn)(void *thread_ctx);

/*
 * Opens a listening socket for spec: "unix:/path" or "tcp:host:port".  A
 * unix socket gets mode 0660 and group group (a name or gid; NULL or "":
 * the process's), and replaces any file at path atomically (listen.c).
 * Returns the fd or -1 with a message in err.
 */
int	http_listen(const char *spec, const char *group, char *err,
	    size_t errlen);
/*
 * The master's clean stop: for a unix socket http_listen bound in this
 * process, removes its path (unless another socket has replaced it) and
 * shuts the socket down for reading, so that new connections are refused
 * while the queued ones can still be accepted.  Returns 1 when it did, 0
 * for a TCP or inherited (systemd) socket, which it leaves alone.
 */
int	http_listen_close(int fd);
/* 1 when fd is a socket http_listen_close has shut down. */
int	http_listen_closed(int fd);

/*
 * Serves requests on fd with nthreads threads until SIGTERM, SIGINT or
 * SIGHUP (or http_server_stop()); in-flight requests complete first.
 * When the socket was closed by http_listen_close, the queued connections
 * are served too before the threads end.  Returns 0, or -1 if the threads
 * could not be started.
 */
int	http_serve(int fd, int nthreads, http_handler_fn, http_thread_init_fn,
	    http_thread_fini_fn, void *arg);
/* Async-signal-safe: asks every thread to stop after its current request. */
void	http_server_stop(void);

#endif
