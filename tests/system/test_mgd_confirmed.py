"""commit confirmed: the automatic rollback on the scaled instance clock, its traces in
`show system commit`, confirmation by commit and by commit check, and a restart in
the middle of the window."""

import time

import pytest

from ncclient_unix import Mgd, NcClient

SCALE = 60          # one emulated minute = one real second


@pytest.fixture
def mgd(tmp_path):
    m = Mgd(tmp_path / "r1", timescale=SCALE).start()
    yield m
    assert m.stop() == 0


def wait_for(pred, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return True
        time.sleep(0.05)
    return pred()


def host(nc):
    return nc.get_config("xml").findtext("system/host-name")


def test_unconfirmed_commit_rolls_back(mgd):
    with mgd.client(client="cli") as nc:
        nc.load_set("set system host-name stable")
        nc.commit()
        nc.load_set("set system host-name risky")
        t0 = time.monotonic()
        r = nc.commit(confirmed=1)
        assert r.findtext(".//output") == \
            "commit confirmed will be automatically rolled back in 1 minutes unless confirmed"
        assert host(nc) == "risky"
        lines = nc.command("show system commit").splitlines()
        assert lines[0].endswith(" by root via cli commit confirmed, rollback in 1mins")
        assert lines[1] == "    rollback pending"
        r = nc.rpc("<get-commit-information/>")
        first = r.find(".//commit-history")
        assert first.findtext("commit-confirmed") == "rollback pending"
        assert first.findtext("comment") == "commit confirmed, rollback in 1mins"
        assert 30 < int(first.findtext("routemu-rollback-in")) <= 60
        # an uncommitted edit made meanwhile stays in the candidate
        nc.load_set("set system syslog file messages any any")
        assert wait_for(lambda: host(nc) == "stable")
        elapsed = time.monotonic() - t0
        assert 0.8 < elapsed < 5, elapsed
        lines = nc.command("show system commit").splitlines()
        assert lines[0].endswith(" by root via other"), lines
        assert lines[1].endswith(" by root via cli commit confirmed, rollback in 1mins")
        assert "rollback pending" not in "\n".join(lines)
        cand = nc.get_config("set", database="candidate")
        assert "set system host-name stable" in cand
        assert "syslog" in cand
    rc, out = mgd.check_files()
    assert rc == 0, out


@pytest.mark.parametrize("how", ["commit", "check"])
def test_confirmation_stops_rollback(mgd, how):
    with mgd.client() as nc:
        nc.load_set("set system host-name stable")
        nc.commit()
        nc.load_set("set system host-name kept")
        nc.commit(confirmed=1)
        time.sleep(0.3)
        if how == "commit":
            nc.commit()
        else:
            r = nc.commit(check=True)
            assert r.find(".//commit-check-success") is not None
        time.sleep(1.5)
        assert host(nc) == "kept"
        text = nc.command("show system commit")
        assert "rollback pending" not in text
        assert " via other" not in text


def test_rollback_survives_restart(tmp_path):
    m = Mgd(tmp_path / "r1", timescale=SCALE).start()
    try:
        with m.client() as nc:
            nc.load_set("set system host-name stable")
            nc.commit()
            nc.load_set("set system host-name risky")
            nc.commit(confirmed=2)
        assert m.stop() == 0
        m.start()
        with m.client() as nc:
            assert host(nc) == "risky"
            assert "rollback pending" in nc.command("show system commit")
            assert wait_for(lambda: host(nc) == "stable", timeout=6)
            assert " by root via other" in nc.command("show system commit").splitlines()[0]
    finally:
        m.stop()


def test_confirmed_not_in_private_mode(mgd):
    with mgd.client(client="cli") as nc:
        nc.configure("private")
        nc.load_set("set system host-name p")
        r = nc.commit(confirmed=1, expect_ok=False)
        assert NcClient.errors(r) == ["'commit confirmed' is not supported in private mode"]


def test_confirm_timeout_range(mgd):
    with mgd.client() as nc:
        r = nc.rpc("<commit-configuration><confirmed/><confirm-timeout>70000"
                   "</confirm-timeout></commit-configuration>")
        assert NcClient.errors(r)
        assert nc.rpc("<get-commit-information/>").find(".//commit-history") is None
