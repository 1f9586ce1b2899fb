// Heap elision of lowered coroutines whose promise has its own operator new:
// the lowered ramp must be as inlinable as stock's split ramp (clang marks
// the pre-split coro.begin call noduplicate; LLVM's split drops that, and so
// must lower mode, or no caller inlines the ramp and nothing is elided).
// The elisions must be stock's, and the program must allocate no frame.
// RUN: %clangxx -O2 -Rpass=coro-elide -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefix=ELIDE
// RUN: env COROPACK_MODE=lower %clangxx -O2 -fpass-plugin=%plugin -Rpass='coro-.*' -c %s -o /dev/null 2>&1 | FileCheck %s --check-prefixes=ELIDE,LOWERED
// RUN: env COROPACK_MODE=lower %clangxx -O2 -fpass-plugin=%plugin %s -o %t && %t | FileCheck %s --check-prefix=OUT
// RUN: %clangxx -O2 %s -o %t.stock && %t.stock | FileCheck %s --check-prefix=OUT

// LOWERED-DAG: coroutine frame of ints(int, int): {{.*}}(lowered)
// LOWERED-DAG: coroutine frame of squares(int): {{.*}}(lowered)
// ELIDE-DAG: remark: '_Z4intsii' elided in '_Z5totalii'
// ELIDE-DAG: remark: '_Z7squaresi' elided in '_Z5totalii'
// OUT: total 2660 frames 0
#include <coroutine>
#include <cstdio>
#include <cstdlib>

static long frames;
struct Gen {
  struct promise_type {
    int cur = 0;
    static void *operator new(std::size_t n) { ++frames; return std::malloc(n); }
    static void operator delete(void *p) { std::free(p); }
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

Gen ints(int a, int b) {
  for (int i = a; i < b; ++i)
    co_yield i;
}

Gen squares(int n) {
  for (int i = 0; i < n; ++i)
    co_yield i * i;
}

__attribute__((noinline)) long total(int a, int b) {
  long s = 0;
  Gen g = ints(a, b);
  while (g.next())
    s += g.value();
  Gen q = squares(b - a);
  while (q.next())
    s += q.value();
  return s;
}

int main(int argc, char **) { std::printf("total %ld frames %ld\n", total(argc - 1, 20 + argc - 1), frames); }
