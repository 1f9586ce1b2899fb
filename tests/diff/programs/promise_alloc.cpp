// Promise-level allocation: an operator new that receives the coroutine's
// arguments (an arena passed first), get_return_object_on_allocation_failure
// with a noexcept operator new that fails on demand, and a promise with a
// large member (the frame header and promise offset are ABI and must stay).
#include "diff.h"
#include <new>
#include <string>
using namespace diff;

struct Arena {
  alignas(128) unsigned char buf[1 << 16];
  std::size_t used = 0;
  int allocs = 0;
  void *take(std::size_t n) {
    n = (n + 127) / 128 * 128;
    if (used + n > sizeof buf)
      return nullptr;
    void *p = buf + used;
    used += n;
    ++allocs;
    std::memset(p, 0xA5, n);
    return p;
  }
};

struct ArenaGen {
  struct promise_type {
    long value = 0;
    long big[64] = {}; // a large promise
    static void *operator new(std::size_t n, Arena &a, int) {
      void *p = a.take(n);
      if (!p)
        std::abort();
      return p;
    }
    static void operator delete(void *) {} // the arena is freed as a whole
    ArenaGen get_return_object() { return ArenaGen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(long v) {
      value = v;
      big[v & 63] += v;
      return {};
    }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
};

__attribute__((noinline)) ArenaGen counted(Arena &, int n) {
  std::string s = "x";
  for (long i = 0; i < n; ++i) {
    s += static_cast<char>('a' + i % 26);
    co_yield i * static_cast<long>(s.size());
  }
}

bool fail_next;
struct MaybeGen {
  struct promise_type {
    int value = 0;
    static void *operator new(std::size_t n) noexcept { // noexcept: may return null
      if (fail_next)
        return nullptr;
      void *p = std::aligned_alloc(128, (n + 127) / 128 * 128);
      std::memset(p, 0xA5, n);
      return p;
    }
    static void operator delete(void *p) { std::free(p); }
    static MaybeGen get_return_object_on_allocation_failure() { return MaybeGen{nullptr}; }
    MaybeGen get_return_object() { return MaybeGen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
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
};

__attribute__((noinline)) MaybeGen maybe(Obj o, int n) {
  for (int i = 0; i < n; ++i)
    co_yield i + o.id;
}

int main() {
  static Arena arena;
  long total = 0;
  for (int k = 0; k < 5; ++k) {
    ArenaGen g = counted(arena, 10 + k);
    while (!g.h.done()) {
      g.h.resume();
      if (!g.h.done())
        total += g.h.promise().value;
    }
    total += g.h.promise().big[5];
    g.h.destroy();
  }
  std::printf("arena allocs %d total %ld\n", arena.allocs, total);
  for (int k = 0; k < 4; ++k) {
    fail_next = (k % 2 == 1);
    MaybeGen g = maybe(Obj(k), 3);
    if (!g.h) {
      std::printf("allocation %d failed, alive %ld\n", k, Life::alive());
      continue;
    }
    int s = 0;
    while (!g.h.done()) {
      g.h.resume();
      if (!g.h.done())
        s += g.h.promise().value;
    }
    g.h.destroy();
    std::printf("allocation %d sum %d\n", k, s);
  }
  CHECK(Life::alive() == 0);
  return finish();
}
