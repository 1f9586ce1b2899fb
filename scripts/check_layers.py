#!/usr/bin/env python3
"""The layers of the source tree, checked (ctest `layers`).

1. Includes: only pass/llvm includes LLVM's headers (llvm-c/ or llvm/);
   pass/core includes neither LLVM nor jansson nor Graphviz; the report
   code (tool/report) no Graphviz, the pictures (viz) no jansson.
2. Function length: no function in pass/, tool/ or viz/ is longer than
   LIMIT lines unless the line before it (or the first line of its
   comment block) says why, in a comment that starts "Long:".

Prints one line per violation and exits 1 if there is one; with
--lengths it also prints every function's length, longest first, and
the counts (the figures in docs/design.md come from it).
"""
import argparse
import os
import re
import sys

LIMIT = 100
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORBIDDEN = {
    "pass/core": ("llvm-c/", "llvm/", "jansson.h", "graphviz/"),
    "tool/report": ("llvm-c/", "llvm/", "graphviz/"),
    "tool": ("llvm-c/", "llvm/"),
    "viz": ("llvm-c/", "llvm/", "jansson.h"),
}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
def sources(dirs):
    for d in dirs:
        for base, _, names in os.walk(os.path.join(ROOT, d)):
            for n in sorted(names):
                if n.endswith((".c", ".h", ".cpp")):
                    yield os.path.relpath(os.path.join(base, n), ROOT)


def layer(path):
    best = ""
    for d in FORBIDDEN:
        if (path.startswith(d + "/")) and len(d) > len(best):
            best = d
    return best


def check_includes(errors):
    for path in sources(["pass", "tool", "viz", "include"]):
        lay = layer(path)
        bad = FORBIDDEN.get(lay, ("llvm-c/", "llvm/") if path.startswith("include/") else ())
        with open(os.path.join(ROOT, path)) as f:
            for no, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if m and m.group(1).startswith(bad):
                    errors.append(f"{path}:{no}: includes {m.group(1)}, outside the layer "
                                  f"that may ({lay or 'include'})")


def strip(text):
    """The text with comments, strings, character literals and preprocessor
    lines blanked (newlines kept, so offsets and line numbers stay)."""
    def blank(m):
        return re.sub(r"[^\n]", " ", m.group(0))
    text = re.sub(r'/\*.*?\*/|//[^\n]*|"(\\.|[^"\\\n])*"|\'(\\.|[^\'\\\n])*\'',
                  blank, text, flags=re.S)
    return re.sub(r"^[ \t]*#([^\n]*\\\n)*[^\n]*", blank, text, flags=re.M)


SCOPE = re.compile(r"\b(namespace|class|struct|union|extern)\b")
FUNC_TAIL = re.compile(r"\)\s*((const|override|final|noexcept|volatile)\s*)*$")
CONTROL = re.compile(r"^\s*(if|for|while|switch|do|else|return|catch)\b")


def functions(path):
    """(first line, length, name, reason) of each function definition:
    a body whose head (the text since the last ;, { or }) ends in ")",
    not nested in another function (lambdas and blocks count to it)."""
    with open(os.path.join(ROOT, path)) as f:
        raw = f.read()
    lines = raw.split("\n")
    code = strip(raw)
    line_of = lambda off: code.count("\n", 0, off) + 1
    stack = []  # per open brace: (kind, head start offset, name)
    last = 0    # offset after the last ; { or }
    for off, ch in enumerate(code):
        if ch == ";":
            last = off + 1
        elif ch == "{":
            head = code[last:off]
            in_func = any(k == "func" for k, _, _ in stack)
            kind = "block"
            if not in_func and FUNC_TAIL.search(head) and not CONTROL.match(head) \
                    and "(" in head:
                kind = "func"
            elif not in_func and SCOPE.search(head) and "(" not in head and "=" not in head:
                kind = "scope"
            name = re.findall(r"([A-Za-z_~][A-Za-z_0-9:~]*)\s*\(", head)
            start = last + len(head) - len(head.lstrip())
            stack.append((kind, start, name[0] if name else "?"))
            last = off + 1
        elif ch == "}":
            if stack:
                kind, start, name = stack.pop()
                if kind == "func":
                    first, endl = line_of(start), line_of(off)
                    yield (first, endl - first + 1, name, reason_before(lines, first))
            last = off + 1


def reason_before(lines, first):
    """The "Long:" line of the comment block right above line FIRST, or ""."""
    k = first - 2
    while k >= 0 and lines[k].lstrip().startswith(("/*", "*", "//")):
        if "Long:" in lines[k]:
            return lines[k].strip()
        k -= 1
    return ""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lengths", action="store_true", help="print every function's length")
    ap.add_argument("--includes", action="store_true", help="check the includes only")
    args = ap.parse_args()
    errors = []
    check_includes(errors)
    if args.includes:
        for e in errors:
            print(e)
        return 1 if errors else 0
    rows = []
    for path in sources(["pass", "tool", "viz"]):
        if not path.endswith((".c", ".cpp")):
            continue
        for first, n, name, reason in functions(path):
            rows.append((n, path, first, name, reason))
            if n > LIMIT and not reason:
                errors.append(f"{path}:{first}: {name} is {n} lines (over {LIMIT}) and no "
                              f"'Long:' comment says why")
    rows.sort(key=lambda r: -r[0])
    if args.lengths:
        for n, path, first, name, reason in rows:
            print(f"{n:5d} {path}:{first} {name}{'  (Long: reason given)' if reason else ''}")
        sizes = [r[0] for r in rows]
        print(f"functions {len(sizes)}, over {LIMIT} lines {sum(s > LIMIT for s in sizes)}, "
              f"over 60 {sum(s > 60 for s in sizes)}, longest {max(sizes)}")
    for e in errors:
        print(e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
