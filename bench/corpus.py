#!/usr/bin/env python3
"""Frame-size and compile-time benchmark over a corpus of coroutine programs.

Usage: bench/corpus.py BUILD_DIR [-O0..-O3] [--reps N] [--per-coroutine] [FILE.cpp ...]

Builds every corpus file twice with clang++-22, stock and with the plugin
(COROPACK_MODE=pack, COROPACK_REPORT=<dir>/), and prints:
  - per coroutine (with --per-coroutine) and in total: the stock frame bytes
    (LLVM 22's own split of the unmodified coroutine: what the stock binary
    passes to operator new, as the lit tests check), the packed bytes (the
    frame LLVM built after coropack's rewrite: what the plugin binary
    allocates) and coropack's lower bound;
  - how many coroutines are within 2% of the bound, and how many are above
    stock (the target is none);
  - the compile-time ratio plugin/stock: CPU time of the clang processes,
    measured in the same run, each file built alternately stock and plugin,
    best of --reps (default 3).
The corpus by default: tests/diff/programs/*.cpp, examples/*.cpp and
bench/corpus/*.cpp (asio-based code; needs libasio-dev). Each file is
taken as a program of its own: a coroutine is counted once per file that
compiles it (an inline coroutine of a multi-file program given as several
FILE.cpp counts once per file).
"""
import glob
import json
import os
import resource
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def clangxx():
    for c in ("clang++-22", "/usr/lib/llvm-22/bin/clang++"):
        try:
            subprocess.run([c, "--version"], capture_output=True, check=True)
            return c
        except (OSError, subprocess.CalledProcessError):
            pass
    sys.exit("corpus.py: clang++-22 not found (scripts/setup-debian.sh installs it)")


def cpu_run(cmd, env):
    """Runs cmd; returns (returncode, child CPU seconds, stderr)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    p = subprocess.run(cmd, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return p.returncode, cpu, p.stderr


def main(argv):
    args = [a for a in argv[1:]]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    build = os.path.abspath(args.pop(0))
    level, per, files, reps = "-O2", False, [], 3
    while args:
        a = args.pop(0)
        if a in ("-O0", "-O1", "-O2", "-O3"):
            level = a
        elif a == "--per-coroutine":
            per = True
        elif a == "--reps":
            reps = int(args.pop(0))
        elif a.startswith("-"):
            sys.exit(f"corpus.py: unknown option '{a}'")
        else:
            files.append(a)
    if not files:
        files = sorted(glob.glob(os.path.join(ROOT, "tests/diff/programs/*.cpp")))
        files += sorted(glob.glob(os.path.join(ROOT, "examples/*.cpp")))
        files += sorted(glob.glob(os.path.join(ROOT, "bench/corpus/*.cpp")))
    plugin = subprocess.run([os.path.join(build, "coropack"), "--plugin-path"],
                            capture_output=True, text=True, check=True).stdout.strip()
    cxx = clangxx()
    tmp = tempfile.mkdtemp(prefix="coropack-bench-")
    reports = os.path.join(tmp, "reports") + "/"
    os.makedirs(reports)
    base = [cxx, "-std=c++20", level, "-c", "-w", "-o", os.path.join(tmp, "x.o")]
    env = dict(os.environ)
    env.pop("COROPACK_REPORT", None)
    env["COROPACK_MODE"] = "pack"

    t_stock = t_plugin = 0.0
    failed = []
    for f in files:
        best_s = best_p = None
        for r in range(reps):
            rc, cs, err = cpu_run(base + [f], env)
            if rc:
                failed.append((f, err.strip().splitlines()[-1:] or ["?"]))
                break
            penv = dict(env)
            if r == 0:
                penv["COROPACK_REPORT"] = reports
            rc, cp, err = cpu_run(base + ["-fpass-plugin=" + plugin, f], penv)
            if rc:
                failed.append((f, ["plugin build failed: " + (err.strip().splitlines() or ["?"])[-1]]))
                break
            best_s = cs if best_s is None else min(best_s, cs)
            best_p = cp if best_p is None else min(best_p, cp)
        if best_s is not None and best_p is not None:
            t_stock += best_s
            t_plugin += best_p

    # Every corpus file is a program of its own: body(int) in two files is
    # two coroutines, so a coroutine is a (file, name) pair.
    coros = {}
    for path in sorted(glob.glob(reports + "*.json")):
        with open(path) as fh:
            rep = json.load(fh)
        src = os.path.basename(rep.get("source") or path)
        for c in rep["coroutines"]:
            coros.setdefault((src, c["name"]), c)

    rows = []
    for (src, name), c in coros.items():
        stock, packed, bound = c.get("stock_size") or 0, c["packed_size"], c["lower_bound"] or 0
        rows.append((src, c.get("demangled") or name, stock, packed, bound, c["status"]))
    rows.sort(key=lambda r: (-(r[2] - r[3]), r[1]))

    if per:
        print(f"{'stock':>7} {'packed':>7} {'bound':>7}  coroutine (file) [status]")
        for src, name, stock, packed, bound, status in rows:
            st = "" if status == "packed" else f" [{status}]"
            print(f"{stock:7d} {packed:7d} {bound:7d}  {name[:90]} ({src}){st}")
        print()
    n = len(rows)
    ts = sum(r[2] for r in rows)
    tp = sum(r[3] for r in rows)
    tb = sum(r[4] for r in rows)
    known = [r for r in rows if r[2]]
    above = [r for r in known if r[3] > r[2]]
    near = [r for r in rows if r[4] and r[3] <= r[4] * 1.02]
    packed_n = sum(1 for r in rows if r[5] == "packed")
    print(f"corpus                 {len(files)} files, {n} coroutines ({packed_n} packed, "
          f"{n - packed_n} left stock), level {level}")
    print(f"frame bytes            stock {ts}, packed {tp}, lower bound {tb}")
    if ts:
        print(f"packed / stock         {tp / ts:.3f}")
    smaller = [r for r in known if r[3] < r[2]]
    print(f"smaller than stock     {len(smaller)} coroutines, saving "
          f"{sum(r[2] - r[3] for r in smaller)} bytes")
    if known:
        ratios = sorted(r[3] / r[2] for r in known)
        print(f"per-coroutine ratio    median {ratios[len(ratios) // 2]:.3f}, best {ratios[0]:.3f}")
    print(f"above stock            {len(above)} coroutines")
    if n:
        print(f"within 2% of bound     {len(near)} of {n} ({100.0 * len(near) / n:.1f}%)")
    if t_stock:
        print(f"compile CPU time       stock {t_stock:.2f} s, plugin {t_plugin:.2f} s, "
              f"ratio {t_plugin / t_stock:.3f} (best of {reps} per file)")
    for f, msg in failed:
        print(f"FAILED to build {os.path.relpath(f, ROOT)}: {' '.join(msg)}")
    for r in above:
        print(f"ABOVE STOCK: {r[1]} ({r[0]}): {r[3]} > {r[2]}")
    return 1 if failed or above else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
