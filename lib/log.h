/*
 * log: one small logging API for every routemu program (OpenBSD style).
 *
 * Lines go to <instance>/var/log/messages in the Junos syslog form
 *   Mmm dd hh:mm:ss HOST-NAME DAEMON[PID]: MESSAGE
 * and, when debugging, to stderr as well. Without an instance directory (a
 * tool, a test) they go to stderr only. log_debug() prints only when debugging.
 * A later issue adds per-daemon files and traceoptions.
 */
#ifndef ROUTEMU_LOG_H
#define ROUTEMU_LOG_H

#include <stdarg.h>
#include <stddef.h>
#include <syslog.h>		/* LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG for vlog */

/* instance_dir may be NULL. debug != 0: copy every line to stderr, enable log_debug. */
void	 log_init(const char *progname, const char *instance_dir, int debug);
/* The HOST-NAME field (mgd sets it from `system host-name`); NULL = gethostname(). */
void	 log_set_hostname(const char *hostname);
void	 log_set_debug(int debug);
int	 log_get_debug(void);
void	 log_close(void);

void	 log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 vlog(int pri, const char *fmt, va_list ap);
/* fatal appends strerror(errno) like log_warn; both exit(1). */
void	 fatal(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));
void	 fatalx(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2), noreturn));

/* Format one syslog line (no newline) into out; exposed for tests. */
void	 log_format_line(char *out, size_t outlen, long wall, const char *host,
	    const char *prog, long pid, const char *msg);

#endif
