// A lazily started task with symmetric transfer: co_await on a task and
// the final suspend both return the next coroutine's handle from
// await_suspend (llvm.coro.await.suspend.handle); leaf() suspends through
// a void await_suspend (.void), then a bool one (.bool). Both frames are measured: outer() is
// allocated first, leaf() when outer() awaits it.
//
// RUN: %clangxx -O2 %s -o %t.exe
// RUN: %t.exe > %t.out
// RUN: %clangxx -O2 -g -S -emit-llvm -Xclang -disable-llvm-passes %s -o %t.ll
// RUN: FileCheck %s --check-prefix=IR < %t.ll
// RUN: %coropack report --mode pack %t.ll -O2 --format json > %t.json
// RUN: cat %t.out %t.json | FileCheck %s --check-prefix=SIZES
// RUN: %coropack report --mode pack %t.ll -O2 --format text --dump-liveness | FileCheck %s --check-prefix=LIVE
// RUN: FileCheck %s --check-prefix=STATES < %t.json
//
// Pack mode (the plugin's default) really allocates packed_size bytes for
// each, and the program prints the same result.
// RUN: env COROPACK_MODE=pack %clangxx -O2 -fpass-plugin=%plugin %s -o %t.packed.exe
// RUN: %t.packed.exe > %t.packed.out
// RUN: cat %t.json %t.packed.out | FileCheck %s --check-prefix=PACKED

// IR-DAG: {{call|invoke}} void @llvm.coro.await.suspend.handle(
// IR-DAG: {{call|invoke}} void @llvm.coro.await.suspend.void(
// IR-DAG: {{call|invoke}} i1 @llvm.coro.await.suspend.bool(

// SIZES:      frame bytes: [[OUTER:[0-9]+]]
// SIZES-NEXT: frame bytes: [[LEAF:[0-9]+]]
// SIZES-NEXT: result 183
// SIZES:      "demangled": "leaf(long)",
// SIZES:      "packed_size": 56,
// SIZES:      "stock_size": [[LEAF]],
// SIZES:      "demangled": "outer(long)",
// SIZES:      "packed_size": 64,
// SIZES:      "stock_size": [[OUTER]],

// PACKED:      "demangled": "leaf(long)",
// PACKED:      "packed_size": [[LEAF:[0-9]+]],
// PACKED:      "demangled": "outer(long)",
// PACKED:      "packed_size": [[OUTER:[0-9]+]],
// PACKED:      frame bytes: [[OUTER]]
// PACKED-NEXT: frame bytes: [[LEAF]]
// PACKED-NEXT: result 183

// leaf: x is read after the initial suspend, a after both yields, b after
// the second; each await keeps its (empty) awaiter alive across it.
// LIVE:      {{^}}liveness _Z4leafl
// LIVE-NEXT: {{^}}  suspend 0: x [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE-NEXT: {{^}}  suspend 1: a [%{{[0-9]+}} (awaiter yield_to_main)]{{$}}
// LIVE-NEXT: {{^}}  suspend 2: a b [%{{[0-9]+}} (awaiter maybe_yield)]{{$}}
// LIVE-NEXT: {{^}}  suspend 3 final: [%{{[0-9]+}} (awaiter task::promise_type::final_awaiter)]{{$}}
// outer: across the symmetric transfer to leaf, k, m and the task object
// (an alloca holding leaf's handle) are live.
// LIVE:      {{^}}liveness _Z5outerl
// LIVE-NEXT: {{^}}  suspend 0: x [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE-NEXT: {{^}}  suspend 1: k m [%{{[0-9]+}} (awaiter task)]{{$}}
// LIVE-NEXT: {{^}}  suspend 2 final: [%{{[0-9]+}} (awaiter task::promise_type::final_awaiter)]{{$}}
// LIVE-LABEL: coroutine leaf(long) {
// LIVE-DAG:   /* [[XA:[0-9]+]] 8@8 */ x i64 value live: S0{{$}}
// LIVE-DAG:   /* [[XA]] 8@8 */ a i64 value live: S1 S2{{$}}
// LIVE-DAG:   */ b i64 value live: S2{{$}}
// LIVE-LABEL: coroutine outer(long) {
// LIVE-DAG:   */ %{{[0-9]+}} (awaiter task) %struct.task alloca live: S1{{$}}
// LIVE-DAG:   */ k i64 value live: S1{{$}}
// LIVE-DAG:   */ m i64 value live: S1{{$}}
// LIVE-DAG:   */ x i64 value live: S0{{$}}

// STATES-LABEL: "demangled": "outer(long)",
// STATES:       "kind": "initial",
// STATES-NEXT:  "loc": "{{.*}}cpp-task.cpp:[[#]]",
// STATES-NEXT:  "name": "Suspend0"
// STATES:       "kind": "await",
// STATES-NEXT:  "loc": "{{.*}}cpp-task.cpp:[[#]]",
// STATES-NEXT:  "name": "Suspend1"
// STATES:       "kind": "final",
// STATES-NEXT:  "loc": "{{.*}}cpp-task.cpp:[[#]]",
// STATES-NEXT:  "name": "Returned"

#include <coroutine>
#include <cstdio>
#include <cstdlib>

struct task {
  struct promise_type {
    int value = 0;
    std::coroutine_handle<> cont = std::noop_coroutine();
    static void *operator new(std::size_t n) {
      std::printf("frame bytes: %zu\n", n);
      return std::malloc(n);
    }
    static void operator delete(void *p) { std::free(p); }
    task get_return_object() { return task{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct final_awaiter {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        return h.promise().cont;
      }
      void await_resume() noexcept {}
    };
    final_awaiter final_suspend() noexcept { return {}; }
    void return_value(int v) { value = v; }
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
  explicit task(std::coroutine_handle<promise_type> h) : h(h) {}
  task(task &&o) noexcept : h(o.h) { o.h = nullptr; }
  ~task() { if (h) h.destroy(); }
  bool await_ready() { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> c) {
    h.promise().cont = c;
    return h;
  }
  int await_resume() { return h.promise().value; }
};

std::coroutine_handle<> pending;
struct yield_to_main {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> h) { pending = h; }
  void await_resume() {}
};
// The same through a bool await_suspend (true: stay suspended).
struct maybe_yield {
  bool await_ready() { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    pending = h;
    return true;
  }
  void await_resume() {}
};

__attribute__((noinline)) long next(long x) { asm volatile("" : "+r"(x)); return x * 3 + 1; }

__attribute__((noinline)) task leaf(long x) {
  long a = next(x);
  co_await yield_to_main{};
  long b = next(a);
  co_await maybe_yield{};
  co_return (int)(a + b);
}

__attribute__((noinline)) task outer(long x) {
  long k = next(x), m = next(k);
  int r = co_await leaf(x);
  co_return r + (int)(k * m);
}

int main() {
  task t = outer(2);
  t.h.resume();
  while (pending) {
    auto p = pending;
    pending = nullptr;
    p.resume();
  }
  std::printf("result %d\n", t.h.promise().value);
}
