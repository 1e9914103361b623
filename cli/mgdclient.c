/*
 * mgdclient: the cli's NETCONF session with mgd (rpc-contract: base:1.0 framing on
 * <instance>/var/run/mgd.sock). One request at a time; every reply is matched by
 * its message-id, so a late reply to a request that timed out is skipped.
 */
#include <sys/socket.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "instance.h"
#include "netconf.h"

static char	*mgd_tty_name(void);
static void	 mgd_trim(char *);
static int	 mgd_handshake(struct mgd_client *, struct buf *);
static void	 mgd_reopen(struct mgd_client *);

static char *
mgd_tty_name(void)
{
	const char *t = NULL;
	int fd;

	for (fd = 0; fd <= 2 && t == NULL; fd++)
		if (isatty(fd))
			t = ttyname(fd);
	if (t == NULL)
		return NULL;
	if (strncmp(t, "/dev/", 5) == 0)
		t += 5;
	return strdup(t);
}

static void
mgd_trim(char *s)
{
	size_t n, i = 0;

	if (s == NULL)
		return;
	while (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')
		i++;
	if (i > 0)
		memmove(s, s + i, strlen(s + i) + 1);
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* mgd speaks first; our hello says we are the cli (routemu extension). */
static int
mgd_handshake(struct mgd_client *mc, struct buf *err)
{
	struct buf hello = BUF_INIT;
	xmlDocPtr doc = NULL;
	char *msg = NULL, *tty = NULL;
	size_t len = 0;
	int rv = -1;

	if ((msg = nc_client_recv_len(mc->mc_fd, mc->mc_timeout_ms, &len)) == NULL) {
		buf_printf(err, "error: mgd not responding");
		goto done;
	}
	if ((doc = nc_parse(msg, len)) == NULL ||
	    nc_hello_parse(doc, &mc->mc_session) == -1) {
		buf_printf(err, "error: unexpected greeting from mgd");
		goto done;
	}
	buf_puts(&hello, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<hello xmlns=\"" NC_NS_BASE "\">\n"
	    "  <capabilities>\n"
	    "    <capability>urn:ietf:params:netconf:base:1.0</capability>\n"
	    "  </capabilities>\n"
	    "  <routemu-client>cli</routemu-client>\n");
	if ((tty = mgd_tty_name()) != NULL) {
		buf_puts(&hello, "  <routemu-tty>");
		xml_escape(&hello, tty);
		buf_puts(&hello, "</routemu-tty>\n");
	}
	buf_puts(&hello, "</hello>");
	if (nc_client_send(mc->mc_fd, buf_str(&hello)) == -1) {
		buf_printf(err, "error: could not talk to mgd: %s", strerror(errno));
		goto done;
	}
	rv = 0;
done:
	if (doc != NULL)
		xmlFreeDoc(doc);
	free(msg);
	free(tty);
	buf_free(&hello);
	return rv;
}

struct mgd_client *
mgd_connect(const char *instance, struct buf *err)
{
	struct mgd_client *mc;
	const char *t;
	char path[4096];

	if (instance_path(path, sizeof(path), instance, INST_MGD_SOCK) == -1) {
		buf_printf(err, "error: instance directory name too long");
		return NULL;
	}
	if ((mc = calloc(1, sizeof(*mc))) == NULL ||
	    (mc->mc_sock = strdup(path)) == NULL) {
		free(mc);
		buf_printf(err, "error: out of memory");
		return NULL;
	}
	mc->mc_timeout_ms = CLI_RPC_TIMEOUT_MS;
	if ((t = getenv("ROUTEMU_CLI_TIMEOUT")) != NULL && strtod(t, NULL) > 0)
		mc->mc_timeout_ms = (int)(strtod(t, NULL) * 1000.0);
	if ((mc->mc_fd = nc_client_open(path)) == -1) {
		/* Wording inferred: Junos has no equivalent (mgd always runs there). */
		buf_printf(err, "error: could not connect to mgd at %s: %s\n"
		    "error: is mgd running for instance %s?", path, strerror(errno),
		    instance);
		mgd_close(mc);
		return NULL;
	}
	if (mgd_handshake(mc, err) == -1) {
		mgd_close(mc);
		return NULL;
	}
	return mc;
}

/* Between requests mgd sends nothing: anything readable is its end of file. */
static bool
mgd_hung_up(int fd)
{
	struct pollfd pfd;
	char c;

	pfd.fd = fd;
	pfd.events = POLLIN;
	pfd.revents = 0;
	if (poll(&pfd, 1, 0) <= 0)
		return false;
	if (pfd.revents & (POLLHUP | POLLERR))
		return true;
	return recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 0;
}

/* mgd went away (restart): connect again, and let the session restore itself. */
static void
mgd_reopen(struct mgd_client *mc)
{
	struct buf err = BUF_INIT;

	if ((mc->mc_fd = nc_client_open(mc->mc_sock)) == -1)
		return;
	if (mgd_handshake(mc, &err) == -1) {
		nc_client_close(mc->mc_fd);
		mc->mc_fd = -1;
		buf_free(&err);
		return;
	}
	buf_free(&err);
	if (mc->mc_reconnected != NULL) {
		mc->mc_in_reconnect = true;
		mc->mc_reconnected(mc, mc->mc_arg);
		mc->mc_in_reconnect = false;
	}
}

void
mgd_close(struct mgd_client *mc)
{
	if (mc == NULL)
		return;
	if (mc->mc_fd != -1)
		nc_client_close(mc->mc_fd);
	free(mc->mc_sock);
	free(mc);
}

int
mgd_rpc(struct mgd_client *mc, const char *body, struct mgd_reply *r)
{
	struct buf req = BUF_INIT;
	char idstr[32], *msg = NULL, *id = NULL;
	size_t len = 0;
	int rv = -1, tries;

	memset(r, 0, sizeof(*r));
	if (mc->mc_fd != -1 && !mc->mc_in_reconnect && mgd_hung_up(mc->mc_fd)) {
		nc_client_close(mc->mc_fd);
		mc->mc_fd = -1;
	}
	if (mc->mc_fd == -1 && !mc->mc_in_reconnect)
		mgd_reopen(mc);
	if (mc->mc_fd == -1) {
		buf_puts(&r->mr_text, "error: connection to mgd lost\n");
		return -1;
	}
	mc->mc_msgid++;
	snprintf(idstr, sizeof(idstr), "%u", mc->mc_msgid);
	buf_printf(&req, "<rpc message-id=\"%s\" xmlns=\"" NC_NS_BASE "\">", idstr);
	buf_puts(&req, body);
	buf_puts(&req, "</rpc>");
	if (nc_client_send(mc->mc_fd, buf_str(&req)) == -1) {
		buf_puts(&r->mr_text, "error: connection to mgd lost\n");
		goto lost;
	}
	/* Replies to requests that timed out earlier are skipped (bounded). */
	for (tries = 0; tries < 64; tries++) {
		errno = 0;
		msg = nc_client_recv_len(mc->mc_fd, mc->mc_timeout_ms, &len);
		if (msg == NULL) {
			if (errno == ETIMEDOUT || errno == EAGAIN ||
			    errno == EWOULDBLOCK)
				buf_puts(&r->mr_text, "error: mgd not responding\n");
			else
				buf_puts(&r->mr_text,
				    "error: connection to mgd lost\n");
			goto lost;
		}
		if ((r->mr_doc = nc_parse(msg, len)) == NULL) {
			buf_puts(&r->mr_text, "error: malformed reply from mgd\n");
			goto done;
		}
		free(id);
		id = nc_message_id(r->mr_doc);
		if (id == NULL || strcmp(id, idstr) == 0)
			break;
		xmlFreeDoc(r->mr_doc);
		r->mr_doc = NULL;
		free(msg);
		msg = NULL;
	}
	if (r->mr_doc == NULL) {
		buf_puts(&r->mr_text, "error: mgd not responding\n");
		goto lost;
	}
	r->mr_root = xmlDocGetRootElement(r->mr_doc);
	mgd_render_errors(r->mr_root, &r->mr_text, &r->mr_errors, &r->mr_warnings);
	rv = r->mr_errors > 0 ? -1 : 0;
	goto done;
lost:
	/* A half-read reply would desynchronise every later request. */
	nc_client_close(mc->mc_fd);
	mc->mc_fd = -1;
done:
	free(id);
	free(msg);
	buf_free(&req);
	return rv;
}

void
mgd_reply_free(struct mgd_reply *r)
{
	if (r->mr_doc != NULL)
		xmlFreeDoc(r->mr_doc);
	buf_free(&r->mr_text);
	memset(r, 0, sizeof(*r));
}

xmlNodePtr
mgd_find(xmlNodePtr n, const char *name)
{
	xmlNodePtr c, f;

	if (n == NULL)
		return NULL;
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (nc_xml_is(c, name))
			return c;
		if ((f = mgd_find(c, name)) != NULL)
			return f;
	}
	return NULL;
}

char *
mgd_find_text(xmlNodePtr n, const char *name)
{
	xmlNodePtr e;
	char *t;

	if ((e = mgd_find(n, name)) == NULL)
		return NULL;
	if ((t = nc_xml_text(e)) != NULL)
		mgd_trim(t);
	return t;
}

static void
mgd_outputs_walk(xmlNodePtr n, struct buf *out)
{
	xmlNodePtr c;
	char *t;
	size_t len;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (nc_xml_is(c, "rpc-error"))
			continue;
		if (nc_xml_is(c, "output")) {
			if ((t = nc_xml_text(c)) == NULL)
				continue;
			/* Keep inner layout; drop the newlines around the element text. */
			while (t[0] == '\n')
				memmove(t, t + 1, strlen(t));
			len = strlen(t);
			while (len > 0 && t[len - 1] == '\n')
				t[--len] = '\0';
			buf_puts(out, t);
			buf_putc(out, '\n');
			free(t);
			continue;
		}
		mgd_outputs_walk(c, out);
	}
}

void
mgd_outputs(xmlNodePtr n, struct buf *out)
{
	if (n != NULL)
		mgd_outputs_walk(n, out);
}

/*
 * Junos shows an rpc-error that names a statement as the commit check does:
 *   [edit security group-vpn member ipsec vpn v1]
 *     'ike-gateway gw1'
 *       Referenced IKE gateway must be defined ...
 * and any other as "error: message" / "warning: message".
 */
static void
mgd_render_one(xmlNodePtr e, struct buf *out, int *nerr, int *nwarn)
{
	char *sev, *path, *bad, *msg;
	bool warning;

	sev = mgd_find_text(e, "error-severity");
	path = mgd_find_text(e, "error-path");
	bad = mgd_find_text(e, "bad-element");
	msg = mgd_find_text(e, "error-message");
	warning = sev != NULL && strcmp(sev, "warning") == 0;
	if (warning)
		(*nwarn)++;
	else
		(*nerr)++;
	if (path != NULL && path[0] != '\0' &&
	    (!warning || (bad != NULL && bad[0] != '\0'))) {
		if (path[0] == '[')
			buf_printf(out, "%s\n", path);
		else
			buf_printf(out, "[edit %s]\n", path);
		if (bad != NULL && bad[0] != '\0')
			buf_printf(out, "  '%s'\n", bad);
		buf_printf(out, "    %s%s\n", warning ? "warning: " : "",
		    msg != NULL ? msg : "");
	} else if (msg != NULL && strchr(msg, '\n') != NULL) {
		/* preformatted (a load's "terminal:4:(18) syntax error: ..." block) */
		buf_printf(out, "%s\n", msg);
	} else if (bad != NULL && bad[0] != '\0' && msg != NULL &&
	    strstr(msg, bad) == NULL) {
		buf_printf(out, "%s: %s: %s\n", warning ? "warning" : "error", msg, bad);
	} else {
		buf_printf(out, "%s: %s\n", warning ? "warning" : "error",
		    msg != NULL ? msg : "unknown error");
	}
	free(sev);
	free(path);
	free(bad);
	free(msg);
}

static void
mgd_render_walk(xmlNodePtr n, struct buf *out, int *nerr, int *nwarn)
{
	xmlNodePtr c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (nc_xml_is(c, "rpc-error"))
			mgd_render_one(c, out, nerr, nwarn);
		else
			mgd_render_walk(c, out, nerr, nwarn);
	}
}

void
mgd_render_errors(xmlNodePtr n, struct buf *out, int *nerr, int *nwarn)
{
	int e = 0, w = 0;

	if (n != NULL) {
		if (nc_xml_is(n, "rpc-error"))
			mgd_render_one(n, out, &e, &w);
		else
			mgd_render_walk(n, out, &e, &w);
	}
	if (nerr != NULL)
		*nerr += e;
	if (nwarn != NULL)
		*nwarn += w;
}
