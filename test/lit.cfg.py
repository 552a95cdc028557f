# lit configuration of gosan's suite.  Each test is a small C program with
# RUN: and CHECK: lines.  Substitutions:
#   %gosan-cc   the driver: plugin + checker runtime + library
#   %plain-cc   gosan-cc --plain: the library alone, no plugin, no checker
#   %cc-asan    the library's ASan+UBSan build, the program built the same way
#   %cc-tsan    the library's TSan build (fiber-annotated), the program likewise
#   FileCheck, not, count come from LLVM's bin directory.
import os
import lit.formats

site = lit_config.params.get('gosan_site_config')
if site:
    lit_config.load_config(config, site)

config.name = 'gosan'
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = ['.c', '.cpp']
config.excludes = ['Inputs', 'CMakeLists.txt']
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.gosan_obj_root, 'test')

obj = config.gosan_obj_root
bindir = config.gosan_llvm_bindir
config.environment['PATH'] = os.pathsep.join([bindir, os.path.join(obj, 'bin'),
                                              config.environment.get('PATH', '')])
# Reports must not depend on the developer's environment.
for var in ['GOSAN_OPTIONS', 'GOMAXPROCS', 'GOSAN_MAXPROCS', 'GOSAN_STACK_SIZE']:
    config.environment.pop(var, None)
# LLVM 15+ turned ASan's detect_stack_use_after_return on by default.  Its
# fake stack belongs to a fiber: every goroutine that ends frees one and the
# next maps a fresh one, which makes goroutine-heavy %cc-asan runs ~60x
# slower.  Keep LLVM 14's default on every version.
config.environment['ASAN_OPTIONS'] = 'detect_leaks=0:detect_stack_use_after_return=0'
config.environment['UBSAN_OPTIONS'] = 'print_stacktrace=1:halt_on_error=1'
config.environment['TSAN_OPTIONS'] = 'halt_on_error=1:exitcode=66'

cflags = '-Wall -Wextra -Wno-unused-parameter -g'
gcc = os.path.join(obj, 'bin', 'gosan-cc')
config.substitutions.append(('%cflags', cflags))
config.substitutions.append(('%gosan-cc', gcc + ' ' + cflags))
config.substitutions.append(('%plain-cc', gcc + ' --plain ' + cflags))
config.substitutions.append(('%cc-asan', gcc + ' --plain --asan -O1 ' + cflags))
config.substitutions.append(('%cc-tsan', gcc + ' --plain --tsan -O1 ' + cflags))

config.available_features.add('llvm-' + config.gosan_llvm_version)
# %opaque-ir: what clang needs to read an .ll input written with opaque
# pointers (`ptr`): LLVM 14 reads them only when asked.
config.substitutions.append(('%opaque-ir', '-mllvm -opaque-pointers' if config.gosan_llvm_version == '14' else ''))
# avx2, avx512f: the processor runs such code (tests of masked vector
# accesses, gathers and scatters).
try:
    with open('/proc/cpuinfo') as f:
        cpu_flags = f.read()
    for flag in ('avx2', 'avx512f'):
        if ' ' + flag in cpu_flags:
            config.available_features.add(flag)
except OSError:
    pass
# other-clang / %other-clang, %other-opt: the clang and opt of the other LLVM
# gosan supports (14 or 19), when installed, for the tests of a plugin loaded into the wrong
# LLVM (CI installs both).
other_version = '19' if config.gosan_llvm_version == '14' else '14'
other_clang = '/usr/lib/llvm-%s/bin/clang' % other_version
if os.path.exists(other_clang):
    config.available_features.add('other-clang')
    config.substitutions.append(('%other-clang', other_clang))
    config.substitutions.append(('%other-opt', os.path.join(os.path.dirname(other_clang), 'opt')))
if os.path.exists(os.path.join(obj, 'lib', 'gosan-plugin.so')):
    config.available_features.add('plugin')
# go: Go's toolchain, whose `go tool trace` reads gosan's execution traces
# (test/trace).
import shutil
if shutil.which('go'):
    config.available_features.add('go')
# gdb: test/gdb runs gdb in batch mode with the goroutine commands.
#   %gdb   gdb -batch -nx, allowed to auto-load the program's scripts
if shutil.which('gdb'):
    config.available_features.add('gdb')
    config.substitutions.append(('%gdb', 'gdb -q -batch -nx -iex "set auto-load safe-path /"'))

# curl: the debug endpoint's tests (test/debug) fetch its pages with it.
if shutil.which('curl'):
    config.available_features.add('curl')

# Plugin and driver tests (test/pass, test/driver):
#   %plugin         the build's gosan-plugin.so
#   %gosan-clang    the build's clang (%gosan-clangxx: clang++), no gosan flags
#   %gosan-driver   the gosan-cc script itself, without flags
#   %gosan-cxx      gosan-c++ (the same script; links with clang++)
#   %gosan-libdir   the build's lib directory (the runtimes' archives)
#   %gosan-src      the source tree
config.environment.pop('GOSAN_PASS_OPTIONS', None)
config.substitutions.append(('%plugin', os.path.join(obj, 'lib', 'gosan-plugin.so')))
config.substitutions.append(('%gosan-clangxx', config.gosan_clang + '++'))
config.substitutions.append(('%gosan-clang', config.gosan_clang))
config.substitutions.append(('%gosan-driver', os.path.join(obj, 'bin', 'gosan-cc')))
config.substitutions.append(('%gosan-cxx', os.path.join(obj, 'bin', 'gosan-c++')))
config.substitutions.append(('%gosan-libdir', os.path.join(obj, 'lib')))
config.substitutions.append(('%gosan-src', config.gosan_src_root))

# The pass under opt (test/pass-ll):
#   %gosan-pass-plugin  the build's gosan-pass.so (the LLVM pass plugin)
#   %opt                the opt of the build's LLVM, reading opaque-pointer
#                       IR (`ptr`) on LLVM 14 as well
#   %opt-typed          the same opt without that switch (typed-pointer IR,
#                       LLVM 14 only)
opt = os.path.join(bindir, 'opt')
config.substitutions.append(('%gosan-pass-plugin', os.path.join(obj, 'lib', 'gosan-pass.so')))
config.substitutions.append(('%opt-typed', opt))
config.substitutions.append(('%opt', opt + (' -opaque-pointers' if config.gosan_llvm_version == '14' else '')))

# sarif-multitool / %sarif-multitool: Microsoft's SARIF validator
# (`validate`), for the report_format=sarif tests: $GOSAN_SARIF_MULTITOOL,
# else the copy tools/install-deps.sh puts in .tools/, else PATH.
import shutil
sarif_tool = os.environ.get('GOSAN_SARIF_MULTITOOL') or os.path.join(
    os.path.dirname(config.test_source_root), '.tools', 'node_modules', '.bin', 'sarif-multitool')
if not os.path.exists(sarif_tool):
    sarif_tool = shutil.which('sarif-multitool')
if sarif_tool:
    config.available_features.add('sarif-multitool')
    config.substitutions.append(('%sarif-multitool', sarif_tool))
config.substitutions.append(('%python', 'python3'))
