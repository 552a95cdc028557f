// libatomic_calls.cpp - redirects the libatomic calls clang emits for
// atomics it cannot inline (16-byte atomics without -mcx16, _Atomic structs
// of other sizes, under-aligned __atomic builtins) to the checker's
// __gosan_libatomic_* entry points.
//
// Invariants: the replacement call has the original's arguments, in order,
// plus the original libatomic function as a last argument, which the
// runtime calls to perform the operation: the program's atomics keep
// libatomic's implementation (and its locks, for odd sizes), and the
// runtime needs no libatomic of its own.  A call whose shape is not
// libatomic's (a user function that happens to carry the name, another
// arity) is left alone.
#include "gosan_pass.h"

#include "llvm/ADT/StringSwitch.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"

using namespace llvm;

namespace gosan {
namespace {

// The number of arguments libatomic's `Op` takes: generic (no size suffix)
// or sized (_1 ... _16).  0: not a libatomic operation.
unsigned libatomicArity(StringRef Op, bool Sized) {
  unsigned Rmw = StringSwitch<unsigned>(Op)
                     .Cases("exchange", "fetch_add", "fetch_sub", "fetch_and", "fetch_or", "fetch_xor", 3)
                     .Cases("fetch_nand", "add_fetch", "sub_fetch", "and_fetch", "or_fetch", "xor_fetch", 3)
                     .Case("nand_fetch", 3)
                     .Default(0);
  if (Sized)
    return StringSwitch<unsigned>(Op).Case("load", 2).Case("store", 3).Case("compare_exchange", 5).Default(Rmw);
  return StringSwitch<unsigned>(Op)
      .Case("load", 4)
      .Case("store", 4)
      .Case("exchange", 5)
      .Case("compare_exchange", 6)
      .Default(0);
}

} // namespace

bool isLibatomicCall(const CallBase &CB) {
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || !Callee->isDeclaration() || !isa<CallInst>(CB) || Callee->isVarArg())
    return false;
  StringRef Op = Callee->getName();
  if (!Op.consume_front("__atomic_"))
    return false;
  bool Sized = false, Wide = false;
  for (StringRef Suffix : {"_1", "_2", "_4", "_8", "_16"})
    if (Op.consume_back(Suffix)) {
      Sized = true;
      Wide = Suffix == "_16";
      break;
    }
  unsigned Arity = libatomicArity(Op, Sized), Params = Callee->getFunctionType()->getNumParams();
  // clang passes a 16-byte value as two i64 halves (the registers the C
  // ABI uses for an __int128 argument): one more parameter, same ABI.
  bool SplitValue = Wide && Op != "load";
  return Arity && (Params == Arity || (SplitValue && Params == Arity + 1));
}

bool redirectLibatomicCall(CallInst *CI, Runtime &RT) {
  Function *Real = CI->getCalledFunction();
  FunctionType *FT = Real->getFunctionType();
  SmallVector<Type *, 8> Params(FT->param_begin(), FT->param_end());
  Params.push_back(RT.PtrTy);
  FunctionType *WrapperTy = FunctionType::get(FT->getReturnType(), Params, /*isVarArg=*/false);
  std::string Name = ("__gosan_libatomic_" + Real->getName().drop_front(strlen("__atomic_"))).str();
  FunctionCallee Wrapper = RT.M.getOrInsertFunction(Name, WrapperTy);

  IRBuilder<> B(CI);
  SmallVector<Value *, 8> Args(CI->args());
  Args.push_back(B.CreatePointerCast(Real, RT.PtrTy));
  CallInst *New = B.CreateCall(Wrapper, Args);
  New->setAttributes(CI->getAttributes()); // zeroext/signext of 1- and 2-byte values
  New->setCallingConv(CI->getCallingConv());
  New->setDebugLoc(CI->getDebugLoc());
  CI->replaceAllUsesWith(New);
  CI->eraseFromParent();
  return true;
}

} // namespace gosan
