#!/usr/bin/env bash
# Differential check on code nobody here wrote: Boost.Asio's coroutine unit
# tests (awaitable, experimental coro, channels) from Debian's boost1.81
# source package, fetched by bench/fetch_boost.sh, built stock and with the
# plugin in each mode, run, and their output and exit status compared.
#
#   bench/asio_diff.sh BUILD [DIR] [--levels "O1 O2"]
#
# DIR (default /tmp/coropack-boost) holds the fetched sources. One line per
# test and level: the stock run's exit status, line count and allocations
# (calls and bytes the allocator receives, counted by
# BUILD/libcoropack-alloc-count.so preloaded), and per mode "same" or
# "DIFFERS" and its allocations; then the totals per mode and level. The
# exit status is 1 when any build fails, prints something else, or
# allocates more often or more bytes than stock.
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
. "$here/modes_lib.sh"
counter=$build/libcoropack-alloc-count.so
[ -f "$counter" ] || { echo "asio_diff.sh: no $counter (build coropack first)" >&2; exit 2; }
declare -A total_n total_b
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
    run_modes "$out" "$n" "$lvl" "$plugin" "$counter" clang++-22 -std=c++20 -w -I"$dir/inc" -I"$t" \
      "$t/$test.cpp" -lpthread || bad=1
    for m in stock pack lower; do
      total_n[$m $lvl]=$((${total_n[$m $lvl]:-0} + ${RUN_N[$m]}))
      total_b[$m $lvl]=$((${total_b[$m $lvl]:-0} + ${RUN_B[$m]}))
    done
  done
done
echo "totals (allocations, bytes):"
for lvl in $levels; do
  echo "  -$lvl: stock ${total_n[stock $lvl]} ${total_b[stock $lvl]}; pack ${total_n[pack $lvl]}" \
    "${total_b[pack $lvl]}; lower ${total_n[lower $lvl]} ${total_b[lower $lvl]}"
done
exit $bad
