// The few helpers llvm-c lacks (see shim.h), each a few lines over the C++ API.
#include "hooks.h"
#include "shim.h"

#include <cstdlib>
#include <cxxabi.h>
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
#include "llvm/IR/Dominators.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Constants.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/Coroutines/ABI.h"
#include "llvm/Transforms/Coroutines/CoroShape.h"
#include "llvm/Transforms/Coroutines/CoroSplit.h"
#include "llvm/Transforms/Coroutines/MaterializationUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/SSAUpdater.h"
#include "llvm/Transforms/Utils/ValueMapper.h"
#include "llvm/IR/Value.h"
#include "llvm/IR/Verifier.h"
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

// Local slots numbered as LLVM's SlotTracker numbers a function (unnamed
// arguments, then each unnamed block and each unnamed non-void instruction
// in order), without a ModuleSlotTracker: that numbers the whole module's
// globals and functions first, once per coroutine, which is quadratic in a
// translation unit's coroutines. Numbered on the first unnamed local asked for.
struct coropack_namer {
  Function &F;
  DenseMap<const Value *, unsigned> Slot;
  bool Numbered = false;
  explicit coropack_namer(Function &F) : F(F) {}
  void number() {
    unsigned N = 0;
    for (Argument &A : F.args())
      if (!A.hasName())
        Slot[&A] = N++;
    for (BasicBlock &BB : F) {
      if (!BB.hasName())
        Slot[&BB] = N++;
      for (Instruction &I : BB)
        if (!I.getType()->isVoidTy() && !I.hasName())
          Slot[&I] = N++;
    }
    Numbered = true;
  }
};

extern "C" coropack_namer *coropack_namer_new(LLVMValueRef fn) {
  return new coropack_namer(*unwrap<Function>(fn));
}

extern "C" char *coropack_operand_name(coropack_namer *n, LLVMValueRef v) {
  Value *V = unwrap(v);
  std::string S;
  raw_string_ostream OS(S);
  if (!V->hasName() && (isa<Argument>(V) || isa<Instruction>(V))) {
    if (!n->Numbered)
      n->number();
    auto It = n->Slot.find(V);
    if (It != n->Slot.end())
      OS << '%' << It->second;
    else
      OS << "<badref>";
  } else {
    // Named values and constants print without a slot tracker.
    V->printAsOperand(OS, /*PrintType=*/false);
  }
  return dup(OS.str());
}

extern "C" void coropack_namer_free(coropack_namer *n) { delete n; }

extern "C" char *coropack_demangle(const char *name) {
  if (!name || strncmp(name, "_Z", 2) != 0)
    return nullptr;
  std::string D = demangle(name);
  if (D != name)
    return dup(D);
  // LLVM's demangler gives up on some names clang makes, such as a generic
  // lambda's call operator in a local class named `$_N`
  // (_ZZ4mainENK3$_1clIddEEDaT_T0_); the C++ runtime's demangler reads them.
  int st = 0;
  char *R = abi::__cxa_demangle(name, nullptr, nullptr, &st);
  if (st == 0 && R)
    return R;
  free(R);
  return nullptr;
}

void coropack_attach_split_hooks(PassInstrumentationCallbacks &PIC, coropack_split_hook before,
                                 coropack_split_hook after, void *ctx,
                                 std::shared_ptr<void> owner) {
  // Functions of the SCC being split; CoroSplitPass never nests, so one
  // pending list per instrumentation object suffices. The callbacks share
  // it and keep the owner of ctx alive.
  struct Hooks {
    std::vector<Function *> pending;
    std::shared_ptr<void> owner;
  };
  auto H = std::make_shared<Hooks>();
  H->owner = std::move(owner);
  PIC.registerBeforeNonSkippedPassCallback([=](StringRef P, Any IR) {
    if (P != "CoroSplitPass")
      return;
    if (const auto *C = any_cast<const LazyCallGraph::SCC *>(&IR))
      for (LazyCallGraph::Node &N : **C) {
        Function &F = N.getFunction();
        if (F.isPresplitCoroutine() && !F.isDeclaration()) {
          H->pending.push_back(&F);
          if (before)
            before(ctx, wrap(&F));
        }
      }
  });
  PIC.registerAfterPassCallback([=](StringRef P, Any, const PreservedAnalyses &) {
    if (P != "CoroSplitPass")
      return;
    for (Function *F : H->pending)
      if (after)
        after(ctx, wrap(F));
    H->pending.clear();
  });
}

// The single-predecessor chains of a function's reachable blocks: a block
// with one predecessor continues its predecessor's chain. Every path from
// the entry to a block passes through its chain's top and then down the
// chain, so the definition reaching it is the last one on the chain above
// it, when there is one (coropack_ssa_update's shortcut past SSAUpdater,
// whose walks back block by block are quadratic along long chains).
struct BlockChains {
  struct Link {
    BasicBlock *Top;
    unsigned Depth; // predecessors between the block and Top
  };
  DenseMap<const BasicBlock *, Link> Of;

  // B's chain; B reachable (an unreachable chain could be a cycle).
  Link of(BasicBlock *B) {
    SmallVector<BasicBlock *, 16> Below;
    Link L;
    for (;;) {
      if (auto It = Of.find(B); It != Of.end()) {
        L = It->second;
        break;
      }
      BasicBlock *P = B->getSinglePredecessor();
      if (!P) {
        L = {B, 0};
        Of[B] = L;
        break;
      }
      Below.push_back(B);
      B = P;
    }
    for (BasicBlock *X : llvm::reverse(Below)) {
      L.Depth++;
      Of[X] = L;
    }
    return L;
  }
};

struct coropack_domtree {
  DominatorTree DT;
  std::unique_ptr<LoopInfo> LI; // built on first use, kept current by split_edge
  BlockChains Chains;           // valid while no edge changes (ssa_update only)
  explicit coropack_domtree(Function &F) : DT(F) {}
  LoopInfo &loops() {
    if (!LI)
      LI = std::make_unique<LoopInfo>(DT);
    return *LI;
  }
};

extern "C" coropack_domtree *coropack_domtree_new(LLVMValueRef fn) {
  return new coropack_domtree(*unwrap<Function>(fn));
}

extern "C" int coropack_dominates(coropack_domtree *dt, LLVMValueRef def, LLVMValueRef use) {
  auto *D = dyn_cast<Instruction>(unwrap(def));
  if (!D)
    return 1; // arguments and constants dominate everything
  return dt->DT.dominates(D, cast<Instruction>(unwrap(use)));
}

extern "C" void coropack_domtree_free(coropack_domtree *dt) { delete dt; }

extern "C" int coropack_reachable(coropack_domtree *dt, LLVMBasicBlockRef b) {
  return dt->DT.isReachableFromEntry(unwrap(b));
}

extern "C" LLVMBasicBlockRef coropack_common_dominator(coropack_domtree *dt, LLVMBasicBlockRef a,
                                                       LLVMBasicBlockRef b) {
  return wrap(dt->DT.findNearestCommonDominator(unwrap(a), unwrap(b)));
}

extern "C" LLVMBasicBlockRef coropack_idom(coropack_domtree *dt, LLVMBasicBlockRef b) {
  DomTreeNode *N = dt->DT.getNode(unwrap(b));
  return N && N->getIDom() ? wrap(N->getIDom()->getBlock()) : nullptr;
}

extern "C" int coropack_no_new_loop(coropack_domtree *dt, LLVMBasicBlockRef to,
                                    LLVMBasicBlockRef from) {
  // Loops nest: the innermost loop around `to` holding `from` means all do.
  Loop *L = dt->loops().getLoopFor(unwrap(to));
  return !L || L->contains(unwrap(from));
}

extern "C" LLVMBasicBlockRef coropack_split_edge(coropack_domtree *dt, LLVMBasicBlockRef from,
                                                 LLVMBasicBlockRef to) {
  Instruction *T = unwrap(from)->getTerminator();
  if (!T || !(isa<BranchInst>(T) || isa<SwitchInst>(T)))
    return nullptr;
  for (unsigned i = 0, n = T->getNumSuccessors(); i < n; i++)
    if (T->getSuccessor(i) == unwrap(to)) {
      auto Opts = CriticalEdgeSplittingOptions(&dt->DT, &dt->loops()).setMergeIdenticalEdges();
      return wrap(SplitCriticalEdge(T, i, Opts));
    }
  return nullptr;
}

extern "C" int coropack_erase_if_dead(LLVMValueRef inst) {
  auto *I = dyn_cast<Instruction>(unwrap(inst));
  if (!I || !isInstructionTriviallyDead(I))
    return 0;
  salvageDebugInfo(*I);
  I->eraseFromParent();
  return 1;
}

extern "C" void coropack_move_before(LLVMValueRef inst, LLVMValueRef before) {
  auto *I = cast<Instruction>(unwrap(inst));
  auto *At = cast<Instruction>(unwrap(before));
  // The dbg_value records right after I that describe I go with it.
  SmallVector<DbgVariableRecord *, 2> Mine;
  if (Instruction *Next = I->getNextNode())
    for (DbgVariableRecord &R : filterDbgVars(Next->getDbgRecordRange()))
      if (is_contained(R.location_ops(), I))
        Mine.push_back(&R);
  I->moveBefore(At->getIterator());
  for (DbgVariableRecord *R : llvm::reverse(Mine)) {
    R->removeFromParent();
    I->getParent()->insertDbgRecordAfter(R, I);
  }
}

namespace {
// One value's rewrite: its definitions (the last in each block, which is
// what is available at the block's end) and, per chain top, the blocks on
// that chain holding one, deepest first.
struct ValueDefs {
  coropack_domtree &D;
  DenseMap<BasicBlock *, Value *> Last;
  DenseMap<BasicBlock *, SmallVector<std::pair<unsigned, BasicBlock *>, 4>> ByTop;
  SSAUpdater SSA;

  ValueDefs(coropack_domtree &D, Value *V, ArrayRef<Instruction *> Defs) : D(D) {
    if (auto *I = dyn_cast<Instruction>(V))
      note(I->getParent(), V);
    else
      note(&cast<Argument>(V)->getParent()->getEntryBlock(), V);
    for (Instruction *I : Defs)
      note(I->getParent(), I);
    SSA.Initialize(V->getType(), V->getName());
    for (auto &[BB, Def] : Last) {
      SSA.AddAvailableValue(BB, Def);
      if (D.DT.isReachableFromEntry(BB)) {
        BlockChains::Link L = D.Chains.of(BB);
        ByTop[L.Top].push_back({L.Depth, BB});
      }
    }
    for (auto &[Top, Blocks] : ByTop)
      llvm::sort(Blocks, [](auto &A, auto &B) { return A.first > B.first; });
  }

  void note(BasicBlock *BB, Value *Def) {
    auto [It, New] = Last.try_emplace(BB, Def);
    if (!New) {
      auto *Cur = dyn_cast<Instruction>(It->second);
      auto *DI = dyn_cast<Instruction>(Def);
      if (!Cur || (DI && Cur->comesBefore(DI)))
        It->second = Def;
    }
  }

  // What reaches B's start (AtEnd: B's end) from the definitions above it:
  // the last one on B's chain when there is one, else what flows into the
  // chain's top, which has none (SSAUpdater, inserting phis).
  Value *reaching(BasicBlock *B, bool AtEnd) {
    if (AtEnd)
      if (auto It = Last.find(B); It != Last.end())
        return It->second;
    if (!D.DT.isReachableFromEntry(B))
      return AtEnd ? SSA.GetValueAtEndOfBlock(B) : SSA.GetValueInMiddleOfBlock(B);
    BlockChains::Link L = D.Chains.of(B);
    if (auto It = ByTop.find(L.Top); It != ByTop.end()) {
      auto &Blocks = It->second;
      auto From = llvm::partition_point(Blocks, [&](auto &X) { return X.first >= L.Depth; });
      for (auto I = From; I != Blocks.end(); ++I)
        if (D.DT.dominates(I->second, B))
          return Last[I->second];
    }
    return SSA.GetValueInMiddleOfBlock(L.Top);
  }
};
} // namespace

extern "C" void coropack_ssa_update(coropack_domtree *dt, LLVMValueRef v, LLVMValueRef *defs,
                                    unsigned n) {
  Value *V = unwrap(v);
  SmallVector<Instruction *, 8> Defs;
  for (unsigned i = 0; i < n; i++)
    Defs.push_back(cast<Instruction>(unwrap(defs[i])));
  ValueDefs VD(*dt, V, Defs);

  SmallVector<Use *, 16> Uses;
  for (Use &U : V->uses())
    Uses.push_back(&U);
  for (Use *U : Uses) {
    auto *User = dyn_cast<Instruction>(U->getUser());
    if (!User)
      continue;
    Value *R;
    if (auto *Phi = dyn_cast<PHINode>(User)) {
      R = VD.reaching(Phi->getIncomingBlock(*U), /*AtEnd=*/true);
    } else {
      // The latest definition before the user in its own block, else
      // what flows in.
      Value *In = nullptr;
      Instruction *Best = nullptr;
      for (Instruction *D : Defs)
        if (D->getParent() == User->getParent() && D->comesBefore(User) &&
            (!Best || Best->comesBefore(D)))
          Best = D;
      if (Best)
        In = Best;
      else if (auto *VI = dyn_cast<Instruction>(V);
               VI && VI->getParent() == User->getParent() && VI->comesBefore(User))
        In = V;
      else if (isa<Argument>(V) && User->getParent()->isEntryBlock())
        In = V; // an argument is defined before the entry block's first instruction
      R = In ? In : VD.reaching(User->getParent(), /*AtEnd=*/false);
    }
    if (R != V)
      U->set(R);
  }
}

extern "C" void coropack_debug_retarget(LLVMValueRef a, LLVMValueRef base, uint64_t offset) {
  Value *A = unwrap(a), *Base = unwrap(base);
  for (DbgVariableRecord *R : findDVRDeclares(A)) {
    R->replaceVariableLocationOp(A, Base);
    R->setExpression(DIExpression::prepend(R->getExpression(), DIExpression::ApplyOffset, offset));
  }
}

extern "C" void coropack_debug_copy_value(LLVMValueRef v, LLVMValueRef def) {
  Value *V = unwrap(v);
  auto *Def = cast<Instruction>(unwrap(def));
  TinyPtrVector<DbgVariableRecord *> Rs = findDVRValues(V);
  if (Rs.size() != 1 || !Rs[0]->isDbgValue() || Rs[0]->hasArgList())
    return;
  DbgVariableRecord *R = Rs[0];
  DILocalVariable *Var = R->getVariable();
  // Another record for the same variable may say something newer.
  Function *F = Def->getFunction();
  for (BasicBlock &BB : *F)
    for (Instruction &I : BB)
      for (DbgVariableRecord &O : filterDbgVars(I.getDbgRecordRange()))
        if (&O != R && O.getVariable() == Var)
          return;
  DbgVariableRecord *New = R->clone();
  New->replaceVariableLocationOp(V, Def);
  Def->getParent()->insertDbgRecordAfter(New, Def);
}

namespace {
// Declarations, created on demand in the scratch module, for the globals a
// cloned coroutine refers to.
struct DeclareInto : ValueMaterializer {
  Module &Dst;
  explicit DeclareInto(Module &Dst) : Dst(Dst) {}
  Value *materialize(Value *V) override {
    auto *GV = dyn_cast<GlobalValue>(V);
    if (!GV)
      return nullptr;
    if (auto *F = dyn_cast<Function>(GV)) {
      Function *N = Function::Create(F->getFunctionType(), GlobalValue::ExternalLinkage,
                                     F->getAddressSpace(), F->getName(), &Dst);
      N->setAttributes(F->getAttributes());
      N->setCallingConv(F->getCallingConv());
      return N;
    }
    return new GlobalVariable(Dst, GV->getValueType(), /*isConstant=*/false,
                              GlobalValue::ExternalLinkage, nullptr, GV->getName(), nullptr,
                              GV->getThreadLocalMode(), GV->getAddressSpace());
  }
};
} // namespace

// A copy of the coroutine alone, in a scratch module of the same context
// (globals become declarations): linear in the coroutine, not the module.
// The copy shares the original's metadata, debug info included: cloning it
// (what a copy into another module does) re-creates the compile unit's
// whole metadata graph in the context for every coroutine, which no one
// frees (quadratic in a translation unit's coroutines with -g).
static std::unique_ptr<Module> copyAlone(Function &F, Function *&G, ValueToValueMapTy &VMap) {
  Module &M = *F.getParent();
  auto C = std::make_unique<Module>("coropack.trial", M.getContext());
  C->setDataLayout(M.getDataLayout());
  C->setTargetTriple(M.getTargetTriple());
  // Cloned with no parent, then moved into the scratch module: "local
  // changes only" maps metadata to itself and globals through the
  // materializer, which declares them in the scratch module.
  G = Function::Create(F.getFunctionType(), GlobalValue::ExternalLinkage, F.getAddressSpace(),
                       F.getName() + ".coropack.trial");
  VMap[&F] = G; // llvm.coro.id names its own coroutine
  for (auto [A, B] : zip(F.args(), G->args()))
    VMap[&A] = &B;
  DeclareInto Mat(*C);
  SmallVector<ReturnInst *, 4> Returns;
  CloneFunctionInto(G, &F, VMap, CloneFunctionChangeType::LocalChangesOnly, Returns, "", nullptr,
                    nullptr, &Mat);
  C->getFunctionList().push_back(G);
  // Split ramps inlined into the coroutine keep an llvm.coro.id whose
  // resumers array (a constant of function pointers) tells LLVM they are
  // split already: give the copies of those arrays their contents.
  for (Instruction &I : instructions(*G))
    if (auto *II = dyn_cast<IntrinsicInst>(&I); II && II->getIntrinsicID() == Intrinsic::coro_id)
      if (auto *Copy = dyn_cast<GlobalVariable>(II->getArgOperand(3)->stripPointerCasts());
          Copy && !Copy->hasInitializer())
        if (auto *Orig = M.getGlobalVariable(Copy->getName(), /*AllowInternal=*/true);
            Orig && Orig->hasInitializer())
          if (auto *Arr = dyn_cast<ConstantArray>(Orig->getInitializer())) {
            SmallVector<Constant *, 4> Elts;
            for (Value *E : Arr->operands()) {
              auto *Fn = dyn_cast<Function>(E);
              if (!Fn)
                break;
              Elts.push_back(cast<Constant>(
                  C->getOrInsertFunction(Fn->getName(), Fn->getFunctionType()).getCallee()));
            }
            if (Elts.size() == Arr->getNumOperands()) {
              Copy->setConstant(true);
              Copy->setInitializer(ConstantArray::get(Arr->getType(), Elts));
            }
          }
  return C;
}

namespace {
// LLVM's switch lowering up to the frame and no further: normalization,
// spills, the frame layout (what the allocation function receives is the
// frame type's allocation size: Shape.FrameSize, which the coro-split remark
// and DWARF show, is larger when an over-aligned alloca raises the frame's
// alignment above its type's), then no resume, destroy or cleanup clones,
// which with their debug info and clean-up passes are most of a split's
// cost. Only for scratch copies: the function is left half lowered.
struct FrameOnlyABI : coro::SwitchABI {
  uint64_t *Size;
  FrameOnlyABI(Function &F, coro::Shape &S, uint64_t *Size)
      : SwitchABI(F, S, coro::isTriviallyMaterializable), Size(Size) {}
  void buildCoroutineFrame(bool OptimizeFrame) override {
    SwitchABI::buildCoroutineFrame(OptimizeFrame);
    // The frame type's alloc size, what coro.size becomes (see above:
    // Shape.FrameSize adds tail padding up to Shape.FrameAlign that is
    // never allocated, ../shared/LLVM22-COROUTINES.md).
    if (Shape.FrameTy)
      *Size = F.getDataLayout().getTypeAllocSize(Shape.FrameTy).getFixedValue();
  }
  void splitCoroutine(Function &, coro::Shape &, SmallVectorImpl<Function *> &,
                      TargetTransformInfo &) override {}
};

// A trial's remarks ("Split '<copy>'") are not the user's. Every remark
// emitted through an OptimizationRemarkEmitter below the context's hotness
// threshold is dropped before it reaches the diagnostic handler or a remark
// file, and the threshold can be put back exactly. The context belongs to
// one thread (one per ThinLTO backend).
struct QuietRemarks {
  LLVMContext &Ctx;
  bool FromPSI;
  uint64_t Threshold;
  explicit QuietRemarks(LLVMContext &C)
      : Ctx(C), FromPSI(C.isDiagnosticsHotnessThresholdSetFromPSI()),
        Threshold(C.getDiagnosticsHotnessThreshold()) {
    C.setDiagnosticsHotnessThreshold(UINT64_MAX);
  }
  ~QuietRemarks() {
    Ctx.setDiagnosticsHotnessThreshold(FromPSI ? std::nullopt : std::optional<uint64_t>(Threshold));
  }
};
} // namespace

// Puts a global of the scratch module C in place of alloca A.
static void detachAlloca(Module &C, AllocaInst &A) {
  Type *T = A.getAllocatedType();
  auto *GV = new GlobalVariable(C, T, false, GlobalValue::InternalLinkage, Constant::getNullValue(T),
                                A.getName() + ".stack", nullptr, GlobalValue::NotThreadLocal,
                                A.getType()->getAddressSpace());
  GV->setAlignment(A.getAlign());
  A.replaceAllUsesWith(GV);
  A.eraseFromParent();
}

struct coropack_vmap {
  const ValueToValueMapTy &M;
};

extern "C" LLVMValueRef coropack_vmap_lookup(const coropack_vmap *map, LLVMValueRef orig) {
  return wrap(map->M.lookup(unwrap(orig)));
}

extern "C" uint64_t coropack_trial_frame_size(LLVMValueRef fn, int level,
                                              coropack_trial_hook prepare, void *ctx,
                                              const LLVMValueRef *detach, size_t ndetach) {
  Function &F = *unwrap<Function>(fn);
  Function *G;
  ValueToValueMapTy VMap;
  std::unique_ptr<Module> C = copyAlone(F, G, VMap);
  if (prepare) {
    coropack_vmap Map{VMap};
    prepare(ctx, wrap(G), &Map);
  }
  // (The map follows what prepare replaced: a copy that is no longer an
  // alloca of G stays.)
  for (size_t I = 0; I < ndetach; ++I)
    if (auto *A = dyn_cast_or_null<AllocaInst>(VMap.lookup(unwrap(detach[I])));
        A && A->getFunction() == G && !A->isArrayAllocation() && A->getAllocatedType()->isSized())
      detachAlloca(*C, *A);

  coropack_analyses AM;
  PassBuilder PB;
  AM.registerWith(PB);
  uint64_t Size = 0;
  CoroSplitPass Split(level > 0);
  // Only G is pre-split in the scratch module, and it is a switch-ABI
  // coroutine (cp_ir_is_coroutine).
  Split.CreateAndInitABI = [&Size](Function &Fn, coro::Shape &S) {
    auto ABI = std::make_unique<FrameOnlyABI>(Fn, S, &Size);
    ABI->init();
    return std::unique_ptr<coro::BaseABI>(std::move(ABI));
  };
  ModulePassManager MPM;
  MPM.addPass(createModuleToPostOrderCGSCCPassAdaptor(std::move(Split)));
  QuietRemarks Quiet(F.getContext());
  MPM.run(*C, AM.MAM);
  return Size;
}
