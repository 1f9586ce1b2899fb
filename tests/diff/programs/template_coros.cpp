// Template coroutines instantiated over many types and sizes: a function
// template over the element type, one over a non-type size parameter (arrays
// of that many bytes live across suspends), and a variadic one that keeps a
// tuple of arguments alive.
#include "diff.h"
#include <array>
#include <string>
#include <tuple>
using namespace diff;

template <class T> __attribute__((noinline)) Generator<uint64_t> series(T start, T step, int n) {
  T v = start;
  T prev = start;
  for (int i = 0; i < n; ++i) {
    co_yield mix_bytes(static_cast<uint64_t>(i), &v, sizeof v);
    T next = static_cast<T>(v + step);
    prev = v;
    v = next;
  }
  co_yield mix_bytes(0, &prev, sizeof prev);
}

template <std::size_t N> __attribute__((noinline)) Generator<uint64_t> sized(uint64_t seed) {
  std::array<unsigned char, N> a;
  for (std::size_t i = 0; i < N; ++i)
    a[i] = static_cast<unsigned char>(mix(seed, i));
  co_yield mix_bytes(0, a.data(), N);
  std::array<unsigned char, N / 2 + 1> b{};
  for (std::size_t i = 0; i < b.size(); ++i)
    b[i] = static_cast<unsigned char>(a[i] ^ a[N - 1 - i % N]);
  co_yield mix_bytes(1, b.data(), b.size());
  co_yield mix_bytes(2, a.data(), N);
}

template <class... Ts> __attribute__((noinline)) Generator<uint64_t> tupled(Ts... args) {
  std::tuple<Ts...> t(args...);
  uint64_t h = 0;
  co_yield sizeof...(Ts);
  std::apply([&h](const auto &...xs) { ((h = mix_bytes(h, &xs, sizeof xs)), ...); }, t);
  co_yield h;
}

template <class G> uint64_t drain(G &&g) {
  uint64_t h = 0;
  while (g.next())
    h = mix(h, g.value());
  return h;
}

// No padding bytes: their contents are indeterminate, so they must not be hashed.
struct Odd {
  char c;
  char d;
  short s;
};

int main() {
  std::printf("char   %016llx\n", (unsigned long long)drain(series<char>(1, 3, 20)));
  std::printf("short  %016llx\n", (unsigned long long)drain(series<short>(-5, 7, 30)));
  std::printf("int    %016llx\n", (unsigned long long)drain(series<int>(100, -13, 25)));
  std::printf("long   %016llx\n", (unsigned long long)drain(series<long>(1L << 40, 12345, 25)));
  std::printf("float  %016llx\n", (unsigned long long)drain(series<float>(0.5f, 0.25f, 25)));
  std::printf("double %016llx\n", (unsigned long long)drain(series<double>(-2.5, 0.125, 25)));
  std::printf("i128   %016llx\n", (unsigned long long)drain(series<__int128>(static_cast<__int128>(1) << 100, 3, 9)));
  std::printf("n=1    %016llx\n", (unsigned long long)drain(sized<1>(1)));
  std::printf("n=3    %016llx\n", (unsigned long long)drain(sized<3>(2)));
  std::printf("n=17   %016llx\n", (unsigned long long)drain(sized<17>(3)));
  std::printf("n=255  %016llx\n", (unsigned long long)drain(sized<255>(4)));
  std::printf("n=4096 %016llx\n", (unsigned long long)drain(sized<4096>(5)));
  std::printf("tuple  %016llx\n",
              (unsigned long long)drain(tupled('a', short{2}, 3, 4L, 5.5, 6.25f, Odd{'x', 'y', 7})));
  std::printf("tuple1 %016llx\n", (unsigned long long)drain(tupled(static_cast<__int128>(42))));
  return finish();
}
