// Bit-fields are instrumented as the loads and stores clang emits for them:
// the whole storage unit by default, byte-granular units with
// -ffine-grained-bitfield-accesses (a 3-byte unit becomes a 3-byte range).
// Storing a bit-field reads and rewrites its unit; the write checks what the
// read would have (skip-read-before-write), so only the write is called.
// REQUIRES: plugin
// RUN: %gosan-clang -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=UNIT
// RUN: %gosan-clang -O2 -ffine-grained-bitfield-accesses -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=FINE

struct flags {
  unsigned char lo : 4, hi : 4;
  unsigned mid : 24;
} f;

// UNIT-LABEL: define {{.*}}@set_hi(
// UNIT-NOT: call void @__gosan_read
// UNIT: call void @__gosan_write4({{.*}}@f
// FINE-LABEL: define {{.*}}@set_hi(
// FINE-NOT: call void @__gosan_read
// FINE: call void @__gosan_write1({{.*}}@f
void set_hi(unsigned v) { f.hi = v; }

// FINE-LABEL: define {{.*}}@set_mid(
// FINE: call void @__gosan_write_range({{.*}}, i64 3)
void set_mid(unsigned v) { f.mid = v; }

// Reading a bit-field reads its unit.
// UNIT-LABEL: define {{.*}}@get_hi(
// UNIT: call void @__gosan_read4({{.*}}@f
// FINE-LABEL: define {{.*}}@get_hi(
// FINE: call void @__gosan_read1({{.*}}@f
unsigned get_hi(void) { return f.hi; }
