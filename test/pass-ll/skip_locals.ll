; Accesses to an alloca whose address does not escape cannot race: not
; checked.  One whose address is passed to a call is.
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan -S < %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @publish(ptr) nounwind

define i32 @private_local(i32 %n) {
  %x = alloca i32, align 4
  store i32 %n, ptr %x, align 4
  %v = load i32, ptr %x, align 4
  ret i32 %v
}
; CHECK-LABEL: define i32 @private_local(
; CHECK-NOT: call void @__gosan_{{read|write}}
; CHECK: ret i32

define void @escaping_local() {
  %x = alloca i32, align 4
  store i32 1, ptr %x, align 4
  call void @publish(ptr %x)
  ret void
}
; CHECK-LABEL: define void @escaping_local(
; CHECK: call void @__gosan_write4(ptr %x)
; CHECK-NEXT: store i32 1, ptr %x
; CHECK: call void @publish(ptr %x)

; A local memcpy'd from a global: only the global's side would matter, and
; the local one does not escape; the call still goes to the checker when
; the source may be shared.
@g = global [4 x i32] zeroinitializer
declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
define i32 @copy_from_global() {
  %buf = alloca [4 x i32], align 4
  call void @llvm.memcpy.p0.p0.i64(ptr %buf, ptr @g, i64 16, i1 false)
  %v = load i32, ptr %buf, align 4
  ret i32 %v
}
; CHECK-LABEL: define i32 @copy_from_global(
; CHECK: call ptr @__gosan_memcpy(ptr %buf, ptr @g, i64 16)
; CHECK-NOT: call void @__gosan_read4
; CHECK: ret i32
