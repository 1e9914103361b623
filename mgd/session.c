/*
 * session: the clients of mgd on var/run/mgd.sock (cli, NETCONF automation,
 * daemons). Hello exchange, one request at a time per session in arrival order,
 * dispatch to the RPC handlers, replies with the request's message-id.
 *
 * While a commit waits for daemons (or a request of a session is still being
 * served), new requests are parked in the session's queue and run later from the
 * event loop, so every handler sees a quiet database.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "mgd.h"
#include "opschema.h"

static void	 session_accept(evutil_socket_t, short, void *);
static void	 session_msg(struct nc_conn *, const char *, size_t, void *);
static void	 session_closed(struct nc_conn *, void *);
static void	 session_handle(struct session *, xmlDocPtr);
static void	 session_free(struct session *);
static void	 session_drain(evutil_socket_t, short, void *);
static enum rpc_status rpc_close_session(struct rpc_req *);

static const struct rpc_handler {
	const char	*rh_name;
	enum rpc_status	 (*rh_fn)(struct rpc_req *);
} rpc_handlers[] = {
	{ "get-configuration",		rpc_get_configuration },
	{ "load-configuration",		rpc_load_configuration },
	{ "commit-configuration",	rpc_commit_configuration },
	{ "lock-configuration",		rpc_lock_configuration },
	{ "unlock-configuration",	rpc_unlock_configuration },
	{ "open-configuration",		rpc_open_configuration },
	{ "close-configuration",	rpc_close_configuration },
	{ "get-rollback-information",	rpc_get_rollback_information },
	{ "get-commit-information",	rpc_get_commit_information },
	{ "command",			rpc_command },
	{ "get-software-information",	rpc_get_software_information },
	{ "get-system-uptime-information", rpc_get_system_uptime_information },
	{ "get-system-process-information", rpc_get_system_process_information },
	{ "close-session",		rpc_close_session },
	{ "routemu-configure",		rpc_routemu_configure },
	{ "routemu-configure-exit",	rpc_routemu_configure_exit },
	{ "routemu-configure-status",	rpc_routemu_configure_status },
	{ "routemu-configure-update",	rpc_routemu_configure_update },
	{ "routemu-set-edit-level",	rpc_routemu_set_edit_level },
	{ "routemu-register-daemon",	rpc_routemu_register_daemon },
};

int
session_listen(const char *path)
{
	struct sockaddr_un sun;
	int fd = -1, probe;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sun.sun_path)) {
		log_warnx("%s: socket path too long", path);
		return -1;
	}
	memcpy(sun.sun_path, path, strlen(path) + 1);

	/* A socket file left by a killed mgd is stale; a live one is another mgd. */
	if ((probe = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) != -1) {
		if (connect(probe, (struct sockaddr *)&sun, sizeof(sun)) == 0) {
			close(probe);
			log_warnx("%s: another mgd is serving this instance", path);
			return -1;
		}
		close(probe);
	}
	unlink(path);

	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0)) == -1) {
		log_warn("socket");
		return -1;
	}
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		log_warn("bind %s", path);
		goto fail;
	}
	if (chmod(path, 0660) == -1) {
		log_warn("chmod %s", path);
		goto fail;
	}
	if (listen(fd, 64) == -1) {
		log_warn("listen %s", path);
		goto fail;
	}
	mgd->m_listen_fd = fd;
	return 0;
fail:
	close(fd);
	return -1;
}

/* Called once the event base exists (after a possible fork). */
int
session_start(void)
{
	mgd->m_listen_ev = event_new(mgd->m_base, mgd->m_listen_fd, EV_READ | EV_PERSIST,
	    session_accept, NULL);
	mgd->m_drain_ev = event_new(mgd->m_base, -1, 0, session_drain, NULL);
	if (mgd->m_listen_ev == NULL || mgd->m_drain_ev == NULL ||
	    event_add(mgd->m_listen_ev, NULL) == -1) {
		log_warnx("cannot set up the listening socket events");
		return -1;
	}
	return 0;
}

static void
session_peer(struct session *s, int fd)
{
	struct ucred uc;
	socklen_t len = sizeof(uc);
	struct passwd pw, *pwp = NULL;
	char pwbuf[1024];

	s->s_uid = getuid();
	s->s_pid = 0;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) == 0) {
		s->s_uid = uc.uid;
		s->s_pid = uc.pid;
	}
	if (getpwuid_r(s->s_uid, &pw, pwbuf, sizeof(pwbuf), &pwp) == 0 && pwp != NULL)
		snprintf(s->s_user, sizeof(s->s_user), "%s", pw.pw_name);
	else
		snprintf(s->s_user, sizeof(s->s_user), "uid%u", (unsigned)s->s_uid);
}

static void
session_accept(evutil_socket_t lfd, short what, void *arg)
{
	struct session *s;
	struct buf hello = BUF_INIT;
	int fd;

	(void)what;
	(void)arg;
	if ((fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK)) == -1) {
		if (errno != EAGAIN && errno != EINTR && errno != ECONNABORTED)
			log_warn("accept");
		return;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		log_warn("session");
		close(fd);
		return;
	}
	TAILQ_INIT(&s->s_queue);
	s->s_id = ++mgd->m_next_session;
	s->s_since = s->s_last = time(NULL);
	snprintf(s->s_client, sizeof(s->s_client), "netconf");
	session_peer(s, fd);
	if ((s->s_conn = nc_conn_new(mgd->m_base, fd, session_msg, session_closed, s)) ==
	    NULL) {
		log_warnx("cannot set up session %u", s->s_id);
		free(s);
		return;
	}
	TAILQ_INSERT_TAIL(&mgd->m_sessions, s, s_entry);
	nc_hello_server(&hello, s->s_id);
	nc_conn_send_buf(s->s_conn, &hello);
	buf_free(&hello);
	log_debug("session %u: user %s pid %ld", s->s_id, s->s_user, (long)s->s_pid);
}

struct session *
session_find_id(unsigned id)
{
	struct session *s;

	TAILQ_FOREACH(s, &mgd->m_sessions, s_entry)
		if (s->s_id == id && !s->s_closed)
			return s;
	return NULL;
}

/* The client's hello: routemu-client / routemu-tty tell a cli from automation. */
static void
session_hello(struct session *s, xmlDocPtr doc)
{
	xmlNodePtr root = xmlDocGetRootElement(doc), n;
	char *t;

	s->s_hello = true;
	if ((n = nc_xml_child(root, "routemu-client")) != NULL &&
	    (t = nc_xml_text(n)) != NULL) {
		if (t[0] != '\0' && strlen(t) < sizeof(s->s_client) &&
		    strspn(t, "abcdefghijklmnopqrstuvwxyz-") == strlen(t))
			snprintf(s->s_client, sizeof(s->s_client), "%s", t);
		free(t);
	}
	if ((n = nc_xml_child(root, "routemu-tty")) != NULL &&
	    (t = nc_xml_text(n)) != NULL) {
		snprintf(s->s_tty, sizeof(s->s_tty), "%s", t);
		for (char *p = s->s_tty; *p; p++)
			if (*p < 0x21 || *p > 0x7e)
				*p = '?';
		free(t);
	}
}

static bool
session_must_wait(const struct session *s)
{
	return s->s_busy || mgd->m_job != NULL || !TAILQ_EMPTY(&s->s_queue);
}

static void
session_msg(struct nc_conn *c, const char *msg, size_t len, void *arg)
{
	struct session *s = arg;
	struct pending_msg *pm;
	xmlDocPtr doc;
	xmlNodePtr root;

	(void)c;
	if (s->s_closed)
		return;
	s->s_last = time(NULL);
	doc = nc_parse(msg, len);
	root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	if (root != NULL && nc_xml_is(root, "rpc-reply")) {
		/* A daemon answering mgd's own request: never queued behind it. */
		if (s->s_daemon != NULL)
			daemon_reply(s->s_daemon, doc);
		else
			log_debug("session %u: unexpected rpc-reply ignored", s->s_id);
		xmlFreeDoc(doc);
		return;
	}
	if (root != NULL && nc_xml_is(root, "hello")) {
		if (!s->s_hello)
			session_hello(s, doc);
		xmlFreeDoc(doc);
		return;
	}
	if (session_must_wait(s)) {
		if ((pm = calloc(1, sizeof(*pm))) == NULL) {
			log_warn("queue");
			xmlFreeDoc(doc);
			return;
		}
		pm->pm_doc = doc;
		TAILQ_INSERT_TAIL(&s->s_queue, pm, pm_entry);
		return;
	}
	session_handle(s, doc);
}

void
rpc_error(struct rpc_req *r, const char *severity, const char *path, const char *bad,
    const char *msg)
{
	nc_error(&r->r_body, severity, path, bad, msg);
}

void
rpc_output(struct rpc_req *r, const char *text)
{
	buf_puts(&r->r_body, "<output>");
	xml_escape(&r->r_body, text);
	buf_puts(&r->r_body, "</output>\n");
}

void
rpc_ok(struct rpc_req *r)
{
	buf_puts(&r->r_body, "<ok/>\n");
}

void
session_reply(struct session *s, const char *msgid, const char *body)
{
	struct buf b = BUF_INIT;

	if (s == NULL || s->s_closed || s->s_conn == NULL)
		return;
	nc_reply_begin(&b, msgid);
	buf_puts(&b, body);
	nc_reply_end(&b);
	nc_conn_send_buf(s->s_conn, &b);
	buf_free(&b);
}

/*
 * Input that is not an RPC. The texts are inferred (no capture of Junos answering
 * garbage is in the notes); they follow its "syntax error, expecting <x>" style.
 */
static void
session_bad_input(struct session *s, const char *msgid, const char *bad, const char *msg)
{
	struct buf b = BUF_INIT;

	nc_error_ex(&b, "protocol", "operation-failed", "error", NULL, bad, msg);
	session_reply(s, msgid, buf_str(&b));
	buf_free(&b);
}

static void
session_handle(struct session *s, xmlDocPtr doc)
{
	const struct rpc_handler *h = NULL;
	const struct opsch_cmd *oc;
	struct rpc_req req;
	enum rpc_status st;
	xmlNodePtr root, op;
	const char *name;

	memset(&req, 0, sizeof(req));
	if (doc == NULL) {
		session_bad_input(s, NULL, NULL,
		    "syntax error, expecting <rpc>: message is not well-formed XML");
		return;
	}
	root = xmlDocGetRootElement(doc);
	req.r_msgid = nc_message_id(doc);
	if (!nc_xml_is(root, "rpc")) {
		session_bad_input(s, req.r_msgid, (const char *)root->name,
		    "syntax error, expecting <rpc>");
		goto done;
	}
	if ((op = nc_rpc_op(doc)) == NULL) {
		session_bad_input(s, req.r_msgid, NULL,
		    "syntax error, expecting an operation inside <rpc>");
		goto done;
	}
	name = (const char *)op->name;
	for (size_t i = 0; i < sizeof(rpc_handlers) / sizeof(rpc_handlers[0]); i++)
		if (strcmp(rpc_handlers[i].rh_name, name) == 0) {
			h = &rpc_handlers[i];
			break;
		}
	req.r_session = s;
	req.r_doc = doc;
	req.r_op = op;
	buf_init(&req.r_body);
	if (h != NULL)
		st = h->rh_fn(&req);
	else if (daemon_for_rpc(name) != NULL)
		st = daemon_forward_rpc(&req, daemon_for_rpc(name));
	else if (mgd->m_opschema != NULL &&
	    (oc = opschema_find_rpc(mgd->m_opschema, name)) != NULL) {
		char msg[128];

		/* An operational RPC whose daemon is not there (Junos: "the routing
		 * subsystem is not running"). */
		snprintf(msg, sizeof(msg), "the %s subsystem is not running",
		    oc->cm_daemon);
		rpc_error(&req, "error", NULL, NULL, msg);
		st = RPC_DONE;
	} else {
		/* Inferred: Junos names the unknown element as the bad element. */
		nc_error_ex(&req.r_body, "protocol", "operation-failed", "error", NULL, name,
		    "syntax error");
		st = RPC_DONE;
	}
	switch (st) {
	case RPC_ASYNC:
		s->s_busy = true;
		break;
	case RPC_SENT:
		break;
	case RPC_CLOSE:
		session_reply(s, req.r_msgid, buf_str(&req.r_body));
		if (s->s_conn != NULL)
			nc_conn_shutdown(s->s_conn);
		break;
	case RPC_DONE:
		session_reply(s, req.r_msgid, buf_str(&req.r_body));
		break;
	}
	buf_free(&req.r_body);
done:
	free(req.r_msgid);
	xmlFreeDoc(doc);
}

static enum rpc_status
rpc_close_session(struct rpc_req *r)
{
	rpc_ok(r);
	return RPC_CLOSE;
}

/* An asynchronous request of s has been answered. */
void
session_done(struct session *s)
{
	s->s_busy = false;
	if (s->s_closed) {
		session_free(s);
		return;
	}
	session_schedule_drain();
}

void
session_schedule_drain(void)
{
	if (mgd->m_drain_ev != NULL)
		event_active(mgd->m_drain_ev, EV_TIMEOUT, 0);
}

static void
session_drain(evutil_socket_t fd, short what, void *arg)
{
	struct session *s, *next;
	struct pending_msg *pm;

	(void)fd;
	(void)what;
	(void)arg;
	for (s = TAILQ_FIRST(&mgd->m_sessions); s != NULL; s = next) {
		next = TAILQ_NEXT(s, s_entry);
		while (!s->s_closed && !s->s_busy && mgd->m_job == NULL &&
		    (pm = TAILQ_FIRST(&s->s_queue)) != NULL) {
			TAILQ_REMOVE(&s->s_queue, pm, pm_entry);
			xmlDocPtr doc = pm->pm_doc;
			free(pm);
			session_handle(s, doc);
		}
	}
}

static void
session_free(struct session *s)
{
	struct pending_msg *pm;

	mode_session_closed(s);
	if (s->s_daemon != NULL)
		daemon_gone(s->s_daemon);
	while ((pm = TAILQ_FIRST(&s->s_queue)) != NULL) {
		TAILQ_REMOVE(&s->s_queue, pm, pm_entry);
		xmlFreeDoc(pm->pm_doc);
		free(pm);
	}
	TAILQ_REMOVE(&mgd->m_sessions, s, s_entry);
	if (s->s_conn != NULL)
		nc_conn_free(s->s_conn);
	free(s->s_level);
	free(s);
}

static void
session_closed(struct nc_conn *c, void *arg)
{
	struct session *s = arg;

	(void)c;
	log_debug("session %u closed", s->s_id);
	s->s_closed = true;
	nc_conn_free(s->s_conn);
	s->s_conn = NULL;
	/* A request still in progress (a commit) finishes first: see session_done. */
	if (!s->s_busy) {
		session_free(s);
		return;
	}
	/*
	 * But what it owes as a daemon fails now, not at the timeout. That may end
	 * its own request too (it committed and was asked to check): then s is gone.
	 */
	if (s->s_daemon != NULL)
		daemon_gone(s->s_daemon);
}

void
session_close_all(void)
{
	struct session *s;

	while ((s = TAILQ_FIRST(&mgd->m_sessions)) != NULL) {
		s->s_closed = true;
		s->s_busy = false;
		session_free(s);
	}
	if (mgd->m_listen_ev != NULL)
		event_free(mgd->m_listen_ev);
	if (mgd->m_drain_ev != NULL)
		event_free(mgd->m_drain_ev);
	mgd->m_listen_ev = mgd->m_drain_ev = NULL;
	if (mgd->m_listen_fd != -1)
		close(mgd->m_listen_fd);
	mgd->m_listen_fd = -1;
}

/*
 * "root terminal pts/0 (pid 31745) on since 2026-09-20 23:25:28 UTC" as in the
 * `configure` user list of the notes. A NETCONF client has no terminal: Junos's
 * text for that case is not in the notes, "terminal ?" is inferred.
 */
const char *
session_who(const struct session *s, struct buf *b)
{
	char since[64];

	config_format_time(s->s_since, since, sizeof(since));
	buf_printf(b, "%s terminal %s (pid %ld) on since %s", s->s_user,
	    s->s_tty[0] ? s->s_tty : "?", (long)s->s_pid, since);
	return buf_str(b);
}

static bool
session_editing(const struct session *s)
{
	return !s->s_closed && s->s_daemon == NULL &&
	    (s->s_mode != SM_NONE || s->s_netconf_lock);
}

/*
 * The `Users currently editing the configuration:` block (junos-cli.md 1.2):
 * each user's line, then the level indented 6, prefixed `exclusive ` / `private `.
 * Lines are appended as <output> elements (as_output) or as text lines.
 * Nothing is appended when nobody but `except` edits.
 */
static void
session_users_emit(struct buf *out, struct buf *line, bool as_output)
{
	if (as_output) {
		buf_puts(out, "<output>");
		xml_escape(out, buf_str(line));
		buf_puts(out, "</output>\n");
	} else {
		buf_puts(out, buf_str(line));
		buf_putc(out, '\n');
	}
	buf_reset(line);
}

void
session_users_list(struct buf *out, const struct session *except, bool as_output)
{
	struct buf line = BUF_INIT;
	struct session *s;
	bool any = false;

	TAILQ_FOREACH(s, &mgd->m_sessions, s_entry)
		if (s != except && session_editing(s))
			any = true;
	if (!any)
		return;
	buf_puts(&line, "Users currently editing the configuration:");
	session_users_emit(out, &line, as_output);
	TAILQ_FOREACH(s, &mgd->m_sessions, s_entry) {
		if (s == except || !session_editing(s))
			continue;
		buf_puts(&line, "  ");
		session_who(s, &line);
		session_users_emit(out, &line, as_output);
		buf_puts(&line, "      ");
		if (s->s_mode == SM_EXCLUSIVE || s->s_netconf_lock)
			buf_puts(&line, "exclusive ");
		else if (s->s_mode == SM_PRIVATE)
			buf_puts(&line, "private ");
		buf_puts(&line, "[edit");
		if (s->s_level != NULL && s->s_level[0] != '\0')
			buf_printf(&line, " %s", s->s_level);
		buf_puts(&line, "]");
		session_users_emit(out, &line, as_output);
	}
	buf_free(&line);
}
