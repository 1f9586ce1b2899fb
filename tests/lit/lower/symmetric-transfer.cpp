// Symmetric transfer: an await_suspend that returns a handle becomes a
// musttail call of that coroutine's resume function in the clones, so a
// chain of a million awaits runs in constant stack at every level.
// RUN: env COROPACK_MODE=lower %clangxx -O1 -fpass-plugin=%plugin -S -emit-llvm %s -o - | FileCheck %s --check-prefix=IR
// RUN: env COROPACK_MODE=lower %clangxx -O0 -fpass-plugin=%plugin %s -o %t0 && %t0 | FileCheck %s
// RUN: env COROPACK_MODE=lower %clangxx -O2 -fpass-plugin=%plugin %s -o %t2 && %t2 | FileCheck %s
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.json %clangxx -O2 -c -fpass-plugin=%plugin %s -o %t.o
// RUN: %coropack show %t.json --format json | FileCheck %s --check-prefix=JSON

// IR-LABEL: define internal fastcc void @_Z5chaini.resume(
// IR: musttail call fastcc void %{{.*}}(ptr {{.*}})
// IR-NEXT: ret void
// CHECK: 1000001000002
// JSON: "demangled": "leaf(int)",
// JSON: "status": "lowered",
// JSON: "demangled": "chain(int)",
// JSON: "status": "lowered",
#include <coroutine>
#include <cstdio>

struct Task {
  struct promise_type {
    std::coroutine_handle<> cont;
    long long value = 0;
    Task get_return_object() { return Task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct Final {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        auto c = h.promise().cont;
        return c ? c : std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    Final final_suspend() noexcept { return {}; }
    void return_value(long long v) { value = v; }
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> h;
  explicit Task(std::coroutine_handle<promise_type> h) : h(h) {}
  Task(Task &&o) : h(o.h) { o.h = {}; }
  ~Task() {
    if (h)
      h.destroy();
  }
  bool await_ready() { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> c) {
    h.promise().cont = c;
    return h;
  }
  long long await_resume() { return h.promise().value; }
};

__attribute__((noinline)) Task leaf(int n) { co_return 2LL * n; }

// chain(0) = 2, chain(d) = chain(d - 1) + 2d: 2 + d(d + 1).
__attribute__((noinline)) Task chain(int depth) {
  long long a = 0;
  for (int d = 0; d <= depth; d++)
    a += co_await leaf(d == 0 ? 1 : d);
  co_return a;
}

int main() {
  Task t = chain(1000000);
  t.h.resume();
  printf("%lld\n", t.h.promise().value);
}
