; A loop-invariant address accessed on every iteration of a call-free
; innermost loop is checked once, in the preheader, with the access's
; debug location (hoisted-invariant).  A call in the loop, an access on
; some iterations only, or an address the loop computes keep the check in
; the loop.  A loop skipped by its guard never reaches the preheader, so a
; zero-trip run checks nothing.
; RUN: %opt -load=%gosan-pass-plugin -load-pass-plugin=%gosan-pass-plugin -passes=gosan -gosan-stats -S < %s 2>%t.err | FileCheck %s
; RUN: FileCheck %s --check-prefix=STATS --input-file=%t.err
; RUN: %opt -load=%gosan-pass-plugin -load-pass-plugin=%gosan-pass-plugin -passes=gosan -gosan-stats -gosan-hoist-invariant=0 -S < %s 2>&1 >/dev/null | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @sync() nounwind

; while (node) { sum += *total_weight; node = node->next; }: the trip
; count is unknown, so no loop range; the read of %w runs on every
; iteration.  Checked in %pre, which only a non-empty list reaches.
define i32 @list_walk(ptr %head, ptr %w) !dbg !4 {
entry:
  %empty = icmp eq ptr %head, null
  br i1 %empty, label %exit, label %pre
pre:
  br label %loop
loop:
  %node = phi ptr [ %head, %pre ], [ %next, %loop ]
  %sum = phi i32 [ 0, %pre ], [ %sum1, %loop ]
  %x = load i32, ptr %w, align 4, !dbg !10
  %sum1 = add i32 %sum, %x
  %nextp = getelementptr inbounds i8, ptr %node, i64 8
  %next = load ptr, ptr %nextp, align 8
  %end = icmp eq ptr %next, null
  br i1 %end, label %exit, label %loop
exit:
  %r = phi i32 [ 0, %entry ], [ %sum1, %loop ]
  ret i32 %r
}
; CHECK-LABEL: define i32 @list_walk(
; CHECK: pre:
; CHECK-NEXT: call void @__gosan_read4(ptr %w), !dbg ![[LOC:[0-9]+]]
; CHECK-NEXT: br label %loop
; CHECK: loop:
; CHECK-NOT: call void @__gosan_read4(ptr %w)
; CHECK: call void @__gosan_read8(ptr %nextp)
; CHECK: br i1 %end

; A call in the loop: not hoisted.
define void @with_call(ptr %head, ptr %w) {
entry:
  br label %loop
loop:
  %node = phi ptr [ %head, %entry ], [ %next, %loop ]
  %x = load i32, ptr %w, align 4
  call void @sync()
  %next = load ptr, ptr %node, align 8
  %end = icmp eq ptr %next, null
  br i1 %end, label %exit, label %loop
exit:
  ret void
}
; CHECK-LABEL: define void @with_call(
; CHECK: loop:
; CHECK: call void @__gosan_read4(ptr %w)

; Accessed on some iterations only (its block does not dominate the latch):
; not hoisted.
define void @conditional(ptr %head, ptr %w) {
entry:
  br label %loop
loop:
  %node = phi ptr [ %head, %entry ], [ %next, %latch ]
  %f = load i32, ptr %node, align 4
  %odd = icmp ne i32 %f, 0
  br i1 %odd, label %then, label %latch
then:
  store i32 1, ptr %w, align 4
  br label %latch
latch:
  %nextp = getelementptr inbounds i8, ptr %node, i64 8
  %next = load ptr, ptr %nextp, align 8
  %end = icmp eq ptr %next, null
  br i1 %end, label %exit, label %loop
exit:
  ret void
}
; CHECK-LABEL: define void @conditional(
; CHECK: then:
; CHECK-NEXT: call void @__gosan_write4(ptr %w)

; An early exit before the access: the first iteration may leave without
; it (its block does not dominate the exiting header).  Not hoisted.
define void @early_exit(ptr %head, ptr %w) {
entry:
  br label %loop
loop:
  %node = phi ptr [ %head, %entry ], [ %next, %body ]
  %stop = load i32, ptr %node, align 4
  %z = icmp eq i32 %stop, 0
  br i1 %z, label %exit, label %body
body:
  store i32 2, ptr %w, align 4
  %nextp = getelementptr inbounds i8, ptr %node, i64 8
  %next = load ptr, ptr %nextp, align 8
  br label %loop
exit:
  ret void
}
; CHECK-LABEL: define void @early_exit(
; CHECK: body:
; CHECK-NEXT: call void @__gosan_write4(ptr %w)

; The hoisted check has the access's line.
; CHECK: ![[LOC]] = !DILocation(line: 7,

; STATS: gosan-stats: hoisted-invariant 1
; OFF: gosan-stats: hoisted-invariant 0

!llvm.module.flags = !{!0, !1}
!llvm.dbg.cu = !{!2}
!0 = !{i32 2, !"Debug Info Version", i32 3}
!1 = !{i32 7, !"Dwarf Version", i32 5}
!2 = distinct !DICompileUnit(language: DW_LANG_C11, file: !3, producer: "hand", isOptimized: true, runtimeVersion: 0, emissionKind: LineTablesOnly)
!3 = !DIFile(filename: "walk.c", directory: "/tmp")
!4 = distinct !DISubprogram(name: "list_walk", scope: !3, file: !3, line: 1, type: !5, scopeLine: 1, spFlags: DISPFlagDefinition | DISPFlagOptimized, unit: !2)
!5 = !DISubroutineType(types: !6)
!6 = !{}
!10 = !DILocation(line: 7, column: 12, scope: !4)
