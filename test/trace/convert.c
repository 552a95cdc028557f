// gosan-trace convert turns a trace into Chrome Trace Event / Perfetto
// JSON without Go: valid JSON with a track per goroutine named by its
// function, slices for running and for each block reason, the user region
// on main's track, the log and the task, and flow arrows from unblocks to
// starts.  A missing, foreign or truncated file is an error naming the
// file (and the byte offset).
// RUN: %plain-cc %s -o %t
// RUN: rm -f %t.trace && env GOSAN_TRACE=%t.trace %t | FileCheck %s --check-prefix=OUT
// RUN: gosan-trace convert %t.trace %t.json
// RUN: python3 -m json.tool %t.json > /dev/null
// RUN: python3 %S/Inputs/summarize_json.py %t.json | FileCheck %s
// RUN: not gosan-trace convert %t.missing %t.json 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not gosan-trace convert %s %t.json 2>&1 | FileCheck %s --check-prefix=FOREIGN
// RUN: head -c -1 %t.trace > %t.cut && not gosan-trace convert %t.cut %t.json 2>&1 | FileCheck %s --check-prefix=CUT
#include "Inputs/program.h"

int main(void)
{
    traced_work();
    return 0;
}
// OUT: counter=190
// CHECK: goroutine track: G1 main
// CHECK-NEXT: goroutine track: G2 producer
// CHECK-NEXT: goroutine track: G3 consumer
// CHECK-NEXT: goroutine track: G4 consumer
// CHECK-NEXT: goroutine track: G5 selector
// CHECK-NEXT: goroutine track: G6 waiter
// CHECK-NEXT: goroutine track: G7 late_sender
// CHECK-DAG: goroutine slice: chan receive
// CHECK-DAG: goroutine slice: chan send
// CHECK-DAG: goroutine slice: running
// CHECK-DAG: goroutine slice: runnable
// CHECK-DAG: goroutine slice: select
// CHECK-DAG: goroutine slice: sleep
// CHECK-DAG: goroutine slice: sync
// CHECK-DAG: goroutine slice: sync.Cond
// CHECK-DAG: processor slices: yes
// CHECK-DAG: region: region: setup on G1 main
// CHECK-DAG: log: phase spawning
// CHECK-DAG: task b: work
// CHECK-DAG: task e: work
// CHECK-DAG: flow arrows: {{[1-9][0-9]*}}, every one ends: yes
// MISSING: gosan-trace: {{.*}}convert.c.tmp.missing: No such file or directory
// FOREIGN: gosan-trace: {{.*}}convert.c: not a Go 1.19 execution trace: the header at byte offset 0 is
// CUT: gosan-trace: {{.*}}convert.c.tmp.cut: truncated: the file ends inside the event that starts at byte offset {{[0-9]+}}, at byte offset {{[0-9]+}}
