// sync_points.cpp - which instructions may synchronise, for the rules that
// move or drop a check across a stretch of code (dominating_checks.cpp,
// invariant_checks.cpp).
//
// Invariant: conservative.  An instruction is sync-free only when it
// provably cannot change the goroutine's vector clock: a non-atomic
// instruction that is not a call, an intrinsic (expanded inline; the memory
// ones are accesses, not synchronisation), a call of a function that reads
// and writes no memory (it cannot touch a lock or an atomic), or one of the
// checker's own access checks that the pass has already inserted.  Every
// atomic (any order and scope), fence and other call may synchronise.
#include "gosan_pass.h"

#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

using namespace llvm;

namespace gosan {
namespace {

// __gosan_read*, __gosan_write*, __gosan_unaligned_*: checks, which record
// an access and never synchronise.
bool isAccessCheck(const Function *Callee) {
  if (!Callee)
    return false;
  StringRef N = Callee->getName();
  return startsWith(N, "__gosan_read") || startsWith(N, "__gosan_write") || startsWith(N, "__gosan_unaligned_");
}

} // namespace

bool maySynchroniseAt(const Instruction &I) {
  if (isa<FenceInst>(I) || isa<AtomicRMWInst>(I) || isa<AtomicCmpXchgInst>(I))
    return true;
  if (auto *LI = dyn_cast<LoadInst>(&I))
    return LI->isAtomic();
  if (auto *SI = dyn_cast<StoreInst>(&I))
    return SI->isAtomic();
  auto *CB = dyn_cast<CallBase>(&I);
  if (!CB)
    return false;
  if (isa<IntrinsicInst>(CB))
    return false;
  if (CB->doesNotAccessMemory())
    return false;
  return !isAccessCheck(CB->getCalledFunction());
}

bool blockMaySynchronise(const BasicBlock &BB) {
  for (const Instruction &I : BB)
    if (maySynchroniseAt(I))
      return true;
  return false;
}

} // namespace gosan
