/*
 * log: Junos-style syslog lines into <instance>/var/log/messages, stderr when
 * debugging. One write(2) per line on an O_APPEND descriptor, so lines of several
 * processes sharing the file never interleave.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

#define LOG_LINE_MAX 4096

static char log_prog[64] = "routemu";
static char log_host[256];
static int log_fd = -1;
static int log_debugging;

void
log_init(const char *progname, const char *instance_dir, int debug)
{
	char path[4096];

	if (progname != NULL) {
		const char *slash = strrchr(progname, '/');

		snprintf(log_prog, sizeof(log_prog), "%s", slash ? slash + 1 : progname);
	}
	log_debugging = debug;
	log_set_hostname(NULL);
	log_close();
	if (instance_dir == NULL)
		return;
	if ((size_t)snprintf(path, sizeof(path), "%s/var/log/messages", instance_dir) >=
	    sizeof(path)) {
		fprintf(stderr, "%s: instance path too long\n", log_prog);
		return;
	}
	log_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (log_fd == -1)
		fprintf(stderr, "%s: %s: %s\n", log_prog, path, strerror(errno));
}

void
log_set_hostname(const char *hostname)
{
	if (hostname != NULL && hostname[0] != '\0') {
		snprintf(log_host, sizeof(log_host), "%s", hostname);
		return;
	}
	if (gethostname(log_host, sizeof(log_host) - 1) == -1 || log_host[0] == '\0')
		snprintf(log_host, sizeof(log_host), "localhost");
	log_host[sizeof(log_host) - 1] = '\0';
}

void
log_set_debug(int debug)
{
	log_debugging = debug;
}

int
log_get_debug(void)
{
	return log_debugging;
}

void
log_close(void)
{
	if (log_fd != -1)
		close(log_fd);
	log_fd = -1;
}

void
log_format_line(char *out, size_t outlen, long wall, const char *host, const char *prog, long pid,
                const char *msg)
{
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t t = (time_t)wall;
	struct tm tm;

	if (outlen == 0)
		return;
	if (localtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	/* syslog's "%b %e %T": the day is padded with a space, not a zero. */
	snprintf(out, outlen, "%s %2d %02d:%02d:%02d %s %s[%ld]: %s", months[tm.tm_mon % 12],
	         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, host, prog, pid, msg);
}

static void
log_write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, s, len);

		if (n == -1) {
			if (errno == EINTR)
				continue;
			return;
		}
		s += n;
		len -= (size_t)n;
	}
}

void
vlog(int pri, const char *fmt, va_list ap)
{
	char msg[LOG_LINE_MAX], line[LOG_LINE_MAX + 512];
	int saved = errno;

	if (pri == LOG_DEBUG && !log_debugging)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	/* One event, one line: a message never spans lines of the file. */
	for (char *p = msg; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	if (log_fd != -1) {
		log_format_line(line, sizeof(line) - 1, (long)time(NULL), log_host, log_prog,
		                (long)getpid(), msg);
		size_t len = strlen(line);
		line[len++] = '\n';
		log_write_all(log_fd, line, len);
	}
	if (log_debugging || log_fd == -1) {
		size_t len = (size_t)snprintf(line, sizeof(line) - 1, "%s: %s", log_prog, msg);
		if (len > sizeof(line) - 2)
			len = sizeof(line) - 2;
		line[len++] = '\n';
		log_write_all(STDERR_FILENO, line, len);
	}
	errno = saved;
}

static void
logit(int pri, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(pri, fmt, ap);
	va_end(ap);
}

/* "message: strerror(errno)", with errno as it was when the caller failed. */
static void
vlog_errno(int pri, int err, const char *fmt, va_list ap)
{
	char msg[LOG_LINE_MAX];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	logit(pri, "%s: %s", msg, strerror(err));
}

void
log_warn(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	va_start(ap, fmt);
	vlog_errno(LOG_ERR, err, fmt, ap);
	va_end(ap);
	errno = err;
}

void
log_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_ERR, fmt, ap);
	va_end(ap);
}

void
log_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_INFO, fmt, ap);
	va_end(ap);
}

void
log_debug(const char *fmt, ...)
{
	va_list ap;

	if (!log_debugging)
		return;
	va_start(ap, fmt);
	vlog(LOG_DEBUG, fmt, ap);
	va_end(ap);
}

void
fatal(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	va_start(ap, fmt);
	vlog_errno(LOG_CRIT, err, fmt, ap);
	va_end(ap);
	exit(1);
}

void
fatalx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(LOG_CRIT, fmt, ap);
	va_end(ap);
	exit(1);
}
