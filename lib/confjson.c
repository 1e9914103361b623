/*
 * confjson: the Junos JSON form of a configuration tree (`| display json`,
 * <get-configuration format="json">, <load-configuration format="json">).
 *
 * Out, as Junos pretty-prints it: `"name" : value` members, 4 spaces per level, lists as
 * arrays of objects whose `{` sits at the array's own indentation, leaf-lists as
 * `["a", "b"]`, empty leaves `[null]`, integers unquoted, attributes in "@" (the node's
 * own) or "@name" (a leaf's) objects: {"inactive" : true}, {"comment" : "/ * x * /"}.
 * In: json-c's tree walked against the schema (object member order is kept by json-c).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "schema.h"

/* ==== printing ==== */

struct jctx {
	struct buf	*j_b;
	unsigned	 j_opts;
};

static void
j_string(struct buf *b, const char *s)
{
	buf_putc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n')
			buf_puts(b, "\\n");
		else if (c == '\t')
			buf_puts(b, "\\t");
		else if (c == '\r')
			buf_puts(b, "\\r");
		else if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}

static bool
j_skip(const struct jctx *j, const struct conf_node *n)
{
	return (j->j_opts & CONF_P_NO_INACTIVE) && (n->cn_flags & CONF_F_INACTIVE);
}

static bool
j_is_int(const char *v)
{
	const char *p = v;

	if (*p == '-')
		p++;
	if (!isdigit((unsigned char)*p) || (p[0] == '0' && p[1] != '\0'))
		return false;
	for (; *p; p++)
		if (!isdigit((unsigned char)*p))
			return false;
	return strlen(v) < 20;
}

static bool
j_type_int(const struct sch_type *t)
{
	if (t->st_base == ST_INT)
		return true;
	if (t->st_base == ST_UNION)
		for (size_t i = 0; i < t->st_nmembers; i++)
			if (t->st_members[i].st_base == ST_INT)
				return true;
	return false;
}

static void
j_value(struct buf *b, const struct sch_node *s, const char *v)
{
	if (v == NULL)
		buf_puts(b, "[null]");
	else if (j_type_int(&s->sn_type) && j_is_int(v))
		buf_puts(b, v);
	else
		j_string(b, v);
}

/* Start a member: separator, newline, indentation, `"name" : `. */
static void
j_member(struct jctx *j, bool *first, int indent, const char *name)
{
	buf_puts(j->j_b, *first ? "\n" : ",\n");
	*first = false;
	buf_indent(j->j_b, indent);
	j_string(j->j_b, name);
	buf_puts(j->j_b, " : ");
}

static bool
j_has_meta(const struct jctx *j, const struct conf_node *n)
{
	return (n->cn_flags & CONF_F_INACTIVE) || n->cn_annotation != NULL ||
	    ((j->j_opts & CONF_P_INHERITANCE) && n->cn_group != NULL);
}

/* The attribute object of n: {"inactive" : true, ...} (multi-line, at indent). */
static void
j_meta_object(struct jctx *j, const struct conf_node *n, int indent)
{
	bool first = true;

	buf_putc(j->j_b, '{');
	if (n->cn_flags & CONF_F_INACTIVE) {
		j_member(j, &first, indent + 4, "inactive");
		buf_puts(j->j_b, "true");
	}
	if (n->cn_annotation != NULL) {
		struct buf c = BUF_INIT;
		buf_printf(&c, "/* %s */", n->cn_annotation);
		j_member(j, &first, indent + 4, "comment");
		j_string(j->j_b, buf_str(&c));
		buf_free(&c);
	}
	if ((j->j_opts & CONF_P_INHERITANCE) && n->cn_group != NULL) {
		j_member(j, &first, indent + 4, "junos:group");
		j_string(j->j_b, n->cn_group);
	}
	buf_putc(j->j_b, '\n');
	buf_indent(j->j_b, indent);
	buf_putc(j->j_b, '}');
}

static void	j_object_body(struct jctx *, const struct conf_node *, int, bool *);

/* `{` members `}` of a container or entry; `{` already positioned by the caller. */
static void
j_object(struct jctx *j, const struct conf_node *n, int indent)
{
	bool first = true;

	buf_putc(j->j_b, '{');
	if (j_has_meta(j, n)) {
		j_member(j, &first, indent + 4, "@");
		j_meta_object(j, n, indent + 4);
	}
	if (n->cn_schema->sn_kind == SCH_LIST) {
		j_member(j, &first, indent + 4, n->cn_schema->sn_key->sn_name);
		j_value(j->j_b, n->cn_schema->sn_key, n->cn_key);
	}
	j_object_body(j, n, indent + 4, &first);
	buf_putc(j->j_b, '\n');
	buf_indent(j->j_b, indent);
	buf_putc(j->j_b, '}');
}

/* An array of entries: `[` then each `{...}` at the array's own indentation. */
static const struct conf_node *
j_entries(struct jctx *j, const struct conf_node *c, int indent)
{
	const struct conf_node *x, *last = c;
	bool first = true;

	buf_putc(j->j_b, '[');
	for (x = c; x != NULL; x = conf_next_of(x)) {
		last = x;
		if (j_skip(j, x))
			continue;
		buf_puts(j->j_b, first ? "\n" : ",\n");
		first = false;
		buf_indent(j->j_b, indent);
		j_object(j, x, indent);
	}
	buf_putc(j->j_b, '\n');
	buf_indent(j->j_b, indent);
	buf_putc(j->j_b, ']');
	return last;
}

static bool
j_run_visible(const struct jctx *j, const struct conf_node *c)
{
	for (; c != NULL; c = conf_next_of(c))
		if (!j_skip(j, c))
			return true;
	return false;
}

/* One run of children as member(s); returns the run's last node. */
static const struct conf_node *
j_run(struct jctx *j, const struct conf_node *c, int indent, bool *first)
{
	const struct sch_node *s = c->cn_schema;
	const struct conf_node *x, *last = c;

	for (x = c; x != NULL; x = conf_next_of(x))
		last = x;
	if (!j_run_visible(j, c))
		return last;
	switch (s->sn_kind) {
	case SCH_LEAF:
		j_member(j, first, indent, s->sn_name);
		j_value(j->j_b, s, c->cn_value);
		if (j_has_meta(j, c)) {
			struct buf at = BUF_INIT;
			buf_printf(&at, "@%s", s->sn_name);
			j_member(j, first, indent, buf_str(&at));
			j_meta_object(j, c, indent);
			buf_free(&at);
		}
		return c;
	case SCH_LEAFLIST: {
		bool sep = false, meta = false;
		j_member(j, first, indent, s->sn_name);
		buf_putc(j->j_b, '[');
		for (x = c; x != NULL; x = conf_next_of(x)) {
			if (j_skip(j, x))
				continue;
			if (sep)
				buf_puts(j->j_b, ", ");
			sep = true;
			j_value(j->j_b, s, x->cn_value);
			meta = meta || j_has_meta(j, x);
		}
		buf_putc(j->j_b, ']');
		if (meta) {
			/* one attribute object (or null) per value, in order */
			struct buf at = BUF_INIT;
			buf_printf(&at, "@%s", s->sn_name);
			j_member(j, first, indent, buf_str(&at));
			buf_free(&at);
			buf_putc(j->j_b, '[');
			sep = false;
			for (x = c; x != NULL; x = conf_next_of(x)) {
				if (j_skip(j, x))
					continue;
				buf_puts(j->j_b, sep ? ",\n" : "\n");
				sep = true;
				buf_indent(j->j_b, indent + 4);
				if (j_has_meta(j, x))
					j_meta_object(j, x, indent + 4);
				else
					buf_puts(j->j_b, "null");
			}
			buf_putc(j->j_b, '\n');
			buf_indent(j->j_b, indent);
			buf_putc(j->j_b, ']');
		}
		return last;
	}
	case SCH_LIST:
		j_member(j, first, indent, s->sn_name);
		return j_entries(j, c, indent);
	default:
		j_member(j, first, indent, s->sn_name);
		if (!conffmt_has_visible(c, j->j_opts) && !j_has_meta(j, c))
			buf_puts(j->j_b, "[null]");	/* <inet/> */
		else
			j_object(j, c, indent);
		return c;
	}
}

static void
j_object_body(struct jctx *j, const struct conf_node *n, int indent, bool *first)
{
	const struct conf_node *c;

	/* schema order: "groups", then "apply-groups" at the root, as Junos */
	for (c = n->cn_first; c != NULL; c = c->cn_next)
		c = j_run(j, c, indent, first);
}

/* The "@" member of "configuration", from the caller's members text. */
static void
j_config_attrs(struct jctx *j, const char *attrs, int indent, bool *first)
{
	struct buf text = BUF_INIT;
	json_object *o;

	if (attrs == NULL)
		return;
	buf_printf(&text, "{%s}", attrs);
	o = json_tokener_parse(buf_str(&text));
	buf_free(&text);
	j_member(j, first, indent, "@");
	if (o == NULL || !json_object_is_type(o, json_type_object)) {
		/* not parseable: give it back as written */
		buf_printf(j->j_b, "{%s}", attrs);
		json_object_put(o);
		return;
	}
	bool f2 = true;
	buf_putc(j->j_b, '{');
	json_object_object_foreach(o, key, val) {
		j_member(j, &f2, indent + 4, key);
		buf_puts(j->j_b, json_object_to_json_string_ext(val, JSON_C_TO_STRING_PLAIN |
		    JSON_C_TO_STRING_NOSLASHESCAPE));
	}
	buf_putc(j->j_b, '\n');
	buf_indent(j->j_b, indent);
	buf_putc(j->j_b, '}');
	json_object_put(o);
}

void
conf_print_json(struct buf *b, const struct conf_node *n, const char *attrs_json,
    unsigned opts)
{
	struct jctx j = { b, opts };
	const struct conf_node *chain[64], *x;
	size_t depth = 0;
	bool first = true;
	int indent = 8;

	buf_puts(b, "{\n    \"configuration\" : {");
	j_config_attrs(&j, attrs_json, indent, &first);
	if (!(opts & CONF_P_NO_EXPORT_PATH) && n->cn_schema->sn_kind != SCH_ROOT) {
		for (x = n; x != NULL && x->cn_schema->sn_kind != SCH_ROOT; x = x->cn_parent)
			if (depth < 64)
				chain[depth++] = x;
	}
	/* The path down to n: an object per level (an array of one entry for a list). */
	size_t opened = 0;
	struct {
		int	indent;
		bool	list;
	} st[64] = { { 0, false } };
	for (size_t i = depth; i > 0; i--) {
		x = chain[i - 1];
		if (x == n && sch_is_leafy(x->cn_schema))
			break;
		const struct sch_node *s = x->cn_schema;
		j_member(&j, &first, indent, s->sn_name);
		st[opened].indent = indent;
		st[opened].list = s->sn_kind == SCH_LIST;
		if (s->sn_kind == SCH_LIST) {
			buf_puts(b, "[\n");
			buf_indent(b, indent);
		}
		buf_putc(b, '{');
		first = true;
		if (j_has_meta(&j, x)) {
			j_member(&j, &first, indent + 4, "@");
			j_meta_object(&j, x, indent + 4);
		}
		if (s->sn_kind == SCH_LIST) {
			j_member(&j, &first, indent + 4, s->sn_key->sn_name);
			j_value(b, s->sn_key, x->cn_key);
		}
		indent += 4;
		opened++;
	}
	if (sch_is_leafy(n->cn_schema)) {
		if (!j_skip(&j, n))
			j_run(&j, n, indent, &first);
	} else
		j_object_body(&j, n, indent, &first);
	while (opened > 0) {
		opened--;
		indent = st[opened].indent;
		buf_putc(b, '\n');
		buf_indent(b, indent);
		buf_putc(b, '}');
		if (st[opened].list) {
			buf_putc(b, '\n');
			buf_indent(b, indent);
			buf_putc(b, ']');
		}
	}
	buf_puts(b, "\n    }\n}\n");
}

/* ==== parsing ==== */

struct jpctx {
	struct buf	*jp_errs;
	int		 jp_nerr;
};

static void
jp_error(struct jpctx *x, const struct conf_node *ctx, const char *bad, const char *msg)
{
	char *path = ctx != NULL ? conf_path_string(ctx) : NULL;

	x->jp_nerr++;
	if (x->jp_errs != NULL) {
		buf_puts(x->jp_errs, "[edit");
		if (path != NULL && path[0] != '\0')
			buf_printf(x->jp_errs, " %s", path);
		buf_printf(x->jp_errs, "]\n  '%s'\n    %s\n", bad, msg);
	}
	free(path);
}

/* A scalar as text: strings as they are, numbers and booleans as JSON writes them. */
static const char *
jp_scalar(json_object *v)
{
	switch (json_object_get_type(v)) {
	case json_type_string:
	case json_type_int:
	case json_type_double:
	case json_type_boolean:
		return json_object_get_string(v);
	default:
		return NULL;
	}
}

/* [null], null: no value (empty leaf, empty container). */
static bool
jp_is_null(json_object *v)
{
	if (v == NULL)
		return true;
	if (json_object_is_type(v, json_type_array) && json_object_array_length(v) == 1 &&
	    json_object_array_get_idx(v, 0) == NULL)
		return true;
	return false;
}

/* Apply an attribute object to n: inactive, active, comment, operation. */
static void
jp_meta(json_object *m, struct conf_node *n)
{
	if (m == NULL || !json_object_is_type(m, json_type_object))
		return;
	json_object_object_foreach(m, key, val) {
		if (strcmp(key, "inactive") == 0 && json_object_get_boolean(val))
			n->cn_flags |= CONF_F_INACTIVE;
		else if (strcmp(key, "active") == 0 && json_object_get_boolean(val)) {
			n->cn_flags &= ~CONF_F_INACTIVE;
			n->cn_flags |= CONF_F_ACTIVATE;
		} else if (strcmp(key, "comment") == 0 && jp_scalar(val) != NULL) {
			const char *t = jp_scalar(val);
			size_t len = strlen(t);
			const char *a = t, *z = t + len;
			if (len >= 4 && strncmp(t, "/*", 2) == 0 && strcmp(t + len - 2, "*/") == 0) {
				a = t + 2;
				z = t + len - 2;
			}
			while (a < z && isspace((unsigned char)*a))
				a++;
			while (z > a && isspace((unsigned char)z[-1]))
				z--;
			free(n->cn_annotation);
			n->cn_annotation = strndup(a, (size_t)(z - a));
		} else if (strcmp(key, "operation") == 0 && jp_scalar(val) != NULL) {
			const char *op = jp_scalar(val);
			if (strcmp(op, "delete") == 0 || strcmp(op, "remove") == 0)
				n->cn_flags |= CONF_F_DELETE;
			else if (strcmp(op, "replace") == 0)
				n->cn_flags |= CONF_F_REPLACE;
		} else if (strcmp(key, "delete") == 0)
			n->cn_flags |= CONF_F_DELETE;
		else if (strcmp(key, "replace") == 0)
			n->cn_flags |= CONF_F_REPLACE;
	}
}

static int	jp_object(struct jpctx *, struct conf_node *, json_object *, const char *);

static char *
jp_value(struct jpctx *x, struct conf_node *parent, const struct sch_node *s, const char *v,
    const char *bad)
{
	char msg[512], *out;

	if ((out = conffmt_value(s, v, conffmt_in_groups(parent), msg, sizeof(msg))) == NULL)
		jp_error(x, parent, bad, msg);
	return out;
}

static int
jp_entry(struct jpctx *x, struct conf_node *parent, const struct sch_node *s, json_object *o)
{
	const char *kname = s->sn_key->sn_name;
	json_object *kv;
	const char *k;
	char *key;
	struct conf_node *n;

	if (!json_object_is_type(o, json_type_object)) {
		jp_error(x, parent, s->sn_name, "syntax error");
		return -1;
	}
	if (!json_object_object_get_ex(o, kname, &kv) || (k = jp_scalar(kv)) == NULL) {
		jp_error(x, parent, s->sn_name, "missing key");	/* inferred message */
		return -1;
	}
	if ((key = jp_value(x, parent, s->sn_key, k, k)) == NULL)
		return -1;
	n = conf_get(parent, s, key);
	free(key);
	return jp_object(x, n, o, kname);
}

static int
jp_entries(struct jpctx *x, struct conf_node *parent, const struct sch_node *s, json_object *v)
{
	int rc = 0;

	if (json_object_is_type(v, json_type_array)) {
		size_t len = json_object_array_length(v);
		for (size_t i = 0; i < len; i++)
			if (jp_entry(x, parent, s, json_object_array_get_idx(v, i)) != 0)
				rc = -1;
		return rc;
	}
	return jp_entry(x, parent, s, v);
}

/* Member `key : v` under parent. */
static int
jp_member(struct jpctx *x, struct conf_node *parent, const char *key, json_object *v)
{
	const struct sch_node *s = sch_child(parent->cn_schema, key);
	struct conf_node *n;

	if (s == NULL || (s->sn_flags & SCH_F_KEY)) {
		jp_error(x, parent, key, "syntax error");
		return -1;
	}
	switch (s->sn_kind) {
	case SCH_CONTAINER:
		n = conf_get(parent, s, NULL);
		if (jp_is_null(v))
			return 0;
		if (!json_object_is_type(v, json_type_object)) {
			jp_error(x, parent, key, "syntax error");
			return -1;
		}
		return jp_object(x, n, v, NULL);
	case SCH_LIST:
		return jp_entries(x, parent, s, v);
	case SCH_LEAF: {
		char *val = NULL;
		if (s->sn_type.st_base == ST_EMPTY) {
			if (!jp_is_null(v)) {
				jp_error(x, parent, key, "syntax error");
				return -1;
			}
		} else {
			const char *t = jp_scalar(v);
			if (t == NULL) {
				jp_error(x, parent, key, "syntax error");
				return -1;
			}
			if ((val = jp_value(x, parent, s, t, key)) == NULL)
				return -1;
		}
		if (s->sn_choice != NULL)
			conf_clear_choice(parent, s);
		conf_set_leaf(parent, s, val);
		free(val);
		return 0;
	}
	case SCH_LEAFLIST: {
		size_t len = 1;
		bool arr = json_object_is_type(v, json_type_array);
		int rc = 0;
		if (arr)
			len = json_object_array_length(v);
		for (size_t i = 0; i < len; i++) {
			json_object *e = arr ? json_object_array_get_idx(v, i) : v;
			const char *t = jp_scalar(e);
			char *val;
			if (t == NULL) {
				jp_error(x, parent, key, "syntax error");
				rc = -1;
				continue;
			}
			if ((val = jp_value(x, parent, s, t, key)) == NULL) {
				rc = -1;
				continue;
			}
			if (s->sn_choice != NULL)
				conf_clear_choice(parent, s);
			conf_get(parent, s, val);
			free(val);
		}
		return rc;
	}
	default:
		jp_error(x, parent, key, "syntax error");
		return -1;
	}
}

/* "@name" after the leaves are in: attributes of a leaf, or per value of a leaf-list. */
static void
jp_leaf_meta(struct conf_node *parent, const char *name, json_object *m, json_object *vals)
{
	const struct sch_node *s = sch_child(parent->cn_schema, name);
	struct conf_node *n;

	if (s == NULL || !sch_is_leafy(s))
		return;
	if (s->sn_kind == SCH_LEAF) {
		if ((n = conf_find(parent, s, NULL)) != NULL)
			jp_meta(m, n);
		return;
	}
	if (!json_object_is_type(m, json_type_array)) {
		for (n = conf_first_of(parent, s); n != NULL; n = conf_next_of(n))
			jp_meta(m, n);
		return;
	}
	/* aligned with the values array of the same object */
	size_t len = json_object_array_length(m);
	for (size_t i = 0; i < len; i++) {
		json_object *v = vals != NULL && json_object_is_type(vals, json_type_array) ?
		    json_object_array_get_idx(vals, i) : vals;
		const char *t = v != NULL ? jp_scalar(v) : NULL;
		if (t != NULL && (n = conf_find(parent, s, t)) != NULL)
			jp_meta(json_object_array_get_idx(m, i), n);
	}
}

static int
jp_object(struct jpctx *x, struct conf_node *n, json_object *o, const char *skip)
{
	int rc = 0;

	json_object_object_foreach(o, key, val) {
		if (skip != NULL && strcmp(key, skip) == 0)
			continue;
		if (key[0] == '@') {
			if (key[1] == '\0' && n->cn_schema->sn_kind != SCH_ROOT)
				jp_meta(val, n);
			continue;
		}
		if (jp_member(x, n, key, val) != 0)
			rc = -1;
	}
	json_object_object_foreach(o, key2, val2) {
		if (key2[0] == '@' && key2[1] != '\0') {
			json_object *vals = NULL;
			json_object_object_get_ex(o, key2 + 1, &vals);
			jp_leaf_meta(n, key2 + 1, val2, vals);
		}
	}
	return rc;
}

int
conf_parse_json(struct conf_node *at, const char *json, struct buf *errs)
{
	struct jpctx x = { errs, 0 };
	struct json_tokener *tok;
	json_object *o, *cfg;
	enum json_tokener_error jerr;
	size_t len = json != NULL ? strlen(json) : 0;

	if ((tok = json_tokener_new()) == NULL)
		abort();
	o = json_tokener_parse_ex(tok, json != NULL ? json : "", (int)len);
	jerr = json_tokener_get_error(tok);
	if (jerr == json_tokener_success) {
		/* nothing but blanks may follow the value */
		size_t off = json_tokener_get_parse_end(tok);
		while (off < len && isspace((unsigned char)json[off]))
			off++;
		if (off < len) {
			json_object_put(o);
			o = NULL;
			jerr = json_tokener_error_parse_unexpected;
		}
	} else if (jerr == json_tokener_continue)
		jerr = json_tokener_error_parse_eof;
	if (o == NULL || jerr != json_tokener_success) {
		if (errs != NULL)
			buf_printf(errs, "syntax error: %s at offset %zu\n",
			    json_tokener_error_desc(jerr), json_tokener_get_parse_end(tok));
		json_tokener_free(tok);
		json_object_put(o);
		return 1;
	}
	json_tokener_free(tok);
	if (!json_object_is_type(o, json_type_object)) {
		jp_error(&x, NULL, "configuration", "syntax error");
		json_object_put(o);
		return x.jp_nerr;
	}
	cfg = o;
	json_object *c;
	if (json_object_object_get_ex(o, "configuration", &c)) {
		if (!json_object_is_type(c, json_type_object)) {
			if (!jp_is_null(c))
				jp_error(&x, NULL, "configuration", "syntax error");
			json_object_put(o);
			return x.jp_nerr;
		}
		cfg = c;
	}
	jp_object(&x, at, cfg, NULL);
	json_object_put(o);
	return x.jp_nerr;
}
