; The plugin's second pass, gosan-speculation-guard, gives every function the
; pass will check the sanitize_thread attribute (so that the optimiser
; invents no access), and not ignored functions or declarations.  With the
; plugin loaded, opt's default pipelines run both passes where clang does:
; the guard at pipeline start and the instrumentation at OptimizerLast.
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan-speculation-guard -S < %s | FileCheck %s --check-prefix=GUARD
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes='default<O2>' -S < %s | FileCheck %s --check-prefix=O2
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes='default<O0>' -S < %s | FileCheck %s --check-prefix=O2
; An unknown name is still an error.
; RUN: not %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan-nonesuch -disable-output < %s 2>&1 | FileCheck %s --check-prefix=BAD

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

@x = global i32 0
@y = global i32 0

declare void @callee() nounwind

; `y == 1 && x == 1`: the load of x happens only when y is 1.
define i32 @both(i32 %unused) nounwind {
entry:
  %y = load i32, ptr @y, align 4
  %is1 = icmp eq i32 %y, 1
  br i1 %is1, label %then, label %done
then:
  %x = load i32, ptr @x, align 4
  %xis1 = icmp eq i32 %x, 1
  br label %done
done:
  %r = phi i1 [ false, %entry ], [ %xis1, %then ]
  %z = zext i1 %r to i32
  ret i32 %z
}

define void @ignored() nounwind disable_sanitizer_instrumentation {
  store i32 1, ptr @x, align 4
  call void @callee()
  ret void
}

; GUARD: declare void @callee() #[[DECL:[0-9]+]]
; GUARD: define i32 @both(i32 %unused) #[[CHECKED:[0-9]+]]
; GUARD: define void @ignored() #[[IGNORED:[0-9]+]]
; GUARD-NOT: @__gosan_
; GUARD-DAG: attributes #[[CHECKED]] = { {{.*}}sanitize_thread{{.*}} }
; GUARD-DAG: attributes #[[IGNORED]] = { {{.*}}disable_sanitizer_instrumentation{{.*}} }
; GUARD-NOT: attributes #[[IGNORED]] = { {{.*}}sanitize_thread
; GUARD-NOT: attributes #[[DECL]] = { {{.*}}sanitize_thread

; The load of x stays behind the branch (no select of two loads).
; O2-LABEL: define {{.*}}i32 @both(
; O2: call void @__gosan_read4(ptr @y)
; O2: br i1
; O2: call void @__gosan_read4(ptr @x)
; O2-LABEL: define {{.*}}void @ignored(
; O2-NOT: @__gosan_write4
; O2: ret void
; O2: define internal void @gosan.module_ctor()

; BAD: gosan-nonesuch
