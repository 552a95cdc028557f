// GOSAN_CPUPROFILE=PATH profiles the CPU of the whole run (written at
// exit), at GOSAN_CPUPROFILE_HZ samples per second (the profile's period);
// a forked child that exits does not write over its parent's profile; a
// bad rate is reported and no profile is taken.
// REQUIRES: go
// RUN: %plain-cc -O1 %s -o %t
// RUN: rm -f %t.pb.gz && env GOSAN_CPUPROFILE=%t.pb.gz GOSAN_CPUPROFILE_HZ=500 %t
// RUN: go tool pprof -raw %t.pb.gz | FileCheck %s --check-prefix=RAW
// RUN: go tool pprof -traces %t.pb.gz | FileCheck %s --check-prefix=TRACES
// RUN: rm -f %t.bad && env GOSAN_CPUPROFILE=%t.bad GOSAN_CPUPROFILE_HZ=-3 %t 2>&1 | FileCheck %s --check-prefix=BAD
#include <gosan/go.h>
#include <sys/wait.h>
#include <unistd.h>

static go_wg wg;
static volatile long sink;

static __attribute__((noinline)) long burn(long n)
{
    long x = 0;
    for (long i = 0; i < n; i++)
        x += i * i ^ (x >> 3);
    return x;
}

static void cruncher(void *arg)
{
    go_label_set("phase", "crunch");
    sink += burn(300 * 1000 * 1000);
    go_wg_done(&wg);
}

int main(void)
{
    pid_t pid = fork();
    if (pid == 0)
        return 0; /* exits through atexit: must not write the profile */
    waitpid(pid, NULL, 0);
    go_wg_add(&wg, 1);
    go_spawn(cruncher, NULL);
    go_wg_wait(&wg);
    return 0;
}

// RAW: PeriodType: cpu nanoseconds
// RAW-NEXT: Period: 2000000
// RAW: Samples:
// RAW-NEXT: samples/count cpu/nanoseconds

// TRACES: Type: cpu
// TRACES: phase: crunch
// TRACES-NEXT: {{[0-9.]+m?s}} burn
// TRACES-NEXT: cruncher

// BAD: gosan: GOSAN_CPUPROFILE_HZ=-3: not a rate from 1 to 10000; no CPU profile
