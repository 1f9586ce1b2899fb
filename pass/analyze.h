/* From liveness to a packed frame: the driver of the LLVM-free stages.
 *
 * Requires: a cp_func model of a pre-split coroutine (func.h).
 * Produces: the coroutine's cp_coroutine (frame.h): its states, its frame
 * items with their live states, the conflict graph, the solver's layout,
 * packed size and lower bound. stock_size is left for the caller.
 *
 * Frame model: resume and destroy pointers at 0 and ptr_size, the promise at
 * alignTo(2*ptr_size, align), the suspend index, then every frame alloca and
 * every value stock LLVM would store. Two items conflict when both are live
 * at one suspend point, or (two allocas) when their storage is live at one
 * program point; prefix and index conflict with everything. */
#ifndef COROPACK_ANALYZE_H
#define COROPACK_ANALYZE_H

#include <coropack/frame.h>
#include <coropack/solver.h>
#include "func.h"

int cp_analyze(const cp_func *f, int level, const cp_pack_options *opt, cp_coroutine *c);

#endif
