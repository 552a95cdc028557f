// module_pass.cpp - the IR pass: instruments every function of a module once,
// then adds the module constructor (__gosan_init, __gosan_register_globals).
//
// Invariants: a module is instrumented at most once, whatever the number of
// times the pass was registered (the plugin may be loaded both as -fplugin and
// -fpass-plugin, and a pipeline may reach more than one extension point): the
// named metadata !gosan.instrumented marks a done module.  The checker's own
// entry points and the constructor are never instrumented.
#include "gosan_pass.h"

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

} // namespace

PreservedAnalyses GosanModulePass::run(Module &M, ModuleAnalysisManager &MAM) {
  if (M.getNamedMetadata(DoneMarker))
    return PreservedAnalyses::all();
  M.getOrInsertNamedMetadata(DoneMarker);

  Options O = resolveOptions(frontendFacts().PluginArgs);
  Runtime RT(M);
  Stats S;
  FunctionFilter Filter(M);
  std::vector<Function *> Work;
  for (Function &F : M)
    if (!Filter.skipped(F))
      Work.push_back(&F);
  FunctionAnalysisManager &FAM = MAM.getResult<FunctionAnalysisManagerModuleProxy>(M).getManager();
  for (Function *F : Work) {
    instrumentFunction(*F, FAM, RT, O, S, Filter.ignored(*F));
    FAM.invalidate(*F, PreservedAnalyses::none()); // F changed: no stale loop facts for later users
  }
  emitModuleConstructor(M, RT, S);
  if (O.Stats)
    S.print(errs(), M.getSourceFileName());
  return PreservedAnalyses::none();
}

} // namespace gosan
