/*
 * atomicfile: replace a file so that readers (and a restart after kill -9) see
 * either the old content or the new, never a mix: temporary file in the same
 * directory (rename is atomic only within a file system), fsync, rename, fsync
 * the directory so the rename itself is durable.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "atomicfile.h"

/* dirname() of path into out ("." when path has no slash). */
static int
atomicfile_dirname(const char *path, char *out, size_t outlen)
{
	const char *slash = strrchr(path, '/');
	size_t len;

	if (slash == NULL) {
		snprintf(out, outlen, ".");
		return 0;
	}
	len = slash == path ? 1 : (size_t)(slash - path);
	if (len >= outlen) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(out, path, len);
	out[len] = '\0';
	return 0;
}

int
atomicfile_sync_dir(const char *path)
{
	char dir[4096];
	int fd, rv = -1;

	if (atomicfile_dirname(path, dir, sizeof(dir)) == -1)
		return -1;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	if (fsync(fd) == -1 && errno != EINVAL) /* some file systems refuse: harmless */
		goto done;
	rv = 0;
done:
	close(fd);
	return rv;
}

int
atomicfile_write_mode(const char *path, const void *data, size_t len, int mode)
{
	char tmp[4096];
	const char *base = strrchr(path, '/');
	const char *p = data;
	size_t dirlen;
	int fd = -1, rv = -1, saved;

	/*
	 * ".NAME.XXXXXX" next to the target: a dot file, so that globs on the real
	 * names (juniper.conf.*) never see a leftover after a crash.
	 */
	base = base ? base + 1 : path;
	dirlen = (size_t)(base - path);
	if (*base == '\0' || (size_t)snprintf(tmp, sizeof(tmp), "%.*s.%s.XXXXXX", (int)dirlen, path,
	                                      base) >= sizeof(tmp)) {
		errno = *base == '\0' ? EINVAL : ENAMETOOLONG;
		return -1;
	}
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1)
		return -1;
	if (fchmod(fd, (mode_t)mode) == -1)
		goto done;
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n == -1) {
			if (errno == EINTR)
				continue;
			goto done;
		}
		p += n;
		len -= (size_t)n;
	}
	if (fsync(fd) == -1)
		goto done;
	if (close(fd) == -1) {
		fd = -1;
		goto done;
	}
	fd = -1;
	if (rename(tmp, path) == -1)
		goto done;
	tmp[0] = '\0'; /* nothing left to remove */
	if (atomicfile_sync_dir(path) == -1)
		goto done;
	rv = 0;
done:
	saved = errno;
	if (fd != -1)
		close(fd);
	if (rv == -1 && tmp[0] != '\0')
		unlink(tmp);
	errno = saved;
	return rv;
}

int
atomicfile_write(const char *path, const void *data, size_t len)
{
	return atomicfile_write_mode(path, data, len, 0644);
}

char *
file_read_all(const char *path, size_t *lenp)
{
	char *data = NULL, *p;
	size_t len = 0, cap = 0;
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 16384;
			if ((p = realloc(data, cap)) == NULL)
				goto fail;
			data = p;
		}
		ssize_t n = read(fd, data + len, cap - len - 1);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	data[len] = '\0';
	if (lenp != NULL)
		*lenp = len;
	return data;
fail:
	saved = errno;
	close(fd);
	free(data);
	errno = saved;
	return NULL;
}
