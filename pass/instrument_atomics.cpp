// instrument_atomics.cpp - replaces atomic instructions with calls of the
// checker's __gosan_atomicN_* entry points, which perform the operation and
// record its synchronisation.
//
// Invariants: the replacement computes exactly what the instruction did
// (same value, same memory order in C11 numbering), for integer, pointer and
// floating-point operands of 1, 2, 4, 8 or 16 bytes.  atomicrmw operations
// without an entry point of their own (min/max, fadd/fsub, fmin/fmax) become a
// compare-exchange loop, so the checker still sees an atomic read-modify-write
// of the right order.  Anything else is left alone and counted unsupported.
#include "gosan_pass.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace gosan {
namespace {

// C11's numbering: relaxed 0, consume 1, acquire 2, release 3, acq_rel 4, seq_cst 5.
int c11Order(AtomicOrdering O) {
  switch (O) {
  case AtomicOrdering::NotAtomic:
  case AtomicOrdering::Unordered:
  case AtomicOrdering::Monotonic: return 0;
  case AtomicOrdering::Acquire: return 2;
  case AtomicOrdering::Release: return 3;
  case AtomicOrdering::AcquireRelease: return 4;
  case AtomicOrdering::SequentiallyConsistent: return 5;
  }
  return 5;
}

// A failed compare-exchange only loads: drop the release half.
int c11FailureOrder(AtomicOrdering O) {
  switch (O) {
  case AtomicOrdering::Release: return 0;
  case AtomicOrdering::AcquireRelease: return 2;
  default: return c11Order(O);
  }
}

struct AtomicSite {
  IRBuilder<> &B;
  Runtime &RT;
  unsigned Log2;
  Type *ValTy;

  ConstantInt *order(int O) { return B.getInt32(O); }
  Value *addr(Value *P) { return B.CreatePointerCast(P, RT.atomicPtrTy(Log2)); }
  Value *toInt(Value *V) {
    Type *IntTy = RT.atomicIntTy(Log2);
    if (V->getType() == IntTy)
      return V;
    if (V->getType()->isPointerTy())
      return B.CreatePtrToInt(V, IntTy);
    return B.CreateBitCast(V, IntTy);
  }
  Value *fromInt(Value *V) {
    if (V->getType() == ValTy)
      return V;
    if (ValTy->isPointerTy())
      return B.CreateIntToPtr(V, ValTy);
    return B.CreateBitCast(V, ValTy);
  }
};

// Types an atomic entry point can carry: integers, pointers, floats of a
// supported size.  Returns the log2 byte size, or -1.
int atomicLog2(Type *Ty, const DataLayout &DL) {
  if (!Ty->isIntegerTy() && !Ty->isPointerTy() && !Ty->isFloatingPointTy())
    return -1;
  TypeSize Bits = DL.getTypeSizeInBits(Ty);
  if (Bits.isScalable() || Bits.getFixedValue() != DL.getTypeStoreSizeInBits(Ty).getFixedValue())
    return -1;
  return log2AccessSize(Bits.getFixedValue() / 8);
}

int rmwEntryPoint(AtomicRMWInst::BinOp Op) {
  switch (Op) {
  case AtomicRMWInst::Xchg: return Runtime::Xchg;
  case AtomicRMWInst::Add: return Runtime::Add;
  case AtomicRMWInst::Sub: return Runtime::Sub;
  case AtomicRMWInst::And: return Runtime::And;
  case AtomicRMWInst::Or: return Runtime::Or;
  case AtomicRMWInst::Xor: return Runtime::Xor;
  case AtomicRMWInst::Nand: return Runtime::Nand;
  default: return -1;
  }
}

// The new value of a read-modify-write that the ABI has no entry point for;
// nullptr if the operation is unknown here.
Value *computeRmw(IRBuilder<> &B, AtomicRMWInst::BinOp Op, Value *Old, Value *Arg) {
  switch (Op) {
  case AtomicRMWInst::Max: return B.CreateSelect(B.CreateICmpSGT(Old, Arg), Old, Arg);
  case AtomicRMWInst::Min: return B.CreateSelect(B.CreateICmpSLT(Old, Arg), Old, Arg);
  case AtomicRMWInst::UMax: return B.CreateSelect(B.CreateICmpUGT(Old, Arg), Old, Arg);
  case AtomicRMWInst::UMin: return B.CreateSelect(B.CreateICmpULT(Old, Arg), Old, Arg);
  case AtomicRMWInst::FAdd: return B.CreateFAdd(Old, Arg);
  case AtomicRMWInst::FSub: return B.CreateFSub(Old, Arg);
#if LLVM_VERSION_MAJOR >= 15
  case AtomicRMWInst::FMax: return B.CreateMaxNum(Old, Arg);
  case AtomicRMWInst::FMin: return B.CreateMinNum(Old, Arg);
#endif
  default: return nullptr;
  }
}

bool rmwComputable(AtomicRMWInst::BinOp Op) {
  switch (Op) {
  case AtomicRMWInst::Max:
  case AtomicRMWInst::Min:
  case AtomicRMWInst::UMax:
  case AtomicRMWInst::UMin:
  case AtomicRMWInst::FAdd:
  case AtomicRMWInst::FSub:
#if LLVM_VERSION_MAJOR >= 15
  case AtomicRMWInst::FMax:
  case AtomicRMWInst::FMin:
#endif
    return true;
  default: return false;
  }
}

// old = load; do { new = op(old, arg); seen = cas(old, new) } while (seen != old)
void rmwAsCasLoop(AtomicRMWInst *I, Runtime &RT, unsigned Log2) {
  BasicBlock *Before = I->getParent();
  BasicBlock *After = Before->splitBasicBlock(I->getIterator(), "gosan.rmw.done");
  Before->getTerminator()->eraseFromParent();
  BasicBlock *Loop = BasicBlock::Create(RT.Ctx, "gosan.rmw.loop", Before->getParent(), After);
  Type *ValTy = I->getType();
  int Order = c11Order(I->getOrdering());

  IRBuilder<> B(Before);
  B.SetCurrentDebugLocation(I->getDebugLoc());
  AtomicSite S{B, RT, Log2, ValTy};
  Value *Addr = S.addr(I->getPointerOperand());
  Value *Init = B.CreateCall(RT.AtomicLoad[Log2], {Addr, S.order(0)});
  B.CreateBr(Loop);

  B.SetInsertPoint(Loop);
  PHINode *Old = B.CreatePHI(RT.atomicIntTy(Log2), 2, "gosan.old");
  Old->addIncoming(Init, Before);
  Value *New = S.toInt(computeRmw(B, I->getOperation(), S.fromInt(Old), I->getValOperand()));
  Value *Seen = B.CreateCall(RT.AtomicCas[Log2],
                             {Addr, Old, New, S.order(Order), S.order(c11FailureOrder(I->getOrdering()))});
  Old->addIncoming(Seen, Loop);
  B.CreateCondBr(B.CreateICmpEQ(Seen, Old), After, Loop);

  B.SetInsertPoint(I);
  I->replaceAllUsesWith(S.fromInt(Seen));
  I->eraseFromParent();
}

bool instrumentRmw(AtomicRMWInst *I, Runtime &RT, const DataLayout &DL) {
  int Log2 = atomicLog2(I->getType(), DL);
  if (Log2 < 0 || I->getPointerAddressSpace() != 0)
    return false;
  int Op = rmwEntryPoint(I->getOperation());
  if (Op < 0) {
    if (!rmwComputable(I->getOperation()))
      return false;
    rmwAsCasLoop(I, RT, Log2);
    return true;
  }
  // Only xchg may carry pointers or floats; the arithmetic ones are integers.
  IRBuilder<> B(I);
  AtomicSite S{B, RT, (unsigned)Log2, I->getType()};
  Value *R = B.CreateCall(RT.AtomicRmw[Op][Log2], {S.addr(I->getPointerOperand()), S.toInt(I->getValOperand()),
                                                   S.order(c11Order(I->getOrdering()))});
  I->replaceAllUsesWith(S.fromInt(R));
  I->eraseFromParent();
  return true;
}

bool instrumentCmpXchg(AtomicCmpXchgInst *I, Runtime &RT, const DataLayout &DL) {
  Type *ValTy = I->getCompareOperand()->getType();
  int Log2 = atomicLog2(ValTy, DL);
  if (Log2 < 0 || I->getPointerAddressSpace() != 0)
    return false;
  IRBuilder<> B(I);
  AtomicSite S{B, RT, (unsigned)Log2, ValTy};
  Value *Cmp = S.toInt(I->getCompareOperand());
  Value *Seen = B.CreateCall(RT.AtomicCas[Log2], {S.addr(I->getPointerOperand()), Cmp, S.toInt(I->getNewValOperand()),
                                                  S.order(c11Order(I->getSuccessOrdering())),
                                                  S.order(c11FailureOrder(I->getFailureOrdering()))});
  // cmpxchg yields {old value, success}; a weak one may fail spuriously, so
  // treating it as strong is allowed.
  Value *Pair = UndefValue::get(I->getType());
  Pair = B.CreateInsertValue(Pair, S.fromInt(Seen), 0);
  Pair = B.CreateInsertValue(Pair, B.CreateICmpEQ(Seen, Cmp), 1);
  I->replaceAllUsesWith(Pair);
  I->eraseFromParent();
  return true;
}

} // namespace

bool instrumentAtomic(Instruction *I, Runtime &RT) {
  const DataLayout &DL = RT.M.getDataLayout();
  if (auto *LI = dyn_cast<LoadInst>(I)) {
    int Log2 = atomicLog2(LI->getType(), DL);
    if (Log2 < 0 || LI->getPointerAddressSpace() != 0)
      return false;
    IRBuilder<> B(I);
    AtomicSite S{B, RT, (unsigned)Log2, LI->getType()};
    Value *R = B.CreateCall(RT.AtomicLoad[Log2], {S.addr(LI->getPointerOperand()), S.order(c11Order(LI->getOrdering()))});
    LI->replaceAllUsesWith(S.fromInt(R));
    LI->eraseFromParent();
    return true;
  }
  if (auto *SI = dyn_cast<StoreInst>(I)) {
    Type *ValTy = SI->getValueOperand()->getType();
    int Log2 = atomicLog2(ValTy, DL);
    if (Log2 < 0 || SI->getPointerAddressSpace() != 0)
      return false;
    IRBuilder<> B(I);
    AtomicSite S{B, RT, (unsigned)Log2, ValTy};
    B.CreateCall(RT.AtomicStore[Log2], {S.addr(SI->getPointerOperand()), S.toInt(SI->getValueOperand()),
                                        S.order(c11Order(SI->getOrdering()))});
    SI->eraseFromParent();
    return true;
  }
  if (auto *RMW = dyn_cast<AtomicRMWInst>(I))
    return instrumentRmw(RMW, RT, DL);
  if (auto *CX = dyn_cast<AtomicCmpXchgInst>(I))
    return instrumentCmpXchg(CX, RT, DL);
  if (auto *FI = dyn_cast<FenceInst>(I)) {
    IRBuilder<> B(I);
    bool SingleThread = FI->getSyncScopeID() == SyncScope::SingleThread;
    B.CreateCall(SingleThread ? RT.SignalFence : RT.ThreadFence, {B.getInt32(c11Order(FI->getOrdering()))});
    FI->eraseFromParent();
    return true;
  }
  return false;
}

} // namespace gosan
