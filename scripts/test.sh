#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds, then runs every
# test through ctest (C unit tests, the lit suite, the differential suite).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-debian.sh
scripts/build.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure "$@"
