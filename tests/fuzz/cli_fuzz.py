#!/usr/bin/env python3
"""Fuzz run of the coropack CLI: random, truncated and mutated inputs.

    tests/fuzz/cli_fuzz.py COROPACK [--count N] [--seed S] [--keep DIR]
                           [--timeout S] [--seeds-from SRC_DIR] [-v]

COROPACK is the CLI binary; build it with ASan and UBSan (tests/fuzz/run.sh
does) so that a memory error or a leak is seen, not only a signal.

Seeds: the IR files of tests/lit (every shape of coroutine the project
tests, and the malformed ones: two coro.begins, two final suspends), the
pre-split IR clang makes of a few tests/diff/programs at -O0 and -O1 (made
here with clang++-22), their bitcode (llvm-as-22), the JSON reports coropack
writes of them in both layouts (the report form, a coroutine per line, and
the indented form of show), and the reports of tests/lit/cli/Inputs. Plus
special files: /dev/null, /dev/zero, /proc/self/status, a directory, a file
that does not exist.

First every seed and special file is read as it is (IR: report in the
default, pack and lower mode; bitcode: report; JSON: show as text and dot,
summary; special files: report, show, merge). Then each of --count cases
takes a seed, applies one to three mutations of its
kind (IR text: lines deleted, duplicated, swapped, constants and types
replaced, bytes flipped, cut short; bitcode: bytes flipped, inserted,
deleted, cut short; JSON: a value anywhere replaced by one of another type or
an extreme number, a key dropped or duplicated, deep nesting, bytes flipped,
cut short) and runs one command on it: report (text, json, dot; pack, lower
and report mode; frontend and presplit input), show (text, json, dot, svg),
merge, summary or diff. A case passes when the command
  - ends by itself within --timeout seconds (default 60) and exits 0, 1 or 2,
    never by a signal;
  - reports no sanitizer error (AddressSanitizer, LeakSanitizer, UBSan);
  - and, when it fails, says why on exactly one line starting "coropack: ".
Graphviz's own leaks (libgvc, libcgraph; see docs/cli.md) are suppressed, and
so is a leak of LLVM's bitcode reader on invalid bitcode (judged on a second
run with full stacks).

Every failure is one FAIL line with the command; --keep DIR keeps the input.
The last line is "N passed, N failed"; exit status 1 on any failure.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PROGRAMS = ["gen_basic.cpp", "exc_inside.cpp", "async_tree.cpp", "params.cpp", "overaligned.cpp"]
EXTREMES = [0, -1, 1, 3, 2**31, 2**32, 2**53 + 1, 2**62, 2**63 - 1, -2**63, 1e308, 0.5, -0.0]
SANITIZER = ("AddressSanitizer", "LeakSanitizer", "runtime error:", "UndefinedBehaviorSanitizer")


def tool(name):
    return shutil.which(name + "-22") or f"/usr/lib/llvm-22/bin/{name}"


def make_seeds(coropack, work, rng, quick):
    """dict kind -> list of (name, bytes)."""
    seeds = {"ll": [], "bc": [], "json": []}
    for d, _, files in os.walk(os.path.join(ROOT, "tests", "lit")):
        for f in sorted(files):
            p = os.path.join(d, f)
            if f.endswith(".ll"):
                seeds["ll"].append((f, open(p, "rb").read()))
            elif f.endswith(".json"):
                seeds["json"].append((f, open(p, "rb").read()))
    cxx = shutil.which("clang++-22") or tool("clang++")
    for prog in PROGRAMS[:2] if quick else PROGRAMS:
        src = os.path.join(ROOT, "tests", "diff", "programs", prog)
        for lvl in ("-O0", "-O1"):
            out = os.path.join(work, f"{prog}{lvl}.ll")
            r = subprocess.run([cxx, "-std=c++20", lvl, "-S", "-emit-llvm", "-Xclang",
                                "-disable-llvm-passes", "-I", os.path.dirname(src), src, "-o", out],
                               capture_output=True)
            if r.returncode == 0:
                seeds["ll"].append((os.path.basename(out), open(out, "rb").read()))
    for name, data in list(seeds["ll"]):
        ll = os.path.join(work, "seed.ll")
        open(ll, "wb").write(data)
        bc = os.path.join(work, "seed.bc")
        if subprocess.run([tool("llvm-as"), ll, "-o", bc], capture_output=True).returncode == 0:
            seeds["bc"].append((name[:-3] + ".bc", open(bc, "rb").read()))
        js = os.path.join(work, "seed.json")
        r = subprocess.run([coropack, "report", ll, "--format", "json", "-o", js],
                           capture_output=True, timeout=120)
        if r.returncode == 0:
            seeds["json"].append((name[:-3] + ".json", open(js, "rb").read()))
            r = subprocess.run([coropack, "show", js, "--format", "json"], capture_output=True)
            if r.returncode == 0:
                seeds["json"].append((name[:-3] + ".pretty.json", r.stdout))
    return seeds


# --- mutations ----------------------------------------------------------------

def flip(rng, b):
    b = bytearray(b)
    for _ in range(rng.randint(1, 8)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    return bytes(b)


def cut(rng, b):
    return b[:rng.randrange(len(b) + 1)]


def splice(rng, b):
    b = bytearray(b)
    i = rng.randrange(len(b) + 1)
    if rng.random() < 0.5 and b:
        del b[i:i + rng.randint(1, 64)]
    else:
        b[i:i] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return bytes(b)


def ll_lines(rng, b):
    lines = b.split(b"\n")
    body = [i for i, l in enumerate(lines) if l.startswith(b"  ")] or list(range(len(lines)))
    i = rng.choice(body)
    op = rng.randrange(6)
    if op == 0:
        del lines[i]
    elif op == 1:  # a second copy; a definition gets a fresh name
        l = lines[i]
        if l.lstrip().startswith(b"%") and b" = " in l:
            name, rest = l.split(b" = ", 1)
            l = name + b".fz%d = " % rng.randrange(1000) + rest
        lines.insert(i + 1, l)
    elif op == 2 and i + 1 < len(lines):
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    elif op == 3:
        lines[i] = lines[i].replace(b"i1 false", b"i1 true") if b"i1 false" in lines[i] \
            else lines[i].replace(b"i1 true", b"i1 false")
    elif op == 4:  # a constant
        words = lines[i].split(b" ")
        nums = [k for k, w in enumerate(words) if w.rstrip(b",").lstrip(b"-").isdigit()]
        if nums:
            k = rng.choice(nums)
            tail = b"," if words[k].endswith(b",") else b""
            words[k] = str(rng.choice([0, 1, -1, 7, 255, 4096, 2**31, 2**40, -2**63])).encode() + tail
            lines[i] = b" ".join(words)
    else:  # a type
        for a, z in ((b"i64", b"i8"), (b"i32", b"i64"), (b"ptr", b"i64"), (b"i8", b"i1")):
            if a in lines[i]:
                lines[i] = lines[i].replace(a, z, 1)
                break
    return b"\n".join(lines)


def json_value(rng, v, depth=0):
    """v with one value somewhere in it replaced, a key dropped or added."""
    if isinstance(v, dict) and v and (depth < 6 and rng.random() < 0.8):
        k = rng.choice(list(v))
        op = rng.randrange(10)
        if op == 0:
            del v[k]
        elif op == 1:
            v[k + "x"] = v[k]
        else:
            v[k] = json_value(rng, v[k], depth + 1)
        return v
    if isinstance(v, list) and v and (depth < 6 and rng.random() < 0.8):
        i = rng.randrange(len(v))
        op = rng.randrange(8)
        if op == 0:
            del v[i]
        elif op == 1:
            v.insert(i, v[i])
        else:
            v[i] = json_value(rng, v[i], depth + 1)
        return v
    return rng.choice([None, True, "", "x" * rng.choice([1, 300, 70000]), [], {}, "Suspend99",
                       rng.choice(EXTREMES), rng.choice(EXTREMES)])


def json_mut(rng, b):
    op = rng.randrange(10)
    if op < 6:
        lines = b.split(b"\n")
        # The report form: a coroutine per line; mutate one line's object.
        cand = [i for i, l in enumerate(lines) if l.lstrip().startswith(b"{\"")]
        if len(lines) > 3 and cand and rng.random() < 0.5:
            i = rng.choice(cand)
            l = lines[i].rstrip()
            comma = l.endswith(b",")
            try:
                o = json.loads(l[:-1] if comma else l)
                lines[i] = json.dumps(json_value(rng, o), separators=(",", ":")).encode() \
                    + (b"," if comma else b"")
                return b"\n".join(lines)
            except (ValueError, RecursionError):
                pass
        try:
            o = json.loads(b)
            return json.dumps(json_value(rng, o)).encode()
        except (ValueError, RecursionError):  # an earlier mutation broke it
            return flip(rng, b)
    if op == 6:  # deep nesting where a value goes
        d = rng.choice([100, 3000, 100000])
        return b.replace(b"null", b"[" * d + b"]" * d, 1) if b"null" in b else b"[" * d
    if op == 7:  # a duplicated key
        return b.replace(b"\"name\":", b"\"name\":\"a\",\"name\":", 1)
    return rng.choice([flip, cut, splice])(rng, b)


MUTATE = {
    "ll": lambda rng, b: rng.choice([ll_lines, ll_lines, ll_lines, flip, cut, splice])(rng, b),
    "bc": lambda rng, b: rng.choice([flip, cut, splice])(rng, b),
    "json": json_mut,
}

REPORT = [[], ["--format", "json"], ["--format", "dot"], ["--mode", "pack"], ["--mode", "lower"],
          ["--mode", "report"], ["--input", "presplit"], ["--input", "frontend"], ["-O0"], ["-O1"]]


def command(rng, coropack, kind, path, other, out):
    if kind in ("ll", "bc", "special") and (kind != "special" or rng.random() < 0.5):
        return [coropack, "report", path] + rng.choice(REPORT)
    c = rng.randrange(8)
    if c == 0:
        return [coropack, "show", path]
    if c == 1:
        return [coropack, "show", path, "--format", rng.choice(["json", "dot"])]
    if c == 2:
        return [coropack, "show", path, "--format", "svg", "-o", out]
    if c == 3:
        return [coropack, "merge", path, other, "-o", out]
    if c == 4:
        return [coropack, "summary", path] + rng.choice([[], ["--format", "json"], ["--top", "3"]])
    if c == 5:
        return [coropack, "diff", other, path]
    if c == 6:
        return [coropack, "diff", path, path, "--format", "json"]
    return [coropack, "show", path, "--hex"]


def check(cmd, r, timeout):
    """The reason the run fails, or None."""
    if r is None:
        return f"did not end within {timeout} s"
    err = r.stderr.decode(errors="replace")
    if r.returncode < 0:
        return f"killed by signal {-r.returncode}"
    for s in SANITIZER:
        if s in err:
            line = next(l for l in err.splitlines() if s in l)
            return f"sanitizer: {line[:200]}"
    if r.returncode not in (0, 1, 2):
        return f"exit {r.returncode}: {err.strip().splitlines()[-1][:200] if err.strip() else ''}"
    if r.returncode != 0:
        lines = err.splitlines()
        if len(lines) != 1 or not lines[0].startswith("coropack: "):
            return f"exit {r.returncode} with {len(lines)} lines on stderr: {err[:200]!r}"
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("coropack")
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=int, default=60)
    ap.add_argument("--keep")
    ap.add_argument("--quick", action="store_true", help="fewer C++ seeds (faster start)")
    ap.add_argument("-v", action="store_true")
    a = ap.parse_args()
    coropack = os.path.abspath(a.coropack)
    if not os.access(coropack, os.X_OK):
        sys.exit(f"cli_fuzz.py: {a.coropack} is not an executable")
    rng = random.Random(a.seed)
    env = dict(os.environ)
    work = tempfile.mkdtemp(prefix="coropack-fuzz.")
    supp = os.path.join(work, "lsan.supp")
    with open(supp, "w") as f:
        f.write("leak:libgvc\nleak:libcgraph\nleak:libcdt\nleak:libpathplan\nleak:libgvplugin\n"
                "leak:libexpat\nleak:libcairo\nleak:libpango\nleak:libfontconfig\nleak:libglib\n")
    # allocator_may_return_null: a huge request (a corrupt bitcode's vector
    # size) fails as malloc fails without ASan, into LLVM's bad-alloc
    # handler ("LLVM error: Allocation failed"), not into an ASan report.
    env["ASAN_OPTIONS"] = "detect_leaks=1:exitcode=99:allocator_may_return_null=1"
    env["LSAN_OPTIONS"] = f"suppressions={supp}:print_suppressions=0:exitcode=98"
    env["UBSAN_OPTIONS"] = "halt_on_error=1:exitcode=97:print_stacktrace=1"
    # LLVM's bitcode reader leaks the instruction it was reading when that
    # instruction is invalid (seen with a call's fast-math flags). A leak is
    # judged with the slow unwinder, whose stacks reach the reader's frames.
    slow_supp = os.path.join(work, "lsan-llvm.supp")
    with open(slow_supp, "w") as f:
        f.write(open(supp).read() + "leak:llvm::parseBitcodeFile\n")
    slow_env = dict(env, ASAN_OPTIONS=env["ASAN_OPTIONS"] + ":fast_unwind_on_malloc=0",
                    LSAN_OPTIONS=f"suppressions={slow_supp}:print_suppressions=0:exitcode=98")
    try:
        seeds = make_seeds(coropack, work, rng, a.quick)
        if not all(seeds.values()):
            sys.exit("cli_fuzz.py: could not make seeds of every kind")
        os.mkdir(os.path.join(work, "adir"))
        specials = ["/dev/null", "/dev/zero", "/proc/self/status", os.path.join(work, "adir"),
                    os.path.join(work, "missing.json")]
        print(f"cli_fuzz: {len(seeds['ll'])} IR, {len(seeds['bc'])} bitcode, "
              f"{len(seeds['json'])} JSON seeds and {len(specials)} special files, each read "
              f"as it is; then {a.count} mutated cases, seed {a.seed}", flush=True)
        good = os.path.join(work, "good.json")
        open(good, "wb").write(seeds["json"][0][1])
        passed = failed = 0
        counts = {}
        out = os.path.join(work, "out")
        # First every seed as it is, through the commands that read it.
        cases = [("ll", nm, d, [c]) for nm, d in seeds["ll"]
                 for c in ([], ["--mode", "pack"], ["--mode", "lower", "--format", "json"])]
        cases += [("bc", nm, d, [[]]) for nm, d in seeds["bc"]]
        cases += [("json", nm, d, [["show"], ["show", "--format", "dot"], ["summary"]])
                  for nm, d in seeds["json"]]
        cases += [("special", p, None, [["report"], ["show"], ["merge"]]) for p in specials]
        fixed = []
        for kind, nm, d, cmds in cases:
            for c in cmds:
                fixed.append((kind, nm, d, c))
        for n in range(len(fixed) + a.count):
            if n < len(fixed):
                kind, name, data, extra = fixed[n]
                path = name if kind == "special" else os.path.join(work, f"case.{kind}")
                if data is not None:
                    open(path, "wb").write(data)
                if kind in ("ll", "bc"):
                    cmd = [coropack, "report", path] + extra
                else:
                    cmd = [coropack, extra[0], path] + extra[1:]
                what = f"seed {name}"
            else:
                kind = rng.choice(["ll", "ll", "bc", "json", "json", "json"] + ["special"] * (n % 10 == 0))
                if kind == "special":
                    path, what = rng.choice(specials), "special"
                else:
                    name, data = rng.choice(seeds[kind])
                    for _ in range(rng.randint(1, 3)):
                        data = MUTATE[kind](rng, data) if data else data
                    path = os.path.join(work, f"case.{kind}")
                    open(path, "wb").write(data)
                    what = f"{kind} from {name}"
                cmd = command(rng, coropack, kind, path, good, out)
            try:
                r = subprocess.run(cmd, capture_output=True, timeout=a.timeout, env=env, cwd=work)
            except subprocess.TimeoutExpired:
                r = None
            why = check(cmd, r, a.timeout)
            if why and ("LeakSanitizer" in why or "leaked in" in why):
                # Whose leak? Again with full stacks, LLVM's own suppressed.
                try:
                    r2 = subprocess.run(cmd, capture_output=True, timeout=a.timeout * 4,
                                        env=slow_env, cwd=work)
                    why = check(cmd, r2, a.timeout * 4)
                except subprocess.TimeoutExpired:
                    pass
            rc = "timeout" if r is None else r.returncode
            counts[(cmd[1], rc)] = counts.get((cmd[1], rc), 0) + 1
            if why is None:
                passed += 1
                if a.v:
                    print(f"pass {n} ({what}): {' '.join(cmd[1:])} -> {rc}")
            else:
                failed += 1
                kept = ""
                if a.keep and kind != "special" and data is not None:
                    os.makedirs(a.keep, exist_ok=True)
                    kept = os.path.join(a.keep, f"case{a.seed}-{n}.{kind}")
                    shutil.copy(path, kept)
                print(f"FAIL case {n} ({what}): {why}; command: coropack {' '.join(cmd[1:])}"
                      + (f" (input kept as {kept})" if kept else ""), flush=True)
        print("exit statuses: " + ", ".join(f"{c} {rc}: {k}" for (c, rc), k in sorted(
            counts.items(), key=lambda x: (x[0][0], str(x[0][1])))))
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
