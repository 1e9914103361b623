/*
 * fuzz_conftext: the Junos curly-brace text parser (juniper.conf, `load merge
 * terminal`), then every printer on whatever it accepted.
 *
 * Checked beyond "no crash": text the parser accepts, printed again, parses
 * without error into the same tree (juniper.conf written by a commit is readable).
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
	int nerr = conf_parse_text(root, text, "fuzz", &errs);
	if (nerr == 0) {
		/* The printers see every shape the parser can build. */
		conf_print_text(&out, root, 0, 0);
		buf_reset(&out);
		conf_print_set(&out, root, false, 0);
		buf_reset(&out);
		conf_print_xml(&out, root, NULL, 0);
		buf_reset(&out);
		conf_print_json(&out, root, NULL, 0);
		buf_reset(&out);

		if (fuzz_roundtrip()) {
			struct conf_node *again = conf_new(s);

			conf_print_text(&out, root, 0, 0);
			buf_reset(&errs);
			int n2 = conf_parse_text(again, buf_str(&out), "roundtrip", &errs);
			FUZZ_ASSERT(n2 == 0,
			            "printed text does not parse back:\n%s\n--- errors:\n%s",
			            buf_str(&out), buf_str(&errs));
			FUZZ_ASSERT(conf_equal(root, again, true),
			            "printed text parses back differently:\n%s", buf_str(&out));
			conf_free(again);
		}
	}
	buf_free(&out);
	buf_free(&errs);
	conf_free(root);
	free(text);
	return 0;
}
