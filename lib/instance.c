/* instance: the directory layout of one emulated router (see instance.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "instance.h"

int
instance_path(char *out, size_t outlen, const char *dir, const char *rel)
{
	int n;

	if (rel == NULL || rel[0] == '\0')
		n = snprintf(out, outlen, "%s", dir);
	else
		n = snprintf(out, outlen, "%s/%s", dir, rel);
	if (n < 0 || (size_t)n >= outlen) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

int
instance_rollback_path(char *out, size_t outlen, const char *dir, int n)
{
	char rel[64];

	if (n < 0 || n > INST_MAX_ROLLBACK) {
		errno = EINVAL;
		return -1;
	}
	if (n == 0)
		snprintf(rel, sizeof(rel), "%s", INST_CONFIG);
	else
		snprintf(rel, sizeof(rel), "%s.%d", INST_CONFIG, n);
	return instance_path(out, outlen, dir, rel);
}

/* mkdir -p: every missing component of path, each with mode. */
static int
instance_mkdirs(const char *path, mode_t mode)
{
	char tmp[4096];
	size_t len = strlen(path);
	struct stat st;

	if (len == 0 || len >= sizeof(tmp)) {
		errno = len ? ENAMETOOLONG : ENOENT;
		return -1;
	}
	memcpy(tmp, path, len + 1);
	for (char *p = tmp + 1;; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		char saved = *p;
		*p = '\0';
		if (mkdir(tmp, saved == '\0' ? mode : 0755) == -1 && errno != EEXIST)
			return -1;
		*p = saved;
		if (saved == '\0')
			break;
	}
	if (stat(path, &st) == -1)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

int
instance_create(const char *dir)
{
	static const struct {
		const char *rel;
		mode_t mode;
	} layout[] = {
	    {"", 0755},           {INST_CONFIG_DIR, 0755},
	    {INST_DB_DIR, 0700}, /* candidates may hold plain secrets being typed */
	    {"var", 0755},        {INST_LOG_DIR, 0755},
	    {INST_RUN_DIR, 0755},
	};
	char path[4096];

	if (dir == NULL || dir[0] == '\0') {
		errno = EINVAL;
		return -1;
	}
	for (size_t i = 0; i < sizeof(layout) / sizeof(layout[0]); i++) {
		if (instance_path(path, sizeof(path), dir, layout[i].rel) == -1)
			return -1;
		if (instance_mkdirs(path, layout[i].mode) == -1)
			return -1;
	}
	return 0;
}

const char *
instance_dir_default(void)
{
	const char *d = getenv("ROUTEMU_INSTANCE");

	return d != NULL && d[0] != '\0' ? d : NULL;
}
