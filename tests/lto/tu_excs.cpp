// Exceptions: thrown across suspends, caught inside the coroutine with
// values live across the try, rethrown to the awaiter, escaping generators.
#include "lto.h"
#include <stdexcept>
#include <string>

namespace lto {

struct Boom : std::runtime_error {
  int code;
  explicit Boom(int c) : std::runtime_error("boom"), code(c) {}
};

__attribute__((noinline)) void maybe_throw(int x) {
  if (opaque(x) % 3 == 0)
    throw Boom(x);
}

__attribute__((noinline)) Task<int> thrower(int x) {
  Obj o(x);
  co_await leaf_task(static_cast<uint64_t>(x));
  maybe_throw(x);
  co_return x + 1;
}

__attribute__((noinline)) Task<uint64_t> catcher(int n) {
  uint64_t h = 7;
  long caught = 0;
  for (int i = 0; i < n; ++i) {
    Obj o(1000 + i);
    try {
      int v = co_await thrower(i);
      h = mix(h, static_cast<uint64_t>(v));
    } catch (const Boom &b) {
      ++caught;
      h = mix(h, static_cast<uint64_t>(b.code) * 31);
    }
    CHECK(o.ok());
  }
  co_return h ^ static_cast<uint64_t>(caught);
}

__attribute__((noinline)) Generator<int> bad_gen(int fail_at) {
  std::string s = "x";
  for (int i = 0;; ++i) {
    s += static_cast<char>('a' + i % 26);
    if (i == fail_at)
      throw Boom(static_cast<int>(s.size()));
    co_yield static_cast<int>(s.size()) * i;
  }
}

__attribute__((noinline)) Task<uint64_t> rethrower(int x) {
  try {
    co_return static_cast<uint64_t>(co_await thrower(x));
  } catch (const Boom &b) {
    if (b.code % 2)
      throw;
    co_return 1000u + static_cast<uint64_t>(b.code);
  }
}

uint64_t excs(uint64_t seed) {
  uint64_t h = seed;
  h = mix(h, sync_wait(catcher(20)));
  for (int f = 0; f < 6; ++f) {
    auto g = bad_gen(f * 2);
    try {
      while (g.next())
        h = mix(h, static_cast<uint64_t>(g.value()));
    } catch (const Boom &b) {
      h = mix(h, static_cast<uint64_t>(b.code) + 99);
    }
  }
  for (int x = 0; x < 12; ++x) {
    try {
      h = mix(h, sync_wait(rethrower(x)));
    } catch (const Boom &b) {
      h = mix(h, static_cast<uint64_t>(b.code) * 7);
    }
  }
  return h;
}

} // namespace lto
