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

bool isVolatileAccess(const Instruction *I) {
  if (auto *SI = dyn_cast<StoreInst>(I))
    return SI->isVolatile();
  return cast<LoadInst>(I)->isVolatile();
}

// A plain load or store as a run member at iteration 0 (Start is its
// address; loops replace it and Step by the recurrence's).
Strided describeAccess(Instruction *I, ScalarEvolution &SE, const DataLayout &DL) {
  return {I, SE.getSCEV(getLoadStorePointerOperand(I)), 0,
          DL.getTypeStoreSize(getLoadStoreType(I)).getFixedValue(), isa<StoreInst>(I)};
}

// Clusters of accesses of one kind and stride whose starts are a constant
// apart (by SCEV), at most MaxClusters of them: the SCEV subtractions per
// access stay bounded.  An access that fits no cluster stays unranged.
class Clusters {
public:
  explicit Clusters(ScalarEvolution &SE) : SE(SE) {}

  void add(Strided D) {
    for (auto &C : List) {
      if (C[0].IsWrite != D.IsWrite || C[0].Step != D.Step)
        continue;
      auto *Diff = dyn_cast<SCEVConstant>(SE.getMinusSCEV(D.Start, C[0].Start));
      if (Diff && Diff->getAPInt().isSignedIntN(32)) {
        D.Offset = Diff->getAPInt().getSExtValue();
        C.push_back(D);
        return;
      }
    }
    if (List.size() < MaxClusters)
      List.push_back({D});
  }

  bool empty() const { return List.empty(); }

  // Calls Fn(run, span) for every run of contiguous bytes in every cluster.
  void forEachRun(function_ref<void(ArrayRef<Strided>, int64_t)> Fn) {
    for (auto &C : List) {
      std::sort(C.begin(), C.end(), byOffset);
      gosan::forEachRun(C, Fn);
    }
  }

private:
  static constexpr size_t MaxClusters = 16;
  ScalarEvolution &SE;
  SmallVector<SmallVector<Strided, 8>, 4> List;
};

// Emits one __gosan_{read,write}_elems call for a run and takes its
// accesses out of Accesses (found through Index).
struct ElemsEmitter {
  ElemsEmitter(Runtime &RT, SmallVectorImpl<Instruction *> &Accesses) : RT(RT), Accesses(Accesses) {}

  Runtime &RT;
  SmallVectorImpl<Instruction *> &Accesses;
  DenseMap<Instruction *, size_t> Index;

  void emit(IRBuilder<> &B, Value *Begin, Value *Len, ArrayRef<Strided> Run, const DebugLoc &Loc,
            unsigned &Calls, unsigned &Taken) {
    CallInst *C = B.CreateCall(RT.Elems[Run[0].IsWrite], {B.CreatePointerCast(Begin, RT.PtrTy), Len,
                                                          ConstantInt::get(RT.IntptrTy, tilingElement(Run))});
    C->setDebugLoc(Loc);
    Calls++;
    for (const Strided &D : Run) {
      Accesses[Index[D.I]] = nullptr;
      Taken++;
    }
  }
};

class LoopRanges {
public:
  LoopRanges(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
             SmallVectorImpl<Instruction *> &Accesses)
      : LI(FAM.getResult<LoopAnalysis>(F)), SE(FAM.getResult<ScalarEvolutionAnalysis>(F)),
        DT(FAM.getResult<DominatorTreeAnalysis>(F)), RT(RT), S(S), DL(F.getParent()->getDataLayout()),
        Out(RT, Accesses) {}

  // Takes the qualifying accesses out of Accesses (sets them to null).
  void run() {
    SmallVectorImpl<Instruction *> &Accesses = Out.Accesses;
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
      hoistLoop(*L, ByLoop[L]);
  }

private:
  LoopInfo &LI;
  ScalarEvolution &SE;
  DominatorTree &DT;
  Runtime &RT;
  Stats &S;
  const DataLayout &DL;
  ElemsEmitter Out;

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

  // The access as a run member of loop L, if it runs on every iteration at
  // an affine address (or one L does not change).
  bool describe(Instruction *I, const Loop &L, Strided &D) const {
    if (isVolatileAccess(I) || !DT.dominates(I->getParent(), L.getLoopLatch()))
      return false;
    D = describeAccess(I, SE, DL);
    if (SE.isLoopInvariant(D.Start, &L))
      return true;
    auto *AR = dyn_cast<SCEVAddRecExpr>(D.Start);
    if (!AR || AR->getLoop() != &L || !AR->isAffine())
      return false;
    auto *Step = dyn_cast<SCEVConstant>(AR->getStepRecurrence(SE));
    if (!Step || !Step->getAPInt().isSignedIntN(32))
      return false;
    D.Start = AR->getStart();
    D.Step = Step->getAPInt().getSExtValue();
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

  void hoistLoop(const Loop &L, ArrayRef<size_t> Members) {
    if (!qualifies(L))
      return;
    const SCEV *BTC = SE.getBackedgeTakenCount(&L);
    Entry En;
    if (isa<SCEVCouldNotCompute>(BTC) || !BTC->getType()->isIntegerTy() || !entry(L, En))
      return;
    Clusters Cs(SE);
    for (size_t K : Members) {
      Strided D;
      if (describe(Out.Accesses[K], L, D)) {
        Out.Index[D.I] = K;
        Cs.add(D);
      }
    }
    SCEVExpander Expander(SE, DL, "gosan.range");
    Cs.forEachRun([&](ArrayRef<Strided> Run, int64_t Span) { emitRun(Run, Span, BTC, Expander, En); });
  }

  void emitRun(ArrayRef<Strided> Run, int64_t Span, const SCEV *BTC, SCEVExpander &E, const Entry &At) {
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
    Out.emit(B, BeginV, LenV, Run, Run[0].I->getDebugLoc(), S.LoopRanges, S.SkippedLoopRange);
  }
};

// Runs of adjacent accesses inside one window of a block.
class BlockRuns {
public:
  BlockRuns(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
            SmallVectorImpl<Instruction *> &Accesses)
      : SE(FAM.getResult<ScalarEvolutionAnalysis>(F)), S(S), DL(F.getParent()->getDataLayout()),
        Out(RT, Accesses) {}

  void run(ArrayRef<unsigned> Windows) {
    // Same window, kind, file and line: merge candidates, clustered by
    // constant distance (by SCEV, so unrolled index arithmetic counts too).
    using Key = std::tuple<unsigned, bool, const void *, unsigned>;
    std::map<Key, Clusters> Groups;
    std::vector<Key> Order; // first-seen order, for a deterministic output
    for (size_t K = 0; K < Out.Accesses.size(); K++) {
      Instruction *I = Out.Accesses[K];
      const DILocation *Loc = I ? I->getDebugLoc().get() : nullptr;
      if (!Loc || Loc->getLine() == 0 || isVolatileAccess(I))
        continue; // without a line, a report could not tell merged accesses apart
      Strided D = describeAccess(I, SE, DL);
      Key KY{Windows[K], D.IsWrite, Loc->getFile(), Loc->getLine()};
      auto It = Groups.try_emplace(KY, SE).first;
      if (It->second.empty())
        Order.push_back(KY);
      It->second.add(D);
      Out.Index[I] = K;
    }
    for (const Key &KY : Order)
      Groups.at(KY).forEachRun([&](ArrayRef<Strided> Run, int64_t Span) {
        if (Run.size() >= 2)
          emit(Run, Span);
      });
  }

private:
  ScalarEvolution &SE;
  Stats &S;
  const DataLayout &DL;
  ElemsEmitter Out;

  // One call before the run's earliest access, addressed from that
  // access's own pointer (which is available there).
  void emit(ArrayRef<Strided> Run, int64_t Span) {
    const Strided *First = &Run[0];
    for (const Strided &D : Run)
      if (D.I->comesBefore(First->I))
        First = &D;
    IRBuilder<> B(First->I);
    Value *P = B.CreatePointerCast(getLoadStorePointerOperand(First->I), Out.RT.PtrTy);
    Value *Begin = B.CreateGEP(B.getInt8Ty(), P, ConstantInt::get(Out.RT.IntptrTy, (uint64_t)(Run[0].Offset - First->Offset)));
    Out.emit(B, Begin, ConstantInt::get(Out.RT.IntptrTy, (uint64_t)Span), Run, First->I->getDebugLoc(),
             S.BlockRanges, S.SkippedBlockRange);
  }
};

} // namespace

void mergeBlockRuns(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
                    SmallVectorImpl<Instruction *> &Accesses, ArrayRef<unsigned> Windows) {
  BlockRuns(F, FAM, RT, S, Accesses).run(Windows);
}

void hoistLoopRanges(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
                     SmallVectorImpl<Instruction *> &Accesses) {
  LoopRanges(F, FAM, RT, S, Accesses).run();
}

} // namespace gosan
