// Atomics become __gosan_atomicN_* calls that perform the operation, with
// the memory order in C11's numbering (relaxed 0, acquire 2, release 3,
// acq_rel 4, seq_cst 5); consume is strengthened to acquire by clang.
// REQUIRES: plugin
// RUN: %gosan-clang -O2 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gosan-clang -O0 -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s --check-prefix=O0
#include <stdatomic.h>

_Atomic int ai;
long l;
unsigned char b;
double d;
void *p;

// CHECK-LABEL: define {{.*}}@loads_stores(
void loads_stores(void) {
  // CHECK: call i32 @__gosan_atomic32_load({{.*}}@ai, i32 0)
  // CHECK: call i32 @__gosan_atomic32_load({{.*}}@ai, i32 2)
  // CHECK: call i32 @__gosan_atomic32_load({{.*}}@ai, i32 5)
  int x = atomic_load_explicit(&ai, memory_order_relaxed);
  x += atomic_load_explicit(&ai, memory_order_acquire);
  x += atomic_load(&ai);
  // CHECK: call void @__gosan_atomic32_store({{.*}}@ai, i32 %{{.*}}, i32 3)
  atomic_store_explicit(&ai, x, memory_order_release);
  // Pointers and doubles travel as integers of their size.
  // CHECK: call void @__gosan_atomic64_store({{.*}}@p{{.*}}, i64 %{{.*}}, i32 5)
  __atomic_store_n(&p, &x, __ATOMIC_SEQ_CST);
  // CHECK: call i64 @__gosan_atomic64_load({{.*}}@d{{.*}}, i32 2)
  double v;
  __atomic_load(&d, &v, __ATOMIC_CONSUME);
  // CHECK: call void @__gosan_atomic64_store({{.*}}@d{{.*}}, i64 %{{.*}}, i32 0)
  __atomic_store(&d, &v, __ATOMIC_RELAXED);
}

// CHECK-LABEL: define {{.*}}@rmw(
void rmw(void) {
  // CHECK: call i64 @__gosan_atomic64_exchange({{.*}}@l, i64 1, i32 2)
  // CHECK: call i64 @__gosan_atomic64_fetch_add({{.*}}@l, i64 2, i32 3)
  // CHECK: call i64 @__gosan_atomic64_fetch_sub({{.*}}@l, i64 3, i32 4)
  // CHECK: call i64 @__gosan_atomic64_fetch_and({{.*}}@l, i64 4, i32 5)
  // CHECK: call i64 @__gosan_atomic64_fetch_or({{.*}}@l, i64 5, i32 0)
  // CHECK: call i64 @__gosan_atomic64_fetch_xor({{.*}}@l, i64 6, i32 5)
  // CHECK: call i8 @__gosan_atomic8_fetch_nand({{.*}}@b, i8 7, i32 5)
  __atomic_exchange_n(&l, 1, __ATOMIC_ACQUIRE);
  __atomic_fetch_add(&l, 2, __ATOMIC_RELEASE);
  __atomic_fetch_sub(&l, 3, __ATOMIC_ACQ_REL);
  __atomic_fetch_and(&l, 4, __ATOMIC_SEQ_CST);
  __atomic_fetch_or(&l, 5, __ATOMIC_RELAXED);
  __atomic_fetch_xor(&l, 6, __ATOMIC_SEQ_CST);
  __atomic_fetch_nand(&b, 7, __ATOMIC_SEQ_CST);
}

// max has no entry point of its own: a load, then a compare-exchange loop
// with the operation's order (failure order without the release half).
// CHECK-LABEL: define {{.*}}@rmw_max(
// CHECK: call i64 @__gosan_atomic64_load({{.*}}@l, i32 0)
// CHECK: phi i64
// CHECK: select
// CHECK: call i64 @__gosan_atomic64_compare_exchange_val({{.*}}@l, i64 %{{.*}}, i64 %{{.*}}, i32 4, i32 2)
// CHECK: br i1
long rmw_max(long v) { return __atomic_fetch_max(&l, v, __ATOMIC_ACQ_REL); }

// cmpxchg returns the value seen; success is rebuilt by comparing it with
// the expected value.
// CHECK-LABEL: define {{.*}}@cas(
// CHECK: [[SEEN:%[0-9a-z.]+]] = call i32 @__gosan_atomic32_compare_exchange_val({{.*}}@ai, i32 %{{.*}}, i32 %{{.*}}, i32 3, i32 0)
// CHECK: icmp eq i32 [[SEEN]]
int cas(int expect, int desired) {
  return atomic_compare_exchange_strong_explicit(&ai, &expect, desired, memory_order_release, memory_order_relaxed);
}

// A single-thread fence (atomic_signal_fence) is a signal fence.
// CHECK-LABEL: define {{.*}}@fence_acquire(
// CHECK: call void @__gosan_atomic_thread_fence(i32 2)
// CHECK-LABEL: define {{.*}}@fence_seq_cst(
// CHECK: call void @__gosan_atomic_thread_fence(i32 5)
// CHECK-LABEL: define {{.*}}@fence_signal(
// CHECK: call void @__gosan_atomic_signal_fence(i32 3)
void fence_acquire(void) { atomic_thread_fence(memory_order_acquire); }
void fence_seq_cst(void) { atomic_thread_fence(memory_order_seq_cst); }
void fence_signal(void) { atomic_signal_fence(memory_order_release); }

// No atomic instruction survives, at any optimisation level.
// CHECK-NOT: {{load atomic|store atomic|atomicrmw|cmpxchg }}
// O0-NOT: {{load atomic|store atomic|atomicrmw|cmpxchg | fence }}
