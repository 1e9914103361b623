/*
 * confdiff: `show | compare` between two configuration trees, in Junos' form:
 *
 *   [edit interfaces ge-0/0/0 unit 0 family inet]
 *   +       address 10.0.0.1/24;
 *   -       address 10.0.0.2/24;
 *   [edit system]
 *   -  host-name gm1;
 *   +  host-name gm2;
 *   [edit]
 *   +  routing-options {
 *   +      static {
 *   ...
 *
 * A header names the level whose children changed; each changed statement follows in
 * its text form, every line starting with the sign, then S spaces, then the statement
 * as `show` prints it (4 more spaces per level below it). S is fixed for the lines
 * under one header line by the first statement printed there:
 *
 *   S = 1 + D, at least 2, where D counts the containers and list entries from the root
 *   down to that statement, the statement included when it is itself a container or a
 *   list entry, not when it is a leaf, a leaf-list or the block of a list printed in one
 *   (`groups { ... }`, Junos's `name-server { ... }`, security-zone `interfaces`).
 *
 * So `[edit system]` reads `-  host-name a;` (D 1) but `+   ntp {` (D 2), and all of a
 * header's lines follow the first: `+  authentication-order ...;` then `+  login {`.
 * The rule was derived from, and matches, every real capture found (2025):
 *   - vSRX 24.4R1-S2.9, psaab/xpf docs/junos-config-display-reference.md:
 *     [edit system login] `+    class config-viewer {` (D 3: system login class);
 *     [edit system login user claude] `-    class read-only;` (leaf: D 3);
 *   - vSRX, IBM Cloud docs "Confirming the output and committing the changes":
 *     [edit security address-book global] `     address SL_PUB_MGMT { ... }` then
 *     `+    address VSI_PUB_NET ...;` (4), [edit security policies] `+    from-zone` (4);
 *   - vSRX (containerlab `load replace ... routing-instance mgmt_junos`): [edit system]
 *     `-  host-name poc-vsrx-a;` (2); [edit interfaces ge-0/0/0 unit 0 family inet]
 *     `        address 198.18.10.12/24 { ... }` then `+       address 198.18.20.12/24;` (7);
 *   - SRX lab (NetDevOps vagrant): [edit] `+  protocols {` (2), [edit interfaces]
 *     `+   lo0 {` (3), [edit security zones security-zone trust interfaces]
 *     `      ge-0/0/1.0 { ... }` then `+     lo0.0;` (5: the `interfaces` block is no
 *     level), [edit security zones security-zone vpn] `+     host-inbound-traffic {` (5);
 *   - EX TACACS+ blog: [edit system] `+  authentication-order [ tacplus password ];`,
 *     then `+  tacplus-server {`, `+  accounting {`, `+  login {` (all 2: the first
 *     line decides);
 *   - MX labs: [edit system] `+  host-name mx1;` `+  commit synchronize;` (2),
 *     [edit system syslog] `+   source-address ...;` (3), [edit system syslog file
 *     messages] `+    explicit-priority;` (4); [edit system] `+  name-server {` (2),
 *     [edit system ntp] `+    server 192.168.0.250;` (4); [edit system] `+   ntp {`,
 *     `+   syslog {`, `+   arp {`, `+   login {`, `+   root-authentication {`,
 *     `+   processes {` (3); [edit system login] `-    user bob {` (4),
 *     [edit system services ssh] `-    root-login allow;` (4);
 *   - BGP labs: [edit protocols isis] `+   export bgp-to-isis;` (3), [edit protocols bgp
 *     group ibgp] `+    preference 164;` (4), [edit protocols bgp group myPeerAS2]
 *     `      neighbor 10.1.2.2 { ... }` then `+     neighbor 10.1.2.3 {` (5), [edit
 *     protocols bgp group G neighbor N] `+     import [ ... ];` (5), [edit
 *     policy-options] `+   policy-statement ... {` (3);
 *   - napalm/salt docs: [edit interfaces ge-0/0/0] `-   mtu 1400;` (3), [edit
 *     interfaces ge-0/0/0 unit 0 family inet] `-       dhcp;` (7), [edit interfaces lo0]
 *     `-    unit 0 {` (4); an annotation: [edit interfaces], `+   ` and the comment,
 *     then `    xe-0/0/7 { ... }` (3).
 * (One tutorial of doubtful origin shows `+      members MEETING;` under [edit interfaces
 * ge-0/0/12 unit 0 family ethernet-switching vlan], 6 where the rule gives 7.)
 *
 * A changed leaf shows `-` old then `+` new; entries of a list show `+` added then `-`
 * removed; an entry added to an ordered-by-user list after one both trees have is
 * preceded by that one as a context line (`    prev { ... }`, sign column blank), as in
 * the captures above; moved entries of an ordered list show as removed and added again.
 * Activation changes are `!` lines (`!   inactive: ge-0/0/1 { ... }`) and annotation
 * changes -/+ comment lines above a context line (both inferred: no capture on record).
 *
 * The walk merges the two trees' children run by run (display order) and looks entries
 * up with conf_find: linear in the size of the two trees.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "schema.h"
#include "setcmd.h"

struct dctx {
	struct buf	*d_b;
	char		*d_header;	/* the last header printed */
	int		 d_col;		/* S of the lines under it, -1 before the first */
};

/* Where statements print: under node h, or in the block of root-level list wrap. */
struct dlevel {
	const struct conf_node *l_node;
	const struct sch_node *l_wrap;
	const char	*l_hpfx;	/* "family " when h's flat container is passed through */
};

/*
 * D of the rule above for statement n; block: n's run prints as `name { entries }`;
 * flat: n prints after its parent's name (`family inet6 {`), the parent's statement.
 */
static int
d_objects(const struct conf_node *n, bool block, bool flat)
{
	const struct conf_node *p = n;
	int d = 0;

	if (sch_is_leafy(n->cn_schema) || block || flat)
		p = n->cn_parent;
	for (; p != NULL && p->cn_parent != NULL; p = p->cn_parent)
		d++;
	return d;
}

/* S for statement n under the current header (the first one fixes it). */
static int
d_indent(struct dctx *d, const struct conf_node *n, bool block, bool flat)
{
	if (d->d_col < 0) {
		d->d_col = 1 + d_objects(n, block, flat);
		if (d->d_col < 2)
			d->d_col = 2;
	}
	return d->d_col;
}

static void
d_header(struct dctx *d, const struct dlevel *l)
{
	char *path = conf_path_string(l->l_node);
	struct buf h = BUF_INIT;

	buf_puts(&h, "[edit");
	if (path[0] != '\0')
		buf_printf(&h, " %s", path);
	if (l->l_wrap != NULL)
		buf_printf(&h, " %s", l->l_wrap->sn_name);
	buf_puts(&h, "]");
	free(path);
	if (d->d_header == NULL || strcmp(d->d_header, buf_str(&h)) != 0) {
		buf_printf(d->d_b, "%s\n", buf_str(&h));
		free(d->d_header);
		d->d_header = buf_steal(&h);
		d->d_col = -1;
	}
	buf_free(&h);
}

/* One statement (with its subtree) as sign lines. */
static void
d_stmt(struct dctx *d, const struct dlevel *l, char sign, const struct conf_node *n,
    unsigned opts)
{
	d_header(d, l);
	conftext_print_stmt(d->d_b, n, d_indent(d, n, false, l->l_hpfx != NULL), opts, sign,
	    l->l_hpfx);
}

/* A whole run (all entries of a list, all values of a leaf-list) added or removed. */
static void
d_whole_run(struct dctx *d, const struct dlevel *l, char sign, const struct conf_node *first)
{
	d_header(d, l);
	conftext_print_run(d->d_b, first, d_indent(d, first,
	    conffmt_list_wrapped(first->cn_schema), l->l_hpfx != NULL), 0, sign, l->l_hpfx);
}

/* The last line of a statement printed elided (`head { ... }` or `head;`). */
static void
d_elided(struct dctx *d, const struct dlevel *l, const struct conf_node *n, char sign,
    const char *hpfx)
{
	struct buf line = BUF_INIT;
	const char *s, *last;

	conftext_print_stmt(&line, n, d_indent(d, n, false, l->l_hpfx != NULL), CONFTEXT_ELIDE,
	    sign, hpfx);
	/* keep the statement's own line only (not its annotation or inheritance lines) */
	s = last = buf_str(&line);
	for (const char *p = s; *p; p++)
		if (*p == '\n' && p[1] != '\0')
			last = p + 1;
	buf_puts(d->d_b, last);
	buf_free(&line);
}

static bool
d_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Activation and annotation changes of a statement present in both trees. */
static void
d_meta(struct dctx *d, const struct dlevel *l, const struct conf_node *o,
    const struct conf_node *n)
{
	bool oi = (o->cn_flags & CONF_F_INACTIVE) != 0, ni = (n->cn_flags & CONF_F_INACTIVE) != 0;

	if (!d_streq(o->cn_annotation, n->cn_annotation)) {
		int in;
		d_header(d, l);
		in = d_indent(d, n, false, l->l_hpfx != NULL);
		if (o->cn_annotation != NULL) {
			buf_putc(d->d_b, '-');
			buf_indent(d->d_b, in);
			buf_printf(d->d_b, "/* %s */\n", o->cn_annotation);
		}
		if (n->cn_annotation != NULL) {
			buf_putc(d->d_b, '+');
			buf_indent(d->d_b, in);
			buf_printf(d->d_b, "/* %s */\n", n->cn_annotation);
		}
		if (oi == ni)	/* context: the statement itself, unchanged */
			d_elided(d, l, n, ' ', l->l_hpfx);
	}
	if (oi != ni) {
		d_header(d, l);
		if (!ni) {
			/* `!    active: ...`: the head after the sign and indentation */
			struct buf line = BUF_INIT;
			int in = d_indent(d, n, false, l->l_hpfx != NULL);
			struct dctx tmp = { &line, NULL, in };
			d_elided(&tmp, l, n, '!', NULL);
			buf_putc(d->d_b, '!');
			buf_indent(d->d_b, in);
			buf_puts(d->d_b, "active: ");
			if (l->l_hpfx != NULL)
				buf_puts(d->d_b, l->l_hpfx);
			buf_puts(d->d_b, buf_str(&line) + 1 + in);
			buf_free(&line);
		} else
			d_elided(d, l, n, '!', l->l_hpfx);
	}
}

static void	d_children(struct dctx *, const struct conf_node *, const struct conf_node *,
		    const struct dlevel *, const struct sch_node *);

/* Same statement (container or entry) in both trees: attributes, then its children. */
static void
d_block(struct dctx *d, const struct dlevel *l, const struct conf_node *o,
    const struct conf_node *n)
{
	d_meta(d, l, o, n);
	if (conffmt_flat(n, 0) && conffmt_flat(o, 0)) {
		/* `family inet`: family's children print at the parent's level */
		struct buf pfx = BUF_INIT;
		struct dlevel fl = *l;
		if (l->l_hpfx != NULL)
			buf_puts(&pfx, l->l_hpfx);
		buf_printf(&pfx, "%s ", n->cn_schema->sn_name);
		fl.l_hpfx = buf_str(&pfx);
		d_children(d, o, n, &fl, NULL);
		buf_free(&pfx);
		return;
	}
	struct dlevel in = { n, NULL, NULL };
	d_children(d, o, n, &in, NULL);
}

/* A set of nodes (the moved entries of an ordered list): open addressing. */
struct dset {
	const struct conf_node **ds_v;
	size_t		 ds_cap;	/* power of two, or 0 */
	size_t		 ds_n;
};

static size_t
dset_hash(const struct conf_node *x, size_t mask)
{
	uint64_t h = (uint64_t)(uintptr_t)x * 0x9e3779b97f4a7c15ULL;

	return (size_t)(h >> 17) & mask;
}

static bool
dset_has(const struct dset *d, const struct conf_node *x)
{
	if (d->ds_cap == 0)
		return false;
	for (size_t i = dset_hash(x, d->ds_cap - 1);; i = (i + 1) & (d->ds_cap - 1)) {
		if (d->ds_v[i] == NULL)
			return false;
		if (d->ds_v[i] == x)
			return true;
	}
}

static void
dset_add(struct dset *d, const struct conf_node *x)
{
	if ((d->ds_n + 1) * 2 > d->ds_cap) {
		struct dset n = { NULL, d->ds_cap ? d->ds_cap * 2 : 16, 0 };
		if ((n.ds_v = calloc(n.ds_cap, sizeof(*n.ds_v))) == NULL)
			abort();
		for (size_t i = 0; i < d->ds_cap; i++)
			if (d->ds_v[i] != NULL)
				dset_add(&n, d->ds_v[i]);
		free(d->ds_v);
		*d = n;
	}
	size_t i = dset_hash(x, d->ds_cap - 1);
	while (d->ds_v[i] != NULL)
		i = (i + 1) & (d->ds_cap - 1);
	d->ds_v[i] = x;
	d->ds_n++;
}

/* A run of list entries present in both trees. */
static void
d_entries(struct dctx *d, const struct dlevel *l, const struct conf_node *o,
    const struct conf_node *ofirst, const struct conf_node *nfirst)
{
	const struct sch_node *s = nfirst->cn_schema;
	const struct conf_node *x, *oi = ofirst, *kept = NULL;
	struct dset moved = { NULL, 0, 0 };
	bool ordered = (s->sn_flags & SCH_F_ORDERED_BY_USER) != 0;
	struct dlevel el = *l;

	if (conffmt_list_wrapped(s)) {
		el.l_wrap = s;
		el.l_hpfx = NULL;
	}
	for (x = nfirst; x != NULL; x = conf_next_of(x)) {
		const struct conf_node *m = conf_find(o, s, x->cn_key);
		if (m == NULL) {
			/* where it goes: after the entry both trees have in place */
			if (ordered && kept != NULL && x->cn_prev == kept) {
				d_header(d, &el);
				d_elided(d, &el, kept, ' ', el.l_hpfx);
			}
			kept = NULL;
			d_stmt(d, &el, '+', x, 0);
			continue;
		}
		if (ordered) {
			/* the next old entry still in place */
			while (oi != NULL && (conf_find(x->cn_parent, s, oi->cn_key) == NULL ||
			    dset_has(&moved, oi)))
				oi = conf_next_of(oi);
			if (oi != m) {
				d_stmt(d, &el, '-', m, 0);
				d_stmt(d, &el, '+', x, 0);
				dset_add(&moved, m);
				kept = NULL;
				continue;
			}
			oi = conf_next_of(oi);
		}
		d_block(d, &el, m, x);
		kept = x;
	}
	for (x = ofirst; x != NULL; x = conf_next_of(x))
		if (conf_find(nfirst->cn_parent, s, x->cn_key) == NULL)
			d_stmt(d, &el, '-', x, 0);
	free(moved.ds_v);
}

/* A run of leaf-list values present in both trees. */
static void
d_values(struct dctx *d, const struct dlevel *l, const struct conf_node *o,
    const struct conf_node *ofirst, const struct conf_node *nfirst)
{
	const struct sch_node *s = nfirst->cn_schema;
	const struct conf_node *x, *y;
	const struct conf_node *n = nfirst->cn_parent;

	if (s->sn_flags & SCH_F_ORDERED_BY_USER) {
		/* same values, another order: all out, all in */
		bool same = true;
		for (x = ofirst, y = nfirst; x != NULL && y != NULL;
		    x = conf_next_of(x), y = conf_next_of(y))
			if (strcmp(x->cn_value, y->cn_value) != 0)
				same = false;
		if (!same || x != NULL || y != NULL) {
			bool set_equal = true;
			size_t cx = 0, cy = 0;
			for (x = ofirst; x != NULL; x = conf_next_of(x), cx++)
				if (conf_find(n, s, x->cn_value) == NULL)
					set_equal = false;
			for (y = nfirst; y != NULL; y = conf_next_of(y))
				cy++;
			if (set_equal && cx == cy) {
				d_whole_run(d, l, '-', ofirst);
				d_whole_run(d, l, '+', nfirst);
				return;
			}
		}
	}
	for (x = ofirst; x != NULL; x = conf_next_of(x))
		if (conf_find(n, s, x->cn_value) == NULL)
			d_stmt(d, l, '-', x, 0);
	for (y = nfirst; y != NULL; y = conf_next_of(y)) {
		const struct conf_node *m = conf_find(o, s, y->cn_value);
		if (m == NULL)
			d_stmt(d, l, '+', y, 0);
		else
			d_meta(d, l, m, y);
	}
}

static const struct conf_node *
d_run_end(const struct conf_node *c)
{
	const struct conf_node *x;

	for (x = c; conf_next_of(x) != NULL; x = conf_next_of(x))
		;
	return x;
}

/* Runs of both trees present for schema node s. */
static void
d_run(struct dctx *d, const struct dlevel *l, const struct conf_node *o,
    const struct conf_node *oc, const struct conf_node *nc)
{
	const struct sch_node *s = nc->cn_schema;

	switch (s->sn_kind) {
	case SCH_LEAF:
		if (!d_streq(oc->cn_value, nc->cn_value)) {
			d_stmt(d, l, '-', oc, 0);
			d_stmt(d, l, '+', nc, 0);
		} else
			d_meta(d, l, oc, nc);
		break;
	case SCH_LEAFLIST:
		d_values(d, l, o, oc, nc);
		break;
	case SCH_LIST:
		d_entries(d, l, o, oc, nc);
		break;
	default:
		d_block(d, l, oc, nc);
		break;
	}
}

/* Runs only one tree has: the whole run added or removed. */
static void
d_lone_run(struct dctx *d, const struct dlevel *l, char sign, const struct conf_node *c)
{
	d_whole_run(d, l, sign, c);
}

static void
d_children(struct dctx *d, const struct conf_node *o, const struct conf_node *n,
    const struct dlevel *l, const struct sch_node *only)
{
	const struct conf_node *oc = o->cn_first, *nc = n->cn_first;

	while (oc != NULL || nc != NULL) {
		if (oc != NULL && nc != NULL && oc->cn_schema == nc->cn_schema) {
			if (only == NULL || only == nc->cn_schema)
				d_run(d, l, o, oc, nc);
			oc = d_run_end(oc)->cn_next;
			nc = d_run_end(nc)->cn_next;
		} else if (nc != NULL && (oc == NULL ||
		    nc->cn_schema->sn_index < oc->cn_schema->sn_index)) {
			if (only == NULL || only == nc->cn_schema)
				d_lone_run(d, l, '+', nc);
			nc = d_run_end(nc)->cn_next;
		} else {
			if (only == NULL || only == oc->cn_schema)
				d_lone_run(d, l, '-', oc);
			oc = d_run_end(oc)->cn_next;
		}
	}
}

/* ---- the level: `show interfaces ge-0/0/0 | compare` ---- */

struct dpath {
	const struct conf_node *p_node;	/* the level's node in this tree, NULL if absent */
	const struct conf_node *p_parent; /* its parent (present when p_node is) */
	const struct sch_node *p_only;	/* the level ends at a list or leaf: only that run */
	const struct sch_node *p_last;	/* schema of the last step */
	char		*p_key;		/* the last step's key, if a list entry */
};

/* Walk the level words in tree root; -1 when the words do not resolve. */
static int
d_walk(const struct conf_node *root, const struct cmd_words *w, struct dpath *p)
{
	const struct conf_node *cur = root;
	const struct sch_node *cs = root->cn_schema;
	size_t i = 0;

	memset(p, 0, sizeof(*p));
	p->p_node = root;
	while (i < w->cw_n) {
		const char *word = w->cw_v[i].w_text;
		const struct sch_node *s = sch_child(cs, word);
		const char *key = NULL;

		if (s != NULL && (s->sn_flags & SCH_F_KEY))
			s = NULL;
		if (s == NULL) {
			s = conffmt_nokeyword(cs, SCH_LIST);
			if (s == NULL)
				return -1;
			key = word;
			i++;
		} else {
			i++;
			if (s->sn_kind == SCH_LIST) {
				if (i >= w->cw_n) {
					p->p_only = s;
					p->p_parent = cur;
					return 0;
				}
				key = w->cw_v[i++].w_text;
			}
		}
		if (sch_is_leafy(s)) {
			p->p_only = s;
			p->p_parent = cur;
			return 0;
		}
		p->p_parent = cur;
		p->p_last = s;
		free(p->p_key);
		p->p_key = key ? strdup(key) : NULL;
		cur = cur != NULL ? conf_find(cur, s, key) : NULL;
		cs = s;
	}
	p->p_node = cur;
	return 0;
}

void
conf_print_diff(struct buf *b, const struct conf_node *old, const struct conf_node *new_,
    const char *level)
{
	struct dctx d = { b, NULL, -1 };
	struct cmd_words w;
	struct dpath po, pn;
	char err[128];

	if (level == NULL || level[0] == '\0') {
		struct dlevel l = { new_, NULL, NULL };
		d_children(&d, old, new_, &l, NULL);
		free(d.d_header);
		return;
	}
	memset(&w, 0, sizeof(w));
	if (cmd_split(level, &w, err, sizeof(err)) != 0 || d_walk(old, &w, &po) != 0 ||
	    d_walk(new_, &w, &pn) != 0) {
		cmd_words_free(&w);
		free(po.p_key);
		return;
	}
	cmd_words_free(&w);
	if (pn.p_only != NULL || po.p_only != NULL) {
		/* a list or a leaf: that run under the parent */
		const struct conf_node *op = po.p_parent, *np = pn.p_parent;
		const struct sch_node *only = pn.p_only != NULL ? pn.p_only : po.p_only;
		struct dlevel l = { np != NULL ? np : op, NULL, NULL };
		const struct conf_node *c;
		if (op != NULL && np != NULL)
			d_children(&d, op, np, &l, only);
		else if (np != NULL && (c = conf_first_of(np, only)) != NULL)
			d_lone_run(&d, &l, '+', c);
		else if (op != NULL && (c = conf_first_of(op, only)) != NULL)
			d_lone_run(&d, &l, '-', c);
		goto done;
	}
	if (po.p_node != NULL && pn.p_node != NULL) {
		struct dlevel l = { pn.p_node, NULL, NULL };
		d_children(&d, po.p_node, pn.p_node, &l, NULL);
	} else if (pn.p_node != NULL || po.p_node != NULL) {
		/* the level itself was added or removed: shown at its parent's header */
		const struct conf_node *x = pn.p_node != NULL ? pn.p_node : po.p_node;
		struct dlevel l = { x->cn_parent, NULL, NULL };
		if (conffmt_list_wrapped(x->cn_schema))
			l.l_wrap = x->cn_schema;
		d_stmt(&d, &l, pn.p_node != NULL ? '+' : '-', x, 0);
	}
done:
	free(po.p_key);
	free(pn.p_key);
	free(d.d_header);
}
