"""mgd basics over its socket: start-up, hello, load/commit/get round trips in every
format, load errors, filters, show commands, and malformed input."""

import os
import socket
import subprocess
import time

import pytest

from ncclient_unix import Mgd, NcClient, binary, etree

GM1 = """\
set system host-name gm1
set interfaces ge-0/0/0 description "to the key server"
set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24
set interfaces ge-0/0/1 unit 0 family inet address 10.1.1.1/24
set routing-options static route 0.0.0.0/0 next-hop 192.0.2.254
"""


@pytest.fixture
def mgd(tmp_path):
    m = Mgd(tmp_path / "r1").start()
    yield m
    assert m.stop() == 0


def test_start_is_fast_and_creates_layout(tmp_path):
    inst = tmp_path / "fresh"
    t0 = time.monotonic()
    m = Mgd(inst).start()
    elapsed = time.monotonic() - t0
    try:
        assert elapsed < 1.0, elapsed
        for d in ("config", "db", "var/log", "var/run"):
            assert (inst / d).is_dir()
        st = os.stat(inst / "var/run/mgd.sock")
        assert st.st_mode & 0o777 == 0o660
        assert int((inst / "var/run/mgd.pid").read_text()) == m.proc.pid
        assert (inst / "db").stat().st_mode & 0o777 == 0o700
    finally:
        assert m.stop() == 0
    # SIGTERM: clean exit, socket and pid file gone
    assert not (inst / "var/run/mgd.sock").exists()
    assert not (inst / "var/run/mgd.pid").exists()


def test_second_mgd_refused(mgd):
    r = subprocess.run([binary("mgd/mgd"), "--instance", mgd.instance, "--foreground"],
                       env=mgd.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       timeout=10)
    assert r.returncode != 0
    assert b"another mgd" in r.stdout
    with mgd.client() as nc:        # the first one still serves
        nc.rpc("<get-commit-information/>")


def test_hello_and_message_id(mgd):
    with mgd.client() as nc:
        caps = [c.text for c in nc.server_hello.iter("capability")]
        assert "urn:ietf:params:netconf:base:1.0" in caps
        assert "http://xml.juniper.net/netconf/junos/1.0" in caps
        assert nc.session_id > 0
        r = nc.rpc("<get-commit-information/>", msgid="abc-42")
        assert r.get("message-id") == "abc-42"


def test_load_set_commit_roundtrip(mgd):
    with mgd.client(client="cli", tty="pts/7") as nc:
        nc.load_set(GM1)
        # nothing committed yet
        assert "gm1" not in nc.get_config("text", database="committed")
        assert "host-name gm1;" in nc.get_config("text", database="candidate")
        nc.commit()
        text = nc.get_config("text")
        assert text.startswith("## Last commit: ")
        assert " by root\nversion " in text
        assert "host-name gm1;" in text
        setl = nc.get_config("set").splitlines()
        assert sorted(setl) == sorted(GM1.splitlines())
        xml = nc.get_config("xml")
        assert xml.tag == "configuration"
        assert xml.get("commit-user") == "root"
        assert xml.findtext("system/host-name") == "gm1"
        js = nc.get_config("json")
        assert '"host-name" : "gm1"' in js
    conf = open(os.path.join(mgd.instance, "config/juniper.conf")).read()
    assert conf.startswith("## Last commit: ")
    assert "host-name gm1;" in conf


def test_show_configuration(mgd):
    with mgd.client(client="cli") as nc:
        nc.load_set(GM1)
        nc.commit()
        out = nc.command("show configuration")
        assert out.startswith("## Last commit: ")
        assert "\nversion " in out
        assert nc.command("show configuration system") == "host-name gm1;\n"
        assert nc.command("sh conf system host-name") == "host-name gm1;\n"
        s = nc.command("show configuration | display set")
        assert sorted(s.splitlines()) == sorted(GM1.splitlines())
        s = nc.command("show configuration routing-options | display set")
        assert s == "set routing-options static route 0.0.0.0/0 next-hop 192.0.2.254\n"
        x = nc.command("show configuration system | display xml")
        assert x.startswith("<rpc-reply xmlns:junos=")
        assert "<host-name>gm1</host-name>" in x
        assert "<cli>" in x
        j = nc.command("show configuration | display json")
        assert '"configuration"' in j
        assert nc.command("show configuration | display set | count") == "Count: 5 lines\n"
        assert nc.command("show configuration | display set | match host") == \
            "set system host-name gm1\n"
        # XML format: the <configuration> element itself
        r = nc.command("show configuration system", fmt="xml")
        assert r.find("configuration/system/host-name").text == "gm1"
        # nothing configured under a valid path: empty output
        assert nc.command("show configuration security") == ""
        r = nc.rpc('<command format="text">show configuration nonsense</command>')
        assert NcClient.errors(r)
        r = nc.rpc('<command format="text">frobnicate</command>')
        assert NcClient.errors(r) == ["syntax error, expecting <command>: frobnicate"]


def test_load_text_xml_json_actions(mgd):
    with mgd.client() as nc:
        nc.load_set(GM1)
        nc.commit()
        r = nc.load("system { host-name gm2; }", action="merge")
        assert r.find(".//load-success") is not None
        assert "host-name gm2;" in nc.get_config("text", database="candidate")
        # override: only what is given remains
        r = nc.load("system { host-name gm3; }", action="override")
        assert r.find(".//load-success") is not None
        cand = nc.get_config("set", database="candidate")
        assert cand == "set system host-name gm3\n"
        # xml merge
        r = nc.load("<configuration><system><host-name>gm4</host-name></system>"
                    "</configuration>", fmt="xml")
        assert r.find(".//load-success") is not None, etree.tostring(r)
        assert nc.get_config("set", database="candidate") == "set system host-name gm4\n"
        # json merge
        r = nc.load('{"configuration" : {"system" : {"host-name" : "gm5"}}}', fmt="json")
        assert r.find(".//load-success") is not None, etree.tostring(r)
        assert nc.get_config("set", database="candidate") == "set system host-name gm5\n"
        # rollback 0 (PyEZ's Config.rollback) discards it all
        r = nc.rpc('<load-configuration rollback="0"/>')
        assert r.find(".//load-success") is not None
        assert sorted(nc.get_config("set", database="candidate").splitlines()) == \
            sorted(GM1.splitlines())


def test_load_errors_change_nothing(mgd):
    with mgd.client() as nc:
        nc.load_set(GM1)
        before = nc.get_config("set", database="candidate")
        # a bad line in the middle: all or nothing
        r = nc.load("set system host-name x1\nset interfaces ge-0/0/0 unit 99999999999 "
                    "description y\nset system host-name x2", action="set")
        assert r.find(".//load-success") is None
        assert r.findtext(".//load-error-count") == "1"
        errs = NcClient.errors(r)
        assert len(errs) == 1 and errs[0]
        assert r.find(".//rpc-error/error-info/routemu-line").text == "2"
        assert nc.get_config("set", database="candidate") == before
        # syntax error in text
        r = nc.load("system { host-name ; ", action="merge")
        assert r.find(".//load-success") is None
        assert int(r.findtext(".//load-error-count")) >= 1
        assert nc.get_config("set", database="candidate") == before
        # unknown statement in a set line
        r = nc.load("set system nonsense 1", action="set")
        assert r.find(".//load-success") is None
        # delete of an absent statement: warning, then success
        r = nc.load("delete system syslog", action="set")
        assert NcClient.errors(r, "warning") == ["statement not found"]
        assert r.find(".//load-success") is not None
        assert nc.get_config("set", database="candidate") == before


def test_filter_and_compare(mgd):
    with mgd.client() as nc:
        nc.load_set(GM1)
        nc.commit()
        x = nc.get_config("xml", filter_xml="<system/>")
        assert [c.tag for c in x] == ["system"]
        x = nc.get_config("xml", filter_xml="<interfaces><interface><name>ge-0/0/1</name>"
                          "</interface></interfaces>")
        names = [e.text for e in x.iter("name")]
        assert "ge-0/0/1" in names and "ge-0/0/0" not in names
        t = nc.get_config("text", filter_xml="<system/>")
        assert "host-name gm1;" in t and "interfaces" not in t
        nc.load_set("set system host-name gm9")
        r = nc.rpc('<get-configuration compare="rollback" rollback="0" format="text"/>')
        diff = r.findtext("configuration-information/configuration-output")
        assert diff == "[edit system]\n-  host-name gm1;\n+  host-name gm9;\n"
        nc.load_set("set interfaces ge-0/0/1 description new")
        r = nc.rpc('<get-configuration compare="rollback" rollback="0" format="text">'
                   '<configuration><system/></configuration></get-configuration>')
        diff = r.findtext("configuration-information/configuration-output")
        assert diff == "[edit system]\n-  host-name gm1;\n+  host-name gm9;\n"
        nc.rpc('<load-configuration rollback="0"/>')
        r = nc.rpc('<get-configuration compare="rollback" rollback="0" format="text"/>')
        assert r.findtext("configuration-information/configuration-output") == "\n"


def test_default_database(mgd):
    with mgd.client(client="cli") as cli, mgd.client() as auto:
        auto.load_set("set system host-name cand")
        # a cli in operational mode reads the committed configuration
        r = cli.rpc('<get-configuration format="set"/>')
        assert "cand" not in (r.findtext("configuration-set") or "")
        # automation (PyEZ) reads the candidate by default
        r = auto.rpc('<get-configuration format="set"/>')
        assert "cand" in r.findtext("configuration-set")
        cli.configure()
        r = cli.rpc('<get-configuration format="set"/>')
        assert "cand" in r.findtext("configuration-set")


def raw_exchange(sock_path, payload, timeout=5):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect(sock_path)
    data = b""
    while b"]]>]]>" not in data:
        data += s.recv(65536)
    s.sendall(payload)
    out = data.split(b"]]>]]>", 1)[1]
    try:
        while out.count(b"]]>]]>") < 1:
            chunk = s.recv(65536)
            if not chunk:
                break
            out += chunk
    finally:
        s.close()
    return out


@pytest.mark.parametrize("payload", [
    b"<rpc><unclosed></rpc>]]>]]>",
    b"not xml at all]]>]]>",
    b"\x00\x01\x02\xff]]>]]>",
    b"<foo/>]]>]]>",
    b"<rpc message-id=\"7\"/>]]>]]>",
    b"<rpc message-id=\"8\"><no-such-rpc/></rpc>]]>]]>",
    b"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><rpc>&a;</rpc>]]>]]>",
    b"<rpc message-id=\"9\"><get-configuration format=\"bogus\" database=\"x\"/></rpc>]]>]]>",
    b"<rpc message-id=\"10\"><load-configuration action=\"frob\">"
    b"<configuration-text>x</configuration-text></load-configuration></rpc>]]>]]>",
    b"<rpc message-id=\"11\"><get-rollback-information><rollback>77</rollback>"
    b"</get-rollback-information></rpc>]]>]]>",
    b"<rpc message-id=\"12\"><commit-configuration><confirmed/><confirm-timeout>0"
    b"</confirm-timeout></commit-configuration></rpc>]]>]]>",
])
def test_malformed_input_gets_rpc_error(mgd, payload):
    out = raw_exchange(mgd.sock, payload)
    assert b"<rpc-reply" in out
    # anything but a get-configuration with junk attributes (which falls back to xml)
    if b"get-configuration" not in payload:
        assert b"<rpc-error>" in out
    # and mgd still serves
    with mgd.client() as nc:
        assert nc.rpc("<get-commit-information/>").tag == "rpc-reply"


def test_disconnect_mid_request(mgd):
    for chunk in (b"<rpc message-id='1'><get-configura", b"<rpc>" + b"x" * 100000):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(mgd.sock)
        s.sendall(chunk)
        s.close()
    # many clients that vanish right away
    for _ in range(50):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(mgd.sock)
        s.close()
    with mgd.client() as nc:
        nc.load_set("set system host-name still-alive")
        nc.commit()
    assert mgd.proc.poll() is None


def test_close_session(mgd):
    with mgd.client() as nc:
        r = nc.rpc("<close-session/>")
        assert r.find("ok") is not None
        with pytest.raises((EOFError, OSError)):
            nc.recv_bytes()


def test_load_at_level(mgd):
    """The routemu `level` attribute: set lines and text relative to an edit level."""
    with mgd.client() as nc:
        r = nc.rpc('<load-configuration action="set" level="interfaces ge-0/0/3">'
                   '<configuration-set>set unit 0 description lvl</configuration-set>'
                   '</load-configuration>')
        assert r.find(".//load-success") is not None, NcClient.errors(r)
        r = nc.rpc('<load-configuration action="merge" format="text" level="system">'
                   '<configuration-text>host-name rel;</configuration-text>'
                   '</load-configuration>')
        assert r.find(".//load-success") is not None, NcClient.errors(r)
        assert sorted(nc.get_config("set", database="candidate").splitlines()) == [
            "set interfaces ge-0/0/3 unit 0 description lvl",
            "set system host-name rel"]
        r = nc.rpc('<load-configuration action="set" level="nonsense here">'
                   '<configuration-set>set x</configuration-set></load-configuration>')
        assert r.find(".//load-success") is None


def test_url_load(mgd, tmp_path):
    f = tmp_path / "gm1.set"
    f.write_text(GM1)
    g = tmp_path / "gm1.conf"
    g.write_text("system { host-name from-file; }\n")
    with mgd.client() as nc:
        r = nc.rpc('<load-configuration url="%s"/>' % f)
        assert r.find(".//load-success") is not None, NcClient.errors(r)
        assert sorted(nc.get_config("set", database="candidate").splitlines()) == \
            sorted(GM1.splitlines())
        r = nc.rpc('<load-configuration action="merge" url="%s"/>' % g)
        assert r.find(".//load-success") is not None, NcClient.errors(r)
        assert "host-name from-file;" in nc.get_config("text", database="candidate")
        r = nc.rpc('<load-configuration url="%s/none"/>' % tmp_path)
        assert NcClient.errors(r)[0].startswith("could not open ")


def test_random_mutated_requests(mgd):
    """Well-known requests with random attributes, cuts and inserted junk, pipelined:
    mgd answers what it can and keeps serving (under ASan: without a finding)."""
    import random
    rnd = random.Random(7)
    rpcs = [
        "<get-configuration%s/>",
        "<load-configuration%s><configuration-set>set system host-name a"
        "</configuration-set></load-configuration>",
        "<commit-configuration%s><check/></commit-configuration>",
        "<lock-configuration%s/>", "<unlock-configuration%s/>",
        "<routemu-configure%s><mode>private</mode></routemu-configure>",
        "<routemu-configure-exit%s/>",
        "<command%s>show configuration</command>",
        "<get-rollback-information%s><rollback>0</rollback></get-rollback-information>",
        "<open-configuration%s><private/></open-configuration>", "<close-configuration%s/>",
        "<load-configuration%s><configuration><system><host-name>x</host-name></system>"
        "</configuration></load-configuration>",
        "<load-configuration%s action='override'><configuration-json>"
        "{\"configuration\":{}}</configuration-json></load-configuration>",
        "<routemu-register-daemon%s><name>x</name><subtree>system</subtree>"
        "</routemu-register-daemon>",
        "<command%s>show system rollback 0 compare 0 | match x | count</command>",
    ]
    attrs = ["", " format='text'", " format='set'", " format='json'",
             " database='committed'", " action='set'", " rollback='3'",
             " compare='rollback'", " level='system'", " inherit='inherit'"]
    for _ in range(150):
        msgs = []
        for k in range(rnd.randint(1, 8)):
            body = rnd.choice(rpcs) % rnd.choice(attrs)
            if rnd.random() < 0.3:
                i = rnd.randrange(len(body))
                body = body[:i] + rnd.choice(["<", ">", "&", "]]>", "\x00", "'", "xxxxx"]) + \
                    body[i:]
            if rnd.random() < 0.1:
                body = body[:rnd.randrange(len(body))]
            msgs.append("<rpc message-id='%d'>%s</rpc>]]>]]>" % (k, body))
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(0.5)
        s.connect(mgd.sock)
        try:
            s.sendall("".join(msgs).encode())
            if rnd.random() < 0.5:
                s.recv(100000)
        except OSError:
            pass
        s.close()
    with mgd.client() as nc:
        nc.rpc("<get-commit-information/>")
    assert mgd.proc.poll() is None
