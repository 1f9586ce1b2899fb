// Lambda coroutines (captures live in the lambda object, which outlives
// them), template coroutines over value types of several sizes.
#include "lto.h"
#include <array>

namespace lto {

template <class T> __attribute__((noinline)) Generator<T> ramp(T start, T step, int n) {
  T v = start;
  T prev = opaque(start);
  for (int i = 0; i < n; ++i) {
    co_yield v + prev;
    prev = v;
    v = static_cast<T>(v + step);
  }
}

template <class T, int N> __attribute__((noinline)) Task<T> fold(std::array<T, N> xs) {
  T acc{};
  for (int i = 0; i < N; ++i) {
    uint64_t k = co_await leaf_task(static_cast<uint64_t>(i));
    acc = static_cast<T>(acc + xs[static_cast<std::size_t>(i)] + static_cast<T>(k % 7));
  }
  co_return acc;
}

template <class T> uint64_t as_u64(T v) {
  if constexpr (sizeof(T) == 8 && !std::is_integral_v<T>) {
    uint64_t u;
    std::memcpy(&u, &v, 8);
    return u;
  } else {
    return static_cast<uint64_t>(v);
  }
}

template <class T> uint64_t drain(Generator<T> g, uint64_t h) {
  while (g.next())
    h = mix(h, as_u64(g.value()));
  return h;
}

uint64_t lambdas(uint64_t seed) {
  uint64_t h = seed;
  h = drain(ramp<short>(3, 5, 30), h);
  h = drain(ramp<long>(static_cast<long>(seed), -3, 25), h);
  h = drain(ramp<double>(0.5, 0.125, 20), h);
  h = drain(ramp<unsigned char>(200, 9, 40), h);

  h = mix(h, static_cast<uint64_t>(sync_wait(fold<int, 6>({1, 2, 3, 4, 5, 6}))));
  h = mix(h, as_u64(sync_wait(fold<double, 3>({0.5, 1.5, 2.5}))));

  uint64_t base = opaque(seed * 3);
  auto counter = [base, k = 0](int n) mutable -> Generator<uint64_t> {
    for (int i = 0; i < n; ++i) {
      ++k;
      uint64_t v = mix(base, static_cast<uint64_t>(k));
      co_yield v;
      co_yield v ^ base;
    }
  };
  h = drain(counter(10), h);
  h = drain(counter(5), h);

  auto chain = [](int depth, uint64_t x) -> Task<uint64_t> {
    uint64_t a = co_await tree_task(depth, x);
    Obj o(depth);
    uint64_t b = co_await leaf_task(a);
    co_return a ^ b ^ o.tag;
  };
  for (int d = 0; d < 4; ++d)
    h = mix(h, sync_wait(chain(d, seed + static_cast<uint64_t>(d))));
  return h;
}

} // namespace lto
