"""routemu's schema (schema/*.xml) against the reference YANG (shared/reference/junos-yang).

For every subtree the schema takes from the reference (the yang2schema regions), each
statement of the YANG must be in the schema, with the same kind, place (choice and case),
type, ranges, lengths, patterns and pattern messages, enumeration values, default, units,
flags, help text, and must expressions with their messages, or be listed in
schema/OMISSIONS with a reason. Statements the schema adds inside a generated subtree are
reported too. The comparison is written here, independently of tools/yang2schema.py: only
its YANG parser (statement tree, grouping expansion) is shared.

Also: the generated regions are up to date, the XML follows the format's rules, patterns
compile as POSIX EREs, the hand-written parts have what the issue asks for, and every line
of examples/gm1.set names existing statements with valid values.

Reference location: $ROUTEMU_SHARED/reference/junos-yang, else ../shared beside the
repository (CI has shared/ next to the clone).
"""

import copy
import fnmatch
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import yangref  # noqa: E402

sys.path.insert(0, str(yangref.REPO / "tools"))
import yang2schema  # noqa: E402

YANG_DIR = yangref.yang_dir()
if not YANG_DIR.is_dir():
    if os.environ.get("ROUTEMU_SHARED"):
        raise RuntimeError("ROUTEMU_SHARED is set but %s does not exist" % YANG_DIR)
    pytest.skip("reference YANG not found at %s (set ROUTEMU_SHARED)" % YANG_DIR,
        allow_module_level=True)

# What issue 2 asks the schema to take from the reference: (file, from, at).
REQUIRED_REGIONS = [
    ("conf-security-group-vpn.yang", "grouping security-group-vpn", "security group-vpn"),
    ("conf-security-group-vpn-srx.yang", "grouping security-group-vpn/server",
        "security group-vpn"),
    ("conf-services-service-set.yang", "service-set", "services"),
    ("conf-routing-options-static.yang", "static", "routing-options"),
    ("conf-routing-options-static.yang", "static", "routing-instances instance routing-options"),
    ("conf-interfaces-family-inet-service.yang", "service",
        "interfaces interface unit family inet"),
]

# Statements that must survive in the covered subtrees whatever OMISSIONS says.
MUST_KEEP = [
    "security group-vpn member ike proposal",
    "security group-vpn member ike policy pre-shared-key ascii-text",
    "security group-vpn member ike gateway server-address",
    "security group-vpn member ike gateway local-address",
    "security group-vpn member ipsec vpn group",
    "security group-vpn server group ipsec-sa match-policy",
    "services service-set interface-service service-interface",
    "services service-set next-hop-service inside-service-interface",
    "services service-set next-hop-service outside-service-interface",
    "services service-set ipsec-group-vpn",
    "routing-options static defaults",
    "routing-options static route next-hop",
    "routing-options static route discard",
    "routing-options static route reject",
    "routing-options static route receive",
    "routing-options static route preference",
    "routing-options static route metric",
    "routing-options static route tag",
    "routing-options static route no-readvertise",
    "routing-instances instance routing-options static route next-hop",
    "interfaces interface unit family inet service input service-set service-filter",
    "interfaces interface unit family inet service output service-set service-filter",
]

# The schema's names for the YANG types: written out here rather than imported from the
# generator, so that a wrong mapping there shows up as a difference here.
JT = {
    "jt:ipv4addr": ["ipv4addr"], "jt:ipv4prefix": ["ipv4prefix"],
    "jt:ipv4prefix-only": ["ipv4prefix"], "jt:ipv4prefix-mandatory": ["ipv4prefix"],
    "jt:ipaddr": ["ipaddr"], "jt:ipprefix": ["ipprefix"],
    "jt:interface-name": ["interface-name"], "jt:interface-unit": ["interface-name"],
    "jt:ipaddr-or-interface": ["ipaddr", "interface-name"],
}


# ---------------------------------------------------------------------------------------
# Fixtures


@pytest.fixture(scope="module")
def schema():
    return yangref.load_schema()


@pytest.fixture(scope="module")
def omissions():
    return yang2schema.read_omissions(str(yangref.SCHEMA_DIR / "OMISSIONS"))


_modules = {}


def module(name):
    if name not in _modules:
        _modules[name] = yang2schema.Module(str(YANG_DIR / name))
    return _modules[name]


def regions():
    out = []
    for f in yangref.schema_files():
        for r, _b, _e in yang2schema.find_regions(f.name, f.read_text(encoding="utf-8")):
            out.append(r)
    return out


# ---------------------------------------------------------------------------------------
# The comparison


class Checker:
    def __init__(self, omissions):
        self.omissions = omissions
        self.problems = []
        self.checked = 0
        self.seen_paths = set()
        self.used_patterns = set()

    def omitted(self, path):
        """Whether path or one of its ancestors matches an OMISSIONS pattern."""
        words = path.split()
        for n in range(1, len(words) + 1):
            prefix = " ".join(words[:n])
            for pat, reason in self.omissions:
                if fnmatch.fnmatchcase(prefix, pat) and reason.strip():
                    self.used_patterns.add(pat)
                    return True
        return False

    def bad(self, path, what):
        self.problems.append("%s: %s" % (path, what))

    # -- types ---------------------------------------------------------------------

    def yang_type(self, ty):
        """The type as comparable data: (name, range, length, patterns, enums, members)."""
        name = ty.arg
        if name in JT:
            names = JT[name]
        elif name.startswith("jt:"):
            names = ["string"]
        else:
            names = [name]
        if len(names) > 1:
            return ("union", None, None, (), (),
                tuple((n, None, None, (), (), ()) for n in names))
        # YANG patterns are kept as written (yang=), junos:posix-pattern in posix=.
        pats = [("yang", p.arg, None) for p in ty.all("pattern")]
        cur = None
        for s in ty.subs:
            if s.kw == "junos:posix-pattern":
                cur = ["posix", s.arg, None]
                pats.append(cur)
            elif s.kw == "junos:pattern-message":
                cur[2] = s.arg
        pats = tuple(tuple(p) for p in pats)
        rng = ty.one("range")
        ln = ty.one("length")
        enums = tuple((e.arg, e.one("description").arg if e.one("description") else None)
            for e in ty.all("enum"))
        members = ()
        if names[0] == "union":
            ms = []
            for m in ty.all("type"):
                t = self.yang_type(m)
                ms.extend(t[5] if t[0] == "union" else [t])
            members = tuple(ms)
        return (names[0], "".join(rng.arg.split()) if rng else None,
            "".join(ln.arg.split()) if ln else None, pats, enums, members)

    def xml_type(self, e, attr="type"):
        pats = tuple(("yang", p.get("yang"), p.get("message")) if p.get("yang") is not None
            else ("posix", p.get("posix"), p.get("message")) for p in e.findall("pattern"))
        enums = tuple((x.get("name"), x.get("help")) for x in e.findall("enum"))
        members = tuple(self.xml_type(m, "name") for m in e.findall("type"))
        return (e.get(attr), e.get("range"), e.get("length"), pats, enums, members)

    # -- musts ---------------------------------------------------------------------

    @staticmethod
    def yang_musts(st):
        out = []
        for s in st.subs:
            if s.kw == "junos:must":
                out.append([s.arg, None])
            elif s.kw == "junos:must-message":
                out[-1][1] = s.arg
        return [tuple(m) for m in out]

    def expected_musts(self, st, path):
        musts = self.yang_musts(st)
        ty = st.one("type")
        if ty is not None and ty.arg == "enumeration":
            per = [self.yang_musts(e) for e in ty.all("enum")]
            if any(per):
                # Written once on the leaf when every value carries the same musts.
                if all(p == per[0] for p in per):
                    musts += per[0]
                else:
                    self.bad(path, "enum values with different musts")
        return musts

    # -- nodes ---------------------------------------------------------------------

    def compare_node(self, st, x, path, is_key=False):
        self.checked += 1
        if x.tag != st.kw:
            self.bad(path, "is <%s> in the schema, %s in the reference" % (x.tag, st.kw))
            return
        d = st.one("description")
        if x.get("help") != (d.arg if d else None):
            self.bad(path, "help %r, reference %r" % (x.get("help"), d.arg if d else None))
        feats = {f.arg for f in st.all("junos:cli-feature")}
        oneliner = bool(feats & {"oneliner", "oneliner-plus"})
        if (x.get("oneliner") == "true") != oneliner:
            self.bad(path, "oneliner differs")
        want_nokw = "nokeyword" in feats and not is_key
        if (x.get("nokeyword") == "true") != want_nokw:
            self.bad(path, "nokeyword differs (keys never carry it)")
        want = [(m.get("expr"), m.get("message")) for m in x.findall("must")]
        if want != self.expected_musts(st, path):
            self.bad(path, "musts %r, reference %r" % (want, self.expected_musts(st, path)))
        if st.kw in ("list", "leaf-list"):
            ob = st.one("ordered-by")
            if (x.get("ordered-by") == "user") != (ob is not None and ob.arg == "user"):
                self.bad(path, "ordered-by differs")
            me = st.one("max-elements")
            if x.get("max-elements") != (me.arg if me else None):
                self.bad(path, "max-elements %r, reference %r" %
                    (x.get("max-elements"), me.arg if me else None))
        if st.kw == "container":
            if (x.get("presence") == "true") != (st.one("presence") is not None):
                self.bad(path, "presence differs")
            self.compare_children(st.subs, x, path, strict=True)
        elif st.kw == "list":
            key = st.one("key").arg
            first = next((c for c in x if c.tag in yangref.DATA_TAGS), None)
            if x.get("key") != key or first is None or first.get("name") != key:
                self.bad(path, "key must be %r and its leaf the first child" % key)
            self.compare_children(st.subs, x, path, strict=True, key=key)
        else:
            ty = st.one("type")
            if self.xml_type(x) != self.yang_type(ty):
                self.bad(path, "type %r, reference %r" %
                    (self.xml_type(x), self.yang_type(ty)))
            for kw in ("default", "units"):
                s = st.one(kw)
                if x.get(kw) != (s.arg if s else None):
                    self.bad(path, "%s %r, reference %r" % (kw, x.get(kw), s.arg if s else None))
            m = st.one("mandatory")
            if (x.get("mandatory") == "true") != (m is not None and m.arg == "true"):
                self.bad(path, "mandatory differs")

    def compare_children(self, stmts, xparent, path, strict, key=None):
        """Every YANG statement of stmts is under xparent (or omitted); with strict, every
        statement under xparent comes from stmts."""
        xkids = {c.get("name"): (c, ch, ca) for c, ch, ca in yangref.data_children(xparent)}
        has_aa = any(c.tag == "apply-advanced" for c in xparent)
        matched = set()

        def walk(sts, choice, case):
            for st in sts:
                if st.kw == "uses":
                    p = path + " apply-macro"
                    self.seen_paths.add(p)
                    if not self.omitted(p):
                        self.bad(p, "not in the schema format and not in OMISSIONS")
                    if not has_aa:
                        self.bad(path, "<apply-advanced/> missing")
                    matched.update(("apply-groups", "apply-groups-except"))
                    self.checked += 1
                elif st.kw == "choice":
                    if all(s.kw in yangref.DATA_TAGS or s.kw == "uses" for s in st.subs):
                        for s in st.subs:        # shorthand: each node its own case
                            walk([s], st.arg, s.arg)
                    else:
                        for cs in st.subs:
                            if cs.kw == "case":
                                walk(cs.subs, st.arg, cs.arg)
                elif st.kw in yangref.DATA_TAGS:
                    p = path + " " + st.arg
                    self.seen_paths.add(p)
                    if self.omitted(p):
                        if st.arg in xkids:
                            self.bad(p, "in the schema but listed in OMISSIONS")
                        continue
                    if st.arg not in xkids:
                        self.bad(p, "missing from the schema (and not in OMISSIONS)")
                        continue
                    x, xc, xk = xkids[st.arg]
                    matched.add(st.arg)
                    if (xc, xk) != (choice, case):
                        self.bad(p, "in choice/case %r, reference %r" %
                            ((xc, xk), (choice, case)))
                    self.compare_node(st, x, p, is_key=(st.arg == key))

        walk(stmts, None, None)
        if strict:
            for name in xkids:
                if name not in matched:
                    self.bad(path + " " + name, "in the schema, not in the reference")

    def compare_region(self, schema, mod, frm, at):
        parent = yangref.find_path(schema, at) if at else schema
        if parent is None:
            self.bad(at, "region parent not found in the schema")
            return
        # Hand-written siblings may share the region's parent: not strict at this level.
        self.compare_children(mod.select(frm), parent, at, strict=False)


def check_all(schema, omissions):
    c = Checker(omissions)
    for f, frm, at in REQUIRED_REGIONS:
        c.compare_region(schema, module(f), frm, at)
    return c


# ---------------------------------------------------------------------------------------
# Tests


def test_required_regions_present():
    have = {(r.file, r.frm, r.at) for r in regions()}
    for req in REQUIRED_REGIONS:
        assert req in have, "schema has no yang2schema region for %r" % (req,)


def test_schema_matches_reference(schema, omissions):
    c = check_all(schema, omissions)
    assert not c.problems, "\n".join(c.problems)
    # Not vacuous: the covered subtrees have hundreds of statements.
    assert c.checked > 400, c.checked


def test_must_keep_statements(schema):
    for p in MUST_KEEP:
        assert yangref.find_path(schema, p) is not None, p


def test_omissions_are_used_and_explained(schema, omissions):
    c = check_all(schema, omissions)
    for pat, reason in omissions:
        assert reason and len(reason) > 10, "no real reason for %s" % pat
        assert pat in c.used_patterns, "OMISSIONS pattern matches no statement: %s" % pat
    # And they do not remove the statements the issue requires.
    for p in MUST_KEEP:
        assert not c.omitted(p), "%s is required but omitted" % p


def test_every_must_and_pattern_message_survives(schema):
    """Each junos:must-message and junos:pattern-message of the kept reference statements
    is somewhere in the schema, byte for byte after XML unescaping."""
    msgs = {m.get("message") for m in schema.iter("must")}
    msgs |= {p.get("message") for p in schema.iter("pattern")}
    exprs = {m.get("expr") for m in schema.iter("must")}
    c = Checker(yang2schema.read_omissions(str(yangref.SCHEMA_DIR / "OMISSIONS")))
    for f, frm, at in REQUIRED_REGIONS:
        def walk(sts, path):
            for st in sts:
                if st.kw in ("choice", "case"):
                    walk(st.subs, path)
                    continue
                if st.kw not in yangref.DATA_TAGS:
                    continue
                p = path + " " + st.arg
                if c.omitted(p):
                    continue
                for s in st.subs:
                    if s.kw == "junos:must-message":
                        assert s.arg in msgs, (p, s.arg)
                    if s.kw == "junos:must":
                        assert s.arg in exprs, (p, s.arg)
                ty = st.one("type")
                for t in ([ty] + ty.all("type") + ty.all("enum")) if ty else []:
                    for s in t.subs:
                        if s.kw in ("junos:pattern-message", "junos:must-message"):
                            assert s.arg in msgs, (p, s.arg)
                walk(st.subs, p)
        walk(module(f).select(frm), at)


def _mutate(schema, path, fn):
    s = copy.deepcopy(schema)
    fn(yangref.find_path(s, path), s)
    return s


def _move_first_child(x, pos):
    first = x[0]
    x.remove(first)
    x.insert(pos, first)


def _leaf_type_member(x, name):
    return next(m for m in x.findall("type") if m.get("name") == name)


MUTATIONS = {
    "range": ("security group-vpn member ike proposal lifetime-seconds",
        lambda x, s: _leaf_type_member(x, "uint32").set("range", "180..86401")),
    "length": ("security group-vpn member ike policy pre-shared-key ascii-text",
        lambda x, s: x.set("length", "1..256")),
    "default": ("security group-vpn member ipsec vpn df-bit",
        lambda x, s: x.set("default", "copy")),
    "must message": ("services service-set ipsec-group-vpn",
        lambda x, s: x.findall("must")[4].set("message", "Group VPN supported on interface-style service-set")),
    "must expr": ("security group-vpn member ike gateway local-address",
        lambda x, s: x.find("must").set("expr", x.find("must").get("expr").replace("any ", ""))),
    "must dropped": ("security group-vpn server ike gateway ike-policy",
        lambda x, s: x.remove(x.findall("must")[0])),
    "pattern message": ("services service-set name",
        lambda x, s: x.find("pattern").set("message", "Must be a string")),
    "enum": ("security group-vpn member ike proposal dh-group",
        lambda x, s: x.remove(x.findall("enum")[3])),
    "help": ("routing-options static route discard",
        lambda x, s: x.set("help", "Drop packets")),
    "missing statement": ("security group-vpn member ike gateway",
        lambda x, s: x.remove(next(c for c in x if c.get("name") == "ike-policy"))),
    "extra statement": ("security group-vpn member ipsec vpn",
        lambda x, s: x.append(ET.Element("leaf", {"name": "anti-replay", "type": "empty"}))),
    "max-elements": ("security group-vpn member ike gateway server-address",
        lambda x, s: x.set("max-elements", "5")),
    "nokeyword": ("security group-vpn member ike traceoptions file filename",
        lambda x, s: x.attrib.pop("nokeyword")),
    "choice": ("routing-options static route",
        lambda x, s: next(c for c in x if c.tag == "choice" and c.get("name") == "next_hop")
        .set("name", "nh")),
    "key order": ("services service-set", lambda x, s: _move_first_child(x, 5)),
    "type": ("security group-vpn member ike gateway local-address",
        lambda x, s: x.set("type", "ipaddr")),
}


@pytest.mark.parametrize("what", sorted(MUTATIONS))
def test_comparison_catches(schema, omissions, what):
    """The comparison is not vacuous: a schema changed in one place fails it."""
    path, fn = MUTATIONS[what]
    c = check_all(_mutate(schema, path, fn), omissions)
    assert c.problems, "a changed %s went unnoticed" % what


def test_generated_regions_up_to_date():
    env = dict(os.environ, ROUTEMU_SHARED=str(yangref.shared_dir()))
    r = subprocess.run(["/usr/bin/python3", str(yangref.REPO / "tools" / "yang2schema.py"),
        "--check"], cwd=str(yangref.REPO), env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr


ELEMENTS = {
    "container": {"name", "help", "presence", "oneliner", "hidden"},
    "list": {"name", "key", "help", "ordered-by", "max-elements", "oneliner", "hidden",
        "nokeyword"},
    "leaf": {"name", "type", "help", "range", "length", "default", "units", "mandatory",
        "nokeyword", "oneliner", "secret", "hidden", "placeholder"},
    "leaf-list": {"name", "type", "help", "range", "length", "ordered-by", "max-elements",
        "nokeyword", "hidden", "placeholder"},
    "choice": {"name", "help"}, "case": {"name"}, "enum": {"name", "help"},
    "type": {"name", "range", "length"}, "pattern": {"posix", "yang", "message"},
    "must": {"expr", "message"}, "apply-advanced": set(), "root-children": set(),
}
TYPES = {"string", "empty", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32",
    "uint64", "enumeration", "union", "ipv4addr", "ipv4prefix", "ipaddr", "ipprefix",
    "interface-name"}


def test_format_rules():
    """The rules of schema/README.md, checked on every file."""
    for f in yangref.schema_files():
        root = yangref.strip_ns(ET.parse(f).getroot())
        assert root.tag == "schema"
        for e in root.iter():
            if e is root:
                continue
            assert e.tag in ELEMENTS, "%s: unknown element <%s>" % (f.name, e.tag)
            extra = set(e.attrib) - ELEMENTS[e.tag]
            assert not extra, "%s: <%s name=%r> has %s" % (f.name, e.tag, e.get("name"), extra)
            for flag in ("presence", "oneliner", "hidden", "mandatory", "nokeyword", "secret"):
                assert e.get(flag) in (None, "true"), (f.name, e.get("name"), flag)
            if e.get("ordered-by") is not None:
                assert e.get("ordered-by") == "user"
            if e.get("max-elements") is not None:
                assert int(e.get("max-elements")) > 0
            if e.tag in ("leaf", "leaf-list"):
                assert e.get("type") in TYPES, (f.name, e.get("name"), e.get("type"))
                if e.get("type") == "union":
                    assert len(e.findall("type")) >= 2, e.get("name")
                if e.get("type") == "enumeration":
                    assert e.findall("enum"), e.get("name")
            if e.tag == "type":
                assert e.get("name") in TYPES - {"union", "empty"}
            if e.tag == "list":
                first = next(c for c in e if c.tag in yangref.DATA_TAGS)
                assert first.tag == "leaf" and first.get("name") == e.get("key"), e.get("name")
                assert e.get("key") and " " not in e.get("key")
            if e.tag in ("container", "list"):
                # apply-groups print first (schema order), as Junos prints them
                kids = [c.tag for c in e if c.tag != "must"]
                if "apply-advanced" in kids:
                    assert kids.index("apply-advanced") == (1 if e.tag == "list" else 0), \
                        (f.name, e.get("name"))
            if e.get("placeholder") is not None:
                assert re.fullmatch(r"[a-z][a-z_-]*", e.get("placeholder")), e.get("name")
            for attr in ("range", "length"):
                if e.get(attr):
                    for lo, hi in yangref.ranges(e.get(attr)):
                        assert lo <= hi, (e.get("name"), e.get(attr))
            if e.tag == "pattern":
                assert (e.get("posix") is None) != (e.get("yang") is None), e.attrib
                p = yangref.pattern_regex(e)
                assert yangref.posix_compile_ok(p), p
            if e.tag == "must":
                assert e.get("expr") and e.get("message"), e.get("expr")


def test_libxml2_reads_the_same_text():
    """Messages and expressions survive XML escaping identically in libxml2 (what the
    loader uses, here through lxml) and in the standard library parser the checks use."""
    lxml = pytest.importorskip("lxml.etree")
    for f in yangref.schema_files():
        a = [(e.tag, sorted(e.attrib.items())) for e in ET.parse(f).getroot().iter()]
        b = [(e.tag, sorted(e.attrib.items())) for e in lxml.parse(str(f)).getroot().iter()
            if isinstance(e.tag, str)]
        assert a == b, f.name


def test_union_placeholder_pattern_is_anchored():
    # Junos's "<.*>|$.*" (XSD: whole value, $ literal) accepts only <...> and $... values.
    e = ET.Element("pattern", {"yang": "<.*>|$.*"})
    p = yangref.pattern_regex(e)
    assert yangref.posix_match(p, "<*>") and yangref.posix_match(p, "$junos-x")
    assert not yangref.posix_match(p, "10") and not yangref.posix_match(p, "a$")


def test_secrets(schema):
    for side in ("member", "server"):
        for leaf in ("ascii-text", "hexadecimal"):
            x = yangref.find_path(schema,
                "security group-vpn %s ike policy pre-shared-key %s" % (side, leaf))
            assert x is not None and x.get("secret") == "true", (side, leaf)
    assert sum(1 for e in schema.iter() if e.get("secret") == "true") == 4


def test_hand_written_parts(schema):
    f = yangref.find_path
    root_names = [c.get("name") for c, _a, _b in yangref.data_children(schema)]
    assert root_names[:3] == ["groups", "apply-groups", "apply-groups-except"]
    assert root_names.index("system") < root_names.index("services") < \
        root_names.index("security") < root_names.index("interfaces") < \
        root_names.index("routing-options") < root_names.index("routing-instances")
    groups = f(schema, "groups")
    assert groups.tag == "list" and groups.find("root-children") is not None
    assert f(schema, "system host-name").get("help") == "Hostname for this router"
    assert f(schema, "system syslog file any").get("type") == "enumeration"
    assert f(schema, "system syslog file daemon") is not None
    assert f(schema, "system services netconf ssh").get("presence") == "true"
    assert f(schema, "system services netconf ssh port").get("range") == "1..65535"
    # Junos's shape: a container holding a keyword-less list (`interfaces ge-0/0/0`,
    # <interfaces><interface><name>), with apply-groups at the container's level
    intf = f(schema, "interfaces")
    assert intf.tag == "container" and intf.get("help") == "Interface configuration"
    ifd = f(schema, "interfaces interface")
    assert ifd.tag == "list" and ifd.get("nokeyword") == "true" and ifd.get("key") == "name"
    assert ifd[0].get("type") == "interface-name" and ifd[0].get("help") == "Interface name"
    assert f(schema, "interfaces interface unit name").get("range") == "0..1073741823"
    assert f(schema, "interfaces interface unit vlan-id").get("range") == "1..4094"
    for p in ("description", "disable", "vlan-tagging", "unit description",
            "unit disable", "unit family inet address primary",
            "unit family inet address preferred",
            "unit family inet service input service-set service-filter"):
        assert f(schema, "interfaces interface " + p) is not None, p
    assert f(schema, "interfaces interface unit family inet").get("presence") == "true"
    assert f(schema, "interfaces interface unit family inet address name").get("type") == \
        "ipv4prefix"
    ri = f(schema, "routing-instances")
    assert ri.tag == "container" and ri.get("help") == "Routing instance configuration"
    inst = f(schema, "routing-instances instance")
    assert inst.tag == "list" and inst.get("nokeyword") == "true"
    assert inst[0].get("help") == "Routing instance name"
    # the `?` placeholders of the live captures: <instance_name>, <group_name>
    assert inst[0].get("placeholder") == "instance_name"
    assert groups[0].get("placeholder") == "group_name"
    types = [e.get("name") for e in f(schema,
        "routing-instances instance instance-type").findall("enum")]
    for t in ("virtual-router", "vrf", "forwarding", "no-forwarding"):
        assert t in types
    assert f(schema, "routing-instances instance interface name").get("type") == \
        "interface-name"
    # apply-advanced wherever Junos has it at these levels
    for p in ("system", "system syslog", "interfaces", "interfaces interface",
            "interfaces interface unit", "routing-options", "routing-instances",
            "routing-instances instance", "security", "services"):
        assert f(schema, p + " apply-groups") is not None, p
    # Keyword-less lists: only these two, each the one list of a container
    nokw = [e.get("name") for e in schema.iter() if e.tag == "list" and
        e.get("nokeyword") == "true"]
    assert sorted(nokw) == ["instance", "interface"]


def test_example_gm1_is_valid(schema):
    path = yangref.REPO / "examples" / "gm1.set"
    lines = [l for l in path.read_text(encoding="utf-8").splitlines()
        if l.strip() and not l.startswith("#")]
    assert len(lines) >= 25
    for line in lines:
        assert yangref.check_set_line(schema, line) is None, \
            "%s: %s" % (line, yangref.check_set_line(schema, line))
    # The pre-shared key is the documented one (examples/README.md), $9$-encoded.
    psk = [yangref.set_tokens(l)[-1] for l in lines if "pre-shared-key ascii-text" in l]
    assert [yangref.junos9_decode(k) for k in psk] == ["mekmitasdigoat"]


def test_example_gm1_keeps_the_seed_lines():
    seed = (yangref.shared_dir() / "reference" / "seed-gvpnv2-mx-example.md").read_text(
        encoding="utf-8")
    block = seed.split("The surviving part of GM1's quick configuration")[1]
    block = block.split("```")[1]
    want = [l for l in block.splitlines() if l.startswith("set ") and "..." not in l]
    have = (yangref.REPO / "examples" / "gm1.set").read_text(encoding="utf-8").splitlines()
    assert len(want) == 12
    for l in want:
        assert l in have, l


def test_set_checker_rejects_bad_lines(schema):
    bad = [
        "set interfaces ge-0/1/9 unit 1 vlan-id 4095",
        "set interfaces ge-0/1/9 unit 1073741824",
        "set security group-vpn member ike proposal p1 dh-group group3",
        "set security group-vpn member ike gateway g1 server-address 300.1.1.1",
        "set security group-vpn member ipsec vpn v1 group 0",
        "set services service-set -bad interface-service service-interface ms-4/0/0.1",
        "set system host-name gm 1",
        "set routing-options static route 192.0.2.0/24 next-hop",
        "set routing-options static rout 192.0.2.0/24 discard",
        "set system syslog file a/b any notice",
    ]
    for l in bad:
        assert yangref.check_set_line(schema, l) is not None, l


def test_junos9_roundtrip():
    for s in ("mekmitasdigoat", "a", "The quick brown fox 0123456789 !#%"):
        assert yangref.junos9_decode(yangref.junos9_encode(s)) == s
        assert yangref.junos9_decode(yangref.junos9_encode(s, "Q", "abc")) == s
