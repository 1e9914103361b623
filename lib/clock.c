/*
 * clock: emulated time. ROUTEMU_TIMESCALE speeds every timer of an instance up
 * by the same factor, so lifetimes and rollbacks can be tested in seconds.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "clock.h"

static double clock_scale; /* 0 until first read */

double
clock_timescale(void)
{
	if (clock_scale > 0)
		return clock_scale;
	clock_scale = 1.0;
	const char *s = getenv("ROUTEMU_TIMESCALE");
	if (s != NULL && *s != '\0') {
		char *end;

		errno = 0;
		double v = strtod(s, &end);
		if (errno == 0 && *end == '\0' && isfinite(v) && v > 0)
			clock_scale = v;
	}
	return clock_scale;
}

void
clock_set_timescale(double scale)
{
	if (isfinite(scale) && scale > 0)
		clock_scale = scale;
}

double
clock_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	/*
	 * Absolute, not relative to process start: every process of an instance
	 * (and of a lab) reads the same emulated time.
	 */
	return ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9) * clock_timescale();
}

void
clock_scale_tv(double seconds, struct timeval *tv)
{
	double real = seconds / clock_timescale();

	if (!(real > 0)) { /* also NaN */
		tv->tv_sec = 0;
		tv->tv_usec = 0;
		return;
	}
	if (real > 1e12) /* keep it representable; ~31000 years */
		real = 1e12;
	tv->tv_sec = (time_t)real;
	tv->tv_usec = (suseconds_t)((real - (double)tv->tv_sec) * 1e6);
	if (tv->tv_usec >= 1000000) {
		tv->tv_sec++;
		tv->tv_usec -= 1000000;
	}
	/* A positive duration never becomes a zero timer (an immediate busy loop). */
	if (tv->tv_sec == 0 && tv->tv_usec == 0)
		tv->tv_usec = 1;
}

time_t
clock_wall(void)
{
	return time(NULL);
}
