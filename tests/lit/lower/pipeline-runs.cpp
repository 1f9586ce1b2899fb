// The inliner's CGSCC walk runs the function simplification pipeline on a
// lowered coroutine's ramp as often as on a stock-split one: once before
// the coroutine is lowered (split) and once when its SCC is revisited.
// (Lower mode ran it once more per coroutine, right after lowering.)
// RUN: %clangxx -O2 -c %s -o /dev/null -Xclang -fdebug-pass-manager 2>&1 \
// RUN:   | FileCheck %s --check-prefix=RUNS
// RUN: env COROPACK_MODE=lower %clangxx -O2 -c %s -o /dev/null -fpass-plugin=%plugin \
// RUN:   -Xclang -fdebug-pass-manager 2>&1 | FileCheck %s --check-prefixes=RUNS,LOWER
// RUN: env COROPACK_MODE=lower %clangxx -O2 -c %s -o /dev/null -fpass-plugin=%plugin -Rpass=coro-pack 2>&1 \
// RUN:   | FileCheck %s --check-prefix=REMARK
// RUN: env COROPACK_MODE=lower %clangxx -O2 %s -o %t -fpass-plugin=%plugin && %t | FileCheck %s --check-prefix=OUT

// REMARK: remark: coroutine frame of count(): {{.*}}(lowered)

// LOWER:      Running pass: {anonymous}::CoroLowerPass on (_Z5countv)
// RUNS:       Running pass: GVNPass on _Z5countv ({{[0-9]+}} instructions)
// RUNS:       Running pass: GVNPass on _Z5countv ({{[0-9]+}} instructions)
// RUNS-NOT:   Running pass: GVNPass on _Z5countv (
// OUT: 45
#include <coroutine>
#include <cstdio>

struct Gen {
  struct promise_type {
    int cur = 0;
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) noexcept { cur = v; return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  std::coroutine_handle<promise_type> h;
};

Gen count() {
  for (int i = 0; i < 10; i++)
    co_yield i;
}

int main() {
  Gen g = count();
  int s = 0;
  for (g.h.resume(); !g.h.done(); g.h.resume())
    s += g.h.promise().cur;
  g.h.destroy();
  std::printf("%d\n", s);
}
