/*
 * One-line logging to stderr: "drecd[pid] LEVEL [rid] message".
 * Each line is built in a local buffer and written with a single fprintf
 * so that lines from concurrent threads do not interleave.
 */
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"

#define LOG_LINE	2048

static const char *const level_names[LOG_LVL__MAX] = {
	"DEBUG", "INFO", "WARN", "ERROR"
};

/* Set once at start-up, before threads exist. */
static enum log_level	 log_level = LOG_LVL_INFO;
static char		 log_ident[32] = "drecd";

void
log_set_level(enum log_level l)
{
	if (l < LOG_LVL__MAX)
		log_level = l;
}

void
log_set_ident(const char *ident)
{
	if (ident != NULL)
		snprintf(log_ident, sizeof(log_ident), "%s", ident);
}

/* Replaces control characters so a message cannot forge extra lines. */
static void
log_sanitise(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = ' ';
}

void
log_msg(enum log_level l, const char *rid, const char *fmt, ...)
{
	char	msg[LOG_LINE];
	va_list	ap;

	if (l >= LOG_LVL__MAX || l < log_level)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_sanitise(msg);
	if (rid != NULL)
		fprintf(stderr, "%s[%ld] %s [%s] %s\n", log_ident,
		    (long)getpid(), level_names[l], rid, msg);
	else
		fprintf(stderr, "%s[%ld] %s %s\n", log_ident,
		    (long)getpid(), level_names[l], msg);
}

/* Appends s (control characters replaced, at most max bytes) to b at *n. */
static void
log_put(char *b, size_t *n, size_t cap, const char *s, size_t max)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i < max && *n < cap; i++)
		b[(*n)++] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ?
		    ' ' : s[i];
}

/* Appends the trusted string s (ours: no sanitizing) to b at *n. */
static void
log_cpy(char *b, size_t *n, size_t cap, const char *s)
{
	size_t len = strlen(s);

	if (len > cap - *n)
		len = cap - *n;
	memcpy(b + *n, s, len);
	*n += len;
}

/* Appends the decimal v to b at *n. */
static void
log_num(char *b, size_t *n, size_t cap, long long v)
{
	char		 d[24];
	int		 k = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
			    (unsigned long long)v;

	do {
		d[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		d[k++] = '-';
	while (k > 0 && *n < cap)
		b[(*n)++] = d[--k];
}

/*
 * Buffered access lines (log_access_buffered): request threads append to
 * the current buffer under a mutex; a writer thread swaps buffers every
 * LOG_FLUSH_MS and writes the full one with one write(2).  A small request
 * then costs no system call for its access line.
 */
#define LOG_BUF		(64 * 1024)
#define LOG_FLUSH_MS	50

static pthread_mutex_t	 lb_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 lb_cv = PTHREAD_COND_INITIALIZER;
static char		*lb_cur, *lb_spare;
static size_t		 lb_len;
static int		 lb_on, lb_stop;
static pthread_t	 lb_thread;

static void
write_all(const char *b, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(STDERR_FILENO, b, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		b += w;
		n -= (size_t)w;
	}
}

/* Writes what the current buffer holds; called with lb_mu held. */
static void
lb_drain_locked(void)
{
	char	*full = lb_cur;
	size_t	 n = lb_len;

	if (n == 0)
		return;
	lb_cur = lb_spare;
	lb_spare = full;
	lb_len = 0;
	write_all(full, n);
}

static void *
lb_writer(void *unused)
{
	struct timespec	ts;

	(void)unused;
	pthread_mutex_lock(&lb_mu);
	while (!lb_stop) {
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += LOG_FLUSH_MS * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&lb_cv, &lb_mu, &ts);
		lb_drain_locked();
	}
	lb_drain_locked();
	pthread_mutex_unlock(&lb_mu);
	return NULL;
}

int
log_access_buffered(void)
{
	static char bufs[2][LOG_BUF];

	pthread_mutex_lock(&lb_mu);
	if (lb_on) {
		pthread_mutex_unlock(&lb_mu);
		return 0;
	}
	lb_cur = bufs[0];
	lb_spare = bufs[1];
	lb_len = 0;
	lb_stop = 0;
	if (pthread_create(&lb_thread, NULL, lb_writer, NULL) != 0) {
		pthread_mutex_unlock(&lb_mu);
		return -1;
	}
	lb_on = 1;
	pthread_mutex_unlock(&lb_mu);
	return 0;
}

void
log_flush(void)
{
	pthread_mutex_lock(&lb_mu);
	if (!lb_on) {
		pthread_mutex_unlock(&lb_mu);
		return;
	}
	lb_stop = 1;
	pthread_cond_signal(&lb_cv);
	pthread_mutex_unlock(&lb_mu);
	pthread_join(lb_thread, NULL);
	pthread_mutex_lock(&lb_mu);
	lb_on = 0;
	lb_drain_locked();	/* lines added while the writer stopped */
	pthread_mutex_unlock(&lb_mu);
}

/* One finished line: into the buffer when buffering, else written now. */
static void
log_emit(const char *b, size_t n)
{
	pthread_mutex_lock(&lb_mu);
	if (lb_on) {
		if (lb_len + n > LOG_BUF)
			lb_drain_locked();	/* full: write it now */
		memcpy(lb_cur + lb_len, b, n);
		lb_len += n;
		pthread_mutex_unlock(&lb_mu);
		return;
	}
	pthread_mutex_unlock(&lb_mu);
	write_all(b, n);
}

/*
 * The same line log_msg would write, built by hand (printf-style
 * formatting was a tenth of drecd's own work for a small request) and
 * written with one write(2), or buffered (log_access_buffered).
 */
void
log_access(const char *rid, const char *method, const char *route,
    int status, int64_t usec)
{
	char	b[LOG_LINE];
	size_t	n = 0, cap = sizeof(b) - 1, r0, r1;

	if (LOG_LVL_INFO < log_level)
		return;
	if (rid == NULL)
		rid = "-";
	log_cpy(b, &n, cap, log_ident);
	log_cpy(b, &n, cap, "[");
	log_num(b, &n, cap, (long long)getpid());
	log_cpy(b, &n, cap, "] INFO [");
	r0 = n;
	log_put(b, &n, cap, rid, 200);
	r1 = n;
	log_cpy(b, &n, cap, "] access id=");
	if (n + (r1 - r0) < cap) {	/* the sanitized id once more */
		memcpy(b + n, b + r0, r1 - r0);
		n += r1 - r0;
	}
	log_cpy(b, &n, cap, " method=");
	log_put(b, &n, cap, method ? method : "-", 64);
	log_cpy(b, &n, cap, " route=");
	log_put(b, &n, cap, route ? route : "-", 200);
	log_cpy(b, &n, cap, " status=");
	log_num(b, &n, cap, status);
	log_cpy(b, &n, cap, " us=");
	log_num(b, &n, cap, (long long)usec);
	b[n++] = '\n';
	log_emit(b, n);
}
