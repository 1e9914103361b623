/*
 * pager: the Junos `---(more)---` pager.
 *
 * Junos shows screen-length minus one lines, then `---(more NN%)---` (NN = how much
 * of the output has been shown); space shows the next screen, Enter one more line,
 * q stops and nothing more is printed. The prompt is erased before the next lines.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "pager.h"

static void
pager_out(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, s, len);
		if (w == -1) {
			if (errno == EINTR)
				continue;
			return;		/* terminal gone: nothing useful left to do */
		}
		s += w;
		len -= (size_t)w;
	}
}

/* Terminal rows a line of len bytes takes (it wraps at width). */
static size_t
pager_rows(size_t len, int width)
{
	if (width <= 0 || len == 0)
		return 1;
	return (len + (size_t)width - 1) / (size_t)width;
}

/* A key from fd: the byte, or -1 at end of input / error. */
static int
pager_key(int fd)
{
	unsigned char c;

	for (;;) {
		ssize_t r = read(fd, &c, 1);
		if (r == 1)
			return c;
		if (r == -1 && errno == EINTR)
			continue;
		return -1;
	}
}

/* Show the prompt, read keys until one means something. Returns the rows to show, 0 to quit. */
static size_t
pager_prompt(int in_fd, int out_fd, size_t shown, size_t total, size_t page)
{
	char prompt[32];
	int plen;

	if (total > 0)
		plen = snprintf(prompt, sizeof(prompt), "---(more %zu%%)---",
		    shown * 100 / total);
	else
		plen = snprintf(prompt, sizeof(prompt), "---(more)---");
	pager_out(out_fd, prompt, (size_t)plen);
	size_t rows = 0;
	while (rows == 0) {
		int k = pager_key(in_fd);
		if (k == -1 || k == 'q' || k == 'Q' || k == 3 /* ^C */)
			break;
		if (k == ' ')
			rows = page;
		else if (k == '\r' || k == '\n')
			rows = 1;
		/* other keys: Junos has more (b, /, G ...); they are ignored here */
	}
	/* erase the prompt */
	char blank[40];
	memset(blank, ' ', (size_t)plen);
	pager_out(out_fd, "\r", 1);
	pager_out(out_fd, blank, (size_t)plen);
	pager_out(out_fd, "\r", 1);
	return rows;
}

void
pager_run(int in_fd, int out_fd, const char *text, int screen_length, int screen_width,
    bool hold)
{
	size_t total = strlen(text);
	size_t page = screen_length > 1 ? (size_t)screen_length - 1 : 1;
	size_t avail = page, off = 0;

	if (screen_length <= 0) {
		pager_out(out_fd, text, total);
		return;
	}
	while (off < total) {
		const char *nl = strchr(text + off, '\n');
		size_t len = nl ? (size_t)(nl - (text + off)) : total - off;
		size_t rows = pager_rows(len, screen_width);
		if (rows > avail && avail < page) {
			/* the line does not fit in what is left of this screen */
			avail = pager_prompt(in_fd, out_fd, off, total, page);
			if (avail == 0)
				return;
			continue;
		}
		size_t step = len + (nl ? 1 : 0);
		pager_out(out_fd, text + off, step);
		off += step;
		avail = rows >= avail ? 0 : avail - rows;
		if (avail == 0 && off < total) {
			avail = pager_prompt(in_fd, out_fd, off, total, page);
			if (avail == 0)
				return;
		}
	}
	if (total > 0 && text[total - 1] != '\n')
		pager_out(out_fd, "\n", 1);
	while (hold && pager_prompt(in_fd, out_fd, total, total, page) != 0)
		;
}

void
pager_write_hold(const char *text, int screen_length, int screen_width, bool hold)
{
	struct termios saved, raw;

	fflush(stdout);
	if (screen_length <= 0 || !isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO) ||
	    tcgetattr(STDIN_FILENO, &saved) == -1) {
		pager_out(STDOUT_FILENO, text, strlen(text));
		return;
	}
	raw = saved;
	/* keys one at a time, unechoed; ^C is a key (q), so the terminal is always restored */
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(STDIN_FILENO, TCSANOW, &raw) == -1) {
		pager_out(STDOUT_FILENO, text, strlen(text));
		return;
	}
	pager_run(STDIN_FILENO, STDOUT_FILENO, text, screen_length, screen_width, hold);
	tcsetattr(STDIN_FILENO, TCSANOW, &saved);
}

void
pager_write(const char *text, int screen_length, int screen_width)
{
	pager_write_hold(text, screen_length, screen_width, false);
}
