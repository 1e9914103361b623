/*
 * conftext: the Junos curly-brace text form of a configuration tree, out and in.
 *
 * Out: 4 spaces per level, `name {` ... `}`, leaves `name value;`, leaf-lists
 * `name [ a b ];`, oneliner statements on one line, `inactive: ` prefixes, annotations
 * as a comment line above, `## SECRET-DATA` after secrets, statements in schema
 * order (Junos's: `groups` then `apply-groups` at the root, apply-groups first elsewhere).
 *
 * In: a small lexer (words, quoted strings, { } ; [ ], C-style annotations, # comments)
 * and a statement reader that resolves each statement's words against the schema
 * before it touches the tree, so that a statement in error adds nothing. Keywords must
 * be written in full, as in a configuration file. Everything is linear in the input.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "schema.h"
#include "secret9.h"
#include "setcmd.h"
#include "xmalloc.h"

/* ==== shape rules shared by the printers ==== */

bool
conffmt_list_wrapped(const struct sch_node *s)
{
	/* `groups`, Junos's one list at the root: `groups { G1 { ... } }`, <groups> entries */
	return s->sn_kind == SCH_LIST && s->sn_parent != NULL &&
	    s->sn_parent->sn_kind == SCH_ROOT;
}

const char *
conffmt_xml_entry(const struct sch_node *s)
{
	/*
	 * Every statement's element is named after its schema node: Junos's
	 * <interfaces><interface> is the container interfaces and its keyword-less list
	 * interface (schema/50-interfaces.xml). Nothing is renamed any more.
	 */
	(void)s;
	return NULL;
}

static bool
t_skip(const struct conf_node *n, unsigned opts)
{
	return (opts & CONF_P_NO_INACTIVE) && (n->cn_flags & CONF_F_INACTIVE);
}

bool
conffmt_has_visible(const struct conf_node *n, unsigned opts)
{
	const struct conf_node *c;

	CONF_FOREACH_CHILD(c, n)
		if (!t_skip(c, opts))
			return true;
	return false;
}

/* Would the node print any comment line of its own? */
static bool
t_has_meta(const struct conf_node *n, unsigned opts)
{
	if (n->cn_annotation != NULL || (n->cn_flags & CONF_F_INACTIVE))
		return true;
	return n->cn_group != NULL && (opts & CONF_P_INHERITANCE) &&
	    !(opts & CONF_P_NO_COMMENTS);
}

bool
conffmt_flat(const struct conf_node *n, unsigned opts)
{
	const struct conf_node *c;
	bool any = false;

	if (n->cn_schema->sn_kind != SCH_CONTAINER || strcmp(n->cn_schema->sn_name, "family") != 0)
		return false;
	/* An inherited family has inherited children, which carry the comment. */
	if (n->cn_annotation != NULL || (n->cn_flags & CONF_F_INACTIVE))
		return false;
	CONF_FOREACH_CHILD(c, n) {
		if (t_skip(c, opts))
			continue;
		if (sch_is_leafy(c->cn_schema))
			return false;
		any = true;
	}
	return any;
}

bool
conffmt_is_wildcard(const char *v)
{
	size_t n = strlen(v);

	return n >= 3 && v[0] == '<' && v[n - 1] == '>';
}

/*
 * A wildcard printed bare (`<ge-*>`, as Junos shows it): one word for our lexer and for
 * cmd_split alike, so no blank, quote, ;{}# or brackets (`"<ge-0/0/[0-9]>"` is quoted).
 */
static bool
t_bare_wildcard(const char *v)
{
	if (!conffmt_is_wildcard(v))
		return false;
	for (const char *p = v; *p; p++)
		if (isspace((unsigned char)*p) || strchr(";{}\"'\\#[]", *p) != NULL)
			return false;
	return true;
}

void
conffmt_put_value(struct buf *b, const char *v)
{
	const char *p;

	if (v[0] != '\0') {
		/* The common case, without an allocation: nothing cmd_quote would quote. */
		for (p = v; *p; p++)
			if (cmd_quote_special((unsigned char)*p))
				break;
		if (*p == '\0' || t_bare_wildcard(v)) {
			buf_puts(b, v);
			return;
		}
	}
	char *q = cmd_quote(v);
	buf_puts(b, q);
	free(q);
}

const struct sch_node *
conffmt_nokeyword(const struct sch_node *s, enum sch_kind kind)
{
	for (size_t i = 0; i < s->sn_nchildren; i++) {
		const struct sch_node *c = s->sn_children[i];
		if (c->sn_parent != s && s->sn_kind != SCH_ROOT)
			break;	/* the shared root children of a groups entry */
		if ((c->sn_flags & SCH_F_NOKEYWORD) && !(c->sn_flags & SCH_F_KEY) &&
		    c->sn_kind == kind)
			return c;
	}
	return NULL;
}

bool
conffmt_in_groups(const struct conf_node *n)
{
	for (; n != NULL; n = n->cn_parent)
		if (n->cn_schema->sn_flags & SCH_F_ROOT_CHILDREN)
			return true;
	return false;
}

/* ==== printing ==== */

struct tctx {
	struct buf	*t_b;
	unsigned	 t_opts;
	char		 t_sign;
};

static void	 t_children(struct tctx *, const struct conf_node *, int, bool);
static const struct conf_node *t_run(struct tctx *, const struct conf_node *, int,
		    const char *);

static void
t_start(struct tctx *t, int indent)
{
	if (t->t_sign)
		buf_putc(t->t_b, t->t_sign);
	buf_indent(t->t_b, indent);
}

/* The word `| display inheritance` quotes: a value, a key or a statement name. */
static const char *
t_ident(const struct conf_node *n)
{
	switch (n->cn_schema->sn_kind) {
	case SCH_LIST:
		return n->cn_key;
	case SCH_LEAF:
	case SCH_LEAFLIST:
		if (n->cn_value != NULL)
			return n->cn_value;
		break;
	default:
		break;
	}
	return n->cn_schema->sn_name;
}

/*
 * An annotation's text. A comment end inside it (possible from XML, JSON) is written
 * `*\/`, and so a backslash is doubled; the lexer undoes both.
 */
static void
t_put_annotation(struct buf *b, const char *a)
{
	for (; *a; a++) {
		if (*a == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *a);
		if (a[0] == '*' && a[1] == '/')
			buf_putc(b, '\\');
	}
}

static void
t_meta(struct tctx *t, const struct conf_node *n, int indent)
{
	if (n->cn_group != NULL && (t->t_opts & CONF_P_INHERITANCE) &&
	    !(t->t_opts & CONF_P_NO_COMMENTS)) {
		t_start(t, indent);
		buf_puts(t->t_b, "##\n");
		t_start(t, indent);
		buf_printf(t->t_b, "## '%s' was inherited from group '%s'\n", t_ident(n),
		    n->cn_group);
		t_start(t, indent);
		buf_puts(t->t_b, "##\n");
	}
	if (n->cn_annotation != NULL) {
		t_start(t, indent);
		buf_puts(t->t_b, "/* ");
		t_put_annotation(t->t_b, n->cn_annotation);
		buf_puts(t->t_b, " */\n");
	}
}

static void
t_tags(struct tctx *t, const struct conf_node *n)
{
	/* Candidates have only INACTIVE; a parsed input tree prints back as it was read. */
	if (n->cn_flags & CONF_F_DELETE)
		buf_puts(t->t_b, "delete: ");
	if (n->cn_flags & CONF_F_REPLACE)
		buf_puts(t->t_b, "replace: ");
	if (n->cn_flags & CONF_F_ACTIVATE)
		buf_puts(t->t_b, "active: ");
	if (n->cn_flags & CONF_F_INACTIVE)
		buf_puts(t->t_b, "inactive: ");
}

static bool
t_is_tag(const char *w)
{
	return strcmp(w, "inactive:") == 0 || strcmp(w, "active:") == 0 ||
	    strcmp(w, "replace:") == 0 || strcmp(w, "delete:") == 0 ||
	    strcmp(w, "protect:") == 0 || strcmp(w, "unprotect:") == 0;
}

/*
 * A value written where a keyword could stand (keyword-less leaf or entry): quoted when
 * it would read as a keyword of its parent or as a tag; a quoted word is always a value.
 */
static void
t_put_bare(struct buf *b, const struct sch_node *s, const char *v)
{
	const struct sch_node *p = s->sn_parent, *kw;

	/* (an entry named after its own keyword-less list, `instance`, reads as an entry) */
	if (t_is_tag(v) || (p != NULL && (kw = sch_child(p, v)) != NULL &&
	    !(kw == s && s->sn_kind == SCH_LIST) && !conffmt_list_wrapped(s)) ||
	    (p != NULL && p->sn_kind == SCH_ROOT && strcmp(v, "version") == 0 &&
	    !conffmt_list_wrapped(s))) {
		buf_putc(b, '"');
		for (const char *c = v; *c; c++) {
			if (*c == '"' || *c == '\\')
				buf_putc(b, '\\');
			buf_putc(b, *c);
		}
		buf_putc(b, '"');
		return;
	}
	conffmt_put_value(b, v);
}

static bool
t_keyword(const struct sch_node *s)
{
	/* Root-level list entries sit in their list's block; nokeyword lists and leaves
	 * are written by their value alone. */
	if (conffmt_list_wrapped(s))
		return false;
	return !(s->sn_flags & SCH_F_NOKEYWORD);
}

/* The statement's own words: `unit 0`, `description "a b"`, `vlan-tagging`. */
static void
t_head(struct tctx *t, const struct conf_node *n)
{
	const struct sch_node *s = n->cn_schema;
	const char *id = NULL;
	bool kw = t_keyword(s);

	if (s->sn_kind == SCH_LIST)
		id = n->cn_key;
	else if (sch_is_leafy(s))
		id = n->cn_value;
	if (kw || id == NULL)
		buf_puts(t->t_b, s->sn_name);
	if (id != NULL) {
		if (kw)
			buf_putc(t->t_b, ' ');
		if (kw)
			conffmt_put_value(t->t_b, id);
		else
			t_put_bare(t->t_b, s, id);
	}
}

static bool
t_secret(const struct conf_node *n)
{
	return (n->cn_schema->sn_flags & SCH_F_SECRET) && n->cn_value != NULL;
}

static void
t_end(struct tctx *t, bool secret)
{
	buf_putc(t->t_b, ';');
	if (secret && !(t->t_opts & CONF_P_NO_SECRET_MARK))
		buf_puts(t->t_b, " ## SECRET-DATA");
	buf_putc(t->t_b, '\n');
}

static void
t_leaf(struct tctx *t, const struct conf_node *n, int indent, const char *hpfx)
{
	t_meta(t, n, indent);
	t_start(t, indent);
	t_tags(t, n);
	if (hpfx != NULL)
		buf_puts(t->t_b, hpfx);
	t_head(t, n);
	t_end(t, t_secret(n));
}

/* Can the run of leaf-list values starting at first print as one `name [ a b ];`? */
static bool
t_leaflist_plain(const struct conf_node *first, unsigned opts, size_t *count)
{
	const struct conf_node *c;
	bool plain = true;

	*count = 0;
	for (c = first; c != NULL; c = conf_next_of(c)) {
		if (t_skip(c, opts))
			continue;
		(*count)++;
		if (t_has_meta(c, opts))
			plain = false;
	}
	return plain;
}

/* `name v` or `name [ a b ]` (no terminator), for a run without meta. */
static void
t_leaflist_words(struct tctx *t, const struct conf_node *first, size_t count)
{
	const struct conf_node *c;
	bool kw = t_keyword(first->cn_schema);

	if (kw)
		buf_puts(t->t_b, first->cn_schema->sn_name);
	if (count > 1)
		buf_puts(t->t_b, kw ? " [" : "[");
	bool sep = kw || count > 1;
	for (c = first; c != NULL; c = conf_next_of(c)) {
		if (t_skip(c, t->t_opts))
			continue;
		if (sep)
			buf_putc(t->t_b, ' ');
		sep = true;
		if (kw)
			conffmt_put_value(t->t_b, c->cn_value);
		else
			t_put_bare(t->t_b, c->cn_schema, c->cn_value);
	}
	if (count > 1)
		buf_puts(t->t_b, " ]");
}

static const struct conf_node *
t_leaflist(struct tctx *t, const struct conf_node *first, int indent, const char *hpfx)
{
	const struct conf_node *c, *last = first;
	size_t count;

	for (c = first; c != NULL; c = conf_next_of(c))
		last = c;
	if (t_leaflist_plain(first, t->t_opts, &count)) {
		if (count == 0)
			return last;
		t_start(t, indent);
		if (hpfx != NULL)
			buf_puts(t->t_b, hpfx);
		t_leaflist_words(t, first, count);
		t_end(t, (first->cn_schema->sn_flags & SCH_F_SECRET) != 0);
		return last;
	}
	for (c = first; c != NULL; c = conf_next_of(c))
		if (!t_skip(c, t->t_opts))
			t_leaf(t, c, indent, hpfx);
	return last;
}

/*
 * Can c go on its oneliner parent's line? Leaves can; so can a plain container of such
 * things (`local-identity inet 10.0.0.1;`). A list, or a child that is a oneliner
 * statement of its own (`preference 7` in a static route), gives the parent braces:
 * Junos' oneliner-plus, which the schema does not tell from oneliner.
 */
static bool
t_inlinable(const struct tctx *t, const struct conf_node *c)
{
	const struct conf_node *x;

	if (t_has_meta(c, t->t_opts))
		return false;
	if (sch_is_leafy(c->cn_schema))
		return true;
	if (c->cn_schema->sn_kind != SCH_CONTAINER || (c->cn_schema->sn_flags & SCH_F_ONELINER))
		return false;
	CONF_FOREACH_CHILD(x, c)
		if (!t_skip(x, t->t_opts) && !t_inlinable(t, x))
			return false;
	return true;
}

/* Inline form of a oneliner's children: `gkmd size 10m files 3`. */
static bool
t_inline_children(struct tctx *t, const struct conf_node *n)
{
	const struct conf_node *c;
	bool secret = false;

	for (c = n->cn_first; c != NULL; c = c->cn_next) {
		if (t_skip(c, t->t_opts))
			continue;
		buf_putc(t->t_b, ' ');
		if (c->cn_schema->sn_kind == SCH_LEAFLIST) {
			size_t count;
			const struct conf_node *x, *last = c;
			t_leaflist_plain(c, t->t_opts, &count);
			t_leaflist_words(t, c, count);
			for (x = c; x != NULL; x = conf_next_of(x))
				last = x;
			c = last;
		} else {
			t_head(t, c);
			if (!sch_is_leafy(c->cn_schema) && t_inline_children(t, c))
				secret = true;
		}
		if (t_secret(c))
			secret = true;
	}
	return secret;
}

/* A keyword-less leaf that a block prints on its head line: `file gkmd {`. */
static bool
t_headnk(const struct tctx *t, const struct conf_node *c)
{
	const struct sch_node *s = c->cn_schema;

	return s->sn_kind == SCH_LEAF && (s->sn_flags & SCH_F_NOKEYWORD) &&
	    c->cn_value != NULL && !t_skip(c, t->t_opts) && !t_has_meta(c, t->t_opts);
}

/* A container or list entry with its subtree. */
static void
t_block(struct tctx *t, const struct conf_node *n, int indent, const char *hpfx)
{
	const struct conf_node *c;
	bool inl = (n->cn_schema->sn_flags & SCH_F_ONELINER) != 0, any = false;
	bool rest = false;

	t_meta(t, n, indent);
	CONF_FOREACH_CHILD(c, n) {
		if (t_skip(c, t->t_opts))
			continue;
		any = true;
		if (!t_headnk(t, c))
			rest = true;
		if (inl && !t_inlinable(t, c))
			inl = false;
	}
	t_start(t, indent);
	t_tags(t, n);
	if (hpfx != NULL)
		buf_puts(t->t_b, hpfx);
	t_head(t, n);
	if (!any) {
		t_end(t, false);
		return;
	}
	if (inl) {
		bool secret = t_inline_children(t, n);
		t_end(t, secret);
		return;
	}
	/* Keyword-less leaves go on the head line: `file gkmd {`. */
	CONF_FOREACH_CHILD(c, n) {
		if (!t_headnk(t, c))
			continue;
		buf_putc(t->t_b, ' ');
		t_put_bare(t->t_b, c->cn_schema, c->cn_value);
	}
	if (!rest) {
		t_end(t, false);
		return;
	}
	if (t->t_opts & CONFTEXT_ELIDE) {
		buf_puts(t->t_b, " { ... }\n");
		return;
	}
	buf_puts(t->t_b, " {\n");
	t_children(t, n, indent + 4, true);
	t_start(t, indent);
	buf_puts(t->t_b, "}\n");
}

/* The run starting at c; returns its last node. */
static const struct conf_node *
t_run(struct tctx *t, const struct conf_node *c, int indent, const char *hpfx)
{
	const struct sch_node *s = c->cn_schema;
	const struct conf_node *x, *last = c;

	switch (s->sn_kind) {
	case SCH_LEAF:
		if (!t_skip(c, t->t_opts))
			t_leaf(t, c, indent, hpfx);
		return c;
	case SCH_LEAFLIST:
		return t_leaflist(t, c, indent, hpfx);
	case SCH_LIST:
		if (conffmt_list_wrapped(s)) {
			bool any = false;
			for (x = c; x != NULL; x = conf_next_of(x)) {
				last = x;
				any = any || !t_skip(x, t->t_opts);
			}
			if (!any)
				return last;
			t_start(t, indent);
			if (hpfx != NULL)
				buf_puts(t->t_b, hpfx);
			buf_printf(t->t_b, "%s {\n", s->sn_name);
			for (x = c; x != NULL; x = conf_next_of(x))
				if (!t_skip(x, t->t_opts))
					t_block(t, x, indent + 4, NULL);
			t_start(t, indent);
			buf_puts(t->t_b, "}\n");
			return last;
		}
		for (x = c; x != NULL; x = conf_next_of(x)) {
			last = x;
			if (!t_skip(x, t->t_opts))
				t_block(t, x, indent, hpfx);
		}
		return last;
	default:
		if (t_skip(c, t->t_opts))
			return c;
		if (conffmt_flat(c, t->t_opts)) {
			/* `family inet { ... }`: the children carry the container's name. */
			struct buf pfx = BUF_INIT;
			if (hpfx != NULL)
				buf_puts(&pfx, hpfx);
			buf_printf(&pfx, "%s ", s->sn_name);
			for (x = c->cn_first; x != NULL; x = x->cn_next)
				x = t_run(t, x, indent, buf_str(&pfx));
			buf_free(&pfx);
			return c;
		}
		t_block(t, c, indent, hpfx);
		return c;
	}
}

static void
t_children(struct tctx *t, const struct conf_node *n, int indent, bool skip_headnk)
{
	const struct conf_node *c;

	/*
	 * Schema order, which is Junos's: `groups`, then `apply-groups` at the root; the
	 * apply-groups of any other level first (schema/README.md).
	 */
	for (c = n->cn_first; c != NULL; c = c->cn_next) {
		if (skip_headnk && t_headnk(t, c))
			continue;
		c = t_run(t, c, indent, NULL);
	}
}

void
conf_print_text(struct buf *b, const struct conf_node *n, int indent, unsigned opts)
{
	struct tctx t = { b, opts & ~CONFTEXT_ELIDE, 0 };

	if (sch_is_leafy(n->cn_schema)) {
		if (!t_skip(n, opts))
			t_leaf(&t, n, indent, NULL);
		return;
	}
	t_children(&t, n, indent, false);
}

void
conf_print_text_list(struct buf *b, const struct conf_node *parent, const struct sch_node *s,
    int indent, unsigned opts)
{
	struct tctx t = { b, opts & ~CONFTEXT_ELIDE, 0 };
	const struct conf_node *x;

	for (x = conf_first_of(parent, s); x != NULL; x = conf_next_of(x))
		if (!t_skip(x, opts))
			t_block(&t, x, indent, NULL);
}

void
conftext_print_stmt(struct buf *b, const struct conf_node *n, int indent, unsigned opts,
    char sign, const char *hpfx)
{
	struct tctx t = { b, opts, sign };

	if (sch_is_leafy(n->cn_schema))
		t_leaf(&t, n, indent, hpfx);
	else
		t_block(&t, n, indent, hpfx);
}

const struct conf_node *
conftext_print_run(struct buf *b, const struct conf_node *first, int indent, unsigned opts,
    char sign, const char *hpfx)
{
	struct tctx t = { b, opts, sign };

	return t_run(&t, first, indent, hpfx);
}

/* ==== parsing ==== */

enum tk_kind {
	TK_EOF,
	TK_WORD,
	TK_LBRACE,
	TK_RBRACE,
	TK_SEMI,
	TK_LBRACK,
	TK_RBRACK,
	TK_ANNOT,
	TK_BAD,		/* unterminated quote or comment */
};

struct tok {
	enum tk_kind	 tk_kind;
	char		*tk_text;	/* WORD, ANNOT, BAD: malloc'd */
	size_t		 tk_line;	/* 1-based */
	size_t		 tk_col;	/* 1-based column of the token's last character */
	size_t		 tk_off;	/* byte offsets of the token in the input */
	size_t		 tk_end;
	bool		 tk_quoted;	/* a "..." word: a value, never a keyword or tag */
};

struct pctx {
	const char	*p_s;
	size_t		 p_len;
	size_t		 p_pos;
	size_t		 p_line;
	size_t		 p_bol;		/* offset of the current line's start */
	struct tok	 p_peek;
	bool		 p_peeked;
	const char	*p_name;
	struct buf	*p_errs;
	int		 p_nerr;
};

#define P_MAXDEPTH	128	/* nesting beyond any schema: stop recursing */

static void
p_newline(struct pctx *p, size_t at)
{
	p->p_line++;
	p->p_bol = at + 1;
}

static bool
p_wordchar(char c)
{
	switch (c) {
	case '{': case '}': case ';': case '[': case ']': case '"':
	case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
		return false;
	default:
		return c != '\0';
	}
}

static void
p_lex(struct pctx *p, struct tok *t)
{
	const char *s = p->p_s;
	size_t n = p->p_len;

	memset(t, 0, sizeof(*t));
	for (;;) {
		while (p->p_pos < n && isspace((unsigned char)s[p->p_pos])) {
			if (s[p->p_pos] == '\n')
				p_newline(p, p->p_pos);
			p->p_pos++;
		}
		if (p->p_pos >= n) {
			t->tk_kind = TK_EOF;
			t->tk_line = p->p_line;
			t->tk_col = p->p_pos - p->p_bol + 1;
			t->tk_off = t->tk_end = n;
			return;
		}
		if (s[p->p_pos] == '#') {
			while (p->p_pos < n && s[p->p_pos] != '\n')
				p->p_pos++;
			continue;
		}
		break;
	}
	size_t start = p->p_pos;
	size_t line = p->p_line, bol = p->p_bol;
	char c = s[start];

	t->tk_off = start;
	if (c == '/' && start + 1 < n && s[start + 1] == '*') {
		size_t i = start + 2;
		while (i + 1 < n && !(s[i] == '*' && s[i + 1] == '/')) {
			if (s[i] == '\n')
				p_newline(p, i);
			i++;
		}
		if (i + 1 >= n) {
			p->p_pos = n;
			t->tk_kind = TK_BAD;
			t->tk_text = xstrndup("/*", 2);
		} else {
			size_t a = start + 2, z = i;
			while (a < z && isspace((unsigned char)s[a]))
				a++;
			while (z > a && isspace((unsigned char)s[z - 1]))
				z--;
			t->tk_kind = TK_ANNOT;
			t->tk_text = xstrndup(s + a, z - a);
			/* `\\` and `\/` (written by t_put_annotation) stand for `\` and `/` */
			char *rd = t->tk_text, *wr = t->tk_text;
			for (; *rd; rd++) {
				if (rd[0] == '\\' && (rd[1] == '\\' || rd[1] == '/'))
					rd++;
				*wr++ = *rd;
			}
			*wr = '\0';
			p->p_pos = i + 2;
		}
	} else if (strchr("{};[]", c) != NULL) {
		p->p_pos++;
		t->tk_kind = c == '{' ? TK_LBRACE : c == '}' ? TK_RBRACE : c == ';' ? TK_SEMI :
		    c == '[' ? TK_LBRACK : TK_RBRACK;
		t->tk_text = NULL;
	} else if (c == '"') {
		struct buf w = BUF_INIT;
		size_t i = start + 1;
		bool closed = false;
		while (i < n) {
			if (s[i] == '\\' && i + 1 < n) {
				buf_putc(&w, s[i + 1]);
				if (s[i + 1] == '\n')
					p_newline(p, i + 1);
				i += 2;
				continue;
			}
			if (s[i] == '"') {
				closed = true;
				i++;
				break;
			}
			if (s[i] == '\n')
				p_newline(p, i);
			buf_putc(&w, s[i]);
			i++;
		}
		p->p_pos = i;
		if (!closed) {
			buf_free(&w);
			t->tk_kind = TK_BAD;
			t->tk_text = xstrndup("\"", 1);
		} else {
			t->tk_kind = TK_WORD;
			t->tk_text = buf_steal(&w);
			t->tk_quoted = true;
		}
	} else {
		/* `<ge-0/0/[0-9]>`: a bracket inside a word is the word's, up to its match */
		size_t i = start;
		int depth = 0;
		while (i < n) {
			if (s[i] == '[' && i > start)
				depth++;
			else if (s[i] == ']' && depth > 0)
				depth--;
			else if (!p_wordchar(s[i]))
				break;
			i++;
		}
		p->p_pos = i;
		t->tk_kind = TK_WORD;
		t->tk_text = xstrndup(s + start, i - start);
	}
	t->tk_end = p->p_pos;
	/* Position of the token's last character, on the line where the token ended. */
	if (p->p_line == line)
		t->tk_col = p->p_pos - bol;
	else
		t->tk_col = p->p_pos - p->p_bol;
	if (t->tk_col == 0)
		t->tk_col = 1;
	t->tk_line = p->p_line;
}

static void
p_next(struct pctx *p, struct tok *t)
{
	if (p->p_peeked) {
		*t = p->p_peek;
		p->p_peeked = false;
		return;
	}
	p_lex(p, t);
}

static void
p_unget(struct pctx *p, struct tok *t)
{
	p->p_peek = *t;
	p->p_peeked = true;
	t->tk_text = NULL;
}

static void
p_tokfree(struct tok *t)
{
	free(t->tk_text);
	t->tk_text = NULL;
}

static const char *
p_tokstr(const struct tok *t)
{
	switch (t->tk_kind) {
	case TK_WORD:
	case TK_BAD:
		return t->tk_text;
	case TK_LBRACE:
		return "{";
	case TK_RBRACE:
		return "}";
	case TK_SEMI:
		return ";";
	case TK_LBRACK:
		return "[";
	case TK_RBRACK:
		return "]";
	case TK_ANNOT:
		return "/*";
	default:
		return "end of input";
	}
}

/*
 * One error block. ctx is the node whose block holds the statement (wrap: the
 * root-level list block it is in); stmt the statement's source text.
 */
static void
p_error(struct pctx *p, const struct tok *at, const struct conf_node *ctx,
    const struct sch_node *wrap, const char *stmt, bool value_error, const char *msg)
{
	char *path = ctx != NULL ? conf_path_string(ctx) : NULL;
	struct buf *e = p->p_errs;

	p->p_nerr++;
	if (e == NULL) {
		free(path);
		return;
	}
	if (value_error)	/* inferred: Junos' load text for a bad value is not on record */
		buf_printf(e, "%s:%zu:(%zu) error: invalid value: %s\n", p->p_name, at->tk_line,
		    at->tk_col, p_tokstr(at));
	else
		buf_printf(e, "%s:%zu:(%zu) syntax error: %s\n", p->p_name, at->tk_line,
		    at->tk_col, p_tokstr(at));
	buf_puts(e, "  [edit");
	if (path != NULL && path[0] != '\0')
		buf_printf(e, " %s", path);
	if (wrap != NULL)
		buf_printf(e, " %s", wrap->sn_name);
	buf_puts(e, "]\n");
	buf_printf(e, "    '%s'\n", stmt);
	buf_printf(e, "      %s\n", msg);
	free(path);
}

/* Source text of a statement, blanks and newlines collapsed to one blank. */
static char *
p_stmt_text(const struct pctx *p, size_t from, size_t to)
{
	struct buf b = BUF_INIT;
	bool blank = false;

	if (to > p->p_len)
		to = p->p_len;
	for (size_t i = from; i < to; i++) {
		char c = p->p_s[i];
		if (isspace((unsigned char)c)) {
			blank = true;
			continue;
		}
		if (blank && b.b_len)
			buf_putc(&b, ' ');
		blank = false;
		buf_putc(&b, c);
	}
	return buf_steal(&b);
}

/* Skip a { ... } block whose '{' was just read (error recovery). */
static void
p_skip_block(struct pctx *p)
{
	struct tok t;
	size_t depth = 1;

	while (depth > 0) {
		p_next(p, &t);
		if (t.tk_kind == TK_EOF) {
			p_unget(p, &t);
			return;
		}
		if (t.tk_kind == TK_LBRACE)
			depth++;
		else if (t.tk_kind == TK_RBRACE)
			depth--;
		p_tokfree(&t);
	}
}

/* A statement's words as read: a word, or the values of a [ ... ] group. */
struct pword {
	char		*pw_text;
	struct tok	 pw_tok;	/* position (text not owned) */
	bool		 pw_open;	/* '[' */
	bool		 pw_close;	/* ']' */
};

struct pstep {
	const struct sch_node *ps_schema;
	char		*ps_id;		/* key / value (canonical), may be NULL */
	int		 ps_parent;	/* index of the step it goes under, -1: the block */
	bool		 ps_first;	/* the statement's own node(s): tags go here */
	bool		 ps_created;	/* not in the tree before this statement */
	struct conf_node *ps_node;
};

#define P_TAG_INACTIVE	0x01
#define P_TAG_ACTIVE	0x02
#define P_TAG_REPLACE	0x04
#define P_TAG_DELETE	0x08

static int
p_tag(const char *w)
{
	if (strcmp(w, "inactive:") == 0)
		return P_TAG_INACTIVE;
	if (strcmp(w, "active:") == 0)
		return P_TAG_ACTIVE;
	if (strcmp(w, "replace:") == 0)
		return P_TAG_REPLACE;
	if (strcmp(w, "delete:") == 0)
		return P_TAG_DELETE;
	if (strcmp(w, "protect:") == 0 || strcmp(w, "unprotect:") == 0)
		return 0x100;	/* accepted, not modelled */
	return 0;
}

/* Child statement s of schema node cur named w (keyword form). */
static const struct sch_node *
p_child(const struct sch_node *cur, const char *w)
{
	const struct sch_node *s = sch_child(cur, w);

	if (s == NULL || (s->sn_flags & SCH_F_KEY))
		return NULL;
	if (s->sn_kind == SCH_LIST && (s->sn_flags & SCH_F_NOKEYWORD))
		return NULL;
	return s;
}

struct presolve {
	struct pstep	*r_steps;
	size_t		 r_n;
	size_t		 r_cap;
	const struct sch_node *r_open;	/* what '{' opens: container/list, or wrapper list */
	int		 r_open_step;	/* its step, -1 for the block itself */
	bool		 r_wrapper;	/* r_open is a root-level list's block */
	size_t		 r_bad;		/* index of the word in error */
	bool		 r_value_error;
	char		 r_msg[512];
};

static void
p_push(struct presolve *r, const struct sch_node *s, char *id, int parent, bool first)
{
	if (r->r_n == r->r_cap) {
		r->r_cap = r->r_cap ? r->r_cap * 2 : 8;
		r->r_steps = realloc(r->r_steps, r->r_cap * sizeof(*r->r_steps));
		if (r->r_steps == NULL)
			abort();
	}
	struct pstep *st = &r->r_steps[r->r_n++];
	st->ps_schema = s;
	st->ps_id = id;
	st->ps_parent = parent;
	st->ps_first = first;
	st->ps_node = NULL;
}

static void
p_resolve_free(struct presolve *r)
{
	for (size_t i = 0; i < r->r_n; i++)
		free(r->r_steps[i].ps_id);
	free(r->r_steps);
	memset(r, 0, sizeof(*r));
}

char *
conffmt_value(const struct sch_node *s, const char *v, bool in_groups, char *msg, size_t msglen)
{
	char *canon = NULL, *enc;

	if (in_groups && (s->sn_flags & SCH_F_KEY) && conffmt_is_wildcard(v))
		return xstrdup(v);
	if (sch_check_value(s, v, &canon, msg, msglen) != 0) {
		free(canon);
		return NULL;
	}
	if (canon == NULL)
		canon = xstrdup(v);
	if (!(s->sn_flags & SCH_F_SECRET) || secret9_is_encoded(canon))
		return canon;
	enc = secret9_encode(canon);
	explicit_bzero(canon, strlen(canon));
	free(canon);
	if (enc == NULL)
		snprintf(msg, msglen, "cannot encode secret");
	return enc;
}

/* Check value w for leaf s; *out: the value to store (malloc'd). */
static int
p_value(struct presolve *r, const struct sch_node *s, const char *w, bool in_groups, char **out)
{
	if ((*out = conffmt_value(s, w, in_groups, r->r_msg, sizeof(r->r_msg))) == NULL) {
		r->r_value_error = true;
		return -1;
	}
	return 0;
}

/*
 * The keyword-less statement of cur that word w can be: a nokeyword list (w is a key),
 * or a nokeyword leaf / leaf-list not given yet in this statement, whose type accepts w
 * (else w is rather a misspelt keyword: a syntax error).
 */
static const struct sch_node *
p_nokeyword(const struct sch_node *cur, int cur_step, const char *w, bool in_groups,
    struct presolve *r)
{
	static const enum sch_kind kinds[] = { SCH_LIST, SCH_LEAF, SCH_LEAFLIST };
	char msg[512];

	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		const struct sch_node *nk = conffmt_nokeyword(cur, kinds[k]);
		const struct sch_node *t;
		bool given = false;

		if (nk == NULL)
			continue;
		t = nk->sn_kind == SCH_LIST ? nk->sn_key : nk;
		if (!(in_groups && nk->sn_kind == SCH_LIST && conffmt_is_wildcard(w)) &&
		    sch_check_value(t, w, NULL, msg, sizeof(msg)) != 0)
			continue;
		for (size_t i = 0; i < r->r_n && nk->sn_kind == SCH_LEAF; i++)
			if (r->r_steps[i].ps_schema == nk && r->r_steps[i].ps_parent == cur_step)
				given = true;
		if (!given)
			return nk;
	}
	return NULL;
}

/* A syntax error at word `at` (nw: the end of the statement). */
static int
p_syntax(struct presolve *r, size_t at)
{
	r->r_bad = at;
	snprintf(r->r_msg, sizeof(r->r_msg), "syntax error");
	return -1;
}

/* Word i as a value for leaf (or key) s, checked by p_value; NULL on error, r set. */
static char *
p_word_value(struct presolve *r, const struct sch_node *s, const struct pword *w, size_t nw,
    size_t i, bool in_groups)
{
	char *v;

	if (i >= nw || w[i].pw_open || w[i].pw_close) {
		p_syntax(r, i);
		return NULL;
	}
	if (p_value(r, s, w[i].pw_text, in_groups, &v) != 0) {
		r->r_bad = i;
		return NULL;
	}
	return v;
}

/*
 * Resolve a statement's words from schema node `from` (the block's), or, in a root-level
 * list's block, from that list (the first word is a key). Fills r; -1 on error with
 * r_bad/r_msg.
 */
static int
p_resolve(const struct sch_node *from, const struct sch_node *wrap, bool in_groups,
    struct pword *w, size_t nw, bool delete, struct presolve *r)
{
	const struct sch_node *cur = from;
	int cur_step = -1;
	size_t i = 0;
	bool first = true;

	r->r_open = from;
	r->r_open_step = -1;
	r->r_wrapper = false;
	while (i < nw) {
		const struct sch_node *s;
		bool keyword = true;

		if (w[i].pw_open || w[i].pw_close)
			return p_syntax(r, i);
		if (first && wrap != NULL) {
			s = wrap;
			keyword = false;
		} else if (w[i].pw_tok.tk_quoted || (s = p_child(cur, w[i].pw_text)) == NULL) {
			const struct sch_node *nk;
			/* Junos' top-level `version` line: not ours to keep. */
			if (first && cur->sn_kind == SCH_ROOT && !w[i].pw_tok.tk_quoted &&
			    strcmp(w[i].pw_text, "version") == 0)
				return 1;
			if ((nk = p_nokeyword(cur, cur_step, w[i].pw_text, in_groups, r)) != NULL) {
				s = nk;
				keyword = false;
			} else {
				/* `bogus0 {` in interfaces: the key's own message, as `set` gives */
				char *v = NULL;
				r->r_bad = i;
				nk = conffmt_nokeyword(cur, SCH_LIST);
				if (nk == NULL || conffmt_nokeyword(cur, SCH_LEAF) != NULL ||
				    conffmt_nokeyword(cur, SCH_LEAFLIST) != NULL ||
				    p_value(r, nk->sn_key, w[i].pw_text, in_groups, &v) == 0) {
					free(v);
					r->r_value_error = false;
					snprintf(r->r_msg, sizeof(r->r_msg), "syntax error");
				}
				return -1;
			}
		}
		if (keyword)
			i++;
		switch (s->sn_kind) {
		case SCH_CONTAINER:
		case SCH_LIST: {
			/* A level down: the container, or the list entry named by its key. */
			char *key = NULL;
			if (s->sn_kind == SCH_LIST) {
				/* `groups {`: the block of the root-level list. */
				if (i >= nw && conffmt_list_wrapped(s) && first) {
					r->r_open = s;
					r->r_open_step = -1;
					r->r_wrapper = true;
					return 0;
				}
				if ((key = p_word_value(r, s->sn_key, w, nw, i, in_groups)) == NULL)
					return -1;
				i++;
			}
			p_push(r, s, key, cur_step, first);
			cur = s;
			cur_step = (int)r->r_n - 1;
			r->r_open = s;
			r->r_open_step = cur_step;
			break;
		}
		case SCH_LEAF: {
			char *v;
			if (s->sn_type.st_base == ST_EMPTY) {
				p_push(r, s, NULL, cur_step, first);
				break;
			}
			if (i >= nw && delete && first) {
				/* `delete: description;` names the leaf alone */
				p_push(r, s, NULL, cur_step, first);
				break;
			}
			if ((v = p_word_value(r, s, w, nw, i, in_groups)) == NULL)
				return -1;
			i++;
			p_push(r, s, v, cur_step, first);
			break;
		}
		case SCH_LEAFLIST: {
			char *v;
			if (i < nw && w[i].pw_open) {
				size_t j = i + 1;
				for (; j < nw && !w[j].pw_close; j++) {
					if ((v = p_word_value(r, s, w, nw, j, in_groups)) == NULL)
						return -1;
					p_push(r, s, v, cur_step, first);
				}
				if (j >= nw)
					return p_syntax(r, nw);
				i = j + 1;
				break;
			}
			if ((v = p_word_value(r, s, w, nw, i, in_groups)) == NULL)
				return -1;
			i++;
			p_push(r, s, v, cur_step, first);
			break;
		}
		default:
			return p_syntax(r, i);
		}
		first = false;
	}
	if (r->r_n == 0)
		return p_syntax(r, 0);
	return 0;
}

/* Build the resolved steps under node at; tags and annotation on the first node(s). */
static struct conf_node *
p_apply(struct conf_node *at, struct presolve *r, int tags, char **annot)
{
	for (size_t i = 0; i < r->r_n; i++) {
		struct pstep *st = &r->r_steps[i];
		struct conf_node *parent = st->ps_parent < 0 ? at :
		    r->r_steps[st->ps_parent].ps_node;
		const struct sch_node *s = st->ps_schema;
		struct conf_node *n;

		st->ps_created = conf_find(parent, s, st->ps_id) == NULL;
		if (s->sn_choice != NULL)
			conf_clear_choice(parent, s);
		if (s->sn_kind == SCH_LEAF)
			n = conf_set_leaf(parent, s, st->ps_id);
		else
			n = conf_get(parent, s, st->ps_id);
		st->ps_node = n;
		if (!st->ps_first)
			continue;
		if (tags & P_TAG_INACTIVE)
			n->cn_flags |= CONF_F_INACTIVE;
		if (tags & P_TAG_ACTIVE) {
			n->cn_flags &= ~CONF_F_INACTIVE;
			n->cn_flags |= CONF_F_ACTIVATE;
		}
		if (tags & P_TAG_REPLACE)
			n->cn_flags |= CONF_F_REPLACE;
		if (tags & P_TAG_DELETE)
			n->cn_flags |= CONF_F_DELETE;
		if (*annot != NULL) {
			free(n->cn_annotation);
			n->cn_annotation = strdup(*annot);
		}
	}
	free(*annot);
	*annot = NULL;
	return r->r_open_step < 0 ? at : r->r_steps[r->r_open_step].ps_node;
}

/*
 * A block whose statements all failed leaves nothing behind: the nodes this statement
 * created, from the opened one up, go again while they are empty.
 */
static void
p_prune(struct presolve *r)
{
	int i = r->r_open_step;

	while (i >= 0) {
		struct pstep *st = &r->r_steps[i];
		if (!st->ps_created || st->ps_node->cn_first != NULL)
			return;
		conf_free(st->ps_node);
		st->ps_node = NULL;
		i = st->ps_parent;
	}
}

static void p_block(struct pctx *, struct conf_node *, const struct sch_node *, int);

static void
p_words_free(struct pword *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i].pw_text);
	free(w);
}

/*
 * One statement whose first token t was just read, in the block of node at (wrap: in the
 * block of root-level list wrap under at).
 */
static void
p_statement(struct pctx *p, struct conf_node *at, const struct sch_node *wrap, struct tok *t,
    char **annot, int depth)
{
	struct pword *w = NULL;
	size_t nw = 0, cap = 0;
	size_t start = t->tk_off;
	int tags = 0, tag;
	struct tok end;
	struct presolve r;
	bool inbrack = false;

	memset(&r, 0, sizeof(r));
	/* Tags first: `inactive: replace: interfaces {`. */
	while (t->tk_kind == TK_WORD && !t->tk_quoted && (tag = p_tag(t->tk_text)) != 0) {
		tags |= tag;
		p_tokfree(t);
		p_next(p, t);
	}
	/* Gather words up to ';' or '{'. */
	for (;;) {
		if (t->tk_kind == TK_SEMI || t->tk_kind == TK_LBRACE)
			break;
		if (t->tk_kind == TK_EOF || t->tk_kind == TK_RBRACE || t->tk_kind == TK_BAD ||
		    t->tk_kind == TK_ANNOT || (inbrack && t->tk_kind == TK_LBRACK) ||
		    (!inbrack && t->tk_kind == TK_RBRACK)) {
			char *stmt = p_stmt_text(p, start, t->tk_off);
			p_error(p, t, at, wrap, stmt, false,
			    t->tk_kind == TK_BAD ? "unterminated quote or comment" : "syntax error");
			free(stmt);
			if (t->tk_kind == TK_RBRACE || t->tk_kind == TK_EOF)
				p_unget(p, t);
			else
				p_tokfree(t);
			p_words_free(w, nw);
			free(*annot);
			*annot = NULL;
			return;
		}
		if (nw == cap) {
			cap = cap ? cap * 2 : 8;
			w = realloc(w, cap * sizeof(*w));
			if (w == NULL)
				abort();
		}
		memset(&w[nw], 0, sizeof(w[nw]));
		w[nw].pw_tok = *t;
		w[nw].pw_tok.tk_text = NULL;
		if (t->tk_kind == TK_LBRACK) {
			w[nw].pw_open = true;
			inbrack = true;
		} else if (t->tk_kind == TK_RBRACK) {
			w[nw].pw_close = true;
			inbrack = false;
		} else {
			w[nw].pw_text = t->tk_text;
			t->tk_text = NULL;
		}
		nw++;
		p_next(p, t);
	}
	end = *t;
	t->tk_text = NULL;

	char *stmt = NULL;	/* the statement's text, for messages only */
	bool in_groups = conffmt_in_groups(at);
	int rc;

#define P_STMT() (stmt != NULL ? stmt : (stmt = p_stmt_text(p, start, end.tk_end)))
	if (nw == 0) {
		p_error(p, &end, at, wrap, P_STMT(), false, "syntax error");
		rc = -1;
		r.r_bad = 0;
	} else
		rc = p_resolve(at->cn_schema, wrap, in_groups, w, nw,
		    (tags & P_TAG_DELETE) != 0, &r);
	if (rc == 1) {
		/* ignored statement (`version ...;`) */
		if (end.tk_kind == TK_LBRACE)
			p_skip_block(p);
		free(*annot);
		*annot = NULL;
	} else if (rc == -1) {
		if (nw > 0) {
			const struct tok *bad = r.r_bad < nw ? &w[r.r_bad].pw_tok : &end;
			struct tok named = *bad;
			if (r.r_bad < nw && w[r.r_bad].pw_text != NULL)
				named.tk_text = w[r.r_bad].pw_text;
			p_error(p, &named, at, wrap, P_STMT(), r.r_value_error, r.r_msg);
		}
		if (end.tk_kind == TK_LBRACE)
			p_skip_block(p);
		free(*annot);
		*annot = NULL;
	} else if (end.tk_kind == TK_LBRACE && r.r_open_step < 0 && !r.r_wrapper) {
		/* `host-name x {`: nothing to open */
		p_error(p, &end, at, wrap, P_STMT(), false, "syntax error");
		p_skip_block(p);
		free(*annot);
		*annot = NULL;
	} else {
		struct conf_node *opened = p_apply(at, &r, tags, annot);
		if (end.tk_kind == TK_LBRACE) {
			if (depth >= P_MAXDEPTH) {
				p_error(p, &end, at, wrap, P_STMT(), false, "syntax error");
				p_skip_block(p);
			} else if (r.r_wrapper)
				p_block(p, at, r.r_open, depth + 1);
			else {
				int before = p->p_nerr;
				p_block(p, opened, NULL, depth + 1);
				if (p->p_nerr > before)
					p_prune(&r);
			}
		} else if (r.r_wrapper && tags != 0) {
			/* `inactive: groups;`: the list block itself is not a node here */
		}
	}
#undef P_STMT
	free(stmt);
	p_tokfree(&end);
	p_resolve_free(&r);
	p_words_free(w, nw);
}

/* Statements up to the matching '}' (depth > 0) or the end of input. */
static void
p_block(struct pctx *p, struct conf_node *at, const struct sch_node *wrap, int depth)
{
	struct tok t;
	char *annot = NULL;

	for (;;) {
		p_next(p, &t);
		switch (t.tk_kind) {
		case TK_EOF:
			if (depth > 0) {
				/* inferred: Junos' text for a truncated input */
				p_error(p, &t, at, wrap, "}", false, "missing '}'");
			}
			p_unget(p, &t);
			free(annot);
			return;
		case TK_RBRACE:
			p_tokfree(&t);
			if (depth > 0) {
				free(annot);
				return;
			}
			p_error(p, &t, at, wrap, "}", false, "syntax error");
			break;
		case TK_SEMI:
			break;
		case TK_ANNOT:
			free(annot);
			annot = t.tk_text;
			t.tk_text = NULL;
			break;
		case TK_BAD:
			p_error(p, &t, at, wrap, t.tk_text, false, "unterminated quote or comment");
			p_tokfree(&t);
			break;
		case TK_LBRACE: {
			p_error(p, &t, at, wrap, "{", false, "syntax error");
			p_skip_block(p);
			break;
		}
		default:
			p_statement(p, at, wrap, &t, &annot, depth);
			break;
		}
		p_tokfree(&t);
	}
}

int
conf_parse_text(struct conf_node *at, const char *text, const char *name, struct buf *errs)
{
	struct pctx p;
	struct tok t;

	memset(&p, 0, sizeof(p));
	p.p_s = text != NULL ? text : "";
	p.p_len = strlen(p.p_s);
	p.p_line = 1;
	p.p_name = name != NULL ? name : "terminal";
	p.p_errs = errs;
	p_block(&p, at, NULL, 0);
	p_next(&p, &t);	/* the EOF token put back */
	p_tokfree(&t);
	return p.p_nerr;
}
