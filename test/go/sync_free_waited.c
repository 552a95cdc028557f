// Freeing memory that holds a Mutex, RWMutex, WaitGroup or Cond while a
// goroutine is blocked on it: the checked build reports `free of object
// with blocked goroutines` at the free, with the freeing stack and the
// blocked goroutine's (the sync types have no free function: the checker
// sees the program's free).  A WaitGroup freed right after Wait returned
// is correct and not reported.  Main frees only after the waiter raised a
// relaxed flag (which orders nothing for the checker) just before its
// blocking call, and then 50 ms more: on one processor main runs again
// only once the waiter has parked.  (A fixed 50 ms from the spawn assumed
// the waiter started within it; on a loaded machine the timer could ready
// main first, and the free found nobody blocked.)
// RUN: %gosan-cc %s -o %t
// RUN: env GOSAN_MAXPROCS=1 %t mutex > %t.out 2>&1; test $? -eq 66; FileCheck --check-prefixes=CHECK,MUTEX %s < %t.out
// RUN: env GOSAN_MAXPROCS=1 %t rwmutex > %t.out 2>&1; test $? -eq 66; FileCheck --check-prefixes=CHECK,RW %s < %t.out
// RUN: env GOSAN_MAXPROCS=1 %t wg > %t.out 2>&1; test $? -eq 66; FileCheck --check-prefixes=CHECK,WG %s < %t.out
// RUN: env GOSAN_MAXPROCS=1 %t cond > %t.out 2>&1; test $? -eq 66; FileCheck --check-prefixes=CHECK,COND %s < %t.out
// RUN: %t wg_done 2>&1 | FileCheck --check-prefix=OK --implicit-check-not=WARNING %s
// RUN: env GOSAN_MAXPROCS=1 %t wg_done 2>&1 | FileCheck --check-prefix=OK --implicit-check-not=WARNING %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int pad;
    go_mutex mu;
    go_rwmutex rw;
    go_wg wg;
    go_cond cond;
} box;

static const char *mode;
static atomic_int blocking; /* the waiter is about to block */

static void waiter(void *arg)
{
    box *b = arg;
    if (!strcmp(mode, "cond"))
        go_mutex_lock(&b->mu);
    atomic_store_explicit(&blocking, 1, memory_order_relaxed);
    if (!strcmp(mode, "mutex"))
        go_mutex_lock(&b->mu);
    else if (!strcmp(mode, "rwmutex"))
        go_rwmutex_rlock(&b->rw);
    else if (!strcmp(mode, "cond"))
        go_cond_wait(&b->cond);
    else
        go_wg_wait(&b->wg);
    printf("waiter woke\n"); /* never */
}

static void done_later(void *arg)
{
    go_sleep(20 * 1000 * 1000);
    go_wg_done(arg);
}

int main(int argc, char **argv)
{
    mode = argc > 1 ? argv[1] : "mutex";
    box *b = calloc(1, sizeof *b);
    go_cond_init(&b->cond, &b->mu);
    if (!strcmp(mode, "wg_done")) {
        go_wg *wg = calloc(1, sizeof *wg);
        go_wg_add(wg, 1);
        go_spawn(done_later, wg);
        go_wg_wait(wg); /* blocks, then is woken: no longer a waiter */
        free(wg);
        printf("freed after Wait\n");
        return 0;
    }
    if (!strcmp(mode, "mutex"))
        go_mutex_lock(&b->mu);
    else if (!strcmp(mode, "rwmutex"))
        go_rwmutex_lock(&b->rw);
    else if (!strcmp(mode, "wg"))
        go_wg_add(&b->wg, 1);
    go_spawn(waiter, b);
    while (!atomic_load_explicit(&blocking, memory_order_relaxed))
        go_sleep(1000 * 1000);
    go_sleep(50 * 1000 * 1000);
    free(b);
    printf("freed\n");
    return 0;
}
// CHECK: WARNING: gosan: free of object with blocked goroutines
// CHECK-NEXT: Free of 0x{{[0-9a-f]+}}, which goroutines are blocked on, by goroutine 1:
// CHECK: #0 main {{.*}}sync_free_waited.c:{{[0-9]+}}
// MUTEX: Goroutine 2 is blocked in sync.Mutex.Lock on Mutex
// RW: Goroutine 2 is blocked in sync.RWMutex.RLock on RWMutex
// WG: Goroutine 2 is blocked in sync.WaitGroup.Wait on WaitGroup
// COND: Goroutine 2 is blocked in sync.Cond.Wait on Cond
// CHECK: #0 waiter {{.*}}sync_free_waited.c:{{[0-9]+}}
// CHECK: Goroutine 2 created by goroutine 1 at:
// CHECK: freed
// OK: freed after Wait
