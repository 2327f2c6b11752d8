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
 * Opens a listening socket for spec: "unix:/path" (mode 0666, replaces a
 * stale socket file) or "tcp:host:port".  Returns the fd or -1 (errno set,
 * message in err).
 */
int	http_listen(const char *spec, char *err, size_t errlen);

/*
 * Serves requests on fd with nthreads threads until http_server_stop() is
 * called; in-flight requests complete first.  Returns 0, or -1 if the
 * threads could not be started.
 */
int	http_serve(int fd, int nthreads, http_handler_fn, http_thread_init_fn,
	    http_thread_fini_fn, void *arg);
/* Async-signal-safe: asks every thread to stop after its current request. */
void	http_server_stop(void);

#endif
