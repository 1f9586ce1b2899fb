// Generators: values live across yields, disjoint groups of values,
// strings kept across yields, nested generators.
#include "lto.h"
#include <string>

namespace lto {

Generator<uint64_t> fib_gen(uint64_t a, uint64_t b, int n) {
  for (int i = 0; i < n; ++i) {
    co_yield a;
    uint64_t t = a + b;
    a = b;
    b = t;
  }
}

// Twelve longs, four live across each of three yields.
__attribute__((noinline)) Generator<long> twelve(long x) {
  long a = opaque(x + 1), b = opaque(x * 3), c = opaque(x ^ 7), d = opaque(x - 5);
  co_yield a + b + c + d;
  long e = opaque(a * 2), f = opaque(b + 11), g = opaque(c * c), h = opaque(d - a);
  co_yield e ^ f ^ g ^ h;
  long i = opaque(e + h), j = opaque(f * 5), k = opaque(g - 3), l = opaque(h + e);
  co_yield i + j + k + l;
}

__attribute__((noinline)) Generator<std::string> words(uint64_t seed, int n) {
  std::string acc = "w";
  for (int i = 0; i < n; ++i) {
    std::string piece = std::to_string(mix(seed, static_cast<uint64_t>(i)) % 1000);
    acc += piece;
    co_yield acc;
    if (acc.size() > 40)
      acc.erase(0, 20);
    co_yield piece + "|" + std::to_string(acc.size());
  }
}

struct Wide {
  double d[3];
  short s;
};

__attribute__((noinline)) Generator<double> scopes(int n) {
  for (int r = 0; r < n; ++r) {
    {
      double p = opaque(1.5 * r), q = opaque(2.25 + r);
      co_yield p * q;
      co_yield p - q;
    }
    {
      short s = opaque(static_cast<short>(r * 7));
      Wide w{{opaque(0.5), 1.0 * r, 3.0}, s};
      co_yield w.d[0] + w.d[1] + w.d[2] + w.s;
      w.d[1] += s;
      co_yield w.d[1];
    }
    {
      Obj o(r);
      co_yield static_cast<double>(o.tag % 97);
    }
  }
}

// Consumes a generator while being one.
__attribute__((noinline)) Generator<uint64_t> pairs(uint64_t seed, int n) {
  Generator<uint64_t> inner = fib_gen(seed % 5, 1 + seed % 3, n);
  uint64_t prev = opaque(seed);
  while (inner.next()) {
    uint64_t v = inner.value();
    co_yield mix(prev, v);
    prev = v;
  }
}

uint64_t gens(uint64_t seed) {
  uint64_t h = seed;
  {
    auto g = fib_gen(0, 1, 60);
    while (g.next())
      h = mix(h, g.value());
  }
  for (long x = 0; x < 5; ++x) {
    auto g = twelve(x + static_cast<long>(seed));
    while (g.next())
      h = mix(h, static_cast<uint64_t>(g.value()));
  }
  {
    auto g = words(seed, 12);
    while (g.next())
      h = mix_bytes(h, g.value().data(), g.value().size());
  }
  {
    auto g = scopes(6);
    while (g.next())
      h = mix(h, static_cast<uint64_t>(static_cast<int64_t>(g.value() * 1000)));
  }
  {
    auto g = pairs(seed, 20);
    while (g.next())
      h = mix(h, g.value());
  }
  return h;
}

} // namespace lto
