#!/usr/bin/env python3
"""Compile cost of the coropack plugin against stock clang++-22.

    bench/compile_cost.py BUILD [--series LIST] [--files F...] [--levels ...]
                          [--modes pack,lower] [--repeat R] [--sizes-only]

Compiles each translation unit with stock clang++-22 and with the plugin in
each mode (COROPACK_MODE), -c to an object file, and prints a table: CPU time
(user+sys) and peak RSS of the compiler process for stock and each mode, their
ratios, and the frame bytes of each build (the sum over the TU's
coroutines of LLVM's own -Rpass=coro-split frame_size remarks for stock and
pack mode, which round each frame up to its alignment; lower mode's frames
come from COROPACK_REPORT, as LLVM's split does not run on what coropack
lowers, rounded the same way, in one more build that is not timed: a build
writing a report also splits copies for the stock sizes it reports).
The worst ratio and the totals close the table. Exit status 1 when a build
fails.

Translation units: --files (any C++20 sources; e.g. tests/diff/programs/*.cpp)
and the generated series (--series, comma-separated; default all):

  coros-N      N small coroutines in one TU (N = 50..800), -O2
  coros-g-N    the same with -g (debug metadata cloning is what explodes)
  suspends-N   one coroutine with N suspends in a row, each value live
               across 4 of them (N = 250..4000), -O0
  live-N       one coroutine with N values all live across one suspend,
               -O2

The generated sources go to a temporary directory (--keep DIR keeps them).
Times are the best of --repeat runs (default 1); each repeat builds stock
and every mode in turn, so drift of the machine moves them alike.
--paired instead compiles stock and one mode at the same time, one per
core, --repeat times per mode, and takes the median of the pairs' CPU
ratios: both halves of a pair see the machine at the same speed, so the
ratio holds where single timings drift by tens of percent (a machine with
two idle cores; the totals' ratio is then the stock-weighted mean of the
units' ratios).
--instructions runs each compiler under valgrind's callgrind and prints
billions of instructions executed (Gi) in place of CPU seconds: exact from
run to run, where CPU time on a shared machine drifts by tens of percent;
about 50 times slower, so for small units. A timeout (--timeout S, default
600) counts as a failure and is printed as such.
"""
import argparse
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

PRELUDE = r"""
#include <coroutine>
#include <exception>
struct task {
  struct promise_type {
    long v = 0;
    task get_return_object() { return {std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(long x) { v = x; }
    void unhandled_exception() { std::terminate(); }
  };
  std::coroutine_handle<promise_type> h;
};
struct step {
  long x;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  long await_resume() const noexcept { return x; }
};
extern long sink(long);
extern volatile long src;
"""

SERIES = {
    "coros": [50, 100, 200, 400, 800],
    "coros-g": [50, 100, 200, 400, 800],
    "suspends": [250, 500, 1000, 2000, 4000],
    "live": [250, 500, 1000, 2000],
}


def gen_coros(n):
    out = [PRELUDE]
    for i in range(n):
        out.append(f"""
task c{i}(long a, long b) {{
  long buf[4] = {{a, b, a + b, a - b}};
  long x = co_await step{{a}};
  for (int k = 0; k < 3; k++) {{
    long y = co_await step{{buf[k] + x}};
    buf[k + 1] += sink(y);
  }}
  long z = co_await step{{buf[3]}};
  co_return x + z + buf[0] + {i};
}}""")
    return "\n".join(out)


def gen_suspends(n):
    body = ["task big(long a) {"]
    for i in range(n):
        body.append(f"  long v{i} = sink(a + {i});")
        body.append(f"  co_await step{{{i}}};")
        if i >= 4:
            body.append(f"  a += v{i - 4};")
    body.append("  co_return a;\n}")
    return PRELUDE + "\n".join(body)


def gen_live(n):
    body = ["task big(long a) {"]
    for i in range(n):
        body.append(f"  long v{i} = src + {i};")
    body.append("  co_await step{a};")
    body.append("  long s = 0;")
    for i in range(n):
        body.append(f"  s = sink(s + v{i});")
    body.append("  co_return s;\n}")
    return PRELUDE + "\n".join(body)


def generated(names, tmp):
    units = []
    for name in names:
        for n in SERIES[name]:
            if name == "coros":
                src, level, g = gen_coros(n), "-O2", False
            elif name == "coros-g":
                src, level, g = gen_coros(n), "-O2", True
            elif name == "suspends":
                src, level, g = gen_suspends(n), "-O0", False
            else:
                src, level, g = gen_live(n), "-O2", False
            path = os.path.join(tmp, f"{name}-{n}.cpp")
            with open(path, "w") as f:
                f.write(src)
            units.append((f"{name}-{n}", path, [level] + (["-g"] if g else [])))
    return units


SPLIT = re.compile(r"frame_size\D*(\d+)")

# --instructions: the compiler runs under callgrind and "CPU" is the number
# of instructions it executed (billions), which does not drift with the
# machine as CPU time does; peak RSS is then valgrind's and means little.
INSTRUCTIONS = False
IREFS = re.compile(r"I\s+refs:\s+([\d,]+)")


# Linux keeps a process's peak RSS across execve: a compiler started from
# this (large) Python process would report this process's peak when that is
# higher. So a small Python forks the compiler and writes the compiler's own
# exit status and rusage to the file named first.
LAUNCH = r"""
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, ru = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write("%d %r %r %d" % (os.waitstatus_to_exitcode(status), ru.ru_utime, ru.ru_stime,
                              ru.ru_maxrss))
"""


def run_rusage(cmd, env, timeout):
    """(returncode or None on timeout, stderr text, cpu seconds, peak RSS MiB)
    of one compiler process, from its own rusage (os.wait4 in LAUNCH)."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as res:
        p = subprocess.Popen([sys.executable, "-c", LAUNCH, res.name] + cmd, env=env,
                             stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        try:
            p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        err.seek(0)
        text = err.read().decode(errors="replace")
        fields = open(res.name).read().split()
    if len(fields) != 4:
        return None, text, float(timeout), 0.0
    return int(fields[0]), text, float(fields[1]) + float(fields[2]), int(fields[3]) / 1024.0


def compile_once(cxx, src, flags, plugin, mode, tmp, timeout, with_report=False):
    """dict(cpu, rss, frames, ok, note) of one compile: CPU seconds, peak RSS
    in MiB, frame bytes (see the module comment). with_report: the plugin
    writes its report (lower mode's frames are read from it); a build that
    writes one also measures stock sizes the build itself does not need, so
    timed builds go without."""
    env = dict(os.environ)
    env.pop("COROPACK_MODE", None)
    env.pop("COROPACK_REPORT", None)
    env.pop("COROPACK_CHECK_STOCK_FLOOR", None)
    cmd = [cxx, "-std=c++20", "-c", "-o", os.path.join(tmp, "out.o"), src] + flags
    cmd += ["-Rpass=coro-split"]
    report = os.path.join(tmp, "report.json")
    if os.path.exists(report):
        os.unlink(report)
    if plugin:
        cmd.append(f"-fpass-plugin={plugin}")
        env["COROPACK_MODE"] = mode
        if with_report:
            env["COROPACK_REPORT"] = report
    if INSTRUCTIONS and not with_report:
        cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"] + cmd
    rc, text, cpu, rss = run_rusage(cmd, env, timeout)
    if INSTRUCTIONS and not with_report:
        m = IREFS.search(text)
        cpu = int(m.group(1).replace(",", "")) / 1e9 if m else 0.0
        if rc == 0 and not m:
            rc, text = 1, "valgrind printed no instruction count"
    frames = sum(int(m.group(1)) for line in text.splitlines() if "[-Rpass=coro-split]" in line
                 for m in [SPLIT.search(line)] if m)
    if plugin and mode == "lower" and rc == 0 and os.path.exists(report):
        # What coropack lowered has no coro-split remark: its frames are in
        # the report, as allocated; rounded up to the frame's alignment
        # here, as the remarks show the other builds' frames.
        with open(report) as f:
            rep = json.load(f)
        frames += sum(-(-c.get("packed_size", 0) // max(c.get("align", 1), 1)) * max(c.get("align", 1), 1)
                      for c in rep.get("coroutines", []) if c.get("status") == "lowered")
    note = "" if rc == 0 else ("timeout" if rc is None else
                               (text.strip().splitlines() or ["exit %d" % rc])[-1][:120])
    return dict(cpu=cpu, rss=rss, frames=frames, ok=rc == 0, note=note)


def measure_all(cxx, src, flags, plugin, modes, tmp, timeout, repeat):
    """{mode: best compile} for stock (key None) and each mode. Each repeat
    builds stock and then every mode, so a machine that drifts between
    repeats moves all of them alike; the best is the run with the least CPU
    (RSS is that run's). Lower mode's frame bytes come from one more
    (untimed) build with the report."""
    best = {}
    for _ in range(repeat):
        for mode in [None] + modes:
            r = compile_once(cxx, src, flags, plugin if mode else None, mode, tmp, timeout)
            b = best.get(mode)
            if b is None or (r["ok"] and (not b["ok"] or r["cpu"] < b["cpu"])):
                best[mode] = r
    low = best.get("lower")
    if low and low["ok"]:
        low["frames"] = compile_once(cxx, src, flags, plugin, "lower", tmp, timeout, True)["frames"]
    return best


def measure_paired(cxx, src, flags, plugin, modes, tmp, timeout, repeat):
    """{mode: compile} as measure_all, from pairs: each repeat compiles stock
    and one mode at the same time, one process per core, so both run on the
    machine as it is at that moment; a pair's CPU ratio cancels the drift
    that moves single runs by tens of percent on a shared machine. Stock's
    CPU is the median over all pairs, each mode's is that times the median
    of its pairs' ratios (its "x" field)."""
    pairs = {m: [] for m in modes}
    dirs = [os.path.join(tmp, d) for d in ("stock", "plugin")]
    for d in dirs:
        os.makedirs(d, exist_ok=True)
    with ThreadPoolExecutor(2) as ex:
        for _ in range(repeat):
            for m in modes:
                a = ex.submit(compile_once, cxx, src, flags, None, None, dirs[0], timeout)
                b = ex.submit(compile_once, cxx, src, flags, plugin, m, dirs[1], timeout)
                pairs[m].append((a.result(), b.result()))
    stock = [a for m in modes for a, _ in pairs[m]]
    best = {None: dict(stock[0], cpu=statistics.median(a["cpu"] for a in stock),
                       rss=max(a["rss"] for a in stock), ok=all(a["ok"] for a in stock))}
    for m in modes:
        x = statistics.median(b["cpu"] / a["cpu"] if a["cpu"] else 0.0 for a, b in pairs[m])
        bad = [b for _, b in pairs[m] if not b["ok"]]
        best[m] = dict(bad[0] if bad else pairs[m][0][1], cpu=best[None]["cpu"] * x, x=x,
                       rss=max(b["rss"] for _, b in pairs[m]))
    if "lower" in best and best["lower"]["ok"]:
        best["lower"]["frames"] = compile_once(cxx, src, flags, plugin, "lower", dirs[1], timeout,
                                               True)["frames"]
    return best


def run(args, plugin, tmp):
    names = [s for s in args.series.split(",") if s]
    for s in names:
        if s not in SERIES:
            sys.exit(f"compile_cost.py: unknown series {s!r} ({', '.join(SERIES)})")
    if args.sizes:
        for s in names:
            SERIES[s] = [int(x) for x in args.sizes.split(",")]
    units = [(os.path.basename(f), os.path.abspath(f), args.file_flags.split()) for f in args.files]
    units += generated(names, tmp)
    modes = [m for m in args.modes.split(",") if m]
    u = " Gi" if INSTRUCTIONS else " s"
    hdr = f"{'unit':<28} {'stock' + u:>8} {'MiB':>6}"
    for m in modes:
        hdr += f" | {m + u:>8} {'x':>5} {'MiB':>6} {'x':>5}"
    hdr += " | frame bytes stock" + "".join(f" {m}" for m in modes)
    print(hdr)
    failed = 0
    tot = {m: [0.0, 0.0] for m in ["stock"] + modes}
    worst = {m: (0.0, 0.0, "", "") for m in modes}
    for name, src, flags in units:
        measure = measure_paired if args.paired else measure_all
        res = measure(args.cxx, src, flags, plugin, modes, tmp, args.timeout, args.repeat)
        st = res[None]
        line = f"{name:<28} {st['cpu']:8.2f} {st['rss']:6.0f}"
        frames = [st["frames"]]
        tot["stock"][0] += st["cpu"]
        tot["stock"][1] = max(tot["stock"][1], st["rss"])
        for m in modes:
            r = res[m]
            xc = r["cpu"] / st["cpu"] if st["cpu"] else 0
            xm = r["rss"] / st["rss"] if st["rss"] else 0
            line += f" | {r['cpu']:8.2f} {xc:5.2f} {r['rss']:6.0f} {xm:5.2f}"
            frames.append(r["frames"])
            tot[m][0] += r["cpu"]
            tot[m][1] = max(tot[m][1], r["rss"])
            w = worst[m]
            worst[m] = (max(w[0], xc), max(w[1], xm), name if xc > w[0] else w[2],
                        name if xm > w[1] else w[3])
            if not r["ok"]:
                failed += 1
                line += f" FAIL({r['note']})"
        if not st["ok"]:
            failed += 1
            line += f" STOCK FAIL({st['note']})"
        print(line + " | " + " ".join(str(f) for f in frames), flush=True)
    print(f"{'total':<28} {tot['stock'][0]:8.2f} {tot['stock'][1]:6.0f}" +
          "".join(f" | {tot[m][0]:8.2f} {tot[m][0] / max(tot['stock'][0], 1e-9):5.2f}"
                  f" {tot[m][1]:6.0f} {tot[m][1] / max(tot['stock'][1], 1e-9):5.2f}" for m in modes))
    for m in modes:
        w = worst[m]
        print(f"worst {m}: CPU {w[0]:.2f}x ({w[2]}), peak RSS {w[1]:.2f}x ({w[3]})")
    if failed:
        print(f"{failed} build(s) failed")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build")
    ap.add_argument("--series", default=",".join(SERIES))
    ap.add_argument("--files", nargs="*", default=[])
    ap.add_argument("--file-flags", default="-O2")
    ap.add_argument("--modes", default="pack,lower")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--timeout", type=int, default=600)
    ap.add_argument("--keep")
    ap.add_argument("--sizes", help="comma-separated N for every chosen series")
    ap.add_argument("--cxx", default="clang++-22")
    ap.add_argument("--instructions", action="store_true",
                    help="count instructions (valgrind's callgrind) instead of CPU time")
    ap.add_argument("--paired", action="store_true",
                    help="time stock and each mode side by side (two cores): medians of pair ratios")
    args = ap.parse_args()
    if args.paired and args.instructions:
        sys.exit("compile_cost.py: --paired times CPU; --instructions needs no pairing")
    global INSTRUCTIONS
    INSTRUCTIONS = args.instructions
    if INSTRUCTIONS and not shutil.which("valgrind"):
        sys.exit("compile_cost.py: --instructions needs valgrind (apt-get install valgrind)")
    plugin = os.path.abspath(os.path.join(args.build, "coropack-plugin.so"))
    if not os.path.exists(plugin):
        sys.exit(f"compile_cost.py: no plugin at {plugin}")
    tmp = tempfile.mkdtemp(prefix="coropack-cost.")
    try:
        return run(args, plugin, tmp)
    finally:
        if args.keep:
            shutil.copytree(tmp, args.keep, dirs_exist_ok=True)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
