/* Liveness across suspend points.
 *
 * Requires: a cp_func model (func.h) of a coroutine before coro-split.
 * Produces: for every suspend point the SSA values live across it (before
 * and after stock LLVM's rematerialization), the allocas whose storage is
 * live there, the allocas that must live in the frame, and the
 * alloca-alloca conflicts at any program point.
 *
 * Semantics (the contract the frame layout relies on):
 * - A value is live across suspend s when it is live immediately after the
 *   llvm.coro.suspend (any successor, including the path that returns to the
 *   caller before coro.end), excluding the suspend's own result, or live
 *   immediately after s's llvm.coro.save: LLVM's split treats a use after the
 *   save (the await_suspend call, its unwind path) as crossing, since that
 *   code may run after the coroutine was resumed elsewhere.
 * - An alloca with lifetime markers is live from a lifetime.start until a
 *   lifetime.end on some path (may-liveness); it is live at s when live at
 *   any point from s's coro.save to the suspend itself. Where stock's split
 *   sinks an alloca's lifetime.starts (segments.h), its one start is there. An alloca without
 *   markers in the frame is live everywhere.
 * - Uses after any coro.end never count (LLVM's SuspendCrossingInfo: no
 *   crossing propagates past an end block, of either form).
 * - Rematerialization follows LLVM 22 (MaterializationUtils.cpp): a live
 *   cast/GEP/binop/compare/select is recomputed after the suspend and its
 *   operands become live across it instead, transitively; not under optnone.
 *
 * Ownership: all rows are allocated from the function's arena. */
#ifndef COROPACK_LIVENESS_H
#define COROPACK_LIVENESS_H

#include <stdio.h>
#include "func.h"

typedef struct cp_live {
	size_t vw, aw;     /* words per value row, per alloca row */
	uint64_t *vraw;    /* nsusp rows: values live across s */
	uint64_t *vstore;  /* nsusp rows: values stock LLVM stores at s (after remat) */
	uint64_t *vremat;  /* one row: values stock LLVM rematerializes somewhere */
	uint64_t *alive;   /* nsusp rows: frame allocas live at s */
	uint64_t *aramp;   /* one row: frame allocas live in the ramp before any suspend */
	uint64_t *aframe;  /* one row: allocas that must live in the frame */
	uint64_t *astack;  /* one row: allocas stock's split surely leaves on the
	                    * stack: no lifetime markers, an address that never
	                    * escapes, and no suspend between two uses even by the
	                    * block-level test (a superset of LLVM's) */
	uint64_t *aconf;   /* nalloca rows: storage of both live at one program point */
	char *after;       /* per block: reachable from a suspend point (else ramp only) */
	int *sunk;         /* per alloca: the instruction before which stock's split
	                    * starts it after sinking its lifetime.starts, or -1 */
} cp_live;

void cp_live_compute(const cp_func *f, cp_live *out);

/* Stable text form for tests: one line per suspend point. */
void cp_live_dump(const cp_func *f, const cp_live *l, FILE *out);

#endif
