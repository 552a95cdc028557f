// Atomics of syncscope("singlethread") (C's atomic_signal_fence, clang's
// __scoped_atomic_* with __MEMORY_SCOPE_SINGLE) order nothing between
// goroutines: loads and stores are checked as plain reads and writes (as
// TSan), read-modify-writes and compare-exchanges as plain writes, and none
// becomes a __gosan_atomic* call, which would add happens-before that does
// not exist.  A singlethread fence is a signal fence.
// REQUIRES: plugin
// RUN: %gosan-clang %opaque-ir -O1 -fpass-plugin=%plugin -S -emit-llvm -o - %S/Inputs/signal_scope.ll | FileCheck %s

// CHECK-LABEL: define {{.*}}@signal_load(
// CHECK-NOT: __gosan_atomic
// CHECK: call void @__gosan_read4(ptr @x)
// CHECK-NEXT: load atomic i32, ptr @x syncscope("singlethread") acquire
// CHECK-LABEL: define {{.*}}@signal_store(
// CHECK-NOT: __gosan_atomic
// CHECK: call void @__gosan_write4(ptr @x)
// CHECK-NEXT: store atomic i32 {{.*}} syncscope("singlethread") release
// CHECK-LABEL: define {{.*}}@signal_rmw(
// CHECK-NOT: __gosan_atomic
// CHECK: call void @__gosan_write4(ptr @x)
// CHECK-NEXT: atomicrmw add ptr @x, {{.*}} syncscope("singlethread")
// CHECK-LABEL: define {{.*}}@signal_cas(
// CHECK-NOT: __gosan_atomic
// CHECK: call void @__gosan_write4(ptr @x)
// CHECK-NEXT: cmpxchg ptr @x, {{.*}} syncscope("singlethread")
// CHECK-LABEL: define {{.*}}@signal_fence(
// CHECK: call void @__gosan_atomic_signal_fence(i32 5)
// CHECK-LABEL: define {{.*}}@system_load(
// CHECK: call i32 @__gosan_atomic32_load(ptr @x, i32 2)
