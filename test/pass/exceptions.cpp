// C++: a frame left by an exception still calls __gosan_func_exit (a cleanup
// landing pad that resumes); -mllvm -gosan-handle-exceptions=0 turns it off.
// REQUIRES: plugin
// RUN: %gosan-clangxx -O2 -fplugin=%plugin -fpass-plugin=%plugin -S -emit-llvm -o - %s | FileCheck %s
// RUN: %gosan-clangxx -O2 -fplugin=%plugin -fpass-plugin=%plugin -mllvm -gosan-handle-exceptions=0 -S -emit-llvm -o - %s | FileCheck %s --check-prefix=OFF

int g;
void may_throw(int);

// CHECK-LABEL: define {{.*}}@_Z6workeri(
// CHECK: call void @__gosan_func_entry(
// CHECK: invoke void @_Z9may_throwi(
// CHECK: call void @__gosan_func_exit()
// CHECK-NEXT: ret void
// CHECK: landingpad
// CHECK-NEXT: cleanup
// CHECK: call void @__gosan_func_exit()
// CHECK-NEXT: resume
// OFF-LABEL: define {{.*}}@_Z6workeri(
// OFF-NOT: landingpad
// OFF: ret void
void worker(int x) {
  may_throw(x);
  g++;
}
