// A lowering that fails after it has begun changing the coroutine puts the
// coroutine back as it was (lower.h): LLVM's split then builds it, and the
// program must behave as stock's, debug info and sanitizers included.
// COROPACK_TEST_FAIL_LOWERING makes every lowering fail at its very end,
// after the clones and the resumers array exist.
// RUN: %clangxx -O2 %s -o %t.stock && %t.stock > %t.stock.out
// RUN: env COROPACK_MODE=lower COROPACK_TEST_FAIL_LOWERING=1 COROPACK_REPORT=%t.json %clangxx -O2 -g -fpass-plugin=%plugin %s -o %t.o2 && %t.o2 > %t.o2.out
// RUN: diff %t.stock.out %t.o2.out
// RUN: FileCheck %s --check-prefix=REPORT < %t.json
// RUN: env COROPACK_MODE=lower COROPACK_TEST_FAIL_LOWERING=1 %clangxx -O0 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fpass-plugin=%plugin %s -o %t.o0 && %t.o0 > %t.o0.out
// RUN: diff %t.stock.out %t.o0.out
// The same program lowers when nothing fails.
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.ok.json %clangxx -O2 -g -fpass-plugin=%plugin %s -o %t.ok && %t.ok > %t.ok.out
// RUN: diff %t.stock.out %t.ok.out
// RUN: FileCheck %s --check-prefix=OK < %t.ok.json
// REPORT: "status":"{{.*}}not lowered: COROPACK_TEST_FAIL_LOWERING is set
// OK: "status":"lowered"
#include <coroutine>
#include <cstdio>
#include <string>

struct Gen {
  struct promise_type {
    int cur = 0;
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) noexcept { cur = v; return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  std::coroutine_handle<promise_type> h;
  ~Gen() { h.destroy(); }
};

struct Noisy {
  std::string name;
  ~Noisy() { std::printf("~%s\n", name.c_str()); }
};

__attribute__((noinline)) Gen count(int n, std::string tag) {
  Noisy guard{tag};
  for (int i = 0; i < n; ++i) {
    int sq = i * i;
    co_yield sq;
    if (i == 3)
      throw i;
    co_yield sq + 1;
  }
}

int main() {
  {
    Gen g = count(2, "two");
    for (g.h.resume(); !g.h.done(); g.h.resume())
      std::printf("%d\n", g.h.promise().cur);
  }
  {
    Gen g = count(9, "partial");
    for (int k = 0; k < 3; ++k) {
      g.h.resume();
      std::printf("%d\n", g.h.promise().cur);
    }
  }
  try {
    Gen g = count(9, "thrown");
    for (g.h.resume(); !g.h.done(); g.h.resume())
      std::printf("%d\n", g.h.promise().cur);
  } catch (int e) {
    std::printf("caught %d\n", e);
  }
}
