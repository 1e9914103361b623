/*
 * fuzz_common.h: what every libFuzzer target here shares: the schema, loaded
 * once (ROUTEMU_SCHEMA_DIR, else the repository's schema/ baked in by build.sh),
 * and a check that aborts, so that libFuzzer records the input as a crash.
 */
#ifndef ROUTEMU_FUZZ_COMMON_H
#define ROUTEMU_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "schema.h"

#ifndef FUZZ_SCHEMA_DIR
#define FUZZ_SCHEMA_DIR "schema"
#endif

/* Inputs larger than this are ignored: they only slow the search down. */
#define FUZZ_MAX_INPUT	(64 * 1024)

#define FUZZ_ASSERT(cond, ...) do {					\
	if (!(cond)) {							\
		fprintf(stderr, "fuzz invariant failed: %s (%s:%d)\n",	\
		    #cond, __FILE__, __LINE__);				\
		fprintf(stderr, __VA_ARGS__);				\
		fputc('\n', stderr);					\
		abort();						\
	}								\
} while (0)

static inline const struct schema *
fuzz_schema(void)
{
	static struct schema *s;
	char err[512];
	const char *dir;

	if (s != NULL)
		return s;
	dir = getenv("ROUTEMU_SCHEMA_DIR");
	if (dir == NULL || *dir == '\0')
		dir = FUZZ_SCHEMA_DIR;
	if ((s = schema_load_dir(dir, err, sizeof(err))) == NULL) {
		fprintf(stderr, "fuzz: cannot load schema from %s: %s\n", dir, err);
		exit(2);
	}
	return s;
}

/* data as a NUL-terminated string (inner NULs end it early, as in a C caller). */
static inline char *
fuzz_strdup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (s == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* Round-trip checks are on unless FUZZ_NO_ROUNDTRIP is set (to look for crashes only). */
static inline int
fuzz_roundtrip(void)
{
	static int v = -1;

	if (v == -1)
		v = getenv("FUZZ_NO_ROUNDTRIP") == NULL;
	return v;
}

#endif
