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

void
log_access(const char *rid, const char *method, const char *route,
    int status, int64_t usec)
{
	log_msg(LOG_LVL_INFO, rid,
	    "access id=%s method=%s route=%s status=%d us=%lld",
	    rid ? rid : "-", method ? method : "-", route ? route : "-",
	    status, (long long)usec);
}
