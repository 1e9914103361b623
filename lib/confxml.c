/*
 * confxml: the Junos XML form of a configuration tree (`| display xml`, NETCONF
 * <get-configuration>, <load-configuration format="xml">, <edit-config>).
 *
 * Out: one element per statement, named after its schema node; list entries as
 * <interface><name>ge-0/0/0</name>... (inside <interfaces>, the container),
 * empty leaves and containers as <vlan-tagging/>, inactive="inactive", annotations as
 * <junos:comment> before the element, 4 spaces per level (8 below <configuration>, as
 * Junos writes it).
 * In: libxml2's tree of the <configuration> element, walked against the schema, with the
 * Junos operation attributes turned into the scratch flags conf_load acts on.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "schema.h"
#include "xmlutil.h"

/* ==== printing ==== */

static void
x_escape(struct buf *b, const char *s, bool attr)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			if (attr)
				buf_puts(b, "&quot;");
			else
				buf_putc(b, '"');
			break;
		default:
			buf_putc(b, *s);
			break;
		}
	}
}

static bool
x_skip(const struct conf_node *n, unsigned opts)
{
	return (opts & CONF_P_NO_INACTIVE) && (n->cn_flags & CONF_F_INACTIVE);
}

static void
x_attrs(struct buf *b, const struct conf_node *n, unsigned opts)
{
	if (n->cn_flags & CONF_F_INACTIVE)
		buf_puts(b, " inactive=\"inactive\"");
	if ((opts & CONF_P_INHERITANCE) && n->cn_group != NULL) {
		buf_puts(b, " junos:group=\"");
		x_escape(b, n->cn_group, true);
		buf_putc(b, '"');
	}
}

static void
x_comment(struct buf *b, const struct conf_node *n, int indent)
{
	if (n->cn_annotation == NULL)
		return;
	buf_indent(b, indent);
	buf_puts(b, "<junos:comment>/* ");
	x_escape(b, n->cn_annotation, false);
	buf_puts(b, " */</junos:comment>\n");
}

static void	x_children(struct buf *, const struct conf_node *, int, unsigned);

/* <name attrs> (open) for a container or an entry, the key element included. */
static void
x_open(struct buf *b, const struct conf_node *n, int indent, unsigned opts, const char *ename)
{
	const struct sch_node *s = n->cn_schema;

	buf_indent(b, indent);
	buf_printf(b, "<%s", ename);
	x_attrs(b, n, opts);
	buf_puts(b, ">\n");
	if (s->sn_kind == SCH_LIST) {
		buf_indent(b, indent + 4);
		buf_printf(b, "<%s>", s->sn_key->sn_name);
		x_escape(b, n->cn_key, false);
		buf_printf(b, "</%s>\n", s->sn_key->sn_name);
	}
}

static void
x_node(struct buf *b, const struct conf_node *n, int indent, unsigned opts, const char *ename)
{
	const struct sch_node *s = n->cn_schema;

	if (x_skip(n, opts))
		return;
	x_comment(b, n, indent);
	if (sch_is_leafy(s)) {
		buf_indent(b, indent);
		buf_printf(b, "<%s", ename);
		x_attrs(b, n, opts);
		if (n->cn_value == NULL) {
			buf_puts(b, "/>\n");
			return;
		}
		buf_putc(b, '>');
		x_escape(b, n->cn_value, false);
		buf_printf(b, "</%s>\n", ename);
		return;
	}
	if (s->sn_kind == SCH_CONTAINER && !conffmt_has_visible(n, opts)) {
		buf_indent(b, indent);
		buf_printf(b, "<%s", ename);
		x_attrs(b, n, opts);
		buf_puts(b, "/>\n");
		return;
	}
	x_open(b, n, indent, opts, ename);
	x_children(b, n, indent + 4, opts);
	buf_indent(b, indent);
	buf_printf(b, "</%s>\n", ename);
}

/* The run starting at c; returns its last node. */
static const struct conf_node *
x_run(struct buf *b, const struct conf_node *c, int indent, unsigned opts)
{
	const struct sch_node *s = c->cn_schema;
	const struct conf_node *x, *last = c;

	for (x = c; x != NULL; x = conf_next_of(x)) {
		last = x;
		x_node(b, x, indent, opts, s->sn_name);
	}
	return last;
}

static void
x_children(struct buf *b, const struct conf_node *n, int indent, unsigned opts)
{
	const struct conf_node *c;

	/* schema order: <groups>, then <apply-groups> at the root, as Junos */
	for (c = n->cn_first; c != NULL; c = c->cn_next)
		c = x_run(b, c, indent, opts);
}

/* The <configuration> attributes, one per line under the first (as Junos aligns them). */
static void
x_config_attrs(struct buf *b, const char *attrs, int col)
{
	const char *p = attrs;
	bool first = true;

	if (p == NULL)
		return;
	while (*p) {
		while (isspace((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		const char *q = p;
		char quote = 0;
		while (*q && (quote || !isspace((unsigned char)*q))) {
			if (quote && *q == quote)
				quote = 0;
			else if (!quote && (*q == '"' || *q == '\''))
				quote = *q;
			q++;
		}
		if (first)
			buf_putc(b, ' ');
		else {
			buf_putc(b, '\n');
			buf_indent(b, col + (int)strlen("<configuration "));
		}
		buf_append(b, p, (size_t)(q - p));
		first = false;
		p = q;
	}
}

/* Open the ancestors of n (n included when it is not a leaf); returns the depth. */
static int
x_open_path(struct buf *b, const struct conf_node *n, int indent, unsigned opts,
    const struct conf_node **chain, size_t *depth)
{
	const struct conf_node *x;
	size_t d = 0;

	for (x = n; x != NULL && x->cn_schema->sn_kind != SCH_ROOT; x = x->cn_parent)
		if (d < 64)
			chain[d++] = x;
	*depth = d;
	for (size_t i = d; i > 0; i--) {
		x = chain[i - 1];
		if (x == n && sch_is_leafy(x->cn_schema))
			break;
		x_comment(b, x, indent);
		x_open(b, x, indent, opts, x->cn_schema->sn_name);
		indent += 4;
	}
	return indent;
}

static void
x_close_path(struct buf *b, const struct conf_node *n, int indent,
    const struct conf_node **chain, size_t depth)
{
	for (size_t i = 0; i < depth; i++) {
		const struct conf_node *x = chain[i];
		if (x == n && sch_is_leafy(x->cn_schema))
			continue;
		indent -= 4;
		buf_indent(b, indent);
		buf_printf(b, "</%s>\n", x->cn_schema->sn_name);
	}
}

void
conf_print_xml_indent(struct buf *b, const struct conf_node *n, const char *attrs,
    unsigned opts, int col)
{
	const struct conf_node *chain[64];
	size_t depth = 0;
	int indent = col + 8;

	buf_indent(b, col);
	buf_puts(b, "<configuration");
	x_config_attrs(b, attrs, col);
	buf_puts(b, ">\n");
	if ((opts & CONF_P_NO_EXPORT_PATH) || n->cn_schema->sn_kind == SCH_ROOT) {
		if (sch_is_leafy(n->cn_schema))
			x_node(b, n, indent, opts, n->cn_schema->sn_name);
		else
			x_children(b, n, indent, opts);
	} else {
		int in = x_open_path(b, n, indent, opts, chain, &depth);
		if (sch_is_leafy(n->cn_schema))
			x_node(b, n, in, opts, n->cn_schema->sn_name);
		else
			x_children(b, n, in, opts);
		x_close_path(b, n, in, chain, depth);
	}
	buf_indent(b, col);
	buf_puts(b, "</configuration>\n");
}

void
conf_print_xml(struct buf *b, const struct conf_node *n, const char *attrs, unsigned opts)
{
	conf_print_xml_indent(b, n, attrs, opts, 0);
}

/* ==== parsing ==== */

struct xctx {
	struct buf	*x_errs;
	int		 x_nerr;
};

static const char *
x_name(xmlNodePtr e)
{
	return (const char *)e->name;
}

/* junos:comment (any prefix bound or not: libxml2 may keep "junos:comment" as the name). */
static bool
x_is_comment(xmlNodePtr e)
{
	if (strcmp(x_name(e), "junos:comment") == 0)
		return true;
	return strcmp(x_name(e), "comment") == 0 && e->ns != NULL && e->ns->prefix != NULL &&
	    strcmp((const char *)e->ns->prefix, "junos") == 0;
}

static bool
x_attr_is(xmlNodePtr e, const char *name, const char *value)
{
	char *v = xml_attr(e, name);
	bool yes = v != NULL && strcmp(v, value) == 0;

	free(v);
	return yes;
}

/* Text content, blanks around it trimmed; NULL when there is no text at all. */
static char *
x_text(xmlNodePtr e)
{
	xmlChar *c = xmlNodeGetContent(e);
	char *s, *a, *z;

	if (c == NULL)
		return NULL;
	a = (char *)c;
	while (isspace((unsigned char)*a))
		a++;
	z = a + strlen(a);
	while (z > a && isspace((unsigned char)z[-1]))
		z--;
	if (z == a && !(e->children != NULL)) {
		xmlFree(c);
		return NULL;
	}
	s = strndup(a, (size_t)(z - a));
	xmlFree(c);
	if (s == NULL)
		abort();
	return s;
}

static void
x_error(struct xctx *x, const struct conf_node *ctx, const char *bad, const char *msg)
{
	char *path = ctx != NULL ? conf_path_string(ctx) : NULL;

	x->x_nerr++;
	if (x->x_errs != NULL) {
		buf_puts(x->x_errs, "[edit");
		if (path != NULL && path[0] != '\0')
			buf_printf(x->x_errs, " %s", path);
		buf_printf(x->x_errs, "]\n  '%s'\n    %s\n", bad, msg);
	}
	free(path);
}

/* Scratch flags from the Junos attributes; the insert reference goes in cn_group. */
static void
x_flags(xmlNodePtr e, struct conf_node *n, char **annot)
{
	char *op = xml_attr(e, "operation");
	char *ins;

	if (op != NULL) {
		if (strcmp(op, "delete") == 0 || strcmp(op, "remove") == 0)
			n->cn_flags |= CONF_F_DELETE;
		else if (strcmp(op, "replace") == 0)
			n->cn_flags |= CONF_F_REPLACE;
		free(op);
	}
	if (x_attr_is(e, "delete", "delete"))
		n->cn_flags |= CONF_F_DELETE;
	if (x_attr_is(e, "replace", "replace"))
		n->cn_flags |= CONF_F_REPLACE;
	if (x_attr_is(e, "inactive", "inactive"))
		n->cn_flags |= CONF_F_INACTIVE;
	if (x_attr_is(e, "active", "active")) {
		n->cn_flags &= ~CONF_F_INACTIVE;
		n->cn_flags |= CONF_F_ACTIVATE;
	}
	if ((ins = xml_attr(e, "insert")) != NULL) {
		char *ref = xml_attr(e, "name");
		if (ref == NULL && (ref = xml_attr(e, "key")) != NULL) {
			/* key="[ name='x' ]" or a bare value */
			char *q = strchr(ref, '\'');
			if (q == NULL)
				q = strchr(ref, '"');
			if (q != NULL) {
				char *z = strchr(q + 1, *q);
				if (z != NULL) {
					char *v = strndup(q + 1, (size_t)(z - q - 1));
					free(ref);
					ref = v;
				}
			}
		}
		if (ref != NULL && (strcmp(ins, "before") == 0 || strcmp(ins, "after") == 0)) {
			n->cn_flags |= strcmp(ins, "before") == 0 ? CONF_F_INSERT_BEFORE :
			    CONF_F_INSERT_AFTER;
			free(n->cn_group);
			n->cn_group = ref;
			ref = NULL;
		}
		free(ref);
		free(ins);
	}
	if (*annot != NULL) {
		free(n->cn_annotation);
		n->cn_annotation = *annot;
		*annot = NULL;
	}
}

/* Annotation text: the comment's content without its C comment marks. */
static char *
x_annotation(xmlNodePtr e)
{
	char *t = x_text(e);
	size_t n;

	if (t == NULL)
		return NULL;
	n = strlen(t);
	if (n >= 4 && strncmp(t, "/*", 2) == 0 && strcmp(t + n - 2, "*/") == 0) {
		char *a = t + 2, *z = t + n - 2;
		while (a < z && isspace((unsigned char)*a))
			a++;
		while (z > a && isspace((unsigned char)z[-1]))
			z--;
		char *s = strndup(a, (size_t)(z - a));
		free(t);
		return s;
	}
	return t;
}

static int	x_elems(struct xctx *, struct conf_node *, xmlNodePtr, const struct sch_node *);

/* A value for leaf s (a key, a leaf, a leaf-list value): checked, secrets encoded. */
static char *
x_value(struct xctx *x, struct conf_node *parent, const struct sch_node *s, const char *v,
    const char *bad)
{
	char msg[512], *out;

	if ((out = conffmt_value(s, v, conffmt_in_groups(parent), msg, sizeof(msg))) == NULL)
		x_error(x, parent, bad, msg);
	return out;
}

/* An entry of list s: the key element, then the rest. */
static int
x_entry(struct xctx *x, struct conf_node *parent, xmlNodePtr e, const struct sch_node *s,
    char **annot)
{
	const char *kname = s->sn_key->sn_name;
	xmlNodePtr k;
	char *kv = NULL, *key;
	struct conf_node *n;

	for (k = e->children; k != NULL; k = k->next)
		if (k->type == XML_ELEMENT_NODE && strcmp(x_name(k), kname) == 0)
			break;
	if (k == NULL || (kv = x_text(k)) == NULL) {
		/* inferred message: the entry lacks its identifier */
		x_error(x, parent, x_name(e), "missing key");
		free(*annot);
		*annot = NULL;
		return -1;
	}
	if ((key = x_value(x, parent, s->sn_key, kv, kv)) == NULL) {
		free(kv);
		free(*annot);
		*annot = NULL;
		return -1;
	}
	free(kv);
	n = conf_get(parent, s, key);
	free(key);
	x_flags(e, n, annot);
	return x_elems(x, n, e->children, s->sn_key);
}

/* Element e (a statement) under conf node parent. */
static int
x_elem(struct xctx *x, struct conf_node *parent, xmlNodePtr e, char **annot)
{
	const char *name = x_name(e);
	const struct sch_node *s = sch_child(parent->cn_schema, name);
	struct conf_node *n;

	if (s != NULL && (s->sn_flags & SCH_F_KEY))
		s = NULL;
	if (s == NULL) {
		x_error(x, parent, name, "syntax error");
		free(*annot);
		*annot = NULL;
		return -1;
	}
	switch (s->sn_kind) {
	case SCH_CONTAINER:
		n = conf_get(parent, s, NULL);
		x_flags(e, n, annot);
		return x_elems(x, n, e->children, NULL);
	case SCH_LIST:
		return x_entry(x, parent, e, s, annot);
	case SCH_LEAF:
	case SCH_LEAFLIST: {
		char *v = x_text(e), *val = NULL;
		bool del = x_attr_is(e, "delete", "delete") || x_attr_is(e, "operation", "delete") ||
		    x_attr_is(e, "operation", "remove");
		if (s->sn_type.st_base == ST_EMPTY) {
			if (v != NULL && v[0] != '\0') {
				x_error(x, parent, name, "syntax error");
				free(v);
				free(*annot);
				*annot = NULL;
				return -1;
			}
		} else if (v == NULL && del && s->sn_kind == SCH_LEAF) {
			/* <description delete="delete"/> */
		} else {
			if (v == NULL)
				v = strdup("");
			if ((val = x_value(x, parent, s, v, name)) == NULL) {
				free(v);
				free(*annot);
				*annot = NULL;
				return -1;
			}
		}
		free(v);
		if (s->sn_choice != NULL)
			conf_clear_choice(parent, s);
		n = conf_set_leaf(parent, s, val);
		free(val);
		x_flags(e, n, annot);
		return 0;
	}
	default:
		x_error(x, parent, name, "syntax error");
		return -1;
	}
}

/* The statement elements from e on (siblings), under parent; skip: the key element. */
static int
x_elems(struct xctx *x, struct conf_node *parent, xmlNodePtr e, const struct sch_node *skip)
{
	char *annot = NULL;
	int rc = 0;

	for (; e != NULL; e = e->next) {
		if (e->type != XML_ELEMENT_NODE)
			continue;
		if (x_is_comment(e)) {
			free(annot);
			annot = x_annotation(e);
			continue;
		}
		if (skip != NULL && strcmp(x_name(e), skip->sn_name) == 0)
			continue;
		if (x_elem(x, parent, e, &annot) != 0)
			rc = -1;
	}
	free(annot);
	return rc;
}

int
conf_parse_xml(struct conf_node *at, xmlNodePtr configuration, struct buf *errs)
{
	struct xctx x = { errs, 0 };

	if (configuration == NULL)
		return 0;
	if (configuration->type == XML_ELEMENT_NODE &&
	    strcmp(x_name(configuration), "configuration") == 0)
		x_elems(&x, at, configuration->children, NULL);
	else
		x_elems(&x, at, configuration, NULL);
	return x.x_nerr;
}
