/*
 * validate_util.h: helpers shared by test_must.c and test_validate.c. Trees are built
 * with a deliberately small `set` of their own (full statement names, no
 * abbreviations, "..." quoting) so that these tests depend only on conf.c and
 * schema.c, not on the cli's command parser.
 */
#ifndef ROUTEMU_VALIDATE_UTIL_H
#define ROUTEMU_VALIDATE_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "must.h"
#include "schema.h"
#include "validate.h"

#ifndef VALIDATE_DATA
#define VALIDATE_DATA "tests/unit/data/validate"
#endif

static __attribute__((unused)) struct schema *
vu_schema(void)
{
	static char dir[1024];
	char err[1024];
	const char *data = getenv("ROUTEMU_TESTDATA");	/* set by make check */
	const char *top = getenv("srcdir");
	struct schema *s;

	if (data != NULL)
		snprintf(dir, sizeof(dir), "%s/validate/schema", data);
	else
		snprintf(dir, sizeof(dir), "%s/%s/schema", top ? top : ".", VALIDATE_DATA);
	if ((s = schema_load_dir(dir, err, sizeof(err))) == NULL) {
		fprintf(stderr, "schema %s: %s\n", dir, err);
		exit(1);
	}
	if (validate_compile_schema(s, err, sizeof(err)) == -1) {
		fprintf(stderr, "compile: %s\n", err);
		exit(1);
	}
	return s;
}

static __attribute__((unused)) void
vu_schema_free(struct schema *s)
{
	validate_release_schema(s);
	schema_free(s);
}

/* Split a line into words; "..." groups (no escapes needed by the tests). */
static __attribute__((unused)) size_t
vu_split(const char *line, char words[][256], size_t max)
{
	size_t n = 0;
	const char *p = line;

	while (*p != '\0' && n < max) {
		size_t len = 0;

		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (*p == '"') {
			p++;
			while (*p != '\0' && *p != '"' && len < 255)
				words[n][len++] = *p++;
			if (*p == '"')
				p++;
		} else
			while (*p != '\0' && *p != ' ' && len < 255)
				words[n][len++] = *p++;
		words[n++][len] = '\0';
	}
	return n;
}

/* A word that is no statement name may be the key of a keyword-less list. */
static __attribute__((unused)) const struct sch_node *
vu_child(const struct sch_node *n, const char *word, int *is_key)
{
	const struct sch_node *s = sch_child(n, word);

	*is_key = 0;
	if (s != NULL)
		return s;
	for (size_t i = 0; i < n->sn_nchildren; i++)
		if (n->sn_children[i]->sn_kind == SCH_LIST &&
		    (n->sn_children[i]->sn_flags & SCH_F_NOKEYWORD)) {
			*is_key = 1;
			return n->sn_children[i];
		}
	return NULL;
}

/*
 * "set A B C" (the "set" is optional). Returns the deepest node set, NULL when the
 * words do not fit the schema.
 */
static __attribute__((unused)) struct conf_node *
vu_set(struct conf_node *root, const char *line)
{
	char w[32][256];
	size_t n = vu_split(line, w, 32), i = 0;
	struct conf_node *at = root;

	if (n > 0 && strcmp(w[0], "set") == 0)
		i++;
	while (i < n) {
		int is_key;
		const struct sch_node *s = vu_child(at->cn_schema, w[i], &is_key);

		if (s == NULL || (s->sn_flags & SCH_F_KEY))
			return NULL;
		if (!is_key)
			i++;
		switch (s->sn_kind) {
		case SCH_CONTAINER:
			at = conf_get(at, s, NULL);
			break;
		case SCH_LIST:
		case SCH_LEAFLIST:
			if (i == n)
				return NULL;
			at = conf_get(at, s, w[i++]);
			if (s->sn_kind == SCH_LEAFLIST && i != n)
				return NULL;
			break;
		case SCH_LEAF:
			if (s->sn_type.st_base == ST_EMPTY) {
				if (i != n)
					return NULL;
				conf_clear_choice(at, s);
				at = conf_set_leaf(at, s, NULL);
			} else {
				if (i + 1 != n)
					return NULL;
				conf_clear_choice(at, s);
				at = conf_set_leaf(at, s, w[i++]);
			}
			break;
		default:
			return NULL;
		}
		if (at == NULL)
			return NULL;
	}
	return at;
}

/* A tree from set lines separated by newlines; exits on a line that does not fit. */
static __attribute__((unused)) struct conf_node *
vu_tree(const struct schema *s, const char *text)
{
	struct conf_node *root = conf_new(s);
	char line[1024];
	const char *p = text;

	while (*p != '\0') {
		size_t len = strcspn(p, "\n");

		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = '\0';
		p += len;
		if (*p == '\n')
			p++;
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (vu_set(root, line) == NULL) {
			fprintf(stderr, "test config line does not fit the schema: %s\n", line);
			exit(1);
		}
	}
	return root;
}

/* The node a path of words leads to, or NULL. */
static __attribute__((unused)) struct conf_node *
vu_find(struct conf_node *root, const char *path)
{
	char w[32][256];
	size_t n = vu_split(path, w, 32), i = 0;
	struct conf_node *at = root;

	while (at != NULL && i < n) {
		int is_key;
		const struct sch_node *s = vu_child(at->cn_schema, w[i], &is_key);

		if (s == NULL)
			return NULL;
		if (!is_key)
			i++;
		if (s->sn_kind == SCH_LIST || s->sn_kind == SCH_LEAFLIST)
			at = i < n ? conf_find(at, s, w[i++]) : NULL;
		else {
			at = conf_find(at, s, NULL);
			if (s->sn_kind == SCH_LEAF && i < n)
				i++;	/* the value: informational */
		}
	}
	return at;
}

/* conf_validate's text (malloc'd) and its count. */
static __attribute__((unused)) char *
vu_validate(const struct conf_node *root, int *count)
{
	struct buf b = BUF_INIT;
	int n = conf_validate(root, &b);

	if (count != NULL)
		*count = n;
	buf_puts(&b, "");
	return buf_steal(&b);
}

#endif
