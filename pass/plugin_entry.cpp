// plugin_entry.cpp - the pass-plugin face of gosan-plugin.so: the
// llvmGetPassPluginInfo entry that `clang -fpass-plugin=` (and the AST side,
// for `-fplugin=`) loads, and where the pass joins clang's pipeline.
//
// The pass runs at OptimizerLast, after the whole optimisation pipeline, so it
// sees the accesses that survive (as TSan).  Before that, at pipeline start,
// SpeculationGuardPass marks the functions it will check sanitize_thread so
// that the optimiser invents no accesses in them.  The -O0 pipeline of LLVM
// 14-19 invokes both callbacks too; the module marker makes extra
// registrations harmless.
#include "gosan_pass.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Passes/PassPlugin.h"

using namespace llvm;

namespace gosan {

void registerPasses(PassBuilder &PB) {
  disableLicmPromotion();
  PB.registerPipelineStartEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) { MPM.addPass(SpeculationGuardPass()); });
#if LLVM_VERSION_MAJOR >= 20
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel, ThinOrFullLTOPhase) { MPM.addPass(GosanModulePass()); });
#else
  PB.registerOptimizerLastEPCallback(
      [](ModulePassManager &MPM, OptimizationLevel) { MPM.addPass(GosanModulePass()); });
#endif
}

FrontendFacts &frontendFacts() {
  static FrontendFacts Facts;
  return Facts;
}

} // namespace gosan

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "gosan", "0.1", gosan::registerPasses};
}
