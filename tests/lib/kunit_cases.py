#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The KUnit cases that the given files of rust/kernel must give, derived
from their text: one "SUITE.CASE" a line.

Usage: kunit_cases.py ROOT FILE...   (ROOT: the folder holding rust/)

- each example of a documentation comment (a ``` block, not ```ignore,
  ```text or ```compile_fail) is a case of the suite rust_doctests_kernel,
  named as 7.3's scripts/rustdoc_test_gen.rs names it:
  rust_doctest_kernel_{PATH}_{N}, PATH being the file's path below
  rust/kernel with "/" and "." as "_", N counting from 0 in the file;
- each #[test] function of a #[kunit_tests(SUITE)] module is a case SUITE.NAME.

An example behind a cfg the kernel does not have, or a suite that is not
registered, is then a missing case (tests/lib/ktap.py), not a smaller count.
"""
import os
import re
import sys

import markers  # the file as the tree has it, tests/lib/markers.py

fence_re = re.compile(r"^\s*(?:///|//!)\s*```(\S*)\s*$")
suite_re = re.compile(r"^\s*#\[kunit_tests\((\w+)\)\]")
test_re = re.compile(r"^\s*#\[test\]")
fn_re = re.compile(r"^\s*(?:pub )?fn (\w+)")
SKIP = ("ignore", "text", "compile_fail")


def cases(root, path):
    rel = os.path.relpath(path, os.path.join(root, "rust", "kernel"))
    mangled = rel.replace("/", "_").replace(".", "_")
    lines = markers.strip(open(path).read(), name=path).splitlines()
    n, inside, suite, test = 0, False, None, False
    for line in lines:
        m = fence_re.match(line)
        if m:
            if not inside and not any(w in m.group(1).split(",") for w in SKIP):
                yield f"rust_doctests_kernel.rust_doctest_kernel_{mangled}_{n}"
                n += 1
            inside = not inside
            continue
        m = suite_re.match(line)
        if m:
            suite = m.group(1)
            continue
        if suite and test_re.match(line):
            test = True
            continue
        m = fn_re.match(line)
        if suite and test and m:
            yield f"{suite}.{m.group(1)}"
            test = False


def main():
    root, files = sys.argv[1], sys.argv[2:]
    if not files:
        sys.exit("kunit_cases.py: no file given")
    for f in files:
        for c in cases(root, f):
            print(c)


if __name__ == "__main__":
    main()
