/* Collecting frame reports around LLVM's coro-split: the hooks that both
 * the CLI (engine.c) and the plugin (plugin.cpp) attach.
 *
 * Requires: called with each pre-split coroutine right before CoroSplitPass
 * (cp_collect_before) and with the same function right after it
 * (cp_collect_after).
 * Produces: one cp_coroutine per coroutine in out: the analysis and layout
 * from before the split, and the sizes of what LLVM's split then built (the
 * frame type "<function>.Frame", whose alloc size llvm.coro.size becomes).
 * In report mode the IR is never changed and that frame is the stock one. In
 * pack mode each coroutine is rewritten (rewrite.h) before its split: the split
 * then builds the packed frame. The stock size is measured first, on a copy,
 * and the rewrite happens only when the plan is smaller (never above stock).
 * A coroutine already packed is skipped. */
#ifndef COROPACK_COLLECT_H
#define COROPACK_COLLECT_H

#include <stddef.h>
#include <stdio.h>
#include <llvm-c/Core.h>
#include <coropack/engine.h>
#include <coropack/frame.h>

typedef struct cp_pending {
	size_t coro;          /* index in the report */
	int planned, packed;  /* analyzed; rewritten (pack mode) */
	uint64_t planned_size;
	uint64_t stock;       /* stock size measured before the split (elided callees), or 0 */
} cp_pending;

typedef struct cp_collect {
	cp_report *out;
	int level;
	cp_mode mode;         /* lower or pack: rewrite each coroutine before its split
	                         (in lower mode those cp_collect_lower left); report,
	                         off: analyze only */
	const char *function; /* only this coroutine, or NULL */
	FILE *dump;           /* when set, each coroutine's liveness in its stable text form */
	/* Report stock sizes as a stock build has them where callee frames that
	 * coropack made smaller are elided into a coroutine: one more trial
	 * split of each such coroutine (collect.c, stock_with_callees). */
	int truth;
	/* Keep each coroutine's conflict graph in the report (cp_coroutine's
	 * conflict: the CLI's DOT output draws it). Quadratic in the items of
	 * a coroutine, and nothing else reads it, so the plugin goes without. */
	int graph;
	size_t matched;
	/* Coroutines seen before their split, waiting for it. */
	LLVMValueRef *fn;
	cp_pending *pend;
	size_t nfn, cap;
} cp_collect;

void cp_collect_before(void *collect, LLVMValueRef fn);
/* cp_collect_before for a pass of its own (no split follows it): 1 when fn
 * was rewritten, else 0; fn is not left waiting for a split. */
int cp_collect_pack_function(cp_collect *k, LLVMValueRef fn);

/* Lower mode (lower.h): lowers the pre-split coroutine fn itself when that
 * yields verified functions, and reports it with status "lowered" and the
 * frame it built; returns 1 and the resume, destroy and cleanup functions
 * in out. Otherwise fn stays pre-split with a "coropack-not-lowered"
 * attribute saying why, and LLVM's split then takes it (pack mode's rewrite
 * first, see cp_collect_before, which reports it): returns 0 when fn is
 * otherwise untouched, -1 when a lowering failed late and fn's body is a
 * copy of the original (coropack_lower_hook). */
int cp_collect_lower(void *collect, LLVMValueRef fn, LLVMValueRef *out);
void cp_collect_after(void *collect, LLVMValueRef fn);
/* cp_collect_after, returning the report index of fn's coroutine, or
 * SIZE_MAX when fn was not waiting for its split. */
size_t cp_collect_finish(cp_collect *k, LLVMValueRef fn);
void cp_collect_free(cp_collect *c);

/* "ns::f" matches "ns::f(int)" and "ns::f[abi:cxx11](int)"; mangled and full
 * demangled names match. */
int cp_collect_name_matches(const char *want, const char *name, const char *demangled);

#endif
