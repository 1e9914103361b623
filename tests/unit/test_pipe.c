/*
 * test_pipe: the `| ...` stages (cli/pipe.c) and the pager loop (cli/pager.c).
 * Texts: notes/junos-cli.md §1.5 (Count: N lines, find's not-found form, save).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pager.h"
#include "pipe.h"
#include "unit.h"

static const char *text =
    "interfaces {\n"
    "    ge-0/0/0 {\n"
    "        description \"Uplink to KS\";\n"
    "    }\n"
    "    lo0 {\n"
    "        unit 0;\n"
    "    }\n"
    "}\n";

/* Parse line, run the filters over input; the output, or "ERR@pos:" + message. */
static const char *
run(const char *line, const char *input)
{
	static struct buf out;
	struct buf err = BUF_INIT;
	struct pipe_stage *st = NULL;
	size_t n = 0, errpos = 0;
	char *cmd = NULL;
	bool no_more = false;

	buf_free(&out);
	if (pipe_parse(line, &cmd, &st, &n, &errpos, &err) == -1) {
		buf_printf(&out, "ERR@%zu:%s", errpos, buf_str(&err));
	} else if (pipe_filter(st, n, input, &out, &no_more, &err) == -1) {
		buf_reset(&out);	/* (it holds the text before the failing stage) */
		buf_printf(&out, "FILTER-ERR:%s", buf_str(&err));
	}
	free(cmd);
	pipe_stages_free(st, n);
	buf_free(&err);
	return buf_str(&out);
}

static void
test_split(void)
{
	struct buf err = BUF_INIT;
	struct pipe_stage *st;
	size_t n;
	char *cmd;

	UNIT_CHECK(pipe_split("show configuration", &cmd, &st, &n, &err) == 0);
	UNIT_STREQ(cmd, "show configuration");
	UNIT_CHECK(n == 0 && st == NULL);
	free(cmd);

	UNIT_CHECK(pipe_split("show configuration  | match \"a|b c\" | count", &cmd, &st, &n,
	    &err) == 0);
	UNIT_STREQ(cmd, "show configuration");
	UNIT_CHECK(n == 2);
	UNIT_CHECK(st[0].ps_kind == PIPE_MATCH);
	UNIT_STREQ(st[0].ps_arg, "a|b c");
	UNIT_CHECK(st[1].ps_kind == PIPE_COUNT);
	UNIT_CHECK(st[0].ps_pos == 22 && st[1].ps_pos == 38);
	free(cmd);
	pipe_stages_free(st, n);

	/* a '|' inside a quoted value of the command is no pipe */
	UNIT_CHECK(pipe_split("set system host-name \"a|b\"", &cmd, &st, &n, &err) == 0);
	UNIT_STREQ(cmd, "set system host-name \"a|b\"");
	UNIT_CHECK(n == 0);
	free(cmd);
	UNIT_CHECK(pipe_find_bar("a \"|\" | b") == 6);
	UNIT_CHECK(pipe_find_bar("no bar") == -1);

	/* unique prefixes */
	UNIT_CHECK(pipe_split("show | disp set rel | m x | la 3 | no", &cmd, &st, &n,
	    &err) == 0);
	UNIT_CHECK(n == 4);
	UNIT_CHECK(st[0].ps_kind == PIPE_DISPLAY && st[0].ps_format == PIPE_FMT_SET &&
	    st[0].ps_flags == PIPE_DF_RELATIVE);
	UNIT_CHECK(st[2].ps_kind == PIPE_LAST && st[2].ps_num == 3);
	UNIT_CHECK(st[3].ps_kind == PIPE_NO_MORE);
	UNIT_CHECK(pipe_has(st, n, PIPE_NO_MORE));
	UNIT_CHECK(!pipe_has(st, n, PIPE_HOLD));
	struct pipe_display d;
	pipe_display_opts(st, n, &d);
	UNIT_CHECK(d.format == PIPE_FMT_SET && d.relative && !d.compare &&
	    d.compare_rollback == -1 && !d.xml_rpc);
	free(cmd);
	pipe_stages_free(st, n);

	UNIT_CHECK(pipe_split("show | compare rollback 3 | display xml", &cmd, &st, &n,
	    &err) == 0);
	pipe_display_opts(st, n, &d);
	UNIT_CHECK(d.format == PIPE_FMT_XML && d.compare && d.compare_rollback == 3);
	size_t pos = 0;
	buf_reset(&err);
	UNIT_CHECK(pipe_check_context(st, n, true, &pos, &err) == 0);
	UNIT_CHECK(pipe_check_context(st, n, false, &pos, &err) == -1);
	UNIT_CHECK(pos == 7);
	UNIT_STREQ(buf_str(&err), "syntax error, expecting <command>.");
	free(cmd);
	pipe_stages_free(st, n);

	/* compare FILE: the file name is kept; `r` still selects rollback */
	UNIT_CHECK(pipe_split("show | compare /var/tmp/old.conf", &cmd, &st, &n, &err) == 0);
	pipe_display_opts(st, n, &d);
	UNIT_CHECK(d.compare && d.compare_rollback == -1);
	UNIT_STREQ(d.compare_file, "/var/tmp/old.conf");
	free(cmd);
	pipe_stages_free(st, n);
	UNIT_CHECK(pipe_split("show | compare r 2", &cmd, &st, &n, &err) == 0);
	pipe_display_opts(st, n, &d);
	UNIT_CHECK(d.compare && d.compare_rollback == 2 && d.compare_file == NULL);
	free(cmd);
	pipe_stages_free(st, n);
	UNIT_CHECK(pipe_split("show | compare", &cmd, &st, &n, &err) == 0);
	pipe_display_opts(st, n, &d);
	UNIT_CHECK(d.compare && d.compare_rollback == -1 && d.compare_file == NULL);
	free(cmd);
	pipe_stages_free(st, n);

	/* display xml|json no-export-path: configuration displays only */
	UNIT_CHECK(pipe_split("show | display json no-export-path", &cmd, &st, &n,
	    &err) == 0);
	pipe_display_opts(st, n, &d);
	UNIT_CHECK(d.format == PIPE_FMT_JSON && d.no_export_path);
	buf_reset(&err);
	UNIT_CHECK(pipe_check_context(st, n, true, &pos, &err) == 0);
	UNIT_CHECK(pipe_check_context(st, n, false, &pos, &err) == -1);
	free(cmd);
	pipe_stages_free(st, n);
	UNIT_CHECK(pipe_split("show | display xml", &cmd, &st, &n, &err) == 0);
	pipe_display_opts(st, n, &d);
	UNIT_CHECK(d.format == PIPE_FMT_XML && !d.no_export_path);
	free(cmd);
	pipe_stages_free(st, n);

	UNIT_CHECK(pipe_split("show version | display xml rpc", &cmd, &st, &n, &err) == 0);
	pipe_display_opts(st, n, &d);
	UNIT_CHECK(d.format == PIPE_FMT_XML && d.xml_rpc);
	buf_reset(&err);
	UNIT_CHECK(pipe_check_context(st, n, false, &pos, &err) == 0);
	UNIT_CHECK(pipe_check_context(st, n, true, &pos, &err) == -1);
	free(cmd);
	pipe_stages_free(st, n);

	UNIT_CHECK(pipe_split("show | display inheritance no-comments", &cmd, &st, &n,
	    &err) == 0);
	pipe_display_opts(st, n, &d);
	UNIT_CHECK(d.format == PIPE_FMT_INHERITANCE && d.no_comments && !d.brief);
	free(cmd);
	pipe_stages_free(st, n);
	buf_free(&err);
}

static void
test_parse_errors(void)
{
	UNIT_STREQ(run("show | frob", ""), "ERR@7:syntax error, expecting <command>.");
	UNIT_STREQ(run("show | c", ""), "ERR@7:'c' is ambiguous.\n"
	    "Possible completions:\n"
	    "  compare              Compare configuration changes with prior version\n"
	    "  count                Count occurrences\n");
	UNIT_STREQ(run("show | match", ""), "ERR@13:missing argument.");
	UNIT_STREQ(run("show | save  ", ""), "ERR@12:missing argument.");
	UNIT_STREQ(run("show |", ""), "ERR@7:syntax error, expecting <command>.");
	UNIT_STREQ(run("show | count x", ""), "ERR@13:syntax error, expecting <command>.");
	UNIT_STREQ(run("show | display", ""), "ERR@15:syntax error, expecting <command>.");
	UNIT_STREQ(run("show | display set foo", ""),
	    "ERR@19:syntax error, expecting <command>.");
	UNIT_STREQ(run("show | last x", ""), "ERR@12:invalid numeric value: 'x'");
	UNIT_STREQ(run("show | compare rollback 50", ""),
	    "ERR@24:Value 50 is not within range (0..49)");
	UNIT_CHECK(strncmp(run("show | match \"(\"", ""), "ERR@13:invalid regular expression",
	    strlen("ERR@13:invalid regular expression")) == 0);
}

static void
test_filters(void)
{
	UNIT_STREQ(run("show | match unit", text), "        unit 0;\n");
	/* extended regex; `|` inside quotes is alternation; case is ignored */
	UNIT_STREQ(run("show | match \"GE-|lo0\"", text), "    ge-0/0/0 {\n    lo0 {\n");
	UNIT_STREQ(run("show | match \"^ {4}[a-z]\"", text), "    ge-0/0/0 {\n    lo0 {\n");
	UNIT_STREQ(run("show | except \"[{}]\"", text),
	    "        description \"Uplink to KS\";\n        unit 0;\n");
	UNIT_STREQ(run("show | count", text), "Count: 8 lines\n");
	UNIT_STREQ(run("show | count", ""), "Count: 0 lines\n");
	UNIT_STREQ(run("show | count", "no newline"), "Count: 1 lines\n");
	UNIT_STREQ(run("show | match zzz | count", text), "Count: 0 lines\n");
	UNIT_STREQ(run("show | find lo0", text), "    lo0 {\n        unit 0;\n    }\n}\n");
	UNIT_STREQ(run("show | find zzz", text), "Count: 0 lines\n\nPattern not found\n");
	UNIT_STREQ(run("show | last 2", text), "    }\n}\n");
	UNIT_STREQ(run("show | last 100", text), text);
	UNIT_STREQ(run("show | last", text), text);	/* no screen length: everything */
	UNIT_STREQ(run("show | trim 4 | match unit", text), "    unit 0;\n");
	UNIT_STREQ(run("show | trim 100 | count", text), "Count: 8 lines\n");
	UNIT_STREQ(run("show | find ge | match desc | trim 8", text),
	    "description \"Uplink to KS\";\n");
	/* suppress-zeros leaves a configuration as it is (vSRX 24.4) */
	UNIT_STREQ(run("show | suppress-zeros", text), text);
	UNIT_STREQ(run("show | suppress-zeros | count", text), "Count: 8 lines\n");
	UNIT_STREQ(run("show | s", ""), "ERR@7:'s' is ambiguous.\n"
	    "Possible completions:\n"
	    "  save                 Save output text to file\n"
	    "  suppress-zeros       Suppresses lines with zero values\n");
	/* display and compare do not filter text */
	UNIT_STREQ(run("show | display set | no-more | hold", text), text);

	/* no-more */
	struct buf out = BUF_INIT, err = BUF_INIT;
	struct pipe_stage *st;
	size_t n, pos;
	char *cmd;
	bool no_more = false;
	UNIT_CHECK(pipe_parse("x | no-more", &cmd, &st, &n, &pos, &err) == 0);
	UNIT_CHECK(pipe_filter(st, n, text, &out, &no_more, &err) == 0 && no_more);
	free(cmd);
	pipe_stages_free(st, n);
	/* last without a count: one screen (screen length less one, as the pager) */
	UNIT_CHECK(pipe_parse("x | last", &cmd, &st, &n, &pos, &err) == 0);
	buf_reset(&out);
	UNIT_CHECK(pipe_filter_screen(st, n, text, 4, &out, &no_more, &err) == 0);
	UNIT_STREQ(buf_str(&out), "        unit 0;\n    }\n}\n");
	free(cmd);
	pipe_stages_free(st, n);
	buf_free(&out);
	buf_free(&err);
}

static char *
slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	static char data[4096];
	size_t n;

	if (f == NULL)
		return NULL;
	n = fread(data, 1, sizeof(data) - 1, f);
	data[n] = '\0';
	fclose(f);
	return data;
}

static void
test_files(void)
{
	char dir[] = "/tmp/test_pipe.XXXXXX", path[256], line[512];

	UNIT_CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/out.txt", dir);

	char want[512];
	snprintf(line, sizeof(line), "show | match unit | save %s", path);
	snprintf(want, sizeof(want), "Wrote 1 line of output to '%s'\n", path);
	UNIT_STREQ(run(line, text), want);
	UNIT_STREQ(slurp(path), "        unit 0;\n");
	snprintf(line, sizeof(line), "show | save %s", path);
	snprintf(want, sizeof(want), "Wrote 8 lines of output to '%s'\n", path);
	UNIT_STREQ(run(line, text), want);
	UNIT_STREQ(slurp(path), text);

	snprintf(line, sizeof(line), "show | match lo0 | append %s", path);
	snprintf(want, sizeof(want), "Wrote 1 line of output to '%s'\n", path);
	UNIT_STREQ(run(line, text), want);
	snprintf(want, sizeof(want), "%s    lo0 {\n", text);
	UNIT_STREQ(slurp(path), want);

	snprintf(line, sizeof(line), "show | tee %s | count", path);
	UNIT_STREQ(run(line, text), "Count: 8 lines\n");
	UNIT_STREQ(slurp(path), text);

	snprintf(line, sizeof(line), "show | save %s/no/such/dir/f", dir);
	UNIT_CHECK(strncmp(run(line, text), "FILTER-ERR:error: could not open '",
	    strlen("FILTER-ERR:error: could not open '")) == 0);

	unlink(path);
	rmdir(dir);
}

/* Run the pager with keys, return what it wrote. */
static const char *
page(const char *input, const char *keys, int length, int width, bool hold)
{
	static char out[8192];
	int kin[2], kout[2];

	if (pipe(kin) == -1 || pipe(kout) == -1)
		abort();
	if (write(kin[1], keys, strlen(keys)) != (ssize_t)strlen(keys))
		abort();
	close(kin[1]);		/* after the keys: end of input, which quits */
	pager_run(kin[0], kout[1], input, length, width, hold);
	close(kout[1]);
	ssize_t n = read(kout[0], out, sizeof(out) - 1);
	out[n > 0 ? n : 0] = '\0';
	close(kin[0]);
	close(kout[0]);
	return out;
}

#define ERASE(n) "\r" n "\r"
#define BLANK16 "                "

static void
test_pager(void)
{
	const char *ten = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";

	/* fits: no prompt */
	UNIT_STREQ(page("1\n2\n3\n", "", 5, 80, false), "1\n2\n3\n");
	/* screen-length 0: no pager */
	UNIT_STREQ(page(ten, "", 0, 80, false), ten);
	/* 4 lines, prompt with the share shown (8 of 21 bytes), q stops */
	UNIT_STREQ(page(ten, "q", 5, 80, false),
	    "1\n2\n3\n4\n---(more 38%)---" ERASE(BLANK16));
	/* space: next screen; Enter: one line; end of keys quits */
	UNIT_STREQ(page(ten, " \n", 5, 80, false),
	    "1\n2\n3\n4\n---(more 38%)---" ERASE(BLANK16)
	    "5\n6\n7\n8\n---(more 76%)---" ERASE(BLANK16)
	    "9\n---(more 85%)---" ERASE(BLANK16));
	/* other keys are ignored */
	UNIT_STREQ(page(ten, "x  ", 5, 80, false),
	    "1\n2\n3\n4\n---(more 38%)---" ERASE(BLANK16)
	    "5\n6\n7\n8\n---(more 76%)---" ERASE(BLANK16) "9\n10\n");
	/* long lines take several rows of the screen */
	UNIT_STREQ(page("aaaaaaaaaa\nb\nc\n", "q", 4, 4, false),
	    "aaaaaaaaaa\n---(more 73%)---" ERASE(BLANK16));
	/* hold: the prompt stays after the end until q */
	UNIT_STREQ(page("1\n2\n", "q", 5, 80, true),
	    "1\n2\n---(more 100%)---" ERASE(BLANK16 " "));
	/* a last line without newline gets one */
	UNIT_STREQ(page("1\n2", "", 5, 80, false), "1\n2\n");
}

int
main(void)
{
	UNIT_RUN(test_split);
	UNIT_RUN(test_parse_errors);
	UNIT_RUN(test_filters);
	UNIT_RUN(test_files);
	UNIT_RUN(test_pager);
	return unit_exit();
}
