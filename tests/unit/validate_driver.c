/*
 * validate_driver: apply `set ...` lines read from stdin to an empty configuration
 * (lib/setcmd.c, as the cli does), expand groups, run the commit-time validation
 * (lib/validate.c) and print what commit would print.
 *
 *   validate_driver [SCHEMA-DIR] < lines
 *
 * SCHEMA-DIR defaults to $ROUTEMU_SCHEMA_DIR (schema_load_default). Output:
 *   - a line that does not apply: "line N: [edit PATH] MESSAGE" on stderr, exit 2;
 *   - a valid configuration: "configuration check succeeds", exit 0;
 *   - otherwise the Junos error blocks and the check-out failure line, exit 1.
 * Used by hand and by tests/system/must_cases.py's self-check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "conffmt.h"
#include "schema.h"
#include "setcmd.h"
#include "validate.h"

int
main(int argc, char **argv)
{
	char err[1024];
	struct schema *s;
	struct conf_node *root = NULL, *eff = NULL;
	struct buf errs = BUF_INIT;
	struct validate_result res;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	int rc = 2;

	s = argc > 1 ? schema_load_dir(argv[1], err, sizeof(err)) :
	    schema_load_default(err, sizeof(err));
	if (s == NULL) {
		fprintf(stderr, "schema: %s\n", err);
		return 2;
	}
	if (validate_compile_schema(s, err, sizeof(err)) == -1) {
		fprintf(stderr, "schema: %s\n", err);
		goto done;
	}
	root = conf_new(s);
	while ((len = getline(&line, &cap, stdin)) != -1) {
		struct cmd_error ce;

		lineno++;
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		if (cmd_apply_line(root, NULL, line, &ce) == -1) {
			fprintf(stderr, "line %zu: %s%s%s\n", lineno, ce.ce_path,
			    ce.ce_path[0] ? " " : "", ce.ce_msg);
			goto done;
		}
	}
	if ((eff = conf_expand_groups(root, false, &errs)) == NULL) {
		fputs(buf_str(&errs), stdout);
		rc = 1;
		goto done;
	}
	if (conf_validate_result(eff, &errs, &res) == 0) {
		puts("configuration check succeeds");
		rc = 0;
	} else {
		fputs(buf_str(&errs), stdout);
		puts(validate_failure_line(&res));
		rc = 1;
	}
done:
	free(line);
	buf_free(&errs);
	conf_free(eff);
	conf_free(root);
	validate_release_schema(s);
	schema_free(s);
	return rc;
}
