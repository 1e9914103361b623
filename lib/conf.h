/*
 * conf: the configuration tree (a candidate, a committed configuration, a rollback).
 *
 * Every node points at its schema node. The statement name is always
 * cn_schema->sn_name; what varies is:
 *   container           cn_key = NULL, cn_value = NULL
 *   list entry          cn_key = the key value ("ge-0/0/0"), one node per entry
 *   leaf                cn_value = the value (NULL for an empty-typed flag leaf)
 *   leaf-list value     cn_value = one value, one node per value
 * A list's key leaf is not stored as a child: it is cn_key.
 *
 * Children are kept in display order: schema order between different statements,
 * insertion order (or `insert` order) among the entries of one list or leaf-list.
 * Lookup by (schema node, key/value) is O(1) on large child sets (a per-parent hash
 * index built past a few children), so `set` costs nothing that grows with the size
 * of the configuration.
 */
#ifndef ROUTEMU_CONF_H
#define ROUTEMU_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schema.h"

#define CONF_F_INACTIVE		0x01	/* deactivate: shown `inactive:`, ignored by validation */
#define CONF_F_REPLACE		0x02	/* parser scratch: `replace:` tag on load replace */
#define CONF_F_CHANGED		0x04	/* parser scratch */

struct conf_index;

struct conf_node {
	const struct sch_node *cn_schema;
	char		*cn_key;
	char		*cn_value;
	char		*cn_annotation;	/* annotate: printed as a comment above the statement */
	char		*cn_group;	/* set by conf_expand_groups: inherited from this group */
	uint32_t	 cn_flags;
	struct conf_node *cn_parent;
	struct conf_node *cn_first;	/* children */
	struct conf_node *cn_last;
	struct conf_node *cn_next;	/* siblings */
	struct conf_node *cn_prev;
	size_t		 cn_nchildren;
	struct conf_index *cn_index;	/* private to conf.c */
};

/* A new empty tree (the root node has cn_schema = schema->s_root). Aborts on ENOMEM. */
struct conf_node *conf_new(const struct schema *);
void		 conf_free(struct conf_node *);		/* unlinks from its parent first */
struct conf_node *conf_dup(const struct conf_node *);	/* deep copy, unlinked */
const struct schema *conf_schema(const struct conf_node *);

/*
 * The child of parent for schema node s: for a list, the entry with key `id`; for a
 * leaf-list, the value `id`; for a container or leaf, id is ignored (NULL).
 */
struct conf_node *conf_find(const struct conf_node *parent,
		    const struct sch_node *s, const char *id);
/* First child with schema node s (e.g. the first entry of a list), or NULL. */
struct conf_node *conf_first_of(const struct conf_node *parent, const struct sch_node *s);
/* The next sibling that has the same schema node, or NULL. */
struct conf_node *conf_next_of(const struct conf_node *n);
/*
 * Find the child, or create it in display order. Leaves: value replaced when given.
 * Lists and leaf-lists need id (NULL returns NULL). Choices are not cleared here:
 * call conf_clear_choice() first when setting a member of a choice.
 */
struct conf_node *conf_get(struct conf_node *parent, const struct sch_node *s,
		    const char *id);
/* Set a leaf's value (empty leaf: value NULL). Creates or replaces. */
struct conf_node *conf_set_leaf(struct conf_node *parent, const struct sch_node *s,
		    const char *value);
/* Remove siblings of s that belong to the same choice but another case. */
void		 conf_clear_choice(struct conf_node *parent, const struct sch_node *s);
/* Move n (an entry of an ordered list or leaf-list) before/after the sibling ref. */
int		 conf_move(struct conf_node *n, struct conf_node *ref, bool after);
/* Change the key (list) or value (leaf-list) of n, keeping its position. */
int		 conf_rekey(struct conf_node *n, const char *id);
/*
 * Append the already-built, unlinked node child under parent in display order (after
 * the entries of the same list). The caller makes sure its id is not taken.
 */
void		 conf_attach(struct conf_node *parent, struct conf_node *child);
/* Unlink n (the caller owns it then). Not allowed on a tree with an open undo log. */
void		 conf_detach(struct conf_node *n);
/* Flags and annotation of n, through the undo log when one is open. */
void		 conf_set_flags(struct conf_node *n, uint32_t flags);
void		 conf_set_annotation(struct conf_node *n, const char *text);

/*
 * Undo log. Between conf_undo_begin(root) and conf_undo_end(), every change made
 * through this API to the tree of root (conf_get, conf_set_leaf, conf_attach,
 * conf_free, conf_clear_choice, conf_move, conf_rekey, conf_merge, conf_set_flags,
 * conf_set_annotation) is recorded; conf_undo_end(false) restores the tree as it
 * was at conf_undo_begin, conf_undo_end(true) keeps the changes. This makes a
 * multi-line load all or nothing at the cost of its own changes, not of a copy of
 * the whole tree. Nodes freed in between stay allocated (detached) until the end:
 * pointers into the tree stay valid. One log at a time; direct writes to a node's
 * fields are not recorded.
 */
void		 conf_undo_begin(struct conf_node *root);
void		 conf_undo_end(bool keep);

/* The identifier that conf_find takes for n: cn_key or cn_value. */
const char	*conf_id(const struct conf_node *n);
/*
 * Statement words of n from the root: "interfaces ge-0/0/0 unit 0 family inet"; a
 * leaf or leaf-list node ends with its value; ids and values are quoted with
 * cmd_quote(); keyword-less statements show their value or key alone. "" for the root.
 */
char		*conf_path_string(const struct conf_node *n);
/* Same subtree, children in the same order; `inactive` and annotations too when with_meta. */
bool		 conf_equal(const struct conf_node *a, const struct conf_node *b, bool with_meta);
/*
 * Merge src's subtree into dst (same schema node): src's leaves win (value and
 * inactive flag), lists and leaf-lists are united, src's choice members clear dst's
 * other cases, src's `inactive` and annotations are carried over.
 */
void		 conf_merge(struct conf_node *dst, const struct conf_node *src);
bool		 conf_is_empty(const struct conf_node *root);
/* Number of nodes in the subtree, n included (benchmarks, limits). */
size_t		 conf_count(const struct conf_node *n);
/* Hash slots held for n's children, 0 without an index (tests, memory accounting). */
size_t		 conf_index_capacity(const struct conf_node *n);

#define CONF_FOREACH_CHILD(c, p) \
	for ((c) = (p)->cn_first; (c) != NULL; (c) = (c)->cn_next)

#endif
