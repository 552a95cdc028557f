// Under the checker, /debug/gosan/ lists its pages; lockorder shows the
// order the program took its two mutexes in, with where each was taken;
// reports counts the reports so far and shows their text, the data race
// the program commits while it serves included.
// REQUIRES: curl, plugin
// RUN: %gosan-cc %S/Inputs/served.c -o %t
// RUN: python3 %S/Inputs/client.py checker %t | FileCheck %s
// CHECK: gosan-index 200
// CHECK-NEXT: reports - the reports printed so far (counts per kind, the last 16 in full)
// CHECK-NEXT: lockorder - the lock-order graph: which mutex was held while waiting for which
// CHECK-NEXT: lockorder 200
// CHECK-NEXT: gosan: the lock-order graph of pid {{[0-9]+}}: each order says a goroutine waited for the
// CHECK-NEXT: second mutex while it held the first (a cycle of orders is a potential deadlock)
// CHECK-EMPTY:
// CHECK-NEXT: mutex 0x[[A:[0-9a-f]+]] (held) -> mutex 0x[[B:[0-9a-f]+]] (locked), goroutine 1
// CHECK-NEXT:     first taken at:
// CHECK-NEXT:       #0 main {{.*}}served.c:64
// CHECK-NEXT:     second taken at:
// CHECK-NEXT:       #0 main {{.*}}served.c:65
// CHECK-EMPTY:
// CHECK-NEXT: 1 order(s)
// CHECK-NEXT: reports-before 200 gosan: 0 report(s) so far in pid
// CHECK-NEXT: raced 1
// CHECK-NEXT: reports-after 200
// CHECK-NEXT: gosan: 1 report(s) so far in pid
// CHECK-NEXT:   1 data race
// CHECK-EMPTY:
// CHECK-NEXT: --- report 1: data race
// CHECK-NEXT: ==================
// CHECK-NEXT: WARNING: gosan: data race (pid=
// CHECK-NEXT:   Write of size 4 at 0x{{[0-9a-f]+}} by goroutine
// CHECK-NEXT:     #0 writer {{.*}}served.c:33
// CHECK:      SUMMARY: gosan: data race {{.*}}served.c:33 in writer
// CHECK-NEXT: ==================
// CHECK-NEXT: nosuch 404 no such page of the checker: /debug/gosan/ lists them
// CHECK-NEXT: exit 66
