/*
 * testdaemon: a minimal configuration daemon, to test mgd's daemon protocol.
 *
 *   testdaemon --instance DIR [--name NAME] [--subtree "system"]... [--rpc NAME]...
 *              [--reject] [--reject-value VALUE] [--hang] [--log FILE]
 *
 * It registers with the instance's mgd, consuming the given subtrees (default
 * "system"), and answers:
 *   routemu-check-configuration  <ok/>, or an rpc-error when --reject is given or
 *                                when some value of its subtree equals the reject
 *                                value (default "reject-me"); --hang never answers
 *   routemu-apply-configuration  logs "apply N: <configuration ...>" and <ok/>
 *   any RPC given with --rpc     <testdaemon-information> with its name and the
 *                                number of applies so far
 * Every event is one line in the log file (default stdout), flushed at once.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "instance.h"
#include "netconf.h"

#define TD_MAX	32

static const char *td_name = "testdaemon";
static const char *td_subtrees[TD_MAX];
static size_t td_nsubtrees;
static const char *td_rpcs[TD_MAX];
static size_t td_nrpcs;
static const char *td_reject_value = "reject-me";
static int td_reject, td_hang;
static FILE *td_log;
static unsigned long td_applies;

static void
usage(void)
{
	fprintf(stderr, "usage: testdaemon --instance DIR [--name NAME] [--subtree PATH]...\n"
	    "       [--rpc NAME]... [--reject] [--reject-value VALUE] [--hang] [--log FILE]\n");
	exit(2);
}

static void
td_logf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
td_logf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(td_log, fmt, ap);
	va_end(ap);
	fputc('\n', td_log);
	fflush(td_log);
}

/* The first element (depth first) whose text is the reject value. */
static xmlNodePtr
td_find_value(xmlNodePtr n)
{
	for (xmlNodePtr c = nc_xml_first(n); c != NULL; c = nc_xml_next(c)) {
		xmlNodePtr hit;

		if (nc_xml_first(c) == NULL) {
			char *t = nc_xml_text(c);
			bool eq = t != NULL && strcmp(t, td_reject_value) == 0;

			free(t);
			if (eq)
				return c;
			continue;
		}
		if ((hit = td_find_value(c)) != NULL)
			return hit;
	}
	return NULL;
}

/* "[edit system]" for the element's parents below <configuration>. */
static void
td_edit_path(struct buf *b, xmlNodePtr n)
{
	xmlNodePtr chain[64];
	size_t depth = 0;

	for (xmlNodePtr p = n->parent; p != NULL && p->type == XML_ELEMENT_NODE &&
	    !nc_xml_is(p, "configuration") && depth < 64; p = p->parent)
		chain[depth++] = p;
	buf_puts(b, "[edit");
	while (depth-- > 0) {
		xmlNodePtr p = chain[depth];
		xmlNodePtr key = nc_xml_child(p, "name");

		buf_printf(b, " %s", (const char *)p->name);
		if (key != NULL && key != n) {
			char *t = nc_xml_text(key);
			buf_printf(b, " %s", t != NULL ? t : "");
			free(t);
		}
	}
	buf_puts(b, "]");
}

static void
td_reply(int fd, const char *msgid, const char *body)
{
	struct buf b = BUF_INIT;

	nc_reply_begin(&b, msgid);
	buf_puts(&b, body);
	nc_reply_end(&b);
	if (nc_client_send(fd, buf_str(&b)) == -1)
		td_logf("send failed: %s", strerror(errno));
	buf_free(&b);
}

static void
td_check(int fd, const char *msgid, xmlNodePtr op)
{
	xmlNodePtr conf = nc_xml_child(op, "configuration"), hit;
	struct buf b = BUF_INIT, path = BUF_INIT, msg = BUF_INIT;

	if (td_hang) {
		td_logf("check: not answering (--hang)");
		return;
	}
	if (td_reject) {
		nc_error(&b, "error", NULL, NULL, "testdaemon: configuration rejected (--reject)");
		td_logf("check: rejected");
	} else if (conf != NULL && (hit = td_find_value(conf)) != NULL) {
		char *t = nc_xml_text(hit);

		td_edit_path(&path, hit);
		buf_printf(&msg, "testdaemon: value '%s' is not supported", t);
		struct buf bad = BUF_INIT;

		buf_printf(&bad, "%s %s", (const char *)hit->name, t);
		nc_error(&b, "error", buf_str(&path), buf_str(&bad), buf_str(&msg));
		buf_free(&bad);
		td_logf("check: rejected %s %s", buf_str(&path), t);
		free(t);
	} else {
		buf_puts(&b, "<ok/>\n");
		td_logf("check: ok");
	}
	td_reply(fd, msgid, buf_str(&b));
	buf_free(&b);
	buf_free(&path);
	buf_free(&msg);
}

static void
td_apply(int fd, const char *msgid, xmlNodePtr op)
{
	xmlNodePtr conf = nc_xml_child(op, "configuration");
	xmlBufferPtr xb = xmlBufferCreate();

	td_applies++;
	if (conf != NULL && xb != NULL && xmlNodeDump(xb, conf->doc, conf, 0, 0) >= 0) {
		/* One line per event: the indentation between elements goes. */
		struct buf line = BUF_INIT;

		for (const char *p = (const char *)xmlBufferContent(xb); *p != '\0'; p++) {
			if (*p == '\n') {
				while (p[1] == ' ' || p[1] == '\t')
					p++;
				continue;
			}
			buf_putc(&line, *p);
		}
		td_logf("apply %lu: %s", td_applies, buf_str(&line));
		buf_free(&line);
	} else
		td_logf("apply %lu: (no configuration)", td_applies);
	if (xb != NULL)
		xmlBufferFree(xb);
	td_reply(fd, msgid, "<ok/>\n");
}

static void
td_operational(int fd, const char *msgid, xmlNodePtr op)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "<testdaemon-information>\n<name>");
	xml_escape(&b, td_name);
	buf_printf(&b, "</name>\n<rpc>%s</rpc>\n<applies>%lu</applies>\n"
	    "</testdaemon-information>\n", (const char *)op->name, td_applies);
	td_logf("rpc %s", (const char *)op->name);
	td_reply(fd, msgid, buf_str(&b));
	buf_free(&b);
}

int
main(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "instance", required_argument, NULL, 'i' },
		{ "name", required_argument, NULL, 'n' },
		{ "subtree", required_argument, NULL, 's' },
		{ "rpc", required_argument, NULL, 'r' },
		{ "reject", no_argument, NULL, 'R' },
		{ "reject-value", required_argument, NULL, 'v' },
		{ "hang", no_argument, NULL, 'H' },
		{ "log", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir = instance_dir_default(), *logpath = NULL;
	char sock[4096];
	struct buf b = BUF_INIT;
	int ch, fd;

	while ((ch = getopt_long(argc, argv, "i:n:s:r:Rv:Hl:", opts, NULL)) != -1) {
		switch (ch) {
		case 'i': dir = optarg; break;
		case 'n': td_name = optarg; break;
		case 's':
			if (td_nsubtrees < TD_MAX)
				td_subtrees[td_nsubtrees++] = optarg;
			break;
		case 'r':
			if (td_nrpcs < TD_MAX)
				td_rpcs[td_nrpcs++] = optarg;
			break;
		case 'R': td_reject = 1; break;
		case 'v': td_reject_value = optarg; break;
		case 'H': td_hang = 1; break;
		case 'l': logpath = optarg; break;
		default: usage();
		}
	}
	if (dir == NULL || optind != argc)
		usage();
	if (td_nsubtrees == 0)
		td_subtrees[td_nsubtrees++] = "system";
	td_log = stdout;
	if (logpath != NULL && (td_log = fopen(logpath, "a")) == NULL) {
		fprintf(stderr, "testdaemon: %s: %s\n", logpath, strerror(errno));
		return 1;
	}
	if (instance_path(sock, sizeof(sock), dir, INST_MGD_SOCK) == -1 ||
	    (fd = nc_client_open(sock)) == -1) {
		fprintf(stderr, "testdaemon: %s: %s\n", sock, strerror(errno));
		return 1;
	}
	if (nc_client_hello(fd, 5000, NULL) == -1) {
		fprintf(stderr, "testdaemon: no hello from mgd\n");
		return 1;
	}
	buf_puts(&b, "<rpc message-id=\"register\"><routemu-register-daemon><name>");
	xml_escape(&b, td_name);
	buf_puts(&b, "</name>");
	for (size_t i = 0; i < td_nsubtrees; i++) {
		buf_puts(&b, "<subtree>");
		xml_escape(&b, td_subtrees[i]);
		buf_puts(&b, "</subtree>");
	}
	for (size_t i = 0; i < td_nrpcs; i++) {
		buf_puts(&b, "<rpc>");
		xml_escape(&b, td_rpcs[i]);
		buf_puts(&b, "</rpc>");
	}
	buf_puts(&b, "</routemu-register-daemon></rpc>");
	if (nc_client_send(fd, buf_str(&b)) == -1) {
		fprintf(stderr, "testdaemon: register: %s\n", strerror(errno));
		return 1;
	}
	buf_free(&b);

	for (;;) {
		size_t len;
		char *msg = nc_client_recv_len(fd, -1, &len);
		xmlDocPtr doc;
		xmlNodePtr root, op;
		char *msgid;

		if (msg == NULL) {
			td_logf("mgd closed the session");
			break;
		}
		doc = nc_parse(msg, len);
		free(msg);
		if (doc == NULL) {
			td_logf("malformed message from mgd");
			continue;
		}
		root = xmlDocGetRootElement(doc);
		msgid = nc_message_id(doc);
		if (nc_xml_is(root, "rpc-reply")) {
			if (msgid != NULL && strcmp(msgid, "register") == 0)
				td_logf("registered as %s: %s", td_name,
				    nc_xml_child(root, "ok") != NULL ? "ok" : "error");
		} else if ((op = nc_rpc_op(doc)) != NULL) {
			if (nc_xml_is(op, "routemu-check-configuration"))
				td_check(fd, msgid, op);
			else if (nc_xml_is(op, "routemu-apply-configuration"))
				td_apply(fd, msgid, op);
			else
				td_operational(fd, msgid, op);
		}
		free(msgid);
		xmlFreeDoc(doc);
	}
	nc_client_close(fd);
	if (td_log != stdout)
		fclose(td_log);
	return 0;
}
