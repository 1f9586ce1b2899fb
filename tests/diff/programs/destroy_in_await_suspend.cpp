// Cancellation: an awaiter's await_suspend destroys the coroutine that is
// suspending (legal: it is suspended by then), and a coroutine destroys
// another suspended coroutine. Every object of the destroyed frames must be
// destroyed once, at that moment.
#include "diff.h"
#include <string>
#include <vector>
using namespace diff;

std::vector<std::string> events;

struct Logged : Obj {
  std::string name;
  Logged(int id, std::string n) : Obj(id), name(std::move(n)) { events.push_back("+" + name); }
  ~Logged() { events.push_back("-" + name); }
};

struct Cancel {
  bool cancel;
  bool await_ready() { return false; }
  bool await_suspend(std::coroutine_handle<> h) {
    if (cancel) {
      events.push_back("cancel");
      h.destroy();
      return true; // the frame is gone; control returns to the resumer
    }
    return false;
  }
  void await_resume() {}
};

struct Job {
  struct promise_type : PatternAlloc {
    Job get_return_object() { return Job{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
};

__attribute__((noinline)) Job cancellable(int cancel_at, bool *finished) {
  Logged a(1, "a");
  for (int i = 0; i < 5; ++i) {
    Logged step(10 + i, "s" + std::to_string(i));
    co_await Cancel{i == cancel_at};
    co_await std::suspend_always{};
  }
  *finished = true;
}

__attribute__((noinline)) Job killer(std::coroutine_handle<> victim) {
  Logged k(99, "k");
  co_await std::suspend_always{};
  events.push_back("kill");
  victim.destroy();
  co_await std::suspend_always{};
}

int main() {
  for (int cancel_at = 0; cancel_at <= 5; ++cancel_at) {
    events.clear();
    bool finished = false;
    Job j = cancellable(cancel_at, &finished);
    std::coroutine_handle<> h = j.h;
    // Resume until it is cancelled (the frame destroyed) or done.
    int resumes = 0;
    for (;;) {
      long before = Life::gone;
      h.resume();
      ++resumes;
      if (!events.empty() && events.back() != "cancel" && Life::alive() == 0 && Life::gone > before)
        break; // cancelled: everything is gone
      if (finished || resumes > 20)
        break;
    }
    if (finished) {
      CHECK(j.h.done());
      j.h.destroy();
    }
    std::printf("cancel_at %d resumes %d finished %d:", cancel_at, resumes, finished ? 1 : 0);
    for (auto &e : events)
      std::printf(" %s", e.c_str());
    std::printf("\n");
    CHECK(Life::alive() == 0);
  }
  events.clear();
  bool fin = false;
  Job victim = cancellable(9, &fin);
  victim.h.resume();
  victim.h.resume();
  Job k = killer(victim.h);
  k.h.resume();
  k.h.resume();
  k.h.destroy();
  std::printf("killer:");
  for (auto &e : events)
    std::printf(" %s", e.c_str());
  std::printf("\n");
  CHECK(Life::alive() == 0);
  CHECK(PatternAlloc::frames_alive == 0);
  return finish();
}
