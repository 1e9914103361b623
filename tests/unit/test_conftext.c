/* Unit tests of lib/conftext.c: the Junos text form, printed and parsed. */
#include <libxml/parser.h>

#include "formats_util.h"
#include "secret9.h"
#include "unit.h"

static const char sample_text[] =
    "system {\n"
    "    host-name gm1;\n"
    "}\n"
    "interfaces {\n"
    "    ms-4/0/0 {\n"
    "        unit 1 {\n"
    "            family inet;\n"
    "        }\n"
    "    }\n"
    "    ge-0/1/9 {\n"
    "        vlan-tagging;\n"
    "        unit 1 {\n"
    "            vlan-id 11;\n"
    "            family inet {\n"
    "                address 198.51.100.0/24;\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "    xe-0/3/1 {\n"
    "        vlan-tagging;\n"
    "        unit 1 {\n"
    "            vlan-id 1;\n"
    "            family inet {\n"
    "                service {\n"
    "                    input {\n"
    "                        service-set gvpn-service-set;\n"
    "                    }\n"
    "                    output {\n"
    "                        service-set gvpn-service-set;\n"
    "                    }\n"
    "                }\n"
    "                address 10.0.1.2/24;\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "}\n"
    "routing-options {\n"
    "    static {\n"
    "        route 192.0.2.0/24 next-hop 198.51.100.2;\n"
    "        route 203.0.113.0/24 next-hop 10.0.1.1;\n"
    "    }\n"
    "}\n"
    "security {\n"
    "    group-vpn {\n"
    "        member {\n"
    "            ike {\n"
    "                traceoptions {\n"
    "                    file gkmd size 10m files 3;\n"
    "                    flag all;\n"
    "                }\n"
    "                proposal prop1 {\n"
    "                    authentication-method pre-shared-keys;\n"
    "                }\n"
    "                policy pol1 {\n"
    "                    mode main;\n"
    "                    proposals prop1;\n"
    "                }\n"
    "                gateway gw1 {\n"
    "                    ike-policy pol1;\n"
    "                    server-address 192.0.2.1;\n"
    "                    local-address 10.0.1.2;\n"
    "                }\n"
    "            }\n"
    "            ipsec {\n"
    "                vpn v1 {\n"
    "                    ike-gateway gw1;\n"
    "                    group-id 1;\n"
    "                }\n"
    "            }\n"
    "        }\n"
    "    }\n"
    "}\n";

static void
test_print_sample(void)
{
	struct conf_node *r = fu_tree(FU_SAMPLE);
	char *t = fu_text(r, 0);

	UNIT_STREQ(t, sample_text);
	free(t);
	conf_free(r);
}

static void
test_print_shapes(void)
{
	struct conf_node *r = fu_tree(
	    "set routing-options static route 10.0.0.0/8 next-hop [ 1.1.1.1 2.2.2.2 ]\n"
	    "set routing-options static route 10.1.0.0/16 discard\n"
	    "set routing-options static route 10.2.0.0/16 next-hop 1.1.1.1 preference 7\n"
	    "set system domain-search a.com\n"
	    "set system domain-search [ b.com \"c d\" ]\n"
	    "set interfaces ge-0/0/0 description \"to core; east\"\n"
	    "set interfaces ge-0/0/0 unit 0 description \"\"\n"
	    "set interfaces xe-0/0/0 unit 0 family inet service output service-set s1 service-filter f1\n"
	    "set interfaces xe-0/0/0 unit 0 family inet6 address 2001:db8::1/64\n"
	    "set security group-vpn member ike traceoptions file gkmd\n");
	char *t = fu_text(r, 0);

	UNIT_STREQ(t,
	    "system {\n"
	    "    domain-search [ a.com b.com \"c d\" ];\n"
	    "}\n"
	    "interfaces {\n"
	    "    ge-0/0/0 {\n"
	    "        description \"to core; east\";\n"
	    "        unit 0 {\n"
	    "            description \"\";\n"
	    "        }\n"
	    "    }\n"
	    "    xe-0/0/0 {\n"
	    "        unit 0 {\n"
	    "            family inet {\n"
	    "                service {\n"
	    "                    output {\n"
	    "                        service-set s1 service-filter f1;\n"
	    "                    }\n"
	    "                }\n"
	    "            }\n"
	    "            family inet6 {\n"
	    "                address 2001:db8::1/64;\n"
	    "            }\n"
	    "        }\n"
	    "    }\n"
	    "}\n"
	    "routing-options {\n"
	    "    static {\n"
	    "        route 10.0.0.0/8 next-hop [ 1.1.1.1 2.2.2.2 ];\n"
	    "        route 10.1.0.0/16 discard;\n"
	    "        route 10.2.0.0/16 {\n"
	    "            next-hop 1.1.1.1;\n"
	    "            preference 7;\n"
	    "        }\n"
	    "    }\n"
	    "}\n"
	    "security {\n"
	    "    group-vpn {\n"
	    "        member {\n"
	    "            ike {\n"
	    "                traceoptions {\n"
	    "                    file gkmd;\n"
	    "                }\n"
	    "            }\n"
	    "        }\n"
	    "    }\n"
	    "}\n");
	free(t);
	conf_free(r);
}

static void
test_print_meta(void)
{
	struct conf_node *r = fu_tree(
	    "set apply-groups [ g2 g1 ]\n"
	    "set system host-name gm1\n"
	    "set system apply-groups g3\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 5\n"
	    "set interfaces ge-0/0/1 mtu 1500\n"
	    "set security group-vpn member ike policy p1 pre-shared-key ascii-text "
	    "\"$9$OGhlRyKXxdsYoX7wg4aHktu01cyKM8\"\n"
	    "deactivate interfaces ge-0/0/1\n"
	    "deactivate interfaces ge-0/0/0 unit 0 vlan-id\n"
	    "annotate system \"the box\"\n"
	    "annotate interfaces ge-0/0/0 \"uplink\"\n");
	char *t = fu_text(r, 0);

	UNIT_STREQ(t,
	    "apply-groups [ g2 g1 ];\n"
	    "/* the box */\n"
	    "system {\n"
	    "    apply-groups g3;\n"
	    "    host-name gm1;\n"
	    "}\n"
	    "interfaces {\n"
	    "    /* uplink */\n"
	    "    ge-0/0/0 {\n"
	    "        unit 0 {\n"
	    "            inactive: vlan-id 5;\n"
	    "        }\n"
	    "    }\n"
	    "    inactive: ge-0/0/1 {\n"
	    "        mtu 1500;\n"
	    "    }\n"
	    "}\n"
	    "security {\n"
	    "    group-vpn {\n"
	    "        member {\n"
	    "            ike {\n"
	    "                policy p1 {\n"
	    "                    pre-shared-key {\n"
	    "                        ascii-text \"$9$OGhlRyKXxdsYoX7wg4aHktu01cyKM8\"; ## SECRET-DATA\n"
	    "                    }\n"
	    "                }\n"
	    "            }\n"
	    "        }\n"
	    "    }\n"
	    "}\n");
	free(t);

	/* no secret mark, inactive statements left out */
	t = fu_text(fu_node(r, "security group-vpn member ike policy p1"),
	    CONF_P_NO_SECRET_MARK);
	UNIT_STREQ(t,
	    "pre-shared-key {\n"
	    "    ascii-text \"$9$OGhlRyKXxdsYoX7wg4aHktu01cyKM8\";\n"
	    "}\n");
	free(t);
	t = fu_text(fu_node(r, "interfaces ge-0/0/0"), CONF_P_NO_INACTIVE);
	UNIT_STREQ(t, "unit 0;\n");
	free(t);
	conf_free(r);
}

static void
test_print_oneliner_nesting(void)
{
	struct conf_node *r = fu_tree(
	    "set security group-vpn member ike gateway g1 local-identity inet 10.0.0.1\n"
	    "set security group-vpn member ike gateway g2 local-identity distinguished-name\n"
	    "set class-of-service interfaces ge-0/0/0 scheduler-map m1\n"
	    "set class-of-service interfaces ge-0/0/0 unit 0 classifier c1\n"
	    "set class-of-service interfaces xe-0/0/1\n");
	char *t = fu_text(r, 0);

	UNIT_STREQ(t,
	    "security {\n"
	    "    group-vpn {\n"
	    "        member {\n"
	    "            ike {\n"
	    "                gateway g1 {\n"
	    "                    local-identity inet 10.0.0.1;\n"
	    "                }\n"
	    "                gateway g2 {\n"
	    "                    local-identity distinguished-name;\n"
	    "                }\n"
	    "            }\n"
	    "        }\n"
	    "    }\n"
	    "}\n"
	    "class-of-service {\n"
	    "    interfaces {\n"
	    "        ge-0/0/0 {\n"
	    "            scheduler-map m1;\n"
	    "            unit 0 {\n"
	    "                classifier c1;\n"
	    "            }\n"
	    "        }\n"
	    "        xe-0/0/1;\n"
	    "    }\n"
	    "}\n");
	/* and back */
	struct conf_node *r2 = conf_new(fu_schema());
	UNIT_CHECK(conf_parse_text(r2, t, "terminal", NULL) == 0);
	UNIT_CHECK(conf_equal(r, r2, true));
	free(t);
	t = fu_set(r2);
	UNIT_STREQ(t,
	    "set security group-vpn member ike gateway g1 local-identity inet 10.0.0.1\n"
	    "set security group-vpn member ike gateway g2 local-identity distinguished-name\n"
	    "set class-of-service interfaces ge-0/0/0 scheduler-map m1\n"
	    "set class-of-service interfaces ge-0/0/0 unit 0 classifier c1\n"
	    "set class-of-service interfaces xe-0/0/1\n");
	free(t);
	conf_free(r);
	conf_free(r2);
}

static void
test_print_levels(void)
{
	struct conf_node *r = fu_tree(FU_SAMPLE);
	struct buf b = BUF_INIT;

	/* show at [edit interfaces ge-0/1/9 unit 1] */
	conf_print_text(&b, fu_node(r, "interfaces ge-0/1/9 unit 1"), 0, 0);
	UNIT_STREQ(buf_str(&b),
	    "vlan-id 11;\n"
	    "family inet {\n"
	    "    address 198.51.100.0/24;\n"
	    "}\n");
	buf_reset(&b);
	/* a leaf shows itself; indentation as asked */
	conf_print_text(&b, fu_node(r, "system host-name"), 4, 0);
	UNIT_STREQ(buf_str(&b), "    host-name gm1;\n");
	buf_reset(&b);
	/* `show interfaces` at [edit]: the container's entries, keyword-less */
	conf_print_text(&b, fu_node(r, "interfaces"), 0, 0);
	UNIT_CHECK(strncmp(buf_str(&b), "ms-4/0/0 {\n    unit 1 {\n        family inet;\n", 44) == 0);
	UNIT_CHECK(strstr(buf_str(&b), "\nxe-0/3/1 {\n") != NULL);
	buf_reset(&b);
	/* `show groups` at [edit]: the entries of the root-level list without its block */
	conf_free(r);
	r = fu_tree(FU_SAMPLE "set groups g1 system host-name a\n"
	    "set groups g2 interfaces <ge-*> mtu 1500\nset apply-groups g1\n");
	conf_print_text_list(&b, r, sch_child(fu_schema()->s_root, "groups"), 0, 0);
	UNIT_STREQ(buf_str(&b),
	    "g1 {\n"
	    "    system {\n"
	    "        host-name a;\n"
	    "    }\n"
	    "}\n"
	    "g2 {\n"
	    "    interfaces {\n"
	    "        <ge-*> {\n"
	    "            mtu 1500;\n"
	    "        }\n"
	    "    }\n"
	    "}\n");
	buf_reset(&b);
	/* Junos's top-level order: groups, apply-groups, then the rest */
	conf_print_text(&b, r, 0, 0);
	UNIT_CHECK(strncmp(buf_str(&b), "groups {\n    g1 {\n", 18) == 0);
	UNIT_CHECK(strstr(buf_str(&b), "\n}\napply-groups g1;\nsystem {\n") != NULL);
	buf_free(&b);
	conf_free(r);
}

/* Parse text, return the set form (or the errors). */
static char *
parse_to_set(const char *text, int *nerr, char **errs)
{
	struct conf_node *r = conf_new(fu_schema());
	struct buf e = BUF_INIT;
	char *s;

	*nerr = conf_parse_text(r, text, "terminal", &e);
	s = fu_set(r);
	*errs = buf_steal(&e);
	conf_free(r);
	return s;
}

static void
test_parse_roundtrip(void)
{
	struct conf_node *r = fu_tree(FU_SAMPLE
	    "set routing-options static route 10.0.0.0/8 next-hop [ 1.1.1.1 2.2.2.2 ]\n"
	    "set routing-options static route 10.2.0.0/16 next-hop 1.1.1.1 preference 7\n"
	    "set system domain-search [ b.com \"c d\" ]\n"
	    "set interfaces ge-0/0/0 description \"to \\\"core\\\"; east\"\n"
	    "set apply-groups [ g1 g2 ]\n"
	    "set groups g1 interfaces <ge-*> mtu 1500\n"
	    "set groups g2 system host-name x\n"
	    "deactivate interfaces ge-0/1/9\n"
	    "deactivate system host-name\n"
	    "annotate interfaces xe-0/3/1 \"uplink to the core\"\n"
	    "annotate routing-options \"routes */ more\"\n");
	char *t = fu_text(r, 0);

	UNIT_CHECK(strstr(t, "/* routes *\\/ more */\nrouting-options {\n") != NULL);
	struct conf_node *r2 = conf_new(fu_schema());
	struct buf e = BUF_INIT;

	UNIT_CHECK(conf_parse_text(r2, t, "terminal", &e) == 0);
	UNIT_STREQ(buf_str(&e), "");
	UNIT_CHECK(conf_equal(r, r2, true));
	char *t2 = fu_text(r2, 0);
	UNIT_STREQ(t2, t);
	free(t);
	free(t2);
	buf_free(&e);
	conf_free(r);
	conf_free(r2);
}

static void
test_parse_forms(void)
{
	int n;
	char *errs, *s;

	/* the keyed forms Junos accepts, comments, trailing ## marks, `version` */
	s = parse_to_set(
	    "## Last commit: 2026-01-01 00:00:00 UTC by root\n"
	    "version 24.4R1;\n"
	    "# a comment\n"
	    "interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24;\n"
	    "interfaces xe-0/0/0 {\n"
	    "    unit 5 { vlan-id 5; }\n"
	    "}\n"
	    "interfaces {\n"
	    "    /* first */\n"
	    "    ge-0/0/1 { disable; description \"x y\"; }\n"
	    "}\n"
	    "system { domain-search [ a b ]; domain-search c; }\n"
	    "routing-options { static { route 0.0.0.0/0 next-hop 10.0.0.254 preference 9; } }\n"
	    "security group-vpn member ike traceoptions { file gkmd size 1m; flag all; }\n",
	    &n, &errs);
	UNIT_CHECK(n == 0);
	UNIT_STREQ(errs, "");
	UNIT_STREQ(s,
	    "set system domain-search a\n"
	    "set system domain-search b\n"
	    "set system domain-search c\n"
	    "set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24\n"
	    "set interfaces xe-0/0/0 unit 5 vlan-id 5\n"
	    "set interfaces ge-0/0/1 description \"x y\"\n"
	    "set interfaces ge-0/0/1 disable\n"
	    "set routing-options static route 0.0.0.0/0 next-hop 10.0.0.254\n"
	    "set routing-options static route 0.0.0.0/0 preference 9\n"
	    "set security group-vpn member ike traceoptions file gkmd\n"
	    "set security group-vpn member ike traceoptions file size 1m\n"
	    "set security group-vpn member ike traceoptions flag all\n");
	free(s);
	free(errs);

	/* the annotation went to the statement after it */
	struct conf_node *r = conf_new(fu_schema());
	UNIT_CHECK(conf_parse_text(r, "interfaces { /* first */ ge-0/0/1 { disable; } }", "f",
	    NULL) == 0);
	struct conf_node *x = fu_node(r, "interfaces ge-0/0/1");
	UNIT_CHECK(x != NULL && x->cn_annotation != NULL &&
	    strcmp(x->cn_annotation, "first") == 0);
	conf_free(r);
}

/* Values that look like keywords or tags stay values, through print and parse. */
static void
test_parse_quoting(void)
{
	struct conf_node *r = conf_new(fu_schema()), *r2 = conf_new(fu_schema());
	struct buf e = BUF_INIT;
	char *t;

	UNIT_CHECK(conf_parse_text(r,
	    "security group-vpn member ike traceoptions file \"size\" size 1m;\n"
	    "groups { g { interfaces { <ge-0/0/[0-9]> { mtu 1500; } \"<xe-*>\" { mtu 1400; } } } }\n"
	    "/* a \\ b *\\/ c */ system { host-name \"inactive:\"; }\n",
	    "terminal", &e) == 0);
	UNIT_STREQ(buf_str(&e), "");
	t = fu_text(r, 0);
	UNIT_STREQ(t,
	    "groups {\n"
	    "    g {\n"
	    "        interfaces {\n"
	    "            \"<ge-0/0/[0-9]>\" {\n"
	    "                mtu 1500;\n"
	    "            }\n"
	    "            <xe-*> {\n"
	    "                mtu 1400;\n"
	    "            }\n"
	    "        }\n"
	    "    }\n"
	    "}\n"
	    "/* a \\\\ b *\\/ c */\n"
	    "system {\n"
	    "    host-name inactive:;\n"
	    "}\n"
	    "security {\n"
	    "    group-vpn {\n"
	    "        member {\n"
	    "            ike {\n"
	    "                traceoptions {\n"
	    "                    file \"size\" size 1m;\n"
	    "                }\n"
	    "            }\n"
	    "        }\n"
	    "    }\n"
	    "}\n");
	UNIT_STREQ(fu_node(r, "system")->cn_annotation, "a \\ b */ c");
	UNIT_CHECK(conf_parse_text(r2, t, "terminal", &e) == 0);
	UNIT_STREQ(buf_str(&e), "");
	UNIT_CHECK(conf_equal(r, r2, true));
	free(t);
	buf_free(&e);
	conf_free(r);
	conf_free(r2);
}

static void
test_parse_tags(void)
{
	struct conf_node *r = conf_new(fu_schema());
	struct buf e = BUF_INIT;

	UNIT_CHECK(conf_parse_text(r,
	    "inactive: system { host-name a; }\n"
	    "interfaces {\n"
	    "    replace: ge-0/0/0 { mtu 1500; }\n"
	    "    delete: ge-0/0/1;\n"
	    "    active: ge-0/0/2 { inactive: mtu 1600; }\n"
	    "}\n"
	    "routing-options static { delete: route 10.0.0.0/8; }\n",
	    "terminal", &e) == 0);
	UNIT_STREQ(buf_str(&e), "");
	UNIT_CHECK(fu_node(r, "system")->cn_flags & CONF_F_INACTIVE);
	UNIT_CHECK(fu_node(r, "interfaces ge-0/0/0")->cn_flags & CONF_F_REPLACE);
	UNIT_CHECK(fu_node(r, "interfaces ge-0/0/1")->cn_flags & CONF_F_DELETE);
	UNIT_CHECK(fu_node(r, "interfaces ge-0/0/2")->cn_flags & CONF_F_ACTIVATE);
	UNIT_CHECK(fu_node(r, "interfaces ge-0/0/2 mtu")->cn_flags & CONF_F_INACTIVE);
	UNIT_CHECK(fu_node(r, "routing-options static route 10.0.0.0/8")->cn_flags &
	    CONF_F_DELETE);
	UNIT_CHECK(!(fu_node(r, "interfaces ge-0/0/0 mtu")->cn_flags & CONF_F_REPLACE));
	buf_free(&e);
	conf_free(r);
}

static void
test_parse_errors(void)
{
	int n;
	char *errs, *s;

	/* unknown statement: reported, the rest applied */
	s = parse_to_set(
	    "system {\n"
	    "    host-name gm1;\n"
	    "    metric 65450;\n"
	    "    time-zone UTC;\n"
	    "}\n",
	    &n, &errs);
	UNIT_CHECK(n == 1);
	UNIT_STREQ(errs,
	    "terminal:3:(10) syntax error: metric\n"
	    "  [edit system]\n"
	    "    'metric 65450;'\n"
	    "      syntax error\n");
	UNIT_STREQ(s, "set system host-name gm1\nset system time-zone UTC\n");
	free(s);
	free(errs);

	/* no keyword abbreviations in a file */
	s = parse_to_set("sys { host-name a; }\n", &n, &errs);
	UNIT_CHECK(n == 1);
	UNIT_STREQ(errs,
	    "terminal:1:(3) syntax error: sys\n"
	    "  [edit]\n"
	    "    'sys {'\n"
	    "      syntax error\n");
	UNIT_STREQ(s, "");
	free(s);
	free(errs);

	/* a value out of range: nothing of the statement is kept, nor its empty block */
	s = parse_to_set(
	    "interfaces {\n"
	    "    ge-0/0/0 {\n"
	    "        unit 0 { vlan-id 5000; }\n"
	    "        mtu 1500;\n"
	    "    }\n"
	    "}\n",
	    &n, &errs);
	UNIT_CHECK(n == 1);
	UNIT_STREQ(errs,
	    "terminal:3:(29) error: invalid value: 5000\n"
	    "  [edit interfaces ge-0/0/0 unit 0]\n"
	    "    'vlan-id 5000;'\n"
	    "      Value 5000 is not within range (1..4094)\n");
	UNIT_STREQ(s, "set interfaces ge-0/0/0 mtu 1500\n");
	free(s);
	free(errs);

	/* a bad key skips its whole block */
	s = parse_to_set(
	    "interfaces {\n"
	    "    bogus0 {\n"
	    "        mtu 1500;\n"
	    "        unit 0 { vlan-id 1; }\n"
	    "    }\n"
	    "    ge-0/0/0 mtu 1400;\n"
	    "}\n",
	    &n, &errs);
	UNIT_CHECK(n == 1);
	UNIT_CHECK(strncmp(errs, "terminal:2:(10) error: invalid value: bogus0\n"
	    "  [edit interfaces]\n    'bogus0 {'\n", 69) == 0);
	UNIT_STREQ(s, "set interfaces ge-0/0/0 mtu 1400\n");
	free(s);
	free(errs);

	/* a missing value, a leaf opening a block, a stray '}', a missing '}' */
	s = parse_to_set("system { host-name; }\n", &n, &errs);
	UNIT_CHECK(n == 1);
	UNIT_STREQ(errs,
	    "terminal:1:(19) syntax error: ;\n"
	    "  [edit system]\n"
	    "    'host-name;'\n"
	    "      syntax error\n");
	free(s);
	free(errs);
	s = parse_to_set("system { host-name a { x; } time-zone b; }\n", &n, &errs);
	UNIT_CHECK(n == 1);
	UNIT_STREQ(s, "set system time-zone b\n");
	free(s);
	free(errs);
	s = parse_to_set("}\nsystem { host-name a; }\n", &n, &errs);
	UNIT_CHECK(n == 1);
	UNIT_STREQ(s, "set system host-name a\n");
	free(s);
	free(errs);
	s = parse_to_set("system {\n    host-name a;\n", &n, &errs);
	UNIT_CHECK(n == 1);
	UNIT_STREQ(errs,
	    "terminal:3:(1) syntax error: end of input\n"
	    "  [edit system]\n"
	    "    '}'\n"
	    "      missing '}'\n");
	UNIT_STREQ(s, "set system host-name a\n");
	free(s);
	free(errs);
	s = parse_to_set("system { host-name \"unterminated; }\n", &n, &errs);
	UNIT_CHECK(n >= 1);
	UNIT_CHECK(strstr(errs, "unterminated quote or comment") != NULL);
	free(s);
	free(errs);
	s = parse_to_set("system { domain-search [ a b; }\n", &n, &errs);
	UNIT_CHECK(n == 1);
	UNIT_STREQ(s, "");
	free(s);
	free(errs);
	/* a wildcard key is for groups only */
	s = parse_to_set("interfaces { <ge-*> { mtu 1500; } }\n"
	    "groups { g { interfaces { <ge-*> { mtu 1500; } } } }\n", &n, &errs);
	UNIT_CHECK(n == 1);
	UNIT_STREQ(s, "set groups g interfaces <ge-*> mtu 1500\n");
	free(s);
	free(errs);
}

static void
test_parse_secret(void)
{
	struct conf_node *r = conf_new(fu_schema());
	struct conf_node *k;
	char *plain;

	UNIT_CHECK(conf_parse_text(r,
	    "security group-vpn member ike policy p1 pre-shared-key ascii-text \"my secret\";\n"
	    "security group-vpn member ike policy p2 pre-shared-key ascii-text "
	    "\"$9$OGhlRyKXxdsYoX7wg4aHktu01cyKM8\"; ## SECRET-DATA\n",
	    "terminal", NULL) == 0);
	k = fu_node(r, "security group-vpn member ike policy p1 pre-shared-key ascii-text");
	UNIT_CHECK(k != NULL && strncmp(k->cn_value, "$9$", 3) == 0);
	plain = k != NULL ? secret9_decode(k->cn_value) : NULL;
	UNIT_STREQ(plain, "my secret");
	free(plain);
	k = fu_node(r, "security group-vpn member ike policy p2 pre-shared-key ascii-text");
	UNIT_STREQ(k ? k->cn_value : NULL, "$9$OGhlRyKXxdsYoX7wg4aHktu01cyKM8");
	conf_free(r);
}

static void
test_parse_relative(void)
{
	struct conf_node *r = fu_tree("set interfaces ge-0/0/0 unit 0 vlan-id 1\n");
	struct conf_node *at = fu_node(r, "interfaces ge-0/0/0 unit 0");
	struct buf e = BUF_INIT;

	/* load merge terminal relative at [edit interfaces ge-0/0/0 unit 0] */
	UNIT_CHECK(conf_parse_text(at, "description d;\nfamily inet { address 1.2.3.4/24; }\n"
	    "bogus;\n", "terminal", &e) == 1);
	UNIT_STREQ(buf_str(&e),
	    "terminal:3:(5) syntax error: bogus\n"
	    "  [edit interfaces ge-0/0/0 unit 0]\n"
	    "    'bogus;'\n"
	    "      syntax error\n");
	char *s = fu_set(r);
	UNIT_STREQ(s,
	    "set interfaces ge-0/0/0 unit 0 description d\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 1\n"
	    "set interfaces ge-0/0/0 unit 0 family inet address 1.2.3.4/24\n");
	free(s);
	buf_free(&e);
	conf_free(r);
}

/*
 * GM1's example configuration with the real schema ($ROUTEMU_SCHEMA_DIR, else the
 * source tree's schema/): set -> tree -> text -> tree -> set, and the XML and JSON forms
 * back to the same tree.
 */
static void
test_gm1_roundtrip(void)
{
	char err[1024], dir[1024], file[1024];
	const char *top = getenv("srcdir"), *env = getenv("ROUTEMU_SCHEMA_DIR");
	struct schema *s;
	struct conf_node *r, *r2;
	struct cmd_error ce;
	struct buf t = BUF_INIT, e = BUF_INIT;
	size_t line = 0;
	char *set, *set2, *lines;

	snprintf(dir, sizeof(dir), "%s", env ? env : top ? top : ".");
	if (env == NULL)
		strncat(dir, "/schema", sizeof(dir) - strlen(dir) - 1);
	snprintf(file, sizeof(file), "%s/examples/gm1.set", top ? top : ".");
	if ((s = schema_load_dir(dir, err, sizeof(err))) == NULL) {
		fprintf(stderr, "schema %s: %s\n", dir, err);
		UNIT_CHECK(s != NULL);
		return;
	}
	lines = fu_readfile(file);
	r = conf_new(s);
	UNIT_CHECK(cmd_apply_text(r, NULL, lines, &line, &ce) == 0);
	UNIT_CHECK(conf_count(r) > 20);
	conf_print_text(&t, r, 0, 0);
	UNIT_CHECK(strstr(buf_str(&t), "; ## SECRET-DATA\n") != NULL);
	r2 = conf_new(s);
	UNIT_CHECK(conf_parse_text(r2, buf_str(&t), "gm1.conf", &e) == 0);
	UNIT_STREQ(buf_str(&e), "");
	UNIT_CHECK(conf_equal(r, r2, true));
	set = fu_set(r);
	set2 = fu_set(r2);
	UNIT_STREQ(set2, set);
	free(set2);
	conf_free(r2);

	/* XML */
	buf_reset(&t);
	conf_print_xml(&t, r, NULL, 0);
	xmlDocPtr doc = xmlReadMemory(buf_str(&t), (int)t.b_len, "gm1.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	UNIT_CHECK(doc != NULL);
	r2 = conf_new(s);
	if (doc != NULL)
		UNIT_CHECK(conf_parse_xml(r2, xmlDocGetRootElement(doc), &e) == 0);
	xmlFreeDoc(doc);
	UNIT_CHECK(conf_equal(r, r2, true));
	conf_free(r2);

	/* JSON */
	buf_reset(&t);
	conf_print_json(&t, r, NULL, 0);
	r2 = conf_new(s);
	UNIT_CHECK(conf_parse_json(r2, buf_str(&t), &e) == 0);
	UNIT_CHECK(conf_equal(r, r2, true));
	UNIT_STREQ(buf_str(&e), "");
	conf_free(r2);

	free(set);
	free(lines);
	buf_free(&t);
	buf_free(&e);
	conf_free(r);
	schema_free(s);
}

/* 100 000 statements: parse and print stay linear. */
static void
test_parse_large(void)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct conf_node *r = conf_new(fu_schema());
	double t0, t1;

	buf_puts(&in, "interfaces {\n");
	for (int i = 0; i < 25000; i++)
		buf_printf(&in, "    ge-%d/%d/%d {\n        description \"port %d\";\n"
		    "        unit 0 {\n            family inet {\n"
		    "                address 10.%d.%d.1/24;\n            }\n        }\n    }\n",
		    i / 1000, (i / 10) % 100, i % 10, i, i / 250, i % 250);
	buf_puts(&in, "}\n");
	t0 = fu_now();
	UNIT_CHECK(conf_parse_text(r, buf_str(&in), "terminal", NULL) == 0);
	conf_print_text(&out, r, 0, 0);
	t1 = fu_now();
	UNIT_STREQ(buf_str(&out), buf_str(&in));
	UNIT_CHECK(conf_count(r) == 2 + 25000 * 6);
	/* 0.4 s unsanitized here, 3 s under ASan; a quadratic step would take hours */
	UNIT_CHECK(t1 - t0 < 30.0);
	printf("     100k statements: parse + print %.3f s\n", t1 - t0);
	buf_free(&in);
	buf_free(&out);
	conf_free(r);
}

int
main(void)
{
	UNIT_RUN(test_print_sample);
	UNIT_RUN(test_print_shapes);
	UNIT_RUN(test_print_meta);
	UNIT_RUN(test_print_oneliner_nesting);
	UNIT_RUN(test_print_levels);
	UNIT_RUN(test_parse_roundtrip);
	UNIT_RUN(test_parse_forms);
	UNIT_RUN(test_parse_quoting);
	UNIT_RUN(test_parse_tags);
	UNIT_RUN(test_parse_errors);
	UNIT_RUN(test_parse_secret);
	UNIT_RUN(test_parse_relative);
	UNIT_RUN(test_gm1_roundtrip);
	UNIT_RUN(test_parse_large);
	fu_done();
	xmlCleanupParser();
	return unit_exit();
}
