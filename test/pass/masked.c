// A loop the vectoriser masks (conditional accesses, with AVX2) uses
// llvm.masked.load/store: only the lanes whose mask bit is set touch
// memory, so each becomes __gosan_{read,write}_masked(addr, element size,
// mask bits) and the runtime checks the enabled lanes only.  Indexed
// accesses vectorised with AVX-512 use gathers and scatters, whose lane
// addresses go to __gosan_read_gather/__gosan_write_scatter through a
// stack array.
// REQUIRES: plugin
// RUN: %gosan-clang --target=x86_64-linux-gnu -mavx2 -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gosan-clang --target=x86_64-linux-gnu -mavx512f -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=AVX512

// CHECK-LABEL: define {{.*}}@copy_where(
// CHECK: call void @__gosan_read_masked({{.*}}, i64 4, i64 %
// CHECK: call void @__gosan_write_masked({{.*}}, i64 4, i64 %
// CHECK: call void @llvm.masked.store
void copy_where(int *restrict a, const int *restrict b, const int *restrict c, int n) {
  for (int i = 0; i < n; i++)
    if (c[i])
      a[i] = b[i];
}

// AVX512-LABEL: define {{.*}}@gather(
// AVX512: alloca <{{[0-9]+}} x {{i8\*|ptr}}>
// AVX512: call void @__gosan_read_gather({{.*}}, i64 4, i64
// AVX512: call <{{[0-9]+}} x i32> @llvm.masked.gather
void gather(int *restrict a, const int *restrict b, const int *restrict idx, int n) {
  for (int i = 0; i < n; i++)
    a[i] = b[idx[i]];
}

// AVX512-LABEL: define {{.*}}@scatter(
// AVX512: call void @__gosan_write_scatter({{.*}}, i64 4, i64
// AVX512: call void @llvm.masked.scatter
void scatter(int *restrict a, const int *restrict b, const int *restrict idx, int n) {
  for (int i = 0; i < n; i++)
    a[idx[i]] = b[i];
}
