; Atomic instructions become the checker's atomic entry points, which do the
; operation: the instruction is replaced, its memory order passed as C11's
; number (relaxed 0, acquire 2, release 3, acq_rel 4, seq_cst 5).
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan -S < %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i32 @load_acquire(ptr %p) {
  %v = load atomic i32, ptr %p acquire, align 4
  ret i32 %v
}
; CHECK-LABEL: define i32 @load_acquire(
; CHECK: %[[V:.*]] = call i32 @__gosan_atomic32_load(ptr %p, i32 2)
; CHECK-NOT: load atomic
; CHECK: ret i32 %[[V]]

define void @store_release(ptr %p) {
  store atomic i64 7, ptr %p release, align 8
  ret void
}
; CHECK-LABEL: define void @store_release(
; CHECK: call void @__gosan_atomic64_store(ptr %p, i64 7, i32 3)
; CHECK-NOT: store atomic

define i8 @fetch_add_relaxed(ptr %p) {
  %old = atomicrmw add ptr %p, i8 1 monotonic
  ret i8 %old
}
; CHECK-LABEL: define i8 @fetch_add_relaxed(
; CHECK: call i8 @__gosan_atomic8_fetch_add(ptr %p, i8 1, i32 0)
; CHECK-NOT: atomicrmw

define i16 @exchange_seq_cst(ptr %p, i16 %v) {
  %old = atomicrmw xchg ptr %p, i16 %v seq_cst
  ret i16 %old
}
; CHECK-LABEL: define i16 @exchange_seq_cst(
; CHECK: call i16 @__gosan_atomic16_exchange(ptr %p, i16 %v, i32 5)

; A failed compare-exchange only loads: acq_rel fails as acquire.
define i1 @cas(ptr %p, i32 %cmp, i32 %new) {
  %pair = cmpxchg ptr %p, i32 %cmp, i32 %new acq_rel acquire
  %ok = extractvalue { i32, i1 } %pair, 1
  ret i1 %ok
}
; CHECK-LABEL: define i1 @cas(
; CHECK: %[[OLD:.*]] = call i32 @__gosan_atomic32_compare_exchange_val(ptr %p, i32 %cmp, i32 %new, i32 4, i32 2)
; CHECK: icmp eq i32 %[[OLD]], %cmp
; CHECK-NOT: cmpxchg

define void @fences() {
  fence seq_cst
  fence syncscope("singlethread") acquire
  ret void
}
; CHECK-LABEL: define void @fences(
; CHECK: call void @__gosan_atomic_thread_fence(i32 5)
; CHECK: call void @__gosan_atomic_signal_fence(i32 2)
; CHECK-NOT: fence

; Pointer operands travel as the integer of their size.
define ptr @load_pointer(ptr %p) {
  %v = load atomic ptr, ptr %p seq_cst, align 8
  ret ptr %v
}
; CHECK-LABEL: define ptr @load_pointer(
; CHECK: %[[I:.*]] = call i64 @__gosan_atomic64_load(ptr %p, i32 5)
; CHECK: inttoptr i64 %[[I]] to ptr
