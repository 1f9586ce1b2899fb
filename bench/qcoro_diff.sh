#!/usr/bin/env bash
# Differential check on a program written against an installed coroutine
# library nobody here wrote: QCoro (Debian's qcoro-qt6-dev, Qt 6). Builds
# bench/qcoro/*.cpp stock and with the plugin in pack and lower mode at each
# level, runs each build with the allocation counter
# (BUILD/libcoropack-alloc-count.so) preloaded, and prints per program and
# level the stock run's allocations and, per mode, "same" or "DIFFERS" and
# its allocations; then bench/lower_vs_stock.py over the same sources (lower
# mode's coverage, frames against stock's, heap elisions).
#
#   bench/qcoro_diff.sh BUILD [--levels "O0 O1 O2 O3"]
#
# Exit status 1 when a build fails, prints something else, or allocates more
# often or more bytes than stock; 2 when QCoro is not installed
# (apt-get install qcoro-qt6-dev). Not part of CI (Qt is large).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 1 ] || { sed -n '2,/^set -u/p' "$0" | sed -e '/^set -u/d' -e 's/^# \{0,1\}//' >&2; exit 2; }
build=$(cd "$1" && pwd)
shift
levels="O0 O1 O2 O3"
while [ $# -gt 0 ]; do
  case $1 in
    --levels) levels=$2; shift 2 ;;
    *) echo "qcoro_diff.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
plugin=$build/coropack-plugin.so
. "$here/modes_lib.sh"
counter=$build/libcoropack-alloc-count.so
[ -f "$counter" ] || { echo "qcoro_diff.sh: no $counter (build coropack first)" >&2; exit 2; }
if [ ! -f /usr/include/qcoro6/qcoro/qcorotask.h ] || ! pkg-config --exists Qt6Core; then
  echo "qcoro_diff.sh: QCoro for Qt 6 is not installed (apt-get install qcoro-qt6-dev)" >&2
  exit 2
fi
flags=(-std=c++20 -w -fPIC -I/usr/include/qcoro6 -I/usr/include/qcoro6/qcoro -I/usr/include/qcoro6/QCoro
  $(pkg-config --cflags Qt6Core))
libs=($(pkg-config --libs Qt6Core) -lQCoro6Core)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bad=0
for src in "$here"/qcoro/*.cpp; do
  n=$(basename "$src" .cpp)
  for lvl in $levels; do
    run_modes "$out" "$n" "$lvl" "$plugin" "$counter" clang++-22 "${flags[@]}" "$src" "${libs[@]}" || bad=1
  done
done
lv=$(echo $levels | sed -e 's/ /,/g')
python3 "$here/lower_vs_stock.py" "$build" --levels "$lv" --flags "${flags[*]}" "$here"/qcoro/*.cpp || bad=1
exit $bad
