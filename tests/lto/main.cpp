// Prints each unit's checksum, then the checks' summary (diff.h): the
// output of a stock ThinLTO build is the reference (tests/lto/run.sh).
#include "lto.h"
#include <cinttypes>

int main(int argc, char **) {
  using namespace lto;
  uint64_t seed = 40 + static_cast<uint64_t>(argc);
  struct {
    const char *name;
    uint64_t (*fn)(uint64_t);
  } units[] = {{"gens", gens},     {"tasks", tasks},       {"arrays", arrays},
               {"excs", excs},     {"lambdas", lambdas},   {"sched", sched},
               {"destroys", destroys}, {"loops", loops},   {"members", members}};
  uint64_t all = seed;
  for (auto &u : units) {
    uint64_t h = u.fn(seed);
    std::printf("%-8s %016" PRIx64 "\n", u.name, h);
    all = mix(all, h);
  }
  std::printf("all      %016" PRIx64 "\n", all);
  CHECK(Life::alive() == 0);
  CHECK(PatternAlloc::frames_alive == 0);
  return finish();
}
