#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The transmit path in the object code, C driver against Rust driver.

xmitpath.py OBJDUMP TREE TWINS: for each driver, disassembles the C module
object (TWINS/<driver>_c.o, built from the 7.3 sources against TREE by
tests/lib/twins.sh) and the Rust one of TREE (OBJDUMP -dr -C) and walks the code reachable from the
function the core calls as ndo_start_xmit: the entry function and every
function of the same object it calls, directly or not, with the calls that
leave the object. Prints, per driver and implementation, the number of
instructions on that path (every instruction of those functions: a static
count, cold branches included), the functions it crosses and the calls out
of the object; and for Rust the calls that the C path does not make.

With --bitcode, the Rust side is also compiled from the driver's bitcode
before the C helpers are linked into it (what a kernel without
CONFIG_RUST_INLINE_HELPERS runs): the calls that would then leave the
module, each helper being a function of vmlinux.
"""
import re
import subprocess
import sys
import tempfile

# driver: (C object in TWINS, C entry function, Rust object in TREE)
DRIVERS = {
    "dummy": ("dummy_c.o", "dummy_xmit", "drivers/net/rust/dummy.o"),
    "nlmon": ("nlmon_c.o", "nlmon_xmit", "drivers/net/rust/nlmon.o"),
    "vsockmon": ("vsockmon_c.o", "vsockmon_xmit", "drivers/net/rust/vsockmon.o"),
    "vxcan": ("vxcan_c.o", "vxcan_xmit", "drivers/net/rust/vxcan.o"),
    "ifb": ("ifb_c.o", "ifb_xmit", "drivers/net/rust/ifb.o"),
    # The rest of ifb's path: the deferred work of a queue (a tasklet in C).
    "ifb work": ("ifb_c.o", "ifb_ri_tasklet", "drivers/net/rust/ifb.o", "tasklet_callback"),
}
RUST_ENTRY = "start_xmit_callback"

FUNC = re.compile(r"^([0-9a-f]+) <(.*)>:$")
INSN = re.compile(r"^\s+([0-9a-f]+):\s+(\S+)(.*)$")
RELOC = re.compile(r"^\s+[0-9a-f]+:\s+R_X86_64_\w+\s+(.*?)([+-]0x[0-9a-f]+)?$")


def disassemble(objdump, obj):
    """Returns {function: [(mnemonic, operands, reloc target or None)]} and
    {address: function} for the .text sections of obj."""
    out = subprocess.run([objdump, "-dr", "-C", "--no-show-raw-insn", obj],
                         check=True, capture_output=True, text=True).stdout
    funcs, starts, cur, section = {}, {}, None, ""
    for line in out.splitlines():
        if line.startswith("Disassembly of section "):
            section = line.split()[-1].rstrip(":")
            continue
        m = FUNC.match(line)
        if m:
            cur = m.group(2)
            funcs[cur] = []
            starts[(section, int(m.group(1), 16))] = cur
            continue
        if cur is None:
            continue
        m = RELOC.match(line)
        if m and funcs[cur]:
            mn, ops, _ = funcs[cur][-1]
            funcs[cur][-1] = (mn, ops, (m.group(1), m.group(2)))
            continue
        m = INSN.match(line)
        if m:
            funcs[cur].append((m.group(2), m.group(3).strip(), None))
    return funcs, starts


def target(reloc, starts):
    """The function a relocation names: a symbol, or a section and offset."""
    sym, off = reloc
    if sym.startswith("."):
        # A static function named by its section: .text+0x12 (+4 for the
        # PC-relative displacement of a call).
        addr = int(off or "0x0", 16) + 4 if off else 0
        return starts.get((sym, addr), sym + (off or ""))
    return sym


def walk(objdump, obj, entry):
    funcs, starts = disassemble(objdump, obj)
    names = [f for f in funcs if f == entry or (entry != f and "::" in f and f.endswith(">::" + entry))]
    if len(names) != 1:
        raise SystemExit(f"xmitpath: {obj}: {len(names)} functions named {entry}")
    seen, todo, calls, insns = [], [names[0]], [], 0
    while todo:
        f = todo.pop()
        if f in seen:
            continue
        seen.append(f)
        insns += len(funcs[f])
        for mn, ops, reloc in funcs[f]:
            is_call = mn.startswith("call")
            is_jump = mn.startswith("jmp")
            if not (is_call or is_jump):
                continue
            if reloc is None:
                if is_call and "*" in ops:
                    calls.append(f"indirect call ({ops})")
                continue
            t = target(reloc, starts)
            if t in funcs:
                todo.append(t)
            elif t.startswith("__x86_return_thunk"):
                continue
            else:
                calls.append(t + (" (tail call)" if is_jump else ""))
    return insns, seen, calls


def without_helpers(tree, robj, tmp):
    """Compiles the Rust driver's own bitcode (before the C helpers were
    linked in) with the command kbuild used for the linked one; returns the
    object."""
    base = robj[:-2]
    cmd = open(f"{tree}/{base.rsplit('/', 1)[0]}/.{base.rsplit('/', 1)[1]}.o.cmd").read()
    cc = [c.strip() for c in cmd.split(";") if f"-c {base}.m.bc -o {base}.o" in c]
    if len(cc) != 1:
        raise SystemExit(f"xmitpath: no clang command for {base}.m.bc in its .cmd file")
    line = cc[0].replace(f"-c {base}.m.bc -o {base}.o", f"-c {base}.bc -o {tmp}")
    subprocess.run(line, shell=True, check=True, cwd=tree)
    return tmp


def short(name, width=110):
    return name if len(name) <= width else name[:width - 3] + "..."


def main():
    args = sys.argv[1:]
    bitcode = "--bitcode" in args
    args = [a for a in args if a != "--bitcode"]
    objdump, tree, twins = args[0], args[1], args[2]
    print(f"The transmit path, from ndo_start_xmit to the end of the driver's work"
          f" ({objdump} -dr -C on {tree} and {twins}):")
    for drv, (cobj, centry, robj, *rentry) in DRIVERS.items():
        rentry = rentry[0] if rentry else RUST_ENTRY
        ci, cf, cc = walk(objdump, f"{twins}/{cobj}", centry)
        ri, rf, rc = walk(objdump, f"{tree}/{robj}", rentry)
        strip = [c.replace(" (tail call)", "") for c in cc]
        extra = [c for c in rc if c.replace(" (tail call)", "") not in strip]
        print(f"  {drv}: C {ci} instructions in {len(cf)} function(s), "
              f"{len(cc)} call(s) out: {', '.join(cc) or 'none'}")
        print(f"  {drv}: Rust {ri} instructions in {len(rf)} function(s), "
              f"{len(rc)} call(s) out: {', '.join(short(c, 60) for c in rc) or 'none'}")
        for f in rf:
            print(f"      {short(f)}")
        print(f"  {drv}: calls on the Rust path that C does not make: "
              f"{len(extra)}{': ' if extra else ''}{', '.join(short(c, 80) for c in extra)}")
        if bitcode:
            with tempfile.TemporaryDirectory() as d:
                obj = without_helpers(tree, robj, f"{d}/nohelpers.o")
                ni, nf, nc = walk(objdump, obj, rentry)
            print(f"  {drv}: Rust without CONFIG_RUST_INLINE_HELPERS: {ni} instructions in "
                  f"{len(nf)} function(s), {len(nc)} call(s) out: "
                  f"{', '.join(short(c, 60) for c in nc) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
