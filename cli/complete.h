/*
 * complete: `?` help and TAB/space completion for the cli, in the Junos layout
 * (notes/junos-cli.md §1.10). One engine walks a line through the command grammar:
 * the cli's op_cmd tables for command words (operational mode, configuration-mode
 * verbs), pipe.c's pipe_words after `|`, and the schema plus the current
 * configuration for configuration paths (through setcmd's cmd_resolve).
 *
 * The cli fills a struct complete_env and calls complete_help() for `?` and
 * complete_word() for TAB and space. Dispatch on Enter is the cli's (opmode.c); both
 * read the same op_cmd tables.
 */
#ifndef ROUTEMU_COMPLETE_H
#define ROUTEMU_COMPLETE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "conf.h"
#include "schema.h"

/*
 * One word of a command grammar (the cli's op_commands[] and cfg_commands[]). A
 * table is an array ended by an entry whose oc_word is NULL. A word written "<name>"
 * is a value: it takes any word typed where no keyword of the table matches, and is
 * shown as a placeholder row. A node completes a command (<[Enter]>) when it has no
 * oc_sub and no OC_ARG_* flag, or when OC_EXEC is set. Keywords match by unique
 * prefix; an exact name wins.
 */
struct op_cmd {
	const char		*oc_word;
	const char		*oc_help;
	const struct op_cmd	*oc_sub;	/* what may follow, or NULL */
	int			 oc_flags;	/* OC_* */
	int			 oc_id;		/* free for the owner: the cli's command id */
};

#define OC_EXEC		0x0001	/* complete here although oc_sub may follow */
#define OC_NOPIPE	0x0002	/* no `|` after this command */
#define OC_HIDDEN	0x0004	/* accepted when typed in full, never offered */
#define OC_OPTIONS	0x0008	/* oc_sub is a set of options, in any order, each once;
				   an option's own words end back at the options */
#define OC_ARG_PATH	0x0010	/* then configuration path words, shown (show) */
#define OC_ARG_SET	0x0020	/* then a configuration path and value to set */
#define OC_ARG_EDIT	0x0040	/* then a path to a container or list entry (edit) */
#define OC_ARG_DELETE	0x0080	/* then a path, value optional (delete, (de)activate,
				   annotate) */
#define OC_ARG_RENAME	0x0100	/* then PATH ID to ID2 (rename, copy) */
#define OC_ARG_INSERT	0x0200	/* then PATH ID before|after ID2 */
#define OC_ARG_OPCMD	0x0400	/* then an operational-mode command (run) */
#define OC_ARG_ROLLBACK	0x0800	/* on a "<value>" word: help lists the rollbacks */
#define OC_CONFIG_OUT	0x1000	/* (unused by the tables: pipe words carry PW_*) */
#define OC_OP_OUT	0x2000
#define OC_ARG_COMMITTED 0x4000	/* with OC_ARG_PATH: the path is from the root and its
				   entries come from the committed configuration
				   (show configuration) */
#define OC_ARGS		(OC_ARG_PATH | OC_ARG_SET | OC_ARG_EDIT | OC_ARG_DELETE | \
			 OC_ARG_RENAME | OC_ARG_INSERT | OC_ARG_OPCMD)

/* What the engine needs from the session (cli_complete_env fills it). */
struct complete_env {
	const struct schema	*ce_schema;
	bool			 ce_config_mode;
	const char		*ce_level;	/* config mode: edit level, path words ("" top) */
	size_t			 ce_prompt_len;	/* columns before the line (caret position) */
	bool			 ce_complete_on_space;	/* `set cli complete-on-space` */
	const struct op_cmd	*ce_op_table;	/* operational mode: op_commands */
	const struct op_cmd	*ce_config_table; /* configuration mode: cfg_commands */
	/*
	 * The configuration whose entries (interfaces, groups ...) are offered: the
	 * candidate in configuration mode (committed = false), the committed one for
	 * `show configuration` (committed = true). May be NULL or return NULL.
	 */
	const struct conf_node *(*ce_config)(void *arg, bool committed);
	/*
	 * Rollbacks for `rollback ?` and `| compare rollback ?`: a malloc'd array of n
	 * malloc'd strings, [i] describing rollback i ("2026-02-15 03:20:57 UTC by admin
	 * via cli"); complete.c frees it. May be NULL: then no numbers are listed.
	 */
	char			**(*ce_rollbacks)(void *arg, size_t *n);
	void			*ce_arg;
};


/*
 * `?` typed at the end of line (everything before the cursor): appends the
 * `Possible completions:` block, `No valid completions`, or an error (caret line
 * + message) to out. Every line of out ends with '\n'.
 */
void	 complete_help(const struct complete_env *, const char *line, struct buf *out);

/*
 * TAB (is_space false) or space at the end of line. Returns the malloc'd new line
 * (the last word completed, plus a trailing space when it is complete; or line with
 * a blank added when there is nothing to complete, for space), or NULL with the
 * text for msg and the line to be left unchanged: for space the Junos error (caret
 * line + "'x' is ambiguous." + the completions; caret + "syntax error." ...), for
 * TAB the `Possible completions:` of the word (or the error when nothing can come
 * there). NULL with msg empty: nothing to do (TAB inside quotes, or on a value no
 * existing name starts like).
 */
char	*complete_word(const struct complete_env *, const char *line, bool is_space,
	    struct buf *msg);

/*
 * Enter: check the command words of line (up to any unquoted '|': the pipes are
 * pipe.c's) against the tables and spell out unique prefixes of keywords. Returns
 * 0 with *canon = the malloc'd command, one word for each word typed, keywords
 * spelled out, values and configuration path words as typed (re-quoted when they
 * were quoted), so that cmd_split(*canon) gives word i for typed word i; *cmd = the
 * last matched word with a non-zero oc_id (else the last matched word, NULL for an
 * empty line); *argpos = offset in *canon of the first word after *cmd. Path words
 * are not checked here (the command resolves them with setcmd). On error returns
 * -1 with the caret line and message in msg ("unknown command.", "syntax error,
 * expecting <command>.", "'x' is ambiguous." + completions, "missing argument.").
 */
int	 complete_expand(const struct complete_env *, const char *line, char **canon,
	    const struct op_cmd **cmd, size_t *argpos, struct buf *msg);

/* The caret line: prompt_len + word_pos blanks, '^', newline. */
void	 complete_caret(struct buf *, size_t prompt_len, size_t word_pos);
/* One help row: "> name                 help\n" (prefix "> ", "+ " or "  "). */
void	 complete_row(struct buf *, const char *prefix, const char *name, const char *help);

#endif
