// GOSAN_RECORD=PATH runs the deterministic mode (random strategy unless
// GOSAN_SCHED says otherwise; the seed from the kernel unless GOSAN_SEED
// fixes it) and logs the run; GOSAN_REPLAY=PATH runs it again from the
// log: same seed, same strategy, same interleaving, so the same output,
// whatever the environment says at replay.
// RUN: %plain-cc -O1 %S/../detsched/Inputs/mix.c -o %t
// RUN: env GOSAN_RECORD=%t.log %t > %t.rec
// RUN: head -3 %t.log | FileCheck --check-prefix=HEADER %s
// RUN: env GOSAN_REPLAY=%t.log %t > %t.rep && diff %t.rec %t.rep
// RUN: env GOSAN_REPLAY=%t.log GOSAN_SCHED=pct GOSAN_SEED=5 %t > %t.rep2 && diff %t.rec %t.rep2
// RUN: env GOSAN_RECORD=%t-pct.log GOSAN_SCHED=pct GOSAN_PCT_DEPTH=4 %t > %t-pct.rec
// RUN: head -3 %t-pct.log | FileCheck --check-prefix=PCT %s
// RUN: env GOSAN_REPLAY=%t-pct.log %t > %t-pct.rep && diff %t-pct.rec %t-pct.rep
// A log is checked event by event: five replays all succeed.
// RUN: for i in 1 2 3 4 5; do env GOSAN_REPLAY=%t.log %t; done | sort | uniq -c | FileCheck --check-prefix=FIVE %s
// The checked build.
// RUN: %gosan-cc -O1 %S/../detsched/Inputs/mix.c -o %t-chk
// RUN: env GOSAN_RECORD=%t-chk.log %t-chk > %t-chk.rec
// RUN: env GOSAN_REPLAY=%t-chk.log %t-chk > %t-chk.rep && diff %t-chk.rec %t-chk.rep
// HEADER: gosan-record 1
// HEADER-NEXT: seed {{[0-9]+}}
// HEADER-NEXT: sched random depth 3 steps 1000
// PCT: sched pct depth 4 steps 1000
// FIVE: {{^ *}}5 order
// FIVE-NOT: order
