/*
 * batch: the cli without a terminal.
 *
 * `cli -c "COMMAND"` runs one operational command; errors take the one-line form
 * Junos gives a command passed on its command line ("error: unknown command: foo").
 *
 * Lines read from a stdin that is not a terminal run as if typed, and print what a
 * person would see, without prompts, banners or the echo of each line: the outputs
 * and messages only. An error that points at a word echoes its line above the caret
 * so that the caret still points at something. The first error stops the cli with
 * status 1, and stderr names the line number.
 *
 * Consecutive editing lines (set, delete ...) in configuration mode are checked
 * locally one by one and sent to mgd together, in one load-configuration of up to
 * BATCH_MAX lines, so that 100 000 piped `set` lines cost a few RPCs. mgd applies a
 * load all or nothing; when a batch fails, its halves are sent in turn (bisection)
 * so that the lines before the bad one are applied, as if typed, and the bad line
 * is found and reported with its number (mgd names it; bisection otherwise).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define BATCH_MAX	50000

struct batch {
	struct buf	 b_lines;	/* full-path lines to send, one per line */
	size_t		*b_off;		/* offset of each line in b_lines */
	size_t		*b_lineno;	/* its input line number */
	char		**b_typed;	/* as typed (for the error echo) */
	size_t		 b_n;
	size_t		 b_cap;
	size_t		 b_failed;	/* line number of the line that failed */
};

static void
batch_add(struct batch *b, const char *full, const char *typed, size_t lineno)
{
	if (b->b_n == b->b_cap) {
		size_t cap = b->b_cap ? b->b_cap * 2 : 1024;

		if ((b->b_off = realloc(b->b_off, cap * sizeof(*b->b_off))) == NULL ||
		    (b->b_lineno = realloc(b->b_lineno, cap * sizeof(*b->b_lineno))) ==
		    NULL || (b->b_typed = realloc(b->b_typed, cap * sizeof(char *))) ==
		    NULL)
			abort();
		b->b_cap = cap;
	}
	b->b_off[b->b_n] = b->b_lines.b_len;
	b->b_lineno[b->b_n] = lineno;
	if ((b->b_typed[b->b_n] = strdup(typed)) == NULL)
		abort();
	b->b_n++;
	buf_puts(&b->b_lines, full);
	buf_putc(&b->b_lines, '\n');
}

static void
batch_clear(struct batch *b)
{
	for (size_t i = 0; i < b->b_n; i++)
		free(b->b_typed[i]);
	b->b_n = 0;
	buf_reset(&b->b_lines);
}

static void
batch_free(struct batch *b)
{
	batch_clear(b);
	free(b->b_off);
	free(b->b_lineno);
	free(b->b_typed);
	buf_free(&b->b_lines);
}

static int	batch_apply(struct cli_ctx *, struct batch *, size_t, size_t);

/* Line i failed: show it and why. */
static int
batch_report(struct cli_ctx *ctx, struct batch *b, size_t i, const struct buf *msgs)
{
	cli_print(ctx, b->b_typed[i]);
	cli_print(ctx, "\n");
	cli_error_text(ctx, buf_str(msgs));
	b->b_failed = b->b_lineno[i];
	return -1;
}

/*
 * Send lines [lo, hi). mgd applies all or nothing and names the line it refused:
 * then the lines before it are sent again (as if typed one by one, they applied)
 * and the bad one reported. Without that name, halves are tried in turn.
 */
static int
batch_apply(struct cli_ctx *ctx, struct batch *b, size_t lo, size_t hi)
{
	struct buf msgs = BUF_INIT;
	size_t end = hi < b->b_n ? b->b_off[hi] : b->b_lines.b_len, mid, bad;
	long errline = -1;
	char *text;
	int rv;

	if (lo >= hi)
		return 0;
	if ((text = strndup(b->b_lines.b_data + b->b_off[lo], end - b->b_off[lo])) ==
	    NULL)
		abort();
	rv = cfg_load_set(ctx, text, &msgs, &errline);
	free(text);
	if (rv == 0) {
		cli_print(ctx, buf_str(&msgs));		/* warnings */
		buf_free(&msgs);
		return 0;
	}
	if (ctx->cx_mgd->mc_fd == -1) {
		/* mgd is gone: nothing to bisect */
		cli_error_text(ctx, buf_str(&msgs));
		b->b_failed = b->b_lineno[lo];
		buf_free(&msgs);
		return -1;
	}
	if (hi - lo == 1) {
		rv = batch_report(ctx, b, lo, &msgs);
		buf_free(&msgs);
		return rv;
	}
	if (errline >= 1 && (size_t)errline <= hi - lo) {
		bad = lo + (size_t)errline - 1;
		buf_free(&msgs);
		if (batch_apply(ctx, b, lo, bad) == -1 ||
		    batch_apply(ctx, b, bad, bad + 1) == -1)
			return -1;
		return batch_apply(ctx, b, bad + 1, hi);
	}
	buf_free(&msgs);
	mid = lo + (hi - lo) / 2;
	if (batch_apply(ctx, b, lo, mid) == -1)
		return -1;
	return batch_apply(ctx, b, mid, hi);
}

static int
batch_flush(struct cli_ctx *ctx, struct batch *b)
{
	int rv;

	if (b->b_n == 0)
		return 0;
	rv = batch_apply(ctx, b, 0, b->b_n);
	batch_clear(b);
	cfg_scratch_reset(ctx);
	return rv;
}

/*
 * An editing line that can join the batch: configuration mode, an editing verb
 * with a path, no pipe. 1 and *full, 0 when it must run alone, -1 on a local error
 * (printed).
 */
static int
batch_edit_line(struct cli_ctx *ctx, const char *line, char **full, struct batch *b,
    size_t lineno)
{
	struct cli_cmd cmd;
	struct buf err = BUF_INIT;
	const struct op_cmd *verb;
	char serr[256];
	int rv = 0;

	*full = NULL;
	if (ctx->cx_mode != CLI_MODE_CONFIG || strchr(line, '|') != NULL)
		return 0;
	memset(&cmd, 0, sizeof(cmd));
	cmd.cc_line = line;
	if (cmd_split(line, &cmd.cc_words, serr, sizeof(serr)) == -1 ||
	    cmd.cc_words.cw_n < 2)
		goto done;
	if ((verb = cfg_edit_verb(cmd.cc_words.cw_v[0].w_text)) == NULL)
		goto done;
	cmd.cc_path[0].ca_ent = verb;
	cmd.cc_path[0].ca_word = 0;
	cmd.cc_npath = 1;
	cmd.cc_argi = 1;
	cmd.cc_id = CMD_CFG_EDIT_VERB;
	if (cfg_prepare_edit(ctx, &cmd, full, &err) == -1) {
		/* the lines before it apply first, as if typed */
		if (batch_flush(ctx, b) == 0) {
			cli_error_text(ctx, buf_str(&err));
			b->b_failed = lineno;
		}
		rv = -1;
		goto done;
	}
	rv = 1;
done:
	cmd_words_free(&cmd.cc_words);
	buf_free(&err);
	return rv;
}

int
batch_run_stdin(struct cli_ctx *ctx)
{
	struct batch b;
	char *line = NULL, *full;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	int status = 0, k;

	memset(&b, 0, sizeof(b));
	ctx->cx_prompt_len = 0;
	while (!ctx->cx_quit && (len = getline(&line, &cap, ctx->cx_in)) != -1) {
		const char *p;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		p = line + strspn(line, " \t");
		if (*p == '\0' || *p == '#')
			continue;
		ctx->cx_line = line;
		if ((k = batch_edit_line(ctx, line, &full, &b, lineno)) == -1) {
			status = 1;
			break;
		}
		if (k == 1) {
			batch_add(&b, full, line, lineno);
			free(full);
			if (b.b_n >= BATCH_MAX && batch_flush(ctx, &b) == -1) {
				status = 1;
				break;
			}
			continue;
		}
		if (batch_flush(ctx, &b) == -1) {
			status = 1;
			break;
		}
		if (cli_run_line(ctx, line, 0) == -1) {
			b.b_failed = lineno;
			status = 1;
			break;
		}
	}
	if (status == 0 && batch_flush(ctx, &b) == -1)
		status = 1;
	if (status != 0 && b.b_failed > 0)
		fprintf(stderr, "cli: stopped at line %zu of the input\n", b.b_failed);
	free(line);
	batch_free(&b);
	return status;
}

int
batch_run_command(struct cli_ctx *ctx, const char *command)
{
	ctx->cx_prompt_len = 0;
	return cli_run_line(ctx, command, 0) == 0 ? 0 : 1;
}
