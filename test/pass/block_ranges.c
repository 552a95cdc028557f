// In one window of a block (no call, atomic or fence between), accesses of
// one source line whose addresses are a constant apart and whose bytes are
// contiguous (an unrolled loop body) are checked by one
// __gosan_{read,write}_elems(start, bytes, element size) at the first of
// them.  Accesses of different lines stay apart, so a report still names
// the line; so do accesses without a line (no -g), and accesses with a gap
// between them.  -gosan-block-ranges=0 keeps every access.
// REQUIRES: plugin
// RUN: %gosan-clang -g -O2 -fno-vectorize -fno-slp-vectorize -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o - %s 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t.err
// RUN: %gosan-clang -g -O2 -fno-vectorize -fno-slp-vectorize -fplugin=%plugin -mllvm -gosan-block-ranges=0 -S -emit-llvm -o - %s | FileCheck %s --check-prefix=OFF
// RUN: %gosan-clang -O2 -fno-vectorize -fno-slp-vectorize -fplugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=NOLINES

long a[8], b[8];
struct point { long x, y; } p;

// CHECK-LABEL: define {{.*}}@copy8(
// CHECK: call void @__gosan_read_elems({{.*}}@b{{.*}}, i64 64, i64 8)
// CHECK: call void @__gosan_write_elems({{.*}}@a{{.*}}, i64 64, i64 8)
// CHECK-NOT: call void @__gosan_{{read|write}}8(
// CHECK: ret void
// OFF-LABEL: define {{.*}}@copy8(
// OFF-NOT: _elems
// OFF: call void @__gosan_read8(
// NOLINES-LABEL: define {{.*}}@copy8(
// NOLINES-NOT: _elems
// NOLINES: call void @__gosan_read8(
void copy8(void) {
#pragma clang loop unroll(full)
  for (int i = 0; i < 8; i++)
    a[i] = b[i] + 1;
}

// Two lines: two checks each.
// CHECK-LABEL: define {{.*}}@set_point(
// CHECK-NOT: _elems
// CHECK: call void @__gosan_write8(
// CHECK: call void @__gosan_write8(
void set_point(long x, long y) {
  p.x = x;
  p.y = y;
}

// a[0] and a[2] leave a[1] untouched: no range over it.
// CHECK-LABEL: define {{.*}}@gap(
// CHECK-NOT: _elems
// CHECK: call void @__gosan_write8(
// CHECK: call void @__gosan_write8(
void gap(long v) {
  a[0] = v; a[2] = v;
}

// STATS: gosan-stats: block-ranges 2
// STATS: gosan-stats: skipped-block-range 16
