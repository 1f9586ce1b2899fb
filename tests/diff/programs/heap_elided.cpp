// Coroutines created and destroyed within one function and small enough to
// be inlined: at -O1 and up LLVM elides the heap allocation and the frame
// becomes an alloca of the caller (heap elision). They are deliberately not
// noinline. Frame allocations are counted but not printed: whether elision
// happens is the compiler's choice, the values must not depend on it.
#include "diff.h"
#include <string>
using namespace diff;

struct Small {
  struct promise_type {
    int value = 0;
    static inline long allocs;
    static void *operator new(std::size_t n) {
      ++allocs;
      void *p = std::malloc(n);
      std::memset(p, 0xA5, n);
      return p;
    }
    static void operator delete(void *p) { std::free(p); }
    Small get_return_object() { return Small{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) {
      value = v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
  explicit Small(std::coroutine_handle<promise_type> x) : h(x) {}
  Small(Small &&) = delete;
  ~Small() { h.destroy(); }
};

Small range(int a, int b) {
  for (int i = a; i < b; ++i)
    co_yield i;
}

Small with_locals(int seed) {
  int arr[8];
  for (int i = 0; i < 8; ++i)
    arr[i] = seed * i;
  long acc = seed;
  for (int i = 0; i < 8; ++i) {
    acc = acc * 3 + arr[i];
    co_yield static_cast<int>(acc % 100000);
  }
}

// Created and destroyed here: the frame may live in this function's stack.
__attribute__((noinline)) long sum_range(int a, int b) {
  Small g = range(a, b);
  long s = 0;
  for (;;) {
    g.h.resume();
    if (g.h.done())
      break;
    s += g.h.promise().value;
  }
  return s;
}

__attribute__((noinline)) uint64_t hash_locals(int seed) {
  Small g = with_locals(seed);
  uint64_t h = 0;
  while (!g.h.done()) {
    g.h.resume();
    if (!g.h.done())
      h = mix(h, static_cast<uint64_t>(g.h.promise().value));
  }
  return h;
}

// Two elidable coroutines alive at once, interleaved.
__attribute__((noinline)) long zip(int n) {
  Small a = range(0, n);
  Small b = with_locals(n);
  long s = 0;
  for (int i = 0; i < 8; ++i) {
    a.h.resume();
    b.h.resume();
    if (a.h.done() || b.h.done())
      break;
    s = s * 7 + a.h.promise().value - b.h.promise().value;
  }
  return s;
}

// A lazy task awaited immediately: elidable through the await.
Task<int> add_later(int a, int b) { co_return a + b; }
__attribute__((noinline)) Task<int> caller(int n) {
  int s = 0;
  for (int i = 0; i < n; ++i)
    s += co_await add_later(i, s % 7);
  co_return s;
}

int main() {
  long total = 0;
  for (int i = 0; i < 200; ++i)
    total += sum_range(i, i + 10);
  std::printf("sum_range total %ld\n", total);
  uint64_t h = 0;
  for (int i = 0; i < 200; ++i)
    h = mix(h, hash_locals(i));
  std::printf("hash_locals %016llx\n", (unsigned long long)h);
  std::printf("zip %ld %ld\n", zip(5), zip(20));
  std::printf("caller %d\n", sync_wait(caller(100)));
  std::fprintf(stderr, "heap frames allocated: %ld\n", Small::promise_type::allocs);
  return finish();
}
