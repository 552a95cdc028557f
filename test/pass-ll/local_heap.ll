; Accesses to a fresh heap block whose pointer never escapes the function
; (only loaded, stored through, freed) are not checked
; (skipped-local-heap).  One whose pointer is stored, passed to a call,
; returned or cast to an integer is checked; so is a block from a function
; that only has an allocator's name.
; RUN: %opt -load=%gosan-pass-plugin -load-pass-plugin=%gosan-pass-plugin -passes=gosan -gosan-stats -S < %s 2>%t.err | FileCheck %s
; RUN: FileCheck %s --check-prefix=STATS --input-file=%t.err
; RUN: %opt -load=%gosan-pass-plugin -load-pass-plugin=%gosan-pass-plugin -passes=gosan -gosan-stats -gosan-skip-local-heap=0 -S < %s 2>&1 >/dev/null | FileCheck %s --check-prefix=OFF

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare noalias ptr @malloc(i64)
declare noalias ptr @calloc(i64, i64)
declare void @free(ptr)
declare void @publish(ptr)
@slot = global ptr null

define i32 @private_block(i32 %n) {
  %b = call noalias ptr @malloc(i64 16)
  store i32 %n, ptr %b, align 4
  %q = getelementptr inbounds i32, ptr %b, i64 2
  store i32 %n, ptr %q, align 4
  %v = load i32, ptr %b, align 4
  call void @free(ptr %b)
  ret i32 %v
}
; CHECK-LABEL: define i32 @private_block(
; CHECK-NOT: call void @__gosan_{{read|write}}
; CHECK: ret i32

define void @stored_block() {
  %b = call noalias ptr @calloc(i64 1, i64 16)
  store i32 1, ptr %b, align 4
  store ptr %b, ptr @slot, align 8
  ret void
}
; CHECK-LABEL: define void @stored_block(
; CHECK: call void @__gosan_write4(ptr %b{{[0-9]*}})

define void @passed_block() {
  %b = call noalias ptr @malloc(i64 16)
  store i32 1, ptr %b, align 4
  call void @publish(ptr %b)
  ret void
}
; CHECK-LABEL: define void @passed_block(
; CHECK: call void @__gosan_write4(ptr %b{{[0-9]*}})

define ptr @returned_block() {
  %b = call noalias ptr @malloc(i64 16)
  store i32 1, ptr %b, align 4
  ret ptr %b
}
; CHECK-LABEL: define ptr @returned_block(
; CHECK: call void @__gosan_write4(ptr %b{{[0-9]*}})

define i64 @int_cast_block() {
  %b = call noalias ptr @malloc(i64 16)
  store i32 1, ptr %b, align 4
  %i = ptrtoint ptr %b to i64
  ret i64 %i
}
; CHECK-LABEL: define i64 @int_cast_block(
; CHECK: call void @__gosan_write4(ptr %b{{[0-9]*}})

; A pool allocator named like one but without noalias: not trusted.
declare ptr @aligned_alloc(i64, i64)
define void @not_noalias() {
  %b = call ptr @aligned_alloc(i64 16, i64 16)
  store i32 1, ptr %b, align 4
  ret void
}
; CHECK-LABEL: define void @not_noalias(
; CHECK: call void @__gosan_write4(ptr %b{{[0-9]*}})

; A pointer that may be either of two private blocks (a loop swapping
; buffers) is private; one that may be a published block is not.
define i32 @either_block(i1 %c) {
  %a = call noalias ptr @malloc(i64 16)
  %b = call noalias ptr @malloc(i64 16)
  %p = select i1 %c, ptr %a, ptr %b
  store i32 1, ptr %p, align 4
  %v = load i32, ptr %p, align 4
  call void @free(ptr %a)
  call void @free(ptr %b)
  ret i32 %v
}
; CHECK-LABEL: define i32 @either_block(
; CHECK-NOT: call void @__gosan_{{read|write}}
; CHECK: ret i32

define void @either_or_published(i1 %c) {
  %a = call noalias ptr @malloc(i64 16)
  %b = call noalias ptr @malloc(i64 16)
  call void @publish(ptr %b)
  %p = select i1 %c, ptr %a, ptr %b
  store i32 1, ptr %p, align 4
  ret void
}
; CHECK-LABEL: define void @either_or_published(
; CHECK: call void @__gosan_write4(ptr %p)

; STATS: gosan-stats: skipped-local-heap 5
; OFF: gosan-stats: skipped-local-heap 0
