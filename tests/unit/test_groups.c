/* Unit tests of lib/groups.c: apply-groups expansion and `| display inheritance`. */
#include "formats_util.h"
#include "unit.h"

static char *
expand_set(const char *lines, bool keep_inactive)
{
	struct conf_node *r = fu_tree(lines), *x;
	struct buf e = BUF_INIT;
	char *s;

	x = conf_expand_groups(r, keep_inactive, &e);
	UNIT_STREQ(buf_str(&e), "");
	s = x != NULL ? fu_set(x) : NULL;
	conf_free(x);
	conf_free(r);
	buf_free(&e);
	return s;
}

static void
test_groups_wildcards(void)
{
	char *s = expand_set(
	    "set groups g1 system host-name from-g1\n"
	    "set groups g1 interfaces <ge-*> mtu 1500\n"
	    "set groups g1 interfaces <ge-*> unit <*> family inet\n"
	    "set groups g1 interfaces lo0 unit 0 family inet address 127.0.0.1/32\n"
	    "set groups g1 interfaces <xe-0/0/[0-4]> description low\n"
	    "set apply-groups g1\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 1\n"
	    "set interfaces ge-0/0/0 unit 1 vlan-id 2\n"
	    "set interfaces xe-0/0/3 mtu 9000\n"
	    "set interfaces xe-0/0/7 mtu 9000\n",
	    false);

	/* wildcards reach existing entries only; a literal key creates its entry */
	UNIT_STREQ(s,
	    "set system host-name from-g1\n"
	    "set interfaces ge-0/0/0 mtu 1500\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 1\n"
	    "set interfaces ge-0/0/0 unit 0 family inet\n"
	    "set interfaces ge-0/0/0 unit 1 vlan-id 2\n"
	    "set interfaces ge-0/0/0 unit 1 family inet\n"
	    "set interfaces xe-0/0/3 description low\n"
	    "set interfaces xe-0/0/3 mtu 9000\n"
	    "set interfaces xe-0/0/7 mtu 9000\n"
	    "set interfaces lo0 unit 0 family inet address 127.0.0.1/32\n");
	free(s);
}

static void
test_groups_priority(void)
{
	char *s = expand_set(
	    "set groups g1 system host-name g1\n"
	    "set groups g1 system time-zone g1\n"
	    "set groups g1 system domain-search [ g1a g1b ]\n"
	    "set groups g1 interfaces <*> mtu 1500\n"
	    "set groups g2 system host-name g2\n"
	    "set groups g2 system time-zone g2\n"
	    "set groups g2 system domain-search g2\n"
	    "set groups g2 interfaces <*> description from-g2\n"
	    "set groups g3 interfaces <*> mtu 9000\n"
	    "set groups g3 routing-options static route 10.0.0.0/8 next-hop 1.1.1.1\n"
	    "set apply-groups [ g2 g1 ]\n"
	    "set system time-zone explicit\n"
	    "set interfaces ge-0/0/0 apply-groups g3\n"
	    "set interfaces ge-0/0/1 apply-groups-except g2\n"
	    "set interfaces ge-0/0/2 mtu 1400\n"
	    "set routing-options static route 10.0.0.0/8 discard\n",
	    false);

	/* explicit first, then the first-listed group; a deeper apply-groups before a
	 * shallower one; apply-groups-except blocks; a choice taken explicitly stays */
	UNIT_STREQ(s,
	    "set system host-name g2\n"
	    "set system domain-search g2\n"
	    "set system time-zone explicit\n"
	    "set interfaces ge-0/0/0 description from-g2\n"
	    "set interfaces ge-0/0/0 mtu 9000\n"
	    "set interfaces ge-0/0/1 mtu 1500\n"
	    "set interfaces ge-0/0/2 description from-g2\n"
	    "set interfaces ge-0/0/2 mtu 1400\n"
	    "set routing-options static route 10.0.0.0/8 discard\n");
	free(s);
}

static void
test_groups_inactive(void)
{
	const char *lines =
	    "set groups g1 interfaces <*> mtu 1500\n"
	    "set groups g1 interfaces <*> description d\n"
	    "set groups g2 system host-name g2\n"
	    "set apply-groups [ g1 g2 ]\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 1\n"
	    "set interfaces ge-0/0/1 unit 0 vlan-id 1\n"
	    "deactivate groups g1 interfaces <*> description\n"
	    "deactivate groups g2\n"
	    "deactivate interfaces ge-0/0/1\n";
	char *s = expand_set(lines, false);

	UNIT_STREQ(s,
	    "set interfaces ge-0/0/0 mtu 1500\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 1\n");
	free(s);
	s = expand_set(lines, true);
	UNIT_STREQ(s,
	    "set interfaces ge-0/0/0 description d\n"
	    "set interfaces ge-0/0/0 mtu 1500\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 1\n"
	    "set interfaces ge-0/0/1 description d\n"
	    "set interfaces ge-0/0/1 mtu 1500\n"
	    "set interfaces ge-0/0/1 unit 0 vlan-id 1\n"
	    "deactivate interfaces ge-0/0/0 description\n"
	    "deactivate interfaces ge-0/0/1\n"
	    "deactivate interfaces ge-0/0/1 description\n");
	free(s);
}

static void
test_groups_errors(void)
{
	struct conf_node *r = fu_tree(
	    "set groups g1 system host-name a\n"
	    "set apply-groups [ g1 nosuch ]\n"
	    "set interfaces ge-0/0/0 apply-groups other\n");
	struct buf e = BUF_INIT;

	UNIT_CHECK(conf_expand_groups(r, false, &e) == NULL);
	UNIT_STREQ(buf_str(&e),
	    "[edit]\n"
	    "  'apply-groups nosuch'\n"
	    "    group 'nosuch' not defined\n"
	    "[edit interfaces ge-0/0/0]\n"
	    "  'apply-groups other'\n"
	    "    group 'other' not defined\n");
	buf_free(&e);
	conf_free(r);
}

static void
test_groups_inheritance_display(void)
{
	struct conf_node *r = fu_tree(
	    "set groups g1 system host-name from-g1\n"
	    "set groups g1 interfaces <ge-*> mtu 1500\n"
	    "set groups g1 interfaces lo0 unit 0 family inet address 127.0.0.1/32\n"
	    "set apply-groups g1\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 1\n");
	struct conf_node *x = conf_expand_groups(r, false, NULL);
	char *t;

	UNIT_CHECK(x != NULL);
	t = fu_text(x, CONF_P_INHERITANCE);
	UNIT_STREQ(t,
	    "##\n"
	    "## 'system' was inherited from group 'g1'\n"
	    "##\n"
	    "system {\n"
	    "    ##\n"
	    "    ## 'from-g1' was inherited from group 'g1'\n"
	    "    ##\n"
	    "    host-name from-g1;\n"
	    "}\n"
	    "interfaces {\n"
	    "    ge-0/0/0 {\n"
	    "        ##\n"
	    "        ## '1500' was inherited from group 'g1'\n"
	    "        ##\n"
	    "        mtu 1500;\n"
	    "        unit 0 {\n"
	    "            vlan-id 1;\n"
	    "        }\n"
	    "    }\n"
	    "    ##\n"
	    "    ## 'lo0' was inherited from group 'g1'\n"
	    "    ##\n"
	    "    lo0 {\n"
	    "        ##\n"
	    "        ## '0' was inherited from group 'g1'\n"
	    "        ##\n"
	    "        unit 0 {\n"
	    "            ##\n"
	    "            ## 'inet' was inherited from group 'g1'\n"
	    "            ##\n"
	    "            family inet {\n"
	    "                ##\n"
	    "                ## '127.0.0.1/32' was inherited from group 'g1'\n"
	    "                ##\n"
	    "                address 127.0.0.1/32;\n"
	    "            }\n"
	    "        }\n"
	    "    }\n"
	    "}\n");
	free(t);
	t = fu_text(x, CONF_P_INHERITANCE | CONF_P_NO_COMMENTS);
	UNIT_STREQ(t,
	    "system {\n"
	    "    host-name from-g1;\n"
	    "}\n"
	    "interfaces {\n"
	    "    ge-0/0/0 {\n"
	    "        mtu 1500;\n"
	    "        unit 0 {\n"
	    "            vlan-id 1;\n"
	    "        }\n"
	    "    }\n"
	    "    lo0 {\n"
	    "        unit 0 {\n"
	    "            family inet {\n"
	    "                address 127.0.0.1/32;\n"
	    "            }\n"
	    "        }\n"
	    "    }\n"
	    "}\n");
	free(t);
	UNIT_STREQ(conf_inherited_from(fu_node(x, "interfaces ge-0/0/0 mtu")), "g1");
	UNIT_CHECK(conf_inherited_from(fu_node(x, "interfaces ge-0/0/0")) == NULL);
	/* the plain show of the same tree hides nothing and marks nothing */
	t = fu_text(x, 0);
	UNIT_CHECK(strstr(t, "##") == NULL && strstr(t, "mtu 1500;") != NULL);
	free(t);
	conf_free(x);
	conf_free(r);
}

/* 100 000 interfaces under one wildcard group: linear. */
static void
test_groups_large(void)
{
	struct buf t = BUF_INIT;
	struct conf_node *r = conf_new(fu_schema()), *x;
	double t0, t1;

	buf_puts(&t, "groups { g { interfaces { <ge-*> { mtu 1500; } <*> { description x; } } } }\n"
	    "apply-groups g;\ninterfaces {\n");
	for (int i = 0; i < 100000; i++)
		buf_printf(&t, "ge-%d/%d/%d { unit 0; }\n", i / 1000, (i / 10) % 100, i % 10);
	buf_puts(&t, "}\n");
	UNIT_CHECK(conf_parse_text(r, buf_str(&t), "t", NULL) == 0);
	t0 = fu_now();
	x = conf_expand_groups(r, false, NULL);
	t1 = fu_now();
	UNIT_CHECK(x != NULL && conf_count(x) == 2 + 100000 * 4);
	UNIT_CHECK(t1 - t0 < 10.0);
	printf("     100k interfaces through a wildcard group: %.3f s\n", t1 - t0);
	buf_free(&t);
	conf_free(x);
	conf_free(r);
}

int
main(void)
{
	UNIT_RUN(test_groups_wildcards);
	UNIT_RUN(test_groups_priority);
	UNIT_RUN(test_groups_inactive);
	UNIT_RUN(test_groups_errors);
	UNIT_RUN(test_groups_inheritance_display);
	UNIT_RUN(test_groups_large);
	fu_done();
	return unit_exit();
}
