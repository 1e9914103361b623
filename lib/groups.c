/*
 * groups: apply-groups expansion (Junos configuration groups).
 *
 * One walk over a copy of the configuration. At each node the "sources" are the
 * subtrees of groups that sit at the same position, in priority order: the groups the
 * node itself names in apply-groups (first listed first), then those inherited from its
 * ancestors (deeper levels before shallower), minus apply-groups-except. Explicit
 * statements always win; among sources the first one that has a statement gives it.
 * In a group, a list entry whose key is a wildcard (<*>, <ge-*>, <ge-0/0/[0-9]>, glob
 * syntax) applies to the existing entries it matches and creates none; a literal key
 * creates the entry. Inherited nodes record their group in cn_group.
 */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "schema.h"

struct gsrc {
	const struct conf_node *gs_node;	/* a subtree of a group */
	const char	*gs_group;		/* the group's name */
	char		*gs_glob;		/* wildcard entries: the key without <> */
};

struct gvec {
	struct gsrc	*gv_v;
	size_t		 gv_n;
	size_t		 gv_cap;
};

struct gctx {
	const struct conf_node *g_root;		/* the configuration as given (groups in it) */
	const struct sch_node *g_groups;	/* the groups list */
	bool		 g_keep_inactive;
	struct buf	*g_errs;
	int		 g_nerr;
};

static void
gv_push(struct gvec *v, const struct conf_node *n, const char *group)
{
	if (v->gv_n == v->gv_cap) {
		v->gv_cap = v->gv_cap ? v->gv_cap * 2 : 4;
		v->gv_v = realloc(v->gv_v, v->gv_cap * sizeof(*v->gv_v));
		if (v->gv_v == NULL)
			abort();
	}
	v->gv_v[v->gv_n].gs_node = n;
	v->gv_v[v->gv_n].gs_group = group;
	v->gv_v[v->gv_n].gs_glob = NULL;
	v->gv_n++;
}

static bool
g_usable(const struct gctx *g, const struct conf_node *n)
{
	return g->g_keep_inactive || !(n->cn_flags & CONF_F_INACTIVE);
}

/* Does group key pattern "<...>" match key? */
static bool
g_match(const char *pattern, const char *key)
{
	size_t n = strlen(pattern);
	char *glob;
	bool m;

	if ((glob = strndup(pattern + 1, n - 2)) == NULL)
		abort();
	m = fnmatch(glob, key, 0) == 0;
	free(glob);
	return m;
}

/*
 * The children of src matching d (a container or a list entry of the configuration):
 * the same container; the entry with the same key, then the wildcard entries matching it.
 */
static void
g_matches(const struct gctx *g, const struct conf_node *src, const struct conf_node *d,
    const char *group, struct gvec *out, const struct gvec *wild)
{
	const struct sch_node *s = d->cn_schema;
	const struct conf_node *x;

	if (s->sn_kind != SCH_LIST) {
		if ((x = conf_find(src, s, NULL)) != NULL && g_usable(g, x))
			gv_push(out, x, group);
		return;
	}
	if ((x = conf_find(src, s, d->cn_key)) != NULL && g_usable(g, x))
		gv_push(out, x, group);
	if (wild != NULL) {
		/* src's wildcard entries, gathered once by the caller */
		for (size_t i = 0; i < wild->gv_n; i++) {
			x = wild->gv_v[i].gs_node;
			if (x->cn_schema == s && strcmp(x->cn_key, d->cn_key) != 0 &&
			    fnmatch(wild->gv_v[i].gs_glob, d->cn_key, 0) == 0)
				gv_push(out, x, group);
		}
		return;
	}
	for (x = conf_first_of(src, s); x != NULL; x = conf_next_of(x))
		if (conffmt_is_wildcard(x->cn_key) && g_usable(g, x) &&
		    strcmp(x->cn_key, d->cn_key) != 0 && g_match(x->cn_key, d->cn_key))
			gv_push(out, x, group);
}

/* The subtrees of group entry ge at the position of configuration node d. */
static void
g_locate(const struct gctx *g, const struct conf_node *ge, const struct conf_node *d,
    const char *group, struct gvec *out)
{
	const struct conf_node *chain[128];
	size_t depth = 0;
	struct gvec cur = { NULL, 0, 0 }, next = { NULL, 0, 0 };

	for (; d != NULL && d->cn_parent != NULL; d = d->cn_parent)
		if (depth < sizeof(chain) / sizeof(chain[0]))
			chain[depth++] = d;
	gv_push(&cur, ge, group);
	while (depth > 0 && cur.gv_n > 0) {
		const struct conf_node *step = chain[--depth];
		next.gv_n = 0;
		for (size_t i = 0; i < cur.gv_n; i++)
			g_matches(g, cur.gv_v[i].gs_node, step, group, &next, NULL);
		struct gvec t = cur;
		cur = next;
		next = t;
	}
	for (size_t i = 0; i < cur.gv_n; i++)
		gv_push(out, cur.gv_v[i].gs_node, group);
	free(cur.gv_v);
	free(next.gv_v);
}

/* Another case of the same choice is present in dst: the explicit one wins. */
static bool
g_choice_taken(const struct conf_node *dst, const struct sch_node *s)
{
	const struct conf_node *c;

	if (s->sn_choice == NULL)
		return false;
	CONF_FOREACH_CHILD(c, dst) {
		const struct sch_node *o = c->cn_schema;
		if (o != s && o->sn_choice != NULL && strcmp(o->sn_choice, s->sn_choice) == 0 &&
		    (o->sn_case == NULL || s->sn_case == NULL || strcmp(o->sn_case, s->sn_case) != 0))
			return true;
	}
	return false;
}

static void
g_mark(const struct gctx *g, struct conf_node *n, const struct conf_node *from, const char *group)
{
	free(n->cn_group);
	if ((n->cn_group = strdup(group)) == NULL)
		abort();
	if (g->g_keep_inactive)
		n->cn_flags |= from->cn_flags & CONF_F_INACTIVE;
}

static void
g_error(struct gctx *g, const struct conf_node *at, const char *name)
{
	char *path = conf_path_string(at);

	g->g_nerr++;
	if (g->g_errs != NULL) {
		/* inferred: no Junos transcript of this commit error is on record */
		buf_printf(g->g_errs, "[edit%s%s]\n  'apply-groups %s'\n    group '%s' not defined\n",
		    path[0] ? " " : "", path, name, name);
	}
	free(path);
}

static void
g_expand(struct gctx *g, struct conf_node *dst, const struct gvec *inherited)
{
	struct gvec srcs = { NULL, 0, 0 }, kids = { NULL, 0, 0 };
	const struct sch_node *ags = NULL, *agx = NULL;
	struct conf_node *c, *next;

	/* apply-groups / apply-groups-except of this node: read, then removed. */
	for (c = dst->cn_first; c != NULL; c = c->cn_next) {
		if (!(c->cn_schema->sn_flags & SCH_F_APPLY_GROUPS))
			continue;
		if (strcmp(c->cn_schema->sn_name, "apply-groups") == 0)
			ags = c->cn_schema;
		else
			agx = c->cn_schema;
	}
	if (ags != NULL) {
		for (c = conf_first_of(dst, ags); c != NULL; c = conf_next_of(c)) {
			const struct conf_node *ge = g->g_groups != NULL ?
			    conf_find(g->g_root, g->g_groups, c->cn_value) : NULL;
			if (ge == NULL) {
				g_error(g, dst, c->cn_value);
				continue;
			}
			if (ge->cn_flags & CONF_F_INACTIVE)
				continue;	/* an inactive group gives nothing */
			g_locate(g, ge, dst, ge->cn_key, &srcs);
		}
	}
	for (size_t i = 0; inherited != NULL && i < inherited->gv_n; i++) {
		const struct gsrc *s = &inherited->gv_v[i];
		if (agx != NULL && conf_find(dst, agx, s->gs_group) != NULL)
			continue;
		gv_push(&srcs, s->gs_node, s->gs_group);
	}
	for (c = dst->cn_first; c != NULL; c = next) {
		next = c->cn_next;
		if (c->cn_schema->sn_flags & SCH_F_APPLY_GROUPS)
			conf_free(c);
	}

	/* Containers and literal entries the sources add. */
	for (size_t i = 0; i < srcs.gv_n; i++) {
		const struct conf_node *sc;
		CONF_FOREACH_CHILD(sc, srcs.gv_v[i].gs_node) {
			const struct sch_node *s = sc->cn_schema;
			if (sch_is_leafy(s) || !g_usable(g, sc))
				continue;
			if (s->sn_kind == SCH_LIST && conffmt_is_wildcard(sc->cn_key))
				continue;
			if (conf_find(dst, s, conf_id(sc)) != NULL || g_choice_taken(dst, s))
				continue;
			g_mark(g, conf_get(dst, s, conf_id(sc)), sc, srcs.gv_v[i].gs_group);
		}
	}
	/* Down: every container and entry, with the sources at its position. */
	if (srcs.gv_n == 0) {
		for (c = dst->cn_first; c != NULL; c = c->cn_next)
			if (!sch_is_leafy(c->cn_schema))
				g_expand(g, c, NULL);
		free(srcs.gv_v);
		return;
	}
	struct gvec *wild = calloc(srcs.gv_n, sizeof(*wild));
	if (wild == NULL)
		abort();
	for (size_t i = 0; i < srcs.gv_n; i++) {
		const struct conf_node *sc;
		CONF_FOREACH_CHILD(sc, srcs.gv_v[i].gs_node) {
			if (sc->cn_schema->sn_kind != SCH_LIST || !conffmt_is_wildcard(sc->cn_key) ||
			    !g_usable(g, sc))
				continue;
			gv_push(&wild[i], sc, NULL);
			size_t len = strlen(sc->cn_key);
			if ((wild[i].gv_v[wild[i].gv_n - 1].gs_glob = strndup(sc->cn_key + 1,
			    len - 2)) == NULL)
				abort();
		}
	}
	for (c = dst->cn_first; c != NULL; c = c->cn_next) {
		if (sch_is_leafy(c->cn_schema))
			continue;
		kids.gv_n = 0;
		for (size_t i = 0; i < srcs.gv_n; i++)
			g_matches(g, srcs.gv_v[i].gs_node, c, srcs.gv_v[i].gs_group, &kids,
			    &wild[i]);
		g_expand(g, c, &kids);
	}
	for (size_t i = 0; i < srcs.gv_n; i++) {
		for (size_t k = 0; k < wild[i].gv_n; k++)
			free(wild[i].gv_v[k].gs_glob);
		free(wild[i].gv_v);
	}
	free(wild);
	/* Leaves: the first source that has one, unless the configuration has it. */
	for (size_t i = 0; i < srcs.gv_n; i++) {
		const struct conf_node *sc;
		CONF_FOREACH_CHILD(sc, srcs.gv_v[i].gs_node) {
			const struct sch_node *s = sc->cn_schema;
			if (!sch_is_leafy(s) || !g_usable(g, sc) || (s->sn_flags & SCH_F_APPLY_GROUPS))
				continue;
			if (s->sn_kind == SCH_LEAF) {
				if (conf_find(dst, s, NULL) != NULL || g_choice_taken(dst, s))
					continue;
				g_mark(g, conf_set_leaf(dst, s, sc->cn_value), sc,
				    srcs.gv_v[i].gs_group);
				continue;
			}
			/* a leaf-list is one statement: taken whole from one place */
			if (sc->cn_prev != NULL && sc->cn_prev->cn_schema == s)
				continue;
			if (conf_first_of(dst, s) != NULL || g_choice_taken(dst, s))
				continue;
			for (const struct conf_node *v = sc; v != NULL; v = conf_next_of(v))
				if (g_usable(g, v))
					g_mark(g, conf_get(dst, s, v->cn_value), v,
					    srcs.gv_v[i].gs_group);
		}
	}
	free(srcs.gv_v);
	free(kids.gv_v);
}

static void
g_drop_inactive(struct conf_node *n)
{
	struct conf_node *c, *next;

	for (c = n->cn_first; c != NULL; c = next) {
		next = c->cn_next;
		if (c->cn_flags & CONF_F_INACTIVE)
			conf_free(c);
		else
			g_drop_inactive(c);
	}
}

struct conf_node *
conf_expand_groups(const struct conf_node *root, bool keep_inactive, struct buf *errs)
{
	struct gctx g;
	struct conf_node *res, *c, *next;
	const struct sch_node *rs = root->cn_schema;

	memset(&g, 0, sizeof(g));
	g.g_root = root;
	g.g_keep_inactive = keep_inactive;
	g.g_errs = errs;
	for (size_t i = 0; i < rs->sn_nchildren; i++)
		if (rs->sn_children[i]->sn_flags & SCH_F_ROOT_CHILDREN)
			g.g_groups = rs->sn_children[i];

	res = conf_dup(root);
	for (c = res->cn_first; c != NULL; c = next) {
		next = c->cn_next;
		if (c->cn_schema == g.g_groups)
			conf_free(c);
	}
	if (!keep_inactive)
		g_drop_inactive(res);
	g_expand(&g, res, NULL);
	if (g.g_nerr > 0) {
		conf_free(res);
		return NULL;
	}
	return res;
}

const char *
conf_inherited_from(const struct conf_node *n)
{
	return n->cn_group;
}
