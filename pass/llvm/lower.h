/* Lower mode: coropack splits a switch-ABI coroutine itself, with the frame
 * laid out by the solver (cp_plan, joint), instead of handing a packed
 * region to LLVM's coro-split.
 *
 * Requires: the pre-split coroutine fn, its cp_func model and a plan from
 * cp_analyze on that model (plan.joint set, the IR unchanged since).
 * Produces: fn as the ramp (no longer pre-split) and three new internal
 * fastcc functions "<fn>.resume", "<fn>.destroy", "<fn>.cleanup" taking the
 * frame pointer, the "<fn>.resumers" array in llvm.coro.id, every intrinsic
 * that LLVM 22's coro-split lowers lowered the same way (see
 * docs/design.md, "Lower mode"). What coro-cleanup and coro-elide lower
 * (coro.alloc, coro.free in the ramp, coro.begin, coro.id, coro.subfn.addr)
 * is left to them, so heap elision works as for stock split coroutines. */
#ifndef COROPACK_LOWER_H
#define COROPACK_LOWER_H

#include <stddef.h>
#include <stdint.h>
#include <llvm-c/Core.h>
#include "analyze.h"
#include "func.h"

typedef struct cp_lowered {
	LLVMValueRef resume, destroy, cleanup;
	uint64_t size, align;
} cp_lowered;

/* 0 when cp_lower can take fn with this plan, else -1 and a reason. Does
 * not change the IR. */
int cp_lower_check(LLVMValueRef fn, const cp_func *f, const cp_plan *p, char *why, size_t whylen);

/* Lowers fn; 0 when every function it made or changed passes the
 * verifier. Else -1 with a reason, and the module as it was: fn's body is
 * a copy of the original (new blocks and instructions: the caller's
 * analyses of fn are stale), its attributes the original's, nothing added.
 * The model's references into fn's IR are stale after any call. */
int cp_lower(LLVMValueRef fn, const cp_func *f, const cp_plan *p, cp_lowered *out, char *why,
             size_t whylen);

#endif
