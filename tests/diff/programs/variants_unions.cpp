// std::variant, std::optional and a union held across suspends while their
// active member changes between suspends (different sizes and destructors).
#include "diff.h"
#include <optional>
#include <string>
#include <variant>
#include <vector>
using namespace diff;

union Raw {
  double d;
  long l;
  char c[16];
};

__attribute__((noinline)) Generator<std::string> body(int seed) {
  std::variant<int, std::string, std::vector<long>, Obj> v = opaque(seed);
  std::optional<std::string> maybe;
  Raw raw;
  raw.l = seed;
  for (int i = 0; i < 12; ++i) {
    switch ((i + seed) % 4) {
    case 0: v = i * 10; break;
    case 1: v = std::string(static_cast<std::size_t>(i * 4), 's'); break;
    case 2: v = std::vector<long>(static_cast<std::size_t>(i), i); break;
    default: v.emplace<Obj>(i); break;
    }
    if (i % 3 == 0)
      maybe.reset();
    else
      maybe = "m" + std::to_string(i);
    if (i % 2)
      raw.d = i * 0.5;
    else
      std::snprintf(raw.c, sizeof raw.c, "c%d", i);
    co_yield "index " + std::to_string(v.index());
    std::string d;
    if (auto p = std::get_if<int>(&v))
      d = "int " + std::to_string(*p);
    else if (auto s = std::get_if<std::string>(&v))
      d = "str " + std::to_string(s->size());
    else if (auto vec = std::get_if<std::vector<long>>(&v))
      d = "vec " + std::to_string(vec->size());
    else
      d = "obj " + std::to_string(std::get<Obj>(v).id) + (std::get<Obj>(v).ok() ? " ok" : " BAD");
    d += maybe ? " " + *maybe : " -";
    d += (i % 2) ? " d" + std::to_string(static_cast<int>(raw.d * 10)) : std::string(" ") + raw.c;
    co_yield d;
  }
}

int main() {
  for (int seed = 0; seed < 3; ++seed) {
    Generator<std::string> g = body(seed);
    std::string all;
    while (g.next())
      all += g.value() + "; ";
    std::printf("seed %d: %s\n", seed, all.c_str());
  }
  for (int k = 0; k < 25; k += 3) {
    Generator<std::string> g = body(1);
    for (int i = 0; i < k; ++i)
      g.next();
  }
  CHECK(Life::alive() == 0);
  return finish();
}
