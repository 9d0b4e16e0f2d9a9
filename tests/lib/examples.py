#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Checks that every public item of the given Rust files has an example.

  examples.py FILE...

A public type, trait, function, constant or exported macro must have an
`# Examples` section in its documentation. A public method or associated
constant must be used in at least one example of the files (`.name` or
`::name`), usually its type's. Items of private modules (`mod private`) are
not public. Prints what lacks one; exits 1 if anything does.
"""
import re
import sys

item_re = re.compile(
    r"^\s*pub (?:const fn|unsafe fn|fn|struct|enum|trait|const|type|static) (\w+)")
macro_re = re.compile(r"^macro_rules! (\w+)")
doc_re = re.compile(r"^\s*(///|//!)")


def doc_block(lines, i):
    """The documentation lines above line i, over attributes."""
    block = []
    j = i - 1
    while j >= 0:
        s = lines[j].strip()
        if s.startswith("///"):
            block.append(s)
        elif s.startswith("#[") or s == "":
            if s == "" and block:
                break
        else:
            break
        j -= 1
    return block


def examples(lines):
    """The code of every example in the documentation of a file."""
    code, inside = [], False
    for line in lines:
        m = doc_re.match(line)
        if not m:
            inside = False
            continue
        text = line.strip()[3:].strip()
        if text.startswith("```"):
            inside = not inside
            continue
        if inside:
            code.append(text.lstrip("# "))
    return "\n".join(code)


missing = []
if not sys.argv[1:]:
    sys.exit("examples.py: no file to check")
files = {f: open(f).read().splitlines() for f in sys.argv[1:]}
all_code = "\n".join(examples(lines) for lines in files.values())
for f, lines in files.items():
    in_impl = in_private = False
    for i, line in enumerate(lines):
        if re.match(r"^impl\b", line):
            in_impl = True
        elif re.match(r"^mod \w+ \{", line):
            in_private = True
        elif line.startswith("}"):
            in_impl = in_private = False
        if in_private:
            continue
        m = macro_re.match(line)
        if m and lines[i - 1].strip() == "#[macro_export]":
            if not any("# Examples" in d for d in doc_block(lines, i - 1)):
                missing.append(f"{f}:{i + 1}: macro {m.group(1)} has no example")
            continue
        m = item_re.match(line)
        if not m or "pub(" in line:
            continue
        name = m.group(1)
        if in_impl and line.startswith("    "):
            if not re.search(r"[.:]" + name + r"\b", all_code):
                missing.append(f"{f}:{i + 1}: method {name} is used in no example")
        elif not any("# Examples" in d for d in doc_block(lines, i)):
            missing.append(f"{f}:{i + 1}: {name} has no example")
for m in missing:
    print(m)
sys.exit(1 if missing else 0)
