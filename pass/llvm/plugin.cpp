// The pass plugin: registration with the new pass manager, the mode from the
// environment, remarks and the translation unit's report file. Everything
// else is the C engine (collect.h).
//
//   COROPACK_MODE=lower|pack|report|off
//                              lower (the default) splits coroutines itself
//                              (lower.h), leaving those it cannot take to
//                              pack mode; pack rewrites every switch-ABI
//                              coroutine right before LLVM's coro-split so
//                              that the split builds the packed frame;
//                              report only analyzes and never changes the
//                              IR; off does nothing.
//   COROPACK_REPORT=FILE       write the module's frame report (JSON, the
//                              schema of `coropack report`) to FILE, or into
//                              a directory when FILE ends with '/'.
//   -Rpass=coro-pack           one remark per coroutine with its stock size,
//                              coropack's packed size and the lower bound.
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>

#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Plugins/PassPlugin.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/xxhash.h"

#include "hooks.h"
#include "lower_pass.h"

extern "C" {
#include "collect.h"
#include <coropack/report.h>
}

using namespace llvm;

namespace {

// One per PassBuilder the plugin registers with, owned by what the host keeps
// of it (the callbacks, the passes): one per module a compiler builds, and
// one per ThinLTO backend in a linker, which runs several backends at once on
// threads of one process (each with its own PassBuilder and LLVMContext).
// The plugin has no other mutable state.
struct State {
  cp_report report{};
  cp_collect collect{};
  std::string out; // COROPACK_REPORT
  State() = default;
  State(const State &) = delete;
  State &operator=(const State &) = delete;
  ~State() {
    cp_collect_free(&collect);
    cp_report_free(&report);
  }
};

void emitRemark(Function &F, const cp_coroutine &C, cp_mode Mode) {
  OptimizationRemarkEmitter ORE(&F);
  ORE.emit([&] {
    OptimizationRemark R("coro-pack", "FrameLayout", &F);
    R << "coroutine frame of " << ore::NV("Coroutine", C.demangled ? C.demangled : C.name) << ": "
      << ore::NV("StockSize", C.stock_size) << " bytes stock, "
      << ore::NV("PackedSize", C.packed_size) << " bytes packed, lower bound "
      << ore::NV("LowerBound", C.lower_bound);
    if (C.status != CP_STATUS_PACKED || C.detail) {
      char St[512];
      R << " (" << ore::NV("Status", cp_status_format(St, sizeof St, C.status, C.detail)) << ")";
    }
    if (Mode == CP_MODE_REPORT)
      R << " [analysis only: the frame is not changed]";
    return R;
  });
}

// Stock sizes as a stock build has them (cp_collect.truth: a trial more for
// a coroutine into which callee frames coropack made smaller are elided)
// only where someone reads them: the report, or coro-pack remarks.
void wantTruth(State &S, LLVMValueRef fn) {
  LLVMContext &Ctx = unwrap<Function>(fn)->getContext();
  S.collect.truth = !S.out.empty() || Ctx.getLLVMRemarkStreamer() ||
                    Ctx.getDiagHandlerPtr()->isPassedOptRemarkEnabled("coro-pack");
}

int lower(void *ctx, LLVMValueRef fn, LLVMValueRef *out) {
  State &S = *static_cast<State *>(ctx);
  wantTruth(S, fn);
  size_t n = S.report.ncoros;
  if (int R = cp_collect_lower(&S.collect, fn, out); R != 1)
    return R;
  if (S.report.ncoros > n)
    emitRemark(*unwrap<Function>(fn), S.report.coros[n], S.collect.mode);
  return 1;
}

void before(void *ctx, LLVMValueRef fn) {
  State &S = *static_cast<State *>(ctx);
  wantTruth(S, fn);
  cp_collect_before(&S.collect, fn);
}

void after(void *ctx, LLVMValueRef fn) {
  State &S = *static_cast<State *>(ctx);
  size_t idx = cp_collect_finish(&S.collect, fn);
  if (idx != SIZE_MAX)
    emitRemark(*unwrap<Function>(fn), S.report.coros[idx], S.collect.mode);
}

std::string reportPath(const Module &M, const std::string &out) {
  if (out.empty() || out.back() != '/')
    return out;
  std::string src = M.getSourceFileName();
  size_t slash = src.find_last_of('/');
  std::string base = slash == std::string::npos ? src : src.substr(slash + 1);
  if (base.empty())
    base = "module";
  char hash[32];
  snprintf(hash, sizeof hash, ".%08llx.json",
           (unsigned long long)(xxh3_64bits(M.getModuleIdentifier()) & 0xffffffffu));
  return out + base + hash;
}

// Writes and clears the collected report; errors go to the diagnostic
// handler, never exit().
void writeReport(State &S, Module &M) {
  if (!S.out.empty()) {
    std::string path = reportPath(M, S.out);
    if (!S.report.source)
      S.report.source = cp_strdup(M.getSourceFileName().c_str());
    FILE *f = fopen(path.c_str(), "w");
    int rc = f ? cp_report_write_json(&S.report, f, 0) : -1;
    if (f && fclose(f) != 0)
      rc = -1;
    if (rc != 0)
      M.getContext().diagnose(DiagnosticInfoGeneric(
          Twine("coropack: cannot write the frame report to ") + path +
              (f ? "" : Twine(": ") + strerror(errno)),
          DS_Warning));
  }
  cp_report_free(&S.report);
  S.report = cp_report{};
}

struct WriteReportPass : PassInfoMixin<WriteReportPass> {
  std::shared_ptr<State> S;
  explicit WriteReportPass(std::shared_ptr<State> S) : S(std::move(S)) {}
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    writeReport(*S, M);
    return PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};

// The rewrite as a function pass of its own, for opt pipelines
// (-passes='coro-pack' or 'coro-pack<O0>'..'coro-pack<O3>': the level the
// split that follows will run at, O2 when not given). It reports nothing;
// the automatic hook around coro-split is what clang uses.
struct CoroPackPass : PassInfoMixin<CoroPackPass> {
  int Level;
  explicit CoroPackPass(int Level) : Level(Level) {}
  PreservedAnalyses run(Function &F, FunctionAnalysisManager &) {
    if (!F.isPresplitCoroutine() || F.isDeclaration())
      return PreservedAnalyses::all();
    cp_report R{};
    cp_collect K{};
    K.out = &R;
    K.mode = CP_MODE_PACK;
    K.level = Level;
    bool Changed = cp_collect_pack_function(&K, wrap(&F));
    cp_collect_free(&K);
    cp_report_free(&R);
    return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};

void registerCallbacks(PassBuilder &PB) {
  const char *mode = getenv("COROPACK_MODE");
  cp_mode Mode;
  if (cp_mode_parse(mode, &Mode)) {
    errs() << "coropack: unknown COROPACK_MODE '" << mode
           << "' (lower, pack, report or off): the plugin does nothing\n";
    return;
  }
  if (Mode == CP_MODE_OFF)
    return;
  auto Owner = std::make_shared<State>();
  State *S = Owner.get();
  S->collect.mode = Mode;
  // Lower mode is the default; COROPACK_MODE=pack, report and off stay.
  if (Mode == CP_MODE_LOWER) {
    // Where the stock split runs: inside the CGSCC walk at -O1 and up (the
    // pass simplifies first, as the walk does before coro-split), after the
    // extension points at -O0. Not in a ThinLTO pre-link, which does not
    // split either.
    coropack_register_lowering(PB, lower, S, Owner);
  }
  S->collect.out = &S->report;
  if (const char *out = getenv("COROPACK_REPORT"))
    S->out = out;

  if (PassInstrumentationCallbacks *PIC = PB.getPassInstrumentationCallbacks())
    coropack_attach_split_hooks(*PIC, before, after, S, Owner);
  PB.registerOptimizerLastEPCallback(
      [Owner](ModulePassManager &MPM, OptimizationLevel L, ThinOrFullLTOPhase) {
        Owner->collect.level = (int)L.getSpeedupLevel();
        MPM.addPass(WriteReportPass(Owner));
      });
  // For custom opt pipelines: -passes='coro-pack' rewrites the pre-split
  // coroutines of each function it runs on (what the automatic hook does
  // right before coro-split), -passes='...,coropack-write-report'.
  PB.registerPipelineParsingCallback(
      [](StringRef Name, FunctionPassManager &FPM, ArrayRef<PassBuilder::PipelineElement>) {
        int Level = 2;
        if (!Name.consume_front("coro-pack"))
          return false;
        if (!Name.empty()) {
          if (Name.size() != 4 || Name[0] != '<' || Name[1] != 'O' || Name[2] < '0' ||
              Name[2] > '3' || Name[3] != '>')
            return false;
          Level = Name[2] - '0';
        }
        FPM.addPass(CoroPackPass(Level));
        return true;
      });
  // -passes='cgscc(coropack-lower)' lowers the pre-split coroutines of each
  // SCC as they are (no simplification first).
  PB.registerPipelineParsingCallback(
      [Owner](StringRef Name, CGSCCPassManager &CGPM, ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "coropack-lower")
          return false;
        coropack_add_lower_pass(CGPM, nullptr, OptimizationLevel::O0, lower, Owner.get(), Owner);
        return true;
      });
  PB.registerPipelineParsingCallback(
      [Owner](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "coropack-write-report")
          return false;
        MPM.addPass(WriteReportPass(Owner));
        return true;
      });
}

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "coropack", "0.1.0", registerCallbacks};
}
