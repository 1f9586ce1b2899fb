// A recursive task tree run by a scheduler: each task spawns two children,
// queues them, and waits for both; thousands of frames are alive at once and
// resumed in an interleaved order. Parent and child locals cross the waits.
#include "diff.h"
#include <deque>
#include <vector>
using namespace diff;

std::deque<std::coroutine_handle<>> ready;
long peak_frames;

struct Node {
  struct promise_type : PatternAlloc {
    long result = 0;
    std::coroutine_handle<> parent;
    int *pending = nullptr; // the parent's count of unfinished children
    Node get_return_object() { return Node{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    struct Final {
      bool await_ready() noexcept { return false; }
      void await_suspend(std::coroutine_handle<promise_type> h) noexcept {
        auto &p = h.promise();
        if (p.pending && --*p.pending == 0)
          ready.push_back(p.parent);
      }
      void await_resume() noexcept {}
    };
    Final final_suspend() noexcept { return {}; }
    void return_value(long v) { result = v; }
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
  explicit Node(std::coroutine_handle<promise_type> x) : h(x) {}
  Node(Node &&o) noexcept : h(std::exchange(o.h, nullptr)) {}
  ~Node() {
    if (h)
      h.destroy();
  }
};

// Waits until both children have finished.
struct Join {
  Node &a, &b;
  int pending = 2;
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> me) {
    for (Node *n : {&a, &b}) {
      n->h.promise().parent = me;
      n->h.promise().pending = &pending;
      ready.push_back(n->h);
    }
  }
  long await_resume() { return a.h.promise().result * 3 + b.h.promise().result; }
};

__attribute__((noinline)) Node fib(int n, uint64_t path) {
  if (PatternAlloc::frames_alive > peak_frames)
    peak_frames = PatternAlloc::frames_alive;
  if (n < 2)
    co_return static_cast<long>(mix(path, static_cast<uint64_t>(n)) % 1000);
  uint64_t mine = mix(path, static_cast<uint64_t>(n));
  Node left = fib(n - 1, mine * 2);
  Node right = fib(n - 2, mine * 2 + 1);
  long joined = co_await Join{left, right};
  co_return (joined + static_cast<long>(mine % 7)) % 1000003;
}

int main() {
  Node root = fib(16, 1);
  ready.push_back(root.h);
  long resumes = 0;
  while (!ready.empty()) {
    auto h = ready.front();
    ready.pop_front();
    h.resume();
    ++resumes;
  }
  CHECK(root.h.done());
  std::printf("resumes %ld result %ld frames alive at peak > 1000: %d\n", resumes, root.h.promise().result,
              peak_frames > 1000 ? 1 : 0);
  return finish();
}
