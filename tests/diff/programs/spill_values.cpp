// SSA values (never address-taken) of many types that cross suspend points at
// -O1 and up: they become spilled frame fields rather than allocas. Their
// live ranges are staggered so different subsets cross each suspend, and some
// are cheap to recompute (casts, compares, address arithmetic) so the
// optimizer may rematerialize them instead.
#include "diff.h"
using namespace diff;

struct Pt {
  int x, y;
};

__attribute__((noinline)) Generator<uint64_t> body(uint64_t seed, const int *table) {
  uint64_t a = opaque(seed) * 3 + 1;
  uint32_t b = static_cast<uint32_t>(a >> 7);
  uint16_t c = static_cast<uint16_t>(b * 5);
  uint8_t d = static_cast<uint8_t>(c ^ 0x5a);
  co_yield a;                           // a b c d live
  double e = static_cast<double>(b) * 0.75;
  bool f = c > 1000;
  const int *p = table + (d % 16);      // address arithmetic
  co_yield static_cast<uint64_t>(e) + f; // a b c d e f p live
  float g = static_cast<float>(e) * 1.5f;
  int64_t hh = static_cast<int64_t>(a % 100003) - static_cast<int64_t>(d);
  Pt pt{static_cast<int>(c), static_cast<int>(d)};
  co_yield static_cast<uint64_t>(hh) ^ b; // b drops out after this
  __int128 wide = static_cast<__int128>(a) * hh;
  co_yield static_cast<uint64_t>(wide) ^ static_cast<uint64_t>(wide >> 64) ^ static_cast<uint64_t>(*p);
  uint64_t sel = f ? a : static_cast<uint64_t>(hh);
  co_yield sel + static_cast<uint64_t>(g * 8) + static_cast<uint64_t>(pt.x * 3 + pt.y);
  co_yield mix(a, c) ^ mix(d, static_cast<uint64_t>(e * 4)) ^ static_cast<uint64_t>(p[1]);
}

// The same shape in a loop: a value defined before the loop, one carried
// through it and one defined in each iteration all cross the loop's suspend.
__attribute__((noinline)) Generator<uint64_t> looped(uint64_t seed, int n) {
  uint64_t before = opaque(seed);
  uint32_t carried = 1;
  for (int i = 0; i < n; ++i) {
    uint16_t fresh = static_cast<uint16_t>(carried * 31 + static_cast<uint32_t>(i));
    co_yield before + fresh;
    carried = carried * 7 + fresh;
    double ratio = static_cast<double>(fresh) / (carried % 97 + 1);
    co_yield static_cast<uint64_t>(ratio * 1000);
  }
  co_yield before ^ carried;
}

int main() {
  int table[17];
  for (int i = 0; i < 17; ++i)
    table[i] = i * i - 40;
  uint64_t h = 0;
  for (uint64_t seed = 0; seed < 20; ++seed) {
    Generator<uint64_t> g = body(seed * 1234567, table);
    while (g.next())
      h = mix(h, g.value());
    Generator<uint64_t> l = looped(seed, 30);
    while (l.next())
      h = mix(h, l.value());
    if (seed % 5 == 4)
      std::printf("seed %llu hash %016llx\n", (unsigned long long)seed, (unsigned long long)h);
  }
  return finish();
}
