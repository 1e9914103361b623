"""Operational commands of schema/op served by mgd (show version, show system uptime,
show system processes), end to end: the cli sends the RPC opschema builds, mgd answers
it with sysinfo, the cli renders it with the schema's template; `<command>` over
NETCONF takes the same path inside mgd. Layouts are checked against the Junos samples
of tests/unit/data/render/."""

import os
import re

import pytest

from routemu_fixture import instance, repo_root  # noqa: F401
from ncclient_unix import etree

RENDER = os.path.join(repo_root(), "tests", "unit", "data", "render")
NS_JUNOS = "http://xml.juniper.net/junos/24.4R1/junos"
ROW = re.compile(r"^[ >+] (\S+|<\[Enter\]>)( {2,}\S.*)?$")


def golden(name):
    with open(os.path.join(RENDER, name)) as f:
        return f.read().splitlines()


def rows(text):
    lines = [l.rstrip("\r") for l in text.split("\n")]
    i = lines.index("Possible completions:")
    out = []
    for l in lines[i + 1:]:
        if not ROW.match(l):
            break
        out.append(l)
    return out


def names(text):
    return [r[2:].split()[0] for r in rows(text)]


@pytest.fixture
def gm1(instance):  # noqa: F811
    r = instance.pipe(["configure", "set system host-name gm1", "commit and-quit"])
    assert r.rc == 0, r
    return instance


def test_show_version_junos_layout(gm1):
    r = gm1.cli("show version")
    assert r.rc == 0, r
    lines = r.out.splitlines()
    # the Junos layout (version-mx80.txt): Hostname, Model, Junos, then packages
    ref = golden("version-mx80.txt")
    assert [l.split(": ")[0] for l in lines[:3]] == [l.split(": ")[0] for l in ref[:3]]
    assert lines[0] == "Hostname: gm1"
    assert lines[1] == "Model: mx960"
    assert re.fullmatch(r"Junos: 24\.4R1-routemu-\S+", lines[2]), lines
    version = lines[2].split(": ")[1]
    # a package line as Junos prints them: "NAME [VERSION]"
    assert re.fullmatch(r".+ \[%s\]" % re.escape(version), lines[3]), lines
    # prefixes and pipes
    r = gm1.cli("sh ver | match Model")
    assert r.rc == 0 and r.out == "Model: mx960\n", r
    r = gm1.cli("show version | count")
    assert r.out == "Count: %d lines\n" % len(lines), r


def test_show_version_without_host_name(instance):  # noqa: F811
    r = instance.cli("show version")
    assert r.rc == 0, r
    assert r.out.splitlines()[0] == "Model: mx960", r


def test_show_system_uptime_shape(gm1):
    r = gm1.cli("show system uptime")
    assert r.rc == 0, r
    lines = r.out.splitlines()
    t = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+"
    assert re.fullmatch(r"Current time: " + t, lines[0]), lines
    assert lines[1] == "Time Source:  LOCAL CLOCK", lines
    assert re.fullmatch(r"System booted: %s \(\S+ ago\)" % t, lines[2]), lines
    assert re.fullmatch(r"Protocols started: %s \(\S+ ago\)" % t, lines[3]), lines
    assert re.fullmatch(r"Last configured: %s \(\S+ ago\) by \S+" % t, lines[4]), lines
    # the w(1) line: this cli counts as a user
    assert re.fullmatch(r" ?\d+:\d\d[AP]M  up .+, \d+ users?, load averages: "
                        r"\d+\.\d\d, \d+\.\d\d, \d+\.\d\d", lines[5]), lines
    # the same prefixes as the Junos sample
    ref = golden("uptime-mx.txt")
    assert [l.split(":")[0] for l in lines[:5]] == [l.split(":")[0] for l in ref[:5]]


def test_show_system_processes_levels(gm1):
    pid = str(gm1.mgd.proc.pid)
    # normal (ps) and summary (top) list mgd; brief is top's header alone
    for level in ("", " summary"):
        r = gm1.cli("show system processes" + level)
        assert r.rc == 0, r
        assert any(l.split()[:1] == [pid] for l in r.out.splitlines()), (level, r)
    r = gm1.cli("show system processes brief")
    assert r.rc == 0 and r.out.startswith("last pid: "), r
    assert not any(l.split()[:1] == [pid] for l in r.out.splitlines()), r
    r = gm1.cli("show system processes summary")
    assert r.out.startswith("last pid: "), r
    assert "  PID USERNAME" in r.out, r
    r = gm1.cli("show system processes brief summary")
    assert r.rc == 1 and "syntax error" in r.out + r.err, r


def test_display_xml(gm1):
    r = gm1.cli("show version | display xml")
    assert r.rc == 0, r
    assert r.out.startswith('<rpc-reply xmlns:junos="%s">\n' % NS_JUNOS), r
    assert "    <software-information>\n" in r.out
    assert "<host-name>gm1</host-name>" in r.out
    assert "<product-model>mx960</product-model>" in r.out
    assert r.out.endswith("    <cli>\n        <banner></banner>\n    </cli>\n"
                          "</rpc-reply>\n"), r
    etree.fromstring(r.out.encode())
    r = gm1.cli("show system uptime | display xml")
    assert "<system-uptime-information>" in r.out, r
    r = gm1.cli("show version | display json")
    assert r.rc == 0 and '"product-model"' in r.out and '"mx960"' in r.out, r


def test_display_xml_rpc(gm1):
    r = gm1.cli("show version | display xml rpc")
    assert r.rc == 0, r
    doc = etree.fromstring(r.out.encode())
    rpc = doc.find("rpc")
    assert [c.tag for c in rpc] == ["get-software-information"], r.out
    assert "software-information>" not in r.out.replace("get-software-information", "")
    assert r.out.endswith("<banner></banner>\n    </cli>\n</rpc-reply>\n"), r
    r = gm1.cli("show system processes brief | display xml rpc")
    rpc = etree.fromstring(r.out.encode()).find("rpc")
    assert [c.tag for c in rpc] == ["get-system-process-information"], r.out
    assert [c.tag for c in rpc[0]] == ["brief"], r.out


def test_netconf_rpcs(gm1):
    with gm1.nc() as nc:
        reply = nc.rpc("<get-software-information/>")
        si = reply.find("software-information")
        assert si is not None, etree.tostring(reply)
        assert si.findtext("host-name") == "gm1"
        assert si.findtext("product-model") == "mx960"
        assert re.fullmatch(r"24\.4R1-routemu-\S+", si.findtext("junos-version"))
        reply = nc.rpc("<get-system-uptime-information/>")
        assert reply.find("system-uptime-information/uptime-information") is not None
        reply = nc.rpc("<get-system-process-information><summary/>"
                       "</get-system-process-information>")
        assert reply.find("system-process-information/process-summary") is not None
        reply = nc.rpc("<get-system-process-information><bogus/>"
                       "</get-system-process-information>")
        assert nc.errors(reply), etree.tostring(reply)
        # <command>: XML by default, as Junos; text renders like the cli
        reply = nc.rpc("<command>show version</command>")
        assert reply.findtext("software-information/product-model") == "mx960"
        reply = nc.rpc('<command format="text">show version</command>')
        text = reply.findtext("output")
    assert text == gm1.cli("show version").out


def test_netconf_command_pipes_and_errors(gm1):
    with gm1.nc() as nc:
        reply = nc.rpc('<command format="text">show version | match Host</command>')
        assert reply.findtext("output") == "Hostname: gm1\n"
        reply = nc.rpc('<command format="text">show version | display xml</command>')
        assert "<product-model>mx960</product-model>" in reply.findtext("output")
        # the hand-written commands and the unknown ones are as before
        reply = nc.rpc('<command format="text">show system commit</command>')
        assert " by " in reply.findtext("output")
        reply = nc.rpc("<command>show system bogus</command>")
        assert "syntax error, expecting <command>: bogus" in nc.errors(reply)[0]
        # a command of a daemon that is not there
        reply = nc.rpc("<get-gvpn-ipsec-statistics-information/>")
        assert nc.errors(reply) == ["the gkmd subsystem is not running"]


def test_errors_as_before(gm1):
    r = gm1.cli("show system bogus")
    assert r.rc == 1 and "syntax error, expecting <command>: bogus" in r.out + r.err, r
    r = gm1.cli("show system commit")
    assert r.rc == 0, r


def test_run_in_configuration_mode(gm1):
    r = gm1.pipe(["configure", "run show version | match Model", "exit"])
    assert r.rc == 0 and "Model: mx960\n" in r.out, r


def test_help_lists_schema_commands(gm1):
    s = gm1.spawn(host="gm1")
    try:
        s.send("show ?")
        s.expect_exact("Possible completions:")
        s.expect_exact(s.prompt() + "show ")
        got = names("Possible completions:" + s.before)
        for w in ("cli", "configuration", "system", "version"):
            assert w in got, got
        s.send("\x15")
        s.send("show system ?")
        s.expect_exact("Possible completions:")
        s.expect_exact(s.prompt() + "show system ")
        got = names("Possible completions:" + s.before)
        for w in ("commit", "processes", "rollback", "uptime"):
            assert w in got, got
        s.send("\x15")
        s.send("show system processes ?")
        s.expect_exact("Possible completions:")
        s.expect_exact(s.prompt() + "show system processes ")
        got = names("Possible completions:" + s.before)
        assert "<[Enter]>" in got and "brief" in got and "summary" in got, got
        s.send("\x15")
        s.send("show ver\t")
        s.expect_exact("show version ")
        s.sendline("")
        s.expect_exact("Model: mx960")
        s.expect_prompt(host="gm1")
    finally:
        s.close()
