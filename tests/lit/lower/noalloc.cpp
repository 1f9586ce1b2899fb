// A coroutine awaited as [[clang::coro_await_elidable]] (the call is marked
// coro_elide_safe): LLVM's split gives it a .noalloc ramp that takes its
// frame from the caller, and CoroAnnotationElide puts that frame in the
// caller's frame. Lower mode builds the same ramp from its own: leaf() and
// root() are both lowered, the elision happens as in the stock build (same
// remark), and the program allocates the same frames and prints the same,
// also under ASan and UBSan. (Coroutines lower mode cannot take fall back to
// pack mode: lower/above-stock.ll.)
// RUN: %clangxx -O2 %s -o %t.stock -Rpass=coro-annotation-elide 2> %t.stock.remarks && %t.stock > %t.stock.out
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.json %clangxx -O2 -fpass-plugin=%plugin %s -o %t -Rpass=coro-annotation-elide 2> %t.remarks
// RUN: %t | diff %t.stock.out -
// RUN: FileCheck %s < %t.stock.out
// RUN: FileCheck %s --check-prefix=REMARK < %t.stock.remarks
// RUN: FileCheck %s --check-prefix=REMARK < %t.remarks
// RUN: %coropack show %t.json --format json | FileCheck %s --check-prefix=JSON
// RUN: env COROPACK_MODE=lower %clangxx -O2 -fsanitize=address,undefined -fno-sanitize-recover=all -fpass-plugin=%plugin %s -o %t.san
// RUN: %t.san | diff %t.stock.out -
// CHECK: alloc {{[0-9]+}}
// CHECK-NEXT: alloc {{[0-9]+}}
// CHECK-NEXT: 9 frames 2
// REMARK: remark: '_Z4leafi' elided in '_Z4rooti'
// JSON: "demangled": "leaf(int)",
// JSON: "status": "lowered",
// JSON: "demangled": "root(int)",
// JSON: "status": "lowered",
#include <coroutine>
#include <cstdio>
#include <utility>
#include <cstdlib>
static int frames;

struct [[clang::coro_await_elidable]] Task {
  struct promise_type {
    long value = 0;
    std::coroutine_handle<> next;
    static void *operator new(std::size_t n) { frames++; std::printf("alloc %zu\n", n); return std::malloc(n); }
    static void operator delete(void *p) { std::free(p); }
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

Task leaf(int n) { co_return n * 3L; }
__attribute__((noinline)) Task root(int n) {
  long a = co_await leaf(n);
  long b = co_await leaf(n + 1);
  co_return a + b;
}
int main(int argc, char **) {
  Task t = root(argc);
  t.h.resume();
  std::printf("%ld frames %d\n", t.h.promise().value, frames);
}
