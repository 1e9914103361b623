/*
 * cli: the routemu command shell, a NETCONF client of the instance's mgd.
 *
 * The cli owns no configuration state: every edit is a load-configuration of
 * `set`-style lines with the full path, every show a get-configuration. It parses
 * locally first (lib/setcmd.c against the schema it loads itself) so that syntax,
 * ambiguity and value errors show the Junos caret line exactly under the word the
 * user typed, and it renders configurations with the lib printers mgd uses too.
 *
 *   main.c       options, connecting, running one line (pipes, output, pager)
 *   mgdclient.c  NETCONF client: hello, <rpc message-id>, reply and rpc-error text
 *   editline.c   libedit: prompt and banner, history, `?`, TAB and space keys
 *   opmode.c     operational commands (op_commands[]), command dispatch, show
 *   cfgmode.c    configuration mode commands (cfg_commands[])
 *   batch.c      stdin that is not a terminal, and `cli -c`
 *   complete.c, pipe.c, pager.c  (written by clihelp) help/completion and the
 *                command grammar engine, `| ...` stages, the pager
 *
 * The command tables (complete.h's struct op_cmd) are the grammar both the
 * dispatcher here and complete.c read: `?`, TAB and Enter agree on a line.
 */
#ifndef ROUTEMU_CLI_H
#define ROUTEMU_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <libxml/tree.h>

#include "buf.h"
#include "conf.h"
#include "schema.h"
#include "setcmd.h"

#include "complete.h"
#include "pipe.h"

#define CLI_RPC_TIMEOUT_MS	30000	/* an RPC that takes longer: "mgd not responding" */
#define CLI_DEFAULT_HOST	"router"
#define CLI_DEFAULT_WIDTH	80

/*
 * The command tables: complete.h's struct op_cmd (clihelp's grammar engine reads
 * them for `?` and TAB, the dispatcher in opmode.c for Enter). oc_id holds an enum
 * cli_cmd_id on the words that name a command; the words below it (options, values)
 * keep 0 and run their command's id.
 */
enum cli_cmd_id {
	CMD_NONE = 0,
	/* operational mode (opmode.c) */
	CMD_CONFIGURE,
	CMD_CONFIGURE_EXCLUSIVE,
	CMD_CONFIGURE_PRIVATE,
	CMD_OP_EXIT,
	CMD_SHOW_CONFIGURATION,
	CMD_SHOW_SYSTEM_COMMIT,
	CMD_SHOW_SYSTEM_ROLLBACK,
	CMD_SHOW_CLI,
	CMD_SET_CLI_SCREEN_LENGTH,
	CMD_SET_CLI_SCREEN_WIDTH,
	CMD_SET_CLI_COMPLETE_ON_SPACE,
	CMD_OPSCHEMA,		/* a command of schema/op (show version ...) */
	/* configuration mode (cfgmode.c) */
	CMD_CFG_FIRST,
	CMD_CFG_EDIT_VERB = CMD_CFG_FIRST,	/* set delete activate ... insert */
	CMD_CFG_EDIT,
	CMD_CFG_UP,
	CMD_CFG_TOP,
	CMD_CFG_EXIT,
	CMD_CFG_EXIT_CONFIG,
	CMD_CFG_SHOW,
	CMD_CFG_COMMIT,
	CMD_CFG_ROLLBACK,
	CMD_CFG_LOAD,
	CMD_CFG_SAVE,
	CMD_CFG_RUN,
	CMD_CFG_STATUS,
};

extern const struct op_cmd op_commands[];	/* operational mode, hand-written */
/* Operational mode as dispatched and completed: op_commands merged with schema/op
 * (op_table_build), or op_commands itself before that. */
extern const struct op_cmd *op_table;
extern const struct op_cmd cfg_commands[];	/* configuration mode, top-level words */

struct cli_ctx;
struct opschema;

/* ---- mgd client (mgdclient.c) ---- */

struct mgd_client {
	int		 mc_fd;		/* -1 once the connection is lost */
	unsigned	 mc_msgid;	/* last message-id sent */
	unsigned	 mc_session;
	int		 mc_timeout_ms;	/* CLI_RPC_TIMEOUT_MS, or $ROUTEMU_CLI_TIMEOUT s */
	char		*mc_sock;	/* socket path */
	/* After a lost connection, the next RPC connects again (mgd restarted) and
	 * calls this first, so the session can find its state again. */
	void		(*mc_reconnected)(struct mgd_client *, void *);
	void		*mc_arg;
	bool		 mc_in_reconnect;
};

struct mgd_reply {
	xmlDocPtr	 mr_doc;	/* NULL when no reply came (transport error) */
	xmlNodePtr	 mr_root;	/* <rpc-reply> */
	int		 mr_errors;	/* rpc-errors of severity error */
	int		 mr_warnings;
	struct buf	 mr_text;	/* every rpc-error rendered as the Junos cli shows it */
};

/* Connect to <instance>/var/run/mgd.sock and exchange hellos. NULL + err. */
struct mgd_client *mgd_connect(const char *instance, struct buf *err);
void		 mgd_close(struct mgd_client *);
/*
 * Send <rpc message-id="N">body</rpc> and wait (CLI_RPC_TIMEOUT_MS at most) for the
 * reply with that message-id. Returns 0 when the reply carries no error (warnings
 * are fine: see mr_text), -1 otherwise; on a transport failure mr_doc is NULL and
 * mr_text says what happened. Free the reply with mgd_reply_free in every case.
 */
int		 mgd_rpc(struct mgd_client *, const char *body, struct mgd_reply *);
void		 mgd_reply_free(struct mgd_reply *);
/* Render every <rpc-error> at or below n into out (Junos cli text). */
void		 mgd_render_errors(xmlNodePtr n, struct buf *out, int *nerr, int *nwarn);
/* First element named name below n (depth first), or NULL. */
xmlNodePtr	 mgd_find(xmlNodePtr n, const char *name);
/* Text of the first element named name below n, trimmed, malloc'd, or NULL. */
char		*mgd_find_text(xmlNodePtr n, const char *name);
/* Append the text of every <output> below n, each ending with a newline. */
void		 mgd_outputs(xmlNodePtr n, struct buf *out);

/* ---- the session ---- */

enum cli_mode {
	CLI_MODE_OPER,
	CLI_MODE_CONFIG,
};

enum cli_cfgkind {
	CLI_CFG_SHARED,
	CLI_CFG_EXCLUSIVE,
	CLI_CFG_PRIVATE,
};

struct cli_level {
	struct cmd_step	*lv_steps;	/* canonical steps from the root */
	size_t		 lv_n;
};

struct editline;

struct cli_ctx {
	enum cli_mode	 cx_mode;
	enum cli_cfgkind cx_cfgkind;
	const struct schema *cx_schema;
	const struct opschema *cx_opschema;	/* operational commands (schema/op) */
	struct mgd_client *cx_mgd;
	const char	*cx_instance;

	/* Configuration mode edit level, and the levels `exit` returns to. */
	struct cli_level cx_level;
	char		*cx_level_str;	/* "security group-vpn" ("" at the top) */
	struct cli_level *cx_history;
	size_t		 cx_nhistory;

	char		*cx_user;
	char		*cx_host;	/* committed system host-name, or "router" */
	int		 cx_screen_length;	/* 0: no pager */
	int		 cx_screen_width;
	bool		 cx_complete_on_space;

	bool		 cx_interactive;	/* a person at a terminal: prompts, questions */
	bool		 cx_oneshot;		/* cli -c: errors read "error: ...: word" */
	size_t		 cx_prompt_len;		/* width of the prompt the line was typed at */
	const char	*cx_line;		/* the line being run, as typed */

	/* Configuration offered by the completer (existing keys), cached. */
	struct conf_node *cx_tree;
	bool		 cx_tree_committed;
	/* Scratch tree for checking editing commands locally (never sent). */
	struct conf_node *cx_scratch;
	size_t		 cx_scratch_lines;

	bool		 cx_quit;	/* leave the cli */
	unsigned	 cx_errors;	/* commands that failed */
	struct editline	*cx_el;		/* editline.c state, NULL without a terminal */
	FILE		*cx_in;		/* batch input (load terminal reads it too) */
};

/* A table entry a command's words matched, and the word that matched it. */
struct cli_arg {
	const struct op_cmd *ca_ent;
	size_t		 ca_word;	/* index in cc_words */
};
#define CLI_MAXARGS	32

/*
 * One command being run: the words as typed (positions in cc_line, for the caret),
 * the entries they matched (keywords, options, "<value>" words), and where the
 * arguments of a path command (set, show ...) start.
 */
struct cli_cmd {
	const char	*cc_line;	/* the command text without its pipes */
	size_t		 cc_col;	/* screen column of cc_line[0] (the prompt width) */
	struct cmd_words cc_words;
	size_t		 cc_first;	/* index of the command's first word (run: 1) */
	struct cli_arg	 cc_path[CLI_MAXARGS];
	size_t		 cc_npath;
	size_t		 cc_argi;	/* first word after the matched entries */
	int		 cc_id;		/* enum cli_cmd_id */
	struct pipe_stage *cc_stages;
	size_t		 cc_nstages;
	struct pipe_display cc_disp;
	struct buf	*cc_out;	/* output, piped and paged by the caller */
};

/* main.c */
/* The environment complete.c needs for this session. */
void		 cli_complete_env(struct cli_ctx *, struct complete_env *);
/* Run one line as typed (pipes included) in the current mode; col: the screen
 * column where the line starts (the prompt width). 0 / -1. */
int		 cli_run_line(struct cli_ctx *, const char *line, size_t col);
/* Error pointing at byte pos of cmd->cc_line: caret line + msg (or the -c form). */
void		 cli_error_at(struct cli_ctx *, struct cli_cmd *, size_t pos, const char *msg);
/* Print (and count) an error text that may start with a caret line. */
void		 cli_error_text(struct cli_ctx *, const char *text);
/* Print and count an error line (no "error: " added). */
void		 cli_fail(struct cli_ctx *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
/* Ask a [yes,no] question; without a terminal the default answer is taken, after
 * ^C the answer is no (the action is abandoned). */
bool		 cli_ask(struct cli_ctx *, const char *question, bool dflt);
/* Write text now (bypassing pipes), e.g. before an interaction. */
void		 cli_print(struct cli_ctx *, const char *text);
/* Re-read the committed host name for the prompt. */
void		 cli_refresh_host(struct cli_ctx *);
/* Lines typed until ^D (load terminal), malloc'd; NULL after ^C (nothing to load). */
char		*cli_read_terminal(struct cli_ctx *);
/* Word i of the command as typed (unquoted), or NULL past the end. */
const char	*cli_word(const struct cli_cmd *, size_t i);
/* Byte position in cc_line of word i, or one column after the end of the line. */
size_t		 cli_word_pos(const struct cli_cmd *, size_t i);
/* Parse word i as a decimal number in [min, max]; -1 with the error printed. */
int		 cli_number(struct cli_ctx *, struct cli_cmd *, size_t i, long min, long max,
		    long *out);
/*
 * The configuration the completer offers existing keys from (the candidate, or the
 * committed configuration), fetched from mgd and cached until the next change.
 */
const struct conf_node *cli_config_tree(struct cli_ctx *, bool committed);
void		 cli_config_tree_invalidate(struct cli_ctx *);

/* opmode.c: dispatch */
/*
 * The entry of table that word selects (as complete.c's lookup): an exact keyword,
 * else the only non-hidden keyword it is a prefix of, else the table's "<value>"
 * word. NULL with *nmatch 0 (nothing) or > 1 (ambiguous). Entries in used skipped.
 */
const struct op_cmd *cli_match_word(const struct op_cmd *table, const char *word,
		    const struct op_cmd *const *used, size_t nused, size_t *nmatch);
/* Match cmd's words from cc_first through table and run the command they name. */
int		 cli_dispatch(struct cli_ctx *, const struct op_cmd *table, struct cli_cmd *);
int		 op_run(struct cli_ctx *, struct cli_cmd *);
/* Merge the commands of schema/op into op_table (hand-written words win); 0 / -1. */
int		 op_table_build(const struct opschema *);
void		 op_table_free(void);
/* The matched entry whose word is name, or NULL. */
const struct cli_arg *cli_path_find(const struct cli_cmd *, const char *name);
/* The "<value>" word typed right after the entry name, or NULL. */
const struct cli_arg *cli_path_value(const struct cli_cmd *, const char *name);

/* opmode.c: configuration paths and displays */
/*
 * Resolve configuration path words cc_words[from..] after the steps of level (may be
 * NULL). 0 and the canonical steps (level included) in out, or -1 after printing
 * the error. values: the path may end with a leaf's value.
 */
int		 cli_resolve_path(struct cli_ctx *, struct cli_cmd *, size_t from,
		    const struct cli_level *level, struct cli_level *out);
/* "Possible completions:" and the statements of at that word is a prefix of. */
void		 cli_sch_matches(struct buf *, const struct sch_node *at, const char *word);
void		 cli_level_free(struct cli_level *);
void		 cli_level_copy(struct cli_level *dst, const struct cli_level *src);
/*
 * Render the configuration at path (database "committed" or "candidate") the way
 * the pipe display options ask, into cmd->cc_out.
 */
int		 cli_show_config(struct cli_ctx *, struct cli_cmd *, const char *database,
		    const struct cli_level *path);
/* Text form of the configuration at path (save). 0 / -1 with err. */
int		 cli_config_text(struct cli_ctx *, const char *database,
		    const struct cli_level *path, struct buf *out, struct buf *err);
/* A tree from mgd (XML) restricted to path (NULL: all), parsed with the schema.
 * attrs gets the <configuration> attributes as text (may be NULL). NULL + err. */
struct conf_node *cli_get_tree(struct cli_ctx *, const char *database,
		    const struct cli_level *path, char **attrs, struct buf *err);
/* The committed host name, or NULL. */
char		*cli_get_host_name(struct cli_ctx *);
/* Rollback descriptions for `rollback ?` ("... by root via cli"), see complete.h. */
char		**cli_rollback_list(struct cli_ctx *, size_t *n);

/* cfgmode.c */
int		 cfg_run(struct cli_ctx *, struct cli_cmd *);
/* Enter configuration mode (configure [private|exclusive]). 0 / -1. */
int		 cfg_enter(struct cli_ctx *, enum cli_cfgkind);
/* Leave configuration mode after the Junos questions (ask); 0 left, -1 stayed. */
int		 cfg_leave(struct cli_ctx *, bool ask);
/* The banner line(s) shown above the configuration prompt, with newlines. */
void		 cfg_banner(struct cli_ctx *, struct buf *);
/* Make steps the edit level (copied). */
void		 cfg_set_level(struct cli_ctx *, const struct cli_level *);
/* The editing verb (set, delete, activate ...) word selects, or NULL. */
const struct op_cmd *cfg_edit_verb(const char *word);
/*
 * Check an editing command (cc_first is its verb) locally against the schema. 0 and
 * the line to send with the full path (malloc'd) in *full, or -1 with the Junos
 * error text (caret line and message) in err.
 */
int		 cfg_prepare_edit(struct cli_ctx *, struct cli_cmd *, char **full,
		    struct buf *err);
/*
 * Send set-format lines (newline separated). 0 / -1; rpc-error text in msgs, and in
 * *errline (may be NULL) the line mgd refused (1-based), or -1 when it did not say.
 */
int		 cfg_load_set(struct cli_ctx *, const char *lines, struct buf *msgs,
		    long *errline);
void		 cfg_scratch_reset(struct cli_ctx *);
/* mgd_client.mc_reconnected: a new mgd session re-enters configuration mode. */
void		 cfg_reconnected(struct mgd_client *, void *ctx);

/* batch.c */
int		 batch_run_stdin(struct cli_ctx *);
int		 batch_run_command(struct cli_ctx *, const char *command);

/* editline.c */
int		 editline_init(struct cli_ctx *);
void		 editline_end(struct cli_ctx *);
/*
 * One line typed at prompt (malloc'd, no newline); NULL on ^D at an empty line.
 * command: a command line (history, `?` and completion), else an answer or text.
 */
char		*editline_read(struct cli_ctx *, const char *prompt, bool command);
/* The last editline_read ended with ^C (it returned an empty line). */
bool		 editline_interrupted(struct cli_ctx *);
/* The interactive loop until exit. Returns the exit status. */
int		 editline_loop(struct cli_ctx *);

#endif
