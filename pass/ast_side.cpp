// ast_side.cpp - gosan-plugin.so, clang's frontend plugin (`clang -fplugin=`).
//
// It needs gosan-pass.so (the LLVM pass plugin, linked as DT_NEEDED and found
// next to it), so loading it with -fplugin loads the pass plugin too: the
// -gosan-* options exist before cc1 parses -mllvm, and frontendFacts() is the
// pass's own instance.  It runs before clang's code generator
// (AddBeforeMainAction) in the same cc1 process as the IR pass and:
//  1. makes the backend load gosan-pass.so as a pass plugin (pushing its
//     path onto CodeGenOptions::PassPlugins unless -fpass-plugin already named
//     it or this object), so -fplugin alone instruments;
//  2. records, by IR name, each global variable's source name and presumed
//     declaration file:line (the globals table needs them without -g), and
//     each function whose instrumentation is switched off by
//     no_sanitize("thread"/"gosan") or annotate("gosan_ignore");
//  3. keeps -fplugin-arg-gosan-* words as pass options.
//
// It does not switch line tables on: clang's code generator has copied
// CodeGenOptions before any plugin consumer is created (gosan-cc passes
// -gline-tables-only instead; see docs/plugin.md).
//
// Invariant: everything handed to the pass lives in frontendFacts(), one
// instance per process (in gosan-pass.so); cc1 compiles one translation unit.
#include "gosan_pass.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Mangle.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/DiagnosticSema.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendPluginRegistry.h"
#include "llvm/Support/FileSystem.h"

#include <dlfcn.h>

using namespace clang;

namespace gosan {
namespace {

std::string realPath(llvm::StringRef P) {
  llvm::SmallString<256> Out;
  if (llvm::sys::fs::real_path(P, Out))
    return P.str();
  return std::string(Out.str());
}

// The path of the shared object that defines Fn, as the dynamic loader knows
// it.
std::string objectPath(void *Fn) {
  Dl_info Info;
  if (!dladdr(Fn, &Info) || !Info.dli_fname)
    return "";
  return realPath(Info.dli_fname);
}

// -fpass-plugin naming either object loads the pass plugin: this one
// resolves llvmGetPassPluginInfo through its dependency.
void enablePassPlugin(CompilerInstance &CI) {
  std::string Pass = objectPath(reinterpret_cast<void *>(&frontendFacts));
  std::string Self = objectPath(reinterpret_cast<void *>(&objectPath));
  if (Pass.empty()) {
    CI.getDiagnostics().Report(CI.getDiagnostics().getCustomDiagID(
        DiagnosticsEngine::Warning, "gosan: cannot find gosan-pass.so's path; add -fpass-plugin= too"));
    return;
  }
  std::vector<std::string> &Plugins = CI.getCodeGenOpts().PassPlugins;
  for (const std::string &P : Plugins) {
    std::string Real = realPath(P);
    if (Real == Pass || Real == Self)
      return;
  }
  Plugins.push_back(Pass);
}

bool ignoresGosan(const FunctionDecl *FD) {
  for (const auto *A : FD->specific_attrs<NoSanitizeAttr>())
    for (llvm::StringRef S : A->sanitizers())
      if (S == "thread" || S == "gosan")
        return true;
  for (const auto *A : FD->specific_attrs<AnnotateAttr>())
    if (A->getAnnotation() == "gosan_ignore")
      return true;
  return false;
}

class FactsVisitor : public RecursiveASTVisitor<FactsVisitor> {
public:
  explicit FactsVisitor(ASTContext &Ctx) : Ctx(Ctx), Names(Ctx) {}
  bool shouldVisitTemplateInstantiations() const { return true; }

  bool VisitVarDecl(VarDecl *D) {
    if (!D->hasGlobalStorage() || D->isLocalExternDecl() || D->isTemplated() ||
        D->getDeclContext()->isDependentContext())
      return true;
    if (!D->isStaticLocal() && D->isThisDeclarationADefinition() == VarDecl::DeclarationOnly)
      return true;
    PresumedLoc PL = Ctx.getSourceManager().getPresumedLoc(
        Ctx.getSourceManager().getExpansionLoc(D->getLocation()));
    if (PL.isInvalid())
      return true;
    DeclSite Site{D->getNameAsString(), PL.getFilename(), PL.getLine()};
    frontendFacts().Globals[irName(D)] = Site;
    return true;
  }

  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->isTemplated() || FD->isDependentContext() || !ignoresGosan(FD))
      return true;
    if (isa<CXXConstructorDecl>(FD) || isa<CXXDestructorDecl>(FD)) {
      for (const std::string &N : Names.getAllManglings(FD))
        frontendFacts().IgnoredFunctions.insert(N);
    } else {
      frontendFacts().IgnoredFunctions.insert(Names.getName(FD));
    }
    return true;
  }

private:
  ASTContext &Ctx;
  ASTNameGenerator Names;

  // C names a static local "<function>.<variable>" in IR; everything else
  // is the mangled name.
  std::string irName(VarDecl *D) {
    if (D->isStaticLocal() && !Ctx.getLangOpts().CPlusPlus) {
      if (const auto *FD = dyn_cast<FunctionDecl>(D->getParentFunctionOrMethod()))
        return Names.getName(FD) + "." + D->getNameAsString();
    }
    return Names.getName(D);
  }
};

// An ignored function inlined into a checked one would be checked: keep it
// out of line.  Runs per top-level declaration, before clang's code generator
// sees it (this consumer comes first).
class NoInlineMarker : public RecursiveASTVisitor<NoInlineMarker> {
public:
  explicit NoInlineMarker(ASTContext &Ctx) : Ctx(Ctx) {}
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (ignoresGosan(FD) && !FD->hasAttr<NoInlineAttr>())
      FD->addAttr(NoInlineAttr::CreateImplicit(Ctx));
    return true;
  }

private:
  ASTContext &Ctx;
};

class FactsConsumer : public ASTConsumer {
public:
  bool HandleTopLevelDecl(DeclGroupRef DG) override {
    for (Decl *D : DG) {
      NoInlineMarker M(D->getASTContext());
      M.TraverseDecl(D);
    }
    return true;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    FactsVisitor V(Ctx);
    V.TraverseDecl(Ctx.getTranslationUnitDecl());
  }
};

class GosanASTAction : public PluginASTAction {
protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI, llvm::StringRef) override {
    frontendFacts().Present = true;
    enablePassPlugin(CI);
    // no_sanitize("gosan") is ours: clang does not know the name, keeps it in
    // the attribute, and would warn about it.
    CI.getDiagnostics().setSeverityForGroup(diag::Flavor::WarningOrError, "unknown-sanitizers",
                                            diag::Severity::Ignored);
    return std::make_unique<FactsConsumer>();
  }

  bool ParseArgs(const CompilerInstance &, const std::vector<std::string> &Args) override {
    frontendFacts().PluginArgs = Args;
    return true;
  }

  ActionType getActionType() override { return AddBeforeMainAction; }
};

} // namespace
} // namespace gosan

static clang::FrontendPluginRegistry::Add<gosan::GosanASTAction>
    GosanPlugin("gosan", "gosan: record globals' declarations and run the instrumentation pass");
