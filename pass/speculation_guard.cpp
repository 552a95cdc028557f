// speculation_guard.cpp - gives every function whose accesses the pass will
// check the sanitize_thread attribute at pipeline start, before the
// optimiser runs.
//
// Why: the optimiser may make an access the program never makes when no
// other thread can tell (a load speculated past `y == 1 && x == 1`, a store
// promoted out of a loop or speculated by SimplifyCFG).  The checker can tell,
// and would report a race on the invented access.  LLVM suppresses these
// transformations in functions carrying sanitize_thread (ValueTracking's
// mustSuppressSpeculation, SimplifyCFG's store speculation, LICM's
// promotion), which clang sets for -fsanitize=thread.  The attribute alone
// does not add TSan's pass: clang adds that pass only for -fsanitize=thread.
//
// One transformation ignores the attribute: LICM's promotion of a global
// to a register hoists a load that only some iterations make (`if (gate) x
// += i;` in a loop reads x before the loop) without asking
// mustSuppressSpeculation, in LLVM 14 to 19, with -fsanitize=thread too.  The
// plugin therefore switches LICM promotion off (-disable-licm-promotion) for
// the compilations it instruments, unless the command line set the option.
//
// Ignored functions (no_sanitize("thread"/"gosan"), annotate("gosan_ignore"),
// disable_sanitizer_instrumentation) do not get it, as with TSan: their
// accesses are not checked, so speculation there cannot produce a report.
// A side effect, also as with TSan: LLVM does not inline a function into a
// caller whose sanitize_thread differs (AttributeFuncs::areInlineCompatible),
// so an ignored body is never inlined into a checked caller, where the pass
// would check it, nor a checked one into an ignored caller, where it would be
// lost; always_inline still inlines.
#include "gosan_pass.h"

#include "llvm/IR/Module.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

namespace gosan {

// Found through the registered subcommands rather than
// getRegisteredOptions(): its default argument names the data symbol
// cl::TopLevelSubCommand, which LLVM 17 removed, and an undefined data
// symbol would make a plugin built for one version fail to load into
// another before version_check.cpp can say why.
void disableLicmPromotion() {
  for (cl::SubCommand *Sub : cl::getRegisteredSubcommands()) {
    auto It = Sub->OptionsMap.find("disable-licm-promotion");
    if (It == Sub->OptionsMap.end())
      continue;
    if (!It->second->getNumOccurrences())
      It->second->addOccurrence(0, "disable-licm-promotion", "true");
    return;
  }
}

PreservedAnalyses SpeculationGuardPass::run(Module &M, ModuleAnalysisManager &) {
  FunctionFilter Filter(M);
  bool Changed = false;
  for (Function &F : M) {
    if (Filter.skipped(F) || Filter.ignored(F) || F.hasFnAttribute(Attribute::SanitizeThread))
      continue;
    F.addFnAttr(Attribute::SanitizeThread);
    Changed = true;
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

} // namespace gosan
