#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Checks that every public item of the given Rust files has an example.

  examples.py FILE...

A public type, trait or exported macro must have an `# Examples` section in
its documentation. A public function or constant must have one or be used
by name in an example of its own file (the module's example of a group of
constants teaches more than one example each). A public method or associated
constant of `impl Type` must be used in an example of the files that is
about that type: its own example, or one that names `Type` and uses
`Type::name` or `.name(`, or one of the module that has the impl block
(a common name such as `new` or `len` used on some other type does not
count). Items of private modules (`mod private`) and `#[doc(hidden)]` ones
are not public. Prints what lacks one; exits 1 if anything does.
"""
import re
import sys

import markers  # the files as the tree has them, tests/lib/markers.py

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
    """The code of each example in the documentation of a file, one string
    an example."""
    blocks, code, inside = [], [], False
    for line in lines:
        m = doc_re.match(line)
        if not m:
            inside = False
            continue
        text = line.strip()[3:].strip()
        if text.startswith("```"):
            if inside:
                blocks.append("\n".join(code))
                code = []
            inside = not inside
            continue
        if inside:
            code.append(text.lstrip("# "))
    return blocks


def impl_type(line):
    """The type an `impl` line is about: `impl<T> Foo<T, X>` gives Foo."""
    line = re.sub(r"^impl\s*(<[^{]*?>)?\s*", "", line)
    m = re.match(r"(?:[\w:]+::)?(\w+)", line)
    return m.group(1) if m else ""


def type_blocks(files):
    """{type: the examples about it}: those of its own documentation and of
    the items of its impl blocks."""
    about = {}
    for lines in files.values():
        typ, start = None, 0
        for i, line in enumerate(lines):
            m = re.match(r"^pub (?:struct|enum|trait|type) (\w+)", line)
            if m:
                j = i
                while j > 0 and (lines[j - 1].startswith("///") or lines[j - 1].startswith("#[")):
                    j -= 1
                about.setdefault(m.group(1), []).extend(examples(lines[j:i]))
            if re.match(r"^impl\b", line):
                typ, start = impl_type(line), i
            elif line.startswith("}") and typ:
                about.setdefault(typ, []).extend(examples(lines[start:i]))
                # The module's own examples are about what the module adds.
                about[typ].extend(examples([x for x in lines if x.startswith("//!")]))
                typ = None
    return about


def used(name, typ, blocks, about):
    """Whether an example about typ uses its method or constant name."""
    for code in about.get(typ, []):
        if re.search(r"(\.|::)" + name + r"\b", code):
            return True
    for code in blocks:
        if re.search(r"\b" + typ + r"::" + name + r"\b", code):
            return True
        if re.search(r"\b" + typ + r"\b", code) and re.search(
                r"(\.|\b" + typ + r"::)" + name + r"\b", code):
            return True
    return False


missing = []
if not sys.argv[1:]:
    sys.exit("examples.py: no file to check")
# The files as the tree has them (tests/lib/markers.py).
files = {f: markers.strip(open(f).read(), name=f).splitlines() for f in sys.argv[1:]}
all_blocks = [b for lines in files.values() for b in examples(lines)]
about = type_blocks(files)
for f, lines in files.items():
    in_impl = in_private = False
    typ = ""
    for i, line in enumerate(lines):
        if re.match(r"^impl\b", line):
            in_impl = True
            typ = impl_type(line)
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
        # Hidden from the documentation: a macro's internals.
        if lines[i - 1].strip() == "#[doc(hidden)]":
            continue
        if in_impl and line.startswith("    "):
            own = any("# Examples" in d for d in doc_block(lines, i))
            if not own and not used(name, typ, all_blocks, about):
                missing.append(f"{f}:{i + 1}: {typ}::{name} is used in no example about {typ}")
        elif not any("# Examples" in d for d in doc_block(lines, i)):
            free = re.match(r"^pub (?:const fn|unsafe fn|fn|const|static) ", line)
            if not (free and any(re.search(r"\b" + name + r"\b", code)
                                 for code in examples(lines))):
                missing.append(f"{f}:{i + 1}: {name} has no example")
for m in missing:
    print(m)
sys.exit(1 if missing else 0)
