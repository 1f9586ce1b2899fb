// Awaiters whose await_suspend returns bool. True suspends; false resumes the
// coroutine at once without a suspension. The choice depends on run-time data,
// so both paths are taken many times, with values live across each await.
#include "diff.h"
#include <string>
using namespace diff;

long suspended, not_suspended;

struct Maybe {
  int key;
  bool await_ready() noexcept { return false; }
  bool await_suspend(std::coroutine_handle<>) noexcept {
    bool s = (key % 3) != 0;
    (s ? suspended : not_suspended)++;
    return s;
  }
  int await_resume() noexcept { return key * 2; }
};

// await_ready says yes for some keys, so three paths in all.
struct Tri {
  int key;
  bool await_ready() noexcept { return key % 4 == 0; }
  bool await_suspend(std::coroutine_handle<>) noexcept { return key % 4 != 1; }
  long await_resume() noexcept { return key; }
};

__attribute__((noinline)) Generator<uint64_t> body(int n) {
  uint64_t acc = opaque<uint64_t>(5);
  double d = 0.5;
  std::string s = "s";
  for (int i = 0; i < n; ++i) {
    short tiny = static_cast<short>(i * 7);
    int got = co_await Maybe{i};
    acc = mix(acc, static_cast<uint64_t>(got + tiny));
    d = d * 1.03125 + got;
    long t = co_await Tri{i + got};
    acc = mix(acc, static_cast<uint64_t>(t));
    if (i % 5 == 0)
      s += static_cast<char>('a' + i % 26);
    co_yield acc ^ static_cast<uint64_t>(static_cast<long>(d)) ^ s.size();
  }
}

int main() {
  Generator<uint64_t> g = body(120);
  uint64_t h = 0;
  int resumes = 0, yields = 0;
  while (g.next()) {
    ++resumes;
    if (g.has_value()) {
      h = mix(h, g.value());
      ++yields;
    }
  }
  std::printf("resumes %d yields %d hash %016llx\n", resumes, yields, (unsigned long long)h);
  std::printf("await_suspend true %ld false %ld\n", suspended, not_suspended);
  CHECK(suspended > 0 && not_suspended > 0);
  return finish();
}
