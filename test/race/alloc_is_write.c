// An allocation is a write of the new block by the allocating thread or
// goroutine (as in TSan): another one reading the block with nothing
// ordering it after the malloc races with the allocation (a publication
// bug: the pointer goes through a relaxed atomic).  Both directions: main
// allocates and a waiting thread reads (MAIN_ALLOCS), a thread allocates
// and main reads and exits at once (THREAD_ALLOCS).  Published through a
// mutex (MUTEX) or a channel (CHAN), the read is ordered: no report.
// TSan (clang-14 -fsanitize=thread) agrees on the pthread modes.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DMAIN_ALLOCS %s -o %t-m && not %t-m 2>&1 | FileCheck --check-prefixes=CHECK,MA %s
// RUN: %gosan-cc -O1 -DTHREAD_ALLOCS %s -o %t-t && not %t-t 2>&1 | FileCheck --check-prefixes=CHECK,TA %s
// RUN: %gosan-cc -O1 -DMUTEX %s -o %t-mu && %t-mu 2>&1 | FileCheck --check-prefix=ORDERED %s
// RUN: %gosan-cc -O1 -DCHAN %s -o %t-ch && %t-ch 2>&1 | FileCheck --check-prefix=ORDERED %s
#include <gosan/go.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

struct config {
    int version;
    int limit;
};

static _Atomic(struct config *) published; /* relaxed: orders nothing */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static struct config *shared; /* MUTEX: under mu */
static go_chan *ch;

static struct config *make_config(void) {
    return malloc(sizeof(struct config)); /* the write the reader races with */
}

static struct config *wait_published(void) {
    struct config *c;
    while (!(c = atomic_load_explicit(&published, memory_order_relaxed)))
        ;
    return c;
}

__attribute__((unused)) static void *reader(void *arg) {
    (void)arg;
    printf("limit=%d\n", wait_published()->limit);
    return NULL;
}

__attribute__((unused)) static void *allocator(void *arg) {
    (void)arg;
    atomic_store_explicit(&published, make_config(), memory_order_relaxed);
    return NULL;
}

__attribute__((unused)) static void chan_reader(void *arg) {
    (void)arg;
    struct config *c;
    go_chan_recv(ch, &c);
    printf("limit=%d\n", c->limit);
    go_chan_send(ch, &c);
}

int main(void) {
    pthread_t t;
#if defined(MAIN_ALLOCS)
    pthread_create(&t, NULL, reader, NULL);
    atomic_store_explicit(&published, make_config(), memory_order_relaxed);
    pthread_join(t, NULL);
#elif defined(THREAD_ALLOCS)
    pthread_create(&t, NULL, allocator, NULL);
    return wait_published()->limit; /* the bug, and the program ends */
#elif defined(MUTEX)
    pthread_create(&t, NULL, allocator, NULL);
    struct config *c = wait_published();
    pthread_mutex_lock(&mu);
    shared = make_config();
    shared->limit = 7;
    pthread_mutex_unlock(&mu);
    pthread_join(t, NULL); /* orders the allocator's malloc before main's read of c */
    pthread_mutex_lock(&mu);
    printf("limit=%d %d\n", shared->limit, c->limit >= 0);
    pthread_mutex_unlock(&mu);
#else
    ch = go_chan_make(sizeof(struct config *), 0);
    go_spawn(chan_reader, NULL);
    struct config *c = make_config();
    c->limit = 7;
    go_chan_send(ch, &c);
    go_chan_recv(ch, &c);
#endif
    printf("done\n");
    return 0;
}
// CHECK: WARNING: gosan: data race (pid={{[0-9]+}})
// MA-NEXT:   Read of size 4 at 0x[[A:[0-9a-f]+]] by thread T1:
// MA-NEXT:     #0 reader {{.*}}alloc_is_write.c:43:
// TA-NEXT:   Read of size 4 at 0x[[A:[0-9a-f]+]] by goroutine 1:
// TA-NEXT:     #0 main {{.*}}alloc_is_write.c:69:
// CHECK-EMPTY:
// CHECK-NEXT:   Previous write (allocation) of size 8 at 0x[[B:[0-9a-f]+]] by
// MA-SAME: goroutine 1:
// TA-SAME: thread T1:
// CHECK-NEXT:     #0 make_config {{.*}}alloc_is_write.c:31:
// MA-NEXT:        #1 main {{.*}}alloc_is_write.c:65:
// TA-NEXT:        #1 allocator {{.*}}alloc_is_write.c:49:
// CHECK-EMPTY:
// CHECK-NEXT:   Location is heap block of size 8 at 0x[[B]] allocated by
// CHECK:      SUMMARY: gosan: data race {{.*}}alloc_is_write.c:{{43|69}} in {{reader|main}}
// CHECK-NOT: WARNING: gosan

// ORDERED-NOT: WARNING: gosan
// ORDERED: limit=7
// ORDERED-NOT: WARNING: gosan
// ORDERED: done
// ORDERED-NOT: WARNING: gosan
