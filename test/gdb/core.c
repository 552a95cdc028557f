// The goroutine commands read a core dump as they read a live process:
// one written by gcore at a breakpoint, and one of a program that crashed
// in a goroutine (abort), where the crashing goroutine is the running one.
// REQUIRES: gdb, plugin
// RUN: rm -f %t.core %t.crash.core
// RUN: %gosan-cc --plain -g -O0 %S/Inputs/parked.c -o %t
// RUN: %gdb -ex 'break stop_here' -ex run -ex 'gcore %t.core' %t > /dev/null 2>&1
// RUN: %gdb -ex 'info goroutines' -ex 'goroutine 3 bt' -ex 'goroutine 2 frame 0' \
// RUN:   -ex 'print request_id' %t %t.core 2>&1 | FileCheck --check-prefix=GCORE %s
// RUN: %gdb -ex run -ex 'gcore %t.crash.core' --args %t crash > /dev/null 2>&1
// RUN: %gdb -ex 'info goroutines' -ex 'goroutine 5 bt' %t %t.crash.core 2>&1 | FileCheck --check-prefix=CRASH %s

// GCORE: goroutine 1 [running on thread
// GCORE: goroutine 2 [chan receive] labels: {"job":"rx"}
// GCORE-NEXT: at receiver at {{.*}}parked.c:17
// GCORE: goroutine 3 [sync.Mutex.Lock]
// GCORE: goroutine 4 [sleep]
// GCORE: goroutine 3 [sync.Mutex.Lock]:
// GCORE-NEXT: #0 locker at {{.*}}parked.c:24
// GCORE: goroutine 2 frame 0: receiver at {{.*}}parked.c:17
// GCORE: $1 = 42

// The crash: with one processor the last goroutine spawned runs first (it
// is the run-next one, as in Go), so the others have not started.
// CRASH: Program terminated with signal SIGABRT
// CRASH: goroutine 1 [runnable]
// CRASH-NEXT: at main at {{.*}}parked.c:58
// CRASH: goroutine 2 [runnable]
// CRASH-NEXT: at not started: receiver at {{.*}}parked.c
// CRASH: * goroutine 5 [running on thread {{[0-9]+}} (LWP {{[0-9]+}})] labels: {"job":"crash"}
// CRASH-NEXT: at crasher at {{.*}}parked.c:38
// CRASH: goroutine 5 [running on thread
// CRASH: #{{[0-9]+}} crasher at {{.*}}parked.c:38
// CRASH-NEXT: created by main at {{.*}}parked.c:56 in goroutine 1
