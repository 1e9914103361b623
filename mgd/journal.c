/*
 * journal: the uncommitted shared candidate survives an mgd restart.
 *
 * Rewriting the whole candidate after each `set` would make 100 000 piped set
 * lines cost O(n^2). Instead every accepted load operation on the shared candidate
 * is appended to db/candidate.journal (one write(2), no fsync: a kill -9 cannot
 * lose what write returned; a power cut may lose the last edits, never the
 * committed configuration) and replayed at start on top of the committed
 * configuration it was based on:
 *
 *   routemu-candidate-journal 1 seq=12 seconds=1795851093\n     base: the commit
 *   @load ACTION FORMAT LEVELLEN PAYLOADLEN\n LEVEL PAYLOAD \n       one load
 *   @lock - - 0 0\n\n                                               exclusive from here
 *
 * A commit empties it (the candidate equals the new configuration); a journal
 * whose base is not the active configuration (a commit was interrupted after
 * writing juniper.conf) is stale and dropped. When the journal outgrows the
 * candidate, it is compacted from the event loop into one `@load override text`
 * snapshot (atomic write). Changes made under `configure exclusive` follow a
 * @lock record and are not replayed: Junos discards them when the session ends.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/stat.h>
#include <sys/uio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "instance.h"
#include "log.h"
#include "mgd.h"

#define JOURNAL_FILE		"db/candidate.journal"
#define JOURNAL_MAGIC		"routemu-candidate-journal 1"
#define JOURNAL_MIN_COMPACT	(1024 * 1024)	/* never compact below this size */

static void	 journal_compact_cb(evutil_socket_t, short, void *);

static void
journal_path(char *out, size_t len)
{
	instance_path(out, len, mgd->m_dir, JOURNAL_FILE);
}

static void
journal_header(struct buf *b)
{
	const struct commit_info *ci = &mgd->m_hist[0];

	buf_printf(b, "%s seq=%lu seconds=%lld\n", JOURNAL_MAGIC,
	    ci->ci_present ? ci->ci_seq : 0UL,
	    ci->ci_present ? (long long)ci->ci_seconds : 0LL);
}

static int
journal_write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int
journal_reopen(void)
{
	char path[4096];
	struct stat st;

	if (mgd->m_journal_fd != -1)
		close(mgd->m_journal_fd);
	journal_path(path, sizeof(path));
	mgd->m_journal_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (mgd->m_journal_fd == -1) {
		log_warn("%s", path);
		return -1;
	}
	mgd->m_journal_size = fstat(mgd->m_journal_fd, &st) == 0 ? (size_t)st.st_size : 0;
	return 0;
}

static void
journal_record(struct buf *b, const char *kind, const char *action, const char *format,
    const char *level, const char *payload)
{
	size_t ll = strlen(level), pl = strlen(payload);

	buf_printf(b, "@%s %s %s %zu %zu\n", kind, action, format, ll, pl);
	buf_append(b, level, ll);
	buf_append(b, payload, pl);
	buf_putc(b, '\n');
}

static void
journal_append(const struct buf *b)
{
	if (mgd->m_journal_fd == -1 && journal_reopen() == -1)
		return;
	if (journal_write_all(mgd->m_journal_fd, b->b_data, b->b_len) == -1) {
		log_warn("candidate journal");
		return;
	}
	mgd->m_journal_size += b->b_len;
}

/* journal_append of several pieces (iov is consumed). */
static void
journal_appendv(struct iovec *iov, int n)
{
	size_t total = 0;

	if (mgd->m_journal_fd == -1 && journal_reopen() == -1)
		return;
	for (int i = 0; i < n; i++)
		total += iov[i].iov_len;
	while (n > 0) {
		ssize_t w = writev(mgd->m_journal_fd, iov, n);

		if (w == -1) {
			if (errno == EINTR)
				continue;
			log_warn("candidate journal");
			return;
		}
		/* A short write: skip what went out and write the rest. */
		while (n > 0 && (size_t)w >= iov->iov_len) {
			w -= (ssize_t)iov->iov_len;
			iov++;
			n--;
		}
		if (n > 0) {
			iov->iov_base = (char *)iov->iov_base + w;
			iov->iov_len -= (size_t)w;
		}
	}
	mgd->m_journal_size += total;
}

/*
 * Compaction pays off once the journal is well beyond what a snapshot costs, and
 * holds several loads: a single one (a big `load set` into an empty candidate)
 * would only be printed again as text of about the same size.
 */
static void
journal_maybe_compact(void)
{
	size_t base = mgd->m_journal_snap;

	if (mgd->m_journal_nrec < 2)
		return;
	if (base == 0 && mgd->m_hist[0].ci_present && mgd->m_hist[0].ci_bytes > 0)
		base = (size_t)mgd->m_hist[0].ci_bytes;
	if (mgd->m_lock != NULL || mgd->m_journal_size < JOURNAL_MIN_COMPACT + 2 * base)
		return;
	if (mgd->m_journal_ev == NULL && mgd->m_base != NULL)
		mgd->m_journal_ev = evtimer_new(mgd->m_base, journal_compact_cb, NULL);
	if (mgd->m_journal_ev != NULL && !evtimer_pending(mgd->m_journal_ev, NULL)) {
		/* After the burst of edits, not in the middle of it. */
		struct timeval tv = { 1, 0 };

		evtimer_add(mgd->m_journal_ev, &tv);
	}
}

void
journal_append_load(const char *action, const char *format, const char *level,
    const char *payload)
{
	struct buf b = BUF_INIT;
	size_t ll = strlen(level), pl = strlen(payload);
	struct iovec iov[3];

	/*
	 * The same bytes as journal_record, but the payload (megabytes for a large
	 * `load`) goes to the kernel from where it is, not through a copy.
	 */
	buf_printf(&b, "@load %s %s %zu %zu\n", action, format, ll, pl);
	buf_append(&b, level, ll);
	iov[0].iov_base = b.b_data;
	iov[0].iov_len = b.b_len;
	iov[1].iov_base = (void *)(uintptr_t)payload;
	iov[1].iov_len = pl;
	iov[2].iov_base = (void *)(uintptr_t)"\n";
	iov[2].iov_len = 1;
	journal_appendv(iov, 3);
	mgd->m_journal_nrec++;
	buf_free(&b);
	journal_maybe_compact();
}

/* The candidate equals the committed configuration: the journal restarts. */
void
journal_reset(void)
{
	struct buf b = BUF_INIT;

	if (mgd->m_journal_fd == -1 && journal_reopen() == -1)
		return;
	if (mgd->m_journal_ev != NULL)
		evtimer_del(mgd->m_journal_ev);
	if (ftruncate(mgd->m_journal_fd, 0) == -1)
		log_warn("candidate journal");
	mgd->m_journal_size = 0;
	mgd->m_journal_snap = 0;
	mgd->m_journal_nrec = 0;
	journal_header(&b);
	if (mgd->m_lock != NULL)
		journal_record(&b, "lock", "-", "-", "", "");
	journal_append(&b);
	buf_free(&b);
}

/* Taking the exclusive lock: the candidate is unmodified, what follows is exclusive. */
void
journal_append_lock(void)
{
	journal_reset();	/* writes the @lock record, m_lock being set */
}

/* Replace the journal by one snapshot of the candidate (atomically). */
void
journal_snapshot(void)
{
	struct buf b = BUF_INIT, text = BUF_INIT;
	char path[4096];

	if (mgd->m_journal_ev != NULL)
		evtimer_del(mgd->m_journal_ev);
	conf_print_text(&text, mgd->m_candidate, 0, 0);
	journal_header(&b);
	journal_record(&b, "load", "override", "text", "", buf_str(&text));
	if (mgd->m_lock != NULL)
		journal_record(&b, "lock", "-", "-", "", "");
	journal_path(path, sizeof(path));
	if (atomicfile_write_mode(path, b.b_data, b.b_len, 0600) == -1)
		log_warn("%s", path);
	else {
		journal_reopen();
		mgd->m_journal_snap = text.b_len;
		mgd->m_journal_nrec = 1;
	}
	buf_free(&text);
	buf_free(&b);
}

static void
journal_compact_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	if (mgd->m_lock != NULL)
		return;
	if (!db_candidate_modified())
		journal_reset();
	else
		journal_snapshot();
}

/* Read "@kind action format levellen payloadlen\n". Returns bytes used or 0. */
static size_t
journal_parse_record(const char *p, size_t avail, char *kind, char *action, char *format,
    size_t *ll, size_t *pl)
{
	const char *nl = memchr(p, '\n', avail);
	char line[256];
	size_t hl;

	if (nl == NULL || p[0] != '@')
		return 0;
	hl = (size_t)(nl - p);
	if (hl >= sizeof(line))
		return 0;
	memcpy(line, p, hl);
	line[hl] = '\0';
	if (sscanf(line, "@%15s %15s %15s %zu %zu", kind, action, format, ll, pl) != 5)
		return 0;
	if (*ll > avail || *pl > avail || hl + 1 + *ll + *pl + 1 > avail)
		return 0;
	if (p[hl + 1 + *ll + *pl] != '\n')
		return 0;
	return hl + 1 + *ll + *pl + 1;
}

/*
 * At start, after the committed configuration is loaded and the candidate is a
 * copy of it: replay the journal if it belongs to this configuration. A torn last
 * record (power cut) or the edits of an exclusive session are dropped.
 */
int
journal_open_replay(void)
{
	char path[4096], want[128];
	char *data;
	size_t len, off, applied = 0;
	struct buf hdr = BUF_INIT;
	bool rewrite = false;

	mgd->m_journal_fd = -1;
	journal_path(path, sizeof(path));
	if ((data = file_read_all(path, &len)) == NULL) {
		if (errno != ENOENT)
			log_warn("%s", path);
		journal_reset();
		return 0;
	}
	journal_header(&hdr);
	snprintf(want, sizeof(want), "%s", buf_str(&hdr));
	buf_free(&hdr);
	if (len < strlen(want) || strncmp(data, want, strlen(want)) != 0) {
		if (len > 0)
			log_info("candidate journal is for another commit: discarded");
		free(data);
		journal_reset();
		return 0;
	}
	off = strlen(want);
	while (off < len) {
		char kind[16], action[16], format[16];
		size_t ll, pl, used;
		char *level, *payload;
		struct buf errs = BUF_INIT;
		int nerr = 0, nwarn = 0;

		used = journal_parse_record(data + off, len - off, kind, action, format, &ll, &pl);
		if (used == 0) {
			log_warnx("candidate journal: torn record at byte %zu dropped", off);
			rewrite = true;
			break;
		}
		if (strcmp(kind, "lock") == 0) {
			rewrite = true;		/* exclusive edits end with their session */
			break;
		}
		const char *hl = memchr(data + off, '\n', len - off);
		level = strndup(hl + 1, ll);
		payload = strndup(hl + 1 + ll, pl);
		if (level != NULL && payload != NULL &&
		    config_load_apply(&mgd->m_candidate, action, format, level, payload, NULL,
		    &errs, &nerr, &nwarn) == -1)
			log_warnx("candidate journal: a load no longer applies: %s",
			    buf_str(&errs));
		else
			applied++;
		free(level);
		free(payload);
		buf_free(&errs);
		off += used;
	}
	free(data);
	mgd->m_journal_nrec = applied;
	if (applied > 0) {
		struct stat st;

		mgd->m_cand_dirty = true;
		if (stat(path, &st) == 0)
			mgd->m_cand_changed = st.st_mtime;
		log_info("restored the uncommitted candidate configuration");
	}
	if (rewrite) {
		if (db_candidate_modified())
			journal_snapshot();
		else
			journal_reset();
		return 0;
	}
	return journal_reopen();
}

void
journal_close(void)
{
	if (mgd->m_journal_ev != NULL)
		event_free(mgd->m_journal_ev);
	mgd->m_journal_ev = NULL;
	if (mgd->m_journal_fd != -1)
		close(mgd->m_journal_fd);
	mgd->m_journal_fd = -1;
}
