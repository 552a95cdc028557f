// Atomics clang cannot inline are libatomic calls: the generic
// __atomic_load/store/compare_exchange for a 24-byte struct, and (with
// LLVM 14, without -mcx16) __atomic_fetch_add_16 for an __int128, whose
// value clang passes as two i64 halves.  Each becomes the checker's
// __gosan_libatomic_* with the same arguments plus the original function
// last (the runtime calls it to do the operation).  LLVM 19 emits the
// __int128 add as an atomicrmw instead, instrumented like any atomic.
// With -gosan-instrument-atomics=0 the calls stay as they were (OFF).
// REQUIRES: plugin
// RUN: %gosan-clang --target=x86_64-linux-gnu -O1 -Wno-atomic-alignment -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gosan-clang --target=x86_64-linux-gnu -O1 -Wno-atomic-alignment -fplugin=%plugin -mllvm -gosan-instrument-atomics=0 -S -emit-llvm -o - %s | FileCheck %s --check-prefix=OFF
#include <stdatomic.h>

typedef struct { long a, b, c; } triple;
_Atomic triple big;
_Atomic unsigned __int128 wide;

// CHECK-LABEL: define {{.*}}@load_big(
// CHECK: call void @__gosan_libatomic_load(i64 noundef 24, {{.*}}@big{{.*}}, i32 noundef 2, {{.*}}@__atomic_load
// CHECK-NOT: call void @__atomic_load(
// OFF-LABEL: define {{.*}}@load_big(
// OFF: call void @__atomic_load(i64 noundef 24
triple load_big(void) { return atomic_load_explicit(&big, memory_order_acquire); }

// CHECK-LABEL: define {{.*}}@store_big(
// CHECK: call void @__gosan_libatomic_store(i64 noundef 24, {{.*}}@big{{.*}}, i32 noundef 3, {{.*}}@__atomic_store
void store_big(triple t) { atomic_store_explicit(&big, t, memory_order_release); }

// CHECK-LABEL: define {{.*}}@cas_big(
// CHECK: call zeroext i1 @__gosan_libatomic_compare_exchange(i64 noundef 24, {{.*}}, i32 noundef 4, i32 noundef 2, {{.*}}@__atomic_compare_exchange
int cas_big(triple *e, triple d) {
    return atomic_compare_exchange_strong_explicit(&big, e, d, memory_order_acq_rel, memory_order_acquire);
}

// CHECK-LABEL: define {{.*}}@add_wide(
// CHECK: {{@__gosan_libatomic_fetch_add_16\(.*i32 noundef 0, .*@__atomic_fetch_add_16|@__gosan_atomic128_fetch_add\(}}
unsigned __int128 add_wide(void) { return atomic_fetch_add_explicit(&wide, 1, memory_order_relaxed); }
