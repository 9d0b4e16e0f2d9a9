#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Counts what one boot of a test kernel produced.

Usage: results.py OUT LABEL [--kmemleak] SUITE[:SECONDS]...

OUT is the folder the guest wrote (tests/guest/main.sh): its "results" file,
one tab-separated record a line, and the kernel log "dmesg". Prints one line
per verdict, "ok|NAME|" or "fail|NAME|WHY", NAME starting with LABEL:

- every result line of every suite;
- for each SUITE asked for: it started, stated a plan, ended with exit
  status 0 and produced exactly as many results as its plan says; a suite
  that is missing, crashed, ran out of its time budget (SECONDS, exit status
  124), was killed with the guest or exited early fails here even when none
  of its own lines says "not ok";
- the guest reached the end of main.sh;
- with --kmemleak: kmemleak scanned (a kmemleak that disabled itself refuses
  the scan) and reported nothing.

Result lines of a suite that was not asked for, or a line that is not a
record, fail too: nothing in the file is passed over.
"""
import os
import sys


def verdicts(out, label, suites, budget, kmemleak):
    path = os.path.join(out, "results")
    if not os.path.exists(path):
        yield "fail", f"{label}: guest wrote its results", f"no {path}"
        for s in suites:
            yield "fail", f"{label}: suite {s} finished", "no results file"
        return
    plan, start, end, count, took = {}, {}, {}, {}, {}
    done = False
    leak_state = None
    with open(path, errors="replace") as f:
        for n, raw in enumerate(f, 1):
            rec = raw.rstrip("\n").split("\t")
            kind = rec[0]
            if kind in ("ok", "not ok") and len(rec) >= 3:
                suite, name = rec[1], rec[2]
                count[suite] = count.get(suite, 0) + 1
                if suite not in suites:
                    yield "fail", f"{label}: {name}", f"result of suite {suite}, not run here"
                elif kind == "ok":
                    yield "ok", f"{label}: {name}", ""
                else:
                    why = rec[3] if len(rec) > 3 else "failed"
                    yield "fail", f"{label}: {name}", why
            elif kind == "plan" and len(rec) == 3 and rec[2].isdigit():
                if rec[1] in plan:
                    yield "fail", f"{label}: suite {rec[1]} states one plan", "two plan lines"
                plan[rec[1]] = int(rec[2])
            elif kind == "start" and len(rec) == 3 and rec[2].isdigit():
                start[rec[1]] = int(rec[2])
            elif kind == "end" and len(rec) == 4 and rec[3].isdigit():
                end[rec[1]] = rec[2]
                if rec[1] in start:
                    took[rec[1]] = int(rec[3]) - start[rec[1]]
            elif kind == "kmemleak" and len(rec) == 2:
                leak_state = rec[1]
            elif kind == "done" and len(rec) == 1:
                done = True
            elif kind == "boot":
                pass
            else:
                yield "fail", f"{label}: results line {n} is a record", raw.strip()[:200]
    for s in suites:
        name = f"{label}: suite {s} finished"
        got = count.get(s, 0)
        if s not in start:
            yield "fail", name, "never started"
        elif s not in end:
            yield "fail", name, f"did not end ({got} results, then the guest stopped)"
        elif end[s] == "124" and s in budget:
            yield "fail", name, f"its time budget of {budget[s]} s ran out after {got} results"
        elif end[s] != "0":
            yield "fail", name, f"exit status {end[s]} after {got} results"
        elif s not in plan:
            yield "fail", name, f"no plan ({got} results)"
        elif got != plan[s]:
            yield "fail", name, f"{got} results, the plan says {plan[s]}"
        else:
            yield "ok", f"{name} ({got} results as planned, exit 0)", ""
        if s in took:
            yield "time", f"{label} suite {s}", f"{took[s]} s" + (f" of {budget[s]}" if s in budget else "")
    if done:
        yield "ok", f"{label}: guest ran to the end", ""
    else:
        yield "fail", f"{label}: guest ran to the end", "main.sh did not finish (timeout or crash)"
    if kmemleak:
        name = f"{label}: kmemleak active, finds no leak"
        report = os.path.join(out, "kmemleak")
        if leak_state != "scanned":
            yield "fail", name, f"kmemleak {leak_state or 'not reached'}"
        elif not os.path.exists(report):
            yield "fail", name, "no report"
        elif os.path.getsize(report):
            with open(report, errors="replace") as f:
                yield "fail", name, " ".join(f.read().split("\n")[:3])
        else:
            yield "ok", name, ""


def main():
    args = sys.argv[1:]
    kmemleak = "--kmemleak" in args
    args = [a for a in args if a != "--kmemleak"]
    out, label, suites, budget = args[0], args[1], [], {}
    for arg in args[2:]:
        s, _, secs = arg.partition(":")
        suites.append(s)
        if secs:
            budget[s] = secs
    for st, name, why in verdicts(out, label, suites, budget, kmemleak):
        print(f"{st}|{name}|{why}")


if __name__ == "__main__":
    main()
