// C11 atomics: a release store read by an acquire load orders the writes
// before it (NORACE), and so do a release fence before a relaxed store and
// an acquire fence after a relaxed load (FENCE).  Relaxed alone orders
// nothing (RACY).  Atomics never race with each other.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t && %t 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DFENCE %s -o %t-fence && %t-fence 2>&1 | FileCheck --check-prefix=NORACE %s
// RUN: %gosan-cc -O1 -DRACY %s -o %t-racy && not %t-racy 2>&1 | FileCheck %s
#include <gosan/go.h>
#include <stdatomic.h>
#include <stdio.h>

/* Not static: at -O1 a static int only ever set to one value is shrunk to a
 * bool by the optimizer, and its accesses become 1-byte ones. */
int payload;
static atomic_int flag;
static go_wg wg;

#if defined(RACY)
#define STORE(f) atomic_store_explicit(f, 1, memory_order_relaxed)
#define LOAD(f) atomic_load_explicit(f, memory_order_relaxed)
#define AFTER_LOAD()
#elif defined(FENCE)
#define STORE(f) (atomic_thread_fence(memory_order_release), atomic_store_explicit(f, 1, memory_order_relaxed))
#define LOAD(f) atomic_load_explicit(f, memory_order_relaxed)
#define AFTER_LOAD() atomic_thread_fence(memory_order_acquire)
#else
#define STORE(f) atomic_store_explicit(f, 1, memory_order_release)
#define LOAD(f) atomic_load_explicit(f, memory_order_acquire)
#define AFTER_LOAD()
#endif

static void publisher(void *arg) {
    (void)arg;
    payload = 99;
    STORE(&flag);
    go_wg_done(&wg);
}

int main(void) {
    go_wg_add(&wg, 1);
    go_spawn(publisher, NULL);
    while (!LOAD(&flag))
        go_yield();
    AFTER_LOAD();
    printf("payload=%d\n", payload);
    go_wg_wait(&wg);
    printf("done\n");
    return 0;
}
// NORACE-NOT: WARNING: gosan
// NORACE: done
// CHECK: WARNING: gosan: data race
// CHECK: Read of size 4 at {{.*}} by goroutine 1:
// CHECK: Previous write of size 4 at {{.*}} by goroutine 2:
// CHECK: Location is global 'payload'
