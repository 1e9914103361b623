/*
 * opschema: the operational commands, loaded from the XML files of schema/op/
 * (format: schema/op/README.md) into one immutable tree.
 *
 * The tree holds the command words (`show`, `security`, `group-vpn` ...), each with
 * its `?` help; a word that completes a command carries an opsch_cmd: the Junos RPC
 * it calls, the element of the reply, the daemon that serves it, its arguments and
 * output levels, and a compiled template per level (render.h). A word may be both a
 * command and the start of longer ones (`clear ... ipsec security-associations` and
 * `clear ... ipsec security-associations statistics`).
 *
 * Users: the cli (help, completion, the RPC to send, rendering the reply), mgd (the
 * same from a NETCONF <command>, and which daemon an RPC goes to), the daemons (the
 * arguments of an RPC they receive, checked against the same types).
 */
#ifndef ROUTEMU_OPSCHEMA_H
#define ROUTEMU_OPSCHEMA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "buf.h"
#include "schema.h"

struct render_tmpl;

#define OPSCH_F_HIDDEN		0x01	/* accepted when typed in full, never offered */
#define OPSCH_F_NOKEYWORD	0x02	/* arg: the value is typed without its keyword */
#define OPSCH_F_MANDATORY	0x04	/* arg: the command needs it */

/* An argument of a command: a keyword with a value, a toggle, or a bare value. */
struct opsch_arg {
	char		*oa_name;	/* keyword typed, and placeholder "<name>" */
	char		*oa_element;	/* its element in the RPC (default: oa_name) */
	char		*oa_help;
	uint32_t	 oa_flags;	/* OPSCH_F_* */
	/*
	 * The value's type, as a leaf of the configuration schema (same type names and
	 * checks: sch_check_value(&oa_leaf, ...) gives the Junos message). ST_EMPTY: a
	 * toggle, typed alone, sent as <element/>.
	 */
	struct sch_node	 oa_leaf;
};

/* An output level (brief, detail, extensive, terse, ...). */
struct opsch_level {
	char		*ol_name;	/* the keyword; "normal" for the implicit level */
	char		*ol_element;	/* sent as <element/> when typed (default: ol_name) */
	char		*ol_help;
	uint32_t	 ol_flags;	/* OPSCH_F_HIDDEN */
	bool		 ol_implicit;	/* "normal": no keyword, the output without one */
	struct render_tmpl *ol_tmpl;	/* NULL: no template (the reply is <output>) */
};

struct opsch_cmd {
	char		*cm_path;	/* the words, one blank between: "show version" */
	char		*cm_help;
	char		*cm_rpc;	/* Junos RPC: "get-software-information" */
	char		*cm_reply;	/* top element of the reply, or NULL (<output> only) */
	char		*cm_daemon;	/* who serves it: "mgd", "gkmd", "dataplane" */
	uint32_t	 cm_flags;	/* OPSCH_F_HIDDEN */
	struct opsch_arg *cm_args;	/* in declaration order (= order in the RPC) */
	size_t		 cm_nargs;
	struct opsch_level *cm_levels;	/* the implicit "normal" level, if any, first */
	size_t		 cm_nlevels;
	size_t		 cm_default;	/* index in cm_levels of the default level */
	const char	*cm_file;	/* file it was defined in (for messages) */
};

/* One word of the command tree. */
struct opsch_node {
	char		*on_word;	/* NULL for the root */
	char		*on_help;
	uint32_t	 on_flags;	/* OPSCH_F_HIDDEN */
	struct opsch_node *on_parent;
	struct opsch_node **on_children;	/* sorted by word (the order of `?`) */
	size_t		 on_nchildren;
	struct opsch_cmd *on_cmd;	/* non-NULL: these words are a command */
};

struct opschema {
	struct opsch_node *os_root;
	struct opsch_cmd **os_cmds;	/* every command, sorted by RPC name */
	size_t		 os_ncmds;
	char		*os_dir;
	char		**os_files;	/* names of the files loaded (cm_file points here) */
	size_t		 os_nfiles;
};

/*
 * Load every *.xml file of dir, in file-name order. NULL with "FILE:LINE: message"
 * in err on any error (unknown element or attribute, a word without help, a
 * command defined twice, a level without template, a bad template ...).
 */
struct opschema	*opschema_load_dir(const char *dir, char *err, size_t errlen);
/*
 * The op/ directory beside the configuration schema: $ROUTEMU_SCHEMA_DIR/op, else
 * SCHEMADIR/op, else ../schema/op, ../share/routemu/schema/op or ../../schema/op
 * next to the executable (the places schema_load_default() looks).
 */
struct opschema	*opschema_load_default(char *err, size_t errlen);
void		 opschema_free(struct opschema *);

/* Exact word among n's children (hidden ones included), or NULL. */
const struct opsch_node *opsch_child(const struct opsch_node *n, const char *word);
/*
 * Children of n whose word starts with prefix (hidden ones only when typed in full).
 * Fills out[] up to max; returns the number of matches. An exact word is the only
 * match.
 */
size_t		 opsch_prefix_match(const struct opsch_node *n, const char *prefix,
		    const struct opsch_node **out, size_t max);
/* The command calling this RPC, or NULL. */
const struct opsch_cmd *opschema_find_rpc(const struct opschema *, const char *rpc);
/* A level by name (NULL: the default one), or NULL when the command has none such. */
const struct opsch_level *opsch_cmd_level(const struct opsch_cmd *, const char *name);

/* ---- requests ---- */

/* A command line resolved, or an RPC received: what to ask and how to show it. */
struct opsch_req {
	const struct opsch_cmd	*rq_cmd;
	const struct opsch_level *rq_level;	/* typed (or sent) level, NULL: default */
	char			**rq_values;	/* per cm_args: NULL absent, "" toggle set */
};

enum opsch_errcode {
	OPSCH_E_NONE,
	OPSCH_E_UNKNOWN,	/* first word unknown: "unknown command." */
	OPSCH_E_SYNTAX,		/* "syntax error, expecting <command>." */
	OPSCH_E_AMBIGUOUS,	/* "'x' is ambiguous." (caller lists the completions) */
	OPSCH_E_MISSING,	/* "missing argument." */
	OPSCH_E_VALUE,		/* a value refused by its type: the type's message */
};

struct opsch_error {
	enum opsch_errcode oe_code;
	size_t		 oe_word;	/* index of the word at fault (n: end of line) */
	char		 oe_msg[256];
};

/*
 * Resolve a command line split into words (no pipes): command words and argument
 * keywords by unique prefix, values checked by their types (and canonicalised as
 * types.c does), each argument and the level at most once, mandatory arguments
 * present. 0 and *req filled, or -1 with *err.
 */
int		 opschema_parse(const struct opschema *, char *const *words, size_t n,
		    struct opsch_req *req, struct opsch_error *err);
/*
 * The other way in: an RPC element received over NETCONF (<get-...>, its children
 * the arguments). Same checks; unknown children are errors (OPSCH_E_SYNTAX, the
 * element's name in oe_msg). oe_word is meaningless here.
 */
int		 opschema_parse_rpc(const struct opschema *, xmlNodePtr rpc,
		    struct opsch_req *req, struct opsch_error *err);
void		 opsch_req_free(struct opsch_req *);
/* The value given for the argument named name ("" for a toggle), or NULL. */
const char	*opsch_req_value(const struct opsch_req *, const char *name);
/* The level in effect (typed, else the command's default). */
const struct opsch_level *opsch_req_level(const struct opsch_req *);
/*
 * The RPC as Junos XML, without the <rpc> wrapper:
 * <get-gvpn-ike-security-associations-information><detail/><index>3</index>
 * </get-...>; arguments in declaration order, the level when typed.
 */
void		 opsch_req_rpc_xml(const struct opsch_req *, struct buf *out);
/* The canonical command line: full words, values as given ("show version"). */
void		 opsch_req_line(const struct opsch_req *, struct buf *out);

#endif
