#!/usr/bin/env python3
"""Do coropack's reports equal the binaries? Checks every report entry against object files.

    bench/report_truth.py BUILD [--levels O0,O2] [--modes lower,pack] [--flags "..."] [FILE.cpp ...]

For every C++ file (default: tests/diff/programs/*.cpp), level and mode, compiles the file with
-g once without the plugin and once with it (COROPACK_MODE=<mode>, COROPACK_REPORT), and reads
each build's frames from its object file: the DWARF type `<mangled>.coro_frame_ty`, whose byte
size is the frame size with tail padding to the frame's alignment (LLVM's split and lower mode
both emit it). Then, for every coroutine of the report that has a frame in both objects:

  - stock_size must equal the stock build's frame (rounded up to the report's align);
  - packed_size, rounded up to align, must equal the plugin build's frame.

A coroutine missing from an object file (inlined and elided everywhere, or never split) is
counted, not checked. Prints one line per disagreement and the totals per level and mode;
exit status 1 when anything disagrees.
"""
import argparse, glob, json, os, re, shlex, shutil, subprocess, sys, tempfile

NAME = re.compile(r'DW_AT_name\s+\("([^"]+)\.coro_frame_ty"\)')
SIZE = re.compile(r"DW_AT_byte_size\s+\((0x[0-9a-f]+)\)")


def frames(obj, dwarfdump):
    """{mangled name: frame byte size} from the object's DWARF."""
    out = subprocess.run([dwarfdump, "--name=.*coro_frame_ty", "--regex", obj], capture_output=True,
                         text=True, errors="replace", check=True).stdout
    got, name = {}, None
    for line in out.splitlines():
        m = NAME.search(line)
        if m:
            name = m.group(1)
            continue
        m = SIZE.search(line)
        if m and name:
            got.setdefault(name, int(m.group(1), 16))
            name = None
    return got


def build(cxx, src, level, flags, obj, mode=None, plugin=None, report=None):
    env = dict(os.environ)
    env.pop("COROPACK_MODE", None)
    env.pop("COROPACK_REPORT", None)
    cmd = [cxx, "-std=c++20", "-w", "-fwrapv", "-g", "-" + level, *flags, "-c", src, "-o", obj]
    if plugin:
        cmd.insert(1, "-fpass-plugin=" + plugin)
        env["COROPACK_MODE"] = mode
        env["COROPACK_REPORT"] = report
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, errors="replace")
    if r.returncode:
        sys.exit(f"report_truth: {shlex.join(cmd)} failed: {r.stderr.strip().splitlines()[-1:]}")


def up(n, a):
    return (n + a - 1) // a * a if a else n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build")
    ap.add_argument("--levels", default="O0,O2")
    ap.add_argument("--modes", default="lower,pack")
    ap.add_argument("--flags", default="")
    ap.add_argument("files", nargs="*")
    a = ap.parse_intermixed_args()
    here = os.path.dirname(os.path.abspath(__file__))
    files = a.files or sorted(glob.glob(os.path.join(here, "..", "tests", "diff", "programs", "*.cpp")))
    plugin = subprocess.run([os.path.join(a.build, "coropack"), "--plugin-path"], capture_output=True,
                            text=True, check=True).stdout.strip()
    cxx = shutil.which("clang++-22") or "/usr/lib/llvm-22/bin/clang++"
    dwarfdump = shutil.which("llvm-dwarfdump-22") or "/usr/lib/llvm-22/bin/llvm-dwarfdump"
    flags = shlex.split(a.flags)
    bad = 0
    with tempfile.TemporaryDirectory() as d:
        for level in a.levels.split(","):
            stock = {}
            for i, src in enumerate(files):
                build(cxx, src, level, flags, os.path.join(d, "s.o"))
                stock[src] = frames(os.path.join(d, "s.o"), dwarfdump)
            for mode in a.modes.split(","):
                n = checked = wrong = 0
                for src in files:
                    rep = os.path.join(d, "r.json")
                    if os.path.exists(rep):
                        os.unlink(rep)
                    build(cxx, src, level, flags, os.path.join(d, "p.o"), mode, plugin, rep)
                    got = frames(os.path.join(d, "p.o"), dwarfdump)
                    coros = json.load(open(rep))["coroutines"] if os.path.exists(rep) else []
                    base = os.path.basename(src)
                    for c in coros:
                        n += 1
                        name, al = c["name"], c.get("align") or 1
                        s, p = stock[src].get(name), got.get(name)
                        if s is None or p is None:
                            continue
                        checked += 1
                        msgs = []
                        if up(c["stock_size"], al) != s:
                            msgs.append(f"stock_size {c['stock_size']} (align {al}), stock build {s}")
                        if up(c["packed_size"], al) != p:
                            msgs.append(f"packed_size {c['packed_size']} (align {al}), plugin build {p}")
                        if msgs:
                            wrong += 1
                            print(f"WRONG {level} {mode} {base} {name} [{c['status'][:60]}]: " + "; ".join(msgs))
                print(f"{level} {mode}: {n} report entries, {checked} with a frame in both objects, "
                      f"{wrong} disagree")
                bad |= wrong > 0
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
