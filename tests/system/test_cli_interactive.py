"""The interactive cli on a pseudo-terminal (pexpect): prompt and banners, `?` help,
TAB and space completion, the caret under a bad word, the questions of leaving
configuration mode, the commit confirmed banner, ^D."""

import re

import pexpect
import pytest

from routemu_fixture import USER, caret_col, instance  # noqa: F401

ROW = re.compile(r"^[ >+] (\S+|<\[Enter\]>)( {2,}\S.*)?$")


def rows(text):
    """The completion rows after `Possible completions:` in text."""
    lines = [l.rstrip("\r") for l in text.split("\n")]
    i = lines.index("Possible completions:")
    out = []
    for l in lines[i + 1:]:
        if not ROW.match(l):
            break
        out.append(l)
    return out


@pytest.fixture
def session(instance):
    s = instance.spawn()
    yield s
    s.close()


def test_prompt_banner_and_host_name(instance, session):
    s = session
    out = s.run("configure", config=True)
    assert "Entering configuration mode\r\n\r\n[edit]\r\n" in out
    out = s.run("edit security group-vpn", config=True)
    assert out.endswith("\r\n[edit security group-vpn]\r\n")
    s.run("top", config=True)
    s.run("set system host-name lab1", config=True)
    s.sendline("commit and-quit")
    s.expect_exact("commit complete")
    s.expect_exact("Exiting configuration mode")
    # the prompt follows the committed host name
    s.expect_prompt(host="lab1")
    assert s.prompt() == "%s@lab1> " % USER


def test_help_in_operational_mode(session):
    s = session
    s.send("show ?")
    s.expect_exact("Possible completions:")
    s.expect_exact(s.prompt() + "show ")
    text = "Possible completions:" + s.before
    got = rows(text)
    assert "  configuration        Show current configuration" in got
    assert "  system               Show system information" in got
    # ? did not go into the line: Enter runs `show ` (incomplete)
    s.sendline("")
    s.expect_exact("syntax error, expecting <command>.")
    s.expect_prompt()


def test_help_in_configuration_mode(session):
    s = session
    s.run("configure", config=True)
    s.send("set ?")
    s.expect_exact("Possible completions:")
    s.expect_exact(s.prompt(True) + "set ")
    # the banner again, then the line as it was (a dumb terminal adds a newline)
    assert re.search(r"\r\n\[edit\]\r\n(\r*\n)?$", s.before), s.before
    got = rows("Possible completions:" + s.before)
    names = [r[2:].split()[0] for r in got]
    assert "security" in names and "system" in names and "interfaces" in names
    assert any(r.startswith("> security ") for r in got)
    s.send("\x15")       # ^U
    s.send("commit ?")
    s.expect_exact("Possible completions:")
    s.expect_exact(s.prompt(True) + "commit ")
    got = rows("Possible completions:" + s.before)
    assert got[0].startswith("  <[Enter]>")
    assert "  check                Check correctness of syntax; do not apply changes" in got
    s.send("\x15")


def test_question_mark_in_a_quoted_string(instance, session):
    s = session
    s.run("configure", config=True)
    s.run('set interfaces ge-0/0/0 description "why?"', config=True)
    assert 'set interfaces ge-0/0/0 description why?' in instance.candidate_set()


def test_tab_and_space_complete(instance, session):
    s = session
    s.run("configure", config=True)
    s.send("set sys\t")
    s.expect_exact("set system ")
    s.send("host-n ")
    s.expect_exact("host-name ")
    s.sendline("tabbed")
    s.expect_prompt(config=True)
    assert "set system host-name tabbed" in instance.candidate_set()


def test_caret_under_the_bad_word(session):
    s = session
    s.run("configure", config=True)
    s.sendline("set system hots-name x")
    s.expect_exact("syntax error.")
    assert caret_col(s.before.replace("\r", "")) == len(s.prompt(True)) + len("set system ")
    s.expect_prompt(config=True)
    s.sendline("exit configuration-mode")
    s.expect_prompt()
    s.sendline("shwo configuration")
    s.expect_exact("unknown command.")
    assert caret_col(s.before.replace("\r", "")) == len(s.prompt())
    s.expect_prompt()


def test_exit_with_uncommitted_changes_asks(instance, session):
    s = session
    s.run("configure", config=True)
    s.run("set system host-name dirty", config=True)
    s.sendline("exit")
    s.expect_exact("The configuration has been changed but not committed")
    s.expect_exact("Exit with uncommitted changes? [yes,no] (yes) ")
    s.sendline("no")
    s.expect_prompt(config=True)
    s.sendline("exit")
    s.expect_exact("Exit with uncommitted changes? [yes,no] (yes) ")
    s.sendline("")
    s.expect_exact("Exiting configuration mode")
    s.expect_prompt()
    # shared candidate: the change is still there
    assert "set system host-name dirty" in instance.candidate_set()


def test_exit_goes_back_one_edit(session):
    s = session
    s.run("configure", config=True)
    s.run("edit security", config=True)
    out = s.run("edit group-vpn member", config=True)
    assert out.endswith("[edit security group-vpn member]\r\n")
    out = s.run("exit", config=True)
    assert out.endswith("\r\n[edit security]\r\n")
    out = s.run("exit", config=True)
    assert out.endswith("\r\n[edit]\r\n")
    s.sendline("exit")
    s.expect_exact("Exiting configuration mode")
    s.expect_prompt()


def test_configure_exclusive_quit(instance, session):
    s = session
    out = s.run("configure exclusive", config=True)
    assert ("warning: uncommitted changes will be discarded on exit\r\n"
            "Entering configuration mode") in out
    s.run("set system host-name excl", config=True)
    s.sendline("quit")
    s.expect_exact("warning: Auto rollback on exiting 'configure exclusive'")
    s.expect_exact("Discard uncommitted changes? [yes,no] (yes) ")
    s.sendline("yes")
    s.expect_exact("warning: discarding uncommitted changes\r\nload complete\r\n"
                   "Exiting configuration mode")
    s.expect_prompt()
    assert instance.candidate_set() == []


def test_bare_delete_asks(instance, session):
    s = session
    s.run("configure", config=True)
    s.run("set system host-name keep", config=True)
    s.run("edit system", config=True)
    s.sendline("delete")
    s.expect_exact("Delete everything under this level? [yes,no] (no) ")
    s.sendline("")
    s.expect_prompt(config=True)
    assert "set system host-name keep" in instance.candidate_set()
    s.sendline("delete")
    s.expect_exact("Delete everything under this level? [yes,no] (no) ")
    s.sendline("yes")
    s.expect_prompt(config=True)
    assert instance.candidate_set() == []


def test_commit_confirmed_banner(session):
    s = session
    s.run("configure", config=True)
    s.run("set interfaces ge-0/0/0 description conf", config=True)
    out = s.run("commit confirmed 5", config=True)
    assert ("commit confirmed will be automatically rolled back in 5 minutes unless "
            "confirmed\r\ncommit complete") in out
    assert re.search(r"\r\n# commit confirmed will be rolled back in [45] minutes\r\n"
                     r"\[edit\]\r\n$", out), out
    out = s.run("commit", config=True)
    assert "# commit confirmed" not in out


def test_load_terminal_with_ctrl_d(instance, session):
    s = session
    s.run("configure", config=True)
    s.sendline("load merge terminal")
    s.expect_exact("[Type ^D at a new line to end input]")
    s.sendline("system {")
    s.sendline("    host-name typed;")
    s.sendline("}")
    s.sendcontrol("d")
    s.expect_exact("load complete")
    s.expect_prompt(config=True)
    assert "set system host-name typed" in instance.candidate_set()


def test_pipes_and_pager_off(instance, session):
    s = session
    out = s.run("set cli screen-length 0")
    assert "Screen length set to 0" in out
    out = s.run("show cli | match screen")
    assert "CLI screen-length set to 0" in out
    assert "complete-on-space" not in out


def test_ctrl_d_leaves(session):
    s = session
    s.run("configure", config=True)
    s.sendcontrol("d")
    s.expect_exact("Exiting configuration mode")
    s.expect_prompt()
    s.sendcontrol("d")
    s.expect(pexpect.EOF)


def test_tab_on_an_ambiguous_word(session):
    s = session
    s.run("configure", config=True)
    # TAB lists what the word may become
    s.send("set s\t")
    s.expect_exact("Possible completions:")
    s.expect_exact(s.prompt(True) + "set s")
    assert "system" in s.before and "security" in s.before
    # space says it is ambiguous, under a caret
    s.send(" ")
    s.expect_exact("'s' is ambiguous.")
    assert caret_col(s.before.replace("\r", "")) == len(s.prompt(True)) + len("set ")
    s.expect_exact(s.prompt(True) + "set s")
    s.send("\x15")


def test_session_survives_mgd_restart(instance, session):
    s = session
    s.run("configure", config=True)
    s.run("edit system", config=True)
    s.run("set host-name before-restart", config=True)
    instance.restart()
    out = s.run("show", config=True)
    assert "host-name before-restart;" in out
    assert out.endswith("[edit system]\r\n")
