// A coroutine with 64 suspend points in straight-line code, each defining a
// value that lives for a different span of later suspends (1, 2, 4, 8, 16
// and all the rest), plus one with a rolling window of live values over 100
// suspends: the per-suspend live sets all differ.
#include "diff.h"
#include <string>
using namespace diff;

#define STEP(k)                                                                                                  \
  uint64_t v##k = mix(opaque<uint64_t>(seed), k);                                                              \
  co_yield v##k;

__attribute__((noinline)) Generator<uint64_t> sixty_four(uint64_t seed) {
  // v0..v63: the value defined at step k is used again at step k + span(k).
  STEP(0) STEP(1) STEP(2) STEP(3) STEP(4) STEP(5) STEP(6) STEP(7)
  co_yield v0 ^ v7;
  STEP(8) STEP(9) STEP(10) STEP(11) STEP(12) STEP(13) STEP(14) STEP(15)
  co_yield v1 + v9 + v15;
  STEP(16) STEP(17) STEP(18) STEP(19) STEP(20) STEP(21) STEP(22) STEP(23)
  co_yield v2 * v16 + v23;
  STEP(24) STEP(25) STEP(26) STEP(27) STEP(28) STEP(29) STEP(30) STEP(31)
  co_yield v24 - v31 + v3;
  STEP(32) STEP(33) STEP(34) STEP(35) STEP(36) STEP(37) STEP(38) STEP(39)
  co_yield v32 ^ v39 ^ v10;
  STEP(40) STEP(41) STEP(42) STEP(43) STEP(44) STEP(45) STEP(46) STEP(47)
  co_yield v40 + v47 + v17 + v11;
  STEP(48) STEP(49) STEP(50) STEP(51) STEP(52) STEP(53) STEP(54) STEP(55)
  co_yield v48 ^ v55 ^ v25 ^ v33;
  STEP(56) STEP(57) STEP(58) STEP(59) STEP(60) STEP(61) STEP(62) STEP(63)
  co_yield v56 + v63 + v41 + v49 + v4 + v12 + v18 + v26 + v34 + v42 + v50 + v57;
  co_yield v5 ^ v6 ^ v8 ^ v13 ^ v14 ^ v19 ^ v20 ^ v21 ^ v22 ^ v27 ^ v28 ^ v29 ^ v30;
  co_yield v35 ^ v36 ^ v37 ^ v38 ^ v43 ^ v44 ^ v45 ^ v46 ^ v51 ^ v52 ^ v53 ^ v54;
  co_yield v58 ^ v59 ^ v60 ^ v61 ^ v62;
}

// 100 suspends in a loop body that the optimizer cannot collapse: a window of
// five values of different sizes rotates through the frame.
__attribute__((noinline)) Generator<uint64_t> rolling(int n) {
  unsigned char a = static_cast<unsigned char>(opaque(1));
  unsigned short b = 2;
  unsigned c = 3;
  unsigned long d = 4;
  double e = 5;
  for (int i = 0; i < n; ++i) {
    switch (i % 5) {
    case 0: a = static_cast<unsigned char>(a * 7 + i); co_yield a; break;
    case 1: b = static_cast<unsigned short>(b * 7 + a); co_yield b; break;
    case 2: c = c * 7 + b; co_yield c; break;
    case 3: d = d * 7 + c; co_yield d; break;
    default: e = e * 1.25 + static_cast<double>(d % 1000); co_yield static_cast<uint64_t>(e) % 100000; break;
    }
  }
}

// 50 distinct suspend points inside a single loop iteration.
#define Y5(base) co_yield acc + base; acc = mix(acc, base); co_yield acc + base + 1; acc ^= base; co_yield acc; \
  co_yield acc + 3; acc += local[(base) % 8]; co_yield acc;
__attribute__((noinline)) Generator<uint64_t> fifty(int rounds) {
  uint64_t acc = opaque<uint64_t>(9);
  uint64_t local[8];
  for (int i = 0; i < 8; ++i)
    local[i] = mix(7, static_cast<uint64_t>(i));
  for (int r = 0; r < rounds; ++r) {
    Y5(0) Y5(10) Y5(20) Y5(30) Y5(40) Y5(50) Y5(60) Y5(70) Y5(80) Y5(90)
    local[r % 8] = acc;
  }
}

template <class G> uint64_t drain(G g, int &count) {
  uint64_t h = 0;
  count = 0;
  while (g.next()) {
    h = mix(h, g.value());
    ++count;
  }
  return h;
}

int main() {
  int n = 0;
  for (uint64_t seed = 0; seed < 3; ++seed) {
    uint64_t h = drain(sixty_four(seed), n);
    std::printf("sixty_four seed %llu: %d yields %016llx\n", (unsigned long long)seed, n, (unsigned long long)h);
  }
  uint64_t h = drain(rolling(100), n);
  std::printf("rolling: %d yields %016llx\n", n, (unsigned long long)h);
  h = drain(fifty(4), n);
  std::printf("fifty: %d yields %016llx\n", n, (unsigned long long)h);
  // Stop sixty_four at every one of its suspend points.
  uint64_t stops = 0;
  for (int k = 0; k < 76; ++k) {
    Generator<uint64_t> g = sixty_four(5);
    for (int i = 0; i < k && g.next(); ++i)
      stops = mix(stops, g.value());
  }
  std::printf("stops %016llx\n", (unsigned long long)stops);
  return finish();
}
