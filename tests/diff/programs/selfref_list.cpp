// Locals that point to each other and register their own addresses: an
// intrusive list of frame-resident nodes, objects that remember `this` and
// check it on every use and in their destructor (a packed frame must not move
// or overlap them while they are alive).
#include "diff.h"
#include <string>
#include <vector>
using namespace diff;

struct Pinned {
  const Pinned *self;
  int id;
  uint64_t payload[3];
  explicit Pinned(int i) : self(this), id(i) {
    for (int k = 0; k < 3; ++k)
      payload[k] = mix(static_cast<uint64_t>(i), static_cast<uint64_t>(k));
  }
  Pinned(const Pinned &) = delete;
  bool ok() const {
    if (self != this)
      return false;
    for (int k = 0; k < 3; ++k)
      if (payload[k] != mix(static_cast<uint64_t>(id), static_cast<uint64_t>(k)))
        return false;
    return true;
  }
  ~Pinned() { CHECK(ok()); }
};

struct ListNode {
  ListNode *next = nullptr, *prev = nullptr;
  int value = 0;
};

__attribute__((noinline)) Generator<int> list_walk(int n) {
  ListNode a, b, c, d;
  a.value = opaque(1);
  b.value = 2;
  c.value = 3;
  d.value = 4;
  ListNode *nodes[4] = {&a, &b, &c, &d};
  for (int i = 0; i < 4; ++i) {
    nodes[i]->next = nodes[(i + 1) % 4];
    nodes[i]->prev = nodes[(i + 3) % 4];
  }
  Pinned p1(10);
  ListNode *cur = &a;
  for (int i = 0; i < n; ++i) {
    co_yield cur->value;
    CHECK(p1.ok());
    cur->value += 10;
    cur = (i % 3 == 2) ? cur->prev : cur->next;
    if (i == n / 2) {
      Pinned p2(20 + i); // lives across two yields in a nested scope
      co_yield p2.id;
      CHECK(p2.ok() && cur->next->prev == cur);
      co_yield cur->prev->value;
    }
  }
  co_yield a.value + b.value + c.value + d.value;
}

int main() {
  for (int n = 3; n < 12; n += 4) {
    Generator<int> g = list_walk(n);
    std::string out;
    while (g.next())
      out += std::to_string(g.value()) + " ";
    std::printf("n=%d: %s\n", n, out.c_str());
  }
  // Abandon at every point.
  for (int k = 0; k < 14; ++k) {
    Generator<int> g = list_walk(11);
    for (int i = 0; i < k; ++i)
      g.next();
  }
  std::printf("abandoned fine\n");
  return finish();
}
