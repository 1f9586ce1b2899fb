// A trial split takes out of its copy the allocas stock surely leaves on the
// stack when they have many uses (collect.c, detachable): at -O0 exn.slot
// has a store in every landing pad and LLVM's split compares every pair of
// its uses. The frame must not change: the stock size a trial measures (the
// remark's "bytes stock") is what LLVM's own split of a stock build says.
// RUN: %clangxx -O0 -c %s -o /dev/null -Rpass=coro-split 2> %t.stock
// RUN: env COROPACK_MODE=pack COROPACK_DEBUG_TRIALS=1 %clangxx -O0 -c %s -o /dev/null \
// RUN:   -fpass-plugin=%plugin -Rpass=coro-pack 2> %t.pack
// RUN: env COROPACK_MODE=lower COROPACK_DEBUG_TRIALS=1 %clangxx -O0 -c %s -o /dev/null \
// RUN:   -fpass-plugin=%plugin -Rpass=coro-pack 2> %t.lower
// RUN: env COROPACK_MODE=pack COROPACK_DEBUG_TRIALS=1 COROPACK_CHECK_STOCK_FLOOR=1 %clangxx -O0 -c %s \
// RUN:   -o /dev/null -fpass-plugin=%plugin 2> %t.check
// RUN: cat %t.stock %t.pack | FileCheck %s
// RUN: cat %t.stock %t.lower | FileCheck %s --check-prefix=LOWER
// RUN: cat %t.stock %t.check | FileCheck %s --check-prefix=CHECKED
// CHECK: remark: Split '_Z3bigl' (frame_size=[[STOCK:[0-9]+]], align=8)
// CHECK: coropack: trial split of _Z3bigl (stock copy, 1 allocas detached): [[STOCK]] bytes
// CHECK: remark: coroutine frame of big(long): [[STOCK]] bytes stock, [[PACKED:[0-9]+]] bytes packed
// CHECKED: remark: Split '_Z3bigl' (frame_size=[[STOCK:[0-9]+]], align=8)
// CHECKED-DAG: coropack: trial split of _Z3bigl (stock copy, 1 allocas detached): [[STOCK]] bytes
// CHECKED-DAG: coropack: trial split of _Z3bigl (packed copy, 1 allocas detached): {{[0-9]+}} bytes
// CHECKED-NOT: coropack: packed bound below
// LOWER: remark: Split '_Z3bigl' (frame_size=[[STOCK:[0-9]+]], align=8)
// LOWER: coropack: trial split of _Z3bigl (stock copy, 1 allocas detached): [[STOCK]] bytes
// LOWER: remark: coroutine frame of big(long): [[STOCK]] bytes stock, {{.*}}(lowered)
//
// Without a report or remarks, the floor under stock's frame (collect.c,
// stock_floor) decides at -O0: the marked allocas live at a suspend count
// there, so lower mode makes no trial split. Pack mode's packed copy need
// not be split either: at -O0 a bound over its split (packed_bound) is below
// that floor. (With the floor checked, above, both copies are split and the
// bound must hold.)
// RUN: env COROPACK_MODE=lower COROPACK_DEBUG_TRIALS=1 %clangxx -O0 -c %s -o /dev/null \
// RUN:   -fpass-plugin=%plugin 2>&1 | count 0
// RUN: env COROPACK_MODE=pack COROPACK_DEBUG_TRIALS=1 %clangxx -O0 -c %s -o /dev/null \
// RUN:   -fpass-plugin=%plugin 2>&1 | count 0
#include <coroutine>
#include <exception>
struct task {
  struct promise_type {
    long v = 0;
    task get_return_object() { return {std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_value(long x) { v = x; }
    void unhandled_exception() { std::terminate(); }
  };
  std::coroutine_handle<promise_type> h;
};
struct step {
  long x;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  long await_resume() const noexcept { return x; }
};
struct guard { long n; ~guard(); };
long sink(long);
task big(long a) {
  guard g{a};
  long v0 = sink(a);
  co_await step{0};
  long v1 = sink(a + v0);
  co_await step{1};
  long v2 = sink(a + v1);
  co_await step{2};
  long v3 = sink(a + v2);
  co_await step{3};
  long v4 = sink(a + v3);
  co_await step{4};
  long v5 = sink(a + v4 + v0);
  co_await step{5};
  long v6 = sink(a + v5 + v1);
  co_await step{6};
  long v7 = sink(a + v6 + v2);
  co_await step{7};
  long v8 = sink(a + v7 + v3);
  co_await step{8};
  long v9 = sink(a + v8 + v4);
  co_await step{9};
  long v10 = sink(a + v9 + v5);
  co_await step{10};
  long v11 = sink(a + v10 + v6);
  co_return v11 + v7 + v8 + v9;
}
