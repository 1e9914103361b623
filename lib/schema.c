/*
 * schema: load the configuration schema from the XML files of a directory.
 *
 * Every file's top-level statements go under one root, in file name order; a
 * top-level container defined in two files is merged. The loader expands
 * <apply-advanced/> into the apply-groups leaf-lists, flattens <choice>/<case> into
 * sn_choice/sn_case, compiles patterns, checks defaults against their types, and
 * finally gives each <root-children/> holder the root's children. Errors name the
 * file and line: a bad schema is a bug that must be found at once. The type parser
 * serves opschema.c too (the types of command arguments).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "must.h"
#include "schema.h"
#include "xmalloc.h"
#include "xmlutil.h"

static void	 sch_node_free(struct sch_node *);
static int	 sch_parse_children(struct xml_loader *, xmlNodePtr, struct sch_node *,
		    const char *, const char *);

/* ---- types ---- */

void
sch_type_free(struct sch_type *t)
{
	free(t->st_name);
	free(t->st_ranges);
	for (size_t i = 0; i < t->st_npatterns; i++) {
		free(t->st_patterns[i].p_regex);
		free(t->st_patterns[i].p_message);
		regfree(&t->st_patterns[i].p_re);
	}
	free(t->st_patterns);
	for (size_t i = 0; i < t->st_nenums; i++) {
		free(t->st_enums[i].e_name);
		free(t->st_enums[i].e_help);
	}
	free(t->st_enums);
	for (size_t i = 0; i < t->st_nmembers; i++)
		sch_type_free(&t->st_members[i]);
	free(t->st_members);
	memset(t, 0, sizeof(*t));
}

static int
sch_parse_int(const char *s, bool is_unsigned, int64_t *out)
{
	char *end;

	while (*s == ' ')
		s++;
	errno = 0;
	if (is_unsigned && *s != '-') {
		unsigned long long u = strtoull(s, &end, 10);
		if (errno == ERANGE || u > INT64_MAX)
			u = INT64_MAX;	/* saturate: "no upper bound" for uint64 */
		*out = (int64_t)u;
	} else {
		long long v = strtoll(s, &end, 10);
		if (errno == ERANGE)
			return -1;
		*out = v;
	}
	if (end == s)
		return -1;
	while (*end == ' ')
		end++;
	return *end == '\0' ? 0 : -1;
}

/* "a..b", "a .. b", "a..b|c..d", "5" */
static int
sch_parse_ranges(struct xml_loader *l, xmlNodePtr x, const char *text, bool is_unsigned,
    struct sch_type *t)
{
	char *copy = xstrdup(text), *save = NULL, *part;
	int rc = 0;

	for (part = strtok_r(copy, "|", &save); part != NULL; part = strtok_r(NULL, "|", &save)) {
		struct sch_range r;
		char *dots = strstr(part, "..");
		if (dots != NULL) {
			*dots = '\0';
			if (sch_parse_int(part, is_unsigned, &r.r_min) == -1 ||
			    sch_parse_int(dots + 2, is_unsigned, &r.r_max) == -1)
				rc = -1;
		} else {
			if (sch_parse_int(part, is_unsigned, &r.r_min) == -1)
				rc = -1;
			r.r_max = r.r_min;
		}
		if (rc == -1 || r.r_min > r.r_max) {
			xml_error(l, x, "bad range \"%s\"", text);
			rc = -1;
			break;
		}
		t->st_ranges = xrealloc(t->st_ranges, (t->st_nranges + 1) * sizeof(*t->st_ranges));
		t->st_ranges[t->st_nranges++] = r;
	}
	free(copy);
	return rc;
}

/*
 * Compile a pattern. posix= is a junos:posix-pattern (unanchored POSIX ERE, "!" in
 * front negates). yang= is a YANG/XSD pattern: implicitly anchored, '$' is a literal.
 * The YANG pattern "<.*>|$.*" of Junos unions (group wildcards, $variables) is often
 * copied into posix=; read literally it would match everything, so it is taken as
 * the YANG pattern it is.
 */
static int
sch_parse_pattern(struct xml_loader *l, xmlNodePtr x, struct sch_type *t)
{
	static const char *const attrs[] = { "posix", "yang", "message", NULL };
	char *posix = xml_attr(x, "posix"), *yang = xml_attr(x, "yang");
	struct sch_pattern p;
	char *re = NULL;
	int rc = -1, err;

	memset(&p, 0, sizeof(p));
	if (xml_check_attrs(l, x, attrs) == -1)
		goto done;
	if ((posix == NULL) == (yang == NULL)) {
		xml_error(l, x, "<pattern> needs exactly one of posix= or yang=");
		goto done;
	}
	if (posix != NULL && strcmp(posix, "<.*>|$.*") == 0) {
		yang = posix;
		posix = NULL;
	}
	if (posix != NULL) {
		const char *body = posix;
		if (*body == '!') {
			p.p_negate = true;
			body++;
		}
		p.p_regex = xstrdup(body);
		re = xstrdup(body);
	} else {
		size_t n = strlen(yang);
		char *out = xzalloc(2 * n + 8), *o = out;
		*o++ = '^';
		*o++ = '(';
		for (const char *c = yang; *c; c++) {
			if (*c == '$')
				*o++ = '\\';
			*o++ = *c;
		}
		*o++ = ')';
		*o++ = '$';
		*o = '\0';
		p.p_regex = xstrdup(yang);
		re = out;
	}
	if ((err = regcomp(&p.p_re, re, REG_EXTENDED | REG_NOSUB)) != 0) {
		char msg[128];
		regerror(err, &p.p_re, msg, sizeof(msg));
		xml_error(l, x, "bad pattern \"%s\": %s", p.p_regex, msg);
		goto done;
	}
	p.p_message = xml_attr(x, "message");
	t->st_patterns = xrealloc(t->st_patterns,
	    (t->st_npatterns + 1) * sizeof(*t->st_patterns));
	t->st_patterns[t->st_npatterns++] = p;
	memset(&p, 0, sizeof(p));
	rc = 0;
done:
	free(p.p_regex);
	free(re);
	free(posix);
	free(yang);
	return rc;
}

static int
sch_parse_enum(struct xml_loader *l, xmlNodePtr x, struct sch_type *t)
{
	static const char *const attrs[] = { "name", "help", NULL };
	struct sch_enum e;

	if (xml_check_attrs(l, x, attrs) == -1)
		return -1;
	if ((e.e_name = xml_attr(x, "name")) == NULL) {
		xml_error(l, x, "<enum> without name");
		return -1;
	}
	for (size_t i = 0; i < t->st_nenums; i++)
		if (strcmp(t->st_enums[i].e_name, e.e_name) == 0) {
			xml_error(l, x, "duplicate enum \"%s\"", e.e_name);
			free(e.e_name);
			return -1;
		}
	e.e_help = xml_attr(x, "help");
	t->st_enums = xrealloc(t->st_enums, (t->st_nenums + 1) * sizeof(*t->st_enums));
	t->st_enums[t->st_nenums++] = e;
	return 0;
}

struct sch_typename {
	const char	*tn_name;
	enum sch_base	 tn_base;
	int		 tn_bits;
	bool		 tn_unsigned;
};

static const struct sch_typename sch_typenames[] = {
	{ "string", ST_STRING, 0, false },
	{ "empty", ST_EMPTY, 0, false },
	{ "enumeration", ST_ENUM, 0, false },
	{ "union", ST_UNION, 0, false },
	{ "int8", ST_INT, 8, false },
	{ "int16", ST_INT, 16, false },
	{ "int32", ST_INT, 32, false },
	{ "int64", ST_INT, 64, false },
	{ "uint8", ST_INT, 8, true },
	{ "uint16", ST_INT, 16, true },
	{ "uint32", ST_INT, 32, true },
	{ "uint64", ST_INT, 64, true },
	{ "ipv4addr", ST_IPV4ADDR, 0, false },
	{ "ipv4prefix", ST_IPV4PREFIX, 0, false },
	{ "ipv4prefix-only", ST_IPV4PREFIX, 0, false },
	{ "ipv4prefix-mandatory", ST_IPV4PREFIX, 0, false },
	{ "ipaddr", ST_IPADDR, 0, false },
	{ "ipprefix", ST_IPPREFIX, 0, false },
	{ "ipprefix-only", ST_IPPREFIX, 0, false },
	{ "ipprefix-mandatory", ST_IPPREFIX, 0, false },
	{ "interface-name", ST_INTERFACE, 0, false },
	{ "interface-unit", ST_INTERFACE, 0, false },
};

/*
 * A type: `tname` with the range/length/pattern/enum/member children of x. Used for
 * a leaf (x = the leaf element), a union member (x = <type>) and, in opschema.c, a
 * command's argument (x = <arg>).
 */
int
sch_type_parse(struct xml_loader *l, xmlNodePtr x, const char *tname, struct sch_type *t)
{
	const struct sch_typename *tn = NULL;
	char *range = NULL, *length = NULL;
	int rc = -1;

	for (size_t i = 0; i < sizeof(sch_typenames) / sizeof(sch_typenames[0]); i++)
		if (strcmp(sch_typenames[i].tn_name, tname) == 0)
			tn = &sch_typenames[i];
	if (tn == NULL) {
		xml_error(l, x, "unknown type \"%s\"", tname);
		return -1;
	}
	t->st_base = tn->tn_base;
	t->st_name = xstrdup(tname);
	t->st_bits = tn->tn_bits;
	t->st_unsigned = tn->tn_unsigned;

	range = xml_attr(x, "range");
	length = xml_attr(x, "length");
	if (range != NULL) {
		if (t->st_base != ST_INT) {
			xml_error(l, x, "range= is for integer types (here \"%s\")", tname);
			goto done;
		}
		if (sch_parse_ranges(l, x, range, t->st_unsigned, t) == -1)
			goto done;
	}
	if (length != NULL) {
		if (t->st_base != ST_STRING) {
			xml_error(l, x, "length= is for strings (here \"%s\")", tname);
			goto done;
		}
		if (sch_parse_ranges(l, x, length, true, t) == -1)
			goto done;
	}
	for (xmlNodePtr c = x->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(c, "pattern")) {
			if (t->st_base != ST_STRING) {
				xml_error(l, c, "<pattern> is for strings (here \"%s\")", tname);
				goto done;
			}
			if (sch_parse_pattern(l, c, t) == -1)
				goto done;
		} else if (xml_is(c, "enum")) {
			if (t->st_base != ST_ENUM) {
				xml_error(l, c, "<enum> in a type \"%s\"", tname);
				goto done;
			}
			if (sch_parse_enum(l, c, t) == -1)
				goto done;
		} else if (xml_is(c, "type")) {
			static const char *const attrs[] = { "name", "range", "length", NULL };
			if (t->st_base != ST_UNION) {
				xml_error(l, c, "<type> member in a type \"%s\"", tname);
				goto done;
			}
			if (xml_check_attrs(l, c, attrs) == -1)
				goto done;
			char *mname = xml_attr(c, "name");
			if (mname == NULL) {
				xml_error(l, c, "<type> without name");
				goto done;
			}
			if (strcmp(mname, "union") == 0 || strcmp(mname, "empty") == 0) {
				xml_error(l, c, "union member of type \"%s\"", mname);
				free(mname);
				goto done;
			}
			t->st_members = xrealloc(t->st_members,
			    (t->st_nmembers + 1) * sizeof(*t->st_members));
			struct sch_type *m = &t->st_members[t->st_nmembers++];
			memset(m, 0, sizeof(*m));
			int mrc = sch_type_parse(l, c, mname, m);
			free(mname);
			if (mrc == -1)
				goto done;
		}
		/* other elements (must, nodes) belong to the caller */
	}
	if (t->st_base == ST_ENUM && t->st_nenums == 0) {
		xml_error(l, x, "enumeration without <enum>");
		goto done;
	}
	if (t->st_base == ST_UNION && t->st_nmembers == 0) {
		xml_error(l, x, "union without <type> members");
		goto done;
	}
	rc = 0;
done:
	free(range);
	free(length);
	return rc;
}

/* ---- nodes ---- */

static void
sch_node_free(struct sch_node *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->sn_nchildren; i++)
		if (n->sn_children[i]->sn_parent == n)
			sch_node_free(n->sn_children[i]);
	free(n->sn_children);
	free(n->sn_byname);
	free(n->sn_name);
	free(n->sn_help);
	free(n->sn_default);
	free(n->sn_choice);
	free(n->sn_case);
	free(n->sn_units);
	free(n->sn_placeholder);
	for (size_t i = 0; i < n->sn_nmusts; i++) {
		free(n->sn_musts[i].m_expr);
		free(n->sn_musts[i].m_message);
		must_free(n->sn_musts[i].m_compiled);	/* NULL when never compiled */
	}
	free(n->sn_musts);
	sch_type_free(&n->sn_type);
	free(n);
}

const struct sch_node *
sch_child(const struct sch_node *n, const char *name)
{
	if (n == NULL || name == NULL)
		return NULL;
	if (n->sn_byname != NULL) {
		/* Names are unique among a node's children (sch_add_checked, sch_finish). */
		size_t lo = 0, hi = n->sn_nchildren;

		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			const char *m = n->sn_byname[mid]->sn_name;
			/* Most steps are decided by the first letter: no call for those. */
			int c = (unsigned char)m[0] - (unsigned char)name[0];

			if (c == 0)
				c = strcmp(m, name);
			if (c == 0)
				return n->sn_byname[mid];
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		return NULL;
	}
	/* While loading, before sch_index builds sn_byname. */
	for (size_t i = 0; i < n->sn_nchildren; i++)
		if (strcmp(n->sn_children[i]->sn_name, name) == 0)
			return n->sn_children[i];
	return NULL;
}

static void
sch_add_child(struct sch_node *p, struct sch_node *c)
{
	p->sn_children = xrealloc(p->sn_children,
	    (p->sn_nchildren + 1) * sizeof(*p->sn_children));
	c->sn_parent = p;
	c->sn_index = p->sn_nchildren;
	p->sn_children[p->sn_nchildren++] = c;
}

static struct sch_node *
sch_leaflist_new(const char *name, const char *help, uint32_t flags)
{
	struct sch_node *n = xzalloc(sizeof(*n));

	n->sn_kind = SCH_LEAFLIST;
	n->sn_name = xstrdup(name);
	n->sn_help = xstrdup(help);
	n->sn_flags = flags;
	n->sn_type.st_base = ST_STRING;
	n->sn_type.st_name = xstrdup("string");
	return n;
}

static int
sch_add_checked(struct xml_loader *l, xmlNodePtr x, struct sch_node *p, struct sch_node *c)
{
	if (sch_child(p, c->sn_name) != NULL) {
		xml_error(l, x, "duplicate statement '%s' under '%s'", c->sn_name,
		    p->sn_name ? p->sn_name : "(root)");
		sch_node_free(c);
		return -1;
	}
	sch_add_child(p, c);
	return 0;
}

static int
sch_parse_must(struct xml_loader *l, xmlNodePtr x, struct sch_node *n)
{
	static const char *const attrs[] = { "expr", "message", NULL };
	struct sch_must m;

	if (xml_check_attrs(l, x, attrs) == -1)
		return -1;
	memset(&m, 0, sizeof(m));
	if ((m.m_expr = xml_attr(x, "expr")) == NULL) {
		xml_error(l, x, "<must> without expr");
		return -1;
	}
	m.m_message = xml_attr(x, "message");
	n->sn_musts = xrealloc(n->sn_musts, (n->sn_nmusts + 1) * sizeof(*n->sn_musts));
	n->sn_musts[n->sn_nmusts++] = m;
	return 0;
}

static const struct {
	const char	*fa_name;
	uint32_t	 fa_flag;
} sch_flag_attrs[] = {
	{ "mandatory", SCH_F_MANDATORY },
	{ "nokeyword", SCH_F_NOKEYWORD },
	{ "oneliner", SCH_F_ONELINER },
	{ "secret", SCH_F_SECRET },
	{ "presence", SCH_F_PRESENCE },
	{ "hidden", SCH_F_HIDDEN },
};

/* One statement element (container, list, leaf, leaf-list) under parent. */
static int
sch_parse_node(struct xml_loader *l, xmlNodePtr x, struct sch_node *parent,
    const char *choice, const char *ccase)
{
	static const char *const attrs[] = { "name", "help", "type", "key", "ordered-by",
	    "max-elements", "range", "length", "default", "units", "mandatory", "nokeyword",
	    "oneliner", "secret", "presence", "hidden", "placeholder", NULL };
	struct sch_node *n = xzalloc(sizeof(*n));
	char *v = NULL;

	if (xml_is(x, "container"))
		n->sn_kind = SCH_CONTAINER;
	else if (xml_is(x, "list"))
		n->sn_kind = SCH_LIST;
	else if (xml_is(x, "leaf"))
		n->sn_kind = SCH_LEAF;
	else
		n->sn_kind = SCH_LEAFLIST;

	if (xml_check_attrs(l, x, attrs) == -1)
		goto fail;
	if ((n->sn_name = xml_attr(x, "name")) == NULL || n->sn_name[0] == '\0') {
		xml_error(l, x, "<%s> without name", (const char *)x->name);
		goto fail;
	}
	n->sn_help = xml_attr(x, "help");
	n->sn_units = xml_attr(x, "units");
	n->sn_default = xml_attr(x, "default");
	n->sn_placeholder = xml_attr(x, "placeholder");	/* the word; <> added by sch_finish */
	if (choice != NULL) {
		n->sn_choice = xstrdup(choice);
		n->sn_case = xstrdup(ccase ? ccase : n->sn_name);
	}
	for (size_t i = 0; i < sizeof(sch_flag_attrs) / sizeof(sch_flag_attrs[0]); i++) {
		bool b;
		if (xml_attr_bool(l, x, sch_flag_attrs[i].fa_name, &b) == -1)
			goto fail;
		if (b)
			n->sn_flags |= sch_flag_attrs[i].fa_flag;
	}
	if ((v = xml_attr(x, "ordered-by")) != NULL) {
		if (strcmp(v, "user") == 0)
			n->sn_flags |= SCH_F_ORDERED_BY_USER;
		else if (strcmp(v, "system") != 0) {
			xml_error(l, x, "ordered-by=\"%s\": \"user\" or \"system\"", v);
			goto fail;
		}
		if (n->sn_kind != SCH_LIST && n->sn_kind != SCH_LEAFLIST) {
			xml_error(l, x, "ordered-by on a <%s>", (const char *)x->name);
			goto fail;
		}
		free(v);
		v = NULL;
	}
	if ((v = xml_attr(x, "max-elements")) != NULL) {
		char *end;
		unsigned long m = strtoul(v, &end, 10);
		if (*v == '\0' || *end != '\0' || m == 0 || m > UINT32_MAX ||
		    (n->sn_kind != SCH_LIST && n->sn_kind != SCH_LEAFLIST)) {
			xml_error(l, x, "bad max-elements=\"%s\"", v);
			goto fail;
		}
		n->sn_max_elements = (uint32_t)m;
		free(v);
		v = NULL;
	}

	if (n->sn_kind == SCH_LEAF || n->sn_kind == SCH_LEAFLIST) {
		if ((v = xml_attr(x, "type")) == NULL) {
			xml_error(l, x, "%s '%s' without type", (const char *)x->name, n->sn_name);
			goto fail;
		}
		if (sch_type_parse(l, x, v, &n->sn_type) == -1)
			goto fail;
		free(v);
		v = NULL;
		if (n->sn_kind == SCH_LEAFLIST && n->sn_type.st_base == ST_EMPTY) {
			xml_error(l, x, "leaf-list '%s' of type empty", n->sn_name);
			goto fail;
		}
		for (xmlNodePtr c = x->children; c != NULL; c = c->next) {
			if (c->type != XML_ELEMENT_NODE || xml_is(c, "pattern") ||
			    xml_is(c, "enum") || xml_is(c, "type"))
				continue;
			if (xml_is(c, "must")) {
				if (sch_parse_must(l, c, n) == -1)
					goto fail;
				continue;
			}
			xml_error(l, c, "<%s> inside %s '%s'", (const char *)c->name,
			    (const char *)x->name, n->sn_name);
			goto fail;
		}
	} else {
		/* nokeyword on a list: entries typed by key alone (`interfaces ge-0/0/0`) */
		static const char *const notype[] = { "type", "range", "length", "default",
		    "units", "secret", "placeholder", NULL };
		for (size_t i = 0; notype[i] != NULL; i++) {
			if ((v = xml_attr(x, notype[i])) != NULL) {
				xml_error(l, x, "%s= on <%s> '%s'", notype[i],
				    (const char *)x->name, n->sn_name);
				goto fail;
			}
		}
		if (n->sn_kind == SCH_CONTAINER && (n->sn_flags & SCH_F_NOKEYWORD)) {
			xml_error(l, x, "nokeyword= on <container> '%s'", n->sn_name);
			goto fail;
		}
		if (sch_parse_children(l, x, n, NULL, NULL) == -1)
			goto fail;
	}

	if (n->sn_kind == SCH_LIST) {
		if ((v = xml_attr(x, "key")) == NULL) {
			xml_error(l, x, "list '%s' without key=", n->sn_name);
			goto fail;
		}
		if (n->sn_nchildren == 0 || strcmp(n->sn_children[0]->sn_name, v) != 0 ||
		    n->sn_children[0]->sn_kind != SCH_LEAF) {
			xml_error(l, x, "list '%s': key leaf '%s' must be its first child",
			    n->sn_name, v);
			goto fail;
		}
		n->sn_key = n->sn_children[0];
		n->sn_key->sn_flags |= SCH_F_KEY;
		if (n->sn_key->sn_type.st_base == ST_EMPTY) {
			xml_error(l, x, "list '%s': key of type empty", n->sn_name);
			goto fail;
		}
		free(v);
		v = NULL;
	} else if ((v = xml_attr(x, "key")) != NULL) {
		xml_error(l, x, "key= on <%s> '%s'", (const char *)x->name, n->sn_name);
		goto fail;
	}
	return sch_add_checked(l, x, parent, n);
fail:
	free(v);
	sch_node_free(n);
	return -1;
}

static int
sch_add_apply_advanced(struct xml_loader *l, xmlNodePtr x, struct sch_node *parent)
{
	if (x->properties != NULL || x->children != NULL) {
		xml_error(l, x, "<apply-advanced/> takes no attributes or children");
		return -1;
	}
	uint32_t f = SCH_F_APPLY_GROUPS | SCH_F_ORDERED_BY_USER;
	if (sch_add_checked(l, x, parent, sch_leaflist_new("apply-groups",
	    "Groups from which to inherit configuration data", f)) == -1)
		return -1;
	return sch_add_checked(l, x, parent, sch_leaflist_new("apply-groups-except",
	    "Don't inherit configuration data from these groups", f));
}

static int
sch_parse_children(struct xml_loader *l, xmlNodePtr x, struct sch_node *parent,
    const char *choice, const char *ccase)
{
	for (xmlNodePtr c = x->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (xml_is(c, "container") || xml_is(c, "list") || xml_is(c, "leaf") ||
		    xml_is(c, "leaf-list")) {
			if (sch_parse_node(l, c, parent, choice, ccase) == -1)
				return -1;
		} else if (xml_is(c, "apply-advanced")) {
			if (sch_add_apply_advanced(l, c, parent) == -1)
				return -1;
		} else if (xml_is(c, "must") && parent->sn_kind != SCH_ROOT && choice == NULL) {
			if (sch_parse_must(l, c, parent) == -1)
				return -1;
		} else if (xml_is(c, "root-children") && parent->sn_kind == SCH_LIST &&
		    choice == NULL) {
			if (c->properties != NULL || c->children != NULL) {
				xml_error(l, c, "<root-children/> takes no attributes or children");
				return -1;
			}
			parent->sn_flags |= SCH_F_ROOT_CHILDREN;
		} else if (xml_is(c, "choice")) {
			static const char *const attrs[] = { "name", "help", NULL };
			char *name;
			int rc;
			if (xml_check_attrs(l, c, attrs) == -1)
				return -1;
			if ((name = xml_attr(c, "name")) == NULL) {
				xml_error(l, c, "<choice> without name");
				return -1;
			}
			/*
			 * A nested choice is flattened into its own name: the outer
			 * case is not remembered (Junos schemas rarely nest them).
			 */
			rc = sch_parse_children(l, c, parent, name, NULL);
			free(name);
			if (rc == -1)
				return -1;
		} else if (xml_is(c, "case") && choice != NULL) {
			static const char *const attrs[] = { "name", NULL };
			char *name;
			int rc;
			if (xml_check_attrs(l, c, attrs) == -1)
				return -1;
			if ((name = xml_attr(c, "name")) == NULL) {
				xml_error(l, c, "<case> without name");
				return -1;
			}
			rc = sch_parse_children(l, c, parent, choice, name);
			free(name);
			if (rc == -1)
				return -1;
		} else {
			xml_error(l, c, "unexpected <%s> here", (const char *)c->name);
			return -1;
		}
	}
	return 0;
}

/* Merge the top-level node n (just parsed into tmp) into root. */
static int
sch_merge_into(struct xml_loader *l, struct sch_node *into, struct sch_node *n)
{
	const struct sch_node *have = sch_child(into, n->sn_name);

	if (have == NULL) {
		sch_add_child(into, n);
		return 0;
	}
	if (have->sn_kind != SCH_CONTAINER || n->sn_kind != SCH_CONTAINER) {
		xml_error(l, NULL, "'%s' defined twice (only containers merge)", n->sn_name);
		sch_node_free(n);
		return -1;
	}
	struct sch_node *h = (struct sch_node *)have;
	for (size_t i = 0; i < n->sn_nchildren; i++) {
		struct sch_node *c = n->sn_children[i];
		/* Both files may say <apply-advanced/>: keep one. */
		if ((c->sn_flags & SCH_F_APPLY_GROUPS) && sch_child(h, c->sn_name) != NULL) {
			sch_node_free(c);
			continue;
		}
		if (sch_merge_into(l, h, c) == -1) {
			for (size_t j = i + 1; j < n->sn_nchildren; j++)
				sch_node_free(n->sn_children[j]);
			n->sn_nchildren = 0;
			sch_node_free(n);
			return -1;
		}
	}
	n->sn_nchildren = 0;
	if (n->sn_help != NULL && h->sn_help == NULL) {
		h->sn_help = n->sn_help;
		n->sn_help = NULL;
	}
	for (size_t i = 0; i < n->sn_nmusts; i++) {
		h->sn_musts = xrealloc(h->sn_musts, (h->sn_nmusts + 1) * sizeof(*h->sn_musts));
		h->sn_musts[h->sn_nmusts++] = n->sn_musts[i];
	}
	n->sn_nmusts = 0;
	h->sn_flags |= n->sn_flags;
	sch_node_free(n);
	return 0;
}

static int
sch_load_file(struct xml_loader *l, const char *path, struct sch_node *root)
{
	xmlDocPtr doc;
	xmlNodePtr top;
	struct sch_node tmp;
	char msg[256];
	int line, rc = -1;

	if ((doc = xml_read_file(path, XML_PARSE_NOBLANKS, &line, msg, sizeof(msg))) == NULL) {
		snprintf(l->xl_err, l->xl_errlen, "%s:%d: XML error: %s", l->xl_file, line,
		    msg[0] ? msg : "cannot parse");
		l->xl_failed = true;
		return -1;
	}
	top = xmlDocGetRootElement(doc);
	if (top == NULL || !xml_is(top, "schema")) {
		xml_error(l, top, "the top element must be <schema>");
		goto done;
	}
	memset(&tmp, 0, sizeof(tmp));
	tmp.sn_kind = SCH_ROOT;
	if (sch_parse_children(l, top, &tmp, NULL, NULL) == -1) {
		for (size_t i = 0; i < tmp.sn_nchildren; i++)
			sch_node_free(tmp.sn_children[i]);
		free(tmp.sn_children);
		goto done;
	}
	rc = 0;
	for (size_t i = 0; i < tmp.sn_nchildren; i++) {
		if (rc == -1) {
			sch_node_free(tmp.sn_children[i]);
			continue;
		}
		struct sch_node *c = tmp.sn_children[i];
		if ((c->sn_flags & SCH_F_APPLY_GROUPS) && sch_child(root, c->sn_name) != NULL) {
			sch_node_free(c);
			continue;
		}
		if (sch_merge_into(l, root, c) == -1)
			rc = -1;
	}
	free(tmp.sn_children);
done:
	xmlFreeDoc(doc);
	return rc;
}

/* Placeholders, defaults checked against types, root-children arrays. */
static int
sch_finish(struct xml_loader *l, struct sch_node *root, struct sch_node *n)
{
	for (size_t i = 0; i < n->sn_nchildren; i++)
		if (n->sn_children[i]->sn_parent == n &&
		    sch_finish(l, root, n->sn_children[i]) == -1)
			return -1;
	if (n->sn_kind == SCH_LEAF || n->sn_kind == SCH_LEAFLIST) {
		char *given = n->sn_placeholder;
		const char *ph = given != NULL ? given : n->sn_name;
		if (given == NULL && n->sn_type.st_base == ST_INTERFACE &&
		    strcmp(n->sn_name, "name") == 0)
			ph = "interface-name";
		size_t len = strlen(ph) + 3;
		n->sn_placeholder = xzalloc(len);
		snprintf(n->sn_placeholder, len, "<%s>", ph);
		free(given);
		if (n->sn_default != NULL) {
			char msg[256];
			if (sch_check_value(n, n->sn_default, NULL, msg, sizeof(msg)) != 0) {
				char *p = sch_path_string(n);
				snprintf(l->xl_err, l->xl_errlen, "%s: default \"%s\": %s",
				    p, n->sn_default, msg);
				free(p);
				l->xl_failed = true;
				return -1;
			}
		}
	}
	if (n->sn_kind == SCH_LIST)
		n->sn_placeholder = xstrdup(n->sn_key->sn_placeholder);
	if (n->sn_flags & SCH_F_ROOT_CHILDREN) {
		size_t own = n->sn_nchildren;
		n->sn_children = xrealloc(n->sn_children,
		    (own + root->sn_nchildren) * sizeof(*n->sn_children));
		for (size_t i = 0; i < root->sn_nchildren; i++) {
			struct sch_node *rc = root->sn_children[i];
			if (rc == n || (rc->sn_flags & SCH_F_ROOT_CHILDREN))
				continue;
			if (sch_child(n, rc->sn_name) != NULL) {
				snprintf(l->xl_err, l->xl_errlen,
				    "%s: own statement '%s' hides the root's", n->sn_name,
				    rc->sn_name);
				l->xl_failed = true;
				return -1;
			}
			n->sn_children[n->sn_nchildren++] = rc;
		}
	}
	return 0;
}

static int
sch_node_name_cmp(const void *a, const void *b)
{
	const struct sch_node *x = *(struct sch_node *const *)a;
	const struct sch_node *y = *(struct sch_node *const *)b;

	return strcmp(x->sn_name, y->sn_name);
}

/*
 * The derived fields, once the tree is complete (root children shared included):
 * sn_byname, so that resolving `set` words is a binary search rather than a scan of
 * up to a hundred siblings, and sn_checks (schema.h).
 */
static void
sch_index(struct sch_node *n)
{
	if (n->sn_nchildren > 0) {
		n->sn_byname = xzalloc(n->sn_nchildren * sizeof(*n->sn_byname));
		memcpy(n->sn_byname, n->sn_children, n->sn_nchildren * sizeof(*n->sn_byname));
		qsort(n->sn_byname, n->sn_nchildren, sizeof(*n->sn_byname), sch_node_name_cmp);
	}
	if (n->sn_nmusts > 0 || (n->sn_kind == SCH_LIST && n->sn_key != NULL &&
	    n->sn_key->sn_nmusts > 0))
		n->sn_checks |= SCH_V_MUSTS;
	for (size_t i = 0; i < n->sn_nchildren; i++) {
		struct sch_node *c = n->sn_children[i];

		/* A groups entry's shared root children are visited from the root. */
		if (c->sn_parent != n)
			continue;
		sch_index(c);
		if ((c->sn_flags & SCH_F_MANDATORY) && !(c->sn_flags & SCH_F_KEY))
			n->sn_checks |= SCH_V_MANDATORY;
		if (c->sn_max_elements > 0)
			n->sn_checks |= SCH_V_MAX_ELEMENTS;
		if (c->sn_checks != 0)
			n->sn_checks |= SCH_V_BELOW;
	}
}

struct schema *
schema_load_dir(const char *dir, char *err, size_t errlen)
{
	struct xml_loader l = { NULL, err, errlen, false, XL_F_SCHEMA };
	struct schema *s = NULL;
	char **names = NULL;
	size_t nnames = 0;

	if (errlen)
		err[0] = '\0';
	if (xml_dir_files(dir, &names, &nnames) == -1) {
		snprintf(err, errlen, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	if (nnames == 0) {
		snprintf(err, errlen, "%s: no schema files (*.xml)", dir);
		goto fail;
	}

	s = xzalloc(sizeof(*s));
	s->s_dir = xstrdup(dir);
	s->s_root = xzalloc(sizeof(*s->s_root));
	s->s_root->sn_kind = SCH_ROOT;
	s->s_root->sn_name = xstrdup("");
	s->s_root->sn_owner = s;

	xmlInitParser();
	for (size_t i = 0; i < nnames; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = xzalloc(len);
		snprintf(path, len, "%s/%s", dir, names[i]);
		l.xl_file = names[i];
		int rc = sch_load_file(&l, path, s->s_root);
		free(path);
		if (rc == -1)
			goto fail;
	}
	l.xl_file = NULL;
	if (sch_finish(&l, s->s_root, s->s_root) == -1)
		goto fail;
	sch_index(s->s_root);
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	return s;
fail:
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	schema_free(s);
	return NULL;
}

static bool
sch_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

int
schema_find_dir(const char *sub, char *path, size_t len)
{
	const char *env = getenv("ROUTEMU_SCHEMA_DIR");
	const char *slash = sub != NULL ? "/" : "", *tail = sub != NULL ? sub : "";
	char exe[PATH_MAX];
	ssize_t n;

	if (env != NULL && *env != '\0') {
		snprintf(path, len, "%s%s%s", env, slash, tail);
		return 0;
	}
#ifdef SCHEMADIR
	snprintf(path, len, "%s%s%s", SCHEMADIR, slash, tail);
	if (sch_is_dir(path))
		return 0;
#endif
	if ((n = readlink("/proc/self/exe", exe, sizeof(exe) - 1)) > 0) {
		exe[n] = '\0';
		char *dir = strrchr(exe, '/');
		if (dir != NULL) {
			*dir = '\0';
			/* installed layout, then a build tree (tests/unit/ binaries too) */
			static const char *const rel[] = { "../schema", "../share/routemu/schema",
			    "../../schema" };
			for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
				snprintf(path, len, "%s/%s%s%s", exe, rel[i], slash, tail);
				if (sch_is_dir(path))
					return 0;
			}
		}
	}
	return -1;
}

struct schema *
schema_load_default(char *err, size_t errlen)
{
	char dir[PATH_MAX + 64];

	if (schema_find_dir(NULL, dir, sizeof(dir)) == -1) {
		snprintf(err, errlen, "schema directory not found (set ROUTEMU_SCHEMA_DIR)");
		return NULL;
	}
	return schema_load_dir(dir, err, errlen);
}

/* Forget the shared root children before freeing: they are freed once, by the root. */
static void
sch_unshare(struct sch_node *n)
{
	size_t own = 0;

	while (own < n->sn_nchildren && n->sn_children[own]->sn_parent == n)
		own++;
	if (n->sn_flags & SCH_F_ROOT_CHILDREN)
		n->sn_nchildren = own;
	for (size_t i = 0; i < own; i++)
		sch_unshare(n->sn_children[i]);
}

void
schema_free(struct schema *s)
{
	if (s == NULL)
		return;
	sch_unshare(s->s_root);
	sch_node_free(s->s_root);
	free(s->s_dir);
	free(s);
}

size_t
sch_prefix_match(const struct sch_node *n, const char *prefix,
    const struct sch_node **out, size_t max)
{
	size_t len = strlen(prefix), count = 0;

	for (size_t i = 0; i < n->sn_nchildren; i++) {
		const struct sch_node *c = n->sn_children[i];
		/* Keys and keyword-less leaves are values, never typed as keywords. */
		if (c->sn_flags & (SCH_F_KEY | SCH_F_NOKEYWORD))
			continue;
		if (strncmp(c->sn_name, prefix, len) != 0)
			continue;
		if ((c->sn_flags & SCH_F_HIDDEN) && strcmp(c->sn_name, prefix) != 0)
			continue;
		if (count < max)
			out[count] = c;
		count++;
	}
	return count;
}

const struct sch_node *
sch_nokeyword_child(const struct sch_node *n)
{
	for (size_t i = 0; i < n->sn_nchildren; i++)
		if (n->sn_children[i]->sn_flags & SCH_F_NOKEYWORD)
			return n->sn_children[i];
	return NULL;
}

bool
sch_is_leafy(const struct sch_node *n)
{
	return n->sn_kind == SCH_LEAF || n->sn_kind == SCH_LEAFLIST;
}

char *
sch_path_string(const struct sch_node *n)
{
	const struct sch_node *chain[128];
	size_t depth = 0, len = 1;
	char *out, *o;

	for (; n != NULL && n->sn_kind != SCH_ROOT; n = n->sn_parent)
		if (depth < sizeof(chain) / sizeof(chain[0])) {
			chain[depth++] = n;
			len += strlen(n->sn_name) + 1;
		}
	out = o = xzalloc(len);
	while (depth > 0) {
		const struct sch_node *c = chain[--depth];
		if (o != out)
			*o++ = ' ';
		size_t l = strlen(c->sn_name);
		memcpy(o, c->sn_name, l);
		o += l;
	}
	*o = '\0';
	return out;
}

const char *
sch_value_placeholder(const struct sch_node *n)
{
	if (n->sn_placeholder != NULL)
		return n->sn_placeholder;
	return "<value>";
}
