/*
 * fuzz_netconf_rpc: what a NETCONF client can send mgd. The input is a byte
 * stream: its first byte picks the read size (so the delimiter lands across
 * reads at every offset), the rest goes through the framer; each message is
 * parsed as XML, answered the way mgd answers (message-id echoed, <rpc-error>),
 * and any <configuration> element in it goes through conf_parse_xml.
 *
 * Checked beyond "no crash":
 *   - the reply is well-formed, never contains the delimiter, and echoes the
 *     request's message-id exactly;
 *   - an accepted <configuration>, printed as XML, parses back to the same tree.
 */
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "fuzz_common.h"
#include "netconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerInitialize(int *, char ***);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_schema();
	xmlInitParser();
	return 0;
}

/* The first <configuration> at or under n, depth-first, bounded. */
static xmlNodePtr
find_configuration(xmlNodePtr n, int depth)
{
	if (n == NULL || depth > 8)
		return NULL;
	if (nc_xml_is(n, "configuration"))
		return n;
	for (xmlNodePtr c = nc_xml_first(n); c != NULL; c = nc_xml_next(c)) {
		xmlNodePtr r = find_configuration(c, depth + 1);
		if (r != NULL)
			return r;
	}
	return NULL;
}

static void
check_reply(xmlDocPtr req)
{
	xmlNodePtr op = nc_rpc_op(req);
	char *id = nc_message_id(req);
	char *text = op != NULL ? nc_xml_text(op) : NULL;
	struct buf b = BUF_INIT;

	nc_reply_begin(&b, id);
	nc_error(&b, "error", "[edit]", op != NULL ? (const char *)op->name : NULL,
	         text != NULL ? text : "syntax error");
	nc_reply_end(&b);
	FUZZ_ASSERT(strstr(buf_str(&b), NC_DELIM) == NULL, "delimiter in reply:\n%s", buf_str(&b));
	xmlDocPtr rep = nc_parse(b.b_data, b.b_len);
	FUZZ_ASSERT(rep != NULL, "reply is not well-formed:\n%s", buf_str(&b));
	char *rid = nc_message_id(rep);
	FUZZ_ASSERT((id == NULL && rid == NULL) ||
	                (id != NULL && rid != NULL && strcmp(id, rid) == 0),
	            "message-id not echoed: sent [%s], reply has [%s]", id ? id : "(none)",
	            rid ? rid : "(none)");
	free(rid);
	xmlFreeDoc(rep);
	buf_free(&b);
	free(text);
	free(id);
}

static void
check_configuration(xmlNodePtr cfg)
{
	const struct schema *s = fuzz_schema();
	struct buf errs = BUF_INIT, out = BUF_INIT;
	struct conf_node *root = conf_new(s);

	if (conf_parse_xml(root, cfg, &errs) == 0) {
		conf_print_text(&out, root, 0, 0);
		buf_reset(&out);
		if (fuzz_roundtrip()) {
			conf_print_xml(&out, root, NULL, 0);
			xmlDocPtr d = nc_parse(out.b_data, out.b_len);
			FUZZ_ASSERT(d != NULL, "printed XML is not well-formed:\n%s",
			            buf_str(&out));
			struct conf_node *again = conf_new(s);
			buf_reset(&errs);
			int n2 = conf_parse_xml(again, xmlDocGetRootElement(d), &errs);
			FUZZ_ASSERT(n2 == 0,
			            "printed XML does not parse back:\n%s\n--- errors:\n%s",
			            buf_str(&out), buf_str(&errs));
			FUZZ_ASSERT(conf_equal(root, again, true),
			            "printed XML parses back differently:\n%s", buf_str(&out));
			conf_free(again);
			xmlFreeDoc(d);
		}
	}
	conf_free(root);
	buf_free(&out);
	buf_free(&errs);
}

static int
on_message(const char *msg, size_t len, void *arg)
{
	int *count = arg;
	xmlDocPtr doc;

	/* NUL bytes may be inside (a peer can send anything); the end is terminated. */
	FUZZ_ASSERT(msg[len] == '\0', "framer: message of %zu bytes not terminated", len);
	FUZZ_ASSERT(memmem(msg, len, NC_DELIM, NC_DELIM_LEN) == NULL,
	            "framer: delimiter inside a message");
	if (++*count > 64)
		return 1;
	if ((doc = nc_parse(msg, len)) == NULL)
		return 0;
	check_reply(doc);
	xmlNodePtr cfg = find_configuration(xmlDocGetRootElement(doc), 0);
	if (cfg != NULL)
		check_configuration(cfg);
	xmlFreeDoc(doc);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nc_framer f;
	size_t chunk, off;
	int count = 0;

	if (size < 1 || size > FUZZ_MAX_INPUT)
		return 0;
	chunk = 1 + data[0] % 64;
	data++;
	size--;
	/* A small maximum so that the oversize path is reachable too. */
	nc_framer_init(&f, 32 * 1024);
	for (off = 0; off < size; off += chunk) {
		size_t n = size - off < chunk ? size - off : chunk;

		if (nc_framer_feed(&f, (const char *)data + off, n, on_message, &count) == -1)
			break;
		if (count > 64)
			break;
	}
	nc_framer_free(&f);
	return 0;
}
