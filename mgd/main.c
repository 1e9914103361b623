/*
 * mgd --instance DIR [--foreground] [--debug] [--timescale N] [--daemon-timeout S]
 * mgd --instance DIR --check-files
 *
 * Start-up: instance layout, single-instance lock, schema, history repair,
 * committed configuration, uncommitted candidate, socket, pid file, event loop.
 * Everything is read lazily or in one pass, so that mgd serves within milliseconds.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/event.h>
#include <libxml/parser.h>

#include "clock.h"
#include "instance.h"
#include "log.h"
#include "mgd.h"
#include "opschema.h"
#include "validate.h"

static struct mgd mgd_state;
struct mgd *mgd = &mgd_state;

const char *
mgd_version(void)
{
	return PACKAGE_VERSION;
}

static void
usage(void)
{
	fprintf(stderr, "usage: mgd --instance DIR [--foreground] [--debug] [--timescale N]\n"
	    "           [--daemon-timeout SECONDS]\n"
	    "       mgd --instance DIR --check-files\n");
	exit(2);
}

static void
mgd_signal(evutil_socket_t sig, short what, void *arg)
{
	(void)what;
	(void)arg;
	log_info("exiting on signal %d", (int)sig);
	event_base_loopbreak(mgd->m_base);
}

static struct schema *
mgd_schema(void)
{
	char err[1024];
	struct schema *s;

	if ((s = schema_load_default(err, sizeof(err))) == NULL) {
		log_warnx("schema: %s", err);
		return NULL;
	}
	if (validate_compile_schema(s, err, sizeof(err)) == -1) {
		log_warnx("schema: %s", err);
		schema_free(s);
		return NULL;
	}
	return s;
}

/* One mgd per instance: a lock held for the life of the process (freed by kill -9). */
static int
mgd_lock_instance(void)
{
	char path[4096];
	int fd;

	if (instance_path(path, sizeof(path), mgd->m_dir, INST_DB_DIR "/mgd.lock") == -1)
		return -1;
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		log_warn("%s", path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		log_warnx("%s: another mgd is running for this instance", mgd->m_dir);
		close(fd);
		return -1;
	}
	return fd;		/* kept open */
}

/* The committed configuration: juniper.conf, else an empty one. */
static int
mgd_load_committed(void)
{
	struct buf errs = BUF_INIT;

	if (!mgd->m_hist[0].ci_present) {
		mgd->m_committed = conf_new(mgd->m_schema);
		return mgd->m_committed != NULL ? 0 : -1;
	}
	if ((mgd->m_committed = history_read_tree(0, &errs)) == NULL) {
		/* The file is whole (atomic writes), so the schema must have changed. */
		log_warnx("juniper.conf does not load, starting from an empty "
		    "configuration: %s", buf_str(&errs));
		mgd->m_committed = conf_new(mgd->m_schema);
	}
	buf_free(&errs);
	return mgd->m_committed != NULL ? 0 : -1;
}

static int
mgd_write_pid(void)
{
	char path[4096], tmp[4200], data[32];
	int fd, n;

	if (instance_path(path, sizeof(path), mgd->m_dir, INST_RUN_DIR "/mgd.pid") == -1)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	n = snprintf(data, sizeof(data), "%ld\n", (long)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) == -1)
		return -1;
	if (write(fd, data, (size_t)n) != n) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	close(fd);
	return rename(tmp, path);
}

static int
mgd_daemonize(void)
{
	pid_t pid;
	int fd;

	if ((pid = fork()) == -1)
		return -1;
	if (pid > 0)
		_exit(0);	/* the socket already listens: clients may connect now */
	if (setsid() == -1)
		return -1;
	if ((fd = open("/dev/null", O_RDWR)) != -1) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		dup2(fd, STDERR_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "instance", required_argument, NULL, 'i' },
		{ "foreground", no_argument, NULL, 'f' },
		{ "debug", no_argument, NULL, 'd' },
		{ "timescale", required_argument, NULL, 't' },
		{ "daemon-timeout", required_argument, NULL, 'T' },
		{ "check-files", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = instance_dir_default();
	bool foreground = false, check = false;
	int debug = 0, ch, lockfd, rv = 1;
	double timescale = 0, dtimeout = MGD_DAEMON_TIMEOUT;
	char sock[4096], pidpath[4096], err[1024];
	struct event *sigterm = NULL, *sigint = NULL;

	while ((ch = getopt_long(argc, argv, "i:fdt:T:ch", opts, NULL)) != -1) {
		char *end;

		switch (ch) {
		case 'i':
			dir = optarg;
			break;
		case 'f':
			foreground = true;
			break;
		case 'd':
			debug = 1;
			foreground = true;
			break;
		case 't':
			timescale = strtod(optarg, &end);
			if (*end != '\0' || !(timescale > 0))
				usage();
			break;
		case 'T':
			dtimeout = strtod(optarg, &end);
			if (*end != '\0' || !(dtimeout > 0) || dtimeout > 3600)
				usage();
			break;
		case 'c':
			check = true;
			break;
		default:
			usage();
		}
	}
	if (dir == NULL || optind != argc)
		usage();

	memset(mgd, 0, sizeof(*mgd));
	TAILQ_INIT(&mgd->m_sessions);
	TAILQ_INIT(&mgd->m_daemons);
	mgd->m_listen_fd = -1;
	mgd->m_journal_fd = -1;
	mgd->m_daemon_timeout = dtimeout;
	for (int i = 0; i < MGD_NHIST; i++)
		mgd->m_hist[i].ci_bytes = -1;
	if ((mgd->m_dir = realpath(dir, NULL)) == NULL &&
	    (check || instance_create(dir) == -1 || (mgd->m_dir = realpath(dir, NULL)) == NULL)) {
		fprintf(stderr, "mgd: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (timescale > 0)
		clock_set_timescale(timescale);
	xmlInitParser();

	if (check) {
		log_init("mgd", NULL, 0);
		if ((mgd->m_schema = mgd_schema()) == NULL)
			return 2;
		rv = history_check_files(mgd->m_dir) == 0 ? 0 : 1;
		opschema_free(mgd->m_opschema);
	schema_free(mgd->m_schema);
		free(mgd->m_dir);
		return rv;
	}

	if (instance_create(mgd->m_dir) == -1) {
		fprintf(stderr, "mgd: %s: %s\n", mgd->m_dir, strerror(errno));
		return 1;
	}
	/* Start-up problems also go to stderr, where whoever started mgd looks. */
	log_init("mgd", mgd->m_dir, 1);
	if ((lockfd = mgd_lock_instance()) == -1)
		return 1;
	if ((mgd->m_schema = mgd_schema()) == NULL)
		return 1;
	/* The operational commands: a broken schema/op is as fatal as schema/. */
	if ((mgd->m_opschema = opschema_load_default(err, sizeof(err))) == NULL) {
		log_warnx("operational schema: %s", err);
		return 1;
	}
	mgd->m_started = time(NULL);
	if (history_recover() == -1 || mgd_load_committed() == -1 || db_init() == -1)
		return 1;
	journal_open_replay();

	instance_path(sock, sizeof(sock), mgd->m_dir, INST_MGD_SOCK);
	instance_path(pidpath, sizeof(pidpath), mgd->m_dir, INST_RUN_DIR "/mgd.pid");
	if (session_listen(sock) == -1)
		return 1;
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	if (!foreground && mgd_daemonize() == -1) {
		log_warn("daemon");
		return 1;
	}
	if (mgd_write_pid() == -1)
		log_warn("%s", pidpath);
	log_set_debug(debug);
	if ((mgd->m_base = event_base_new()) == NULL || session_start() == -1) {
		log_warnx("cannot set up the event loop");
		goto done;
	}
	sigterm = evsignal_new(mgd->m_base, SIGTERM, mgd_signal, NULL);
	sigint = evsignal_new(mgd->m_base, SIGINT, mgd_signal, NULL);
	if (sigterm == NULL || sigint == NULL || evsignal_add(sigterm, NULL) == -1 ||
	    evsignal_add(sigint, NULL) == -1)
		goto done;
	commit_restore_confirmed();
	log_info("mgd %s serving %s", mgd_version(), mgd->m_dir);

	event_base_dispatch(mgd->m_base);
	rv = 0;
done:
	session_close_all();
	commit_free_all();
	journal_close();
	if (sigterm != NULL)
		event_free(sigterm);
	if (sigint != NULL)
		event_free(sigint);
	unlink(sock);
	unlink(pidpath);
	db_free();
	for (int i = 0; i < MGD_NHIST; i++)
		commit_info_clear(&mgd->m_hist[i]);
	opschema_free(mgd->m_opschema);
	schema_free(mgd->m_schema);
	if (mgd->m_base != NULL)
		event_base_free(mgd->m_base);
	close(lockfd);
	free(mgd->m_dir);
	xmlCleanupParser();
	log_close();
	return rv;
}
