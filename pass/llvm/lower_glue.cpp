// Lower mode's C++: the few IR utilities llvm-c lacks (shim.h) and the CGSCC
// pass that runs the C lowering (lower.c, via a hook) and tells the
// LazyCallGraph about the new functions the way LLVM's CoroSplitPass does.
#include "lower_pass.h"
#include "shim.h"

#include <cstring>
#include <memory>

#include "llvm/Analysis/CGSCCPassManager.h"
#include "llvm/ADT/DepthFirstIterator.h"
#include "llvm/Analysis/LazyCallGraph.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/BasicBlock.h"
#include "llvm/IR/DIBuilder.h"
#include "llvm/IR/DebugInfo.h"
#include "llvm/IR/DebugProgramInstruction.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/Coroutines/CoroEarly.h"
#include "llvm/Transforms/Coroutines/CoroInstr.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"
#include "llvm/Transforms/Utils/Cloning.h"
#include "llvm/Transforms/Utils/Local.h"
#include "llvm/Transforms/Utils/ValueMapper.h"

using namespace llvm;

extern "C" LLVMBasicBlockRef coropack_split_block(LLVMValueRef inst, const char *name) {
  auto *I = cast<Instruction>(unwrap(inst));
  return wrap(I->getParent()->splitBasicBlock(I, name));
}

// The map is a plain snapshot taken right after cloning, not LLVM's
// ValueToValueMapTy: that one keeps a value handle on every instruction of
// both functions while the lowering erases most of each clone (a resume
// clone holds the ramp's code until unreachable blocks go), a handle
// update for each erased instruction.
struct coropack_clone {
  DenseMap<const Value *, Value *> Map;
  SmallVector<Instruction *, 8> Dummies;
};

extern "C" coropack_clone *coropack_clone_body(LLVMValueRef from, LLVMValueRef into) {
  auto *F = unwrap<Function>(from);
  auto *G = unwrap<Function>(into);
  auto *C = new coropack_clone;
  ValueToValueMapTy VMap;
  // Arguments map to placeholders that no instruction of the clone may
  // still read once it is cleaned up (see coropack_clone_finish).
  for (Argument &A : F->args()) {
    C->Dummies.push_back(new FreezeInst(PoisonValue::get(A.getType())));
    VMap[&A] = C->Dummies.back();
  }
  SmallVector<ReturnInst *, 4> Returns;
  // CloneFunctionInto sets the clone's linkage-dependent properties from
  // F; keep the clone's own.
  auto Linkage = G->getLinkage();
  auto Visibility = G->getVisibility();
  auto CC = G->getCallingConv();
  G->setLinkage(GlobalValue::ExternalLinkage);
  CloneFunctionInto(G, F, VMap, CloneFunctionChangeType::LocalChangesOnly, Returns);
  C->Map.reserve(VMap.size());
  for (auto It = VMap.begin(), E = VMap.end(); It != E; ++It)
    C->Map[It->first] = It->second;
  G->setLinkage(Linkage);
  G->setVisibility(Visibility);
  G->setCallingConv(CC);
  G->setUnnamedAddr(GlobalValue::UnnamedAddr::None);
  G->setDLLStorageClass(GlobalValue::DefaultStorageClass);
  if (G->hasMetadata(LLVMContext::MD_func_sanitize))
    G->eraseMetadata(LLVMContext::MD_func_sanitize);
  return C;
}

extern "C" LLVMValueRef coropack_clone_map(coropack_clone *c, LLVMValueRef v) {
  auto It = c->Map.find(unwrap(v));
  return It == c->Map.end() ? nullptr : wrap(It->second);
}

extern "C" unsigned coropack_clone_finish(coropack_clone *c) {
  unsigned Used = 0;
  for (Instruction *D : c->Dummies) {
    if (!D->use_empty()) {
      Used++;
      D->replaceAllUsesWith(PoisonValue::get(D->getType()));
    }
    D->deleteValue();
  }
  delete c;
  return Used;
}

// The backup is a function of F's module holding a copy of the body (a
// local clone: globals shared, the DISubprogram copied). In the module,
// not parentless: with a parentless copy, verifyFunction(F) failed and
// crashed printing its message (its checks of F's users reach the copy).
struct coropack_backup {
  Function *Copy;
  AttributeList Attrs;
};

extern "C" coropack_backup *coropack_backup_take(LLVMValueRef fn) {
  Function &F = *unwrap<Function>(fn);
  auto *B = new coropack_backup;
  B->Attrs = F.getAttributes();
  B->Copy = Function::Create(F.getFunctionType(), GlobalValue::InternalLinkage,
                             F.getAddressSpace(), F.getName() + ".coropack.backup");
  ValueToValueMapTy VMap;
  // What names F in the body (llvm.coro.id, a recursive call) names the
  // copy, as in copyAlone, so that nothing in the copy is a use of F while
  // F is being lowered; coropack_backup_restore turns it back.
  VMap[&F] = B->Copy;
  for (auto [A, C] : zip(F.args(), B->Copy->args()))
    VMap[&A] = &C;
  SmallVector<ReturnInst *, 4> Returns;
  CloneFunctionInto(B->Copy, &F, VMap, CloneFunctionChangeType::LocalChangesOnly, Returns);
  F.getParent()->getFunctionList().push_back(B->Copy);
  return B;
}

static void dropBody(Function &F) {
  for (BasicBlock &BB : F)
    BB.dropAllReferences();
  while (!F.empty())
    F.begin()->eraseFromParent();
}

extern "C" void coropack_backup_restore(coropack_backup *b, LLVMValueRef fn) {
  Function &F = *unwrap<Function>(fn);
  dropBody(F);
  F.splice(F.end(), b->Copy);
  for (auto [C, A] : zip(b->Copy->args(), F.args()))
    C.replaceAllUsesWith(&A);
  b->Copy->replaceAllUsesWith(&F);
  // A local clone gets a distinct copy of the DISubprogram, and the body's
  // locations and variables now live in that copy: F takes it along.
  if (DISubprogram *SP = b->Copy->getSubprogram())
    F.setSubprogram(SP);
  F.setAttributes(b->Attrs);
  coropack_backup_drop(b);
}

extern "C" void coropack_backup_drop(coropack_backup *b) {
  dropBody(*b->Copy);
  b->Copy->eraseFromParent();
  delete b;
}

extern "C" void coropack_erase_function(LLVMValueRef fn) {
  Function &F = *unwrap<Function>(fn);
  dropBody(F);
  F.replaceAllUsesWith(PoisonValue::get(F.getType()));
  F.eraseFromParent();
}

extern "C" int coropack_verify_function(LLVMValueRef fn, char *why, size_t whylen) {
  std::string Msg;
  raw_string_ostream OS(Msg);
  Function &F = *unwrap<Function>(fn);
  if (!verifyFunction(F, &OS))
    return 0;
  std::string Line = F.getName().str() + ": " + OS.str();
  for (char &C : Line)
    if (C == '\n')
      C = ' ';
  snprintf(why, whylen, "%.300s", Line.c_str());
  return -1;
}

extern "C" void coropack_fold_branch(LLVMValueRef br) {
  ConstantFoldTerminator(unwrap<Instruction>(br)->getParent());
}

extern "C" unsigned coropack_remove_unreachable(LLVMValueRef fn) {
  Function &F = *unwrap<Function>(fn);
  // removeUnreachableBlocks turns what reachable code still reads from the
  // dead blocks into poison: count those reads first, each a miscompile.
  df_iterator_default_set<BasicBlock *> Live;
  for (BasicBlock *BB : depth_first_ext(&F, Live))
    (void)BB;
  unsigned Bad = 0;
  for (BasicBlock &BB : F) {
    if (Live.count(&BB))
      continue;
    for (Instruction &I : BB)
      for (Use &U : I.uses()) {
        auto *User = dyn_cast<Instruction>(U.getUser());
        if (!User || !Live.count(User->getParent()))
          continue;
        if (auto *Phi = dyn_cast<PHINode>(User); Phi && !Live.count(Phi->getIncomingBlock(U)))
          continue;
        Bad++;
      }
  }
  removeUnreachableBlocks(F);
  return Bad;
}

extern "C" void coropack_move_stray_allocas(LLVMValueRef fn, LLVMBasicBlockRef entry) {
  Function &F = *unwrap<Function>(fn);
  BasicBlock *Entry = unwrap(entry);
  DominatorTree DT(F);
  for (Instruction &I : make_early_inc_range(instructions(F))) {
    auto *A = dyn_cast<AllocaInst>(&I);
    if (!A || A->use_empty() || A->getParent() == Entry || DT.isReachableFromEntry(A->getParent()) ||
        !isa<ConstantInt>(A->getArraySize()))
      continue;
    A->moveBefore(Entry->getTerminator()->getIterator());
  }
}

extern "C" void coropack_move_declares(LLVMValueRef fn, LLVMValueRef v, LLVMValueRef inst) {
  Function &F = *unwrap<Function>(fn);
  Value *V = unwrap(v);
  auto *At = cast<Instruction>(unwrap(inst));
  SmallVector<DbgVariableRecord *, 8> Move;
  for (BasicBlock &BB : F)
    for (Instruction &I : BB)
      for (DbgVariableRecord &R : filterDbgVars(I.getDbgRecordRange()))
        if (R.isDbgDeclare() && R.getVariableLocationOp(0) == V)
          Move.push_back(&R);
  // Unoptimized code keeps no register-resident argument alive for the
  // debugger: as LLVM's split does at -O0, the frame pointer goes to a
  // stack slot and the records describe the variables through it.
  Value *Loc = V;
  if (!Move.empty() && isa<Argument>(V) && F.hasOptNone()) {
    auto *Slot = new AllocaInst(V->getType(), F.getDataLayout().getAllocaAddrSpace(),
                                V->getName() + ".debug", At->getIterator());
    new StoreInst(V, Slot, At->getIterator());
    Loc = Slot;
  }
  // Optimized code: the backend drops a dbg_declare of an argument; as
  // LLVM's split does, describe the variable as the value loaded from the
  // frame address instead.
  bool AsValue = isa<Argument>(V) && Loc == V;
  for (DbgVariableRecord *R : Move) {
    R->removeFromParent();
    if (Loc != V) {
      R->replaceVariableLocationOp(V, Loc);
      R->setExpression(DIExpression::prepend(R->getExpression(), DIExpression::DerefBefore));
    } else if (AsValue) {
      R->Type = DbgVariableRecord::LocationType::Value;
      R->setExpression(DIExpression::append(R->getExpression(), {dwarf::DW_OP_deref}));
    }
    At->getParent()->insertDbgRecordBefore(R, At->getIterator());
  }
}

extern "C" void coropack_resume_attrs(LLVMValueRef clone, LLVMValueRef orig, uint64_t size,
                                      uint64_t align) {
  Function &G = *unwrap<Function>(clone);
  Function &F = *unwrap<Function>(orig);
  LLVMContext &Cx = G.getContext();
  AttrBuilder FnAttrs(Cx, F.getAttributes().getFnAttrs());
  FnAttrs.removeAttribute(Attribute::PresplitCoroutine);
  AttributeList A;
  A = A.addFnAttributes(Cx, FnAttrs);
  AttrBuilder P(Cx);
  P.addAttribute(Attribute::NonNull);
  P.addAttribute(Attribute::NoUndef);
  P.addAlignmentAttr(Align(align));
  P.addDereferenceableAttr(size);
  A = A.addParamAttributes(Cx, 0, P);
  G.setAttributes(A);
}

extern "C" void coropack_frame_debug(LLVMValueRef fn, LLVMValueRef begin,
                                     const char *const *names, const uint64_t *offsets,
                                     const uint64_t *sizes, int n, uint64_t size, uint64_t align) {
  Function &F = *unwrap<Function>(fn);
  DISubprogram *SP = F.getSubprogram();
  auto *Begin = cast<Instruction>(unwrap(begin));
  if (!SP || !SP->getUnit())
    return;
  DIBuilder DB(*F.getParent(), /*AllowUnresolved=*/false, SP->getUnit());
  DIFile *File = SP->getFile();
  unsigned Line = SP->getLine();
  DIType *Byte = DB.createBasicType("__byte", 8, dwarf::DW_ATE_unsigned_char);
  SmallVector<Metadata *, 16> Members;
  for (int I = 0; I < n; I++) {
    uint64_t Bits = sizes[I] * 8;
    DIType *T;
    if (sizes[I] == 1 || sizes[I] == 2 || sizes[I] == 4 || sizes[I] == 8)
      T = DB.createBasicType(("__int_" + Twine(Bits)).str(), Bits, dwarf::DW_ATE_unsigned);
    else
      T = DB.createArrayType(Bits, 8, Byte,
                             DB.getOrCreateArray({DB.getOrCreateSubrange(0, (int64_t)sizes[I])}));
    Members.push_back(DB.createMemberType(SP, names[I], File, Line, Bits, 8, offsets[I] * 8,
                                          DINode::FlagArtificial, T));
  }
  // As LLVM's split describes its frames: the size with tail padding to
  // the frame's alignment (the allocation, coro.size, has none).
  uint64_t Padded = align ? (size + align - 1) / align * align : size;
  DICompositeType *Frame =
      DB.createStructType(SP, (F.getName() + ".coro_frame_ty").str(), File, Line, Padded * 8,
                          (uint32_t)(align * 8), DINode::FlagArtificial, nullptr,
                          DB.getOrCreateArray(Members));
  DILocalVariable *Var = DB.createAutoVariable(SP, "__coro_frame", File, Line, Frame,
                                               /*AlwaysPreserve=*/false, DINode::FlagArtificial);
  DB.insertDeclare(Begin, Var, DB.createExpression(), DILocation::get(F.getContext(), Line, 0, SP),
                   std::next(Begin->getIterator()));
  DB.finalize();
}

extern "C" int coropack_has_elide_safe_caller(LLVMValueRef fn) {
  for (User *U : unwrap<Function>(fn)->users())
    if (auto *CB = dyn_cast<CallBase>(U); CB && CB->hasFnAttr(Attribute::CoroElideSafe))
      return 1;
  return 0;
}

namespace {

// LLVM's split gives a coroutine that some caller awaits as
// [[clang::coro_await_elidable]] (a call marked coro_elide_safe) a second
// ramp, F.noalloc: F's parameters plus the frame, which it uses instead of
// allocating one (coro.alloc false, so the destroy pointer is the cleanup
// clone's, which frees nothing; coro.free null). CoroAnnotationElide then
// calls it from such callers with an alloca of the caller sized and aligned
// by the frame parameter's dereferenceable and align attributes. The lowered
// F gets the same, built from the lowered ramp; not for a noinline F, as
// LLVM's split. Resume is F's resume clone (its frame parameter carries the
// frame's size and alignment). Returns the new function or null.
Function *makeNoAllocRamp(Function &F, Function &Resume) {
  if (F.hasFnAttribute(Attribute::NoInline) || !coropack_has_elide_safe_caller(wrap(&F)))
    return nullptr;
  uint64_t Size = Resume.getParamDereferenceableBytes(0);
  Align FrameAlign = Resume.getParamAlign(0).valueOrOne();
  if (!Size)
    return nullptr;
  FunctionType *FT = F.getFunctionType();
  SmallVector<Type *, 8> Params(FT->params().begin(), FT->params().end());
  Params.push_back(PointerType::getUnqual(F.getContext()));
  auto *NFT = FunctionType::get(FT->getReturnType(), Params, FT->isVarArg());
  Function *NF = Function::Create(NFT, F.getLinkage(), F.getAddressSpace(), F.getName() + ".noalloc",
                                  F.getParent());
  ValueToValueMapTy VMap;
  for (Argument &A : F.args()) {
    VMap[&A] = NF->getArg(A.getArgNo());
    NF->getArg(A.getArgNo())->setName(A.getName());
  }
  Argument *Frame = NF->getArg(NF->arg_size() - 1);
  Frame->setName("frame");
  SmallVector<ReturnInst *, 4> Returns;
  CloneFunctionInto(NF, &F, VMap, CloneFunctionChangeType::LocalChangesOnly, Returns);
  for (Instruction &I : make_early_inc_range(instructions(*NF))) {
    auto *II = dyn_cast<IntrinsicInst>(&I);
    if (!II)
      continue;
    Value *Id = nullptr;
    if (auto *B = dyn_cast<CoroBeginInst>(II))
      Id = B->getId();
    else if (auto *Al = dyn_cast<CoroAllocInst>(II))
      Id = Al->getArgOperand(0);
    else if (auto *Fr = dyn_cast<CoroFreeInst>(II))
      Id = Fr->getArgOperand(0);
    auto *CI = dyn_cast_or_null<CoroIdInst>(Id);
    if (!CI || CI->getCoroutine() != &F)
      continue; // an inlined ramp's intrinsics are its own
    if (isa<CoroBeginInst>(II))
      II->replaceAllUsesWith(Frame);
    else if (isa<CoroAllocInst>(II))
      II->replaceAllUsesWith(ConstantInt::getFalse(F.getContext()));
    else
      II->replaceAllUsesWith(ConstantPointerNull::get(PointerType::getUnqual(F.getContext())));
    II->eraseFromParent();
  }
  removeUnreachableBlocks(*NF);
  unsigned FI = NF->arg_size() - 1;
  NF->addParamAttr(FI, Attribute::NonNull);
  NF->addParamAttr(FI, Attribute::NoUndef);
  NF->addDereferenceableParamAttr(FI, Size);
  NF->addParamAttr(FI, Attribute::getWithAlignment(F.getContext(), FrameAlign));
  NF->setLinkage(GlobalValue::InternalLinkage);
  return NF;
}

// Where this pass sits (the CGSCC optimizer-late extension point) comes
// before the function simplification pipeline of the inliner's CGSCC walk,
// where the stock split comes after it. So that each function sees that
// pipeline as often as in a stock build, the pass runs it itself before it
// lowers (Simplify), then marks the function done for the walk's own run
// (the walk skips a function whose ShouldNotRunFunctionPassesAnalysis is
// cached): a coroutine left to LLVM's split goes on to it as simplified
// once, as in stock; a lowered ramp waits, as the stock split's does, for
// the revisit of its SCC, when this pass drops the mark again (Revisit).
// Without the mark the walk ran the whole pipeline once more per coroutine.
struct CoroLowerPass : PassInfoMixin<CoroLowerPass> {
  std::shared_ptr<FunctionPassManager> Simplify; // null: lower as is
  coropack_lower_hook Lower;
  void *Ctx;
  std::shared_ptr<void> Keep; // owns *Ctx, or null
  // Lowered ramps whose mark the revisit of their SCC drops (a stale
  // pointer costs only one more run of the pipeline).
  std::shared_ptr<SmallPtrSet<Function *, 16>> Revisit =
      std::make_shared<SmallPtrSet<Function *, 16>>();

  void unmark(LazyCallGraph::SCC &C, FunctionAnalysisManager &FAM) {
    if (Revisit->empty())
      return;
    PreservedAnalyses PA = PreservedAnalyses::all();
    PA.abandon<ShouldNotRunFunctionPassesAnalysis>();
    for (LazyCallGraph::Node &N : C)
      if (Revisit->erase(&N.getFunction()))
        FAM.invalidate(N.getFunction(), PA);
  }

  PreservedAnalyses run(LazyCallGraph::SCC &C, CGSCCAnalysisManager &AM, LazyCallGraph &CG,
                        CGSCCUpdateResult &UR) {
    auto &FAM = AM.getResult<FunctionAnalysisManagerCGSCCProxy>(C, CG).getManager();
    unmark(C, FAM);
    SmallVector<LazyCallGraph::Node *, 4> Coros;
    for (LazyCallGraph::Node &N : C)
      if (N.getFunction().isPresplitCoroutine() && !N.getFunction().isDeclaration())
        Coros.push_back(&N);
    if (Coros.empty())
      return PreservedAnalyses::all();

    PreservedAnalyses Result = PreservedAnalyses::all();
    SmallVector<Function *, 4> Done; // simplified here: the walk skips them
    for (LazyCallGraph::Node *N : Coros) {
      Function &F = N->getFunction();
      if (Simplify) {
        // What the stock split would see: the function simplification
        // pipeline of this level runs right before it.
        PreservedAnalyses PA = Simplify->run(F, FAM);
        FAM.invalidate(F, PA);
        Result.intersect(PA);
      }
      LLVMValueRef Out[3] = {nullptr, nullptr, nullptr};
      if (int R = Lower(Ctx, wrap(&F), Out); R != 1) {
        if (R < 0) {
          // The same IR in new objects, which no cached analysis describes.
          FAM.invalidate(F, PreservedAnalyses::none());
          Result.intersect(PreservedAnalyses::none());
        }
        if (Simplify || R < 0)
          updateCGAndAnalysisManagerForFunctionPass(CG, C, *N, AM, UR, FAM);
        if (Simplify && R == 0)
          Done.push_back(&F);
        continue;
      }
      // As CoroSplitPass does for the switch ABI: each clone on its own.
      SmallVector<Function *, 3> Clones;
      for (LLVMValueRef V : Out)
        Clones.push_back(unwrap<Function>(V));
      if (Function *NoAlloc = makeNoAllocRamp(F, *Clones[0]))
        Clones.push_back(NoAlloc);
      for (Function *Clone : Clones)
        CG.addSplitFunction(F, *Clone);
      updateCGAndAnalysisManagerForCGSCCPass(CG, C, *N, AM, UR, FAM);
      updateCGAndAnalysisManagerForFunctionPass(CG, C, *N, AM, UR, FAM);
      UR.CWorklist.insert(&C);
      for (Function *Clone : Clones)
        UR.CWorklist.insert(CG.lookupSCC(CG.get(*Clone)));
      Result = PreservedAnalyses::none();
      if (Simplify) {
        Done.push_back(&F);
        Revisit->insert(&F);
      }
    }
    // The mark of a function this pass did not change stays as it was.
    for (Function *F : Done)
      (void)FAM.getResult<ShouldNotRunFunctionPassesAnalysis>(*F);
    Result.preserve<ShouldNotRunFunctionPassesAnalysis>();
    return Result;
  }
  static bool isRequired() { return true; }
};

// coro-early is not idempotent: it replaces the promise alloca's uses after
// coro.begin with a new coro.promise(coro.begin), and a second run lowers
// that call to an address computed from coro.begin, which at -O0 the split
// spills into a field of its own (8 bytes above stock). The -O0 lowering
// runs coro-early once more than the stock pipeline, so for the coroutines
// it leaves pre-split this pass puts the alloca back: the stock pipeline's
// own coro-early then hides it again, as in a build without the plugin.
struct UnhidePromisePass : PassInfoMixin<UnhidePromisePass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    bool Changed = false;
    for (Function &F : M) {
      if (F.isDeclaration() || !F.isPresplitCoroutine())
        continue;
      for (Instruction &I : make_early_inc_range(instructions(F))) {
        auto *P = dyn_cast<CoroPromiseInst>(&I);
        auto *B = P ? dyn_cast<CoroBeginInst>(P->getArgOperand(0)) : nullptr;
        if (!B || P->isFromPromise())
          continue;
        auto *Id = dyn_cast<CoroIdInst>(B->getId());
        AllocaInst *A = Id ? Id->getPromise() : nullptr;
        if (!A)
          continue;
        P->replaceAllUsesWith(A);
        P->eraseFromParent();
        Changed = true;
      }
    }
    return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }
  static bool isRequired() { return true; }
};

} // namespace

void coropack_add_lower_pass(CGSCCPassManager &CGPM, PassBuilder *PB, OptimizationLevel Level,
                             coropack_lower_hook Lower, void *Ctx, std::shared_ptr<void> Keep) {
  CoroLowerPass P;
  if (PB && Level != OptimizationLevel::O0)
    P.Simplify = std::make_shared<FunctionPassManager>(
        PB->buildFunctionSimplificationPipeline(Level, ThinOrFullLTOPhase::None));
  P.Lower = Lower;
  P.Ctx = Ctx;
  P.Keep = std::move(Keep);
  CGPM.addPass(std::move(P));
}

void coropack_register_lowering(PassBuilder &PB, coropack_lower_hook Lower, void *Ctx,
                                std::shared_ptr<void> Keep) {
  // The phase reaches only some extension points: remember it from the
  // early-simplification one, which every default pipeline invokes first.
  auto Phase = std::make_shared<ThinOrFullLTOPhase>(ThinOrFullLTOPhase::None);
  PB.registerPipelineEarlySimplificationEPCallback(
      [Phase](ModulePassManager &, OptimizationLevel, ThinOrFullLTOPhase P) { *Phase = P; });
  PB.registerCGSCCOptimizerLateEPCallback(
      [&PB, Phase, Lower, Ctx, Keep](CGSCCPassManager &CGPM, OptimizationLevel L) {
        if (L != OptimizationLevel::O0 && *Phase != ThinOrFullLTOPhase::ThinLTOPreLink)
          coropack_add_lower_pass(CGPM, &PB, L, Lower, Ctx, Keep);
      });
  PB.registerOptimizerEarlyEPCallback(
      [Lower, Ctx, Keep](ModulePassManager &MPM, OptimizationLevel L, ThinOrFullLTOPhase P) {
        if (L == OptimizationLevel::O0 && P != ThinOrFullLTOPhase::ThinLTOPreLink)
          coropack_add_o0_lowering(MPM, Lower, Ctx, Keep);
      });
}

void coropack_add_o0_lowering(ModulePassManager &MPM, coropack_lower_hook Lower, void *Ctx,
                              std::shared_ptr<void> Keep) {
  // At -O0 LLVM runs coro-early and coro-split only after every extension
  // point: run coro-early first here, as the stock -O0 pipeline does before
  // its split; what its later run would change twice is undone for the
  // coroutines left to LLVM's split (UnhidePromisePass).
  MPM.addPass(CoroEarlyPass());
  CGSCCPassManager CGPM;
  coropack_add_lower_pass(CGPM, nullptr, OptimizationLevel::O0, Lower, Ctx, std::move(Keep));
  MPM.addPass(createModuleToPostOrderCGSCCPassAdaptor(std::move(CGPM)));
  MPM.addPass(UnhidePromisePass());
}
