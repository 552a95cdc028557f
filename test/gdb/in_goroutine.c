// Stopped at a breakpoint inside a goroutine: `info goroutines` marks it
// with `*` as the one the selected thread runs, and after looking at another
// goroutine gdb's own `bt` shows the thread's frames again (nothing was
// written to its registers: they are what the breakpoint left).
// `set gosan-library-frames on` shows the library's frames too.
// REQUIRES: gdb, plugin
// RUN: %gosan-cc --plain -g -O0 %S/Inputs/parked.c -o %t
// RUN: %gdb -ex 'break locker' -ex run -ex 'info goroutines' -ex 'goroutine 2 bt' \
// RUN:   -ex 'goroutine 2 frame 0' -ex 'set gosan-library-frames on' -ex 'goroutine 2 bt' \
// RUN:   -ex 'goroutine off' -ex 'bt 1' %t 2>&1 | FileCheck %s

// CHECK: hit Breakpoint 1, locker
// CHECK: goroutine 2 [chan receive
// CHECK: * goroutine 3 [running on thread
// CHECK-NEXT: at locker at {{.*}}parked.c:24
// CHECK: goroutine 2 [chan receive{{.*}}]:
// CHECK-NEXT: #0 receiver
// CHECK: goroutine 2 frame 0: receiver
// CHECK: goroutine 2 [chan receive{{.*}}]:
// CHECK-NEXT: #0 {{.*}} at {{.*}}rt/go/sched.c:
// CHECK: go_chan_recv at {{.*}}rt/go/chan.c:
// CHECK-NEXT: receiver at {{.*}}parked.c:17
// CHECK: #0 locker (arg=0x0) at {{.*}}parked.c:24
