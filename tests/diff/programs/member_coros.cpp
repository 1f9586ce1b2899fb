// Member coroutines: non-static members that use `this` across suspends
// (const and non-const), a static member, a virtual coroutine overridden in a
// derived class, and a member of a class template.
#include "diff.h"
#include <string>
#include <vector>
using namespace diff;

class Account {
public:
  explicit Account(std::string n, long start) : name_(std::move(n)), balance_(start) {}

  __attribute__((noinline)) Generator<long> apply(std::vector<long> moves) {
    Obj guard(static_cast<int>(moves.size()));
    for (long m : moves) {
      long before = balance_;
      balance_ += m;
      history_.push_back(m);
      co_yield balance_ - before;
      CHECK(balance_ == before + m);
    }
  }
  __attribute__((noinline)) Generator<std::string> describe() const {
    for (std::size_t i = 0; i < history_.size(); ++i) {
      std::string line = name_ + "[" + std::to_string(i) + "]=" + std::to_string(history_[i]);
      co_yield line;
    }
  }
  static Generator<int> ids(int n) {
    for (int i = 0; i < n; ++i)
      co_yield 1000 + i;
  }
  long balance() const { return balance_; }

private:
  std::string name_;
  long balance_;
  std::vector<long> history_;
};

struct Shape {
  virtual ~Shape() = default;
  virtual Generator<double> outline(int steps) {
    for (int i = 0; i < steps; ++i)
      co_yield i * 1.0;
  }
};
struct Circle : Shape {
  double r;
  explicit Circle(double rr) : r(rr) {}
  Generator<double> outline(int steps) override {
    double acc = 0;
    for (int i = 0; i < steps; ++i) {
      acc += r * 2 * 3.25 / steps;
      co_yield acc;
    }
  }
};

template <class T> struct Box {
  T value;
  __attribute__((noinline)) Task<T> doubled_after(int hops) {
    T v = value;
    for (int i = 0; i < hops; ++i)
      v = co_await twice(v);
    co_return v;
  }
  static Task<T> twice(T x) { co_return x + x; }
};

int main() {
  Account acc("acct", 500);
  {
    auto g = acc.apply({10, -20, 300, -1, 7});
    long sum = 0;
    while (g.next())
      sum += g.value();
    std::printf("balance %ld sum %ld\n", acc.balance(), sum);
  }
  {
    auto d = acc.describe();
    while (d.next())
      std::printf("%s\n", d.value().c_str());
  }
  {
    auto ids = Account::ids(3);
    while (ids.next())
      std::printf("id %d\n", ids.value());
  }
  Circle c(2.0);
  Shape plain;
  Shape *shapes[2] = {&c, &plain};
  for (Shape *s : shapes) {
    auto g = s->outline(4);
    std::string out;
    while (g.next())
      out += std::to_string(static_cast<int>(g.value() * 100)) + " ";
    std::printf("outline %s\n", out.c_str());
  }
  Box<long> bl{3};
  Box<std::string> bs{"ab"};
  std::printf("box long %ld\n", sync_wait(bl.doubled_after(10)));
  std::printf("box string %s\n", sync_wait(bs.doubled_after(4)).c_str());
  CHECK(Life::alive() == 0);
  return finish();
}
