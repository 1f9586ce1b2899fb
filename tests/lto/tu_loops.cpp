// Control flow around suspends: loop-carried values, values merged from
// branches, a switch with a suspend in each case, awaiters that suspend
// only sometimes (await_ready true, await_suspend returning bool).
#include "lto.h"

namespace lto {
namespace {

struct Maybe {
  int x;
  bool await_ready() const noexcept { return x % 3 == 0; }
  bool await_suspend(std::coroutine_handle<>) const noexcept { return x % 3 == 1; }
  int await_resume() const noexcept { return x * 2; }
};

} // namespace

__attribute__((noinline)) Generator<uint64_t> carried(uint64_t seed, int n) {
  uint64_t a = opaque(seed), b = opaque(seed + 1), c = 0;
  for (int i = 0; i < n; ++i) {
    uint64_t t = a * 6364136223846793005ull + b;
    if (t & 1) {
      c += t >> 7;
      co_yield c;
    } else {
      b ^= t;
    }
    a = b + c;
    b = t;
    co_yield a ^ b;
  }
}

__attribute__((noinline)) Generator<int> switcher(int n) {
  int acc = opaque(1);
  for (int i = 0; i < n; ++i) {
    int r;
    switch (i % 4) {
    case 0: {
      short s = opaque(static_cast<short>(i));
      co_yield s;
      r = s * 3;
      break;
    }
    case 1: {
      long l = opaque(static_cast<long>(i) << 20);
      co_yield static_cast<int>(l >> 18);
      r = static_cast<int>(l >> 20);
      break;
    }
    case 2:
      co_yield acc;
      r = acc;
      break;
    default: {
      double d = opaque(i * 0.5);
      co_yield static_cast<int>(d * 4);
      r = static_cast<int>(d);
    }
    }
    acc = (acc * 7 + r) % 1000003;
  }
  co_yield acc;
}

__attribute__((noinline)) Generator<int> sometimes(int n) {
  int total = 0;
  for (int i = 0; i < n; ++i) {
    int v = co_await Maybe{i};
    total += v;
    if (i % 5 == 4)
      co_yield total;
  }
  co_yield total;
}

__attribute__((noinline)) Task<uint64_t> early(int n) {
  uint64_t h = 3;
  for (int i = 0; i < n; ++i) {
    uint64_t v = co_await leaf_task(static_cast<uint64_t>(i));
    if (v % 11 == 0)
      co_return h;
    if (v % 5 == 0)
      continue;
    h = mix(h, v);
  }
  co_return h + 1;
}

uint64_t loops(uint64_t seed) {
  uint64_t h = seed;
  {
    auto g = carried(seed, 40);
    while (g.next())
      h = mix(h, g.value());
  }
  {
    auto g = switcher(17);
    while (g.next())
      h = mix(h, static_cast<uint64_t>(g.value()));
  }
  {
    auto g = sometimes(23);
    while (g.next())
      h = mix(h, g.has_value() ? static_cast<uint64_t>(g.value()) : 77);
  }
  for (int n = 1; n < 30; n += 7)
    h = mix(h, sync_wait(early(n)));
  return h;
}

} // namespace lto
