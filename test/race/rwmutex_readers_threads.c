// RUnlock happens before the next Lock for every reader, on whatever
// thread it ran.  Four reader threads (adopted pthreads) read x under
// RLock and RUnlock; main, the writer, starts only after all four are done
// (a relaxed counter, which orders nothing) and joins them only after its
// write, so only the RUnlock -> Lock edges order the reads before the
// write.  A readers' clock kept per thread or per processor (docs/perf.md:
// tried as four stripes) must still give the writer every reader's edge:
// a Lock that joined only some stripes failed here.
//   default   main writes x under Lock: no race
//   NOLOCK    main writes x without the lock after the reads: a race
//   WR        main writes x without the lock first, then the readers read
//             under RLock: a race (the other real-time order)
// The racy runs exit right after the racy access (_exit, no join).
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DNOLOCK %s -o %t-nl && not %t-nl 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DWR %s -o %t-wr && not %t-wr 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

#define READERS 4

/* Not static, so every access is kept. */
long x;
long sums[READERS];
static go_rwmutex rw;
static atomic_int done, written, finish; /* relaxed: order nothing */

static void *reader(void *arg) {
    long id = (long)arg;
#ifdef WR
    while (atomic_load_explicit(&written, memory_order_relaxed) < 1)
        sched_yield();
#endif
    go_rwmutex_rlock(&rw);
    sums[id] = x;
    go_rwmutex_runlock(&rw);
#ifdef WR
    if (atomic_fetch_add_explicit(&done, 1, memory_order_relaxed) + 1 == READERS)
        _exit(66); /* right after the last racy read */
#else
    atomic_fetch_add_explicit(&done, 1, memory_order_relaxed);
#endif
    while (!atomic_load_explicit(&finish, memory_order_relaxed))
        sched_yield();
    return NULL;
}

int main(void) {
    pthread_t th[READERS];
    for (long i = 0; i < READERS; i++)
        pthread_create(&th[i], NULL, reader, (void *)i);
#ifdef WR
    x = 1;
    atomic_store_explicit(&written, 1, memory_order_relaxed);
    for (;;)
        sched_yield(); /* the last reader exits */
#else
    while (atomic_load_explicit(&done, memory_order_relaxed) < READERS)
        sched_yield();
#ifdef NOLOCK
    x = 2;
    _exit(66); /* right after the racy write */
#else
    go_rwmutex_lock(&rw);
    x = 2;
    go_rwmutex_unlock(&rw);
#endif
#endif
    atomic_store_explicit(&finish, 1, memory_order_relaxed);
    for (int i = 0; i < READERS; i++)
        pthread_join(th[i], NULL);
    printf("x=%ld done\n", x);
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: x=2 done
// CHECK: WARNING: gosan: data race
// CHECK: Location is global 'x'
