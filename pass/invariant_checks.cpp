// invariant_checks.cpp - checks an access whose address does not change in
// its loop once, in the loop's preheader, instead of on every iteration
// (hoisted-invariant).
//
// Why it is sound.  The loop qualifies when nothing in it can synchronise
// and nothing in it can keep an iteration from finishing: it is innermost
// (every cycle in it passes its header) and it has no call at all but
// intrinsics and the checker's access checks (a call could block, exit or
// loop forever, or synchronise).  All of its iterations then run in the
// epoch the preheader ends in.  An access qualifies when its address is an
// SSA value defined outside the loop and its block dominates every latch
// and every exiting block: once the preheader has run, the header runs, and
// the first iteration reaches the access before it can leave or repeat the
// loop.  The check in the preheader therefore describes an access that
// happens, in the same epoch, with the same bytes; later iterations repeat
// it in that epoch, which adds no race.  A loop that is skipped by its
// guard (zero trips) does not reach its preheader (LLVM's rotated loops test
// the trip count before it), so nothing is checked for it.
//
// Invariants: the hoisted call carries the access's debug location, so a
// report names the access's line; the access itself is left untouched and
// unchecked.  A loop whose predecessor also branches elsewhere (no
// preheader, common at the end of the pipeline) gets a new preheader on
// the entering edge.  This rule runs last among the eliminations: it is
// the one that changes the CFG.
#include "gosan_pass.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

using namespace llvm;

namespace gosan {
namespace {

class InvariantChecks {
public:
  InvariantChecks(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
                  SmallVectorImpl<Instruction *> &Accesses)
      : LI(FAM.getResult<LoopAnalysis>(F)), DT(FAM.getResult<DominatorTreeAnalysis>(F)), RT(RT), S(S),
        Accesses(Accesses) {}

  void run() {
    for (Instruction *&I : Accesses) {
      if (!I)
        continue;
      Loop *L = LI.getLoopFor(I->getParent());
      if (!L || !qualifies(*L) || !runsOnFirstIteration(*L, I->getParent()) ||
          !L->isLoopInvariant(getLoadStorePointerOperand(I)))
        continue;
      BasicBlock *Pre = preheader(*L);
      if (!Pre)
        continue;
      emitAccessCheck(I, Pre->getTerminator(), RT, S);
      S.HoistedInvariant++;
      I = nullptr;
    }
  }

private:
  LoopInfo &LI;
  DominatorTree &DT;
  Runtime &RT;
  Stats &S;
  SmallVectorImpl<Instruction *> &Accesses;
  DenseMap<const Loop *, bool> Qualifies;

  // Calls the pass inserted to check accesses (a loop range's calls sit in
  // preheaders, outside the loop; a block run's inside it): never
  // synchronising, never failing to return.
  static bool isInsertedCheck(const CallBase &CB) {
    const Function *Callee = CB.getCalledFunction();
    return Callee && startsWith(Callee->getName(), "__gosan_") && !maySynchroniseAt(CB);
  }

  static bool mayStopOrSynchronise(const Instruction &I) {
    if (auto *CB = dyn_cast<CallBase>(&I))
      return !isa<IntrinsicInst>(CB) && !isInsertedCheck(*CB);
    return maySynchroniseAt(I);
  }

  bool qualifies(const Loop &L) {
    auto It = Qualifies.find(&L);
    if (It != Qualifies.end())
      return It->second;
    bool Ok = L.isInnermost();
    for (BasicBlock *BB : L.blocks())
      for (Instruction &I : *BB)
        if (Ok && mayStopOrSynchronise(I))
          Ok = false;
    Qualifies[&L] = Ok;
    return Ok;
  }

  // The loop's preheader, made when the block before the loop also
  // branches elsewhere (the optimiser's loop guard, at the end of the
  // pipeline): the new block runs only when the loop is entered.  Keeps the
  // dominator tree and loop info up to date.
  BasicBlock *preheader(Loop &L) {
    if (BasicBlock *Pre = L.getLoopPreheader())
      return Pre;
    return InsertPreheaderForLoop(&L, &DT, &LI, nullptr, /*PreserveLCSSA=*/false);
  }

  bool runsOnFirstIteration(const Loop &L, BasicBlock *BB) const {
    SmallVector<BasicBlock *, 4> Latches, Exiting;
    L.getLoopLatches(Latches);
    L.getExitingBlocks(Exiting);
    for (BasicBlock *B : Latches)
      if (!DT.dominates(BB, B))
        return false;
    for (BasicBlock *B : Exiting)
      if (!DT.dominates(BB, B))
        return false;
    return true;
  }
};

} // namespace

void hoistInvariantChecks(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
                          SmallVectorImpl<Instruction *> &Accesses) {
  InvariantChecks(F, FAM, RT, S, Accesses).run();
}

} // namespace gosan
