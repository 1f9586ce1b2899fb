// Large arrays (4 KiB to 64 KiB) in disjoint scopes, each live across its own
// suspends: a packed frame may give them the same bytes, so each array's
// contents are checked after every resume, and a long-lived small value sits
// beside them the whole time.
#include "diff.h"
#include <string>
using namespace diff;

template <std::size_t N> struct Arr {
  uint32_t v[N / 4];
  void fill(uint32_t seed) {
    for (std::size_t i = 0; i < N / 4; ++i)
      v[i] = static_cast<uint32_t>(mix(seed, i));
  }
  bool same(uint32_t seed) const {
    for (std::size_t i = 0; i < N / 4; ++i)
      if (v[i] != static_cast<uint32_t>(mix(seed, i)))
        return false;
    return true;
  }
  uint64_t sum() const { return mix_bytes(0, v, sizeof v); }
};

__attribute__((noinline)) Generator<uint64_t> body(uint32_t seed) {
  uint64_t keep = mix(opaque<uint64_t>(seed), 99); // alive throughout
  {
    Arr<4096> a;
    a.fill(seed + 1);
    co_yield a.sum();
    CHECK(a.same(seed + 1));
    a.v[7] ^= 1;
    co_yield a.sum();
  }
  {
    Arr<16384> b;
    b.fill(seed + 2);
    co_yield b.sum();
    CHECK(b.same(seed + 2));
  }
  if (opaque(seed) % 2 == 0) {
    Arr<65536> c;
    c.fill(seed + 3);
    co_yield c.sum();
    CHECK(c.same(seed + 3));
    co_yield c.v[100];
  } else {
    Arr<32768> d;
    d.fill(seed + 4);
    co_yield d.sum();
    CHECK(d.same(seed + 4));
  }
  for (int i = 0; i < 3; ++i) {
    Arr<8192> e;
    e.fill(seed + 10 + static_cast<uint32_t>(i));
    co_yield e.sum();
    CHECK(e.same(seed + 10 + static_cast<uint32_t>(i)));
  }
  co_yield keep;
  CHECK(keep == mix(seed, 99));
}

int main() {
  for (uint32_t seed = 0; seed < 4; ++seed) {
    Generator<uint64_t> g = body(seed);
    uint64_t h = 0;
    int n = 0;
    while (g.next()) {
      h = mix(h, g.value());
      ++n;
    }
    std::printf("seed %u yields %d hash %016llx\n", seed, n, (unsigned long long)h);
  }
  return finish();
}
