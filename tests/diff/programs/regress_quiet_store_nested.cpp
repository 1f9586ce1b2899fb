// Reduced from a generated program (pack and lower mode, -O1, printed a different checksum).
// Values kept in a shared slot across several suspends (no store between them) were clobbered by
// another value whose store had moved to its definition (pack.c's "quiet" store).
#include <coroutine>
#include <cstdio>
__attribute__((noinline)) long opaque(long x) { return x; }
__attribute__((noinline)) void fill(long *p, int n, long v) { for (int i = 0; i < n; ++i) p[i] = v + i * 7; }
__attribute__((noinline)) long sum(const long *p, int n) { return 0; }
struct manual {
  struct promise_type {
    manual get_return_object() { return {std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  std::coroutine_handle<promise_type> h;
};
__attribute__((noinline)) manual co4(long seed, long *out) {
  long acc = seed;
  short v27 = (short)(opaque(48));
  alignas(16) long arr28[17];
  fill(arr28, 17, ((long)v27 * 5 + 27));
  for (int i29 = 0; i29 < 4; ++i29) {
    if (((long)sum(arr28, 17) ^ ((long)seed << 3)) % 3 != 0) {
      for (int i30 = 0; i30 < 3; ++i30) {
        long arr31[17];
        fill(arr31, 17, ((long)i29 * 8 + 70));
        co_await std::suspend_always{};
        co_await std::suspend_always{};
        acc = acc * 31 + opaque((long)sum(arr31, 17));
        acc = acc * 17 + (long)(sum(arr31, 17));
      }
      for (int i33 = 0; i33 < 4; ++i33) {
        int v34 = (int)(opaque(17));
        co_await std::suspend_always{};
        acc = acc * 17 + (long)(v34);
      }
    }
    long v38 = (long)(((long)seed ^ ((long)i29 << 5)));
    co_await std::suspend_always{};
    alignas(32) long arr39[3];
    fill(arr39, 3, ((long)v38 ^ ((long)v27 << 1)));
    acc = acc * 17 + (long)(v38);
  }
  co_await std::suspend_always{};
  *out = acc;
}
int main() {
  long r = 0;
  manual m = co4(975727, &r);
  for (int k = 0; k < 1000 && !m.h.done(); ++k) m.h.resume();
  m.h.destroy();
  std::printf("%ld\n", r);
}
