/*
 * fuzz_confjson: the Junos JSON configuration parser (`load ... json`,
 * <configuration-json>). Accepted input, printed as JSON, parses back the same.
 */
#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "fuzz_common.h"

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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct schema *s = fuzz_schema();
	struct buf errs = BUF_INIT, out = BUF_INIT;
	struct conf_node *root;
	char *text;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	text = fuzz_strdup(data, size);
	root = conf_new(s);
	if (conf_parse_json(root, text, &errs) == 0) {
		conf_print_text(&out, root, 0, 0);
		buf_reset(&out);
		if (fuzz_roundtrip()) {
			struct conf_node *again = conf_new(s);

			conf_print_json(&out, root, NULL, 0);
			buf_reset(&errs);
			int n2 = conf_parse_json(again, buf_str(&out), &errs);
			FUZZ_ASSERT(n2 == 0,
			            "printed JSON does not parse back:\n%s\n--- errors:\n%s",
			            buf_str(&out), buf_str(&errs));
			FUZZ_ASSERT(conf_equal(root, again, false),
			            "printed JSON parses back differently:\n%s", buf_str(&out));
			conf_free(again);
		}
	}
	buf_free(&out);
	buf_free(&errs);
	conf_free(root);
	free(text);
	return 0;
}
