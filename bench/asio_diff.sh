#!/usr/bin/env bash
# Differential check on code nobody here wrote: Boost.Asio's coroutine unit
# tests (awaitable, experimental coro, channels) from Debian's boost1.81
# source package, fetched by bench/fetch_boost.sh, built stock and with the
# plugin in each mode, run, and their output and exit status compared.
#
#   bench/asio_diff.sh BUILD [DIR] [--levels "O1 O2"]
#
# DIR (default /tmp/coropack-boost) holds the fetched sources. One line per
# test and level: the stock run's exit status and line count, and "same" or
# "DIFFERS" per mode; the exit status is 1 when any build fails or differs.
# Not part of CI (it downloads 74 MB and takes minutes per test).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 1 ] || { sed -n '2,/^set -u/p' "$0" | sed -e '/^set -u/d' -e 's/^# \{0,1\}//' >&2; exit 2; }
build=$(cd "$1" && pwd)
shift
dir=/tmp/coropack-boost
levels="O2"
while [ $# -gt 0 ]; do
  case $1 in
    --levels) levels=$2; shift 2 ;;
    *) dir=$1; shift ;;
  esac
done
plugin=$build/coropack-plugin.so
"$here/fetch_boost.sh" "$dir" >/dev/null || exit 1
t=$dir/boost/libs/asio/test
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bad=0
for test in awaitable experimental/coro/allocator experimental/coro/cancel \
  experimental/coro/co_spawn experimental/coro/exception experimental/coro/partial \
  experimental/coro/simple_test experimental/channel; do
  n=$(echo "$test" | tr / _)
  for lvl in $levels; do
    line="$n -$lvl:"
    for m in stock pack lower; do
      extra=()
      [ "$m" = stock ] || extra=("-fpass-plugin=$plugin")
      if ! COROPACK_MODE=$m clang++-22 -std=c++20 -"$lvl" -w -I"$dir/inc" -I"$t" "$t/$test.cpp" \
          -o "$out/$n.$m" "${extra[@]}" -lpthread 2>"$out/$n.$m.err"; then
        line+=" $m BUILD FAILED ($(tail -1 "$out/$n.$m.err"))"
        bad=1
        continue
      fi
      "$out/$n.$m" >"$out/$n.$m.out" 2>&1
      echo "exit $?" >>"$out/$n.$m.out"
      if [ "$m" = stock ]; then
        line+=" stock $(tail -1 "$out/$n.$m.out"), $(wc -l <"$out/$n.$m.out") lines;"
      elif cmp -s "$out/$n.stock.out" "$out/$n.$m.out"; then
        line+=" $m same"
      else
        line+=" $m DIFFERS"
        bad=1
      fi
    done
    echo "$line"
  done
done
exit $bad
