#!/usr/bin/env python3
"""Frame-size and compile-time benchmark over a corpus of coroutine programs.

Usage: bench/corpus.py BUILD_DIR [-O0..-O3] [--modes pack,lower] [--reps N]
                       [--per-coroutine] [FILE.cpp ...]

Builds every corpus file with clang++-22 stock and with the plugin in each
mode of --modes (default pack,lower; COROPACK_MODE=<mode>,
COROPACK_REPORT=<dir>/), and prints:
  - per coroutine (with --per-coroutine) and in total: the stock frame bytes
    (LLVM 22's own split of the unmodified coroutine: what the stock binary
    passes to operator new, as the lit tests check), the packed bytes (the
    frame LLVM built after coropack's rewrite: what the plugin binary
    allocates), the lower-mode bytes (the frame coropack's own split built,
    or pack mode's frame where lower mode fell back) and coropack's lower
    bound;
  - pack mode: how many coroutines are within 2% of the bound, and how many
    are above stock (the target is none);
  - lower mode: how many coroutines were lowered and how many fell back to
    pack mode, counted by reason; how many are above pack mode's frame for
    the same coroutine and how many above stock (the target is none for
    both);
  - the compile-time ratio mode/stock: CPU time of the clang processes,
    measured in the same run, each file built alternately stock and in each
    mode, best of --reps (default 3) per file and variant.
The exit status is 1 when a file failed to build or a frame is above stock
(either mode) or, in lower mode, above pack mode.
The corpus by default: tests/diff/programs/*.cpp, examples/*.cpp and
bench/corpus/*.cpp (asio-based code; needs libasio-dev). Each file is
taken as a program of its own: a coroutine is counted once per file that
compiles it (an inline coroutine of a multi-file program given as several
FILE.cpp counts once per file).
"""
import collections
import glob
import json
import os
import resource
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MODES = ("pack", "lower")
NOT_LOWERED = " (not lowered: "


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


def build_all(files, modes, reps, base, plugin, reports):
    """Builds each file stock and in each mode, alternately, reps times; the
    first round writes each mode's reports into reports[mode]. Returns the
    CPU seconds per variant ("stock" and each mode), summed over the files
    every variant built, each the best of its reps, and the failures."""
    env = dict(os.environ)
    env.pop("COROPACK_REPORT", None)
    env.pop("COROPACK_MODE", None)
    variants = ("stock",) + tuple(modes)
    total = dict.fromkeys(variants, 0.0)
    failed = []
    for f in files:
        best = {}
        for r in range(reps):
            for v in variants:
                venv, cmd = env, base + [f]
                if v != "stock":
                    venv = dict(env, COROPACK_MODE=v)
                    if r == 0:
                        venv["COROPACK_REPORT"] = reports[v]
                    cmd = base + ["-fpass-plugin=" + plugin, f]
                rc, cpu, err = cpu_run(cmd, venv)
                if rc:
                    last = (err.strip().splitlines() or ["?"])[-1]
                    failed.append((f, last if v == "stock" else f"{v} build failed: {last}"))
                    break
                best[v] = min(best.get(v, cpu), cpu)
            else:
                continue
            break
        else:
            for v in variants:
                total[v] += best[v]
    return total, failed


def load(reports):
    """The coroutines of a report directory, by (file, name): every corpus
    file is a program of its own, so body(int) in two files is two
    coroutines."""
    coros = {}
    for path in sorted(glob.glob(reports + "*.json")):
        with open(path) as fh:
            rep = json.load(fh)
        src = os.path.basename(rep.get("source") or path)
        for c in rep["coroutines"]:
            coros.setdefault((src, c["name"]), c)
    return coros


def why_not_lowered(status):
    """The reason in a lower-mode status "... (not lowered: reason)"."""
    i = status.find(NOT_LOWERED)
    if i < 0:
        return None
    why = status[i + len(NOT_LOWERED):]
    return why[:-1] if why.endswith(")") else why


def size(c, key):
    return (c.get(key) or 0) if c else 0


def print_pack(rows, nfiles, level):
    """The pack-mode figures (the lines this benchmark always printed);
    returns the rows above stock."""
    rows = [r for r in rows if r["pack"]]
    n = len(rows)
    ts = sum(r["stock"] for r in rows)
    tp = sum(r["packed"] for r in rows)
    tb = sum(r["bound"] for r in rows)
    known = [r for r in rows if r["stock"]]
    above = [r for r in known if r["packed"] > r["stock"]]
    near = [r for r in rows if r["bound"] and r["packed"] <= r["bound"] * 1.02]
    packed_n = sum(1 for r in rows if r["pack"]["status"] == "packed")
    print(f"corpus                 {nfiles} files, {n} coroutines ({packed_n} packed, "
          f"{n - packed_n} left stock), level {level}")
    print(f"frame bytes            stock {ts}, packed {tp}, lower bound {tb}")
    if ts:
        print(f"packed / stock         {tp / ts:.3f}")
    smaller = [r for r in known if r["packed"] < r["stock"]]
    print(f"smaller than stock     {len(smaller)} coroutines, saving "
          f"{sum(r['stock'] - r['packed'] for r in smaller)} bytes")
    if known:
        ratios = sorted(r["packed"] / r["stock"] for r in known)
        print(f"per-coroutine ratio    median {ratios[len(ratios) // 2]:.3f}, best {ratios[0]:.3f}")
    print(f"above stock            {len(above)} coroutines")
    if n:
        print(f"within 2% of bound     {len(near)} of {n} ({100.0 * len(near) / n:.1f}%)")
    return above


def print_lower(rows, nfiles, level, with_pack):
    """The lower-mode figures; returns the rows above stock and the rows
    above pack mode."""
    rows = [r for r in rows if r["lower"]]
    n = len(rows)
    lowered = [r for r in rows if r["lower"]["status"] == "lowered"]
    reasons = collections.Counter(why_not_lowered(r["lower"]["status"]) or r["lower"]["status"]
                                  for r in rows if r["lower"]["status"] != "lowered")
    ts = sum(r["stock"] for r in rows)
    tl = sum(r["lowered"] for r in rows)
    tb = sum(r["bound"] for r in rows)
    known = [r for r in rows if r["stock"]]
    above = [r for r in known if r["lowered"] > r["stock"]]
    near = [r for r in rows if r["bound"] and r["lowered"] <= r["bound"] * 1.02]
    if not with_pack:
        print(f"corpus                 {nfiles} files, {n} coroutines, level {level}")
    print(f"lower mode             {n} coroutines: {len(lowered)} lowered, "
          f"{n - len(lowered)} fell back to pack mode")
    for why, k in reasons.most_common():
        print(f"  not lowered          {k}: {why}")
    print(f"frame bytes (lower)    stock {ts}, lower {tl}, lower bound {tb}")
    if ts:
        print(f"lower / stock          {tl / ts:.3f}")
    above_pack = []
    if with_pack:
        both = [r for r in rows if r["pack"]]
        tp = sum(r["packed"] for r in both)
        above_pack = [r for r in both if r["lowered"] > r["packed"]]
        below = [r for r in both if r["lowered"] < r["packed"]]
        print(f"lower / packed         {sum(r['lowered'] for r in both) / tp:.3f}" if tp else
              "lower / packed         -")
        print(f"smaller than packed    {len(below)} coroutines, saving "
              f"{sum(r['packed'] - r['lowered'] for r in below)} bytes")
        k = sum(1 for r in above_pack if r in lowered)
        print(f"above packed           {len(above_pack)} coroutines" + (f" ({k} lowered)" if k else ""))
    print(f"above stock (lower)    {len(above)} coroutines")
    if n:
        print(f"within 2% (lower)      {len(near)} of {n} ({100.0 * len(near) / n:.1f}%)")
    return above, above_pack


def main(argv):
    args = [a for a in argv[1:]]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    build = os.path.abspath(args.pop(0))
    level, per, files, reps, modes = "-O2", False, [], 3, list(MODES)
    while args:
        a = args.pop(0)
        if a in ("-O0", "-O1", "-O2", "-O3"):
            level = a
        elif a == "--per-coroutine":
            per = True
        elif a == "--reps" and args:
            reps = int(args.pop(0))
        elif a == "--modes" and args:
            modes = args.pop(0).split(",")
            bad = [m for m in modes if m not in MODES]
            if bad or not modes:
                sys.exit(f"corpus.py: --modes takes a list of {','.join(MODES)}, not '{','.join(bad)}'")
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
    with tempfile.TemporaryDirectory(prefix="coropack-bench-") as tmp:
        reports = {m: os.path.join(tmp, m) + "/" for m in modes}
        for d in reports.values():
            os.makedirs(d)
        base = [cxx, "-std=c++20", level, "-c", "-w", "-o", os.path.join(tmp, "x.o")]
        cpu, failed = build_all(files, modes, reps, base, plugin, reports)
        got = {m: load(reports[m]) for m in modes}

    rows = []
    for key in sorted(set().union(*got.values())):
        p, lo = got.get("pack", {}).get(key), got.get("lower", {}).get(key)
        # The stock size from pack mode's report when there is one: it
        # measures LLVM's split where the stock pipeline runs it.
        stock = size(p, "stock_size") or size(lo, "stock_size")
        rows.append({"src": key[0], "name": (p or lo).get("demangled") or key[1],
                     "pack": p, "lower": lo, "stock": stock,
                     "packed": size(p, "packed_size"), "lowered": size(lo, "packed_size"),
                     "bound": size(p, "lower_bound") or size(lo, "lower_bound")})
    rows.sort(key=lambda r: (-(r["stock"] - (r["packed"] if r["pack"] else r["lowered"])),
                             r["name"], r["src"]))

    if per:
        cols = [("packed", "pack"), ("lower", "lower")]
        cols = [(h, m) for h, m in cols if m in modes]
        print(f"{'stock':>7} " + "".join(f"{h:>7} " for h, _ in cols) +
              f"{'bound':>7}  coroutine (file) [status]")
        for r in rows:
            sizes = "".join(f"{r['packed' if m == 'pack' else 'lowered']:7d} " for _, m in cols)
            notes = [f"{m}: {r[m]['status']}" for _, m in cols
                     if r[m] and r[m]["status"] not in ("packed", "lowered")]
            st = f" [{'; '.join(notes)}]" if notes else ""
            print(f"{r['stock']:7d} {sizes}{r['bound']:7d}  {r['name'][:90]} ({r['src']}){st}")
        print()

    above, above_l, above_p = [], [], []
    if "pack" in modes:
        above = print_pack(rows, len(files), level)
    if "lower" in modes:
        above_l, above_p = print_lower(rows, len(files), level, "pack" in modes)
    if cpu["stock"]:
        s = cpu["stock"]
        if "pack" in modes:
            print(f"compile CPU time       stock {s:.2f} s, plugin {cpu['pack']:.2f} s, "
                  f"ratio {cpu['pack'] / s:.3f} (best of {reps} per file)")
        if "lower" in modes:
            print(f"compile CPU (lower)    stock {s:.2f} s, lower {cpu['lower']:.2f} s, "
                  f"ratio {cpu['lower'] / s:.3f} (best of {reps} per file)")
    for f, msg in failed:
        print(f"FAILED to build {os.path.relpath(f, ROOT)}: {msg}")
    for r in above:
        print(f"ABOVE STOCK: {r['name']} ({r['src']}): {r['packed']} > {r['stock']}")
    for r in above_l:
        print(f"ABOVE STOCK (lower): {r['name']} ({r['src']}): {r['lowered']} > {r['stock']}")
    for r in above_p:
        print(f"ABOVE PACKED (lower): {r['name']} ({r['src']}): {r['lowered']} > {r['packed']}")
    return 1 if failed or above or above_l or above_p else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
