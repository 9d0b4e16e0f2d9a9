#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Prints the URIs of the machine's own Debian archive entry, the one that
gives bookworm's main component, for tests/fetch-source.sh to add
trixie-backports from the same mirror.

Usage: mirror.py [APT_DIR]   (APT_DIR: /etc/apt)

Reads sources.list and sources.list.d/*.list (one-line entries, options in
brackets such as [signed-by=...] included) and sources.list.d/*.sources
(deb822 paragraphs; URIs may hold several, on continuation lines too;
"Enabled: no" is passed over). URIs are printed as apt takes them, a
mirror+file: or mirror+http: one included, separated by spaces. Exits 1 if no
entry fits.
"""
import glob
import os
import sys


def one_line(path):
    """(types, uris, suites, components) of each one-line entry."""
    with open(path, errors="replace") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            words = line.split()
            kind, rest = words[0], words[1:]
            if rest and rest[0].startswith("["):
                while rest and not rest[0].endswith("]"):
                    rest = rest[1:]
                rest = rest[1:]
            if len(rest) >= 3:
                yield [kind], [rest[0]], [rest[1]], rest[2:]


def deb822(path):
    """(types, uris, suites, components) of each paragraph."""
    with open(path, errors="replace") as f:
        text = f.read()
    for para in text.split("\n\n"):
        fields, key = {}, None
        for line in para.splitlines():
            if line.startswith("#") or not line.strip():
                continue
            if line[0] in " \t" and key:
                fields[key] += " " + line.strip()
                continue
            key, _, value = line.partition(":")
            key = key.strip().lower()
            fields[key] = value.strip()
        if fields.get("enabled", "yes").lower() == "no":
            continue
        yield (fields.get("types", "").split(), fields.get("uris", "").split(),
               fields.get("suites", "").split(), fields.get("components", "").split())


def main():
    apt = sys.argv[1] if len(sys.argv) > 1 else "/etc/apt"
    entries = []
    for path in [os.path.join(apt, "sources.list")] + sorted(
            glob.glob(os.path.join(apt, "sources.list.d", "*.list"))):
        if os.path.isfile(path):
            entries += list(one_line(path))
    for path in sorted(glob.glob(os.path.join(apt, "sources.list.d", "*.sources"))):
        if "rust-net-" not in os.path.basename(path):
            entries += list(deb822(path))
    for types, uris, suites, comps in entries:
        if "deb" in types and "bookworm" in suites and "main" in comps and uris:
            print(" ".join(uris))
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
