// GOSAN_TRACE and GOSAN_CPUPROFILE on while 10,000 short-lived adopted
// threads come and go (test/go/adopt_many.c: 5,000 one after another, then
// 5,000 in waves of 32, each with a child goroutine; a goroutine profile
// is written over and over meanwhile).  The threads reuse a few ms
// (rt/go/adopt.c), and with them those ms' trace buffers and trace Ps: an
// adopted goroutine ends (GoEnd) and its P stops when its thread exits, so
// the next thread's goroutine starts on that P afresh.  `go tool trace`
// parses the trace, every goroutine created was started, and every one but
// main ended; `go tool pprof` reads the CPU profile, where the last
// threads' burn_adopted (320 ms of CPU on reused ms) shows.
// REQUIRES: go
// RUN: %plain-cc %S/../go/adopt_many.c -o %t -lpthread
// RUN: rm -f %t.trace %t.pb.gz
// RUN: env GOSAN_TRACE=%t.trace GOSAN_CPUPROFILE=%t.pb.gz GOSAN_CPUPROFILE_HZ=1000 %t 5000 dump | FileCheck %s --check-prefix=OUT
// RUN: go tool trace -d %t.trace > %t.events
// RUN: python3 %S/Inputs/count_events.py %t.events | FileCheck %s
// RUN: grep -c ' GoEnd ' %t.events | FileCheck %s --check-prefix=ENDS
// RUN: go tool pprof -raw %t.pb.gz | FileCheck %s --check-prefix=CPU
// RUN: go tool pprof -top %t.pb.gz | FileCheck %s --check-prefix=TOP
// OUT: in waves of 32: 5000 threads, sum 12502500, mutex 10000, children 10000
// 10,000 threads, 10,000 children, main and the dumping goroutine
// CHECK: goroutines created by the program: 20002
// CHECK: every goroutine started after its create: yes
// CHECK: every unblock ends a block: yes
// ENDS: {{^}}20001{{$}}
// CPU: PeriodType: cpu nanoseconds
// CPU: Samples:
// TOP: burn_adopted
