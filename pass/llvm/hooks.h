// C++ only: attaches the collect hooks to a pass-instrumentation object, so
// that they run around every CoroSplitPass (in opt, clang or the CLI).
#ifndef COROPACK_HOOKS_H
#define COROPACK_HOOKS_H

#include <memory>

#include "shim.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"

namespace llvm {
class PassInstrumentationCallbacks;
}

// The four analysis managers of a new-pass-manager run, registered with a
// PassBuilder and cross-wired (the trial splits' and the CLI's pipeline
// set-up). Analyses registered on FAM before registerWith win (the CLI's
// TargetLibraryAnalysis).
struct coropack_analyses {
  llvm::LoopAnalysisManager LAM;
  llvm::FunctionAnalysisManager FAM;
  llvm::CGSCCAnalysisManager CGAM;
  llvm::ModuleAnalysisManager MAM;
  void registerWith(llvm::PassBuilder &PB) {
    PB.registerModuleAnalyses(MAM);
    PB.registerCGSCCAnalyses(CGAM);
    PB.registerFunctionAnalyses(FAM);
    PB.registerLoopAnalyses(LAM);
    PB.crossRegisterProxies(LAM, FAM, CGAM, MAM);
  }
};

// owner, when set, is kept alive as long as the callbacks (ctx is usually
// owner's object).
void coropack_attach_split_hooks(llvm::PassInstrumentationCallbacks &PIC,
                                 coropack_split_hook before, coropack_split_hook after,
                                 void *ctx, std::shared_ptr<void> owner = nullptr);

#endif
