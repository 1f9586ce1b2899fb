// Shared declarations of the ThinLTO / full LTO programs (tests/lto/run.sh):
// nine translation units with coroutines of different shapes, each exporting
// one entry point that returns a checksum; main.cpp prints them. The
// coroutine types, the counted objects and the checksum fold are those of the
// differential programs (tests/diff/programs/diff.h). Some coroutines are
// defined in one unit and called from another, so that ThinLTO imports
// pre-split coroutines into other modules.
#pragma once
// Several translation units: the counting operator new of diff.h is the
// single-TU programs'.
#define DIFF_NO_COUNTING_NEW
#include "diff.h"
#include <cstdint>

namespace lto {
using namespace diff;

uint64_t gens(uint64_t seed);      // tu_gens.cpp
uint64_t tasks(uint64_t seed);     // tu_tasks.cpp
uint64_t arrays(uint64_t seed);    // tu_arrays.cpp
uint64_t excs(uint64_t seed);      // tu_excs.cpp
uint64_t lambdas(uint64_t seed);   // tu_lambdas.cpp
uint64_t sched(uint64_t seed);     // tu_sched.cpp
uint64_t destroys(uint64_t seed);  // tu_destroys.cpp
uint64_t loops(uint64_t seed);     // tu_loops.cpp
uint64_t members(uint64_t seed);   // tu_members.cpp

// Exported coroutines, used across units.
Generator<uint64_t> fib_gen(uint64_t a, uint64_t b, int n); // tu_gens.cpp
Task<uint64_t> leaf_task(uint64_t x);                       // tu_tasks.cpp
Task<uint64_t> tree_task(int depth, uint64_t x);            // tu_tasks.cpp
Generator<int> window_gen(int n, uint64_t seed);            // tu_arrays.cpp
} // namespace lto
