// stack_plugin_entry.cpp - the entry of gosan-stack.so, the pass plugin of
// production builds (`gosan-cc --plain`, gosan::go in CMake, gosan.pc's
// clang_cflags).  Those builds compile with `-Xclang -fsplit-stack`, the
// goroutine stack check (docs/scheduler.md, "Stacks"), and LLVM's x86
// backend stops with a fatal error on any variadic function given that
// prologue; this plugin only takes the prologue off variadic functions
// (varargs_split_stack.cpp) at pipeline start.  It instruments nothing and
// needs no runtime.
//
// The checker's gosan-pass.so registers the same pass itself, so a checked
// build does not need this object; loading both is harmless (the second run
// finds no attribute left to remove).
//
// Pass name, for `opt -passes=`: gosan-varargs-split-stack.
#include "gosan_pass.h"

#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

namespace {

bool parseStackPassName(StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
  if (Name != "gosan-varargs-split-stack")
    return false;
  MPM.addPass(gosan::VarargsSplitStackPass());
  return true;
}

void registerStackPasses(PassBuilder &PB) {
  PB.registerPipelineParsingCallback(parseStackPassName);
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) { MPM.addPass(gosan::VarargsSplitStackPass()); });
}

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "gosan-stack", "0.1", registerStackPasses};
}
