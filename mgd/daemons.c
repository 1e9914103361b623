/*
 * daemons: the processes that consume configuration (gkmd, dataplane, the test
 * daemon). A daemon is an ordinary session on mgd.sock that registered:
 *
 *   <rpc><routemu-register-daemon><name>gkmd</name>
 *        <subtree>security group-vpn</subtree>...<rpc>get-gvpn-...</rpc>...
 *   </routemu-register-daemon></rpc>                      -> <ok/>
 *
 * From then on mgd also sends it requests on that session (message-id "mgd-N"):
 *   <routemu-check-configuration><configuration>subtrees</configuration>
 *       -> <ok/> or <rpc-error>s: the commit fails with the daemon's messages
 *   <routemu-apply-configuration><configuration>subtrees</configuration>
 *       -> <ok/>; an error is logged, nothing is rolled back
 * and forwards the operational RPCs it registered, its reply going back to the
 * client as is. Right after registering it receives one apply with the active
 * configuration, so it starts configured.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlsave.h>

#include "log.h"
#include "mgd.h"

#define DAEMON_MAX_SUBTREES	32
#define DAEMON_MAX_RPCS		256
#define FORWARD_TIMEOUT		30	/* real seconds for an operational request */

struct forward {
	struct forward	*fw_next;
	struct daemon	*fw_daemon;
	unsigned long	 fw_id;
	struct session	*fw_session;
	char		*fw_msgid;
	struct event	*fw_timer;
};

static void
daemon_free(struct daemon *d)
{
	for (size_t i = 0; i < d->d_nsubtrees; i++)
		free(d->d_subtrees[i]);
	for (size_t i = 0; i < d->d_nrpcs; i++)
		free(d->d_rpcs[i]);
	free(d->d_subtrees);
	free(d->d_rpcs);
	free(d->d_name);
	free(d);
}

static bool
daemon_word_ok(const char *s)
{
	if (s == NULL || s[0] == '\0' || strlen(s) > 200)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		    *s == ' ' || *s == '_' || (*s >= 'A' && *s <= 'Z')))
			return false;
	return true;
}

/* "security group-vpn": statement names from the root, as the schema has them. */
static bool
daemon_subtree_ok(const char *path)
{
	const struct sch_node *n = mgd->m_schema->s_root;
	char *copy = strdup(path), *w, *save = NULL;
	bool ok = copy != NULL;

	for (w = copy != NULL ? strtok_r(copy, " ", &save) : NULL; w != NULL && ok;
	    w = strtok_r(NULL, " ", &save))
		ok = (n = sch_child(n, w)) != NULL;
	free(copy);
	return ok;
}

enum rpc_status
rpc_routemu_register_daemon(struct rpc_req *r)
{
	struct session *s = r->r_session;
	struct daemon *d;
	xmlNodePtr n;
	char *t;

	if ((d = calloc(1, sizeof(*d))) == NULL ||
	    (d->d_subtrees = calloc(DAEMON_MAX_SUBTREES, sizeof(char *))) == NULL ||
	    (d->d_rpcs = calloc(DAEMON_MAX_RPCS, sizeof(char *))) == NULL) {
		if (d != NULL)
			daemon_free(d);
		rpc_error(r, "error", NULL, NULL, "out of memory");
		return RPC_DONE;
	}
	for (n = nc_xml_first(r->r_op); n != NULL; n = nc_xml_next(n)) {
		t = nc_xml_text(n);
		if (nc_xml_is(n, "name") && daemon_word_ok(t) && d->d_name == NULL) {
			d->d_name = t;
			continue;
		}
		if (nc_xml_is(n, "subtree") && daemon_word_ok(t) &&
		    d->d_nsubtrees < DAEMON_MAX_SUBTREES) {
			d->d_subtrees[d->d_nsubtrees++] = t;
			continue;
		}
		if (nc_xml_is(n, "rpc") && daemon_word_ok(t) && d->d_nrpcs < DAEMON_MAX_RPCS) {
			d->d_rpcs[d->d_nrpcs++] = t;
			continue;
		}
		rpc_error(r, "error", NULL, (const char *)n->name, "syntax error");
		free(t);
		daemon_free(d);
		return RPC_DONE;
	}
	if (d->d_name == NULL) {
		rpc_error(r, "error", NULL, NULL, "syntax error, expecting <name>");
		daemon_free(d);
		return RPC_DONE;
	}
	for (size_t i = 0; i < d->d_nsubtrees; i++) {
		if (!daemon_subtree_ok(d->d_subtrees[i])) {
			rpc_error(r, "error", NULL, d->d_subtrees[i],
			    "syntax error, expecting a statement path of the schema");
			daemon_free(d);
			return RPC_DONE;
		}
	}
	if (s->s_daemon != NULL)
		daemon_gone(s->s_daemon);
	d->d_session = s;
	s->s_daemon = d;
	TAILQ_INSERT_TAIL(&mgd->m_daemons, d, d_entry);
	log_info("daemon %s registered (session %u, pid %ld)", d->d_name, s->s_id,
	    (long)s->s_pid);

	/* The ok first, then its configuration. */
	session_reply(s, r->r_msgid, "<ok/>\n");
	if (mgd->m_effective == NULL) {
		struct buf errs = BUF_INIT;

		mgd->m_effective = conf_expand_groups(mgd->m_committed, false, &errs);
		if (mgd->m_effective == NULL)
			log_warnx("daemon %s: %s", d->d_name, buf_str(&errs));
		buf_free(&errs);
	}
	if (mgd->m_effective != NULL)
		daemon_send_config(d, "routemu-apply-configuration", mgd->m_effective);
	return RPC_SENT;
}

struct daemon *
daemon_for_rpc(const char *name)
{
	struct daemon *d;

	TAILQ_FOREACH(d, &mgd->m_daemons, d_entry)
		for (size_t i = 0; i < d->d_nrpcs; i++)
			if (strcmp(d->d_rpcs[i], name) == 0)
				return d;
	return NULL;
}

bool
daemon_subtrees_changed(const struct daemon *d, const struct conf_node *old_eff,
    const struct conf_node *new_eff)
{
	struct conf_node *a, *b;
	bool changed;

	if (d->d_nsubtrees == 0)
		return false;
	if (old_eff == NULL || new_eff == NULL)
		return true;
	a = config_subtrees(old_eff, d->d_subtrees, d->d_nsubtrees);
	b = config_subtrees(new_eff, d->d_subtrees, d->d_nsubtrees);
	changed = a == NULL || b == NULL || !conf_equal(a, b, true);
	conf_free(a);
	conf_free(b);
	return changed;
}

/* Send verb with the daemon's subtrees of effective. Returns the request id, 0 on error. */
unsigned long
daemon_send_config(struct daemon *d, const char *verb, const struct conf_node *effective)
{
	struct conf_node *sub;
	struct buf b = BUF_INIT;
	unsigned long id = ++mgd->m_next_rpc;
	int rv;

	if (d->d_session == NULL || d->d_session->s_conn == NULL)
		return 0;
	if ((sub = config_subtrees(effective, d->d_subtrees, d->d_nsubtrees)) == NULL)
		return 0;
	buf_printf(&b, "<rpc xmlns=\"" NC_NS_BASE "\" xmlns:junos=\"" NC_NS_JUNOS "\" "
	    "message-id=\"mgd-%lu\">\n<%s>\n", id, verb);
	conf_print_xml(&b, sub, NULL, 0);
	buf_printf(&b, "</%s>\n</rpc>\n", verb);
	rv = nc_conn_send_buf(d->d_session->s_conn, &b);
	buf_free(&b);
	conf_free(sub);
	log_debug("daemon %s: %s (mgd-%lu)", d->d_name, verb, id);
	return rv == 0 ? id : 0;
}

/* ---- operational requests ---- */

static void
forward_unlink(struct forward *fw)
{
	struct forward **pp;

	for (pp = &fw->fw_daemon->d_forwards; *pp != NULL; pp = &(*pp)->fw_next)
		if (*pp == fw) {
			*pp = fw->fw_next;
			break;
		}
	if (fw->fw_timer != NULL)
		event_free(fw->fw_timer);
	free(fw->fw_msgid);
	free(fw);
}

static void
forward_fail(struct forward *fw)
{
	struct buf b = BUF_INIT;
	struct session *s = fw->fw_session;
	char msg[256];

	/* Junos's wording for a daemon that does not answer mgd. */
	snprintf(msg, sizeof(msg), "the %s subsystem is not responding to management requests",
	    fw->fw_daemon->d_name);
	nc_error(&b, "error", NULL, NULL, msg);
	session_reply(s, fw->fw_msgid, buf_str(&b));
	buf_free(&b);
	forward_unlink(fw);
	session_done(s);
}

static void
forward_timeout_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	forward_fail(arg);
}

static char *
daemon_dump(xmlNodePtr n)
{
	xmlBufferPtr xb = xmlBufferCreate();
	char *s = NULL;

	if (xb == NULL)
		return NULL;
	if (xmlNodeDump(xb, n->doc, n, 0, 0) >= 0)
		s = strdup((const char *)xmlBufferContent(xb));
	xmlBufferFree(xb);
	return s;
}

enum rpc_status
daemon_forward_rpc(struct rpc_req *r, struct daemon *d)
{
	struct forward *fw;
	struct buf b = BUF_INIT;
	struct timeval tv = { FORWARD_TIMEOUT, 0 };
	char *op;

	if ((fw = calloc(1, sizeof(*fw))) == NULL || (op = daemon_dump(r->r_op)) == NULL) {
		free(fw);
		rpc_error(r, "error", NULL, NULL, "out of memory");
		return RPC_DONE;
	}
	fw->fw_daemon = d;
	fw->fw_id = ++mgd->m_next_rpc;
	fw->fw_session = r->r_session;
	fw->fw_msgid = r->r_msgid != NULL ? strdup(r->r_msgid) : NULL;
	fw->fw_timer = evtimer_new(mgd->m_base, forward_timeout_cb, fw);
	fw->fw_next = d->d_forwards;
	d->d_forwards = fw;
	if (fw->fw_timer != NULL)
		evtimer_add(fw->fw_timer, &tv);
	buf_printf(&b, "<rpc xmlns=\"" NC_NS_BASE "\" message-id=\"mgd-%lu\">\n%s\n</rpc>\n",
	    fw->fw_id, op);
	free(op);
	if (d->d_session->s_conn == NULL || nc_conn_send_buf(d->d_session->s_conn, &b) == -1) {
		char msg[256];

		buf_free(&b);
		forward_unlink(fw);
		snprintf(msg, sizeof(msg),
		    "the %s subsystem is not responding to management requests", d->d_name);
		rpc_error(r, "error", NULL, NULL, msg);
		return RPC_DONE;
	}
	buf_free(&b);
	return RPC_ASYNC;
}

/* A message from the daemon that answers one of mgd's requests. */
void
daemon_reply(struct daemon *d, xmlDocPtr doc)
{
	char *mid = nc_message_id(doc);
	unsigned long id = 0;
	struct forward *fw;

	if (mid != NULL && strncmp(mid, "mgd-", 4) == 0)
		id = strtoul(mid + 4, NULL, 10);
	free(mid);
	if (id == 0) {
		log_warnx("daemon %s: reply without a request id ignored", d->d_name);
		return;
	}
	if (id == d->d_wait_id) {
		commit_daemon_reply(d, id, doc);
		return;
	}
	for (fw = d->d_forwards; fw != NULL; fw = fw->fw_next)
		if (fw->fw_id == id)
			break;
	if (fw != NULL) {
		struct buf b = BUF_INIT;
		struct session *s = fw->fw_session;
		xmlNodePtr root = xmlDocGetRootElement(doc);

		for (xmlNodePtr c = nc_xml_first(root); c != NULL; c = nc_xml_next(c)) {
			char *x = daemon_dump(c);

			if (x != NULL) {
				buf_puts(&b, x);
				buf_putc(&b, '\n');
			}
			free(x);
		}
		session_reply(s, fw->fw_msgid, buf_str(&b));
		buf_free(&b);
		forward_unlink(fw);
		session_done(s);
		return;
	}
	/* An answer to an apply: only errors matter. */
	for (xmlNodePtr c = nc_xml_first(xmlDocGetRootElement(doc)); c != NULL;
	    c = nc_xml_next(c)) {
		if (nc_xml_is(c, "rpc-error")) {
			xmlNodePtr m = nc_xml_child(c, "error-message");
			char *t = m != NULL ? nc_xml_text(m) : NULL;

			log_warnx("daemon %s could not apply the configuration: %s", d->d_name,
			    t != NULL ? t : "(no message)");
			free(t);
		}
	}
}

/* The daemon's session ended: its pending work fails, it is forgotten. */
void
daemon_gone(struct daemon *d)
{
	struct session *s = d->d_session;

	log_info("daemon %s disconnected", d->d_name);
	/* Detached first: failing its work may free its own session (see session.c). */
	TAILQ_REMOVE(&mgd->m_daemons, d, d_entry);
	if (s != NULL)
		s->s_daemon = NULL;
	d->d_session = NULL;
	commit_daemon_gone(d);
	while (d->d_forwards != NULL)
		forward_fail(d->d_forwards);
	daemon_free(d);
}
