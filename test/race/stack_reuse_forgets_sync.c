// A sync object that lived on a finished goroutine's stack is forgotten
// when the stack is handed to the next goroutine: that goroutine's acquire
// of a local at the same address must not give it the old owner's clock.
// The checker skips the meta pages no sync object was ever linked in
// (syncobj.c, meta_used) instead of asking the kernel at every spawn; this
// checks that the page holding the old object is still looked at.
// `first` releases on its local after touching `g`; `second`, on the same
// stack, acquires its own local at that address and then touches `g`:
// nothing orders the two (main waits with relaxed atomics), so each pair is
// a race, reported before main returns right after.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: not %t write-write 2>&1 | FileCheck --check-prefix=WW %s
// RUN: not %t read-write 2>&1 | FileCheck --check-prefix=RW %s
// RUN: not %t write-read 2>&1 | FileCheck --check-prefix=WR %s
#include <gosan/go.h>
#include <gosan/gosan.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

static long g;
static atomic_int done;       /* relaxed: orders nothing for the checker */
static _Atomic(void *) where[2];
static int first_writes, second_writes;

static __attribute__((noinline)) void sync_local(int i)
{
    volatile long lk = 0; /* the sync object's address: a local */
    atomic_store_explicit(&where[i], (void *)&lk, memory_order_relaxed);
    if (i == 0) {
        if (first_writes)
            g = 1;
        else
            (void)*(volatile long *)&g;
        gosan_release((const void *)&lk);
    } else {
        gosan_acquire((const void *)&lk);
        if (second_writes)
            g = 2;
        else
            (void)*(volatile long *)&g;
    }
    (void)lk;
}

static void run(void *arg)
{
    sync_local((int)(long)arg);
    atomic_fetch_add_explicit(&done, 1, memory_order_relaxed);
}

int main(int argc, char **argv)
{
    go_maxprocs(1); /* the stack a goroutine leaves is the next one's */
    const char *mode = argc > 1 ? argv[1] : "write-write";
    first_writes = strcmp(mode, "read-write") != 0;
    second_writes = strcmp(mode, "write-read") != 0;
    go_spawn(run, (void *)0);
    while (atomic_load_explicit(&done, memory_order_relaxed) < 1)
        go_yield();
    go_sleep(2 * 1000 * 1000); /* it has exited: its stack is free */
    go_spawn(run, (void *)1);
    while (atomic_load_explicit(&done, memory_order_relaxed) < 2)
        go_yield();
    if (atomic_load(&where[0]) != atomic_load(&where[1]))
        printf("stack not reused\n"); /* the check below then fails: no report */
    return 0;
}
// WW: WARNING: gosan: data race
// WW-NEXT: Write of size 8 at 0x{{[0-9a-f]+}} by goroutine 3:
// WW: Previous write of size 8 at 0x{{[0-9a-f]+}} by goroutine 2:
// RW: WARNING: gosan: data race
// RW-NEXT: Write of size 8 at 0x{{[0-9a-f]+}} by goroutine 3:
// RW: Previous read of size 8 at 0x{{[0-9a-f]+}} by goroutine 2:
// WR: WARNING: gosan: data race
// WR-NEXT: Read of size 8 at 0x{{[0-9a-f]+}} by goroutine 3:
// WR: Previous write of size 8 at 0x{{[0-9a-f]+}} by goroutine 2:
