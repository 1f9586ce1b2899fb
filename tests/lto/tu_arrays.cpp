// Arrays in coroutine frames: large locals in disjoint scopes (one
// over-aligned), a window live across every yield, arrays written through
// pointers handed to other functions.
#include "lto.h"

namespace lto {

__attribute__((noinline)) void fill(unsigned char *p, int n, uint64_t seed) {
  for (int i = 0; i < n; ++i)
    p[i] = static_cast<unsigned char>(mix(seed, static_cast<uint64_t>(i)));
}

__attribute__((noinline)) uint64_t sum(const unsigned char *p, int n) {
  return mix_bytes(0, p, static_cast<std::size_t>(n));
}

__attribute__((noinline)) Generator<uint64_t> disjoint(uint64_t seed) {
  {
    alignas(16) unsigned char a[1024];
    fill(a, 1024, seed);
    co_yield sum(a, 1024);
    a[5] ^= 0x55;
    co_yield sum(a, 1024);
  }
  {
    alignas(64) unsigned char b[1000];
    fill(b, 1000, seed + 1);
    co_yield sum(b, 1000) ^ (reinterpret_cast<uintptr_t>(b) % 64);
  }
  {
    uint64_t c[40];
    for (int i = 0; i < 40; ++i)
      c[i] = opaque(seed * static_cast<uint64_t>(i));
    co_yield c[39] + c[7];
    for (int i = 1; i < 40; ++i)
      c[i] += c[i - 1];
    co_yield c[39];
  }
}

Generator<int> window_gen(int n, uint64_t seed) {
  int w[16] = {};
  for (int i = 0; i < n; ++i) {
    w[i % 16] = static_cast<int>(mix(seed, static_cast<uint64_t>(i)) % 1000);
    int s = 0;
    for (int k = 0; k < 16; ++k)
      s += w[k];
    co_yield s;
  }
}

struct Big {
  char name[48];
  long vals[12];
};

__attribute__((noinline)) Task<uint64_t> big_task(uint64_t seed) {
  Big a{}, b{};
  fill(reinterpret_cast<unsigned char *>(a.name), 47, seed);
  for (int i = 0; i < 12; ++i)
    a.vals[i] = static_cast<long>(co_await leaf_task(seed + static_cast<uint64_t>(i)) % 1000);
  b = a;
  b.vals[3] += 1;
  uint64_t t = co_await leaf_task(static_cast<uint64_t>(b.vals[3]));
  co_return mix(sum(reinterpret_cast<unsigned char *>(&b), sizeof b), t);
}

uint64_t arrays(uint64_t seed) {
  uint64_t h = seed;
  for (int r = 0; r < 3; ++r) {
    auto g = disjoint(seed + static_cast<uint64_t>(r));
    while (g.next())
      h = mix(h, g.value());
  }
  {
    auto g = window_gen(50, seed);
    while (g.next())
      h = mix(h, static_cast<uint64_t>(g.value()));
  }
  h = mix(h, sync_wait(big_task(seed)));
  return h;
}

} // namespace lto
