// exit_ranges.cpp - checks the accesses of a loop whose trip count is not
// known on entry (a merge: `while (i < mid && j < hi) tmp[k++] = a[i] <=
// a[j] ? a[i++] : a[j++];`) with one range call per access AFTER the loop,
// over exactly the elements the access touched, instead of one check per
// access per iteration.
//
// Why it is sound.  The loop qualifies as for range_checks.cpp's loop
// ranges: innermost, nothing in it can synchronise (no call other than
// intrinsics, no atomic, no fence), so all of its accesses fall in one epoch
// of the goroutine, and the checks at its exit blocks' starts are in that
// epoch too (an exiting block branches straight there).  An access is
// taken when
//  - it runs on every iteration (its block dominates the latch), and on
//    every exit it ran in the leaving iteration (its block dominates the
//    exiting block) or cannot have (the exiting block dominates it), and
//  - its address is `getelementptr T, base, c..., idx` with base not
//    changed by the loop, constant c..., the indexed element's size the
//    access's size, and idx a header phi whose
//    value on the backedge is idx or idx + 1 (an add of a constant 0 or 1,
//    of a zext'd i1, or a select between those): the index moves by 0 or 1
//    element per iteration.
// The elements the access touched are then exactly first..last, with first
// the address at the first iteration (the same getelementptr of idx's
// entry value) and last
// the address at the last one (the access's own pointer, or the previous
// iteration's when the loop leaves before the access, carried by a header
// phi): every element between was touched, none outside was (an element
// the loop reaches only by the final increment, as a merge's a[mid], is
// never in the range).  Each exit block gets phis of (first, last) from the
// loop and (Size, 0) from its other predecessors: a zero-length range,
// which checks nothing.
//
// What it changes.  A race is reported when the loop ends instead of at the
// racing iteration (the same epoch, the same stack: the call carries the
// access's debug location and element size); a loop that never ends reports
// none of its accesses.  Such a loop (no call, no atomic, no volatile
// access) can only end by another goroutine's racy plain write, which C
// lets the compiler assume does not happen; only loops clang marks
// llvm.loop.mustprogress are taken.
#include "gosan_pass.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/PatternMatch.h"
#include "llvm/Transforms/Utils/LoopUtils.h"

using namespace llvm;
using namespace llvm::PatternMatch;

namespace gosan {
namespace {

class ExitRanges {
public:
  ExitRanges(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
             SmallVectorImpl<Instruction *> &Accesses)
      : LI(FAM.getResult<LoopAnalysis>(F)), DT(FAM.getResult<DominatorTreeAnalysis>(F)), RT(RT), S(S),
        DL(F.getParent()->getDataLayout()), Accesses(Accesses) {}

  void run() {
    DenseMap<const Loop *, bool> Qualifies;
    for (Instruction *&I : Accesses) {
      if (!I)
        continue;
      Loop *L = LI.getLoopFor(I->getParent());
      if (!L)
        continue;
      auto It = Qualifies.find(L);
      if (It == Qualifies.end())
        It = Qualifies.insert({L, qualifies(*L)}).first;
      if (It->second && take(I, *L))
        I = nullptr;
    }
  }

private:
  LoopInfo &LI;
  DominatorTree &DT;
  Runtime &RT;
  Stats &S;
  const DataLayout &DL;
  SmallVectorImpl<Instruction *> &Accesses;

  bool qualifies(const Loop &L) const {
    if (!L.isInnermost() || !isMustProgress(&L))
      return false;
    if (!L.getLoopLatch() || !L.getLoopPredecessor())
      return false;
    SmallVector<BasicBlock *, 4> Exiting;
    L.getExitingBlocks(Exiting);
    for (BasicBlock *E : Exiting)
      if (!isa<BranchInst>(E->getTerminator()))
        return false; // the exit blocks get phis: no invoke, switch or callbr edges
    for (BasicBlock *BB : L.blocks())
      for (Instruction &I : *BB)
        if (maySynchroniseAt(I))
          return false;
    return true;
  }

  // Whether V is Phi or Phi + 1 (as the optimiser writes a conditional
  // increment).
  static bool zeroOrOneStep(Value *V, PHINode *Phi, unsigned Depth = 0) {
    if (V == Phi)
      return true;
    if (Depth > 2)
      return false;
    Value *A, *B, *C;
    const APInt *K;
    if (match(V, m_c_Add(m_Specific(Phi), m_APInt(K))))
      return K->isZero() || K->isOne();
    if (match(V, m_c_Add(m_Specific(Phi), m_ZExt(m_Value(C)))))
      return C->getType()->isIntegerTy(1);
    if (match(V, m_Sub(m_Specific(Phi), m_SExt(m_Value(C)))))
      return C->getType()->isIntegerTy(1);
    if (match(V, m_Select(m_Value(C), m_Value(A), m_Value(B))))
      return zeroOrOneStep(A, Phi, Depth + 1) && zeroOrOneStep(B, Phi, Depth + 1);
    return false;
  }

  bool take(Instruction *I, const Loop &L) {
    BasicBlock *Latch = L.getLoopLatch(), *A = I->getParent();
    if (!DT.dominates(A, Latch))
      return false;
    // On every exit, the access ran in the leaving iteration (it dominates
    // the exiting block) or cannot have (the exiting block dominates it).
    SmallVector<BasicBlock *, 4> Exiting;
    L.getExitingBlocks(Exiting);
    bool NeedPrev = false;
    for (BasicBlock *E : Exiting) {
      if (DT.dominates(A, E))
        continue;
      if (!DT.dominates(E, A))
        return false;
      NeedPrev = true;
    }
    if (auto *LdI = dyn_cast<LoadInst>(I); LdI && LdI->isVolatile())
      return false;
    if (auto *St = dyn_cast<StoreInst>(I); St && St->isVolatile())
      return false;
    auto *GEP = dyn_cast<GetElementPtrInst>(getLoadStorePointerOperand(I));
    if (!GEP || !L.contains(GEP) || !L.isLoopInvariant(GEP->getPointerOperand()))
      return false;
    for (unsigned K = 1; K + 1 < GEP->getNumOperands(); K++)
      if (!isa<Constant>(GEP->getOperand(K)))
        return false; // a[c][idx] of a global array, not a[idx][c]
    Type *Elem = GEP->getResultElementType();
    uint64_t Size = DL.getTypeStoreSize(getLoadStoreType(I)).getFixedValue();
    if (!Elem->isSized() || DL.getTypeAllocSize(Elem).getFixedValue() != Size ||
        DL.getTypeStoreSize(Elem).getFixedValue() != Size)
      return false;
    BasicBlock *Header = L.getHeader(), *Pred = L.getLoopPredecessor();
    auto *Phi = dyn_cast<PHINode>(GEP->getOperand(GEP->getNumOperands() - 1));
    if (!Phi || Phi->getParent() != Header || Phi->getType() != RT.IntptrTy)
      return false;
    int FromLatch = Phi->getBasicBlockIndex(Latch), FromPred = Phi->getBasicBlockIndex(Pred);
    if (FromLatch < 0 || FromPred < 0 || !zeroOrOneStep(Phi->getIncomingValue(FromLatch), Phi))
      return false;

    // first: the address at iteration 0, made before the loop; last: the
    // access's own pointer in the iteration that leaves, or in the one
    // before when the loop leaves before the access (Prev, a header phi
    // that starts at first - Size: nothing touched).  Each exit block takes
    // both as integers through phis, (Size, 0) from its predecessors outside
    // the loop, and makes the length there: last - first + Size, zero when
    // the access never ran.
    Type *IntptrTy = RT.IntptrTy;
    Constant *SizeC = ConstantInt::get(IntptrTy, Size);
    IRBuilder<> B(Pred->getTerminator());
    auto *FirstP = cast<GetElementPtrInst>(GEP->clone()); // the same address at idx's entry value
    FirstP->setOperand(GEP->getNumOperands() - 1, Phi->getIncomingValue(FromPred));
    FirstP->setIsInBounds(false);
    B.Insert(FirstP);
    Value *First = B.CreatePtrToInt(FirstP, IntptrTy);
    B.SetInsertPoint(GEP->getNextNode());
    Value *Last = B.CreatePtrToInt(GEP, IntptrTy, "gosan.last");
    PHINode *Prev = nullptr;
    if (NeedPrev) {
      B.SetInsertPoint(Header, Header->getFirstInsertionPt());
      Prev = B.CreatePHI(IntptrTy, 2, "gosan.prev");
      IRBuilder<> P(Pred->getTerminator());
      Value *None = P.CreateSub(First, SizeC);
      for (BasicBlock *HP : predecessors(Header)) // one entry per edge, as a phi needs
        Prev->addIncoming(HP == Latch ? Last : None, HP);
    }

    SmallVector<BasicBlock *, 4> Exits;
    L.getUniqueExitBlocks(Exits);
    for (BasicBlock *X : Exits) {
      B.SetInsertPoint(X, X->getFirstInsertionPt());
      PHINode *FirstAt = B.CreatePHI(IntptrTy, 2, "gosan.first");
      PHINode *LastAt = B.CreatePHI(IntptrTy, 2, "gosan.last");
      for (BasicBlock *P : predecessors(X)) {
        bool FromLoop = L.contains(P);
        FirstAt->addIncoming(FromLoop ? First : SizeC, P);
        LastAt->addIncoming(!FromLoop ? ConstantInt::get(IntptrTy, 0) : DT.dominates(A, P) ? Last : Prev, P);
      }
      B.SetInsertPoint(X, X->getFirstInsertionPt());
      Value *Len = B.CreateAdd(B.CreateSub(LastAt, FirstAt), SizeC, "gosan.len");
      CallInst *C = B.CreateCall(RT.Elems[isa<StoreInst>(I)], {B.CreateIntToPtr(FirstAt, RT.PtrTy), Len, SizeC});
      C->setDebugLoc(I->getDebugLoc());
      S.ExitRanges++;
    }
    S.SkippedExitRange++;
    return true;
  }
};

} // namespace

void checkExitRanges(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
                     SmallVectorImpl<Instruction *> &Accesses) {
  ExitRanges(F, FAM, RT, S, Accesses).run();
}

} // namespace gosan
