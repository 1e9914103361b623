"""must_cases: one commit-failure case per `must` rule of the real schema.

For every <must> of schema/*.xml (outside `groups`), this module derives a minimal
configuration, as `set` lines applied to an empty configuration, that violates the
rule, and the exact text a commit of it prints:

    [edit <path of the parent of the statement carrying the rule>]
      '<statement as typed: name value | name key | name>'
        <must-message>
    ...                                    (other blocks, if the case cannot avoid them)
    error: configuration check-out failed

Rules that no configuration of routemu's schema can violate (every path that could
make them false names statements the schema does not have) are listed in UNREACHABLE
with the reason.

How a case is built (no hand-written configuration unless listed in OVERRIDES):
  1. the statement carrying the rule is instantiated (generated keys and values that
     pass the schema's type checks);
  2. the paths of the expression are atoms; the cheapest assignment of true/false to
     them that makes the expression false is realised: a true path is created with
     `set` lines, a false `unique` gets a second entry with the same value;
  3. the other rules the configuration now breaks are satisfied the same way (when
     they can be), so that most cases fail with exactly one block;
  4. the expected text comes from a small model of the validator written here
     (display order, the Junos block layout), independent of lib/validate.c.

Semantics modelled (see lib/must.h): a path is true when the statement exists; its
last word may be a value of a leaf or leaf-list; `..` goes up one statement, a list
entry being one; the key leaf of an entry sits inside it and a leaf-list value inside
its leaf-list statement; `$$` is the carrier's value or key, `$$-IFL` names
`INTERFACE unit N` (unit 0 without a dot); `<*>` any entry; `unique` is true when no
match but the carrier itself exists.

Use:
    import must_cases
    for case in must_cases.cases():          # list of Case
        case.lines, case.expected, case.edit, case.statement, case.message
    must_cases.unreachable()                 # list of Unreachable

Self-check against lib/validate.c (the C driver tests/unit/validate_driver.c):
    /usr/bin/python3 tests/system/must_cases.py --driver PATH/validate_driver
"""

import glob
import itertools
import os
import subprocess
import sys
from dataclasses import dataclass, field

from lxml import etree

NS = "{urn:routemu:schema:1}"
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCHEMA = os.environ.get("ROUTEMU_SCHEMA_DIR",
                                os.path.join(HERE, "..", "..", "schema"))
FAILED = "error: configuration check-out failed"


# ---------------------------------------------------------------------------------
# schema


class SNode:
    def __init__(self, kind, name, parent):
        self.kind = kind            # root container list leaf leaf-list
        self.name = name
        self.parent = parent
        self.children = []
        self.index = 0
        self.musts = []             # [(expr, message)]
        self.flags = set()          # mandatory nokeyword key root-children ...
        self.key = None             # list: key leaf
        self.type = None            # leaves: etree element carrying the type
        self.choice = None
        self.case = None
        self.max_elements = 0

    def child(self, name):
        for c in self.children:
            if c.name == name:
                return c
        return None

    def path(self):
        n, words = self, []
        while n is not None and n.kind != "root":
            words.append(n.name)
            n = n.parent
        return " ".join(reversed(words))

    def __repr__(self):
        return "<%s %s>" % (self.kind, self.path())


def _tag(el):
    return el.tag.replace(NS, "") if isinstance(el.tag, str) else None


def _parse_children(el, parent, choice=None, case=None):
    for c in el:
        t = _tag(c)
        if t is None:
            continue
        if t in ("container", "list", "leaf", "leaf-list"):
            _parse_node(c, t, parent, choice, case)
        elif t == "choice":
            _parse_children(c, parent, c.get("name"), None)
        elif t == "case":
            _parse_children(c, parent, choice, c.get("name"))
        elif t == "must":
            parent.musts.append((c.get("expr"), c.get("message")))
        elif t == "root-children":
            parent.flags.add("root-children")
        elif t == "apply-advanced":
            for nm in ("apply-groups", "apply-groups-except"):
                n = SNode("leaf-list", nm, parent)
                n.flags.add("apply-groups")
                n.type = etree.Element("leaf", type="string")
                _add(parent, n)


def _add(parent, n):
    for c in parent.children:
        if c.name == n.name:
            if c.kind == n.kind == "container":   # two files extend one container
                for cc in n.children:
                    cc.parent = c
                    _add(c, cc)
                c.musts.extend(n.musts)
                return
            raise ValueError("duplicate statement %s" % n.path())
    n.index = len(parent.children)
    parent.children.append(n)


def _parse_node(el, kind, parent, choice, case):
    n = SNode(kind, el.get("name"), parent)
    for f in ("mandatory", "nokeyword", "oneliner", "secret", "presence", "hidden"):
        if el.get(f) == "true":
            n.flags.add(f)
    if choice is not None:
        n.choice, n.case = choice, case or n.name
    if el.get("max-elements"):
        n.max_elements = int(el.get("max-elements"))
    if kind in ("leaf", "leaf-list"):
        n.type = el
        for c in el:
            if _tag(c) == "must":
                n.musts.append((c.get("expr"), c.get("message")))
    else:
        _parse_children(el, n)
    if kind == "list":
        n.key = n.children[0]
        n.key.flags.add("key")
    _add(parent, n)
    return n


def load_schema(directory=None):
    root = SNode("root", "", None)
    for f in sorted(glob.glob(os.path.join(directory or DEFAULT_SCHEMA, "*.xml"))):
        _parse_children(etree.parse(f).getroot(), root)
    return root


def walk_schema(n):
    yield n
    for c in n.children:
        if "root-children" in c.flags:
            continue
        yield from walk_schema(c)


# ---------------------------------------------------------------------------------
# values


def _type_value(t, ordinal):
    """A value of the type described by element t (leaf or <type>)."""
    base = t.get("type") or t.get("name")
    if base == "union":
        members = [m for m in t if _tag(m) == "type"]
        # the "<.*>|$.*" string members are for apply-groups wildcards: prefer others
        plain = [m for m in members if not (m.get("name") == "string" and
                                            any(_tag(p) == "pattern" for p in m))]
        return _type_value((plain or members)[0], ordinal)
    if base == "enumeration":
        enums = [e.get("name") for e in t if _tag(e) == "enum"]
        return enums[0]
    if base == "empty":
        return None
    if base in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"):
        rng = t.get("range")
        if rng:
            lo = int(rng.split("|")[0].split("..")[0])
            hi = int(rng.split("|")[0].split("..")[1])
            return str(min(hi, max(lo, ordinal)))
        return str(max(ordinal, 1))
    if base == "ipv4addr" or base == "ipaddr":
        return "10.0.%d.1" % ordinal
    if base.startswith(("ipv4prefix", "ipprefix")):
        return "10.%d.0.0/24" % ordinal
    if base == "interface-name":
        return "ge-0/0/%d.%d" % (ordinal, ordinal)
    return None     # strings: the caller names them


class Namer:
    """Deterministic fresh values: vpn1, vpn2 ... per statement name."""

    def __init__(self):
        self.count = {}

    def fresh(self, s):
        k = s.name
        self.count[k] = self.count.get(k, 0) + 1
        v = _type_value(s.type, self.count[k])
        if "key" in s.flags and v is not None and (s.type.get("type") == "interface-name"):
            v = "ge-0/0/%d" % self.count[k]     # a physical interface: no unit
        if v is None and (s.type.get("type") or "") not in ("empty",):
            base = s.parent.name if "key" in s.flags else s.name
            v = "%s%d" % (base[:24], self.count[k])
        return v


# ---------------------------------------------------------------------------------
# configuration model


class CNode:
    def __init__(self, schema, parent, ident=None):
        self.schema = schema
        self.parent = parent
        self.id = ident        # list key, leaf value, leaf-list value
        self.children = []

    def find(self, s, ident=None):
        for c in self.children:
            if c.schema is s and (s.kind in ("container", "leaf") or c.id == ident):
                return c
        return None

    def all_of(self, s):
        return [c for c in self.children if c.schema is s]

    def get(self, s, ident=None):
        """Find or create (display order: schema order, then insertion)."""
        c = self.find(s, ident)
        if c is not None:
            if s.kind == "leaf":
                c.id = ident
            return c
        if s.choice is not None:        # setting one case removes the others
            self.children = [x for x in self.children
                             if not (x.schema.choice == s.choice and x.schema.case != s.case)]
        c = CNode(s, self, ident)
        pos = len(self.children)
        for i, x in enumerate(self.children):
            if x.schema.index > s.index:
                pos = i
                break
        self.children.insert(pos, c)
        return c

    def words(self):
        """The statement's own words, as conf_path_string prints them."""
        s = self.schema
        if self.id is None:
            return [s.name]
        if "nokeyword" in s.flags:
            return [self.id]
        return [s.name, self.id]

    def path_words(self):
        out, n = [], self
        chain = []
        while n is not None and n.schema.kind != "root":
            chain.append(n)
            n = n.parent
        for c in reversed(chain):
            out.extend(c.words())
        return out


def build(lines, root_schema):
    root = CNode(root_schema, None)
    for line in lines:
        words = line.split()
        assert words[0] == "set", line
        at, s_at, i = root, root_schema, 1
        while i < len(words):
            s = s_at.child(words[i])
            if s is None or "key" in s.flags:
                # a keyword-less leaf (or list) takes the word as its value
                s = next((c for c in s_at.children if "nokeyword" in c.flags and
                          "key" not in c.flags), None)
                if s is None:
                    raise ValueError("does not fit the schema: %s" % line)
            else:
                i += 1
            if s.kind == "container":
                at = at.get(s)
            elif s.kind == "leaf" and _is_empty(s):
                at = at.get(s)
            else:
                if i >= len(words):
                    raise ValueError("missing value: %s" % line)
                at = at.get(s, words[i])
                i += 1
            s_at = s
    return root


def _is_empty(s):
    return s.kind == "leaf" and s.type.get("type") == "empty"


def set_line(words):
    return "set " + " ".join(words)


# ---------------------------------------------------------------------------------
# expressions


def parse_expr(text):
    toks, i = [], 0
    while i < len(text):
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()!":
            toks.append(c)
            i += 1
        elif text.startswith("&&", i) or text.startswith("||", i):
            toks.append(text[i:i + 2])
            i += 2
        elif c == '"':
            j = text.index('"', i + 1)
            toks.append(("str", text[i + 1:j]))
            i = j + 1
        else:
            j = i
            while j < len(text) and (text[j].isalpha() or text[j] == "-"):
                j += 1
            toks.append(text[i:j])
            i = j
    pos = [0]

    def peek():
        return toks[pos[0]] if pos[0] < len(toks) else None

    def take():
        pos[0] += 1
        return toks[pos[0] - 1]

    def primary():
        t = take()
        if t == "!":
            return ("not", primary())
        if t == "(":
            e = orexpr()
            assert take() == ")"
            return e
        if t in ("any", "unique"):
            return _atom(t, take()[1])
        assert isinstance(t, tuple), text
        return _atom("path", t[1])

    def andexpr():
        e = primary()
        while peek() == "&&":
            take()
            e = ("and", e, primary())
        return e

    def orexpr():
        e = andexpr()
        while peek() == "||":
            take()
            e = ("or", e, andexpr())
        return e

    e = orexpr()
    assert peek() is None, text
    return e


def _atom(kind, text):
    words = text.split()
    up = 0
    while words and words[0] == "..":
        up += 1
        words = words[1:]
    return ("atom", kind, up, tuple(words), text)


def atoms(e):
    if e[0] == "atom":
        return [e]
    return [a for sub in e[1:] for a in atoms(sub)]


def eval_expr(e, value_of):
    if e[0] == "atom":
        return value_of(e)
    if e[0] == "not":
        return not eval_expr(e[1], value_of)
    if e[0] == "and":
        return eval_expr(e[1], value_of) and eval_expr(e[2], value_of)
    return eval_expr(e[1], value_of) or eval_expr(e[2], value_of)


# ---------------------------------------------------------------------------------
# evaluation on the model


def self_value(node, carrier):
    if "key" in carrier.flags or carrier.kind == "list":
        return node.id
    if carrier.kind in ("leaf", "leaf-list"):
        return node.id
    return None


def substitute(words, selfv):
    out = []
    for w in words:
        if w == "$$":
            if selfv is None:
                return None
            out.append(w.replace("$$", selfv))
        elif w == "$$-IFL":
            if not selfv:
                return None
            ifd, dot, unit = selfv.rpartition(".")
            if not dot:
                ifd, unit = selfv, "0"
            if not ifd or not unit:
                return None
            out += [ifd, "unit", unit]
        else:
            out.append(w)
    return out


def start_of(node, carrier, up):
    """(config node, pending schema) where a relative path starts, or None."""
    n = node
    if "key" in carrier.flags:
        steps = up - 1
    elif carrier.kind == "leaf-list":
        if up == 1:
            return (node.parent, carrier)
        n, steps = node.parent, up - 2
    else:
        steps = up
    for _ in range(steps):
        n = n.parent
        if n is None:
            return None
    return (n, None)


def matches(start, words):
    """All config nodes the words lead to from (node, pending)."""
    out = []

    def rec(n, pending, ws):
        if not ws:
            if pending is None:
                out.append(n)
            elif "key" in pending.flags:
                out.append(n)
            else:
                out.extend(n.all_of(pending))
            return
        w = ws[0]
        if pending is None:
            s = n.schema.child(w) if w != "<*>" else None
            if s is None:
                kl = next((c for c in n.schema.children
                           if c.kind == "list" and "nokeyword" in c.flags), None)
                if kl is not None:
                    rec(n, kl, ws)
                return
            if s.kind == "container":
                c = n.find(s)
                if c is not None:
                    rec(c, None, ws[1:])
                return
            rec(n, s, ws[1:])
            return
        if pending.kind == "list":
            for c in n.all_of(pending):
                if w == "<*>" or c.id == w:
                    rec(c, None, ws[1:])
            return
        if len(ws) > 1:
            return
        if "key" in pending.flags:
            if w == "<*>" or w == n.id:
                out.append(n)
            return
        for c in n.all_of(pending):
            if c.id is not None and (w == "<*>" or c.id == w):
                out.append(c)

    rec(start[0], start[1], list(words))
    return out


def root_of(n):
    while n.parent is not None:
        n = n.parent
    return n


def eval_atom(atom, node, carrier):
    _, kind, up, words, _ = atom
    ws = substitute(words, self_value(node, carrier))
    if ws is None:
        return False
    start = (root_of(node), None) if up == 0 else start_of(node, carrier, up)
    if start is None:
        return False
    m = matches(start, ws)
    if kind == "unique":
        return all(x is node for x in m)
    return bool(m)


def eval_must(expr, node, carrier):
    return eval_expr(parse_expr(expr), lambda a: eval_atom(a, node, carrier))


def carriers_of(n):
    """(carrier schema, musts) pairs checked at config node n, in order."""
    s = n.schema
    out = []
    if s.musts:
        out.append(s)
    if s.kind == "list" and s.key.musts:
        out.append(s.key)
    return out


def block(parent, stmt, message):
    pw = parent.path_words() if parent is not None else []
    head = "[edit %s]" % " ".join(pw) if pw else "[edit]"
    return "%s\n  '%s'\n    %s\n" % (head, stmt, message)


def validate(root):
    """[(config node, carrier, expr, message, text)] in display order."""
    errs = []

    def visit(n):
        if "root-children" in n.schema.flags:
            return
        for carrier in carriers_of(n):
            for expr, msg in carrier.musts:
                if not eval_must(expr, n, carrier):
                    errs.append((n, carrier, expr, msg,
                                 block(n.parent, " ".join(n.words()), msg)))
        if n.schema.kind in ("root", "container", "list"):
            for c in n.schema.children:
                if "mandatory" in c.flags and "key" not in c.flags and not n.all_of(c):
                    errs.append((n, c, None, None, block(
                        n.parent, " ".join(n.words()),
                        "Missing mandatory statement: '%s'" % c.name)))
            runs = {}
            for c in n.children:
                runs[c.schema] = runs.get(c.schema, 0) + 1
            for s, k in runs.items():
                if s.max_elements and k > s.max_elements:
                    pw = n.path_words()
                    errs.append((n, s, None, None, "%s\n  '%s'\n    %s\n" % (
                        "[edit %s]" % " ".join(pw) if pw else "[edit]", s.name,
                        "Number of elements exceeds limit of %d" % s.max_elements)))
            for c in list(n.children):
                visit(c)

    visit(root)
    return errs


# ---------------------------------------------------------------------------------
# building cases


@dataclass
class Case:
    id: str                 # "<schema path of the carrier> #<n>": unique
    carrier: str            # schema path of the statement carrying the rule
    expr: str
    message: str
    lines: list             # set lines, applied to an empty configuration
    edit: str               # "[edit ...]" of the rule's block
    statement: str          # "'ike-gateway gateway1'"
    block: str              # the rule's 3-line block
    expected: str           # everything commit prints, failure line included
    other_blocks: int = 0   # blocks of other rules the case could not avoid
    note: str = ""


@dataclass
class Unreachable:
    carrier: str
    expr: str
    message: str
    reason: str


@dataclass
class _Gen:
    root_schema: SNode
    namer: Namer = field(default_factory=Namer)


def _instantiate(gen, s, given=None):
    """Set-line words creating schema node s (value given for s itself)."""
    chain = []
    n = s
    while n.kind != "root":
        chain.append(n)
        n = n.parent
    words = []
    for c in reversed(chain):
        if c.kind == "container":
            words.append(c.name)
        elif c.kind == "list":
            key = given if (c is s and given is not None) else gen.namer.fresh(c.key)
            words += [key] if "nokeyword" in c.flags else [c.name, key]
        else:
            v = given if given is not None else gen.namer.fresh(c)
            if "nokeyword" in c.flags:
                words.append(v)
            else:
                words += [c.name] + ([] if v is None else [v])
    return words


def _realize(gen, atom, node, carrier, make_true, lines_root):
    """Set lines making a path atom true (or a unique atom false); None if impossible."""
    _, kind, up, words, _ = atom
    ws = substitute(words, self_value(node, carrier))
    if ws is None:
        return None
    if kind == "unique":
        if make_true:
            return None
    if up == 0:
        cnode, pending = lines_root, None
    else:
        st = start_of(node, carrier, up)
        if st is None:
            return None
        cnode, pending = st
    prefix = cnode.path_words()
    s = cnode.schema
    out = list(prefix)
    i = 0
    while i < len(ws):
        w = ws[i]
        if pending is None:
            c = s.child(w) if w != "<*>" else None
            if c is None:
                kl = next((x for x in s.children
                           if x.kind == "list" and "nokeyword" in x.flags), None)
                if kl is None:
                    return None
                pending = kl
                continue
            i += 1
            if c.kind == "container":
                out.append(c.name)
                s = c
                continue
            pending = c
            continue
        p = pending
        if p.kind == "list":
            key = gen.namer.fresh(p.key) if w == "<*>" else w
            out += [key] if "nokeyword" in p.flags else [p.name, key]
            s, pending = p, None
            i += 1
            continue
        if i != len(ws) - 1:
            return None
        v = gen.namer.fresh(p) if w == "<*>" else w
        if "key" in p.flags:
            return None
        out += [v] if "nokeyword" in p.flags else [p.name, v]
        pending = None
        i += 1
        s = None
    if pending is not None:
        if "key" in pending.flags:
            pass
        elif pending.kind == "list":
            k = gen.namer.fresh(pending.key)
            out += [k] if "nokeyword" in pending.flags else [pending.name, k]
        else:
            v = gen.namer.fresh(pending)
            if "nokeyword" in pending.flags:
                out.append(v)
            else:
                out += [pending.name] + ([] if v is None else [v])
    if not out:
        return None
    if kind == "unique":
        # a second match: the same path with every <*> a fresh entry
        return [set_line(out)] if "<*>" in words else None
    return [set_line(out)]


def _locate(root, carrier_path_words, carrier):
    """The config node of the carrier after building (by its path words)."""
    for n in _walk_config(root):
        s = n.schema
        if (s is carrier or (s.kind == "list" and s.key is carrier)) and \
                n.path_words() == carrier_path_words:
            return n
    return None


def _walk_config(n):
    yield n
    for c in n.children:
        yield from _walk_config(c)


def _assignments(atom_list):
    """Truth assignments, fewest true atoms first."""
    k = len(atom_list)
    for ntrue in range(k + 1):
        for trues in itertools.combinations(range(k), ntrue):
            yield {i: (i in trues) for i in range(k)}


def _try(gen, lines, want, expr, carrier, cpath):
    """Lines making expr evaluate to `want` at the carrier, or None."""
    e = parse_expr(expr)
    al = list(dict.fromkeys(atoms(e)))     # one truth value per distinct path
    root = build(lines, gen.root_schema)
    node = _locate(root, cpath, carrier)
    if node is None:
        return None
    for asg in _assignments(al):
        if eval_expr(e, lambda a, asg=asg: asg[al.index(a)]) != want:
            continue
        extra = []
        ok = True
        for i, a in enumerate(al):
            current = eval_atom(a, node, carrier)
            desired = asg[i]
            if a[1] == "unique":
                if current == desired:
                    continue
                if desired:
                    ok = False
                    break
                add = _realize(gen, a, node, carrier, False, root)
            else:
                if current == desired:
                    continue
                if not desired:
                    ok = False      # removing is not how a case is built
                    break
                add = _realize(gen, a, node, carrier, True, root)
            if add is None:
                ok = False
                break
            extra += add
        if not ok:
            continue
        try:
            r2 = build(lines + extra, gen.root_schema)
        except ValueError:
            continue
        n2 = _locate(r2, cpath, carrier)
        if n2 is not None and eval_must(expr, n2, carrier) == want:
            return lines + extra
    return None


def _make_case(gen, carrier, owner, idx, expr, msg):
    # the statement: a leaf gets a value, a list entry a key, a container nothing
    cpath = _instantiate(gen, owner)
    lines = _try(gen, [set_line(cpath)], False, expr, carrier, cpath)
    if lines is None:
        return None
    # satisfy the other rules the configuration breaks, when possible
    for _ in range(8):
        root = build(lines, gen.root_schema)
        errs = validate(root)
        target = [e for e in errs if e[2] == expr and e[1] is carrier and
                  e[0].path_words() == cpath]
        others = [e for e in errs if e not in target and e[2] is not None]
        if not target:
            return None
        fixed = False
        for e in others:
            n, c, oexpr, _, _ = e
            more = _try(gen, lines, True, oexpr, c, n.path_words())
            if more is not None:
                r2 = build(more, gen.root_schema)
                if any(x[2] == expr and x[1] is carrier and x[0].path_words() == cpath
                       for x in validate(r2)):
                    lines = more
                    fixed = True
                    break
        if not fixed:
            break
    root = build(lines, gen.root_schema)
    errs = validate(root)
    mine = [e for e in errs if e[2] == expr and e[1] is carrier and
            e[0].path_words() == cpath]
    if not mine:
        return None
    text = mine[0][4]
    head, stmt, _ = text.split("\n", 2)
    return Case(
        id="%s #%d" % (carrier.path(), idx), carrier=carrier.path(), expr=expr,
        message=msg, lines=lines, edit=head, statement=stmt.strip(), block=text,
        expected="".join(e[4] for e in errs) + FAILED + "\n",
        other_blocks=len(errs) - 1)


def _unreachable_reason(gen, carrier, expr):
    missing = []
    for a in atoms(parse_expr(expr)):
        words = [w for w in a[3] if not w.startswith("$$") and w != "<*>"]
        if not words:
            continue
        if not _path_in_schema(gen.root_schema, carrier, a):
            missing.append(a[4])
    if missing:
        return ("its only violations need paths that name statements routemu's schema "
                "does not have (always false here): " + ", ".join(
                    '"%s"' % m for m in missing))
    return "no configuration found that violates it"


def _path_in_schema(root, carrier, atom):
    """Whether the statement names of the path exist in the schema."""
    _, _, up, words, _ = atom
    if up == 0:
        s = root
    else:
        s = carrier
        steps = up if carrier.kind != "leaf-list" else up - 1
        if "key" in carrier.flags:
            s = carrier.parent
            steps = up - 1
        for _ in range(steps):
            if s is None:
                return False
            s = s.parent
        if s is None:
            return False
    pending = None
    ws = list(substitute(words, "ge-0/0/0.0") or [])
    i = 0
    while i < len(ws):
        w = ws[i]
        if pending is None:
            c = s.child(w) if w != "<*>" else None
            if c is None:
                kl = next((x for x in s.children
                           if x.kind == "list" and "nokeyword" in x.flags), None)
                if kl is None:
                    return False
                pending = kl
                continue
            if c.kind == "container":
                s = c
            else:
                pending = c
            i += 1
            continue
        if pending.kind == "list":
            s, pending = pending, None
        else:
            return i == len(ws) - 1
        i += 1
    return True


_CACHE = {}


def _generate(schema_dir=None):
    key = os.path.abspath(schema_dir or DEFAULT_SCHEMA)
    if key in _CACHE:
        return _CACHE[key]
    root = load_schema(schema_dir)
    found, unreachable = [], []
    for s in walk_schema(root):
        owner = s.parent if "key" in s.flags else s
        for i, (expr, msg) in enumerate(s.musts):
            gen = _Gen(root)
            override = OVERRIDES.get((s.path(), expr))
            if override is not None:
                case = _override_case(gen, s, i, expr, msg, override)
            else:
                case = _make_case(gen, s, owner, i, expr, msg)
            if case is None:
                unreachable.append(Unreachable(s.path(), expr, msg,
                                               _unreachable_reason(gen, s, expr)))
            else:
                case.note = NOTES.get((s.path(), expr), "")
                if not case.note and _always_violated(root, s, owner, expr):
                    case.note = ("always violated once the statement is configured: "
                                 + _unreachable_reason(gen, s, expr).split(": ", 1)[-1])
                found.append(case)
    _CACHE[key] = (found, unreachable)
    return _CACHE[key]


def _always_violated(root, carrier, owner, expr):
    gen = _Gen(root)
    words = _instantiate(gen, owner)
    return _try(gen, [set_line(words)], True, expr, carrier, words) is None


def _override_case(gen, s, idx, expr, msg, lines):
    root = build(lines, gen.root_schema)
    errs = validate(root)
    mine = [e for e in errs if e[2] == expr and e[1] is s]
    if not mine:
        raise ValueError("override for %s does not violate it" % s.path())
    head, stmt, _ = mine[0][4].split("\n", 2)
    return Case(id="%s #%d" % (s.path(), idx), carrier=s.path(), expr=expr, message=msg,
                lines=list(lines), edit=head, statement=stmt.strip(), block=mine[0][4],
                expected="".join(e[4] for e in errs) + FAILED + "\n",
                other_blocks=len(errs) - 1)


# Hand-written configurations, where the derivation would not find the clearest one:
# {(carrier schema path, expr): [set lines]}.
OVERRIDES = {}

# Remarks shown with a case: {(carrier schema path, expr): text}.
NOTES = {
}


def __getattr__(name):
    """must_cases.CASES / must_cases.UNREACHABLE: the default schema's, built on use."""
    if name == "CASES":
        return cases()
    if name == "UNREACHABLE":
        return unreachable()
    raise AttributeError(name)


def cases(schema_dir=None):
    return _generate(schema_dir)[0]


def unreachable(schema_dir=None):
    return _generate(schema_dir)[1]


# ---------------------------------------------------------------------------------
# self-check


def _check(driver, schema_dir=None):
    bad = 0
    cs = cases(schema_dir)
    for c in cs:
        p = subprocess.run([driver, os.path.abspath(schema_dir or DEFAULT_SCHEMA)],
                           input="\n".join(c.lines) + "\n", capture_output=True, text=True)
        if p.stdout != c.expected or p.returncode != 1:
            bad += 1
            print("MISMATCH %s: %s" % (c.id, c.message))
            print("  lines:\n    " + "\n    ".join(c.lines))
            print("  expected:\n" + c.expected)
            print("  got (rc %d):\n%s%s" % (p.returncode, p.stdout, p.stderr))
    for u in unreachable(schema_dir):
        print("unreachable: %s: %s\n    %s" % (u.carrier, u.message, u.reason))
    multi = [c for c in cs if c.other_blocks]
    for c in multi:
        print("note: %s: %d other block(s)" % (c.id, c.other_blocks))
    print("%d cases, %d unreachable, %d with other blocks, %d mismatches" % (
        len(cs), len(unreachable(schema_dir)), len(multi), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--driver", help="validate_driver binary: compare every case")
    ap.add_argument("--schema", help="schema directory")
    ap.add_argument("--list", action="store_true", help="print every case")
    args = ap.parse_args()
    if args.list or not args.driver:
        for c in cases(args.schema):
            print("== %s\n%s\n--\n%s" % (c.id, "\n".join(c.lines), c.expected))
        for u in unreachable(args.schema):
            print("== UNREACHABLE %s: %s\n   %s" % (u.carrier, u.message, u.reason))
    if args.driver:
        sys.exit(_check(args.driver, args.schema))
