// C++ only: adds lower mode's CGSCC pass (lower_glue.cpp) to a pipeline.
#ifndef COROPACK_LOWER_PASS_H
#define COROPACK_LOWER_PASS_H

#include <llvm-c/Core.h>
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/OptimizationLevel.h"

namespace llvm {
class PassBuilder;
}

// Called with each pre-split coroutine; lowers it and returns nonzero with
// its resume, destroy and cleanup functions in out, or returns 0 and leaves
// it pre-split (LLVM's coro-split then takes it).
typedef int (*coropack_lower_hook)(void *ctx, LLVMValueRef fn, LLVMValueRef out[3]);

// Appends the pass to CGPM. With PB and a level above O0, the pass first
// runs that level's function simplification pipeline on each coroutine.
void coropack_add_lower_pass(llvm::CGSCCPassManager &CGPM, llvm::PassBuilder *PB,
                             llvm::OptimizationLevel Level, coropack_lower_hook Lower, void *Ctx);

// -O0: coro-early, then the pass over the call graph.
void coropack_add_o0_lowering(llvm::ModulePassManager &MPM, coropack_lower_hook Lower, void *Ctx);

#endif
