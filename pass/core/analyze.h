/* From liveness to a packed frame: the driver of the LLVM-free stages.
 *
 * Requires: a cp_func model of a pre-split coroutine (func.h).
 * Produces: the coroutine's cp_coroutine (frame.h): its states, its frame
 * items with their live states, the conflict graph (unless the plan says
 * no_graph), the solver's layout, packed size and lower bound. stock_size
 * is left for the caller.
 *
 * Frame model: resume and destroy pointers at 0 and ptr_size, the promise at
 * alignTo(2*ptr_size, align) (the ABI prefix), the suspend index, and one
 * region holding every frame alloca and every value stock LLVM would store.
 * Two items conflict when both are live at one suspend point, or (two
 * allocas) when their storage is live at one program point; prefix and index
 * conflict with everything. The region is packed by the solver; the frame
 * around it is laid out as LLVM's struct layout will lay it out. The lower
 * bound is the whole frame's; "optimal" means the packed size meets it. */
#ifndef COROPACK_ANALYZE_H
#define COROPACK_ANALYZE_H

#include <coropack/frame.h>
#include "solver.h"
#include "func.h"
#include "liveness.h"

/* What pack mode materializes: one region (an alloca LLVM's split puts in
 * the frame as a single field) holding every frame alloca and stored value
 * at these offsets. Allocated from the function's arena.
 *
 * Lower mode (joint set by the caller before cp_analyze): the whole frame is
 * solved at once, prefix fixed and the index free like any other item, and
 * the result is used when it is no larger than the region layout. Then
 * value_off/alloca_off are frame offsets (absolute is set), index_off is
 * the suspend index's offset and frame_size/frame_align what coro.size and
 * coro.align answer. With joint clear, absolute stays 0 and these describe
 * the modeled pack-mode frame. */
typedef struct cp_plan {
	int joint;             /* in: solve the whole frame (lower mode) */
	int no_graph;          /* in: leave c->conflict NULL (no one draws the graph) */
	int absolute;          /* out: offsets below are frame offsets */
	uint64_t region_size, region_align;
	int region_items;      /* items in the region (some may have no bytes) */
	uint64_t region_base;  /* the region's modeled offset in the frame */
	uint64_t *value_off;   /* per value id: region offset, or CP_NO_OFFSET */
	uint64_t *alloca_off;  /* per alloca id: region offset, or CP_NO_OFFSET */
	uint64_t index_off, index_size;
	uint64_t promise_off;
	uint64_t frame_size, frame_align;
	cp_live live;          /* the liveness the plan was made from */
} cp_plan;

/* plan may be NULL (then c->conflict is filled). */
int cp_analyze(const cp_func *f, int level, const cp_pack_options *opt, cp_coroutine *c, cp_plan *plan);

#endif
