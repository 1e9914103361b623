"""Helpers for tests that read routemu's schema (schema/*.xml) and the reference YANG.

- where things are: REPO (found from this file), shared_dir() ($ROUTEMU_SHARED, else
  ../shared beside the repository), yang_dir();
- load_schema(): every schema/*.xml merged under one root, in file-name order, as the
  loader (lib/schema.c) does, with namespaces stripped (xml.etree, standard library);
- data_children(): a node's statements as the CLI sees them (through choice and case,
  <apply-advanced/> as the apply-groups and apply-groups-except leaf-lists);
- posix_match(): POSIX extended regular expressions through the C library (regcomp and
  regexec, as the loader uses them), so that patterns are checked with their real meaning;
- check_set_line(): whether a `set` line names existing statements with valid values
  (types, ranges, lengths, patterns, enumerations). No must evaluation.
"""

import ctypes
import ctypes.util
import ipaddress
import os
import re
import shlex
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCHEMA_DIR = REPO / "schema"
NS = "{urn:routemu:schema:1}"


def shared_dir():
    env = os.environ.get("ROUTEMU_SHARED")
    return Path(env) if env else (REPO / ".." / "shared").resolve()


def yang_dir():
    return shared_dir() / "reference" / "junos-yang"


def strip_ns(elem):
    for e in elem.iter():
        if isinstance(e.tag, str) and e.tag.startswith(NS):
            e.tag = e.tag[len(NS):]
    return elem


def schema_files(directory=SCHEMA_DIR):
    return sorted(Path(directory).glob("*.xml"), key=lambda p: p.name)


def load_schema(directory=SCHEMA_DIR):
    """A <schema> element holding the top-level nodes of every file, in file-name order."""
    root = ET.Element("schema")
    for f in schema_files(directory):
        doc = strip_ns(ET.parse(f).getroot())
        if doc.tag != "schema":
            raise ValueError("%s: root element is <%s>, not <schema>" % (f, doc.tag))
        for child in doc:
            root.append(child)
    return root


DATA_TAGS = ("container", "list", "leaf", "leaf-list")


def data_children(node):
    """[(element, choice, case)] of a node's statements, through choice and case.

    <apply-advanced/> stands for two leaf-lists; they are returned as synthetic elements."""
    out = []

    def walk(parent, choice, case):
        for c in parent:
            if c.tag in DATA_TAGS:
                out.append((c, choice, case))
            elif c.tag == "choice":
                for m in c:
                    if m.tag == "case":
                        walk(m, c.get("name"), m.get("name"))
                    elif m.tag in DATA_TAGS:
                        out.append((m, c.get("name"), m.get("name")))
            elif c.tag == "apply-advanced":
                for n, h in (("apply-groups", "Groups from which to inherit configuration data"),
                    ("apply-groups-except", "Don't inherit configuration data from these groups")):
                    e = ET.Element("leaf-list", {"name": n, "type": "string",
                        "ordered-by": "user", "help": h})
                    out.append((e, choice, case))

    walk(node, None, None)
    return out


def child(node, name):
    for c, _ch, _ca in data_children(node):
        if c.get("name") == name:
            return c
    return None


def find_path(root, path):
    """The element at a schema path ('security group-vpn member'), or None."""
    node = root
    for name in path.split():
        node = child(node, name)
        if node is None:
            return None
    return node


# ---------------------------------------------------------------------------------------
# POSIX regular expressions through libc

_libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
REG_EXTENDED, REG_NOSUB = 1, 8


class PosixRegexError(ValueError):
    pass


def posix_compile_ok(pattern):
    buf = ctypes.create_string_buffer(1024)     # larger than any libc's regex_t
    rc = _libc.regcomp(buf, pattern.encode(), REG_EXTENDED | REG_NOSUB)
    if rc == 0:
        _libc.regfree(buf)
    return rc == 0


def posix_match(pattern, value):
    """Whether value matches the POSIX ERE (unanchored search, as regexec)."""
    buf = ctypes.create_string_buffer(1024)
    if _libc.regcomp(buf, pattern.encode(), REG_EXTENDED | REG_NOSUB) != 0:
        raise PosixRegexError(pattern)
    try:
        return _libc.regexec(buf, value.encode(), 0, None, 0) == 0
    finally:
        _libc.regfree(buf)


def pattern_regex(p):
    """The POSIX ERE a <pattern> stands for: posix= without its negating '!', or a YANG
    (XSD) pattern, which matches the whole value and has no anchors ('$' is literal)."""
    if p.get("posix") is not None:
        v = p.get("posix")
        return v[1:] if v.startswith("!") else v
    return "^(" + p.get("yang").replace("$", "\\$") + ")$"


# ---------------------------------------------------------------------------------------
# Values

INT_BOUNDS = {
    "int8": (-2**7, 2**7 - 1), "int16": (-2**15, 2**15 - 1), "int32": (-2**31, 2**31 - 1),
    "int64": (-2**63, 2**63 - 1), "uint8": (0, 2**8 - 1), "uint16": (0, 2**16 - 1),
    "uint32": (0, 2**32 - 1), "uint64": (0, 2**64 - 1),
}
IFNAME_RE = re.compile(r"^([a-z]{2,4}-\d+/\d+/\d+(:\d+)?|lo0|fxp0|em[0-9]|ae\d+|irb|vlan)"
    r"(\.\d+)?$")


def ranges(spec):
    return [tuple(int(x) for x in p.split("..")) for p in spec.split("|")]


def check_value(t, value):
    """None if value is valid for the type element t (a leaf or a <type>), else why not."""
    ty = t.get("type") or t.get("name")
    if ty == "union":
        errs = [check_value(m, value) for m in t if m.tag == "type"]
        return None if any(e is None for e in errs) else "; ".join(e for e in errs if e)
    if ty in INT_BOUNDS:
        if not re.fullmatch(r"-?\d+", value):
            return "%r is not a number" % value
        v = int(value)
        lo, hi = INT_BOUNDS[ty]
        if not lo <= v <= hi:
            return "%s out of %s" % (value, ty)
        if t.get("range") and not any(a <= v <= b for a, b in ranges(t.get("range"))):
            return "Value %s is not within range (%s)" % (value, t.get("range"))
        return None
    if ty == "string":
        if t.get("length") and not any(a <= len(value) <= b
                for a, b in ranges(t.get("length"))):
            return "length of %r not within %s" % (value, t.get("length"))
        for p in t.findall("pattern"):
            neg = (p.get("posix") or "").startswith("!")
            if posix_match(pattern_regex(p), value) == neg:
                return p.get("message") or "%r does not match %s" % (value,
                    p.get("posix") or p.get("yang"))
        return None
    if ty == "enumeration":
        names = [e.get("name") for e in t.findall("enum")]
        return None if value in names else "%r not one of %s" % (value, names)
    if ty == "ipv4addr":
        try:
            ipaddress.IPv4Address(value)
            return None
        except ValueError:
            return "%r is not an IPv4 address" % value
    if ty == "ipv4prefix":
        try:
            ipaddress.IPv4Network(value, strict=False)
            return None if "/" in value else "%r has no prefix length" % value
        except ValueError:
            return "%r is not an IPv4 prefix" % value
    if ty == "ipaddr":
        try:
            ipaddress.ip_address(value)
            return None
        except ValueError:
            return "%r is not an IP address" % value
    if ty == "ipprefix":
        try:
            ipaddress.ip_network(value, strict=False)
            return None if "/" in value else "%r has no prefix length" % value
        except ValueError:
            return "%r is not an IP prefix" % value
    if ty == "interface-name":
        return None if IFNAME_RE.match(value) else "%r is not an interface name" % value
    return "type %s not handled by the test" % ty


def set_tokens(line):
    lex = shlex.shlex(line, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    return list(lex)


def check_set_line(root, line):
    """None when `set ...` line is valid against the schema, else a message."""
    toks = set_tokens(line)
    if not toks or toks[0] != "set":
        return "not a set line"
    node, i, last = root, 1, None
    while i < len(toks):
        tok = toks[i]
        kids = data_children(node)
        c = next((k for k, _a, _b in kids if k.get("name") == tok), None)
        if c is None:
            # a value typed without keyword
            for k, _a, _b in kids:
                if k.get("nokeyword") != "true":
                    continue
                if k.tag == "list" and check_value(k[0], tok) is None:
                    c = k       # an entry typed by its key: `interfaces ge-0/0/0`
                    break
                if k.tag != "list" and check_value(k, tok) is None:
                    c = k
                    break
            if c is None:
                return "syntax error at %r" % tok
            if c.tag == "list":
                node, last, i = c, c, i + 1
                continue
            last, i = c, i + 1
            continue
        if c.tag == "container":
            node, last, i = c, c, i + 1
        elif c.tag == "list":
            if i + 1 >= len(toks):
                return "%s: missing key" % tok
            why = check_value(c[0], toks[i + 1])
            if why:
                return "%s %s: %s" % (tok, toks[i + 1], why)
            node, last, i = c, c, i + 2
        elif c.get("type") == "empty":
            last, i = c, i + 1
        else:
            if i + 1 >= len(toks):
                return "%s: missing value" % tok
            vals = [toks[i + 1]]
            i += 2
            if vals == ["["] and c.tag == "leaf-list":
                vals = []
                while i < len(toks) and toks[i] != "]":
                    vals.append(toks[i])
                    i += 1
                i += 1
            for v in vals:
                why = check_value(c, v)
                if why and not (c.get("secret") == "true" and v.startswith("$9$")):
                    return "%s %s: %s" % (tok, v, why)
            last = c
    if last is None:
        return "statement incomplete"
    if last.tag == "container" and last.get("presence") != "true":
        return "statement incomplete (%s is not a presence container)" % last.get("name")
    return None


# ---------------------------------------------------------------------------------------
# Junos $9$ secrets (the well-known reversible encoding), for example files

_FAMILY = ("QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx", "7N-dVbwsY2g4oaJZGUDj", "iHkq.mPf5T")
_ALPHA = "".join(_FAMILY)
_EXTRA = {c: 3 - i for i, f in enumerate(_FAMILY) for c in f}
_ENCODING = ((1, 4, 32), (1, 16, 32), (1, 8, 32), (1, 64), (1, 32), (1, 4, 16, 128),
    (1, 32, 64))


def junos9_decode(s):
    if not s.startswith("$9$"):
        raise ValueError("not a $9$ secret")
    chars = s[3:]
    first, chars = chars[0], chars[1:]
    chars = chars[_EXTRA[first]:]
    prev, out = first, []
    while chars:
        enc = _ENCODING[len(out) % len(_ENCODING)]
        nib, chars = chars[:len(enc)], chars[len(enc):]
        if len(nib) != len(enc):
            raise ValueError("truncated $9$ secret")
        v = 0
        for c, w in zip(nib, enc):
            v += ((_ALPHA.index(c) - _ALPHA.index(prev)) % len(_ALPHA) - 1) * w
            prev = c
        out.append(chr(v % 256))
    return "".join(out)


def junos9_encode(plain, salt="T", extra=""):
    """Deterministic encoding (given salt and filler), decodable by any $9$ decoder."""
    if len(extra) != _EXTRA[salt]:
        raise ValueError("salt %r needs %d filler characters" % (salt, _EXTRA[salt]))
    out, prev = ["$9$", salt, extra], salt
    for i, ch in enumerate(plain):
        enc = _ENCODING[i % len(_ENCODING)]
        v, gaps = ord(ch), []
        for w in reversed(enc):
            gaps.insert(0, v // w)
            v %= w
        for g in gaps:
            prev = _ALPHA[(_ALPHA.index(prev) + g + 1) % len(_ALPHA)]
            out.append(prev)
    return "".join(out)
