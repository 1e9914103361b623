/*
 * conffmt: the forms of a configuration tree, out and in.
 *
 *   text   Junos curly-brace form (juniper.conf, `show`, load merge/override/replace)
 *   set    `set ...` lines (`| display set`); `deactivate ...` lines follow for inactive
 *   xml    <configuration> element (`| display xml`, NETCONF)
 *   json   Junos JSON ("configuration" : {...}, `" : "` spacing)
 *   diff   `show | compare` between two trees ([edit ...] blocks of +/- lines)
 *   groups inheritance: apply-groups expanded, for validation and `| display inheritance`
 *
 * Printers append to a struct buf. Parsers build into an existing (usually new, empty)
 * tree and return the number of errors, with Junos-style messages in errs.
 *
 * Every form follows the schema: statements in schema order, one XML element / JSON
 * member per statement named after its schema node (`interfaces` is a container holding
 * the keyword-less list `interface`: <interfaces><interface><name>...). Shapes the schema
 * format does not describe, decided here in one place (conftext.c, conffmt_*):
 *   - the list directly under the root (groups) prints as Junos does, its entries
 *     inside a block named after the list: `groups { G1 { ... } }`;
 *   - a container named `family` prints its children as `family inet { ... }`;
 *   - a list flagged nokeyword (Junos `cli-feature nokeyword` on a list) prints its
 *     entries without the list name (`interfaces { ge-0/0/0 { ... } }`).
 */
#ifndef ROUTEMU_CONFFMT_H
#define ROUTEMU_CONFFMT_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "buf.h"
#include "conf.h"

#define CONF_P_NO_SECRET_MARK	0x01	/* omit "## SECRET-DATA" */
#define CONF_P_NO_INACTIVE	0x02	/* skip inactive statements */
#define CONF_P_INHERITANCE	0x04	/* `| display inheritance`: comment inherited data */
#define CONF_P_NO_COMMENTS	0x08	/* with INHERITANCE: no "## ... was inherited" lines */
#define CONF_P_NO_EXPORT_PATH	0x10	/* xml/json: n's children only, not wrapped in
					   n and its ancestors (`| display xml no-export-path`) */

/*
 * Parser scratch flags on an input tree (conf_parse_*), acted on by conf_load and
 * never left in a candidate. Bits above conf.h's own.
 */
#define CONF_F_DELETE		0x0100	/* `delete:` tag, operation="delete": remove it */
#define CONF_F_ACTIVATE		0x0200	/* `active:` tag, active="active": clear INACTIVE */
#define CONF_F_INSERT_BEFORE	0x0400	/* insert="before": cn_group holds the reference id */
#define CONF_F_INSERT_AFTER	0x0800	/* insert="after": cn_group holds the reference id */
#define CONF_F_SCRATCH		(CONF_F_REPLACE | CONF_F_CHANGED | CONF_F_DELETE | \
				 CONF_F_ACTIVATE | CONF_F_INSERT_BEFORE | CONF_F_INSERT_AFTER)

/*
 * Print the children of n (n itself is the level shown: the root for the whole
 * configuration, or any node for `show` at an edit level), indented by indent spaces
 * (4 per level, as Junos). A leaf or leaf-list value n prints itself.
 */
void	 conf_print_text(struct buf *, const struct conf_node *n, int indent, unsigned opts);
/* The entries of list s under parent, without the `groups { }` block that a
 * root-level list gets (`show groups` at [edit]). */
void	 conf_print_text_list(struct buf *, const struct conf_node *parent,
	    const struct sch_node *s, int indent, unsigned opts);
/* `set` lines for n's subtree; path words of n are prefixed unless relative. */
void	 conf_print_set(struct buf *, const struct conf_node *n, bool relative, unsigned opts);
/*
 * <configuration> ... </configuration> holding n's subtree wrapped in its ancestors
 * (or, with CONF_P_NO_EXPORT_PATH, just n's children). attrs: extra attributes text for
 * the <configuration> tag (e.g. `junos:commit-seconds="..." junos:commit-user="..."`),
 * may be NULL; printed one per line, aligned as Junos does. The tag is at column 0 and
 * the statements at column 8 (Junos' own odd indentation); conf_print_xml_indent puts the
 * tag at column col (4 inside <rpc-reply>).
 */
void	 conf_print_xml(struct buf *, const struct conf_node *n, const char *attrs,
	    unsigned opts);
void	 conf_print_xml_indent(struct buf *, const struct conf_node *n, const char *attrs,
	    unsigned opts, int col);
/* { "configuration" : { ... } }. attrs_json: members of the "@" object, as JSON text
 * without braces (`"junos:commit-seconds" : "1771154457", ...`), may be NULL. */
void	 conf_print_json(struct buf *, const struct conf_node *n, const char *attrs_json,
	    unsigned opts);
/* `show | compare`: old -> new, both whole trees; limited to the subtree at `level`
 * (path words, "" or NULL for all). Prints nothing when equal. Indentation as the live
 * captures show it (confdiff.c): `[edit system]` / `-  host-name a;`. */
void	 conf_print_diff(struct buf *, const struct conf_node *old,
	    const struct conf_node *new_, const char *level);

/*
 * Text form in. The statements are placed under `at` (root, or a node for `load
 * ... relative`). name is the input's name for messages ("terminal", a file name).
 * Junos messages go to errs, one block per error, e.g.
 *   terminal:4:(18) syntax error: metric
 *     [edit protocols ospf]
 *       'metric 65450;'
 *         syntax error
 * A statement in error adds nothing; the parser goes on after it (Junos applies the
 * valid part: `load complete (1 errors)`).
 * `replace:` tags set CONF_F_REPLACE on the tagged node; `inactive:` sets INACTIVE;
 * `active:` ACTIVATE; `delete:` DELETE; annotations (C-style comments) are
 * kept; # comments and
 * `## SECRET-DATA` are skipped. Secrets given in clear are stored $9$-encoded.
 * Returns the number of errors (0 = success).
 */
int	 conf_parse_text(struct conf_node *at, const char *text, const char *name,
	    struct buf *errs);
/*
 * XML in: the <configuration> element (or a statement element and its following
 * siblings), with Junos attributes operation="delete|replace|create|merge",
 * delete="delete", replace="replace", inactive="inactive", active="active",
 * insert="before|after" with name="..." (or key="...") on ordered entries. Errors,
 * one block each (inferred Junos shape: error-path, bad-element, message):
 *   [edit protocols]
 *     'lldp'
 *       syntax error
 * Returns the error count.
 */
int	 conf_parse_xml(struct conf_node *at, xmlNodePtr configuration, struct buf *errs);
/* JSON in (the form conf_print_json writes; "@" / "@leaf" attribute members with
 * inactive, active, comment, operation). Errors as conf_parse_xml. */
int	 conf_parse_json(struct conf_node *at, const char *json, struct buf *errs);

/* Load actions over a candidate (text/xml/json input already parsed into `in`). */
enum conf_load_action {
	CL_MERGE,	/* union, the input's leaves win; replace: tags ignored */
	CL_OVERRIDE,	/* the candidate becomes the input */
	CL_REPLACE,	/* merge, but a replace:-tagged subtree replaces the candidate's */
	CL_UPDATE,	/* result as override (only changed statements would be marked) */
};
/*
 * Apply `in` (a whole tree, root node) to candidate per action; `in` is consumed
 * (freed). DELETE-flagged input nodes remove their match; INSERT flags move entries of
 * ordered lists; no scratch flag survives in the candidate.
 */
void	 conf_load(struct conf_node *candidate, struct conf_node *in,
	    enum conf_load_action action);

/*
 * groups.c: the effective configuration: a deep copy of root with every
 * apply-groups applied (wildcards <*> <ge-*> on keys, apply-groups-except,
 * inheritance order as Junos), groups themselves removed, inactive statements
 * dropped (unless keep_inactive). The validator and the daemons see this tree.
 * Inherited nodes carry their group name for `| display inheritance` (see
 * conf_inherited_from()). Returns NULL with errs on a bad group reference
 * (inferred text: "[edit]\n  'apply-groups x'\n    group 'x' not defined\n").
 */
struct conf_node *conf_expand_groups(const struct conf_node *root, bool keep_inactive,
	    struct buf *errs);
const char	*conf_inherited_from(const struct conf_node *n);

/* ---- internal to the conf*.c formatters (conftext.c) ---- */

/* A root-level list (groups): printed inside a `name { }` block of its own. */
bool		 conffmt_list_wrapped(const struct sch_node *);
/*
 * Obsolete: always NULL, every element being named after its schema node since
 * interfaces and routing-instances have Junos's container shape. Kept for the callers
 * outside the formatters (mgd/rpc_config.c, cli/opmode.c) until they drop it.
 */
const char	*conffmt_xml_entry(const struct sch_node *);
/* `family`: children printed as `family inet`, when n allows it. */
bool		 conffmt_flat(const struct conf_node *n, unsigned opts);
/* Statement has children printed (inactive ones skipped with CONF_P_NO_INACTIVE). */
bool		 conffmt_has_visible(const struct conf_node *n, unsigned opts);
/* Append a value, quoted as the CLI needs (group wildcards <...> stay bare). */
void		 conffmt_put_value(struct buf *, const char *);
/* The keyword-less leaf or list among s's children (not the key), or NULL. */
const struct sch_node *conffmt_nokeyword(const struct sch_node *s, enum sch_kind kind);
/* Inside a groups entry (wildcard keys allowed)? */
bool		 conffmt_in_groups(const struct conf_node *n);
bool		 conffmt_is_wildcard(const char *);
/*
 * The value to store for leaf (or key) s typed as v in any input form: checked against
 * the schema, canonical, secrets $9$-encoded; a wildcard key inside groups as given.
 * Returns it (malloc'd), or NULL with the Junos message in msg.
 */
char		*conffmt_value(const struct sch_node *s, const char *v, bool in_groups,
		    char *msg, size_t msglen);

#define CONFTEXT_ELIDE	0x1000	/* opts: print a block as `head { ... }` (diff '!' lines) */
/*
 * One statement n with its subtree (a single leaf-list value for a leaf-list), every
 * line starting with sign (when not 0) and then indent spaces; hpfx (may be NULL) is
 * printed before the head ("family ").
 */
void		 conftext_print_stmt(struct buf *, const struct conf_node *n, int indent,
		    unsigned opts, char sign, const char *hpfx);
/* The run of siblings with first's schema node (a wrapped list inside its block, a
 * leaf-list as `name [ a b ];`). Returns the run's last node. */
const struct conf_node *conftext_print_run(struct buf *, const struct conf_node *first,
		    int indent, unsigned opts, char sign, const char *hpfx);

#endif
