// A replay runs under gdb: record a run, then replay it in gdb -batch,
// stop at a breakpoint inside a goroutine, look at the goroutines, and
// let it finish: the output is the recorded one.
// REQUIRES: gdb
// RUN: %plain-cc -g -O0 %s -o %t
// RUN: env GOSAN_RECORD=%t.log %t > %t.rec
// RUN: %gdb -ex 'set environment GOSAN_REPLAY=%t.log' -ex 'break stop_here' -ex run -ex 'info goroutines' \
// RUN:   -ex 'print stage' -ex continue %t > %t.gdb 2>&1
// RUN: FileCheck --check-prefix=GDB %s < %t.gdb
// RUN: grep '^order' %t.gdb | diff %t.rec -
// GDB: Breakpoint 1, stop_here
// GDB: goroutine 2 [running
// GDB: created by main
// GDB: $1 = 3
// GDB: order {{[a-f0-9]+}}
// GDB-NOT: diverged
#include "../detsched/Inputs/mix.h"

static int stage;

__attribute__((noinline)) void stop_here(void) { __asm__ volatile(""); }

static void checker(void *arg)
{
    (void)arg;
    stage = 3;
    stop_here();
}

int main(void)
{
    go_spawn(checker, NULL);
    mix_run();
    return 0;
}
