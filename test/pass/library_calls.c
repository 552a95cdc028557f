// Calls into the library (go_*, gosan_*) are not instrumented but marked
// notail, so the library's return address is the caller's call site; they
// keep their debug location.
// REQUIRES: plugin
// RUN: %gosan-clang -O2 -gline-tables-only -fplugin=%plugin -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
typedef struct go_mutex go_mutex;
int go_mutex_unlock(go_mutex *m);
void gosan_release(const void *addr);

// CHECK-LABEL: define {{.*}}@unlock(
// CHECK: notail call {{.*}}@go_mutex_unlock({{.*}}){{.*}}, !dbg
int unlock(go_mutex *m) { return go_mutex_unlock(m); }

// CHECK-LABEL: define {{.*}}@rel(
// CHECK: notail call void @gosan_release({{.*}}){{.*}}, !dbg
void rel(const void *a) { gosan_release(a); }
