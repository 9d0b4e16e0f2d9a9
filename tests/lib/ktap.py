#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Reads the KTAP output of KUnit from a kernel log.

Usage: ktap.py LOG LABEL

Prints one line per test case, "ok|NAME|" or "fail|NAME|WHY", NAME being
"LABEL: SUITE.CASE". A suite that started but has no result line (a crash in
the middle) is reported as failed.
"""
import re
import sys

line_re = re.compile(r"^(?:\[[^\]]*\]\s?)?(?P<body>.*)$")
sub_re = re.compile(r"^(?P<ind>\s*)# Subtest: (?P<name>\S+)")
res_re = re.compile(r"^(?P<ind>\s*)(?P<res>ok|not ok) \d+ (?P<name>[^#]*?)\s*(?:#\s*(?P<dir>.*))?$")


def main():
    log, label = sys.argv[1], sys.argv[2]
    stack = []  # (indent, suite name)
    with open(log, errors="replace") as f:
        for raw in f:
            body = line_re.match(raw.rstrip("\n")).group("body")
            m = sub_re.match(body)
            if m:
                stack.append((len(m.group("ind")), m.group("name")))
                continue
            m = res_re.match(body)
            if not m or not stack:
                continue
            ind = len(m.group("ind"))
            # The header of a suite is indented like its cases; its own result
            # line is indented less.
            if ind < stack[-1][0]:
                stack.pop()
                continue
            if ind > stack[-1][0]:
                continue  # a parameterised case's sub-results
            name = f"{label}: {stack[-1][1]}.{m.group('name')}"
            directive = (m.group("dir") or "").strip()
            if m.group("res") == "ok":
                print(f"ok|{name}{' (' + directive + ')' if directive else ''}|")
            else:
                print(f"fail|{name}|{directive or 'failed'}")
    for _, suite in stack:
        print(f"fail|{label}: {suite}|suite has no result (crashed?)")


if __name__ == "__main__":
    main()
