// A generator with two loops in sequence: the values of the first loop
// (a, b, i) and those of the second (c, d, j) are never live at the same
// suspend point, so they share bytes; n is live across both loops. The
// stock size coropack reports is what the binary really passes to the
// promise's operator new.
//
// RUN: %clangxx -O2 %s -o %t.O2.exe
// RUN: %t.O2.exe > %t.O2.out
// RUN: %clangxx -O2 -g -S -emit-llvm -Xclang -disable-llvm-passes %s -o %t.O2.ll
// RUN: %coropack report --mode pack %t.O2.ll -O2 --format json --function phases > %t.O2.json
// RUN: cat %t.O2.out %t.O2.json | FileCheck %s --check-prefix=O2
// RUN: %coropack report --mode pack %t.O2.ll -O2 --format text --dump-liveness --function phases \
// RUN:   | FileCheck %s --check-prefix=LIVE
//
// Pack mode (the plugin's default) really allocates packed_size bytes, and
// the program prints the same values.
// RUN: env COROPACK_MODE=pack %clangxx -O2 -fpass-plugin=%plugin %s -o %t.packed.exe
// RUN: %t.packed.exe > %t.packed.out
// RUN: cat %t.O2.json %t.packed.out | FileCheck %s --check-prefix=PACKED
// RUN: grep -v 'frame bytes' %t.O2.out > %t.O2.values
// RUN: grep -v 'frame bytes' %t.packed.out | diff %t.O2.values -
//
// RUN: %clangxx -O0 %s -o %t.O0.exe
// RUN: %t.O0.exe > %t.O0.out
// RUN: %clangxx -O0 -g -S -emit-llvm -Xclang -disable-llvm-passes %s -o %t.O0.ll
// RUN: %coropack report --mode pack %t.O0.ll -O0 --format json --function phases > %t.O0.json
// RUN: cat %t.O0.out %t.O0.json | FileCheck %s --check-prefix=O0
// RUN: %coropack report --mode pack %t.O0.ll -O0 --format text --dump-liveness --function phases \
// RUN:   | FileCheck %s --check-prefix=LIVE0

// O2:      frame bytes: [[SIZE:[0-9]+]]
// O2:      "demangled": "phases(long)",
// O2:      "packed_size": 64,
// O2:      "status": "packed",
// O2-NEXT: "stock_size": [[SIZE]],

// PACKED: "packed_size": [[PACKED:[0-9]+]],
// PACKED: frame bytes: [[PACKED]]

// At -O2 the locals are SSA values: the initial suspend (Suspend0), one
// yield per loop, the final suspend. Header 16 + promise 8 + four 8-byte
// slots (n; a/c; b/d; i/j) + index 1 = 57, to 64.
// LIVE:      {{^}}liveness _Z6phasesl
// LIVE-NEXT: {{^}}  suspend 0: n [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE-NEXT: {{^}}  suspend 1: n a b i [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE-NEXT: {{^}}  suspend 2: n c d j [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE-NEXT: {{^}}  suspend 3 final: [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE-LABEL: coroutine phases(long) {
// LIVE-DAG:  */ n i64 value live: S0-S2{{$}}
// LIVE-DAG:  /* [[AC:[0-9]+]] 8@8 */ a i64 value live: S1{{$}}
// LIVE-DAG:  /* [[AC]] 8@8 */ c i64 value live: S2{{$}}
// LIVE-DAG:  /* [[BD:[0-9]+]] 8@8 */ b i64 value live: S1{{$}}
// LIVE-DAG:  /* [[BD]] 8@8 */ d i64 value live: S2{{$}}
// LIVE-DAG:  /* [[IJ:[0-9]+]] 8@8 */ i i64 value live: S1{{$}}
// LIVE-DAG:  /* [[IJ]] 8@8 */ j i64 value live: S2{{$}}
// LIVE:      size: 64 (stock: 88, lower bound: 64, optimal)

// At -O0 the locals are allocas with lifetime markers (clang emits them in
// coroutines at every level); a and b are declared before the first loop,
// so they stay live across the second one too.
// O0:      frame bytes: [[SIZE:[0-9]+]]
// O0:      "demangled": "phases(long)",
// O0:      "level": 0,
// O0:      "packed_size": 80,
// O0:      "status": "packed",
// O0-NEXT: "stock_size": [[SIZE]],
// LIVE0:      {{^}}liveness _Z6phasesl
// LIVE0-NEXT: {{^}}  suspend 0: [n] [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE0-NEXT: {{^}}  suspend 1: [n] [a] [b] [i] [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE0-NEXT: {{^}}  suspend 2: [n] [a] [b] [c] [d] [j] [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}
// LIVE0-NEXT: {{^}}  suspend 3 final: [n] [%{{[0-9]+}} (awaiter std::__n4861::suspend_always)]{{$}}

#include <coroutine>
#include <cstdio>
#include <cstdlib>

struct Gen {
  struct promise_type {
    long value = 0;
    // The frame size as the program really allocates it.
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
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
};

// Opaque to the optimizer, so the values really cross the suspends.
__attribute__((noinline)) long next(long x) { asm volatile("" : "+r"(x)); return x * 3 + 1; }

__attribute__((noinline)) Gen phases(long n) {
  long a = next(n), b = next(a);
  for (long i = 0; i < n; i++)
    co_yield next(a) + next(b) + i;
  long c = next(n), d = next(c);
  for (long j = 0; j < n; j++)
    co_yield next(c) * next(d) + j;
}

int main() {
  Gen g = phases(3);
  while (!g.h.done()) {
    g.h.resume();
    if (!g.h.done())
      std::printf("%ld\n", g.h.promise().value);
  }
  g.h.destroy();
}
