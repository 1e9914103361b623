/*
 * cli: options, the connection to mgd, and running one typed line: pipes split off,
 * the command words matched against the mode's table (opmode.c), the command run,
 * its output filtered by the pipe stages and paged.
 */
#include <sys/ioctl.h>

#include <errno.h>
#include <getopt.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "instance.h"
#include "opschema.h"
#include "pager.h"

static const struct conf_node *cli_env_config(void *, bool);
static char	**cli_env_rollbacks(void *, size_t *);
static void	 cli_output(struct cli_ctx *, struct cli_cmd *);
static void	 usage(void) __attribute__((noreturn));

static const struct conf_node *
cli_env_config(void *arg, bool committed)
{
	return cli_config_tree(arg, committed);
}

static char **
cli_env_rollbacks(void *arg, size_t *n)
{
	return cli_rollback_list(arg, n);
}

void
cli_complete_env(struct cli_ctx *ctx, struct complete_env *env)
{
	memset(env, 0, sizeof(*env));
	env->ce_schema = ctx->cx_schema;
	env->ce_config_mode = ctx->cx_mode == CLI_MODE_CONFIG;
	env->ce_level = ctx->cx_level_str != NULL ? ctx->cx_level_str : "";
	env->ce_prompt_len = ctx->cx_prompt_len;
	env->ce_complete_on_space = ctx->cx_complete_on_space;
	env->ce_op_table = op_table;
	env->ce_config_table = cfg_commands;
	env->ce_config = cli_env_config;
	env->ce_rollbacks = cli_env_rollbacks;
	env->ce_arg = ctx;
}

void
cli_print(struct cli_ctx *ctx, const char *text)
{
	(void)ctx;
	fputs(text, stdout);
	fflush(stdout);
}

void
cli_fail(struct cli_ctx *ctx, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stdout, fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	ctx->cx_errors++;
}

/* The word of the line that starts at column col (for the -c error form). */
static char *
cli_word_at(const char *line, size_t col)
{
	size_t len = strlen(line), n = 0;

	if (col >= len)
		return strdup("");
	if (line[col] == '"') {
		col++;
		while (col + n < len && line[col + n] != '"')
			n++;
	} else {
		while (col + n < len && line[col + n] != ' ' && line[col + n] != '\t')
			n++;
	}
	return strndup(line + col, n);
}

/*
 * text is what the terminal shows: a caret line, then the message. Without a
 * terminal the line itself is echoed above the caret so that it still points at
 * something; `cli -c` uses the one-line form Junos gives for a command passed to
 * the cli on its command line: "error: syntax error, expecting <command>: word".
 */
void
cli_error_text(struct cli_ctx *ctx, const char *text)
{
	const char *p = text, *msg, *eol;
	size_t col = 0;
	char *word, *first;
	size_t flen;

	ctx->cx_errors++;
	while (*p == ' ')
		p++, col++;
	if (*p != '^' || p[1] != '\n') {
		cli_print(ctx, text);
		if (text[0] != '\0' && text[strlen(text) - 1] != '\n')
			cli_print(ctx, "\n");
		return;
	}
	msg = p + 2;
	if (ctx->cx_oneshot) {
		const char *line = ctx->cx_line != NULL ? ctx->cx_line : "";

		col = col >= ctx->cx_prompt_len ? col - ctx->cx_prompt_len : 0;
		if ((word = cli_word_at(line, col)) == NULL)
			return;
		eol = strchr(msg, '\n');
		flen = eol != NULL ? (size_t)(eol - msg) : strlen(msg);
		if ((first = strndup(msg, flen)) == NULL) {
			free(word);
			return;
		}
		if (flen > 0 && first[flen - 1] == '.' && word[0] != '\0' &&
		    strchr(first, '\'') == NULL)
			first[flen - 1] = '\0';
		if (word[0] != '\0' && strchr(first, '\'') == NULL)
			fprintf(stdout, "error: %s: %s\n", first, word);
		else
			fprintf(stdout, "error: %s\n", first);
		if (eol != NULL && eol[1] != '\0')
			fputs(eol + 1, stdout);
		fflush(stdout);
		free(first);
		free(word);
		return;
	}
	if (!ctx->cx_interactive && ctx->cx_line != NULL) {
		cli_print(ctx, ctx->cx_line);
		cli_print(ctx, "\n");
	}
	cli_print(ctx, text);
	if (text[strlen(text) - 1] != '\n')
		cli_print(ctx, "\n");
}

void
cli_error_at(struct cli_ctx *ctx, struct cli_cmd *cmd, size_t pos, const char *msg)
{
	struct buf b = BUF_INIT;

	buf_indent(&b, (int)(cmd->cc_col + pos));
	buf_puts(&b, "^\n");
	buf_puts(&b, msg);
	if (msg[0] == '\0' || msg[strlen(msg) - 1] != '\n')
		buf_putc(&b, '\n');
	cli_error_text(ctx, buf_str(&b));
	buf_free(&b);
}

bool
cli_ask(struct cli_ctx *ctx, const char *question, bool dflt)
{
	char *ans;
	size_t len;
	int tries;
	bool yes = dflt;

	if (!ctx->cx_interactive)
		return dflt;
	for (tries = 0; tries < 10; tries++) {
		if ((ans = editline_read(ctx, question, false)) == NULL) {
			cli_print(ctx, "\n");
			return dflt;
		}
		if (editline_interrupted(ctx)) {
			/* ^C abandons what was asked about */
			free(ans);
			return false;
		}
		len = strlen(ans);
		if (len == 0)
			yes = dflt;
		else if (strncmp("yes", ans, len) == 0)
			yes = true;
		else if (strncmp("no", ans, len) == 0)
			yes = false;
		else {
			free(ans);
			continue;
		}
		free(ans);
		return yes;
	}
	return dflt;
}

char *
cli_read_terminal(struct cli_ctx *ctx)
{
	struct buf b = BUF_INIT;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	if (ctx->cx_interactive) {
		while ((line = editline_read(ctx, "", false)) != NULL) {
			if (editline_interrupted(ctx)) {
				/* ^C: the load is abandoned */
				free(line);
				buf_free(&b);
				return NULL;
			}
			buf_puts(&b, line);
			buf_putc(&b, '\n');
			free(line);
		}
		cli_print(ctx, "\n");
		return buf_steal(&b);
	}
	/* Without a terminal, input ends at EOF or at a line holding ^D alone. */
	while ((n = getline(&line, &cap, ctx->cx_in)) != -1) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (strcmp(line, "\004") == 0)
			break;
		buf_puts(&b, line);
		buf_putc(&b, '\n');
	}
	free(line);
	if (b.b_data == NULL)
		buf_puts(&b, "");
	return buf_steal(&b);
}

const char *
cli_word(const struct cli_cmd *cmd, size_t i)
{
	if (i >= cmd->cc_words.cw_n)
		return NULL;
	return cmd->cc_words.cw_v[i].w_text;
}

size_t
cli_word_pos(const struct cli_cmd *cmd, size_t i)
{
	size_t len = strlen(cmd->cc_line);

	if (i < cmd->cc_words.cw_n)
		return cmd->cc_words.cw_v[i].w_pos;
	/* past the last word: one column after the end (where the word is missing) */
	while (len > 0 && (cmd->cc_line[len - 1] == ' ' || cmd->cc_line[len - 1] == '\t'))
		len--;
	return len + 1;
}

int
cli_number(struct cli_ctx *ctx, struct cli_cmd *cmd, size_t i, long min, long max,
    long *out)
{
	const char *s = cli_word(cmd, i);
	char msg[160], *end;
	long v;

	if (s == NULL) {
		cli_error_at(ctx, cmd, cli_word_pos(cmd, i), "missing argument.");
		return -1;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || *s == '-' || *s == '+') {
		/* wording inferred, as pipe.c */
		snprintf(msg, sizeof(msg), "invalid numeric value: '%s'", s);
		cli_error_at(ctx, cmd, cli_word_pos(cmd, i), msg);
		return -1;
	}
	if (v < min || v > max) {
		snprintf(msg, sizeof(msg), "Value %ld is not within range (%ld..%ld)", v,
		    min, max);
		cli_error_at(ctx, cmd, cli_word_pos(cmd, i), msg);
		return -1;
	}
	*out = v;
	return 0;
}

const struct conf_node *
cli_config_tree(struct cli_ctx *ctx, bool committed)
{
	struct buf err = BUF_INIT;

	if (ctx->cx_tree != NULL && ctx->cx_tree_committed == committed)
		return ctx->cx_tree;
	cli_config_tree_invalidate(ctx);
	ctx->cx_tree = cli_get_tree(ctx, committed ? "committed" : "candidate", NULL,
	    NULL, &err);
	ctx->cx_tree_committed = committed;
	buf_free(&err);
	return ctx->cx_tree;
}

void
cli_config_tree_invalidate(struct cli_ctx *ctx)
{
	if (ctx->cx_tree != NULL)
		conf_free(ctx->cx_tree);
	ctx->cx_tree = NULL;
}

void
cli_refresh_host(struct cli_ctx *ctx)
{
	char *h = cli_get_host_name(ctx);

	free(ctx->cx_host);
	ctx->cx_host = h != NULL && h[0] != '\0' ? h : strdup(CLI_DEFAULT_HOST);
	if (h != NULL && h[0] == '\0')
		free(h);
}

static void
cli_output(struct cli_ctx *ctx, struct cli_cmd *cmd)
{
	struct buf filtered = BUF_INIT, err = BUF_INIT;
	const char *text = buf_str(cmd->cc_out);
	bool no_more = false, hold;

	if (cmd->cc_out->b_len == 0 && cmd->cc_nstages == 0)
		return;
	if (cmd->cc_nstages > 0) {
		if (pipe_filter_screen(cmd->cc_stages, cmd->cc_nstages, text,
		    ctx->cx_screen_length, &filtered, &no_more, &err) == -1) {
			cli_print(ctx, buf_str(&filtered));
			cli_fail(ctx, "%s", buf_str(&err));
			goto done;
		}
		text = buf_str(&filtered);
	}
	hold = cmd->cc_nstages > 0 && pipe_has(cmd->cc_stages, cmd->cc_nstages, PIPE_HOLD);
	if (ctx->cx_interactive && isatty(STDOUT_FILENO))
		pager_write_hold(text, no_more ? 0 : ctx->cx_screen_length,
		    ctx->cx_screen_width, hold);
	else
		cli_print(ctx, text);
done:
	buf_free(&filtered);
	buf_free(&err);
}

int
cli_run_line(struct cli_ctx *ctx, const char *line, size_t col)
{
	struct cli_cmd cmd;
	struct buf out = BUF_INIT, err = BUF_INIT;
	char *command = NULL, serr[256];
	size_t errpos = 0;
	int rv = -1;

	memset(&cmd, 0, sizeof(cmd));
	ctx->cx_line = line;
	line += strspn(line, " \t");
	col += (size_t)(line - ctx->cx_line);
	if (line[0] == '\0' || line[0] == '#')
		return 0;
	cmd.cc_line = line;
	cmd.cc_col = col;
	cmd.cc_out = &out;
	if (pipe_parse(line, &command, &cmd.cc_stages, &cmd.cc_nstages, &errpos,
	    &err) == -1) {
		cli_error_at(ctx, &cmd, errpos, buf_str(&err));
		goto done;
	}
	cmd.cc_line = command;
	pipe_display_opts(cmd.cc_stages, cmd.cc_nstages, &cmd.cc_disp);
	if (cmd_split(command, &cmd.cc_words, serr, sizeof(serr)) == -1) {
		/* an unterminated quote: shown at the end of the line (inferred) */
		cli_error_at(ctx, &cmd, cli_word_pos(&cmd, (size_t)-1), serr);
		goto done;
	}
	rv = cli_dispatch(ctx, ctx->cx_mode == CLI_MODE_CONFIG ? cfg_commands :
	    op_table, &cmd);
	cli_output(ctx, &cmd);
done:
	cmd_words_free(&cmd.cc_words);
	pipe_stages_free(cmd.cc_stages, cmd.cc_nstages);
	free(command);
	buf_free(&out);
	buf_free(&err);
	return rv;
}

static void
usage(void)
{
	fprintf(stderr, "usage: cli [--instance DIR] [-c COMMAND]\n"
	    "  --instance DIR  the router instance (default: $ROUTEMU_INSTANCE)\n"
	    "  -c COMMAND      run one operational command and exit\n");
	exit(2);
}

static void
cli_terminal_size(struct cli_ctx *ctx)
{
	struct winsize ws;

	ctx->cx_screen_length = 0;
	ctx->cx_screen_width = CLI_DEFAULT_WIDTH;
	if (!ctx->cx_interactive || !isatty(STDOUT_FILENO))
		return;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0) {
		ctx->cx_screen_length = ws.ws_row;
		if (ws.ws_col > 0)
			ctx->cx_screen_width = ws.ws_col;
	} else
		ctx->cx_screen_length = 24;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "instance", required_argument, NULL, 'i' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_ctx ctx;
	struct buf err = BUF_INIT;
	struct passwd *pw;
	struct schema *schema;
	struct opschema *opschema;
	const char *command = NULL, *instance = NULL;
	char serr[512];
	int ch, status;

	memset(&ctx, 0, sizeof(ctx));
	while ((ch = getopt_long(argc, argv, "c:i:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			command = optarg;
			break;
		case 'i':
			instance = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (instance == NULL)
		instance = instance_dir_default();
	if (instance == NULL) {
		fprintf(stderr, "cli: no router instance: use --instance DIR or set "
		    "ROUTEMU_INSTANCE\n");
		return 1;
	}
	/* A dead mgd must give an error on write, not kill the cli. */
	signal(SIGPIPE, SIG_IGN);

	if ((schema = schema_load_default(serr, sizeof(serr))) == NULL) {
		fprintf(stderr, "cli: cannot load the schema: %s\n", serr);
		return 1;
	}
	ctx.cx_schema = schema;
	/* The operational commands: as necessary to the cli as the schema. */
	if ((opschema = opschema_load_default(serr, sizeof(serr))) == NULL ||
	    op_table_build(opschema) == -1) {
		fprintf(stderr, "cli: cannot load the operational commands: %s\n",
		    opschema == NULL ? serr : "out of memory");
		opschema_free(opschema);
		schema_free(schema);
		return 1;
	}
	ctx.cx_opschema = opschema;
	ctx.cx_instance = instance;
	ctx.cx_mode = CLI_MODE_OPER;
	ctx.cx_complete_on_space = true;
	ctx.cx_level_str = strdup("");
	ctx.cx_in = stdin;
	ctx.cx_oneshot = command != NULL;
	ctx.cx_interactive = command == NULL && isatty(STDIN_FILENO);
	cli_terminal_size(&ctx);
	pw = getpwuid(getuid());
	ctx.cx_user = strdup(pw != NULL ? pw->pw_name : "root");

	if ((ctx.cx_mgd = mgd_connect(instance, &err)) == NULL) {
		fprintf(stderr, "%s\n", buf_str(&err));
		status = 1;
		goto done;
	}
	ctx.cx_mgd->mc_reconnected = cfg_reconnected;
	ctx.cx_mgd->mc_arg = &ctx;
	cli_refresh_host(&ctx);

	if (command != NULL)
		status = batch_run_command(&ctx, command);
	else if (ctx.cx_interactive)
		status = editline_loop(&ctx);
	else
		status = batch_run_stdin(&ctx);
done:
	cli_config_tree_invalidate(&ctx);
	if (ctx.cx_scratch != NULL)
		conf_free(ctx.cx_scratch);
	cli_level_free(&ctx.cx_level);
	while (ctx.cx_nhistory > 0)
		cli_level_free(&ctx.cx_history[--ctx.cx_nhistory]);
	free(ctx.cx_history);
	mgd_close(ctx.cx_mgd);
	free(ctx.cx_level_str);
	free(ctx.cx_user);
	free(ctx.cx_host);
	buf_free(&err);
	op_table_free();
	opschema_free(opschema);
	schema_free(schema);
	return status;
}
