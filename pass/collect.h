/* Collecting frame reports around LLVM's coro-split: the hooks that both
 * the CLI (engine.c) and the plugin (plugin.cpp) attach.
 *
 * Requires: called with each pre-split coroutine right before CoroSplitPass
 * (cp_collect_before) and with the same function right after it
 * (cp_collect_after).
 * Produces: one cp_coroutine per coroutine in out: the analysis and packed
 * layout from before the split, stock_size from the frame type LLVM's split
 * built (named "<function>.Frame"; its alloc size is what llvm.coro.size
 * becomes). Never changes the IR. */
#ifndef COROPACK_COLLECT_H
#define COROPACK_COLLECT_H

#include <stddef.h>
#include <stdio.h>
#include <llvm-c/Core.h>
#include <coropack/frame.h>

typedef struct cp_collect {
	cp_report *out;
	int level;
	const char *function; /* only this coroutine, or NULL */
	FILE *dump;           /* when set, each coroutine's liveness in its stable text form */
	size_t matched;
	/* Coroutines analyzed and waiting for their split. */
	LLVMValueRef *fn;
	size_t *coro, nfn, cap;
} cp_collect;

void cp_collect_before(void *collect, LLVMValueRef fn);
void cp_collect_after(void *collect, LLVMValueRef fn);
void cp_collect_free(cp_collect *c);

/* "ns::f" matches "ns::f(int)" and "ns::f[abi:cxx11](int)"; mangled and full
 * demangled names match. */
int cp_collect_name_matches(const char *want, const char *name, const char *demangled);

#endif
