/*
 * pipe: parse the `| ...` stages of a command line and run the text filters.
 *
 * The grammar (pipe_words) is a struct pipe_word tree so that `| ?` help and this parser
 * read the same words and help texts. Help texts are the Junos 24.4 ones captured in
 * the xpf reference (notes/junos-cli.md §0); `| display xml rpc` is inferred.
 */
#include <errno.h>
#include <fcntl.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pipe.h"

/* Ids of words below the top level (the top level uses enum pipe_kind). */
#define PW_VALUE	0		/* a "<value>" word */
#define PW_COMPARE_ROLLBACK 1		/* compare rollback */
#define PW_FMT(f)	(0x100 | (f))	/* display FORMAT */
#define PW_FLAG(f)	(0x200 | (f))	/* display ... OPTION */

static const struct pipe_word pipe_match_arg[] = {
	{ "<pattern>", "Pattern to match against", NULL, 0, PW_VALUE },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_except_arg[] = {
	{ "<pattern>", "Pattern to avoid", NULL, 0, PW_VALUE },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_find_arg[] = {
	{ "<pattern>", "Pattern to search for", NULL, 0, PW_VALUE },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_last_arg[] = {
	{ "<lines>", "Number of lines from end of output to display", NULL, 0, PW_VALUE },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_trim_arg[] = {
	{ "<columns>", "Number of columns to trim", NULL, 0, PW_VALUE },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_file_arg[] = {
	{ "<filename>", "Output file name (or URL)", NULL, 0, PW_VALUE },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_rollback_arg[] = {
	{ "<rollback>", "Index of rollback configuration file (0..49)", NULL,
	    PW_ROLLBACK, PW_VALUE },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_compare_sub[] = {
	{ "<filename>", "Filename or URL of configuration file", NULL, 0, PW_VALUE },
	{ "rollback", "Index of rollback configuration file (0..49)", pipe_rollback_arg, 0,
	    PW_COMPARE_ROLLBACK },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_set_sub[] = {
	{ "explicit", "Show 'set' commands explicitly for presence containers", NULL, 0,
	    PW_FLAG(PIPE_DF_EXPLICIT) },
	{ "relative", "Show 'set' commands relative to the current edit path", NULL, 0,
	    PW_FLAG(PIPE_DF_RELATIVE) },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_inheritance_sub[] = {
	{ "brief", "Display brief output", NULL, 0, PW_FLAG(PIPE_DF_BRIEF) },
	{ "no-comments", "Display inherited data without comments", NULL, 0,
	    PW_FLAG(PIPE_DF_NO_COMMENTS) },
	{ "terse", "Display inline comments", NULL, 0, PW_FLAG(PIPE_DF_TERSE) },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_xml_sub[] = {
	{ "no-export-path", "Don't export parent path in the data", NULL, PW_CONFIG_OUT,
	    PW_FLAG(PIPE_DF_NO_EXPORT_PATH) },
	/* help text inferred: the capture shows `xml rpc` only in use */
	{ "rpc", "Show the XML RPC request instead of running the command", NULL,
	    PW_OP_OUT, PW_FLAG(PIPE_DF_RPC) },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_json_sub[] = {
	{ "no-export-path", "Don't export parent path in the data", NULL, PW_CONFIG_OUT,
	    PW_FLAG(PIPE_DF_NO_EXPORT_PATH) },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct pipe_word pipe_display_sub[] = {
	{ "inheritance", "Show inherited configuration data and source group",
	    pipe_inheritance_sub, PW_EXEC | PW_CONFIG_OUT, PW_FMT(PIPE_FMT_INHERITANCE) },
	{ "json", "Show output in JSON format", pipe_json_sub, PW_EXEC,
	    PW_FMT(PIPE_FMT_JSON) },
	{ "set", "Show 'set' commands that create configuration", pipe_set_sub,
	    PW_EXEC | PW_CONFIG_OUT, PW_FMT(PIPE_FMT_SET) },
	{ "xml", "Show output as XML tags", pipe_xml_sub, PW_EXEC, PW_FMT(PIPE_FMT_XML) },
	{ NULL, NULL, NULL, 0, 0 }
};

const struct pipe_word pipe_words[] = {
	{ "append", "Append output text to file", pipe_file_arg, 0, PIPE_APPEND },
	{ "compare", "Compare configuration changes with prior version", pipe_compare_sub,
	    PW_EXEC | PW_CONFIG_OUT, PIPE_COMPARE },
	{ "count", "Count occurrences", NULL, 0, PIPE_COUNT },
	{ "display", "Show additional kinds of information", pipe_display_sub, 0,
	    PIPE_DISPLAY },
	{ "except", "Show only text that does not match a pattern", pipe_except_arg, 0,
	    PIPE_EXCEPT },
	{ "find", "Search for first occurrence of pattern", pipe_find_arg, 0, PIPE_FIND },
	{ "hold", "Hold text without exiting the --More-- prompt", NULL, 0, PIPE_HOLD },
	{ "last", "Display end of output only", pipe_last_arg, PW_EXEC, PIPE_LAST },
	{ "match", "Show only text that matches a pattern", pipe_match_arg, 0, PIPE_MATCH },
	{ "no-more", "Don't paginate output", NULL, 0, PIPE_NO_MORE },
	{ "save", "Save output text to file", pipe_file_arg, 0, PIPE_SAVE },
	{ "suppress-zeros", "Suppresses lines with zero values", NULL, 0,
	    PIPE_SUPPRESS_ZEROS },
	{ "tee", "Write to standard output and file", pipe_file_arg, 0, PIPE_TEE },
	{ "trim", "Trim specified number of columns from start of line", pipe_trim_arg, 0,
	    PIPE_TRIM },
	{ NULL, NULL, NULL, 0, 0 }
};

struct ptok {
	char	*pt_text;
	size_t	 pt_pos;
};

/*
 * Offset of the first unquoted '|' at or after start, or -1. Inside "..." a
 * backslash escapes the next character, as in the set-command tokenizer.
 */
static long
pipe_next_bar(const char *line, size_t start)
{
	bool quoted = false;

	for (size_t i = start; line[i] != '\0'; i++) {
		if (quoted) {
			if (line[i] == '\\' && line[i + 1] != '\0')
				i++;
			else if (line[i] == '"')
				quoted = false;
		} else if (line[i] == '"')
			quoted = true;
		else if (line[i] == '|')
			return (long)i;
	}
	return -1;
}

long
pipe_find_bar(const char *line)
{
	return pipe_next_bar(line, 0);
}

long
pipe_find_bar_from(const char *line, size_t start)
{
	return pipe_next_bar(line, start);
}

/*
 * Words of line[from, to): blanks separate them; "..." quotes a word with blanks
 * or '|' (\" and \\ unescaped, other backslashes kept for the regex).
 */
static size_t
pipe_tokenize(const char *line, size_t from, size_t to, struct ptok **out)
{
	struct ptok *v = NULL;
	size_t n = 0;
	size_t i = from;

	for (;;) {
		while (i < to && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (i >= to)
			break;
		struct buf w = BUF_INIT;
		size_t pos = i;
		if (line[i] == '"') {
			for (i++; i < to && line[i] != '"'; i++) {
				if (line[i] == '\\' && i + 1 < to &&
				    (line[i + 1] == '"' || line[i + 1] == '\\'))
					i++;
				buf_putc(&w, line[i]);
			}
			if (i < to)
				i++;	/* closing quote */
		} else {
			while (i < to && line[i] != ' ' && line[i] != '\t')
				buf_putc(&w, line[i++]);
		}
		struct ptok *nv = realloc(v, (n + 1) * sizeof(*v));
		if (nv == NULL)
			abort();
		v = nv;
		v[n].pt_text = buf_steal(&w);
		v[n].pt_pos = pos;
		n++;
	}
	*out = v;
	return n;
}

static void
pipe_tokens_free(struct ptok *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].pt_text);
	free(v);
}

static bool
pipe_is_value(const struct pipe_word *c)
{
	return c->pw_word[0] == '<';
}

static void
pipe_row(struct buf *b, const char *name, const char *help)
{
	if (help == NULL || *help == '\0')
		buf_printf(b, "  %s\n", name);
	else
		buf_printf(b, "  %-19s  %s\n", name, help);
}

/*
 * The word of table t that word selects: an exact keyword, else the only keyword
 * it is a prefix of, else the table's value word. NULL with the Junos message in
 * err when it is ambiguous or matches nothing.
 */
static const struct pipe_word *
pipe_lookup(const struct pipe_word *t, const char *word, struct buf *err)
{
	const struct pipe_word *value = NULL, *hit = NULL;
	size_t nhit = 0, len = strlen(word);

	for (const struct pipe_word *c = t; c->pw_word != NULL; c++) {
		if (pipe_is_value(c)) {
			value = c;
			continue;
		}
		if (strcmp(c->pw_word, word) == 0)
			return c;
		if (len > 0 &&
		    strncmp(c->pw_word, word, len) == 0) {
			hit = c;
			nhit++;
		}
	}
	if (nhit == 1)
		return hit;
	if (nhit > 1 && value == NULL) {
		buf_printf(err, "'%s' is ambiguous.\nPossible completions:\n", word);
		for (const struct pipe_word *c = t; c->pw_word != NULL; c++)
			if (!pipe_is_value(c) &&
			    strncmp(c->pw_word, word, len) == 0)
				pipe_row(err, c->pw_word, c->pw_help);
		return NULL;
	}
	if (value != NULL)
		return value;
	buf_puts(err, "syntax error, expecting <command>.");
	return NULL;
}

static int
pipe_number(const char *s, long min, long max, long *out, struct buf *err)
{
	char *end;

	errno = 0;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || *s == '-' || *s == '+') {
		/* inferred wording */
		buf_printf(err, "invalid numeric value: '%s'", s);
		return -1;
	}
	if (v < min || v > max) {
		/* the wording of setcmd's range errors */
		buf_printf(err, "Value %ld is not within range (%ld..%ld)", v, min, max);
		return -1;
	}
	*out = v;
	return 0;
}

/* Parse one stage from its words. Returns 0, or -1 with err and *errpos. */
static int
pipe_parse_stage(const struct ptok *w, size_t n, size_t end_pos, struct pipe_stage *ps,
    size_t *errpos, struct buf *err)
{
	const struct pipe_word *t = pipe_words, *top = NULL;
	bool complete = false;

	memset(ps, 0, sizeof(*ps));
	ps->ps_num = -1;
	ps->ps_pos = n > 0 ? w[0].pt_pos : end_pos;
	for (size_t i = 0; i < n; i++) {
		if (t == NULL) {
			*errpos = w[i].pt_pos;
			buf_puts(err, "syntax error, expecting <command>.");
			return -1;
		}
		const struct pipe_word *c = pipe_lookup(t, w[i].pt_text, err);
		if (c == NULL) {
			*errpos = w[i].pt_pos;
			return -1;
		}
		if (top == NULL) {
			top = c;
			ps->ps_kind = (enum pipe_kind)c->pw_id;
		} else if (pipe_is_value(c)) {
			long num;
			switch (ps->ps_kind) {
			case PIPE_LAST:
			case PIPE_TRIM:
				if (pipe_number(w[i].pt_text, ps->ps_kind == PIPE_LAST ? 1 : 0,
				    100000, &num, err) == -1) {
					*errpos = w[i].pt_pos;
					return -1;
				}
				ps->ps_num = num;
				break;
			case PIPE_COMPARE:
				if (t == pipe_compare_sub) {
					/* compare FILE */
					free(ps->ps_arg);
					if ((ps->ps_arg = strdup(w[i].pt_text)) == NULL)
						abort();
					break;
				}
				if (pipe_number(w[i].pt_text, 0, 49, &num, err) == -1) {
					*errpos = w[i].pt_pos;
					return -1;
				}
				ps->ps_num = num;
				break;
			default:
				free(ps->ps_arg);
				ps->ps_arg = strdup(w[i].pt_text);
				if (ps->ps_arg == NULL)
					abort();
				break;
			}
		} else if ((c->pw_id & 0x300) == 0x100)
			ps->ps_format = c->pw_id & 0xff;
		else if ((c->pw_id & 0x300) == 0x200)
			ps->ps_flags |= (unsigned)(c->pw_id & 0xff);
		complete = c->pw_sub == NULL || (c->pw_flags & PW_EXEC);
		t = c->pw_sub;
	}
	if (top == NULL) {
		*errpos = end_pos;
		buf_puts(err, "syntax error, expecting <command>.");
		return -1;
	}
	if (!complete) {
		*errpos = end_pos;
		if (t != NULL && pipe_is_value(&t[0]))
			buf_puts(err, "missing argument.");
		else
			buf_puts(err, "syntax error, expecting <command>.");
		return -1;
	}
	if (ps->ps_kind == PIPE_MATCH || ps->ps_kind == PIPE_EXCEPT ||
	    ps->ps_kind == PIPE_FIND) {
		/*
		 * POSIX extended, case-insensitive: Junos filters ignore case (NAPALM's
		 * emulation of these pipes, written against real devices, uses re.I).
		 */
		int rc = regcomp(&ps->ps_re, ps->ps_arg, REG_EXTENDED | REG_NOSUB | REG_ICASE);
		if (rc != 0) {
			char msg[128];
			regerror(rc, &ps->ps_re, msg, sizeof(msg));
			*errpos = w[1].pt_pos;
			/* inferred wording */
			buf_printf(err, "invalid regular expression: %s", msg);
			return -1;
		}
		ps->ps_re_ok = true;
	}
	return 0;
}

int
pipe_parse(const char *line, char **command, struct pipe_stage **stages, size_t *nstages,
    size_t *errpos, struct buf *err)
{
	struct pipe_stage *v = NULL;
	size_t n = 0;
	long bar = pipe_find_bar(line);
	size_t cmdlen = bar < 0 ? strlen(line) : (size_t)bar;

	*command = NULL;
	*stages = NULL;
	*nstages = 0;
	*errpos = 0;
	while (bar >= 0) {
		long next = pipe_next_bar(line, (size_t)bar + 1);
		size_t from = (size_t)bar + 1;
		size_t to = next < 0 ? strlen(line) : (size_t)next;
		struct ptok *w;
		size_t nw = pipe_tokenize(line, from, to, &w);
		struct pipe_stage *nv = realloc(v, (n + 1) * sizeof(*v));
		if (nv == NULL)
			abort();
		v = nv;
		/* a missing word is reported one column after the end of the stage */
		size_t end = to;
		while (end > from && (line[end - 1] == ' ' || line[end - 1] == '\t'))
			end--;
		int rc = pipe_parse_stage(w, nw, end + 1, &v[n], errpos, err);
		pipe_tokens_free(w, nw);
		if (rc == -1) {
			pipe_stages_free(v, n + 1);
			return -1;
		}
		n++;
		bar = next;
	}
	while (cmdlen > 0 && (line[cmdlen - 1] == ' ' || line[cmdlen - 1] == '\t'))
		cmdlen--;
	*command = strndup(line, cmdlen);
	if (*command == NULL)
		abort();
	*stages = v;
	*nstages = n;
	return 0;
}

int
pipe_split(const char *line, char **command, struct pipe_stage **stages, size_t *nstages,
    struct buf *err)
{
	size_t errpos;

	return pipe_parse(line, command, stages, nstages, &errpos, err);
}

int
pipe_check_context(const struct pipe_stage *v, size_t n, bool config_output,
    size_t *errpos, struct buf *err)
{
	for (size_t i = 0; i < n; i++) {
		bool bad = false;
		if (v[i].ps_kind == PIPE_COMPARE)
			bad = !config_output;
		else if (v[i].ps_kind == PIPE_DISPLAY) {
			if (v[i].ps_format == PIPE_FMT_SET ||
			    v[i].ps_format == PIPE_FMT_INHERITANCE)
				bad = !config_output;
			if (v[i].ps_flags & PIPE_DF_RPC)
				bad = config_output;
			if (v[i].ps_flags & PIPE_DF_NO_EXPORT_PATH)
				bad = !config_output;
		}
		if (bad) {
			*errpos = v[i].ps_pos;
			buf_puts(err, "syntax error, expecting <command>.");
			return -1;
		}
	}
	return 0;
}

void
pipe_display_opts(const struct pipe_stage *v, size_t n, struct pipe_display *d)
{
	memset(d, 0, sizeof(*d));
	d->format = PIPE_FMT_TEXT;
	d->compare_rollback = -1;
	for (size_t i = 0; i < n; i++) {
		if (v[i].ps_kind == PIPE_COMPARE) {
			d->compare = true;
			d->compare_rollback = (int)v[i].ps_num;
			d->compare_file = v[i].ps_arg;
		} else if (v[i].ps_kind == PIPE_DISPLAY) {
			d->format = v[i].ps_format;
			d->relative = (v[i].ps_flags & PIPE_DF_RELATIVE) != 0;
			d->explicit_ = (v[i].ps_flags & PIPE_DF_EXPLICIT) != 0;
			d->xml_rpc = (v[i].ps_flags & PIPE_DF_RPC) != 0;
			d->brief = (v[i].ps_flags & PIPE_DF_BRIEF) != 0;
			d->no_comments = (v[i].ps_flags & PIPE_DF_NO_COMMENTS) != 0;
			d->terse = (v[i].ps_flags & PIPE_DF_TERSE) != 0;
			d->no_export_path = (v[i].ps_flags & PIPE_DF_NO_EXPORT_PATH) != 0;
		}
	}
}

bool
pipe_has(const struct pipe_stage *v, size_t n, enum pipe_kind k)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].ps_kind == k)
			return true;
	return false;
}

/* Lines of text: a last line without '\n' counts. */
static size_t
pipe_count_lines(const char *s)
{
	size_t n = 0;

	for (const char *p = s; *p != '\0'; p++)
		if (*p == '\n')
			n++;
	if (*s != '\0' && s[strlen(s) - 1] != '\n')
		n++;
	return n;
}

/* Call fn for each line of s (without its '\n'); a final partial line included. */
#define PIPE_FOREACH_LINE(s, line, len)					\
	for (const char *line = (s), *pipe_nl_; *line != '\0' &&	\
	    ((pipe_nl_ = strchr(line, '\n')), (len) = pipe_nl_ ?		\
	    (size_t)(pipe_nl_ - line) : strlen(line), 1);			\
	    line += (len) + (pipe_nl_ ? 1 : 0))

static bool
pipe_line_matches(const struct pipe_stage *ps, const char *line, size_t len)
{
	char *s = strndup(line, len);

	if (s == NULL)
		abort();
	bool m = regexec(&ps->ps_re, s, 0, NULL, 0) == 0;
	free(s);
	return m;
}

static int
pipe_write_file(const char *path, const char *text, bool append, struct buf *err)
{
	int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
	int fd = open(path, flags, 0644);
	size_t len = strlen(text), off = 0;

	if (fd == -1) {
		/* inferred wording */
		buf_printf(err, "error: could not open '%s': %s", path, strerror(errno));
		return -1;
	}
	while (off < len) {
		ssize_t w = write(fd, text + off, len - off);
		if (w == -1) {
			if (errno == EINTR)
				continue;
			buf_printf(err, "error: could not write '%s': %s", path,
			    strerror(errno));
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	if (close(fd) == -1) {
		buf_printf(err, "error: could not write '%s': %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* One text stage: cur -> next. Returns 0, 1 to stop processing (find: not found), -1. */
static int
pipe_run_stage(const struct pipe_stage *ps, const char *cur, int screen_length,
    struct buf *next, bool *no_more, struct buf *err)
{
	size_t len;

	switch (ps->ps_kind) {
	case PIPE_MATCH:
	case PIPE_EXCEPT: {
		bool want = ps->ps_kind == PIPE_MATCH;
		PIPE_FOREACH_LINE(cur, line, len) {
			if (pipe_line_matches(ps, line, len) == want) {
				buf_append(next, line, len);
				buf_putc(next, '\n');
			}
		}
		return 0;
	}
	case PIPE_FIND: {
		PIPE_FOREACH_LINE(cur, line, len) {
			if (pipe_line_matches(ps, line, len)) {
				buf_puts(next, line);
				if (next->b_len > 0 && next->b_data[next->b_len - 1] != '\n')
					buf_putc(next, '\n');
				return 0;
			}
		}
		/* live vSRX 24.4 capture (xpf reference), odd but recorded */
		buf_puts(next, "Count: 0 lines\n\nPattern not found\n");
		return 1;
	}
	case PIPE_COUNT:
		buf_printf(next, "Count: %zu lines\n", pipe_count_lines(cur));
		return 0;
	case PIPE_LAST: {
		size_t total = pipe_count_lines(cur), keep;
		if (ps->ps_num > 0)
			keep = (size_t)ps->ps_num;
		else if (screen_length > 1)
			keep = (size_t)screen_length - 1;	/* one screen, as the pager */
		else
			keep = total;
		size_t skip = total > keep ? total - keep : 0, i = 0;
		PIPE_FOREACH_LINE(cur, line, len) {
			if (i++ >= skip) {
				buf_append(next, line, len);
				buf_putc(next, '\n');
			}
		}
		return 0;
	}
	case PIPE_TRIM:
		PIPE_FOREACH_LINE(cur, line, len) {
			size_t cut = (size_t)ps->ps_num < len ? (size_t)ps->ps_num : len;
			buf_append(next, line + cut, len - cut);
			buf_putc(next, '\n');
		}
		return 0;
	case PIPE_SAVE:
	case PIPE_APPEND:
		if (pipe_write_file(ps->ps_arg, cur, ps->ps_kind == PIPE_APPEND, err) == -1)
			return -1;
		/* the append message is inferred from save's */
		buf_printf(next, "Wrote %zu line%s of output to '%s'\n",
		    pipe_count_lines(cur), pipe_count_lines(cur) == 1 ? "" : "s",
		    ps->ps_arg);
		return 0;
	case PIPE_TEE:
		if (pipe_write_file(ps->ps_arg, cur, false, err) == -1)
			return -1;
		buf_puts(next, cur);
		return 0;
	case PIPE_NO_MORE:
		*no_more = true;
		buf_puts(next, cur);
		return 0;
	case PIPE_SUPPRESS_ZEROS:
		/*
		 * It drops the zero lines of counter displays; a configuration comes out
		 * unchanged (vSRX 24.4: the same `| count` with and without it), and no
		 * output of ours has counters yet.
		 */
	case PIPE_HOLD:
	case PIPE_DISPLAY:
	case PIPE_COMPARE:
		buf_puts(next, cur);	/* not text filters: the cli and pager read them */
		return 0;
	}
	buf_puts(next, cur);
	return 0;
}

int
pipe_filter_screen(const struct pipe_stage *v, size_t n, const char *output,
    int screen_length, struct buf *out, bool *no_more, struct buf *err)
{
	struct buf cur = BUF_INIT, next = BUF_INIT;
	int rc = 0;

	*no_more = false;
	buf_puts(&cur, output ? output : "");
	for (size_t i = 0; i < n; i++) {
		buf_reset(&next);
		rc = pipe_run_stage(&v[i], buf_str(&cur), screen_length, &next, no_more, err);
		if (rc == -1)
			break;
		struct buf t = cur;
		cur = next;
		next = t;
		if (rc == 1) {
			rc = 0;
			break;
		}
	}
	buf_puts(out, buf_str(&cur));
	buf_free(&cur);
	buf_free(&next);
	return rc;
}

int
pipe_filter(const struct pipe_stage *v, size_t n, const char *output, struct buf *out,
    bool *no_more, struct buf *err)
{
	return pipe_filter_screen(v, n, output, 0, out, no_more, err);
}

void
pipe_stages_free(struct pipe_stage *v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(v[i].ps_arg);
		if (v[i].ps_re_ok)
			regfree(&v[i].ps_re);
	}
	free(v);
}
