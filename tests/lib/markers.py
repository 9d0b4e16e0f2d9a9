#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The series markers of our kernel files, and their removal.

A file may hold lines that belong to a later patch of the series than the
one that adds the file (tests/series.py), between two marker lines of their
own:

    // @series{KEY        what follows is part of the tree once the patch
                          that introduces KEY is applied
    // @series{!KEY       what follows is part of the tree only before that
    // @series}           the end of the innermost block

Blocks nest. The tree the tests build is the last patch's: every marker line
and every !KEY block removed.

  markers.py FILE...      rewrites each FILE as the last patch has it
"""
import re
import sys

MARK = re.compile(r"^\s*// @series(\{!?[a-z][a-z0-9_-]*|\})\s*$")


def keys_of(text):
    """The keys the markers of TEXT name."""
    return {m.group(1).lstrip("{!") for m in map(MARK.match, text.splitlines()) if m} - {"}"}


def strip(text, have=None, name="file"):
    """TEXT as the tree has it once the keys in HAVE are introduced (None:
    all of them, the last patch)."""
    out, stack = [], []
    for n, line in enumerate(text.splitlines(keepends=True), 1):
        m = MARK.match(line)
        if not m:
            if all(stack):
                out.append(line)
            continue
        tok = m.group(1)
        if tok == "}":
            if not stack:
                raise ValueError(f"{name}:{n}: @series}} closes no block")
            stack.pop()
        elif tok.startswith("{!"):
            stack.append(have is not None and tok[2:] not in have)
        else:
            stack.append(have is None or tok[1:] in have)
    if stack:
        raise ValueError(f"{name}: {len(stack)} @series block(s) not closed")
    return "".join(out)


def main():
    for path in sys.argv[1:]:
        with open(path) as fh:
            text = fh.read()
        if "@series" not in text:
            continue
        try:
            new = strip(text, name=path)
        except ValueError as e:
            sys.exit(f"markers: {e}")
        with open(path, "w") as fh:
            fh.write(new)


if __name__ == "__main__":
    main()
