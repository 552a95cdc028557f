; The -gosan-* options are opt flags too.  LLVM 14's opt parses its command
; line before it loads -load-pass-plugin objects, so the plugin is also
; named with -load, which loads it while parsing.  GOSAN_PASS_OPTIONS works
; as with clang.
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan -S < %s | FileCheck %s --check-prefix=DEFAULT
; RUN: %opt -load=%gosan-pass-plugin -load-pass-plugin=%gosan-pass-plugin -passes=gosan -gosan-instrument-memory=0 -S < %s | FileCheck %s --check-prefix=NOMEM
; RUN: %opt -load=%gosan-pass-plugin -load-pass-plugin=%gosan-pass-plugin -passes=gosan -gosan-skip-locals=0 -gosan-instrument-func-entry-exit=0 -S < %s | FileCheck %s --check-prefix=LOCALS
; RUN: %opt -load=%gosan-pass-plugin -load-pass-plugin=%gosan-pass-plugin -passes=gosan -gosan-stats -disable-output < %s 2>&1 | FileCheck %s --check-prefix=STATS
; RUN: env GOSAN_PASS_OPTIONS="stats skip-locals=0" %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan -disable-output < %s 2>&1 | FileCheck %s --check-prefix=ENV
; -gosan-* wins over the environment.
; RUN: env GOSAN_PASS_OPTIONS="stats skip-locals=0" %opt -load=%gosan-pass-plugin -load-pass-plugin=%gosan-pass-plugin -passes=gosan -gosan-skip-locals=1 -disable-output < %s 2>&1 | FileCheck %s --check-prefix=STATS

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@g = global i32 0

define i32 @f(i32 %n) nounwind {
  %x = alloca i32, align 4
  store i32 %n, ptr %x, align 4
  %v = load i32, ptr %x, align 4
  store i32 %v, ptr @g, align 4
  ret i32 %v
}

; DEFAULT-LABEL: define i32 @f(
; DEFAULT: call void @__gosan_func_entry(
; DEFAULT-NOT: ptr %x)
; DEFAULT: call void @__gosan_write4(ptr @g)

; With no access checked and no call, @f is a leaf: no entry/exit either.
; NOMEM-LABEL: define i32 @f(
; NOMEM-NOT: call void @__gosan_
; NOMEM: ret i32

; LOCALS-LABEL: define i32 @f(
; LOCALS-NOT: @__gosan_func_entry
; LOCALS: call void @__gosan_write4(ptr %x)
; LOCALS: call void @__gosan_write4(ptr @g)
; LOCALS-NOT: @__gosan_func_exit
; LOCALS: ret i32

; STATS: gosan-stats: module <stdin>
; STATS: gosan-stats: writes 1
; STATS: gosan-stats: skipped-local 2
; ENV: gosan-stats: module <stdin>
; ENV: gosan-stats: writes 2
; ENV: gosan-stats: skipped-local 0
