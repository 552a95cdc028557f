// In one basic block with no call in between, a read of an address that is
// written later with at least the same size is checked by the write (any
// access racing with the read races with the write: same epoch, same
// bytes, stronger kind): the read is skipped and counted.  A narrower write,
// or a call in between, keeps the read.  -gosan-skip-read-before-write=0
// instruments both.  (volatile keeps the optimiser from merging accesses.)
// REQUIRES: plugin
// RUN: %gosan-clang -O1 -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o - %s 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t.err
// RUN: %gosan-clang -O1 -fplugin=%plugin -mllvm -gosan-stats -mllvm -gosan-skip-read-before-write=0 -S -emit-llvm -o - %s 2>%t.off | FileCheck %s --check-prefix=OFF
// RUN: FileCheck %s --check-prefix=OFFSTATS --input-file=%t.off

void sync_point(void);

// CHECK-LABEL: define {{.*}}@increment(
// CHECK-NOT: call void @__gosan_read4(
// CHECK: call void @__gosan_write4(
// CHECK-NOT: call void @__gosan_read4(
// CHECK: ret
// OFF-LABEL: define {{.*}}@increment(
// OFF: call void @__gosan_read4(
// OFF: call void @__gosan_write4(
void increment(volatile int *p) { *p = *p + 1; }

// A 2-byte write does not cover a 4-byte read.
// CHECK-LABEL: define {{.*}}@narrower(
// CHECK: call void @__gosan_read4(
// CHECK: call void @__gosan_write2(
int narrower(volatile int *p) {
  int v = *p;
  *(volatile short *)p = 1;
  return v;
}

// The call may synchronise: the read and the write are in different epochs.
// CHECK-LABEL: define {{.*}}@across_call(
// CHECK: call void @__gosan_read4(
// CHECK: call void @sync_point(
// CHECK: call void @__gosan_write4(
void across_call(volatile int *p) {
  int v = *p;
  sync_point();
  *p = v + 1;
}

// Only increment's read is taken over by its write.
// STATS: gosan-stats: skipped-read-before-write 1
// OFFSTATS: gosan-stats: skipped-read-before-write 0
