; Every instrumented module gets the constructor gosan.module_ctor (priority
; 0): __gosan_init, then __gosan_register_globals with a table of its
; writable globals (without debug info or the AST plugin, the IR name and no
; file).  Constants and thread-locals are not registered, and a load of a
; constant is not checked.  The module is marked !gosan.instrumented, and a
; second run of the pass leaves it alone.
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan -S < %s | FileCheck %s
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan,gosan -S < %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@counter = global i64 0, align 8
@table = constant [2 x i32] [i32 1, i32 2]
@tls = thread_local global i32 0

; CHECK: @[[NAME:.*]] = private unnamed_addr constant [8 x i8] c"counter\00"
; CHECK: @[[TABLE:.*]] = private constant [1 x { ptr, i64, ptr, ptr, i32, i32 }] [{ ptr, i64, ptr, ptr, i32, i32 } { ptr @counter, i64 8, ptr @[[NAME]], ptr null, i32 0, i32 0 }]
; CHECK: @llvm.global_ctors = appending global [1 x { i32, ptr, ptr }] [{ i32, ptr, ptr } { i32 0, ptr @gosan.module_ctor, ptr null }]

define i64 @sum() nounwind {
  %v = load i64, ptr @counter, align 8
  %w = load i32, ptr @table, align 4
  %z = zext i32 %w to i64
  %s = add i64 %v, %z
  ret i64 %s
}
; CHECK-LABEL: define i64 @sum()
; CHECK: call void @__gosan_read8(ptr @counter)
; CHECK-NOT: call void @__gosan_read
; CHECK: ret i64

; CHECK-LABEL: define internal void @gosan.module_ctor()
; CHECK-NEXT: call void @__gosan_init()
; CHECK-NEXT: call void @__gosan_register_globals(ptr @[[TABLE]], i64 1)
; CHECK-NEXT: ret void

; CHECK: !gosan.instrumented = !{}
