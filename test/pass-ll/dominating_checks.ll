; An access covered by a dominating check of the same bytes, with nothing
; that may synchronise on any path between, is not checked again
; (skipped-dominated); a call on one path between, an atomic, a read
; before a write, or a narrower first check keep it checked.
; RUN: %opt -load=%gosan-pass-plugin -load-pass-plugin=%gosan-pass-plugin -passes=gosan -gosan-stats -S < %s 2>%t.err | FileCheck %s
; RUN: FileCheck %s --check-prefix=STATS --input-file=%t.err
; RUN: %opt -load=%gosan-pass-plugin -load-pass-plugin=%gosan-pass-plugin -passes=gosan -gosan-stats -gosan-skip-dominated=0 -S < %s 2>&1 >/dev/null | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @sync() nounwind
declare double @sqrt(double) readnone nounwind

; Across a diamond: the write covers the read after the join.
define i32 @diamond(ptr %p, i1 %c) {
entry:
  store i32 1, ptr %p, align 4
  br i1 %c, label %a, label %b
a:
  %s = call double @sqrt(double 2.0)
  br label %join
b:
  br label %join
join:
  %v = load i32, ptr %p, align 4
  ret i32 %v
}
; CHECK-LABEL: define i32 @diamond(
; CHECK: call void @__gosan_write4(ptr %p)
; CHECK-NOT: call void @__gosan_read4
; CHECK: ret i32

; A call that may synchronise on one path between: kept.
define i32 @sync_on_one_path(ptr %p, i1 %c) {
entry:
  store i32 1, ptr %p, align 4
  br i1 %c, label %a, label %b
a:
  call void @sync()
  br label %join
b:
  br label %join
join:
  %v = load i32, ptr %p, align 4
  ret i32 %v
}
; CHECK-LABEL: define i32 @sync_on_one_path(
; CHECK: call void @__gosan_write4(ptr %p)
; CHECK: call void @sync()
; CHECK: call void @__gosan_read4(ptr %p)

; A call on a path that leaves without reaching the access does not matter.
define i32 @sync_on_exit_path(ptr %p, i1 %c) {
entry:
  store i32 1, ptr %p, align 4
  br i1 %c, label %err, label %ok
err:
  call void @sync()
  ret i32 -1
ok:
  %v = load i32, ptr %p, align 4
  ret i32 %v
}
; CHECK-LABEL: define i32 @sync_on_exit_path(
; CHECK: call void @__gosan_write4(ptr %p)
; CHECK-NOT: call void @__gosan_read4
; CHECK: ret i32

; An atomic (a fence here) between: kept.
define i32 @fence_between(ptr %p, i1 %c) {
entry:
  store i32 1, ptr %p, align 4
  br i1 %c, label %a, label %join
a:
  fence seq_cst
  br label %join
join:
  %v = load i32, ptr %p, align 4
  ret i32 %v
}
; CHECK-LABEL: define i32 @fence_between(
; CHECK: call void @__gosan_write4(ptr %p)
; CHECK: call void @__gosan_read4(ptr %p)

; A read does not cover a write.
define void @read_then_write(ptr %p, i1 %c) {
entry:
  %v = load i32, ptr %p, align 4
  br i1 %c, label %a, label %join
a:
  br label %join
join:
  %w = add i32 %v, 1
  store i32 %w, ptr %p, align 4
  ret void
}
; CHECK-LABEL: define void @read_then_write(
; CHECK: call void @__gosan_read4(ptr %p)
; CHECK: call void @__gosan_write4(ptr %p)

; A wider write covers a narrower read of its bytes at a constant offset; a
; narrower first check does not cover a wider one.
define i32 @wider(ptr %p, i1 %c) {
entry:
  store i64 0, ptr %p, align 8
  br i1 %c, label %a, label %join
a:
  br label %join
join:
  %q = getelementptr inbounds i8, ptr %p, i64 4
  %v = load i32, ptr %q, align 4
  %w = load i64, ptr %p, align 8
  %t = trunc i64 %w to i32
  %r = add i32 %v, %t
  ret i32 %r
}
; CHECK-LABEL: define i32 @wider(
; CHECK: call void @__gosan_write8(ptr %p)
; CHECK-NOT: call void @__gosan_read
; CHECK: ret i32

define i64 @narrower(ptr %p, i1 %c) {
entry:
  %v = load i32, ptr %p, align 4
  br i1 %c, label %a, label %join
a:
  br label %join
join:
  %w = load i64, ptr %p, align 8
  ret i64 %w
}
; CHECK-LABEL: define i64 @narrower(
; CHECK: call void @__gosan_read4(ptr %p)
; CHECK: call void @__gosan_read8(ptr %p)

; A loop around the access with a call in it: a later iteration's read comes
; after the call, and the write before the loop does not run again.  Kept.
define void @sync_in_loop(ptr %p, i32 %n) {
entry:
  store i32 0, ptr %p, align 4
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i1, %loop ]
  %v = load i32, ptr %p, align 4
  call void @sync()
  %i1 = add i32 %i, 1
  %done = icmp eq i32 %i1, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}
; CHECK-LABEL: define void @sync_in_loop(
; CHECK: call void @__gosan_write4(ptr %p)
; CHECK: loop:
; CHECK: call void @__gosan_read4(ptr %p)
; CHECK: call void @sync()

; STATS: gosan-stats: skipped-dominated 4
; OFF: gosan-stats: skipped-dominated 0
