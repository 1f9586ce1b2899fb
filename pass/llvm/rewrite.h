/* Materialization (pack mode): rewrites a pre-split coroutine so that LLVM's
 * own coro-split builds the packed frame.
 *
 * Requires: the function, its cp_func model (ir.h) and a cp_plan from
 * cp_analyze on that model, with the IR unchanged since the model was built.
 * Produces: the rewritten function, marked "coropack-packed":
 * - one region alloca [N x i8] (LLVM puts it in the frame as one field);
 * - every frame alloca replaced by its address in the region (lifetime
 *   markers dropped, dbg_declare pointed at the region plus its offset);
 * - before each coro.save, a store of every value live across that suspend
 *   into its region slot; right after the coro.suspend, a reload of it, or a
 *   recomputation for values stock LLVM rematerializes;
 * - SSA repaired so that uses after a suspend read the reload.
 * Values left live across a suspend by mistake are still spilled by LLVM's
 * split into fields of their own: the rewrite can cost bytes, never
 * correctness. Returns 0, or -1 with a reason and the function untouched. */
#ifndef COROPACK_PACK_H
#define COROPACK_PACK_H

#include <stddef.h>
#include <llvm-c/Core.h>
#include "analyze.h"
#include "func.h"

int cp_rewrite(LLVMValueRef fn, const cp_func *f, const cp_plan *p, char *why, size_t whylen);

/* The same with the frame pointer base (llvm.coro.begin's result) in place
 * of the region alloca: every slot is base plus its frame offset (the
 * plan's offsets, plus region_base unless the plan is absolute). For the
 * lowering (lower.h), which builds the frame itself. */
int cp_rewrite_at(LLVMValueRef fn, const cp_func *f, const cp_plan *p, LLVMValueRef base,
                       char *why, size_t whylen);

/* Nonzero when fn was already rewritten (idempotence on revisits). */
int cp_rewrite_done(LLVMValueRef fn);

#endif
