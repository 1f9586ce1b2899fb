// Nested try blocks spanning suspends, rethrow from inner handlers, an
// exception_ptr kept across later suspends and rethrown after them, and
// std::uncaught_exceptions() seen by destructors that run during unwinding.
#include "diff.h"
#include <stdexcept>
#include <string>
#include <vector>
using namespace diff;

std::vector<std::string> events;

struct Watch {
  std::string name;
  explicit Watch(std::string n) : name(std::move(n)) {}
  ~Watch() { events.push_back(name + (std::uncaught_exceptions() ? "!" : "")); }
};

struct E1 {
  int v;
};
struct E2 {
  std::string s;
};

__attribute__((noinline)) Generator<int> nested(int seed) {
  std::exception_ptr saved;
  int acc = opaque(seed);
  for (int round = 0; round < 6; ++round) {
    Watch outer("o" + std::to_string(round));
    try {
      co_yield acc;
      Watch mid("m" + std::to_string(round));
      try {
        co_yield acc + 1;
        Watch inner("i" + std::to_string(round));
        if ((acc + round) % 3 == 0)
          throw E1{round};
        co_yield acc + 2;
        if ((acc + round) % 3 == 1)
          throw E2{"two" + std::to_string(round)};
      } catch (const E1 &e) {
        acc += e.v;
        if (round % 2 == 0)
          throw; // to the outer handler
      }
      co_yield acc + 3;
    } catch (const E1 &e) {
      acc += 100 * e.v;
      saved = std::current_exception(); // outlives the handler and later suspends
    } catch (const E2 &e) {
      acc += static_cast<int>(e.s.size());
    }
    co_yield acc + 4;
    if (saved && round == 4) {
      try {
        std::rethrow_exception(saved);
      } catch (const E1 &e) {
        acc += 7 * e.v;
      }
      saved = nullptr;
    }
  }
  co_yield acc;
}

int main() {
  for (int seed = 0; seed < 3; ++seed) {
    events.clear();
    Generator<int> g = nested(seed);
    std::string ys;
    while (g.next())
      ys += std::to_string(g.value()) + " ";
    std::printf("seed %d yields %s\n", seed, ys.c_str());
    std::printf("seed %d events", seed);
    for (auto &e : events)
      std::printf(" %s", e.c_str());
    std::printf("\n");
  }
  // Abandon in the middle of the inner try.
  for (int k = 1; k < 8; ++k) {
    events.clear();
    {
      Generator<int> g = nested(1);
      for (int i = 0; i < k; ++i)
        g.next();
    }
    std::printf("stop %d events", k);
    for (auto &e : events)
      std::printf(" %s", e.c_str());
    std::printf("\n");
  }
  CHECK(PatternAlloc::frames_alive == 0);
  return finish();
}
