// Bit-fields, bools packed in structs, enums of several underlying types and
// a std::atomic local live across suspends, modified between them.
#include "diff.h"
#include <atomic>
#include <string>
using namespace diff;

struct Flags {
  unsigned a : 3;
  unsigned b : 7;
  signed c : 5;
  bool d : 1;
  unsigned long long e : 40;
};
enum class Small : unsigned char { x = 1, y = 200 };
enum class Wide : long long { p = -5, q = 1LL << 40 };

__attribute__((noinline)) Generator<uint64_t> body(int seed) {
  Flags f{};
  f.a = static_cast<unsigned>(opaque(seed)) & 7;
  f.b = 100;
  f.c = -3;
  f.d = true;
  f.e = 0x12345678ull;
  Small s = Small::x;
  Wide w = Wide::p;
  std::atomic<int> counter{seed};
  for (int i = 0; i < 20; ++i) {
    co_yield (static_cast<uint64_t>(f.a) << 60) ^ (static_cast<uint64_t>(f.b) << 50) ^
        static_cast<uint64_t>(static_cast<int64_t>(f.c)) ^ (static_cast<uint64_t>(f.d) << 40) ^ f.e;
    f.a = (f.a + 3) & 7;
    f.b = (f.b * 5 + 1) & 127;
    f.c = static_cast<signed>((f.c + 7) % 16) - 8;
    f.d = !f.d;
    f.e = (f.e * 3 + static_cast<unsigned long long>(i)) & ((1ull << 40) - 1);
    s = (s == Small::x) ? Small::y : Small::x;
    w = (i % 3 == 0) ? Wide::q : Wide::p;
    counter.fetch_add(i);
    co_yield static_cast<uint64_t>(s) + static_cast<uint64_t>(w) + static_cast<uint64_t>(counter.load());
  }
}

int main() {
  uint64_t h = 0;
  for (int seed = 0; seed < 5; ++seed) {
    Generator<uint64_t> g = body(seed);
    while (g.next())
      h = mix(h, g.value());
    std::printf("seed %d hash %016llx\n", seed, (unsigned long long)h);
  }
  return finish();
}
