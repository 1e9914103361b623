/* Unit tests of lib/confset.c: `| display set`. */
#include "formats_util.h"
#include "unit.h"

static void
test_set_sample(void)
{
	struct conf_node *r = fu_tree(FU_SAMPLE);
	char *s = fu_set(r);

	/* the sample's own lines, in display order */
	UNIT_STREQ(s,
	    "set system host-name gm1\n"
	    "set interfaces ms-4/0/0 unit 1 family inet\n"
	    "set interfaces ge-0/1/9 vlan-tagging\n"
	    "set interfaces ge-0/1/9 unit 1 vlan-id 11\n"
	    "set interfaces ge-0/1/9 unit 1 family inet address 198.51.100.0/24\n"
	    "set interfaces xe-0/3/1 vlan-tagging\n"
	    "set interfaces xe-0/3/1 unit 1 vlan-id 1\n"
	    "set interfaces xe-0/3/1 unit 1 family inet service input service-set gvpn-service-set\n"
	    "set interfaces xe-0/3/1 unit 1 family inet service output service-set gvpn-service-set\n"
	    "set interfaces xe-0/3/1 unit 1 family inet address 10.0.1.2/24\n"
	    "set routing-options static route 192.0.2.0/24 next-hop 198.51.100.2\n"
	    "set routing-options static route 203.0.113.0/24 next-hop 10.0.1.1\n"
	    "set security group-vpn member ike traceoptions file gkmd\n"
	    "set security group-vpn member ike traceoptions file size 10m\n"
	    "set security group-vpn member ike traceoptions file files 3\n"
	    "set security group-vpn member ike traceoptions flag all\n"
	    "set security group-vpn member ike proposal prop1 authentication-method pre-shared-keys\n"
	    "set security group-vpn member ike policy pol1 mode main\n"
	    "set security group-vpn member ike policy pol1 proposals prop1\n"
	    "set security group-vpn member ike gateway gw1 ike-policy pol1\n"
	    "set security group-vpn member ike gateway gw1 server-address 192.0.2.1\n"
	    "set security group-vpn member ike gateway gw1 local-address 10.0.1.2\n"
	    "set security group-vpn member ipsec vpn v1 ike-gateway gw1\n"
	    "set security group-vpn member ipsec vpn v1 group-id 1\n");
	/* and they rebuild the same tree */
	struct conf_node *r2 = fu_tree(s);
	UNIT_CHECK(conf_equal(r, r2, true));
	free(s);
	conf_free(r);
	conf_free(r2);
}

static void
test_set_meta(void)
{
	struct conf_node *r = fu_tree(
	    "set groups g1 interfaces <ge-*> mtu 9000\n"
	    "set apply-groups g1\n"
	    "set system host-name gm1\n"
	    "set system domain-search [ a \"b c\" ]\n"
	    "set interfaces ge-0/0/0 description \"x; y\"\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 5\n"
	    "set interfaces ge-0/0/1 mtu 1500\n"
	    "deactivate interfaces ge-0/0/1\n"
	    "deactivate interfaces ge-0/0/0 unit 0 vlan-id\n"
	    "deactivate system domain-search a\n"
	    "annotate system \"not shown\"\n");
	char *s = fu_set(r);

	UNIT_STREQ(s,
	    "set groups g1 interfaces <ge-*> mtu 9000\n"
	    "set apply-groups g1\n"
	    "set system host-name gm1\n"
	    "set system domain-search a\n"
	    "set system domain-search \"b c\"\n"
	    "set interfaces ge-0/0/0 description \"x; y\"\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 5\n"
	    "set interfaces ge-0/0/1 mtu 1500\n"
	    "deactivate system domain-search a\n"
	    "deactivate interfaces ge-0/0/0 unit 0 vlan-id\n"
	    "deactivate interfaces ge-0/0/1\n");
	free(s);

	/* the same lines rebuild the same tree, flags included */
	struct conf_node *r2 = fu_tree(
	    "set groups g1 interfaces <ge-*> mtu 9000\n"
	    "set apply-groups g1\n"
	    "set system host-name gm1\n"
	    "set system domain-search a\n"
	    "set system domain-search \"b c\"\n"
	    "set interfaces ge-0/0/0 description \"x; y\"\n"
	    "set interfaces ge-0/0/0 unit 0 vlan-id 5\n"
	    "set interfaces ge-0/0/1 mtu 1500\n"
	    "deactivate system domain-search a\n"
	    "deactivate interfaces ge-0/0/0 unit 0 vlan-id\n"
	    "deactivate interfaces ge-0/0/1\n");
	UNIT_CHECK(conf_equal(r, r2, false));
	UNIT_CHECK(fu_node(r2, "interfaces ge-0/0/1")->cn_flags & CONF_F_INACTIVE);

	/* inactive statements left out */
	struct buf b = BUF_INIT;
	conf_print_set(&b, r, false, CONF_P_NO_INACTIVE);
	UNIT_STREQ(buf_str(&b),
	    "set groups g1 interfaces <ge-*> mtu 9000\n"
	    "set apply-groups g1\n"
	    "set system host-name gm1\n"
	    "set system domain-search \"b c\"\n"
	    "set interfaces ge-0/0/0 description \"x; y\"\n"
	    "set interfaces ge-0/0/0 unit 0\n");
	buf_free(&b);
	conf_free(r);
	conf_free(r2);
}

static void
test_set_levels(void)
{
	struct conf_node *r = fu_tree(FU_SAMPLE "deactivate interfaces ge-0/1/9 unit 1\n");
	struct buf b = BUF_INIT;

	/* show interfaces ge-0/1/9 | display set */
	conf_print_set(&b, fu_node(r, "interfaces ge-0/1/9"), false, 0);
	UNIT_STREQ(buf_str(&b),
	    "set interfaces ge-0/1/9 vlan-tagging\n"
	    "set interfaces ge-0/1/9 unit 1 vlan-id 11\n"
	    "set interfaces ge-0/1/9 unit 1 family inet address 198.51.100.0/24\n"
	    "deactivate interfaces ge-0/1/9 unit 1\n");
	buf_reset(&b);
	/* ... | display set relative */
	conf_print_set(&b, fu_node(r, "interfaces ge-0/1/9"), true, 0);
	UNIT_STREQ(buf_str(&b),
	    "set vlan-tagging\n"
	    "set unit 1 vlan-id 11\n"
	    "set unit 1 family inet address 198.51.100.0/24\n"
	    "deactivate unit 1\n");
	buf_reset(&b);
	/* the level itself inactive */
	conf_print_set(&b, fu_node(r, "interfaces ge-0/1/9 unit 1"), false, 0);
	UNIT_STREQ(buf_str(&b),
	    "set interfaces ge-0/1/9 unit 1 vlan-id 11\n"
	    "set interfaces ge-0/1/9 unit 1 family inet address 198.51.100.0/24\n"
	    "deactivate interfaces ge-0/1/9 unit 1\n");
	buf_reset(&b);
	/* an empty level, and a leaf */
	conf_print_set(&b, fu_node(r, "interfaces ms-4/0/0 unit 1 family inet"), false, 0);
	UNIT_STREQ(buf_str(&b), "set interfaces ms-4/0/0 unit 1 family inet\n");
	buf_reset(&b);
	conf_print_set(&b, fu_node(r, "system host-name"), false, 0);
	UNIT_STREQ(buf_str(&b), "set system host-name gm1\n");
	buf_reset(&b);
	conf_print_set(&b, fu_node(r, "security group-vpn member ike traceoptions"), true, 0);
	UNIT_STREQ(buf_str(&b),
	    "set file gkmd\n"
	    "set file size 10m\n"
	    "set file files 3\n"
	    "set flag all\n");
	buf_free(&b);
	conf_free(r);
}

int
main(void)
{
	UNIT_RUN(test_set_sample);
	UNIT_RUN(test_set_meta);
	UNIT_RUN(test_set_levels);
	fu_done();
	return unit_exit();
}
