// Heap elision (HALO) still works on lowered coroutines: the ramp keeps the
// coro.alloc/coro.free protocol and the resumers array, the clones carry the
// frame size and alignment, so coro-elide puts a generator created and
// destroyed in one function on that function's stack.
// RUN: env COROPACK_MODE=lower %clangxx -O2 -fpass-plugin=%plugin -Rpass=coro-pack -S -emit-llvm %s -o - 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=REMARK < %t.err
// RUN: env COROPACK_MODE=lower %clangxx -O2 -fpass-plugin=%plugin %s -o %t && %t | FileCheck %s --check-prefix=OUT

// REMARK: remark: coroutine frame of count(int): {{[0-9]+}} bytes stock, {{[0-9]+}} bytes packed, lower bound {{[0-9]+}} (lowered)
// CHECK-LABEL: define {{.*}} @_Z3sumi(
// CHECK-NOT: call {{.*}}@_Znwm
// CHECK: ret i32
// OUT: 4950
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
  bool next() { h.resume(); return !h.done(); }
  int value() const { return h.promise().cur; }
  ~Gen() { h.destroy(); }
};

Gen count(int n) {
  for (int i = 0; i < n; i++)
    co_yield i;
}

__attribute__((noinline)) int sum(int n) {
  int s = 0;
  Gen g = count(n);
  while (g.next())
    s += g.value();
  return s;
}

int main(int argc, char **) { printf("%d\n", sum(99 + argc)); }
