// A get_return_object() whose type is not the coroutine's return type: the
// front end keeps the returned object in the ramp and converts it at the
// end of the ramp, on the true edge of a branch on llvm.coro.is_in_ramp.
// Lower mode must lower these coroutines (its clones take that branch's
// false edge, so nothing they run reads the ramp-only object) and the
// program must print what the stock build prints: conversions, destructors,
// an exception thrown before the first suspend (kept by the promise), and
// the frame sizes. (The object is trivially destructible: clang-22's own
// destroy function runs a destructor on a stack copy of it.)
// RUN: %clangxx -O0 %s -o %t.s0 && %t.s0 > %t.s0.out
// RUN: %clangxx -O2 %s -o %t.s2 && %t.s2 > %t.s2.out
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.r0.json %clangxx -O0 -fpass-plugin=%plugin %s -o %t.l0 && %t.l0 > %t.l0.out
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.r1.json %clangxx -O1 -fpass-plugin=%plugin %s -o %t.l1 && %t.l1 > %t.l1.out
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.r2.json %clangxx -O2 -fpass-plugin=%plugin %s -o %t.l2 && %t.l2 > %t.l2.out
// Same lines but the frame sizes, and no frame above stock's:
// RUN: grep -v '^frame' %t.s0.out > %t.s0.beh
// RUN: grep -v '^frame' %t.s2.out > %t.s2.beh
// RUN: grep -v '^frame' %t.l0.out | diff %t.s0.beh -
// RUN: grep -v '^frame' %t.l1.out | diff %t.s2.beh -
// RUN: grep -v '^frame' %t.l2.out | diff %t.s2.beh -
// RUN: grep '^frame' %t.s0.out > %t.s0.fr
// RUN: grep '^frame' %t.s2.out > %t.s2.fr
// RUN: grep '^frame' %t.l0.out | paste %t.s0.fr - | awk '$4 > $2 { exit 1 }'
// RUN: grep '^frame' %t.l1.out | paste %t.s2.fr - | awk '$4 > $2 { exit 1 }'
// RUN: grep '^frame' %t.l2.out | paste %t.s2.fr - | awk '$4 > $2 { exit 1 }'
// RUN: FileCheck %s --check-prefix=OUT < %t.l2.out
// RUN: %coropack show --format text %t.r0.json | FileCheck %s --check-prefix=LOWERED
// RUN: %coropack show --format text %t.r1.json | FileCheck %s --check-prefix=LOWERED
// RUN: %coropack show --format text %t.r2.json | FileCheck %s --check-prefix=LOWERED
// OUT: frame {{[0-9]+}}
// OUT-NEXT: convert 1 4
// OUT-NEXT: sum 10
// OUT-NEXT: frame {{[0-9]+}}
// OUT-NEXT: caught 7
// OUT-NEXT: convert 2 4
// OUT-NEXT: done 1
// LOWERED-NOT: not lowered
// LOWERED: counter(int)
// LOWERED-NOT: not lowered
// LOWERED: thrower(int)
// LOWERED-NOT: not lowered
#include <coroutine>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

struct Task;
struct Holder {
  std::coroutine_handle<> h;
  long payload[4];
};
static int conversions;
struct Task {
  std::coroutine_handle<> h;
  Task(const Holder &x) : h(x.h) { std::printf("convert %d %ld\n", ++conversions, x.payload[3]); }
  struct promise_type {
    int sum = 0;
    static void *operator new(std::size_t n) { std::printf("frame %zu\n", n); return std::malloc(n); }
    static void operator delete(void *p) { std::free(p); }
    Holder get_return_object() {
      return {std::coroutine_handle<promise_type>::from_promise(*this), {1, 2, 3, 4}};
    }
    std::suspend_never initial_suspend() { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {
      try { throw; } catch (const std::exception &e) { std::printf("caught %s\n", e.what()); }
    }
  };
};

__attribute__((noinline)) Task counter(int n) {
  int acc = 0;
  for (int i = 0; i < n; i++) {
    co_await std::suspend_always{};
    acc += i;
  }
  std::printf("sum %d\n", acc);
}

__attribute__((noinline)) Task thrower(int n) {
  if (n == 7)
    throw std::runtime_error("7");
  co_await std::suspend_always{};
}

int main() {
  Task t = counter(5);
  while (!t.h.done())
    t.h.resume();
  t.h.destroy();
  Task u = thrower(7);
  std::printf("done %d\n", u.h.done());
  u.h.destroy();
}
