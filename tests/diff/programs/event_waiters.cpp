// An async manual-reset event: await_suspend returns false when the event is
// already set; set() resumes every waiter in order from inside the setter,
// which may itself be a coroutine. Waiters keep locals across the wait.
#include "diff.h"
#include <string>
#include <vector>
using namespace diff;

struct Event {
  bool set_flag = false;
  std::vector<std::coroutine_handle<>> waiters;
  struct Awaiter {
    Event &e;
    bool await_ready() { return e.set_flag; }
    bool await_suspend(std::coroutine_handle<> h) {
      if (e.set_flag)
        return false;
      e.waiters.push_back(h);
      return true;
    }
    void await_resume() {}
  };
  Awaiter operator co_await() { return Awaiter{*this}; }
  void set() {
    set_flag = true;
    auto w = std::move(waiters);
    waiters.clear();
    for (auto h : w)
      h.resume();
  }
  void reset() { set_flag = false; }
};

struct Proc {
  struct promise_type : PatternAlloc {
    Proc get_return_object() { return Proc{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
};

std::string order;

__attribute__((noinline)) Proc waiter(Event &a, Event &b, int id) {
  Obj o(id);
  std::string mine = "w" + std::to_string(id);
  co_await a;
  order += mine + "a ";
  long local = id * 11;
  co_await b;
  order += mine + "b" + std::to_string(local) + " ";
  co_await a; // a may have been reset meanwhile
  order += mine + "A ";
}

__attribute__((noinline)) Proc setter(Event &a, Event &b, Event &go) {
  co_await go;
  order += "| set b | ";
  b.set();
  order += "| reset a, set a | ";
  a.reset();
  a.set();
}

int main() {
  Event a, b, go;
  std::vector<Proc> ps;
  for (int i = 0; i < 6; ++i)
    ps.push_back(waiter(a, b, i));
  Proc s = setter(a, b, go);
  order += "| set a | ";
  a.set();
  a.reset();
  order += "| go | ";
  go.set();
  std::printf("%s\n", order.c_str());
  for (auto &p : ps) {
    CHECK(p.h.done());
    p.h.destroy();
  }
  CHECK(s.h.done());
  s.h.destroy();
  CHECK(Life::alive() == 0);
  return finish();
}
