"""Commit history: rollback files 1..49 with their metadata (time, user, client,
comment), `show system commit`, get-commit-information, rollback N, compare, and
the same after a restart."""

import os
import re

import pytest

from ncclient_unix import Mgd, NcClient

LINE = re.compile(r"^(\d+) +(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC) by (\S+) via (\S+)(?: (.*))?$")


@pytest.fixture
def mgd(tmp_path):
    m = Mgd(tmp_path / "r1").start()
    yield m
    assert m.stop() == 0


def commit_n(nc, n, start=0, comment=True):
    for i in range(start, start + n):
        nc.load_set("set system host-name h%d" % i)
        nc.commit(comment="change %d" % i if comment else None)


def parse_commits(text):
    entries = []
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            entries.append({"n": int(m.group(1)), "user": m.group(3), "via": m.group(4),
                            "extra": m.group(5), "sub": [], "line": line})
        else:
            assert line.startswith("    "), repr(line)
            entries[-1]["sub"].append(line[4:])
    return entries


def test_metadata_and_show_system_commit(mgd):
    with mgd.client(client="cli", tty="pts/1") as cli, mgd.client() as auto:
        cli.load_set("set system host-name a")
        cli.commit(comment="first change")
        auto.load_set("set system host-name b")
        auto.commit()
        text = cli.command("show system commit")
        e = parse_commits(text)
        assert [x["n"] for x in e] == [0, 1]
        assert e[0]["via"] == "netconf" and e[0]["sub"] == []
        assert e[1]["via"] == "cli" and e[1]["sub"] == ["first change"]
        assert e[0]["user"] == "root"
        # the layout: index left-aligned in 4 columns
        assert text.splitlines()[0].startswith("0   20")
        r = cli.rpc("<get-commit-information/>")
        h = r.findall("commit-information/commit-history")
        assert [x.findtext("sequence-number") for x in h] == ["0", "1"]
        assert h[1].findtext("log") == "first change"
        assert h[1].findtext("client") == "cli"
        assert h[0].find("date-time").get("seconds").isdigit()


def test_rotation_keeps_49(mgd):
    with mgd.client() as nc:
        commit_n(nc, 53)
        e = parse_commits(nc.command("show system commit"))
        assert [x["n"] for x in e] == list(range(50))
        assert e[0]["sub"] == ["change 52"]
        assert e[49]["sub"] == ["change 3"]
    cfg = os.path.join(mgd.instance, "config")
    names = sorted(os.listdir(cfg))
    assert "juniper.conf" in names and "juniper.conf.49" in names
    assert "juniper.conf.50" not in names
    assert not [n for n in names if n.startswith(".")], names   # no temporary left
    for i in range(1, 50):
        body = open(os.path.join(cfg, "juniper.conf.%d" % i)).read()
        assert "host-name h%d;" % (52 - i) in body
    rc, out = mgd.check_files()
    assert rc == 0, out
    assert "50 files checked, 0 bad" in out


def test_rollback_information_and_load_rollback(mgd):
    with mgd.client(client="cli") as nc:
        commit_n(nc, 3, comment=False)
        r = nc.rpc("<get-rollback-information><rollback>2</rollback>"
                   "</get-rollback-information>")
        out = r.findtext("rollback-information/configuration-information/configuration-output")
        assert out.startswith("## Last commit: ")
        assert "host-name h0;" in out
        assert "routemu-" not in out
        r = nc.rpc("<get-rollback-information><rollback>2</rollback><compare>0</compare>"
                   "</get-rollback-information>")
        out = r.findtext(".//configuration-output")
        assert out == "[edit system]\n-  host-name h2;\n+  host-name h0;\n"
        assert nc.command("show system rollback 1 compare 0") == \
            "[edit system]\n-  host-name h2;\n+  host-name h1;\n"
        assert "host-name h1;" in nc.command("show system rollback 1")
        r = nc.rpc("<get-rollback-information><rollback>9</rollback>"
                   "</get-rollback-information>")
        assert NcClient.errors(r) == ["rollback 9 does not exist"]
        # load rollback 2, compare with rollback 2, commit
        r = nc.rpc('<load-configuration rollback="2"/>')
        assert r.find(".//load-success") is not None
        r = nc.rpc('<get-configuration compare="rollback" rollback="2" format="text"/>')
        assert r.findtext(".//configuration-output") == "\n"
        nc.commit()
        assert "host-name h0;" in nc.get_config("text")


def test_history_survives_restart(tmp_path):
    m = Mgd(tmp_path / "r1").start()
    with m.client(client="cli") as nc:
        commit_n(nc, 4)
        before = nc.command("show system commit")
        conf = nc.command("show configuration")
    assert m.stop() == 0
    m.start()
    try:
        with m.client(client="cli") as nc:
            assert nc.command("show system commit") == before
            assert nc.command("show configuration") == conf
            commit_n(nc, 1, start=10)
            e = parse_commits(nc.command("show system commit"))
            assert len(e) == 5 and e[0]["sub"] == ["change 10"]
    finally:
        m.stop()


def test_comment_with_newlines_and_specials(mgd):
    with mgd.client(client="cli") as nc:
        nc.load_set("set system host-name x")
        nc.commit(comment='two\nlines \\ and "quotes" <tag>')
        r = nc.rpc("<get-commit-information/>")
        assert r.findtext(".//commit-history/log") == 'two\nlines \\ and "quotes" <tag>'
        e = parse_commits(nc.command("show system commit"))
        assert e[0]["sub"] == ["two", 'lines \\ and "quotes" <tag>']
    rc, out = mgd.check_files()
    assert rc == 0, out


def test_check_files_detects_damage(mgd):
    with mgd.client() as nc:
        commit_n(nc, 3)
    cfg = os.path.join(mgd.instance, "config")
    p = os.path.join(cfg, "juniper.conf.2")
    data = open(p).read()
    with open(p, "w") as f:
        f.write(data[:-5])          # cut short
    rc, out = mgd.check_files()
    assert rc != 0
    assert "juniper.conf.2: BAD" in out
    with open(p, "w") as f:
        f.write(data.replace("host-name", "host-namX"))   # same length, bad statement
    rc, out = mgd.check_files()
    assert rc != 0


def test_hand_written_juniper_conf(tmp_path):
    """A juniper.conf put in place by hand (no routemu header) is the active
    configuration, listed as rollback 0, and rotates like any other."""
    inst = tmp_path / "r1"
    (inst / "config").mkdir(parents=True)
    (inst / "config/juniper.conf").write_text("version 24.4R1.9;\nsystem {\n"
                                              "    host-name handmade;\n}\n")
    m = Mgd(inst).start()
    try:
        with m.client(client="cli") as nc:
            assert nc.get_config("set") == "set system host-name handmade\n"
            e = parse_commits(nc.command("show system commit"))
            assert len(e) == 1 and e[0]["via"] == "other"
            assert not e[0]["line"].startswith("0   1970")
            nc.load_set("set system host-name next")
            nc.commit()
            assert "host-name handmade;" in nc.command("show system rollback 1")
        rc, out = m.check_files()
        assert rc == 0, out
    finally:
        m.stop()
