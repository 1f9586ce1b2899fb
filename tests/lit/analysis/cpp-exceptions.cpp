// Exceptions in a generator: a guard with a destructor, a try block around
// a yield, an exception that escapes the coroutine (unhandled_exception
// rethrows: clang ends the coroutine with an unwind coro.end, then branches
// on llvm.coro.is_in_ramp). drive(1) throws inside the try and is caught
// in the coroutine; drive(2) throws after the last yield and escapes it.
//
// - before is used only in the catch handler, reached from the throwing
//   call after Suspend1: live at Suspend1 only.
// - g (the guard, split into a value) is destroyed on every path,
//   exceptional or not, after each of the three yields: live at S1-S3.
//
// RUN: %clangxx -O2 %s -o %t.exe
// RUN: %t.exe > %t.out
// RUN: %clangxx -O2 -g -S -emit-llvm -Xclang -disable-llvm-passes %s -o %t.ll
// RUN: FileCheck %s --check-prefix=IR < %t.ll
// RUN: %coropack report --mode pack %t.ll -O2 --format json --function risky > %t.json
// RUN: cat %t.out %t.json | FileCheck %s --check-prefix=SIZES
// RUN: %coropack report --mode pack %t.ll -O2 --format text --dump-liveness --function risky \
// RUN:   | FileCheck %s --check-prefix=LIVE
//
// Pack mode (the plugin's default) really allocates packed_size bytes, and
// the exceptions take the same paths.
// RUN: env COROPACK_MODE=pack %clangxx -O2 -fpass-plugin=%plugin %s -o %t.packed.exe
// RUN: %t.packed.exe > %t.packed.out
// RUN: cat %t.json %t.packed.out | FileCheck %s --check-prefix=PACKED
// RUN: grep -v 'frame bytes' %t.out > %t.values
// RUN: grep -v 'frame bytes' %t.packed.out | diff %t.values -

// PACKED: "packed_size": [[PACKED:[0-9]+]],
// PACKED: frame bytes: [[PACKED]]
// PACKED: escaped 13
// PACKED: frame bytes: [[PACKED]]

// IR: define {{.*}} @_Z5riskyl(
// IR: call void @llvm.coro.end(ptr null, i1 true, token none)
// IR: call i1 @llvm.coro.is_in_ramp()

// SIZES:      frame bytes: [[SIZE:[0-9]+]]
// SIZES:      escaped 13
// SIZES:      frame bytes: [[SIZE]]
// SIZES:      "demangled": "risky(long)",
// SIZES:      "packed_size": 56,
// SIZES:      "status": "packed",
// SIZES-NEXT: "stock_size": [[SIZE]],

// LIVE:      {{^}}liveness _Z5riskyl
// LIVE-NEXT: {{^}}  suspend 0: n [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE-NEXT: {{^}}  suspend 1: n g before [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE-NEXT: {{^}}  suspend 2: g [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE-NEXT: {{^}}  suspend 3: g after [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE-NEXT: {{^}}  suspend 4 final: [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE-LABEL: coroutine risky(long) {
// LIVE-DAG:   /* [[NA:[0-9]+]] 8@8 */ n i64 value live: S0 S1{{$}}
// LIVE-DAG:   /* [[NA]] 8@8 */ after i64 value live: S3{{$}}
// LIVE-DAG:   */ g i64 value live: S1-S3{{$}}
// LIVE-DAG:   */ before i64 value live: S1{{$}}
// LIVE:       size: 56 (stock: 64, lower bound: 56, optimal)

#include <coroutine>
#include <cstdio>
#include <cstdlib>

struct Gen {
  struct promise_type {
    long value = 0;
    static void *operator new(std::size_t n) {
      std::printf("frame bytes: %zu\n", n);
      return std::malloc(n);
    }
    static void operator delete(void *p) { std::free(p); }
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(long v) { value = v; return {}; }
    void return_void() {}
    void unhandled_exception() { throw; }
  };
  std::coroutine_handle<promise_type> h;
};

__attribute__((noinline)) long next(long x) { asm volatile("" : "+r"(x)); return x * 3 + 1; }
__attribute__((noinline)) void may_throw(long x) { if (x & 1) throw (int)x; }
__attribute__((noinline)) void sink(long x) { asm volatile("" :: "r"(x)); }

struct Guard {
  long v;
  ~Guard() { sink(v); }
};

__attribute__((noinline)) Gen risky(long n) {
  Guard g{next(n)};
  long before = next(g.v);
  co_yield 1;
  try {
    may_throw(n);
    co_yield 2;
  } catch (int e) {
    sink(before + e);
  }
  long after = next(g.v);
  co_yield after;
  may_throw(after);
}

static void drive(long n) {
  Gen g = risky(n);
  try {
    while (!g.h.done()) {
      g.h.resume();
      if (!g.h.done())
        std::printf("%ld\n", g.h.promise().value);
    }
  } catch (int e) {
    std::printf("escaped %d\n", e);
  }
  g.h.destroy();
}

int main() {
  drive(1);
  drive(2);
}
