#!/usr/bin/env python3
"""Benchmark: `load set` of a 100 000-line configuration plus `commit`, then one `set` plus
`commit check` on top of it, and the memory mgd holds. mgd is pinned to one core.

    ROUTEMU_BUILDDIR=build/default /usr/bin/python3 bench/config_commit.py [--lines N] [--repeat R]

The configuration: GM1's example plus N-28 statements split between static routes (one
100 000-entry-scale list) and interfaces with units and descriptions (deep nesting).
Results are printed as a Markdown table row; bench/README.md records them.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "system"))

from ncclient_unix import Mgd, repo_root  # noqa: E402


def big_config(n):
    lines = [l.strip() for l in open(os.path.join(repo_root(), "examples", "gm1.set"))
             if l.startswith("set ")]
    i = 0
    while len(lines) < n:
        if i % 2 == 0:
            r = i // 2
            lines.append("set routing-options static route 10.%d.%d.%d/32 next-hop 198.51.100.2"
                         % (r >> 16 & 255, r >> 8 & 255, r & 255))
        else:
            u = i // 2
            p = u // 40
            lines.append('set interfaces ge-%d/%d/%d unit %d description "customer %d"'
                         % (p // 100, p // 10 % 10, p % 10, u % 40, u))
        i += 1
    return "\n".join(lines[:n]) + "\n"


def rss_kib(pid):
    vals = {}
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            k, _, v = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                vals[k] = int(v.split()[0])
    return vals


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=20)
    args = ap.parse_args()
    text = big_config(args.lines)
    with tempfile.TemporaryDirectory() as d:
        mgd = Mgd(os.path.join(d, "r1")).start()
        subprocess.run(["taskset", "-pc", "0", str(mgd.proc.pid)], stdout=subprocess.DEVNULL,
                       check=False)
        base = rss_kib(mgd.proc.pid)
        with mgd.client(client="cli") as nc:
            t0 = time.perf_counter()
            nc.load_set(text)
            t1 = time.perf_counter()
            nc.commit(comment="bench")
            t2 = time.perf_counter()
            small = []
            for k in range(args.repeat):
                s0 = time.perf_counter()
                nc.load_set("set interfaces ge-9/9/9 unit %d description bench" % k)
                nc.commit(check=True)
                small.append(time.perf_counter() - s0)
        mem = rss_kib(mgd.proc.pid)
        mgd.stop()
    print("| lines | load set | commit | load+commit | set + commit check (median, max) "
          "| mgd RSS idle | mgd RSS after | mgd peak RSS |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    print("| %d | %.3f s | %.3f s | %.3f s | %.1f ms, %.1f ms | %.1f MiB | %.1f MiB | %.1f MiB |" % (
        args.lines, t1 - t0, t2 - t1, t2 - t0,
        statistics.median(small) * 1000, max(small) * 1000,
        base["VmRSS"] / 1024, mem["VmRSS"] / 1024, mem["VmHWM"] / 1024))


if __name__ == "__main__":
    main()
