// The debug endpoint runs on threads of its own: it answers, and takes an
// execution trace, while goroutines spinning forever hold every worker
// (GOSAN_MAXPROCS=1) and two goroutines are deadlocked on a pair of
// mutexes.  Go's viewer reads that trace.
// REQUIRES: curl, go
// RUN: %plain-cc %S/Inputs/served.c -o %t
// RUN: env GOSAN_MAXPROCS=1 TRACE_OUT=%t.trace python3 %S/Inputs/client.py busy %t | FileCheck %s
// RUN: go tool trace -d %t.trace | FileCheck %s --check-prefix=EVENTS
// CHECK: busy
// CHECK-NEXT: stuck
// CHECK-NEXT: index-while-busy 200
// CHECK-NEXT: trace-while-busy 200 header=b'go 1.19 trace\x00'
// CHECK-NEXT: exit 0
// EVENTS: Gomaxprocs
// EVENTS: GoStart
