// co_return of values of several kinds through return_value: a string, a
// vector, a large struct, an optional, a move-only pointer; results are built
// from locals that crossed suspends, and each task is awaited by another.
#include "diff.h"
#include <memory>
#include <optional>
#include <string>
#include <vector>
using namespace diff;

struct Stats {
  long count, sum, min, max;
  double mean;
  char tag[24];
};

struct Hop {
  bool await_ready() { return false; }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> h) { return h; } // straight back
  void await_resume() {}
};

__attribute__((noinline)) Task<std::string> text(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    co_await Hop{};
    s += std::to_string(i * i);
  }
  co_return s;
}

__attribute__((noinline)) Task<std::vector<int>> squares(int n) {
  std::vector<int> v;
  for (int i = 0; i < n; ++i) {
    v.push_back(i * i);
    if (i % 4 == 0)
      co_await Hop{};
  }
  co_return v;
}

__attribute__((noinline)) Task<Stats> stats(int n) {
  std::vector<int> v = co_await squares(n);
  Stats s{0, 0, 1L << 40, -(1L << 40), 0, {}};
  for (int x : v) {
    ++s.count;
    s.sum += x;
    s.min = x < s.min ? x : s.min;
    s.max = x > s.max ? x : s.max;
  }
  co_await Hop{};
  s.mean = s.count ? static_cast<double>(s.sum) / s.count : 0;
  std::string t = co_await text(3);
  std::snprintf(s.tag, sizeof s.tag, "n%d-%s", n, t.c_str());
  co_return s;
}

__attribute__((noinline)) Task<std::optional<long>> maybe(int n) {
  Stats s = co_await stats(n);
  if (s.count % 2)
    co_return std::nullopt;
  co_return s.sum;
}

__attribute__((noinline)) Task<std::unique_ptr<Obj>> owned(int id) {
  auto p = std::make_unique<Obj>(id);
  co_await Hop{};
  co_return p;
}

int main() {
  std::printf("text %s\n", sync_wait(text(12)).c_str());
  for (int n = 0; n < 6; ++n) {
    Stats s = sync_wait(stats(n * 5));
    std::printf("stats n=%d count %ld sum %ld min %ld max %ld mean %.3f tag %s\n", n * 5, s.count, s.sum,
                s.count ? s.min : 0, s.count ? s.max : 0, s.mean, s.tag);
  }
  for (int n = 1; n < 5; ++n) {
    std::optional<long> m = sync_wait(maybe(n));
    std::printf("maybe %d: %s\n", n, m ? std::to_string(*m).c_str() : "none");
  }
  {
    std::unique_ptr<Obj> o = sync_wait(owned(42));
    std::printf("owned id %d alive %ld\n", o->id, Life::alive());
  }
  CHECK(Life::alive() == 0);
  return finish();
}
