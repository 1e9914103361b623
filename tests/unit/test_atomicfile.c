/*
 * test_atomicfile: atomic replacement (including kill -9 during writes), whole-file
 * reads, and the instance directory layout those files live in.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "instance.h"
#include "unit.h"

static char tmpdir[256];

static void
make_tmpdir(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_atomicfile.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		exit(1);
	}
}

static void
rm_rf(const char *path)
{
	char cmd[600];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", path);
	if (system(cmd) != 0)
		fprintf(stderr, "cleanup of %s failed\n", path);
}

/* Number of entries of dir other than . and .. (temporary files would show here). */
static int
count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static void
test_write_read(void)
{
	char path[512];
	struct stat st;
	size_t len = 99;
	char *s;

	snprintf(path, sizeof(path), "%s/wr", tmpdir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/wr/juniper.conf", tmpdir);
	UNIT_CHECK(atomicfile_write(path, "one\n", 4) == 0);
	s = file_read_all(path, &len);
	UNIT_STREQ(s, "one\n");
	UNIT_CHECK(len == 4);
	free(s);
	UNIT_CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0644);
	UNIT_CHECK(atomicfile_write(path, "two, longer\n", 12) == 0);
	s = file_read_all(path, NULL);
	UNIT_STREQ(s, "two, longer\n");
	free(s);
	UNIT_CHECK(atomicfile_write_mode(path, "", 0, 0600) == 0);
	s = file_read_all(path, &len);
	UNIT_STREQ(s, "");
	UNIT_CHECK(len == 0);
	free(s);
	UNIT_CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0600);
	/* No temporary file left behind. */
	snprintf(path, sizeof(path), "%s/wr", tmpdir);
	UNIT_CHECK(count_entries(path) == 1);

	/* Binary content with NULs, and a file bigger than the read chunk. */
	size_t big = 3 * 1024 * 1024 + 17;
	char *data = malloc(big);
	for (size_t i = 0; i < big; i++)
		data[i] = (char)(i * 7);
	snprintf(path, sizeof(path), "%s/wr/big", tmpdir);
	UNIT_CHECK(atomicfile_write(path, data, big) == 0);
	s = file_read_all(path, &len);
	UNIT_CHECK(s != NULL && len == big && memcmp(s, data, big) == 0 && s[big] == '\0');
	free(s);
	free(data);

	/* A relative path (no directory part) works too. */
	char cwd[512];
	UNIT_CHECK(getcwd(cwd, sizeof(cwd)) != NULL);
	snprintf(path, sizeof(path), "%s/wr", tmpdir);
	UNIT_CHECK(chdir(path) == 0);
	UNIT_CHECK(atomicfile_write("rel", "r", 1) == 0);
	s = file_read_all("rel", NULL);
	UNIT_STREQ(s, "r");
	free(s);
	UNIT_CHECK(chdir(cwd) == 0);
}

static void
test_errors(void)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/missing-dir/f", tmpdir);
	errno = 0;
	UNIT_CHECK(atomicfile_write(path, "x", 1) == -1 && errno == ENOENT);
	errno = 0;
	UNIT_CHECK(file_read_all(path, NULL) == NULL && errno == ENOENT);

	/* The target is a directory: rename fails, the directory is untouched, no debris. */
	snprintf(path, sizeof(path), "%s/err", tmpdir);
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/err/d", tmpdir);
	mkdir(path, 0755);
	UNIT_CHECK(atomicfile_write(path, "x", 1) == -1);
	struct stat st;
	UNIT_CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
	snprintf(path, sizeof(path), "%s/err", tmpdir);
	UNIT_CHECK(count_entries(path) == 1);
	snprintf(path, sizeof(path), "%s/err/", tmpdir);
	UNIT_CHECK(atomicfile_write(path, "x", 1) == -1);
}

/*
 * kill -9 while a child rewrites the file over and over with one of two
 * contents: whatever the moment, the file is wholly one or the other.
 */
static void
test_kill9(void)
{
	char dir[512], path[600];
	const size_t size = 256 * 1024;
	char *a = malloc(size), *b = malloc(size);

	memset(a, 'a', size);
	memset(b, 'b', size);
	snprintf(dir, sizeof(dir), "%s/kill", tmpdir);
	mkdir(dir, 0755);
	snprintf(path, sizeof(path), "%s/juniper.conf", dir);
	UNIT_CHECK(atomicfile_write(path, a, size) == 0);
	srand((unsigned)time(NULL));
	for (int round = 0; round < 25; round++) {
		pid_t pid = fork();

		if (pid == 0) {
			for (unsigned i = 0; i < 100000; i++)
				if (atomicfile_write(path, (i & 1) ? a : b, size) == -1)
					_exit(2);
			_exit(0);
		}
		usleep(1000 + (useconds_t)(rand() % 20000));
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		size_t len = 0;
		char *s = file_read_all(path, &len);
		UNIT_CHECK(s != NULL && len == size);
		if (s != NULL && len == size) {
			char c = s[0];
			UNIT_CHECK(c == 'a' || c == 'b');
			UNIT_CHECK(memcmp(s, c == 'a' ? a : b, size) == 0);
		}
		free(s);
	}
	free(a);
	free(b);
}

static void
test_instance(void)
{
	char dir[512], path[600];
	struct stat st;

	snprintf(dir, sizeof(dir), "%s/inst/r1", tmpdir); /* parent missing too */
	UNIT_CHECK(instance_create(dir) == 0);
	UNIT_CHECK(instance_create(dir) == 0); /* idempotent */
	static const char *dirs[] = {"config", "db", "var/log", "var/run"};
	for (size_t i = 0; i < 4; i++) {
		UNIT_CHECK(instance_path(path, sizeof(path), dir, dirs[i]) == 0);
		UNIT_CHECK(stat(path, &st) == 0 && S_ISDIR(st.st_mode));
	}
	UNIT_CHECK(instance_path(path, sizeof(path), dir, INST_DB_DIR) == 0);
	UNIT_CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0700);
	UNIT_CHECK(instance_path(path, sizeof(path), dir, INST_LOG_DIR) == 0);
	UNIT_CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == (0755 & ~0022));

	char small[16];
	errno = 0;
	UNIT_CHECK(instance_path(small, sizeof(small), "/a/long/directory", "x") == -1 &&
	           errno == ENAMETOOLONG);
	UNIT_CHECK(instance_path(path, sizeof(path), "/i", INST_MGD_SOCK) == 0);
	UNIT_STREQ(path, "/i/var/run/mgd.sock");
	UNIT_CHECK(instance_rollback_path(path, sizeof(path), "/i", 0) == 0);
	UNIT_STREQ(path, "/i/config/juniper.conf");
	UNIT_CHECK(instance_rollback_path(path, sizeof(path), "/i", 49) == 0);
	UNIT_STREQ(path, "/i/config/juniper.conf.49");
	UNIT_CHECK(instance_rollback_path(path, sizeof(path), "/i", 50) == -1);
	UNIT_CHECK(instance_rollback_path(path, sizeof(path), "/i", -1) == -1);

	/* A file where a directory should be. */
	snprintf(path, sizeof(path), "%s/inst/file", tmpdir);
	UNIT_CHECK(atomicfile_write(path, "x", 1) == 0);
	UNIT_CHECK(instance_create(path) == -1);
	UNIT_CHECK(instance_create("") == -1);

	unsetenv("ROUTEMU_INSTANCE");
	UNIT_CHECK(instance_dir_default() == NULL);
	setenv("ROUTEMU_INSTANCE", "", 1);
	UNIT_CHECK(instance_dir_default() == NULL);
	setenv("ROUTEMU_INSTANCE", "/x/y", 1);
	UNIT_STREQ(instance_dir_default(), "/x/y");
	unsetenv("ROUTEMU_INSTANCE");
}

int
main(void)
{
	umask(022);
	make_tmpdir();
	UNIT_RUN(test_write_read);
	UNIT_RUN(test_errors);
	UNIT_RUN(test_kill9);
	UNIT_RUN(test_instance);
	rm_rf(tmpdir);
	return unit_exit();
}
