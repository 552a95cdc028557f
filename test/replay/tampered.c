// A replay checks each event against the log and stops at the first one
// the program does differently: a log whose scheduling decision was
// changed, one cut short, and a log of another program all diverge, with
// the event's number, both versions, and exit status 3.
// RUN: %plain-cc -O1 %S/../detsched/Inputs/mix.c -o %t
// RUN: env GOSAN_RECORD=%t.log GOSAN_SEED=11 %t > /dev/null
// RUN: awk '/^run g/ && ++n == 5 { $0 = "run g999" } 1' %t.log > %t.bad
// RUN: env GOSAN_REPLAY=%t.bad %t > %t.out 2>&1; echo "status $?" >> %t.out
// RUN: FileCheck --check-prefix=SCHED %s < %t.out
// RUN: head -40 %t.log > %t.short
// (3 header lines, then events 1 to 37)
// RUN: env GOSAN_REPLAY=%t.short %t > %t.out2 2>&1; echo "status $?" >> %t.out2
// RUN: FileCheck --check-prefix=SHORT %s < %t.out2
// RUN: sed 's/^now \([0-9]*\)$/now 1/' %t.log > %t.clock
// RUN: env GOSAN_REPLAY=%t.clock %t > %t.out3 2>&1; echo "status $?" >> %t.out3
// RUN: FileCheck --check-prefix=CLOCK %s < %t.out3
// RUN: printf 'not a log\n' > %t.junk
// RUN: env GOSAN_REPLAY=%t.junk %t > %t.out4 2>&1; echo "status $?" >> %t.out4
// RUN: FileCheck --check-prefix=JUNK %s < %t.out4
// SCHED-NOT: order
// SCHED: gosan: replay diverged at event {{[0-9]+}}: recorded run g999, program did run g{{[0-9]+}}
// SCHED: status 3
// SHORT-NOT: order
// SHORT: gosan: replay diverged at event 38: recorded the end of the recording, program did {{.+}}
// SHORT: status 3
// CLOCK: gosan: replay diverged at event {{[0-9]+}}: recorded now 1, program did now 1000000000
// CLOCK: status 3
// JUNK: gosan: replay: {{.*}}.junk: not a gosan recording
// JUNK: status 3
