// range_checks.cpp - checks many accesses with one range call
// (__gosan_{read,write}_elems): the strided accesses of a loop, once,
// before the loop runs, instead of one check per access per iteration; and
// adjacent accesses of one source line in one block (an unrolled or
// vectorised loop body, a struct copied field by field).
//
// Why loops are sound.  A loop qualifies when nothing in it can synchronise
// (no call other than intrinsics, no atomic, no fence), so all of its accesses
// fall in one epoch of the goroutine; checking them earlier in that epoch
// finds the same races.  An access is taken when it runs on every iteration
// (its block dominates the latch, and the latch is the loop's only exit) and
// its address is an affine recurrence of the loop; the backedge-taken count
// is known on entry.  Accesses of one kind whose starts differ by constants
// are merged into runs that cover contiguous bytes in every iteration, and a
// run is taken only if one iteration's bytes reach the next iteration's
// (|stride| <= span): the range is then exactly the bytes the loop touches,
// never a byte more, so no false report can come from it.  An address that
// does not change in the loop is a run of stride 0.
//
// Why block runs are sound.  Accesses of one window (no call, atomic or
// fence between them) have one epoch and all run once the first has; those
// whose addresses are a constant apart (by SCEV) and whose bytes are
// contiguous are checked as their exact byte span, at the first of them.
// Only accesses of one source line are merged, so a report still names the
// line that raced.
//
// The range call carries the debug location of the run's first access, so
// a report names the line of the access, and the element size when the
// accesses tile the range, so it shows the element that raced.
#include "gosan_pass.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/LoopInfo.h"
#include "llvm/Analysis/ScalarEvolution.h"
#include "llvm/Analysis/ScalarEvolutionExpressions.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Transforms/Utils/ScalarEvolutionExpander.h"

#include <algorithm>
#include <map>
#include <tuple>

using namespace llvm;

namespace gosan {
namespace {

struct Strided {
  Instruction *I;
  const SCEV *Start; // address at iteration 0
  int64_t Step;      // bytes per iteration (0: loop-invariant address)
  uint64_t Size;
  bool IsWrite;
  int64_t Offset = 0; // from the group's base start
};

// Address order; the size breaks ties so the order does not depend on the sort.
bool byOffset(const Strided &X, const Strided &Y) {
  return X.Offset != Y.Offset ? X.Offset < Y.Offset : X.Size < Y.Size;
}

// Calls Fn(run, span) for each run of a group sorted by offset whose
// accesses cover contiguous bytes (each starts at or before the end of the
// ones before it).
void forEachRun(ArrayRef<Strided> Sorted, function_ref<void(ArrayRef<Strided>, int64_t)> Fn) {
  size_t First = 0;
  int64_t End = Sorted[0].Offset + (int64_t)Sorted[0].Size;
  for (size_t K = 1; K <= Sorted.size(); K++) {
    if (K < Sorted.size() && Sorted[K].Offset <= End) {
      End = std::max(End, Sorted[K].Offset + (int64_t)Sorted[K].Size);
      continue;
    }
    Fn(Sorted.slice(First, K - First), End - Sorted[First].Offset);
    if (K < Sorted.size()) {
      First = K;
      End = Sorted[K].Offset + (int64_t)Sorted[K].Size;
    }
  }
}

bool maySynchronise(const Instruction &I) {
  if (isa<FenceInst>(I) || isa<AtomicRMWInst>(I) || isa<AtomicCmpXchgInst>(I))
    return true;
  if (auto *LI = dyn_cast<LoadInst>(&I))
    return LI->isAtomic();
  if (auto *SI = dyn_cast<StoreInst>(&I))
    return SI->isAtomic();
  if (auto *CB = dyn_cast<CallBase>(&I))
    return !isa<IntrinsicInst>(CB); // intrinsics are expanded inline
  return false;
}

// The element size if the run's accesses tile its range from its start
// (same size, offsets and stride multiples of it), else 0.  Only reports
// use it: to show the element a race touched.
uint64_t tilingElement(ArrayRef<Strided> Run) {
  uint64_t E = Run[0].Size;
  int64_t Stride = Run[0].Step < 0 ? -Run[0].Step : Run[0].Step;
  if (Stride % (int64_t)E)
    return 0;
  for (const Strided &D : Run)
    if (D.Size != E || (D.Offset - Run[0].Offset) % (int64_t)E)
      return 0;
  return E;
}

class LoopRanges {
public:
  LoopRanges(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S)
      : LI(FAM.getResult<LoopAnalysis>(F)), SE(FAM.getResult<ScalarEvolutionAnalysis>(F)),
        DT(FAM.getResult<DominatorTreeAnalysis>(F)), RT(RT), S(S), DL(F.getParent()->getDataLayout()) {}

  // Takes the qualifying accesses out of Accesses (sets them to null).
  void run(SmallVectorImpl<Instruction *> &Accesses) {
    DenseMap<const Loop *, SmallVector<size_t, 8>> ByLoop;
    SmallVector<const Loop *, 8> Order; // first-seen order: loops sharing a predecessor get a stable call order
    for (size_t K = 0; K < Accesses.size(); K++)
      if (Instruction *I = Accesses[K])
        if (Loop *L = LI.getLoopFor(I->getParent())) {
          auto &Members = ByLoop[L];
          if (Members.empty())
            Order.push_back(L);
          Members.push_back(K);
        }
    for (const Loop *L : Order)
      hoistLoop(*L, ByLoop[L], Accesses);
  }

private:
  static constexpr size_t MaxLoopAccesses = 256; // grouping compares pairs: bounds compile time

  LoopInfo &LI;
  ScalarEvolution &SE;
  DominatorTree &DT;
  Runtime &RT;
  Stats &S;
  const DataLayout &DL;

  // Where the range calls go: the end of the loop's only predecessor, and
  // the condition under which that block enters the loop (null: always).
  // Without a dedicated preheader the predecessor ends in a two-way branch;
  // the range's length is then zero unless the branch goes into the loop.
  struct Entry {
    Instruction *At = nullptr;
    Value *Cond = nullptr; // the branch condition, or null
    bool EntersOnTrue = true;
  };

  static bool entry(const Loop &L, Entry &E) {
    BasicBlock *Pred = L.getLoopPredecessor();
    if (!Pred)
      return false;
    E.At = Pred->getTerminator();
    if (L.getLoopPreheader())
      return true;
    auto *Br = dyn_cast<BranchInst>(E.At);
    if (!Br || !Br->isConditional())
      return false;
    BasicBlock *Header = L.getHeader();
    if (Br->getSuccessor(0) == Header && Br->getSuccessor(1) == Header)
      return true;
    E.Cond = Br->getCondition();
    E.EntersOnTrue = Br->getSuccessor(0) == Header;
    return true;
  }

  bool qualifies(const Loop &L) const {
    if (!L.isInnermost())
      return false;
    BasicBlock *Latch = L.getLoopLatch();
    if (!Latch || L.getExitingBlock() != Latch)
      return false;
    for (BasicBlock *BB : L.blocks())
      for (Instruction &I : *BB)
        if (maySynchronise(I))
          return false;
    return true;
  }

  bool describe(Instruction *I, const Loop &L, Strided &Out) const {
    bool IsWrite = isa<StoreInst>(I);
    Value *Ptr = IsWrite ? cast<StoreInst>(I)->getPointerOperand() : cast<LoadInst>(I)->getPointerOperand();
    bool Volatile = IsWrite ? cast<StoreInst>(I)->isVolatile() : cast<LoadInst>(I)->isVolatile();
    Type *Ty = IsWrite ? cast<StoreInst>(I)->getValueOperand()->getType() : I->getType();
    if (Volatile || !DT.dominates(I->getParent(), L.getLoopLatch()))
      return false;
    const SCEV *P = SE.getSCEV(Ptr);
    Out = {I, P, 0, DL.getTypeStoreSize(Ty).getFixedValue(), IsWrite};
    if (SE.isLoopInvariant(P, &L))
      return true;
    auto *AR = dyn_cast<SCEVAddRecExpr>(P);
    if (!AR || AR->getLoop() != &L || !AR->isAffine())
      return false;
    auto *Step = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
    if (!Step || !Step->getAPInt().isSignedIntN(32))
      return false;
    Out.Start = AR->getStart();
    Out.Step = Step->getAPInt().getSExtValue();
    return true;
  }

  bool safeToExpand(const SCEV *X, SCEVExpander &E, Instruction *At) const {
#if LLVM_VERSION_MAJOR >= 15
    return E.isSafeToExpandAt(X, At);
#else
    (void)E;
    return isSafeToExpandAt(X, At, SE);
#endif
  }

  void hoistLoop(const Loop &L, ArrayRef<size_t> Members, SmallVectorImpl<Instruction *> &Accesses) {
    if (!qualifies(L))
      return;
    const SCEV *BTC = SE.getBackedgeTakenCount(&L);
    if (isa<SCEVCouldNotCompute>(BTC) || !BTC->getType()->isIntegerTy())
      return;
    SmallVector<Strided, 16> All;
    DenseMap<Instruction *, size_t> Index;
    for (size_t K : Members) {
      Strided D;
      if (describe(Accesses[K], L, D)) {
        Index[D.I] = K;
        All.push_back(D);
      }
    }
    Entry En;
    if (All.empty() || All.size() > MaxLoopAccesses || !entry(L, En))
      return;
    SCEVExpander Expander(SE, DL, "gosan.range");
    std::vector<bool> Grouped(All.size());
    for (size_t A = 0; A < All.size(); A++) {
      if (Grouped[A])
        continue;
      // The group of A: same kind and stride, start a constant away.
      SmallVector<Strided, 8> Group{All[A]};
      Grouped[A] = true;
      for (size_t B = A + 1; B < All.size(); B++) {
        if (Grouped[B] || All[B].IsWrite != All[A].IsWrite || All[B].Step != All[A].Step)
          continue;
        auto *Diff = dyn_cast<SCEVConstant>(SE.getMinusSCEV(All[B].Start, All[A].Start));
        if (!Diff || !Diff->getAPInt().isSignedIntN(32))
          continue;
        Strided D = All[B];
        D.Offset = Diff->getAPInt().getSExtValue();
        Group.push_back(D);
        Grouped[B] = true;
      }
      std::sort(Group.begin(), Group.end(), byOffset);
      forEachRun(Group, [&](ArrayRef<Strided> Run, int64_t Span) {
        emitRun(Run, Span, BTC, Expander, En, Accesses, Index);
      });
    }
  }

  void emitRun(ArrayRef<Strided> Run, int64_t Span, const SCEV *BTC, SCEVExpander &E, const Entry &At,
               SmallVectorImpl<Instruction *> &Accesses, DenseMap<Instruction *, size_t> &Index) {
    int64_t Step = Run[0].Step, Stride = Step < 0 ? -Step : Step;
    if (Stride > Span)
      return; // gaps between iterations: a range would cover bytes never touched
    Type *IntptrTy = RT.IntptrTy;
    const SCEV *Trips = SE.getTruncateOrZeroExtend(BTC, IntptrTy);
    const SCEV *Begin = Run[0].Start;
    if (Step < 0)
      Begin = SE.getAddExpr(Begin, SE.getMulExpr(Trips, SE.getConstant(IntptrTy, (uint64_t)Step, true)));
    const SCEV *Len = Stride ? SE.getAddExpr(SE.getMulExpr(Trips, SE.getConstant(IntptrTy, (uint64_t)Stride)),
                                             SE.getConstant(IntptrTy, (uint64_t)Span))
                             : SE.getConstant(IntptrTy, (uint64_t)Span);
    if (!safeToExpand(Begin, E, At.At) || !safeToExpand(Len, E, At.At))
      return;
    Value *BeginV = E.expandCodeFor(Begin, RT.PtrTy, At.At);
    Value *LenV = E.expandCodeFor(Len, IntptrTy, At.At);
    IRBuilder<> B(At.At);
    if (At.Cond) {
      Value *Zero = ConstantInt::get(IntptrTy, 0);
      LenV = At.EntersOnTrue ? B.CreateSelect(At.Cond, LenV, Zero, "gosan.len")
                             : B.CreateSelect(At.Cond, Zero, LenV, "gosan.len");
    }
    CallInst *C = B.CreateCall(RT.Elems[Run[0].IsWrite], {B.CreatePointerCast(BeginV, RT.PtrTy), LenV,
                                                          ConstantInt::get(IntptrTy, tilingElement(Run))});
    C->setDebugLoc(Run[0].I->getDebugLoc());
    S.LoopRanges++;
    for (const Strided &D : Run) {
      Accesses[Index[D.I]] = nullptr;
      S.SkippedLoopRange++;
    }
  }
};

bool isVolatileAccess(const Instruction *I) {
  if (auto *SI = dyn_cast<StoreInst>(I))
    return SI->isVolatile();
  return cast<LoadInst>(I)->isVolatile();
}

// Runs of adjacent accesses inside one window of a block.
class BlockRuns {
public:
  BlockRuns(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S)
      : SE(FAM.getResult<ScalarEvolutionAnalysis>(F)), RT(RT), S(S), DL(F.getParent()->getDataLayout()) {}

  void run(SmallVectorImpl<Instruction *> &Accesses, ArrayRef<unsigned> Windows) {
    // Same window, kind, file and line: merge candidates.  Within such a
    // group, clusters of addresses a constant apart (by SCEV, so unrolled
    // index arithmetic counts too).
    using Key = std::tuple<unsigned, bool, const void *, unsigned>;
    std::map<Key, SmallVector<SmallVector<Strided, 8>, 2>> Groups;
    std::vector<Key> Order; // first-seen order, for a deterministic output
    for (size_t K = 0; K < Accesses.size(); K++) {
      Instruction *I = Accesses[K];
      const DILocation *Loc = I ? I->getDebugLoc().get() : nullptr;
      if (!Loc || Loc->getLine() == 0 || isVolatileAccess(I))
        continue; // without a line, a report could not tell merged accesses apart
      bool IsWrite = isa<StoreInst>(I);
      Type *Ty = IsWrite ? cast<StoreInst>(I)->getValueOperand()->getType() : I->getType();
      Strided D{I, SE.getSCEV(pointerOf(I)), 0, DL.getTypeStoreSize(Ty).getFixedValue(), IsWrite};
      Key KY{Windows[K], IsWrite, Loc->getFile(), Loc->getLine()};
      auto &Clusters = Groups[KY];
      if (Clusters.empty())
        Order.push_back(KY);
      if (join(Clusters, D))
        Index[I] = K;
    }
    for (const Key &KY : Order)
      for (auto &C : Groups[KY])
        if (C.size() >= 2)
          emitRuns(C, Accesses);
  }

private:
  static constexpr size_t MaxClusters = 16; // bounds the SCEV subtractions per access

  ScalarEvolution &SE;
  Runtime &RT;
  Stats &S;
  const DataLayout &DL;
  DenseMap<Instruction *, size_t> Index;

  static Value *pointerOf(Instruction *I) {
    if (auto *SI = dyn_cast<StoreInst>(I))
      return SI->getPointerOperand();
    return cast<LoadInst>(I)->getPointerOperand();
  }

  // Adds D to the cluster whose first address is a constant away, or to a
  // new one; false if there are too many clusters already.
  bool join(SmallVectorImpl<SmallVector<Strided, 8>> &Clusters, Strided D) {
    for (auto &C : Clusters) {
      auto *Diff = dyn_cast<SCEVConstant>(SE.getMinusSCEV(D.Start, C[0].Start));
      if (Diff && Diff->getAPInt().isSignedIntN(32)) {
        D.Offset = Diff->getAPInt().getSExtValue();
        C.push_back(D);
        return true;
      }
    }
    if (Clusters.size() >= MaxClusters)
      return false;
    Clusters.emplace_back();
    Clusters.back().push_back(D);
    return true;
  }

  void emitRuns(SmallVectorImpl<Strided> &C, SmallVectorImpl<Instruction *> &Accesses) {
    std::sort(C.begin(), C.end(), byOffset);
    forEachRun(C, [&](ArrayRef<Strided> Run, int64_t Span) {
      if (Run.size() >= 2)
        emit(Run, Span, Accesses);
    });
  }


  // One call before the run's earliest access, addressed from that
  // access's own pointer (which is available there).
  void emit(ArrayRef<Strided> Run, int64_t Span, SmallVectorImpl<Instruction *> &Accesses) {
    const Strided *First = &Run[0];
    for (const Strided &D : Run)
      if (D.I->comesBefore(First->I))
        First = &D;
    IRBuilder<> B(First->I);
    Value *P = B.CreatePointerCast(pointerOf(First->I), RT.PtrTy);
    Value *Begin = B.CreateGEP(B.getInt8Ty(), P, ConstantInt::get(RT.IntptrTy, (uint64_t)(Run[0].Offset - First->Offset)));
    CallInst *Call = B.CreateCall(RT.Elems[Run[0].IsWrite], {Begin, ConstantInt::get(RT.IntptrTy, (uint64_t)Span),
                                                             ConstantInt::get(RT.IntptrTy, tilingElement(Run))});
    Call->setDebugLoc(First->I->getDebugLoc());
    S.BlockRanges++;
    for (const Strided &D : Run) {
      Accesses[Index[D.I]] = nullptr;
      S.SkippedBlockRange++;
    }
  }
};

} // namespace

void mergeBlockRuns(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
                    SmallVectorImpl<Instruction *> &Accesses, ArrayRef<unsigned> Windows) {
  BlockRuns(F, FAM, RT, S).run(Accesses, Windows);
}

void hoistLoopRanges(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
                     SmallVectorImpl<Instruction *> &Accesses) {
  LoopRanges(F, FAM, RT, S).run(Accesses);
}

} // namespace gosan
