// Suspends inside loops with break, continue, goto, do-while and a switch,
// with values defined in one iteration and used after a suspend in the next
// (loop-carried phis that cross suspend points).
#include "diff.h"
#include <string>
using namespace diff;

__attribute__((noinline)) Generator<int> body(int seed) {
  int prev = opaque(seed), prev2 = 1;
  int i = 0;
again:
  while (i < 40) {
    int cur = prev * 3 + prev2;
    prev2 = prev;
    prev = cur % 1009;
    ++i;
    if (cur % 4 == 0)
      continue;
    co_yield prev;
    switch (prev % 5) {
    case 0:
      co_yield 1000 + prev2;
      break;
    case 1: {
      int tmp = prev2 * 2;
      co_yield 2000 + tmp;
      prev2 = tmp % 1009;
      [[fallthrough]];
    }
    case 2:
      co_yield 3000 + i;
      break;
    default:
      if (prev % 7 == 0)
        goto out;
    }
  }
out:
  if (i < 40) {
    co_yield -i;
    ++i;
    goto again;
  }
  int k = 0;
  do {
    co_yield 5000 + k;
    k += prev2 % 3 + 1;
  } while (k < 10);
}

int main() {
  for (int seed = 1; seed < 5; ++seed) {
    Generator<int> g = body(seed);
    std::string out;
    uint64_t h = 0;
    int n = 0;
    while (g.next()) {
      h = mix(h, static_cast<uint64_t>(g.value()));
      if (n++ < 12)
        out += std::to_string(g.value()) + " ";
    }
    std::printf("seed %d: %d yields, first %s hash %016llx\n", seed, n, out.c_str(), (unsigned long long)h);
  }
  return finish();
}
