// Large arrays whose lifetimes partly overlap: one is copied into the next
// while both are alive across a suspend, nested scopes keep an outer array
// alive over inner ones, and alignments differ (16 and 64). The frame must
// keep apart everything that is alive at the same suspend point.
#include "diff.h"
using namespace diff;

struct alignas(16) A16 {
  unsigned char b[6000];
};
struct alignas(64) A64 {
  unsigned char b[5000];
};
struct Big {
  uint64_t w[4096]; // 32 KiB
};

template <class T> void fill(T &x, uint64_t seed) {
  unsigned char *p = reinterpret_cast<unsigned char *>(&x);
  for (std::size_t i = 0; i < sizeof x; ++i)
    p[i] = static_cast<unsigned char>(mix(seed, i) >> 7);
}
template <class T> uint64_t hash(const T &x) { return mix_bytes(0, &x, sizeof x); }

__attribute__((noinline)) Generator<uint64_t> body(int seed) {
  A16 first;
  fill(first, static_cast<uint64_t>(seed));
  uint64_t h_first = hash(first);
  co_yield h_first;
  {
    A64 second;
    std::memcpy(second.b, first.b, sizeof second.b); // both alive here
    co_yield hash(second);
    CHECK(hash(first) == h_first);
    {
      Big inner;
      fill(inner, static_cast<uint64_t>(seed) + 1);
      co_yield hash(inner) ^ hash(second);
      CHECK(std::memcmp(second.b, first.b, sizeof second.b) == 0);
    }
    co_yield hash(second);
  } // first dies after this block, second here
  h_first = hash(first);
  co_yield h_first;
  {
    Big again;
    fill(again, 77);
    A64 third;
    fill(third, 78);
    co_yield hash(again) + hash(third);
    for (int i = 0; i < 3; ++i) {
      again.w[i * 1000] ^= third.b[i];
      co_yield hash(again);
    }
  }
  co_yield hash(first);
  CHECK(hash(first) == h_first);
}

int main() {
  for (int seed = 0; seed < 3; ++seed) {
    Generator<uint64_t> g = body(seed);
    int n = 0;
    while (g.next()) {
      if (n % 3 == 0)
        std::printf("seed %d #%d %016llx\n", seed, n, (unsigned long long)g.value());
      ++n;
    }
  }
  return finish();
}
