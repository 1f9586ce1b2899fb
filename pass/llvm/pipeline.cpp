// Runs a textual pipeline the way clang does for a level, with hooks around
// every CoroSplitPass (see shim.h). Used by the CLI, which links libLLVM; the
// plugin never calls it (its host already runs the pipeline).
#include "hooks.h"
#include "lower_pass.h"
#include "shim.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unistd.h>
#include <string>
#include <vector>

#include "llvm/ADT/Any.h"
#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/Analysis/LazyCallGraph.h"
#include "llvm/Analysis/TargetLibraryInfo.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/CrashRecoveryContext.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"

using namespace llvm;

static int fail(char **err, const std::string &msg) {
  *err = strdup(msg.c_str());
  return -1;
}

// One line on stderr and exit status 1 after LLVM crashed by a signal
// while running the pipeline (see coropack_run_pipeline).
[[noreturn]] static void crashed(int Ret) {
  std::fflush(stdout);
  char Line[200];
  int N = snprintf(Line, sizeof Line,
                   "coropack: LLVM crashed on this input (signal %d while running the pipeline); "
                   "its coroutine intrinsics may break a rule the IR verifier does not check\n",
                   Ret > 128 ? Ret - 128 : Ret);
  ssize_t Ignored = write(2, Line, N > 0 && (size_t)N < sizeof Line ? (size_t)N : sizeof Line - 1);
  (void)Ignored;
  _exit(1);
}

extern "C" int coropack_run_pipeline(LLVMModuleRef m, const char *pipeline, int level,
                                     coropack_split_hook before, coropack_split_hook after,
                                     coropack_lower_hook lower, void *ctx, char **err) {
  Module &M = *unwrap(m);
  // The target registry is process-wide and its registration is not thread
  // safe: once for the process, before any thread looks a target up.
  static std::once_flag Targets;
  std::call_once(Targets, [] {
    InitializeAllTargetInfos();
    InitializeAllTargets();
    InitializeAllTargetMCs();
  });

  Triple TT = M.getTargetTriple();
  std::unique_ptr<TargetMachine> TM;
  if (!TT.str().empty()) {
    std::string E;
    const Target *T = TargetRegistry::lookupTarget(TT, E);
    if (!T)
      return fail(err, "unknown target '" + TT.str() + "': " + E);
    CodeGenOptLevel OL = level == 0   ? CodeGenOptLevel::None
                         : level == 1 ? CodeGenOptLevel::Less
                         : level == 2 ? CodeGenOptLevel::Default
                                      : CodeGenOptLevel::Aggressive;
    TM.reset(T->createTargetMachine(TT, "", "", TargetOptions(), Reloc::PIC_, std::nullopt, OL));
  }

  // clang's tuning for the level (clang/lib/CodeGen/BackendUtil.cpp).
  PipelineTuningOptions PTO;
  PTO.LoopUnrolling = level > 1;
  PTO.LoopInterleaving = level > 1;
  PTO.LoopVectorization = level > 1;
  PTO.SLPVectorization = level > 1;

  PassInstrumentationCallbacks PIC;
  coropack_attach_split_hooks(PIC, before, after, ctx);

  PassBuilder PB(TM.get(), PTO, std::nullopt, &PIC);
  coropack_analyses AM;
  TargetLibraryInfoImpl TLII(TT);
  AM.FAM.registerPass([&] { return TargetLibraryAnalysis(TLII); });
  AM.registerWith(PB);

  bool Default = !strncmp(pipeline, "default<", 8);
  if (lower && Default)
    coropack_register_lowering(PB, lower, ctx);
  ModulePassManager MPM;
  if (lower && !Default) {
    CGSCCPassManager CGPM;
    coropack_add_lower_pass(CGPM, nullptr, OptimizationLevel::O0, lower, ctx);
    MPM.addPass(createModuleToPostOrderCGSCCPassAdaptor(std::move(CGPM)));
  }
  if (Error E = PB.parsePassPipeline(MPM, pipeline))
    return fail(err, "bad pipeline '" + std::string(pipeline) + "': " + toString(std::move(E)));
  // LLVM's coroutine passes assume rules the verifier does not check (one
  // coro.suspend per coro.save, say); on IR that breaks one, CoroSplit
  // itself crashes, in opt too. The CLI then says so on one line and exits
  // 1 at once instead of dying by the signal: after a crash nothing in the
  // process is to be trusted, so nothing else runs (as for fatal errors).
  static std::once_flag Recovery;
  std::call_once(Recovery, [] { CrashRecoveryContext::Enable(); });
  CrashRecoveryContext CRC;
  if (!CRC.RunSafely([&] { MPM.run(M, AM.MAM); }))
    crashed(CRC.RetCode);
  return 0;
}

// A fatal LLVM error (malformed coroutine intrinsics, a bitcode reader out
// of memory on corrupt input) becomes one line and exit status 1 instead of
// abort(). LLVM's handlers must not return; the process state is not to be
// trusted, so no destructors run (_exit).
static void fatal(void *, const char *reason, bool) {
  std::fflush(stdout);
  std::string Line = std::string("coropack: LLVM error: ") + reason;
  Line = Line.substr(0, Line.find('\n')) + "\n";
  ssize_t Ignored = write(2, Line.data(), Line.size());
  (void)Ignored;
  _exit(1);
}

extern "C" void cp_engine_exit_on_fatal_errors(void) {
  install_fatal_error_handler(fatal, nullptr);
  install_bad_alloc_error_handler(fatal, nullptr);
}
