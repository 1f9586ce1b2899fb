// Over-aligned locals (alignas 16, 32, 64, 128) live across suspends, in the
// same scope and in disjoint scopes, next to small unaligned ones; alignment
// is asserted at run time after every resume and the contents are checked.
// The frames come from diff::PatternAlloc, aligned to 128 bytes: LLVM assumes
// the frame allocation is as aligned as the frame (see diff.h).
#include "diff.h"
#include <cstdint>
#include <string>
using namespace diff;

template <std::size_t A, std::size_t N> struct alignas(A) Block {
  unsigned char b[N];
  void fill(uint64_t seed) {
    for (std::size_t i = 0; i < N; ++i)
      b[i] = static_cast<unsigned char>(mix(seed, i));
  }
  bool same(uint64_t seed) const {
    for (std::size_t i = 0; i < N; ++i)
      if (b[i] != static_cast<unsigned char>(mix(seed, i)))
        return false;
    return true;
  }
};

template <class T> bool aligned(const T &x, std::size_t a) {
  return reinterpret_cast<std::uintptr_t>(&x) % a == 0;
}

long misaligned;
#define ALIGNED(x, a)                                                                                            \
  do {                                                                                                           \
    if (!aligned(x, a))                                                                                          \
      ++misaligned;                                                                                              \
    CHECK(aligned(x, a));                                                                                        \
  } while (0)

__attribute__((noinline)) Generator<int> body(int seed) {
  char c = static_cast<char>(opaque(seed));
  Block<64, 64> a64;
  a64.fill(1);
  Block<32, 40> a32;
  a32.fill(2);
  short s = static_cast<short>(seed * 3);
  co_yield 1;
  ALIGNED(a64, 64);
  ALIGNED(a32, 32);
  CHECK(a64.same(1) && a32.same(2));
  {
    Block<128, 200> a128;
    a128.fill(3);
    Block<16, 24> a16;
    a16.fill(4);
    co_yield 2;
    ALIGNED(a128, 128);
    ALIGNED(a16, 16);
    CHECK(a128.same(3) && a16.same(4));
    co_yield 3;
    CHECK(a128.same(3));
  }
  {
    Block<64, 1000> big64;
    big64.fill(5);
    char tiny = c;
    co_yield 4;
    ALIGNED(big64, 64);
    CHECK(big64.same(5) && tiny == c);
  }
  {
    Block<16, 1024> big16;
    big16.fill(6);
    co_yield 5;
    ALIGNED(big16, 16);
    CHECK(big16.same(6));
  }
  for (int i = 0; i < 4; ++i) {
    alignas(64) double lanes[8];
    for (int k = 0; k < 8; ++k)
      lanes[k] = i * 8 + k;
    co_yield 10 + i;
    ALIGNED(lanes, 64);
    double sum = 0;
    for (double x : lanes)
      sum += x;
    CHECK(sum == 64.0 * i + 28.0);
  }
  CHECK(a64.same(1) && a32.same(2));
  co_yield c + s;
}

int main() {
  for (int seed = 0; seed < 3; ++seed) {
    Generator<int> g = body(seed);
    std::string out;
    while (g.next())
      out += std::to_string(g.value()) + " ";
    std::printf("seed %d: %s\n", seed, out.c_str());
  }
  std::printf("misaligned %ld\n", misaligned);
  return finish();
}
