#!/usr/bin/env bash
# Link-time coroutine splitting with the plugin loaded into lld: the nine
# translation units of tests/lto (coroutines of many shapes, main.cpp prints
# a checksum per unit) built with -flto=thin and linked by lld-22 with
# -Wl,--load-pass-plugin, many times, in pack and in lower mode, with lld
# running its ThinLTO backends on several threads in one process (all of
# them with the plugin); and with full LTO (-flto), whose pre-link compile
# already splits coroutines, so that there the plugin is loaded into the
# compiler (-fpass-plugin) as well as into the linker. Every link must
# succeed and every program must print what the stock ThinLTO build prints;
# the frame reports of the first link per mode must show packed (pack mode)
# or lowered (lower mode) coroutines, and be those of a link with one
# ThinLTO thread.
#
#   tests/lto/run.sh BUILD [options]
#
# BUILD is a coropack build directory (BUILD/coropack --plugin-path names the
# plugin). Each link and each run counts once; the last line is "N passed,
# N failed" and the exit status is 1 on any failure.
#
# Options:
#   --links N          ThinLTO links per mode (default 3)
#   --thinlto-jobs J   lld's --thinlto-jobs (default 8); "default" passes none
#   --modes "M..."     plugin modes (default "pack lower")
#   --full-links N     full LTO links per mode (default 1; 0 skips them)
#   --keep             keep the work directory
#   -v                 print a line for every pass too
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
  sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed -e '/^set -u/d' -e 's/^# \{0,1\}//' >&2
  exit 2
}
die() {
  echo "run.sh: $*" >&2
  exit 2
}

[ $# -ge 1 ] || usage
case $1 in -h | --help) usage ;; esac
build=$1
shift
links=3 tjobs=8 modes="pack lower" full=1 keep=0 verbose=0
while [ $# -gt 0 ]; do
  case $1 in
  --links) links=${2:?--links needs a count}; shift ;;
  --thinlto-jobs) tjobs=${2:?--thinlto-jobs needs a count}; shift ;;
  --modes) modes=${2:?--modes needs a list}; shift ;;
  --full-links) full=${2:?--full-links needs a count}; shift ;;
  --keep) keep=1 ;;
  -v) verbose=1 ;;
  -h | --help) usage ;;
  *) die "unknown option '$1' (try --help)" ;;
  esac
  shift
done
[[ $links =~ ^[0-9]+$ ]] || die "--links needs a number, not '$links'"
[[ $full =~ ^[0-9]+$ ]] || die "--full-links needs a number, not '$full'"
[[ $tjobs =~ ^([1-9][0-9]*|default)$ ]] || die "--thinlto-jobs needs a number or 'default', not '$tjobs'"
for m in $modes; do
  case $m in pack | lower | report) ;; *) die "unknown mode '$m' (pack lower report)" ;; esac
done

[ -x "$build/coropack" ] || die "no $build/coropack: build coropack first (cmake --build $build)"
build=$(cd "$build" && pwd)
plugin=$("$build/coropack" --plugin-path) || die "$build/coropack --plugin-path failed"
[ -f "$plugin" ] || die "the plugin $plugin does not exist: build coropack first"
cxx=$(command -v clang++-22 || true)
[ -n "$cxx" ] || cxx=/usr/lib/llvm-22/bin/clang++
[ -x "$cxx" ] || die "no clang++-22 on PATH nor in /usr/lib/llvm-22/bin"
# lld of the same LLVM: an older ld.lld on PATH cannot read LLVM 22 bitcode.
lld=/usr/lib/llvm-22/bin/ld.lld
[ -x "$lld" ] || lld=$(command -v ld.lld-22 || true)
[ -n "$lld" ] && [ -x "$lld" ] || die "no lld-22 (Debian: apt-get install lld-22, or scripts/setup-debian.sh)"

work=$(mktemp -d "${TMPDIR:-/tmp}/coropack-lto.XXXXXX") || die "cannot make a work directory"
cleanup() {
  if [ "$keep" = 1 ]; then
    echo "work directory kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'kill $(jobs -p) 2>/dev/null; exit 130' INT TERM

unset COROPACK_REPORT COROPACK_DEBUG_IR COROPACK_DEBUG_FRAME
flags=(-std=c++20 -O2 -w -I"$here/../diff/programs")
ldflags=(-O2 -fuse-ld=lld "--ld-path=$lld")
link_timeout=600 run_timeout=60
units=()
for f in "$here"/*.cpp; do units+=("$(basename "$f" .cpp)"); done

# --- objects: bitcode for ThinLTO (the plugin acts in the link only) --------
# compile DIR LTOFLAG [flags...]: every unit into DIR, two compiles at a time.
compile() {
  local dir=$1 lto=$2 u
  shift 2
  mkdir -p "$dir"
  for u in "${units[@]}"; do
    "$cxx" "${flags[@]}" "$lto" "$@" -c "$here/$u.cpp" -o "$dir/$u.o" 2>"$dir/$u.log" &
    [ "$(jobs -rp | wc -l)" -ge 2 ] && wait -n
  done
  wait
  for u in "${units[@]}"; do
    [ -f "$dir/$u.o" ] || return 1
  done
}
compile "$work/thin" -flto=thin || die "cannot compile the units (ThinLTO): $(cat "$work"/thin/*.log | head -n 3)"

q() { printf '%q ' "$@"; }

# link NAME OBJDIR MODE [extra linker flags...]: 0, or the driver's status.
link() {
  local name=$1 dir=$2 mode=$3
  shift 3
  local lto=-flto=thin plug=()
  [ "$dir" = thin ] || lto=-flto
  [ "$mode" = stock ] || plug=("-Wl,--load-pass-plugin=$plugin")
  COROPACK_MODE=$mode timeout "$link_timeout" \
    "$cxx" "$lto" "${ldflags[@]}" "${plug[@]+"${plug[@]}"}" "$@" "$work/$dir"/*.o \
    -o "$work/$name" >"$work/$name.log" 2>&1
}

jobflag=()
[ "$tjobs" = default ] || jobflag=("-Wl,--thinlto-jobs=$tjobs")

# The reference: stock ThinLTO (plugin not loaded).
link stock thin stock "${jobflag[@]+"${jobflag[@]}"}" ||
  die "the stock ThinLTO link fails: $(head -n 3 "$work/stock.log")"
timeout "$run_timeout" "$work/stock" >"$work/stock.out" 2>&1
status=$?
[ "$status" = 0 ] || die "the stock ThinLTO program fails (exit $status): $(tail -n 3 "$work/stock.out")"
[ "$verbose" = 1 ] && sed 's/^/  reference: /' "$work/stock.out"

pass=0 fail=0 failmode=
declare -A crashed nlinks
ok() {
  pass=$((pass + 1))
  [ "$verbose" = 1 ] && echo "PASS $*"
  return 0
}
bad() {
  fail=$((fail + 1))
  [ -n "$failmode" ] || failmode=$mode
  echo "FAIL $*"
}

# check NAME KIND MODE STATUS [NOTE]: the link's status, then a run.
check() {
  local name=$1 kind=$2 mode=$3 st=$4 what
  what="$kind LTO, COROPACK_MODE=$mode${5:+, $5}"
  nlinks[$kind-$mode]=$((${nlinks[$kind-$mode]:-0} + 1))
  crashed[$kind-$mode]=${crashed[$kind-$mode]:-0}
  if [ "$st" != 0 ]; then
    crashed[$kind-$mode]=$((${crashed[$kind-$mode]} + 1))
    bad "$name: the link fails (status $st; $what): $(grep -m1 -E 'free|corrupt|Assertion|Segmentation|LLVM ERROR|error|Stack dump|PLEASE' "$work/$name.log" | cut -c1-200)"
    return
  fi
  ok "$name: link ($what)"
  timeout "$run_timeout" "$work/$name" >"$work/$name.out" 2>&1
  st=$?
  if [ "$st" != 0 ]; then
    bad "$name: the program exits with $st ($what): $(tail -n 2 "$work/$name.out" | tr '\n' ' ' | cut -c1-200)"
  elif ! cmp -s "$work/stock.out" "$work/$name.out"; then
    bad "$name: output differs from stock ThinLTO ($what): $(diff "$work/stock.out" "$work/$name.out" | grep -m1 '^>' | cut -c1-200)"
  else
    ok "$name: output ($what)"
  fi
  rm -f "$work/$name"
}

# The plugin must have worked, not just loaded: the frame reports (a file
# per module) of the first ThinLTO link and of the full LTO compiles must
# show a packed (pack mode) or lowered (lower mode) coroutine.
reports() { # dir mode
  local want=packed
  case $2 in lower) want=lowered ;; report) return 0 ;; esac
  if ! cat "$1"/*.json 2>/dev/null | grep -q "\"status\": *\"$want\""; then
    bad "$2 mode: no coroutine $want in the reports in $1"
  else
    ok "$2 mode: coroutines $want ($(basename "$1"))"
  fi
}

# Each module's report from the first link must be the one a link with a
# single ThinLTO thread writes: nothing of one module in another's. Report
# names hash the module identifier (the object's path), so they pair by
# source name; LLVM prints some unnamed struct types as "type 0x<address>".
same_reports() { # mode
  local mode=$1 d1="$work/reports-thin1-$1" d=$work/reports-thin-$1 f g b n=0 diffs=
  [ -n "$(ls "$d" 2>/dev/null)" ] || return 0
  mkdir -p "$d1"
  if ! COROPACK_REPORT="$d1/" link "thin1-$mode" thin "$mode" -Wl,--thinlto-jobs=1; then
    bad "thin1-$mode: the link fails (--thinlto-jobs=1, COROPACK_MODE=$mode)"
    return
  fi
  rm -f "$work/thin1-$mode"
  for f in "$d1"/*.json; do
    b=$(basename "$f" | sed 's/\.[0-9a-f]*\.json$//')
    g=$(ls "$d/$b".*.json 2>/dev/null | head -n 1)
    n=$((n + 1))
    if [ -z "$g" ] || ! cmp -s <(sed 's/type 0x[0-9a-f]*/type 0x/g' "$f") <(sed 's/type 0x[0-9a-f]*/type 0x/g' "$g"); then
      diffs="$diffs $b"
    fi
  done
  if [ -n "$diffs" ] || [ "$n" != "$(ls "$d" | wc -l)" ]; then
    bad "$mode mode: the reports of $n modules differ from those of a single-threaded link:${diffs:- (other files)}"
  else
    ok "$mode mode: $n module reports as with --thinlto-jobs=1"
  fi
}

for mode in $modes; do
  for ((i = 1; i <= links; i++)); do
    name="thin-$mode-$i"
    if [ "$i" = 1 ]; then
      mkdir -p "$work/reports-thin-$mode"
      export COROPACK_REPORT="$work/reports-thin-$mode/"
    fi
    link "$name" thin "$mode" "${jobflag[@]+"${jobflag[@]}"}"
    st=$?
    unset COROPACK_REPORT
    check "$name" thin "$mode" "$st" "--thinlto-jobs=$tjobs"
    [ "$i" = 1 ] && [ "$st" = 0 ] && reports "$work/reports-thin-$mode" "$mode"
  done
  [ "$links" -gt 0 ] && same_reports "$mode"
  [ "$full" -gt 0 ] || continue
  # Full LTO: the compile step splits, so the plugin goes in there too.
  mkdir -p "$work/reports-full-$mode"
  if ! COROPACK_MODE=$mode COROPACK_REPORT="$work/reports-full-$mode/" \
    compile "$work/full-$mode" -flto "-fpass-plugin=$plugin"; then
    bad "full LTO, COROPACK_MODE=$mode: cannot compile: $(cat "$work/full-$mode"/*.log | grep -m1 -E 'error|Assertion|Stack dump|PLEASE' | cut -c1-200)"
    continue
  fi
  reports "$work/reports-full-$mode" "$mode"
  for ((i = 1; i <= full; i++)); do
    name="full-$mode-$i"
    link "$name" "full-$mode" "$mode"
    check "$name" full "$mode" $?
  done
done

if [ "$fail" -gt 0 ]; then
  echo "reproduce: cd $here && mkdir -p /tmp/coropack-lto && for f in *.cpp; do $(q "$cxx" "${flags[@]}" -flto=thin)-c \$f -o /tmp/coropack-lto/\${f%.cpp}.o; done && COROPACK_MODE=$failmode $(q "$cxx" -flto=thin "${ldflags[@]}" "-Wl,--load-pass-plugin=$plugin" "${jobflag[@]+"${jobflag[@]}"}")/tmp/coropack-lto/*.o -o /tmp/coropack-lto/prog"
fi
for k in $(printf '%s\n' "${!nlinks[@]}" | sort); do
  j=
  [[ $k == thin-* ]] && j=", --thinlto-jobs=$tjobs"
  echo "links failed: ${crashed[$k]} of ${nlinks[$k]} ($k$j)"
done
echo "$pass passed, $fail failed"
[ "$fail" = 0 ]
