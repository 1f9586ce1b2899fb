// Loops with suspends and loop-carried values of several types: integers of
// every width, floating point, a pointer stepping through an array, a small
// struct and a string, all updated every iteration and read after the yield.
#include "diff.h"
#include <string>
using namespace diff;

struct Vec3 {
  float x, y, z;
};

__attribute__((noinline)) Generator<uint64_t> body(int n) {
  signed char c = static_cast<signed char>(opaque(3));
  short s = 7;
  int i32 = opaque(11);
  long l = 13;
  unsigned long long u = 17;
  __int128 w = static_cast<__int128>(1) << 70;
  float f = 1.5f;
  double d = 2.25;
  Vec3 v{1, 2, 3};
  int table[32];
  for (int k = 0; k < 32; ++k)
    table[k] = k * k;
  const int *p = table;
  std::string tail = "t";
  for (int it = 0; it < n; ++it) {
    c = static_cast<signed char>(c * 3 + 1);
    s = static_cast<short>(s * 5 - it);
    // Wrapping arithmetic through the unsigned types: no signed overflow.
    i32 = static_cast<int>(static_cast<unsigned>(i32) * 7u + static_cast<unsigned>(*p));
    l = static_cast<long>(static_cast<unsigned long>(l) * 31u + static_cast<unsigned long>(i32));
    u = u * 6364136223846793005ull + 1442695040888963407ull;
    w = static_cast<__int128>(static_cast<unsigned __int128>(w) * 3u + static_cast<unsigned __int128>(l));
    f = f * 1.0625f + 0.5f;
    d = d * 0.96875 + f;
    v = Vec3{v.y + 1, v.z * 0.5f, v.x - f};
    if (++p == table + 32)
      p = table;
    tail += static_cast<char>('a' + it % 26);
    co_yield static_cast<uint64_t>(it);
    uint64_t h = mix(static_cast<uint64_t>(c), static_cast<uint64_t>(s));
    h = mix(h, static_cast<uint64_t>(i32));
    h = mix(h, static_cast<uint64_t>(l));
    h = mix(h, u);
    h = mix(h, static_cast<uint64_t>(w) ^ static_cast<uint64_t>(w >> 64));
    h = mix(h, static_cast<uint64_t>(static_cast<long long>(f * 1024)));
    h = mix(h, static_cast<uint64_t>(static_cast<long long>(d * 1024)));
    h = mix(h, static_cast<uint64_t>(static_cast<long long>((v.x + v.y * 3 + v.z * 7) * 16)));
    h = mix_bytes(h, tail.data(), tail.size());
    co_yield h;
  }
}

// Two nested loops; the inner one carries a value out to the outer one and
// both suspend.
__attribute__((noinline)) Generator<long> nested(int rows, int cols) {
  long total = opaque(0L);
  for (int r = 0; r < rows; ++r) {
    long row_sum = r;
    double scale = 1.0 + r * 0.125;
    for (int c = 0; c < cols; ++c) {
      row_sum += static_cast<long>((r * cols + c) * scale);
      if ((r + c) % 3 == 0)
        co_yield row_sum;
      if (c == r && r % 2 == 1)
        break;
    }
    total = total * 3 + row_sum;
    co_yield -total;
  }
}

int main() {
  Generator<uint64_t> g = body(300);
  uint64_t h = 0;
  int n = 0;
  while (g.next()) {
    h = mix(h, g.value());
    if (++n % 100 == 0)
      std::printf("%d: %016llx\n", n, (unsigned long long)h);
  }
  std::printf("body %d yields %016llx\n", n, (unsigned long long)h);
  Generator<long> t = nested(12, 9);
  std::string out;
  while (t.next())
    out += std::to_string(t.value()) + " ";
  std::printf("nested %s\n", out.c_str());
  return finish();
}
