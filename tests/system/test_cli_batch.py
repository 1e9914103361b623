"""The cli without a terminal: `cli -c COMMAND` and lines piped on stdin, against a
real mgd. What the tests check is what a person sees (Junos texts from
notes/junos-cli.md) and what ends up in the configuration."""

import os
import time

import pytest

from routemu_fixture import (EXAMPLES, Instance, caret_col, instance,  # noqa: F401
                             instance_fast, set_statements)

GM1_SET = os.path.join(EXAMPLES, "gm1.set")


def gm1_lines():
    with open(GM1_SET) as f:
        return [l.rstrip("\n") for l in f if l.strip() and not l.startswith("#")]


# ---- cli -c ----

def test_c_show_configuration_of_a_new_instance(instance):
    r = instance.cli("show configuration")
    assert r.rc == 0, r
    assert "version " in r.out


def test_c_unknown_command(instance):
    r = instance.cli("frobnicate")
    assert r.rc == 1
    assert r.out == "error: unknown command: frobnicate\n"


def test_c_syntax_error(instance):
    r = instance.cli("show nonsense")
    assert r.rc == 1
    assert r.out == "error: syntax error, expecting <command>: nonsense\n"


def test_c_abbreviations_and_pipes(instance):
    instance.pipe(["configure", "set system host-name r7",
                   "set interfaces ge-0/0/1 description uplink", "commit and-quit"])
    r = instance.cli("sh conf | disp set")
    assert r.rc == 0, r
    assert "set system host-name r7\n" in r.out
    r = instance.cli("show configuration | display set | match ge- | count")
    assert r.out.strip() == "Count: 1 lines"
    r = instance.cli("show configuration system")
    assert r.out == "host-name r7;\n"


def test_c_ambiguous_word(instance):
    r = instance.cli("show c")
    assert r.rc == 1
    assert r.lines[0] == "error: 'c' is ambiguous."
    assert r.lines[1] == "Possible completions:"
    assert [l.split()[0] for l in r.lines[2:]] == ["cli", "configuration"]
    r = instance.cli("show sy")     # unique prefix of system, which needs more
    assert r.rc == 1
    assert r.out == "error: syntax error, expecting <command>.\n"


def test_no_mgd_is_a_clear_error(tmp_path):
    inst = Instance(tmp_path / "nothing")
    r = inst.cli("show configuration")
    assert r.rc == 1
    assert "could not connect to mgd" in r.err
    assert "mgd running" in r.err


def test_no_instance_given(tmp_path):
    inst = Instance(tmp_path / "x")
    inst.env.pop("ROUTEMU_INSTANCE")
    r = inst.cli("show configuration")
    assert r.rc == 1
    assert "--instance" in r.err


def test_instance_option(instance):
    instance.pipe(["configure", "set system host-name viaopt", "commit and-quit"])
    path = instance.env.pop("ROUTEMU_INSTANCE")
    try:
        r = instance.cli("show configuration system host-name",
                         args=("--instance", path))
    finally:
        instance.env["ROUTEMU_INSTANCE"] = path
    assert r.rc == 0, r
    assert r.out == "host-name viaopt;\n"


def test_set_cli_and_show_cli(instance):
    r = instance.pipe(["set cli screen-length 30", "set cli screen-width 120",
                       "set cli complete-on-space off", "show cli"])
    assert r.rc == 0, r
    assert r.lines[:3] == ["Screen length set to 30", "Screen width set to 120",
                           "Disabling complete-on-space"]
    assert "CLI screen-length set to 30" in r.lines
    assert "CLI complete-on-space set to off" in r.lines


# ---- GM1's example configuration ----

def test_gm1_piped_set_lines(instance):
    lines = gm1_lines()
    r = instance.pipe(["configure"] + lines + ["commit and-quit"])
    assert r.rc == 0, r
    assert r.lines == ["Entering configuration mode", "commit complete",
                       "Exiting configuration mode"]
    assert instance.committed_set() == set_statements("\n".join(lines))
    instance.restart()
    assert instance.committed_set() == set_statements("\n".join(lines))


def test_gm1_load_set_file(instance):
    r = instance.pipe(["configure", "load set %s" % GM1_SET, "commit",
                       "exit configuration-mode"])
    assert r.rc == 0, r
    assert r.lines == ["Entering configuration mode", "load complete",
                       "commit complete", "Exiting configuration mode"]
    want = set_statements("\n".join(gm1_lines()))
    assert instance.committed_set() == want
    r = instance.cli("show configuration")
    assert r.lines[0].startswith("## Last commit: ")
    assert r.lines[1].startswith("version ")
    assert "    host-name gm1;" in r.lines
    instance.restart()
    assert instance.committed_set() == want
    # and the prompt's host name is the committed one
    s = instance.spawn(host="gm1")
    s.close()


def test_gm1_text_round_trip(instance, tmp_path):
    """show configuration text loads back (load override FILE) to the same thing."""
    instance.pipe(["configure", "load set %s" % GM1_SET, "commit and-quit"])
    text = instance.cli("show configuration").out
    f = tmp_path / "gm1.conf"
    f.write_text(text)
    r = instance.pipe(["configure", "delete", "load override %s" % f, "show | compare",
                       "commit and-quit"])
    assert r.rc == 0, r
    assert "load complete" in r.lines
    assert instance.committed_set() == set_statements("\n".join(gm1_lines()))


# ---- errors stop the input ----

def test_syntax_error_stops_and_points(instance):
    r = instance.pipe(["configure", "set system host-name ok1", "set system hots-name x",
                       "set system host-name never", "commit"])
    assert r.rc == 1
    assert r.lines[-3:] == ["set system hots-name x", "           ^", "syntax error."]
    assert "line 3" in r.err
    # the line before the error applied, nothing after it, nothing committed
    assert "set system host-name ok1" in instance.candidate_set()
    assert "host-name" not in instance.cli("show configuration").out


def test_ambiguous_word_lists_completions(instance):
    r = instance.pipe(["configure", "set s host-name x"])
    assert r.rc == 1
    i = r.lines.index("set s host-name x")
    assert r.lines[i + 1] == "    ^"
    assert r.lines[i + 2] == "'s' is ambiguous."
    assert r.lines[i + 3] == "Possible completions:"
    names = [l.split()[1] for l in r.lines[i + 4:]]
    assert names == sorted(names)
    assert {"security", "services", "system"} <= set(names)


def test_value_error_with_schema_message(instance):
    r = instance.pipe(["configure", "set interfaces ge-0/0/0 unit 0 vlan-id 5000"])
    assert r.rc == 1
    assert caret_col(r.out) == len("set interfaces ge-0/0/0 unit 0 vlan-id ")
    assert "Value 5000 is not within range (1..4094)" in r.out


def test_error_inside_edit_level(instance):
    r = instance.pipe(["configure", "edit security group-vpn member",
                       "set ike gateway g1 server-address 300.1.1.1"])
    assert r.rc == 1
    assert caret_col(r.out) == len("set ike gateway g1 server-address ")


def test_unknown_command_in_configuration_mode(instance):
    r = instance.pipe(["configure", "frob"])
    assert r.rc == 1
    assert r.lines[-2:] == ["^", "unknown command."]


def test_commit_error_leaves_committed_unchanged(instance):
    r = instance.pipe(["configure", "set system host-name before", "commit"])
    assert r.rc == 0, r
    before = instance.committed_set()
    r = instance.pipe(["configure",
                       "set security group-vpn member ipsec vpn v1 ike-gateway nogw",
                       "set security group-vpn member ipsec vpn v1 group 5",
                       "commit"])
    assert r.rc == 1
    assert r.lines[-4:] == [
        "[edit security group-vpn member ipsec vpn v1]",
        "  'ike-gateway nogw'",
        "    Referenced IKE gateway must be defined under "
        "[edit security group-vpn member ike gateway]",
        "error: configuration check-out failed"]
    assert instance.committed_set() == before
    r = instance.pipe(["configure", "commit check"])
    assert r.rc == 1
    assert "error: configuration check-out failed" in r.lines


def test_delete_absent_is_a_warning(instance):
    r = instance.pipe(["configure", "delete interfaces ge-0/0/9", "commit and-quit"])
    assert r.rc == 0, r
    assert "warning: statement not found" in r.lines


# ---- commit family, rollback ----

def test_commit_check_and_comment(instance):
    r = instance.pipe(["configure", "set system host-name c1", "commit check",
                       'commit comment "first one"'])
    assert r.rc == 0, r
    assert r.lines[1:] == ["configuration check succeeds", "commit complete"]
    r = instance.cli("show system commit")
    assert r.rc == 0, r
    assert "by %s via cli" % os.environ.get("USER", "root") in r.out or " via cli" in r.out
    assert "first one" in r.out


def test_rollback_and_compare(instance):
    instance.pipe(["configure", "set system host-name one", "commit and-quit"])
    instance.pipe(["configure", "set system host-name two", "commit and-quit"])
    r = instance.pipe(["configure", "rollback 1", "show | compare", "commit and-quit"])
    assert r.rc == 0, r
    assert r.lines[1] == "load complete"
    assert "[edit system]" in r.lines
    assert any(l.startswith("-") and "host-name two;" in l for l in r.lines)
    assert any(l.startswith("+") and "host-name one;" in l for l in r.lines)
    assert "set system host-name one" in instance.committed_set()
    r = instance.cli("show system rollback 1")
    assert "host-name two;" in r.out
    r = instance.cli("show configuration | compare rollback 1")
    assert "host-name two;" in r.out


def test_rollback_out_of_range(instance):
    r = instance.pipe(["configure", "rollback 50"])
    assert r.rc == 1
    assert "Value 50 is not within range (0..49)" in r.out


def test_commit_confirmed_rolls_back(instance_fast):
    inst = instance_fast
    inst.pipe(["configure", "set system host-name stable", "commit and-quit"])
    r = inst.pipe(["configure", "set system host-name trial", "commit confirmed 1",
                   "exit"])
    assert r.rc == 0, r
    assert ("commit confirmed will be automatically rolled back in 1 minutes "
            "unless confirmed") in r.lines
    assert "commit complete" in r.lines
    assert "set system host-name trial" in inst.committed_set()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if "set system host-name stable" in inst.committed_set():
            break
        time.sleep(0.2)
    assert "set system host-name stable" in inst.committed_set()
    r = inst.cli("show system commit")
    assert "via other" in r.lines[0]


def test_commit_confirmed_then_confirm(instance_fast):
    inst = instance_fast
    r = inst.pipe(["configure", "set system host-name kept", "commit confirmed 1",
                   "commit", "exit"])
    assert r.rc == 0, r
    time.sleep(2.5)
    assert "set system host-name kept" in inst.committed_set()


# ---- load, save, show at a level ----

def test_load_merge_terminal_and_relative(instance):
    r = instance.pipe(["configure", "load merge terminal",
                       "system {", "    host-name term1;", "}", "\x04",
                       "edit security group-vpn member ike",
                       "load merge terminal relative",
                       "proposal p1 {", "    dh-group group14;", "}", "\x04",
                       "top", "load set terminal relative",
                       "set routing-options static route 10.0.0.0/8 discard", "\x04",
                       "commit and-quit"])
    assert r.rc == 0, r
    assert r.lines.count("[Type ^D at a new line to end input]") == 3
    assert r.lines.count("load complete") == 3
    got = instance.committed_set()
    assert "set system host-name term1" in got
    assert "set security group-vpn member ike proposal p1 dh-group group14" in got
    assert "set routing-options static route 10.0.0.0/8 discard" in got


def test_load_error_changes_nothing(instance, tmp_path):
    f = tmp_path / "bad.conf"
    f.write_text("system {\n    host-name x;\n    no-such-thing 3;\n}\n")
    r = instance.pipe(["configure", "load merge %s" % f])
    assert r.rc == 1
    assert any(l.startswith("load failed") for l in r.lines)
    assert instance.candidate_set() == []
    r = instance.pipe(["configure", "load merge /nonexistent/file.conf"])
    assert r.rc == 1
    assert "Could not open configuration file" in r.out


def test_save_writes_the_level(instance, tmp_path):
    out = tmp_path / "saved.conf"
    r = instance.pipe(["configure", "load set %s" % GM1_SET,
                       "edit security group-vpn member ipsec", "save %s" % out])
    assert r.rc == 0, r
    text = out.read_text()
    n = len(text.splitlines())
    assert r.lines[-1] == "Wrote %d lines of configuration to '%s'" % (n, out)
    assert text.startswith("vpn gvpn200 {\n")


def test_show_at_level_and_display_set(instance):
    r = instance.pipe(["configure", "load set %s" % GM1_SET,
                       "edit security group-vpn member ike gateway gw-group1", "show",
                       "show | display set", "show | display set relative", "up",
                       "show gateway"])
    assert r.rc == 0, r
    out = r.out
    assert "ike-policy ike-policy;\nserver-address 192.0.2.1;\n" in out
    assert ("set security group-vpn member ike gateway gw-group1 server-address "
            "192.0.2.1\n") in out
    assert "set server-address 192.0.2.1\n" in out
    assert "gateway gw-group1 {\n    ike-policy ike-policy;" in out


def test_display_xml_and_json(instance):
    instance.pipe(["configure", "set system host-name x1", "commit and-quit"])
    r = instance.cli("show configuration system | display xml")
    assert r.rc == 0, r
    assert r.lines[0].startswith('<rpc-reply xmlns:junos="http://xml.juniper.net/junos/')
    assert "<host-name>x1</host-name>" in r.out
    assert r.lines[-4:] == ["    <cli>", "        <banner></banner>", "    </cli>",
                            "</rpc-reply>"]
    r = instance.cli("show configuration system | display json")
    assert r.rc == 0, r
    assert '"host-name" : "x1"' in r.out


def test_run_from_configuration_mode(instance):
    instance.pipe(["configure", "set system host-name committed1", "commit and-quit"])
    r = instance.pipe(["configure", "set system host-name candidate1",
                       "run show configuration system", "show system"])
    assert r.rc == 0, r
    assert r.lines[1:] == ["host-name committed1;", "host-name candidate1;"]


def test_exclusive_quit_discards(instance):
    r = instance.pipe(["configure exclusive", "set system host-name excl", "exit"])
    assert r.rc == 0, r
    assert r.lines == [
        "warning: uncommitted changes will be discarded on exit",
        "Entering configuration mode",
        "The configuration has been changed but not committed",
        "warning: Auto rollback on exiting 'configure exclusive'",
        "warning: discarding uncommitted changes",
        "load complete",
        "Exiting configuration mode"]
    assert instance.candidate_set() == []


def test_exit_with_uncommitted_changes_keeps_them(instance):
    r = instance.pipe(["configure", "set system host-name kept", "exit"])
    assert r.rc == 0, r
    assert r.lines == ["Entering configuration mode",
                       "The configuration has been changed but not committed",
                       "Exiting configuration mode"]
    assert "set system host-name kept" in instance.candidate_set()


# ---- many lines ----

def big_config(n):
    lines = []
    for i in range(n):
        lines.append("set routing-options static route 10.%d.%d.0/24 next-hop 192.0.2.%d"
                     % (i // 256 % 256, i % 256, 1 + i % 250))
    return lines


def test_100k_piped_set_lines(instance):
    lines = big_config(100000)
    t0 = time.monotonic()
    r = instance.pipe(["configure"] + lines + ["commit and-quit"], timeout=300)
    elapsed = time.monotonic() - t0
    assert r.rc == 0, r.out[-2000:] + r.err
    assert r.lines == ["Entering configuration mode", "commit complete",
                       "Exiting configuration mode"]
    r = instance.cli("show configuration routing-options | display set | count")
    assert r.out.strip() == "Count: 100000 lines"
    assert elapsed < 60, elapsed


def test_bad_line_deep_in_a_batch(instance):
    lines = big_config(20000)
    lines[15000] = "set routing-options static route 10.1.1.0/24 next-hop 300.0.0.1"
    r = instance.pipe(["configure"] + lines + ["commit"], timeout=300)
    assert r.rc == 1
    assert "line 15002" in r.err
    assert "Value" in r.out or "Invalid" in r.out or "error" in r.out
    cand = instance.candidate_set()
    assert len(cand) == 15000
    assert "host-name" not in instance.cli("show configuration").out


def test_bad_line_only_mgd_sees(instance):
    """An error the local check cannot see (rename of a missing entry) is found by
    bisection with its line number, the lines before it applied."""
    lines = big_config(3000)
    lines.insert(2000, "rename routing-options static route 99.99.99.0/24 to "
                       "route 98.0.0.0/24")
    r = instance.pipe(["configure"] + lines, timeout=300)
    assert r.rc == 1
    assert "line 2002" in r.err
    assert len(instance.candidate_set()) == 2000


# ---- more editing verbs, modes, displays ----

def test_rename_copy_insert_annotate_deactivate(instance):
    r = instance.pipe([
        "configure",
        "edit security group-vpn member ike",
        "set proposal p1 dh-group group14",
        "set proposal p2 dh-group group2",
        "copy proposal p1 to proposal p3",
        "rename proposal p2 to proposal p9",
        "insert proposal p3 before proposal p1",
        'annotate proposal p1 "the first one"',
        "deactivate proposal p9",
        "top",
        "show security group-vpn member ike",
        "activate security group-vpn member ike proposal p9",
        "show security group-vpn member ike | display set",
    ])
    assert r.rc == 0, r
    out = r.out
    text = out[out.index("proposal p3 {"):]
    assert text.index("proposal p3 {") < text.index("/* the first one */") < \
        text.index("proposal p1 {") < text.index("inactive: proposal p9 {")
    assert "set security group-vpn member ike proposal p9 dh-group group2\n" in out
    assert "deactivate security group-vpn member ike proposal p9" not in \
        out[out.rindex("set security"):]


def test_configure_private(instance):
    instance.pipe(["configure", "set system host-name base", "commit and-quit"])
    r = instance.pipe(["configure private", "set system host-name private1",
                       "commit and-quit"])
    assert r.rc == 0, r
    assert r.lines[:2] == ["warning: uncommitted changes will be discarded on exit",
                           "Entering configuration mode"]
    assert "set system host-name private1" in instance.committed_set()
    # a dirty shared candidate keeps `configure private` out
    instance.pipe(["configure", "set system host-name shared-edit", "exit"])
    r = instance.pipe(["configure private"])
    assert r.rc == 1
    assert "error: shared configuration database modified" in r.lines


def test_status_lists_other_users(instance):
    with instance.nc(client="cli", tty="pts/9") as other:
        other.configure()
        r = instance.pipe(["configure", "status"])
    assert r.rc == 0, r
    assert r.lines[1] == "Users currently editing the configuration:"
    assert any("terminal pts/9" in l for l in r.lines)


def test_display_inheritance(instance):
    r = instance.pipe(["configure", "set groups g1 system host-name fromgroup",
                       "set apply-groups g1", "commit and-quit"])
    assert r.rc == 0, r
    r = instance.cli("show configuration system")
    assert "host-name" not in r.out
    r = instance.cli("show configuration system | display inheritance")
    assert r.rc == 0, r
    assert "host-name fromgroup;" in r.out
    assert "inherited from group 'g1'" in r.out


def test_mgd_not_responding(instance):
    import signal
    instance.env["ROUTEMU_CLI_TIMEOUT"] = "1"
    instance.mgd.proc.send_signal(signal.SIGSTOP)
    try:
        t0 = time.monotonic()
        r = instance.cli("show configuration", timeout=20)
        elapsed = time.monotonic() - t0
    finally:
        instance.mgd.proc.send_signal(signal.SIGCONT)
        del instance.env["ROUTEMU_CLI_TIMEOUT"]
    assert r.rc == 1
    assert "error: mgd not responding" in r.out + r.err
    assert elapsed < 10
