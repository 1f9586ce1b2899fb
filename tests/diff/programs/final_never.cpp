// Fire-and-forget coroutines whose final_suspend is suspend_never: the frame
// destroys itself when the body ends. They wait on a simple event list and
// are resumed by the driver; counted locals and parameters must be destroyed
// exactly once when each frame goes away, and frames still waiting at the end
// are destroyed explicitly.
#include "diff.h"
#include <deque>
#include <string>
#include <vector>
using namespace diff;

struct Detached {
  struct promise_type : PatternAlloc {
    Detached get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
};

std::deque<std::coroutine_handle<>> waiting;
uint64_t trace;
int finished;

struct Wait {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> h) { waiting.push_back(h); }
  void await_resume() {}
};

__attribute__((noinline)) Detached job(Obj param, int steps, std::string name) {
  Obj local(param.id + 1000);
  for (int i = 0; i < steps; ++i) {
    co_await Wait{};
    trace = mix(trace, static_cast<uint64_t>(param.id * 100 + i) + name.size());
  }
  ++finished;
  CHECK(local.ok() && param.ok());
}

int main() {
  for (int i = 0; i < 300; ++i)
    job(Obj(i), i % 7, std::string(static_cast<std::size_t>(i % 40), 'n'));
  std::printf("started: finished %d waiting %zu alive %ld\n", finished, waiting.size(), Life::alive());
  for (int round = 0; round < 4; ++round) {
    std::size_t n = waiting.size();
    for (std::size_t k = 0; k < n; ++k) {
      auto h = waiting.front();
      waiting.pop_front();
      h.resume();
    }
    std::printf("round %d: finished %d waiting %zu alive %ld trace %016llx\n", round, finished, waiting.size(),
                Life::alive(), (unsigned long long)trace);
  }
  // The rest are destroyed while suspended.
  while (!waiting.empty()) {
    waiting.front().destroy();
    waiting.pop_front();
  }
  std::printf("end: finished %d alive %ld made %ld\n", finished, Life::alive(), Life::made);
  CHECK(Life::alive() == 0);
  CHECK(PatternAlloc::frames_alive == 0);
  return finish();
}
