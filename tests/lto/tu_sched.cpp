// A round-robin scheduler: tasks that yield to it, a bounded channel
// between producers and consumers, a join counter.
#include "lto.h"
#include <deque>
#include <vector>

namespace lto {
namespace {

struct Sched {
  std::deque<std::coroutine_handle<>> ready;
  void run() {
    while (!ready.empty()) {
      auto h = ready.front();
      ready.pop_front();
      h.resume();
    }
  }
};

struct Yield {
  Sched &s;
  bool await_ready() noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) { s.ready.push_back(h); }
  void await_resume() noexcept {}
};

struct Chan {
  Sched &s;
  std::size_t cap;
  std::deque<uint64_t> q;
  std::deque<std::coroutine_handle<>> senders, receivers;
  bool closed = false;

  struct Send {
    Chan &c;
    uint64_t v;
    bool await_ready() { return c.q.size() < c.cap; }
    void await_suspend(std::coroutine_handle<> h) { c.senders.push_back(h); }
    void await_resume() {
      c.q.push_back(v);
      if (!c.receivers.empty()) {
        c.s.ready.push_back(c.receivers.front());
        c.receivers.pop_front();
      }
    }
  };
  struct Recv {
    Chan &c;
    bool await_ready() { return !c.q.empty() || c.closed; }
    void await_suspend(std::coroutine_handle<> h) { c.receivers.push_back(h); }
    // 1 and a value; 0 when closed and drained; 2 when woken but another
    // receiver took the value (try again).
    std::pair<int, uint64_t> await_resume() {
      if (c.q.empty())
        return {c.closed ? 0 : 2, 0};
      uint64_t v = c.q.front();
      c.q.pop_front();
      if (!c.senders.empty()) {
        c.s.ready.push_back(c.senders.front());
        c.senders.pop_front();
      }
      return {1, v};
    }
  };
  Send send(uint64_t v) { return {*this, v}; }
  Recv recv() { return {*this}; }
  void close() {
    closed = true;
    for (auto h : receivers)
      s.ready.push_back(h);
    receivers.clear();
  }
};

// Fire-and-forget coroutine run by the scheduler; destroys itself at the end.
struct Proc {
  struct promise_type : PatternAlloc {
    Proc get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() { std::abort(); }
  };
};

__attribute__((noinline)) Proc producer(Sched &s, Chan &c, int id, int n, int &live) {
  Obj o(id);
  for (int i = 0; i < n; ++i) {
    uint64_t v = mix(static_cast<uint64_t>(id), static_cast<uint64_t>(i));
    co_await c.send(v);
    if (i % 3 == id % 3)
      co_await Yield{s};
  }
  CHECK(o.ok());
  if (--live == 0)
    c.close();
}

__attribute__((noinline)) Proc consumer(Sched &s, Chan &c, int id, uint64_t &out) {
  uint64_t local = static_cast<uint64_t>(id);
  long got = 0;
  for (;;) {
    auto [st, v] = co_await c.recv();
    if (st == 2)
      continue;
    if (st == 0)
      break;
    ++got;
    local += v % 1000003;
    if (got % 4 == 0)
      co_await Yield{s};
  }
  out += local * static_cast<uint64_t>(got + 1);
}

__attribute__((noinline)) Proc worker(Sched &s, int id, int rounds, std::vector<uint64_t> &log) {
  uint64_t a = opaque(static_cast<uint64_t>(id)), b = a * 3;
  for (int r = 0; r < rounds; ++r) {
    uint64_t t = co_await leaf_task(a + static_cast<uint64_t>(r));
    co_await Yield{s};
    a = b ^ t;
    b = t + a;
    log.push_back(a % 10007);
  }
}

} // namespace

uint64_t sched(uint64_t seed) {
  Sched s;
  Chan c{s, 3, {}, {}, {}};
  int live = 4;
  uint64_t out = 0;
  for (int i = 0; i < 3; ++i)
    consumer(s, c, i, out);
  for (int i = 0; i < 4; ++i)
    producer(s, c, i, 10 + i * 3 + static_cast<int>(seed % 4), live);
  s.run();
  std::vector<uint64_t> log;
  for (int i = 0; i < 5; ++i)
    worker(s, i, 6, log);
  s.run();
  uint64_t h = mix(seed, out);
  for (uint64_t v : log)
    h = mix(h, v);
  return h;
}

} // namespace lto
