/*
 * setcmd: the configuration-mode editing commands, as lines of words.
 *
 *   set|delete|activate|deactivate|protect PATH [VALUE]
 *   annotate PATH "comment"
 *   rename PATH ID to ID2          (PATH ends at the list, ID names the entry)
 *   copy PATH ID to ID2
 *   insert PATH ID before|after ID2
 *
 * Lines are tokenised with Junos quoting ("..." with \" and \\ escapes; [ a b ] for
 * several leaf-list values) and resolved against the schema with unique-prefix
 * abbreviations for keywords (`set int ge-0/0/0 desc x`). A command either applies
 * completely or leaves the tree unchanged and fills a cmd_error.
 *
 * The same resolver serves the cli for `edit` levels, `?` help and completion:
 * cmd_resolve() walks as far as the words allow and reports where it stopped.
 */
#ifndef ROUTEMU_SETCMD_H
#define ROUTEMU_SETCMD_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "schema.h"

/* ---- words ---- */

struct cmd_word {
	char	*w_text;	/* unquoted */
	size_t	 w_pos;		/* byte offset of the word in the line (for the caret) */
	bool	 w_quoted;
};

struct cmd_words {
	struct cmd_word	*cw_v;
	size_t		 cw_n;
	bool		 cw_trailing_space;	/* line ends with blank after the last word */
	bool		 cw_open_quote;		/* line ends inside a quote */
};

/*
 * Returns 0, or -1 with err (unterminated quote: cw_open_quote set, the partial word
 * is the last one). out is filled either way: always cmd_words_free() it. A "[" that
 * opens a word and a "]" that closes an unquoted word are words of their own, so
 * `[a b]` and `[ a b ]` split alike while `<ge-0/0/[0-9]>` stays one word.
 */
int	 cmd_split(const char *line, struct cmd_words *out, char *err, size_t errlen);
void	 cmd_words_free(struct cmd_words *);
/* Quote a value for output when it needs it (empty, blank, ; { } " ' \ # [ ] < > $ |). */
char	*cmd_quote(const char *value);
/* Whether c makes a value need quotes (blanks and ;{}"'\\#[]<>$|). */
bool	 cmd_quote_special(unsigned char c);

/* ---- errors ---- */

enum cmd_errkind {
	CE_NONE,
	CE_SYNTAX,	/* "syntax error." (caret at word) */
	CE_AMBIGUOUS,	/* "'x' is ambiguous." + completions */
	CE_MISSING,	/* "missing argument." */
	CE_VALUE,	/* schema message: "Value 70000 is not within range (1..65535)" */
	CE_NOTFOUND,	/* warning: "statement not found" (delete of something absent) */
	CE_OTHER,
};

struct cmd_error {
	enum cmd_errkind ce_kind;
	size_t		 ce_pos;	/* byte offset of the offending word in the line */
	char		 ce_word[128];	/* the offending word */
	char		 ce_msg[512];	/* Junos text of the message, without "error: " */
	char		 ce_path[512];	/* "[edit interfaces ge-0/0/0]" context, may be "" */
};

/* ---- resolving a path of words ---- */

enum cmd_expect {
	CX_STATEMENT,	/* next word: a child statement of cr_node */
	CX_KEY,		/* next word: the key of list cr_pending */
	CX_VALUE,	/* next word: the value of leaf / leaf-list cr_pending */
	CX_DONE,	/* cr_pending (a leaf, given its value or empty) complete: nothing more
			 * may follow it (inside a oneliner statement, CX_STATEMENT instead) */
};

struct cmd_step {
	const struct sch_node *cs_schema;
	char		*cs_id;		/* list key / leaf value / leaf-list value, or NULL */
};

struct cmd_resolution {
	struct cmd_step	*cr_steps;	/* canonical path of what was resolved */
	size_t		 cr_nsteps;
	size_t		 cr_used;	/* words consumed */
	const struct sch_node *cr_node;	/* container / list level reached */
	const struct sch_node *cr_pending; /* list or leaf awaiting a key/value, or NULL */
	enum cmd_expect	 cr_expect;
	char		**cr_values;	/* [ a b ] values for a leaf-list, if given (each is
					 * also a step of its own) */
	size_t		 cr_nvalues;
};

/*
 * Resolve words[0..n) from schema node `from` (usually the root; the cli passes its
 * edit level as leading words). Values are type-checked. Returns 0 when every word
 * was placed (cr_expect says what may come next: running out of words is not an
 * error here). Stops at the first word it cannot place: returns -1 with err (ce_path
 * is the `[edit ...]` reached), and res describes the prefix that resolved (cr_used
 * words). With allow_trailing, a word that cannot be placed after a complete path
 * ends the path instead (returns 0, cr_used < n).
 *
 * Keywords: exact name, else unique prefix (hidden statements only by exact name).
 * Otherwise the word may be the value of the level's keyword-less leaf (once) or
 * the key of its keyword-less list. Keys under a `groups` entry may be wildcards
 * (`<ge-*>`). res->cr_steps holds one step per container, list entry, leaf value
 * and leaf-list value, canonical (see sch_check_value).
 */
int	 cmd_resolve(const struct sch_node *from, const struct cmd_word *words, size_t n,
	    bool allow_trailing, struct cmd_resolution *res, struct cmd_error *err);
void	 cmd_resolution_free(struct cmd_resolution *);
/* "interfaces ge-0/0/0 unit 0" for a resolved path (canonical, quoted as needed). */
char	*cmd_steps_string(const struct cmd_step *steps, size_t n);

/* ---- applying commands ---- */

/*
 * Apply one editing command line to the tree rooted at root. `level` is the cli's
 * current edit path (words, may be NULL/""), prepended to the path. Returns 0 on
 * success (err->ce_kind may be CE_NOTFOUND for a harmless warning: delete of an
 * absent statement), -1 on error with the tree unchanged (activate, deactivate,
 * annotate, rename, copy, insert of an absent statement fail with CE_NOTFOUND).
 * ce_pos counts in `line` (level words report 0). Verbs abbreviate; protect and
 * unprotect are refused (CE_OTHER). A path that ends at a list or leaf-list without
 * key/value means every entry (delete, activate, deactivate). A bare `delete`
 * removes the level (everything at the top).
 */
int	 cmd_apply_line(struct conf_node *root, const char *level, const char *line,
	    struct cmd_error *err);
/*
 * Apply many lines (load set). Blank lines and `#` comments are skipped; `edit PATH`,
 * `up [N]`, `top` and `exit` move the level as in the cli. Stops at the first error:
 * -1, *errline its line number (1-based), the lines before it stay applied. On
 * success a CE_NOTFOUND warning, if any, is the first one, with its line.
 */
int	 cmd_apply_text(struct conf_node *root, const char *level, const char *text,
	    size_t *errline, struct cmd_error *err);

#endif
