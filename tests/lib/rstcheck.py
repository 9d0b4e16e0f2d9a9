#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""rstcheck.py FILE...: parses each reStructuredText file with docutils and
prints every message down to INFO level; exits 1 if there was any."""
import io
import sys

import docutils.core

if not sys.argv[1:]:
    sys.exit("rstcheck.py: no file to check")
bad = 0
for path in sys.argv[1:]:
    with open(path) as f:
        src = f.read()
    msgs = io.StringIO()
    docutils.core.publish_doctree(
        src, source_path=path,
        settings_overrides={"warning_stream": msgs, "report_level": 1, "halt_level": 5})
    if msgs.getvalue():
        sys.stdout.write(msgs.getvalue())
        bad = 1
sys.exit(bad)
