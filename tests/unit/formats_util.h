/*
 * formats_util.h: helpers shared by the tests of the conf*.c formatters
 * (test_conftext.c, test_confset.c, test_confxml.c, test_confjson.c, test_confdiff.c,
 * test_confload.c, test_groups.c). Trees are built from `set` lines with setcmd.c, the
 * same path a user's `load set` takes; the schema is tests/unit/data/formats/schema.
 */
#ifndef ROUTEMU_FORMATS_UTIL_H
#define ROUTEMU_FORMATS_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "schema.h"
#include "setcmd.h"

#ifndef FORMATS_DATA
#define FORMATS_DATA "tests/unit/data/formats"
#endif

static struct schema *fu_s;

static __attribute__((unused)) const char *
fu_data(const char *file)
{
	static char path[1024];
	const char *top = getenv("srcdir");

	snprintf(path, sizeof(path), "%s/%s/%s", top ? top : ".", FORMATS_DATA, file);
	return path;
}

static __attribute__((unused)) struct schema *
fu_schema(void)
{
	char err[1024];

	if (fu_s != NULL)
		return fu_s;
	if ((fu_s = schema_load_dir(fu_data("schema"), err, sizeof(err))) == NULL) {
		fprintf(stderr, "schema %s: %s\n", fu_data("schema"), err);
		exit(1);
	}
	return fu_s;
}

static __attribute__((unused)) void
fu_done(void)
{
	schema_free(fu_s);
	fu_s = NULL;
}

/* A tree from set lines; a line that does not apply is a broken test. */
static __attribute__((unused)) struct conf_node *
fu_tree(const char *lines)
{
	struct conf_node *r = conf_new(fu_schema());
	struct cmd_error ce;
	size_t line = 0;

	if (lines != NULL && cmd_apply_text(r, NULL, lines, &line, &ce) != 0) {
		fprintf(stderr, "fu_tree: line %zu: %s (%s)\n", line, ce.ce_msg, ce.ce_word);
		exit(1);
	}
	return r;
}

static __attribute__((unused)) char *
fu_text(const struct conf_node *n, unsigned opts)
{
	struct buf b = BUF_INIT;

	conf_print_text(&b, n, 0, opts);
	return buf_steal(&b);
}

static __attribute__((unused)) char *
fu_set(const struct conf_node *n)
{
	struct buf b = BUF_INIT;

	conf_print_set(&b, n, false, 0);
	return buf_steal(&b);
}

/* The node at a path of set words ("interfaces ge-0/0/0 unit 0"), or NULL. */
static __attribute__((unused)) struct conf_node *
fu_node(struct conf_node *root, const char *path)
{
	struct cmd_words w;
	struct cmd_resolution res;
	struct cmd_error ce;
	char err[256];
	struct conf_node *n = root;

	if (cmd_split(path, &w, err, sizeof(err)) != 0)
		return NULL;
	if (cmd_resolve(root->cn_schema, w.cw_v, w.cw_n, false, &res, &ce) != 0) {
		cmd_words_free(&w);
		return NULL;
	}
	for (size_t i = 0; i < res.cr_nsteps && n != NULL; i++)
		n = conf_find(n, res.cr_steps[i].cs_schema, res.cr_steps[i].cs_id);
	/* a path ending at a leaf's name: the leaf */
	if (n != NULL && res.cr_expect == CX_VALUE && res.cr_pending != NULL &&
	    res.cr_pending->sn_kind == SCH_LEAF)
		n = conf_find(n, res.cr_pending, NULL);
	cmd_resolution_free(&res);
	cmd_words_free(&w);
	return n;
}

static __attribute__((unused)) char *
fu_readfile(const char *path)
{
	FILE *f = fopen(path, "r");
	struct buf b = BUF_INIT;
	char chunk[4096];
	size_t n;

	if (f == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		exit(1);
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return buf_steal(&b);
}

static __attribute__((unused)) double
fu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The sample configuration most tests share (GM1's shapes, plus a few more). */
#define FU_SAMPLE \
	"set system host-name gm1\n" \
	"set interfaces ms-4/0/0 unit 1 family inet\n" \
	"set interfaces ge-0/1/9 vlan-tagging\n" \
	"set interfaces ge-0/1/9 unit 1 vlan-id 11\n" \
	"set interfaces ge-0/1/9 unit 1 family inet address 198.51.100.0/24\n" \
	"set interfaces xe-0/3/1 vlan-tagging\n" \
	"set interfaces xe-0/3/1 unit 1 vlan-id 1\n" \
	"set interfaces xe-0/3/1 unit 1 family inet service input service-set gvpn-service-set\n" \
	"set interfaces xe-0/3/1 unit 1 family inet service output service-set gvpn-service-set\n" \
	"set interfaces xe-0/3/1 unit 1 family inet address 10.0.1.2/24\n" \
	"set routing-options static route 192.0.2.0/24 next-hop 198.51.100.2\n" \
	"set routing-options static route 203.0.113.0/24 next-hop 10.0.1.1\n" \
	"set security group-vpn member ike traceoptions file gkmd size 10m files 3\n" \
	"set security group-vpn member ike traceoptions flag all\n" \
	"set security group-vpn member ike proposal prop1 authentication-method pre-shared-keys\n" \
	"set security group-vpn member ike policy pol1 mode main\n" \
	"set security group-vpn member ike policy pol1 proposals prop1\n" \
	"set security group-vpn member ike gateway gw1 ike-policy pol1\n" \
	"set security group-vpn member ike gateway gw1 server-address 192.0.2.1\n" \
	"set security group-vpn member ike gateway gw1 local-address 10.0.1.2\n" \
	"set security group-vpn member ipsec vpn v1 ike-gateway gw1\n" \
	"set security group-vpn member ipsec vpn v1 group-id 1\n"

#endif
