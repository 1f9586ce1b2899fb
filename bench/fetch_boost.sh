#!/usr/bin/env bash
# Fetches real coroutine code for the benchmarks: Debian 12's boost1.81
# source package (Boost.Asio's C++20 examples and coroutine unit tests,
# Boost.Beast's awaitable examples), never vendored.
#
#   bench/fetch_boost.sh DIR
#
# Adds a deb-src line for the configured Debian mirror when there is none
# (needs root), downloads the source with `apt-get source --download-only`
# into DIR, unpacks the coroutine sources and merges every library's
# include/ into DIR/inc. Prints, one per line, the translation units; build
# them with -std=c++20 -IDIR/inc -IDIR/boost/libs/asio/test, e.g.
#
#   bench/compile_cost.py build --series "" --files $(bench/fetch_boost.sh /tmp/boost) \
#     --file-flags "-O2 -I/tmp/boost/inc -I/tmp/boost/boost/libs/asio/test"
set -euo pipefail
[ $# -eq 1 ] || { sed -n '2,/^set -e/p' "$0" | sed -e '/^set -e/d' -e 's/^# \{0,1\}//' >&2; exit 2; }
dir=$1
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
cd "$dir"
if ! ls boost1.81_*.orig.tar.xz >/dev/null 2>&1; then
  if ! grep -rqs '^Types:.*deb-src\|^deb-src' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    cat >/etc/apt/sources.list.d/coropack-src.sources <<'EOF'
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    apt-get update -qq >&2
  fi
  apt-get source -q --download-only boost1.81 >&2
fi
tarball=$(ls boost1.81_*.orig.tar.xz | head -1)
if [ ! -d inc/boost ]; then
  tar xf "$tarball" --wildcards 'boost/libs/*/include/*' 'boost/libs/asio/example/cpp20/*' \
    'boost/libs/asio/test/*' 'boost/libs/beast/example/*'
  mkdir -p inc
  find boost/libs -type d -name include | while read -r d; do
    [ -d "$d/boost" ] && cp -rn "$d/boost" inc/
  done
fi
a=boost/libs/asio
b=boost/libs/beast/example
for f in \
  $a/example/cpp20/coroutines/echo_server.cpp \
  $a/example/cpp20/coroutines/chat_server.cpp \
  $a/example/cpp20/coroutines/refactored_echo_server.cpp \
  $a/example/cpp20/coroutines/timeout.cpp \
  $a/example/cpp20/channels/throttling_proxy.cpp \
  $a/test/awaitable.cpp \
  $a/test/experimental/coro/allocator.cpp \
  $a/test/experimental/coro/co_spawn.cpp \
  $a/test/experimental/coro/exception.cpp \
  $a/test/experimental/coro/simple_test.cpp \
  $b/http/server/awaitable/http_server_awaitable.cpp \
  $b/websocket/server/awaitable/websocket_server_awaitable.cpp; do
  echo "$dir/$f"
done
