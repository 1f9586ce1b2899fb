// Values of many sizes and alignments live across different suspend points
// and checked after each resume: char, short, int, long, float, double,
// long double, __int128, bool, pointers, small and odd-sized structs,
// std::vector<float> and SIMD float vectors.
#include "diff.h"
#include <vector>
using namespace diff;

typedef float f4 __attribute__((vector_size(16)));
typedef float f8 __attribute__((vector_size(32)));
typedef double d8 __attribute__((vector_size(64)));

struct S3 {
  unsigned char b[3];
};
struct S12 {
  int a, b, c;
};
struct S24 {
  double x;
  long y;
  int z, w;
};
struct S40 {
  long v[5];
};

template <class T> uint64_t h(const T &x) { return mix_bytes(0, &x, sizeof x); }

__attribute__((noinline)) Generator<uint64_t> body(int seed) {
  char c = static_cast<char>(opaque(seed) + 1);
  co_yield h(c);
  short s = static_cast<short>(c * 300);
  co_yield h(c) ^ h(s);
  int i = s * 70001;
  long l = static_cast<long>(i) * 1000003L;
  co_yield h(s) + h(i);
  float f = static_cast<float>(l % 10007) / 3.0f;
  double d = f * 1.0e10 + l;
  long double ld = static_cast<long double>(d) * 3.0L;
  co_yield h(i) ^ h(l) ^ h(f);
  __int128 w = static_cast<__int128>(l) * l + i;
  bool flag = (w & 1) != 0;
  const long *pl = &l;
  co_yield h(d) + h(w) + flag;
  S3 s3{{static_cast<unsigned char>(c), static_cast<unsigned char>(s), static_cast<unsigned char>(i)}};
  S12 s12{i, static_cast<int>(l), s};
  S24 s24{d, l, i, s};
  S40 s40{{l, l + 1, l + 2, l + 3, static_cast<long>(w)}};
  co_yield h(s3) ^ h(s12) ^ h(s24) ^ h(s40) ^ static_cast<uint64_t>(*pl);
  std::vector<float> vf;
  for (int k = 0; k < 33; ++k)
    vf.push_back(f * static_cast<float>(k));
  f4 v4 = {f, f * 2, f * 3, f * 4};
  f8 v8 = {1, 2, 3, 4, 5, 6, 7, static_cast<float>(c)};
  d8 vd = {d, d, 1, 2, 3, 4, 5, 6};
  co_yield h(v4) + h(v8) + h(vd) + mix_bytes(0, vf.data(), vf.size() * sizeof(float));
  v4 = v4 * 2.0f + v4;
  v8 = v8 + v8;
  vd = vd * vd;
  co_yield h(v4) + h(v8) + h(vd);
  // Every value once more, long after it was defined.
  uint64_t all = h(c) ^ h(s) ^ h(i) ^ h(l) ^ h(f) ^ h(d) ^ h(w) ^ flag;
  all = mix(all, h(s3) ^ h(s12) ^ h(s24) ^ h(s40));
  all = mix(all, static_cast<uint64_t>(ld / 7.0L));
  all = mix(all, mix_bytes(0, vf.data(), vf.size() * sizeof(float)));
  co_yield all;
  CHECK(pl == &l);
  CHECK(reinterpret_cast<std::uintptr_t>(&vd) % 64 == 0 && reinterpret_cast<std::uintptr_t>(&v8) % 32 == 0);
}

int main() {
  for (int seed = 0; seed < 4; ++seed) {
    Generator<uint64_t> g = body(seed);
    std::printf("seed %d:", seed);
    while (g.next())
      std::printf(" %016llx", (unsigned long long)g.value());
    std::printf("\n");
  }
  return finish();
}
