// Member coroutines, parameters of class type copied into the frame,
// reference parameters, and coroutines of other units (fib_gen,
// window_gen, tree_task) consumed here so that ThinLTO imports them.
#include "lto.h"
#include <string>
#include <vector>

namespace lto {
namespace {

struct Params {
  std::string name;
  std::vector<int> xs;
  Obj o;
};

class Account {
  uint64_t balance_ = 0;
  std::vector<uint64_t> history_;

public:
  explicit Account(uint64_t b) : balance_(b) {}
  __attribute__((noinline)) Task<uint64_t> deposit(uint64_t amount, int times) {
    for (int i = 0; i < times; ++i) {
      uint64_t fee = co_await leaf_task(amount + static_cast<uint64_t>(i)) % 13;
      balance_ += amount - fee;
      history_.push_back(balance_);
    }
    co_return balance_;
  }
  __attribute__((noinline)) Generator<uint64_t> replay() const {
    for (uint64_t b : history_)
      co_yield b ^ balance_;
  }
};

} // namespace

__attribute__((noinline)) Generator<uint64_t> by_value(Params p, int n) {
  for (int i = 0; i < n; ++i) {
    co_yield mix(p.o.tag, static_cast<uint64_t>(p.xs[static_cast<std::size_t>(i) % p.xs.size()]));
    p.name += "+";
    co_yield p.name.size();
  }
  CHECK(p.o.ok());
}

__attribute__((noinline)) Task<uint64_t> by_ref(const std::vector<uint64_t> &v, uint64_t &sink) {
  for (uint64_t x : v) {
    uint64_t t = co_await tree_task(1, x);
    sink = mix(sink, t);
  }
  co_return sink;
}

uint64_t members(uint64_t seed) {
  uint64_t h = seed;
  Account acct(seed % 1000);
  h = mix(h, sync_wait(acct.deposit(50, 9)));
  {
    auto g = acct.replay();
    while (g.next())
      h = mix(h, g.value());
  }
  {
    auto g = by_value(Params{"p", {3, 1, 4, 1, 5}, Obj(9)}, 7);
    while (g.next())
      h = mix(h, g.value());
  }
  std::vector<uint64_t> xs;
  {
    auto g = fib_gen(seed % 7, 2, 25);
    while (g.next())
      xs.push_back(g.value());
  }
  {
    auto g = window_gen(30, seed + 5);
    while (g.next())
      xs.push_back(static_cast<uint64_t>(g.value()));
  }
  uint64_t sink = 1;
  h = mix(h, sync_wait(by_ref(xs, sink)));
  return h;
}

} // namespace lto
