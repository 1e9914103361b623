/*
 * db: the configuration databases. The committed tree (history.c writes it), the
 * shared candidate of `configure` (persisted by journal.c), the private candidates
 * of `configure private`, and the three-way merge that lets a private commit land on
 * a committed configuration that moved since the private copy was taken.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "mgd.h"
#include "setcmd.h"

int
db_init(void)
{
	if ((mgd->m_candidate = conf_dup(mgd->m_committed)) == NULL)
		return -1;
	mgd->m_cand_dirty = false;
	mgd->m_cand_changed = mgd->m_hist[0].ci_present ? mgd->m_hist[0].ci_seconds :
	    time(NULL);
	return 0;
}

void
db_free(void)
{
	conf_free(mgd->m_candidate);
	conf_free(mgd->m_committed);
	conf_free(mgd->m_effective);
	mgd->m_candidate = mgd->m_committed = mgd->m_effective = NULL;
}

/* The tree a session edits: its private copy, or the shared candidate. */
struct conf_node *
db_target(struct session *s)
{
	if (s != NULL && s->s_mode == SM_PRIVATE && s->s_private != NULL)
		return s->s_private;
	return mgd->m_candidate;
}

/*
 * Whether the shared candidate differs from the committed configuration. The
 * dirty flag is cheap and set by every load; the comparison (linear in the
 * configuration) only runs when someone asks (configure, lock, status).
 */
bool
db_candidate_modified(void)
{
	if (!mgd->m_cand_dirty)
		return false;
	if (conf_equal(mgd->m_candidate, mgd->m_committed, true)) {
		mgd->m_cand_dirty = false;
		return false;
	}
	return true;
}

void
db_candidate_changed(void)
{
	mgd->m_cand_dirty = true;
	mgd->m_cand_changed = time(NULL);
}

/* The shared candidate becomes the committed configuration again. */
void
db_candidate_reset(void)
{
	conf_free(mgd->m_candidate);
	mgd->m_candidate = conf_dup(mgd->m_committed);
	mgd->m_cand_dirty = false;
	mgd->m_cand_changed = time(NULL);
	journal_reset();
}

/*
 * The committed configuration changed under the shared candidate (a private
 * commit, a confirmed-commit rollback). An unmodified candidate simply follows;
 * a modified one keeps its uncommitted edits on top of the new configuration (an
 * edit wins where both touched the same statement).
 */
void
db_candidate_rebase(const struct conf_node *old_committed)
{
	struct conf_node *merged;

	if (conf_equal(mgd->m_candidate, old_committed, true)) {
		db_candidate_reset();
		return;
	}
	merged = db_merge3(old_committed, mgd->m_candidate, mgd->m_committed, true, NULL);
	if (merged == NULL) {		/* cannot happen with prefer_mine */
		db_candidate_reset();
		return;
	}
	conf_free(mgd->m_candidate);
	mgd->m_candidate = merged;
	db_candidate_changed();
	journal_snapshot();
}

bool
db_locked_by_other(const struct session *s)
{
	return mgd->m_lock != NULL && mgd->m_lock != s;
}

/* ---- three-way merge ---- */

struct merge {
	bool		 mg_prefer;	/* mine wins conflicts instead of reporting them */
	struct buf	*mg_conflicts;
	int		 mg_nconflicts;
};

static bool
merge_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool
merge_meta_equal(const struct conf_node *a, const struct conf_node *b)
{
	return (a->cn_flags & CONF_F_INACTIVE) == (b->cn_flags & CONF_F_INACTIVE) &&
	    merge_streq(a->cn_annotation, b->cn_annotation);
}

static void
merge_copy_meta(struct conf_node *dst, const struct conf_node *src)
{
	dst->cn_flags = (dst->cn_flags & ~CONF_F_INACTIVE) | (src->cn_flags & CONF_F_INACTIVE);
	if (!merge_streq(dst->cn_annotation, src->cn_annotation)) {
		free(dst->cn_annotation);
		dst->cn_annotation = src->cn_annotation ? strdup(src->cn_annotation) : NULL;
	}
}

/*
 * A statement changed on both sides. Reported in the validator's block form so
 * that the commit reply carries it like any check-out error. Junos's own text
 * for a private-commit conflict is not in the notes: this message is inferred.
 */
static void
merge_conflict(struct merge *mg, const struct conf_node *n)
{
	char *path, *stmt;
	const char *id;

	mg->mg_nconflicts++;
	if (mg->mg_conflicts == NULL)
		return;
	path = n->cn_parent != NULL ? conf_path_string(n->cn_parent) : NULL;
	id = n->cn_schema->sn_kind == SCH_CONTAINER ? NULL :
	    n->cn_schema->sn_kind == SCH_LEAF ? n->cn_value : conf_id(n);
	stmt = NULL;
	if (id != NULL) {
		char *q = cmd_quote(id);
		size_t len = strlen(n->cn_schema->sn_name) + strlen(q) + 2;

		if ((stmt = malloc(len)) != NULL)
			snprintf(stmt, len, "%s %s", n->cn_schema->sn_name, q);
		free(q);
	}
	buf_printf(mg->mg_conflicts, "[edit%s%s]\n  '%s'\n    %s\n",
	    path != NULL && path[0] != '\0' ? " " : "", path != NULL ? path : "",
	    stmt != NULL ? stmt : n->cn_schema->sn_name,
	    "statement changed by another commit since the private copy was taken;"
	    " use 'update'");
	free(path);
	free(stmt);
}

static void
merge_attach(struct conf_node *r, const struct conf_node *m)
{
	if (m->cn_schema->sn_choice != NULL)
		conf_clear_choice(r, m->cn_schema);
	conf_attach(r, conf_dup(m));
}

/* Replace r's child rc (or add one) by a copy of m, keeping rc's place in r. */
static void
merge_replace(struct conf_node *r, struct conf_node *rc, const struct conf_node *m)
{
	if (rc != NULL && sch_is_leafy(m->cn_schema) && m->cn_schema->sn_kind == SCH_LEAF) {
		struct conf_node *n = conf_set_leaf(r, m->cn_schema, m->cn_value);

		if (n != NULL)
			merge_copy_meta(n, m);
		return;
	}
	if (rc != NULL)
		conf_free(rc);
	merge_attach(r, m);
}

/*
 * b and m: the same statement in the base and in mine; r: it in the result (which
 * started as theirs). Applies mine's changes to r, statement by statement.
 */
static void
merge_walk(struct merge *mg, const struct conf_node *b, const struct conf_node *m,
    struct conf_node *r)
{
	const struct conf_node *mc, *bc;
	struct conf_node *rc;

	if (!merge_meta_equal(b, m)) {
		if (merge_meta_equal(r, b) || mg->mg_prefer)
			merge_copy_meta(r, m);
		else if (!merge_meta_equal(r, m))
			merge_conflict(mg, m);
	}
	CONF_FOREACH_CHILD(mc, m) {
		bc = conf_find(b, mc->cn_schema, conf_id(mc));
		rc = conf_find(r, mc->cn_schema, conf_id(mc));
		if (bc == NULL) {			/* added in mine */
			if (rc == NULL)
				merge_attach(r, mc);
			else if (!conf_equal(rc, mc, true)) {
				if (mg->mg_prefer)
					merge_replace(r, rc, mc);
				else
					merge_conflict(mg, mc);
			}
			continue;
		}
		if (conf_equal(bc, mc, true))		/* mine left it alone */
			continue;
		if (rc == NULL) {			/* theirs deleted what mine changed */
			if (mg->mg_prefer)
				merge_attach(r, mc);
			else
				merge_conflict(mg, mc);
			continue;
		}
		if (mc->cn_schema->sn_kind == SCH_LEAF || mc->cn_schema->sn_kind == SCH_LEAFLIST) {
			if (conf_equal(rc, bc, true) || mg->mg_prefer)
				merge_replace(r, rc, mc);
			else if (!conf_equal(rc, mc, true))
				merge_conflict(mg, mc);
			continue;
		}
		merge_walk(mg, bc, mc, rc);
	}
	/* Statements mine deleted. */
	CONF_FOREACH_CHILD(bc, b) {
		if (conf_find(m, bc->cn_schema, conf_id(bc)) != NULL)
			continue;
		if ((rc = conf_find(r, bc->cn_schema, conf_id(bc))) == NULL)
			continue;			/* deleted on both sides */
		if (conf_equal(rc, bc, true) || mg->mg_prefer)
			conf_free(rc);
		else
			merge_conflict(mg, bc);
	}
}

/*
 * result = theirs + (mine - base). Conflicts (a statement both sides changed,
 * differently) are appended to conflicts in the validator's block form and make
 * the result NULL, unless prefer_mine. Linear in the size of the trees.
 */
struct conf_node *
db_merge3(const struct conf_node *base, const struct conf_node *mine,
    const struct conf_node *theirs, bool prefer_mine, struct buf *conflicts)
{
	struct merge mg = { prefer_mine, conflicts, 0 };
	struct conf_node *r;

	if (conf_equal(base, theirs, true))	/* nobody else committed: mine as is */
		return conf_dup(mine);
	r = conf_dup(theirs);
	merge_walk(&mg, base, mine, r);
	if (mg.mg_nconflicts > 0) {
		conf_free(r);
		return NULL;
	}
	return r;
}

/* ---- private candidates ---- */

void
db_private_open(struct session *s)
{
	db_private_close(s);
	s->s_private = conf_dup(mgd->m_committed);
	s->s_private_base = conf_dup(mgd->m_committed);
}

void
db_private_close(struct session *s)
{
	conf_free(s->s_private);
	conf_free(s->s_private_base);
	s->s_private = s->s_private_base = NULL;
}

/* `update`: bring others' commits into the private copy. */
int
db_private_update(struct session *s, struct buf *conflicts)
{
	struct conf_node *merged;

	if (s->s_private == NULL)
		return 0;
	merged = db_merge3(s->s_private_base, s->s_private, mgd->m_committed, false,
	    conflicts);
	if (merged == NULL)
		return -1;
	conf_free(s->s_private);
	conf_free(s->s_private_base);
	s->s_private = merged;
	s->s_private_base = conf_dup(mgd->m_committed);
	return 0;
}
