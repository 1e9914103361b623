"""A small NETCONF (base:1.0, "]]>]]>" framing) client for mgd's Unix socket.

Used by the system tests to talk to a real mgd the way the cli and automation do:

    with NcClient(sock, client="cli", tty="pts/3") as nc:
        nc.load_set("set system host-name r1")
        nc.commit()
        text = nc.get_config(fmt="text")

rpc() returns the <rpc-reply> as an lxml element with namespaces stripped, so tests
can write reply.find("load-configuration-results/load-success").
"""

import itertools
import os
import socket
import subprocess
import sys
import time
from xml.sax.saxutils import escape

from lxml import etree

DELIM = b"]]>]]>"
NS_BASE = "urn:ietf:params:xml:ns:netconf:base:1.0"


def strip_ns(elem):
    """Drop namespaces from elem and its descendants, in place."""
    for e in elem.iter():
        if isinstance(e.tag, str) and e.tag.startswith("{"):
            e.tag = e.tag.split("}", 1)[1]
        for k in list(e.attrib):
            if k.startswith("{"):
                v = e.attrib.pop(k)
                e.attrib[k.split("}", 1)[1]] = v
    etree.cleanup_namespaces(elem)
    return elem


class NcError(Exception):
    pass


class NcClient:
    def __init__(self, path, client=None, tty=None, timeout=30.0, hello=True):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.buf = b""
        self.ids = itertools.count(1)
        self.server_hello = None
        self.session_id = None
        if hello:
            self.server_hello = self.recv()
            sid = self.server_hello.find(".//session-id")
            self.session_id = int(sid.text) if sid is not None else None
            extra = ""
            if client:
                extra += "<routemu-client>%s</routemu-client>" % escape(client)
            if tty:
                extra += "<routemu-tty>%s</routemu-tty>" % escape(tty)
            self.send_raw(
                '<hello xmlns="%s"><capabilities><capability>'
                "urn:ietf:params:netconf:base:1.0</capability></capabilities>%s</hello>"
                % (NS_BASE, extra))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass

    def send_raw(self, data):
        if isinstance(data, str):
            data = data.encode()
        self.sock.sendall(data + DELIM)

    def recv_bytes(self):
        while DELIM not in self.buf:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError("mgd closed the connection")
            self.buf += chunk
        msg, self.buf = self.buf.split(DELIM, 1)
        return msg

    def recv(self):
        return strip_ns(etree.fromstring(self.recv_bytes()))

    def rpc(self, body, msgid=None):
        """Send <rpc> around body (a string of XML); return the reply element."""
        if msgid is None:
            msgid = str(next(self.ids))
        self.send_raw('<rpc xmlns="%s" message-id="%s">%s</rpc>' % (NS_BASE, msgid, body))
        reply = self.recv()
        if reply.tag == "rpc-reply" and reply.get("message-id") != msgid:
            raise NcError("message-id %r answered %r" % (msgid, reply.get("message-id")))
        return reply

    # ---- helpers ----

    @staticmethod
    def errors(reply, severity="error"):
        """Error messages of the reply's rpc-errors (any nesting)."""
        out = []
        for e in reply.iter("rpc-error"):
            sev = e.findtext("error-severity")
            if severity is None or sev == severity:
                out.append((e.findtext("error-message") or "").strip())
        return out

    @staticmethod
    def error_blocks(reply):
        """(path, bad-element, message) of each error."""
        out = []
        for e in reply.iter("rpc-error"):
            if e.findtext("error-severity") != "error":
                continue
            out.append((e.findtext("error-path"), e.findtext("error-info/bad-element"),
                        (e.findtext("error-message") or "").strip()))
        return out

    def load(self, text, action="merge", fmt="text"):
        if action == "set" or fmt == "set":
            body = ('<load-configuration action="set" format="text">'
                    "<configuration-set>%s</configuration-set></load-configuration>"
                    % escape(text))
        elif fmt == "text":
            body = ('<load-configuration action="%s" format="text">'
                    "<configuration-text>%s</configuration-text></load-configuration>"
                    % (action, escape(text)))
        elif fmt == "json":
            body = ('<load-configuration action="%s" format="json">'
                    "<configuration-json>%s</configuration-json></load-configuration>"
                    % (action, escape(text)))
        else:
            body = ('<load-configuration action="%s" format="xml">%s</load-configuration>'
                    % (action, text))
        return self.rpc(body)

    def load_set(self, text, check=True):
        reply = self.load(text, action="set")
        if check and reply.find(".//load-success") is None:
            raise NcError("load failed: %s" % self.errors(reply))
        return reply

    def commit(self, check=False, confirmed=None, comment=None, expect_ok=True):
        body = "<commit-configuration>"
        if check:
            body += "<check/>"
        if confirmed is not None:
            body += "<confirmed/><confirm-timeout>%d</confirm-timeout>" % confirmed
        if comment is not None:
            body += "<log>%s</log>" % escape(comment)
        body += "</commit-configuration>"
        reply = self.rpc(body)
        ok = reply.find(".//commit-success") is not None or \
            reply.find(".//commit-check-success") is not None
        if expect_ok and not ok:
            raise NcError("commit failed: %s" % self.errors(reply))
        return reply

    def get_config(self, fmt="text", database="committed", filter_xml=None, **attrs):
        a = ' database="%s" format="%s"' % (database, fmt)
        for k, v in attrs.items():
            a += ' %s="%s"' % (k.replace("_", "-"), v)
        inner = "<configuration>%s</configuration>" % filter_xml if filter_xml else ""
        reply = self.rpc("<get-configuration%s>%s</get-configuration>" % (a, inner))
        if fmt == "xml":
            return reply.find("configuration")
        el = reply.find("configuration-%s" % fmt)
        if el is None:
            raise NcError("get-configuration failed: %s" % self.errors(reply))
        return el.text or ""

    def command(self, cmd, fmt="text"):
        reply = self.rpc('<command format="%s">%s</command>' % (fmt, escape(cmd)))
        if fmt == "text":
            out = reply.find("output")
            if out is None:
                raise NcError("command failed: %s" % self.errors(reply))
            return out.text or ""
        return reply

    def configure(self, mode="shared"):
        return self.rpc("<routemu-configure><mode>%s</mode></routemu-configure>" % mode)

    def configure_exit(self):
        return self.rpc("<routemu-configure-exit/>")


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def build_dir():
    return os.environ.get("ROUTEMU_BUILDDIR", repo_root())


def binary(rel):
    """A built program (mgd/mgd, tests/testdaemon/testdaemon) from the build dir."""
    path = os.path.join(build_dir(), rel)
    if not os.access(path, os.X_OK):
        raise FileNotFoundError("%s not built (set ROUTEMU_BUILDDIR)" % path)
    return path


class Mgd:
    """A real mgd serving a temporary instance directory."""

    def __init__(self, instance, timescale=None, extra=(), env=None):
        self.instance = str(instance)
        self.timescale = timescale
        self.extra = list(extra)
        self.env = dict(os.environ)
        self.env.setdefault("ROUTEMU_SCHEMA_DIR", os.path.join(repo_root(), "schema"))
        if env:
            self.env.update(env)
        self.proc = None
        self.sock = os.path.join(self.instance, "var/run/mgd.sock")
        # mgd's stdout/stderr (start-up errors, sanitizer reports), never a pipe that
        # could fill up and block it
        self.outpath = self.instance.rstrip("/") + ".mgd-output"
        self.out = None

    def output(self):
        try:
            with open(self.outpath, errors="replace") as f:
                return f.read()
        except FileNotFoundError:
            return ""

    def start(self, wait=10.0):
        args = [binary("mgd/mgd"), "--instance", self.instance, "--foreground"]
        if self.timescale:
            args += ["--timescale", str(self.timescale)]
        args += self.extra
        self.out = open(self.outpath, "ab")
        self.proc = subprocess.Popen(args, env=self.env, stdout=self.out,
                                     stderr=subprocess.STDOUT)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.out.close()
                raise RuntimeError("mgd exited with %s: %s" % (self.proc.returncode,
                                                               self.output()[-4000:]))
            try:
                with NcClient(self.sock, timeout=2):
                    return self
            except (FileNotFoundError, ConnectionRefusedError, EOFError, OSError):
                time.sleep(0.005)
        raise RuntimeError("mgd did not start listening")

    def client(self, **kw):
        return NcClient(self.sock, **kw)

    def stop(self, sig=None):
        """Stop mgd (SIGTERM unless told); its exit status. A clean SIGTERM exit with
        sanitizer findings is reported as a failure with the report."""
        if self.proc is None:
            return None
        if sig is None:
            self.proc.terminate()
        else:
            self.proc.send_signal(sig)
        try:
            rc = self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.out.close()
        self.proc = None
        if sig is None and rc != 0:
            sys.stderr.write("mgd exited with %s:\n%s\n" % (rc, self.output()[-8000:]))
        return rc

    def check_files(self):
        r = subprocess.run([binary("mgd/mgd"), "--instance", self.instance, "--check-files"],
                           env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        return r.returncode, r.stdout.decode(errors="replace")


if __name__ == "__main__":
    # Manual use: python3 ncclient_unix.py SOCKET 'show configuration'
    with NcClient(sys.argv[1], client="cli") as nc:
        sys.stdout.write(nc.command(" ".join(sys.argv[2:])))
