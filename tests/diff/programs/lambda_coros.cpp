// Coroutine lambdas: captureless with parameters, generic (auto) ones, an
// immediately built chain of lambda tasks, and a capturing lambda kept alive
// as long as its coroutine (captures are reached through the lambda object,
// not copied into the frame).
#include "diff.h"
#include <string>
#include <vector>
using namespace diff;

int main() {
  auto counter = [](int from, int to) __attribute__((noinline)) -> Generator<int> {
    Obj o(from);
    for (int i = from; i < to; ++i)
      co_yield i * i;
  };
  auto generic = [](auto start, auto step, int n) -> Generator<decltype(start + step)> {
    auto v = start;
    for (int i = 0; i < n; ++i, v += step)
      co_yield v;
  };
  std::string report;
  {
    auto g = counter(3, 9);
    while (g.next())
      report += std::to_string(g.value()) + " ";
  }
  {
    auto g = generic(1.5, 0.25, 6);
    while (g.next())
      report += std::to_string(static_cast<int>(g.value() * 100)) + " ";
    auto h = generic(10L, -3L, 5);
    while (h.next())
      report += std::to_string(h.value()) + " ";
  }
  std::printf("lambdas: %s\n", report.c_str());

  // A capturing lambda: the coroutine reads and writes the captures through
  // the lambda object, which must outlive it.
  std::vector<int> seen;
  int bias = opaque(100);
  auto capturing = [&seen, bias, scratch = std::string("cap")](int n) mutable -> Generator<int> {
    for (int i = 0; i < n; ++i) {
      scratch += static_cast<char>('0' + i);
      seen.push_back(bias + i);
      co_yield static_cast<int>(scratch.size()) + bias;
    }
  };
  {
    auto g = capturing(5);
    std::string out;
    while (g.next())
      out += std::to_string(g.value()) + " ";
    std::printf("capturing: %s seen %zu\n", out.c_str(), seen.size());
  }

  // Lambda tasks awaiting lambda tasks.
  auto leaf = [](int x) -> Task<int> { co_return x * 3; };
  auto mid = [&leaf](int x) -> Task<int> {
    int a = co_await leaf(x);
    std::string s(static_cast<std::size_t>(a % 40), 'm');
    int b = co_await leaf(a + 1);
    co_return a + b + static_cast<int>(s.size());
  };
  long total = 0;
  for (int i = 0; i < 50; ++i)
    total += sync_wait(mid(i));
  std::printf("lambda tasks total %ld\n", total);
  CHECK(Life::alive() == 0);
  return finish();
}
