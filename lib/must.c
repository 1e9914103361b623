/*
 * must: the Junos commit constraint language (see must.h for the semantics).
 *
 * Grammar of the expressions found in the reference YANG:
 *
 *	expr	:= and ( "||" and )*
 *	and	:= unary ( "&&" unary )*
 *	unary	:= "!" unary | primary
 *	primary	:= "(" expr ")" | PATH | "any" PATH | "unique" PATH
 *	PATH	:= a double-quoted string of words: [".." ...] word ...
 *
 * A path is compiled once into its words; `$$` and `$$-IFL` are substituted at
 * evaluation time. Evaluation walks the configuration tree with the O(1) lookups of
 * conf_find, so a path without `<*>` costs its length; a path with `<*>` visits the
 * entries it ranges over, once per must_cache when one is given.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "must.h"
#include "schema.h"
#include "xmalloc.h"

#define MUST_MAXDEPTH	128	/* nesting of ( and ! in one expression */
#define MUST_MAXOPS	1024	/* && and || of one expression (the tree's depth) */
#define MUST_MAXWORDS	64	/* words of one path, after substitution */
#define MUST_MAXID	256	/* longest interface name $$-IFL splits */

enum must_op {
	MO_PATH,		/* "path": something exists there */
	MO_ANY,			/* any "path" */
	MO_UNIQUE,		/* unique "path" */
	MO_NOT,
	MO_AND,
	MO_OR,
};

enum must_wkind {
	MW_WORD,		/* a statement name, key or value, literally */
	MW_WILD,		/* <*> */
	MW_SELF,		/* $$ */
	MW_SELF_IFL,		/* $$-IFL: expands to NAME unit N */
};

struct must_word {
	enum must_wkind	 mw_kind;
	char		*mw_text;
};

struct must_path {
	char		*mp_text;	/* as written, for must_format */
	size_t		 mp_up;		/* leading ".." steps; 0: absolute */
	struct must_word *mp_words;
	size_t		 mp_nwords;
	bool		 mp_wild;	/* has <*> */
};

struct must_expr {
	enum must_op	 me_op;
	struct must_expr *me_a;		/* NOT, AND, OR */
	struct must_expr *me_b;		/* AND, OR */
	struct must_path *me_path;	/* PATH, ANY, UNIQUE */
};

/* ---- tokenizer and parser ---- */

enum must_tok {
	MT_END,
	MT_LPAREN,
	MT_RPAREN,
	MT_NOT,
	MT_AND,
	MT_OR,
	MT_STRING,
	MT_ANY,
	MT_UNIQUE,
	MT_ERROR,
};

struct must_parser {
	const char	*mp_src;
	size_t		 mp_pos;	/* next byte to read */
	size_t		 mp_tokpos;	/* where the current token starts */
	enum must_tok	 mp_tok;
	struct buf	 mp_str;	/* MT_STRING: the unquoted text */
	char		*mp_err;
	size_t		 mp_errlen;
	bool		 mp_failed;
	size_t		 mp_nops;	/* && and || seen */
};

static struct must_expr *must_parse_or(struct must_parser *, int);

static void
must_parse_error(struct must_parser *p, const char *what)
{
	if (p->mp_failed)
		return;
	p->mp_failed = true;
	if (p->mp_err != NULL && p->mp_errlen > 0)
		snprintf(p->mp_err, p->mp_errlen, "%s at offset %zu", what, p->mp_tokpos);
}

static void
must_next(struct must_parser *p)
{
	const char *s = p->mp_src;

	while (s[p->mp_pos] == ' ' || s[p->mp_pos] == '\t' || s[p->mp_pos] == '\n' ||
	    s[p->mp_pos] == '\r')
		p->mp_pos++;
	p->mp_tokpos = p->mp_pos;
	switch (s[p->mp_pos]) {
	case '\0':
		p->mp_tok = MT_END;
		return;
	case '(':
		p->mp_pos++;
		p->mp_tok = MT_LPAREN;
		return;
	case ')':
		p->mp_pos++;
		p->mp_tok = MT_RPAREN;
		return;
	case '!':
		p->mp_pos++;
		p->mp_tok = MT_NOT;
		return;
	case '&':
	case '|':
		if (s[p->mp_pos + 1] != s[p->mp_pos]) {
			p->mp_tok = MT_ERROR;
			must_parse_error(p, s[p->mp_pos] == '&' ? "expected '&&'" : "expected '||'");
			return;
		}
		p->mp_tok = s[p->mp_pos] == '&' ? MT_AND : MT_OR;
		p->mp_pos += 2;
		return;
	case '"':
		p->mp_pos++;
		buf_reset(&p->mp_str);
		buf_puts(&p->mp_str, "");
		for (;;) {
			char c = s[p->mp_pos];

			if (c == '\0') {
				p->mp_tok = MT_ERROR;
				must_parse_error(p, "unterminated string");
				return;
			}
			p->mp_pos++;
			if (c == '"')
				break;
			if (c == '\\' && (s[p->mp_pos] == '"' || s[p->mp_pos] == '\\'))
				c = s[p->mp_pos++];
			buf_putc(&p->mp_str, c);
		}
		p->mp_tok = MT_STRING;
		return;
	default:
		break;
	}
	size_t start = p->mp_pos;
	while ((s[p->mp_pos] >= 'a' && s[p->mp_pos] <= 'z') ||
	    (s[p->mp_pos] >= 'A' && s[p->mp_pos] <= 'Z') || s[p->mp_pos] == '-' ||
	    s[p->mp_pos] == '_')
		p->mp_pos++;
	size_t len = p->mp_pos - start;
	if (len == 3 && strncmp(s + start, "any", 3) == 0)
		p->mp_tok = MT_ANY;
	else if (len == 6 && strncmp(s + start, "unique", 6) == 0)
		p->mp_tok = MT_UNIQUE;
	else {
		p->mp_tok = MT_ERROR;
		must_parse_error(p, len ? "unknown keyword" : "unexpected character");
	}
}

static void
must_path_free(struct must_path *mp)
{
	if (mp == NULL)
		return;
	for (size_t i = 0; i < mp->mp_nwords; i++)
		free(mp->mp_words[i].mw_text);
	free(mp->mp_words);
	free(mp->mp_text);
	free(mp);
}

/* Split the text of a quoted path into its words. */
static struct must_path *
must_path_compile(struct must_parser *p, const char *text)
{
	struct must_path *mp = xcalloc(1, sizeof(*mp));
	size_t cap = 0;
	const char *s = text;

	mp->mp_text = xstrndup(text, strlen(text));
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		const char *e = s;
		while (*e != '\0' && *e != ' ' && *e != '\t')
			e++;
		size_t len = (size_t)(e - s);

		if (len == 2 && s[0] == '.' && s[1] == '.') {
			if (mp->mp_nwords > 0) {
				must_parse_error(p, "'..' after a statement name in a path");
				goto fail;
			}
			mp->mp_up++;
			s = e;
			continue;
		}
		if (mp->mp_nwords == MUST_MAXWORDS / 3) {
			must_parse_error(p, "path too long");
			goto fail;
		}
		if (mp->mp_nwords == cap) {
			cap = cap ? cap * 2 : 8;
			struct must_word *w = realloc(mp->mp_words, cap * sizeof(*w));
			if (w == NULL)
				abort();
			mp->mp_words = w;
		}
		struct must_word *w = &mp->mp_words[mp->mp_nwords];
		w->mw_text = xstrndup(s, len);
		if (strcmp(w->mw_text, "<*>") == 0) {
			w->mw_kind = MW_WILD;
			mp->mp_wild = true;
		} else if (strcmp(w->mw_text, "$$") == 0)
			w->mw_kind = MW_SELF;
		else if (strcmp(w->mw_text, "$$-IFL") == 0)
			w->mw_kind = MW_SELF_IFL;
		else if (strstr(w->mw_text, "$$") != NULL) {
			free(w->mw_text);
			must_parse_error(p, "unknown substitution in path");
			goto fail;
		} else
			w->mw_kind = MW_WORD;
		mp->mp_nwords++;
		s = e;
	}
	if (mp->mp_nwords == 0) {
		must_parse_error(p, "empty path");
		goto fail;
	}
	return mp;
fail:
	must_path_free(mp);
	return NULL;
}

static struct must_expr *
must_node(enum must_op op, struct must_expr *a, struct must_expr *b)
{
	struct must_expr *e = xcalloc(1, sizeof(*e));

	e->me_op = op;
	e->me_a = a;
	e->me_b = b;
	return e;
}

static struct must_expr *
must_parse_primary(struct must_parser *p, int depth)
{
	struct must_expr *e = NULL;
	enum must_op op = MO_PATH;

	if (depth > MUST_MAXDEPTH) {
		must_parse_error(p, "expression nested too deeply");
		return NULL;
	}
	switch (p->mp_tok) {
	case MT_NOT:
		must_next(p);
		if ((e = must_parse_primary(p, depth + 1)) == NULL)
			return NULL;
		return must_node(MO_NOT, e, NULL);
	case MT_LPAREN:
		must_next(p);
		if ((e = must_parse_or(p, depth + 1)) == NULL)
			return NULL;
		if (p->mp_tok != MT_RPAREN) {
			must_parse_error(p, "expected ')'");
			must_free(e);
			return NULL;
		}
		must_next(p);
		return e;
	case MT_ANY:
	case MT_UNIQUE:
		op = p->mp_tok == MT_ANY ? MO_ANY : MO_UNIQUE;
		must_next(p);
		if (p->mp_tok != MT_STRING) {
			must_parse_error(p, "expected a quoted path");
			return NULL;
		}
		/* FALLTHROUGH */
	case MT_STRING: {
		struct must_path *mp = must_path_compile(p, buf_str(&p->mp_str));
		if (mp == NULL)
			return NULL;
		e = must_node(op, NULL, NULL);
		e->me_path = mp;
		must_next(p);
		return e;
	}
	case MT_END:
		must_parse_error(p, "unexpected end of expression");
		return NULL;
	case MT_ERROR:
		return NULL;
	default:
		must_parse_error(p, "expected a path, '!' or '('");
		return NULL;
	}
}

static struct must_expr *
must_parse_and(struct must_parser *p, int depth)
{
	struct must_expr *e, *r;

	if ((e = must_parse_primary(p, depth)) == NULL)
		return NULL;
	while (p->mp_tok == MT_AND) {
		if (++p->mp_nops > MUST_MAXOPS) {
			must_parse_error(p, "expression too long");
			must_free(e);
			return NULL;
		}
		must_next(p);
		if ((r = must_parse_primary(p, depth)) == NULL) {
			must_free(e);
			return NULL;
		}
		e = must_node(MO_AND, e, r);
	}
	return e;
}

static struct must_expr *
must_parse_or(struct must_parser *p, int depth)
{
	struct must_expr *e, *r;

	if ((e = must_parse_and(p, depth)) == NULL)
		return NULL;
	while (p->mp_tok == MT_OR) {
		if (++p->mp_nops > MUST_MAXOPS) {
			must_parse_error(p, "expression too long");
			must_free(e);
			return NULL;
		}
		must_next(p);
		if ((r = must_parse_and(p, depth)) == NULL) {
			must_free(e);
			return NULL;
		}
		e = must_node(MO_OR, e, r);
	}
	return e;
}

struct must_expr *
must_compile(const char *expr, char *err, size_t errlen)
{
	struct must_parser p;
	struct must_expr *e = NULL;

	memset(&p, 0, sizeof(p));
	buf_init(&p.mp_str);
	p.mp_src = expr != NULL ? expr : "";
	p.mp_err = err;
	p.mp_errlen = errlen;
	must_next(&p);
	if ((e = must_parse_or(&p, 0)) != NULL && p.mp_tok != MT_END) {
		must_parse_error(&p, p.mp_tok == MT_RPAREN ? "unbalanced ')'" :
		    "unexpected text after the expression");
		must_free(e);
		e = NULL;
	}
	if (e == NULL && !p.mp_failed)
		must_parse_error(&p, "syntax error");
	buf_free(&p.mp_str);
	return e;
}

void
must_free(struct must_expr *e)
{
	if (e == NULL)
		return;
	must_free(e->me_a);
	must_free(e->me_b);
	must_path_free(e->me_path);
	free(e);
}

static void
must_format_expr(struct buf *b, const struct must_expr *e)
{
	switch (e->me_op) {
	case MO_ANY:
		buf_puts(b, "any ");
		/* FALLTHROUGH */
	case MO_PATH:
		buf_printf(b, "\"%s\"", e->me_path->mp_text);
		break;
	case MO_UNIQUE:
		buf_printf(b, "unique \"%s\"", e->me_path->mp_text);
		break;
	case MO_NOT:
		buf_puts(b, "!");
		must_format_expr(b, e->me_a);
		break;
	case MO_AND:
	case MO_OR:
		buf_puts(b, "(");
		must_format_expr(b, e->me_a);
		buf_puts(b, e->me_op == MO_AND ? " && " : " || ");
		must_format_expr(b, e->me_b);
		buf_puts(b, ")");
		break;
	}
}

char *
must_format(const struct must_expr *e)
{
	struct buf b = BUF_INIT;

	if (e != NULL)
		must_format_expr(&b, e);
	buf_puts(&b, "");
	return buf_steal(&b);
}

/* ---- the cache of wildcard paths ---- */

/*
 * One map type serves twice: the cache maps (path, substituted words) to what the
 * walk found, and a cached index maps an id (key or value) to the entries having it.
 */
struct must_slot {
	struct must_slot *ms_next;
	uint64_t	 ms_hash;
	const void	*ms_tag;	/* the must_path (cache), NULL (index) */
	char		*ms_key;
	size_t		 ms_count;	/* matches (capped at 2 for the cache) */
	const struct conf_node *ms_first;
	struct must_map	*ms_index;	/* last word indexed by id, or NULL */
	bool		 ms_indexable;	/* false: fall back to walking */
};

struct must_map {
	struct must_slot **mm_v;
	size_t		 mm_cap;	/* power of two */
	size_t		 mm_n;
};

struct must_cache {
	struct must_map	 mc_map;
};

static uint64_t
must_hash(const void *tag, const char *key)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ ((uint64_t)(uintptr_t)tag * 0x9e3779b97f4a7c15ULL);

	for (const unsigned char *p = (const unsigned char *)key; *p; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	return h ^ (h >> 29);
}

static void
must_map_free(struct must_map *m)
{
	for (size_t i = 0; i < m->mm_cap; i++) {
		struct must_slot *s, *n;
		for (s = m->mm_v[i]; s != NULL; s = n) {
			n = s->ms_next;
			if (s->ms_index != NULL) {
				must_map_free(s->ms_index);
				free(s->ms_index);
			}
			free(s->ms_key);
			free(s);
		}
	}
	free(m->mm_v);
	memset(m, 0, sizeof(*m));
}

static struct must_slot *
must_map_find(const struct must_map *m, const void *tag, const char *key, uint64_t h)
{
	if (m->mm_cap == 0)
		return NULL;
	for (struct must_slot *s = m->mm_v[h & (m->mm_cap - 1)]; s != NULL; s = s->ms_next)
		if (s->ms_hash == h && s->ms_tag == tag && strcmp(s->ms_key, key) == 0)
			return s;
	return NULL;
}

static struct must_slot *
must_map_add(struct must_map *m, const void *tag, const char *key, uint64_t h)
{
	if (m->mm_n + 1 > m->mm_cap) {
		size_t cap = m->mm_cap ? m->mm_cap * 2 : 16;
		struct must_slot **v = xcalloc(cap, sizeof(*v));

		for (size_t i = 0; i < m->mm_cap; i++) {
			struct must_slot *s, *n;
			for (s = m->mm_v[i]; s != NULL; s = n) {
				n = s->ms_next;
				s->ms_next = v[s->ms_hash & (cap - 1)];
				v[s->ms_hash & (cap - 1)] = s;
			}
		}
		free(m->mm_v);
		m->mm_v = v;
		m->mm_cap = cap;
	}
	struct must_slot *s = xcalloc(1, sizeof(*s));
	s->ms_hash = h;
	s->ms_tag = tag;
	s->ms_key = xstrndup(key, strlen(key));
	s->ms_next = m->mm_v[h & (m->mm_cap - 1)];
	m->mm_v[h & (m->mm_cap - 1)] = s;
	m->mm_n++;
	return s;
}

struct must_cache *
must_cache_new(void)
{
	return xcalloc(1, sizeof(struct must_cache));
}

void
must_cache_free(struct must_cache *c)
{
	if (c == NULL)
		return;
	must_map_free(&c->mc_map);
	free(c);
}

/* ---- evaluation ---- */

struct must_word_ref {
	const char	*wr_text;
	bool		 wr_wild;
};

struct must_ctx {
	const struct conf_node *ec_at;
	const struct sch_node *ec_carrier;
	const char	*ec_self;	/* $$ */
	char		 ec_ifd[MUST_MAXID];	/* $$-IFL: the device part */
	const char	*ec_unit;	/* $$-IFL: the unit number */
	bool		 ec_ifl_ok;
	struct must_cache *ec_cache;
};

/* What a walk does with each match; returns true to stop the walk. */
struct must_visit {
	const struct conf_node *mv_self;	/* unique: the carrier's own node */
	size_t		 mv_count;
	size_t		 mv_limit;		/* stop after this many matches */
	const struct conf_node *mv_first;
	struct must_map	*mv_index;		/* index mode: final states indexed */
	bool		 mv_indexable;
};

static bool
must_inactive(const struct conf_node *n)
{
	return (n->cn_flags & CONF_F_INACTIVE) != 0;
}

/* The id a path word is compared with: list key, leaf or leaf-list value. */
static const char *
must_node_id(const struct conf_node *n)
{
	return n->cn_schema->sn_kind == SCH_LIST ? n->cn_key : n->cn_value;
}

static bool
must_visit_match(struct must_visit *v, const struct conf_node *n)
{
	if (v->mv_count == 0)
		v->mv_first = n;
	v->mv_count++;
	return v->mv_count >= v->mv_limit;
}

/*
 * A match decided by the path's last word (a key or a value). When building an index
 * of the candidates for a trailing $$, such a prefix means the cache cannot serve this
 * path: the caller falls back to walking it.
 */
static bool
must_visit_value(struct must_visit *v, const struct conf_node *n)
{
	if (v->mv_index != NULL) {
		v->mv_indexable = false;
		return true;
	}
	return must_visit_match(v, n);
}

/* The index of the candidates at a final state (node, pending), by id. */
static void
must_visit_index(struct must_visit *v, const struct conf_node *node,
    const struct sch_node *pending)
{
	if (pending == NULL || (pending->sn_flags & SCH_F_KEY)) {
		v->mv_indexable = false;
		return;
	}
	for (const struct conf_node *c = conf_first_of(node, pending); c != NULL;
	    c = conf_next_of(c)) {
		const char *id = must_node_id(c);
		if (must_inactive(c) || id == NULL)
			continue;
		uint64_t h = must_hash(NULL, id);
		struct must_slot *s = must_map_find(v->mv_index, NULL, id, h);
		if (s == NULL) {
			s = must_map_add(v->mv_index, NULL, id, h);
			s->ms_first = c;
		}
		s->ms_count++;
	}
}

/* A final state: the path ended at node (pending NULL) or at statement pending in node. */
static bool
must_visit_state(struct must_visit *v, const struct conf_node *node,
    const struct sch_node *pending)
{
	if (v->mv_index != NULL) {
		must_visit_index(v, node, pending);
		return !v->mv_indexable;
	}
	if (pending == NULL)
		return must_visit_match(v, node);
	if (pending->sn_flags & SCH_F_KEY)	/* the key leaf named: the entry has it */
		return must_visit_match(v, node);
	for (const struct conf_node *c = conf_first_of(node, pending); c != NULL;
	    c = conf_next_of(c))
		if (!must_inactive(c) && must_visit_match(v, c))
			return true;
	return false;
}

/* The list of n typed by its key alone, without its name (nokeyword="true"). */
static const struct sch_node *
must_nokeyword_list(const struct sch_node *n)
{
	for (size_t i = 0; i < n->sn_nchildren; i++) {
		const struct sch_node *c = n->sn_children[i];

		if (c->sn_kind == SCH_LIST && (c->sn_flags & SCH_F_NOKEYWORD))
			return c;
	}
	return NULL;
}

/*
 * Walk words w[0..n) from the state (node, pending): pending NULL means the next word
 * names a statement under node; otherwise it is the key or value of pending in node.
 * Returns true when the visitor asked to stop.
 */
static bool
must_walk(const struct conf_node *node, const struct sch_node *pending,
    const struct must_word_ref *w, size_t n, struct must_visit *v)
{
	const struct conf_node *c;

	for (;;) {
		if (n == 0)
			return must_visit_state(v, node, pending);
		if (pending == NULL) {
			const struct sch_node *s = NULL;

			if (!w->wr_wild)
				s = sch_child(node->cn_schema, w->wr_text);
			if (s == NULL) {
				/*
				 * Not a statement name: the key of a keyword-less list
				 * (`interfaces ge-0/0/0`, `routing-instances R1`), if any.
				 */
				if ((pending = must_nokeyword_list(node->cn_schema)) == NULL)
					return false;
				continue;
			}
			if (s->sn_kind == SCH_CONTAINER) {
				c = conf_find(node, s, NULL);
				if (c == NULL || must_inactive(c))
					return false;
				node = c;
			} else
				pending = s;
			w++, n--;
			continue;
		}
		switch (pending->sn_kind) {
		case SCH_LIST:
			if (w->wr_wild) {
				for (c = conf_first_of(node, pending); c != NULL; c = conf_next_of(c))
					if (!must_inactive(c) && must_walk(c, NULL, w + 1, n - 1, v))
						return true;
				return false;
			}
			c = conf_find(node, pending, w->wr_text);
			if (c == NULL || must_inactive(c))
				return false;
			node = c;
			pending = NULL;
			w++, n--;
			continue;
		case SCH_LEAFLIST:
			if (n > 1)
				return false;	/* nothing lies below a value */
			if (w->wr_wild)
				return v->mv_index != NULL ? must_visit_value(v, NULL) :
				    must_visit_state(v, node, pending);
			c = conf_find(node, pending, w->wr_text);
			if (c == NULL || must_inactive(c))
				return false;
			return must_visit_value(v, c);
		case SCH_LEAF:
			if (n > 1)
				return false;
			if (pending->sn_flags & SCH_F_KEY) {
				if (!w->wr_wild && strcmp(w->wr_text, node->cn_key) != 0)
					return false;
				return must_visit_value(v, node);
			}
			c = conf_first_of(node, pending);
			if (c == NULL || must_inactive(c) || c->cn_value == NULL)
				return false;
			if (!w->wr_wild && strcmp(c->cn_value, w->wr_text) != 0)
				return false;
			return must_visit_value(v, c);
		default:
			return false;
		}
	}
}

/*
 * Where a relative path starts: `up` statements above the carrier. A key leaf sits in
 * its entry, a leaf-list value in its leaf-list statement (see must.h).
 */
static bool
must_start(const struct must_ctx *x, size_t up, const struct conf_node **node,
    const struct sch_node **pending)
{
	const struct conf_node *n = x->ec_at;
	const struct sch_node *carrier = x->ec_carrier;
	size_t steps = up;

	*pending = NULL;
	if (carrier->sn_flags & SCH_F_KEY)
		steps = up - 1;
	else if (carrier->sn_kind == SCH_LEAFLIST) {
		if (up == 1) {
			if ((*node = n->cn_parent) == NULL)
				return false;
			*pending = carrier;
			return true;
		}
		n = n->cn_parent;
		steps = up - 2;
	}
	for (; steps > 0 && n != NULL; steps--)
		n = n->cn_parent;
	if (n == NULL)
		return false;
	if (n->cn_schema->sn_kind == SCH_LEAF || n->cn_schema->sn_kind == SCH_LEAFLIST)
		return false;	/* cannot happen with up >= 1; keep the walk on statements */
	*node = n;
	return true;
}

/* Substitute $$ and $$-IFL; false when the path cannot match (no value to use). */
static bool
must_words(const struct must_ctx *x, const struct must_path *mp,
    struct must_word_ref *out, size_t *nout)
{
	size_t n = 0;

	for (size_t i = 0; i < mp->mp_nwords; i++) {
		const struct must_word *w = &mp->mp_words[i];

		switch (w->mw_kind) {
		case MW_WORD:
		case MW_WILD:
			out[n].wr_text = w->mw_text;
			out[n++].wr_wild = w->mw_kind == MW_WILD;
			break;
		case MW_SELF:
			if (x->ec_self == NULL)
				return false;
			out[n].wr_text = x->ec_self;
			out[n++].wr_wild = false;
			break;
		case MW_SELF_IFL:
			if (!x->ec_ifl_ok)
				return false;
			out[n].wr_text = x->ec_ifd;
			out[n++].wr_wild = false;
			out[n].wr_text = "unit";
			out[n++].wr_wild = false;
			out[n].wr_text = x->ec_unit;
			out[n++].wr_wild = false;
			break;
		}
	}
	*nout = n;
	return true;
}

static const struct conf_node *
must_root(const struct conf_node *n)
{
	while (n->cn_parent != NULL)
		n = n->cn_parent;
	return n;
}

/* The cache key: the substituted words, separated by a byte no word contains. */
static char *
must_cache_key(const struct must_word_ref *w, size_t n)
{
	struct buf b = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf_putc(&b, '\x1f');
		buf_puts(&b, w[i].wr_wild ? "\x1e" : w[i].wr_text);
	}
	buf_puts(&b, "");
	return buf_steal(&b);
}

/*
 * Matches of a wildcard path, through the cache. The common shape
 * "... <*> ... leaf $$" is served by an index of the last word's candidates built
 * once per distinct prefix. Returns false when the cache cannot answer.
 */
static bool
must_cached(const struct must_ctx *x, const struct must_path *mp,
    const struct conf_node *start, const struct sch_node *pending,
    const struct must_word_ref *w, size_t n, struct must_visit *v)
{
	struct must_map *m = &x->ec_cache->mc_map;
	bool last_self = mp->mp_words[mp->mp_nwords - 1].mw_kind == MW_SELF;
	size_t nkey = last_self ? n - 1 : n;
	char *key = must_cache_key(w, nkey);
	/* A relative path depends on where it starts. */
	char *full = key;
	if (mp->mp_up > 0) {
		size_t len = strlen(key) + 32;
		full = xcalloc(1, len);
		snprintf(full, len, "%p\x1d%s", (const void *)start, key);
		free(key);
	}
	uint64_t h = must_hash(mp, full);
	struct must_slot *s = must_map_find(m, mp, full, h);

	if (s == NULL) {
		s = must_map_add(m, mp, full, h);
		struct must_visit fill;
		memset(&fill, 0, sizeof(fill));
		if (last_self) {
			fill.mv_index = xcalloc(1, sizeof(*fill.mv_index));
			fill.mv_indexable = true;
			must_walk(start, pending, w, nkey, &fill);
			s->ms_indexable = fill.mv_indexable;
			s->ms_index = fill.mv_index;
		} else {
			fill.mv_limit = 2;
			must_walk(start, pending, w, n, &fill);
			s->ms_indexable = true;
			s->ms_count = fill.mv_count;
			s->ms_first = fill.mv_first;
		}
	}
	free(full);
	if (!s->ms_indexable)
		return false;
	if (last_self) {
		const char *id = w[n - 1].wr_text;
		struct must_slot *e = must_map_find(s->ms_index, NULL, id, must_hash(NULL, id));
		v->mv_count = e ? e->ms_count : 0;
		v->mv_first = e ? e->ms_first : NULL;
	} else {
		v->mv_count = s->ms_count;
		v->mv_first = s->ms_first;
	}
	return true;
}

static bool
must_eval_path(const struct must_ctx *x, const struct must_expr *e)
{
	const struct must_path *mp = e->me_path;
	struct must_word_ref w[MUST_MAXWORDS];
	size_t n;
	const struct conf_node *start;
	const struct sch_node *pending = NULL;
	struct must_visit v;

	if (!must_words(x, mp, w, &n))
		return false;
	if (mp->mp_up == 0)
		start = must_root(x->ec_at);
	else if (!must_start(x, mp->mp_up, &start, &pending))
		return false;

	memset(&v, 0, sizeof(v));
	v.mv_limit = e->me_op == MO_UNIQUE ? 2 : 1;
	if (!(mp->mp_wild && x->ec_cache != NULL &&
	    must_cached(x, mp, start, pending, w, n, &v)))
		must_walk(start, pending, w, n, &v);

	if (e->me_op != MO_UNIQUE)
		return v.mv_count > 0;
	/* At most one match, and that one the carrier itself. */
	return v.mv_count == 0 || (v.mv_count == 1 && v.mv_first == x->ec_at);
}

static bool
must_eval_expr(const struct must_ctx *x, const struct must_expr *e)
{
	switch (e->me_op) {
	case MO_PATH:
	case MO_ANY:
	case MO_UNIQUE:
		return must_eval_path(x, e);
	case MO_NOT:
		return !must_eval_expr(x, e->me_a);
	case MO_AND:
		return must_eval_expr(x, e->me_a) && must_eval_expr(x, e->me_b);
	case MO_OR:
		return must_eval_expr(x, e->me_a) || must_eval_expr(x, e->me_b);
	}
	return false;
}

bool
must_eval_from(const struct must_expr *e, const struct conf_node *at,
    const struct sch_node *carrier, struct must_cache *cache)
{
	struct must_ctx x;

	if (e == NULL || at == NULL)
		return true;
	memset(&x, 0, sizeof(x));
	x.ec_at = at;
	x.ec_carrier = carrier != NULL ? carrier : at->cn_schema;
	x.ec_cache = cache;
	if (x.ec_carrier->sn_flags & SCH_F_KEY)
		x.ec_self = at->cn_key;
	else
		x.ec_self = must_node_id(at);
	if (x.ec_self != NULL) {
		/* "ge-0/0/0.1" is "ge-0/0/0 unit 1"; a name without unit means unit 0. */
		const char *dot = strrchr(x.ec_self, '.');
		size_t len = dot ? (size_t)(dot - x.ec_self) : strlen(x.ec_self);

		if (len > 0 && len < sizeof(x.ec_ifd) && (dot == NULL || dot[1] != '\0')) {
			memcpy(x.ec_ifd, x.ec_self, len);
			x.ec_ifd[len] = '\0';
			x.ec_unit = dot ? dot + 1 : "0";
			x.ec_ifl_ok = true;
		}
	}
	return must_eval_expr(&x, e);
}

bool
must_eval(const struct must_expr *e, const struct conf_node *at)
{
	return must_eval_from(e, at, at != NULL ? at->cn_schema : NULL, NULL);
}
