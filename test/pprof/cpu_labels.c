// A CPU profile (gosan_cpuprofile_start at 250 Hz) of two goroutines doing
// the same amount of work under different labels attributes to each the
// same CPU time within 20%: each worker thread is sampled by a timer on its
// own CPU clock, so time the machine gave to other processes does not
// count, however loaded it is.  Each sample carries the running goroutine's
// labels (-tags, -tagfocus), and its stack (the work function under the
// goroutine's function) from the frame pointers.
// REQUIRES: go
// RUN: %plain-cc -O1 %s -o %t
// RUN: env GOSAN_MAXPROCS=2 %t %t.pb.gz
// RUN: go tool pprof -tags %t.pb.gz > %t.tags
// RUN: python3 %S/Inputs/shares.py worker 20 < %t.tags | FileCheck %s --check-prefix=SHARES
// RUN: go tool pprof -top -tagfocus=worker=alpha %t.pb.gz | FileCheck %s --check-prefix=ALPHA
// RUN: go tool pprof -traces %t.pb.gz | FileCheck %s --check-prefix=TRACES
#include <fcntl.h>
#include <gosan/go.h>
#include <stdio.h>
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

static __attribute__((noinline)) void alpha_work(void) { sink += burn(400 * 1000 * 1000); }
static __attribute__((noinline)) void beta_work(void) { sink += burn(400 * 1000 * 1000); }

static void worker(void *arg)
{
    const char *name = arg;
    go_label_set("worker", name);
    if (name[0] == 'a')
        alpha_work();
    else
        beta_work();
    go_wg_done(&wg);
}

int main(int argc, char **argv)
{
    int fd = open(argv[1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || gosan_cpuprofile_start(fd, 250) != 0)
        return 1;
    if (gosan_cpuprofile_start(fd, 250) != GO_EINVAL)
        return 2;
    go_wg_add(&wg, 2);
    go_spawn(worker, "alpha");
    go_spawn(worker, "beta");
    go_wg_wait(&wg);
    if (gosan_cpuprofile_stop() != 0 || gosan_cpuprofile_stop() != GO_EINVAL)
        return 3;
    close(fd);
    return 0;
}

// SHARES: alpha:
// SHARES: beta:
// SHARES: within 20%: yes

// ALPHA: Type: cpu
// ALPHA: tagfocus=worker=alpha
// ALPHA: flat flat% sum% cum cum%
// ALPHA-NEXT: {{.*}} burn
// ALPHA-NOT: beta_work
// ALPHA: alpha_work
// ALPHA-NOT: beta_work

// TRACES: Type: cpu
// TRACES: worker: alpha
// TRACES-NEXT: {{[0-9.]+m?s}} burn
// TRACES-NEXT: alpha_work
// TRACES-NEXT: worker
