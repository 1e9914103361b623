/*
 * unit.h: the few macros the C unit tests share. Each test program is a main() that
 * runs its cases with UNIT_RUN and returns unit_exit(); a failed check prints where
 * and why and makes the program exit non-zero (automake counts it as FAIL).
 */
#ifndef ROUTEMU_UNIT_H
#define ROUTEMU_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_failures;
static int unit_cases;

#define UNIT_CHECK(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "%s:%d: check failed: %s\n",		\
		    __FILE__, __LINE__, #cond);				\
		unit_failures++;					\
	}								\
} while (0)

#define UNIT_STREQ(got, want) do {					\
	const char *unit_g_ = (got), *unit_w_ = (want);			\
	if (unit_g_ == NULL || strcmp(unit_g_, unit_w_) != 0) {		\
		fprintf(stderr, "%s:%d: %s\n--- got:\n%s\n--- want:\n%s\n---\n", \
		    __FILE__, __LINE__, #got, unit_g_ ? unit_g_ : "(null)", unit_w_); \
		unit_failures++;					\
	}								\
} while (0)

#define UNIT_RUN(fn) do {						\
	int unit_before_ = unit_failures;				\
	unit_cases++;							\
	fn();								\
	printf("%s %s\n", unit_failures == unit_before_ ? "ok  " : "FAIL", #fn); \
} while (0)

static inline int
unit_exit(void)
{
	printf("%d cases, %d failed checks\n", unit_cases, unit_failures);
	return unit_failures ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
