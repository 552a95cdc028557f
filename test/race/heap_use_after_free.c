// An access to freed heap memory is a heap-use-after-free, reported with
// the access's stack, the free's and the allocation's, whether or not the
// access is ordered after the free (here the same mutex orders them) and
// whoever freed it: this thread (SAME), another thread after the access's
// side waited for it (THREAD_FREES), or this thread while the accessing
// thread waited (MAIN_FREES; the program exits right after the access in
// THREAD_FREES and SAME).  The flag the waiting side spins on is a relaxed
// atomic: it orders nothing.  Memory taken again by malloc is new memory
// (reuse: the freeing thread's next malloc of the same size gets the block
// back, publishes it through the mutex, and main's write is no bug).
// TSan (clang-14 -fsanitize=thread) gives the same verdicts.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 -DTHREAD_FREES %s -o %t-tf && not %t-tf 2>&1 | FileCheck --check-prefixes=CHECK,TF %s
// RUN: %gosan-cc -O1 -DMAIN_FREES %s -o %t-mf && not %t-mf 2>&1 | FileCheck --check-prefixes=CHECK,MF %s
// RUN: %gosan-cc -O1 -DSAME %s -o %t-same && not %t-same 2>&1 | FileCheck --check-prefix=SAME %s
// RUN: %gosan-cc -O1 -DREUSE %s -o %t-reuse && %t-reuse 2>&1 | FileCheck --check-prefix=REUSE %s
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static int *p;
static atomic_int flag; /* relaxed: real-time order only */

static void wait_flag(void) {
    while (!atomic_load_explicit(&flag, memory_order_relaxed))
        ;
}

__attribute__((unused)) static void *freer(void *arg) {
    (void)arg;
    pthread_mutex_lock(&mu);
    int *old = p;
    free(p);
#ifdef REUSE
    p = malloc(4 * sizeof(int)); /* glibc's per-thread cache: the same block */
    printf("reused=%s\n", p == old ? "yes" : "no");
#endif
    (void)old;
    pthread_mutex_unlock(&mu);
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    return NULL;
}

__attribute__((unused)) static void *user(void *arg) {
    (void)arg;
    wait_flag();
    pthread_mutex_lock(&mu);
    p[1] = 2; /* freed by main */
    pthread_mutex_unlock(&mu);
    return NULL;
}

int main(void) {
    p = malloc(4 * sizeof(int));
    p[0] = 1;
    pthread_t t;
#ifdef SAME
    free(p);
    p[2] = 3;
    return 0;
#elif defined(MAIN_FREES)
    pthread_create(&t, NULL, user, NULL);
    pthread_mutex_lock(&mu);
    free(p);
    pthread_mutex_unlock(&mu);
    atomic_store_explicit(&flag, 1, memory_order_relaxed);
    pthread_join(t, NULL);
    return 0;
#else
    pthread_create(&t, NULL, freer, NULL);
    wait_flag();
    pthread_mutex_lock(&mu);
    p[1] = 2; /* freed by the thread (with REUSE, its new block) */
    pthread_mutex_unlock(&mu);
#ifdef REUSE
    pthread_join(t, NULL);
    printf("done\n");
#endif
    return 0;
#endif
}
// CHECK: WARNING: gosan: heap-use-after-free (pid={{[0-9]+}})
// TF-NEXT:   Write of size 4 at 0x[[P:[0-9a-f]+]] by goroutine 1:
// TF-NEXT:     #0 main {{.*}}heap_use_after_free.c:75:10
// MF-NEXT:   Write of size 4 at 0x[[P:[0-9a-f]+]] by thread T1:
// MF-NEXT:     #0 user {{.*}}heap_use_after_free.c:50:10
// CHECK-EMPTY:
// CHECK-NEXT:   Previous free of size 16 at 0x[[B:[0-9a-f]+]] by
// TF-SAME: thread T1:
// TF-NEXT:     #0 freer {{.*}}heap_use_after_free.c:35:5
// MF-SAME: goroutine 1:
// MF-NEXT:     #0 main {{.*}}heap_use_after_free.c:66:5
// CHECK-EMPTY:
// CHECK-NEXT:   Location is heap block of size 16 at 0x[[B]] (freed) allocated by goroutine 1:
// CHECK-NEXT:     #0 main {{.*}}heap_use_after_free.c:56:9
// CHECK:      SUMMARY: gosan: heap-use-after-free {{.*}}heap_use_after_free.c:{{75|50}} in {{main|user}}
// CHECK-NOT: WARNING: gosan
// CHECK: gosan: reported 1 warning

// SAME: WARNING: gosan: heap-use-after-free
// SAME-NEXT:   Write of size 4 at 0x{{[0-9a-f]+}} by goroutine 1:
// SAME-NEXT:     #0 main {{.*}}heap_use_after_free.c:61:10
// SAME-EMPTY:
// SAME-NEXT:   Previous free of size 16 at 0x{{[0-9a-f]+}} by goroutine 1:
// SAME-NEXT:     #0 main {{.*}}heap_use_after_free.c:60:5
// SAME-EMPTY:
// SAME-NEXT:   Location is heap block of size 16 at 0x{{[0-9a-f]+}} (freed) allocated by goroutine 1:
// SAME-NEXT:     #0 main {{.*}}heap_use_after_free.c:56:9
// SAME: SUMMARY: gosan: heap-use-after-free {{.*}}heap_use_after_free.c:61 in main

// REUSE-NOT: WARNING: gosan
// REUSE: reused=yes
// REUSE-NOT: WARNING: gosan
// REUSE: done
// REUSE-NOT: WARNING: gosan
