/*
 * atomicfile: files that are either wholly old or wholly new, even across kill -9
 * or a power cut: write a temporary file in the same directory, fsync it, rename it
 * over the target, fsync the directory.
 */
#ifndef ROUTEMU_ATOMICFILE_H
#define ROUTEMU_ATOMICFILE_H

#include <stddef.h>

/* Returns 0, or -1 with errno set and the old file (if any) untouched. Mode 0644. */
int	 atomicfile_write(const char *path, const void *data, size_t len);
/* Same, with an explicit file mode (e.g. 0600 for db files). */
int	 atomicfile_write_mode(const char *path, const void *data, size_t len, int mode);
/* fsync the directory holding path (after a rename or unlink). 0 / -1. */
int	 atomicfile_sync_dir(const char *path);
/* Whole file, malloc'd and NUL-terminated; *len (may be NULL) without the NUL.
 * NULL with errno on error. */
char	*file_read_all(const char *path, size_t *len);

#endif
