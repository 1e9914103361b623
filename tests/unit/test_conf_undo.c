/*
 * test_conf_undo: the undo log of lib/conf.c (conf_undo_begin/end), which makes a
 * multi-line `load set` all or nothing without copying the candidate. Every kind of
 * change the editing commands make (create, replace a value, delete, choice
 * clearing, deactivate, annotate, rename, copy, insert) is undone exactly: same
 * statements, order, flags and annotations, and a working hash index afterwards.
 * Run under ASan, the kept and the undone paths also show no leak.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "setcmd.h"
#include "unit.h"

static struct schema *S;

/* Every node in display order, with its flags and annotation. */
static void
dump_node(struct buf *b, const struct conf_node *n, int depth)
{
	const struct conf_node *c;

	buf_printf(b, "%*s%s", depth * 2, "", n->cn_schema->sn_name);
	if (n->cn_key != NULL)
		buf_printf(b, " key=%s", n->cn_key);
	if (n->cn_value != NULL)
		buf_printf(b, " value=%s", n->cn_value);
	if (n->cn_flags & CONF_F_INACTIVE)
		buf_puts(b, " inactive");
	if (n->cn_annotation != NULL)
		buf_printf(b, " /* %s */", n->cn_annotation);
	buf_putc(b, '\n');
	CONF_FOREACH_CHILD(c, n)
		dump_node(b, c, depth + 1);
}

static char *
dump(const struct conf_node *root)
{
	struct buf b = BUF_INIT;

	dump_node(&b, root, 0);
	return buf_steal(&b);
}

/* Every node of a is found in b by (schema, id) through conf_find, and is b's. */
static bool
index_agrees(const struct conf_node *a, const struct conf_node *b)
{
	const struct conf_node *c;

	CONF_FOREACH_CHILD(c, a) {
		const char *id = conf_id(c);
		struct conf_node *m = conf_find(b, c->cn_schema, id);

		if (m == NULL || m->cn_parent != b || !conf_equal(c, m, true))
			return false;
		if (!index_agrees(c, m))
			return false;
	}
	return true;
}

static void
apply(struct conf_node *r, const char *const *lines)
{
	struct cmd_error e;

	for (size_t i = 0; lines[i] != NULL; i++)
		if (cmd_apply_line(r, "", lines[i], &e) == -1)
			fprintf(stderr, "setup line refused: %s: %s\n", lines[i], e.ce_msg);
}

static const char *const base_lines[] = {
	"set system host-name r1",
	"set system domain-search [ a.example b.example c.example ]",
	"set interfaces ge-0/0/0 description up",
	"set interfaces ge-0/0/0 unit 0 vlan-id 10",
	"set interfaces ge-0/0/0 unit 1 vlan-id 11",
	"set interfaces ge-0/0/1 disable",
	"set routing-options static route 10.0.0.0/8 next-hop 1.1.1.1",
	"set routing-options static route 10.1.0.0/16 discard",
	"set security group-vpn member ike proposal p1 dh-group group14",
	"set security group-vpn member ike proposal p2",
	"set security group-vpn member ike proposal p3",
	"set security group-vpn member ike policy pol proposals [ a b c ]",
	NULL
};

/* Changes of every kind, each line accepted. */
static const char *const change_lines[] = {
	"set system host-name r2",
	"set system domain-search d.example",
	"delete system domain-search b.example",
	"set interfaces ge-0/0/2 unit 0 vlan-id 20",
	"delete interfaces ge-0/0/0 unit 0",
	"deactivate interfaces ge-0/0/1",
	"annotate interfaces ge-0/0/0 \"uplink\"",
	"set routing-options static route 10.0.0.0/8 discard",
	"set routing-options static route 10.1.0.0/16 next-hop 2.2.2.2",
	"rename interfaces ge-0/0/0 unit 1 to unit 5",
	"copy interfaces ge-0/0/0 to ge-0/0/9",
	"insert security group-vpn member ike proposal p3 before proposal p1",
	"insert security group-vpn member ike policy pol proposals c before a",
	"rename security group-vpn member ike policy pol proposals b to z",
	"set interfaces ge-0/0/3 unit 7 vlan-id 70",
	"rename interfaces ge-0/0/3 unit 7 to unit 8",
	"delete interfaces ge-0/0/3",		/* new, then gone again */
	"delete security group-vpn",
	"set security group-vpn member ike proposal p7",
	NULL
};

static void
test_undo_restores(void)
{
	struct conf_node *r = conf_new(S), *before;
	char *want, *got;

	apply(r, base_lines);
	before = conf_dup(r);
	want = dump(r);
	conf_undo_begin(r);
	apply(r, change_lines);
	got = dump(r);
	UNIT_CHECK(strcmp(got, want) != 0);	/* the lines did change the tree */
	free(got);
	conf_undo_end(false);
	got = dump(r);
	UNIT_STREQ(got, want);
	UNIT_CHECK(conf_equal(r, before, true));
	UNIT_CHECK(index_agrees(before, r));
	free(got);

	/* The same lines applied again, kept: as applied without a log. */
	struct conf_node *plain = conf_dup(before);
	apply(plain, change_lines);
	conf_undo_begin(r);
	apply(r, change_lines);
	conf_undo_end(true);
	UNIT_CHECK(conf_equal(r, plain, true));
	UNIT_CHECK(index_agrees(plain, r));
	conf_free(plain);
	conf_free(before);
	conf_free(r);
	free(want);
}

/* `delete` of everything, then new statements: undone back to the full tree. */
static void
test_undo_delete_all(void)
{
	struct conf_node *r = conf_new(S), *before;
	struct cmd_error e;

	apply(r, base_lines);
	before = conf_dup(r);
	conf_undo_begin(r);
	UNIT_CHECK(cmd_apply_line(r, "", "delete", &e) == 0);
	UNIT_CHECK(conf_is_empty(r));
	UNIT_CHECK(cmd_apply_line(r, "", "set system host-name other", &e) == 0);
	conf_undo_end(false);
	UNIT_CHECK(conf_equal(r, before, true));
	UNIT_CHECK(index_agrees(before, r));
	conf_free(before);
	conf_free(r);
}

/*
 * A list past the index threshold: entries deleted, renamed and added in the
 * middle, then undone; lookups and later edits still work.
 */
static void
test_undo_indexed_list(void)
{
	struct conf_node *r = conf_new(S), *before;
	struct cmd_error e;
	char line[256];

	for (int i = 0; i < 200; i++) {
		snprintf(line, sizeof(line), "set interfaces ge-0/0/%d unit %d vlan-id %d",
		    i, i % 7, 100 + i);
		UNIT_CHECK(cmd_apply_line(r, "", line, &e) == 0);
	}
	before = conf_dup(r);
	conf_undo_begin(r);
	for (int i = 0; i < 200; i += 3) {
		snprintf(line, sizeof(line), "delete interfaces ge-0/0/%d", i);
		UNIT_CHECK(cmd_apply_line(r, "", line, &e) == 0);
	}
	for (int i = 1; i < 200; i += 3) {
		snprintf(line, sizeof(line), "rename interfaces ge-0/0/%d to ge-0/1/%d", i, i);
		UNIT_CHECK(cmd_apply_line(r, "", line, &e) == 0);
	}
	for (int i = 0; i < 50; i++) {
		snprintf(line, sizeof(line), "set interfaces ge-0/2/%d description new", i);
		UNIT_CHECK(cmd_apply_line(r, "", line, &e) == 0);
	}
	/* a renamed entry takes the place of a deleted one */
	UNIT_CHECK(cmd_apply_line(r, "", "rename interfaces ge-0/1/1 to ge-0/0/0", &e) == 0);
	conf_undo_end(false);
	UNIT_CHECK(conf_equal(r, before, true));
	UNIT_CHECK(index_agrees(before, r));
	UNIT_CHECK(conf_find(conf_first_of(r, before->cn_first->cn_schema),
	    before->cn_first->cn_first->cn_schema, "ge-0/1/1") == NULL);
	/* the index still serves edits */
	UNIT_CHECK(cmd_apply_line(r, "", "delete interfaces ge-0/0/150", &e) == 0 &&
	    e.ce_kind == CE_NONE);
	UNIT_CHECK(cmd_apply_line(r, "", "delete interfaces ge-0/0/150", &e) == 0 &&
	    e.ce_kind == CE_NOTFOUND);
	conf_free(before);
	conf_free(r);
}

/* Changes to a detached copy are not the logged tree's: attaching it is one change. */
static void
test_undo_detached(void)
{
	struct conf_node *r = conf_new(S), *other = conf_new(S), *before;
	struct cmd_error e;

	apply(r, base_lines);
	UNIT_CHECK(cmd_apply_line(other, "", "set system host-name elsewhere", &e) == 0);
	before = conf_dup(r);
	conf_undo_begin(r);
	/* another tree is edited normally meanwhile */
	UNIT_CHECK(cmd_apply_line(other, "", "set system host-name changed", &e) == 0);
	struct conf_node *ifs = conf_first_of(r, before->cn_first->cn_schema);
	struct conf_node *copy = conf_dup(conf_first_of(other, other->cn_first->cn_schema));
	conf_free(ifs);
	conf_attach(r, copy);
	conf_undo_end(false);
	UNIT_CHECK(conf_equal(r, before, true));
	UNIT_STREQ(other->cn_first->cn_first->cn_value, "changed");
	conf_free(before);
	conf_free(other);
	conf_free(r);
}

int
main(void)
{
	char err[512];

	if ((S = schema_load_dir(UNIT_MINI_SCHEMA(), err, sizeof(err))) == NULL) {
		fprintf(stderr, "schema: %s\n", err);
		return 1;
	}
	UNIT_RUN(test_undo_restores);
	UNIT_RUN(test_undo_delete_all);
	UNIT_RUN(test_undo_indexed_list);
	UNIT_RUN(test_undo_detached);
	schema_free(S);
	return unit_exit();
}
