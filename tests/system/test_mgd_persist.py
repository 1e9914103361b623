"""The uncommitted shared candidate survives an mgd restart (SIGTERM or kill -9),
through the journal in db/; exclusive edits do not; a commit empties the journal;
a torn or stale journal is handled."""

import os
import signal
import time

import pytest

from ncclient_unix import Mgd, NcClient


def cand(nc):
    return nc.get_config("set", database="candidate")


@pytest.fixture
def inst(tmp_path):
    return tmp_path / "r1"


def journal(inst):
    return os.path.join(str(inst), "db/candidate.journal")


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGKILL])
def test_candidate_survives_restart(inst, how):
    m = Mgd(inst).start()
    with m.client() as nc:
        nc.load_set("set system host-name committed")
        nc.commit()
        nc.load_set("set system host-name edited")
        nc.load("interfaces { ge-0/0/0 { description \"text load\"; } }")
        nc.load("<configuration><system><syslog><file><name>x</name><contents><name>any"
                "</name><any/></contents></file></syslog></system></configuration>",
                fmt="xml")
        nc.load_set("deactivate interfaces ge-0/0/0")
        nc.load_set("delete system syslog")
        nc.load_set("set system syslog file y any any")
        want = cand(nc)
    m.stop(how)
    m.start()
    try:
        with m.client(client="cli") as nc:
            assert cand(nc) == want
            assert nc.get_config("set") == "set system host-name committed\n"
            r = nc.configure()
            assert "The configuration has been changed but not committed" in \
                [o.text for o in r.findall("output")]
            nc.commit()
            assert nc.get_config("set") == want
    finally:
        m.stop()
    # committed: the journal is back to its header
    assert open(journal(inst)).read().count("\n@") == 0


def test_many_single_sets_survive_kill(inst):
    m = Mgd(inst).start()
    n = 2000
    with m.client() as nc:
        for i in range(n):
            nc.load_set("set interfaces ge-0/0/%d unit 0 description d%d" % (i % 40, i))
        want = cand(nc)
    m.stop(signal.SIGKILL)
    t0 = time.monotonic()
    m.start()
    assert time.monotonic() - t0 < 2.0
    try:
        with m.client() as nc:
            assert cand(nc) == want
    finally:
        m.stop()


def test_exclusive_edits_not_restored(inst):
    m = Mgd(inst).start()
    with m.client(client="cli") as nc:
        nc.load_set("set system host-name shared-edit")
        nc.commit()
        nc.configure("exclusive")
        nc.load_set("set system host-name exclusive-edit")
        m.stop(signal.SIGKILL)
    m.start()
    try:
        with m.client() as nc:
            assert cand(nc) == "set system host-name shared-edit\n"
    finally:
        m.stop()


def test_compaction(inst):
    m = Mgd(inst).start()
    big = "".join("set interfaces ge-1/0/%d unit %d description \"%s\"\n" % (i % 8, i, "x" * 80)
                  for i in range(2000))
    try:
        with m.client() as nc:
            for _ in range(12):         # each replaces the same statements: 12x the size
                nc.load(big, action="set")
            size = os.path.getsize(journal(inst))
            assert size > 2 * len(big)
            want = cand(nc)
            deadline = time.monotonic() + 5
            while os.path.getsize(journal(inst)) >= size and time.monotonic() < deadline:
                time.sleep(0.1)
            assert os.path.getsize(journal(inst)) < size / 3
            nc.load_set("set system host-name after-compaction")
            want2 = cand(nc)
        m.stop(signal.SIGKILL)
        m.start()
        with m.client() as nc:
            assert cand(nc) == want2
            assert "after-compaction" in want2 and want2 != want
    finally:
        m.stop()


def test_torn_and_stale_journal(inst):
    m = Mgd(inst).start()
    with m.client() as nc:
        nc.load_set("set system host-name a")
        nc.commit()
        nc.load_set("set system host-name b")
    m.stop()
    with open(journal(inst), "a") as f:
        f.write("@load set text 0 500\nset system host-name torn")   # cut short
    m.start()
    with m.client() as nc:
        assert cand(nc) == "set system host-name b\n"
    m.stop()
    # a journal based on another commit is stale: dropped
    data = open(journal(inst)).read()
    with open(journal(inst), "w") as f:
        f.write(data.replace("seq=1 ", "seq=7 "))
    m.start()
    try:
        with m.client() as nc:
            assert cand(nc) == "set system host-name a\n"
    finally:
        m.stop()
