#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Counts the KUnit results of a kernel log with 7.3's own KTAP parser.

Usage: ktap.py KUNIT_DIR LOG LABEL MIN_NET

KUNIT_DIR is tools/testing/kunit of the 7.3 tree: its kunit_parser (what
`kunit.py parse` runs) reads LOG. Prints one line per verdict,
"ok|NAME|", "skip|NAME|REASON" or "fail|NAME|WHY", NAME being
"LABEL: SUITE.CASE":

- every test case (a test without subtests, a suite whose result line has
  no cases among them): passed, skipped (# SKIP) or failed; a case the plan
  promised but the log does not have is a crashed case, hence failed;
- every error the parser reports (a plan that does not match, a missing
  result line, a wrong test number, no KTAP at all) fails;
- at least MIN_NET cases of rust/kernel/net (its doctests,
  rust_doctest_kernel_net_*, and its #[kunit_tests] suites, rust_net_*)
  passed.
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


def main():
    kunit_dir, log, label, min_net = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
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
    net = 0
    for name, case in leaves(top, ""):
        full = f"{label}: {name}"
        if case.status == S.SUCCESS:
            print(f"ok|{full}|")
            case_name = name.rsplit(".", 1)[-1]
            if name.startswith("rust_net_") or case_name.startswith("rust_doctest_kernel_net_"):
                net += 1
        elif case.status == S.SKIPPED:
            print(f"skip|{full}|{case.skip_reason}")
        else:
            print(f"fail|{full}|{case.status.name}")
    for line in report.getvalue().splitlines():
        if "[ERROR]" in line:
            why = line.split("[ERROR]", 1)[1].strip()
            print(f"fail|{label}: KTAP as its plan says|{why}")
    if net >= min_net:
        print(f"ok|{label}: at least {min_net} rust/kernel/net cases passed ({net})|")
    else:
        print(f"fail|{label}: at least {min_net} rust/kernel/net cases passed|only {net}")


if __name__ == "__main__":
    main()
