/*
 * validate: commit-time checks on the effective configuration.
 *
 * One walk in display order. At each configured statement: its must constraints
 * (those of a list entry include the ones written on its key leaf), then, for a
 * container or list entry, its missing mandatory children and its lists or
 * leaf-lists that hold too many entries, then its children. Constraints of absent
 * statements are not evaluated: Junos checks what is configured.
 *
 * The `groups` hierarchy is a set of templates, not configuration: it is skipped
 * (its contents were already expanded into the tree by conf_expand_groups).
 *
 * The schema says (sn_checks) which statements carry a constraint or hold one
 * below: the walk goes down only there, so the bulk of a large configuration
 * (descriptions, next hops, ...) costs nothing at commit time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "must.h"
#include "schema.h"
#include "validate.h"

#define VALIDATE_MAXDEPTH	256

struct val_ctx {
	struct buf	*vc_errs;
	struct validate_result *vc_res;
	struct must_cache *vc_cache;
	const struct sch_node *vc_groups;	/* the root's `groups` list, or NULL */
};

/* The root's `groups` list: it holds the root's children again (schema.h). */
static const struct sch_node *
val_groups_node(const struct sch_node *root)
{
	for (size_t i = 0; i < root->sn_nchildren; i++) {
		const struct sch_node *s = root->sn_children[i];

		if (s->sn_flags & SCH_F_ROOT_CHILDREN)
			return s;
	}
	return NULL;
}

/*
 * One error block:
 *   [edit PATH-OF-THE-PARENT]
 *     'STATEMENT'
 *       MESSAGE
 * stmt NULL: the statement text of n itself (name and key or value, as typed).
 */
static void
val_error(struct val_ctx *vc, const struct conf_node *parent, const struct conf_node *n,
    const char *stmt, const char *msg)
{
	char *ppath = parent != NULL ? conf_path_string(parent) : NULL;
	char *npath = NULL;

	if (ppath == NULL || ppath[0] == '\0')
		buf_puts(vc->vc_errs, "[edit]\n");
	else
		buf_printf(vc->vc_errs, "[edit %s]\n", ppath);
	if (stmt == NULL && n != NULL) {
		/* The statement's own words: its path minus its parent's. */
		size_t skip = ppath != NULL && ppath[0] != '\0' ? strlen(ppath) + 1 : 0;

		npath = conf_path_string(n);
		stmt = strlen(npath) >= skip ? npath + skip : npath;
	}
	if (stmt != NULL) {
		buf_printf(vc->vc_errs, "  '%s'\n", stmt);
		buf_printf(vc->vc_errs, "    %s\n", msg);
	} else
		buf_printf(vc->vc_errs, "  %s\n", msg);	/* at the root: inferred layout */
	vc->vc_res->vr_errors++;
	free(ppath);
	free(npath);
}

static const struct must_expr *
val_compiled(struct sch_must *m)
{
	if (m->m_compiled == NULL) {
		char err[256];
		/* Normally done at schema load; a bad one stays NULL and is skipped. */
		m->m_compiled = must_compile(m->m_expr, err, sizeof(err));
	}
	return m->m_compiled;
}

static void
val_musts(struct val_ctx *vc, const struct conf_node *n, const struct sch_node *carrier)
{
	for (size_t i = 0; i < carrier->sn_nmusts; i++) {
		struct sch_must *m = &carrier->sn_musts[i];
		const struct must_expr *e = val_compiled(m);

		if (e == NULL || must_eval_from(e, n, carrier, vc->vc_cache))
			continue;
		val_error(vc, n->cn_parent, n, NULL,
		    m->m_message != NULL ? m->m_message : m->m_expr);
		vc->vc_res->vr_must++;
	}
}

static bool
val_present(const struct conf_node *n, const struct sch_node *s)
{
	for (const struct conf_node *c = conf_first_of(n, s); c != NULL; c = conf_next_of(c))
		if (!(c->cn_flags & CONF_F_INACTIVE))
			return true;
	return false;
}

/* A member of a choice is only required once its case is chosen. */
static bool
val_case_chosen(const struct conf_node *n, const struct sch_node *s)
{
	const struct conf_node *c;

	if (s->sn_choice == NULL)
		return true;
	CONF_FOREACH_CHILD(c, n) {
		const struct sch_node *cs = c->cn_schema;

		if (!(c->cn_flags & CONF_F_INACTIVE) && cs->sn_choice != NULL &&
		    strcmp(cs->sn_choice, s->sn_choice) == 0 && cs->sn_case != NULL &&
		    s->sn_case != NULL && strcmp(cs->sn_case, s->sn_case) == 0)
			return true;
	}
	return false;
}

static void
val_mandatory(struct val_ctx *vc, const struct conf_node *n)
{
	const struct sch_node *s = n->cn_schema;
	char msg[512];

	for (size_t i = 0; i < s->sn_nchildren; i++) {
		const struct sch_node *c = s->sn_children[i];

		if (!(c->sn_flags & SCH_F_MANDATORY) || (c->sn_flags & SCH_F_KEY))
			continue;
		if (val_present(n, c) || !val_case_chosen(n, c))
			continue;
		snprintf(msg, sizeof(msg), "Missing mandatory statement: '%s'", c->sn_name);
		if (n->cn_parent == NULL)
			val_error(vc, NULL, NULL, NULL, msg);
		else
			val_error(vc, n->cn_parent, n, NULL, msg);
		vc->vc_res->vr_mandatory++;
	}
}

/* Children of one statement are contiguous (conf.h): count each run once. */
static void
val_max_elements(struct val_ctx *vc, const struct conf_node *n)
{
	const struct conf_node *c = n->cn_first;
	char msg[128];

	while (c != NULL) {
		const struct sch_node *s = c->cn_schema;
		size_t count = 0;

		for (; c != NULL && c->cn_schema == s; c = c->cn_next)
			if (!(c->cn_flags & CONF_F_INACTIVE))
				count++;
		if (s->sn_max_elements == 0 || count <= s->sn_max_elements)
			continue;
		/* Format inferred: no reference shows Junos's text for this check. */
		snprintf(msg, sizeof(msg), "Number of elements exceeds limit of %u",
		    (unsigned)s->sn_max_elements);
		val_error(vc, n, NULL, s->sn_name, msg);
		vc->vc_res->vr_max_elements++;
	}
}

static void
val_node(struct val_ctx *vc, const struct conf_node *n, int depth)
{
	const struct sch_node *s = n->cn_schema;
	const struct conf_node *c;

	if ((n->cn_flags & CONF_F_INACTIVE) || depth > VALIDATE_MAXDEPTH)
		return;
	if (vc->vc_groups != NULL && s == vc->vc_groups)
		return;
	if (s->sn_checks & SCH_V_MUSTS) {
		switch (s->sn_kind) {
		case SCH_ROOT:
			break;
		case SCH_LIST:
			val_musts(vc, n, s);
			if (s->sn_key != NULL)
				val_musts(vc, n, s->sn_key);
			break;
		case SCH_CONTAINER:
		case SCH_LEAF:
		case SCH_LEAFLIST:
			val_musts(vc, n, s);
			break;
		}
	}
	if (s->sn_kind != SCH_ROOT && s->sn_kind != SCH_CONTAINER && s->sn_kind != SCH_LIST)
		return;
	if (s->sn_checks & SCH_V_MANDATORY)
		val_mandatory(vc, n);
	if (s->sn_checks & SCH_V_MAX_ELEMENTS)
		val_max_elements(vc, n);
	if (!(s->sn_checks & SCH_V_BELOW))
		return;
	CONF_FOREACH_CHILD(c, n)
		if (c->cn_schema->sn_checks != 0)
			val_node(vc, c, depth + 1);
}

int
conf_validate_result(const struct conf_node *effective, struct buf *errs,
    struct validate_result *res)
{
	struct val_ctx vc;
	struct validate_result local;

	if (res == NULL)
		res = &local;
	memset(res, 0, sizeof(*res));
	if (effective == NULL)
		return 0;
	const struct conf_node *root = effective;
	while (root->cn_parent != NULL)
		root = root->cn_parent;
	const struct sch_node *sroot = root->cn_schema;

	memset(&vc, 0, sizeof(vc));
	vc.vc_errs = errs;
	vc.vc_res = res;
	vc.vc_cache = must_cache_new();
	vc.vc_groups = sroot->sn_kind == SCH_ROOT ? val_groups_node(sroot) : NULL;
	val_node(&vc, effective, 0);
	must_cache_free(vc.vc_cache);
	return res->vr_errors;
}

int
conf_validate(const struct conf_node *effective, struct buf *errs)
{
	return conf_validate_result(effective, errs, NULL);
}

const char *
validate_failure_line(const struct validate_result *res)
{
	if (res->vr_errors > 0 && res->vr_errors == res->vr_mandatory)
		return "error: configuration check-out failed: (missing mandatory statements)";
	return "error: configuration check-out failed";
}

static int
val_compile_node(struct sch_node *n, int depth, char *err, size_t errlen)
{
	if (depth > VALIDATE_MAXDEPTH) {
		snprintf(err, errlen, "schema nested too deeply");
		return -1;
	}
	for (size_t i = 0; i < n->sn_nmusts; i++) {
		struct sch_must *m = &n->sn_musts[i];
		char e[256];

		if (m->m_compiled != NULL)
			continue;
		if ((m->m_compiled = must_compile(m->m_expr, e, sizeof(e))) == NULL) {
			char *path = sch_path_string(n);
			snprintf(err, errlen, "bad must expression at [%s]: \"%s\": %s",
			    path != NULL ? path : n->sn_name, m->m_expr ? m->m_expr : "",
			    e);
			free(path);
			return -1;
		}
	}
	/* A groups entry also lists the root's children: visit each node from its parent. */
	for (size_t i = 0; i < n->sn_nchildren; i++)
		if (n->sn_children[i]->sn_parent == n &&
		    val_compile_node(n->sn_children[i], depth + 1, err, errlen) == -1)
			return -1;
	return 0;
}

int
validate_compile_schema(struct schema *schema, char *err, size_t errlen)
{
	if (schema == NULL || schema->s_root == NULL)
		return 0;
	return val_compile_node(schema->s_root, 0, err, errlen);
}

static void
val_release_node(struct sch_node *n, int depth)
{
	if (depth > VALIDATE_MAXDEPTH)
		return;
	for (size_t i = 0; i < n->sn_nmusts; i++) {
		must_free(n->sn_musts[i].m_compiled);
		n->sn_musts[i].m_compiled = NULL;
	}
	for (size_t i = 0; i < n->sn_nchildren; i++)
		if (n->sn_children[i]->sn_parent == n)
			val_release_node(n->sn_children[i], depth + 1);
}

void
validate_release_schema(struct schema *schema)
{
	if (schema == NULL || schema->s_root == NULL)
		return;
	val_release_node(schema->s_root, 0);
}
