// Values merged from branches after suspends: each arm of an if/else or a
// switch defines the value differently (and suspends a different number of
// times), ternaries and selects pick between values that crossed suspends,
// and short-circuit conditions contain co_await.
#include "diff.h"
#include <string>
using namespace diff;

struct Val {
  int v;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  int await_resume() { return v; }
};

__attribute__((noinline)) Generator<long> body(int seed) {
  long acc = opaque<long>(seed);
  for (int i = 0; i < 30; ++i) {
    long merged;
    double frac;
    if ((acc + i) % 3 == 0) {
      long t = acc * 2;
      co_yield t;
      merged = t + 1;
      frac = 0.5;
    } else if ((acc + i) % 3 == 1) {
      int t = static_cast<int>(acc % 1000);
      co_yield t;
      co_yield t + 1;
      merged = -t;
      frac = 0.25;
    } else {
      merged = acc ^ i;
      frac = 0.125;
    }
    co_yield merged;
    // co_await in both arms of a ternary and in a short-circuit condition.
    long pick = (merged % 2) ? co_await Val{static_cast<int>(merged % 100)} : co_await Val{i};
    if (pick > 10 && co_await Val{static_cast<int>(pick % 7)} > 3)
      acc += pick;
    else
      acc -= i;
    acc = static_cast<long>(static_cast<double>(acc) * (1.0 + frac)) % 1000003;
    co_yield acc;
  }
  // A while loop whose condition suspends.
  int k = 0;
  while (co_await Val{k} < 5)
    ++k;
  co_yield acc + k;
}

int main() {
  for (int seed = 0; seed < 4; ++seed) {
    Generator<long> g = body(seed);
    uint64_t h = 0;
    int n = 0, yields = 0;
    while (g.next()) {
      ++n;
      if (g.has_value()) {
        ++yields;
        h = mix(h, static_cast<uint64_t>(g.value()));
      }
    }
    std::printf("seed %d resumes %d yields %d hash %016llx\n", seed, n, yields, (unsigned long long)h);
  }
  return finish();
}
