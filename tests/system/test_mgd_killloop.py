"""kill -9 of mgd during commits, in a loop: after every kill the committed
configuration and every rollback parse and are whole (mgd --check-files), the history
is numbered without holes, and the active configuration is one that was committed."""

import os
import random
import signal
import threading
import time

import pytest

from ncclient_unix import Mgd

ROUNDS = int(os.environ.get("ROUTEMU_KILL_ROUNDS", "12"))

# A configuration large enough that writing it takes a while (~100 KB).
BULK = "".join("set interfaces ge-0/1/%d unit %d description \"unit %d of a large config\"\n"
               % (i % 10, i, i) for i in range(1500))


def committer(sock, stop, done, names):
    """Commit host-name changes as fast as possible until the connection breaks."""
    from ncclient_unix import NcClient
    try:
        with NcClient(sock, client="cli", timeout=5) as nc:
            i = 0
            while not stop.is_set():
                name = "h%d-%d" % (threading.get_ident() % 1000, i)
                nc.load_set("set system host-name %s" % name)
                names.add(name)
                if i % 7 == 3:
                    nc.commit(confirmed=60, comment="round %d" % i)
                else:
                    nc.commit(comment="round %d" % i)
                done.append(name)
                i += 1
    except Exception:
        pass


def test_kill9_during_commits(tmp_path):
    rnd = random.Random(1234)
    m = Mgd(tmp_path / "r1").start()
    with m.client() as nc:
        nc.load(BULK, action="set")
        nc.commit()
    names = {None}
    total = 0
    try:
        for rnd_i in range(ROUNDS):
            stop = threading.Event()
            done = []
            t = threading.Thread(target=committer, args=(m.sock, stop, done, names))
            t.start()
            time.sleep(rnd.uniform(0.005, 0.12))
            m.stop(signal.SIGKILL)
            stop.set()
            t.join(10)
            total += len(done)
            rc, out = m.check_files()
            assert rc == 0, out
            cfg = os.path.join(m.instance, "config")
            m.start()
            # no temporary file survives the restart
            assert not [n for n in os.listdir(cfg) if n.startswith(".")]
            with m.client(client="cli") as nc:
                hist = nc.rpc("<get-commit-information/>").findall(".//sequence-number")
                seq = [int(h.text) for h in hist]
                assert seq == list(range(len(seq))), seq
                x = nc.get_config("xml")
                assert x.findtext("system/host-name") in names
                assert len(x.findall("interfaces/interface")) == 10
                # every rollback loads
                for n in range(1, len(seq)):
                    r = nc.rpc("<get-rollback-information><rollback>%d</rollback>"
                               "</get-rollback-information>" % n)
                    assert r.find(".//configuration-output") is not None, n
        print("commits between kills:", total)
        assert total > ROUNDS          # commits did happen between the kills
    finally:
        m.stop()
