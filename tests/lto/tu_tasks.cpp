// Lazy tasks awaiting tasks (symmetric transfer): chains, a recursive
// tree, results of several types, counted objects alive across awaits.
#include "lto.h"
#include <string>
#include <vector>

namespace lto {

Task<uint64_t> leaf_task(uint64_t x) {
  Obj o(static_cast<int>(x % 1000));
  co_return mix(x, o.tag);
}

Task<uint64_t> tree_task(int depth, uint64_t x) {
  if (depth == 0)
    co_return co_await leaf_task(x);
  uint64_t l = co_await tree_task(depth - 1, x * 2);
  Obj keep(depth);
  uint64_t r = co_await tree_task(depth - 1, x * 2 + 1);
  CHECK(keep.ok());
  co_return mix(l, r) ^ keep.tag;
}

struct Rec {
  long a;
  double b;
  int c[5];
};

__attribute__((noinline)) Task<Rec> rec_task(int x) {
  Rec r{};
  r.a = static_cast<long>(co_await leaf_task(static_cast<uint64_t>(x)));
  r.b = opaque(0.25) * x;
  for (int i = 0; i < 5; ++i)
    r.c[i] = static_cast<int>(co_await leaf_task(static_cast<uint64_t>(x + i)) & 0xffff);
  co_return r;
}

__attribute__((noinline)) Task<std::string> text_task(int n) {
  std::string out = "t:";
  std::vector<uint64_t> keep;
  for (int i = 0; i < n; ++i) {
    Rec r = co_await rec_task(i);
    keep.push_back(static_cast<uint64_t>(r.a));
    out += std::to_string(r.c[i % 5]) + ",";
  }
  uint64_t s = 0;
  for (uint64_t v : keep)
    s ^= v;
  out += std::to_string(s % 100000);
  co_return out;
}

__attribute__((noinline)) Task<void> into_task(int n, uint64_t &h) {
  for (int i = 0; i < n; ++i) {
    uint64_t a = co_await leaf_task(static_cast<uint64_t>(i));
    uint64_t b = co_await tree_task(2, a % 17);
    h = mix(h, a ^ b);
  }
}

uint64_t tasks(uint64_t seed) {
  uint64_t h = seed;
  h = mix(h, sync_wait(tree_task(6, seed)));
  std::string s = sync_wait(text_task(10));
  h = mix_bytes(h, s.data(), s.size());
  sync_wait(into_task(8, h));
  Rec r = sync_wait(rec_task(static_cast<int>(seed % 50)));
  h = mix(h, static_cast<uint64_t>(r.a) + static_cast<uint64_t>(r.b * 4) + static_cast<uint64_t>(r.c[3]));
  return h;
}

} // namespace lto
