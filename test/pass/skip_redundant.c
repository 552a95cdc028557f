// In one basic block with no call in between, a read after a read or write
// of the same address, and a write after a write, are covered by the first
// access: skipped and counted.  A call in between (it may synchronise)
// keeps both.  -gosan-skip-redundant=0 instruments every access.  (volatile
// keeps the optimiser from merging the accesses itself.)
// REQUIRES: plugin
// RUN: %gosan-clang -O1 -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o - %s 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t.err
// RUN: %gosan-clang -O1 -fplugin=%plugin -mllvm -gosan-stats -mllvm -gosan-skip-redundant=0 -S -emit-llvm -o /dev/null %s 2>&1 | FileCheck %s --check-prefix=OFF

void sync_point(void);

// CHECK-LABEL: define {{.*}}@twice(
// CHECK: call void @__gosan_read4(
// CHECK: call void @__gosan_write4(
// CHECK-NOT: call void @__gosan_{{read|write}}4(
// CHECK: ret
int twice(volatile int *p, volatile int *q) {
  int a = *p; // read
  int b = *p; // covered by the read
  *q = a;     // write
  *q = b;     // covered by the write
  return *q;  // covered by the write
}

// CHECK-LABEL: define {{.*}}@with_call(
// CHECK: call void @__gosan_read4(
// CHECK: call void @sync_point(
// CHECK: call void @__gosan_read4(
int with_call(volatile int *p) {
  int a = *p;
  sync_point();
  return a + *p;
}

// At -O1 each *p also reloads p from its alloca (skipped as local), so the
// counts are exact only for p's and q's targets: 3 accesses covered in twice().
// STATS: gosan-stats: skipped-redundant 3
// OFF: gosan-stats: skipped-redundant 0
