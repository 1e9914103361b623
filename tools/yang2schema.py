#!/usr/bin/python3
"""yang2schema: generate parts of routemu's schema/*.xml from the Junos YANG extracts.

The schema files are written by hand, except for regions between two markers:

    <!-- yang2schema: file="conf-X.yang" from="grouping G" at="security group-vpn" -->
    ...generated, do not edit...
    <!-- yang2schema: end -->

For each region this tool parses the YANG file, expands `uses` (per file: two files may
define a grouping of the same name differently), selects the `from` node and writes it in
routemu's schema XML format (schema/README.md), indented like the opening marker.

  file    a file of the reference directory (shared/reference/junos-yang)
  from    "grouping NAME" (the grouping's children), "grouping NAME/a/b" or "a/b"
          (one data node, found through choices and cases, written with its subtree)
  at      schema path of the region's parent (statement names from the root, list keys
          and choice/case names left out); used to match schema/OMISSIONS
  secret  optional; "|"-separated shell patterns of schema paths whose leaves get
          secret="true" (the extracts do not carry Junos's "unreadable" marker)

Statements whose schema path matches a pattern of schema/OMISSIONS are left out.
`uses apply-advanced` becomes <apply-advanced/> (apply-groups, apply-groups-except; the
apply-macro list of that grouping is an intentional omission, listed in OMISSIONS).

Usage (from the repository root, see tools/README.md):
    /usr/bin/python3 tools/yang2schema.py            rewrite the regions of schema/*.xml
    /usr/bin/python3 tools/yang2schema.py --check    exit 1 if a file is not up to date
    /usr/bin/python3 tools/yang2schema.py --paths FILE FROM AT
                                                     list statement paths, marking omissions

Standard library only. Output is deterministic (YANG order, fixed attribute order).
"""

import argparse
import difflib
import fnmatch
import os
import re
import shlex
import sys

NS = "urn:routemu:schema:1"

# ---------------------------------------------------------------------------------------
# YANG lexer and parser: a statement tree, nothing more.


class YangError(Exception):
    pass


class Stmt:
    """One YANG statement: keyword, argument (or None), substatements, source line."""

    __slots__ = ("kw", "arg", "subs", "line")

    def __init__(self, kw, arg, subs, line):
        self.kw = kw
        self.arg = arg
        self.subs = subs
        self.line = line

    def all(self, kw):
        return [s for s in self.subs if s.kw == kw]

    def one(self, kw):
        found = self.all(kw)
        if len(found) > 1:
            raise YangError("line %d: %s %s: more than one %s" %
                (self.line, self.kw, self.arg, kw))
        return found[0] if found else None

    def __repr__(self):
        return "Stmt(%r, %r, line %d)" % (self.kw, self.arg, self.line)


_ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'"}


def yang_tokens(text, fname):
    """Yield (token, is_string, line). Tokens: ';', '{', '}', strings, words."""
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif c.isspace():
            i += 1
        elif text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            if j < 0:
                raise YangError("%s:%d: unterminated comment" % (fname, line))
            line += text.count("\n", i, j)
            i = j + 2
        elif c in ";{}":
            yield c, False, line
            i += 1
        elif c == '"':
            start, buf, i = line, [], i + 1
            while True:
                if i >= n:
                    raise YangError("%s:%d: unterminated string" % (fname, start))
                c = text[i]
                if c == '"':
                    i += 1
                    break
                if c == "\\" and i + 1 < n:
                    # Juniper writes \' inside double quotes; read it as a quote.
                    buf.append(_ESCAPES.get(text[i + 1], "\\" + text[i + 1]))
                    i += 2
                    continue
                if c == "\n":
                    line += 1
                buf.append(c)
                i += 1
            yield "".join(buf), True, start
        elif c == "'":
            j = text.find("'", i + 1)
            if j < 0:
                raise YangError("%s:%d: unterminated string" % (fname, line))
            s = text[i + 1:j]
            yield s, True, line
            line += s.count("\n")
            i = j + 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in ';{}"\'':
                j += 1
            yield text[i:j], False, line
            i = j


def yang_parse(text, fname="<yang>"):
    """Parse YANG text into a list of top-level statements."""
    toks = list(yang_tokens(text, fname))
    pos = 0

    def parse_block(depth):
        nonlocal pos
        out = []
        while pos < len(toks):
            tok, is_str, line = toks[pos]
            if tok == "}" and not is_str:
                if depth == 0:
                    raise YangError("%s:%d: unexpected '}'" % (fname, line))
                pos += 1
                return out
            if not is_str and tok in ";{":
                raise YangError("%s:%d: unexpected '%s'" % (fname, line, tok))
            kw = tok
            pos += 1
            arg = None
            # string concatenation with '+' is YANG; none of our sources uses it
            if pos < len(toks) and (toks[pos][1] or toks[pos][0] not in ";{}"):
                arg = toks[pos][0]
                pos += 1
                while (pos + 1 < len(toks) and toks[pos][0] == "+" and
                    not toks[pos][1] and toks[pos + 1][1]):
                    arg += toks[pos + 1][0]
                    pos += 2
            if pos >= len(toks):
                raise YangError("%s:%d: %s: missing ';' or '{'" % (fname, line, kw))
            tok2, is_str2, _ = toks[pos]
            pos += 1
            if tok2 == ";" and not is_str2:
                out.append(Stmt(kw, arg, [], line))
            elif tok2 == "{" and not is_str2:
                out.append(Stmt(kw, arg, parse_block(depth + 1), line))
            else:
                raise YangError("%s:%d: %s: expected ';' or '{'" % (fname, line, kw))
        if depth != 0:
            raise YangError("%s: missing '}'" % fname)
        return out

    return parse_block(0)


# ---------------------------------------------------------------------------------------
# Modules and grouping expansion


DATA_KW = ("container", "list", "leaf", "leaf-list")
KNOWN_KW = {
    "grouping", "uses", "container", "list", "leaf", "leaf-list", "choice", "case",
    "description", "type", "enum", "key", "ordered-by", "presence", "default", "units",
    "mandatory", "max-elements", "range", "length", "pattern", "status",
    "junos:must", "junos:must-message", "junos:posix-pattern", "junos:pattern-message",
    "junos:cli-feature",
}


class Module:
    """One reference YANG file: its top-level statements and its groupings."""

    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)
        with open(path, encoding="utf-8") as f:
            self.top = yang_parse(f.read(), self.name)
        self.groupings = {}
        for st in self.top:
            if st.kw == "grouping":
                if st.arg in self.groupings:
                    raise YangError("%s: grouping %s defined twice" % (self.name, st.arg))
                self.groupings[st.arg] = st
        self._check(self.top)

    def _check(self, stmts):
        for st in stmts:
            if st.kw not in KNOWN_KW:
                raise YangError("%s:%d: statement %s is not handled by yang2schema" %
                    (self.name, st.line, st.kw))
            self._check(st.subs)

    def expand(self, stmts, stack=()):
        """Copy stmts with every `uses` replaced by the grouping's statements.

        `uses apply-advanced` is kept as it is: it becomes <apply-advanced/>. Statements
        of a grouping that are not data definitions (its description, a cli-feature) are
        not copied: they describe the grouping, the using node has its own."""
        out = []
        for st in stmts:
            if st.kw == "uses" and st.arg != "apply-advanced":
                g = self.groupings.get(st.arg)
                if g is None:
                    raise YangError("%s:%d: grouping %s not found" %
                        (self.name, st.line, st.arg))
                if st.arg in stack:
                    raise YangError("%s: grouping %s uses itself" % (self.name, st.arg))
                body = [s for s in g.subs if s.kw in DATA_KW + ("choice", "uses")]
                out.extend(self.expand(body, stack + (st.arg,)))
            elif st.kw == "grouping":
                continue
            else:
                n = Stmt(st.kw, st.arg, [], st.line)
                n.subs = self.expand(st.subs, stack)
                out.append(n)
        return out

    def select(self, spec):
        """The statements a region's `from` designates (expanded)."""
        parts = [p for p in spec.split("/") if p]
        if not parts:
            raise YangError("empty from")
        if parts[0].startswith("grouping "):
            g = self.groupings.get(parts[0][len("grouping "):].strip())
            if g is None:
                raise YangError("%s: %s not found" % (self.name, parts[0]))
            nodes = self.expand([s for s in g.subs if s.kw in DATA_KW +
                ("choice", "uses")])
            parts = parts[1:]
            if not parts:
                return nodes
        else:
            nodes = self.expand([s for s in self.top if s.kw != "grouping"])
        found = None
        for name in parts:
            found = find_data_child(nodes, name)
            if found is None:
                raise YangError("%s: %s: %s not found" % (self.name, spec, name))
            nodes = found.subs
        return [found]


def find_data_child(stmts, name):
    """The data node called name among stmts, looking through choices and cases."""
    for st in stmts:
        if st.kw in DATA_KW and st.arg == name:
            return st
        if st.kw in ("choice", "case"):
            f = find_data_child(st.subs, name)
            if f is not None:
                return f
    return None


# ---------------------------------------------------------------------------------------
# Reading the Junos extensions of a node


def cli_features(st):
    feats = set()
    for f in st.all("junos:cli-feature"):
        if f.arg not in ("nokeyword", "oneliner", "oneliner-plus", "homogeneous"):
            raise YangError("line %d: cli-feature %s not handled" % (f.line, f.arg))
        feats.add(f.arg)
    return feats


def paired(st, what, msgkw):
    """[(value, message-or-None)] for junos:must/must-message or posix-pattern/message.

    Juniper writes the message as the sibling that follows its expression."""
    out = []
    for s in st.subs:
        if s.kw == what:
            out.append([s.arg, None])
        elif s.kw == msgkw:
            if not out or out[-1][1] is not None:
                raise YangError("line %d: %s without %s" % (s.line, msgkw, what))
            out[-1][1] = s.arg
    return [tuple(p) for p in out]


def musts_of(st):
    return paired(st, "junos:must", "junos:must-message")


def enum_musts(type_st):
    """The musts carried by enum values, when every value carries the same ones.

    A must on an enum value is checked when the leaf has that value; when all values carry
    the same expression it is the same as a must on the leaf, and that is how we write it
    (the schema format has no must on enum values). Anything else is refused."""
    enums = type_st.all("enum")
    per = [musts_of(e) for e in enums]
    if not any(per):
        return []
    if any(p != per[0] for p in per):
        raise YangError("line %d: enum values with different musts are not supported" %
            type_st.line)
    return per[0]


def norm_range(s):
    """'2 .. 1000 | 5 .. 6' -> '2..1000|5..6' (the schema's notation)."""
    return "|".join(re.sub(r"\s+", "", p) for p in s.split("|"))


JT_TYPES = {
    "jt:ipv4addr": "ipv4addr",
    "jt:ipv4prefix": "ipv4prefix",
    "jt:ipv4prefix-only": "ipv4prefix",
    "jt:ipv4prefix-mandatory": "ipv4prefix",
    "jt:ipaddr": "ipaddr",
    "jt:ipprefix": "ipprefix",
    "jt:interface-name": "interface-name",
    "jt:interface-unit": "interface-name",
}
BUILTIN_TYPES = ("string", "empty", "enumeration", "union", "int8", "int16", "int32",
    "int64", "uint8", "uint16", "uint32", "uint64")


def map_type_name(name):
    """YANG type name -> list of schema type names (more than one: union members)."""
    if name in BUILTIN_TYPES:
        return [name]
    if name in JT_TYPES:
        return [JT_TYPES[name]]
    if name == "jt:ipaddr-or-interface":
        return ["ipaddr", "interface-name"]
    if name.startswith("jt:"):
        return ["string"]
    raise YangError("type %s not handled" % name)


# ---------------------------------------------------------------------------------------
# XML writer


def xml_attr(v):
    return (v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;"))


ATTR_ORDER = ("name", "key", "type", "range", "length", "default", "units", "mandatory",
    "nokeyword", "oneliner", "presence", "secret", "hidden", "ordered-by", "max-elements",
    "posix", "yang", "expr", "message", "help")


def tag(name, attrs, close):
    parts = [name]
    for k in ATTR_ORDER:
        if k in attrs and attrs[k] is not None:
            parts.append('%s="%s"' % (k, xml_attr(attrs[k])))
    extra = set(attrs) - set(ATTR_ORDER)
    if extra:
        raise YangError("attributes %s have no place in ATTR_ORDER" % sorted(extra))
    return "<%s%s>" % (" ".join(parts), "/" if close else "")


class Writer:
    def __init__(self, omissions, secrets, modname):
        self.omissions = omissions
        self.secrets = secrets
        self.mod = modname
        self.lines = []
        self.used = set()

    def out(self, depth, text):
        self.lines.append("  " * depth + text)

    def omitted(self, path):
        for pat, _reason in self.omissions:
            if fnmatch.fnmatchcase(path, pat):
                self.used.add(pat)
                return True
        return False

    def node(self, st, parent, depth):
        if st.kw == "uses":
            # apply-advanced is apply-groups, apply-groups-except and apply-macro; the
            # format has no apply-macro, so OMISSIONS must say why it is left out.
            if not self.omitted((parent + " apply-macro").strip()):
                raise YangError("%s:%d: %s apply-macro is not in OMISSIONS" %
                    (self.mod, st.line, parent))
            self.out(depth, "<apply-advanced/>")
            return
        if st.kw == "choice":
            self.choice(st, parent, depth)
            return
        if st.kw not in DATA_KW:
            return
        path = (parent + " " + st.arg).strip()
        if self.omitted(path):
            return
        if st.kw == "container":
            self.container(st, path, depth)
        elif st.kw == "list":
            self.list(st, path, depth)
        else:
            self.leaf(st, path, depth, key=False)

    def has_output(self, stmts, parent):
        """Whether any of stmts survives the omissions (empty cases are dropped)."""
        for st in stmts:
            if st.kw == "uses":
                return True
            if st.kw == "case" or st.kw == "choice":
                if self.has_output(st.subs, parent):
                    return True
            elif st.kw in DATA_KW:
                if not self.omitted((parent + " " + st.arg).strip()):
                    return True
        return False

    def choice(self, st, parent, depth):
        members = [s for s in st.subs if s.kw in DATA_KW + ("case", "uses", "choice")]
        if not self.has_output(members, parent):
            return
        self.out(depth, tag("choice", {"name": st.arg}, False))
        for m in members:
            if m.kw == "case":
                if not self.has_output(m.subs, parent):
                    continue
                self.out(depth + 1, tag("case", {"name": m.arg}, False))
                for c in m.subs:
                    self.node(c, parent, depth + 2)
                self.out(depth + 1, "</case>")
            else:
                self.node(m, parent, depth + 1)
        self.out(depth, "</choice>")

    def common(self, st):
        d = st.one("description")
        return {"help": d.arg if d is not None else None}

    def container(self, st, path, depth):
        a = self.common(st)
        a["name"] = st.arg
        feats = cli_features(st)
        if "oneliner" in feats or "oneliner-plus" in feats:
            a["oneliner"] = "true"
        if st.one("presence") is not None:
            a["presence"] = "true"
        self.out(depth, tag("container", a, False))
        for c in st.subs:
            self.node(c, path, depth + 1)
        self.musts(st, depth + 1)
        self.out(depth, "</container>")

    def list(self, st, path, depth):
        k = st.one("key")
        if k is None or len(k.arg.split()) != 1:
            raise YangError("%s:%d: list %s needs exactly one key" %
                (self.mod, st.line, st.arg))
        key = k.arg
        keyleaf = [c for c in st.subs if c.kw == "leaf" and c.arg == key]
        if len(keyleaf) != 1:
            raise YangError("%s:%d: list %s: key leaf %s not found" %
                (self.mod, st.line, st.arg, key))
        a = self.common(st)
        a.update(name=st.arg, key=key)
        feats = cli_features(st)
        if "oneliner" in feats or "oneliner-plus" in feats:
            a["oneliner"] = "true"
        if "nokeyword" in feats:
            a["nokeyword"] = "true"
        ob = st.one("ordered-by")
        if ob is not None and ob.arg == "user":
            a["ordered-by"] = "user"
        me = st.one("max-elements")
        if me is not None:
            a["max-elements"] = me.arg
        self.out(depth, tag("list", a, False))
        # The key leaf is the list's first child, whatever the YANG order.
        self.leaf(keyleaf[0], path + " " + key, depth + 1, key=True)
        for c in st.subs:
            if c is not keyleaf[0]:
                self.node(c, path, depth + 1)
        self.musts(st, depth + 1)
        self.out(depth, "</list>")

    def musts(self, st, depth, extra=()):
        for expr, msg in list(musts_of(st)) + list(extra):
            self.out(depth, tag("must", {"expr": expr, "message": msg}, True))

    def type_parts(self, ty):
        """(attrs for the leaf or <type>, child lines as (depth offset, text))."""
        names = map_type_name(ty.arg)
        if len(names) > 1:
            return {"type": "union"}, [(0, tag("type", {"name": n}, True)) for n in names]
        name = names[0]
        a, kids = {"type": name}, []
        r = ty.one("range")
        if r is not None:
            a["range"] = norm_range(r.arg)
        ln = ty.one("length")
        if ln is not None:
            a["length"] = norm_range(ln.arg)
        # A YANG pattern (XSD: matches the whole value, '$' is a literal) is kept as
        # written, in yang=; junos:posix-pattern (POSIX ERE, searched) goes in posix=.
        for p in ty.all("pattern"):
            kids.append((0, tag("pattern", {"yang": p.arg}, True)))
        for p, msg in paired(ty, "junos:posix-pattern", "junos:pattern-message"):
            kids.append((0, tag("pattern", {"posix": p, "message": msg}, True)))
        for e in ty.all("enum"):
            d = e.one("description")
            kids.append((0, tag("enum", {"name": e.arg,
                "help": d.arg if d is not None else None}, True)))
        if name == "union":
            for m in ty.all("type"):
                mnames = map_type_name(m.arg)
                if "union" in mnames:
                    raise YangError("line %d: nested union" % m.line)
                if len(mnames) > 1:
                    kids.extend((0, tag("type", {"name": n}, True)) for n in mnames)
                    continue
                ma, mk = self.type_parts(m)
                ma = {"name": ma["type"], "range": ma.get("range"),
                    "length": ma.get("length")}
                if mk:
                    kids.append((0, tag("type", ma, False)))
                    kids.extend((o + 1, t) for o, t in mk)
                    kids.append((0, "</type>"))
                else:
                    kids.append((0, tag("type", ma, True)))
        return a, kids

    def leaf(self, st, path, depth, key):
        ty = st.one("type")
        if ty is None:
            raise YangError("%s:%d: leaf %s without type" % (self.mod, st.line, st.arg))
        a = self.common(st)
        a["name"] = st.arg
        ta, kids = self.type_parts(ty)
        a.update(ta)
        for kw in ("default", "units"):
            s = st.one(kw)
            if s is not None:
                a[kw] = s.arg
        m = st.one("mandatory")
        if m is not None and m.arg == "true":
            a["mandatory"] = "true"
        feats = cli_features(st)
        # A key is always typed without keyword; the schema says so with key=, not here.
        if "nokeyword" in feats and not key:
            a["nokeyword"] = "true"
        if "oneliner" in feats or "oneliner-plus" in feats:
            a["oneliner"] = "true"
        if st.kw == "leaf-list":
            ob = st.one("ordered-by")
            if ob is not None and ob.arg == "user":
                a["ordered-by"] = "user"
            me = st.one("max-elements")
            if me is not None:
                a["max-elements"] = me.arg
        if any(fnmatch.fnmatchcase(path, p) for p in self.secrets):
            a["secret"] = "true"
        emusts = enum_musts(ty) if ty.arg == "enumeration" else []
        allm = musts_of(st) + emusts
        if not kids and not allm:
            self.out(depth, tag(st.kw, a, True))
            return
        self.out(depth, tag(st.kw, a, False))
        for off, t in kids:
            self.out(depth + 1 + off, t)
        self.musts(st, depth + 1, emusts)
        self.out(depth, "</%s>" % st.kw)


# ---------------------------------------------------------------------------------------
# OMISSIONS, regions, files


def read_omissions(path):
    """[(pattern, reason)] from schema/OMISSIONS: 'PATTERN | REASON' lines, # comments."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if "|" not in line:
                raise YangError("%s:%d: expected 'PATTERN | REASON'" % (path, n))
            pat, reason = (x.strip() for x in line.split("|", 1))
            if not pat or not reason:
                raise YangError("%s:%d: empty pattern or reason" % (path, n))
            out.append((pat, reason))
    return out


BEGIN_RE = re.compile(r"^(?P<ind>[ \t]*)<!--\s*yang2schema:\s*(?P<spec>.*?)\s*-->\s*$")


class Region:
    def __init__(self, fname, lineno, indent, spec):
        self.fname = fname
        self.lineno = lineno
        self.indent = indent
        kv = {}
        for tok in shlex.split(spec):
            if "=" not in tok:
                raise YangError("%s:%d: bad marker field %r" % (fname, lineno, tok))
            k, v = tok.split("=", 1)
            kv[k] = v
        for k in ("file", "from", "at"):
            if k not in kv:
                raise YangError("%s:%d: marker without %s=" % (fname, lineno, k))
        unknown = set(kv) - {"file", "from", "at", "secret"}
        if unknown:
            raise YangError("%s:%d: unknown marker fields %s" %
                (fname, lineno, sorted(unknown)))
        self.file = kv["file"]
        self.frm = kv["from"]
        self.at = kv["at"]
        self.secrets = [s.strip() for s in kv.get("secret", "").split("|") if s.strip()]


def find_regions(fname, text):
    """[(Region, first line index of body, index of end marker)]."""
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        m = BEGIN_RE.match(lines[i])
        if m and m.group("spec") != "end":
            r = Region(fname, i + 1, m.group("ind"), m.group("spec"))
            j = i + 1
            while j < len(lines):
                m2 = BEGIN_RE.match(lines[j])
                if m2:
                    if m2.group("spec") != "end":
                        raise YangError("%s:%d: region not closed" % (fname, i + 1))
                    break
                j += 1
            if j == len(lines):
                raise YangError("%s:%d: region not closed" % (fname, i + 1))
            out.append((r, i + 1, j))
            i = j + 1
        else:
            i += 1
    return out


class Generator:
    def __init__(self, yang_dir, omissions):
        self.yang_dir = yang_dir
        self.omissions = omissions
        self.modules = {}
        self.used = set()

    def module(self, name):
        if name not in self.modules:
            self.modules[name] = Module(os.path.join(self.yang_dir, name))
        return self.modules[name]

    def region_lines(self, r):
        mod = self.module(r.file)
        w = Writer(self.omissions, r.secrets, mod.name)
        at = r.at.strip()
        for st in mod.select(r.frm):
            w.node(st, at, 0)
        self.used |= w.used
        return [r.indent + l for l in w.lines]

    def render(self, fname, text):
        lines = text.split("\n")
        regions = find_regions(fname, text)
        out, last = [], 0
        for r, body, end in regions:
            out.extend(lines[last:body])
            out.extend(self.region_lines(r))
            last = end
        out.extend(lines[last:])
        return "\n".join(out)


def repo_root():
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def default_yang_dir(root):
    shared = os.environ.get("ROUTEMU_SHARED") or os.path.join(root, "..", "shared")
    return os.path.normpath(os.path.join(shared, "reference", "junos-yang"))


def yang_paths(mod, frm, at):
    """[(schema path, kind)] of every statement a region covers, apply-advanced expanded:
    (P apply-groups, leaf-list), (P apply-groups-except, leaf-list), (P apply-macro, list)."""
    out = []

    def walk(stmts, parent):
        for st in stmts:
            if st.kw == "uses":
                for n, k in (("apply-groups", "leaf-list"),
                    ("apply-groups-except", "leaf-list"), ("apply-macro", "list")):
                    out.append(((parent + " " + n).strip(), k))
            elif st.kw in ("choice", "case"):
                walk(st.subs, parent)
            elif st.kw in DATA_KW:
                p = (parent + " " + st.arg).strip()
                out.append((p, st.kw))
                walk(st.subs, p)

    walk(mod.select(frm), at.strip())
    return out


def main(argv=None):
    root = repo_root()
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--yang-dir", default=None,
        help="reference YANG directory (default: $ROUTEMU_SHARED/reference/junos-yang, "
        "or ../shared/reference/junos-yang beside the repository)")
    ap.add_argument("--omissions", default=os.path.join(root, "schema", "OMISSIONS"))
    ap.add_argument("--check", action="store_true",
        help="do not write; exit 1 and show a diff if a file is not up to date")
    ap.add_argument("--paths", nargs=3, metavar=("FILE", "FROM", "AT"),
        help="list the schema paths of a YANG subtree, marking omitted ones")
    ap.add_argument("files", nargs="*", help="schema files (default: schema/*.xml)")
    args = ap.parse_args(argv)
    yang_dir = args.yang_dir or default_yang_dir(root)
    try:
        omissions = read_omissions(args.omissions)
        gen = Generator(yang_dir, omissions)
        if args.paths:
            w = Writer(omissions, [], args.paths[0])
            for p, kind in yang_paths(gen.module(args.paths[0]), args.paths[1],
                args.paths[2]):
                words = p.split()
                gone = any(w.omitted(" ".join(words[:n])) for n in range(1, len(words) + 1))
                print("%s %-9s %s" % ("-" if gone else "+", kind, p))
            return 0
        files = args.files or sorted(
            os.path.join(root, "schema", f) for f in os.listdir(os.path.join(root, "schema"))
            if f.endswith(".xml"))
        stale = 0
        for fname in files:
            with open(fname, encoding="utf-8") as f:
                old = f.read()
            new = gen.render(os.path.relpath(fname, root), old)
            if new == old:
                continue
            if args.check:
                stale += 1
                sys.stdout.writelines(difflib.unified_diff(
                    old.splitlines(True), new.splitlines(True), fname, fname + " (generated)"))
            else:
                tmp = fname + ".tmp"
                with open(tmp, "w", encoding="utf-8") as f:
                    f.write(new)
                os.replace(tmp, fname)
                print("yang2schema: wrote %s" % os.path.relpath(fname, root))
        if not args.files:
            unused = [p for p, _ in omissions if p not in gen.used]
            if unused:
                for p in unused:
                    print("yang2schema: OMISSIONS pattern matches nothing: %s" % p,
                        file=sys.stderr)
                return 1
        if stale:
            print("yang2schema: %d file(s) not up to date; run tools/yang2schema.py" % stale,
                file=sys.stderr)
            return 1
        return 0
    except (YangError, OSError) as e:
        print("yang2schema: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
