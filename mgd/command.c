/*
 * command: the operational commands mgd answers itself through <command>:
 *
 *   show configuration [PATH...] [| display set|xml|json|inheritance]
 *   show system commit
 *   show system rollback N [compare M]
 *
 * and the commands of schema/op served by mgd (show version, show system uptime,
 * show system processes): parsed by opschema, answered by the same builders as the
 * RPCs get-software-information, get-system-uptime-information and
 * get-system-process-information, and rendered as text by the schema's templates.
 *
 * with format="text" as <output>TEXT</output> (what the CLI prints), otherwise as
 * the XML element Junos returns (<configuration>, <commit-information>,
 * <rollback-information>). Keywords take unique prefixes (`sh conf`). The text
 * pipes match/except/find/count/last/no-more are applied here too, so a NETCONF
 * client gets what the CLI would show; the cli may equally apply them itself.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "log.h"
#include "mgd.h"
#include "opschema.h"
#include "render.h"
#include "setcmd.h"
#include "sysinfo.h"

#define COMMAND_MODEL	"mx960"		/* the emulated chassis (issue 3) */
/* A Junos-looking release that still says what runs: the release of the Junos YANG
 * and namespace routemu follows, then the package version. */
#define COMMAND_VERSION	"24.4R1-routemu-" PACKAGE_VERSION

struct pipe {
	char	*p_words[8];
	size_t	 p_n;
};

/* Unique-prefix match of word among names; NULL when absent or ambiguous. */
static const char *
command_kw(const char *word, const char *const *names)
{
	const char *hit = NULL;

	for (size_t i = 0; names[i] != NULL; i++) {
		if (strcmp(word, names[i]) == 0)
			return names[i];
		if (strncmp(word, names[i], strlen(word)) == 0) {
			if (hit != NULL)
				return NULL;
			hit = names[i];
		}
	}
	return hit;
}

static void
command_syntax_error(struct rpc_req *r, const char *word)
{
	char msg[512];

	/* The NETCONF form of the CLI's caret error (junos-cli.md 1.10). */
	snprintf(msg, sizeof(msg), "syntax error, expecting <command>: %s", word);
	rpc_error(r, "error", NULL, word, msg);
}

/* Split "cmd | p1 a | p2" on '|' outside double quotes. Modifies line. */
static size_t
command_split_pipes(char *line, char **parts, size_t max)
{
	size_t n = 0;
	bool quoted = false;
	char *start = line;

	for (char *p = line; *p != '\0'; p++) {
		if (*p == '\\' && quoted && p[1] != '\0') {
			p++;
			continue;
		}
		if (*p == '"')
			quoted = !quoted;
		else if (*p == '|' && !quoted && n + 1 < max) {
			*p = '\0';
			parts[n++] = start;
			start = p + 1;
		}
	}
	parts[n++] = start;
	return n;
}

/* ---- show configuration ---- */

/*
 * A copy of tree holding only what PATH selects (the statement and its ancestors).
 * *at: the node of the copy to print (the statement's level). NULL when PATH does
 * not resolve (error in r) or selects nothing (*at NULL).
 */
static struct conf_node *
command_select(struct rpc_req *r, const struct conf_node *tree, struct cmd_words *w,
    size_t first, struct conf_node **at, const struct sch_node **list)
{
	struct cmd_resolution res;
	struct cmd_error e;
	struct conf_node *copy, *dst;
	const struct conf_node *src = tree, *c;

	*at = NULL;
	*list = NULL;
	memset(&res, 0, sizeof(res));
	memset(&e, 0, sizeof(e));
	if (cmd_resolve(tree->cn_schema, w->cw_v + first, w->cw_n - first, false, &res,
	    &e) == -1) {
		rpc_error(r, "error", e.ce_path[0] ? e.ce_path : NULL,
		    e.ce_word[0] ? e.ce_word : NULL, e.ce_msg[0] ? e.ce_msg : "syntax error");
		cmd_resolution_free(&res);
		return NULL;
	}
	copy = dst = conf_new(conf_schema(tree));
	for (size_t i = 0; i < res.cr_nsteps; i++) {
		const struct sch_node *s = res.cr_steps[i].cs_schema;
		const char *id = res.cr_steps[i].cs_id;

		if (sch_is_leafy(s)) {
			for (c = conf_first_of(src, s); c != NULL; c = conf_next_of(c))
				if (s->sn_kind == SCH_LEAF || id == NULL ||
				    strcmp(conf_id(c), id) == 0)
					conf_attach(dst, conf_dup(c));
			*at = dst;
			goto done;
		}
		if ((c = conf_find(src, s, s->sn_kind == SCH_LIST ? id : NULL)) == NULL)
			goto done;		/* not configured: nothing to show */
		dst = conf_get(dst, s, s->sn_kind == SCH_LIST ? id : NULL);
		dst->cn_flags = c->cn_flags & CONF_F_INACTIVE;
		src = c;
	}
	if (res.cr_pending != NULL && res.cr_expect != CX_STATEMENT) {
		/* A list without its key, or a leaf without its value: all of it. */
		for (c = conf_first_of(src, res.cr_pending); c != NULL; c = conf_next_of(c))
			conf_attach(dst, conf_dup(c));
		if (res.cr_pending->sn_kind == SCH_LIST)
			*list = res.cr_pending;
	} else {
		CONF_FOREACH_CHILD(c, src)
			conf_attach(dst, conf_dup(c));
	}
	*at = dst;
done:
	cmd_resolution_free(&res);
	return copy;
}

static int
command_show_configuration(struct rpc_req *r, struct cmd_words *w, size_t first,
    struct pipe *pipes, size_t npipes, bool text, struct buf *out)
{
	const char *display = NULL;
	const struct conf_node *tree = mgd->m_committed;
	struct conf_node *expanded = NULL, *copy = NULL, *at = NULL;
	const struct sch_node *list = NULL;
	struct buf errs = BUF_INIT;
	static const char *const displays[] = { "set", "xml", "json", "inheritance", NULL };
	static const char *const disp_kw[] = { "display", NULL };
	bool whole = first == w->cw_n;
	int rv = -1;

	for (size_t i = 0; i < npipes; i++) {
		if (pipes[i].p_n >= 2 && command_kw(pipes[i].p_words[0], disp_kw) != NULL) {
			if ((display = command_kw(pipes[i].p_words[1], displays)) == NULL) {
				command_syntax_error(r, pipes[i].p_words[1]);
				goto done;
			}
			pipes[i].p_n = 0;	/* consumed */
		}
	}
	if (display != NULL && strcmp(display, "inheritance") == 0) {
		if ((expanded = conf_expand_groups(tree, true, &errs)) == NULL) {
			config_apply_errors(r, buf_str(&errs), "configuration inheritance failed");
			goto done;
		}
		tree = expanded;
	}
	if ((copy = command_select(r, tree, w, first, &at, &list)) == NULL)
		goto done;
	if (at == NULL) {
		rv = 0;		/* nothing configured there */
		goto done;
	}
	if (display == NULL || strcmp(display, "inheritance") == 0) {
		if (!text) {
			config_print(out, at, "xml", &mgd->m_hist[0], false);
			rv = 0;
			goto done;
		}
		if (whole)
			config_header(out, &mgd->m_hist[0]);
		if (list != NULL)	/* `show configuration interfaces`: the entries */
			conf_print_text_list(out, at, list, 0,
			    display != NULL ? CONF_P_INHERITANCE : 0);
		else
			conf_print_text(out, at, 0, display != NULL ? CONF_P_INHERITANCE : 0);
	} else if (strcmp(display, "set") == 0)
		conf_print_set(out, at, false, 0);
	else if (strcmp(display, "json") == 0)
		config_print(out, at, "json", &mgd->m_hist[0], false);
	else {
		/* `| display xml`: the reply as the CLI prints it (junos-cli.md 1.5). */
		struct buf attrs = BUF_INIT;
		char when[64];
		const struct commit_info *ci = &mgd->m_hist[0];

		if (ci->ci_present) {
			config_format_time(ci->ci_seconds, when, sizeof(when));
			buf_printf(&attrs, "junos:commit-seconds=\"%lld\" "
			    "junos:commit-localtime=\"%s\" junos:commit-user=\"",
			    (long long)ci->ci_seconds, when);
			xml_escape(&attrs, ci->ci_user);
			buf_puts(&attrs, "\"");
		}
		buf_puts(out, "<rpc-reply xmlns:junos=\"" NC_NS_JUNOS "\">\n");
		conf_print_xml_indent(out, at, attrs.b_len ? buf_str(&attrs) : NULL, 0, 4);
		buf_free(&attrs);
		buf_puts(out, "    <cli>\n        <banner></banner>\n    </cli>\n</rpc-reply>\n");
	}
	rv = 0;
done:
	conf_free(expanded);
	conf_free(copy);
	buf_free(&errs);
	return rv;
}

/* ---- show system commit ---- */

/* junos-cli.md 1.7, junos-show-outputs.md 7: index in 4 columns, comments under it. */
static void
command_commit_text(struct buf *out)
{
	char when[64];

	for (int i = 0; i < MGD_NHIST; i++) {
		const struct commit_info *ci = &mgd->m_hist[i];

		if (!ci->ci_present)
			continue;
		config_format_time(ci->ci_seconds, when, sizeof(when));
		buf_printf(out, "%-4d%s by %s via %s", i, when, ci->ci_user, ci->ci_client);
		if (ci->ci_comment != NULL)
			buf_printf(out, " %s", ci->ci_comment);
		buf_putc(out, '\n');
		if (ci->ci_log != NULL) {
			for (const char *p = ci->ci_log; *p != '\0';) {
				const char *nl = strchr(p, '\n');
				size_t len = nl != NULL ? (size_t)(nl - p) : strlen(p);

				buf_puts(out, "    ");
				buf_append(out, p, len);
				buf_putc(out, '\n');
				p += len + (nl != NULL);
			}
		}
		if (i == 0 && mgd->m_confirm_pending && mgd->m_confirm_seq == ci->ci_seq)
			buf_puts(out, "    rollback pending\n");
	}
}

/* ---- text pipes ---- */

static int
command_regex(struct rpc_req *r, const char *pattern, regex_t *re)
{
	char msg[256];

	if (regcomp(re, pattern, REG_EXTENDED | REG_NOSUB) != 0) {
		snprintf(msg, sizeof(msg), "invalid regular expression: %s", pattern);
		rpc_error(r, "error", NULL, pattern, msg);
		return -1;
	}
	return 0;
}

static int
command_apply_pipes(struct rpc_req *r, struct pipe *pipes, size_t npipes, struct buf *text)
{
	static const char *const kws[] = { "match", "except", "find", "count", "last",
	    "no-more", NULL };

	for (size_t i = 0; i < npipes; i++) {
		struct pipe *p = &pipes[i];
		const char *kw;
		struct buf out = BUF_INIT;
		regex_t re;
		size_t lines = 0, total = 0, skip = 0;
		long last = 0;
		bool found = false;

		if (p->p_n == 0)
			continue;
		if ((kw = command_kw(p->p_words[0], kws)) == NULL) {
			command_syntax_error(r, p->p_words[0]);
			return -1;
		}
		if (strcmp(kw, "no-more") == 0)
			continue;
		if (strcmp(kw, "count") != 0 && strcmp(kw, "last") != 0 && p->p_n < 2) {
			command_syntax_error(r, p->p_words[0]);
			return -1;
		}
		if ((strcmp(kw, "match") == 0 || strcmp(kw, "except") == 0 ||
		    strcmp(kw, "find") == 0) && command_regex(r, p->p_words[1], &re) == -1)
			return -1;
		if (strcmp(kw, "last") == 0) {
			last = p->p_n >= 2 ? strtol(p->p_words[1], NULL, 10) : 0;
			for (const char *c = buf_str(text); *c; c++)
				total += *c == '\n';
			skip = last > 0 && (size_t)last < total ? total - (size_t)last : 0;
		}
		for (const char *c = buf_str(text); *c != '\0';) {
			const char *nl = strchr(c, '\n');
			size_t len = nl != NULL ? (size_t)(nl - c) : strlen(c);
			char *line = strndup(c, len);
			bool keep = true;

			if (line == NULL)
				break;
			if (strcmp(kw, "match") == 0)
				keep = regexec(&re, line, 0, NULL, 0) == 0;
			else if (strcmp(kw, "except") == 0)
				keep = regexec(&re, line, 0, NULL, 0) != 0;
			else if (strcmp(kw, "find") == 0) {
				if (!found && regexec(&re, line, 0, NULL, 0) == 0)
					found = true;
				keep = found;
			} else if (strcmp(kw, "last") == 0)
				keep = lines >= skip;
			lines++;
			if (keep && strcmp(kw, "count") != 0) {
				buf_append(&out, c, len);
				buf_putc(&out, '\n');
			}
			free(line);
			c += len + (nl != NULL);
		}
		if (strcmp(kw, "count") == 0)
			buf_printf(&out, "Count: %zu lines\n", lines);
		else if (strcmp(kw, "find") == 0 && !found)
			buf_puts(&out, "Count: 0 lines\nPattern not found\n");
		if (strcmp(kw, "match") == 0 || strcmp(kw, "except") == 0 ||
		    strcmp(kw, "find") == 0)
			regfree(&re);
		buf_free(text);
		*text = out;
	}
	return 0;
}

/* ---- operational commands of schema/op served by mgd ---- */

/* The committed `system host-name` (groups applied), or NULL. */
static const char *
command_host_name(void)
{
	const struct conf_node *root, *c, *sys = NULL;

	root = mgd->m_effective != NULL ? mgd->m_effective : mgd->m_committed;
	if (root == NULL)
		return NULL;
	for (c = root->cn_first; c != NULL; c = c->cn_next)
		if (strcmp(c->cn_schema->sn_name, "system") == 0) {
			sys = c;
			break;
		}
	for (c = sys != NULL ? sys->cn_first : NULL; c != NULL; c = c->cn_next)
		if (strcmp(c->cn_schema->sn_name, "host-name") == 0)
			return c->cn_value;
	return NULL;
}

/* The reply element of an RPC mgd answers itself; -1 when it is not one of them. */
static int
command_sysinfo(const char *rpc, struct buf *out)
{
	if (strcmp(rpc, "get-software-information") == 0) {
		struct sysinfo_version v;

		memset(&v, 0, sizeof(v));
		v.sv_hostname = command_host_name();
		v.sv_model = COMMAND_MODEL;
		v.sv_version = COMMAND_VERSION;
		sysinfo_software_xml(&v, out);
		return 0;
	}
	if (strcmp(rpc, "get-system-uptime-information") == 0) {
		struct sysinfo_uptime u;
		struct session *s;

		memset(&u, 0, sizeof(u));
		u.su_now = time(NULL);
		u.su_booted = mgd->m_started;
		/* the instance's daemons are started by mgd at its start */
		u.su_protocols = mgd->m_started;
		if (mgd->m_hist[0].ci_present && mgd->m_hist[0].ci_seconds > 0) {
			u.su_configured = mgd->m_hist[0].ci_seconds;
			u.su_config_user = mgd->m_hist[0].ci_user;
		}
		TAILQ_FOREACH(s, &mgd->m_sessions, s_entry)
			if (!s->s_closed && s->s_daemon == NULL &&
			    strcmp(s->s_client, "cli") == 0)
				u.su_users++;
		sysinfo_uptime_xml(&u, out);
		return 0;
	}
	if (strcmp(rpc, "get-system-process-information") == 0) {
		pid_t pids[64];
		size_t n = 0;
		struct daemon *d;

		/* the instance's own processes: mgd and the daemons registered with it */
		pids[n++] = getpid();
		TAILQ_FOREACH(d, &mgd->m_daemons, d_entry)
			if (n < sizeof(pids) / sizeof(pids[0]) && d->d_session != NULL &&
			    d->d_session->s_pid > 0)
				pids[n++] = d->d_session->s_pid;
		sysinfo_processes_xml(pids, n, time(NULL), mgd->m_started, out);
		return 0;
	}
	return -1;
}

/* The RPCs: arguments checked against schema/op (a level such as <brief/>). */
static enum rpc_status
command_sysinfo_rpc(struct rpc_req *r)
{
	struct opsch_req rq;
	struct opsch_error oe;

	memset(&rq, 0, sizeof(rq));
	memset(&oe, 0, sizeof(oe));
	if (mgd->m_opschema != NULL &&
	    opschema_parse_rpc(mgd->m_opschema, r->r_op, &rq, &oe) == -1) {
		rpc_error(r, "error", NULL, NULL, oe.oe_msg);
		return RPC_DONE;
	}
	opsch_req_free(&rq);
	if (command_sysinfo((const char *)r->r_op->name, &r->r_body) == -1)
		rpc_error(r, "error", NULL, (const char *)r->r_op->name, "syntax error");
	return RPC_DONE;
}

enum rpc_status
rpc_get_software_information(struct rpc_req *r)
{
	return command_sysinfo_rpc(r);
}

enum rpc_status
rpc_get_system_uptime_information(struct rpc_req *r)
{
	return command_sysinfo_rpc(r);
}

enum rpc_status
rpc_get_system_process_information(struct rpc_req *r)
{
	return command_sysinfo_rpc(r);
}

/*
 * A `| display` stage after an operational command: 0 for `display xml`, `display
 * json` (*fmt) or `display xml rpc` (*rpc), 1 for another stage, -1 when malformed.
 */
static int
command_display(const struct pipe *p, const char **fmt, bool *rpc)
{
	size_t len;

	if (p->p_n == 0 || (len = strlen(p->p_words[0])) < 2 ||
	    strncmp(p->p_words[0], "display", len) != 0)
		return 1;
	if (p->p_n < 2 || p->p_n > 3 || (strcmp(p->p_words[1], "xml") != 0 &&
	    strcmp(p->p_words[1], "json") != 0))
		return -1;
	if (p->p_n == 3 && (strcmp(p->p_words[1], "xml") != 0 ||
	    strcmp(p->p_words[2], "rpc") != 0))
		return -1;
	*fmt = p->p_words[1];
	*rpc = p->p_n == 3;
	return 0;
}

/*
 * A <command> line that is an operational command of schema/op served by mgd.
 * Returns 1 when it is not one (the hand-written commands and today's errors
 * follow), else 0 with the reply (or error) in r. XML: the reply element as the
 * RPC gives it (pipes do not apply, as on Junos); text: the template's text, with
 * `| display xml|json` and `| display xml rpc` as the cli prints them, then the
 * text pipes.
 */
static int
command_opschema(struct rpc_req *r, struct cmd_words *w, struct pipe *pipes,
    size_t npipes, bool text)
{
	struct opsch_req rq;
	struct opsch_error oe;
	struct buf reply = BUF_INIT, out = BUF_INIT, rpc = BUF_INIT;
	struct pipe rest[8];
	char *words[64];
	const char *disp = NULL;
	const struct opsch_level *lv;
	xmlDocPtr doc = NULL;
	size_t n, nrest = 0;
	bool disp_rpc = false;
	int rv = 1;

	memset(&rq, 0, sizeof(rq));
	memset(&oe, 0, sizeof(oe));
	if (mgd->m_opschema == NULL || w->cw_n > sizeof(words) / sizeof(words[0]))
		return 1;
	for (n = 0; n < w->cw_n; n++)
		words[n] = w->cw_v[n].w_text;
	if (opschema_parse(mgd->m_opschema, words, n, &rq, &oe) == -1)
		return 1;
	if (strcmp(rq.rq_cmd->cm_daemon, "mgd") != 0)
		goto done;	/* forwarding <command> to a daemon: not yet */
	rv = 0;
	buf_puts(&reply, "<rpc-reply xmlns:junos=\"" NC_NS_JUNOS "\">\n");
	if (command_sysinfo(rq.rq_cmd->cm_rpc, &reply) == -1) {
		rpc_error(r, "error", NULL, rq.rq_cmd->cm_rpc, "syntax error");
		goto done;
	}
	buf_puts(&reply, "</rpc-reply>\n");
	if (!text) {
		/* the element alone: skip the wrapper written above */
		const char *b = buf_str(&reply), *start = strchr(b, '\n') + 1;
		const char *end = b + reply.b_len - strlen("</rpc-reply>\n");

		buf_append(&r->r_body, start, (size_t)(end - start));
		goto done;
	}
	for (size_t i = 0; i < npipes; i++) {
		int d = command_display(&pipes[i], &disp, &disp_rpc);

		if (d == -1) {
			command_syntax_error(r, pipes[i].p_n < 2 ? "display" :
			    pipes[i].p_words[pipes[i].p_n - 1]);
			goto done;
		}
		if (d == 1 && nrest < sizeof(rest) / sizeof(rest[0]))
			rest[nrest++] = pipes[i];
	}
	if (disp_rpc) {
		opsch_req_rpc_xml(&rq, &rpc);
		doc = xmlReadMemory(buf_str(&rpc), (int)rpc.b_len, NULL, NULL,
		    XML_PARSE_NONET);
		if (doc != NULL)
			render_display_rpc(xmlDocGetRootElement(doc), "", &out);
	} else {
		doc = xmlReadMemory(buf_str(&reply), (int)reply.b_len, NULL, NULL,
		    XML_PARSE_NONET);
		if (doc == NULL) {
			rpc_error(r, "error", NULL, NULL, "malformed reply");
			goto done;
		}
		if (disp != NULL && strcmp(disp, "xml") == 0)
			render_display_xml(xmlDocGetRootElement(doc), "", &out);
		else if (disp != NULL)
			render_display_json(xmlDocGetRootElement(doc), &out);
		else {
			lv = opsch_req_level(&rq);
			render_reply(rq.rq_cmd, lv != NULL ? lv->ol_name : NULL,
			    xmlDocGetRootElement(doc), &out);
		}
	}
	if (command_apply_pipes(r, rest, nrest, &out) == -1)
		goto done;
	rpc_output(r, buf_str(&out));
done:
	if (doc != NULL)
		xmlFreeDoc(doc);
	opsch_req_free(&rq);
	buf_free(&reply);
	buf_free(&out);
	buf_free(&rpc);
	return rv;
}

/* ---- the RPC ---- */

enum rpc_status
rpc_command(struct rpc_req *r)
{
	static const char *const kw_show[] = { "show", NULL };
	static const char *const kw_what[] = { "configuration", "system", NULL };
	static const char *const kw_system[] = { "commit", "rollback", NULL };
	static const char *const kw_compare[] = { "compare", NULL };
	char *line = nc_xml_text(r->r_op), *parts[9];
	xmlChar *fmt = xmlGetNoNsProp(r->r_op, (const xmlChar *)"format");
	bool text = fmt != NULL && (xmlStrcmp(fmt, (const xmlChar *)"text") == 0 ||
	    xmlStrcmp(fmt, (const xmlChar *)"ascii") == 0);
	struct cmd_words w, pw[8];
	struct pipe pipes[8];
	size_t nparts, npipes = 0;
	struct buf out = BUF_INIT;
	const char *k;
	char err[256];
	int rv = -1;

	memset(&w, 0, sizeof(w));
	memset(pw, 0, sizeof(pw));
	memset(pipes, 0, sizeof(pipes));
	xmlFree(fmt);
	if (line == NULL)
		return RPC_DONE;
	nparts = command_split_pipes(line, parts, 9);
	if (cmd_split(parts[0], &w, err, sizeof(err)) == -1) {
		rpc_error(r, "error", NULL, NULL, err);
		goto done;
	}
	for (size_t i = 1; i < nparts; i++) {
		if (cmd_split(parts[i], &pw[npipes], err, sizeof(err)) == -1) {
			rpc_error(r, "error", NULL, NULL, err);
			goto done;
		}
		for (size_t j = 0; j < pw[npipes].cw_n && j < 8; j++)
			pipes[npipes].p_words[pipes[npipes].p_n++] = pw[npipes].cw_v[j].w_text;
		if (pipes[npipes].p_n == 0) {
			command_syntax_error(r, "|");
			npipes++;
			goto done;
		}
		npipes++;
	}
	if (w.cw_n == 0) {
		command_syntax_error(r, "");
		goto done;
	}
	if (command_opschema(r, &w, pipes, npipes, text) == 0) {
		rv = 0;
		goto done;
	}
	if (command_kw(w.cw_v[0].w_text, kw_show) == NULL) {
		command_syntax_error(r, w.cw_v[0].w_text);
		goto done;
	}
	if (w.cw_n < 2 || (k = command_kw(w.cw_v[1].w_text, kw_what)) == NULL) {
		command_syntax_error(r, w.cw_n < 2 ? "show" : w.cw_v[1].w_text);
		goto done;
	}
	if (strcmp(k, "configuration") == 0) {
		bool piped_display = false;

		for (size_t i = 0; i < npipes; i++)
			if (pipes[i].p_n > 0 && strncmp(pipes[i].p_words[0], "di", 2) == 0)
				piped_display = true;
		if (command_show_configuration(r, &w, 2, pipes, npipes,
		    text || piped_display || npipes > 0, &out) == -1)
			goto done;
		if (!text && !piped_display && npipes == 0) {
			buf_append(&r->r_body, buf_str(&out), out.b_len);
			rv = 0;
			goto done;
		}
	} else {
		if (w.cw_n < 3 || (k = command_kw(w.cw_v[2].w_text, kw_system)) == NULL) {
			command_syntax_error(r, w.cw_n < 3 ? "system" : w.cw_v[2].w_text);
			goto done;
		}
		if (strcmp(k, "commit") == 0) {
			if (w.cw_n > 3) {
				command_syntax_error(r, w.cw_v[3].w_text);
				goto done;
			}
			if (!text && npipes == 0) {
				rv = 0;
				rpc_get_commit_information(r);
				goto done;
			}
			command_commit_text(&out);
		} else {
			long num, cmp = -1;
			char *end;

			if (w.cw_n < 4) {
				rpc_error(r, "error", NULL, NULL, "missing argument.");
				goto done;
			}
			num = strtol(w.cw_v[3].w_text, &end, 10);
			if (*end != '\0' || num < 0 || num >= MGD_NHIST) {
				command_syntax_error(r, w.cw_v[3].w_text);
				goto done;
			}
			if (w.cw_n >= 5) {
				if (command_kw(w.cw_v[4].w_text, kw_compare) == NULL || w.cw_n != 6) {
					command_syntax_error(r, w.cw_v[4].w_text);
					goto done;
				}
				cmp = strtol(w.cw_v[5].w_text, &end, 10);
				if (*end != '\0' || cmp < 0 || cmp >= MGD_NHIST) {
					command_syntax_error(r, w.cw_v[5].w_text);
					goto done;
				}
			}
			if (config_rollback_text(r, num, cmp, &out) == -1)
				goto done;
			if (!text && npipes == 0) {
				buf_puts(&r->r_body, "<rollback-information>\n"
				    "<configuration-information>\n<configuration-output>");
				xml_escape(&r->r_body, buf_str(&out));
				buf_puts(&r->r_body, "</configuration-output>\n"
				    "</configuration-information>\n</rollback-information>\n");
				rv = 0;
				goto done;
			}
		}
	}
	if (command_apply_pipes(r, pipes, npipes, &out) == -1)
		goto done;
	rpc_output(r, buf_str(&out));
	rv = 0;
done:
	(void)rv;
	cmd_words_free(&w);
	for (size_t i = 0; i < 8; i++)
		cmd_words_free(&pw[i]);
	buf_free(&out);
	free(line);
	return RPC_DONE;
}
