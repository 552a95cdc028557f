// plugin_entry.cpp - the entry of gosan-pass.so, the LLVM pass plugin: the
// llvmGetPassPluginInfo that `clang -fpass-plugin=` (and the AST side, for
// `-fplugin=`) and `opt -load-pass-plugin=` load, where the pass joins
// clang's pipeline, and the pass names opt's -passes= accepts.
//
// The pass runs at OptimizerLast, after the whole optimisation pipeline, so it
// sees the accesses that survive (as TSan).  Before that, at pipeline start,
// SpeculationGuardPass marks the functions it will check sanitize_thread so
// that the optimiser invents no accesses in them.  The -O0 pipeline of LLVM
// 14-19 invokes both callbacks too; the module marker makes extra
// registrations harmless.
//
// Pass names, for `opt -passes=` (both module passes):
//   gosan                     the instrumentation (GosanModulePass);
//   gosan-speculation-guard   the pipeline-start attribute marking.
// The pipeline callbacks stay registered under opt too, so
// `-passes='default<O2>'` with the plugin loaded runs both as clang does.
#include "gosan_pass.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

namespace gosan {

namespace {

bool parsePassName(StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
  if (Name == "gosan") {
    MPM.addPass(GosanModulePass());
    return true;
  }
  if (Name == "gosan-speculation-guard") {
    MPM.addPass(SpeculationGuardPass());
    return true;
  }
  return false;
}

} // namespace

void registerPasses(PassBuilder &PB) {
  disableLicmPromotion();
  PB.registerPipelineParsingCallback(parsePassName);
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) {
        MPM.addPass(VarargsSplitStackPass());
        MPM.addPass(SpeculationGuardPass());
      });
#if LLVM_VERSION_MAJOR >= 20
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel, ThinOrFullLTOPhase) { MPM.addPass(GosanModulePass()); });
#else
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) { MPM.addPass(GosanModulePass()); });
#endif
}

// One per process: gosan-plugin.so (the AST side) reaches this instance
// through its DT_NEEDED on this object.
FrontendFacts &frontendFacts() {
  static FrontendFacts Facts;
  return Facts;
}

} // namespace gosan

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "gosan", "0.1", gosan::registerPasses};
}
