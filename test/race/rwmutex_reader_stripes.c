// A library RWMutex's readers' clock is striped by goroutine (syncobj.h,
// GS_SYNC_RW_STRIPES): each RUnlock releases into its goroutine's stripe,
// and a write Lock must join every stripe.  Six readers (consecutive
// goroutine ids: every stripe) read x under RLock and RUnlock; the writer
// starts only after all six are done (a relaxed counter, which orders
// nothing), so only the RUnlock -> Lock edges order the reads before its
// write.
//   default   the writer writes x under Lock: no race (a Lock that missed
//             a stripe would report a reader of that stripe)
//   NOLOCK    the writer writes x without the lock after the reads: a race
//   WR        the writer writes x without the lock first, then the readers
//             read under RLock: a race (the other real-time order)
// The racy runs exit right after the racy access (_exit, no wait).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DNOLOCK %s -o %t-nl && not %t-nl 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DWR %s -o %t-wr && not %t-wr 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

#define READERS 6

/* Not static, so every access is kept. */
long x;
long sums[READERS];
static go_rwmutex rw;
static go_wg wg;
static atomic_int done, written; /* relaxed: order nothing */

static void reader(void *arg) {
    long id = (long)arg;
#ifdef WR
    while (atomic_load_explicit(&written, memory_order_relaxed) < 1)
        go_yield();
#endif
    go_rwmutex_rlock(&rw);
    sums[id] = x;
    go_rwmutex_runlock(&rw);
    atomic_fetch_add_explicit(&done, 1, memory_order_relaxed);
#ifdef WR
    if (atomic_load_explicit(&done, memory_order_relaxed) == READERS)
        _exit(66); /* right after the racy reads */
#endif
    go_wg_done(&wg);
}

static void writer(void *arg) {
    (void)arg;
#ifdef WR
    x = 1;
    atomic_store_explicit(&written, 1, memory_order_relaxed);
#else
    while (atomic_load_explicit(&done, memory_order_relaxed) < READERS)
        go_yield();
#ifdef NOLOCK
    x = 2;
    _exit(66); /* right after the racy write */
#else
    go_rwmutex_lock(&rw);
    x = 2;
    go_rwmutex_unlock(&rw);
#endif
#endif
    go_wg_done(&wg);
}

int main(void) {
    go_wg_add(&wg, READERS + 1);
    for (long i = 0; i < READERS; i++)
        go_spawn(reader, (void *)i);
    go_spawn(writer, NULL);
    go_wg_wait(&wg);
    printf("x=%ld done\n", x);
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: x=2 done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'x'
