// gosan-explore finds a blocking bug that plain runs rarely show (the
// kubernetes#10182 kernel: a lock held across a channel send), prints the
// failing run's output, its seed and the replay command; the replay command
// fails again the same way, with the same output, every time.
// RUN: %plain-cc %gosan-src/bench/kernels/kubernetes10182.c -o %t
// RUN: not gosan-explore --runs 100 -- %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// CHECK: fatal error: all goroutines are asleep - deadlock!
// CHECK: [sync.RWMutex.Lock]:
// CHECK: [chan send]:
// CHECK: gosan-explore: schedule {{[0-9]+}} failed: exit status 2
// CHECK-NEXT: seed: [[SEED:[0-9]+]]
// CHECK-NEXT: replay: GOSAN_SCHED=pct GOSAN_PCT_DEPTH=3 GOSAN_PCT_STEPS={{[0-9]+}} GOSAN_SEED=[[SEED]] {{.*}}find_replay.c.tmp{{$}}
// RUN: %python %S/Inputs/replay.py %t.out 3 -- %t
//
// The checked build: the same bug, reported by the checker (exit 66); the
// replay's report has the same text (pid, addresses and wait times aside).
// RUN: %gosan-cc %gosan-src/bench/kernels/kubernetes10182.c -o %t.checked
// RUN: not gosan-explore --runs 100 -- %t.checked > %t.checked.out 2>&1
// RUN: FileCheck %s --check-prefix=CHECKED < %t.checked.out
// CHECKED: WARNING: gosan: deadlock
// CHECKED: gosan-explore: schedule {{[0-9]+}} failed: exit status 66
// CHECKED-NEXT: seed: [[SEED:[0-9]+]]
// RUN: %python %S/Inputs/replay.py %t.checked.out 3 -- %t.checked
