/*
 * opschema: loader of the schema/op XML files (the operational commands, format in
 * schema/op/README.md), and the two ways a request comes in: a command line typed
 * at the CLI or sent in a NETCONF <command>, and an RPC element.
 *
 * Argument values use the configuration schema's types: each argument carries a
 * struct sch_node leaf, so types.c checks them with the same Junos messages, and
 * schema.c's type parser reads them (<pattern>, <enum>, <type>, range=, length=).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "opschema.h"
#include "render.h"
#include "xmalloc.h"
#include "xmlutil.h"

#define OPSCH_NS		"urn:routemu:opschema:1"
#define OPSCH_MAX_WORDS		16	/* words of a command path */
#define OPSCH_IMPLICIT_LEVEL	"normal"

/* A word of the CLI: lower-case letters, digits and '-', not starting with '-'. */
static bool
os_valid_word(const char *w)
{
	if (w[0] == '\0' || w[0] == '-')
		return false;
	for (const char *p = w; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return true;
}

/* An XML element name as Junos uses them (same alphabet, plus '_'). */
static bool
os_valid_element(const char *w)
{
	if (w[0] == '\0' || w[0] == '-' || (w[0] >= '0' && w[0] <= '9'))
		return false;
	for (const char *p = w; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' ||
		    *p == '_'))
			return false;
	return true;
}

/* ---- the tree ---- */

static void
os_arg_free(struct opsch_arg *a)
{
	free(a->oa_name);
	free(a->oa_element);
	free(a->oa_help);
	sch_type_free(&a->oa_leaf.sn_type);
	free(a->oa_leaf.sn_name);
	free(a->oa_leaf.sn_placeholder);
	/* sn_help is oa_help, not a copy */
}

static void
os_cmd_free(struct opsch_cmd *c)
{
	if (c == NULL)
		return;
	free(c->cm_path);
	free(c->cm_help);
	free(c->cm_rpc);
	free(c->cm_reply);
	free(c->cm_daemon);
	for (size_t i = 0; i < c->cm_nargs; i++)
		os_arg_free(&c->cm_args[i]);
	free(c->cm_args);
	for (size_t i = 0; i < c->cm_nlevels; i++) {
		free(c->cm_levels[i].ol_name);
		free(c->cm_levels[i].ol_element);
		free(c->cm_levels[i].ol_help);
		render_tmpl_free(c->cm_levels[i].ol_tmpl);
	}
	free(c->cm_levels);
	free(c);
}

static void
os_node_free(struct opsch_node *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->on_nchildren; i++)
		os_node_free(n->on_children[i]);
	free(n->on_children);
	free(n->on_word);
	free(n->on_help);
	os_cmd_free(n->on_cmd);
	free(n);
}

void
opschema_free(struct opschema *s)
{
	if (s == NULL)
		return;
	os_node_free(s->os_root);
	free(s->os_cmds);
	for (size_t i = 0; i < s->os_nfiles; i++)
		free(s->os_files[i]);
	free(s->os_files);
	free(s->os_dir);
	free(s);
}

const struct opsch_node *
opsch_child(const struct opsch_node *n, const char *word)
{
	size_t lo = 0, hi = n->on_nchildren;

	/* Children are sorted once the schema is loaded; binary search. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(n->on_children[mid]->on_word, word);
		if (c == 0)
			return n->on_children[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

size_t
opsch_prefix_match(const struct opsch_node *n, const char *prefix,
    const struct opsch_node **out, size_t max)
{
	const struct opsch_node *exact = opsch_child(n, prefix);
	size_t len = strlen(prefix), count = 0;

	if (exact != NULL) {
		if (max > 0)
			out[0] = exact;
		return 1;
	}
	for (size_t i = 0; i < n->on_nchildren; i++) {
		const struct opsch_node *c = n->on_children[i];
		if ((c->on_flags & OPSCH_F_HIDDEN) || strncmp(c->on_word, prefix, len) != 0)
			continue;
		if (count < max)
			out[count] = c;
		count++;
	}
	return count;
}

/* The child of p for word, created if absent (unsorted while loading). */
static struct opsch_node *
os_node_get(struct opsch_node *p, const char *word)
{
	struct opsch_node *n;

	for (size_t i = 0; i < p->on_nchildren; i++)
		if (strcmp(p->on_children[i]->on_word, word) == 0)
			return p->on_children[i];
	n = xzalloc(sizeof(*n));
	n->on_word = xstrdup(word);
	n->on_parent = p;
	p->on_children = xrealloc(p->on_children,
	    (p->on_nchildren + 1) * sizeof(*p->on_children));
	p->on_children[p->on_nchildren++] = n;
	return n;
}

/* Walk (creating) the words of path from the root; NULL and an error if malformed. */
static struct opsch_node *
os_path_node(struct xml_loader *l, xmlNodePtr x, struct opsch_node *root,
    const char *path)
{
	char *copy = xstrdup(path), *save = NULL, *w;
	struct opsch_node *n = root;
	size_t nwords = 0;

	for (w = strtok_r(copy, " ", &save); w != NULL; w = strtok_r(NULL, " ", &save)) {
		if (!os_valid_word(w)) {
			xml_error(l, x, "bad word \"%s\" in path \"%s\"", w, path);
			n = NULL;
			break;
		}
		if (++nwords > OPSCH_MAX_WORDS) {
			xml_error(l, x, "path \"%s\" is too long", path);
			n = NULL;
			break;
		}
		n = os_node_get(n, w);
	}
	free(copy);
	if (n == root) {
		xml_error(l, x, "empty path");
		return NULL;
	}
	return n;
}

/* Canonical spacing of a path: words separated by one blank. */
static char *
os_path_canon(const char *path)
{
	char *out = xzalloc(strlen(path) + 1), *o = out;

	for (const char *p = path; *p;) {
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (o != out)
			*o++ = ' ';
		while (*p && *p != ' ')
			*o++ = *p++;
	}
	*o = '\0';
	return out;
}

static int
os_set_help(struct xml_loader *l, xmlNodePtr x, struct opsch_node *n, const char *help)
{
	if (n->on_help != NULL && strcmp(n->on_help, help) != 0) {
		xml_error(l, x, "\"%s\" already has another help text (\"%s\")", n->on_word,
		    n->on_help);
		return -1;
	}
	if (n->on_help == NULL)
		n->on_help = xstrdup(help);
	return 0;
}

static int
os_parse_menu(struct xml_loader *l, xmlNodePtr x, struct opsch_node *root)
{
	static const char *const attrs[] = { "path", "help", "hidden", NULL };
	char *path = xml_attr(x, "path"), *help = xml_attr(x, "help");
	struct opsch_node *n;
	bool hidden;
	int rc = -1;

	if (xml_check_attrs(l, x, attrs) == -1 || xml_attr_bool(l, x, "hidden", &hidden) == -1)
		goto done;
	if (path == NULL || help == NULL) {
		xml_error(l, x, "<menu> needs path= and help=");
		goto done;
	}
	for (xmlNodePtr c = x->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE) {
			xml_error(l, c, "<menu> is empty (<%s> inside)", (const char *)c->name);
			goto done;
		}
	if ((n = os_path_node(l, x, root, path)) == NULL || os_set_help(l, x, n, help) == -1)
		goto done;
	if (hidden)
		n->on_flags |= OPSCH_F_HIDDEN;
	rc = 0;
done:
	free(path);
	free(help);
	return rc;
}

/* An argument holds its type alone: <pattern>s, <enum>s, union <type>s of the same. */
static int
os_check_type_elements(struct xml_loader *l, xmlNodePtr x)
{
	for (xmlNodePtr c = x->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || xml_is(c, "pattern") || xml_is(c, "enum"))
			continue;
		if (!xml_is(c, "type")) {
			xml_error(l, c, "unknown element <%s> in an argument",
			    (const char *)c->name);
			return -1;
		}
		if (os_check_type_elements(l, c) == -1)
			return -1;
	}
	return 0;
}

static int
os_parse_arg(struct xml_loader *l, xmlNodePtr x, struct opsch_cmd *cmd)
{
	static const char *const attrs[] = { "name", "element", "help", "type", "range",
	    "length", "nokeyword", "mandatory", "hidden", "placeholder", NULL };
	struct opsch_arg a;
	char *type = NULL;
	bool nokw, mand, hidden;
	int rc = -1;

	memset(&a, 0, sizeof(a));
	if (xml_check_attrs(l, x, attrs) == -1 ||
	    xml_attr_bool(l, x, "nokeyword", &nokw) == -1 ||
	    xml_attr_bool(l, x, "mandatory", &mand) == -1 ||
	    xml_attr_bool(l, x, "hidden", &hidden) == -1)
		goto done;
	a.oa_name = xml_attr(x, "name");
	a.oa_help = xml_attr(x, "help");
	type = xml_attr(x, "type");
	if (a.oa_name == NULL || a.oa_help == NULL || type == NULL) {
		xml_error(l, x, "<arg> needs name=, help= and type=");
		goto done;
	}
	if (!os_valid_word(a.oa_name)) {
		xml_error(l, x, "bad argument name \"%s\"", a.oa_name);
		goto done;
	}
	if ((a.oa_element = xml_attr(x, "element")) == NULL)
		a.oa_element = xstrdup(a.oa_name);
	if (!os_valid_element(a.oa_element)) {
		xml_error(l, x, "bad element name \"%s\"", a.oa_element);
		goto done;
	}
	a.oa_flags = (nokw ? OPSCH_F_NOKEYWORD : 0) | (mand ? OPSCH_F_MANDATORY : 0) |
	    (hidden ? OPSCH_F_HIDDEN : 0);
	a.oa_leaf.sn_kind = SCH_LEAF;
	a.oa_leaf.sn_name = xstrdup(a.oa_name);
	a.oa_leaf.sn_help = a.oa_help;
	if (sch_type_parse(l, x, type, &a.oa_leaf.sn_type) == -1 ||
	    os_check_type_elements(l, x) == -1)
		goto done;
	if (nokw && a.oa_leaf.sn_type.st_base == ST_EMPTY) {
		xml_error(l, x, "a toggle (type empty) is its keyword: no nokeyword=");
		goto done;
	}
	if ((a.oa_leaf.sn_placeholder = xml_attr(x, "placeholder")) == NULL) {
		size_t len = strlen(a.oa_name) + 3;
		a.oa_leaf.sn_placeholder = xzalloc(len);
		snprintf(a.oa_leaf.sn_placeholder, len, "<%s>", a.oa_name);
	}
	for (size_t i = 0; i < cmd->cm_nargs; i++)
		if (strcmp(cmd->cm_args[i].oa_name, a.oa_name) == 0 ||
		    strcmp(cmd->cm_args[i].oa_element, a.oa_element) == 0) {
			xml_error(l, x, "argument \"%s\" defined twice", a.oa_name);
			goto done;
		}
	cmd->cm_args = xrealloc(cmd->cm_args, (cmd->cm_nargs + 1) * sizeof(*cmd->cm_args));
	cmd->cm_args[cmd->cm_nargs++] = a;
	memset(&a, 0, sizeof(a));
	rc = 0;
done:
	os_arg_free(&a);
	free(type);
	return rc;
}

static struct opsch_level *
os_level_add(struct opsch_cmd *cmd, const char *name)
{
	struct opsch_level *nl;

	cmd->cm_levels = xrealloc(cmd->cm_levels,
	    (cmd->cm_nlevels + 1) * sizeof(*cmd->cm_levels));
	nl = &cmd->cm_levels[cmd->cm_nlevels++];
	memset(nl, 0, sizeof(*nl));
	nl->ol_name = xstrdup(name);
	nl->ol_element = xstrdup(name);
	return nl;
}

static int
os_parse_level(struct xml_loader *l, xmlNodePtr x, struct opsch_cmd *cmd, bool *isdef)
{
	static const char *const attrs[] = { "name", "element", "help", "default", "hidden",
	    NULL };
	char *name = xml_attr(x, "name"), *help = xml_attr(x, "help"), *elem = NULL;
	struct opsch_level *lv;
	bool hidden;
	int rc = -1;

	if (xml_check_attrs(l, x, attrs) == -1 || xml_attr_bool(l, x, "default", isdef) == -1 ||
	    xml_attr_bool(l, x, "hidden", &hidden) == -1)
		goto done;
	if (name == NULL || help == NULL) {
		xml_error(l, x, "<level> needs name= and help=");
		goto done;
	}
	if (!os_valid_word(name) || strcmp(name, OPSCH_IMPLICIT_LEVEL) == 0) {
		xml_error(l, x, "bad level name \"%s\"", name);
		goto done;
	}
	for (size_t i = 0; i < cmd->cm_nlevels; i++)
		if (strcmp(cmd->cm_levels[i].ol_name, name) == 0) {
			xml_error(l, x, "level \"%s\" defined twice", name);
			goto done;
		}
	for (size_t i = 0; i < cmd->cm_nargs; i++)
		if (strcmp(cmd->cm_args[i].oa_name, name) == 0) {
			xml_error(l, x, "level \"%s\" is also an argument", name);
			goto done;
		}
	lv = os_level_add(cmd, name);
	lv->ol_help = help;
	help = NULL;
	lv->ol_flags = hidden ? OPSCH_F_HIDDEN : 0;
	if ((elem = xml_attr(x, "element")) != NULL) {
		if (!os_valid_element(elem)) {
			xml_error(l, x, "bad element name \"%s\"", elem);
			goto done;
		}
		free(lv->ol_element);
		lv->ol_element = elem;
		elem = NULL;
	}
	rc = 0;
done:
	free(name);
	free(help);
	free(elem);
	return rc;
}

static int
os_parse_format(struct xml_loader *l, xmlNodePtr x, struct opsch_cmd *cmd)
{
	static const char *const attrs[] = { "level", NULL };
	char *name = xml_attr(x, "level"), err[384];
	struct opsch_level *lv = NULL;
	int rc = -1;

	if (xml_check_attrs(l, x, attrs) == -1)
		goto done;
	for (size_t i = 0; i < cmd->cm_nlevels; i++)
		if (strcmp(cmd->cm_levels[i].ol_name, name ? name : OPSCH_IMPLICIT_LEVEL) == 0)
			lv = &cmd->cm_levels[i];
	if (lv == NULL) {
		xml_error(l, x, "<format> for level \"%s\", which is not declared",
		    name ? name : OPSCH_IMPLICIT_LEVEL);
		goto done;
	}
	if (lv->ol_tmpl != NULL) {
		xml_error(l, x, "two <format>s for level \"%s\"", lv->ol_name);
		goto done;
	}
	if ((lv->ol_tmpl = render_compile(x, err, sizeof(err))) == NULL) {
		snprintf(l->xl_err, l->xl_errlen, "%s:%s", l->xl_file, err);
		l->xl_failed = true;
		goto done;
	}
	rc = 0;
done:
	free(name);
	return rc;
}

static int
os_parse_command(struct xml_loader *l, xmlNodePtr x, struct opschema *s)
{
	static const char *const attrs[] = { "path", "help", "rpc", "reply", "daemon",
	    "hidden", NULL };
	struct opsch_cmd *cmd = xzalloc(sizeof(*cmd));
	struct opsch_node *n;
	char *path = xml_attr(x, "path");
	bool hidden, have_default = false, any_format = false;
	int rc = -1;

	if (xml_check_attrs(l, x, attrs) == -1 || xml_attr_bool(l, x, "hidden", &hidden) == -1)
		goto done;
	cmd->cm_help = xml_attr(x, "help");
	cmd->cm_rpc = xml_attr(x, "rpc");
	cmd->cm_reply = xml_attr(x, "reply");
	cmd->cm_daemon = xml_attr(x, "daemon");
	cmd->cm_flags = hidden ? OPSCH_F_HIDDEN : 0;
	cmd->cm_file = l->xl_file;
	if (path == NULL || cmd->cm_help == NULL || cmd->cm_rpc == NULL ||
	    cmd->cm_daemon == NULL) {
		xml_error(l, x, "<command> needs path=, help=, rpc= and daemon=");
		goto done;
	}
	if (!os_valid_element(cmd->cm_rpc) ||
	    (cmd->cm_reply != NULL && !os_valid_element(cmd->cm_reply))) {
		xml_error(l, x, "bad rpc= or reply= element name");
		goto done;
	}
	if (!os_valid_word(cmd->cm_daemon)) {
		xml_error(l, x, "bad daemon name \"%s\"", cmd->cm_daemon);
		goto done;
	}
	cmd->cm_path = os_path_canon(path);
	/* Arguments and levels first: a <format> names a level declared before or after. */
	for (xmlNodePtr c = x->children; c != NULL; c = c->next) {
		bool isdef = false;

		if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c) == 0) {
			xml_error(l, c, "text inside <command>");
			goto done;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(c, "arg")) {
			if (os_parse_arg(l, c, cmd) == -1)
				goto done;
		} else if (xml_is(c, "level")) {
			if (os_parse_level(l, c, cmd, &isdef) == -1)
				goto done;
			if (isdef) {
				if (have_default) {
					xml_error(l, c, "two default levels");
					goto done;
				}
				have_default = true;
				cmd->cm_default = cmd->cm_nlevels - 1;
			}
		} else if (xml_is(c, "format"))
			any_format = true;
		else {
			xml_error(l, c, "unknown element <%s> in <command>", (const char *)c->name);
			goto done;
		}
	}
	for (size_t i = 0; i < cmd->cm_nargs; i++)
		for (size_t j = 0; j < cmd->cm_nlevels; j++)
			if (strcmp(cmd->cm_args[i].oa_name, cmd->cm_levels[j].ol_name) == 0) {
				xml_error(l, x, "\"%s\" is both an argument and a level",
				    cmd->cm_args[i].oa_name);
				goto done;
			}
	if (!have_default) {
		/* The output without a level keyword: the implicit level, listed first. */
		os_level_add(cmd, OPSCH_IMPLICIT_LEVEL);
		struct opsch_level tmp = cmd->cm_levels[cmd->cm_nlevels - 1];
		memmove(&cmd->cm_levels[1], &cmd->cm_levels[0],
		    (cmd->cm_nlevels - 1) * sizeof(cmd->cm_levels[0]));
		cmd->cm_levels[0] = tmp;
		cmd->cm_levels[0].ol_implicit = true;
		cmd->cm_default = 0;
	}
	for (xmlNodePtr c = x->children; c != NULL; c = c->next)
		if (xml_is(c, "format") && os_parse_format(l, c, cmd) == -1)
			goto done;
	if (any_format) {
		if (cmd->cm_reply == NULL) {
			xml_error(l, x, "a <format> needs reply= (the element it renders)");
			goto done;
		}
		for (size_t i = 0; i < cmd->cm_nlevels; i++)
			if (cmd->cm_levels[i].ol_tmpl == NULL) {
				xml_error(l, x, "no <format> for level \"%s\"",
				    cmd->cm_levels[i].ol_name);
				goto done;
			}
	}
	if ((n = os_path_node(l, x, s->os_root, cmd->cm_path)) == NULL)
		goto done;
	if (n->on_cmd != NULL) {
		xml_error(l, x, "command \"%s\" already defined in %s", cmd->cm_path,
		    n->on_cmd->cm_file);
		goto done;
	}
	if (os_set_help(l, x, n, cmd->cm_help) == -1)
		goto done;
	if (hidden)
		n->on_flags |= OPSCH_F_HIDDEN;
	n->on_cmd = cmd;
	cmd = NULL;
	rc = 0;
done:
	free(path);
	os_cmd_free(cmd);
	return rc;
}

static int
os_load_file(struct xml_loader *l, const char *path, struct opschema *s)
{
	xmlDocPtr doc;
	xmlNodePtr root;
	char msg[256];
	int line, rc = -1;

	/* Blank text stays: a template's <text> may be blanks alone. */
	if ((doc = xml_read_file(path, 0, &line, msg, sizeof(msg))) == NULL) {
		if (msg[0] != '\0')
			snprintf(l->xl_err, l->xl_errlen, "%s:%d: %s", l->xl_file, line, msg);
		else
			snprintf(l->xl_err, l->xl_errlen, "%s: not well-formed XML", l->xl_file);
		l->xl_failed = true;
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !xml_is(root, "opschema") || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, OPSCH_NS) != 0) {
		xml_error(l, root, "the root is <opschema xmlns=\"" OPSCH_NS "\">");
		goto done;
	}
	if (root->properties != NULL) {
		xml_error(l, root, "<opschema> takes no attributes");
		goto done;
	}
	for (xmlNodePtr c = root->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c) == 0) {
			xml_error(l, c, "text inside <opschema>");
			goto done;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(c, "menu")) {
			if (os_parse_menu(l, c, s->os_root) == -1)
				goto done;
		} else if (xml_is(c, "command")) {
			if (os_parse_command(l, c, s) == -1)
				goto done;
		} else {
			xml_error(l, c, "unknown element <%s>", (const char *)c->name);
			goto done;
		}
	}
	rc = 0;
done:
	xmlFreeDoc(doc);
	return rc;
}

static int
os_node_cmp(const void *a, const void *b)
{
	const struct opsch_node *const *x = a, *const *y = b;

	return strcmp((*x)->on_word, (*y)->on_word);
}

static int
os_cmd_cmp(const void *a, const void *b)
{
	const struct opsch_cmd *const *x = a, *const *y = b;

	return strcmp((*x)->cm_rpc, (*y)->cm_rpc);
}

static char *
os_node_path(const struct opsch_node *n)
{
	struct buf b = BUF_INIT;
	const struct opsch_node *v[OPSCH_MAX_WORDS + 1];
	size_t k = 0;

	for (; n != NULL && n->on_word != NULL && k < OPSCH_MAX_WORDS + 1; n = n->on_parent)
		v[k++] = n;
	while (k > 0) {
		buf_puts(&b, v[--k]->on_word);
		if (k > 0)
			buf_putc(&b, ' ');
	}
	return buf_steal(&b);
}

/* Sort children, check that every word has a help text, collect the commands. */
static int
os_finish(struct xml_loader *l, struct opschema *s, struct opsch_node *n)
{
	if (n != s->os_root && n->on_help == NULL) {
		char *p = os_node_path(n);
		l->xl_file = NULL;
		snprintf(l->xl_err, l->xl_errlen, "\"%s\" has no help text: declare it with "
		    "<menu path=\"%s\" help=\"...\"/>", p, p);
		l->xl_failed = true;
		free(p);
		return -1;
	}
	if (n->on_nchildren > 1)
		qsort(n->on_children, n->on_nchildren, sizeof(*n->on_children), os_node_cmp);
	if (n->on_cmd != NULL) {
		s->os_cmds = xrealloc(s->os_cmds, (s->os_ncmds + 1) * sizeof(*s->os_cmds));
		s->os_cmds[s->os_ncmds++] = n->on_cmd;
	}
	for (size_t i = 0; i < n->on_nchildren; i++)
		if (os_finish(l, s, n->on_children[i]) == -1)
			return -1;
	return 0;
}

struct opschema *
opschema_load_dir(const char *dir, char *err, size_t errlen)
{
	struct xml_loader l = { NULL, err, errlen, false, 0 };
	struct opschema *s;

	if (errlen)
		err[0] = '\0';
	s = xzalloc(sizeof(*s));
	s->os_dir = xstrdup(dir);
	s->os_root = xzalloc(sizeof(*s->os_root));
	if (xml_dir_files(dir, &s->os_files, &s->os_nfiles) == -1) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		goto fail;
	}
	if (s->os_nfiles == 0) {
		snprintf(err, errlen, "%s: no command files (*.xml)", dir);
		goto fail;
	}
	xmlInitParser();
	for (size_t i = 0; i < s->os_nfiles; i++) {
		size_t len = strlen(dir) + strlen(s->os_files[i]) + 2;
		char *path = xzalloc(len);
		snprintf(path, len, "%s/%s", dir, s->os_files[i]);
		l.xl_file = s->os_files[i];
		int rc = os_load_file(&l, path, s);
		free(path);
		if (rc == -1)
			goto fail;
	}
	if (os_finish(&l, s, s->os_root) == -1)
		goto fail;
	if (s->os_ncmds > 1)
		qsort(s->os_cmds, s->os_ncmds, sizeof(*s->os_cmds), os_cmd_cmp);
	for (size_t i = 1; i < s->os_ncmds; i++)
		if (strcmp(s->os_cmds[i - 1]->cm_rpc, s->os_cmds[i]->cm_rpc) == 0) {
			snprintf(err, errlen, "%s: RPC %s serves both \"%s\" and \"%s\"",
			    s->os_cmds[i]->cm_file, s->os_cmds[i]->cm_rpc,
			    s->os_cmds[i - 1]->cm_path, s->os_cmds[i]->cm_path);
			goto fail;
		}
	return s;
fail:
	opschema_free(s);
	return NULL;
}

struct opschema *
opschema_load_default(char *err, size_t errlen)
{
	char dir[PATH_MAX + 64];

	if (schema_find_dir("op", dir, sizeof(dir)) == -1) {
		snprintf(err, errlen,
		    "operational schema directory not found (set ROUTEMU_SCHEMA_DIR)");
		return NULL;
	}
	return opschema_load_dir(dir, err, errlen);
}

const struct opsch_cmd *
opschema_find_rpc(const struct opschema *s, const char *rpc)
{
	size_t lo = 0, hi = s->os_ncmds;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(s->os_cmds[mid]->cm_rpc, rpc);
		if (c == 0)
			return s->os_cmds[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct opsch_level *
opsch_cmd_level(const struct opsch_cmd *cmd, const char *name)
{
	if (cmd == NULL || cmd->cm_nlevels == 0)
		return NULL;
	if (name == NULL)
		return &cmd->cm_levels[cmd->cm_default];
	for (size_t i = 0; i < cmd->cm_nlevels; i++)
		if (strcmp(cmd->cm_levels[i].ol_name, name) == 0)
			return &cmd->cm_levels[i];
	return NULL;
}

/* ---- requests ---- */

void
opsch_req_free(struct opsch_req *r)
{
	if (r->rq_cmd != NULL && r->rq_values != NULL)
		for (size_t i = 0; i < r->rq_cmd->cm_nargs; i++)
			free(r->rq_values[i]);
	free(r->rq_values);
	memset(r, 0, sizeof(*r));
}

const char *
opsch_req_value(const struct opsch_req *r, const char *name)
{
	if (r->rq_cmd == NULL)
		return NULL;
	for (size_t i = 0; i < r->rq_cmd->cm_nargs; i++)
		if (strcmp(r->rq_cmd->cm_args[i].oa_name, name) == 0)
			return r->rq_values[i];
	return NULL;
}

const struct opsch_level *
opsch_req_level(const struct opsch_req *r)
{
	if (r->rq_level != NULL)
		return r->rq_level;
	return opsch_cmd_level(r->rq_cmd, NULL);
}

static void __attribute__((format(printf, 4, 5)))
os_req_error(struct opsch_error *e, enum opsch_errcode code, size_t word, const char *fmt,
    ...)
{
	va_list ap;

	e->oe_code = code;
	e->oe_word = word;
	va_start(ap, fmt);
	vsnprintf(e->oe_msg, sizeof(e->oe_msg), fmt, ap);
	va_end(ap);
}

/* Check value for arg, store its canonical form in the request. */
static int
os_req_set(struct opsch_req *r, size_t ai, const char *value, size_t word,
    struct opsch_error *e)
{
	const struct opsch_arg *a = &r->rq_cmd->cm_args[ai];
	char msg[256], *canon = NULL;

	if (a->oa_leaf.sn_type.st_base == ST_EMPTY) {
		r->rq_values[ai] = xstrdup("");
		return 0;
	}
	if (sch_check_value(&a->oa_leaf, value, &canon, msg, sizeof(msg)) == -1) {
		os_req_error(e, OPSCH_E_VALUE, word, "%s", msg);
		return -1;
	}
	r->rq_values[ai] = canon != NULL ? canon : xstrdup(value);
	return 0;
}

static int
os_req_check_mandatory(struct opsch_req *r, size_t n, struct opsch_error *e)
{
	for (size_t i = 0; i < r->rq_cmd->cm_nargs; i++)
		if ((r->rq_cmd->cm_args[i].oa_flags & OPSCH_F_MANDATORY) &&
		    r->rq_values[i] == NULL) {
			os_req_error(e, OPSCH_E_MISSING, n, "missing argument.");
			return -1;
		}
	return 0;
}

/* A keyword among the command's levels and keyword arguments, by unique prefix. */
static int
os_match_option(const struct opsch_req *r, const char *w, size_t *ai, size_t *li)
{
	const struct opsch_cmd *c = r->rq_cmd;
	size_t len = strlen(w), n = 0;

	*ai = *li = SIZE_MAX;
	for (size_t i = 0; i < c->cm_nargs; i++)
		if (!(c->cm_args[i].oa_flags & OPSCH_F_NOKEYWORD) &&
		    strcmp(c->cm_args[i].oa_name, w) == 0) {
			*ai = i;
			return 1;
		}
	for (size_t i = 0; i < c->cm_nlevels; i++)
		if (!c->cm_levels[i].ol_implicit && strcmp(c->cm_levels[i].ol_name, w) == 0) {
			*li = i;
			return 1;
		}
	for (size_t i = 0; i < c->cm_nargs; i++)
		if (!(c->cm_args[i].oa_flags & (OPSCH_F_NOKEYWORD | OPSCH_F_HIDDEN)) &&
		    r->rq_values[i] == NULL && strncmp(c->cm_args[i].oa_name, w, len) == 0) {
			*ai = i;
			n++;
		}
	for (size_t i = 0; i < c->cm_nlevels; i++)
		if (!c->cm_levels[i].ol_implicit && !(c->cm_levels[i].ol_flags & OPSCH_F_HIDDEN) &&
		    r->rq_level == NULL && strncmp(c->cm_levels[i].ol_name, w, len) == 0) {
			*li = i;
			n++;
		}
	if (n > 1)
		*ai = *li = SIZE_MAX;
	return (int)n;
}

/* Visible keywords (arguments, levels) of cmd that word is a prefix of. */
static size_t
os_option_prefixes(const struct opsch_cmd *c, const char *w)
{
	size_t len = strlen(w), n = 0;

	for (size_t i = 0; i < c->cm_nargs; i++)
		if (!(c->cm_args[i].oa_flags & (OPSCH_F_NOKEYWORD | OPSCH_F_HIDDEN)) &&
		    strncmp(c->cm_args[i].oa_name, w, len) == 0)
			n++;
	for (size_t i = 0; i < c->cm_nlevels; i++)
		if (!c->cm_levels[i].ol_implicit && !(c->cm_levels[i].ol_flags & OPSCH_F_HIDDEN) &&
		    strncmp(c->cm_levels[i].ol_name, w, len) == 0)
			n++;
	return n;
}

int
opschema_parse(const struct opschema *s, char *const *words, size_t n,
    struct opsch_req *r, struct opsch_error *e)
{
	const struct opsch_node *node = s->os_root, *m[2];
	size_t i = 0;

	memset(r, 0, sizeof(*r));
	memset(e, 0, sizeof(*e));
	if (n == 0) {
		os_req_error(e, OPSCH_E_SYNTAX, 0, "syntax error, expecting <command>.");
		return -1;
	}
	/* The command words, as far as they go; a command may continue into longer ones. */
	for (; i < n; i++) {
		size_t k = opsch_prefix_match(node, words[i], m, 2);
		if (k == 0)
			break;
		/* At a command, a prefix of a longer command's word may also start one
		 * of its options (`... security-associations s`: statistics, service-set). */
		if (k == 1 && node->on_cmd != NULL && strcmp(m[0]->on_word, words[i]) != 0 &&
		    os_option_prefixes(node->on_cmd, words[i]) > 0)
			k = 2;
		if (k > 1) {
			os_req_error(e, OPSCH_E_AMBIGUOUS, i, "'%s' is ambiguous.", words[i]);
			return -1;
		}
		node = m[0];
	}
	if (node->on_cmd == NULL) {
		if (i == 0)
			os_req_error(e, OPSCH_E_UNKNOWN, 0, "unknown command.");
		else
			os_req_error(e, OPSCH_E_SYNTAX, i, "syntax error, expecting <command>.");
		return -1;
	}
	r->rq_cmd = node->on_cmd;
	r->rq_values = xzalloc((r->rq_cmd->cm_nargs ? r->rq_cmd->cm_nargs : 1) *
	    sizeof(*r->rq_values));
	for (; i < n; i++) {
		size_t ai, li;
		int k = os_match_option(r, words[i], &ai, &li);

		if (k > 1) {
			os_req_error(e, OPSCH_E_AMBIGUOUS, i, "'%s' is ambiguous.", words[i]);
			goto fail;
		}
		if (k == 1 && li != SIZE_MAX) {
			if (r->rq_level != NULL) {
				os_req_error(e, OPSCH_E_SYNTAX, i,
				    "syntax error, expecting <command>.");
				goto fail;
			}
			r->rq_level = &r->rq_cmd->cm_levels[li];
			continue;
		}
		if (k == 1) {
			if (r->rq_values[ai] != NULL) {
				/* each once, as in Junos's option lists */
				os_req_error(e, OPSCH_E_SYNTAX, i,
				    "syntax error, expecting <command>.");
				goto fail;
			}
			if (r->rq_cmd->cm_args[ai].oa_leaf.sn_type.st_base == ST_EMPTY) {
				r->rq_values[ai] = xstrdup("");
				continue;
			}
			if (i + 1 == n) {
				os_req_error(e, OPSCH_E_MISSING, n, "missing argument.");
				goto fail;
			}
			i++;
			if (os_req_set(r, ai, words[i], i, e) == -1)
				goto fail;
			continue;
		}
		/* Not a keyword: the first keyword-less argument still free takes it. */
		for (ai = 0; ai < r->rq_cmd->cm_nargs; ai++)
			if ((r->rq_cmd->cm_args[ai].oa_flags & OPSCH_F_NOKEYWORD) &&
			    r->rq_values[ai] == NULL)
				break;
		if (ai == r->rq_cmd->cm_nargs) {
			os_req_error(e, OPSCH_E_SYNTAX, i, "syntax error, expecting <command>.");
			goto fail;
		}
		if (os_req_set(r, ai, words[i], i, e) == -1)
			goto fail;
	}
	if (os_req_check_mandatory(r, n, e) == -1)
		goto fail;
	return 0;
fail:
	opsch_req_free(r);
	return -1;
}

int
opschema_parse_rpc(const struct opschema *s, xmlNodePtr rpc, struct opsch_req *r,
    struct opsch_error *e)
{
	const struct opsch_cmd *cmd;

	memset(r, 0, sizeof(*r));
	memset(e, 0, sizeof(*e));
	if (rpc == NULL || rpc->type != XML_ELEMENT_NODE ||
	    (cmd = opschema_find_rpc(s, (const char *)rpc->name)) == NULL) {
		os_req_error(e, OPSCH_E_UNKNOWN, 0, "syntax error");
		return -1;
	}
	r->rq_cmd = cmd;
	r->rq_values = xzalloc((cmd->cm_nargs ? cmd->cm_nargs : 1) * sizeof(*r->rq_values));
	for (xmlNodePtr c = rpc->children; c != NULL; c = c->next) {
		const char *name = (const char *)c->name;
		size_t ai, li;

		if (c->type != XML_ELEMENT_NODE)
			continue;
		for (ai = 0; ai < cmd->cm_nargs; ai++)
			if (strcmp(cmd->cm_args[ai].oa_element, name) == 0)
				break;
		for (li = 0; li < cmd->cm_nlevels; li++)
			if (!cmd->cm_levels[li].ol_implicit &&
			    strcmp(cmd->cm_levels[li].ol_element, name) == 0)
				break;
		if (li < cmd->cm_nlevels && ai == cmd->cm_nargs) {
			if (r->rq_level != NULL) {
				os_req_error(e, OPSCH_E_SYNTAX, 0, "%s", name);
				goto fail;
			}
			r->rq_level = &cmd->cm_levels[li];
			continue;
		}
		if (ai == cmd->cm_nargs || r->rq_values[ai] != NULL) {
			os_req_error(e, OPSCH_E_SYNTAX, 0, "%s", name);
			goto fail;
		}
		xmlChar *v = xmlNodeGetContent(c);
		int rc;
		if (cmd->cm_args[ai].oa_leaf.sn_type.st_base == ST_EMPTY)
			rc = os_req_set(r, ai, NULL, 0, e);
		else {
			/* Values are compared as typed: no white space around them. */
			const char *p = v ? (const char *)v : "";
			size_t len;
			while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
				p++;
			len = strlen(p);
			while (len > 0 && (p[len - 1] == ' ' || p[len - 1] == '\n' ||
			    p[len - 1] == '\t' || p[len - 1] == '\r'))
				len--;
			char *val = xstrndup(p, len);
			rc = os_req_set(r, ai, val, 0, e);
			free(val);
		}
		xmlFree(v);
		if (rc == -1)
			goto fail;
	}
	if (os_req_check_mandatory(r, 0, e) == -1)
		goto fail;
	return 0;
fail:
	opsch_req_free(r);
	return -1;
}

static void
os_xml_text(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			buf_puts(out, "&lt;");
		else if (*s == '>')
			buf_puts(out, "&gt;");
		else if (*s == '&')
			buf_puts(out, "&amp;");
		else
			buf_putc(out, *s);
	}
}

void
opsch_req_rpc_xml(const struct opsch_req *r, struct buf *out)
{
	const struct opsch_cmd *c = r->rq_cmd;

	buf_printf(out, "<%s>", c->cm_rpc);
	if (r->rq_level != NULL && !r->rq_level->ol_implicit)
		buf_printf(out, "<%s/>", r->rq_level->ol_element);
	for (size_t i = 0; i < c->cm_nargs; i++) {
		const char *v = r->rq_values[i];
		if (v == NULL)
			continue;
		if (c->cm_args[i].oa_leaf.sn_type.st_base == ST_EMPTY)
			buf_printf(out, "<%s/>", c->cm_args[i].oa_element);
		else {
			buf_printf(out, "<%s>", c->cm_args[i].oa_element);
			os_xml_text(out, v);
			buf_printf(out, "</%s>", c->cm_args[i].oa_element);
		}
	}
	buf_printf(out, "</%s>", c->cm_rpc);
}

/* A value as the CLI would need it retyped: quoted when it holds a blank or quote. */
static void
os_line_value(struct buf *out, const char *v)
{
	if (v[0] != '\0' && strpbrk(v, " \t\"|;{}") == NULL) {
		buf_puts(out, v);
		return;
	}
	buf_putc(out, '"');
	for (; *v; v++) {
		if (*v == '"' || *v == '\\')
			buf_putc(out, '\\');
		buf_putc(out, *v);
	}
	buf_putc(out, '"');
}

void
opsch_req_line(const struct opsch_req *r, struct buf *out)
{
	const struct opsch_cmd *c = r->rq_cmd;

	buf_puts(out, c->cm_path);
	for (size_t i = 0; i < c->cm_nargs; i++) {
		if (r->rq_values[i] == NULL)
			continue;
		buf_putc(out, ' ');
		if (c->cm_args[i].oa_leaf.sn_type.st_base == ST_EMPTY) {
			buf_puts(out, c->cm_args[i].oa_name);
			continue;
		}
		if (!(c->cm_args[i].oa_flags & OPSCH_F_NOKEYWORD))
			buf_printf(out, "%s ", c->cm_args[i].oa_name);
		os_line_value(out, r->rq_values[i]);
	}
	if (r->rq_level != NULL && !r->rq_level->ol_implicit)
		buf_printf(out, " %s", r->rq_level->ol_name);
}
