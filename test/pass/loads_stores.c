// Plain loads and stores of 1, 2, 4, 8 and 16 bytes become
// __gosan_readN/__gosan_writeN before the access, with the access's address.
// REQUIRES: plugin
// RUN: %gosan-clang -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gosan-clang -O0 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

char c8;
short c16;
int c32;
long c64;
__int128 c128;

// CHECK-LABEL: define {{.*}}@load_all(
long load_all(void) {
  // CHECK-DAG: call void @__gosan_read1({{.*}}@c8
  // CHECK-DAG: call void @__gosan_read2({{.*}}@c16
  // CHECK-DAG: call void @__gosan_read4({{.*}}@c32
  // CHECK-DAG: call void @__gosan_read8({{.*}}@c64
  // CHECK-DAG: call void @__gosan_read16({{.*}}@c128
  return c8 + c16 + c32 + c64 + (long)c128;
}

// CHECK-LABEL: define {{.*}}@store_all(
void store_all(long v) {
  // CHECK-DAG: call void @__gosan_write1({{.*}}@c8
  // CHECK-DAG: call void @__gosan_write2({{.*}}@c16
  // CHECK-DAG: call void @__gosan_write4({{.*}}@c32
  // CHECK-DAG: call void @__gosan_write8({{.*}}@c64
  // CHECK-DAG: call void @__gosan_write16({{.*}}@c128
  c8 = (char)v;
  c16 = (short)v;
  c32 = (int)v;
  c64 = v;
  c128 = v;
}

// Through a pointer: the instrumented address is the pointer argument.
// CHECK-LABEL: define {{.*}}@through(
// CHECK: call void @__gosan_write4({{.*}}%
// CHECK: store i32 7
void through(int *p) { *p = 7; }

// The runtime's entry points are declared nounwind.
// CHECK: declare void @__gosan_read4({{.*}}) [[ATTR:#[0-9]+]]
// CHECK: attributes [[ATTR]] = { nounwind }
