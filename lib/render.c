/*
 * render: the template language of the schema/op XML files (README.md there, "Templates")
 * and the text, XML and JSON views of an operational reply.
 *
 * A template is compiled once into items (line, text, blank, if, foreach, join);
 * lines are literal text with fields {[@COL][%[-]W[.P]s] PATH[|filter]...}. Paths
 * are a small subset of XPath over the reply (child names, "..", ".", "@attr"),
 * compared on local names so that the namespaces Junos puts on reply elements do not
 * matter. Rendering never fails: a missing element is an empty field, or a line its
 * condition skips, the way Junos's ODL behaves with optional tags.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "netconf.h"
#include "opschema.h"
#include "render.h"
#include "xmalloc.h"
#include "xmlutil.h"

#define RENDER_MAX_WIDTH	1024	/* field widths and columns beyond are load errors */
#define RENDER_MAX_DEPTH	64	/* nesting of items and of conditions */
#define RENDER_RE_DASHES	74	/* the line under "re0:" */

/* ---- compiled form ---- */

enum rstep_kind {
	RS_CHILD,		/* element children with this local name ("*": any) */
	RS_PARENT,		/* ".." */
	RS_SELF,		/* "." */
	RS_ATTR,		/* "@name": attribute with this local name */
};

struct rstep {
	enum rstep_kind	 s_kind;
	char		*s_name;
};

struct rpath {
	struct rstep	*p_steps;
	size_t		 p_n;
};

struct rfield {
	struct rpath	 f_path;
	int		 f_col;		/* -1: no column */
	bool		 f_left;
	int		 f_width;	/* 0: none */
	int		 f_prec;	/* -1: none */
	char		*f_default;	/* when the element is absent */
	bool		 f_capitalize;
};

struct rseg {
	char		*sg_text;	/* a literal, or NULL for a field */
	struct rfield	 sg_field;
};

enum rcond_op {
	RC_EXISTS,
	RC_EQ,
	RC_NE,
	RC_NOT,
	RC_AND,
	RC_OR,
};

struct rcond {
	enum rcond_op	 c_op;
	struct rpath	 c_path;
	char		*c_value;
	struct rcond	*c_l;
	struct rcond	*c_r;
};

enum ritem_kind {
	RI_LINE,
	RI_TEXT,
	RI_BLANK,
	RI_IF,
	RI_FOREACH,
	RI_JOIN,
};

#define RB_BEFORE	0x1
#define RB_BETWEEN	0x2
#define RB_AFTER	0x4

struct ritem {
	enum ritem_kind	 i_kind;
	struct rcond	*i_cond;	/* if= / test=, NULL: always */
	struct rseg	*i_segs;	/* line, text */
	size_t		 i_nsegs;
	struct rpath	 i_select;	/* foreach */
	int		 i_blank;	/* foreach: RB_* */
	char		*i_sep;		/* join */
	struct ritem	*i_header;	/* foreach: <header> items */
	size_t		 i_nheader;
	struct ritem	*i_items;	/* if, foreach, join: the items inside */
	size_t		 i_nitems;
};

struct render_tmpl {
	struct ritem	*t_items;
	size_t		 t_nitems;
};

static void	 ritems_free(struct ritem *, size_t);
static int	 rcomp_items(struct xml_loader *, xmlNodePtr, struct ritem **, size_t *,
		    struct ritem **, size_t *, int);

/* ---- paths ---- */

static void
rpath_free(struct rpath *p)
{
	for (size_t i = 0; i < p->p_n; i++)
		free(p->p_steps[i].s_name);
	free(p->p_steps);
	p->p_steps = NULL;
	p->p_n = 0;
}

static bool
rname_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '-' || ch == '_' || ch == '.' ||
	    ch == ':';
}

/* "a/b/@c", "..", "../x", ".", "*". An attribute step may only come last. */
static int
rpath_parse(struct xml_loader *c, xmlNodePtr x, const char *s, size_t len, struct rpath *p)
{
	size_t i = 0;

	memset(p, 0, sizeof(*p));
	if (len == 0) {
		xml_error(c, x, "empty path");
		return -1;
	}
	while (i < len) {
		size_t start = i;
		struct rstep st;

		while (i < len && s[i] != '/')
			i++;
		const char *w = s + start;
		size_t wl = i - start;
		memset(&st, 0, sizeof(st));
		if (wl == 1 && w[0] == '.')
			st.s_kind = RS_SELF;
		else if (wl == 2 && w[0] == '.' && w[1] == '.')
			st.s_kind = RS_PARENT;
		else if (wl == 1 && w[0] == '*') {
			st.s_kind = RS_CHILD;
			st.s_name = xstrdup("*");
		} else {
			bool attr = wl > 0 && w[0] == '@';
			size_t k = attr ? 1 : 0;
			if (wl == k)
				goto bad;
			for (size_t j = k; j < wl; j++)
				if (!rname_char(w[j]))
					goto bad;
			/* A prefix (junos:seconds) names the same attribute: match local names. */
			const char *local = memchr(w + k, ':', wl - k);
			if (local != NULL) {
				local++;
				if (local == w + wl)
					goto bad;
			} else
				local = w + k;
			st.s_kind = attr ? RS_ATTR : RS_CHILD;
			st.s_name = xstrndup(local, (size_t)(w + wl - local));
		}
		if (p->p_n > 0 && p->p_steps[p->p_n - 1].s_kind == RS_ATTR) {
			free(st.s_name);
			xml_error(c, x, "nothing can follow an attribute in path '%.*s'",
			    (int)len, s);
			rpath_free(p);
			return -1;
		}
		p->p_steps = xrealloc(p->p_steps, (p->p_n + 1) * sizeof(*p->p_steps));
		p->p_steps[p->p_n++] = st;
		if (i < len) {
			i++;	/* the '/' */
			if (i == len)
				goto badpath;
		}
		continue;
bad:
		xml_error(c, x, "bad step '%.*s' in path '%.*s'", (int)wl, w, (int)len, s);
		rpath_free(p);
		return -1;
	}
	return 0;
badpath:
	xml_error(c, x, "path '%.*s' ends with '/'", (int)len, s);
	rpath_free(p);
	return -1;
}

struct nodeset {
	xmlNodePtr	*ns_v;
	size_t		 ns_n;
	size_t		 ns_cap;
};

static void
nodeset_add(struct nodeset *s, xmlNodePtr n)
{
	if (s->ns_n == s->ns_cap) {
		s->ns_cap = s->ns_cap ? s->ns_cap * 2 : 8;
		s->ns_v = xrealloc(s->ns_v, s->ns_cap * sizeof(*s->ns_v));
	}
	s->ns_v[s->ns_n++] = n;
}

static bool
r_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    (strcmp(name, "*") == 0 || strcmp((const char *)n->name, name) == 0);
}

/* Every node path reaches from ctx, in document order for each step. */
static void
rpath_eval(const struct rpath *p, xmlNodePtr ctx, struct nodeset *out)
{
	struct nodeset cur = { NULL, 0, 0 }, next = { NULL, 0, 0 };

	out->ns_n = 0;
	if (ctx == NULL)
		return;
	nodeset_add(&cur, ctx);
	for (size_t i = 0; i < p->p_n && cur.ns_n > 0; i++) {
		const struct rstep *st = &p->p_steps[i];

		next.ns_n = 0;
		for (size_t j = 0; j < cur.ns_n; j++) {
			xmlNodePtr n = cur.ns_v[j];

			switch (st->s_kind) {
			case RS_SELF:
				nodeset_add(&next, n);
				break;
			case RS_PARENT:
				if (n->parent != NULL && n->parent->type == XML_ELEMENT_NODE)
					nodeset_add(&next, n->parent);
				break;
			case RS_CHILD:
				if (n->type != XML_ELEMENT_NODE)
					break;
				for (xmlNodePtr ch = n->children; ch != NULL; ch = ch->next)
					if (r_is(ch, st->s_name))
						nodeset_add(&next, ch);
				break;
			case RS_ATTR:
				if (n->type != XML_ELEMENT_NODE)
					break;
				for (xmlAttrPtr a = n->properties; a != NULL; a = a->next)
					if (strcmp((const char *)a->name, st->s_name) == 0) {
						nodeset_add(&next, (xmlNodePtr)a);
						break;
					}
				break;
			}
		}
		struct nodeset t = cur;
		cur = next;
		next = t;
	}
	for (size_t j = 0; j < cur.ns_n; j++)
		nodeset_add(out, cur.ns_v[j]);
	free(cur.ns_v);
	free(next.ns_v);
}

/*
 * The text of a node, without the white space around it: Junos pretty-prints
 * values on lines of their own (<name>\nge-0/0/0\n</name>), and spaces around a
 * value are never part of what the CLI shows (`<time-source> NTP CLOCK </time-source>`
 * is shown as written in the template, "Time Source:  NTP CLOCK").
 */
static char *
r_node_text(xmlNodePtr n)
{
	xmlChar *c = xmlNodeGetContent(n);
	const char *s = c ? (const char *)c : "";
	size_t len;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
	    s[len - 1] == '\r'))
		len--;
	char *out = xstrndup(s, len);
	xmlFree(c);
	return out;
}

/* The value of the first node path reaches, or NULL when there is none. */
static char *
rpath_value(const struct rpath *p, xmlNodePtr ctx)
{
	struct nodeset s = { NULL, 0, 0 };
	char *v = NULL;

	if (p->p_n == 0)
		return NULL;	/* a field without path ({@N}) */
	rpath_eval(p, ctx, &s);
	if (s.ns_n > 0)
		v = r_node_text(s.ns_v[0]);
	free(s.ns_v);
	return v;
}

/* ---- conditions ---- */

static void
rcond_free(struct rcond *c)
{
	if (c == NULL)
		return;
	rpath_free(&c->c_path);
	free(c->c_value);
	rcond_free(c->c_l);
	rcond_free(c->c_r);
	free(c);
}

struct rcparse {
	struct xml_loader	*cp_c;
	xmlNodePtr	 cp_x;
	const char	*cp_s;		/* the whole expression, for messages */
	const char	*cp_p;
	int		 cp_depth;
};

static void
rc_skip(struct rcparse *cp)
{
	while (*cp->cp_p == ' ' || *cp->cp_p == '\t' || *cp->cp_p == '\n')
		cp->cp_p++;
}

static struct rcond	*rc_or(struct rcparse *);

static struct rcond *
rc_fail(struct rcparse *cp, const char *what)
{
	xml_error(cp->cp_c, cp->cp_x, "%s at offset %ld in condition \"%s\"", what,
	    (long)(cp->cp_p - cp->cp_s), cp->cp_s);
	return NULL;
}

/* PATH, PATH = 'text', PATH != "text" */
static struct rcond *
rc_cmp(struct rcparse *cp)
{
	const char *start;
	struct rcond *c;

	rc_skip(cp);
	start = cp->cp_p;
	while (rname_char(*cp->cp_p) || *cp->cp_p == '/' || *cp->cp_p == '@' ||
	    *cp->cp_p == '*')
		cp->cp_p++;
	if (cp->cp_p == start)
		return rc_fail(cp, "path expected");
	c = xzalloc(sizeof(*c));
	c->c_op = RC_EXISTS;
	if (rpath_parse(cp->cp_c, cp->cp_x, start, (size_t)(cp->cp_p - start),
	    &c->c_path) == -1) {
		free(c);
		return NULL;
	}
	rc_skip(cp);
	if (cp->cp_p[0] == '=' || (cp->cp_p[0] == '!' && cp->cp_p[1] == '=')) {
		c->c_op = cp->cp_p[0] == '=' ? RC_EQ : RC_NE;
		cp->cp_p += c->c_op == RC_EQ ? 1 : 2;
		rc_skip(cp);
		char q = *cp->cp_p;
		if (q != '\'' && q != '"') {
			rcond_free(c);
			return rc_fail(cp, "quoted value expected");
		}
		const char *v = ++cp->cp_p;
		while (*cp->cp_p != '\0' && *cp->cp_p != q)
			cp->cp_p++;
		if (*cp->cp_p != q) {
			rcond_free(c);
			return rc_fail(cp, "unterminated value");
		}
		c->c_value = xstrndup(v, (size_t)(cp->cp_p - v));
		cp->cp_p++;
	}
	return c;
}

static struct rcond *
rc_unary(struct rcparse *cp)
{
	struct rcond *c, *in;

	rc_skip(cp);
	if (++cp->cp_depth > RENDER_MAX_DEPTH)
		return rc_fail(cp, "too deeply nested");
	if (*cp->cp_p == '!' && cp->cp_p[1] != '=') {
		cp->cp_p++;
		if ((in = rc_unary(cp)) == NULL)
			return NULL;
		c = xzalloc(sizeof(*c));
		c->c_op = RC_NOT;
		c->c_l = in;
	} else if (*cp->cp_p == '(') {
		cp->cp_p++;
		if ((c = rc_or(cp)) == NULL)
			return NULL;
		rc_skip(cp);
		if (*cp->cp_p != ')') {
			rcond_free(c);
			return rc_fail(cp, "')' expected");
		}
		cp->cp_p++;
	} else
		c = rc_cmp(cp);
	cp->cp_depth--;
	return c;
}

static struct rcond *
rc_binary(struct rcparse *cp, const char *opstr, enum rcond_op op,
    struct rcond *(*sub)(struct rcparse *))
{
	struct rcond *l, *r, *c;

	if ((l = sub(cp)) == NULL)
		return NULL;
	for (;;) {
		rc_skip(cp);
		if (strncmp(cp->cp_p, opstr, 2) != 0)
			return l;
		cp->cp_p += 2;
		if ((r = sub(cp)) == NULL) {
			rcond_free(l);
			return NULL;
		}
		c = xzalloc(sizeof(*c));
		c->c_op = op;
		c->c_l = l;
		c->c_r = r;
		l = c;
	}
}

static struct rcond *
rc_and(struct rcparse *cp)
{
	return rc_binary(cp, "&&", RC_AND, rc_unary);
}

static struct rcond *
rc_or(struct rcparse *cp)
{
	return rc_binary(cp, "||", RC_OR, rc_and);
}

static int
rcond_parse(struct xml_loader *c, xmlNodePtr x, const char *s, struct rcond **out)
{
	struct rcparse cp = { c, x, s, s, 0 };

	*out = rc_or(&cp);
	if (*out == NULL)
		return -1;
	rc_skip(&cp);
	if (*cp.cp_p != '\0') {
		rc_fail(&cp, "unexpected text");
		rcond_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

static bool
rcond_eval(const struct rcond *c, xmlNodePtr ctx)
{
	struct nodeset s = { NULL, 0, 0 };
	bool r = false;

	if (c == NULL)
		return true;
	switch (c->c_op) {
	case RC_NOT:
		return !rcond_eval(c->c_l, ctx);
	case RC_AND:
		return rcond_eval(c->c_l, ctx) && rcond_eval(c->c_r, ctx);
	case RC_OR:
		return rcond_eval(c->c_l, ctx) || rcond_eval(c->c_r, ctx);
	case RC_EXISTS:
		rpath_eval(&c->c_path, ctx, &s);
		r = s.ns_n > 0;
		break;
	case RC_EQ:
	case RC_NE:
		/* As in XPath: true when some node compares so; none exist: both false. */
		rpath_eval(&c->c_path, ctx, &s);
		for (size_t i = 0; i < s.ns_n && !r; i++) {
			char *v = r_node_text(s.ns_v[i]);
			bool eq = strcmp(v, c->c_value) == 0;
			free(v);
			r = c->c_op == RC_EQ ? eq : !eq;
		}
		break;
	}
	free(s.ns_v);
	return r;
}

/* ---- text with fields ---- */

static void
rsegs_free(struct rseg *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].sg_text);
		rpath_free(&v[i].sg_field.f_path);
		free(v[i].sg_field.f_default);
	}
	free(v);
}

static void
rsegs_add(struct rseg **v, size_t *n, const struct rseg *sg)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = *sg;
}

static int
r_number(const char **p, int *out)
{
	long v = 0;

	if (!isdigit((unsigned char)**p))
		return -1;
	while (isdigit((unsigned char)**p)) {
		v = v * 10 + (**p - '0');
		if (v > RENDER_MAX_WIDTH)
			return -1;
		(*p)++;
	}
	*out = (int)v;
	return 0;
}

/* "[@COL][%[-][W][.P]s] PATH[|default=TEXT][|capitalize]" (between the braces). */
static int
rfield_parse(struct xml_loader *c, xmlNodePtr x, const char *s, size_t len, struct rfield *f)
{
	char *buf = xstrndup(s, len), *p = buf, *bar;
	const char *q;
	int rc = -1;

	memset(f, 0, sizeof(*f));
	f->f_col = -1;
	f->f_prec = -1;
	if (*p == '@' && isdigit((unsigned char)p[1])) {
		q = p + 1;
		if (r_number(&q, &f->f_col) == -1) {
			xml_error(c, x, "bad column in {%s}", buf);
			goto done;
		}
		p = (char *)q;
	}
	if (*p == '%') {
		q = p + 1;
		if (*q == '-') {
			f->f_left = true;
			q++;
		}
		if (isdigit((unsigned char)*q) && r_number(&q, &f->f_width) == -1)
			goto badfmt;
		if (*q == '.') {
			q++;
			if (r_number(&q, &f->f_prec) == -1)
				goto badfmt;
		}
		if (*q != 's')
			goto badfmt;
		p = (char *)q + 1;
	}
	if (p != buf && *p == '\0' && f->f_col >= 0 && f->f_width == 0) {
		rc = 0;		/* {@N}: only moves to column N */
		goto done;
	}
	if (p != buf) {
		if (*p != ' ') {
			xml_error(c, x, "a blank must separate the format and the path in {%s}",
			    buf);
			goto done;
		}
		while (*p == ' ')
			p++;
	}
	if ((bar = strchr(p, '|')) != NULL)
		*bar++ = '\0';
	size_t plen = strlen(p);
	while (plen > 0 && p[plen - 1] == ' ')
		plen--;
	if (rpath_parse(c, x, p, plen, &f->f_path) == -1)
		goto done;
	while (bar != NULL) {
		char *filter = bar;
		if ((bar = strchr(filter, '|')) != NULL && strncmp(filter, "default=", 8) != 0)
			*bar++ = '\0';
		else
			bar = NULL;	/* default= takes the rest, '|' included */
		if (strncmp(filter, "default=", 8) == 0) {
			free(f->f_default);
			f->f_default = xstrdup(filter + 8);
		} else if (strcmp(filter, "capitalize") == 0)
			f->f_capitalize = true;
		else {
			xml_error(c, x, "unknown filter '%s' in {%.*s}", filter, (int)len, s);
			goto done;
		}
	}
	rc = 0;
	goto done;
badfmt:
	xml_error(c, x, "bad format in {%s}: expected %%[-][width][.precision]s", buf);
done:
	if (rc == -1) {
		rpath_free(&f->f_path);
		free(f->f_default);
		f->f_default = NULL;
	}
	free(buf);
	return rc;
}

/* Split a line's text into literals and fields. "{{" and "}}" are braces. */
static int
rtext_parse(struct xml_loader *c, xmlNodePtr x, const char *s, struct rseg **segs, size_t *nsegs)
{
	struct buf lit = BUF_INIT;
	struct rseg sg;

	*segs = NULL;
	*nsegs = 0;
	for (const char *p = s; *p != '\0';) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			buf_putc(&lit, p[0]);
			p += 2;
			continue;
		}
		if (*p == '}') {
			xml_error(c, x, "unmatched '}' (write '}}' for a brace)");
			goto fail;
		}
		if (*p != '{') {
			buf_putc(&lit, *p++);
			continue;
		}
		const char *end = strchr(p, '}');
		if (end == NULL) {
			xml_error(c, x, "unterminated field '%s'", p);
			goto fail;
		}
		if (lit.b_len > 0) {
			memset(&sg, 0, sizeof(sg));
			sg.sg_text = buf_steal(&lit);
			rsegs_add(segs, nsegs, &sg);
		}
		memset(&sg, 0, sizeof(sg));
		if (rfield_parse(c, x, p + 1, (size_t)(end - p - 1), &sg.sg_field) == -1)
			goto fail;
		rsegs_add(segs, nsegs, &sg);
		p = end + 1;
	}
	if (lit.b_len > 0) {
		memset(&sg, 0, sizeof(sg));
		sg.sg_text = buf_steal(&lit);
		rsegs_add(segs, nsegs, &sg);
	}
	buf_free(&lit);
	return 0;
fail:
	buf_free(&lit);
	rsegs_free(*segs, *nsegs);
	*segs = NULL;
	*nsegs = 0;
	return -1;
}

/* ---- items ---- */

/* The text of a <line>/<text>: its character data; elements inside are refused. */
static int
rx_text(struct xml_loader *c, xmlNodePtr x, struct buf *out)
{
	for (xmlNodePtr ch = x->children; ch != NULL; ch = ch->next) {
		if (ch->type == XML_TEXT_NODE || ch->type == XML_CDATA_SECTION_NODE)
			buf_puts(out, ch->content ? (const char *)ch->content : "");
		else if (ch->type == XML_ELEMENT_NODE) {
			xml_error(c, ch, "<%s> inside <%s>: fields are written {path}",
			    (const char *)ch->name, (const char *)x->name);
			return -1;
		}
	}
	/* A newline in the text would break the column arithmetic: one line each. */
	if (memchr(buf_str(out), '\n', out->b_len) != NULL) {
		xml_error(c, x, "a <%s> holds one line (no newline inside)",
		    (const char *)x->name);
		return -1;
	}
	return 0;
}

static void
ritem_free(struct ritem *it)
{
	rcond_free(it->i_cond);
	rsegs_free(it->i_segs, it->i_nsegs);
	rpath_free(&it->i_select);
	free(it->i_sep);
	ritems_free(it->i_header, it->i_nheader);
	ritems_free(it->i_items, it->i_nitems);
}

static void
ritems_free(struct ritem *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ritem_free(&v[i]);
	free(v);
}

static int
rcomp_cond_attr(struct xml_loader *c, xmlNodePtr x, const char *attr, struct ritem *it)
{
	char *s = xml_attr(x, attr);
	int rc = 0;

	if (s != NULL) {
		rc = rcond_parse(c, x, s, &it->i_cond);
		free(s);
	}
	return rc;
}

static int
rcomp_item(struct xml_loader *c, xmlNodePtr x, struct ritem *it, int depth)
{
	struct buf text = BUF_INIT;
	char *v = NULL;
	int rc = -1;

	memset(it, 0, sizeof(*it));
	if (depth > RENDER_MAX_DEPTH) {
		xml_error(c, x, "items nested too deeply");
		return -1;
	}
	if (xml_is(x, "line") || xml_is(x, "text")) {
		static const char *const attrs[] = { "if", NULL };
		it->i_kind = xml_is(x, "line") ? RI_LINE : RI_TEXT;
		if (xml_check_attrs(c, x, attrs) == -1 || rcomp_cond_attr(c, x, "if", it) == -1 ||
		    rx_text(c, x, &text) == -1 ||
		    rtext_parse(c, x, buf_str(&text), &it->i_segs, &it->i_nsegs) == -1)
			goto done;
	} else if (xml_is(x, "blank")) {
		static const char *const attrs[] = { "if", NULL };
		it->i_kind = RI_BLANK;
		if (xml_check_attrs(c, x, attrs) == -1 || rcomp_cond_attr(c, x, "if", it) == -1)
			goto done;
		for (xmlNodePtr ch = x->children; ch != NULL; ch = ch->next)
			if (ch->type == XML_ELEMENT_NODE ||
			    (ch->type == XML_TEXT_NODE && xmlIsBlankNode(ch) == 0)) {
				xml_error(c, x, "<blank> is empty");
				goto done;
			}
	} else if (xml_is(x, "if")) {
		static const char *const attrs[] = { "test", NULL };
		it->i_kind = RI_IF;
		if (xml_check_attrs(c, x, attrs) == -1)
			goto done;
		if ((v = xml_attr(x, "test")) == NULL) {
			xml_error(c, x, "<if> without test=");
			goto done;
		}
		if (rcond_parse(c, x, v, &it->i_cond) == -1 ||
		    rcomp_items(c, x, &it->i_items, &it->i_nitems, NULL, NULL, depth + 1) == -1)
			goto done;
	} else if (xml_is(x, "foreach")) {
		static const char *const attrs[] = { "select", "if", "blank", NULL };
		it->i_kind = RI_FOREACH;
		if (xml_check_attrs(c, x, attrs) == -1 || rcomp_cond_attr(c, x, "if", it) == -1)
			goto done;
		if ((v = xml_attr(x, "select")) == NULL) {
			xml_error(c, x, "<foreach> without select=");
			goto done;
		}
		if (rpath_parse(c, x, v, strlen(v), &it->i_select) == -1)
			goto done;
		for (size_t i = 0; i < it->i_select.p_n; i++)
			if (it->i_select.p_steps[i].s_kind == RS_ATTR) {
				xml_error(c, x, "<foreach> selects elements, not attributes");
				goto done;
			}
		free(v);
		if ((v = xml_attr(x, "blank")) != NULL) {
			if (strcmp(v, "before") == 0)
				it->i_blank = RB_BEFORE;
			else if (strcmp(v, "between") == 0)
				it->i_blank = RB_BETWEEN;
			else if (strcmp(v, "after") == 0)
				it->i_blank = RB_AFTER;
			else {
				xml_error(c, x, "blank= is before, between or after");
				goto done;
			}
		}
		if (rcomp_items(c, x, &it->i_items, &it->i_nitems, &it->i_header,
		    &it->i_nheader, depth + 1) == -1)
			goto done;
	} else if (xml_is(x, "join")) {
		static const char *const attrs[] = { "sep", "if", NULL };
		it->i_kind = RI_JOIN;
		if (xml_check_attrs(c, x, attrs) == -1 || rcomp_cond_attr(c, x, "if", it) == -1)
			goto done;
		if ((it->i_sep = xml_attr(x, "sep")) == NULL) {
			xml_error(c, x, "<join> without sep=");
			goto done;
		}
		if (rcomp_items(c, x, &it->i_items, &it->i_nitems, NULL, NULL, depth + 1) == -1)
			goto done;
		for (size_t i = 0; i < it->i_nitems; i++) {
			if (it->i_items[i].i_kind != RI_TEXT) {
				xml_error(c, x, "<join> holds <text> items only");
				goto done;
			}
			for (size_t j = 0; j < it->i_items[i].i_nsegs; j++)
				if (it->i_items[i].i_segs[j].sg_text == NULL &&
				    it->i_items[i].i_segs[j].sg_field.f_col >= 0) {
					xml_error(c, x, "no column (@N) inside <join>");
					goto done;
				}
		}
	} else {
		xml_error(c, x, "unknown template element <%s>", (const char *)x->name);
		goto done;
	}
	rc = 0;
done:
	free(v);
	buf_free(&text);
	if (rc == -1) {
		ritem_free(it);
		memset(it, 0, sizeof(*it));
	}
	return rc;
}

/*
 * The items below x. hdr is non-NULL for a <foreach>: then one <header>, before
 * every other item, is allowed and compiled into *hdr.
 */
static int
rcomp_items(struct xml_loader *c, xmlNodePtr x, struct ritem **items, size_t *nitems,
    struct ritem **hdr, size_t *nhdr, int depth)
{
	struct ritem *v = NULL;
	size_t n = 0;
	bool seen_header = false;

	*items = NULL;
	*nitems = 0;
	for (xmlNodePtr ch = x->children; ch != NULL; ch = ch->next) {
		if (ch->type == XML_TEXT_NODE && xmlIsBlankNode(ch) == 0) {
			xml_error(c, ch, "text outside <line>/<text> in <%s>",
			    (const char *)x->name);
			goto fail;
		}
		if (ch->type != XML_ELEMENT_NODE)
			continue;	/* comments, blanks */
		if (xml_is(ch, "header")) {
			if (hdr == NULL || nhdr == NULL || n > 0 || seen_header) {
				xml_error(c, ch, "<header> comes once, first, in a <foreach>");
				goto fail;
			}
			if (ch->properties != NULL) {
				xml_error(c, ch, "<header> takes no attributes");
				goto fail;
			}
			seen_header = true;
			if (rcomp_items(c, ch, hdr, nhdr, NULL, NULL, depth + 1) == -1)
				goto fail;
			continue;
		}
		v = xrealloc(v, (n + 1) * sizeof(*v));
		if (rcomp_item(c, ch, &v[n], depth) == -1)
			goto fail;
		n++;
	}
	*items = v;
	*nitems = n;
	return 0;
fail:
	ritems_free(v, n);
	if (hdr != NULL && nhdr != NULL) {
		ritems_free(*hdr, *nhdr);
		*hdr = NULL;
		*nhdr = 0;
	}
	return -1;
}

struct render_tmpl *
render_compile(xmlNodePtr format, char *err, size_t errlen)
{
	struct xml_loader c = { NULL, err, errlen, false, 0 };
	struct render_tmpl *t = xzalloc(sizeof(*t));

	if (errlen)
		err[0] = '\0';
	if (rcomp_items(&c, format, &t->t_items, &t->t_nitems, NULL, NULL, 0) == -1) {
		free(t);
		return NULL;
	}
	return t;
}

void
render_tmpl_free(struct render_tmpl *t)
{
	if (t == NULL)
		return;
	ritems_free(t->t_items, t->t_nitems);
	free(t);
}

/* ---- rendering ---- */

struct rstate {
	struct buf	*rs_out;
	struct buf	 rs_line;	/* the line being built */
	bool		 rs_open;	/* a <text> started it */
};

/* Columns taken by s: UTF-8 continuation bytes take none. */
static size_t
r_cols(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

/* Byte length of the first prec columns of s. */
static size_t
r_cut(const char *s, size_t prec)
{
	size_t cols = 0, i = 0;

	for (; s[i] != '\0'; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (cols == prec)
				break;
			cols++;
		}
	}
	return i;
}

static void
rfield_put(const struct rfield *f, xmlNodePtr ctx, struct buf *line)
{
	char *v = rpath_value(&f->f_path, ctx);
	const char *s;
	size_t len, cols;

	if (v == NULL && f->f_default != NULL)
		v = xstrdup(f->f_default);
	s = v ? v : "";
	len = strlen(s);
	if (f->f_prec >= 0)
		len = r_cut(s, (size_t)f->f_prec);
	if (f->f_col >= 0) {
		/* A column is where the field starts, unless what is before reaches it:
		 * then one blank, as Junos shifts an overflowing column by one. */
		size_t at = r_cols(buf_str(line), line->b_len);
		if (at < (size_t)f->f_col)
			buf_indent(line, (int)((size_t)f->f_col - at));
		else if (at > 0)
			buf_putc(line, ' ');
	}
	cols = r_cols(s, len);
	if (!f->f_left && (size_t)f->f_width > cols)
		buf_indent(line, (int)((size_t)f->f_width - cols));
	if (f->f_capitalize && len > 0 && islower((unsigned char)s[0])) {
		buf_putc(line, (char)toupper((unsigned char)s[0]));
		buf_append(line, s + 1, len - 1);
	} else
		buf_append(line, s, len);
	if (f->f_left && (size_t)f->f_width > cols)
		buf_indent(line, (int)((size_t)f->f_width - cols));
	free(v);
}

static void
rsegs_put(const struct rseg *segs, size_t n, xmlNodePtr ctx, struct buf *line)
{
	for (size_t i = 0; i < n; i++) {
		if (segs[i].sg_text != NULL)
			buf_puts(line, segs[i].sg_text);
		else
			rfield_put(&segs[i].sg_field, ctx, line);
	}
}

static void
rstate_endline(struct rstate *rs)
{
	buf_append(rs->rs_out, buf_str(&rs->rs_line), rs->rs_line.b_len);
	buf_putc(rs->rs_out, '\n');
	buf_reset(&rs->rs_line);
	rs->rs_open = false;
}

static void
rstate_blank(struct rstate *rs)
{
	if (rs->rs_open)
		rstate_endline(rs);
	buf_putc(rs->rs_out, '\n');
}

static void	 ritems_run(struct rstate *, const struct ritem *, size_t, xmlNodePtr);

static void
ritem_run(struct rstate *rs, const struct ritem *it, xmlNodePtr ctx)
{
	struct nodeset s = { NULL, 0, 0 };

	if (it->i_kind != RI_FOREACH && !rcond_eval(it->i_cond, ctx))
		return;
	switch (it->i_kind) {
	case RI_LINE:
		rsegs_put(it->i_segs, it->i_nsegs, ctx, &rs->rs_line);
		rstate_endline(rs);
		break;
	case RI_TEXT:
		rsegs_put(it->i_segs, it->i_nsegs, ctx, &rs->rs_line);
		rs->rs_open = true;
		break;
	case RI_BLANK:
		rstate_blank(rs);
		break;
	case RI_IF:
		ritems_run(rs, it->i_items, it->i_nitems, ctx);
		break;
	case RI_JOIN: {
		struct buf part = BUF_INIT;
		bool first = true;

		for (size_t i = 0; i < it->i_nitems; i++) {
			const struct ritem *t = &it->i_items[i];
			if (!rcond_eval(t->i_cond, ctx))
				continue;
			buf_reset(&part);
			rsegs_put(t->i_segs, t->i_nsegs, ctx, &part);
			if (part.b_len == 0)
				continue;
			if (!first)
				buf_puts(&rs->rs_line, it->i_sep);
			buf_append(&rs->rs_line, buf_str(&part), part.b_len);
			first = false;
		}
		buf_free(&part);
		if (!first)
			rs->rs_open = true;
		break;
	}
	case RI_FOREACH:
		if (!rcond_eval(it->i_cond, ctx))
			break;
		rpath_eval(&it->i_select, ctx, &s);
		for (size_t i = 0; i < s.ns_n; i++) {
			if (s.ns_v[i]->type != XML_ELEMENT_NODE)
				continue;
			if (i == 0 && it->i_nheader > 0)
				ritems_run(rs, it->i_header, it->i_nheader, ctx);
			if ((it->i_blank & RB_BEFORE) || ((it->i_blank & RB_BETWEEN) && i > 0))
				rstate_blank(rs);
			ritems_run(rs, it->i_items, it->i_nitems, s.ns_v[i]);
			if (it->i_blank & RB_AFTER)
				rstate_blank(rs);
		}
		free(s.ns_v);
		break;
	}
}

static void
ritems_run(struct rstate *rs, const struct ritem *items, size_t n, xmlNodePtr ctx)
{
	for (size_t i = 0; i < n; i++)
		ritem_run(rs, &items[i], ctx);
}

void
render_tmpl_text(const struct render_tmpl *t, xmlNodePtr ctx, struct buf *out)
{
	struct rstate rs = { out, BUF_INIT, false };

	ritems_run(&rs, t->t_items, t->t_nitems, ctx);
	if (rs.rs_open)
		rstate_endline(&rs);
	buf_free(&rs.rs_line);
}

/* ---- a command's reply ---- */

static bool
r_name_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* <output> text as is, ending with a newline. */
static void
r_output(xmlNodePtr n, struct buf *out)
{
	xmlChar *c = xmlNodeGetContent(n);
	const char *s = c ? (const char *)c : "";
	size_t len = strlen(s);

	/* Junos wraps <output> text in newlines of its own; keep the inside. */
	if (len > 0 && s[0] == '\n') {
		s++;
		len--;
	}
	if (len > 0) {
		buf_append(out, s, len);
		if (s[len - 1] != '\n')
			buf_putc(out, '\n');
	}
	xmlFree(c);
}

static bool	 r_render_in(const struct opsch_cmd *, const struct opsch_level *,
		    xmlNodePtr, struct buf *);

/* One element of a reply: the command's own, <output>, or a multi-RE wrapper. */
static bool
r_render_one(const struct opsch_cmd *cmd, const struct opsch_level *lv, xmlNodePtr n,
    struct buf *out)
{
	bool first = true;

	if (cmd->cm_reply != NULL && r_name_is(n, cmd->cm_reply)) {
		if (lv != NULL && lv->ol_tmpl != NULL)
			render_tmpl_text(lv->ol_tmpl, n, out);
		return true;
	}
	if (r_name_is(n, "output")) {
		r_output(n, out);
		return true;
	}
	if (!r_name_is(n, "multi-routing-engine-results"))
		return false;
	for (xmlNodePtr item = n->children; item != NULL; item = item->next) {
		char *re = NULL;

		if (!r_name_is(item, "multi-routing-engine-item"))
			continue;
		for (xmlNodePtr c = item->children; c != NULL && re == NULL; c = c->next)
			if (r_name_is(c, "re-name"))
				re = r_node_text(c);
		if (!first)
			buf_putc(out, '\n');
		buf_printf(out, "%s:\n", re ? re : "");
		for (int i = 0; i < RENDER_RE_DASHES; i++)
			buf_putc(out, '-');
		buf_putc(out, '\n');
		r_render_in(cmd, lv, item, out);
		free(re);
		first = false;
	}
	return true;
}

static bool
r_render_in(const struct opsch_cmd *cmd, const struct opsch_level *lv, xmlNodePtr parent,
    struct buf *out)
{
	bool any = false;

	for (xmlNodePtr n = parent->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && r_render_one(cmd, lv, n, out))
			any = true;
	return any;
}

int
render_reply(const struct opsch_cmd *cmd, const char *level, xmlNodePtr reply,
    struct buf *out)
{
	const struct opsch_level *lv;

	if (cmd == NULL || reply == NULL || reply->type != XML_ELEMENT_NODE)
		return -1;
	/* An unknown level (a daemon's reply to a newer request) falls back on the default. */
	if ((lv = opsch_cmd_level(cmd, level)) == NULL)
		lv = opsch_cmd_level(cmd, NULL);
	if (r_name_is(reply, "rpc-reply"))
		return r_render_in(cmd, lv, reply, out) ? 0 : -1;
	return r_render_one(cmd, lv, reply, out) ? 0 : -1;
}

/* ---- | display xml, | display xml rpc ---- */

static void
r_xml_escape(struct buf *out, const char *s, bool attr)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '<':
			buf_puts(out, "&lt;");
			break;
		case '>':
			buf_puts(out, "&gt;");
			break;
		case '&':
			buf_puts(out, "&amp;");
			break;
		case '"':
			if (attr)
				buf_puts(out, "&quot;");
			else
				buf_putc(out, '"');
			break;
		default:
			buf_putc(out, *s);
		}
	}
}

static bool
r_has_elements(xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return true;
	return false;
}

static void
r_xml_name(struct buf *out, xmlNodePtr n)
{
	if (n->ns != NULL && n->ns->prefix != NULL)
		buf_printf(out, "%s:", (const char *)n->ns->prefix);
	buf_puts(out, (const char *)n->name);
}

/*
 * One element the way Junos pretty-prints replies: 4 blanks per level, a leaf
 * element on one line (<host-name>gm1</host-name>), an element without content
 * as <x/> (inferred for replies; the toggles of `| display xml rpc` look so).
 * Namespace declarations other than the reply's own are kept on the element.
 */
static void
r_xml_element(struct buf *out, xmlNodePtr n, int depth)
{
	if (depth > NC_MAX_DEPTH)
		return;
	buf_indent(out, depth * 4);
	buf_putc(out, '<');
	r_xml_name(out, n);
	for (xmlNsPtr ns = n->nsDef; ns != NULL; ns = ns->next) {
		if (ns->prefix != NULL && strcmp((const char *)ns->prefix, "junos") == 0)
			continue;	/* declared once on <rpc-reply> */
		buf_puts(out, ns->prefix ? " xmlns:" : " xmlns");
		if (ns->prefix != NULL)
			buf_puts(out, (const char *)ns->prefix);
		buf_puts(out, "=\"");
		r_xml_escape(out, ns->href ? (const char *)ns->href : "", true);
		buf_putc(out, '"');
	}
	for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		buf_putc(out, ' ');
		if (a->ns != NULL && a->ns->prefix != NULL)
			buf_printf(out, "%s:", (const char *)a->ns->prefix);
		buf_printf(out, "%s=\"", (const char *)a->name);
		r_xml_escape(out, v ? (const char *)v : "", true);
		buf_putc(out, '"');
		xmlFree(v);
	}
	if (r_has_elements(n)) {
		buf_puts(out, ">\n");
		for (xmlNodePtr c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				r_xml_element(out, c, depth + 1);
		buf_indent(out, depth * 4);
	} else {
		xmlChar *v = xmlNodeGetContent(n);
		if (v == NULL || v[0] == '\0') {
			xmlFree(v);
			buf_puts(out, "/>\n");
			return;
		}
		buf_putc(out, '>');
		r_xml_escape(out, (const char *)v, false);
		xmlFree(v);
	}
	buf_puts(out, "</");
	r_xml_name(out, n);
	buf_puts(out, ">\n");
}

static bool
r_is_data(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && !r_name_is(n, "rpc-error") &&
	    !r_name_is(n, "ok") && !r_name_is(n, "cli");
}

static void
r_xml_trailer(const char *banner, struct buf *out)
{
	buf_puts(out, "    <cli>\n        <banner>");
	r_xml_escape(out, banner ? banner : "", false);
	buf_puts(out, "</banner>\n    </cli>\n</rpc-reply>\n");
}

void
render_display_xml(xmlNodePtr reply, const char *banner, struct buf *out)
{
	buf_puts(out, "<rpc-reply xmlns:junos=\"" NC_NS_JUNOS "\">\n");
	if (reply != NULL && r_name_is(reply, "rpc-reply")) {
		for (xmlNodePtr c = reply->children; c != NULL; c = c->next)
			if (r_is_data(c))
				r_xml_element(out, c, 1);
	} else if (reply != NULL && reply->type == XML_ELEMENT_NODE)
		r_xml_element(out, reply, 1);
	r_xml_trailer(banner, out);
}

void
render_display_rpc(xmlNodePtr rpc, const char *banner, struct buf *out)
{
	buf_puts(out, "<rpc-reply xmlns:junos=\"" NC_NS_JUNOS "\">\n    <rpc>\n");
	if (rpc != NULL && rpc->type == XML_ELEMENT_NODE) {
		/*
		 * The request itself is printed open and closed on two lines even when it
		 * has no argument, as in `show version | display xml rpc` captures.
		 */
		if (r_has_elements(rpc))
			r_xml_element(out, rpc, 2);
		else
			buf_printf(out, "        <%s>\n        </%s>\n", (const char *)rpc->name,
			    (const char *)rpc->name);
	}
	buf_puts(out, "    </rpc>\n");
	r_xml_trailer(banner, out);
}

/* ---- | display json ---- */

static void
r_json_string(struct buf *out, const char *s)
{
	buf_putc(out, '"');
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;
		switch (ch) {
		case '"':
			buf_puts(out, "\\\"");
			break;
		case '\\':
			buf_puts(out, "\\\\");
			break;
		case '\n':
			buf_puts(out, "\\n");
			break;
		case '\r':
			buf_puts(out, "\\r");
			break;
		case '\t':
			buf_puts(out, "\\t");
			break;
		default:
			if (ch < 0x20)
				buf_printf(out, "\\u%04x", ch);
			else
				buf_putc(out, (char)ch);
		}
	}
	buf_putc(out, '"');
}

static void	 r_json_members(struct buf *, xmlNodePtr, int);

/*
 * One element, as an object of the array its name opens: its child elements as
 * members, or its text as "data", then its attributes; nothing at all is null.
 */
static void
r_json_object(struct buf *out, xmlNodePtr n, int depth)
{
	bool elems = r_has_elements(n), sep = false;
	char *text = elems ? NULL : r_node_text(n);

	buf_indent(out, depth * 4);
	if (n->properties == NULL && !elems && text[0] == '\0') {
		buf_puts(out, "null");
		free(text);
		return;
	}
	buf_puts(out, "{\n");
	if (elems) {
		r_json_members(out, n, depth + 1);
		sep = true;
	} else if (text[0] != '\0') {
		buf_indent(out, (depth + 1) * 4);
		buf_puts(out, "\"data\" : ");
		r_json_string(out, text);
		sep = true;
	}
	if (n->properties != NULL) {
		if (sep)
			buf_puts(out, ", \n");
		buf_indent(out, (depth + 1) * 4);
		buf_puts(out, "\"attributes\" : {");
		for (xmlAttrPtr a = n->properties; a != NULL; a = a->next) {
			xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
			struct buf name = BUF_INIT;

			if (a->ns != NULL && a->ns->prefix != NULL)
				buf_printf(&name, "%s:", (const char *)a->ns->prefix);
			buf_puts(&name, (const char *)a->name);
			r_json_string(out, buf_str(&name));
			buf_puts(out, " : ");
			r_json_string(out, v ? (const char *)v : "");
			if (a->next != NULL)
				buf_puts(out, ", ");
			buf_free(&name);
			xmlFree(v);
		}
		buf_putc(out, '}');
	}
	buf_putc(out, '\n');
	buf_indent(out, depth * 4);
	buf_putc(out, '}');
	free(text);
}

/*
 * The child elements of n as members: each name once, an array of all the
 * children of that name in document order. Junos ends a member with ", " before the
 * newline (trailing blank as in its output; inferred from captures of
 * `| display json`). No newline after the last member: the caller closes.
 */
static void
r_json_members(struct buf *out, xmlNodePtr n, int depth)
{
	bool first = true;

	if (depth > NC_MAX_DEPTH)
		return;
	for (xmlNodePtr c = n->children; c != NULL; c = c->next) {
		bool seen = false, firstv = true;

		if (!r_is_data(c))
			continue;
		for (xmlNodePtr p = n->children; p != c && !seen; p = p->next)
			if (p->type == XML_ELEMENT_NODE && xmlStrEqual(p->name, c->name))
				seen = true;
		if (seen)
			continue;
		if (!first)
			buf_puts(out, ", \n");
		first = false;
		buf_indent(out, depth * 4);
		r_json_string(out, (const char *)c->name);
		buf_puts(out, " : [\n");
		for (xmlNodePtr v = c; v != NULL; v = v->next) {
			if (v->type != XML_ELEMENT_NODE || !xmlStrEqual(v->name, c->name))
				continue;
			if (!firstv)
				buf_puts(out, ", \n");
			firstv = false;
			r_json_object(out, v, depth);
		}
		buf_putc(out, '\n');
		buf_indent(out, depth * 4);
		buf_putc(out, ']');
	}
}

void
render_display_json(xmlNodePtr reply, struct buf *out)
{
	buf_puts(out, "{\n");
	if (reply != NULL && r_name_is(reply, "rpc-reply"))
		r_json_members(out, reply, 1);
	else if (reply != NULL && reply->type == XML_ELEMENT_NODE) {
		buf_indent(out, 4);
		r_json_string(out, (const char *)reply->name);
		buf_puts(out, " : [\n");
		r_json_object(out, reply, 1);
		buf_puts(out, "\n    ]");
	}
	buf_puts(out, "\n}\n");
}
