// varargs_split_stack.cpp - takes the split-stack prologue off variadic
// functions, which LLVM's x86 backend cannot give one ("Segmented stacks do
// not support vararg functions": a fatal error that stopped the compile of
// any file defining a `...` function, such as printf-like helpers).
//
// gosan-cc compiles with -fsplit-stack so that every function checks on
// entry that its frame fits in the goroutine's stack (docs/scheduler.md,
// "Stacks"); clang puts the "split-stack" attribute on every definition.  A
// variadic function loses only its own check: the functions it calls still
// check theirs, and its frame is below the guard page's reach like any
// function with no_split_stack.  Runs at pipeline start, before anything
// else reads the attribute.
#include "gosan_pass.h"

#include "llvm/IR/Module.h"

using namespace llvm;

namespace gosan {

PreservedAnalyses VarargsSplitStackPass::run(Module &M, ModuleAnalysisManager &) {
  bool Changed = false;
  for (Function &F : M) {
    if (!F.isVarArg() || !F.hasFnAttribute("split-stack"))
      continue;
    F.removeFnAttr("split-stack");
    Changed = true;
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace gosan
