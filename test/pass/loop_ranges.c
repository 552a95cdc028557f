// A loop with nothing that can synchronise checks its strided accesses once,
// before it runs: one __gosan_{read,write}_elems(start, bytes, element size)
// per run of contiguous bytes, instead of one call per access per
// iteration.  Accesses stay per-iteration when the loop calls a function,
// can leave early, strides over bytes it does not touch, or touches them
// only on some iterations.  -gosan-loop-ranges=0 keeps every access.
// REQUIRES: plugin
// RUN: %gosan-clang -O2 -fno-vectorize -fno-unroll-loops -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o - %s 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t.err
// RUN: %gosan-clang -O2 -fno-vectorize -fno-unroll-loops -fplugin=%plugin -mllvm -gosan-loop-ranges=0 -mllvm -gosan-exit-ranges=0 -S -emit-llvm -o - %s | FileCheck %s --check-prefix=OFF
// RUN: %gosan-clang -O2 -fno-vectorize -fno-unroll-loops -fplugin=%plugin -mllvm -gosan-exit-ranges=0 -S -emit-llvm -o - %s | FileCheck %s --check-prefix=NOEXIT

long a[1024], b[1024];
void sync_point(void);

// CHECK-LABEL: define {{.*}}@scale(
// CHECK-DAG: call void @__gosan_read_elems({{.*}}@b{{.*}}, i64 8)
// CHECK-DAG: call void @__gosan_write_elems({{.*}}@a{{.*}}, i64 8)
// CHECK-NOT: call void @__gosan_{{read|write}}8(
// CHECK: ret void
// OFF-LABEL: define {{.*}}@scale(
// OFF-NOT: _elems
// OFF: call void @__gosan_read8(
// OFF: call void @__gosan_write8(
void scale(long n) {
  for (long i = 0; i < n; i++)
    a[i] = b[i] * 3;
}

// The optimiser keeps a[i-1] and a[i] in registers from the previous
// iterations; a[i+1] is checked as a range, as is b.
// CHECK-LABEL: define {{.*}}@stencil(
// CHECK-DAG: call void @__gosan_read_elems({{.*}}@a{{.*}}, i64 8)
// CHECK-DAG: call void @__gosan_write_elems({{.*}}@b{{.*}}, i64 8)
// CHECK-NOT: call void @__gosan_{{read|write}}8(
// CHECK: ret void
void stencil(long n) {
  for (long i = 1; i < n - 1; i++)
    b[i] = a[i - 1] + 2 * a[i] + a[i + 1];
}

// Every other element: a range would cover the odd ones, never touched.
// CHECK-LABEL: define {{.*}}@evens(
// CHECK-NOT: _elems
// CHECK: call void @__gosan_write8(
void evens(long n) {
  for (long i = 0; i < n; i++)
    a[2 * i] = i;
}

// A call may synchronise: each access is checked in its own epoch.
// CHECK-LABEL: define {{.*}}@with_call(
// CHECK-NOT: _elems
// CHECK: call void @__gosan_write8(
// CHECK: call void @sync_point(
void with_call(long n) {
  for (long i = 0; i < n; i++) {
    a[i] = i;
    sync_point();
  }
}

// The loop may stop early: later elements might never be read, so no
// range before the loop; test/pass/exit_ranges.c checks the elements it
// read once it leaves (-gosan-exit-ranges=0: one check per iteration).
// CHECK-LABEL: define {{.*}}@find(
// CHECK-NOT: call void @__gosan_read8(
// CHECK: br i1
// CHECK-NOT: call void @__gosan_read8(
// CHECK: call void @__gosan_read_elems(
// CHECK-NOT: call void @__gosan_read8(
// CHECK: ret i64
// NOEXIT-LABEL: define {{.*}}@find(
// NOEXIT-NOT: _elems
// NOEXIT: call void @__gosan_read8(
long find(long n, long key) {
  for (long i = 0; i < n; i++)
    if (a[i] == key)
      return i;
  return -1;
}

// b[i] is read on every iteration, a[i] written on some only.
// CHECK-LABEL: define {{.*}}@where(
// CHECK: call void @__gosan_read_elems({{.*}}@b{{.*}}, i64 8)
// CHECK-NOT: call void @__gosan_write_elems(
// CHECK: call void @__gosan_write8(
void where(long n) {
  for (long i = 0; i < n; i++)
    if (b[i])
      a[i] = 1;
}

// Counting down works too.
// CHECK-LABEL: define {{.*}}@backwards(
// CHECK: call void @__gosan_write_elems({{.*}}, i64 8)
// CHECK-NOT: call void @__gosan_write8(
// CHECK: ret void
void backwards(long n) {
  for (long i = n - 1; i >= 0; i--)
    a[i] = i;
}

// scale 2, stencil 2, where 1, backwards 1:
// STATS: gosan-stats: loop-ranges 6
