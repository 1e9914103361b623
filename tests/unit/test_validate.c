/*
 * test_validate: conf_validate's error blocks, exactly as Junos prints them, on the
 * test schema (tests/unit/data/validate/schema): must rules on leaves, key leaves,
 * leaf-list values, containers and lists; mandatory statements; max-elements; order;
 * groups and inactive statements; schema compilation errors; and that a `unique`
 * rule over many entries stays linear.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "unit.h"
#include "validate_util.h"

static struct schema *schema;

/* Validate the configuration given as set lines; compare the whole error text. */
static void
expect(const char *config, const char *want, int want_count)
{
	struct conf_node *root = vu_tree(schema, config);
	int n;
	char *got = vu_validate(root, &n);

	UNIT_STREQ(got, want);
	if (n != want_count)
		fprintf(stderr, "count: got %d, want %d\n", n, want_count);
	UNIT_CHECK(n == want_count);
	free(got);
	conf_free(root);
}

#define MEMBER "security group-vpn member "

/* A complete Group VPN member in the shape of the GM1 example: no error. */
static const char *gm1 =
    "set interfaces ge-0/0/1 unit 0 family inet address 10.0.1.1/24\n"
    "set interfaces ge-0/0/1 unit 0 family inet service input service-set gvpn1\n"
    "set routing-instances vr1 instance-type virtual-router\n"
    "set " MEMBER "ike proposal pr1 authentication-method pre-shared-keys\n"
    "set " MEMBER "ike policy pol1 mode main\n"
    "set " MEMBER "ike policy pol1 proposals pr1\n"
    "set " MEMBER "ike policy pol1 pre-shared-key ascii-text secret\n"
    "set " MEMBER "ike gateway gw1 ike-policy pol1\n"
    "set " MEMBER "ike gateway gw1 server-address 10.0.9.1\n"
    "set " MEMBER "ike gateway gw1 local-address 10.0.1.1\n"
    "set " MEMBER "ike gateway gw1 routing-instance vr1\n"
    "set " MEMBER "ipsec vpn v1 ike-gateway gw1\n"
    "set " MEMBER "ipsec vpn v1 group-vpn-external-interface ge-0/0/1.0\n"
    "set " MEMBER "ipsec vpn v1 group 1\n"
    "set services service-set gvpn1 interface-service service-interface ms-1/0/0\n"
    "set services service-set gvpn1 ipsec-group-vpn v1\n";

static void
test_valid(void)
{
	expect(gm1, "", 0);
	expect("", "", 0);
}

/* A leaf referencing what is not there: `'name value'` under its parent. */
static void
test_leaf_reference(void)
{
	expect("set " MEMBER "ipsec vpn v1 ike-gateway gw9\n",
	    "[edit security group-vpn member ipsec vpn v1]\n"
	    "  'ike-gateway gw9'\n"
	    "    Referenced IKE gateway must be defined under [edit security group-vpn member ike gateway]\n",
	    1);
	expect("set " MEMBER "ike gateway gw1 routing-instance nowhere\n",
	    "[edit security group-vpn member ike gateway gw1]\n"
	    "  'routing-instance nowhere'\n"
	    "    Referenced routing-instance must be defined\n",
	    1);
	/* a value that needs quotes is shown quoted */
	expect("set " MEMBER "ike gateway gw1 ike-policy \"my policy\"\n",
	    "[edit security group-vpn member ike gateway gw1]\n"
	    "  'ike-policy \"my policy\"'\n"
	    "    Referenced IKE policy must be defined under [edit security group-vpn member ike policy]\n",
	    1);
	/* $$-IFL: the unit must exist */
	expect("set interfaces ge-0/0/1 unit 0 description x\n"
	    "set " MEMBER "ipsec vpn v1 group-vpn-external-interface ge-0/0/1.2\n",
	    "[edit security group-vpn member ipsec vpn v1]\n"
	    "  'group-vpn-external-interface ge-0/0/1.2'\n"
	    "    Referenced interface must be configured under [edit interfaces] hierarchy\n",
	    1);
}

/* Rules on a key leaf: reported on the entry, `'policy p1'` under the list's parent. */
static void
test_key_leaf(void)
{
	expect("set " MEMBER "ike policy p1 pre-shared-key ascii-text k\n",
	    "[edit security group-vpn member ike]\n"
	    "  'policy p1'\n"
	    "    IKE policy must have either proposals or proposal-set configured\n",
	    1);
	expect("set " MEMBER "ike policy p1 proposal-set basic\n",
	    "[edit security group-vpn member ike]\n"
	    "  'policy p1'\n"
	    "    IKE policy must have either local certificate or pre-shared key configured\n",
	    1);
	/* three rules on one key, two failing, in schema order */
	expect("set security ike policy p1\nset " MEMBER "ike policy p1 mode main\n",
	    "[edit security group-vpn member ike]\n"
	    "  'policy p1'\n"
	    "    IKE policy must have either proposals or proposal-set configured\n"
	    "[edit security group-vpn member ike]\n"
	    "  'policy p1'\n"
	    "    IKE policy must have either local certificate or pre-shared key configured\n"
	    "[edit security group-vpn member ike]\n"
	    "  'policy p1'\n"
	    "    Policy already defined under [security ike policy]\n",
	    3);
}

/* A leaf-list value: `'proposals pr9'`; the other values pass. */
static void
test_leaflist_value(void)
{
	expect("set " MEMBER "ike proposal pr1\n"
	    "set " MEMBER "ike policy p1 proposals pr1\n"
	    "set " MEMBER "ike policy p1 proposals pr9\n"
	    "set " MEMBER "ike policy p1 pre-shared-key ascii-text k\n",
	    "[edit security group-vpn member ike policy p1]\n"
	    "  'proposals pr9'\n"
	    "    Referenced proposal is not defined\n",
	    1);
}

/* Rules on containers (`'member'`), empty leaves (`'no-remote-trace'`) and lists. */
static void
test_container_and_list(void)
{
	expect("set " MEMBER "ike traceoptions no-remote-trace\n"
	    "set security group-vpn server ike policy sp mode main\n",
	    "[edit security group-vpn]\n"
	    "  'member'\n"
	    "    Configuring both group-vpn server and group-vpn member is not supported\n"
	    "[edit security group-vpn member ike traceoptions]\n"
	    "  'no-remote-trace'\n"
	    "    'no-remote-trace' is valid only when [system tracing] is configured\n"
	    "[edit security group-vpn]\n"
	    "  'server'\n"
	    "    Configuring both group-vpn server and group-vpn member is not supported\n",
	    3);
	/* a must on the list itself, evaluated for each entry */
	expect("set services service-set s1 ipsec-group-vpn v1\n"
	    "set services service-set s1 interface-service service-interface ms-1/0/0\n"
	    "set services service-set s1 stateful-firewall-rules r1\n"
	    "set services service-set s1 stateful-firewall-rules r2\n"
	    "set " MEMBER "ipsec vpn v1 group 3\n",
	    "[edit services service-set s1]\n"
	    "  'stateful-firewall-rules r1'\n"
	    "    incompatible with GVPN service\n"
	    "[edit services service-set s1]\n"
	    "  'stateful-firewall-rules r2'\n"
	    "    incompatible with GVPN service\n",
	    2);
	/* a presence container two levels below what it needs */
	expect("set services service-set s1 snmp-trap-thresholds flow low 10\n",
	    "[edit services service-set s1 snmp-trap-thresholds]\n"
	    "  'flow'\n"
	    "    Max flow must be set for configuring flow threshold\n",
	    1);
	expect("set services service-set s1 snmp-trap-thresholds flow low 10\n"
	    "set services service-set s1 max-flows 100\n", "", 0);
}

/* The Group VPN service set: every rule on ipsec-group-vpn, in order. */
static void
test_service_set(void)
{
	expect("set services service-set s1 ipsec-group-vpn v9\n"
	    "set services service-set s1 ipsec-vpn-options no-nat-traversal\n"
	    "set services service-set s1 ipsec-vpn-rule-sets rs1\n"
	    "set services service-set s1 next-hop-service inside-service-interface ms-1/0/0.1\n"
	    "set services service-set s2 ipsec-group-vpn v9\n"
	    "set services service-set s2 interface-service service-interface ms-1/0/0\n",
	    "[edit services service-set s1]\n"
	    "  'ipsec-vpn-rule-sets rs1'\n"
	    "    Local gateway must be configured with IPSec rule sets\n"
	    "[edit services service-set s1]\n"
	    "  'ipsec-vpn-rule-sets rs1'\n"
	    "    Referenced IPSec VPN rule-set must be defined under [edit services ipsec-vpn rule-set]\n"
	    "[edit services service-set s1]\n"
	    "  'ipsec-group-vpn v9'\n"
	    "    A Group VPN object can be referenced only in one service set\n"
	    "[edit services service-set s1]\n"
	    "  'ipsec-group-vpn v9'\n"
	    "    IPSec VPN rule sets not supported for Group VPN\n"
	    "[edit services service-set s1]\n"
	    "  'ipsec-group-vpn v9'\n"
	    "    IPSec VPN options not supported for Group VPN\n"
	    "[edit services service-set s1]\n"
	    "  'ipsec-group-vpn v9'\n"
	    "    Group VPN supported on interface style service-set\n"
	    "[edit services service-set s1]\n"
	    "  'ipsec-group-vpn v9'\n"
	    "    referenced group-vpn must be defined\n"
	    "[edit services service-set s2]\n"
	    "  'ipsec-group-vpn v9'\n"
	    "    A Group VPN object can be referenced only in one service set\n"
	    "[edit services service-set s2]\n"
	    "  'ipsec-group-vpn v9'\n"
	    "    referenced group-vpn must be defined\n",
	    9);
}

/* unique: both holders of a duplicate group id are reported, unless no-group-check. */
static void
test_unique(void)
{
	expect("set " MEMBER "ipsec vpn v1 group 7\n"
	    "set " MEMBER "ipsec vpn v2 group 8\n"
	    "set " MEMBER "ipsec vpn v3 group 7\n",
	    "[edit security group-vpn member ipsec vpn v1]\n"
	    "  'group 7'\n"
	    "    Group id must be unique among group vpns\n"
	    "[edit security group-vpn member ipsec vpn v3]\n"
	    "  'group 7'\n"
	    "    Group id must be unique among group vpns\n",
	    2);
	expect("set " MEMBER "ipsec vpn v1 group 7\n"
	    "set " MEMBER "ipsec vpn v1 no-group-check\n"
	    "set " MEMBER "ipsec vpn v3 group 7\n",
	    "[edit security group-vpn member ipsec vpn v3]\n"
	    "  'group 7'\n"
	    "    Group id must be unique among group vpns\n",
	    1);
}

/* Missing mandatory statements, and the failure line that goes with them. */
static void
test_mandatory(void)
{
	struct buf b = BUF_INIT;
	struct validate_result r;
	struct conf_node *root;

	expect("set security group-vpn server group gr1 ike-gateway k1\n"
	    "set security group-vpn server ike gateway k1\n",
	    "[edit security group-vpn server]\n"
	    "  'group gr1'\n"
	    "    Missing mandatory statement: 'group-id'\n",
	    1);
	expect("set system login-banner color red\n",
	    "[edit system]\n"
	    "  'login-banner'\n"
	    "    Missing mandatory statement: 'text'\n",
	    1);
	expect("set system login-banner text hello\n", "", 0);

	root = vu_tree(schema, "set system login-banner color red\n");
	UNIT_CHECK(conf_validate_result(root, &b, &r) == 1);
	UNIT_CHECK(r.vr_errors == 1 && r.vr_mandatory == 1 && r.vr_must == 0);
	UNIT_STREQ(validate_failure_line(&r),
	    "error: configuration check-out failed: (missing mandatory statements)");
	conf_free(root);
	buf_reset(&b);

	root = vu_tree(schema, "set system login-banner color red\n"
	    "set " MEMBER "ipsec vpn v1 ike-gateway gw9\n");
	UNIT_CHECK(conf_validate_result(root, &b, &r) == 2);
	UNIT_CHECK(r.vr_errors == 2 && r.vr_mandatory == 1 && r.vr_must == 1);
	UNIT_STREQ(validate_failure_line(&r), "error: configuration check-out failed");
	conf_free(root);
	buf_free(&b);
	/* NULL result is allowed */
	root = vu_tree(schema, "set system login-banner color red\n");
	UNIT_CHECK(conf_validate_result(root, &b, NULL) == 1);
	buf_free(&b);
	conf_free(root);
}

static void
test_max_elements(void)
{
	expect("set " MEMBER "ike gateway g1 server-address 10.0.0.1\n"
	    "set " MEMBER "ike gateway g1 server-address 10.0.0.2\n"
	    "set " MEMBER "ike gateway g1 server-address 10.0.0.3\n"
	    "set " MEMBER "ike gateway g1 server-address 10.0.0.4\n", "", 0);
	expect("set " MEMBER "ike gateway g1 server-address 10.0.0.1\n"
	    "set " MEMBER "ike gateway g1 server-address 10.0.0.2\n"
	    "set " MEMBER "ike gateway g1 server-address 10.0.0.3\n"
	    "set " MEMBER "ike gateway g1 server-address 10.0.0.4\n"
	    "set " MEMBER "ike gateway g1 server-address 10.0.0.5\n",
	    "[edit security group-vpn member ike gateway g1]\n"
	    "  'server-address'\n"
	    "    Number of elements exceeds limit of 4\n",
	    1);
	expect("set security group-vpn server group a group-id 1\n"
	    "set security group-vpn server group b group-id 2\n"
	    "set security group-vpn server group c group-id 3\n"
	    "set security group-vpn server group d group-id 4\n",
	    "[edit security group-vpn server]\n"
	    "  'group'\n"
	    "    Number of elements exceeds limit of 3\n",
	    1);
}

/* Several errors come in display order of the configuration. */
static void
test_order(void)
{
	expect("set services service-set s1 allow-multicast\n"
	    "set " MEMBER "ipsec vpn v1 ike-gateway gw9\n"
	    "set interfaces ge-0/0/0 unit 0 family inet service input service-set s1\n"
	    "set " MEMBER "ike gateway g1 ike-policy p9\n",
	    "[edit interfaces ge-0/0/0 unit 0 family inet service input]\n"
	    "  'service-set s1'\n"
	    "    this service set must be an interface service\n"
	    "[edit security group-vpn member ike gateway g1]\n"
	    "  'ike-policy p9'\n"
	    "    Referenced IKE policy must be defined under [edit security group-vpn member ike policy]\n"
	    "[edit security group-vpn member ipsec vpn v1]\n"
	    "  'ike-gateway gw9'\n"
	    "    Referenced IKE gateway must be defined under [edit security group-vpn member ike gateway]\n"
	    "[edit services service-set s1]\n"
	    "  'allow-multicast'\n"
	    "    Service-set must be nexthop style to use allow-multicast\n",
	    4);
}

/* The groups hierarchy is not checked; inactive statements are not there. */
static void
test_groups_and_inactive(void)
{
	expect("set groups G1 security group-vpn member ipsec vpn v1 ike-gateway gw9\n"
	    "set groups G1 system login-banner color red\n", "", 0);

	struct conf_node *root = vu_tree(schema,
	    "set " MEMBER "ipsec vpn v1 ike-gateway gw9\n"
	    "set " MEMBER "ipsec vpn v2 ike-gateway gw1\n"
	    "set " MEMBER "ike gateway gw1 ike-policy p1\n"
	    "set " MEMBER "ike policy p1 proposal-set basic\n"
	    "set " MEMBER "ike policy p1 pre-shared-key ascii-text k\n");
	vu_find(root, MEMBER "ipsec vpn v1")->cn_flags |= CONF_F_INACTIVE;
	char *got = vu_validate(root, NULL);
	UNIT_STREQ(got, "");
	free(got);
	vu_find(root, MEMBER "ike gateway gw1")->cn_flags |= CONF_F_INACTIVE;
	got = vu_validate(root, NULL);
	UNIT_STREQ(got,
	    "[edit security group-vpn member ipsec vpn v2]\n"
	    "  'ike-gateway gw1'\n"
	    "    Referenced IKE gateway must be defined under [edit security group-vpn member ike gateway]\n");
	free(got);
	conf_free(root);
}

/* Validating a subtree checks that subtree, paths still resolve from the root. */
static void
test_subtree(void)
{
	struct conf_node *root = vu_tree(schema,
	    "set " MEMBER "ipsec vpn v1 ike-gateway gw9\n"
	    "set services service-set s1 allow-multicast\n");
	struct buf b = BUF_INIT;

	UNIT_CHECK(conf_validate(vu_find(root, "services"), &b) == 1);
	UNIT_STREQ(buf_str(&b),
	    "[edit services service-set s1]\n"
	    "  'allow-multicast'\n"
	    "    Service-set must be nexthop style to use allow-multicast\n");
	buf_free(&b);
	UNIT_CHECK(conf_validate(NULL, &b) == 0);
	conf_free(root);
}

static int
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -1;
	fputs(text, f);
	return fclose(f);
}

/* A must that does not parse is reported with its statement and expression. */
static void
test_compile_schema(void)
{
	char dir[] = "/tmp/test_validate.XXXXXX";
	char path[256], err[512];

	UNIT_CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/a.xml", dir);
	UNIT_CHECK(write_file(path,
	    "<schema xmlns=\"urn:routemu:schema:1\">\n"
	    " <container name=\"system\">\n"
	    "  <leaf name=\"a\" type=\"string\">\n"
	    "   <must expr=\"(&quot;.. b&quot;)\" message=\"fine\"/>\n"
	    "  </leaf>\n"
	    "  <container name=\"x\">\n"
	    "   <leaf name=\"b\" type=\"string\">\n"
	    "    <must expr=\"(&quot;.. a&quot; ||)\" message=\"broken\"/>\n"
	    "   </leaf>\n"
	    "  </container>\n"
	    " </container>\n"
	    "</schema>\n") == 0);
	struct schema *s = schema_load_dir(dir, err, sizeof(err));
	UNIT_CHECK(s != NULL);
	if (s != NULL) {
		UNIT_CHECK(validate_compile_schema(s, err, sizeof(err)) == -1);
		UNIT_STREQ(err, "bad must expression at [system x b]: "
		    "\"(\".. a\" ||)\": expected a path, '!' or '(' at offset 10");
		validate_release_schema(s);
		schema_free(s);
	}
	unlink(path);
	rmdir(dir);
	UNIT_CHECK(validate_compile_schema(NULL, err, sizeof(err)) == 0);
}

/*
 * n service sets each referencing its own group VPN and n member VPNs: the
 * `unique "services service-set <*> ipsec-group-vpn $$"` rule runs for each service
 * set. With the per-run cache this is linear; quadratic would take minutes here.
 */
static void
test_unique_scales(void)
{
	const size_t n = 20000;
	struct conf_node *root = conf_new(schema);
	char line[256];
	struct timespec t0, t1;

	for (size_t i = 0; i < n; i++) {
		snprintf(line, sizeof(line),
		    "set services service-set s%zu ipsec-group-vpn v%zu", i, i);
		UNIT_CHECK(vu_set(root, line) != NULL);
		snprintf(line, sizeof(line),
		    "set services service-set s%zu interface-service service-interface ms-1/0/0", i);
		UNIT_CHECK(vu_set(root, line) != NULL);
		snprintf(line, sizeof(line), "set " MEMBER "ipsec vpn v%zu group %zu", i, i + 1);
		UNIT_CHECK(vu_set(root, line) != NULL);
	}
	/* one duplicate at the end */
	UNIT_CHECK(vu_set(root, "set services service-set dup ipsec-group-vpn v5") != NULL);
	UNIT_CHECK(vu_set(root,
	    "set services service-set dup interface-service service-interface ms-1/0/0") != NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int count;
	char *got = vu_validate(root, &count);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("     validate: %zu service sets, %zu vpns: %.3f s\n", n + 1, n, secs);
	UNIT_CHECK(count == 2);
	UNIT_STREQ(got,
	    "[edit services service-set s5]\n"
	    "  'ipsec-group-vpn v5'\n"
	    "    A Group VPN object can be referenced only in one service set\n"
	    "[edit services service-set dup]\n"
	    "  'ipsec-group-vpn v5'\n"
	    "    A Group VPN object can be referenced only in one service set\n");
	UNIT_CHECK(secs < 10.0);
	free(got);
	conf_free(root);
}

/*
 * The real schema (the XML files of schema/, or $ROUTEMU_SCHEMA_DIR): every must compiles, GM1's
 * example configuration passes, and a few of its rules fail with their exact text.
 */
static void
test_real_schema(void)
{
	char dir[1024], path[1100], err[1024];
	const char *top = getenv("srcdir") ? getenv("srcdir") : ".";
	const char *env = getenv("ROUTEMU_SCHEMA_DIR");
	struct schema *real;

	snprintf(dir, sizeof(dir), "%s/schema", top);
	if ((real = schema_load_dir(env ? env : dir, err, sizeof(err))) == NULL) {
		fprintf(stderr, "real schema: %s\n", err);
		UNIT_CHECK(real != NULL);
		return;
	}
	UNIT_CHECK(validate_compile_schema(real, err, sizeof(err)) == 0);

	/* examples/gm1.set */
	snprintf(path, sizeof(path), "%s/examples/gm1.set", top);
	FILE *f = fopen(path, "r");
	UNIT_CHECK(f != NULL);
	struct buf text = BUF_INIT;
	char line[1024];
	while (f != NULL && fgets(line, sizeof(line), f) != NULL)
		buf_puts(&text, line);
	if (f != NULL)
		fclose(f);
	struct conf_node *root = vu_tree(real, buf_str(&text));
	char *got = vu_validate(root, NULL);
	UNIT_STREQ(got, "");
	free(got);

	/* break it: a second VPN with the same group, the local address of a server */
	UNIT_CHECK(vu_set(root, "set security group-vpn member ipsec vpn v2 group 200") != NULL);
	UNIT_CHECK(vu_set(root, "set security group-vpn member ike gateway gw-group1 "
	    "local-address 192.0.2.1") != NULL);
	UNIT_CHECK(vu_set(root, "set services service-set s2 ipsec-group-vpn nosuchvpn") != NULL);
	got = vu_validate(root, NULL);
	/* Junos's order of the top statements: services comes before security */
	UNIT_STREQ(got,
	    "[edit services service-set s2]\n"
	    "  'ipsec-group-vpn nosuchvpn'\n"
	    "    Group VPN supported on interface style service-set\n"
	    "[edit services service-set s2]\n"
	    "  'ipsec-group-vpn nosuchvpn'\n"
	    "    referenced group-vpn must be defined\n"
	    "[edit security group-vpn member ike gateway gw-group1]\n"
	    "  'local-address 192.0.2.1'\n"
	    "    Member can not have the same local address as server\n"
	    "[edit security group-vpn member ipsec vpn gvpn200]\n"
	    "  'group 200'\n"
	    "    Group id must be unique among group vpns\n"
	    "[edit security group-vpn member ipsec vpn v2]\n"
	    "  'group 200'\n"
	    "    Group id must be unique among group vpns\n");
	free(got);
	conf_free(root);
	buf_free(&text);

	/* member and server together; the rule sits on server only (MX member) */
	root = vu_tree(real, "set security group-vpn member ike\n"
	    "set security group-vpn server ike\n");
	got = vu_validate(root, NULL);
	UNIT_STREQ(got,
	    "[edit security group-vpn]\n"
	    "  'server'\n"
	    "    Configuring both group-vpn server and group-vpn member is not supported\n");
	free(got);
	conf_free(root);
	vu_schema_free(real);
}

int
main(void)
{
	schema = vu_schema();
	UNIT_RUN(test_valid);
	UNIT_RUN(test_leaf_reference);
	UNIT_RUN(test_key_leaf);
	UNIT_RUN(test_leaflist_value);
	UNIT_RUN(test_container_and_list);
	UNIT_RUN(test_service_set);
	UNIT_RUN(test_unique);
	UNIT_RUN(test_mandatory);
	UNIT_RUN(test_max_elements);
	UNIT_RUN(test_order);
	UNIT_RUN(test_groups_and_inactive);
	UNIT_RUN(test_subtree);
	UNIT_RUN(test_compile_schema);
	UNIT_RUN(test_unique_scales);
	UNIT_RUN(test_real_schema);
	vu_schema_free(schema);
	return unit_exit();
}
