/* test_netconf: framing (scanner, bufferevent server, blocking client) and XML helpers. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <libxml/tree.h>

#include "buf.h"
#include "netconf.h"
#include "unit.h"

/* ---- scanner ---- */

struct collect {
	char *msgs[16];
	size_t n;
	size_t stop_after; /* 0: never stop */
};

static int
collect_cb(const char *msg, size_t len, void *arg)
{
	struct collect *c = arg;

	UNIT_CHECK(strlen(msg) == len);
	if (c->n < 16)
		c->msgs[c->n++] = strdup(msg);
	return c->stop_after && c->n >= c->stop_after;
}

static void
collect_free(struct collect *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->msgs[i]);
	memset(c, 0, sizeof(*c));
}

static void
test_framer_split(void)
{
	const char *in = "<rpc><get/></rpc>]]>]]>";
	struct nc_framer f;
	struct collect c = {0};

	/* Every split point, the delimiter included, byte by byte. */
	for (size_t cut = 0; cut <= strlen(in); cut++) {
		nc_framer_init(&f, 0);
		UNIT_CHECK(nc_framer_feed(&f, in, cut, collect_cb, &c) == 0);
		UNIT_CHECK(nc_framer_feed(&f, in + cut, strlen(in) - cut, collect_cb, &c) == 0);
		UNIT_CHECK(c.n == 1);
		if (c.n == 1)
			UNIT_STREQ(c.msgs[0], "<rpc><get/></rpc>");
		UNIT_CHECK(f.nf_buf.b_len == 0);
		collect_free(&c);
		nc_framer_free(&f);
	}
	nc_framer_init(&f, 0);
	for (size_t i = 0; in[i] != '\0'; i++)
		UNIT_CHECK(nc_framer_feed(&f, in + i, 1, collect_cb, &c) == 0);
	UNIT_CHECK(c.n == 1);
	if (c.n == 1)
		UNIT_STREQ(c.msgs[0], "<rpc><get/></rpc>");
	collect_free(&c);
	nc_framer_free(&f);
}

static void
test_framer_several(void)
{
	const char *in = "<a/>]]>]]>\n<b>]]</b>]]>]]>]]>]]>  \r\n]]>]]><c/>]]>]]><d";
	struct nc_framer f;
	struct collect c = {0};

	nc_framer_init(&f, 0);
	UNIT_CHECK(nc_framer_feed(&f, in, strlen(in), collect_cb, &c) == 0);
	/* Blank and empty messages are not delivered; "]]" alone is content. */
	UNIT_CHECK(c.n == 3);
	if (c.n == 3) {
		UNIT_STREQ(c.msgs[0], "<a/>");
		UNIT_STREQ(c.msgs[1], "<b>]]</b>");
		UNIT_STREQ(c.msgs[2], "<c/>");
	}
	UNIT_STREQ(buf_str(&f.nf_buf), "<d");
	collect_free(&c);
	UNIT_CHECK(nc_framer_feed(&f, "/>]]>]]>", 8, collect_cb, &c) == 0);
	UNIT_CHECK(c.n == 1 && strcmp(c.msgs[0], "<d/>") == 0);
	collect_free(&c);
	nc_framer_free(&f);

	/* A callback that stops leaves the rest buffered, delivered by a later feed. */
	nc_framer_init(&f, 0);
	c.stop_after = 1;
	UNIT_CHECK(nc_framer_feed(&f, "<x/>]]>]]><y/>]]>]]>", 20, collect_cb, &c) == 0);
	UNIT_CHECK(c.n == 1);
	c.stop_after = 0;
	UNIT_CHECK(nc_framer_feed(&f, NULL, 0, collect_cb, &c) == 0);
	UNIT_CHECK(c.n == 2 && strcmp(c.msgs[1], "<y/>") == 0);
	collect_free(&c);
	nc_framer_free(&f);
}

static void
test_framer_oversize(void)
{
	struct nc_framer f;
	struct collect c = {0};
	char big[64];

	memset(big, 'x', sizeof(big));
	/* Exactly the maximum is fine. */
	nc_framer_init(&f, 10);
	UNIT_CHECK(nc_framer_feed(&f, big, 10, collect_cb, &c) == 0);
	UNIT_CHECK(nc_framer_feed(&f, "]]>]]>", 6, collect_cb, &c) == 0);
	UNIT_CHECK(c.n == 1 && strlen(c.msgs[0]) == 10);
	collect_free(&c);
	nc_framer_free(&f);
	/* One byte more, complete in one feed. */
	nc_framer_init(&f, 10);
	UNIT_CHECK(nc_framer_feed(&f, "xxxxxxxxxxx]]>]]>", 17, collect_cb, &c) == -1);
	UNIT_CHECK(c.n == 0);
	UNIT_CHECK(nc_framer_feed(&f, "<a/>]]>]]>", 10, collect_cb, &c) == -1);
	nc_framer_free(&f);
	/* Without a delimiter, the framer gives up before buffering without bound. */
	nc_framer_init(&f, 10);
	int rv = 0;
	for (int i = 0; i < 10 && rv == 0; i++)
		rv = nc_framer_feed(&f, big, 8, collect_cb, &c);
	UNIT_CHECK(rv == -1);
	UNIT_CHECK(f.nf_buf.b_len <= 10 + 8 + NC_DELIM_LEN);
	UNIT_CHECK(c.n == 0);
	nc_framer_free(&f);
}

/* ---- server connection over a socketpair ---- */

struct srv {
	struct nc_conn *conn;
	struct collect got;
	int closed;
	int close_err;
	int free_in_msg; /* free the connection inside msg_cb */
	int reply;       /* answer each message */
};

static void
srv_msg(struct nc_conn *c, const char *msg, size_t len, void *arg)
{
	struct srv *s = arg;

	collect_cb(msg, len, &s->got);
	if (s->reply) {
		struct buf b = BUF_INIT;

		nc_reply_begin(&b, "1");
		buf_printf(&b, "<echo>%zu</echo>\n", len);
		nc_reply_end(&b);
		UNIT_CHECK(nc_conn_send_buf(c, &b) == 0);
		buf_free(&b);
	}
	if (s->free_in_msg) {
		nc_conn_free(c);
		s->conn = NULL;
	}
}

static void
srv_close(struct nc_conn *c, void *arg)
{
	struct srv *s = arg;

	s->closed++;
	s->close_err = nc_conn_error(c);
	nc_conn_free(c);
	s->conn = NULL;
}

static void
loop_until(struct event_base *base, int (*done)(struct srv *), struct srv *s)
{
	for (int i = 0; i < 2000 && !done(s); i++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		if (!done(s))
			usleep(1000);
	}
}

static int
got_two(struct srv *s)
{
	return s->got.n >= 2;
}

static int
is_closed(struct srv *s)
{
	return s->closed > 0;
}

static void
test_conn_split_and_reply(void)
{
	struct event_base *base = event_base_new();
	struct srv s = {.reply = 1};
	int sv[2];

	UNIT_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	s.conn = nc_conn_new(base, sv[0], srv_msg, srv_close, &s);
	UNIT_CHECK(s.conn != NULL);
	/* First message in three writes (delimiter cut), the second in the last one. */
	const char *parts[] = {"<rpc message-id=\"1\"><get-", "configuration/></rpc>]]",
	                       ">]]><rpc><b/></rpc>]]>]]>"};
	for (int i = 0; i < 3; i++) {
		UNIT_CHECK(write(sv[1], parts[i], strlen(parts[i])) == (ssize_t)strlen(parts[i]));
		event_base_loop(base, EVLOOP_NONBLOCK);
		usleep(2000);
	}
	loop_until(base, got_two, &s);
	UNIT_CHECK(s.got.n == 2);
	if (s.got.n == 2) {
		UNIT_STREQ(s.got.msgs[0], "<rpc message-id=\"1\"><get-configuration/></rpc>");
		UNIT_STREQ(s.got.msgs[1], "<rpc><b/></rpc>");
	}
	event_base_loop(base, EVLOOP_NONBLOCK);
	char *r1 = nc_client_recv(sv[1], 2000);
	char *r2 = nc_client_recv(sv[1], 2000);
	UNIT_CHECK(r1 != NULL && strstr(r1, "<echo>46</echo>") != NULL);
	UNIT_CHECK(r2 != NULL && strstr(r2, "<echo>15</echo>") != NULL);
	UNIT_CHECK(r1 != NULL && strncmp(r1, "<rpc-reply ", 11) == 0);
	free(r1);
	free(r2);
	/* Client EOF: close_cb once, error 0. */
	nc_client_close(sv[1]);
	loop_until(base, is_closed, &s);
	UNIT_CHECK(s.closed == 1 && s.close_err == 0);
	collect_free(&s.got);
	event_base_free(base);
}

static void
test_conn_oversize(void)
{
	struct event_base *base = event_base_new();
	struct srv s = {0};
	char junk[300];
	int sv[2];

	memset(junk, 'z', sizeof(junk));
	UNIT_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	s.conn = nc_conn_new(base, sv[0], srv_msg, srv_close, &s);
	nc_conn_set_max(s.conn, 100);
	UNIT_CHECK(write(sv[1], "<ok/>]]>]]>", 11) == 11);
	UNIT_CHECK(write(sv[1], junk, sizeof(junk)) == (ssize_t)sizeof(junk));
	loop_until(base, is_closed, &s);
	UNIT_CHECK(s.got.n == 1);
	UNIT_CHECK(s.closed == 1 && s.close_err == EMSGSIZE);
	/* The peer sees the connection end. */
	errno = 0;
	char *m = nc_client_recv(sv[1], 2000);
	UNIT_CHECK(m == NULL && errno == 0);
	free(m);
	nc_client_close(sv[1]);
	collect_free(&s.got);
	event_base_free(base);
}

static void
test_conn_free_inside_callback(void)
{
	struct event_base *base = event_base_new();
	struct srv s = {.free_in_msg = 1};
	int sv[2];

	UNIT_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	s.conn = nc_conn_new(base, sv[0], srv_msg, srv_close, &s);
	/* Two messages in one read: the second must not reach a freed connection. */
	const char *two = "<a/>]]>]]><b/>]]>]]>";
	UNIT_CHECK(write(sv[1], two, strlen(two)) == (ssize_t)strlen(two));
	for (int i = 0; i < 50; i++) {
		event_base_loop(base, EVLOOP_NONBLOCK);
		usleep(1000);
	}
	UNIT_CHECK(s.got.n == 1);
	UNIT_CHECK(s.closed == 0); /* freed by its owner: no close_cb afterwards */
	char *m = nc_client_recv(sv[1], 1000);
	UNIT_CHECK(m == NULL);
	nc_client_close(sv[1]);
	collect_free(&s.got);
	event_base_free(base);
}

/* A client that half-closes after its request still gets the reply. */
static void
test_conn_half_close(void)
{
	struct event_base *base = event_base_new();
	struct srv s = {.reply = 1};
	int sv[2];

	UNIT_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	s.conn = nc_conn_new(base, sv[0], srv_msg, srv_close, &s);
	UNIT_CHECK(write(sv[1], "<rpc/>]]>]]>", 12) == 12);
	UNIT_CHECK(shutdown(sv[1], SHUT_WR) == 0);
	loop_until(base, is_closed, &s);
	UNIT_CHECK(s.closed == 1);
	char *m = nc_client_recv(sv[1], 2000);
	UNIT_CHECK(m != NULL && strstr(m, "<echo>6</echo>") != NULL);
	free(m);
	nc_client_close(sv[1]);
	collect_free(&s.got);
	event_base_free(base);
}

static void
test_conn_shutdown(void)
{
	struct event_base *base = event_base_new();
	struct srv s = {0};
	int sv[2];

	UNIT_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	s.conn = nc_conn_new(base, sv[0], srv_msg, srv_close, &s);
	UNIT_CHECK(nc_conn_send(s.conn, "<bye/>", 6) == 0);
	nc_conn_shutdown(s.conn);
	loop_until(base, is_closed, &s);
	UNIT_CHECK(s.closed == 1 && s.close_err == 0);
	char *m = nc_client_recv(sv[1], 2000);
	UNIT_STREQ(m, "<bye/>");
	free(m);
	nc_client_close(sv[1]);
	event_base_free(base);
}

/* ---- blocking client ---- */

static void
test_client_recv(void)
{
	int sv[2];

	UNIT_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	/* Several messages in one write, the last one split. */
	const char *w = "<one/>]]>]]>\n<two/>]]>]]><thr";
	UNIT_CHECK(write(sv[0], w, strlen(w)) == (ssize_t)strlen(w));
	char *a = nc_client_recv(sv[1], 1000);
	char *b = nc_client_recv(sv[1], 1000);
	UNIT_STREQ(a, "<one/>");
	UNIT_STREQ(b, "<two/>");
	free(a);
	free(b);
	/* Nothing complete: a timeout, quickly. */
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	errno = 0;
	char *c = nc_client_recv(sv[1], 100);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	UNIT_CHECK(c == NULL && errno == ETIMEDOUT);
	double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	UNIT_CHECK(dt >= 0.09 && dt < 2.0);
	/* The partial message survived the timeout. */
	UNIT_CHECK(write(sv[0], "ee/>]]", 6) == 6);
	UNIT_CHECK(write(sv[0], ">]]>", 4) == 4);
	size_t len = 0;
	c = nc_client_recv_len(sv[1], 1000, &len);
	UNIT_STREQ(c, "<three/>");
	UNIT_CHECK(len == 8);
	free(c);
	UNIT_CHECK(nc_client_send(sv[0], "<x/>") == 0);
	c = nc_client_recv(sv[1], 1000);
	UNIT_STREQ(c, "<x/>");
	free(c);
	close(sv[0]);
	errno = 0;
	UNIT_CHECK(nc_client_recv(sv[1], 1000) == NULL && errno == 0);
	nc_client_close(sv[1]);
	UNIT_CHECK(nc_client_open("/nonexistent/dir/mgd.sock") == -1);
}

static void
test_client_hello(void)
{
	struct buf b = BUF_INIT;
	unsigned sid = 0;
	int sv[2];

	UNIT_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
	nc_hello_server(&b, 4242);
	UNIT_CHECK(nc_client_send(sv[0], buf_str(&b)) == 0);
	UNIT_CHECK(nc_client_hello(sv[1], 1000, &sid) == 0);
	UNIT_CHECK(sid == 4242);
	char *m = nc_client_recv(sv[0], 1000);
	xmlDocPtr d = m ? nc_parse(m, strlen(m)) : NULL;
	UNIT_CHECK(d != NULL && nc_hello_parse(d, &sid) == 0 && sid == 0);
	UNIT_CHECK(m != NULL && strstr(m, "urn:ietf:params:netconf:base:1.0") != NULL);
	UNIT_CHECK(m != NULL && strstr(m, "base:1.1") == NULL);
	xmlFreeDoc(d);
	free(m);
	/* The server hello lists what PyEZ/ncclient look for, and only base:1.0. */
	UNIT_CHECK(strstr(buf_str(&b),
	                  "<capability>http://xml.juniper.net/netconf/junos/1.0</capability>"));
	UNIT_CHECK(strstr(buf_str(&b), "urn:ietf:params:netconf:capability:candidate:1.0"));
	UNIT_CHECK(strstr(buf_str(&b), "urn:ietf:params:netconf:capability:confirmed-commit:1.0"));
	UNIT_CHECK(strstr(buf_str(&b), "<session-id>4242</session-id>"));
	UNIT_CHECK(strstr(buf_str(&b), "base:1.1") == NULL);
	/* Not a hello: refused. */
	UNIT_CHECK(nc_client_send(sv[0], "<rpc-reply/>") == 0);
	UNIT_CHECK(nc_client_hello(sv[1], 1000, &sid) == -1);
	buf_free(&b);
	nc_client_close(sv[0]);
	nc_client_close(sv[1]);
}

/* ---- XML ---- */

static void
test_parse(void)
{
	const char *rpc = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	                  "<rpc xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\" "
	                  "message-id=\"urn:uuid:1&amp;2\">"
	                  "<get-configuration database=\"committed\" format=\"text\"/></rpc>";
	xmlDocPtr d = nc_parse(rpc, strlen(rpc));

	UNIT_CHECK(d != NULL);
	xmlNodePtr op = nc_rpc_op(d);
	UNIT_CHECK(nc_xml_is(op, "get-configuration"));
	char *id = nc_message_id(d);
	UNIT_STREQ(id, "urn:uuid:1&2");
	free(id);
	xmlFreeDoc(d);

	/* Not well-formed, empty, a DTD (entities), junk after the root. */
	static const char *bad[] = {
	    "<rpc><a></rpc>",
	    "",
	    "   ",
	    "<!DOCTYPE rpc [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><rpc>&b;</rpc>",
	    "<!DOCTYPE rpc SYSTEM \"file:///etc/passwd\"><rpc/>",
	    "<rpc/><rpc/>",
	    "<rpc>&undefined;</rpc>",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		d = nc_parse(bad[i], strlen(bad[i]));
		if (d != NULL)
			fprintf(stderr, "accepted: %s\n", bad[i]);
		UNIT_CHECK(d == NULL);
		xmlFreeDoc(d);
	}
	/* Nesting: NC_MAX_DEPTH elements are fine, one more is refused. */
	struct buf deep = BUF_INIT;
	for (int i = 0; i < NC_MAX_DEPTH; i++)
		buf_puts(&deep, "<a>");
	for (int i = 0; i < NC_MAX_DEPTH; i++)
		buf_puts(&deep, "</a>");
	d = nc_parse(deep.b_data, deep.b_len);
	UNIT_CHECK(d != NULL);
	xmlFreeDoc(d);
	buf_reset(&deep);
	for (int i = 0; i <= NC_MAX_DEPTH; i++)
		buf_puts(&deep, "<a>");
	for (int i = 0; i <= NC_MAX_DEPTH; i++)
		buf_puts(&deep, "</a>");
	d = nc_parse(deep.b_data, deep.b_len);
	UNIT_CHECK(d == NULL);
	buf_free(&deep);

	/* Namespaces and attributes still come through the depth-counting hooks. */
	const char *ns = "<rpc xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\" "
	                 "xmlns:j=\"urn:j\"><j:x a=\"1\" j:b=\"2\"/></rpc>";
	d = nc_parse(ns, strlen(ns));
	op = nc_rpc_op(d);
	UNIT_CHECK(op != NULL && op->ns != NULL &&
	           strcmp((const char *)op->ns->href, "urn:j") == 0);
	xmlChar *av = op ? xmlGetProp(op, (const xmlChar *)"a") : NULL;
	UNIT_CHECK(av != NULL && strcmp((const char *)av, "1") == 0);
	xmlFree(av);
	xmlFreeDoc(d);

	/* Root other than <rpc>: parsed, but no operation. */
	d = nc_parse("<hello/>", 8);
	UNIT_CHECK(d != NULL && nc_rpc_op(d) == NULL && nc_rpc_node(d) == NULL);
	id = nc_message_id(d);
	UNIT_CHECK(id == NULL);
	xmlFreeDoc(d);
	/* Child helpers, text. */
	const char *x =
	    "<rpc><load-configuration action=\"set\"> <configuration-set>set a b\n"
	    "set c &lt;d&gt;</configuration-set><!-- c --><x/></load-configuration></rpc>";
	d = nc_parse(x, strlen(x));
	op = nc_rpc_op(d);
	xmlNodePtr cs = nc_xml_child(op, "configuration-set");
	char *t = nc_xml_text(cs);
	UNIT_STREQ(t, "set a b\nset c <d>");
	free(t);
	UNIT_CHECK(nc_xml_is(nc_xml_next(cs), "x"));
	UNIT_CHECK(nc_xml_next(nc_xml_next(cs)) == NULL);
	UNIT_CHECK(nc_xml_child(op, "nope") == NULL);
	xmlFreeDoc(d);
}

static void
test_reply_message_id(void)
{
	struct buf b = BUF_INIT;

	nc_reply_begin(&b, "a\"b<c>&d'e");
	nc_reply_end(&b);
	UNIT_STREQ(buf_str(&b), "<rpc-reply xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\" "
	                        "xmlns:junos=\"http://xml.juniper.net/junos/24.4R1/junos\" "
	                        "message-id=\"a&quot;b&lt;c&gt;&amp;d&apos;e\">\n</rpc-reply>\n");
	/* The echo parses back to the same id. */
	xmlDocPtr d = nc_parse(b.b_data, b.b_len);
	char *id = nc_message_id(d);
	UNIT_STREQ(id, "a\"b<c>&d'e");
	free(id);
	xmlFreeDoc(d);
	buf_reset(&b);
	/* White space in the id survives attribute-value normalisation. */
	nc_reply_begin(&b, "x\ty\nz\r");
	nc_reply_end(&b);
	d = nc_parse(b.b_data, b.b_len);
	id = nc_message_id(d);
	UNIT_STREQ(id, "x\ty\nz\r");
	UNIT_CHECK(strstr(buf_str(&b), "message-id=\"x&#9;y&#10;z&#13;\"") != NULL);
	free(id);
	xmlFreeDoc(d);
	buf_reset(&b);
	nc_reply_ok(&b, NULL);
	UNIT_STREQ(
	    buf_str(&b),
	    "<rpc-reply xmlns=\"urn:ietf:params:xml:ns:netconf:base:1.0\" "
	    "xmlns:junos=\"http://xml.juniper.net/junos/24.4R1/junos\">\n<ok/>\n</rpc-reply>\n");
	buf_free(&b);
}

static void
test_error_shape(void)
{
	struct buf b = BUF_INIT;

	nc_error(&b, "error", "[edit interfaces]", "ge-0/0/0", "syntax error");
	UNIT_STREQ(buf_str(&b), "<rpc-error>\n"
	                        "<error-type>protocol</error-type>\n"
	                        "<error-tag>operation-failed</error-tag>\n"
	                        "<error-severity>error</error-severity>\n"
	                        "<error-path>[edit interfaces]</error-path>\n"
	                        "<error-info>\n<bad-element>ge-0/0/0</bad-element>\n</error-info>\n"
	                        "<error-message>syntax error</error-message>\n"
	                        "</rpc-error>\n");
	buf_reset(&b);
	nc_error(&b, "warning", NULL, NULL, "statement not found");
	UNIT_STREQ(buf_str(&b), "<rpc-error>\n"
	                        "<error-type>protocol</error-type>\n"
	                        "<error-tag>operation-failed</error-tag>\n"
	                        "<error-severity>warning</error-severity>\n"
	                        "<error-message>statement not found</error-message>\n"
	                        "</rpc-error>\n");
	buf_reset(&b);
	/* Everything escaped; the whole reply stays well-formed. */
	nc_reply_begin(&b, "7");
	nc_error_ex(&b, "rpc", "operation-not-supported", "error", "[edit a]]>]]>", "<x>",
	            "bad & \"worse\"\001");
	nc_reply_end(&b);
	UNIT_CHECK(strstr(buf_str(&b), "]]>") == NULL);
	xmlDocPtr d = nc_parse(b.b_data, b.b_len);
	UNIT_CHECK(d != NULL);
	xmlNodePtr e = nc_xml_child(xmlDocGetRootElement(d), "rpc-error");
	char *t = nc_xml_text(nc_xml_child(e, "error-message"));
	UNIT_STREQ(t, "bad & \"worse\"?");
	free(t);
	t = nc_xml_text(nc_xml_child(nc_xml_child(e, "error-info"), "bad-element"));
	UNIT_STREQ(t, "<x>");
	free(t);
	t = nc_xml_text(nc_xml_child(e, "error-tag"));
	UNIT_STREQ(t, "operation-not-supported");
	free(t);
	xmlFreeDoc(d);
	buf_free(&b);
}

static void
test_escape(void)
{
	struct buf b = BUF_INIT;

	xml_escape(&b, "plain text, tab\there\nnewline");
	UNIT_STREQ(buf_str(&b), "plain text, tab\there\nnewline");
	buf_reset(&b);
	xml_escape(&b, "<&>\"'\x1b\x7f\xc3\xa9");
	UNIT_STREQ(buf_str(&b), "&lt;&amp;&gt;&quot;&apos;?\x7f\xc3\xa9");
	buf_reset(&b);
	xml_escape(&b, NULL);
	UNIT_STREQ(buf_str(&b), "");
	buf_free(&b);
}

int
main(void)
{
	signal(SIGPIPE, SIG_IGN);
	UNIT_RUN(test_framer_split);
	UNIT_RUN(test_framer_several);
	UNIT_RUN(test_framer_oversize);
	UNIT_RUN(test_conn_split_and_reply);
	UNIT_RUN(test_conn_oversize);
	UNIT_RUN(test_conn_free_inside_callback);
	UNIT_RUN(test_conn_half_close);
	UNIT_RUN(test_conn_shutdown);
	UNIT_RUN(test_client_recv);
	UNIT_RUN(test_client_hello);
	UNIT_RUN(test_parse);
	UNIT_RUN(test_reply_message_id);
	UNIT_RUN(test_error_shape);
	UNIT_RUN(test_escape);
	xmlCleanupParser();
	return unit_exit();
}
