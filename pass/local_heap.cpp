// local_heap.cpp - heap blocks that no other goroutine can reach: the
// result of malloc, calloc, aligned_alloc or C++'s operator new whose
// pointer never escapes the function (skipped-local-heap).
//
// Why it is sound.  Another goroutine can access memory only through a
// pointer to it.  The block is fresh (the allocator's result is `noalias`:
// no other pointer to it exists at the call), and the pointer is never
// stored, returned, cast to an integer or passed to a call that may keep it
// (CaptureTracking's rules), so no other goroutine ever gets one.  Passing
// it to free/operator delete is not an escape: the block ends there.  Passing
// it to a library call that copies through it during the call only (a
// channel element) is not one either, as for locals.
//
// Invariants: only declarations of the allocator names count (a program
// that defines its own `malloc` in the module is not trusted), and the call
// must carry the `noalias` return attribute clang gives the real ones.
#include "gosan_pass.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace gosan {
namespace {

bool isAllocator(StringRef N) {
  return StringSwitch<bool>(N)
      .Cases("malloc", "calloc", "aligned_alloc", "_Znwm", "_Znam", true)
      .Cases("_ZnwmRKSt9nothrow_t", "_ZnamRKSt9nothrow_t", "_ZnwmSt11align_val_t", "_ZnamSt11align_val_t", true)
      .Default(false);
}

bool isDeallocator(StringRef N) {
  return StringSwitch<bool>(N)
      .Cases("free", "_ZdlPv", "_ZdaPv", "_ZdlPvm", "_ZdaPvm", true)
      .Cases("_ZdlPvSt11align_val_t", "_ZdaPvSt11align_val_t", "_ZdlPvmSt11align_val_t", "_ZdaPvmSt11align_val_t",
             true)
      .Default(false);
}

const Function *declaredCallee(const CallBase &CB) {
  const Function *Callee = CB.getCalledFunction();
  return Callee && Callee->isDeclaration() ? Callee : nullptr;
}

// CaptureTracking's rules, except that freeing the block or handing it to
// a library call that copies through it during the call does not capture.
struct HeapCaptureTracker : CaptureTracker {
  bool Captured = false;
  void tooManyUses() override { Captured = true; }
  bool captured(const Use *U) override {
    if (libraryArgNoCapture(U))
      return false;
    if (auto *CB = dyn_cast<CallBase>(U->getUser()))
      if (const Function *Callee = declaredCallee(*CB))
        if (isDeallocator(Callee->getName()) && CB->isArgOperand(U) && CB->getArgOperandNo(U) == 0)
          return false;
    Captured = true;
    return true;
  }
};

} // namespace

bool isNonEscapingHeapBlock(const Value *Obj) {
  const auto *CB = dyn_cast<CallBase>(Obj);
  if (!CB || !CB->returnDoesNotAlias())
    return false;
  const Function *Callee = declaredCallee(*CB);
  if (!Callee || !isAllocator(Callee->getName()))
    return false;
  HeapCaptureTracker T;
  PointerMayBeCaptured(Obj, &T);
  return !T.Captured;
}

} // namespace gosan
