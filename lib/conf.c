/*
 * conf: the configuration tree.
 *
 * Children of a node form a doubly linked list in display order. All children with
 * the same schema node are contiguous (a "run"), and runs follow the schema order of
 * the parent. Small parents are searched linearly. Past CONF_INDEX_MIN children a
 * parent gets an index: an open-addressing hash on (schema node, id) and the table
 * of its runs (first, last), so that finding an entry, appending to a list and
 * placing a new statement cost O(1) in the number of entries (O(schema fan-out) at
 * most), whatever the size of the configuration. A copy (conf_dup) gets its
 * indexes at the first lookup that needs one (conf_index_of): the candidate is
 * copied whole at every commit, hashing every entry of every large list would be
 * a third of that copy, and few of those lists are looked up before the next one.
 *
 * A node and its key or value are one allocation, the text right after the struct:
 * a candidate of 100 000 statements is hundreds of thousands of nodes, copied whole
 * at each commit, and half the allocations (and their headers) go away. A value set
 * again later gets an allocation of its own; conf_str_free tells the two apart by
 * address (conf_inline).
 *
 * The undo log (conf_undo_begin/end) lets a `load` of many lines change a large
 * candidate in place and still be all or nothing: each change through this API
 * to the logged tree is recorded with what it replaced, and undone in reverse
 * order if a later line fails. Undoing a record in reverse order finds the tree
 * exactly as the change left it, so a removed node goes back after the sibling it
 * followed; removed nodes and replaced texts are kept until the log ends.
 *
 * New nodes, most of what a big load records, are only listed (a pointer each) and
 * removed after every other record was undone: until then, a new node may still
 * be what an older node has to go back after, or hold an older node's changes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "setcmd.h"
#include "xmalloc.h"

#define CONF_INDEX_MIN	8

struct conf_run {
	const struct sch_node *r_schema;
	size_t		 r_order;	/* position of r_schema in the parent's */
	struct conf_node *r_first;
	struct conf_node *r_last;
};

/*
 * The hash is kept with the node: growing and probing read no keys. The table is
 * at most three quarters full (live entries and tombstones) and half full after
 * growing: linear probing stays short, and a 50 000-entry list costs 2 MB of
 * slots rather than twice that.
 */
struct conf_slot {
	size_t		 s_hash;
	struct conf_node *s_node;	/* NULL, CONF_TOMB or a child */
};

struct conf_index {
	struct conf_slot *ci_slots;
	size_t		 ci_cap;	/* power of two */
	size_t		 ci_used;	/* live + tombstones */
	struct conf_run	*ci_runs;
	size_t		 ci_nruns;
	size_t		 ci_caprun;
};

static struct conf_node conf_tomb_node;
#define CONF_TOMB	(&conf_tomb_node)

static void	 conf_str_set(struct conf_node *, char **, const char *);
static void	 conf_free_tree(struct conf_node *);
static void	 conf_link_after(struct conf_node *, struct conf_node *, struct conf_node *);
static void	 conf_unlink(struct conf_node *);
static void	 conf_index_build(struct conf_node *);
static void	 conf_index_add(struct conf_index *, struct conf_node *);
static void	 conf_index_del(struct conf_index *, struct conf_node *);

/*
 * Where the node's own key or value text starts. Every node is allocated with at
 * least one byte after the struct (conf_node_alloc), so this address is inside the
 * node's block and can be no other allocation's: comparing to it is exact.
 */
static char *
conf_inline(struct conf_node *n)
{
	return (char *)(n + 1);
}

static void
conf_str_free(struct conf_node *n, char *p)
{
	if (p != conf_inline(n))
		free(p);
}

/* Replace the key or value *field of n by a copy of v (NULL allowed). */
static void
conf_str_set(struct conf_node *n, char **field, const char *v)
{
	conf_str_free(n, *field);
	*field = xstrdup(v);
}

static bool
conf_streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Whether entries of s are told apart by an id (list key, leaf-list value). */
static bool
conf_has_id(const struct sch_node *s)
{
	return s->sn_kind == SCH_LIST || s->sn_kind == SCH_LEAFLIST;
}

const char *
conf_id(const struct conf_node *n)
{
	if (n->cn_schema == NULL)
		return NULL;
	if (n->cn_schema->sn_kind == SCH_LIST)
		return n->cn_key;
	if (n->cn_schema->sn_kind == SCH_LEAFLIST)
		return n->cn_value;
	return NULL;
}

/*
 * Position of s among the children of parent schema p. Shared root children under
 * a groups entry have another sn_parent, hence the scan (over the root's few).
 */
static size_t
conf_order(const struct sch_node *p, const struct sch_node *s)
{
	if (s->sn_parent == p)
		return s->sn_index;
	for (size_t i = 0; i < p->sn_nchildren; i++)
		if (p->sn_children[i] == s)
			return i;
	return SIZE_MAX;
}

/* ---- hash index ---- */

static size_t
conf_hash(const struct sch_node *s, const char *id)
{
	uint64_t h = (uint64_t)(uintptr_t)s * 0x9e3779b97f4a7c15ULL;

	h ^= h >> 29;
	if (id != NULL) {
		uint64_t f = 0xcbf29ce484222325ULL;
		for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
			f ^= *p;
			f *= 0x100000001b3ULL;
		}
		h ^= f;
	}
	h ^= h >> 31;
	return (size_t)h;
}

static bool
conf_matches(const struct conf_node *n, const struct sch_node *s, const char *id)
{
	if (n->cn_schema != s)
		return false;
	if (!conf_has_id(s))
		return true;
	return conf_streq(conf_id(n), id);
}

static void
conf_index_put(struct conf_index *ix, size_t h, struct conf_node *n)
{
	size_t mask = ix->ci_cap - 1, i = h & mask;

	while (ix->ci_slots[i].s_node != NULL && ix->ci_slots[i].s_node != CONF_TOMB)
		i = (i + 1) & mask;
	if (ix->ci_slots[i].s_node == NULL)
		ix->ci_used++;
	ix->ci_slots[i].s_hash = h;
	ix->ci_slots[i].s_node = n;
}

/* Slots for live entries: a power of two, at most half full. */
static size_t
conf_index_size(size_t live)
{
	size_t cap = 16;

	while (cap < 2 * (live + 1))
		cap *= 2;
	return cap;
}

static void
conf_index_grow(struct conf_index *ix)
{
	struct conf_slot *old = ix->ci_slots;
	size_t oldcap = ix->ci_cap, live = 0;

	/* Sized by the live entries: tombstones of deleted ones must not make it grow. */
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].s_node != NULL && old[i].s_node != CONF_TOMB)
			live++;
	ix->ci_cap = conf_index_size(live);
	ix->ci_slots = xzalloc(ix->ci_cap * sizeof(*ix->ci_slots));
	ix->ci_used = 0;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].s_node != NULL && old[i].s_node != CONF_TOMB)
			conf_index_put(ix, old[i].s_hash, old[i].s_node);
	free(old);
}

static size_t
conf_node_hash(const struct conf_node *n)
{
	const struct sch_node *s = n->cn_schema;

	return conf_hash(s, conf_has_id(s) ? conf_id(n) : NULL);
}

static void
conf_index_add(struct conf_index *ix, struct conf_node *n)
{
	if ((ix->ci_used + 1) * 4 > ix->ci_cap * 3)
		conf_index_grow(ix);
	conf_index_put(ix, conf_node_hash(n), n);
}

static size_t
conf_index_slot(const struct conf_index *ix, const struct sch_node *s, const char *id)
{
	size_t mask = ix->ci_cap - 1;
	size_t h = conf_hash(s, conf_has_id(s) ? id : NULL), i = h & mask;

	for (size_t probes = 0; probes < ix->ci_cap; probes++) {
		const struct conf_slot *sl = &ix->ci_slots[i];
		if (sl->s_node == NULL)
			break;
		if (sl->s_node != CONF_TOMB && sl->s_hash == h && conf_matches(sl->s_node, s, id))
			return i;
		i = (i + 1) & mask;
	}
	return SIZE_MAX;
}

static void
conf_index_del(struct conf_index *ix, struct conf_node *n)
{
	size_t mask = ix->ci_cap - 1, i = conf_node_hash(n) & mask;

	/* Look for the node itself: duplicates (a caller's bug) must not confuse us. */
	for (size_t probes = 0; probes < ix->ci_cap; probes++) {
		struct conf_node *c = ix->ci_slots[i].s_node;
		if (c == NULL)
			return;
		if (c == n) {
			ix->ci_slots[i].s_node = CONF_TOMB;
			return;
		}
		i = (i + 1) & mask;
	}
}

static struct conf_run *
conf_run_find(const struct conf_index *ix, const struct sch_node *s)
{
	for (size_t i = 0; i < ix->ci_nruns; i++)
		if (ix->ci_runs[i].r_schema == s)
			return &ix->ci_runs[i];
	return NULL;
}

static void
conf_run_remove(struct conf_index *ix, struct conf_run *r)
{
	size_t i = (size_t)(r - ix->ci_runs);

	ix->ci_runs[i] = ix->ci_runs[--ix->ci_nruns];
}

static struct conf_run *
conf_run_new(struct conf_index *ix, const struct sch_node *ps, struct conf_node *n)
{
	if (ix->ci_nruns == ix->ci_caprun) {
		size_t cap = ix->ci_caprun ? ix->ci_caprun * 2 : 8;
		struct conf_run *r = realloc(ix->ci_runs, cap * sizeof(*r));
		if (r == NULL)
			abort();
		ix->ci_runs = r;
		ix->ci_caprun = cap;
	}
	struct conf_run *r = &ix->ci_runs[ix->ci_nruns++];
	r->r_schema = n->cn_schema;
	r->r_order = conf_order(ps, n->cn_schema);
	r->r_first = r->r_last = n;
	return r;
}

static void
conf_index_free(struct conf_index *ix)
{
	if (ix == NULL)
		return;
	free(ix->ci_slots);
	free(ix->ci_runs);
	free(ix);
}

/* Index every child of p (p just grew past the threshold, or a copy needs it). */
static void
conf_index_build(struct conf_node *p)
{
	struct conf_index *ix = xzalloc(sizeof(*ix));
	struct conf_node *c;

	/* Sized for all of them at once, as conf_index_grow would size it. */
	ix->ci_cap = conf_index_size(p->cn_nchildren);
	ix->ci_slots = xzalloc(ix->ci_cap * sizeof(*ix->ci_slots));
	p->cn_index = ix;
	CONF_FOREACH_CHILD(c, p) {
		conf_index_add(ix, c);
		struct conf_run *r = conf_run_find(ix, c->cn_schema);
		if (r == NULL)
			conf_run_new(ix, p->cn_schema, c);
		else
			r->r_last = c;
	}
}

/* ---- undo log ---- */

enum conf_undo_op {
	CU_UNLINK,	/* u_node was removed from u_parent, after u_prev; kept alive */
	CU_MOVE,	/* u_node moved; it followed u_prev */
	CU_VALUE,	/* u_node's leaf value replaced; u_old is the previous one */
	CU_ID,		/* u_node's key or leaf-list value replaced (rename); u_old */
	CU_ANNOT,	/* u_node's annotation replaced; u_old the previous one (or NULL) */
	CU_FLAGS,	/* u_node's flags changed; u_flags the previous ones */
};

struct conf_undo_rec {
	enum conf_undo_op u_op;
	uint32_t	 u_flags;
	struct conf_node *u_node;
	struct conf_node *u_parent;
	struct conf_node *u_prev;
	char		*u_old;
};

/* The open log, if any: one at a time (the programs are single-threaded). */
static struct {
	struct conf_node *cu_root;
	struct conf_undo_rec *cu_v;	/* changes to nodes */
	size_t		 cu_n;
	size_t		 cu_cap;
	struct conf_node **cu_new;	/* nodes linked into the tree, in order */
	size_t		 cu_nnew;
	size_t		 cu_capnew;
} conf_undo;

/* Is n in the logged tree? (Not a detached copy being prepared, say.) */
static bool
conf_undo_logs(const struct conf_node *n)
{
	if (conf_undo.cu_root == NULL || n == NULL)
		return false;
	while (n->cn_parent != NULL)
		n = n->cn_parent;
	return n == conf_undo.cu_root;
}

static struct conf_undo_rec *
conf_undo_push(enum conf_undo_op op, struct conf_node *n)
{
	struct conf_undo_rec *r;

	if (conf_undo.cu_n == conf_undo.cu_cap) {
		size_t cap = conf_undo.cu_cap ? conf_undo.cu_cap * 2 : 64;

		r = realloc(conf_undo.cu_v, cap * sizeof(*r));
		if (r == NULL)
			abort();
		conf_undo.cu_v = r;
		conf_undo.cu_cap = cap;
	}
	r = &conf_undo.cu_v[conf_undo.cu_n++];
	memset(r, 0, sizeof(*r));
	r->u_op = op;
	r->u_node = n;
	return r;
}

static void
conf_undo_push_new(struct conf_node *n)
{
	if (conf_undo.cu_nnew == conf_undo.cu_capnew) {
		size_t cap = conf_undo.cu_capnew ? conf_undo.cu_capnew * 2 : 64;
		struct conf_node **v = realloc(conf_undo.cu_new, cap * sizeof(*v));

		if (v == NULL)
			abort();
		conf_undo.cu_new = v;
		conf_undo.cu_capnew = cap;
	}
	conf_undo.cu_new[conf_undo.cu_nnew++] = n;
}

void
conf_undo_begin(struct conf_node *root)
{
	if (conf_undo.cu_root != NULL || root == NULL || root->cn_parent != NULL)
		abort();	/* nested logs or a subtree: a caller's bug */
	conf_undo.cu_root = root;
	conf_undo.cu_n = conf_undo.cu_nnew = 0;
}

static void
conf_undo_revert(struct conf_undo_rec *r)
{
	struct conf_node *n = r->u_node, *p;
	char *cur;

	switch (r->u_op) {
	case CU_UNLINK:
		conf_link_after(r->u_parent, r->u_prev, n);
		break;
	case CU_MOVE:
		p = n->cn_parent;
		conf_unlink(n);
		conf_link_after(p, r->u_prev, n);
		break;
	case CU_VALUE:
		cur = n->cn_value;
		n->cn_value = r->u_old;
		conf_str_free(n, cur);
		break;
	case CU_ID: {
		/* The id is the hash key: out of the index, changed, back in. */
		char **field = n->cn_schema->sn_kind == SCH_LIST ? &n->cn_key : &n->cn_value;

		p = n->cn_parent;
		if (p != NULL && p->cn_index != NULL)
			conf_index_del(p->cn_index, n);
		cur = *field;
		*field = r->u_old;
		conf_str_free(n, cur);
		if (p != NULL && p->cn_index != NULL)
			conf_index_add(p->cn_index, n);
		break;
	}
	case CU_ANNOT:
		free(n->cn_annotation);
		n->cn_annotation = r->u_old;
		break;
	case CU_FLAGS:
		n->cn_flags = r->u_flags;
		break;
	}
}

/* What a kept record still owns, once the changes stay. */
static void
conf_undo_release(struct conf_undo_rec *r)
{
	switch (r->u_op) {
	case CU_UNLINK:
		conf_free_tree(r->u_node);
		break;
	case CU_VALUE:
	case CU_ID:
		conf_str_free(r->u_node, r->u_old);
		break;
	case CU_ANNOT:
		free(r->u_old);
		break;
	default:
		break;
	}
}

void
conf_undo_end(bool keep)
{
	size_t n = conf_undo.cu_n;

	conf_undo.cu_root = NULL;	/* what follows is not recorded */
	if (keep) {
		/* In order: a node whose text was replaced may be removed later. */
		for (size_t i = 0; i < n; i++)
			conf_undo_release(&conf_undo.cu_v[i]);
	} else {
		for (size_t i = n; i-- > 0;)
			conf_undo_revert(&conf_undo.cu_v[i]);
		/* Newest first: a node added under another new one goes before it. */
		for (size_t i = conf_undo.cu_nnew; i-- > 0;) {
			conf_unlink(conf_undo.cu_new[i]);
			conf_free_tree(conf_undo.cu_new[i]);
		}
	}
	conf_undo.cu_n = conf_undo.cu_nnew = 0;
	/* A big load's records are not worth keeping between loads. */
	if (conf_undo.cu_cap > 4096) {
		free(conf_undo.cu_v);
		conf_undo.cu_v = NULL;
		conf_undo.cu_cap = 0;
	}
	if (conf_undo.cu_capnew > 4096) {
		free(conf_undo.cu_new);
		conf_undo.cu_new = NULL;
		conf_undo.cu_capnew = 0;
	}
}

/*
 * Replace the key or value *field of n by a copy of v, recording the old one. The
 * caller takes n out of its parent's index first when *field is n's id.
 */
static void
conf_text_set(struct conf_node *n, char **field, const char *v)
{
	if (conf_undo_logs(n)) {
		struct conf_undo_rec *r = conf_undo_push(conf_has_id(n->cn_schema) ? CU_ID :
		    CU_VALUE, n);

		r->u_old = *field;
		*field = xstrdup(v);
		return;
	}
	conf_str_set(n, field, v);
}

void
conf_set_flags(struct conf_node *n, uint32_t flags)
{
	if (n->cn_flags == flags)
		return;
	if (conf_undo_logs(n))
		conf_undo_push(CU_FLAGS, n)->u_flags = n->cn_flags;
	n->cn_flags = flags;
}

void
conf_set_annotation(struct conf_node *n, const char *text)
{
	if (conf_undo_logs(n))
		conf_undo_push(CU_ANNOT, n)->u_old = n->cn_annotation;
	else
		free(n->cn_annotation);
	n->cn_annotation = xstrdup(text);
}

/*
 * p's index, built now if p has outgrown linear search without one (a copy: see
 * above). The index is a cache of p's children, not part of its value: building
 * it for a lookup on a const tree changes nothing a caller can see.
 */
static struct conf_index *
conf_index_of(const struct conf_node *p)
{
	if (p->cn_index == NULL && p->cn_nchildren > CONF_INDEX_MIN)
		conf_index_build((struct conf_node *)(uintptr_t)p);
	return p->cn_index;
}

/* ---- linking ---- */

/* Link c (unlinked) into p right after prev (NULL: at the head). */
static void
conf_link_after(struct conf_node *p, struct conf_node *prev, struct conf_node *c)
{
	struct conf_node *next = prev ? prev->cn_next : p->cn_first;

	c->cn_parent = p;
	c->cn_prev = prev;
	c->cn_next = next;
	if (prev)
		prev->cn_next = c;
	else
		p->cn_first = c;
	if (next)
		next->cn_prev = c;
	else
		p->cn_last = c;
	p->cn_nchildren++;

	if (p->cn_index == NULL) {
		if (p->cn_nchildren > CONF_INDEX_MIN)
			conf_index_build(p);
		return;
	}
	struct conf_index *ix = p->cn_index;
	conf_index_add(ix, c);
	struct conf_run *r = conf_run_find(ix, c->cn_schema);
	if (r == NULL) {
		conf_run_new(ix, p->cn_schema, c);
		return;
	}
	if (prev == r->r_last)
		r->r_last = c;
	if (next == r->r_first)
		r->r_first = c;
}

static void
conf_unlink(struct conf_node *c)
{
	struct conf_node *p = c->cn_parent;

	if (p == NULL)
		return;
	if (p->cn_index != NULL) {
		struct conf_index *ix = p->cn_index;
		conf_index_del(ix, c);
		struct conf_run *r = conf_run_find(ix, c->cn_schema);
		if (r != NULL) {
			bool first = r->r_first == c, last = r->r_last == c;
			if (first && last)
				conf_run_remove(ix, r);
			else if (first)
				r->r_first = c->cn_next;
			else if (last)
				r->r_last = c->cn_prev;
		}
	}
	if (c->cn_prev)
		c->cn_prev->cn_next = c->cn_next;
	else
		p->cn_first = c->cn_next;
	if (c->cn_next)
		c->cn_next->cn_prev = c->cn_prev;
	else
		p->cn_last = c->cn_prev;
	p->cn_nchildren--;
	c->cn_parent = c->cn_prev = c->cn_next = NULL;
}

/* The node after which a new child with schema s goes, NULL for the head. */
static struct conf_node *
conf_place(const struct conf_node *p, const struct sch_node *s)
{
	size_t order = conf_order(p->cn_schema, s);
	struct conf_index *ix = conf_index_of(p);

	if (ix != NULL) {
		struct conf_run *best = NULL;
		for (size_t i = 0; i < ix->ci_nruns; i++) {
			struct conf_run *r = &ix->ci_runs[i];
			if (r->r_schema == s)
				return r->r_last;
			if (r->r_order <= order && (best == NULL || r->r_order > best->r_order))
				best = r;
		}
		return best ? best->r_last : NULL;
	}
	struct conf_node *x = p->cn_last;
	while (x != NULL && x->cn_schema != s &&
	    conf_order(p->cn_schema, x->cn_schema) > order)
		x = x->cn_prev;
	return x;
}

void
conf_attach(struct conf_node *parent, struct conf_node *child)
{
	conf_link_after(parent, conf_place(parent, child->cn_schema), child);
	if (conf_undo_logs(parent))
		conf_undo_push_new(child);
}

void
conf_detach(struct conf_node *n)
{
	/* The caller owns n afterwards: the log could not put it back. */
	if (conf_undo_logs(n))
		abort();
	conf_unlink(n);
}

/* ---- nodes ---- */

/* A node with room for a text of len bytes (and its NUL) after it: see conf_inline. */
static struct conf_node *
conf_node_alloc(const struct sch_node *s, size_t len)
{
	struct conf_node *n = xmalloc(sizeof(*n) + len + 1);

	/* Only the struct needs zeroing: the caller writes the text. */
	memset(n, 0, sizeof(*n));
	conf_inline(n)[0] = '\0';
	n->cn_schema = s;
	return n;
}

/* A node of s with id (NULL for none) as its key (list) or value, in one allocation. */
static struct conf_node *
conf_node_new(const struct sch_node *s, const char *id)
{
	size_t len = id != NULL ? strlen(id) : 0;
	struct conf_node *n = conf_node_alloc(s, len);

	if (id != NULL) {
		char *t = conf_inline(n);

		memcpy(t, id, len + 1);
		if (s->sn_kind == SCH_LIST)
			n->cn_key = t;
		else
			n->cn_value = t;
	}
	return n;
}

struct conf_node *
conf_new(const struct schema *schema)
{
	return conf_node_new(schema->s_root, NULL);
}

static void
conf_free_tree(struct conf_node *n)
{
	struct conf_node *c = n->cn_first, *next;

	for (; c != NULL; c = next) {
		next = c->cn_next;
		conf_free_tree(c);
	}
	conf_index_free(n->cn_index);
	conf_str_free(n, n->cn_key);
	conf_str_free(n, n->cn_value);
	free(n->cn_annotation);
	free(n->cn_group);
	free(n);
}

void
conf_free(struct conf_node *n)
{
	if (n == NULL)
		return;
	if (n->cn_parent != NULL && conf_undo_logs(n)) {
		/* Kept, detached, until the log ends: undoing puts it back. */
		struct conf_undo_rec *r = conf_undo_push(CU_UNLINK, n);

		r->u_parent = n->cn_parent;
		r->u_prev = n->cn_prev;
		conf_unlink(n);
		return;
	}
	if (n == conf_undo.cu_root)
		abort();	/* freeing the logged tree while its log is open */
	conf_unlink(n);
	conf_free_tree(n);
}

struct conf_node *
conf_dup(const struct conf_node *n)
{
	struct conf_node *d;
	const struct conf_node *c;

	/* The key, else the value, shares the node's allocation (only one is ever set). */
	if (n->cn_key != NULL) {
		size_t len = strlen(n->cn_key);

		d = conf_node_alloc(n->cn_schema, len);
		d->cn_key = memcpy(conf_inline(d), n->cn_key, len + 1);
		d->cn_value = xstrdup(n->cn_value);
	} else if (n->cn_value != NULL) {
		size_t len = strlen(n->cn_value);

		d = conf_node_alloc(n->cn_schema, len);
		d->cn_value = memcpy(conf_inline(d), n->cn_value, len + 1);
	} else
		d = conf_node_alloc(n->cn_schema, 0);
	d->cn_annotation = xstrdup(n->cn_annotation);
	d->cn_group = xstrdup(n->cn_group);
	d->cn_flags = n->cn_flags;
	/*
	 * The source is in display order already: append. No index yet: the first
	 * lookup that needs one builds it (conf_index_of).
	 */
	CONF_FOREACH_CHILD(c, n) {
		struct conf_node *dc = conf_dup(c);

		dc->cn_parent = d;
		dc->cn_prev = d->cn_last;
		if (d->cn_last != NULL)
			d->cn_last->cn_next = dc;
		else
			d->cn_first = dc;
		d->cn_last = dc;
		d->cn_nchildren++;
	}
	return d;
}

const struct schema *
conf_schema(const struct conf_node *n)
{
	const struct sch_node *s = n->cn_schema;

	while (s->sn_parent != NULL)
		s = s->sn_parent;
	return s->sn_owner;
}

struct conf_node *
conf_find(const struct conf_node *parent, const struct sch_node *s, const char *id)
{
	if (parent == NULL || s == NULL)
		return NULL;
	if (conf_has_id(s) && id == NULL)
		return NULL;
	const struct conf_index *ix = conf_index_of(parent);
	if (ix != NULL) {
		size_t i = conf_index_slot(ix, s, id);
		return i == SIZE_MAX ? NULL : ix->ci_slots[i].s_node;
	}
	struct conf_node *c;
	CONF_FOREACH_CHILD(c, parent)
		if (conf_matches(c, s, id))
			return c;
	return NULL;
}

struct conf_node *
conf_first_of(const struct conf_node *parent, const struct sch_node *s)
{
	struct conf_index *ix = conf_index_of(parent);
	if (ix != NULL) {
		struct conf_run *r = conf_run_find(ix, s);
		return r ? r->r_first : NULL;
	}
	struct conf_node *c;
	CONF_FOREACH_CHILD(c, parent)
		if (c->cn_schema == s)
			return c;
	return NULL;
}

struct conf_node *
conf_next_of(const struct conf_node *n)
{
	struct conf_node *x = n->cn_next;

	return x != NULL && x->cn_schema == n->cn_schema ? x : NULL;
}

struct conf_node *
conf_get(struct conf_node *parent, const struct sch_node *s, const char *id)
{
	struct conf_node *n;

	if (conf_has_id(s) && id == NULL)
		return NULL;
	if ((n = conf_find(parent, s, id)) != NULL) {
		if (s->sn_kind == SCH_LEAF && id != NULL &&
		    !conf_streq(n->cn_value, id))
			conf_text_set(n, &n->cn_value, id);
		return n;
	}
	switch (s->sn_kind) {
	case SCH_LIST:
	case SCH_LEAF:
	case SCH_LEAFLIST:
		n = conf_node_new(s, id);
		break;
	default:
		n = conf_node_new(s, NULL);
		break;
	}
	conf_attach(parent, n);
	return n;
}

struct conf_node *
conf_set_leaf(struct conf_node *parent, const struct sch_node *s, const char *value)
{
	struct conf_node *n;

	if (s->sn_kind == SCH_LEAFLIST)
		return conf_get(parent, s, value);
	if ((n = conf_find(parent, s, NULL)) != NULL) {
		if (!conf_streq(n->cn_value, value))
			conf_text_set(n, &n->cn_value, value);
		return n;
	}
	n = conf_node_new(s, value);
	conf_attach(parent, n);
	return n;
}

static bool
conf_other_case(const struct sch_node *a, const struct sch_node *s)
{
	return a != s && a->sn_choice != NULL && strcmp(a->sn_choice, s->sn_choice) == 0 &&
	    !conf_streq(a->sn_case, s->sn_case);
}

void
conf_clear_choice(struct conf_node *parent, const struct sch_node *s)
{
	if (s->sn_choice == NULL)
		return;
	struct conf_index *ix = conf_index_of(parent);
	if (ix != NULL) {
		/* Walk the runs, not the (possibly many) children. */
		for (size_t i = 0; i < ix->ci_nruns;) {
			struct conf_run *r = &ix->ci_runs[i];
			if (!conf_other_case(r->r_schema, s)) {
				i++;
				continue;
			}
			/* Freeing the last node of the run removes it (and moves another here). */
			const struct sch_node *gone = r->r_schema;
			struct conf_node *c = r->r_first;
			while (c != NULL && c->cn_schema == gone) {
				struct conf_node *next = c->cn_next;
				conf_free(c);
				c = next;
			}
		}
		return;
	}
	struct conf_node *c = parent->cn_first, *next;
	for (; c != NULL; c = next) {
		next = c->cn_next;
		if (conf_other_case(c->cn_schema, s))
			conf_free(c);
	}
}

int
conf_move(struct conf_node *n, struct conf_node *ref, bool after)
{
	struct conf_node *p = n->cn_parent;

	if (p == NULL || ref == NULL || ref == n || ref->cn_parent != p ||
	    ref->cn_schema != n->cn_schema)
		return -1;
	if (conf_undo_logs(n))
		conf_undo_push(CU_MOVE, n)->u_prev = n->cn_prev;
	conf_unlink(n);
	conf_link_after(p, after ? ref : ref->cn_prev, n);
	return 0;
}

int
conf_rekey(struct conf_node *n, const char *id)
{
	const struct sch_node *s = n->cn_schema;
	struct conf_node *p = n->cn_parent;
	char **field;

	if (id == NULL || !conf_has_id(s))
		return -1;
	field = s->sn_kind == SCH_LIST ? &n->cn_key : &n->cn_value;
	if (conf_streq(*field, id))
		return 0;
	if (p != NULL && conf_find(p, s, id) != NULL)
		return -1;
	if (p != NULL && p->cn_index != NULL)
		conf_index_del(p->cn_index, n);
	conf_text_set(n, field, id);
	if (p != NULL && p->cn_index != NULL)
		conf_index_add(p->cn_index, n);
	return 0;
}

char *
conf_path_string(const struct conf_node *n)
{
	const struct conf_node *chain[256];
	size_t depth = 0;
	struct buf b = BUF_INIT;

	for (; n != NULL && n->cn_schema->sn_kind != SCH_ROOT; n = n->cn_parent)
		if (depth < sizeof(chain) / sizeof(chain[0]))
			chain[depth++] = n;
	while (depth > 0) {
		const struct conf_node *c = chain[--depth];
		const char *id = c->cn_schema->sn_kind == SCH_LIST ? c->cn_key : c->cn_value;
		/* A keyword-less leaf is written by its value alone. */
		bool keyword = id == NULL || !(c->cn_schema->sn_flags & SCH_F_NOKEYWORD);

		if (keyword) {
			if (b.b_len)
				buf_putc(&b, ' ');
			buf_puts(&b, c->cn_schema->sn_name);
		}
		if (id != NULL) {
			char *q = cmd_quote(id);
			if (b.b_len)
				buf_putc(&b, ' ');
			buf_puts(&b, q);
			free(q);
		}
	}
	return buf_steal(&b);
}

bool
conf_equal(const struct conf_node *a, const struct conf_node *b, bool with_meta)
{
	const struct conf_node *x, *y;

	if (a->cn_schema != b->cn_schema || !conf_streq(a->cn_key, b->cn_key) ||
	    !conf_streq(a->cn_value, b->cn_value) || a->cn_nchildren != b->cn_nchildren)
		return false;
	if (with_meta && ((a->cn_flags & CONF_F_INACTIVE) != (b->cn_flags & CONF_F_INACTIVE) ||
	    !conf_streq(a->cn_annotation, b->cn_annotation)))
		return false;
	for (x = a->cn_first, y = b->cn_first; x != NULL && y != NULL;
	    x = x->cn_next, y = y->cn_next)
		if (!conf_equal(x, y, with_meta))
			return false;
	return x == NULL && y == NULL;
}

static void
conf_merge_meta(struct conf_node *d, const struct conf_node *c)
{
	if (c->cn_flags & CONF_F_INACTIVE)
		conf_set_flags(d, d->cn_flags | CONF_F_INACTIVE);
	if (c->cn_annotation != NULL)
		conf_set_annotation(d, c->cn_annotation);
}

void
conf_merge(struct conf_node *dst, const struct conf_node *src)
{
	const struct conf_node *c;

	CONF_FOREACH_CHILD(c, src) {
		const struct sch_node *s = c->cn_schema;
		struct conf_node *d;

		conf_clear_choice(dst, s);
		switch (s->sn_kind) {
		case SCH_LEAF:
			d = conf_set_leaf(dst, s, c->cn_value);
			/* src's leaf wins, flags included */
			conf_set_flags(d, (d->cn_flags & ~CONF_F_INACTIVE) |
			    (c->cn_flags & CONF_F_INACTIVE));
			if (c->cn_annotation != NULL)
				conf_merge_meta(d, c);
			break;
		case SCH_LEAFLIST:
			d = conf_get(dst, s, c->cn_value);
			conf_merge_meta(d, c);
			break;
		default:
			d = conf_find(dst, s, conf_id(c));
			if (d == NULL) {
				conf_attach(dst, conf_dup(c));
				break;
			}
			conf_merge_meta(d, c);
			conf_merge(d, c);
			break;
		}
	}
}

bool
conf_is_empty(const struct conf_node *root)
{
	return root->cn_first == NULL;
}

size_t
conf_count(const struct conf_node *n)
{
	size_t count = 1;
	const struct conf_node *c;

	CONF_FOREACH_CHILD(c, n)
		count += conf_count(c);
	return count;
}

size_t
conf_index_capacity(const struct conf_node *n)
{
	return n->cn_index ? n->cn_index->ci_cap : 0;
}
