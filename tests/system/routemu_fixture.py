"""A routemu instance for the cli system tests: a real mgd in a temporary directory,
and the real cli driven three ways.

    def test_x(instance):
        r = instance.cli("show configuration")          # cli -c, returns a Result
        r = instance.pipe(["configure", "set system host-name r1", "commit and-quit"])
        s = instance.spawn()                             # pexpect session at the prompt
        s.sendline("configure"); s.expect_prompt(config=True)

Binaries come from $ROUTEMU_BUILDDIR (default: the repository root), as for the mgd
tests (ncclient_unix.binary): cli/cli and mgd/mgd. The schema is the repository's.
"""

import os
import re
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from ncclient_unix import Mgd, NcClient, binary, repo_root  # noqa: E402

# The user the prompt shows is the one running the tests.
try:
    import pwd
    USER = pwd.getpwuid(os.getuid()).pw_name
except (ImportError, KeyError):
    USER = "root"

EXAMPLES = os.path.join(repo_root(), "examples")


class Result:
    """What one cli run printed."""

    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def __repr__(self):
        return "Result(rc=%r, out=%r, err=%r)" % (self.rc, self.out, self.err)

    @property
    def lines(self):
        return self.out.splitlines()


def set_statements(text):
    """The statements of `set` lines (blank lines and comments dropped)."""
    return sorted(l.strip() for l in text.splitlines()
                  if l.strip() and not l.lstrip().startswith("#"))


class Session:
    """A pexpect session of the interactive cli."""

    def __init__(self, child, host):
        self.child = child
        self.host = host

    def __getattr__(self, name):
        return getattr(self.child, name)

    def prompt(self, config=False):
        p = "%s@%s%s " % (USER, self.host, "#" if config else ">")
        return p.encode() if self.child.encoding is None else p

    def expect_prompt(self, config=False, host=None):
        if host is not None:
            self.host = host
        self.child.expect_exact(self.prompt(config))
        return self.child.before

    def run(self, line, config=False):
        """Type line and Enter; the text printed before the next prompt."""
        self.child.sendline(line)
        self.child.expect_exact(line if self.child.encoding is not None
                                else line.encode())
        return self.expect_prompt(config)

    def close(self):
        self.child.close(force=True)


class Instance:
    """One router instance: mgd on <tmp>/r1, and ways to run its cli."""

    def __init__(self, path, timescale=None):
        self.path = str(path)
        self.env = dict(os.environ)
        self.env.setdefault("ROUTEMU_SCHEMA_DIR", os.path.join(repo_root(), "schema"))
        self.env["ROUTEMU_INSTANCE"] = self.path
        self.env.pop("ROUTEMU_TIMESCALE", None)
        if timescale:
            self.env["ROUTEMU_TIMESCALE"] = str(timescale)
        self.mgd = None

    def start(self):
        self.mgd = Mgd(self.path, env=self.env).start()
        return self

    def stop(self, sig=None):
        rc = self.mgd.stop(sig) if self.mgd else None
        self.mgd = None
        return rc

    def restart(self):
        assert self.stop() == 0
        return self.start()

    def nc(self, **kw):
        return NcClient(os.path.join(self.path, "var/run/mgd.sock"), **kw)

    def cli(self, command, timeout=60, args=()):
        """cli -c COMMAND."""
        p = subprocess.run([binary("cli/cli"), *args, "-c", command], env=self.env,
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True, timeout=timeout)
        return Result(p)

    def pipe(self, lines, timeout=120, args=()):
        """Lines (a string or a list) on the cli's stdin, which is not a terminal."""
        if not isinstance(lines, str):
            lines = "\n".join(lines) + "\n"
        p = subprocess.run([binary("cli/cli"), *args], env=self.env, input=lines,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                           timeout=timeout)
        return Result(p)

    def spawn(self, host="router", timeout=10, width=200, term="dumb", raw=False):
        """An interactive cli on a pseudo-terminal, at its first prompt. raw: bytes
        in and out (to see control characters), else text."""
        import pexpect
        env = dict(self.env, TERM=term)
        child = pexpect.spawn(binary("cli/cli"), [], env=env,
                              encoding=None if raw else "utf-8",
                              timeout=timeout, dimensions=(50, width))
        s = Session(child, host)
        s.expect_prompt()
        return s

    def committed_set(self):
        r = self.cli("show configuration | display set")
        assert r.rc == 0, r
        return set_statements(r.out)

    def candidate_set(self):
        with self.nc() as nc:
            return set_statements(nc.get_config("set", database="candidate"))


@pytest.fixture
def instance(tmp_path):
    inst = Instance(tmp_path / "r1").start()
    yield inst
    assert inst.stop() == 0


@pytest.fixture
def instance_fast(tmp_path):
    """An instance whose clock runs 60 times faster: `commit confirmed 1` lasts 1 s."""
    inst = Instance(tmp_path / "r1", timescale=60).start()
    yield inst
    assert inst.stop() == 0


def caret_col(text):
    """Column of the caret of the first caret line in text, or None."""
    for line in text.splitlines():
        m = re.fullmatch(r"( *)\^", line.rstrip("\r"))
        if m:
            return len(m.group(1))
    return None
