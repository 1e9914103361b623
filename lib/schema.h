/*
 * schema: the configuration schema, loaded from the XML files of schema/ (see schema/README.md).
 *
 * The loaded schema is one immutable tree of sch_node, shared read-only by everything
 * (parser, completer, validator, printers). Choices are flattened: a member of a choice
 * is an ordinary child that carries sn_choice/sn_case, and setting it removes the
 * siblings of the same choice in another case. `groups NAME` entries share the root's
 * children: the sn_children array of a SCH_F_ROOT_CHILDREN list holds its own children
 * (the key first) followed by the root's children except itself; the shared nodes keep
 * sn_parent = the root. Only nodes whose sn_parent is n belong to n.
 */
#ifndef ROUTEMU_SCHEMA_H
#define ROUTEMU_SCHEMA_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum sch_kind {
	SCH_ROOT,
	SCH_CONTAINER,
	SCH_LIST,
	SCH_LEAF,
	SCH_LEAFLIST,
};

enum sch_base {
	ST_NONE,		/* containers, lists, root */
	ST_EMPTY,		/* a flag: present or absent, no value */
	ST_STRING,
	ST_INT,			/* int8..int64, uint8..uint64: checked against st_ranges */
	ST_ENUM,
	ST_IPV4ADDR,		/* jt:ipv4addr: a.b.c.d */
	ST_IPV4PREFIX,		/* jt:ipv4prefix*: a.b.c.d/len (host bits allowed, as Junos) */
	ST_IPADDR,		/* jt:ipaddr: IPv4 or IPv6 address */
	ST_IPPREFIX,		/* jt:ipprefix: IPv4 or IPv6 prefix */
	ST_INTERFACE,		/* jt:interface-name, jt:interface-unit: ge-0/0/0[.N], lo0, ms-4/0/0 ... */
	ST_UNION,		/* st_members, first that accepts wins */
};

struct sch_range {
	int64_t		 r_min;
	int64_t		 r_max;
};

struct sch_pattern {
	char		*p_regex;	/* POSIX extended, as written (without a leading '!') */
	bool		 p_negate;	/* junos:posix-pattern "!..." : value must NOT match */
	char		*p_message;	/* junos:pattern-message, or NULL */
	regex_t		 p_re;		/* compiled at load time */
};

struct sch_enum {
	char		*e_name;
	char		*e_help;
};

struct sch_type {
	enum sch_base	 st_base;
	char		*st_name;	/* as written in the schema: "uint32", "ipv4addr", ... */
	bool		 st_unsigned;
	int		 st_bits;	/* ST_INT: 8, 16, 32 or 64 (the type's own bounds) */
	struct sch_range *st_ranges;	/* ST_INT (value range), ST_STRING (length range) */
	size_t		 st_nranges;
	struct sch_pattern *st_patterns;
	size_t		 st_npatterns;
	struct sch_enum	*st_enums;
	size_t		 st_nenums;
	struct sch_type	*st_members;	/* ST_UNION */
	size_t		 st_nmembers;
};

struct sch_must {
	char		*m_expr;	/* Junos constraint syntax, exactly as in the reference YANG */
	char		*m_message;	/* junos:must-message */
	void		*m_compiled;	/* owned by must.c (must_compile), NULL until compiled */
};

#define SCH_F_MANDATORY		0x0001
#define SCH_F_NOKEYWORD		0x0002	/* value (leaf) or key (list) typed without keyword */
#define SCH_F_ONELINER		0x0004	/* text form prints the statement on one line */
#define SCH_F_SECRET		0x0008	/* stored $9$-encoded, shown with ## SECRET-DATA */
#define SCH_F_ORDERED_BY_USER	0x0010
#define SCH_F_PRESENCE		0x0020	/* container meaningful by itself (informational) */
#define SCH_F_HIDDEN		0x0040	/* accepted, not offered by ? or TAB */
#define SCH_F_KEY		0x0080	/* this leaf is its list's key */
#define SCH_F_APPLY_GROUPS	0x0100	/* apply-groups / apply-groups-except leaf-list */
#define SCH_F_ROOT_CHILDREN	0x0200	/* <root-children/>: also holds the root's children */

struct sch_node {
	enum sch_kind	 sn_kind;
	char		*sn_name;
	char		*sn_help;	/* the `?` text */
	struct sch_node	*sn_parent;	/* NULL for the root */
	struct sch_node	**sn_children;	/* schema order; a list's key leaf is among them */
	size_t		 sn_nchildren;
	struct sch_type	 sn_type;	/* leaves and leaf-lists */
	char		*sn_default;	/* leaves: the default, or NULL */
	uint32_t	 sn_flags;
	uint32_t	 sn_max_elements; /* lists, leaf-lists: 0 = unbounded */
	struct sch_node	*sn_key;	/* lists: the key leaf */
	char		*sn_choice;	/* member of this choice, or NULL */
	char		*sn_case;	/* within the choice: its case (defaults to sn_name) */
	struct sch_must	*sn_musts;
	size_t		 sn_nmusts;
	char		*sn_units;	/* optional, for help: "seconds" ... */
	size_t		 sn_index;	/* position in sn_parent->sn_children */
	char		*sn_placeholder; /* "<name>" shown by help for a key or value */
	const struct schema *sn_owner;	/* root only: the schema holding this tree */
	/* Derived once the whole schema is loaded: */
	struct sch_node	**sn_byname;	/* sn_children by name, for sch_child */
	uint32_t	 sn_checks;	/* SCH_V_*: the validator's work here and below */
};

/*
 * sn_checks: what commit-time validation has to look at in a configured statement of
 * this node and in its subtree, so that validate.c can pass over the (many) statements
 * that carry no constraint at all.
 */
#define SCH_V_MUSTS		0x01	/* musts on the node (a list: or on its key) */
#define SCH_V_MANDATORY		0x02	/* a child other than the key is mandatory */
#define SCH_V_MAX_ELEMENTS	0x04	/* a child has max-elements */
#define SCH_V_BELOW		0x08	/* a descendant has one of the above */

struct schema {
	struct sch_node	*s_root;
	char		*s_dir;
};

/*
 * Load every *.xml file of dir (merged under one root, in file name order).
 * Returns NULL and a message in err on failure.
 */
struct schema	*schema_load_dir(const char *dir, char *err, size_t errlen);
/*
 * $ROUTEMU_SCHEMA_DIR, else SCHEMADIR (when that directory exists), else
 * <dir of the executable>/../schema, ../share/routemu/schema or ../../schema.
 */
struct schema	*schema_load_default(char *err, size_t errlen);
void		 schema_free(struct schema *);
/*
 * Where schema_load_default() looks, for the schema directory itself (sub NULL)
 * or a subdirectory of it (opschema's "op"): 0 with the path, -1 when none exists.
 */
int		 schema_find_dir(const char *sub, char *path, size_t len);

struct xml_loader;
struct _xmlNode;
/*
 * Parse the type named tname (an error unless schema/README.md lists it) with the
 * facets that element x gives it: range= or length=, <pattern>, <enum> and union
 * <type> children. x's other children are the caller's (a leaf's <must>). Shared
 * with opschema.c, whose command arguments have the same types. 0, or -1 with the
 * error in l; *t, zeroed by the caller, is freed by sch_type_free either way.
 */
int		 sch_type_parse(struct xml_loader *l, struct _xmlNode *x, const char *tname,
		    struct sch_type *t);
void		 sch_type_free(struct sch_type *);

/* Exact name lookup among n's children (hidden included). */
const struct sch_node *sch_child(const struct sch_node *n, const char *name);
/*
 * Children of n whose name starts with prefix (hidden excluded unless the name is
 * given exactly). Fills out[] up to max, returns the total number of matches.
 */
size_t		 sch_prefix_match(const struct sch_node *n, const char *prefix,
		    const struct sch_node **out, size_t max);
/*
 * The first keyword-less child of n, if any: a leaf whose value is typed alone
 * (`file gkmd`), or a list whose entries are typed by key alone (`interfaces ge-0/0/0`).
 */
const struct sch_node *sch_nokeyword_child(const struct sch_node *n);
bool		 sch_is_leafy(const struct sch_node *n);	/* leaf or leaf-list */
/* "security group-vpn member ike" for a schema node (list keys not included). */
char		*sch_path_string(const struct sch_node *n);

/*
 * types.c: check a value typed for leaf (or list key) n. Returns 0 when valid. On
 * error, msg holds the Junos text, e.g. "Value 0 is not within range (1..65535)" or the
 * pattern-message. The value may be normalised in place-free fashion into *canon
 * (malloc'd; e.g. enum abbreviation expanded) when canon is not NULL.
 */
int		 sch_check_value(const struct sch_node *n, const char *value,
		    char **canon, char *msg, size_t msglen);
/* `<value>`-style placeholder for help: "<interface-name>", "<filename>", ... */
const char	*sch_value_placeholder(const struct sch_node *n);

#endif
