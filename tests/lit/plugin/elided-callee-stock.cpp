// A callee whose frame coropack makes smaller, elided (HALO) into a caller
// that keeps it across a suspend: the caller's stock size in the remarks and
// the report is what a stock build gives it (the callee's stock frame
// inside), not a split of the caller around the callee's smaller frame.
// RUN: %clangxx -O2 -c %s -o /dev/null -Rpass=coro-split 2>&1 | grep "Split '_Z6parentl'" > %t.stock
// RUN: env COROPACK_MODE=pack %clangxx -O2 -fpass-plugin=%plugin -c %s -o /dev/null -Rpass=coro-pack 2>&1 | grep "coroutine frame" > %t.pack
// RUN: cat %t.stock %t.pack | FileCheck %s --check-prefixes=CHECK,PACK
// RUN: env COROPACK_MODE=lower %clangxx -O2 -fpass-plugin=%plugin -c %s -o /dev/null -Rpass=coro-pack 2>&1 | grep "coroutine frame" > %t.lower
// RUN: cat %t.stock %t.lower | FileCheck %s --check-prefixes=CHECK,LOWER
// CHECK: Split '_Z6parentl' (frame_size=[[STOCK:[0-9]+]],
// PACK:  coroutine frame of child(long): 96 bytes stock, 72 bytes packed
// LOWER: coroutine frame of child(long): 96 bytes stock, 64 bytes packed
// CHECK: coroutine frame of parent(long): [[STOCK]] bytes stock,
// The report says the same.
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.json %clangxx -O2 -fpass-plugin=%plugin -c %s -o /dev/null
// RUN: cat %t.stock > %t.both && %coropack show %t.json --format json >> %t.both
// RUN: FileCheck %s --check-prefix=JSON < %t.both
// JSON: Split '_Z6parentl' (frame_size=[[STOCK:[0-9]+]],
// JSON: "name": "_Z6parentl",
// JSON: "stock_size": [[STOCK]],
// And the programs print the same.
// RUN: %clangxx -O2 %s -o %t.s && %t.s > %t.s.out
// RUN: env COROPACK_MODE=pack %clangxx -O2 -fpass-plugin=%plugin %s -o %t.p && %t.p | diff %t.s.out -
// RUN: env COROPACK_MODE=lower %clangxx -O2 -fpass-plugin=%plugin %s -o %t.l && %t.l | diff %t.s.out -
#include <coroutine>
#include <cstdio>
#include <exception>
struct task {
  struct promise_type {
    task get_return_object() { return {std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::terminate(); }
  };
  std::coroutine_handle<promise_type> h;
  ~task() { if (h) h.destroy(); }
};
__attribute__((noinline)) void fill(long *p, int n, long v) { for (int i = 0; i < n; i++) p[i] = v + i; asm volatile("" ::"r"(p) : "memory"); }
__attribute__((noinline)) long sum(const long *p, int n) { long s = 0; for (int i = 0; i < n; i++) s += p[i]; return s; }
long out;
__attribute__((noinline)) long opaque(long x) { asm volatile("" : "+r"(x)); return x; }
// Values never live together: stock gives each its own field, coropack
// lets the second four share the first four's bytes.
task child(long a) {
  long v0 = opaque(a), v1 = opaque(a + 1), v2 = opaque(a + 2), v3 = opaque(a + 3);
  co_await std::suspend_always{};
  out += v0 * 3 + v1 * 5 + v2 * 7 + v3;
  long w0 = opaque(a * 2), w1 = opaque(a * 3), w2 = opaque(a * 4), w3 = opaque(a * 5);
  co_await std::suspend_always{};
  out += w0 * 3 + w1 * 5 + w2 * 7 + w3;
}
// child's ramp is inlined here and its frame elided into this frame.
__attribute__((noinline)) task parent(long a) {
  task t = child(a);
  t.h.resume();
  co_await std::suspend_always{};
  while (!t.h.done()) t.h.resume();
  out += a;
}
int main() {
  task p = parent(5);
  while (!p.h.done()) p.h.resume();
  std::printf("%ld\n", out);
}
