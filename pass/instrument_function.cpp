// instrument_function.cpp - instruments the accesses of one function.
//
// Order of work: classify every instruction first (so the skip rules see the
// original code), then rewrite plain accesses, atomics and memory
// intrinsics, then add function entry/exit last so that the exit calls land
// after everything else and EscapeEnumerator sees the final control flow.
//
// Skip rules, each counted and switchable off (see Options):
//  - local:     the access's underlying object is an alloca whose address is
//               never captured: no other goroutine can reach it.  Passing
//               it as a channel operation's element (or as go_select's case
//               array) is not a capture: the library copies through the
//               pointer during the call only (libraryArgNoCapture).
//  - constant:  a load from a constant global or of !invariant.load memory:
//               nobody writes it, so it cannot race.
//  - vtable:    a load of a vtable slot, whose address comes from a vtable
//               pointer load (TBAA "vtable pointer"): vtables are read-only.
//  - profiling: PGO and gcov counters (compiler-made, racy by design), as
//               TSan.
//  - redundant: in the same basic block, with no call, atomic or fence in
//               between (so no synchronisation and the same epoch), a read
//               of an address already read or written, or a write of an
//               address already written, with at least the same size: any
//               race of the later access is a race of the earlier one.
//  - read-before-write: in the same window, a read of an address that is
//               written later with at least the same size: any access racing
//               with the read races with the write (same epoch, same bytes,
//               and the write is the stronger kind), as TSan's pass does.
//  - local-heap: the underlying object is a fresh heap block whose pointer
//               never escapes the function (local_heap.cpp).
// Across blocks, an access covered by a dominating check with nothing that
// may synchronise between is dropped (dominating_checks.cpp).  Accesses that
// remain may then be checked as ranges, a loop's before the loop (or after
// it when its trip count is unknown: exit_ranges.cpp) and adjacent ones of
// a block at once (range_checks.cpp), and a loop-invariant
// address once in the preheader (invariant_checks.cpp).
//
// Vtable-pointer loads and stores themselves are checked with
// __gosan_vptr_read/__gosan_vptr_update, outside the window rules: an update
// that stores the value already there is no write, so it can neither cover
// nor take over other accesses.  Atomic loads and stores of
// syncscope("singlethread") (signal-handler atomics) order nothing between
// goroutines: they are checked as plain accesses, as TSan does (and their
// read-modify-writes as plain writes).
#include "gosan_pass.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Analysis/CaptureTracking.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/Transforms/Utils/EscapeEnumerator.h"

using namespace llvm;

namespace gosan {
namespace {

enum class LibcMem { None, Memcpy, Memmove, Memset };

LibcMem libcMemCall(const CallBase &CB) {
  const Function *Callee = CB.getCalledFunction();
  if (!Callee || !Callee->isDeclaration() || CB.arg_size() != 3 || !isa<CallInst>(CB))
    return LibcMem::None;
  StringRef N = Callee->getName();
  if (N == "memcpy")
    return LibcMem::Memcpy;
  if (N == "memmove")
    return LibcMem::Memmove;
  if (N == "memset")
    return LibcMem::Memset;
  return LibcMem::None;
}

bool isLongjmp(StringRef N) {
  return N == "longjmp" || N == "_longjmp" || N == "siglongjmp" || N == "__longjmp_chk" || N == "__siglongjmp";
}

// Intrinsics that neither synchronise nor touch memory visible to others.
bool isInertIntrinsic(const Instruction &I) {
  const auto *II = dyn_cast<IntrinsicInst>(&I);
  if (!II)
    return false;
  if (isa<DbgInfoIntrinsic>(II))
    return true;
  switch (II->getIntrinsicID()) {
  case Intrinsic::lifetime_start:
  case Intrinsic::lifetime_end:
  case Intrinsic::assume:
  case Intrinsic::experimental_noalias_scope_decl:
  case Intrinsic::invariant_start:
  case Intrinsic::invariant_end:
  case Intrinsic::annotation:
  case Intrinsic::var_annotation:
  case Intrinsic::ptr_annotation:
  case Intrinsic::donothing:
    return true;
  default:
    return false;
  }
}

class FunctionInstrumenter {
public:
  FunctionInstrumenter(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, const Options &O, Stats &S,
                       bool Ignored)
      : F(F), FAM(FAM), RT(RT), O(O), S(S), DL(F.getParent()->getDataLayout()), Ignored(Ignored) {}

  void run() {
    for (BasicBlock &BB : F)
      classifyBlock(BB);
    if (O.SkipDominated && !Accesses.empty())
      dropDominatedChecks(F, FAM, S, Accesses);
    if (O.LoopRanges && !Accesses.empty())
      hoistLoopRanges(F, FAM, RT, S, Accesses);
    if (O.ExitRanges && !Accesses.empty())
      checkExitRanges(F, FAM, RT, S, Accesses);
    if (O.BlockRanges && !Accesses.empty())
      mergeBlockRuns(F, FAM, RT, S, Accesses, Windows);
    if (O.HoistInvariant && !Accesses.empty())
      hoistInvariantChecks(F, FAM, RT, S, Accesses); // last: it may add preheaders
    for (Instruction *I : Accesses)
      if (I)
        emitAccessCheck(I, I, RT, S);
    for (Instruction *I : Vptrs)
      instrumentVptr(I);
    for (Instruction *I : SignalRmws)
      instrumentSignalRmw(I);
    for (Instruction *I : Atomics) {
      auto *CI = dyn_cast<CallInst>(I); // only libatomic calls are noted as calls
      if (CI ? redirectLibatomicCall(CI, RT) : instrumentAtomic(I, RT))
        S.Atomics++;
      else
        S.SkippedUnsupported++;
    }
    for (CallBase *CB : MemOps)
      instrumentMemOp(CB);
    for (IntrinsicInst *II : Masked)
      instrumentMasked(II);
    bool Touched = !Accesses.empty() || !Vptrs.empty() || !SignalRmws.empty() || !Atomics.empty() ||
                   !MemOps.empty() || !Masked.empty();
    if (O.FuncEntryExit && (Touched || HasCalls))
      instrumentEntryExit();
  }

private:
  Function &F;
  FunctionAnalysisManager &FAM;
  Runtime &RT;
  const Options &O;
  Stats &S;
  const DataLayout &DL;
  bool Ignored;
  bool HasCalls = false;
  SmallVector<Instruction *, 32> Accesses, Atomics, Longjmps, Vptrs, SignalRmws;
  SmallVector<CallBase *, 8> MemOps;
  SmallVector<IntrinsicInst *, 8> Masked;
  DenseMap<unsigned, AllocaInst *> LaneArrays; // lane count -> the gathers' address array
  DenseMap<const Value *, bool> LocalCache; // underlying object -> non-escaping alloca
  DenseMap<const Value *, bool> HeapCache;  // underlying object -> non-escaping heap block

  // The window (stretch of a block between calls, atomics and fences) of
  // each access, parallel to Accesses.
  unsigned Window = 0;
  SmallVector<unsigned, 32> Windows;

  // Per block: address -> largest size read/written since the last call.
  DenseMap<const Value *, uint64_t> Read, Written;
  // Per block: address -> (index in Accesses, size) of the reads kept since
  // the last call, which a later write of the address may take over.
  DenseMap<const Value *, std::pair<size_t, uint64_t>> OpenReads;

  // A call, atomic or fence may synchronise: the window of the rules ends.
  void endWindow() {
    Window++;
    Read.clear();
    Written.clear();
    OpenReads.clear();
  }

  void classifyBlock(BasicBlock &BB) {
    endWindow();
    for (Instruction &I : BB) {
      if (auto *LI = dyn_cast<LoadInst>(&I)) {
        if (LI->isAtomic() && LI->getSyncScopeID() != SyncScope::SingleThread)
          noteAtomic(I);
        else
          classifyAccess(I, LI->getPointerOperand(), LI->getType(), false);
      } else if (auto *SI = dyn_cast<StoreInst>(&I)) {
        if (SI->isAtomic() && SI->getSyncScopeID() != SyncScope::SingleThread)
          noteAtomic(I);
        else
          classifyAccess(I, SI->getPointerOperand(), SI->getValueOperand()->getType(), true);
      } else if (isa<AtomicRMWInst>(I) || isa<AtomicCmpXchgInst>(I)) {
        if (isSignalScope(I))
          noteSignalRmw(I);
        else
          noteAtomic(I);
      } else if (isa<FenceInst>(I)) {
        noteAtomic(I);
      } else if (auto *CB = dyn_cast<CallBase>(&I)) {
        classifyCall(*CB);
      }
    }
  }

  void noteAtomic(Instruction &I) {
    endWindow();
    Value *Addr = getAtomicAddress(I);
    if (Addr && isProfilingAddress(Addr)) { // -fprofile-update=atomic counters
      S.SkippedProfiling++;
      return;
    }
    if (!O.Atomics)
      S.SkippedDisabled++;
    else
      Atomics.push_back(&I); // even in ignored functions: atomics may be synchronisation
  }

  static bool isSignalScope(const Instruction &I) {
    if (const auto *RMW = dyn_cast<AtomicRMWInst>(&I))
      return RMW->getSyncScopeID() == SyncScope::SingleThread;
    if (const auto *CX = dyn_cast<AtomicCmpXchgInst>(&I))
      return CX->getSyncScopeID() == SyncScope::SingleThread;
    return false;
  }

  static Value *getAtomicAddress(Instruction &I) {
    if (auto *RMW = dyn_cast<AtomicRMWInst>(&I))
      return RMW->getPointerOperand();
    if (auto *CX = dyn_cast<AtomicCmpXchgInst>(&I))
      return CX->getPointerOperand();
    if (isa<LoadInst>(I) || isa<StoreInst>(I))
      return getLoadStorePointerOperand(&I);
    return nullptr; // fences, libatomic calls
  }

  // A read-modify-write or compare-exchange of syncscope("singlethread")
  // orders nothing between goroutines: checked as a plain write of its
  // bytes (which also covers its read), the instruction left as it is.
  void noteSignalRmw(Instruction &I) {
    endWindow();
    Value *Addr = getAtomicAddress(I);
    if (skippedByRequest(O.Memory))
      return;
    if (Addr->getType()->getPointerAddressSpace() != 0) {
      S.SkippedUnsupported++;
      return;
    }
    if (isProfilingAddress(Addr)) {
      S.SkippedProfiling++;
      return;
    }
    if (O.SkipLocals && isNonEscapingLocal(Addr)) {
      S.SkippedLocal++;
      return;
    }
    SignalRmws.push_back(&I);
  }

  void instrumentSignalRmw(Instruction *I) {
    Value *Addr = getAtomicAddress(*I);
    Type *Ty = isa<AtomicRMWInst>(I) ? I->getType() : cast<AtomicCmpXchgInst>(I)->getNewValOperand()->getType();
    uint64_t Size = DL.getTypeStoreSize(Ty).getFixedValue();
    IRBuilder<> B(I);
    Value *P = B.CreatePointerCast(Addr, RT.PtrTy);
    int L = log2AccessSize(Size);
    if (L >= 0)
      B.CreateCall(RT.Access[/*write=*/1][/*unaligned=*/0][L], {P});
    else
      B.CreateCall(RT.Range[1], {P, ConstantInt::get(RT.IntptrTy, Size)});
    S.Writes++;
  }

  void classifyCall(CallBase &CB) {
    if (isInertIntrinsic(CB))
      return;
    if (isa<MemIntrinsic>(CB) || libcMemCall(CB) != LibcMem::None) {
      classifyMemOp(CB);
      return;
    }
    if (isMaskedAccess(CB)) {
      classifyMasked(cast<IntrinsicInst>(&CB));
      return;
    }
    if (isa<IntrinsicInst>(CB))
      return; // other intrinsics are expanded inline and do not synchronise
    HasCalls = true;
    endWindow();
    if (isLibatomicCall(CB)) {
      noteAtomic(CB);
      return;
    }
    Function *Callee = CB.getCalledFunction();
    if (!Callee)
      return;
    if (isLibraryFunction(Callee->getName())) {
      // The library records the return address of its public entry points as
      // the user's call site: keep the caller's frame.
      if (auto *CI = dyn_cast<CallInst>(&CB)) {
        if (!CI->isMustTailCall()) {
          CI->setTailCallKind(CallInst::TCK_NoTail);
          S.NoTailCalls++;
        }
      }
    } else if (isLongjmp(Callee->getName())) {
      Longjmps.push_back(&CB);
    }
  }

  static bool isMaskedAccess(const CallBase &CB) {
    const auto *II = dyn_cast<IntrinsicInst>(&CB);
    if (!II)
      return false;
    switch (II->getIntrinsicID()) {
    case Intrinsic::masked_load:
    case Intrinsic::masked_store:
    case Intrinsic::masked_gather:
    case Intrinsic::masked_scatter:
      return true;
    default:
      return false;
    }
  }

  // The operands of a masked access: the vector's type, the address (one
  // pointer, or a vector of them for gathers and scatters) and the mask.
  struct MaskedOperands {
    bool IsWrite, PerLane;
    FixedVectorType *VT;
    Value *Ptr, *Mask;
  };

  static MaskedOperands maskedOperands(IntrinsicInst *II) {
    Intrinsic::ID ID = II->getIntrinsicID();
    bool IsWrite = ID == Intrinsic::masked_store || ID == Intrinsic::masked_scatter;
    bool PerLane = ID == Intrinsic::masked_gather || ID == Intrinsic::masked_scatter;
    Type *DataTy = IsWrite ? II->getArgOperand(0)->getType() : II->getType();
    return {IsWrite, PerLane, dyn_cast<FixedVectorType>(DataTy), II->getArgOperand(IsWrite ? 1 : 0),
            II->getArgOperand(IsWrite ? 3 : 2)};
  }

  // llvm.masked.load/store/gather/scatter (vectorised conditional or
  // indexed accesses, e.g. with -mavx2 or -mavx512f): only the lanes whose
  // mask bit is set touch memory, so each enabled lane is checked as an
  // access of one element.
  void classifyMasked(IntrinsicInst *II) {
    MaskedOperands M = maskedOperands(II);
    if (skippedByRequest(O.Memory))
      return;
    Type *PtrTy = M.Ptr->getType()->getScalarType();
    if (!M.VT || M.VT->getNumElements() > 64 || PtrTy->getPointerAddressSpace() != 0 ||
        DL.getTypeStoreSizeInBits(M.VT->getElementType()) != DL.getTypeSizeInBits(M.VT->getElementType())) {
      S.SkippedUnsupported++;
      return;
    }
    if (!M.PerLane && O.SkipLocals && isNonEscapingLocal(M.Ptr)) {
      S.SkippedLocal++;
      return;
    }
    Masked.push_back(II);
  }

  // One call with the mask's bits as an i64; a gather's or scatter's lane
  // addresses go through a stack array (one per function, in its entry).
  void instrumentMasked(IntrinsicInst *II) {
    MaskedOperands M = maskedOperands(II);
    unsigned Lanes = M.VT->getNumElements();
    uint64_t Elem = DL.getTypeStoreSize(M.VT->getElementType()).getFixedValue();
    IRBuilder<> B(II);
    Value *Bits = B.CreateZExtOrBitCast(B.CreateBitCast(M.Mask, B.getIntNTy(Lanes)), B.getInt64Ty());
    Value *Size = ConstantInt::get(RT.IntptrTy, Elem);
    if (!M.PerLane) {
      B.CreateCall(RT.Masked[M.IsWrite], {B.CreatePointerCast(M.Ptr, RT.PtrTy), Size, Bits});
    } else {
      auto *VecTy = FixedVectorType::get(RT.PtrTy, Lanes);
      AllocaInst *&Slot = LaneArrays[Lanes];
      if (!Slot)
        Slot = IRBuilder<>(&*F.getEntryBlock().getFirstInsertionPt()).CreateAlloca(VecTy, nullptr, "gosan.lanes");
      B.CreateStore(B.CreatePointerCast(M.Ptr, VecTy), Slot);
      B.CreateCall(RT.PerLane[M.IsWrite], {B.CreatePointerCast(Slot, RT.PtrTy), Size, Bits});
    }
    (M.IsWrite ? S.Writes : S.Reads)++;
  }

  // Whether the access is not to be checked at all (an ignored function,
  // or its kind switched off); counted.
  bool skippedByRequest(bool KindEnabled) {
    if (Ignored)
      S.SkippedIgnored++;
    else if (!KindEnabled)
      S.SkippedDisabled++;
    return Ignored || !KindEnabled;
  }

  void classifyMemOp(CallBase &CB) {
    if (skippedByRequest(O.MemIntrinsics))
      return;
    bool Set = isa<MemSetInst>(CB) || libcMemCall(CB) == LibcMem::Memset;
    if (isProfilingAddress(CB.getArgOperand(0))) { // gcov's counter reset
      S.SkippedProfiling++;
      return;
    }
    if (O.SkipLocals && isNonEscapingLocal(CB.getArgOperand(0)) &&
        (Set || isNonEscapingLocal(CB.getArgOperand(1)))) {
      S.SkippedLocal++;
      return;
    }
    MemOps.push_back(&CB);
  }

  void classifyAccess(Instruction &I, Value *Addr, Type *Ty, bool IsWrite) {
    if (skippedByRequest(O.Memory))
      return;
    if (Addr->getType()->getPointerAddressSpace() != 0 || Addr->isSwiftError() ||
        DL.getTypeStoreSizeInBits(Ty).isScalable()) {
      S.SkippedUnsupported++;
      return;
    }
    if (isProfilingAddress(Addr)) {
      S.SkippedProfiling++;
      return;
    }
    if (isVptrAccess(I)) {
      classifyVptr(I, Addr);
      return;
    }
    if (!IsWrite && O.SkipConstants && isConstantMemory(I, Addr)) {
      S.SkippedConstant++;
      return;
    }
    if (!IsWrite && O.SkipVtable && isVtableSlotLoad(Addr)) {
      S.SkippedVtable++;
      return;
    }
    if (O.SkipLocals && isNonEscapingLocal(Addr)) {
      S.SkippedLocal++;
      return;
    }
    if (O.SkipLocalHeap && isNonEscapingHeap(Addr)) {
      S.SkippedLocalHeap++;
      return;
    }
    uint64_t Size = DL.getTypeStoreSize(Ty).getFixedValue();
    const Value *Key = Addr->stripPointerCasts();
    if (O.SkipRedundant && isCovered(Key, Size, IsWrite)) {
      S.SkippedRedundant++;
      return;
    }
    if (IsWrite && O.SkipReadBeforeWrite)
      dropReadTakenOver(Key, Size);
    uint64_t &Slot = IsWrite ? Written[Key] : Read[Key];
    Slot = std::max(Slot, Size);
    if (!IsWrite)
      OpenReads[Key] = {Accesses.size(), Size};
    Accesses.push_back(&I);
    Windows.push_back(Window);
  }

  // The write of Key checks everything the open read of Key would have.
  void dropReadTakenOver(const Value *Key, uint64_t Size) {
    auto R = OpenReads.find(Key);
    if (R == OpenReads.end())
      return;
    if (R->second.second <= Size) {
      Accesses[R->second.first] = nullptr;
      S.SkippedReadBeforeWrite++;
    }
    OpenReads.erase(R);
  }

  bool isCovered(const Value *Key, uint64_t Size, bool IsWrite) const {
    auto W = Written.find(Key);
    if (W != Written.end() && W->second >= Size)
      return true;
    if (IsWrite)
      return false;
    auto R = Read.find(Key);
    return R != Read.end() && R->second >= Size;
  }

  static bool isConstantMemory(Instruction &I, Value *Addr) {
    if (I.getMetadata(LLVMContext::MD_invariant_load))
      return true;
    if (auto *GV = dyn_cast<GlobalVariable>(getUnderlyingObject(Addr)))
      return GV->isConstant();
    return false;
  }

  static bool isVptrAccess(const Instruction &I) {
    MDNode *Tag = I.getMetadata(LLVMContext::MD_tbaa);
    return Tag && Tag->isTBAAVtableAccess();
  }

  // A slot of a vtable: the address is a vptr load plus a constant offset.
  static bool isVtableSlotLoad(Value *Addr) {
    auto *VptrLoad = dyn_cast<LoadInst>(Addr->stripInBoundsConstantOffsets());
    return VptrLoad && isVptrAccess(*VptrLoad);
  }

  // Vptr accesses are checked one by one (see the file comment); a vector
  // store of several vptrs is checked at its first.
  void classifyVptr(Instruction &I, Value *Addr) {
    if (O.SkipLocals && isNonEscapingLocal(Addr)) {
      S.SkippedLocal++;
      return;
    }
    Vptrs.push_back(&I);
  }

  void instrumentVptr(Instruction *I) {
    IRBuilder<> B(I);
    Value *Addr = B.CreatePointerCast(getLoadStorePointerOperand(I), RT.PtrTy);
    auto *SI = dyn_cast<StoreInst>(I);
    if (!SI) {
      B.CreateCall(RT.VptrRead, {Addr});
      S.Reads++;
      return;
    }
    Value *V = SI->getValueOperand();
    if (isa<VectorType>(V->getType()))
      V = B.CreateExtractElement(V, uint64_t(0));
    V = V->getType()->isIntegerTy() ? B.CreateIntToPtr(V, RT.PtrTy) : B.CreatePointerCast(V, RT.PtrTy);
    B.CreateCall(RT.VptrUpdate, {Addr, V});
    S.Writes++;
  }

  // PointerMayBeCaptured's rules, except that the library calls that only
  // copy through a pointer argument during the call do not capture it.
  struct LocalCaptureTracker : CaptureTracker {
    bool Captured = false;
    void tooManyUses() override { Captured = true; }
    bool captured(const Use *U) override {
      if (libraryArgNoCapture(U))
        return false;
      Captured = true;
      return true;
    }
  };

  bool isNonEscapingLocal(Value *Addr) {
    const Value *Obj = getUnderlyingObject(Addr);
    auto It = LocalCache.find(Obj);
    if (It != LocalCache.end())
      return It->second;
    bool Local = false;
    if (isa<AllocaInst>(Obj)) {
      LocalCaptureTracker T;
      PointerMayBeCaptured(Obj, &T);
      Local = !T.Captured;
    }
    LocalCache[Obj] = Local;
    return Local;
  }

  // Every object the address may be based on (a pointer that a loop
  // swaps between two blocks is a phi of both) is a private heap block.
  bool isNonEscapingHeap(Value *Addr) {
    SmallVector<const Value *, 4> Objs;
    getUnderlyingObjects(Addr, Objs);
    if (Objs.empty() || Objs.size() > 4)
      return false;
    for (const Value *Obj : Objs) {
      auto It = HeapCache.find(Obj);
      if (It == HeapCache.end())
        It = HeapCache.try_emplace(Obj, isNonEscapingHeapBlock(Obj)).first;
      if (!It->second)
        return false;
    }
    return true;
  }

  void instrumentMemOp(CallBase *CB) {
    IRBuilder<> B(CB);
    bool Set = isa<MemSetInst>(CB) || libcMemCall(*CB) == LibcMem::Memset;
    Value *Dst = B.CreatePointerCast(CB->getArgOperand(0), RT.PtrTy);
    Value *Len = B.CreateZExtOrTrunc(CB->getArgOperand(2), RT.IntptrTy);
    Value *R;
    if (Set) {
      Value *Byte = B.CreateIntCast(CB->getArgOperand(1), RT.Int32Ty, /*isSigned=*/false);
      R = B.CreateCall(RT.Memset, {Dst, Byte, Len});
    } else {
      bool Move = isa<MemMoveInst>(CB) || libcMemCall(*CB) == LibcMem::Memmove;
      Value *Src = B.CreatePointerCast(CB->getArgOperand(1), RT.PtrTy);
      R = B.CreateCall(Move ? RT.Memmove : RT.Memcpy, {Dst, Src, Len});
    }
    if (!CB->use_empty()) // only the libc calls return something
      CB->replaceAllUsesWith(B.CreatePointerCast(R, CB->getType()));
    CB->eraseFromParent();
    S.MemIntrinsics++;
  }

  void instrumentEntryExit() {
    IRBuilder<> B(&*F.getEntryBlock().getFirstInsertionPt());
    Function *RetAddr = Intrinsic::getDeclaration(F.getParent(), Intrinsic::returnaddress);
    Value *Caller = B.CreateCall(RetAddr, {B.getInt32(0)});
    B.CreateCall(RT.FuncEntry, {B.CreatePointerCast(Caller, RT.PtrTy)});
    // longjmp leaves this frame without a return: pop it before the jump.
    // Frames between here and the setjmp cannot be popped from here; see
    // docs/plugin.md.
    for (Instruction *J : Longjmps) {
      IRBuilder<> JB(J);
      JB.CreateCall(RT.FuncExit, {});
    }
    EscapeEnumerator EE(F, "gosan_cleanup", O.HandleExceptions);
    while (IRBuilder<> *AtExit = EE.Next())
      AtExit->CreateCall(RT.FuncExit, {});
    S.Functions++;
  }
};

} // namespace

void emitAccessCheck(Instruction *I, Instruction *InsertBefore, Runtime &RT, Stats &S) {
  const DataLayout &DL = I->getModule()->getDataLayout();
  bool IsWrite = isa<StoreInst>(I);
  Value *Addr = getLoadStorePointerOperand(I);
  uint64_t Size = DL.getTypeStoreSize(getLoadStoreType(I)).getFixedValue();
  uint64_t Align = getLoadStoreAlignment(I).value();
  IRBuilder<> B(InsertBefore);
  B.SetCurrentDebugLocation(I->getDebugLoc());
  Value *P = B.CreatePointerCast(Addr, RT.PtrTy);
  int L = log2AccessSize(Size);
  if (L >= 0) {
    bool Unaligned = Size > 1 && Align < Size;
    B.CreateCall(RT.Access[IsWrite][Unaligned][L], {P});
  } else {
    B.CreateCall(RT.Range[IsWrite], {P, ConstantInt::get(RT.IntptrTy, Size)});
  }
  (IsWrite ? S.Writes : S.Reads)++;
}

void instrumentFunction(Function &F, FunctionAnalysisManager &FAM, Runtime &RT, const Options &O, Stats &S,
                        bool Ignored) {
  if (Ignored)
    S.FunctionsIgnored++;
  FunctionInstrumenter(F, FAM, RT, O, S, Ignored).run();
}

} // namespace gosan
