// A heap block freed by one goroutine and handed out again by malloc to
// another is new memory: nothing of the old block's history may race with
// the new owner's accesses, including in the granule a size that is not a
// multiple of 16 ends in.  The producer allocates and writes a block, the
// consumer reads and frees it, and the producer's next malloc (one worker
// thread: glibc's per-thread cache hands back the same address) writes it
// again with nothing ordering it after the consumer's use: only the
// allocator does.  Every allocation function is used (malloc, calloc,
// realloc, aligned_alloc, posix_memalign, memalign, valloc; C++ new and
// delete: heap_reuse_new.cpp).  With -DRACY the producer reads the block's last byte
// after handing it over, and the consumer's free races with that read: a
// real race on such a block, which is still reported.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: env GOSAN_MAXPROCS=1 GOSAN_OPTIONS=symbolize=0 %t 2>&1 | FileCheck --check-prefixes=NORACE,REUSED %s
// RUN: env GOSAN_MAXPROCS=2 GOSAN_OPTIONS=symbolize=0 %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy
// RUN: env GOSAN_MAXPROCS=1 GOSAN_OPTIONS=symbolize=0 not %t-racy 2>&1 | FileCheck %s
// RUN: %gosan-cc -O0 %s -o %t0 && env GOSAN_MAXPROCS=1 GOSAN_OPTIONS=symbolize=0 %t0 2>&1 | FileCheck --check-prefix=NORACE %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <malloc.h>
#include <string.h>

static const size_t sizes[] = {1, 4, 8, 12, 20, 24, 40, 100, 136};
#define ROUNDS 20

static go_chan *blocks; /* unbuffered: the consumer's use is not ordered before the next malloc */
static go_chan *done;
static unsigned reused;
static const char *const allocators[] = {"malloc", "calloc", "realloc", "realloc-moved",
                                         "aligned_alloc", "posix_memalign", "memalign", "valloc"};
static atomic_int peeked; /* RACY: relaxed, orders nothing; the free waits for the racy read */

static void consumer(void *arg) {
    (void)arg;
    unsigned sum = 0;
    for (;;) {
        unsigned char *p;
        go_chan_recv(blocks, &p);
        if (!p)
            break;
        size_t n = sizes[p[0]]; /* p[0] holds the size's index */
        for (size_t i = 0; i < n; i++)
            sum += ((volatile unsigned char *)p)[i];
#ifdef RACY
        while (!atomic_load_explicit(&peeked, memory_order_relaxed))
            go_yield();
#endif
        free(p);
    }
    printf("sum=%u\n", sum);
    go_chan_send(done, NULL);
}

static unsigned char *allocate(unsigned a, size_t n) {
    void *p = NULL;
    switch (a) {
    case 0: return malloc(n);
    case 1: return calloc(1, n);
    case 2: return realloc(NULL, n);
    case 3: p = malloc(1); return p ? realloc(p, n + 64) : NULL; /* grown: a new block */
    case 4: return aligned_alloc(16, (n + 15) & ~(size_t)15);
    case 5: return posix_memalign(&p, 32, n) ? NULL : p;
    case 6: return memalign(64, n);
    default: return valloc(n);
    }
}

int main(void) {
    blocks = go_chan_make(sizeof(void *), 0);
    done = go_chan_make(0, 0);
    go_spawn(consumer, NULL);
    for (unsigned a = 0; a < sizeof allocators / sizeof *allocators; a++)
    for (unsigned s = 0; s < sizeof sizes / sizeof *sizes; s++) {
        void *last = NULL;
        for (int r = 0; r < ROUNDS; r++) {
            unsigned char *p = allocate(a, sizes[s]);
            if (!p)
                return 1;
            reused += p == last;
            last = p;
            memset(p, r, sizes[s]);
            p[0] = (unsigned char)s;
            go_chan_send(blocks, &p);
#ifdef RACY
            (void)((volatile unsigned char *)p)[sizes[s] - 1]; /* the consumer frees it unordered */
            atomic_store_explicit(&peeked, 1, memory_order_relaxed);
#endif
        }
    }
    void *end = NULL;
    go_chan_send(blocks, &end);
    go_chan_recv(done, NULL);
    printf("reused=%s\n", reused ? "yes" : "no");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: sum=
// REUSED: reused=yes
// CHECK: WARNING: gosan: data race
