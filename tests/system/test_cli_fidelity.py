"""What the cli prints, character for character, against the Junos references:
notes/junos-cli.md and the live vSRX 24.4 captures it cites (psaab/xpf,
docs/junos-config-display-reference.md). Each test names the behaviour it pins."""

import os
import re

from routemu_fixture import EXAMPLES, USER, instance  # noqa: F401

GM1_SET = os.path.join(EXAMPLES, "gm1.set")

# `show configuration | ?` on a vSRX 24.4 (xpf capture, §2)
PIPE_MENU = [
    "  append               Append output text to file",
    "  compare              Compare configuration changes with prior version",
    "  count                Count occurrences",
    "  display              Show additional kinds of information",
    "  except               Show only text that does not match a pattern",
    "  find                 Search for first occurrence of pattern",
    "  hold                 Hold text without exiting the --More-- prompt",
    "  last                 Display end of output only",
    "  match                Show only text that matches a pattern",
    "  no-more              Don't paginate output",
    "  save                 Save output text to file",
    "  suppress-zeros       Suppresses lines with zero values",
    "  tee                  Write to standard output and file",
    "  trim                 Trim specified number of columns from start of line",
]


def load_gm1(inst):
    r = inst.pipe(["configure", "load set %s" % GM1_SET, "commit and-quit"])
    assert r.rc == 0, r


def help_block(s, typed, config=False):
    """Type `typed` (ending with ?) and return what came between the echoed `?`
    and the prompt redrawn with the line: the help, then (config) the banner."""
    s.send(typed)
    s.expect_exact("?\r\n")
    s.expect_exact(s.prompt(config) + typed[:-1])
    return s.before


# ---- the terminal: ^U, redraws, no NUL bytes ----

def test_ctrl_u_clears_the_line(instance):
    # ^U erases the whole line typed, wherever the cursor is
    for term in ("vt100", "xterm", "dumb"):
        s = instance.spawn(term=term)
        s.send("show configuration")
        s.send("\x02\x02\x02")     # ^B: the cursor inside the line
        s.send("\x15")               # ^U
        s.sendline("")
        s.expect_exact("\r\n\r\n" + s.prompt())
        # nothing ran: Enter on an empty line gives just the next prompt
        s.sendline("show cli | count")
        s.expect_exact("Count: 9 lines")
        s.expect_prompt()
        s.close()


def test_no_nul_bytes_in_redraws(instance):
    import io
    s = instance.spawn(term="vt100", raw=True)
    log = io.BytesIO()
    s.child.logfile_read = log
    s.send("show conf")
    s.send("\x15")
    s.send("show ?")
    s.expect_exact(s.prompt() + b"show ")
    s.send("\x15")
    s.sendline("configure")
    s.expect_exact(s.prompt(True))
    s.send("set ?")
    s.expect_exact(b"[edit]\r\n" + s.prompt(True) + b"set ")
    s.send("\x15")
    s.sendline("exit")
    s.expect_exact(s.prompt())
    s.close()
    assert b"\x00" not in log.getvalue(), log.getvalue()


def test_help_redraws_the_prompt_right_below(instance):
    # Junos prints the prompt and the line again right after the last row: no blank
    # line, also on a terminal that cannot clear a line (TERM=dumb).
    s = instance.spawn()
    got = help_block(s, "show ?")
    assert got == ("Possible completions:\r\n"
                   "  cli                  Show command-line interface settings\r\n"
                   "  configuration        Show current configuration\r\n"
                   "  security             Show security information\r\n"
                   "  system               Show system information\r\n"
                   "  version              Show software process revision levels\r\n"), got
    s.send("\x15")
    s.sendline("configure")
    s.expect_prompt(config=True)
    got = help_block(s, "set system host-name ?", config=True)
    assert got == ("Possible completions:\r\n"
                   "  <host-name>          Hostname for this router\r\n"
                   "[edit]\r\n"), got
    s.send("\x15")
    s.close()


def test_first_prompt_has_no_blank_line_above(instance):
    # `cli` on Junos: the prompt on the first line; later prompts follow a blank
    # line that ends the previous output
    s = instance.spawn()
    assert s.before == "", repr(s.before)
    s.sendline("")
    s.expect_exact("\r\n\r\n" + s.prompt())
    s.sendline("show cli | count")
    s.expect_exact("Count: 9 lines\r\n\r\n" + s.prompt())
    s.close()


# ---- pipes ----

def test_pipe_menu_is_the_junos_one(instance):
    s = instance.spawn()
    got = help_block(s, "show configuration | ?")
    assert got == "Possible completions:\r\n" + "".join(l + "\r\n" for l in PIPE_MENU), got
    s.send("\x15")
    s.close()


def test_suppress_zeros_leaves_a_configuration_as_it_is(instance):
    load_gm1(instance)
    plain = instance.cli("show configuration | count")
    r = instance.cli("show configuration | suppress-zeros | count")
    assert r.rc == 0 and r.out == plain.out, (r, plain)
    r = instance.cli("show configuration | suppress-zeros")
    assert r.out == instance.cli("show configuration").out


def test_display_set_relative_in_operational_mode(instance):
    # vSRX 24.4: `show configuration system ntp | display set relative` prints
    # `set server ...`: relative to the statement shown.
    load_gm1(instance)
    r = instance.cli("show configuration security group-vpn member ike gateway "
                     "gw-group1 | display set relative")
    assert r.rc == 0, r
    assert r.out == ("set ike-policy ike-policy\n"
                     "set server-address 192.0.2.1\n"
                     "set local-address 198.51.100.0\n"), r.out
    r = instance.cli("show configuration system | display set relative")
    assert r.out == "set host-name gm1\n", r.out
    # a leaf shown: its name stays
    r = instance.cli("show configuration system host-name | display set relative")
    assert r.out == "set host-name gm1\n", r.out
    # a root-level list: `show configuration interfaces | display set relative`
    # gives `set reth0 description ...` on the vSRX
    r = instance.cli("show configuration interfaces | display set relative")
    assert r.rc == 0 and r.lines, r
    assert all(l.startswith("set ") and not l.startswith("set interfaces ")
               for l in r.lines), r.out
    assert "set xe-0/3/1 unit 1 vlan-id 1" in r.lines
    # in configuration mode, relative to what `show` shows too
    r = instance.pipe(["configure", "edit security group-vpn member",
                       "show ike gateway gw-group1 | display set relative",
                       "show | display set relative | match \"gvpn200 group\""])
    assert r.rc == 0, r
    assert r.lines[1:] == ["set ike-policy ike-policy",
                           "set server-address 192.0.2.1",
                           "set local-address 198.51.100.0",
                           "set ipsec vpn gvpn200 group 200"], r.out


def test_display_xml_layout(instance):
    # vSRX 24.4 capture: <configuration> 4 columns in with its attributes aligned
    # under the first, the statements at 12, </configuration> at 4.
    load_gm1(instance)
    r = instance.cli("show configuration system | display xml")
    assert r.rc == 0, r
    lines = r.lines
    assert re.fullmatch(r'<rpc-reply xmlns:junos="http://xml\.juniper\.net/junos/'
                        r'[^"]+/junos">', lines[0]), lines[0]
    assert re.fullmatch(r'    <configuration junos:commit-seconds="\d+"', lines[1]), lines
    assert re.fullmatch(r'                   junos:commit-localtime="\d{4}-\d\d-\d\d '
                        r'\d\d:\d\d:\d\d [A-Z]+"', lines[2]), lines
    assert lines[3] == '                   junos:commit-user="%s">' % USER, lines
    assert lines[4:] == ["            <system>",
                         "                <host-name>gm1</host-name>",
                         "            </system>",
                         "    </configuration>",
                         "    <cli>",
                         "        <banner></banner>",
                         "    </cli>",
                         "</rpc-reply>"], lines
    # the candidate in configuration mode: changed-* attributes, the banner
    r = instance.pipe(["configure", "edit system", "show | display xml"])
    assert r.rc == 0, r
    lines = r.lines[1:]
    assert re.fullmatch(r'    <configuration junos:changed-seconds="\d+"', lines[1]), lines
    assert lines[-4:] == ["    <cli>", "        <banner>[edit system]</banner>",
                          "    </cli>", "</rpc-reply>"], lines


def test_display_json_carries_the_commit_attributes(instance):
    # vSRX 24.4 capture: "@" : { "junos:commit-seconds" : ..., ... } first
    load_gm1(instance)
    r = instance.cli("show configuration system | display json")
    assert r.rc == 0, r
    lines = r.lines
    assert lines[:3] == ["{", '    "configuration" : {', '        "@" : {'], lines
    assert re.fullmatch(r'            "junos:commit-seconds" : "\d+",', lines[3]), lines
    assert re.fullmatch(r'            "junos:commit-localtime" : "[^"]+",', lines[4]), lines
    assert lines[5:] == ['            "junos:commit-user" : "%s"' % USER,
                         "        },",
                         '        "system" : {',
                         '            "host-name" : "gm1"',
                         "        }",
                         "    }",
                         "}"], lines


def test_compare_with_a_file(instance, tmp_path):
    # `| compare <filename>`: Junos's `| compare ?` offers it (xpf capture, §2.13)
    load_gm1(instance)
    old = tmp_path / "old.conf"
    text = instance.cli("show configuration").out
    old.write_text(text.replace("host-name gm1;", "host-name old1;"))
    r = instance.cli("show configuration | compare %s" % old)
    assert r.rc == 0, r
    assert r.lines[0] == "[edit system]", r.out
    assert [l.split(None, 1) for l in r.lines[1:]] == [["-", "host-name old1;"],
                                                      ["+", "host-name gm1;"]], r.out
    assert instance.cli("show configuration | compare %s" % old).out == r.out
    # nothing changed: nothing printed
    same = tmp_path / "same.conf"
    same.write_text(text)
    r = instance.cli("show configuration | compare %s" % same)
    assert r.rc == 0 and r.out == "", r
    # in configuration mode, the candidate against the file, below the level shown
    r = instance.pipe(["configure", "set system host-name cand1",
                       "set interfaces ge-0/1/9 description x",
                       "edit system", "show | compare %s" % old])
    assert r.rc == 0, r
    assert r.lines[1] == "[edit system]" and len(r.lines) == 4, r.out
    r = instance.cli("show configuration | compare /nonexistent/file.conf")
    assert r.rc == 1
    assert r.out == ("error: Could not open configuration file: /nonexistent/file.conf: "
                     "No such file or directory\n"), r.out
    s = instance.spawn(host="gm1")
    got = help_block(s, "show configuration | compare ?")
    assert got == ("Possible completions:\r\n"
                   "  <[Enter]>            Execute this command\r\n"
                   "  <filename>           Filename or URL of configuration file\r\n"
                   "  rollback             Index of rollback configuration file (0..49)\r\n"
                   "  |                    Pipe through a command\r\n"), got
    s.send("\x15")
    s.close()


# ---- ^C ----

def test_ctrl_c_abandons_the_question_and_the_load(instance):
    s = instance.spawn()
    s.run("configure", config=True)
    s.run("set system host-name kept1", config=True)
    s.sendline("exit")
    s.expect_exact("Exit with uncommitted changes? [yes,no] (yes) ")
    s.sendcontrol("c")
    # still in configuration mode
    out = s.expect_prompt(config=True)
    assert "Exiting configuration mode" not in out, out
    s.sendline("load merge terminal")
    s.expect_exact("[Type ^D at a new line to end input]")
    s.sendline("system {")
    s.sendline("    host-name typed2;")
    s.sendline("}")
    s.sendcontrol("c")
    out = s.expect_prompt(config=True)
    assert "load complete" not in out and "error" not in out, out
    assert instance.candidate_set() == ["set system host-name kept1"]
    # at the prompt, ^C drops the line typed
    s.send("show system")
    s.sendcontrol("c")
    s.expect_prompt(config=True)
    s.sendline("show system")
    s.expect_exact("host-name kept1;")
    s.expect_prompt(config=True)
    s.close()


def test_display_xml_and_json_no_export_path(instance):
    # `| display xml ?` and `| display json ?` on a vSRX 24.4 offer no-export-path:
    # the statement shown without its parents
    load_gm1(instance)
    r = instance.cli("show configuration system | display xml no-export-path")
    assert r.rc == 0, r
    assert r.lines[4:7] == ["            <host-name>gm1</host-name>",
                            "    </configuration>", "    <cli>"], r.out
    r = instance.cli("show configuration system | display json no-export-path")
    assert r.rc == 0, r
    assert r.lines[-3:] == ['        "host-name" : "gm1"', "    }", "}"], r.out
    # not after an operational command
    r = instance.cli("show system commit | display xml no-export-path")
    assert r.rc == 1, r
    s = instance.spawn(host="gm1")
    for typed in ("show configuration | display xml ?",
                  "show configuration | display json ?"):
        got = help_block(s, typed)
        assert got == ("Possible completions:\r\n"
                       "  <[Enter]>            Execute this command\r\n"
                       "  no-export-path       Don't export parent path in the data\r\n"
                       "  |                    Pipe through a command\r\n"), got
        s.send("\x15")
    s.close()


def test_keys_typed_ahead_reach_the_cli(instance):
    # Keys typed while a command runs (mgd held with SIGSTOP, so the cli waits in
    # its RPC, between two reads of a line) reach the cli as typed: the terminal's
    # line discipline must not take the ^D that ends `load ... terminal`.
    import signal
    import time
    s = instance.spawn()
    s.run("configure", config=True)
    pid = instance.mgd.proc.pid
    os.kill(pid, signal.SIGSTOP)
    try:
        s.send("show\r")               # waits for mgd
        time.sleep(0.3)
        s.send("load merge terminal\rsystem {\r    host-name ahead;\r}\r\x04")
        time.sleep(0.3)
    finally:
        os.kill(pid, signal.SIGCONT)
    s.expect_exact("load complete")
    out = s.expect_prompt(config=True)
    assert "error" not in out, out
    assert instance.candidate_set() == ["set system host-name ahead"]
    s.close()
