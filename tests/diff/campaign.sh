#!/usr/bin/env bash
# Differential bug hunt over generated programs: every program built by stock
# clang and built with the coropack plugin must print the same stdout and exit
# with the same status, at every level and in every mode.
#
#   tests/diff/campaign.sh BUILD_OR_PLUGIN --count N --seed S [options]
#
# BUILD_OR_PLUGIN is a coropack build directory (BUILD/coropack --plugin-path,
# else BUILD/coropack-plugin.so) or the plugin .so itself. The programs are
# gen2.py's programs --first .. --first+N-1 of seed S. For each program:
#
#   1. a stock build at --ubsan-level with -fsanitize=undefined
#      -fno-sanitize-recover=all must run clean and exit 0, else the program is
#      skipped and counted (it would be a bug of the generator, not the plugin);
#   2. at each level, the stock build (-std=c++20 -fwrapv -w -O<n>) runs once
#      and each mode's plugin build (-fpass-plugin, COROPACK_MODE=<mode>) must
#      print the same stdout and exit the same way; the plugin builds run with
#      COROPACK_CHECK_STOCK_FLOOR=1 and must not print "stock floor above
#      stock" nor "packed bound below" (docs/design.md);
#      the plugin build must not allocate more often, nor more bytes, than
#      the stock build of the same level: both run with the allocation
#      counter (BUILD/libcoropack-alloc-count.so, tests/diff/alloc_count.c)
#      preloaded when it is next to the plugin, and the summary prints the
#      totals per mode and level;
#   3. the stock builds of all levels must print the same: where one does
#      not, stock LLVM miscompiles the program (or it has UB no sanitizer
#      saw), a STOCK line says so, and its comparisons are not counted
#      (program 1118 of seed 3: stock -O3 reads a char of its frame that it
#      never stored, as MSan shows; every plugin build prints what stock
#      -O0..-O2 print).
#
# Every difference is one FAIL line with the reason and a command that
# regenerates the program and reproduces it. The summary counts the
# comparisons per mode and level; the last line is "N passed, N failed" and
# the exit status is 1 on any failure, 2 on bad usage.
#
# Speed: programs run --jobs at a time, each job one program. The front end
# runs once per program and level (-O2 and -O3 share it: clang's output is the
# same at both) with a precompiled header of the six standard headers the
# programs include, and the stock and plugin builds start from its bitcode;
# that gives the same machine code as compiling the source directly (checked
# with objdump when this was written). Links use lld when it is there.
#
# Options:
#   --count N         number of programs (required)
#   --seed S          gen2.py seed (default 1)
#   --first I         index of the first program (default 0)
#   --modes LIST      comma-separated COROPACK_MODE values (default pack,lower)
#   --levels "L..."   optimization levels (default "O0 O1 O2 O3")
#   --jobs J          programs in parallel (default 2)
#   --ubsan-level L   level of the UBSan check (default O1)
#   --gen FILE        generator with gen2.py's command line (default gen2.py here)
#   --compile-timeout S  seconds per compile (default 30; a plugin build that
#                     takes longer is a FAIL: the plugin hangs or explodes)
#   --no-pch          no precompiled header
#   --no-bitcode      compile every build from the source (no shared front end)
#   --keep DIR        copy failing and skipped programs to DIR
#   -v                print a line per program too
set -u
# The whole script is one compound command, parsed before it runs: editing
# this file under a running campaign cannot change what that campaign runs.
{
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

usage() {
  sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | sed -e '/^set -u/d' -e 's/^# \{0,1\}//' >&2
  exit 2
}
die() {
  echo "campaign.sh: $*" >&2
  exit 2
}

[ $# -ge 1 ] || usage
case $1 in -h | --help) usage ;; esac
target=$1
shift
count= seed=1 first=0 modes=pack,lower levels="O0 O1 O2 O3" jobs=2 ubsan_level=O1 gen="$here/gen2.py"
pch=1 bitcode=1 keepdir= verbose=0 compile_timeout=30
while [ $# -gt 0 ]; do
  case $1 in
  --count) count=${2:?--count needs a number}; shift ;;
  --seed) seed=${2:?--seed needs a value}; shift ;;
  --first) first=${2:?--first needs an index}; shift ;;
  --modes) modes=${2:?--modes needs a list}; shift ;;
  --levels) levels=${2:?--levels needs a list}; shift ;;
  --jobs) jobs=${2:?--jobs needs a count}; shift ;;
  --ubsan-level) ubsan_level=${2:?--ubsan-level needs a level}; shift ;;
  --gen) gen=${2:?--gen needs a file}; shift ;;
  --compile-timeout) compile_timeout=${2:?--compile-timeout needs seconds}; shift ;;
  --no-pch) pch=0 ;;
  --no-bitcode) bitcode=0 ;;
  --keep) keepdir=${2:?--keep needs a directory}; shift ;;
  -v) verbose=1 ;;
  -h | --help) usage ;;
  *) die "unknown option '$1' (try --help)" ;;
  esac
  shift
done
[ -n "$count" ] || die "--count is required"
[[ $count =~ ^[0-9]+$ ]] && [ "$count" -gt 0 ] || die "--count needs a positive number, not '$count'"
[[ $seed =~ ^[0-9]+$ ]] || die "--seed needs a number, not '$seed'"
[[ $first =~ ^[0-9]+$ ]] || die "--first needs a number, not '$first'"
[[ $jobs =~ ^[1-9][0-9]*$ ]] || die "--jobs needs a positive number, not '$jobs'"
[[ $compile_timeout =~ ^[1-9][0-9]*$ ]] || die "--compile-timeout needs seconds, not '$compile_timeout'"
for l in $levels $ubsan_level; do
  case $l in O0 | O1 | O2 | O3) ;; *) die "unknown level '$l' (O0 O1 O2 O3)" ;; esac
done
[ -n "$levels" ] || die "--levels is empty"
IFS=, read -r -a mode_list <<<"$modes"
[ ${#mode_list[@]} -gt 0 ] || die "--modes is empty"
for m in "${mode_list[@]}"; do
  [[ $m =~ ^[a-z]+$ ]] || die "bad mode '$m'"
done
[ -f "$gen" ] || die "no generator $gen"
gen=$(cd "$(dirname "$gen")" && pwd)/$(basename "$gen")

if [ -d "$target" ]; then
  if [ -x "$target/coropack" ]; then
    plugin=$("$target/coropack" --plugin-path) || die "$target/coropack --plugin-path failed"
  else
    plugin=$target/coropack-plugin.so
  fi
else
  plugin=$target
fi
[ -f "$plugin" ] || die "no plugin at $plugin (build coropack first, or name the .so)"
plugin=$(cd "$(dirname "$plugin")" && pwd)/$(basename "$plugin")
cxx=$(command -v clang++-22 || true)
[ -n "$cxx" ] || cxx=/usr/lib/llvm-22/bin/clang++
[ -x "$cxx" ] || die "no clang++-22 on PATH nor in /usr/lib/llvm-22/bin"
link=()
if command -v ld.lld-22 >/dev/null || command -v ld.lld >/dev/null; then link=(-fuse-ld=lld); fi

run_timeout=10 # seconds per run (the programs take milliseconds)
counter=$(dirname "$plugin")/libcoropack-alloc-count.so
[ -f "$counter" ] || counter=

# Runs $1 in $dir with stdout to $2, the allocation counter logging to $3
# when there is one; returns the run's status.
run_counted() { # exe out alloclog
  : >"$3"
  if [ -n "$counter" ]; then
    (cd "$dir" && timeout $run_timeout env LD_PRELOAD="$counter" COROPACK_ALLOC_LOG="$3" "$1" >"$2" 2>/dev/null) 2>/dev/null
  else
    (cd "$dir" && timeout $run_timeout "$1" >"$2" 2>/dev/null) 2>/dev/null
  fi
}

# "N B" from a counter log, or nothing.
alloc_of() { awk '/^allocations/ { n = $2; b = $4 } END { if (n != "") print n, b }' "$1"; }
flags=(-std=c++20 -fwrapv -w)
ubsan_flags=(-fsanitize=undefined -fno-sanitize-recover=all)
ubsan_opts="halt_on_error=1:print_stacktrace=0"

work=$(mktemp -d "${TMPDIR:-/tmp}/coropack-campaign.XXXXXX") || die "cannot make a work directory"
trap 'rm -rf "$work"' EXIT
trap 'kill $(jobs -p) 2>/dev/null; exit 130' INT TERM
mkdir -p "$work/src" "$work/res"
[ -n "$keepdir" ] && { mkdir -p "$keepdir" || die "cannot make $keepdir"; }

python3 "$gen" --seed "$seed" --first "$first" --count "$count" --out "$work/src" >/dev/null ||
  die "$gen --seed $seed --first $first --count $count failed"

# Front-end level: -O2 and -O3 share one.
fe_level() { if [ "$1" = O3 ]; then echo O2; else echo "$1"; fi; }

# Precompiled headers: one per front-end flag set. A set whose header does not
# build goes without.
pch_args() { # key: the flags that pre-include its header, if it built
  [ -f "$work/pch/$1/all.h.pch" ] && echo "-include $work/pch/$1/all.h"
}
if [ "$pch" = 1 ]; then
  keys=()
  for l in $levels; do keys+=("$(fe_level "$l")"); done
  keys+=("$ubsan_level-ubsan")
  for k in $(printf '%s\n' "${keys[@]}" | sort -u); do
    d="$work/pch/$k"
    mkdir -p "$d"
    grep -h '^#include <' "$work"/src/*.cpp | sort -u >"$d/all.h"
    extra=()
    case $k in *-ubsan) extra=("${ubsan_flags[@]}") ;; esac
    "$cxx" "${flags[@]}" "-${k%-ubsan}" "${extra[@]+"${extra[@]}"}" -x c++-header "$d/all.h" -o "$d/all.h.pch" \
      >"$d/log" 2>&1 || rm -f "$d/all.h.pch" &
  done
  wait
fi

q() { printf '%q ' "$@"; }

repro() { # index level mode
  local s=/tmp/coropack-campaign
  echo "python3 $(q "$gen")--seed $seed --index $1 > $s.cpp && $(q "$cxx" "${flags[@]}" "-$2" $s.cpp -o $s.stock)&& COROPACK_MODE=$3 $(q "$cxx" "${flags[@]}" "-$2" "-fpass-plugin=$plugin" $s.cpp -o $s.plugin)&& diff <($s.stock; echo \"exit \$?\") <($s.plugin; echo \"exit \$?\")"
}

first_error() { # log [exit status]
  local l
  if [ "${2:-0}" = 124 ]; then
    echo "timed out after $compile_timeout s"
    return
  fi
  l=$(grep -m1 -E 'error|fatal|Assertion|Stack dump|LLVM ERROR|PLEASE' "$1")
  [ -n "$l" ] || l=$(tail -n 1 "$1")
  echo "${l:0:300}"
}

first_diff() { # stock.out plugin.out
  local c n a b
  cmp -s "$1" "$2" && { echo "same stdout"; return; }
  c=$(cmp "$1" "$2" 2>&1)
  case $c in
  *EOF\ on\ "$1"*) echo "the plugin build prints more, from line $(($(wc -l <"$1") + 1))" ;;
  *EOF\ on\ "$2"*) echo "the plugin build's stdout stops after line $(wc -l <"$2") of $(wc -l <"$1")" ;;
  *)
    n=$(echo "$c" | sed -n 's/.*line \([0-9]*\).*/\1/p')
    a=$(sed -n "${n}p" "$1")
    b=$(sed -n "${n}p" "$2")
    echo "line $n: '${a:0:100}' vs '${b:0:100}'"
    ;;
  esac
}

status_text() {
  case $1 in
  124) echo "timed out" ;;
  *) if [ "$1" -gt 128 ]; then echo "killed by signal $(($1 - 128))"; else echo "exit $1"; fi ;;
  esac
}

# One job: one program, every level and mode. Appends to its results file:
#   SKIP <reason>                 (the program is not a valid test)
#   <PASS|FAIL> <level> <mode>    (one line per comparison)
# and prints its FAIL and SKIP lines at once.
run_program() { # src
  local src=$1 name idx dir res l fe m st pst msg pa cpl="" fedone=" "
  name=$(basename "$src" .cpp)
  idx=$((10#${name##*_}))
  dir="$work/$name"
  res="$work/res/$name"
  mkdir -p "$dir"
  : >"$res"
  skip() {
    echo "SKIP $1" >>"$res"
    echo "SKIP $name (gen2 --seed $seed --index $idx): $1"
    [ -n "$keepdir" ] && cp "$src" "$keepdir/"
  }
  # 1. UBSan-clean stock build?
  read -r -a pa <<<"$(pch_args "$ubsan_level-ubsan")"
  if ! timeout $compile_timeout "$cxx" "${flags[@]}" "-$ubsan_level" "${ubsan_flags[@]}" "${pa[@]+"${pa[@]}"}" \
    "${link[@]+"${link[@]}"}" "$src" -o "$dir/ubsan" >"$dir/ubsan.log" 2>&1; then
    skip "the stock build does not compile (a generator bug): $(first_error "$dir/ubsan.log")"
    return
  fi
  (cd "$dir" && UBSAN_OPTIONS=$ubsan_opts timeout $run_timeout ./ubsan >ubsan.out 2>ubsan.err) 2>/dev/null
  st=$?
  if [ $st -ne 0 ] || grep -q 'runtime error' "$dir/ubsan.err"; then
    msg=$(grep -m1 'runtime error' "$dir/ubsan.err")
    skip "not UBSan-clean at -$ubsan_level ($(status_text $st))${msg:+: ${msg:0:200}}"
    return
  fi
  # 2. Every level: stock once, then each mode.
  for l in $levels; do
    fe=$(fe_level "$l")
    local input=$src compile_flags=("${flags[@]}")
    if [ "$bitcode" = 1 ]; then
      if [[ $fedone != *" $fe "* ]]; then
        read -r -a pa <<<"$(pch_args "$fe")"
        if ! timeout $compile_timeout "$cxx" "${flags[@]}" "-$fe" "${pa[@]+"${pa[@]}"}" -Xclang -disable-llvm-passes \
          -emit-llvm -c "$src" -o "$dir/$fe.bc" >"$dir/$fe.fe.log" 2>&1; then
          skip "the front end fails at -$fe (a generator bug): $(first_error "$dir/$fe.fe.log")"
          return
        fi
        fedone="$fedone$fe "
      fi
      input=$dir/$fe.bc
      compile_flags=(-w)
    else
      read -r -a pa <<<"$(pch_args "$fe")"
      compile_flags+=("${pa[@]+"${pa[@]}"}")
    fi
    if ! timeout $compile_timeout "$cxx" "${compile_flags[@]}" "-$l" "${link[@]+"${link[@]}"}" "$input" \
      -o "$dir/stock.$l" >"$dir/stock.$l.log" 2>&1; then
      skip "the stock build does not compile at -$l: $(first_error "$dir/stock.$l.log")"
      return
    fi
    run_counted "./stock.$l" "$dir/stock.$l.out" "$dir/stock.$l.alloc"
    st=$?
    if [ $st -ne 0 ]; then
      skip "the stock build fails its own checks at -$l ($(status_text $st)), though it was UBSan-clean at -$ubsan_level"
      return
    fi
    for m in "${mode_list[@]}"; do
      local p="$dir/$m.$l"
      COROPACK_CHECK_STOCK_FLOOR=1 COROPACK_MODE=$m timeout $compile_timeout "$cxx" "${compile_flags[@]}" "-$l" \
        "${link[@]+"${link[@]}"}" "-fpass-plugin=$plugin" "$input" -o "$p" >"$p.log" 2>&1
      st=$?
      if [ $st -ne 0 ]; then
        msg="the plugin build does not compile: $(first_error "$p.log" $st)"
      elif grep -qE 'stock floor above stock|packed bound below' "$p.log"; then
        msg="$(grep -m1 -E 'stock floor above stock|packed bound below' "$p.log")"
      else
        run_counted "$p" "$p.out" "$p.alloc"
        pst=$?
        msg=
        if [ $pst -ne 0 ]; then
          msg="stock exits 0, the plugin build $(status_text $pst); $(first_diff "$dir/stock.$l.out" "$p.out")"
        elif ! cmp -s "$dir/stock.$l.out" "$p.out"; then
          msg="stdout differs, $(first_diff "$dir/stock.$l.out" "$p.out")"
        elif [ -n "$counter" ]; then
          local sa pa2
          read -r -a sa <<<"$(alloc_of "$dir/stock.$l.alloc")"
          read -r -a pa2 <<<"$(alloc_of "$p.alloc")"
          if [ ${#sa[@]} -ne 2 ] || [ ${#pa2[@]} -ne 2 ]; then
            msg="no allocation count from a run (the counter did not log)"
          elif [ "${pa2[0]}" -gt "${sa[0]}" ] || [ "${pa2[1]}" -gt "${sa[1]}" ]; then
            msg="the plugin build allocates more than stock: ${pa2[0]} allocations of ${pa2[1]} bytes, stock ${sa[0]} of ${sa[1]}"
          else
            echo "ALLOC $l $m ${sa[0]} ${sa[1]} ${pa2[0]} ${pa2[1]}" >>"$res"
          fi
        fi
      fi
      if [ -n "$msg" ]; then
        echo "FAIL $l $m" >>"$res"
        echo "FAIL $name $l $m: $msg; reproduce: $(repro "$idx" "$l" "$m")"
        cpl=1
      else
        echo "PASS $l $m" >>"$res"
      fi
    done
  done
  # 3. The stock builds must agree with each other: the program is
  # deterministic and free of UB, so a level that prints something else
  # is stock LLVM miscompiling it (or a generator bug); that program's
  # comparisons mean nothing and are not counted.
  local l0 d=""
  l0=$(echo $levels | cut -d' ' -f1)
  for l in $levels; do
    cmp -s "$dir/stock.$l0.out" "$dir/stock.$l.out" || d="$d -$l"
  done
  if [ -n "$d" ]; then
    echo "SKIP stock-inconsistent" >>"$res"
    echo "STOCK $name (gen2 --seed $seed --index $idx): the stock build at$d prints something else than at -$l0 ($(first_diff "$dir/stock.$l0.out" "$dir/stock.${d##* -}.out")); stock LLVM miscompiles it, or the program has UB: its comparisons (FAIL lines included) are not counted"
    cpl=1
  fi
  [ -n "$cpl" ] && [ -n "$keepdir" ] && cp "$src" "$keepdir/"
  [ "$verbose" = 1 ] && echo "done $name: $(grep -c '^PASS' "$res") passed, $(grep -c '^FAIL' "$res") failed"
  rm -rf "$dir"
}

srcs=("$work"/src/*.cpp)
nlev=$(echo $levels | wc -w)
echo "coropack campaign: ${#srcs[@]} programs of $(basename "$gen") --seed $seed from index $first," \
  "levels $levels, modes ${mode_list[*]}, $jobs jobs"
echo "plugin: $plugin"
if [ -n "$counter" ]; then echo "allocations: counted by $counter"; else echo "allocations: not compared (no libcoropack-alloc-count.so next to the plugin)"; fi
start=$SECONDS
running=0
for src in "${srcs[@]}"; do
  if [ $running -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
  { run_program "$src"; echo END >>"$work/res/$(basename "$src" .cpp)"; } &
  running=$((running + 1))
done
wait
elapsed=$((SECONDS - start))

# --- summary ---------------------------------------------------------------------
# A skipped program's comparisons (made before it was found invalid) do not count.
valid=()
skipped=0 died=0 failprogs=0
for src in "${srcs[@]}"; do
  r="$work/res/$(basename "$src" .cpp)"
  if [ ! -f "$r" ] || ! grep -q '^END' "$r"; then
    died=$((died + 1))
  elif grep -q '^SKIP' "$r"; then
    skipped=$((skipped + 1))
  else
    valid+=("$r")
    grep -q '^FAIL' "$r" && failprogs=$((failprogs + 1))
  fi
done
passed=0 failed=0
echo "summary (comparisons passed/failed per mode and level):"
for m in "${mode_list[@]}"; do
  line="  $m:"
  for l in $levels; do
    p=0 f=0
    if [ ${#valid[@]} -gt 0 ]; then
      p=$(cat "${valid[@]}" | grep -c "^PASS $l $m\$")
      f=$(cat "${valid[@]}" | grep -c "^FAIL $l $m\$")
    fi
    passed=$((passed + p))
    failed=$((failed + f))
    line="$line  $l $p/$f"
  done
  echo "$line"
done
if [ -n "$counter" ] && [ ${#valid[@]} -gt 0 ]; then
  echo "allocations (programs that passed; stock -> plugin, calls and bytes):"
  cat "${valid[@]}" | awk -v modes="${mode_list[*]}" -v levels="$levels" '
    /^ALLOC / { k = $3 " " $2; sn[k] += $4; sb[k] += $5; pn[k] += $6; pb[k] += $7 }
    END {
      nm = split(modes, M, " "); nl = split(levels, L, " ")
      for (i = 1; i <= nm; i++) for (j = 1; j <= nl; j++) {
        k = M[i] " " L[j]
        if (k in sn) printf "  %s %s: %d -> %d allocations, %d -> %d bytes\n", M[i], L[j], sn[k], pn[k], sb[k], pb[k]
      }
    }'
fi
if [ $died -gt 0 ]; then
  echo "FAIL campaign: $died programs have no result (a job died)"
  failed=$((failed + died))
fi
inconsistent=$(cat "$work"/res/* 2>/dev/null | grep -c '^SKIP stock-inconsistent')
echo "programs: ${#srcs[@]}, skipped (not UBSan-clean or invalid): $((skipped - inconsistent)), stock builds" \
  "disagreeing with each other (not counted): $inconsistent, with a difference: $failprogs"
if [ $elapsed -gt 0 ]; then
  echo "time: $elapsed s, $(((${#srcs[@]} * 60 + elapsed / 2) / elapsed)) programs per minute"
else
  echo "time: $elapsed s"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
exit
}
