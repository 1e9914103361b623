/*
 * setcmd: configuration-mode editing commands (set, delete, activate, deactivate,
 * annotate, rename, copy, insert) as lines of words, resolved against the schema.
 *
 * A command is resolved completely first (keywords, keys and values checked, secrets
 * encoded) and only then applied, so a refused line leaves the tree as it was.
 * protect/unprotect are recognised and refused: routemu has no protected statements.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "secret9.h"
#include "setcmd.h"
#include "xmalloc.h"

/* ---- small helpers ---- */

static void __attribute__((format(printf, 5, 6)))
cmd_seterr(struct cmd_error *err, enum cmd_errkind kind, const struct cmd_word *w,
    size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return;
	err->ce_kind = kind;
	err->ce_pos = w ? w->w_pos : pos;
	snprintf(err->ce_word, sizeof(err->ce_word), "%s", w ? w->w_text : "");
	va_start(ap, fmt);
	vsnprintf(err->ce_msg, sizeof(err->ce_msg), fmt, ap);
	va_end(ap);
}

/* Like a memset to zero, without writing the 1 KB of text buffers for every line. */
static void
cmd_clearerr(struct cmd_error *err)
{
	if (err == NULL)
		return;
	err->ce_kind = CE_NONE;
	err->ce_pos = 0;
	err->ce_word[0] = err->ce_msg[0] = err->ce_path[0] = '\0';
}

/* ---- words ---- */

/* Append a word whose text lives elsewhere (the tokenizer's store). */
static inline void
cmd_words_add(struct cmd_words *out, size_t *cap, char *text, size_t pos, bool quoted)
{
	if (out->cw_n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		out->cw_v = xrealloc(out->cw_v, *cap * sizeof(*out->cw_v));
	}
	struct cmd_word *w = &out->cw_v[out->cw_n++];
	w->w_text = text;
	w->w_pos = pos;
	w->w_quoted = quoted;
}

/* What ends an unquoted run of a word: a blank, a quote, the end of the line. */
static const bool cmd_tok_stop[256] = {
	['\0'] = true, [' '] = true, ['\t'] = true, ['\r'] = true, ['\n'] = true,
	['"'] = true,
};

/* Bytes the tokenizer may write for line: see cmd_tokenize. */
static size_t
cmd_store_size(const char *line)
{
	return 2 * strlen(line) + 2;
}

/*
 * Split line into words (the rules are cmd_split's, setcmd.h). The texts are
 * written NUL-terminated into store, which the words point into: `load set`
 * tokenizes 100 000 lines, and one buffer per line costs far less than an
 * allocation per word. store holds cmd_store_size(line) bytes: a word's text is
 * never longer than its source, so with its NUL it takes at most twice the source
 * bytes, and a split-off "]" (two bytes) comes from a word of at least two.
 */
static int
cmd_tokenize(const char *line, struct cmd_words *out, char *store, char *err,
    size_t errlen)
{
	const char *p = line;
	char *o = store;
	size_t cap = 0;

	memset(out, 0, sizeof(*out));
	if (errlen)
		err[0] = '\0';
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		size_t start = (size_t)(p - line);
		bool quoted = false;
		char *word = o;

		/* "[" opening a word is a word of its own: `[ a b ]`, `[a b]` */
		if (*p == '[') {
			*o++ = '[';
			*o++ = '\0';
			cmd_words_add(out, &cap, word, start, false);
			p++;
			continue;
		}
		for (;;) {
			/* an unquoted run, up to a blank, a quote or the end */
			while (!cmd_tok_stop[(unsigned char)*p])
				*o++ = *p++;
			if (*p != '"')
				break;
			quoted = true;
			p++;
			while (*p != '"') {
				if (*p == '\0') {
					*o = '\0';
					out->cw_open_quote = true;
					cmd_words_add(out, &cap, word, start, true);
					/* inferred wording */
					snprintf(err, errlen, "unterminated quoted string");
					return -1;
				}
				if (*p == '\\' && p[1] != '\0')
					p++;
				*o++ = *p++;
			}
			p++;
		}
		/* "]" closing an unquoted word is a word of its own: `[a b]` */
		size_t n = (size_t)(o - word);
		bool close = !quoted && n > 1 && word[n - 1] == ']' &&
		    memchr(word, '[', n) == NULL;
		if (close) {
			word[n - 1] = '\0';
			cmd_words_add(out, &cap, word, start, quoted);
			*o++ = ']';
			*o++ = '\0';
			cmd_words_add(out, &cap, o - 2, (size_t)(p - line) - 1, false);
		} else {
			*o++ = '\0';
			cmd_words_add(out, &cap, word, start, quoted);
		}
	}
	if (p > line && (p[-1] == ' ' || p[-1] == '\t'))
		out->cw_trailing_space = true;
	return 0;
}

int
cmd_split(const char *line, struct cmd_words *out, char *err, size_t errlen)
{
	char *store = xzalloc(cmd_store_size(line));
	int rc;

	/* The caller frees each word (cmd_words_free): give each its own copy. */
	rc = cmd_tokenize(line, out, store, err, errlen);
	for (size_t i = 0; i < out->cw_n; i++)
		out->cw_v[i].w_text = xstrdup(out->cw_v[i].w_text);
	free(store);
	return rc;
}

void
cmd_words_free(struct cmd_words *w)
{
	if (w == NULL)
		return;
	for (size_t i = 0; i < w->cw_n; i++)
		free(w->cw_v[i].w_text);
	free(w->cw_v);
	memset(w, 0, sizeof(*w));
}

/* Characters that make cmd_quote quote a value: blanks and ; { } " ' \\ # [ ] < > $ | */
bool
cmd_quote_special(unsigned char c)
{
	static bool init, tab[256];

	if (!init) {
		for (const char *p = ";{}\"'\\#[]<>$|"; *p; p++)
			tab[(unsigned char)*p] = true;
		for (int i = 0; i < 256; i++)
			if (isspace(i))
				tab[i] = true;
		init = true;
	}
	return tab[c];
}

char *
cmd_quote(const char *value)
{
	size_t len = 0, extra = 0;
	bool need = value[0] == '\0';
	char *out, *o;

	/* Printing a configuration quotes every description: one pass, one allocation. */
	for (const char *p = value; *p; p++, len++) {
		if (cmd_quote_special((unsigned char)*p))
			need = true;
		if (*p == '"' || *p == '\\')
			extra++;
	}
	if (!need)
		return xstrdup(value);
	o = out = xzalloc(len + extra + 3);
	*o++ = '"';
	for (const char *p = value; *p; p++) {
		if (*p == '"' || *p == '\\')
			*o++ = '\\';
		*o++ = *p;
	}
	*o++ = '"';
	*o = '\0';
	return out;
}

/* ---- resolving ---- */

/* Append a step; id (malloc'd, or NULL) becomes the step's. */
static void
cmd_push_step(struct cmd_resolution *res, const struct sch_node *s, char *id)
{
	res->cr_steps[res->cr_nsteps].cs_schema = s;
	res->cr_steps[res->cr_nsteps].cs_id = id;
	res->cr_nsteps++;
}

void
cmd_resolution_free(struct cmd_resolution *res)
{
	if (res == NULL)
		return;
	for (size_t i = 0; i < res->cr_nsteps; i++)
		free(res->cr_steps[i].cs_id);
	free(res->cr_steps);
	for (size_t i = 0; i < res->cr_nvalues; i++)
		free(res->cr_values[i]);
	free(res->cr_values);
	memset(res, 0, sizeof(*res));
}

/* A group wildcard key: "<*>", "<ge-*>", "<ge-0/0/[0-9]>". */
static bool
cmd_is_wildcard(const char *v)
{
	size_t n = strlen(v);

	return n >= 3 && v[0] == '<' && v[n - 1] == '>';
}

/* Check value v for leaf s; canonical value in *canon. */
static int
cmd_check(const struct sch_node *s, const struct cmd_word *w, bool in_groups, char **canon,
    struct cmd_error *err)
{
	char msg[512];

	if (in_groups && (s->sn_flags & SCH_F_KEY) && cmd_is_wildcard(w->w_text)) {
		*canon = xstrdup(w->w_text);
		return 0;
	}
	if (sch_check_value(s, w->w_text, canon, msg, sizeof(msg)) != 0) {
		cmd_seterr(err, CE_VALUE, w, 0, "%s", msg);
		return -1;
	}
	return 0;
}

/* Was leaf s already given at the current level cur (by this command)? */
static bool
cmd_has_step(const struct cmd_resolution *res, const struct sch_node *cur,
    const struct sch_node *s)
{
	for (size_t i = res->cr_nsteps; i-- > 0;) {
		const struct sch_node *t = res->cr_steps[i].cs_schema;
		if (t == s)
			return true;
		if (t == cur)
			break;
	}
	return false;
}

/* Is a word the bare bracket b ('[' or ']')? */
static bool
cmd_is_bracket(const struct cmd_word *w, char b)
{
	return !w->w_quoted && w->w_text[0] == b && w->w_text[1] == '\0';
}

/* Match a keyword at level cur: exact, else unique prefix. NULL with err. */
static const struct sch_node *
cmd_keyword(const struct sch_node *cur, const struct cmd_word *w, int *nmatch)
{
	const struct sch_node *c = sch_child(cur, w->w_text);
	const struct sch_node *m[2];

	if (c != NULL && !(c->sn_flags & (SCH_F_KEY | SCH_F_NOKEYWORD))) {
		*nmatch = 1;
		return c;
	}
	*nmatch = (int)sch_prefix_match(cur, w->w_text, m, 2);
	if (w->w_text[0] == '\0')
		*nmatch = 0;
	return *nmatch == 1 ? m[0] : NULL;
}

/* "[edit interfaces ge-0/0/0]": where a refused command was, for messages. */
static void
cmd_edit_path(const struct cmd_resolution *res, struct cmd_error *err)
{
	struct cmd_step *v = xzalloc((res->cr_nsteps + 1) * sizeof(*v));
	size_t n = 0;

	for (size_t i = 0; i < res->cr_nsteps; i++)
		if (!sch_is_leafy(res->cr_steps[i].cs_schema))
			v[n++] = res->cr_steps[i];
	char *s = cmd_steps_string(v, n);
	snprintf(err->ce_path, sizeof(err->ce_path), "[edit%s%s]", n ? " " : "", s);
	free(s);
	free(v);
}

int
cmd_resolve(const struct sch_node *from, const struct cmd_word *words, size_t n,
    bool allow_trailing, struct cmd_resolution *res, struct cmd_error *err)
{
	const struct sch_node *cur = from, *pending = NULL;
	enum cmd_expect expect = CX_STATEMENT;
	bool in_groups = false;
	size_t i = 0;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	cmd_clearerr(err);
	/* at most one step per word: one allocation */
	res->cr_steps = xzalloc((n + 1) * sizeof(*res->cr_steps));
	/* Starting below a groups entry (cli edit level) is not detectable here. */
	while (i < n) {
		const struct cmd_word *w = &words[i];
		char *canon = NULL;

		switch (expect) {
		case CX_DONE:
			if (allow_trailing) {
				rc = 0;
				goto done;
			}
			cmd_seterr(err, CE_SYNTAX, w, 0, "syntax error.");
			goto done;
		case CX_STATEMENT: {
			int nm;
			const struct sch_node *c;

			if (cmd_is_bracket(w, '[') || cmd_is_bracket(w, ']')) {
				if (allow_trailing && res->cr_nsteps > 0) {
					rc = 0;
					goto done;
				}
				cmd_seterr(err, CE_SYNTAX, w, 0, "syntax error.");
				goto done;
			}
			c = cmd_keyword(cur, w, &nm);
			if (c == NULL) {
				/*
				 * A value typed without its keyword (once per command), or the
				 * key of a keyword-less list.
				 */
				const struct sch_node *nk = sch_nokeyword_child(cur);
				char msg[512] = "";
				if (nk != NULL && nk->sn_kind == SCH_LIST) {
					struct cmd_error kerr;
					if (cmd_check(nk->sn_key, w, in_groups, &canon,
					    &kerr) == 0) {
						cmd_push_step(res, nk, canon);
						if (nk->sn_flags & SCH_F_ROOT_CHILDREN)
							in_groups = true;
						i++;
						cur = nk;
						pending = NULL;
						continue;
					}
					snprintf(msg, sizeof(msg), "%s", kerr.ce_msg);
				} else if (nk != NULL && !cmd_has_step(res, cur, nk) &&
				    sch_check_value(nk, w->w_text, &canon, msg, sizeof(msg)) == 0) {
					cmd_push_step(res, nk, canon);
					i++;
					pending = nk;
					expect = (cur->sn_flags & SCH_F_ONELINER) ? CX_STATEMENT :
					    CX_DONE;
					continue;
				}
				if (allow_trailing && res->cr_nsteps > 0 && nm == 0) {
					rc = 0;
					goto done;
				}
				if (nm > 1)
					cmd_seterr(err, CE_AMBIGUOUS, w, 0, "'%s' is ambiguous.",
					    w->w_text);
				else if (nk != NULL && msg[0] != '\0')
					cmd_seterr(err, CE_VALUE, w, 0, "%s", msg);
				else
					cmd_seterr(err, CE_SYNTAX, w, 0, "syntax error.");
				goto done;
			}
			i++;
			switch (c->sn_kind) {
			case SCH_CONTAINER:
				cmd_push_step(res, c, NULL);
				cur = c;
				pending = NULL;
				break;
			case SCH_LIST:
				pending = c;
				expect = CX_KEY;
				break;
			case SCH_LEAF:
				pending = c;
				if (c->sn_type.st_base == ST_EMPTY) {
					cmd_push_step(res, c, NULL);
					expect = (cur->sn_flags & SCH_F_ONELINER) ? CX_STATEMENT :
					    CX_DONE;
				} else
					expect = CX_VALUE;
				break;
			case SCH_LEAFLIST:
				pending = c;
				expect = CX_VALUE;
				break;
			default:
				cmd_seterr(err, CE_SYNTAX, w, 0, "syntax error.");
				goto done;
			}
			break;
		}
		case CX_KEY:
			if (cmd_is_bracket(w, '[') || cmd_is_bracket(w, ']')) {
				cmd_seterr(err, CE_SYNTAX, w, 0, "syntax error.");
				goto done;
			}
			if (cmd_check(pending->sn_key, w, in_groups, &canon, err) == -1)
				goto done;
			cmd_push_step(res, pending, canon);
			if (pending->sn_flags & SCH_F_ROOT_CHILDREN)
				in_groups = true;
			cur = pending;
			pending = NULL;
			expect = CX_STATEMENT;
			i++;
			break;
		case CX_VALUE:
			if (cmd_is_bracket(w, '[')) {
				if (pending->sn_kind != SCH_LEAFLIST) {
					cmd_seterr(err, CE_SYNTAX, w, 0, "syntax error.");
					goto done;
				}
				size_t j = i + 1;
				for (; j < n && !cmd_is_bracket(&words[j], ']'); j++) {
					if (cmd_is_bracket(&words[j], '[')) {
						cmd_seterr(err, CE_SYNTAX, &words[j], 0,
						    "syntax error.");
						goto done;
					}
				}
				if (j == n) {
					/* inferred: Junos wants the closing bracket */
					cmd_seterr(err, CE_SYNTAX, NULL,
					    n ? words[n - 1].w_pos +
					    strlen(words[n - 1].w_text) : 0,
					    "syntax error, expecting ']'.");
					goto done;
				}
				if (j == i + 1) {
					cmd_seterr(err, CE_MISSING, &words[j], 0,
					    "missing argument.");
					goto done;
				}
				for (size_t k = i + 1; k < j; k++) {
					if (cmd_check(pending, &words[k], in_groups, &canon,
					    err) == -1)
						goto done;
					cmd_push_step(res, pending, xstrdup(canon));
					res->cr_values = xrealloc(res->cr_values,
					    (res->cr_nvalues + 1) * sizeof(char *));
					res->cr_values[res->cr_nvalues++] = canon;
				}
				i = j + 1;
			} else {
				if (cmd_is_bracket(w, ']')) {
					cmd_seterr(err, CE_SYNTAX, w, 0, "syntax error.");
					goto done;
				}
				if (cmd_check(pending, w, in_groups, &canon, err) == -1)
					goto done;
				cmd_push_step(res, pending, canon);
				i++;
			}
			expect = (cur->sn_flags & SCH_F_ONELINER) ? CX_STATEMENT : CX_DONE;
			break;
		}
	}
	rc = 0;
done:
	res->cr_used = i;
	res->cr_node = cur;
	res->cr_expect = expect;
	res->cr_pending = expect == CX_STATEMENT ? NULL : pending;
	if (rc == -1 && err != NULL)
		cmd_edit_path(res, err);
	return rc;
}

char *
cmd_steps_string(const struct cmd_step *steps, size_t n)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		const struct sch_node *s = steps[i].cs_schema;
		bool keyword = steps[i].cs_id == NULL || !(s->sn_flags & SCH_F_NOKEYWORD);
		if (keyword) {
			if (b.b_len)
				buf_putc(&b, ' ');
			buf_puts(&b, s->sn_name);
		}
		if (steps[i].cs_id != NULL) {
			char *q = cmd_quote(steps[i].cs_id);
			if (b.b_len)
				buf_putc(&b, ' ');
			buf_puts(&b, q);
			free(q);
		}
	}
	return buf_steal(&b);
}

/* ---- applying ---- */

enum cmd_verb {
	CV_SET, CV_DELETE, CV_ACTIVATE, CV_DEACTIVATE, CV_ANNOTATE, CV_RENAME, CV_COPY,
	CV_INSERT, CV_PROTECT, CV_UNPROTECT,
};

static const char *const cmd_verbs[] = {
	"set", "delete", "activate", "deactivate", "annotate", "rename", "copy", "insert",
	"protect", "unprotect",
};

/* The words of the command's path: the level's words, then the line's. */
struct cmd_line {
	struct cmd_words cl_level;	/* texts in cl_store (cmd_tokenize) */
	struct cmd_words cl_line;	/* texts in cl_store too, after the level's */
	char		*cl_store;
	struct cmd_word	*cl_path;	/* borrowed texts */
	size_t		 cl_npath;
};

static void
cmd_line_free(struct cmd_line *cl)
{
	free(cl->cl_level.cw_v);
	free(cl->cl_line.cw_v);
	free(cl->cl_store);
	free(cl->cl_path);
}

/* Path = level words + line words [from, to). */
static void
cmd_line_path(struct cmd_line *cl, size_t from, size_t to)
{
	size_t nl = cl->cl_level.cw_n;

	free(cl->cl_path);
	cl->cl_npath = nl + (to > from ? to - from : 0);
	cl->cl_path = xzalloc(cl->cl_npath * sizeof(*cl->cl_path));
	for (size_t i = 0; i < nl; i++) {
		cl->cl_path[i] = cl->cl_level.cw_v[i];
		cl->cl_path[i].w_pos = 0;	/* level words are not in the line */
	}
	for (size_t i = from; i < to; i++)
		cl->cl_path[nl + i - from] = cl->cl_line.cw_v[i];
}

/* Walk the resolved steps without creating anything: the node of the last step. */
static struct conf_node *
cmd_walk(struct conf_node *root, const struct cmd_resolution *res, size_t nsteps)
{
	struct conf_node *at = root, *last = root;

	for (size_t i = 0; i < nsteps; i++) {
		const struct cmd_step *st = &res->cr_steps[i];
		struct conf_node *c = conf_find(at, st->cs_schema, st->cs_id);
		if (c == NULL)
			return NULL;
		if (st->cs_schema->sn_kind == SCH_LEAF && st->cs_id != NULL &&
		    (c->cn_value == NULL || strcmp(c->cn_value, st->cs_id) != 0))
			return NULL;
		last = c;
		if (!sch_is_leafy(st->cs_schema))
			at = c;
	}
	return last;
}

/* The container/list-entry node under which step k lives (k's parent level). */
static struct conf_node *
cmd_walk_parent(struct conf_node *root, const struct cmd_resolution *res, size_t k)
{
	struct conf_node *at = root;

	for (size_t i = 0; i < k; i++) {
		const struct cmd_step *st = &res->cr_steps[i];
		if (sch_is_leafy(st->cs_schema))
			continue;
		if ((at = conf_find(at, st->cs_schema, st->cs_id)) == NULL)
			return NULL;
	}
	return at;
}

/*
 * The targets of a delete/activate/deactivate/annotate: the node of the last step,
 * or, when the path ends waiting for a key or value, every entry of that list or
 * leaf-list (and the leaf itself for a leaf). Fills out (malloc'd), returns the count.
 */
static size_t
cmd_targets(struct conf_node *root, const struct cmd_resolution *res,
    struct conf_node ***out)
{
	struct conf_node **v = NULL;
	size_t nv = 0;

	*out = NULL;
	if (res->cr_expect == CX_KEY || res->cr_expect == CX_VALUE) {
		struct conf_node *at = cmd_walk_parent(root, res, res->cr_nsteps);
		const struct sch_node *s = res->cr_pending;
		if (at == NULL)
			return 0;
		if (s->sn_kind == SCH_LEAF) {
			struct conf_node *c = conf_find(at, s, NULL);
			if (c == NULL)
				return 0;
			v = xzalloc(sizeof(*v));
			v[nv++] = c;
		} else {
			for (struct conf_node *c = conf_first_of(at, s); c != NULL;
			    c = conf_next_of(c)) {
				v = xrealloc(v, (nv + 1) * sizeof(*v));
				v[nv++] = c;
			}
		}
		*out = v;
		return nv;
	}
	if (res->cr_nsteps == 0) {
		v = xzalloc(sizeof(*v));
		v[nv++] = root;
		*out = v;
		return nv;
	}
	/* `x [ a b ]`: every trailing value of the same leaf-list */
	size_t last = res->cr_nsteps - 1, first = last;
	const struct sch_node *ls = res->cr_steps[last].cs_schema;
	if (ls->sn_kind == SCH_LEAFLIST)
		while (first > 0 && res->cr_steps[first - 1].cs_schema == ls)
			first--;
	struct conf_node *at = cmd_walk_parent(root, res, first);
	if (at == NULL || cmd_walk(root, res, first) == NULL)
		return 0;
	for (size_t k = first; k <= last; k++) {
		const struct cmd_step *st = &res->cr_steps[k];
		struct conf_node *c = conf_find(at, st->cs_schema, st->cs_id);
		if (c == NULL)
			continue;
		if (st->cs_schema->sn_kind == SCH_LEAF && st->cs_id != NULL &&
		    (c->cn_value == NULL || strcmp(c->cn_value, st->cs_id) != 0))
			continue;
		v = xrealloc(v, (nv + 1) * sizeof(*v));
		v[nv++] = c;
	}
	*out = v;
	return nv;
}

/* Encode secrets in place (before anything changes: encoding may fail). */
static int
cmd_encode_secrets(struct cmd_resolution *res, struct cmd_error *err)
{
	for (size_t i = 0; i < res->cr_nsteps; i++) {
		struct cmd_step *st = &res->cr_steps[i];
		if (!(st->cs_schema->sn_flags & SCH_F_SECRET) || st->cs_id == NULL ||
		    strncmp(st->cs_id, "$9$", 3) == 0)
			continue;
		char *enc = secret9_encode(st->cs_id);
		if (enc == NULL) {
			cmd_seterr(err, CE_OTHER, NULL, 0, "cannot encode secret");
			return -1;
		}
		free(st->cs_id);
		st->cs_id = enc;
	}
	return 0;
}

static void
cmd_apply_set(struct conf_node *root, const struct cmd_resolution *res)
{
	struct conf_node *at = root;

	for (size_t i = 0; i < res->cr_nsteps; i++) {
		const struct cmd_step *st = &res->cr_steps[i];
		const struct sch_node *s = st->cs_schema;
		struct conf_node *c;

		conf_clear_choice(at, s);
		if (s->sn_kind == SCH_LEAF)
			c = conf_set_leaf(at, s, st->cs_id);
		else
			c = conf_get(at, s, st->cs_id);
		if (!sch_is_leafy(s))
			at = c;
	}
}

static const char *
cmd_verb_name(enum cmd_verb v)
{
	return cmd_verbs[v];
}

static int
cmd_resolve_line(struct conf_node *root, struct cmd_line *cl, size_t from, size_t to,
    struct cmd_resolution *res, struct cmd_error *err)
{
	cmd_line_path(cl, from, to);
	if (cmd_resolve(root->cn_schema, cl->cl_path, cl->cl_npath, false, res, err) == -1)
		return -1;
	return 0;
}

static int
cmd_do_set(struct conf_node *root, struct cmd_line *cl, struct cmd_error *err)
{
	struct cmd_resolution res;
	int rc = -1;

	memset(&res, 0, sizeof(res));
	if (cl->cl_line.cw_n == 1) {
		cmd_seterr(err, CE_MISSING, NULL, cl->cl_line.cw_v[0].w_pos + 3,
		    "missing argument.");
		goto done;
	}
	if (cmd_resolve_line(root, cl, 1, cl->cl_line.cw_n, &res, err) == -1)
		goto done;
	if (res.cr_expect == CX_KEY || res.cr_expect == CX_VALUE) {
		const struct cmd_words *lw = &cl->cl_line;
		size_t end = lw->cw_n ? lw->cw_v[lw->cw_n - 1].w_pos +
		    strlen(lw->cw_v[lw->cw_n - 1].w_text) + (lw->cw_v[lw->cw_n - 1].w_quoted ?
		    2 : 0) : 0;
		cmd_seterr(err, CE_MISSING, NULL, end, "missing argument.");
		goto done;
	}
	if (cmd_encode_secrets(&res, err) == -1)
		goto done;
	cmd_apply_set(root, &res);
	rc = 0;
done:
	cmd_resolution_free(&res);
	return rc;
}

static int
cmd_do_delete_like(struct conf_node *root, struct cmd_line *cl, enum cmd_verb verb,
    struct cmd_error *err)
{
	struct cmd_resolution res;
	struct conf_node **t = NULL;
	size_t nt, to = cl->cl_line.cw_n;
	const char *comment = NULL;
	int rc = -1;

	memset(&res, 0, sizeof(res));
	if (verb == CV_ANNOTATE) {
		if (cl->cl_line.cw_n < 3) {
			cmd_seterr(err, CE_MISSING, NULL, 0, "missing argument.");
			return -1;
		}
		to = cl->cl_line.cw_n - 1;
		comment = cl->cl_line.cw_v[to].w_text;
	}
	if (cmd_resolve_line(root, cl, 1, to, &res, err) == -1)
		goto done;
	if (verb != CV_DELETE && cl->cl_npath == 0) {
		cmd_seterr(err, CE_MISSING, NULL, 0, "missing argument.");
		goto done;
	}
	nt = cmd_targets(root, &res, &t);
	if (nt == 0) {
		cmd_seterr(err, CE_NOTFOUND, NULL, 0, "statement not found");
		rc = verb == CV_DELETE ? 0 : -1;
		goto done;
	}
	for (size_t i = 0; i < nt; i++) {
		struct conf_node *n = t[i];
		switch (verb) {
		case CV_DELETE:
			if (n == root) {
				while (root->cn_first != NULL)
					conf_free(root->cn_first);
			} else
				conf_free(n);
			break;
		case CV_ACTIVATE:
			conf_set_flags(n, n->cn_flags & ~CONF_F_INACTIVE);
			break;
		case CV_DEACTIVATE:
			conf_set_flags(n, n->cn_flags | CONF_F_INACTIVE);
			break;
		case CV_ANNOTATE:
			conf_set_annotation(n, comment[0] ? comment : NULL);
			break;
		default:
			break;
		}
	}
	rc = 0;
done:
	free(t);
	cmd_resolution_free(&res);
	return rc;
}

/* Index of the last unquoted word equal to one of w1/w2 after `from`, or 0. */
static size_t
cmd_find_word(const struct cmd_words *lw, size_t from, const char *w1, const char *w2)
{
	for (size_t i = lw->cw_n; i-- > from;) {
		const struct cmd_word *w = &lw->cw_v[i];
		if (w->w_quoted)
			continue;
		if (strcmp(w->w_text, w1) == 0 || (w2 && strcmp(w->w_text, w2) == 0))
			return i;
	}
	return 0;
}

/*
 * rename/copy/insert: the path names an existing list entry or leaf-list value;
 * after the separator word comes the other id, optionally preceded by the
 * statement's keyword (`insert ... term t2 before term t1`).
 */
static int
cmd_do_move(struct conf_node *root, struct cmd_line *cl, enum cmd_verb verb,
    struct cmd_error *err)
{
	const struct cmd_words *lw = &cl->cl_line;
	struct cmd_resolution res;
	size_t sep, idw;
	bool after = false;
	char *id2 = NULL;
	int rc = -1;

	memset(&res, 0, sizeof(res));
	if (verb == CV_INSERT)
		sep = cmd_find_word(lw, 2, "before", "after");
	else
		sep = cmd_find_word(lw, 2, "to", NULL);
	if (sep == 0) {
		cmd_seterr(err, lw->cw_n > 1 ? CE_SYNTAX : CE_MISSING, NULL,
		    lw->cw_n ? lw->cw_v[lw->cw_n - 1].w_pos : 0,
		    lw->cw_n > 1 ? "syntax error." : "missing argument.");
		goto done;
	}
	after = strcmp(lw->cw_v[sep].w_text, "after") == 0;
	if (cmd_resolve_line(root, cl, 1, sep, &res, err) == -1)
		goto done;
	if (res.cr_expect != CX_STATEMENT && res.cr_expect != CX_DONE) {
		cmd_seterr(err, CE_MISSING, &lw->cw_v[sep], 0, "missing argument.");
		goto done;
	}
	if (res.cr_nsteps == 0 || res.cr_steps[res.cr_nsteps - 1].cs_id == NULL ||
	    (res.cr_steps[res.cr_nsteps - 1].cs_schema->sn_kind != SCH_LIST &&
	    res.cr_steps[res.cr_nsteps - 1].cs_schema->sn_kind != SCH_LEAFLIST)) {
		cmd_seterr(err, CE_SYNTAX, &lw->cw_v[sep], 0, "syntax error.");
		goto done;
	}
	const struct sch_node *s = res.cr_steps[res.cr_nsteps - 1].cs_schema;
	/* "to ID2" or "to KEYWORD ID2" */
	idw = sep + 1;
	if (lw->cw_n == idw + 2) {
		const struct cmd_word *kw = &lw->cw_v[idw];
		size_t kl = strlen(kw->w_text);
		if (kl == 0 || strncmp(s->sn_name, kw->w_text, kl) != 0) {
			cmd_seterr(err, CE_SYNTAX, kw, 0, "syntax error.");
			goto done;
		}
		idw++;
	}
	if (lw->cw_n != idw + 1) {
		if (lw->cw_n <= idw)
			cmd_seterr(err, CE_MISSING, NULL, lw->cw_v[sep].w_pos, "missing argument.");
		else
			cmd_seterr(err, CE_SYNTAX, &lw->cw_v[idw + 1], 0, "syntax error.");
		goto done;
	}
	bool in_groups = false;
	for (size_t i = 0; i + 1 < res.cr_nsteps; i++)
		if (res.cr_steps[i].cs_schema->sn_flags & SCH_F_ROOT_CHILDREN)
			in_groups = true;
	if (cmd_check(s->sn_kind == SCH_LIST ? s->sn_key : s, &lw->cw_v[idw], in_groups, &id2,
	    err) == -1)
		goto done;

	struct conf_node *n = cmd_walk(root, &res, res.cr_nsteps);
	if (n == NULL) {
		cmd_seterr(err, CE_NOTFOUND, NULL, 0, "statement not found");
		goto done;
	}
	struct conf_node *p = n->cn_parent, *other = conf_find(p, s, id2);
	switch (verb) {
	case CV_RENAME:
	case CV_COPY:
		if (other == n && verb == CV_RENAME) {
			rc = 0;
			goto done;
		}
		if (other != NULL) {
			/* inferred wording */
			cmd_seterr(err, CE_OTHER, &lw->cw_v[idw], 0, "statement already exists");
			goto done;
		}
		if (verb == CV_RENAME) {
			if (conf_rekey(n, id2) == -1) {
				cmd_seterr(err, CE_OTHER, &lw->cw_v[idw], 0,
				    "statement already exists");
				goto done;
			}
		} else {
			struct conf_node *d = conf_dup(n);
			conf_rekey(d, id2);
			conf_attach(p, d);
		}
		break;
	case CV_INSERT:
		if (!(s->sn_flags & SCH_F_ORDERED_BY_USER)) {
			/* inferred wording */
			cmd_seterr(err, CE_OTHER, &lw->cw_v[0], 0,
			    "'insert' is not supported for this statement");
			goto done;
		}
		if (other == NULL) {
			cmd_seterr(err, CE_NOTFOUND, &lw->cw_v[idw], 0, "statement not found");
			goto done;
		}
		if (other != n)
			conf_move(n, other, after);
		break;
	default:
		break;
	}
	rc = 0;
done:
	free(id2);
	cmd_resolution_free(&res);
	return rc;
}

static int
cmd_verb_lookup(const struct cmd_word *w, enum cmd_verb *out, struct cmd_error *err)
{
	size_t len = strlen(w->w_text), found = 0;

	for (size_t i = 0; i < sizeof(cmd_verbs) / sizeof(cmd_verbs[0]); i++) {
		if (strcmp(cmd_verbs[i], w->w_text) == 0) {
			*out = (enum cmd_verb)i;
			return 0;
		}
		if (len > 0 && strncmp(cmd_verbs[i], w->w_text, len) == 0) {
			*out = (enum cmd_verb)i;
			found++;
		}
	}
	if (found == 1)
		return 0;
	if (found > 1)
		cmd_seterr(err, CE_AMBIGUOUS, w, 0, "'%s' is ambiguous.", w->w_text);
	else
		cmd_seterr(err, CE_SYNTAX, w, 0, "syntax error.");	/* "unknown command." */
	return -1;
}

int
cmd_apply_line(struct conf_node *root, const char *level, const char *line,
    struct cmd_error *err)
{
	struct cmd_line cl;
	struct cmd_error localerr;
	char msg[256];
	enum cmd_verb verb;
	int rc = -1;

	if (err == NULL)
		err = &localerr;
	cmd_clearerr(err);
	memset(&cl, 0, sizeof(cl));
	/* One store for the words of both: see cmd_tokenize. */
	size_t lsize = level != NULL ? cmd_store_size(level) : 0;
	cl.cl_store = xrealloc(NULL, lsize + cmd_store_size(line));
	if (level != NULL && cmd_tokenize(level, &cl.cl_level, cl.cl_store, msg,
	    sizeof(msg)) == -1) {
		cmd_seterr(err, CE_SYNTAX, NULL, 0, "%s", msg);
		goto done;
	}
	if (cmd_tokenize(line, &cl.cl_line, cl.cl_store + lsize, msg, sizeof(msg)) == -1) {
		cmd_seterr(err, CE_SYNTAX, NULL, strlen(line), "%s", msg);
		goto done;
	}
	if (cl.cl_line.cw_n == 0) {
		rc = 0;
		goto done;
	}
	if (cmd_verb_lookup(&cl.cl_line.cw_v[0], &verb, err) == -1)
		goto done;
	switch (verb) {
	case CV_SET:
		rc = cmd_do_set(root, &cl, err);
		break;
	case CV_DELETE:
	case CV_ACTIVATE:
	case CV_DEACTIVATE:
	case CV_ANNOTATE:
		rc = cmd_do_delete_like(root, &cl, verb, err);
		break;
	case CV_RENAME:
	case CV_COPY:
	case CV_INSERT:
		rc = cmd_do_move(root, &cl, verb, err);
		break;
	case CV_PROTECT:
	case CV_UNPROTECT:
		cmd_seterr(err, CE_OTHER, &cl.cl_line.cw_v[0], 0, "'%s' is not supported",
		    cmd_verb_name(verb));
		break;
	}
done:
	cmd_line_free(&cl);
	return rc;
}

/* Level navigation inside `load set` text: edit PATH, top, up [N], exit. */
static int
cmd_text_level(const struct sch_node *root, struct buf *level, const struct cmd_words *w)
{
	const char *v = w->cw_v[0].w_text;

	if (strcmp(v, "top") == 0 && w->cw_n == 1) {
		buf_reset(level);
		return 1;
	}
	if ((strcmp(v, "up") == 0 && w->cw_n <= 2) || (strcmp(v, "exit") == 0 && w->cw_n == 1)) {
		long steps = w->cw_n == 2 ? strtol(w->cw_v[1].w_text, NULL, 10) : 1;
		struct cmd_words lv;
		struct cmd_resolution res;
		char e[64];
		int rc = -1;

		if (steps < 1)
			steps = 1;
		memset(&res, 0, sizeof(res));
		/* a level is a statement: a keyword, or a keyword and its key */
		if (cmd_split(buf_str(level), &lv, e, sizeof(e)) == 0 &&
		    cmd_resolve(root, lv.cw_v, lv.cw_n, false, &res, NULL) == 0) {
			size_t keep = res.cr_nsteps > (size_t)steps ?
			    res.cr_nsteps - (size_t)steps : 0;
			char *s = cmd_steps_string(res.cr_steps, keep);
			buf_reset(level);
			buf_puts(level, s);
			free(s);
			rc = 1;
		}
		cmd_resolution_free(&res);
		cmd_words_free(&lv);
		return rc;
	}
	if (strcmp(v, "edit") == 0) {
		for (size_t i = 1; i < w->cw_n; i++) {
			char *q = cmd_quote(w->cw_v[i].w_text);
			if (level->b_len)
				buf_putc(level, ' ');
			buf_puts(level, q);
			free(q);
		}
		return 1;
	}
	return 0;
}

int
cmd_apply_text(struct conf_node *root, const char *level, const char *text,
    size_t *errline, struct cmd_error *err)
{
	struct buf lvl = BUF_INIT, line = BUF_INIT;
	struct cmd_error e, localerr;
	bool warned = false;
	size_t lineno = 0;
	int rc = 0;

	if (err == NULL)
		err = &localerr;
	cmd_clearerr(err);
	if (errline != NULL)
		*errline = 0;
	buf_puts(&lvl, level ? level : "");
	for (const char *p = text; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		lineno++;
		buf_reset(&line);
		buf_append(&line, p, len);
		p += len + (nl ? 1 : 0);

		const char *s = buf_str(&line);
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '#' || *s == '\r')
			continue;
		if (strncmp(s, "edit", 4) == 0 || strncmp(s, "top", 3) == 0 ||
		    strncmp(s, "up", 2) == 0 || strncmp(s, "exit", 4) == 0) {
			struct cmd_words w;
			char m[128];
			if (cmd_split(s, &w, m, sizeof(m)) == 0 && w.cw_n > 0) {
				int r = cmd_text_level(root->cn_schema, &lvl, &w);
				cmd_words_free(&w);
				if (r == 1)
					continue;
				if (r == -1) {
					cmd_seterr(err, CE_SYNTAX, NULL, 0, "syntax error.");
					if (errline != NULL)
						*errline = lineno;
					rc = -1;
					break;
				}
			} else
				cmd_words_free(&w);
		}
		if (cmd_apply_line(root, buf_str(&lvl), buf_str(&line), &e) == -1) {
			*err = e;
			if (errline != NULL)
				*errline = lineno;
			rc = -1;
			break;
		}
		if (e.ce_kind == CE_NOTFOUND && !warned) {
			warned = true;
			*err = e;
			if (errline != NULL)
				*errline = lineno;
		}
	}
	buf_free(&lvl);
	buf_free(&line);
	return rc;
}
