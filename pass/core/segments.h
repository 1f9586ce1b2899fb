/* The CFG as LLVM's split sees it, for the questions stock's split asks of
 * allocas. LLVM-free.
 *
 * Requires: a cp_func model (func.h) of a coroutine before coro-split, its
 * unreachable blocks gone (collect.c removes them as CoroSplitPass does).
 * Produces: segments, the blocks of the CFG after the split's
 * normalizeCoroutine (every coro.save, coro.suspend and coro.end alone in a
 * block of their own); their dominator tree; and two answers LLVM 22 gives
 * before it lays out a frame:
 * - whether an alloca without lifetime markers has two uses a suspend lies
 *   between (SpillUtils.cpp, computeShouldLiveOnFrame over
 *   SuspendCrossingInfo's kills);
 * - where sinkLifetimeStartMarkers (CoroFrame.cpp) moves an alloca's
 *   lifetime.start: to the end of the entry block or of the block right
 *   after a suspend, when that block dominates every other use of the
 *   alloca and no use is reached from it across a suspend.
 *
 * Ownership: cp_segs_free releases what cp_segs_build allocated. */
#ifndef COROPACK_SEGMENTS_H
#define COROPACK_SEGMENTS_H

#include "func.h"

typedef struct cp_segs {
	int n;
	int *of;    /* per instruction: its segment */
	int *blk;   /* per segment: its block (segments of a block are consecutive) */
	char *kind; /* per segment: 's' a suspend, 'w' a save, 'e' a coro.end, 0 else */
	int *first; /* per block: its first segment; first[nblock] = n */
	/* Dominator tree (built on first use by cp_segs_sunk_start). */
	int *idom, *rpo_num, *pre, *post;
	/* Scratch. */
	int *stamp, *seen, *stack;
} cp_segs;

void cp_segs_build(const cp_func *f, cp_segs *g);
void cp_segs_free(cp_segs *g);

/* LLVM's test for an alloca without lifetime markers whose address does not
 * escape: some use is reached from the segment of another use along a path
 * that passes a save or a suspend, passes no coro.end after it (an end
 * block resets its kills) and does not come back through the first use's
 * segment (a block resets its own kill bit). Two uses in one segment never
 * cross, even around a loop. Returns -1 when a use is a phi (LLVM reads
 * those by their incoming edges: the caller keeps its own answer), else 0
 * or 1. */
int cp_segs_uses_cross(const cp_func *f, cp_segs *g, int a);

/* Where stock's split starts marked alloca a after sinking its
 * lifetime.start markers: the instruction before which its one
 * lifetime.start then stands (its old ones gone), or -1 when the split
 * leaves them where they are, or when coropack cannot be sure which block
 * the split would pick (then the caller keeps the markers as written, a
 * wider reading of the alloca than stock's). For a sunk alloca,
 * *stock_frame says whether stock keeps it in the frame whatever its
 * liveness: the new start reaches a suspend without a lifetime.end on the
 * way, the alloca has no lifetime.end, or its address escapes and a loop
 * through a suspend comes back to the new start. */
int cp_segs_sunk_start(const cp_func *f, cp_segs *g, int a, int *stock_frame);

#endif
