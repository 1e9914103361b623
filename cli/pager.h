/*
 * pager: page long output on the terminal the Junos way: `---(more NN%)---` after
 * each screen; space shows the next screen, Enter the next line, q (or Ctrl-C) stops.
 * Only when stdout and stdin are terminals and screen_length > 0; otherwise the text
 * is written as it is.
 */
#ifndef ROUTEMU_PAGER_H
#define ROUTEMU_PAGER_H

#include <stdbool.h>

/* Write text to stdout, paged. screen_width 0 means lines never wrap. */
void	 pager_write(const char *text, int screen_length, int screen_width);
/* Same; hold (`| hold`): stay at the prompt after the last line until q. */
void	 pager_write_hold(const char *text, int screen_length, int screen_width, bool hold);
/*
 * The paging loop on plain descriptors, without terminal checks or raw mode (the
 * caller sets that up; tests use pipes). Keys are read from in_fd.
 */
void	 pager_run(int in_fd, int out_fd, const char *text, int screen_length,
	    int screen_width, bool hold);

#endif
