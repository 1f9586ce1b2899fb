// Frames aligned above 16 bytes are lowered, with and without
// -fcoro-aligned-allocation: a local aligned to 64 and a promise aligned to
// 32 live across suspends. With aligned allocation the frame comes from
// operator new(size_t, align_val_t), which must be asked for the frame's
// alignment (llvm.coro.align); without it the promise's operator new hands
// out 128-aligned blocks, as LLVM's split assumes the allocation is as
// aligned as the frame. The program checks every address and prints the
// sizes and alignments asked for: lower mode must print what stock prints,
// but for frame sizes, which must not be above stock's.
// RUN: %clangxx -O2 %s -o %t.s && %t.s > %t.s.out
// RUN: %clangxx -O2 -fcoro-aligned-allocation -DALIGNED_ALLOC %s -o %t.sa && %t.sa > %t.sa.out
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.r0.json %clangxx -O0 -fpass-plugin=%plugin %s -o %t.l0 && %t.l0 > %t.l0.out
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.r2.json %clangxx -O2 -fpass-plugin=%plugin %s -o %t.l2 && %t.l2 > %t.l2.out
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.ra.json %clangxx -O2 -fcoro-aligned-allocation -DALIGNED_ALLOC -fpass-plugin=%plugin %s -o %t.la && %t.la > %t.la.out
// RUN: grep -v '^frame' %t.s.out > %t.s.beh
// RUN: grep -v '^frame' %t.sa.out > %t.sa.beh
// RUN: grep -v '^frame' %t.l0.out | diff %t.s.beh -
// RUN: grep -v '^frame' %t.l2.out | diff %t.s.beh -
// RUN: grep -v '^frame' %t.la.out | diff %t.sa.beh -
// RUN: grep '^frame' %t.s.out > %t.s.fr
// RUN: grep '^frame' %t.sa.out > %t.sa.fr
// RUN: grep '^frame' %t.l2.out | paste %t.s.fr - | awk '$5 > $2 || $6 != $3 { exit 1 }'
// RUN: grep '^frame' %t.la.out | paste %t.sa.fr - | awk '$5 > $2 || $6 != $3 { exit 1 }'
// RUN: FileCheck %s --check-prefix=OUT < %t.l2.out
// RUN: FileCheck %s --check-prefix=ALIGNED < %t.la.out
// RUN: %coropack show --format text %t.r0.json | FileCheck %s --check-prefix=LOWERED
// RUN: %coropack show --format text %t.r2.json | FileCheck %s --check-prefix=LOWERED
// RUN: %coropack show --format text %t.ra.json | FileCheck %s --check-prefix=LOWERED
// OUT: frame {{[0-9]+}} 128
// OUT-NEXT: sum 4950 misaligned 0
// ALIGNED: frame {{[0-9]+}} 64
// ALIGNED-NEXT: sum 4950 misaligned 0
// LOWERED: coroutine numbers(int) {
// LOWERED-NEXT: /* lowered */
// LOWERED: alignment: 64 bytes
#include <coroutine>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>

static int misaligned;
template <class T> static void check(const T &x, std::size_t a) {
  if (reinterpret_cast<std::uintptr_t>(&x) % a)
    misaligned++;
}

struct Gen {
  struct alignas(32) promise_type {
    int value = 0;
#ifdef ALIGNED_ALLOC
    static void *operator new(std::size_t n, std::align_val_t a) {
      std::printf("frame %zu %zu\n", n, static_cast<std::size_t>(a));
      return std::aligned_alloc(static_cast<std::size_t>(a), (n + static_cast<std::size_t>(a) - 1) &
                                                                 ~(static_cast<std::size_t>(a) - 1));
    }
    static void operator delete(void *p, std::align_val_t) { std::free(p); }
#else
    static void *operator new(std::size_t n) {
      std::printf("frame %zu 128\n", n);
      return std::aligned_alloc(128, (n + 127) & ~std::size_t(127));
    }
    static void operator delete(void *p) { std::free(p); }
#endif
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) {
      value = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
};

struct alignas(64) Block {
  unsigned char b[48];
};

__attribute__((noinline)) Gen numbers(int n) {
  Block blk;
  for (int i = 0; i < 48; i++)
    blk.b[i] = static_cast<unsigned char>(i * 7);
  for (int i = 0; i < n; i++) {
    co_yield i + blk.b[i % 48] - static_cast<unsigned char>((i % 48) * 7);
    check(blk, 64);
  }
}

int main() {
  Gen g = numbers(100);
  long sum = 0;
  for (g.h.resume(); !g.h.done(); g.h.resume()) {
    check(g.h.promise(), 32);
    sum += g.h.promise().value;
  }
  g.h.destroy();
  std::printf("sum %ld misaligned %d\n", sum, misaligned);
}
