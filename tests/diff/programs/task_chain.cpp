// Lazy tasks awaiting tasks (symmetric transfer), results of several types,
// several awaits per task, counted objects alive across the awaits.
#include "diff.h"
#include <string>
#include <vector>
using namespace diff;

struct Pair {
  long a;
  double b;
};

__attribute__((noinline)) Task<int> leaf(int x) {
  Obj o(x);
  co_return x * 2 + 1;
}

__attribute__((noinline)) Task<Pair> mid(int x) {
  Obj o(100 + x);
  int a = co_await leaf(x);
  int b = co_await leaf(a);
  long s = static_cast<long>(a) * b;
  double d = opaque(0.5) * a;
  int c = co_await leaf(b);
  CHECK(o.ok());
  co_return Pair{s + c, d};
}

__attribute__((noinline)) Task<std::string> top(int n) {
  std::string out = "top:";
  std::vector<long> keep;
  for (int i = 0; i < n; ++i) {
    Obj o(1000 + i);
    Pair p = co_await mid(i);
    keep.push_back(p.a);
    out += std::to_string(p.a) + "/" + std::to_string(static_cast<long>(p.b * 10)) + ",";
    CHECK(o.ok() && o.id == 1000 + i);
  }
  long sum = 0;
  for (long v : keep)
    sum += v;
  out += " sum=" + std::to_string(sum);
  co_return out;
}

__attribute__((noinline)) Task<void> consume(int n, std::string &into) {
  std::string s = co_await top(n);
  into = s;
}

int main() {
  std::string r = sync_wait(top(12));
  std::printf("%s\n", r.c_str());
  std::string into;
  sync_wait(consume(5, into));
  std::printf("%s\n", into.c_str());
  CHECK(Life::alive() == 0);
  std::printf("objects made %ld\n", Life::made);
  CHECK(PatternAlloc::frames_alive == 0);
  return finish();
}
