/*
 * cfgmode: configuration mode. Editing verbs are checked locally with setcmd (on a
 * scratch tree, so that syntax, ambiguity and value errors carry the Junos caret)
 * and sent to mgd as load-configuration action="set" lines with the full path: the
 * edit level, then the words as typed. Everything else is an RPC and its text.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "atomicfile.h"
#include "cli.h"
#include "conffmt.h"
#include "instance.h"
#include "netconf.h"

#define FILE_HELP	"Filename (URL, local, remote, or floppy)"
#define REL_HELP	"Load configuration relative to current edit level"
#define T_END		{ NULL, NULL, NULL, 0, 0 }

static const struct op_cmd cfg_exit_sub[] = {
	{ "configuration-mode", "Exit from configuration mode", NULL, OC_NOPIPE,
	    CMD_CFG_EXIT_CONFIG },
	T_END
};

static const struct op_cmd cfg_comment_arg[] = {
	{ "<comment>", "Message to write to commit log", NULL, 0, 0 },
	T_END
};

static const struct op_cmd cfg_confirmed_arg[] = {
	{ "<confirmed>", "Number of minutes until rollback (1..65535)", NULL, 0, 0 },
	T_END
};

static const struct op_cmd cfg_commit_opts[] = {
	{ "and-quit", "Quit configuration mode if commit succeeds", NULL, 0, 0 },
	{ "check", "Check correctness of syntax; do not apply changes", NULL, 0, 0 },
	{ "comment", "Message to write to commit log", cfg_comment_arg, 0, 0 },
	{ "confirmed", "Automatically rollback if not confirmed", cfg_confirmed_arg,
	    OC_EXEC, 0 },
	{ "synchronize", "Synchronize commit on both Routing Engines", NULL, 0, 0 },
	T_END
};

static const struct op_cmd cfg_load_rel[] = {
	{ "relative", REL_HELP, NULL, 0, 0 },
	T_END
};

static const struct op_cmd cfg_load_after_rel[] = {
	{ "<filename>", FILE_HELP, NULL, 0, 0 },
	{ "terminal", "Use login terminal", NULL, 0, 0 },
	T_END
};

static const struct op_cmd cfg_load_source[] = {
	{ "<filename>", FILE_HELP, cfg_load_rel, OC_EXEC, 0 },
	{ "relative", REL_HELP, cfg_load_after_rel, 0, 0 },
	{ "terminal", "Use login terminal", cfg_load_rel, OC_EXEC, 0 },
	T_END
};

static const struct op_cmd cfg_load_sub[] = {
	{ "merge", "Merge contents with existing configuration", cfg_load_source, 0, 0 },
	{ "override", "Override existing configuration", cfg_load_source, 0, 0 },
	{ "replace", "Replace configuration data", cfg_load_source, 0, 0 },
	{ "set", "Execute set of commands on existing configuration", cfg_load_source, 0,
	    0 },
	{ "update", "Update existing configuration", cfg_load_source, 0, 0 },
	T_END
};

static const struct op_cmd cfg_rollback_arg[] = {
	{ "<number>", "Index of rollback configuration file (0..49)", NULL,
	    OC_ARG_ROLLBACK, 0 },
	T_END
};

static const struct op_cmd cfg_up_arg[] = {
	{ "<number>", "Number of levels to move up", NULL, 0, 0 },
	T_END
};

static const struct op_cmd cfg_save_arg[] = {
	{ "<filename>", FILE_HELP, NULL, 0, 0 },
	T_END
};

const struct op_cmd cfg_commands[] = {
	{ "activate", "Remove the inactive tag from a statement", NULL,
	    OC_ARG_DELETE | OC_NOPIPE, CMD_CFG_EDIT_VERB },
	{ "annotate", "Annotate the statement with a comment", NULL,
	    OC_ARG_DELETE | OC_NOPIPE, CMD_CFG_EDIT_VERB },
	{ "commit", "Commit current set of changes", cfg_commit_opts,
	    OC_EXEC | OC_OPTIONS, CMD_CFG_COMMIT },
	{ "copy", "Copy a statement", NULL, OC_ARG_RENAME | OC_NOPIPE, CMD_CFG_EDIT_VERB },
	{ "deactivate", "Add the inactive tag to a statement", NULL,
	    OC_ARG_DELETE | OC_NOPIPE, CMD_CFG_EDIT_VERB },
	{ "delete", "Delete a data element", NULL, OC_EXEC | OC_ARG_DELETE | OC_NOPIPE,
	    CMD_CFG_EDIT_VERB },
	{ "edit", "Edit a sub-element", NULL, OC_ARG_EDIT | OC_NOPIPE, CMD_CFG_EDIT },
	{ "exit", "Exit from this level", cfg_exit_sub, OC_EXEC | OC_NOPIPE, CMD_CFG_EXIT },
	{ "insert", "Insert a new ordered data element", NULL, OC_ARG_INSERT | OC_NOPIPE,
	    CMD_CFG_EDIT_VERB },
	{ "load", "Load configuration from ASCII file", cfg_load_sub, OC_NOPIPE,
	    CMD_CFG_LOAD },
	{ "quit", "Quit from this level", cfg_exit_sub, OC_EXEC | OC_NOPIPE, CMD_CFG_EXIT },
	{ "rename", "Rename a statement", NULL, OC_ARG_RENAME | OC_NOPIPE,
	    CMD_CFG_EDIT_VERB },
	{ "rollback", "Roll back to previous committed configuration", cfg_rollback_arg,
	    OC_EXEC | OC_NOPIPE, CMD_CFG_ROLLBACK },
	{ "run", "Run an operational-mode command", NULL, OC_ARG_OPCMD, CMD_CFG_RUN },
	{ "save", "Save configuration to ASCII file", cfg_save_arg, OC_NOPIPE,
	    CMD_CFG_SAVE },
	{ "set", "Set a parameter", NULL, OC_ARG_SET | OC_NOPIPE, CMD_CFG_EDIT_VERB },
	{ "show", "Show a parameter", NULL, OC_EXEC | OC_ARG_PATH, CMD_CFG_SHOW },
	{ "status", "Show users currently editing configuration", NULL, 0,
	    CMD_CFG_STATUS },
	{ "top", "Exit to top level of configuration", NULL, OC_NOPIPE, CMD_CFG_TOP },
	{ "up", "Exit one level of configuration", cfg_up_arg, OC_EXEC | OC_NOPIPE,
	    CMD_CFG_UP },
	T_END
};

/* ---- entering and leaving ---- */

static void
cfg_level_changed(struct cli_ctx *ctx)
{
	struct buf body = BUF_INIT;
	struct mgd_reply r;

	free(ctx->cx_level_str);
	ctx->cx_level_str = ctx->cx_level.lv_n > 0 ?
	    cmd_steps_string(ctx->cx_level.lv_steps, ctx->cx_level.lv_n) : strdup("");
	if (ctx->cx_level_str == NULL)
		abort();
	/* for other users' `status` (best effort) */
	buf_puts(&body, "<routemu-set-edit-level><level>");
	xml_escape(&body, ctx->cx_level_str);
	buf_puts(&body, "</level></routemu-set-edit-level>");
	(void)mgd_rpc(ctx->cx_mgd, buf_str(&body), &r);
	mgd_reply_free(&r);
	buf_free(&body);
}

void
cfg_set_level(struct cli_ctx *ctx, const struct cli_level *lv)
{
	struct cli_level copy;

	cli_level_copy(&copy, lv);
	cli_level_free(&ctx->cx_level);
	ctx->cx_level = copy;
	cfg_level_changed(ctx);
}

/*
 * One statement up. From an entry of a root-level list (`interfaces ge-0/0/0`) that
 * is the list itself ([edit interfaces]), as from Junos's interface to interfaces.
 */
static void
cfg_level_pop(struct cli_level *lv)
{
	struct cmd_step *st = &lv->lv_steps[lv->lv_n - 1];

	if (st->cs_id != NULL && st->cs_schema->sn_kind == SCH_LIST &&
	    conffmt_list_wrapped(st->cs_schema)) {
		free(st->cs_id);
		st->cs_id = NULL;
		return;
	}
	free(st->cs_id);
	lv->lv_n--;
}

static void
cfg_history_clear(struct cli_ctx *ctx)
{
	while (ctx->cx_nhistory > 0)
		cli_level_free(&ctx->cx_history[--ctx->cx_nhistory]);
}

static void
cfg_mode_reset(struct cli_ctx *ctx, enum cli_mode mode)
{
	struct cli_level top = { NULL, 0 };

	ctx->cx_mode = mode;
	cfg_history_clear(ctx);
	cli_level_free(&ctx->cx_level);
	ctx->cx_level = top;
	free(ctx->cx_level_str);
	if ((ctx->cx_level_str = strdup("")) == NULL)
		abort();
	cli_config_tree_invalidate(ctx);
	cfg_scratch_reset(ctx);
}

int
cfg_enter(struct cli_ctx *ctx, enum cli_cfgkind kind)
{
	static const char *const modes[] = { "shared", "exclusive", "private" };
	struct mgd_reply r;
	struct buf body = BUF_INIT, out = BUF_INIT, warn = BUF_INIT, rest = BUF_INIT;
	const char *p, *eol;
	int rv;

	buf_printf(&body, "<routemu-configure><mode>%s</mode></routemu-configure>",
	    modes[kind]);
	rv = mgd_rpc(ctx->cx_mgd, buf_str(&body), &r);
	mgd_outputs(r.mr_root, &out);
	if (rv == -1) {
		/* the users list, then why: Junos stays in operational mode */
		cli_print(ctx, buf_str(&out));
		cli_error_text(ctx, buf_str(&r.mr_text));
		goto done;
	}
	/* warnings come before "Entering configuration mode", the users list after */
	for (p = buf_str(&out); *p != '\0'; p = eol) {
		eol = strchr(p, '\n');
		eol = eol != NULL ? eol + 1 : p + strlen(p);
		if (strncmp(p, "warning: ", 9) == 0)
			buf_append(&warn, p, (size_t)(eol - p));
		else
			buf_append(&rest, p, (size_t)(eol - p));
	}
	cli_print(ctx, buf_str(&warn));
	cli_print(ctx, buf_str(&r.mr_text));
	cli_print(ctx, "Entering configuration mode\n");
	cli_print(ctx, buf_str(&rest));
	cfg_mode_reset(ctx, CLI_MODE_CONFIG);
	ctx->cx_cfgkind = kind;
done:
	mgd_reply_free(&r);
	buf_free(&body);
	buf_free(&out);
	buf_free(&warn);
	buf_free(&rest);
	return rv;
}

void
cfg_reconnected(struct mgd_client *mc, void *arg)
{
	static const char *const modes[] = { "shared", "exclusive", "private" };
	struct cli_ctx *ctx = arg;
	struct buf body = BUF_INIT;
	struct mgd_reply r;

	if (ctx->cx_mode != CLI_MODE_CONFIG)
		return;
	/* a restarted mgd knows nothing of this session (private edits are gone) */
	buf_printf(&body, "<routemu-configure><mode>%s</mode></routemu-configure>",
	    modes[ctx->cx_cfgkind]);
	if (mgd_rpc(mc, buf_str(&body), &r) == -1) {
		cli_error_text(ctx, buf_str(&r.mr_text));
		cli_print(ctx, "Exiting configuration mode\n");
		cfg_mode_reset(ctx, CLI_MODE_OPER);
	} else if (ctx->cx_level.lv_n > 0)
		cfg_level_changed(ctx);
	mgd_reply_free(&r);
	buf_free(&body);
	cli_config_tree_invalidate(ctx);
}

static int
cfg_modified(struct cli_ctx *ctx)
{
	struct mgd_reply r;
	int modified = 0;

	if (mgd_rpc(ctx->cx_mgd, "<routemu-configure-status/>", &r) == 0)
		modified = mgd_find(r.mr_root, "database-modified") != NULL;
	mgd_reply_free(&r);
	return modified;
}

int
cfg_leave(struct cli_ctx *ctx, bool ask)
{
	struct mgd_reply r;
	bool modified = cfg_modified(ctx), discard = false;

	if (modified) {
		cli_print(ctx, "The configuration has been changed but not committed\n");
		switch (ctx->cx_cfgkind) {
		case CLI_CFG_SHARED:
			if (ask && !cli_ask(ctx, "Exit with uncommitted changes? [yes,no] "
			    "(yes) ", true))
				return -1;
			break;
		case CLI_CFG_EXCLUSIVE:
			cli_print(ctx, "warning: Auto rollback on exiting 'configure "
			    "exclusive'\n");
			/* FALLTHROUGH */
		case CLI_CFG_PRIVATE:
			/* private: the exclusive texts without the auto rollback (inferred) */
			if (ask && !cli_ask(ctx, "Discard uncommitted changes? [yes,no] "
			    "(yes) ", true))
				return -1;
			discard = true;
			break;
		}
	}
	if (discard)
		cli_print(ctx, "warning: discarding uncommitted changes\n");
	if (mgd_rpc(ctx->cx_mgd, "<routemu-configure-exit/>", &r) == -1) {
		cli_error_text(ctx, buf_str(&r.mr_text));
		mgd_reply_free(&r);
		return -1;
	}
	mgd_reply_free(&r);
	if (discard)
		cli_print(ctx, "load complete\n");
	cli_print(ctx, "Exiting configuration mode\n");
	cfg_mode_reset(ctx, CLI_MODE_OPER);
	return 0;
}

/*
 * Minutes left before a pending `commit confirmed` rolls back, or -1. mgd marks the
 * active entry of get-commit-information with <commit-confirmed> and gives the
 * emulated seconds left in <routemu-rollback-in>.
 */
static long
cfg_confirm_minutes(struct cli_ctx *ctx)
{
	struct mgd_reply r;
	xmlNodePtr info, h;
	char *left = NULL;
	long minutes = -1;

	if (mgd_rpc(ctx->cx_mgd, "<get-commit-information/>", &r) == -1)
		goto done;
	if ((info = mgd_find(r.mr_root, "commit-information")) == NULL)
		goto done;
	for (h = nc_xml_first(info); h != NULL; h = nc_xml_next(h))
		if (nc_xml_is(h, "commit-history"))
			break;
	if (h == NULL || mgd_find(h, "commit-confirmed") == NULL)
		goto done;
	if ((left = mgd_find_text(h, "routemu-rollback-in")) == NULL)
		goto done;
	/* whole minutes left, as Junos counts them (5 becomes 4 at once) */
	minutes = strtol(left, NULL, 10) / 60;
	if (minutes < 0)
		minutes = 0;
done:
	free(left);
	mgd_reply_free(&r);
	return minutes;
}

void
cfg_banner(struct cli_ctx *ctx, struct buf *b)
{
	long m;

	if (ctx->cx_interactive && (m = cfg_confirm_minutes(ctx)) >= 0)
		buf_printf(b, "# commit confirmed will be rolled back in %ld minute%s\n", m,
		    m == 1 ? "" : "s");
	if (ctx->cx_level_str != NULL && ctx->cx_level_str[0] != '\0')
		buf_printf(b, "[edit %s]\n", ctx->cx_level_str);
	else
		buf_puts(b, "[edit]\n");
}

/* ---- editing verbs ---- */

void
cfg_scratch_reset(struct cli_ctx *ctx)
{
	if (ctx->cx_scratch != NULL)
		conf_free(ctx->cx_scratch);
	ctx->cx_scratch = NULL;
	ctx->cx_scratch_lines = 0;
}

const struct op_cmd *
cfg_edit_verb(const char *word)
{
	const struct op_cmd *e;
	size_t nm;

	e = cli_match_word(cfg_commands, word, NULL, 0, &nm);
	return e != NULL && e->oc_id == CMD_CFG_EDIT_VERB ? e : NULL;
}

/* The statements an ambiguous path word may be, for the error. */
static void
cfg_ambiguous(struct cli_ctx *ctx, struct cli_cmd *cmd, const struct cmd_error *e,
    struct buf *b)
{
	const struct sch_node *at = ctx->cx_schema->s_root;
	struct cmd_words lw;
	struct cmd_word *all;
	struct cmd_resolution res;
	struct cmd_error e2;
	char serr[64];
	size_t nl = 0, nw, i;

	memset(&lw, 0, sizeof(lw));
	if (ctx->cx_level_str[0] != '\0' &&
	    cmd_split(ctx->cx_level_str, &lw, serr, sizeof(serr)) == 0)
		nl = lw.cw_n;
	nw = cmd->cc_words.cw_n > cmd->cc_argi ? cmd->cc_words.cw_n - cmd->cc_argi : 0;
	if ((all = calloc(nl + nw + 1, sizeof(*all))) == NULL)
		abort();
	for (i = 0; i < nl; i++)
		all[i] = lw.cw_v[i];
	for (i = 0; i < nw; i++)
		all[nl + i] = cmd->cc_words.cw_v[cmd->cc_argi + i];
	memset(&res, 0, sizeof(res));
	if (cmd_resolve(ctx->cx_schema->s_root, all, nl + nw, true, &res, &e2) == -1 &&
	    res.cr_node != NULL)
		at = res.cr_node;
	buf_printf(b, "%s\n", e->ce_msg);
	cli_sch_matches(b, at, e->ce_word);
	cmd_resolution_free(&res);
	cmd_words_free(&lw);
	free(all);
}

int
cfg_prepare_edit(struct cli_ctx *ctx, struct cli_cmd *cmd, char **full, struct buf *err)
{
	const char *verb = cmd->cc_path[0].ca_ent->oc_word, *rest;
	struct cmd_error e;
	struct buf b = BUF_INIT;
	size_t restoff, vlen = strlen(verb), pos;
	bool local;

	*full = NULL;
	restoff = cmd->cc_argi < cmd->cc_words.cw_n ?
	    cmd->cc_words.cw_v[cmd->cc_argi].w_pos : strlen(cmd->cc_line);
	rest = cmd->cc_line + restoff;
	buf_printf(&b, "%s %s", verb, rest);
	if (ctx->cx_scratch == NULL || ctx->cx_scratch_lines > 100000)
		cfg_scratch_reset(ctx);
	if (ctx->cx_scratch == NULL)
		ctx->cx_scratch = conf_new(ctx->cx_schema);
	ctx->cx_scratch_lines++;
	if (cmd_apply_line(ctx->cx_scratch, ctx->cx_level_str, buf_str(&b), &e) == -1) {
		/*
		 * The scratch tree is empty: what depends on the candidate's content
		 * (deleting, renaming, annotating something that exists) is mgd's to judge.
		 */
		local = strcmp(verb, "set") == 0 || e.ce_kind == CE_SYNTAX ||
		    e.ce_kind == CE_AMBIGUOUS || e.ce_kind == CE_VALUE ||
		    e.ce_kind == CE_MISSING;
		if (local) {
			pos = e.ce_pos > vlen ? e.ce_pos - (vlen + 1) + restoff :
			    cli_word_pos(cmd, cmd->cc_first);
			buf_indent(err, (int)(cmd->cc_col + pos));
			buf_puts(err, "^\n");
			if (e.ce_kind == CE_AMBIGUOUS)
				cfg_ambiguous(ctx, cmd, &e, err);
			else
				buf_printf(err, "%s\n", e.ce_msg[0] != '\0' ? e.ce_msg :
				    "syntax error.");
			buf_free(&b);
			return -1;
		}
	}
	buf_reset(&b);
	buf_puts(&b, verb);
	if (ctx->cx_level_str[0] != '\0')
		buf_printf(&b, " %s", ctx->cx_level_str);
	if (rest[0] != '\0')
		buf_printf(&b, " %s", rest);
	*full = buf_steal(&b);
	return 0;
}

int
cfg_load_set(struct cli_ctx *ctx, const char *lines, struct buf *msgs, long *errline)
{
	struct buf body = BUF_INIT;
	struct mgd_reply r;
	char *l;
	int rv;

	if (errline != NULL)
		*errline = -1;
	buf_puts(&body, "<load-configuration action=\"set\" format=\"text\">"
	    "<configuration-set>");
	xml_escape(&body, lines);
	buf_puts(&body, "</configuration-set></load-configuration>");
	rv = mgd_rpc(ctx->cx_mgd, buf_str(&body), &r);
	buf_puts(msgs, buf_str(&r.mr_text));
	/* which line mgd refused (routemu extension in error-info) */
	if (rv == -1 && errline != NULL && r.mr_root != NULL &&
	    (l = mgd_find_text(r.mr_root, "routemu-line")) != NULL) {
		*errline = strtol(l, NULL, 10);
		free(l);
	}
	mgd_reply_free(&r);
	buf_free(&body);
	cli_config_tree_invalidate(ctx);
	return rv;
}

/* Bare `delete` at a level: everything under it, after asking. */
static int
cfg_delete_level(struct cli_ctx *ctx)
{
	struct buf msgs = BUF_INIT, line = BUF_INIT;
	struct mgd_reply r;
	int rv;

	if (!cli_ask(ctx, "Delete everything under this level? [yes,no] (no) ", false))
		return 0;
	if (ctx->cx_level.lv_n == 0) {
		rv = mgd_rpc(ctx->cx_mgd, "<load-configuration action=\"override\" "
		    "format=\"text\"><configuration-text></configuration-text>"
		    "</load-configuration>", &r);
		buf_puts(&msgs, buf_str(&r.mr_text));
		mgd_reply_free(&r);
		cli_config_tree_invalidate(ctx);
	} else {
		buf_printf(&line, "delete %s", ctx->cx_level_str);
		rv = cfg_load_set(ctx, buf_str(&line), &msgs, NULL);
	}
	if (rv == -1)
		cli_error_text(ctx, buf_str(&msgs));
	else
		cli_print(ctx, buf_str(&msgs));
	buf_free(&msgs);
	buf_free(&line);
	return rv;
}

static int
cfg_edit_verb_run(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	struct buf err = BUF_INIT, msgs = BUF_INIT;
	char *full = NULL;
	int rv = -1;

	if (cmd->cc_argi >= cmd->cc_words.cw_n) {
		if (strcmp(cmd->cc_path[0].ca_ent->oc_word, "delete") == 0)
			return cfg_delete_level(ctx);
		/* wording inferred */
		cli_error_at(ctx, cmd, cli_word_pos(cmd, cmd->cc_argi),
		    "syntax error, expecting <statement> or <identifier>.");
		return -1;
	}
	if (cfg_prepare_edit(ctx, cmd, &full, &err) == -1) {
		cli_error_text(ctx, buf_str(&err));
		goto done;
	}
	cfg_scratch_reset(ctx);
	if ((rv = cfg_load_set(ctx, full, &msgs, NULL)) == -1)
		cli_error_text(ctx, buf_str(&msgs));
	else
		cli_print(ctx, buf_str(&msgs));	/* warnings: statement not found */
done:
	free(full);
	buf_free(&err);
	buf_free(&msgs);
	return rv;
}

/* ---- navigation ---- */

static int
cfg_edit(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	struct cli_level path;
	const struct cmd_step *last;
	struct cli_level *nh;

	if (cli_resolve_path(ctx, cmd, cmd->cc_argi, &ctx->cx_level, &path) == -1)
		return -1;
	if (path.lv_n > ctx->cx_level.lv_n) {
		last = &path.lv_steps[path.lv_n - 1];
		/* `edit interfaces`: a root-level list is a level of its own */
		if (last->cs_schema->sn_kind == SCH_LIST && last->cs_id == NULL &&
		    !conffmt_list_wrapped(last->cs_schema)) {
			cli_error_at(ctx, cmd, cli_word_pos(cmd, cmd->cc_words.cw_n),
			    "missing argument.");
			cli_level_free(&path);
			return -1;
		}
		if (last->cs_schema->sn_kind != SCH_CONTAINER &&
		    last->cs_schema->sn_kind != SCH_LIST) {
			cli_error_at(ctx, cmd, cli_word_pos(cmd, cmd->cc_words.cw_n - 1),
			    "syntax error.");
			cli_level_free(&path);
			return -1;
		}
	}
	/* `exit` comes back here */
	nh = realloc(ctx->cx_history, (ctx->cx_nhistory + 1) * sizeof(*nh));
	if (nh == NULL)
		abort();
	ctx->cx_history = nh;
	cli_level_copy(&ctx->cx_history[ctx->cx_nhistory++], &ctx->cx_level);
	cli_level_free(&ctx->cx_level);
	ctx->cx_level = path;
	cfg_level_changed(ctx);
	return 0;
}

static int
cfg_up(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	long n = 1;

	const struct cli_arg *v = cli_path_value(cmd, "up");

	if (v != NULL && cli_number(ctx, cmd, v->ca_word, 1, 1000, &n) == -1)
		return -1;
	while (n-- > 0 && ctx->cx_level.lv_n > 0)
		cfg_level_pop(&ctx->cx_level);
	cfg_level_changed(ctx);
	return 0;
}

static int
cfg_top(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	(void)cmd;
	cli_level_free(&ctx->cx_level);
	cfg_level_changed(ctx);
	return 0;
}

/*
 * `exit` returns to the level before the last `edit` (Junos: "Exit from this level"),
 * and at the top leaves configuration mode.
 */
static int
cfg_exit(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	(void)cmd;
	if (ctx->cx_level.lv_n == 0)
		return cfg_leave(ctx, true);
	cli_level_free(&ctx->cx_level);
	if (ctx->cx_nhistory > 0)
		ctx->cx_level = ctx->cx_history[--ctx->cx_nhistory];
	cfg_level_changed(ctx);
	return 0;
}

/* ---- show, commit, rollback, load, save ---- */

static int
cfg_show(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	struct cli_level path;
	int rv;

	if (cli_resolve_path(ctx, cmd, cmd->cc_argi, &ctx->cx_level, &path) == -1)
		return -1;
	rv = cli_show_config(ctx, cmd, "candidate", &path);
	cli_level_free(&path);
	return rv;
}

static int
cfg_commit(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	const struct cli_arg *check, *confirmed, *minarg, *comment, *andquit;
	struct buf body = BUF_INIT;
	struct mgd_reply r;
	long minutes = 0;
	int rv = -1;

	memset(&r, 0, sizeof(r));
	check = cli_path_find(cmd, "check");
	confirmed = cli_path_find(cmd, "confirmed");
	minarg = cli_path_value(cmd, "confirmed");
	comment = cli_path_value(cmd, "comment");
	andquit = cli_path_find(cmd, "and-quit");
	if (minarg != NULL && cli_number(ctx, cmd, minarg->ca_word, 1, 65535,
	    &minutes) == -1)
		return -1;
	buf_puts(&body, "<commit-configuration>");
	if (check != NULL)
		buf_puts(&body, "<check/>");
	if (confirmed != NULL) {
		buf_puts(&body, "<confirmed/>");
		if (minutes > 0)
			buf_printf(&body, "<confirm-timeout>%ld</confirm-timeout>", minutes);
	}
	if (comment != NULL) {
		buf_puts(&body, "<log>");
		xml_escape(&body, cli_word(cmd, comment->ca_word));
		buf_puts(&body, "</log>");
	}
	if (cli_path_find(cmd, "synchronize") != NULL)
		buf_puts(&body, "<synchronize/>");
	buf_puts(&body, "</commit-configuration>");
	if (mgd_rpc(ctx->cx_mgd, buf_str(&body), &r) == -1) {
		cli_error_text(ctx, buf_str(&r.mr_text));
		goto done;
	}
	buf_puts(cmd->cc_out, buf_str(&r.mr_text));	/* warnings */
	mgd_outputs(r.mr_root, cmd->cc_out);
	cli_config_tree_invalidate(ctx);
	if (check != NULL) {
		buf_puts(cmd->cc_out, "configuration check succeeds\n");
		rv = 0;
		goto done;
	}
	buf_puts(cmd->cc_out, "commit complete\n");
	cli_refresh_host(ctx);
	rv = 0;
	if (andquit != NULL) {
		struct mgd_reply x;

		cli_print(ctx, buf_str(cmd->cc_out));
		buf_reset(cmd->cc_out);
		if (mgd_rpc(ctx->cx_mgd, "<routemu-configure-exit/>", &x) == -1) {
			cli_error_text(ctx, buf_str(&x.mr_text));
			rv = -1;
		} else {
			cli_print(ctx, "Exiting configuration mode\n");
			cfg_mode_reset(ctx, CLI_MODE_OPER);
		}
		mgd_reply_free(&x);
	}
done:
	mgd_reply_free(&r);
	buf_free(&body);
	return rv;
}

static int
cfg_rollback(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	struct buf body = BUF_INIT;
	struct mgd_reply r;
	long n = 0;
	int rv;

	const struct cli_arg *v = cli_path_value(cmd, "rollback");

	if (v != NULL && cli_number(ctx, cmd, v->ca_word, 0, INST_MAX_ROLLBACK, &n) == -1)
		return -1;
	buf_printf(&body, "<load-configuration rollback=\"%ld\"/>", n);
	if ((rv = mgd_rpc(ctx->cx_mgd, buf_str(&body), &r)) == -1)
		cli_error_text(ctx, buf_str(&r.mr_text));
	else {
		buf_puts(cmd->cc_out, buf_str(&r.mr_text));
		buf_puts(cmd->cc_out, "load complete\n");
	}
	mgd_reply_free(&r);
	buf_free(&body);
	cli_config_tree_invalidate(ctx);
	return rv;
}

static int
cfg_load(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	const struct cli_arg *src, *rel, *term;
	const char *action = cmd->cc_path[1].ca_ent->oc_word, *file = NULL;
	struct buf body = BUF_INIT;
	struct mgd_reply r;
	char *data = NULL, *cnt;
	bool set = strcmp(action, "set") == 0;
	int rv = -1;

	memset(&r, 0, sizeof(r));
	src = cli_path_value(cmd, action);
	rel = cli_path_find(cmd, "relative");
	term = cli_path_find(cmd, "terminal");
	if (src == NULL && rel != NULL)
		src = cli_path_value(cmd, "relative");
	if (src != NULL)
		file = cli_word(cmd, src->ca_word);
	if (file == NULL && term == NULL) {
		cli_error_at(ctx, cmd, cli_word_pos(cmd, cmd->cc_words.cw_n),
		    "missing argument.");
		return -1;
	}
	if (term != NULL) {
		cli_print(ctx, "[Type ^D at a new line to end input]\n");
		if ((data = cli_read_terminal(ctx)) == NULL)
			return -1;	/* ^C: nothing loaded */
	} else if ((data = file_read_all(file, NULL)) == NULL) {
		/* wording inferred */
		cli_fail(ctx, "error: Could not open configuration file: %s: %s", file,
		    strerror(errno));
		return -1;
	}
	buf_printf(&body, "<load-configuration action=\"%s\" format=\"text\"", action);
	if (rel != NULL && ctx->cx_level.lv_n > 0) {
		/* mgd applies the text at the edit level (routemu extension) */
		buf_puts(&body, " level=\"");
		xml_escape(&body, ctx->cx_level_str);
		buf_putc(&body, '"');
	}
	buf_puts(&body, set ? "><configuration-set>" : "><configuration-text>");
	xml_escape(&body, data);
	buf_puts(&body, set ? "</configuration-set></load-configuration>" :
	    "</configuration-text></load-configuration>");
	rv = mgd_rpc(ctx->cx_mgd, buf_str(&body), &r);
	cli_config_tree_invalidate(ctx);
	if (rv == -1) {
		long n = r.mr_errors;

		if ((cnt = mgd_find_text(r.mr_root, "load-error-count")) != NULL) {
			n = strtol(cnt, NULL, 10);
			free(cnt);
		}
		cli_error_text(ctx, buf_str(&r.mr_text));
		if (r.mr_doc != NULL) {
			/* mgd applies all or nothing */
			char line[64];

			snprintf(line, sizeof(line), "load failed (%ld errors)\n",
			    n > 0 ? n : 1);
			cli_print(ctx, line);
		}
		goto done;
	}
	buf_puts(cmd->cc_out, buf_str(&r.mr_text));
	buf_puts(cmd->cc_out, "load complete\n");
done:
	mgd_reply_free(&r);
	free(data);
	buf_free(&body);
	return rv;
}

static int
cfg_save(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	struct buf out = BUF_INIT, err = BUF_INIT;
	const struct cli_arg *v = cli_path_value(cmd, "save");
	const char *file = v != NULL ? cli_word(cmd, v->ca_word) : NULL, *p;
	FILE *f;
	size_t lines = 0;
	int rv = -1;

	if (file == NULL) {
		cli_error_at(ctx, cmd, cli_word_pos(cmd, cmd->cc_argi), "missing argument.");
		return -1;
	}
	if (cli_config_text(ctx, "candidate", &ctx->cx_level, &out, &err) == -1) {
		cli_error_text(ctx, buf_str(&err));
		goto done;
	}
	if ((f = fopen(file, "w")) == NULL ||
	    fwrite(buf_str(&out), 1, out.b_len, f) != out.b_len) {
		/* wording inferred */
		cli_fail(ctx, "error: Could not write configuration file: %s: %s", file,
		    strerror(errno));
		if (f != NULL)
			fclose(f);
		goto done;
	}
	if (fclose(f) != 0) {
		cli_fail(ctx, "error: Could not write configuration file: %s: %s", file,
		    strerror(errno));
		goto done;
	}
	for (p = buf_str(&out); *p != '\0'; p++)
		if (*p == '\n')
			lines++;
	/* message inferred (junos-cli.md §1.9) */
	buf_printf(cmd->cc_out, "Wrote %zu line%s of configuration to '%s'\n", lines,
	    lines == 1 ? "" : "s", file);
	rv = 0;
done:
	buf_free(&out);
	buf_free(&err);
	return rv;
}

static int
cfg_run_op(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	struct cli_cmd sub = *cmd;

	sub.cc_first = cmd->cc_argi;
	sub.cc_npath = 0;
	if (sub.cc_first >= sub.cc_words.cw_n) {
		cli_error_at(ctx, cmd, cli_word_pos(cmd, sub.cc_first),
		    "syntax error, expecting <command>.");
		return -1;
	}
	return cli_dispatch(ctx, op_table, &sub);
}

static int
cfg_status(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	struct mgd_reply r;
	int rv;

	if ((rv = mgd_rpc(ctx->cx_mgd, "<routemu-configure-status/>", &r)) == -1)
		cli_error_text(ctx, buf_str(&r.mr_text));
	else
		mgd_outputs(r.mr_root, cmd->cc_out);
	mgd_reply_free(&r);
	return rv;
}

int
cfg_run(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	switch (cmd->cc_id) {
	case CMD_CFG_EDIT_VERB:
		return cfg_edit_verb_run(ctx, cmd);
	case CMD_CFG_EDIT:
		return cfg_edit(ctx, cmd);
	case CMD_CFG_UP:
		return cfg_up(ctx, cmd);
	case CMD_CFG_TOP:
		return cfg_top(ctx, cmd);
	case CMD_CFG_EXIT:
		return cfg_exit(ctx, cmd);
	case CMD_CFG_EXIT_CONFIG:
		return cfg_leave(ctx, true);
	case CMD_CFG_SHOW:
		return cfg_show(ctx, cmd);
	case CMD_CFG_COMMIT:
		return cfg_commit(ctx, cmd);
	case CMD_CFG_ROLLBACK:
		return cfg_rollback(ctx, cmd);
	case CMD_CFG_LOAD:
		return cfg_load(ctx, cmd);
	case CMD_CFG_SAVE:
		return cfg_save(ctx, cmd);
	case CMD_CFG_RUN:
		return cfg_run_op(ctx, cmd);
	case CMD_CFG_STATUS:
		return cfg_status(ctx, cmd);
	default:
		cli_error_at(ctx, cmd, cli_word_pos(cmd, cmd->cc_first), "unknown command.");
		return -1;
	}
}
