#!/usr/bin/env bash
# The CLI fuzz run as ctest runs it: builds the coropack CLI with ASan and
# UBSan in BUILD/asan (the CLI only; the plugin is loaded into clang, which is
# not built with ASan), then runs tests/fuzz/cli_fuzz.py on it. Options after
# BUILD go to cli_fuzz.py (--count, --seed, --keep ...).
#
#   tests/fuzz/run.sh BUILD [cli_fuzz.py options]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: tests/fuzz/run.sh BUILD [cli_fuzz.py options]" >&2; exit 2; }
mkdir -p "$1"
build=$1/asan
shift
san="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_C_FLAGS="$san" -DCMAKE_CXX_FLAGS="$san" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >"$build.configure.log" 2>&1 ||
    { cat "$build.configure.log" >&2; exit 1; }
fi
cmake --build "$build" --target coropack -j"$(nproc)" >"$build.build.log" 2>&1 ||
  { tail -n 30 "$build.build.log" >&2; exit 1; }
exec python3 "$here/cli_fuzz.py" "$build/coropack" "$@"
