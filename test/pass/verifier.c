// The instrumented IR is well formed at every optimisation level, with full
// debug info (LLVM 19 keeps it as debug records, not instructions) and with
// the block splits of compare-exchange loops.  Release builds of clang skip
// the IR verifier, so a malformed module would otherwise reach the backend
// silently; opt runs it here.
// REQUIRES: plugin
// RUN: %gosan-clang -O0 -g -fplugin=%plugin -fpass-plugin=%plugin -S -emit-llvm -o %t0.ll %s
// RUN: opt -passes=verify -disable-output %t0.ll
// RUN: FileCheck %s --input-file=%t0.ll
// RUN: %gosan-clang -O1 -g -fpass-plugin=%plugin -S -emit-llvm -o %t1.ll %s
// RUN: opt -passes=verify -disable-output %t1.ll
// RUN: FileCheck %s --input-file=%t1.ll
// RUN: %gosan-clang -O2 -g -fplugin=%plugin -S -emit-llvm -o %t2.ll %s
// RUN: opt -passes=verify -disable-output %t2.ll
// RUN: FileCheck %s --input-file=%t2.ll
// RUN: %gosan-clang -O3 -g -fplugin=%plugin -fpass-plugin=%plugin -S -emit-llvm -o %t3.ll %s
// RUN: opt -passes=verify -disable-output %t3.ll
// RUN: FileCheck %s --input-file=%t3.ll
#include <setjmp.h>
#include <stdatomic.h>
#include <string.h>

struct bits { unsigned a : 3, b : 5; unsigned long c : 40; };
struct blob { char buf[64]; int n; };

_Atomic long counter;
long biggest;
struct bits flags;
struct blob shared_blob;
static jmp_buf env;

// CHECK-LABEL: define {{.*}}@update(
// CHECK: call void @__gosan_func_entry(
// CHECK: call i64 @__gosan_atomic64_fetch_add(
// CHECK: call i64 @__gosan_atomic64_compare_exchange_val(
// CHECK: call void @__gosan_func_exit()
void update(long v) {
  atomic_fetch_add(&counter, v);
  __atomic_fetch_max(&biggest, v, __ATOMIC_SEQ_CST); // a compare-exchange loop
  flags.b = (unsigned)v;
  flags.c += flags.a;
}

// CHECK-LABEL: define {{.*}}@copy_in(
// CHECK: call {{.*}}@__gosan_mem{{cpy|move}}(
void copy_in(const char *s, unsigned n) {
  memcpy(shared_blob.buf, s, n < 64 ? n : 64);
  shared_blob.n = (int)n;
}

__attribute__((noinline)) void jump_back(int v) {
  if (v)
    longjmp(env, v);
}

// CHECK-LABEL: define {{.*}}@dispatch(
// CHECK: call void @__gosan_func_entry(
int dispatch(int k) {
  static void *targets[] = {&&even, &&odd};
  if (setjmp(env))
    return -1;
  jump_back(k > 100);
  goto *targets[k & 1];
even:
  return (int)atomic_load(&counter);
odd:
  return shared_blob.n;
}
