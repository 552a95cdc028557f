; LLVM 14's own IR has typed pointers: the pass declares its callees with
; i8* (and iN* for atomics) and casts addresses to them.
; REQUIRES: llvm-14
; RUN: %opt-typed -load-pass-plugin=%gosan-pass-plugin -passes=gosan -S < %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @llvm.memset.p0i8.i64(i8*, i8, i64, i1)

define i32 @access(i32* %p, i64* %q) nounwind {
  %v = load i32, i32* %p, align 4
  store i64 1, i64* %q, align 8
  ret i32 %v
}
; CHECK-LABEL: define i32 @access(
; CHECK: %[[P:.*]] = bitcast i32* %p to i8*
; CHECK-NEXT: call void @__gosan_read4(i8* %[[P]])
; CHECK-NEXT: load i32, i32* %p
; CHECK: %[[Q:.*]] = bitcast i64* %q to i8*
; CHECK-NEXT: call void @__gosan_write8(i8* %[[Q]])

define i32 @atomic(i32* %p) nounwind {
  %old = atomicrmw add i32* %p, i32 1 seq_cst
  ret i32 %old
}
; CHECK-LABEL: define i32 @atomic(
; CHECK: call i32 @__gosan_atomic32_fetch_add(i32* %p, i32 1, i32 5)

define void @fill(i8* %d) nounwind {
  call void @llvm.memset.p0i8.i64(i8* %d, i8 0, i64 8, i1 false)
  ret void
}
; CHECK-LABEL: define void @fill(
; CHECK: call i8* @__gosan_memset(i8* %d, i32 0, i64 8)
