// An access whose alignment is below its size calls the unaligned entry
// point; a 1-byte access is always aligned.
// REQUIRES: plugin
// RUN: %gosan-clang -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

struct __attribute__((packed)) msg {
  char tag;
  short s;
  int i;
  long l;
  __int128 q;
} m;

// CHECK-LABEL: define {{.*}}@fill(
void fill(long v) {
  // CHECK-DAG: call void @__gosan_write1(
  // CHECK-DAG: call void @__gosan_unaligned_write2(
  // CHECK-DAG: call void @__gosan_unaligned_write4(
  // CHECK-DAG: call void @__gosan_unaligned_write8(
  // CHECK-DAG: call void @__gosan_unaligned_write16(
  m.tag = 1;
  m.s = 2;
  m.i = 3;
  m.l = v;
  m.q = v;
}

// CHECK-LABEL: define {{.*}}@sum(
// CHECK: call void @__gosan_unaligned_read4(
// CHECK-NOT: call void @__gosan_read4(
// CHECK: ret
int sum(void) { return m.i; }
