#!/usr/bin/env bash
# Resume-path instruction counts: bench/resume_bench.sh BUILD_DIR [CXXFLAG ...]
#
# Builds bench/resume_bench.cpp with clang++-22 -std=c++20 -O2 (plus any
# CXXFLAGs) three ways, stock, with the plugin in pack mode and in lower mode,
# checks that the three print the same checksum, runs each under
# valgrind --tool=callgrind and prints, per variant, with ratios to stock:
#   - the total Ir of the program from main on (--toggle-collect=main: the
#     dynamic loader and libc start-up are left out);
#   - the self Ir of the coroutine clones (*.resume, *.destroy, *.cleanup),
#     in total and per clone. Self: what the clone's own code executes,
#     including what was inlined into it (awaiters, promise methods), not the
#     functions it calls (ramps of awaited tasks). Callgrind's recursion
#     copies (f'2, from symmetric transfer) are added to f.
# Also each coroutine's frame bytes and lower-mode status from the plugin's
# reports. Exit status 1 when a build fails or the checksums differ.
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,16s/^# \{0,1\}//p' "$0" >&2; exit 1; }
build=$(cd "$1" && pwd)
shift
here=$(cd "$(dirname "$0")" && pwd)
cxx=clang++-22
command -v "$cxx" >/dev/null || cxx=/usr/lib/llvm-22/bin/clang++
command -v valgrind >/dev/null || { echo "resume_bench.sh: valgrind not found (apt-get install valgrind)" >&2; exit 1; }
plugin=$("$build/coropack" --plugin-path)
flags=(-std=c++20 -O2 "$@")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/coropack-resume.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
variants=(stock pack lower)

for v in "${variants[@]}"; do
	if [ "$v" = stock ]; then
		env -u COROPACK_MODE -u COROPACK_REPORT "$cxx" "${flags[@]}" "$here/resume_bench.cpp" -o "$tmp/$v"
	else
		mkdir "$tmp/$v.reports"
		COROPACK_MODE=$v COROPACK_REPORT="$tmp/$v.reports/" \
			"$cxx" "${flags[@]}" -fpass-plugin="$plugin" "$here/resume_bench.cpp" -o "$tmp/$v"
	fi
	"$tmp/$v" >"$tmp/$v.stdout"
done
for v in pack lower; do
	if ! cmp -s "$tmp/stock.stdout" "$tmp/$v.stdout"; then
		echo "resume_bench.sh: $v prints something else than stock:" >&2
		diff "$tmp/stock.stdout" "$tmp/$v.stdout" >&2 || true
		exit 1
	fi
done

echo "resume_bench: $cxx ${flags[*]}, $(valgrind --version), Ir from main on"
echo "output (stock, pack and lower alike): $(tail -n 1 "$tmp/stock.stdout")"
python3 - "$tmp" <<'EOF'
import glob, json, sys
tmp = sys.argv[1]
got = {}
for mode in ("pack", "lower"):
    for path in glob.glob(f"{tmp}/{mode}.reports/*.json"):
        for c in json.load(open(path))["coroutines"]:
            got.setdefault(c["demangled"] or c["name"], {})[mode] = c
print(f"{'frame bytes':32} {'stock':>7} {'pack':>7} {'lower':>7}  lower-mode status")
for name, m in sorted(got.items()):
    p, lo = m.get("pack"), m.get("lower")
    print(f"  {name[:30]:30} {(p or lo)['stock_size'] or 0:7d} {p['packed_size'] if p else 0:7d} "
          f"{lo['packed_size'] if lo else 0:7d}  {lo['status'] if lo else '-'}")
EOF

for v in "${variants[@]}"; do
	valgrind --tool=callgrind --toggle-collect=main --demangle=no \
		--callgrind-out-file="$tmp/$v.cg" "$tmp/$v" >/dev/null 2>"$tmp/$v.valgrind" ||
		{ cat "$tmp/$v.valgrind" >&2; exit 1; }
	# "79,000,032 (36.14%)  ???:_Z5mixermi.resume'2 [/path]" -> "count mixer.resume"
	callgrind_annotate --inclusive=no --threshold=100 "$tmp/$v.cg" | awk -v v="$v" '
		/PROGRAM TOTALS/ { gsub(",", "", $1); print $1, "TOTAL"; next }
		/^ *[0-9,]+ .*:[^ ]*\.(resume|destroy|cleanup)(\x27[0-9]+)? / {
			n = $1; gsub(",", "", n)
			f = $0; sub(/^[^:]*:/, "", f); sub(/ .*/, "", f); sub(/\x27[0-9]+$/, "", f)
			ir[f] += n
		}
		END { for (f in ir) print ir[f], f }' |
		c++filt | sed 's/(.*) \[clone \(\.[a-z]*\)\]$/\1/' >"$tmp/$v.ir"
done

# One table: rows TOTAL, CLONES and each clone; columns stock, pack, lower.
awk -v ts=stock -v tp=pack -v tl=lower '
	function ratio(a, b) { return b ? sprintf("%.4f", a / b) : "-" }
	FNR == 1 { v = (FILENAME ~ /stock\.ir$/) ? ts : (FILENAME ~ /pack\.ir$/) ? tp : tl }
	{
		f = $0; sub(/^[0-9]+ /, "", f)
		ir[f, v] = $1
		if (f != "TOTAL") { names[f] = 1; ir["CLONES", v] += $1 }
	}
	END {
		printf "%-44s %13s %13s %7s %13s %7s\n", "Ir", "stock", "pack", "/stock", "lower", "/stock"
		row("total (main, inclusive)", "TOTAL")
		row("coroutine clones (self)", "CLONES")
		n = 0
		for (f in names) sorted[++n] = f
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && sorted[j - 1] > sorted[j]; j--) {
				t = sorted[j]; sorted[j] = sorted[j - 1]; sorted[j - 1] = t
			}
		for (i = 1; i <= n; i++)
			row("  " sorted[i], sorted[i])
	}
	function row(label, k) {
		printf "%-44s %13d %13d %7s %13d %7s\n", label, ir[k, ts], ir[k, tp], ratio(ir[k, tp], ir[k, ts]),
			ir[k, tl], ratio(ir[k, tl], ir[k, ts])
	}' "$tmp/stock.ir" "$tmp/pack.ir" "$tmp/lower.ir"
