/*
 * test_render: the operational renderer (lib/render.c).
 *
 * - golden cases: every reply of tests/unit/data/render/ rendered with the
 *   templates of schema/op/ gives its Junos text byte for byte (CASES lists them),
 *   and every output level of every command with a template has a case;
 * - the template language on small inline templates: columns, widths, filters,
 *   conditions, repeated blocks, headers, joins, and its compile errors;
 * - the views of `| display xml`, `| display xml rpc` and `| display json`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "opschema.h"
#include "render.h"
#include "unit.h"

static struct opschema *OS;

static const char *
src_path(const char *envname, const char *sub_env, const char *sub_src)
{
	static char path[2][4096];
	static int k;
	const char *env = getenv(envname), *srcdir = getenv("srcdir");
	char *p = path[k++ & 1];

	if (env != NULL)
		snprintf(p, 4096, "%s/%s", env, sub_env);
	else if (srcdir != NULL)
		snprintf(p, 4096, "%s/%s", srcdir, sub_src);
	else {
		/* From the source file's place: tests/unit/ -> the repository. */
		snprintf(p, 4096, "%s", __FILE__);
		char *slash = strrchr(p, '/');
		if (slash == NULL)
			snprintf(p, 4096, "../../%s", sub_src);
		else {
			*slash = '\0';
			size_t len = strlen(p);
			snprintf(p + len, 4096 - len, "/../../%s", sub_src);
		}
	}
	return p;
}

static const char *
data_file(const char *name)
{
	char sub[512], sub2[512];

	snprintf(sub, sizeof(sub), "render/%s", name);
	snprintf(sub2, sizeof(sub2), "tests/unit/data/render/%s", name);
	return src_path("ROUTEMU_TESTDATA", sub, sub2);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return b.b_data != NULL ? buf_steal(&b) : strdup("");
}

static xmlDocPtr
parse_str(const char *s)
{
	return xmlReadMemory(s, (int)strlen(s), "inline.xml", NULL, XML_PARSE_NONET);
}

/* Render xml (a reply) with an inline template (the children of <format>). */
static char *
render_inline(const char *tmpl, const char *xml)
{
	char src[8192], err[256];
	xmlDocPtr td, xd;
	struct render_tmpl *t;
	struct buf out = BUF_INIT;

	snprintf(src, sizeof(src), "<format>%s</format>", tmpl);
	td = parse_str(src);
	xd = parse_str(xml);
	if (td == NULL || xd == NULL) {
		fprintf(stderr, "inline XML not well-formed\n");
		xmlFreeDoc(td);
		xmlFreeDoc(xd);
		return NULL;
	}
	t = render_compile(xmlDocGetRootElement(td), err, sizeof(err));
	if (t == NULL) {
		fprintf(stderr, "compile: %s\n", err);
		xmlFreeDoc(td);
		xmlFreeDoc(xd);
		return NULL;
	}
	render_tmpl_text(t, xmlDocGetRootElement(xd), &out);
	render_tmpl_free(t);
	xmlFreeDoc(td);
	xmlFreeDoc(xd);
	return out.b_data != NULL ? buf_steal(&out) : strdup("");
}

/* The compile error of an inline template, or NULL when it compiles. */
static char *
compile_error(const char *tmpl)
{
	static char err[256];
	char src[4096];
	xmlDocPtr td;
	struct render_tmpl *t;

	snprintf(src, sizeof(src), "<format>\n%s</format>", tmpl);
	if ((td = parse_str(src)) == NULL)
		return NULL;
	t = render_compile(xmlDocGetRootElement(td), err, sizeof(err));
	xmlFreeDoc(td);
	if (t != NULL) {
		render_tmpl_free(t);
		return NULL;
	}
	return err;
}

/* ---- golden cases ---- */

struct seen_level {
	const struct opsch_cmd	*sl_cmd;
	const char		*sl_level;
};

static struct seen_level seen[128];
static size_t nseen;

static void
test_golden(void)
{
	char *cases = slurp(data_file("CASES")), *save = NULL, *line;
	size_t ncases = 0;

	UNIT_CHECK(cases != NULL);
	if (cases == NULL || OS == NULL)
		return;
	for (line = strtok_r(cases, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char name[128], rpc[128], level[64], xmlname[160], txtname[160];
		const struct opsch_cmd *cmd;
		const struct opsch_level *lv;
		struct buf out = BUF_INIT;

		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (sscanf(line, "%127s %127s %63s", name, rpc, level) != 3) {
			fprintf(stderr, "CASES: bad line '%s'\n", line);
			UNIT_CHECK(0);
			continue;
		}
		ncases++;
		cmd = opschema_find_rpc(OS, rpc);
		if (cmd == NULL) {
			fprintf(stderr, "%s: no command for RPC %s\n", name, rpc);
			UNIT_CHECK(0);
			continue;
		}
		lv = opsch_cmd_level(cmd, strcmp(level, "-") == 0 ? NULL : level);
		if (lv == NULL) {
			fprintf(stderr, "%s: %s has no level %s\n", name, cmd->cm_path, level);
			UNIT_CHECK(0);
			continue;
		}
		if (nseen < sizeof(seen) / sizeof(seen[0])) {
			seen[nseen].sl_cmd = cmd;
			seen[nseen++].sl_level = lv->ol_name;
		}
		snprintf(xmlname, sizeof(xmlname), "%s.xml", name);
		snprintf(txtname, sizeof(txtname), "%s.txt", name);
		char *want = slurp(data_file(txtname));
		xmlDocPtr doc = xmlReadFile(data_file(xmlname), NULL, XML_PARSE_NONET);
		if (want == NULL || doc == NULL) {
			fprintf(stderr, "%s: missing or bad %s / %s\n", name, xmlname, txtname);
			UNIT_CHECK(0);
			free(want);
			xmlFreeDoc(doc);
			continue;
		}
		int rc = render_reply(cmd, strcmp(level, "-") == 0 ? NULL : level,
		    xmlDocGetRootElement(doc), &out);
		if (rc != 0 || strcmp(buf_str(&out), want) != 0)
			fprintf(stderr, "golden case %s (%s, level %s):\n", name, cmd->cm_path,
			    lv->ol_name);
		UNIT_CHECK(rc == 0);
		UNIT_STREQ(buf_str(&out), want);
		buf_free(&out);
		free(want);
		xmlFreeDoc(doc);
	}
	free(cases);
	UNIT_CHECK(ncases >= 20);
}

/* Every level of every command that has templates is covered by a golden case. */
static void
test_golden_coverage(void)
{
	size_t templated = 0;

	if (OS == NULL)
		return;
	for (size_t i = 0; i < OS->os_ncmds; i++) {
		const struct opsch_cmd *c = OS->os_cmds[i];
		for (size_t j = 0; j < c->cm_nlevels; j++) {
			bool found = false;
			if (c->cm_levels[j].ol_tmpl == NULL)
				continue;
			templated++;
			for (size_t k = 0; k < nseen; k++)
				if (seen[k].sl_cmd == c &&
				    strcmp(seen[k].sl_level, c->cm_levels[j].ol_name) == 0)
					found = true;
			if (!found)
				fprintf(stderr, "no golden case for '%s' level %s\n", c->cm_path,
				    c->cm_levels[j].ol_name);
			UNIT_CHECK(found);
		}
	}
	UNIT_CHECK(templated >= 10);
}

/* ---- the template language ---- */

static void
test_fields(void)
{
	char *s;

	s = render_inline("<line>a={a} b=[{%5s b}] c=[{%-5s c}] d=[{%.3s d}] e=[{e}]</line>",
	    "<r><a>x</a><b>12</b><c>ab</c><d>abcdef</d></r>");
	UNIT_STREQ(s, "a=x b=[   12] c=[ab   ] d=[abc] e=[]\n");
	free(s);
	/* values lose the white space around them, keep the one inside */
	s = render_inline("<line>[{a}]</line>", "<r><a>\n  two  words \n</a></r>");
	UNIT_STREQ(s, "[two  words]\n");
	free(s);
	/* default= when absent (not when empty), capitalize, braces */
	s = render_inline("<line>{a|default=N/A} {b|default=-} {c|capitalize} {{x}}</line>",
	    "<r><b></b><c>responder</c></r>");
	UNIT_STREQ(s, "N/A  Responder {x}\n");
	free(s);
	/* attributes by local name (junos:seconds and seconds alike), parents, self */
	s = render_inline("<foreach select=\"t/u\"><line>{@s} {../@k} {.} {../../v}</line>"
	    "</foreach>",
	    "<r xmlns:junos=\"urn:j\"><v>V</v><t k=\"K\"><u junos:s=\"1\">a</u><u s=\"2\">b</u>"
	    "</t></r>");
	UNIT_STREQ(s, "1 K a V\n2 K b V\n");
	free(s);
	/* widths count characters, not bytes */
	s = render_inline("<line>[{%-4s a}]</line>", "<r><a>\xc3\xa9t\xc3\xa9</a></r>");
	UNIT_STREQ(s, "[\xc3\xa9t\xc3\xa9 ]\n");
	free(s);
	/* namespaces of the reply do not matter */
	s = render_inline("<line>{a/b}</line>", "<r xmlns=\"urn:x\"><a><b>ns</b></a></r>");
	UNIT_STREQ(s, "ns\n");
	free(s);
}

static void
test_columns(void)
{
	char *s;

	/* to the column; one blank when what is before reaches or passes it */
	s = render_inline("<line>{a}{@4 b}{@8 c}</line>",
	    "<r><a>1</a><b>2</b><c>3</c></r>");
	UNIT_STREQ(s, "1   2   3\n");
	free(s);
	s = render_inline("<line>{a}{@4 b}{@8 c}</line>",
	    "<r><a>1234</a><b>5678</b><c>9</c></r>");
	UNIT_STREQ(s, "1234 5678 9\n");
	free(s);
	s = render_inline("<line>{a}{@4 b}{@8 c}</line>",
	    "<r><a>12345</a><b>6</b><c>7</c></r>");
	UNIT_STREQ(s, "12345 6 7\n");
	free(s);
	/* column and width: trailing blanks kept; {@N} alone only moves */
	s = render_inline("<line>{a}{@3%-4s b}|</line><line>ab{@5}c</line>",
	    "<r><a>1</a><b>2</b></r>");
	UNIT_STREQ(s, "1  2   |\nab   c\n");
	free(s);
}

static void
test_conditions(void)
{
	char *s;
	const char *xml = "<r><a>1</a><b>x</b><e/></r>";

	s = render_inline("<line if=\"a\">a</line><line if=\"z\">z</line>"
	    "<line if=\"!z\">!z</line><line if=\"e\">e</line>"
	    "<line if=\"a = '1'\">a=1</line><line if=\"a = '2'\">a=2</line>"
	    "<line if=\"a != '2'\">a!=2</line><line if=\"z != '2'\">z!=2</line>"
	    "<line if=\"a &amp;&amp; z\">and</line><line if=\"a || z\">or</line>"
	    "<line if=\"!(a &amp;&amp; z) &amp;&amp; b = &quot;x&quot;\">paren</line>", xml);
	UNIT_STREQ(s, "a\n!z\ne\na=1\na!=2\nor\nparen\n");
	free(s);
	s = render_inline("<if test=\"b\"><line>in</line><if test=\"z\"><line>no</line></if>"
	    "</if>", xml);
	UNIT_STREQ(s, "in\n");
	free(s);
}

static void
test_blocks(void)
{
	char *s;
	const char *xml = "<r><i><n>1</n></i><i><n>2</n></i><i><n>3</n></i></r>";

	s = render_inline("<foreach select=\"i\"><header><line>H</line></header>"
	    "<line>{n}</line></foreach>", xml);
	UNIT_STREQ(s, "H\n1\n2\n3\n");
	free(s);
	/* no element: no header either */
	s = render_inline("<foreach select=\"x\"><header><line>H</line></header>"
	    "<line>{n}</line></foreach><line>end</line>", xml);
	UNIT_STREQ(s, "end\n");
	free(s);
	s = render_inline("<foreach select=\"i\" blank=\"between\"><line>{n}</line></foreach>",
	    xml);
	UNIT_STREQ(s, "1\n\n2\n\n3\n");
	free(s);
	s = render_inline("<foreach select=\"i\" blank=\"before\"><line>{n}</line></foreach>",
	    xml);
	UNIT_STREQ(s, "\n1\n\n2\n\n3\n");
	free(s);
	s = render_inline("<foreach select=\"i\" blank=\"after\" if=\"i/n = '2'\">"
	    "<line>{n}</line></foreach>", xml);
	UNIT_STREQ(s, "1\n\n2\n\n3\n\n");
	free(s);
	s = render_inline("<foreach select=\"i\" if=\"z\"><line>{n}</line></foreach>", xml);
	UNIT_STREQ(s, "");
	free(s);
	/* text pieces, joins (empty and skipped parts dropped), blank ends a line */
	s = render_inline("<text>a</text><text if=\"z\">z</text><text>b</text><line>c</line>"
	    "<text>[</text><join sep=\", \"><text>{i/n}</text><text if=\"z\">z</text>"
	    "<text>{zz}</text><text>y</text></join><line>]</line>"
	    "<text>open</text><blank/><text>last</text>", xml);
	UNIT_STREQ(s, "abc\n[1, y]\nopen\n\nlast\n");
	free(s);
	/* nested foreach with a path through several steps */
	s = render_inline("<foreach select=\"a/b\"><line>{../k}:{c}</line></foreach>",
	    "<r><a><k>1</k><b><c>x</c></b><b><c>y</c></b></a><a><k>2</k><b><c>z</c></b></a>"
	    "</r>");
	UNIT_STREQ(s, "1:x\n1:y\n2:z\n");
	free(s);
}

static void
test_compile_errors(void)
{
	const struct {
		const char *tmpl;
		const char *want;	/* substring of the message */
	} cases[] = {
		{ "<bogus/>\n", "unknown template element <bogus>" },
		{ "<line x=\"1\">a</line>\n", "unknown attribute x=" },
		{ "<line>{a</line>\n", "unterminated field" },
		{ "<line>a}</line>\n", "unmatched '}'" },
		{ "<line>{%-5d a}</line>\n", "bad format" },
		{ "<line>{%5sa}</line>\n", "a blank must separate" },
		{ "<line>{a//b}</line>\n", "bad step" },
		{ "<line>{@x/b}</line>\n", "nothing can follow an attribute" },
		{ "<line>{a|upper}</line>\n", "unknown filter 'upper'" },
		{ "<line if=\"a = b\">x</line>\n", "quoted value expected" },
		{ "<line if=\"(a\">x</line>\n", "')' expected" },
		{ "<line if=\"a b\">x</line>\n", "unexpected text" },
		{ "<line if=\"a = 'x\">x</line>\n", "unterminated value" },
		{ "<line><b/></line>\n", "<b> inside <line>" },
		{ "<header><line/></header>\n", "<header> comes once, first" },
		{ "<foreach select=\"a\"><line/><header/></foreach>\n", "<header> comes once" },
		{ "<foreach><line/></foreach>\n", "<foreach> without select=" },
		{ "<foreach select=\"a/@b\"><line/></foreach>\n", "selects elements" },
		{ "<foreach select=\"a\" blank=\"twice\"><line/></foreach>\n", "blank= is" },
		{ "<join sep=\",\"><line/></join>\n", "<join> holds <text> items only" },
		{ "<join sep=\",\"><text>{@3 a}</text></join>\n", "no column" },
		{ "<join><text/></join>\n", "<join> without sep=" },
		{ "<if><line/></if>\n", "<if> without test=" },
		{ "<blank>x</blank>\n", "<blank> is empty" },
		{ "stray text\n", "text outside <line>" },
		{ "<line>{%2000s a}</line>\n", "bad format" },
		{ "<line>{@2000 a}</line>\n", "bad column" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *err = compile_error(cases[i].tmpl);
		if (err == NULL || strstr(err, cases[i].want) == NULL)
			fprintf(stderr, "template %s: got %s, want ...%s...\n", cases[i].tmpl,
			    err ? err : "(compiled)", cases[i].want);
		UNIT_CHECK(err != NULL && strstr(err, cases[i].want) != NULL);
		/* the message starts with the line in the file (libxml2 gives text
		 * nodes the line where they end: the element cases only) */
		if (cases[i].tmpl[0] != '<')
			continue;
		if (err != NULL && strncmp(err, "2: ", 3) != 0)
			fprintf(stderr, "template %s: no line number in '%s'\n", cases[i].tmpl,
			    err);
		UNIT_CHECK(err != NULL && strncmp(err, "2: ", 3) == 0);
	}
	/* a newline inside a line would break the columns */
	UNIT_CHECK(compile_error("<line>a\nb</line>") != NULL);
}

/* ---- a command's reply ---- */

static void
test_reply(void)
{
	const struct opsch_cmd *cmd;
	struct buf out = BUF_INIT;
	xmlDocPtr d;

	if (OS == NULL)
		return;
	cmd = opschema_find_rpc(OS, "get-software-information");
	UNIT_CHECK(cmd != NULL);
	if (cmd == NULL)
		return;
	/* errors and banners are the caller's: nothing to render */
	d = parse_str("<rpc-reply><rpc-error><error-message>x</error-message></rpc-error>"
	    "<cli><banner/></cli></rpc-reply>");
	UNIT_CHECK(render_reply(cmd, NULL, xmlDocGetRootElement(d), &out) == -1);
	UNIT_STREQ(buf_str(&out), "");
	xmlFreeDoc(d);
	/* an unknown level falls back on the default one; output texts are copied */
	d = parse_str("<rpc-reply><software-information><host-name>gm1</host-name>"
	    "</software-information><output>two\nlines</output></rpc-reply>");
	UNIT_CHECK(render_reply(cmd, "nonsense", xmlDocGetRootElement(d), &out) == 0);
	UNIT_STREQ(buf_str(&out), "Hostname: gm1\ntwo\nlines\n");
	xmlFreeDoc(d);
	/* two routing engines: a blank line between them */
	buf_reset(&out);
	d = parse_str("<multi-routing-engine-results>"
	    "<multi-routing-engine-item><re-name>re0</re-name><software-information>"
	    "<host-name>a</host-name></software-information></multi-routing-engine-item>"
	    "<multi-routing-engine-item><re-name>re1</re-name><software-information>"
	    "<host-name>b</host-name></software-information></multi-routing-engine-item>"
	    "</multi-routing-engine-results>");
	UNIT_CHECK(render_reply(cmd, NULL, xmlDocGetRootElement(d), &out) == 0);
	UNIT_STREQ(buf_str(&out),
	    "re0:\n--------------------------------------------------------------------------\n"
	    "Hostname: a\n\n"
	    "re1:\n--------------------------------------------------------------------------\n"
	    "Hostname: b\n");
	xmlFreeDoc(d);
	buf_free(&out);
	UNIT_CHECK(render_reply(NULL, NULL, NULL, &out) == -1);
}

/* ---- | display xml, | display xml rpc, | display json ---- */

static void
test_display(void)
{
	struct buf out = BUF_INIT;
	xmlDocPtr d;

	d = parse_str("<rpc-reply xmlns:junos=\"http://xml.juniper.net/junos/24.4R1/junos\">"
	    "<software-information><host-name>gm&amp;1</host-name>"
	    "<package-information><name>a</name><comment>A [1]</comment></package-information>"
	    "<package-information><name>b</name><comment>B</comment></package-information>"
	    "<x/><t junos:seconds=\"5\">10:00</t></software-information>"
	    "<cli><banner/></cli></rpc-reply>");
	render_display_xml(xmlDocGetRootElement(d), "", &out);
	UNIT_STREQ(buf_str(&out),
	    "<rpc-reply xmlns:junos=\"http://xml.juniper.net/junos/24.4R1/junos\">\n"
	    "    <software-information>\n"
	    "        <host-name>gm&amp;1</host-name>\n"
	    "        <package-information>\n"
	    "            <name>a</name>\n"
	    "            <comment>A [1]</comment>\n"
	    "        </package-information>\n"
	    "        <package-information>\n"
	    "            <name>b</name>\n"
	    "            <comment>B</comment>\n"
	    "        </package-information>\n"
	    "        <x/>\n"
	    "        <t junos:seconds=\"5\">10:00</t>\n"
	    "    </software-information>\n"
	    "    <cli>\n"
	    "        <banner></banner>\n"
	    "    </cli>\n"
	    "</rpc-reply>\n");
	buf_reset(&out);
	render_display_json(xmlDocGetRootElement(d), &out);
	UNIT_STREQ(buf_str(&out),
	    "{\n"
	    "    \"software-information\" : [\n"
	    "    {\n"
	    "        \"host-name\" : [\n"
	    "        {\n"
	    "            \"data\" : \"gm&1\"\n"
	    "        }\n"
	    "        ], \n"
	    "        \"package-information\" : [\n"
	    "        {\n"
	    "            \"name\" : [\n"
	    "            {\n"
	    "                \"data\" : \"a\"\n"
	    "            }\n"
	    "            ], \n"
	    "            \"comment\" : [\n"
	    "            {\n"
	    "                \"data\" : \"A [1]\"\n"
	    "            }\n"
	    "            ]\n"
	    "        }, \n"
	    "        {\n"
	    "            \"name\" : [\n"
	    "            {\n"
	    "                \"data\" : \"b\"\n"
	    "            }\n"
	    "            ], \n"
	    "            \"comment\" : [\n"
	    "            {\n"
	    "                \"data\" : \"B\"\n"
	    "            }\n"
	    "            ]\n"
	    "        }\n"
	    "        ], \n"
	    "        \"x\" : [\n"
	    "        null\n"
	    "        ], \n"
	    "        \"t\" : [\n"
	    "        {\n"
	    "            \"data\" : \"10:00\", \n"
	    "            \"attributes\" : {\"junos:seconds\" : \"5\"}\n"
	    "        }\n"
	    "        ]\n"
	    "    }\n"
	    "    ]\n"
	    "}\n");
	xmlFreeDoc(d);

	buf_reset(&out);
	d = parse_str("<get-software-information/>");
	render_display_rpc(xmlDocGetRootElement(d), "", &out);
	/* netconf-pyez.md / a 17.3R1 capture of `show version | display xml rpc` */
	UNIT_STREQ(buf_str(&out),
	    "<rpc-reply xmlns:junos=\"http://xml.juniper.net/junos/24.4R1/junos\">\n"
	    "    <rpc>\n"
	    "        <get-software-information>\n"
	    "        </get-software-information>\n"
	    "    </rpc>\n"
	    "    <cli>\n"
	    "        <banner></banner>\n"
	    "    </cli>\n"
	    "</rpc-reply>\n");
	xmlFreeDoc(d);
	buf_reset(&out);
	d = parse_str("<get-x><detail/><peer-address>10.0.0.1</peer-address></get-x>");
	render_display_rpc(xmlDocGetRootElement(d), "[edit]", &out);
	UNIT_STREQ(buf_str(&out),
	    "<rpc-reply xmlns:junos=\"http://xml.juniper.net/junos/24.4R1/junos\">\n"
	    "    <rpc>\n"
	    "        <get-x>\n"
	    "            <detail/>\n"
	    "            <peer-address>10.0.0.1</peer-address>\n"
	    "        </get-x>\n"
	    "    </rpc>\n"
	    "    <cli>\n"
	    "        <banner>[edit]</banner>\n"
	    "    </cli>\n"
	    "</rpc-reply>\n");
	xmlFreeDoc(d);
	buf_free(&out);
}

/*
 * Any reply through any template: every golden reply rendered with every level of
 * every command, in every view. Nothing to compare; ASan and UBSan watch.
 */
static void
test_cross_render(void)
{
	char *cases = slurp(data_file("CASES")), *save = NULL, *line;
	size_t renders = 0;

	if (cases == NULL || OS == NULL)
		return;
	for (line = strtok_r(cases, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		char name[128], xmlname[160];
		if (line[0] == '#' || sscanf(line, "%127s", name) != 1)
			continue;
		snprintf(xmlname, sizeof(xmlname), "%s.xml", name);
		xmlDocPtr doc = xmlReadFile(data_file(xmlname), NULL, XML_PARSE_NONET);
		if (doc == NULL)
			continue;
		for (size_t i = 0; i < OS->os_ncmds; i++)
			for (size_t j = 0; j < OS->os_cmds[i]->cm_nlevels; j++) {
				struct buf out = BUF_INIT;
				(void)render_reply(OS->os_cmds[i],
				    OS->os_cmds[i]->cm_levels[j].ol_name,
				    xmlDocGetRootElement(doc), &out);
				/* and every element of the reply taken as the reply */
				for (xmlNodePtr n = xmlDocGetRootElement(doc)->children; n != NULL;
				    n = n->next)
					if (n->type == XML_ELEMENT_NODE &&
					    OS->os_cmds[i]->cm_levels[j].ol_tmpl != NULL)
						render_tmpl_text(OS->os_cmds[i]->cm_levels[j].ol_tmpl,
						    n, &out);
				buf_free(&out);
				renders++;
			}
		struct buf v = BUF_INIT;
		render_display_xml(xmlDocGetRootElement(doc), "", &v);
		render_display_json(xmlDocGetRootElement(doc), &v);
		UNIT_CHECK(v.b_len > 0);
		buf_free(&v);
		xmlFreeDoc(doc);
	}
	free(cases);
	UNIT_CHECK(renders > 100);
}

/* A reply as deep as the parser allows renders without trouble, any template. */
static void
test_deep_reply(void)
{
	struct buf x = BUF_INIT, out = BUF_INIT;
	xmlDocPtr d;

	for (int i = 0; i < 200; i++)
		buf_puts(&x, "<a>");
	buf_puts(&x, "v");
	for (int i = 0; i < 200; i++)
		buf_puts(&x, "</a>");
	d = parse_str(buf_str(&x));
	UNIT_CHECK(d != NULL);
	if (d != NULL) {
		render_display_xml(xmlDocGetRootElement(d), "", &out);
		UNIT_CHECK(strstr(buf_str(&out), ">v</a>") != NULL);
		buf_reset(&out);
		render_display_json(xmlDocGetRootElement(d), &out);
		UNIT_CHECK(strstr(buf_str(&out), "\"data\" : \"v\"") != NULL);
		xmlFreeDoc(d);
	}
	buf_free(&x);
	buf_free(&out);
}

int
main(void)
{
	char err[512];

	OS = opschema_load_dir(src_path("ROUTEMU_SCHEMA_DIR", "op", "schema/op"), err,
	    sizeof(err));
	if (OS == NULL)
		fprintf(stderr, "schema/op: %s\n", err);
	UNIT_CHECK(OS != NULL);
	UNIT_RUN(test_golden);
	UNIT_RUN(test_golden_coverage);
	UNIT_RUN(test_fields);
	UNIT_RUN(test_columns);
	UNIT_RUN(test_conditions);
	UNIT_RUN(test_blocks);
	UNIT_RUN(test_compile_errors);
	UNIT_RUN(test_reply);
	UNIT_RUN(test_display);
	UNIT_RUN(test_cross_render);
	UNIT_RUN(test_deep_reply);
	opschema_free(OS);
	xmlCleanupParser();
	return unit_exit();
}
