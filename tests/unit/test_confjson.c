/* Unit tests of lib/confjson.c: `| display json` and JSON load. */
#include "formats_util.h"
#include "unit.h"

static struct conf_node *
json_tree(const char *text, int *nerr, char **errs)
{
	struct conf_node *r = conf_new(fu_schema());
	struct buf e = BUF_INIT;

	*nerr = conf_parse_json(r, text, &e);
	*errs = buf_steal(&e);
	return r;
}

static void
test_json_print(void)
{
	struct conf_node *r = fu_tree(
	    "set system host-name gm1\n"
	    "set system domain-search [ a \"b\\\"c\" ]\n"
	    "set interfaces ms-4/0/0 unit 1 family inet\n"
	    "set interfaces ge-0/1/9 vlan-tagging\n"
	    "set interfaces ge-0/1/9 unit 1 vlan-id 11\n"
	    "set routing-options static route 10.0.0.0/8 next-hop [ 1.1.1.1 2.2.2.2 ]\n"
	    "set groups g1 system host-name x\n"
	    "deactivate interfaces ge-0/1/9 unit 1\n"
	    "deactivate system host-name\n"
	    "annotate routing-options \"static routes\"\n");
	struct buf b = BUF_INIT;

	conf_print_json(&b, r, "\"junos:commit-seconds\" : \"1771154457\", "
	    "\"junos:commit-user\" : \"ps\"", 0);
	UNIT_STREQ(buf_str(&b),
	    "{\n"
	    "    \"configuration\" : {\n"
	    "        \"@\" : {\n"
	    "            \"junos:commit-seconds\" : \"1771154457\",\n"
	    "            \"junos:commit-user\" : \"ps\"\n"
	    "        },\n"
	    "        \"groups\" : [\n"
	    "        {\n"
	    "            \"name\" : \"g1\",\n"
	    "            \"system\" : {\n"
	    "                \"host-name\" : \"x\"\n"
	    "            }\n"
	    "        }\n"
	    "        ],\n"
	    "        \"system\" : {\n"
	    "            \"host-name\" : \"gm1\",\n"
	    "            \"@host-name\" : {\n"
	    "                \"inactive\" : true\n"
	    "            },\n"
	    "            \"domain-search\" : [\"a\", \"b\\\"c\"]\n"
	    "        },\n"
	    "        \"interfaces\" : {\n"
	    "            \"interface\" : [\n"
	    "            {\n"
	    "                \"name\" : \"ms-4/0/0\",\n"
	    "                \"unit\" : [\n"
	    "                {\n"
	    "                    \"name\" : 1,\n"
	    "                    \"family\" : {\n"
	    "                        \"inet\" : [null]\n"
	    "                    }\n"
	    "                }\n"
	    "                ]\n"
	    "            },\n"
	    "            {\n"
	    "                \"name\" : \"ge-0/1/9\",\n"
	    "                \"vlan-tagging\" : [null],\n"
	    "                \"unit\" : [\n"
	    "                {\n"
	    "                    \"@\" : {\n"
	    "                        \"inactive\" : true\n"
	    "                    },\n"
	    "                    \"name\" : 1,\n"
	    "                    \"vlan-id\" : 11\n"
	    "                }\n"
	    "                ]\n"
	    "            }\n"
	    "            ]\n"
	    "        },\n"
	    "        \"routing-options\" : {\n"
	    "            \"@\" : {\n"
	    "                \"comment\" : \"/* static routes */\"\n"
	    "            },\n"
	    "            \"static\" : {\n"
	    "                \"route\" : [\n"
	    "                {\n"
	    "                    \"name\" : \"10.0.0.0/8\",\n"
	    "                    \"next-hop\" : [\"1.1.1.1\", \"2.2.2.2\"]\n"
	    "                }\n"
	    "                ]\n"
	    "            }\n"
	    "        }\n"
	    "    }\n"
	    "}\n");
	buf_reset(&b);

	/* a level: wrapped in its ancestors */
	conf_print_json(&b, fu_node(r, "interfaces ge-0/1/9 unit 1"), NULL, CONF_P_NO_INACTIVE);
	UNIT_STREQ(buf_str(&b),
	    "{\n"
	    "    \"configuration\" : {\n"
	    "        \"interfaces\" : {\n"
	    "            \"interface\" : [\n"
	    "            {\n"
	    "                \"name\" : \"ge-0/1/9\",\n"
	    "                \"unit\" : [\n"
	    "                {\n"
	    "                    \"@\" : {\n"
	    "                        \"inactive\" : true\n"
	    "                    },\n"
	    "                    \"name\" : 1,\n"
	    "                    \"vlan-id\" : 11\n"
	    "                }\n"
	    "                ]\n"
	    "            }\n"
	    "            ]\n"
	    "        }\n"
	    "    }\n"
	    "}\n");
	buf_reset(&b);
	conf_print_json(&b, fu_node(r, "system"), NULL, CONF_P_NO_EXPORT_PATH | CONF_P_NO_INACTIVE);
	UNIT_STREQ(buf_str(&b),
	    "{\n"
	    "    \"configuration\" : {\n"
	    "        \"domain-search\" : [\"a\", \"b\\\"c\"]\n"
	    "    }\n"
	    "}\n");
	buf_free(&b);
	conf_free(r);
}

static void
test_json_roundtrip(void)
{
	struct conf_node *r = fu_tree(FU_SAMPLE
	    "set apply-groups [ g1 g2 ]\n"
	    "set groups g1 interfaces <ge-*> mtu 1500\n"
	    "set system domain-search [ a b c ]\n"
	    "set interfaces ge-0/0/0 description \"tab\\there \\\\ / \\\"q\\\"\"\n"
	    "set security group-vpn member ike policy pol1 pre-shared-key ascii-text "
	    "\"$9$OGhlRyKXxdsYoX7wg4aHktu01cyKM8\"\n"
	    "deactivate interfaces xe-0/3/1 unit 1 family inet\n"
	    "deactivate system host-name\n"
	    "deactivate system domain-search b\n"
	    "annotate system domain-search c \"third\"\n"
	    "annotate interfaces ge-0/1/9 \"uplink\"\n"
	    "annotate system host-name \"name\"\n");
	struct buf b = BUF_INIT;
	char *errs;
	int n;

	conf_print_json(&b, r, "\"junos:commit-seconds\" : \"1\"", 0);
	struct conf_node *r2 = json_tree(buf_str(&b), &n, &errs);
	UNIT_CHECK(n == 0);
	UNIT_STREQ(errs, "");
	UNIT_CHECK(conf_equal(r, r2, true));
	free(errs);
	conf_free(r2);
	buf_free(&b);
	conf_free(r);
}

static void
test_json_parse(void)
{
	int n;
	char *errs;
	struct conf_node *r = json_tree(
	    "{\"configuration\":{"
	    "\"system\":{\"@\":{\"comment\":\"/* box */\"},\"host-name\":\"a\","
	    "\"domain-search\":\"one\"},"
	    "\"interfaces\":{\"interface\":{\"name\":\"ge-0/0/0\",\"mtu\":1500,"
	    "\"@\":{\"operation\":\"delete\"}}},"
	    "\"routing-options\":{\"static\":{\"route\":[{\"name\":\"10.0.0.0/8\",\"discard\":null}]}},"
	    "\"security\":{\"group-vpn\":{\"member\":{\"ike\":{\"policy\":[{\"name\":\"p\","
	    "\"pre-shared-key\":{\"ascii-text\":\"clear\"}}]}}}}"
	    "}}", &n, &errs);

	UNIT_CHECK(n == 0);
	UNIT_STREQ(errs, "");
	UNIT_STREQ(fu_node(r, "system")->cn_annotation, "box");
	UNIT_CHECK(fu_node(r, "system domain-search one") != NULL);
	UNIT_CHECK(fu_node(r, "interfaces ge-0/0/0")->cn_flags & CONF_F_DELETE);
	UNIT_CHECK(fu_node(r, "routing-options static route 10.0.0.0/8 discard") != NULL);
	struct conf_node *k = fu_node(r, "security group-vpn member ike policy p pre-shared-key "
	    "ascii-text");
	UNIT_CHECK(k != NULL && strncmp(k->cn_value, "$9$", 3) == 0);
	free(errs);
	conf_free(r);

	/* errors: the document, a statement, a value, a key */
	r = json_tree("{\"configuration\" : {", &n, &errs);
	UNIT_CHECK(n == 1);
	UNIT_CHECK(strncmp(errs, "syntax error: ", 14) == 0);
	free(errs);
	conf_free(r);
	r = json_tree("{} x", &n, &errs);
	UNIT_CHECK(n == 1);
	free(errs);
	conf_free(r);
	r = json_tree("{\"configuration\":{\"protocols\":{},\"system\":{\"host-name\":[1,2],"
	    "\"time-zone\":\"UTC\"},\"interfaces\":{\"interface\":[{\"name\":\"ge-0/0/0\","
	    "\"mtu\":10},{\"mtu\":1500}]}}}", &n, &errs);
	UNIT_CHECK(n == 4);
	UNIT_STREQ(errs,
	    "[edit]\n  'protocols'\n    syntax error\n"
	    "[edit system]\n  'host-name'\n    syntax error\n"
	    "[edit interfaces ge-0/0/0]\n  'mtu'\n    Value 10 is not within range (256..9192)\n"
	    "[edit interfaces]\n  'interface'\n    missing key\n");
	char *s = fu_set(r);
	UNIT_STREQ(s, "set system time-zone UTC\nset interfaces ge-0/0/0\n");
	free(s);
	free(errs);
	conf_free(r);
}

int
main(void)
{
	UNIT_RUN(test_json_print);
	UNIT_RUN(test_json_roundtrip);
	UNIT_RUN(test_json_parse);
	fu_done();
	return unit_exit();
}
