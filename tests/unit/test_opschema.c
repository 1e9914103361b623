/*
 * test_opschema: the loader of schema/op/ (lib/opschema.c) and the requests it
 * builds: the product files load, every word has help, the RPC names are the
 * reference's; command lines resolve (prefixes, arguments, levels, values checked
 * by the configuration types) or fail with the Junos message at the right word;
 * RPC elements parse back; broken command files are refused with FILE:LINE.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "opschema.h"
#include "render.h"
#include "unit.h"

static struct opschema *OS;

/* Split line on blanks into words (at most 32), in a static copy. */
static size_t
split(const char *line, char **w)
{
	static char copy[1024];
	size_t n = 0;
	char *save = NULL;

	snprintf(copy, sizeof(copy), "%s", line);
	for (char *t = strtok_r(copy, " ", &save); t != NULL && n < 32;
	    t = strtok_r(NULL, " ", &save))
		w[n++] = t;
	return n;
}

/* Parse line; on success the RPC XML, else "E<code>@<word>: <message>". */
static char *
parse(const char *line)
{
	char *w[32];
	size_t n = split(line, w);
	struct opsch_req r;
	struct opsch_error e;
	struct buf out = BUF_INIT;

	if (opschema_parse(OS, w, n, &r, &e) == -1) {
		buf_printf(&out, "E%d@%zu: %s", (int)e.oe_code, e.oe_word, e.oe_msg);
		UNIT_CHECK(r.rq_cmd == NULL && r.rq_values == NULL);
	} else {
		opsch_req_rpc_xml(&r, &out);
		opsch_req_free(&r);
	}
	return buf_steal(&out);
}

#define CHECK_PARSE(line, want) do {					\
	char *got_ = parse(line);					\
	UNIT_STREQ(got_, want);						\
	free(got_);							\
} while (0)

static void
check_help_everywhere(const struct opsch_node *n)
{
	if (n->on_word != NULL) {
		UNIT_CHECK(n->on_help != NULL && n->on_help[0] != '\0');
		if (n->on_help == NULL)
			fprintf(stderr, "no help: %s\n", n->on_word);
	}
	for (size_t i = 0; i < n->on_nchildren; i++) {
		UNIT_CHECK(n->on_children[i]->on_parent == n);
		if (i > 0)
			UNIT_CHECK(strcmp(n->on_children[i - 1]->on_word,
			    n->on_children[i]->on_word) < 0);
		check_help_everywhere(n->on_children[i]);
	}
}

static void
test_product_schema(void)
{
	static const struct {
		const char *path, *rpc, *reply, *daemon;
	} want[] = {
		{ "show version", "get-software-information", "software-information", "mgd" },
		{ "show system uptime", "get-system-uptime-information",
		    "system-uptime-information", "mgd" },
		{ "show system processes", "get-system-process-information",
		    "system-process-information", "mgd" },
		/* rpc-security-group-vpn.yang: junos:command and output containers */
		{ "show security group-vpn member ike security-associations",
		    "get-gvpn-ike-security-associations-information",
		    "ike-security-associations-information", "gkmd" },
		{ "show security group-vpn member ipsec security-associations",
		    "get-gvpn-security-associations-information",
		    "ipsec-security-associations-information", "gkmd" },
		{ "show security group-vpn member ipsec statistics",
		    "get-gvpn-ipsec-statistics-information",
		    "usp-ipsec-total-statistics-information", "gkmd" },
		/* rpc-clear-group-vpn.yang */
		{ "clear security group-vpn member ipsec security-associations",
		    "clear-gvpn-ipsec-security-association", NULL, "gkmd" },
		{ "clear security group-vpn member ipsec security-associations statistics",
		    "clear-gvpn-ipsec-security-association-statistics", NULL, "gkmd" },
		{ "clear security group-vpn member ipsec statistics",
		    "clear-gvpn-ipsec-statistics", NULL, "gkmd" },
		{ "clear security group-vpn member ike security-associations",
		    "clear-group-vpn-ike-security-associations", NULL, "gkmd" },
		{ "clear security group-vpn member group", "clear-gvpn-group-information",
		    NULL, "gkmd" },
	};

	if (OS == NULL)
		return;
	UNIT_CHECK(OS->os_ncmds == sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct opsch_cmd *c = opschema_find_rpc(OS, want[i].rpc);
		UNIT_CHECK(c != NULL);
		if (c == NULL) {
			fprintf(stderr, "missing RPC %s\n", want[i].rpc);
			continue;
		}
		UNIT_STREQ(c->cm_path, want[i].path);
		UNIT_STREQ(c->cm_daemon, want[i].daemon);
		if (want[i].reply != NULL)
			UNIT_STREQ(c->cm_reply, want[i].reply);
		else
			UNIT_CHECK(c->cm_reply == NULL);
	}
	UNIT_CHECK(opschema_find_rpc(OS, "get-nothing") == NULL);
	check_help_everywhere(OS->os_root);

	/* the tree: words, help, a command that continues into a longer one */
	const struct opsch_node *show = opsch_child(OS->os_root, "show");
	UNIT_CHECK(show != NULL && strcmp(show->on_help, "Show system information") == 0);
	UNIT_CHECK(show != NULL && show->on_cmd == NULL);
	const struct opsch_node *n = OS->os_root;
	const char *words[] = { "clear", "security", "group-vpn", "member", "ipsec",
	    "security-associations" };
	for (size_t i = 0; i < 6 && n != NULL; i++)
		n = opsch_child(n, words[i]);
	UNIT_CHECK(n != NULL && n->on_cmd != NULL && opsch_child(n, "statistics") != NULL);

	/* levels: ike has brief (default) and detail; show version only "normal" */
	const struct opsch_cmd *ike =
	    opschema_find_rpc(OS, "get-gvpn-ike-security-associations-information");
	const struct opsch_cmd *ver = opschema_find_rpc(OS, "get-software-information");
	if (ike != NULL && ver != NULL) {
		UNIT_CHECK(ike->cm_nlevels == 2);
		UNIT_STREQ(opsch_cmd_level(ike, NULL)->ol_name, "brief");
		UNIT_CHECK(opsch_cmd_level(ike, "detail") != NULL);
		UNIT_CHECK(opsch_cmd_level(ike, "normal") == NULL);
		UNIT_CHECK(ver->cm_nlevels == 1 && ver->cm_levels[0].ol_implicit);
		UNIT_STREQ(opsch_cmd_level(ver, NULL)->ol_name, "normal");
		/* types and help of arguments come from the YANG */
		UNIT_CHECK(ike->cm_nargs == 3);
		UNIT_STREQ(ike->cm_args[0].oa_name, "peer-address");
		UNIT_CHECK(ike->cm_args[0].oa_flags & OPSCH_F_NOKEYWORD);
		UNIT_CHECK(ike->cm_args[0].oa_leaf.sn_type.st_base == ST_IPADDR);
		UNIT_STREQ(ike->cm_args[0].oa_help, "IP address of the peer");
		UNIT_STREQ(sch_value_placeholder(&ike->cm_args[0].oa_leaf), "<peer-address>");
	}
}

static void
test_prefix_match(void)
{
	const struct opsch_node *m[4];

	if (OS == NULL)
		return;
	UNIT_CHECK(opsch_prefix_match(OS->os_root, "sh", m, 4) == 1);
	UNIT_STREQ(m[0]->on_word, "show");
	const struct opsch_node *show = opsch_child(OS->os_root, "show");
	UNIT_CHECK(opsch_prefix_match(show, "s", m, 4) == 2);	/* security, system */
	UNIT_CHECK(opsch_prefix_match(show, "zz", m, 4) == 0);
	UNIT_CHECK(opsch_prefix_match(show, "", m, 4) == show->on_nchildren);
}

static void
test_parse(void)
{
	if (OS == NULL)
		return;
	CHECK_PARSE("show version", "<get-software-information></get-software-information>");
	CHECK_PARSE("sh ver", "<get-software-information></get-software-information>");
	CHECK_PARSE("show system uptime",
	    "<get-system-uptime-information></get-system-uptime-information>");
	CHECK_PARSE("show system processes summary",
	    "<get-system-process-information><summary/></get-system-process-information>");
	/* arguments in declaration order whatever the typed order; level first */
	CHECK_PARSE("show security group-vpn member ike security-associations "
	    "index 5 detail 2001:DB8::1",
	    "<get-gvpn-ike-security-associations-information><detail/>"
	    "<peer-address>2001:db8::1</peer-address><index>5</index>"
	    "</get-gvpn-ike-security-associations-information>");
	CHECK_PARSE("sh sec gr mem ike sec 192.0.2.1 b",
	    "<get-gvpn-ike-security-associations-information><brief/>"
	    "<peer-address>192.0.2.1</peer-address>"
	    "</get-gvpn-ike-security-associations-information>");
	/* the CLI keyword `index` maps to the element the YANG names */
	CHECK_PARSE("show security group-vpn member ipsec security-associations index 10001 "
	    "group-id 1 service-set gvpn-service-set",
	    "<get-gvpn-security-associations-information>"
	    "<show-gvpn-index-ipsec-security-association>10001"
	    "</show-gvpn-index-ipsec-security-association><group-id>1</group-id>"
	    "<service-set>gvpn-service-set</service-set>"
	    "</get-gvpn-security-associations-information>");
	/* a command and a longer one */
	CHECK_PARSE("clear security group-vpn member ipsec security-associations",
	    "<clear-gvpn-ipsec-security-association></clear-gvpn-ipsec-security-association>");
	CHECK_PARSE("clear security group-vpn member ipsec security-associations statistics "
	    "group-id 7",
	    "<clear-gvpn-ipsec-security-association-statistics><group-id>7</group-id>"
	    "</clear-gvpn-ipsec-security-association-statistics>");
	CHECK_PARSE("clear security group-vpn member ike security-associations 10.0.0.1",
	    "<clear-group-vpn-ike-security-associations><peer-address>10.0.0.1"
	    "</peer-address></clear-group-vpn-ike-security-associations>");
	CHECK_PARSE("clear security group-vpn member group vpn \"a&b\"",
	    "<clear-gvpn-group-information><vpn>\"a&amp;b\"</vpn>"
	    "</clear-gvpn-group-information>");
}

static void
test_parse_errors(void)
{
	if (OS == NULL)
		return;
	CHECK_PARSE("", "E2@0: syntax error, expecting <command>.");
	CHECK_PARSE("bogus", "E1@0: unknown command.");
	CHECK_PARSE("show bogus", "E2@1: syntax error, expecting <command>.");
	CHECK_PARSE("show s", "E3@1: 's' is ambiguous.");
	CHECK_PARSE("show security", "E2@2: syntax error, expecting <command>.");
	CHECK_PARSE("show version extra", "E2@2: syntax error, expecting <command>.");
	CHECK_PARSE("show security group-vpn member ike security-associations detail brief",
	    "E2@7: syntax error, expecting <command>.");
	CHECK_PARSE("show security group-vpn member ike security-associations index",
	    "E4@7: missing argument.");
	CHECK_PARSE("show security group-vpn member ike security-associations index x",
	    "E5@7: number: 'x': Not a number");
	CHECK_PARSE("show security group-vpn member ike security-associations index 1 index 2",
	    "E2@8: syntax error, expecting <command>.");
	CHECK_PARSE("show security group-vpn member ike security-associations 10.0.0.1 10.0.0.2",
	    "E2@7: syntax error, expecting <command>.");
	CHECK_PARSE("show security group-vpn member ike security-associations 10.0.0",
	    "E5@6: Invalid IP address");
	CHECK_PARSE("show security group-vpn member ipsec security-associations index 5",
	    "E5@7: Value 5 is not within range (10001..20000)");
	CHECK_PARSE("show security group-vpn member ipsec statistics service-set -x",
	    "E5@7: Must be a string beginning with a number or letter and consisting of no "
	    "more than 63 total letters, numbers, dashes and underscores.");
	/* "s" before the level is typed: service-set and nothing else */
	CHECK_PARSE("show security group-vpn member ike security-associations s x",
	    "<get-gvpn-ike-security-associations-information><service-set>x</service-set>"
	    "</get-gvpn-ike-security-associations-information>");
	/* a word that starts both a longer command and an option */
	CHECK_PARSE("clear security group-vpn member ipsec security-associations s x",
	    "E3@6: 's' is ambiguous.");
	CHECK_PARSE("clear security group-vpn member ipsec security-associations st",
	    "<clear-gvpn-ipsec-security-association-statistics>"
	    "</clear-gvpn-ipsec-security-association-statistics>");
	CHECK_PARSE("clear security group-vpn member ipsec security-associations se x",
	    "<clear-gvpn-ipsec-security-association><service-set>x</service-set>"
	    "</clear-gvpn-ipsec-security-association>");
	CHECK_PARSE("clear security group-vpn member group vpn "
	    "abcdefghijklmnopqrstuvwxyz0123456",
	    "E5@6: Must be a string of 32 characters or less");
}

static void
test_req_helpers(void)
{
	char *w[32];
	size_t n;
	struct opsch_req r;
	struct opsch_error e;
	struct buf b = BUF_INIT;

	if (OS == NULL)
		return;
	n = split("sh sec group mem ike sec det ind 3 1.2.3.4", w);
	UNIT_CHECK(opschema_parse(OS, w, n, &r, &e) == 0);
	if (r.rq_cmd == NULL)
		return;
	UNIT_STREQ(opsch_req_value(&r, "index"), "3");
	UNIT_STREQ(opsch_req_value(&r, "peer-address"), "1.2.3.4");
	UNIT_CHECK(opsch_req_value(&r, "service-set") == NULL);
	UNIT_CHECK(opsch_req_value(&r, "nonsense") == NULL);
	UNIT_STREQ(opsch_req_level(&r)->ol_name, "detail");
	opsch_req_line(&r, &b);
	UNIT_STREQ(buf_str(&b),
	    "show security group-vpn member ike security-associations 1.2.3.4 index 3 detail");
	opsch_req_free(&r);
	buf_reset(&b);
	n = split("show security group-vpn member ike security-associations", w);
	UNIT_CHECK(opschema_parse(OS, w, n, &r, &e) == 0);
	UNIT_CHECK(r.rq_level == NULL);
	UNIT_STREQ(opsch_req_level(&r)->ol_name, "brief");
	opsch_req_free(&r);
	buf_free(&b);
}

static int
parse_rpc(const char *xml, struct opsch_req *r, struct opsch_error *e)
{
	xmlDocPtr d = xmlReadMemory(xml, (int)strlen(xml), "rpc.xml", NULL, XML_PARSE_NONET);
	int rc;

	if (d == NULL)
		return -2;
	rc = opschema_parse_rpc(OS, xmlDocGetRootElement(d), r, e);
	xmlFreeDoc(d);
	return rc;
}

static void
test_parse_rpc(void)
{
	struct opsch_req r;
	struct opsch_error e;
	struct buf b = BUF_INIT;

	if (OS == NULL)
		return;
	UNIT_CHECK(parse_rpc("<get-gvpn-ike-security-associations-information>\n"
	    "  <detail/>\n  <peer-address>\n10.1.1.1\n</peer-address>\n"
	    "</get-gvpn-ike-security-associations-information>", &r, &e) == 0);
	UNIT_STREQ(opsch_req_level(&r)->ol_name, "detail");
	UNIT_STREQ(opsch_req_value(&r, "peer-address"), "10.1.1.1");
	opsch_req_rpc_xml(&r, &b);
	UNIT_STREQ(buf_str(&b), "<get-gvpn-ike-security-associations-information><detail/>"
	    "<peer-address>10.1.1.1</peer-address>"
	    "</get-gvpn-ike-security-associations-information>");
	opsch_req_free(&r);
	UNIT_CHECK(parse_rpc("<get-gvpn-security-associations-information>"
	    "<show-gvpn-index-ipsec-security-association>10002"
	    "</show-gvpn-index-ipsec-security-association>"
	    "</get-gvpn-security-associations-information>", &r, &e) == 0);
	UNIT_STREQ(opsch_req_value(&r, "index"), "10002");
	opsch_req_free(&r);
	UNIT_CHECK(parse_rpc("<get-software-information/>", &r, &e) == 0);
	UNIT_STREQ(r.rq_cmd->cm_path, "show version");
	opsch_req_free(&r);
	/* refused: unknown RPC, unknown argument, bad value, twice the same */
	UNIT_CHECK(parse_rpc("<get-nothing/>", &r, &e) == -1 && e.oe_code == OPSCH_E_UNKNOWN);
	UNIT_CHECK(parse_rpc("<get-software-information><bogus/></get-software-information>",
	    &r, &e) == -1 && e.oe_code == OPSCH_E_SYNTAX);
	UNIT_STREQ(e.oe_msg, "bogus");
	UNIT_CHECK(parse_rpc("<get-gvpn-ipsec-statistics-information><fpc>-1</fpc>"
	    "</get-gvpn-ipsec-statistics-information>", &r, &e) == -1 &&
	    e.oe_code == OPSCH_E_VALUE);
	UNIT_CHECK(parse_rpc("<get-gvpn-ipsec-statistics-information><fpc>1</fpc><fpc>2</fpc>"
	    "</get-gvpn-ipsec-statistics-information>", &r, &e) == -1);
	UNIT_CHECK(parse_rpc("<get-gvpn-ike-security-associations-information><brief/><detail/>"
	    "</get-gvpn-ike-security-associations-information>", &r, &e) == -1);
	UNIT_CHECK(r.rq_cmd == NULL);
	buf_free(&b);
}

/* ---- broken command files ---- */

static char tmpdir[256];

static void
write_file(const char *name, const char *body)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	if (f == NULL)
		return;
	fputs(body, f);
	fclose(f);
}

static void
clear_dir(void)
{
	const char *names[] = { "10-a.xml", "20-b.xml" };
	char path[512];

	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", tmpdir, names[i]);
		unlink(path);
	}
}

#define HEAD "<?xml version=\"1.0\"?>\n<opschema xmlns=\"urn:routemu:opschema:1\">\n" \
	"<menu path=\"show\" help=\"Show system information\"/>\n"
#define TAIL "</opschema>\n"

/* Load the temporary directory; return the error (static), or NULL if it loads. */
static const char *
load_err(const char *a, const char *b)
{
	static char err[512];
	struct opschema *s;

	clear_dir();
	write_file("10-a.xml", a);
	if (b != NULL)
		write_file("20-b.xml", b);
	s = opschema_load_dir(tmpdir, err, sizeof(err));
	if (s == NULL)
		return err;
	opschema_free(s);
	return NULL;
}

#define CHECK_LOAD_ERR(a, b, want) do {					\
	const char *e_ = load_err(a, b);					\
	if (e_ == NULL || strstr(e_, want) == NULL)			\
		fprintf(stderr, "load: got '%s', want '%s'\n",		\
		    e_ ? e_ : "(loaded)", want);			\
	UNIT_CHECK(e_ != NULL && strstr(e_, want) != NULL);		\
} while (0)

static void
test_load_errors(void)
{
	const char *cmd = "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\"/>\n";
	char buf[2048];

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_opschema.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		UNIT_CHECK(0);
		return;
	}
	/* a good minimal file loads; the same command in a second file does not */
	snprintf(buf, sizeof(buf), HEAD "%s" TAIL, cmd);
	UNIT_CHECK(load_err(buf, NULL) == NULL);
	CHECK_LOAD_ERR(buf, buf, "20-b.xml:4: command \"show x\" already defined in 10-a.xml");
	CHECK_LOAD_ERR("<?xml version=\"1.0\"?>\n<opschema xmlns=\"urn:routemu:opschema:1\">\n"
	    "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\"/>\n" TAIL, NULL,
	    "\"show\" has no help text");
	CHECK_LOAD_ERR(HEAD "<menu path=\"show\" help=\"Other\"/>\n" TAIL, NULL,
	    "10-a.xml:4: \"show\" already has another help text");
	CHECK_LOAD_ERR("<?xml version=\"1.0\"?>\n<opschema>\n" TAIL, NULL,
	    "10-a.xml:2: the root is <opschema xmlns=\"urn:routemu:opschema:1\">");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\"" TAIL, NULL, "10-a.xml:");
	CHECK_LOAD_ERR(HEAD "<bogus/>\n" TAIL, NULL, "10-a.xml:4: unknown element <bogus>");
	CHECK_LOAD_ERR(HEAD "<menu path=\"show y\" help=\"Y\" colour=\"red\"/>\n" TAIL, NULL,
	    "10-a.xml:4: unknown attribute colour= on <menu>");
	CHECK_LOAD_ERR(HEAD "<menu path=\"show Y\" help=\"Y\"/>\n" TAIL, NULL,
	    "bad word \"Y\"");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\"/>\n" TAIL, NULL,
	    "<command> needs path=, help=, rpc= and daemon=");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\">"
	    "<level name=\"brief\" help=\"B\"/><format level=\"brief\"/></command>\n" TAIL,
	    NULL, "a <format> needs reply=");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\""
	    " reply=\"x\"><level name=\"brief\" help=\"B\"/><format level=\"brief\"/>"
	    "</command>\n" TAIL, NULL, "no <format> for level \"normal\"");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\""
	    " reply=\"x\"><format level=\"detail\"/></command>\n" TAIL, NULL,
	    "<format> for level \"detail\", which is not declared");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\""
	    " reply=\"x\"><format/><format/></command>\n" TAIL, NULL,
	    "two <format>s for level \"normal\"");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\""
	    " reply=\"x\">\n<format>\n<line>{a</line></format></command>\n" TAIL, NULL,
	    "10-a.xml:6: unterminated field");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\">"
	    "<level name=\"a\" help=\"A\" default=\"true\"/>"
	    "<level name=\"b\" help=\"B\" default=\"true\"/></command>\n" TAIL, NULL,
	    "two default levels");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\">"
	    "<arg name=\"a\" help=\"A\" type=\"uint8\"/><arg name=\"a\" help=\"A\" type=\"empty\"/>"
	    "</command>\n" TAIL, NULL, "argument \"a\" defined twice");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\">"
	    "<arg name=\"a\" help=\"A\" type=\"empty\" nokeyword=\"true\"/></command>\n" TAIL,
	    NULL, "a toggle (type empty) is its keyword");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\">"
	    "<arg name=\"a\" help=\"A\" type=\"float\"/></command>\n" TAIL, NULL,
	    "unknown type \"float\"");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\">"
	    "<arg name=\"a\" help=\"A\" type=\"uint8\" range=\"9..1\"/></command>\n" TAIL, NULL,
	    "bad range \"9..1\"");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\">"
	    "<arg name=\"a\" help=\"A\" type=\"string\"><pattern posix=\"(\"/></arg>"
	    "</command>\n" TAIL, NULL, "bad pattern \"(\"");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\">"
	    "<arg name=\"a\" help=\"A\" type=\"uint8\" nokeyword=\"yes\"/></command>\n" TAIL,
	    NULL, "nokeyword=\"yes\": true or false");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"get-x\" daemon=\"mgd\">"
	    "<level name=\"a\" help=\"A\"/><arg name=\"a\" help=\"A\" type=\"empty\"/>"
	    "</command>\n" TAIL, NULL, "is both an argument and a level");
	snprintf(buf, sizeof(buf), HEAD "%s<command path=\"show y\" help=\"Y\" rpc=\"get-x\""
	    " daemon=\"mgd\"/>\n" TAIL, cmd);
	CHECK_LOAD_ERR(buf, NULL, "RPC get-x serves both");
	CHECK_LOAD_ERR(HEAD "<command path=\"show x\" help=\"X\" rpc=\"Get X\" daemon=\"mgd\"/>\n"
	    TAIL, NULL, "bad rpc= or reply= element name");
	clear_dir();
	{
		char err[256];
		UNIT_CHECK(opschema_load_dir(tmpdir, err, sizeof(err)) == NULL);
		UNIT_CHECK(strstr(err, "no command files") != NULL);
		UNIT_CHECK(opschema_load_dir("/nonexistent/op", err, sizeof(err)) == NULL);
	}
	rmdir(tmpdir);
}

/* A mandatory argument, a toggle, a hidden command: on a small file. */
static void
test_small_schema(void)
{
	struct opschema *s;
	char err[512], *w[8];
	struct opsch_req r;
	struct opsch_error e;
	struct buf b = BUF_INIT;
	const struct opsch_node *m[2];

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/test_opschema.XXXXXX");
	if (mkdtemp(tmpdir) == NULL) {
		UNIT_CHECK(0);
		return;
	}
	write_file("10-a.xml", HEAD
	    "<command path=\"show log\" help=\"Show log\" rpc=\"get-log\" daemon=\"mgd\">"
	    "<arg name=\"filename\" help=\"File\" type=\"string\" nokeyword=\"true\""
	    " mandatory=\"true\" placeholder=\"&lt;filename&gt;\"/>"
	    "<arg name=\"no-more\" help=\"No pager\" type=\"empty\" element=\"no_more\"/>"
	    "<arg name=\"lines\" help=\"Lines\" type=\"union\"><type name=\"uint16\""
	    " range=\"1..100\"/><type name=\"string\"/></arg></command>\n"
	    "<command path=\"show secret\" help=\"S\" rpc=\"get-secret\" daemon=\"mgd\""
	    " hidden=\"true\"/>\n" TAIL);
	s = opschema_load_dir(tmpdir, err, sizeof(err));
	UNIT_CHECK(s != NULL);
	if (s == NULL) {
		fprintf(stderr, "%s\n", err);
		goto done;
	}
	struct opschema *save = OS;
	OS = s;
	CHECK_PARSE("show log", "E4@2: missing argument.");
	CHECK_PARSE("show log no-more", "E4@3: missing argument.");
	CHECK_PARSE("show log messages no", "<get-log><filename>messages</filename>"
	    "<no_more/></get-log>");
	CHECK_PARSE("show log messages lines 5", "<get-log><filename>messages</filename>"
	    "<lines>5</lines></get-log>");
	/* hidden: only typed in full */
	CHECK_PARSE("show se", "E2@1: syntax error, expecting <command>.");
	CHECK_PARSE("show secret", "<get-secret></get-secret>");
	OS = save;
	UNIT_CHECK(opsch_prefix_match(opsch_child(s->os_root, "show"), "se", m, 2) == 0);
	UNIT_CHECK(opsch_prefix_match(opsch_child(s->os_root, "show"), "secret", m, 2) == 1);
	const struct opsch_cmd *c = opschema_find_rpc(s, "get-log");
	UNIT_STREQ(sch_value_placeholder(&c->cm_args[0].oa_leaf), "<filename>");
	/* a line with a value to quote */
	w[0] = "show";
	w[1] = "log";
	w[2] = "my file";
	UNIT_CHECK(opschema_parse(s, w, 3, &r, &e) == 0);
	opsch_req_line(&r, &b);
	UNIT_STREQ(buf_str(&b), "show log \"my file\"");
	opsch_req_free(&r);
	buf_free(&b);
	opschema_free(s);
done:
	clear_dir();
	rmdir(tmpdir);
}

static void
test_load_default(void)
{
	char err[512], dir[4200];
	struct opschema *s;
	const char *op = UNIT_OP_SCHEMA();
	char *old = getenv("ROUTEMU_SCHEMA_DIR") ? strdup(getenv("ROUTEMU_SCHEMA_DIR")) : NULL;

	/* ROUTEMU_SCHEMA_DIR names the configuration schema; op/ is inside */
	snprintf(dir, sizeof(dir), "%s/..", op);
	setenv("ROUTEMU_SCHEMA_DIR", dir, 1);
	s = opschema_load_default(err, sizeof(err));
	UNIT_CHECK(s != NULL);
	opschema_free(s);
	setenv("ROUTEMU_SCHEMA_DIR", "/nonexistent", 1);
	UNIT_CHECK(opschema_load_default(err, sizeof(err)) == NULL);
	if (old != NULL)
		setenv("ROUTEMU_SCHEMA_DIR", old, 1);
	else
		unsetenv("ROUTEMU_SCHEMA_DIR");
	free(old);
}

int
main(void)
{
	char err[512];

	OS = opschema_load_dir(UNIT_OP_SCHEMA(), err, sizeof(err));
	if (OS == NULL)
		fprintf(stderr, "%s: %s\n", UNIT_OP_SCHEMA(), err);
	UNIT_CHECK(OS != NULL);
	UNIT_RUN(test_product_schema);
	UNIT_RUN(test_prefix_match);
	UNIT_RUN(test_parse);
	UNIT_RUN(test_parse_errors);
	UNIT_RUN(test_req_helpers);
	UNIT_RUN(test_parse_rpc);
	UNIT_RUN(test_load_errors);
	UNIT_RUN(test_small_schema);
	UNIT_RUN(test_load_default);
	opschema_free(OS);
	xmlCleanupParser();
	return unit_exit();
}
