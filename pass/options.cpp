// options.cpp - the pass's switches.
//
// Three sources, most specific first: `-mllvm -gosan-NAME=V` (works when
// gosan-plugin.so is loaded with -fplugin, because cc1 loads -fplugin objects,
// and with it this one, before it parses -mllvm; with -fpass-plugin alone
// clang rejects the unknown option), or `-gosan-NAME=V` on opt's command line,
// then the words of the environment variable GOSAN_PASS_OPTIONS, then
// `-fplugin-arg-gosan-NAME=V`.  A word is `NAME`, `NAME=0|1`, optionally
// spelt `-gosan-NAME` or `gosan-NAME`.
#include "gosan_pass.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <sstream>

using namespace llvm;

namespace gosan {
namespace {

struct Switch {
  const char *Name;
  bool Options::*Field;
  cl::opt<bool> *Opt;
};

cl::opt<bool> ClMemory("gosan-instrument-memory", cl::init(true), cl::desc("gosan: instrument loads and stores"));
cl::opt<bool> ClAtomics("gosan-instrument-atomics", cl::init(true), cl::desc("gosan: instrument atomics"));
cl::opt<bool> ClMemIntrinsics("gosan-instrument-memintrinsics", cl::init(true),
                              cl::desc("gosan: rewrite memcpy/memmove/memset"));
cl::opt<bool> ClFuncEntryExit("gosan-instrument-func-entry-exit", cl::init(true),
                              cl::desc("gosan: call __gosan_func_entry/exit"));
cl::opt<bool> ClHandleExceptions("gosan-handle-exceptions", cl::init(true),
                                 cl::desc("gosan: call __gosan_func_exit when unwinding"));
cl::opt<bool> ClSkipLocals("gosan-skip-locals", cl::init(true),
                           cl::desc("gosan: skip accesses to locals whose address does not escape"));
cl::opt<bool> ClSkipConstants("gosan-skip-constants", cl::init(true),
                              cl::desc("gosan: skip loads of constant globals and invariant memory"));
cl::opt<bool> ClSkipRedundant("gosan-skip-redundant", cl::init(true),
                              cl::desc("gosan: skip accesses covered earlier in the same block"));
cl::opt<bool> ClSkipReadBeforeWrite("gosan-skip-read-before-write", cl::init(true),
                                    cl::desc("gosan: skip reads of addresses written later in the same block"));
cl::opt<bool> ClSkipVtable("gosan-skip-vtable", cl::init(true), cl::desc("gosan: skip loads of vtable slots"));
cl::opt<bool> ClLoopRanges("gosan-loop-ranges", cl::init(true),
                           cl::desc("gosan: check the strided accesses of synchronisation-free loops as ranges"));
cl::opt<bool> ClBlockRanges("gosan-block-ranges", cl::init(true),
                            cl::desc("gosan: check adjacent accesses of one source line in a block as one range"));
cl::opt<bool> ClExitRanges("gosan-exit-ranges", cl::init(true),
                           cl::desc("gosan: check the 0-or-1-step accesses of synchronisation-free loops as ranges after the loop"));
cl::opt<bool> ClSkipDominated("gosan-skip-dominated", cl::init(true),
                              cl::desc("gosan: skip accesses covered by a dominating check with no synchronisation between"));
cl::opt<bool> ClHoistInvariant("gosan-hoist-invariant", cl::init(true),
                               cl::desc("gosan: check loop-invariant addresses of call-free loops once, before the loop"));
cl::opt<bool> ClSkipLocalHeap("gosan-skip-local-heap", cl::init(true),
                              cl::desc("gosan: skip accesses to heap blocks whose pointer never escapes the function"));
cl::opt<bool> ClStats("gosan-stats", cl::init(false), cl::desc("gosan: print instrumentation counters to stderr"));

const Switch Switches[] = {
    {"instrument-memory", &Options::Memory, &ClMemory},
    {"instrument-atomics", &Options::Atomics, &ClAtomics},
    {"instrument-memintrinsics", &Options::MemIntrinsics, &ClMemIntrinsics},
    {"instrument-func-entry-exit", &Options::FuncEntryExit, &ClFuncEntryExit},
    {"handle-exceptions", &Options::HandleExceptions, &ClHandleExceptions},
    {"skip-locals", &Options::SkipLocals, &ClSkipLocals},
    {"skip-constants", &Options::SkipConstants, &ClSkipConstants},
    {"skip-redundant", &Options::SkipRedundant, &ClSkipRedundant},
    {"skip-read-before-write", &Options::SkipReadBeforeWrite, &ClSkipReadBeforeWrite},
    {"skip-vtable", &Options::SkipVtable, &ClSkipVtable},
    {"loop-ranges", &Options::LoopRanges, &ClLoopRanges},
    {"block-ranges", &Options::BlockRanges, &ClBlockRanges},
    {"exit-ranges", &Options::ExitRanges, &ClExitRanges},
    {"skip-dominated", &Options::SkipDominated, &ClSkipDominated},
    {"hoist-invariant", &Options::HoistInvariant, &ClHoistInvariant},
    {"skip-local-heap", &Options::SkipLocalHeap, &ClSkipLocalHeap},
    {"stats", &Options::Stats, &ClStats},
};

// Applies one word unless -mllvm already set that switch.
void applyWord(Options &O, std::string Word, const char *Source) {
  StringRef W(Word);
  W = W.ltrim('-');
  if (startsWith(W, "gosan-"))
    W = W.substr(6);
  StringRef Name = W, Value = "1";
  size_t Eq = W.find('=');
  if (Eq != StringRef::npos) {
    Name = W.substr(0, Eq);
    Value = W.substr(Eq + 1);
  }
  for (const Switch &S : Switches) {
    if (Name != S.Name)
      continue;
    bool V;
    if (Value == "1" || Value == "true")
      V = true;
    else if (Value == "0" || Value == "false")
      V = false;
    else {
      errs() << "gosan: " << Source << ": bad value '" << Value << "' for " << Name << " (want 0 or 1)\n";
      return;
    }
    if (S.Opt->getNumOccurrences() == 0)
      O.*S.Field = V;
    return;
  }
  errs() << "gosan: " << Source << ": unknown option '" << Name << "'\n";
}

} // namespace

Options resolveOptions(const std::vector<std::string> &PluginArgs) {
  Options O;
  for (const Switch &S : Switches)
    O.*S.Field = *S.Opt;
  if (const char *Env = std::getenv("GOSAN_PASS_OPTIONS")) {
    std::istringstream In(Env);
    std::string Word;
    while (In >> Word)
      applyWord(O, Word, "GOSAN_PASS_OPTIONS");
  }
  for (const std::string &A : PluginArgs)
    applyWord(O, A, "-fplugin-arg-gosan");
  return O;
}

} // namespace gosan
