// What lower mode does not take goes to pack mode, and the report says why:
// here leaf() has a caller that awaits it as [[clang::coro_await_elidable]]
// (LLVM's split builds a .noalloc variant for it, which lower mode does not
// build), next to root(), which is lowered. Both run as the stock build does.
// RUN: %clangxx -O2 %s -o %t.stock && %t.stock > %t.stock.out
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.json %clangxx -O2 -fpass-plugin=%plugin %s -o %t
// RUN: %t | diff %t.stock.out -
// RUN: FileCheck %s < %t.stock.out
// RUN: %coropack show %t.json --format json | FileCheck %s --check-prefix=JSON
// CHECK: 9
// JSON: "demangled": "leaf(int)",
// JSON: "status": "{{packed|stock: .*}} (not lowered: a caller marks it coro_elide_safe (LLVM builds a .noalloc variant))",
// JSON: "demangled": "root(int)",
// JSON: "status": "lowered",
#include <coroutine>
#include <cstdio>
#include <utility>

struct [[clang::coro_await_elidable]] Task {
  struct promise_type {
    long value = 0;
    std::coroutine_handle<> next;
    Task get_return_object() { return Task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct Final {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        auto n = h.promise().next;
        return n ? n : std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    Final final_suspend() noexcept { return {}; }
    void return_value(long v) noexcept { value = v; }
    void unhandled_exception() noexcept {}
  };
  std::coroutine_handle<promise_type> h;
  explicit Task(std::coroutine_handle<promise_type> x) : h(x) {}
  Task(Task &&o) : h(std::exchange(o.h, {})) {}
  ~Task() { if (h) h.destroy(); }
  bool await_ready() noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> c) noexcept { h.promise().next = c; return h; }
  long await_resume() noexcept { return h.promise().value; }
};

__attribute__((noinline)) Task leaf(int n) { co_return n * 3L; }
__attribute__((noinline)) Task root(int n) {
  long a = co_await leaf(n);
  long b = co_await leaf(n + 1);
  co_return a + b;
}
int main(int argc, char **) {
  Task t = root(argc);
  t.h.resume();
  std::printf("%ld\n", t.h.promise().value);
}
