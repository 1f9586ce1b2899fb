// A thousand generators alive at once, each with differently sized state, all
// advanced in lockstep; every tenth is abandoned half way and replaced. The
// frames interleave on the heap, so a frame that writes outside its own bytes
// or reads stale ones shows up in a neighbour's values.
#include "diff.h"
#include <memory>
#include <vector>
using namespace diff;

__attribute__((noinline)) Generator<uint64_t> small(int id) {
  uint32_t x = static_cast<uint32_t>(id) * 2654435761u;
  for (int i = 0; i < 40; ++i) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    co_yield x;
  }
}

__attribute__((noinline)) Generator<uint64_t> medium(int id) {
  uint64_t ring[16];
  for (int i = 0; i < 16; ++i)
    ring[i] = mix(static_cast<uint64_t>(id), static_cast<uint64_t>(i));
  for (int i = 0; i < 40; ++i) {
    ring[i % 16] = mix(ring[(i + 5) % 16], ring[i % 16]);
    co_yield ring[(i * 7) % 16];
  }
}

__attribute__((noinline)) Generator<uint64_t> large(int id) {
  unsigned char block[3000];
  for (std::size_t i = 0; i < sizeof block; ++i)
    block[i] = static_cast<unsigned char>(mix(static_cast<uint64_t>(id), i));
  Obj o(id);
  for (int i = 0; i < 40; ++i) {
    block[(i * 97) % 3000] ^= static_cast<unsigned char>(i);
    co_yield mix_bytes(static_cast<uint64_t>(i), block + (i * 61) % 2900, 100);
  }
}

Generator<uint64_t> make(int id) {
  switch (id % 3) {
  case 0:
    return small(id);
  case 1:
    return medium(id);
  default:
    return large(id);
  }
}

int main() {
  std::vector<std::unique_ptr<Generator<uint64_t>>> gens;
  for (int i = 0; i < 1000; ++i)
    gens.push_back(std::make_unique<Generator<uint64_t>>(make(i)));
  uint64_t h = 0;
  int next_id = 1000;
  for (int step = 0; step < 40; ++step) {
    for (std::size_t k = 0; k < gens.size(); ++k) {
      if (gens[k]->next())
        h = mix(h, gens[k]->value());
      if (step == 20 && k % 10 == 0)
        gens[k] = std::make_unique<Generator<uint64_t>>(make(next_id++));
    }
    if (step % 10 == 9)
      std::printf("step %d hash %016llx alive %ld\n", step, (unsigned long long)h, Life::alive());
  }
  gens.clear();
  CHECK(Life::alive() == 0);
  CHECK(PatternAlloc::frames_alive == 0);
  return finish();
}
