/*
 * netconf: NETCONF base:1.0 framing (RFC 6242 section 4.3, end-of-message
 * delimiter "]]>]]>") on libevent bufferevents and on blocking sockets, and the
 * XML pieces of Junos RPC replies.
 *
 * The delimiter is not escaped inside messages: RFC 6242 relies on "]]>" never
 * appearing in well-formed XML text (it must be written "]]&gt;"), so the first
 * delimiter ends the message.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <libxml/parser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>

#include "log.h"
#include "netconf.h"
#include "xmlutil.h"

/* ---- framing scanner ---- */

static int
nc_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void
nc_framer_init(struct nc_framer *f, size_t max)
{
	buf_init(&f->nf_buf);
	f->nf_scan = 0;
	f->nf_max = max ? max : NC_MAX_MSG;
	f->nf_failed = 0;
}

void
nc_framer_free(struct nc_framer *f)
{
	buf_free(&f->nf_buf);
	f->nf_scan = 0;
}

int
nc_framer_feed(struct nc_framer *f, const char *data, size_t len, nc_frame_cb cb, void *arg)
{
	size_t start = 0;
	int rv = 0;

	if (f->nf_failed)
		return -1;
	if (len > 0)
		buf_append(&f->nf_buf, data, len);
	for (;;) {
		char *base = f->nf_buf.b_data;
		size_t avail = f->nf_buf.b_len - start;

		if (base == NULL || avail == 0)
			break;
		/* Skip blanks between messages, so they never count as content. */
		if (f->nf_scan == 0 && nc_is_blank(base[start])) {
			start++;
			continue;
		}
		char *d =
		    memmem(base + start + f->nf_scan, avail - f->nf_scan, NC_DELIM, NC_DELIM_LEN);
		if (d == NULL) {
			/* The delimiter may straddle this feed and the next. */
			f->nf_scan = avail >= NC_DELIM_LEN ? avail - (NC_DELIM_LEN - 1) : 0;
			if (avail > f->nf_max + NC_DELIM_LEN - 1)
				rv = -1;
			break;
		}
		size_t mlen = (size_t)(d - (base + start));
		if (mlen > f->nf_max) {
			rv = -1;
			break;
		}
		*d = '\0'; /* the delimiter is consumed: NUL-terminate over it */
		f->nf_scan = 0;
		int stop = mlen > 0 ? cb(base + start, mlen, arg) : 0;
		start += mlen + NC_DELIM_LEN;
		if (stop)
			break;
	}
	if (rv == -1) {
		f->nf_failed = 1;
		buf_free(&f->nf_buf);
		f->nf_scan = 0;
		return -1;
	}
	if (start > 0) {
		/* One move per feed, not per message: many small messages stay linear. */
		size_t rest = f->nf_buf.b_len - start;

		memmove(f->nf_buf.b_data, f->nf_buf.b_data + start, rest);
		f->nf_buf.b_len = rest;
		f->nf_buf.b_data[rest] = '\0';
		if (f->nf_scan > rest)
			f->nf_scan = 0;
		/* Do not hold on to the memory of one big message for the session. */
		if (rest == 0 && f->nf_buf.b_cap > 1024 * 1024)
			buf_free(&f->nf_buf);
	}
	return 0;
}

/* ---- server side ---- */

struct nc_conn {
	struct bufferevent *nc_bev;
	struct event *nc_closeev;
	struct nc_framer nc_framer;
	nc_msg_cb nc_msgcb;
	nc_close_cb nc_closecb;
	void *nc_arg;
	int nc_fd;
	int nc_depth; /* callbacks in progress: free is deferred */
	int nc_error;
	int nc_dead;    /* nc_conn_free called during a callback */
	int nc_closing; /* no more input; close once output drained */
	int nc_closed;  /* close_cb called */
};

static void
nc_conn_destroy(struct nc_conn *c)
{
	if (c->nc_closeev != NULL)
		event_free(c->nc_closeev);
	if (c->nc_bev != NULL)
		bufferevent_free(c->nc_bev); /* BEV_OPT_CLOSE_ON_FREE: closes the fd */
	nc_framer_free(&c->nc_framer);
	free(c);
}

static void
nc_conn_enter(struct nc_conn *c)
{
	c->nc_depth++;
}

/* Returns -1 when c is gone. */
static int
nc_conn_leave(struct nc_conn *c)
{
	if (--c->nc_depth == 0 && c->nc_dead) {
		nc_conn_destroy(c);
		return -1;
	}
	return 0;
}

static int
nc_conn_gone(const struct nc_conn *c)
{
	return c->nc_dead || c->nc_closed || c->nc_closing;
}

static void
nc_conn_finish(struct nc_conn *c)
{
	if (c->nc_closed || c->nc_dead)
		return;
	c->nc_closed = 1;
	bufferevent_disable(c->nc_bev, EV_READ | EV_WRITE);
	nc_conn_enter(c);
	if (c->nc_closecb != NULL)
		c->nc_closecb(c, c->nc_arg);
	nc_conn_leave(c);
}

static int
nc_conn_frame(const char *msg, size_t len, void *arg)
{
	struct nc_conn *c = arg;

	if (nc_conn_gone(c))
		return 1;
	c->nc_msgcb(c, msg, len, c->nc_arg);
	return nc_conn_gone(c);
}

static void
nc_conn_readcb(struct bufferevent *bev, void *arg)
{
	struct nc_conn *c = arg;
	struct evbuffer *in = bufferevent_get_input(bev);

	nc_conn_enter(c);
	while (!nc_conn_gone(c)) {
		struct evbuffer_iovec v[8];
		int n = evbuffer_peek(in, -1, NULL, v, 8);
		size_t used = 0;

		if (n <= 0)
			break;
		if (n > 8)
			n = 8;
		for (int i = 0; i < n && !nc_conn_gone(c); i++) {
			if (nc_framer_feed(&c->nc_framer, v[i].iov_base, v[i].iov_len,
			                   nc_conn_frame, c) == -1) {
				log_warnx("NETCONF message over %zu bytes, closing session",
				          c->nc_framer.nf_max);
				c->nc_error = EMSGSIZE;
				evbuffer_drain(in, evbuffer_get_length(in));
				nc_conn_shutdown(c);
				goto done;
			}
			used += v[i].iov_len;
		}
		evbuffer_drain(in, used);
	}
	if (nc_conn_gone(c))
		evbuffer_drain(in, evbuffer_get_length(in));
done:
	nc_conn_leave(c);
}

static void
nc_conn_writecb(struct bufferevent *bev, void *arg)
{
	struct nc_conn *c = arg;

	if (c->nc_closing && evbuffer_get_length(bufferevent_get_output(bev)) == 0)
		nc_conn_finish(c);
}

static void
nc_conn_eventcb(struct bufferevent *bev, short what, void *arg)
{
	struct nc_conn *c = arg;

	if (what & BEV_EVENT_EOF) {
		/*
		 * The peer may have half-closed after its last request (a script
		 * piping into the socket): still deliver the replies queued.
		 */
		if ((what & BEV_EVENT_WRITING) == 0 &&
		    evbuffer_get_length(bufferevent_get_output(bev)) > 0) {
			nc_conn_shutdown(c);
			return;
		}
		nc_conn_finish(c);
		return;
	}
	if (what & BEV_EVENT_ERROR) {
		c->nc_error = EVUTIL_SOCKET_ERROR();
		if (c->nc_error == 0)
			c->nc_error = EIO;
		nc_conn_finish(c);
	}
}

static void
nc_conn_closeevcb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	nc_conn_finish(arg);
}

struct nc_conn *
nc_conn_new(struct event_base *base, int fd, nc_msg_cb msgcb, nc_close_cb closecb, void *arg)
{
	struct nc_conn *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->nc_fd = fd;
	c->nc_msgcb = msgcb;
	c->nc_closecb = closecb;
	c->nc_arg = arg;
	nc_framer_init(&c->nc_framer, NC_MAX_MSG);
	if (evutil_make_socket_nonblocking(fd) == -1)
		goto fail;
	c->nc_bev = bufferevent_socket_new(base, fd, BEV_OPT_CLOSE_ON_FREE);
	c->nc_closeev = event_new(base, -1, 0, nc_conn_closeevcb, c);
	if (c->nc_bev == NULL || c->nc_closeev == NULL)
		goto fail;
	/* libevent reads 4 KB at a time by default; a big load-configuration is MBs. */
	bufferevent_set_max_single_read(c->nc_bev, 256 * 1024);
	bufferevent_setcb(c->nc_bev, nc_conn_readcb, nc_conn_writecb, nc_conn_eventcb, c);
	if (bufferevent_enable(c->nc_bev, EV_READ | EV_WRITE) == -1)
		goto fail;
	return c;
fail:
	if (c->nc_bev == NULL)
		close(fd); /* the caller gave it to us either way */
	nc_conn_destroy(c);
	return NULL;
}

int
nc_conn_send(struct nc_conn *c, const char *xml, size_t len)
{
	struct evbuffer *out;

	if (c->nc_closed || c->nc_dead)
		return -1;
	out = bufferevent_get_output(c->nc_bev);
	if (evbuffer_add(out, xml, len) == -1 || evbuffer_add(out, NC_DELIM, NC_DELIM_LEN) == -1)
		return -1;
	return 0;
}

int
nc_conn_send_buf(struct nc_conn *c, const struct buf *b)
{
	return nc_conn_send(c, buf_str(b), b->b_len);
}

void
nc_conn_shutdown(struct nc_conn *c)
{
	if (c->nc_closing || c->nc_closed || c->nc_dead)
		return;
	c->nc_closing = 1;
	bufferevent_disable(c->nc_bev, EV_READ);
	if (evbuffer_get_length(bufferevent_get_output(c->nc_bev)) == 0)
		event_active(c->nc_closeev, EV_TIMEOUT,
		             0); /* never close_cb from inside a callback */
}

void
nc_conn_free(struct nc_conn *c)
{
	if (c == NULL || c->nc_dead)
		return;
	if (c->nc_depth > 0) {
		c->nc_dead = 1;
		bufferevent_disable(c->nc_bev, EV_READ | EV_WRITE);
		event_del(c->nc_closeev);
		return;
	}
	nc_conn_destroy(c);
}

void
nc_conn_set_max(struct nc_conn *c, size_t max)
{
	c->nc_framer.nf_max = max ? max : NC_MAX_MSG;
}

int
nc_conn_fd(const struct nc_conn *c)
{
	return c->nc_fd;
}

void *
nc_conn_arg(const struct nc_conn *c)
{
	return c->nc_arg;
}

int
nc_conn_error(const struct nc_conn *c)
{
	return c->nc_error;
}

/* ---- client side ---- */

/* Bytes read past a delimiter, kept per fd for the next nc_client_recv. */
struct nc_client_buf {
	int cb_fd;
	struct buf cb_buf;
};

static struct nc_client_buf *nc_cbufs;
static size_t nc_ncbufs;

static struct nc_client_buf *
nc_client_buf(int fd, int create)
{
	struct nc_client_buf *p;

	for (size_t i = 0; i < nc_ncbufs; i++)
		if (nc_cbufs[i].cb_fd == fd)
			return &nc_cbufs[i];
	if (!create)
		return NULL;
	if ((p = realloc(nc_cbufs, (nc_ncbufs + 1) * sizeof(*p))) == NULL)
		return NULL;
	nc_cbufs = p;
	p = &nc_cbufs[nc_ncbufs++];
	p->cb_fd = fd;
	buf_init(&p->cb_buf);
	return p;
}

static void
nc_client_forget(int fd)
{
	for (size_t i = 0; i < nc_ncbufs; i++) {
		if (nc_cbufs[i].cb_fd != fd)
			continue;
		buf_free(&nc_cbufs[i].cb_buf);
		nc_cbufs[i] = nc_cbufs[--nc_ncbufs];
		if (nc_ncbufs == 0) {
			free(nc_cbufs);
			nc_cbufs = NULL;
		}
		return;
	}
}

int
nc_client_open(const char *sockpath)
{
	struct sockaddr_un sun;
	int fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(sockpath) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	strcpy(sun.sun_path, sockpath);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return -1;
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	nc_client_forget(fd); /* a stale entry of an fd closed with close(2) */
	return fd;
}

static int
nc_write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n == -1 && errno == ENOTSOCK)
			n = write(fd, p, len);
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

int
nc_client_send(int fd, const char *xml)
{
	if (nc_write_all(fd, xml, strlen(xml)) == -1)
		return -1;
	return nc_write_all(fd, NC_DELIM, NC_DELIM_LEN);
}

char *
nc_client_recv_len(int fd, int timeout_ms, size_t *lenp)
{
	struct nc_client_buf *cb = nc_client_buf(fd, 1);
	size_t scan = 0;
	char tmp[65536];

	if (cb == NULL)
		return NULL;
	for (;;) {
		struct buf *b = &cb->cb_buf;
		char *d = NULL;

		if (b->b_len > scan)
			d = memmem(b->b_data + scan, b->b_len - scan, NC_DELIM, NC_DELIM_LEN);
		if (d != NULL) {
			size_t end = (size_t)(d - b->b_data), skip = 0;

			while (skip < end && nc_is_blank(b->b_data[skip]))
				skip++;
			char *msg = malloc(end - skip + 1);
			if (msg == NULL)
				return NULL;
			memcpy(msg, b->b_data + skip, end - skip);
			msg[end - skip] = '\0';
			size_t rest = b->b_len - end - NC_DELIM_LEN;
			memmove(b->b_data, d + NC_DELIM_LEN, rest);
			b->b_len = rest;
			b->b_data[rest] = '\0';
			if (rest == 0 && b->b_cap > 1024 * 1024)
				buf_free(b);
			if (end == skip) { /* an empty message: wait for a real one */
				free(msg);
				scan = 0;
				continue;
			}
			if (lenp != NULL)
				*lenp = end - skip;
			return msg;
		}
		scan = b->b_len >= NC_DELIM_LEN ? b->b_len - (NC_DELIM_LEN - 1) : 0;
		if (b->b_len > (size_t)NC_MAX_MSG + NC_DELIM_LEN) {
			errno = EMSGSIZE;
			return NULL;
		}

		struct pollfd pfd = {.fd = fd, .events = POLLIN};
		int pr = poll(&pfd, 1, timeout_ms < 0 ? -1 : timeout_ms);
		if (pr == -1) {
			if (errno == EINTR)
				continue;
			return NULL;
		}
		if (pr == 0) {
			errno = ETIMEDOUT;
			return NULL;
		}
		ssize_t n = read(fd, tmp, sizeof(tmp));
		if (n == -1) {
			if (errno == EINTR || errno == EAGAIN)
				continue;
			return NULL;
		}
		if (n == 0) {
			errno = 0; /* EOF */
			return NULL;
		}
		buf_append(b, tmp, (size_t)n);
	}
}

char *
nc_client_recv(int fd, int timeout_ms)
{
	return nc_client_recv_len(fd, timeout_ms, NULL);
}

int
nc_client_hello(int fd, int timeout_ms, unsigned *session_id)
{
	struct buf b = BUF_INIT;
	xmlDocPtr doc = NULL;
	char *msg;
	size_t len;
	int rv = -1;

	if ((msg = nc_client_recv_len(fd, timeout_ms, &len)) == NULL)
		return -1;
	if ((doc = nc_parse(msg, len)) == NULL || nc_hello_parse(doc, session_id) == -1) {
		errno = EPROTO;
		goto done;
	}
	nc_hello_client(&b);
	if (nc_client_send(fd, buf_str(&b)) == -1)
		goto done;
	rv = 0;
done:
	buf_free(&b);
	if (doc != NULL)
		xmlFreeDoc(doc);
	free(msg);
	return rv;
}

void
nc_client_close(int fd)
{
	nc_client_forget(fd);
	close(fd);
}

/* ---- XML in ---- */

/* Parse state shared with the SAX hooks through ctxt->_private. */
struct nc_parse_state {
	int ps_refused; /* a DTD, or nesting deeper than NC_MAX_DEPTH */
	int ps_depth;
};

/*
 * A document type declaration could declare entities (the "billion laughs");
 * NETCONF has no use for one, so the parse stops at its first sign.
 */
static void
nc_sax_nodtd(void *ctx, const xmlChar *name, const xmlChar *eid, const xmlChar *sid)
{
	(void)name;
	(void)eid;
	(void)sid;
	xmlParserCtxtPtr ctxt = ctx;
	struct nc_parse_state *ps = ctxt->_private;

	ps->ps_refused = 1;
	xmlStopParser(ctxt);
}

/*
 * XML_PARSE_HUGE (needed for big text nodes) also lifts libxml2's nesting
 * limit; everything that walks the tree afterwards recurses, so keep one.
 */
static void
nc_sax_start(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
             int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
             const xmlChar **attributes)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct nc_parse_state *ps = ctxt->_private;

	if (++ps->ps_depth > NC_MAX_DEPTH) {
		ps->ps_refused = 1;
		xmlStopParser(ctxt);
		return;
	}
	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
	                      nb_defaulted, attributes);
}

static void
nc_sax_end(void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct nc_parse_state *ps = ctxt->_private;

	ps->ps_depth--;
	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
}

static void
nc_sax_silent(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

xmlDocPtr
nc_parse(const char *msg, size_t len)
{
	struct nc_parse_state ps = {0, 0};
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc = NULL;

	if (msg == NULL || len == 0 || len > INT_MAX)
		return NULL;
	if ((ctxt = xmlCreateMemoryParserCtxt(msg, (int)len)) == NULL)
		return NULL;
	/* HUGE: a 100 000-line <configuration-set> is one text node of several MB. */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
	                            XML_PARSE_HUGE);
	ctxt->sax->internalSubset = nc_sax_nodtd;
	ctxt->sax->externalSubset = nc_sax_nodtd;
	ctxt->sax->startElementNs = nc_sax_start;
	ctxt->sax->endElementNs = nc_sax_end;
	ctxt->sax->error = nc_sax_silent;
	ctxt->sax->warning = nc_sax_silent;
	ctxt->sax->serror = NULL;
	ctxt->vctxt.error = nc_sax_silent;
	ctxt->vctxt.warning = nc_sax_silent;
	ctxt->_private = &ps;
	xmlParseDocument(ctxt);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	if (doc != NULL && (!ctxt->wellFormed || ps.ps_refused || doc->intSubset != NULL ||
	                    xmlDocGetRootElement(doc) == NULL)) {
		xmlFreeDoc(doc);
		doc = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return doc;
}

bool
nc_xml_is(xmlNodePtr n, const char *name)
{
	return xml_is(n, name);
}

xmlNodePtr
nc_xml_first(xmlNodePtr n)
{
	if (n == NULL)
		return NULL;
	for (xmlNodePtr c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNodePtr
nc_xml_next(xmlNodePtr n)
{
	if (n == NULL)
		return NULL;
	for (xmlNodePtr c = n->next; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return c;
	return NULL;
}

xmlNodePtr
nc_xml_child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = nc_xml_first(n); c != NULL; c = nc_xml_next(c))
		if (nc_xml_is(c, name))
			return c;
	return NULL;
}

char *
nc_xml_text(xmlNodePtr n)
{
	xmlChar *t;
	char *s;

	/*
	 * The usual element holds one text node: copy it once. (A load-configuration
	 * carries megabytes of text; xmlNodeGetContent would copy it a second time.)
	 */
	if (n != NULL && n->type == XML_ELEMENT_NODE && n->children != NULL &&
	    n->children->next == NULL && n->children->type == XML_TEXT_NODE &&
	    n->children->content != NULL)
		return strdup((const char *)n->children->content);
	t = n != NULL ? xmlNodeGetContent(n) : NULL;
	s = strdup(t != NULL ? (const char *)t : "");
	xmlFree(t);
	return s;
}

xmlNodePtr
nc_rpc_node(xmlDocPtr doc)
{
	xmlNodePtr root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;

	return nc_xml_is(root, "rpc") ? root : NULL;
}

xmlNodePtr
nc_rpc_op(xmlDocPtr doc)
{
	return nc_xml_first(nc_rpc_node(doc));
}

char *
nc_message_id(xmlDocPtr doc)
{
	xmlNodePtr root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	xmlChar *v;
	char *s;

	if (root == NULL)
		return NULL;
	/* The attribute is unqualified in RFC 6241, whatever the element's namespace. */
	if ((v = xmlGetNoNsProp(root, (const xmlChar *)"message-id")) == NULL)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

/* ---- XML out ---- */

static void
nc_escape(struct buf *b, const char *s, size_t len, int attr)
{
	size_t run = 0;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *rep;

		switch (c) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>': /* also keeps "]]>" out of messages */
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&apos;";
			break;
		case '\t':
			rep = attr ? "&#9;" : NULL;
			break;
		case '\n':
			rep = attr ? "&#10;" : NULL;
			break;
		case '\r':
			rep = attr ? "&#13;" : NULL;
			break;
		default:
			/* XML 1.0 cannot carry these control characters at all. */
			rep = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') ? "?" : NULL;
			break;
		}
		if (rep == NULL)
			continue;
		buf_append(b, s + run, i - run);
		buf_puts(b, rep);
		run = i + 1;
	}
	buf_append(b, s + run, len - run);
}

void
xml_escape_len(struct buf *b, const char *s, size_t len)
{
	nc_escape(b, s, len, 0);
}

void
xml_escape(struct buf *b, const char *s)
{
	if (s != NULL)
		nc_escape(b, s, strlen(s), 0);
}

void
xml_escape_attr(struct buf *b, const char *s)
{
	if (s != NULL)
		nc_escape(b, s, strlen(s), 1);
}

void
nc_reply_begin(struct buf *b, const char *message_id)
{
	buf_puts(b, "<rpc-reply xmlns=\"" NC_NS_BASE "\" xmlns:junos=\"" NC_NS_JUNOS "\"");
	if (message_id != NULL) {
		buf_puts(b, " message-id=\"");
		xml_escape_attr(b, message_id);
		buf_putc(b, '"');
	}
	buf_puts(b, ">\n");
}

void
nc_reply_end(struct buf *b)
{
	buf_puts(b, "</rpc-reply>\n");
}

void
nc_reply_ok(struct buf *b, const char *message_id)
{
	nc_reply_begin(b, message_id);
	buf_puts(b, "<ok/>\n");
	nc_reply_end(b);
}

static void
nc_elem(struct buf *b, const char *name, const char *text)
{
	buf_printf(b, "<%s>", name);
	xml_escape(b, text);
	buf_printf(b, "</%s>\n", name);
}

void
nc_error_ex(struct buf *b, const char *type, const char *tag, const char *severity,
            const char *path, const char *bad_element, const char *message)
{
	buf_puts(b, "<rpc-error>\n");
	nc_elem(b, "error-type", type ? type : "protocol");
	nc_elem(b, "error-tag", tag ? tag : "operation-failed");
	nc_elem(b, "error-severity", severity ? severity : "error");
	if (path != NULL)
		nc_elem(b, "error-path", path);
	if (bad_element != NULL) {
		buf_puts(b, "<error-info>\n");
		nc_elem(b, "bad-element", bad_element);
		buf_puts(b, "</error-info>\n");
	}
	nc_elem(b, "error-message", message ? message : "");
	buf_puts(b, "</rpc-error>\n");
}

void
nc_error(struct buf *b, const char *severity, const char *path, const char *bad_element,
         const char *message)
{
	nc_error_ex(b, NULL, NULL, severity, path, bad_element, message);
}

/*
 * The capability list of a Junos NETCONF server (captured hellos): base:1.0 only,
 * so ncclient keeps the ]]>]]> framing; the five standard ones twice, in the
 * current and the legacy URN forms; then the Junos ones, whose junos/1.0 is what
 * PyEZ and ncclient look for.
 */
static const char *const nc_server_caps[] = {
    "urn:ietf:params:netconf:base:1.0",
    "urn:ietf:params:netconf:capability:candidate:1.0",
    "urn:ietf:params:netconf:capability:confirmed-commit:1.0",
    "urn:ietf:params:netconf:capability:validate:1.0",
    "urn:ietf:params:netconf:capability:url:1.0?scheme=http,ftp,file",
    "urn:ietf:params:xml:ns:netconf:base:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:candidate:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:confirmed-commit:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:validate:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:url:1.0?scheme=http,ftp,file",
    "urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring",
    "http://xml.juniper.net/netconf/junos/1.0",
    "http://xml.juniper.net/dmi/system/1.0",
};

void
nc_hello_server(struct buf *b, unsigned session_id)
{
	buf_puts(b, "<hello xmlns=\"" NC_NS_BASE "\">\n  <capabilities>\n");
	for (size_t i = 0; i < sizeof(nc_server_caps) / sizeof(nc_server_caps[0]); i++) {
		buf_puts(b, "    <capability>");
		xml_escape(b, nc_server_caps[i]);
		buf_puts(b, "</capability>\n");
	}
	buf_printf(b, "  </capabilities>\n  <session-id>%u</session-id>\n</hello>\n", session_id);
}

void
nc_hello_client(struct buf *b)
{
	buf_puts(b, "<hello xmlns=\"" NC_NS_BASE "\">\n  <capabilities>\n"
	            "    <capability>urn:ietf:params:netconf:base:1.0</capability>\n"
	            "  </capabilities>\n</hello>\n");
}

int
nc_hello_parse(xmlDocPtr doc, unsigned *session_id)
{
	xmlNodePtr root = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
	xmlNodePtr sid;
	unsigned long v = 0;

	if (!nc_xml_is(root, "hello"))
		return -1;
	if ((sid = nc_xml_child(root, "session-id")) != NULL) {
		char *t = nc_xml_text(sid), *end;

		if (t != NULL) {
			v = strtoul(t, &end, 10);
			if (*end != '\0' || v > UINT_MAX)
				v = 0;
		}
		free(t);
	}
	if (session_id != NULL)
		*session_id = (unsigned)v;
	return 0;
}
