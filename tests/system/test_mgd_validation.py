"""Commit-time validation through mgd: every must rule of the schema (the cases of
must_cases.py) fails a commit with the exact Junos text, rebuilt from the rpc-errors
(error-path, bad-element, error-message), and leaves the committed configuration
untouched."""

import os

import pytest

import must_cases
from ncclient_unix import Mgd, NcClient

CASES = must_cases.cases()


@pytest.fixture(scope="module")
def mgd(tmp_path_factory):
    m = Mgd(tmp_path_factory.mktemp("validation") / "r1").start()
    with m.client() as nc:
        nc.load_set("set system host-name base")
        nc.commit()
    yield m
    assert m.stop() == 0


def junos_text(reply):
    """The CLI's rendering of a failed commit's rpc-errors."""
    lines = []
    for path, bad, msg in NcClient.error_blocks(reply):
        if path is not None:
            lines.append(path)
            if bad is not None:
                lines.append("  '%s'" % bad)
            lines.extend("    " + m for m in msg.split("\n"))
        else:
            lines.append("error: " + msg)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", CASES, ids=[c.message[:50] for c in CASES])
def test_must_rule(mgd, case):
    conf = os.path.join(mgd.instance, "config/juniper.conf")
    before = open(conf, "rb").read()
    with mgd.client(client="cli") as nc:
        nc.rpc('<load-configuration rollback="0"/>')
        nc.load_set("\n".join(case.lines))
        for check in (True, False):
            r = nc.commit(check=check, expect_ok=False)
            assert r.find(".//commit-success") is None
            assert junos_text(r) == case.expected.rstrip("\n") + "\n"
        nc.rpc('<load-configuration rollback="0"/>')
    assert open(conf, "rb").read() == before

