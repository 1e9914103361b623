/*
 * opmode: operational mode commands, the dispatcher shared by both modes, and the
 * configuration displays (`show configuration`, and `show` in configuration mode).
 *
 * The commands of schema/op (show version, show system uptime ...) join the
 * hand-written table at start (op_table_build): their words become op_cmd entries,
 * so that the dispatcher and complete.c see one grammar. Running one sends the RPC
 * opschema builds to mgd (which answers it or forwards it to the daemon serving it)
 * and renders the reply with the schema's template (render.h).
 *
 * Displays other than the whole configuration as text are rendered here from the
 * XML mgd sends, with the lib printers (conffmt.h): the same code mgd prints with,
 * and the only way to show a subtree without its enclosing braces as Junos does.
 * Help texts are Junos's as remembered where no capture exists (inferred).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>
#include <libxml/parser.h>

#include "atomicfile.h"
#include "cli.h"
#include "conffmt.h"
#include "instance.h"
#include "netconf.h"
#include "opschema.h"
#include "render.h"

#define ROLLBACK_HELP	"Index of rollback configuration file (0..49)"
#define T_END		{ NULL, NULL, NULL, 0, 0 }

static const struct op_cmd op_configure_sub[] = {
	{ "exclusive", "Obtain exclusive lock (other users cannot make changes)", NULL, 0,
	    CMD_CONFIGURE_EXCLUSIVE },
	{ "private", "Work in private database (other users cannot make changes)", NULL, 0,
	    CMD_CONFIGURE_PRIVATE },
	T_END
};

static const struct op_cmd op_rollback_number[] = {
	{ "<rollback>", ROLLBACK_HELP, NULL, OC_ARG_ROLLBACK, 0 },
	T_END
};

static const struct op_cmd op_rollback_compare[] = {
	{ "compare", "Compare two rollback configurations", op_rollback_number, 0, 0 },
	T_END
};

static const struct op_cmd op_rollback_first[] = {
	{ "<rollback>", ROLLBACK_HELP, op_rollback_compare, OC_EXEC | OC_ARG_ROLLBACK, 0 },
	T_END
};

static const struct op_cmd op_show_system_sub[] = {
	{ "commit", "Show pending commit and commit history", NULL, 0,
	    CMD_SHOW_SYSTEM_COMMIT },
	{ "rollback", "Show rolled back configuration", op_rollback_first, 0,
	    CMD_SHOW_SYSTEM_ROLLBACK },
	T_END
};

static const struct op_cmd op_show_sub[] = {
	{ "cli", "Show command-line interface settings", NULL, 0, CMD_SHOW_CLI },
	{ "configuration", "Show current configuration", NULL,
	    OC_EXEC | OC_ARG_PATH | OC_ARG_COMMITTED, CMD_SHOW_CONFIGURATION },
	{ "system", "Show system information", op_show_system_sub, 0, 0 },
	T_END
};

static const struct op_cmd op_on_off[] = {
	{ "off", "Disable complete-on-space", NULL, 0, 0 },
	{ "on", "Enable complete-on-space", NULL, 0, 0 },
	T_END
};

static const struct op_cmd op_screen_length[] = {
	{ "<screen-length>", "Number of lines on screen (0..100000)", NULL, 0, 0 },
	T_END
};

static const struct op_cmd op_screen_width[] = {
	{ "<screen-width>", "Number of characters on a line (0..1024)", NULL, 0, 0 },
	T_END
};

static const struct op_cmd op_set_cli_sub[] = {
	{ "complete-on-space", "Set whether typing space completes current word",
	    op_on_off, OC_NOPIPE, CMD_SET_CLI_COMPLETE_ON_SPACE },
	{ "screen-length", "Set number of lines on screen", op_screen_length, OC_NOPIPE,
	    CMD_SET_CLI_SCREEN_LENGTH },
	{ "screen-width", "Set number of characters on a line", op_screen_width,
	    OC_NOPIPE, CMD_SET_CLI_SCREEN_WIDTH },
	T_END
};

static const struct op_cmd op_set_sub[] = {
	{ "cli", "Set CLI properties", op_set_cli_sub, 0, 0 },
	T_END
};

const struct op_cmd op_commands[] = {
	{ "configure", "Manipulate software configuration information",
	    op_configure_sub, OC_EXEC, CMD_CONFIGURE },
	{ "exit", "Exit the management session", NULL, OC_NOPIPE, CMD_OP_EXIT },
	{ "quit", "Exit the management session", NULL, OC_NOPIPE, CMD_OP_EXIT },
	{ "set", "Set CLI properties, date/time, craft interface message", op_set_sub, 0,
	    0 },
	{ "show", "Show system information", op_show_sub, 0, 0 },
	T_END
};

const struct op_cmd *op_table = op_commands;

/* ---- schema/op commands in the op_cmd grammar ---- */

/* Every table op_table_build allocated (entries point into the opschema tree). */
static struct op_cmd **op_allocs;
static size_t op_nallocs;
static char **op_words;		/* "<peer-address>": keyword-less args */
static size_t op_nwords;

static struct op_cmd *
op_table_alloc(size_t n)
{
	struct op_cmd *t, **a;

	if ((a = reallocarray(op_allocs, op_nallocs + 1, sizeof(*a))) == NULL)
		return NULL;
	op_allocs = a;
	if ((t = calloc(n + 1, sizeof(*t))) == NULL)	/* + the NULL end */
		return NULL;
	op_allocs[op_nallocs++] = t;
	return t;
}

static int
op_entry_cmp(const void *a, const void *b)
{
	const struct op_cmd *x = a, *y = b;

	return strcmp(x->oc_word, y->oc_word);
}

static int	op_from_node(const struct opsch_node *, struct op_cmd *);

/* The options of a command: its longer commands, levels and arguments. */
static const struct op_cmd *
op_cmd_options(const struct opsch_node *n)
{
	const struct opsch_cmd *c = n->on_cmd;
	struct op_cmd *t, *v;
	size_t k = 0;

	if ((t = op_table_alloc(n->on_nchildren + c->cm_nlevels + c->cm_nargs)) == NULL)
		return NULL;
	for (size_t i = 0; i < n->on_nchildren; i++)
		if (op_from_node(n->on_children[i], &t[k++]) == -1)
			return NULL;
	for (size_t i = 0; i < c->cm_nlevels; i++) {
		const struct opsch_level *l = &c->cm_levels[i];

		if (l->ol_implicit)
			continue;
		t[k].oc_word = l->ol_name;
		t[k].oc_help = l->ol_help;
		t[k++].oc_flags = (l->ol_flags & OPSCH_F_HIDDEN) ? OC_HIDDEN : 0;
	}
	for (size_t i = 0; i < c->cm_nargs; i++) {
		const struct opsch_arg *a = &c->cm_args[i];

		t[k].oc_help = a->oa_help;
		t[k].oc_flags = (a->oa_flags & OPSCH_F_HIDDEN) ? OC_HIDDEN : 0;
		if (a->oa_flags & OPSCH_F_NOKEYWORD) {
			char **w;

			/* a "<word>" entry takes the value: ? shows <peer-address> */
			w = reallocarray(op_words, op_nwords + 1, sizeof(*w));
			if (w == NULL)
				return NULL;
			op_words = w;
			if (asprintf(&op_words[op_nwords], "<%s>", a->oa_name) == -1)
				return NULL;
			t[k++].oc_word = op_words[op_nwords++];
			continue;
		}
		t[k].oc_word = a->oa_name;
		if (a->oa_leaf.sn_type.st_base != ST_EMPTY) {
			if ((v = op_table_alloc(1)) == NULL)
				return NULL;
			v->oc_word = sch_value_placeholder(&a->oa_leaf);
			v->oc_help = a->oa_help;
			t[k].oc_sub = v;
		}
		k++;
	}
	if (k == 0)
		return NULL;
	qsort(t, k, sizeof(*t), op_entry_cmp);
	return t;
}

/* The entry of one word of schema/op: a menu (its words follow) or a command. */
static int
op_from_node(const struct opsch_node *n, struct op_cmd *e)
{
	struct op_cmd *t;

	memset(e, 0, sizeof(*e));
	e->oc_word = n->on_word;
	e->oc_help = n->on_help;
	e->oc_flags = (n->on_flags & OPSCH_F_HIDDEN) ? OC_HIDDEN : 0;
	if (n->on_cmd != NULL) {
		e->oc_id = CMD_OPSCHEMA;
		if ((e->oc_sub = op_cmd_options(n)) != NULL)
			e->oc_flags |= OC_EXEC | OC_OPTIONS;
		return 0;
	}
	if ((t = op_table_alloc(n->on_nchildren)) == NULL)
		return -1;
	for (size_t i = 0; i < n->on_nchildren; i++)
		if (op_from_node(n->on_children[i], &t[i]) == -1)
			return -1;
	e->oc_sub = t;
	return 0;
}

/*
 * fixed (a hand-written table) plus the children of n it does not have. A word in
 * both that leads to more words in both (show, show system) is merged below; any
 * other word in both stays as written by hand.
 */
static const struct op_cmd *
op_merge(const struct op_cmd *fixed, const struct opsch_node *n)
{
	struct op_cmd *t;
	size_t nf = 0, k;

	while (fixed[nf].oc_word != NULL)
		nf++;
	if ((t = op_table_alloc(nf + n->on_nchildren)) == NULL)
		return NULL;
	memcpy(t, fixed, nf * sizeof(*t));
	k = nf;
	for (size_t i = 0; i < n->on_nchildren; i++) {
		const struct opsch_node *c = n->on_children[i];
		size_t j;

		for (j = 0; j < nf; j++)
			if (strcmp(t[j].oc_word, c->on_word) == 0)
				break;
		if (j == nf) {
			if (op_from_node(c, &t[k++]) == -1)
				return NULL;
		} else if (c->on_cmd == NULL && t[j].oc_sub != NULL &&
		    !(t[j].oc_flags & (OC_ARGS | OC_OPTIONS))) {
			if ((t[j].oc_sub = op_merge(t[j].oc_sub, c)) == NULL)
				return NULL;
		}
	}
	qsort(t, k, sizeof(*t), op_entry_cmp);
	return t;
}

int
op_table_build(const struct opschema *os)
{
	const struct op_cmd *t;

	if ((t = op_merge(op_commands, os->os_root)) == NULL) {
		op_table_free();
		return -1;
	}
	op_table = t;
	return 0;
}

void
op_table_free(void)
{
	for (size_t i = 0; i < op_nallocs; i++)
		free(op_allocs[i]);
	free(op_allocs);
	op_allocs = NULL;
	op_nallocs = 0;
	for (size_t i = 0; i < op_nwords; i++)
		free(op_words[i]);
	free(op_words);
	op_words = NULL;
	op_nwords = 0;
	op_table = op_commands;
}

/* ---- dispatch ---- */

static bool
cli_is_value(const struct op_cmd *e)
{
	return e->oc_word[0] == '<';
}

static bool
cli_used(const struct op_cmd *const *used, size_t nused, const struct op_cmd *e)
{
	for (size_t i = 0; i < nused; i++)
		if (used[i] == e)
			return true;
	return false;
}

const struct op_cmd *
cli_match_word(const struct op_cmd *table, const char *word,
    const struct op_cmd *const *used, size_t nused, size_t *nmatch)
{
	const struct op_cmd *e, *hit = NULL, *value = NULL;
	size_t len = strlen(word), n = 0;

	*nmatch = 0;
	if (table == NULL)
		return NULL;
	for (e = table; e->oc_word != NULL; e++) {
		if (cli_used(used, nused, e))
			continue;
		if (cli_is_value(e)) {
			value = e;
			continue;
		}
		if (strcmp(e->oc_word, word) == 0) {
			*nmatch = 1;
			return e;
		}
	}
	for (e = table; len > 0 && e->oc_word != NULL; e++) {
		if (cli_is_value(e) || (e->oc_flags & OC_HIDDEN) || cli_used(used, nused, e))
			continue;
		if (strncmp(e->oc_word, word, len) == 0) {
			hit = e;
			n++;
		}
	}
	if (n == 1) {
		*nmatch = 1;
		return hit;
	}
	if (value != NULL) {
		*nmatch = 1;
		return value;
	}
	*nmatch = n;
	return NULL;
}

/* The error for a word that matched nothing (nm == 0) or several entries. */
static void
cli_word_error(struct cli_ctx *ctx, struct cli_cmd *cmd, const struct op_cmd *table,
    const struct op_cmd *const *used, size_t nused, size_t i, size_t nm, bool first)
{
	struct buf b = BUF_INIT;
	const char *w = cli_word(cmd, i);
	size_t len = strlen(w);

	if (nm > 1) {
		buf_printf(&b, "'%s' is ambiguous.\nPossible completions:\n", w);
		for (const struct op_cmd *e = table; e->oc_word != NULL; e++)
			if (!cli_is_value(e) && !(e->oc_flags & OC_HIDDEN) &&
			    !cli_used(used, nused, e) && strncmp(e->oc_word, w, len) == 0)
				complete_row(&b, "  ", e->oc_word, e->oc_help);
	} else
		buf_puts(&b, first ? "unknown command." :
		    "syntax error, expecting <command>.");
	cli_error_at(ctx, cmd, cli_word_pos(cmd, i), buf_str(&b));
	buf_free(&b);
}

/*
 * Walk the words as complete.c does: keywords and "<value>" words through the
 * tables; an OC_OPTIONS entry makes its oc_sub the options, to which the walk comes
 * back after each option's own words; an OC_ARG_* entry takes the rest of the line.
 */
int
cli_dispatch(struct cli_ctx *ctx, const struct op_cmd *table, struct cli_cmd *cmd)
{
	const struct op_cmd *tbl = table, *last = NULL, *opts = NULL, *e;
	const struct op_cmd *used[CLI_MAXARGS];
	struct buf msg = BUF_INIT;
	size_t i = cmd->cc_first, n = cmd->cc_words.cw_n, nm, nused = 0, errpos = 0, k;
	bool complete;
	int rv = -1;

	cmd->cc_npath = 0;
	cmd->cc_id = CMD_NONE;
	if (i >= n)
		return 0;
	for (; i < n; i++) {
		if (last != NULL && (last->oc_flags & OC_ARGS))
			break;
		e = cli_match_word(tbl, cli_word(cmd, i), used, nused, &nm);
		if (e == NULL) {
			cli_word_error(ctx, cmd, tbl, used, nused, i, nm, last == NULL);
			goto done;
		}
		if (cmd->cc_npath == CLI_MAXARGS) {
			cli_error_at(ctx, cmd, cli_word_pos(cmd, i),
			    "syntax error, expecting <command>.");
			goto done;
		}
		cmd->cc_path[cmd->cc_npath].ca_ent = e;
		cmd->cc_path[cmd->cc_npath++].ca_word = i;
		if (opts != NULL) {
			for (const struct op_cmd *o = opts->oc_sub; o->oc_word != NULL; o++)
				if (o == e && !cli_is_value(e) && nused < CLI_MAXARGS)
					used[nused++] = e;
		}
		if (e->oc_flags & OC_OPTIONS) {
			opts = e;
			nused = 0;
			tbl = e->oc_sub;
		} else if (e->oc_sub != NULL)
			tbl = e->oc_sub;
		else
			tbl = opts != NULL ? opts->oc_sub : NULL;
		last = e;
	}
	cmd->cc_argi = i;
	for (k = cmd->cc_npath; k > 0; k--)
		if (cmd->cc_path[k - 1].ca_ent->oc_id != CMD_NONE) {
			cmd->cc_id = cmd->cc_path[k - 1].ca_ent->oc_id;
			break;
		}
	/* complete.c's rule for <[Enter]>; a path command's handler judges its path */
	complete = (last->oc_flags & (OC_EXEC | OC_ARGS)) || last->oc_sub == NULL;
	if (!complete || cmd->cc_id == CMD_NONE) {
		const struct op_cmd *v;

		/* a value must follow ("<number>" ...): missing argument */
		for (v = tbl; v != NULL && v->oc_word != NULL; v++)
			if (cli_is_value(v))
				break;
		cli_error_at(ctx, cmd, cli_word_pos(cmd, i),
		    v != NULL && v->oc_word != NULL ? "missing argument." :
		    "syntax error, expecting <command>.");
		goto done;
	}
	if (cmd->cc_nstages > 0 && pipe_check_context(cmd->cc_stages, cmd->cc_nstages,
	    cmd->cc_id == CMD_SHOW_CONFIGURATION || cmd->cc_id == CMD_CFG_SHOW, &errpos,
	    &msg) == -1) {
		cli_error_at(ctx, cmd, errpos, buf_str(&msg));
		goto done;
	}
	rv = cmd->cc_id >= CMD_CFG_FIRST ? cfg_run(ctx, cmd) : op_run(ctx, cmd);
done:
	buf_free(&msg);
	return rv;
}

const struct cli_arg *
cli_path_find(const struct cli_cmd *cmd, const char *name)
{
	for (size_t i = 0; i < cmd->cc_npath; i++)
		if (strcmp(cmd->cc_path[i].ca_ent->oc_word, name) == 0)
			return &cmd->cc_path[i];
	return NULL;
}

const struct cli_arg *
cli_path_value(const struct cli_cmd *cmd, const char *name)
{
	for (size_t i = 0; i + 1 < cmd->cc_npath; i++)
		if (strcmp(cmd->cc_path[i].ca_ent->oc_word, name) == 0 &&
		    cli_is_value(cmd->cc_path[i + 1].ca_ent))
			return &cmd->cc_path[i + 1];
	return NULL;
}

/* ---- configuration paths ---- */

void
cli_level_free(struct cli_level *lv)
{
	for (size_t i = 0; i < lv->lv_n; i++)
		free(lv->lv_steps[i].cs_id);
	free(lv->lv_steps);
	lv->lv_steps = NULL;
	lv->lv_n = 0;
}

void
cli_level_copy(struct cli_level *dst, const struct cli_level *src)
{
	dst->lv_n = 0;
	dst->lv_steps = calloc(src->lv_n > 0 ? src->lv_n : 1, sizeof(*dst->lv_steps));
	if (dst->lv_steps == NULL)
		abort();
	for (size_t i = 0; i < src->lv_n; i++) {
		dst->lv_steps[i].cs_schema = src->lv_steps[i].cs_schema;
		dst->lv_steps[i].cs_id = NULL;
		if (src->lv_steps[i].cs_id != NULL &&
		    (dst->lv_steps[i].cs_id = strdup(src->lv_steps[i].cs_id)) == NULL)
			abort();
		dst->lv_n++;
	}
}

static const char *
cli_cmd_errmsg(const struct cmd_error *err)
{
	if (err->ce_msg[0] != '\0')
		return err->ce_msg;
	switch (err->ce_kind) {
	case CE_MISSING:
		return "missing argument.";
	case CE_AMBIGUOUS:
		return "ambiguous.";
	default:
		return "syntax error.";
	}
}

static int
cli_sch_cmp(const void *a, const void *b)
{
	const struct sch_node *const *x = a, *const *y = b;

	return strcmp((*x)->sn_name, (*y)->sn_name);
}

void
cli_sch_matches(struct buf *b, const struct sch_node *at, const char *word)
{
	const struct sch_node *m[128];
	size_t n, i;

	buf_puts(b, "Possible completions:\n");
	if (at == NULL)
		return;
	n = sch_prefix_match(at, word, m, 128);
	if (n > 128)
		n = 128;
	qsort(m, n, sizeof(m[0]), cli_sch_cmp);
	for (i = 0; i < n; i++) {
		const char *prefix = "  ";

		if (m[i]->sn_kind == SCH_CONTAINER || m[i]->sn_kind == SCH_LIST)
			prefix = "> ";
		else if (m[i]->sn_kind == SCH_LEAFLIST)
			prefix = "+ ";
		complete_row(b, prefix, m[i]->sn_name, m[i]->sn_help);
	}
}

int
cli_resolve_path(struct cli_ctx *ctx, struct cli_cmd *cmd, size_t from,
    const struct cli_level *level, struct cli_level *out)
{
	struct cmd_words lw;
	struct cmd_word *all = NULL;
	struct cmd_resolution res;
	struct cmd_error err;
	struct buf b = BUF_INIT;
	char *lstr = NULL, serr[128];
	size_t nl = 0, nw, total, i;
	int rv = -1;

	memset(&lw, 0, sizeof(lw));
	memset(&res, 0, sizeof(res));
	out->lv_steps = NULL;
	out->lv_n = 0;
	if (level != NULL && level->lv_n > 0) {
		lstr = cmd_steps_string(level->lv_steps, level->lv_n);
		if (lstr == NULL || cmd_split(lstr, &lw, serr, sizeof(serr)) == -1)
			goto done;
		nl = lw.cw_n;
	}
	nw = from < cmd->cc_words.cw_n ? cmd->cc_words.cw_n - from : 0;
	total = nl + nw;
	if (total == 0) {
		rv = 0;
		goto done;
	}
	if ((all = calloc(total, sizeof(*all))) == NULL)
		abort();
	for (i = 0; i < nl; i++) {
		all[i] = lw.cw_v[i];
		all[i].w_pos = cli_word_pos(cmd, from);
	}
	for (i = 0; i < nw; i++)
		all[nl + i] = cmd->cc_words.cw_v[from + i];
	if (cmd_resolve(ctx->cx_schema->s_root, all, total, false, &res, &err) == -1) {
		if (err.ce_kind == CE_AMBIGUOUS) {
			buf_printf(&b, "%s\n", cli_cmd_errmsg(&err));
			cli_sch_matches(&b, res.cr_node, err.ce_word);
		} else
			buf_puts(&b, cli_cmd_errmsg(&err));
		cli_error_at(ctx, cmd, err.ce_pos, buf_str(&b));
		goto done;
	}
	out->lv_steps = calloc(res.cr_nsteps > 0 ? res.cr_nsteps : 1,
	    sizeof(*out->lv_steps));
	if (out->lv_steps == NULL)
		abort();
	for (i = 0; i < res.cr_nsteps; i++) {
		out->lv_steps[i].cs_schema = res.cr_steps[i].cs_schema;
		out->lv_steps[i].cs_id = res.cr_steps[i].cs_id;
		res.cr_steps[i].cs_id = NULL;
	}
	out->lv_n = res.cr_nsteps;
	/* a list named without its key: the list (all its entries) */
	if (res.cr_expect == CX_KEY && res.cr_pending != NULL) {
		struct cmd_step *ns = realloc(out->lv_steps,
		    (out->lv_n + 1) * sizeof(*out->lv_steps));
		if (ns == NULL)
			abort();
		out->lv_steps = ns;
		out->lv_steps[out->lv_n].cs_schema = res.cr_pending;
		out->lv_steps[out->lv_n].cs_id = NULL;
		out->lv_n++;
	} else if (res.cr_expect == CX_VALUE && res.cr_pending != NULL) {
		/* a leaf named without its value */
		struct cmd_step *ns = realloc(out->lv_steps,
		    (out->lv_n + 1) * sizeof(*out->lv_steps));
		if (ns == NULL)
			abort();
		out->lv_steps = ns;
		out->lv_steps[out->lv_n].cs_schema = res.cr_pending;
		out->lv_steps[out->lv_n].cs_id = NULL;
		out->lv_n++;
	}
	rv = 0;
done:
	cmd_resolution_free(&res);
	free(all);
	free(lstr);
	cmd_words_free(&lw);
	buf_free(&b);
	return rv;
}

/* ---- getting configurations from mgd ---- */

/*
 * <configuration> filter selecting path: element names are the schema's, except the
 * entries of a root-level list (<interfaces><interface><name>ge-0/0/0</name>).
 */
static void
cli_filter(struct buf *b, const struct cli_level *path)
{
	const char *close[2 * 64];
	size_t i, nclose = 0;

	if (path == NULL || path->lv_n == 0)
		return;
	buf_puts(b, "<configuration>");
	for (i = 0; i < path->lv_n && nclose + 2 <= 2 * 64; i++) {
		const struct sch_node *s = path->lv_steps[i].cs_schema;
		const char *id = path->lv_steps[i].cs_id;
		const char *entry = conffmt_xml_entry(s);

		if (s->sn_kind == SCH_LEAF || s->sn_kind == SCH_LEAFLIST ||
		    (s->sn_kind == SCH_LIST && id == NULL)) {
			buf_printf(b, "<%s/>", s->sn_name);
			break;
		}
		buf_printf(b, "<%s>", s->sn_name);
		close[nclose++] = s->sn_name;
		if (s->sn_kind == SCH_LIST && entry != NULL) {
			buf_printf(b, "<%s>", entry);
			close[nclose++] = entry;
		}
		if (s->sn_kind == SCH_LIST && s->sn_key != NULL) {
			buf_printf(b, "<%s>", s->sn_key->sn_name);
			xml_escape(b, id);
			buf_printf(b, "</%s>", s->sn_key->sn_name);
		}
	}
	while (nclose > 0)
		buf_printf(b, "</%s>", close[--nclose]);
	buf_puts(b, "</configuration>");
}

/* `junos:commit-seconds="..." ...` of the <configuration> element. */
static char *
cli_conf_attrs(xmlNodePtr conf)
{
	struct buf b = BUF_INIT;
	xmlAttrPtr a;

	for (a = conf->properties; a != NULL; a = a->next) {
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);

		if (b.b_len > 0)
			buf_putc(&b, ' ');
		if (a->ns != NULL && a->ns->prefix != NULL)
			buf_printf(&b, "%s:", (const char *)a->ns->prefix);
		buf_printf(&b, "%s=\"", (const char *)a->name);
		xml_escape(&b, v != NULL ? (const char *)v : "");
		buf_putc(&b, '"');
		xmlFree(v);
	}
	return buf_steal(&b);
}

static char	*cli_conf_attrs_json(xmlNodePtr);

/* cli_get_tree, and the attributes also as the "@" members of `| display json`. */
static struct conf_node *
cli_get_tree_attrs(struct cli_ctx *ctx, const char *database,
    const struct cli_level *path, char **attrs, char **attrs_json, struct buf *err)
{
	struct mgd_reply r;
	struct buf body = BUF_INIT, perr = BUF_INIT;
	struct conf_node *tree = NULL;
	xmlNodePtr conf;

	if (attrs != NULL)
		*attrs = NULL;
	if (attrs_json != NULL)
		*attrs_json = NULL;
	buf_printf(&body, "<get-configuration database=\"%s\" format=\"xml\">", database);
	cli_filter(&body, path);
	buf_puts(&body, "</get-configuration>");
	if (mgd_rpc(ctx->cx_mgd, buf_str(&body), &r) == -1) {
		buf_puts(err, buf_str(&r.mr_text));
		goto done;
	}
	if ((tree = conf_new(ctx->cx_schema)) == NULL)
		goto done;
	if ((conf = mgd_find(r.mr_root, "configuration")) == NULL)
		goto done;
	if (attrs != NULL)
		*attrs = cli_conf_attrs(conf);
	if (attrs_json != NULL && conf->properties != NULL)
		*attrs_json = cli_conf_attrs_json(conf);
	if (conf_parse_xml(tree, conf, &perr) > 0) {
		buf_printf(err, "error: unexpected configuration from mgd:\n%s",
		    buf_str(&perr));
		conf_free(tree);
		tree = NULL;
	}
done:
	mgd_reply_free(&r);
	buf_free(&body);
	buf_free(&perr);
	return tree;
}

struct conf_node *
cli_get_tree(struct cli_ctx *ctx, const char *database, const struct cli_level *path,
    char **attrs, struct buf *err)
{
	return cli_get_tree_attrs(ctx, database, path, attrs, NULL, err);
}

char *
cli_get_host_name(struct cli_ctx *ctx)
{
	struct mgd_reply r;
	char *h = NULL;

	if (mgd_rpc(ctx->cx_mgd, "<get-configuration database=\"committed\" "
	    "format=\"xml\"><configuration><system><host-name/></system>"
	    "</configuration></get-configuration>", &r) == 0)
		h = mgd_find_text(r.mr_root, "host-name");
	mgd_reply_free(&r);
	return h;
}

char **
cli_rollback_list(struct cli_ctx *ctx, size_t *np)
{
	struct mgd_reply r;
	xmlNodePtr info, h;
	char **v = NULL;
	size_t n = 0;

	*np = 0;
	if (mgd_rpc(ctx->cx_mgd, "<get-commit-information/>", &r) == -1)
		goto done;
	if ((info = mgd_find(r.mr_root, "commit-information")) == NULL)
		goto done;
	if ((v = calloc((INST_MAX_ROLLBACK + 1), sizeof(*v))) == NULL)
		goto done;
	for (h = nc_xml_first(info); h != NULL; h = nc_xml_next(h)) {
		char *seq, *date, *user, *client;
		long k;

		if (!nc_xml_is(h, "commit-history"))
			continue;
		seq = mgd_find_text(h, "sequence-number");
		date = mgd_find_text(h, "date-time");
		user = mgd_find_text(h, "user");
		client = mgd_find_text(h, "client");
		k = seq != NULL ? strtol(seq, NULL, 10) : -1;
		if (k >= 0 && k < (INST_MAX_ROLLBACK + 1) && v[k] == NULL) {
			struct buf b = BUF_INIT;

			buf_printf(&b, "%s by %s via %s", date ? date : "",
			    user ? user : "", client ? client : "");
			v[k] = buf_steal(&b);
			if ((size_t)k + 1 > n)
				n = (size_t)k + 1;
		}
		free(seq);
		free(date);
		free(user);
		free(client);
	}
	for (size_t i = 0; i < n; i++)
		if (v[i] == NULL && (v[i] = strdup("")) == NULL)
			abort();
done:
	mgd_reply_free(&r);
	if (n == 0) {
		free(v);
		return NULL;
	}
	*np = n;
	return v;
}

/* ---- displays ---- */

/*
 * The node of tree at path, or a view holding only what path names when it ends
 * at a leaf, a leaf-list or a list without a key (the statements themselves are
 * shown there, not their contents; *list is set for a list: its entries are shown
 * without the `interfaces { }` block of a root-level list). *view is set when one
 * was built (the caller frees it).
 */
static const struct conf_node *
cli_path_node(const struct conf_node *tree, const struct cli_level *path,
    struct conf_node **view, const struct sch_node **list)
{
	const struct conf_node *n = tree, *c;
	const struct sch_node *s;
	const char *id;
	struct conf_node *v;
	size_t i;

	*view = NULL;
	*list = NULL;
	if (path == NULL || path->lv_n == 0)
		return tree;
	for (i = 0; i < path->lv_n; i++) {
		s = path->lv_steps[i].cs_schema;
		id = path->lv_steps[i].cs_id;
		if (s->sn_kind == SCH_LEAF || s->sn_kind == SCH_LEAFLIST ||
		    (s->sn_kind == SCH_LIST && id == NULL))
			break;
		if ((c = conf_find(n, s, id)) == NULL)
			return NULL;
		n = c;
	}
	if (i == path->lv_n)
		return n;
	/* rebuild the ancestors, then copy the statements named */
	v = conf_new(conf_schema(tree));
	*view = v;
	for (size_t k = 0; k < i; k++)
		v = conf_get(v, path->lv_steps[k].cs_schema, path->lv_steps[k].cs_id);
	s = path->lv_steps[i].cs_schema;
	id = path->lv_steps[i].cs_id;
	for (c = conf_first_of(n, s); c != NULL; c = conf_next_of(c)) {
		if (s->sn_kind == SCH_LEAFLIST && id != NULL && strcmp(conf_id(c), id) != 0)
			continue;
		conf_attach(v, conf_dup(c));
	}
	if (conf_is_empty(v))
		return NULL;
	if (s->sn_kind == SCH_LIST)
		*list = s;
	return v;
}

/* "set LEVEL x" -> "set x" (| display set relative below a deeper path). */
static void
cli_strip_level(struct buf *out, const char *text, const char *level)
{
	size_t llen = strlen(level);
	const char *p = text, *eol, *sp;

	while (*p != '\0') {
		eol = strchr(p, '\n');
		if (eol == NULL)
			eol = p + strlen(p);
		sp = memchr(p, ' ', (size_t)(eol - p));
		if (llen > 0 && sp != NULL && (size_t)(eol - sp - 1) > llen &&
		    strncmp(sp + 1, level, llen) == 0 && sp[1 + llen] == ' ') {
			buf_append(out, p, (size_t)(sp - p) + 1);
			buf_append(out, sp + 2 + llen, (size_t)(eol - (sp + 2 + llen)));
		} else
			buf_append(out, p, (size_t)(eol - p));
		if (*eol == '\n') {
			buf_putc(out, '\n');
			eol++;
		}
		p = eol;
	}
}

/*
 * How many leading steps of path `| display set relative` leaves out: the statement
 * shown and its ancestors (Junos prints `show configuration system ntp | display set
 * relative` as `set server ...`, in operational and configuration mode alike), but not
 * a leaf or leaf-list named at the end, whose name is the statement itself.
 */
static size_t
cli_relative_steps(const struct cli_level *path)
{
	size_t n;

	if (path == NULL || path->lv_n == 0)
		return 0;
	n = path->lv_n;
	if (path->lv_steps[n - 1].cs_schema->sn_kind == SCH_LEAF ||
	    path->lv_steps[n - 1].cs_schema->sn_kind == SCH_LEAFLIST)
		n--;
	return n;
}

/*
 * The "@" members of `| display json` from the XML attributes of <configuration>
 * (`"junos:commit-seconds" : "1771154457", ...`), or NULL when it has none.
 */
static char *
cli_conf_attrs_json(xmlNodePtr conf)
{
	struct buf b = BUF_INIT;
	json_object *s;
	xmlAttrPtr a;

	if (conf == NULL)
		return NULL;
	for (a = conf->properties; a != NULL; a = a->next) {
		xmlChar *v = xmlNodeGetContent((xmlNodePtr)a);
		struct buf name = BUF_INIT;

		if (a->ns != NULL && a->ns->prefix != NULL)
			buf_printf(&name, "%s:", (const char *)a->ns->prefix);
		buf_puts(&name, (const char *)a->name);
		if (b.b_len > 0)
			buf_puts(&b, ", ");
		if ((s = json_object_new_string(buf_str(&name))) != NULL) {
			buf_puts(&b, json_object_to_json_string_ext(s, JSON_C_TO_STRING_PLAIN |
			    JSON_C_TO_STRING_NOSLASHESCAPE));
			json_object_put(s);
		}
		buf_puts(&b, " : ");
		if ((s = json_object_new_string(v != NULL ? (const char *)v : "")) != NULL) {
			buf_puts(&b, json_object_to_json_string_ext(s, JSON_C_TO_STRING_PLAIN |
			    JSON_C_TO_STRING_NOSLASHESCAPE));
			json_object_put(s);
		}
		xmlFree(v);
		buf_free(&name);
	}
	return buf_steal(&b);
}

/*
 * `| compare FILE`: what changed from the configuration in FILE (text form) to the
 * one shown, below the path shown, in the `show | compare` layout.
 */
static int
cli_compare_file(struct cli_ctx *ctx, const char *database, const struct cli_level *path,
    const char *file, struct buf *out, struct buf *err)
{
	struct conf_node *cur = NULL, *old = NULL;
	struct buf perr = BUF_INIT;
	char *text = NULL, *level = NULL;
	size_t nlevel = cli_relative_steps(path);
	int rv = -1;

	if ((text = file_read_all(file, NULL)) == NULL) {
		/* wording inferred, as load's */
		buf_printf(err, "error: Could not open configuration file: %s: %s\n", file,
		    strerror(errno));
		goto done;
	}
	old = conf_new(ctx->cx_schema);
	if (conf_parse_text(old, text, file, &perr) > 0) {
		buf_puts(err, buf_str(&perr));
		goto done;
	}
	if ((cur = cli_get_tree(ctx, database, NULL, NULL, err)) == NULL)
		goto done;
	if (nlevel > 0 && (level = cmd_steps_string(path->lv_steps, nlevel)) == NULL)
		goto done;
	conf_print_diff(out, old, cur, level);
	rv = 0;
done:
	if (old != NULL)
		conf_free(old);
	if (cur != NULL)
		conf_free(cur);
	buf_free(&perr);
	free(text);
	free(level);
	return rv;
}

static int
cli_render(struct cli_ctx *ctx, const char *database, const struct cli_level *path,
    const struct pipe_display *disp, struct buf *out, struct buf *err)
{
	struct mgd_reply r;
	struct buf body = BUF_INIT, tmp = BUF_INIT, gerr = BUF_INIT;
	struct conf_node *tree = NULL, *eff = NULL, *view = NULL;
	const struct conf_node *node;
	const struct sch_node *list = NULL;
	char *attrs = NULL, *attrs_json = NULL, *t, *lstr = NULL;
	unsigned opts = 0;
	size_t nrel;
	int rv = -1;

	memset(&r, 0, sizeof(r));
	if (disp->compare_file != NULL)
		return cli_compare_file(ctx, database, path, disp->compare_file, out, err);
	if (disp->compare) {
		buf_printf(&body, "<get-configuration database=\"%s\" compare=\"rollback\" "
		    "rollback=\"%d\" format=\"text\">", database,
		    disp->compare_rollback < 0 ? 0 : disp->compare_rollback);
		cli_filter(&body, path);
		buf_puts(&body, "</get-configuration>");
		if (mgd_rpc(ctx->cx_mgd, buf_str(&body), &r) == -1) {
			buf_puts(err, buf_str(&r.mr_text));
			goto done;
		}
		if ((t = mgd_find_text(r.mr_root, "configuration-output")) != NULL) {
			buf_puts(out, t);
			if (t[0] != '\0')
				buf_putc(out, '\n');
			free(t);
		}
		rv = 0;
		goto done;
	}
	if (disp->format == PIPE_FMT_TEXT && (path == NULL || path->lv_n == 0)) {
		/* the whole configuration: mgd's text, with its ## Last commit header */
		buf_printf(&body, "<get-configuration database=\"%s\" format=\"text\"/>",
		    database);
		if (mgd_rpc(ctx->cx_mgd, buf_str(&body), &r) == -1) {
			buf_puts(err, buf_str(&r.mr_text));
			goto done;
		}
		xmlNodePtr ct = mgd_find(r.mr_root, "configuration-text");
		if (ct != NULL && (t = nc_xml_text(ct)) != NULL) {
			char *p = t;

			/* the element's own leading newline is not part of the text */
			if (*p == '\n')
				p++;
			buf_puts(out, p);
			if (out->b_len > 0 && out->b_data[out->b_len - 1] != '\n')
				buf_putc(out, '\n');
			free(t);
		}
		rv = 0;
		goto done;
	}
	if (disp->format == PIPE_FMT_INHERITANCE) {
		/* groups apply from anywhere: expand the whole tree, then look */
		if ((tree = cli_get_tree_attrs(ctx, database, NULL, &attrs, &attrs_json,
		    err)) == NULL)
			goto done;
		if ((eff = conf_expand_groups(tree, true, &gerr)) == NULL) {
			buf_puts(err, buf_str(&gerr));
			goto done;
		}
		opts |= CONF_P_INHERITANCE;
		if (disp->no_comments)
			opts |= CONF_P_NO_COMMENTS;
		node = cli_path_node(eff, path, &view, &list);
	} else {
		if ((tree = cli_get_tree_attrs(ctx, database, path, &attrs, &attrs_json,
		    err)) == NULL)
			goto done;
		node = cli_path_node(tree, path, &view, &list);
	}
	rv = 0;
	if (node == NULL)
		goto done;	/* nothing configured there: Junos shows nothing */
	if (disp->no_export_path)
		opts |= CONF_P_NO_EXPORT_PATH;
	switch (disp->format) {
	case PIPE_FMT_SET:
		if (disp->relative && (nrel = cli_relative_steps(path)) > 0) {
			lstr = cmd_steps_string(path->lv_steps, nrel);
			conf_print_set(&tmp, node, false, opts);
			cli_strip_level(out, buf_str(&tmp), lstr);
		} else
			conf_print_set(out, node, false, opts);
		break;
	case PIPE_FMT_XML:
		/* <configuration> 4 columns in, inside <rpc-reply> (live vSRX capture) */
		buf_puts(out, "<rpc-reply xmlns:junos=\"" NC_NS_JUNOS "\">\n");
		conf_print_xml_indent(out, node, attrs, opts, 4);
		if (out->b_len > 0 && out->b_data[out->b_len - 1] != '\n')
			buf_putc(out, '\n');
		buf_puts(out, "    <cli>\n        <banner>");
		if (ctx->cx_mode == CLI_MODE_CONFIG && strcmp(database, "candidate") == 0) {
			if (ctx->cx_level_str[0] != '\0')
				buf_printf(out, "[edit %s]", ctx->cx_level_str);
			else
				buf_puts(out, "[edit]");
		}
		buf_puts(out, "</banner>\n    </cli>\n</rpc-reply>\n");
		break;
	case PIPE_FMT_JSON:
		conf_print_json(out, node, attrs_json, opts);
		if (out->b_len > 0 && out->b_data[out->b_len - 1] != '\n')
			buf_putc(out, '\n');
		break;
	default:
		if (list != NULL)
			conf_print_text_list(out, node, list, 0, opts);
		else
			conf_print_text(out, node, 0, opts);
		break;
	}
done:
	if (view != NULL)
		conf_free(view);
	if (eff != NULL)
		conf_free(eff);
	if (tree != NULL)
		conf_free(tree);
	mgd_reply_free(&r);
	free(attrs);
	free(attrs_json);
	free(lstr);
	buf_free(&body);
	buf_free(&tmp);
	buf_free(&gerr);
	return rv;
}

int
cli_show_config(struct cli_ctx *ctx, struct cli_cmd *cmd, const char *database,
    const struct cli_level *path)
{
	struct buf err = BUF_INIT;
	int rv;

	if ((rv = cli_render(ctx, database, path, &cmd->cc_disp, cmd->cc_out, &err)) == -1)
		cli_error_text(ctx, buf_str(&err));
	buf_free(&err);
	return rv;
}

int
cli_config_text(struct cli_ctx *ctx, const char *database, const struct cli_level *path,
    struct buf *out, struct buf *err)
{
	struct pipe_display disp;

	memset(&disp, 0, sizeof(disp));
	disp.compare_rollback = -1;
	return cli_render(ctx, database, path, &disp, out, err);
}

/* ---- operational commands ---- */

static int
op_configure(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	enum cli_cfgkind kind = CLI_CFG_SHARED;

	if (cmd->cc_id == CMD_CONFIGURE_EXCLUSIVE)
		kind = CLI_CFG_EXCLUSIVE;
	else if (cmd->cc_id == CMD_CONFIGURE_PRIVATE)
		kind = CLI_CFG_PRIVATE;
	if (ctx->cx_mode == CLI_MODE_CONFIG) {
		/* `run configure` (wording inferred) */
		cli_fail(ctx, "error: already in configuration mode");
		return -1;
	}
	return cfg_enter(ctx, kind);
}

static int
op_show_configuration(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	struct cli_level path;
	int rv;

	if (cli_resolve_path(ctx, cmd, cmd->cc_argi, NULL, &path) == -1)
		return -1;
	rv = cli_show_config(ctx, cmd, "committed", &path);
	cli_level_free(&path);
	return rv;
}

/* Drop the whitespace-only text between elements, so the dump can indent. */
static void
op_strip_blanks(xmlNodePtr n)
{
	xmlNodePtr c, next;

	for (c = n->children; c != NULL; c = next) {
		next = c->next;
		if (c->type == XML_TEXT_NODE && xmlIsBlankNode(c) &&
		    (c->prev != NULL || c->next != NULL)) {
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		} else if (c->type == XML_ELEMENT_NODE)
			op_strip_blanks(c);
	}
}

/* `| display xml` of an operational reply: the reply as Junos prints it, 4 spaces a
 * level below <rpc-reply>. */
static void
op_reply_xml(struct buf *out, xmlNodePtr root)
{
	xmlBufferPtr xb;
	xmlNodePtr c;
	const char *saved = xmlTreeIndentString;

	xmlTreeIndentString = "    ";
	buf_puts(out, "<rpc-reply xmlns:junos=\"" NC_NS_JUNOS "\">\n");
	for (c = nc_xml_first(root); c != NULL; c = nc_xml_next(c)) {
		if ((xb = xmlBufferCreate()) == NULL)
			continue;
		op_strip_blanks(c);
		buf_puts(out, "    ");
		xmlNodeDump(xb, c->doc, c, 1, 1);
		buf_append(out, (const char *)xmlBufferContent(xb),
		    (size_t)xmlBufferLength(xb));
		buf_putc(out, '\n');
		xmlBufferFree(xb);
	}
	xmlTreeIndentString = saved;
	buf_puts(out, "    <cli>\n        <banner></banner>\n    </cli>\n</rpc-reply>\n");
}

/* `| display xml rpc`: the request instead of running it (layout inferred). */
static void
op_rpc_xml(struct buf *out, const char *rpc)
{
	buf_printf(out, "<rpc-reply xmlns:junos=\"" NC_NS_JUNOS "\">\n"
	    "    <rpc>\n        %s\n    </rpc>\n"
	    "    <cli>\n        <banner></banner>\n    </cli>\n</rpc-reply>\n", rpc);
}

static int
op_show_system_commit(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	struct mgd_reply r;
	int rv;

	if (cmd->cc_disp.xml_rpc) {
		op_rpc_xml(cmd->cc_out, "<get-commit-information/>");
		return 0;
	}
	if (cmd->cc_disp.format == PIPE_FMT_XML) {
		if ((rv = mgd_rpc(ctx->cx_mgd, "<get-commit-information/>", &r)) == 0)
			op_reply_xml(cmd->cc_out, r.mr_root);
		else
			cli_error_text(ctx, buf_str(&r.mr_text));
		mgd_reply_free(&r);
		return rv;
	}
	/* mgd renders it: one formatter for the cli and <command> over NETCONF */
	if ((rv = mgd_rpc(ctx->cx_mgd, "<command format=\"text\">show system commit"
	    "</command>", &r)) == 0)
		mgd_outputs(r.mr_root, cmd->cc_out);
	else
		cli_error_text(ctx, buf_str(&r.mr_text));
	mgd_reply_free(&r);
	return rv;
}

static int
op_show_system_rollback(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	const struct cli_arg *rb, *cmp;
	struct mgd_reply r;
	struct buf body = BUF_INIT;
	long n = 0, m = -1;
	char *t;
	int rv = -1;

	rb = cli_path_value(cmd, "rollback");
	cmp = cli_path_value(cmd, "compare");
	if (rb == NULL) {
		cli_error_at(ctx, cmd, cli_word_pos(cmd, cmd->cc_argi), "missing argument.");
		return -1;
	}
	if (cli_number(ctx, cmd, rb->ca_word, 0, INST_MAX_ROLLBACK, &n) == -1)
		return -1;
	if (cmp != NULL && cli_number(ctx, cmd, cmp->ca_word, 0, INST_MAX_ROLLBACK,
	    &m) == -1)
		return -1;
	buf_printf(&body, "<get-rollback-information><rollback>%ld</rollback>", n);
	if (m >= 0)
		buf_printf(&body, "<compare>%ld</compare>", m);
	buf_puts(&body, "<format>text</format></get-rollback-information>");
	if (cmd->cc_disp.xml_rpc) {
		op_rpc_xml(cmd->cc_out, buf_str(&body));
		rv = 0;
		goto done;
	}
	if (mgd_rpc(ctx->cx_mgd, buf_str(&body), &r) == -1) {
		cli_error_text(ctx, buf_str(&r.mr_text));
		mgd_reply_free(&r);
		goto done;
	}
	if (cmd->cc_disp.format == PIPE_FMT_XML)
		op_reply_xml(cmd->cc_out, r.mr_root);
	else if ((t = mgd_find_text(r.mr_root, "configuration-output")) != NULL) {
		buf_puts(cmd->cc_out, t);
		if (t[0] != '\0')
			buf_putc(cmd->cc_out, '\n');
		free(t);
	}
	mgd_reply_free(&r);
	rv = 0;
done:
	buf_free(&body);
	return rv;
}

static int
op_show_cli(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	const char *term = getenv("TERM");
	char cwd[4096];

	if (getcwd(cwd, sizeof(cwd)) == NULL)
		strcpy(cwd, "/");
	/* the lines of Junos's `show cli` that apply here */
	buf_printf(cmd->cc_out, "CLI complete-on-space set to %s\n",
	    ctx->cx_complete_on_space ? "on" : "off");
	buf_puts(cmd->cc_out, "CLI idle-timeout disabled\n");
	buf_puts(cmd->cc_out, "CLI restart-on-upgrade set to on\n");
	buf_printf(cmd->cc_out, "CLI screen-length set to %d\n", ctx->cx_screen_length);
	buf_printf(cmd->cc_out, "CLI screen-width set to %d\n", ctx->cx_screen_width);
	buf_printf(cmd->cc_out, "CLI terminal is '%s'\n", term != NULL ? term : "dumb");
	buf_puts(cmd->cc_out, "CLI is operating in enhanced mode\n");
	buf_puts(cmd->cc_out, "CLI timestamp disabled\n");
	buf_printf(cmd->cc_out, "CLI working directory is '%s'\n", cwd);
	return 0;
}

static int
op_set_cli(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	const struct cli_arg *v;
	long n;

	switch (cmd->cc_id) {
	case CMD_SET_CLI_SCREEN_LENGTH:
		v = cli_path_value(cmd, "screen-length");
		if (v == NULL || cli_number(ctx, cmd, v->ca_word, 0, 100000, &n) == -1)
			return -1;
		ctx->cx_screen_length = (int)n;
		buf_printf(cmd->cc_out, "Screen length set to %ld\n", n);
		return 0;
	case CMD_SET_CLI_SCREEN_WIDTH:
		v = cli_path_value(cmd, "screen-width");
		if (v == NULL || cli_number(ctx, cmd, v->ca_word, 0, 1024, &n) == -1)
			return -1;
		ctx->cx_screen_width = (int)n;
		buf_printf(cmd->cc_out, "Screen width set to %ld\n", n);
		return 0;
	default:
		ctx->cx_complete_on_space = cli_path_find(cmd, "on") != NULL;
		buf_puts(cmd->cc_out, ctx->cx_complete_on_space ?
		    "Enabling complete-on-space\n" : "Disabling complete-on-space\n");
		return 0;
	}
}

/*
 * A command of schema/op. The cli sends the RPC itself rather than a <command>
 * line: it needs the reply's XML anyway (`| display xml|json`), the RPC is exactly
 * what `| display xml rpc` shows, the line is parsed once (here, where the caret
 * is), and mgd forwards an RPC as is to the daemon that serves it.
 */
static int
op_opschema(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	struct opsch_req rq;
	struct opsch_error oe;
	struct mgd_reply r;
	struct buf rpc = BUF_INIT;
	const struct opsch_level *lv;
	char *words[CLI_MAXARGS * 2];
	size_t n = 0;
	xmlDocPtr doc;
	int rv = -1;

	memset(&rq, 0, sizeof(rq));
	memset(&oe, 0, sizeof(oe));
	memset(&r, 0, sizeof(r));
	for (size_t i = cmd->cc_first; i < cmd->cc_words.cw_n && n < CLI_MAXARGS * 2; i++)
		words[n++] = cmd->cc_words.cw_v[i].w_text;
	if (ctx->cx_opschema == NULL ||
	    opschema_parse(ctx->cx_opschema, words, n, &rq, &oe) == -1) {
		cli_error_at(ctx, cmd, cli_word_pos(cmd, cmd->cc_first + oe.oe_word),
		    oe.oe_msg[0] != '\0' ? oe.oe_msg :
		    "syntax error, expecting <command>.");
		return -1;
	}
	opsch_req_rpc_xml(&rq, &rpc);
	if (cmd->cc_disp.xml_rpc) {
		doc = xmlReadMemory(buf_str(&rpc), (int)rpc.b_len, NULL, NULL,
		    XML_PARSE_NONET);
		if (doc != NULL) {
			render_display_rpc(xmlDocGetRootElement(doc), "", cmd->cc_out);
			xmlFreeDoc(doc);
			rv = 0;
		}
		goto done;
	}
	if (mgd_rpc(ctx->cx_mgd, buf_str(&rpc), &r) == -1) {
		cli_error_text(ctx, buf_str(&r.mr_text));
		goto done;
	}
	if (cmd->cc_disp.format == PIPE_FMT_XML)
		render_display_xml(r.mr_root, "", cmd->cc_out);
	else if (cmd->cc_disp.format == PIPE_FMT_JSON)
		render_display_json(r.mr_root, cmd->cc_out);
	else {
		lv = opsch_req_level(&rq);
		render_reply(rq.rq_cmd, lv != NULL ? lv->ol_name : NULL, r.mr_root,
		    cmd->cc_out);
	}
	rv = 0;
done:
	mgd_reply_free(&r);
	opsch_req_free(&rq);
	buf_free(&rpc);
	return rv;
}

int
op_run(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	switch (cmd->cc_id) {
	case CMD_CONFIGURE:
	case CMD_CONFIGURE_EXCLUSIVE:
	case CMD_CONFIGURE_PRIVATE:
		return op_configure(ctx, cmd);
	case CMD_OP_EXIT:
		ctx->cx_quit = true;
		return 0;
	case CMD_SHOW_CONFIGURATION:
		return op_show_configuration(ctx, cmd);
	case CMD_SHOW_SYSTEM_COMMIT:
		return op_show_system_commit(ctx, cmd);
	case CMD_SHOW_SYSTEM_ROLLBACK:
		return op_show_system_rollback(ctx, cmd);
	case CMD_SHOW_CLI:
		return op_show_cli(ctx, cmd);
	case CMD_OPSCHEMA:
		return op_opschema(ctx, cmd);
	case CMD_SET_CLI_SCREEN_LENGTH:
	case CMD_SET_CLI_SCREEN_WIDTH:
	case CMD_SET_CLI_COMPLETE_ON_SPACE:
		return op_set_cli(ctx, cmd);
	default:
		cli_error_at(ctx, cmd, cli_word_pos(cmd, cmd->cc_first), "unknown command.");
		return -1;
	}
}
