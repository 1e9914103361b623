/* Unit tests of lib/confxml.c: `| display xml` and XML load. */
#include <libxml/parser.h>

#include "formats_util.h"
#include "unit.h"

static xmlDocPtr
xml_doc(const char *text)
{
	return xmlReadMemory(text, (int)strlen(text), "test.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_RECOVER);
}

/* Parse an XML text into a new tree; errors into *errs. */
static struct conf_node *
xml_tree(const char *text, int *nerr, char **errs)
{
	struct conf_node *r = conf_new(fu_schema());
	struct buf e = BUF_INIT;
	xmlDocPtr doc = xml_doc(text);

	*nerr = doc ? conf_parse_xml(r, xmlDocGetRootElement(doc), &e) : -1;
	xmlFreeDoc(doc);
	*errs = buf_steal(&e);
	return r;
}

static void
test_xml_print(void)
{
	struct conf_node *r = fu_tree(
	    "set system host-name gm1\n"
	    "set system domain-search [ a b ]\n"
	    "set interfaces ms-4/0/0 unit 1 family inet\n"
	    "set interfaces ge-0/1/9 vlan-tagging\n"
	    "set interfaces ge-0/1/9 description \"a<b & \\\"c\\\"\"\n"
	    "set interfaces ge-0/1/9 unit 1 vlan-id 11\n"
	    "set routing-options static route 10.0.0.0/8 discard\n"
	    "set groups g1 interfaces <ge-*> mtu 1500\n"
	    "set apply-groups g1\n"
	    "deactivate interfaces ge-0/1/9 unit 1\n"
	    "annotate routing-options \"static routes\"\n");
	struct buf b = BUF_INIT;

	conf_print_xml(&b, r, "junos:commit-seconds=\"1771154457\" "
	    "junos:commit-localtime=\"2026-02-15 03:20:57 PST\" junos:commit-user=\"ps\"", 0);
	UNIT_STREQ(buf_str(&b),
	    "<configuration junos:commit-seconds=\"1771154457\"\n"
	    "               junos:commit-localtime=\"2026-02-15 03:20:57 PST\"\n"
	    "               junos:commit-user=\"ps\">\n"
	    "        <groups>\n"
	    "            <name>g1</name>\n"
	    "            <interfaces>\n"
	    "                <interface>\n"
	    "                    <name>&lt;ge-*&gt;</name>\n"
	    "                    <mtu>1500</mtu>\n"
	    "                </interface>\n"
	    "            </interfaces>\n"
	    "        </groups>\n"
	    "        <apply-groups>g1</apply-groups>\n"
	    "        <system>\n"
	    "            <host-name>gm1</host-name>\n"
	    "            <domain-search>a</domain-search>\n"
	    "            <domain-search>b</domain-search>\n"
	    "        </system>\n"
	    "        <interfaces>\n"
	    "            <interface>\n"
	    "                <name>ms-4/0/0</name>\n"
	    "                <unit>\n"
	    "                    <name>1</name>\n"
	    "                    <family>\n"
	    "                        <inet/>\n"
	    "                    </family>\n"
	    "                </unit>\n"
	    "            </interface>\n"
	    "            <interface>\n"
	    "                <name>ge-0/1/9</name>\n"
	    "                <description>a&lt;b &amp; \"c\"</description>\n"
	    "                <vlan-tagging/>\n"
	    "                <unit inactive=\"inactive\">\n"
	    "                    <name>1</name>\n"
	    "                    <vlan-id>11</vlan-id>\n"
	    "                </unit>\n"
	    "            </interface>\n"
	    "        </interfaces>\n"
	    "        <junos:comment>/* static routes */</junos:comment>\n"
	    "        <routing-options>\n"
	    "            <static>\n"
	    "                <route>\n"
	    "                    <name>10.0.0.0/8</name>\n"
	    "                    <discard/>\n"
	    "                </route>\n"
	    "            </static>\n"
	    "        </routing-options>\n"
	    "</configuration>\n");
	buf_reset(&b);

	/* inside <rpc-reply>: the tag at column 4; inactive data left out */
	conf_print_xml_indent(&b, fu_node(r, "interfaces ge-0/1/9"), NULL, CONF_P_NO_INACTIVE, 4);
	UNIT_STREQ(buf_str(&b),
	    "    <configuration>\n"
	    "            <interfaces>\n"
	    "                <interface>\n"
	    "                    <name>ge-0/1/9</name>\n"
	    "                    <description>a&lt;b &amp; \"c\"</description>\n"
	    "                    <vlan-tagging/>\n"
	    "                </interface>\n"
	    "            </interfaces>\n"
	    "    </configuration>\n");
	buf_reset(&b);

	/* a leaf, wrapped in its ancestors; and without them */
	conf_print_xml(&b, fu_node(r, "system host-name"), NULL, 0);
	UNIT_STREQ(buf_str(&b),
	    "<configuration>\n"
	    "        <system>\n"
	    "            <host-name>gm1</host-name>\n"
	    "        </system>\n"
	    "</configuration>\n");
	buf_reset(&b);
	conf_print_xml(&b, fu_node(r, "system"), NULL, CONF_P_NO_EXPORT_PATH);
	UNIT_STREQ(buf_str(&b),
	    "<configuration>\n"
	    "        <host-name>gm1</host-name>\n"
	    "        <domain-search>a</domain-search>\n"
	    "        <domain-search>b</domain-search>\n"
	    "</configuration>\n");
	buf_free(&b);
	conf_free(r);
}

static void
test_xml_roundtrip(void)
{
	struct conf_node *r = fu_tree(FU_SAMPLE
	    "set apply-groups g1\n"
	    "set groups g1 interfaces <ge-*> mtu 1500\n"
	    "set system domain-search [ a b ]\n"
	    "set interfaces ge-0/0/0 description \"x & <y>\"\n"
	    "set security group-vpn member ike policy pol1 pre-shared-key ascii-text "
	    "\"$9$OGhlRyKXxdsYoX7wg4aHktu01cyKM8\"\n"
	    "deactivate interfaces xe-0/3/1 unit 1 family inet\n"
	    "deactivate system host-name\n"
	    "annotate interfaces ge-0/1/9 \"uplink\"\n");
	struct buf b = BUF_INIT;
	char *errs;
	int n;

	conf_print_xml(&b, r, NULL, 0);
	/* what a client sends: the namespace declared on an outer element */
	struct buf doc = BUF_INIT;
	buf_printf(&doc, "<rpc-reply xmlns:junos=\"http://xml.juniper.net/junos/24.4R1/junos\">"
	    "%s</rpc-reply>", buf_str(&b));
	xmlDocPtr d = xml_doc(buf_str(&doc));
	xmlNodePtr cfg = xmlDocGetRootElement(d)->children;
	while (cfg != NULL && cfg->type != XML_ELEMENT_NODE)
		cfg = cfg->next;
	struct conf_node *r2 = conf_new(fu_schema());
	struct buf e = BUF_INIT;
	UNIT_CHECK(conf_parse_xml(r2, cfg, &e) == 0);
	UNIT_STREQ(buf_str(&e), "");
	UNIT_CHECK(conf_equal(r, r2, true));
	xmlFreeDoc(d);
	buf_free(&doc);
	buf_free(&e);
	conf_free(r2);

	/* the same without the namespace declaration (libxml2 keeps the prefixed name) */
	r2 = xml_tree(buf_str(&b), &n, &errs);
	UNIT_CHECK(n == 0);
	UNIT_STREQ(errs, "");
	UNIT_CHECK(conf_equal(r, r2, true));
	free(errs);
	conf_free(r2);
	buf_free(&b);
	conf_free(r);
}

static void
test_xml_parse_attrs(void)
{
	int n;
	char *errs;
	struct conf_node *r = xml_tree(
	    "<configuration>"
	    "  <system><host-name inactive=\"inactive\">a</host-name>"
	    "    <domain-search>x</domain-search><domain-search>y</domain-search></system>"
	    "  <interfaces>"
	    "    <interface operation=\"delete\"><name>ge-0/0/1</name></interface>"
	    "    <interface replace=\"replace\"><name>ge-0/0/2</name><mtu>1500</mtu></interface>"
	    "    <interface active=\"active\"><name>ge-0/0/3</name>"
	    "      <description delete=\"delete\"/></interface>"
	    "  </interfaces>"
	    "  <security><group-vpn><member><ike>"
	    "    <proposal insert=\"before\" name=\"p1\"><name>p2</name></proposal>"
	    "    <proposal insert=\"after\" key=\"[ name='p1' ]\"><name>p3</name></proposal>"
	    "    <policy><name>pol</name><pre-shared-key><ascii-text>clear</ascii-text>"
	    "    </pre-shared-key></policy>"
	    "  </ike></member></group-vpn></security>"
	    "  <routing-options><static><route><name>10.0.0.0/8</name>"
	    "    <next-hop operation=\"delete\">1.1.1.1</next-hop></route></static></routing-options>"
	    "</configuration>", &n, &errs);

	UNIT_CHECK(n == 0);
	UNIT_STREQ(errs, "");
	UNIT_CHECK(fu_node(r, "system host-name")->cn_flags & CONF_F_INACTIVE);
	UNIT_CHECK(fu_node(r, "interfaces ge-0/0/1")->cn_flags & CONF_F_DELETE);
	UNIT_CHECK(fu_node(r, "interfaces ge-0/0/2")->cn_flags & CONF_F_REPLACE);
	UNIT_CHECK(fu_node(r, "interfaces ge-0/0/3")->cn_flags & CONF_F_ACTIVATE);
	UNIT_CHECK(fu_node(r, "interfaces ge-0/0/3 description")->cn_flags & CONF_F_DELETE);
	struct conf_node *p2 = fu_node(r, "security group-vpn member ike proposal p2");
	struct conf_node *p3 = fu_node(r, "security group-vpn member ike proposal p3");
	UNIT_CHECK(p2 != NULL && (p2->cn_flags & CONF_F_INSERT_BEFORE));
	UNIT_STREQ(p2 ? p2->cn_group : NULL, "p1");
	UNIT_CHECK(p3 != NULL && (p3->cn_flags & CONF_F_INSERT_AFTER));
	UNIT_STREQ(p3 ? p3->cn_group : NULL, "p1");
	struct conf_node *k = fu_node(r, "security group-vpn member ike policy pol pre-shared-key "
	    "ascii-text");
	UNIT_CHECK(k != NULL && strncmp(k->cn_value, "$9$", 3) == 0);
	struct conf_node *nh = fu_node(r, "routing-options static route 10.0.0.0/8 next-hop 1.1.1.1");
	UNIT_CHECK(nh != NULL && (nh->cn_flags & CONF_F_DELETE));
	free(errs);
	conf_free(r);
}

static void
test_xml_parse_errors(void)
{
	int n;
	char *errs;
	struct conf_node *r;

	r = xml_tree("<configuration><protocols><lldp/></protocols>"
	    "<system><host-name>a</host-name><bogus>1</bogus></system></configuration>",
	    &n, &errs);
	UNIT_CHECK(n == 2);
	UNIT_STREQ(errs,
	    "[edit]\n  'protocols'\n    syntax error\n"
	    "[edit system]\n  'bogus'\n    syntax error\n");
	char *s = fu_set(r);
	UNIT_STREQ(s, "set system host-name a\n");
	free(s);
	free(errs);
	conf_free(r);

	r = xml_tree("<configuration><interfaces><interface><name>ge-0/0/0</name>"
	    "<unit><name>0</name><vlan-id>5000</vlan-id></unit></interface>"
	    "<interface><mtu>1</mtu></interface>"
	    "<interface><name>nonsense</name></interface>"
	    "<foo/></interfaces></configuration>", &n, &errs);
	UNIT_CHECK(n == 4);
	UNIT_STREQ(errs,
	    "[edit interfaces ge-0/0/0 unit 0]\n  'vlan-id'\n"
	    "    Value 5000 is not within range (1..4094)\n"
	    "[edit interfaces]\n  'interface'\n    missing key\n"
	    "[edit interfaces]\n  'nonsense'\n    invalid interface type in 'nonsense'\n"
	    "[edit interfaces]\n  'foo'\n    syntax error\n");
	free(errs);
	conf_free(r);
}

int
main(void)
{
	UNIT_RUN(test_xml_print);
	UNIT_RUN(test_xml_roundtrip);
	UNIT_RUN(test_xml_parse_attrs);
	UNIT_RUN(test_xml_parse_errors);
	fu_done();
	xmlCleanupParser();
	return unit_exit();
}
