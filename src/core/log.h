/*
 * Logging to stderr (journald under systemd): one line per event,
 * "drecd[pid] LEVEL [request-id] message".  Never pass secrets.
 */
#ifndef CORE_LOG_H
#define CORE_LOG_H

#include <stdint.h>

enum log_level { LOG_LVL_DEBUG, LOG_LVL_INFO, LOG_LVL_WARN, LOG_LVL_ERROR, LOG_LVL__MAX };

void	log_set_level(enum log_level);
void	log_set_ident(const char *);
/* rid may be NULL (not in a request). */
void	log_msg(enum log_level, const char *rid, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* The access line: id, method, route pattern, status, microseconds. */
void	log_access(const char *rid, const char *method, const char *route,
	    int status, int64_t usec);
/*
 * From now on access lines are buffered and written by a writer thread
 * every 50 ms (or when 64 KiB are pending): no system call per request.
 * They reach the log up to 50 ms late, possibly after later WARN/ERROR
 * lines, which are still written at once.  Call after fork(); 0 ok.
 */
int	log_access_buffered(void);
/* Writes the buffered access lines and stops the writer thread. */
void	log_flush(void);

#define log_info(rid, ...)	log_msg(LOG_LVL_INFO, rid, __VA_ARGS__)
#define log_warn(rid, ...)	log_msg(LOG_LVL_WARN, rid, __VA_ARGS__)
#define log_error(rid, ...)	log_msg(LOG_LVL_ERROR, rid, __VA_ARGS__)

#endif
