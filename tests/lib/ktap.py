#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Counts the KUnit results of a kernel log with 7.3's own KTAP parser.

Usage: ktap.py KUNIT_DIR LOG LABEL OURS

KUNIT_DIR is tools/testing/kunit of the 7.3 tree: its kunit_parser (what
`kunit.py parse` runs) reads LOG. OURS lists the cases of rust/kernel/net,
one "SUITE.CASE" a line (tests/lib/kunit_cases.py derives them from the
sources). Prints one line per verdict, "ok|NAME|", "skip|NAME|REASON" or
"fail|NAME|WHY", NAME being "LABEL: SUITE.CASE":

- every test case (a test without subtests, a suite whose result line has
  no cases among them): passed, skipped (# SKIP) or failed; a case the plan
  promised but the log does not have is a crashed case, hence failed;
- a case of OURS that did not pass fails, a skipped one too; one that the
  log does not have at all fails (a cfg that left it out, a suite not
  registered); a case of rust/kernel/net in the log that OURS does not list
  fails (the list no longer matches the sources);
- every error the parser reports (a plan that does not match, a missing
  result line, a wrong test number, no KTAP at all) fails.
"""
import io
import sys


def leaves(test, path):
    """Yields (name, test) for each case below test."""
    for sub in test.subtests:
        name = f"{path}.{sub.name or '<missing>'}" if path else (sub.name or "<missing>")
        if sub.subtests:
            yield from leaves(sub, name)
        else:
            yield name, sub


def is_net(name):
    suite, _, case = name.partition(".")
    return suite.startswith("rust_net_") or case.startswith("rust_doctest_kernel_net_")


def main():
    kunit_dir, log, label, ours_file = sys.argv[1:5]
    with open(ours_file) as f:
        ours = [line.strip() for line in f if line.strip()]
    if not ours:
        print(f"fail|{label}: the cases of rust/kernel/net are listed|{ours_file} is empty")
    # The pristine tree is never written to: no __pycache__ there.
    sys.dont_write_bytecode = True
    sys.path.insert(0, kunit_dir)
    import kunit_parser
    from kunit_printer import Printer

    report = io.StringIO()
    with open(log, errors="replace") as f:
        top = kunit_parser.parse_run_tests(f.readlines(), Printer(print=True, output=report))
    S = kunit_parser.TestStatus

    if top.status in (S.FAILURE_TO_PARSE_TESTS, S.NO_TESTS) or not top.subtests:
        print(f"fail|{label}: KUnit ran|{top.status.name}: no test in the log")
    seen = set()
    for name, case in leaves(top, ""):
        full = f"{label}: {name}"
        seen.add(name)
        if case.status == S.SUCCESS:
            if is_net(name) and name not in ours:
                print(f"fail|{full}|a case of rust/kernel/net that tests/lib/kunit_cases.py does not list")
            else:
                print(f"ok|{full}|")
        elif case.status == S.SKIPPED:
            if name in ours or is_net(name):
                print(f"fail|{full}|skipped: {case.skip_reason}")
            else:
                print(f"skip|{full}|{case.skip_reason}")
        else:
            print(f"fail|{full}|{case.status.name}")
    missing = [c for c in ours if c not in seen]
    for c in missing:
        print(f"fail|{label}: {c}|not in the log")
    for line in report.getvalue().splitlines():
        if "[ERROR]" in line:
            why = line.split("[ERROR]", 1)[1].strip()
            print(f"fail|{label}: KTAP as its plan says|{why}")


if __name__ == "__main__":
    main()
