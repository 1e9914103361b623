/*
 * confload: `load merge|override|replace|update` of a parsed input tree onto a
 * candidate. Input subtrees that the candidate lacks are moved over, not copied, and
 * every lookup goes through conf_find: the cost is linear in the input.
 */
#include <stdlib.h>
#include <string.h>

#include "conf.h"
#include "conffmt.h"
#include "schema.h"

/* Drop DELETE-flagged nodes and every scratch flag from a subtree about to join the
 * candidate. */
static void
l_strip(struct conf_node *n)
{
	struct conf_node *c, *next;

	if (n->cn_flags & (CONF_F_INSERT_BEFORE | CONF_F_INSERT_AFTER)) {
		free(n->cn_group);
		n->cn_group = NULL;
	}
	n->cn_flags &= ~CONF_F_SCRATCH;
	for (c = n->cn_first; c != NULL; c = next) {
		next = c->cn_next;
		if (c->cn_flags & CONF_F_DELETE)
			conf_free(c);
		else
			l_strip(c);
	}
}

/* The input node's attributes onto the candidate's. */
static void
l_meta(struct conf_node *d, struct conf_node *c)
{
	if (c->cn_flags & CONF_F_INACTIVE)
		d->cn_flags |= CONF_F_INACTIVE;
	if (c->cn_flags & CONF_F_ACTIVATE)
		d->cn_flags &= ~CONF_F_INACTIVE;
	if (c->cn_annotation != NULL) {
		free(d->cn_annotation);
		d->cn_annotation = c->cn_annotation;
		c->cn_annotation = NULL;
	}
}

/* insert="before|after": move d next to its reference entry, when there is one. */
static void
l_insert(struct conf_node *d, const struct conf_node *c)
{
	struct conf_node *ref;

	if (!(c->cn_flags & (CONF_F_INSERT_BEFORE | CONF_F_INSERT_AFTER)) || c->cn_group == NULL)
		return;
	if (d->cn_parent == NULL)
		return;
	if ((ref = conf_find(d->cn_parent, d->cn_schema, c->cn_group)) == NULL || ref == d)
		return;
	conf_move(d, ref, (c->cn_flags & CONF_F_INSERT_AFTER) != 0);
}

static void
l_clear(struct conf_node *d)
{
	while (d->cn_first != NULL)
		conf_free(d->cn_first);
	free(d->cn_annotation);
	d->cn_annotation = NULL;
	d->cn_flags &= ~CONF_F_INACTIVE;
}

static void
l_merge(struct conf_node *dst, struct conf_node *src, bool honor_replace)
{
	struct conf_node *c, *next, *d;

	for (c = src->cn_first; c != NULL; c = next) {
		const struct sch_node *s = c->cn_schema;
		next = c->cn_next;

		if (c->cn_flags & CONF_F_DELETE) {
			if ((d = conf_find(dst, s, conf_id(c))) != NULL)
				conf_free(d);
			continue;
		}
		switch (s->sn_kind) {
		case SCH_LEAF:
			if (s->sn_choice != NULL)
				conf_clear_choice(dst, s);
			d = conf_set_leaf(dst, s, c->cn_value);
			if (honor_replace && (c->cn_flags & CONF_F_REPLACE))
				l_clear(d);
			l_meta(d, c);
			break;
		case SCH_LEAFLIST:
			if (s->sn_choice != NULL)
				conf_clear_choice(dst, s);
			d = conf_get(dst, s, c->cn_value);
			l_meta(d, c);
			l_insert(d, c);
			break;
		default:
			d = conf_find(dst, s, conf_id(c));
			if (d == NULL) {
				if (s->sn_choice != NULL)
					conf_clear_choice(dst, s);
				conf_detach(c);
				conf_attach(dst, c);
				l_insert(c, c);
				l_strip(c);
				break;
			}
			if (honor_replace && (c->cn_flags & CONF_F_REPLACE))
				l_clear(d);
			l_meta(d, c);
			l_insert(d, c);
			l_merge(d, c, honor_replace);
			break;
		}
	}
}

void
conf_load(struct conf_node *candidate, struct conf_node *in, enum conf_load_action action)
{
	struct conf_node *c;

	if (in == NULL)
		return;
	switch (action) {
	case CL_OVERRIDE:
	case CL_UPDATE:
		/* Same resulting tree; update would only mark fewer statements changed. */
		while (candidate->cn_first != NULL)
			conf_free(candidate->cn_first);
		l_strip(in);
		while ((c = in->cn_first) != NULL) {
			conf_detach(c);
			conf_attach(candidate, c);
		}
		break;
	case CL_MERGE:
		l_merge(candidate, in, false);
		break;
	case CL_REPLACE:
		l_merge(candidate, in, true);
		break;
	}
	conf_free(in);
}
