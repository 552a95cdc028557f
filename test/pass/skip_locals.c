// Accesses to a local whose address never escapes cannot race: skipped and
// counted.  -gosan-skip-locals=0 instruments them.  An escaping local is
// always instrumented.
// REQUIRES: plugin
// RUN: %gosan-clang -O0 -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o %t.ll %s 2>&1 | FileCheck %s --check-prefix=STATS
// RUN: FileCheck %s --input-file=%t.ll
// RUN: %gosan-clang -O0 -fplugin=%plugin -mllvm -gosan-stats -mllvm -gosan-skip-locals=0 -S -emit-llvm -o %t0.ll %s 2>&1 | FileCheck %s --check-prefix=OFF
// RUN: FileCheck %s --check-prefix=OFF-IR --input-file=%t0.ll

void publish(int *);

// CHECK-LABEL: define {{.*}}@f(
// CHECK-NOT: call void @__gosan_{{read|write}}4(
// CHECK: ret
// OFF-IR-LABEL: define {{.*}}@f(
// OFF-IR: call void @__gosan_write4(
int f(int n) {
  int private = n * 2;
  private += 1;
  return private;
}

// CHECK-LABEL: define {{.*}}@g(
// CHECK: call void @__gosan_write4(
// CHECK: call void @publish(
void g(void) {
  int shared = 1;
  publish(&shared);
}

// STATS: gosan-stats: skipped-local {{[1-9]}}
// OFF: gosan-stats: skipped-local 0
