// Twelve longs, four live across each of three suspend points: the case the
// foundation issue measures. Stock LLVM gives each its own frame field;
// coropack lets the three groups share bytes.
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

__attribute__((noinline)) Gen twelve(long seed) {
  long a = next(seed), b = next(a), c = next(b), d = next(c);
  co_yield 1;
  long s1 = next(a) + next(b) + next(c) + next(d);
  long e = next(s1), f = next(e), g = next(f), h = next(g);
  co_yield s1;
  long s2 = next(e) + next(f) + next(g) + next(h);
  long i = next(s2), j = next(i), k = next(j), l = next(k);
  co_yield s2;
  co_yield next(i) + next(j) + next(k) + next(l);
}

int main() {
  Gen g = twelve(2);
  while (!g.h.done()) {
    g.h.resume();
    if (!g.h.done())
      std::printf("%ld\n", g.h.promise().value);
  }
  g.h.destroy();
}
