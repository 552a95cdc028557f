// A loop with nothing that can synchronise and an unknown trip count (a
// merge) checks an access whose index moves by 0 or 1 element per iteration
// once, after the loop: one __gosan_{read,write}_elems(first, bytes, element
// size) over the elements it touched, in the exit block.  Accesses stay
// per-iteration when the loop calls a function, can leave early, or moves
// an index by more than one element.  -gosan-exit-ranges=0 keeps every
// access.  test/race/exit_ranges.c runs them.
// REQUIRES: plugin
// RUN: %gosan-clang -O2 -fno-vectorize -fno-unroll-loops -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o - %s 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t.err
// RUN: %gosan-clang -O2 -fno-vectorize -fno-unroll-loops -fplugin=%plugin -mllvm -gosan-exit-ranges=0 -S -emit-llvm -o - %s | FileCheck %s --check-prefix=OFF

void sync_point(void);

// The merge loop: a[i], b[j] and out[k]; one range each after the loop.
// CHECK-LABEL: define {{.*}}@merge(
// CHECK-NOT: call void @__gosan_{{read|write}}4(
// CHECK-DAG: call void @__gosan_read_elems({{.*}}, i64 4)
// CHECK-DAG: call void @__gosan_read_elems({{.*}}, i64 4)
// CHECK-DAG: call void @__gosan_write_elems({{.*}}, i64 4)
// CHECK-NOT: call void @__gosan_{{read|write}}4(
// CHECK: ret void
// OFF-LABEL: define {{.*}}@merge(
// OFF-NOT: _elems
// OFF: call void @__gosan_read4(
void merge(const int *a, long na, const int *b, long nb, int *out) {
  long i = 0, j = 0, k = 0;
  while (i < na && j < nb)
    out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
}

// A call may synchronise: each access is checked in its own epoch.
// CHECK-LABEL: define {{.*}}@merge_sync(
// CHECK-NOT: _elems
// CHECK: call void @__gosan_read4(
// CHECK: call void @sync_point(
void merge_sync(const int *a, long na, const int *b, long nb, int *out) {
  long i = 0, j = 0, k = 0;
  while (i < na && j < nb) {
    out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
    sync_point();
  }
}

// i moves by 0 or 2: a range would cover the odd elements, never read.
// CHECK-LABEL: define {{.*}}@skip2(
// CHECK-NOT: _elems
// CHECK: call void @__gosan_read4(
long skip2(const int *a, long n, long m) {
  long i = 0, s = 0, t = 0;
  while (i < n && t < m) {
    s += a[i];
    i += s & 1 ? 2 : 0;
    t++;
  }
  return s;
}

// The loop may stop early (a second exit): checked per iteration.
// CHECK-LABEL: define {{.*}}@until(
// CHECK-NOT: _elems
// CHECK: call void @__gosan_read4(
long until(const int *a, long n, long m) {
  long i = 0, t = 0;
  while (t < m) {
    if (a[i] == 7)
      return i;
    i += a[i] & 1;
    t++;
  }
  return -1;
}

// merge 3:
// STATS: gosan-stats: exit-ranges 3
// STATS: gosan-stats: skipped-exit-range 3
