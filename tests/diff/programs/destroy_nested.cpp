// Destroy at every suspend point of coroutines whose live set changes through
// branches, loops and early returns: strings, vectors, unique_ptrs and counted
// objects. Each stopping point prints how much was built and torn down.
#include "diff.h"
#include <memory>
#include <string>
#include <vector>
using namespace diff;

long deleted_payloads;
struct Payload {
  Obj o;
  std::vector<int> data;
  explicit Payload(int i) : o(i), data(static_cast<std::size_t>(i % 50) + 1, i) {}
  ~Payload() { ++deleted_payloads; }
};

__attribute__((noinline)) Generator<long> shapes(int mode, int n) {
  auto owned = std::make_unique<Payload>(mode);
  std::vector<std::string> names;
  long acc = opaque<long>(mode);
  for (int i = 0; i < n; ++i) {
    names.push_back("name-" + std::to_string(i * mode));
    if ((i + mode) % 3 == 0) {
      Obj tmp(i);
      std::string longer(static_cast<std::size_t>(20 + i), static_cast<char>('a' + i % 26));
      co_yield acc + static_cast<long>(longer.size());
      acc += tmp.id;
    } else if ((i + mode) % 3 == 1) {
      auto p = std::make_unique<Payload>(i + 100);
      co_yield acc * 2;
      acc += static_cast<long>(p->data.size());
      if (i == mode)
        co_return;                 // early return with live objects
    } else {
      Obj a(i), b(i + 1);
      co_yield acc - a.id;
      co_yield acc - b.id;
      acc ^= a.id * b.id;
    }
  }
  co_yield acc + static_cast<long>(names.size()) + static_cast<long>(owned->data.size());
}

int main() {
  for (int mode = 0; mode < 5; ++mode) {
    // First learn how many times it yields, then stop at each point.
    int total = 0;
    {
      Generator<long> g = shapes(mode, 9);
      while (g.next())
        ++total;
    }
    for (int k = 0; k <= total + 1; ++k) {
      Life::reset();
      deleted_payloads = 0;
      long last = 0;
      {
        Generator<long> g = shapes(mode, 9);
        for (int i = 0; i < k && g.next(); ++i)
          last = g.value();
      }
      std::printf("mode %d stop %2d/%d last %ld objects %ld payloads freed %ld\n", mode, k, total, last,
                  Life::made, deleted_payloads);
      CHECK(Life::alive() == 0);
      CHECK(PatternAlloc::frames_alive == 0);
    }
  }
  return finish();
}
