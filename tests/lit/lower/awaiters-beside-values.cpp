// Empty awaiters (suspend_always of each co_yield) live at one suspend
// each. When the layout let them share a value's bytes, the lowering could
// not tell when the awaiter's code writes them, so it stored that value
// before every suspend it is live across and reloaded it right after (a
// store of every reload: O(suspends x values) instructions, twice stock's
// resume function for a run of 64 co_yields). The layout now puts such
// allocas on bytes only allocas they never conflict with hold, when the
// frame has them, so no reload is stored back, in lower mode and in pack
// mode's region. The program must print the same as stock.
// RUN: env COROPACK_MODE=lower %clangxx -O2 -fno-discard-value-names -S -emit-llvm -fpass-plugin=%plugin %s -o - | FileCheck %s
// RUN: %clangxx -O2 %s -o %t.stock && %t.stock > %t.stock.out
// RUN: env COROPACK_MODE=lower %clangxx -O2 -fpass-plugin=%plugin %s -o %t.lower && %t.lower > %t.lower.out
// RUN: diff %t.stock.out %t.lower.out
// Pack mode's region gets the same move.
// RUN: env COROPACK_MODE=pack %clangxx -O2 -fno-discard-value-names -S -emit-llvm -fpass-plugin=%plugin %s -o - | FileCheck %s
// RUN: env COROPACK_MODE=pack %clangxx -O2 -fpass-plugin=%plugin %s -o %t.pack && %t.pack > %t.pack.out
// RUN: diff %t.stock.out %t.pack.out
// CHECK-LABEL: define internal fastcc void @_Z4runsm.resume(
// CHECK-NOT: store i64 %{{[^ ]*}}reload
// CHECK: {{^}$}}
#include <coroutine>
#include <cstdint>
#include <cstdio>
#include <exception>

struct Gen {
  struct promise_type {
    uint64_t cur = 0;
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(uint64_t v) noexcept { cur = v; return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  std::coroutine_handle<promise_type> h;
  ~Gen() { h.destroy(); }
};

__attribute__((noinline)) uint64_t opaque(uint64_t x) { asm volatile("" : "+r"(x)); return x; }
static uint64_t mix(uint64_t a, uint64_t k) { return (a ^ (k * 0x9e3779b97f4a7c15ull)) * 0xbf58476d1ce4e5b9ull; }

#define STEP(k) uint64_t v##k = mix(opaque(seed), k); co_yield v##k;
// Each value is used again two to six suspends later: the live sets differ
// at every suspend and values share bytes over time.
__attribute__((noinline)) Gen runs(uint64_t seed) {
  STEP(0) STEP(1) STEP(2) STEP(3)
  co_yield v0 ^ v2;
  STEP(4) STEP(5) STEP(6)
  co_yield v1 + v3 + v4;
  STEP(7) STEP(8) STEP(9)
  co_yield v5 * v7 + v6;
  STEP(10) STEP(11)
  co_yield v8 ^ v9 ^ v10 ^ v11;
}

int main() {
  Gen g = runs(opaque(7));
  uint64_t sum = 0;
  int n = 0;
  for (g.h.resume(); !g.h.done(); g.h.resume())
    sum = sum * 31 + g.h.promise().cur, n++;
  std::printf("%d %llu\n", n, (unsigned long long)sum);
}
