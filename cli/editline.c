/*
 * editline: the interactive shell on libedit (emacs key bindings, history).
 *
 * `?` lists the possible completions of what is typed before the cursor (without
 * inserting itself, except inside a quoted string), TAB completes the word being
 * typed, and space does too while `set cli complete-on-space` is on; both come
 * from complete.c. Each prompt but the first is preceded by an empty line and, in
 * configuration mode, by the banner lines ([edit ...], a pending commit confirmed),
 * as Junos does.
 */
#include <dlfcn.h>
#include <errno.h>
#include <histedit.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct editline {
	EditLine	*e_el;
	History		*e_hist;
	HistEvent	 e_ev;
	char		*e_prompt;
	struct cli_ctx	*e_ctx;
	bool		 e_command;	/* reading a command: ?, TAB and space complete */
	bool		 e_intr;	/* the last line read ended with ^C */
};

/* SIGINT (^C while a command runs) only interrupts what waits; the cli goes on. */
static void
editline_sigint(int sig)
{
	(void)sig;
}

static struct cli_ctx *
editline_ctx(EditLine *el)
{
	void *p = NULL;

	el_get(el, EL_CLIENTDATA, &p);
	return p;
}

static char *
editline_prompt(EditLine *el)
{
	struct cli_ctx *ctx = editline_ctx(el);

	return ctx->cx_el->e_prompt != NULL ? ctx->cx_el->e_prompt : "";
}

/* The text before the cursor, malloc'd. */
static char *
editline_before_cursor(EditLine *el)
{
	const LineInfo *li = el_line(el);

	return strndup(li->buffer, (size_t)(li->cursor - li->buffer));
}

/* Inside an unterminated "..." (where ? and blanks are text). */
static bool
editline_in_quote(const char *s)
{
	bool q = false;

	for (; *s != '\0'; s++) {
		if (q && *s == '\\' && s[1] != '\0')
			s++;
		else if (*s == '"')
			q = !q;
	}
	return q;
}

/*
 * After printing below the line: the banner again, then the prompt and the line as
 * they were, as Junos does. The cursor is at the start of a fresh line, so libedit
 * is told its display is empty (EL_REFRESH) instead of being asked to clear the old
 * one (CC_REDISPLAY), which a terminal without a clear-to-end-of-line capability
 * (TERM=dumb) does with one more newline: a blank line Junos does not print.
 */
static unsigned char
editline_redisplay(struct cli_ctx *ctx)
{
	struct buf b = BUF_INIT;

	if (ctx->cx_mode == CLI_MODE_CONFIG)
		cfg_banner(ctx, &b);
	cli_print(ctx, buf_str(&b));
	buf_free(&b);
	el_set(ctx->cx_el->e_el, EL_REFRESH);
	return CC_NORM;
}

/*
 * libedit draws with termcap's tputs, which writes the padding of a capability
 * (vt100's el is `\E[K$<3>`) as NUL bytes at the terminal's output speed: without a
 * curses screen it always pads. Those NULs reach logs and programs reading the
 * terminal; at a speed of 0 no padding is written. ospeed lives in the terminfo
 * library libedit links (not one the cli links itself), hence dlsym.
 */
static void
editline_no_padding(void)
{
	short *ospeed = dlsym(RTLD_DEFAULT, "ospeed");

	if (ospeed != NULL)
		*ospeed = 0;
}

static unsigned char
editline_fn_help(EditLine *el, int ch)
{
	struct cli_ctx *ctx = editline_ctx(el);
	struct complete_env env;
	struct buf out = BUF_INIT;
	char *line;

	(void)ch;
	if ((line = editline_before_cursor(el)) == NULL)
		return CC_ERROR;
	if (!ctx->cx_el->e_command || editline_in_quote(line)) {
		free(line);
		el_insertstr(el, "?");
		return CC_REFRESH;
	}
	cli_complete_env(ctx, &env);
	complete_help(&env, line, &out);
	cli_print(ctx, "?\n");
	cli_print(ctx, buf_str(&out));
	buf_free(&out);
	free(line);
	return editline_redisplay(ctx);
}

static unsigned char
editline_complete(EditLine *el, bool space)
{
	struct cli_ctx *ctx = editline_ctx(el);
	const LineInfo *li = el_line(el);
	struct complete_env env;
	struct buf msg = BUF_INIT;
	char *line, *res;
	unsigned char rc;

	if (!ctx->cx_el->e_command) {
		/* an answer, or configuration text typed after `load ... terminal` */
		if (!space)
			el_insertstr(el, "\t");
		else
			el_insertstr(el, " ");
		return CC_REFRESH;
	}
	if (space && (!ctx->cx_complete_on_space || li->cursor != li->lastchar)) {
		el_insertstr(el, " ");
		return CC_REFRESH;
	}
	if ((line = editline_before_cursor(el)) == NULL)
		return CC_ERROR;
	if (editline_in_quote(line)) {
		free(line);
		if (!space)
			return CC_REFRESH_BEEP;
		el_insertstr(el, " ");
		return CC_REFRESH;
	}
	cli_complete_env(ctx, &env);
	res = complete_word(&env, line, space, &msg);
	if (res != NULL) {
		el_deletestr(el, (int)strlen(line));
		el_insertstr(el, res);
		rc = CC_REFRESH;
	} else if (msg.b_len > 0) {
		cli_print(ctx, "\n");
		cli_print(ctx, buf_str(&msg));
		if (msg.b_data[msg.b_len - 1] != '\n')
			cli_print(ctx, "\n");
		rc = editline_redisplay(ctx);
	} else if (space) {
		el_insertstr(el, " ");
		rc = CC_REFRESH;
	} else
		rc = CC_REFRESH_BEEP;
	free(res);
	free(line);
	buf_free(&msg);
	return rc;
}

/*
 * ^C while a line is typed: the line is abandoned, what was typed stays on the
 * screen and a fresh prompt follows, as on Junos. It is a key here, not SIGINT:
 * libedit's terminal mode leaves ISIG off, so that a ^C typed while the cli is busy
 * between two reads cannot be lost (or left to the next read).
 */
static unsigned char
editline_fn_intr(EditLine *el, int ch)
{
	struct cli_ctx *ctx = editline_ctx(el);
	const LineInfo *li = el_line(el);

	(void)ch;
	ctx->cx_el->e_intr = true;
	el_cursor(el, (int)(li->lastchar - li->cursor));
	li = el_line(el);
	el_deletestr(el, (int)(li->cursor - li->buffer));
	el_insertstr(el, "\n");	/* el_gets returns NULL for an empty line */
	return CC_NEWLINE;
}

static unsigned char
editline_fn_tab(EditLine *el, int ch)
{
	(void)ch;
	return editline_complete(el, false);
}

static unsigned char
editline_fn_space(EditLine *el, int ch)
{
	(void)ch;
	return editline_complete(el, true);
}

int
editline_init(struct cli_ctx *ctx)
{
	struct editline *e;
	struct sigaction sa;

	if ((e = calloc(1, sizeof(*e))) == NULL)
		return -1;
	e->e_ctx = ctx;
	if ((e->e_el = el_init("cli", stdin, stdout, stderr)) == NULL ||
	    (e->e_hist = history_init()) == NULL) {
		if (e->e_el != NULL)
			el_end(e->e_el);
		free(e);
		return -1;
	}
	ctx->cx_el = e;
	editline_no_padding();
	history(e->e_hist, &e->e_ev, H_SETSIZE, 1000);
	history(e->e_hist, &e->e_ev, H_SETUNIQUE, 1);
	el_set(e->e_el, EL_CLIENTDATA, ctx);
	el_set(e->e_el, EL_EDITOR, "emacs");
	el_set(e->e_el, EL_PROMPT, editline_prompt);
	el_set(e->e_el, EL_HIST, history, e->e_hist);
	el_set(e->e_el, EL_ADDFN, "routemu-help", "List possible completions",
	    editline_fn_help);
	el_set(e->e_el, EL_ADDFN, "routemu-complete", "Complete the word",
	    editline_fn_tab);
	el_set(e->e_el, EL_ADDFN, "routemu-space", "Complete the word on space",
	    editline_fn_space);
	el_set(e->e_el, EL_BIND, "?", "routemu-help", NULL);
	el_set(e->e_el, EL_BIND, "^I", "routemu-complete", NULL);
	el_set(e->e_el, EL_BIND, " ", "routemu-space", NULL);
	el_set(e->e_el, EL_ADDFN, "routemu-intr", "Abandon the line", editline_fn_intr);
	el_set(e->e_el, EL_BIND, "^C", "routemu-intr", NULL);
	el_set(e->e_el, EL_SETTY, "-d", "-isig", NULL);
	/*
	 * Between two reads (a command running) the terminal stays non-canonical too:
	 * keys typed ahead (^D ending `load ... terminal`, ^U) then reach libedit as
	 * typed instead of being taken by the line discipline.
	 */
	el_set(e->e_el, EL_SETTY, "-x", "-icanon", NULL);
	/* ^C outside a read (a command running) does not end the cli */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = editline_sigint;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	return 0;
}

void
editline_end(struct cli_ctx *ctx)
{
	struct editline *e = ctx->cx_el;

	if (e == NULL)
		return;
	history_end(e->e_hist);
	el_end(e->e_el);
	free(e->e_prompt);
	free(e);
	ctx->cx_el = NULL;
}

char *
editline_read(struct cli_ctx *ctx, const char *prompt, bool add_history)
{
	struct editline *e = ctx->cx_el;
	const char *s;
	char *line;
	size_t len;
	int count = 0, tries;

	if (e == NULL)
		return NULL;
	free(e->e_prompt);
	if ((e->e_prompt = strdup(prompt)) == NULL)
		return NULL;
	e->e_command = add_history;
	e->e_intr = false;
	for (tries = 0; tries < 1000; tries++) {
		errno = 0;
		s = el_gets(e->e_el, &count);
		if (s != NULL && count > 0)
			break;
		if (count < 0 && errno == EINTR) {
			/* SIGINT all the same (ISIG back on): a fresh, empty line */
			el_reset(e->e_el);
			cli_print(ctx, "\n");
			e->e_intr = true;
			return strdup("");
		}
		return NULL;	/* ^D on an empty line, or the terminal went away */
	}
	if (s == NULL)
		return NULL;
	if (e->e_intr) {
		cli_print(ctx, "\n");
		return strdup("");
	}
	if ((line = strdup(s)) == NULL)
		return NULL;
	len = strlen(line);
	while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (add_history && line[strspn(line, " \t")] != '\0')
		history(e->e_hist, &e->e_ev, H_ENTER, line);
	return line;
}

bool
editline_interrupted(struct cli_ctx *ctx)
{
	return ctx->cx_el != NULL && ctx->cx_el->e_intr;
}

int
editline_loop(struct cli_ctx *ctx)
{
	struct buf pre = BUF_INIT, prompt = BUF_INIT;
	char *line;
	bool first = true;

	if (editline_init(ctx) == -1) {
		fprintf(stderr, "cli: cannot set up the terminal\n");
		return 1;
	}
	while (!ctx->cx_quit) {
		buf_reset(&pre);
		buf_reset(&prompt);
		/* a blank line ends each command's output; the first prompt has none */
		if (!first)
			buf_putc(&pre, '\n');
		first = false;
		if (ctx->cx_mode == CLI_MODE_CONFIG)
			cfg_banner(ctx, &pre);
		cli_print(ctx, buf_str(&pre));
		buf_printf(&prompt, "%s@%s%c ", ctx->cx_user, ctx->cx_host,
		    ctx->cx_mode == CLI_MODE_CONFIG ? '#' : '>');
		ctx->cx_prompt_len = prompt.b_len;
		if ((line = editline_read(ctx, buf_str(&prompt), true)) == NULL) {
			/* ^D: leave configuration mode, then the cli */
			cli_print(ctx, "\n");
			if (ctx->cx_mode == CLI_MODE_CONFIG)
				(void)cfg_leave(ctx, true);
			else
				break;
			continue;
		}
		(void)cli_run_line(ctx, line, ctx->cx_prompt_len);
		free(line);
	}
	editline_end(ctx);
	buf_free(&pre);
	buf_free(&prompt);
	return 0;
}
