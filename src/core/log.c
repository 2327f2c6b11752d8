/*
 * One-line logging to stderr: "drecd[pid] LEVEL [rid] message".
 * Each line is built in a local buffer and written with a single fprintf
 * so that lines from concurrent threads do not interleave.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
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
 * The same line log_msg would write, built by hand and written with one
 * write(2): this runs once per request, and printf-style formatting was a
 * tenth of drecd's own work for a small request.
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
	(void)!write(STDERR_FILENO, b, n);
}
