#!/usr/bin/env bash
# The main job: set up, build, compile the bundled example with the plugin,
# run it, and print its frame report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
scripts/build.sh
build=${BUILD_DIR:-build}
plugin=$("$build"/coropack --plugin-path)
out="$build/examples"
mkdir -p "$out"
echo "== clang++-22 -O2 -g -fpass-plugin=$plugin examples/twelve_longs.cpp"
COROPACK_REPORT="$out/twelve_longs.json" \
  clang++-22 -std=c++20 -O2 -g -fpass-plugin="$plugin" -Rpass=coro-pack \
  examples/twelve_longs.cpp -o "$out/twelve_longs"
echo "== running it"
"$out/twelve_longs"
echo "== frame report (coropack show $out/twelve_longs.json)"
"$build"/coropack show "$out/twelve_longs.json"
