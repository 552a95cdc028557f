// gosan_pass.h - what the parts of the plugin share: options, counters, the
// runtime's entry points as LLVM callees, and the facts the -fplugin (AST)
// side records for the IR pass in the same process.
//
// Invariants: the IR side (gosan-pass.so) never includes clang headers (only
// the AST side, gosan-plugin.so, does), and every __gosan_* callee is
// declared through Runtime so that its type matches rt/gosan/race/gosan_abi.h in
// both typed-pointer (LLVM 14) and opaque-pointer (15+) IR.
#ifndef GOSAN_PASS_H
#define GOSAN_PASS_H

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace llvm {
class PassBuilder;
class Instruction;
class CallBase;
class CallInst;
class BasicBlock;
} // namespace llvm

namespace gosan {

inline bool startsWith(llvm::StringRef S, llvm::StringRef Prefix) {
  return S.size() >= Prefix.size() && S.substr(0, Prefix.size()) == Prefix;
}

// What to instrument and which provably race-free accesses to skip.
struct Options {
  bool Memory = true;          // plain loads and stores
  bool Atomics = true;         // atomic load/store/rmw/cmpxchg/fence
  bool MemIntrinsics = true;   // memcpy/memmove/memset
  bool FuncEntryExit = true;   // __gosan_func_entry/exit
  bool HandleExceptions = true; // func_exit on unwinding too
  bool SkipLocals = true;      // non-escaping allocas
  bool SkipConstants = true;   // loads of constant globals / invariant memory
  bool SkipRedundant = true;   // covered earlier in the same block
  bool SkipReadBeforeWrite = true; // read written later in the same block
  bool SkipVtable = true;      // loads of vtable slots (through a TBAA-tagged vptr load)
  bool LoopRanges = true;      // strided loop accesses checked as one range
  bool BlockRanges = true;     // adjacent accesses of one line checked as one range
  bool ExitRanges = true;      // 0-or-1-step loop accesses checked as one range after the loop
  bool SkipDominated = true;   // covered by a dominating check, no synchronisation between
  bool HoistInvariant = true;  // loop-invariant addresses checked once in the preheader
  bool SkipLocalHeap = true;   // heap blocks whose pointer never escapes the function
  bool Stats = false;          // print counters per module to stderr
};

// -mllvm -gosan-*, then GOSAN_PASS_OPTIONS and -fplugin-arg-gosan-* for the
// options not given with -mllvm.  Prints a warning for an unknown name.
Options resolveOptions(const std::vector<std::string> &PluginArgs);

// Per-module counters, printed by -gosan-stats.
struct Stats {
  unsigned Functions = 0, FunctionsIgnored = 0;
  unsigned Reads = 0, Writes = 0, Atomics = 0, MemIntrinsics = 0, Globals = 0;
  unsigned SkippedLocal = 0, SkippedConstant = 0, SkippedRedundant = 0;
  unsigned SkippedVtable = 0, SkippedIgnored = 0, SkippedDisabled = 0;
  unsigned SkippedUnsupported = 0, SkippedReadBeforeWrite = 0, SkippedProfiling = 0;
  unsigned LoopRanges = 0, SkippedLoopRange = 0, BlockRanges = 0, SkippedBlockRange = 0;
  unsigned ExitRanges = 0, SkippedExitRange = 0;
  unsigned NoTailCalls = 0;
  unsigned SkippedDominated = 0, HoistedInvariant = 0, SkippedLocalHeap = 0;
  void print(llvm::raw_ostream &OS, llvm::StringRef Module) const;
};

// Where a global was declared, by IR (mangled) name.
struct DeclSite {
  std::string Name; // the source name
  std::string File;
  unsigned Line = 0;
};

// Recorded by the AST side (-fplugin) for the pass in the same cc1 process.
struct FrontendFacts {
  bool Present = false;
  std::map<std::string, DeclSite> Globals;
  std::set<std::string> IgnoredFunctions; // no_sanitize("thread"/"gosan"), annotate("gosan_ignore")
  std::vector<std::string> PluginArgs;    // -fplugin-arg-gosan-*
};
FrontendFacts &frontendFacts();

// The checker's entry points (rt/gosan/race/gosan_abi.h) declared in one module.
struct Runtime {
  explicit Runtime(llvm::Module &M);
  llvm::Module &M;
  llvm::LLVMContext &Ctx;
  llvm::Type *VoidTy, *Int32Ty, *IntptrTy;
  llvm::PointerType *PtrTy; // i8* / ptr
  llvm::FunctionCallee Init, RegisterGlobals, FuncEntry, FuncExit;
  llvm::FunctionCallee Access[2][2][5]; // [write][unaligned][log2 size]
  llvm::FunctionCallee Range[2];        // [write]
  llvm::FunctionCallee Elems[2];        // [write]: a loop's elements at once
  llvm::FunctionCallee Masked[2];       // [write]: the enabled lanes of a masked vector access
  llvm::FunctionCallee PerLane[2];      // [write]: the same for gathers/scatters (an address per lane)
  llvm::FunctionCallee Memcpy, Memmove, Memset;
  llvm::FunctionCallee VptrUpdate, VptrRead; // C++ vtable pointers (TBAA-tagged)
  llvm::FunctionCallee ThreadFence, SignalFence;
  // Atomics by log2 of the byte size (0..4 = 8..128 bits).
  enum RmwOp { Xchg, Add, Sub, And, Or, Xor, Nand, NumRmw };
  llvm::FunctionCallee AtomicLoad[5], AtomicStore[5], AtomicRmw[NumRmw][5], AtomicCas[5];
  llvm::IntegerType *atomicIntTy(unsigned Log2) const;
  llvm::PointerType *atomicPtrTy(unsigned Log2) const;

private:
  llvm::FunctionCallee declare(llvm::StringRef Name, llvm::Type *Ret, llvm::ArrayRef<llvm::Type *> Args);
};

// Byte size -> 0..4 for 1,2,4,8,16, -1 otherwise.
int log2AccessSize(uint64_t Bytes);

// Library calls: go_* and gosan_* (uninstrumented code whose runtime needs
// the caller's return address).
bool isLibraryFunction(llvm::StringRef Name);
// Whether use U passes a pointer to a library call that copies through it
// during the call only (a channel element, a select case array).
bool libraryArgNoCapture(const llvm::Use *U);

// Instruments one function.  Ignored functions get only entry/exit (and
// their atomics, which may implement synchronisation).
void instrumentFunction(llvm::Function &F, llvm::FunctionAnalysisManager &FAM, Runtime &RT, const Options &O,
                        Stats &S, bool Ignored);

// Replaces the strided accesses of synchronisation-free loops among
// Accesses by one range check per run before the loop (range_checks.cpp);
// the accesses it takes become null.
void hoistLoopRanges(llvm::Function &F, llvm::FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
                     llvm::SmallVectorImpl<llvm::Instruction *> &Accesses);
// Replaces the accesses of synchronisation-free loops whose index moves by
// 0 or 1 element per iteration by one range check per access after the
// loop, over the elements it touched (exit_ranges.cpp); they become null.
void checkExitRanges(llvm::Function &F, llvm::FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
                     llvm::SmallVectorImpl<llvm::Instruction *> &Accesses);
// Same for accesses of one window (Windows[i] is Accesses[i]'s) and one
// source line whose addresses are a constant apart and cover contiguous
// bytes: one range check at the first of them.
void mergeBlockRuns(llvm::Function &F, llvm::FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
                    llvm::SmallVectorImpl<llvm::Instruction *> &Accesses, llvm::ArrayRef<unsigned> Windows);

// Drops the accesses among Accesses (sets them to null) whose check is
// covered by a dominating check of the same bytes with no instruction that
// may synchronise on any path between (dominating_checks.cpp).
void dropDominatedChecks(llvm::Function &F, llvm::FunctionAnalysisManager &FAM, Stats &S,
                         llvm::SmallVectorImpl<llvm::Instruction *> &Accesses);
// Checks the accesses of loop-invariant addresses that run on every
// iteration of a call-free innermost loop once, in its preheader; they
// become null (invariant_checks.cpp).
void hoistInvariantChecks(llvm::Function &F, llvm::FunctionAnalysisManager &FAM, Runtime &RT, Stats &S,
                          llvm::SmallVectorImpl<llvm::Instruction *> &Accesses);
// The check of plain load or store Access (__gosan_readN, ...), inserted
// before InsertBefore with Access's debug location; counted.
void emitAccessCheck(llvm::Instruction *Access, llvm::Instruction *InsertBefore, Runtime &RT, Stats &S);
// Whether I may synchronise (atomics, fences, calls not known to be
// sync-free), and whether any instruction of BB may (sync_points.cpp).
bool maySynchroniseAt(const llvm::Instruction &I);
bool blockMaySynchronise(const llvm::BasicBlock &BB);
// Whether Obj is a fresh heap block (malloc, new, ...) whose pointer never
// escapes the function (local_heap.cpp).
bool isNonEscapingHeapBlock(const llvm::Value *Obj);

// Replaces one atomic instruction with runtime calls; false if unsupported
// (the instruction is then left as it is).
bool instrumentAtomic(llvm::Instruction *I, Runtime &RT);
// A call of one of libatomic's __atomic_* functions (libatomic_calls.cpp),
// and its redirection to the checker's __gosan_libatomic_* entry point.
bool isLibatomicCall(const llvm::CallBase &CB);
bool redirectLibatomicCall(llvm::CallInst *CI, Runtime &RT);

// Memory the compiler's own instrumentation writes with known, accepted
// races: PGO counters (section __llvm_prf_*), gcov's counters and state
// (__llvm_gcov*, __llvm_gcda*).  Neither checked nor registered.
bool isProfilingGlobal(const llvm::GlobalVariable &GV);
bool isProfilingAddress(const llvm::Value *Addr);

// Globals table and module constructor.
void emitModuleConstructor(llvm::Module &M, Runtime &RT, Stats &S);

// Which functions the pass instruments (not skipped) and which of those are
// ignored: accesses not checked (function_filter.cpp).
class FunctionFilter {
public:
  explicit FunctionFilter(llvm::Module &M);
  bool skipped(const llvm::Function &F) const; // declarations, naked, the checker's own
  bool ignored(const llvm::Function &F) const; // excluded by the user
private:
  llvm::SmallPtrSet<const llvm::Function *, 8> Annotated; // annotate("gosan_ignore")
};

// Pipeline start: sanitize_thread on every checked function, so that the
// optimiser invents no access the checker would see (speculation_guard.cpp).
class SpeculationGuardPass : public llvm::PassInfoMixin<SpeculationGuardPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &AM);
  static bool isRequired() { return true; }
};

// Sets -disable-licm-promotion unless given: LICM's load promotion ignores
// sanitize_thread (speculation_guard.cpp).
void disableLicmPromotion();

// Pipeline start: no split-stack prologue on variadic functions, which the
// x86 backend cannot compile with one (varargs_split_stack.cpp).
class VarargsSplitStackPass : public llvm::PassInfoMixin<VarargsSplitStackPass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &AM);
  static bool isRequired() { return true; }
};

class GosanModulePass : public llvm::PassInfoMixin<GosanModulePass> {
public:
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &AM);
  static bool isRequired() { return true; } // runs on optnone (-O0) code too
};

void registerPasses(llvm::PassBuilder &PB);

} // namespace gosan

#endif
