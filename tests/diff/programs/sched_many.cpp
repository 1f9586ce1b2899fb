// A round-robin scheduler with 4000 interleaved coroutines. Each keeps its own
// loop-carried state across its yields; some sleep for a number of ticks; the
// order in which they run and what they compute go into the transcript.
#include "diff.h"
#include <deque>
#include <vector>
using namespace diff;

struct Proc {
  struct promise_type : PatternAlloc {
    Proc get_return_object() { return Proc{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
};

struct Sched {
  std::deque<std::coroutine_handle<>> ready;
  std::vector<std::vector<std::coroutine_handle<>>> wheel = std::vector<std::vector<std::coroutine_handle<>>>(64);
  long tick = 0;
  uint64_t trace = 0;
};
Sched S;

struct Yield {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> h) { S.ready.push_back(h); }
  void await_resume() {}
};
struct Sleep {
  int ticks;
  bool await_ready() { return ticks <= 0; }
  void await_suspend(std::coroutine_handle<> h) { S.wheel[static_cast<std::size_t>(S.tick + ticks) % 64].push_back(h); }
  void await_resume() {}
};

uint64_t results[4000];

__attribute__((noinline)) Proc worker(int id) {
  Obj o(id);
  uint64_t acc = mix(0, static_cast<uint64_t>(id));
  int rounds = 1 + id % 17;
  short small = static_cast<short>(id);
  double d = id * 0.25;
  for (int r = 0; r < rounds; ++r) {
    acc = mix(acc, static_cast<uint64_t>(r));
    small = static_cast<short>(small * 3 + r);
    if ((id + r) % 5 == 0)
      co_await Sleep{1 + (id * r) % 9};
    else
      co_await Yield{};
    d += small * 0.5;
    S.trace = mix(S.trace, static_cast<uint64_t>(id));
  }
  CHECK(o.ok() && o.id == id);
  results[id] = mix(acc, static_cast<uint64_t>(static_cast<long>(d)) + static_cast<uint64_t>(small));
}

int main() {
  std::vector<Proc> procs;
  for (int i = 0; i < 4000; ++i) {
    procs.push_back(worker(i));
    S.ready.push_back(procs.back().h);
  }
  long resumes = 0;
  for (;;) {
    while (!S.ready.empty()) {
      auto h = S.ready.front();
      S.ready.pop_front();
      h.resume();
      ++resumes;
    }
    ++S.tick;
    auto &slot = S.wheel[static_cast<std::size_t>(S.tick) % 64];
    for (auto h : slot)
      S.ready.push_back(h);
    slot.clear();
    bool any = false;
    for (auto &w : S.wheel)
      any = any || !w.empty();
    if (!any && S.ready.empty())
      break;
    if (S.tick % 4 == 0)
      std::printf("tick %ld trace %016llx alive %ld\n", S.tick, (unsigned long long)S.trace, Life::alive());
  }
  uint64_t h = 0;
  for (auto &p : procs) {
    CHECK(p.h.done());
    p.h.destroy();
  }
  for (uint64_t r : results)
    h = mix(h, r);
  std::printf("ticks %ld resumes %ld trace %016llx results %016llx\n", S.tick, resumes,
              (unsigned long long)S.trace, (unsigned long long)h);
  CHECK(Life::alive() == 0);
  CHECK(PatternAlloc::frames_alive == 0);
  return finish();
}
