/*
 * must: Junos commit constraints (`junos:must` in the reference YANG), e.g.
 *   (".. .. .. proposal $$")
 *   (!(any "security group-vpn member ike gateway <*> server-address $$"))
 *   ((".. no-group-check" || unique "security group-vpn member ipsec vpn <*> group $$"))
 *   ("interfaces $$-IFL family inet address")
 * A quoted string is a path: absolute from the root, or relative with `..` steps from
 * the node that carries the constraint. `$$` is that node's value (or key);
 * `$$-IFL` the logical interface it names ("ge-0/0/0.1" reads "ge-0/0/0 unit 1",
 * "ge-0/0/0" reads "ge-0/0/0 unit 0"). `<*>` matches any entry or value.
 *
 * A path is true when something exists there in the configuration given (the
 * effective one: groups expanded, inactive statements dropped); when its last word
 * is a value of a leaf or leaf-list, when that leaf has that value. Words that name
 * statements the schema does not have make the path false.
 * A word that names no statement where a keyword-less list (nokeyword="true") sits is
 * that list's key, as typed on the command line.
 * `any "p"` is true when some match exists; `unique "p"` when no match other than the
 * carrying node itself exists.
 *
 * Counting `..`: each step goes up one statement; a list entry (name and key) is one
 * statement. The key leaf of a list entry sits inside the entry (its first `..` is the
 * entry), and a leaf-list value inside its leaf-list statement (its first `..` is the
 * leaf-list, its second the statement holding the leaf-list): that is how the
 * reference writes `".. .. .. proposal $$"` on `ike policy P proposals` to reach
 * `ike proposal $$`.
 */
#ifndef ROUTEMU_MUST_H
#define ROUTEMU_MUST_H

#include <stdbool.h>
#include <stddef.h>

#include "conf.h"
#include "schema.h"

struct must_expr;
struct must_cache;

/* Parse; NULL with err on a syntax error (schema bug: reported at schema load). */
struct must_expr *must_compile(const char *expr, char *err, size_t errlen);
void		 must_free(struct must_expr *);
/*
 * Evaluate for the configuration node `at`, taken as the carrier of the constraint
 * (at->cn_schema carries it: a container, a list entry, a leaf, a leaf-list value).
 */
bool		 must_eval(const struct must_expr *, const struct conf_node *at);
/*
 * The general form. carrier is the schema node that carries the constraint: either
 * at->cn_schema, or the key leaf of the list entry `at` (constraints written on a
 * key leaf). cache (may be NULL) remembers the matches of wildcard paths across calls
 * on one unchanged tree, so that a `unique "... <*> ... $$"` over n entries costs O(n)
 * for all of them together instead of O(n) each.
 */
bool		 must_eval_from(const struct must_expr *, const struct conf_node *at,
		    const struct sch_node *carrier, struct must_cache *cache);

struct must_cache *must_cache_new(void);
void		 must_cache_free(struct must_cache *);

/* The parsed expression printed back, fully parenthesised (tests, debugging). */
char		*must_format(const struct must_expr *);

#endif
