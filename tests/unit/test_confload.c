/* Unit tests of lib/confload.c: load merge / override / replace / update. */
#include <libxml/parser.h>

#include "formats_util.h"
#include "unit.h"

/* No parser scratch flag may reach a candidate. */
static bool
clean(const struct conf_node *n)
{
	const struct conf_node *c;

	if (n->cn_flags & CONF_F_SCRATCH)
		return false;
	if (n->cn_group != NULL)
		return false;
	CONF_FOREACH_CHILD(c, n)
		if (!clean(c))
			return false;
	return true;
}

/* Load text onto a candidate built from set lines; the result's set form. */
static char *
load(const char *cand, const char *text, enum conf_load_action action)
{
	struct conf_node *c = fu_tree(cand), *in = conf_new(fu_schema());
	struct buf e = BUF_INIT;
	char *s;

	if (conf_parse_text(in, text, "terminal", &e) != 0) {
		fprintf(stderr, "load: %s", buf_str(&e));
		exit(1);
	}
	conf_load(c, in, action);
	UNIT_CHECK(clean(c));
	s = fu_set(c);
	buf_free(&e);
	conf_free(c);
	return s;
}

#define CAND \
    "set system host-name gm1\n" \
    "set system domain-search a\n" \
    "set interfaces ge-0/0/0 description old\n" \
    "set interfaces ge-0/0/0 mtu 1500\n" \
    "set interfaces ge-0/0/0 unit 0 vlan-id 1\n" \
    "set interfaces ge-0/0/1 mtu 1500\n" \
    "set routing-options static route 10.0.0.0/8 next-hop 1.1.1.1\n"
static const char cand[] = CAND;

static void
test_load_merge(void)
{
	char *s = load(cand,
	    "system { host-name gm2; domain-search b; }\n"
	    "interfaces {\n"
	    "    ge-0/0/0 { description new; unit 0 { family inet { address 1.2.3.4/24; } } }\n"
	    "    ge-0/0/2 { mtu 9000; }\n"
	    "}\n"
	    "routing-options static route 10.0.0.0/8 discard;\n",
	    CL_MERGE);

	UNIT_STREQ(s,
	    "set system host-name gm2\n"
	    "set system domain-search a\n"
	    "set system domain-search b\n"
	    "set interfaces ge-0/0/0 description new\n"
	    "set interfaces ge-0/0/0 mtu 1500\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 1\n"
	    "set interfaces ge-0/0/0 unit 0 family inet address 1.2.3.4/24\n"
	    "set interfaces ge-0/0/1 mtu 1500\n"
	    "set interfaces ge-0/0/2 mtu 9000\n"
	    "set routing-options static route 10.0.0.0/8 discard\n");
	free(s);
}

static void
test_load_override_update(void)
{
	const char *text =
	    "system { host-name gm2; }\n"
	    "interfaces { ge-0/0/5 { replace: mtu 1400; delete: description; } }\n";
	const char *want =
	    "set system host-name gm2\n"
	    "set interfaces ge-0/0/5 mtu 1400\n";
	char *s = load(cand, text, CL_OVERRIDE);

	UNIT_STREQ(s, want);
	free(s);
	s = load(cand, text, CL_UPDATE);
	UNIT_STREQ(s, want);
	free(s);
}

static void
test_load_replace(void)
{
	const char *text =
	    "interfaces {\n"
	    "    replace: ge-0/0/0 { description new; }\n"
	    "    ge-0/0/1 { description d1; }\n"
	    "}\n";
	char *s = load(cand, text, CL_REPLACE);

	UNIT_STREQ(s,
	    "set system host-name gm1\n"
	    "set system domain-search a\n"
	    "set interfaces ge-0/0/0 description new\n"
	    "set interfaces ge-0/0/1 description d1\n"
	    "set interfaces ge-0/0/1 mtu 1500\n"
	    "set routing-options static route 10.0.0.0/8 next-hop 1.1.1.1\n");
	free(s);
	/* merge ignores the tag */
	s = load(cand, text, CL_MERGE);
	UNIT_STREQ(s,
	    "set system host-name gm1\n"
	    "set system domain-search a\n"
	    "set interfaces ge-0/0/0 description new\n"
	    "set interfaces ge-0/0/0 mtu 1500\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 1\n"
	    "set interfaces ge-0/0/1 description d1\n"
	    "set interfaces ge-0/0/1 mtu 1500\n"
	    "set routing-options static route 10.0.0.0/8 next-hop 1.1.1.1\n");
	free(s);
}

static void
test_load_tags(void)
{
	char *s = load(CAND "deactivate interfaces ge-0/0/1\n",
	    "interfaces {\n"
	    "    delete: ge-0/0/0;\n"
	    "    active: ge-0/0/1;\n"
	    "    inactive: ge-0/0/3 { mtu 1600; }\n"
	    "    ge-0/0/4 { description x; delete: mtu; }\n"
	    "}\n"
	    "system { delete: domain-search a; delete: time-zone; }\n"
	    "/* new */ routing-options { inactive: static; }\n",
	    CL_MERGE);

	UNIT_STREQ(s,
	    "set system host-name gm1\n"
	    "set interfaces ge-0/0/1 mtu 1500\n"
	    "set interfaces ge-0/0/3 mtu 1600\n"
	    "set interfaces ge-0/0/4 description x\n"
	    "set routing-options static route 10.0.0.0/8 next-hop 1.1.1.1\n"
	    "deactivate interfaces ge-0/0/3\n"
	    "deactivate routing-options static\n");
	free(s);

	/* the annotation came along */
	struct conf_node *c = fu_tree(cand), *in = conf_new(fu_schema());
	UNIT_CHECK(conf_parse_text(in, "/* new */ routing-options { static; }\n", "t", NULL) == 0);
	conf_load(c, in, CL_MERGE);
	UNIT_STREQ(fu_node(c, "routing-options")->cn_annotation, "new");
	conf_free(c);
}

static void
test_load_xml_insert(void)
{
	const char *base =
	    "set security group-vpn member ike proposal a\n"
	    "set security group-vpn member ike proposal b\n"
	    "set security group-vpn member ike proposal c\n"
	    "set routing-options static route 10.0.0.0/8 next-hop [ 1.1.1.1 2.2.2.2 ]\n";
	const char *xml =
	    "<configuration><security><group-vpn><member><ike>"
	    "<proposal insert=\"before\" name=\"a\"><name>c</name></proposal>"
	    "<proposal insert=\"after\" name=\"a\"><name>d</name></proposal>"
	    "</ike></member></group-vpn></security>"
	    "<routing-options><static><route><name>10.0.0.0/8</name>"
	    "<next-hop insert=\"before\" name=\"1.1.1.1\">3.3.3.3</next-hop>"
	    "<next-hop operation=\"delete\">2.2.2.2</next-hop>"
	    "</route></static></routing-options></configuration>";
	struct conf_node *c = fu_tree(base), *in = conf_new(fu_schema());
	xmlDocPtr doc = xmlReadMemory(xml, (int)strlen(xml), "t.xml", NULL, XML_PARSE_NONET);

	UNIT_CHECK(conf_parse_xml(in, xmlDocGetRootElement(doc), NULL) == 0);
	xmlFreeDoc(doc);
	conf_load(c, in, CL_MERGE);
	UNIT_CHECK(clean(c));
	char *s = fu_set(c);
	UNIT_STREQ(s,
	    "set routing-options static route 10.0.0.0/8 next-hop 3.3.3.3\n"
	    "set routing-options static route 10.0.0.0/8 next-hop 1.1.1.1\n"
	    "set security group-vpn member ike proposal c\n"
	    "set security group-vpn member ike proposal a\n"
	    "set security group-vpn member ike proposal d\n"
	    "set security group-vpn member ike proposal b\n");
	free(s);
	conf_free(c);
}

/* 100 000 entries merged onto 100 000: linear. */
static void
test_load_large(void)
{
	struct buf t = BUF_INIT;
	struct conf_node *c = conf_new(fu_schema()), *in = conf_new(fu_schema());
	double t0, t1;

	buf_puts(&t, "routing-options { static {\n");
	for (int i = 0; i < 100000; i++)
		buf_printf(&t, "route 10.%d.%d.%d/32 next-hop 1.1.1.1;\n", i / 65536, (i / 256) % 256,
		    i % 256);
	buf_puts(&t, "} }\n");
	UNIT_CHECK(conf_parse_text(c, buf_str(&t), "t", NULL) == 0);
	buf_reset(&t);
	buf_puts(&t, "routing-options { static {\n");
	for (int i = 50000; i < 150000; i++)
		buf_printf(&t, "route 10.%d.%d.%d/32 next-hop 2.2.2.2;\n", i / 65536, (i / 256) % 256,
		    i % 256);
	buf_puts(&t, "} }\n");
	UNIT_CHECK(conf_parse_text(in, buf_str(&t), "t", NULL) == 0);
	t0 = fu_now();
	conf_load(c, in, CL_MERGE);
	t1 = fu_now();
	UNIT_CHECK(conf_count(c) == 1 + 2 + 150000 * 2 + 50000);
	UNIT_CHECK(t1 - t0 < 10.0);
	printf("     merge of 100k onto 100k: %.3f s\n", t1 - t0);
	buf_free(&t);
	conf_free(c);
}

int
main(void)
{
	UNIT_RUN(test_load_merge);
	UNIT_RUN(test_load_override_update);
	UNIT_RUN(test_load_replace);
	UNIT_RUN(test_load_tags);
	UNIT_RUN(test_load_xml_insert);
	UNIT_RUN(test_load_large);
	fu_done();
	xmlCleanupParser();
	return unit_exit();
}
