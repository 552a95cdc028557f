; Plain loads and stores of 1, 2, 4, 8 and 16 bytes get __gosan_readN /
; __gosan_writeN on their address, before the access; an under-aligned one
; the unaligned variant; any other size a range check of its store size.
; RUN: %opt -load-pass-plugin=%gosan-pass-plugin -passes=gosan -S < %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

define i8 @read1(ptr %p) {
  %v = load i8, ptr %p, align 1
  ret i8 %v
}
; CHECK-LABEL: define i8 @read1(
; CHECK: call void @__gosan_read1(ptr %p)
; CHECK-NEXT: load i8, ptr %p

define i16 @read2(ptr %p) {
  %v = load i16, ptr %p, align 2
  ret i16 %v
}
; CHECK-LABEL: define i16 @read2(
; CHECK: call void @__gosan_read2(ptr %p)
; CHECK-NEXT: load i16, ptr %p

define i32 @read4(ptr %p) {
  %v = load i32, ptr %p, align 4
  ret i32 %v
}
; CHECK-LABEL: define i32 @read4(
; CHECK: call void @__gosan_read4(ptr %p)
; CHECK-NEXT: load i32, ptr %p

define i64 @read8(ptr %p) {
  %v = load i64, ptr %p, align 8
  ret i64 %v
}
; CHECK-LABEL: define i64 @read8(
; CHECK: call void @__gosan_read8(ptr %p)
; CHECK-NEXT: load i64, ptr %p

define i128 @read16(ptr %p) {
  %v = load i128, ptr %p, align 16
  ret i128 %v
}
; CHECK-LABEL: define i128 @read16(
; CHECK: call void @__gosan_read16(ptr %p)
; CHECK-NEXT: load i128, ptr %p

define void @write1(ptr %p) {
  store i8 1, ptr %p, align 1
  ret void
}
; CHECK-LABEL: define void @write1(
; CHECK: call void @__gosan_write1(ptr %p)
; CHECK-NEXT: store i8 1, ptr %p

define void @write2(ptr %p) {
  store i16 1, ptr %p, align 2
  ret void
}
; CHECK-LABEL: define void @write2(
; CHECK: call void @__gosan_write2(ptr %p)
; CHECK-NEXT: store i16 1, ptr %p

define void @write4(ptr %p) {
  store i32 1, ptr %p, align 4
  ret void
}
; CHECK-LABEL: define void @write4(
; CHECK: call void @__gosan_write4(ptr %p)
; CHECK-NEXT: store i32 1, ptr %p

define void @write8(ptr %p) {
  store i64 1, ptr %p, align 8
  ret void
}
; CHECK-LABEL: define void @write8(
; CHECK: call void @__gosan_write8(ptr %p)
; CHECK-NEXT: store i64 1, ptr %p

define void @write16(ptr %p) {
  store i128 1, ptr %p, align 16
  ret void
}
; CHECK-LABEL: define void @write16(
; CHECK: call void @__gosan_write16(ptr %p)
; CHECK-NEXT: store i128 1, ptr %p

define i32 @unaligned_read4(ptr %p) {
  %v = load i32, ptr %p, align 1
  ret i32 %v
}
; CHECK-LABEL: define i32 @unaligned_read4(
; CHECK: call void @__gosan_unaligned_read4(ptr %p)

define void @unaligned_write8(ptr %p) {
  store i64 1, ptr %p, align 4
  ret void
}
; CHECK-LABEL: define void @unaligned_write8(
; CHECK: call void @__gosan_unaligned_write8(ptr %p)

; Three bytes: no fixed-size entry point.
define i24 @read3(ptr %p) {
  %v = load i24, ptr %p, align 1
  ret i24 %v
}
; CHECK-LABEL: define i24 @read3(
; CHECK: call void @__gosan_read_range(ptr %p, i64 3)

define void @write_x86_fp80(ptr %p) {
  store x86_fp80 0xK00000000000000000000, ptr %p, align 16
  ret void
}
; CHECK-LABEL: define void @write_x86_fp80(
; CHECK: call void @__gosan_write_range(ptr %p, i64 10)

; A volatile access is checked like any other.
define i32 @volatile_read(ptr %p) {
  %v = load volatile i32, ptr %p, align 4
  ret i32 %v
}
; CHECK-LABEL: define i32 @volatile_read(
; CHECK: call void @__gosan_read4(ptr %p)
; CHECK-NEXT: load volatile i32, ptr %p
