/*
 * pipe: the `| ...` part of a command line: split it off, parse the stages, and run
 * the text filters (match, except, find, count, last, trim, save, append, tee,
 * suppress-zeros) over a command's output. The display stages (`| display
 * set|xml|json|inheritance`, `| compare [rollback N | FILE]`) change what the
 * command produces rather than filtering it: the cli reads them with
 * pipe_display_opts() before running the command.
 *
 * Junos references: notes/junos-cli.md §1.5 and the vSRX 24.4 captures quoted there.
 */
#ifndef ROUTEMU_PIPE_H
#define ROUTEMU_PIPE_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

enum pipe_kind {
	PIPE_APPEND,
	PIPE_COMPARE,
	PIPE_COUNT,
	PIPE_DISPLAY,
	PIPE_EXCEPT,
	PIPE_FIND,
	PIPE_HOLD,
	PIPE_LAST,
	PIPE_MATCH,
	PIPE_NO_MORE,
	PIPE_SAVE,
	PIPE_SUPPRESS_ZEROS,
	PIPE_TEE,
	PIPE_TRIM,
};

/* pipe_display.format and pipe_stage.ps_format */
#define PIPE_FMT_TEXT		0
#define PIPE_FMT_SET		1
#define PIPE_FMT_XML		2
#define PIPE_FMT_JSON		3
#define PIPE_FMT_INHERITANCE	4

/* pipe_stage.ps_flags for display stages */
#define PIPE_DF_RELATIVE	0x01	/* display set relative */
#define PIPE_DF_EXPLICIT	0x02	/* display set explicit */
#define PIPE_DF_RPC		0x04	/* display xml rpc */
#define PIPE_DF_BRIEF		0x08	/* display inheritance brief */
#define PIPE_DF_NO_COMMENTS	0x10	/* display inheritance no-comments */
#define PIPE_DF_TERSE		0x20	/* display inheritance terse */
#define PIPE_DF_NO_EXPORT_PATH	0x40	/* display xml|json no-export-path */

/*
 * The pipe grammar after `|`, shared with the help engine (`| ?`). A table ends
 * with a NULL pw_word; a word written "<name>" takes any word the user types.
 */
struct pipe_word {
	const char		*pw_word;
	const char		*pw_help;
	const struct pipe_word	*pw_sub;	/* what may follow, or NULL */
	unsigned		 pw_flags;	/* PW_* */
	int			 pw_id;		/* top level: enum pipe_kind */
};
#define PW_EXEC		0x01	/* complete here although pw_sub may follow */
#define PW_CONFIG_OUT	0x02	/* only after a configuration display (show ...) */
#define PW_OP_OUT	0x04	/* only after an operational command */
#define PW_ROLLBACK	0x08	/* the value is a rollback number (help lists them) */
extern const struct pipe_word pipe_words[];

struct pipe_stage {
	enum pipe_kind	 ps_kind;
	char		*ps_arg;	/* pattern or file name (unquoted; compare FILE too),
					   or NULL */
	long		 ps_num;	/* last: lines (-1 = one screen); trim: columns;
					   compare: rollback number (-1 = the active one) */
	int		 ps_format;	/* display: PIPE_FMT_* */
	unsigned	 ps_flags;	/* display: PIPE_DF_* */
	size_t		 ps_pos;	/* byte offset of the stage's first word in the line */
	regex_t		 ps_re;		/* match, except, find */
	bool		 ps_re_ok;
};

struct pipe_display {
	int		 format;	/* PIPE_FMT_*: 0 text 1 set 2 xml 3 json 4 inheritance */
	bool		 relative;	/* display set relative */
	bool		 compare;	/* | compare [rollback N | FILE] */
	int		 compare_rollback; /* -1 = against the active configuration */
	const char	*compare_file;	/* | compare FILE (the stage's ps_arg), or NULL */
	bool		 xml_rpc;	/* display xml rpc */
	bool		 explicit_;	/* display set explicit */
	bool		 brief;		/* display inheritance brief */
	bool		 no_comments;	/* display inheritance no-comments */
	bool		 terse;		/* display inheritance terse */
	bool		 no_export_path; /* display xml|json no-export-path */
};

/*
 * Split line at its first unquoted '|': *command gets the part before it (trailing
 * blanks removed, malloc'd), *stages the parsed stages (NULL/0 when there is no pipe).
 * Returns 0, or -1 with the Junos message in err ("syntax error, expecting
 * <command>.", "'c' is ambiguous." + completions, "missing argument." ...) and
 * nothing allocated. The message has no caret line: pipe_parse() also gives where.
 */
int	 pipe_split(const char *line, char **command, struct pipe_stage **stages,
	    size_t *nstages, struct buf *err);
/* Same, and *errpos = byte offset in line of the offending word (for the caret). */
int	 pipe_parse(const char *line, char **command, struct pipe_stage **stages,
	    size_t *nstages, size_t *errpos, struct buf *err);
/* Offset of the first unquoted '|' in line (at or after start), or -1. */
long	 pipe_find_bar(const char *line);
long	 pipe_find_bar_from(const char *line, size_t start);

/*
 * Stages that do not apply to this kind of output (compare, display set|inheritance,
 * display xml|json no-export-path after an operational command; display xml rpc
 * after a configuration display):
 * returns -1 with "syntax error, expecting <command>." and *errpos, else 0.
 */
int	 pipe_check_context(const struct pipe_stage *, size_t, bool config_output,
	    size_t *errpos, struct buf *err);

/* What the display/compare stages ask for (later stages win). */
void	 pipe_display_opts(const struct pipe_stage *, size_t, struct pipe_display *);
/* True when one of the stages is of kind k (PIPE_HOLD, PIPE_NO_MORE ...). */
bool	 pipe_has(const struct pipe_stage *, size_t, enum pipe_kind k);

/*
 * Run the text stages in order over output, result in out. *no_more is set when a
 * stage asks for no paging (no-more, or save/append which print only a message).
 * Returns 0, or -1 with a message in err (a file that cannot be written); out then
 * holds what was produced before the failing stage.
 */
int	 pipe_filter(const struct pipe_stage *, size_t, const char *output,
	    struct buf *out, bool *no_more, struct buf *err);
/* Same; screen_length is the number of lines `| last` shows without a count (0: all). */
int	 pipe_filter_screen(const struct pipe_stage *, size_t, const char *output,
	    int screen_length, struct buf *out, bool *no_more, struct buf *err);

void	 pipe_stages_free(struct pipe_stage *, size_t);

#endif
