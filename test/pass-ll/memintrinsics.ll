; llvm.memcpy / memmove / memset, and calls of libc's functions of those
; names, become calls of the checker's versions, which check both ranges and
; do the operation.
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan -S < %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @llvm.memcpy.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memmove.p0.p0.i64(ptr, ptr, i64, i1)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)
declare ptr @memcpy(ptr, ptr, i64)

define void @copy(ptr %d, ptr %s, i64 %n) {
  call void @llvm.memcpy.p0.p0.i64(ptr %d, ptr %s, i64 %n, i1 false)
  ret void
}
; CHECK-LABEL: define void @copy(
; CHECK: call ptr @__gosan_memcpy(ptr %d, ptr %s, i64 %n)
; CHECK-NOT: @llvm.memcpy
; CHECK: ret void

define void @move(ptr %d, ptr %s) {
  call void @llvm.memmove.p0.p0.i64(ptr %d, ptr %s, i64 16, i1 false)
  ret void
}
; CHECK-LABEL: define void @move(
; CHECK: call ptr @__gosan_memmove(ptr %d, ptr %s, i64 16)

define void @fill(ptr %d, i8 %c) {
  call void @llvm.memset.p0.i64(ptr %d, i8 %c, i64 32, i1 false)
  ret void
}
; CHECK-LABEL: define void @fill(
; CHECK: %[[C:.*]] = zext i8 %c to i32
; CHECK: call ptr @__gosan_memset(ptr %d, i32 %[[C]], i64 32)

define ptr @libc_copy(ptr %d, ptr %s) {
  %r = call ptr @memcpy(ptr %d, ptr %s, i64 8)
  ret ptr %r
}
; CHECK-LABEL: define ptr @libc_copy(
; CHECK: call ptr @__gosan_memcpy(ptr %d, ptr %s, i64 8)
