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

/*
 * A directory the tests read: $env/sub when the variable is set (make check sets
 * ROUTEMU_TESTDATA and ROUTEMU_SCHEMA_DIR), else $srcdir/srcsub, else srcsub relative to
 * the repository found from this header's path (a build tree run by hand). The result is
 * a static buffer: use it before the next call.
 */
static inline const char *
unit_dir(const char *env, const char *sub, const char *srcsub)
{
	static char path[4096];
	const char *e = getenv(env), *srcdir = getenv("srcdir");

	if (e != NULL)
		snprintf(path, sizeof(path), "%s/%s", e, sub);
	else if (srcdir != NULL)
		snprintf(path, sizeof(path), "%s/%s", srcdir, srcsub);
	else {
		/* this file is tests/unit/unit.h: the repository is two levels up */
		snprintf(path, sizeof(path), "%s", __FILE__);
		char *slash = strrchr(path, '/');
		if (slash == NULL)
			snprintf(path, sizeof(path), "../../%s", srcsub);
		else
			snprintf(slash, sizeof(path) - (size_t)(slash - path), "/../../%s", srcsub);
	}
	return path;
}

/* The mini test schema, and the product's operational-command schema. */
#define UNIT_MINI_SCHEMA()	unit_dir("ROUTEMU_TESTDATA", "mini-schema", \
				    "tests/unit/data/mini-schema")
#define UNIT_OP_SCHEMA()	unit_dir("ROUTEMU_SCHEMA_DIR", "op", "schema/op")

#endif
