// Coroutines destroyed at every suspend point: the objects alive there
// must be destroyed exactly once, the others not at all.
#include "lto.h"

namespace lto {
namespace {
long g_dtor_sum;

struct Tracked {
  int id;
  explicit Tracked(int i) : id(i) {}
  Tracked(const Tracked &) = delete;
  ~Tracked() { g_dtor_sum = g_dtor_sum * 31 + id; }
};
} // namespace

__attribute__((noinline)) Generator<int> staged(int base) {
  Tracked a(base + 1);
  co_yield 1;
  {
    Tracked b(base + 2);
    co_yield 2;
    Tracked c(base + 3);
    co_yield 3;
  }
  Tracked d(base + 4);
  co_yield 4;
  {
    Obj o(base);
    co_yield 5;
    Tracked e(base + 5);
    co_yield 6;
  }
  co_yield 7;
}

__attribute__((noinline)) Generator<uint64_t> nested(int base, int depth) {
  Tracked t(base * 10 + depth);
  if (depth > 0) {
    Generator<uint64_t> inner = nested(base, depth - 1);
    while (inner.next()) {
      co_yield inner.value() + 1;
    }
  }
  co_yield static_cast<uint64_t>(depth);
}

uint64_t destroys(uint64_t seed) {
  uint64_t h = seed;
  for (int stop = 0; stop <= 8; ++stop) {
    g_dtor_sum = 0;
    {
      auto g = staged(stop * 100);
      for (int k = 0; k < stop && g.next(); ++k)
        h = mix(h, static_cast<uint64_t>(g.value()));
    }
    h = mix(h, static_cast<uint64_t>(g_dtor_sum));
  }
  for (int stop = 0; stop < 12; ++stop) {
    g_dtor_sum = 0;
    {
      auto g = nested(stop, 4);
      for (int k = 0; k < stop && g.next(); ++k)
        h = mix(h, g.value());
    }
    h = mix(h, static_cast<uint64_t>(g_dtor_sum));
  }
  h = mix(h, static_cast<uint64_t>(Life::alive()));
  return h;
}

} // namespace lto
