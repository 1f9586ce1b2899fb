// A coroutine destroyed while suspended at each of its suspend points in turn
// (k = 0 is the initial suspend, the last k the final suspend): every object
// alive at point k must be destroyed exactly once, in reverse order of
// construction, and nothing else.
#include "diff.h"
#include <string>
#include <vector>
using namespace diff;

std::vector<int> order;

struct Logged : Obj {
  explicit Logged(int i) : Obj(i) {}
  Logged(const Logged &o) : Obj(o) {}
  ~Logged() { order.push_back(id); }
};

// An awaiter with a destructor: it lives in the frame across its suspend.
struct Awaiter {
  Logged l;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  int await_resume() { return l.id; }
};

__attribute__((noinline)) Generator<int> body(Logged param, int n) {
  Logged a(1);
  co_yield 1;                      // k=1
  {
    Logged b(2);
    std::string s(40, 'b');        // a heap string in the frame
    co_yield 2;                    // k=2
    Logged c(3);
    co_yield 3 + static_cast<int>(s.size()) * 0; // k=3
  }
  Logged d(4);
  for (int i = 0; i < n; ++i) {
    Logged e(10 + i);
    co_yield 10 + i;               // k=4,5,6
  }
  int got = co_await Awaiter{Logged(20)}; // k=7
  co_yield got;                    // k=8
  if (opaque(n) > 2) {
    Logged f(5);
    co_yield 5;                    // k=9
  } else {
    Logged g(6);
    co_yield 6;
  }
  co_yield (Logged(7), 7);         // k=10: the temporary lives across the yield
  Logged h(8);
  co_yield 8;                      // k=11
  CHECK(a.ok() && d.ok() && h.ok() && param.ok());
}                                  // k=12 is the final suspend

int main() {
  for (int k = 0; k <= 13; ++k) {
    order.clear();
    Life::reset();
    std::string yielded;
    {
      Generator<int> g = body(Logged(100), 3);
      for (int i = 0; i < k; ++i) {
        if (!g.next())
          break;
        yielded += g.has_value() ? std::to_string(g.value()) + " " : std::string("await ");
      }
      order.push_back(-1); // marks the destroy
    }
    std::printf("k=%-2d yielded [%s] made %ld gone %ld order:", k, yielded.c_str(), Life::made, Life::gone);
    for (int id : order)
      std::printf(" %d", id);
    std::printf("\n");
    CHECK(Life::alive() == 0);
    CHECK(PatternAlloc::frames_alive == 0);
  }
  return finish();
}
