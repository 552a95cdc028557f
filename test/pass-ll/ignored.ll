; A function the user excluded keeps entry/exit and its atomics (they may
; implement synchronisation) but gets no access checks.  In IR the exclusion
; is the disable_sanitizer_instrumentation attribute or an
; annotate("gosan_ignore") entry in llvm.global.annotations (clang's
; no_sanitize("thread"/"gosan") needs the AST plugin, test/pass/ignore.c).
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan -S < %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i32 0
@flag = global i32 0
@.ignore = private unnamed_addr constant [13 x i8] c"gosan_ignore\00", section "llvm.metadata"
@.file = private unnamed_addr constant [6 x i8] c"x.c\00\00\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { ptr, ptr, ptr, i32, ptr }] [{ ptr, ptr, ptr, i32, ptr } { ptr @annotated, ptr @.ignore, ptr @.file, i32 1, ptr null }], section "llvm.metadata"

declare void @callee() nounwind

define void @disabled() nounwind disable_sanitizer_instrumentation {
  store i32 1, ptr @g, align 4
  store atomic i32 1, ptr @flag release, align 4
  call void @callee()
  ret void
}
; CHECK-LABEL: define void @disabled()
; CHECK-NOT: @__gosan_write4
; CHECK: call void @__gosan_func_entry(
; CHECK-NOT: @__gosan_write4
; CHECK: call void @__gosan_atomic32_store(ptr @flag, i32 1, i32 3)
; CHECK-NOT: @__gosan_write4
; CHECK: call void @__gosan_func_exit()

define i32 @annotated() nounwind {
  %v = load i32, ptr @g, align 4
  call void @callee()
  ret i32 %v
}
; CHECK-LABEL: define i32 @annotated()
; CHECK-NOT: @__gosan_read4
; CHECK: call void @__gosan_func_entry(
; CHECK-NOT: @__gosan_read4
; CHECK: call void @__gosan_func_exit()

; The same body without the exclusion is checked.
define i32 @checked() nounwind {
  %v = load i32, ptr @g, align 4
  call void @callee()
  ret i32 %v
}
; CHECK-LABEL: define i32 @checked()
; CHECK: call void @__gosan_read4(ptr @g)
