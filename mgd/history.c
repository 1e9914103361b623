/*
 * history: the committed configuration and its rollbacks on disk.
 *
 *   config/juniper.conf      rollback 0, the active configuration
 *   config/juniper.conf.N    rollback N, 1..49
 *
 * Each file is the Junos text form behind a header that carries the commit's
 * metadata, so that a file and its metadata always travel together:
 *
 *   ## Last commit: 2026-11-28 09:31:33 UTC by root
 *   ## routemu-commit: seq=12 seconds=1795851093 client=cli bytes=5121
 *   ## routemu-comment: commit confirmed, rollback in 2mins      (system comment)
 *   ## routemu-log: the user's commit comment (\n and \\ escaped)
 *   version 0.1.0;
 *   ...configuration...
 *
 * bytes is the length of everything after the version line: --check-files uses
 * it to prove that no file was ever cut short.
 *
 * A commit renames .48 -> .49 ... .1 -> .2, hard-links juniper.conf to .1, then
 * replaces juniper.conf with atomicfile_write (temporary file, fsync, rename,
 * fsync of the directory, which also makes the renames durable). Every step is
 * one atomic rename or link, so a kill -9 anywhere leaves only whole files: at
 * worst a hole in the numbering or a .1 identical to juniper.conf, both repaired
 * by history_recover() at the next start.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "atomicfile.h"
#include "instance.h"
#include "log.h"
#include "mgd.h"

#define HIST_HEADER_MAX		8192	/* bytes read to find a file's header */
#define HIST_LOG_MAX		2048	/* a commit comment longer than this is cut */

void
commit_info_clear(struct commit_info *ci)
{
	free(ci->ci_comment);
	free(ci->ci_log);
	memset(ci, 0, sizeof(*ci));
	ci->ci_bytes = -1;
}

void
commit_info_copy(struct commit_info *dst, const struct commit_info *src)
{
	*dst = *src;
	dst->ci_comment = src->ci_comment ? strdup(src->ci_comment) : NULL;
	dst->ci_log = src->ci_log ? strdup(src->ci_log) : NULL;
}

static void
history_escape(struct buf *b, const char *s)
{
	size_t n = 0;

	for (; *s && n < HIST_LOG_MAX; s++, n++) {
		if (*s == '\\')
			buf_puts(b, "\\\\");
		else if (*s == '\n')
			buf_puts(b, "\\n");
		else if (*s == '\r')
			continue;
		else
			buf_putc(b, *s);
	}
}

static char *
history_unescape(const char *s, size_t len)
{
	char *out = malloc(len + 1), *o = out;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len) {
			i++;
			*o++ = s[i] == 'n' ? '\n' : s[i];
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}

/*
 * Parse the header of a configuration file held in data[0..len). Fills ci (which
 * must be clear) and *body_off, the offset of the configuration proper. A file
 * without the routemu lines (put there by hand) is accepted: the metadata come
 * from its `## Last commit:` line, if any. Returns 0.
 */
static int
history_parse_header(const char *data, size_t len, struct commit_info *ci,
    size_t *body_off)
{
	size_t off = 0;

	ci->ci_present = true;
	ci->ci_bytes = -1;
	snprintf(ci->ci_user, sizeof(ci->ci_user), "root");
	snprintf(ci->ci_client, sizeof(ci->ci_client), "other");
	while (off < len) {
		const char *line = data + off, *nl = memchr(line, '\n', len - off);
		size_t ll = nl != NULL ? (size_t)(nl - line) : len - off;

		if (ll >= 3 && strncmp(line, "## ", 3) == 0) {
			const char *v;

			if (ll > 16 && strncmp(line, "## Last commit: ", 16) == 0) {
				char tmp[256], *by;
				size_t n = ll - 16 < sizeof(tmp) - 1 ? ll - 16 : sizeof(tmp) - 1;
				struct tm tm;

				memcpy(tmp, line + 16, n);
				tmp[n] = '\0';
				if ((by = strstr(tmp, " by ")) != NULL) {
					snprintf(ci->ci_user, sizeof(ci->ci_user), "%s", by + 4);
					*by = '\0';
				}
				memset(&tm, 0, sizeof(tm));
				if (strptime(tmp, "%Y-%m-%d %H:%M:%S", &tm) != NULL)
					ci->ci_seconds = timegm(&tm);
			} else if (ll > 19 && strncmp(line, "## routemu-commit: ", 19) == 0) {
				char tmp[256], *w, *save = NULL;
				size_t n = ll - 19 < sizeof(tmp) - 1 ? ll - 19 : sizeof(tmp) - 1;

				memcpy(tmp, line + 19, n);
				tmp[n] = '\0';
				for (w = strtok_r(tmp, " ", &save); w != NULL;
				    w = strtok_r(NULL, " ", &save)) {
					if (strncmp(w, "seq=", 4) == 0)
						ci->ci_seq = strtoul(w + 4, NULL, 10);
					else if (strncmp(w, "seconds=", 8) == 0)
						ci->ci_seconds = (time_t)strtoll(w + 8, NULL, 10);
					else if (strncmp(w, "client=", 7) == 0)
						snprintf(ci->ci_client, sizeof(ci->ci_client),
						    "%s", w + 7);
					else if (strncmp(w, "bytes=", 6) == 0)
						ci->ci_bytes = strtoll(w + 6, NULL, 10);
				}
			} else if (ll > 20 && strncmp(line, "## routemu-comment: ", 20) == 0) {
				v = line + 20;
				free(ci->ci_comment);
				ci->ci_comment = history_unescape(v, ll - 20);
			} else if (ll > 16 && strncmp(line, "## routemu-log: ", 16) == 0) {
				v = line + 16;
				free(ci->ci_log);
				ci->ci_log = history_unescape(v, ll - 16);
			}
			off += ll + (nl != NULL);
			continue;
		}
		/* The version statement closes the header. */
		if (ll >= 8 && strncmp(line, "version ", 8) == 0 && line[ll - 1] == ';')
			off += ll + (nl != NULL);
		break;
	}
	*body_off = off;
	return 0;
}

/* Header of a file on disk (only its first bytes are read). -1 with errno. */
int
history_read_header(const char *path, struct commit_info *ci, size_t *body_off)
{
	char data[HIST_HEADER_MAX];
	ssize_t n;
	int fd;
	size_t off;

	commit_info_clear(ci);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	n = read(fd, data, sizeof(data));
	if (n < 0) {
		close(fd);
		return -1;
	}
	history_parse_header(data, (size_t)n, ci, &off);
	if (ci->ci_seconds == 0) {
		/* A file put there by hand, without a commit header: its mtime. */
		struct stat st;

		if (fstat(fd, &st) == 0)
			ci->ci_seconds = st.st_mtime;
	}
	close(fd);
	if (body_off != NULL)
		*body_off = off;
	return 0;
}

/* Metadata of rollbacks 0..49 into mgd->m_hist. */
int
history_load(void)
{
	char path[4096];

	for (int i = 0; i < MGD_NHIST; i++) {
		commit_info_clear(&mgd->m_hist[i]);
		if (instance_rollback_path(path, sizeof(path), mgd->m_dir, i) == -1)
			return -1;
		if (history_read_header(path, &mgd->m_hist[i], NULL) == -1) {
			commit_info_clear(&mgd->m_hist[i]);
			if (errno != ENOENT)
				log_warn("%s", path);
		}
	}
	return 0;
}

/*
 * Repair what a kill -9 during a commit may leave: a hole in the numbering
 * (between two renames of the rotation) or a rollback 1 that is the active file
 * itself (after the link, before the new file replaced it). Rollbacks are renamed
 * down to close the gaps.
 */
int
history_recover(void)
{
	char from[4096], to[4096];
	int w = 1;
	bool changed = false;
	DIR *dp;
	struct dirent *de;

	/* Temporary files of an atomic write that a kill -9 interrupted. */
	instance_path(from, sizeof(from), mgd->m_dir, INST_CONFIG_DIR);
	if ((dp = opendir(from)) != NULL) {
		while ((de = readdir(dp)) != NULL) {
			if (strncmp(de->d_name, ".juniper.conf", 13) != 0)
				continue;
			char stale[sizeof(from) + 260];

			snprintf(stale, sizeof(stale), "%s/%s", from, de->d_name);
			if (unlink(stale) == 0)
				log_info("removed %s, left by an interrupted commit", stale);
		}
		closedir(dp);
	}
	if (history_load() == -1)
		return -1;
	for (int i = 1; i < MGD_NHIST; i++) {
		struct commit_info *ci = &mgd->m_hist[i];

		if (!ci->ci_present)
			continue;
		if (i == 1 && mgd->m_hist[0].ci_present && ci->ci_seq != 0 &&
		    ci->ci_seq == mgd->m_hist[0].ci_seq) {
			instance_rollback_path(from, sizeof(from), mgd->m_dir, 1);
			if (unlink(from) == -1)
				log_warn("unlink %s", from);
			changed = true;
			continue;
		}
		if (i != w) {
			instance_rollback_path(from, sizeof(from), mgd->m_dir, i);
			instance_rollback_path(to, sizeof(to), mgd->m_dir, w);
			if (rename(from, to) == -1) {
				log_warn("rename %s", from);
				return -1;
			}
			changed = true;
		}
		w++;
	}
	if (!changed)
		return 0;
	log_info("repaired the rollback history after an interrupted commit");
	instance_rollback_path(from, sizeof(from), mgd->m_dir, 0);
	atomicfile_sync_dir(from);
	return history_load();
}

/*
 * The whole file text of tree with ci's header, into out (empty). The header
 * carries the body's length: the body is printed first, straight into out, and
 * the header then moved in front of it, so that megabytes of configuration are
 * not printed into one buffer and copied into another.
 */
static void
history_format(struct buf *out, const struct conf_node *tree, const struct commit_info *ci)
{
	struct buf hdr = BUF_INIT;
	char when[64];
	size_t blen;

	conf_print_text(out, tree, 0, 0);
	blen = out->b_len;
	config_format_time(ci->ci_seconds, when, sizeof(when));
	buf_printf(&hdr, "## Last commit: %s by %s\n", when, ci->ci_user);
	buf_printf(&hdr, "## routemu-commit: seq=%lu seconds=%lld client=%s bytes=%zu\n",
	    ci->ci_seq, (long long)ci->ci_seconds, ci->ci_client, blen);
	if (ci->ci_comment != NULL) {
		buf_puts(&hdr, "## routemu-comment: ");
		history_escape(&hdr, ci->ci_comment);
		buf_putc(&hdr, '\n');
	}
	if (ci->ci_log != NULL) {
		buf_puts(&hdr, "## routemu-log: ");
		history_escape(&hdr, ci->ci_log);
		buf_putc(&hdr, '\n');
	}
	buf_printf(&hdr, "version %s;\n", mgd_version());
	buf_append(out, buf_str(&hdr), hdr.b_len);	/* the room it needs */
	memmove(out->b_data + hdr.b_len, out->b_data, blen);
	memcpy(out->b_data, hdr.b_data, hdr.b_len);
	buf_free(&hdr);
}

/*
 * Undo the rotation of the rollbacks above `lowest` (.N+1 -> .N, lowest first):
 * a commit that fails leaves the numbering as it was. unlink_one: .1 is the link
 * to the active file made by this commit.
 */
static void
history_unrotate(int lowest, bool unlink_one)
{
	char from[4096], to[4096];

	if (unlink_one) {
		instance_rollback_path(to, sizeof(to), mgd->m_dir, 1);
		unlink(to);
	}
	for (int i = lowest; i + 1 < MGD_NHIST; i++) {
		if (!mgd->m_hist[i].ci_present)
			continue;
		instance_rollback_path(from, sizeof(from), mgd->m_dir, i + 1);
		instance_rollback_path(to, sizeof(to), mgd->m_dir, i);
		rename(from, to);
	}
}

/* Hard link juniper.conf to juniper.conf.1, or an atomic copy where links fail. */
static int
history_link_one(const char *active, const char *one)
{
	char *data;
	size_t len;
	int rv;

	if (link(active, one) == 0)
		return 0;
	if (errno != EPERM && errno != EXDEV && errno != EMLINK && errno != ENOTSUP)
		return -1;
	if ((data = file_read_all(active, &len)) == NULL)
		return -1;
	rv = atomicfile_write(one, data, len);
	free(data);
	return rv;
}

/*
 * Make tree the committed configuration on disk: rotate the rollbacks, write
 * juniper.conf atomically. ci gets its sequence number here. On failure nothing
 * is committed and errs tells why.
 */
int
history_write(const struct conf_node *tree, struct commit_info *ci, struct buf *errs)
{
	char active[4096], from[4096], to[4096];
	struct buf text = BUF_INIT;
	unsigned long seq = 0;
	int rv = -1;

	for (int i = 0; i < MGD_NHIST; i++)
		if (mgd->m_hist[i].ci_present && mgd->m_hist[i].ci_seq > seq)
			seq = mgd->m_hist[i].ci_seq;
	ci->ci_seq = seq + 1;
	ci->ci_present = true;
	history_format(&text, tree, ci);

	instance_rollback_path(active, sizeof(active), mgd->m_dir, 0);
	for (int i = MGD_NHIST - 2; i >= 1; i--) {
		if (!mgd->m_hist[i].ci_present)
			continue;
		instance_rollback_path(from, sizeof(from), mgd->m_dir, i);
		instance_rollback_path(to, sizeof(to), mgd->m_dir, i + 1);
		if (rename(from, to) == -1) {
			buf_printf(errs, "error: could not rotate %s: %s\n", from, strerror(errno));
			history_unrotate(i + 1, false);
			goto done;
		}
	}
	if (mgd->m_hist[0].ci_present) {
		instance_rollback_path(to, sizeof(to), mgd->m_dir, 1);
		unlink(to);
		if (history_link_one(active, to) == -1) {
			buf_printf(errs, "error: could not save rollback 1: %s\n", strerror(errno));
			history_unrotate(1, false);
			goto done;
		}
	}
	if (atomicfile_write(active, text.b_data, text.b_len) == -1) {
		buf_printf(errs, "error: could not write %s: %s\n", active, strerror(errno));
		history_unrotate(1, mgd->m_hist[0].ci_present);
		goto done;
	}
	/* The files moved: so does the metadata. */
	commit_info_clear(&mgd->m_hist[MGD_NHIST - 1]);
	memmove(&mgd->m_hist[1], &mgd->m_hist[0], (MGD_NHIST - 1) * sizeof(mgd->m_hist[0]));
	commit_info_copy(&mgd->m_hist[0], ci);
	if (!mgd->m_hist[1].ci_present)
		commit_info_clear(&mgd->m_hist[1]);
	rv = 0;
done:
	if (rv == -1)
		history_load();
	buf_free(&text);
	return rv;
}

/* Parse a configuration file. NULL with errs (Junos messages) on failure. */
static struct conf_node *
history_parse_file(const char *path, const char *name, struct commit_info *ci,
    struct buf *errs, bool check_length)
{
	struct conf_node *tree = NULL;
	size_t len, off;
	char *data;

	if ((data = file_read_all(path, &len)) == NULL) {
		buf_printf(errs, "error: could not read %s: %s\n", path, strerror(errno));
		return NULL;
	}
	commit_info_clear(ci);
	history_parse_header(data, len, ci, &off);
	if (check_length && ci->ci_bytes >= 0 && (size_t)ci->ci_bytes != len - off) {
		buf_printf(errs, "error: %s: %zu bytes of configuration, the header says %lld\n",
		    path, len - off, ci->ci_bytes);
		goto done;
	}
	if (strlen(data) != len) {
		buf_printf(errs, "error: %s: NUL byte in configuration\n", path);
		goto done;
	}
	if ((tree = conf_new(mgd->m_schema)) == NULL)
		goto done;
	if (conf_parse_text(tree, data + off, name, errs) != 0) {
		conf_free(tree);
		tree = NULL;
	}
done:
	free(data);
	return tree;
}

/* Rollback n (0 = the file of the active configuration) as a tree. */
struct conf_node *
history_read_tree(int n, struct buf *errs)
{
	struct commit_info ci;
	char path[4096], name[64];
	struct conf_node *t;

	memset(&ci, 0, sizeof(ci));
	if (instance_rollback_path(path, sizeof(path), mgd->m_dir, n) == -1)
		return NULL;
	snprintf(name, sizeof(name), n == 0 ? "juniper.conf" : "juniper.conf.%d", n);
	t = history_parse_file(path, name, &ci, errs, false);
	commit_info_clear(&ci);
	return t;
}

/*
 * mgd --check-files: every configuration file parses and is as long as its
 * header says. Prints one line per file; returns the number of bad files.
 */
int
history_check_files(const char *dir)
{
	char path[4096], name[64];
	struct commit_info ci;
	int bad = 0, seen = 0;

	memset(&ci, 0, sizeof(ci));
	for (int i = 0; i < MGD_NHIST; i++) {
		struct buf errs = BUF_INIT;
		struct conf_node *t;

		if (instance_rollback_path(path, sizeof(path), dir, i) == -1)
			return -1;
		if (access(path, F_OK) == -1)
			continue;
		seen++;
		snprintf(name, sizeof(name), i == 0 ? "juniper.conf" : "juniper.conf.%d", i);
		if ((t = history_parse_file(path, name, &ci, &errs, true)) == NULL) {
			printf("%s: BAD\n%s", path, buf_str(&errs));
			bad++;
		} else
			printf("%s: ok (seq %lu)\n", path, ci.ci_seq);
		conf_free(t);
		commit_info_clear(&ci);
		buf_free(&errs);
	}
	printf("%d files checked, %d bad\n", seen, bad);
	return bad;
}
