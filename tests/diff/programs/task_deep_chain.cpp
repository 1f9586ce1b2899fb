// A chain of 200000 lazy tasks, each awaiting the next: symmetric transfer
// (await_suspend returning a handle) makes every resume a tail call, so the
// stack does not grow, at -O0 as well. Also a chain that completes on the way
// down and one that throws from the bottom.
#include "diff.h"
#include <stdexcept>
using namespace diff;

__attribute__((noinline)) Task<long> chain(int n) {
  if (n == 0)
    co_return 0;
  long here = opaque<long>(n);
  long r = co_await chain(n - 1);
  co_return r + here;
}

__attribute__((noinline)) Task<uint64_t> hashed(int n, uint64_t seed) {
  uint64_t mine = mix(seed, static_cast<uint64_t>(n));
  if (n == 0)
    co_return mine;
  uint64_t below = co_await hashed(n - 1, mine);
  co_return mix(below, mine);
}

__attribute__((noinline)) Task<int> throwing(int n) {
  if (n == 0)
    throw std::runtime_error("bottom");
  Obj o(n);
  int r = co_await throwing(n - 1);
  co_return r + 1;
}

int main() {
  const int n = 200000;
  long r = sync_wait(chain(n));
  std::printf("chain %d -> %ld\n", n, r);
  CHECK(r == static_cast<long>(n) * (n + 1) / 2);
  uint64_t h = sync_wait(hashed(150000, 7));
  std::printf("hashed -> %016llx\n", (unsigned long long)h);
  try {
    sync_wait(throwing(20000));
    CHECK(false);
  } catch (const std::runtime_error &e) {
    std::printf("caught '%s', alive %ld, made %ld\n", e.what(), Life::alive(), Life::made);
  }
  CHECK(Life::alive() == 0);
  CHECK(PatternAlloc::frames_alive == 0);
  return finish();
}
