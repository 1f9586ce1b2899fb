// Producers and consumers on a bounded channel. The awaiters' await_suspend
// returns bool: false (do not suspend) when the operation completes at once,
// true when the coroutine has to wait. Both paths run many times.
#include "diff.h"
#include <deque>
#include <optional>
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

std::deque<std::coroutine_handle<>> ready;
long fast_sends, slow_sends, fast_recvs, slow_recvs, retries;

struct Channel {
  std::size_t cap;
  std::deque<long> items;
  std::deque<std::pair<std::coroutine_handle<>, long>> senders;
  std::deque<std::coroutine_handle<>> receivers;

  void put(long v) {
    items.push_back(v);
    if (!receivers.empty()) {
      ready.push_back(receivers.front());
      receivers.pop_front();
    }
  }
  // A waiting sender's value goes in as soon as there is room.
  long take() {
    long v = items.front();
    items.pop_front();
    if (!senders.empty()) {
      auto [h, w] = senders.front();
      senders.pop_front();
      put(w);
      ready.push_back(h);
    }
    return v;
  }

  struct Send {
    Channel &c;
    long v;
    bool await_ready() { return false; }
    bool await_suspend(std::coroutine_handle<> h) {
      if (c.items.size() < c.cap) {
        c.put(v);
        ++fast_sends;
        return false;
      }
      c.senders.emplace_back(h, v);
      ++slow_sends;
      return true;
    }
    void await_resume() {}
  };
  struct Recv {
    Channel &c;
    bool await_ready() { return false; }
    bool await_suspend(std::coroutine_handle<> h) {
      if (!c.items.empty()) {
        ++fast_recvs;
        return false;
      }
      c.receivers.push_back(h);
      ++slow_recvs;
      return true;
    }
    // Another consumer may have been quicker: then there is nothing.
    std::optional<long> await_resume() {
      if (c.items.empty()) {
        ++retries;
        return std::nullopt;
      }
      return c.take();
    }
  };
};

struct Yield {
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<> h) { ready.push_back(h); }
  void await_resume() {}
};

__attribute__((noinline)) Proc producer(Channel &c, int id, int n) {
  Obj o(id);
  long sent = 0;
  for (int i = 0; i < n; ++i) {
    long v = static_cast<long>(id) * 100000 + i;
    co_await Channel::Send{c, v};
    ++sent;
    if ((i + id) % 11 == 0)
      co_await Yield{};
  }
  CHECK(sent == n && o.ok());
}

uint64_t got_hash;
long got_count;

__attribute__((noinline)) Proc consumer(Channel &c, int id, int n) {
  Obj o(1000 + id);
  uint64_t local = 0;
  long last_of[4] = {-1, -1, -1, -1};
  for (int i = 0; i < n; ++i) {
    std::optional<long> v;
    while (!(v = co_await Channel::Recv{c}))
      ;
    int from = static_cast<int>(*v / 100000);
    CHECK(*v > last_of[from]); // each producer's values arrive in order
    last_of[from] = *v;
    local = mix(local, static_cast<uint64_t>(*v));
    got_hash = mix(got_hash, static_cast<uint64_t>(*v) + static_cast<uint64_t>(id));
    ++got_count;
    if (i % 7 == 3)
      co_await Yield{};
  }
  CHECK(o.ok());
  std::printf("consumer %d local %016llx\n", id, (unsigned long long)local);
}

int main() {
  Channel c{3, {}, {}, {}};
  std::vector<Proc> ps;
  for (int i = 0; i < 4; ++i)
    ps.push_back(producer(c, i, 300));
  for (int i = 0; i < 3; ++i)
    ps.push_back(consumer(c, i, 400));
  for (auto &p : ps)
    ready.push_back(p.h);
  long rounds = 0;
  while (!ready.empty()) {
    auto h = ready.front();
    ready.pop_front();
    ++rounds;
    h.resume();
  }
  std::printf("rounds %ld got %ld hash %016llx\n", rounds, got_count, (unsigned long long)got_hash);
  std::printf("sends fast %ld slow %ld, receives fast %ld slow %ld, retries %ld\n", fast_sends, slow_sends,
              fast_recvs, slow_recvs, retries);
  CHECK(got_count == 1200);
  CHECK(slow_sends > 0 && fast_sends > 0 && slow_recvs > 0 && fast_recvs > 0);
  for (auto &p : ps) {
    CHECK(p.h.done());
    p.h.destroy();
  }
  CHECK(Life::alive() == 0);
  return finish();
}
