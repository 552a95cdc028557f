// Loads of constant globals cannot race: skipped and counted;
// -gosan-skip-constants=0 instruments them.
// REQUIRES: plugin
// RUN: %gosan-clang -O1 -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o - %s 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t.err
// RUN: %gosan-clang -O1 -fplugin=%plugin -mllvm -gosan-stats -mllvm -gosan-skip-constants=0 -S -emit-llvm -o - %s 2>%t0.err | FileCheck %s --check-prefix=OFF
// RUN: FileCheck %s --check-prefix=OFF-STATS --input-file=%t0.err

const int table[4] = {2, 3, 5, 7};

// CHECK-LABEL: define {{.*}}@lookup(
// CHECK-NOT: __gosan_read4
// CHECK: ret
// OFF-LABEL: define {{.*}}@lookup(
// OFF: call void @__gosan_read4(
int lookup(int i) { return table[i & 3]; }

// STATS: gosan-stats: skipped-constant 1
// OFF-STATS: gosan-stats: skipped-constant 0
