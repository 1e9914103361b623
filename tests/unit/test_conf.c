/*
 * test_conf: the configuration tree (lib/conf.c) on the mini schema of
 * tests/unit/data/mini-schema: display order, lookup, the hash index of large
 * parents, move/rekey, dup/equal/merge, choices, path strings.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "schema.h"
#include "unit.h"

static struct schema *S;

/* Schema node by path of names: "system syslog file". */
static const struct sch_node *
sn(const char *path)
{
	const struct sch_node *n = S->s_root;
	char buf[512], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *w = strtok_r(buf, " ", &save); w && n; w = strtok_r(NULL, " ", &save))
		n = sch_child(n, w);
	if (n == NULL) {
		fprintf(stderr, "no schema node %s\n", path);
		abort();
	}
	return n;
}

/* Children of n as "name[id]" words, for order checks. */
static char *
kids(const struct conf_node *n)
{
	static char out[4096];
	const struct conf_node *c;
	size_t off = 0;

	out[0] = '\0';
	CONF_FOREACH_CHILD(c, n) {
		const char *id = conf_id(c);
		off += (size_t)snprintf(out + off, sizeof(out) - off, "%s%s%s%s",
		    off ? " " : "", c->cn_schema->sn_name, id ? "=" : "", id ? id : "");
		if (off >= sizeof(out))
			break;
	}
	return out;
}

static void
test_display_order(void)
{
	struct conf_node *r = conf_new(S);

	/* created in reverse schema order: shown in schema order */
	conf_get(r, sn("routing-options"), NULL);
	struct conf_node *ifs = conf_get(r, sn("interfaces"), NULL);
	conf_get(ifs, sn("interfaces interface"), "xe-0/0/1");
	struct conf_node *sys = conf_get(r, sn("system"), NULL);
	conf_get(ifs, sn("interfaces interface"), "ge-0/0/0");
	conf_get(ifs, sn("interfaces apply-groups"), "g");
	conf_get(r, sn("apply-groups"), "g2");
	conf_get(r, sn("apply-groups"), "g1");
	UNIT_STREQ(kids(r), "apply-groups=g2 apply-groups=g1 system interfaces routing-options");
	UNIT_STREQ(kids(ifs), "apply-groups=g interface=xe-0/0/1 interface=ge-0/0/0");

	conf_set_leaf(sys, sn("system time-zone"), "UTC");
	conf_set_leaf(sys, sn("system host-name"), "r1");
	conf_get(sys, sn("system domain-search"), "b.example");
	conf_get(sys, sn("system domain-search"), "a.example");
	conf_set_leaf(sys, sn("system domain-name"), "example.net");
	UNIT_STREQ(kids(sys), "host-name domain-name domain-search=b.example "
	    "domain-search=a.example time-zone");
	/* replacing a value keeps the place */
	conf_set_leaf(sys, sn("system host-name"), "r2");
	UNIT_STREQ(conf_find(sys, sn("system host-name"), NULL)->cn_value, "r2");
	UNIT_CHECK(sys->cn_nchildren == 5);
	UNIT_CHECK(conf_schema(sys) == S);
	conf_free(r);
}

static void
test_find_and_iterate(void)
{
	struct conf_node *top = conf_new(S);
	struct conf_node *r = conf_get(top, sn("interfaces"), NULL);
	const struct sch_node *ifs = sn("interfaces interface");

	UNIT_CHECK(conf_get(top, sn("interfaces"), NULL) == r);
	UNIT_CHECK(conf_find(r, ifs, "ge-0/0/0") == NULL);
	UNIT_CHECK(conf_get(r, ifs, NULL) == NULL);	/* a list entry needs its key */
	struct conf_node *a = conf_get(r, ifs, "ge-0/0/0");
	struct conf_node *b = conf_get(r, ifs, "ge-0/0/1");
	UNIT_CHECK(conf_get(r, ifs, "ge-0/0/0") == a);	/* found, not created again */
	UNIT_CHECK(conf_find(r, ifs, "ge-0/0/1") == b);
	UNIT_CHECK(conf_first_of(r, ifs) == a);
	UNIT_CHECK(conf_next_of(a) == b);
	UNIT_CHECK(conf_next_of(b) == NULL);
	UNIT_STREQ(conf_id(a), "ge-0/0/0");
	UNIT_CHECK(a->cn_value == NULL && a->cn_parent == r);
	conf_free(a);
	UNIT_CHECK(conf_first_of(r, ifs) == b && r->cn_nchildren == 1);
	conf_free(top);
}

/* Past the index threshold: every operation must keep the runs and the hash right. */
static void
test_index(void)
{
	struct conf_node *r = conf_new(S);
	struct conf_node *st = conf_get(conf_get(r, sn("routing-options"), NULL),
	    sn("routing-options static"), NULL);
	const struct sch_node *route = sn("routing-options static route");
	char key[32];

	conf_get(st, sn("routing-options static apply-groups"), "g");
	for (int i = 0; i < 50; i++) {
		snprintf(key, sizeof(key), "10.0.%d.0/24", i);
		UNIT_CHECK(conf_get(st, route, key) != NULL);
	}
	UNIT_CHECK(st->cn_index != NULL);
	UNIT_CHECK(st->cn_nchildren == 51);
	for (int i = 0; i < 50; i++) {
		snprintf(key, sizeof(key), "10.0.%d.0/24", i);
		struct conf_node *n = conf_find(st, route, key);
		UNIT_CHECK(n != NULL && strcmp(n->cn_key, key) == 0);
	}
	/* a statement that sorts before the list, added late, goes first */
	conf_get(st, sn("routing-options static apply-groups-except"), "x");
	UNIT_STREQ(st->cn_first->cn_schema->sn_name, "apply-groups");
	UNIT_STREQ(st->cn_first->cn_next->cn_schema->sn_name, "apply-groups-except");
	UNIT_STREQ(st->cn_first->cn_next->cn_next->cn_key, "10.0.0.0/24");
	/* delete first, middle and last entries, then find and append */
	conf_free(conf_find(st, route, "10.0.0.0/24"));
	conf_free(conf_find(st, route, "10.0.25.0/24"));
	conf_free(conf_find(st, route, "10.0.49.0/24"));
	UNIT_CHECK(conf_find(st, route, "10.0.25.0/24") == NULL);
	UNIT_CHECK(conf_find(st, route, "10.0.26.0/24") != NULL);
	UNIT_STREQ(conf_first_of(st, route)->cn_key, "10.0.1.0/24");
	conf_get(st, route, "10.9.9.0/24");
	UNIT_STREQ(st->cn_last->cn_key, "10.9.9.0/24");
	/* rekey keeps the position and the lookup */
	struct conf_node *n = conf_find(st, route, "10.0.10.0/24");
	struct conf_node *prev = n->cn_prev;
	UNIT_CHECK(conf_rekey(n, "10.200.0.0/16") == 0);
	UNIT_CHECK(conf_find(st, route, "10.0.10.0/24") == NULL);
	UNIT_CHECK(conf_find(st, route, "10.200.0.0/16") == n && n->cn_prev == prev);
	UNIT_CHECK(conf_rekey(n, "10.0.11.0/24") == -1);	/* taken */
	/* remove everything of the run; re-adding places it after apply-groups-except */
	while (conf_first_of(st, route) != NULL)
		conf_free(conf_first_of(st, route));
	UNIT_CHECK(st->cn_nchildren == 2);
	conf_get(st, route, "1.0.0.0/8");
	UNIT_STREQ(kids(st), "apply-groups=g apply-groups-except=x route=1.0.0.0/8");
	/* adding and deleting for long does not grow the index */
	for (int i = 0; i < 20; i++) {
		snprintf(key, sizeof(key), "2.0.0.%d/32", i);
		conf_get(st, route, key);
	}
	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof(key), "3.%d.%d.0/24", i >> 8 & 255, i & 255);
		conf_free(conf_get(st, route, key));
	}
	UNIT_CHECK(st->cn_nchildren == 23);
	UNIT_CHECK(conf_find(st, route, "2.0.0.7/32") != NULL);
	UNIT_CHECK(conf_index_capacity(st) <= 256);
	conf_free(r);
}

static void
test_large(void)
{
	struct conf_node *top = conf_new(S);
	struct conf_node *r = conf_get(top, sn("interfaces"), NULL);
	const struct sch_node *ifs = sn("interfaces interface");
	const struct sch_node *desc = sn("interfaces interface description");
	char key[32];

	for (int i = 0; i < 100000; i++) {
		snprintf(key, sizeof(key), "ge-%d/%d/%d", i / 10000, (i / 100) % 100, i % 100);
		struct conf_node *e = conf_get(r, ifs, key);
		if (i % 1000 == 0)
			conf_set_leaf(e, desc, "x");
	}
	UNIT_CHECK(r->cn_nchildren == 100000);
	UNIT_CHECK(conf_count(top) == 2 + 100000 + 100);
	UNIT_CHECK(conf_find(r, ifs, "ge-9/99/99") != NULL);
	UNIT_STREQ(conf_first_of(r, ifs)->cn_key, "ge-0/0/0");
	UNIT_STREQ(r->cn_last->cn_key, "ge-9/99/99");
	/* a statement before the big list is placed without walking it */
	conf_get(r, sn("interfaces apply-groups"), "g");
	UNIT_STREQ(r->cn_first->cn_schema->sn_name, "apply-groups");
	struct conf_node *d = conf_dup(top);
	UNIT_CHECK(conf_equal(top, d, true));
	UNIT_CHECK(conf_find(d->cn_first, ifs, "ge-5/5/5") != NULL);
	conf_free(d);
	conf_free(top);
}

static void
test_move(void)
{
	struct conf_node *r = conf_new(S);
	struct conf_node *ike = conf_get(conf_get(conf_get(conf_get(r, sn("security"), NULL),
	    sn("security group-vpn"), NULL), sn("security group-vpn member"), NULL),
	    sn("security group-vpn member ike"), NULL);
	const struct sch_node *prop = sn("security group-vpn member ike proposal");
	struct conf_node *p1 = conf_get(ike, prop, "p1");
	struct conf_node *p2 = conf_get(ike, prop, "p2");
	struct conf_node *p3 = conf_get(ike, prop, "p3");
	conf_get(ike, sn("security group-vpn member ike policy"), "pol");

	UNIT_CHECK(conf_move(p3, p1, false) == 0);
	UNIT_STREQ(kids(ike), "proposal=p3 proposal=p1 proposal=p2 policy=pol");
	UNIT_CHECK(conf_move(p3, p2, true) == 0);
	UNIT_STREQ(kids(ike), "proposal=p1 proposal=p2 proposal=p3 policy=pol");
	UNIT_CHECK(conf_move(p1, p1, true) == -1);
	UNIT_CHECK(conf_move(p1, conf_first_of(ike, sn("security group-vpn member ike policy")),
	    true) == -1);	/* another statement */
	UNIT_CHECK(conf_rekey(p2, "p9") == 0);
	UNIT_STREQ(kids(ike), "proposal=p1 proposal=p9 proposal=p3 policy=pol");
	conf_free(r);
}

static void
test_dup_equal_merge(void)
{
	struct conf_node *a = conf_new(S), *b;
	struct conf_node *sys = conf_get(a, sn("system"), NULL);

	conf_set_leaf(sys, sn("system host-name"), "r1");
	conf_get(sys, sn("system domain-search"), "x");
	struct conf_node *ge = conf_get(conf_get(a, sn("interfaces"), NULL),
	    sn("interfaces interface"), "ge-0/0/0");
	conf_set_leaf(ge, sn("interfaces interface disable"), NULL);
	b = conf_dup(a);
	UNIT_CHECK(conf_equal(a, b, true));
	b->cn_first->cn_flags |= CONF_F_INACTIVE;
	UNIT_CHECK(conf_equal(a, b, false));
	UNIT_CHECK(!conf_equal(a, b, true));
	b->cn_first->cn_flags = 0;
	conf_find(b, sn("system"), NULL)->cn_annotation = strdup("note");
	UNIT_CHECK(!conf_equal(a, b, true));
	conf_set_leaf(conf_find(b, sn("system"), NULL), sn("system host-name"), "r2");
	UNIT_CHECK(!conf_equal(a, b, false));

	/* merge: src leaves win, lists and leaf-lists union, meta copied */
	struct conf_node *src = conf_new(S);
	struct conf_node *ssys = conf_get(src, sn("system"), NULL);
	conf_set_leaf(ssys, sn("system host-name"), "r3");
	conf_get(ssys, sn("system domain-search"), "y");
	conf_get(conf_get(src, sn("interfaces"), NULL), sn("interfaces interface"),
	    "ge-0/0/1")->cn_flags |= CONF_F_INACTIVE;
	conf_merge(a, src);
	UNIT_STREQ(conf_find(sys, sn("system host-name"), NULL)->cn_value, "r3");
	UNIT_STREQ(kids(sys), "host-name domain-search=x domain-search=y");
	struct conf_node *aifs = conf_find(a, sn("interfaces"), NULL);
	UNIT_CHECK(conf_find(aifs, sn("interfaces interface"), "ge-0/0/0") == ge);
	UNIT_CHECK(conf_find(aifs, sn("interfaces interface"), "ge-0/0/1")->cn_flags &
	    CONF_F_INACTIVE);
	UNIT_CHECK(conf_find(ge, sn("interfaces interface disable"), NULL) != NULL);
	UNIT_CHECK(!conf_is_empty(a));

	/* merge of a choice member clears the other case */
	struct conf_node *r1 = conf_new(S), *r2 = conf_new(S);
	const struct sch_node *route = sn("routing-options static route");
	struct conf_node *st1 = conf_get(conf_get(r1, sn("routing-options"), NULL),
	    sn("routing-options static"), NULL);
	struct conf_node *st2 = conf_get(conf_get(r2, sn("routing-options"), NULL),
	    sn("routing-options static"), NULL);
	conf_set_leaf(conf_get(st1, route, "0.0.0.0/0"), sn("routing-options static route discard"),
	    NULL);
	conf_get(conf_get(st2, route, "0.0.0.0/0"), sn("routing-options static route next-hop"),
	    "1.1.1.1");
	conf_merge(r1, r2);
	UNIT_STREQ(kids(conf_find(st1, route, "0.0.0.0/0")), "next-hop=1.1.1.1");

	conf_free(r1);
	conf_free(r2);
	conf_free(src);
	conf_free(a);
	conf_free(b);
	struct conf_node *e = conf_new(S);
	UNIT_CHECK(conf_is_empty(e));
	UNIT_CHECK(conf_count(e) == 1);
	conf_free(e);
}

static void
test_choice(void)
{
	struct conf_node *r = conf_new(S);
	struct conf_node *file = conf_get(r, sn("security"), NULL);
	const char *path[] = { "security group-vpn", "security group-vpn member",
	    "security group-vpn member ike", "security group-vpn member ike traceoptions",
	    "security group-vpn member ike traceoptions file" };
	for (size_t i = 0; i < 5; i++)
		file = conf_get(file, sn(path[i]), NULL);
	const struct sch_node *wr = sn("security group-vpn member ike traceoptions file world-readable");
	const struct sch_node *nwr = sn("security group-vpn member ike traceoptions file no-world-readable");
	conf_set_leaf(file, sn("security group-vpn member ike traceoptions file size"), "10k");
	conf_set_leaf(file, wr, NULL);
	conf_clear_choice(file, nwr);
	conf_set_leaf(file, nwr, NULL);
	UNIT_STREQ(kids(file), "size no-world-readable");
	conf_clear_choice(file, wr);
	UNIT_STREQ(kids(file), "size");
	conf_clear_choice(file, sn("security group-vpn member ike traceoptions file size"));
	UNIT_STREQ(kids(file), "size");	/* not in a choice: nothing happens */

	/* named cases, in an indexed parent */
	struct conf_node *st = conf_get(conf_get(r, sn("routing-options"), NULL),
	    sn("routing-options static"), NULL);
	struct conf_node *rt = conf_get(st, sn("routing-options static route"), "0.0.0.0/0");
	char v[32];
	for (int i = 0; i < 20; i++) {
		snprintf(v, sizeof(v), "10.0.0.%d", i);
		conf_get(rt, sn("routing-options static route next-hop"), v);
	}
	conf_set_leaf(rt, sn("routing-options static route preference"), "5");
	UNIT_CHECK(rt->cn_index != NULL);
	conf_clear_choice(rt, sn("routing-options static route reject"));
	UNIT_STREQ(kids(rt), "preference");
	conf_free(r);
}

static void
test_path_string(void)
{
	struct conf_node *r = conf_new(S);
	struct conf_node *u = conf_get(conf_get(conf_get(r, sn("interfaces"), NULL),
	    sn("interfaces interface"), "ge-0/0/0"),
	    sn("interfaces interface unit"), "0");
	struct conf_node *a = conf_get(conf_get(conf_get(u, sn("interfaces interface unit family"), NULL),
	    sn("interfaces interface unit family inet"), NULL), sn("interfaces interface unit family inet address"),
	    "10.0.0.1/24");
	char *p = conf_path_string(a);
	UNIT_STREQ(p, "interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24");
	free(p);
	struct conf_node *d = conf_set_leaf(u, sn("interfaces interface unit description"), "to core \"1\"");
	p = conf_path_string(d);
	UNIT_STREQ(p, "interfaces ge-0/0/0 unit 0 description \"to core \\\"1\\\"\"");
	free(p);
	struct conf_node *g = conf_get(r, sn("groups"), "g 1");
	struct conf_node *gi = conf_get(conf_get(g, sn("interfaces"), NULL),
	    sn("interfaces interface"), "<ge-*>");
	p = conf_path_string(gi);
	UNIT_STREQ(p, "groups \"g 1\" interfaces \"<ge-*>\"");
	free(p);
	p = conf_path_string(r);
	UNIT_STREQ(p, "");
	free(p);
	/* a keyword-less leaf is its value */
	struct conf_node *m = conf_get(conf_get(conf_get(conf_get(r, sn("routing-options"), NULL),
	    sn("routing-options static"), NULL), sn("routing-options static route"), "0.0.0.0/0"),
	    sn("routing-options static route metric"), NULL);
	p = conf_path_string(conf_set_leaf(m, sn("routing-options static route metric metric-value"),
	    "10"));
	UNIT_STREQ(p, "routing-options static route 0.0.0.0/0 metric 10");
	free(p);
	UNIT_CHECK(conf_count(r) == 16);
	conf_free(r);
}

static void
test_attach_detach(void)
{
	struct conf_node *r = conf_new(S);
	struct conf_node *ifs = conf_get(r, sn("interfaces"), NULL);

	conf_get(ifs, sn("interfaces interface"), "ge-0/0/0");
	conf_detach(ifs);
	UNIT_CHECK(conf_is_empty(r) && ifs->cn_parent == NULL);
	conf_get(r, sn("routing-options"), NULL);
	conf_get(r, sn("system"), NULL);
	conf_attach(r, ifs);
	UNIT_STREQ(kids(r), "system interfaces routing-options");
	UNIT_STREQ(kids(ifs), "interface=ge-0/0/0");
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
	UNIT_RUN(test_display_order);
	UNIT_RUN(test_find_and_iterate);
	UNIT_RUN(test_index);
	UNIT_RUN(test_large);
	UNIT_RUN(test_move);
	UNIT_RUN(test_dup_equal_merge);
	UNIT_RUN(test_choice);
	UNIT_RUN(test_path_string);
	UNIT_RUN(test_attach_detach);
	schema_free(S);
	return unit_exit();
}
