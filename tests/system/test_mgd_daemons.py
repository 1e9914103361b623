"""The daemon protocol with tests/testdaemon: registration, the two-phase commit
(check rejection aborts with the daemon's message and changes no file; apply after a
successful commit), timeouts, a daemon that goes away, operational RPC forwarding."""

import os
import subprocess
import time

import pytest

from ncclient_unix import Mgd, NcClient, binary


class Daemon:
    def __init__(self, mgd, log, *args):
        self.log = str(log)
        self.proc = subprocess.Popen(
            [binary("tests/testdaemon/testdaemon"), "--instance", mgd.instance,
             "--log", self.log] + list(args), env=mgd.env)
        self.wait_line("registered as")

    def lines(self):
        try:
            return open(self.log).read().splitlines()
        except FileNotFoundError:
            return []

    def wait_line(self, prefix, count=1, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if sum(1 for ln in self.lines() if ln.startswith(prefix)) >= count:
                return
            time.sleep(0.01)
        raise AssertionError("no %r in %s" % (prefix, self.lines()))

    def count(self, prefix):
        return sum(1 for ln in self.lines() if ln.startswith(prefix))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()


@pytest.fixture
def mgd(tmp_path):
    m = Mgd(tmp_path / "r1", extra=["--daemon-timeout", "0.5"]).start()
    with m.client() as nc:
        nc.load_set("set system host-name start\nset interfaces ge-0/0/0 description x")
        nc.commit()
    yield m
    assert m.stop() == 0


@pytest.fixture
def daemon(mgd, tmp_path):
    d = Daemon(mgd, tmp_path / "td.log", "--rpc", "get-test-information")
    yield d
    d.stop()


def conf_file(mgd):
    return open(os.path.join(mgd.instance, "config/juniper.conf"), "rb").read()


def test_initial_apply_and_check_rejection(mgd, daemon):
    daemon.wait_line("apply 1:")
    assert "<host-name>start</host-name>" in daemon.lines()[1]
    assert "interfaces" not in daemon.lines()[1]       # only its subtree
    before = conf_file(mgd)
    with mgd.client(client="cli") as nc:
        history = nc.command("show system commit")
        nc.load_set("set system host-name reject-me")
        for check in (True, False):
            r = nc.commit(check=check, expect_ok=False)
            blocks = NcClient.error_blocks(r)
            assert blocks == [
                ("[edit system]", "host-name reject-me",
                 "testdaemon: value 'reject-me' is not supported"),
                (None, None, "configuration check-out failed"),
            ]
        assert conf_file(mgd) == before
        assert nc.command("show system commit") == history
        assert not os.path.exists(os.path.join(mgd.instance, "config/juniper.conf.2"))
        # the candidate keeps the change; fixing it commits and the daemon applies
        assert "reject-me" in nc.get_config("set", database="candidate")
        nc.load_set("set system host-name accepted")
        nc.commit()
        daemon.wait_line("apply 2:")
        assert "<host-name>accepted</host-name>" in daemon.lines()[-1]
    assert daemon.count("check: rejected") == 2
    assert daemon.count("check: ok") == 1


def test_only_concerned_daemons_are_asked(mgd, daemon):
    daemon.wait_line("apply 1:")
    with mgd.client() as nc:
        nc.load_set("set interfaces ge-0/0/0 description changed")
        nc.commit()
    time.sleep(0.1)
    assert daemon.count("check:") == 0
    assert daemon.count("apply") == 1


def test_reject_flag(mgd, tmp_path):
    d = Daemon(mgd, tmp_path / "r.log", "--reject", "--name", "rejecter")
    try:
        with mgd.client() as nc:
            nc.load_set("set system host-name anything")
            r = nc.commit(expect_ok=False)
            assert NcClient.errors(r) == ["testdaemon: configuration rejected (--reject)",
                                          "configuration check-out failed"]
    finally:
        d.stop()


def test_hanging_daemon_times_out_and_others_wait(mgd, tmp_path):
    d = Daemon(mgd, tmp_path / "h.log", "--hang", "--name", "hanger")
    try:
        with mgd.client() as nc, mgd.client() as other:
            nc.load_set("set system host-name slow")
            t0 = time.monotonic()
            nc.send_raw('<rpc message-id="c1"><commit-configuration/></rpc>')
            time.sleep(0.1)
            # another client's request is queued behind the commit, not lost
            r = other.rpc("<get-commit-information/>")
            reply = nc.recv()
            elapsed = time.monotonic() - t0
            assert reply.get("message-id") == "c1"
            assert NcClient.errors(reply) == [
                "hanger did not answer the configuration check within 0.5 seconds",
                "configuration check-out failed"]
            assert 0.4 < elapsed < 3, elapsed
            assert r.find(".//commit-history") is not None
            assert nc.get_config("xml").findtext("system/host-name") == "start"
    finally:
        d.stop()


def test_daemon_gone(mgd, daemon):
    with mgd.client() as nc:
        r = nc.rpc("<get-test-information/>")
        assert r.findtext("testdaemon-information/name") == "testdaemon"
        daemon.stop()
        time.sleep(0.1)
        # no longer registered: the RPC is unknown and commits go through
        r = nc.rpc("<get-test-information/>")
        assert NcClient.errors(r) == ["syntax error"]
        nc.load_set("set system host-name reject-me")
        nc.commit()


def test_register_errors(mgd):
    with mgd.client() as nc:
        r = nc.rpc("<routemu-register-daemon><subtree>system</subtree>"
                   "</routemu-register-daemon>")
        assert NcClient.errors(r) == ["syntax error, expecting <name>"]
        r = nc.rpc("<routemu-register-daemon><name>x</name><bogus/></routemu-register-daemon>")
        assert NcClient.errors(r) == ["syntax error"]
        r = nc.rpc("<routemu-register-daemon><name>x</name><subtree>system nonsense</subtree>"
                   "</routemu-register-daemon>")
        assert NcClient.errors(r) == ["syntax error, expecting a statement path of the schema"]


def test_daemons_see_the_effective_configuration(mgd, daemon):
    """Groups are expanded and inactive statements dropped before a daemon sees them."""
    daemon.wait_line("apply 1:")
    with mgd.client(client="cli") as nc:
        nc.load_set("set groups G system syslog file from-group any any\n"
                    "set apply-groups G\n"
                    "set system syslog file own any any\n"
                    "deactivate system syslog file own")
        nc.commit()
        daemon.wait_line("apply 2:")
        applied = daemon.lines()[-1]
        assert "from-group" in applied
        assert "own" not in applied
        assert "groups" not in applied
        out = nc.command("show configuration system | display inheritance")
        assert "from-group" in out and "was inherited from group 'G'" in out
        out = nc.command("show configuration system")
        assert "from-group" not in out and "inactive: file own" in out
        # a group value the daemon rejects is rejected too
        nc.load_set("set groups G system host-name reject-me\ndelete system host-name")
        r = nc.commit(expect_ok=False)
        assert "testdaemon: value 'reject-me' is not supported" in NcClient.errors(r)


def test_daemon_closing_while_checking_does_not_stall(tmp_path):
    """A registered session that commits (so mgd asks it to check) and disconnects:
    the check fails at once, not at the timeout, and mgd goes on serving."""
    m = Mgd(tmp_path / "r2", extra=["--daemon-timeout", "5"]).start()
    try:
        nc = m.client()
        r = nc.rpc("<routemu-register-daemon><name>selfish</name><subtree>system</subtree>"
                   "</routemu-register-daemon>")
        assert r.find("ok") is not None
        nc.recv()                      # its start configuration (apply)
        nc.load_set("set system host-name self")
        nc.send_raw('<rpc message-id="c"><commit-configuration/></rpc>')
        nc.recv()                      # mgd's check request: never answered
        nc.close()
        t0 = time.monotonic()
        with m.client() as other:
            other.rpc("<get-commit-information/>")
        assert time.monotonic() - t0 < 2
    finally:
        assert m.stop() == 0
