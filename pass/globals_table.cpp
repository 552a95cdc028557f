// globals_table.cpp - the module constructor: __gosan_init(), then
// __gosan_register_globals(table, n) with one gosan_global per defined,
// writable global of the module (rt/gosan/race/gosan_abi.h).
//
// A global's name, file and line come from its DIGlobalVariable (full -g),
// else from what the AST side recorded under its IR name (-fplugin), else the
// IR name with no file.  Not registered: constants (cannot race), thread-locals
// (one copy per thread), linkonce/weak definitions (the linker keeps one of
// several copies; registering each module's would duplicate it), LLVM's own
// and the checker's globals, and the compiler's profiling counters and state
// (isProfilingGlobal).
#include "gosan_pass.h"

#include "llvm/Analysis/ValueTracking.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace gosan {
namespace {

bool isRegistrable(const GlobalVariable &GV) {
  if (isProfilingGlobal(GV))
    return false;
  if (GV.isDeclaration() || GV.isConstant() || GV.isThreadLocal() || GV.getAddressSpace() != 0)
    return false;
  if (GV.hasLinkOnceLinkage() || GV.hasWeakLinkage() || GV.hasAvailableExternallyLinkage())
    return false;
  StringRef N = GV.getName();
  if (startsWith(N, "llvm.") || startsWith(N, "__gosan") || startsWith(N, "gosan.") || GV.getSection() == "llvm.metadata")
    return false;
  return GV.getValueType()->isSized();
}

DeclSite siteOf(const GlobalVariable &GV) {
  SmallVector<DIGlobalVariableExpression *, 1> DIs;
  GV.getDebugInfo(DIs);
  for (DIGlobalVariableExpression *E : DIs) {
    if (DIGlobalVariable *V = E->getVariable())
      return DeclSite{V->getName().str(), V->getFilename().str(), V->getLine()};
  }
  const auto &Recorded = frontendFacts().Globals;
  auto It = Recorded.find(GV.getName().str());
  if (It != Recorded.end())
    return It->second;
  return DeclSite{GV.getName().str(), "", 0};
}

Constant *cString(Module &M, Runtime &RT, StringRef S) {
  Constant *Data = ConstantDataArray::getString(RT.Ctx, S);
  auto *GV = new GlobalVariable(M, Data->getType(), /*isConstant=*/true, GlobalValue::PrivateLinkage, Data,
                                "gosan.str");
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  return ConstantExpr::getPointerCast(GV, RT.PtrTy);
}

// Returns the table (i8*-cast) and its length; null when there is nothing.
std::pair<Constant *, unsigned> buildTable(Module &M, Runtime &RT) {
  const DataLayout &DL = M.getDataLayout();
  std::vector<GlobalVariable *> Globals;
  for (GlobalVariable &GV : M.globals())
    if (isRegistrable(GV))
      Globals.push_back(&GV);
  if (Globals.empty())
    return {nullptr, 0};
  StructType *EntryTy = StructType::get(RT.Ctx, {RT.PtrTy, RT.IntptrTy, RT.PtrTy, RT.PtrTy, RT.Int32Ty, RT.Int32Ty});
  std::vector<Constant *> Entries;
  for (GlobalVariable *GV : Globals) {
    DeclSite Site = siteOf(*GV);
    Constant *File = Site.File.empty() ? ConstantPointerNull::get(RT.PtrTy) : cString(M, RT, Site.File);
    Entries.push_back(ConstantStruct::get(
        EntryTy, {ConstantExpr::getPointerCast(GV, RT.PtrTy),
                  ConstantInt::get(RT.IntptrTy, DL.getTypeAllocSize(GV->getValueType()).getFixedValue()),
                  cString(M, RT, Site.Name), File, ConstantInt::get(RT.Int32Ty, Site.Line),
                  ConstantInt::get(RT.Int32Ty, 0)}));
  }
  ArrayType *TableTy = ArrayType::get(EntryTy, Entries.size());
  auto *Table = new GlobalVariable(M, TableTy, /*isConstant=*/true, GlobalValue::PrivateLinkage,
                                   ConstantArray::get(TableTy, Entries), "gosan.globals");
  return {ConstantExpr::getPointerCast(Table, RT.PtrTy), (unsigned)Entries.size()};
}

} // namespace

// PGO (-fprofile-instr-generate, -fprofile-generate): per-function counters,
// data and bitmaps in sections __llvm_prf_* (__profc_*, __profd_*, ...);
// gcov (--coverage): __llvm_gcov_ctr* counters and __llvm_gcda* state.  The
// instrumentation that makes them increments counters with plain,
// deliberately racy read-modify-writes, and the program cannot synchronise
// them: checking them would report races the user cannot fix (TSan skips
// them too).
bool isProfilingGlobal(const GlobalVariable &GV) {
  if (GV.hasSection() && startsWith(GV.getSection(), "__llvm_prf_"))
    return true;
  StringRef N = GV.getName();
  for (StringRef P : {"__llvm_gcov", "__llvm_gcda", "__llvm_prf_", "__llvm_profile_", "__profc_", "__profd_",
                      "__profvp_", "__profbm_"})
    if (startsWith(N, P))
      return true;
  return false;
}

bool isProfilingAddress(const Value *Addr) {
  const auto *GV = dyn_cast<GlobalVariable>(getUnderlyingObject(Addr));
  return GV && isProfilingGlobal(*GV);
}

void emitModuleConstructor(Module &M, Runtime &RT, Stats &S) {
  auto [Table, N] = buildTable(M, RT);
  Function *Ctor = Function::Create(FunctionType::get(RT.VoidTy, false), GlobalValue::InternalLinkage,
                                    "gosan.module_ctor", &M);
  Ctor->addFnAttr(Attribute::NoUnwind);
  IRBuilder<> B(BasicBlock::Create(RT.Ctx, "", Ctor));
  B.CreateCall(RT.Init, {});
  if (N)
    B.CreateCall(RT.RegisterGlobals, {Table, ConstantInt::get(RT.IntptrTy, N)});
  B.CreateRetVoid();
  // Priority 0: before the program's own constructors, which may already
  // touch memory or start goroutines.
  appendToGlobalCtors(M, Ctor, 0);
  S.Globals += N;
}

} // namespace gosan
