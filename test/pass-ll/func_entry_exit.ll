; A function with accesses or calls calls __gosan_func_entry with its return
; address first and __gosan_func_exit before every return and before a
; longjmp; a leaf without accesses is left alone.  A call that may throw
; (no nounwind) becomes an invoke whose cleanup calls __gosan_func_exit and
; resumes.
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan -S < %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @callee() nounwind
declare void @longjmp(ptr, i32) nounwind
declare void @may_throw()

define i32 @two_returns(i1 %c) nounwind {
entry:
  call void @callee()
  br i1 %c, label %a, label %b
a:
  ret i32 1
b:
  ret i32 2
}
; CHECK-LABEL: define i32 @two_returns(
; CHECK-NEXT: entry:
; CHECK-NEXT: %[[RA:.*]] = call ptr @llvm.returnaddress(i32 0)
; CHECK-NEXT: call void @__gosan_func_entry(ptr %[[RA]])
; CHECK-NEXT: call void @callee()
; CHECK: a:
; CHECK-NEXT: call void @__gosan_func_exit()
; CHECK-NEXT: ret i32 1
; CHECK: b:
; CHECK-NEXT: call void @__gosan_func_exit()
; CHECK-NEXT: ret i32 2

define i32 @leaf(i32 %x) nounwind {
  %y = mul i32 %x, 2
  ret i32 %y
}
; CHECK-LABEL: define i32 @leaf(
; CHECK-NOT: @__gosan_func_entry
; CHECK: ret i32

define void @jump(ptr %env) nounwind {
  call void @longjmp(ptr %env, i32 1)
  unreachable
}
; CHECK-LABEL: define void @jump(
; CHECK: call void @__gosan_func_entry(
; CHECK: call void @__gosan_func_exit()
; CHECK-NEXT: call void @longjmp(ptr %env, i32 1)

define void @unwinds() {
entry:
  call void @may_throw()
  ret void
}
; CHECK-LABEL: define void @unwinds() personality
; CHECK: call void @__gosan_func_entry(
; CHECK-NEXT: invoke void @may_throw()
; CHECK-NEXT: to label %{{.*}} unwind label %[[PAD:.*]]
; CHECK: call void @__gosan_func_exit()
; CHECK-NEXT: ret void
; CHECK: [[PAD]]:
; CHECK-NEXT: landingpad
; CHECK-NEXT: cleanup
; CHECK-NEXT: call void @__gosan_func_exit()
; CHECK-NEXT: resume

; The checker's own functions are never instrumented.
define void @__gosan_helper(ptr %p) nounwind {
  store i32 0, ptr %p, align 4
  call void @callee()
  ret void
}
; CHECK-LABEL: define void @__gosan_helper(
; CHECK-NOT: call void @__gosan_
; CHECK: ret void
