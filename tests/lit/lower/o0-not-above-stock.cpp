// At -O0 lower mode runs coro-early before the stock pipeline's own run,
// and coro-early is not idempotent (a second run turns the coroutine's
// coro.promise into an address that the -O0 split spills): coroutines left
// to LLVM's split must still get stock's frame. The program prints the size
// each frame allocation asks for; stock and lower mode must print the same.
// RUN: %clangxx -O0 %s -o %t.stock && %t.stock > %t.stock.out
// RUN: env COROPACK_MODE=lower %clangxx -O0 -fpass-plugin=%plugin %s -o %t.lower && %t.lower > %t.lower.out
// RUN: diff %t.stock.out %t.lower.out
// RUN: FileCheck %s < %t.lower.out
// CHECK: frame {{[0-9]+}}
// CHECK: result 4
#include <coroutine>
#include <cstdio>
#include <cstdlib>
#include <utility>

template <class T> struct Task {
  struct promise_type {
    T value{};
    std::coroutine_handle<> next;
    static void *operator new(std::size_t n) { std::printf("frame %zu\n", n); return std::malloc(n); }
    static void operator delete(void *p) { std::free(p); }
    Task get_return_object() { return Task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct Final {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        return h.promise().next ? h.promise().next : std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    Final final_suspend() noexcept { return {}; }
    void return_value(T v) { value = v; }
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
  explicit Task(std::coroutine_handle<promise_type> x) : h(x) {}
  Task(Task &&o) : h(std::exchange(o.h, {})) {}
  ~Task() { if (h) h.destroy(); }
  bool await_ready() { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> c) { h.promise().next = c; return h; }
  T await_resume() { return h.promise().value; }
};

Task<int> add_later(int a, int b) { co_return a + b; }
Task<int> caller(int n) {
  int s = 0;
  for (int i = 0; i < n; ++i)
    s += co_await add_later(i, s % 7);
  co_return s;
}

int main() {
  Task<int> t = caller(3);
  t.h.resume();
  std::printf("result %d\n", t.h.promise().value);
}
