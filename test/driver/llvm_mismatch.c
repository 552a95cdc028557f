// A plugin loaded into another LLVM than the one it was built for refuses
// with one line naming both versions and the remedy, exit status 1, before
// anything crashes or compiles without instrumentation: in each plugin mode
// and at -O0 and -O2, and in opt.  The check is gosan-pass.so's, which
// gosan-plugin.so loads first, so it names that object.  gosan-cc says the
// same before compiling.
// REQUIRES: plugin, other-clang
// RUN: not %other-clang -O2 -fpass-plugin=%plugin -c %s -o %t.o > %t.p2 2>&1
// RUN: FileCheck %s --input-file=%t.p2
// RUN: count 1 < %t.p2
// RUN: not %other-clang -O0 -fpass-plugin=%plugin -c %s -o %t.o > %t.p0 2>&1
// RUN: FileCheck %s --input-file=%t.p0
// RUN: count 1 < %t.p0
// RUN: not %other-clang -O0 -fplugin=%plugin -c %s -o %t.o > %t.f0 2>&1
// RUN: FileCheck %s --input-file=%t.f0
// RUN: count 1 < %t.f0
// RUN: not %other-clang -O2 -fplugin=%plugin -fpass-plugin=%plugin -c %s -o %t.o > %t.b2 2>&1
// RUN: FileCheck %s --input-file=%t.b2
// RUN: count 1 < %t.b2
// RUN: not %other-opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan -disable-output < /dev/null > %t.opt 2>&1
// RUN: FileCheck %s --input-file=%t.opt
// RUN: count 1 < %t.opt
// RUN: env GOSAN_CLANG=%other-clang not %gosan-driver -O1 -c %s -o %t.o > %t.d 2>&1
// RUN: FileCheck %s --check-prefix=DRIVER --input-file=%t.d
// RUN: count 1 < %t.d
// The right clang still works through gosan-cc with GOSAN_CLANG set.
// RUN: env GOSAN_CLANG=%gosan-clang %gosan-driver -O1 -c %s -o %t.o

// CHECK: gosan: error: {{.*}}/gosan-pass.so was built for LLVM [[BUILT:[0-9]+]] but is loaded by LLVM [[HOST:[0-9]+]]: use the plugin of an LLVM [[HOST]] build (make build LLVM=[[HOST]]: build-llvm[[HOST]]/lib/gosan-pass.so) or rebuild with -DGOSAN_LLVM_VERSION=[[HOST]]
// DRIVER: gosan-cc: {{.*}}clang is LLVM [[HOST:[0-9]+]] but this gosan's plugin was built for LLVM [[BUILT:[0-9]+]]: use GOSAN_CLANG=/usr/lib/llvm-[[BUILT]]/bin/clang, or a gosan built for LLVM [[HOST]] (make build LLVM=[[HOST]], or cmake -DGOSAN_LLVM_VERSION=[[HOST]])

int shared;
void store(int v) { shared = v; }
