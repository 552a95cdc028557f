// dominating_checks.cpp - drops the check of an access when an
// equal-or-wider check of the same bytes dominates it and nothing on any
// path between the two may synchronise (skipped-dominated).
//
// Why it is sound.  Both checks then fall in one epoch of the goroutine:
// any access of another goroutine that races with the later access races
// with the earlier one, which is checked and recorded, so the race is still
// reported (at the earlier line).  A write check covers a later read or
// write of its bytes; a read check covers only a later read.
//
// Invariants.
//  - "Same bytes" is syntactic: both addresses are one SSA value plus
//    constant offsets, and the coverer's byte range contains the access's.
//    Because the coverer dominates the access, the last run of the coverer
//    before any run of the access saw the same value of that SSA base (the
//    base's definition dominates the coverer), so the two name the same bytes.
//  - "No synchronisation between": every instruction on a path from the
//    coverer to the access that does not run the coverer again is sync-free
//    by maySynchroniseAt: the rest of the coverer's block, the start of the
//    access's block, and every block such a path crosses, the access's own
//    block whole when a loop leads from it back to it (a later run of the
//    access has the same last coverer run).  A call not known to be
//    sync-free, an atomic or a fence anywhere on such a path keeps the
//    access checked.
//  - Only accesses still checked cover: a read taken over by a later write
//    (read-before-write) covers nothing here.  The checks that are kept are
//    never removed later, only moved earlier within a sync-free stretch
//    (ranges, invariant hoisting), so a coverer stays checked in the epoch.
//  - Bounded work: at most MaxCoverers candidates per access and a budget of
//    blocks visited per function, after which accesses stay checked.
#include "gosan_pass.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/CFG.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"

#include <algorithm>
#include <optional>

using namespace llvm;

namespace gosan {
namespace {

struct Check {
  size_t Index; // in Accesses
  Instruction *I;
  int64_t Offset; // from Base
  uint64_t Size;
  bool IsWrite;
  unsigned Order; // dominator-tree preorder of the block, then position
  unsigned Pos;
};

class DominatingChecks {
public:
  DominatingChecks(Function &F, FunctionAnalysisManager &FAM, Stats &S, SmallVectorImpl<Instruction *> &Accesses)
      : DT(FAM.getResult<DominatorTreeAnalysis>(F)), S(S), DL(F.getParent()->getDataLayout()),
        Accesses(Accesses) {}

  void run() {
    DT.updateDFSNumbers();
    DenseMap<const Value *, SmallVector<Check, 4>> ByBase;
    for (size_t K = 0; K < Accesses.size(); K++)
      if (Instruction *I = Accesses[K])
        if (auto C = describe(K, I))
          ByBase[C->first].push_back(C->second);
    for (auto &Group : ByBase)
      if (Group.second.size() >= 2)
        dropCovered(Group.second);
  }

private:
  static constexpr unsigned MaxCoverers = 16;
  static constexpr unsigned BlockBudget = 200000;

  DominatorTree &DT;
  Stats &S;
  const DataLayout &DL;
  SmallVectorImpl<Instruction *> &Accesses;
  DenseMap<const BasicBlock *, bool> BlockSync;
  DenseMap<std::pair<const BasicBlock *, const BasicBlock *>, bool> Between;
  DenseMap<const Instruction *, unsigned> PosCache;
  unsigned Visited = 0;

  std::optional<std::pair<const Value *, Check>> describe(size_t K, Instruction *I) {
    Value *Addr = getLoadStorePointerOperand(I);
    APInt Off(DL.getIndexTypeSizeInBits(Addr->getType()), 0);
    const Value *Base = Addr->stripAndAccumulateConstantOffsets(DL, Off, /*AllowNonInbounds=*/true);
    if (!Off.isSignedIntN(48))
      return std::nullopt;
    uint64_t Size = DL.getTypeStoreSize(getLoadStoreType(I)).getFixedValue();
    unsigned Order = DT.getNode(I->getParent()) ? DT.getNode(I->getParent())->getDFSNumIn() : ~0u;
    return std::make_pair(Base, Check{K, I, Off.getSExtValue(), Size, isa<StoreInst>(I), Order, position(I)});
  }

  unsigned position(const Instruction *I) {
    if (PosCache.empty() || !PosCache.count(I)) {
      unsigned N = 0;
      for (const Instruction &J : *I->getParent())
        PosCache[&J] = N++;
    }
    return PosCache[I];
  }

  // Dominators come before what they dominate in this order, so a coverer's
  // own fate is settled before the accesses it may cover.
  void dropCovered(SmallVectorImpl<Check> &Group) {
    std::sort(Group.begin(), Group.end(), [](const Check &X, const Check &Y) {
      return X.Order != Y.Order ? X.Order < Y.Order : X.Pos < Y.Pos;
    });
    SmallVector<const Check *, 8> Kept;
    for (const Check &A : Group) {
      if (A.Order == ~0u) // unreachable block
        continue;
      if (coveredByKept(A, Kept)) {
        Accesses[A.Index] = nullptr;
        S.SkippedDominated++;
        continue;
      }
      Kept.push_back(&A);
    }
  }

  bool coveredByKept(const Check &A, ArrayRef<const Check *> Kept) {
    unsigned Tried = 0;
    for (auto It = Kept.rbegin(); It != Kept.rend() && Tried < MaxCoverers; ++It) {
      const Check &C = **It;
      if (!covers(C, A) || !DT.dominates(C.I, A.I))
        continue;
      Tried++;
      if (syncFreeBetween(C.I, A.I))
        return true;
    }
    return false;
  }

  static bool covers(const Check &C, const Check &A) {
    return (C.IsWrite || !A.IsWrite) && C.Offset <= A.Offset &&
           C.Offset + (int64_t)C.Size >= A.Offset + (int64_t)A.Size;
  }

  bool blockSync(const BasicBlock *BB) {
    auto It = BlockSync.find(BB);
    if (It != BlockSync.end())
      return It->second;
    bool Sync = blockMaySynchronise(*BB);
    BlockSync[BB] = Sync;
    return Sync;
  }

  static bool rangeSyncFree(BasicBlock::const_iterator From, BasicBlock::const_iterator To) {
    for (; From != To; ++From)
      if (maySynchroniseAt(*From))
        return false;
    return true;
  }

  // C dominates A (C != A).
  bool syncFreeBetween(Instruction *C, Instruction *A) {
    BasicBlock *BC = C->getParent(), *BA = A->getParent();
    if (BC == BA)
      return rangeSyncFree(std::next(C->getIterator()), A->getIterator());
    if (!rangeSyncFree(std::next(C->getIterator()), BC->end()) || !rangeSyncFree(BA->begin(), A->getIterator()))
      return false;
    auto Key = std::make_pair((const BasicBlock *)BC, (const BasicBlock *)BA);
    auto It = Between.find(Key);
    if (It != Between.end())
      return It->second;
    bool Free = interiorSyncFree(BC, BA);
    Between[Key] = Free;
    return Free;
  }

  // The blocks on some path from BC to BA that does not pass C again
  // (does not re-enter BC): reachable forward from BC's successors and
  // backward from BA, without crossing BC.  Such a path may run A, and the
  // rest of BA, before the run of A at stake (a loop around BA): BA is then
  // one of these blocks and must be sync-free as a whole.
  bool interiorSyncFree(BasicBlock *BC, BasicBlock *BA) {
    SmallPtrSet<const BasicBlock *, 32> Fwd, Bwd;
    SmallVector<const BasicBlock *, 32> Work;
    auto Push = [&](const BasicBlock *B, SmallPtrSetImpl<const BasicBlock *> &Seen) {
      if (B != BC && Seen.insert(B).second)
        Work.push_back(B);
    };
    for (const BasicBlock *Succ : successors(BC))
      Push(Succ, Fwd);
    while (!Work.empty()) {
      if (++Visited > BlockBudget)
        return false;
      const BasicBlock *B = Work.pop_back_val();
      for (const BasicBlock *Succ : successors(B))
        Push(Succ, Fwd);
    }
    for (const BasicBlock *Pred : predecessors(BA))
      if (Fwd.count(Pred))
        Push(Pred, Bwd);
    while (!Work.empty()) {
      if (++Visited > BlockBudget)
        return false;
      const BasicBlock *B = Work.pop_back_val();
      if (blockSync(B))
        return false;
      for (const BasicBlock *Pred : predecessors(B))
        if (Fwd.count(Pred))
          Push(Pred, Bwd);
    }
    return true;
  }
};

} // namespace

void dropDominatedChecks(Function &F, FunctionAnalysisManager &FAM, Stats &S,
                         SmallVectorImpl<Instruction *> &Accesses) {
  DominatingChecks(F, FAM, S, Accesses).run();
}

} // namespace gosan
