// module_pass.cpp - the IR pass: instruments every function of a module once,
// then adds the module constructor (__gosan_init, __gosan_register_globals).
//
// Invariants: a module is instrumented at most once, whatever the number of
// times the pass was registered (the plugin may be loaded both as -fplugin and
// -fpass-plugin, and a pipeline may reach more than one extension point): the
// named metadata !gosan.instrumented marks a done module.  The checker's own
// entry points and the constructor are never instrumented.
#include "gosan_pass.h"

#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Transforms/Utils/ModuleUtils.h"

using namespace llvm;

namespace gosan {
namespace {

const char DoneMarker[] = "gosan.instrumented";
const char CtorName[] = "gosan.module_ctor";

// Functions carrying __attribute__((annotate("gosan_ignore"))), from
// llvm.global.annotations (works without the AST side).
SmallPtrSet<const Function *, 8> annotatedIgnored(Module &M) {
  SmallPtrSet<const Function *, 8> Out;
  GlobalVariable *GA = M.getNamedGlobal("llvm.global.annotations");
  if (!GA || !GA->hasInitializer())
    return Out;
  auto *Arr = dyn_cast<ConstantArray>(GA->getInitializer());
  if (!Arr)
    return Out;
  for (Value *Op : Arr->operands()) {
    auto *Entry = dyn_cast<ConstantStruct>(Op);
    if (!Entry || Entry->getNumOperands() < 2)
      continue;
    auto *Fn = dyn_cast<Function>(Entry->getOperand(0)->stripPointerCasts());
    auto *Str = dyn_cast<GlobalVariable>(Entry->getOperand(1)->stripPointerCasts());
    if (!Fn || !Str || !Str->hasInitializer())
      continue;
    auto *Data = dyn_cast<ConstantDataSequential>(Str->getInitializer());
    if (Data && Data->isCString() && Data->getAsCString() == "gosan_ignore")
      Out.insert(Fn);
  }
  return Out;
}

bool shouldSkipFunction(const Function &F) {
  if (F.isDeclaration() || F.getName() == CtorName || startsWith(F.getName(), "__gosan_"))
    return true;
  return F.hasFnAttribute(Attribute::Naked);
}

bool isIgnored(const Function &F, const SmallPtrSetImpl<const Function *> &Annotated) {
  return Annotated.count(&F) || F.hasFnAttribute(Attribute::DisableSanitizerInstrumentation) ||
         frontendFacts().IgnoredFunctions.count(F.getName().str());
}

} // namespace

PreservedAnalyses GosanModulePass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (M.getNamedMetadata(DoneMarker))
    return PreservedAnalyses::all();
  M.getOrInsertNamedMetadata(DoneMarker);

  Options O = resolveOptions(frontendFacts().PluginArgs);
  Runtime RT(M);
  Stats S;
  SmallPtrSet<const Function *, 8> Annotated = annotatedIgnored(M);
  std::vector<Function *> Work;
  for (Function &F : M)
    if (!shouldSkipFunction(F))
      Work.push_back(&F);
  FunctionAnalysisManager &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  for (Function *F : Work) {
    instrumentFunction(*F, FAM, RT, O, S, isIgnored(*F, Annotated));
    FAM.invalidate(*F, PreservedAnalyses::none()); // F changed: no stale loop facts for later users
  }
  emitModuleConstructor(M, RT, S);
  if (O.Stats)
    S.print(errs(), M.getSourceFileName());
  return PreservedAnalyses::none();
}

} // namespace gosan
