"""Who may edit: `configure exclusive` and lock-configuration, `configure private` and
open-configuration, the user lists, and what a closing session leaves behind."""

import re
import time

import pytest

from ncclient_unix import Mgd, NcClient

WHO = r"root terminal %s \(pid \d+\) on since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC"


@pytest.fixture
def mgd(tmp_path):
    m = Mgd(tmp_path / "r1").start()
    with m.client() as nc:
        nc.load_set("set system host-name base")
        nc.commit()
    yield m
    assert m.stop() == 0


def outputs(reply):
    return [o.text for o in reply.findall("output")]


def cand(nc):
    return nc.get_config("set", database="candidate")


def committed(nc):
    return nc.get_config("set", database="committed")


def test_exclusive_blocks_others(mgd):
    with mgd.client(client="cli", tty="pts/1") as a, mgd.client(client="cli", tty="pts/2") as b:
        r = a.configure("exclusive")
        assert outputs(r) == ["warning: uncommitted changes will be discarded on exit"]
        assert not NcClient.errors(r)
        r = b.configure()
        out = outputs(r)
        assert out[0] == "Users currently editing the configuration:"
        assert re.fullmatch("  " + WHO % "pts/1", out[1]), out[1]
        assert out[2] == "      exclusive [edit]"
        r = b.load("set system host-name b", action="set")
        assert r.find(".//load-success") is None
        msg = NcClient.errors(r)[0]
        assert re.fullmatch(r"configuration database locked by:\n  " + WHO % "pts/1" +
                            r", idle \d\d:\d\d:\d\d\n      exclusive \[edit\]", msg), msg
        r = b.commit(expect_ok=False)
        assert NcClient.errors(r)[0].startswith("configuration database locked by:")
        # the holder edits and commits, and stays exclusive
        a.load_set("set system host-name a1")
        a.commit()
        a.load_set("set system host-name a2")
        r = b.load("set system host-name b", action="set")
        assert NcClient.errors(r)[0].startswith("configuration database locked by:")
        # leaving discards what was not committed
        r = a.configure_exit()
        assert r.find("routemu-discarded") is not None
        assert cand(b) == "set system host-name a1\n"
        b.load_set("set system host-name b")       # lock gone
        assert cand(b) == "set system host-name b\n"


def test_exclusive_refused_when_modified(mgd):
    with mgd.client(client="cli", tty="pts/1") as a, mgd.client(client="cli", tty="pts/2") as b:
        a.configure()
        a.load_set("set system host-name dirty")
        r = b.configure("exclusive")
        assert NcClient.errors(r) == ["configuration database modified"]
        assert outputs(r)[0] == "Users currently editing the configuration:"
        assert outputs(r)[2] == "      [edit]"
        r = b.configure()
        assert "The configuration has been changed but not committed" in outputs(r)
        r = b.configure("private")
        assert NcClient.errors(r) == ["shared configuration database modified"]
        r = b.rpc("<lock-configuration/>")
        assert NcClient.errors(r) == ["configuration database modified"]


def test_netconf_lock_released_on_disconnect(mgd):
    b = mgd.client()
    with mgd.client() as a:
        assert a.rpc("<lock-configuration/>").find("ok") is not None
        a.load_set("set system host-name locked-edit")
        r = b.rpc("<lock-configuration/>")
        assert NcClient.errors(r)[0].startswith("configuration database locked by:")
        r = b.load("set system host-name other", action="set")
        assert NcClient.errors(r)[0].startswith("configuration database locked by:")
    # a's session ended (mgd notices it asynchronously): lock released, change discarded
    for _ in range(100):
        r = b.rpc("<lock-configuration/>")
        if r.find("ok") is not None:
            break
        time.sleep(0.02)
    assert r.find("ok") is not None
    assert cand(b) == "set system host-name base\n"
    b.load_set("set system host-name b")
    assert b.rpc("<unlock-configuration/>").find("ok") is not None
    assert cand(b) == "set system host-name base\n"     # unlock discards too
    r = b.rpc("<unlock-configuration/>")
    assert NcClient.errors(r) == ["configuration database is not locked"]
    b.close()


def test_lock_commit_unlock_keeps_commit(mgd):
    with mgd.client() as a:
        a.rpc("<lock-configuration/>")
        a.load_set("set system host-name pyez")
        a.commit()
        a.rpc("<unlock-configuration/>")
        assert committed(a) == "set system host-name pyez\n"


def test_private_merge_and_conflict(mgd):
    with mgd.client(client="cli", tty="pts/1") as p, mgd.client(client="cli") as s:
        r = p.configure("private")
        assert outputs(r) == ["warning: uncommitted changes will be discarded on exit"]
        p.load_set("set system syslog file private-log any any")
        # the private change is not in the shared candidate
        assert "private-log" not in cand(s)
        # someone commits something else meanwhile
        s.load_set("set interfaces ge-0/0/0 description shared")
        s.commit()
        p.commit()
        c = committed(s)
        assert "private-log" in c and "description shared" in c
        # now a conflicting pair: both change host-name
        p.load_set("set system host-name from-private")
        s.load_set("set system host-name from-shared")
        s.commit()
        before = open(mgd.instance + "/config/juniper.conf").read()
        r = p.commit(expect_ok=False)
        blocks = NcClient.error_blocks(r)
        assert blocks[0][0] == "[edit system]"
        assert blocks[0][1] == "host-name from-private"
        assert "since the private copy was taken" in blocks[0][2]
        assert blocks[-1][2] == "configuration check-out failed"
        assert open(mgd.instance + "/config/juniper.conf").read() == before
        # update reports the same conflict; after reverting the edit it succeeds
        r = p.rpc("<routemu-configure-update/>")
        assert NcClient.errors(r)
        p.load_set("delete system host-name")
        r = p.rpc("<routemu-configure-update/>")
        assert NcClient.errors(r)       # deleting it also conflicts
        p.configure_exit()
        p.configure("private")
        assert "host-name from-shared" in p.get_config("set", database="candidate")


def test_private_commit_from_top_only_and_exclusive_blocks(mgd):
    with mgd.client(client="cli", tty="pts/1") as p, mgd.client(client="cli", tty="pts/2") as x:
        p.configure("private")
        p.load_set("set system host-name p")
        p.rpc("<routemu-set-edit-level><level>system</level></routemu-set-edit-level>")
        r = p.commit(expect_ok=False)
        assert NcClient.errors(r) == ["'commit' must be issued from the top level in private mode"]
        p.rpc("<routemu-set-edit-level><level></level></routemu-set-edit-level>")
        x.configure("exclusive")
        r = p.commit(expect_ok=False)
        assert NcClient.errors(r)[0].startswith("configuration database locked by:")
        x.configure_exit()
        p.commit()
        assert committed(x) == "set system host-name p\n"


def test_private_discarded_on_exit_and_disconnect(mgd):
    with mgd.client(client="cli") as s:
        with mgd.client(client="cli") as p:
            p.configure("private")
            p.load_set("set system host-name gone")
            r = p.configure_exit()
            assert r.find("routemu-discarded") is not None
            p.configure("private")
            assert p.get_config("set", database="candidate") == "set system host-name base\n"
            p.load_set("set system host-name gone-too")
        time.sleep(0.1)
        assert cand(s) == "set system host-name base\n"
        assert committed(s) == "set system host-name base\n"


def test_open_configuration_private(mgd):
    with mgd.client() as p:
        r = p.rpc("<open-configuration><private/></open-configuration>")
        assert NcClient.errors(r, "warning") == ["uncommitted changes will be discarded on exit"]
        p.load_set("set system host-name pyez-private")
        p.commit()
        assert p.rpc("<close-configuration/>").find("ok") is not None
        assert committed(p) == "set system host-name pyez-private\n"


def test_status(mgd):
    with mgd.client(client="cli", tty="pts/4") as a, mgd.client(client="cli", tty="pts/5") as b:
        a.configure()
        a.rpc("<routemu-set-edit-level><level>system syslog</level></routemu-set-edit-level>")
        b.configure("private")
        r = a.rpc("<routemu-configure-status/>")
        out = outputs(r)
        assert out[0] == "Users currently editing the configuration:"
        assert re.fullmatch("  " + WHO % "pts/4", out[1])
        assert out[2] == "      [edit system syslog]"
        assert re.fullmatch("  " + WHO % "pts/5", out[3])
        assert out[4] == "      private [edit]"
        assert r.find("database-modified") is None
        a.load_set("set system host-name m")
        assert a.rpc("<routemu-configure-status/>").find("database-modified") is not None
