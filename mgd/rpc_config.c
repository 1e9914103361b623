/*
 * rpc_config: reading and loading configuration. get-configuration (committed or
 * candidate, text/set/xml/json, subtree filters, inheritance, compare with a
 * rollback), load-configuration (merge/override/replace/update/set, text/set/xml/
 * json input, rollback N, url), get-rollback-information, get-commit-information.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include "atomicfile.h"
#include "clock.h"
#include "instance.h"
#include "log.h"
#include "mgd.h"
#include "setcmd.h"

/* "2026-11-28 09:31:33 UTC": Junos's timestamp; routemu keeps every instance in UTC. */
void
config_format_time(time_t t, char *out, size_t outlen)
{
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	strftime(out, outlen, "%Y-%m-%d %H:%M:%S UTC", &tm);
}

/* `## Last commit: 2026-11-28 09:31:33 UTC by root` and `version ...;` */
void
config_header(struct buf *b, const struct commit_info *ci)
{
	char when[64];

	if (ci != NULL && ci->ci_present) {
		config_format_time(ci->ci_seconds, when, sizeof(when));
		buf_printf(b, "## Last commit: %s by %s\n", when, ci->ci_user);
	}
	buf_printf(b, "version %s;\n", mgd_version());
}

/* junos:commit-* attributes of <configuration>, or junos:changed-* for a candidate. */
static void
config_xml_attrs(struct buf *b, const struct commit_info *ci, bool candidate, bool json)
{
	char when[64];
	time_t t;

	if (candidate) {
		t = mgd->m_cand_changed;
		config_format_time(t, when, sizeof(when));
		if (json)
			buf_printf(b, "\"junos:changed-seconds\" : \"%lld\", "
			    "\"junos:changed-localtime\" : \"%s\"", (long long)t, when);
		else
			buf_printf(b, "junos:changed-seconds=\"%lld\" "
			    "junos:changed-localtime=\"%s\"", (long long)t, when);
		return;
	}
	if (ci == NULL || !ci->ci_present)
		return;
	config_format_time(ci->ci_seconds, when, sizeof(when));
	if (json) {
		buf_printf(b, "\"junos:commit-seconds\" : \"%lld\", "
		    "\"junos:commit-localtime\" : \"%s\", \"junos:commit-user\" : \"",
		    (long long)ci->ci_seconds, when);
		for (const char *p = ci->ci_user; *p; p++)
			if (*p != '"' && *p != '\\')
				buf_putc(b, *p);
		buf_puts(b, "\"");
	} else {
		buf_printf(b, "junos:commit-seconds=\"%lld\" junos:commit-localtime=\"%s\" "
		    "junos:commit-user=\"", (long long)ci->ci_seconds, when);
		xml_escape(b, ci->ci_user);
		buf_puts(b, "\"");
	}
}

/*
 * Print `at` (a node of tree, the root for everything) in one of the four forms.
 * Text is the level's content, as `show` prints it; set/xml/json carry the full
 * paths. No XML escaping here: the caller wraps.
 */
void
config_print(struct buf *b, const struct conf_node *at, const char *format,
    const struct commit_info *ci, bool candidate)
{
	unsigned opts = 0;
	struct buf attrs = BUF_INIT;

	if (strcmp(format, "set") == 0)
		conf_print_set(b, at, false, opts);
	else if (strcmp(format, "xml") == 0) {
		config_xml_attrs(&attrs, ci, candidate, false);
		conf_print_xml(b, at, attrs.b_len ? buf_str(&attrs) : NULL, opts);
	} else if (strcmp(format, "json") == 0) {
		config_xml_attrs(&attrs, ci, candidate, true);
		conf_print_json(b, at, attrs.b_len ? buf_str(&attrs) : NULL, opts);
	} else
		conf_print_text(b, at, 0, opts);
	buf_free(&attrs);
}

/* ---- errors ---- */

static char *
config_trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		s[--n] = '\0';
	return s;
}

/*
 * Turn the Junos error text of the validator, the parsers or the merge
 * (blocks of "[edit path]" / "  'statement'" / "    message") into <rpc-error>s
 * carrying error-path, bad-element and error-message. A block that does not
 * start with "[edit" (a parser's "terminal:4:(18) syntax error: x" block) becomes
 * one error whose message is the block's text. Returns the number of errors.
 */
int
config_errors_to_rpc(struct buf *body, const char *errs)
{
	char *copy = strdup(errs != NULL ? errs : ""), *line, *save = NULL;
	char **lines = NULL;
	size_t nlines = 0, cap = 0, i = 0;
	int count = 0;

	if (copy == NULL)
		return 0;
	for (line = strtok_r(copy, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		if (nlines == cap) {
			cap = cap ? cap * 2 : 16;
			char **nl = realloc(lines, cap * sizeof(*lines));
			if (nl == NULL)
				break;
			lines = nl;
		}
		lines[nlines++] = line;
	}
	while (i < nlines) {
		struct buf msg = BUF_INIT;
		char *first = lines[i], *t = config_trim(first);
		char *path = NULL, *bad = NULL;
		size_t j = i + 1;

		if (t[0] == '\0') {
			i++;
			continue;
		}
		/* The block: the first line and every following indented line. */
		while (j < nlines && (lines[j][0] == ' ' || lines[j][0] == '\t'))
			j++;
		if (strncmp(t, "[edit", 5) == 0) {
			path = t;
			size_t k = i + 1;
			if (k < j) {
				char *q = config_trim(lines[k]);
				size_t ql = strlen(q);
				if (ql >= 2 && q[0] == '\'' && q[ql - 1] == '\'') {
					q[ql - 1] = '\0';
					bad = q + 1;
					k++;
				}
			}
			for (; k < j; k++) {
				if (msg.b_len)
					buf_putc(&msg, '\n');
				buf_puts(&msg, config_trim(lines[k]));
			}
		} else {
			if (strncmp(t, "error: ", 7) == 0)
				t += 7;
			buf_puts(&msg, t);
			for (size_t k = i + 1; k < j; k++) {
				buf_putc(&msg, '\n');
				buf_puts(&msg, lines[k]);
			}
		}
		nc_error(body, "error", path, bad, buf_str(&msg));
		buf_free(&msg);
		count++;
		i = j;
	}
	free(lines);
	free(copy);
	return count;
}

int
config_apply_errors(struct rpc_req *r, const char *errs, const char *fallback)
{
	int n = config_errors_to_rpc(&r->r_body, errs);

	if (n == 0 && fallback != NULL) {
		rpc_error(r, "error", NULL, NULL, fallback);
		n = 1;
	}
	return n;
}

/* ---- subtree selection ---- */

static void
config_copy_meta(struct conf_node *dst, const struct conf_node *src)
{
	dst->cn_flags = src->cn_flags & CONF_F_INACTIVE;
	free(dst->cn_annotation);
	dst->cn_annotation = src->cn_annotation ? strdup(src->cn_annotation) : NULL;
}

static void
config_copy_children(struct conf_node *dst, const struct conf_node *src)
{
	const struct conf_node *c;

	CONF_FOREACH_CHILD(c, src)
		conf_attach(dst, conf_dup(c));
}

static bool
config_has_elements(xmlNodePtr f, const char *except)
{
	for (xmlNodePtr c = nc_xml_first(f); c != NULL; c = nc_xml_next(c))
		if (except == NULL || !nc_xml_is(c, except))
			return true;
	return false;
}

static void	 config_filter_walk(const struct conf_node *, xmlNodePtr, struct conf_node *);

/*
 * Entries of list s under src selected by the filter element ef (an entry element:
 * its key child picks one entry, its other children filter inside), into dst.
 */
static void
config_filter_list(const struct conf_node *src, const struct sch_node *s, xmlNodePtr ef,
    struct conf_node *dst)
{
	const struct conf_node *c;
	char *want = NULL;

	if (s->sn_key != NULL) {
		xmlNodePtr kn = nc_xml_child(ef, s->sn_key->sn_name);

		if (kn != NULL)
			want = nc_xml_text(kn);
	}
	for (c = conf_first_of(src, s); c != NULL; c = conf_next_of(c)) {
		struct conf_node *dc;

		if (want != NULL && strcmp(conf_id(c), want) != 0)
			continue;
		dc = conf_get(dst, s, c->cn_key);
		config_copy_meta(dc, c);
		config_filter_walk(c, ef, dc);
	}
	free(want);
}

/* src and dst are the same statement; f the filter element that selected it. */
static void
config_filter_walk(const struct conf_node *src, xmlNodePtr f, struct conf_node *dst)
{
	const char *key = src->cn_schema->sn_kind == SCH_LIST && src->cn_schema->sn_key ?
	    src->cn_schema->sn_key->sn_name : NULL;

	if (!config_has_elements(f, key)) {
		config_copy_children(dst, src);
		return;
	}
	for (xmlNodePtr fc = nc_xml_first(f); fc != NULL; fc = nc_xml_next(fc)) {
		const struct sch_node *s;
		const struct conf_node *c;
		const char *entry;

		if (key != NULL && nc_xml_is(fc, key))
			continue;
		if ((s = sch_child(src->cn_schema, (const char *)fc->name)) == NULL)
			continue;
		if (s->sn_kind == SCH_LIST && (entry = conffmt_xml_entry(s)) != NULL) {
			/* <interfaces><interface><name>ge-0/0/0</name>...: Junos's wrapper. */
			bool any = false;

			for (xmlNodePtr ef = nc_xml_first(fc); ef != NULL; ef = nc_xml_next(ef))
				if (nc_xml_is(ef, entry)) {
					any = true;
					config_filter_list(src, s, ef, dst);
				}
			if (!any)
				config_filter_list(src, s, fc, dst);
			continue;
		}
		if (s->sn_kind == SCH_LIST) {
			config_filter_list(src, s, fc, dst);
			continue;
		}
		for (c = conf_first_of(src, s); c != NULL; c = conf_next_of(c)) {
			struct conf_node *dc;

			if (sch_is_leafy(s)) {
				conf_attach(dst, conf_dup(c));
				continue;
			}
			dc = conf_get(dst, s, NULL);
			config_copy_meta(dc, c);
			config_filter_walk(c, fc, dc);
		}
	}
}

/*
 * A copy of root holding only what the <configuration> filter element selects:
 * nested elements name statements, a list element with its key child selects one
 * entry, an element without children selects the whole statement.
 */
struct conf_node *
config_filter(const struct conf_node *root, xmlNodePtr filter)
{
	struct conf_node *out = conf_new(conf_schema(root));

	if (out != NULL)
		config_filter_walk(root, filter, out);
	return out;
}

static void
config_subtree_walk(const struct conf_node *src, struct conf_node *dst, char **words,
    size_t nwords, size_t i)
{
	const struct sch_node *s;
	const struct conf_node *c;

	if (i == nwords) {
		config_copy_children(dst, src);
		return;
	}
	if ((s = sch_child(src->cn_schema, words[i])) == NULL)
		return;
	for (c = conf_first_of(src, s); c != NULL; c = conf_next_of(c)) {
		struct conf_node *dc;

		if (sch_is_leafy(s)) {
			conf_attach(dst, conf_dup(c));
			continue;
		}
		dc = conf_get(dst, s, s->sn_kind == SCH_LIST ? c->cn_key : NULL);
		config_copy_meta(dc, c);
		config_subtree_walk(c, dc, words, nwords, i + 1);
	}
}

/*
 * A copy of root holding the subtrees named by paths of statement names
 * ("security group-vpn"); a list on the way contributes all its entries.
 */
struct conf_node *
config_subtrees(const struct conf_node *root, char **paths, size_t npaths)
{
	struct conf_node *out = conf_new(conf_schema(root));

	for (size_t p = 0; out != NULL && p < npaths; p++) {
		char *copy = strdup(paths[p]), *w, *save = NULL;
		char *words[32];
		size_t n = 0;

		if (copy == NULL)
			continue;
		for (w = strtok_r(copy, " ", &save); w != NULL && n < 32;
		    w = strtok_r(NULL, " ", &save))
			words[n++] = w;
		config_subtree_walk(root, out, words, n, 0);
		free(copy);
	}
	return out;
}

/* ---- get-configuration ---- */

static char *
config_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetNoNsProp(n, (const xmlChar *)name);
	char *s;

	if (v == NULL)
		return NULL;
	s = strdup((const char *)v);
	xmlFree(v);
	return s;
}

static bool
config_attr_is(xmlNodePtr n, const char *name, const char *value)
{
	char *v = config_attr(n, name);
	bool eq = v != NULL && strcmp(v, value) == 0;

	free(v);
	return eq;
}

/* Rollback n as a tree (0: the committed configuration). NULL with an rpc-error. */
static struct conf_node *
config_rollback_tree(struct rpc_req *r, long n)
{
	struct buf errs = BUF_INIT;
	struct conf_node *t;
	char msg[128];

	if (n < 0 || n >= MGD_NHIST || (n > 0 && !mgd->m_hist[n].ci_present)) {
		/* Inferred wording, after the CLI's range errors. */
		snprintf(msg, sizeof(msg), "rollback %ld does not exist", n);
		rpc_error(r, "error", NULL, NULL, msg);
		return NULL;
	}
	if (n == 0)
		return conf_dup(mgd->m_committed);
	if ((t = history_read_tree((int)n, &errs)) == NULL) {
		snprintf(msg, sizeof(msg), "could not read rollback %ld", n);
		config_apply_errors(r, buf_str(&errs), msg);
	}
	buf_free(&errs);
	return t;
}

static bool
config_parse_long(const char *s, long *out)
{
	char *end;

	if (s == NULL || *s == '\0')
		return false;
	errno = 0;
	*out = strtol(s, &end, 10);
	while (isspace((unsigned char)*end))
		end++;
	return errno == 0 && *end == '\0';
}

enum rpc_status
rpc_get_configuration(struct rpc_req *r)
{
	struct session *s = r->r_session;
	char *database = config_attr(r->r_op, "database");
	char *format = config_attr(r->r_op, "format");
	char *rb = config_attr(r->r_op, "rollback");
	bool inherit = config_attr_is(r->r_op, "inherit", "inherit") ||
	    config_attr_is(r->r_op, "inherit", "defaults");
	bool compare = config_attr_is(r->r_op, "compare", "rollback");
	xmlNodePtr filter = nc_xml_child(r->r_op, "configuration");
	const struct conf_node *src;
	struct conf_node *expanded = NULL, *filtered = NULL, *old = NULL;
	const struct conf_node *show;
	bool committed;
	struct buf out = BUF_INIT, errs = BUF_INIT;

	if (database != NULL && strcmp(database, "committed") == 0)
		committed = true;
	else if (database != NULL && strcmp(database, "candidate") == 0)
		committed = false;
	else	/* a cli outside configuration mode reads the active configuration */
		committed = s->s_mode == SM_NONE && strcmp(s->s_client, "cli") == 0;
	src = committed ? mgd->m_committed : db_target(s);
	if (format == NULL || (strcmp(format, "text") != 0 && strcmp(format, "set") != 0 &&
	    strcmp(format, "json") != 0 && strcmp(format, "ascii") != 0))
		format = (free(format), strdup("xml"));
	else if (strcmp(format, "ascii") == 0)
		format = (free(format), strdup("text"));
	if (format == NULL)
		goto done;

	if (compare) {
		long n = 0;

		if (rb != NULL && !config_parse_long(rb, &n)) {
			rpc_error(r, "error", NULL, rb, "syntax error");
			goto done;
		}
		if ((old = config_rollback_tree(r, n)) == NULL)
			goto done;
		if (filter != NULL && nc_xml_first(filter) != NULL) {
			/* `show <path> | compare`: the differences under the filter only */
			struct conf_node *a = config_filter(old, filter);
			struct conf_node *b = config_filter(db_target(s), filter);

			if (a != NULL && b != NULL)
				conf_print_diff(&out, a, b, "");
			conf_free(a);
			conf_free(b);
		} else
			conf_print_diff(&out, old, db_target(s), "");
		buf_puts(&r->r_body, "<configuration-information>\n<configuration-output>");
		/* PyEZ's diff() reads a lone newline as "no difference". */
		xml_escape(&r->r_body, out.b_len ? buf_str(&out) : "\n");
		buf_puts(&r->r_body, "</configuration-output>\n</configuration-information>\n");
		goto done;
	}

	if (inherit) {
		if ((expanded = conf_expand_groups(src, true, &errs)) == NULL) {
			config_apply_errors(r, buf_str(&errs), "configuration inheritance failed");
			goto done;
		}
		src = expanded;
	}
	show = src;
	if (filter != NULL && nc_xml_first(filter) != NULL) {
		if ((filtered = config_filter(src, filter)) == NULL)
			goto done;
		show = filtered;
	}
	if (strcmp(format, "xml") == 0) {
		config_print(&r->r_body, show, "xml", &mgd->m_hist[0], !committed);
		goto done;
	}
	if (strcmp(format, "text") == 0 && committed && show == src && !inherit)
		config_header(&out, &mgd->m_hist[0]);
	config_print(&out, show, format, &mgd->m_hist[0], !committed);
	buf_printf(&r->r_body, "<configuration-%s>", format);
	xml_escape(&r->r_body, buf_str(&out));
	buf_printf(&r->r_body, "</configuration-%s>\n", format);
done:
	conf_free(expanded);
	conf_free(filtered);
	conf_free(old);
	buf_free(&out);
	buf_free(&errs);
	free(database);
	free(format);
	free(rb);
	return RPC_DONE;
}

/* ---- load-configuration ---- */

/*
 * A set-command error as an rpc-error. error-info carries, besides bad-element,
 * the line (for multi-line loads) and the byte position of the offending word, so
 * that the cli can draw its caret (routemu extension elements).
 */
static void
config_set_error(struct buf *b, const struct cmd_error *e, size_t lineno, bool warning)
{
	buf_puts(b, "<rpc-error>\n<error-type>protocol</error-type>\n"
	    "<error-tag>operation-failed</error-tag>\n");
	buf_printf(b, "<error-severity>%s</error-severity>\n", warning ? "warning" : "error");
	if (e->ce_path[0] != '\0') {
		buf_puts(b, "<error-path>");
		xml_escape(b, e->ce_path);
		buf_puts(b, "</error-path>\n");
	}
	buf_puts(b, "<error-info>\n");
	if (e->ce_word[0] != '\0') {
		buf_puts(b, "<bad-element>");
		xml_escape(b, e->ce_word);
		buf_puts(b, "</bad-element>\n");
	}
	buf_printf(b, "<routemu-line>%zu</routemu-line>\n<routemu-position>%zu"
	    "</routemu-position>\n</error-info>\n", lineno, e->ce_pos);
	buf_puts(b, "<error-message>");
	xml_escape(b, e->ce_msg);
	buf_puts(b, "</error-message>\n</rpc-error>\n");
}

static bool
config_line_is_blank(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
		p++;
	return p == end || *p == '#';
}

/*
 * Set-format lines on *treep, all or nothing: the lines change the tree in place
 * under an undo log (conf.h), which puts it back as it was when a line fails, so
 * that a few lines loaded into a large candidate cost what they change, not a
 * copy of the candidate.
 */
static int
config_load_set(struct conf_node **treep, const char *level, const char *text,
    struct buf *body, int *nerr, int *nwarn)
{
	struct buf line = BUF_INIT;
	size_t lineno = 0;
	const char *p, *end, *nl;
	struct cmd_error e;
	int rv = 0;

	conf_undo_begin(*treep);
	for (p = text; *p != '\0'; p = *nl ? nl + 1 : nl) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		lineno++;
		if (config_line_is_blank(p, nl))
			continue;
		end = nl;
		if (end > p && end[-1] == '\r')
			end--;
		buf_reset(&line);
		buf_append(&line, p, (size_t)(end - p));
		if (cmd_apply_line(*treep, level, buf_str(&line), &e) == -1) {
			config_set_error(body, &e, lineno, false);
			(*nerr)++;
			rv = -1;
			break;
		}
		if (e.ce_kind == CE_NOTFOUND) {
			config_set_error(body, &e, lineno, true);
			(*nwarn)++;
		}
	}
	conf_undo_end(rv == 0);
	buf_free(&line);
	return rv;
}

/* The node of tree that `level` (statement words) names, created as needed. */
static struct conf_node *
config_level_node(struct conf_node *tree, const char *level, struct buf *body, int *nerr)
{
	struct cmd_words w;
	struct cmd_resolution res;
	struct cmd_error e;
	struct conf_node *at = tree;
	char err[256];

	if (level == NULL || level[0] == '\0')
		return tree;
	memset(&w, 0, sizeof(w));
	memset(&res, 0, sizeof(res));
	memset(&e, 0, sizeof(e));
	if (cmd_split(level, &w, err, sizeof(err)) == -1) {
		nc_error(body, "error", NULL, NULL, err);
		(*nerr)++;
		return NULL;
	}
	if (cmd_resolve(tree->cn_schema, w.cw_v, w.cw_n, false, &res, &e) == -1 ||
	    res.cr_expect != CX_STATEMENT) {
		nc_error(body, "error", e.ce_path[0] ? e.ce_path : NULL,
		    e.ce_word[0] ? e.ce_word : NULL, e.ce_msg[0] ? e.ce_msg : "syntax error");
		(*nerr)++;
		at = NULL;
	} else {
		for (size_t i = 0; i < res.cr_nsteps && at != NULL; i++)
			at = conf_get(at, res.cr_steps[i].cs_schema, res.cr_steps[i].cs_id);
	}
	cmd_resolution_free(&res);
	cmd_words_free(&w);
	return at;
}

static int
config_load_action(const char *action, enum conf_load_action *out)
{
	if (action == NULL || strcmp(action, "merge") == 0)
		*out = CL_MERGE;
	else if (strcmp(action, "override") == 0)
		*out = CL_OVERRIDE;
	else if (strcmp(action, "replace") == 0)
		*out = CL_REPLACE;
	else if (strcmp(action, "update") == 0)
		*out = CL_UPDATE;
	else
		return -1;
	return 0;
}

/*
 * Apply one load operation to *treep: action merge|override|replace|update|set,
 * format text|xml|json (ignored for set), optional edit level. The input is either
 * payload (text) or, for xml from an RPC, the parsed <configuration> element.
 * Errors are appended to body as rpc-errors and counted in *nerr; warnings
 * (`statement not found`) in *nwarn. All or nothing: 0, or -1 with *treep as it was.
 * The journal replays exactly this function.
 */
int
config_load_apply(struct conf_node **treep, const char *action, const char *format,
    const char *level, const char *payload, xmlNodePtr xml, struct buf *body,
    int *nerr, int *nwarn)
{
	enum conf_load_action act;
	struct conf_node *in = NULL, *at;
	struct buf errs = BUF_INIT;
	xmlDocPtr doc = NULL;
	int n, rv = -1;

	if (action != NULL && strcmp(action, "set") == 0)
		return config_load_set(treep, level, payload != NULL ? payload : "", body,
		    nerr, nwarn);
	if (config_load_action(action, &act) == -1) {
		nc_error(body, "error", NULL, action, "syntax error");
		(*nerr)++;
		return -1;
	}
	if ((in = conf_new(conf_schema(*treep))) == NULL)
		return -1;
	if ((at = config_level_node(in, level, body, nerr)) == NULL)
		goto done;
	if (format != NULL && strcmp(format, "xml") == 0) {
		if (xml == NULL) {
			doc = payload != NULL ? nc_parse(payload, strlen(payload)) : NULL;
			xml = doc != NULL ? xmlDocGetRootElement(doc) : NULL;
		}
		if (xml == NULL) {
			nc_error(body, "error", NULL, NULL, "syntax error, expecting <configuration>");
			(*nerr)++;
			goto done;
		}
		n = conf_parse_xml(at, xml, &errs);
	} else if (format != NULL && strcmp(format, "json") == 0)
		n = conf_parse_json(at, payload != NULL ? payload : "", &errs);
	else
		n = conf_parse_text(at, payload != NULL ? payload : "", "terminal", &errs);
	if (n > 0) {
		int k = config_errors_to_rpc(body, buf_str(&errs));

		if (k == 0) {
			nc_error(body, "error", NULL, NULL, "syntax error");
			k = 1;
		}
		*nerr += k;
		goto done;
	}
	conf_load(*treep, in, act);
	in = NULL;
	rv = 0;
done:
	conf_free(in);
	if (doc != NULL)
		xmlFreeDoc(doc);
	buf_free(&errs);
	return rv;
}

/* The format of a file given by url=: what its content looks like. */
static const char *
config_guess_format(const char *text)
{
	const char *p = text;

	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	if (*p == '<')
		return "xml";
	if (*p == '{')
		return "json";
	if (strncmp(p, "set ", 4) == 0 || strncmp(p, "delete ", 7) == 0 ||
	    strncmp(p, "deactivate ", 11) == 0 || strncmp(p, "activate ", 9) == 0 ||
	    strncmp(p, "insert ", 7) == 0 || strncmp(p, "rename ", 7) == 0 ||
	    strncmp(p, "annotate ", 9) == 0 || strncmp(p, "copy ", 5) == 0)
		return "set";
	return "text";
}

/*
 * The <configuration> element as a standalone document (for the journal):
 * copied into its own document so that namespace declarations made on <rpc>
 * travel with it.
 */
static char *
config_serialize(xmlNodePtr n)
{
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr copy;
	xmlChar *mem = NULL;
	int len = 0;
	char *s = NULL;

	if (doc == NULL)
		return NULL;
	if ((copy = xmlDocCopyNode(n, doc, 1)) != NULL) {
		xmlDocSetRootElement(doc, copy);
		xmlReconciliateNs(doc, copy);
		xmlDocDumpMemory(doc, &mem, &len);
		if (mem != NULL)
			s = strndup((const char *)mem, (size_t)len);
		xmlFree(mem);
	}
	xmlFreeDoc(doc);
	return s;
}

/*
 * The text of a <configuration-set>, -text or -json element: megabytes for a big
 * load. The request's own text node when the element holds just one (the
 * document outlives the load), else a copy left in *owned.
 */
static const char *
config_payload(xmlNodePtr n, char **owned)
{
	xmlNodePtr t = n->children;

	if (t != NULL && t->next == NULL && t->type == XML_TEXT_NODE && t->content != NULL)
		return (const char *)t->content;
	*owned = nc_xml_text(n);
	return *owned;
}

enum rpc_status
rpc_load_configuration(struct rpc_req *r)
{
	struct session *s = r->r_session;
	bool shared = db_target(s) == mgd->m_candidate;
	char *action = config_attr(r->r_op, "action");
	char *format = config_attr(r->r_op, "format");
	char *level = config_attr(r->r_op, "level");
	char *url = config_attr(r->r_op, "url");
	char *rb = config_attr(r->r_op, "rollback");
	char *payload = NULL;		/* owned: freed at the end */
	const char *ptext = NULL;	/* what is loaded: payload or the request's text */
	xmlNodePtr child, xml = NULL;
	struct conf_node **treep;
	struct conf_node *rbtree = NULL;
	int nerr = 0, nwarn = 0;

	buf_puts(&r->r_body, "<load-configuration-results>\n");
	if (shared && db_locked_by_other(s)) {
		struct buf m = BUF_INIT;

		mode_locked_message(&m, mgd->m_lock);
		rpc_error(r, "error", NULL, NULL, buf_str(&m));
		buf_free(&m);
		nerr++;
		goto done;
	}
	treep = shared ? &mgd->m_candidate : &s->s_private;

	if (rb != NULL) {
		long n;
		struct buf text = BUF_INIT;

		if (!config_parse_long(rb, &n)) {
			rpc_error(r, "error", NULL, rb, "syntax error");
			nerr++;
			goto done;
		}
		if ((rbtree = config_rollback_tree(r, n)) == NULL) {
			nerr++;
			goto done;
		}
		/* Like Junos, rollback N is a full replacement of the candidate. */
		if (shared)
			conf_print_text(&text, rbtree, 0, 0);
		conf_load(*treep, rbtree, CL_OVERRIDE);
		rbtree = NULL;
		if (shared) {
			db_candidate_changed();
			journal_append_load("override", "text", "", buf_str(&text));
		}
		buf_free(&text);
		goto done;
	}
	if (url != NULL) {
		char path[4096];

		if (url[0] == '/')
			snprintf(path, sizeof(path), "%s", url);
		else
			instance_path(path, sizeof(path), mgd->m_dir, url);
		if ((ptext = payload = file_read_all(path, NULL)) == NULL) {
			char msg[4200];

			/* Inferred wording after Junos's "error: could not open FILE". */
			snprintf(msg, sizeof(msg), "could not open %s: %s", url, strerror(errno));
			rpc_error(r, "error", NULL, NULL, msg);
			nerr++;
			goto done;
		}
		if (format == NULL || (action != NULL && strcmp(action, "set") == 0)) {
			const char *g = config_guess_format(payload);

			if (strcmp(g, "set") == 0 && action == NULL)
				action = strdup("set");
			free(format);
			format = strdup(g);
		}
	} else if ((child = nc_xml_child(r->r_op, "configuration-set")) != NULL) {
		ptext = config_payload(child, &payload);
		free(action);
		action = strdup("set");
	} else if ((child = nc_xml_child(r->r_op, "configuration-text")) != NULL) {
		ptext = config_payload(child, &payload);
		free(format);
		format = strdup("text");
	} else if ((child = nc_xml_child(r->r_op, "configuration-json")) != NULL) {
		ptext = config_payload(child, &payload);
		free(format);
		format = strdup("json");
	} else if ((child = nc_xml_child(r->r_op, "configuration")) != NULL) {
		xml = child;
		free(format);
		format = strdup("xml");
		if (shared)
			ptext = payload = config_serialize(child);
	} else {
		rpc_error(r, "error", NULL, NULL,
		    "syntax error, expecting <configuration>, <configuration-text>, "
		    "<configuration-set> or <configuration-json>");
		nerr++;
		goto done;
	}
	if (format == NULL)
		format = strdup("xml");
	if (config_load_apply(treep, action, format, level, ptext, xml, &r->r_body, &nerr,
	    &nwarn) == -1) {
		if (nerr == 0)
			nerr = 1;
		goto done;
	}
	if (shared) {
		db_candidate_changed();
		journal_append_load(action != NULL ? action : "merge", format,
		    level != NULL ? level : "", ptext != NULL ? ptext : "");
	}
done:
	if (nerr > 0)
		buf_printf(&r->r_body, "<load-error-count>%d</load-error-count>\n", nerr);
	else
		buf_puts(&r->r_body, "<load-success/>\n");
	buf_puts(&r->r_body, "</load-configuration-results>\n");
	conf_free(rbtree);
	free(action);
	free(format);
	free(level);
	free(url);
	free(rb);
	free(payload);
	return RPC_DONE;
}

/* ---- history ---- */

/*
 * `show system rollback N [compare M]`: the text of rollback N (header included),
 * or with cmp >= 0 what changed from rollback cmp to rollback N. 0, or -1 with an
 * rpc-error in r.
 */
int
config_rollback_text(struct rpc_req *r, long num, long cmp, struct buf *out)
{
	struct conf_node *tree = NULL, *old = NULL;
	int rv = -1;

	if ((tree = config_rollback_tree(r, num)) == NULL)
		goto done;
	if (cmp >= 0) {
		if ((old = config_rollback_tree(r, cmp)) == NULL)
			goto done;
		conf_print_diff(out, old, tree, "");
	} else {
		config_header(out, &mgd->m_hist[num]);
		conf_print_text(out, tree, 0, 0);
	}
	rv = 0;
done:
	conf_free(tree);
	conf_free(old);
	return rv;
}

enum rpc_status
rpc_get_rollback_information(struct rpc_req *r)
{
	xmlNodePtr n;
	char *t;
	long num = 0, cmp = -1;
	struct buf out = BUF_INIT;

	if ((n = nc_xml_child(r->r_op, "rollback")) != NULL) {
		t = nc_xml_text(n);
		if (!config_parse_long(t, &num)) {
			rpc_error(r, "error", NULL, t, "syntax error");
			free(t);
			goto done;
		}
		free(t);
	}
	if ((n = nc_xml_child(r->r_op, "compare")) != NULL) {
		t = nc_xml_text(n);
		if (!config_parse_long(t, &cmp) || cmp < 0) {
			rpc_error(r, "error", NULL, t, "syntax error");
			free(t);
			goto done;
		}
		free(t);
	}
	if (config_rollback_text(r, num, cmp, &out) == -1)
		goto done;
	buf_puts(&r->r_body, "<rollback-information>\n<configuration-information>\n"
	    "<configuration-output>");
	xml_escape(&r->r_body, buf_str(&out));
	buf_puts(&r->r_body, "</configuration-output>\n</configuration-information>\n"
	    "</rollback-information>\n");
done:
	buf_free(&out);
	return RPC_DONE;
}

static void
config_elem(struct buf *b, const char *name, const char *text)
{
	buf_printf(b, "<%s>", name);
	xml_escape(b, text);
	buf_printf(b, "</%s>\n", name);
}

/* <commit-information> as Junos 24.4 shapes it (junos-show-outputs.md 7c). */
enum rpc_status
rpc_get_commit_information(struct rpc_req *r)
{
	struct buf *b = &r->r_body;
	char when[64];

	buf_puts(b, "<commit-information>\n");
	for (int i = 0; i < MGD_NHIST; i++) {
		const struct commit_info *ci = &mgd->m_hist[i];

		if (!ci->ci_present)
			continue;
		config_format_time(ci->ci_seconds, when, sizeof(when));
		buf_printf(b, "<commit-history>\n<sequence-number>%d</sequence-number>\n", i);
		config_elem(b, "user", ci->ci_user);
		config_elem(b, "client", ci->ci_client);
		buf_printf(b, "<date-time junos:seconds=\"%lld\">%s</date-time>\n",
		    (long long)ci->ci_seconds, when);
		if (ci->ci_comment != NULL)
			config_elem(b, "comment", ci->ci_comment);
		if (ci->ci_log != NULL)
			config_elem(b, "log", ci->ci_log);
		if (i == 0 && mgd->m_confirm_pending && mgd->m_confirm_seq == ci->ci_seq) {
			double left = mgd->m_confirm_at - clock_now();

			config_elem(b, "commit-confirmed", "rollback pending");
			/* routemu: emulated seconds left, for the cli's banner */
			buf_printf(b, "<routemu-rollback-in>%.0f</routemu-rollback-in>\n",
			    left > 0 ? left : 0);
		}
		buf_puts(b, "</commit-history>\n");
	}
	buf_puts(b, "</commit-information>\n");
	return RPC_DONE;
}
