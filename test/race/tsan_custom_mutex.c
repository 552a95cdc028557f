// A lock the program implements itself, annotated for TSan with the
// __tsan_mutex_* calls of <sanitizer/tsan_interface.h>, works unchanged:
// a spin lock on relaxed C11 atomics (which order nothing by themselves,
// so only the annotations order its critical sections) guards a counter
// without a race (counter: blocking locks and try-locks, a failed try-lock
// included; -DNO_ANNOTATIONS: the same lock without annotations reports);
// and two such locks taken in opposite orders by two threads (one after
// the other: no real deadlock) are a lock-order inversion (inversion).  A
// recursive lock annotated with the dynamic annotations' AnnotateRWLock*
// (reentrant for writers, as in TSan), taken twice by its holder, is one
// lock: no race, no deadlock (recursive).  The same program built with
// clang -fsanitize=thread gives the same verdicts.
// REQUIRES: plugin
// RUN: %gosan-cc -O1 %s -o %t
// RUN: %t counter 2>&1 | FileCheck --check-prefix=OK %s
// RUN: not %t inversion 2>&1 | FileCheck --check-prefix=INV %s
// RUN: %t recursive 2>&1 | FileCheck --check-prefix=REC %s
// RUN: %gosan-cc -O1 -DNO_ANNOTATIONS %s -o %t-plain
// RUN: not %t-plain counter 2>&1 | FileCheck --check-prefix=RACE %s
// RUN: %gosan-clang -fsanitize=thread -O1 -g %s -o %t-tsan
// RUN: %t-tsan counter 2>&1 | FileCheck --check-prefix=OK %s
// RUN: not %t-tsan inversion 2>&1 | FileCheck --check-prefix=TSAN-INV %s
// RUN: %t-tsan recursive 2>&1 | FileCheck --check-prefix=REC %s
// OK-NOT: WARNING
// OK: counter=4000
// REC-NOT: WARNING
// REC: counter=4000
// INV: WARNING: gosan: lock-order inversion (potential deadlock)
// INV: SUMMARY: gosan: lock-order inversion
// RACE: WARNING: gosan: data race
// RACE: Location is global 'counter'
// TSAN-INV: WARNING: ThreadSanitizer: lock-order-inversion (potential deadlock)
#include <pthread.h>
#include <sanitizer/tsan_interface.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#ifdef NO_ANNOTATIONS
#define ANN(call) ((void)0)
#define ANN_INT(call) 0
#else
#define ANN(call) call
#define ANN_INT(call) call
#endif

typedef struct spin {
    atomic_int word;
} spin;

static void spin_init(spin *l) {
    atomic_init(&l->word, 0);
    ANN(__tsan_mutex_create(l, __tsan_mutex_not_static));
}

static void spin_lock(spin *l) {
    ANN(__tsan_mutex_pre_lock(l, 0));
    while (atomic_exchange_explicit(&l->word, 1, memory_order_relaxed))
        while (atomic_load_explicit(&l->word, memory_order_relaxed))
            ;
    ANN(__tsan_mutex_post_lock(l, 0, 0));
}

static int spin_trylock(spin *l) {
    ANN(__tsan_mutex_pre_lock(l, __tsan_mutex_try_lock));
    int ok = !atomic_exchange_explicit(&l->word, 1, memory_order_relaxed);
    ANN(__tsan_mutex_post_lock(l, ok ? __tsan_mutex_try_lock : __tsan_mutex_try_lock_failed, 0));
    return ok;
}

static void spin_unlock(spin *l) {
    (void)ANN_INT(__tsan_mutex_pre_unlock(l, 0));
    atomic_store_explicit(&l->word, 0, memory_order_relaxed);
    ANN(__tsan_mutex_post_unlock(l, 0));
}

static void spin_destroy(spin *l) { ANN(__tsan_mutex_destroy(l, __tsan_mutex_not_static)); }

static spin a, b;
static int counter;

// A recursive lock over a spin lock, annotated with the dynamic
// annotations (declared as a dynamic_annotations.h declares them).
void AnnotateRWLockCreate(const char *file, int line, const volatile void *lock);
void AnnotateRWLockDestroy(const char *file, int line, const volatile void *lock);
void AnnotateRWLockAcquired(const char *file, int line, const volatile void *lock, long is_w);
void AnnotateRWLockReleased(const char *file, int line, const volatile void *lock, long is_w);

typedef struct rspin {
    atomic_int word;
    _Atomic(pthread_t) owner;
    int depth; // the holder's only
} rspin;

static rspin r;

static void rspin_lock(rspin *l) {
    if (atomic_load_explicit(&l->owner, memory_order_relaxed) != pthread_self()) {
        while (atomic_exchange_explicit(&l->word, 1, memory_order_relaxed))
            ;
        atomic_store_explicit(&l->owner, pthread_self(), memory_order_relaxed);
    }
    ANN(AnnotateRWLockAcquired(__FILE__, __LINE__, l, 1));
    l->depth++;
}

static void rspin_unlock(rspin *l) {
    int depth = --l->depth;
    ANN(AnnotateRWLockReleased(__FILE__, __LINE__, l, 1));
    if (depth == 0) {
        atomic_store_explicit(&l->owner, (pthread_t)0, memory_order_relaxed);
        atomic_store_explicit(&l->word, 0, memory_order_relaxed);
    }
}

static void *count_recursive(void *arg) {
    (void)arg;
    for (int i = 0; i < 2000; i++) {
        rspin_lock(&r);
        rspin_lock(&r);
        counter++;
        rspin_unlock(&r);
        rspin_unlock(&r);
    }
    return NULL;
}

static void *count(void *arg) {
    (void)arg;
    for (int i = 0; i < 2000; i++) {
        if (i % 2 == 0 || !spin_trylock(&a))
            spin_lock(&a);
        counter++;
        spin_unlock(&a);
    }
    return NULL;
}

static void *a_then_b(void *arg) {
    (void)arg;
    spin_lock(&a);
    spin_lock(&b);
    spin_unlock(&b);
    spin_unlock(&a);
    return NULL;
}

static void *b_then_a(void *arg) {
    (void)arg;
    spin_lock(&b);
    spin_lock(&a);
    spin_unlock(&a);
    spin_unlock(&b);
    return NULL;
}

int main(int argc, char **argv) {
    pthread_t t1, t2;
    spin_init(&a);
    spin_init(&b);
    if (argc > 1 && !strcmp(argv[1], "inversion")) {
        pthread_create(&t1, NULL, a_then_b, NULL);
        pthread_join(t1, NULL);
        pthread_create(&t2, NULL, b_then_a, NULL);
        pthread_join(t2, NULL);
    } else if (argc > 1 && !strcmp(argv[1], "recursive")) {
        ANN(AnnotateRWLockCreate(__FILE__, __LINE__, &r));
        pthread_create(&t1, NULL, count_recursive, NULL);
        pthread_create(&t2, NULL, count_recursive, NULL);
        pthread_join(t1, NULL);
        pthread_join(t2, NULL);
        printf("counter=%d\n", counter);
        ANN(AnnotateRWLockDestroy(__FILE__, __LINE__, &r));
    } else {
        pthread_create(&t1, NULL, count, NULL);
        pthread_create(&t2, NULL, count, NULL);
        pthread_join(t1, NULL);
        pthread_join(t2, NULL);
        printf("counter=%d\n", counter);
    }
    spin_destroy(&a);
    spin_destroy(&b);
    return 0;
}
