// Recursive generators: an in-order walk of a tree with one generator frame
// per level, and the permutations of a small array.
#include "diff.h"
#include <memory>
#include <vector>
using namespace diff;

struct Node {
  int key;
  std::unique_ptr<Node> left, right;
};

std::unique_ptr<Node> build(int lo, int hi) {
  if (lo > hi)
    return nullptr;
  int mid = lo + (hi - lo) / 3;
  auto n = std::make_unique<Node>();
  n->key = mid;
  n->left = build(lo, mid - 1);
  n->right = build(mid + 1, hi);
  return n;
}

__attribute__((noinline)) Generator<int> walk(const Node *n, int depth) {
  if (!n)
    co_return;
  Obj level(depth);
  Generator<int> l = walk(n->left.get(), depth + 1);
  while (l.next())
    co_yield l.value();
  co_yield n->key * 1000 + depth;
  Generator<int> r = walk(n->right.get(), depth + 1);
  while (r.next())
    co_yield r.value();
  CHECK(level.ok() && level.id == depth);
}

__attribute__((noinline)) Generator<uint64_t> perms(std::vector<int> v, std::size_t k) {
  if (k == v.size()) {
    uint64_t code = 0;
    for (int x : v)
      code = code * 10 + static_cast<uint64_t>(x);
    co_yield code;
    co_return;
  }
  for (std::size_t i = k; i < v.size(); ++i) {
    std::swap(v[k], v[i]);
    Generator<uint64_t> sub = perms(v, k + 1);
    while (sub.next())
      co_yield sub.value();
    std::swap(v[k], v[i]);
  }
}

int main() {
  auto root = build(1, 200);
  Generator<int> g = walk(root.get(), 0);
  int count = 0, prev = 0, maxdepth = 0;
  uint64_t h = 0;
  while (g.next()) {
    int key = g.value() / 1000, depth = g.value() % 1000;
    CHECK(key == prev + 1);
    prev = key;
    if (depth > maxdepth)
      maxdepth = depth;
    h = mix(h, static_cast<uint64_t>(g.value()));
    ++count;
  }
  std::printf("walk %d keys, max depth %d, hash %016llx\n", count, maxdepth, (unsigned long long)h);
  CHECK(count == 200);
  CHECK(Life::alive() == 0);

  Generator<uint64_t> p = perms({1, 2, 3, 4, 5, 6}, 0);
  int np = 0;
  h = 0;
  while (p.next()) {
    if (np < 5 || np % 100 == 0)
      std::printf("perm %d: %llu\n", np, (unsigned long long)p.value());
    h = mix(h, p.value());
    ++np;
  }
  std::printf("perms %d hash %016llx\n", np, (unsigned long long)h);
  CHECK(np == 720);
  // Abandon a deep walk half way: every level's frame and Obj must go.
  {
    Generator<int> w = walk(root.get(), 0);
    for (int i = 0; i < 77; ++i)
      CHECK(w.next());
    CHECK(Life::alive() > 5);
  }
  std::printf("after abandon alive %ld\n", Life::alive());
  CHECK(Life::alive() == 0);
  return finish();
}
