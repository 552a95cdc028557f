// A 16-byte vector is one __gosan_read16/write16; wider vectors and other
// sizes (a 10-byte long double) go through __gosan_{read,write}_range with their byte size.
// REQUIRES: plugin
// RUN: %gosan-clang --target=x86_64-linux-gnu -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s

typedef int v4 __attribute__((vector_size(16)));
typedef int v8 __attribute__((vector_size(32)));
v4 a4, b4;
v8 a8, b8;
long double a3;

// CHECK-LABEL: define {{.*}}@bump(
void bump(void) {
  // CHECK-DAG: call void @__gosan_read16({{.*}}@b4
  // CHECK-DAG: call void @__gosan_write16({{.*}}@a4
  a4 = b4 + 1;
  // CHECK-DAG: call void @__gosan_read_range({{.*}}@b8{{.*}}, i64 32)
  // CHECK-DAG: call void @__gosan_write_range({{.*}}@a8{{.*}}, i64 32)
  a8 = b8 + 1;
}

// An x86 long double is stored as 10 bytes.
// CHECK-LABEL: define {{.*}}@set3(
// CHECK: call void @__gosan_write_range({{.*}}@a3{{.*}}, i64 10)
void set3(double x) { a3 = x; }
