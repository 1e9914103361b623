/*
 * test_clock: the scaled instance clock, and the log lines stamped with the
 * (unscaled) wall clock.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "clock.h"
#include "instance.h"
#include "log.h"
#include "unit.h"

/* clock_timescale() reads the environment once: probe each value in a child. */
static double
timescale_with_env(const char *value)
{
	int fds[2];
	double got = -1;

	if (pipe(fds) == -1)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		if (value)
			setenv("ROUTEMU_TIMESCALE", value, 1);
		else
			unsetenv("ROUTEMU_TIMESCALE");
		double v = clock_timescale();
		_exit(write(fds[1], &v, sizeof(v)) == sizeof(v) ? 0 : 1);
	}
	close(fds[1]);
	if (read(fds[0], &got, sizeof(got)) != sizeof(got))
		got = -1;
	close(fds[0]);
	waitpid(pid, NULL, 0);
	return got;
}

static void
test_timescale_env(void)
{
	UNIT_CHECK(timescale_with_env(NULL) == 1.0);
	UNIT_CHECK(timescale_with_env("") == 1.0);
	UNIT_CHECK(timescale_with_env("10") == 10.0);
	UNIT_CHECK(timescale_with_env("0.5") == 0.5);
	UNIT_CHECK(timescale_with_env("600") == 600.0);
	UNIT_CHECK(timescale_with_env("0") == 1.0);
	UNIT_CHECK(timescale_with_env("-3") == 1.0);
	UNIT_CHECK(timescale_with_env("fast") == 1.0);
	UNIT_CHECK(timescale_with_env("10x") == 1.0);
	UNIT_CHECK(timescale_with_env("nan") == 1.0);
	UNIT_CHECK(timescale_with_env("inf") == 1.0);
}

static void
test_scale_tv(void)
{
	struct timeval tv;

	clock_set_timescale(10);
	UNIT_CHECK(clock_timescale() == 10);
	clock_scale_tv(3600, &tv);
	UNIT_CHECK(tv.tv_sec == 360 && tv.tv_usec == 0);
	clock_scale_tv(0.5, &tv);
	UNIT_CHECK(tv.tv_sec == 0 && tv.tv_usec == 50000);
	clock_scale_tv(-1, &tv);
	UNIT_CHECK(tv.tv_sec == 0 && tv.tv_usec == 0);
	clock_scale_tv(0, &tv);
	UNIT_CHECK(tv.tv_sec == 0 && tv.tv_usec == 0);
	clock_scale_tv(1e-9, &tv); /* positive stays positive */
	UNIT_CHECK(tv.tv_sec == 0 && tv.tv_usec == 1);
	clock_scale_tv(1e300, &tv);
	UNIT_CHECK(tv.tv_sec > 0);
	clock_set_timescale(0); /* ignored */
	clock_set_timescale(-2);
	UNIT_CHECK(clock_timescale() == 10);
	clock_set_timescale(1);
	clock_scale_tv(90.25, &tv);
	UNIT_CHECK(tv.tv_sec == 90 && tv.tv_usec == 250000);
}

static void
test_now_scaled(void)
{
	clock_set_timescale(100);
	double t0 = clock_now();
	usleep(50000);
	double dt = clock_now() - t0;
	/* 50 ms real at x100 is 5 s emulated (generous bounds for a loaded machine). */
	UNIT_CHECK(dt >= 4.9 && dt < 30);
	clock_set_timescale(1);
	t0 = clock_now();
	usleep(20000);
	dt = clock_now() - t0;
	UNIT_CHECK(dt >= 0.019 && dt < 1);
	time_t w = clock_wall();
	UNIT_CHECK(w >= time(NULL) - 1 && w <= time(NULL));
}

static void
test_log_format(void)
{
	char line[256];

	setenv("TZ", "UTC", 1);
	tzset();
	log_format_line(line, sizeof(line), 0, "gm1", "mgd", 42, "hello");
	UNIT_STREQ(line, "Jan  1 00:00:00 gm1 mgd[42]: hello");
	log_format_line(line, sizeof(line), 1700000000L, "router-a", "gkmd", 7, "x: y");
	UNIT_STREQ(line, "Nov 14 22:13:20 router-a gkmd[7]: x: y");
	log_format_line(line, 12, 0, "gm1", "mgd", 42, "hello");
	UNIT_STREQ(line, "Jan  1 00:0"); /* truncated, still terminated */
}

static void
test_log_file(void)
{
	char dir[] = "/tmp/test_clock.XXXXXX", path[512];

	if (mkdtemp(dir) == NULL) {
		UNIT_CHECK(0);
		return;
	}
	UNIT_CHECK(instance_create(dir) == 0);
	log_init("/usr/sbin/mgd", dir, 0);
	log_set_hostname("gm1");
	log_info("commit complete");
	errno = ENOENT;
	log_warn("open %s", "juniper.conf");
	log_warnx("two\nlines");
	log_debug("not shown without debug");
	log_set_debug(1);
	UNIT_CHECK(log_get_debug() == 1);
	log_debug("shown with debug");
	log_set_debug(0);
	log_close();

	snprintf(path, sizeof(path), "%s/%s", dir, INST_MESSAGES);
	char *s = file_read_all(path, NULL);
	UNIT_CHECK(s != NULL);
	if (s != NULL) {
		char pid[32];
		snprintf(pid, sizeof(pid), " gm1 mgd[%ld]: ", (long)getpid());
		UNIT_CHECK(strstr(s, pid) != NULL);
		UNIT_CHECK(strstr(s, "]: commit complete\n") != NULL);
		UNIT_CHECK(strstr(s, "]: open juniper.conf: No such file or directory\n") != NULL);
		UNIT_CHECK(strstr(s, "]: two lines\n") != NULL);
		UNIT_CHECK(strstr(s, "not shown") == NULL);
		UNIT_CHECK(strstr(s, "]: shown with debug\n") != NULL);
		int lines = 0;
		for (char *p = s; *p; p++)
			lines += *p == '\n';
		UNIT_CHECK(lines == 4);
		/* Every line starts with "Mmm dd hh:mm:ss ". */
		UNIT_CHECK(strlen(s) > 16 && s[3] == ' ' && s[6] == ' ' && s[9] == ':' &&
		           s[12] == ':' && s[15] == ' ');
	}
	free(s);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	UNIT_CHECK(system(cmd) == 0);
}

int
main(void)
{
	UNIT_RUN(test_timescale_env);
	UNIT_RUN(test_scale_tv);
	UNIT_RUN(test_now_scaled);
	UNIT_RUN(test_log_format);
	UNIT_RUN(test_log_file);
	return unit_exit();
}
