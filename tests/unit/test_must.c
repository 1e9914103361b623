/*
 * test_must: the Junos constraint language. Every distinct `junos:must` expression of
 * the reference YANG (shared/reference/junos-yang/conf-*.yang, 91 of them) must parse;
 * malformed ones must not; and each expression shape is evaluated both true and
 * false on trees of the test schema (tests/unit/data/validate/schema).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "validate_util.h"

/* grep -h 'junos:must ' conf-*.yang | sort -u, as C strings. */
static const char *const reference_exprs[] = {
	"(!((\".. .. cos-rule-sets\" || (\".. .. cos-rules\" || (\".. .. ids-rule-sets\" || (\".. .. ids-rules\" || (\".. .. ipsec-vpn-rule-sets\" || (\".. .. ipsec-vpn-rules\" || (\".. .. nat-rule-sets\" || (\".. .. nat-rules\" || (\".. .. stateful-firewall-rule-sets\" || (\".. .. stateful-firewall-rules\" || (\".. .. softwire-rule-sets\" || \".. .. softwire-rules\")))))))))))))",
	"(!((\"security group-vpn server ike policy $$ mode main\" && (\"security group-vpn server ike policy $$ pre-shared-key\" && \".. dynamic\"))))",
	"(!(\".. .. exclude\"))",
	"(!(\".. .. limit\"))",
	"(!(\".. .. source-address\"))",
	"(!(\".. address\"))",
	"(!(\".. anti-replay-window-size\"))",
	"(!(\".. dynamic\"))",
	"(!(\".. echo-lite\"))",
	"(!(\".. echo\"))",
	"(!(\".. extension-service\"))",
	"(!(\".. ipsec-group-vpn\"))",
	"(!(\".. ipsec-vpn-options\"))",
	"(!(\".. ipsec-vpn-rule-sets\"))",
	"(!(\".. ipsec-vpn-rules\"))",
	"(!(\".. member\"))",
	"(!(\".. no-anti-replay\"))",
	"(!(\".. proposals\"))",
	"(!(\".. resolve\"))",
	"(!(\".. server\"))",
	"(!(\"interfaces $$ family bridge\"))",
	"(!(\"security group-vpn server ike gateway $$ dead-peer-detection\"))",
	"(!(\"security group-vpn server ike gateway $$ dynamic\"))",
	"(!(\"security ike gateway $$\"))",
	"(!(\"security ike policy $$\"))",
	"(!(\"security ike proposal $$\"))",
	"(!(\"security ipsec vpn $$\"))",
	"(!(any \"security group-vpn member ike gateway <*> server-address $$\"))",
	"((!(\".. .. .. .. .. .. demux-source\") && !(\".. .. .. .. .. .. demux-destination\")))",
	"((!(\".. .. softwire-rules\") && !(\".. .. softwire-rule-sets\")))",
	"((!(\".. clear-dont-fragment-bit\") && !(\".. set-dont-fragment-bit\")))",
	"((!(\".. copy-dont-fragment-bit\") && !(\".. clear-dont-fragment-bit\")))",
	"((!(\".. copy-dont-fragment-bit\") && !(\".. set-dont-fragment-bit\")))",
	"((!(\".. ipsec-vpn-rules\") && (!(\".. ipsec-vpn-rule-sets\") && !(\".. ipsec-vpn-options\"))))",
	"((!(\".. no-nat-traversal\") && !(\"services ipsec-vpn disable-natt\")))",
	"((!(\".. rpf-check\") || \"chassis network-services enhanced-ip\"))",
	"(((\".. certificate local-certificate\" || \".. pre-shared-key\") && !((\".. certificate local-certificate\" && \".. pre-shared-key\"))))",
	"((\".. no-group-check\" || unique \"security group-vpn member ipsec vpn <*> group $$\"))",
	"((\".. no-group-check\" || unique \"security group-vpn server group <*> group-id $$\"))",
	"((\".. proposals\" || \".. proposal-set\"))",
	"((\"interfaces $$-IFL family inet address\" || \"interfaces $$-IFL family inet dhcp\"))",
	"((\"interfaces $$-IFL family inet address\" || \"interfaces $$-IFL family inet6 address\"))",
	"((\"services nat source rule-set $$\" || (\"services nat rule-set $$\" || (\"services nat destination rule-set $$\" || \"services nat static rule-set $$\"))))",
	"((\"system services local-policy-decision-function statistics aacl-statistics-profile $$\" || \"accounting-options policy-decision-statistics-profile $$\"))",
	"((any \"forwarding-options sampling instance <*>\" || \"forwarding-options sampling family\"))",
	"(\".. .. .. proposal $$\")",
	"(\".. .. .. screen ids-option $$\")",
	"(\".. .. max-flows\")",
	"(\".. .. service-set-options session-limit\")",
	"(\".. algorithm\")",
	"(\".. interface-service\")",
	"(\".. ipsec-vpn-options local-gateway\")",
	"(\".. key-chain\")",
	"(\".. next-hop-service\")",
	"(\".. p2mp-lsp-next-hop\")",
	"(\".. resolve\")",
	"(\".. sampling-service\")",
	"(\"access profile $$\")",
	"(\"applications application $$\")",
	"(\"forwarding-options sampling instance $$\")",
	"(\"interfaces $$-IFL\")",
	"(\"protocols source-packet-routing tunnel-tracking\")",
	"(\"routing-instances $$\")",
	"(\"security authentication-key-chains key-chain $$\")",
	"(\"security group-vpn member ike gateway $$\")",
	"(\"security group-vpn member ike policy $$\")",
	"(\"security group-vpn member ipsec vpn $$\")",
	"(\"security group-vpn server ike gateway $$ dead-peer-detection always-send\")",
	"(\"security group-vpn server ike gateway $$\")",
	"(\"security group-vpn server ike policy $$\")",
	"(\"security group-vpn server ipsec proposal $$\")",
	"(\"security idp idp-policy $$\")",
	"(\"services application-identification profile  $$\")",
	"(\"services application-identification profile $$\")",
	"(\"services captive-portal-content-delivery profile $$\")",
	"(\"services hcm profile $$\")",
	"(\"services ip-reassembly rule $$\")",
	"(\"services ipsec-vpn rule $$\")",
	"(\"services ipsec-vpn rule-set $$\")",
	"(\"services jflow-log template-profile $$\")",
	"(\"services lrf profile $$\")",
	"(\"services pcef profile $$\")",
	"(\"services pgcp rule $$\")",
	"(\"services pgcp rule-set $$\")",
	"(\"services redundancy-set $$\")",
	"(\"services service-interface-pools pool $$\")",
	"(\"services service-set $$ interface-service\")",
	"(\"services ssl initiation profile $$\")",
	"(\"services web-filter profile $$\")",
	"(\"system tracing\")",
	"(unique \"services service-set <*> ipsec-group-vpn $$\")",
};

static struct schema *schema;

static void
test_parse_reference(void)
{
	char err[256];
	size_t n = sizeof(reference_exprs) / sizeof(reference_exprs[0]);

	UNIT_CHECK(n == 91);
	for (size_t i = 0; i < n; i++) {
		struct must_expr *e = must_compile(reference_exprs[i], err, sizeof(err));
		if (e == NULL)
			fprintf(stderr, "does not parse: %s: %s\n", reference_exprs[i], err);
		UNIT_CHECK(e != NULL);
		must_free(e);
	}
}

static void
expect_format(const char *expr, const char *want)
{
	char err[256];
	struct must_expr *e = must_compile(expr, err, sizeof(err));

	UNIT_CHECK(e != NULL);
	if (e == NULL) {
		fprintf(stderr, "%s: %s\n", expr, err);
		return;
	}
	char *got = must_format(e);
	UNIT_STREQ(got, want);
	free(got);
	must_free(e);
}

static void
test_parse_structure(void)
{
	expect_format("(\".. .. .. proposal $$\")", "\".. .. .. proposal $$\"");
	expect_format("(!(any \"security group-vpn member ike gateway <*> server-address $$\"))",
	    "!any \"security group-vpn member ike gateway <*> server-address $$\"");
	expect_format("((\".. no-group-check\" || unique \"security group-vpn member ipsec vpn <*> group $$\"))",
	    "(\".. no-group-check\" || unique \"security group-vpn member ipsec vpn <*> group $$\")");
	/* && binds tighter than ||, both associate to the left */
	expect_format("\"a\" || \"b\" && \"c\" || \"d\"",
	    "((\"a\" || (\"b\" && \"c\")) || \"d\")");
	expect_format("!\"a\" && !!\"b\"", "(!\"a\" && !!\"b\")");
	expect_format("(((\".. certificate local-certificate\" || \".. pre-shared-key\") && "
	    "!((\".. certificate local-certificate\" && \".. pre-shared-key\"))))",
	    "((\".. certificate local-certificate\" || \".. pre-shared-key\") && "
	    "!(\".. certificate local-certificate\" && \".. pre-shared-key\"))");
	/* a quoted \" inside a path is unquoted */
	expect_format("\"a \\\"b\\\"\"", "\"a \"b\"\"");
}

static void
expect_error(const char *expr, const char *want)
{
	char err[256] = "";
	struct must_expr *e = must_compile(expr, err, sizeof(err));

	UNIT_CHECK(e == NULL);
	must_free(e);
	UNIT_STREQ(err, want);
}

static void
test_parse_errors(void)
{
	expect_error("", "unexpected end of expression at offset 0");
	expect_error("(\"a\"", "expected ')' at offset 4");
	expect_error("\"a\")", "unbalanced ')' at offset 3");
	expect_error("\"a\" & \"b\"", "expected '&&' at offset 4");
	expect_error("\"a\" | \"b\"", "expected '||' at offset 4");
	expect_error("\"a\" \"b\"", "unexpected text after the expression at offset 4");
	expect_error("\"a", "unterminated string at offset 0");
	expect_error("all \"a\"", "unknown keyword at offset 0");
	expect_error("any (\"a\")", "expected a quoted path at offset 4");
	expect_error("unique", "expected a quoted path at offset 6");
	expect_error("\"\"", "empty path at offset 0");
	expect_error("\"  .. \"", "empty path at offset 0");
	expect_error("\"a .. b\"", "'..' after a statement name in a path at offset 0");
	expect_error("\"a $$-IFD\"", "unknown substitution in path at offset 0");
	expect_error("\"a\" && ", "unexpected end of expression at offset 7");
	expect_error("#", "unexpected character at offset 0");
	expect_error("!", "unexpected end of expression at offset 1");
	expect_error("(\"a\" ||)", "expected a path, '!' or '(' at offset 7");
	expect_error("&& \"a\"", "expected a path, '!' or '(' at offset 0");
	expect_error("()", "expected a path, '!' or '(' at offset 1");

	/* deep nesting is refused, not a stack overflow */
	char deep[4096];
	size_t i;
	for (i = 0; i < 1000; i++)
		deep[i] = '(';
	deep[i] = '\0';
	char err[256];
	UNIT_CHECK(must_compile(deep, err, sizeof(err)) == NULL);
	UNIT_CHECK(strstr(err, "nested too deeply") != NULL);
	for (i = 0; i < 1000; i++)
		deep[i] = '!';
	deep[i] = '\0';
	UNIT_CHECK(must_compile(deep, err, sizeof(err)) == NULL);
	/* so are long chains (they make deep trees too) */
	struct buf chain = BUF_INIT;
	buf_puts(&chain, "\"a\"");
	for (i = 0; i < 2000; i++)
		buf_puts(&chain, " && \"a\"");
	UNIT_CHECK(must_compile(buf_str(&chain), err, sizeof(err)) == NULL);
	UNIT_CHECK(strstr(err, "expression too long") != NULL);
	buf_free(&chain);
	/* NULL err buffer is allowed */
	UNIT_CHECK(must_compile("(", NULL, 0) == NULL);
}

/*
 * Evaluate expr on the node at `path` of the tree built from config; the carrier is
 * that node's schema, or its key leaf when key is true.
 */
static int
eval_at(const char *config, const char *path, bool key, const char *expr)
{
	char err[256];
	struct conf_node *root = vu_tree(schema, config);
	struct conf_node *at = vu_find(root, path);
	struct must_expr *e = must_compile(expr, err, sizeof(err));
	int r = -1;

	if (at == NULL || e == NULL) {
		fprintf(stderr, "eval_at: %s: %s\n", at == NULL ? "no node" : "bad expr",
		    at == NULL ? path : err);
		goto done;
	}
	const struct sch_node *carrier = key ? at->cn_schema->sn_key : at->cn_schema;
	r = must_eval_from(e, at, carrier, NULL);
	/* the cached evaluation answers the same */
	struct must_cache *c = must_cache_new();
	if (must_eval_from(e, at, carrier, c) != r ||
	    must_eval_from(e, at, carrier, c) != r) {
		fprintf(stderr, "eval_at: cache disagrees on %s\n", expr);
		r = -2;
	}
	must_cache_free(c);
	if (!key && must_eval(e, at) != r)
		r = -3;
done:
	must_free(e);
	conf_free(root);
	return r;
}

#define TRUE_AT(cfg, path, key, expr)	UNIT_CHECK(eval_at(cfg, path, key, expr) == 1)
#define FALSE_AT(cfg, path, key, expr)	UNIT_CHECK(eval_at(cfg, path, key, expr) == 0)

#define GW "security group-vpn member ike gateway g1"
#define POL "security group-vpn member ike policy p1"
#define VPN "security group-vpn member ipsec vpn v1"
#define SS "services service-set s1"

/* (".. x"), (!(".. x")): siblings, from a leaf, a key leaf, a container, a list */
static void
test_eval_relative(void)
{
	const char *base = "set " POL " mode main\n";
	const char *both = "set " POL " mode main\nset " POL " proposals x\n";

	/* from a leaf: `..` is its entry */
	TRUE_AT(both, POL " mode", false, "(\".. proposals\")");
	FALSE_AT(base, POL " mode", false, "(\".. proposals\")");
	FALSE_AT(both, POL " mode", false, "(!(\".. proposals\"))");
	TRUE_AT(base, POL " mode", false, "(!(\".. proposals\"))");
	/* from the key leaf: `..` is the entry too */
	TRUE_AT(both, POL, true, "(\".. proposals\")");
	FALSE_AT(base, POL, true, "(\".. proposals\")");
	/* from the entry itself (a must on the list): `..` is the list's parent */
	TRUE_AT(both, POL, false, "(\".. policy p1\")");
	FALSE_AT(both, POL, false, "(\".. proposals\")");
	/* from a container: its parent */
	TRUE_AT("set security group-vpn member ike traceoptions no-remote-trace\n",
	    "security group-vpn member ike traceoptions", false, "(\".. traceoptions\")");
	TRUE_AT("set security group-vpn member ike\nset security group-vpn server ike\n",
	    "security group-vpn member", false, "(\".. server\")");
	FALSE_AT("set security group-vpn member ike\n", "security group-vpn member", false,
	    "(\".. server\")");
	/* a leaf value as the last word */
	TRUE_AT(base, POL " mode", false, "(\".. mode main\")");
	FALSE_AT(base, POL " mode", false, "(\".. mode aggressive\")");
	/* going above the root is false, not a crash */
	FALSE_AT(base, POL " mode", false,
	    "(\".. .. .. .. .. .. .. .. .. .. .. .. .. system\")");
	/* words the schema does not have: false */
	FALSE_AT(base, POL " mode", false, "(\".. no-such-statement\")");
	FALSE_AT(base, POL " mode", false, "(\".. mode main extra\")");
}

/* (".. .. x"), (".. .. a b"): two statements up, then down */
static void
test_eval_relative_up2(void)
{
	const char *flow = "set " SS " snmp-trap-thresholds flow low 10\n";
	const char *flow_max = "set " SS " snmp-trap-thresholds flow low 10\nset " SS " max-flows 100\n";
	const char *sess = "set " SS " snmp-trap-thresholds session low 10\n"
	    "set " SS " service-set-options session-limit 5\n";

	TRUE_AT(flow_max, SS " snmp-trap-thresholds flow", false, "(\".. .. max-flows\")");
	FALSE_AT(flow, SS " snmp-trap-thresholds flow", false, "(\".. .. max-flows\")");
	TRUE_AT(sess, SS " snmp-trap-thresholds session", false,
	    "(\".. .. service-set-options session-limit\")");
	FALSE_AT(flow, SS " snmp-trap-thresholds flow", false,
	    "(\".. .. service-set-options session-limit\")");
}

/* (".. .. .. proposal $$") on a leaf-list value */
static void
test_eval_leaflist_up3(void)
{
	const char *cfg = "set security group-vpn member ike proposal pr1\n"
	    "set " POL " proposals pr1\nset " POL " proposals pr2\n";

	TRUE_AT(cfg, POL " proposals pr1", false, "(\".. .. .. proposal $$\")");
	FALSE_AT(cfg, POL " proposals pr2", false, "(\".. .. .. proposal $$\")");
	/* one `..` from a value is its leaf-list: the next word is a value of it */
	TRUE_AT(cfg, POL " proposals pr2", false, "(\".. pr1\")");
	FALSE_AT(cfg, POL " proposals pr2", false, "(\".. pr3\")");
	/* two: the entry holding the leaf-list */
	TRUE_AT(cfg, POL " proposals pr2", false, "(\".. .. proposals pr1\")");
}

/* (".. .. .. screen ids-option $$")-like: three up from a key leaf */
static void
test_eval_key_up3(void)
{
	const char *cfg = "set security group-vpn member ike proposal g1\n"
	    "set " GW " ike-policy p1\n";

	/* key leaf -> entry g1 -> ike (2) -> member (3) */
	TRUE_AT(cfg, GW, true, "(\".. .. .. ike proposal $$\")");
	FALSE_AT(cfg, GW, true, "(\".. .. .. ike policy $$\")");
}

/* (".. .. .. .. .. .. demux-source"): six up from an input service-set name */
static void
test_eval_key_up6(void)
{
	const char *ifl = "interfaces ge-0/0/0 unit 0";
	const char *in = "interfaces ge-0/0/0 unit 0 family inet service input service-set s1";
	char with[512], without[512];

	snprintf(without, sizeof(without), "set %s\n", in);
	snprintf(with, sizeof(with), "set %s\nset %s demux-source x\n", in, ifl);
	const char *expr = "((!(\".. .. .. .. .. .. demux-source\") && "
	    "!(\".. .. .. .. .. .. demux-destination\")))";
	TRUE_AT(without, in, true, expr);
	FALSE_AT(with, in, true, expr);
}

/* ("system tracing"), ("abs $$"), (!("abs $$")) */
static void
test_eval_absolute(void)
{
	const char *trace = "set security group-vpn member ike traceoptions no-remote-trace\n";
	const char *both = "set system tracing destination-override x\n"
	    "set security group-vpn member ike traceoptions no-remote-trace\n";
	const char *tp = "security group-vpn member ike traceoptions no-remote-trace";

	TRUE_AT(both, tp, false, "(\"system tracing\")");
	FALSE_AT(trace, tp, false, "(\"system tracing\")");

	const char *ref = "set " GW " ike-policy p1\nset " POL " mode main\n";
	const char *dangling = "set " GW " ike-policy p2\nset " POL " mode main\n";
	TRUE_AT(ref, GW " ike-policy", false, "(\"security group-vpn member ike policy $$\")");
	FALSE_AT(dangling, GW " ike-policy", false,
	    "(\"security group-vpn member ike policy $$\")");
	/* ("routing-instances $$") */
	TRUE_AT("set routing-instances r1 instance-type vrf\nset " GW " routing-instance r1\n",
	    GW " routing-instance", false, "(\"routing-instances $$\")");
	FALSE_AT("set " GW " routing-instance r1\n", GW " routing-instance", false,
	    "(\"routing-instances $$\")");
	/* (!("security ike gateway $$")) on a key leaf */
	TRUE_AT("set " GW " ike-policy p1\n", GW, true, "(!(\"security ike gateway $$\"))");
	FALSE_AT("set " GW " ike-policy p1\nset security ike gateway g1\n", GW, true,
	    "(!(\"security ike gateway $$\"))");
	/* a double space between words is one separator */
	TRUE_AT(ref, GW " ike-policy", false,
	    "(\"security group-vpn member ike policy  $$\")");
}

/* ("abs $$ a b"), (!("abs $$ a")): through the referenced entry, down to a leaf */
static void
test_eval_absolute_deep(void)
{
	const char *sgw = "security group-vpn server ike gateway";
	const char *sc = "security group-vpn server group gr1 server-cluster ike-gateway k1";
	char dpd_always[512], dpd[512], dyn[512];

	snprintf(dpd_always, sizeof(dpd_always),
	    "set %s k1 dead-peer-detection always-send\nset %s\n", sgw, sc);
	snprintf(dpd, sizeof(dpd), "set %s k1 dead-peer-detection interval 20\nset %s\n",
	    sgw, sc);
	snprintf(dyn, sizeof(dyn), "set %s k1 dynamic hostname h\nset %s\n", sgw, sc);

	const char *always = "(\"security group-vpn server ike gateway $$ dead-peer-detection always-send\")";
	TRUE_AT(dpd_always, sc, true, always);
	FALSE_AT(dpd, sc, true, always);
	FALSE_AT(dyn, sc, true, always);
	const char *notdyn = "(!(\"security group-vpn server ike gateway $$ dynamic\"))";
	TRUE_AT(dpd, sc, true, notdyn);
	FALSE_AT(dyn, sc, true, notdyn);
}

/* ((".. a" || ".. b")) and the xor of the policy's authentication */
static void
test_eval_or_xor(void)
{
	const char *or = "((\".. proposals\" || \".. proposal-set\"))";
	const char *xor = "(((\".. certificate local-certificate\" || \".. pre-shared-key\") && "
	    "!((\".. certificate local-certificate\" && \".. pre-shared-key\"))))";

	TRUE_AT("set " POL " proposals a\n", POL, true, or);
	TRUE_AT("set " POL " proposal-set basic\n", POL, true, or);
	FALSE_AT("set " POL " mode main\n", POL, true, or);

	TRUE_AT("set " POL " certificate local-certificate c\n", POL, true, xor);
	TRUE_AT("set " POL " pre-shared-key ascii-text k\n", POL, true, xor);
	FALSE_AT("set " POL " mode main\n", POL, true, xor);
	FALSE_AT("set " POL " certificate local-certificate c\n"
	    "set " POL " pre-shared-key ascii-text k\n", POL, true, xor);
	/* certificate without local-certificate is not enough */
	FALSE_AT("set " POL " certificate\n", POL, true, xor);
}

/* ((!(".. a") || "abs")), ((!(".. a") && !(".. b"))), the 3-way and the 12-way forms */
static void
test_eval_not_combinations(void)
{
	const char *svc = "interfaces ge-0/0/0 unit 0 family inet service";
	const char *rpf = "((!(\".. rpf-check\") || \"chassis network-services enhanced-ip\"))";
	char a[512], b[512], c[1024];

	snprintf(a, sizeof(a), "set %s input service-set s1\n", svc);
	snprintf(b, sizeof(b), "set %s input service-set s1\n"
	    "set interfaces ge-0/0/0 unit 0 family inet rpf-check\n", svc);
	snprintf(c, sizeof(c), "%sset chassis network-services enhanced-ip\n", b);
	TRUE_AT(a, svc, false, rpf);
	FALSE_AT(b, svc, false, rpf);
	TRUE_AT(c, svc, false, rpf);

	const char *opts = "services service-set s1 ipsec-vpn-options";
	const char *clear = "((!(\".. copy-dont-fragment-bit\") && !(\".. set-dont-fragment-bit\")))";
	TRUE_AT("set " SS " ipsec-vpn-options clear-dont-fragment-bit\n",
	    "services service-set s1 ipsec-vpn-options clear-dont-fragment-bit", false, clear);
	FALSE_AT("set " SS " ipsec-vpn-options clear-dont-fragment-bit\n"
	    "set " SS " ipsec-vpn-options set-dont-fragment-bit\n",
	    "services service-set s1 ipsec-vpn-options clear-dont-fragment-bit", false, clear);
	FALSE_AT("set " SS " ipsec-vpn-options clear-dont-fragment-bit\n"
	    "set " SS " ipsec-vpn-options copy-dont-fragment-bit\n",
	    "services service-set s1 ipsec-vpn-options clear-dont-fragment-bit", false, clear);
	(void)opts;

	const char *three = "((!(\".. ipsec-vpn-rules\") && (!(\".. ipsec-vpn-rule-sets\") && "
	    "!(\".. ipsec-vpn-options\"))))";
	TRUE_AT("set " SS " ipsec-group-vpn v1\n", SS " ipsec-group-vpn", false, three);
	FALSE_AT("set " SS " ipsec-group-vpn v1\nset " SS " ipsec-vpn-rules r\n",
	    SS " ipsec-group-vpn", false, three);
	FALSE_AT("set " SS " ipsec-group-vpn v1\nset " SS " ipsec-vpn-rule-sets r\n",
	    SS " ipsec-group-vpn", false, three);
	FALSE_AT("set " SS " ipsec-group-vpn v1\nset " SS " ipsec-vpn-options no-nat-traversal\n",
	    SS " ipsec-group-vpn", false, three);

	const char *many = "(!((\".. .. cos-rule-sets\" || (\".. .. cos-rules\" || (\".. .. ids-rule-sets\" || "
	    "(\".. .. ids-rules\" || (\".. .. ipsec-vpn-rule-sets\" || (\".. .. ipsec-vpn-rules\" || "
	    "(\".. .. nat-rule-sets\" || (\".. .. nat-rules\" || (\".. .. stateful-firewall-rule-sets\" || "
	    "(\".. .. stateful-firewall-rules\" || (\".. .. softwire-rule-sets\" || "
	    "\".. .. softwire-rules\")))))))))))))";
	const char *pool = SS " next-hop-service service-interface-pool";
	TRUE_AT("set " SS " next-hop-service service-interface-pool p\n", pool, false, many);
	FALSE_AT("set " SS " next-hop-service service-interface-pool p\n"
	    "set " SS " stateful-firewall-rules r\n", pool, false, many);
	FALSE_AT("set " SS " next-hop-service service-interface-pool p\n"
	    "set " SS " ipsec-vpn-rules r\n", pool, false, many);

	/* ((!(".. no-nat-traversal") && !("services ipsec-vpn disable-natt"))) */
	const char *natt = "((!(\".. no-nat-traversal\") && !(\"services ipsec-vpn disable-natt\")))";
	const char *ka = SS " ipsec-vpn-options nat-keepalive";
	TRUE_AT("set " SS " ipsec-vpn-options nat-keepalive 5\n", ka, false, natt);
	FALSE_AT("set " SS " ipsec-vpn-options nat-keepalive 5\nset services ipsec-vpn disable-natt\n",
	    ka, false, natt);
	FALSE_AT("set " SS " ipsec-vpn-options nat-keepalive 5\n"
	    "set " SS " ipsec-vpn-options no-nat-traversal\n", ka, false, natt);
}

/* (!(("abs $$ a b" && ("abs $$ c" && ".. d")))) */
static void
test_eval_nested_and(void)
{
	const char *e = "(!((\"security group-vpn server ike policy $$ mode main\" && "
	    "(\"security group-vpn server ike policy $$ pre-shared-key\" && \".. dynamic\"))))";
	const char *gw = "security group-vpn server ike gateway k1";
	const char *pol = "security group-vpn server ike policy sp";
	char all[512], aggr[512], nodyn[512], nopsk[512];

	snprintf(all, sizeof(all), "set %s ike-policy sp\nset %s dynamic hostname h\n"
	    "set %s mode main\nset %s pre-shared-key ascii-text k\n", gw, gw, pol, pol);
	snprintf(aggr, sizeof(aggr), "set %s ike-policy sp\nset %s dynamic hostname h\n"
	    "set %s mode aggressive\nset %s pre-shared-key ascii-text k\n", gw, gw, pol, pol);
	snprintf(nodyn, sizeof(nodyn), "set %s ike-policy sp\nset %s address 1.1.1.1\n"
	    "set %s mode main\nset %s pre-shared-key ascii-text k\n", gw, gw, pol, pol);
	snprintf(nopsk, sizeof(nopsk), "set %s ike-policy sp\nset %s dynamic hostname h\n"
	    "set %s mode main\n", gw, gw, pol);
	char path[256];
	snprintf(path, sizeof(path), "%s ike-policy", gw);
	FALSE_AT(all, path, false, e);
	TRUE_AT(aggr, path, false, e);
	TRUE_AT(nodyn, path, false, e);
	TRUE_AT(nopsk, path, false, e);
}

/* (!(any "... <*> server-address $$")) */
static void
test_eval_any(void)
{
	const char *e = "(!(any \"security group-vpn member ike gateway <*> server-address $$\"))";
	const char *cfg = "set " GW " local-address 10.0.0.1\n"
	    "set security group-vpn member ike gateway g2 server-address 10.0.0.9\n"
	    "set security group-vpn member ike gateway g2 server-address 10.0.0.1\n";
	const char *ok = "set " GW " local-address 10.0.0.2\n"
	    "set security group-vpn member ike gateway g2 server-address 10.0.0.9\n"
	    "set security group-vpn member ike gateway g2 server-address 10.0.0.1\n";
	/* its own gateway counts too */
	const char *own = "set " GW " local-address 10.0.0.3\nset " GW " server-address 10.0.0.3\n";

	FALSE_AT(cfg, GW " local-address", false, e);
	TRUE_AT(ok, GW " local-address", false, e);
	FALSE_AT(own, GW " local-address", false, e);
	/* ((any "a b <*>" || "a b c")) */
	const char *e2 = "((any \"forwarding-options sampling instance <*>\" || "
	    "\"forwarding-options sampling family\"))";
	const char *smp = SS " jflow-rules sampling";
	TRUE_AT("set " SS " jflow-rules sampling\nset forwarding-options sampling instance i1\n",
	    smp, false, e2);
	TRUE_AT("set " SS " jflow-rules sampling\nset forwarding-options sampling family inet\n",
	    smp, false, e2);
	FALSE_AT("set " SS " jflow-rules sampling\nset forwarding-options sampling\n", smp,
	    false, e2);
	/* a wildcard at a statement position matches nothing */
	FALSE_AT("set " SS " jflow-rules sampling\nset forwarding-options sampling instance i1\n",
	    smp, false, "(any \"forwarding-options <*> instance i1\")");
	/* a plain path with a wildcard behaves like any */
	TRUE_AT("set " SS " jflow-rules sampling\nset forwarding-options sampling instance i1\n",
	    smp, false, "(\"forwarding-options sampling instance <*>\")");
}

/* (unique "... <*> leaf $$") and ((".. x" || unique "...")) */
static void
test_eval_unique(void)
{
	const char *e = "(unique \"services service-set <*> ipsec-group-vpn $$\")";
	const char *one = "set services service-set s1 ipsec-group-vpn v1\n"
	    "set services service-set s2 ipsec-group-vpn v2\n";
	const char *two = "set services service-set s1 ipsec-group-vpn v1\n"
	    "set services service-set s2 ipsec-group-vpn v1\n";

	TRUE_AT(one, "services service-set s1 ipsec-group-vpn", false, e);
	TRUE_AT(one, "services service-set s2 ipsec-group-vpn", false, e);
	FALSE_AT(two, "services service-set s1 ipsec-group-vpn", false, e);
	FALSE_AT(two, "services service-set s2 ipsec-group-vpn", false, e);
	/* from elsewhere, a single match that is not the carrier is one too many */
	FALSE_AT("set services service-set s1 ipsec-group-vpn v1\nset " VPN " group 1\n", VPN, true, e);
	TRUE_AT("set services service-set s1 ipsec-group-vpn v2\nset " VPN " group 1\n", VPN, true, e);

	const char *g = "((\".. no-group-check\" || unique \"security group-vpn member ipsec vpn <*> group $$\"))";
	const char *dup = "set " VPN " group 1\nset security group-vpn member ipsec vpn v2 group 1\n";
	const char *dup_nc = "set " VPN " group 1\nset " VPN " no-group-check\n"
	    "set security group-vpn member ipsec vpn v2 group 1\n";
	const char *uniq = "set " VPN " group 1\nset security group-vpn member ipsec vpn v2 group 2\n";
	FALSE_AT(dup, VPN " group", false, g);
	TRUE_AT(dup_nc, VPN " group", false, g);
	FALSE_AT(dup_nc, "security group-vpn member ipsec vpn v2 group", false, g);
	TRUE_AT(uniq, VPN " group", false, g);
	/* unique over entries, from a key leaf: only the entry itself may match */
	FALSE_AT(uniq, VPN, true, "(unique \"security group-vpn member ipsec vpn <*>\")");
	TRUE_AT("set " VPN " group 1\n", VPN, true,
	    "(unique \"security group-vpn member ipsec vpn <*>\")");
}

/* ("interfaces $$-IFL"), ((.. $$-IFL family inet address || ...)), (!("interfaces $$ family bridge")) */
static void
test_eval_ifl(void)
{
	const char *ifl = "(\"interfaces $$-IFL\")";
	const char *ext = VPN " group-vpn-external-interface";

	TRUE_AT("set interfaces ge-0/0/1 unit 5 description x\n"
	    "set " VPN " group-vpn-external-interface ge-0/0/1.5\n", ext, false, ifl);
	FALSE_AT("set interfaces ge-0/0/1 unit 4 description x\n"
	    "set " VPN " group-vpn-external-interface ge-0/0/1.5\n", ext, false, ifl);
	FALSE_AT("set interfaces ge-0/0/2 unit 5 description x\n"
	    "set " VPN " group-vpn-external-interface ge-0/0/1.5\n", ext, false, ifl);
	/* no unit: unit 0 */
	TRUE_AT("set interfaces ge-0/0/1 unit 0 description x\n"
	    "set " VPN " group-vpn-external-interface ge-0/0/1\n", ext, false, ifl);
	FALSE_AT("set interfaces ge-0/0/1 description x\n"
	    "set " VPN " group-vpn-external-interface ge-0/0/1\n", ext, false, ifl);
	/* a trailing dot names no unit */
	FALSE_AT("set interfaces ge-0/0/1 unit 0 description x\n"
	    "set " VPN " group-vpn-external-interface ge-0/0/1.\n", ext, false, ifl);

	const char *lgw = SS " ipsec-vpn-options local-gateway interface";
	const char *e = "((\"interfaces $$-IFL family inet address\" || \"interfaces $$-IFL family inet dhcp\"))";
	TRUE_AT("set interfaces ge-0/0/1 unit 1 family inet address 10.0.0.1/24\n"
	    "set " SS " ipsec-vpn-options local-gateway interface ge-0/0/1.1\n", lgw, false, e);
	TRUE_AT("set interfaces ge-0/0/1 unit 1 family inet dhcp\n"
	    "set " SS " ipsec-vpn-options local-gateway interface ge-0/0/1.1\n", lgw, false, e);
	FALSE_AT("set interfaces ge-0/0/1 unit 1 family inet6 address 2001:db8::1/64\n"
	    "set " SS " ipsec-vpn-options local-gateway interface ge-0/0/1.1\n", lgw, false, e);
	const char *e6 = "((\"interfaces $$-IFL family inet address\" || \"interfaces $$-IFL family inet6 address\"))";
	const char *gwi = SS " ipsec-vpn-options local-gateway gw-interface";
	TRUE_AT("set interfaces ge-0/0/1 unit 1 family inet6 address 2001:db8::1/64\n"
	    "set " SS " ipsec-vpn-options local-gateway gw-interface ge-0/0/1.1\n", gwi, false, e6);
	FALSE_AT("set interfaces ge-0/0/1 unit 1 family inet dhcp\n"
	    "set " SS " ipsec-vpn-options local-gateway gw-interface ge-0/0/1.1\n", gwi, false, e6);

	/* `family bridge` is not in the schema: the rule always holds */
	const char *br = "(!(\"interfaces $$ family bridge\"))";
	TRUE_AT("set interfaces ge-0/0/1 unit 0 description x\n"
	    "set " VPN " group-vpn-external-interface ge-0/0/1\n", ext, false, br);
	/* but `$$` alone is not split: an existing interface is found by its name */
	TRUE_AT("set interfaces ge-0/0/1 description x\n"
	    "set " VPN " group-vpn-external-interface ge-0/0/1\n", ext, false,
	    "(\"interfaces $$ description x\")");
	FALSE_AT("set interfaces ge-0/0/1 unit 0 description x\n"
	    "set " VPN " group-vpn-external-interface ge-0/0/1.0\n", ext, false,
	    "(\"interfaces $$ unit 0\")");
}

/* ((abs $$ || (abs $$ || ...))): alternatives of absolute references */
static void
test_eval_abs_or(void)
{
	const char *e = "((\"services ipsec-vpn rule-set $$\" || (\"services service-interface-pools pool $$\" || "
	    "\"forwarding-options sampling instance $$\")))";
	const char *rs = SS " ipsec-vpn-rule-sets x";

	TRUE_AT("set " SS " ipsec-vpn-rule-sets x\nset services ipsec-vpn rule-set x\n", rs, true, e);
	TRUE_AT("set " SS " ipsec-vpn-rule-sets x\nset services service-interface-pools pool x\n",
	    rs, true, e);
	TRUE_AT("set " SS " ipsec-vpn-rule-sets x\nset forwarding-options sampling instance x\n",
	    rs, true, e);
	FALSE_AT("set " SS " ipsec-vpn-rule-sets x\nset services ipsec-vpn rule-set y\n", rs, true, e);
}

/* A keyword-less list in a path: the word after its parent is an entry's key. */
static void
test_eval_nokeyword_list(void)
{
	const char *cfg = "set vlans p1 vlan-id 10\nset vlans p2 vlan-id 20\n"
	    "set " GW " ike-policy p1\n";
	const char *ghost = "set vlans p2 vlan-id 20\nset " GW " ike-policy p1\n";

	TRUE_AT(cfg, GW " ike-policy", false, "(\"vlans $$\")");
	FALSE_AT(ghost, GW " ike-policy", false, "(\"vlans $$\")");
	TRUE_AT(cfg, GW " ike-policy", false, "(\"vlans $$ vlan-id 10\")");
	FALSE_AT(cfg, GW " ike-policy", false, "(\"vlans $$ vlan-id 20\")");
	TRUE_AT(cfg, GW " ike-policy", false, "(any \"vlans <*> vlan-id 20\")");
	FALSE_AT(cfg, GW " ike-policy", false, "(any \"vlans <*> vlan-id 30\")");
	/* from inside an entry, `..` leaves the entry for the container */
	TRUE_AT(cfg, "vlans p1 vlan-id", false, "(\".. .. p2\")");
	FALSE_AT(cfg, "vlans p1 vlan-id", false, "(\".. .. p3\")");
}

/* $$ on a statement without a value: paths that use it are false */
static void
test_eval_no_value(void)
{
	TRUE_AT("set " SS " allow-multicast\nset " SS " next-hop-service service-interface-pool p\n",
	    SS " allow-multicast", false, "(\".. next-hop-service\")");
	FALSE_AT("set " SS " allow-multicast\n", SS " allow-multicast", false,
	    "(\".. next-hop-service\")");
	FALSE_AT("set " SS " allow-multicast\n", SS " allow-multicast", false,
	    "(\"services service-set $$\")");
	FALSE_AT("set " SS " allow-multicast\n", SS " allow-multicast", false,
	    "(\"interfaces $$-IFL\")");
	/* an empty leaf: "name" alone exists, "name value" does not */
	TRUE_AT("set " VPN " no-group-check\n", VPN " no-group-check", false, "(\".. no-group-check\")");
	FALSE_AT("set " VPN " no-group-check\n", VPN " no-group-check", false,
	    "(\".. no-group-check x\")");
}

/* Inactive statements are not there for a path. */
static void
test_eval_inactive(void)
{
	char err[256];
	struct conf_node *root = vu_tree(schema, "set " GW " ike-policy p1\nset " POL " mode main\n");
	struct conf_node *at = vu_find(root, GW " ike-policy");
	struct conf_node *pol = vu_find(root, POL);
	struct must_expr *e = must_compile("(\"security group-vpn member ike policy $$\")", err,
	    sizeof(err));

	UNIT_CHECK(must_eval(e, at));
	pol->cn_flags |= CONF_F_INACTIVE;
	UNIT_CHECK(!must_eval(e, at));
	must_free(e);
	/* NULL expression or node: nothing to check */
	UNIT_CHECK(must_eval(NULL, at));
	UNIT_CHECK(must_eval_from(NULL, NULL, NULL, NULL));
	conf_free(root);
}

int
main(void)
{
	schema = vu_schema();
	UNIT_RUN(test_parse_reference);
	UNIT_RUN(test_parse_structure);
	UNIT_RUN(test_parse_errors);
	UNIT_RUN(test_eval_relative);
	UNIT_RUN(test_eval_relative_up2);
	UNIT_RUN(test_eval_leaflist_up3);
	UNIT_RUN(test_eval_key_up3);
	UNIT_RUN(test_eval_key_up6);
	UNIT_RUN(test_eval_absolute);
	UNIT_RUN(test_eval_absolute_deep);
	UNIT_RUN(test_eval_or_xor);
	UNIT_RUN(test_eval_not_combinations);
	UNIT_RUN(test_eval_nested_and);
	UNIT_RUN(test_eval_any);
	UNIT_RUN(test_eval_unique);
	UNIT_RUN(test_eval_ifl);
	UNIT_RUN(test_eval_abs_or);
	UNIT_RUN(test_eval_nokeyword_list);
	UNIT_RUN(test_eval_no_value);
	UNIT_RUN(test_eval_inactive);
	vu_schema_free(schema);
	return unit_exit();
}
