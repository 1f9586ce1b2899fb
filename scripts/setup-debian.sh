#!/usr/bin/env bash
# Installs what coropack needs to build and test on Debian 12 (bookworm):
# LLVM/clang 22 with lit and FileCheck, lld 22 (the ThinLTO tests link with
# it), the sanitizer runtimes, jansson and Graphviz. Runs apt-get as root, or through sudo. Installs only what is
# missing, so it is cheap to run again.
set -euo pipefail

pkgs=(cmake make gcc g++ pkg-config python3
      llvm-22-dev clang-22 llvm-22-tools lld-22 libclang-rt-22-dev
      libjansson-dev libgraphviz-dev graphviz gdb libasio-dev)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "setup-debian: need root or sudo to install: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "setup-debian: installing ${missing[*]}"
$sudo apt-get update -q
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
