// Coroutines awaited as [[clang::coro_await_elidable]]: LLVM (and lower mode)
// give them a .noalloc ramp and CoroAnnotationElide puts their frames inside
// the awaiting coroutine's frame, two levels deep here (root -> mid -> leaf).
// The leaves park on every suspend and main resumes a varying number of them
// before destroying the root, so nested frames are destroyed at every depth
// and state; one leaf throws. Destructors and results are printed.
#include "diff.h"
#include <string>
#include <utility>
using namespace diff;
static std::coroutine_handle<> parked;
struct EPark {
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) noexcept { parked = h; }
  void await_resume() noexcept {}
};
struct [[clang::coro_await_elidable]] ETask {
  struct promise_type : PatternAlloc {
    long value = 0;
    std::coroutine_handle<> next;
    ETask get_return_object() { return ETask{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct Final {
      bool await_ready() noexcept { return false; }
      std::coroutine_handle<> await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        auto n = h.promise().next;
        return n ? n : std::noop_coroutine();
      }
      void await_resume() noexcept {}
    };
    Final final_suspend() noexcept { return {}; }
    void return_value(long v) noexcept { value = v; }
    void unhandled_exception() noexcept { std::puts("exc"); }
  };
  std::coroutine_handle<promise_type> h;
  explicit ETask(std::coroutine_handle<promise_type> x) : h(x) {}
  ETask(ETask &&o) : h(std::exchange(o.h, {})) {}
  ~ETask() { if (h) h.destroy(); }
  bool await_ready() noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> c) noexcept { h.promise().next = c; return h; }
  long await_resume() noexcept { return h.promise().value; }
};
struct ENoisy { std::string s; ~ENoisy() { std::printf("~%s\n", s.c_str()); } };
ETask leaf(int n) {
  ENoisy z{"leaf" + std::to_string(n)};
  long acc = n;
  for (int i = 0; i < n % 4 + 1; i++) { co_await EPark{}; acc = acc * 31 + i; }
  if (n == 13) throw 1;
  co_return acc;
}
ETask mid(int n) {
  long a = co_await leaf(n);
  ENoisy m{"mid" + std::to_string(n)};
  long b = co_await leaf(n + 2);
  co_return a ^ b;
}
__attribute__((noinline)) ETask root(int n) {
  long s = 0;
  for (int i = 0; i < 3; i++) s += co_await mid(n + i);
  co_return s;
}
int main(int argc, char **) {
  argc = static_cast<int>(opaque(argc));
  for (int stop = 1; stop < 30; stop += 4) {
    ETask t = root(argc + stop);
    t.h.resume();
    int k = 0;
    while (!t.h.done() && parked && k < stop) { auto p = parked; parked = nullptr; p.resume(); k++; }
    std::printf("stop %d done %d value %ld\n", stop, (int)t.h.done(), t.h.done() ? t.h.promise().value : -1L);
  }
  CHECK(PatternAlloc::frames_alive == 0);
  return finish();
}
