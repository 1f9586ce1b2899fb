// Locals kept across suspends, for the debug-info test: at -O0 they are
// allocas that pack mode moves into its region.
#include <coroutine>
#include <cstdio>
#include <cstdlib>
struct Gen {
  struct promise_type {
    int value = 0;
    Gen get_return_object() { return Gen{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(int v) { value = v; return {}; }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
};
__attribute__((noinline)) void touch(int *p) { asm volatile("" ::"r"(p) : "memory"); }
__attribute__((noinline)) Gen gen(int seed) {
  {
    int first[4] = {seed, seed + 1, seed + 2, seed + 3};
    touch(first);
    co_yield first[0];
    touch(first);
    co_yield first[3];
  }
  {
    int second[6] = {seed * 10, seed * 20, seed * 30, 0, 0, 0};
    touch(second);
    co_yield second[1];
    touch(second);
  }
}
int main() {
  Gen g = gen(7);
  while (!g.h.done()) { g.h.resume(); if (!g.h.done()) std::printf("%d\n", g.h.promise().value); }
  g.h.destroy();
}
