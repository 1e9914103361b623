/*
 * fuzz_setcmd: configuration-mode editing commands (set, delete, activate,
 * rename, insert ...) on a fresh tree over the real schema.
 *
 * Checked beyond "no crash":
 *   - a line that fails leaves the tree exactly as it was (never half-applies);
 *   - the `| display set` form of the result loads into a fresh tree and gives the
 *     same tree (what the cli shows can be loaded back).
 */
#include <stdbool.h>

#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "fuzz_common.h"
#include "setcmd.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerInitialize(int *, char ***);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_schema();
	return 0;
}

static void
fuzz_resolve_words(const struct schema *s, const char *line)
{
	struct cmd_words w = {0};
	char err[256];

	/*
	 * The completer's path: partial lines, resolved as far as they go. On
	 * error cmd_split still returns the words so far (an open quote), so they
	 * are always freed.
	 */
	if (cmd_split(line, &w, err, sizeof(err)) == 0 && w.cw_n > 1) {
		struct cmd_resolution res;
		struct cmd_error ce;

		memset(&res, 0, sizeof(res));
		memset(&ce, 0, sizeof(ce));
		cmd_resolve(s->s_root, w.cw_v + 1, w.cw_n - 1, true, &res, &ce);
		char *p = cmd_steps_string(res.cr_steps, res.cr_nsteps);
		free(p);
		cmd_resolution_free(&res);
	}
	cmd_words_free(&w);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct schema *s = fuzz_schema();
	struct conf_node *root, *again;
	struct cmd_error err;
	struct buf out = BUF_INIT;
	size_t errline = 0;
	char *text, *line, *save = NULL;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	text = fuzz_strdup(data, size);

	/* Whole text, as `load set`. */
	root = conf_new(s);
	memset(&err, 0, sizeof(err));
	cmd_apply_text(root, NULL, text, &errline, &err);
	conf_free(root);

	/* Line by line, as typed, checking atomicity. */
	root = conf_new(s);
	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		struct conf_node *before = conf_dup(root);

		fuzz_resolve_words(s, line);
		memset(&err, 0, sizeof(err));
		if (cmd_apply_line(root, NULL, line, &err) == -1)
			FUZZ_ASSERT(conf_equal(root, before, true),
			            "line changed the tree although it failed: %s\nerror: %s", line,
			            err.ce_msg);
		conf_free(before);
	}

	if (fuzz_roundtrip()) {
		conf_print_set(&out, root, false, 0);
		again = conf_new(s);
		memset(&err, 0, sizeof(err));
		int rv = cmd_apply_text(again, NULL, buf_str(&out), &errline, &err);
		FUZZ_ASSERT(rv == 0, "display set output does not load back: line %zu: %s\n%s",
		            errline, err.ce_msg, buf_str(&out));
		FUZZ_ASSERT(conf_equal(root, again, false),
		            "display set output loads back differently:\n%s", buf_str(&out));
		conf_free(again);
	}
	buf_free(&out);
	conf_free(root);
	free(text);
	return 0;
}
