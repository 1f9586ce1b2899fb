// Generators: Fibonacci, a filtered range and a running product, interleaved,
// with counted objects and loop-carried values live across every yield.
#include "diff.h"
using namespace diff;

__attribute__((noinline)) Generator<uint64_t> fib(int n) {
  Obj guard(1);
  uint64_t a = opaque<uint64_t>(0), b = 1;
  for (int i = 0; i < n; ++i) {
    co_yield a;
    uint64_t t = a + b;
    a = b;
    b = t;
  }
  CHECK(guard.ok());
}

__attribute__((noinline)) Generator<int> odd_squares(int lo, int hi) {
  Obj guard(2);
  int seen = 0;
  for (int i = opaque(lo); i < hi; ++i) {
    if (i % 2 == 0)
      continue;
    ++seen;
    co_yield i * i;
  }
  co_yield -seen;
}

__attribute__((noinline)) Generator<double> products(double start, int n) {
  double p = opaque(start);
  long count = 0;
  for (int i = 1; i <= n; ++i) {
    p *= 1.0 + 1.0 / i;
    ++count;
    co_yield p;
  }
  CHECK(count == n);
}

int main() {
  {
    Generator<uint64_t> f = fib(60);
    Generator<int> s = odd_squares(3, 40);
    Generator<double> p = products(1.5, 30);
    uint64_t h = 0;
    int round = 0;
    bool fa = true, sa = true, pa = true;
    while (fa || sa || pa) {
      if (fa && (fa = f.next()))
        h = mix(h, f.value());
      if (sa && (sa = s.next()))
        h = mix(h, static_cast<uint64_t>(s.value()));
      if (pa && (pa = p.next()))
        h = mix(h, static_cast<uint64_t>(p.value() * 1000.0));
      if (round == 0)
        CHECK(Life::alive() == 2);
      if (++round % 10 == 0)
        std::printf("round %d hash %016llx\n", round, (unsigned long long)h);
    }
    std::printf("rounds %d hash %016llx\n", round, (unsigned long long)h);
    CHECK(Life::alive() == 0);
  }
  Generator<uint64_t> f = fib(94);
  uint64_t last = 0;
  int n = 0;
  while (f.next()) {
    last = f.value();
    ++n;
  }
  std::printf("fib count %d last %llu\n", n, (unsigned long long)last);
  CHECK(last == 12200160415121876738ull);
  CHECK(Life::alive() == 0);
  f = fib(5);
  CHECK(f.next() && Life::alive() == 1);
  f = fib(0);
  CHECK(Life::alive() == 0);
  std::printf("made %ld gone %ld\n", Life::made, Life::gone);
  return finish();
}
