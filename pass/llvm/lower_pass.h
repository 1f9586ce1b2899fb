// C++ only: adds lower mode's CGSCC pass (lower_glue.cpp) to a pipeline.
#ifndef COROPACK_LOWER_PASS_H
#define COROPACK_LOWER_PASS_H

#include <memory>

#include <llvm-c/Core.h>
#include "shim.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/OptimizationLevel.h"

namespace llvm {
class PassBuilder;
}

// The hook (coropack_lower_hook) is declared in shim.h. Keep, when set, is
// kept alive as long as the passes and callbacks that may call the hook (Ctx
// is usually Keep's object).

// Appends the pass to CGPM. With PB and a level above O0, the pass first
// runs that level's function simplification pipeline on each coroutine.
void coropack_add_lower_pass(llvm::CGSCCPassManager &CGPM, llvm::PassBuilder *PB,
                             llvm::OptimizationLevel Level, coropack_lower_hook Lower, void *Ctx,
                             std::shared_ptr<void> Keep = nullptr);

// -O0: coro-early, then the pass over the call graph.
void coropack_add_o0_lowering(llvm::ModulePassManager &MPM, coropack_lower_hook Lower, void *Ctx,
                              std::shared_ptr<void> Keep = nullptr);

// Registers the pass where the plugin puts it in default<On> pipelines:
// CGSCCOptimizerLate (with simplification) above -O0, OptimizerEarly at -O0;
// not in a ThinLTO pre-link.
void coropack_register_lowering(llvm::PassBuilder &PB, coropack_lower_hook Lower, void *Ctx,
                                std::shared_ptr<void> Keep = nullptr);

#endif
