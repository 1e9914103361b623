/* Unit tests of lib/confdiff.c: `show | compare`. */
#include "formats_util.h"
#include "unit.h"

/* The diff from the sample to the sample plus the given set/delete lines. */
static char *
diff_after(const char *before, const char *changes, const char *level)
{
	struct conf_node *o = fu_tree(before), *n = fu_tree(before);
	struct cmd_error ce;
	size_t line;
	struct buf b = BUF_INIT;

	if (cmd_apply_text(n, NULL, changes, &line, &ce) != 0) {
		fprintf(stderr, "diff_after: line %zu: %s\n", line, ce.ce_msg);
		exit(1);
	}
	conf_print_diff(&b, o, n, level);
	conf_free(o);
	conf_free(n);
	return buf_steal(&b);
}

static void
test_diff_equal(void)
{
	char *d = diff_after(FU_SAMPLE, "set system host-name gm1\n", NULL);

	UNIT_STREQ(d, "");
	free(d);
}

static void
test_diff_leaves_and_entries(void)
{
	char *d = diff_after(FU_SAMPLE,
	    "set system host-name gm2\n"
	    "set interfaces ge-0/1/9 unit 1 family inet address 198.51.100.1/24\n"
	    "delete interfaces ge-0/1/9 unit 1 family inet address 198.51.100.0/24\n"
	    "set interfaces xe-0/3/1 unit 1 description \"to the core\"\n",
	    NULL);

	UNIT_STREQ(d,
	    "[edit system]\n"
	    "-  host-name gm1;\n"
	    "+  host-name gm2;\n"
	    "[edit interfaces ge-0/1/9 unit 1 family inet]\n"
	    "+       address 198.51.100.1/24;\n"
	    "-       address 198.51.100.0/24;\n"
	    "[edit interfaces xe-0/3/1 unit 1]\n"
	    "+    description \"to the core\";\n");
	free(d);
}

static void
test_diff_blocks(void)
{
	char *d = diff_after(FU_SAMPLE,
	    "set interfaces ge-0/0/7 unit 0 family inet address 9.9.9.9/24\n"
	    "set interfaces ge-0/1/9 unit 1 family inet6 address 2001:db8::1/64\n"
	    "delete routing-options\n"
	    "set system domain-search [ a.com b.com ]\n"
	    "set security group-vpn member ike gateway gw1 server-address 192.0.2.9\n",
	    NULL);

	UNIT_STREQ(d,
	    "[edit system]\n"
	    "+  domain-search [ a.com b.com ];\n"
	    "[edit interfaces ge-0/1/9 unit 1]\n"
	    "+     family inet6 {\n"
	    "+         address 2001:db8::1/64;\n"
	    "+     }\n"
	    "[edit interfaces]\n"
	    "+   ge-0/0/7 {\n"
	    "+       unit 0 {\n"
	    "+           family inet {\n"
	    "+               address 9.9.9.9/24;\n"
	    "+           }\n"
	    "+       }\n"
	    "+   }\n"
	    "[edit]\n"
	    "-  routing-options {\n"
	    "-      static {\n"
	    "-          route 192.0.2.0/24 next-hop 198.51.100.2;\n"
	    "-          route 203.0.113.0/24 next-hop 10.0.1.1;\n"
	    "-      }\n"
	    "-  }\n"
	    "[edit security group-vpn member ike gateway gw1]\n"
	    "+      server-address 192.0.2.9;\n");
	free(d);

	/* a whole new interfaces container, and a new top statement */
	d = diff_after("set system host-name a\n",
	    "set interfaces ge-0/0/0 unit 0 vlan-id 3\n"
	    "set routing-options static route 0.0.0.0/0 next-hop 10.0.0.254\n", NULL);
	UNIT_STREQ(d,
	    "[edit]\n"
	    "+  interfaces {\n"
	    "+      ge-0/0/0 {\n"
	    "+          unit 0 {\n"
	    "+              vlan-id 3;\n"
	    "+          }\n"
	    "+      }\n"
	    "+  }\n"
	    "+  routing-options {\n"
	    "+      static {\n"
	    "+          route 0.0.0.0/0 next-hop 10.0.0.254;\n"
	    "+      }\n"
	    "+  }\n");
	free(d);
}

static void
test_diff_ordered(void)
{
	const char *before =
	    "set security group-vpn member ike proposal a lifetime-seconds 300\n"
	    "set security group-vpn member ike proposal b\n"
	    "set security group-vpn member ike proposal c\n"
	    "set security group-vpn member ike policy p proposals [ a b ]\n";
	char *d = diff_after(before,
	    "insert security group-vpn member ike proposal c before a\n"
	    "delete security group-vpn member ike policy p proposals\n"
	    "set security group-vpn member ike policy p proposals [ b a ]\n", NULL);

	UNIT_STREQ(d,
	    "[edit security group-vpn member ike]\n"
	    "-      proposal c;\n"
	    "+      proposal c;\n"
	    "[edit security group-vpn member ike policy p]\n"
	    "-      proposals [ a b ];\n"
	    "+      proposals [ b a ];\n");
	free(d);
}

static void
test_diff_meta(void)
{
	char *d = diff_after(FU_SAMPLE "deactivate interfaces xe-0/3/1\n",
	    "activate interfaces xe-0/3/1\n"
	    "deactivate interfaces ge-0/1/9 unit 1\n"
	    "deactivate system host-name\n"
	    "annotate interfaces ms-4/0/0 \"service PIC\"\n", NULL);

	UNIT_STREQ(d,
	    "[edit system]\n"
	    "!  inactive: host-name gm1;\n"
	    "[edit interfaces]\n"
	    "+   /* service PIC */\n"
	    "    ms-4/0/0 { ... }\n"
	    "[edit interfaces ge-0/1/9]\n"
	    "!    inactive: unit 1 { ... }\n"
	    "[edit interfaces]\n"
	    "!   active: xe-0/3/1 { ... }\n");
	free(d);
}

static void
test_diff_level(void)
{
	const char *changes =
	    "set system host-name gm2\n"
	    "set interfaces ge-0/1/9 unit 1 vlan-id 12\n"
	    "set interfaces ge-0/0/7 mtu 1500\n";
	char *d = diff_after(FU_SAMPLE, changes, "interfaces ge-0/1/9");

	UNIT_STREQ(d,
	    "[edit interfaces ge-0/1/9 unit 1]\n"
	    "-    vlan-id 11;\n"
	    "+    vlan-id 12;\n");
	free(d);
	d = diff_after(FU_SAMPLE, changes, "interfaces");
	UNIT_STREQ(d,
	    "[edit interfaces ge-0/1/9 unit 1]\n"
	    "-    vlan-id 11;\n"
	    "+    vlan-id 12;\n"
	    "[edit interfaces]\n"
	    "+   ge-0/0/7 {\n"
	    "+       mtu 1500;\n"
	    "+   }\n");
	free(d);
	/* a level that only the new configuration has */
	d = diff_after(FU_SAMPLE, changes, "interfaces ge-0/0/7");
	UNIT_STREQ(d,
	    "[edit interfaces]\n"
	    "+   ge-0/0/7 {\n"
	    "+       mtu 1500;\n"
	    "+   }\n");
	free(d);
	d = diff_after(FU_SAMPLE, changes, "system host-name");
	UNIT_STREQ(d,
	    "[edit system]\n"
	    "-  host-name gm1;\n"
	    "+  host-name gm2;\n");
	free(d);
	d = diff_after(FU_SAMPLE, changes, "routing-options");
	UNIT_STREQ(d, "");
	free(d);
	d = diff_after(FU_SAMPLE, changes, "no such level");
	UNIT_STREQ(d, "");
	free(d);
}

static void
test_diff_secret(void)
{
	/* the level is new: shown from its parent's header */
	char *d = diff_after("set system host-name a\n",
	    "set security group-vpn member ike policy p1 pre-shared-key ascii-text "
	    "\"$9$OGhlRyKXxdsYoX7wg4aHktu01cyKM8\"\n", "security group-vpn member ike");

	UNIT_STREQ(d,
	    "[edit security group-vpn member]\n"
	    "+     ike {\n"
	    "+         policy p1 {\n"
	    "+             pre-shared-key {\n"
	    "+                 ascii-text \"$9$OGhlRyKXxdsYoX7wg4aHktu01cyKM8\"; ## SECRET-DATA\n"
	    "+             }\n"
	    "+         }\n"
	    "+     }\n");
	free(d);
}

/*
 * The live captures cited in lib/confdiff.c, rebuilt on the test schema: the sign, then
 * S = 1 + D spaces fixed by the first statement under each header.
 */
static void
test_diff_captures(void)
{
	/* vSRX 24.4R1-S2.9 (psaab/xpf docs/junos-config-display-reference.md), verbatim */
	char *d = diff_after("set system login user claude class read-only\n",
	    "set system login class config-viewer permissions [ view view-configuration ]\n"
	    "set system login class config-viewer allow-commands "
	    "\"(show configuration.*)|(show version)|(show system information)\"\n"
	    "set system login user claude class config-viewer\n", NULL);

	UNIT_STREQ(d,
	    "[edit system login]\n"
	    "+    class config-viewer {\n"
	    "+        permissions [ view view-configuration ];\n"
	    "+        allow-commands \"(show configuration.*)|(show version)|(show system "
	    "information)\";\n"
	    "+    }\n"
	    "[edit system login user claude]\n"
	    "-    class read-only;\n"
	    "+    class config-viewer;\n");
	free(d);

	/*
	 * vSRX `load replace` capture: [edit system] `-  host-name` (a leaf: D 1), then an
	 * address added after one both have, shown as context (ordered list, D 6).
	 */
	d = diff_after("set system host-name poc-vsrx-a\n"
	    "set interfaces ge-0/0/0 unit 0 family inet address 198.18.10.12/24 primary\n",
	    "set system host-name vvfat-test-1\n"
	    "set interfaces ge-0/0/0 unit 0 family inet address 198.18.20.12/24\n", NULL);
	UNIT_STREQ(d,
	    "[edit system]\n"
	    "-  host-name poc-vsrx-a;\n"
	    "+  host-name vvfat-test-1;\n"
	    "[edit interfaces ge-0/0/0 unit 0 family inet]\n"
	    "        address 198.18.10.12/24 { ... }\n"
	    "+       address 198.18.20.12/24;\n");
	free(d);

	/*
	 * EX TACACS+ blog, MX lab: the first line (a leaf, D 1) sets S for the container
	 * after it (`+  host-name mx1;` `+  commit synchronize;`, `+  login {`)
	 */
	d = diff_after("set system time-zone UTC\n",
	    "set system host-name lab01\n"
	    "set system login user noc class noc\n", NULL);
	UNIT_STREQ(d,
	    "[edit system]\n"
	    "+  host-name lab01;\n"
	    "+  login {\n"
	    "+      user noc {\n"
	    "+          class noc;\n"
	    "+      }\n"
	    "+  }\n");
	free(d);
	/* ... and a container first: `+   ntp {`, `+   login {` (D 2) */
	d = diff_after("set system host-name lab01\n", "set system login user noc class noc\n",
	    NULL);
	UNIT_STREQ(d,
	    "[edit system]\n"
	    "+   login {\n"
	    "+       user noc {\n"
	    "+           class noc;\n"
	    "+       }\n"
	    "+   }\n");
	free(d);

	/*
	 * napalm/salt docs: [edit interfaces ge-0/0/0] `-   mtu 1400;` (D 2), [edit interfaces
	 * lo0] `-    unit 0 {` (D 3); [edit] and [edit interfaces] blocks (SRX lab).
	 */
	d = diff_after("set interfaces ge-0/0/0 mtu 1400\n"
	    "set interfaces lo0 unit 0 description lo0.0\n",
	    "delete interfaces ge-0/0/0 mtu\n"
	    "delete interfaces lo0 unit 0\n"
	    "set interfaces lo0 unit 1 description \"new loopback\"\n"
	    "set interfaces lo1 unit 0\n"
	    "set routing-options static route 0.0.0.0/0 discard\n", NULL);
	UNIT_STREQ(d,
	    "[edit interfaces ge-0/0/0]\n"
	    "-   mtu 1400;\n"
	    "[edit interfaces lo0]\n"
	    "+    unit 1 {\n"
	    "+        description \"new loopback\";\n"
	    "+    }\n"
	    "-    unit 0 {\n"
	    "-        description lo0.0;\n"
	    "-    }\n"
	    "[edit interfaces]\n"
	    "+   lo1 {\n"
	    "+       unit 0;\n"
	    "+   }\n"
	    "[edit]\n"
	    "+  routing-options {\n"
	    "+      static {\n"
	    "+          route 0.0.0.0/0 discard;\n"
	    "+      }\n"
	    "+  }\n");
	free(d);

	/* groups, the root-level list: its block under [edit], its entries under [edit groups] */
	d = diff_after("set system host-name a\n",
	    "set groups g1 system host-name b\nset apply-groups g1\n", NULL);
	UNIT_STREQ(d,
	    "[edit]\n"
	    "+  groups {\n"
	    "+      g1 {\n"
	    "+          system {\n"
	    "+              host-name b;\n"
	    "+          }\n"
	    "+      }\n"
	    "+  }\n"
	    "+  apply-groups g1;\n");
	free(d);
	d = diff_after("set groups g1 system host-name b\n", "set groups g2 system host-name c\n",
	    NULL);
	UNIT_STREQ(d,
	    "[edit groups]\n"
	    "+  g2 {\n"
	    "+      system {\n"
	    "+          host-name c;\n"
	    "+      }\n"
	    "+  }\n");
	free(d);
}

/* 100 000 routes, a few changed: the diff stays linear. */
static void
test_diff_large(void)
{
	struct buf t = BUF_INIT, d = BUF_INIT;
	struct conf_node *o = conf_new(fu_schema()), *n;
	struct cmd_error ce;
	double t0, t1;

	buf_puts(&t, "routing-options { static {\n");
	for (int i = 0; i < 100000; i++)
		buf_printf(&t, "route 10.%d.%d.%d/32 next-hop 1.1.1.1;\n", i / 65536, (i / 256) % 256,
		    i % 256);
	buf_puts(&t, "} }\n");
	UNIT_CHECK(conf_parse_text(o, buf_str(&t), "t", NULL) == 0);
	n = conf_dup(o);
	UNIT_CHECK(cmd_apply_line(n, NULL, "delete routing-options static route 10.0.0.5/32",
	    &ce) == 0);
	UNIT_CHECK(cmd_apply_line(n, NULL, "set routing-options static route 10.1.134.159/32 "
	    "next-hop 2.2.2.2", &ce) == 0);
	t0 = fu_now();
	conf_print_diff(&d, o, n, NULL);
	t1 = fu_now();
	UNIT_STREQ(buf_str(&d),
	    "[edit routing-options static route 10.1.134.159/32]\n"
	    "+    next-hop 2.2.2.2;\n"
	    "[edit routing-options static]\n"
	    "-    route 10.0.0.5/32 next-hop 1.1.1.1;\n");
	UNIT_CHECK(t1 - t0 < 10.0);
	printf("     diff of 100k routes: %.3f s\n", t1 - t0);
	buf_free(&t);
	buf_free(&d);
	conf_free(o);
	conf_free(n);
}

int
main(void)
{
	UNIT_RUN(test_diff_equal);
	UNIT_RUN(test_diff_leaves_and_entries);
	UNIT_RUN(test_diff_blocks);
	UNIT_RUN(test_diff_ordered);
	UNIT_RUN(test_diff_meta);
	UNIT_RUN(test_diff_level);
	UNIT_RUN(test_diff_secret);
	UNIT_RUN(test_diff_captures);
	UNIT_RUN(test_diff_large);
	fu_done();
	return unit_exit();
}
