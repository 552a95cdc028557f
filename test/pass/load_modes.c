// The one shared object works as -fplugin, as -fpass-plugin, and as both at
// once (what gosan-cc passes) without instrumenting twice, at -O0 to -O3.
// REQUIRES: plugin
// RUN: %gosan-clang -O0 -fplugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gosan-clang -O1 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gosan-clang -O2 -fplugin=%plugin -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gosan-clang -O3 -fplugin=%plugin -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gosan-clang -O0 -fplugin=%plugin -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// Object code too, not just IR.
// RUN: %gosan-clang -O2 -fplugin=%plugin -fpass-plugin=%plugin -c -o %t.o %s
// RUN: llvm-nm %t.o | FileCheck %s --check-prefix=NM

int shared;

// CHECK-LABEL: define {{.*}}@store(
// CHECK: call void @__gosan_write4({{.*}}@shared
// CHECK-NOT: call void @__gosan_write4(
// CHECK: ret
void store(int v) { shared = v; }

// CHECK: define internal void @gosan.module_ctor()
// CHECK-NOT: define internal void @gosan.module_ctor
// NM: U __gosan_init
// NM: U __gosan_write4
