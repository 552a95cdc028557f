// no_sanitize("thread"), no_sanitize("gosan") (-fplugin side) and
// annotate("gosan_ignore") (works with -fpass-plugin alone) switch off the
// checking of a function's accesses; it keeps entry/exit and its atomics
// (they may implement synchronisation), and is kept out of line so its
// accesses are not checked inlined in a caller.
// REQUIRES: plugin
// RUN: %gosan-clang -O2 -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o - %s 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t.err

int g;
int flag;
void callee(void);

// CHECK-LABEL: define {{.*}}@thread_off(
// CHECK-NOT: __gosan_write4
// CHECK: call void @__gosan_func_entry(
// CHECK-NOT: __gosan_write4
// CHECK: call void @__gosan_func_exit(
__attribute__((no_sanitize("thread"))) void thread_off(void) { g = 1; callee(); }

// CHECK-LABEL: define {{.*}}@gosan_off(
// CHECK-NOT: __gosan_write4
// CHECK: call i32 @__gosan_atomic32_exchange(
// CHECK-NOT: __gosan_write4
// CHECK: ret
__attribute__((no_sanitize("gosan"))) int gosan_off(void) { g = 2; return __atomic_exchange_n(&flag, 1, __ATOMIC_ACQUIRE); }

// CHECK-LABEL: define {{.*}}@annotated(
// CHECK-NOT: __gosan_write4
// CHECK: ret
__attribute__((annotate("gosan_ignore"))) void annotated(void) { g = 3; }

static __attribute__((no_sanitize("thread"))) void helper(void) { g = 4; }

// CHECK-LABEL: define {{.*}}@checked(
// CHECK: call {{.*}}@helper()
// CHECK: call void @__gosan_write4({{.*}}@g
void checked(void) { helper(); g = 5; }

// STATS: gosan-stats: functions-ignored 4
// STATS: gosan-stats: skipped-ignored 4
