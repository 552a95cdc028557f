// runtime_decls.cpp - declares the checker's entry points (rt/gosan/race/gosan_abi.h)
// in a module, and the small shared helpers of the pass.
//
// Every callee is nounwind, so exception handling never wraps them in invokes.
// Addresses are i8* (typed pointers, LLVM 14) or ptr (15+); atomic entry points
// take iN* so that the IR call matches the C prototype's `volatile T *`.
#include "gosan_pass.h"

#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

namespace gosan {

int log2AccessSize(uint64_t Bytes) {
  switch (Bytes) {
  case 1: return 0;
  case 2: return 1;
  case 4: return 2;
  case 8: return 3;
  case 16: return 4;
  default: return -1;
  }
}

bool isLibraryFunction(StringRef Name) { return startsWith(Name, "go_") || startsWith(Name, "gosan_"); }

bool libraryArgNoCapture(const Use *U) {
  const auto *CB = dyn_cast<CallBase>(U->getUser());
  if (!CB || !CB->isArgOperand(U))
    return false;
  const Function *F = CB->getCalledFunction();
  if (!F)
    return false;
  // The element of a channel operation is copied in or out during the call;
  // go_select reads its case array during the call.  (The cases' own elem
  // fields are stored pointers: a capture that PointerMayBeCaptured sees.)
  static const struct {
    const char *Name;
    unsigned Arg;
  } NoCapture[] = {{"go_chan_send", 1},         {"go_chan_recv", 1}, {"go_chan_send_timeout", 1},
                   {"go_chan_recv_timeout", 1}, {"go_select", 0},    {"go_select_timeout", 0}};
  unsigned ArgNo = CB->getArgOperandNo(U);
  for (const auto &N : NoCapture)
    if (F->getName() == N.Name && ArgNo == N.Arg)
      return true;
  return false;
}

FunctionCallee Runtime::declare(StringRef Name, Type *Ret, ArrayRef<Type *> Args) {
  AttributeList Attrs = AttributeList().addFnAttribute(Ctx, Attribute::NoUnwind);
  return M.getOrInsertFunction(Name, FunctionType::get(Ret, Args, false), Attrs);
}

IntegerType *Runtime::atomicIntTy(unsigned Log2) const { return IntegerType::get(Ctx, 8u << Log2); }

PointerType *Runtime::atomicPtrTy(unsigned Log2) const { return PointerType::get(atomicIntTy(Log2), 0); }

Runtime::Runtime(Module &Mod) : M(Mod), Ctx(Mod.getContext()) {
  VoidTy = Type::getVoidTy(Ctx);
  Int32Ty = Type::getInt32Ty(Ctx);
  IntptrTy = M.getDataLayout().getIntPtrType(Ctx);
  PtrTy = PointerType::get(Type::getInt8Ty(Ctx), 0);

  Init = declare("__gosan_init", VoidTy, {});
  RegisterGlobals = declare("__gosan_register_globals", VoidTy, {PtrTy, IntptrTy});
  FuncEntry = declare("__gosan_func_entry", VoidTy, {PtrTy});
  FuncExit = declare("__gosan_func_exit", VoidTy, {});
  for (unsigned W = 0; W < 2; W++) {
    const char *Kind = W ? "write" : "read";
    for (unsigned L = 0; L < 5; L++) {
      unsigned Bytes = 1u << L;
      Access[W][0][L] = declare(("__gosan_" + Twine(Kind) + Twine(Bytes)).str(), VoidTy, {PtrTy});
      if (L > 0)
        Access[W][1][L] = declare(("__gosan_unaligned_" + Twine(Kind) + Twine(Bytes)).str(), VoidTy, {PtrTy});
    }
    Range[W] = declare(("__gosan_" + Twine(Kind) + "_range").str(), VoidTy, {PtrTy, IntptrTy});
    Elems[W] = declare(("__gosan_" + Twine(Kind) + "_elems").str(), VoidTy, {PtrTy, IntptrTy, IntptrTy});
    Masked[W] = declare(("__gosan_" + Twine(Kind) + "_masked").str(), VoidTy,
                        {PtrTy, IntptrTy, Type::getInt64Ty(Ctx)});
    PerLane[W] = declare(W ? "__gosan_write_scatter" : "__gosan_read_gather", VoidTy,
                         {PtrTy, IntptrTy, Type::getInt64Ty(Ctx)});
  }
  Memcpy = declare("__gosan_memcpy", PtrTy, {PtrTy, PtrTy, IntptrTy});
  Memmove = declare("__gosan_memmove", PtrTy, {PtrTy, PtrTy, IntptrTy});
  Memset = declare("__gosan_memset", PtrTy, {PtrTy, Int32Ty, IntptrTy});
  VptrUpdate = declare("__gosan_vptr_update", VoidTy, {PtrTy, PtrTy});
  VptrRead = declare("__gosan_vptr_read", VoidTy, {PtrTy});
  ThreadFence = declare("__gosan_atomic_thread_fence", VoidTy, {Int32Ty});
  SignalFence = declare("__gosan_atomic_signal_fence", VoidTy, {Int32Ty});

  static const char *RmwNames[NumRmw] = {"exchange", "fetch_add", "fetch_sub", "fetch_and",
                                         "fetch_or", "fetch_xor", "fetch_nand"};
  for (unsigned L = 0; L < 5; L++) {
    Type *T = atomicIntTy(L);
    Type *P = atomicPtrTy(L);
    std::string Pre = ("__gosan_atomic" + Twine(8u << L) + "_").str();
    AtomicLoad[L] = declare(Pre + "load", T, {P, Int32Ty});
    AtomicStore[L] = declare(Pre + "store", VoidTy, {P, T, Int32Ty});
    for (unsigned Op = 0; Op < NumRmw; Op++)
      AtomicRmw[Op][L] = declare(Pre + RmwNames[Op], T, {P, T, Int32Ty});
    AtomicCas[L] = declare(Pre + "compare_exchange_val", T, {P, T, T, Int32Ty, Int32Ty});
  }
}

void Stats::print(raw_ostream &OS, StringRef Module) const {
  auto Line = [&](const char *Key, unsigned N) { OS << "gosan-stats: " << Key << " " << N << "\n"; };
  OS << "gosan-stats: module " << Module << "\n";
  Line("functions", Functions);
  Line("functions-ignored", FunctionsIgnored);
  Line("reads", Reads);
  Line("writes", Writes);
  Line("atomics", Atomics);
  Line("memintrinsics", MemIntrinsics);
  Line("globals", Globals);
  Line("notail-calls", NoTailCalls);
  Line("skipped-local", SkippedLocal);
  Line("skipped-constant", SkippedConstant);
  Line("skipped-redundant", SkippedRedundant);
  Line("skipped-read-before-write", SkippedReadBeforeWrite);
  Line("loop-ranges", LoopRanges);
  Line("skipped-loop-range", SkippedLoopRange);
  Line("exit-ranges", ExitRanges);
  Line("skipped-exit-range", SkippedExitRange);
  Line("block-ranges", BlockRanges);
  Line("skipped-block-range", SkippedBlockRange);
  Line("skipped-dominated", SkippedDominated);
  Line("hoisted-invariant", HoistedInvariant);
  Line("skipped-local-heap", SkippedLocalHeap);
  Line("skipped-vtable", SkippedVtable);
  Line("skipped-profiling", SkippedProfiling);
  Line("skipped-ignored", SkippedIgnored);
  Line("skipped-disabled", SkippedDisabled);
  Line("skipped-unsupported", SkippedUnsupported);
}

} // namespace gosan
