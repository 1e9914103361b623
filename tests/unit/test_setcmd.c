/*
 * test_setcmd: the editing commands (lib/setcmd.c) on the mini schema: words and
 * quoting, keyword abbreviations and their errors, values, choices, leaf-lists,
 * secrets, delete/activate/deactivate/annotate/rename/copy/insert, levels, groups,
 * atomicity of a failing line, `load set` text, and 100 000 lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "secret9.h"
#include "setcmd.h"
#include "unit.h"

static struct schema *S;

/* The tree as one line per leaf (or empty container): "path[ (inactive)]\n". */
static void
dump_node(struct buf *b, const struct conf_node *n)
{
	const struct conf_node *c;

	if (n->cn_first == NULL && n->cn_schema->sn_kind != SCH_ROOT) {
		char *p = conf_path_string(n);
		buf_printf(b, "%s%s\n", p, (n->cn_flags & CONF_F_INACTIVE) ? " (inactive)" : "");
		free(p);
		return;
	}
	if (n->cn_flags & CONF_F_INACTIVE) {
		char *p = conf_path_string(n);
		buf_printf(b, "%s (inactive)\n", p);
		free(p);
	}
	CONF_FOREACH_CHILD(c, n)
		dump_node(b, c);
}

static char *dump_last;

static char *
dump(const struct conf_node *root)
{
	struct buf b = BUF_INIT;

	dump_node(&b, root);
	free(dump_last);
	dump_last = buf_steal(&b);
	return dump_last;
}

/* Apply a line at the top; the return code. */
static int
run(struct conf_node *r, const char *line, struct cmd_error *e)
{
	struct cmd_error local;

	return cmd_apply_line(r, "", line, e ? e : &local);
}

/* Apply lines that must all succeed. */
static void
setup(struct conf_node *r, const char *const *lines)
{
	for (; *lines != NULL; lines++) {
		struct cmd_error e;
		if (cmd_apply_line(r, NULL, *lines, &e) != 0) {
			fprintf(stderr, "setup line failed: %s: %s\n", *lines, e.ce_msg);
			unit_failures++;
		}
	}
}

static void
test_split(void)
{
	struct cmd_words w;
	char err[128];

	UNIT_CHECK(cmd_split("set a \"b c\" [ d e ]", &w, err, sizeof(err)) == 0);
	UNIT_CHECK(w.cw_n == 7);
	UNIT_STREQ(w.cw_v[2].w_text, "b c");
	UNIT_CHECK(w.cw_v[2].w_quoted && !w.cw_v[1].w_quoted);
	UNIT_CHECK(w.cw_v[2].w_pos == 6 && w.cw_v[3].w_pos == 12);
	UNIT_STREQ(w.cw_v[3].w_text, "[");
	UNIT_STREQ(w.cw_v[6].w_text, "]");
	UNIT_CHECK(!w.cw_trailing_space && !w.cw_open_quote);
	cmd_words_free(&w);

	UNIT_CHECK(cmd_split("x [a b] ", &w, err, sizeof(err)) == 0);
	UNIT_CHECK(w.cw_n == 5);
	UNIT_STREQ(w.cw_v[1].w_text, "[");
	UNIT_STREQ(w.cw_v[2].w_text, "a");
	UNIT_STREQ(w.cw_v[3].w_text, "b");
	UNIT_STREQ(w.cw_v[4].w_text, "]");
	UNIT_CHECK(w.cw_v[4].w_pos == 6);
	UNIT_CHECK(w.cw_trailing_space);
	cmd_words_free(&w);

	/* brackets inside a word stay: group wildcards */
	UNIT_CHECK(cmd_split("interfaces <ge-0/0/[0-9]> \"]\"", &w, err, sizeof(err)) == 0);
	UNIT_CHECK(w.cw_n == 3);
	UNIT_STREQ(w.cw_v[1].w_text, "<ge-0/0/[0-9]>");
	UNIT_STREQ(w.cw_v[2].w_text, "]");
	UNIT_CHECK(w.cw_v[2].w_quoted);
	cmd_words_free(&w);

	UNIT_CHECK(cmd_split("a \"x\\\"y\\\\z\" \"\" q\"r s\"", &w, err, sizeof(err)) == 0);
	UNIT_CHECK(w.cw_n == 4);
	UNIT_STREQ(w.cw_v[1].w_text, "x\"y\\z");
	UNIT_STREQ(w.cw_v[2].w_text, "");
	UNIT_STREQ(w.cw_v[3].w_text, "qr s");
	cmd_words_free(&w);

	UNIT_CHECK(cmd_split("set \"open", &w, err, sizeof(err)) == -1);
	UNIT_CHECK(w.cw_open_quote && w.cw_n == 2);
	UNIT_STREQ(w.cw_v[1].w_text, "open");
	UNIT_STREQ(err, "unterminated quoted string");
	cmd_words_free(&w);

	UNIT_CHECK(cmd_split("   ", &w, err, sizeof(err)) == 0 && w.cw_n == 0);
	cmd_words_free(&w);
}

static void
test_quote(void)
{
	const char *values[] = { "plain", "ge-0/0/0.1", "", "a b", "x\"y", "back\\slash",
	    "semi;colon", "{brace}", "<ge-*>", "$9$abc", "tab\there", "#hash", "a|b" };
	const char *expect[] = { "plain", "ge-0/0/0.1", "\"\"", "\"a b\"", "\"x\\\"y\"",
	    "\"back\\\\slash\"", "\"semi;colon\"", "\"{brace}\"", "\"<ge-*>\"", "\"$9$abc\"",
	    "\"tab\there\"", "\"#hash\"", "\"a|b\"" };

	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char *q = cmd_quote(values[i]), err[64];
		struct cmd_words w;
		UNIT_STREQ(q, expect[i]);
		/* round trip */
		UNIT_CHECK(cmd_split(q, &w, err, sizeof(err)) == 0);
		UNIT_CHECK(w.cw_n == 1);
		if (w.cw_n == 1)
			UNIT_STREQ(w.cw_v[0].w_text, values[i]);
		cmd_words_free(&w);
		free(q);
	}
}

static void
test_set_basic(void)
{
	struct conf_node *r = conf_new(S);
	struct cmd_error e;

	UNIT_CHECK(run(r, "set system host-name r1", &e) == 0 && e.ce_kind == CE_NONE);
	UNIT_CHECK(run(r, "set sys ho r2", &e) == 0);
	UNIT_CHECK(run(r, "se int ge-0/0/0 desc \"to core\"", &e) == 0);
	UNIT_CHECK(run(r, "set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24", &e) == 0);
	UNIT_CHECK(run(r, "set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.2/24 primary",
	    &e) == 0);
	UNIT_CHECK(run(r, "set system syslog file messages any notice", &e) == 0);
	UNIT_CHECK(run(r, "set system debug-knob", &e) == 0);	/* hidden, typed in full */
	UNIT_CHECK(run(r, "set routing-options static route 10.1.1.1/24 discard", &e) == 0);
	UNIT_CHECK(run(r, "set security group-vpn member ike", &e) == 0);	/* empty container */
	UNIT_STREQ(dump(r),
	    "system host-name r2\n"
	    "system debug-knob\n"
	    "system syslog file messages any notice\n"
	    "interfaces ge-0/0/0 description \"to core\"\n"
	    "interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24\n"
	    "interfaces ge-0/0/0 unit 0 family inet address 10.0.0.2/24 primary\n"
	    "security group-vpn member ike\n"
	    "routing-options static route 10.1.1.0/24 discard\n");
	conf_free(r);
}

static void
test_set_errors(void)
{
	struct conf_node *r = conf_new(S);
	struct cmd_error e;

	UNIT_CHECK(run(r, "set system dom x", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_AMBIGUOUS);
	UNIT_STREQ(e.ce_msg, "'dom' is ambiguous.");
	UNIT_STREQ(e.ce_word, "dom");
	UNIT_CHECK(e.ce_pos == 11);

	UNIT_CHECK(run(r, "set system foo bar", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_SYNTAX && e.ce_pos == 11);
	UNIT_STREQ(e.ce_msg, "syntax error.");
	UNIT_STREQ(e.ce_word, "foo");
	UNIT_STREQ(e.ce_path, "[edit system]");

	UNIT_CHECK(run(r, "set system debug 1", &e) == -1);	/* hidden: no abbreviation */
	UNIT_CHECK(e.ce_kind == CE_SYNTAX);

	UNIT_CHECK(run(r, "set system host-name", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_MISSING && e.ce_pos == 20);
	UNIT_STREQ(e.ce_msg, "missing argument.");
	UNIT_CHECK(run(r, "set system syslog file", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_MISSING);
	UNIT_CHECK(run(r, "set", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_MISSING);

	UNIT_CHECK(run(r, "set interfaces ge-0/0/0 mtu 70000", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_VALUE && e.ce_pos == 28);
	UNIT_STREQ(e.ce_msg, "Value 70000 is not within range (256..9192)");
	UNIT_STREQ(e.ce_word, "70000");
	UNIT_STREQ(e.ce_path, "[edit interfaces ge-0/0/0]");
	UNIT_CHECK(run(r, "set interfaces foo0 mtu 1500", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_VALUE);
	UNIT_STREQ(e.ce_msg, "invalid interface type in 'foo0'");
	UNIT_CHECK(run(r, "set system syslog file a/b any info", &e) == -1);
	UNIT_STREQ(e.ce_msg, "Must not contain '/', % or a space");
	UNIT_CHECK(run(r, "set system syslog file m any inf", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_VALUE);
	UNIT_STREQ(e.ce_msg, "syntax error.");

	/* nothing may follow a leaf's value outside one-liners */
	UNIT_CHECK(run(r, "set system host-name r1 domain-name x", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_SYNTAX);
	UNIT_STREQ(e.ce_word, "domain-name");
	UNIT_CHECK(run(r, "set interfaces ge-0/0/0 disable now", &e) == -1);
	UNIT_STREQ(e.ce_word, "now");
	UNIT_CHECK(run(r, "set system host-name [ a b ]", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_SYNTAX);
	UNIT_CHECK(run(r, "set system \"open", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_SYNTAX);

	/* verbs */
	UNIT_CHECK(run(r, "de system", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_AMBIGUOUS);
	UNIT_STREQ(e.ce_msg, "'de' is ambiguous.");
	UNIT_CHECK(run(r, "frobnicate system", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_SYNTAX && e.ce_pos == 0);
	UNIT_CHECK(run(r, "protect system", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_OTHER);
	UNIT_CHECK(run(r, "", &e) == 0);

	UNIT_CHECK(conf_is_empty(r));	/* none of it changed anything */
	conf_free(r);
}

static void
test_nokeyword_oneliner(void)
{
	struct conf_node *r = conf_new(S);
	struct cmd_error e;
	const char *tf = "set security group-vpn member ike traceoptions file";
	char line[256];

	snprintf(line, sizeof(line), "%s gkmd size 10k files 3", tf);
	UNIT_CHECK(run(r, line, &e) == 0);
	snprintf(line, sizeof(line), "%s size 1m", tf);
	UNIT_CHECK(run(r, line, &e) == 0);
	snprintf(line, sizeof(line), "%s fi 5", tf);	/* keyword abbreviation */
	UNIT_CHECK(run(r, line, &e) == 0);
	UNIT_STREQ(dump(r),
	    "security group-vpn member ike traceoptions file gkmd\n"
	    "security group-vpn member ike traceoptions file size 1m\n"
	    "security group-vpn member ike traceoptions file files 5\n");
	snprintf(line, sizeof(line), "%s other", tf);
	UNIT_CHECK(run(r, line, &e) == 0);
	UNIT_CHECK(strstr(dump(r), "file other\n") != NULL && strstr(dump(r), "gkmd") == NULL);
	snprintf(line, sizeof(line), "%s a/b", tf);
	UNIT_CHECK(run(r, line, &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_VALUE);
	UNIT_STREQ(e.ce_msg, "Must not contain '/', % or a space");
	/* the keyword-less value once per command */
	snprintf(line, sizeof(line), "%s one two", tf);
	UNIT_CHECK(run(r, line, &e) == -1);
	UNIT_STREQ(e.ce_word, "two");
	/* group wildcard through the union */
	snprintf(line, sizeof(line), "%s files <*>", tf);
	UNIT_CHECK(run(r, line, &e) == 0);
	/* keyword-less leaf of a non-oneliner container: metric VALUE type N */
	UNIT_CHECK(run(r, "set routing-options static route 0.0.0.0/0 metric 10 type 2", &e) == 0);
	UNIT_CHECK(strstr(dump(r), "route 0.0.0.0/0 metric 10\n") != NULL);
	UNIT_CHECK(strstr(dump(r), "route 0.0.0.0/0 metric type 2\n") != NULL);
	conf_free(r);
}

static void
test_choice_and_leaflist(void)
{
	struct conf_node *r = conf_new(S);
	struct cmd_error e;
	const char *tf = "set security group-vpn member ike traceoptions file";
	char line[256];

	snprintf(line, sizeof(line), "%s world-readable", tf);
	UNIT_CHECK(run(r, line, &e) == 0);
	snprintf(line, sizeof(line), "%s no-world-readable", tf);
	UNIT_CHECK(run(r, line, &e) == 0);
	UNIT_STREQ(dump(r), "security group-vpn member ike traceoptions file no-world-readable\n");

	UNIT_CHECK(run(r, "set routing-options static route 10.0.0.0/8 next-hop 1.1.1.1", &e) == 0);
	UNIT_CHECK(run(r, "set routing-options static route 10.0.0.0/8 preference 7", &e) == 0);
	UNIT_CHECK(run(r, "set routing-options static route 10.0.0.0/8 discard", &e) == 0);
	UNIT_CHECK(strstr(dump(r), "next-hop") == NULL);
	UNIT_CHECK(strstr(dump(r), "preference 7") != NULL);	/* not in the choice */
	UNIT_CHECK(run(r, "set routing-options static route 10.0.0.0/8 next-hop [ 1.1.1.1 ge-0/0/0.0 ]",
	    &e) == 0);
	UNIT_CHECK(strstr(dump(r), "discard") == NULL);
	UNIT_CHECK(strstr(dump(r), "route 10.0.0.0/8 next-hop 1.1.1.1\n"
	    "routing-options static route 10.0.0.0/8 next-hop ge-0/0/0.0\n") != NULL);

	/* leaf-lists: brackets add, duplicates are not repeated, order kept */
	UNIT_CHECK(run(r, "set system domain-search [ b.example a.example ]", &e) == 0);
	UNIT_CHECK(run(r, "set system domain-search c.example", &e) == 0);
	UNIT_CHECK(run(r, "set system domain-search [a.example d.example]", &e) == 0);
	UNIT_CHECK(strstr(dump(r), "system domain-search b.example\nsystem domain-search a.example\n"
	    "system domain-search c.example\nsystem domain-search d.example\n") != NULL);
	UNIT_CHECK(run(r, "set system domain-search [ ]", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_MISSING);
	UNIT_CHECK(run(r, "set system domain-search [ x y", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_SYNTAX);
	UNIT_STREQ(e.ce_msg, "syntax error, expecting ']'.");
	UNIT_CHECK(run(r, "set security group-vpn member ike gateway g server-address [ 1.1.1.1 1.1.1.300 ]",
	    &e) == -1);
	UNIT_STREQ(e.ce_msg, "Invalid IPv4 address");
	UNIT_STREQ(e.ce_word, "1.1.1.300");
	UNIT_CHECK(strstr(dump(r), "gateway") == NULL);	/* nothing of it applied */
	conf_free(r);
}

static void
test_secret(void)
{
	struct conf_node *r = conf_new(S);
	struct cmd_error e;
	const char *psk = "set security group-vpn member ike policy p pre-shared-key";
	char line[256];

	snprintf(line, sizeof(line), "%s ascii-text \"my key\"", psk);
	UNIT_CHECK(run(r, line, &e) == 0);
	struct conf_node *k = r->cn_first;
	while (k->cn_first != NULL)
		k = k->cn_first;
	UNIT_STREQ(k->cn_schema->sn_name, "ascii-text");
	UNIT_CHECK(strncmp(k->cn_value, "$9$", 3) == 0);
	char *plain = secret9_decode(k->cn_value);
	UNIT_STREQ(plain, "my key");
	free(plain);
	/* an encoded value is kept as it is */
	snprintf(line, sizeof(line), "%s ascii-text \"$9$abcdef\"", psk);
	UNIT_CHECK(run(r, line, &e) == 0);
	UNIT_STREQ(dump(r), "security group-vpn member ike policy p pre-shared-key ascii-text "
	    "\"$9$abcdef\"\n");
	/* the value is checked before encoding; the other case goes away */
	snprintf(line, sizeof(line), "%s hexadecimal xyz", psk);
	UNIT_CHECK(run(r, line, &e) == -1);
	UNIT_STREQ(e.ce_msg, "Must be hexadecimal digits (0-9, a-f, A-F)");
	snprintf(line, sizeof(line), "%s hexadecimal 0a0b", psk);
	UNIT_CHECK(run(r, line, &e) == 0);
	UNIT_CHECK(strstr(dump(r), "ascii-text") == NULL);
	UNIT_CHECK(strstr(dump(r), "hexadecimal \"$9$") != NULL);
	conf_free(r);
}

static void
test_delete(void)
{
	struct conf_node *r = conf_new(S);
	struct cmd_error e;
	const char *lines[] = {
		"set system host-name r1",
		"set system domain-search [ a b c ]",
		"set interfaces ge-0/0/0 unit 0 vlan-id 10",
		"set interfaces ge-0/0/1 disable",
		NULL };

	setup(r, lines);
	UNIT_CHECK(run(r, "delete system domain-name", &e) == 0);
	UNIT_CHECK(e.ce_kind == CE_NOTFOUND);
	UNIT_STREQ(e.ce_msg, "statement not found");
	UNIT_CHECK(run(r, "delete interfaces ge-0/0/9", &e) == 0 && e.ce_kind == CE_NOTFOUND);
	UNIT_CHECK(run(r, "delete system host-name r9", &e) == 0 && e.ce_kind == CE_NOTFOUND);
	UNIT_CHECK(run(r, "delete system domain-search z", &e) == 0 && e.ce_kind == CE_NOTFOUND);
	UNIT_CHECK(run(r, "delete system foo", &e) == -1 && e.ce_kind == CE_SYNTAX);

	UNIT_CHECK(run(r, "delete system domain-search b", &e) == 0 && e.ce_kind == CE_NONE);
	UNIT_CHECK(strstr(dump(r), "domain-search a\nsystem domain-search c\n") != NULL);
	UNIT_CHECK(run(r, "delete system domain-search", &e) == 0);
	UNIT_CHECK(strstr(dump(r), "domain-search") == NULL);
	UNIT_CHECK(run(r, "delete system host-name r1", &e) == 0 && e.ce_kind == CE_NONE);
	/* the emptied container stays, as on Junos */
	UNIT_CHECK(strncmp(dump(r), "system\n", 7) == 0);
	UNIT_CHECK(run(r, "delete interfaces ge-0/0/0 unit 0", &e) == 0);
	UNIT_CHECK(strstr(dump(r), "interfaces ge-0/0/0\n") != NULL);
	UNIT_CHECK(run(r, "delete interfaces ge-0/0/1 disable", &e) == 0);
	UNIT_CHECK(run(r, "delete interfaces", &e) == 0);
	UNIT_STREQ(dump(r), "system\n");
	/* bare delete at a level removes that level */
	UNIT_CHECK(cmd_apply_line(r, "system", "delete", &e) == 0);
	UNIT_CHECK(conf_is_empty(r));
	setup(r, lines);
	UNIT_CHECK(run(r, "delete", &e) == 0);
	UNIT_CHECK(conf_is_empty(r));
	conf_free(r);
}

static void
test_activate_annotate(void)
{
	struct conf_node *r = conf_new(S);
	struct cmd_error e;
	const char *lines[] = {
		"set system host-name r1",
		"set system domain-search [ a b ]",
		"set interfaces ge-0/0/0 unit 0 vlan-id 10",
		NULL };

	setup(r, lines);
	UNIT_CHECK(run(r, "deactivate interfaces ge-0/0/0", &e) == 0);
	UNIT_CHECK(run(r, "deactivate system domain-search b", &e) == 0);
	UNIT_CHECK(run(r, "deac system host-name", &e) == 0);
	UNIT_STREQ(dump(r),
	    "system host-name r1 (inactive)\n"
	    "system domain-search a\n"
	    "system domain-search b (inactive)\n"
	    "interfaces ge-0/0/0 (inactive)\n"
	    "interfaces ge-0/0/0 unit 0 vlan-id 10\n");
	UNIT_CHECK(run(r, "activate interfaces ge-0/0/0", &e) == 0);
	UNIT_CHECK(strstr(dump(r), "ge-0/0/0 (inactive)") == NULL);
	UNIT_CHECK(run(r, "deactivate interfaces ge-0/0/7", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_NOTFOUND);
	UNIT_STREQ(e.ce_msg, "statement not found");
	UNIT_CHECK(run(r, "activate system domain-search", &e) == 0);	/* every value */
	UNIT_CHECK(strstr(dump(r), "domain-search b (inactive)") == NULL);

	UNIT_CHECK(run(r, "annotate system \"managed by ops\"", &e) == 0);
	struct conf_node *sys = r->cn_first;
	UNIT_STREQ(sys->cn_annotation, "managed by ops");
	UNIT_CHECK(run(r, "annotate interfaces ge-0/0/0 unit 0 \"uplink\"", &e) == 0);
	UNIT_CHECK(run(r, "annotate interfaces ge-0/0/5 \"x\"", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_NOTFOUND);
	UNIT_CHECK(run(r, "annotate system", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_MISSING);
	UNIT_CHECK(run(r, "annotate system \"\"", &e) == 0);
	UNIT_CHECK(sys->cn_annotation == NULL);
	conf_free(r);
}

static void
test_rename_copy_insert(void)
{
	struct conf_node *r = conf_new(S);
	struct cmd_error e;
	const char *ike = "security group-vpn member ike";
	char line[256];
	const char *lines[] = {
		"set interfaces ge-0/0/0 unit 0 vlan-id 10",
		"set interfaces ge-0/0/0 description up",
		"set security group-vpn member ike proposal p1 dh-group group14",
		"set security group-vpn member ike proposal p2",
		"set security group-vpn member ike proposal p3",
		"set security group-vpn member ike policy pol proposals [ a b c ]",
		NULL };

	setup(r, lines);
	UNIT_CHECK(run(r, "rename interfaces ge-0/0/0 to ge-0/0/1", &e) == 0);
	UNIT_CHECK(strstr(dump(r), "interfaces ge-0/0/1 unit 0 vlan-id 10\n") != NULL);
	UNIT_CHECK(strstr(dump(r), "ge-0/0/0") == NULL);
	UNIT_CHECK(run(r, "copy interfaces ge-0/0/1 to ge-0/0/2", &e) == 0);
	UNIT_CHECK(strstr(dump(r), "interfaces ge-0/0/1 description up\n"
	    "interfaces ge-0/0/1 unit 0 vlan-id 10\n"
	    "interfaces ge-0/0/2 description up\n"
	    "interfaces ge-0/0/2 unit 0 vlan-id 10\n") != NULL);
	UNIT_CHECK(run(r, "copy interfaces ge-0/0/1 to ge-0/0/2", &e) == -1);
	UNIT_STREQ(e.ce_msg, "statement already exists");
	UNIT_CHECK(run(r, "rename interfaces ge-0/0/1 to xx", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_VALUE);
	UNIT_CHECK(run(r, "rename interfaces ge-0/0/7 to ge-0/0/8", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_NOTFOUND);
	UNIT_CHECK(run(r, "rename interfaces ge-0/0/1 ge-0/0/8", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_SYNTAX);
	UNIT_CHECK(run(r, "rename interfaces ge-0/0/1 unit 0 to unit 5", &e) == 0);
	UNIT_CHECK(strstr(dump(r), "interfaces ge-0/0/1 unit 5 vlan-id 10\n") != NULL);

	snprintf(line, sizeof(line), "rename %s proposal p1 to proposal p9", ike);
	UNIT_CHECK(run(r, line, &e) == 0);
	snprintf(line, sizeof(line), "insert %s proposal p3 before proposal p9", ike);
	UNIT_CHECK(run(r, line, &e) == 0);
	UNIT_CHECK(strstr(dump(r), "proposal p3\nsecurity group-vpn member ike proposal p9 dh-group "
	    "group14\nsecurity group-vpn member ike proposal p2\n") != NULL);
	snprintf(line, sizeof(line), "insert %s proposal p3 after p2", ike);
	UNIT_CHECK(run(r, line, &e) == 0);
	UNIT_CHECK(strstr(dump(r), "proposal p9 dh-group group14\nsecurity group-vpn member ike "
	    "proposal p2\nsecurity group-vpn member ike proposal p3\n") != NULL);
	snprintf(line, sizeof(line), "insert %s proposal p3 after p7", ike);
	UNIT_CHECK(run(r, line, &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_NOTFOUND);
	snprintf(line, sizeof(line), "insert %s policy pol proposals c before a", ike);
	UNIT_CHECK(run(r, line, &e) == 0);
	UNIT_CHECK(strstr(dump(r), "proposals c\nsecurity group-vpn member ike policy pol proposals a\n"
	    "security group-vpn member ike policy pol proposals b\n") != NULL);
	UNIT_CHECK(run(r, "insert interfaces ge-0/0/2 before ge-0/0/1", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_OTHER);
	UNIT_STREQ(e.ce_msg, "'insert' is not supported for this statement");
	snprintf(line, sizeof(line), "copy %s policy pol proposals a to z", ike);
	UNIT_CHECK(run(r, line, &e) == 0);
	UNIT_CHECK(strstr(dump(r), "proposals b\nsecurity group-vpn member ike policy pol proposals z\n")
	    != NULL);
	conf_free(r);
}

static void
test_groups_and_levels(void)
{
	struct conf_node *r = conf_new(S);
	struct cmd_error e;

	UNIT_CHECK(run(r, "set groups G interfaces <ge-*> mtu 1500", &e) == 0);
	UNIT_CHECK(run(r, "set groups G interfaces <*> unit <*> family inet", &e) == 0);
	UNIT_CHECK(run(r, "set groups G system host-name x", &e) == 0);
	UNIT_CHECK(run(r, "set apply-groups G", &e) == 0);
	UNIT_CHECK(run(r, "set interfaces <ge-*> mtu 1500", &e) == -1);	/* not in a group */
	UNIT_CHECK(e.ce_kind == CE_VALUE);
	UNIT_CHECK(run(r, "set groups G groups H", &e) == -1);	/* no groups in groups */
	UNIT_CHECK(e.ce_kind == CE_SYNTAX);
	UNIT_STREQ(dump(r),
	    "apply-groups G\n"
	    "groups G system host-name x\n"
	    "groups G interfaces \"<ge-*>\" mtu 1500\n"
	    "groups G interfaces \"<*>\" unit \"<*>\" family inet\n");

	/* edit levels: canonical words first, then the command's */
	UNIT_CHECK(cmd_apply_line(r, "interfaces ge-0/0/0", "set unit 0 vlan-id 5", &e) == 0);
	UNIT_CHECK(cmd_apply_line(r, "interfaces", "set ge-0/0/1 disable", &e) == 0);
	UNIT_CHECK(cmd_apply_line(r, "groups G", "set interfaces <xe-*> disable", &e) == 0);
	UNIT_CHECK(cmd_apply_line(r, "interfaces ge-0/0/0", "set mtu 99", &e) == -1);
	UNIT_CHECK(e.ce_kind == CE_VALUE && e.ce_pos == 8);
	UNIT_CHECK(cmd_apply_line(r, "interfaces ge-0/0/0", "delete unit 0", &e) == 0);
	UNIT_CHECK(strstr(dump(r), "interfaces ge-0/0/0\ninterfaces ge-0/0/1 disable\n") != NULL);
	UNIT_CHECK(strstr(dump(r), "groups G interfaces \"<xe-*>\" disable\n") != NULL);
	conf_free(r);
}

/* A refused line leaves the tree exactly as it was. */
static void
test_atomic(void)
{
	struct conf_node *r = conf_new(S), *before;
	struct cmd_error e;
	const char *lines[] = {
		"set routing-options static route 10.0.0.0/8 discard",
		"set security group-vpn member ike traceoptions file world-readable",
		"set system host-name r1",
		NULL };
	const char *bad[] = {
		"set interfaces ge-0/0/9 unit 0 vlan-id 5000",
		"set routing-options static route 10.0.0.0/8 next-hop [ 1.1.1.1 bad ]",
		"set routing-options static route 10.0.0.0/8 next-hop",
		"set security group-vpn member ike traceoptions file no-world-readable files 1",
		"set system host-name r2 bogus",
		"set groups G interfaces ge-0/0/0 mtu 1",
		"rename system to x",
		"deactivate system domain-name",
	};

	setup(r, lines);
	before = conf_dup(r);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		UNIT_CHECK(run(r, bad[i], &e) == -1);
		if (!conf_equal(before, r, true)) {
			fprintf(stderr, "changed by: %s\n", bad[i]);
			unit_failures++;
		}
	}
	conf_free(before);
	conf_free(r);
}

static void
test_resolve(void)
{
	struct cmd_words w;
	struct cmd_resolution res;
	struct cmd_error e;
	char err[64], *s;

	cmd_split("interfaces ge-0/0/0 unit", &w, err, sizeof(err));
	UNIT_CHECK(cmd_resolve(S->s_root, w.cw_v, w.cw_n, false, &res, &e) == 0);
	UNIT_CHECK(res.cr_expect == CX_KEY && res.cr_used == 3);
	UNIT_STREQ(res.cr_pending->sn_name, "unit");
	UNIT_STREQ(res.cr_node->sn_name, "interface");
	s = cmd_steps_string(res.cr_steps, res.cr_nsteps);
	UNIT_STREQ(s, "interfaces ge-0/0/0");
	free(s);
	cmd_resolution_free(&res);
	cmd_words_free(&w);

	cmd_split("sys host", &w, err, sizeof(err));
	UNIT_CHECK(cmd_resolve(S->s_root, w.cw_v, w.cw_n, false, &res, &e) == 0);
	UNIT_CHECK(res.cr_expect == CX_VALUE);
	UNIT_STREQ(res.cr_pending->sn_name, "host-name");
	UNIT_STREQ(res.cr_node->sn_name, "system");
	cmd_resolution_free(&res);
	cmd_words_free(&w);

	cmd_split("interfaces ge-0/0/0 disable", &w, err, sizeof(err));
	UNIT_CHECK(cmd_resolve(S->s_root, w.cw_v, w.cw_n, false, &res, &e) == 0);
	UNIT_CHECK(res.cr_expect == CX_DONE);
	s = cmd_steps_string(res.cr_steps, res.cr_nsteps);
	UNIT_STREQ(s, "interfaces ge-0/0/0 disable");
	free(s);
	cmd_resolution_free(&res);
	cmd_words_free(&w);

	cmd_split("system domain-search [ a \"b c\" ]", &w, err, sizeof(err));
	UNIT_CHECK(cmd_resolve(S->s_root, w.cw_v, w.cw_n, false, &res, &e) == 0);
	UNIT_CHECK(res.cr_nvalues == 2 && res.cr_nsteps == 3);
	UNIT_STREQ(res.cr_values[1], "b c");
	s = cmd_steps_string(res.cr_steps, res.cr_nsteps);
	UNIT_STREQ(s, "system domain-search a domain-search \"b c\"");
	free(s);
	cmd_resolution_free(&res);
	cmd_words_free(&w);

	/* allow_trailing stops at what cannot be placed */
	cmd_split("system host-name r1 | match x", &w, err, sizeof(err));
	UNIT_CHECK(cmd_resolve(S->s_root, w.cw_v, w.cw_n, true, &res, &e) == 0);
	UNIT_CHECK(res.cr_used == 3);
	cmd_resolution_free(&res);
	UNIT_CHECK(cmd_resolve(S->s_root, w.cw_v, w.cw_n, false, &res, &e) == -1);
	UNIT_CHECK(res.cr_used == 3 && e.ce_kind == CE_SYNTAX);
	cmd_resolution_free(&res);
	cmd_words_free(&w);

	cmd_split("system syslog x", &w, err, sizeof(err));
	UNIT_CHECK(cmd_resolve(S->s_root, w.cw_v, w.cw_n, false, &res, &e) == -1);
	UNIT_CHECK(res.cr_used == 2 && res.cr_expect == CX_STATEMENT);
	UNIT_STREQ(res.cr_node->sn_name, "syslog");
	cmd_resolution_free(&res);
	cmd_words_free(&w);
}

static void
test_text(void)
{
	struct conf_node *r = conf_new(S);
	struct cmd_error e;
	size_t line;
	const char *text =
	    "# a comment\n"
	    "set system host-name r1\n"
	    "\n"
	    "edit interfaces ge-0/0/0\n"
	    "set unit 0 vlan-id 7\n"
	    "edit unit 0\n"
	    "set description \"unit zero\"\n"
	    "up 2\n"
	    "set ge-0/0/1 disable\n"
	    "top\n"
	    "delete system domain-name\n"
	    "set system domain-name example.net\r\n";

	UNIT_CHECK(cmd_apply_text(r, NULL, text, &line, &e) == 0);
	UNIT_CHECK(e.ce_kind == CE_NOTFOUND && line == 11);	/* the first warning */
	UNIT_STREQ(dump(r),
	    "system host-name r1\n"
	    "system domain-name example.net\n"
	    "interfaces ge-0/0/0 unit 0 description \"unit zero\"\n"
	    "interfaces ge-0/0/0 unit 0 vlan-id 7\n"
	    "interfaces ge-0/0/1 disable\n");

	UNIT_CHECK(cmd_apply_text(r, "system", "set time-zone UTC\nset foo\nset host-name r2\n",
	    &line, &e) == -1);
	UNIT_CHECK(line == 2 && e.ce_kind == CE_SYNTAX);
	UNIT_STREQ(e.ce_word, "foo");
	UNIT_CHECK(strstr(dump(r), "time-zone UTC") != NULL);	/* lines before it stay */
	UNIT_CHECK(strstr(dump(r), "r2") == NULL);		/* and it stopped there */
	conf_free(r);
}

/* 100 000 set lines: everything lands (the time is the benchmark's business). */
static void
test_large(void)
{
	struct conf_node *r = conf_new(S);
	struct buf b = BUF_INIT;
	struct cmd_error e;
	size_t line;

	for (int i = 0; i < 100000; i++)
		buf_printf(&b, "set routing-options static route 10.%d.%d.%d/32 next-hop 192.0.2.%d\n",
		    i >> 16, (i >> 8) & 255, i & 255, i % 250 + 1);
	UNIT_CHECK(cmd_apply_text(r, NULL, buf_str(&b), &line, &e) == 0);
	UNIT_CHECK(e.ce_kind == CE_NONE);
	/* root, routing-options, static, 100 000 routes, each with one next-hop */
	UNIT_CHECK(conf_count(r) == 3 + 200000);
	UNIT_CHECK(run(r, "set routing-options static route 10.0.100.100/32 discard", &e) == 0);
	UNIT_CHECK(run(r, "delete routing-options static route 10.0.0.0/32", &e) == 0);
	UNIT_CHECK(conf_count(r) == 3 + 200000 - 2);
	buf_free(&b);
	conf_free(r);
}

int
main(void)
{
	char err[512];

	S = schema_load_dir(UNIT_MINI_SCHEMA(), err, sizeof(err));
	if (S == NULL) {
		fprintf(stderr, "mini schema: %s\n", err);
		return EXIT_FAILURE;
	}
	UNIT_RUN(test_split);
	UNIT_RUN(test_quote);
	UNIT_RUN(test_set_basic);
	UNIT_RUN(test_set_errors);
	UNIT_RUN(test_nokeyword_oneliner);
	UNIT_RUN(test_choice_and_leaflist);
	UNIT_RUN(test_secret);
	UNIT_RUN(test_delete);
	UNIT_RUN(test_activate_annotate);
	UNIT_RUN(test_rename_copy_insert);
	UNIT_RUN(test_groups_and_levels);
	UNIT_RUN(test_atomic);
	UNIT_RUN(test_resolve);
	UNIT_RUN(test_text);
	UNIT_RUN(test_large);
	free(dump_last);
	schema_free(S);
	return unit_exit();
}
