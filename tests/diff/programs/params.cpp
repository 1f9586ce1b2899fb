// Coroutine parameters: by-value objects with destructors (copied or moved
// into the frame), a move-only unique_ptr, a large by-value struct, a
// reference to a caller's variable, and a promise whose constructor sees the
// parameters. All are used after several suspends.
#include "diff.h"
#include <memory>
#include <string>
#include <vector>
using namespace diff;

struct Large {
  long v[40];
};

struct Tracked {
  struct promise_type : PatternAlloc {
    int value = 0;
    int seen_args = 0;
    promise_type() = default;
    // Sees the parameters (lvalues referring to the frame's copies).
    template <class... A> explicit promise_type(A &...) : seen_args(static_cast<int>(sizeof...(A))) {}
    Tracked get_return_object() { return Tracked{std::coroutine_handle<promise_type>::from_promise(*this)}; }
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
  ~Tracked() {
    if (h)
      h.destroy();
  }
};

__attribute__((noinline)) Tracked many(Obj o, std::unique_ptr<std::vector<int>> up, Large big, std::string s,
                                       int &out, short sh) {
  co_yield o.id;
  co_yield static_cast<int>(up->size());
  long sum = 0;
  for (long x : big.v)
    sum += x;
  co_yield static_cast<int>(sum);
  co_yield static_cast<int>(s.size()) + sh;
  out = o.id + (*up)[3] + static_cast<int>(big.v[39]);
  s += "!";
  co_yield static_cast<int>(s.size());
  CHECK(o.ok());
}

int main() {
  int out = 0;
  Large big;
  for (int i = 0; i < 40; ++i)
    big.v[i] = i * 3;
  {
    Tracked t = many(Obj(7), std::make_unique<std::vector<int>>(10, 4), big, std::string(50, 'p'), out, 9);
    std::printf("promise saw %d args, alive after call %ld\n", t.h.promise().seen_args, Life::alive());
    CHECK(Life::alive() == 1); // the argument temporary is gone, the frame copy stays
    big.v[0] = 1000;           // the frame has its own copy
    while (!t.h.done()) {
      t.h.resume();
      if (!t.h.done())
        std::printf("yield %d\n", t.h.promise().value);
    }
    std::printf("out %d\n", out);
  }
  CHECK(Life::alive() == 0);
  // Destroy before the body ever ran: parameters must still be destroyed.
  {
    Tracked t = many(Obj(8), std::make_unique<std::vector<int>>(3, 1), big, "short", out, 1);
  }
  CHECK(Life::alive() == 0);
  std::printf("made %ld\n", Life::made);
  return finish();
}
