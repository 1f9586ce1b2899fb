// What lower mode does not take goes to pack mode, and the report says why:
// here a local aligned to 64 bytes lives across a suspend (frames aligned
// above 16 bytes are left to LLVM's split, which realigns them), next to a
// coroutine that is lowered. Both run as the stock build does.
// RUN: env COROPACK_MODE=lower COROPACK_REPORT=%t.json %clangxx -O2 -fpass-plugin=%plugin %s -o %t
// RUN: %t | FileCheck %s
// RUN: %coropack show %t.json --format json | FileCheck %s --check-prefix=JSON
// CHECK: 64 4096
// CHECK-NEXT: 3
// JSON: "demangled": "aligned(int)",
// JSON: "status": "{{packed|stock: .*}} (not lowered: a frame aligned above 16 bytes)",
// JSON: "demangled": "plain(int)",
// JSON: "status": "lowered",
#include <coroutine>
#include <cstdint>
#include <cstdio>

struct Gen {
  struct promise_type {
    long cur = 0;
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(long v) noexcept { cur = v; return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept {}
  };
  std::coroutine_handle<promise_type> h;
  long next() { h.resume(); return h.promise().cur; }
  ~Gen() { h.destroy(); }
};

__attribute__((noinline)) void touch(void *p) { asm volatile("" ::"r"(p) : "memory"); }

__attribute__((noinline)) Gen aligned(int n) {
  alignas(64) char buf[64];
  touch(buf);
  co_yield (long)(reinterpret_cast<std::uintptr_t>(buf) % 64 == 0 ? 64 : 0);
  buf[0] = (char)n;
  touch(buf);
  co_yield 4096;
}

__attribute__((noinline)) Gen plain(int n) {
  long x = n * 3;
  co_yield x;
}

int main(int argc, char **) {
  // With -fcoro-aligned-allocation off, LLVM 22 aligns the 64-byte local
  // inside the frame at run time.
  Gen a = aligned(argc);
  long first = a.next();
  printf("%ld %ld\n", first, a.next());
  Gen b = plain(argc);
  printf("%ld\n", b.next());
}
