#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prints the compiler, clippy and kernel-doc warnings of a kernel build log
that are about our files (paths given as prefixes on the command line).

Usage: ourwarnings.py LOG PREFIX...
Exits 1 if there is any.
"""
import re
import sys

log, prefixes = sys.argv[1], sys.argv[2:]
if not prefixes:
    # A check over no file checks nothing (git ls-files failed, say).
    sys.exit("ourwarnings.py: no file of ours to look for")
c_re = re.compile(r"^(?P<path>[^\s:]+):\d+(?::\d+)?: (?:warning|error)")
rust_re = re.compile(r"^(warning|error)(\[\w+\])?:")
loc_re = re.compile(r"^\s*--> (?:\S*/\.cache/[\w-]+/)?(?P<path>[\w./-]+):\d+")


def ours(path):
    return any(path.startswith(p) or ("/" + p) in path for p in prefixes)


found = []
with open(log, errors="replace") as f:
    lines = f.read().splitlines()
for i, line in enumerate(lines):
    m = c_re.match(line)
    if m and ours(m.group("path")):
        found.append(line)
        continue
    if rust_re.match(line):
        for nxt in lines[i + 1:i + 4]:
            m = loc_re.match(nxt)
            if m and ours(m.group("path")):
                found.append(line + " " + nxt.strip())
                break
for w in found:
    print(w)
sys.exit(1 if found else 0)
