// The few helpers llvm-c lacks (see shim.h), each a few lines over the C++ API.
#include "hooks.h"
#include "shim.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "llvm/ADT/Any.h"
#include "llvm/Analysis/LazyCallGraph.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/PassInstrumentation.h"
#include "llvm/IR/PassManager.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/DebugProgramInstruction.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/ModuleSlotTracker.h"
#include "llvm/IR/Value.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static char *dup(const std::string &s) { return strdup(s.c_str()); }

extern "C" int coropack_call_captures(LLVMValueRef call, unsigned argno) {
  auto *CB = dyn_cast<CallBase>(unwrap(call));
  return !CB || argno >= CB->arg_size() || !CB->doesNotCapture(argno);
}

extern "C" char *coropack_debug_var(LLVMValueRef v, unsigned *line, const char **file) {
  Value *V = unwrap(v);
  *line = 0;
  *file = nullptr;
  // Only variables of the function itself: after inlining, a callee's
  // "this" or "__x" often describes the same storage and would mislead.
  auto own = [](DbgVariableRecord *R) {
    const DebugLoc &DL = R->getDebugLoc();
    return DL && !DL.getInlinedAt() && !R->getExpression()->isFragment();
  };
  DILocalVariable *Var = nullptr;
  for (DbgVariableRecord *R : findDVRDeclares(V))
    if (!Var && own(R))
      Var = R->getVariable();
  if (!Var)
    for (DbgVariableRecord *R : findDVRValues(V))
      if (!Var && own(R))
        Var = R->getVariable();
  if (!Var || Var->getName().empty())
    return nullptr;
  *line = Var->getLine();
  if (DIFile *F = Var->getFile())
    *file = F->getFilename().data();
  return dup(Var->getName().str());
}

struct coropack_namer {
  ModuleSlotTracker MST;
  explicit coropack_namer(Function &F) : MST(F.getParent(), /*ShouldInitializeAllMetadata=*/false) {
    MST.incorporateFunction(F);
  }
};

extern "C" coropack_namer *coropack_namer_new(LLVMValueRef fn) {
  return new coropack_namer(*unwrap<Function>(fn));
}

extern "C" char *coropack_operand_name(coropack_namer *n, LLVMValueRef v) {
  std::string S;
  raw_string_ostream OS(S);
  unwrap(v)->printAsOperand(OS, /*PrintType=*/false, n->MST);
  return dup(OS.str());
}

extern "C" void coropack_namer_free(coropack_namer *n) { delete n; }

extern "C" char *coropack_demangle(const char *name) {
  if (!name || strncmp(name, "_Z", 2) != 0)
    return nullptr;
  std::string D = demangle(name);
  if (D == name)
    return nullptr;
  return dup(D);
}

void coropack_attach_split_hooks(PassInstrumentationCallbacks &PIC, coropack_split_hook before,
                                 coropack_split_hook after, void *ctx) {
  // Functions of the SCC being split; CoroSplitPass never nests, so one
  // pending list per instrumentation object suffices.
  auto pending = std::make_shared<std::vector<Function *>>();
  PIC.registerBeforeNonSkippedPassCallback([=](StringRef P, Any IR) {
    if (P != "CoroSplitPass")
      return;
    if (const auto *C = any_cast<const LazyCallGraph::SCC *>(&IR))
      for (LazyCallGraph::Node &N : **C) {
        Function &F = N.getFunction();
        if (F.isPresplitCoroutine() && !F.isDeclaration()) {
          pending->push_back(&F);
          if (before)
            before(ctx, wrap(&F));
        }
      }
  });
  PIC.registerAfterPassCallback([=](StringRef P, Any, const PreservedAnalyses &) {
    if (P != "CoroSplitPass")
      return;
    for (Function *F : *pending)
      if (after)
        after(ctx, wrap(F));
    pending->clear();
  });
}
