/*
 * test_complete: `?` help, TAB/space completion and Enter expansion (cli/complete.c)
 * over the mini schema of tests/unit/data/mini-schema, with small command tables
 * shaped like the cli's. Expected texts follow the Junos layout of
 * notes/junos-cli.md §1.10 (2-char prefix, %-19s name, two blanks, help).
 *
 * Data: $ROUTEMU_TESTDATA/mini-schema (else $srcdir/tests/unit/data/mini-schema, else
 * ./tests/unit/data/mini-schema); the product schema, checked more loosely, from
 * $ROUTEMU_SCHEMA_DIR (else $srcdir/schema). With COMPLETE_DUMP=1 in the environment
 * every help text is printed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "complete.h"
#include "conf.h"
#include "schema.h"
#include "setcmd.h"
#include "unit.h"

/* ---- tables shaped like the cli's ---- */

enum { T_NONE, T_ACTIVATE, T_COMMIT, T_DELETE, T_EDIT, T_EXIT, T_ROLLBACK, T_RUN, T_SET,
    T_SHOW, T_RENAME, T_INSERT, T_CONFIGURE, T_SHOW_CONFIG, T_SHOW_COMMIT, T_SCREEN,
    T_COS };

static const struct op_cmd t_comment[] = {
	{ "<comment>", "Message to write to commit log", NULL, 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_confirmed[] = {
	{ "<timeout>", "Number of minutes until rollback (1..65535)", NULL, 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_commit[] = {
	{ "and-quit", "Quit configuration mode if commit succeeds", NULL, 0, 0 },
	{ "check", "Check correctness of syntax; do not apply changes", NULL, 0, 0 },
	{ "comment", "Message to write to commit log", t_comment, 0, 0 },
	{ "confirmed", "Automatically rollback if not confirmed", t_confirmed, OC_EXEC, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_rollback[] = {
	{ "<number>", "Rollback number", NULL, OC_ARG_ROLLBACK, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_exit[] = {
	{ "configuration-mode", "Exit from configuration mode", NULL, 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_cfg[] = {
	{ "activate", "Remove the inactive tag from a statement", NULL,
	    OC_ARG_DELETE | OC_NOPIPE, T_ACTIVATE },
	{ "commit", "Commit current set of changes", t_commit, OC_OPTIONS | OC_EXEC, T_COMMIT },
	{ "delete", "Delete a data element", NULL, OC_ARG_DELETE | OC_NOPIPE, T_DELETE },
	{ "edit", "Edit a sub-element", NULL, OC_ARG_EDIT | OC_NOPIPE, T_EDIT },
	{ "exit", "Exit from this level", t_exit, OC_EXEC | OC_NOPIPE, T_EXIT },
	{ "insert", "Insert a new ordered data element", NULL, OC_ARG_INSERT | OC_NOPIPE,
	    T_INSERT },
	{ "rename", "Rename a statement", NULL, OC_ARG_RENAME | OC_NOPIPE, T_RENAME },
	{ "rollback", "Roll back to previous committed configuration", t_rollback, OC_EXEC,
	    T_ROLLBACK },
	{ "run", "Run an operational-mode command", NULL, OC_ARG_OPCMD, T_RUN },
	{ "set", "Set a parameter", NULL, OC_ARG_SET | OC_NOPIPE, T_SET },
	{ "show", "Show a parameter", NULL, OC_ARG_PATH, T_SHOW },
	{ NULL, NULL, NULL, 0, 0 }
};

static const struct op_cmd t_configure[] = {
	{ "exclusive", "Obtain exclusive lock (other users cannot make changes)", NULL, 0, 0 },
	{ "private", "Work in private database (other users cannot see changes)", NULL, 0,
	    0 },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_show_system[] = {
	{ "commit", "Show pending commit and commit history", NULL, 0, T_SHOW_COMMIT },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_show[] = {
	{ "configuration", "Show current configuration", NULL,
	    OC_ARG_PATH | OC_ARG_COMMITTED, T_SHOW_CONFIG },
	{ "system", "Show system information", t_show_system, 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_screen_length[] = {
	{ "<screen-length>", "Number of lines on screen (0..100000)", NULL, 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_onoff[] = {
	{ "off", "Disable complete-on-space", NULL, 0, 0 },
	{ "on", "Enable complete-on-space", NULL, 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_set_cli[] = {
	{ "complete-on-space", "Set whether typing space completes current word", t_onoff,
	    0, T_COS },
	{ "screen-length", "Set number of lines on screen", t_screen_length, 0, T_SCREEN },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_set[] = {
	{ "cli", "Set CLI properties", t_set_cli, 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};
static const struct op_cmd t_op[] = {
	{ "configure", "Manipulate software configuration information", t_configure,
	    OC_EXEC | OC_NOPIPE, T_CONFIGURE },
	{ "set", "Set CLI properties", t_set, 0, 0 },
	{ "show", "Show system information", t_show, 0, 0 },
	{ NULL, NULL, NULL, 0, 0 }
};

/* ---- environment ---- */

static struct schema *schema;
static struct conf_node *tree;
static bool no_rollbacks;

static const struct conf_node *
env_config(void *arg, bool committed)
{
	(void)arg;
	(void)committed;
	return tree;
}

static char **
env_rollbacks(void *arg, size_t *n)
{
	(void)arg;
	if (no_rollbacks)
		return NULL;
	char **v = calloc(3, sizeof(*v));
	v[0] = strdup("2026-02-15 03:20:57 UTC by admin via cli");
	v[1] = strdup("2026-02-14 19:49:02 UTC by admin via netconf");
	v[2] = strdup("2026-02-12 10:56:49 UTC by root via cli");
	*n = 3;
	return v;
}

static struct complete_env
env_make(bool config, const char *level)
{
	struct complete_env e;

	memset(&e, 0, sizeof(e));
	e.ce_schema = schema;
	e.ce_config_mode = config;
	e.ce_level = level;
	e.ce_prompt_len = config ? 13 : 13;	/* "admin@router# " minus one: any width */
	e.ce_complete_on_space = true;
	e.ce_op_table = t_op;
	e.ce_config_table = t_cfg;
	e.ce_config = env_config;
	e.ce_rollbacks = env_rollbacks;
	return e;
}

/* help text for line (static buffer, valid until the next call) */
static const char *
help(bool config, const char *level, const char *line)
{
	static struct buf b;
	struct complete_env e = env_make(config, level);

	buf_free(&b);
	complete_help(&e, line, &b);
	if (getenv("COMPLETE_DUMP") != NULL)
		printf("=== %s%s?\n%s", config ? "# " : "> ", line, buf_str(&b));
	return buf_str(&b);
}

/* TAB/space: the new line or "NULL:" + message */
static const char *
word(bool config, const char *level, const char *line, bool space)
{
	static struct buf b;
	struct complete_env e = env_make(config, level);
	struct buf msg = BUF_INIT;
	char *r;

	buf_free(&b);
	r = complete_word(&e, line, space, &msg);
	if (r != NULL)
		buf_puts(&b, r);
	else
		buf_printf(&b, "NULL:%s", buf_str(&msg));
	free(r);
	buf_free(&msg);
	if (getenv("COMPLETE_DUMP") != NULL)
		printf("=== %s[%s]%s\n%s\n", config ? "# " : "> ", line, space ? "<SP>" : "<TAB>",
		    buf_str(&b));
	return buf_str(&b);
}

/* Enter: "canon|argpos|id" or "ERR:" + message */
static const char *
expand(bool config, const char *line)
{
	static struct buf b;
	struct complete_env e = env_make(config, "");
	struct buf msg = BUF_INIT;
	const struct op_cmd *oc = NULL;
	char *canon = NULL;
	size_t argpos = 0;

	buf_free(&b);
	if (complete_expand(&e, line, &canon, &oc, &argpos, &msg) == 0)
		buf_printf(&b, "%s|%zu|%d", canon, argpos, oc ? oc->oc_id : -1);
	else
		buf_printf(&b, "ERR:%s", buf_str(&msg));
	free(canon);
	buf_free(&msg);
	if (getenv("COMPLETE_DUMP") != NULL)
		printf("=== %s[%s]<Enter>\n%s\n", config ? "# " : "> ", line, buf_str(&b));
	return buf_str(&b);
}

static void
setup(void)
{
	char err[512], path[1024];
	const char *data = getenv("ROUTEMU_TESTDATA"), *src = getenv("srcdir");
	static const char *lines[] = {
		"set system host-name gm1",
		"set interfaces ge-0/0/0 description \"to the key server\"",
		"set interfaces ge-0/0/1 unit 0 family inet address 10.0.0.1/24",
		"set interfaces ge-0/0/1 unit 10",
		"set interfaces ge-0/0/1 unit 2",
		"set interfaces lo0 unit 0",
		"set groups g-common system domain-name example.net",
		"set groups alpha system domain-name example.org",
		"set security group-vpn member ike proposal p2 authentication-method "
		    "pre-shared-keys",
		"set security group-vpn member ike proposal p1 dh-group group14",
		"set system domain-search [ a.example b.example ]",
	};
	struct cmd_error ce;

	if (data != NULL)
		snprintf(path, sizeof(path), "%s/mini-schema", data);
	else
		snprintf(path, sizeof(path), "%s/tests/unit/data/mini-schema", src ? src : ".");
	schema = schema_load_dir(path, err, sizeof(err));
	if (schema == NULL) {
		fprintf(stderr, "cannot load %s: %s\n", path, err);
		exit(2);
	}
	tree = conf_new(schema);
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		if (cmd_apply_line(tree, "", lines[i], &ce) == -1) {
			fprintf(stderr, "setup: %s: %s\n", lines[i], ce.ce_msg);
			exit(2);
		}
	}
}

#define PC "Possible completions:\n"
#define APPLY "+ apply-groups         Groups from which to inherit configuration data\n" \
	"+ apply-groups-except  Don't inherit configuration data from these groups\n"
#define ENTER "  <[Enter]>            Execute this command\n"
#define PIPE "  |                    Pipe through a command\n"
#define TOP "> groups               Configuration groups\n" \
	"> interfaces           Interface configuration\n" \
	"> routing-options      Protocol-independent routing option configuration\n" \
	"> security             Security configuration\n" \
	"> system               System parameters\n"

static void
test_config_verbs(void)
{
	UNIT_STREQ(help(true, "", ""), PC
	    "  activate             Remove the inactive tag from a statement\n"
	    "  commit               Commit current set of changes\n"
	    "  delete               Delete a data element\n"
	    "  edit                 Edit a sub-element\n"
	    "  exit                 Exit from this level\n"
	    "  insert               Insert a new ordered data element\n"
	    "  rename               Rename a statement\n"
	    "  rollback             Roll back to previous committed configuration\n"
	    "  run                  Run an operational-mode command\n"
	    "  set                  Set a parameter\n"
	    "  show                 Show a parameter\n");
	UNIT_STREQ(help(true, "", "s"), PC
	    "  set                  Set a parameter\n"
	    "  show                 Show a parameter\n");
}

static void
test_set_statements(void)
{
	UNIT_STREQ(help(true, "", "set "), PC APPLY TOP);
	UNIT_STREQ(help(true, "", "set sy"), PC "> system               System parameters\n");
	/* keyword-less list: placeholder first, entries with the interface description */
	UNIT_STREQ(help(true, "", "set interfaces "), PC
	    "  <interface-name>     Interface name\n" APPLY
	    "  ge-0/0/0             to the key server\n"
	    "  ge-0/0/1             Interface name\n"
	    "  lo0                  Interface name\n");
	UNIT_STREQ(help(true, "", "set interfaces ge-0/0/1 "), PC ENTER APPLY
	    "  description          Text description of interface\n"
	    "  disable              Disable this interface\n"
	    "  mtu                  Maximum transmit packet size\n"
	    "> unit                 Logical interface\n"
	    "  vlan-tagging         802.1q VLAN tagging support\n");
	/* existing keys, numbers in numeric order */
	UNIT_STREQ(help(true, "", "set interfaces ge-0/0/1 unit "), PC
	    "  <name>               Logical unit number\n"
	    "  0                    Logical unit number\n"
	    "  2                    Logical unit number\n"
	    "  10                   Logical unit number\n");
	/* names of 20 characters and more get two blanks */
	UNIT_CHECK(strstr(help(true, "", "set security group-vpn member ike traceoptions file "),
	    "  no-world-readable    Don't allow any user to read the log file\n") != NULL);
}

static void
test_set_values(void)
{
	UNIT_STREQ(help(true, "", "set system host-name "), PC
	    "  <host-name>          Hostname for this router\n");
	UNIT_STREQ(help(true, "", "set system syslog file x any "), PC
	    "  alert                Conditions that should be corrected immediately\n"
	    "  any                  All levels\n"
	    "  critical             Critical conditions\n"
	    "  emergency            Panic conditions\n"
	    "  error                Error conditions\n"
	    "  info                 Informational messages\n"
	    "  notice               Conditions that should be handled specially\n"
	    "  warning              Warning messages\n");
	UNIT_STREQ(help(true, "", "set system domain-search "), PC
	    "  <domain-search>      List of domain names to search\n"
	    "  [                    Open a set of values\n");
	UNIT_STREQ(help(true, "", "set system domain-search [ a "), PC
	    "  <domain-search>      List of domain names to search\n"
	    "  ]                    Close a set of values\n");
	/* apply-groups offers the groups that exist */
	UNIT_STREQ(help(true, "", "set apply-groups "), PC
	    "  <apply-groups>       Groups from which to inherit configuration data\n"
	    "  [                    Open a set of values\n"
	    "  alpha                Group name\n"
	    "  g-common             Group name\n");
	/* a keyword-less value in a oneliner presence container, which is complete */
	UNIT_STREQ(help(true, "", "set routing-options static route 10.0.0.0/8 metric "),
	    PC ENTER
	    "  <metric-value>       Metric value\n"
	    "  type                 Type of route\n");
	/* a value being typed: the placeholder stays */
	UNIT_STREQ(help(true, "", "set system host-name \"open quote "), PC
	    "  <host-name>          Hostname for this router\n");
}

static void
test_errors(void)
{
	UNIT_STREQ(help(true, "", "set foo "),
	    "                 ^\n"
	    "syntax error.\n");
	UNIT_STREQ(help(true, "", "set s "),
	    "                 ^\n"
	    "'s' is ambiguous.\n" PC
	    "> security             Security configuration\n"
	    "> system               System parameters\n");
	UNIT_STREQ(help(true, "", "set interfaces ge-0/0/1 mtu 10 "),
	    "                                         ^\n"
	    "Value 10 is not within range (256..9192)\n");
	UNIT_STREQ(help(false, "", "foo "),
	    "             ^\n"
	    "unknown command.\n");
	UNIT_STREQ(help(false, "", "show foo "),
	    "                  ^\n"
	    "syntax error, expecting <command>.\n");
	UNIT_STREQ(help(false, "", "show foo"), "No valid completions\n");
	/* a pipe after a command that takes none */
	UNIT_STREQ(help(true, "", "set system | "),
	    "                        ^\n"
	    "syntax error.\n");
}

static void
test_show_and_pipes(void)
{
	UNIT_STREQ(help(true, "", "show "), PC ENTER APPLY TOP PIPE);
	UNIT_STREQ(help(true, "", "show | "), PC
	    "  append               Append output text to file\n"
	    "  compare              Compare configuration changes with prior version\n"
	    "  count                Count occurrences\n"
	    "  display              Show additional kinds of information\n"
	    "  except               Show only text that does not match a pattern\n"
	    "  find                 Search for first occurrence of pattern\n"
	    "  hold                 Hold text without exiting the --More-- prompt\n"
	    "  last                 Display end of output only\n"
	    "  match                Show only text that matches a pattern\n"
	    "  no-more              Don't paginate output\n"
	    "  save                 Save output text to file\n"
	    "  suppress-zeros       Suppresses lines with zero values\n"
	    "  tee                  Write to standard output and file\n"
	    "  trim                 Trim specified number of columns from start of line\n");
	/* operational output: no compare, no display set */
	UNIT_CHECK(strstr(help(false, "", "show system commit | "), "compare") == NULL);
	UNIT_CHECK(strstr(help(false, "", "show system commit | "), "  count ") != NULL);
	UNIT_STREQ(help(false, "", "show system commit | display "), PC
	    "  json                 Show output in JSON format\n"
	    "  xml                  Show output as XML tags\n");
	UNIT_STREQ(help(true, "", "show | display "), PC
	    "  inheritance          Show inherited configuration data and source group\n"
	    "  json                 Show output in JSON format\n"
	    "  set                  Show 'set' commands that create configuration\n"
	    "  xml                  Show output as XML tags\n");
	UNIT_STREQ(help(true, "", "show | display set "), PC ENTER
	    "  explicit             Show 'set' commands explicitly for presence containers\n"
	    "  relative             Show 'set' commands relative to the current edit path\n"
	    PIPE);
	UNIT_STREQ(help(true, "", "show | match "), PC
	    "  <pattern>            Pattern to match against\n");
	UNIT_STREQ(help(true, "", "show | last "), PC ENTER
	    "  <lines>              Number of lines from end of output to display\n" PIPE);
	UNIT_STREQ(help(true, "", "show | count "), PC ENTER PIPE);
	/* a quoted pattern may hold '|' */
	UNIT_CHECK(strncmp(help(true, "", "show | match \"a|b\" | "), PC "  append ",
	    strlen(PC "  append ")) == 0);
	UNIT_STREQ(help(true, "", "show | compare rollback "), PC
	    "  0                    2026-02-15 03:20:57 UTC by admin via cli\n"
	    "  1                    2026-02-14 19:49:02 UTC by admin via netconf\n"
	    "  2                    2026-02-12 10:56:49 UTC by root via cli\n");
	no_rollbacks = true;
	UNIT_STREQ(help(true, "", "show | compare rollback "), PC
	    "  <rollback>           Index of rollback configuration file (0..49)\n");
	no_rollbacks = false;
}

static void
test_commands(void)
{
	UNIT_STREQ(help(true, "", "commit "), PC ENTER
	    "  and-quit             Quit configuration mode if commit succeeds\n"
	    "  check                Check correctness of syntax; do not apply changes\n"
	    "  comment              Message to write to commit log\n"
	    "  confirmed            Automatically rollback if not confirmed\n" PIPE);
	/* an optional value, then the other options */
	UNIT_STREQ(help(true, "", "commit confirmed "), PC ENTER
	    "  <timeout>            Number of minutes until rollback (1..65535)\n"
	    "  and-quit             Quit configuration mode if commit succeeds\n"
	    "  check                Check correctness of syntax; do not apply changes\n"
	    "  comment              Message to write to commit log\n" PIPE);
	/* an option given once is not offered again */
	UNIT_STREQ(help(true, "", "commit comment foo "), PC ENTER
	    "  and-quit             Quit configuration mode if commit succeeds\n"
	    "  check                Check correctness of syntax; do not apply changes\n"
	    "  confirmed            Automatically rollback if not confirmed\n" PIPE);
	UNIT_STREQ(help(true, "", "rollback "), PC ENTER
	    "  0                    2026-02-15 03:20:57 UTC by admin via cli\n"
	    "  1                    2026-02-14 19:49:02 UTC by admin via netconf\n"
	    "  2                    2026-02-12 10:56:49 UTC by root via cli\n" PIPE);
	no_rollbacks = true;	/* mgd gave no list: the placeholder */
	UNIT_STREQ(help(true, "", "rollback "), PC ENTER
	    "  <number>             Rollback number\n" PIPE);
	no_rollbacks = false;
	UNIT_STREQ(help(true, "", "edit "), PC ENTER TOP);
	UNIT_STREQ(help(true, "", "delete system domain-search "), PC ENTER
	    "  a.example            List of domain names to search\n"
	    "  b.example            List of domain names to search\n");
	UNIT_STREQ(help(true, "", "rename interfaces ge-0/0/1 unit 2 to "), PC
	    "  <name>               Logical unit number\n");
	UNIT_STREQ(help(true, "", "insert security group-vpn member ike proposal p2 before "),
	    PC
	    "  <name>               Name of the IKE proposal\n"
	    "  p1                   Name of the IKE proposal\n"
	    "  p2                   Name of the IKE proposal\n");
}

static void
test_levels_and_run(void)
{
	UNIT_STREQ(help(true, "security group-vpn member ike", "set "), PC
	    "> gateway              Define an IKE gateway\n"
	    "> policy               Define an IKE policy\n"
	    "> proposal             Define an IKE proposal\n"
	    "> traceoptions         Trace options for Group VPN\n");
	UNIT_STREQ(help(true, "security group-vpn member ike", "set proposal "), PC
	    "  <name>               Name of the IKE proposal\n"
	    "  p1                   Name of the IKE proposal\n"
	    "  p2                   Name of the IKE proposal\n");
	UNIT_STREQ(help(true, "interfaces ge-0/0/1", "set unit 0 "), PC ENTER APPLY
	    "  description          Text description of interface\n"
	    "> family               Protocol family\n"
	    "  vlan-id              Virtual LAN identifier value for 802.1q VLAN tags\n");
	/* run: operational commands, paths from the root */
	UNIT_STREQ(help(true, "interfaces ge-0/0/1", "run show configuration "), PC ENTER APPLY
	    TOP PIPE);
	UNIT_STREQ(help(false, "", ""), PC
	    "  configure            Manipulate software configuration information\n"
	    "  set                  Set CLI properties\n"
	    "  show                 Show system information\n");
	UNIT_STREQ(help(false, "", "show configuration interfaces "), PC ENTER
	    "  <interface-name>     Interface name\n" APPLY
	    "  ge-0/0/0             to the key server\n"
	    "  ge-0/0/1             Interface name\n"
	    "  lo0                  Interface name\n" PIPE);
}

static void
test_tab_space(void)
{
	UNIT_STREQ(word(true, "", "se", false), "set ");
	UNIT_STREQ(word(true, "", "s", true), "NULL:"
	    "             ^\n"
	    "'s' is ambiguous.\n" PC
	    "  set                  Set a parameter\n"
	    "  show                 Show a parameter\n");
	UNIT_STREQ(word(true, "", "set int", true), "set interfaces ");
	UNIT_STREQ(word(true, "", "set sys", false), "set system ");
	UNIT_STREQ(word(true, "", "set interfaces ge-0/0/1 u", true),
	    "set interfaces ge-0/0/1 unit ");
	/* space does not complete values: "ge" may be a new interface */
	UNIT_STREQ(word(true, "", "set interfaces ge", true), "set interfaces ge ");
	/* TAB does, as far as the existing names agree */
	UNIT_STREQ(word(true, "", "set interfaces ge", false), "set interfaces ge-0/0/");
	UNIT_STREQ(word(true, "", "set interfaces ge-0/0/0", false), "set interfaces ge-0/0/0 ");
	/* TAB where several words fit and no longer prefix is common: the list */
	UNIT_STREQ(word(true, "", "set interfaces ge-0/0/", false), "NULL:" PC
	    "  ge-0/0/0             to the key server\n"
	    "  ge-0/0/1             Interface name\n");
	UNIT_STREQ(word(true, "", "s", false), "NULL:" PC
	    "  set                  Set a parameter\n"
	    "  show                 Show a parameter\n");
	/* TAB on a value nothing starts like: nothing to do */
	UNIT_STREQ(word(true, "", "set interfaces xe", false), "NULL:");
	/* enumeration values are keywords; an exact one wins over longer ones */
	UNIT_STREQ(word(true, "", "set security group-vpn member ike proposal p1 dh-group gr",
	    false), "set security group-vpn member ike proposal p1 dh-group group1");
	UNIT_STREQ(word(true, "", "set security group-vpn member ike proposal p1 dh-group group1",
	    true), "set security group-vpn member ike proposal p1 dh-group group1 ");
	UNIT_STREQ(word(true, "", "set syx", true), "NULL:"
	    "                 ^\n"
	    "syntax error.\n");
	UNIT_STREQ(word(false, "", "xyz", true), "NULL:"
	    "             ^\n"
	    "unknown command.\n");
	UNIT_STREQ(word(false, "", "show xyz", true), "NULL:"
	    "                  ^\n"
	    "syntax error, expecting <command>.\n");
	UNIT_STREQ(word(false, "", "sh", true), "show ");
	UNIT_STREQ(word(false, "", "show conf", true), "show configuration ");
	UNIT_STREQ(word(true, "", "show | m", true), "show | match ");
	UNIT_STREQ(word(true, "", "show | display s", true), "show | display set ");
	UNIT_STREQ(word(true, "", "show | c", true), "NULL:"
	    "                    ^\n"
	    "'c' is ambiguous.\n" PC
	    "  compare              Compare configuration changes with prior version\n"
	    "  count                Count occurrences\n");
	/* inside quotes a blank is a blank; TAB has nothing to offer */
	UNIT_STREQ(word(true, "", "set system host-name \"open quote", true),
	    "set system host-name \"open quote ");
	UNIT_STREQ(word(true, "", "set system host-name \"open quote", false), "NULL:");
	/* at a blank, space is a blank and TAB lists the completions */
	UNIT_STREQ(word(true, "", "set system ", true), "set system  ");
	UNIT_STREQ(word(true, "", "set ", false), "NULL:" PC APPLY TOP);
	/* complete-on-space off: a blank */
	{
		struct complete_env e = env_make(true, "");
		struct buf msg = BUF_INIT;
		e.ce_complete_on_space = false;
		char *r = complete_word(&e, "set int", true, &msg);
		UNIT_STREQ(r, "set int ");
		free(r);
		buf_free(&msg);
	}
}

static void
test_expand(void)
{
	UNIT_STREQ(expand(false, "sh conf int ge-0/0/0 | display set"),
	    "show configuration int ge-0/0/0|19|13");
	UNIT_STREQ(expand(false, "sh sys com"), "show system commit|18|14");
	UNIT_STREQ(expand(false, "set cli screen-length 40"), "set cli screen-length 40|22|15");
	UNIT_STREQ(expand(false, "set cli complete-on-space of"),
	    "set cli complete-on-space off|26|16");
	UNIT_STREQ(expand(true, "com comm \"a b\" and"), "commit comment \"a b\" and-quit|7|2");
	UNIT_STREQ(expand(true, "se system domain-search [ a b ]"),
	    "set system domain-search [ a b ]|4|8");
	UNIT_STREQ(expand(true, "ru sh conf"), "run show configuration|22|13");
	UNIT_STREQ(expand(true, "exit conf"), "exit configuration-mode|5|5");
	UNIT_STREQ(expand(true, ""), "|0|-1");
	UNIT_STREQ(expand(false, "show"), "ERR:"
	    "                 ^\n"
	    "syntax error, expecting <command>.\n");
	UNIT_STREQ(expand(false, "set cli screen-length"), "ERR:"
	    "                                  ^\n"
	    "missing argument.\n");
	UNIT_STREQ(expand(false, "s cli"), "ERR:"
	    "             ^\n"
	    "'s' is ambiguous.\n" PC
	    "  set                  Set CLI properties\n"
	    "  show                 Show system information\n");
	UNIT_STREQ(expand(true, "commit check check"), "ERR:"
	    "                          ^\n"
	    "syntax error, expecting <command>.\n");
	UNIT_STREQ(expand(true, "frobnicate"), "ERR:"
	    "             ^\n"
	    "unknown command.\n");
}

/* The product schema, when it loads: a few rows that must be there. */
static void
test_real_schema(void)
{
	char err[512], path[1024];
	const char *dir = getenv("ROUTEMU_SCHEMA_DIR"), *src = getenv("srcdir");
	struct schema *mini = schema;
	struct conf_node *minitree = tree;

	if (dir != NULL)
		snprintf(path, sizeof(path), "%s", dir);
	else
		snprintf(path, sizeof(path), "%s/schema", src ? src : ".");
	schema = schema_load_dir(path, err, sizeof(err));
	if (schema == NULL) {
		printf("skip test_real_schema: %s\n", err);
		schema = mini;
		return;
	}
	tree = NULL;
	const char *h = help(true, "", "set ");
	UNIT_CHECK(strstr(h, "> security             Security configuration\n") != NULL);
	UNIT_CHECK(strstr(h, "+ apply-groups         Groups from which to inherit "
	    "configuration data\n") != NULL);
	h = help(true, "", "set security group-vpn member ike proposal p1 authentication-method ");
	UNIT_CHECK(strstr(h, "  pre-shared-keys      Preshared keys\n") != NULL);
	h = help(true, "", "set interfaces ");
	UNIT_CHECK(strncmp(h, PC "  <interface-name>     Interface name\n",
	    strlen(PC "  <interface-name>     Interface name\n")) == 0);
	/* `interfaces NAME` is one step there: nothing set yet at that level */
	h = help(true, "interfaces ge-0/0/1", "set ");
	UNIT_CHECK(strncmp(h, PC "+ apply-groups ", strlen(PC "+ apply-groups ")) == 0);
	UNIT_CHECK(strstr(h, "> unit                 Logical interface\n") != NULL);
	/* a number's help ends with its range, a union's with its numeric member's */
	h = help(true, "", "set interfaces ge-0/0/1 unit 0 vlan-id ");
	UNIT_CHECK(strstr(h, "  <vlan-id>            Virtual LAN identifier value for 802.1q VLAN "
	    "tags (1..4094)\n") != NULL);
	h = help(true, "", "set security group-vpn member ike traceoptions file files ");
	UNIT_CHECK(strstr(h, "  <files>              Maximum number of trace files (2..1000)\n") !=
	    NULL);
	schema_free(schema);
	schema = mini;
	tree = minitree;
}

int
main(void)
{
	setup();
	UNIT_RUN(test_config_verbs);
	UNIT_RUN(test_set_statements);
	UNIT_RUN(test_set_values);
	UNIT_RUN(test_errors);
	UNIT_RUN(test_show_and_pipes);
	UNIT_RUN(test_commands);
	UNIT_RUN(test_levels_and_run);
	UNIT_RUN(test_tab_space);
	UNIT_RUN(test_expand);
	UNIT_RUN(test_real_schema);
	conf_free(tree);
	schema_free(schema);
	return unit_exit();
}
