// No false report from the checks of crowded granules (access.c's
// link handling, shadow_overflow.c's side table): a writer that
// rewrites its own fields many times, at a new epoch each time, among
// readers that read them under a read lock (unordered among themselves,
// so the granule stays crowded, and all ordered with every write).
//   SHARED  the readers read the writer's field: the side table holds
//           many slots' reads, the write's note says "several"
//   OWN     the writer also writes each byte of a second granule at an
//           epoch of its own (its own records fill the side table: one
//           slot's note), then rewrites them; the readers read the first
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DSHARED %s -o %t-shared && %t-shared 2>&1 | FileCheck %s
// RUN: %gosan-cc -O1 -DOWN %s -o %t-own && %t-own 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdio.h>

#define READERS 5
#define ROUNDS 300

struct granule {
    int w; /* the writer's field */
    char r[12];
};

/* Not static, so every access is kept. */
struct granule g __attribute__((aligned(16)));
char own[16] __attribute__((aligned(16)));
static go_rwmutex mu;
static go_wg wg;

static void reader(void *arg) {
    int i = (int)(long)arg;
    for (int n = 0; n < ROUNDS; n++) {
        go_rwmutex_rlock(&mu);
        volatile int v = g.w;
        volatile char c = g.r[i]; /* a byte of this reader's own */
        (void)v;
        (void)c;
        go_rwmutex_runlock(&mu);
        go_yield();
    }
    go_wg_done(&wg);
}

static void writer(void *arg) {
    (void)arg;
    for (int n = 0; n < ROUNDS; n++) {
        go_rwmutex_lock(&mu);
        g.w = n;
#ifdef OWN
        ((volatile char *)own)[n % 6] = (char)n; /* one byte per epoch: no record subsumes another */
        if (n % 6 == 5)
            for (int i = 0; i < 6; i++) /* each byte again, its old record replaced */
                ((volatile char *)own)[i] = 0;
#endif
        go_rwmutex_unlock(&mu);
        go_yield();
    }
    go_wg_done(&wg);
}

int main(void) {
    go_wg_add(&wg, READERS + 1);
    for (long i = 0; i < READERS; i++)
        go_spawn(reader, (void *)i);
    go_spawn(writer, NULL);
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// CHECK-NOT: data race
// CHECK: done
