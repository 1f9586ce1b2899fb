// The classic candidates for sharing frame bytes: objects of different sizes
// in the arms of if/else chains and in sibling blocks, each live across its
// own suspends only, next to values that span all of them. Every object
// checks its contents after each resume and when destroyed.
#include "diff.h"
#include <string>
using namespace diff;

template <std::size_t N> struct Filled {
  unsigned char b[N];
  uint64_t seed;
  explicit Filled(uint64_t s) : seed(s) {
    for (std::size_t i = 0; i < N; ++i)
      b[i] = static_cast<unsigned char>(mix(s, i));
  }
  bool ok() const {
    for (std::size_t i = 0; i < N; ++i)
      if (b[i] != static_cast<unsigned char>(mix(seed, i)))
        return false;
    return true;
  }
  ~Filled() { CHECK(ok()); }
};

__attribute__((noinline)) Generator<uint64_t> body(int seed) {
  uint64_t span = mix(opaque<uint64_t>(static_cast<uint64_t>(seed)), 1);
  for (int i = 0; i < 8; ++i) {
    int arm = static_cast<int>(mix(span, static_cast<uint64_t>(i)) % 4);
    if (arm == 0) {
      Filled<24> a(span + 1);
      co_yield 1;
      CHECK(a.ok());
    } else if (arm == 1) {
      Filled<200> b(span + 2);
      co_yield 2;
      Filled<8> b2(span + 3);
      co_yield 3;
      CHECK(b.ok() && b2.ok());
    } else if (arm == 2) {
      Filled<1000> c(span + 4);
      std::string s(static_cast<std::size_t>(i + 10), 'c');
      co_yield 4;
      CHECK(c.ok() && s.size() == static_cast<std::size_t>(i + 10));
    } else {
      co_yield 5;
    }
    {
      Filled<64> d(span + 5);
      co_yield 6;
    }
    {
      Filled<48> e(span + 6);
      co_yield 7;
    }
    span = mix(span, static_cast<uint64_t>(arm));
  }
  co_yield span;
}

int main() {
  for (int seed = 0; seed < 6; ++seed) {
    Generator<uint64_t> g = body(seed);
    std::string out;
    uint64_t last = 0;
    while (g.next()) {
      if (g.value() < 10)
        out += static_cast<char>('0' + g.value());
      last = g.value();
    }
    std::printf("seed %d: %s %016llx\n", seed, out.c_str(), (unsigned long long)last);
  }
  return finish();
}
