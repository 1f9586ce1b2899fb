// Awaiters whose await_suspend returns a coroutine handle: transfer to another
// coroutine (a ping-pong of two workers 300000 times, constant stack), to
// std::noop_coroutine() (back to the resumer), and to the awaiting coroutine
// itself (resumes at once), with live values around every transfer.
#include "diff.h"
#include <string>
using namespace diff;

struct Worker {
  struct promise_type : PatternAlloc {
    std::coroutine_handle<> peer;
    long count = 0;
    Worker get_return_object() { return Worker{std::coroutine_handle<promise_type>::from_promise(*this)}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
  std::coroutine_handle<promise_type> h;
};

struct ToPeer {
  std::coroutine_handle<> peer;
  bool await_ready() noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept { return peer; }
  void await_resume() noexcept {}
};
struct ToNoop {
  bool await_ready() noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<>) noexcept { return std::noop_coroutine(); }
  void await_resume() noexcept {}
};
struct ToSelf {
  int v;
  bool await_ready() noexcept { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> me) noexcept { return me; }
  int await_resume() noexcept { return v + 1; }
};

uint64_t trace;

__attribute__((noinline)) Worker worker(int id, long rounds, std::coroutine_handle<> *peer) {
  unsigned long mine = opaque<unsigned long>(static_cast<unsigned long>(id));
  uint64_t local = 0;
  for (long i = 0; i < rounds; ++i) {
    mine = mine * 5 + static_cast<unsigned long>(i);
    local = mix(local, mine);
    co_await ToPeer{*peer};
    trace = trace * 31 + static_cast<uint64_t>(id);
  }
  std::printf("worker %d local %016llx\n", id, (unsigned long long)local);
  co_await ToNoop{}; // back to main
}

__attribute__((noinline)) Generator<int> selfish(int n) {
  int v = opaque(0);
  std::string s;
  for (int i = 0; i < n; ++i) {
    v = co_await ToSelf{v};
    s += static_cast<char>('a' + v % 26);
    if (i % 10 == 9)
      co_yield v;
  }
  co_yield static_cast<int>(s.size());
}

int main() {
  std::coroutine_handle<> pa, pb;
  Worker a = worker(1, 300000, &pb);
  Worker b = worker(2, 300000, &pa);
  pa = a.h;
  pb = b.h;
  a.h.resume(); // a and b pass control back and forth until a finishes
  std::printf("after ping-pong trace %016llx, a done %d\n", (unsigned long long)trace, a.h.done() ? 1 : 0);
  b.h.resume(); // b's last transfer went to a, so b continues here
  std::printf("trace %016llx\n", (unsigned long long)trace);
  a.h.destroy();
  b.h.destroy();
  Generator<int> g = selfish(50);
  std::string out;
  while (g.next())
    out += std::to_string(g.value()) + " ";
  std::printf("selfish %s\n", out.c_str());
  return finish();
}
