// Vtable-pointer accesses (TBAA "vtable pointer") become
// __gosan_vptr_update(addr, new value) / __gosan_vptr_read(addr), as TSan's
// __tsan_vptr_*; the load of a slot from the vtable is not checked
// (skipped-vtable), nor is a vptr access counted as a plain read or write.
// REQUIRES: plugin
// RUN: %gosan-clangxx -O1 -fplugin=%plugin -mllvm -gosan-stats -S -emit-llvm -o - %s 2>%t.err | FileCheck %s
// RUN: FileCheck %s --check-prefix=STATS --input-file=%t.err

struct Obj {
  Obj();
  virtual ~Obj();
  virtual int f();
};

// CHECK-LABEL: define {{.*}}@_Z4callP3Obj(
// CHECK: call void @__gosan_vptr_read(
// CHECK-NEXT: %[[VT:.*]] = load {{.*}}!tbaa
// CHECK-NOT: __gosan_read8
// CHECK: ret
int call(Obj *o) { return o->f(); }

// CHECK-LABEL: define {{.*}}@_ZN3ObjC2Ev(
// CHECK: call void @__gosan_vptr_update({{.*}}, {{.*}}_ZTV3Obj
// CHECK-NOT: __gosan_write8
// CHECK: ret
Obj::Obj() {}

// STATS: skipped-vtable 1
