// A tree of lazy tasks (a parent awaiting a child awaiting a grandchild)
// suspended on an external event, destroyed from the top at every depth and
// every step: destroying the top frame destroys the child task it holds,
// which destroys its own child, and so on.
#include "diff.h"
#include <vector>
using namespace diff;

std::coroutine_handle<> parked; // the innermost frame waits here

struct Park {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> h) { parked = h; }
  int await_resume() { return 1; }
};

std::vector<int> order;
struct Logged : Obj {
  explicit Logged(int i) : Obj(i) {}
  ~Logged() { order.push_back(id); }
};

__attribute__((noinline)) Task<int> node(int depth, int width) {
  Logged mine(depth * 10);
  int sum = co_await Park{};
  for (int i = 0; i < width && depth > 0; ++i) {
    Logged child_guard(depth * 10 + i + 1);
    sum += co_await node(depth - 1, width);
    sum += co_await Park{};
  }
  co_return sum + depth;
}

int main() {
  // Run to completion once to know how many parks there are.
  int total_parks = 0;
  {
    Task<int> t = node(3, 2);
    t.h.promise().cont = std::noop_coroutine();
    parked = t.h;
    while (!t.h.done()) {
      auto p = parked;
      parked = nullptr;
      p.resume();
      if (!t.h.done())
        ++total_parks;
    }
    int r = t.h.promise().take();
    std::printf("complete run: result %d parks %d\n", r, total_parks);
  }
  CHECK(Life::alive() == 0);
  for (int stop = 0; stop < total_parks; ++stop) {
    order.clear();
    Life::reset();
    {
      Task<int> t = node(3, 2);
      t.h.promise().cont = std::noop_coroutine();
      parked = t.h;
      for (int i = 0; i <= stop && !t.h.done(); ++i) {
        auto p = parked;
        parked = nullptr;
        p.resume();
      }
      CHECK(!t.h.done());
      order.push_back(-1);
    } // ~Task destroys the whole suspended chain
    std::printf("stop %2d: made %ld order", stop, Life::made);
    for (int id : order)
      std::printf(" %d", id);
    std::printf("\n");
    CHECK(Life::alive() == 0);
    CHECK(PatternAlloc::frames_alive == 0);
  }
  return finish();
}
