/*
 * complete: `?` help and TAB/space completion in the Junos layout.
 *
 * A line is walked word by word through the grammar: the cli's op_cmd tables
 * (complete.h gives the meaning of their words and flags), the schema for
 * configuration paths (via cmd_resolve, so abbreviations and values are judged
 * exactly as `set` judges them),
 * and pipe.c's pipe_words after `|`. The walk ends at the word being typed (the
 * "partial" word, possibly empty) with the list of rows that may come there; `?`
 * prints them, TAB and space complete the partial word from them.
 *
 * Layout (live captures in notes/junos-cli.md §1.10 and the xpf reference): a
 * two-character prefix ("> " containers and lists, "+ " leaf-lists, "  " others),
 * then printf "%-19s  %s"; `<[Enter]>` first, then `<value>` placeholders, then the
 * words in ASCII order, `|` last.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complete.h"
#include "pipe.h"
#include "setcmd.h"

enum row_rank {
	RANK_ENTER,
	RANK_VALUE,		/* <placeholder> */
	RANK_BRACKET,		/* [ and ] of leaf-list value sets */
	RANK_WORD,		/* keywords, entries, enum values: sorted by name */
	RANK_ORDERED,		/* rollback numbers: in the order given */
	RANK_PIPE,
};

struct crow {
	char		 r_prefix[3];
	char		*r_name;
	char		*r_help;
	enum row_rank	 r_rank;
	bool		 r_literal;	/* a word TAB may complete to */
	bool		 r_keyword;	/* a keyword: space completes it too */
	size_t		 r_order;
};

/* Where the error of a walk comes from: the first word of a mode, a command table, the schema. */
enum walk_ctx {
	WC_FIRST,
	WC_TABLE,
	WC_SCHEMA,
};

enum path_mode {
	PM_SHOW,	/* show, show configuration: any existing level, no values */
	PM_EDIT,	/* containers and list entries */
	PM_SET,		/* path and value */
	PM_DELETE,	/* delete, activate, deactivate, annotate, protect: value optional */
	PM_RENAME,	/* rename, copy: PATH ID to ID2 */
	PM_INSERT,	/* insert: PATH ID before|after ID2 */
};

struct walk {
	const struct complete_env *wk_env;
	struct crow	*wk_rows;
	size_t		 wk_nrows;
	/* error on a complete word */
	bool		 wk_error;
	size_t		 wk_errpos;
	struct buf	 wk_errmsg;
	/* about the position reached */
	enum walk_ctx	 wk_ctx;
	bool		 wk_exec;	/* <[Enter]> */
	bool		 wk_pipe;	/* `|` may follow */
	bool		 wk_config_out;	/* the command displays configuration */
	bool		 wk_free_value;	/* a value placeholder is among the rows */
	/* path semantics: from the edit level with the candidate, or root/committed */
	bool		 wk_oper;
};

/* ---- rows ---- */

static char *
xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");

	if (p == NULL)
		abort();
	return p;
}

static void
walk_row(struct walk *wk, const char *prefix, const char *name, const char *help,
    enum row_rank rank, bool literal, bool keyword)
{
	struct crow *v = realloc(wk->wk_rows, (wk->wk_nrows + 1) * sizeof(*v));

	if (v == NULL)
		abort();
	wk->wk_rows = v;
	struct crow *r = &v[wk->wk_nrows];
	snprintf(r->r_prefix, sizeof(r->r_prefix), "%s", prefix);
	r->r_name = xstrdup(name);
	r->r_help = xstrdup(help);
	r->r_rank = rank;
	r->r_literal = literal;
	r->r_keyword = keyword;
	r->r_order = wk->wk_nrows;
	wk->wk_nrows++;
	if (rank == RANK_VALUE)
		wk->wk_free_value = true;
}

static void
walk_rows_clear(struct walk *wk)
{
	for (size_t i = 0; i < wk->wk_nrows; i++) {
		free(wk->wk_rows[i].r_name);
		free(wk->wk_rows[i].r_help);
	}
	free(wk->wk_rows);
	wk->wk_rows = NULL;
	wk->wk_nrows = 0;
	wk->wk_free_value = false;
}

static void
walk_free(struct walk *wk)
{
	walk_rows_clear(wk);
	buf_free(&wk->wk_errmsg);
}

static void
walk_fail(struct walk *wk, size_t pos, const char *msg)
{
	if (wk->wk_error)
		return;
	wk->wk_error = true;
	wk->wk_errpos = pos;
	buf_reset(&wk->wk_errmsg);
	buf_puts(&wk->wk_errmsg, msg);
}

static bool
all_digits(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static int
row_cmp(const void *a, const void *b)
{
	const struct crow *x = a, *y = b;

	if (x->r_rank != y->r_rank)
		return x->r_rank < y->r_rank ? -1 : 1;
	if (x->r_rank == RANK_WORD) {
		/* numbers (unit numbers, terms) in numeric order, the rest in ASCII order */
		if (all_digits(x->r_name) && all_digits(y->r_name)) {
			size_t lx = strlen(x->r_name), ly = strlen(y->r_name);
			if (lx != ly)
				return lx < ly ? -1 : 1;
		}
		int c = strcmp(x->r_name, y->r_name);
		if (c != 0)
			return c;
	}
	return x->r_order < y->r_order ? -1 : x->r_order > y->r_order;
}

void
complete_row(struct buf *b, const char *prefix, const char *name, const char *help)
{
	if (help == NULL || *help == '\0')
		buf_printf(b, "%s%s\n", prefix, name);
	else
		buf_printf(b, "%s%-19s  %s\n", prefix, name, help);
}

void
complete_caret(struct buf *b, size_t prompt_len, size_t word_pos)
{
	buf_indent(b, (int)(prompt_len + word_pos));
	buf_puts(b, "^\n");
}

/* Sort, drop duplicates, print the rows that match prefix (all when prefix is NULL). */
static size_t
rows_print(struct walk *wk, const char *prefix, bool literal_only, struct buf *out)
{
	size_t n = 0, plen = prefix ? strlen(prefix) : 0;

	if (wk->wk_nrows > 0)
		qsort(wk->wk_rows, wk->wk_nrows, sizeof(*wk->wk_rows), row_cmp);
	for (size_t i = 0; i < wk->wk_nrows; i++) {
		const struct crow *r = &wk->wk_rows[i];
		if (i > 0 && strcmp(r->r_name, wk->wk_rows[i - 1].r_name) == 0 &&
		    r->r_rank == wk->wk_rows[i - 1].r_rank)
			continue;
		if (prefix != NULL) {
			if (r->r_rank == RANK_ENTER || r->r_rank == RANK_PIPE)
				continue;
			if (literal_only && !r->r_literal)
				continue;
			if (r->r_rank != RANK_VALUE && strncmp(r->r_name, prefix, plen) != 0)
				continue;
		}
		if (n++ == 0)
			buf_puts(out, "Possible completions:\n");
		complete_row(out, r->r_prefix, r->r_name, r->r_help);
	}
	return n;
}

/* ---- rollbacks ---- */

/* Rows "N  <when> by <user> via <client>"; returns how many (0: no list). */
static size_t
walk_rollback_rows(struct walk *wk)
{
	const struct complete_env *env = wk->wk_env;
	size_t n = 0;
	char **v;

	if (env->ce_rollbacks == NULL || (v = env->ce_rollbacks(env->ce_arg, &n)) == NULL)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char num[24];
		snprintf(num, sizeof(num), "%zu", i);
		walk_row(wk, "  ", num, v[i], RANK_ORDERED, true, false);
		free(v[i]);
	}
	free(v);
	return n;
}

/* ---- configuration paths ---- */

static const char *
sch_prefix_of(const struct sch_node *s)
{
	switch (s->sn_kind) {
	case SCH_CONTAINER:
	case SCH_LIST:
		return "> ";
	case SCH_LEAFLIST:
		return "+ ";
	default:
		return "  ";
	}
}

/* The configuration node of the steps' last container or list entry, or NULL. */
static const struct conf_node *
conf_at(const struct conf_node *root, const struct cmd_step *steps, size_t n)
{
	const struct conf_node *at = root;

	for (size_t i = 0; i < n && at != NULL; i++) {
		if (sch_is_leafy(steps[i].cs_schema))
			continue;
		at = conf_find(at, steps[i].cs_schema, steps[i].cs_id);
	}
	return at;
}

static const struct sch_node *
sch_groups_list(const struct sch_node *root)
{
	for (size_t i = 0; i < root->sn_nchildren; i++)
		if (root->sn_children[i]->sn_flags & SCH_F_ROOT_CHILDREN)
			return root->sn_children[i];
	return NULL;
}

static const char *
entry_help(const struct conf_node *e, const struct sch_node *list)
{
	/* Junos shows an interface's description instead of the generic help */
	if (list->sn_key != NULL && list->sn_key->sn_type.st_base == ST_INTERFACE) {
		const struct conf_node *c;
		CONF_FOREACH_CHILD(c, e) {
			if (strcmp(c->cn_schema->sn_name, "description") == 0 &&
			    c->cn_value != NULL)
				return c->cn_value;
		}
	}
	return list->sn_key ? list->sn_key->sn_help : list->sn_help;
}

/* Existing entries of list (or values of a leaf-list) under at. */
static void
walk_entries(struct walk *wk, const struct conf_node *at, const struct sch_node *s)
{
	if (at == NULL)
		return;
	for (const struct conf_node *e = conf_first_of(at, s); e != NULL; e = conf_next_of(e)) {
		const char *id = conf_id(e);
		if (id == NULL)
			continue;
		if (s->sn_kind == SCH_LIST)
			walk_row(wk, "  ", id, entry_help(e, s), RANK_WORD, true, false);
		else
			walk_row(wk, "  ", id, s->sn_help, RANK_WORD, true, false);
	}
}

static void
walk_group_names(struct walk *wk, const struct conf_node *root)
{
	const struct sch_node *g;

	if (root == NULL || (g = sch_groups_list(root->cn_schema)) == NULL)
		return;
	walk_entries(wk, root, g);
}

static void
walk_enum_rows(struct walk *wk, const struct sch_type *t)
{
	if (t->st_base == ST_ENUM) {
		for (size_t i = 0; i < t->st_nenums; i++)
			walk_row(wk, "  ", t->st_enums[i].e_name, t->st_enums[i].e_help,
			    RANK_WORD, true, true);
	} else if (t->st_base == ST_UNION) {
		for (size_t i = 0; i < t->st_nmembers; i++)
			walk_enum_rows(wk, &t->st_members[i]);
	}
}

static bool
type_has_free_values(const struct sch_type *t)
{
	if (t->st_base == ST_ENUM)
		return false;
	if (t->st_base == ST_UNION) {
		for (size_t i = 0; i < t->st_nmembers; i++)
			if (type_has_free_values(&t->st_members[i]))
				return true;
		return false;
	}
	return true;
}

/*
 * The `?` help of a value: the statement's help, then its range when the value is a
 * number with one range, as Junos shows it (`Virtual LAN identifier ... (1..4094)`,
 * the DDL "ranged" help).
 */
static const char *
value_help(const struct sch_node *s, char *out, size_t len)
{
	const struct sch_type *t = &s->sn_type;
	const char *help = s->sn_help ? s->sn_help : "";

	if (t->st_base == ST_UNION)
		for (size_t i = 0; i < t->st_nmembers; i++)
			if (t->st_members[i].st_base == ST_INT) {
				t = &t->st_members[i];
				break;
			}
	if (t->st_base != ST_INT || t->st_nranges != 1)
		return help;
	if (t->st_unsigned)
		snprintf(out, len, "%s (%" PRIu64 "..%" PRIu64 ")", help,
		    (uint64_t)t->st_ranges[0].r_min, (uint64_t)t->st_ranges[0].r_max);
	else
		snprintf(out, len, "%s (%" PRId64 "..%" PRId64 ")", help,
		    t->st_ranges[0].r_min, t->st_ranges[0].r_max);
	return out;
}

/* Rows for the value of leaf or leaf-list s. */
static void
walk_value_rows(struct walk *wk, const struct sch_node *s, const struct conf_node *croot,
    bool in_brackets)
{
	char help[512];

	walk_enum_rows(wk, &s->sn_type);
	if (type_has_free_values(&s->sn_type))
		walk_row(wk, "  ", sch_value_placeholder(s), value_help(s, help, sizeof(help)),
		    RANK_VALUE, false, false);
	if (s->sn_kind == SCH_LEAFLIST) {
		if (in_brackets)
			/* inferred help text, the counterpart of "[" */
			walk_row(wk, "  ", "]", "Close a set of values", RANK_BRACKET, true,
			    true);
		else
			walk_row(wk, "  ", "[", "Open a set of values", RANK_BRACKET, true, true);
		if (s->sn_flags & SCH_F_APPLY_GROUPS)
			walk_group_names(wk, croot);
	}
}

/* Rows for the statements under schema node cur (configuration node at, may be NULL). */
static void
walk_statement_rows(struct walk *wk, const struct sch_node *cur, const struct conf_node *at,
    enum path_mode mode)
{
	for (size_t i = 0; i < cur->sn_nchildren; i++) {
		const struct sch_node *c = cur->sn_children[i];
		if (c->sn_flags & (SCH_F_KEY | SCH_F_HIDDEN))
			continue;
		if (c->sn_flags & SCH_F_NOKEYWORD) {
			/* typed without keyword: `interfaces ge-0/0/0`, `file NAME` */
			if (c->sn_kind == SCH_LIST && c->sn_key != NULL) {
				walk_row(wk, "  ", sch_value_placeholder(c->sn_key),
				    c->sn_key->sn_help, RANK_VALUE, false, false);
				walk_entries(wk, at, c);
			} else if (mode == PM_SET && sch_is_leafy(c))
				walk_row(wk, "  ", sch_value_placeholder(c), c->sn_help,
				    RANK_VALUE, false, false);
			continue;
		}
		if (mode == PM_EDIT && sch_is_leafy(c))
			continue;
		walk_row(wk, sch_prefix_of(c), c->sn_name, c->sn_help, RANK_WORD, true, true);
	}
}

/* The state cmd_resolve stopped in (derived: cr_expect is not always filled in). */
static enum cmd_expect
res_expect(const struct cmd_resolution *res)
{
	const struct sch_node *p = res->cr_pending;

	if (p == NULL)
		return CX_STATEMENT;
	if (res->cr_nsteps > 0 && res->cr_steps[res->cr_nsteps - 1].cs_schema == p)
		return CX_DONE;
	if (p->sn_kind == SCH_LIST)
		return CX_KEY;
	return CX_VALUE;
}

/* `set` may stop here: something was set (a value, an entry, a presence container). */
static bool
set_complete(const struct cmd_resolution *res, size_t nlevel)
{
	if (res->cr_nsteps <= nlevel)
		return false;
	const struct cmd_step *st = &res->cr_steps[res->cr_nsteps - 1];
	switch (st->cs_schema->sn_kind) {
	case SCH_LIST:
	case SCH_LEAF:
	case SCH_LEAFLIST:
		return true;
	case SCH_CONTAINER:
		return (st->cs_schema->sn_flags & SCH_F_PRESENCE) != 0;
	default:
		return false;
	}
}

static enum path_mode
path_mode_of(const struct op_cmd *e)
{
	if (e->oc_flags & OC_ARG_SET)
		return PM_SET;
	if (e->oc_flags & OC_ARG_EDIT)
		return PM_EDIT;
	if (e->oc_flags & OC_ARG_DELETE)
		return PM_DELETE;
	if (e->oc_flags & OC_ARG_RENAME)
		return PM_RENAME;
	if (e->oc_flags & OC_ARG_INSERT)
		return PM_INSERT;
	return PM_SHOW;
}

/* Index of the last unquoted word w1 or w2 in w[from, to), or to. */
static size_t
find_sep(const struct cmd_word *w, size_t from, size_t to, const char *w1, const char *w2)
{
	for (size_t i = to; i-- > from;) {
		if (w[i].w_quoted)
			continue;
		if (strcmp(w[i].w_text, w1) == 0 || (w2 != NULL && strcmp(w[i].w_text, w2) == 0))
			return i;
	}
	return to;
}

/*
 * Path words w[from, nfull) for a command entry e; the position is after them.
 * Returns 0, -1 on error (wk_error set).
 */
static int
walk_path(struct walk *wk, const struct op_cmd *e, const struct cmd_word *w, size_t from,
    size_t nfull)
{
	const struct complete_env *env = wk->wk_env;
	enum path_mode mode = path_mode_of(e);
	struct cmd_words level;
	struct cmd_resolution res;
	struct cmd_error err;
	struct cmd_word *pw = NULL;
	const struct conf_node *croot = NULL;
	size_t nlevel = 0, to = nfull, sep = nfull, bracket = nfull;
	char msg[128];
	int rc = -1;

	memset(&level, 0, sizeof(level));
	memset(&res, 0, sizeof(res));
	wk->wk_ctx = WC_SCHEMA;
	wk->wk_pipe = !(e->oc_flags & OC_NOPIPE);
	if (e->oc_flags & OC_ARG_COMMITTED)
		wk->wk_oper = true;
	wk->wk_config_out = mode == PM_SHOW;
	if (env->ce_schema == NULL) {
		wk->wk_exec = mode == PM_SHOW;
		return 0;
	}
	if (!wk->wk_oper && env->ce_level != NULL && *env->ce_level != '\0' &&
	    cmd_split(env->ce_level, &level, msg, sizeof(msg)) == 0)
		nlevel = level.cw_n;
	if (env->ce_config != NULL)
		croot = env->ce_config(env->ce_arg, wk->wk_oper);

	if (mode == PM_RENAME)
		sep = find_sep(w, from + 1, nfull, "to", NULL);
	else if (mode == PM_INSERT)
		sep = find_sep(w, from + 1, nfull, "before", "after");
	if (sep < nfull)
		to = sep;
	/* an open `[` of leaf-list values: resolve up to it */
	for (size_t i = from; i < to; i++) {
		if (!w[i].w_quoted && strcmp(w[i].w_text, "[") == 0)
			bracket = i;
		else if (!w[i].w_quoted && strcmp(w[i].w_text, "]") == 0)
			bracket = nfull;
	}
	if (bracket < to)
		to = bracket;

	size_t np = nlevel + (to - from);
	pw = calloc(np ? np : 1, sizeof(*pw));
	if (pw == NULL)
		abort();
	for (size_t i = 0; i < nlevel; i++) {
		pw[i] = level.cw_v[i];
		pw[i].w_pos = 0;
	}
	for (size_t i = from; i < to; i++)
		pw[nlevel + i - from] = w[i];
	if (cmd_resolve(env->ce_schema->s_root, pw, np, false, &res, &err) == -1) {
		if (err.ce_kind == CE_AMBIGUOUS) {
			/* list what the ambiguous word could be */
			struct walk sub = { .wk_env = env };
			walk_statement_rows(&sub, res.cr_node, NULL, mode);
			buf_printf(&sub.wk_errmsg, "%s\n", err.ce_msg);
			rows_print(&sub, err.ce_word, true, &sub.wk_errmsg);
			walk_fail(wk, err.ce_pos, buf_str(&sub.wk_errmsg));
			walk_free(&sub);
		} else
			walk_fail(wk, err.ce_pos, err.ce_msg);
		goto done;
	}
	enum cmd_expect ex = res_expect(&res);
	const struct conf_node *at = croot ? conf_at(croot, res.cr_steps, res.cr_nsteps) : NULL;
	bool typed = np > nlevel;

	if (bracket < nfull) {
		/* inside `[ ... ]`: values of the leaf-list */
		if (ex != CX_VALUE || res.cr_pending->sn_kind != SCH_LEAFLIST) {
			walk_fail(wk, w[bracket].w_pos, "syntax error.");
			goto done;
		}
		walk_value_rows(wk, res.cr_pending, croot, true);
		wk->wk_exec = false;
		rc = 0;
		goto done;
	}
	if (sep < nfull) {
		/* after `to` / `before` / `after`: the other entry */
		const struct cmd_step *st = res.cr_nsteps ? &res.cr_steps[res.cr_nsteps - 1] : NULL;
		if (st == NULL || st->cs_id == NULL || ex == CX_KEY || ex == CX_VALUE ||
		    (st->cs_schema->sn_kind != SCH_LIST &&
		    st->cs_schema->sn_kind != SCH_LEAFLIST)) {
			walk_fail(wk, w[sep].w_pos, "syntax error.");
			goto done;
		}
		const struct sch_node *ls = st->cs_schema;
		const struct sch_node *ks = ls->sn_kind == SCH_LIST ? ls->sn_key : ls;
		size_t after = nfull - sep - 1;
		if (after == 0) {
			walk_row(wk, "  ", sch_value_placeholder(ks), ks->sn_help, RANK_VALUE,
			    false, false);
			if (mode == PM_INSERT)
				walk_entries(wk, croot ? conf_at(croot, res.cr_steps,
				    res.cr_nsteps - 1) : NULL, ls);
		} else if (after == 1)
			wk->wk_exec = true;
		else {
			walk_fail(wk, w[sep + 2].w_pos, "syntax error.");
			goto done;
		}
		rc = 0;
		goto done;
	}

	switch (ex) {
	case CX_STATEMENT:
		walk_statement_rows(wk, res.cr_node, at, mode);
		switch (mode) {
		case PM_SHOW:
		case PM_EDIT:
		case PM_DELETE:
			wk->wk_exec = true;
			break;
		case PM_SET:
			/* (the level's words may be fewer steps: a keyword-less list) */
			wk->wk_exec = typed && set_complete(&res, 0);
			break;
		case PM_RENAME:
		case PM_INSERT:
			wk->wk_exec = false;
			if (typed && res.cr_nsteps > 0 && res.cr_steps[res.cr_nsteps - 1].cs_id &&
			    res.cr_steps[res.cr_nsteps - 1].cs_schema->sn_kind == SCH_LIST) {
				/* help texts inferred */
				if (mode == PM_RENAME)
					walk_row(wk, "  ", "to", "New name", RANK_WORD, true, true);
				else {
					walk_row(wk, "  ", "after", "Insert after", RANK_WORD,
					    true, true);
					walk_row(wk, "  ", "before", "Insert before", RANK_WORD,
					    true, true);
				}
			}
			break;
		}
		if (mode == PM_DELETE && e->oc_word != NULL && strcmp(e->oc_word, "delete") != 0)
			wk->wk_exec = typed;	/* activate, deactivate name a statement */
		break;
	case CX_KEY:
		walk_row(wk, "  ", sch_value_placeholder(res.cr_pending->sn_key),
		    res.cr_pending->sn_key->sn_help, RANK_VALUE, false, false);
		walk_entries(wk, at, res.cr_pending);
		wk->wk_exec = mode == PM_SHOW || mode == PM_DELETE;
		break;
	case CX_VALUE:
		switch (mode) {
		case PM_SET:
			walk_value_rows(wk, res.cr_pending, croot, false);
			wk->wk_exec = false;
			break;
		case PM_SHOW:
		case PM_DELETE:
			if (res.cr_pending->sn_kind == SCH_LEAFLIST)
				walk_entries(wk, at, res.cr_pending);
			wk->wk_exec = true;
			break;
		default:
			wk->wk_exec = false;
			break;
		}
		break;
	case CX_DONE:
		wk->wk_exec = mode != PM_EDIT && mode != PM_RENAME && mode != PM_INSERT;
		if (mode == PM_EDIT || mode == PM_RENAME || mode == PM_INSERT) {
			walk_fail(wk, np > nlevel ? pw[np - 1].w_pos : 0, "syntax error.");
			goto done;
		}
		break;
	}
	rc = 0;
done:
	cmd_resolution_free(&res);
	free(pw);
	cmd_words_free(&level);
	return rc;
}

/* ---- command tables ---- */

static bool
is_value_word(const struct op_cmd *e)
{
	return e->oc_word[0] == '<';
}

/* Enter may be pressed after e. */
static bool
node_exec(const struct op_cmd *e)
{
	return (e->oc_sub == NULL && !(e->oc_flags & OC_ARGS)) || (e->oc_flags & OC_EXEC);
}

struct tstate {
	const struct op_cmd *ts_table;	/* words that may come next */
	const struct op_cmd *ts_alt;	/* also these (the options, after an optional value) */
	const struct op_cmd *ts_opts;	/* OC_OPTIONS entry in effect */
	const struct op_cmd *ts_used[32];
	size_t		 ts_nused;
};

static bool
opt_used(const struct tstate *ts, const struct op_cmd *e)
{
	for (size_t i = 0; i < ts->ts_nused; i++)
		if (ts->ts_used[i] == e)
			return true;
	return false;
}

static bool
in_table(const struct op_cmd *t, const struct op_cmd *e)
{
	if (t == NULL)
		return false;
	for (const struct op_cmd *o = t; o->oc_word != NULL; o++)
		if (o == e)
			return true;
	return false;
}

/*
 * The keyword of t that word selects: exact name, else the only non-hidden
 * keyword it is a prefix of. *nmatch: how many matched; *value: t's value word.
 */
static const struct op_cmd *
table_keyword(const struct tstate *ts, const struct op_cmd *t, const char *word,
    size_t *nmatch, const struct op_cmd **value)
{
	const struct op_cmd *hit = NULL;
	size_t len = strlen(word);

	if (t == NULL)
		return NULL;
	for (const struct op_cmd *e = t; e->oc_word != NULL; e++) {
		if (opt_used(ts, e))
			continue;
		if (is_value_word(e)) {
			if (*value == NULL)
				*value = e;
			continue;
		}
		if (strcmp(e->oc_word, word) == 0) {
			*nmatch = 1;
			return e;
		}
	}
	for (const struct op_cmd *e = t; e->oc_word != NULL; e++) {
		if ((e->oc_flags & OC_HIDDEN) || opt_used(ts, e) || is_value_word(e))
			continue;
		if (len > 0 && strncmp(e->oc_word, word, len) == 0) {
			hit = e;
			(*nmatch)++;
		}
	}
	return hit;
}

/* The word of the current tables that w selects, NULL with *nmatch (0 none, >1 ambiguous). */
static const struct op_cmd *
table_lookup(const struct tstate *ts, const char *word, size_t *nmatch)
{
	const struct op_cmd *value = NULL, *e, *e2;
	size_t n1 = 0, n2 = 0;

	e = table_keyword(ts, ts->ts_table, word, &n1, &value);
	if (n1 == 1) {
		*nmatch = 1;
		return e;
	}
	e2 = table_keyword(ts, ts->ts_alt, word, &n2, &value);
	if (n1 == 0 && n2 == 1) {
		*nmatch = 1;
		return e2;
	}
	*nmatch = n1 + n2;
	return value;	/* not a keyword (or no unique one): the value, if one may come */
}

static void
table_rows(struct walk *wk, const struct tstate *ts, const struct op_cmd *t)
{
	if (t == NULL)
		return;
	for (const struct op_cmd *e = t; e->oc_word != NULL; e++) {
		if ((e->oc_flags & OC_HIDDEN) || opt_used(ts, e))
			continue;
		if (!is_value_word(e))
			walk_row(wk, "  ", e->oc_word, e->oc_help, RANK_WORD, true, true);
		else if (!(e->oc_flags & OC_ARG_ROLLBACK) || walk_rollback_rows(wk) == 0)
			walk_row(wk, "  ", e->oc_word, e->oc_help, RANK_VALUE, false, false);
	}
}

static void
table_ambiguous(struct walk *wk, const struct tstate *ts, const struct cmd_word *w)
{
	struct walk sub = { .wk_env = wk->wk_env };

	table_rows(&sub, ts, ts->ts_table);
	table_rows(&sub, ts, ts->ts_alt);
	buf_printf(&sub.wk_errmsg, "'%s' is ambiguous.\n", w->w_text);
	rows_print(&sub, w->w_text, true, &sub.wk_errmsg);
	walk_fail(wk, w->w_pos, buf_str(&sub.wk_errmsg));
	walk_free(&sub);
}

/* What complete_expand wants to know about a walk. */
struct expand {
	const struct op_cmd	**ex_match;	/* per word: the table word, NULL for path words */
	const struct op_cmd	*ex_cmd;
	size_t			 ex_cmdword;	/* index of the word that matched ex_cmd */
	bool			 ex_path;	/* the words after ex_cmdword are a path */
};

/*
 * Walk words w[0, nfull) of a command, ending with the rows for the next word.
 * With ex (Enter), path words are only collected, not resolved. Returns 0, or -1
 * with wk_error.
 */
static int
walk_command(struct walk *wk, const struct cmd_word *w, size_t nfull, struct expand *ex)
{
	const struct complete_env *env = wk->wk_env;
	struct tstate ts;
	bool first = true, nopipe = false;

	memset(&ts, 0, sizeof(ts));
	ts.ts_table = env->ce_config_mode ? env->ce_config_table : env->ce_op_table;
	wk->wk_oper = !env->ce_config_mode;
	wk->wk_exec = false;
	for (size_t i = 0; i < nfull; i++) {
		size_t nm = 0;
		const struct op_cmd *e;

		wk->wk_ctx = first ? WC_FIRST : WC_TABLE;
		e = table_lookup(&ts, w[i].w_text, &nm);
		if (e == NULL) {
			if (nm > 1)
				table_ambiguous(wk, &ts, &w[i]);
			else
				walk_fail(wk, w[i].w_pos, first ? "unknown command." :
				    "syntax error, expecting <command>.");
			return -1;
		}
		first = false;
		if (ex != NULL) {
			ex->ex_match[i] = e;
			if (e->oc_id != 0 || ex->ex_cmd == NULL || ex->ex_cmd->oc_id == 0) {
				ex->ex_cmd = e;
				ex->ex_cmdword = i;
			}
		}
		bool from_opts = ts.ts_opts != NULL && in_table(ts.ts_opts->oc_sub, e);
		if (from_opts && ts.ts_nused < sizeof(ts.ts_used) / sizeof(ts.ts_used[0]))
			ts.ts_used[ts.ts_nused++] = e;
		if (e->oc_flags & OC_NOPIPE)
			nopipe = true;
		if (e->oc_flags & (OC_ARG_PATH | OC_ARG_SET | OC_ARG_EDIT | OC_ARG_DELETE |
		    OC_ARG_RENAME | OC_ARG_INSERT)) {
			if (ex != NULL) {
				ex->ex_path = true;
				wk->wk_exec = true;
				return 0;
			}
			int rc = walk_path(wk, e, w, i + 1, nfull);
			if (nopipe)
				wk->wk_pipe = false;
			return rc;
		}
		ts.ts_alt = NULL;
		if (e->oc_flags & OC_ARG_OPCMD) {
			/* run: an operational command, paths from the root */
			memset(&ts, 0, sizeof(ts));
			ts.ts_table = env->ce_op_table;
			first = true;
			wk->wk_oper = true;
			wk->wk_exec = false;
			continue;
		}
		wk->wk_exec = node_exec(e);
		if (e->oc_flags & OC_OPTIONS) {
			ts.ts_opts = e;
			ts.ts_nused = 0;
			ts.ts_table = e->oc_sub;
		} else if (e->oc_sub != NULL) {
			ts.ts_table = e->oc_sub;
			/* an option whose words may stop here: the other options may follow */
			if (ts.ts_opts != NULL && node_exec(e))
				ts.ts_alt = ts.ts_opts->oc_sub;
		} else
			ts.ts_table = ts.ts_opts != NULL ? ts.ts_opts->oc_sub : NULL;
	}

	wk->wk_ctx = first ? WC_FIRST : WC_TABLE;
	table_rows(wk, &ts, ts.ts_table);
	table_rows(wk, &ts, ts.ts_alt);
	wk->wk_pipe = !first && !nopipe;
	return 0;
}

/* ---- pipes ---- */

static bool
pipe_word_visible(const struct pipe_word *p, bool config_out)
{
	if ((p->pw_flags & PW_CONFIG_OUT) && !config_out)
		return false;
	if ((p->pw_flags & PW_OP_OUT) && config_out)
		return false;
	return true;
}

/* The words of one pipe stage, as the cli would read them: quoted patterns allowed. */
static int
walk_pipe_stage(struct walk *wk, const struct cmd_word *w, size_t nfull, bool config_out)
{
	const struct pipe_word *t = pipe_words;
	const struct pipe_word *value = NULL;
	bool complete = false;

	wk->wk_ctx = WC_TABLE;
	for (size_t i = 0; i < nfull; i++) {
		const struct pipe_word *hit = NULL;
		size_t nhit = 0, len = strlen(w[i].w_text);

		if (t == NULL) {
			walk_fail(wk, w[i].w_pos, "syntax error, expecting <command>.");
			return -1;
		}
		value = NULL;
		for (const struct pipe_word *p = t; p->pw_word != NULL; p++) {
			if (!pipe_word_visible(p, config_out))
				continue;
			if (p->pw_word[0] == '<') {
				value = p;
				continue;
			}
			if (strcmp(p->pw_word, w[i].w_text) == 0) {
				hit = p;
				nhit = 1;
				break;
			}
			if (len > 0 && strncmp(p->pw_word, w[i].w_text, len) == 0) {
				hit = p;
				nhit++;
			}
		}
		if (nhit != 1) {
			if (value != NULL) {
				hit = value;
			} else if (nhit > 1) {
				struct walk sub = { .wk_env = wk->wk_env };
				for (const struct pipe_word *p = t; p->pw_word != NULL; p++)
					if (pipe_word_visible(p, config_out) &&
					    p->pw_word[0] != '<')
						walk_row(&sub, "  ", p->pw_word, p->pw_help,
						    RANK_WORD, true, true);
				buf_printf(&sub.wk_errmsg, "'%s' is ambiguous.\n", w[i].w_text);
				rows_print(&sub, w[i].w_text, true, &sub.wk_errmsg);
				walk_fail(wk, w[i].w_pos, buf_str(&sub.wk_errmsg));
				walk_free(&sub);
				return -1;
			} else {
				walk_fail(wk, w[i].w_pos, "syntax error, expecting <command>.");
				return -1;
			}
		}
		complete = hit->pw_sub == NULL || (hit->pw_flags & PW_EXEC);
		t = hit->pw_sub;
	}
	if (t != NULL) {
		for (const struct pipe_word *p = t; p->pw_word != NULL; p++) {
			if (!pipe_word_visible(p, config_out))
				continue;
			if (p->pw_word[0] != '<')
				walk_row(wk, "  ", p->pw_word, p->pw_help, RANK_WORD, true, true);
			else if (!(p->pw_flags & PW_ROLLBACK) || walk_rollback_rows(wk) == 0)
				walk_row(wk, "  ", p->pw_word, p->pw_help, RANK_VALUE, false,
				    false);
		}
	}
	wk->wk_exec = nfull > 0 && complete;
	wk->wk_pipe = wk->wk_exec;
	return 0;
}

/* Pipe words: blanks separate, "..." quotes (a pattern may hold blanks and '|'). */
static void
pipe_words_split(const char *line, size_t from, size_t to, struct cmd_words *out)
{
	memset(out, 0, sizeof(*out));
	size_t i = from;
	for (;;) {
		while (i < to && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= to)
			break;
		struct buf b = BUF_INIT;
		size_t pos = i;
		bool quoted = false;
		buf_append(&b, "", 0);
		if (line[i] == '"') {
			quoted = true;
			for (i++; i < to && line[i] != '"'; i++) {
				if (line[i] == '\\' && i + 1 < to)
					i++;
				buf_putc(&b, line[i]);
			}
			if (i < to)
				i++;
			else
				out->cw_open_quote = true;
		} else {
			while (i < to && line[i] != ' ' && line[i] != '\t')
				buf_putc(&b, line[i++]);
		}
		struct cmd_word *v = realloc(out->cw_v, (out->cw_n + 1) * sizeof(*v));
		if (v == NULL)
			abort();
		out->cw_v = v;
		v[out->cw_n].w_text = buf_steal(&b);
		v[out->cw_n].w_pos = pos;
		v[out->cw_n].w_quoted = quoted;
		out->cw_n++;
	}
	out->cw_trailing_space = to > from && (line[to - 1] == ' ' || line[to - 1] == '\t');
}

/* ---- the walk of a whole line ---- */

struct position {
	const char	*p_partial;	/* word being typed ("" at a blank) */
	size_t		 p_pos;		/* its offset in the line */
	bool		 p_quoted;	/* it opened a quote */
	bool		 p_open_quote;	/* the line ends inside it */
	struct cmd_words p_words;	/* of the segment walked last */
};

/*
 * Split the words of a segment into the complete ones and the partial one.
 * Returns the number of complete words.
 */
static size_t
segment_split(struct cmd_words *cw, size_t seg_end, struct position *pos)
{
	size_t n = cw->cw_n;

	if (n > 0 && !cw->cw_trailing_space) {
		const struct cmd_word *last = &cw->cw_v[n - 1];
		/* cmd_split makes a word of "]" in "a]": that is no partial word */
		pos->p_partial = last->w_text;
		pos->p_pos = last->w_pos;
		pos->p_quoted = last->w_quoted;
		pos->p_open_quote = cw->cw_open_quote;
		return n - 1;
	}
	pos->p_partial = "";
	pos->p_pos = seg_end;
	return n;
}

/*
 * Walk line up to its end. On return wk has the rows at the last word (or an
 * error), pos the partial word. Returns 0 or -1 (error).
 */
static int
walk_line(struct walk *wk, const char *line, struct position *pos)
{
	long bar = pipe_find_bar(line);
	size_t cmd_end = bar < 0 ? strlen(line) : (size_t)bar;
	char *cmd = strndup(line, cmd_end);
	char msg[128];

	if (cmd == NULL)
		abort();
	memset(pos, 0, sizeof(*pos));
	pos->p_partial = "";
	if (cmd_split(cmd, &pos->p_words, msg, sizeof(msg)) == -1 && bar >= 0) {
		free(cmd);
		walk_fail(wk, cmd_end, msg);
		return -1;
	}
	free(cmd);
	if (bar < 0) {
		size_t nfull = segment_split(&pos->p_words, cmd_end, pos);
		return walk_command(wk, pos->p_words.cw_v, nfull, NULL);
	}

	/* the command must be complete and take pipes */
	if (walk_command(wk, pos->p_words.cw_v, pos->p_words.cw_n, NULL) == -1)
		return -1;
	if (!wk->wk_exec || !wk->wk_pipe) {
		walk_fail(wk, (size_t)bar, wk->wk_ctx == WC_SCHEMA ? "syntax error." :
		    "syntax error, expecting <command>.");
		return -1;
	}
	bool config_out = wk->wk_config_out;
	for (;;) {
		long next = pipe_find_bar_from(line, (size_t)bar + 1);
		size_t from = (size_t)bar + 1, to = next < 0 ? strlen(line) : (size_t)next;
		cmd_words_free(&pos->p_words);
		pipe_words_split(line, from, to, &pos->p_words);
		walk_rows_clear(wk);
		if (next < 0) {
			size_t nfull = segment_split(&pos->p_words, to, pos);
			return walk_pipe_stage(wk, pos->p_words.cw_v, nfull, config_out);
		}
		if (walk_pipe_stage(wk, pos->p_words.cw_v, pos->p_words.cw_n, config_out) == -1)
			return -1;
		if (!wk->wk_exec) {
			bool named = pos->p_words.cw_n > 0 && pos->p_words.cw_v[0].w_text[0];
			walk_fail(wk, (size_t)next, named ? "missing argument." :
			    "syntax error, expecting <command>.");
			return -1;
		}
		bar = next;
	}
}

static void
walk_finish_rows(struct walk *wk)
{
	if (wk->wk_exec)
		walk_row(wk, "  ", "<[Enter]>", "Execute this command", RANK_ENTER, false, false);
	if (wk->wk_exec && wk->wk_pipe)
		walk_row(wk, "  ", "|", "Pipe through a command", RANK_PIPE, false, false);
}

static void
walk_error_text(const struct walk *wk, struct buf *out)
{
	complete_caret(out, wk->wk_env->ce_prompt_len, wk->wk_errpos);
	buf_puts(out, buf_str(&wk->wk_errmsg));
	if (out->b_len > 0 && out->b_data[out->b_len - 1] != '\n')
		buf_putc(out, '\n');
}

void
complete_help(const struct complete_env *env, const char *line, struct buf *out)
{
	struct walk wk = { .wk_env = env };
	struct position pos;

	if (walk_line(&wk, line, &pos) == -1) {
		walk_error_text(&wk, out);
		goto done;
	}
	if (*pos.p_partial == '\0')
		walk_finish_rows(&wk);
	if (rows_print(&wk, *pos.p_partial ? pos.p_partial : NULL, false, out) == 0)
		buf_puts(out, "No valid completions\n");
done:
	cmd_words_free(&pos.p_words);
	walk_free(&wk);
}

static char *
line_replace_last(const char *line, size_t pos, const char *word, bool space)
{
	struct buf b = BUF_INIT;
	char *q = cmd_quote(word);

	buf_append(&b, line, pos);
	buf_puts(&b, q);
	if (space)
		buf_putc(&b, ' ');
	free(q);
	return buf_steal(&b);
}

static char *
line_plus_space(const char *line)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, line);
	buf_putc(&b, ' ');
	return buf_steal(&b);
}

char *
complete_word(const struct complete_env *env, const char *line, bool is_space,
    struct buf *msg)
{
	struct walk wk = { .wk_env = env };
	struct position pos;
	char *result = NULL;

	if (is_space && !env->ce_complete_on_space)
		return line_plus_space(line);
	if (walk_line(&wk, line, &pos) == -1) {
		if (is_space && pos.p_open_quote)
			result = line_plus_space(line);	/* a blank inside quotes */
		else
			walk_error_text(&wk, msg);
		goto done;
	}
	if (pos.p_open_quote || pos.p_quoted || *pos.p_partial == '\0') {
		if (is_space)
			result = line_plus_space(line);
		else if (*pos.p_partial == '\0' && !pos.p_open_quote) {
			/* TAB at a blank: what may come here */
			walk_finish_rows(&wk);
			if (rows_print(&wk, NULL, false, msg) == 0)
				buf_puts(msg, "No valid completions\n");
		}
		goto done;
	}

	const char *p = pos.p_partial;
	size_t plen = strlen(p), nmatch = 0;
	const struct crow *only = NULL;
	bool exact = false;
	char *common = NULL;
	for (size_t i = 0; i < wk.wk_nrows; i++) {
		const struct crow *r = &wk.wk_rows[i];
		if (!r->r_literal || (is_space && !r->r_keyword))
			continue;
		if (strncmp(r->r_name, p, plen) != 0)
			continue;
		if (only != NULL && strcmp(only->r_name, r->r_name) == 0)
			continue;	/* the same word twice (a keyword that is also a value) */
		if (strcmp(r->r_name, p) == 0)
			exact = true;
		if (common == NULL)
			common = xstrdup(r->r_name);
		else {
			size_t k = 0;
			while (common[k] != '\0' && common[k] == r->r_name[k])
				k++;
			common[k] = '\0';
		}
		only = r;
		nmatch++;
	}
	if (exact) {
		result = line_plus_space(line);
	} else if (nmatch == 1) {
		result = line_replace_last(line, pos.p_pos, only->r_name, true);
	} else if (nmatch > 1) {
		if (!is_space && strlen(common) > plen)
			result = line_replace_last(line, pos.p_pos, common, false);
		else if (is_space && wk.wk_free_value)
			result = line_plus_space(line);	/* may be a new value */
		else {
			/*
			 * Space and Enter report the ambiguity (notes §1.10); TAB only lists
			 * what the word may become, as `?` does.
			 */
			if (is_space) {
				complete_caret(msg, env->ce_prompt_len, pos.p_pos);
				buf_printf(msg, "'%s' is ambiguous.\n", p);
			}
			for (size_t i = 0; i < wk.wk_nrows; i++)
				if (!wk.wk_rows[i].r_literal ||
				    (is_space && !wk.wk_rows[i].r_keyword))
					wk.wk_rows[i].r_literal = false;
			rows_print(&wk, p, true, msg);
		}
	} else if (wk.wk_free_value) {
		if (is_space)
			result = line_plus_space(line);
	} else {
		complete_caret(msg, env->ce_prompt_len, pos.p_pos);
		switch (wk.wk_ctx) {
		case WC_FIRST:
			buf_puts(msg, "unknown command.\n");
			break;
		case WC_TABLE:
			buf_puts(msg, "syntax error, expecting <command>.\n");
			break;
		case WC_SCHEMA:
			buf_puts(msg, "syntax error.\n");
			break;
		}
	}
	free(common);
done:
	cmd_words_free(&pos.p_words);
	walk_free(&wk);
	return result;
}

/* A typed word for the canonical line: as typed, quoted again when it was quoted. */
static void
canon_word(struct buf *b, const struct cmd_word *w)
{
	if (!w->w_quoted) {
		buf_puts(b, w->w_text);
		return;
	}
	buf_putc(b, '"');
	for (const char *p = w->w_text; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *p);
	}
	buf_putc(b, '"');
}

int
complete_expand(const struct complete_env *env, const char *line, char **canon,
    const struct op_cmd **cmd, size_t *argpos, struct buf *msg)
{
	struct walk wk = { .wk_env = env };
	struct cmd_words words;
	struct expand ex;
	struct buf b = BUF_INIT;
	long bar = pipe_find_bar(line);
	size_t len = bar < 0 ? strlen(line) : (size_t)bar;
	char *part = strndup(line, len), err[128];
	int rc = -1;

	if (part == NULL)
		abort();
	memset(&ex, 0, sizeof(ex));
	*canon = NULL;
	*cmd = NULL;
	*argpos = 0;
	while (len > 0 && (part[len - 1] == ' ' || part[len - 1] == '\t'))
		part[--len] = '\0';
	if (cmd_split(part, &words, err, sizeof(err)) == -1) {
		complete_caret(msg, env->ce_prompt_len, len);
		buf_printf(msg, "%s\n", err);
		goto done;
	}
	if (words.cw_n == 0) {
		*canon = xstrdup("");
		rc = 0;
		goto done;
	}
	ex.ex_match = calloc(words.cw_n, sizeof(*ex.ex_match));
	if (ex.ex_match == NULL)
		abort();
	if (walk_command(&wk, words.cw_v, words.cw_n, &ex) == -1) {
		walk_error_text(&wk, msg);
		goto done;
	}
	if (!ex.ex_path && !wk.wk_exec) {
		bool keyword = false, value = false;
		for (size_t i = 0; i < wk.wk_nrows; i++) {
			if (wk.wk_rows[i].r_rank == RANK_WORD)
				keyword = true;
			else if (wk.wk_rows[i].r_rank == RANK_VALUE ||
			    wk.wk_rows[i].r_rank == RANK_ORDERED)
				value = true;
		}
		complete_caret(msg, env->ce_prompt_len, len);
		buf_puts(msg, value && !keyword ? "missing argument.\n" :
		    "syntax error, expecting <command>.\n");
		goto done;
	}
	for (size_t i = 0; i < words.cw_n; i++) {
		const struct op_cmd *m = ex.ex_match[i];
		if (i > 0)
			buf_putc(&b, ' ');
		if (i == ex.ex_cmdword + 1)
			*argpos = b.b_len;
		if (m != NULL && !is_value_word(m))
			buf_puts(&b, m->oc_word);
		else
			canon_word(&b, &words.cw_v[i]);
	}
	if (ex.ex_cmdword + 1 >= words.cw_n)
		*argpos = b.b_len;
	*canon = buf_steal(&b);
	*cmd = ex.ex_cmd;
	rc = 0;
done:
	buf_free(&b);
	free(ex.ex_match);
	cmd_words_free(&words);
	free(part);
	walk_free(&wk);
	return rc;
}
