// A chain of 100000 tasks that does not rely on tail calls: awaiting a child
// queues it on a scheduler and suspends; the child's final suspend queues its
// parent. The scheduler loop resumes one frame at a time, so the stack stays
// flat whatever the optimization level.
#include "diff.h"
#include <deque>
using namespace diff;

std::deque<std::coroutine_handle<>> ready;

template <class T> struct Job {
  struct promise_type : PatternAlloc {
    T value{};
    std::coroutine_handle<> parent;
    Job get_return_object() { return Job{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct Final {
      bool await_ready() noexcept { return false; }
      void await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        if (h.promise().parent)
          ready.push_back(h.promise().parent);
      }
      void await_resume() noexcept {}
    };
    Final final_suspend() noexcept { return {}; }
    void return_value(T v) { value = v; }
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
  explicit Job(std::coroutine_handle<promise_type> x) : h(x) {}
  Job(Job &&o) noexcept : h(std::exchange(o.h, nullptr)) {}
  ~Job() {
    if (h)
      h.destroy();
  }
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> parent) {
    h.promise().parent = parent;
    ready.push_back(h);
  }
  T await_resume() { return h.promise().value; }
};

long steps;

__attribute__((noinline)) Job<uint64_t> level(int n) {
  uint64_t mine = mix(0, static_cast<uint64_t>(n));
  Obj o(n);
  if (n == 0)
    co_return mine;
  uint64_t below = co_await level(n - 1);
  CHECK(o.ok() && o.id == n);
  co_return mix(below, mine);
}

int main() {
  Job<uint64_t> top = level(100000);
  ready.push_back(top.h);
  std::size_t peak = 0;
  while (!ready.empty()) {
    auto h = ready.front();
    ready.pop_front();
    h.resume();
    ++steps;
    if (ready.size() > peak)
      peak = ready.size();
  }
  CHECK(top.h.done());
  std::printf("steps %ld, peak queue %zu, result %016llx\n", steps, peak,
              (unsigned long long)top.h.promise().value);
  std::printf("objects alive %ld (the chain is unwound, the top frame is suspended)\n", Life::alive());
  CHECK(Life::alive() == 0);
  return finish();
}
