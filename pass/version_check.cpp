// version_check.cpp - refuses to run inside an LLVM other than the one the
// plugin was built for, before anything touches LLVM's C++ ABI.  Part of
// gosan-pass.so; gosan-plugin.so needs that object, whose constructors run
// before its own, so the check covers both.
//
// The object is not linked against LLVM: it takes LLVM's and clang's
// symbols from the clang that loads it.  Loaded by another major version,
// the C++ ABI differs (class layouts, std::function signatures) while most
// symbol names still resolve, so the plugin would crash in its static
// constructors (cl::opt, the frontend-plugin registry) or silently register
// nothing.  LLVM_PLUGIN_API_VERSION does not help: it has been 1 since LLVM 9.
//
// This constructor runs first (priority 101: before every default-priority
// static constructor of the object, whichever file it is in) and uses only
// the C library and LLVM's C API, whose functions keep their ABI:
//  - LLVMGetVersion (llvm-c/Core.h, LLVM 16 and later) names the host's
//    version;
//  - without it (LLVM 15 and older), the file name of the shared object that
//    defines LLVMContextCreate (libLLVM-14.so.1, libLLVM.so.19.1) does;
//  - a host where neither tells (a statically linked clang that exports no C
//    API) is not checked.
// On a mismatch it prints one line naming both versions and the remedy and
// exits with status 1, as a compiler error would.
#include "llvm/Config/llvm-config.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <initializer_list>

namespace {

// The file name part of a path.
const char *baseName(const char *Path) {
  const char *Slash = std::strrchr(Path, '/');
  return Slash ? Slash + 1 : Path;
}

// The major version in a libLLVM file name: libLLVM-14.so.1, libLLVM.so.19.1.
int majorFromLibraryName(const char *Path) {
  const char *Base = baseName(Path);
  for (const char *Prefix : {"libLLVM-", "libLLVM.so."}) {
    size_t N = std::strlen(Prefix);
    if (std::strncmp(Base, Prefix, N) == 0 && Base[N] >= '0' && Base[N] <= '9')
      return std::atoi(Base + N);
  }
  return -1;
}

// The host's LLVM major version; 0 for "15 or older, exact number unknown";
// -1 for unknown.
int hostMajor() {
  using GetVersionFn = void (*)(unsigned *, unsigned *, unsigned *);
  if (auto Get = reinterpret_cast<GetVersionFn>(dlsym(RTLD_DEFAULT, "LLVMGetVersion"))) {
    unsigned Major = 0, Minor = 0, Patch = 0;
    Get(&Major, &Minor, &Patch);
    return (int)Major;
  }
  void *Any = dlsym(RTLD_DEFAULT, "LLVMContextCreate");
  Dl_info Info;
  if (Any && dladdr(Any, &Info) && Info.dli_fname) {
    int Major = majorFromLibraryName(Info.dli_fname);
    if (Major > 0)
      return Major;
  }
  return Any ? 0 : -1;
}

const char *selfName() {
  Dl_info Info;
  if (dladdr(reinterpret_cast<void *>(&selfName), &Info) && Info.dli_fname)
    return Info.dli_fname;
  return "gosan-pass.so";
}

__attribute__((constructor(101))) void checkHostLLVM() {
  const int Built = LLVM_VERSION_MAJOR;
  int Host = hostMajor();
  if (Host < 0 || Host == Built || (Host == 0 && Built < 16))
    return;
  char HostName[32];
  if (Host > 0)
    std::snprintf(HostName, sizeof HostName, "LLVM %d", Host);
  else
    std::snprintf(HostName, sizeof HostName, "LLVM 15 or older");
  char Fix[256];
  if (Host > 0)
    std::snprintf(Fix, sizeof Fix,
                  "use the plugin of an LLVM %d build (make build LLVM=%d: build-llvm%d/lib/%s) "
                  "or rebuild with -DGOSAN_LLVM_VERSION=%d",
                  Host, Host, Host, baseName(selfName()), Host);
  else
    std::snprintf(Fix, sizeof Fix, "use the clang of LLVM %d (/usr/lib/llvm-%d/bin/clang)", Built, Built);
  std::fprintf(stderr, "gosan: error: %s was built for LLVM %d but is loaded by %s: %s\n", selfName(), Built,
               HostName, Fix);
  std::fflush(stderr);
  std::exit(1);
}

} // namespace
