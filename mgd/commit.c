/*
 * commit: the commit pipeline and `commit confirmed`.
 *
 *   expand groups -> validate (schema constraints, must) -> each daemon whose
 *   subtree changed checks it (asynchronous, bounded) -> write juniper.conf
 *   atomically after rotating the rollbacks -> daemons apply -> reply.
 *
 * Any error before the write changes nothing. `commit check` stops after the
 * daemons' check. A confirmed commit arms a timer on the instance clock; unless a
 * later commit or commit check confirms it, mgd commits rollback 1 by itself
 * ("by root via other"). The pending state is kept in db/confirmed so that a
 * restarted mgd still rolls back.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "atomicfile.h"
#include "clock.h"
#include "instance.h"
#include "log.h"
#include "mgd.h"
#include "validate.h"

#define CONFIRMED_FILE		"db/confirmed"
#define CONFIRM_DEFAULT_MIN	10
#define CONFIRM_MAX_MIN		65535

struct commit_job {
	struct session	*cj_session;	/* NULL for mgd's own rollback */
	char		*cj_msgid;
	bool		 cj_check;
	bool		 cj_confirmed;
	long		 cj_minutes;
	bool		 cj_private;
	bool		 cj_auto;	/* confirmed-commit rollback */
	char		*cj_log;
	char		 cj_user[MGD_USER_MAX];
	char		 cj_client[16];
	struct conf_node *cj_tree;	/* to commit; == m_candidate for a shared commit */
	struct conf_node *cj_effective;	/* owned expansion, or NULL when cj_eff is cj_tree */
	const struct conf_node *cj_eff;	/* the effective configuration checked */
	struct buf	 cj_errors;	/* rpc-errors so far */
	int		 cj_nerrors;
	bool		 cj_mandatory;	/* a "Missing mandatory statement" was among them */
	struct daemon	**cj_daemons;	/* daemons concerned: checked, then applied */
	size_t		 cj_ndaemons;
	size_t		 cj_pending;
	struct event	*cj_timer;
};

static void	 commit_finish(struct commit_job *, struct buf *body);
static void	 commit_complete(struct commit_job *);
static void	 commit_confirm_cb(evutil_socket_t, short, void *);
static void	 commit_auto_rollback(void);

static void
commit_job_free(struct commit_job *j)
{
	if (j == NULL)
		return;
	if (j->cj_timer != NULL)
		event_free(j->cj_timer);
	if (j->cj_tree != mgd->m_candidate)
		conf_free(j->cj_tree);
	conf_free(j->cj_effective);
	buf_free(&j->cj_errors);
	free(j->cj_daemons);
	free(j->cj_msgid);
	free(j->cj_log);
	free(j);
}

/* ---- confirmed commit ---- */

static void
commit_confirmed_path(char *out, size_t len)
{
	instance_path(out, len, mgd->m_dir, CONFIRMED_FILE);
}

static void
commit_confirm_arm(double emulated_seconds)
{
	struct timeval tv;

	if (mgd->m_confirm_ev == NULL)
		mgd->m_confirm_ev = evtimer_new(mgd->m_base, commit_confirm_cb, NULL);
	if (mgd->m_confirm_ev == NULL) {
		log_warnx("cannot arm the confirmed-commit timer");
		return;
	}
	clock_scale_tv(emulated_seconds, &tv);
	evtimer_add(mgd->m_confirm_ev, &tv);
}

/* A later commit or commit check confirmed it: no rollback. */
static void
commit_confirm_clear(void)
{
	char path[4096];

	if (!mgd->m_confirm_pending)
		return;
	mgd->m_confirm_pending = false;
	if (mgd->m_confirm_ev != NULL)
		evtimer_del(mgd->m_confirm_ev);
	commit_confirmed_path(path, sizeof(path));
	unlink(path);
}

static void
commit_confirm_start(unsigned long seq, long minutes)
{
	char path[4096], data[128];
	double real = (double)minutes * 60.0 / clock_timescale();
	int n;

	mgd->m_confirm_pending = true;
	mgd->m_confirm_seq = seq;
	mgd->m_confirm_deadline = time(NULL) + (time_t)(real + 0.999);
	mgd->m_confirm_at = clock_now() + (double)minutes * 60.0;
	commit_confirm_arm((double)minutes * 60.0);
	/* Not fsynced: losing it in a power cut only loses the automatic rollback. */
	commit_confirmed_path(path, sizeof(path));
	n = snprintf(data, sizeof(data), "seq=%lu deadline=%lld\n", seq,
	    (long long)mgd->m_confirm_deadline);
	FILE *f = fopen(path, "w");
	if (f == NULL || fwrite(data, 1, (size_t)n, f) != (size_t)n)
		log_warn("%s", path);
	if (f != NULL)
		fclose(f);
}

/* At start: a confirmed commit of the active configuration still waits. */
void
commit_restore_confirmed(void)
{
	char path[4096];
	char *data;
	unsigned long seq = 0;
	long long deadline = 0;

	commit_confirmed_path(path, sizeof(path));
	if ((data = file_read_all(path, NULL)) == NULL)
		return;
	if (sscanf(data, "seq=%lu deadline=%lld", &seq, &deadline) != 2 ||
	    !mgd->m_hist[0].ci_present || mgd->m_hist[0].ci_seq != seq) {
		free(data);
		unlink(path);
		return;
	}
	free(data);
	mgd->m_confirm_pending = true;
	mgd->m_confirm_seq = seq;
	mgd->m_confirm_deadline = (time_t)deadline;
	double left = (double)(deadline - (long long)time(NULL));
	if (left < 0)
		left = 0;
	log_info("commit confirmed still pending: rollback in %.0f s", left);
	mgd->m_confirm_at = clock_now() + left * clock_timescale();
	commit_confirm_arm(left * clock_timescale());
}

static void
commit_confirm_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	(void)arg;
	if (!mgd->m_confirm_pending)
		return;
	if (mgd->m_job != NULL) {
		/* A commit waits for daemons: try again right after it. */
		struct timeval tv = { 0, 100000 };

		evtimer_add(mgd->m_confirm_ev, &tv);
		return;
	}
	commit_auto_rollback();
}

/* ---- errors ---- */

static void
commit_add_errors(struct commit_job *j, const char *errs)
{
	int n = config_errors_to_rpc(&j->cj_errors, errs);

	if (strstr(errs, "Missing mandatory statement") != NULL)
		j->cj_mandatory = true;
	if (n == 0 && errs[0] != '\0') {
		nc_error(&j->cj_errors, "error", NULL, NULL, errs);
		n = 1;
	}
	j->cj_nerrors += n;
}

/* ---- daemons ---- */

/* Copy every <rpc-error> under n (wherever the daemon nested it) into the job. */
static void
commit_collect_errors(struct commit_job *j, xmlNodePtr n)
{
	for (xmlNodePtr c = nc_xml_first(n); c != NULL; c = nc_xml_next(c)) {
		if (!nc_xml_is(c, "rpc-error")) {
			commit_collect_errors(j, c);
			continue;
		}
		xmlNodePtr sev = nc_xml_child(c, "error-severity");
		xmlNodePtr path = nc_xml_child(c, "error-path");
		xmlNodePtr msg = nc_xml_child(c, "error-message");
		xmlNodePtr info = nc_xml_child(c, "error-info");
		xmlNodePtr bad = info != NULL ? nc_xml_child(info, "bad-element") : NULL;
		char *tsev = sev ? nc_xml_text(sev) : NULL;
		char *tpath = path ? nc_xml_text(path) : NULL;
		char *tmsg = msg ? nc_xml_text(msg) : NULL;
		char *tbad = bad ? nc_xml_text(bad) : NULL;
		bool warning = tsev != NULL && strcmp(tsev, "warning") == 0;

		if (tmsg != NULL) {
			/* Junos pads messages with newlines; the text itself is what counts. */
			char *p = tmsg;
			size_t l;

			while (*p == '\n' || *p == ' ')
				p++;
			memmove(tmsg, p, strlen(p) + 1);
			l = strlen(tmsg);
			while (l > 0 && (tmsg[l - 1] == '\n' || tmsg[l - 1] == ' '))
				tmsg[--l] = '\0';
		}
		nc_error(&j->cj_errors, warning ? "warning" : "error", tpath, tbad,
		    tmsg != NULL && tmsg[0] != '\0' ? tmsg : "configuration check failed");
		if (!warning)
			j->cj_nerrors++;
		free(tsev);
		free(tpath);
		free(tmsg);
		free(tbad);
	}
}

/* Called by daemons.c with the daemon's answer to routemu-check-configuration. */
void
commit_daemon_reply(struct daemon *d, unsigned long id, xmlDocPtr doc)
{
	struct commit_job *j = mgd->m_job;

	if (j == NULL || d->d_wait_id != id)
		return;
	d->d_wait_id = 0;
	commit_collect_errors(j, xmlDocGetRootElement(doc));
	if (j->cj_pending > 0 && --j->cj_pending == 0)
		commit_complete(j);
}

/* The daemon's session ended while it was checking. */
void
commit_daemon_gone(struct daemon *d)
{
	struct commit_job *j = mgd->m_job;
	char msg[256];

	for (size_t i = 0; j != NULL && i < j->cj_ndaemons; i++)
		if (j->cj_daemons[i] == d)
			j->cj_daemons[i] = NULL;	/* not applied either */
	if (j == NULL || d->d_wait_id == 0)
		return;
	d->d_wait_id = 0;
	/* Inferred wording. */
	snprintf(msg, sizeof(msg), "%s exited while checking the configuration", d->d_name);
	nc_error(&j->cj_errors, "error", NULL, NULL, msg);
	j->cj_nerrors++;
	if (j->cj_pending > 0 && --j->cj_pending == 0)
		commit_complete(j);
}

static void
commit_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	struct commit_job *j = arg;
	char msg[256];

	(void)fd;
	(void)what;
	for (size_t i = 0; i < j->cj_ndaemons; i++) {
		struct daemon *d = j->cj_daemons[i];

		if (d == NULL || d->d_wait_id == 0)
			continue;
		d->d_wait_id = 0;
		/* Inferred, after Junos's "the X subsystem is not responding to management requests". */
		snprintf(msg, sizeof(msg), "%s did not answer the configuration check within "
		    "%g seconds", d->d_name, mgd->m_daemon_timeout);
		nc_error(&j->cj_errors, "error", NULL, NULL, msg);
		j->cj_nerrors++;
		log_warnx("commit: %s", msg);
	}
	j->cj_pending = 0;
	commit_complete(j);
}

/*
 * Whether the effective configuration differs from tree: groups, apply-groups or
 * inactive statements somewhere. A walk without allocation, much cheaper than the
 * copy conf_expand_groups makes, which the common configuration does without.
 */
static bool
commit_needs_expansion(const struct conf_node *root)
{
	const struct conf_node *n = root;

	while (n != NULL) {
		if ((n->cn_flags & CONF_F_INACTIVE) ||
		    (n->cn_schema->sn_flags & SCH_F_APPLY_GROUPS) ||
		    (n->cn_parent == root && strcmp(n->cn_schema->sn_name, "groups") == 0))
			return true;
		if (n->cn_first != NULL) {
			n = n->cn_first;
			continue;
		}
		while (n != root && n->cn_next == NULL)
			n = n->cn_parent;
		n = n == root ? NULL : n->cn_next;
	}
	return false;
}

/* The daemons whose subtrees differ between the active and the new configuration. */
static void
commit_pick_daemons(struct commit_job *j)
{
	struct daemon *d;
	size_t n = 0;

	TAILQ_FOREACH(d, &mgd->m_daemons, d_entry)
		n++;
	if (n == 0)
		return;
	if (mgd->m_effective == NULL) {
		struct buf errs = BUF_INIT;

		mgd->m_effective = conf_expand_groups(mgd->m_committed, false, &errs);
		buf_free(&errs);
	}
	if ((j->cj_daemons = calloc(n, sizeof(*j->cj_daemons))) == NULL)
		return;
	TAILQ_FOREACH(d, &mgd->m_daemons, d_entry)
		if (daemon_subtrees_changed(d, mgd->m_effective, j->cj_eff))
			j->cj_daemons[j->cj_ndaemons++] = d;
}

/* ---- the pipeline ---- */

/* Validate and start the daemons' checks. RPC_DONE with body filled, or RPC_ASYNC. */
static enum rpc_status
commit_begin(struct commit_job *j, struct buf *body)
{
	struct buf errs = BUF_INIT;

	if (!commit_needs_expansion(j->cj_tree))
		j->cj_eff = j->cj_tree;		/* no groups, nothing inactive: as is */
	else if ((j->cj_eff = j->cj_effective = conf_expand_groups(j->cj_tree, false,
	    &errs)) == NULL) {
		commit_add_errors(j, errs.b_len ? buf_str(&errs) : "configuration inheritance failed");
		goto finish;
	}
	if (!j->cj_auto && conf_validate(j->cj_eff, &errs) > 0) {
		commit_add_errors(j, buf_str(&errs));
		goto finish;
	}
	commit_pick_daemons(j);
	if (j->cj_auto)
		goto finish;			/* rollback 1 was accepted once already */
	for (size_t i = 0; i < j->cj_ndaemons; i++) {
		struct daemon *d = j->cj_daemons[i];

		if ((d->d_wait_id = daemon_send_config(d, "routemu-check-configuration",
		    j->cj_eff)) != 0)
			j->cj_pending++;
	}
	if (j->cj_pending > 0) {
		struct timeval tv;

		tv.tv_sec = (time_t)mgd->m_daemon_timeout;
		tv.tv_usec = (suseconds_t)((mgd->m_daemon_timeout - (double)tv.tv_sec) * 1e6);
		j->cj_timer = evtimer_new(mgd->m_base, commit_timeout_cb, j);
		if (j->cj_timer != NULL)
			evtimer_add(j->cj_timer, &tv);
		mgd->m_job = j;
		buf_free(&errs);
		return RPC_ASYNC;
	}
finish:
	buf_free(&errs);
	commit_finish(j, body);
	return RPC_DONE;
}

/* The last daemon answered (or the time ran out): finish and reply. */
static void
commit_complete(struct commit_job *j)
{
	struct buf body = BUF_INIT;
	struct session *s = j->cj_session;

	if (j->cj_timer != NULL)
		evtimer_del(j->cj_timer);
	mgd->m_job = NULL;
	commit_finish(j, &body);
	if (s != NULL) {
		session_reply(s, j->cj_msgid, buf_str(&body));
		commit_job_free(j);
		session_done(s);
	} else
		commit_job_free(j);
	buf_free(&body);
	session_schedule_drain();
}

static void
commit_reply_errors(struct commit_job *j, struct buf *body)
{
	buf_puts(body, "<commit-results>\n");
	buf_append(body, buf_str(&j->cj_errors), j->cj_errors.b_len);
	nc_error(body, "error", NULL, NULL, j->cj_mandatory ?
	    "configuration check-out failed: (missing mandatory statements)" :
	    "configuration check-out failed");
	buf_puts(body, "</commit-results>\n");
}

/* Write, switch the databases over, tell the daemons. */
static void
commit_finish(struct commit_job *j, struct buf *body)
{
	struct commit_info ci;
	struct conf_node *old;
	struct buf errs = BUF_INIT;
	char comment[64];

	if (j->cj_nerrors > 0) {
		if (!j->cj_auto) {
			commit_reply_errors(j, body);
			return;
		}
		log_warnx("commit confirmed rollback: %s", buf_str(&j->cj_errors));
	}
	if (j->cj_check) {
		commit_confirm_clear();
		buf_puts(body, "<commit-results>\n");
		buf_append(body, buf_str(&j->cj_errors), j->cj_errors.b_len);
		buf_puts(body, "<routing-engine>\n<name>re0</name>\n<commit-check-success/>\n"
		    "</routing-engine>\n</commit-results>\n");
		return;
	}

	memset(&ci, 0, sizeof(ci));
	ci.ci_seconds = time(NULL);
	snprintf(ci.ci_user, sizeof(ci.ci_user), "%s", j->cj_user);
	snprintf(ci.ci_client, sizeof(ci.ci_client), "%s", j->cj_client);
	ci.ci_log = j->cj_log;
	if (j->cj_confirmed) {
		snprintf(comment, sizeof(comment), "commit confirmed, rollback in %ldmins",
		    j->cj_minutes);
		ci.ci_comment = comment;
	}
	if (history_write(j->cj_tree, &ci, &errs) == -1) {
		log_warnx("commit failed: %s", buf_str(&errs));
		buf_puts(body, "<commit-results>\n");
		config_errors_to_rpc(body, buf_str(&errs));
		nc_error(body, "error", NULL, NULL, "commit failed");
		buf_puts(body, "</commit-results>\n");
		buf_free(&errs);
		return;
	}
	buf_free(&errs);

	old = mgd->m_committed;
	if (j->cj_tree == mgd->m_candidate) {
		mgd->m_committed = mgd->m_candidate;
		/* The old tree goes first: the new candidate's copy reuses its memory. */
		conf_free(old);
		old = NULL;
		mgd->m_candidate = conf_dup(mgd->m_committed);
		mgd->m_cand_dirty = false;
		mgd->m_cand_changed = ci.ci_seconds;
		journal_reset();
	} else {
		mgd->m_committed = j->cj_tree;
		db_candidate_rebase(old);
		if (j->cj_private && j->cj_session != NULL) {
			struct session *s = j->cj_session;

			db_private_close(s);
			if (!s->s_closed && s->s_mode == SM_PRIVATE) {
				s->s_private = conf_dup(mgd->m_committed);
				s->s_private_base = conf_dup(mgd->m_committed);
			}
		}
	}
	j->cj_tree = NULL;
	conf_free(old);
	/*
	 * The previous effective configuration is what the next commit compares the
	 * daemons' subtrees against; without daemons it is not worth its memory.
	 */
	conf_free(mgd->m_effective);
	mgd->m_effective = NULL;
	if (!TAILQ_EMPTY(&mgd->m_daemons)) {
		mgd->m_effective = j->cj_effective != NULL ? j->cj_effective :
		    conf_dup(mgd->m_committed);
		j->cj_effective = NULL;
	}

	if (j->cj_confirmed)
		commit_confirm_start(mgd->m_hist[0].ci_seq, j->cj_minutes);
	else
		commit_confirm_clear();

	for (size_t i = 0; i < j->cj_ndaemons; i++)
		if (j->cj_daemons[i] != NULL)
			daemon_send_config(j->cj_daemons[i], "routemu-apply-configuration",
			    mgd->m_effective);

	log_info("UI_COMMIT: User '%s' requested '%s' operation (comment: %s)", j->cj_user,
	    j->cj_auto ? "commit confirmed rollback" : j->cj_confirmed ? "commit confirmed" :
	    "commit", j->cj_log != NULL ? j->cj_log : "none");

	buf_puts(body, "<commit-results>\n");
	buf_append(body, buf_str(&j->cj_errors), j->cj_errors.b_len);	/* warnings */
	if (j->cj_confirmed)
		buf_printf(body, "<output>commit confirmed will be automatically rolled back in "
		    "%ld minutes unless confirmed</output>\n", j->cj_minutes);
	buf_puts(body, "<routing-engine>\n<name>re0</name>\n<commit-success/>\n"
	    "</routing-engine>\n</commit-results>\n");
}

/* The confirmed commit was not confirmed in time: commit rollback 1 as root via other. */
static void
commit_auto_rollback(void)
{
	struct commit_job *j;
	struct buf errs = BUF_INIT, body = BUF_INIT;

	mgd->m_confirm_pending = false;
	{
		char path[4096];

		commit_confirmed_path(path, sizeof(path));
		unlink(path);
	}
	if (!mgd->m_hist[1].ci_present) {
		log_warnx("commit confirmed: no rollback 1 to return to");
		return;
	}
	if ((j = calloc(1, sizeof(*j))) == NULL)
		return;
	if ((j->cj_tree = history_read_tree(1, &errs)) == NULL) {
		log_warnx("commit confirmed: rollback 1 unreadable: %s", buf_str(&errs));
		buf_free(&errs);
		free(j);
		return;
	}
	buf_free(&errs);
	j->cj_auto = true;
	snprintf(j->cj_user, sizeof(j->cj_user), "root");
	snprintf(j->cj_client, sizeof(j->cj_client), "other");
	log_info("commit confirmed was not confirmed: rolling back to rollback 1");
	commit_begin(j, &body);
	buf_free(&body);
	commit_job_free(j);
}

/* ---- the RPC ---- */

static char *
commit_child_text(xmlNodePtr op, const char *name)
{
	xmlNodePtr n = nc_xml_child(op, name);

	return n != NULL ? nc_xml_text(n) : NULL;
}

enum rpc_status
rpc_commit_configuration(struct rpc_req *r)
{
	struct session *s = r->r_session;
	struct commit_job *j;
	struct buf conflicts = BUF_INIT;
	enum rpc_status st;
	char *t;

	if ((j = calloc(1, sizeof(*j))) == NULL) {
		rpc_error(r, "error", NULL, NULL, "out of memory");
		return RPC_DONE;
	}
	j->cj_session = s;
	j->cj_check = nc_xml_child(r->r_op, "check") != NULL;
	j->cj_confirmed = nc_xml_child(r->r_op, "confirmed") != NULL && !j->cj_check;
	j->cj_minutes = CONFIRM_DEFAULT_MIN;
	if ((t = commit_child_text(r->r_op, "confirm-timeout")) != NULL) {
		char *end;
		long v = strtol(t, &end, 10);

		if (*t == '\0' || *end != '\0' || v < 1 || v > CONFIRM_MAX_MIN) {
			/* The CLI's range for commit confirmed minutes. */
			rpc_error(r, "error", NULL, t,
			    "Value is not within range (1..65535)");
			free(t);
			commit_job_free(j);
			return RPC_DONE;
		}
		j->cj_minutes = v;
		free(t);
	}
	j->cj_log = commit_child_text(r->r_op, "log");
	if (j->cj_log != NULL && j->cj_log[0] == '\0') {
		free(j->cj_log);
		j->cj_log = NULL;
	}
	snprintf(j->cj_user, sizeof(j->cj_user), "%s", s->s_user);
	snprintf(j->cj_client, sizeof(j->cj_client), "%s",
	    strcmp(s->s_client, "cli") == 0 ? "cli" : "netconf");

	if (db_locked_by_other(s)) {
		struct buf m = BUF_INIT;

		mode_locked_message(&m, mgd->m_lock);
		buf_puts(&r->r_body, "<commit-results>\n");
		rpc_error(r, "error", NULL, NULL, buf_str(&m));
		buf_puts(&r->r_body, "</commit-results>\n");
		buf_free(&m);
		commit_job_free(j);
		return RPC_DONE;
	}
	if (s->s_mode == SM_PRIVATE && s->s_private != NULL) {
		/* junos-cli.md 1.2: private commits come from the top, never confirmed. */
		if (j->cj_confirmed) {
			rpc_error(r, "error", NULL, NULL,
			    "'commit confirmed' is not supported in private mode");
			commit_job_free(j);
			return RPC_DONE;
		}
		if (s->s_level != NULL && s->s_level[0] != '\0') {
			rpc_error(r, "error", NULL, NULL,
			    "'commit' must be issued from the top level in private mode");
			commit_job_free(j);
			return RPC_DONE;
		}
		j->cj_private = true;
		j->cj_tree = db_merge3(s->s_private_base, s->s_private, mgd->m_committed, false,
		    &conflicts);
		if (j->cj_tree == NULL) {
			commit_add_errors(j, buf_str(&conflicts));
			buf_free(&conflicts);
			commit_reply_errors(j, &r->r_body);
			commit_job_free(j);
			return RPC_DONE;
		}
		buf_free(&conflicts);
	} else
		j->cj_tree = mgd->m_candidate;

	if ((st = commit_begin(j, &r->r_body)) == RPC_ASYNC) {
		j->cj_msgid = r->r_msgid != NULL ? strdup(r->r_msgid) : NULL;
		return RPC_ASYNC;
	}
	commit_job_free(j);
	return RPC_DONE;
}

void
commit_free_all(void)
{
	if (mgd->m_job != NULL) {
		commit_job_free(mgd->m_job);
		mgd->m_job = NULL;
	}
	if (mgd->m_confirm_ev != NULL)
		event_free(mgd->m_confirm_ev);
	mgd->m_confirm_ev = NULL;
}
