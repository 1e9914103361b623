/*
 * confdiff: `show | compare` between two configuration trees, in Junos' form:
 *
 *   [edit interfaces ge-0/0/0 unit 0 family inet]
 *   +       address 10.0.0.1/24;
 *   -       address 10.0.0.2/24;
 *   [edit]
 *   +  routing-options {
 *   +      static {
 *   ...
 *
 * A header names the level whose children changed; each changed statement follows in
 * its text form, every line starting with the sign. Indentation, from Junos captures:
 * the first level under a header starts 2 + D columns after the sign, D being the depth
 * of the header's level counted in Junos' schema nodes (`interfaces ge-0/0/0` counts
 * two: the container and the entry), then 4 per level. A changed leaf shows `-` old then
 * `+` new; entries of a list show `+` added then `-` removed; moved entries of an
 * ordered list show as removed and added again. Activation changes are `!` lines
 * (`!    inactive: ge-0/0/1 { ... }`) and annotation changes -/+ comment lines above a
 * context line (both inferred: no capture on record).
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
};

/* Where statements print: under node h, or in the block of root-level list wrap. */
struct dlevel {
	const struct conf_node *l_node;
	const struct sch_node *l_wrap;
	const char	*l_hpfx;	/* "family " when h's flat container is passed through */
};

static int
d_depth(const struct conf_node *p)
{
	int depth = 0;

	for (; p != NULL && p->cn_parent != NULL; p = p->cn_parent) {
		depth++;
		if (conffmt_xml_entry(p->cn_schema) != NULL)
			depth++;	/* <interfaces><interface>: two levels for Junos */
	}
	return depth;
}

static int
d_indent(const struct dlevel *l)
{
	return 2 + d_depth(l->l_node) + (l->l_wrap != NULL ? 1 : 0);
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
	}
	buf_free(&h);
}

/* One statement (with its subtree) as sign lines. */
static void
d_stmt(struct dctx *d, const struct dlevel *l, char sign, const struct conf_node *n,
    unsigned opts)
{
	d_header(d, l);
	conftext_print_stmt(d->d_b, n, d_indent(l), opts, sign, l->l_hpfx);
}

/* A whole run (all entries of a list, all values of a leaf-list) added or removed. */
static void
d_whole_run(struct dctx *d, const struct dlevel *l, char sign, const struct conf_node *first)
{
	d_header(d, l);
	conftext_print_run(d->d_b, first, d_indent(l), 0, sign, l->l_hpfx);
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
		int in = d_indent(l);
		d_header(d, l);
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
		if (oi == ni) {
			/* context: the statement itself, unchanged */
			struct buf line = BUF_INIT;
			conftext_print_stmt(&line, n, in, CONFTEXT_ELIDE, ' ', l->l_hpfx);
			/* keep the statement's own line only (drop the annotation we printed) */
			const char *s = buf_str(&line), *last = s;
			for (const char *p = s; *p; p++)
				if (*p == '\n' && p[1] != '\0')
					last = p + 1;
			buf_puts(d->d_b, last);
			buf_free(&line);
		}
	}
	if (oi != ni) {
		d_header(d, l);
		struct buf line = BUF_INIT;
		conftext_print_stmt(&line, n, d_indent(l), CONFTEXT_ELIDE, '!',
		    ni ? l->l_hpfx : NULL);
		const char *s = buf_str(&line), *last = s;
		for (const char *p = s; *p; p++)
			if (*p == '\n' && p[1] != '\0')
				last = p + 1;
		if (!ni) {
			/* `!    active: ...`: the head after the sign and indentation */
			buf_putc(d->d_b, '!');
			buf_indent(d->d_b, d_indent(l));
			buf_puts(d->d_b, "active: ");
			if (l->l_hpfx != NULL)
				buf_puts(d->d_b, l->l_hpfx);
			buf_puts(d->d_b, last + 1 + d_indent(l));
		} else
			buf_puts(d->d_b, last);
		buf_free(&line);
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
	const struct conf_node *x, *oi = ofirst;
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
				continue;
			}
			oi = conf_next_of(oi);
		}
		d_block(d, &el, m, x);
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
	struct dctx d = { b, NULL };
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
