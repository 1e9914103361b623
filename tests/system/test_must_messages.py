"""Every `must` rule of the schema, triggered through the real cli.

For each case of must_cases.py (a minimal configuration that violates one rule, and the
exact Junos text a commit of it prints), the set lines are piped into the cli with a
`commit`; the test checks the exact error text, the non-zero exit status, and that the
committed configuration is unchanged afterwards.
"""

import os
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import must_cases  # noqa: E402
from routemu_fixture import Instance  # noqa: E402

CASES = must_cases.cases()
BASE = ["set system host-name must-test"]


@pytest.fixture(scope="module")
def router(tmp_path_factory):
    inst = Instance(tmp_path_factory.mktemp("must") / "r1").start()
    r = inst.pipe(["configure"] + BASE + ["commit and-quit"])
    assert r.rc == 0, r
    yield inst
    assert inst.stop() == 0


def test_every_rule_has_a_case_or_a_reason():
    covered = {(c.carrier, c.expr, c.message) for c in CASES}
    unreachable = {(u.carrier, u.expr, u.message) for u in must_cases.unreachable()}
    rules = {(n.path(), expr, msg)
             for n in must_cases.walk_schema(must_cases.load_schema())
             for expr, msg in n.musts}
    assert rules, "no must rule found in the schema"
    assert rules <= covered | unreachable, sorted(rules - covered - unreachable)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_must_message(router, case):
    before = router.committed_set()
    r = router.pipe(["configure"] + list(case.lines) + ["commit"])
    assert r.rc != 0, "commit of a violating configuration succeeded:\n%s" % r.out
    out = r.out.replace("\r", "")
    assert case.expected in out, "expected:\n%s\ngot:\n%s" % (case.expected, out)
    # The failed commit changed nothing; the candidate is discarded for the next case.
    assert router.committed_set() == before
    r = router.pipe(["configure", "rollback 0", "exit"])
    assert r.rc == 0, r
