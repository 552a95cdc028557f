// function_filter.cpp - which functions of a module the pass instruments, and
// which of those the user excluded from access checks (ignored functions).
//
// The same answer is needed twice: at pipeline start, to give the checked
// functions the sanitize_thread attribute before the optimiser runs
// (speculation_guard.cpp), and at OptimizerLast, to instrument them
// (module_pass.cpp).  Both ask this class so that they cannot disagree.
//
// Invariant: answers depend only on the function's attributes, its
// annotate("gosan_ignore") entry in llvm.global.annotations, and the AST
// side's list of ignored functions, all of which exist before the optimiser
// runs and do not change during it.
#include "gosan_pass.h"

#include "llvm/IR/Constants.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace gosan {
namespace {

const char CtorName[] = "gosan.module_ctor";

} // namespace

// Functions carrying __attribute__((annotate("gosan_ignore"))), from
// llvm.global.annotations (works without the AST side).
FunctionFilter::FunctionFilter(Module &M) {
  GlobalVariable *GA = M.getNamedGlobal("llvm.global.annotations");
  if (!GA || !GA->hasInitializer())
    return;
  auto *Arr = dyn_cast<ConstantArray>(GA->getInitializer());
  if (!Arr)
    return;
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
      Annotated.insert(Fn);
  }
}

bool FunctionFilter::skipped(const Function &F) const {
  if (F.isDeclaration() || F.getName() == CtorName || startsWith(F.getName(), "__gosan_"))
    return true;
  return F.hasFnAttribute(Attribute::Naked);
}

bool FunctionFilter::ignored(const Function &F) const {
  return Annotated.count(&F) || F.hasFnAttribute(Attribute::DisableSanitizerInstrumentation) ||
         frontendFacts().IgnoredFunctions.count(F.getName().str());
}

} // namespace gosan
