/*
 * confset: `| display set`: one `set` line per leaf, leaf-list value, empty container
 * and childless list entry, in display order; then one `deactivate` line per inactive
 * statement. Annotations are not shown (as Junos). The path of the current statement is
 * kept in one buffer that grows and shrinks with the walk: linear in the output.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "schema.h"

struct sctx {
	struct buf	*s_b;
	struct buf	 s_path;	/* words so far, each followed by a blank */
	unsigned	 s_opts;
	bool		 s_deactivate;	/* second pass: `deactivate` lines */
};

static bool
s_skip(const struct sctx *x, const struct conf_node *n)
{
	return (x->s_opts & CONF_P_NO_INACTIVE) && (n->cn_flags & CONF_F_INACTIVE);
}

/*
 * The node's words, appended to b. A deactivate line names a leaf without its value
 * (`deactivate system host-name`).
 */
static void
s_words(struct buf *b, const struct conf_node *n, bool for_deactivate)
{
	const struct sch_node *s = n->cn_schema;
	const char *id = NULL;
	bool kw = !(s->sn_flags & SCH_F_NOKEYWORD);

	if (s->sn_kind == SCH_LIST)
		id = n->cn_key;
	else if (s->sn_kind == SCH_LEAFLIST || (s->sn_kind == SCH_LEAF && !for_deactivate))
		id = n->cn_value;
	if (s->sn_kind == SCH_LEAF && for_deactivate)
		kw = true;
	if (kw || id == NULL)
		buf_puts(b, s->sn_name);
	if (id != NULL) {
		if (kw)
			buf_putc(b, ' ');
		conffmt_put_value(b, id);
	}
}

static void
s_line(struct sctx *x, const struct conf_node *n)
{
	buf_puts(x->s_b, x->s_deactivate ? "deactivate " : "set ");
	buf_append(x->s_b, x->s_path.b_data ? x->s_path.b_data : "", x->s_path.b_len);
	s_words(x->s_b, n, x->s_deactivate);
	buf_putc(x->s_b, '\n');
}

static void
s_walk(struct sctx *x, const struct conf_node *n)
{
	const struct conf_node *c;

	CONF_FOREACH_CHILD(c, n) {
		if (s_skip(x, c))
			continue;
		bool leafy = sch_is_leafy(c->cn_schema);
		bool kids = !leafy && conffmt_has_visible(c, x->s_opts);

		if (x->s_deactivate ? (c->cn_flags & CONF_F_INACTIVE) != 0 : !kids)
			s_line(x, c);
		if (kids) {
			size_t mark = x->s_path.b_len;
			s_words(&x->s_path, c, false);
			buf_putc(&x->s_path, ' ');
			s_walk(x, c);
			x->s_path.b_len = mark;
			x->s_path.b_data[mark] = '\0';
		}
	}
}

void
conf_print_set(struct buf *b, const struct conf_node *n, bool relative, unsigned opts)
{
	struct sctx x;

	memset(&x, 0, sizeof(x));
	x.s_b = b;
	x.s_opts = opts;
	if (sch_is_leafy(n->cn_schema)) {
		/* one statement: its own line (relative: just its words) */
		if (s_skip(&x, n))
			return;
		if (!relative && n->cn_parent != NULL &&
		    n->cn_parent->cn_schema->sn_kind != SCH_ROOT) {
			char *p = conf_path_string(n->cn_parent);
			buf_printf(&x.s_path, "%s ", p);
			free(p);
		}
		s_line(&x, n);
		if (n->cn_flags & CONF_F_INACTIVE) {
			x.s_deactivate = true;
			s_line(&x, n);
		}
		buf_free(&x.s_path);
		return;
	}
	if (!relative && n->cn_schema->sn_kind != SCH_ROOT) {
		char *p = conf_path_string(n);
		if (p[0] != '\0')
			buf_printf(&x.s_path, "%s ", p);
		free(p);
	}
	if (s_skip(&x, n)) {
		buf_free(&x.s_path);
		return;
	}
	/* An existing but empty level shows itself: `set interfaces ms-4/0/0 unit 1 family inet`. */
	if (!relative && n->cn_schema->sn_kind != SCH_ROOT && !conffmt_has_visible(n, opts)) {
		buf_printf(b, "set %.*s\n", (int)(x.s_path.b_len ? x.s_path.b_len - 1 : 0),
		    buf_str(&x.s_path));
	} else
		s_walk(&x, n);
	x.s_deactivate = true;
	if (!relative && n->cn_schema->sn_kind != SCH_ROOT && (n->cn_flags & CONF_F_INACTIVE))
		buf_printf(b, "deactivate %.*s\n", (int)(x.s_path.b_len ? x.s_path.b_len - 1 : 0),
		    buf_str(&x.s_path));
	s_walk(&x, n);
	buf_free(&x.s_path);
}
