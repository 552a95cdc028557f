; C++ vtable-pointer accesses (TBAA "vtable pointer"): a store becomes
; __gosan_vptr_update(addr, new), a load gets __gosan_vptr_read(addr), and a
; load of a vtable slot (a vptr load plus a constant) is not checked:
; vtables are read-only.
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan -S < %s | FileCheck %s
; RUN: %opt -load=%gosan-pass-plugin -load-pass-plugin=%gosan-pass-plugin -passes=gosan -gosan-skip-vtable=0 -S < %s | FileCheck %s --check-prefix=SLOTS

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@vtable = constant [2 x ptr] [ptr null, ptr null]

define void @construct(ptr %this) nounwind {
  store ptr getelementptr inbounds ([2 x ptr], ptr @vtable, i64 0, i64 1), ptr %this, align 8, !tbaa !0
  ret void
}
; CHECK-LABEL: define void @construct(
; CHECK: call void @__gosan_vptr_update(ptr %this, ptr getelementptr inbounds ([2 x ptr], ptr @vtable, i64 0, i64 1))
; CHECK-NOT: @__gosan_write8
; CHECK: ret void

define void @virtual_call(ptr %this) nounwind {
  %vt = load ptr, ptr %this, align 8, !tbaa !0
  %slot = getelementptr inbounds ptr, ptr %vt, i64 1
  %fn = load ptr, ptr %slot, align 8
  call void %fn(ptr %this)
  ret void
}
; CHECK-LABEL: define void @virtual_call(
; CHECK: call void @__gosan_vptr_read(ptr %this)
; CHECK-NEXT: %vt = load ptr, ptr %this
; CHECK-NOT: @__gosan_read8
; CHECK: call void %fn(ptr %this)
; SLOTS-LABEL: define void @virtual_call(
; SLOTS: call void @__gosan_read8(ptr %slot)

!0 = !{!1, !1, i64 0}
!1 = !{!"vtable pointer", !2, i64 0}
!2 = !{!"Simple C++ TBAA"}
