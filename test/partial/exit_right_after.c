// A goroutine blocked for good just before the program ends is reported
// whatever the period of the partial-deadlock scan: with deadlock_scan_ms
// set, the exit runs the scan once more (no periodic scan comes between
// here: its period is an hour).  Main returns as soon as a goroutine dump
// shows the worker parked on its receive.
//   default    the channel is only on the worker's stack: reported at exit,
//              once, and the exit status says so
//   PERIODIC   a periodic scan (20 ms) reports it first: the exit scan does
//              not report it again
//   GLOBAL     the channel is in a global: reachable, no report at exit
//   OFF        deadlock_scan_ms=0 and no leak check: the exit runs no scan
// REQUIRES: plugin
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=3600000 not %t > %t.out 2>&1
// RUN: FileCheck %s < %t.out
// RUN: %gosan-cc -DPERIODIC %s -o %t-periodic
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=20 not %t-periodic > %t-periodic.out 2>&1
// RUN: FileCheck %s < %t-periodic.out
// RUN: %gosan-cc -DGLOBAL %s -o %t-global
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=3600000 %t-global 2>&1 | FileCheck --check-prefix=QUIET %s
// RUN: env GOSAN_OPTIONS=deadlock_scan_ms=0 %t 2>&1 | FileCheck --check-prefix=QUIET %s
#define _GNU_SOURCE
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#ifdef GLOBAL
static go_chan *global_chan;
#endif

static void worker(void *arg)
{
    go_chan *c = arg;
    go_chan_recv(c, NULL); // blocked here for good
}

/* Overwrites dead stack slots so no stale copy of the channel pointer
 * survives in main's part of the stack. */
__attribute__((noinline)) static void clobber_stack(void)
{
    volatile char buf[8192];
    memset((char *)buf, 0, sizeof buf);
}

/* Polls gosan_dump until a goroutine is parked on a channel receive. */
__attribute__((noinline)) static void wait_parked(void)
{
    static char buf[1 << 16];
    int fd = memfd_create("dump", 0);
    for (int i = 0; fd >= 0 && i < 10000; i++) {
        ftruncate(fd, 0);
        lseek(fd, 0, SEEK_SET);
        gosan_dump(fd);
        ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
        buf[n > 0 ? n : 0] = 0;
        if (strstr(buf, "[chan receive"))
            break;
        go_sleep(1000000);
    }
    close(fd);
}

__attribute__((noinline)) static void start(void)
{
    go_chan *c = go_chan_make(0, 0);
#ifdef GLOBAL
    global_chan = c;
#endif
    go_spawn(worker, c); // worker created here
}

int main(void)
{
    start();
    wait_parked();
    clobber_stack();
#ifdef PERIODIC
    go_sleep(300 * 1000000ll);
#endif
    printf("main done\n");
    return 0;
}
// CHECK: WARNING: gosan: deadlock
// CHECK-NEXT: Goroutine [[G:[0-9]+]] is blocked for good in chan receive on channel 0x{{[0-9a-f]+}} (len 0, cap 0) (for {{[^)]*}}): nothing that can still run can reach it:
// CHECK-NEXT: #0 worker {{.*}}exit_right_after.c:37
// CHECK: Goroutine [[G]] created by goroutine 1 at:
// CHECK-NEXT: #0 start {{.*}}exit_right_after.c:72
// CHECK: SUMMARY: gosan: deadlock {{.*}}exit_right_after.c:37 in worker
// CHECK-NOT: WARNING: gosan: deadlock
// QUIET-NOT: WARNING: gosan
// QUIET: main done
// QUIET-NOT: WARNING: gosan
