; Atomics of syncscope("singlethread") (signal-handler scope) beside the
; same operations of the default (system) scope; see signal_scope.c.
target triple = "x86_64-pc-linux-gnu"

@x = global i32 0, align 4

define i32 @signal_load() {
  %v = load atomic i32, ptr @x syncscope("singlethread") acquire, align 4
  ret i32 %v
}

define void @signal_store(i32 %v) {
  store atomic i32 %v, ptr @x syncscope("singlethread") release, align 4
  ret void
}

define i32 @signal_rmw(i32 %v) {
  %old = atomicrmw add ptr @x, i32 %v syncscope("singlethread") seq_cst
  ret i32 %old
}

define i32 @signal_cas(i32 %c, i32 %n) {
  %p = cmpxchg ptr @x, i32 %c, i32 %n syncscope("singlethread") seq_cst seq_cst
  %v = extractvalue { i32, i1 } %p, 0
  ret i32 %v
}

define void @signal_fence() {
  fence syncscope("singlethread") seq_cst
  ret void
}

define i32 @system_load() {
  %v = load atomic i32, ptr @x acquire, align 4
  ret i32 %v
}
