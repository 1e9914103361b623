/*
 * clock: the instance clock. Every timer of a routemu program reads it.
 *
 * ROUTEMU_TIMESCALE=N (a positive number, default 1) makes emulated time run N
 * times faster than real time, so a test can watch a 3600 s lifetime expire in
 * seconds. Wall-clock timestamps (logs, show output) are never scaled.
 */
#ifndef ROUTEMU_CLOCK_H
#define ROUTEMU_CLOCK_H

#include <sys/time.h>
#include <time.h>

/* The scale factor: ROUTEMU_TIMESCALE read once (invalid or <= 0 gives 1). */
double	 clock_timescale(void);
/* Override the scale (mgd option, tests); a value <= 0 is ignored. */
void	 clock_set_timescale(double scale);
/* Emulated monotonic seconds: real monotonic seconds times the scale. */
double	 clock_now(void);
/* A duration in emulated seconds as the real timeval a libevent timer needs. */
void	 clock_scale_tv(double seconds, struct timeval *tv);
/* Wall clock, unscaled: time(NULL). */
time_t	 clock_wall(void);

#endif
