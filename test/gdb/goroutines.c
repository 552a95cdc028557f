// `info goroutines` lists every goroutine with Go's wait reason, labels,
// the innermost frame of the program's own code and the creation site;
// `goroutine N bt` shows a parked goroutine's stack without the library's
// frames; `goroutine N frame K` selects a frame so that `print` and
// `info locals` read that goroutine's variables.  The commands load by
// themselves from the program (.debug_gdb_scripts), checked or not.
// REQUIRES: gdb, plugin
// RUN: %gosan-cc -g -O0 %S/Inputs/parked.c -o %t.checked
// RUN: %gosan-cc --plain -g -O0 %S/Inputs/parked.c -o %t.plain
// RUN: %gdb -ex 'break stop_here' -ex run -ex 'info goroutines' -ex 'goroutine 2 bt' \
// RUN:   -ex 'goroutine 2 frame 0' -ex 'info locals' -ex 'print request_id * 2' \
// RUN:   -ex 'goroutine 3 bt' -ex 'goroutine 4 bt' -ex 'goroutine 2 print request_id' %t.checked 2>&1 | FileCheck %s
// RUN: %gdb -ex 'break stop_here' -ex run -ex 'info goroutines' -ex 'goroutine 2 bt' \
// RUN:   -ex 'goroutine 2 frame 0' -ex 'info locals' -ex 'print request_id * 2' \
// RUN:   -ex 'goroutine 3 bt' -ex 'goroutine 4 bt' -ex 'goroutine 2 print request_id' %t.plain 2>&1 | FileCheck %s

// CHECK: * goroutine 1 [running on thread {{[0-9]+}} (LWP {{[0-9]+}})]
// CHECK-NEXT: at stop_here at {{.*}}parked.c:
// CHECK-NEXT: goroutine 2 [chan receive, {{[0-9.]+ (ms|s|minutes)}}] labels: {"job":"rx"}
// CHECK-NEXT: at receiver at {{.*}}parked.c:17
// CHECK-NEXT: created by main at {{.*}}parked.c:52 in goroutine 1
// CHECK-NEXT: goroutine 3 [sync.Mutex.Lock, {{.*}}]
// CHECK-NEXT: at locker at {{.*}}parked.c:24
// CHECK-NEXT: created by main at {{.*}}parked.c:53 in goroutine 1
// CHECK-NEXT: goroutine 4 [sleep, {{.*}}]
// CHECK-NEXT: at sleeper at {{.*}}parked.c:31
// CHECK-NEXT: created by main at {{.*}}parked.c:54 in goroutine 1

// CHECK: goroutine 2 [chan receive, {{.*}}]:
// CHECK-NEXT: #0 receiver at {{.*}}parked.c:17
// CHECK-NEXT: created by main at {{.*}}parked.c:52 in goroutine 1
// CHECK-NEXT: goroutine 2 frame 0: receiver at {{.*}}parked.c:17
// CHECK: request_id = 42
// CHECK-NEXT: $1 = 84
// CHECK-NEXT: goroutine 3 [sync.Mutex.Lock, {{.*}}]:
// CHECK-NEXT: #0 locker at {{.*}}parked.c:24
// CHECK-NEXT: created by main
// CHECK-NEXT: goroutine 4 [sleep, {{.*}}]:
// CHECK-NEXT: #0 sleeper at {{.*}}parked.c:31
// CHECK-NEXT: created by main
// CHECK-NEXT: $2 = 42
// CHECK-NOT: Python Exception
// CHECK-NOT: Error
