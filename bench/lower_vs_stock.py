#!/usr/bin/env python3
"""Lower mode against a real stock build, measured on the binaries' own compiler output.

    bench/lower_vs_stock.py BUILD [--levels O0,O1,O2,O3] [--flags "-I..."] [FILE.cpp ...]

For every C++ file (default: tests/diff/programs/*.cpp) and level, compiles it once
without the plugin and once with COROPACK_MODE=lower, and reads per coroutine (by
mangled name):
  - stock: LLVM's own `-Rpass=coro-split` frame_size of the stock build;
  - lower: for a coroutine coropack lowered, its frame size from the plugin's
    JSON report (what coro.size answers); for one it left to LLVM's split, that
    split's frame_size in the same build;
and counts `-Rpass=coro-elide` heap elisions in both builds. Prints one line per
coroutine whose lower frame is above stock and one per file whose elision counts
differ, then totals per level, and lower mode's coverage: how many coroutines
that suspend it lowered, and the others counted by the reason the report gives
(digits shown as N). Exit status 1 when a frame is above stock or elisions differ.
--flags adds compiler flags (include paths of fetched sources, say) to every build.
(frame_size includes tail padding to the frame's alignment, in both builds.)
"""
import argparse, collections, glob, json, os, re, shlex, subprocess, sys, tempfile

SPLIT = re.compile(r"remark: Split '([^']+)' \(frame_size=(\d+)")
ELIDE = re.compile(r"remark: '[^']+' elided in ")


NOT_LOWERED = re.compile(r"not lowered: (.*)\)$")


def lower_reason(status):
    """None for a lowered coroutine or one with no suspend point, else why it was not lowered."""
    if status == "lowered":
        return None
    m = NOT_LOWERED.search(status)
    why = m.group(1) if m else status
    if why.startswith("no suspend point") or "no suspend point" in status:
        return None
    return re.sub(r"\d+", "N", why)


def compile_(cxx, src, level, flags, plugin=None, report=None):
    env = dict(os.environ)
    cmd = [cxx, "-std=c++20", "-w", "-fwrapv", "-" + level, "-Rpass=coro-.*", *flags, "-c", src,
           "-o", os.devnull]
    if plugin:
        cmd.insert(1, "-fpass-plugin=" + plugin)
        env["COROPACK_MODE"] = "lower"
        env["COROPACK_REPORT"] = report
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, errors="replace")
    if r.returncode:
        sys.exit(f"lower_vs_stock: {' '.join(cmd)} failed: {r.stderr.strip().splitlines()[-1:]}")
    splits = {m.group(1): int(m.group(2)) for m in SPLIT.finditer(r.stderr)
              if ".coropack.trial" not in m.group(1)}
    return splits, len(ELIDE.findall(r.stderr))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("build")
    ap.add_argument("--levels", default="O0,O1,O2,O3")
    ap.add_argument("--flags", default="")
    ap.add_argument("files", nargs="*")
    a = ap.parse_intermixed_args()
    here = os.path.dirname(os.path.abspath(__file__))
    files = a.files or sorted(glob.glob(os.path.join(here, "..", "tests", "diff", "programs", "*.cpp")))
    plugin = subprocess.run([os.path.join(a.build, "coropack"), "--plugin-path"], capture_output=True,
                            text=True, check=True).stdout.strip()
    cxx = "clang++-22"
    flags = shlex.split(a.flags)
    bad = 0
    for level in a.levels.split(","):
        n = lowered = above = smaller = 0
        sb = lb = se = le = 0
        suspending, why = 0, collections.Counter()
        for src in files:
            stock, s_el = compile_(cxx, src, level, flags)
            with tempfile.TemporaryDirectory() as d:
                rep = os.path.join(d, "r.json")
                split, l_el = compile_(cxx, src, level, flags, plugin, rep)
                coros = json.load(open(rep))["coroutines"] if os.path.exists(rep) else []
            for c in coros:
                r = lower_reason(c.get("status", ""))
                suspending += r is not None or c.get("status") == "lowered"
                if r is not None:
                    why[r] += 1
            low = {c["name"]: c["packed_size"] for c in coros if c.get("status") == "lowered"}
            se, le = se + s_el, le + l_el
            if s_el != l_el:
                bad = 1
                print(f"ELISIONS {level} {os.path.basename(src)}: stock {s_el}, lower {l_el}")
            for name, size in stock.items():
                got = low.get(name, split.get(name))
                if got is None:
                    continue  # elided or inlined away in one build only
                n += 1
                lowered += name in low
                sb, lb = sb + size, lb + got
                smaller += got < size
                if got > size:
                    above += 1
                    bad = 1
                    print(f"ABOVE {level} {os.path.basename(src)} {name}: stock {size}, lower {got}")
        print(f"{level}: {n} coroutines ({lowered} lowered), above stock {above}, smaller {smaller}; "
              f"frame bytes stock {sb}, lower {lb} ({lb / sb if sb else 1:.3f}); "
              f"elisions stock {se}, lower {le}")
        done = suspending - sum(why.values())
        print(f"{level}: lowered {done} of {suspending} coroutines that suspend "
              f"({100.0 * done / suspending if suspending else 100:.1f}%)")
        for r, k in why.most_common():
            print(f"    {k:5d}  {r}")
    return bad


if __name__ == "__main__":
    sys.exit(main())
