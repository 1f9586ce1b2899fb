// Reduced from a generated program (lower mode, -O2, printed a different checksum): an array
// re-created in a loop after three suspends in a row, its fill inlined. The bug: a value whose
// store moved to its definition (pack.c's "quiet" store) overwrote the slot of a value kept
// there across several suspends with no store in between.
#include <coroutine>
#include <cstdio>
static void fill(long *p, int n, long v) { for (int i = 0; i < n; ++i) p[i] = v + i * 7; }
__attribute__((noinline)) long sum(const long *p, int n) { long s = 0; for (int i = 0; i < n; ++i) s = s * 3 + p[i]; return s; }
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
__attribute__((noinline)) manual co0(long seed, long *out) {
  long acc = seed;
  char v1 = (char)0;
  for (int i3 = 0; i3 < 4; ++i3) {
    co_await std::suspend_always{};
    co_await std::suspend_always{};
    co_await std::suspend_always{};
    {
      alignas(16) long arr4[32];
      fill(arr4, 32, ((long)seed ^ (v1 << 4)));
      acc = acc * 31 + ((long)i3 * 5 + 53);
      acc = acc * 31 + ((long)i3 ^ ((long)sum(arr4, 32) << 0));
      double v6 = ((sum(arr4, 32) ^ ((long)i3 << 5)));
      acc = acc * 17 + (long)(sum(arr4, 32));
      acc = acc * 17 + (long)(v6);
    }
  }
  co_await std::suspend_always{};
  *out = acc;
}
int main() {
  long r = 0;
  manual m = co0(537249, &r);
  for (int k = 0; k < 1000 && !m.h.done(); ++k) m.h.resume();
  m.h.destroy();
  std::printf("%ld\n", r);
}
